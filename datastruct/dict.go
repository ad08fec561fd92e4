package datastruct

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
	"unsafe"
)

// Dict is the keyspace of one database: a chained hash table of *Entry
// nodes in the shape of Redis's dict.c. A Go map cannot serve here because
// SCAN needs a cursor that survives resizes and eviction needs uniform
// random sampling, and a map offers neither.
//
// Like Redis it keeps two bucket arrays and moves entries from the old one
// to the new one a bucket at a time, so a resize never stalls a command
// for O(n). Find, Add and Delete each do one such step while a rehash is
// in progress, so even Find writes: callers must hold the keyspace lock
// exclusively, not a read lock.
//
// The zero Dict is not usable; make one with NewDict.
//
// Layout while rehashing:
//
//	ht[0] (old)  [ moved | moved | rehashIdx -> still here ... ]
//	ht[1] (new)  [ moved entries and every entry added since the resize ]
type Dict struct {
	ht [2]table
	// rehashIdx is the next bucket of ht[0] to move, or -1 when not
	// rehashing (then ht[1] is empty).
	rehashIdx int
	// rehashDue counts the operations since the last rehash step (see
	// rehashBatch).
	rehashDue int
	// warmSink keeps the loads that warm the cache from being optimised
	// away.
	warmSink uintptr
	seed     maphash.Seed
}

type table struct {
	buckets []*Entry // length is 0 or a power of two
	used    int
}

func (t *table) mask() uint64 { return uint64(len(t.buckets) - 1) }

const (
	// minBuckets is the smallest bucket array, Redis's DICT_HT_INITIAL_SIZE.
	minBuckets = 4
	// shrinkFillRatio: shrink once fewer than one bucket in this many is
	// used, as Redis 7.4's HASHTABLE_MIN_FILL does.
	shrinkFillRatio = 8
	// maxEmptyVisits bounds the empty buckets one rehash step may skip, so a
	// step stays O(1) even when the old table is sparse.
	maxEmptyVisits = 10
	// rehashBatch: every rehashBatch-th operation does that many
	// operations' rehash steps at once, as Redis does one per operation,
	// having first loaded the entries it is about to move, whose cache
	// misses then overlap instead of coming one per operation. A growing
	// keyspace spent a fifth of its time moving entries.
	rehashBatch = 8
	// fairChainSlots is the chain length up to which RandomEntry is exactly
	// uniform; see RandomEntry.
	fairChainSlots = 4
	pointerBytes   = bits.UintSize / 8
)

// NewDict returns an empty Dict. It allocates no buckets until the first Add.
func NewDict() *Dict {
	return &Dict{rehashIdx: -1, seed: maphash.MakeSeed()}
}

// Len returns the number of entries.
func (d *Dict) Len() int { return d.ht[0].used + d.ht[1].used }

func (d *Dict) rehashing() bool { return d.rehashIdx >= 0 }

// Find returns the entry for key, or nil.
func (d *Dict) Find(key string) *Entry {
	return find(d, maphash.String(d.seed, key), key)
}

// FindBytes is Find for a key held in a byte slice. It does not allocate.
func (d *Dict) FindBytes(key []byte) *Entry {
	return find(d, maphash.Bytes(d.seed, key), key)
}

// Warm brings into the CPU cache what finding each key will read: its
// bucket, the entries of its chain up to the key's own, and their keys
// (and a string value stored with the key). The loads of different keys
// do not depend on each other, so their cache misses overlap, where
// lookups made one after the other would wait for each miss in turn: a
// pipelined batch of commands warms its keys first. It returns a value
// derived from the loads so that they are not optimised away; callers
// ignore it.
func (d *Dict) Warm(keys [][]byte) uintptr {
	if d.Len() == 0 {
		return 0
	}
	const batch = 16
	var sum uintptr
	for len(keys) > 0 {
		n := min(len(keys), batch)
		var cur [batch]*Entry
		for i, k := range keys[:n] {
			cur[i] = d.bucketOf(maphash.Bytes(d.seed, k))
		}
		// Each pass reads every chain's current entry, then in a loop of
		// its own that entry's key, and moves the chains whose entry is
		// not the key on to the next one. A chain holds about one entry.
		for pending := n; pending > 0; {
			var data [batch]*byte
			for i, e := range cur[:n] {
				if e != nil && len(e.Key) > 0 {
					data[i] = unsafe.StringData(e.Key)
				}
			}
			for _, p := range data[:n] {
				if p != nil {
					sum += uintptr(*p)
				}
			}
			pending = 0
			for i, e := range cur[:n] {
				switch {
				case e == nil:
				case e.Key == string(keys[i]):
					cur[i] = nil
				default:
					if cur[i] = e.next; e.next != nil {
						pending++
					}
				}
			}
		}
		keys = keys[n:]
	}
	return sum
}

// bucketOf is the head of the chain a key of this hash is most likely
// in: during a rehash, ht[0]'s unless that bucket has moved (a key added
// since the rehash began is in ht[1] either way).
func (d *Dict) bucketOf(hash uint64) *Entry {
	if i := hash & d.ht[0].mask(); !d.rehashing() || int(i) >= d.rehashIdx {
		return d.ht[0].buckets[i]
	}
	return d.ht[1].buckets[hash&d.ht[1].mask()]
}

// find is shared by Find and FindBytes. string(key) == e.Key does not
// allocate when key is a []byte, so neither does FindBytes.
func find[K string | []byte](d *Dict, hash uint64, key K) *Entry {
	if d.Len() == 0 {
		return nil
	}
	d.rehashStep()
	for t := range d.liveTables() {
		tab := &d.ht[t]
		for e := tab.buckets[hash&tab.mask()]; e != nil; e = e.next {
			if string(key) == e.Key {
				return e
			}
		}
	}
	return nil
}

// liveTables is how many of ht[0], ht[1] hold entries: 1, or 2 while
// rehashing.
func (d *Dict) liveTables() int {
	if d.rehashing() {
		return 2
	}
	return 1
}

// Add inserts e. The caller guarantees that no entry with e.Key is present
// and that e is not in any Dict.
func (d *Dict) Add(e *Entry) {
	d.rehashStep()
	d.growIfNeeded()
	// During a rehash new entries go to the new table, so the old one only
	// ever drains and the rehash is sure to finish.
	tab := &d.ht[0]
	if d.rehashing() {
		tab = &d.ht[1]
	}
	b := &tab.buckets[maphash.String(d.seed, e.Key)&tab.mask()]
	e.next = *b
	*b = e
	tab.used++
}

// Delete removes the entry for key and returns it, or returns nil.
func (d *Dict) Delete(key string) *Entry {
	return remove(d, maphash.String(d.seed, key), key)
}

// DeleteBytes is Delete for a key held in a byte slice.
func (d *Dict) DeleteBytes(key []byte) *Entry {
	return remove(d, maphash.Bytes(d.seed, key), key)
}

func remove[K string | []byte](d *Dict, hash uint64, key K) *Entry {
	if d.Len() == 0 {
		return nil
	}
	d.rehashStep()
	for t := range d.liveTables() {
		tab := &d.ht[t]
		for link := &tab.buckets[hash&tab.mask()]; *link != nil; link = &(*link).next {
			e := *link
			if string(key) != e.Key {
				continue
			}
			*link = e.next
			// A removed entry may outlive its removal (lazy free, a
			// reply); it must not keep its old chain reachable.
			e.next = nil
			tab.used--
			if d.Len() == 0 {
				// Deletes during a shrink can empty a table that is still
				// big; an empty Dict holds no buckets, as a new one.
				d.Clear()
			}
			d.shrinkIfNeeded()
			return e
		}
	}
	return nil
}

// growIfNeeded keeps the load factor at most 1. Like Redis it never
// starts a resize during another one: the rehash ends within len(ht[0])
// operations anyway.
func (d *Dict) growIfNeeded() {
	if d.rehashing() {
		return
	}
	if n := d.ht[0].used; n >= len(d.ht[0].buckets) {
		d.resize(n + 1)
	}
}

func (d *Dict) shrinkIfNeeded() {
	if d.rehashing() {
		return
	}
	n, size := d.ht[0].used, len(d.ht[0].buckets)
	if size > minBuckets && n < size/shrinkFillRatio {
		d.resize(n + 1)
	}
}

// resize starts a rehash into a table of at least minSize buckets.
func (d *Dict) resize(minSize int) {
	size := max(minBuckets, 1<<bits.Len(uint(minSize-1)))
	buckets := make([]*Entry, size)
	if d.ht[0].used == 0 {
		// Nothing to move: swap the array in directly.
		d.ht[0] = table{buckets: buckets}
		return
	}
	d.ht[1] = table{buckets: buckets}
	d.rehashIdx = 0
}

// rehashStep is each operation's share of an incremental rehash: see
// rehashBatch.
func (d *Dict) rehashStep() {
	if !d.rehashing() {
		return
	}
	if d.rehashDue++; d.rehashDue < rehashBatch {
		return
	}
	d.rehashDue = 0
	// Load the keys of the buckets about to move (hashing them reads
	// their bytes); the loads do not depend on each other.
	from := d.ht[0].buckets
	for _, e := range from[d.rehashIdx:min(len(from), d.rehashIdx+2*rehashBatch)] {
		if e != nil && len(e.Key) > 0 {
			d.warmSink += uintptr(*unsafe.StringData(e.Key))
		}
	}
	for range rehashBatch {
		if !d.rehashing() {
			return
		}
		d.rehashBucket()
	}
}

// rehashBucket moves one bucket from ht[0] to ht[1], skipping at most
// maxEmptyVisits empty buckets, and ends the rehash once ht[0] is empty.
func (d *Dict) rehashBucket() {
	from, to := &d.ht[0], &d.ht[1]
	// Deletes can empty ht[0] before the walk reaches its end.
	if from.used == 0 {
		d.finishRehash()
		return
	}
	// from.used > 0, so a non-empty bucket lies at or after rehashIdx.
	for emptyVisits := 0; from.buckets[d.rehashIdx] == nil; {
		d.rehashIdx++
		if emptyVisits++; emptyVisits == maxEmptyVisits {
			return
		}
	}
	shrinking := len(to.buckets) < len(from.buckets)
	for e := from.buckets[d.rehashIdx]; e != nil; {
		next := e.next
		var i uint64
		if shrinking {
			// The small table's index bits are a subset of the big one's,
			// so no rehashing is needed.
			i = uint64(d.rehashIdx) & to.mask()
		} else {
			i = maphash.String(d.seed, e.Key) & to.mask()
		}
		e.next = to.buckets[i]
		to.buckets[i] = e
		from.used--
		to.used++
		e = next
	}
	from.buckets[d.rehashIdx] = nil
	d.rehashIdx++
	if from.used == 0 {
		d.finishRehash()
	}
}

func (d *Dict) finishRehash() {
	d.ht[0] = d.ht[1]
	d.ht[1] = table{}
	d.rehashIdx = -1
}

// Scan calls fn for the entries of one cursor position and returns the
// next cursor, 0 when the iteration is complete. Start with cursor 0.
//
// It is Redis's dictScan: the cursor counts with its bits reversed, so the
// buckets still to visit stay contiguous when the table doubles or halves
// between calls. Every entry present from the first call to the last is
// returned at least once; some may be returned more than once, because a
// shrink folds visited and unvisited buckets together.
//
// fn must not modify the Dict.
func (d *Dict) Scan(cursor uint64, fn func(*Entry)) uint64 {
	if d.Len() == 0 {
		return 0
	}
	v := cursor
	if !d.rehashing() {
		tab := &d.ht[0]
		visitChain(tab.buckets[v&tab.mask()], fn)
		return nextCursor(v, tab.mask())
	}
	// Visit the small table's bucket, then every bucket of the large table
	// that it expands into: together they hold all keys whose hashes end in
	// the same low bits, wherever the rehash has put them.
	small, large := &d.ht[0], &d.ht[1]
	if len(small.buckets) > len(large.buckets) {
		small, large = large, small
	}
	m0, m1 := small.mask(), large.mask()
	visitChain(small.buckets[v&m0], fn)
	for {
		visitChain(large.buckets[v&m1], fn)
		// Step only the bits the large mask adds; when they wrap, the carry
		// advances the small table's part of the cursor.
		v = nextCursor(v, m1)
		if v&(m0^m1) == 0 {
			return v
		}
	}
}

// scanWarm is Scan over the next scanWarmBuckets buckets at once, when
// the Dict is not rehashing. A walk over the whole table (a snapshot)
// misses the cache on every bucket, entry and key; loading a group's
// bucket heads, then their entries, then their keys, in independent
// passes lets those misses overlap, as Warm does for a batch's keys.
// The sum of the bytes read is returned to be kept, so that the compiler
// keeps the reads.
func (d *Dict) scanWarm(cursor uint64, fn func(*Entry)) (next uint64, sum uintptr) {
	if d.Len() == 0 {
		return 0, 0
	}
	tab := &d.ht[0]
	mask := tab.mask()
	var heads [scanWarmBuckets]*Entry
	n := 0
	for n < len(heads) {
		heads[n] = tab.buckets[cursor&mask]
		n++
		if cursor = nextCursor(cursor, mask); cursor == 0 {
			break
		}
	}
	var keys [scanWarmBuckets]*byte
	for i, e := range heads[:n] {
		if e != nil {
			// An entry spans two cache lines: meta is in the second.
			sum += uintptr(e.meta)
			if len(e.Key) > 0 {
				keys[i] = unsafe.StringData(e.Key)
			}
		}
	}
	for _, k := range keys[:n] {
		if k != nil {
			sum += uintptr(*k)
		}
	}
	for _, e := range heads[:n] {
		visitChain(e, fn)
	}
	return cursor, sum
}

const scanWarmBuckets = 32

// nextCursor increments the mask bits of v as a bit-reversed counter.
func nextCursor(v, mask uint64) uint64 {
	v |= ^mask // bits above the mask are set so the carry runs through them
	v = bits.Reverse64(v)
	v++
	return bits.Reverse64(v)
}

func visitChain(e *Entry, fn func(*Entry)) {
	for ; e != nil; e = e.next {
		fn(e)
	}
}

// RandomEntry returns an entry chosen at random, or nil if the Dict is
// empty.
//
// It picks a random bucket, then a random slot among max(chain length,
// fairChainSlots), and retries if that slot is past the chain's end. Every
// entry in a chain of up to fairChainSlots entries is thus exactly equally
// likely. Redis's dictGetRandomKey picks among the chain's own length,
// which favours entries alone in their bucket; here only entries in longer
// chains are under-sampled (by fairChainSlots/length), about 2% of them at
// load factor 1. The cost is an expected buckets*fairChainSlots/Len
// probes, about 4 to 8 at a normal load.
func (d *Dict) RandomEntry(rng *rand.Rand) *Entry {
	if d.Len() == 0 {
		return nil
	}
	for {
		head := d.randomBucket(rng)
		if head == nil {
			continue
		}
		chainLen := 0
		for e := head; e != nil; e = e.next {
			chainLen++
		}
		slot := rng.IntN(max(chainLen, fairChainSlots))
		if slot >= chainLen {
			continue
		}
		e := head
		for ; slot > 0; slot-- {
			e = e.next
		}
		return e
	}
}

// randomBucket returns the head of a bucket chosen uniformly among those
// that can hold entries: during a rehash, the unmoved part of ht[0] and
// all of ht[1].
func (d *Dict) randomBucket(rng *rand.Rand) *Entry {
	old := d.ht[0].buckets
	if !d.rehashing() {
		return old[rng.Uint64()&d.ht[0].mask()]
	}
	unmoved := len(old) - d.rehashIdx
	i := rng.IntN(unmoved + len(d.ht[1].buckets))
	if i < unmoved {
		return old[d.rehashIdx+i]
	}
	return d.ht[1].buckets[i-unmoved]
}

// SampleEntries appends about n entries to dst for eviction sampling and
// returns it. It takes every entry of a window of neighbouring buckets
// that starts at a uniformly random bucket, and whose width is fixed by
// the table's size and fill (n divided by the load factor): each entry is
// then in the window exactly when the start falls in the width buckets up
// to its own, so every entry has the same chance of being sampled,
// however the keys fall in buckets. (Redis's dictGetSomeKeys walks until
// it has n entries instead, which favours keys after empty runs.) The
// window's bucket pointers are neighbours in memory, so a sample costs
// about one cache miss per entry. The number taken varies around n.
func (d *Dict) SampleEntries(rng *rand.Rand, dst []*Entry, n int) []*Entry {
	if n <= 0 || d.Len() == 0 {
		return dst
	}
	// During a rehash the buckets that can hold entries are the unmoved
	// part of ht[0] followed by all of ht[1]: one virtual array.
	old, unmoved := d.ht[0].buckets, len(d.ht[0].buckets)
	var grown []*Entry
	if d.rehashing() {
		unmoved -= d.rehashIdx
		old = old[d.rehashIdx:]
		grown = d.ht[1].buckets
	}
	total := unmoved + len(grown)
	width := min((n*total+d.Len()-1)/d.Len(), total)
	i := rng.IntN(total)
	start := len(dst)
	for range width {
		var head *Entry
		if i < unmoved {
			head = old[i]
		} else {
			head = grown[i-unmoved]
		}
		if head != nil {
			dst = append(dst, head)
		}
		if i++; i == total {
			i = 0
		}
	}
	// Then the chains' further entries: the next links of up to 16
	// entries are loaded in a loop that does not branch on them, so their
	// cache misses overlap, where walking each chain to its end before
	// the next bucket made them wait for each other.
	var links [16]*Entry
	for from := start; from < len(dst); {
		batch := dst[from:min(len(dst), from+len(links))]
		for j, e := range batch {
			links[j] = e.next
		}
		for _, e := range links[:len(batch)] {
			if e != nil {
				dst = append(dst, e)
			}
		}
		from += len(batch)
	}
	return dst
}

// ForEach calls fn for every entry until fn returns false. fn must not
// modify the Dict.
func (d *Dict) ForEach(fn func(*Entry) bool) {
	for t := range d.liveTables() {
		for _, e := range d.ht[t].buckets {
			for ; e != nil; e = e.next {
				if !fn(e) {
					return
				}
			}
		}
	}
}

// Clear removes every entry and frees the buckets. It is O(1): the entries'
// chain links are left for the garbage collector.
func (d *Dict) Clear() {
	d.ht = [2]table{}
	d.rehashIdx = -1
}

// MemoryOverhead returns the bytes held by the bucket arrays: all the Dict
// costs beyond its entries and its fixed header.
func (d *Dict) MemoryOverhead() int {
	return (len(d.ht[0].buckets) + len(d.ht[1].buckets)) * pointerBytes
}
