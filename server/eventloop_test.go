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
