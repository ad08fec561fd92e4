package server

import (
	"math"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// withTestBlockingCommand adds TBPOP key timeout, a blocking GETDEL, to
// a server's table, to test the mechanism on its own.
func withTestBlockingCommand(s *Server) {
	cmd := &Command{Name: "tbpop", Arity: 3, Flags: Write | Blocking, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Summary: "test",
		Proc: func(c *Client, argv [][]byte) {
			timeout, ok := c.blockTimeoutArg(argv[2])
			if !ok {
				return
			}
			if e := c.lookup(argv[1]); e != nil {
				c.reply.Bulk(e.Str)
				c.db.keys.Delete(argv[1])
				c.modified(argv[1])
				return
			}
			c.block(argv[1:2], timeout, func(c *Client) { c.reply.NullArray() })
		}}
	s.table.byName[cmd.Name] = cmd
	s.table.noteServedAlone(cmd)
}

func blockingServer(t *testing.T) *Server {
	s := RunT(t)
	s.mu.Lock()
	withTestBlockingCommand(s)
	s.mu.Unlock()
	return s
}

// waitBlocked waits, boundedly, until n clients are blocked.
func waitBlocked(t *testing.T, s *Server, n int) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		s.mu.Lock()
		got := s.blockedClients
		s.mu.Unlock()
		if got == n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("blocked clients never reached %d", n)
}

func TestBlockingFIFO(t *testing.T) {
	s := blockingServer(t)
	var waiters []*respConn
	for i := 0; i < 3; i++ {
		w := dial(t, s.Addr())
		w.send("TBPOP", "k", "0")
		waitBlocked(t, s, i+1)
		waiters = append(waiters, w)
	}
	p := dial(t, s.Addr())
	for _, v := range []string{"a", "b", "c"} {
		p.do("SET", "k", v)
	}
	for i, want := range []string{"a", "b", "c"} {
		if got := waiters[i].read(); got != "$1\r\n"+want+"\r\n" {
			t.Fatalf("waiter %d got %q, want %s", i, got, want)
		}
	}
	waitBlocked(t, s, 0)
}

func TestBlockingTimeoutAndPipeline(t *testing.T) {
	s := blockingServer(t)
	c := dial(t, s.Addr())
	// Replies before the blocking command arrive before it times out;
	// the commands after it run once it has.
	c.raw("*1\r\n$4\r\nPING\r\n*3\r\n$5\r\nTBPOP\r\n$1\r\nk\r\n$4\r\n0.05\r\n*2\r\n$4\r\nECHO\r\n$5\r\nafter\r\n")
	for _, want := range []string{"+PONG\r\n", "*-1\r\n", "$5\r\nafter\r\n"} {
		if got := c.read(); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
	// Fractional timeouts under a millisecond mean for ever, as in Redis.
	if got := c.do("TBPOP", "k", "-1"); got != "-ERR timeout is negative\r\n" {
		t.Fatalf("negative timeout: %q", got)
	}
	if got := c.do("TBPOP", "k", "x"); got != "-ERR timeout is not a float or out of range\r\n" {
		t.Fatalf("bad timeout: %q", got)
	}
}

func TestBlockingWakeFromTransaction(t *testing.T) {
	s := blockingServer(t)
	w := dial(t, s.Addr())
	w.send("TBPOP", "k", "0")
	waitBlocked(t, s, 1)
	p := dial(t, s.Addr())
	p.do("MULTI")
	p.do("SET", "k", "v1")
	p.do("SET", "k", "v2")
	if got := p.do("EXEC"); got != "*2\r\n+OK\r\n+OK\r\n" {
		t.Fatalf("EXEC: %q", got)
	}
	// Served after the whole transaction, with its final state.
	if got := w.read(); got != "$2\r\nv2\r\n" {
		t.Fatalf("waiter got %q", got)
	}
	// Inside a transaction a blocking command does not block.
	p.do("MULTI")
	p.do("TBPOP", "missing", "0")
	if got := p.do("EXEC"); got != "*1\r\n*-1\r\n" {
		t.Fatalf("blocking command in EXEC: %q", got)
	}
}

func TestBlockingDisconnectAndUnblock(t *testing.T) {
	s := blockingServer(t)
	gone := dial(t, s.Addr())
	gone.send("TBPOP", "k", "0")
	waitBlocked(t, s, 1)
	gone.conn.Close()
	waitBlocked(t, s, 0)

	w := dial(t, s.Addr())
	id := strings.TrimSuffix(strings.TrimPrefix(w.do("CLIENT", "ID"), ":"), "\r\n")
	w.send("TBPOP", "k", "0")
	waitBlocked(t, s, 1)
	c := dial(t, s.Addr())
	if info := c.do("INFO", "clients"); !strings.Contains(info, "blocked_clients:1\r\n") {
		t.Fatalf("INFO clients:\n%s", info)
	}
	if got := c.do("CLIENT", "UNBLOCK", id, "ERROR"); got != ":1\r\n" {
		t.Fatalf("CLIENT UNBLOCK: %q", got)
	}
	if got := w.read(); got != "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n" {
		t.Fatalf("unblocked client got %q", got)
	}
	// Input sent while blocked is kept and runs afterwards.
	w.send("TBPOP", "k", "0")
	waitBlocked(t, s, 1)
	w.send("ECHO", "queued")
	c.do("SET", "k", "v")
	if got := w.read(); got != "$1\r\nv\r\n" {
		t.Fatalf("got %q", got)
	}
	if got := w.read(); got != "$6\r\nqueued\r\n" {
		t.Fatalf("input sent while blocked: %q", got)
	}
}

func TestCloseWithBlockedClientLeavesNoGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t)
	s, err := Run()
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	withTestBlockingCommand(s)
	s.mu.Unlock()
	w := dial(t, s.Addr())
	w.send("TBPOP", "k", "0")
	waitBlocked(t, s, 1)
	s.Close()
	if !w.closed() {
		t.Fatal("blocked client still connected after Close")
	}
}

// TestParseTimeoutMs pins the timeouts as redis-server 7.0.15 reads them
// (observed with BLPOP): long double seconds, times 1000, rounded up,
// cast to a long long (inf and the out-of-range are LONG_MIN, which the
// command calls negative).
func TestParseTimeoutMs(t *testing.T) {
	const neg = math.MinInt64
	for _, tc := range []struct {
		in   string
		ms   int64
		fail bool
	}{
		{"0", 0, false}, {"1", 1000, false}, {"1.986", 1986, false}, {"0.01", 10, false},
		{".5", 500, false}, {"5.", 5000, false}, {"+5", 5000, false}, {"-.5", -500, false},
		{"-0", 0, false}, {"0.0", 0, false}, {"00.001", 1, false}, {"1e-3", 1, false},
		{"0.0001", 1, false}, {"-0.0001", 0, false}, {"1.0009", 1001, false},
		{"1e-400", 1, false}, {"-1e-400", 0, false}, {"3.0e1", 30000, false},
		{"0x10", 16000, false}, {"0X10", 16000, false}, {"0x1P3", 8000, false},
		{"0x1p-2", 250, false}, {"0x.1", 63, false},
		{"9223372036854775", 9223372036854775000, false},
		{"9223372036854775.807", math.MaxInt64, false},
		{"9223372036854775807", neg, false}, {"99999999999999999", neg, false},
		{"18446744073709551.615", neg, false},
		{"inf", neg, false}, {"-inf", neg, false}, {"INF", neg, false},
		{"infinity", neg, false}, {"-Infinity", neg, false},
		{"1e400", neg, false}, {"1e4932", neg, false},
		{"", 0, true}, {" 1", 0, true}, {"1 ", 0, true}, {"1e1 ", 0, true}, {"nan", 0, true},
		{"1_0", 0, true}, {"1e", 0, true}, {"1e+", 0, true}, {"Infinit", 0, true},
		{"1e4933", 0, true}, {"1e-5000", 0, true}, {"-1e-5000", 0, true},
		{"0b1", 0, true}, {"0o7", 0, true}, {".", 0, true}, {"abc", 0, true},
	} {
		ms, ok := parseTimeoutMs([]byte(tc.in))
		if ok == tc.fail || ok && ms != tc.ms {
			t.Errorf("parseTimeoutMs(%q) = %d, %v; want %d, %v", tc.in, ms, ok, tc.ms, !tc.fail)
		}
	}
	if n := testing.AllocsPerRun(100, func() { parseTimeoutMs([]byte("1.986")) }); n != 0 {
		t.Errorf("parseTimeoutMs allocates %v times on a plain decimal", n)
	}
}
