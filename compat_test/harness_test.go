package compat_test

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"
)

var (
	update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the real redis-server")
	dump   = flag.Bool("dump", false, "log every reply of every target (to inspect what a case really exercises)")
)

const noRedisMsg = "redis-server not found on PATH: comparing against recorded expectations only"

// redisBin is the redis-server binary, or "" when it is not installed.
var redisBin string

// sharedRedis is the redis-server started by TestMain for the whole package.
var sharedRedis *redisProc

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	if bin, err := exec.LookPath("redis-server"); err == nil {
		redisBin = bin
		p, err := startRedisProc("", nil)
		if err != nil {
			fmt.Fprintf(os.Stderr, "compat_test: starting redis-server: %v\n", err)
			return 1
		}
		sharedRedis = p
	} else {
		fmt.Fprintln(os.Stderr, "compat_test: "+noRedisMsg)
		if *update {
			fmt.Fprintln(os.Stderr, "compat_test: -update needs redis-server on PATH")
			return 1
		}
	}
	code := m.Run()
	stopSharedRedisCluster()
	if sharedRedis != nil {
		sharedRedis.stop()
	}
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintf(os.Stderr, "compat_test: goroutine leak: %v\n", err)
			code = 1
		}
	}
	return code
}

// ---- redis-server processes ----

// redisProc is one redis-server child process started by this package.
type redisProc struct {
	cmd     *exec.Cmd
	addr    string
	dir     string
	ownDir  bool
	logPath string
	done    chan struct{}
	waitErr error
}

// startRedisProc starts redis-server on a free loopback port with the given
// extra directives (each as name followed by its arguments). dir is the
// working directory; "" makes (and later removes) a temporary one.
func startRedisProc(dir string, conf [][]string) (*redisProc, error) {
	ownDir := false
	if dir == "" {
		d, err := os.MkdirTemp("", "compat-redis-")
		if err != nil {
			return nil, err
		}
		dir, ownDir = d, true
	}
	var lastErr error
	cluster := clusterConf(conf)
	for attempt := 0; attempt < 20; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		if cluster && (port+10000 > 65535 || !portFree(port+10000)) {
			lastErr = fmt.Errorf("cluster bus port %d taken", port+10000)
			continue // the cluster bus needs port+10000 too
		}
		p, err := launchRedis(dir, port, conf)
		if err == nil && cluster {
			if err = ownAllSlots(p.addr); err != nil {
				p.stop()
			}
		}
		if err == nil {
			p.ownDir = ownDir
			return p, nil
		}
		lastErr = err
	}
	if ownDir {
		os.RemoveAll(dir)
	}
	return nil, lastErr
}

func launchRedis(dir string, port int, conf [][]string) (*redisProc, error) {
	args := []string{
		"--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no",
	}
	for _, d := range conf {
		args = append(args, "--"+d[0])
		args = append(args, d[1:]...)
	}
	logPath := filepath.Join(dir, fmt.Sprintf("redis-%d.log", port))
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	cmd := exec.Command(redisBin, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &redisProc{cmd: cmd, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), dir: dir, logPath: logPath, done: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.done)
	}()
	// Bounded readiness loop: PING until +PONG, the process exits, or 10s.
	for i := 0; i < 200; i++ {
		select {
		case <-p.done:
			return nil, fmt.Errorf("redis-server exited early (%v): %s", p.waitErr, p.logTail())
		default:
		}
		if c, err := Dial(p.addr); err == nil {
			c.Timeout = time.Second
			v, err := c.Do("PING")
			c.Close()
			if err == nil && (v.Str == "PONG" || strings.HasPrefix(v.Str, "NOAUTH")) {
				return p, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.stop()
	return nil, fmt.Errorf("redis-server on %s not ready after 10s: %s", p.addr, p.logTail())
}

// clusterConf reports directives that start a cluster-mode node.
func clusterConf(conf [][]string) bool {
	for _, d := range conf {
		if strings.EqualFold(d[0], "cluster-enabled") && len(d) > 1 && strings.EqualFold(d[1], "yes") {
			return true
		}
	}
	return false
}

// ownAllSlots makes a fresh cluster-mode redis-server the single master of
// a one-node cluster, as miniserve's cluster mode is: it assigns itself
// every slot, then a bounded wait for cluster_state:ok.
func ownAllSlots(addr string) error {
	c, err := Dial(addr)
	if err != nil {
		return err
	}
	defer c.Close()
	c.Timeout = 5 * time.Second
	if v, err := c.Do("CLUSTER", "ADDSLOTSRANGE", "0", "16383"); err != nil || v.IsErr() {
		return fmt.Errorf("CLUSTER ADDSLOTSRANGE on %s: %v %v", addr, v, err)
	}
	for range 300 {
		v, err := c.Do("CLUSTER", "INFO")
		if err != nil {
			return err
		}
		if strings.Contains(v.Str, "cluster_state:ok") {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("%s: cluster_state not ok after 6s", addr)
}

func (p *redisProc) logTail() string {
	b, _ := os.ReadFile(p.logPath)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// stop terminates exactly this process (by its PID), waiting a bounded time.
func (p *redisProc) stop() {
	select {
	case <-p.done:
	default:
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	}
	if p.ownDir {
		os.RemoveAll(p.dir)
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startRedis starts an extra redis-server for one test with the given
// directives, e.g. startRedis(t, []string{"requirepass", "secret"}), and
// stops it when the test ends. It skips the test if redis-server is absent.
func startRedis(t testing.TB, conf ...[]string) *target {
	t.Helper()
	if redisBin == "" {
		t.Skip(noRedisMsg)
	}
	p, err := startRedisProc(t.TempDir(), conf)
	if err != nil {
		t.Fatalf("starting redis-server %v: %v", conf, err)
	}
	t.Cleanup(p.stop)
	return &target{Name: "redis", Addr: p.addr, Password: confPassword(conf), Advance: time.Sleep}
}

func confPassword(conf [][]string) string {
	for _, d := range conf {
		if strings.EqualFold(d[0], "requirepass") && len(d) > 1 {
			return d[1]
		}
	}
	return ""
}

// ---- targets and suites ----

// target is one server the cases run against.
type target struct {
	Name     string // "redis" or "miniserve"
	Addr     string
	Password string // used by the harness's own admin connection
	// Advance implements the Sleep step: real Redis sleeps, miniserve moves
	// its clock with FastForward.
	Advance func(time.Duration)
	// Shared is set for the per-package/per-test instances, which are
	// flushed before each case.
	Shared bool
	// admin is the harness's own connection, kept open for the target's
	// life: a connection opened and closed per case would linger in the
	// server's CLIENT LIST for a moment, differently on each server.
	admin *Conn
}

// suite holds the targets of one top-level test and its golden file.
type suite struct {
	t      *testing.T
	redis  *target // reference; nil when redis-server is absent
	mini   *target // the embedded miniserve under test
	golden *golden
}

func newSuite(t *testing.T) *suite {
	t.Helper()
	s := &suite{t: t, golden: loadGolden(t, t.Name())}
	if sharedRedis != nil {
		s.redis = &target{Name: "redis", Addr: sharedRedis.addr, Advance: time.Sleep, Shared: true}
	} else {
		t.Log(noRedisMsg)
	}
	s.mini = startMiniserve(t, nil)
	s.mini.Shared = true
	return s
}

// targetsFor returns the reference target (nil without redis-server) and
// the target under test for a case.
func (s *suite) targetsFor(t *testing.T, c *Case) (ref, mini *target) {
	if c.fresh() {
		if s.redis != nil {
			ref = startRedis(t, c.Conf...)
		}
		return ref, startMiniserve(t, c.Conf)
	}
	return s.redis, s.mini
}

// run runs every case as a subtest.
func (s *suite) run(cases []Case) {
	s.t.Helper()
	if !registered(cases) {
		s.t.Fatalf("the cases of %s are not listed in allCases (coverage_test.go)", s.t.Name())
	}
	seen := map[string]bool{}
	for i := range cases {
		c := &cases[i]
		if seen[c.Name] {
			s.t.Fatalf("duplicate case name %q", c.Name)
		}
		seen[c.Name] = true
		s.t.Run(c.Name, func(t *testing.T) { s.runCase(t, c) })
	}
}

func (s *suite) runCase(t *testing.T, c *Case) {
	ref, mini := s.targetsFor(t, c)
	var want []obs
	if ref != nil {
		want = runSteps(t, ref, c)
		checkSelf(t, ref, c, want, true)
		if *update {
			// Keep the recorded text when it still matches under the
			// steps' modes, so that client ids, TTLs and unordered
			// replies do not churn the golden files on every -update.
			if g, ok := s.golden.get(c.Name); !ok || matchGolden(c, g, want) != nil {
				s.golden.set(c.Name, render(c, want))
			}
			s.golden.touch(c.Name)
			// -update records Redis only: a known miniserve bug must not
			// stop the recordings from being rewritten.
			return
		} else if g, ok := s.golden.get(c.Name); !ok {
			t.Errorf("case %q is missing from %s: run `go test ./compat_test -update` with redis-server on PATH", c.Name, s.golden.path)
		} else if err := matchGolden(c, g, want); err != nil {
			t.Errorf("%s is stale for case %q (run `go test ./compat_test -update`): %v", s.golden.path, c.Name, err)
		}
	} else {
		g, ok := s.golden.get(c.Name)
		if !ok {
			t.Fatalf("no recorded expectation for case %q in %s and no redis-server to compare with", c.Name, s.golden.path)
		}
		w, err := parseRendered(c, g)
		if err != nil {
			t.Fatalf("%s, case %q: %v (run `go test ./compat_test -update`)", s.golden.path, c.Name, err)
		}
		want = w
	}
	if c.TODO != "" {
		t.Logf("miniserve side skipped: TODO: %s", c.TODO)
		return
	}
	got := runSteps(t, mini, c)
	checkSelf(t, mini, c, got, false)
	refName := "redis"
	if ref == nil {
		refName = "recorded"
	}
	for i := range c.Steps {
		st := &c.Steps[i]
		var err error
		if st.div != nil {
			t.Logf("step %d %s: known divergence, miniserve checked on its own: %s", i, st.display(), st.div.reason)
			err = st.div.check(want[i], got[i])
		} else {
			err = st.compare(want[i], got[i])
		}
		if err != nil {
			t.Errorf("step %d %s: %v\n  %-9s %s\n  %-9s %s", i, st.display(), err,
				refName+":", want[i].quoted(), "miniserve:", got[i].quoted())
		}
	}
}

// checkSelf runs the steps' own assertions (Want, WantErr, Check, Closes)
// on one target's replies. On real Redis they prove that a case exercises
// what it claims. On miniserve (isRef false) the assertions of a step with
// a known divergence are skipped: they describe Redis, and the divergence
// carries miniserve's own expectation.
func checkSelf(t *testing.T, tg *target, c *Case, res []obs, isRef bool) {
	t.Helper()
	for i := range c.Steps {
		st := &c.Steps[i]
		o := res[i]
		if st.Sleep > 0 {
			continue
		}
		if o.ReadErr != "" {
			t.Errorf("%s: step %d %s: %s", tg.Name, i, st.display(), o.ReadErr)
			continue
		}
		if st.closes && !o.Closed {
			t.Errorf("%s: step %d %s: connection not closed after reply %q", tg.Name, i, st.display(), o.Reply)
		}
		if st.replies == 0 || (!isRef && st.div != nil) {
			continue
		}
		v, _, err := ParseValue(o.Reply)
		if err != nil {
			t.Errorf("%s: step %d %s: unparsable reply %q: %v", tg.Name, i, st.display(), o.Reply, err)
			continue
		}
		for _, chk := range st.checks {
			if err := chk(v, o.Reply); err != nil {
				t.Errorf("%s: step %d %s: %v (reply %q)", tg.Name, i, st.display(), err, o.Reply)
			}
		}
	}
}

// ---- cases and steps ----

// Case is a sequence of steps, run on fresh connections against each
// target after a FLUSHALL.
type Case struct {
	Name string
	// Conf lists redis.conf directives; a case with Conf runs on its own
	// freshly started instances (both redis-server and miniserve).
	Conf [][]string
	// Fresh runs the case on its own instances even without Conf. It is
	// implied by CONFIG SET steps.
	Fresh bool
	// TODO, when set, says what miniserve still lacks for this case (e.g.
	// lists for a WRONGTYPE case built with LPUSH): the case still runs
	// against Redis and its recording, but the miniserve side is skipped
	// with a log line. Clear it once miniserve has the feature.
	TODO  string
	Steps []Step
}

func (c *Case) fresh() bool {
	if c.Fresh || len(c.Conf) > 0 {
		return true
	}
	for _, st := range c.Steps {
		if len(st.Args) >= 2 && strings.EqualFold(st.Args[0], "config") && strings.EqualFold(st.Args[1], "set") {
			return true
		}
	}
	return false
}

type mode int

const (
	modeExact mode = iota
	modeSorted
	modeSortedPairs
	modeApprox
	modeIgnore
	modeErrPrefix
	modeIgnoreFields
	modeCustom
)

// Step is one command (or raw bytes, or a sleep) on one connection.
type Step struct {
	Conn  int           // connection index within the case
	Args  []string      // command, sent as a RESP array
	Raw   []byte        // sent verbatim instead of Args
	Sleep time.Duration // a pause: real sleep on Redis, FastForward on miniserve

	scan bool // iterate Args (with {{cursor}}) to cursor 0, reply = sorted union
	// waitBlocked > 0 sends nothing on the case's connections: it polls
	// INFO clients on its own connection until blocked_clients is
	// waitBlocked-1, so that blocking cases do not race.
	waitBlocked int
	replies     int  // replies to read (default 1; 0 for a partial frame)
	closes      bool // the server must close the connection after the reply
	noSend      bool // send nothing (ExpectClosed)
	save        string
	saveFn      func(v *Value) string // what Save stores; v.Str by default

	mode   mode
	tol    int64
	prefix string
	fields []string
	cmp    func(want, got *Value) error
	checks []func(v *Value, raw []byte) error
	div    *divergence // known divergence: miniserve's own expectation
}

// divergence is miniserve's own expectation for a step where it
// deliberately differs from Redis 7.0.15.
type divergence struct {
	reason string
	want   *string                       // exact raw reply, if set
	funcs  []func(ref, got *Value) error // custom checks
}

// C is a command step compared byte for byte.
func C(args ...string) Step { return Step{Args: args, replies: 1} }

// Raw sends bytes verbatim and reads one reply.
func Raw(s string) Step { return Step{Raw: []byte(s), replies: 1} }

// Sleep pauses: real Redis sleeps, miniserve's clock is moved with
// FastForward, so expiry cases need no timing assertions on miniserve.
func Sleep(ms int) Step { return Step{Sleep: time.Duration(ms) * time.Millisecond} }

// ScanAll iterates a SCAN-family command whose args contain the cursor as
// "{{cursor}}" until the cursor is 0 again, and compares the union of the
// returned elements as a sorted set instead of the pages.
func ScanAll(args ...string) Step { return Step{Args: args, replies: 1, scan: true} }

// Recv reads one reply without sending anything, e.g. what a MONITOR
// connection is fed by another connection's command.
func Recv() Step { return Step{replies: 1, noSend: true} }

// WaitBlocked waits until n clients are blocked in a blocking command.
func WaitBlocked(n int) Step { return Step{waitBlocked: n + 1} }

// awaitBlocked polls INFO clients, boundedly, until blocked_clients is n.
func awaitBlocked(addr string, n int) error {
	cn, err := Dial(addr)
	if err != nil {
		return err
	}
	defer cn.Close()
	want := fmt.Sprintf("blocked_clients:%d\r\n", n)
	for range 500 {
		if err := cn.Send("INFO", "clients"); err != nil {
			return err
		}
		v, err := cn.Read()
		if err != nil {
			return err
		}
		if strings.Contains(string(v.Raw), want) {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("blocked_clients never reached %d", n)
}

// On runs the step on connection i of the case.
func (s Step) On(i int) Step { s.Conn = i; return s }

// Sorted compares aggregate elements as a multiset (maps by key).
func (s Step) Sorted() Step { s.mode = modeSorted; return s }

// SortedPairs compares a flat key/value array (RESP2 maps) as a set of pairs.
func (s Step) SortedPairs() Step { s.mode = modeSortedPairs; return s }

// Approx compares integers (also inside aggregates) within tol; negative
// values (TTL -1/-2) must still be equal.
func (s Step) Approx(tol int64) Step { s.mode = modeApprox; s.tol = tol; return s }

// Ignore runs the step without comparing replies (checks still apply).
func (s Step) Ignore() Step { s.mode = modeIgnore; return s }

// ErrPrefix requires both replies to be errors starting with p.
func (s Step) ErrPrefix(p string) Step {
	s.mode, s.prefix = modeErrPrefix, p
	return s.IsErr()
}

// IgnoreFields compares a map reply (or a RESP2 flat pair array) exactly
// except for the values of the named fields, e.g. HELLO's "id".
func (s Step) IgnoreFields(names ...string) Step {
	s.mode, s.fields = modeIgnoreFields, names
	return s
}

// Compare uses a custom comparison.
func (s Step) Compare(f func(want, got *Value) error) Step {
	s.mode, s.cmp = modeCustom, f
	return s
}

// Replies reads n replies (n may be 0 for a partial frame).
func (s Step) Replies(n int) Step { s.replies = n; return s }

// Closes asserts (on every target) that the server closes the connection
// after the reply; the next step on this connection index reconnects.
func (s Step) Closes() Step { s.closes = true; return s }

// Save stores the reply (integer or string) as a variable usable in later
// arguments as "{{name}}".
func (s Step) Save(name string) Step { s.save = name; return s }

// SaveWith is Save storing f(reply) instead, e.g. one field of CLIENT INFO.
func (s Step) SaveWith(name string, f func(v *Value) string) Step {
	s.save, s.saveFn = name, f
	return s
}

// Check adds an assertion on the reply, run on every target.
func (s Step) Check(f func(v *Value) error) Step {
	s.checks = append(s.checks, func(v *Value, _ []byte) error { return f(v) })
	return s
}

// Want asserts the exact raw reply on every target, real Redis included.
func (s Step) Want(raw string) Step {
	s.checks = append(s.checks, func(_ *Value, got []byte) error {
		if string(got) != raw {
			return fmt.Errorf("want %q", raw)
		}
		return nil
	})
	return s
}

// WantErr asserts the exact error message on every target.
func (s Step) WantErr(msg string) Step { return s.Want("-" + msg + "\r\n") }

// Diverges marks a known divergence: a step where miniserve deliberately
// differs from Redis 7.0.15 (for example where it implements a later
// Redis's behaviour that clients rely on). The step still runs on Redis,
// where its assertions (Want, WantErr, Check, ...) and the recording are
// checked as usual; those assertions describe Redis only. On miniserve the
// reply is not compared with Redis's: it must be exactly want (raw RESP),
// and the reason is logged. Keep divergences few and explicit.
func (s Step) Diverges(reason, want string) Step {
	d := s.divergence(reason)
	d.want = &want
	s.div = d
	return s
}

// DivergesFunc is Diverges with a custom check on miniserve's reply: f gets
// Redis's reply (the recorded one when redis-server is absent) and
// miniserve's. It may be combined with Diverges on the same step.
func (s Step) DivergesFunc(reason string, f func(ref, got *Value) error) Step {
	d := s.divergence(reason)
	d.funcs = append(d.funcs[:len(d.funcs):len(d.funcs)], f)
	s.div = d
	return s
}

func (s *Step) divergence(reason string) *divergence {
	if s.div == nil {
		return &divergence{reason: reason}
	}
	d := *s.div
	if d.reason != reason {
		d.reason += "; " + reason
	}
	return &d
}

// check checks miniserve's observation of a divergent step.
func (d *divergence) check(ref, got obs) error {
	if got.ReadErr != "" {
		return fmt.Errorf("read error: %s", got.ReadErr)
	}
	if ref.ReadErr == "" && ref.Closed != got.Closed {
		return errors.New("connection close differs")
	}
	if d.want != nil && string(got.Reply) != *d.want {
		return fmt.Errorf("want %q (known divergence: %s)", *d.want, d.reason)
	}
	if len(d.funcs) == 0 {
		return nil
	}
	g, _, err := ParseValue(got.Reply)
	if err != nil {
		return fmt.Errorf("reply unparsable: %v", err)
	}
	var r *Value
	if ref.ReadErr == "" {
		if r, _, err = ParseValue(ref.Reply); err != nil {
			return fmt.Errorf("reference reply unparsable: %v", err)
		}
	}
	for _, f := range d.funcs {
		if err := f(r, g); err != nil {
			return fmt.Errorf("%v (known divergence: %s)", err, d.reason)
		}
	}
	return nil
}

// IsErr asserts the reply is an error on every target.
func (s Step) IsErr() Step {
	return s.Check(func(v *Value) error {
		if !v.IsErr() {
			return errors.New("want an error reply")
		}
		return nil
	})
}

// IsType asserts the RESP type byte of the reply on every target.
func (s Step) IsType(ty byte) Step {
	return s.Check(func(v *Value) error {
		if v.Type != ty {
			return fmt.Errorf("want reply type %q, got %q", ty, v.Type)
		}
		return nil
	})
}

func (s *Step) display() string {
	var b strings.Builder
	if s.Conn != 0 {
		fmt.Fprintf(&b, "[%d] ", s.Conn)
	}
	switch {
	case s.Sleep > 0:
		fmt.Fprintf(&b, "sleep %v", s.Sleep)
	case s.noSend && s.replies > 0:
		b.WriteString("recv")
	case s.noSend:
		b.WriteString("expect-closed")
	case s.Raw != nil:
		b.WriteString("raw " + quoteLong(string(s.Raw)))
	default:
		if s.scan {
			b.WriteString("scanall ")
		}
		b.WriteString(displayArgs(s.Args))
	}
	return b.String()
}

// maxDisplay is the longest argument shown in full in messages and golden
// files; longer ones are shown as a prefix, their length and a checksum.
const maxDisplay = 128

func quoteLong(s string) string {
	if len(s) <= maxDisplay {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%s...(%d bytes, crc32 %08x)", strconv.Quote(s[:48]), len(s), crc32.ChecksumIEEE([]byte(s)))
}

func displayArgs(args []string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		if len(a) > maxDisplay {
			parts[i] = quoteLong(a)
		} else if a == "" || strings.ContainsFunc(a, func(r rune) bool { return r <= ' ' || r == '"' || r == '\\' || r > '~' }) {
			parts[i] = strconv.Quote(a)
		} else {
			parts[i] = a
		}
	}
	return strings.Join(parts, " ")
}

// obs is what one step observed on one target.
type obs struct {
	Reply   []byte // raw bytes of the reply (or replies)
	Closed  bool   // the connection was closed after the reply (checked for Closes steps)
	ReadErr string // the reply could not be read
}

func (o obs) quoted() string {
	switch {
	case o.ReadErr != "":
		return "read error: " + o.ReadErr
	case o.Closed:
		return strconv.Quote(string(o.Reply)) + " closed"
	}
	return strconv.Quote(string(o.Reply))
}

// runSteps runs a case on one target and returns one obs per step.
func runSteps(t *testing.T, tg *target, c *Case) []obs {
	t.Helper()
	if tg.Shared {
		resetTarget(t, tg)
	}
	conns := map[int]*Conn{}
	defer func() {
		for _, cn := range conns {
			cn.Close()
		}
	}()
	vars := map[string]string{}
	res := make([]obs, len(c.Steps))
	for i := range c.Steps {
		st := &c.Steps[i]
		if st.Sleep > 0 {
			tg.Advance(st.Sleep)
			if *dump {
				t.Logf("%-9s %s", tg.Name, st.display())
			}
			continue
		}
		if st.waitBlocked > 0 {
			if err := awaitBlocked(tg.Addr, st.waitBlocked-1); err != nil {
				res[i] = obs{ReadErr: err.Error()}
			}
			continue
		}
		cn := conns[st.Conn]
		if cn == nil {
			var err error
			cn, err = Dial(tg.Addr)
			if err != nil {
				// Recorded as the step's outcome (the server may have
				// stopped, e.g. after SHUTDOWN), so that the comparison
				// still reports every step.
				res[i] = obs{ReadErr: "dial: " + err.Error()}
				continue
			}
			conns[st.Conn] = cn
		}
		var o obs
		if st.scan {
			o = scanAll(cn, st.Args, vars)
		} else {
			o = doStep(cn, st, vars)
		}
		if st.closes && o.ReadErr == "" {
			o.Closed = cn.Closed(5 * time.Second)
		}
		if o.Closed || o.ReadErr != "" {
			cn.Close()
			delete(conns, st.Conn)
		}
		if st.save != "" {
			if v, _, err := ParseValue(o.Reply); err == nil {
				if st.saveFn != nil {
					vars[st.save] = st.saveFn(v)
				} else {
					vars[st.save] = v.Str
				}
			}
		}
		if *dump {
			t.Logf("%-9s %-40s -> %s", tg.Name, st.display(), o.quoted())
		}
		res[i] = o
	}
	return res
}

func substitute(args []string, vars map[string]string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		for k, v := range vars {
			a = strings.ReplaceAll(a, "{{"+k+"}}", v)
		}
		out[i] = a
	}
	return out
}

func doStep(cn *Conn, st *Step, vars map[string]string) obs {
	var err error
	if st.noSend {
		// nothing to send
	} else if st.Raw != nil {
		err = cn.SendRaw(st.Raw)
	} else {
		err = cn.Send(substitute(st.Args, vars)...)
	}
	if err != nil {
		return obs{ReadErr: "write: " + err.Error()}
	}
	var o obs
	for n := 0; n < st.replies; n++ {
		v, err := cn.Read()
		if err != nil {
			o.Reply = nil
			o.ReadErr = readErrString(err)
			return o
		}
		o.Reply = append(o.Reply, v.Raw...)
	}
	return o
}

func readErrString(err error) string {
	if isClosedErr(err) {
		return "connection closed"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	return err.Error()
}

// scanAll iterates a SCAN-like command to cursor 0 (bounded) and
// synthesises one reply: the sorted, de-duplicated union of the elements.
func scanAll(cn *Conn, args []string, vars map[string]string) obs {
	set := map[string]bool{}
	cursor := "0"
	for iter := 0; iter < 100000; iter++ {
		vs := map[string]string{"cursor": cursor}
		for k, v := range vars {
			vs[k] = v
		}
		v, err := cn.Do(substitute(args, vs)...)
		if err != nil {
			return obs{ReadErr: readErrString(err)}
		}
		if v.Type != '*' || len(v.Elems) != 2 || v.Elems[1].Type != '*' {
			return obs{Reply: v.Raw}
		}
		for _, e := range v.Elems[1].Elems {
			set[e.Str] = true
		}
		cursor = v.Elems[0].Str
		if cursor == "0" {
			keys := make([]string, 0, len(set))
			for k := range set {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			return obs{Reply: EncodeCommand(keys...)}
		}
	}
	return obs{ReadErr: "scan did not return to cursor 0 after 100000 calls"}
}

// resetTarget flushes a shared instance before a case.
func resetTarget(t *testing.T, tg *target) {
	t.Helper()
	if tg.admin != nil {
		if v, err := tg.admin.Do("FLUSHALL"); err == nil && v.Str == "OK" {
			awaitAlone(tg.admin)
			return
		}
		tg.admin.Close()
		tg.admin = nil
	}
	cn, err := Dial(tg.Addr)
	if err != nil {
		t.Fatalf("%s: dial %s: %v", tg.Name, tg.Addr, err)
	}
	if tg.Password != "" {
		if _, err := cn.Do("AUTH", tg.Password); err != nil {
			cn.Close()
			t.Fatalf("%s: AUTH: %v", tg.Name, err)
		}
	}
	v, err := cn.Do("FLUSHALL")
	if err != nil || v.Str != "OK" {
		cn.Close()
		t.Fatalf("%s: FLUSHALL: %v %v", tg.Name, v, err)
	}
	tg.admin = cn
	awaitAlone(cn)
}

// awaitAlone waits, boundedly, until the previous case's connections
// are gone on the server too, so that their subscriptions or blocked
// commands cannot leak into the next case.
func awaitAlone(cn *Conn) {
	for range 200 {
		v, err := cn.Do("INFO", "clients")
		if err != nil || strings.Contains(string(v.Raw), "connected_clients:1\r\n") {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// ---- comparison ----

func (s *Step) compare(want, got obs) error {
	if want.ReadErr != "" || got.ReadErr != "" {
		if want.ReadErr != got.ReadErr {
			return errors.New("read outcome differs")
		}
		return nil
	}
	if want.Closed != got.Closed {
		return errors.New("connection close differs")
	}
	if s.Sleep > 0 || s.mode == modeIgnore {
		return nil
	}
	if s.mode == modeExact || s.replies != 1 {
		if !bytes.Equal(want.Reply, got.Reply) {
			return errors.New("replies differ")
		}
		return nil
	}
	w, _, err := ParseValue(want.Reply)
	if err != nil {
		return fmt.Errorf("reference reply unparsable: %v", err)
	}
	g, _, err := ParseValue(got.Reply)
	if err != nil {
		return fmt.Errorf("reply unparsable: %v", err)
	}
	switch s.mode {
	case modeSorted:
		return equalEncoded(sortedValue(w, false), sortedValue(g, false))
	case modeSortedPairs:
		return equalEncoded(sortedValue(w, true), sortedValue(g, true))
	case modeApprox:
		return approxEqual(w, g, s.tol)
	case modeErrPrefix:
		if !g.IsErr() || !strings.HasPrefix(g.Str, s.prefix) || !strings.HasPrefix(w.Str, s.prefix) {
			return fmt.Errorf("want an error starting with %q", s.prefix)
		}
		return nil
	case modeIgnoreFields:
		return equalEncoded(maskFields(w, s.fields), maskFields(g, s.fields))
	case modeCustom:
		return s.cmp(w, g)
	}
	return fmt.Errorf("unknown mode %d", s.mode)
}

func equalEncoded(a, b *Value) error {
	if !bytes.Equal(a.Encode(), b.Encode()) {
		return fmt.Errorf("replies differ after normalisation: %q vs %q", a.Encode(), b.Encode())
	}
	return nil
}

// sortedValue sorts the elements of an aggregate (pairs for maps and, with
// pairs set, flat arrays).
func sortedValue(v *Value, pairs bool) *Value {
	v = v.Clone()
	if !v.IsAggregate() {
		return v
	}
	if v.Type == '%' || pairs {
		type kv struct{ k, v *Value }
		var ps []kv
		for i := 0; i+1 < len(v.Elems); i += 2 {
			ps = append(ps, kv{v.Elems[i], v.Elems[i+1]})
		}
		sort.SliceStable(ps, func(i, j int) bool { return string(ps[i].k.Encode()) < string(ps[j].k.Encode()) })
		v.Elems = v.Elems[:0]
		for _, p := range ps {
			v.Elems = append(v.Elems, p.k, p.v)
		}
		return v
	}
	sort.SliceStable(v.Elems, func(i, j int) bool { return string(v.Elems[i].Encode()) < string(v.Elems[j].Encode()) })
	return v
}

func approxEqual(w, g *Value, tol int64) error {
	if w.Type != g.Type || w.Null != g.Null || len(w.Elems) != len(g.Elems) {
		return fmt.Errorf("shape differs: %s vs %s", w, g)
	}
	if w.Type == ':' {
		a, _ := strconv.ParseInt(w.Str, 10, 64)
		b, _ := strconv.ParseInt(g.Str, 10, 64)
		if a < 0 || b < 0 {
			if a != b {
				return fmt.Errorf("%d != %d", a, b)
			}
			return nil
		}
		if d := a - b; d > tol || d < -tol {
			return fmt.Errorf("%d and %d differ by more than %d", a, b, tol)
		}
		return nil
	}
	if w.Str != g.Str {
		return fmt.Errorf("%s != %s", w, g)
	}
	for i := range w.Elems {
		if err := approxEqual(w.Elems[i], g.Elems[i], tol); err != nil {
			return err
		}
	}
	return nil
}

// maskFields replaces the values of the named fields of a map (or, at the
// top level, a flat key/value array) with a placeholder. Maps nested
// anywhere (e.g. a HELLO reply inside EXEC) are masked too.
func maskFields(v *Value, names []string) *Value {
	v = v.Clone()
	maskIn(v, names, true)
	return v
}

func maskIn(v *Value, names []string, top bool) {
	if !v.IsAggregate() {
		return
	}
	if (v.Type == '%' || top) && len(v.Elems)%2 == 0 {
		for i := 0; i+1 < len(v.Elems); i += 2 {
			for _, n := range names {
				if v.Elems[i].Str == n {
					v.Elems[i+1] = &Value{Type: '+', Str: "<ignored>"}
				}
			}
		}
	}
	for _, e := range v.Elems {
		maskIn(e, names, false)
	}
}

// ---- common checks ----

// checkInt asserts an integer reply.
func checkInt(v *Value) error {
	if v.Type != ':' {
		return fmt.Errorf("want an integer, got %s", v)
	}
	return nil
}

// checkArrayOf asserts an array of n elements each passing f.
func checkArrayOf(n int, f func(*Value) error) func(*Value) error {
	return func(v *Value) error {
		if v.Type != '*' || len(v.Elems) != n {
			return fmt.Errorf("want an array of %d, got %s", n, v)
		}
		for _, e := range v.Elems {
			if err := f(e); err != nil {
				return err
			}
		}
		return nil
	}
}

func checkDigits(v *Value) error {
	if v.Type != '$' || v.Str == "" || strings.Trim(v.Str, "0123456789") != "" {
		return fmt.Errorf("want a bulk string of digits, got %s", v)
	}
	return nil
}

// ---- golden files ----

// golden holds the recorded Redis replies of one top-level test, in
// testdata/<TestName>.golden. Each case is a "=== name" header followed
// by two lines per step: "> command" and the quoted raw reply (with
// " closed" when the server closed the connection).
type golden struct {
	path  string
	mu    sync.Mutex
	cases map[string]string
	order []string // recorded order, then new cases
	ran   []string // cases recorded during this run, in order
}

func loadGolden(t *testing.T, name string) *golden {
	g := &golden{path: filepath.Join("testdata", strings.ReplaceAll(name, "/", "_")+".golden"), cases: map[string]string{}}
	b, err := os.ReadFile(g.path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var cur string
	var body strings.Builder
	flush := func() {
		if cur != "" {
			g.set(cur, body.String())
		}
		body.Reset()
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "=== ") {
			flush()
			cur = line[4:]
			continue
		}
		if cur != "" {
			body.WriteString(line)
			body.WriteByte('\n')
		}
	}
	flush()
	if *update {
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("not rewriting %s: the test failed", g.path)
				return
			}
			if err := g.write(); err != nil {
				t.Error(err)
			}
		})
	}
	return g
}

func runFilter() string {
	if f := flag.Lookup("test.run"); f != nil {
		return f.Value.String()
	}
	return ""
}

func (g *golden) set(name, body string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.cases[name]; !ok {
		g.order = append(g.order, name)
	}
	g.cases[name] = body
}

// touch records that a case ran under -update.
func (g *golden) touch(name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.ran = append(g.ran, name)
}

func (g *golden) get(name string) (string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	b, ok := g.cases[name]
	return b, ok
}

func (g *golden) write() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	var b bytes.Buffer
	b.WriteString("# Replies of redis-server 7.0.15, recorded by `go test ./compat_test -update`. Do not edit.\n")
	// A full run rewrites the file with exactly the cases that ran, in
	// their order; a run with -run keeps the recorded cases it skipped.
	order := g.order
	if runFilter() == "" {
		order = g.ran
	}
	for _, name := range order {
		fmt.Fprintf(&b, "=== %s\n%s", name, g.cases[name])
	}
	if err := os.MkdirAll(filepath.Dir(g.path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(g.path, b.Bytes(), 0o644)
}

// render turns a case's observations into its golden text.
func render(c *Case, res []obs) string {
	var b strings.Builder
	for i := range c.Steps {
		fmt.Fprintf(&b, "> %s\n", c.Steps[i].display())
		if c.Steps[i].Sleep > 0 {
			b.WriteString("ok\n")
			continue
		}
		b.WriteString(res[i].quoted())
		b.WriteByte('\n')
	}
	return b.String()
}

// parseRendered reads a case's golden text back into observations.
func parseRendered(c *Case, body string) ([]obs, error) {
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	if len(lines) != 2*len(c.Steps) {
		return nil, fmt.Errorf("recorded %d lines for %d steps", len(lines), len(c.Steps))
	}
	res := make([]obs, len(c.Steps))
	for i := range c.Steps {
		if cmd := strings.TrimPrefix(lines[2*i], "> "); cmd != c.Steps[i].display() {
			return nil, fmt.Errorf("step %d recorded as %q, now %q", i, cmd, c.Steps[i].display())
		}
		r := lines[2*i+1]
		switch {
		case c.Steps[i].Sleep > 0:
		case strings.HasPrefix(r, "read error: "):
			res[i].ReadErr = strings.TrimPrefix(r, "read error: ")
		default:
			if strings.HasSuffix(r, " closed") {
				res[i].Closed = true
				r = strings.TrimSuffix(r, " closed")
			}
			s, err := strconv.Unquote(r)
			if err != nil {
				return nil, fmt.Errorf("step %d: bad recorded reply %q: %v", i, r, err)
			}
			res[i].Reply = []byte(s)
		}
	}
	return res, nil
}

// matchGolden checks that the live Redis replies still agree with the
// recorded ones, under each step's comparison mode.
func matchGolden(c *Case, body string, live []obs) error {
	rec, err := parseRendered(c, body)
	if err != nil {
		return err
	}
	for i := range c.Steps {
		if err := c.Steps[i].compare(rec[i], live[i]); err != nil {
			return fmt.Errorf("step %d %s: %v: recorded %s, live %s", i, c.Steps[i].display(), err, rec[i].quoted(), live[i].quoted())
		}
	}
	return nil
}

// TestHarnessSelf checks the comparison modes themselves.
func TestHarnessSelf(t *testing.T) {
	mk := func(s string) obs { return obs{Reply: []byte(s)} }
	cases := []struct {
		st     Step
		a, b   string
		wantOK bool
	}{
		{C("x"), "+OK\r\n", "+OK\r\n", true},
		{C("x"), "+OK\r\n", "+Ok\r\n", false},
		{C("x").Sorted(), "*2\r\n$1\r\na\r\n$1\r\nb\r\n", "*2\r\n$1\r\nb\r\n$1\r\na\r\n", true},
		{C("x").Sorted(), "*2\r\n$1\r\na\r\n$1\r\nb\r\n", "*2\r\n$1\r\nb\r\n$1\r\nb\r\n", false},
		{C("x").Sorted(), "%2\r\n+a\r\n:1\r\n+b\r\n:2\r\n", "%2\r\n+b\r\n:2\r\n+a\r\n:1\r\n", true},
		{C("x").SortedPairs(), "*4\r\n+a\r\n:1\r\n+b\r\n:2\r\n", "*4\r\n+b\r\n:2\r\n+a\r\n:1\r\n", true},
		{C("x").SortedPairs(), "*4\r\n+a\r\n:1\r\n+b\r\n:2\r\n", "*4\r\n+b\r\n:1\r\n+a\r\n:2\r\n", false},
		{C("x").Approx(2), ":100\r\n", ":98\r\n", true},
		{C("x").Approx(2), ":100\r\n", ":97\r\n", false},
		{C("x").Approx(2), ":-1\r\n", ":0\r\n", false},
		{C("x").Approx(2), "*2\r\n:5\r\n$1\r\na\r\n", "*2\r\n:6\r\n$1\r\na\r\n", true},
		{C("x").Ignore(), ":1\r\n", "+x\r\n", true},
		{C("x").ErrPrefix("ERR"), "-ERR a\r\n", "-ERR b\r\n", true},
		{C("x").ErrPrefix("ERR"), "-ERR a\r\n", "-WRONG b\r\n", false},
		{C("x").IgnoreFields("id"), "%2\r\n+id\r\n:1\r\n+v\r\n:2\r\n", "%2\r\n+id\r\n:9\r\n+v\r\n:2\r\n", true},
		{C("x").IgnoreFields("id"), "*4\r\n+id\r\n:1\r\n+v\r\n:2\r\n", "*4\r\n+id\r\n:9\r\n+v\r\n:3\r\n", false},
		{C("x").IgnoreFields("id"), "*1\r\n%1\r\n+id\r\n:1\r\n", "*1\r\n%1\r\n+id\r\n:2\r\n", true},
		{C("x").IgnoreFields("id"), "*1\r\n*2\r\n+id\r\n:1\r\n", "*1\r\n*2\r\n+id\r\n:2\r\n", false},
	}
	for i, c := range cases {
		err := c.st.compare(mk(c.a), mk(c.b))
		if (err == nil) != c.wantOK {
			t.Errorf("case %d (%s): %q vs %q: err=%v, want ok=%v", i, c.st.display(), c.a, c.b, err, c.wantOK)
		}
	}
	// Golden round trip.
	cs := &Case{Name: "x", Steps: []Step{C("SET", "a b", "\x00"), Sleep(5), Raw("*1\r\n$x\r\n").Closes()}}
	res := []obs{mk("+OK\r\n"), {}, {Reply: []byte("-ERR Protocol error: invalid bulk length\r\n"), Closed: true}}
	back, err := parseRendered(cs, render(cs, res))
	if err != nil {
		t.Fatal(err)
	}
	for i := range res {
		if string(back[i].Reply) != string(res[i].Reply) || back[i].Closed != res[i].Closed {
			t.Errorf("golden round trip step %d: %+v != %+v", i, back[i], res[i])
		}
	}
}

// TestHarnessDivergence checks the known-divergence mechanics: Redis's
// side keeps the step's assertions, miniserve's side is checked only
// against the divergence.
func TestHarnessDivergence(t *testing.T) {
	ok := func(ref, got *Value) error { return nil }
	st := C("X").WantErr("ERR no").Diverges("r", "+OK\r\n")
	ref, got := obs{Reply: []byte("-ERR no\r\n")}, obs{Reply: []byte("+OK\r\n")}
	if err := st.div.check(ref, got); err != nil {
		t.Errorf("exact divergence: %v", err)
	}
	if err := st.div.check(ref, obs{Reply: []byte("-ERR no\r\n")}); err == nil {
		t.Error("exact divergence accepted Redis's reply on miniserve")
	}
	if err := st.div.check(ref, obs{ReadErr: "timeout"}); err == nil {
		t.Error("divergence accepted a read error")
	}
	if err := st.div.check(obs{Reply: []byte("+OK\r\n")}, obs{Reply: []byte("+OK\r\n"), Closed: true}); err == nil {
		t.Error("divergence accepted a different close")
	}
	// Combining keeps both expectations and both reasons, without
	// changing the step it was built from.
	both := st.DivergesFunc("s", func(_, g *Value) error {
		if g.Str != "OK" {
			return errors.New("not OK")
		}
		return nil
	})
	if both.div.reason != "r; s" || both.div.want == nil || len(both.div.funcs) != 1 || len(st.div.funcs) != 0 {
		t.Errorf("combined divergence: %+v (original %+v)", both.div, st.div)
	}
	if err := both.div.check(ref, got); err != nil {
		t.Errorf("combined divergence: %v", err)
	}
	if err := C("X").DivergesFunc("f", ok).div.check(obs{ReadErr: "timeout"}, got); err != nil {
		t.Errorf("custom divergence without a reference reply: %v", err)
	}
	if C("X").div != nil || C("X").Want("+OK\r\n").div != nil {
		t.Error("plain steps must not diverge")
	}
}
