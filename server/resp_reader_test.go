package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"
	"testing/iotest"
)

func newTestReader(input string) *requestReader {
	r := newRequestReader(bytes.NewReader([]byte(input)))
	r.maxBulk = func() int64 { return 512 << 20 }
	r.maxQuery = func() int64 { return 1 << 30 }
	r.authorized = func() bool { return true }
	return r
}

// readAll reads every command of input, copying arguments out of the
// reader's buffer.
func readAll(r *requestReader) ([][]string, error) {
	var out [][]string
	for {
		cmds, err := r.readBatch()
		for _, argv := range cmds {
			var args []string
			for _, a := range argv {
				args = append(args, string(a))
			}
			out = append(out, args)
		}
		if err != nil {
			return out, err
		}
	}
}

func TestRequestReader(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  [][]string
		err   string // protocol error message, "" for a clean EOF
	}{
		{"multibulk", "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", [][]string{{"GET", "k"}}, ""},
		{"pipeline", "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", [][]string{{"PING"}, {"ECHO", ""}}, ""},
		{"empty multibulk skipped", "*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n", [][]string{{"PING"}}, ""},
		{"inline", "SET a b\r\nPING\n", [][]string{{"SET", "a", "b"}, {"PING"}}, ""},
		{"inline blank lines", "\r\n\r\nPING\r\n", [][]string{{"PING"}}, ""},
		{"inline quotes", `set "a b" 'c d' "\x41\n"` + "\r\n", [][]string{{"set", "a b", "c d", "A\n"}}, ""},
		{"inline unbalanced", "set \"a b\r\n", nil, "unbalanced quotes in request"},
		{"inline quote not closing arg", "set \"a\"b\r\n", nil, "unbalanced quotes in request"},
		{"bad multibulk length", "*abc\r\n", nil, "invalid multibulk length"},
		{"multibulk with plus", "*+1\r\n$1\r\na\r\n", nil, "invalid multibulk length"},
		{"bad bulk length", "*1\r\n$x\r\n", nil, "invalid bulk length"},
		{"negative bulk length", "*1\r\n$-1\r\n", nil, "invalid bulk length"},
		{"huge bulk length", "*1\r\n$9999999999\r\n", nil, "invalid bulk length"},
		{"expected dollar", "*1\r\n+foo\r\n", nil, "expected '$', got '+'"},
		{"commands before error run", "*1\r\n$4\r\nPING\r\n*1\r\n:1\r\n", [][]string{{"PING"}}, "expected '$', got ':'"},
		{"binary safe", "*1\r\n$4\r\na\r\nb\r\n", [][]string{{"a\r\nb"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, oneByte := range []bool{false, true} {
				r := newTestReader(tt.input)
				if oneByte {
					r.rd = iotest.OneByteReader(bytes.NewReader([]byte(tt.input)))
				}
				got, err := readAll(r)
				var perr *protocolError
				switch {
				case tt.err == "" && !errors.Is(err, io.EOF):
					t.Fatalf("oneByte=%v: err = %v, want EOF", oneByte, err)
				case tt.err != "" && (!errors.As(err, &perr) || perr.msg != tt.err):
					t.Fatalf("oneByte=%v: err = %v, want protocol error %q", oneByte, err, tt.err)
				}
				if len(got) != len(tt.want) {
					t.Fatalf("oneByte=%v: got %q, want %q", oneByte, got, tt.want)
				}
				for i := range got {
					if len(got[i]) != len(tt.want[i]) {
						t.Fatalf("oneByte=%v: got %q, want %q", oneByte, got, tt.want)
					}
					for j := range got[i] {
						if got[i][j] != tt.want[i][j] {
							t.Fatalf("oneByte=%v: got %q, want %q", oneByte, got, tt.want)
						}
					}
				}
			}
		})
	}
}

// A request is its own AOF encoding only when every byte Redis skips
// unchecked is CRLF's; otherwise, and for inline commands, the AOF
// encodes the arguments.
func TestRequestReaderEncoded(t *testing.T) {
	tests := []struct {
		input     string
		canonical []bool
	}{
		{"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$4\r\nPING\r\n", []bool{true, true}},
		{"*1\r\n$0\r\n\r\n*1\r\n$4\r\na\r\nb\r\n", []bool{true, true}},
		{"*2\r\n$3\r\nGET\r\n$1\r\nkXY*1\r\n$4\r\nPING\r\n", []bool{false, true}},
		{"*2\r\n$3\r\nGET\r\n$1\rXkXY", []bool{false}},
		{"*2\rX$3\r\nGET\r\n$1\r\nk\r\n", []bool{false}},
		{"*2\r\n$3\r\nGET\r\n$1\r\nk\r\nGET k\r\n", []bool{true, false}},
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			r := newTestReader(tt.input)
			if oneByte {
				r.rd = iotest.OneByteReader(bytes.NewReader([]byte(tt.input)))
			}
			var got []bool
			for {
				cmds, err := r.readBatch()
				for i, enc := range r.encodedRequests(cmds) {
					got = append(got, enc != nil)
					if enc != nil && !bytes.Equal(enc, encodeRESP(cmds[i])) {
						t.Fatalf("%q: encoded %q for %q", tt.input, enc, cmds[i])
					}
				}
				if err != nil {
					break
				}
			}
			if !slices.Equal(got, tt.canonical) {
				t.Fatalf("%q oneByte=%v: canonical %v, want %v", tt.input, oneByte, got, tt.canonical)
			}
		}
	}
	r := newTestReader("*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n")
	cmds, _ := r.readBatch()
	if enc := r.encodedRequests(cmds[1:]); len(enc) != 1 || string(enc[0]) != "*1\r\n$4\r\nPING\r\n" {
		t.Fatalf("a suffix of the batch: %q", enc)
	}
	if enc := r.encodedRequests([][][]byte{cmds[0]}); enc != nil {
		t.Fatalf("not a suffix of the batch: %q", enc)
	}
}

// encodeRESP is argv as a RESP array of bulk strings.
func encodeRESP(argv [][]byte) []byte {
	b := fmt.Appendf(nil, "*%d\r\n", len(argv))
	for _, a := range argv {
		b = fmt.Appendf(b, "$%d\r\n%s\r\n", len(a), a)
	}
	return b
}

func TestRequestReaderLimits(t *testing.T) {
	t.Run("proto-max-bulk-len", func(t *testing.T) {
		r := newTestReader("*1\r\n$101\r\n")
		r.maxBulk = func() int64 { return 100 }
		_, err := readAll(r)
		var perr *protocolError
		if !errors.As(err, &perr) || perr.msg != "invalid bulk length" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("unauthenticated multibulk", func(t *testing.T) {
		r := newTestReader("*11\r\n")
		r.authorized = func() bool { return false }
		_, err := readAll(r)
		var perr *protocolError
		if !errors.As(err, &perr) || perr.msg != "unauthenticated multibulk length" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("unauthenticated bulk", func(t *testing.T) {
		r := newTestReader("*1\r\n$16385\r\n")
		r.authorized = func() bool { return false }
		_, err := readAll(r)
		var perr *protocolError
		if !errors.As(err, &perr) || perr.msg != "unauthenticated bulk length" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("query buffer limit", func(t *testing.T) {
		r := newTestReader("*1\r\n$100000\r\n" + string(make([]byte, 90000)))
		r.maxQuery = func() int64 { return 64 * 1024 }
		_, err := readAll(r)
		if err != errQueryBufferLimit {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("too big inline", func(t *testing.T) {
		r := newTestReader(string(bytes.Repeat([]byte("a"), inlineMaxSize+10)))
		_, err := readAll(r)
		var perr *protocolError
		if !errors.As(err, &perr) || perr.msg != "too big inline request" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("large bulk across reads", func(t *testing.T) {
		val := bytes.Repeat([]byte("x"), 1<<20)
		input := "*2\r\n$4\r\nECHO\r\n$1048576\r\n" + string(val) + "\r\n"
		got, err := readAll(newTestReader(input))
		if !errors.Is(err, io.EOF) || len(got) != 1 || got[0][1] != string(val) {
			t.Fatalf("err = %v, got %d commands", err, len(got))
		}
	})
}

// FuzzRequestReader feeds arbitrary bytes to the reader: it must never
// panic, and a frame it parses must re-encode to arguments it parses the
// same way.
func FuzzRequestReader(f *testing.F) {
	for _, seed := range []string{
		"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n",
		"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n",
		"PING\r\n",
		"set \"a b\" 'c'\r\n",
		"*1\r\n$x\r\n",
		"*-1\r\n",
		"*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPI",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newTestReader(string(data))
		r.maxQuery = func() int64 { return 1 << 20 }
		for {
			cmds, err := r.readBatch()
			encoded := r.encodedRequests(cmds)
			for i, argv := range cmds {
				if len(argv) == 0 {
					t.Fatal("empty command returned")
				}
				enc := encodeRESP(argv)
				if encoded[i] != nil && !bytes.Equal(encoded[i], enc) {
					t.Fatalf("%q: request bytes %q taken for its encoding", argv, encoded[i])
				}
				again, err := readAll(newTestReader(string(enc)))
				if !errors.Is(err, io.EOF) || len(again) != 1 || len(again[0]) != len(argv) {
					t.Fatalf("re-encoded %q parsed as %q (%v)", argv, again, err)
				}
				for i := range argv {
					if again[0][i] != string(argv[i]) {
						t.Fatalf("re-encoded %q parsed as %q", argv, again)
					}
				}
			}
			if err != nil {
				return
			}
		}
	})
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
