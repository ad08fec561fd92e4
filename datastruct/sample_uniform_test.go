package datastruct

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// chiSquare is Pearson's statistic for counts expected to be equal.
func chiSquare(counts map[string]int, keys, samples int) float64 {
	expected := float64(samples) / float64(keys)
	var x float64
	for i := range keys {
		d := float64(counts["key:"+strconv.Itoa(i)]) - expected
		x += d * d / expected
	}
	return x
}

// TestEvictionSamplingIsUniform checks that the samples eviction draws,
// from the whole keyspace or from the keys with a TTL, are uniformly
// random over 1000 keys. The keys with a TTL are drawn one at a time: a
// chi-square test (999 degrees of freedom: mean 999, standard deviation
// 45; the bound is 5 deviations out, with a fixed seed). For contrast it measures the first key
// of a Go map's iteration, the shortcut this replaces, and logs how far
// from uniform that is: Go randomises where iteration starts, not which
// key comes first, so keys that follow gaps come first more often.
func TestEvictionSamplingIsUniform(t *testing.T) {
	const keys, samples = 1000, 400_000
	const bound = 999 + 5*45
	db := NewDB()
	goMap := make(map[string]struct{}, keys)
	for i := range keys {
		k := "key:" + strconv.Itoa(i)
		e := db.Add([]byte(k))
		db.SetExpire(e, 1)
		goMap[k] = struct{}{}
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for _, tc := range []struct {
		name string
		draw func() string
	}{
		{"keys-with-ttl", func() string { return db.RandomVolatile(rng).Key }},
	} {
		counts := make(map[string]int, keys)
		for range samples {
			counts[tc.draw()]++
		}
		x := chiSquare(counts, keys, samples)
		t.Logf("%s: chi-square %.0f (uniform: 999 +/- 45)", tc.name, x)
		if x > bound {
			t.Errorf("%s sampling is not uniform: chi-square %.0f over %d", tc.name, x, bound)
		}
	}
	// The samples of the whole keyspace come in windows of neighbouring
	// buckets, so keys' counts are correlated and Pearson's statistic
	// spreads wider than chi-square: check instead that every key's count
	// is near the mean. About 2000 draws per key put one standard
	// deviation at 2.2%, so a key 15% off is a real bias.
	counts := make(map[string]int, keys)
	drawn := 0
	var buf []*Entry
	for drawn < 2000*keys {
		buf = db.Sample(rng, buf[:0], 5)
		for _, e := range buf {
			counts[e.Key]++
		}
		drawn += len(buf)
	}
	mean := float64(drawn) / keys
	worst := 0.0
	for i := range keys {
		worst = max(worst, math.Abs(float64(counts["key:"+strconv.Itoa(i)])/mean-1))
	}
	t.Logf("keyspace samples of about 5: the furthest key is %.1f%% from the mean", 100*worst)
	if worst > 0.15 {
		t.Errorf("keyspace sampling is not uniform: a key is %.0f%% from the mean", 100*worst)
	}
	counts = make(map[string]int, keys)
	for range samples {
		for k := range goMap {
			counts[k]++
			break
		}
	}
	t.Logf("first key of Go map iteration: chi-square %.0f", chiSquare(counts, keys, samples))
}
