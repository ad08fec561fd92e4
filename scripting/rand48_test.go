package scripting

import "testing"

func TestRand48(t *testing.T) {
	// lrand48 after srand48(0), as glibc's and Redis's rand.c give it.
	var r Rand48
	r.Seed(0)
	if got := r.Next(); got != 366850414 {
		t.Fatalf("first lrand48: %d", got)
	}
	// Unseeded, the state Redis's math.random starts from: its first
	// math.random(100) is 40.
	var fresh Rand48
	if got := float64(fresh.Next()%2147483647) / 2147483647; int(got*100)+1 != 40 {
		t.Fatalf("first math.random(100) would be %d", int(got*100)+1)
	}
}
