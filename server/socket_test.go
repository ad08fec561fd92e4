package server

import (
	"strings"
	"testing"
	"time"
)

// TestSocketServesInputWhateverItsTiming sends requests in the shapes
// that could catch a reader which waits for readiness instead of reading:
// a command split over writes, requests sent without waiting for the
// replies (some while the server is answering the previous ones), and a
// pipeline that does not fit one read. Every reply must come.
func TestSocketServesInputWhateverItsTiming(t *testing.T) {
	s := RunT(t)
	c := dial(t, s.Addr())

	// One command in three writes, with pauses between them.
	for _, part := range []string{"*2\r\n$4\r\nEC", "HO\r\n$5\r\nhel", "lo\r\n"} {
		c.raw(part)
		time.Sleep(5 * time.Millisecond)
	}
	if got := c.read(); got != "$5\r\nhello\r\n" {
		t.Fatalf("split command: %q", got)
	}

	// Requests that come while the server is busy with earlier ones.
	for i := 0; i < 200; i++ {
		c.send("INCR", "n")
		if i%7 == 0 {
			time.Sleep(50 * time.Microsecond)
		}
	}
	for i := 1; i <= 200; i++ {
		if got, want := c.read(), ":"+itoa(i)+"\r\n"; got != want {
			t.Fatalf("reply %d: %q, want %q", i, got, want)
		}
	}

	// A pipeline larger than the read buffer.
	big := strings.Repeat("*1\r\n$4\r\nPING\r\n", 3*readChunk/14)
	c.raw(big)
	for i := 0; i < 3*readChunk/14; i++ {
		if got := c.read(); got != "+PONG\r\n" {
			t.Fatalf("pipelined PING %d: %q", i, got)
		}
	}
}
