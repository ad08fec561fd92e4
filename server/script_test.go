package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A script's writes reach the AOF as the commands it ran, in MULTI ...
// EXEC, never as the EVAL, and replaying them rebuilds the same state.
func TestScriptEffectsReplayFromAOF(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"), WithDirective("appendfsync", "always"))
	c := dial(t, s.Addr())
	c.do("EVAL", "redis.call('set', KEYS[1], ARGV[1]) redis.call('incrby', KEYS[2], 5) return redis.call('rpush', KEYS[3], 'a', 'b')", "3", "s", "n", "l", "v")
	c.do("EVAL", "redis.call('select', 2) redis.call('set', 'in2', 'x')", "0")
	c.do("EVAL", "return redis.call('get', 's')", "0") // no writes: nothing logged
	// A script that fails half way keeps, and logs, what it wrote.
	c.do("EVAL", "redis.call('set', 'half', '1') redis.call('incr', 's')", "0")
	c.do("MULTI")
	c.do("EVAL", "return redis.call('incr', 'n')", "0")
	c.do("SET", "tx", "1")
	c.do("EXEC")
	// Random picks are logged as what they did.
	c.do("SADD", "set", "a", "b", "c")
	c.do("EVAL", "return redis.call('spop', 'set')", "0")
	want := map[string]string{}
	for _, k := range []string{"s", "n", "half", "tx"} {
		want[k] = c.do("GET", k)
	}
	want["l"] = c.do("LRANGE", "l", "0", "-1")
	want["set"] = c.do("SCARD", "set")
	s.Close()

	aof := readAOFDir(t, filepath.Join(dir, "appendonlydir"))
	if strings.Contains(strings.ToLower(aof), "eval") {
		t.Fatalf("the AOF holds an EVAL:\n%q", aof)
	}
	if n := strings.Count(aof, "MULTI"); n != 5 {
		t.Errorf("MULTI %d times in the AOF, want 5:\n%q", n, aof)
	}
	if strings.Count(aof, "MULTI") != strings.Count(aof, "EXEC") {
		t.Errorf("unbalanced MULTI/EXEC:\n%q", aof)
	}

	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	for k, w := range want {
		var got string
		switch k {
		case "l":
			got = c.do("LRANGE", "l", "0", "-1")
		case "set":
			got = c.do("SCARD", "set")
		default:
			got = c.do("GET", k)
		}
		if got != w {
			t.Errorf("%s after replay: %q, want %q", k, got, w)
		}
	}
	c.do("SELECT", "2")
	if got := c.do("GET", "in2"); got != "$1\r\nx\r\n" {
		t.Errorf("in2 after replay: %q", got)
	}
}

func readAOFDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		if strings.Contains(e.Name(), ".incr.aof") {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
		}
	}
	return b.String()
}

// The keys a script writes are counted once, by the commands it runs:
// a script's SET costs what a client's SET costs.
func TestScriptMemoryAccounting(t *testing.T) {
	s := RunT(t)
	c := dial(t, s.Addr())
	dataset := func() int64 {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.datasetBytes()
	}
	c.do("SET", "k", strings.Repeat("x", 1000))
	direct := dataset()
	c.do("FLUSHALL")
	if got := dataset(); got != 0 {
		t.Fatalf("dataset after FLUSHALL: %d", got)
	}
	c.do("EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "k", strings.Repeat("x", 1000))
	if got := dataset(); got != direct {
		t.Fatalf("dataset after a script's SET: %d, after a client's SET: %d", got, direct)
	}
	c.do("EVAL", "return redis.call('del', KEYS[1])", "1", "k")
	if got := dataset(); got != 0 {
		t.Fatalf("dataset after a script's DEL: %d", got)
	}
}

// Functions survive a restart from the AOF, loaded by FUNCTION LOAD as
// the client sent it, and an AOF rewrite, which starts with them.
func TestFunctionsSurviveAOFAndRewrite(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"), WithDirective("appendfsync", "always"))
	c := dial(t, s.Addr())
	lib := "#!lua name=lib\nredis.register_function('f', function(k, a) return redis.call('incr', k[1]) end)"
	if got := c.do("FUNCTION", "LOAD", lib); got != "$3\r\nlib\r\n" {
		t.Fatalf("FUNCTION LOAD: %q", got)
	}
	c.do("FUNCTION", "LOAD", "#!lua name=gone\nredis.register_function('g', function() return 1 end)")
	c.do("FUNCTION", "DELETE", "gone")
	c.do("FCALL", "f", "1", "n")
	s.Close()

	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	c = dial(t, s.Addr())
	if got := c.do("FCALL", "f", "1", "n"); got != ":2\r\n" {
		t.Fatalf("FCALL after AOF replay: %q", got)
	}
	if got := c.do("FCALL", "g", "0"); got != "-ERR Function not found\r\n" {
		t.Fatalf("deleted function after replay: %q", got)
	}
	c.do("BGREWRITEAOF")
	for i := 0; i < 1000 && strings.Contains(c.do("INFO", "persistence"), "aof_rewrite_in_progress:1"); i++ {
		time.Sleep(5 * time.Millisecond)
	}
	s.Close()

	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("FCALL", "f", "1", "n"); got != ":3\r\n" {
		t.Fatalf("FCALL after rewrite and replay: %q", got)
	}
}

// TestFunctionsSurviveSnapshots checks that SAVE and BGSAVE keep the
// function libraries, as Redis's RDB does, so that a server that only
// snapshots still has them after a restart.
func TestFunctionsSurviveSnapshots(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir)
	c := dial(t, s.Addr())
	lib := "#!lua name=lib\nredis.register_function('f', function(k, a) return redis.call('incr', k[1]) end)"
	c.do("FUNCTION", "LOAD", lib)
	c.do("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function{function_name='g', callback=function() return 7 end, flags={'no-writes'}}")
	c.do("FCALL", "f", "1", "n")
	if got := c.do("SAVE"); got != "+OK\r\n" {
		t.Fatalf("SAVE: %q", got)
	}
	c.do("FUNCTION", "DELETE", "other") // after the save: the snapshot keeps it
	s.Close()

	s = startIn(t, dir)
	c = dial(t, s.Addr())
	if got := c.do("FCALL", "f", "1", "n"); got != ":2\r\n" {
		t.Fatalf("FCALL after loading the snapshot: %q", got)
	}
	if got := c.do("FCALL_RO", "g", "0"); got != ":7\r\n" {
		t.Fatalf("the second library after loading the snapshot: %q", got)
	}
	if got := c.do("DBSIZE"); got != ":1\r\n" {
		t.Fatalf("DBSIZE = %q: a library must not load as a key", got)
	}
	c.do("FUNCTION", "FLUSH")
	c.do("BGSAVE")
	for i := 0; i < 1000 && strings.Contains(c.do("INFO", "persistence"), "rdb_bgsave_in_progress:1"); i++ {
		time.Sleep(5 * time.Millisecond)
	}
	s.Close()

	s = startIn(t, dir)
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("FUNCTION", "LIST"); got != "*0\r\n" {
		t.Fatalf("FUNCTION LIST after a BGSAVE of no libraries: %q", got)
	}
}

// A script past busy-reply-threshold makes other clients get BUSY, and
// SCRIPT KILL stops it, unless it wrote (UNKILLABLE).
func TestScriptBusyAndKill(t *testing.T) {
	s := RunT(t, WithDirective("busy-reply-threshold", "20"))
	runner, other := dial(t, s.Addr()), dial(t, s.Addr())
	// Both connections must be registered before the script takes the
	// lock: a connection accepted during a script waits for its end (see
	// lockOrBusy), where Redis would answer BUSY.
	runner.do("PING")
	other.do("PING")
	waitBusy := func(want string) {
		t.Helper()
		// Wait for the script to start first: a client that comes in the
		// instant it starts waits for its end (see lockOrBusy).
		for !s.scripts.busy.active.Load() {
			time.Sleep(time.Millisecond)
		}
		for i := 0; ; i++ {
			got := other.do("PING")
			if got == want {
				return
			}
			if i == 10000 {
				t.Fatalf("never busy: PING answered %q", got)
			}
			time.Sleep(time.Millisecond)
		}
	}
	runner.send("EVAL", "local i = 0 while true do i = i + 1 end", "0")
	waitBusy("-" + errBusyScript + "\r\n")
	if got := other.do("GET", "x"); got != "-"+errBusyScript+"\r\n" {
		t.Fatalf("GET while busy: %q", got)
	}
	if got := other.do("FUNCTION", "KILL"); got != "-"+errBusyScript+"\r\n" {
		t.Fatalf("FUNCTION KILL while a script runs: %q", got)
	}
	if got := other.do("SCRIPT", "KILL"); got != "+OK\r\n" {
		t.Fatalf("SCRIPT KILL: %q", got)
	}
	got := runner.read()
	if !strings.HasPrefix(got, "-"+errScriptKilled+" script: ") || !strings.HasSuffix(got, ", on @user_script:1.\r\n") {
		t.Fatalf("the killed script's reply: %q", got)
	}
	if got := other.do("PING"); got != "+PONG\r\n" {
		t.Fatalf("PING after the kill: %q", got)
	}

	// A function is killed by FUNCTION KILL.
	other.do("FUNCTION", "LOAD", "#!lua name=busy\nredis.register_function('spin', function() while true do end end)")
	runner.send("FCALL", "spin", "0")
	waitBusy("-" + errBusyFunction + "\r\n")
	if got := other.do("SCRIPT", "KILL"); got != "-"+errBusyFunction+"\r\n" {
		t.Fatalf("SCRIPT KILL while a function runs: %q", got)
	}
	if got := other.do("FUNCTION", "KILL"); got != "+OK\r\n" {
		t.Fatalf("FUNCTION KILL: %q", got)
	}
	if got := runner.read(); got != "-"+errScriptKilled+" script: spin, on @user_function:2.\r\n" {
		t.Fatalf("the killed function's reply: %q", got)
	}

	// A script that wrote cannot be killed; it runs to its end.
	// It spins for a second of TIME, not for a count of loops, so that it
	// lasts as long under the race detector.
	runner.send("EVAL", `redis.call('set', 'x', '1')
local t0 = redis.call('TIME')
while true do
  local t = redis.call('TIME')
  if (t[1] - t0[1]) * 1000000 + (t[2] - t0[2]) > 1000000 then return 1 end
end`, "0")
	waitBusy("-" + errBusyScript + "\r\n")
	if got := other.do("SCRIPT", "KILL"); got != "-"+errUnkillable+"\r\n" {
		t.Fatalf("SCRIPT KILL after a write: %q", got)
	}
	if got := runner.read(); got != ":1\r\n" {
		t.Fatalf("the unkillable script's reply: %q", got)
	}
	if got := other.do("GET", "x"); got != "$1\r\n1\r\n" {
		t.Fatalf("GET after the script: %q", got)
	}
}

// BenchmarkEvalSHA is the cost of a small cached script that reads and
// writes one key, as the scripts of job queues do, through call().
func BenchmarkEvalSHA(b *testing.B) {
	a := newAOFTestClient(b)
	s, c := a.srv, a.c
	body := "local v = redis.call('incr', KEYS[1]) redis.call('set', KEYS[2], ARGV[1]) return v"
	a.run("SCRIPT", "LOAD", body)
	argv := [][]byte{[]byte("EVALSHA"), []byte(sha1hex([]byte(body))), []byte("2"), []byte("n"), []byte("k"), []byte("value")}
	cmd, _ := s.table.lookup(argv)
	b.ReportAllocs()
	s.mu.Lock()
	defer s.mu.Unlock()
	for range b.N {
		c.reply.buf = c.reply.buf[:0]
		s.call(c, cmd, argv)
	}
}

// TestScriptKeysArgvFreshEachCall checks that KEYS and ARGV, whose tables
// are reused between scripts, never show what an earlier script did to
// them.
func TestScriptKeysArgvFreshEachCall(t *testing.T) {
	a := newAOFTestClient(t)
	show := "return {#KEYS, #ARGV, tostring(KEYS.extra), tostring(ARGV[5]), tostring(getmetatable(KEYS)), KEYS[1] or 'none', ARGV[1] or 'none'}"
	for _, mutate := range []string{
		"table.insert(KEYS, 'x') table.insert(ARGV, 'y') return 1",
		"KEYS.extra = 1 return 1",
		"ARGV[5] = 'far' return 1",
		"setmetatable(KEYS, {}) return 1",
		"KEYS[1] = nil ARGV[1] = nil return 1",
		"for i = 1, 100 do KEYS[i] = i end return 1",
	} {
		if got, _ := a.run("EVAL", mutate, "2", "k1", "k2", "a1", "a2"); got != ":1\r\n" {
			t.Fatalf("%s: %q", mutate, got)
		}
		want := "*7\r\n:1\r\n:1\r\n$3\r\nnil\r\n$3\r\nnil\r\n$3\r\nnil\r\n$2\r\nk9\r\n$2\r\na9\r\n"
		if got, _ := a.run("EVAL", show, "1", "k9", "a9"); got != want {
			t.Fatalf("after %s: %q, want %q", mutate, got, want)
		}
	}
}
