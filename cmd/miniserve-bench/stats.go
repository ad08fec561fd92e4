package main

import (
	"math"
	"slices"
)

// median returns the median of xs (the mean of the two middle values for an
// even count), or NaN for an empty slice. NaNs in xs are ignored.
func median(xs []float64) float64 {
	s := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			s = append(s, x)
		}
	}
	if len(s) == 0 {
		return math.NaN()
	}
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// pairedRatios returns num[i]/den[i] for every index where both values are
// present (not NaN) and den[i] is positive. Index i is round i: a ratio is
// only ever taken between the two runs of the same round, which ran next to
// each other in time.
func pairedRatios(num, den []float64) []float64 {
	var out []float64
	for i := 0; i < len(num) && i < len(den); i++ {
		if math.IsNaN(num[i]) || math.IsNaN(den[i]) || den[i] <= 0 {
			continue
		}
		out = append(out, num[i]/den[i])
	}
	return out
}

// minMax returns the smallest and largest of xs, or NaN, NaN if xs is empty.
func minMax(xs []float64) (lo, hi float64) {
	lo, hi = math.NaN(), math.NaN()
	for _, x := range xs {
		if math.IsNaN(x) {
			continue
		}
		if math.IsNaN(lo) || x < lo {
			lo = x
		}
		if math.IsNaN(hi) || x > hi {
			hi = x
		}
	}
	return lo, hi
}

// cpuMicrosPerRequest converts a CPU time in clock ticks into microseconds
// per request.
func cpuMicrosPerRequest(ticks int64, clkTck int64, requests int) float64 {
	if requests <= 0 || clkTck <= 0 {
		return math.NaN()
	}
	return float64(ticks) / float64(clkTck) * 1e6 / float64(requests)
}

// bytesPerKey is the memory growth per key after loading keys, from a
// baseline taken on the empty server.
func bytesPerKey(before, after int64, keys int) float64 {
	if keys <= 0 || before < 0 || after < 0 {
		return math.NaN()
	}
	return float64(after-before) / float64(keys)
}
