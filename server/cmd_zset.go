package server

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Sorted set commands, after Redis 7.0's t_zset.c.
//
// A sorted set lives in Entry.Obj as a *datastruct.ZSet. The entry's
// encoding says what Redis would use: listpack while the set has at most
// zset-max-listpack-entries members of at most zset-max-listpack-value
// bytes, skiplist once it outgrew them (never back, except for the
// destinations the *STORE commands create). The encoding is visible in
// OBJECT ENCODING and in one more place: a listpack keeps scores as text
// without the sign of zero, so a score of -0 is stored as 0 there.

const (
	errZNaN          = "ERR resulting score is not a number (NaN)"
	errZXXNX         = "ERR XX and NX options at the same time are not compatible"
	errZGTLTNX       = "ERR GT, LT, and/or NX options at the same time are not compatible"
	errZIncrPair     = "ERR INCR option supports a single increment-element pair"
	errZWeight       = "ERR weight value is not a float"
	errZPositive     = "ERR value is out of range, must be positive"
	errZLimitNeg     = "ERR LIMIT can't be negative"
	errZLimitRank    = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"
	errZWithLex      = "ERR syntax error, WITHSCORES not supported in combination with BYLEX"
	errZNumkeys      = "ERR numkeys should be greater than 0"
	errZCount        = "ERR count should be greater than 0"
	errZOutOfRange   = "ERR value is out of range"
	errZArityZRank   = "ERR wrong number of arguments for 'zrank' command"
	errZArityZRevRnk = "ERR wrong number of arguments for 'zrevrank' command"
)

// Words of the forms ZMPOP propagates.
var (
	wordZPopMin = []byte("ZPOPMIN")
	wordZPopMax = []byte("ZPOPMAX")
)

// zsetOf returns the sorted set an entry holds, or false for another
// type.
func zsetOf(e *datastruct.Entry) (*datastruct.ZSet, bool) {
	z, ok := e.Obj.(*datastruct.ZSet)
	return z, ok
}

// zsetLimits returns zset-max-listpack-entries and zset-max-listpack-value.
func (c *Client) zsetLimits() (maxEntries, maxValue int64) {
	return c.srv.enc.zsetMaxEntries, c.srv.enc.zsetMaxValue
}

// zsetConfig reads a numeric directive that has no typed Config field.
func zsetConfig(s *Server, name string, def int64) int64 {
	v, ok := s.cfg.Value(name)
	if !ok {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		if u, err := strconv.ParseUint(v, 10, 64); err == nil && u > math.MaxInt64 {
			return math.MaxInt64
		}
		return def
	}
	return n
}

// zsetRead looks a sorted set up for reading, counting the hit or miss.
// It returns nil for a missing key, and false after a WRONGTYPE reply.
func (c *Client) zsetRead(key []byte) (*datastruct.ZSet, bool) {
	return valueOf[*datastruct.ZSet](c, c.lookupRead(key))
}

// zsetWrite is zsetRead for a command that changes the set: it also
// returns the entry, and counts no hit or miss (lookupKeyWrite).
func (c *Client) zsetWrite(key []byte) (*datastruct.Entry, *datastruct.ZSet, bool) {
	e := c.lookup(key)
	if e == nil {
		return nil, nil, true
	}
	z, ok := zsetOf(e)
	if !ok {
		c.errorReply(errWrongType)
		return nil, nil, false
	}
	return e, z, true
}

// zsetCreate adds key with an empty sorted set, encoded as Redis's ZADD
// chooses from the first member's length.
func (c *Client) zsetCreate(key []byte, firstMemberLen int) (*datastruct.Entry, *datastruct.ZSet) {
	maxEntries, maxValue := c.zsetLimits()
	enc := datastruct.EncListpack
	if maxEntries == 0 || int64(firstMemberLen) > maxValue {
		enc = datastruct.EncSkiplist
	}
	e := c.db.keys.Add(key)
	c.srv.initAccess(e)
	z := datastruct.NewZSet()
	e.Obj = z
	e.SetEncoding(enc)
	return e, z
}

// zsetStore makes key hold z, replacing any value and its TTL, as
// Redis's setKey does for the *STORE commands, and signals the change.
func (c *Client) zsetStore(key []byte, z *datastruct.ZSet, enc datastruct.Encoding) {
	d := c.db
	e := c.lookup(key)
	switch {
	case e == nil:
		e = d.keys.Add(key)
		c.srv.initAccess(e)
	case !c.srv.lfu:
		// An overwrite keeps the LFU counter but not the LRU clock.
		c.srv.initAccess(e)
	}
	if e.ExpireAt != 0 {
		d.keys.SetExpire(e, 0)
	}
	e.Str = nil
	e.Obj = z
	e.SetEncoding(enc)
	c.modified(key)
}

// zsetStoreOrDelete ends a *STORE command: a non-empty result is stored,
// an empty one deletes the destination. It replies with the size.
func (c *Client) zsetStoreOrDelete(key []byte, z *datastruct.ZSet, enc datastruct.Encoding) {
	if z != nil && z.Len() > 0 {
		c.zsetStore(key, z, enc)
		c.reply.Int(int64(z.Len()))
		return
	}
	c.reply.Int(0)
	if c.deleteKey(key) {
		c.modified(key)
	}
}

// storeScore is the score a set of encoding enc keeps for score: a
// listpack writes scores as text in which -0 becomes 0.
func storeScore(enc datastruct.Encoding, score float64) float64 {
	if enc == datastruct.EncListpack && score == 0 {
		return 0
	}
	return score
}

// zsetDeleteIfEmpty removes a key whose set was emptied.
func (c *Client) zsetDeleteIfEmpty(key []byte, z *datastruct.ZSet) {
	if z.Len() == 0 {
		c.db.keys.Delete(key)
	}
}

// bytesOf views a string as bytes without copying, for the ZSet methods
// that take []byte; they do not modify it.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// parseScore parses a score, weight or increment as Redis's string2d
// does with strtod: decimal or hexadecimal, "inf" and "infinity" with
// any case and sign, the whole argument and nothing else (no leading
// space), no NaN, and no overflow to infinity or underflow to zero.
func parseScore(b []byte) (float64, bool) {
	if len(b) == 0 || isCSpace(b[0]) || bytes.IndexByte(b, '_') >= 0 {
		return 0, false // Go reads "1_000"; strtod does not
	}
	f, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(b), len(b)), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, false // overflow: strtod's ERANGE with HUGE_VAL
		}
		// strtod reads hexadecimal without a binary exponent ("0x10");
		// Go wants one.
		var ok bool
		if f, ok = parseHexNoExponent(b); !ok {
			return 0, false
		}
	}
	if f != f {
		return 0, false
	}
	if f == 0 && nonzeroMantissa(b) {
		return 0, false // underflow: strtod's ERANGE with a zero result
	}
	return f, true
}

// hexBody returns the digits of a hexadecimal number after its sign and
// 0x prefix, or false when b is not hexadecimal.
func hexBody(b []byte) ([]byte, bool) {
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		b = b[1:]
	}
	if len(b) >= 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X') {
		return b[2:], true
	}
	return nil, false
}

func parseHexNoExponent(b []byte) (float64, bool) {
	body, hex := hexBody(b)
	if !hex || bytes.IndexAny(body, "pP") >= 0 {
		return 0, false
	}
	var tmp [64]byte
	s := append(append(tmp[:0], b...), 'p', '0')
	f, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(s), len(s)), 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

// nonzeroMantissa reports a number whose digits are not all zero.
func nonzeroMantissa(b []byte) bool {
	if body, hex := hexBody(b); hex {
		for _, ch := range body {
			if ch == 'p' || ch == 'P' {
				break
			}
			if ch != '0' && ch != '.' {
				return true
			}
		}
		return false
	}
	for _, ch := range b {
		if ch == 'e' || ch == 'E' {
			break
		}
		if ch >= '1' && ch <= '9' {
			return true
		}
	}
	return false
}

// longArg parses a long as getLongFromObjectOrReply does.
func (c *Client) longArg(b []byte) (int64, bool) {
	n, ok := datastruct.ParseInt(b)
	if !ok {
		c.errorReply(errNotInteger)
		return 0, false
	}
	return n, true
}

// positiveArg is getPositiveLongFromObjectOrReply: one message for a
// negative value and for one that is not an integer.
func (c *Client) positiveArg(b []byte, msg string) (int64, bool) {
	n, ok := datastruct.ParseInt(b)
	if !ok || n < 0 {
		c.errorReply(msg)
		return 0, false
	}
	return n, true
}

// ---- ZADD and ZINCRBY ----

// Flags of ZADD, as Redis's ZADD_IN_*.
const (
	zaddNX = 1 << iota
	zaddXX
	zaddGT
	zaddLT
	zaddIncr
)

// Outcomes of zsetAdd, as Redis's ZADD_OUT_*.
const (
	zaddOutNop = iota
	zaddOutAdded
	zaddOutUpdated
	zaddOutSame // done, but the score did not change
	zaddOutNaN
)

func cmdZAdd(c *Client, argv [][]byte) { zaddGeneric(c, argv, 0) }

// cmdZIncrBy shares ZADD's parser, as in Redis: "ZINCRBY k nx 1" is
// taken for an NX option and fails with a syntax error.
func cmdZIncrBy(c *Client, argv [][]byte) { zaddGeneric(c, argv, zaddIncr) }

// zaddGeneric is Redis's zaddGenericCommand.
func zaddGeneric(c *Client, argv [][]byte, flags int) {
	key := argv[1]
	ch := false
	scoreidx := 2
options:
	for ; scoreidx < len(argv); scoreidx++ {
		opt := argv[scoreidx]
		if len(opt) == 0 {
			break
		}
		// Scores start with a digit, a sign, a dot or "inf": look at
		// the first letter before comparing whole words.
		switch opt[0] | 0x20 {
		case 'n':
			if !isOpt(opt, "nx") {
				break options
			}
			flags |= zaddNX
		case 'x':
			if !isOpt(opt, "xx") {
				break options
			}
			flags |= zaddXX
		case 'c':
			if !isOpt(opt, "ch") {
				break options
			}
			ch = true
		case 'i':
			if !isOpt(opt, "incr") {
				break options
			}
			flags |= zaddIncr
		case 'g':
			if !isOpt(opt, "gt") {
				break options
			}
			flags |= zaddGT
		case 'l':
			if !isOpt(opt, "lt") {
				break options
			}
			flags |= zaddLT
		default:
			break options
		}
	}
	incr, nx, xx := flags&zaddIncr != 0, flags&zaddNX != 0, flags&zaddXX != 0
	gt, lt := flags&zaddGT != 0, flags&zaddLT != 0

	elements := len(argv) - scoreidx
	if elements%2 != 0 || elements == 0 {
		c.errorReply(errSyntax)
		return
	}
	elements /= 2
	switch {
	case nx && xx:
		c.errorReply(errZXXNX)
		return
	case gt && nx || lt && nx || gt && lt:
		c.errorReply(errZGTLTNX)
		return
	case incr && elements > 1:
		c.errorReply(errZIncrPair)
		return
	}

	// Every score is checked before anything changes.
	var buf [8]float64
	scores := buf[:0]
	if elements > len(buf) {
		scores = make([]float64, 0, elements)
	}
	for j := range elements {
		f, ok := parseScore(argv[scoreidx+2*j])
		if !ok {
			c.errorReply(errNotFloat)
			return
		}
		scores = append(scores, f)
	}

	e, z, ok := c.zsetWrite(key)
	if !ok {
		return
	}
	if e == nil {
		if xx {
			if incr {
				c.reply.Null()
			} else {
				c.reply.Int(0)
			}
			return
		}
		e, z = c.zsetCreate(key, len(argv[scoreidx+1]))
	}

	var added, updated, processed int64
	var score float64
	for j := range elements {
		out, newScore := c.zsetAdd(e, z, scores[j], argv[scoreidx+1+2*j], flags)
		switch out {
		case zaddOutNaN:
			// Only INCR gets here, with its single pair: nothing changed.
			c.errorReply(errZNaN)
			return
		case zaddOutAdded:
			added++
		case zaddOutUpdated:
			updated++
		}
		if out != zaddOutNop {
			processed++
		}
		score = newScore
	}
	if added+updated > 0 {
		c.modified(key)
	}
	switch {
	case !incr && ch:
		c.reply.Int(added + updated)
	case !incr:
		c.reply.Int(added)
	case processed > 0:
		c.reply.Double(score)
	default:
		c.reply.Null()
	}
}

// zsetAdd is Redis's zsetAdd: it adds member or updates its score under
// ZADD's flags, converting a listpack that would outgrow its limits. It
// returns the outcome and the member's new score.
func (c *Client) zsetAdd(e *datastruct.Entry, z *datastruct.ZSet, score float64, member []byte, flags int) (int, float64) {
	if flags == 0 && e.Encoding() == datastruct.EncSkiplist {
		// Plain ZADD to a skiplist: one lookup. Set, like Redis, leaves
		// a member whose score is equal (0 and -0 too) alone.
		switch added, changed := z.Set(member, score); {
		case added:
			return zaddOutAdded, score
		case changed:
			return zaddOutUpdated, score
		}
		return zaddOutSame, score
	}
	if cur, found := z.Score(member); found {
		if flags&zaddNX != 0 {
			return zaddOutNop, 0
		}
		if flags&zaddIncr != 0 {
			score += cur
			if score != score {
				return zaddOutNaN, 0
			}
		}
		if flags&zaddLT != 0 && score >= cur || flags&zaddGT != 0 && score <= cur {
			return zaddOutNop, 0
		}
		// Equal scores (0 and -0 too) leave the member alone.
		if score == cur {
			return zaddOutSame, score
		}
		z.Set(member, storeScore(e.Encoding(), score))
		return zaddOutUpdated, score
	}
	if flags&zaddXX != 0 {
		return zaddOutNop, 0
	}
	if e.Encoding() == datastruct.EncListpack {
		maxEntries, maxValue := c.zsetLimits()
		if int64(z.Len())+1 > maxEntries || int64(len(member)) > maxValue {
			e.SetEncoding(datastruct.EncSkiplist)
		}
	}
	z.Set(member, storeScore(e.Encoding(), score))
	return zaddOutAdded, score
}

// ---- single-set reads ----

func cmdZCard(c *Client, argv [][]byte) {
	z, ok := c.zsetRead(argv[1])
	switch {
	case !ok:
	case z == nil:
		c.reply.Int(0)
	default:
		c.reply.Int(int64(z.Len()))
	}
}

func cmdZScore(c *Client, argv [][]byte) {
	z, ok := c.zsetRead(argv[1])
	if !ok {
		return
	}
	if z == nil {
		c.reply.Null()
		return
	}
	if score, found := z.Score(argv[2]); found {
		c.reply.Double(score)
	} else {
		c.reply.Null()
	}
}

// cmdZMScore treats a missing key as an empty set.
func cmdZMScore(c *Client, argv [][]byte) {
	z, ok := c.zsetRead(argv[1])
	if !ok {
		return
	}
	c.reply.Array(len(argv) - 2)
	for _, m := range argv[2:] {
		if z == nil {
			c.reply.Null()
			continue
		}
		if score, found := z.Score(m); found {
			c.reply.Double(score)
		} else {
			c.reply.Null()
		}
	}
}

func cmdZRank(c *Client, argv [][]byte) { zrankGeneric(c, argv, false) }

func cmdZRevRank(c *Client, argv [][]byte) { zrankGeneric(c, argv, true) }

// zrankGeneric implements ZRANK and ZREVRANK with Redis 7.2's WITHSCORE
// option, which 7.0 lacks (its arity is 3): the reply is then the rank
// and the score, or a null array.
func zrankGeneric(c *Client, argv [][]byte, reverse bool) {
	if len(argv) > 4 {
		if reverse {
			c.errorReply(errZArityZRevRnk)
		} else {
			c.errorReply(errZArityZRank)
		}
		return
	}
	withScore := false
	if len(argv) == 4 {
		if !isOpt(argv[3], "withscore") {
			c.errorReply(errSyntax)
			return
		}
		withScore = true
	}
	z, ok := c.zsetRead(argv[1])
	if !ok {
		return
	}
	rank, score, found := 0, 0.0, false
	if z != nil {
		rank, score, found = z.Rank(argv[2], reverse)
	}
	switch {
	case !found && withScore:
		c.reply.NullArray()
	case !found:
		c.reply.Null()
	case withScore:
		c.reply.Array(2)
		c.reply.Int(int64(rank))
		c.reply.Double(score)
	default:
		c.reply.Int(int64(rank))
	}
}

func cmdZCount(c *Client, argv [][]byte) {
	r, err := datastruct.ParseScoreRange(argv[2], argv[3])
	if err != nil {
		c.errorReply(errorReply(err))
		return
	}
	z, ok := c.zsetRead(argv[1])
	switch {
	case !ok:
	case z == nil:
		c.reply.Int(0)
	default:
		c.reply.Int(int64(z.CountByScore(r)))
	}
}

func cmdZLexCount(c *Client, argv [][]byte) {
	r, err := datastruct.ParseLexRange(argv[2], argv[3])
	if err != nil {
		c.errorReply(errorReply(err))
		return
	}
	z, ok := c.zsetRead(argv[1])
	switch {
	case !ok:
	case z == nil:
		c.reply.Int(0)
	default:
		c.reply.Int(int64(z.CountByLex(r)))
	}
}

// ---- removals ----

func cmdZRem(c *Client, argv [][]byte) {
	key := argv[1]
	e, z, ok := c.zsetWrite(key)
	if !ok {
		return
	}
	if e == nil {
		c.reply.Int(0)
		return
	}
	var deleted int64
	for _, m := range argv[2:] {
		if z.Delete(m) {
			deleted++
		}
		if z.Len() == 0 {
			c.db.keys.Delete(key)
			break
		}
	}
	if deleted > 0 {
		c.modified(key)
	}
	c.reply.Int(deleted)
}

// zrangeType is how a range is given, as Redis's zrange_type.
type zrangeType int

const (
	zrangeAuto zrangeType = iota
	zrangeRank
	zrangeScore
	zrangeLex
)

func cmdZRemRangeByRank(c *Client, argv [][]byte)  { zremrangeGeneric(c, argv, zrangeRank) }
func cmdZRemRangeByScore(c *Client, argv [][]byte) { zremrangeGeneric(c, argv, zrangeScore) }
func cmdZRemRangeByLex(c *Client, argv [][]byte)   { zremrangeGeneric(c, argv, zrangeLex) }

// zremrangeGeneric is Redis's zremrangeGenericCommand: the range is
// parsed before the key is looked up.
func zremrangeGeneric(c *Client, argv [][]byte, typ zrangeType) {
	key := argv[1]
	var start, end int64
	var sr datastruct.ScoreRange
	var lr datastruct.LexRange
	var err error
	switch typ {
	case zrangeRank:
		var ok bool
		if start, ok = c.longArg(argv[2]); !ok {
			return
		}
		if end, ok = c.longArg(argv[3]); !ok {
			return
		}
	case zrangeScore:
		sr, err = datastruct.ParseScoreRange(argv[2], argv[3])
	case zrangeLex:
		lr, err = datastruct.ParseLexRange(argv[2], argv[3])
	}
	if err != nil {
		c.errorReply(errorReply(err))
		return
	}
	e, z, ok := c.zsetWrite(key)
	if !ok {
		return
	}
	if e == nil {
		c.reply.Int(0)
		return
	}
	var deleted int
	switch typ {
	case zrangeRank:
		llen := int64(z.Len())
		if start < 0 {
			start += llen
		}
		if end < 0 {
			end += llen
		}
		if start < 0 {
			start = 0
		}
		if start > end || start >= llen {
			c.reply.Int(0)
			return
		}
		if end >= llen {
			end = llen - 1
		}
		deleted = z.DeleteRangeByRank(int(start), int(end))
	case zrangeScore:
		deleted = z.DeleteRangeByScore(sr)
	case zrangeLex:
		deleted = z.DeleteRangeByLex(lr)
	}
	c.zsetDeleteIfEmpty(key, z)
	if deleted > 0 {
		c.modified(key)
	}
	c.reply.Int(int64(deleted))
}

// ---- ranges ----

// zitem is one member of a result with its score.
type zitem struct {
	member string
	score  float64
}

// zitemPool recycles the slices ranges are collected in.
var zitemPool = sync.Pool{New: func() any { s := make([]zitem, 0, 64); return &s }}

func getZItems() *[]zitem { return zitemPool.Get().(*[]zitem) }

func putZItems(p *[]zitem) {
	if cap(*p) > 1<<16 {
		return // do not keep a huge one alive
	}
	clear(*p)
	*p = (*p)[:0]
	zitemPool.Put(p)
}

// replyZItems writes members, with their scores when withScores: a flat
// array in RESP2, pairs in nested arrays in RESP3.
func (c *Client) replyZItems(items []zitem, withScores bool) {
	r := &c.reply
	if withScores && r.resp == 2 {
		r.Array(2 * len(items))
	} else {
		r.Array(len(items))
	}
	for _, it := range items {
		if withScores && r.resp > 2 {
			r.Array(2)
		}
		r.BulkString(it.member)
		if withScores {
			r.Double(it.score)
		}
	}
}

// zsetFromItems builds the set ZRANGESTORE stores, member after member
// as Redis adds them to a new listpack, converting it to a skiplist when
// it outgrows the limits.
func (c *Client) zsetFromItems(items []zitem) (*datastruct.ZSet, datastruct.Encoding) {
	maxEntries, maxValue := c.zsetLimits()
	z := datastruct.NewZSet()
	enc := datastruct.EncListpack
	for _, it := range items {
		if enc == datastruct.EncListpack && (int64(z.Len())+1 > maxEntries || int64(len(it.member)) > maxValue) {
			enc = datastruct.EncSkiplist
		}
		z.Set(bytesOf(it.member), storeScore(enc, it.score))
	}
	return z, enc
}

type zrangeDirection int

const (
	zrangeDirAuto zrangeDirection = iota
	zrangeDirForward
	zrangeDirReverse
)

func cmdZRange(c *Client, argv [][]byte) {
	zrangeGeneric(c, argv, 1, false, zrangeAuto, zrangeDirAuto)
}

func cmdZRangeStore(c *Client, argv [][]byte) {
	zrangeGeneric(c, argv, 2, true, zrangeAuto, zrangeDirAuto)
}

func cmdZRevRange(c *Client, argv [][]byte) {
	zrangeGeneric(c, argv, 1, false, zrangeRank, zrangeDirReverse)
}

func cmdZRangeByScore(c *Client, argv [][]byte) {
	zrangeGeneric(c, argv, 1, false, zrangeScore, zrangeDirForward)
}

func cmdZRevRangeByScore(c *Client, argv [][]byte) {
	zrangeGeneric(c, argv, 1, false, zrangeScore, zrangeDirReverse)
}

func cmdZRangeByLex(c *Client, argv [][]byte) {
	zrangeGeneric(c, argv, 1, false, zrangeLex, zrangeDirForward)
}

func cmdZRevRangeByLex(c *Client, argv [][]byte) {
	zrangeGeneric(c, argv, 1, false, zrangeLex, zrangeDirReverse)
}

// zrangeGeneric is Redis's zrangeGenericCommand, for ZRANGE, ZRANGESTORE
// and the older Z[REV]RANGE[BYSCORE|BYLEX]: argStart is the source key's
// position, typ and dir are fixed by the older commands and left to the
// options (BYSCORE, BYLEX, REV) by ZRANGE and ZRANGESTORE.
func zrangeGeneric(c *Client, argv [][]byte, argStart int, store bool, typ zrangeType, dir zrangeDirection) {
	key := argv[argStart]
	minIdx, maxIdx := argStart+1, argStart+2
	withScores := false
	offset, limit := int64(0), int64(-1)
	for j := argStart + 3; j < len(argv); j++ {
		left := len(argv) - j - 1
		opt := argv[j]
		switch {
		case !store && isOpt(opt, "withscores"):
			withScores = true
		case isOpt(opt, "limit") && left >= 2:
			var ok bool
			if offset, ok = c.longArg(argv[j+1]); !ok {
				return
			}
			if limit, ok = c.longArg(argv[j+2]); !ok {
				return
			}
			j += 2
		case dir == zrangeDirAuto && isOpt(opt, "rev"):
			dir = zrangeDirReverse
		case typ == zrangeAuto && isOpt(opt, "bylex"):
			typ = zrangeLex
		case typ == zrangeAuto && isOpt(opt, "byscore"):
			typ = zrangeScore
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	if dir == zrangeDirAuto {
		dir = zrangeDirForward
	}
	if typ == zrangeAuto {
		typ = zrangeRank
	}
	if limit != -1 && typ == zrangeRank {
		c.errorReply(errZLimitRank)
		return
	}
	if withScores && typ == zrangeLex {
		c.errorReply(errZWithLex)
		return
	}
	reverse := dir == zrangeDirReverse
	if reverse && typ != zrangeRank {
		// The range is given as max, min.
		minIdx, maxIdx = maxIdx, minIdx
	}

	var start, end int64
	var sr datastruct.ScoreRange
	var lr datastruct.LexRange
	var err error
	switch typ {
	case zrangeRank:
		var ok bool
		if start, ok = c.longArg(argv[minIdx]); !ok {
			return
		}
		if end, ok = c.longArg(argv[maxIdx]); !ok {
			return
		}
	case zrangeScore:
		sr, err = datastruct.ParseScoreRange(argv[minIdx], argv[maxIdx])
	case zrangeLex:
		lr, err = datastruct.ParseLexRange(argv[minIdx], argv[maxIdx])
	}
	if err != nil {
		c.errorReply(errorReply(err))
		return
	}

	z, ok := c.zsetRead(key)
	if !ok {
		return
	}
	if z == nil {
		if store {
			c.zsetStoreOrDelete(argv[1], nil, 0)
		} else {
			c.reply.Array(0)
		}
		return
	}

	p := getZItems()
	defer putZItems(p)
	items := *p
	collect := func(member string, score float64) bool {
		items = append(items, zitem{member, score})
		return true
	}
	switch typ {
	case zrangeRank:
		llen := int64(z.Len())
		if start < 0 {
			start += llen
		}
		if end < 0 {
			end += llen
		}
		if start < 0 {
			start = 0
		}
		if start <= end && start < llen {
			if end >= llen {
				end = llen - 1
			}
			// Reversed, these are ranks from the top, as RangeByRank
			// takes them.
			z.RangeByRank(int(start), int(end), reverse, collect)
		}
	case zrangeScore, zrangeLex:
		// A negative offset walks off the end in Redis: nothing. A
		// negative limit is no limit.
		if offset >= 0 && (offset == 0 || offset < int64(z.Len())) && limit != 0 {
			lim := int(min(limit, int64(math.MaxInt)))
			if limit < 0 {
				lim = -1
			}
			if typ == zrangeScore {
				z.RangeByScore(sr, reverse, int(offset), lim, collect)
			} else {
				z.RangeByLex(lr, reverse, int(offset), lim, collect)
			}
		}
	}
	*p = items
	if store {
		dst, enc := c.zsetFromItems(items)
		c.zsetStoreOrDelete(argv[1], dst, enc)
		return
	}
	c.replyZItems(items, withScores)
}

// ---- pops ----

func cmdZPopMin(c *Client, argv [][]byte) { zpopMinMax(c, argv, false) }

func cmdZPopMax(c *Client, argv [][]byte) { zpopMinMax(c, argv, true) }

func zpopMinMax(c *Client, argv [][]byte, max bool) {
	if len(argv) > 3 {
		c.errorReply(errSyntax)
		return
	}
	count := int64(-1)
	if len(argv) == 3 {
		var ok bool
		if count, ok = c.positiveArg(argv[2], errZPositive); !ok {
			return
		}
	}
	// RESP3 nests the pairs when a count is given.
	nested := c.reply.resp > 2 && count != -1
	zpopGeneric(c, argv[1:2], max, false, count, nested, false)
}

// zpopGeneric is Redis's genericZpopCommand, for ZPOPMIN, ZPOPMAX, ZMPOP
// and the blocking pops: it pops from the first of keys that exists, up
// to count members (-1: one, the plain form), and replies. emitKey names
// the key in the reply (BZPOPMIN's flat array, ZMPOP's [key, pairs]);
// nested puts each member-score pair in an array of its own (RESP3 with
// a count, and ZMPOP); nilWhenEmpty answers a null array rather than an
// empty one when no key exists. It returns the key popped from and how
// many members were popped, for the caller to propagate (nil, 0 when
// nothing changed, also after an error).
func zpopGeneric(c *Client, keys [][]byte, max, emitKey bool, count int64, nested, nilWhenEmpty bool) ([]byte, int64) {
	var key []byte
	var z *datastruct.ZSet
	for _, k := range keys {
		_, zs, ok := c.zsetWrite(k)
		if !ok {
			return nil, 0
		}
		if zs != nil {
			key, z = k, zs
			break
		}
	}
	r := &c.reply
	if z == nil {
		if nilWhenEmpty {
			r.NullArray()
		} else {
			r.Array(0)
		}
		return nil, 0
	}
	if count == 0 {
		r.Array(0)
		return nil, 0
	}
	if count == -1 {
		count = 1
	}
	n := min(count, int64(z.Len()))
	switch {
	case !nested && !emitKey:
		r.Array(int(2 * n))
	case nested && !emitKey:
		r.Array(int(n))
	case !nested && emitKey:
		r.Array(int(2*n + 1))
		r.Bulk(key)
	default:
		r.Array(2)
		r.Bulk(key)
		r.Array(int(n))
	}
	for range n {
		var member string
		var score float64
		if max {
			member, score, _ = z.PopMax()
		} else {
			member, score, _ = z.PopMin()
		}
		if nested {
			r.Array(2)
		}
		r.BulkString(member)
		r.Double(score)
	}
	c.zsetDeleteIfEmpty(key, z)
	c.modified(key)
	return key, n
}

// cmdZMPop is Redis's zmpopGenericCommand without blocking; it goes to
// the AOF as ZPOPMIN or ZPOPMAX with the number popped.
func cmdZMPop(c *Client, argv [][]byte) {
	keys, max, count, ok := parseZMPop(c, argv[1:])
	if !ok {
		return
	}
	key, n := zpopGeneric(c, keys, max, true, count, true, true)
	propagateZPop(c, key, max, n, true)
}

// parseZMPop reads "numkeys key [key ...] MIN|MAX [COUNT count]", the
// arguments ZMPOP and BZMPOP share.
func parseZMPop(c *Client, args [][]byte) (keys [][]byte, max bool, count int64, ok bool) {
	numkeys, valid := datastruct.ParseInt(args[0])
	if !valid || numkeys < 1 {
		c.errorReply(errZNumkeys)
		return nil, false, 0, false
	}
	if numkeys > int64(len(args)) {
		c.errorReply(errSyntax)
		return nil, false, 0, false
	}
	whereIdx := 1 + int(numkeys)
	if whereIdx >= len(args) {
		c.errorReply(errSyntax)
		return nil, false, 0, false
	}
	switch {
	case isOpt(args[whereIdx], "min"):
	case isOpt(args[whereIdx], "max"):
		max = true
	default:
		c.errorReply(errSyntax)
		return nil, false, 0, false
	}
	count, ok = mpopCount(c, args[whereIdx+1:])
	return args[1:whereIdx], max, count, ok
}

// mpopCount parses the options after LMPOP's and ZMPOP's LEFT|RIGHT or
// MIN|MAX: an optional COUNT, at least 1, given once; the default is 1.
func mpopCount(c *Client, opts [][]byte) (count int64, ok bool) {
	count = -1
	for j := 0; j < len(opts); j++ {
		if count == -1 && isOpt(opts[j], "count") && j+1 < len(opts) {
			j++
			n, valid := datastruct.ParseInt(opts[j])
			if !valid || n < 1 {
				c.errorReply(errZCount)
				return 0, false
			}
			count = n
			continue
		}
		c.errorReply(errSyntax)
		return 0, false
	}
	if count == -1 {
		count = 1
	}
	return count, true
}

// propagateZPop logs a pop as Redis 7.0 does: ZPOPMIN or ZPOPMAX with
// the number popped, or without it for BZPOPMIN's single pop.
func propagateZPop(c *Client, key []byte, max bool, n int64, withCount bool) {
	if n == 0 {
		return
	}
	word := wordZPopMin
	if max {
		word = wordZPopMax
	}
	if withCount {
		c.propagateAs(word, key, strconv.AppendInt(nil, n, 10))
	} else {
		c.propagateAs(word, key)
	}
}

// ---- BZPOPMIN, BZPOPMAX, BZMPOP ----

func cmdBZPopMin(c *Client, argv [][]byte) { bzpop(c, argv, false) }

func cmdBZPopMax(c *Client, argv [][]byte) { bzpop(c, argv, true) }

// bzpop is Redis's blockingGenericZpopCommand: pop from the first
// non-empty key, or block until one is filled.
func bzpop(c *Client, argv [][]byte, max bool) {
	timeout, ok := c.blockTimeoutArg(argv[len(argv)-1])
	if !ok {
		return
	}
	keys := argv[1 : len(argv)-1]
	if found, ok := c.firstZSetWithMembers(c.servedKeys(keys)); !ok {
		return
	} else if found != nil {
		key, n := zpopGeneric(c, [][]byte{found}, max, true, -1, false, true)
		propagateZPop(c, key, max, n, false)
		return
	}
	c.block(keys, timeout, func(c *Client) { c.reply.NullArray() })
}

func cmdBZMPop(c *Client, argv [][]byte) {
	timeout, ok := c.blockTimeoutArg(argv[1])
	if !ok {
		return
	}
	keys, max, count, ok := parseZMPop(c, argv[2:])
	if !ok {
		return
	}
	if found, ok := c.firstZSetWithMembers(c.servedKeys(keys)); !ok {
		return
	} else if found != nil {
		key, n := zpopGeneric(c, [][]byte{found}, max, true, count, true, true)
		propagateZPop(c, key, max, n, true)
		return
	}
	c.block(keys, timeout, func(c *Client) { c.reply.NullArray() })
}

// firstZSetWithMembers finds the first key holding a sorted set. A key
// of another type is an error, except when a blocked client's command is
// re-run: like Redis 7.0, it then waits on.
func (c *Client) firstZSetWithMembers(keys [][]byte) ([]byte, bool) {
	for _, k := range keys {
		e := c.lookup(k)
		if e == nil {
			continue
		}
		if _, isZSet := zsetOf(e); !isZSet {
			if c.reprocessing {
				continue
			}
			c.errorReply(errWrongType)
			return nil, false
		}
		return k, true
	}
	return nil, true
}

// ---- ZRANDMEMBER ----

func cmdZRandMember(c *Client, argv [][]byte) {
	if len(argv) >= 3 {
		l, ok := c.intArg(argv[2], -math.MaxInt64, math.MaxInt64, "")
		if !ok {
			return
		}
		withScores := false
		switch {
		case len(argv) > 4 || len(argv) == 4 && !isOpt(argv[3], "withscores"):
			c.errorReply(errSyntax)
			return
		case len(argv) == 4:
			withScores = true
			if l < -math.MaxInt64/2 || l > math.MaxInt64/2 {
				c.errorReply(errZOutOfRange)
				return
			}
		}
		zrandMemberWithCount(c, argv[1], l, withScores)
		return
	}
	z, ok := c.zsetRead(argv[1])
	switch {
	case !ok:
	case z == nil:
		c.reply.Null()
	default:
		member, _, _ := z.Random(c.srv.rng)
		c.reply.BulkString(member)
	}
}

// zrandMemberWithCount is Redis's zrandmemberWithCountCommand. A negative
// count may repeat members; a positive one does not, and gives the whole
// set, from the highest score down, when it asks for at least its size.
func zrandMemberWithCount(c *Client, key []byte, l int64, withScores bool) {
	z, ok := c.zsetRead(key)
	if !ok {
		return
	}
	if z == nil || l == 0 {
		c.reply.Array(0)
		return
	}
	rng := c.srv.rng
	r := &c.reply
	header := func(n int64) {
		if withScores && r.resp == 2 {
			r.Array(int(2 * n))
		} else {
			r.Array(int(n))
		}
	}
	emit := func(member string, score float64) bool {
		if withScores && r.resp > 2 {
			r.Array(2)
		}
		r.BulkString(member)
		if withScores {
			r.Double(score)
		}
		return true
	}
	size := int64(z.Len())

	// Repeats allowed, or a single member: draw count times.
	if l < 0 || l == 1 {
		count := l
		if count < 0 {
			count = -count
		}
		header(count)
		for range count {
			member, score, _ := z.Random(rng)
			emit(member, score)
		}
		return
	}
	count := l
	if count >= size {
		header(size)
		z.RangeByRank(0, int(size-1), true, emit)
		return
	}
	header(count)
	if count*3 > size {
		// Most of the set: take it all and drop members at random.
		p := getZItems()
		defer putZItems(p)
		items := *p
		z.RangeByRank(0, int(size-1), false, func(member string, score float64) bool {
			items = append(items, zitem{member, score})
			return true
		})
		*p = items
		rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		for _, it := range items[:count] {
			emit(it.member, it.score)
		}
		return
	}
	// A few members of a big set: draw until enough distinct ones.
	seen := make(map[string]struct{}, count)
	for int64(len(seen)) < count {
		member, score, _ := z.Random(rng)
		if _, dup := seen[member]; dup {
			continue
		}
		seen[member] = struct{}{}
		emit(member, score)
	}
}

// ---- ZSCAN ----

// cmdZScan is Redis's scanGenericCommand for a sorted set. A listpack is
// returned whole in one call, with cursor 0, as Redis does.
func cmdZScan(c *Client, argv [][]byte) {
	cursor, ok := parseScanCursor(argv[2])
	if !ok {
		c.errorReply("ERR invalid cursor")
		return
	}
	e := c.lookupRead(argv[1])
	if e == nil {
		c.reply.Array(2)
		c.reply.BulkString("0")
		c.reply.Array(0)
		return
	}
	z, isZSet := zsetOf(e)
	if !isZSet {
		c.errorReply(errWrongType)
		return
	}
	opts, ok := c.scanOptions(argv[3:], false)
	if !ok {
		return
	}
	count, pattern, usePattern := opts.count, opts.pattern, opts.usePattern
	p := getZItems()
	defer putZItems(p)
	items := *p
	keep := func(member string, score float64) {
		if !usePattern || datastruct.GlobMatchString(pattern, member, false) {
			items = append(items, zitem{member, score})
		}
	}
	if e.Encoding() == datastruct.EncListpack {
		z.RangeByRank(0, z.Len()-1, false, func(member string, score float64) bool {
			keep(member, score)
			return true
		})
		cursor = 0
	} else {
		cursor = z.Scan(cursor, int(min(count, math.MaxInt32)), keep)
	}
	*p = items
	r := &c.reply
	r.Array(2)
	var tmp [32]byte
	r.Bulk(strconv.AppendUint(tmp[:0], cursor, 10))
	r.Array(2 * len(items))
	for _, it := range items {
		r.BulkString(it.member)
		r.Bulk(AppendDouble(tmp[:0], it.score))
	}
}

// ---- ZUNION, ZINTER, ZDIFF and their STORE forms, ZINTERCARD ----

// zsetOp is the operation of zunionInterDiffGeneric.
type zsetOp int

const (
	zsetOpUnion zsetOp = iota
	zsetOpInter
	zsetOpDiff
)

// Aggregates of ZUNION and ZINTER.
const (
	aggrSum = iota
	aggrMin
	aggrMax
)

// zsetSource is one input of ZUNION, ZINTER and ZDIFF: a sorted set, or
// a plain set whose members all score 1, as in Redis.
type zsetSource struct {
	z      *datastruct.ZSet // nil for a missing key or a set
	set    *datastruct.Set
	weight float64
}

// zsetSourceOf returns the input an entry makes, or false when its type
// cannot be one.
func zsetSourceOf(e *datastruct.Entry) (zsetSource, bool) {
	if z, ok := zsetOf(e); ok {
		return zsetSource{z: z, weight: 1}, true
	}
	if set, ok := setOf(e); ok {
		return zsetSource{set: set, weight: 1}, true
	}
	return zsetSource{}, false
}

func (s *zsetSource) length() int {
	switch {
	case s.z != nil:
		return s.z.Len()
	case s.set != nil:
		return s.set.Len()
	}
	return 0
}

// same reports whether two inputs are the same value (one key given
// twice).
func (s *zsetSource) same(o *zsetSource) bool {
	return s.z != nil && s.z == o.z || s.set != nil && s.set == o.set
}

func (s *zsetSource) score(member string) (float64, bool) {
	switch {
	case s.z != nil:
		return s.z.Score(bytesOf(member))
	case s.set != nil:
		return 1, s.set.Contains(bytesOf(member))
	}
	return 0, false
}

func (s *zsetSource) each(fn func(member string, score float64) bool) {
	switch {
	case s.z != nil && s.z.Len() > 0:
		s.z.RangeByRank(0, s.z.Len()-1, false, fn)
	case s.set != nil:
		s.set.RangeStrings(func(m string) bool { return fn(m, 1) })
	}
}

// aggregate is Redis's zunionInterAggregate; a sum of inf and -inf is 0.
func aggregate(target *float64, val float64, aggr int) {
	switch aggr {
	case aggrSum:
		*target += val
		if *target != *target {
			*target = 0
		}
	case aggrMin:
		if val < *target {
			*target = val
		}
	case aggrMax:
		if val > *target {
			*target = val
		}
	}
}

func cmdZUnionStore(c *Client, argv [][]byte) { zsetOpGeneric(c, argv, argv[1], 2, zsetOpUnion, false) }
func cmdZInterStore(c *Client, argv [][]byte) { zsetOpGeneric(c, argv, argv[1], 2, zsetOpInter, false) }
func cmdZDiffStore(c *Client, argv [][]byte)  { zsetOpGeneric(c, argv, argv[1], 2, zsetOpDiff, false) }
func cmdZUnion(c *Client, argv [][]byte)      { zsetOpGeneric(c, argv, nil, 1, zsetOpUnion, false) }
func cmdZInter(c *Client, argv [][]byte)      { zsetOpGeneric(c, argv, nil, 1, zsetOpInter, false) }
func cmdZDiff(c *Client, argv [][]byte)       { zsetOpGeneric(c, argv, nil, 1, zsetOpDiff, false) }
func cmdZInterCard(c *Client, argv [][]byte)  { zsetOpGeneric(c, argv, nil, 1, zsetOpInter, true) }

// zsetOpGeneric is Redis's zunionInterDiffGenericCommand: dst is the
// destination of the STORE forms (nil otherwise), numkeysIdx the
// position of numkeys, and cardOnly makes it ZINTERCARD.
func zsetOpGeneric(c *Client, argv [][]byte, dst []byte, numkeysIdx int, op zsetOp, cardOnly bool) {
	setnum, ok := c.longArg(argv[numkeysIdx])
	if !ok {
		return
	}
	if setnum < 1 {
		c.errorReply("ERR at least 1 input key is needed for '" + c.srv.table.find(argv[0]).Name + "' command")
		return
	}
	if setnum > int64(len(argv)-(numkeysIdx+1)) {
		c.errorReply(errSyntax)
		return
	}
	n := int(setnum)
	// The keys are looked up, and their types checked, before the
	// options are parsed.
	src := make([]zsetSource, n)
	j := numkeysIdx + 1
	for i := range n {
		if e := c.lookupRead(argv[j]); e != nil {
			s, ok := zsetSourceOf(e)
			if !ok {
				c.errorReply(errWrongType)
				return
			}
			src[i] = s
		} else {
			src[i] = zsetSource{weight: 1}
		}
		j++
	}
	aggr := aggrSum
	withScores := false
	var limit int64
	for remaining := len(argv) - j; remaining > 0; remaining = len(argv) - j {
		opt := argv[j]
		switch {
		case op != zsetOpDiff && !cardOnly && remaining >= n+1 && isOpt(opt, "weights"):
			j++
			for i := range n {
				w, ok := parseScore(argv[j])
				if !ok {
					c.errorReply(errZWeight)
					return
				}
				src[i].weight = w
				j++
			}
		case op != zsetOpDiff && !cardOnly && remaining >= 2 && isOpt(opt, "aggregate"):
			switch a := argv[j+1]; {
			case isOpt(a, "sum"):
				aggr = aggrSum
			case isOpt(a, "min"):
				aggr = aggrMin
			case isOpt(a, "max"):
				aggr = aggrMax
			default:
				c.errorReply(errSyntax)
				return
			}
			j += 2
		case dst == nil && !cardOnly && isOpt(opt, "withscores"):
			withScores = true
			j++
		case cardOnly && remaining >= 2 && isOpt(opt, "limit"):
			if limit, ok = c.positiveArg(argv[j+1], errZLimitNeg); !ok {
				return
			}
			j += 2
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	if op != zsetOpDiff {
		// Smallest first, as Redis sorts them (a stable sort, which
		// fixes the order in which scores are summed).
		slices.SortStableFunc(src, func(a, b zsetSource) int { return cmp.Compare(a.length(), b.length()) })
	}

	p := getZItems()
	defer putZItems(p)
	items := *p
	var card int64
	switch op {
	case zsetOpInter:
		if src[0].length() == 0 {
			break
		}
		src[0].each(func(member string, raw float64) bool {
			score := raw * src[0].weight
			if score != score {
				score = 0
			}
			k := 1
			for ; k < n; k++ {
				var value float64
				if src[k].same(&src[0]) {
					value = raw * src[k].weight
				} else if v, found := src[k].score(member); found {
					value = v * src[k].weight
				} else {
					break
				}
				aggregate(&score, value, aggr)
			}
			if k < n {
				return true
			}
			if cardOnly {
				card++
				return limit == 0 || card < limit
			}
			items = append(items, zitem{member, score})
			return true
		})
	case zsetOpUnion:
		acc := make(map[string]float64, src[n-1].length())
		for i := range src {
			s := &src[i]
			s.each(func(member string, score float64) bool {
				score *= s.weight
				if score != score {
					score = 0
				}
				if cur, found := acc[member]; found {
					aggregate(&cur, score, aggr)
					acc[member] = cur
				} else {
					acc[member] = score
				}
				return true
			})
		}
		for member, score := range acc {
			items = append(items, zitem{member, score})
		}
	case zsetOpDiff:
		if src[0].length() == 0 {
			break
		}
		for k := 1; k < n; k++ {
			if src[k].same(&src[0]) {
				goto done // everything would be removed
			}
		}
		src[0].each(func(member string, score float64) bool {
			for k := 1; k < n; k++ {
				if _, found := src[k].score(member); found {
					return true
				}
			}
			items = append(items, zitem{member, score})
			return true
		})
	}
done:
	*p = items

	switch {
	case cardOnly:
		c.reply.Int(card)
	case dst != nil:
		z, enc := c.zsetOfResult(items)
		c.zsetStoreOrDelete(dst, z, enc)
	default:
		sortZItems(items)
		c.replyZItems(items, withScores)
	}
}

// zsetOfResult builds the set a ZUNIONSTORE, ZINTERSTORE or ZDIFFSTORE
// stores: a listpack when it fits the limits, else a skiplist.
func (c *Client) zsetOfResult(items []zitem) (*datastruct.ZSet, datastruct.Encoding) {
	if len(items) == 0 {
		return nil, 0
	}
	maxEntries, maxValue := c.zsetLimits()
	enc := datastruct.EncSkiplist
	if int64(len(items)) <= maxEntries {
		enc = datastruct.EncListpack
		for _, it := range items {
			if int64(len(it.member)) > maxValue {
				enc = datastruct.EncSkiplist
				break
			}
		}
	}
	z := datastruct.NewZSet()
	for _, it := range items {
		z.Set(bytesOf(it.member), storeScore(enc, it.score))
	}
	return z, enc
}

// sortZItems orders a result as a sorted set does: by score, then by
// member.
func sortZItems(items []zitem) {
	slices.SortFunc(items, func(a, b zitem) int {
		switch {
		case a.score < b.score:
			return -1
		case a.score > b.score:
			return 1
		}
		return strings.Compare(a.member, b.member)
	})
}
