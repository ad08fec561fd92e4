package server

import (
	"strconv"
	"strings"

	"github.com/miniserve-dev/miniserve/datastruct"
)

func cmdClientID(c *Client, argv [][]byte) { c.reply.Int(c.id) }

func cmdClientSetName(c *Client, argv [][]byte) {
	if c.setName(argv[2]) {
		c.reply.OK()
	}
}

// setName validates and sets the connection name, replying on error.
func (c *Client) setName(name []byte) bool {
	for _, ch := range name {
		if ch < '!' || ch > '~' {
			c.errorReply("ERR Client names cannot contain spaces, newlines or special characters.")
			return false
		}
	}
	c.name = string(name)
	return true
}

func cmdClientGetName(c *Client, argv [][]byte) {
	if c.name == "" {
		c.reply.Null()
		return
	}
	c.reply.BulkString(c.name)
}

// cmdClientSetInfo is Redis 7.2's CLIENT SETINFO, which client libraries
// send on connect; Redis 7.0 does not have it.
func cmdClientSetInfo(c *Client, argv [][]byte) {
	attr, val := argv[2], argv[3]
	for _, ch := range val {
		if ch < '!' || ch > '~' {
			c.errorReply("ERR " + strings.ToUpper(string(attr)) + " cannot contain spaces, newlines or special characters.")
			return
		}
	}
	switch {
	case isOpt(attr, "lib-name"):
		c.libName = string(val)
	case isOpt(attr, "lib-ver"):
		c.libVer = string(val)
	default:
		c.errorReply("ERR Unrecognized option '" + sanitize(attr) + "'")
		return
	}
	c.reply.OK()
}

func cmdClientInfo(c *Client, argv [][]byte) {
	c.reply.Verbatim(c.srv.clientInfoLine(c) + "\n")
}

func cmdClientList(c *Client, argv [][]byte) {
	s := c.srv
	var ids map[int64]bool
	typ := ""
	for i := 2; i < len(argv); i++ {
		switch {
		case isOpt(argv[i], "type") && i+1 < len(argv):
			t, ok := clientType(argv[i+1])
			if !ok {
				c.errorReply("ERR Unknown client type '" + sanitize(argv[i+1]) + "'")
				return
			}
			typ = t
			i++
		case isOpt(argv[i], "id") && i+1 < len(argv):
			ids = make(map[int64]bool)
			for i++; i < len(argv); i++ {
				id, ok := datastruct.ParseInt(argv[i])
				if !ok || id <= 0 {
					c.errorReply("ERR Invalid client ID")
					return
				}
				ids[id] = true
			}
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	var b strings.Builder
	for _, cl := range s.sortedClients() {
		if ids != nil && !ids[cl.id] {
			continue
		}
		if typ != "" && cl.typeName() != typ {
			continue
		}
		b.WriteString(s.clientInfoLine(cl))
		b.WriteByte('\n')
	}
	c.reply.Verbatim(b.String())
}

func clientType(b []byte) (string, bool) {
	switch strings.ToLower(string(b)) {
	case "normal":
		return "normal", true
	case "master":
		return "master", true
	case "replica", "slave":
		return "replica", true
	case "pubsub":
		return "pubsub", true
	}
	return "", false
}

// typeName is the client's class, as Redis's getClientType: a client
// with subscriptions is a pubsub client, whatever its protocol.
func (c *Client) typeName() string {
	if c.ps.active.Load() {
		return "pubsub"
	}
	return "normal"
}

func (s *Server) sortedClients() []*Client {
	list := make([]*Client, 0, len(s.clients))
	for _, cl := range s.clients {
		list = append(list, cl)
	}
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].id < list[j-1].id; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
	return list
}

// clientInfoLine is one line of CLIENT LIST, with Redis 7.2's fields.
func (s *Server) clientInfoLine(cl *Client) string {
	now := s.clock.now()
	multi := -1
	if cl.multi != nil {
		multi = len(cl.multi.cmds)
	}
	cmd := cl.lastCmd
	if cmd == "" {
		cmd = "NULL"
	}
	var b strings.Builder
	field := func(k, v string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(v)
	}
	itoa := func(n int64) string { return strconv.FormatInt(n, 10) }
	field("id", itoa(cl.id))
	field("addr", cl.addr)
	field("laddr", cl.lad)
	field("fd", "8")
	field("name", cl.name)
	field("age", itoa(int64(now.Sub(cl.created).Seconds())))
	field("idle", itoa(int64(now.Sub(cl.lastSeen).Seconds())))
	field("flags", cl.flagString())
	field("db", itoa(int64(cl.db.id)))
	field("sub", itoa(int64(len(cl.ps.channels))))
	field("psub", itoa(int64(len(cl.ps.patterns))))
	field("ssub", itoa(int64(len(cl.ps.shard))))
	field("multi", itoa(int64(multi)))
	qbuf, free := cl.qbuf.Load(), cl.qbufFree.Load()
	field("qbuf", itoa(qbuf))
	field("qbuf-free", itoa(free))
	field("argv-mem", "0")
	field("multi-mem", "0")
	field("rbs", itoa(qbuf+free))
	field("rbp", itoa(qbuf+free))
	field("obl", "0")
	field("oll", "0")
	field("omem", "0")
	field("tot-mem", itoa(qbuf+free+cl.outCap.Load()))
	field("events", "r")
	field("cmd", cmd)
	field("user", "default")
	field("redir", "-1")
	field("resp", itoa(int64(cl.reply.resp)))
	field("lib-name", cl.libName)
	field("lib-ver", cl.libVer)
	return b.String()
}

func cmdClientKill(c *Client, argv [][]byte) {
	s := c.srv
	if len(argv) == 3 {
		// The old form: CLIENT KILL addr:port.
		for _, cl := range s.clients {
			if cl.addr == string(argv[2]) {
				s.killClient(c, cl)
				c.reply.OK()
				return
			}
		}
		c.errorReply("ERR No such client")
		return
	}
	var (
		id        int64
		typ, user string
		addr      string
		laddr     string
		skipMe    = true
	)
	if len(argv)%2 != 0 {
		c.errorReply(errSyntax)
		return
	}
	for i := 2; i < len(argv); i += 2 {
		opt, val := strings.ToLower(string(argv[i])), argv[i+1]
		switch opt {
		case "id":
			n, ok := datastruct.ParseInt(val)
			if !ok || n <= 0 {
				c.errorReply("ERR client-id should be greater than 0")
				return
			}
			id = n
		case "type":
			t, ok := clientType(val)
			if !ok {
				c.errorReply("ERR Unknown client type '" + sanitize(val) + "'")
				return
			}
			typ = t
		case "user":
			user = string(val)
		case "addr":
			addr = string(val)
		case "laddr":
			laddr = string(val)
		case "skipme":
			switch strings.ToLower(string(val)) {
			case "yes":
				skipMe = true
			case "no":
				skipMe = false
			default:
				c.errorReply(errSyntax)
				return
			}
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	if user != "" && user != "default" {
		c.errorReply("ERR No such user '" + sanitize(user) + "'")
		return
	}
	killed := 0
	for _, cl := range s.sortedClients() {
		if (id != 0 && cl.id != id) || (typ != "" && cl.typeName() != typ) ||
			(addr != "" && cl.addr != addr) || (laddr != "" && cl.lad != laddr) ||
			(skipMe && cl == c) {
			continue
		}
		s.killClient(c, cl)
		killed++
	}
	c.reply.Int(int64(killed))
}

// killClient closes cl. Killing oneself closes after the reply, as in
// Redis.
func (s *Server) killClient(by, cl *Client) {
	if cl == by {
		cl.closeAfter = true
		return
	}
	cl.killed = true
	// Redis frees the client at once: it leaves CLIENT LIST, its
	// subscriptions and watches are gone before the next command, not
	// when its goroutine notices the close.
	delete(s.clients, cl.id)
	s.unwatchAll(cl)
	if cl.monitor.Load() {
		s.removeMonitor(cl)
	}
	s.pubsubReset(cl)
	cl.hangUp()
}

// cmdClientUnblock ends another client's blocking command, as its
// timeout would, or with an UNBLOCKED error.
func cmdClientUnblock(c *Client, argv [][]byte) {
	s := c.srv
	id, ok := datastruct.ParseInt(argv[2])
	if !ok {
		c.errorReply(errNotInteger)
		return
	}
	withError := false
	if len(argv) == 4 {
		switch {
		case isOpt(argv[3], "timeout"):
		case isOpt(argv[3], "error"):
			withError = true
		default:
			c.errorReply("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR")
			return
		}
	}
	target := s.clients[id]
	if target == nil || target.blocked == nil {
		c.reply.Int(0)
		return
	}
	b := target.blocked
	s.unblock(target)
	if withError {
		target.errorReply("UNBLOCKED client unblocked via CLIENT UNBLOCK")
	} else {
		b.onTimeout(target)
	}
	c.reply.Int(1)
}

func cmdClientNoEvict(c *Client, argv [][]byte) {
	switch strings.ToLower(string(argv[2])) {
	case "on":
		c.noEvict = true
	case "off":
		c.noEvict = false
	default:
		c.errorReply(errSyntax)
		return
	}
	c.reply.OK()
}

func cmdClientHelp(c *Client, argv [][]byte) {
	c.helpReply("CLIENT",
		"GETNAME",
		"    Return the name of the current connection.",
		"ID",
		"    Return the ID of the current connection.",
		"INFO",
		"    Return information about the current client connection.",
		"KILL <ip:port>",
		"    Kill connection made from <ip:port>.",
		"KILL <option> <value> [<option> <value> [...]]",
		"    Kill connections. Options are:",
		"    * ADDR (<ip:port>|<unixsocket>:0)",
		"      Kill connections made from the specified address",
		"    * LADDR (<ip:port>|<unixsocket>:0)",
		"      Kill connections made to specified local address",
		"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
		"      Kill connections by type.",
		"    * USER <username>",
		"      Kill connections authenticated by <username>.",
		"    * SKIPME (YES|NO)",
		"      Skip killing current connection (default: yes).",
		"LIST [options ...]",
		"    Return information about client connections. Options:",
		"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
		"      Return clients of specified type.",
		"SETNAME <name>",
		"    Assign the name <name> to the current connection.",
		"SETINFO <option> <value>",
		"    Set client meta attr. Options are:",
		"    * LIB-NAME: the client lib name.",
		"    * LIB-VER: the client lib version.",
		"UNBLOCK <clientid> [TIMEOUT|ERROR]",
		"    Unblock the specified blocked client.",
		"NO-EVICT (ON|OFF)",
		"    Protect current client connection from eviction.",
	)
}

// helpReply writes a HELP reply in Redis's layout, with the closing
// HELP line added.
func (c *Client) helpReply(command string, lines ...string) {
	c.reply.Array(len(lines) + 3)
	c.reply.Status(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
	for _, l := range lines {
		c.reply.Status(l)
	}
	c.reply.Status("HELP")
	c.reply.Status("    Prints this help.")
}
