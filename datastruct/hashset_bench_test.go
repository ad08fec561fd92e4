package datastruct

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"
)

// BenchmarkHash and BenchmarkSet measure the hot paths at a packed size
// and at a million entries, with fields and members like "field:000123":
//
//	go test ./datastruct -run '^$' -bench 'BenchmarkHash|BenchmarkSet' -benchmem
//
// Get, Contains and a Set or Add of what is already there allocate
// nothing; a Set that changes a value allocates the new value only.
func BenchmarkHash(b *testing.B) {
	for _, size := range []int{100, 1_000_000} {
		fields := benchKeys("field:", size)
		h := NewHash()
		if size > 512 {
			h.ToTable()
		}
		for _, f := range fields {
			h.Set(f, []byte("value-0"))
		}
		rng := rand.New(rand.NewPCG(1, 2))
		suffix := "/n=" + strconv.Itoa(size)
		b.Run("Get"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h.Get(fields[rng.IntN(size)])
			}
		})
		b.Run("SetSameValue"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h.Set(fields[rng.IntN(size)], []byte("value-0"))
			}
		})
		// A new value of the same length: in place when packed, one
		// allocation (the value) in a table.
		b.Run("SetNewValue"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			vals := [][]byte{[]byte("value-1"), []byte("value-2")}
			for i := 0; b.Loop(); i++ {
				h.Set(fields[rng.IntN(size)], vals[i&1])
			}
		})
		b.Run("Random"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h.Random(rng)
			}
		})
	}
}

func BenchmarkSet(b *testing.B) {
	for _, c := range []struct {
		name    string
		size    int
		members [][]byte
	}{
		{"intset", 500, nil},
		{"strings", 1_000_000, benchKeys("member:", 1_000_000)},
	} {
		s := NewSet()
		members := c.members
		if members == nil {
			for i := range c.size {
				members = append(members, []byte(strconv.Itoa(i*7)))
			}
		}
		for _, m := range members {
			s.Add(m)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		suffix := "/" + c.name + "/n=" + strconv.Itoa(c.size)
		b.Run("Contains"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Contains(members[rng.IntN(c.size)])
			}
		})
		b.Run("AddExisting"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Add(members[rng.IntN(c.size)])
			}
		})
		b.Run("AddRemove"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			m := []byte("999999999")
			for b.Loop() {
				s.Add(m)
				s.Remove(m)
			}
		})
	}
}

// BenchmarkMillion reports the heap a million-entry hash and set take,
// per entry, to compare with redis-server (about 70-80 bytes per hash
// field and 50-60 per set member of this shape, used_memory delta):
//
//	go test ./datastruct -run '^$' -bench BenchmarkMillion -benchtime 1x
func BenchmarkMillion(b *testing.B) {
	const n = 1_000_000
	keys := benchKeys("field:", n)
	for b.Loop() {
		before := heapInUse()
		h := NewHash()
		h.ToTable()
		for _, k := range keys {
			h.Set(k, []byte("value:0000"))
		}
		b.ReportMetric(float64(heapInUse()-before)/n, "hash-B/field")
		b.ReportMetric(float64(h.MemoryBytes())/n, "hash-MemoryBytes/field")
		runtime.KeepAlive(h)
		h = nil
		before = heapInUse()
		s := NewSet()
		s.ToTable()
		for _, k := range keys {
			s.Add(k)
		}
		b.ReportMetric(float64(heapInUse()-before)/n, "set-B/member")
		b.ReportMetric(float64(s.MemoryBytes())/n, "set-MemoryBytes/member")
		runtime.KeepAlive(s)
	}
}

func heapInUse() int64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

func benchKeys(prefix string, n int) [][]byte {
	keys := make([][]byte, n)
	for i := range keys {
		keys[i] = []byte(prefix + strconv.Itoa(10_000_000 + i)[1:])
	}
	return keys
}
