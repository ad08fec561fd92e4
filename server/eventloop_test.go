package server

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoopKeepsServingWhileAReaderLags: a client that does not read its
// replies must not hold up the others. The event loop writes without
// waiting and hands such a client to its own goroutine.
func TestLoopKeepsServingWhileAReaderLags(t *testing.T) {
	s := RunT(t)
	lagging := dial(t, s.Addr())
	const size = 4 << 20
	if got := lagging.do("SETRANGE", "big", itoa(size-1), "x"); got != ":"+itoa(size)+"\r\n" {
		t.Fatalf("SETRANGE: %q", got)
	}
	// Far more than the socket buffers hold, unread for now.
	for i := 0; i < 8; i++ {
		lagging.send("GET", "big")
	}
	lagging.send("PING")

	other := dial(t, s.Addr())
	for i := 1; i <= 100; i++ {
		if got, want := other.do("INCR", "n"), ":"+itoa(i)+"\r\n"; got != want {
			t.Fatalf("INCR %d: %q, want %q", i, got, want)
		}
	}

	want := "$" + itoa(size) + "\r\n" + strings.Repeat("\x00", size-1) + "x\r\n"
	for i := 0; i < 8; i++ {
		if got := lagging.read(); got != want {
			t.Fatalf("GET %d: %d bytes, want %d", i, len(got), len(want))
		}
	}
	if got := lagging.read(); got != "+PONG\r\n" {
		t.Fatalf("PING after the big replies: %q", got)
	}
	if got := lagging.do("INCR", "n"); got != ":101\r\n" {
		t.Fatalf("INCR on the handed-back client: %q", got)
	}
}

// TestLoopHandsOffBlockingAndTransactions: a blocking command, EXEC and
// a script run on the client's own goroutine, and the client goes on
// working there.
func TestLoopHandsOffBlockingAndTransactions(t *testing.T) {
	s := RunT(t)
	waiter := dial(t, s.Addr())
	if got := waiter.do("PING"); got != "+PONG\r\n" {
		t.Fatalf("PING: %q", got)
	}
	waiter.send("BLPOP", "q", "0")
	pusher := dial(t, s.Addr())
	waitBlocked(t, s, 1)
	if got := pusher.do("RPUSH", "q", "v"); got != ":1\r\n" {
		t.Fatalf("RPUSH: %q", got)
	}
	if got := waiter.read(); got != "*2\r\n$1\r\nq\r\n$1\r\nv\r\n" {
		t.Fatalf("BLPOP: %q", got)
	}

	tx := dial(t, s.Addr())
	tx.raw("*1\r\n$5\r\nMULTI\r\n*2\r\n$4\r\nINCR\r\n$1\r\nm\r\n*1\r\n$4\r\nEXEC\r\n")
	for _, want := range []string{"+OK\r\n", "+QUEUED\r\n", "*1\r\n:1\r\n"} {
		if got := tx.read(); got != want {
			t.Fatalf("transaction: %q, want %q", got, want)
		}
	}
	if got := tx.do("EVAL", "return redis.call('INCR', KEYS[1])", "1", "m"); got != ":2\r\n" {
		t.Fatalf("EVAL: %q", got)
	}
	for _, c := range []*respConn{waiter, pusher, tx} {
		if got := c.do("INCR", "m"); !strings.HasPrefix(got, ":") {
			t.Fatalf("INCR after the hand-off: %q", got)
		}
	}
}

// TestLoopChurn: connections that come and go while others work reuse
// socket descriptors; each reply must reach its own client.
func TestLoopChurn(t *testing.T) {
	s := RunT(t)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			key := "k" + itoa(g)
			for i := 1; i <= 40; i++ {
				// Not dial and read: they may stop only the test's
				// own goroutine.
				conn, err := net.Dial("tcp", s.Addr())
				if err != nil {
					errs <- err.Error()
					return
				}
				c := &respConn{t: t, conn: conn, rd: bufio.NewReader(conn)}
				conn.SetDeadline(time.Now().Add(10 * time.Second))
				_, err = conn.Write([]byte("*2\r\n$4\r\nINCR\r\n$" + itoa(len(key)) + "\r\n" + key + "\r\n*2\r\n$3\r\nGET\r\n$" + itoa(len(key)) + "\r\n" + key + "\r\n"))
				incr, err1 := c.readValue()
				get, err2 := c.readValue()
				conn.Close()
				if err != nil || err1 != nil || err2 != nil {
					errs <- fmt.Sprint("I/O: ", err, err1, err2)
					return
				}
				if want := ":" + itoa(i) + "\r\n"; incr != want {
					errs <- "INCR " + key + ": " + incr + ", want " + want
					return
				}
				if want := "$" + itoa(len(itoa(i))) + "\r\n" + itoa(i) + "\r\n"; get != want {
					errs <- "GET " + key + ": " + get + ", want " + want
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestLoopMixedClients: clients that move between the event loop and
// their goroutines (blocking commands, EXEC, scripts, big replies) while
// others stay in it each get their own replies, in order.
func TestLoopMixedClients(t *testing.T) {
	s := RunT(t)
	setup := dial(t, s.Addr())
	setup.do("SET", "big", strings.Repeat("b", 256<<10))
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			if err := mixedClient(s.Addr(), g); err != nil {
				errs <- fmt.Errorf("client %d: %w", g, err)
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// mixedClient runs a fixed mix of commands on its own keys and checks
// every reply. It reports errors rather than failing the test: it runs
// on its own goroutine.
func mixedClient(addr string, g int) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	c := &respConn{conn: conn, rd: bufio.NewReader(conn)}
	do := func(want string, args ...string) error {
		var b strings.Builder
		fmt.Fprintf(&b, "*%d\r\n", len(args))
		for _, a := range args {
			fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
		}
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := conn.Write([]byte(b.String())); err != nil {
			return err
		}
		got, err := c.readValue()
		if err != nil {
			return err
		}
		if want != "" && got != want {
			if len(got) > 80 {
				got = got[:80] + "..."
			}
			return fmt.Errorf("%s: %q, want %q", args[0], got, want)
		}
		return nil
	}
	n, list := "n"+itoa(g), "l"+itoa(g)
	bigReply := "$" + itoa(256<<10) + "\r\n" + strings.Repeat("b", 256<<10) + "\r\n"
	count := 0
	for i := 0; i < 60; i++ {
		var err error
		switch i % 6 {
		case 0:
			count++
			err = do(":"+itoa(count)+"\r\n", "INCR", n)
		case 1:
			if err = do("+OK\r\n", "MULTI"); err == nil {
				if err = do("+QUEUED\r\n", "INCR", n); err == nil {
					count++
					err = do("*1\r\n:"+itoa(count)+"\r\n", "EXEC")
				}
			}
		case 2:
			count++
			err = do(":"+itoa(count)+"\r\n", "EVAL", "return redis.call('INCR', KEYS[1])", "1", n)
		case 3:
			if err = do(":1\r\n", "RPUSH", list, "x"); err == nil {
				err = do("*2\r\n$"+itoa(len(list))+"\r\n"+list+"\r\n$1\r\nx\r\n", "BLPOP", list, "1")
			}
		case 4:
			err = do(bigReply, "GET", "big")
		case 5:
			err = do("*-1\r\n", "BLPOP", list, "0.01")
		}
		if err != nil {
			return fmt.Errorf("step %d: %w", i, err)
		}
	}
	return nil
}
