package server

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// memClient runs commands through the whole dispatch, as a connection
// would, so that maxmemory applies.
type memClient struct {
	t   testing.TB
	srv *Server
	c   *Client
}

func newMemClient(t testing.TB, directives ...string) *memClient {
	var opts []Option
	for i := 0; i+1 < len(directives); i += 2 {
		opts = append(opts, WithDirective(directives[i], directives[i+1]))
	}
	srv := RunT(t, opts...)
	c := &Client{srv: srv, id: -1, addr: "mem-test", reply: Reply{resp: 2}, db: srv.dbs[0]}
	c.authed.Store(true)
	return &memClient{t: t, srv: srv, c: c}
}

func (m *memClient) do(args ...string) string {
	m.srv.mu.Lock()
	defer m.srv.mu.Unlock()
	argv := make([][]byte, len(args))
	for i, s := range args {
		argv[i] = []byte(s)
	}
	m.c.reply.buf = m.c.reply.buf[:0]
	m.srv.dispatch(m.c, argv)
	return string(m.c.reply.buf)
}

func (m *memClient) used() int64 {
	m.srv.mu.Lock()
	defer m.srv.mu.Unlock()
	return m.srv.usedMemory()
}

func (m *memClient) dbsize() int {
	m.srv.mu.Lock()
	defer m.srv.mu.Unlock()
	return m.c.db.keys.Len()
}

// recount sums every key's bytes from scratch.
func recount(d *db) int64 {
	var n int64
	d.keys.ForEach(func(e *datastruct.Entry) bool {
		n += e.MemoryBytes()
		return true
	})
	return n
}

// TestAccountingMatchesRecount drives every kind of change (writes named
// by the command, expiry, MOVE and COPY across databases, SWAPDB, FLUSH,
// MULTI) at random and checks after each command that the incremental
// books equal a recount.
func TestAccountingMatchesRecount(t *testing.T) {
	m := newMemClient(t)
	rng := rand.New(rand.NewPCG(7, 11))
	key := func() string { return "k" + strconv.Itoa(rng.IntN(12)) }
	val := func() string { return strings.Repeat("v", rng.IntN(300)) }
	num := func() string { return strconv.Itoa(rng.IntN(100)) }
	ops := []func() []string{
		func() []string { return []string{"SET", key(), val()} },
		func() []string { return []string{"SET", key(), val(), "PX", num()} },
		func() []string { return []string{"APPEND", key(), val()} },
		func() []string { return []string{"SETRANGE", key(), num(), val()} },
		func() []string { return []string{"INCR", key()} },
		func() []string { return []string{"GETDEL", key()} },
		func() []string { return []string{"DEL", key(), key(), key()} },
		func() []string { return []string{"MSET", key(), val(), key(), val(), key(), val()} },
		func() []string { return []string{"EXPIRE", key(), num()} },
		func() []string { return []string{"PERSIST", key()} },
		func() []string { return []string{"RENAME", key(), key()} },
		func() []string { return []string{"MOVE", key(), strconv.Itoa(rng.IntN(3))} },
		func() []string { return []string{"COPY", key(), key(), "DB", strconv.Itoa(rng.IntN(3)), "REPLACE"} },
		func() []string { return []string{"SELECT", strconv.Itoa(rng.IntN(3))} },
		func() []string { return []string{"SWAPDB", strconv.Itoa(rng.IntN(3)), strconv.Itoa(rng.IntN(3))} },
		func() []string { return []string{"ZADD", key(), num(), val()} },
		func() []string { return []string{"ZINCRBY", key(), num(), val()} },
		func() []string { return []string{"ZREM", key(), val()} },
		func() []string { return []string{"ZPOPMIN", key(), num()} },
		func() []string { return []string{"ZREMRANGEBYRANK", key(), "0", num()} },
		func() []string { return []string{"ZUNIONSTORE", key(), "2", key(), key()} },
		func() []string { return []string{"ZRANGESTORE", key(), key(), "0", "-1"} },
		func() []string { return []string{"RPUSH", key(), val(), val()} },
		func() []string { return []string{"LPOP", key(), num()} },
		func() []string { return []string{"LMOVE", key(), key(), "LEFT", "RIGHT"} },
		func() []string { return []string{"LSET", key(), "0", val()} },
		func() []string { return []string{"LTRIM", key(), "1", num()} },
		func() []string { return []string{"HSET", key(), val(), val(), num(), val()} },
		func() []string { return []string{"HINCRBY", key(), num(), num()} },
		func() []string { return []string{"HDEL", key(), val(), num()} },
		func() []string { return []string{"SADD", key(), val(), num(), num()} },
		func() []string { return []string{"SREM", key(), num()} },
		func() []string { return []string{"SPOP", key(), num()} },
		func() []string { return []string{"SMOVE", key(), key(), num()} },
		func() []string { return []string{"SINTERSTORE", key(), key(), key()} },
		func() []string { return []string{"SUNIONSTORE", key(), key(), key()} },
		func() []string { return []string{"ZUNIONSTORE", key(), "2", key(), key()} },
		func() []string { return []string{"SORT", key(), "ALPHA", "LIMIT", "0", num(), "STORE", key()} },
		func() []string {
			return []string{"SORT", key(), "BY", "nosort", "GET", "#", "GET", "k*", "STORE", key()}
		},
		func() []string {
			return []string{"EVAL", "redis.call('SET', KEYS[1], ARGV[1]) redis.call('APPEND', KEYS[2], ARGV[1]) redis.call('DEL', KEYS[3]) return 1", "3", key(), key(), key(), val()}
		},
		func() []string {
			return []string{"EVAL", "return redis.pcall('RENAME', KEYS[1], KEYS[2])", "2", key(), key()}
		},
		func() []string { return []string{"XADD", key(), "*", val(), val()} },
		func() []string { return []string{"XTRIM", key(), "MAXLEN", num()} },
		func() []string { return []string{"MULTI"} },
		func() []string { return []string{"EXEC"} },
		func() []string { return []string{"FLUSHDB"} },
	}
	weights := len(ops)
	for i := range 20000 {
		var args []string
		if i%997 == 996 {
			args = ops[len(ops)-1]() // FLUSHDB now and then
		} else {
			args = ops[rng.IntN(weights-1)]()
		}
		m.do(args...)
		if i%50 == 0 {
			m.srv.FastForward(time.Duration(rng.IntN(40)) * time.Millisecond)
		}
		m.srv.mu.Lock()
		for _, d := range m.srv.dbs {
			if got, want := d.used, recount(d); got != want {
				m.srv.mu.Unlock()
				t.Fatalf("after %d commands, the last %q: db %d books %d bytes, recount %d", i+1, args, d.id, got, want)
			}
		}
		m.srv.mu.Unlock()
	}
}

// TestUsedMemoryTracksHeap shows how close used_memory's estimate is to
// what the keys really take on the Go heap, for strings and sorted sets.
func TestUsedMemoryTracksHeap(t *testing.T) {
	for _, tc := range []struct {
		name string
		fill func(m *memClient, i int)
	}{
		{"strings", func(m *memClient, i int) { m.do("SET", fmt.Sprintf("key:%08d", i), "a value of some thirty bytes..") }},
		{"strings-with-ttl", func(m *memClient, i int) {
			m.do("SET", fmt.Sprintf("key:%08d", i), strings.Repeat("x", i%200), "EX", "1000")
		}},
		{"zsets", func(m *memClient, i int) {
			m.do("ZADD", fmt.Sprintf("z:%d", i%100), strconv.Itoa(i), fmt.Sprintf("member:%08d", i))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMemClient(t)
			const n = 200_000
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			usedBefore := m.used()
			for i := range n {
				tc.fill(m, i)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
			est := m.used() - usedBefore
			ratio := float64(est) / float64(heap)
			t.Logf("%d keys: estimated %d bytes, heap grew %d bytes: %.3fx", n, est, heap, ratio)
			if ratio < 0.85 || ratio > 1.15 {
				t.Errorf("used_memory's estimate is %.2fx the heap's growth, want within 15%%", ratio)
			}
			runtime.KeepAlive(m)
		})
	}
}

// TestMaxmemoryUnderWriteLoad writes four times the limit: used memory
// never passes it by more than the key being written, and keys go.
func TestMaxmemoryUnderWriteLoad(t *testing.T) {
	for _, policy := range []string{"allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl"} {
		t.Run(policy, func(t *testing.T) {
			const limit = 4 << 20
			m := newMemClient(t, "maxmemory", strconv.Itoa(limit), "maxmemory-policy", policy)
			value := strings.Repeat("v", 100)
			written := int64(0)
			for i := 0; written < 4*limit; i++ {
				args := []string{"SET", fmt.Sprintf("key:%08d", i), value}
				if strings.HasPrefix(policy, "volatile") {
					args = append(args, "EX", strconv.Itoa(1000+i))
				}
				if r := m.do(args...); r != "+OK\r\n" {
					t.Fatalf("SET %d: %q", i, r)
				}
				written += 200
				if used := m.used(); used > limit+512 {
					t.Fatalf("after %d SETs used_memory %d is over maxmemory %d", i+1, used, limit)
				}
			}
			info := m.do("INFO", "stats")
			if !strings.Contains(info, "evicted_keys:") || strings.Contains(info, "evicted_keys:0\r\n") {
				t.Errorf("no key evicted:\n%s", info)
			}
			if n := m.dbsize(); n < 10000 {
				t.Errorf("only %d keys kept in %d bytes", n, limit)
			}
		})
	}
}

// TestLRUKeepsRecentKeys follows Redis's LRU test: keys touched recently
// survive a flood, old ones go first.
func TestLRUKeepsRecentKeys(t *testing.T) {
	for _, policy := range []string{"allkeys-lru", "allkeys-lfu"} {
		t.Run(policy, func(t *testing.T) {
			const limit = 3900 << 10 // room for about 14,000 of the 18,000 keys
			m := newMemClient(t, "maxmemory", strconv.Itoa(limit), "maxmemory-policy", policy, "maxmemory-samples", "10")
			value := strings.Repeat("v", 100)
			const old = 10000
			for i := range old {
				m.do("SET", fmt.Sprintf("old:%d", i), value)
			}
			m.srv.FastForward(2 * time.Minute)
			// The hot tenth is read often.
			for range 5 {
				for i := 0; i < old; i += 10 {
					m.do("GET", fmt.Sprintf("old:%d", i))
				}
			}
			m.srv.FastForward(time.Minute)
			// About half the cold keys must go to make room.
			const fresh = 8000
			for i := range fresh {
				m.do("SET", fmt.Sprintf("new:%d", i), value)
			}
			freshKept := 0
			for i := range fresh {
				if m.do("EXISTS", fmt.Sprintf("new:%d", i)) == ":1\r\n" {
					freshKept++
				}
			}
			hot, cold := 0, 0
			for i := range old {
				if m.do("EXISTS", fmt.Sprintf("old:%d", i)) == ":1\r\n" {
					if i%10 == 0 {
						hot++
					} else {
						cold++
					}
				}
			}
			t.Logf("%s: kept %d of %d hot keys, %d of %d new ones and %d of %d cold ones", policy, hot, old/10, freshKept, fresh, cold, old-old/10)
			if cold > (old-old/10)*7/10 {
				t.Errorf("%d of %d cold keys survived: too few evicted", cold, old-old/10)
			}
			if hot < old/10*9/10 {
				t.Errorf("only %d of %d recently used keys survived", hot, old/10)
			}
			if policy == "allkeys-lru" && freshKept < fresh*95/100 {
				t.Errorf("only %d of %d new keys survived", freshKept, fresh)
			}
		})
	}
}

// TestVolatilePoliciesTouchOnlyTTLKeys: keys without a TTL stay, and once
// no key with one is left, writes get the OOM error.
func TestVolatilePoliciesTouchOnlyTTLKeys(t *testing.T) {
	for _, policy := range []string{"volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl"} {
		t.Run(policy, func(t *testing.T) {
			m := newMemClient(t)
			value := strings.Repeat("v", 100)
			for i := range 2000 {
				m.do("SET", fmt.Sprintf("keep:%d", i), value)
				m.do("SET", fmt.Sprintf("ttl:%d", i), value, "EX", strconv.Itoa(1000+i))
			}
			limit := m.used() - 100*200 // about 100 keys too many
			m.do("CONFIG", "SET", "maxmemory-policy", policy)
			m.do("CONFIG", "SET", "maxmemory", strconv.FormatInt(limit, 10))
			for i := range 2000 {
				if m.do("EXISTS", fmt.Sprintf("keep:%d", i)) != ":1\r\n" {
					t.Fatalf("keep:%d, without a TTL, was evicted", i)
				}
			}
			if n := m.dbsize(); n >= 4000 {
				t.Fatalf("lowering maxmemory evicted nothing: %d keys", n)
			}
			// Fill until only keys without a TTL are left.
			var r string
			for i := 0; i < 10000; i++ {
				if r = m.do("SET", fmt.Sprintf("more:%d", i), value); r != "+OK\r\n" {
					break
				}
			}
			if r != "-"+errOOM+"\r\n" {
				t.Errorf("with only keys without a TTL left, SET = %q, want the OOM error", r)
			}
		})
	}
}

// TestNoEvictionRefusesWrites: noeviction keeps every key and answers
// the OOM error to writes that need memory; reads and deletes go on.
func TestNoEvictionRefusesWrites(t *testing.T) {
	m := newMemClient(t, "maxmemory-policy", "noeviction")
	for i := range 1000 {
		m.do("SET", fmt.Sprintf("k:%d", i), "value")
	}
	m.do("CONFIG", "SET", "maxmemory", "1")
	oom := "-" + errOOM + "\r\n"
	for _, args := range [][]string{{"SET", "new", "v"}, {"APPEND", "k:1", "x"}, {"ZADD", "z", "1", "a"}} {
		if r := m.do(args...); r != oom {
			t.Errorf("%q = %q, want the OOM error", args, r)
		}
	}
	if r := m.do("GET", "k:1"); r != "$5\r\nvalue\r\n" {
		t.Errorf("GET = %q", r)
	}
	if r := m.do("DEL", "k:2"); r != ":1\r\n" {
		t.Errorf("DEL = %q", r)
	}
	// Inside MULTI everything but EXEC and DISCARD is refused, and EXEC
	// runs what was queued before memory ran out.
	m.do("CONFIG", "SET", "maxmemory", "0")
	m.do("MULTI")
	m.do("GET", "k:3")
	m.do("CONFIG", "SET", "maxmemory", "1") // queued: runs in EXEC
	if r := m.do("EXEC"); !strings.HasPrefix(r, "*2\r\n") {
		t.Errorf("EXEC = %q", r)
	}
	m.do("MULTI")
	if r := m.do("GET", "k:3"); r != oom {
		t.Errorf("GET inside MULTI while out of memory = %q, want the OOM error", r)
	}
	if r := m.do("DISCARD"); r != "+OK\r\n" {
		t.Errorf("DISCARD = %q", r)
	}
	if n := m.dbsize(); n != 999 {
		t.Errorf("%d keys, want 999", n)
	}
}

// TestConfigSetMaxmemoryEvictsAtOnce: lowering maxmemory evicts before
// the next command, as Redis's CONFIG SET does.
func TestConfigSetMaxmemoryEvictsAtOnce(t *testing.T) {
	m := newMemClient(t, "maxmemory-policy", "allkeys-lru")
	for i := range 20000 {
		m.do("SET", fmt.Sprintf("k:%d", i), strings.Repeat("v", 100))
	}
	m.srv.mu.Lock()
	limit := startupBytes + m.srv.datasetBytes()/2
	m.srv.mu.Unlock()
	if r := m.do("CONFIG", "SET", "maxmemory", strconv.FormatInt(limit, 10)); r != "+OK\r\n" {
		t.Fatalf("CONFIG SET = %q", r)
	}
	if used := m.used(); used > limit {
		t.Errorf("used_memory %d is over the new maxmemory %d", used, limit)
	}
	if n := m.dbsize(); n > 12000 || n < 8000 {
		t.Errorf("%d keys left of 20000, want about half", n)
	}
	info := m.do("INFO", "memory")
	for _, field := range []string{"maxmemory:" + strconv.FormatInt(limit, 10), "maxmemory_policy:allkeys-lru", "used_memory_peak:", "used_memory_dataset:"} {
		if !strings.Contains(info, field) {
			t.Errorf("INFO memory lacks %q", field)
		}
	}
}

// BenchmarkSetUnderMaxmemory is SET of 100-byte values over a keyspace
// far bigger than the limit, as redis-benchmark -r 10000000 -d 100
// drives it, beside the same without a limit.
func BenchmarkSetUnderMaxmemory(b *testing.B) {
	for _, mm := range []string{"0", "20mb"} {
		b.Run("maxmemory="+mm, func(b *testing.B) {
			m := newMemClient(b, "maxmemory", mm, "maxmemory-policy", "allkeys-lru")
			value := []byte(strings.Repeat("v", 100))
			rng := rand.New(rand.NewPCG(1, 2))
			argv := [][]byte{[]byte("SET"), nil, value}
			// Fill past the limit first.
			for i := range 200_000 {
				argv[1] = fmt.Appendf(argv[1][:0], "key:%012d", i)
				m.srv.mu.Lock()
				m.c.reply.buf = m.c.reply.buf[:0]
				m.srv.dispatch(m.c, argv)
				m.srv.mu.Unlock()
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				argv[1] = fmt.Appendf(argv[1][:0], "key:%012d", rng.IntN(10_000_000))
				m.srv.mu.Lock()
				m.c.reply.buf = m.c.reply.buf[:0]
				m.srv.dispatch(m.c, argv)
				m.srv.mu.Unlock()
			}
		})
	}
}

// TestAccountingKeyExpiringMidCommand moves the clock past a key's expiry
// between the command's accounting lookup and its handler's, as real time
// can: the key's removal must be counted once.
func TestAccountingKeyExpiringMidCommand(t *testing.T) {
	m := newMemClient(t)
	m.do("SET", "k", strings.Repeat("v", 100), "PX", "50")
	s := m.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	argv := [][]byte{[]byte("APPEND"), []byte("k"), []byte("tail")}
	cmd, _ := s.table.lookup(argv)
	mark := s.accountBefore(m.c, cmd, argv)
	s.clock.advance(time.Second)
	cmd.Proc(m.c, argv)
	s.accountAfter(mark)
	d := s.dbs[0]
	if got, want := d.used, recount(d); got != want {
		t.Fatalf("books %d bytes, recount %d", got, want)
	}
}

// An evicted string's entry is filled again by the next new key of its
// size (DB.Recycle), but not while a background save may still read it:
// under a flood with saves running, every key kept holds its own value,
// and so does every key of the snapshot.
func TestEvictionReusesEntriesSafely(t *testing.T) {
	dir := t.TempDir()
	m := newMemClient(t, "maxmemory", strconv.Itoa(2<<20), "maxmemory-policy", "allkeys-lru", "dir", dir)
	valueOf := func(key string) string { return strings.Repeat(key+"/", 6) }
	bgsaveDone := func() bool { return strings.Contains(m.do("INFO", "persistence"), "rdb_bgsave_in_progress:0") }
	for i := range 60000 {
		if i%15000 == 7500 && bgsaveDone() {
			if r := m.do("BGSAVE"); r != "+Background saving started\r\n" {
				t.Fatalf("BGSAVE: %q", r)
			}
		}
		key := fmt.Sprintf("key:%08d", i)
		if r := m.do("SET", key, valueOf(key)); r != "+OK\r\n" {
			t.Fatalf("SET %d: %q", i, r)
		}
	}
	for range 1000 {
		if bgsaveDone() {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	check := func(what string, do func(...string) string) {
		t.Helper()
		keys := strings.Split(strings.TrimSpace(do("KEYS", "*")), "\r\n")
		if len(keys) < 2*1000 {
			t.Fatalf("%s: only %d keys", what, len(keys)/2)
		}
		for i := 2; i < len(keys); i += 2 {
			key := keys[i]
			if want := fmt.Sprintf("$%d\r\n%s\r\n", len(valueOf(key)), valueOf(key)); do("GET", key) != want {
				t.Fatalf("%s: GET %s = %q", what, key, do("GET", key))
			}
		}
	}
	check("kept", m.do)
	if strings.Contains(m.do("INFO", "stats"), "evicted_keys:0\r\n") {
		t.Fatal("no key evicted")
	}
	m.srv.Close()
	s := startIn(t, dir)
	defer s.Close()
	c := dial(t, s.Addr())
	check("snapshot", c.do)
}
