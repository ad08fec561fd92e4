package eviction

import "math"

// Policy is a maxmemory-policy.
type Policy uint8

// The policies, as Redis names them.
const (
	NoEviction Policy = iota
	AllKeysLRU
	VolatileLRU
	AllKeysLFU
	VolatileLFU
	AllKeysRandom
	VolatileRandom
	VolatileTTL
)

var policyNames = [...]string{
	NoEviction:     "noeviction",
	AllKeysLRU:     "allkeys-lru",
	VolatileLRU:    "volatile-lru",
	AllKeysLFU:     "allkeys-lfu",
	VolatileLFU:    "volatile-lfu",
	AllKeysRandom:  "allkeys-random",
	VolatileRandom: "volatile-random",
	VolatileTTL:    "volatile-ttl",
}

// ParsePolicy returns the policy named as in redis.conf.
func ParsePolicy(name string) (Policy, bool) {
	for p, n := range policyNames {
		if n == name {
			return Policy(p), true
		}
	}
	return NoEviction, false
}

func (p Policy) String() string { return policyNames[p] }

// VolatileOnly reports whether the policy evicts only keys with a TTL.
func (p Policy) VolatileOnly() bool {
	return p == VolatileLRU || p == VolatileLFU || p == VolatileRandom || p == VolatileTTL
}

// Random reports whether the policy picks its victim at random rather
// than through the pool.
func (p Policy) Random() bool { return p == AllKeysRandom || p == VolatileRandom }

// LFU reports whether the policy keeps LFU counters in the access bits.
func (p Policy) LFU() bool { return p == AllKeysLFU || p == VolatileLFU }

// Score is how good a candidate a key is for the pool: higher goes
// first. It is Redis's idle time in milliseconds under LRU, 255 minus
// the decayed counter under LFU, and the time left to live, reversed,
// under volatile-ttl.
func (p Policy) Score(access uint32, expireAt, nowMs int64, lfuDecayTime int) uint64 {
	switch p {
	case AllKeysLFU, VolatileLFU:
		return 255 - uint64(LFUCounter(access, nowMs, lfuDecayTime))
	case VolatileTTL:
		return math.MaxUint64 - uint64(expireAt)
	default:
		return uint64(IdleSeconds(access, nowMs)) * 1000
	}
}
