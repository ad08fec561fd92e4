package server

import (
	"sync/atomic"
	"time"
)

// clock is the one source of time for TTLs, EXPIREAT, TIME, OBJECT
// IDLETIME and the save rules. It is real time plus an offset that a
// test can move forward, so keys still expire on their own.
type clock struct {
	offset atomic.Int64 // nanoseconds added to real time
}

func (c *clock) now() time.Time {
	return time.Now().Add(time.Duration(c.offset.Load()))
}

// nowMs is the current unix time in milliseconds.
func (c *clock) nowMs() int64 { return c.now().UnixMilli() }

func (c *clock) advance(d time.Duration) { c.offset.Add(int64(d)) }
