package server

import (
	"io"
	"net"
	"syscall"
)

// socketReader reads a TCP connection without the read that finds it
// empty. net.Conn's Read always tries the socket first and only then
// waits, so a client at pipeline depth 1, whose next request comes only
// after its reply, costs a read that fails with EAGAIN on every request:
// a third of the server's system calls. After a short read the socket
// was empty, so socketReader waits for readiness first. The runtime's
// poller is edge-triggered and remembers an edge that came while nobody
// waited, so bytes that arrived after the short read still wake it at
// once.
type socketReader struct {
	rc      syscall.RawConn
	readFn  func(fd uintptr) bool // r.readOnce, bound once: no allocation per read
	drained bool                  // the last read left the socket empty

	// The current read's buffer and results, for readFn.
	p    []byte
	n    int
	err  error
	wait bool // readFn's first call waits instead of reading
}

// newSocketReader reads conn through a socketReader when it has a file
// descriptor, and through conn itself otherwise (net.Pipe in tests).
func newSocketReader(conn net.Conn) io.Reader {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return conn
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return conn
	}
	r := &socketReader{rc: rc}
	r.readFn = r.readOnce
	return r
}

func (r *socketReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r.p, r.n, r.err, r.wait = p, 0, nil, r.drained
	if err := r.rc.Read(r.readFn); err != nil {
		r.p = nil
		r.drained = false
		return 0, err // closed, or a read deadline passed
	}
	n, err := r.n, r.err
	r.p, r.err = nil, nil
	r.drained = err == nil && n < len(p)
	if err != nil {
		return 0, &net.OpError{Op: "read", Net: "tcp", Err: err}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// readOnce is RawConn.Read's callback: false means wait for readiness
// and call again.
func (r *socketReader) readOnce(fd uintptr) bool {
	if r.wait {
		r.wait = false
		return false
	}
	for {
		n, err := syscall.Read(int(fd), r.p)
		if err == syscall.EINTR {
			continue
		}
		if err == syscall.EAGAIN {
			return false
		}
		if n < 0 {
			n = 0
		}
		r.n, r.err = n, err
		return true
	}
}

// forget drops what socketReader knows of the socket, after another
// reader (a blocked client's watcher) used it.
func (r *socketReader) forget() { r.drained = false }
