//go:build linux

package server

import (
	"os"
	"runtime"
	"sync"
	"syscall"
	"unsafe"

	"github.com/miniserve-dev/miniserve/persistence"
)

// eventLoop serves the clients of the server's sockets on one goroutine,
// in the order epoll reports them ready, as Redis's event loop does.
//
// With a goroutine per client, the runtime's poller hands the goroutines
// it finds ready to the scheduler as a stack: within one wake-up the
// client that sent first was served last, which lengthened the tail of
// the latency at pipeline depth 1. The loop also saves each request a
// goroutine switch.
//
// The loop's own epoll descriptor is watched by the runtime's poller, so
// the loop waits inside one syscall.RawConn.Read and the scheduler never
// sees a blocking system call. A client whose batch must wait (a
// blocking command, a script that may run long, EXEC, a reply the socket
// cannot take) or whose connection ends is handed back to its own
// goroutine, which serves it as socket.go describes; the loop takes it
// again after a batch that needs none of that. Clients that get pushes
// (subscribers, monitors) stay with their goroutines.
type eventLoop struct {
	srv  *Server
	epfd int
	file *os.File // epfd, which the runtime's poller watches
	rc   syscall.RawConn
	// stopR and stopW are a pipe: a byte on stopR stops the loop.
	stopR, stopW int

	mu      sync.Mutex
	clients map[int32]*Client // by socket descriptor
	closed  bool

	// The loop goroutine's own state.
	events   []syscall.EpollEvent
	ready    []*Client
	waiting  []*Client // replies held until the AOF is written
	aof      *persistence.AOF
	stopping bool
	roundFn  func(uintptr) bool
}

// newEventLoop makes the loop; run serves it.
func newEventLoop(s *Server) (*eventLoop, error) {
	epfd, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_NONBLOCK|syscall.O_CLOEXEC); err != nil {
		syscall.Close(epfd)
		return nil, err
	}
	l := &eventLoop{srv: s, epfd: epfd, stopR: p[0], stopW: p[1], clients: make(map[int32]*Client), events: make([]syscall.EpollEvent, 128)}
	fail := func(err error) (*eventLoop, error) {
		syscall.Close(p[0])
		syscall.Close(p[1])
		if l.file != nil {
			l.file.Close()
		} else {
			syscall.Close(epfd)
		}
		return nil, err
	}
	ev := syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: int32(l.stopR)}
	if err := syscall.EpollCtl(epfd, syscall.EPOLL_CTL_ADD, l.stopR, &ev); err != nil {
		return fail(err)
	}
	// A non-blocking descriptor is one os.NewFile hands to the poller.
	if err := syscall.SetNonblock(epfd, true); err != nil {
		return fail(err)
	}
	l.file = os.NewFile(uintptr(epfd), "epoll")
	if l.rc, err = l.file.SyscallConn(); err != nil {
		return fail(err)
	}
	l.roundFn = l.rounds
	return l, nil
}

// run serves the loop until stop, then hands every client it still
// serves back to its goroutine.
func (l *eventLoop) run() {
	defer l.srv.wg.Done()
	if err := l.rc.Read(l.roundFn); err != nil {
		l.srv.log.Warn("event loop", "err", err)
	}
	l.mu.Lock()
	l.closed = true
	for _, c := range l.clients {
		l.release(c, handoff{}) // its channel has room: this never waits
	}
	clear(l.clients)
	l.mu.Unlock()
	l.file.Close()
	syscall.Close(l.stopR)
	syscall.Close(l.stopW)
}

// stop asks the loop to end; it does not wait. Once the loop has ended
// its pipe is closed, and the descriptor may be another file's.
func (l *eventLoop) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		syscall.Write(l.stopW, []byte{0})
	}
}

// serve runs c in the loop until the loop hands it back. It reports
// false, having done nothing, when the loop has stopped.
func (l *eventLoop) serve(c *Client) (handoff, bool) {
	if c.handoff == nil {
		c.handoff = make(chan handoff, 1)
	}
	fd := c.sock.fd
	c.sock.inRead = true
	l.mu.Lock()
	ok := !l.closed
	if ok {
		l.clients[int32(fd)] = c
		ev := syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: int32(fd)}
		if err := syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_ADD, fd, &ev); err != nil {
			delete(l.clients, int32(fd))
			ok = false
		}
	}
	l.mu.Unlock()
	if !ok {
		c.sock.inRead = false
		c.offLoop = true
		return handoff{}, false
	}
	return <-c.handoff, true
}

// rounds is the loop's RawConn.Read callback: each round serves the
// clients epoll reports ready, in its order, then writes the AOF and the
// replies that waited for it, as Redis's beforeSleep does. It returns
// false to wait for the next ready client, true to stop.
func (l *eventLoop) rounds(uintptr) bool {
	for {
		n, errno := epollWaitNow(l.epfd, l.events)
		if errno == syscall.EINTR {
			continue
		}
		if errno != 0 {
			l.srv.log.Warn("event loop: epoll_wait", "err", errno)
			return true
		}
		if n == 0 {
			return false
		}
		l.mu.Lock()
		for _, ev := range l.events[:n] {
			if ev.Fd == int32(l.stopR) {
				l.stopping = true
			} else if c := l.clients[ev.Fd]; c != nil {
				l.ready = append(l.ready, c)
			}
		}
		l.mu.Unlock()
		for _, c := range l.ready {
			l.serveClient(c)
		}
		clear(l.ready)
		l.ready = l.ready[:0]
		l.writeAOF()
		for _, c := range l.waiting {
			if !l.write(c) {
				l.handOff(c, handoff{})
			}
		}
		clear(l.waiting)
		l.waiting = l.waiting[:0]
		if l.stopping {
			return true
		}
		// Let the goroutines of the clients served outside the loop,
		// and the background work, have their turn between rounds.
		runtime.Gosched()
	}
}

// serveClient runs what one read from c brings, as Redis serves one
// readable event.
func (l *eventLoop) serveClient(c *Client) {
	s := l.srv
	cmds, err := c.rd.readBatch()
	if err == errWouldBlock {
		return
	}
	c.publishBufferSizes()
	if err != nil || leavesLoop(s, cmds) {
		l.handOff(c, handoff{cmds, err})
		return
	}
	aof := s.runBatch(c, cmds)
	if aof != nil {
		l.aof = aof
	}
	switch {
	case c.closeAfter || c.mayGetPushes():
		// Its goroutine writes the replies, in their place among
		// pushes, after the AOF.
		l.writeAOF()
		l.handOff(c, handoff{})
	case aof != nil:
		l.waiting = append(l.waiting, c)
	case !l.write(c):
		l.handOff(c, handoff{})
	}
}

// writeAOF writes what the round's batches appended to the AOF.
func (l *eventLoop) writeAOF() {
	if l.aof != nil {
		l.srv.writeAOF(l.aof)
		l.aof = nil
	}
}

// write writes c's replies without waiting. It reports false, keeping
// what is left in c's reply buffer, when the socket did not take them
// all; c's goroutine then writes the rest, or finds the error.
func (l *eventLoop) write(c *Client) bool {
	buf := c.reply.buf
	n := writeNow(c.sock.fd, buf)
	l.srv.stats.netOutput.Add(int64(n))
	if n < len(buf) {
		c.reply.buf = buf[:copy(buf, buf[n:])]
		return false
	}
	c.resetReplies()
	return true
}

// handOff gives c back to its goroutine.
func (l *eventLoop) handOff(c *Client, h handoff) {
	l.mu.Lock()
	delete(l.clients, int32(c.sock.fd))
	l.mu.Unlock()
	syscall.EpollCtl(l.epfd, syscall.EPOLL_CTL_DEL, c.sock.fd, nil)
	l.release(c, h)
}

// release wakes c's goroutine with h; the loop no longer watches c.
func (l *eventLoop) release(c *Client, h handoff) {
	c.sock.inRead = false
	c.offLoop = true
	c.handoff <- h
}

// epollWaitNow is epoll_wait with no timeout, as a raw system call: it
// never blocks, so the scheduler need not know (see rawIO).
func epollWaitNow(epfd int, events []syscall.EpollEvent) (int, syscall.Errno) {
	n, _, errno := syscall.RawSyscall6(syscall.SYS_EPOLL_PWAIT, uintptr(epfd), uintptr(unsafe.Pointer(&events[0])), uintptr(len(events)), 0, 0, 0)
	return int(n), errno
}
