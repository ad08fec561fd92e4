// Package eviction holds the bookkeeping behind maxmemory, as Redis's
// evict.c does it:
//
//   - the access data Redis keeps in 24 bits of every object: an LRU
//     clock in seconds, or under an LFU policy a logarithmic access
//     counter with the minute of its last decay (access.go);
//   - the policies, and the score each gives a key: idle time for LRU,
//     255 minus the decayed counter for LFU, the time left to live,
//     reversed, for volatile-ttl (policy.go);
//   - the eviction pool: the 16 best candidates seen across samplings
//     of maxmemory-samples keys, so that each eviction samples only a
//     few keys and yet converges on the oldest (pool.go).
//
// The server samples keys uniformly at random (datastruct's
// Dict.RandomEntry and DB.RandomVolatile, not a Go map's iteration
// order, which is far from uniform), offers them to the pool, and
// evicts its best candidate. Used memory is kept by the server as the
// sum of datastruct's per-key estimates (Entry.MemoryBytes).
//
// Under a limit every new key costs an evicted one. The server hands an
// evicted string's entry back to its database (DB.Recycle) for the next
// new key of its size to fill, unless a background save may still read
// it, and has the pool forget its key first: with the heap held near the
// limit, the garbage of one allocation per SET had the collector running
// about twice a second, a quarter of the server's CPU.
//
// Nothing here has a lock or a clock of its own: the server passes the
// current time and holds its lock while it calls in.
package eviction
