package server

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Set commands, after Redis 7.0's t_set.c.
//
// A set lives in Entry.Obj as a *datastruct.Set: an intset while every
// member is an integer and there are at most set-max-intset-entries of
// them, then a hashtable, never back (but the sets SPOP, the *STORE
// commands and a reload build anew start as intsets, as in Redis).

const (
	errSetNumkeysArgs = "ERR Number of keys can't be greater than number of args"
	errSetLimitNeg    = "ERR LIMIT can't be negative"
)

var wordSRem = []byte("SREM")

func setOf(e *datastruct.Entry) (*datastruct.Set, bool) {
	s, ok := e.Obj.(*datastruct.Set)
	return s, ok
}

// setRead looks a set up for reading, counting the hit or miss. It
// returns nil for a missing key, and false after a WRONGTYPE reply.
func (c *Client) setRead(key []byte) (*datastruct.Set, bool) {
	return valueOf[*datastruct.Set](c, c.lookupRead(key))
}

// setWrite is setRead for a command that changes the set: it counts no
// hit or miss (lookupKeyWrite).
func (c *Client) setWrite(key []byte) (*datastruct.Set, bool) {
	return valueOf[*datastruct.Set](c, c.lookup(key))
}

// newSetFor is Redis's setTypeCreate: an intset if the first member is
// an integer, a table otherwise.
func newSetFor(first []byte) *datastruct.Set {
	if _, ok := datastruct.ParseInt(first); ok {
		return datastruct.NewSet()
	}
	return datastruct.NewSetTable(0)
}

// setCreate adds key holding an empty set made for its first member.
func (c *Client) setCreate(key, first []byte) *datastruct.Set {
	e := c.db.keys.Add(key)
	c.srv.initAccess(e)
	s := newSetFor(first)
	e.Obj = s
	return s
}

// setAdd is Redis's setTypeAdd: an intset that outgrows
// set-max-intset-entries becomes a table.
func (c *Client) setAdd(s *datastruct.Set, member []byte) bool {
	added := s.Add(member)
	if added && s.IsIntset() && int64(s.Len()) > c.srv.enc.setMaxIntset {
		s.ToTable()
	}
	return added
}

// setStore makes key hold s, replacing any value and its TTL, as Redis's
// setKey does for the *STORE commands, and signals the change.
func (c *Client) setStore(key []byte, s *datastruct.Set) {
	d := c.db
	e := c.lookup(key)
	switch {
	case e == nil:
		e = d.keys.Add(key)
		c.srv.initAccess(e)
	case !c.srv.lfu:
		c.srv.initAccess(e)
	}
	if e.ExpireAt != 0 {
		d.keys.SetExpire(e, 0)
	}
	e.Str = nil
	e.Obj = s
	e.SetEncoding(datastruct.EncRaw)
	c.modified(key)
}

// setStoreOrDelete ends a *STORE command: a non-empty result is stored,
// an empty one deletes the destination. It replies with the size.
func (c *Client) setStoreOrDelete(key []byte, s *datastruct.Set) {
	if s != nil && s.Len() > 0 {
		c.setStore(key, s)
		c.reply.Int(int64(s.Len()))
		return
	}
	c.reply.Int(0)
	if c.deleteKey(key) {
		c.modified(key)
	}
}

func cmdSAdd(c *Client, argv [][]byte) {
	key := argv[1]
	s, ok := c.setWrite(key)
	if !ok {
		return
	}
	if s == nil {
		s = c.setCreate(key, argv[2])
	}
	var added int64
	for _, m := range argv[2:] {
		if c.setAdd(s, m) {
			added++
		}
	}
	if added > 0 {
		c.modified(key)
		c.srv.dirty += added - 1
	}
	c.reply.Int(added)
}

func cmdSRem(c *Client, argv [][]byte) {
	key := argv[1]
	s, ok := c.setWrite(key)
	if !ok {
		return
	}
	if s == nil {
		c.reply.Int(0)
		return
	}
	var deleted int64
	for _, m := range argv[2:] {
		if s.Remove(m) {
			deleted++
			if s.Len() == 0 {
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

func cmdSMove(c *Client, argv [][]byte) {
	srcKey, dstKey, member := argv[1], argv[2], argv[3]
	srcE, dstE := c.lookup(srcKey), c.lookup(dstKey)
	if srcE == nil {
		c.reply.Int(0)
		return
	}
	src, ok := setOf(srcE)
	if !ok {
		c.errorReply(errWrongType)
		return
	}
	var dst *datastruct.Set
	if dstE != nil {
		if dst, ok = setOf(dstE); !ok {
			c.errorReply(errWrongType)
			return
		}
	}
	if src == dst {
		if src.Contains(member) {
			c.reply.Int(1)
		} else {
			c.reply.Int(0)
		}
		return
	}
	if !src.Remove(member) {
		c.reply.Int(0)
		return
	}
	if src.Len() == 0 {
		c.db.keys.Delete(srcKey)
	}
	if dst == nil {
		dst = c.setCreate(dstKey, member)
	}
	c.modified(srcKey)
	if c.setAdd(dst, member) {
		c.modified(dstKey)
	}
	c.reply.Int(1)
}

func cmdSIsMember(c *Client, argv [][]byte) {
	s, ok := c.setRead(argv[1])
	switch {
	case !ok:
	case s != nil && s.Contains(argv[2]):
		c.reply.Int(1)
	default:
		c.reply.Int(0)
	}
}

// cmdSMIsMember treats a missing key as an empty set.
func cmdSMIsMember(c *Client, argv [][]byte) {
	s, ok := c.setRead(argv[1])
	if !ok {
		return
	}
	c.reply.Array(len(argv) - 2)
	for _, m := range argv[2:] {
		if s != nil && s.Contains(m) {
			c.reply.Int(1)
		} else {
			c.reply.Int(0)
		}
	}
}

func cmdSCard(c *Client, argv [][]byte) {
	s, ok := c.setRead(argv[1])
	switch {
	case !ok:
	case s == nil:
		c.reply.Int(0)
	default:
		c.reply.Int(int64(s.Len()))
	}
}

// replySet writes every member of s as a set reply (an array in RESP2).
func (c *Client) replySet(s *datastruct.Set) {
	c.reply.Set(s.Len())
	s.Range(func(m []byte) bool { c.reply.Bulk(m); return true })
}

// ---- SPOP and SRANDMEMBER ----

// spopMoveStrategyMul is SPOP_MOVE_STRATEGY_MUL: when fewer than
// count/5 members remain, SPOP builds a new set of those instead of
// popping count of them.
const spopMoveStrategyMul = 5

// cmdSPop goes to the AOF as SREM of the popped members (one SREM each,
// in MULTI/EXEC when several), or DEL when it takes the whole set, as
// Redis 7.0 propagates it.
func cmdSPop(c *Client, argv [][]byte) {
	if len(argv) == 3 {
		spopWithCount(c, argv)
		return
	}
	if len(argv) > 3 {
		c.errorReply(errSyntax)
		return
	}
	key := argv[1]
	s, ok := c.setWrite(key)
	if !ok {
		return
	}
	if s == nil {
		c.reply.Null()
		return
	}
	var buf [20]byte
	member := popRandom(c, s, buf[:])
	c.propagateAs(wordSRem, key, member)
	c.reply.Bulk(member)
	if s.Len() == 0 {
		c.db.keys.Delete(key)
	}
	c.modified(key)
}

// popRandom removes a random member and returns it, in memory of its own
// (a table's string, or a new slice for an intset).
func popRandom(c *Client, s *datastruct.Set, buf []byte) []byte {
	member := s.Random(c.srv.rng, buf)
	if s.IsIntset() {
		member = append([]byte(nil), member...)
	}
	s.Remove(member)
	return member
}

func spopWithCount(c *Client, argv [][]byte) {
	count, ok := c.positiveArg(argv[2], errZPositive)
	if !ok {
		return
	}
	key := argv[1]
	s, ok := c.setWrite(key)
	if !ok {
		return
	}
	if s == nil || count == 0 {
		c.reply.Set(0)
		return
	}
	size := int64(s.Len())
	if count >= size {
		// The whole set, as SUNION of it would answer (which Redis runs,
		// looking the key up once more: a keyspace hit).
		c.srv.stats.keyspaceHits++
		c.replySet(unionOf(c, []*datastruct.Set{s}))
		c.db.keys.Delete(key)
		c.propagateAs(wordDel, key)
		c.modified(key)
		c.srv.dirty += size - 1
		return
	}
	c.reply.Set(int(count))
	remaining := size - count
	var buf [20]byte
	if remaining*spopMoveStrategyMul > count {
		for range count {
			m := popRandom(c, s, buf[:])
			c.reply.Bulk(m)
			c.propagateAs(wordSRem, key, m)
		}
	} else {
		// Move the members that stay to a new set, which replaces the old
		// one, and answer with what is left in the old one.
		var kept *datastruct.Set
		for range remaining {
			m := popRandom(c, s, buf[:])
			if kept == nil {
				kept = newSetFor(m)
			}
			c.setAdd(kept, m)
		}
		s.Range(func(m []byte) bool {
			c.reply.Bulk(m)
			c.propagateAs(wordSRem, key, append([]byte(nil), m...))
			return true
		})
		c.db.keys.Find(key).Obj = kept
	}
	c.modified(key)
	c.srv.dirty += count - 1
}

// srandmemberSubStrategyMul is SRANDMEMBER_SUB_STRATEGY_MUL.
const srandmemberSubStrategyMul = 3

func cmdSRandMember(c *Client, argv [][]byte) {
	if len(argv) == 3 {
		l, ok := c.intArg(argv[2], -math.MaxInt64, math.MaxInt64, "")
		if !ok {
			return
		}
		srandmemberWithCount(c, argv[1], l)
		return
	}
	if len(argv) > 3 {
		c.errorReply(errSyntax)
		return
	}
	s, ok := c.setRead(argv[1])
	switch {
	case !ok:
	case s == nil:
		c.reply.Null()
	default:
		var buf [20]byte
		c.reply.Bulk(s.Random(c.srv.rng, buf[:]))
	}
}

// srandmemberWithCount is Redis's srandmemberWithCountCommand: a
// negative count may repeat members; a positive one does not, and gives
// the whole set when it asks for at least its size.
func srandmemberWithCount(c *Client, key []byte, l int64) {
	s, ok := c.setRead(key)
	if !ok {
		return
	}
	r := &c.reply
	if s == nil || l == 0 {
		r.Array(0)
		return
	}
	rng := c.srv.rng
	size := int64(s.Len())
	var buf [20]byte
	if l < 0 || l == 1 {
		count := l
		if count < 0 {
			count = -count
		}
		r.Array(int(count))
		for range count {
			r.Bulk(s.Random(rng, buf[:]))
		}
		return
	}
	count := l
	if count >= size {
		r.Array(int(size))
		s.Range(func(m []byte) bool { r.Bulk(m); return true })
		return
	}
	r.Array(int(count))
	if count*srandmemberSubStrategyMul > size {
		perm := make([]int32, size)
		for i := range perm {
			perm[i] = int32(i)
		}
		for i := range int(count) {
			j := i + rng.IntN(int(size)-i)
			perm[i], perm[j] = perm[j], perm[i]
			r.Bulk(s.Member(int(perm[i]), buf[:]))
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
		r.Bulk(s.Member(i, buf[:]))
	}
}

// ---- SINTER, SUNION, SDIFF, their STORE forms, SINTERCARD ----

// lookupSets reads the sets at keys, nil for a missing key, replying
// WRONGTYPE and returning false for a key of another type.
func (c *Client) lookupSets(keys [][]byte) ([]*datastruct.Set, bool) {
	sets := make([]*datastruct.Set, len(keys))
	for i, k := range keys {
		s, ok := c.setRead(k)
		if !ok {
			return nil, false
		}
		sets[i] = s
	}
	return sets, true
}

func cmdSInter(c *Client, argv [][]byte)      { sinterGeneric(c, argv[1:], nil, false, 0) }
func cmdSInterStore(c *Client, argv [][]byte) { sinterGeneric(c, argv[2:], argv[1], false, 0) }

func cmdSInterCard(c *Client, argv [][]byte) {
	numkeys, ok := c.intArg(argv[1], 1, math.MaxInt64, "ERR numkeys should be greater than 0")
	if !ok {
		return
	}
	if numkeys > int64(len(argv)-2) {
		c.errorReply(errSetNumkeysArgs)
		return
	}
	var limit int64
	for j := 2 + int(numkeys); j < len(argv); j++ {
		if isOpt(argv[j], "limit") && j+1 < len(argv) {
			j++
			if limit, ok = c.positiveArg(argv[j], errSetLimitNeg); !ok {
				return
			}
			continue
		}
		c.errorReply(errSyntax)
		return
	}
	sinterGeneric(c, argv[2:2+numkeys], nil, true, limit)
}

// sinterGeneric is Redis's sinterGenericCommand: dst is the destination
// of SINTERSTORE (nil otherwise), cardOnly makes it SINTERCARD with
// limit (0: none).
func sinterGeneric(c *Client, keys [][]byte, dst []byte, cardOnly bool, limit int64) {
	sets, ok := c.lookupSets(keys)
	if !ok {
		return
	}
	if slices.Contains(sets, nil) {
		switch {
		case dst != nil:
			c.setStoreOrDelete(dst, nil)
		case cardOnly:
			c.reply.Int(0)
		default:
			c.reply.Set(0)
		}
		return
	}
	if len(sets) == 1 && dst == nil && !cardOnly {
		c.replySet(sets[0]) // SMEMBERS: nothing to intersect
		return
	}
	// Smallest first (a stable sort, as glibc's qsort is for these).
	slices.SortStableFunc(sets, func(a, b *datastruct.Set) int { return cmp.Compare(a.Len(), b.Len()) })
	var result *datastruct.Set
	if dst != nil {
		result = datastruct.NewSet()
	}
	var card int64
	var members memberList
	sets[0].Range(func(m []byte) bool {
		for _, o := range sets[1:] {
			if o != sets[0] && !o.Contains(m) {
				return true
			}
		}
		switch {
		case cardOnly:
			card++
			return limit == 0 || card < limit
		case dst != nil:
			c.setAdd(result, m)
		default:
			members.add(m)
		}
		return true
	})
	switch {
	case cardOnly:
		c.reply.Int(card)
	case dst != nil:
		c.setStoreOrDelete(dst, result)
	default:
		c.reply.Set(members.len())
		for i := range members.len() {
			c.reply.Bulk(members.at(i))
		}
	}
}

// memberList keeps copies of members in one buffer.
type memberList struct {
	buf  []byte
	ends []int
}

func (l *memberList) add(m []byte) {
	l.buf = append(l.buf, m...)
	l.ends = append(l.ends, len(l.buf))
}

func (l *memberList) len() int { return len(l.ends) }

func (l *memberList) at(i int) []byte {
	start := 0
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.buf[start:l.ends[i]]
}

func cmdSUnion(c *Client, argv [][]byte)      { sunionDiffGeneric(c, argv[1:], nil, false) }
func cmdSUnionStore(c *Client, argv [][]byte) { sunionDiffGeneric(c, argv[2:], argv[1], false) }
func cmdSDiff(c *Client, argv [][]byte)       { sunionDiffGeneric(c, argv[1:], nil, true) }
func cmdSDiffStore(c *Client, argv [][]byte)  { sunionDiffGeneric(c, argv[2:], argv[1], true) }

// unionOf builds the union of sets as Redis does: a new intset that each
// member is added to.
func unionOf(c *Client, sets []*datastruct.Set) *datastruct.Set {
	result := datastruct.NewSet()
	for _, s := range sets {
		if s != nil {
			s.Range(func(m []byte) bool { c.setAdd(result, m); return true })
		}
	}
	return result
}

// sunionDiffGeneric is Redis's sunionDiffGenericCommand, with both of
// its SDIFF algorithms: which one runs shows in the encoding of the
// result (an intset that grew past its limit stays a table).
func sunionDiffGeneric(c *Client, keys [][]byte, dst []byte, diff bool) {
	sets, ok := c.lookupSets(keys)
	if !ok {
		return
	}
	var result *datastruct.Set
	switch {
	case !diff:
		result = unionOf(c, sets)
	case sets[0] == nil || slices.Contains(sets[1:], sets[0]):
		// Nothing to subtract from, or the first set itself is
		// subtracted: empty.
		result = datastruct.NewSet()
	default:
		result = datastruct.NewSet()
		// Algorithm 1 checks each member of the first set against the
		// others: about size(first) * sets. Algorithm 2 adds the first
		// set and removes the others: the sum of the sizes.
		var one, two int64
		for _, s := range sets {
			if s != nil {
				one += int64(sets[0].Len())
				two += int64(s.Len())
			}
		}
		if one/2 <= two {
			// The sets to subtract by decreasing size, so that a member is
			// found early.
			others := slices.Clone(sets[1:])
			slices.SortStableFunc(others, func(a, b *datastruct.Set) int { return cmp.Compare(setLen(b), setLen(a)) })
			sets[0].Range(func(m []byte) bool {
				for _, o := range others {
					if o != nil && o.Contains(m) {
						return true
					}
				}
				c.setAdd(result, m)
				return true
			})
		} else {
			sets[0].Range(func(m []byte) bool { c.setAdd(result, m); return true })
			for _, o := range sets[1:] {
				if o == nil {
					continue
				}
				o.Range(func(m []byte) bool { result.Remove(m); return result.Len() > 0 })
				if result.Len() == 0 {
					break
				}
			}
		}
	}
	if dst != nil {
		c.setStoreOrDelete(dst, result)
		return
	}
	c.replySet(result)
}

func setLen(s *datastruct.Set) int {
	if s == nil {
		return 0
	}
	return s.Len()
}

// cmdSScan is Redis's scanGenericCommand for a set: an intset is
// returned whole, with cursor 0.
func cmdSScan(c *Client, argv [][]byte) {
	cursor, ok := parseScanCursor(argv[2])
	if !ok {
		c.errorReply("ERR invalid cursor")
		return
	}
	s, ok := c.setRead(argv[1])
	if !ok {
		return
	}
	if s == nil {
		c.reply.Array(2)
		c.reply.BulkString("0")
		c.reply.Array(0)
		return
	}
	opts, ok := c.scanOptions(argv[3:], false)
	if !ok {
		return
	}
	var members memberList
	cursor = s.Scan(cursor, int(min(opts.count, math.MaxInt32)), func(m []byte) {
		if !opts.usePattern || datastruct.GlobMatch(opts.pattern, m, false) {
			members.add(m)
		}
	})
	r := &c.reply
	r.Array(2)
	var tmp [20]byte
	r.Bulk(strconv.AppendUint(tmp[:0], cursor, 10))
	r.Array(members.len())
	for i := range members.len() {
		r.Bulk(members.at(i))
	}
}
