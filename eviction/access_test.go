package eviction

import (
	"math/rand/v2"
	"testing"
)

func TestLRUIdle(t *testing.T) {
	now := int64(1_700_000_000_000)
	if got := IdleSeconds(LRUClock(now-42_000), now); got != 42 {
		t.Fatalf("idle = %d, want 42", got)
	}
	// The 24-bit clock wraps about every 194 days; like Redis's
	// estimateObjectIdleTime, the wrapped case counts one second less.
	wrapNow := int64(clockMax+10) * 1000
	if got := IdleSeconds(LRUClock(wrapNow-20_000), wrapNow); got != 19 {
		t.Fatalf("idle across wrap = %d, want 19", got)
	}
}

func TestLFU(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	now := int64(1_700_000_000_000)
	a := LFUNew(now)
	if got := LFUCounter(a, now, 1); got != lfuInitVal {
		t.Fatalf("new counter = %d, want %d", got, lfuInitVal)
	}
	for i := 0; i < 100; i++ {
		a = LFUTouch(a, now, 10, 1, rng)
	}
	hot := LFUCounter(a, now, 1)
	if hot <= lfuInitVal || hot == 255 {
		t.Fatalf("after 100 hits counter = %d, want logarithmic growth", hot)
	}
	// One decay period per lfu-decay-time minutes.
	if got := LFUCounter(a, now+3*60_000, 1); got != hot-3 {
		t.Fatalf("after 3 minutes counter = %d, want %d", got, hot-3)
	}
	if got := LFUCounter(a, now+3*60_000, 0); got != hot {
		t.Fatalf("decay time 0 must not decay: %d", got)
	}
}
