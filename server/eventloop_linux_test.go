package server

import (
	"testing"
	"time"
)

// loopServes reports whether the event loop serves n clients, waiting
// boundedly: a client handed back registers again from its goroutine
// after its reply has gone.
func loopServes(s *Server, n int) bool {
	for i := 0; i < 1000; i++ {
		s.loop.mu.Lock()
		got := len(s.loop.clients)
		s.loop.mu.Unlock()
		if got == n {
			return true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return false
}

// TestLoopTakesClientsBack: a client handed to its goroutine for a
// blocking command or EXEC returns to the loop after a plain batch; a
// subscriber stays with its goroutine.
func TestLoopTakesClientsBack(t *testing.T) {
	s := RunT(t)
	a, b := dial(t, s.Addr()), dial(t, s.Addr())
	a.do("PING")
	b.do("PING")
	if !loopServes(s, 2) {
		t.Fatal("the loop does not serve both clients")
	}
	a.send("BLPOP", "q", "0")
	if !loopServes(s, 1) {
		t.Fatal("the blocked client is still in the loop")
	}
	b.do("RPUSH", "q", "v")
	a.read()
	a.do("MULTI")
	a.do("INCR", "n")
	if got := a.do("EXEC"); got != "*1\r\n:1\r\n" {
		t.Fatalf("EXEC: %q", got)
	}
	if got := a.do("GET", "n"); got != "$1\r\n1\r\n" {
		t.Fatalf("GET: %q", got)
	}
	if !loopServes(s, 2) {
		t.Fatal("the client did not come back to the loop")
	}
	b.do("SUBSCRIBE", "ch")
	b.do("PING")
	if !loopServes(s, 1) {
		t.Fatal("the subscriber is in the loop")
	}
}
