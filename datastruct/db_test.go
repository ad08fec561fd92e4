package datastruct

import (
	"testing"
	"unsafe"
)

// TestAddStringSharesOneAllocation checks that a string added with its
// key keeps the key intact while the value is rewritten and grown in
// place, and that its bytes are counted once.
func TestAddStringSharesOneAllocation(t *testing.T) {
	db := NewDB()
	e := db.AddString([]byte("counter:1"), []byte("9"))
	if !e.sharesKeyBuffer() {
		t.Fatal("the value does not follow the key in one allocation")
	}
	if got := e.MemoryBytes(); got != allocSize(unsafe.Sizeof(Entry{}))+dictSlotBytes+allocSize(uintptr(len("counter:1")+cap(e.Str))) {
		t.Fatalf("MemoryBytes = %d counts the shared buffer twice", got)
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

// TestReserveThenAddOwned checks a load's path: a table sized up front
// takes its keys without rehashing, and owned keys are found.
func TestReserveThenAddOwned(t *testing.T) {
	db := NewDB()
	db.Reserve(1000)
	buckets := len(db.dict.ht[0].buckets)
	for i := range 1000 {
		db.AddOwned([]byte{'k', byte(i >> 8), byte(i)})
	}
	if db.dict.rehashing() || len(db.dict.ht[0].buckets) != buckets {
		t.Fatalf("the reserved table was resized: %d -> %d buckets", buckets, len(db.dict.ht[0].buckets))
	}
	for i := range 1000 {
		if db.Find([]byte{'k', byte(i >> 8), byte(i)}) == nil {
			t.Fatalf("key %d not found", i)
		}
	}
	db.AddOwned(nil)
	if db.Len() != 1001 {
		t.Fatalf("Len = %d", db.Len())
	}
}
