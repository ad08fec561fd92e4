// Package datastruct holds miniserve's values and keyspace: the
// per-database hash table (Dict) with Redis's SCAN guarantee and random
// sampling, the entries with their TTLs and encodings, the aggregate
// values (ZSet, Hash, Set), and the parsing and formatting rules Redis
// applies to numbers stored as strings.
//
// Every value stored in Entry.Obj provides Clone (an independent copy,
// copy on write, for COPY and snapshots) and MemoryUsage (MEMORY USAGE).
// Hash and Set also provide EncodingName (OBJECT ENCODING; a sorted
// set's encoding is kept in its Entry) and MemoryBytes: the value's
// bytes, kept up to date on every change so that it is O(1).
//
// An entry is also the node of its database's Dict, and where they fit
// its key and a short string value share its allocation (packed.go), so
// that a key costs the garbage collector one object and a lookup one
// cache miss; an evicted one is filled again (DB.Recycle). The Dict
// rehashes incrementally, as Redis's does, a few buckets at a time with
// their entries loaded together.
//
// It has no sockets, no RESP, no goroutines and no locks. The server
// holds one lock over everything here, so nothing in this package is
// safe for concurrent use on its own. Clocks are the caller's too:
// functions take absolute unix milliseconds where time matters.
//
// Errors are exported sentinels (ErrWrongType, ErrNotInteger, ...) that
// the server maps to Redis's exact error replies in one place.
package datastruct
