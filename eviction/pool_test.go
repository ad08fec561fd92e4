package eviction

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// TestPoolKeepsTheBest offers distinct keys with random scores and
// checks the pool against a model: it holds the PoolSize best offered,
// and pops them best first. A key offered again is not held twice.
// (A copy of a key's name may be: see Offer.)
func TestPoolKeepsTheBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for round := range 200 {
		var p Pool
		var offered []uint64
		for i := range rng.IntN(60) {
			score := uint64(rng.IntN(1000))
			offered = append(offered, score)
			key := "key:" + strconv.Itoa(i) // built at run time, as an entry's key
			p.Offer(0, key, score)
			p.Offer(0, key, score) // the same entry's key again: ignored
			if p.Len() > PoolSize {
				t.Fatalf("round %d: pool holds %d", round, p.Len())
			}
		}
		slices.Sort(offered)
		slices.Reverse(offered)
		want := offered[:min(PoolSize, len(offered))]
		var popped []uint64
		for {
			c, ok := p.PopBest()
			if !ok {
				break
			}
			popped = append(popped, c.Score)
		}
		if !slices.Equal(popped, want) {
			t.Fatalf("round %d: popped %v, want %v", round, popped, want)
		}
	}
}

// Forget drops every candidate holding that very string, and no other:
// not a copy of its name, which is another entry's.
func TestPoolForget(t *testing.T) {
	var p Pool
	key := "key:" + strconv.Itoa(1)
	copyOfKey := "key:" + strconv.Itoa(1)
	p.Offer(0, "key:"+strconv.Itoa(0), 5)
	p.Offer(0, key, 9)
	p.Offer(0, copyOfKey, 8)
	p.Offer(1, key, 7)
	p.Offer(0, "key:"+strconv.Itoa(2), 6)
	p.Forget(key)
	var got []uint64
	for {
		c, ok := p.PopBest()
		if !ok {
			break
		}
		if sameString(c.Key, key) {
			t.Fatalf("candidate %v kept after Forget", c)
		}
		got = append(got, c.Score)
	}
	if !slices.Equal(got, []uint64{8, 6, 5}) {
		t.Fatalf("left after Forget: %v, want [8 6 5]", got)
	}
}

func TestPolicies(t *testing.T) {
	for _, name := range []string{"noeviction", "allkeys-lru", "volatile-lru", "allkeys-lfu", "volatile-lfu", "allkeys-random", "volatile-random", "volatile-ttl"} {
		p, ok := ParsePolicy(name)
		if !ok || p.String() != name {
			t.Errorf("ParsePolicy(%q) = %v, %v", name, p, ok)
		}
	}
	if _, ok := ParsePolicy("lru"); ok {
		t.Error("ParsePolicy accepted lru")
	}
	const now = 100_000_000
	// LRU: longer idle scores higher.
	if VolatileLRU.Score(LRUClock(now-60_000), 0, now, 1) <= AllKeysLRU.Score(LRUClock(now-1000), 0, now, 1) {
		t.Error("LRU: a key idle a minute does not beat one idle a second")
	}
	// TTL: sooner expiry scores higher.
	if VolatileTTL.Score(0, now+10, now, 1) <= VolatileTTL.Score(0, now+1000, now, 1) {
		t.Error("TTL: the sooner expiry does not win")
	}
	// LFU: a lower counter scores higher.
	if AllKeysLFU.Score(LFUNew(now), 0, now, 1) <= AllKeysLFU.Score(lfuMinutes(now)<<8|200, 0, now, 1) {
		t.Error("LFU: a fresh key does not beat a hot one")
	}
}
