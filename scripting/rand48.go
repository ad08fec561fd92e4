package scripting

// Rand48 is Redis's rand.c, a drand48 of its own, so math.random gives
// the same numbers on every platform. Redis 7.0 never reseeds it between
// scripts: the sequence starts from rand.c's initial state when the
// server starts and goes on from script to script. The zero value is that
// initial state (x is kept XORed with it).
type Rand48 struct{ x uint64 }

const rand48Init = 0x1234ABCD330E

// Seed is redisSrand48.
func (r *Rand48) Seed(s int32) { r.x = (uint64(uint32(s))<<16 | 0x330E) ^ rand48Init }

// Next is redisLrand48: 31 random bits.
func (r *Rand48) Next() int32 {
	x := ((r.x^rand48Init)*0x5DEECE66D + 0xB) & (1<<48 - 1)
	r.x = x ^ rand48Init
	return int32(x >> 17)
}
