package server

import (
	"github.com/miniserve-dev/miniserve/datastruct"
	"github.com/miniserve-dev/miniserve/eviction"
)

// db is one numbered database with the server's semantics around it:
// lazy expiry, WATCH and the books kept on changes.
type db struct {
	id       int
	keys     *datastruct.DB
	watchers map[string][]*Client
	used     int64 // the keys' bytes (memory.go)
}

func newDB(id int) *db {
	return &db{id: id, keys: datastruct.NewDB(), watchers: make(map[string][]*Client)}
}

type watchedKey struct {
	db  *db
	key string
	// expiredAtWatch is set when the key had already expired at WATCH
	// time; otherwise its expiry before EXEC counts as a change.
	expiredAtWatch bool
}

// lookupRead finds a live key for a read, counting hits and misses and
// updating its access time.
func (c *Client) lookupRead(key []byte) *datastruct.Entry {
	e := c.lookup(key)
	if e == nil {
		c.srv.stats.keyspaceMisses++
		return nil
	}
	c.srv.stats.keyspaceHits++
	return e
}

// lookup finds a live key, removing it if it has expired, and touches
// its access time.
func (c *Client) lookup(key []byte) *datastruct.Entry {
	s := c.srv
	e := c.db.keys.Find(key)
	if e == nil {
		return nil
	}
	if e.ExpireAt != 0 && e.ExpireAt <= s.clock.nowMs() {
		s.expireKey(c.db, e)
		return nil
	}
	if !c.noTouch() {
		s.touchAccess(e)
	}
	return e
}

// lookupNoTouch finds a live key without changing its access time, as
// OBJECT and TTL do.
func (c *Client) lookupNoTouch(key []byte) *datastruct.Entry {
	s := c.srv
	e := c.db.keys.Find(key)
	if e != nil && e.ExpireAt != 0 && e.ExpireAt <= s.clock.nowMs() {
		s.expireKey(c.db, e)
		return nil
	}
	return e
}

func (c *Client) noTouch() bool { return false }

// touchAccess records an access for the eviction policies: the LRU
// clock, or under an LFU policy a logarithmic hit counter. The LRU clock
// is the cached one, as in Redis: its resolution is a second anyway.
func (s *Server) touchAccess(e *datastruct.Entry) {
	if s.lfu {
		e.SetAccess(eviction.LFUTouch(e.Access(), s.clock.nowMs(), s.cfg.LFULogFactor, s.cfg.LFUDecayTime, s.rng))
		return
	}
	e.SetAccess(s.lruClockCache)
}

// initAccess gives a new key its access data, as Redis's createObject
// does.
func (s *Server) initAccess(e *datastruct.Entry) {
	if s.lfu {
		e.SetAccess(eviction.LFUNew(s.clock.nowMs()))
		return
	}
	e.SetAccess(s.lruClockCache)
}

// lruClock is Redis's 24-bit LRU clock in seconds.
func (s *Server) lruClock() uint32 { return eviction.LRUClock(s.clock.nowMs()) }

// cacheClock refreshes lruClockCache and cachedNowMs. Both are coarse in
// Redis too (its cached server.lruclock and server.unixtime): the LRU
// clock counts seconds and LFU's decay minutes.
func (s *Server) cacheClock() {
	s.cachedNowMs = s.clock.nowMs()
	s.lruClockCache = eviction.LRUClock(s.cachedNowMs)
}

// expireKey removes a key whose time has come, as Redis's
// deleteExpiredKeyAndPropagate does.
func (s *Server) expireKey(d *db, e *datastruct.Entry) {
	s.captureEntry(d, e)
	s.accountRemoved(d, e)
	d.keys.Delete([]byte(e.Key))
	s.stats.expiredKeys++
	s.signalModified(d, e.Key)
	s.propagate(d, [][]byte{[]byte("DEL"), []byte(e.Key)})
}

// setString stores a string value at key, replacing whatever was there,
// and keeps or clears the TTL. It returns the entry.
func (c *Client) setString(key, val []byte, keepTTL bool) *datastruct.Entry {
	return c.storeString(c.db.keys.Find(key), key, val, keepTTL)
}

// storeString is setString for a caller that has already looked the key
// up: e is its live entry, or nil to create it.
func (c *Client) storeString(e *datastruct.Entry, key, val []byte, keepTTL bool) *datastruct.Entry {
	d := c.db
	switch {
	case e == nil:
		e = d.keys.AddString(key, val)
		c.srv.initAccess(e)
		e.SetEncoding(datastruct.StringEncoding(val, c.srv.sharedIntegers()))
		return e
	case !c.srv.lfu:
		// An overwrite keeps the LFU counter but not the LRU clock, as
		// Redis's dbSetValue does.
		c.srv.initAccess(e)
	}
	if !keepTTL && e.ExpireAt != 0 {
		d.keys.SetExpire(e, 0)
	}
	// Reuse the old buffer when it fits without wasting much, as an
	// overwrite in place; otherwise allocate exactly.
	if e.Obj == nil && cap(e.Str) >= len(val) && cap(e.Str) <= 2*len(val)+16 {
		e.Str = append(e.Str[:0], val...)
	} else {
		e.Str = append([]byte(nil), val...)
	}
	e.Obj = nil
	e.SetEncoding(datastruct.StringEncoding(val, c.srv.sharedIntegers()))
	return e
}

// deleteKey removes a key and reports whether it existed. Expired keys
// count as absent.
func (c *Client) deleteKey(key []byte) bool {
	if c.lookupNoTouch(key) == nil {
		return false
	}
	c.db.keys.Delete(key)
	return true
}

// modified records a change to key: WATCH sees it and the change counts
// for the save rules.
func (c *Client) modified(key []byte) {
	s := c.srv
	if len(c.db.watchers) > 0 {
		for _, w := range c.db.watchers[string(key)] {
			w.dirtyCAS = true
		}
	}
	if len(s.blocked) > 0 {
		s.keyReady(c.db, key)
	}
	s.dirty++
}

// signalModified invalidates the transactions watching key and wakes
// the clients blocked on it.
func (s *Server) signalModified(d *db, key string) {
	if len(s.blocked) > 0 {
		s.keyReady(d, []byte(key))
	}
	if len(d.watchers) == 0 {
		return
	}
	for _, w := range d.watchers[key] {
		w.dirtyCAS = true
	}
}

// signalFlushed invalidates every transaction watching a key of d (nil
// for all databases) that exists, as FLUSHDB and FLUSHALL do.
func (s *Server) signalFlushed(d *db) {
	// Waiters on keys that go are re-run, as Redis 7.0.15's
	// scanDatabaseForDeletedKeys does: a blocked XREADGROUP gets
	// "UNBLOCKED the stream key no longer exists", the others wait on.
	for bk := range s.blocked {
		if (d == nil || bk.db == d) && bk.db.keys.Find(bytesOf(bk.key)) != nil {
			s.keyReady(bk.db, bytesOf(bk.key))
		}
	}
	for _, x := range s.dbs {
		if d != nil && x != d {
			continue
		}
		for key, ws := range x.watchers {
			if x.keys.Find([]byte(key)) == nil {
				continue
			}
			for _, w := range ws {
				w.dirtyCAS = true
			}
		}
	}
}

func (s *Server) unwatchAll(c *Client) {
	for _, w := range c.watched {
		list := w.db.watchers[w.key]
		for i, x := range list {
			if x == c {
				list = append(list[:i], list[i+1:]...)
				break
			}
		}
		if len(list) == 0 {
			delete(w.db.watchers, w.key)
		} else {
			w.db.watchers[w.key] = list
		}
	}
	c.watched = nil
	c.dirtyCAS = false
}

// propagateAs makes the AOF record argv instead of the command as sent;
// called several times, it records each. Handlers use it to log
// deterministic forms (absolute TTLs, DEL for expired keys).
func (c *Client) propagateAs(argv ...[]byte) {
	c.propagated = append(c.propagated, argv)
}

// valueOf returns the value of type T that e holds: the zero T for a
// missing key (e nil), and false after a WRONGTYPE reply when e holds
// another type. It is the body of every type family's read and write
// lookups (listRead, zsetRead, ...).
func valueOf[T any](c *Client, e *datastruct.Entry) (T, bool) {
	var zero T
	if e == nil {
		return zero, true
	}
	v, ok := e.Obj.(T)
	if !ok {
		c.errorReply(errWrongType)
		return zero, false
	}
	return v, true
}

// typeName is what TYPE answers for an entry.
func typeName(e *datastruct.Entry) string {
	switch e.Obj.(type) {
	case nil:
		return "string"
	case *datastruct.ZSet:
		return "zset"
	case *datastruct.List:
		return "list"
	case *datastruct.Hash:
		return "hash"
	case *datastruct.Set:
		return "set"
	case *datastruct.Stream:
		return "stream"
	}
	return "none"
}

// propagate hands a write to the AOF, when there is one.
func (s *Server) propagate(d *db, argv [][]byte) {
	if s.persist.aof != nil {
		s.persist.aof.Append(d.id, argv)
	}
}

// propagateCommand propagates the command c is running as it stands. A
// client's request that is already its RESP encoding goes to the AOF as
// it came: encoding it again was half of what the AOF cost a pipelined
// SET in CPU.
func (s *Server) propagateCommand(c *Client, argv [][]byte) {
	if s.persist.aof == nil {
		return
	}
	if c.encoded != nil && s.callDepth == 1 && len(argv) > 0 && &argv[0] == &c.request[0] {
		s.persist.aof.AppendEncoded(c.db.id, c.encoded)
		return
	}
	s.persist.aof.Append(c.db.id, argv)
}
