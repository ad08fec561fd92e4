package server

import (
	"math"
	"strconv"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// TTL commands, after Redis 7.0's expire.c.

const (
	errExpireNXAndOthers = "ERR NX and XX, GT or LT options at the same time are not compatible"
	errExpireGTAndLT     = "ERR GT and LT options at the same time are not compatible"
)

// Options of EXPIRE and its siblings.
const (
	expireNX = 1 << iota
	expireXX
	expireGT
	expireLT
)

func cmdExpire(c *Client, argv [][]byte) {
	expireGeneric(c, argv, c.srv.clock.nowMs(), true, "expire")
}

func cmdPExpire(c *Client, argv [][]byte) {
	expireGeneric(c, argv, c.srv.clock.nowMs(), false, "pexpire")
}

func cmdExpireAt(c *Client, argv [][]byte) { expireGeneric(c, argv, 0, true, "expireat") }

func cmdPExpireAt(c *Client, argv [][]byte) { expireGeneric(c, argv, 0, false, "pexpireat") }

// parseExpireOptions is Redis's parseExtendedExpireArgumentsOrReply.
func parseExpireOptions(c *Client, argv [][]byte) (int, bool) {
	flags := 0
	for _, opt := range argv[3:] {
		switch {
		case isOpt(opt, "nx"):
			flags |= expireNX
		case isOpt(opt, "xx"):
			flags |= expireXX
		case isOpt(opt, "gt"):
			flags |= expireGT
		case isOpt(opt, "lt"):
			flags |= expireLT
		default:
			// The option is printed as a C string, newlines made spaces.
			c.errorReply("ERR Unsupported option " + sanitize(cstr(opt)))
			return 0, false
		}
	}
	if flags&expireNX != 0 && flags&(expireXX|expireGT|expireLT) != 0 {
		c.errorReply(errExpireNXAndOthers)
		return 0, false
	}
	if flags&expireGT != 0 && flags&expireLT != 0 {
		c.errorReply(errExpireGTAndLT)
		return 0, false
	}
	return flags, true
}

// expireGeneric is Redis's expireGenericCommand. basetime is now for the
// relative forms and 0 for the absolute ones.
func expireGeneric(c *Client, argv [][]byte, basetime int64, seconds bool, cmd string) {
	key := argv[1]
	flags, ok := parseExpireOptions(c, argv)
	if !ok {
		return
	}
	when, ok := datastruct.ParseInt(argv[2])
	if !ok {
		c.errorReply(errNotInteger)
		return
	}
	// Negative times are allowed (they delete the key), overflow is not.
	if seconds {
		if when > math.MaxInt64/1000 || when < math.MinInt64/1000 {
			c.errorReply(invalidExpireError(cmd))
			return
		}
		when *= 1000
	}
	if when > math.MaxInt64-basetime {
		c.errorReply(invalidExpireError(cmd))
		return
	}
	when += basetime

	e := c.lookup(key)
	if e == nil {
		c.reply.Int(0)
		return
	}
	if flags != 0 {
		// No TTL counts as an infinite one.
		current := e.ExpireAt
		switch {
		case flags&expireNX != 0 && current != 0,
			flags&expireXX != 0 && current == 0,
			flags&expireGT != 0 && (current == 0 || when <= current),
			flags&expireLT != 0 && current != 0 && when >= current:
			c.reply.Int(0)
			return
		}
	}
	if when <= c.srv.clock.nowMs() {
		c.db.keys.Delete(key)
		c.propagateAs(c.srv.expireDelWord(), key)
		c.modified(key)
		c.reply.Int(1)
		return
	}
	c.db.keys.SetExpire(e, when)
	c.modified(key)
	c.reply.Int(1)
	// The AOF gets PEXPIREAT with the absolute time; the options stay
	// as they were sent.
	if cmd != "pexpireat" {
		p := make([][]byte, len(argv))
		copy(p, argv)
		p[0] = wordPExpireAt
		p[2] = strconv.AppendInt(nil, when, 10)
		c.propagateAs(p...)
	}
}

func cmdTTL(c *Client, argv [][]byte) { ttlGeneric(c, argv[1], false, false) }

func cmdPTTL(c *Client, argv [][]byte) { ttlGeneric(c, argv[1], true, false) }

func cmdExpireTime(c *Client, argv [][]byte) { ttlGeneric(c, argv[1], false, true) }

func cmdPExpireTime(c *Client, argv [][]byte) { ttlGeneric(c, argv[1], true, true) }

// ttlGeneric is Redis's ttlGenericCommand: -2 for a missing key, -1 for
// no TTL; seconds are rounded to the nearest, absolute ones too.
func ttlGeneric(c *Client, key []byte, ms, abs bool) {
	e := c.lookupReadNoTouch(key)
	if e == nil {
		c.reply.Int(-2)
		return
	}
	if e.ExpireAt == 0 {
		c.reply.Int(-1)
		return
	}
	ttl := e.ExpireAt
	if !abs {
		ttl -= c.srv.clock.nowMs()
	}
	ttl = max(ttl, 0)
	if !ms {
		ttl = (ttl + 500) / 1000
	}
	c.reply.Int(ttl)
}

func cmdPersist(c *Client, argv [][]byte) {
	e := c.lookup(argv[1])
	if e == nil || e.ExpireAt == 0 {
		c.reply.Int(0)
		return
	}
	c.db.keys.SetExpire(e, 0)
	c.modified(argv[1])
	c.reply.Int(1)
}
