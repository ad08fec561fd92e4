package server

import (
	"bufio"
	"fmt"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// respConn is a minimal RESP client for the server's own tests.
type respConn struct {
	t    testing.TB
	conn net.Conn
	rd   *bufio.Reader
}

func dial(t testing.TB, addr string) *respConn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &respConn{t: t, conn: conn, rd: bufio.NewReader(conn)}
}

// do sends a command and returns its reply as RESP text with the CRLFs.
func (c *respConn) do(args ...string) string {
	c.t.Helper()
	c.send(args...)
	return c.read()
}

func (c *respConn) send(args ...string) {
	c.t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	c.raw(b.String())
}

func (c *respConn) raw(s string) {
	c.t.Helper()
	if _, err := c.conn.Write([]byte(s)); err != nil {
		c.t.Fatal(err)
	}
}

// read reads one whole reply.
func (c *respConn) read() string {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	s, err := c.readValue()
	if err != nil {
		c.t.Fatalf("read: %v (so far %q)", err, s)
	}
	return s
}

func (c *respConn) readValue() (string, error) {
	line, err := c.rd.ReadString('\n')
	if err != nil {
		return line, err
	}
	body := strings.TrimSuffix(line[1:], "\r\n")
	switch line[0] {
	case '$', '=', '!':
		n, _ := strconv.Atoi(body)
		if n < 0 {
			return line, nil
		}
		buf := make([]byte, n+2)
		if _, err := io_ReadFull(c.rd, buf); err != nil {
			return line, err
		}
		return line + string(buf), nil
	case '*', '~', '>', '%':
		n, _ := strconv.Atoi(body)
		if line[0] == '%' {
			n *= 2
		}
		out := line
		for i := 0; i < n; i++ {
			v, err := c.readValue()
			out += v
			if err != nil {
				return out, err
			}
		}
		return out, nil
	}
	return line, nil
}

// closed reports whether the server closed the connection, waiting up
// to a bounded time for it.
func (c *respConn) closed() bool {
	c.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := c.rd.ReadByte()
	return err != nil
}

func io_ReadFull(r *bufio.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
