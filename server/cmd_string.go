package server

import (
	"math"
	"strconv"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// String commands, after Redis 7.0's t_string.c.

const errDecrOverflow = "ERR decrement would overflow"

// Words of the deterministic forms these commands propagate.
var (
	wordSet       = []byte("SET")
	wordPXAT      = []byte("PXAT")
	wordKeepTTL   = []byte("KEEPTTL")
	wordPExpireAt = []byte("PEXPIREAT")
	wordPersist   = []byte("PERSIST")
	wordDel       = []byte("DEL")
	wordUnlink    = []byte("UNLINK")
)

// notString reports a value of another type. Every type but strings
// lives in Obj, so this stays right as types are added.
func notString(e *datastruct.Entry) bool { return e.Obj != nil }

// Flags of SET and GETEX, as Redis's OBJ_* flags.
const (
	setNX = 1 << iota
	setXX
	setEX
	setPX
	setKeepTTL
	setGet
	setEXAT
	setPXAT
	setPersist

	setAnyExpire = setEX | setPX | setEXAT | setPXAT
)

// parseSetOptions is Redis's parseExtendedStringArgumentsOrReply for SET
// (forGetEx false, options from argv[3]) and GETEX (options from
// argv[2]). Repeating an option is allowed, and the last value wins.
func parseSetOptions(c *Client, argv [][]byte, forGetEx bool) (flags int, expire []byte, ok bool) {
	j := 3
	if forGetEx {
		j = 2
	}
	for ; j < len(argv); j++ {
		opt := argv[j]
		hasNext := j+1 < len(argv)
		switch {
		case !forGetEx && isOpt(opt, "nx") && flags&setXX == 0:
			flags |= setNX
		case !forGetEx && isOpt(opt, "xx") && flags&setNX == 0:
			flags |= setXX
		case !forGetEx && isOpt(opt, "get"):
			flags |= setGet
		case !forGetEx && isOpt(opt, "keepttl") && flags&(setPersist|setAnyExpire) == 0:
			flags |= setKeepTTL
		case forGetEx && isOpt(opt, "persist") && flags&(setAnyExpire|setKeepTTL) == 0:
			flags |= setPersist
		case isOpt(opt, "ex") && flags&(setKeepTTL|setPersist|setEXAT|setPX|setPXAT) == 0 && hasNext:
			flags |= setEX
			expire = argv[j+1]
			j++
		case isOpt(opt, "px") && flags&(setKeepTTL|setPersist|setEX|setEXAT|setPXAT) == 0 && hasNext:
			flags |= setPX
			expire = argv[j+1]
			j++
		case isOpt(opt, "exat") && flags&(setKeepTTL|setPersist|setEX|setPX|setPXAT) == 0 && hasNext:
			flags |= setEXAT
			expire = argv[j+1]
			j++
		case isOpt(opt, "pxat") && flags&(setKeepTTL|setPersist|setEX|setEXAT|setPX) == 0 && hasNext:
			flags |= setPXAT
			expire = argv[j+1]
			j++
		default:
			c.errorReply(errSyntax)
			return 0, nil, false
		}
	}
	return flags, expire, true
}

// expireMs is Redis's getExpireMillisecondsOrReply: the absolute expiry
// in unix milliseconds for an EX/PX/EXAT/PXAT argument, which must be
// positive and must not overflow. cmd names the command in the error.
func expireMs(c *Client, arg []byte, flags int, cmd string) (int64, bool) {
	ms, ok := datastruct.ParseInt(arg)
	if !ok {
		c.errorReply(errNotInteger)
		return 0, false
	}
	seconds := flags&(setEX|setEXAT) != 0
	if ms <= 0 || seconds && ms > math.MaxInt64/1000 {
		c.errorReply(invalidExpireError(cmd))
		return 0, false
	}
	if seconds {
		ms *= 1000
	}
	if flags&(setEX|setPX) != 0 {
		// Overflow wraps negative in Redis, and is refused below.
		ms = int64(uint64(ms) + uint64(c.srv.clock.nowMs()))
	}
	if ms <= 0 {
		c.errorReply(invalidExpireError(cmd))
		return 0, false
	}
	return ms, true
}

func invalidExpireError(cmd string) string {
	return "ERR invalid expire time in '" + cmd + "' command"
}

// getString is Redis's getGenericCommand: reply with the value or nil.
// It reports false after a WRONGTYPE error.
func getString(c *Client, key []byte) (*datastruct.Entry, bool) {
	e := c.lookupRead(key)
	switch {
	case e == nil:
		c.reply.Null()
	case notString(e):
		c.errorReply(errWrongType)
		return nil, false
	default:
		c.reply.Bulk(e.Str)
	}
	return e, true
}

func cmdGet(c *Client, argv [][]byte) { getString(c, argv[1]) }

func cmdSet(c *Client, argv [][]byte) {
	flags, expire, ok := parseSetOptions(c, argv, false)
	if !ok {
		return
	}
	setGeneric(c, argv, flags, argv[1], argv[2], expire, "set", nil, nil)
}

// setGeneric is Redis's setGenericCommand. okReply and abortReply, when
// not nil, replace +OK and the nil reply (SETNX answers 1 and 0).
func setGeneric(c *Client, argv [][]byte, flags int, key, val, expire []byte, cmd string, okReply, abortReply func()) {
	var ms int64
	if expire != nil {
		var ok bool
		if ms, ok = expireMs(c, expire, flags, cmd); !ok {
			return
		}
	}
	if flags&setGet != 0 {
		if _, ok := getString(c, key); !ok {
			return
		}
	}
	e := c.lookup(key)
	found := e != nil
	if flags&setNX != 0 && found || flags&setXX != 0 && !found {
		if flags&setGet == 0 {
			if abortReply != nil {
				abortReply()
			} else {
				c.reply.Null()
			}
		}
		return
	}
	e = c.storeString(e, key, val, flags&setKeepTTL != 0)
	c.modified(key)
	if expire != nil {
		c.db.keys.SetExpire(e, ms)
		// PXAT is already deterministic and goes to the AOF as sent.
		if flags&setPXAT == 0 {
			c.propagateAs(wordSet, key, val, wordPXAT, strconv.AppendInt(nil, ms, 10))
		}
	}
	if flags&setGet == 0 {
		if okReply != nil {
			okReply()
		} else {
			c.reply.OK()
		}
	}
	if flags&setGet != 0 && expire == nil {
		// The AOF gets the command without its GET options.
		kept := make([][]byte, 0, len(argv)-1)
		for j, a := range argv {
			if j >= 3 && isOpt(a, "get") {
				continue
			}
			kept = append(kept, a)
		}
		c.propagateAs(kept...)
	}
}

func cmdSetEx(c *Client, argv [][]byte) {
	setGeneric(c, argv, setEX, argv[1], argv[3], argv[2], "setex", nil, nil)
}

func cmdPSetEx(c *Client, argv [][]byte) {
	setGeneric(c, argv, setPX, argv[1], argv[3], argv[2], "psetex", nil, nil)
}

func cmdSetNX(c *Client, argv [][]byte) {
	setGeneric(c, argv, setNX, argv[1], argv[2], nil, "setnx",
		func() { c.reply.Int(1) }, func() { c.reply.Int(0) })
}

func cmdGetEx(c *Client, argv [][]byte) {
	flags, expire, ok := parseSetOptions(c, argv, true)
	if !ok {
		return
	}
	key := argv[1]
	e := c.lookupRead(key)
	if e == nil {
		c.reply.Null()
		return
	}
	if notString(e) {
		c.errorReply(errWrongType)
		return
	}
	var ms int64
	if expire != nil {
		if ms, ok = expireMs(c, expire, flags, "getex"); !ok {
			return
		}
	}
	c.reply.Bulk(e.Str)
	// GETEX is never propagated as sent: it becomes PEXPIREAT, DEL or
	// PERSIST, or nothing.
	switch {
	case flags&(setEXAT|setPXAT) != 0 && ms <= c.srv.clock.nowMs():
		c.db.keys.Delete(key)
		c.propagateAs(c.srv.expireDelWord(), key)
		c.modified(key)
	case expire != nil:
		c.db.keys.SetExpire(e, ms)
		c.propagateAs(wordPExpireAt, key, strconv.AppendInt(nil, ms, 10))
		c.modified(key)
	case flags&setPersist != 0 && e.ExpireAt != 0:
		c.db.keys.SetExpire(e, 0)
		c.propagateAs(wordPersist, key)
		c.modified(key)
	}
}

func cmdGetDel(c *Client, argv [][]byte) {
	e, ok := getString(c, argv[1])
	if !ok || e == nil {
		return
	}
	c.db.keys.Delete(argv[1])
	del := wordDel
	if c.srv.configYes("lazyfree-lazy-user-del") {
		del = wordUnlink
	}
	c.propagateAs(del, argv[1])
	c.modified(argv[1])
}

func cmdGetSet(c *Client, argv [][]byte) {
	if _, ok := getString(c, argv[1]); !ok {
		return
	}
	c.setString(argv[1], argv[2], false)
	c.modified(argv[1])
	c.propagateAs(wordSet, argv[1], argv[2])
}

func cmdMGet(c *Client, argv [][]byte) {
	c.reply.Array(len(argv) - 1)
	for _, key := range argv[1:] {
		if e := c.lookupRead(key); e != nil && !notString(e) {
			c.reply.Bulk(e.Str)
		} else {
			c.reply.Null()
		}
	}
}

func cmdMSet(c *Client, argv [][]byte) { msetGeneric(c, argv, "mset", false) }

func cmdMSetNX(c *Client, argv [][]byte) { msetGeneric(c, argv, "msetnx", true) }

func msetGeneric(c *Client, argv [][]byte, cmd string, nx bool) {
	if len(argv)%2 == 0 {
		c.errorReply("ERR wrong number of arguments for '" + cmd + "' command")
		return
	}
	if nx {
		for j := 1; j < len(argv); j += 2 {
			if c.lookup(argv[j]) != nil {
				c.reply.Int(0)
				return
			}
		}
	}
	for j := 1; j < len(argv); j += 2 {
		c.setString(argv[j], argv[j+1], false)
		c.modified(argv[j])
	}
	if nx {
		c.reply.Int(1)
	} else {
		c.reply.OK()
	}
}

// checkStringLength is Redis's: a string of size+add bytes must fit
// proto-max-bulk-len, overflow included.
func checkStringLength(c *Client, size, add int64) bool {
	total := int64(uint64(size) + uint64(add))
	if total > c.srv.cfg.ProtoMaxBulkLen || total < size || total < add {
		c.errorReply(errStringTooLong)
		return false
	}
	return true
}

func cmdAppend(c *Client, argv [][]byte) {
	key, val := argv[1], argv[2]
	e := c.lookup(key)
	if e == nil {
		e = c.setString(key, val, false)
	} else {
		if notString(e) {
			c.errorReply(errWrongType)
			return
		}
		if !checkStringLength(c, int64(len(e.Str)), int64(len(val))) {
			return
		}
		// Redis unshares the value into a raw sds first, even to
		// append nothing.
		e.Str = append(e.Str, val...)
		e.SetEncoding(datastruct.EncRaw)
	}
	c.modified(key)
	c.reply.Int(int64(len(e.Str)))
}

func cmdStrlen(c *Client, argv [][]byte) {
	e := c.lookupRead(argv[1])
	switch {
	case e == nil:
		c.reply.Int(0)
	case notString(e):
		c.errorReply(errWrongType)
	default:
		c.reply.Int(int64(len(e.Str)))
	}
}

// cmdGetRange serves GETRANGE and SUBSTR.
func cmdGetRange(c *Client, argv [][]byte) {
	start, ok1 := datastruct.ParseInt(argv[2])
	end, ok2 := datastruct.ParseInt(argv[3])
	if !ok1 || !ok2 {
		c.errorReply(errNotInteger)
		return
	}
	e := c.lookupRead(argv[1])
	if e == nil {
		c.reply.Bulk(nil)
		return
	}
	if notString(e) {
		c.errorReply(errWrongType)
		return
	}
	n := int64(len(e.Str))
	if start < 0 && end < 0 && start > end {
		c.reply.Bulk(nil)
		return
	}
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	start, end = max(start, 0), max(end, 0)
	if end >= n {
		end = n - 1
	}
	if start > end || n == 0 {
		c.reply.Bulk(nil)
		return
	}
	c.reply.Bulk(e.Str[start : end+1])
}

func cmdSetRange(c *Client, argv [][]byte) {
	key, val := argv[1], argv[3]
	offset, ok := datastruct.ParseInt(argv[2])
	if !ok {
		c.errorReply(errNotInteger)
		return
	}
	if offset < 0 {
		c.errorReply("ERR offset is out of range")
		return
	}
	e := c.lookup(key)
	if e == nil {
		if len(val) == 0 {
			c.reply.Int(0)
			return
		}
		if !checkStringLength(c, offset, int64(len(val))) {
			return
		}
		e = c.db.keys.Add(key)
		c.srv.initAccess(e)
	} else {
		if notString(e) {
			c.errorReply(errWrongType)
			return
		}
		if len(val) == 0 {
			c.reply.Int(int64(len(e.Str)))
			return
		}
		if !checkStringLength(c, offset, int64(len(val))) {
			return
		}
	}
	if need := int(offset) + len(val); need > len(e.Str) {
		// sdsgrowzero: the gap is zero bytes.
		e.Str = append(e.Str, make([]byte, need-len(e.Str))...)
	}
	copy(e.Str[offset:], val)
	e.SetEncoding(datastruct.EncRaw)
	c.modified(key)
	c.reply.Int(int64(len(e.Str)))
}

func cmdIncr(c *Client, argv [][]byte) { incrDecr(c, argv[1], 1) }

func cmdDecr(c *Client, argv [][]byte) { incrDecr(c, argv[1], -1) }

func cmdIncrBy(c *Client, argv [][]byte) {
	n, ok := datastruct.ParseInt(argv[2])
	if !ok {
		c.errorReply(errNotInteger)
		return
	}
	incrDecr(c, argv[1], n)
}

func cmdDecrBy(c *Client, argv [][]byte) {
	n, ok := datastruct.ParseInt(argv[2])
	if !ok {
		c.errorReply(errNotInteger)
		return
	}
	if n == math.MinInt64 {
		c.errorReply(errDecrOverflow)
		return
	}
	incrDecr(c, argv[1], -n)
}

// incrDecr is Redis's incrDecrCommand. The value keeps its TTL.
func incrDecr(c *Client, key []byte, by int64) {
	e := c.lookup(key)
	var old []byte
	if e != nil {
		if notString(e) {
			c.errorReply(errWrongType)
			return
		}
		old = e.Str
	} else {
		old = []byte{'0'} // does not escape: no allocation
	}
	n, err := datastruct.IncrBy(old, by)
	if err != nil {
		c.errorReply(errorReply(err))
		return
	}
	if e == nil {
		var digits [20]byte
		e = c.db.keys.AddString(key, strconv.AppendInt(digits[:0], n, 10))
		c.srv.initAccess(e)
	} else {
		e.Str = strconv.AppendInt(e.Str[:0], n, 10)
	}
	e.SetEncoding(datastruct.IntEncoding(n, c.srv.sharedIntegers()))
	c.modified(key)
	c.reply.Int(n)
}

func cmdIncrByFloat(c *Client, argv [][]byte) {
	key := argv[1]
	e := c.lookup(key)
	var old []byte
	if e != nil {
		if notString(e) {
			c.errorReply(errWrongType)
			return
		}
		old = e.Str
	} else {
		old = []byte{'0'}
	}
	v, err := datastruct.IncrByFloat(old, argv[2])
	if err != nil {
		c.errorReply(errorReply(err))
		return
	}
	if e == nil {
		e = c.db.keys.Add(key)
		c.srv.initAccess(e)
	}
	e.Str = v
	// createStringObjectFromLongDouble: embstr up to 44 bytes.
	enc := datastruct.EncEmbstr
	if len(v) > 44 {
		enc = datastruct.EncRaw
	}
	e.SetEncoding(enc)
	c.modified(key)
	c.reply.Bulk(v)
	// The result, not the increment, goes to the AOF, so that float
	// formatting cannot make a replay differ.
	c.propagateAs(wordSet, key, v, wordKeepTTL)
}

// configYes reports a yes/no directive that has no typed Config field.
func (s *Server) configYes(name string) bool {
	v := s.cfg.Get([]string{name})
	return len(v) == 1 && v[0][1] == "yes"
}

// expireDelWord is how a deletion by expiry is propagated: UNLINK when
// lazyfree-lazy-expire is on, as Redis does.
func (s *Server) expireDelWord() []byte {
	if s.configYes("lazyfree-lazy-expire") {
		return wordUnlink
	}
	return wordDel
}
