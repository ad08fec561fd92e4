// Package eviction holds the bookkeeping behind maxmemory: the access
// clocks that Redis keeps in 24 bits of every object (an LRU clock in
// seconds, or an LFU counter with its last-decrement time), and the
// policies that use them.
//
// Nothing here has a lock or a clock of its own: the server passes the
// current time and holds its lock while it calls in.
package eviction
