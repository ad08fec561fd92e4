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

// Pool keeps the best eviction candidates seen across samplings, as
// Redis's evictionPoolPopulate does: a sample only enters if it beats the
// worst kept one or there is room, so over several evictions the pool
// converges on the oldest keys without ever scanning the keyspace.
//
// Redis keeps its pool sorted and shifts it on every insert. Here the
// slots are unordered and the best and worst are found by scanning the
// scores, which sit apart from the keys: shifting candidates moves
// strings, and every string moved while the garbage collector marks is a
// write barrier, which under eviction cost more than the scan.
type Pool struct {
	n      int
	scores [PoolSize]uint64
	dbs    [PoolSize]int
	keys   [PoolSize]string
}

// Offer considers a sampled key. The same key string (the entry's own,
// told by its address, as the server passes it) is not added twice: a
// comparison of contents against every kept key cost more than the
// sampling itself. A key deleted and added again between samplings may
// then sit twice, which PopBest's caller handles as Redis does: a
// candidate whose key is gone, or has a new entry, is looked up by name.
func (p *Pool) Offer(db int, key string, score uint64) {
	slot := p.n
	if p.n == PoolSize {
		slot = p.worst()
		if score <= p.scores[slot] {
			return
		}
	}
	for i := range p.n {
		if p.dbs[i] == db && sameString(p.keys[i], key) {
			return
		}
	}
	if slot == p.n {
		p.n++
	}
	p.scores[slot], p.dbs[slot], p.keys[slot] = score, db, key
}

// worst is the slot of the lowest score in a non-empty pool.
func (p *Pool) worst() int {
	w := 0
	for i := 1; i < p.n; i++ {
		if p.scores[i] < p.scores[w] {
			w = i
		}
	}
	return w
}

// PopBest removes and returns the best candidate.
func (p *Pool) PopBest() (Candidate, bool) {
	if p.n == 0 {
		return Candidate{}, false
	}
	b := 0
	for i := 1; i < p.n; i++ {
		if p.scores[i] > p.scores[b] {
			b = i
		}
	}
	best := Candidate{p.dbs[b], p.keys[b], p.scores[b]}
	p.remove(b)
	return best, true
}

// remove empties slot i, moving the last candidate into it.
func (p *Pool) remove(i int) {
	p.n--
	p.scores[i], p.dbs[i], p.keys[i] = p.scores[p.n], p.dbs[p.n], p.keys[p.n]
	p.keys[p.n] = "" // the key's entry may be evicted: do not keep it alive
}

// Forget drops the candidates that hold key's string (told by its
// address, as Offer tells them), so that the pool keeps none of it.
func (p *Pool) Forget(key string) {
	for i := 0; i < p.n; {
		if sameString(p.keys[i], key) {
			p.remove(i)
		} else {
			i++
		}
	}
}

// Len is the number of candidates held.
func (p *Pool) Len() int { return p.n }

// Reset empties the pool, as after a policy change or FLUSHALL.
func (p *Pool) Reset() {
	clear(p.keys[:p.n])
	p.n = 0
}

// sameString reports whether a and b are the same bytes in memory.
func sameString(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}
