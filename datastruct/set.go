package datastruct

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"unsafe"
)

// Set is a Redis set in one of Redis 7.0's two encodings:
//
//   - intset: while every member is an integer (as Redis's string2ll
//     reads it), a sorted []int64. Members come back in ascending order,
//     as from Redis's intset.
//   - hashtable: a strTable of members.
//
// Add converts an intset to a table when it gets a member that is not an
// integer; the server converts it when it outgrows set-max-intset-entries
// (ToTable). A set never goes back, except that the server may build a
// new one.
//
// Byte slices returned by the accessors view the set's own memory, or a
// caller's buffer for an intset: they are valid until the set changes
// and must not be modified.
//
// Copy is O(1): the copies share their memory until one of them writes.
type Set struct {
	ints   []int64
	tab    *strTable[struct{}] // nil while an intset
	shared bool                // ints is shared with a copy
}

// NewSet returns an empty intset.
func NewSet() *Set { return &Set{} }

// NewSetTable returns an empty set in the hashtable encoding, sized for
// capacity members.
func NewSetTable(capacity int) *Set { return &Set{tab: newStrTable[struct{}](capacity)} }

// Len is the number of members.
func (s *Set) Len() int {
	if s.tab != nil {
		return s.tab.len()
	}
	return len(s.ints)
}

// IsIntset reports the intset encoding.
func (s *Set) IsIntset() bool { return s.tab == nil }

// EncodingName is the encoding as OBJECT ENCODING names it.
func (s *Set) EncodingName() string {
	if s.tab == nil {
		return "intset"
	}
	return "hashtable"
}

// Contains reports whether member is in the set.
func (s *Set) Contains(member []byte) bool {
	if s.tab != nil {
		_, idx := s.tab.findBytes(member)
		return idx >= 0
	}
	v, ok := ParseInt(member)
	if !ok {
		return false
	}
	_, found := slices.BinarySearch(s.ints, v)
	return found
}

func (s *Set) ownInts() {
	if s.shared {
		s.ints = slices.Clone(s.ints)
		s.shared = false
	}
}

// Add adds member, copying it, and reports whether it is new. An intset
// given a member that is not an integer becomes a table.
func (s *Set) Add(member []byte) bool {
	if s.tab == nil {
		v, ok := ParseInt(member)
		if ok {
			i, found := slices.BinarySearch(s.ints, v)
			if found {
				return false
			}
			s.ownInts()
			s.ints = slices.Insert(s.ints, i, v)
			return true
		}
		s.ToTable()
	}
	t := s.tab
	h := t.hashBytes(member)
	if _, idx := tableFind(t, h, member); idx >= 0 {
		return false
	}
	t.own()
	t.insert(h, string(member), struct{}{})
	t.dataBytes += allocSize(uintptr(len(member)))
	return true
}

// Remove removes member and reports whether it was there.
func (s *Set) Remove(member []byte) bool {
	if s.tab != nil {
		t := s.tab
		pos, idx := t.findBytes(member)
		if idx < 0 {
			return false
		}
		t.own()
		t.dataBytes -= allocSize(uintptr(len(t.keys[idx])))
		t.removeAt(pos, idx)
		return true
	}
	v, ok := ParseInt(member)
	if !ok {
		return false
	}
	i, found := slices.BinarySearch(s.ints, v)
	if !found {
		return false
	}
	s.ownInts()
	s.ints = slices.Delete(s.ints, i, i+1)
	if c := cap(s.ints); c > 64 && len(s.ints) < c/4 {
		s.ints = slices.Clip(slices.Clone(s.ints))
	}
	return true
}

// ToTable converts an intset to the hashtable encoding.
func (s *Set) ToTable() {
	if s.tab != nil {
		return
	}
	t := newStrTable[struct{}](len(s.ints))
	var buf [20]byte
	for _, v := range s.ints {
		m := strconv.AppendInt(buf[:0], v, 10)
		t.insert(t.hashBytes(m), string(m), struct{}{})
		t.dataBytes += allocSize(uintptr(len(m)))
	}
	s.tab, s.ints, s.shared = t, nil, false
}

// Member returns the member at position i (0 <= i < Len), in Range's
// order, in O(1). An intset member is formatted into buf.
func (s *Set) Member(i int, buf []byte) []byte {
	if s.tab != nil {
		return bytesView(s.tab.keys[i])
	}
	return strconv.AppendInt(buf[:0], s.ints[i], 10)
}

// Random returns a uniformly random member, formatted into buf for an
// intset; the set must not be empty.
func (s *Set) Random(rng *rand.Rand, buf []byte) []byte {
	return s.Member(rng.IntN(s.Len()), buf)
}

// Range calls fn for every member until it returns false: ascending for
// an intset, in the table's order otherwise. An intset member is
// formatted into a buffer that the next call reuses.
func (s *Set) Range(fn func(member []byte) bool) {
	if s.tab != nil {
		for _, k := range s.tab.keys {
			if !fn(bytesView(k)) {
				return
			}
		}
		return
	}
	var buf [20]byte
	for _, v := range s.ints {
		if !fn(strconv.AppendInt(buf[:0], v, 10)) {
			return
		}
	}
}

// Ints returns the members of an intset, ascending; nil for a table. The
// slice must not be modified.
func (s *Set) Ints() []int64 {
	if s.tab != nil {
		return nil
	}
	return s.ints
}

// Scan visits members as SSCAN does and returns the next cursor, 0 at
// the end: an intset whole with cursor 0, as Redis does; a table as
// Redis's dictScan walks its dict (see Hash.Scan).
func (s *Set) Scan(cursor uint64, count int, fn func(member []byte)) uint64 {
	if s.tab == nil {
		s.Range(func(m []byte) bool { fn(m); return true })
		return 0
	}
	t := s.tab
	return scanTable(t, cursor, count, func(idx int) { fn(bytesView(t.keys[idx])) })
}

// Copy returns an independent copy in O(1): both share the memory until
// one of them writes, which then copies it.
func (s *Set) Copy() *Set {
	c := &Set{}
	if s.tab != nil {
		c.tab = s.tab.copy()
		return c
	}
	c.ints = s.ints
	if s.ints != nil {
		s.shared, c.shared = true, true
	}
	return c
}

// Clone is Copy as an any, for COPY and snapshots.
func (s *Set) Clone() any { return s.Copy() }

var setHeaderBytes = allocSize(unsafe.Sizeof(Set{}))

// MemoryBytes estimates the bytes the set holds, in O(1), as
// Hash.MemoryBytes does.
func (s *Set) MemoryBytes() int64 {
	if s.tab == nil {
		return setHeaderBytes + allocSize(uintptr(cap(s.ints))*8)
	}
	return setHeaderBytes + allocSize(unsafe.Sizeof(strTable[struct{}]{})) + s.tab.arrayBytes() + s.tab.dataBytes
}

// MemoryUsage is MEMORY USAGE's estimate, exact whatever the samples.
func (s *Set) MemoryUsage(samples int64) int64 { return s.MemoryBytes() }

// RangeStrings is Range with each member as a string: a table's own
// strings, new ones for an intset. They stay valid after the call.
func (s *Set) RangeStrings(fn func(member string) bool) {
	if s.tab != nil {
		for _, k := range s.tab.keys {
			if !fn(k) {
				return
			}
		}
		return
	}
	for _, v := range s.ints {
		if !fn(strconv.FormatInt(v, 10)) {
			return
		}
	}
}
