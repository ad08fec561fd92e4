package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The persistence group measures snapshots and the AOF on servers started
// for it, side by side with redis-server: see the package doc and
// persistence_report.go for the report.

// persistStep is one part of the persistence group, selected with
// -workloads like a workload (its rows in the workloads table).
type persistStep string

const (
	stepSnapshot persistStep = "snapshot" // SAVE time, file size, restart time
	stepAOF      persistStep = "aof"      // SET throughput, appendonly everysec against no
	stepLatency  persistStep = "latency"  // GET latency during BGSAVE and BGREWRITEAOF
)

// persistPipelines are the depths of the SET runs with and without AOF.
var persistPipelines = []int{16, 1}

const (
	// fillKeyFormat names the keys of the fill. It is the format of
	// redis-benchmark's __rand_int__ (12 digits), so that the GET load
	// (-t get -r KEYS) hits a key on every request.
	fillKeyFormat = "key:%012d"
	fillValueLen  = 30

	// The GET load starts saveLead before the save and is sized to last
	// saveLead + the longer of saveFactor x the SAVE time and
	// seenFactor x the longest save under load seen on the server in
	// earlier rounds, + loadTail; and at least minLoad.
	saveLead   = time.Second
	saveFactor = 3
	seenFactor = 1.5
	loadTail   = 2 * time.Second
	minLoad    = 5 * time.Second

	savePoll      = 10 * time.Millisecond // INFO persistence while a save runs
	restartPoll   = 5 * time.Millisecond  // PING and DBSIZE during a restart
	persistWait   = 10 * time.Minute      // the longest a save or a restart may take
	getLoadConns  = 50
	fallbackRate  = 20000.0 // GET requests per second, if none was measured
	minGetLoadReq = 10000
)

// persistServerArgs is the command line of a persistence server:
// redis-server's syntax, its own directory, no save points (the harness
// saves), the AOF on (everysec) or off. Automatic AOF rewrites are off, so
// that the only rewrite is the one the harness asks for and none lands in
// a SET run of one server but not the other's.
func persistServerArgs(port int, dir string, aof bool) []string {
	args := []string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
		"--dbfilename", "dump.rdb", "--save", ""}
	if aof {
		return append(args, "--appendonly", "yes", "--appendfsync", "everysec", "--auto-aof-rewrite-percentage", "0")
	}
	return append(args, "--appendonly", "no")
}

// getLoadArgs is the redis-benchmark command line of the GET load: 50
// clients, no pipelining, a random key of the fill on every request.
func getLoadArgs(port string, keys, requests int) []string {
	return []string{"-h", "127.0.0.1", "-p", port, "-c", strconv.Itoa(getLoadConns), "-r", strconv.Itoa(keys),
		"-n", strconv.Itoa(requests), "--csv", "-t", "get"}
}

// setWorkload is the SET of the strings group, run with and without AOF.
var setWorkload = workload{Name: "SET", Test: "set"}

// fillValue is the value of key i: fillValueLen letters and digits drawn
// from a hash of i, so that no two values are alike and RDB's LZF
// compression does not shrink them (a run of one letter would compress
// in Redis's file but not in miniserve's).
func fillValue(i int) []byte {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	out := make([]byte, 0, fillValueLen)
	x := uint64(i)
	for len(out) < fillValueLen {
		// splitmix64: ten 6-bit letters per step.
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		z ^= z >> 31
		for j := 0; j < 10 && len(out) < fillValueLen; j++ {
			out = append(out, alphabet[z&63])
			z >>= 6
		}
	}
	return out
}

// fillCommands is n SETs of fillKeyFormat to fillValue as one RESP buffer,
// made once and sent as is, like the input of `redis-cli --pipe`.
func fillCommands(n int) []byte {
	buf := make([]byte, 0, n*(32+len(fillKeyFormat)+fillValueLen))
	var key []byte
	for i := range n {
		key = fmt.Appendf(key[:0], fillKeyFormat, i)
		buf = append(buf, "*3\r\n$3\r\nSET\r\n$"...)
		buf = strconv.AppendInt(buf, int64(len(key)), 10)
		buf = append(buf, "\r\n"...)
		buf = append(buf, key...)
		buf = append(buf, "\r\n$"...)
		buf = strconv.AppendInt(buf, fillValueLen, 10)
		buf = append(buf, "\r\n"...)
		buf = append(buf, fillValue(i)...)
		buf = append(buf, "\r\n"...)
	}
	return buf
}

// pipeFill sends buf, which holds n commands, over one connection while a
// goroutine reads the n replies, and returns the time from the first byte
// sent to the last reply read. The first error reply is returned as err.
func pipeFill(addr string, buf []byte, n int) (time.Duration, error) {
	c, err := dialRESP(addr, 5*time.Second)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	c.c.SetDeadline(time.Now().Add(persistWait))
	type result struct {
		firstErr error
		err      error
	}
	done := make(chan result, 1)
	go func() {
		var res result
		for range n {
			v, err := readReply(c.r)
			if err != nil {
				res.err = err
				break
			}
			if e, ok := v.(respError); ok && res.firstErr == nil {
				res.firstErr = e
			}
		}
		done <- res
	}()
	t0 := time.Now()
	if _, err := c.c.Write(buf); err != nil {
		c.Close() // unblocks the reader
		<-done
		return 0, err
	}
	res := <-done
	elapsed := time.Since(t0)
	if res.err != nil {
		return 0, fmt.Errorf("reading the replies: %w", res.err)
	}
	return elapsed, res.firstErr
}

// parseInfo returns the name:value fields of an INFO reply.
func parseInfo(info string) map[string]string {
	out := map[string]string{}
	for line := range strings.SplitSeq(info, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		if k, v, ok := strings.Cut(line, ":"); ok {
			out[k] = v
		}
	}
	return out
}

// saveKind is what runs during a GET load: nothing, a BGSAVE or a
// BGREWRITEAOF.
type saveKind string

const (
	noSave    saveKind = ""
	bgsave    saveKind = "BGSAVE"
	bgrewrite saveKind = "BGREWRITEAOF"
)

// saveInProgress reads INFO persistence: is a save of this kind running
// (or, for a rewrite, scheduled behind a BGSAVE)? For noSave, is any
// running?
func saveInProgress(info map[string]string, kind saveKind) bool {
	bg := info["rdb_bgsave_in_progress"] == "1"
	rw := info["aof_rewrite_in_progress"] == "1" || info["aof_rewrite_scheduled"] == "1"
	switch kind {
	case bgsave:
		return bg
	case bgrewrite:
		return rw
	}
	return bg || rw
}

// saveStatus returns an error if INFO persistence says that the last save
// of this kind failed.
func saveStatus(info map[string]string, kind saveKind) error {
	field := "rdb_last_bgsave_status"
	if kind == bgrewrite {
		field = "aof_last_bgrewrite_status"
	}
	if v, ok := info[field]; !ok {
		return fmt.Errorf("INFO persistence has no %s", field)
	} else if v != "ok" {
		return fmt.Errorf("%s:%s", field, v)
	}
	return nil
}

// persistenceInfo reads INFO persistence.
func persistenceInfo(c *respConn) (map[string]string, error) {
	v, err := c.Do("INFO", "persistence")
	if err != nil {
		return nil, err
	}
	if e, ok := v.(respError); ok {
		return nil, e
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("INFO persistence answered %T", v)
	}
	return parseInfo(s), nil
}

// waitSave polls INFO persistence until no save of the kind runs.
func waitSave(ctx context.Context, c *respConn, kind saveKind, timeout time.Duration) (map[string]string, error) {
	deadline := time.Now().Add(timeout)
	for {
		info, err := persistenceInfo(c)
		if err != nil {
			return nil, err
		}
		if !saveInProgress(info, kind) {
			return info, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("a save still runs after %v", timeout)
		}
		if err := sleepCtx(ctx, savePoll); err != nil {
			return nil, err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// loadSizing is what sizes a server's GET loads: its GET rate (its last
// load without a save, or a calibration run) and the longest save under
// load seen so far. A save under load can take several times the SAVE
// time on a busy machine, so later rounds learn from earlier ones.
type loadSizing struct {
	rate     float64
	seenSave time.Duration
}

// loadRequests is the -n of the GET loads of a server: enough requests,
// at the server's rate, to last saveLead + the longer of saveFactor x the
// SAVE time and seenFactor x the longest save under load seen +
// loadTail (at least minLoad), so that the load covers the whole save
// even when the save is slower under the load.
func loadRequests(sz loadSizing, saveTime time.Duration) int {
	rate := sz.rate
	if math.IsNaN(rate) || rate <= 0 {
		rate = fallbackRate
	}
	est := max(saveFactor*saveTime, time.Duration(seenFactor*float64(sz.seenSave)))
	window := max(minLoad, saveLead+est+loadTail)
	return max(minGetLoadReq, int(math.Ceil(rate*window.Seconds())))
}

// pingLoading classifies a PING reply during a restart: loading is true
// while the server answers -LOADING; any other answer than PONG is an
// error.
func pingLoading(v any) (loading bool, err error) {
	switch v := v.(type) {
	case string:
		if v == "PONG" {
			return false, nil
		}
	case respError:
		if strings.HasPrefix(string(v), "LOADING") {
			return true, nil
		}
		return false, v
	}
	return false, fmt.Errorf("PING answered %v", v)
}

// restart starts s's binary again with the same command line, port and
// directory, as a new server; s must have been stopped.
func (s *server) restart() (*server, error) {
	n := &server{Name: s.Name, Path: s.Path, Args: s.Args, Port: s.Port, Addr: s.Addr, Dir: s.Dir, restarts: s.restarts + 1}
	return n, n.start()
}

// waitLoaded polls s until it answers PING without -LOADING and DBSIZE is
// keys.
func waitLoaded(ctx context.Context, s *server, keys int64, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var c *respConn
	defer func() {
		if c != nil {
			c.Close()
		}
	}()
	state := "no connection"
	for {
		if !s.Alive() {
			return fmt.Errorf("%s exited during the restart (%v); log:\n%s", s.Name, s.waitErr, s.LogTail(2000))
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not loaded after %v: %s", timeout, state)
		}
		if c == nil {
			var err error
			if c, err = dialRESP(s.Addr, time.Second); err != nil {
				c = nil
				state = err.Error()
				if err := sleepCtx(ctx, restartPoll); err != nil {
					return err
				}
				continue
			}
		}
		c.c.SetDeadline(time.Now().Add(10 * time.Second))
		v, err := c.Do("PING")
		if err == nil {
			var loading bool
			if loading, err = pingLoading(v); err == nil && loading {
				state = "LOADING"
			} else if err == nil {
				v, err = c.Do("DBSIZE")
				if n, ok := v.(int64); ok && err == nil {
					if n == keys {
						return nil
					}
					state = fmt.Sprintf("DBSIZE %d", n)
				} else if err == nil {
					err = fmt.Errorf("DBSIZE answered %v", v)
				}
			}
		}
		if err != nil {
			if _, ok := err.(respError); ok {
				return err
			}
			state = err.Error()
			c.Close()
			c = nil
		}
		if err := sleepCtx(ctx, restartPoll); err != nil {
			return err
		}
	}
}

// dirSize is the total size of the regular files under dir.
func dirSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			total += info.Size()
		}
		return nil
	})
	return total, err
}

// latencyRun is one GET load, with or without a save during it.
type latencyRun struct {
	Requests             int
	RPS, P50, P99, MaxMs float64
	Lead                 time.Duration // from the start of the load to the save command
	Save                 time.Duration // from the save command until INFO said it was over
	Load                 time.Duration // the load's wall time
	EndedEarly           bool          // the load ended before the save was over
	Err                  string
}

func newLatencyRun() latencyRun {
	return latencyRun{RPS: math.NaN(), P50: math.NaN(), P99: math.NaN(), MaxMs: math.NaN()}
}

func (l latencyRun) ok() bool { return l.Err == "" && !math.IsNaN(l.MaxMs) }

// persistRound is what one round measured on one server. Figures that
// were not measured are NaN (or -1 for sizes).
type persistRound struct {
	FillSec       float64 // the fill over one connection, appendonly no
	FillAOFSec    float64 // the same, appendonly everysec
	SaveSec       float64 // SAVE's round trip
	SnapshotBytes int64
	RestartSec    float64 // from the start of the process until loaded
	RestartAOFSec float64 // the same from the AOF, after BGREWRITEAOF
	// SET runs per persistPipelines index.
	SetNo, SetAOF                  []runResult
	GetBase, GetBgsave, GetRewrite latencyRun
	AOFBytes                       int64 // the AOF directory after the rewrite
	Errs                           []string
}

func newPersistRound() persistRound {
	r := persistRound{FillSec: math.NaN(), FillAOFSec: math.NaN(), SaveSec: math.NaN(), SnapshotBytes: -1,
		RestartSec: math.NaN(), RestartAOFSec: math.NaN(), AOFBytes: -1,
		GetBase: newLatencyRun(), GetBgsave: newLatencyRun(), GetRewrite: newLatencyRun()}
	for range persistPipelines {
		nr := runResult{RPS: math.NaN(), CPUus: math.NaN(), P50: math.NaN(), P99: math.NaN(), Err: "not run"}
		r.SetNo = append(r.SetNo, nr)
		r.SetAOF = append(r.SetAOF, nr)
	}
	return r
}

// persistResult is the persistence group on both servers.
type persistResult struct {
	Keys           int
	Rounds         int
	Steps          []persistStep
	Redis, Mini    []persistRound // index = round
	ServerCommands []string
	Commands       []string
	Notes          []string
}

func (p *persistResult) has(step persistStep) bool {
	for _, s := range p.Steps {
		if s == step {
			return true
		}
	}
	return false
}

// persistSide is one server binary in a round: its process without AOF,
// its process with AOF, their directories.
type persistSide struct {
	name, path    string
	res           *persistRound
	noAOF, aof    *server
	dirNo, dirAOF string
}

func (sd *persistSide) stop() {
	sd.noAOF.Stop()
	sd.aof.Stop()
}

func (sd *persistSide) fail(step string, err error) {
	msg := fmt.Sprintf("%s: %v", step, err)
	logf("persistence: %s: %s", sd.name, msg)
	sd.res.Errs = append(sd.res.Errs, oneLine(msg, 1500))
}

// runPersistence runs the persistence group: rounds of fresh servers in
// directories under dir, alternating between the two binaries in every
// step. It returns an error only when ctx ends or a server exits on its
// own; what was measured until then is in the result.
func (h *harness) runPersistence(ctx context.Context, steps []persistStep, dir string) (*persistResult, error) {
	keys, rounds := h.o.persistKeys, h.o.persistRounds
	pr := &persistResult{Keys: keys, Rounds: rounds, Steps: steps}
	for range rounds {
		pr.Redis = append(pr.Redis, newPersistRound())
		pr.Mini = append(pr.Mini, newPersistRound())
	}
	for _, aof := range []bool{false, true} {
		dirName := "DIR"
		if aof {
			dirName = "DIR-AOF"
		}
		args := persistServerArgs(0, dirName, aof)
		args[1] = "PORT"
		pr.ServerCommands = append(pr.ServerCommands, shellJoin(append([]string{"SERVER"}, args...)))
	}
	if pr.has(stepAOF) {
		for _, p := range persistPipelines {
			pr.Commands = append(pr.Commands, shellJoin(append([]string{"redis-benchmark"}, setWorkload.benchArgs("PORT", h.o.requestsFor(p), p)...)))
		}
	}
	if pr.has(stepLatency) {
		args := getLoadArgs("PORT", keys, 0)
		args[slices.Index(args, "-n")+1] = "N"
		pr.Commands = append(pr.Commands, shellJoin(append([]string{"redis-benchmark"}, args...)))
	}
	sizing := map[string]*loadSizing{}
	for r := range rounds {
		sides := []*persistSide{
			{name: "redis", path: h.o.redis, res: &pr.Redis[r]},
			{name: "miniserve", path: h.o.miniserve, res: &pr.Mini[r]},
		}
		roundDir := filepath.Join(dir, fmt.Sprintf("persistence-round%d", r+1))
		err := h.persistRound(ctx, pr, r, sides, roundDir, sizing)
		for _, sd := range sides {
			sd.stop()
		}
		if err == nil || !h.o.verbose {
			os.RemoveAll(roundDir)
		}
		if err != nil {
			return pr, err
		}
	}
	return pr, nil
}

// persistRound runs one round of the selected steps.
func (h *harness) persistRound(ctx context.Context, pr *persistResult, r int, sides []*persistSide, roundDir string, sizing map[string]*loadSizing) error {
	keys := pr.Keys
	needAOF := pr.has(stepAOF) || pr.has(stepLatency)
	needFill := pr.has(stepSnapshot) || pr.has(stepLatency)
	label := fmt.Sprintf("persistence round %d/%d", r+1, pr.Rounds)

	// each runs f on each side in turn, redis first, and records its
	// error; it stops on ctx's end or when a server exited on its own.
	each := func(step string, f func(sd *persistSide) error) error {
		for _, sd := range sides {
			if err := ctx.Err(); err != nil {
				return err
			}
			if step != "start" && sd.noAOF == nil {
				continue // it did not start: its failure is recorded
			}
			if err := f(sd); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				sd.fail(step, err)
			}
			for _, s := range []*server{sd.noAOF, sd.aof} {
				if s != nil && !s.stopped && !s.Alive() {
					msg := fmt.Sprintf("%s (pid %d) exited during the persistence step %q, round %d: %v; the remaining steps were not run. Log tail:\n\n```\n%s\n```",
						s.Name, s.PID(), step, r+1, s.waitErr, strings.TrimSpace(s.LogTail(1500)))
					pr.Notes = append(pr.Notes, msg)
					return fmt.Errorf("%s (pid %d) exited during the persistence step %q: %v", s.Name, s.PID(), step, s.waitErr)
				}
			}
		}
		return nil
	}

	err := each("start", func(sd *persistSide) error {
		sd.dirNo = filepath.Join(roundDir, sd.name)
		sd.dirAOF = filepath.Join(roundDir, sd.name+"-aof")
		for _, d := range []string{sd.dirNo, sd.dirAOF} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
		}
		var err error
		sd.noAOF, err = startServerArgs(sd.name, sd.path, sd.dirNo, func(port int) []string { return persistServerArgs(port, sd.dirNo, false) })
		if err != nil {
			return err
		}
		if needAOF {
			sd.aof, err = startServerArgs(sd.name, sd.path, sd.dirAOF, func(port int) []string { return persistServerArgs(port, sd.dirAOF, true) })
		}
		return err
	})
	if err != nil {
		return err
	}

	if pr.has(stepAOF) {
		for pi, p := range persistPipelines {
			n := h.o.requestsFor(p)
			for _, aof := range []bool{false, true} {
				err := each(fmt.Sprintf("SET -P %d appendonly %v", p, aof), func(sd *persistSide) error {
					s, dst, mode := sd.noAOF, sd.res.SetNo, "appendonly no"
					if aof {
						s, dst, mode = sd.aof, sd.res.SetAOF, "appendonly everysec"
					}
					if s == nil {
						return nil
					}
					res := h.runOnce(ctx, setWorkload, s, p, n, r)
					dst[pi] = res
					if res.Err != "" {
						return errors.New(res.Err)
					}
					logf("%s %-9s: SET -P %-2d %-19s %9.0f rps  %6.2f us/req", label, sd.name, p, mode, res.RPS, res.CPUus)
					return nil
				})
				if err != nil {
					return err
				}
			}
		}
	}

	fill := func(s *server, dst *float64) error {
		if s == nil {
			return nil
		}
		c, err := s.Client()
		if err != nil {
			return err
		}
		defer c.Close()
		if v, err := c.Do("FLUSHALL"); err != nil || isErr(v) {
			return fmt.Errorf("FLUSHALL: %v %v", err, v)
		}
		d, err := pipeFill(s.Addr, h.fillBuf, keys)
		if err != nil {
			return err
		}
		v, err := c.Do("DBSIZE")
		if err != nil {
			return err
		}
		if v != int64(keys) {
			return fmt.Errorf("DBSIZE %v after loading %d keys", v, keys)
		}
		*dst = d.Seconds()
		return nil
	}
	if needFill {
		if h.fillBuf == nil || h.fillKeys != keys {
			t0 := time.Now()
			h.fillBuf, h.fillKeys = fillCommands(keys), keys
			logf("persistence: %d SETs made into one %.1f MiB buffer in %v", keys, float64(len(h.fillBuf))/(1<<20), time.Since(t0).Round(time.Millisecond))
		}
		err := each("fill", func(sd *persistSide) error {
			if err := fill(sd.noAOF, &sd.res.FillSec); err != nil {
				return err
			}
			logf("%s %-9s: filled %d keys in %.2f s", label, sd.name, keys, sd.res.FillSec)
			return nil
		})
		if err != nil {
			return err
		}
		err = each("SAVE", func(sd *persistSide) error {
			c, err := sd.noAOF.Client()
			if err != nil {
				return err
			}
			defer c.Close()
			t0 := time.Now()
			v, err := c.Do("SAVE")
			d := time.Since(t0)
			if err != nil {
				return err
			}
			if v != "OK" {
				return fmt.Errorf("SAVE answered %v", v)
			}
			sd.res.SaveSec = d.Seconds()
			st, err := os.Stat(filepath.Join(sd.dirNo, "dump.rdb"))
			if err != nil {
				return err
			}
			sd.res.SnapshotBytes = st.Size()
			logf("%s %-9s: SAVE %.2f s, %s", label, sd.name, sd.res.SaveSec, fbytes(sd.res.SnapshotBytes))
			return nil
		})
		if err != nil {
			return err
		}
	}

	if pr.has(stepSnapshot) {
		err := each("restart", func(sd *persistSide) error {
			if math.IsNaN(sd.res.SaveSec) {
				return errors.New("no snapshot to load")
			}
			var err error
			if sd.res.RestartSec, err = restartLoaded(ctx, &sd.noAOF, keys); err != nil {
				return err
			}
			logf("%s %-9s: restarted and loaded %d keys in %.2f s", label, sd.name, keys, sd.res.RestartSec)
			return nil
		})
		if err != nil {
			return err
		}
	}

	if pr.has(stepLatency) {
		err := each("fill (appendonly everysec)", func(sd *persistSide) error {
			if err := fill(sd.aof, &sd.res.FillAOFSec); err != nil {
				return err
			}
			logf("%s %-9s: filled %d keys with appendonly everysec in %.2f s", label, sd.name, keys, sd.res.FillAOFSec)
			return nil
		})
		if err != nil {
			return err
		}
		requests := map[*persistSide]int{}
		err = each("GET load calibration", func(sd *persistSide) error {
			sz := sizing[sd.name]
			if sz == nil {
				run := h.getLoad(ctx, sd.noAOF, noSave, max(minGetLoadReq, h.o.n1/2), keys)
				if run.Err != "" {
					return errors.New(run.Err)
				}
				sz = &loadSizing{rate: run.RPS}
				sizing[sd.name] = sz
				logf("%s %-9s: GET load calibration %.0f rps", label, sd.name, run.RPS)
			}
			saveEst := time.Duration(sd.res.SaveSec * float64(time.Second))
			if math.IsNaN(sd.res.SaveSec) {
				saveEst = 5 * time.Second
			}
			requests[sd] = loadRequests(*sz, saveEst)
			return nil
		})
		if err != nil {
			return err
		}
		for _, kind := range []saveKind{noSave, bgsave, bgrewrite} {
			step := "GET load"
			if kind != noSave {
				step += " during " + string(kind)
			}
			err := each(step, func(sd *persistSide) error {
				s, dst := sd.noAOF, &sd.res.GetBase
				switch kind {
				case bgsave:
					dst = &sd.res.GetBgsave
				case bgrewrite:
					s, dst = sd.aof, &sd.res.GetRewrite
				}
				run := h.getLoad(ctx, s, kind, requests[sd], keys)
				*dst = run
				if run.Err != "" {
					return errors.New(run.Err)
				}
				if sz := sizing[sd.name]; kind == noSave {
					sz.rate = run.RPS
				} else {
					sz.seenSave = max(sz.seenSave, run.Save)
				}
				if kind == bgrewrite {
					sd.res.AOFBytes, _ = dirSize(filepath.Join(sd.dirAOF, "appendonlydir"))
				}
				early := ""
				if run.EndedEarly {
					early = "  (the load ended before the save)"
				}
				logf("%s %-9s: %-28s -n %d  %7.0f rps  p99 %.2f ms  max %.2f ms  save %.2f s%s",
					label, sd.name, step, run.Requests, run.RPS, run.P99, run.MaxMs, run.Save.Seconds(), early)
				return nil
			})
			if err != nil {
				return err
			}
		}
		// The AOF as BGREWRITEAOF left it (Redis's base is an RDB
		// preamble, miniserve's RESP), loaded on a restart.
		err = each("restart (appendonly yes)", func(sd *persistSide) error {
			var err error
			if sd.res.RestartAOFSec, err = restartLoaded(ctx, &sd.aof, keys); err != nil {
				return err
			}
			logf("%s %-9s: restarted from the AOF and loaded %d keys in %.2f s", label, sd.name, keys, sd.res.RestartAOFSec)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// restartLoaded stops *s and starts it again with the same command
// line, port and directory, and returns the seconds from the start of
// the new process until it has loaded keys keys. *s becomes the new
// process once it has started.
func restartLoaded(ctx context.Context, s **server, keys int) (float64, error) {
	(*s).Stop()
	t0 := time.Now()
	n, err := (*s).restart()
	if err != nil {
		return math.NaN(), err
	}
	*s = n
	if err := waitLoaded(ctx, n, int64(keys), persistWait); err != nil {
		return math.NaN(), err
	}
	return time.Since(t0).Seconds(), nil
}

// endedEarly says whether a load that ended at loadEnd failed to cover a
// save that ended at saveEnd (zero if it never started or never ended).
func endedEarly(kind saveKind, loadEnd, saveEnd time.Time) bool {
	return kind != noSave && (saveEnd.IsZero() || loadEnd.Before(saveEnd))
}

// getLoad runs the GET load against s, with a save of the given kind
// started saveLead after the load, and waits for both to end.
func (h *harness) getLoad(ctx context.Context, s *server, kind saveKind, requests, keys int) latencyRun {
	res := newLatencyRun()
	res.Requests = requests
	if s == nil {
		res.Err = "no server"
		return res
	}
	admin, err := s.Client()
	if err != nil {
		res.Err = err.Error()
		return res
	}
	defer admin.Close()
	if _, err := waitSave(ctx, admin, noSave, persistWait); err != nil {
		res.Err = "before the load: " + err.Error()
		return res
	}
	args := getLoadArgs(strconv.Itoa(s.Port), keys, requests)
	if h.o.verbose {
		logf("$ %s", shellJoin(append([]string{h.o.benchmark}, args...)))
	}
	rctx, cancel := context.WithTimeout(ctx, h.o.timeout)
	defer cancel()
	cmd := exec.CommandContext(rctx, h.o.benchmark, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		res.Err = err.Error()
		return res
	}
	var runErr error
	var loadEnd time.Time
	exited := make(chan struct{})
	go func() {
		runErr = cmd.Wait()
		loadEnd = time.Now()
		close(exited)
	}()
	var saveEnd time.Time
	if kind != noSave {
		saveErr := func() error {
			select {
			case <-exited:
				return errors.New("the load ended before the save could start")
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(saveLead):
			}
			tSave := time.Now()
			res.Lead = tSave.Sub(t0)
			v, err := admin.Do(string(kind))
			if err != nil {
				return err
			}
			if e, ok := v.(respError); ok {
				return fmt.Errorf("%s: %w", kind, e)
			}
			info, err := waitSave(ctx, admin, kind, persistWait)
			saveEnd = time.Now()
			res.Save = saveEnd.Sub(tSave)
			if err != nil {
				return err
			}
			return saveStatus(info, kind)
		}()
		if saveErr != nil {
			res.Err = saveErr.Error()
		}
	}
	<-exited
	res.Load = loadEnd.Sub(t0)
	res.EndedEarly = endedEarly(kind, loadEnd, saveEnd)
	if h.o.verbose {
		logf("%s%s", stdout.String(), stderr.String())
	}
	if res.Err != "" {
		return res
	}
	if errs := benchErrors(stderr.String() + "\n" + stdout.String()); len(errs) > 0 {
		res.Err = errs[0]
		return res
	}
	if runErr != nil {
		if rctx.Err() != nil && ctx.Err() == nil {
			res.Err = fmt.Sprintf("timed out after %v", h.o.timeout)
		} else {
			res.Err = fmt.Sprintf("redis-benchmark: %v: %s", runErr, strings.TrimSpace(stderr.String()))
		}
		return res
	}
	rows, err := parseBenchCSV(stdout.String())
	if err != nil {
		res.Err = err.Error()
		return res
	}
	res.RPS, res.P50, res.P99, res.MaxMs = rows[0].RPS, rows[0].P50Ms, rows[0].P99Ms, rows[0].MaxMs
	return res
}
