package compat_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// This file holds the raw RESP client used by every case: it writes
// commands as RESP arrays (or arbitrary raw bytes) and reads exactly one
// complete reply, keeping both its exact bytes and a parsed tree.

// defaultReadTimeout bounds every read of a reply. It is generous because CI
// machines can be slow; a healthy server answers in microseconds.
const defaultReadTimeout = 10 * time.Second

// maxBulk guards the parser against a broken server announcing a huge bulk.
const maxBulk = 64 << 20

// Value is one parsed RESP2/RESP3 reply.
type Value struct {
	// Type is the RESP type byte: + - : $ * _ , # ! = ( % ~ > (an
	// attribute '|' is stored in Attr of the value that follows it).
	Type byte
	// Str is the payload of simple strings, errors, integers, bulk
	// strings, doubles, booleans, big numbers and verbatim strings (for a
	// verbatim string it includes the "txt:" prefix).
	Str string
	// Null is set for the RESP2 nulls $-1 and *-1 (and for '_').
	Null bool
	// Elems holds the elements of arrays, sets and pushes; for maps it
	// holds keys and values alternately.
	Elems []*Value
	// Attr is the RESP3 attribute map ('|') that preceded this value.
	Attr *Value
	// Raw is the exact bytes of this value as read, attribute included.
	Raw []byte
}

// IsErr reports whether v is a simple or bulk error.
func (v *Value) IsErr() bool { return v != nil && (v.Type == '-' || v.Type == '!') }

// IsAggregate reports whether v has child elements.
func (v *Value) IsAggregate() bool {
	switch v.Type {
	case '*', '%', '~', '>', '|':
		return !v.Null
	}
	return false
}

// Encode writes v back as RESP. For values read from the wire this
// reproduces Raw exactly; it is used to render normalised trees.
func (v *Value) Encode() []byte {
	var b bytes.Buffer
	v.encode(&b)
	return b.Bytes()
}

func (v *Value) encode(b *bytes.Buffer) {
	if v.Attr != nil {
		a := *v.Attr
		a.Type = '|'
		b.WriteByte('|')
		fmt.Fprintf(b, "%d\r\n", len(a.Elems)/2)
		for _, e := range a.Elems {
			e.encode(b)
		}
	}
	switch v.Type {
	case '+', '-', ':', ',', '#', '(':
		b.WriteByte(v.Type)
		b.WriteString(v.Str)
		b.WriteString("\r\n")
	case '_':
		b.WriteString("_\r\n")
	case '$', '!', '=':
		if v.Null {
			fmt.Fprintf(b, "%c-1\r\n", v.Type)
			return
		}
		fmt.Fprintf(b, "%c%d\r\n%s\r\n", v.Type, len(v.Str), v.Str)
	case '*', '~', '>':
		if v.Null {
			fmt.Fprintf(b, "%c-1\r\n", v.Type)
			return
		}
		fmt.Fprintf(b, "%c%d\r\n", v.Type, len(v.Elems))
		for _, e := range v.Elems {
			e.encode(b)
		}
	case '%':
		fmt.Fprintf(b, "%%%d\r\n", len(v.Elems)/2)
		for _, e := range v.Elems {
			e.encode(b)
		}
	default:
		fmt.Fprintf(b, "?%c%s\r\n", v.Type, v.Str)
	}
}

// String renders v compactly for messages, e.g. [+OK :1 "bulk" nil].
func (v *Value) String() string {
	var b strings.Builder
	v.str(&b)
	return b.String()
}

func (v *Value) str(b *strings.Builder) {
	if v == nil {
		b.WriteString("<nil Value>")
		return
	}
	if v.Attr != nil {
		b.WriteString("|attr")
		a := *v.Attr
		a.Type = '%'
		a.str(b)
		b.WriteByte(' ')
	}
	switch {
	case v.Null || v.Type == '_':
		b.WriteString("nil")
	case v.Type == '$':
		b.WriteString(strconv.Quote(v.Str))
	case v.IsAggregate():
		open, close := "[", "]"
		switch v.Type {
		case '%':
			open, close = "{", "}"
		case '~':
			open, close = "~{", "}"
		case '>':
			open, close = ">[", "]"
		}
		b.WriteString(open)
		for i, e := range v.Elems {
			if i > 0 {
				if v.Type == '%' && i%2 == 1 {
					b.WriteString(": ")
				} else {
					b.WriteByte(' ')
				}
			}
			e.str(b)
		}
		b.WriteString(close)
	default:
		b.WriteByte(v.Type)
		b.WriteString(strconv.Quote(v.Str)[1 : len(strconv.Quote(v.Str))-1])
	}
}

// Clone returns a deep copy of v.
func (v *Value) Clone() *Value {
	if v == nil {
		return nil
	}
	c := *v
	c.Raw = append([]byte(nil), v.Raw...)
	c.Attr = v.Attr.Clone()
	if v.Elems != nil {
		c.Elems = make([]*Value, len(v.Elems))
		for i, e := range v.Elems {
			c.Elems[i] = e.Clone()
		}
	}
	return &c
}

// ParseValue parses exactly one complete reply from b and returns it with
// the number of bytes it used. io.ErrUnexpectedEOF means b is incomplete.
func ParseValue(b []byte) (*Value, int, error) {
	r := &respReader{r: bufio.NewReader(bytes.NewReader(b))}
	v, err := r.readValue()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, 0, err
	}
	return v, len(v.Raw), nil
}

// respReader reads RESP values while recording their exact bytes.
type respReader struct {
	r   *bufio.Reader
	rec []byte
}

func (r *respReader) line() (string, error) {
	s, err := r.r.ReadString('\n')
	r.rec = append(r.rec, s...)
	if err != nil {
		return "", err
	}
	if len(s) < 2 || s[len(s)-2] != '\r' {
		return "", fmt.Errorf("resp: line not terminated by CRLF: %q", s)
	}
	return s[:len(s)-2], nil
}

func (r *respReader) readValue() (*Value, error) {
	r.rec = r.rec[:0]
	v, err := r.value(0)
	if err != nil {
		return nil, err
	}
	v.Raw = append([]byte(nil), r.rec...)
	return v, nil
}

func (r *respReader) value(depth int) (*Value, error) {
	if depth > 64 {
		return nil, errors.New("resp: nesting too deep")
	}
	start := len(r.rec)
	ln, err := r.line()
	if err != nil {
		return nil, err
	}
	if ln == "" {
		return nil, errors.New("resp: empty line")
	}
	v := &Value{Type: ln[0]}
	payload := ln[1:]
	switch v.Type {
	case '+', '-', ':', ',', '#', '(':
		v.Str = payload
		if v.Type == ':' {
			if _, err := strconv.ParseInt(payload, 10, 64); err != nil {
				return nil, fmt.Errorf("resp: bad integer %q", payload)
			}
		}
		if v.Type == '#' && payload != "t" && payload != "f" {
			return nil, fmt.Errorf("resp: bad boolean %q", payload)
		}
	case '_':
		if payload != "" {
			return nil, fmt.Errorf("resp: bad null %q", ln)
		}
		v.Null = true
	case '$', '!', '=':
		n, err := strconv.Atoi(payload)
		if err != nil || n < -1 || n > maxBulk {
			return nil, fmt.Errorf("resp: bad bulk length %q", payload)
		}
		if n == -1 {
			v.Null = true
			break
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r.r, buf); err != nil {
			r.rec = append(r.rec, buf...)
			return nil, err
		}
		r.rec = append(r.rec, buf...)
		if buf[n] != '\r' || buf[n+1] != '\n' {
			return nil, fmt.Errorf("resp: bulk not terminated by CRLF")
		}
		v.Str = string(buf[:n])
		if v.Type == '=' && (n < 4 || v.Str[3] != ':') {
			return nil, fmt.Errorf("resp: bad verbatim string %q", v.Str)
		}
	case '*', '~', '>', '%', '|':
		n, err := strconv.Atoi(payload)
		if err != nil || n < -1 || n > maxBulk {
			return nil, fmt.Errorf("resp: bad aggregate length %q", payload)
		}
		if n == -1 {
			if v.Type != '*' {
				return nil, fmt.Errorf("resp: null %c", v.Type)
			}
			v.Null = true
			break
		}
		count := n
		if v.Type == '%' || v.Type == '|' {
			count = 2 * n
		}
		v.Elems = make([]*Value, 0, count)
		for i := 0; i < count; i++ {
			e, err := r.value(depth + 1)
			if err != nil {
				return nil, err
			}
			v.Elems = append(v.Elems, e)
		}
		if v.Type == '|' {
			// An attribute decorates the value that follows it.
			next, err := r.value(depth + 1)
			if err != nil {
				return nil, err
			}
			if next.Attr != nil {
				return nil, errors.New("resp: two attributes in a row")
			}
			next.Attr = v
			v = next
		}
	default:
		return nil, fmt.Errorf("resp: unknown type byte %q in line %q", v.Type, ln)
	}
	v.Raw = append([]byte(nil), r.rec[start:]...)
	return v, nil
}

// Conn is a raw RESP connection to one server.
type Conn struct {
	nc      net.Conn
	rd      *respReader
	Timeout time.Duration
}

// Dial opens a raw RESP connection.
func Dial(addr string) (*Conn, error) {
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return &Conn{nc: nc, rd: &respReader{r: bufio.NewReader(nc)}, Timeout: defaultReadTimeout}, nil
}

// Close closes the connection.
func (c *Conn) Close() error { return c.nc.Close() }

// EncodeCommand renders args as a RESP array of bulk strings.
func EncodeCommand(args ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return b.Bytes()
}

// Send writes one command as a RESP array without reading the reply.
func (c *Conn) Send(args ...string) error { return c.SendRaw(EncodeCommand(args...)) }

// SendRaw writes arbitrary bytes (inline commands, garbage frames).
func (c *Conn) SendRaw(b []byte) error {
	if err := c.nc.SetWriteDeadline(time.Now().Add(c.Timeout)); err != nil {
		return err
	}
	_, err := c.nc.Write(b)
	return err
}

// Read reads exactly one complete reply.
func (c *Conn) Read() (*Value, error) {
	if err := c.nc.SetReadDeadline(time.Now().Add(c.Timeout)); err != nil {
		return nil, err
	}
	return c.rd.readValue()
}

// Do sends a command and reads its reply.
func (c *Conn) Do(args ...string) (*Value, error) {
	if err := c.Send(args...); err != nil {
		return nil, err
	}
	return c.Read()
}

// Closed reports whether the server closed the connection, waiting at most
// d for the close to arrive. Unread data counts as "not closed".
func (c *Conn) Closed(d time.Duration) bool {
	if err := c.nc.SetReadDeadline(time.Now().Add(d)); err != nil {
		return true
	}
	_, err := c.rd.r.ReadByte()
	if err == nil {
		_ = c.rd.r.UnreadByte()
		return false
	}
	return isClosedErr(err)
}

func isClosedErr(err error) bool {
	if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return false
	}
	return !errors.Is(err, os.ErrDeadlineExceeded)
}

// ---- tests of the client itself ----

func TestParseValue(t *testing.T) {
	cases := []struct {
		in   string
		want string // String() rendering
	}{
		{"+OK\r\n", `+OK`},
		{"-ERR boom\r\n", `-ERR boom`},
		{":-42\r\n", `:-42`},
		{"$3\r\nfoo\r\n", `"foo"`},
		{"$0\r\n\r\n", `""`},
		{"$-1\r\n", `nil`},
		{"*-1\r\n", `nil`},
		{"_\r\n", `nil`},
		{"*0\r\n", `[]`},
		{"*2\r\n:1\r\n*1\r\n$1\r\na\r\n", `[:1 ["a"]]`},
		{",3.14\r\n", `,3.14`},
		{",inf\r\n", `,inf`},
		{"#t\r\n", `#t`},
		{"!5\r\nERR x\r\n", `!ERR x`},
		{"=7\r\ntxt:abc\r\n", `=txt:abc`},
		{"(12345678901234567890\r\n", `(12345678901234567890`},
		{"%2\r\n+a\r\n:1\r\n+b\r\n%0\r\n", `{+a: :1 +b: {}}`},
		{"~2\r\n:1\r\n:2\r\n", `~{:1 :2}`},
		{">2\r\n$7\r\nmessage\r\n$1\r\nx\r\n", `>["message" "x"]`},
		{"|1\r\n+ttl\r\n:3\r\n$1\r\nv\r\n", `|attr{+ttl: :3} "v"`},
		{"$4\r\na\r\nb\r\n", `"a\r\nb"`},
	}
	for _, c := range cases {
		v, n, err := ParseValue([]byte(c.in + "+trailing\r\n"))
		if err != nil {
			t.Errorf("ParseValue(%q): %v", c.in, err)
			continue
		}
		if n != len(c.in) || string(v.Raw) != c.in {
			t.Errorf("ParseValue(%q): used %d bytes, raw %q", c.in, n, v.Raw)
		}
		if got := v.String(); got != c.want {
			t.Errorf("ParseValue(%q) = %s, want %s", c.in, got, c.want)
		}
		if enc := string(v.Encode()); enc != c.in {
			t.Errorf("Encode(ParseValue(%q)) = %q", c.in, enc)
		}
	}
	for _, bad := range []string{"", "+OK", "*2\r\n:1\r\n", "$5\r\nab\r\n", "?\r\n", ":x\r\n", "$3\r\nabcd\r\n", "#x\r\n"} {
		if _, _, err := ParseValue([]byte(bad)); err == nil {
			t.Errorf("ParseValue(%q): want error", bad)
		}
	}
}

// FuzzParseValue checks that the parser never panics and that whatever it
// accepts it re-encodes byte for byte.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"+OK\r\n", "*2\r\n$1\r\na\r\n:1\r\n", "%1\r\n+a\r\n_\r\n", "|1\r\n+a\r\n+b\r\n+c\r\n", "=5\r\ntxt:a\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, n, err := ParseValue(b)
		if err != nil {
			return
		}
		if enc := v.Encode(); !bytes.Equal(enc, b[:n]) {
			// Non-canonical input (e.g. "+01" integers, "$03") is accepted
			// but re-encoded canonically; only check it parses again.
			if _, _, err := ParseValue(enc); err != nil {
				t.Fatalf("re-encoded %q does not parse: %v", enc, err)
			}
		}
	})
}
