package eviction

import "unsafe"

// PoolSize is the number of candidates the pool keeps (EVPOOL_SIZE).
const PoolSize = 16

// Candidate is a key the pool holds: its database, its name and its
// score (see Policy.Score).
type Candidate struct {
	DB    int
	Key   string
	Score uint64
}

// Pool keeps the best eviction candidates seen across samplings, sorted
// by ascending score, as Redis's evictionPoolPopulate does: a sample
// only enters if it beats the worst kept one or there is room, so over
// several evictions the pool converges on the oldest keys without ever
// scanning the keyspace.
type Pool struct {
	c []Candidate
}

// Offer considers a sampled key. The same key string (the entry's own,
// told by its address, as the server passes it) is not added twice: a
// comparison of contents against every kept key cost more than the
// sampling itself. A key deleted and added again between samplings may
// then sit twice, which PopBest's caller handles as Redis does: a
// candidate whose key is gone, or has a new entry, is looked up by name.
func (p *Pool) Offer(db int, key string, score uint64) {
	if len(p.c) == PoolSize && score <= p.c[0].Score {
		return
	}
	for i := range p.c {
		if p.c[i].DB == db && sameString(p.c[i].Key, key) {
			return
		}
	}
	// Find the first slot whose score is not lower; insert before it.
	i := 0
	for i < len(p.c) && p.c[i].Score < score {
		i++
	}
	if len(p.c) < PoolSize {
		p.c = append(p.c, Candidate{})
		copy(p.c[i+1:], p.c[i:])
		p.c[i] = Candidate{db, key, score}
		return
	}
	// Full: drop the worst (the first) to make room.
	copy(p.c[:i-1], p.c[1:i])
	p.c[i-1] = Candidate{db, key, score}
}

// PopBest removes and returns the best candidate.
func (p *Pool) PopBest() (Candidate, bool) {
	if len(p.c) == 0 {
		return Candidate{}, false
	}
	best := p.c[len(p.c)-1]
	p.c = p.c[:len(p.c)-1]
	return best, true
}

// Len is the number of candidates held.
func (p *Pool) Len() int { return len(p.c) }

// Reset empties the pool, as after a policy change or FLUSHALL.
func (p *Pool) Reset() { p.c = p.c[:0] }

// sameString reports whether a and b are the same bytes in memory.
func sameString(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}
