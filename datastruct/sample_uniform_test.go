package datastruct

import (
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
// random: a chi-square test over 1000 keys (999 degrees of freedom: mean
// 999, standard deviation 45; the bound is 5 deviations out, with a fixed
// seed so the test cannot flake). For contrast it measures the first key
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
		{"keyspace", func() string { return db.Random(rng).Key }},
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
	counts := make(map[string]int, keys)
	for range samples {
		for k := range goMap {
			counts[k]++
			break
		}
	}
	t.Logf("first key of Go map iteration: chi-square %.0f", chiSquare(counts, keys, samples))
}
