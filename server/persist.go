package server

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"time"
	"unsafe"

	"github.com/miniserve-dev/miniserve/datastruct"
	"github.com/miniserve-dev/miniserve/persistence"
)

// persistState is the server's side of persistence: the AOF, the
// snapshot in progress, and the books INFO persistence reports. Guarded
// by Server.mu.
type persistState struct {
	aof     *persistence.AOF
	loading bool
	// aofWriteErr is the AOF's last write or fsync error, read once per
	// cron tick rather than on every write command.
	aofWriteErr error

	job              *snapshotJob // a SAVE, BGSAVE or AOF rewrite in progress
	detachedRewrite  bool         // the rewrite in progress runs with appendonly no
	bgsaveScheduled  bool
	rewriteScheduled bool

	lastSave          time.Time
	lastBgsaveErr     error
	lastBgsaveTry     time.Time
	lastBgsaveSeconds int64
	rdbSaves          int64
	dirtyAtStart      int64

	aofRewrites        int64
	lastRewriteErr     error
	lastRewriteSeconds int64
	aofBaseSize        int64 // base size after the last rewrite, for auto rewrite
	rdbLastLoadKeys    int64
	rdbLastLoadExpired int64
}

// snapshotJob walks the keyspace for a snapshot or a rewrite while
// clients go on: see datastruct.DB.BeginSnapshot. The walk always runs
// to its end, even after a write error, so that every entry's mark is
// consistent for the next snapshot.
type snapshotJob struct {
	rewrite bool
	walked  bool // the walk is over: the barrier is off, the file is being finished
	locked  bool // SAVE: the walk holds the lock throughout
	iters   []*datastruct.DBSnapshot
	next    int           // the database being walked
	pending []capturedKey // taken by the write barrier, not yet written
	// batch and arena are reused by every take, so the walk allocates
	// nothing under the lock: an allocation there can be made to help the
	// GC for milliseconds while every client waits for the lock.
	batch   []capturedKey
	arena   []byte
	started time.Time
	done    chan struct{}
	err     error
	// libraries are the function libraries when the save began, which a
	// snapshot holds as Redis's RDB does.
	libraries []*luaLibrary
}

const (
	snapshotChunk      = 512     // entries taken per lock acquisition, at most
	snapshotChunkBytes = 1 << 20 // string bytes copied per lock acquisition, about
	snapshotArenaKeep  = 4 << 20 // a bigger arena is dropped after its batch
)

// beginSnapshot starts a walk of every database. The caller holds s.mu.
func (s *Server) beginSnapshot(rewrite bool) *snapshotJob {
	job := &snapshotJob{rewrite: rewrite, started: s.clock.now(), done: make(chan struct{})}
	if !rewrite {
		job.libraries = s.librariesByName()
	}
	for _, d := range s.dbs {
		job.iters = append(job.iters, d.keys.BeginSnapshot())
	}
	s.persist.job = job
	s.persist.dirtyAtStart = s.dirty
	return job
}

// snapshotBarrier hands the keys a write command is about to change to
// the snapshot in progress, as they were. The caller holds s.mu.
func (s *Server) snapshotBarrier(c *Client, cmd *Command, argv [][]byte) {
	job := s.persist.job
	if job.walked {
		return
	}
	for _, i := range cmd.keyIndexes(argv) {
		s.captureKey(job, c.db, argv[i])
		if cmd.Name == "copy" {
			// COPY ... DB n writes the destination in another database.
			for _, d := range s.dbs {
				s.captureKey(job, d, argv[i])
			}
		}
	}
}

func (s *Server) captureKey(job *snapshotJob, d *db, key []byte) {
	if e := d.keys.Find(key); e != nil && d.keys.Pending(e) {
		d.keys.Taken(e)
		job.pending = append(job.pending, capture(d.id, e, true))
	}
}

// captureEntry is the barrier for changes that are not a command's own
// keys: expiry, eviction.
func (s *Server) captureEntry(d *db, e *datastruct.Entry) {
	if job := s.persist.job; job != nil && !job.walked && d.keys.Pending(e) {
		d.keys.Taken(e)
		job.pending = append(job.pending, capture(d.id, e, true))
	}
}

// take returns the next keys to write and whether the walk is over. The
// caller holds s.mu.
//
// The strings of a background walk are copied into job.arena, which the
// next take reuses: the caller must be done with the batch by then.
func (job *snapshotJob) take(nowMs int64) ([]capturedKey, bool) {
	if cap(job.arena) > snapshotArenaKeep {
		job.arena = nil
	}
	clear(job.batch)
	batch := append(job.batch[:0], job.pending...)
	arena := job.arena[:0]
	job.pending = nil
	copied := int64(0) // bytes of lists copied, which count as the arena's
	for job.next < len(job.iters) && len(batch) < snapshotChunk && int64(len(arena))+copied < snapshotChunkBytes {
		if job.iters[job.next].Next(snapshotChunk/8, func(e *datastruct.Entry) {
			k := capture(job.next, e, false)
			if !job.locked && k.typ == typeString {
				start := len(arena)
				arena = append(arena, k.str...)
				k.str = arena[start:len(arena):len(arena)]
			}
			if !job.locked && k.typ == typeList {
				k.list = k.list.Copy()
				copied += k.list.MemoryBytes()
			}
			if k.typ == typeStream {
				copied += k.stream.MemoryBytes()
			}
			batch = append(batch, k)
		}) {
			job.next++
		}
	}
	job.batch, job.arena = batch, arena
	// Keys already expired are left out, as Redis leaves them out.
	kept := batch[:0]
	for _, k := range batch {
		if k.expireAt == 0 || k.expireAt > nowMs {
			kept = append(kept, k)
		}
	}
	return kept, job.next == len(job.iters) && len(job.pending) == 0
}

// runSnapshot drives job to its end, calling sink for every key outside
// the lock (or under it, for SAVE, when locked is true and the caller
// holds it). It returns sink's first error.
func (s *Server) runSnapshot(job *snapshotJob, locked bool, sink func(k *capturedKey) error) error {
	var err error
	for {
		if !locked {
			s.mu.Lock()
		}
		batch, finished := job.take(s.clock.nowMs())
		if finished {
			job.walked = true // the barrier is off; the job stays until its file is done
		}
		if !locked {
			s.mu.Unlock()
		}
		for i := range batch {
			if err == nil {
				err = sink(&batch[i])
			}
			if !locked && i%64 == 63 {
				yieldToClients()
			}
		}
		if !locked {
			yieldToClients()
		}
		if finished {
			return err
		}
	}
}

// yieldToClients lets requests run while a background save works. With
// one thread (io-threads 1) a busy goroutine keeps it until the
// scheduler preempts it, and the network is only polled when nothing is
// runnable: a Gosched would not let waiting clients in, a short sleep
// does, as a forked child on another core would not need to.
func yieldToClients() { time.Sleep(time.Microsecond) }

// borrowCore gives a background save a thread of its own while it runs,
// when the process runs on fewer threads than the machine has cores (the
// binary's io-threads 1), and returns the function that gives it back.
// Redis's forked child runs on another core the same way; sharing one
// thread with it, clients waited up to 180 ms for a 1M-key BGSAVE.
func borrowCore() (giveBack func()) {
	procs := runtime.GOMAXPROCS(0)
	if procs >= runtime.NumCPU() {
		return func() {}
	}
	runtime.GOMAXPROCS(procs + 1)
	return func() { runtime.GOMAXPROCS(procs) }
}

// snapshotPath is dir/dbfilename.
func (s *Server) snapshotPath() string { return filepath.Join(s.cfg.Dir, s.cfg.DBFilename) }

// saveSnapshot writes job to the snapshot file.
func (s *Server) saveSnapshot(job *snapshotJob, locked bool) error {
	w, werr := persistence.CreateSnapshot(s.snapshotPath())
	for _, lib := range job.libraries {
		if werr != nil {
			break
		}
		werr = w.Put(persistence.Record{Type: typeFunctionLibrary, Key: []byte(lib.name), Payload: []byte(lib.code)})
	}
	var buf []byte
	err := s.runSnapshot(job, locked, func(k *capturedKey) error {
		if werr != nil {
			return werr
		}
		buf = k.payload(buf[:0])
		// Put copies the key, so the key's own bytes can be lent.
		key := unsafe.Slice(unsafe.StringData(k.key), len(k.key))
		return w.Put(persistence.Record{DB: k.db, Key: key, Type: k.typ, ExpireAt: k.expireAt, Payload: buf})
	})
	if werr != nil {
		return werr
	}
	if err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}

// finishSave records a save's outcome. The caller holds s.mu.
func (s *Server) finishSave(job *snapshotJob, err error) {
	p := &s.persist
	p.lastBgsaveErr = err
	p.lastBgsaveTry = s.clock.now()
	p.lastBgsaveSeconds = int64(s.clock.now().Sub(job.started).Seconds())
	if err != nil {
		s.log.Warn("Background saving error", "err", err)
		return
	}
	p.rdbSaves++
	p.lastSave = s.clock.now()
	s.dirty -= p.dirtyAtStart
	s.log.Info("DB saved on disk")
}

// save is SAVE: the whole snapshot under the lock, as Redis blocks.
func (s *Server) save() error {
	if s.persist.job != nil {
		return errors.New("ERR Background save already in progress")
	}
	job := s.beginSnapshot(false)
	job.locked = true
	err := s.saveSnapshot(job, true)
	s.persist.job = nil
	close(job.done)
	s.finishSave(job, err)
	return err
}

// bgsave starts BGSAVE. The caller holds s.mu.
func (s *Server) bgsave() {
	job := s.beginSnapshot(false)
	s.log.Info("Background saving started")
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer borrowCore()()
		err := s.saveSnapshot(job, false)
		s.mu.Lock()
		job.err = err
		s.persist.job = nil
		s.finishSave(job, err)
		close(job.done)
		s.startScheduled()
		s.mu.Unlock()
	}()
}

// startScheduled starts a BGSAVE or rewrite that waited for the one
// that just finished. The caller holds s.mu.
func (s *Server) startScheduled() {
	switch {
	case s.persist.job != nil:
	case s.persist.rewriteScheduled:
		s.persist.rewriteScheduled = false
		s.bgrewrite()
	case s.persist.bgsaveScheduled:
		s.persist.bgsaveScheduled = false
		s.bgsave()
	}
}

// bgrewrite starts an AOF rewrite: a fresh base from a snapshot, while
// new writes go to a fresh incr file. With appendonly no it rewrites
// anyway, as Redis does: the files are opened for the rewrite alone, and
// a later appendonly yes (or a restart with it) starts from that base.
// The caller holds s.mu.
func (s *Server) bgrewrite() {
	aof := s.persist.aof
	detached := aof == nil
	if detached {
		var err error
		if aof, err = persistence.OpenAOF(s.aofConfig()); err != nil {
			s.persist.lastRewriteErr = err
			s.log.Warn("Can't rewrite append only file", "err", err)
			return
		}
		s.persist.detachedRewrite = true
	}
	rw, err := aof.StartRewrite()
	if err != nil {
		if detached {
			aof.Close()
			s.persist.detachedRewrite = false
		}
		s.persist.lastRewriteErr = err
		s.log.Warn("Can't rewrite append only file", "err", err)
		return
	}
	job := s.beginSnapshot(true)
	// The key counts come first, so that loading sizes each table once;
	// then the function libraries, as FUNCTION LOAD, as in Redis's
	// rewrite. Both are taken now, under the lock.
	keyCounts := make([]int, len(s.dbs))
	for i, d := range s.dbs {
		keyCounts[i] = d.keys.Len()
	}
	libraries := s.functionLoadCommands()
	s.log.Info("Background append only file rewriting started")
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer borrowCore()()
		var err error
		for db, keys := range keyCounts {
			if err == nil && keys > 0 {
				err = rw.WriteKeyCount(db, keys)
			}
		}
		for _, argv := range libraries {
			if err == nil {
				err = rw.WriteCommand(0, argv)
			}
		}
		var scratch rewriteScratch
		if err == nil {
			err = s.runSnapshot(job, false, func(k *capturedKey) error {
				return k.rewriteCommands(&scratch, func(argv [][]byte) error { return rw.WriteCommand(k.db, argv) })
			})
		}
		if err == nil {
			err = rw.Commit()
		} else {
			rw.Abort()
		}
		if detached {
			if cerr := aof.Close(); err == nil {
				err = cerr
			}
		}
		s.mu.Lock()
		p := &s.persist
		p.job = nil
		p.lastRewriteErr = err
		p.lastRewriteSeconds = int64(s.clock.now().Sub(job.started).Seconds())
		if err == nil {
			p.aofRewrites++
			if p.aof != nil {
				p.aofBaseSize, _ = p.aof.Sizes()
			}
			s.log.Info("Background AOF rewrite finished successfully")
		} else {
			s.log.Warn("Background AOF rewrite failed", "err", err)
		}
		job.err = err
		close(job.done)
		if detached {
			p.detachedRewrite = false
			if s.cfg.AppendOnly && p.aof == nil {
				s.enableAOF() // turned on while the rewrite ran
			}
		}
		s.startScheduled()
		s.mu.Unlock()
	}()
}

// persistCron runs the save rules, the automatic rewrite and the AOF's
// once-a-second fsync. The caller holds s.mu.
func (s *Server) persistCron() {
	p := &s.persist
	now := s.clock.now()
	p.aofWriteErr = nil
	if p.aof != nil {
		p.aof.FsyncIfDue(time.Now())
		p.aofWriteErr = p.aof.LastWriteError()
	}
	if p.job != nil || p.loading {
		return
	}
	for _, rule := range s.cfg.Save {
		if s.dirty >= int64(rule.Changes) && now.Sub(p.lastSave) >= time.Duration(rule.Seconds)*time.Second &&
			(p.lastBgsaveErr == nil || now.Sub(p.lastBgsaveTry) >= 5*time.Second) {
			s.log.Info(fmt.Sprintf("%d changes in %d seconds. Saving...", rule.Changes, rule.Seconds))
			s.bgsave()
			return
		}
	}
	if p.aof != nil && s.cfg.AutoAOFRewritePercentage > 0 {
		base, incr := p.aof.Sizes()
		size := base + incr
		if p.aofBaseSize == 0 {
			p.aofBaseSize = base
		}
		ref := max(p.aofBaseSize, 1)
		if size > s.cfg.AutoAOFRewriteMinSize && (size-ref)*100/ref >= int64(s.cfg.AutoAOFRewritePercentage) {
			s.log.Info("Starting automatic rewriting of AOF", "growth_pct", (size-ref)*100/ref)
			s.bgrewrite()
		}
	}
}

// misconf reports whether writes are refused after a failed background
// save, as stop-writes-on-bgsave-error asks.
func (s *Server) misconf() bool {
	p := &s.persist
	return s.cfg.StopWritesOnBgsaveError && len(s.cfg.Save) > 0 && p.lastBgsaveErr != nil
}

const errMisconf = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error."

// aofConfig builds the AOF's settings from the configuration.
func (s *Server) aofConfig() persistence.AOFConfig {
	fsync := persistence.FsyncEverysec
	switch s.cfg.AppendFsync {
	case "always":
		fsync = persistence.FsyncAlways
	case "no":
		fsync = persistence.FsyncNo
	}
	return persistence.AOFConfig{Dir: s.cfg.Dir, DirName: s.cfg.AppendDirname, FileName: s.cfg.AppendFilename,
		Fsync: fsync, LoadTruncated: s.cfg.AOFLoadTruncated, Logger: s.log}
}

// loadData fills the databases at startup: from the AOF when appendonly
// is yes, else from the snapshot. Commands replay through the normal
// dispatch, on a loading client that propagates nothing.
func (s *Server) loadData() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := &s.persist
	p.loading = true
	defer func() { p.loading = false }()
	start := time.Now()
	p.lastSave = s.clock.now() // as Redis: the save rules count from startup
	gc := s.pauseGCForLoad()
	defer gc.restore()
	if s.cfg.AppendOnly {
		c := s.loadingClient()
		stats, err := persistence.LoadAOF(s.aofConfig(), persistence.AOFReplay{
			Apply: func(argv [][]byte) error {
				c.reply.buf = c.reply.buf[:0]
				s.dispatch(c, argv)
				if len(s.readyKeys) > 0 {
					s.readyKeys = s.readyKeys[:0]
				}
				return nil
			},
			// The file's keys are in no order the cache can guess: each
			// new key's lookup misses, and warming a few commands' keys
			// at once overlaps those misses.
			Ahead: func(cmds [][][]byte) { s.warmKeys(c, cmds) },
			Reserve: func(db, keys int) {
				if db < len(s.dbs) {
					s.dbs[db].keys.Reserve(keys)
				}
			},
			Progress: func(done, total int64) {
				s.log.Info("Loading AOF", "done", done, "total", total)
				gc.check()
			},
		})
		if err != nil {
			return err
		}
		if c.multi != nil {
			s.log.Warn("Revert incomplete MULTI/EXEC transaction in AOF file")
			c.multi = nil
		}
		s.log.Info("DB loaded from append only file", "commands", stats.Commands, "seconds", time.Since(start).Seconds())
		aof, err := persistence.OpenAOF(s.aofConfig())
		if err != nil {
			return err
		}
		p.aof = aof
		p.aofBaseSize, _ = aof.Sizes()
		return nil
	}
	// A save that died leaves its temporary file: it never becomes the
	// snapshot, so it can go.
	if stale, _ := filepath.Glob(s.snapshotPath() + ".tmp-*"); len(stale) > 0 {
		for _, f := range stale {
			os.Remove(f)
		}
		s.log.Info("Removed the temporary files of unfinished saves", "files", len(stale))
	}
	now := s.clock.nowMs()
	// expected is the snapshot's record count, told before the first
	// record; loaded counts the keys so far, so that each database's
	// table is sized once for the records still to come.
	var expected, loaded int64
	stats, err := persistence.LoadSnapshot(s.snapshotPath(), func(rec persistence.Record) error {
		if rec.Type == typeFunctionLibrary {
			if _, msg := s.functionLoad(string(rec.Payload), false); msg != "" {
				return fmt.Errorf("function library %q: %s", rec.Key, msg)
			}
			return nil
		}
		if rec.DB < 0 || rec.DB >= len(s.dbs) {
			return fmt.Errorf("snapshot names database %d, the server has %d", rec.DB, len(s.dbs))
		}
		if rec.ExpireAt != 0 && rec.ExpireAt <= now {
			p.rdbLastLoadExpired++
			return nil
		}
		// A snapshot holds each key once, and loads into empty databases.
		d := s.dbs[rec.DB]
		if d.keys.Len() == 0 {
			d.keys.Reserve(int(expected - loaded))
		}
		loaded++
		e, err := s.restoreKey(d.keys, rec.Key, rec.Type, rec.Payload)
		if err != nil {
			return fmt.Errorf("key %q: %w", rec.Key, err)
		}
		s.initAccess(e)
		if rec.ExpireAt != 0 {
			d.keys.SetExpire(e, rec.ExpireAt)
		}
		s.accountAdded(d, e)
		p.rdbLastLoadKeys++
		return nil
	}, func(done, total int64) {
		if done == 0 {
			expected = total
			return
		}
		s.log.Info("Loading snapshot", "done", done, "total", total)
		gc.check()
	})
	if err != nil {
		return fmt.Errorf("%s: %w", s.snapshotPath(), err)
	}
	if stats.Commands > 0 {
		s.log.Info("DB loaded from disk", "keys", stats.Commands, "seconds", time.Since(start).Seconds())
	}
	return nil
}

// loadGC pauses the Go collector while data loads at startup, where
// the server may tune the runtime. A load allocates mostly what it
// keeps, so collections on the way would mostly mark the growing data
// set again and again: a third of a 1M-key restart's time.
type loadGC struct {
	s      *Server
	prev   int // the GC percent to restore
	paused bool
	heap   [1]metrics.Sample
}

func (s *Server) pauseGCForLoad() *loadGC {
	g := &loadGC{s: s, heap: [1]metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
	if s.tuneGoRuntime {
		g.prev, g.paused = debug.SetGCPercent(-1), true
	}
	return g
}

// check, called every few MB of a load, turns the collector back on once
// the heap outgrows the data twice over, the most GOGC 100 would let it:
// replaying an AOF's overwrites and deletions can make any amount of
// garbage.
func (g *loadGC) check() {
	if !g.paused {
		return
	}
	metrics.Read(g.heap[:])
	heap, used := int64(g.heap[0].Value.Uint64()), g.s.usedMemory()
	if heap > 2*used+loadGarbageSlack {
		g.restore()
		g.s.log.Info("Garbage outgrew the data during the load: the collector resumes", "heap", heap, "used_memory", used)
	}
}

// loadGarbageSlack is how far a small data set's heap may outgrow it
// before the collector resumes. A variable for tests.
var loadGarbageSlack int64 = 64 << 20

// restore sets the collector back as it was. The first collection then
// runs once serving starts.
func (g *loadGC) restore() {
	if g.paused {
		debug.SetGCPercent(g.prev)
		g.paused = false
	}
}

// loadingClient replays the AOF: authenticated, no connection.
func (s *Server) loadingClient() *Client {
	c := &Client{srv: s, id: -1, addr: "loading", reply: Reply{resp: 2}, db: s.dbs[0]}
	c.authed.Store(true)
	c.loading = true
	return c
}

// enableAOF turns appendonly on at runtime: open the AOF and write a base
// with a rewrite. The caller holds s.mu.
func (s *Server) enableAOF() error {
	if s.persist.aof != nil || s.persist.detachedRewrite {
		return nil // a rewrite with appendonly no is running: it turns the AOF on when done
	}
	aof, err := persistence.OpenAOF(s.aofConfig())
	if err != nil {
		s.log.Warn("Can't open the append-only file", "err", err)
		return errors.New("Unable to turn on AOF. Check server logs.")
	}
	s.persist.aof = aof
	if s.persist.job != nil {
		s.persist.rewriteScheduled = true
	} else {
		s.bgrewrite()
	}
	return nil
}

// disableAOF turns appendonly off: flush and close the file.
func (s *Server) disableAOF() {
	if s.persist.aof == nil {
		return
	}
	if err := s.persist.aof.Close(); err != nil {
		s.log.Warn("Closing the append-only file", "err", err)
	}
	s.persist.aof = nil
	s.persist.aofWriteErr = nil
}

// INFO persistence.
func (s *Server) infoPersistenceFields(b interface{ WriteString(string) (int, error) }) {
	p := &s.persist
	line := func(k string, v any) { b.WriteString(fmt.Sprintf("%s:%v\r\n", k, v)) }
	yes := func(v bool) int {
		if v {
			return 1
		}
		return 0
	}
	status := func(err error) string {
		if err != nil {
			return "err"
		}
		return "ok"
	}
	bgsave := p.job != nil && !p.job.rewrite
	rewrite := p.job != nil && p.job.rewrite
	current := func(active bool) int64 {
		if !active {
			return -1
		}
		return int64(s.clock.now().Sub(p.job.started).Seconds())
	}
	line("loading", yes(p.loading))
	line("async_loading", 0)
	line("current_cow_peak", 0)
	line("current_cow_size", 0)
	line("current_cow_size_age", 0)
	line("current_fork_perc", "0.00")
	line("current_save_keys_processed", 0)
	line("current_save_keys_total", 0)
	line("rdb_changes_since_last_save", s.dirty)
	line("rdb_bgsave_in_progress", yes(bgsave))
	line("rdb_last_save_time", p.lastSave.Unix())
	line("rdb_last_bgsave_status", status(p.lastBgsaveErr))
	lastBgsave := int64(-1)
	if !p.lastBgsaveTry.IsZero() {
		lastBgsave = p.lastBgsaveSeconds
	}
	line("rdb_last_bgsave_time_sec", lastBgsave)
	line("rdb_current_bgsave_time_sec", current(bgsave))
	line("rdb_saves", p.rdbSaves)
	line("rdb_last_cow_size", 0)
	line("rdb_last_load_keys_expired", p.rdbLastLoadExpired)
	line("rdb_last_load_keys_loaded", p.rdbLastLoadKeys)
	line("aof_enabled", yes(p.aof != nil))
	line("aof_rewrite_in_progress", yes(rewrite))
	line("aof_rewrite_scheduled", yes(p.rewriteScheduled))
	lastRewrite := int64(-1)
	if p.aofRewrites > 0 || p.lastRewriteErr != nil {
		lastRewrite = p.lastRewriteSeconds
	}
	line("aof_last_rewrite_time_sec", lastRewrite)
	line("aof_current_rewrite_time_sec", current(rewrite))
	line("aof_last_bgrewrite_status", status(p.lastRewriteErr))
	line("aof_rewrites", p.aofRewrites)
	line("aof_rewrites_consecutive_failures", 0)
	var writeErr error
	if p.aof != nil {
		writeErr = p.aof.LastWriteError()
	}
	line("aof_last_write_status", status(writeErr))
	line("aof_last_cow_size", 0)
	line("module_fork_in_progress", 0)
	line("module_fork_last_cow_size", 0)
	if p.aof != nil {
		base, incr := p.aof.Sizes()
		line("aof_current_size", base+incr)
		line("aof_base_size", p.aofBaseSize)
		line("aof_pending_rewrite", yes(p.rewriteScheduled))
		line("aof_buffer_length", 0)
		line("aof_pending_bio_fsync", 0)
		line("aof_delayed_fsync", 0)
	}
}

// Commands.

func cmdSave(c *Client, argv [][]byte) {
	if err := c.srv.save(); err != nil {
		msg := err.Error()
		if len(msg) < 4 || msg[:4] != "ERR " {
			msg = "ERR " + msg
		}
		c.errorReply(msg)
		return
	}
	c.reply.OK()
}

func cmdBgsave(c *Client, argv [][]byte) {
	s := c.srv
	schedule := false
	if len(argv) > 1 {
		if len(argv) > 2 || !isOpt(argv[1], "schedule") {
			c.errorReply(errSyntax)
			return
		}
		schedule = true
	}
	switch job := s.persist.job; {
	case job != nil && !job.rewrite:
		c.errorReply("ERR Background save already in progress")
	case job != nil && schedule:
		s.persist.bgsaveScheduled = true
		c.reply.Status("Background saving scheduled")
	case job != nil:
		c.errorReply("ERR An AOF log rewriting in progress: can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.")
	default:
		s.bgsave()
		c.reply.Status("Background saving started")
	}
}

func cmdBgrewriteaof(c *Client, argv [][]byte) {
	s := c.srv
	switch job := s.persist.job; {
	case job != nil && job.rewrite:
		c.errorReply("ERR Background append only file rewriting already in progress")
	case job != nil:
		s.persist.rewriteScheduled = true
		c.reply.Status("Background append only file rewriting scheduled")
	default:
		s.bgrewrite()
		c.reply.Status("Background append only file rewriting started")
	}
}

func cmdLastsave(c *Client, argv [][]byte) {
	c.reply.Int(c.srv.persist.lastSave.Unix())
}

var _ = strconv.Itoa
