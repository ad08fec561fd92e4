package main

// Process-level crash tests: run the miniserve binary TestMain builds,
// write to it, kill it with SIGKILL (only the PID the test started), start
// it again on the same dir and check what survived.
//
// No assertion is made on a duration. Durations only bound liveness
// ("came up within 20s") and decide when to kill; the bounds on lost
// writes are counts derived from the measured write rate.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

const (
	startTimeout = 30 * time.Second // a server comes up (and loads its data) within this
	exitTimeout  = 10 * time.Second // a SIGKILLed process is reaped within this
)

// proc is a server process started by a test.
type proc struct {
	t       *testing.T
	name    string
	cmd     *exec.Cmd
	addr    string
	logPath string
	exited  chan struct{}
}

var logSeq atomic.Int64

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startProc runs bin with args and --port <a free loopback port>, and
// waits until it logs that it accepts connections. A port taken in the
// meantime is retried with another one. The process is SIGKILLed when t
// ends, if it still runs.
func startProc(t *testing.T, bin, logDir string, args ...string) *proc {
	t.Helper()
	for attempt := 0; attempt < 5; attempt++ {
		if p := tryStart(t, bin, logDir, args); p != nil {
			return p
		}
	}
	t.Fatalf("%s: no free port after 5 attempts", bin)
	return nil
}

// tryStart is one attempt of startProc; it returns nil when the port
// was taken.
func tryStart(t *testing.T, bin, logDir string, args []string) *proc {
	t.Helper()
	port := freePort(t)
	name := filepath.Base(bin)
	logPath := filepath.Join(logDir, fmt.Sprintf("%s-%d.log", name, logSeq.Add(1)))
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	argv := append(append([]string(nil), args...), "--port", strconv.Itoa(port))
	cmd := exec.Command(bin, argv...)
	cmd.Stdout, cmd.Stderr = f, f
	err = cmd.Start()
	f.Close()
	if err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	p := &proc{t: t, name: name, cmd: cmd, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		logPath: logPath, exited: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("log of %s (pid %d, %s):\n%s", p.name, cmd.Process.Pid, strings.Join(argv, " "), p.logTail(4000))
		}
	})
	for deadline := time.Now().Add(startTimeout); time.Now().Before(deadline); {
		if strings.Contains(p.log(), "Ready to accept connections") {
			t.Logf("started %s pid %d on %s", name, cmd.Process.Pid, p.addr)
			return p
		}
		select {
		case <-p.exited:
			if strings.Contains(strings.ToLower(p.log()), "address already in use") {
				return nil
			}
			t.Fatalf("%s exited at startup (%v):\n%s", name, cmd.ProcessState, p.logTail(4000))
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("%s did not come up within %v:\n%s", name, startTimeout, p.logTail(4000))
	return nil
}

func (p *proc) log() string {
	b, _ := os.ReadFile(p.logPath)
	return string(b)
}

func (p *proc) logTail(n int) string {
	s := p.log()
	if len(s) > n {
		s = "..." + s[len(s)-n:]
	}
	return s
}

func (p *proc) running() bool {
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// kill sends SIGKILL to the process (its PID only) and waits for it.
func (p *proc) kill() {
	if p.running() {
		p.cmd.Process.Signal(syscall.SIGKILL)
	}
	select {
	case <-p.exited:
	case <-time.After(exitTimeout):
		p.t.Errorf("%s pid %d not reaped within %v of SIGKILL", p.name, p.cmd.Process.Pid, exitTimeout)
	}
}

// kill9 is kill for the test's own crash: the process must have been
// running until then.
func (p *proc) kill9(t *testing.T) {
	t.Helper()
	if !p.running() {
		t.Fatalf("%s exited before the test killed it (%v):\n%s", p.name, p.cmd.ProcessState, p.logTail(4000))
	}
	p.kill()
	t.Logf("SIGKILLed %s pid %d", p.name, p.cmd.Process.Pid)
}

// newClient is a go-redis client that never retries (a retry after the
// kill would blur what was acknowledged) and keeps its handshake plain.
func newClient(t *testing.T, addr, password string, poolSize int) *redis.Client {
	c := redis.NewClient(&redis.Options{
		Addr:                     addr,
		Password:                 password,
		Protocol:                 2,
		DisableIdentity:          true,
		MaxRetries:               -1,
		PoolSize:                 poolSize,
		DialTimeout:              5 * time.Second,
		ReadTimeout:              10 * time.Second,
		WriteTimeout:             10 * time.Second,
		MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled},
	})
	t.Cleanup(func() { c.Close() })
	return c
}

// infoField reads one field of INFO persistence.
func infoField(ctx context.Context, c *redis.Client, field string) (string, error) {
	info, err := c.Info(ctx, "persistence").Result()
	if err != nil {
		return "", err
	}
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), field+":"); ok {
			return v, nil
		}
	}
	return "", fmt.Errorf("INFO persistence has no %s", field)
}

// writer does SET <prefix><i> <value(i)> for i = 1, 2, ... on one
// connection, one command at a time, until a command fails.
type writer struct {
	prefix string
	value  func(i int) string
	acked  atomic.Int64 // the highest i acknowledged; the writes are in order

	// Read only after done is closed.
	ackAt      []time.Time // ackAt[i-1]: when i was acknowledged
	start, end time.Time
	err        error
	done       chan struct{}
}

const maxWrites = 2_000_000 // a bound on a writer's loop; time stops it well before

func startWriter(c *redis.Client, prefix string, value func(int) string) *writer {
	w := &writer{prefix: prefix, value: value, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		ctx := context.Background()
		w.start = time.Now()
		for i := 1; i <= maxWrites; i++ {
			if err := c.Set(ctx, w.key(i), w.value(i), 0).Err(); err != nil {
				w.err = err
				break
			}
			w.ackAt = append(w.ackAt, time.Now())
			w.acked.Store(int64(i))
		}
		w.end = time.Now()
	}()
	return w
}

func (w *writer) key(i int) string { return w.prefix + strconv.Itoa(i) }

// rate is the writer's acknowledged writes per second.
func (w *writer) rate() float64 {
	d := w.end.Sub(w.start).Seconds()
	if d <= 0 {
		return 0
	}
	return float64(len(w.ackAt)) / d
}

// waitWriters returns once the writers have acknowledged minAcks writes
// in all and minRun has passed, or maxRun has passed. A writer that stops
// on its own fails the test.
func waitWriters(t *testing.T, ws []*writer, minAcks int64, minRun, maxRun time.Duration) {
	t.Helper()
	start := time.Now()
	for {
		var total int64
		for _, w := range ws {
			select {
			case <-w.done:
				t.Fatalf("writer %q stopped before the kill after %d acks: %v", w.prefix, w.acked.Load(), w.err)
			default:
			}
			total += w.acked.Load()
		}
		run := time.Since(start)
		if total >= minAcks && run >= minRun || run >= maxRun {
			if total == 0 {
				t.Fatalf("no write acknowledged within %v", maxRun)
			}
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// stopWriters waits for the writers to fail once the server is gone.
func stopWriters(t *testing.T, ws []*writer) {
	t.Helper()
	for _, w := range ws {
		select {
		case <-w.done:
		case <-time.After(30 * time.Second):
			t.Fatalf("writer %q still running 30s after the kill", w.prefix)
		}
	}
}

// survey is what a restarted server holds of a writer's keys.
type survey struct {
	acked   int   // the highest i acknowledged before the kill
	present []int // keys 1..acked+extra found, in order
	missing []int // acknowledged keys not found, in order
	beyond  []int // keys found above acked
	wrong   []string
}

// lost is how many acknowledged writes are missing.
func (s survey) lost() int { return len(s.missing) }

// prefixLen is n such that keys 1..n are all there.
func (s survey) prefixLen() int {
	if len(s.missing) > 0 {
		return s.missing[0] - 1
	}
	return s.acked
}

// holes are acknowledged keys missing while a later key is there: a log
// replayed in order can lose a tail, never a key in the middle.
func (s survey) holes() []int {
	if len(s.present) == 0 || len(s.missing) == 0 {
		return nil
	}
	last := s.present[len(s.present)-1]
	var h []int
	for _, m := range s.missing {
		if m < last {
			h = append(h, m)
		}
	}
	return h
}

// surveyWriter reads keys 1..acked+extra of w with MGET.
func surveyWriter(t *testing.T, ctx context.Context, c *redis.Client, w *writer, extra int) survey {
	t.Helper()
	s := survey{acked: int(w.acked.Load())}
	upTo := s.acked + extra
	const batch = 1000
	for lo := 1; lo <= upTo; lo += batch * 20 {
		pipe := c.Pipeline()
		var cmds []*redis.SliceCmd
		var firsts []int
		for b := lo; b <= upTo && b < lo+batch*20; b += batch {
			var keys []string
			for i := b; i <= upTo && i < b+batch; i++ {
				keys = append(keys, w.key(i))
			}
			cmds = append(cmds, pipe.MGet(ctx, keys...))
			firsts = append(firsts, b)
		}
		if _, err := pipe.Exec(ctx); err != nil {
			t.Fatalf("MGET %s...: %v", w.prefix, err)
		}
		for j, cmd := range cmds {
			for k, v := range cmd.Val() {
				i := firsts[j] + k
				switch {
				case v == nil && i <= s.acked:
					s.missing = append(s.missing, i)
				case v == nil:
				default:
					s.present = append(s.present, i)
					if i > s.acked {
						s.beyond = append(s.beyond, i)
					}
					if got, want := fmt.Sprint(v), w.value(i); got != want && len(s.wrong) < 10 {
						s.wrong = append(s.wrong, fmt.Sprintf("%s = %q, want %q", w.key(i), got, want))
					}
				}
			}
		}
	}
	return s
}

func dbsize(t *testing.T, ctx context.Context, c *redis.Client) int64 {
	t.Helper()
	n, err := c.DBSize(ctx).Result()
	if err != nil {
		t.Fatalf("DBSIZE: %v", err)
	}
	return n
}

func head(xs []int) string {
	if len(xs) > 10 {
		return fmt.Sprintf("%v ... (%d in all)", xs[:10], len(xs))
	}
	return fmt.Sprint(xs)
}

// TestCrashAOFAlways: with appendfsync always every acknowledged write
// survives a SIGKILL, and nothing beyond the one write in flight.
func TestCrashAOFAlways(t *testing.T) {
	bin := needBinary(t)
	dir, logs := t.TempDir(), t.TempDir()
	ctx := context.Background()
	args := []string{"--dir", dir, "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "always", "--save", ""}

	p := startProc(t, bin, logs, args...)
	w := startWriter(newClient(t, p.addr, "", 1), "k", strconv.Itoa)
	waitWriters(t, []*writer{w}, 2000, 0, 5*time.Second)
	p.kill9(t)
	stopWriters(t, []*writer{w})
	t.Logf("writer: %d acked at %.0f/s, stopped by: %v", w.acked.Load(), w.rate(), w.err)

	p = startProc(t, bin, logs, args...)
	c := newClient(t, p.addr, "", 1)
	s := surveyWriter(t, ctx, c, w, 50)
	n := dbsize(t, ctx, c)
	t.Logf("after restart: acked %d, lost %d, beyond acked %v, DBSIZE %d", s.acked, s.lost(), s.beyond, n)
	if s.lost() > 0 {
		t.Errorf("appendfsync always lost %d of %d acknowledged writes (first missing: %s)", s.lost(), s.acked, head(s.missing))
	}
	if len(s.beyond) > 1 || len(s.beyond) == 1 && s.beyond[0] != s.acked+1 {
		t.Errorf("keys beyond the last ack and the one in flight: %v", s.beyond)
	}
	if len(s.wrong) > 0 {
		t.Errorf("wrong values: %v", s.wrong)
	}
	if want := int64(len(s.present)); n != want {
		t.Errorf("DBSIZE = %d, want %d", n, want)
	}
}

// TestCrashAOFEverysec: with appendfsync everysec a SIGKILL loses at most
// about the last second of writes, and what survives is a prefix.
func TestCrashAOFEverysec(t *testing.T) {
	bin := needBinary(t)
	dir, logs := t.TempDir(), t.TempDir()
	ctx := context.Background()
	args := []string{"--dir", dir, "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""}

	p := startProc(t, bin, logs, args...)
	w := startWriter(newClient(t, p.addr, "", 1), "k", strconv.Itoa)
	// Write for a few seconds, so that the one-second bound says something.
	waitWriters(t, []*writer{w}, 2000, 3*time.Second, 8*time.Second)
	p.kill9(t)
	stopWriters(t, []*writer{w})

	p = startProc(t, bin, logs, args...)
	c := newClient(t, p.addr, "", 1)
	s := surveyWriter(t, ctx, c, w, 50)
	rate := w.rate()
	bound := int(rate*2) + 100
	t.Logf("everysec: acked %d at %.0f writes/s, lost %d (bound %d = rate*2s+100), survived prefix 1..%d, beyond acked %v",
		s.acked, rate, s.lost(), bound, s.prefixLen(), s.beyond)
	if s.lost() > bound {
		t.Errorf("lost %d acknowledged writes, more than about 2 s of writes (%d); first missing: %s", s.lost(), bound, head(s.missing))
	}
	if h := s.holes(); len(h) > 0 {
		t.Errorf("acknowledged writes missing before later ones that survived: %s", head(h))
	}
	if len(s.beyond) > 1 || len(s.beyond) == 1 && s.beyond[0] != s.acked+1 {
		t.Errorf("keys beyond the last ack and the one in flight: %v", s.beyond)
	}
	if len(s.wrong) > 0 {
		t.Errorf("wrong values: %v", s.wrong)
	}
}

const seedPassword = "your-strong-redis-password"

const seedConfig = `save 900 1
save 300 10
save 60 10000
appendonly yes
appendfsync everysec
maxmemory 2gb
maxmemory-policy allkeys-lru
bind 127.0.0.1
requirepass ` + seedPassword + `
`

// TestCrashSeedConfig runs the seed configuration from a file: a load of
// several authenticated writers, SIGKILL, restart; everything
// acknowledged more than a second or two before the kill is there, and
// redis-check-aof accepts the AOF.
func TestCrashSeedConfig(t *testing.T) {
	bin := needBinary(t)
	dir, logs := t.TempDir(), t.TempDir()
	ctx := context.Background()
	conf := filepath.Join(logs, "redis.conf")
	if err := os.WriteFile(conf, []byte(seedConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{conf, "--dir", dir}

	p := startProc(t, bin, logs, args...)
	const nWriters = 4
	pad := strings.Repeat("x", 100)
	var ws []*writer
	for g := 0; g < nWriters; g++ {
		c := newClient(t, p.addr, seedPassword, 1)
		ws = append(ws, startWriter(c, fmt.Sprintf("w%d:", g), func(i int) string { return strconv.Itoa(i) + ":" + pad }))
	}
	waitWriters(t, ws, 4000, 3*time.Second, 8*time.Second)
	info, _ := newClient(t, p.addr, seedPassword, 1).Info(ctx, "persistence").Result()
	killAt := time.Now()
	p.kill9(t)
	stopWriters(t, ws)
	for _, f := range []string{"rdb_saves", "rdb_last_save_time", "rdb_last_bgsave_status", "aof_current_size"} {
		for _, line := range strings.Split(info, "\r\n") {
			if strings.HasPrefix(line, f+":") {
				t.Logf("before the kill: %s", line)
			}
		}
	}
	manifest := filepath.Join(dir, "appendonlydir", "appendonly.aof.manifest")
	checkAOF := func(when string) (string, error) {
		out, err := exec.Command("redis-check-aof", manifest).CombinedOutput()
		t.Logf("redis-check-aof %s (%s): %v\n%s", manifest, when, err, bytes.TrimSpace(out))
		return string(out), err
	}
	haveCheckAOF := true
	if _, err := exec.LookPath("redis-check-aof"); err != nil {
		haveCheckAOF = false
	} else {
		checkAOF("as the crash left it; for information") // a torn last command is legal here
	}

	p = startProc(t, bin, logs, args...)
	if err := newClient(t, p.addr, "", 1).Ping(ctx).Err(); err == nil || !strings.HasPrefix(err.Error(), "NOAUTH") {
		t.Errorf("PING without the password after restart: %v, want NOAUTH", err)
	}
	c := newClient(t, p.addr, seedPassword, 1)
	cutoff := killAt.Add(-2 * time.Second)
	var acked, lost, present, mustHave int
	var rate float64
	for _, w := range ws {
		s := surveyWriter(t, ctx, c, w, 20)
		old := 0 // writes acknowledged before cutoff: keys 1..old
		for old < len(w.ackAt) && w.ackAt[old].Before(cutoff) {
			old++
		}
		acked += s.acked
		lost += s.lost()
		present += len(s.present)
		mustHave += old
		rate += w.rate()
		t.Logf("writer %s: acked %d, lost %d, acked >2s before the kill %d, survived prefix 1..%d, beyond %v",
			w.prefix, s.acked, s.lost(), old, s.prefixLen(), s.beyond)
		if s.prefixLen() < old {
			t.Errorf("writer %s: key %s%d, acknowledged more than 2s before the kill, is lost (%d lost: %s)",
				w.prefix, w.prefix, s.prefixLen()+1, s.lost(), head(s.missing))
		}
		if h := s.holes(); len(h) > 0 {
			t.Errorf("writer %s: acknowledged writes missing before later ones that survived: %s", w.prefix, head(h))
		}
		if len(s.beyond) > 1 || len(s.beyond) == 1 && s.beyond[0] != s.acked+1 {
			t.Errorf("writer %s: keys beyond the last ack and the one in flight: %v", w.prefix, s.beyond)
		}
		if len(s.wrong) > 0 {
			t.Errorf("writer %s: wrong values: %v", w.prefix, s.wrong)
		}
	}
	t.Logf("seed config: %d writers, %d acked at %.0f writes/s in all, %d lost, %d present, %d acked >2s before the kill",
		nWriters, acked, rate, lost, present, mustHave)
	if n := dbsize(t, ctx, c); n != int64(present) {
		t.Errorf("DBSIZE = %d, want %d", n, present)
	}

	if !haveCheckAOF {
		t.Log("redis-check-aof not on PATH: AOF check skipped")
		return
	}
	if out, err := checkAOF("after the restart"); err != nil || !strings.Contains(out, "valid") {
		t.Errorf("redis-check-aof does not report the AOF valid: %v", err)
	}
}

// pipeDo sends cmds in pipelines of 20.
func pipeDo(t *testing.T, ctx context.Context, c *redis.Client, cmds [][]any) {
	t.Helper()
	for lo := 0; lo < len(cmds); lo += 20 {
		pipe := c.Pipeline()
		for _, a := range cmds[lo:min(lo+20, len(cmds))] {
			pipe.Do(ctx, a...)
		}
		if _, err := pipe.Exec(ctx); err != nil {
			t.Fatalf("pipeline: %v", err)
		}
	}
}

// loadKeys sets k0..k<n-1> to val(i) with MSETs of 1000 keys.
func loadKeys(t *testing.T, ctx context.Context, c *redis.Client, n int, val func(int) string) {
	t.Helper()
	var load [][]any
	for lo := 0; lo < n; lo += 1000 {
		a := []any{"MSET"}
		for i := lo; i < min(lo+1000, n); i++ {
			a = append(a, "k"+strconv.Itoa(i), val(i))
		}
		load = append(load, a)
	}
	pipeDo(t, ctx, c, load)
}

// TestCrashDuringBgsave kills the server while BGSAVE writes a snapshot:
// the restarted server loads a complete snapshot, the one before or the
// one being written, never a mix.
func TestCrashDuringBgsave(t *testing.T) {
	bin := needBinary(t)
	dir, logs := t.TempDir(), t.TempDir()
	ctx := context.Background()
	args := []string{"--dir", dir, "--bind", "127.0.0.1", "--appendonly", "no", "--save", ""}
	const n, added = 200_000, 10_000
	oldVal := func(i int) string { return "old:" + strconv.Itoa(i) }
	// The new state: every 13th key deleted, every 10th changed, n0..n9999 added.
	newVal := func(i int) (string, bool) {
		switch {
		case i%13 == 0:
			return "", false
		case i%10 == 0:
			return "new:" + strconv.Itoa(i), true
		}
		return oldVal(i), true
	}

	p := startProc(t, bin, logs, args...)
	c := newClient(t, p.addr, "", 1)
	loadKeys(t, ctx, c, n, oldVal)
	pipeDo(t, ctx, c, [][]any{{"SET", "marker", "old"}})
	if err := c.Save(ctx).Err(); err != nil {
		t.Fatalf("SAVE: %v", err)
	}

	var change [][]any
	for i := 0; i < n; i += 10 {
		change = append(change, []any{"SET", "k" + strconv.Itoa(i), "new:" + strconv.Itoa(i)})
	}
	for i := 0; i < n; i += 13 {
		change = append(change, []any{"DEL", "k" + strconv.Itoa(i)})
	}
	for i := 0; i < added; i++ {
		change = append(change, []any{"SET", "n" + strconv.Itoa(i), "n"})
	}
	change = append(change, []any{"SET", "marker", "new"})
	pipeDo(t, ctx, c, change)

	if err := c.BgSave(ctx).Err(); err != nil {
		t.Fatalf("BGSAVE: %v", err)
	}
	// Kill once the save is writing its temporary file, or after it ends.
	caught, polls := false, 0
	deadline := time.Now().Add(20 * time.Second)
	for ; time.Now().Before(deadline); polls++ {
		v, err := infoField(ctx, c, "rdb_bgsave_in_progress")
		if err != nil {
			t.Fatalf("INFO: %v", err)
		}
		if v != "1" {
			break
		}
		if tmp, _ := filepath.Glob(filepath.Join(dir, "dump.rdb.tmp-*")); len(tmp) > 0 {
			caught = true
			break
		}
	}
	p.kill9(t)
	var tmps []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			tmps = append(tmps, fmt.Sprintf("%s(%d bytes)", e.Name(), fi.Size()))
		}
	}
	t.Logf("killed with BGSAVE in progress and its temp file open: %v (after %d INFO polls); dir: %v", caught, polls, tmps)

	p = startProc(t, bin, logs, args...)
	c = newClient(t, p.addr, "", 1)
	marker, err := c.Get(ctx, "marker").Result()
	if err != nil {
		t.Fatalf("GET marker after restart: %v (the snapshot SAVE wrote is lost)", err)
	}
	newState := marker == "new"
	if !newState && marker != "old" {
		t.Fatalf("marker = %q", marker)
	}
	t.Logf("restart loaded the %s snapshot", marker)
	want := int64(1) // marker
	bad := 0
	for lo := 0; lo < n && bad < 10; lo += 1000 {
		keys := make([]string, 0, 1000)
		for i := lo; i < lo+1000; i++ {
			keys = append(keys, "k"+strconv.Itoa(i))
		}
		vals, err := c.MGet(ctx, keys...).Result()
		if err != nil {
			t.Fatalf("MGET: %v", err)
		}
		for j, v := range vals {
			i := lo + j
			wv, wok := oldVal(i), true
			if newState {
				wv, wok = newVal(i)
			}
			if wok {
				want++
			}
			if got, ok := v.(string); ok != wok || got != wv {
				bad++
				t.Errorf("k%d = %v, want %q (present %v) in the %s state: the snapshot mixes states", i, v, wv, wok, marker)
			}
		}
	}
	addedKeys := make([]string, 0, added)
	for i := 0; i < added; i++ {
		addedKeys = append(addedKeys, "n"+strconv.Itoa(i))
	}
	got, err := c.Exists(ctx, addedKeys...).Result()
	if err != nil {
		t.Fatalf("EXISTS: %v", err)
	}
	if newState {
		want += added
		if got != added {
			t.Errorf("%d of the %d keys added before BGSAVE loaded with marker new", got, added)
		}
	} else if got != 0 {
		t.Errorf("%d keys added after SAVE loaded with marker old: the snapshot mixes states", got)
	}
	if size := dbsize(t, ctx, c); size != want {
		t.Errorf("DBSIZE = %d, want %d (%s state)", size, want, marker)
	}
}

const errMISCONF = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error."

// misconfScenario starts bin on dir/sub with save rules, removes
// dir/sub, runs BGSAVE until INFO reports the failure, and returns the
// error of a write; a read must still work.
func misconfScenario(t *testing.T, bin string) string {
	t.Helper()
	ctx := context.Background()
	dir, logs := t.TempDir(), t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	p := startProc(t, bin, logs, "--dir", sub, "--bind", "127.0.0.1", "--appendonly", "no", "--save", "900", "1", "300", "10")
	c := newClient(t, p.addr, "", 1)
	if err := c.Set(ctx, "a", "1", 0).Err(); err != nil {
		t.Fatalf("%s: SET before: %v", p.name, err)
	}
	// Root ignores permission bits: take the directory away instead.
	if err := os.RemoveAll(sub); err != nil {
		t.Fatal(err)
	}
	if err := c.BgSave(ctx).Err(); err != nil {
		t.Logf("%s: BGSAVE: %v", p.name, err)
	}
	status := ""
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		v, err := infoField(ctx, c, "rdb_last_bgsave_status")
		if err != nil {
			t.Fatalf("%s: INFO: %v", p.name, err)
		}
		if status = v; v == "err" {
			break
		}
	}
	if status != "err" {
		t.Fatalf("%s: rdb_last_bgsave_status = %q within 20s of BGSAVE into a removed dir, want err", p.name, status)
	}
	err := c.Set(ctx, "b", "2", 0).Err()
	if err == nil {
		t.Errorf("%s: SET after the failed BGSAVE succeeded, want MISCONF", p.name)
		return ""
	}
	if v, rerr := c.Get(ctx, "a").Result(); rerr != nil || v != "1" {
		t.Errorf("%s: GET a after MISCONF = %q, %v; want \"1\": reads must still work", p.name, v, rerr)
	}
	return err.Error()
}

// TestMisconfUnwritableDir: a failed BGSAVE with save rules set refuses
// writes with Redis's MISCONF error and still serves reads.
func TestMisconfUnwritableDir(t *testing.T) {
	bin := needBinary(t)
	got := misconfScenario(t, bin)
	if got != errMISCONF {
		t.Errorf("miniserve's write error:\n got %q\nwant %q", got, errMISCONF)
	}
	redisBin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Log("redis-server not on PATH: comparison with Redis skipped")
		return
	}
	t.Run("redis-server", func(t *testing.T) {
		ref := misconfScenario(t, redisBin)
		if ref != got {
			t.Errorf("write error after a failed BGSAVE:\nminiserve    %q\nredis-server %q", got, ref)
		}
		if ref != errMISCONF {
			t.Logf("note: redis-server's error differs from the expected text: %q", ref)
		}
	})
}

// TestCrashAfterBgsaveDone: once INFO reports a BGSAVE over
// (rdb_bgsave_in_progress:0), it is counted (rdb_saves), its temporary
// file is gone, and a SIGKILL right then loads that snapshot. Scripts and
// tests wait for a BGSAVE exactly this way.
func TestCrashAfterBgsaveDone(t *testing.T) {
	bin := needBinary(t)
	dir, logs := t.TempDir(), t.TempDir()
	ctx := context.Background()
	args := []string{"--dir", dir, "--bind", "127.0.0.1", "--appendonly", "no", "--save", ""}
	const n, rounds = 200_000, 3

	p := startProc(t, bin, logs, args...)
	c := newClient(t, p.addr, "", 1)
	loadKeys(t, ctx, c, n, func(i int) string { return "v" + strconv.Itoa(i) })
	for round := 1; round <= rounds; round++ {
		if err := c.Set(ctx, "marker", round, 0).Err(); err != nil {
			t.Fatalf("SET marker: %v", err)
		}
		if err := c.BgSave(ctx).Err(); err != nil {
			t.Fatalf("BGSAVE %d: %v", round, err)
		}
		var info string
		done := false
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
			var err error
			if info, err = c.Info(ctx, "persistence").Result(); err != nil {
				t.Fatalf("INFO: %v", err)
			}
			if strings.Contains(info, "rdb_bgsave_in_progress:0") {
				done = true
				break
			}
		}
		if !done {
			t.Fatalf("BGSAVE %d still in progress after 20s", round)
		}
		if round == rounds {
			p.kill9(t)
		}
		tmp, _ := filepath.Glob(filepath.Join(dir, "dump.rdb.tmp-*"))
		field := func(f string) string {
			for _, line := range strings.Split(info, "\r\n") {
				if v, ok := strings.CutPrefix(line, f+":"); ok {
					return v
				}
			}
			return ""
		}
		t.Logf("round %d: rdb_bgsave_in_progress:0 with rdb_saves:%s rdb_changes_since_last_save:%s rdb_last_bgsave_status:%s, temp files %v",
			round, field("rdb_saves"), field("rdb_changes_since_last_save"), field("rdb_last_bgsave_status"), tmp)
		if got := field("rdb_saves"); got != strconv.Itoa(round) || len(tmp) > 0 {
			t.Errorf("round %d: INFO reports no BGSAVE in progress, but rdb_saves:%s (want %d) and temp files %v: the save is still being committed",
				round, got, round, tmp)
		}
		if got := field("rdb_changes_since_last_save"); got != "0" {
			t.Errorf("round %d: rdb_changes_since_last_save:%s after the BGSAVE, want 0", round, got)
		}
		if round == rounds {
			break
		}
		// Let a late save land, so that each round is checked on its own.
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if v, err := infoField(ctx, c, "rdb_saves"); err != nil || v == strconv.Itoa(round) {
				break
			}
		}
	}

	p = startProc(t, bin, logs, args...)
	c = newClient(t, p.addr, "", 1)
	if got, err := c.Get(ctx, "marker").Result(); err != nil || got != strconv.Itoa(rounds) {
		t.Errorf("marker after the kill = %q, %v; want %d: the BGSAVE INFO reported over was not on disk", got, err, rounds)
	}
	if size := dbsize(t, ctx, c); size != n+1 {
		t.Errorf("DBSIZE = %d, want %d", size, n+1)
	}
}
