package server

import (
	"errors"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"
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
	inExec     bool  // running EXEC's queue: MONITOR and blocking are refused

	// The command being run, which a blocking handler saves to re-run.
	current     *Command
	currentArgv [][]byte
	// blocked is set while the client waits in a blocking command.
	// reprocessing marks the re-run of its command on its behalf, and
	// stillBlocked that the re-run found nothing again.
	blocked                    *blockState
	reprocessing, stillBlocked bool
	errorsSent int64 // error replies, for commandstats' failed_calls

	// propagated replaces, when set by a handler, the command that the
	// AOF records: a deterministic form such as SET k v PXAT <ms>.
	propagated [][][]byte

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
		rd:       newRequestReader(conn),
		created:  now,
		lastSeen: now,
		reply:    Reply{resp: 2},
	}
	c.rd.authorized = c.isAuthorized
	c.rd.maxBulk = s.live.protoMaxBulkLen.Load
	c.rd.maxQuery = s.live.queryBufferLimit.Load
	if msg := s.admit(c); msg != "" {
		conn.Write([]byte(msg))
		conn.Close()
		return
	}
	defer s.disconnect(c)
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetNoDelay(true)
		if ka := time.Duration(s.live.tcpKeepalive.Load()); ka > 0 {
			tc.SetKeepAlive(true)
			tc.SetKeepAlivePeriod(ka)
		}
	}
	hasDeadline := false
	for {
		// Setting a deadline costs a runtime call: skip it when there is
		// none to set or clear.
		if idle := s.idleTimeout(c); idle > 0 {
			conn.SetReadDeadline(time.Now().Add(idle))
			hasDeadline = true
		} else if hasDeadline {
			conn.SetReadDeadline(time.Time{})
			hasDeadline = false
		}
		cmds, err := c.rd.readBatch()
		c.qbuf.Store(int64(c.rd.end - c.rd.start))
		c.qbufFree.Store(int64(len(c.rd.buf) - c.rd.end))
		c.outCap.Store(int64(cap(c.reply.buf)))
		if len(cmds) > 0 {
			s.execBatch(c, cmds)
		}
		var perr *protocolError
		if errors.As(err, &perr) && perr != errQueryBufferLimit {
			c.reply.Error(errProtoPrefix + perr.msg)
			c.closeAfter = true
		} else if err != nil {
			c.closeAfter = true
		}
		if err := c.flush(); err != nil || c.closeAfter {
			return
		}
	}
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
	s.mu.Unlock()
	c.pmu.Lock()
	if c.pushWake != nil {
		close(c.pushWake)
		c.pushWake = nil
	}
	c.pmu.Unlock()
	c.conn.Close()
}

// execBatch runs the commands of one read under one lock acquisition.
func (s *Server) execBatch(c *Client, cmds [][][]byte) {
	s.mu.Lock()
	c.lastSeen = s.clock.now()
	for _, argv := range cmds {
		s.dispatch(c, argv)
		if len(s.readyKeys) > 0 {
			s.serveReady()
		}
		if c.blocked != nil {
			s.waitUnblocked(c)
		}
		if c.closeAfter {
			break
		}
	}
	s.mu.Unlock()
}

// flush writes the batch's replies.
func (c *Client) flush() error {
	if len(c.reply.buf) == 0 {
		return nil
	}
	c.wmu.Lock()
	n, err := c.conn.Write(c.reply.buf)
	c.wmu.Unlock()
	c.srv.stats.netOutput.Add(int64(n))
	if cap(c.reply.buf) > 1<<20 {
		c.reply.buf = nil // do not keep a huge reply's buffer
	} else {
		c.reply.buf = c.reply.buf[:0]
	}
	return err
}

// push queues out-of-band bytes for this client from any goroutine.
func (c *Client) push(b []byte) {
	c.pmu.Lock()
	defer c.pmu.Unlock()
	if c.pushWake == nil {
		if c.pushing {
			return // disconnected
		}
		c.pushing = true
		c.pushWake = make(chan struct{}, 1)
		c.srv.wg.Add(1)
		go c.pushLoop(c.pushWake)
	}
	c.pushBuf = append(c.pushBuf, b...)
	select {
	case c.pushWake <- struct{}{}:
	default:
	}
}

func (c *Client) pushLoop(wake chan struct{}) {
	defer c.srv.wg.Done()
	var out []byte
	for range wake {
		c.pmu.Lock()
		out, c.pushBuf = c.pushBuf, out[:0]
		c.pmu.Unlock()
		if len(out) == 0 {
			continue
		}
		c.wmu.Lock()
		_, err := c.conn.Write(out)
		c.wmu.Unlock()
		if err != nil {
			c.conn.Close()
		}
	}
}

// isAuthorized tells the reader whether Redis's limits for
// unauthenticated clients apply. It runs outside the lock.
func (c *Client) isAuthorized() bool {
	return c.authed.Load() || !c.srv.live.passSet.Load()
}

// idleTimeout is how long the client may stay silent; 0 for ever.
func (s *Server) idleTimeout(c *Client) time.Duration {
	if c.monitor.Load() {
		return 0
	}
	return time.Duration(s.live.timeout.Load())
}

// flagString is CLIENT LIST's flags field.
func (c *Client) flagString() string {
	var b strings.Builder
	if c.monitor.Load() {
		b.WriteByte('O')
	}
	if c.blocked != nil {
		b.WriteByte('b')
	}
	if c.multi != nil {
		b.WriteByte('x')
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
