package server

import (
	"io"
	"net"
	"runtime"
	"testing"
)

// TestServeConnAllocatesNothingPerRequest keeps the request loop free of
// garbage: an allocation there is a GC assist a client can be made to
// wait on while the heap is large (as during a background save).
func TestServeConnAllocatesNothingPerRequest(t *testing.T) {
	s := RunT(t)
	conn, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	roundTrip := func(req, want string) {
		t.Helper()
		if _, err := io.WriteString(conn, req); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, len(want))
		if _, err := io.ReadFull(conn, buf); err != nil {
			t.Fatal(err)
		}
		if string(buf) != want {
			t.Fatalf("got %q, want %q", buf, want)
		}
	}
	roundTrip("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n", "+OK\r\n")
	get := []byte("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n")
	reply := make([]byte, len("$5\r\nvalue\r\n"))
	const rounds = 2000
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range rounds {
		if _, err := conn.Write(get); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(conn, reply); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	if perRequest := float64(after.Mallocs-before.Mallocs) / rounds; perRequest > 0.5 {
		t.Errorf("%.2f allocations per GET round trip, want none", perRequest)
	}
}
