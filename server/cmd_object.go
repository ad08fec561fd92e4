package server

import (
	"github.com/miniserve-dev/miniserve/datastruct"
	"github.com/miniserve-dev/miniserve/eviction"
)

// OBJECT and MEMORY USAGE, after Redis 7.0's object.c.

const (
	errIdleTimeLFU = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
	errFreqNotLFU  = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."

	// sharedRefcount is OBJ_SHARED_REFCOUNT, what OBJECT REFCOUNT shows
	// for the shared integers 0..9999.
	sharedRefcount = 1<<31 - 1
)

// Values other than strings describe themselves to OBJECT ENCODING and
// MEMORY USAGE through these.
type (
	encodingNamer interface{ EncodingName() string }
	memoryUser    interface {
		// MemoryUsage estimates the value's bytes, looking at up to
		// samples elements of a collection (0 for all).
		MemoryUsage(samples int64) int64
	}
)

func encodingName(e *datastruct.Entry) string {
	if e.Obj != nil {
		// A type that knows its encoding says so; a sorted set's is kept
		// in the entry.
		if n, ok := e.Obj.(encodingNamer); ok {
			return n.EncodingName()
		}
		switch e.Encoding() {
		case datastruct.EncListpack:
			return "listpack"
		case datastruct.EncSkiplist:
			return "skiplist"
		}
		return "unknown"
	}
	switch e.Encoding() {
	case datastruct.EncInt, datastruct.EncIntShared:
		return "int"
	case datastruct.EncEmbstr:
		return "embstr"
	}
	return "raw"
}

// OBJECT's lookups count hits and misses but do not touch the key, and a
// missing key answers nil.

func cmdObjectEncoding(c *Client, argv [][]byte) {
	if e := c.lookupReadNoTouch(argv[2]); e == nil {
		c.reply.Null()
	} else {
		c.reply.BulkString(encodingName(e))
	}
}

func cmdObjectRefcount(c *Client, argv [][]byte) {
	e := c.lookupReadNoTouch(argv[2])
	switch {
	case e == nil:
		c.reply.Null()
	case e.Obj == nil && e.Encoding() == datastruct.EncIntShared:
		c.reply.Int(sharedRefcount)
	default:
		c.reply.Int(1)
	}
}

func cmdObjectIdletime(c *Client, argv [][]byte) {
	e := c.lookupReadNoTouch(argv[2])
	if e == nil {
		c.reply.Null()
		return
	}
	// Redis decides by the policy alone, whether or not maxmemory is set.
	if c.srv.lfu {
		c.errorReply(errIdleTimeLFU)
		return
	}
	c.reply.Int(eviction.IdleSeconds(e.Access(), c.srv.clock.nowMs()))
}

func cmdObjectFreq(c *Client, argv [][]byte) {
	e := c.lookupReadNoTouch(argv[2])
	if e == nil {
		c.reply.Null()
		return
	}
	if !c.srv.lfu {
		c.errorReply(errFreqNotLFU)
		return
	}
	// The counter as decayed by now (LFUDecrAndReturn), not recorded.
	c.reply.Int(int64(eviction.LFUCounter(e.Access(), c.srv.clock.nowMs(), c.srv.cfg.LFUDecayTime)))
}

func cmdObjectHelp(c *Client, argv [][]byte) {
	c.helpReply("OBJECT",
		"ENCODING <key>",
		"    Return the kind of internal representation used in order to store the value",
		"    associated with a <key>.",
		"FREQ <key>",
		"    Return the access frequency index of the <key>. The returned integer is",
		"    proportional to the logarithm of the recent access frequency of the key.",
		"IDLETIME <key>",
		"    Return the idle time of the <key>, that is the approximated number of",
		"    seconds elapsed since the last access to the key.",
		"REFCOUNT <key>",
		"    Return the number of references of the value associated with the specified",
		"    <key>.",
	)
}

// cmdMemoryUsage estimates this implementation's bytes for a key. Like
// Redis it looks the key up without expiring it or counting a hit.
func cmdMemoryUsage(c *Client, argv [][]byte) {
	samples := int64(5)
	for j := 3; j < len(argv); j++ {
		if !isOpt(argv[j], "samples") || j+1 >= len(argv) {
			c.errorReply(errSyntax)
			return
		}
		n, ok := datastruct.ParseInt(argv[j+1])
		if !ok {
			c.errorReply(errNotInteger)
			return
		}
		if n < 0 {
			c.errorReply(errSyntax)
			return
		}
		samples = n
		j++
	}
	e := c.db.keys.Find(argv[2])
	if e == nil {
		c.reply.Null()
		return
	}
	// The same basis as used_memory (Entry.MemoryBytes), with an
	// aggregate's value measured rather than estimated.
	usage := e.MemoryBytes()
	if m, ok := e.Obj.(memoryUser); ok {
		if sized, ok := e.Obj.(datastruct.Sized); ok {
			usage -= sized.MemoryBytes()
		}
		usage += m.MemoryUsage(samples)
	}
	c.reply.Int(usage)
}

func cmdMemoryHelp(c *Client, argv [][]byte) {
	c.helpReply("MEMORY",
		"DOCTOR",
		"    Return memory problems reports.",
		"MALLOC-STATS",
		"    Return internal statistics report from the memory allocator.",
		"PURGE",
		"    Attempt to purge dirty pages for reclamation by the allocator.",
		"STATS",
		"    Return information about the memory usage of the server.",
		"USAGE <key> [SAMPLES <count>]",
		"    Return memory in bytes used by <key> and its value. Nested values are",
		"    sampled up to <count> times (default: 5, 0 means sample all).",
	)
}
