package server

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestSortPropagation pins what SORT leaves in the AOF and counts for
// the save rules, as measured on redis-server 7.0.15: SORT ... STORE as
// sent, one change per element stored (one for a deleted destination),
// and nothing for SORT without STORE, SORT_RO, or a STORE that finds
// nothing to delete.
func TestSortPropagation(t *testing.T) {
	a := newAOFTestClient(t)
	a.run("rpush", "l", "3", "1", "2")
	a.run("set", "d", "x")
	a.run("sadd", "s", "b", "a", "c")
	for _, tc := range []struct {
		args  []string
		want  []string
		dirty int64
	}{
		{[]string{"sort", "l", "store", "d"}, []string{"sort l store d"}, 3},
		{[]string{"sort", "l"}, nil, 0},
		{[]string{"sort", "l", "by", "nosort", "get", "#", "get", "nokey_*", "store", "d"}, []string{"sort l by nosort get # get nokey_* store d"}, 6},
		{[]string{"sort", "nokey", "store", "d"}, []string{"sort nokey store d"}, 1},
		{[]string{"sort", "nokey", "store", "d"}, nil, 0},
		{[]string{"sort_ro", "l"}, nil, 0},
		{[]string{"sort", "s", "by", "nosort", "store", "e"}, []string{"sort s by nosort store e"}, 3},
		{[]string{"sort", "l", "limit", "x", "1", "store", "d"}, nil, 0},
	} {
		before := a.srv.dirty
		_, got := a.run(tc.args...)
		if !sameForm(got, tc.want) {
			t.Errorf("%q logged %q, want %q", tc.args, got, tc.want)
		}
		if d := a.srv.dirty - before; d != tc.dirty {
			t.Errorf("%q moved dirty by %d, want %d", tc.args, d, tc.dirty)
		}
	}
	// A set read BY nosort into STORE is sorted, so that the AOF replays
	// the same list.
	if reply, _ := a.run("lrange", "e", "0", "-1"); reply != "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n" {
		t.Errorf("stored %q", reply)
	}
}

// TestSortClusterMode checks the errors of BY with a pattern and of GET
// in cluster mode, measured on a one-node redis-server 7.0.15 cluster
// (GET # too); BY with a constant still works.
func TestSortClusterMode(t *testing.T) {
	a := newAOFTestClient(t, WithDirective("cluster-enabled", "yes"))
	a.run("rpush", "l", "2", "1")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sort", "l", "by", "w_*"}, "-" + errSortByCluster + "\r\n"},
		{[]string{"sort_ro", "l", "get", "#"}, "-" + errSortGetCluster + "\r\n"},
		{[]string{"sort", "l", "get", "x", "by", "w_*"}, "-" + errSortGetCluster + "\r\n"},
		{[]string{"sort", "l", "by", "nosort"}, "*2\r\n$1\r\n2\r\n$1\r\n1\r\n"},
		{[]string{"sort", "l"}, "*2\r\n$1\r\n1\r\n$1\r\n2\r\n"},
	} {
		if got, _ := a.run(tc.args...); got != tc.want {
			t.Errorf("%q = %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestSortKeys checks the keys the dispatch settles for SORT: the key
// sorted and the argument after the last STORE, found as Redis's
// sortGetKeys finds it.
func TestSortKeys(t *testing.T) {
	table := newCommandTable(commands())
	for _, tc := range []struct {
		args string
		want []int
	}{
		{"SORT l", []int{1}},
		{"SORT l STORE d", []int{1, 3}},
		{"SORT l BY x GET y STORE d STORE e", []int{1, 9}},
		{"SORT l STORE", []int{1}},
		{"SORT l GET store d", []int{1}},
		{"SORT l LIMIT 0 1 STORE d", []int{1, 6}},
		{"SORT l store LIMIT 1 2", []int{1, 3}},
		{"SORT_RO l STORE d", []int{1}},
	} {
		var argv [][]byte
		for _, f := range strings.Fields(tc.args) {
			argv = append(argv, []byte(f))
		}
		cmd, _ := table.lookup(argv)
		if got := cmd.keyIndexes(argv); !slices.Equal(got, tc.want) {
			t.Errorf("%s: keys at %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestSortRange(t *testing.T) {
	const maxInt64 = 1<<63 - 1
	for _, tc := range []struct {
		start, count int64
		n            int
		from, to     int
	}{
		{0, -1, 4, 0, 3},
		{1, 2, 4, 1, 2},
		{-1, 2, 4, 0, 1},
		{1, -7, 4, 1, 3},
		{1, maxInt64, 4, 1, 3},
		{maxInt64, 1, 4, 3, 2},
		{4, 1, 4, 3, 2},
		{0, 0, 4, 0, -1},
		{0, -1, 0, -1, -2},
		{-1 << 63, maxInt64, 4, 0, 3},
	} {
		from, to := sortRange(tc.start, tc.count, tc.n)
		if from != tc.from || to != tc.to {
			t.Errorf("sortRange(%d, %d, %d) = %d, %d; want %d, %d", tc.start, tc.count, tc.n, from, to, tc.from, tc.to)
		}
	}
}

// TestPartialSortModel checks partialSort against a full sort: the range
// asked for holds what the sorted slice holds there, with many ties.
// (That equal elements come out in Redis's order is checked against
// redis-server by the compat cases.)
func TestPartialSortModel(t *testing.T) {
	type item struct{ key, id int }
	byKey := func(a, b *item) int { return cmp.Compare(a.key, b.key) }
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := rng.IntN(300)
		v := make([]item, n)
		keys := 1 + rng.IntN(n+1)
		for i := range v {
			v[i] = item{rng.IntN(keys), i}
		}
		if rng.IntN(4) == 0 {
			slices.SortFunc(v, func(a, b item) int { return byKey(&a, &b) }) // already sorted input
		}
		want := slices.Clone(v)
		slices.SortStableFunc(want, func(a, b item) int { return byKey(&a, &b) })
		lo := rng.IntN(n + 1)
		hi := lo + rng.IntN(n+1-lo) - 1
		got := slices.Clone(v)
		partialSort(got, byKey, lo, hi)
		for i := lo; i <= hi; i++ {
			if got[i].key != want[i].key {
				t.Fatalf("n=%d range %d..%d: position %d holds key %d, want %d", n, lo, hi, i, got[i].key, want[i].key)
			}
		}
		ids := func(s []item) []int {
			out := make([]int, len(s))
			for i, it := range s {
				out[i] = it.id
			}
			slices.Sort(out)
			return out
		}
		if !slices.Equal(ids(got), ids(want)) {
			t.Fatalf("n=%d: partialSort lost or duplicated elements", n)
		}
	}
}

// TestSortCompare covers the comparisons of sortCompare that the compat
// cases cannot tell apart on their own.
func TestSortCompare(t *testing.T) {
	item := func(elem string, score float64) sortItem { return sortItem{elem: []byte(elem), score: score} }
	withBy := func(elem, by string) sortItem { return sortItem{elem: []byte(elem), by: []byte(by), hasBy: true} }
	for _, tc := range []struct {
		name string
		o    sortOptions
		a, b sortItem
		want int
	}{
		{"numeric", sortOptions{}, item("b", 1), item("a", 2), -1},
		{"numeric tie on bytes", sortOptions{}, item("b", 1), item("a", 1), 1},
		{"numeric -0 ties 0", sortOptions{}, item("-0", 0), item("0", 0), -1},
		{"numeric desc", sortOptions{desc: true}, item("b", 1), item("a", 2), 1},
		{"alpha up to NUL", sortOptions{alpha: true}, item("a\x00z", 0), item("a\x00b", 0), 0},
		{"alpha store memcmp", sortOptions{alpha: true, store: []byte("d")}, item("a\x00z", 0), item("a\x00b", 0), 1},
		{"alpha unsigned", sortOptions{alpha: true}, item("\xff", 0), item("a", 0), 1},
		{"alpha by missing first", sortOptions{alpha: true, by: []byte("w_*")}, sortItem{elem: []byte("z")}, withBy("a", ""), -1},
		{"alpha by both missing", sortOptions{alpha: true, by: []byte("w_*"), desc: true}, sortItem{elem: []byte("z")}, sortItem{elem: []byte("a")}, 0},
		{"alpha by tie", sortOptions{alpha: true, by: []byte("w_*"), desc: true}, withBy("z", "x"), withBy("a", "x"), 0},
	} {
		if got := tc.o.compare(&tc.a, &tc.b); cmp.Compare(got, 0) != tc.want {
			t.Errorf("%s: compare = %d, want sign %d", tc.name, got, tc.want)
		}
	}
}

// BenchmarkSort measures SORT of a 100-element list with LIMIT: by the
// elements, ALPHA, BY weights (a partial sort), BY nosort (no sort),
// with GET, and into STORE.
func BenchmarkSort(b *testing.B) {
	a := newAOFTestClient(b)
	s, c := a.srv, a.c
	push := []string{"rpush", "l"}
	for i := range 100 {
		e := strconv.Itoa((i * 37) % 100)
		push = append(push, e)
		a.run("set", "w_"+e, strconv.Itoa(100-i))
		a.run("hset", "h_"+e, "name", "name-"+e)
	}
	a.run(push...)
	for _, bc := range []struct {
		name string
		args string
	}{
		{"limit", "SORT l LIMIT 10 20"},
		{"alpha/limit", "SORT l ALPHA LIMIT 10 20"},
		{"by/limit", "SORT l BY w_* LIMIT 10 20"},
		{"by/get/limit", "SORT l BY w_* GET h_*->name GET # LIMIT 10 20"},
		{"nosort/limit", "SORT l BY nosort LIMIT 10 20"},
		{"store/limit", "SORT l LIMIT 10 20 STORE dst"},
	} {
		argv := bytes.Fields([]byte(bc.args))
		cmd, _ := s.table.lookup(argv)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			s.mu.Lock()
			defer s.mu.Unlock()
			for range b.N {
				c.reply.buf = c.reply.buf[:0]
				s.call(c, cmd, argv)
			}
		})
	}
}
