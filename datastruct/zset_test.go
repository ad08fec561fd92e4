package datastruct

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// ---------------------------------------------------------------------
// The model: a slice of (score, member) kept sorted, as Redis orders it.

type zmodel []zitem

func zcmp(a, b zitem) int {
	if c := cmp.Compare(a.score, b.score); c != 0 {
		return c
	}
	return strings.Compare(a.member, b.member)
}

func (m zmodel) find(member string) int {
	for i, it := range m {
		if it.member == member {
			return i
		}
	}
	return -1
}

func (m *zmodel) set(member string, score float64) (added, changed bool) {
	if i := m.find(member); i >= 0 {
		if (*m)[i].score == score {
			return false, false
		}
		*m = slices.Delete(*m, i, i+1)
		m.insert(zitem{score, member})
		return false, true
	}
	m.insert(zitem{score, member})
	return true, true
}

func (m *zmodel) insert(it zitem) {
	i, _ := slices.BinarySearchFunc(*m, it, zcmp)
	*m = slices.Insert(*m, i, it)
}

func (m *zmodel) delete(member string) bool {
	if i := m.find(member); i >= 0 {
		*m = slices.Delete(*m, i, i+1)
		return true
	}
	return false
}

// filter is the members of m for which in holds, ascending (or
// descending when reverse), with Redis's offset and limit.
func (m zmodel) filter(in func(zitem) bool, reverse bool, offset, limit int) []zitem {
	var out []zitem
	for _, it := range m {
		if in(it) {
			out = append(out, it)
		}
	}
	if reverse {
		slices.Reverse(out)
	}
	if offset < 0 || limit == 0 || offset >= len(out) {
		return nil
	}
	out = out[offset:]
	if limit > 0 && limit < len(out) {
		out = out[:limit]
	}
	return out
}

func (m zmodel) allSameScore() bool {
	for _, it := range m {
		if it.score != m[0].score || math.Signbit(it.score) != math.Signbit(m[0].score) {
			return false
		}
	}
	return true
}

func inScore(r ScoreRange) func(zitem) bool {
	return func(it zitem) bool { return !r.belowMin(it.score) && !r.aboveMax(it.score) }
}

// inLex is the naive definition, not the methods under test.
func inLex(r LexRange) func(zitem) bool {
	return func(it zitem) bool {
		m := it.member
		if !r.MinInf {
			if c := strings.Compare(m, string(r.Min)); c < 0 || (c == 0 && r.MinEx) {
				return false
			}
		}
		if !r.MaxInf {
			if c := strings.Compare(m, string(r.Max)); c > 0 || (c == 0 && r.MaxEx) {
				return false
			}
		}
		return true
	}
}

// collect gathers what a Range* method passes to fn.
func collect(run func(fn func(string, float64) bool)) []zitem {
	var out []zitem
	run(func(m string, s float64) bool {
		out = append(out, zitem{s, m})
		return true
	})
	return out
}

func sameItems(a, b []zitem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].member != b[i].member || math.Float64bits(a[i].score) != math.Float64bits(b[i].score) {
			return false
		}
	}
	return true
}

// checkZSet verifies every query and the structure of z against the
// model, without changing z.
func checkZSet(t testing.TB, z *ZSet, m zmodel) {
	t.Helper()
	n := len(m)
	if z.Len() != n {
		t.Fatalf("Len = %d, model has %d", z.Len(), n)
	}
	if all := z.tree.Items(); !sameItems(all, m) {
		t.Fatalf("tree holds %v, model %v", all, m)
	}
	for i, it := range m {
		if mem, s, ok := z.At(i); !ok || mem != it.member || s != it.score {
			t.Fatalf("At(%d) = %q %v %v, want %q %v", i, mem, s, ok, it.member, it.score)
		}
		if s, ok := z.Score([]byte(it.member)); !ok || math.Float64bits(s) != math.Float64bits(it.score) {
			t.Fatalf("Score(%q) = %v %v, want %v", it.member, s, ok, it.score)
		}
		if r, s, ok := z.Rank([]byte(it.member), false); !ok || r != i || s != it.score {
			t.Fatalf("Rank(%q) = %d %v %v, want %d", it.member, r, s, ok, i)
		}
		if r, _, ok := z.Rank([]byte(it.member), true); !ok || r != n-1-i {
			t.Fatalf("Rank(%q, rev) = %d %v, want %d", it.member, r, ok, n-1-i)
		}
	}
	for _, i := range []int{-1, n, n + 1} {
		if _, _, ok := z.At(i); ok {
			t.Fatalf("At(%d) ok with %d members", i, n)
		}
	}
	if got := collect(func(fn func(string, float64) bool) { z.RangeByRank(0, n-1, false, fn) }); !sameItems(got, m) {
		t.Fatalf("RangeByRank(0, %d) = %v, want %v", n-1, got, m)
	}
	rev := slices.Clone(m)
	slices.Reverse(rev)
	if got := collect(func(fn func(string, float64) bool) { z.RangeByRank(0, n-1, true, fn) }); !sameItems(got, rev) {
		t.Fatalf("RangeByRank(0, %d, rev) = %v, want %v", n-1, got, rev)
	}
	checkZIndex(t, z, m)
}

// checkZIndex verifies the member index: every node in the bucket its
// hash picks, counts, the rehash invariant, and agreement with the model.
func checkZIndex(t testing.TB, z *ZSet, m zmodel) {
	t.Helper()
	x := &z.idx
	want := map[string]float64{}
	for _, it := range m {
		want[it.member] = it.score
	}
	if !x.rehashing() && (x.ht[1].size != 0 || x.ht[1].used != 0) {
		t.Fatalf("ht[1] not empty while not rehashing")
	}
	seen := 0
	for ti := range x.ht {
		tab := &x.ht[ti]
		if tab.size != 0 && (tab.size < zminBuckets || tab.size&(tab.size-1) != 0) {
			t.Fatalf("ht[%d] has %d buckets", ti, tab.size)
		}
		if tab.size == 0 {
			if tab.used != 0 || tab.pages != nil {
				t.Fatalf("ht[%d] has no buckets but used %d, %d pages", ti, tab.used, len(tab.pages))
			}
			continue
		}
		if want := max(tab.size/zpageSize, 1); uint64(len(tab.pages)) != want {
			t.Fatalf("ht[%d]: %d pages for %d buckets", ti, len(tab.pages), tab.size)
		}
		used := 0
		for i := uint64(0); i < tab.size; i++ {
			e := tab.head(i)
			if ti == 0 && x.rehashing() && i < uint64(x.rehashIdx) && e != nil {
				t.Fatalf("ht[0] bucket %d below rehashIdx %d not empty", i, x.rehashIdx)
			}
			for ; e != nil; e = e.next {
				used++
				if h := x.hashString(e.member) & (tab.size - 1); h != i {
					t.Fatalf("%q in ht[%d] bucket %d, hashes to %d", e.member, ti, i, h)
				}
				s, ok := want[e.member]
				if !ok || math.Float64bits(s) != math.Float64bits(e.score) {
					t.Fatalf("index has %q = %v, model %v %v", e.member, e.score, s, ok)
				}
			}
		}
		if used != tab.used {
			t.Fatalf("ht[%d].used = %d, chains hold %d", ti, tab.used, used)
		}
		seen += used
	}
	if seen != len(m) {
		t.Fatalf("index holds %d members, model %d", seen, len(m))
	}
}

// ---------------------------------------------------------------------
// The harness: a program of operations applied to a ZSet and the model,
// shared by FuzzZSet and TestZSetModel.

type zop uint8

const (
	zopSet zop = iota
	zopSet2
	zopDelete
	zopPopMin
	zopPopMax
	zopDelRank
	zopDelScore
	zopDelLex
	zopFill
	zopFlatten
	zopCopy
	zopSwap
	zopScanStep
	zopQuery
	numZops
)

// zScores has ties, both zeros, both infinities and large integers.
var zScores = []float64{
	math.Inf(-1), -1e300, -2.5, -1, math.Copysign(0, -1), 0, 0.5, 1, 1, 2, 3,
	7.35e15, 7.35e15 + 1, 1e300, math.Inf(1), 1.5,
}

// zMembers has edge bytes, prefixes and plenty of plain names, enough to
// pass 128 members (the Scan threshold) and resize the index.
var zMembers = func() []string {
	m := []string{"", "\x00", "\x00\x00", "a", "aa", "ab", "b", "\xff", "\xff\xff", "B", "a\x00"}
	for i := len(m); i < 320; i++ {
		m = append(m, "m"+strconv.Itoa(i))
	}
	return m
}()

type zsetHarness struct {
	t testing.TB
	z *ZSet
	m zmodel

	// snap is a Copy and its model at the time; it must not change.
	snap  *ZSet
	snapM zmodel

	// The scan in progress: members present since it began, and seen.
	scanning   bool
	cursor     uint64
	throughout map[string]bool
	seen       map[string]bool
	scansDone  int
}

func newZSetHarness(t testing.TB) *zsetHarness {
	return &zsetHarness{t: t, z: NewZSet()}
}

func (h *zsetHarness) set(member string, score float64) {
	ga, gc := h.z.Set([]byte(member), score)
	wa, wc := h.m.set(member, score)
	if ga != wa || gc != wc {
		h.t.Fatalf("Set(%q, %v) = %v %v, want %v %v", member, score, ga, gc, wa, wc)
	}
}

func (h *zsetHarness) removed(member string) { delete(h.throughout, member) }

func (h *zsetHarness) scoreRange(a, b byte) ScoreRange {
	return ScoreRange{
		Min: zScores[int(a>>1)%len(zScores)], MinEx: a&1 != 0,
		Max: zScores[int(b>>1)%len(zScores)], MaxEx: b&1 != 0,
	}
}

func (h *zsetHarness) lexRange(a, b byte) LexRange {
	r := LexRange{
		Min: []byte(zMembers[int(a>>2)%16]), MinEx: a&1 != 0, MinInf: a&2 != 0 && a&4 != 0,
		Max: []byte(zMembers[int(b>>2)%16]), MaxEx: b&1 != 0, MaxInf: b&2 != 0 && b&4 != 0,
	}
	if r.MinInf {
		r.Min = nil
	}
	if r.MaxInf {
		r.Max = nil
	}
	return r
}

func (h *zsetHarness) apply(op zop, a, b byte) {
	t, z := h.t, h.z
	switch op {
	case zopSet, zopSet2:
		h.set(zMembers[(int(a)+int(op-zopSet)*256)%len(zMembers)], zScores[int(b)%len(zScores)])
	case zopDelete:
		member := zMembers[(int(a)+int(b&1)*256)%len(zMembers)]
		if got, want := z.Delete([]byte(member)), h.m.delete(member); got != want {
			t.Fatalf("Delete(%q) = %v, want %v", member, got, want)
		}
		h.removed(member)
	case zopPopMin, zopPopMax:
		for range int(a%3) + 1 {
			var mem string
			var s float64
			var ok bool
			var want zitem
			if op == zopPopMin {
				mem, s, ok = z.PopMin()
				if len(h.m) > 0 {
					want = h.m[0]
				}
			} else {
				mem, s, ok = z.PopMax()
				if len(h.m) > 0 {
					want = h.m[len(h.m)-1]
				}
			}
			if ok != (len(h.m) > 0) || mem != want.member || s != want.score {
				t.Fatalf("Pop = %q %v %v, want %q %v", mem, s, ok, want.member, want.score)
			}
			if ok {
				h.m.delete(mem)
				h.removed(mem)
			}
		}
	case zopDelRank:
		start, stop := int(a)%(len(h.m)+3)-1, int(b)%(len(h.m)+3)-1
		lo, hi := max(start, 0), min(stop, len(h.m)-1)
		want := 0
		if lo <= hi {
			for _, it := range h.m[lo : hi+1] {
				h.removed(it.member)
			}
			want = hi - lo + 1
			h.m = slices.Delete(h.m, lo, hi+1)
		}
		if got := z.DeleteRangeByRank(start, stop); got != want {
			t.Fatalf("DeleteRangeByRank(%d, %d) = %d, want %d", start, stop, got, want)
		}
	case zopDelScore:
		h.deleteIn(h.scoreRange(a, b), inScore(h.scoreRange(a, b)), func() int { return z.DeleteRangeByScore(h.scoreRange(a, b)) })
	case zopDelLex:
		// Redis defines lexical ranges only over equal scores.
		if h.m.allSameScore() {
			r := h.lexRange(a, b)
			h.deleteIn(r, inLex(r), func() int { return z.DeleteRangeByLex(r) })
		}
	case zopFill:
		base := int(b) % len(zMembers)
		for i := range int(a) {
			h.set(zMembers[(base+i)%len(zMembers)], float64(i%7))
		}
	case zopFlatten:
		s := zScores[int(a)%len(zScores)]
		for _, it := range slices.Clone(h.m) {
			h.set(it.member, s)
		}
	case zopCopy:
		if a&1 == 0 || h.snap == nil {
			h.snap, h.snapM = z.Copy(), slices.Clone(h.m)
		} else {
			h.snap = nil
		}
	case zopSwap:
		if h.snap != nil {
			// Keep writing to the copy; the original becomes the one that
			// must not change.
			h.z, h.snap = h.snap, h.z
			h.m, h.snapM = h.snapM, h.m
			h.scanning = false
		}
	case zopScanStep:
		h.scanStep(int(a % 16))
	case zopQuery:
		h.query(a, b)
	}
	checkZSet(t, h.z, h.m)
	if h.snap != nil {
		checkZSet(t, h.snap, h.snapM)
	}
}

func (h *zsetHarness) deleteIn(r any, in func(zitem) bool, run func() int) {
	want := 0
	for _, it := range slices.Clone(h.m) {
		if in(it) {
			h.m.delete(it.member)
			h.removed(it.member)
			want++
		}
	}
	if got := run(); got != want {
		h.t.Fatalf("DeleteRange(%+v) = %d, want %d", r, got, want)
	}
}

// query checks the range and count methods for ranges drawn from a, b.
func (h *zsetHarness) query(a, b byte) {
	t, z, m := h.t, h.z, h.m
	offset, limit := int(a%5)-1, int(b%7)-2
	reverse := a&0x80 != 0
	sr := h.scoreRange(a, b)
	got := collect(func(fn func(string, float64) bool) { z.RangeByScore(sr, reverse, offset, limit, fn) })
	if want := m.filter(inScore(sr), reverse, offset, limit); !sameItems(got, want) {
		t.Fatalf("RangeByScore(%+v, %v, %d, %d) = %v, want %v", sr, reverse, offset, limit, got, want)
	}
	if got, want := z.CountByScore(sr), len(m.filter(inScore(sr), false, 0, -1)); got != want {
		t.Fatalf("CountByScore(%+v) = %d, want %d", sr, got, want)
	}
	lr := h.lexRange(a, b)
	got = collect(func(fn func(string, float64) bool) { z.RangeByLex(lr, reverse, offset, limit, fn) })
	count := z.CountByLex(lr)
	if m.allSameScore() {
		if want := m.filter(inLex(lr), reverse, offset, limit); !sameItems(got, want) {
			t.Fatalf("RangeByLex(%+v, %v, %d, %d) = %v, want %v", lr, reverse, offset, limit, got, want)
		}
		if want := len(m.filter(inLex(lr), false, 0, -1)); count != want {
			t.Fatalf("CountByLex(%+v) = %d, want %d", lr, count, want)
		}
	} else if all := collect(func(fn func(string, float64) bool) { z.RangeByLex(lr, false, 0, -1, fn) }); len(all) != count {
		t.Fatalf("mixed scores: RangeByLex visits %d, CountByLex says %d", len(all), count)
	}
	start, stop := int(a)%(len(m)+3)-2, int(b)%(len(m)+3)-2
	got = collect(func(fn func(string, float64) bool) { z.RangeByRank(start, stop, reverse, fn) })
	var want []zitem
	if lo, hi := max(start, 0), min(stop, len(m)-1); lo <= hi {
		if reverse {
			rev := slices.Clone(m)
			slices.Reverse(rev)
			want = rev[lo : hi+1]
		} else {
			want = m[lo : hi+1]
		}
	}
	if !sameItems(got, want) {
		t.Fatalf("RangeByRank(%d, %d, %v) = %v, want %v", start, stop, reverse, got, want)
	}
	// fn returning false stops the walk at once.
	calls := 0
	z.RangeByScore(ScoreRange{Min: math.Inf(-1), Max: math.Inf(1)}, reverse, 0, -1, func(string, float64) bool {
		calls++
		return false
	})
	if calls > 1 {
		t.Fatalf("RangeByScore went on after fn returned false: %d calls", calls)
	}
}

func (h *zsetHarness) scanStep(count int) {
	if !h.scanning {
		h.scanning, h.cursor = true, 0
		h.throughout, h.seen = map[string]bool{}, map[string]bool{}
		for _, it := range h.m {
			h.throughout[it.member] = true
		}
	}
	h.cursor = h.z.Scan(h.cursor, count, func(member string, score float64) {
		i := h.m.find(member)
		if i < 0 || h.m[i].score != score {
			h.t.Fatalf("Scan returned %q %v, not in the set", member, score)
		}
		h.seen[member] = true
	})
	if h.cursor != 0 {
		return
	}
	for member := range h.throughout {
		if !h.seen[member] {
			h.t.Fatalf("Scan missed %q, present for the whole scan", member)
		}
	}
	h.scanning = false
	h.scansDone++
}

func (h *zsetHarness) run(program []byte) {
	for i := 0; i+2 < len(program); i += 3 {
		h.apply(zop(program[i])%numZops, program[i+1], program[i+2])
	}
	for h.scanning {
		h.scanStep(10)
	}
}

// TestZSetModel runs random programs through the harness.
func TestZSetModel(t *testing.T) {
	rounds := 60
	if testing.Short() {
		rounds = 10
	}
	scans := 0
	for seed := range uint64(rounds) {
		rng := rand.New(rand.NewPCG(seed, 7))
		program := make([]byte, 3*400)
		for i := range program {
			program[i] = byte(rng.Uint32())
		}
		// Bias towards sets and fills, so that sets grow past 128.
		for i := 0; i < len(program); i += 3 {
			switch rng.IntN(10) {
			case 0, 1, 2:
				program[i] = byte(zopSet + zop(rng.IntN(2)))
			case 3:
				if rng.IntN(4) == 0 {
					program[i] = byte(zopFill)
				}
			case 4, 5:
				program[i] = byte(zopScanStep)
			}
		}
		h := newZSetHarness(t)
		h.run(program)
		scans += h.scansDone
	}
	if scans == 0 {
		t.Fatalf("no scan completed")
	}
}

// ---------------------------------------------------------------------
// Table-driven tests of each method.

var (
	inf    = math.Inf(1)
	negInf = math.Inf(-1)
	negZ   = math.Copysign(0, -1)
)

// The expectations of the two parsers were taken from redis-server
// 7.0.15 (ZRANGEBYSCORE and ZRANGEBYLEX with these bounds).
func TestParseScoreRange(t *testing.T) {
	type bound struct {
		v  float64
		ex bool
	}
	tests := []struct {
		in   string
		want bound
		err  bool
	}{
		{"1", bound{1, false}, false},
		{"(1.5", bound{1.5, true}, false},
		{"-1", bound{-1, false}, false},
		{"", bound{0, false}, false},   // strtod converts nothing and stops at the NUL
		{"(", bound{0, true}, false},   // likewise after the '('
		{" 1", bound{1, false}, false}, // strtod skips leading spaces
		{"\t1", bound{1, false}, false},
		{"\v2", bound{2, false}, false},
		{"( 1", bound{1, true}, false},
		{"1 ", bound{}, true}, // but not trailing ones
		{"  ", bound{}, true},
		{"inf", bound{inf, false}, false},
		{"+inf", bound{inf, false}, false},
		{"-inf", bound{negInf, false}, false},
		{"(inf", bound{inf, true}, false},
		{"(-inf", bound{negInf, true}, false},
		{"INF", bound{inf, false}, false},
		{"infinity", bound{inf, false}, false},
		{"-Infinity", bound{negInf, false}, false},
		{"infinit", bound{}, true},
		{"nan", bound{}, true},
		{"-nan", bound{}, true},
		{"nan(1)", bound{}, true},
		{"1e400", bound{inf, false}, false}, // overflow: HUGE_VAL, errno ignored
		{"-1e400", bound{negInf, false}, false},
		{"1e-400", bound{0, false}, false}, // underflow
		{"2e-324", bound{0, false}, false},
		{"4.9e-324", bound{5e-324, false}, false},
		{"0x2", bound{2, false}, false}, // hexadecimal, with or without exponent
		{"0X2", bound{2, false}, false},
		{"(0x2", bound{2, true}, false},
		{"-0x1", bound{-1, false}, false},
		{"0x1p1", bound{2, false}, false},
		{"0x1P-1", bound{0.5, false}, false},
		{"0x.8", bound{0.5, false}, false},
		{"0x1.p1", bound{2, false}, false},
		{"0x", bound{}, true},
		{"0x1p", bound{}, true},
		{"0xg", bound{}, true},
		{"1_0", bound{}, true},
		{"1e", bound{}, true},
		{"1e+", bound{}, true},
		{".", bound{}, true},
		{".5", bound{0.5, false}, false},
		{"+.5e1", bound{5, false}, false},
		{"1.e2", bound{100, false}, false},
		{"00012", bound{12, false}, false},
		{"7350000000000001", bound{7350000000000001, false}, false},
		{"+-1", bound{}, true},
		{"((1", bound{}, true},
		{"[1", bound{}, true},
		{"-(1", bound{}, true},
		{"abc", bound{}, true},
		{"2\x00junk", bound{2, false}, false}, // C string: ends at the NUL
		{"(2\x00", bound{2, true}, false},
		{"\x00", bound{0, false}, false},
		{"-0", bound{negZ, false}, false},
	}
	for _, tc := range tests {
		r, err := ParseScoreRange([]byte(tc.in), []byte("+inf"))
		r2, err2 := ParseScoreRange([]byte("-inf"), []byte(tc.in))
		if tc.err {
			if err != ErrMinMaxNotFloat || err2 != ErrMinMaxNotFloat {
				t.Errorf("ParseScoreRange(%q) = %+v, %v / %v; want ErrMinMaxNotFloat", tc.in, r, err, err2)
			}
			continue
		}
		if err != nil || err2 != nil {
			t.Errorf("ParseScoreRange(%q): %v / %v", tc.in, err, err2)
			continue
		}
		if math.Float64bits(r.Min) != math.Float64bits(tc.want.v) || r.MinEx != tc.want.ex || r.Max != inf || r.MaxEx {
			t.Errorf("ParseScoreRange(%q, +inf) = %+v, want min %v ex %v", tc.in, r, tc.want.v, tc.want.ex)
		}
		if math.Float64bits(r2.Max) != math.Float64bits(tc.want.v) || r2.MaxEx != tc.want.ex || r2.Min != negInf || r2.MinEx {
			t.Errorf("ParseScoreRange(-inf, %q) = %+v, want max %v ex %v", tc.in, r2, tc.want.v, tc.want.ex)
		}
	}
}

func TestParseLexRange(t *testing.T) {
	empty := LexRange{Min: []byte{}, Max: []byte{}, MaxEx: true}
	tests := []struct {
		min, max string
		want     LexRange
		err      bool
	}{
		{"-", "+", LexRange{MinInf: true, MinEx: true, MaxInf: true, MaxEx: true}, false},
		{"[a", "(b", LexRange{Min: []byte("a"), Max: []byte("b"), MaxEx: true}, false},
		{"(a", "[b", LexRange{Min: []byte("a"), MinEx: true, Max: []byte("b")}, false},
		{"[", "(", LexRange{Min: []byte{}, Max: []byte{}, MaxEx: true}, false},
		{"[\x00", "+", LexRange{Min: []byte("\x00"), MaxInf: true, MaxEx: true}, false},
		{"(a\x00", "+", LexRange{Min: []byte("a\x00"), MinEx: true, MaxInf: true, MaxEx: true}, false},
		{"-\x00x", "+", LexRange{MinInf: true, MinEx: true, MaxInf: true, MaxEx: true}, false}, // C sees "-"
		{"+", "+", empty, false},
		{"+", "[z", empty, false},
		{"-", "-", empty, false},
		{"[a", "-", empty, false},
		{"+\x00", "+", empty, false},
		{"", "+", LexRange{}, true},
		{"-", "", LexRange{}, true},
		{"a", "+", LexRange{}, true},
		{"-x", "+", LexRange{}, true},
		{"-", "+x", LexRange{}, true},
		{"-", "b", LexRange{}, true},
		{"{a", "+", LexRange{}, true},
	}
	for _, tc := range tests {
		got, err := ParseLexRange([]byte(tc.min), []byte(tc.max))
		if tc.err {
			if err != ErrMinMaxNotLex {
				t.Errorf("ParseLexRange(%q, %q) = %+v, %v; want ErrMinMaxNotLex", tc.min, tc.max, got, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseLexRange(%q, %q): %v", tc.min, tc.max, err)
			continue
		}
		w := tc.want
		if string(got.Min) != string(w.Min) || string(got.Max) != string(w.Max) || got.MinInf != w.MinInf || got.MaxInf != w.MaxInf ||
			(!w.MinInf && got.MinEx != w.MinEx) || (!w.MaxInf && got.MaxEx != w.MaxEx) {
			t.Errorf("ParseLexRange(%q, %q) = %+v, want %+v", tc.min, tc.max, got, w)
		}
	}
}

// newTestZSet builds a set from alternating member, score pairs.
func newTestZSet(t testing.TB, pairs ...any) (*ZSet, zmodel) {
	t.Helper()
	z := NewZSet()
	var m zmodel
	for i := 0; i < len(pairs); i += 2 {
		member, score := pairs[i].(string), pairs[i+1].(float64)
		z.Set([]byte(member), score)
		m.set(member, score)
	}
	checkZSet(t, z, m)
	return z, m
}

func members(items []zitem) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(it.member)
	}
	return b.String()
}

func TestZSetEmpty(t *testing.T) {
	z := NewZSet()
	all := ScoreRange{Min: negInf, Max: inf}
	lex := LexRange{MinInf: true, MaxInf: true}
	if z.Len() != 0 {
		t.Fatalf("Len = %d", z.Len())
	}
	if _, ok := z.Score([]byte("a")); ok {
		t.Fatalf("Score found a member")
	}
	if _, _, ok := z.Rank([]byte("a"), false); ok {
		t.Fatalf("Rank found a member")
	}
	if _, _, ok := z.At(0); ok {
		t.Fatalf("At(0) ok")
	}
	fail := func(string, float64) bool { t.Fatalf("callback on an empty set"); return false }
	z.RangeByRank(0, -1, false, fail)
	z.RangeByRank(0, 10, true, fail)
	z.RangeByScore(all, false, 0, -1, fail)
	z.RangeByLex(lex, true, 0, -1, fail)
	if z.CountByScore(all) != 0 || z.CountByLex(lex) != 0 {
		t.Fatalf("counts on an empty set")
	}
	if z.DeleteRangeByRank(0, -1) != 0 || z.DeleteRangeByScore(all) != 0 || z.DeleteRangeByLex(lex) != 0 || z.Delete([]byte("a")) {
		t.Fatalf("deletes on an empty set")
	}
	if _, _, ok := z.PopMin(); ok {
		t.Fatalf("PopMin ok")
	}
	if _, _, ok := z.PopMax(); ok {
		t.Fatalf("PopMax ok")
	}
	if _, _, ok := z.Random(rand.New(rand.NewPCG(1, 2))); ok {
		t.Fatalf("Random ok")
	}
	if c := z.Scan(0, 10, func(string, float64) { t.Fatalf("Scan callback on an empty set") }); c != 0 {
		t.Fatalf("Scan cursor %d", c)
	}
	if z.MemoryUsage(0) <= 0 || z.MemoryUsage(5) != z.MemoryUsage(0) {
		t.Fatalf("MemoryUsage = %d, %d", z.MemoryUsage(0), z.MemoryUsage(5))
	}
	c := z.Copy()
	c.Set([]byte("a"), 1)
	if z.Len() != 0 {
		t.Fatalf("Copy of an empty set shares writes")
	}
}

func TestZSetSet(t *testing.T) {
	tests := []struct {
		name           string
		before         []any
		member         string
		score          float64
		added, changed bool
		want           string // members in order afterwards
	}{
		{"new", nil, "a", 1, true, true, "a"},
		{"same score", []any{"a", 1.0}, "a", 1, false, false, "a"},
		{"new score", []any{"a", 1.0}, "a", 2, false, true, "a"},
		{"-0 for 0 is no change", []any{"a", 0.0}, "a", negZ, false, false, "a"},
		{"moves past a tie", []any{"a", 1.0, "b", 1.0, "c", 1.0}, "a", 1.5, false, true, "b c a"},
		{"tie orders by bytes", []any{"b", 1.0, "c", 1.0}, "a", 1, true, true, "a b c"},
		{"+inf", []any{"a", 1.0}, "b", inf, true, true, "a b"},
		{"-inf", []any{"a", 1.0}, "b", negInf, true, true, "b a"},
		{"inf to -inf", []any{"a", inf, "b", 1.0}, "a", negInf, false, true, "a b"},
		{"empty member", []any{"a", 0.0}, "", 0, true, true, " a"},
		{"binary members", []any{"\xff", 0.0, "a", 0.0}, "\x00", 0, true, true, "\x00 a \xff"},
		{"prefix first", []any{"ab", 0.0}, "a", 0, true, true, "a ab"},
		{"big integers exact", []any{"a", 7.35e15}, "b", 7.35e15 + 1, true, true, "a b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			z, m := newTestZSet(t, tc.before...)
			added, changed := z.Set([]byte(tc.member), tc.score)
			m.set(tc.member, tc.score)
			if added != tc.added || changed != tc.changed {
				t.Fatalf("Set = %v %v, want %v %v", added, changed, tc.added, tc.changed)
			}
			checkZSet(t, z, m)
			if got := members(m); got != tc.want {
				t.Fatalf("order %q, want %q", got, tc.want)
			}
		})
	}
	z := NewZSet()
	z.Set([]byte("a"), 0)
	if s, _ := z.Score([]byte("a")); math.Signbit(s) {
		t.Fatalf("score became -0")
	}
	z.Set([]byte("b"), negZ)
	if s, _ := z.Score([]byte("b")); !math.Signbit(s) {
		t.Fatalf("-0 not kept exactly")
	}
}

func TestZSetSetNaNPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatalf("Set with NaN did not panic")
		}
	}()
	NewZSet().Set([]byte("a"), math.NaN())
}

func TestZSetSetDoesNotKeepCallerBytes(t *testing.T) {
	z := NewZSet()
	b := []byte("abc")
	z.Set(b, 1)
	b[0] = 'x'
	if _, ok := z.Score([]byte("abc")); !ok {
		t.Fatalf("member changed with the caller's buffer")
	}
}

func TestZSetDelete(t *testing.T) {
	z, m := newTestZSet(t, "a", 1.0, "b", 1.0, "c", 2.0)
	for _, tc := range []struct {
		member string
		want   bool
	}{{"b", true}, {"b", false}, {"x", false}, {"a", true}, {"c", true}, {"a", false}} {
		if got := z.Delete([]byte(tc.member)); got != tc.want {
			t.Fatalf("Delete(%q) = %v, want %v", tc.member, got, tc.want)
		}
		m.delete(tc.member)
		checkZSet(t, z, m)
	}
	// An emptied set frees its index and takes members again.
	if z.idx.ht[0].size != 0 {
		t.Fatalf("empty set keeps %d buckets", z.idx.ht[0].size)
	}
	z.Set([]byte("a"), 1)
	m.set("a", 1)
	checkZSet(t, z, m)
}

func TestZSetRank(t *testing.T) {
	z, _ := newTestZSet(t, "a", 1.0, "b", 1.0, "c", 2.0, "d", inf, "e", negInf)
	tests := []struct {
		member  string
		reverse bool
		rank    int
		score   float64
		ok      bool
	}{
		{"e", false, 0, negInf, true},
		{"a", false, 1, 1, true},
		{"b", false, 2, 1, true},
		{"c", false, 3, 2, true},
		{"d", false, 4, inf, true},
		{"d", true, 0, inf, true},
		{"b", true, 2, 1, true},
		{"a", true, 3, 1, true},
		{"e", true, 4, negInf, true},
		{"x", false, 0, 0, false},
		{"", true, 0, 0, false},
	}
	for _, tc := range tests {
		rank, score, ok := z.Rank([]byte(tc.member), tc.reverse)
		if rank != tc.rank || score != tc.score || ok != tc.ok {
			t.Errorf("Rank(%q, %v) = %d %v %v, want %d %v %v", tc.member, tc.reverse, rank, score, ok, tc.rank, tc.score, tc.ok)
		}
	}
}

func TestZSetAt(t *testing.T) {
	z, m := newTestZSet(t, "a", 1.0, "b", 2.0, "c", 3.0)
	for i := -2; i < 5; i++ {
		member, score, ok := z.At(i)
		if want := i >= 0 && i < len(m); ok != want || (ok && (member != m[i].member || score != m[i].score)) {
			t.Errorf("At(%d) = %q %v %v", i, member, score, ok)
		}
	}
}

func TestZSetRangeByRank(t *testing.T) {
	z, _ := newTestZSet(t, "a", 1.0, "b", 2.0, "c", 3.0, "d", 3.0, "e", 5.0)
	tests := []struct {
		start, stop int
		reverse     bool
		want        string
	}{
		{0, -1 + 5, false, "a b c d e"},
		{0, 4, true, "e d c b a"},
		{1, 2, false, "b c"},
		{1, 2, true, "d c"}, // ZREVRANGE 1 2: descending ranks
		{0, 0, false, "a"},
		{0, 0, true, "e"},
		{4, 4, false, "e"},
		{3, 100, false, "d e"}, // clamped
		{-5, 1, false, "a b"},
		{-5, 1, true, "e d"},
		{2, 1, false, ""},
		{5, 9, false, ""},
		{5, 9, true, ""},
		{-3, -1, false, ""},
		{math.MinInt, math.MaxInt, true, "e d c b a"},
		{3, math.MinInt, false, ""},
	}
	for _, tc := range tests {
		got := members(collect(func(fn func(string, float64) bool) { z.RangeByRank(tc.start, tc.stop, tc.reverse, fn) }))
		if got != tc.want {
			t.Errorf("RangeByRank(%d, %d, %v) = %q, want %q", tc.start, tc.stop, tc.reverse, got, tc.want)
		}
	}
	var got []string
	z.RangeByRank(0, 4, false, func(m string, _ float64) bool {
		got = append(got, m)
		return len(got) < 2
	})
	if len(got) != 2 {
		t.Errorf("fn returned false after 2 but got %v", got)
	}
}

func TestZSetRangeByScore(t *testing.T) {
	z, _ := newTestZSet(t, "n", negInf, "a", 1.0, "b", 1.0, "c", 1.5, "d", 2.0, "e", 3.0, "p", inf)
	all := ScoreRange{Min: negInf, Max: inf}
	tests := []struct {
		name          string
		r             ScoreRange
		reverse       bool
		offset, limit int
		want          string
		count         int
	}{
		{"all", all, false, 0, -1, "n a b c d e p", 7},
		{"all rev", all, true, 0, -1, "p e d c b a n", 7},
		{"exclusive infinities", ScoreRange{Min: negInf, MinEx: true, Max: inf, MaxEx: true}, false, 0, -1, "a b c d e", 5},
		{"inclusive", ScoreRange{Min: 1, Max: 2}, false, 0, -1, "a b c d", 4},
		{"min exclusive", ScoreRange{Min: 1, MinEx: true, Max: 2}, false, 0, -1, "c d", 2},
		{"max exclusive", ScoreRange{Min: 1, Max: 2, MaxEx: true}, false, 0, -1, "a b c", 3},
		{"both exclusive rev", ScoreRange{Min: 1, MinEx: true, Max: 3, MaxEx: true}, true, 0, -1, "d c", 2},
		{"ties rev", ScoreRange{Min: 1, Max: 1}, true, 0, -1, "b a", 2},
		{"point", ScoreRange{Min: 1.5, Max: 1.5}, false, 0, -1, "c", 1},
		{"empty point", ScoreRange{Min: 1.5, MinEx: true, Max: 1.5}, false, 0, -1, "", 0},
		{"min above max", ScoreRange{Min: 3, Max: 1}, false, 0, -1, "", 0},
		{"between members", ScoreRange{Min: 1.1, Max: 1.4}, false, 0, -1, "", 0},
		{"only +inf", ScoreRange{Min: inf, Max: inf}, false, 0, -1, "p", 1},
		{"(inf matches nothing", ScoreRange{Min: inf, MinEx: true, Max: inf}, false, 0, -1, "", 0},
		{"offset", all, false, 2, -1, "b c d e p", 7},
		{"offset limit", all, false, 2, 3, "b c d", 7},
		{"offset limit rev", all, true, 2, 3, "d c b", 7},
		{"limit 0", all, false, 0, 0, "", 7},
		{"negative limit is all", ScoreRange{Min: 1, Max: 3}, false, 1, -5, "b c d e", 5},
		{"negative offset is nothing", all, false, -1, 2, "", 7},
		{"offset at end", all, false, 7, -1, "", 7},
		{"offset past end", all, true, 100, 1, "", 7},
		{"huge offset and limit", all, false, math.MaxInt, math.MaxInt, "", 7},
		{"huge limit", all, true, 5, math.MaxInt, "a n", 7},
		{"limit past end", ScoreRange{Min: 2, Max: inf}, false, 1, 100, "e p", 3},
		{"rev range offset", ScoreRange{Min: 1, Max: 2}, true, 1, 2, "c b", 4},
	}
	for _, tc := range tests {
		got := members(collect(func(fn func(string, float64) bool) { z.RangeByScore(tc.r, tc.reverse, tc.offset, tc.limit, fn) }))
		if got != tc.want {
			t.Errorf("%s: RangeByScore = %q, want %q", tc.name, got, tc.want)
		}
		if c := z.CountByScore(tc.r); c != tc.count {
			t.Errorf("%s: CountByScore = %d, want %d", tc.name, c, tc.count)
		}
	}
}

func TestZSetRangeByLex(t *testing.T) {
	z, _ := newTestZSet(t, "", 0.0, "a", 0.0, "aa", 0.0, "ab", 0.0, "b", 0.0, "c", 0.0, "\xff", 0.0)
	lex := func(min, max string) LexRange {
		r, err := ParseLexRange([]byte(min), []byte(max))
		if err != nil {
			t.Fatalf("ParseLexRange(%q, %q): %v", min, max, err)
		}
		return r
	}
	tests := []struct {
		min, max      string
		reverse       bool
		offset, limit int
		want          string
		count         int
	}{
		{"-", "+", false, 0, -1, " a aa ab b c \xff", 7},
		{"-", "+", true, 0, -1, "\xff c b ab aa a ", 7},
		{"[a", "[b", false, 0, -1, "a aa ab b", 4},
		{"(a", "[b", false, 0, -1, "aa ab b", 3},
		{"[a", "(b", false, 0, -1, "a aa ab", 3},
		{"(a", "(b", true, 0, -1, "ab aa", 2},
		{"[aa", "[aa", false, 0, -1, "aa", 1},
		{"(aa", "[aa", false, 0, -1, "", 0},
		{"[b", "[a", false, 0, -1, "", 0},
		{"[", "(a", false, 0, -1, "", 1}, // "[" is the empty string, inclusive
		{"(", "(a", false, 0, -1, "", 0},
		{"-", "(b", false, 1, 2, "a aa", 4},
		{"-", "(b", true, 1, 2, "aa a", 4},
		{"[b", "+", false, 0, -1, "b c \xff", 3},
		{"-", "[\x00", false, 0, -1, "", 1},
		{"+", "+", false, 0, -1, "", 0},
		{"-", "-", false, 0, -1, "", 0},
		{"+", "-", false, 0, -1, "", 0},
		{"-", "+", false, 0, 0, "", 7},
		{"-", "+", false, -1, 5, "", 7},
		{"-", "+", false, 5, -1, "c \xff", 7},
		{"-", "+", true, 6, 10, "", 7},
	}
	for _, tc := range tests {
		r := lex(tc.min, tc.max)
		got := members(collect(func(fn func(string, float64) bool) { z.RangeByLex(r, tc.reverse, tc.offset, tc.limit, fn) }))
		if got != tc.want {
			t.Errorf("RangeByLex(%q, %q, %v, %d, %d) = %q, want %q", tc.min, tc.max, tc.reverse, tc.offset, tc.limit, got, tc.want)
		}
		if c := z.CountByLex(r); c != tc.count {
			t.Errorf("CountByLex(%q, %q) = %d, want %d", tc.min, tc.max, c, tc.count)
		}
	}
}

func TestZSetDeleteRanges(t *testing.T) {
	pairs := []any{"a", 1.0, "b", 1.0, "c", 2.0, "d", 3.0, "e", inf}
	var many []any
	for i := range 300 {
		many = append(many, fmt.Sprintf("m%03d", i), float64(i/3))
	}
	tests := []struct {
		name   string
		pairs  []any
		del    func(z *ZSet) int
		n      int
		remain string
	}{
		{"rank all", pairs, func(z *ZSet) int { return z.DeleteRangeByRank(0, 4) }, 5, ""},
		{"rank middle", pairs, func(z *ZSet) int { return z.DeleteRangeByRank(1, 2) }, 2, "a d e"},
		{"rank clamped", pairs, func(z *ZSet) int { return z.DeleteRangeByRank(-3, 100) }, 5, ""},
		{"rank tail", pairs, func(z *ZSet) int { return z.DeleteRangeByRank(4, 100) }, 1, "a b c d"},
		{"rank start > stop", pairs, func(z *ZSet) int { return z.DeleteRangeByRank(3, 2) }, 0, "a b c d e"},
		{"rank past end", pairs, func(z *ZSet) int { return z.DeleteRangeByRank(5, 9) }, 0, "a b c d e"},
		{"rank extremes", pairs, func(z *ZSet) int { return z.DeleteRangeByRank(5, math.MinInt) }, 0, "a b c d e"},
		{"rank huge stop", pairs, func(z *ZSet) int { return z.DeleteRangeByRank(math.MinInt, math.MaxInt) }, 5, ""},
		{"score ties", pairs, func(z *ZSet) int { return z.DeleteRangeByScore(ScoreRange{Min: 1, Max: 1}) }, 2, "c d e"},
		{"score exclusive", pairs, func(z *ZSet) int {
			return z.DeleteRangeByScore(ScoreRange{Min: 1, MinEx: true, Max: 3, MaxEx: true})
		}, 1, "a b d e"},
		{"score -inf to ms", pairs, func(z *ZSet) int { return z.DeleteRangeByScore(ScoreRange{Min: negInf, Max: 2}) }, 3, "d e"},
		{"score +inf", pairs, func(z *ZSet) int { return z.DeleteRangeByScore(ScoreRange{Min: inf, Max: inf}) }, 1, "a b c d"},
		{"score empty", pairs, func(z *ZSet) int { return z.DeleteRangeByScore(ScoreRange{Min: 2, Max: 1}) }, 0, "a b c d e"},
		{"lex", []any{"a", 0.0, "b", 0.0, "c", 0.0, "d", 0.0}, func(z *ZSet) int {
			return z.DeleteRangeByLex(LexRange{Min: []byte("b"), Max: []byte("d"), MaxEx: true})
		}, 2, "a d"},
		{"lex open", []any{"a", 0.0, "b", 0.0, "c", 0.0}, func(z *ZSet) int {
			return z.DeleteRangeByLex(LexRange{MinInf: true, Max: []byte("b")})
		}, 2, "c"},
		{"many by rank", many, func(z *ZSet) int { return z.DeleteRangeByRank(10, 289) }, 280, ""},
		{"many by score", many, func(z *ZSet) int { return z.DeleteRangeByScore(ScoreRange{Min: 5, Max: 95}) }, 273, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			z, m := newTestZSet(t, tc.pairs...)
			want := slices.Clone(m)
			if n := tc.del(z); n != tc.n {
				t.Fatalf("deleted %d, want %d", n, tc.n)
			}
			// Rebuild the expectation from what is left.
			got := z.tree.Items()
			if tc.remain != "" || len(tc.pairs) <= 10 {
				if members(got) != tc.remain {
					t.Fatalf("left %q, want %q", members(got), tc.remain)
				}
			}
			if len(got) != len(want)-tc.n {
				t.Fatalf("left %d of %d after deleting %d", len(got), len(want), tc.n)
			}
			checkZSet(t, z, got)
		})
	}
}

func TestZSetPop(t *testing.T) {
	z, m := newTestZSet(t, "b", 1.0, "a", 1.0, "c", negInf, "d", inf)
	for _, tc := range []struct {
		max    bool
		member string
		score  float64
	}{{false, "c", negInf}, {true, "d", inf}, {true, "b", 1}, {false, "a", 1}} {
		pop := z.PopMin
		if tc.max {
			pop = z.PopMax
		}
		member, score, ok := pop()
		if !ok || member != tc.member || score != tc.score {
			t.Fatalf("pop(max=%v) = %q %v %v, want %q %v", tc.max, member, score, ok, tc.member, tc.score)
		}
		m.delete(member)
		checkZSet(t, z, m)
	}
	if _, _, ok := z.PopMax(); ok {
		t.Fatalf("PopMax on an empty set")
	}
}

func TestZSetRandom(t *testing.T) {
	z := NewZSet()
	const n, draws = 20, 20000
	for i := range n {
		z.Set([]byte{byte('a' + i)}, float64(i%3))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	hits := map[string]int{}
	for range draws {
		member, score, ok := z.Random(rng)
		if s, _ := z.Score([]byte(member)); !ok || s != score {
			t.Fatalf("Random = %q %v %v", member, score, ok)
		}
		hits[member]++
	}
	// Each member is expected draws/n = 1000 times; 5 sigma is about 155.
	for member, c := range hits {
		if c < 800 || c > 1200 {
			t.Errorf("%q drawn %d times of %d", member, c, draws)
		}
	}
	if len(hits) != n {
		t.Errorf("drew %d distinct members of %d", len(hits), n)
	}
}

// ---------------------------------------------------------------------
// Scan.

func fillZSet(z *ZSet, m *zmodel, prefix string, n int) {
	for i := range n {
		member := prefix + strconv.Itoa(i)
		z.Set([]byte(member), float64(i%10))
		if m != nil {
			m.set(member, float64(i%10))
		}
	}
}

func TestZSetScanSmall(t *testing.T) {
	for _, n := range []int{1, 2, 127, 128} {
		z, m := NewZSet(), zmodel{}
		fillZSet(z, &m, "s", n)
		for _, cursor := range []uint64{0, 1, 12345} {
			var got []zitem
			next := z.Scan(cursor, 1, func(member string, score float64) { got = append(got, zitem{score, member}) })
			if next != 0 || !sameItems(got, m) {
				t.Fatalf("n=%d: Scan(%d) = %d items, cursor %d; want all %d in order, cursor 0", n, cursor, len(got), next, n)
			}
		}
	}
}

// scanAll runs a whole scan without mutations and counts what it returns.
func scanAll(z *ZSet, count int) (seen map[string]int, calls int) {
	seen = map[string]int{}
	cursor := uint64(0)
	for {
		calls++
		cursor = z.Scan(cursor, count, func(member string, _ float64) { seen[member]++ })
		if cursor == 0 {
			return seen, calls
		}
	}
}

func TestZSetScanCoverage(t *testing.T) {
	for _, n := range []int{129, 200, 1000, 5000} {
		for _, count := range []int{-1, 0, 1, 10, 1000, math.MaxInt} {
			z := NewZSet()
			fillZSet(z, nil, "c", n)
			seen, calls := scanAll(z, count)
			if len(seen) != n {
				t.Fatalf("n=%d count=%d: scan saw %d members", n, count, len(seen))
			}
			for member, k := range seen {
				if k != 1 {
					t.Fatalf("n=%d: %q returned %d times without mutations", n, member, k)
				}
			}
			// About count members a call, and never a runaway loop.
			if c := max(count, 1); calls > 2*n/c+int(z.idx.ht[0].size)/(10*c)+2 && calls > 2 {
				t.Errorf("n=%d count=%d: %d calls", n, count, calls)
			}
		}
	}
}

// TestZSetScanGuarantee keeps a stable set of members while others come
// and go between Scan calls, in numbers that grow and shrink the index
// (rehashes in both directions, scans straddling them), re-scores the
// stable members, and takes copies (so writes go through copy on write).
// Every stable member must be returned.
func TestZSetScanGuarantee(t *testing.T) {
	for seed := range uint64(8) {
		rng := rand.New(rand.NewPCG(seed, 99))
		z := NewZSet()
		const stable = 600
		for i := range stable {
			z.Set([]byte("stable:"+strconv.Itoa(i)), float64(i))
		}
		count := 1 + rng.IntN(20)
		seen := map[string]bool{}
		var copies []*ZSet
		var live []string
		cursor, calls, volatile, grows, shrinks := uint64(0), 0, 0, 0, 0
		for {
			cursor = z.Scan(cursor, count, func(member string, score float64) {
				if s, ok := z.Score([]byte(member)); !ok || s != score {
					t.Fatalf("Scan returned %q %v, set has %v %v", member, score, s, ok)
				}
				seen[member] = true
			})
			calls++
			if cursor == 0 {
				break
			}
			// Phases: grow the volatile members to 12k, then drain them.
			if calls%200 < 120 {
				for range 100 {
					name := "v:" + strconv.Itoa(volatile)
					volatile++
					z.Set([]byte(name), rng.Float64())
					live = append(live, name)
				}
			} else {
				for range min(150, len(live)) {
					i := rng.IntN(len(live))
					if !z.Delete([]byte(live[i])) {
						t.Fatalf("volatile %q was not there", live[i])
					}
					live[i] = live[len(live)-1]
					live = live[:len(live)-1]
				}
			}
			z.Set([]byte("stable:"+strconv.Itoa(rng.IntN(stable))), rng.Float64()*1000)
			if rng.IntN(20) == 0 {
				copies = append(copies, z.Copy())
			}
			if z.idx.rehashing() {
				if z.idx.ht[1].size > z.idx.ht[0].size {
					grows++
				} else {
					shrinks++
				}
			}
		}
		for i := range stable {
			if member := "stable:" + strconv.Itoa(i); !seen[member] {
				t.Fatalf("seed %d: Scan missed %q after %d calls", seed, member, calls)
			}
		}
		if grows == 0 || shrinks == 0 {
			t.Errorf("seed %d: the scan straddled %d grows and %d shrinks, want both", seed, grows, shrinks)
		}
		runtime.KeepAlive(copies)
	}
}

// ---------------------------------------------------------------------
// Copy.

// mutateZSet applies a mix of every write to z and m.
func mutateZSet(t testing.TB, z *ZSet, m *zmodel, rng *rand.Rand, n int) {
	for i := range n {
		member := "k" + strconv.Itoa(rng.IntN(3000))
		switch i % 9 {
		case 0, 1, 2, 3:
			s := float64(rng.IntN(50))
			z.Set([]byte(member), s)
			m.set(member, s)
		case 4:
			if z.Delete([]byte(member)) != m.delete(member) {
				t.Fatalf("Delete(%q) disagrees", member)
			}
		case 5:
			if member, _, ok := z.PopMin(); ok {
				m.delete(member)
			}
		case 6:
			if member, _, ok := z.PopMax(); ok {
				m.delete(member)
			}
		case 7:
			lo := rng.IntN(max(len(*m), 1))
			z.DeleteRangeByRank(lo, lo+rng.IntN(8))
			*m = slices.Delete(*m, min(lo, len(*m)), min(lo+rng.IntN(8)+1, len(*m)))
			// Re-sync exactly: the model is re-derived below.
			*m = z.tree.Items()
		case 8:
			s := float64(rng.IntN(50))
			r := ScoreRange{Min: s, Max: s + 0.5}
			z.DeleteRangeByScore(r)
			for _, it := range slices.Clone(*m) {
				if inScore(r)(it) {
					m.delete(it.member)
				}
			}
		}
	}
}

func TestZSetCopyIsolation(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	z, m := NewZSet(), zmodel{}
	fillZSet(z, &m, "k", 2000)
	checkZSet(t, z, m)

	c := z.Copy()
	cm := slices.Clone(m)
	// Writes to the original do not show in the copy...
	mutateZSet(t, z, &m, rng, 3000)
	checkZSet(t, z, m)
	checkZSet(t, c, cm)
	// ...nor writes to the copy in the original.
	mutateZSet(t, c, &cm, rng, 3000)
	checkZSet(t, c, cm)
	checkZSet(t, z, m)

	// A copy of a copy, written on all three sides, including a copy
	// taken in the middle of a rehash.
	for !z.idx.rehashing() {
		fillZSet(z, &m, "grow"+strconv.Itoa(z.Len()), 50)
	}
	cc := z.Copy()
	ccm := slices.Clone(m)
	ccc := cc.Copy()
	cccm := slices.Clone(ccm)
	mutateZSet(t, cc, &ccm, rng, 500)
	mutateZSet(t, z, &m, rng, 500)
	mutateZSet(t, ccc, &cccm, rng, 500)
	for _, tc := range []struct {
		z *ZSet
		m zmodel
	}{{z, m}, {c, cm}, {cc, ccm}, {ccc, cccm}} {
		checkZSet(t, tc.z, tc.m)
	}

	// Clone is Copy.
	cl, ok := z.Clone().(*ZSet)
	if !ok {
		t.Fatalf("Clone returned %T", z.Clone())
	}
	clm := slices.Clone(m)
	z.Set([]byte("after clone"), 1)
	checkZSet(t, cl, clm)
}

func TestZSetCopyIsCheap(t *testing.T) {
	z := NewZSet()
	fillZSet(z, nil, "k", 100000)
	var keep []*ZSet
	allocs := testing.AllocsPerRun(10, func() { keep = append(keep[:0], z.Copy()) })
	if allocs > 3 {
		t.Errorf("Copy of 100k members: %v allocations, want O(1)", allocs)
	}
	// The first write after a copy copies one tree path and one index
	// page (and the pages slice), not the set.
	c := z.Copy()
	i := 0
	allocs = testing.AllocsPerRun(1, func() {
		z.Set([]byte("k"+strconv.Itoa(i)), -1)
		i++
	})
	if allocs > 250 {
		t.Errorf("first Set after Copy: %v allocations", allocs)
	}
	runtime.KeepAlive(c)
	runtime.KeepAlive(keep)
}

// TestZSetCopyReadWhileWriting reads a copy on another goroutine while
// the original is written, as a snapshot is written out of the server's
// lock. With -race it proves that writes never touch shared memory.
func TestZSetCopyReadWhileWriting(t *testing.T) {
	z, m := NewZSet(), zmodel{}
	fillZSet(z, &m, "k", 3000)
	c := z.Copy()
	var wg sync.WaitGroup
	wg.Go(func() {
		for round := 0; round < 3; round++ {
			for i, it := range m {
				if s, ok := c.Score([]byte(it.member)); !ok || s != it.score {
					t.Errorf("copy: Score(%q) = %v %v", it.member, s, ok)
					return
				}
				if r, _, _ := c.Rank([]byte(it.member), false); r != i {
					t.Errorf("copy: Rank(%q) = %d, want %d", it.member, r, i)
					return
				}
			}
			if got := collect(func(fn func(string, float64) bool) { c.RangeByRank(0, c.Len()-1, false, fn) }); !sameItems(got, m) {
				t.Errorf("copy changed")
				return
			}
			if n := c.CountByScore(ScoreRange{Min: 2, Max: 5}); n != len(m.filter(inScore(ScoreRange{Min: 2, Max: 5}), false, 0, -1)) {
				t.Errorf("copy: CountByScore = %d", n)
			}
			seen, _ := scanAll(c, 10)
			if len(seen) != len(m) {
				t.Errorf("copy: scan saw %d of %d", len(seen), len(m))
			}
			c.MemoryUsage(0)
		}
	})
	rng := rand.New(rand.NewPCG(1, 1))
	zm := slices.Clone(m)
	mutateZSet(t, z, &zm, rng, 20000)
	wg.Wait()
	checkZSet(t, z, zm)
	checkZSet(t, c, m)
}

// ---------------------------------------------------------------------
// Memory.

// TestZSetMemory measures the heap cost of 1,000,000 members like
// "member:000123" with integer scores (Redis 7.0: about 110 B/member as
// a skiplist), inserted in order and shuffled, and compares MemoryUsage's
// estimate with it.
func TestZSetMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("1M members")
	}
	const n = 1_000_000
	for _, order := range []string{"sequential", "shuffled"} {
		ids := make([]int32, n)
		for i := range ids {
			ids[i] = int32(i)
		}
		if order == "shuffled" {
			rng := rand.New(rand.NewPCG(1, 2))
			rng.Shuffle(n, func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&before)
		z := NewZSet()
		buf := make([]byte, 0, 32)
		for _, id := range ids {
			buf = fmt.Appendf(buf[:0], "member:%06d", id)
			z.Set(buf, float64(id))
		}
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
		perMember := float64(heap) / n
		est0, est5 := z.MemoryUsage(0), z.MemoryUsage(5)
		t.Logf("%s: %.1f B/member on the heap (%d MB); MemoryUsage(0) %.1f B/member, MemoryUsage(5) %.1f B/member",
			order, perMember, heap>>20, float64(est0)/n, float64(est5)/n)
		if perMember > 250 {
			t.Errorf("%s: %.1f B/member, want < 250 (about 2x Redis)", order, perMember)
		}
		for _, est := range []int64{est0, est5} {
			if r := float64(est) / float64(heap); r < 0.75 || r > 1.25 {
				t.Errorf("%s: MemoryUsage estimate %d is %.2fx the measured %d", order, est, r, heap)
			}
		}
		runtime.KeepAlive(z)
		runtime.KeepAlive(ids)
	}
}

// TestZSetIndexFollowsDeletes checks that the index shrinks along with a
// burst of deletes, though only writes take rehash steps: a big table
// must not stay half rehashed, holding its memory, for a small set.
func TestZSetIndexFollowsDeletes(t *testing.T) {
	z, m := NewZSet(), zmodel{}
	fillZSet(z, &m, "keep", 1000)
	const churn = 100_000
	buf := []byte("churn:")
	for i := range churn {
		z.Set(strconv.AppendInt(buf[:6], int64(i), 10), float64(i%1000))
	}
	for i := range churn {
		z.Delete(strconv.AppendInt(buf[:6], int64(i), 10))
	}
	if buckets := z.idx.ht[0].size + z.idx.ht[1].size; buckets > 32*1024 {
		t.Errorf("%d members left in %d + %d buckets (rehashing at %d)",
			z.Len(), z.idx.ht[0].size, z.idx.ht[1].size, z.idx.rehashIdx)
	}
	checkZSet(t, z, m)
}

// TestZSetMemoryBytes checks the O(1) estimate against the walked one
// and the member bytes against a recount, through every way of removing.
func TestZSetMemoryBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	z := NewZSet()
	for i := range 20000 {
		z.Set(fmt.Appendf(nil, "member:%d:%s", i, strings.Repeat("x", rng.IntN(40))), float64(rng.IntN(1000)))
	}
	z.Delete([]byte("member:7:"))
	for range 100 {
		z.PopMin()
		z.PopMax()
	}
	z.DeleteRangeByRank(10, 500)
	z.DeleteRangeByRank(3, 5)
	c := z.Copy()
	var recount int64
	z.RangeByRank(0, z.Len()-1, false, func(member string, _ float64) bool {
		recount += allocSize(uintptr(len(member)))
		return true
	})
	if z.memberBytes != recount || c.memberBytes != recount {
		t.Fatalf("memberBytes %d (copy %d), recounted %d", z.memberBytes, c.memberBytes, recount)
	}
	est, walked := z.MemoryBytes(), z.MemoryUsage(0)
	if ratio := float64(est) / float64(walked); ratio < 0.85 || ratio > 1.15 {
		t.Errorf("MemoryBytes %d is %.2fx MemoryUsage(0) %d", est, ratio, walked)
	}
}

// TestAllocSizeTables checks the O(1) size-class lookup against a search
// of the classes for every size up to the largest small class.
func TestAllocSizeTables(t *testing.T) {
	for n := 1; n <= 40000; n++ {
		want := int64((n + 8191) &^ 8191)
		if n <= 32768 {
			i, _ := slices.BinarySearch(goSizeClasses[:], uint16(n))
			want = int64(goSizeClasses[i])
		}
		if got := allocSize(uintptr(n)); got != want {
			t.Fatalf("allocSize(%d) = %d, want %d", n, got, want)
		}
	}
}
