package server

import (
	"bytes"
	"math"
	"runtime/debug"
	"unsafe"

	"github.com/miniserve-dev/miniserve/datastruct"
	"github.com/miniserve-dev/miniserve/eviction"
)

// Used memory is an estimate kept up to date as keys change, never a
// read of the Go heap: each database keeps the sum of its keys'
// Entry.MemoryBytes. The dispatch settles the keys a write command names
// (their bytes before and after the call), so handlers need not think of
// it; code that changes keys a command does not name (expiry, eviction,
// MOVE and COPY into another database, FLUSH*, SWAPDB, loading) settles
// them itself with accountAdded and accountRemoved.

const (
	// startupBytes is what the server holds with no keys and no clients,
	// used_memory_startup: the Go runtime's own heap, the command table
	// and the databases (measured on the binary at startup).
	startupBytes = 1 << 20
	// clientBaseBytes is a client's fixed cost besides its buffers: the
	// Client, its goroutine's stack and the connection.
	clientBaseBytes = int64(unsafe.Sizeof(Client{})) + 8<<10 + 1<<10
)

// accountedKey is a key whose bytes a write command may change, with
// its bytes before the call.
type accountedKey struct {
	d      *db
	key    []byte
	before int64
	// entry is the key's entry before the call, still the live one
	// after it if no entry left d's keys since (d.keys.Removals() ==
	// removals; FLUSHDB and SWAPDB count too): the usual write then costs
	// no second lookup.
	entry    *datastruct.Entry
	removals uint64
}

// accountBefore records the bytes of the keys cmd names, expiring those
// whose time has come first (as the handler's own lookup would), and
// returns the mark to hand to accountAfter. Calls nest (EXEC), so the
// records are a stack.
func (s *Server) accountBefore(c *Client, cmd *Command, argv [][]byte) int {
	mark := len(s.accounted)
	cmd.eachKey(argv, func(pos int, _ KeySpec) {
		key := argv[pos]
		// A key named twice (MSET k v k v) is settled once.
		for _, a := range s.accounted[mark:] {
			if a.d == c.db && bytes.Equal(a.key, key) {
				return
			}
		}
		var before int64
		e := c.lookupNoTouch(key)
		if e != nil {
			before = e.MemoryBytes()
		}
		s.accounted = append(s.accounted, accountedKey{d: c.db, key: key, before: before,
			entry: e, removals: c.db.keys.Removals()})
	})
	return mark
}

// accountAfter settles the keys recorded since mark.
func (s *Server) accountAfter(mark int) {
	for _, a := range s.accounted[mark:] {
		var after int64
		e := a.entry
		if e == nil || a.d.keys.Removals() != a.removals {
			e = a.d.keys.Find(a.key)
		}
		if e != nil {
			after = e.MemoryBytes()
		}
		a.d.used += after - a.before
	}
	clear(s.accounted[mark:])
	s.accounted = s.accounted[:mark]
}

// accountAdded counts a key added to d outside the keys its command
// names.
func (s *Server) accountAdded(d *db, e *datastruct.Entry) { d.used += e.MemoryBytes() }

// accountRemoved uncounts a key about to be removed from d outside the
// keys its command names. Call it before the value is dropped. A key its
// command named is left to accountAfter, which counts from the bytes the
// key had before the command: a key that expires between accountBefore's
// lookup and the handler's (the clock moves during a command) would
// otherwise be uncounted twice.
func (s *Server) accountRemoved(d *db, e *datastruct.Entry) {
	for _, a := range s.accounted {
		if a.d == d && string(a.key) == e.Key {
			return
		}
	}
	d.used -= e.MemoryBytes()
}

// datasetBytes is the keys' bytes in every database.
func (s *Server) datasetBytes() int64 {
	var n int64
	for _, d := range s.dbs {
		n += d.used
	}
	return n
}

// clientBytes is the clients' memory: each client's fixed cost and its
// buffers, as of the last cron tick (summing them per command would cost
// a walk of every client).
func (s *Server) measureClients() {
	var n int64
	for _, c := range s.clients {
		// The buffers belong to the client's goroutine: read the sizes it
		// publishes after each read, as CLIENT LIST does.
		n += clientBaseBytes + c.qbuf.Load() + c.qbufFree.Load() + c.outCap.Load()
	}
	s.clientBytes = n
}

// usedMemory is used_memory: the startup overhead, the dataset and the
// clients. The AOF's buffer is not in it: Redis leaves it out of the
// comparison with maxmemory too.
func (s *Server) usedMemory() int64 {
	return startupBytes + s.datasetBytes() + s.clientBytes
}

// notePeak records used_memory_peak.
func (s *Server) notePeak() int64 {
	used := s.usedMemory()
	if used > s.peakMemory {
		s.peakMemory = used
	}
	return used
}

// freeMemoryIfNeeded evicts keys under the policy until used memory is
// within maxmemory, as Redis's performEvictions does before each command.
// It reports false when it cannot get there: no policy, or nothing left
// that the policy may evict. The caller holds s.mu.
func (s *Server) freeMemoryIfNeeded() bool {
	limit := s.cfg.MaxMemory
	if limit <= 0 || s.usedMemory() <= limit {
		return true
	}
	if s.policy == eviction.NoEviction {
		return false
	}
	for s.usedMemory() > limit {
		d, e := s.pickVictim()
		if e == nil {
			return false
		}
		s.evict(d, e)
	}
	return true
}

// evict removes one key for memory, as Redis's deleteEvictedKeyAndPropagate:
// the snapshot barrier first, then the key goes, WATCH sees it, and the
// AOF logs a DEL.
func (s *Server) evict(d *db, e *datastruct.Entry) {
	s.captureEntry(d, e)
	s.accountRemoved(d, e)
	key := e.Key
	d.keys.Delete(unsafe.Slice(unsafe.StringData(key), len(key)))
	s.stats.evictedKeys++
	s.signalModified(d, key)
	s.propagate(d, [][]byte{[]byte("DEL"), []byte(key)})
	// A snapshot being written may still read the entry.
	if s.persist.job == nil {
		s.pool.Forget(key)
		d.keys.Recycle(e)
	}
}

// pickVictim chooses the next key to evict, or returns nil when the
// policy finds none. Random policies pick a uniformly random key of the
// next database in turn; the others refill the pool with
// about maxmemory-samples keys of every database and take its best candidate
// that still exists (a pooled key may have gone meanwhile).
func (s *Server) pickVictim() (*db, *datastruct.Entry) {
	volatile := s.policy.VolatileOnly()
	if s.policy.Random() {
		for range s.dbs {
			d := s.dbs[s.evictNextDB%len(s.dbs)]
			s.evictNextDB++
			var e *datastruct.Entry
			if volatile {
				e = d.keys.RandomVolatile(s.rng)
			} else {
				e = d.keys.Random(s.rng)
			}
			if e != nil {
				return d, e
			}
		}
		return nil, nil
	}
	now := s.cachedNowMs
	for {
		sampled := false
		for _, d := range s.dbs {
			n := d.keys.Len()
			if volatile {
				n = d.keys.VolatileLen()
			}
			if n == 0 {
				continue
			}
			sampled = true
			samples := s.evictSamples[:0]
			if volatile {
				for range min(s.cfg.MaxMemorySamples, n) {
					samples = append(samples, d.keys.RandomVolatile(s.rng))
				}
			} else {
				samples = d.keys.Sample(s.rng, samples, min(s.cfg.MaxMemorySamples, n))
			}
			for _, e := range samples {
				s.pool.Offer(d.id, e.Key, s.policy.Score(e.Access(), e.ExpireAt, now, s.cfg.LFUDecayTime))
			}
			clear(samples)
			s.evictSamples = samples[:0]
		}
		if !sampled {
			return nil, nil
		}
		for {
			cand, ok := s.pool.PopBest()
			if !ok {
				break // every pooled key had gone: sample again
			}
			d := s.dbs[cand.DB]
			e := d.keys.Find(unsafe.Slice(unsafe.StringData(cand.Key), len(cand.Key)))
			if e != nil && (!volatile || e.ExpireAt != 0) {
				return d, e
			}
		}
	}
}

// applyMemoryConfig follows maxmemory and maxmemory-policy: it picks the
// policy, resets the pool, sets the Go memory limit where the server
// manages it, and evicts at once when the limit was lowered below the
// used memory, as Redis does on CONFIG SET maxmemory. The caller holds
// s.mu.
func (s *Server) applyMemoryConfig() {
	policy, _ := eviction.ParsePolicy(s.cfg.MaxMemoryPolicy)
	if policy != s.policy {
		s.policy = policy
		s.pool.Reset()
	}
	s.lfu = policy.LFU()
	if s.tuneGoRuntime {
		debug.SetMemoryLimit(goMemoryLimit(s.cfg.MaxMemory))
	}
	if s.cfg.MaxMemory > 0 && s.usedMemory() > s.cfg.MaxMemory {
		if !s.freeMemoryIfNeeded() {
			s.log.Warn("WARNING: the new maxmemory value set via CONFIG SET is smaller than the current memory usage. This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.")
		}
		s.flushAOF()
	}
}

// goMemoryLimit is the Go runtime's soft memory limit for a maxmemory:
// the garbage collector then keeps the heap near the dataset rather than
// letting it double (GOGC 100) before collecting, so that a limit bounds
// the process's resident memory as it bounds Redis's. The slack covers
// garbage between collections and the runtime's own memory.
func goMemoryLimit(maxmemory int64) int64 {
	if maxmemory <= 0 {
		return math.MaxInt64
	}
	return maxmemory + max(maxmemory/2, 64<<20)
}

// oomRejects reports whether a command is refused when memory cannot be
// freed, as Redis decides: commands flagged denyoom, EXEC of a
// transaction that queued one, and anything queued inside MULTI but the
// commands that end it.
func oomRejects(c *Client, cmd *Command) bool {
	if cmd.has(DenyOOM) {
		return true
	}
	if c.multi != nil {
		switch cmd.Name {
		case "exec":
			for _, q := range c.multi.cmds {
				if q.has(DenyOOM) {
					return true
				}
			}
		case "discard", "quit", "reset":
		default:
			return true
		}
	}
	return false
}
