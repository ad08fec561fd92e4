package server

import (
	"math"
	"strconv"
	"sync"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Hash commands, after Redis 7.0's t_hash.c.
//
// A hash lives in Entry.Obj as a *datastruct.Hash, packed (Redis's
// listpack, in insertion order) until it has more than
// hash-max-listpack-entries fields or a field or value longer than
// hash-max-listpack-value bytes; then a hashtable, never back.

const (
	errHashNotInt       = "ERR hash value is not an integer"
	errHashNotFloat     = "ERR hash value is not a float"
	errValueNaNOrInf    = "ERR value is NaN or Infinity"
	errValueOutOfRange  = "ERR value is out of range"
	listpackMaxSafeSize = 1 << 30 // LISTPACK_MAX_SAFETY_SIZE
)

var wordHSet = []byte("HSET")

// encodingLimits are the directives that choose the compact encodings,
// read once per CONFIG SET rather than on every command.
type encodingLimits struct {
	hashMaxEntries   int64 // hash-max-listpack-entries
	hashMaxValue     int64 // hash-max-listpack-value
	setMaxIntset     int64 // set-max-intset-entries
	zsetMaxEntries   int64 // zset-max-listpack-entries
	zsetMaxValue     int64 // zset-max-listpack-value
	streamMaxEntries int64 // stream-node-max-entries
	streamMaxBytes   int64 // stream-node-max-bytes
}

func (s *Server) refreshEncodingLimits() {
	s.enc = encodingLimits{
		hashMaxEntries:   zsetConfig(s, "hash-max-listpack-entries", 512),
		hashMaxValue:     zsetConfig(s, "hash-max-listpack-value", 64),
		setMaxIntset:     zsetConfig(s, "set-max-intset-entries", 512),
		zsetMaxEntries:   zsetConfig(s, "zset-max-listpack-entries", 128),
		zsetMaxValue:     zsetConfig(s, "zset-max-listpack-value", 64),
		streamMaxEntries: zsetConfig(s, "stream-node-max-entries", 100),
		streamMaxBytes:   zsetConfig(s, "stream-node-max-bytes", 4096),
	}
}

func hashOf(e *datastruct.Entry) (*datastruct.Hash, bool) {
	h, ok := e.Obj.(*datastruct.Hash)
	return h, ok
}

// hashRead looks a hash up for reading, counting the hit or miss. It
// returns nil for a missing key, and false after a WRONGTYPE reply.
func (c *Client) hashRead(key []byte) (*datastruct.Hash, bool) {
	return valueOf[*datastruct.Hash](c, c.lookupRead(key))
}

// hashWrite is Redis's hashTypeLookupWriteOrCreate: it returns the hash
// at key, creating an empty one, or false after a WRONGTYPE reply.
func (c *Client) hashWrite(key []byte) (*datastruct.Hash, bool) {
	e := c.lookup(key)
	if e == nil {
		e = c.db.keys.Add(key)
		c.srv.initAccess(e)
		h := datastruct.NewHash()
		e.Obj = h
		return h, true
	}
	h, ok := hashOf(e)
	if !ok {
		c.errorReply(errWrongType)
		return nil, false
	}
	return h, true
}

// hashDropIfEmpty removes a key whose hash was left empty (a created
// hash whose command failed, or one emptied).
func (c *Client) hashDropIfEmpty(key []byte, h *datastruct.Hash) {
	if h.Len() == 0 {
		c.db.keys.Delete(key)
	}
}

// hashTryConversion is Redis's hashTypeTryConversion: a packed hash that
// is about to take a string longer than hash-max-listpack-value, or to
// grow past the listpack's safe size, becomes a table first.
func (c *Client) hashTryConversion(h *datastruct.Hash, args [][]byte) {
	if !h.Packed() {
		return
	}
	sum := 0
	for _, a := range args {
		if int64(len(a)) > c.srv.enc.hashMaxValue {
			h.ToTable()
			return
		}
		sum += len(a)
	}
	if h.PackedBytes()+sum > listpackMaxSafeSize {
		h.ToTable()
	}
}

// hashSet is Redis's hashTypeSet: it sets one pair, converting the hash
// when the pair is too long for a listpack (HINCRBY's case: the others
// converted already) or when it has too many fields. It reports a new
// field.
func (c *Client) hashSet(h *datastruct.Hash, field, value []byte) bool {
	lim := &c.srv.enc
	if h.Packed() && (int64(len(field)) > lim.hashMaxValue || int64(len(value)) > lim.hashMaxValue) {
		h.ToTable()
	}
	added := h.Set(field, value)
	if h.Packed() && int64(h.Len()) > lim.hashMaxEntries {
		h.ToTable()
	}
	return added
}

// cmdHSet serves HSET and HMSET.
func cmdHSet(c *Client, argv [][]byte) {
	if len(argv)%2 == 1 {
		c.errorReply("ERR wrong number of arguments for '" + c.current.Name + "' command")
		return
	}
	key := argv[1]
	h, ok := c.hashWrite(key)
	if !ok {
		return
	}
	c.hashTryConversion(h, argv[2:])
	var created int64
	for i := 2; i < len(argv); i += 2 {
		if c.hashSet(h, argv[i], argv[i+1]) {
			created++
		}
	}
	if c.current.Name == "hmset" {
		c.reply.OK()
	} else {
		c.reply.Int(created)
	}
	c.modified(key)
	c.srv.dirty += int64(len(argv)-2)/2 - 1
}

func cmdHSetNX(c *Client, argv [][]byte) {
	key := argv[1]
	h, ok := c.hashWrite(key)
	if !ok {
		return
	}
	if h.Has(argv[2]) {
		c.reply.Int(0)
		return
	}
	c.hashTryConversion(h, argv[2:4])
	c.hashSet(h, argv[2], argv[3])
	c.reply.Int(1)
	c.modified(key)
}

func cmdHGet(c *Client, argv [][]byte) {
	h, ok := c.hashRead(argv[1])
	if !ok {
		return
	}
	if h == nil {
		c.reply.Null()
		return
	}
	if v, found := h.Get(argv[2]); found {
		c.reply.Bulk(v)
	} else {
		c.reply.Null()
	}
}

// cmdHMGet treats a missing key as an empty hash.
func cmdHMGet(c *Client, argv [][]byte) {
	h, ok := c.hashRead(argv[1])
	if !ok {
		return
	}
	c.reply.Array(len(argv) - 2)
	for _, f := range argv[2:] {
		if h == nil {
			c.reply.Null()
			continue
		}
		if v, found := h.Get(f); found {
			c.reply.Bulk(v)
		} else {
			c.reply.Null()
		}
	}
}

func cmdHDel(c *Client, argv [][]byte) {
	key := argv[1]
	e := c.lookup(key)
	if e == nil {
		c.reply.Int(0)
		return
	}
	h, ok := hashOf(e)
	if !ok {
		c.errorReply(errWrongType)
		return
	}
	var deleted int64
	for _, f := range argv[2:] {
		if h.Delete(f) {
			deleted++
			if h.Len() == 0 {
				c.db.keys.Delete(key)
				break
			}
		}
	}
	if deleted > 0 {
		c.modified(key)
		c.srv.dirty += deleted - 1
	}
	c.reply.Int(deleted)
}

func cmdHLen(c *Client, argv [][]byte) {
	h, ok := c.hashRead(argv[1])
	switch {
	case !ok:
	case h == nil:
		c.reply.Int(0)
	default:
		c.reply.Int(int64(h.Len()))
	}
}

func cmdHStrLen(c *Client, argv [][]byte) {
	h, ok := c.hashRead(argv[1])
	switch {
	case !ok:
	case h == nil:
		c.reply.Int(0)
	default:
		v, _ := h.Get(argv[2])
		c.reply.Int(int64(len(v)))
	}
}

func cmdHExists(c *Client, argv [][]byte) {
	h, ok := c.hashRead(argv[1])
	switch {
	case !ok:
	case h == nil:
		c.reply.Int(0)
	case h.Has(argv[2]):
		c.reply.Int(1)
	default:
		c.reply.Int(0)
	}
}

func cmdHIncrBy(c *Client, argv [][]byte) {
	incr, ok := c.longArg(argv[3])
	if !ok {
		return
	}
	key := argv[1]
	h, ok := c.hashWrite(key)
	if !ok {
		return
	}
	var value int64
	if v, found := h.Get(argv[2]); found {
		if value, ok = datastruct.ParseInt(v); !ok {
			c.errorReply(errHashNotInt)
			return
		}
	}
	if incr < 0 && value < 0 && incr < math.MinInt64-value || incr > 0 && value > 0 && incr > math.MaxInt64-value {
		c.hashDropIfEmpty(key, h)
		c.errorReply(errOverflow)
		return
	}
	value += incr
	var tmp [20]byte
	c.hashSet(h, argv[2], strconv.AppendInt(tmp[:0], value, 10))
	c.reply.Int(value)
	c.modified(key)
}

// cmdHIncrByFloat computes in long double precision, as Redis does, and
// goes to the AOF as HSET with the result, so that a replay does not
// depend on float formatting.
func cmdHIncrByFloat(c *Client, argv [][]byte) {
	incr, ok := datastruct.ParseLongDouble(argv[3])
	if !ok {
		c.errorReply(errNotFloat)
		return
	}
	if incr.IsInf() {
		c.errorReply(errValueNaNOrInf)
		return
	}
	key := argv[1]
	h, ok := c.hashWrite(key)
	if !ok {
		return
	}
	old, _ := datastruct.ParseLongDouble([]byte("0"))
	if v, found := h.Get(argv[2]); found {
		if old, ok = datastruct.ParseLongDouble(v); !ok {
			c.errorReply(errHashNotFloat)
			return
		}
	}
	sum, ok := datastruct.AddLongDouble(old, incr)
	if !ok {
		c.hashDropIfEmpty(key, h)
		c.errorReply(errIncrFloatNaN)
		return
	}
	c.hashSet(h, argv[2], sum)
	c.reply.Bulk(sum)
	c.modified(key)
	c.propagateAs(wordHSet, key, argv[2], sum)
}

func cmdHGetAll(c *Client, argv [][]byte) { hgetallGeneric(c, argv, true, true) }
func cmdHKeys(c *Client, argv [][]byte)   { hgetallGeneric(c, argv, true, false) }
func cmdHVals(c *Client, argv [][]byte)   { hgetallGeneric(c, argv, false, true) }

// hgetallGeneric is Redis's genericHgetallCommand: a map for HGETALL, an
// array for HKEYS and HVALS.
func hgetallGeneric(c *Client, argv [][]byte, fields, values bool) {
	h, ok := c.hashRead(argv[1])
	if !ok {
		return
	}
	n := 0
	if h != nil {
		n = h.Len()
	}
	r := &c.reply
	if fields && values {
		r.Map(n)
	} else {
		r.Array(n)
	}
	if h == nil {
		return
	}
	h.Range(func(f, v []byte) bool {
		if fields {
			r.Bulk(f)
		}
		if values {
			r.Bulk(v)
		}
		return true
	})
}

// hashPairsPool recycles the pair lists HRANDFIELD draws from.
var hashPairsPool = sync.Pool{New: func() any { s := make([]datastruct.HashPair, 0, 64); return &s }}

func cmdHRandField(c *Client, argv [][]byte) {
	if len(argv) >= 3 {
		l, ok := c.intArg(argv[2], -math.MaxInt64, math.MaxInt64, "")
		if !ok {
			return
		}
		withValues := false
		switch {
		case len(argv) > 4 || len(argv) == 4 && !isOpt(argv[3], "withvalues"):
			c.errorReply(errSyntax)
			return
		case len(argv) == 4:
			withValues = true
			if l < -math.MaxInt64/2 || l > math.MaxInt64/2 {
				c.errorReply(errValueOutOfRange)
				return
			}
		}
		hrandfieldWithCount(c, argv[1], l, withValues)
		return
	}
	h, ok := c.hashRead(argv[1])
	switch {
	case !ok:
	case h == nil:
		c.reply.Null()
	default:
		f, _ := h.Random(c.srv.rng)
		c.reply.Bulk(f)
	}
}

// hrandfieldWithCount is Redis's hrandfieldWithCountCommand. A negative
// count may repeat fields; a positive one does not, and gives the whole
// hash, in order, when it asks for at least its size.
func hrandfieldWithCount(c *Client, key []byte, l int64, withValues bool) {
	h, ok := c.hashRead(key)
	if !ok {
		return
	}
	r := &c.reply
	if h == nil || l == 0 {
		r.Array(0)
		return
	}
	rng := c.srv.rng
	size := int64(h.Len())
	header := func(n int64) {
		if withValues && r.resp == 2 {
			r.Array(int(2 * n))
		} else {
			r.Array(int(n))
		}
	}
	emit := func(f, v []byte) {
		if withValues && r.resp > 2 {
			r.Array(2)
		}
		r.Bulk(f)
		if withValues {
			r.Bulk(v)
		}
	}
	// A packed hash has no O(1) access by position: draw from a list of
	// its pairs.
	var pairs []datastruct.HashPair
	if h.Packed() {
		p := hashPairsPool.Get().(*[]datastruct.HashPair)
		pairs = h.AppendPairs((*p)[:0])
		defer func() {
			clear(pairs)
			*p = pairs[:0]
			hashPairsPool.Put(p)
		}()
	}
	at := func(i int) (f, v []byte) {
		if pairs != nil {
			return pairs[i].Field, pairs[i].Value
		}
		return h.At(i)
	}

	if l < 0 || l == 1 {
		count := l
		if count < 0 {
			count = -count
		}
		header(count)
		for range count {
			emit(at(rng.IntN(int(size))))
		}
		return
	}
	count := l
	if count >= size {
		header(size)
		h.Range(func(f, v []byte) bool { emit(f, v); return true })
		return
	}
	header(count)
	// count distinct positions: a partial shuffle of the positions when
	// count is a good part of the hash, draws until enough distinct ones
	// otherwise.
	if count*3 > size {
		perm := make([]int32, size)
		for i := range perm {
			perm[i] = int32(i)
		}
		for i := range int(count) {
			j := i + rng.IntN(int(size)-i)
			perm[i], perm[j] = perm[j], perm[i]
			emit(at(int(perm[i])))
		}
		return
	}
	seen := make(map[int]struct{}, count)
	for int64(len(seen)) < count {
		i := rng.IntN(int(size))
		if _, dup := seen[i]; dup {
			continue
		}
		seen[i] = struct{}{}
		emit(at(i))
	}
}

// cmdHScan is Redis's scanGenericCommand for a hash: a packed hash is
// returned whole, with cursor 0.
func cmdHScan(c *Client, argv [][]byte) {
	cursor, ok := parseScanCursor(argv[2])
	if !ok {
		c.errorReply("ERR invalid cursor")
		return
	}
	h, ok := c.hashRead(argv[1])
	if !ok {
		return
	}
	if h == nil {
		c.reply.Array(2)
		c.reply.BulkString("0")
		c.reply.Array(0)
		return
	}
	opts, ok := c.scanOptions(argv[3:], false)
	if !ok {
		return
	}
	p := hashPairsPool.Get().(*[]datastruct.HashPair)
	pairs := (*p)[:0]
	cursor = h.Scan(cursor, int(min(opts.count, math.MaxInt32)), func(f, v []byte) {
		if !opts.usePattern || datastruct.GlobMatch(opts.pattern, f, false) {
			pairs = append(pairs, datastruct.HashPair{Field: f, Value: v})
		}
	})
	r := &c.reply
	r.Array(2)
	var tmp [20]byte
	r.Bulk(strconv.AppendUint(tmp[:0], cursor, 10))
	r.Array(2 * len(pairs))
	for _, pr := range pairs {
		r.Bulk(pr.Field)
		r.Bulk(pr.Value)
	}
	clear(pairs)
	*p = pairs[:0]
	hashPairsPool.Put(p)
}
