package datastruct

import (
	"math/rand/v2"
	"unsafe"
)

// DB is one numbered database: the keys, and a dense list of the keys
// that have a TTL so that the active expiry cycle can sample them at
// random in O(1). It knows nothing of clocks: callers decide what has
// expired.
type DB struct {
	dict     *Dict
	volatile []*Entry
	// snapParity is the snapshot mark of entries already captured by the
	// current (or last) snapshot; BeginSnapshot flips it.
	snapParity uint32
	// removals grows whenever an entry may leave (see Removals).
	removals uint64
	// spare holds an entry given back by Recycle for each packed size
	// class, for AddString to fill again.
	spare [len(packers)]*Entry
}

// Removals is a count that grows whenever an entry leaves the database
// (Delete, Clear, Swap). While it stays the same, an entry found earlier
// is still the live one for its key, so a caller can read it again
// without a second lookup.
func (db *DB) Removals() uint64 { return db.removals }

// NewDB returns an empty database.
func NewDB() *DB { return &DB{dict: NewDict()} }

// Len is the number of keys, expired ones included until removed.
func (db *DB) Len() int { return db.dict.Len() }

// VolatileLen is the number of keys with a TTL.
func (db *DB) VolatileLen() int { return len(db.volatile) }

// Find returns the entry for key, or nil.
func (db *DB) Find(key []byte) *Entry { return db.dict.FindBytes(key) }

// Add inserts a new key, which must be absent, and returns its entry.
// The key bytes are copied, into the entry's allocation when they fit
// (see packed).
func (db *DB) Add(key []byte) *Entry {
	e, room := newPacked(len(key))
	if e == nil {
		e = &Entry{Key: string(key)}
	} else {
		e.Key = unsafe.String(&room[0], copy(room, key))
	}
	e.meta = db.snapParity
	db.dict.Add(e)
	return e
}

// AddString inserts a new key, which must be absent, holding the string
// val. The key and the value share one allocation, as Redis embeds short
// strings in their robj: reading the value after finding the key costs
// no further cache miss, and the key one allocation fewer. When they fit
// that allocation is the entry's own (see packed). The value gets the
// rest of the allocation's size class as room to grow in place (INCR,
// APPEND); the key's bytes are not written again while the entry lives.
// A packed entry given back by Recycle is filled again before a new one
// is made.
func (db *DB) AddString(key, val []byte) *Entry {
	if len(key) == 0 {
		e := db.Add(key)
		e.Str = append([]byte(nil), val...)
		return e
	}
	n := len(key) + len(val)
	var e *Entry
	var buf []byte
	if class := packedClass(n); class >= 0 {
		if e = db.spare[class]; e != nil {
			db.spare[class] = nil
			buf = packedRoom(e, class)
		} else {
			e, buf = packers[class]()
		}
	} else {
		e = new(Entry)
		buf = make([]byte, allocSize(uintptr(n)))
	}
	copy(buf, key)
	copy(buf[len(key):], val)
	e.Key, e.Str, e.meta = unsafe.String(&buf[0], len(key)), buf[len(key):n:len(buf)], db.snapParity
	db.dict.Add(e)
	return e
}

// Reserve sizes an empty database's table for n keys, as Redis's
// dictExpand on loading, so that filling it does not rehash on the way.
func (db *DB) Reserve(n int) {
	if db.dict.Len() == 0 && n > 0 {
		db.dict.resize(n)
	}
}

// Warm brings the keys' entries into the CPU cache ahead of their
// lookups (see Dict.Warm).
func (db *DB) Warm(keys [][]byte) uintptr { return db.dict.Warm(keys) }

// Recycle gives back an entry that has left the database, for AddString
// to reuse when it is a string packed with its key (see InlineValue);
// others are left to the garbage collector. Under maxmemory every new key
// costs an evicted one, and reusing its allocation spares the collector
// that garbage. The caller guarantees that nothing holds e, its key or
// its value any more: they will be another key's.
func (db *DB) Recycle(e *Entry) {
	if !e.InlineValue() {
		return
	}
	class := (len(e.Key) + cap(e.Str)) / 16
	*e = Entry{}
	db.spare[class] = e
}

// Delete removes key and returns its entry, or nil if it was absent.
func (db *DB) Delete(key []byte) *Entry {
	e := db.dict.DeleteBytes(key)
	if e != nil {
		db.dropVolatile(e)
		db.removals++
	}
	return e
}

// SetExpire sets the absolute expiry of e in unix milliseconds; 0
// removes it.
func (db *DB) SetExpire(e *Entry, atMs int64) {
	switch {
	case atMs == 0:
		db.dropVolatile(e)
	case e.volatileIdx == 0:
		db.volatile = append(db.volatile, e)
		e.volatileIdx = int32(len(db.volatile))
	}
	e.ExpireAt = atMs
}

func (db *DB) dropVolatile(e *Entry) {
	if e.volatileIdx == 0 {
		return
	}
	i := int(e.volatileIdx) - 1
	last := len(db.volatile) - 1
	db.volatile[i] = db.volatile[last]
	db.volatile[i].volatileIdx = int32(i + 1)
	db.volatile[last] = nil
	db.volatile = db.volatile[:last]
	e.volatileIdx = 0
	e.ExpireAt = 0
}

// RandomVolatile returns a uniformly random key that has a TTL, or nil.
func (db *DB) RandomVolatile(rng *rand.Rand) *Entry {
	if len(db.volatile) == 0 {
		return nil
	}
	return db.volatile[rng.IntN(len(db.volatile))]
}

// ForEachVolatile visits every key with a TTL. fn must not change the
// database.
func (db *DB) ForEachVolatile(fn func(key string, expireAt int64)) {
	for _, e := range db.volatile {
		fn(e.Key, e.ExpireAt)
	}
}

// Sample appends about n keys drawn uniformly at random to dst, for
// eviction (see Dict.SampleEntries).
func (db *DB) Sample(rng *rand.Rand, dst []*Entry, n int) []*Entry {
	return db.dict.SampleEntries(rng, dst, n)
}

// Random returns a random key, or nil when the database is empty.
func (db *DB) Random(rng *rand.Rand) *Entry { return db.dict.RandomEntry(rng) }

// Scan visits keys from cursor as Redis's SCAN does and returns the next
// cursor, 0 when the iteration is complete.
func (db *DB) Scan(cursor uint64, fn func(*Entry)) uint64 { return db.dict.Scan(cursor, fn) }

// ForEach visits every key until fn returns false. fn must not change
// the database.
func (db *DB) ForEach(fn func(*Entry) bool) { db.dict.ForEach(fn) }

// Clear removes every key.
func (db *DB) Clear() {
	db.dict = NewDict()
	db.volatile = nil
	db.removals++
}

// Swap exchanges the contents of two databases, for SWAPDB. Both
// removal counts move past either's old value.
func (db *DB) Swap(other *DB) {
	*db, *other = *other, *db
	next := max(db.removals, other.removals) + 1
	db.removals, other.removals = next, next
}

// Snapshots are taken without stopping the server for long, the way a
// fork would give Redis a frozen copy: the caller walks the keys a few
// buckets at a time (Next) and, before any change to a key, calls
// Capture, which hands the key's current state to the snapshot unless it
// was already taken. Every entry carries a mark bit; an entry belongs to
// the snapshot and is still to be taken while its mark differs from the
// database's parity. BeginSnapshot flips the parity, which makes every
// existing entry pending in O(1); new entries are born with the new
// parity, so they are not part of the snapshot.
//
// The caller holds the server's lock for Next and Capture, and must call
// Capture before changing or deleting any entry while a snapshot runs.

// DBSnapshot walks one database for a snapshot.
type DBSnapshot struct {
	db     *DB
	dict   *Dict // the dict at the start: FLUSHDB replaces, never mutates, it
	cursor uint64
	done   bool
	// warmSink keeps scanWarm's reads.
	warmSink uintptr
}

// BeginSnapshot starts a snapshot of db.
func (db *DB) BeginSnapshot() *DBSnapshot {
	db.snapParity ^= snapshotMark
	return &DBSnapshot{db: db, dict: db.dict}
}

// Pending reports whether e belongs to a snapshot in progress and has
// not been taken yet.
func (db *DB) Pending(e *Entry) bool { return e.meta&snapshotMark != db.snapParity }

// Taken marks e as captured by the snapshot in progress.
func (db *DB) Taken(e *Entry) { e.meta = e.meta&^snapshotMark | db.snapParity }

// Next visits up to about budget entries not yet taken, marking them,
// and reports whether the walk is complete.
func (s *DBSnapshot) Next(budget int, take func(e *Entry)) bool {
	if s.done {
		return true
	}
	n := 0
	visit := func(e *Entry) {
		if s.db.Pending(e) {
			s.db.Taken(e)
			take(e)
			n++
		}
	}
	for n < budget {
		if s.dict.rehashing() {
			s.cursor = s.dict.Scan(s.cursor, visit)
		} else {
			var sum uintptr
			s.cursor, sum = s.dict.scanWarm(s.cursor, visit)
			s.warmSink += sum
		}
		if s.cursor == 0 {
			s.done = true
			break
		}
	}
	return s.done
}
