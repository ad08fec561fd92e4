package server

import (
	"errors"
	"io"
	"net"
	"syscall"
	"unsafe"
)

// A client at pipeline depth 1 sends its next request only after its
// reply, so net.Conn's Read, which always tries the socket before it
// waits, finds it empty on every request: a read failing with EAGAIN, a
// third of the server's system calls. Redis reads only sockets that
// epoll reported ready.
//
// clientSocket does the same within one syscall.RawConn.Read: its
// callback serves batches, and after a short read has emptied the
// socket it asks the runtime to wait for readiness instead of reading
// again. This is sound only inside a single RawConn.Read. The runtime's
// poller is edge-triggered and keeps an edge that comes while nobody
// waits, but every RawConn.Read (and net.Conn.Read) starts by clearing
// it, so bytes that came between two calls would be missed.
type clientSocket struct {
	conn net.Conn
	rc   syscall.RawConn

	// fd is conn's descriptor, read once: it stays conn's until the
	// client's own goroutine closes conn. While serving inside
	// RawConn.Read (or the event loop), reads go straight to it and
	// return errWouldBlock instead of waiting.
	fd      int
	inRead  bool
	drained bool // the last read was short: the socket was then empty
}

// errWouldBlock is a read inside RawConn.Read finding the socket empty.
var errWouldBlock = errors.New("socket empty")

// newClientSocket returns nil when conn has no file descriptor
// (net.Pipe in tests): its client is served with plain reads.
func newClientSocket(conn net.Conn) *clientSocket {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	fd := -1
	if rc.Control(func(f uintptr) { fd = int(f) }) != nil {
		return nil
	}
	return &clientSocket{conn: conn, rc: rc, fd: fd}
}

// Read is the request reader's source.
func (s *clientSocket) Read(p []byte) (int, error) {
	if !s.inRead {
		s.drained = false
		return s.conn.Read(p)
	}
	for {
		n, err := rawIO(syscall.SYS_READ, s.fd, p)
		switch err {
		case nil:
			if n == 0 && len(p) > 0 {
				return 0, io.EOF
			}
			s.drained = n < len(p)
			return n, nil
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			s.drained = true
			return 0, errWouldBlock
		}
		return 0, &net.OpError{Op: "read", Net: "tcp", Source: s.conn.LocalAddr(), Addr: s.conn.RemoteAddr(), Err: err}
	}
}

// write writes b, from the client's own goroutine: straight to the
// socket inside serveSocket, through conn for what does not fit.
func (s *clientSocket) write(b []byte) (int, error) {
	n := 0
	if s.inRead {
		// What it leaves (EAGAIN, or an error conn.Write reports) goes
		// through conn.
		if n = writeNow(s.fd, b); n == len(b) {
			return n, nil
		}
	}
	m, err := s.conn.Write(b[n:])
	return n + m, err
}

// writeNow writes as much of b as the socket takes at once, and returns
// how much that was.
func writeNow(fd int, b []byte) int {
	n := 0
	for n < len(b) {
		m, err := rawIO(syscall.SYS_WRITE, fd, b[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			break
		}
		n += m
	}
	return n
}

// rawIO is read(2) or write(2) on a non-blocking socket, which returns
// at once. It does not tell the scheduler it is in a system call, as
// syscall.Read does: the scheduler's monitor would then hand the
// processor to another thread whenever a loopback write, which runs the
// receiver's TCP stack, took over 20 µs, and wake every 20 µs to look.
func rawIO(trap uintptr, fd int, b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	n, _, e := syscall.RawSyscall(trap, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// serveSocket serves the client's batches inside one RawConn.Read until
// a batch must run outside it, or the connection ends. It returns that
// batch, with the read error that ended it if any.
func (c *Client) serveSocket() ([][][]byte, error) {
	c.held, c.heldErr = nil, nil
	if err := c.sock.rc.Read(c.serveReadyFn); err != nil {
		c.sock.inRead = false
		return nil, err // closed, or shut down
	}
	return c.held, c.heldErr
}

// serveReady is serveSocket's RawConn.Read callback. It returns false to
// wait until the socket is readable, true to leave.
func (c *Client) serveReady(uintptr) bool {
	c.sock.inRead = true
	s := c.srv
	for {
		cmds, err := c.rd.readBatch()
		if err == errWouldBlock {
			return false
		}
		c.publishBufferSizes()
		if err != nil || mayBlock(s, cmds) {
			// Blocking reads the socket from another goroutine: it runs
			// outside.
			c.held, c.heldErr = cmds, err
			c.sock.inRead = false
			return true
		}
		s.execBatch(c, cmds)
		if err := c.flush(); err != nil {
			c.closeAfter = true
		}
		if c.closeAfter {
			c.sock.inRead = false
			return true
		}
		if c.offLoop && !c.mayGetPushes() && !leavesLoop(s, cmds) {
			// What made the event loop hand the client back is over:
			// the loop serves it again.
			c.offLoop = false
			c.sock.inRead = false
			return true
		}
		if c.sock.drained && c.rd.start == c.rd.end {
			return false
		}
	}
}

// mayBlock reports whether a batch holds a blocking command (BLPOP,
// XREAD, ...).
func mayBlock(s *Server, cmds [][][]byte) bool {
	return holdsCommand(s, cmds, func(cmd *Command) bool { return cmd.has(Blocking) })
}

// leavesLoop reports whether a batch holds a command servedAlone.
func leavesLoop(s *Server, cmds [][][]byte) bool {
	return holdsCommand(s, cmds, servedAlone)
}

// holdsCommand reports whether a batch holds a command servedAlone for
// which is true. Only names whose first byte such a command's shares
// are looked up.
func holdsCommand(s *Server, cmds [][][]byte, is func(*Command) bool) bool {
	for _, argv := range cmds {
		if len(argv[0]) > 0 && s.table.servedAloneInitial[argv[0][0]] {
			if cmd := s.table.find(argv[0]); cmd != nil && is(cmd) {
				return true
			}
		}
	}
	return false
}

// hangUp ends the connection from outside the client's own goroutine:
// CLIENT KILL, an output buffer over its limit, a failed push, shutdown.
// net.Conn.Close would wait until no call is inside the socket, and the
// client's goroutine may be inside RawConn.Read's callback, waiting for
// the server lock that the caller holds. shutdown(2) ends reads and
// writes at once without waiting, and wakes the client's goroutine,
// which closes the socket as it leaves.
func (c *Client) hangUp() {
	if c.sock == nil {
		c.conn.Close()
		return
	}
	c.sock.rc.Control(func(fd uintptr) {
		syscall.Shutdown(int(fd), syscall.SHUT_RDWR)
	})
}
