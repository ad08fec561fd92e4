package server

import (
	"bytes"
	"math"
	"strconv"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Keyspace commands, after Redis 7.0's db.c.

// lookupReadNoTouch is Redis's lookupKeyReadWithFlags(LOOKUP_NOTOUCH), as
// TYPE, EXISTS, TTL and OBJECT use it: it expires the key if due and
// counts a hit or a miss, but leaves the access time alone.
func (c *Client) lookupReadNoTouch(key []byte) *datastruct.Entry {
	e := c.lookupNoTouch(key)
	if e == nil {
		c.srv.stats.keyspaceMisses++
	} else {
		c.srv.stats.keyspaceHits++
	}
	return e
}

// lookupIn is lookup (for a write) in another database, for MOVE and
// COPY.
func (c *Client) lookupIn(d *db, key []byte) *datastruct.Entry {
	saved := c.db
	c.db = d
	e := c.lookup(key)
	c.db = saved
	return e
}

// cmdDel serves DEL and UNLINK. Freeing is the garbage collector's job,
// so both are the same.
func cmdDel(c *Client, argv [][]byte) {
	var n int64
	for _, key := range argv[1:] {
		if c.deleteKey(key) {
			c.modified(key)
			n++
		}
	}
	c.reply.Int(n)
}

func cmdExists(c *Client, argv [][]byte) {
	var n int64
	for _, key := range argv[1:] {
		if c.lookupReadNoTouch(key) != nil {
			n++
		}
	}
	c.reply.Int(n)
}

func cmdType(c *Client, argv [][]byte) {
	e := c.lookupReadNoTouch(argv[1])
	if e == nil {
		c.reply.Status("none")
		return
	}
	c.reply.Status(typeName(e))
}

func cmdTouch(c *Client, argv [][]byte) {
	var n int64
	for _, key := range argv[1:] {
		if c.lookupRead(key) != nil {
			n++
		}
	}
	c.reply.Int(n)
}

// cmdKeys skips expired keys without deleting them, as Redis does.
func cmdKeys(c *Client, argv [][]byte) {
	pattern := argv[1]
	// Only the exact pattern "*" takes this path; stringmatchlen itself
	// never matches the empty key.
	all := len(pattern) == 1 && pattern[0] == '*'
	now := c.srv.clock.nowMs()
	var keys []string
	c.db.keys.ForEach(func(e *datastruct.Entry) bool {
		if (all || datastruct.GlobMatchString(pattern, e.Key, false)) && !expired(e, now) {
			keys = append(keys, e.Key)
		}
		return true
	})
	c.reply.Array(len(keys))
	for _, k := range keys {
		c.reply.BulkString(k)
	}
}

func expired(e *datastruct.Entry, nowMs int64) bool {
	return e.ExpireAt != 0 && e.ExpireAt <= nowMs
}

// cmdRandomKey deletes the expired keys it draws and draws again, as
// Redis's dbRandomKey does on a master.
func cmdRandomKey(c *Client, argv [][]byte) {
	s := c.srv
	for {
		e := c.db.keys.Random(s.rng)
		if e == nil {
			c.reply.Null()
			return
		}
		if expired(e, s.clock.nowMs()) {
			s.expireKey(c.db, e)
			continue
		}
		c.reply.BulkString(e.Key)
		return
	}
}

func cmdRename(c *Client, argv [][]byte) { renameGeneric(c, argv, false) }

func cmdRenameNX(c *Client, argv [][]byte) { renameGeneric(c, argv, true) }

func renameGeneric(c *Client, argv [][]byte, nx bool) {
	src, dst := argv[1], argv[2]
	e := c.lookup(src)
	if e == nil {
		c.errorReply(errNoSuchKey)
		return
	}
	if bytes.Equal(src, dst) {
		if nx {
			c.reply.Int(0)
		} else {
			c.reply.OK()
		}
		return
	}
	if c.lookup(dst) != nil {
		if nx {
			c.reply.Int(0)
			return
		}
		c.db.keys.Delete(dst)
	}
	moveEntry(c.db, e, dst)
	c.db.keys.Delete(src)
	// Redis counts a rename as one change, with both keys signalled.
	c.modified(src)
	c.srv.signalModified(c.db, string(dst))
	if nx {
		c.reply.Int(1)
	} else {
		c.reply.OK()
	}
}

// moveEntry adds key to d, which must not hold it, with e's value; the
// caller then deletes e. The encoding, the access time and the TTL go
// along: Redis moves the same object. A short string that lives in e's
// own allocation is copied instead, which frees e's.
func moveEntry(d *db, e *datastruct.Entry, key []byte) *datastruct.Entry {
	var ne *datastruct.Entry
	if e.InlineValue() {
		ne = d.keys.AddString(key, e.Str)
	} else {
		ne = d.keys.Add(key)
		ne.Str, ne.Obj = e.Str, e.Obj
	}
	ne.SetEncoding(e.Encoding())
	ne.SetAccess(e.Access())
	if e.ExpireAt != 0 {
		d.keys.SetExpire(ne, e.ExpireAt)
	}
	return ne
}

// cloner is what a non-string value provides so that COPY can duplicate
// it: sharing it would let writes to one key show through the other.
type cloner interface{ Clone() any }

func cmdCopy(c *Client, argv [][]byte) {
	s := c.srv
	dst := c.db
	replace := false
	for j := 3; j < len(argv); j++ {
		switch {
		case isOpt(argv[j], "replace"):
			replace = true
		case isOpt(argv[j], "db") && j+1 < len(argv):
			d, ok := c.parseDB(argv[j+1])
			if !ok {
				return
			}
			dst = d
			j++
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	if s.cfg.ClusterEnabled && (c.db.id != 0 || dst.id != 0) {
		c.errorReply("ERR Copying to another database is not allowed in cluster mode")
		return
	}
	src, key := argv[1], argv[2]
	if dst == c.db && bytes.Equal(src, key) {
		c.errorReply(errSameObject)
		return
	}
	e := c.lookupRead(src)
	if e == nil {
		c.reply.Int(0)
		return
	}
	if old := c.lookupIn(dst, key); old != nil {
		if !replace {
			c.reply.Int(0)
			return
		}
		if dst != c.db {
			s.accountRemoved(dst, old) // a key of c.db is settled by the dispatch
		}
		dst.keys.Delete(key)
	}
	var obj any
	if e.Obj != nil {
		cl, ok := e.Obj.(cloner)
		if !ok {
			c.errorReply("ERR COPY is not supported for this type")
			return
		}
		obj = cl.Clone()
	}
	ne := dst.keys.Add(key)
	ne.Obj = obj
	if obj == nil {
		ne.Str = bytes.Clone(e.Str)
	}
	// dupStringObject makes a private integer: refcount 1.
	enc := e.Encoding()
	if enc == datastruct.EncIntShared {
		enc = datastruct.EncInt
	}
	ne.SetEncoding(enc)
	s.initAccess(ne)
	if e.ExpireAt != 0 {
		dst.keys.SetExpire(ne, e.ExpireAt)
	}
	if dst != c.db {
		s.accountAdded(dst, ne)
	}
	s.signalModified(dst, ne.Key)
	s.dirty++
	c.reply.Int(1)
}

// parseDB reads a database index as Redis's getIntFromObjectOrReply and
// selectDb do, replying with the error when it fails.
func (c *Client) parseDB(arg []byte) (*db, bool) {
	n, ok := datastruct.ParseInt(arg)
	switch {
	case !ok:
		c.errorReply(errNotInteger)
		return nil, false
	case n < math.MinInt32 || n > math.MaxInt32:
		c.errorReply("ERR value is out of range, value must between -2147483648 and 2147483647")
		return nil, false
	case n < 0 || n >= int64(len(c.srv.dbs)):
		c.errorReply(errDBIndex)
		return nil, false
	}
	return c.srv.dbs[n], true
}

func cmdMove(c *Client, argv [][]byte) {
	s := c.srv
	if s.cfg.ClusterEnabled {
		c.errorReply("ERR MOVE is not allowed in cluster mode")
		return
	}
	dst, ok := c.parseDB(argv[2])
	if !ok {
		return
	}
	if dst == c.db {
		c.errorReply(errSameObject)
		return
	}
	key := argv[1]
	e := c.lookup(key)
	if e == nil || c.lookupIn(dst, key) != nil {
		c.reply.Int(0)
		return
	}
	s.accountAdded(dst, moveEntry(dst, e, key)) // the source is settled by the dispatch
	c.db.keys.Delete(key)
	// One change for Redis's books, signalled in both databases.
	c.modified(key)
	s.signalModified(dst, e.Key)
	c.reply.Int(1)
}

// scanOpts are the options of SCAN and its per-type forms.
type scanOpts struct {
	count      int64
	pattern    []byte
	usePattern bool   // MATCH other than "*"
	typ        []byte // TYPE, SCAN only; nil when absent
}

// scanOptions parses [MATCH pattern] [COUNT count] [TYPE type] as
// Redis's scanGenericCommand does, replying on error. TYPE is an option
// of SCAN alone.
func (c *Client) scanOptions(args [][]byte, withType bool) (scanOpts, bool) {
	o := scanOpts{count: 10}
	for i := 0; i < len(args); i += 2 {
		more := len(args) - i
		switch {
		case isOpt(args[i], "count") && more >= 2:
			n, ok := datastruct.ParseInt(args[i+1])
			if !ok {
				c.errorReply(errNotInteger)
				return o, false
			}
			if n < 1 {
				c.errorReply(errSyntax)
				return o, false
			}
			o.count = n
		case isOpt(args[i], "match") && more >= 2:
			o.pattern = args[i+1]
			o.usePattern = !(len(o.pattern) == 1 && o.pattern[0] == '*')
		case withType && isOpt(args[i], "type") && more >= 2:
			o.typ = args[i+1]
		default:
			c.errorReply(errSyntax)
			return o, false
		}
	}
	return o, true
}

// cmdScan is Redis's scanGenericCommand for the keyspace.
func cmdScan(c *Client, argv [][]byte) {
	s := c.srv
	cursor, ok := parseScanCursor(argv[1])
	if !ok {
		c.errorReply("ERR invalid cursor")
		return
	}
	opts, ok := c.scanOptions(argv[2:], true)
	if !ok {
		return
	}
	count, pattern, typ := opts.count, opts.pattern, opts.typ
	usePattern, useType := opts.usePattern, opts.typ != nil

	// Visit buckets until COUNT keys are gathered, the iteration ends, or
	// ten buckets per wanted key were visited (a sparse table).
	var found []*datastruct.Entry
	maxIterations := count * 10
	if count > math.MaxInt64/10 {
		maxIterations = math.MaxInt64
	}
	for {
		cursor = c.db.keys.Scan(cursor, func(e *datastruct.Entry) { found = append(found, e) })
		if cursor == 0 || maxIterations == 0 || int64(len(found)) >= count {
			break
		}
		maxIterations--
	}

	// Filter afterwards, as Redis does: the callbacks above must not
	// change the table.
	keys := make([]string, 0, len(found))
	for _, e := range found {
		key := e.Key
		if usePattern && !datastruct.GlobMatchString(pattern, key, false) {
			continue
		}
		if useType {
			// Redis looks each key up here, which may expire it; a
			// key gone is of type "none".
			t := "none"
			if le := c.lookupReadNoTouch([]byte(key)); le != nil {
				t = typeName(le)
			}
			if !isOpt(typ, t) {
				continue
			}
		}
		if le := c.db.keys.Find([]byte(key)); le != nil && expired(le, s.clock.nowMs()) {
			s.expireKey(c.db, le)
			continue
		}
		keys = append(keys, key)
	}
	c.reply.Array(2)
	var tmp [20]byte
	c.reply.Bulk(strconv.AppendUint(tmp[:0], cursor, 10))
	c.reply.Array(len(keys))
	for _, k := range keys {
		c.reply.BulkString(k)
	}
}

// parseScanCursor reads a cursor as Redis's strtoul-based
// parseScanCursorOrReply: leading '+' or '-' (negated modulo 2^64) and
// zeros are taken, "" is 0, leading space and trailing junk are not, and
// a NUL ends the number.
func parseScanCursor(b []byte) (uint64, bool) {
	if len(b) > 0 && isCSpace(b[0]) {
		return 0, false
	}
	b = cstr(b)
	if len(b) == 0 {
		return 0, true
	}
	neg := false
	digits := b
	switch b[0] {
	case '-':
		neg, digits = true, b[1:]
	case '+':
		digits = b[1:]
	}
	if len(digits) == 0 {
		// strtoul parsed nothing: the end pointer is the start, at a
		// sign, which is not the end of the string.
		return 0, false
	}
	var v uint64
	for _, ch := range digits {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		d := uint64(ch - '0')
		if v > (math.MaxUint64-d)/10 {
			return 0, false // ERANGE
		}
		v = v*10 + d
	}
	if neg {
		v = -v
	}
	return v, true
}

func isCSpace(ch byte) bool {
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\v' || ch == '\f' || ch == '\r'
}
