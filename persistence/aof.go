package persistence

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc64"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Errors of the AOF writer and loader.
var (
	// ErrAOFClosed is returned by an AOF, or a rewrite of it, after Close.
	ErrAOFClosed = errors.New("persistence: the append only file is closed")
	// ErrAOFRewriteInProgress is returned by StartRewrite while another
	// rewrite has not been committed or aborted.
	ErrAOFRewriteInProgress = errors.New("Background append only file rewriting already in progress")
	// ErrAOFFormat is wrapped by load errors for bad framing, a
	// non-array, bad lengths or garbage.
	ErrAOFFormat = errors.New("bad append only file format")
	// ErrAOFTruncated is wrapped by load errors for a file that ends in
	// the middle of a command (or of a MULTI/EXEC block) when that cannot
	// be cut off: aof-load-truncated is no, or it is not the last file.
	ErrAOFTruncated = errors.New("unexpected end of the append only file")
	// ErrAOFRDBPreamble is wrapped by load errors for a file that starts
	// with an RDB preamble holding keys or functions: miniserve reads RDB
	// preambles only when they are empty (as Redis writes the first base
	// file of an empty server).
	ErrAOFRDBPreamble = errors.New("RDB preamble with data is not supported")
)

// AOFError is a load failure: the file (its name inside the AOF
// directory, or the legacy file's name) and the byte offset of the
// problem. Err is ErrAOFFormat, ErrAOFTruncated, ErrAOFRDBPreamble, an
// I/O error or the error apply returned.
type AOFError struct {
	File   string
	Offset int64
	Err    error
	msg    string
}

func (e *AOFError) Error() string { return e.msg }
func (e *AOFError) Unwrap() error { return e.Err }

const (
	defaultAOFDirName  = "appendonlydir"
	defaultAOFFileName = "appendonly.aof"

	aofReadBufferSize   = 256 << 10
	aofProgressEvery    = 4 << 20 // bytes between progress calls
	aofMaxKeptBuffer    = 1 << 20 // Flush keeps a buffer this large for reuse
	aofRewriteChunk     = 64 << 10
	aofRewriteFsyncStep = 4 << 20 // aof-rewrite-incremental-fsync: 4 MB
	aofArenaChunk       = 32 << 10
	aofApplyAhead       = 16
	aofRewriteTmpPrefix = "temp-rewriteaof-"
)

// aofNormalize fills the defaults and checks the names, as Redis checks
// appendfilename and appenddirname.
func aofNormalize(cfg AOFConfig) (AOFConfig, error) {
	if cfg.DirName == "" {
		cfg.DirName = defaultAOFDirName
	}
	if cfg.FileName == "" {
		cfg.FileName = defaultAOFFileName
	}
	if strings.ContainsAny(cfg.FileName, "/\\") || cfg.FileName == "." || cfg.FileName == ".." {
		return cfg, fmt.Errorf("appendfilename can't be a path, just a filename: %q", cfg.FileName)
	}
	if strings.ContainsAny(cfg.DirName, "/\\") || cfg.DirName == "." || cfg.DirName == ".." {
		return cfg, fmt.Errorf("appenddirname can't be a path, just a dirname: %q", cfg.DirName)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, nil
}

// RESP encoding.

// appendAOFCommand appends argv as a RESP array of bulk strings.
func appendAOFCommand(b []byte, argv [][]byte) []byte {
	n := 16
	for _, a := range argv {
		n += len(a) + 16
	}
	b = slices.Grow(b, n)
	b = appendRESPHeader(b, '*', len(argv))
	for _, a := range argv {
		b = appendRESPHeader(b, '$', len(a))
		b = append(b, a...)
		b = append(b, '\r', '\n')
	}
	return b
}

// appendRESPHeader appends kind, n and CRLF. Lengths under 1000 are
// written digit by digit: strconv's general path was a third of the cost
// of encoding a short command.
func appendRESPHeader(b []byte, kind byte, n int) []byte {
	switch {
	case n >= 0 && n < 10:
		return append(b, kind, byte('0'+n), '\r', '\n')
	case n >= 10 && n < 100:
		return append(b, kind, byte('0'+n/10), byte('0'+n%10), '\r', '\n')
	case n >= 100 && n < 1000:
		return append(b, kind, byte('0'+n/100), byte('0'+n/10%10), byte('0'+n%10), '\r', '\n')
	}
	b = append(b, kind)
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, '\r', '\n')
}

// appendAOFSelect appends SELECT db, as Redis's feedAppendOnlyFile does.
func appendAOFSelect(b []byte, db int) []byte {
	var num [20]byte
	d := strconv.AppendInt(num[:0], int64(db), 10)
	b = append(b, "*2\r\n$6\r\nSELECT\r\n$"...)
	b = strconv.AppendInt(b, int64(len(d)), 10)
	b = append(b, '\r', '\n')
	b = append(b, d...)
	return append(b, '\r', '\n')
}

// The writer.

// AOF appends commands to the current incr file of a multi-part
// append-only file. All methods are safe for concurrent use.
//
// The server calls Append under its lock, so that the order in the file
// is the order of execution, and Flush after each batch of commands,
// before replying. Flush may be called under that lock or after
// releasing it: it returns once everything appended before the call is
// written (and, with FsyncAlways, fsynced), and concurrent Flushes share
// one write and one fsync, a group commit. Append never waits for a write
// or an fsync: Flush swaps the buffer out under a short lock and writes
// it under another.
type AOF struct {
	cfg          AOFConfig
	dir          string // <Dir>/<DirName>
	manifestName string
	log          *slog.Logger
	policy       atomic.Int32 // FsyncPolicy

	// wmu serialises writes to the incr file, fsyncs made in the caller,
	// and switching to a new incr file. Lock order: wmu, then mu.
	wmu sync.Mutex

	mu        sync.Mutex
	closed    bool
	m         *aofManifest
	f         *os.File // the incr file being appended to; changed under wmu and mu
	buf       []byte   // encoded, not yet written
	spare     []byte   // the buffer last written, for reuse
	selected  int      // the db of the last SELECT in f+buf, -1 for none
	writeErr  error    // the last write failed; kept until a write succeeds
	syncErr   error    // the last fsync failed; kept until one succeeds
	unsynced  bool     // written since the last fsync began
	lastFsync time.Time
	job       *aofSyncJob // the last background fsync/close, until collected
	rw        *AOFRewrite // the rewrite in progress
	wg        sync.WaitGroup

	written   atomic.Int64 // bytes of f holding whole writes; changed under wmu
	otherIncr atomic.Int64 // total size of the incr files before f
	baseSize  atomic.Int64

	// Seams for tests; os.File's methods otherwise.
	writeFile func(f *os.File, p []byte) (int, error)
	syncFile  func(f *os.File) error
	fsyncs    atomic.Int64 // fsyncs begun, for tests
}

// aofSyncJob is a background fsync (and maybe close) of an incr file,
// Redis's bio fsync job. At most one runs at a time: a job waits for the
// previous one before it starts.
type aofSyncJob struct {
	done   chan struct{}
	synced bool // it fsynced (as opposed to only closing)
	err    error
}

// OpenAOF opens the current set of files for appending. When there is
// none it creates the directory, an empty base file, an incr file and the
// manifest; a legacy single file <Dir>/<FileName> is moved into the
// directory as the base, as Redis 7 upgrades it. History files left by
// an interrupted rewrite are deleted.
func OpenAOF(cfg AOFConfig) (*AOF, error) {
	cfg, err := aofNormalize(cfg)
	if err != nil {
		return nil, err
	}
	a := &AOF{
		cfg:          cfg,
		dir:          filepath.Join(cfg.Dir, cfg.DirName),
		manifestName: cfg.FileName + aofManifestSuffix,
		log:          cfg.Logger,
		selected:     -1,
		writeFile:    func(f *os.File, p []byte) (int, error) { return f.Write(p) },
		syncFile:     func(f *os.File) error { return f.Sync() },
	}
	a.policy.Store(int32(cfg.Fsync))
	if err := os.MkdirAll(a.dir, 0o755); err != nil {
		return nil, fmt.Errorf("can't create the append only file directory %s: %w", cfg.DirName, err)
	}
	m, legacy, err := aofResolve(cfg, a.dir)
	if err != nil {
		return nil, err
	}
	if m == nil {
		m = &aofManifest{}
	}
	if legacy {
		// Redis's aofUpgradePrepare: record the legacy file as the base,
		// then move it in. A crash in between is recognised next time.
		m.base = &aofInfo{name: cfg.FileName, seq: 1, typ: aofTypeBase}
		m.baseSeq = max(m.baseSeq, 1)
		if err := writeAOFManifest(a.dir, a.manifestName, m); err != nil {
			return nil, err
		}
		if err := os.Rename(filepath.Join(cfg.Dir, cfg.FileName), filepath.Join(a.dir, cfg.FileName)); err != nil {
			return nil, fmt.Errorf("can't move the old append only file into %s: %w", cfg.DirName, err)
		}
		parent := cfg.Dir
		if parent == "" {
			parent = "."
		}
		if err := aofSyncDir(a.dir); err != nil {
			return nil, err
		}
		if err := aofSyncDir(parent); err != nil {
			return nil, err
		}
		a.log.Info(fmt.Sprintf("Successfully migrated an old-style AOF %s into the AOF directory %s", cfg.FileName, cfg.DirName))
	}
	dirty := false
	if len(m.history) > 0 {
		live := map[string]bool{}
		for _, ai := range m.files() {
			live[ai.name] = true
		}
		for _, h := range m.history {
			if !live[h.name] { // a confused manifest must not cost data
				a.removeHistory(h.name)
			}
		}
		m.history = nil
		dirty = true
	}
	a.sweepTemp()
	if m.base == nil && len(m.incr) == 0 {
		name := aofBaseName(cfg.FileName, m.baseSeq+1)
		if err := aofCreateEmpty(filepath.Join(a.dir, name)); err != nil {
			return nil, fmt.Errorf("can't create the AOF base file %s: %w", name, err)
		}
		m.baseSeq++
		m.base = &aofInfo{name: name, seq: m.baseSeq, typ: aofTypeBase}
		dirty = true
		a.log.Info("Creating AOF base file " + name + " on server start")
	}
	if len(m.incr) == 0 {
		m.incrSeq++
		m.incr = append(m.incr, aofInfo{name: aofIncrName(cfg.FileName, m.incrSeq), seq: m.incrSeq, typ: aofTypeIncr})
		dirty = true
		a.log.Info("Creating AOF incr file " + m.incr[0].name + " on server start")
	}
	// Every file but the current incr file (opened, or created, below)
	// must be there.
	last := m.incr[len(m.incr)-1]
	var incrSize int64
	for _, ai := range m.files() {
		if ai == last {
			break
		}
		fi, err := os.Stat(filepath.Join(a.dir, ai.name))
		if err != nil {
			return nil, fmt.Errorf("the AOF file %s listed in the manifest can't be read: %w", ai.name, err)
		}
		if ai.typ == aofTypeBase {
			a.baseSize.Store(fi.Size())
		} else {
			incrSize += fi.Size()
		}
	}
	f, err := os.OpenFile(filepath.Join(a.dir, last.name), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("can't open the append-only file %s: %w", last.name, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if dirty {
		if err := writeAOFManifest(a.dir, a.manifestName, m); err != nil {
			f.Close()
			return nil, err
		}
	}
	a.m = m
	a.f = f
	a.written.Store(fi.Size())
	a.otherIncr.Store(incrSize)
	a.lastFsync = time.Now()
	return a, nil
}

// aofCreateEmpty creates (or empties) a file and makes it durable.
func aofCreateEmpty(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// removeHistory deletes a file superseded by a rewrite.
func (a *AOF) removeHistory(name string) bool {
	err := os.Remove(filepath.Join(a.dir, name))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		a.log.Warn("Can't remove the AOF history file "+name, "err", err)
		return false
	}
	if err == nil {
		a.log.Info("Removing the history file " + name)
	}
	return true
}

// sweepTemp deletes temporary base files of rewrites that never
// finished (the process died), and a stray temporary manifest.
func (a *AOF) sweepTemp() {
	entries, err := os.ReadDir(a.dir)
	if err != nil {
		return
	}
	prefix := aofRewriteTmpPrefix + a.cfg.FileName + "."
	for _, e := range entries {
		n := e.Name()
		if n == aofTempPrefix+a.manifestName {
			os.Remove(filepath.Join(a.dir, n))
			continue
		}
		if mid, ok := strings.CutPrefix(n, prefix); ok {
			if mid, ok = strings.CutSuffix(mid, ".tmp"); ok && mid != "" && strings.Trim(mid, "0123456789") == "" {
				os.Remove(filepath.Join(a.dir, n))
			}
		}
	}
}

// Append encodes a command into the in-memory buffer, preceded by a
// SELECT when db differs from the last command's. It copies argv and
// makes no syscall; Flush writes the buffer. After Close it does nothing.
func (a *AOF) Append(db int, argv [][]byte) {
	if len(argv) == 0 {
		return // "*0" is not a command: no loader would take it
	}
	a.mu.Lock()
	if a.selectLocked(db) {
		a.buf = appendAOFCommand(a.buf, argv)
	}
	a.mu.Unlock()
}

// AppendEncoded is Append for a command already encoded: a RESP array of
// one or more bulk strings, byte for byte what Append would write. The
// server hands over a client's request when it is that, which saves
// encoding the command again.
func (a *AOF) AppendEncoded(db int, command []byte) {
	a.mu.Lock()
	if a.selectLocked(db) {
		a.buf = append(a.buf, command...)
	}
	a.mu.Unlock()
}

// selectLocked prepares the buffer for a command in db, reporting false
// after Close. The caller holds mu.
func (a *AOF) selectLocked(db int) bool {
	if a.closed {
		return false
	}
	if db != a.selected {
		a.buf = appendAOFSelect(a.buf, db)
		a.selected = db
	}
	return true
}

// Buffered reports whether commands wait in the buffer for Flush.
func (a *AOF) Buffered() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.buf) > 0
}

// Flush writes the buffer to the incr file in one write and, with
// FsyncAlways, fsyncs before it returns. The server calls it after each
// batch of commands, before replying. A failed write keeps the unwritten
// bytes for the next Flush (or FsyncIfDue) and is reported by
// LastWriteError until a write succeeds, as Redis's flushAppendOnlyFile
// does; a short write is cut off the file first so that it never holds
// half a command.
func (a *AOF) Flush() error {
	a.wmu.Lock()
	defer a.wmu.Unlock()
	a.mu.Lock()
	closed := a.closed
	a.mu.Unlock()
	if closed {
		return ErrAOFClosed
	}
	if err := a.writeOut(); err != nil {
		return err
	}
	if FsyncPolicy(a.policy.Load()) == FsyncAlways {
		return a.syncOut()
	}
	return nil
}

// writeOut writes the buffer, swapped out under mu so that Append goes
// on meanwhile. The caller holds wmu, not mu.
func (a *AOF) writeOut() error {
	a.mu.Lock()
	if len(a.buf) == 0 {
		a.mu.Unlock()
		return nil
	}
	buf, f := a.buf, a.f
	a.buf, a.spare = a.spare[:0], nil
	a.mu.Unlock()

	n, err := a.writeFile(f, buf)
	if err == nil && n < len(buf) {
		err = io.ErrShortWrite
	}
	if err != nil && n > 0 {
		if terr := f.Truncate(a.written.Load()); terr == nil {
			n = 0
		} else {
			a.log.Warn("Could not remove short write from the append-only file. Redis may refuse to load the AOF the next time it starts.", "err", terr)
		}
	}
	a.written.Add(int64(n))

	a.mu.Lock()
	defer a.mu.Unlock()
	if n > 0 {
		a.unsynced = true
	}
	if err != nil {
		// Put back what was not written, before what came since.
		a.buf = append(slices.Clip(buf[n:]), a.buf...)
		if a.writeErr == nil {
			a.log.Warn("Error writing to the AOF file", "err", err)
		}
		a.writeErr = &aofIOError{err}
		return a.writeErr
	}
	if a.writeErr != nil {
		a.log.Warn("AOF write error looks solved, Redis can write again.")
		a.writeErr = nil
	}
	if cap(buf) <= aofMaxKeptBuffer {
		a.spare = buf[:0]
	}
	return nil
}

// syncOut fsyncs the incr file in the caller when something was written
// since the last fsync began, after any background fsync in flight (an
// older file's must reach the disk first). The caller holds wmu, not mu.
func (a *AOF) syncOut() error {
	a.mu.Lock()
	if !a.unsynced {
		a.mu.Unlock()
		return nil
	}
	a.unsynced = false
	a.lastFsync = time.Now()
	job, f := a.job, a.f
	a.mu.Unlock()
	if job != nil {
		<-job.done
	}
	a.fsyncs.Add(1)
	err := a.syncFile(f)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.collectLocked()
	if err != nil {
		if a.syncErr == nil {
			a.log.Warn("Can't persist AOF for fsync error", "err", err)
		}
		a.syncErr = &aofIOError{err}
		return a.syncErr
	}
	a.syncErr = nil
	return nil
}

// startJobLocked fsyncs (when sync is set) and closes (when closeAfter
// is set) f in the background, after the job in flight. The caller holds
// a.mu.
func (a *AOF) startJobLocked(f *os.File, sync, closeAfter bool) {
	prev := a.job
	j := &aofSyncJob{done: make(chan struct{}), synced: sync}
	a.job = j
	if sync {
		a.fsyncs.Add(1)
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		if prev != nil {
			<-prev.done
		}
		var err error
		if sync {
			err = a.syncFile(f)
		}
		if closeAfter {
			f.Close()
		}
		j.err = err
		close(j.done)
	}()
}

// collectLocked takes the result of a finished background job. The
// caller holds a.mu.
func (a *AOF) collectLocked() {
	j := a.job
	if j == nil {
		return
	}
	select {
	case <-j.done:
	default:
		return
	}
	a.job = nil
	if !j.synced {
		return
	}
	if j.err != nil {
		if a.syncErr == nil {
			a.log.Warn("Error in background AOF fsync", "err", j.err)
		}
		a.syncErr = &aofIOError{j.err}
	} else {
		a.syncErr = nil
	}
}

// FsyncIfDue is the everysec fsync, for the server's periodic loop (call
// it several times a second): when a second or more has passed since the
// last fsync and something was written since, it fsyncs in a background
// goroutine. It never waits for an fsync, and starts none while one is
// in flight. Like Redis's serverCron, it also retries a write that
// failed, unless a write is under way.
func (a *AOF) FsyncIfDue(now time.Time) {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return
	}
	a.collectLocked()
	retry := a.writeErr != nil
	if FsyncPolicy(a.policy.Load()) == FsyncEverysec && a.unsynced && a.job == nil && now.Sub(a.lastFsync) >= time.Second {
		a.unsynced = false
		a.lastFsync = now
		a.startJobLocked(a.f, true, false)
	}
	a.mu.Unlock()
	if retry && a.wmu.TryLock() {
		a.mu.Lock()
		closed := a.closed
		a.mu.Unlock()
		if !closed {
			a.writeOut()
		}
		a.wmu.Unlock()
	}
}

// SetFsync changes the fsync policy (CONFIG SET appendfsync).
func (a *AOF) SetFsync(p FsyncPolicy) {
	a.policy.Store(int32(p))
}

// Sizes returns the size of the base file and the total size of the incr
// files, as written so far (the unflushed buffer is not counted). Their
// sum is INFO's aof_current_size.
func (a *AOF) Sizes() (base, incr int64) {
	return a.baseSize.Load(), a.otherIncr.Load() + a.written.Load()
}

// LastWriteError returns the error of the last write or fsync, or nil
// when the last of each succeeded (INFO's aof_last_write_status). The
// error text is the system's, as Redis's MISCONF reply quotes it.
func (a *AOF) LastWriteError() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.collectLocked()
	if a.writeErr != nil {
		return a.writeErr
	}
	return a.syncErr
}

// Close flushes the buffer, waits for any background fsync, fsyncs and
// closes the incr file. Append does nothing after it. A rewrite in
// progress can no longer commit: its Commit removes its temporary file
// and returns ErrAOFClosed.
func (a *AOF) Close() error {
	a.wmu.Lock()
	defer a.wmu.Unlock()
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return nil
	}
	a.closed = true
	a.mu.Unlock()
	err := a.writeOut()
	a.wg.Wait()
	a.fsyncs.Add(1)
	if serr := a.syncFile(a.f); err == nil && serr != nil {
		err = &aofIOError{serr}
	}
	if cerr := a.f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return err
}

// aofIOError carries a write or fsync error. Its text is the errno's
// text as C's strerror gives it ("No space left on device"), which is
// what Redis puts in its MISCONF reply.
type aofIOError struct{ err error }

func (e *aofIOError) Unwrap() error { return e.err }
func (e *aofIOError) Error() string {
	var errno syscall.Errno
	if errors.As(e.err, &errno) {
		s := errno.Error()
		if s != "" {
			return strings.ToUpper(s[:1]) + s[1:]
		}
	}
	if errors.Is(e.err, io.ErrShortWrite) {
		return "No space left on device" // Redis sets ENOSPC for a short write
	}
	return e.err.Error()
}

// Rewrite.

// AOFRewrite is a rewrite in progress: a temporary base file that the
// caller fills with the commands that rebuild a snapshot of the data
// taken when StartRewrite returned, while Append goes on into a new incr
// file. Its methods are for one goroutine.
type AOFRewrite struct {
	a        *AOF
	f        *os.File
	tmp      string
	buf      []byte
	selected int
	size     int64 // bytes written to f
	synced   int64 // size at the last incremental fsync
	err      error
	done     bool
}

// StartRewrite begins a rewrite, as Redis 7's BGREWRITEAOF does: a new
// incr file is created and added to the manifest (so an abort or a crash
// loses nothing), the buffer goes to the current incr file, and Append
// writes to the new one from then on; a temporary base file is created
// for WriteCommand. The caller takes its snapshot of the data at this
// point, under the same lock as Append.
func (a *AOF) StartRewrite() (*AOFRewrite, error) {
	a.wmu.Lock()
	defer a.wmu.Unlock()
	a.mu.Lock()
	closed, busy := a.closed, a.rw != nil
	var nm *aofManifest
	if !closed && !busy {
		nm = a.m.clone()
	}
	a.mu.Unlock()
	switch {
	case closed:
		return nil, ErrAOFClosed
	case busy:
		return nil, ErrAOFRewriteInProgress
	}
	tmp, err := os.CreateTemp(a.dir, aofRewriteTmpPrefix+a.cfg.FileName+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("can't create the temporary AOF base file: %w", err)
	}
	dropTmp := func() { tmp.Close(); os.Remove(tmp.Name()) }
	nm.incrSeq++
	ni := aofInfo{name: aofIncrName(a.cfg.FileName, nm.incrSeq), seq: nm.incrSeq, typ: aofTypeIncr}
	nm.incr = append(nm.incr, ni)
	nf, err := os.OpenFile(filepath.Join(a.dir, ni.name), os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		dropTmp()
		return nil, fmt.Errorf("can't open the append-only file %s: %w", ni.name, err)
	}
	if err := writeAOFManifest(a.dir, a.manifestName, nm); err != nil {
		dropTmp()
		nf.Close()
		os.Remove(nf.Name())
		return nil, err
	}
	a.log.Info("Creating AOF incr file " + ni.name + " on background rewrite")

	// Everything appended so far goes to the old file, then the switch,
	// with Append held off in between.
	a.mu.Lock()
	defer a.mu.Unlock()
	a.m = nm
	if len(a.buf) > 0 {
		n, err := a.writeFile(a.f, a.buf)
		if err == nil && n < len(a.buf) {
			err = io.ErrShortWrite
		}
		if err != nil && n > 0 && a.f.Truncate(a.written.Load()) == nil {
			n = 0
		}
		a.written.Add(int64(n))
		a.buf = a.buf[:copy(a.buf, a.buf[n:])]
		if n > 0 {
			a.unsynced = true
		}
		if err != nil {
			// Stay on the old file. The new one stays listed, empty,
			// after it, so the order of replay is still right.
			a.writeErr = &aofIOError{err}
			dropTmp()
			nf.Close()
			return nil, a.writeErr
		}
	}
	a.startJobLocked(a.f, a.unsynced && FsyncPolicy(a.policy.Load()) != FsyncNo, true)
	a.f = nf
	a.otherIncr.Add(a.written.Load())
	a.written.Store(0)
	a.selected = -1
	a.unsynced = false
	rw := &AOFRewrite{a: a, f: tmp, tmp: tmp.Name(), selected: -1, buf: make([]byte, 0, aofRewriteChunk+4096)}
	a.rw = rw
	return rw, nil
}

// WriteKeyCount writes a "#RESIZEDB:" annotation: db holds keys keys,
// so that the loader can size its table once (AOFReplay.Reserve). Call
// it before the first command.
func (rw *AOFRewrite) WriteKeyCount(db, keys int) error {
	if rw.done {
		return errors.New("persistence: the AOF rewrite is finished")
	}
	if rw.err == nil {
		rw.buf = append(rw.buf, '#')
		rw.buf = append(rw.buf, aofResizeDB...)
		rw.buf = strconv.AppendInt(rw.buf, int64(db), 10)
		rw.buf = append(rw.buf, ':')
		rw.buf = strconv.AppendInt(rw.buf, int64(keys), 10)
		rw.buf = append(rw.buf, "\r\n"...)
	}
	return rw.err
}

// WriteCommand appends a command to the new base file, preceded by a
// SELECT when db changes. Writes are buffered; the first error sticks.
func (rw *AOFRewrite) WriteCommand(db int, argv [][]byte) error {
	if rw.done {
		return errors.New("persistence: the AOF rewrite is finished")
	}
	if rw.err != nil {
		return rw.err
	}
	if db != rw.selected {
		rw.buf = appendAOFSelect(rw.buf, db)
		rw.selected = db
	}
	rw.buf = appendAOFCommand(rw.buf, argv)
	if len(rw.buf) >= aofRewriteChunk {
		rw.writeBuf()
	}
	return rw.err
}

// writeBuf writes the buffer, with an fsync every 4 MB so the final one
// has little to do (aof-rewrite-incremental-fsync).
func (rw *AOFRewrite) writeBuf() {
	if rw.err != nil || len(rw.buf) == 0 {
		return
	}
	n, err := rw.f.Write(rw.buf)
	rw.size += int64(n)
	rw.buf = rw.buf[:0]
	if err != nil {
		rw.err = fmt.Errorf("writing the temporary AOF base file: %w", err)
		return
	}
	if rw.size-rw.synced >= aofRewriteFsyncStep {
		rw.synced = rw.size
		if err := rw.f.Sync(); err != nil {
			rw.err = fmt.Errorf("fsync of the temporary AOF base file: %w", err)
		}
	}
}

// Commit makes the new base durable and installs a manifest of the new
// base and the new incr file (temporary file, fsync, rename, fsync of
// the directory), the old files listed as history; then it deletes the
// old base and incr files and installs the manifest without them, as
// Redis does. Until the first rename of the manifest, the old one stays
// in force. Append is not held up: the lock is taken only to read and
// swap the in-memory manifest (manifest writes are serialised by the
// rewrite itself, since StartRewrite refuses until Commit returns).
func (rw *AOFRewrite) Commit() error {
	if rw.done {
		return errors.New("persistence: the AOF rewrite is finished")
	}
	rw.done = true
	a := rw.a
	defer func() {
		a.mu.Lock()
		if a.rw == rw {
			a.rw = nil
		}
		a.mu.Unlock()
	}()
	rw.writeBuf()
	err := rw.err
	if err == nil {
		if serr := rw.f.Sync(); serr != nil {
			err = fmt.Errorf("fsync of the temporary AOF base file: %w", serr)
		}
	}
	if cerr := rw.f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	a.mu.Lock()
	if err == nil && (a.closed || a.rw != rw) {
		err = ErrAOFClosed
	}
	var nm *aofManifest
	if err == nil {
		nm = a.m.clone()
	}
	a.mu.Unlock()
	if err != nil {
		os.Remove(rw.tmp)
		return err
	}
	nm.baseSeq++
	nb := aofInfo{name: aofBaseName(a.cfg.FileName, nm.baseSeq), seq: nm.baseSeq, typ: aofTypeBase}
	basePath := filepath.Join(a.dir, nb.name)
	if err := os.Rename(rw.tmp, basePath); err != nil {
		os.Remove(rw.tmp)
		return fmt.Errorf("can't rename the temporary AOF base file into %s: %w", nb.name, err)
	}
	// Everything before the current incr file is in the new base now.
	if nm.base != nil {
		nm.history = append(nm.history, aofInfo{name: nm.base.name, seq: nm.base.seq, typ: aofTypeHistory})
	}
	cur := nm.incr[len(nm.incr)-1]
	for _, ai := range nm.incr[:len(nm.incr)-1] {
		nm.history = append(nm.history, aofInfo{name: ai.name, seq: ai.seq, typ: aofTypeHistory})
	}
	nm.incr = []aofInfo{cur}
	nm.base = &nb
	if err := writeAOFManifest(a.dir, a.manifestName, nm); err != nil {
		os.Remove(basePath)
		return err
	}
	a.log.Info("Successfully renamed the temporary AOF base file into " + nb.name)
	a.mu.Lock()
	a.m = nm
	a.baseSize.Store(rw.size)
	a.otherIncr.Store(0)
	a.mu.Unlock()

	// Delete the history files (slow for big files: outside the lock, as
	// Redis does it in a background thread), then drop them from the
	// manifest. One that can't be deleted stays listed, and OpenAOF
	// tries again.
	gone := map[string]bool{}
	for _, h := range nm.history {
		if a.removeHistory(h.name) {
			gone[h.name] = true
		}
	}
	if len(gone) == 0 {
		return nil
	}
	a.mu.Lock()
	a.m.history = slices.DeleteFunc(a.m.history, func(ai aofInfo) bool { return gone[ai.name] })
	clean := a.m.clone()
	a.mu.Unlock()
	if err := writeAOFManifest(a.dir, a.manifestName, clean); err != nil {
		// The rewrite is in: the manifest merely still lists deleted
		// history files, which loading ignores.
		a.log.Warn("Can't persist the AOF manifest without the history files", "err", err)
	}
	return nil
}

// Abort drops the temporary base file. The new incr file stays: the
// manifest already lists the old base, the old incr files and the new
// one, in order, so nothing is lost, as after a failed rewrite in Redis.
func (rw *AOFRewrite) Abort() {
	if rw.done {
		return
	}
	rw.done = true
	rw.f.Close()
	os.Remove(rw.tmp)
	a := rw.a
	a.mu.Lock()
	if a.rw == rw {
		a.rw = nil
	}
	a.mu.Unlock()
}

// The loader.

// aofLoadFile is one file to replay.
type aofLoadFile struct {
	path string
	name string
}

// aofResolve reads the manifest and decides whether the legacy single
// file <Dir>/<FileName> is to be used instead, with Redis 7's rules: the
// directory or the manifest is missing or empty, or the manifest lists
// only a base named <FileName> that is not in the directory (an upgrade
// that was interrupted).
func aofResolve(cfg AOFConfig, dir string) (m *aofManifest, legacy bool, err error) {
	m, err = readAOFManifest(filepath.Join(dir, cfg.FileName+aofManifestSuffix))
	if err != nil {
		return nil, false, err
	}
	if !aofRegularFile(filepath.Join(cfg.Dir, cfg.FileName)) {
		return m, false, nil
	}
	if m == nil || (m.base == nil && len(m.incr) == 0) {
		return m, true, nil
	}
	if m.base != nil && len(m.incr) == 0 && m.base.name == cfg.FileName && !aofRegularFile(filepath.Join(dir, cfg.FileName)) {
		return m, true, nil
	}
	return m, false, nil
}

func aofRegularFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// LoadAOF replays the AOF described by cfg: the base file, then the incr
// files, in manifest order, calling replay.Apply for every command. A
// block is handed to Apply only once its EXEC has been read, so a
// transaction cut off by a crash is never replayed in part. With no
// manifest but a legacy single file <Dir>/<FileName>, that file is
// loaded. Nothing to load gives (LoadStats{}, nil).
//
// A last file that ends inside a command (or inside a MULTI/EXEC block)
// is cut back to its last whole command when cfg.LoadTruncated is set,
// with a warning; otherwise, or in any other file, the load fails.
// Corruption fails the load with an *AOFError naming the file and the
// offset. An error from Apply aborts the load the same way.
func LoadAOF(cfg AOFConfig, replay AOFReplay) (LoadStats, error) {
	start := time.Now()
	var stats LoadStats
	cfg, err := aofNormalize(cfg)
	if err != nil {
		return stats, err
	}
	dir := filepath.Join(cfg.Dir, cfg.DirName)
	m, legacy, err := aofResolve(cfg, dir)
	if err != nil {
		return stats, err
	}
	var files []aofLoadFile
	switch {
	case legacy:
		files = []aofLoadFile{{path: filepath.Join(cfg.Dir, cfg.FileName), name: cfg.FileName}}
	case m != nil:
		for _, ai := range m.files() {
			files = append(files, aofLoadFile{path: filepath.Join(dir, ai.name), name: ai.name})
		}
	}
	if len(files) == 0 {
		return stats, nil
	}
	var total int64
	for _, f := range files {
		fi, err := os.Stat(f.path)
		if err != nil {
			return stats, &AOFError{File: f.name, Err: err,
				msg: fmt.Sprintf("The AOF file %s doesn't exist or can't be read: %v", f.name, err)}
		}
		total += fi.Size()
	}
	if total == 0 {
		stats.Duration = time.Since(start)
		return stats, nil
	}
	l := &aofLoader{cfg: cfg, replay: replay, total: total, stats: &stats}
	for i, f := range files {
		if err := l.loadFile(f, i == len(files)-1); err != nil {
			stats.Duration = time.Since(start)
			return stats, err
		}
	}
	if replay.Progress != nil {
		replay.Progress(l.done, l.total)
	}
	stats.Duration = time.Since(start)
	return stats, nil
}

// aofLoader carries a load across files.
type aofLoader struct {
	cfg          AOFConfig
	replay       AOFReplay
	total        int64
	done         int64 // bytes of earlier files
	lastProgress int64
	stats        *LoadStats
	ahead        [][][]byte // scratch for replay.Ahead
}

// aofPending is a command of an open MULTI block, with its offset.
type aofPending struct {
	argv [][]byte
	off  int64
}

func (l *aofLoader) loadFile(lf aofLoadFile, last bool) error {
	f, err := os.Open(lf.path)
	if err != nil {
		return &AOFError{File: lf.name, Err: err, msg: fmt.Sprintf("Fatal error: can't open the append log file %s for reading: %v", lf.name, err)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return &AOFError{File: lf.name, Err: err, msg: fmt.Sprintf("Unrecoverable error reading the append only file %s: %v", lf.name, err)}
	}
	size := fi.Size()
	r := &aofReader{br: bufio.NewReaderSize(f, int(min(aofReadBufferSize, size+64))), size: size}
	if err := r.skipRDBPreamble(); err != nil {
		return l.fail(lf, r, err)
	}
	var (
		validUpTo = r.off // end of the last whole command outside MULTI
		inMulti   bool
		pending   []aofPending // a MULTI block, or plain commands read ahead
	)
	applyOne := func(argv [][]byte, off int64) error {
		if err := l.replay.Apply(argv); err != nil {
			return &AOFError{File: lf.name, Offset: off, Err: err,
				msg: fmt.Sprintf("Error replaying the append only file %s (offset %d): %v", lf.name, off, err)}
		}
		l.stats.Commands++
		return nil
	}
	// applyPending applies what pending holds. The caller frees the
	// memory of what it has read (r.release) once nothing holds it.
	applyPending := func() error {
		if len(pending) > 1 && l.replay.Ahead != nil && !inMulti {
			ahead := l.ahead[:0]
			for _, p := range pending {
				ahead = append(ahead, p.argv)
			}
			l.replay.Ahead(ahead)
			clear(ahead)
			l.ahead = ahead[:0]
		}
		for _, p := range pending {
			if err := applyOne(p.argv, p.off); err != nil {
				return err
			}
		}
		clear(pending)
		pending = pending[:0]
		return nil
	}
	for {
		if l.replay.Progress != nil && l.done+r.off-l.lastProgress >= aofProgressEvery {
			l.lastProgress = l.done + r.off
			l.replay.Progress(l.lastProgress, l.total)
		}
		off := r.off
		argv, err := r.next()
		if err != nil && !inMulti {
			// The commands read ahead are whole: they run first.
			if err := applyPending(); err != nil {
				return err
			}
		}
		if err == io.EOF {
			break
		}
		if errors.Is(err, errAOFShort) {
			return l.truncated(lf, validUpTo, size, last, false)
		}
		if err != nil {
			return l.fail(lf, r, err)
		}
		if argv == nil { // an annotation
			if !inMulti {
				validUpTo = r.off
			}
			l.annotation(r)
			continue
		}
		switch {
		case inMulti:
			pending = append(pending, aofPending{argv, off})
			if !bytes.EqualFold(argv[0], []byte("exec")) {
				continue
			}
			if err := applyPending(); err != nil {
				return err
			}
			r.release()
			inMulti = false
		case bytes.EqualFold(argv[0], []byte("multi")):
			if err := applyPending(); err != nil {
				return err
			}
			inMulti = true
			pending = append(pending, aofPending{argv, off})
			continue
		default:
			pending = append(pending, aofPending{argv, off})
			if len(pending) == aofApplyAhead {
				if err := applyPending(); err != nil {
					return err
				}
				r.release()
			}
		}
		validUpTo = r.off
	}
	if inMulti {
		l.cfg.Logger.Warn("Revert incomplete MULTI/EXEC transaction in AOF file " + lf.name)
		return l.truncated(lf, validUpTo, size, last, true)
	}
	l.done += size
	l.stats.Bytes += size
	return nil
}

// truncated handles a file that ends inside a command or a transaction:
// cut it back to validUpTo when allowed, or fail.
func (l *aofLoader) truncated(lf aofLoadFile, validUpTo, size int64, last, multi bool) error {
	what := "in the middle of a command"
	if multi {
		what = "inside a MULTI/EXEC block"
	}
	if !last {
		return &AOFError{File: lf.name, Offset: validUpTo, Err: ErrAOFTruncated,
			msg: fmt.Sprintf("Fatal error: the truncated file %s is not the last file: it ends %s (offset %d)", lf.name, what, validUpTo)}
	}
	if !l.cfg.LoadTruncated {
		return &AOFError{File: lf.name, Offset: validUpTo, Err: ErrAOFTruncated,
			msg: fmt.Sprintf("Unexpected end of file reading the append only file %s (offset %d, the last whole command ends there). You can: "+
				"1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. "+
				"2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.", lf.name, validUpTo)}
	}
	log := l.cfg.Logger
	log.Warn("!!! Warning: short read while loading the AOF file " + lf.name + "!!!")
	log.Warn(fmt.Sprintf("!!! Truncating the AOF %s at offset %d !!!", lf.name, validUpTo))
	if err := os.Truncate(lf.path, validUpTo); err != nil {
		return &AOFError{File: lf.name, Offset: validUpTo, Err: err,
			msg: fmt.Sprintf("Error truncating the AOF file %s: %v", lf.name, err)}
	}
	log.Warn("AOF " + lf.name + " loaded anyway because aof-load-truncated is enabled")
	l.stats.Truncated += size - validUpTo
	l.stats.Bytes += validUpTo
	l.done += size
	return nil
}

// aofResizeDB is the annotation a rewrite begins its base file with, one
// per database that has keys: "#RESIZEDB:<db>:<keys>". Redis skips it, as
// it skips every line that starts with '#'.
const aofResizeDB = "RESIZEDB:"

// aofMinKeyBytes is fewer bytes than any command that makes a key takes
// in the file, so that a count can be checked against the bytes left.
const aofMinKeyBytes = 16

// annotation hands a "#RESIZEDB:" count to replay.Reserve. Other
// annotations, and malformed counts, are skipped as comments.
func (l *aofLoader) annotation(r *aofReader) {
	rest, ok := bytes.CutPrefix(r.note, []byte(aofResizeDB))
	if !ok || l.replay.Reserve == nil {
		return
	}
	dbText, keysText, ok := bytes.Cut(bytes.TrimRight(rest, "\r\n"), []byte(":"))
	db, err1 := strconv.Atoi(string(dbText))
	keys, err2 := strconv.Atoi(string(keysText))
	if !ok || err1 != nil || err2 != nil || db < 0 || keys <= 0 {
		return
	}
	// A file that claims more keys than it can hold must not make the
	// server allocate a table for them.
	l.replay.Reserve(db, min(keys, int((r.size-r.off)/aofMinKeyBytes)))
}

// fail turns a reader error into an *AOFError.
func (l *aofLoader) fail(lf aofLoadFile, r *aofReader, err error) error {
	var fe *aofFormatError
	switch {
	case errors.As(err, &fe) && fe.rdb:
		return &AOFError{File: lf.name, Offset: fe.off, Err: fe.sentinel(),
			msg: fmt.Sprintf("Error reading the RDB preamble of the AOF file %s, AOF loading aborted (offset %d, %s)", lf.name, fe.off, fe.reason)}
	case errors.As(err, &fe):
		return &AOFError{File: lf.name, Offset: fe.off, Err: ErrAOFFormat,
			msg: fmt.Sprintf("Bad file format reading the append only file %s: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest> (offset %d, %s)", lf.name, fe.off, fe.reason)}
	default:
		return &AOFError{File: lf.name, Offset: r.off, Err: err,
			msg: fmt.Sprintf("Unrecoverable error reading the append only file %s (offset %d): %v", lf.name, r.off, err)}
	}
}

// aofFormatError is corruption at an offset.
type aofFormatError struct {
	off    int64
	reason string
	rdb    bool // in the RDB preamble
	data   bool // the RDB preamble holds data we can't load
}

func (e *aofFormatError) Error() string {
	return fmt.Sprintf("offset %d: %s", e.off, e.reason)
}

func (e *aofFormatError) sentinel() error {
	if e.data {
		return ErrAOFRDBPreamble
	}
	return ErrAOFFormat
}

// errAOFShort means the file ends inside a command.
var errAOFShort = errors.New("short read")

// aofReader parses RESP commands from one file, keeping the offset.
type aofReader struct {
	br   *bufio.Reader
	off  int64 // offset of the next unread byte
	size int64
	// Arguments are carved from chunks, and argv slices from args, both
	// used again after release: replaying allocates nothing per command,
	// so a load's garbage does not make the collector run.
	chunks [][]byte // chunks[cur] is being carved, from used on
	cur    int
	used   int
	args   [][]byte
	note   []byte // the last annotation line (see skipLine)
}

func (r *aofReader) formatErr(off int64, format string, args ...any) error {
	return &aofFormatError{off: off, reason: fmt.Sprintf(format, args...)}
}

// next reads one command. It returns (nil, nil) for an annotation line
// ("#..."), io.EOF at a clean end, errAOFShort when the file ends inside
// a command that was well formed so far, or an *aofFormatError.
func (r *aofReader) next() ([][]byte, error) {
	if argv := r.nextBuffered(); argv != nil {
		return argv, nil
	}
	start := r.off
	c, err := r.br.ReadByte()
	if err != nil {
		return nil, r.ioErr(err, true)
	}
	r.off++
	if c == '#' {
		return nil, r.skipLine()
	}
	if c != '*' {
		return nil, r.formatErr(r.off-1, "expected '*', got %q", c)
	}
	argc, err := r.readNumber('*')
	if err != nil {
		return nil, err
	}
	if argc < 1 {
		return nil, r.formatErr(start, "invalid multibulk length %d", argc)
	}
	first := len(r.args)
	for range argc {
		off := r.off
		c, err := r.br.ReadByte()
		if err != nil {
			return nil, r.ioErr(err, false)
		}
		r.off++
		if c != '$' {
			return nil, r.formatErr(off, "expected '$', got %q", c)
		}
		n, err := r.readNumber('$')
		if err != nil {
			return nil, err
		}
		if r.size-r.off < n+2 {
			// The file ends inside this argument: check what there is of
			// its terminator, without allocating n bytes.
			if rest := r.size - r.off; rest > n {
				if _, err := r.br.Discard(int(n)); err != nil {
					return nil, r.ioErr(err, false)
				}
				r.off += n
				if c, err := r.br.ReadByte(); err == nil && c != '\r' {
					return nil, r.formatErr(r.off, "expected CRLF after a bulk string")
				}
			}
			return nil, errAOFShort
		}
		arg := r.alloc(int(n))
		if _, err := io.ReadFull(r.br, arg); err != nil {
			return nil, r.ioErr(err, false)
		}
		r.off += n
		if err := r.crlf(); err != nil {
			return nil, err
		}
		r.args = append(r.args, arg)
	}
	return r.args[first:len(r.args):len(r.args)], nil
}

// nextBuffered is next for the usual case, a well-formed command that
// lies whole in the read buffer: it parses the buffer in place instead of
// a byte at a time. For anything else (a command that runs past the
// buffer, an annotation, anything next would refuse) it returns nil
// having consumed nothing, and next reads the command the slow way,
// which also words the errors.
func (r *aofReader) nextBuffered() [][]byte {
	buf, _ := r.br.Peek(r.br.Buffered())
	if len(buf) == 0 || buf[0] != '*' {
		return nil
	}
	argc, i := aofParseLength(buf, 1)
	if argc < 1 {
		return nil
	}
	first, cur, used := len(r.args), r.cur, r.used
	for range argc {
		n, j := int64(-1), 0
		if i < len(buf) && buf[i] == '$' {
			n, j = aofParseLength(buf, i+1)
		}
		if n < 0 || int64(len(buf)-j) < n+2 || buf[j+int(n)] != '\r' || buf[j+int(n)+1] != '\n' {
			r.args, r.cur, r.used = r.args[:first], cur, used
			return nil
		}
		arg := r.alloc(int(n))
		copy(arg, buf[j:])
		r.args = append(r.args, arg)
		i = j + int(n) + 2
	}
	r.br.Discard(i)
	r.off += int64(i)
	return r.args[first:len(r.args):len(r.args)]
}

// aofParseLength parses the digits and CRLF of a length from buf[i:], as
// readNumber does: it returns the length and the index after the CRLF,
// or -1 when they are not all there or not what readNumber accepts.
func aofParseLength(buf []byte, i int) (int64, int) {
	var v int64
	start := i
	for ; i < len(buf) && buf[i] >= '0' && buf[i] <= '9'; i++ {
		if i-start == 18 {
			return -1, 0
		}
		v = v*10 + int64(buf[i]-'0')
	}
	if i == start || i+1 >= len(buf) || buf[i] != '\r' || buf[i+1] != '\n' {
		return -1, 0
	}
	return v, i + 2
}

// ioErr maps a read error: EOF at a command boundary is a clean end,
// elsewhere a short read.
func (r *aofReader) ioErr(err error, boundary bool) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		if boundary {
			return io.EOF
		}
		return errAOFShort
	}
	return err
}

// readNumber reads the digits and CRLF that follow a '*' or '$'.
func (r *aofReader) readNumber(kind byte) (int64, error) {
	start := r.off - 1
	var v int64
	digits := 0
	for {
		c, err := r.br.ReadByte()
		if err != nil {
			return 0, r.ioErr(err, false)
		}
		r.off++
		switch {
		case c >= '0' && c <= '9':
			digits++
			if digits > 18 {
				return 0, r.formatErr(start, "length too long after %q", kind)
			}
			v = v*10 + int64(c-'0')
		case c == '\r' && digits > 0:
			c, err := r.br.ReadByte()
			if err != nil {
				return 0, r.ioErr(err, false)
			}
			r.off++
			if c != '\n' {
				return 0, r.formatErr(r.off-1, "expected LF after CR")
			}
			return v, nil
		default:
			return 0, r.formatErr(r.off-1, "invalid length after %q: unexpected %q", kind, c)
		}
	}
}

// crlf reads the CRLF that ends a bulk string.
func (r *aofReader) crlf() error {
	for _, want := range []byte{'\r', '\n'} {
		c, err := r.br.ReadByte()
		if err != nil {
			return r.ioErr(err, false)
		}
		r.off++
		if c != want {
			return r.formatErr(r.off-1, "expected CRLF after a bulk string")
		}
	}
	return nil
}

// skipLine skips the rest of an annotation line. A line that fits the
// buffer, as the annotations miniserve writes do, stays in r.note (after
// the '#') until the next read.
func (r *aofReader) skipLine() error {
	r.note = nil
	whole := true
	for {
		line, err := r.br.ReadSlice('\n')
		r.off += int64(len(line))
		switch err {
		case nil:
			if whole {
				r.note = line
			}
			return nil
		case bufio.ErrBufferFull:
			whole = false
			continue
		default:
			return r.ioErr(err, false)
		}
	}
}

// alloc returns n bytes for an argument, carved from a chunk when small,
// valid until release.
func (r *aofReader) alloc(n int) []byte {
	if n > aofArenaChunk/8 {
		return make([]byte, n)
	}
	if r.cur < len(r.chunks) && aofArenaChunk-r.used < n {
		r.cur, r.used = r.cur+1, 0
	}
	if r.cur == len(r.chunks) {
		r.chunks = append(r.chunks, make([]byte, aofArenaChunk))
	}
	b := r.chunks[r.cur][r.used : r.used+n : r.used+n]
	r.used += n
	return b
}

// release takes back the memory of every command read so far, once
// apply is done with them.
func (r *aofReader) release() {
	clear(r.args) // no argument outlives its command through args
	r.cur, r.used, r.args = 0, 0, r.args[:0]
}

// The RDB preamble. Redis writes the base file as an RDB when
// aof-use-rdb-preamble is yes (the default), even for an empty server.
// miniserve never writes one, but reads an empty one so that a
// directory created by Redis can be taken over; an RDB that holds keys
// or functions is refused with ErrAOFRDBPreamble.

const aofRDBMaxVersion = 10 // Redis 7.0

// aofCRC64Table is Redis's crc64 (Jones polynomial, reflected).
var aofCRC64Table = crc64.MakeTable(0x95ac9329ac4bc9b5)

// aofCRC64 is Redis's crc64(crc, p): no initial or final inversion,
// which crc64.Update applies, so they are undone around it.
func aofCRC64(crc uint64, p []byte) uint64 {
	return ^crc64.Update(^crc, aofCRC64Table, p)
}

// aofRDBSkimmer reads an RDB preamble, hashing what it reads.
type aofRDBSkimmer struct {
	r   *aofReader
	crc uint64
	err error
}

func (s *aofRDBSkimmer) fail(off int64, data bool, format string, args ...any) {
	if s.err == nil {
		s.err = &aofFormatError{off: off, reason: fmt.Sprintf(format, args...), rdb: true, data: data}
	}
}

func (s *aofRDBSkimmer) read(n int) []byte {
	if s.err != nil {
		return nil
	}
	if int64(n) > s.r.size-s.r.off {
		s.fail(s.r.off, false, "unexpected end of file")
		return nil
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(s.r.br, p); err != nil {
		s.err = err
		return nil
	}
	s.r.off += int64(n)
	s.crc = aofCRC64(s.crc, p)
	return p
}

func (s *aofRDBSkimmer) byte() byte {
	if p := s.read(1); p != nil {
		return p[0]
	}
	return 0
}

// length reads an RDB length; special reports an encoded string, whose
// encoding is then in the value.
func (s *aofRDBSkimmer) length() (v uint64, special bool) {
	b := s.byte()
	switch b >> 6 {
	case 0:
		return uint64(b & 0x3f), false
	case 1:
		return uint64(b&0x3f)<<8 | uint64(s.byte()), false
	case 2:
		var n int
		switch b {
		case 0x80:
			n = 4
		case 0x81:
			n = 8
		default:
			s.fail(s.r.off-1, false, "unknown length encoding %#x", b)
			return 0, false
		}
		for _, c := range s.read(n) {
			v = v<<8 | uint64(c)
		}
		return v, false
	}
	return uint64(b & 0x3f), true
}

// skipString skips an RDB string.
func (s *aofRDBSkimmer) skipString() {
	off := s.r.off
	n, special := s.length()
	if !special {
		s.skip(n)
		return
	}
	switch n {
	case 0:
		s.skip(1)
	case 1:
		s.skip(2)
	case 2:
		s.skip(4)
	case 3: // LZF: compressed length, uncompressed length, data
		clen, _ := s.length()
		s.length()
		s.skip(clen)
	default:
		s.fail(off, false, "unknown string encoding %d", n)
	}
}

func (s *aofRDBSkimmer) skip(n uint64) {
	for n > 0 && s.err == nil {
		step := min(n, 32<<10)
		s.read(int(step))
		n -= step
	}
}

// skipRDBPreamble reads an empty RDB preamble when the file starts with
// "REDIS", leaving the reader on the AOF tail that follows it.
func (r *aofReader) skipRDBPreamble() error {
	head, _ := r.br.Peek(5)
	if string(head) != "REDIS" {
		return nil
	}
	s := &aofRDBSkimmer{r: r}
	hdr := s.read(9)
	if s.err != nil {
		return s.err
	}
	ver, err := strconv.Atoi(string(hdr[5:]))
	if err != nil || ver < 1 || ver > aofRDBMaxVersion {
		s.fail(5, false, "can't handle RDB format version %q", hdr[5:])
		return s.err
	}
	for s.err == nil {
		off := r.off
		switch t := s.byte(); t {
		case 0xfa: // AUX field
			s.skipString()
			s.skipString()
		case 0xfb: // RESIZEDB
			s.length()
			s.length()
		case 0xfe: // SELECTDB
			s.length()
		case 0xff: // EOF, then the checksum
			if s.err != nil {
				return s.err
			}
			if ver >= 5 {
				want := s.crc
				sum := s.read(8)
				if s.err != nil {
					return s.err
				}
				var got uint64
				for i := 7; i >= 0; i-- {
					got = got<<8 | uint64(sum[i])
				}
				if got != 0 && got != want {
					s.fail(off+1, false, "wrong RDB checksum %016x, computed %016x", got, want)
				}
			}
			return s.err
		case 0xf5, 0xf6:
			s.fail(off, true, "the RDB preamble holds functions")
		case 0xf7:
			s.fail(off, true, "the RDB preamble holds module data")
		default:
			if s.err == nil {
				s.fail(off, true, "the RDB preamble holds keys (type %d); miniserve reads AOF bases in RESP form: "+
					"rewrite it with aof-use-rdb-preamble no in Redis (BGREWRITEAOF) first", t)
			}
		}
	}
	return s.err
}
