package datastruct

import (
	"bytes"
	"hash/maphash"
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/tidwall/btree"
)

// ZSet is a sorted set: members ordered by score, then by member bytes,
// with a member index for O(1) score lookups.
//
// It is two structures over the same member strings:
//
//   - an order: a tidwall/btree BTreeG of (score, member) values, a
//     counted B-tree, so At is O(log n) through GetAt and Rank and the
//     Count* methods are O(log n) through btreeCountBefore (see
//     btree_rank.go);
//   - an index: a chained hash table from member to score, in the shape
//     of Redis's dict (two tables, incremental rehash, SCAN's
//     reverse-binary cursor), which Score uses and which Scan walks.
//
// A member string is allocated once and shared by both.
//
// Copy is O(1) for both structures. The tree is tidwall's copy on write;
// its items are immutable values, so they need no Copy method. The index
// is copy on write too, by pages of zpageSize buckets: a page (its bucket
// array and the chain nodes it holds) belongs to one ZSet, and a write to
// a page owned by another copy clones that page first. Reads never write,
// so a copy can be read while the original is written, as a snapshot is,
// provided each ZSet is used by one goroutine at a time.
//
// Nothing here is safe for concurrent use; the server holds the lock. The
// callbacks of the Range* and Scan methods must not modify the set.
type ZSet struct {
	tree *btree.BTreeG[zitem]
	idx  zindex
	// memberBytes is the allocated size of the member strings, kept up
	// to date so that MemoryBytes is O(1).
	memberBytes int64
}

// zitem is one member in the order. It is a value and never changes in
// place: a new score is a delete and an insert.
type zitem struct {
	score  float64
	member string
}

// zless orders by score, then by member bytes as memcmp does. NaN is
// never stored; -0 and +0 compare equal, as in Redis.
func zless(a, b zitem) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.member < b.member
}

// zsetTreeMirrored reports whether btree_rank.go's view of the btree
// layout is valid for this build; if not, ranks use GetAt (O(log² n)).
var zsetTreeMirrored = btreeMirrored[zitem]()

// zscanAllMax is the size up to which Scan returns every member in one
// call with cursor 0, as Redis does for a listpack-encoded sorted set
// (zset-max-listpack-entries defaults to 128).
const zscanAllMax = 128

// ScoreRange is a score interval as ZRANGEBYSCORE takes it: "(1" is an
// exclusive bound, "-inf" and "+inf" are open ends.
type ScoreRange struct {
	Min, Max     float64
	MinEx, MaxEx bool
}

// LexRange is a member interval as ZRANGEBYLEX takes it: "[a" inclusive,
// "(a" exclusive, "-" and "+" the open ends.
//
// Redis also accepts "+" as the min and "-" as the max; such a range
// matches nothing, and ParseLexRange returns it as [""..."") (Min empty,
// Max empty and exclusive), which matches nothing either.
type LexRange struct {
	Min, Max       []byte
	MinEx, MaxEx   bool
	MinInf, MaxInf bool // "-" for Min, "+" for Max
}

// ParseScoreRange parses ZRANGEBYSCORE's min and max. It fails with
// ErrMinMaxNotFloat.
//
// It is Redis's zslParseRange: an optional '(' makes the bound exclusive,
// and the rest is read with strtod, so leading spaces, hexadecimal
// ("0x1p3"), "inf", "infinity" and the empty string (0) are accepted, an
// overflow ("1e400") is ±inf, an underflow is 0, parsing stops at a NUL
// byte, and NaN and trailing characters are refused.
func ParseScoreRange(min, max []byte) (ScoreRange, error) {
	var r ScoreRange
	var ok bool
	if r.Min, r.MinEx, ok = parseScoreBound(min); !ok {
		return ScoreRange{}, ErrMinMaxNotFloat
	}
	if r.Max, r.MaxEx, ok = parseScoreBound(max); !ok {
		return ScoreRange{}, ErrMinMaxNotFloat
	}
	return r, nil
}

func parseScoreBound(b []byte) (v float64, ex, ok bool) {
	if len(b) > 0 && b[0] == '(' {
		v, ok = strtodAll(b[1:])
		return v, true, ok
	}
	v, ok = strtodAll(b)
	return v, false, ok
}

// strtodAll is `d = strtod(s, &end); ok = *end == '\0' && !isnan(d)` on
// the C string in b (which ends at its first NUL, if any).
func strtodAll(b []byte) (float64, bool) {
	f, ok, _ := strtod(b)
	return f, ok
}

// StrtodStrict reads b as Redis's SORT reads a weight: strtod on the C
// string in b (up to its first NUL), refusing trailing characters, NaN,
// and what sets errno to ERANGE: an overflow ("1e400"), and an inexact
// result below the smallest normal double ("1e-310", "1e-400"; an exact
// subnormal such as "0x1p-1074" passes, as with glibc).
func StrtodStrict(b []byte) (float64, bool) {
	f, ok, erange := strtod(b)
	return f, ok && !erange
}

// strtod is C's strtod on the C string in b with the checks callers
// make: ok when the whole string was read and is not NaN, erange when
// strtod would set errno to ERANGE.
func strtod(b []byte) (f float64, ok, erange bool) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	if len(b) == 0 {
		return 0, true, false // no conversion: end is the start, which is the NUL
	}
	s := b
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	body := s
	neg := false
	if len(body) > 0 && (body[0] == '+' || body[0] == '-') {
		neg = body[0] == '-'
		body = body[1:]
	}
	var num string
	switch {
	case asciiEqualFold(body, "inf") || asciiEqualFold(body, "infinity"):
		if neg {
			return math.Inf(-1), true, false
		}
		return math.Inf(1), true, false
	case len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') && isHexFloat(body[2:]):
		num = string(s)
		if bytes.IndexAny(body, "pP") < 0 {
			num += "p0" // strtod takes hexadecimal without an exponent; ParseFloat does not
		}
	case isDecFloat(body):
		num = unsafe.String(unsafe.SliceData(s), len(s)) // no copy: nothing keeps num
	default:
		// No number, a NaN, or a number followed by more characters:
		// strtod's end pointer would not reach the end.
		return 0, false, false
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		// The syntax was checked above, so this is ErrRange, an overflow:
		// strtod gives ±HUGE_VAL too.
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, false, false
		}
		return f, true, true
	}
	if math.Abs(f) < 0x1p-1022 {
		erange = underflows(num, f)
	}
	return f, true, erange
}

// underflows reports whether glibc's strtod sets ERANGE for num, whose
// correctly rounded value f is zero or subnormal: when the exact value
// is not zero and f is not exactly it. A subnormal has at most 52
// significant bits, so 64 bits of precision tell an exact one.
func underflows(num string, f float64) bool {
	if f == 0 {
		return !zeroMantissa(num)
	}
	exact, _, err := big.ParseFloat(strings.TrimLeft(num, " \t\n\v\f\r"), 0, 64, big.ToNearestEven)
	if err != nil {
		return false
	}
	if exact.Sign() == 0 {
		return false
	}
	return exact.Acc() != big.Exact || exact.Cmp(big.NewFloat(f)) != 0
}

// zeroMantissa reports whether the digits of a number strtod accepted,
// before its exponent, are all zeros.
func zeroMantissa(num string) bool {
	num = strings.TrimLeft(num, " \t\n\v\f\r+-")
	hex := len(num) > 1 && num[0] == '0' && num[1]|0x20 == 'x'
	if hex {
		num = num[2:]
	}
	for i := 0; i < len(num); i++ {
		switch c := num[i]; {
		case c == '0' || c == '.':
		case !hex && c|0x20 == 'e', hex && c|0x20 == 'p':
			return true
		default:
			return false
		}
	}
	return true
}

func asciiEqualFold(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := range b {
		if b[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// isDecFloat matches digits [ "." digits ] [ e [+-] digits ], with at
// least one mantissa digit, exactly as much as strtod consumes.
func isDecFloat(b []byte) bool {
	i, digits := 0, 0
	for i < len(b) && isDigit(b[i]) {
		i, digits = i+1, digits+1
	}
	if i < len(b) && b[i] == '.' {
		i++
		for i < len(b) && isDigit(b[i]) {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return false
	}
	return isExponent(b[i:], 'e')
}

// isHexFloat is isDecFloat for what follows "0x", with a 'p' exponent.
func isHexFloat(b []byte) bool {
	i, digits := 0, 0
	for i < len(b) && isHexDigit(b[i]) {
		i, digits = i+1, digits+1
	}
	if i < len(b) && b[i] == '.' {
		i++
		for i < len(b) && isHexDigit(b[i]) {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return false
	}
	return isExponent(b[i:], 'p')
}

// isExponent matches "" or marker [+-] digits (either case of marker).
func isExponent(b []byte, marker byte) bool {
	if len(b) == 0 {
		return true
	}
	if b[0]|0x20 != marker {
		return false
	}
	b = b[1:]
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		b = b[1:]
	}
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool    { return c >= '0' && c <= '9' }
func isHexDigit(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }

// ParseLexRange parses ZRANGEBYLEX's min and max. It fails with
// ErrMinMaxNotLex.
//
// It is Redis's zslParseLexRange: each bound starts with '(' (exclusive)
// or '[' (inclusive), or is exactly "-" or "+" (a NUL may follow, as in
// C). Min and Max alias the arguments.
func ParseLexRange(min, max []byte) (LexRange, error) {
	lo, loEx, loKind, ok1 := parseLexBound(min)
	hi, hiEx, hiKind, ok2 := parseLexBound(max)
	if !ok1 || !ok2 {
		return LexRange{}, ErrMinMaxNotLex
	}
	if loKind == '+' || hiKind == '-' {
		// Redis's min string above everything, or max below: empty.
		return LexRange{Min: []byte{}, Max: []byte{}, MaxEx: true}, nil
	}
	return LexRange{
		Min: lo, Max: hi,
		MinEx: loEx, MaxEx: hiEx,
		MinInf: loKind == '-', MaxInf: hiKind == '+',
	}, nil
}

// parseLexBound is zslParseLexRangeItem. kind is '-' or '+' for those
// bounds, 0 otherwise.
func parseLexBound(b []byte) (v []byte, ex bool, kind byte, ok bool) {
	if len(b) == 0 {
		return nil, false, 0, false
	}
	switch b[0] {
	case '+', '-':
		if len(b) > 1 && b[1] != 0 {
			return nil, false, 0, false
		}
		return nil, true, b[0], true
	case '(':
		return b[1:], true, 0, true
	case '[':
		return b[1:], false, 0, true
	}
	return nil, false, 0, false
}

func (r *ScoreRange) belowMin(s float64) bool {
	if r.MinEx {
		return s <= r.Min
	}
	return s < r.Min
}

func (r *ScoreRange) aboveMax(s float64) bool {
	if r.MaxEx {
		return s >= r.Max
	}
	return s > r.Max
}

func (r *LexRange) belowMin(m string) bool {
	if r.MinInf {
		return false
	}
	if r.MinEx {
		return m <= string(r.Min)
	}
	return m < string(r.Min)
}

func (r *LexRange) aboveMax(m string) bool {
	if r.MaxInf {
		return false
	}
	if r.MaxEx {
		return m >= string(r.Max)
	}
	return m > string(r.Max)
}

// NewZSet returns an empty sorted set.
func NewZSet() *ZSet {
	return &ZSet{
		tree: btree.NewBTreeGOptions(zless, btree.Options{NoLocks: true}),
		idx:  zindex{rehashIdx: -1, seed: maphash.MakeSeed(), iso: newZIso()},
	}
}

// Len is the number of members.
func (z *ZSet) Len() int { return z.tree.Len() }

// Score returns a member's score.
func (z *ZSet) Score(member []byte) (float64, bool) {
	if e := z.idx.find(z.idx.hashBytes(member), member); e != nil {
		return e.score, true
	}
	return 0, false
}

// Set adds member with score or updates its score. added reports a new
// member, changed a new member or a changed score.
//
// As in Redis, a score equal to the current one (including -0 for +0)
// changes nothing. score must not be NaN: Set panics, because a NaN would
// break the order.
func (z *ZSet) Set(member []byte, score float64) (added, changed bool) {
	if score != score {
		panic("datastruct: ZSet.Set with a NaN score")
	}
	x := &z.idx
	x.rehashStep()
	h := x.hashBytes(member)
	if e := x.find(h, member); e != nil {
		if e.score == score {
			return false, false
		}
		e = x.findMut(h, member)
		z.tree.Delete(zitem{e.score, e.member})
		e.score = score
		z.tree.Set(zitem{score, e.member})
		return false, true
	}
	x.growIfNeeded()
	m := string(member)
	z.memberBytes += allocSize(uintptr(len(m)))
	x.insert(h, &zent{member: m, score: score})
	z.tree.Set(zitem{score, m})
	return true, true
}

// Delete removes a member and reports whether it was there.
func (z *ZSet) Delete(member []byte) bool {
	z.idx.rehashStep()
	e := z.idx.remove(z.idx.hashBytes(member), member)
	if e == nil {
		return false
	}
	z.memberBytes -= allocSize(uintptr(len(e.member)))
	z.tree.Delete(zitem{e.score, e.member})
	return true
}

// countBefore is how many members satisfy before, a predicate true for a
// prefix of the order, in O(log n).
func (z *ZSet) countBefore(before func(zitem) bool) int {
	if zsetTreeMirrored {
		return btreeCountBefore(z.tree, before)
	}
	return btreeCountBeforeSlow(z.tree, before)
}

// Rank returns the 0-based rank of member in ascending order, or in
// descending order when reverse, in O(log n).
func (z *ZSet) Rank(member []byte, reverse bool) (rank int, score float64, ok bool) {
	e := z.idx.find(z.idx.hashBytes(member), member)
	if e == nil {
		return 0, 0, false
	}
	pivot := zitem{e.score, e.member}
	rank = z.countBefore(func(it zitem) bool { return zless(it, pivot) })
	if reverse {
		rank = z.Len() - 1 - rank
	}
	return rank, e.score, true
}

// At returns the member at a 0-based ascending rank, in O(log n).
func (z *ZSet) At(rank int) (member string, score float64, ok bool) {
	it, ok := z.tree.GetAt(rank)
	return it.member, it.score, ok
}

// RangeByRank calls fn for the members from rank start to stop
// inclusive (0-based, already clamped by the caller), in descending
// order when reverse, until fn returns false.
//
// When reverse, start and stop are descending ranks, as ZREVRANGE's: 0
// is the highest member. Out-of-range bounds are clamped to the set, and
// start > stop visits nothing. It costs O(log n) plus the members visited.
func (z *ZSet) RangeByRank(start, stop int, reverse bool, fn func(member string, score float64) bool) {
	n := z.Len()
	start, stop = max(start, 0), min(stop, n-1)
	if start > stop {
		return
	}
	if reverse {
		z.visit(n-1-start, stop-start+1, true, fn)
	} else {
		z.visit(start, stop-start+1, false, fn)
	}
}

// visit calls fn for count members from ascending index i upwards, or
// downwards when reverse. The caller keeps them in range.
func (z *ZSet) visit(i, count int, reverse bool, fn func(member string, score float64) bool) {
	pivot, _ := z.tree.GetAt(i)
	iter := func(it zitem) bool {
		if !fn(it.member, it.score) {
			return false
		}
		count--
		return count > 0
	}
	if reverse {
		z.tree.Descend(pivot, iter)
	} else {
		z.tree.Ascend(pivot, iter)
	}
}

// visitSlice calls fn for the members of ascending indexes [lo, hi), from
// lo up (from hi-1 down when reverse), skipping offset of them and
// stopping after limit (negative: no limit).
func (z *ZSet) visitSlice(lo, hi int, reverse bool, offset, limit int, fn func(member string, score float64) bool) {
	count := hi - lo - offset
	if offset < 0 || limit == 0 || count <= 0 {
		return
	}
	if limit > 0 {
		count = min(count, limit)
	}
	if reverse {
		z.visit(hi-1-offset, count, true, fn)
	} else {
		z.visit(lo+offset, count, false, fn)
	}
}

// scoreSlice is the ascending index interval [lo, hi) of the members in r.
func (z *ZSet) scoreSlice(r *ScoreRange) (lo, hi int) {
	lo = z.countBefore(func(it zitem) bool { return r.belowMin(it.score) })
	hi = z.countBefore(func(it zitem) bool { return !r.aboveMax(it.score) })
	return lo, max(lo, hi)
}

// lexSlice is scoreSlice for a lexical range. Like Redis's it assumes
// that all scores are equal; otherwise the result is well defined here
// but unspecified (and may differ from Redis's, whose answer depends on
// its skiplist's random levels).
func (z *ZSet) lexSlice(r *LexRange) (lo, hi int) {
	lo = z.countBefore(func(it zitem) bool { return r.belowMin(it.member) })
	hi = z.countBefore(func(it zitem) bool { return !r.aboveMax(it.member) })
	return lo, max(lo, hi)
}

// RangeByScore calls fn for the members in r, skipping offset of them
// and stopping after limit (negative: no limit), in descending order
// when reverse.
//
// As in Redis, a negative offset or a zero limit visits nothing. The
// offset is skipped in O(log n), not by walking.
func (z *ZSet) RangeByScore(r ScoreRange, reverse bool, offset, limit int, fn func(member string, score float64) bool) {
	if z.Len() == 0 {
		return
	}
	lo, hi := z.scoreSlice(&r)
	z.visitSlice(lo, hi, reverse, offset, limit, fn)
}

// RangeByLex is RangeByScore over member bytes; Redis defines it only
// for members of equal score.
func (z *ZSet) RangeByLex(r LexRange, reverse bool, offset, limit int, fn func(member string, score float64) bool) {
	if z.Len() == 0 {
		return
	}
	lo, hi := z.lexSlice(&r)
	z.visitSlice(lo, hi, reverse, offset, limit, fn)
}

// CountByScore is the number of members in r, in O(log n).
func (z *ZSet) CountByScore(r ScoreRange) int {
	lo, hi := z.scoreSlice(&r)
	return hi - lo
}

// CountByLex is the number of members in r, in O(log n).
func (z *ZSet) CountByLex(r LexRange) int {
	lo, hi := z.lexSlice(&r)
	return hi - lo
}

// DeleteRangeByRank removes ranks start..stop (clamped) and returns the
// number removed.
//
// The ranks are ascending and 0-based; the caller converts negative
// ones as ZREMRANGEBYRANK does. start > stop removes nothing.
func (z *ZSet) DeleteRangeByRank(start, stop int) int {
	start, stop = max(start, 0), min(stop, z.Len()-1)
	if start > stop {
		return 0
	}
	return z.deleteSlice(start, stop+1)
}

// DeleteRangeByScore removes the members in r.
func (z *ZSet) DeleteRangeByScore(r ScoreRange) int {
	lo, hi := z.scoreSlice(&r)
	return z.deleteSlice(lo, hi)
}

// DeleteRangeByLex removes the members in r.
func (z *ZSet) DeleteRangeByLex(r LexRange) int {
	lo, hi := z.lexSlice(&r)
	return z.deleteSlice(lo, hi)
}

// deleteSlice removes the members at ascending indexes [lo, hi).
func (z *ZSet) deleteSlice(lo, hi int) int {
	n := hi - lo
	if n <= 0 {
		return 0
	}
	if n <= 4 {
		for range n {
			it, _ := z.tree.DeleteAt(lo)
			z.dropFromIndex(it.member)
		}
		return n
	}
	first, _ := z.tree.GetAt(lo)
	last, _ := z.tree.GetAt(hi - 1)
	deleted := z.tree.DeleteRange(first, last, &btree.DeleteRangeOptions{MaxInclusive: true})
	deleted.Scan(func(it zitem) bool {
		z.dropFromIndex(it.member)
		return true
	})
	return n
}

func (z *ZSet) dropFromIndex(member string) {
	z.memberBytes -= allocSize(uintptr(len(member)))
	x := &z.idx
	x.rehashStep()
	zremove(x, x.hashString(member), member)
}

// PopMin removes and returns the lowest member.
func (z *ZSet) PopMin() (member string, score float64, ok bool) {
	it, ok := z.tree.PopMin()
	if ok {
		z.dropFromIndex(it.member)
	}
	return it.member, it.score, ok
}

// PopMax removes and returns the highest member.
func (z *ZSet) PopMax() (member string, score float64, ok bool) {
	it, ok := z.tree.PopMax()
	if ok {
		z.dropFromIndex(it.member)
	}
	return it.member, it.score, ok
}

// Random returns a uniformly random member, in O(log n).
func (z *ZSet) Random(rng *rand.Rand) (member string, score float64, ok bool) {
	n := z.Len()
	if n == 0 {
		return "", 0, false
	}
	return z.At(rng.IntN(n))
}

// Scan visits members as ZSCAN does: a cursor that keeps Redis's
// guarantee (every member present for the whole iteration is returned),
// about count members a call; it returns the next cursor, 0 at the end.
//
// A set of at most 128 members is returned whole, in order, with cursor
// 0, whatever the cursor, as Redis returns a listpack-encoded set. A
// larger one is walked as Redis's dictScan walks its dict: bucket by
// bucket in reverse-binary cursor order, until at least count members
// (count < 1 counts as 1) or 10*count buckets, like zscan's loop. A
// member may be returned more than once. fn must not modify the set.
func (z *ZSet) Scan(cursor uint64, count int, fn func(member string, score float64)) uint64 {
	if z.Len() <= zscanAllMax {
		z.tree.Scan(func(it zitem) bool {
			fn(it.member, it.score)
			return true
		})
		return 0
	}
	count = min(max(count, 1), math.MaxInt/10)
	found := 0
	visit := func(e *zent) {
		fn(e.member, e.score)
		found++
	}
	for budget := 10 * count; ; budget-- {
		cursor = z.idx.scan(cursor, visit)
		if cursor == 0 || budget <= 1 || found >= count {
			return cursor
		}
	}
}

// Copy returns an independent copy, cheaply (copy on write).
//
// It is O(1): the tree and the index are shared until written, and each
// side copies what it writes. A write copies the B-tree nodes on its
// root-to-leaf path that are still shared, and the index pages (64
// buckets and their chains) it touches; the first write after a Copy
// also copies the index's page table, 32 bytes per 64 buckets (about
// 0.5 MB for a million members).
func (z *ZSet) Copy() *ZSet {
	c := &ZSet{tree: z.tree.Copy(), idx: z.idx, memberBytes: z.memberBytes}
	// Both sides get new ids, so neither owns the shared pages any more.
	z.idx.iso = newZIso()
	c.idx.iso = newZIso()
	return c
}

// Clone is Copy as an any, for the server's COPY.
func (z *ZSet) Clone() any { return z.Copy() }

// zsetMemberOverhead is a member's bytes besides its string: its B-tree
// item in a three-quarters-full node, its index entry and bucket slot.
// Measured against MemoryUsage(0) and the Go heap (about 100 bytes for
// 10k to 300k members; see TestZSetMemoryBytes).
const zsetMemberOverhead = 100

// MemoryBytes estimates the bytes the set takes in O(1), for used-memory
// accounting; MemoryUsage measures them.
func (z *ZSet) MemoryBytes() int64 {
	return allocSize(unsafe.Sizeof(ZSet{})) + allocSize(unsafe.Sizeof(btree.BTreeG[zitem]{})) +
		int64(z.Len())*zsetMemberOverhead + z.memberBytes
}

// MemoryUsage estimates the bytes the set takes, as MEMORY USAGE reports
// them: the headers, the B-tree nodes, the index and the member strings,
// each rounded up to Go's allocation size classes.
//
// samples is MEMORY USAGE's SAMPLES: 0 walks everything (O(n)); otherwise
// the member bytes and the B-tree leaves are measured over about samples
// members from the low end and extrapolated (O(samples + log n)), as
// Redis's objectComputeSize samples. Pages shared with a copy are counted
// in full by both, and the fixed overhead of the B-tree's internal nodes
// is estimated from the leaves when sampling.
func (z *ZSet) MemoryUsage(samples int64) int64 {
	size := allocSize(unsafe.Sizeof(ZSet{})) + allocSize(unsafe.Sizeof(btree.BTreeG[zitem]{}))
	size += z.idx.memory()
	n := int64(z.Len())
	if n == 0 {
		return size
	}
	const itemSize, ptrSize = unsafe.Sizeof(zitem{}), unsafe.Sizeof(uintptr(0))
	if !zsetTreeMirrored {
		// No view of the nodes: assume half-full nodes of 63 items.
		size += n * 2 * int64(itemSize)
	} else {
		// A node split keeps its left half in the old array, trimmed to
		// min slots, and the right half shares that array until it grows:
		// a slice of min slots is taken to hold a whole array of max.
		nmin, nmax := btreeMinMax(z.tree)
		nodeHeader := allocSize(unsafe.Sizeof(btreeNodeMirror[zitem]{}))
		nodeBytes := func(itemCap, childCap int) int64 {
			if itemCap == nmin {
				itemCap = nmax
			}
			b := nodeHeader + allocSize(uintptr(itemCap)*itemSize)
			if childCap > 0 {
				if childCap == nmin+1 {
					childCap = nmax + 1
				}
				b += allocSize(unsafe.Sizeof([]int{})) + allocSize(uintptr(childCap)*ptrSize)
			}
			return b
		}
		if samples <= 0 || samples >= n {
			btreeWalkNodes(z.tree, func(itemCap, childCap int) { size += nodeBytes(itemCap, childCap) })
		} else if leaves, items, leafBytes := btreeFirstLeaves(z.tree, int(samples), func(itemCap int) int64 {
			return nodeBytes(itemCap, 0)
		}); items > 0 {
			perLeaf := float64(leafBytes) / float64(leaves)
			leavesTotal := float64(n) * float64(leaves) / float64(items)
			// An internal node has about one child per leaf item, so there
			// are about leavesTotal/itemsPerLeaf of them, each a leaf's
			// cost plus a child array.
			internal := leavesTotal * float64(leaves) / float64(items)
			size += int64(perLeaf*leavesTotal + internal*(perLeaf+float64(nodeBytes(nmax, nmax+1)-nodeBytes(nmax, 0))))
		}
	}
	// Member strings, each allocated once and shared by tree and index.
	var memberBytes, seen int64
	z.tree.Scan(func(it zitem) bool {
		memberBytes += allocSize(uintptr(len(it.member)))
		seen++
		return samples <= 0 || seen < samples
	})
	size += int64(float64(memberBytes) / float64(seen) * float64(n))
	return size
}

// allocSize is the bytes Go's allocator hands out for a request of n
// bytes: the size class above 32 KiB and whole 8 KiB pages beyond.
func allocSize(n uintptr) int64 {
	switch {
	case n == 0:
		return 0
	case n <= 1024:
		return int64(sizeBy8[(n+7)>>3])
	case n <= 32768:
		return int64(sizeBy128[(n+127)>>7])
	}
	return int64((n + 8191) &^ 8191)
}

// sizeBy8 and sizeBy128 map a size, rounded up to 8 or 128 bytes, to its
// size class in O(1), as the runtime's own size_to_class tables do:
// used-memory accounting asks on every write command.
var sizeBy8, sizeBy128 = func() (by8 [1024/8 + 1]uint16, by128 [32768/128 + 1]uint16) {
	class := func(n int) uint16 {
		i, _ := slices.BinarySearch(goSizeClasses[:], uint16(n))
		return goSizeClasses[i]
	}
	for i := 1; i < len(by8); i++ {
		by8[i] = class(i * 8)
	}
	for i := 1; i < len(by128); i++ {
		by128[i] = class(i * 128)
	}
	return
}()

// goSizeClasses are the runtime's small object size classes (runtime/sizeclasses.go).
var goSizeClasses = [...]uint16{
	8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224,
	240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768,
	896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200,
	3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240,
	10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576,
	27264, 28672, 32768,
}

// ---------------------------------------------------------------------
// The member index.
//
// zindex is Redis's dict specialised to member -> score, with two
// differences: its bucket arrays are cut into pages that are copied on
// write (see ZSet), and lookups do not take rehash steps (only Set,
// Delete and the removals do), so that reading never writes.
//
// Layout of one table (owners run parallel to pages):
//
//	pages  [ page 0 | page 1 | ... ]    owners [ iso | iso | ... ]
//	           │
//	           └──> [ zpageSize buckets ] ──> zent ──> zent ...
//
// A table smaller than zpageSize has one page of its size. A page and the
// chains hanging from its buckets are owned by the ZSet whose iso id is
// in owners; the pages and owners slices themselves are owned by the ZSet
// whose id the table carries. After a Copy, the first write to each side
// clones those two slices (24 + 8 bytes per page, O(n/zpageSize)), then
// each page it writes.

// zent is one member of the index.
type zent struct {
	member string
	score  float64
	next   *zent
}

type ztable struct {
	// pages are the bucket arrays, zpageSize buckets each (one page of
	// size buckets if smaller). owners[p] is the iso id of the ZSet that
	// owns pages[p] and the chains hanging from it.
	pages  [][]*zent
	owners []uint64
	size   uint64 // number of buckets: 0 or a power of two
	used   int
	iso    uint64 // owner of the pages and owners slices
}

func (t *ztable) head(i uint64) *zent { return t.pages[i>>zpageShift][i&zpageMask] }

type zindex struct {
	ht [2]ztable
	// rehashIdx is the next bucket of ht[0] to move to ht[1], or -1 when
	// not rehashing.
	rehashIdx int
	seed      maphash.Seed
	iso       uint64 // this ZSet's id; see ZSet
}

const (
	zpageShift = 6
	zpageSize  = 1 << zpageShift
	zpageMask  = zpageSize - 1
	// zminBuckets and zshrinkRatio are Dict's minBuckets and
	// shrinkFillRatio.
	zminBuckets  = 4
	zshrinkRatio = 8
	// zmaxEmptyVisits bounds the empty buckets one rehash step skips. It
	// is larger than Dict's 10 (skipping a nil pointer is a few ns): only
	// writes take steps here, and a shrink starts on a table that is at
	// least 7/8 empty and keeps emptying as deletes go on. With 10, a
	// burst of deletes left a 512K-bucket table half rehashed, holding
	// 5 MB, for 1000 members.
	zmaxEmptyVisits = 256
)

// zisoSeq hands out ownership ids. It is atomic because several servers
// may live in one process; it is not a lock.
var zisoSeq atomic.Uint64

func newZIso() uint64 { return zisoSeq.Add(1) }

func (x *zindex) hashBytes(m []byte) uint64  { return maphash.Bytes(x.seed, m) }
func (x *zindex) hashString(m string) uint64 { return maphash.String(x.seed, m) }

func (x *zindex) rehashing() bool { return x.rehashIdx >= 0 }

func (x *zindex) liveTables() int {
	if x.rehashing() {
		return 2
	}
	return 1
}

func (x *zindex) len() int { return x.ht[0].used + x.ht[1].used }

// find returns the member's node, read-only: it may be shared with a copy.
func (x *zindex) find(h uint64, member []byte) *zent {
	return zfind(x, h, member)
}

func zfind[M string | []byte](x *zindex, h uint64, member M) *zent {
	for t := range x.liveTables() {
		tab := &x.ht[t]
		if tab.size == 0 {
			continue
		}
		for e := tab.head(h & (tab.size - 1)); e != nil; e = e.next {
			if e.member == string(member) {
				return e
			}
		}
	}
	return nil
}

// slot returns bucket i of table t for writing, first copying the pages
// slice and the page if they belong to another copy.
func (x *zindex) slot(t int, i uint64) **zent {
	tab := &x.ht[t]
	if tab.iso != x.iso {
		tab.pages = slices.Clone(tab.pages)
		tab.owners = slices.Clone(tab.owners)
		tab.iso = x.iso
	}
	p := i >> zpageShift
	if tab.owners[p] != x.iso {
		tab.pages[p] = zclonePage(tab.pages[p])
		tab.owners[p] = x.iso
	}
	return &tab.pages[p][i&zpageMask]
}

// zclonePage copies a page and its chains.
func zclonePage(page []*zent) []*zent {
	np := make([]*zent, len(page))
	for i, e := range page {
		link := &np[i]
		for ; e != nil; e = e.next {
			ne := &zent{member: e.member, score: e.score}
			*link = ne
			link = &ne.next
		}
	}
	return np
}

// findMut is find for a node the caller will change.
func (x *zindex) findMut(h uint64, member []byte) *zent {
	for t := range x.liveTables() {
		tab := &x.ht[t]
		if tab.size == 0 {
			continue
		}
		i := h & (tab.size - 1)
		if zchainHas(tab.head(i), member) {
			for e := *x.slot(t, i); e != nil; e = e.next {
				if e.member == string(member) {
					return e
				}
			}
		}
	}
	return nil
}

func zchainHas[M string | []byte](e *zent, member M) bool {
	for ; e != nil; e = e.next {
		if e.member == string(member) {
			return true
		}
	}
	return false
}

// insert adds e, whose member is absent; growIfNeeded has run.
func (x *zindex) insert(h uint64, e *zent) {
	// While rehashing, new members go to the new table, so the old one
	// only drains.
	t := 0
	if x.rehashing() {
		t = 1
	}
	s := x.slot(t, h&(x.ht[t].size-1))
	e.next = *s
	*s = e
	x.ht[t].used++
}

// remove unlinks the member's node and returns it, or returns nil.
func (x *zindex) remove(h uint64, member []byte) *zent {
	return zremove(x, h, member)
}

func zremove[M string | []byte](x *zindex, h uint64, member M) *zent {
	for t := range x.liveTables() {
		tab := &x.ht[t]
		if tab.size == 0 {
			continue
		}
		i := h & (tab.size - 1)
		if !zchainHas(tab.head(i), member) {
			continue
		}
		for link := x.slot(t, i); *link != nil; link = &(*link).next {
			e := *link
			if e.member != string(member) {
				continue
			}
			*link = e.next
			e.next = nil
			tab.used--
			if x.len() == 0 {
				x.ht = [2]ztable{}
				x.rehashIdx = -1
			} else {
				x.shrinkIfNeeded()
			}
			return e
		}
	}
	return nil
}

func (x *zindex) growIfNeeded() {
	if x.rehashing() {
		return
	}
	if n := x.ht[0].used; uint64(n) >= x.ht[0].size {
		x.resize(n + 1)
	}
}

func (x *zindex) shrinkIfNeeded() {
	if x.rehashing() {
		return
	}
	n, size := x.ht[0].used, x.ht[0].size
	if size > zminBuckets && uint64(n) < size/zshrinkRatio {
		x.resize(n + 1)
	}
}

// resize starts a rehash into a table of at least minSize buckets.
func (x *zindex) resize(minSize int) {
	size := uint64(max(zminBuckets, 1<<bits.Len(uint(minSize-1))))
	tab := x.newTable(size)
	if x.ht[0].used == 0 {
		x.ht[0] = tab
		return
	}
	x.ht[1] = tab
	x.rehashIdx = 0
}

// newTable makes an empty table of size buckets, in three allocations:
// all the buckets, the pages slice and the owners slice.
func (x *zindex) newTable(size uint64) ztable {
	per := min(size, zpageSize)
	np := size / per
	buckets := make([]*zent, size)
	pages := make([][]*zent, np)
	owners := make([]uint64, np)
	for i := range pages {
		lo, hi := uint64(i)*per, uint64(i+1)*per
		pages[i] = buckets[lo:hi:hi]
		owners[i] = x.iso
	}
	return ztable{pages: pages, owners: owners, size: size, iso: x.iso}
}

// rehashStep moves one bucket of ht[0] to ht[1], skipping at most
// zmaxEmptyVisits empty buckets, as Dict.rehashStep does.
func (x *zindex) rehashStep() {
	if !x.rehashing() {
		return
	}
	from, to := &x.ht[0], &x.ht[1]
	if from.used == 0 {
		x.finishRehash()
		return
	}
	for visits := 0; from.head(uint64(x.rehashIdx)) == nil; {
		x.rehashIdx++
		if visits++; visits == zmaxEmptyVisits {
			return
		}
	}
	src := x.slot(0, uint64(x.rehashIdx))
	shrinking := to.size < from.size
	for e := *src; e != nil; {
		next := e.next
		var i uint64
		if shrinking {
			i = uint64(x.rehashIdx) & (to.size - 1)
		} else {
			i = x.hashString(e.member) & (to.size - 1)
		}
		dst := x.slot(1, i)
		e.next = *dst
		*dst = e
		from.used--
		to.used++
		e = next
	}
	*src = nil
	x.rehashIdx++
	if from.used == 0 {
		x.finishRehash()
	}
}

func (x *zindex) finishRehash() {
	x.ht[0] = x.ht[1]
	x.ht[1] = ztable{}
	x.rehashIdx = -1
}

// scan is Dict.Scan (Redis's dictScan) over the index: it visits one
// cursor position, both tables' buckets for it while rehashing, and
// returns the next cursor.
func (x *zindex) scan(v uint64, fn func(*zent)) uint64 {
	if x.len() == 0 {
		return 0
	}
	if !x.rehashing() {
		tab := &x.ht[0]
		zvisitChain(tab.head(v&(tab.size-1)), fn)
		return nextCursor(v, tab.size-1)
	}
	small, large := &x.ht[0], &x.ht[1]
	if small.size > large.size {
		small, large = large, small
	}
	m0, m1 := small.size-1, large.size-1
	zvisitChain(small.head(v&m0), fn)
	for {
		zvisitChain(large.head(v&m1), fn)
		v = nextCursor(v, m1)
		if v&(m0^m1) == 0 {
			return v
		}
	}
}

func zvisitChain(e *zent, fn func(*zent)) {
	for ; e != nil; e = e.next {
		fn(e)
	}
}

// memory is the index's bytes: bucket arrays, page headers, pages
// slices and nodes.
func (x *zindex) memory() int64 {
	var size int64
	for t := range x.ht {
		tab := &x.ht[t]
		if tab.size == 0 {
			continue
		}
		np := uintptr(len(tab.pages))
		size += allocSize(uintptr(tab.size)*unsafe.Sizeof(uintptr(0))) +
			allocSize(np*unsafe.Sizeof([]*zent{})) +
			allocSize(np*unsafe.Sizeof(uint64(0)))
	}
	return size + int64(x.len())*allocSize(unsafe.Sizeof(zent{}))
}
