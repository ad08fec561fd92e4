package datastruct

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
	"slices"
	"unsafe"
)

// strTable is the "hashtable" encoding of hashes and sets: string keys
// with values of type V (struct{} for a set), in the shape of an index
// map rather than of Redis's chained dict.
//
//	keys   [ k0 | k1 | k2 | ... ]      dense, in insertion order until a
//	vals   [ v0 | v1 | v2 | ... ]      removal moves the last entry into
//	                                   the hole
//	slots  [ 0 | h|2 | h|1 | 0 | ... ] open addressing, linear probing:
//	                                   the key's 32-bit hash above the
//	                                   entry's index+1, 0 when empty
//
// The dense arrays make a uniformly random pick exact and O(1) (a Go map
// or a chained table cannot pick fairly), and cost one string header per
// key and value: no node per entry. Each slot carries its key's hash, so
// probing compares strings only on a hash match, and a resize rehashes
// from the slots without hashing a key again.
//
// Scan walks the home buckets (hash & mask) in Redis's reverse-binary
// cursor order, which keeps dictScan's guarantee across resizes: every
// key present for a whole iteration is returned at least once.
//
// Copies share the arrays until one side writes (see own): Clone is
// O(1) and the first write after it copies the arrays once.
type strTable[V any] struct {
	keys  []string
	vals  []V
	slots []uint64 // length 0 or a power of two
	seed  maphash.Seed
	// dataBytes is the allocated size of the key (and, for a hash, value)
	// strings, kept up to date by the owner for MemoryBytes.
	dataBytes int64
	shared    bool // the arrays are shared with a copy: copy before writing
}

const (
	tableMinSlots = 4
	// A table grows past 3/4 full: linear probing stays short there.
	tableMaxLoadNum, tableMaxLoadDen = 3, 4
	// It shrinks below 1/16 full, to about half full.
	tableShrinkDen = 16
)

func newStrTable[V any](capacity int) *strTable[V] {
	t := &strTable[V]{seed: maphash.MakeSeed()}
	if capacity > 0 {
		t.keys = make([]string, 0, capacity)
		t.vals = make([]V, 0, capacity)
		t.slots = make([]uint64, slotsFor(capacity))
	}
	return t
}

// slotsFor is the table size that holds n keys below the maximum load.
func slotsFor(n int) int {
	need := n*tableMaxLoadDen/tableMaxLoadNum + 1
	return max(tableMinSlots, 1<<bits.Len(uint(need-1)))
}

func (t *strTable[V]) len() int { return len(t.keys) }

func slotHash(s uint64) uint32 { return uint32(s >> 32) }
func slotIndex(s uint64) int   { return int(uint32(s)) - 1 }
func makeSlot(h uint32, idx int) uint64 {
	return uint64(h)<<32 | uint64(uint32(idx+1))
}

func (t *strTable[V]) hashBytes(k []byte) uint32  { return uint32(maphash.Bytes(t.seed, k)) }
func (t *strTable[V]) hashString(k string) uint32 { return uint32(maphash.String(t.seed, k)) }

// find returns the slot position and entry index of key, or -1, -1.
func tableFind[V any, K string | []byte](t *strTable[V], h uint32, key K) (pos, idx int) {
	if len(t.slots) == 0 {
		return -1, -1
	}
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1, -1
		}
		if slotHash(s) == h {
			if j := slotIndex(s); t.keys[j] == string(key) {
				return i, j
			}
		}
	}
}

func (t *strTable[V]) findBytes(key []byte) (pos, idx int) {
	return tableFind(t, t.hashBytes(key), key)
}

func (t *strTable[V]) findString(key string) (pos, idx int) {
	return tableFind(t, t.hashString(key), key)
}

// own makes the arrays this table's own before a write.
func (t *strTable[V]) own() {
	if !t.shared {
		return
	}
	t.keys = slices.Clone(t.keys)
	t.vals = slices.Clone(t.vals)
	t.slots = slices.Clone(t.slots)
	t.shared = false
}

// copy returns a table sharing the arrays until either side writes.
func (t *strTable[V]) copy() *strTable[V] {
	t.shared = true
	c := *t
	return &c
}

// insert adds key, which must be absent, with its hash h, and returns
// its index. The caller has called own.
func (t *strTable[V]) insert(h uint32, key string, v V) int {
	if (len(t.keys)+1)*tableMaxLoadDen > len(t.slots)*tableMaxLoadNum {
		t.resize(slotsFor(len(t.keys) + 1))
	}
	idx := len(t.keys)
	t.keys = append(t.keys, key)
	t.vals = append(t.vals, v)
	t.place(makeSlot(h, idx))
	return idx
}

// place puts a slot at the first empty position of its probe sequence.
func (t *strTable[V]) place(s uint64) {
	mask := len(t.slots) - 1
	i := int(slotHash(s)) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

// resize rebuilds the slots at size n from the hashes they carry.
func (t *strTable[V]) resize(n int) {
	old := t.slots
	t.slots = make([]uint64, n)
	for _, s := range old {
		if s != 0 {
			t.place(s)
		}
	}
}

// removeAt deletes the entry at index idx, whose slot is at pos, moving
// the last entry into its place. The caller has called own.
func (t *strTable[V]) removeAt(pos, idx int) {
	t.unslot(pos)
	last := len(t.keys) - 1
	if idx != last {
		// Point the last entry's slot at its new index.
		moved := t.keys[last]
		mpos, _ := tableFind(t, t.hashString(moved), moved)
		t.slots[mpos] = makeSlot(slotHash(t.slots[mpos]), idx)
		t.keys[idx] = moved
		t.vals[idx] = t.vals[last]
	}
	var zero V
	t.keys[last] = ""
	t.vals[last] = zero
	t.keys = t.keys[:last]
	t.vals = t.vals[:last]
	t.maybeShrink()
}

// unslot empties the slot at pos by backward-shift deletion: the slots
// after it in the run move back where that keeps them reachable, so no
// tombstones are needed.
func (t *strTable[V]) unslot(pos int) {
	mask := len(t.slots) - 1
	hole := pos
	for j := (pos + 1) & mask; ; j = (j + 1) & mask {
		s := t.slots[j]
		if s == 0 {
			break
		}
		home := int(slotHash(s)) & mask
		// The slot may move to the hole unless its home lies cyclically
		// in (hole, j].
		if (hole <= j && hole < home && home <= j) || (hole > j && (hole < home || home <= j)) {
			continue
		}
		t.slots[hole] = s
		hole = j
	}
	t.slots[hole] = 0
}

// maybeShrink gives memory back after many removals: the slots when
// under 1/16 full, the dense arrays when under 1/4 of their capacity.
func (t *strTable[V]) maybeShrink() {
	n := len(t.keys)
	if len(t.slots) > tableMinSlots && n*tableShrinkDen < len(t.slots) {
		t.resize(max(tableMinSlots, slotsFor(2*n)))
	}
	if c := cap(t.keys); c > 64 && n < c/4 {
		t.keys = append(make([]string, 0, 2*n), t.keys...)
		t.vals = append(make([]V, 0, 2*n), t.vals...)
	}
}

// scan visits the keys whose home bucket is the cursor's and returns the
// next cursor, 0 at the end: one step of Redis's dictScan.
func (t *strTable[V]) scan(cursor uint64, fn func(idx int)) uint64 {
	if len(t.keys) == 0 {
		return 0
	}
	mask := uint64(len(t.slots) - 1)
	b := cursor & mask
	for i := b; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			break
		}
		if uint64(slotHash(s))&mask == b {
			fn(slotIndex(s))
		}
	}
	return nextCursor(cursor, mask)
}

// random returns a uniformly random index; the table is not empty.
func (t *strTable[V]) random(rng *rand.Rand) int { return rng.IntN(len(t.keys)) }

// arrayBytes is the allocated size of the three arrays.
func (t *strTable[V]) arrayBytes() int64 {
	var v V
	return allocSize(uintptr(cap(t.keys))*unsafe.Sizeof("")) +
		allocSize(uintptr(cap(t.vals))*unsafe.Sizeof(v)) +
		allocSize(uintptr(len(t.slots))*8)
}
