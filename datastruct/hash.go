package datastruct

import (
	"encoding/binary"
	"math/big"
	"math/rand/v2"
	"unsafe"
)

// Hash is a Redis hash: fields mapped to values, in one of Redis's two
// encodings.
//
//   - listpack (packed): the pairs in insertion order in one byte slice,
//     each string preceded by its length as a uvarint, as Redis's listpack
//     keeps them. Lookups walk it, which is fast for the small hashes it
//     is meant for, and HGETALL answers in insertion order, as Redis does.
//     A value rewritten at the same length is rewritten in place.
//
//     lp: [ len|field | len|value | len|field | len|value | ... ]
//
//   - hashtable: a strTable of field -> value, for big hashes.
//
// The server decides when a hash outgrows the packed form
// (hash-max-listpack-entries, hash-max-listpack-value) and calls
// ToTable; a hash never goes back, as in Redis.
//
// Byte slices returned by the accessors view the hash's own memory: they
// are valid until the hash changes and must not be modified.
//
// Copy is O(1): the copies share their memory until one of them writes.
// Nothing here is safe for concurrent use, except that a copy may be read
// while the original is written.
type Hash struct {
	lp     []byte
	n      int               // pairs in lp
	tab    *strTable[string] // nil while packed
	shared bool              // lp is shared with a copy
}

// NewHash returns an empty, packed hash.
func NewHash() *Hash { return &Hash{} }

// Len is the number of fields.
func (h *Hash) Len() int {
	if h.tab != nil {
		return h.tab.len()
	}
	return h.n
}

// Packed reports the listpack encoding.
func (h *Hash) Packed() bool { return h.tab == nil }

// EncodingName is the encoding as OBJECT ENCODING names it.
func (h *Hash) EncodingName() string {
	if h.tab == nil {
		return "listpack"
	}
	return "hashtable"
}

// PackedBytes is the size of the packed form, 0 once converted.
func (h *Hash) PackedBytes() int { return len(h.lp) }

// readLen decodes the uvarint at b[i:], returning it and the position
// after it.
func readLen(b []byte, i int) (int, int) {
	if c := b[i]; c < 0x80 {
		return int(c), i + 1
	}
	v, n := binary.Uvarint(b[i:])
	return int(v), i + n
}

// packedFind locates field: the pair starts at pos, the value is
// lp[vstart:vend].
func (h *Hash) packedFind(field []byte) (pos, vstart, vend int, ok bool) {
	lp := h.lp
	for i := 0; i < len(lp); {
		flen, fstart := readLen(lp, i)
		vlen, vs := readLen(lp, fstart+flen)
		if flen == len(field) && string(lp[fstart:fstart+flen]) == string(field) {
			return i, vs, vs + vlen, true
		}
		i = vs + vlen
	}
	return 0, 0, 0, false
}

// Get returns the value of field.
func (h *Hash) Get(field []byte) ([]byte, bool) {
	if h.tab != nil {
		_, idx := h.tab.findBytes(field)
		if idx < 0 {
			return nil, false
		}
		return bytesView(h.tab.vals[idx]), true
	}
	_, vs, ve, ok := h.packedFind(field)
	if !ok {
		return nil, false
	}
	return h.lp[vs:ve:ve], true
}

// Has reports whether field exists.
func (h *Hash) Has(field []byte) bool {
	_, ok := h.Get(field)
	return ok
}

// bytesView views a string as bytes without copying; they must not be
// modified.
func bytesView(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

func (h *Hash) ownPacked() {
	if h.shared {
		h.lp = append([]byte(nil), h.lp...)
		h.shared = false
	}
}

// Set sets field to value, copying both, and reports whether the field
// is new. Rewriting a field with the value it has changes nothing and
// allocates nothing.
func (h *Hash) Set(field, value []byte) bool {
	if h.tab != nil {
		t := h.tab
		hash := t.hashBytes(field)
		if _, idx := tableFind(t, hash, field); idx >= 0 {
			if t.vals[idx] == string(value) {
				return false
			}
			t.own()
			t.dataBytes += allocSize(uintptr(len(value))) - allocSize(uintptr(len(t.vals[idx])))
			t.vals[idx] = string(value)
			return false
		}
		t.own()
		t.insert(hash, string(field), string(value))
		t.dataBytes += allocSize(uintptr(len(field))) + allocSize(uintptr(len(value)))
		return true
	}
	pos, vs, ve, ok := h.packedFind(field)
	if !ok {
		h.ownPacked()
		h.lp = appendPacked(appendPacked(h.lp, field), value)
		h.n++
		return true
	}
	if string(h.lp[vs:ve]) == string(value) {
		return false
	}
	h.ownPacked()
	if ve-vs == len(value) {
		copy(h.lp[vs:ve], value)
		return false
	}
	// Splice the new value (and its length) over the old one.
	_, fstart := readLen(h.lp, pos)
	lenStart := fstart + len(field) // where the value's length begins
	var hdr [binary.MaxVarintLen64]byte
	hn := binary.PutUvarint(hdr[:], uint64(len(value)))
	h.lp = splice(h.lp, lenStart, ve, hdr[:hn], value)
	return false
}

// SetNew adds a field that the caller knows is absent, without looking
// for it, as a loader does. It does not convert the hash.
func (h *Hash) SetNew(field, value []byte) {
	if h.tab != nil {
		t := h.tab
		t.own()
		t.insert(t.hashBytes(field), string(field), string(value))
		t.dataBytes += allocSize(uintptr(len(field))) + allocSize(uintptr(len(value)))
		return
	}
	h.ownPacked()
	h.lp = appendPacked(appendPacked(h.lp, field), value)
	h.n++
}

// appendPacked appends a length-prefixed string.
func appendPacked(lp, s []byte) []byte {
	lp = binary.AppendUvarint(lp, uint64(len(s)))
	return append(lp, s...)
}

// splice replaces b[from:to] with parts, in place when b has room.
func splice(b []byte, from, to int, parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	newLen := len(b) - (to - from) + n
	if newLen > cap(b) {
		nb := make([]byte, newLen, newLen+newLen/4)
		copy(nb, b[:from])
		copy(nb[from+n:], b[to:])
		b = nb
	} else {
		old := len(b)
		b = b[:max(old, newLen)]
		copy(b[from+n:], b[to:old])
		b = b[:newLen]
	}
	for _, p := range parts {
		from += copy(b[from:], p)
	}
	return b
}

// Delete removes field and reports whether it was there.
func (h *Hash) Delete(field []byte) bool {
	if h.tab != nil {
		t := h.tab
		pos, idx := t.findBytes(field)
		if idx < 0 {
			return false
		}
		t.own()
		t.dataBytes -= allocSize(uintptr(len(t.keys[idx]))) + allocSize(uintptr(len(t.vals[idx])))
		t.removeAt(pos, idx)
		return true
	}
	pos, _, ve, ok := h.packedFind(field)
	if !ok {
		return false
	}
	h.ownPacked()
	h.lp = splice(h.lp, pos, ve)
	h.n--
	if h.n == 0 {
		h.lp = nil
	} else if cap(h.lp) > 256 && len(h.lp) < cap(h.lp)/4 {
		h.lp = append([]byte(nil), h.lp...)
	}
	return true
}

// ToTable converts a packed hash to the hashtable encoding.
func (h *Hash) ToTable() {
	if h.tab != nil {
		return
	}
	t := newStrTable[string](h.n)
	h.Range(func(field, value []byte) bool {
		t.insert(t.hashBytes(field), string(field), string(value))
		t.dataBytes += allocSize(uintptr(len(field))) + allocSize(uintptr(len(value)))
		return true
	})
	h.tab, h.lp, h.n, h.shared = t, nil, 0, false
}

// Range calls fn for every pair until it returns false: in insertion
// order when packed, in the table's order otherwise.
func (h *Hash) Range(fn func(field, value []byte) bool) {
	if h.tab != nil {
		for i, k := range h.tab.keys {
			if !fn(bytesView(k), bytesView(h.tab.vals[i])) {
				return
			}
		}
		return
	}
	lp := h.lp
	for i := 0; i < len(lp); {
		flen, fs := readLen(lp, i)
		vlen, vs := readLen(lp, fs+flen)
		i = vs + vlen
		if !fn(lp[fs:fs+flen:fs+flen], lp[vs:i:i]) {
			return
		}
	}
}

// At returns the pair at position i (0 <= i < Len) in Range's order: in
// O(1) for the hashtable encoding, in O(i) when packed.
func (h *Hash) At(i int) (field, value []byte) {
	if h.tab != nil {
		return bytesView(h.tab.keys[i]), bytesView(h.tab.vals[i])
	}
	h.Range(func(f, v []byte) bool {
		if i == 0 {
			field, value = f, v
			return false
		}
		i--
		return true
	})
	return field, value
}

// HashPair is a field and its value, viewing the hash's memory.
type HashPair struct{ Field, Value []byte }

// AppendPairs appends every pair, in Range's order, to dst.
func (h *Hash) AppendPairs(dst []HashPair) []HashPair {
	h.Range(func(f, v []byte) bool {
		dst = append(dst, HashPair{f, v})
		return true
	})
	return dst
}

// Random returns a uniformly random pair; the hash must not be empty.
func (h *Hash) Random(rng *rand.Rand) (field, value []byte) {
	return h.At(rng.IntN(h.Len()))
}

// Scan visits pairs as HSCAN does and returns the next cursor, 0 at the
// end. A packed hash is returned whole with cursor 0, as Redis returns a
// listpack. A table is walked as Redis's dictScan walks its dict, until
// at least count pairs (count < 1 counts as 1) or 10*count buckets. A
// pair may be returned more than once in an iteration.
func (h *Hash) Scan(cursor uint64, count int, fn func(field, value []byte)) uint64 {
	if h.tab == nil {
		h.Range(func(f, v []byte) bool { fn(f, v); return true })
		return 0
	}
	t := h.tab
	return scanTable(t, cursor, count, func(idx int) { fn(bytesView(t.keys[idx]), bytesView(t.vals[idx])) })
}

// scanTable is the loop of Redis's scanGenericCommand over a dict.
func scanTable[V any](t *strTable[V], cursor uint64, count int, fn func(idx int)) uint64 {
	count = min(max(count, 1), 1<<40)
	found := 0
	visit := func(idx int) { fn(idx); found++ }
	for budget := 10 * count; ; budget-- {
		cursor = t.scan(cursor, visit)
		if cursor == 0 || budget <= 1 || found >= count {
			return cursor
		}
	}
}

// Copy returns an independent copy in O(1): both share the memory until
// one of them writes, which then copies it.
func (h *Hash) Copy() *Hash {
	c := &Hash{n: h.n}
	if h.tab != nil {
		c.tab = h.tab.copy()
		return c
	}
	c.lp = h.lp
	if h.lp != nil {
		h.shared, c.shared = true, true
	}
	return c
}

// Clone is Copy as an any, for COPY and snapshots.
func (h *Hash) Clone() any { return h.Copy() }

// hashHeaderBytes is what a Hash costs besides its contents.
var hashHeaderBytes = allocSize(unsafe.Sizeof(Hash{}))

// MemoryBytes estimates the bytes the hash holds, in O(1): its header,
// the packed form or the table's arrays, and the strings, each rounded to
// Go's allocation size classes. Memory shared with a copy is counted by
// both.
func (h *Hash) MemoryBytes() int64 {
	if h.tab == nil {
		return hashHeaderBytes + allocSize(uintptr(cap(h.lp)))
	}
	return hashHeaderBytes + tableHeaderBytes + h.tab.arrayBytes() + h.tab.dataBytes
}

var tableHeaderBytes = allocSize(unsafe.Sizeof(strTable[string]{}))

// MemoryUsage is MEMORY USAGE's estimate. It is exact whatever the
// samples: MemoryBytes is kept up to date.
func (h *Hash) MemoryUsage(samples int64) int64 { return h.MemoryBytes() }

// LongDouble is a float in the precision of the x87 long double Redis's
// HINCRBYFLOAT computes with.
type LongDouble struct{ f *big.Float }

// ParseLongDouble reads b as Redis's string2ld does.
func ParseLongDouble(b []byte) (LongDouble, bool) {
	f, ok := parseLongDouble(b)
	return LongDouble{f}, ok
}

// IsInf reports an infinity.
func (x LongDouble) IsInf() bool { return x.f.IsInf() }

// AddLongDouble returns a+b formatted as Redis stores it (ld2string's
// human mode), or false when the sum is infinite. Neither may be
// infinite.
func AddLongDouble(a, b LongDouble) ([]byte, bool) {
	sum := new(big.Float).SetPrec(longDoubleBits).Add(a.f, b.f)
	if sum.MantExp(nil) > longDoubleMaxExp {
		return nil, false
	}
	return FormatLongDouble(sum), true
}
