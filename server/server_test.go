package server

import (
	"context"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestCloseLeavesNoGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t)
	s, err := Run()
	if err != nil {
		t.Fatal(err)
	}
	var conns []*respConn
	for i := 0; i < 3; i++ {
		c := dial(t, s.Addr())
		if got := c.do("PING"); got != "+PONG\r\n" {
			t.Fatalf("PING = %q", got)
		}
		conns = append(conns, c)
	}
	conns[0].do("MONITOR") // starts the push goroutine
	conns[1].do("SET", "k", "v")
	s.Close()
	for _, c := range conns {
		c.conn.Close()
	}
}

func TestShutdownLeavesNoGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t)
	s, err := Run()
	if err != nil {
		t.Fatal(err)
	}
	c := dial(t, s.Addr())
	c.do("SET", "k", "v")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	c.conn.Close()
}

func TestShutdownCommand(t *testing.T) {
	s := RunT(t)
	c := dial(t, s.Addr())
	c.send("SHUTDOWN", "NOSAVE")
	if !c.closed() {
		t.Fatal("connection still open after SHUTDOWN")
	}
	select {
	case <-s.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop")
	}
}

func TestMaxClients(t *testing.T) {
	s := RunT(t, WithDirective("maxclients", "2"))
	a, b := dial(t, s.Addr()), dial(t, s.Addr())
	a.do("PING")
	b.do("PING")
	c := dial(t, s.Addr())
	if got := c.read(); got != "-ERR max number of clients reached\r\n" {
		t.Fatalf("third client got %q", got)
	}
	if !c.closed() {
		t.Fatal("refused client not closed")
	}
}

func TestIdleTimeout(t *testing.T) {
	s := RunT(t, WithDirective("timeout", "1"))
	idle := dial(t, s.Addr())
	idle.do("PING")
	mon := dial(t, s.Addr())
	mon.do("MONITOR")
	if !idle.closed() {
		t.Fatal("idle client was not disconnected")
	}
	// A monitor is exempt, as in Redis.
	mon.conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if _, err := mon.rd.ReadByte(); err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Fatalf("monitor: %v", err)
	}
}

// TestIdleTimeoutSetAtRuntime: CONFIG SET timeout reaches clients that
// are already idle, and spares a blocked client, as Redis's cron does.
func TestIdleTimeoutSetAtRuntime(t *testing.T) {
	s := blockingServer(t)
	idle := dial(t, s.Addr())
	idle.do("PING")
	blocked := dial(t, s.Addr())
	blocked.send("BLPOP", "q", "0")
	waitBlocked(t, s, 1)
	admin := dial(t, s.Addr())
	if got := admin.do("CONFIG", "SET", "timeout", "1"); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET timeout: %q", got)
	}
	if !idle.closed() {
		t.Fatal("idle client was not disconnected")
	}
	// admin may be idle by now too.
	if got := dial(t, s.Addr()).do("RPUSH", "q", "v"); got != ":1\r\n" {
		t.Fatalf("RPUSH: %q", got)
	}
	if got := blocked.read(); got != "*2\r\n$1\r\nq\r\n$1\r\nv\r\n" {
		t.Fatalf("blocked client: %q", got)
	}
}

// TestIdleTimeoutCountsFromTheReply: a command that runs longer than
// the timeout gets its reply; its client is idle only from then on.
func TestIdleTimeoutCountsFromTheReply(t *testing.T) {
	s := RunT(t, WithDirective("timeout", "1"), WithDirective("enable-debug-command", "yes"))
	c := dial(t, s.Addr())
	if got := c.do("DEBUG", "SLEEP", "2.1"); got != "+OK\r\n" {
		t.Fatalf("DEBUG SLEEP: %q", got)
	}
	if got := c.do("PING"); got != "+PONG\r\n" {
		t.Fatalf("PING right after: %q", got)
	}
}

func TestProtocolErrorClosesOnlyThatConnection(t *testing.T) {
	s := RunT(t)
	bad, good := dial(t, s.Addr()), dial(t, s.Addr())
	bad.raw("*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n")
	if got := bad.read(); got != "+PONG\r\n" {
		t.Fatalf("command before the error: %q", got)
	}
	if got := bad.read(); got != "-ERR Protocol error: invalid bulk length\r\n" {
		t.Fatalf("got %q", got)
	}
	if !bad.closed() {
		t.Fatal("connection open after a protocol error")
	}
	if got := good.do("PING"); got != "+PONG\r\n" {
		t.Fatalf("other client: %q", got)
	}
}

func TestBulkLengthLimits(t *testing.T) {
	s := RunT(t, WithDirective("proto-max-bulk-len", "1mb"), WithDirective("requirepass", "pw"))
	c := dial(t, s.Addr())
	c.raw("*1\r\n$20000\r\n")
	if got := c.read(); got != "-ERR Protocol error: unauthenticated bulk length\r\n" {
		t.Fatalf("got %q", got)
	}
	c = dial(t, s.Addr())
	c.do("AUTH", "pw")
	c.raw("*1\r\n$1048577\r\n")
	if got := c.read(); got != "-ERR Protocol error: invalid bulk length\r\n" {
		t.Fatalf("got %q", got)
	}
}

func TestRequirePass(t *testing.T) {
	s := RunT(t, WithDirective("requirepass", "secret"))
	c := dial(t, s.Addr())
	for _, cmd := range [][]string{{"GET", "k"}, {"SELECT", "1"}, {"CLIENT", "ID"}} {
		if got := c.do(cmd...); got != "-NOAUTH Authentication required.\r\n" {
			t.Fatalf("%v before AUTH: %q", cmd, got)
		}
	}
	if got := c.do("AUTH", "nope"); got != "-WRONGPASS invalid username-password pair or user is disabled.\r\n" {
		t.Fatalf("wrong password: %q", got)
	}
	if got := c.do("AUTH", "default", "secret"); got != "+OK\r\n" {
		t.Fatalf("AUTH: %q", got)
	}
	if got := c.do("GET", "k"); got != "$-1\r\n" {
		t.Fatalf("GET after AUTH: %q", got)
	}
	if got := c.do("RESET"); got != "+RESET\r\n" {
		t.Fatalf("RESET: %q", got)
	}
	if got := c.do("GET", "k"); got != "-NOAUTH Authentication required.\r\n" {
		t.Fatalf("GET after RESET: %q", got)
	}
}

func TestFastForwardExpires(t *testing.T) {
	s := RunT(t)
	c := dial(t, s.Addr())
	c.do("SET", "k", "v", "EX", "100")
	c.do("SET", "keep", "v")
	s.FastForward(101 * time.Second)
	// The key left memory without being touched.
	if got := c.do("DBSIZE"); got != ":1\r\n" {
		t.Fatalf("DBSIZE = %q", got)
	}
	if info := c.do("INFO", "stats"); !strings.Contains(info, "expired_keys:1\r\n") {
		t.Fatalf("expired_keys not counted:\n%s", info)
	}
}

func TestActiveExpiryInRealTime(t *testing.T) {
	s := RunT(t)
	c := dial(t, s.Addr())
	for i := 0; i < 50; i++ {
		c.do("SET", "k"+strings.Repeat("x", i), "v", "PX", "20")
	}
	for i := 0; i < 200; i++ {
		if c.do("DBSIZE") == ":0\r\n" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("keys with a TTL did not leave memory on their own")
}

func TestHello3(t *testing.T) {
	s := RunT(t)
	c := dial(t, s.Addr())
	got := c.do("HELLO", "3")
	if !strings.HasPrefix(got, "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n") {
		t.Fatalf("HELLO 3 = %q", got)
	}
	if got := c.do("GET", "missing"); got != "_\r\n" {
		t.Fatalf("RESP3 null = %q", got)
	}
}

func TestStartsInMilliseconds(t *testing.T) {
	// Not a timing assertion: it reports the figure for the README.
	start := time.Now()
	s, err := Run()
	if err != nil {
		t.Fatal(err)
	}
	started := time.Since(start)
	s.Close()
	t.Logf("start %v, start+stop %v", started, time.Since(start))
}

// fakeRemote is a connection from another host, to test protected mode
// without leaving the loopback interface.
type fakeRemote struct{ net.Conn }

func (fakeRemote) RemoteAddr() net.Addr { return &net.TCPAddr{IP: net.IPv4(10, 1, 2, 3), Port: 5555} }

func TestProtectedMode(t *testing.T) {
	for _, tt := range []struct {
		name      string
		protected bool
		pass      string
		denied    bool
	}{
		{"no password", true, "", true},
		{"password set", true, "pw", false},
		{"protected-mode no", false, "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(nil)
			if err != nil {
				t.Fatal(err)
			}
			s.cfg.ProtectedMode, s.cfg.RequirePass = tt.protected, tt.pass
			a, b := net.Pipe()
			defer a.Close()
			defer b.Close()
			c := &Client{srv: s, id: 1, conn: fakeRemote{a}}
			msg := s.admit(c)
			if got := strings.HasPrefix(msg, "-DENIED Redis is running in protected mode"); got != tt.denied {
				t.Fatalf("admit = %q, denied %v, want %v", msg, got, tt.denied)
			}
		})
	}
}

func TestConfigSetPortRelistens(t *testing.T) {
	s := RunT(t)
	c := dial(t, s.Addr())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	if got := c.do("CONFIG", "SET", "port", strconv.Itoa(port)); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET port: %q", got)
	}
	if got := dial(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(port))).do("PING"); got != "+PONG\r\n" {
		t.Fatalf("PING on the new port: %q", got)
	}
	// An address that cannot be bound fails and keeps the old listener.
	if got := c.do("CONFIG", "SET", "bind", "192.0.2.1"); !strings.Contains(got, "Failed to bind to specified addresses.") {
		t.Fatalf("CONFIG SET bind to a foreign address: %q", got)
	}
	if got := dial(t, s.Addr()).do("PING"); got != "+PONG\r\n" {
		t.Fatalf("PING after the failed bind: %q", got)
	}
}

// TestCloseWhileClientsAreBusy kills clients and closes the server while
// they keep sending. A client's goroutine serves inside its socket's
// RawConn.Read and may be waiting there for the lock that CLIENT KILL and
// Close hold: closing its socket must not wait for it.
func TestCloseWhileClientsAreBusy(t *testing.T) {
	defer goleak.VerifyNone(t)
	s, err := Run()
	if err != nil {
		t.Fatal(err)
	}
	admin := dial(t, s.Addr())
	pipeline := []byte(strings.Repeat("*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n", 16))
	var wg sync.WaitGroup
	var conns []net.Conn
	for i := 0; i < 8; i++ {
		conn, err := net.Dial("tcp", s.Addr())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 4096)
			for {
				if _, err := conn.Write(pipeline); err != nil {
					return
				}
				if _, err := conn.Read(buf); err != nil {
					return
				}
			}
		}()
	}
	for i := 0; i < 1000 && admin.do("EXISTS", "n") != ":1\r\n"; i++ {
		time.Sleep(time.Millisecond) // until the clients' commands run
	}
	if got := admin.do("CLIENT", "KILL", "SKIPME", "yes"); !strings.HasPrefix(got, ":") {
		t.Fatalf("CLIENT KILL = %q", got)
	}
	closed := make(chan struct{})
	go func() {
		s.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(time.Minute):
		t.Fatal("Close still waits after a minute")
	}
	for _, conn := range conns {
		conn.Close()
	}
	admin.conn.Close()
	wg.Wait()
}
