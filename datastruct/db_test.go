package datastruct

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

// TestAddStringSharesOneAllocation checks that a string added with its
// key keeps the key intact while the value is rewritten and grown in
// place, and that its bytes are counted once.
func TestAddStringSharesOneAllocation(t *testing.T) {
	db := NewDB()
	e := db.AddString([]byte("counter:1"), []byte("99"))
	if !e.sharesKeyBuffer() || !e.packed() || !e.InlineValue() {
		t.Fatal("the key and value are not in the entry's allocation")
	}
	if got := e.MemoryBytes(); got != allocSize(unsafe.Sizeof(Entry{})+uintptr(len("counter:1")+cap(e.Str)))+dictSlotBytes {
		t.Fatalf("MemoryBytes = %d does not count one allocation", got)
	}
	for _, v := range []string{"10", "12345", "1234567890123"} {
		e.Str = append(e.Str[:0], v...)
		if e.Key != "counter:1" || string(e.Str) != v {
			t.Fatalf("after writing %q: key %q, value %q", v, e.Key, e.Str)
		}
	}
	if got := db.Find([]byte("counter:1")); got != e {
		t.Fatal("the key is not found after the value grew")
	}
	empty := db.AddString(nil, []byte("v"))
	if empty.Key != "" || string(empty.Str) != "v" {
		t.Fatalf("empty key: %q = %q", empty.Key, empty.Str)
	}
}

// TestPackedEntries checks every size a packed entry takes: the room
// holds the bytes asked for, the entry and its room fill one size class
// exactly, and a key and value too big for the largest stay apart.
func TestPackedEntries(t *testing.T) {
	packs := 0
	for n := 1; n <= int(maxPacked); n++ {
		e, room := newPacked(n)
		if e == nil {
			if allocSize(unsafe.Sizeof(Entry{})+uintptr(n)) <= allocSize(unsafe.Sizeof(Entry{}))+allocSize(uintptr(n)) {
				t.Fatalf("newPacked(%d) declined where one allocation costs no more than two", n)
			}
			continue
		}
		packs++
		size := unsafe.Sizeof(Entry{}) + uintptr(len(room))
		if len(room) < n || allocSize(size) != int64(size) {
			t.Fatalf("newPacked(%d): room %d, %d bytes in all", n, len(room), size)
		}
		if uintptr(unsafe.Pointer(&room[0])) != uintptr(unsafe.Pointer(e))+unsafe.Sizeof(Entry{}) {
			t.Fatalf("newPacked(%d): the room does not follow the entry", n)
		}
	}
	if packs < int(maxPacked)/2 {
		t.Fatalf("only %d sizes of %d packed", packs, maxPacked)
	}
	if e, _ := newPacked(int(maxPacked) + 1); e != nil {
		t.Fatal("newPacked took more than maxPacked bytes")
	}
	db := NewDB()
	big := db.AddString([]byte("k"), make([]byte, maxPacked))
	if big.packed() || !big.sharesKeyBuffer() || big.InlineValue() {
		t.Fatal("a value over maxPacked: want the key and value in their own allocation")
	}
	want := allocSize(unsafe.Sizeof(Entry{})) + allocSize(uintptr(1+cap(big.Str))) + dictSlotBytes
	if got := big.MemoryBytes(); got != want {
		t.Fatalf("MemoryBytes = %d, want %d", got, want)
	}
	hash := db.Add([]byte("hash:0123456789a")) // 16 bytes
	if !hash.packed() || hash.MemoryBytes() != allocSize(unsafe.Sizeof(Entry{})+16)+dictSlotBytes {
		t.Fatalf("Add: packed %v, MemoryBytes %d", hash.packed(), hash.MemoryBytes())
	}
	// The keys are built first: fmt's buffers come from a sync.Pool,
	// which the race detector empties at random.
	db = NewDB()
	db.Reserve(1000)
	keys := make([][]byte, 101)
	for i := range keys {
		keys[i] = fmt.Appendf(nil, "key:%06d", i)
	}
	var i int
	if allocs := testing.AllocsPerRun(100, func() {
		db.AddString(keys[i], []byte("value"))
		i++
	}); allocs > 1 { // the packed entry
		t.Fatalf("AddString: %v allocations", allocs)
	}
}

// A recycled entry is the next AddString's of its size class, filled
// with that key and value only, at no allocation; entries whose value
// has its own allocation, or is not a string, are not recycled.
func TestRecycle(t *testing.T) {
	db := NewDB()
	old := db.AddString([]byte("key:000000000001"), []byte(strings.Repeat("v", 100)))
	db.SetExpire(old, 12345)
	old.SetAccess(7)
	db.Delete([]byte(old.Key))
	db.Recycle(old)
	e := db.AddString([]byte("key:000000000002"), []byte(strings.Repeat("w", 99)))
	if e != old {
		t.Fatal("AddString of the same size class did not reuse the recycled entry")
	}
	if e.Key != "key:000000000002" || string(e.Str) != strings.Repeat("w", 99) || e.ExpireAt != 0 || e.Obj != nil || e.Access() != 0 ||
		!e.InlineValue() || db.VolatileLen() != 0 || db.Find([]byte("key:000000000002")) != e || db.Find([]byte("key:000000000001")) != nil {
		t.Fatalf("reused entry: key %q, value %q, ExpireAt %d", e.Key, e.Str, e.ExpireAt)
	}
	if got, want := e.MemoryBytes(), db.AddString([]byte("key:000000000003"), []byte(strings.Repeat("x", 99))).MemoryBytes(); got != want {
		t.Fatalf("MemoryBytes of a reused entry %d, of a new one %d", got, want)
	}
	if other := db.AddString([]byte("key:000000000004"), []byte("short")); other == old {
		t.Fatal("the recycled entry was used twice")
	}
	db.Recycle(db.Delete([]byte("key:000000000004")))
	if e := db.AddString([]byte("key:000000000005"), []byte(strings.Repeat("y", 100))); e == old {
		t.Fatal("an entry of another size class was reused")
	}
	big := db.AddString([]byte("big"), make([]byte, maxPacked))
	hash := db.Add([]byte("hash"))
	hash.Obj = NewHash()
	for _, e := range []*Entry{big, hash} {
		db.Delete([]byte(e.Key))
		db.Recycle(e)
	}
	for i, spare := range db.spare {
		if spare != nil && i != packedClass(len("key:000000000004")+len("short")) {
			t.Fatalf("spare of class %d: %q", i, spare.Key)
		}
	}
	keys := make([][]byte, 102) // AllocsPerRun runs once more to warm up
	for i := range keys {
		keys[i] = fmt.Appendf(nil, "key:%012d", i)
	}
	val := []byte(strings.Repeat("v", 100))
	last := db.AddString(keys[0], val)
	i := 1
	if allocs := testing.AllocsPerRun(100, func() {
		db.Recycle(db.Delete([]byte(last.Key)))
		last = db.AddString(keys[i], val)
		i++
	}); allocs != 0 {
		t.Fatalf("delete, recycle and add: %v allocations", allocs)
	}
}

// TestWarmReadsOnly checks that warming keys, present or not, while
// rehashing or not, changes nothing.
func TestWarmReadsOnly(t *testing.T) {
	db := NewDB()
	db.Warm([][]byte{[]byte("missing")})
	var keys [][]byte
	for i := range 40 {
		k := []byte{'k', byte('a' + i%26), byte('0' + i/26)}
		keys = append(keys, k)
		db.AddString(k, []byte("v"))
		db.Warm(append(keys, nil, []byte("absent")))
	}
	db.AddString(nil, []byte("empty key"))
	db.Warm(append(keys, nil))
	if db.Len() != 41 {
		t.Fatalf("Len = %d after warming, want 41", db.Len())
	}
	for _, k := range keys {
		if e := db.Find(k); e == nil || string(e.Str) != "v" {
			t.Fatalf("key %q lost or changed after warming", k)
		}
	}
}

// TestReserveThenAdd checks a load's path: a table sized up front takes
// its keys without rehashing, and they are found.
func TestReserveThenAdd(t *testing.T) {
	db := NewDB()
	db.Reserve(1000)
	buckets := len(db.dict.ht[0].buckets)
	for i := range 1000 {
		if i%2 == 0 {
			db.Add([]byte{'k', byte(i >> 8), byte(i)})
		} else {
			db.AddString([]byte{'k', byte(i >> 8), byte(i)}, []byte("v"))
		}
	}
	if db.dict.rehashing() || len(db.dict.ht[0].buckets) != buckets {
		t.Fatalf("the reserved table was resized: %d -> %d buckets", buckets, len(db.dict.ht[0].buckets))
	}
	for i := range 1000 {
		if db.Find([]byte{'k', byte(i >> 8), byte(i)}) == nil {
			t.Fatalf("key %d not found", i)
		}
	}
	db.AddString(nil, []byte("v"))
	if db.Len() != 1001 {
		t.Fatalf("Len = %d", db.Len())
	}
}
