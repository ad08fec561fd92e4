package server

import (
	"bytes"
	"net"
	"strconv"
	"testing"
)

// newFuzzClient makes a server and a client that is not connected to a
// socket, to run commands directly through dispatch.
func newFuzzClient(t testing.TB) (*Server, *Client) {
	s, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b := net.Pipe()
	t.Cleanup(func() { a.Close(); b.Close() })
	c := &Client{srv: s, id: 1, conn: a, addr: "pipe", reply: Reply{resp: 2}, rd: newRequestReader(a)}
	c.db = s.dbs[0]
	c.authed.Store(true)
	s.clients[c.id] = c
	return s, c
}

// FuzzDispatch runs random argument vectors, separated by NUL bytes,
// through the dispatcher: no panic, and exactly one well-formed reply
// per command.
func FuzzDispatch(f *testing.F) {
	for _, seed := range []string{
		"SET\x00k\x00v", "GET\x00k", "SET\x00k\x00v\x00EX\x0010\x00NX\x00GET",
		"INCRBYFLOAT\x00f\x001e308", "INCR\x00k", "SETRANGE\x00k\x00100\x00x",
		"GETRANGE\x00k\x00-5\x00-1", "EXPIRE\x00k\x00-1", "KEYS\x00*[a-", "SCAN\x000\x00COUNT\x000",
		"MULTI", "EXEC", "WATCH\x00k", "HELLO\x003", "CLIENT\x00LIST", "CONFIG\x00GET\x00*",
		"OBJECT\x00ENCODING\x00k", "COPY\x00k\x00j\x00DB\x001", "RENAME\x00k\x00k", "INFO\x00all",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, c := newFuzzClient(t)
		// A few commands are one-way doors or sleep; they are covered by
		// their own tests.
		argv := bytes.Split(data, []byte{0})
		switch string(bytes.ToLower(argv[0])) {
		case "shutdown", "debug", "monitor", "quit", "reset", "client":
			return
		}
		for round := 0; round < 2; round++ {
			c.reply.buf = c.reply.buf[:0]
			s.execBatch(c, [][][]byte{argv})
			c.multi = nil
			n, err := checkReply(c.reply.buf)
			if err != "" {
				t.Fatalf("%q: malformed reply %q: %s", argv, c.reply.buf, err)
			}
			if n != len(c.reply.buf) {
				t.Fatalf("%q: %d bytes after the reply in %q", argv, len(c.reply.buf)-n, c.reply.buf)
			}
		}
	})
}

// checkReply parses one RESP2 or RESP3 reply and returns its length.
func checkReply(b []byte) (int, string) {
	if len(b) == 0 {
		return 0, "empty"
	}
	line := bytes.Index(b, []byte("\r\n"))
	if line < 0 {
		return 0, "no CRLF"
	}
	body := string(b[1:line])
	rest := line + 2
	switch b[0] {
	case '+', '-', ':', ',', '#', '_', '(':
		if bytes.ContainsAny(b[1:line], "\r\n") {
			return 0, "newline in line"
		}
		return rest, ""
	case '$', '=', '!':
		n, err := strconv.Atoi(body)
		if err != nil {
			return 0, "bad length"
		}
		if n == -1 && b[0] == '$' {
			return rest, ""
		}
		if n < 0 || rest+n+2 > len(b) || string(b[rest+n:rest+n+2]) != "\r\n" {
			return 0, "bad bulk"
		}
		return rest + n + 2, ""
	case '*', '~', '>', '%':
		n, err := strconv.Atoi(body)
		if err != nil {
			return 0, "bad count"
		}
		if n == -1 && b[0] == '*' {
			return rest, ""
		}
		if b[0] == '%' {
			n *= 2
		}
		for i := 0; i < n; i++ {
			m, e := checkReply(b[rest:])
			if e != "" {
				return 0, e
			}
			rest += m
		}
		return rest, ""
	}
	return 0, "unknown type " + string(b[0])
}
