package server

import (
	"errors"
	"fmt"
	"net"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miniserve-dev/miniserve/persistence"
)

// Client is one connection and its state. Fields other than the output
// machinery are touched only while holding Server.mu.
type Client struct {
	srv  *Server
	id   int64
	conn net.Conn
	addr string
	lad  string // local address
	rd   *requestReader
	sock *clientSocket // nil without a file descriptor (net.Pipe)

	// serveSocket's state: its callback, bound once, and the batch and
	// error it hands back to be served outside RawConn.Read.
	serveReadyFn func(uintptr) bool
	held         [][][]byte
	heldErr      error
	// While the event loop serves the client, its goroutine waits on
	// handoff; offLoop is set while the goroutine serves it after the
	// loop handed it back. Both pass between them through the channel.
	handoff chan handoff
	offLoop bool

	reply   Reply // replies of the current batch, written after it
	db      *db
	authed  atomic.Bool // read by the request reader outside the lock
	name    string
	libName string
	libVer  string

	multi      *multiState
	watched    []watchedKey
	dirtyCAS   bool        // a watched key changed: EXEC fails
	monitor    atomic.Bool // read outside the lock for the idle timeout
	noEvict    bool
	closeAfter bool // QUIT, RESET-less kill, protocol error
	killed     bool
	inExec     bool // running EXEC's queue: MONITOR and blocking are refused
	execLogged bool // the running EXEC has written MULTI to the AOF
	loading    bool // the AOF loading client: propagates nothing

	// The command being run, which a blocking handler saves to re-run.
	current     *Command
	currentArgv [][]byte
	// blocked is set while the client waits in a blocking command.
	// reprocessing marks the re-run of its command on its behalf, for
	// the key servingKey, and stillBlocked that the re-run found nothing
	// again.
	blocked                    *blockState
	reprocessing, stillBlocked bool
	servingKey                 string
	// scratch is a reusable buffer for handlers (LMOVE's moved element).
	scratch    []byte
	errorsSent int64 // error replies, for commandstats' failed_calls

	// propagated replaces, when set by a handler, the command that the
	// AOF records: a deterministic form such as SET k v PXAT <ms>.
	propagated [][][]byte
	// noPropagate keeps a write out of the AOF but for what the handler
	// propagated (Redis's preventCommandPropagation).
	noPropagate bool
	// request is the command runBatch is dispatching, and encoded its
	// request bytes when they are its RESP encoding: propagateCommand
	// copies those rather than encode the command again.
	request [][]byte
	encoded []byte

	created  time.Time
	lastSeen time.Time
	lastCmd  string

	// Buffer sizes for CLIENT LIST, published by the connection's own
	// goroutine, which alone touches the buffers.
	qbuf, qbufFree, outCap atomic.Int64

	// Pushes from other clients (MONITOR lines, later pub/sub messages)
	// are queued here and written by pushLoop, never by the sender, so a
	// slow reader cannot stall the server.
	wmu      sync.Mutex // serializes writes to conn
	pmu      sync.Mutex
	pushBuf  []byte
	pushWake chan struct{}
	pushing  bool
	// Ordering of replies and pushes (see orderOutput): hasPush is set
	// once pushLoop runs; pushQueued and pushWritten count the bytes
	// queued for and written by pushLoop, pushInFlight those it is
	// writing; replyWait is where the batch's replies end in the push
	// queue, and wmuHeld that execBatch took wmu for flush. pushDead is
	// set when the connection is being closed for its output buffer
	// limit or a failed write. obufSoftSince is when the client went over
	// its soft output buffer limit (unix seconds, under Server.mu).
	hasPush                 atomic.Bool
	pushCond                sync.Cond // on pmu: pushWritten moved or pushDead
	pushQueued, pushWritten uint64
	pushInFlight            int
	pushDead                bool
	replyWait               uint64
	wmuHeld                 bool
	obufSoftSince           int64

	ps clientPubSub // subscriptions (pubsub.go)

	warmScratch [][]byte // warmKeys's list of keys, reused

	// slot is the hash slot of the running command's keys in cluster
	// mode (noSlot for none), as Redis's c->slot: EXEC sets the
	// transaction's, and scripts check their keys against it.
	slot int
}

// handoff is what the event loop gives back to a client's goroutine: a
// batch to run there, with the read error that ended it if any.
type handoff struct {
	cmds [][][]byte
	err  error
}

type multiState struct {
	cmds    []*Command
	argvs   [][][]byte
	aborted bool // a command was refused while queuing: EXECABORT
}

func (s *Server) serveConn(conn net.Conn) {
	defer s.wg.Done()
	now := s.clock.now()
	c := &Client{
		srv:      s,
		id:       s.nextID.Add(1),
		conn:     conn,
		addr:     conn.RemoteAddr().String(),
		lad:      conn.LocalAddr().String(),
		created:  now,
		lastSeen: now,
		reply:    Reply{resp: 2},
	}
	if c.sock = newClientSocket(conn); c.sock != nil {
		c.rd = newRequestReader(c.sock)
		c.serveReadyFn = c.serveReady
	} else {
		c.rd = newRequestReader(conn)
	}
	c.rd.authorized = c.isAuthorized
	c.rd.maxBulk = s.live.protoMaxBulkLen.Load
	c.rd.maxQuery = s.live.queryBufferLimit.Load
	if msg := s.admit(c); msg != "" {
		conn.Write([]byte(msg))
		conn.Close()
		return
	}
	defer func() {
		// A bug that panics while the lock is held must crash the
		// process with its stack, as Redis's assertions do, not hang
		// every client on the lock disconnect would wait for.
		if r := recover(); r != nil {
			panic(fmt.Sprintf("%v\n%s", r, debug.Stack()))
		}
		s.disconnect(c)
	}()
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetNoDelay(true)
		if ka := time.Duration(s.live.tcpKeepalive.Load()); ka > 0 {
			tc.SetKeepAlive(true)
			tc.SetKeepAlivePeriod(ka)
		}
	}
	for {
		cmds, err := c.nextBatch()
		if len(cmds) > 0 {
			s.execBatch(c, cmds)
		}
		if err != nil {
			c.endOnReadError(err)
		}
		if err := c.flush(); err != nil || c.closeAfter {
			return
		}
	}
}

// nextBatch waits for the next batch that the client's goroutine runs:
// the event loop serves the client until it hands it back with one, or
// the socket's RawConn.Read does (serveSocket), or a plain read where
// there is no socket (net.Pipe).
func (c *Client) nextBatch() ([][][]byte, error) {
	if c.sock == nil {
		cmds, err := c.rd.readBatch()
		c.publishBufferSizes()
		return cmds, err
	}
	if !c.offLoop && c.srv.loop != nil {
		if h, ok := c.srv.loop.serve(c); ok {
			return h.cmds, h.err
		}
	}
	return c.serveSocket()
}

// publishBufferSizes updates the buffer sizes CLIENT LIST shows.
func (c *Client) publishBufferSizes() {
	c.qbuf.Store(int64(c.rd.end - c.rd.start))
	c.qbufFree.Store(int64(len(c.rd.buf) - c.rd.end))
	c.outCap.Store(int64(cap(c.reply.buf)))
}

// endOnReadError answers a protocol error as Redis does and marks the
// connection to close. It is apart from serveConn's loop because
// errors.As makes its target escape: one allocation per request there.
func (c *Client) endOnReadError(err error) {
	var perr *protocolError
	if errors.As(err, &perr) && perr != errQueryBufferLimit {
		c.reply.Error(errProtoPrefix + perr.msg)
	}
	c.closeAfter = true
}

// admit applies maxclients and protected mode to a new connection and
// registers it. It returns the reply that refuses it, if any.
func (s *Server) admit(c *Client) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.connectionsReceived++
	if s.closing.Load() {
		return "-ERR server is shutting down\r\n"
	}
	if len(s.clients) >= s.cfg.MaxClients {
		s.stats.rejectedConns++
		return "-ERR max number of clients reached\r\n"
	}
	if s.cfg.ProtectedMode && s.cfg.RequirePass == "" && !isLoopback(c.conn.RemoteAddr()) {
		return protectedModeError
	}
	c.db = s.dbs[0]
	// As in Redis, a client that connects while no password is set stays
	// authenticated if one is set later.
	c.authed.Store(s.cfg.RequirePass == "")
	s.clients[c.id] = c
	return ""
}

func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return !ok || tcp.IP.IsLoopback()
}

const protectedModeError = "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Set up an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n"

func (s *Server) disconnect(c *Client) {
	s.mu.Lock()
	delete(s.clients, c.id)
	s.unwatchAll(c)
	if c.monitor.Load() {
		s.removeMonitor(c)
	}
	s.pubsubReset(c)
	s.mu.Unlock()
	c.pmu.Lock()
	if c.pushWake != nil {
		close(c.pushWake)
		c.pushWake = nil
	}
	c.pmu.Unlock()
	c.conn.Close()
}

// warmKeys brings the keys of a pipelined batch into the CPU cache
// before it runs, with their cache misses overlapping. It takes every
// command's first argument for a key, which most are: a guess that is
// wrong costs a hash and a load.
func (s *Server) warmKeys(c *Client, cmds [][][]byte) {
	keys := c.warmScratch[:0]
	for _, argv := range cmds {
		if len(argv) > 1 {
			keys = append(keys, argv[1])
		}
	}
	s.warmSink += c.db.keys.Warm(keys)
	clear(keys)
	c.warmScratch = keys[:0]
}

// execBatch runs the commands of one read, then writes what they
// appended to the AOF. The clients whose requests are ready run their
// batches first, as in one turn of Redis's event loop, so that one write
// (and with appendfsync always one fsync) carries them all; their own
// writes then find the buffer written.
func (s *Server) execBatch(c *Client, cmds [][][]byte) {
	if aof := s.runBatch(c, cmds); aof != nil {
		runtime.Gosched()
		s.writeAOF(aof)
	}
}

// runBatch runs the commands of one read under one lock acquisition. It
// returns the AOF when they left bytes in its buffer: as Redis does in
// beforeSleep, they are written before the replies go out, but outside
// the lock (writeAOF).
func (s *Server) runBatch(c *Client, cmds [][][]byte) *persistence.AOF {
	// A script past busy-reply-threshold holds the lock: answer BUSY.
	if cmds = s.lockOrBusy(c, cmds); len(cmds) == 0 {
		return nil
	}
	c.lastSeen = s.clock.now()
	s.callClock = 0
	if len(cmds) > 1 {
		s.warmKeys(c, cmds)
	}
	var encoded [][]byte
	if s.persist.aof != nil {
		encoded = c.rd.encodedRequests(cmds)
	}
	for i, argv := range cmds {
		if c.killed {
			// CLIENT KILL freed it: what it had sent is dropped.
			c.closeAfter = true
			break
		}
		if encoded != nil {
			c.request, c.encoded = argv, encoded[i]
		}
		s.dispatch(c, argv)
		c.request, c.encoded = nil, nil
		if len(s.readyKeys) > 0 {
			s.serveReady()
		}
		if c.blocked != nil {
			s.flushAOF()
			s.waitUnblocked(c)
			s.callClock = 0 // the lock was let go
		}
		if c.closeAfter {
			break
		}
	}
	s.callClock = 0
	aof := s.persist.aof
	if aof != nil && !aof.Buffered() {
		aof = nil
	}
	if s.cfg.Timeout > 0 {
		// Idle time counts from the reply, as Redis's from its write: a
		// command that ran long does not make its client idle.
		c.lastSeen = s.clock.now()
	}
	c.orderOutput()
	s.mu.Unlock()
	return aof
}

// writeAOF writes aof's buffer, outside the lock.
func (s *Server) writeAOF(aof *persistence.AOF) {
	if err := aof.Flush(); err != nil && !errors.Is(err, persistence.ErrAOFClosed) {
		s.log.Warn("Error writing to the AOF file", "err", err)
	}
}

// flushAOF writes the AOF buffer before any reply leaves, as Redis does
// in beforeSleep; with appendfsync always it also fsyncs. The caller
// holds s.mu.
func (s *Server) flushAOF() {
	if s.persist.aof != nil {
		if err := s.persist.aof.Flush(); err != nil {
			s.persist.aofWriteErr = s.persist.aof.LastWriteError()
			s.log.Warn("Error writing to the AOF file", "err", err)
		}
	}
}

// orderOutput places the batch's replies among the client's pushes, so
// that the client reads both in the order they happened, as from Redis's
// single output buffer: a message published before a command ran comes
// before its reply, one published after comes after. The caller holds
// s.mu, under which every push is queued, so this is the point in that
// order where the replies belong. With nothing queued, flush writes them
// directly, holding wmu from here so that pushLoop writes later pushes
// after them; otherwise they are queued behind the pushes and flush
// waits for pushLoop to write them. Clients that cannot get pushes (all
// but subscribers and monitors, and those that got some before) skip
// this.
func (c *Client) orderOutput() {
	if len(c.reply.buf) == 0 || !c.mayGetPushes() {
		return
	}
	c.pmu.Lock()
	defer c.pmu.Unlock()
	if c.pushDead {
		return // closing: flush's write fails
	}
	if len(c.pushBuf) == 0 && c.pushInFlight == 0 {
		// pushLoop takes wmu only with bytes in flight: it is free.
		c.wmu.Lock()
		c.wmuHeld = true
		return
	}
	c.pushBuf = append(c.pushBuf, c.reply.buf...)
	c.pushQueued += uint64(len(c.reply.buf))
	c.replyWait = c.pushQueued
	c.reply.buf = c.reply.buf[:0]
	select {
	case c.pushWake <- struct{}{}:
	default:
	}
}

// mayGetPushes reports whether other clients may write to c: it is a
// subscriber or a monitor, or was one.
func (c *Client) mayGetPushes() bool {
	return c.hasPush.Load() || c.ps.active.Load() || c.monitor.Load()
}

// waitPushed waits until pushLoop has written the first n bytes queued,
// which is how replies queued behind pushes keep the connection's
// back-pressure.
func (c *Client) waitPushed(n uint64) error {
	c.pmu.Lock()
	defer c.pmu.Unlock()
	for c.pushWritten < n && !c.pushDead {
		c.pushCond.Wait()
	}
	if c.pushWritten < n {
		return net.ErrClosed
	}
	return nil
}

// flush writes the batch's replies, in their place among the pushes
// (see orderOutput).
func (c *Client) flush() error {
	err := c.writeReplies(c.reply.buf)
	c.resetReplies()
	return err
}

// resetReplies empties the reply buffer once it is written.
func (c *Client) resetReplies() {
	if cap(c.reply.buf) > 1<<20 {
		c.reply.buf = nil // do not keep a huge reply's buffer
	} else {
		c.reply.buf = c.reply.buf[:0]
	}
}

// writeReplies writes replies after the pushes queued before them, as
// orderOutput arranged under the lock.
func (c *Client) writeReplies(buf []byte) error {
	var err error
	if c.replyWait != 0 {
		err = c.waitPushed(c.replyWait)
		c.replyWait = 0
	}
	if len(buf) == 0 {
		if c.wmuHeld {
			c.wmuHeld = false
			c.wmu.Unlock()
		}
		return err
	}
	if !c.wmuHeld {
		c.wmu.Lock()
	}
	c.wmuHeld = false
	var n int
	var werr error
	if c.sock != nil {
		n, werr = c.sock.write(buf)
	} else {
		n, werr = c.conn.Write(buf)
	}
	c.wmu.Unlock()
	if err == nil {
		err = werr
	}
	c.srv.stats.netOutput.Add(int64(n))
	return err
}

// push queues out-of-band bytes for this client: a MONITOR line or a
// pub/sub message from another client. The caller holds s.mu. A client
// whose pending output passes its class's client-output-buffer-limit is
// disconnected, as Redis does, so a reader that does not keep up costs
// bounded memory and never stalls the sender.
func (c *Client) push(b []byte) {
	c.pmu.Lock()
	if c.pushDead {
		c.pmu.Unlock()
		return
	}
	if c.pushWake == nil {
		if c.pushing {
			c.pmu.Unlock()
			return // disconnected
		}
		c.pushing = true
		c.pushCond.L = &c.pmu
		c.pushWake = make(chan struct{}, 1)
		c.hasPush.Store(true)
		c.srv.wg.Add(1)
		go c.pushLoop(c.pushWake)
	}
	c.pushBuf = append(c.pushBuf, b...)
	c.pushQueued += uint64(len(b))
	if c.srv.outputLimitReached(c, len(c.pushBuf)+c.pushInFlight) {
		c.pushDead = true
		c.pushBuf = nil
		c.pushCond.Broadcast()
		c.pmu.Unlock()
		c.srv.log.Warn("Client " + c.srv.clientInfoLine(c) + " scheduled to be closed ASAP for overcoming of output buffer limits.")
		c.hangUp()
		return
	}
	select {
	case c.pushWake <- struct{}{}:
	default:
	}
	c.pmu.Unlock()
}

// outputLimitReached is Redis's checkClientOutputBufferLimits for used
// bytes of pending output: over the hard limit, or over the soft limit
// for more than its seconds. Only a client over its soft limit reads the
// clock. The caller holds s.mu.
func (s *Server) outputLimitReached(c *Client, used int) bool {
	l := &s.cfg.ClientOutputBufferLimit.Normal
	if c.ps.active.Load() {
		l = &s.cfg.ClientOutputBufferLimit.PubSub
	}
	hard := l.HardBytes > 0 && uint64(used) >= l.HardBytes
	soft := l.SoftBytes > 0 && uint64(used) >= l.SoftBytes
	if !soft {
		c.obufSoftSince = 0
		return hard
	}
	now := s.clock.now().Unix()
	if c.obufSoftSince == 0 {
		c.obufSoftSince = now
		return hard
	}
	return hard || now-c.obufSoftSince > int64(l.SoftSeconds)
}

func (c *Client) pushLoop(wake chan struct{}) {
	defer c.srv.wg.Done()
	var out []byte
	for range wake {
		// Let the publishers that are running add to the buffer first:
		// one write then carries many messages, as Redis's one write per
		// event loop does.
		runtime.Gosched()
		c.pmu.Lock()
		out, c.pushBuf = c.pushBuf, out[:0]
		c.pushInFlight = len(out)
		c.pmu.Unlock()
		if len(out) == 0 {
			continue
		}
		c.wmu.Lock()
		n, err := c.conn.Write(out)
		c.wmu.Unlock()
		c.srv.stats.netOutput.Add(int64(n))
		c.pmu.Lock()
		c.pushInFlight = 0
		if err != nil {
			c.pushDead = true
			c.pushBuf = nil
		} else {
			c.pushWritten += uint64(len(out))
		}
		c.pushCond.Broadcast()
		c.pmu.Unlock()
		if err != nil {
			c.hangUp()
		}
		if cap(out) > 1<<20 {
			out = nil // do not keep a burst's buffer
		}
	}
}

// isAuthorized tells the reader whether Redis's limits for
// unauthenticated clients apply. It runs outside the lock.
func (c *Client) isAuthorized() bool {
	return c.authed.Load() || !c.srv.live.passSet.Load()
}

// closeIdleClients closes the clients silent for longer than the
// timeout directive, as Redis's clientsCronHandleTimeout does: in whole
// seconds, sparing monitors, subscribers and blocked clients, whose wait
// has its own timeout. One sweep serves every client, in the event loop
// or not, and sees a CONFIG SET timeout at once. The caller holds s.mu.
func (s *Server) closeIdleClients() {
	if s.cfg.Timeout <= 0 {
		return
	}
	now := s.clock.now().Unix()
	for _, c := range s.clients {
		if c.monitor.Load() || c.ps.active.Load() || c.blocked != nil || c.killed {
			continue
		}
		if now-c.lastSeen.Unix() > int64(s.cfg.Timeout) {
			s.log.Debug("Closing idle client")
			s.killClient(nil, c)
		}
	}
}

// flagString is CLIENT LIST's flags field.
func (c *Client) flagString() string {
	var b strings.Builder
	if c.monitor.Load() {
		b.WriteByte('O')
	}
	if c.ps.active.Load() {
		b.WriteByte('P')
	}
	if c.multi != nil {
		b.WriteByte('x')
	}
	if c.blocked != nil {
		b.WriteByte('b')
	}
	if c.dirtyCAS {
		b.WriteByte('d')
	}
	if c.closeAfter {
		b.WriteByte('c')
	}
	if c.noEvict {
		b.WriteByte('e')
	}
	if b.Len() == 0 {
		return "N"
	}
	return b.String()
}
