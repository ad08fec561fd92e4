package datastruct

import (
	"bytes"
	"unsafe"
)

// List is a Redis list: a sequence of byte strings with O(1) pushes and
// pops at both ends, shaped after Redis's quicklist.
//
// The elements live in blocks, and the blocks in a ring (a deque of
// pointers, a power of two long). A block packs up to listBlockElems
// elements and listBlockBytes bytes into one byte array, with a uint16
// boundary per element in a second array:
//
//	offs:  . . . [o0 o1 o2 o3] . .      element k of the block is
//	data:  . . . . [e0|e1 |e2 ] . . .   data[offs[first+k]:offs[first+k+1]]
//	             ^first   ^last
//
// Both arrays are gap buffers: the used part floats inside them, so a
// push at either end of a block writes into the free room on that side
// and a pop only moves first or last. When a side runs out of room, the
// used part is moved to give that side room, or the arrays are doubled,
// up to the limits; a block at its limits is followed (or preceded) by a
// new block. An element longer than listBlockBytes gets a block of its
// own (a "solo" block: offs is nil and data is the element).
//
// So a push copies the element's bytes and, now and then, allocates a
// block; it never copies the list. An element costs its bytes plus two,
// with a few dozen bytes per block besides. Index access walks the
// blocks from the nearer end, a block at a time. An end block that is
// emptied is kept as a spare for the next new block, so a list used as a
// queue allocates nothing in its steady state.
//
// Slices that List returns alias its memory: they are valid until the
// next change to the list, and must not be modified.
type List struct {
	ring  []*listBlock // blocks in order from ring[head], len(ring) a power of two
	head  int
	nblk  int
	count int
	bytes int64      // MemoryBytes, kept up to date by every change
	spare *listBlock // an emptied full-size block, reused by the next new block
}

// listBlock is a run of elements; see List.
type listBlock struct {
	data        []byte   // len == cap; a solo block's data is its element
	offs        []uint16 // nil for a solo block
	first, last uint16   // used boundaries offs[first..last]; solo: 0, 1
}

const (
	// listBlockBytes is a block's most element bytes, like Redis's
	// list-max-listpack-size -2 (8 KiB), and a Go size class; longer
	// elements get solo blocks.
	listBlockBytes = 8192
	// listOffsCap is the longest boundary array: 2 KiB, a size class.
	listOffsCap = 1024
	// listBlockElems is a block's most elements.
	listBlockElems = listOffsCap - 1

	listMinData = 8
	listMinOffs = 4
)

var (
	listStructBytes = allocSize(unsafe.Sizeof(List{}))
	listBlockStruct = allocSize(unsafe.Sizeof(listBlock{}))
)

// NewList returns an empty list.
func NewList() *List {
	return &List{bytes: listStructBytes}
}

// Len returns the number of elements, in O(1).
func (l *List) Len() int { return l.count }

// EncodingName is what OBJECT ENCODING reports: Redis 7.0 keeps every
// list in a quicklist.
func (l *List) EncodingName() string { return "quicklist" }

// MemoryBytes returns the bytes the list takes, in O(1): its structs and
// arrays, rounded up to Go's allocation size classes.
func (l *List) MemoryBytes() int64 { return l.bytes }

// MemoryUsage is MEMORY USAGE's estimate. The list keeps an exact count,
// so samples is not needed.
func (l *List) MemoryUsage(samples int64) int64 { return l.bytes }

// Clone returns a deep copy, for COPY and snapshots.
func (l *List) Clone() any { return l.Copy() }

// Copy returns a deep copy, with each block packed tight.
func (l *List) Copy() *List {
	n := &List{count: l.count, nblk: l.nblk, bytes: listStructBytes}
	if l.nblk == 0 {
		return n
	}
	size := 1
	for size < l.nblk {
		size *= 2
	}
	n.ring = make([]*listBlock, size)
	n.bytes += allocSize(uintptr(size) * 8)
	for i := range l.nblk {
		b := l.blk(i)
		var nb *listBlock
		if b.offs == nil {
			nb = &listBlock{data: append([]byte(nil), b.data...), last: 1}
		} else {
			k := b.len()
			lo, hi := int(b.offs[b.first]), int(b.offs[b.last])
			nb = &listBlock{
				data: make([]byte, dataCap(hi-lo)),
				offs: make([]uint16, offsCap(k+1)),
				last: uint16(k),
			}
			copy(nb.data, b.data[lo:hi])
			for j := 0; j <= k; j++ {
				nb.offs[j] = b.offs[int(b.first)+j] - uint16(lo)
			}
		}
		n.ring[i] = nb
		n.bytes += nb.memory()
	}
	return n
}

// dataCap and offsCap round a block array's length up to its allocation
// size, which costs the same.
func dataCap(n int) int { return int(allocSize(uintptr(max(n, listMinData)))) }

func offsCap(n int) int { return int(allocSize(uintptr(2*max(n, listMinOffs)))) / 2 }

func (b *listBlock) memory() int64 {
	m := listBlockStruct + allocSize(uintptr(len(b.data)))
	if b.offs != nil {
		m += allocSize(uintptr(2 * len(b.offs)))
	}
	return m
}

func (b *listBlock) len() int { return int(b.last) - int(b.first) }

// at returns element p of the block, capped so that an append to it
// cannot write into the block.
func (b *listBlock) at(p int) []byte {
	if b.offs == nil {
		return b.data[:len(b.data):len(b.data)]
	}
	j := int(b.first) + p
	s, e := b.offs[j], b.offs[j+1]
	return b.data[s:e:e]
}

// used returns the element bytes of the block.
func (b *listBlock) used() int {
	if b.offs == nil {
		return len(b.data)
	}
	return int(b.offs[b.last]) - int(b.offs[b.first])
}

// fits reports whether one more element of n bytes stays within the
// block's limits.
func (b *listBlock) fits(n int) bool {
	return b.offs != nil && b.len() < listBlockElems && b.used()+n <= listBlockBytes
}

// ---- the ring of blocks ----

func (l *List) blk(i int) *listBlock { return l.ring[(l.head+i)&(len(l.ring)-1)] }

func (l *List) setBlk(i int, b *listBlock) { l.ring[(l.head+i)&(len(l.ring)-1)] = b }

// resizeRing moves the blocks into a ring of size slots.
func (l *List) resizeRing(size int) {
	ring := make([]*listBlock, size)
	for i := range l.nblk {
		ring[i] = l.blk(i)
	}
	l.bytes += allocSize(uintptr(size)*8) - allocSize(uintptr(len(l.ring))*8)
	l.ring, l.head = ring, 0
}

// insertBlock puts b at position bi (0..nblk), moving the shorter side.
func (l *List) insertBlock(bi int, b *listBlock) {
	if l.nblk == len(l.ring) {
		l.resizeRing(max(1, 2*len(l.ring)))
	}
	if bi < l.nblk-bi {
		l.head = (l.head - 1) & (len(l.ring) - 1)
		for j := 0; j < bi; j++ {
			l.setBlk(j, l.blk(j+1))
		}
	} else {
		for j := l.nblk; j > bi; j-- {
			l.setBlk(j, l.blk(j-1))
		}
	}
	l.setBlk(bi, b)
	l.nblk++
	l.bytes += b.memory()
}

// removeBlock takes the block at bi out of the list.
func (l *List) removeBlock(bi int) {
	b := l.blk(bi)
	if bi < l.nblk-1-bi {
		for j := bi; j > 0; j-- {
			l.setBlk(j, l.blk(j-1))
		}
		l.setBlk(0, nil)
		l.head = (l.head + 1) & (len(l.ring) - 1)
	} else {
		for j := bi; j < l.nblk-1; j++ {
			l.setBlk(j, l.blk(j+1))
		}
		l.setBlk(l.nblk-1, nil)
	}
	l.nblk--
	l.bytes -= b.memory()
	if l.nblk < len(l.ring)/4 && len(l.ring) > 8 {
		l.resizeRing(len(l.ring) / 2)
	}
	// A full-size block is kept for the next new block: a queue then
	// recycles its blocks from one end to the other.
	if l.spare == nil && b.offs != nil && len(b.data) == listBlockBytes {
		l.spare = b
		l.bytes += b.memory()
	}
}

// newBlock makes a block holding just v, with its room on the side it
// will grow: before v for a block at the front, after it otherwise.
// model, the neighbour that could not take v, sizes the arrays.
func (l *List) newBlock(v []byte, atFront bool, model *listBlock) *listBlock {
	if len(v) > listBlockBytes {
		return &listBlock{data: append([]byte(nil), v...), last: 1}
	}
	b := l.spare
	if b != nil {
		l.spare = nil
		l.bytes -= b.memory()
	} else {
		dc, oc := len(v), 2
		if model != nil && model.offs != nil {
			dc, oc = max(dc, model.used()), model.len()+1
		}
		b = &listBlock{data: make([]byte, dataCap(dc)), offs: make([]uint16, offsCap(oc))}
	}
	if atFront {
		b.first, b.last = uint16(len(b.offs)-2), uint16(len(b.offs)-1)
		b.offs[b.first], b.offs[b.last] = uint16(len(b.data)-len(v)), uint16(len(b.data))
	} else {
		b.first, b.last = 0, 1
		b.offs[0], b.offs[1] = 0, uint16(len(v))
	}
	copy(b.data[b.offs[b.first]:], v)
	return b
}

// ---- room in a block ----

// planRoom decides how a gap buffer of capacity cp, with used units in
// use, gets need free units on one side (atFront or after): it returns
// the new capacity (cp: move in place) and where the used part starts.
// Plenty of room elsewhere is shared out by a move in place; otherwise
// the buffer doubles, up to maxCap. At maxCap it fails, unless shiftAtMax
// lets it move everything to the other side.
func planRoom(cp, used, need, maxCap int, atFront, shiftAtMax bool) (newCap, newLo int, ok bool) {
	switch {
	case used+need <= cp/2:
		slack := cp - used - need
		if atFront {
			return cp, need + slack/2, true
		}
		return cp, slack / 2, true
	case cp < maxCap:
		nc := min(max(2*cp, used+need), maxCap)
		if nc < used+need {
			return 0, 0, false
		}
		if atFront {
			return nc, -1, true // at the end, once rounded up
		}
		return nc, 0, true
	case shiftAtMax && cp-used >= need:
		if atFront {
			return cp, cp - used, true
		}
		return cp, 0, true
	}
	return 0, 0, false
}

// roomOffs makes room for one more boundary on one side of b.
func (l *List) roomOffs(b *listBlock, atFront, shiftAtMax bool) bool {
	if atFront && b.first > 0 || !atFront && int(b.last)+1 < len(b.offs) {
		return true
	}
	k := b.len() + 1
	nc, lo, ok := planRoom(len(b.offs), k, 1, listOffsCap, atFront, shiftAtMax)
	if !ok {
		return false
	}
	offs := b.offs
	if nc != len(offs) {
		offs = make([]uint16, offsCap(nc))
		l.bytes += allocSize(uintptr(2*len(offs))) - allocSize(uintptr(2*len(b.offs)))
	}
	if lo < 0 {
		lo = len(offs) - k
	}
	copy(offs[lo:], b.offs[b.first:int(b.last)+1])
	b.offs, b.first, b.last = offs, uint16(lo), uint16(lo+k-1)
	return true
}

// roomData makes room for n more bytes on one side of b.
func (l *List) roomData(b *listBlock, n int, atFront, shiftAtMax bool) bool {
	lo, hi := int(b.offs[b.first]), int(b.offs[b.last])
	if atFront && lo >= n || !atFront && len(b.data)-hi >= n {
		return true
	}
	nc, nlo, ok := planRoom(len(b.data), hi-lo, n, listBlockBytes, atFront, shiftAtMax)
	if !ok {
		return false
	}
	data := b.data
	if nc != len(data) {
		data = make([]byte, dataCap(nc))
		l.bytes += allocSize(uintptr(len(data))) - allocSize(uintptr(len(b.data)))
	}
	if nlo < 0 {
		nlo = len(data) - (hi - lo)
	}
	copy(data[nlo:], b.data[lo:hi])
	b.data = data
	delta := uint16(nlo - lo) // wraps for a move down; the sums come out right
	for j := b.first; j <= b.last; j++ {
		b.offs[j] += delta
	}
	return true
}

func (l *List) blockPushFront(b *listBlock, v []byte) bool {
	if !b.fits(len(v)) || !l.roomOffs(b, true, false) || !l.roomData(b, len(v), true, false) {
		return false
	}
	pos := b.offs[b.first] - uint16(len(v))
	copy(b.data[pos:], v)
	b.first--
	b.offs[b.first] = pos
	return true
}

func (l *List) blockPushBack(b *listBlock, v []byte) bool {
	if !b.fits(len(v)) || !l.roomOffs(b, false, false) || !l.roomData(b, len(v), false, false) {
		return false
	}
	pos := b.offs[b.last]
	copy(b.data[pos:], v)
	b.last++
	b.offs[b.last] = pos + uint16(len(v))
	return true
}

// blockInsert puts v before element p of b, moving the shorter side.
func (l *List) blockInsert(b *listBlock, p int, v []byte) bool {
	if !b.fits(len(v)) {
		return false
	}
	n := len(v)
	atFront := p < b.len()-p
	if !l.roomOffs(b, atFront, true) || !l.roomData(b, n, atFront, true) {
		return false
	}
	f := int(b.first)
	e := int(b.offs[f+p]) // where element p starts
	if atFront {
		s := int(b.offs[f])
		copy(b.data[s-n:], b.data[s:e])
		for k := 0; k <= p; k++ {
			b.offs[f-1+k] = b.offs[f+k] - uint16(n)
		}
		b.first--
		copy(b.data[e-n:], v)
		return true
	}
	last := int(b.last)
	copy(b.data[e+n:], b.data[e:b.offs[last]])
	for j := last; j >= f+p; j-- {
		b.offs[j+1] = b.offs[j] + uint16(n)
	}
	b.offs[f+p] = uint16(e)
	b.last++
	copy(b.data[e:], v)
	return true
}

// blockRemove takes element p out of a normal block, moving the shorter
// side.
func blockRemove(b *listBlock, p int) {
	f, k := int(b.first), b.len()
	s, e := int(b.offs[f+p]), int(b.offs[f+p+1])
	n := e - s
	if p < k-1-p {
		lo := int(b.offs[f])
		copy(b.data[lo+n:], b.data[lo:s])
		for j := p - 1; j >= 0; j-- {
			b.offs[f+1+j] = b.offs[f+j] + uint16(n)
		}
		b.first++
		return
	}
	hi := int(b.offs[f+k])
	copy(b.data[s:], b.data[e:hi])
	for j := p; j < k; j++ {
		b.offs[f+j] = b.offs[f+j+1] - uint16(n)
	}
	b.last--
}

// ---- positions ----

// locate finds element i (0 <= i < Len): its block and its place there,
// walking from the nearer end.
func (l *List) locate(i int) (bi, p int) {
	if i < l.count/2 {
		for bi = 0; ; bi++ {
			n := l.blk(bi).len()
			if i < n {
				return bi, i
			}
			i -= n
		}
	}
	j := l.count - 1 - i
	for bi = l.nblk - 1; ; bi-- {
		n := l.blk(bi).len()
		if j < n {
			return bi, n - 1 - j
		}
		j -= n
	}
}

// ---- the list API ----

// PushFront adds v (copied) at the head.
func (l *List) PushFront(v []byte) {
	l.count++
	var b *listBlock
	if l.nblk > 0 {
		if b = l.blk(0); l.blockPushFront(b, v) {
			return
		}
	}
	l.insertBlock(0, l.newBlock(v, true, b))
}

// PushBack adds v (copied) at the tail.
func (l *List) PushBack(v []byte) {
	l.count++
	var b *listBlock
	if l.nblk > 0 {
		if b = l.blk(l.nblk - 1); l.blockPushBack(b, v) {
			return
		}
	}
	l.insertBlock(l.nblk, l.newBlock(v, false, b))
}

// PopFront removes and returns the head element, valid until the next
// change to the list.
func (l *List) PopFront() ([]byte, bool) {
	if l.count == 0 {
		return nil, false
	}
	b := l.blk(0)
	v := b.at(0)
	l.count--
	if b.len() == 1 {
		l.removeBlock(0)
	} else {
		b.first++
	}
	return v, true
}

// PopBack removes and returns the tail element, valid until the next
// change to the list.
func (l *List) PopBack() ([]byte, bool) {
	if l.count == 0 {
		return nil, false
	}
	bi := l.nblk - 1
	b := l.blk(bi)
	v := b.at(b.len() - 1)
	l.count--
	if b.len() == 1 {
		l.removeBlock(bi)
	} else {
		b.last--
	}
	return v, true
}

// Index returns element i (0 <= i < Len), or false out of range.
func (l *List) Index(i int) ([]byte, bool) {
	if i < 0 || i >= l.count {
		return nil, false
	}
	bi, p := l.locate(i)
	return l.blk(bi).at(p), true
}

// Set replaces element i (0 <= i < Len) with v (copied); false when i is
// out of range.
func (l *List) Set(i int, v []byte) bool {
	if i < 0 || i >= l.count {
		return false
	}
	bi, p := l.locate(i)
	if b := l.blk(bi); b.offs != nil && len(b.at(p)) == len(v) {
		copy(b.at(p), v)
		return true
	}
	l.removeAt(bi, p)
	l.Insert(i, v)
	return true
}

// Insert puts v (copied) before element i; i == Len appends.
func (l *List) Insert(i int, v []byte) {
	if i <= 0 {
		l.PushFront(v)
		return
	}
	if i >= l.count {
		l.PushBack(v)
		return
	}
	bi, p := l.locate(i)
	b := l.blk(bi)
	l.count++
	if len(v) > listBlockBytes {
		if p > 0 {
			l.split(bi, p)
			bi++
		}
		l.insertBlock(bi, l.newBlock(v, false, nil))
		return
	}
	if p == 0 && bi > 0 && l.blockPushBack(l.blk(bi-1), v) {
		return
	}
	if l.blockInsert(b, p, v) {
		return
	}
	if p == 0 {
		// b is solo or full: v starts a block of its own before it.
		if l.blockPushFront(b, v) {
			return
		}
		l.insertBlock(bi, l.newBlock(v, false, nil))
		return
	}
	// b is full: split it and add v at the end of its first half, where
	// the second half's bytes left room.
	l.split(bi, p)
	if l.blockPushBack(b, v) || l.blockPushFront(l.blk(bi+1), v) {
		return
	}
	l.insertBlock(bi+1, l.newBlock(v, false, b))
}

// split moves elements p.. of the normal block at bi to a new block
// after it.
func (l *List) split(bi, p int) {
	b := l.blk(bi)
	f, k := int(b.first), b.len()
	lo, hi := int(b.offs[f+p]), int(b.offs[f+k])
	nb := &listBlock{
		data: make([]byte, dataCap(hi-lo)),
		offs: make([]uint16, offsCap(k-p+1)),
		last: uint16(k - p),
	}
	copy(nb.data, b.data[lo:hi])
	for j := 0; j <= k-p; j++ {
		nb.offs[j] = b.offs[f+p+j] - uint16(lo)
	}
	b.last = uint16(f + p)
	l.insertBlock(bi+1, nb)
}

// removeAt removes element p of the block at bi.
func (l *List) removeAt(bi, p int) {
	l.count--
	if b := l.blk(bi); b.len() == 1 {
		l.removeBlock(bi)
	} else {
		blockRemove(b, p)
	}
}

// Trim removes front elements from the head and back from the tail.
func (l *List) Trim(front, back int) {
	front, back = max(front, 0), max(back, 0)
	if front+back >= l.count {
		front, back = l.count, 0
	}
	l.count -= front + back
	for front > 0 {
		b := l.blk(0)
		if n := b.len(); n <= front {
			l.removeBlock(0)
			front -= n
		} else {
			b.first += uint16(front)
			front = 0
		}
	}
	for back > 0 {
		bi := l.nblk - 1
		b := l.blk(bi)
		if n := b.len(); n <= back {
			l.removeBlock(bi)
			back -= n
		} else {
			b.last -= uint16(back)
			back = 0
		}
	}
}

// Range calls fn with the elements from index from (0 <= from < Len)
// towards the tail, or towards the head when reverse, with each one's
// index, until fn returns false or the list ends. fn must not change the
// list.
func (l *List) Range(from int, reverse bool, fn func(i int, v []byte) bool) {
	if from < 0 || from >= l.count {
		return
	}
	bi, p := l.locate(from)
	i := from
	if !reverse {
		for ; bi < l.nblk; bi++ {
			b := l.blk(bi)
			for n := b.len(); p < n; p++ {
				if !fn(i, b.at(p)) {
					return
				}
				i++
			}
			p = 0
		}
		return
	}
	for {
		b := l.blk(bi)
		for ; p >= 0; p-- {
			if !fn(i, b.at(p)) {
				return
			}
			i--
		}
		if bi--; bi < 0 {
			return
		}
		p = l.blk(bi).len() - 1
	}
}

// RemoveEqual removes the elements equal to v, as LREM does: all of them
// when count is 0, otherwise the first count from the head, or from the
// tail when fromTail. It returns how many it removed.
func (l *List) RemoveEqual(v []byte, count int, fromTail bool) int {
	removed := 0
	if !fromTail {
		for bi := 0; bi < l.nblk; {
			b := l.blk(bi)
			limit := 0
			if count > 0 {
				limit = count - removed
			}
			removed += l.blockRemoveEqual(bi, v, 0, limit)
			if l.nblk > bi && l.blk(bi) == b {
				bi++
			}
			if count > 0 && removed == count {
				break
			}
		}
	} else {
		for bi := l.nblk - 1; bi >= 0; bi-- {
			b := l.blk(bi)
			// Only the matches from cut on are removed: find cut by
			// counting matches backwards up to what is left to remove.
			cut := 0
			if count > 0 {
				want := count - removed
				for p := b.len() - 1; p >= 0; p-- {
					if bytes.Equal(b.at(p), v) {
						if want--; want == 0 {
							cut = p
							break
						}
					}
				}
			}
			removed += l.blockRemoveEqual(bi, v, cut, 0)
			if count > 0 && removed == count {
				break
			}
		}
	}
	l.count -= removed
	return removed
}

// blockRemoveEqual removes the elements equal to v at positions from
// from on in the block at bi, at most limit of them (0: all), packing the
// rest towards the front. An emptied block leaves the list.
func (l *List) blockRemoveEqual(bi int, v []byte, from, limit int) int {
	b := l.blk(bi)
	if b.offs == nil {
		if from == 0 && bytes.Equal(b.data, v) {
			l.removeBlock(bi)
			return 1
		}
		return 0
	}
	f, k := int(b.first), b.len()
	s := int(b.offs[f])
	w, wi := s, f
	removed := 0
	for p := 0; p < k; p++ {
		e := int(b.offs[f+p+1])
		if p >= from && (limit == 0 || removed < limit) && e-s == len(v) && bytes.Equal(b.data[s:e], v) {
			removed++
		} else {
			if removed > 0 {
				copy(b.data[w:], b.data[s:e])
			}
			w += e - s
			wi++
			b.offs[wi] = uint16(w) // wi <= f+p+1: nothing still to read is overwritten
		}
		s = e
	}
	b.last = uint16(wi)
	if b.len() == 0 {
		l.removeBlock(bi)
	}
	return removed
}
