package datastruct

import "math/rand/v2"

// This file is the API of the sorted set; the implementation is being
// written. Every method panics until then.

// ZSet is a sorted set: members ordered by score, then by member bytes,
// with a member index for O(1) score lookups.
type ZSet struct{}

// ScoreRange is a score interval as ZRANGEBYSCORE takes it: "(1" is an
// exclusive bound, "-inf" and "+inf" are open ends.
type ScoreRange struct {
	Min, Max     float64
	MinEx, MaxEx bool
}

// LexRange is a member interval as ZRANGEBYLEX takes it: "[a" inclusive,
// "(a" exclusive, "-" and "+" the open ends.
type LexRange struct {
	Min, Max       []byte
	MinEx, MaxEx   bool
	MinInf, MaxInf bool // "-" for Min, "+" for Max
}

// ParseScoreRange parses ZRANGEBYSCORE's min and max. It fails with
// ErrMinMaxNotFloat.
func ParseScoreRange(min, max []byte) (ScoreRange, error) { panic("unimplemented") }

// ParseLexRange parses ZRANGEBYLEX's min and max. It fails with
// ErrMinMaxNotLex.
func ParseLexRange(min, max []byte) (LexRange, error) { panic("unimplemented") }

// NewZSet returns an empty sorted set.
func NewZSet() *ZSet { panic("unimplemented") }

// Len is the number of members.
func (z *ZSet) Len() int { panic("unimplemented") }

// Score returns a member's score.
func (z *ZSet) Score(member []byte) (float64, bool) { panic("unimplemented") }

// Set adds member with score or updates its score. added reports a new
// member, changed a new member or a changed score.
func (z *ZSet) Set(member []byte, score float64) (added, changed bool) { panic("unimplemented") }

// Delete removes a member and reports whether it was there.
func (z *ZSet) Delete(member []byte) bool { panic("unimplemented") }

// Rank returns the 0-based rank of member in ascending order, or in
// descending order when reverse, in O(log n).
func (z *ZSet) Rank(member []byte, reverse bool) (rank int, score float64, ok bool) {
	panic("unimplemented")
}

// At returns the member at a 0-based ascending rank, in O(log n).
func (z *ZSet) At(rank int) (member string, score float64, ok bool) { panic("unimplemented") }

// RangeByRank calls fn for the members from rank start to stop
// inclusive (0-based, already clamped by the caller), in descending
// order when reverse, until fn returns false.
func (z *ZSet) RangeByRank(start, stop int, reverse bool, fn func(member string, score float64) bool) {
	panic("unimplemented")
}

// RangeByScore calls fn for the members in r, skipping offset of them
// and stopping after limit (negative: no limit), in descending order
// when reverse.
func (z *ZSet) RangeByScore(r ScoreRange, reverse bool, offset, limit int, fn func(member string, score float64) bool) {
	panic("unimplemented")
}

// RangeByLex is RangeByScore over member bytes; Redis defines it only
// for members of equal score.
func (z *ZSet) RangeByLex(r LexRange, reverse bool, offset, limit int, fn func(member string, score float64) bool) {
	panic("unimplemented")
}

// CountByScore is the number of members in r, in O(log n).
func (z *ZSet) CountByScore(r ScoreRange) int { panic("unimplemented") }

// CountByLex is the number of members in r, in O(log n).
func (z *ZSet) CountByLex(r LexRange) int { panic("unimplemented") }

// DeleteRangeByRank removes ranks start..stop (clamped) and returns the
// number removed.
func (z *ZSet) DeleteRangeByRank(start, stop int) int { panic("unimplemented") }

// DeleteRangeByScore removes the members in r.
func (z *ZSet) DeleteRangeByScore(r ScoreRange) int { panic("unimplemented") }

// DeleteRangeByLex removes the members in r.
func (z *ZSet) DeleteRangeByLex(r LexRange) int { panic("unimplemented") }

// PopMin removes and returns the lowest member.
func (z *ZSet) PopMin() (member string, score float64, ok bool) { panic("unimplemented") }

// PopMax removes and returns the highest member.
func (z *ZSet) PopMax() (member string, score float64, ok bool) { panic("unimplemented") }

// Random returns a uniformly random member.
func (z *ZSet) Random(rng *rand.Rand) (member string, score float64, ok bool) {
	panic("unimplemented")
}

// Scan visits members as ZSCAN does: a cursor that keeps Redis's
// guarantee (every member present for the whole iteration is returned),
// about count members a call; it returns the next cursor, 0 at the end.
func (z *ZSet) Scan(cursor uint64, count int, fn func(member string, score float64)) uint64 {
	panic("unimplemented")
}

// Copy returns an independent copy, cheaply (copy on write).
func (z *ZSet) Copy() *ZSet { panic("unimplemented") }

// MemoryUsage estimates the bytes the set takes.
func (z *ZSet) MemoryUsage() int64 { panic("unimplemented") }
