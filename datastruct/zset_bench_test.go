package datastruct

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// BenchmarkZSet measures the sorted set at several sizes, with members
// like "member:000123" and integer scores:
//
//	go test ./datastruct -run '^$' -bench BenchmarkZSet -benchmem
func BenchmarkZSet(b *testing.B) {
	for _, size := range []int{1000, 1_000_000} {
		members := make([][]byte, size)
		for i := range members {
			members[i] = []byte("member:" + strconv.Itoa(1_000_000 + i)[1:])
		}
		z := NewZSet()
		for i, m := range members {
			z.Set(m, float64(i))
		}
		rng := rand.New(rand.NewPCG(1, 2))
		suffix := "/n=" + strconv.Itoa(size)

		// Set re-scores an existing member to a random score (a delete
		// and an insert in the tree), as ZADD on a live set mostly does.
		b.Run("Set"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				z.Set(members[rng.IntN(size)], float64(rng.IntN(size)))
			}
		})
		// AddDelete adds a new member and removes it again: an insert and
		// a delete in both structures, at a constant size.
		b.Run("AddDelete"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			buf := []byte("new:")
			for i := 0; b.Loop(); i++ {
				buf = strconv.AppendInt(buf[:4], int64(i), 10)
				z.Set(buf, float64(rng.IntN(size)))
				z.Delete(buf)
			}
		})
		b.Run("Score"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				z.Score(members[rng.IntN(size)])
			}
		})
		b.Run("Rank"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				z.Rank(members[rng.IntN(size)], false)
			}
		})
		b.Run("RangeByRank10"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			sink := 0
			for b.Loop() {
				start := rng.IntN(size - 10)
				z.RangeByRank(start, start+9, false, func(m string, _ float64) bool {
					sink += len(m)
					return true
				})
			}
			_ = sink
		})
		b.Run("RangeByScore10"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			sink := 0
			for b.Loop() {
				min := float64(rng.IntN(size))
				z.RangeByScore(ScoreRange{Min: min, Max: min + 100}, false, 0, 10, func(m string, _ float64) bool {
					sink += len(m)
					return true
				})
			}
			_ = sink
		})
		b.Run("Copy"+suffix, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c := z.Copy()
				// The first write after a copy pays for copy on write.
				z.Set(members[rng.IntN(size)], float64(rng.IntN(size)))
				_ = c
			}
		})
	}
}
