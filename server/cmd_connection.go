package server

import (
	"crypto/subtle"
	"strconv"

	"github.com/miniserve-dev/miniserve/datastruct"
)

func cmdPing(c *Client, argv [][]byte) {
	if len(argv) > 2 {
		c.errorReply("ERR wrong number of arguments for 'ping' command")
		return
	}
	if c.ps.active.Load() && c.reply.resp == 2 {
		// A subscribed RESP2 client reads pushes: PING answers in kind.
		c.reply.Array(2)
		c.reply.BulkString("pong")
		if len(argv) == 2 {
			c.reply.Bulk(argv[1])
		} else {
			c.reply.BulkString("")
		}
		return
	}
	if len(argv) == 2 {
		c.reply.Bulk(argv[1])
		return
	}
	c.reply.Status("PONG")
}

func cmdEcho(c *Client, argv [][]byte) { c.reply.Bulk(argv[1]) }

func cmdQuit(c *Client, argv [][]byte) {
	c.reply.OK()
	c.closeAfter = true
}

// cmdReset returns the connection to its state at connect time.
func cmdReset(c *Client, argv [][]byte) {
	s := c.srv
	c.multi = nil
	s.unwatchAll(c)
	c.db = s.dbs[0]
	c.reply.resp = 2
	c.authed.Store(s.cfg.RequirePass == "")
	s.pubsubReset(c)
	if c.monitor.Load() {
		c.monitor.Store(false)
		s.removeMonitor(c)
	}
	c.noEvict = false
	c.name = ""
	c.reply.Status("RESET")
}

func cmdHello(c *Client, argv [][]byte) {
	s := c.srv
	var ver int64
	next := 1
	if len(argv) >= 2 {
		v, ok := datastruct.ParseInt(argv[1])
		if !ok {
			c.errorReply("ERR Protocol version is not an integer or out of range")
			return
		}
		if v < 2 || v > 3 {
			c.errorReply("NOPROTO unsupported protocol version")
			return
		}
		ver, next = v, 2
	}
	var user, pass, name []byte
	for j := next; j < len(argv); j++ {
		more := len(argv) - 1 - j
		switch {
		case isOpt(argv[j], "auth") && more >= 2:
			user, pass = argv[j+1], argv[j+2]
			j += 2
		case isOpt(argv[j], "setname") && more >= 1:
			name = argv[j+1]
			j++
		default:
			c.errorReply("ERR Syntax error in HELLO option '" + sanitize(trunc(argv[j], 128)) + "'")
			return
		}
	}
	if user != nil {
		if !s.checkPassword(user, pass) {
			c.errorReply(errWrongPass)
			return
		}
		c.authed.Store(true)
	}
	if s.cfg.RequirePass != "" && !c.authed.Load() {
		c.errorReply("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time")
		return
	}
	if name != nil && !c.setName(name) {
		return
	}
	if ver != 0 {
		c.reply.resp = int(ver)
	}
	mode := "standalone"
	if s.cfg.ClusterEnabled {
		mode = "cluster"
	}
	r := &c.reply
	r.Map(7)
	r.BulkString("server")
	r.BulkString("redis")
	r.BulkString("version")
	r.BulkString(Version)
	r.BulkString("proto")
	r.Int(int64(r.resp))
	r.BulkString("id")
	r.Int(c.id)
	r.BulkString("mode")
	r.BulkString(mode)
	r.BulkString("role")
	r.BulkString("master")
	r.BulkString("modules")
	r.Array(0)
}

func cmdAuth(c *Client, argv [][]byte) {
	s := c.srv
	if len(argv) > 3 {
		c.errorReply(errSyntax)
		return
	}
	user, pass := []byte("default"), argv[1]
	if len(argv) == 2 {
		if s.cfg.RequirePass == "" {
			c.errorReply(errNoPass)
			return
		}
	} else {
		user, pass = argv[1], argv[2]
	}
	if !s.checkPassword(user, pass) {
		c.errorReply(errWrongPass)
		return
	}
	c.authed.Store(true)
	c.reply.OK()
}

// checkPassword checks a user and password against requirepass in
// constant time. The only user is "default"; with no password set it
// accepts any password, as Redis's nopass user does.
func (s *Server) checkPassword(user, pass []byte) bool {
	if string(user) != "default" {
		return false
	}
	if s.cfg.RequirePass == "" {
		return true
	}
	return subtle.ConstantTimeCompare(pass, []byte(s.cfg.RequirePass)) == 1
}

func cmdSelect(c *Client, argv [][]byte) {
	s := c.srv
	id, ok := c.intArg(argv[1], minInt32, maxInt32, "")
	if !ok {
		return
	}
	if s.cfg.ClusterEnabled && id != 0 {
		c.errorReply("ERR SELECT is not allowed in cluster mode")
		return
	}
	if id < 0 || int(id) >= len(s.dbs) {
		c.errorReply(errDBIndex)
		return
	}
	c.db = s.dbs[id]
	c.reply.OK()
}

func cmdSwapDB(c *Client, argv [][]byte) {
	s := c.srv
	if s.cfg.ClusterEnabled {
		c.errorReply("ERR SWAPDB is not allowed in cluster mode")
		return
	}
	a, ok := c.intArg(argv[1], minInt32, maxInt32, "ERR invalid first DB index")
	if !ok {
		return
	}
	b, ok := c.intArg(argv[2], minInt32, maxInt32, "ERR invalid second DB index")
	if !ok {
		return
	}
	if a < 0 || b < 0 || int(a) >= len(s.dbs) || int(b) >= len(s.dbs) {
		c.errorReply(errDBIndex)
		return
	}
	if a != b {
		da, db := s.dbs[a], s.dbs[b]
		// Watchers of keys in either database see the swap, as in Redis.
		s.signalFlushed(da)
		s.signalFlushed(db)
		da.keys.Swap(db.keys)
		da.used, db.used = db.used, da.used
		s.signalFlushed(da)
		s.signalFlushed(db)
		// So do the clients blocked on keys that the swap filled.
		s.scanReadyKeys(da)
		s.scanReadyKeys(db)
		s.dirty++
	}
	c.reply.OK()
}

func cmdDBSize(c *Client, argv [][]byte) { c.reply.Int(int64(c.db.keys.Len())) }

// flushArgs parses FLUSHDB/FLUSHALL's [ASYNC|SYNC].
func flushArgs(c *Client, argv [][]byte) bool {
	if len(argv) > 2 {
		c.errorReply(errSyntax)
		return false
	}
	if len(argv) == 2 && !isOpt(argv[1], "sync") && !isOpt(argv[1], "async") {
		c.errorReply(errSyntax)
		return false
	}
	return true
}

func cmdFlushDB(c *Client, argv [][]byte) {
	if !flushArgs(c, argv) {
		return
	}
	s := c.srv
	s.signalFlushed(c.db)
	s.dirty += int64(c.db.keys.Len())
	c.db.keys.Clear()
	c.db.used = 0
	c.reply.OK()
}

func cmdFlushAll(c *Client, argv [][]byte) {
	if !flushArgs(c, argv) {
		return
	}
	s := c.srv
	s.signalFlushed(nil)
	for _, d := range s.dbs {
		s.dirty += int64(d.keys.Len())
		d.keys.Clear()
		d.used = 0
	}
	s.dirty++ // FLUSHALL is always propagated, even on an empty server
	if len(s.cfg.Save) > 0 {
		// As Redis, save the now empty dataset at once, so a restart
		// does not bring the keys back.
		if s.persist.job != nil {
			s.persist.bgsaveScheduled = true
		} else if err := s.save(); err == nil {
			s.dirty++ // the FLUSHALL itself still goes to the AOF
		}
	}
	c.reply.OK()
}

func cmdTime(c *Client, argv [][]byte) {
	now := c.srv.clock.now()
	c.reply.Array(2)
	c.reply.BulkString(strconv.FormatInt(now.Unix(), 10))
	c.reply.BulkString(strconv.FormatInt(int64(now.Nanosecond()/1000), 10))
}
