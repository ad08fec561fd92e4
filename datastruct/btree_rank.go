package datastruct

import (
	"reflect"
	"sync"
	"unsafe"

	"github.com/tidwall/btree"
)

// Rank queries on tidwall/btree, which counts the items under every node
// (GetAt is O(log n)) but offers no rank-of-item function: a binary search
// over GetAt would cost O(log² n). btreeCountBefore walks the tree's nodes
// itself, read-only, through a mirror of the package's unexported types.
//
// PINNED TO github.com/tidwall/btree v1.8.2. The mirror below copies that
// version's declarations field for field:
//
//	type BTreeG[T any] struct {              type node[T any] struct {
//		isoid        uint64                     isoid    uint64
//		mu           *sync.RWMutex              count    int   // items in the subtree
//		root         *node[T]                   items    []T
//		count        int                        children *[]*node[T] // nil in a leaf
//		locks        bool                   }
//		copyItems    bool
//		isoCopyItems bool
//		less         func(a, b T) bool
//		empty        T
//		max          int
//		min          int
//	}
//
// Before the mirror is trusted, btreeMirrored compares it with the real
// types by reflection (field names, offsets, kinds and sizes, recursively).
// If an upgrade changes the layout, the rank functions fall back to the
// public API (O(log² n)) instead of reading memory wrongly, and
// TestBTreeRankLayout fails loudly. TestBTreeCountBefore checks the counts
// against GetAt on random trees, after deletes and on Copy()'d trees, which
// catches a change in what the fields mean as well.

type btreeMirror[T any] struct {
	isoid        uint64
	mu           *sync.RWMutex
	root         *btreeNodeMirror[T]
	count        int
	locks        bool
	copyItems    bool
	isoCopyItems bool
	less         func(a, b T) bool
	empty        T
	max          int
	min          int
}

type btreeNodeMirror[T any] struct {
	isoid    uint64
	count    int
	items    []T
	children *[]*btreeNodeMirror[T]
}

// btreeMirrored reports whether btree.BTreeG[T] still has the layout
// btreeMirror[T] mirrors. It costs a reflection walk; callers cache it.
func btreeMirrored[T any]() bool {
	real := reflect.TypeFor[btree.BTreeG[T]]()
	mirror := reflect.TypeFor[btreeMirror[T]]()
	return sameLayout(real, mirror, map[[2]reflect.Type]bool{})
}

// sameLayout compares two types structurally: kinds, sizes, and for
// structs the field names, offsets and types. seen breaks the recursion
// through node.children.
func sameLayout(a, b reflect.Type, seen map[[2]reflect.Type]bool) bool {
	if a == b {
		return true
	}
	if a.Kind() != b.Kind() || a.Size() != b.Size() || a.Align() != b.Align() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Slice:
		return sameLayout(a.Elem(), b.Elem(), seen)
	case reflect.Struct:
		key := [2]reflect.Type{a, b}
		if seen[key] {
			return true
		}
		seen[key] = true
		if a.NumField() != b.NumField() {
			return false
		}
		for i := range a.NumField() {
			fa, fb := a.Field(i), b.Field(i)
			if fa.Name != fb.Name || fa.Offset != fb.Offset || !sameLayout(fa.Type, fb.Type, seen) {
				return false
			}
		}
		return true
	case reflect.Func, reflect.Map, reflect.Chan, reflect.Interface, reflect.Array:
		return false // identical types were accepted above; none other are expected
	default:
		return true // same basic kind and size
	}
}

func mirrorOf[T any](tr *btree.BTreeG[T]) *btreeMirror[T] {
	return (*btreeMirror[T])(unsafe.Pointer(tr))
}

// btreeCountBefore returns how many items of tr satisfy before, which must
// be true for a prefix of the items in order and false after it (such as
// "item < pivot"). It is O(log n): one root-to-leaf walk, adding up the
// subtree counts to the left of the path. It only reads the tree, so it is
// safe on a tree that shares nodes with copies (copy on write).
//
// The caller must have checked btreeMirrored[T]().
func btreeCountBefore[T any](tr *btree.BTreeG[T], before func(T) bool) int {
	n := mirrorOf(tr).root
	rank := 0
	for n != nil {
		// First index whose item is not before the boundary.
		lo, hi := 0, len(n.items)
		for lo < hi {
			h := int(uint(lo+hi) >> 1)
			if before(n.items[h]) {
				lo = h + 1
			} else {
				hi = h
			}
		}
		if n.children == nil {
			return rank + lo
		}
		children := *n.children
		// Items of this subtree left of child lo: the children before it
		// and lo separator items. Add from whichever end is shorter.
		if lo <= len(children)/2 {
			for _, c := range children[:lo] {
				rank += c.count
			}
			rank += lo
		} else {
			left := n.count - (len(n.items) - lo)
			for _, c := range children[lo:] {
				left -= c.count
			}
			rank += left
		}
		n = children[lo]
	}
	return rank
}

// btreeCountBeforeSlow is btreeCountBefore through the public API, a
// binary search over GetAt in O(log² n): the fallback for a layout that
// no longer matches the mirror.
func btreeCountBeforeSlow[T any](tr *btree.BTreeG[T], before func(T) bool) int {
	lo, hi := 0, tr.Len()
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if it, _ := tr.GetAt(h); before(it) {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}

// btreeWalkNodes calls fn for every node of tr with the capacities of
// its items slice and of its children slice (0 for a leaf). It is
// O(n / node size).
//
// The caller must have checked btreeMirrored[T]().
func btreeWalkNodes[T any](tr *btree.BTreeG[T], fn func(itemCap, childCap int)) {
	var walk func(n *btreeNodeMirror[T])
	walk = func(n *btreeNodeMirror[T]) {
		if n.children == nil {
			fn(cap(n.items), 0)
			return
		}
		fn(cap(n.items), cap(*n.children))
		for _, c := range *n.children {
			walk(c)
		}
	}
	if root := mirrorOf(tr).root; root != nil {
		walk(root)
	}
}

// btreeMinMax returns the most items a node may hold and the fewest a
// node other than the root holds.
//
// The caller must have checked btreeMirrored[T]().
func btreeMinMax[T any](tr *btree.BTreeG[T]) (min, max int) {
	m := mirrorOf(tr)
	return m.min, m.max
}

// btreeFirstLeaves visits the leftmost leaves of tr until they hold at
// least want items, and returns how many leaves and items it saw and the
// sum of cost(cap(items)) over them: a sample for estimates.
//
// The caller must have checked btreeMirrored[T]().
func btreeFirstLeaves[T any](tr *btree.BTreeG[T], want int, cost func(itemCap int) int64) (leaves, items int, total int64) {
	var walk func(n *btreeNodeMirror[T]) bool
	walk = func(n *btreeNodeMirror[T]) bool {
		if n.children == nil {
			leaves++
			items += len(n.items)
			total += cost(cap(n.items))
			return items < want
		}
		for _, c := range *n.children {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if root := mirrorOf(tr).root; root != nil {
		walk(root)
	}
	return leaves, items, total
}
