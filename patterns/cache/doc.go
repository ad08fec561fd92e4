// Package cache is cache-aside on Redis as a generic Cached[T]: values are
// encoded with a Codec (JSON unless told otherwise) and kept under a key
// prefix with a TTL.
//
//	users := cache.New[User](rdb, cache.Options{Prefix: "cache:user:", TTL: 5 * time.Minute})
//	u, err := users.Get(ctx, "42", func(ctx context.Context) (User, error) {
//		return db.LoadUser(ctx, 42)
//	})
//
// # Reads
//
// Get reads the key; on a miss it calls the loader and stores the result.
// Concurrent misses for one key in one process call the loader once
// (singleflight): the others wait for that call and share its result. The
// shared call re-reads the key before it loads, so a caller that missed
// just before another caller's load finished still gets the cached value
// instead of loading again. The loader runs with the first caller's
// context values but not its cancellation, so one impatient caller does
// not fail the others; each caller still stops waiting when its own
// context ends. Loader errors are returned and never cached. A Redis
// error, or a cached value the Codec cannot decode, is returned too rather
// than treated as a miss, so that a cache outage does not turn into a
// stampede on the store.
//
// Options.Jitter adds a random extra in [0, Jitter) to each TTL, so that
// keys filled together (after a deploy or a flush) do not expire together
// and stampede the store at once.
//
// # Writes
//
// Set is write-through: it writes the store first (through the caller's
// write function) and only then the cache. The store is the source of
// truth, so if the store write fails the cache is left alone; if the
// cache write fails after the store write succeeded, the key is deleted
// (best effort) so that the next Get reloads it. Writing the cache first
// would let readers see a value the store then refuses.
//
// A loader fills the cache with SET NX, never overwriting: a Get that read
// the store just before a Set changed it cannot replace the newer value
// Set wrote with the older one it loaded. Two Sets of one key racing each
// other can still leave the cache holding the loser's value until the TTL
// ends; callers that write one key from many places concurrently should
// use Update, which writes the store and then invalidates the key.
//
// # Invalidation
//
// Invalidate deletes one key. InvalidatePattern deletes every key of the
// cache whose name (after the prefix) matches a glob, with SCAN and UNLINK
// in batches, never KEYS, so that the server is never blocked for long.
// On a Redis Cluster SCAN runs on every master (each holds its own part of
// the keyspace) and the keys are unlinked in groups of one hash slot, since
// one UNLINK cannot name keys of different slots. A value being loaded
// while the pattern is invalidated may still be stored after it; the TTL
// bounds how long it lives.
package cache
