package server

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The AOF gets deterministic forms: HINCRBYFLOAT as HSET of the result,
// SPOP as SREM of what it popped (DEL when it took everything).
func TestHashSetPropagation(t *testing.T) {
	a := newAOFTestClient(t)
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"HSET", "h", "f", "10.5"}, []string{"HSET h f 10.5"}},
		{[]string{"HINCRBYFLOAT", "h", "f", "0.1"}, []string{"HSET h f 10.6"}},
		{[]string{"HINCRBYFLOAT", "h", "g", "1e3"}, []string{"HSET h g 1000"}},
		{[]string{"HINCRBYFLOAT", "h", "f", "x"}, nil},
		{[]string{"HINCRBY", "h", "n", "2"}, []string{"HINCRBY h n 2"}},
		{[]string{"HSETNX", "h", "n", "2"}, nil},
		{[]string{"HDEL", "h", "nope"}, nil},
		{[]string{"SADD", "s", "only"}, []string{"SADD s only"}},
		{[]string{"SPOP", "s"}, []string{"SREM s only"}},
		{[]string{"SPOP", "s"}, nil},
		{[]string{"SADD", "s", "a", "b", "c"}, []string{"SADD s a b c"}},
		{[]string{"SPOP", "s", "5"}, []string{"DEL s"}},
		{[]string{"SADD", "s", "1"}, []string{"SADD s 1"}},
		{[]string{"SPOP", "s", "0"}, nil},
		{[]string{"SMOVE", "s", "t", "9"}, nil},
		{[]string{"SMOVE", "s", "t", "1"}, []string{"SMOVE s t 1"}},
	} {
		_, logged := a.run(tt.args...)
		if !slices.Equal(logged, tt.want) {
			t.Errorf("%v logged %q, want %q", tt.args, logged, tt.want)
		}
	}
	// A count of members: one SREM each, of exactly what was popped, for
	// both of SPOP's strategies (pop a few; keep a few).
	for _, count := range []int{3, 18} {
		args := []string{"SADD", "p"}
		for i := range 20 {
			args = append(args, strconv.Itoa(i))
		}
		a.run(args...)
		reply, logged := a.run("SPOP", "p", strconv.Itoa(count))
		if len(logged) != count {
			t.Fatalf("SPOP p %d logged %d commands: %q", count, len(logged), logged)
		}
		for _, l := range logged {
			m := strings.TrimPrefix(l, "SREM p ")
			if m == l || !strings.Contains(reply, "\r\n"+m+"\r\n") {
				t.Fatalf("SPOP p %d logged %q, not in the reply %q", count, l, reply)
			}
		}
		if r, _ := a.run("SCARD", "p"); r != fmt.Sprintf(":%d\r\n", 20-count) {
			t.Fatalf("SCARD after SPOP %d: %q", count, r)
		}
		a.run("DEL", "p")
	}
}

// aofIncr returns the incremental AOF files' contents.
func aofIncr(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "appendonlydir", "*.incr.aof"))
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	return all.String()
}

// TestHashSetAOFRestart replays hashes and sets from the AOF, SPOP's
// SREMs in a transaction as Redis 7.0 writes them.
func TestHashSetAOFRestart(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"), WithDirective("appendfsync", "always"))
	c := dial(t, s.Addr())
	c.do("HSET", "h", "c", "3", "a", "1", "b", "2")
	c.do("HINCRBYFLOAT", "h", "f", "0.1")
	c.do("HINCRBYFLOAT", "h", "f", "0.2")
	c.do("SADD", "s", "1", "2", "3", "4", "5", "6")
	c.do("SPOP", "s", "2")
	c.do("SADD", "t", "x", "y")
	c.do("SPOP", "t", "5")
	wantH, wantS := c.do("HGETALL", "h"), c.do("SMEMBERS", "s")
	s.Close()
	log := aofIncr(t, dir)
	if !strings.Contains(log, "*1\r\n$5\r\nMULTI\r\n*3\r\n$4\r\nSREM\r\n$1\r\ns\r\n") || !strings.Contains(log, "$4\r\nEXEC\r\n") {
		t.Fatalf("SPOP with a count is not logged as SREMs in MULTI/EXEC:\n%q", log)
	}
	if strings.Contains(log, "HINCRBYFLOAT") || strings.Contains(log, "SPOP") {
		t.Fatalf("non-deterministic forms in the AOF:\n%q", log)
	}

	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("HGETALL", "h"); got != wantH {
		t.Fatalf("HGETALL after replay %q, want %q", got, wantH)
	}
	if got := c.do("SMEMBERS", "s"); got != wantS {
		t.Fatalf("SMEMBERS after replay %q, want %q", got, wantS)
	}
	if got := c.do("EXISTS", "t"); got != ":0\r\n" {
		t.Fatalf("t after replay: %q", got)
	}
}

// TestHashSetSnapshotAndRewrite saves hashes and sets of every encoding
// to a snapshot and through an AOF rewrite, and loads them back in the
// encodings Redis's loader picks.
func TestHashSetSnapshotAndRewrite(t *testing.T) {
	for _, mode := range []string{"snapshot", "rewrite"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			var opts []Option
			if mode == "rewrite" {
				opts = append(opts, WithDirective("appendonly", "yes"))
			}
			s := startIn(t, dir, opts...)
			c := dial(t, s.Addr())
			c.do("HSET", "small", "z", "26", "a", "1", "m", "13")
			args := []string{"HSET", "big"}
			for i := range 700 {
				args = append(args, fmt.Sprintf("f%d", i), fmt.Sprintf("v%d", i))
			}
			c.do(args...)
			c.do("HSET", "long", "f", strings.Repeat("x", 100))
			c.do("SADD", "ints", "5", "-3", "9223372036854775807", "-9223372036854775808", "0")
			c.do("SADD", "strs", "a", "b", "1")
			args = []string{"SADD", "manyints"}
			for i := range 600 {
				args = append(args, strconv.Itoa(i*3))
			}
			c.do(args...)
			c.do("SADD", "shrunk", "1", "2", "x")
			c.do("SREM", "shrunk", "x") // a table of integers: an intset once reloaded
			c.do("EXPIRE", "small", "1000")
			queries := [][]string{
				{"HGETALL", "small"}, {"HLEN", "big"}, {"HGET", "big", "f699"}, {"HGET", "long", "f"},
				{"SMEMBERS", "ints"}, {"SCARD", "strs"}, {"SISMEMBER", "strs", "1"}, {"SCARD", "manyints"}, {"SISMEMBER", "manyints", "1797"},
				{"OBJECT", "ENCODING", "small"}, {"OBJECT", "ENCODING", "big"}, {"OBJECT", "ENCODING", "long"},
				{"OBJECT", "ENCODING", "ints"}, {"OBJECT", "ENCODING", "strs"}, {"OBJECT", "ENCODING", "manyints"},
			}
			want := make([]string, len(queries))
			for i, q := range queries {
				want[i] = c.do(q...)
			}
			if mode == "snapshot" {
				if got := c.do("SAVE"); got != "+OK\r\n" {
					t.Fatalf("SAVE: %q", got)
				}
			} else {
				c.do("BGREWRITEAOF")
				waitForInfo(t, c, "aof_rewrite_in_progress:0")
			}
			s.Close()
			s = startIn(t, dir, opts...)
			defer s.Close()
			c = dial(t, s.Addr())
			for i, q := range queries {
				if got := c.do(q...); got != want[i] {
					t.Errorf("%v after reload = %q, want %q", q, got, want[i])
				}
			}
			if got := c.do("OBJECT", "ENCODING", "shrunk"); got != "$6\r\nintset\r\n" {
				t.Errorf("a table of integers reloads as %q, want an intset as Redis's loader makes", got)
			}
			if got := c.do("TTL", "small"); got == ":-1\r\n" || got == ":-2\r\n" {
				t.Errorf("TTL lost: %q", got)
			}
		})
	}
}

func waitForInfo(t *testing.T, c *respConn, infoLine string) {
	t.Helper()
	for range 1000 {
		if strings.Contains(c.do("INFO", "persistence"), infoLine) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("never saw %q", infoLine)
}

// TestHashSetBgsaveIsPointInTime changes hashes and sets while a BGSAVE
// walks them: the file holds them as they were when it started, which
// the copy-on-write Copy gives.
func TestHashSetBgsaveIsPointInTime(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir)
	c := dial(t, s.Addr())
	const keys = 3000
	for i := range keys {
		c.do("HSET", fmt.Sprintf("h%d", i), "f", "old", "g", "1")
		c.do("SADD", fmt.Sprintf("s%d", i), "old", "1")
	}
	// Tables too, written as soon as the save starts.
	const bigKeys, bigSize = 20, 1000
	for i := range bigKeys {
		hargs, sargs := []string{"HSET", fmt.Sprintf("bh%d", i)}, []string{"SADD", fmt.Sprintf("bs%d", i)}
		for j := range bigSize {
			hargs = append(hargs, fmt.Sprintf("f%d", j), "old")
			sargs = append(sargs, fmt.Sprintf("m%d", j))
		}
		c.do(hargs...)
		c.do(sargs...)
	}
	if got := c.do("BGSAVE"); got != "+Background saving started\r\n" {
		t.Fatalf("BGSAVE: %q", got)
	}
	for i := range bigKeys {
		c.do("HSET", fmt.Sprintf("bh%d", i), "f1", "new", "added", "x")
		c.do("HDEL", fmt.Sprintf("bh%d", i), "f2")
		c.do("SREM", fmt.Sprintf("bs%d", i), "m1", "m2")
		c.do("SADD", fmt.Sprintf("bs%d", i), "added")
	}
	for i := 0; i < keys; i += 3 {
		c.do("HSET", fmt.Sprintf("h%d", i), "f", "new", "added", "x")
		c.do("HDEL", fmt.Sprintf("h%d", i), "g")
		c.do("SADD", fmt.Sprintf("s%d", i), "new")
		c.do("SREM", fmt.Sprintf("s%d", i), "old")
	}
	waitForInfo(t, c, "rdb_bgsave_in_progress:0")
	s.Close()
	s = startIn(t, dir)
	defer s.Close()
	c = dial(t, s.Addr())
	for i := range bigKeys {
		h, set := fmt.Sprintf("bh%d", i), fmt.Sprintf("bs%d", i)
		if got := c.do("HMGET", h, "f1", "f2", "added"); got != "*3\r\n$3\r\nold\r\n$3\r\nold\r\n$-1\r\n" {
			t.Fatalf("%s = %q, want the hash at BGSAVE time", h, got)
		}
		if got := c.do("SMISMEMBER", set, "m1", "m2", "added"); got != "*3\r\n:1\r\n:1\r\n:0\r\n" {
			t.Fatalf("%s = %q, want the set at BGSAVE time", set, got)
		}
		if got := c.do("HLEN", h); got != ":1000\r\n" {
			t.Fatalf("HLEN %s = %q", h, got)
		}
	}
	for i := 0; i < keys; i += 3 {
		if got := c.do("HGETALL", fmt.Sprintf("h%d", i)); got != "*4\r\n$1\r\nf\r\n$3\r\nold\r\n$1\r\ng\r\n$1\r\n1\r\n" {
			t.Fatalf("h%d = %q, want the hash at BGSAVE time", i, got)
		}
		if got := c.do("SMEMBERS", fmt.Sprintf("s%d", i)); got != "*2\r\n$1\r\n1\r\n$3\r\nold\r\n" && got != "*2\r\n$3\r\nold\r\n$1\r\n1\r\n" {
			t.Fatalf("s%d = %q, want the set at BGSAVE time", i, got)
		}
	}
}

// TestHashSetHotPathsAllocateNothing runs HGET, HSET of an existing
// field, SADD of an existing member and SISMEMBER through their handlers
// and counts allocations: none, in both encodings.
func TestHashSetHotPathsAllocateNothing(t *testing.T) {
	a := newAOFTestClient(t)
	s, c := a.srv, a.c
	a.run("HSET", "small", "f", "value1")
	a.run("SADD", "ints", "1", "2", "3")
	a.run("SADD", "strs", "a", "b", "c")
	args := []string{"HSET", "big"}
	for i := range 600 {
		args = append(args, fmt.Sprintf("f%d", i), "value1")
	}
	a.run(args...)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, args := range [][]string{
		{"HGET", "small", "f"}, {"HGET", "big", "f7"},
		{"HSET", "small", "f", "value1"}, {"HSET", "small", "f", "value2"}, {"HSET", "big", "f7", "value1"},
		{"SADD", "ints", "2"}, {"SADD", "strs", "b"}, {"SISMEMBER", "ints", "3"}, {"SISMEMBER", "strs", "c"},
		{"HEXISTS", "big", "f9"}, {"SCARD", "strs"}, {"HLEN", "small"},
	} {
		argv := make([][]byte, len(args))
		for i, s := range args {
			argv[i] = []byte(s)
		}
		cmd, _ := s.table.lookup(argv)
		c.current = cmd
		n := testing.AllocsPerRun(200, func() {
			c.reply.buf = c.reply.buf[:0]
			cmd.Proc(c, argv)
		})
		if n != 0 {
			t.Errorf("%v allocates %v times", args, n)
		}
	}
}

// BenchmarkHashSetHotPath measures the hot paths through their handlers,
// on a listpack/intset and on a table of 100k entries:
//
//	go test ./server -run '^$' -bench BenchmarkHashSetHotPath -benchmem
func BenchmarkHashSetHotPath(b *testing.B) {
	a := newAOFTestClient(b)
	s, c := a.srv, a.c
	const n = 100_000
	fields := make([][]byte, n)
	s.mu.Lock()
	hset, _ := s.table.lookup([][]byte{[]byte("HSET")})
	sadd, _ := s.table.lookup([][]byte{[]byte("SADD")})
	for i := range fields {
		fields[i] = []byte("field:" + strconv.Itoa(i))
		c.current = hset
		hset.Proc(c, [][]byte{[]byte("HSET"), []byte("bighash"), fields[i], []byte("value")})
		c.current = sadd
		sadd.Proc(c, [][]byte{[]byte("SADD"), []byte("bigset"), fields[i]})
	}
	for i := range 50 {
		hset.Proc(c, [][]byte{[]byte("HSET"), []byte("smallhash"), fields[i], []byte("value")})
		sadd.Proc(c, [][]byte{[]byte("SADD"), []byte("intset"), []byte(strconv.Itoa(i))})
	}
	s.mu.Unlock()
	for _, bc := range []struct {
		name  string
		cmd   string
		key   string
		value string // "" for none
		size  int
	}{
		{"hget/listpack", "HGET", "smallhash", "", 50}, {"hget/hashtable", "HGET", "bighash", "", n},
		{"hset-existing/listpack", "HSET", "smallhash", "value", 50}, {"hset-existing/hashtable", "HSET", "bighash", "value", n},
		{"sadd-existing/hashtable", "SADD", "bigset", "", n}, {"sismember/hashtable", "SISMEMBER", "bigset", "", n},
		{"sismember/intset", "SISMEMBER", "intset", "", 50},
	} {
		argv := [][]byte{[]byte(bc.cmd), []byte(bc.key), nil}
		if bc.value != "" {
			argv = append(argv, []byte(bc.value))
		}
		cmd, _ := s.table.lookup(argv)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			s.mu.Lock()
			defer s.mu.Unlock()
			c.current = cmd
			ints := make([][]byte, 50)
			for i := range ints {
				ints[i] = []byte(strconv.Itoa(i))
			}
			for i := range b.N {
				if bc.key == "intset" {
					argv[2] = ints[i%50]
				} else {
					argv[2] = fields[i%bc.size]
				}
				c.reply.buf = c.reply.buf[:0]
				cmd.Proc(c, argv)
			}
		})
	}
}
