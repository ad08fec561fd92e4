package datastruct

import (
	"math/rand/v2"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/tidwall/btree"
)

// btreePinnedVersion is the tidwall/btree version whose unexported layout
// btree_rank.go mirrors.
const btreePinnedVersion = "v1.8.2"

// TestBTreeRankLayout fails when tidwall/btree is upgraded (go.mod) or
// its layout no longer matches the mirror. On an upgrade: read the new
// btreeg.go, update btreeMirror and btreeNodeMirror, check that
// node.count still counts the items of the subtree, then update
// btreePinnedVersion.
func TestBTreeRankLayout(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`github\.com/tidwall/btree (v\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatalf("go.mod does not require github.com/tidwall/btree")
	}
	if string(m[1]) != btreePinnedVersion {
		t.Errorf("go.mod has tidwall/btree %s, btree_rank.go mirrors %s: re-verify the mirror against the new source",
			m[1], btreePinnedVersion)
	}
	if !btreeMirrored[zitem]() || !btreeMirrored[int]() || !btreeMirrored[string]() {
		t.Fatalf("tidwall/btree's BTreeG/node layout differs from btree_rank.go's mirror: rank queries fall back to O(log² n)")
	}
	if !zsetTreeMirrored {
		t.Fatalf("zsetTreeMirrored is false")
	}
}

// TestBTreeLayoutCheckBites shows that sameLayout notices the changes an
// upgrade could bring: a reordered, renamed, retyped or added field.
func TestBTreeLayoutCheckBites(t *testing.T) {
	type node struct {
		isoid    uint64
		count    int
		items    []int
		children *[]*node
	}
	type swapped struct {
		count    int
		isoid    uint64
		items    []int
		children *[]*swapped
	}
	type renamed struct {
		isoid    uint64
		size     int
		items    []int
		children *[]*renamed
	}
	type retyped struct {
		isoid    uint64
		count    int32
		items    []int
		children *[]*retyped
	}
	type extra struct {
		isoid    uint64
		count    int
		items    []int
		children *[]*extra
		parent   *extra
	}
	type deepChange struct {
		isoid    uint64
		count    int
		items    []int
		children *[]*swapped // the recursion leads to a different node
	}
	real := reflect.TypeFor[btreeNodeMirror[int]]()
	if !sameLayout(real, reflect.TypeFor[node](), map[[2]reflect.Type]bool{}) {
		t.Fatalf("identical layout rejected")
	}
	for _, other := range []reflect.Type{
		reflect.TypeFor[swapped](), reflect.TypeFor[renamed](), reflect.TypeFor[retyped](),
		reflect.TypeFor[extra](), reflect.TypeFor[deepChange](),
	} {
		if sameLayout(real, other, map[[2]reflect.Type]bool{}) {
			t.Errorf("%v accepted as the layout of %v", other, real)
		}
	}
}

// checkCountBefore compares btreeCountBefore with the answer from the
// public API, for every item and the gaps around them.
func checkCountBefore(t *testing.T, tr *btree.BTreeG[int]) {
	t.Helper()
	items := tr.Items()
	for i, it := range items {
		if got, ok := tr.GetAt(i); !ok || got != it {
			t.Fatalf("GetAt(%d) = %d %v, Items has %d", i, got, ok, it)
		}
	}
	var pivots []int
	for _, it := range items {
		pivots = append(pivots, it-1, it, it+1)
	}
	pivots = append(pivots, -1<<40, 1<<40)
	for _, p := range pivots {
		before := func(x int) bool { return x < p }
		want := sort.SearchInts(items, p)
		if got := btreeCountBefore(tr, before); got != want {
			t.Fatalf("btreeCountBefore(< %d) = %d, want %d (len %d, height %d)", p, got, want, tr.Len(), tr.Height())
		}
		if got := btreeCountBeforeSlow(tr, before); got != want {
			t.Fatalf("btreeCountBeforeSlow(< %d) = %d, want %d", p, got, want)
		}
		// The position of an item, found with GetAt, is its rank.
		if want < len(items) && items[want] == p {
			if at, _ := tr.GetAt(want); at != p {
				t.Fatalf("GetAt(rank of %d) = %d", p, at)
			}
		}
	}
	// The node walk sees every item exactly once.
	nodes, slots := 0, 0
	btreeWalkNodes(tr, func(itemCap, childCap int) { nodes++; slots += itemCap })
	if slots < tr.Len() || (tr.Len() > 0) != (nodes > 0) {
		t.Fatalf("btreeWalkNodes: %d nodes, %d item slots for %d items", nodes, slots, tr.Len())
	}
}

// TestBTreeCountBefore cross-checks the rank walk against GetAt on random
// trees of several degrees (so of several heights), after inserts, after
// every kind of delete, and on Copy()'d trees written on both sides.
func TestBTreeCountBefore(t *testing.T) {
	for _, degree := range []int{2, 3, 8, 0} {
		for _, size := range []int{0, 1, 2, 10, 100, 1000, 3000} {
			rng := rand.New(rand.NewPCG(uint64(degree), uint64(size)))
			tr := btree.NewBTreeGOptions(func(a, b int) bool { return a < b }, btree.Options{NoLocks: true, Degree: degree})
			for range size {
				tr.Set(rng.IntN(4*size+1) * 2)
			}
			checkCountBefore(t, tr)

			cp := tr.Copy()
			// Deletes of every kind on the original.
			for i := 0; i < size/4 && tr.Len() > 0; i++ {
				switch i % 5 {
				case 0:
					it, _ := tr.GetAt(rng.IntN(tr.Len()))
					tr.Delete(it)
				case 1:
					tr.DeleteAt(rng.IntN(tr.Len()))
				case 2:
					tr.PopMin()
				case 3:
					tr.PopMax()
				case 4:
					lo, _ := tr.GetAt(rng.IntN(tr.Len()))
					tr.DeleteRange(lo, lo+rng.IntN(40), nil)
				}
			}
			checkCountBefore(t, tr)
			// The copy is unchanged, and can be written on its own.
			checkCountBefore(t, cp)
			for range size / 4 {
				cp.Set(rng.IntN(8*size+1)*2 + 1)
			}
			checkCountBefore(t, cp)
			checkCountBefore(t, tr)
		}
	}
}

// TestBTreeCountBeforeOnSnapshot reads a copy with the rank walk while the
// original is written, as a snapshot is read outside the server's lock:
// with -race it shows the walk only reads memory the writer no longer
// touches.
func TestBTreeCountBeforeOnSnapshot(t *testing.T) {
	tr := btree.NewBTreeGOptions(func(a, b int) bool { return a < b }, btree.Options{NoLocks: true, Degree: 3})
	for i := range 2000 {
		tr.Set(i * 2)
	}
	snap := tr.Copy()
	want := snap.Items()
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, p := range want {
			if got := btreeCountBefore(snap, func(x int) bool { return x < p }); got != p/2 {
				t.Errorf("snapshot rank of %d = %d, want %d", p, got, p/2)
				return
			}
		}
	})
	for i := range 2000 {
		tr.Delete(i * 2)
		tr.Set(i*2 + 1)
	}
	wg.Wait()
	if !slices.Equal(snap.Items(), want) {
		t.Fatalf("snapshot changed")
	}
}
