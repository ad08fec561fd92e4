package server

import (
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The replies below were checked against redis-server 7.0.15; helpers
// are in cmd_string_test.go.

func TestKeysBasic(t *testing.T) {
	runReplyCases(t, map[string][]replyStep{
		"DEL UNLINK EXISTS": {
			step(rOK, "MSET", "a", "1", "b", "2", "c", "3"),
			step(":2\r\n", "DEL", "a", "a", "b", "zz"),
			step(":3\r\n", "EXISTS", "c", "c", "c", "zz"),
			step(rOne, "UNLINK", "c"),
			step(rZero, "EXISTS", "c"),
			step(rOne, "DEL", "wt"),
		},
		"TYPE": {
			step("+none\r\n", "TYPE", "missing"),
			step(rOK, "SET", "s", "v"),
			step("+string\r\n", "TYPE", "s"),
		},
		"TOUCH": {
			step(rOK, "MSET", "a", "1", "b", "2"),
			step(":3\r\n", "TOUCH", "a", "b", "c", "a"),
		},
		"expired keys are gone": {
			step(rOK, "SET", "k", "v", "PXAT", "1"),
			step(rZero, "EXISTS", "k"),
			step(rOK, "SET", "k", "v", "PXAT", "1"),
			step(rZero, "DEL", "k"),
			step(rOK, "SET", "k", "v", "PXAT", "1"),
			step("+none\r\n", "TYPE", "k"),
		},
	})
}

func TestKeysRenameCopyMove(t *testing.T) {
	runReplyCases(t, map[string][]replyStep{
		"RENAME": {
			step(errReply(errNoSuchKey), "RENAME", "missing", "x"),
			step(errReply(errNoSuchKey), "RENAME", "missing", "missing"),
			step(rOK, "SET", "s", "v"),
			step(rOK, "RENAME", "s", "s"),
			step(rOK, "RENAME", "s", "t"),
			step(rZero, "EXISTS", "s"),
			step(bulk("v"), "GET", "t"),
			step(rOne, "PEXPIRE", "t", "100000"),
			step(rOK, "RENAME", "t", "u"),
			step(":100\r\n", "TTL", "u"), // the TTL goes along
			step(rOK, "SET", "v", "1"),
			step(rOK, "RENAME", "u", "v"), // overwritten
			step(bulk("v"), "GET", "v"),
			step(":100\r\n", "TTL", "v"),
			step(rOK, "RENAME", "v", "wt"), // any type
			step(bulk("v"), "GET", "wt"),
		},
		"RENAME keeps the encoding": {
			step(rOK, "SET", "n", "5"),
			step(rOK, "RENAME", "n", "m"),
			step(bulk("int"), "OBJECT", "ENCODING", "m"),
			step(intReply(sharedRefcount), "OBJECT", "REFCOUNT", "m"),
		},
		"RENAMENX": {
			step(errReply(errNoSuchKey), "RENAMENX", "missing", "x"),
			step(rOK, "SET", "v", "1"),
			step(rZero, "RENAMENX", "v", "v"),
			step(rZero, "RENAMENX", "v", "wt"),
			step(rOne, "RENAMENX", "v", "w"),
			step(bulk("1"), "GET", "w"),
		},
		"COPY": {
			step(rOK, "SET", "w", "v"),
			step(errReply(errSameObject), "COPY", "w", "w"),
			step(errReply(errSameObject), "COPY", "w", "w", "REPLACE"),
			step(rOne, "COPY", "w", "w", "DB", "1"),
			step(errReply(errDBIndex), "COPY", "w", "w", "DB", "16"),
			step(errReply(errDBIndex), "COPY", "w", "w", "db", "-1"),
			step(rNInt, "COPY", "w", "w", "DB", "abc"),
			step(errReply("ERR value is out of range, value must between -2147483648 and 2147483647"), "COPY", "w", "x", "DB", "4294967296"),
			step(rSynt, "COPY", "w", "x", "foo"),
			step(rSynt, "COPY", "w", "x", "DB"),
			step(rZero, "COPY", "missing", "x"),
			step(rZero, "COPY", "w", "wt"),
			step(rOne, "COPY", "w", "wt", "replace"),
			step("+string\r\n", "TYPE", "wt"),
			step(rOne, "COPY", "w", "x", "DB", "1", "REPLACE", "REPLACE"),
			step(rZero, "COPY", "w", "x", "DB", "1"),
			step(rOK, "SELECT", "1"),
			step(bulk("v"), "GET", "x"),
			step(rOK, "SELECT", "0"),
			step(rOne, "EXPIRE", "w", "100"),
			step(rOne, "COPY", "w", "y"),
			step(":100\r\n", "TTL", "y"),
			step(rOK, "SET", "n", "5"),
			step(rOne, "COPY", "n", "n2"),
			step(rOne, "OBJECT", "REFCOUNT", "n2"), // a private integer
			step(bulk("int"), "OBJECT", "ENCODING", "n2"),
			step(":2\r\n", "APPEND", "n2", "x"),
			step(bulk("5"), "GET", "n"), // not shared
		},
		"MOVE": {
			step(rOK, "SET", "w", "v"),
			step(errReply(errSameObject), "MOVE", "w", "0"),
			step(rZero, "MOVE", "missing", "1"),
			step(errReply(errDBIndex), "MOVE", "w", "16"),
			step(errReply(errDBIndex), "MOVE", "w", "-1"),
			step(rNInt, "MOVE", "w", "abc"),
			step(errReply("ERR value is out of range, value must between -2147483648 and 2147483647"), "MOVE", "w", "-2147483649"),
			step(rOne, "PEXPIRE", "w", "100000"),
			step(rOne, "MOVE", "w", "2"),
			step(rZero, "EXISTS", "w"),
			step(rOK, "SELECT", "2"),
			step(":100\r\n", "TTL", "w"),
			step(rOK, "SELECT", "0"),
			step(rOK, "SET", "w", "2"),
			step(rZero, "MOVE", "w", "2"), // the target has it
			step(bulk("2"), "GET", "w"),
		},
	})
}

func TestKeysKeysAndRandomKey(t *testing.T) {
	srv := RunT(t)
	tc := dialStringsTest(t, srv)
	keys := []string{"hello", "hallo", "hxllo", "hllo", "heeeello", "hbllo", "h-llo", "h]llo", "h^llo",
		"h*llo", "h?llo", "h[a]llo", `h\llo`, "a", "ab", "abc", "b", "", "\x00bin\xff", "k:1", "k:2", "k:10"}
	mset := []string{"MSET"}
	for _, k := range keys {
		mset = append(mset, k, "v")
	}
	tc.do(mset...)
	tc.do("SET", "gone", "v", "PXAT", "1")
	keysOf := func(pattern string) string {
		t.Helper()
		reply := tc.do("KEYS", pattern)
		var got []string
		for _, line := range strings.Split(reply, "\r\n")[1:] {
			if !strings.HasPrefix(line, "$") {
				got = append(got, line)
			}
		}
		got = got[:len(got)-1]
		sort.Strings(got)
		return strings.Join(got, " ")
	}
	for _, c := range []struct{ pattern, want string }{
		{"*", " \x00bin\xff a ab abc b h*llo h-llo h?llo h[a]llo h\\llo h]llo h^llo hallo hbllo heeeello hello hllo hxllo k:1 k:10 k:2"},
		{"**", "\x00bin\xff a ab abc b h*llo h-llo h?llo h[a]llo h\\llo h]llo h^llo hallo hbllo heeeello hello hllo hxllo k:1 k:10 k:2"},
		{"", ""},
		{"h?llo", "h*llo h-llo h?llo h\\llo h]llo h^llo hallo hbllo hello hxllo"},
		{"h[^a-x]llo", "h*llo h-llo h?llo h\\llo h]llo h^llo"},
		{"h[a-]llo", ""},
		{`h\*llo`, "h*llo"},
		{`h[\]]llo`, "h]llo"},
		{"h[ae", ""},
		{"[^", "a b"},
		{"k:1?", "k:10"},
		{"gone", ""},
	} {
		if got := keysOf(c.pattern); got != c.want {
			t.Errorf("KEYS %q = %q, want %q", c.pattern, got, c.want)
		}
	}
	// KEYS skips an expired key without deleting it.
	srv.mu.Lock()
	stillThere := srv.dbs[0].keys.Find([]byte("gone")) != nil
	srv.mu.Unlock()
	if !stillThere {
		t.Error("KEYS deleted an expired key")
	}

	// RANDOMKEY deletes the expired keys it meets.
	tc.do("FLUSHALL")
	if got := tc.do("RANDOMKEY"); got != rNil {
		t.Errorf("RANDOMKEY on an empty db: %q", got)
	}
	tc.do("SET", "live", "v")
	for i := range 50 {
		tc.do("SET", "dead"+strconv.Itoa(i), "v", "PXAT", "1")
	}
	for range 20 {
		if got := tc.do("RANDOMKEY"); got != bulk("live") {
			t.Fatalf("RANDOMKEY = %q", got)
		}
	}
	tc.do("DEL", "live")
	tc.do("SET", "dead", "v", "PXAT", "1")
	if got := tc.do("RANDOMKEY"); got != rNil {
		t.Errorf("RANDOMKEY with only expired keys: %q", got)
	}
	if got := tc.do("DBSIZE"); got != rZero {
		t.Errorf("DBSIZE after RANDOMKEY met expired keys: %q", got)
	}
	tc.do("HELLO", "3")
	if got := tc.do("RANDOMKEY"); got != "_\r\n" {
		t.Errorf("RANDOMKEY under RESP3: %q", got)
	}
}

func TestKeysScan(t *testing.T) {
	runReplyCases(t, map[string][]replyStep{
		"cursor and option errors": {
			step(rOne, "DEL", "wt"),
			step(errReply("ERR invalid cursor"), "SCAN", " 1"),
			step(errReply("ERR invalid cursor"), "SCAN", "1 "),
			step(errReply("ERR invalid cursor"), "SCAN", "abc"),
			step(errReply("ERR invalid cursor"), "SCAN", "18446744073709551616"),
			step(errReply("ERR invalid cursor"), "SCAN", "-"),
			step(errReply("ERR invalid cursor"), "SCAN", "0x10"),
			step("*2\r\n$1\r\n0\r\n*0\r\n", "SCAN", ""),
			step("*2\r\n$1\r\n0\r\n*0\r\n", "SCAN", "-0"),
			step("*2\r\n$1\r\n0\r\n*0\r\n", "SCAN", "+00"),
			step("*2\r\n$1\r\n0\r\n*0\r\n", "SCAN", "18446744073709551615"),
			step("*2\r\n$1\r\n0\r\n*0\r\n", "SCAN", "-1"),
			step("*2\r\n$1\r\n0\r\n*0\r\n", "SCAN", "0\x00junk"),
			step(rSynt, "SCAN", "0", "COUNT", "0"),
			step(rSynt, "SCAN", "0", "COUNT", "-1"),
			step(rNInt, "SCAN", "0", "COUNT", "abc"),
			step(rSynt, "SCAN", "0", "COUNT"),
			step(rSynt, "SCAN", "0", "MATCH"),
			step(rSynt, "SCAN", "0", "TYPE"),
			step(rSynt, "SCAN", "0", "foo"),
		},
	})

	srv := RunT(t)
	tc := dialStringsTest(t, srv)
	mset := []string{"MSET"}
	for i := range 1000 {
		mset = append(mset, "key:"+strconv.Itoa(i), "v")
	}
	tc.do(mset...)
	putNonString(srv, 0, "other")
	tc.do("SET", "gone", "v", "PXAT", "1")

	scanAll := func(args ...string) (keys map[string]bool, calls int) {
		t.Helper()
		keys = map[string]bool{}
		cursor := "0"
		for {
			calls++
			reply := tc.do(append([]string{"SCAN", cursor}, args...)...)
			lines := strings.Split(reply, "\r\n")
			if lines[0] != "*2" {
				t.Fatalf("SCAN reply %q", reply)
			}
			cursor = lines[2]
			for i := 5; i < len(lines); i += 2 {
				keys[lines[i]] = true
			}
			if cursor == "0" {
				return keys, calls
			}
			if calls > 5000 {
				t.Fatal("SCAN does not end")
			}
		}
	}
	all, calls := scanAll()
	if len(all) != 1001 || all["gone"] {
		t.Errorf("SCAN returned %d keys (gone: %v)", len(all), all["gone"])
	}
	if calls < 50 {
		t.Errorf("SCAN with the default COUNT took only %d calls", calls)
	}
	if _, calls := scanAll("COUNT", "1000"); calls > 3 {
		t.Errorf("SCAN COUNT 1000 took %d calls", calls)
	}
	matched, _ := scanAll("MATCH", "key:1?", "COUNT", "50")
	if len(matched) != 10 || !matched["key:10"] || !matched["key:19"] {
		t.Errorf("SCAN MATCH key:1? = %v", matched)
	}
	strs, _ := scanAll("TYPE", "STRING")
	if len(strs) != 1000 || strs["other"] {
		t.Errorf("SCAN TYPE string returned %d keys", len(strs))
	}
	srv.mu.Lock()
	goneLeft := srv.dbs[0].keys.Find([]byte("gone")) != nil
	srv.mu.Unlock()
	if goneLeft {
		t.Error("SCAN left an expired key it met")
	}
}

func TestKeysExpire(t *testing.T) {
	runReplyCases(t, map[string][]replyStep{
		"option errors": {
			step(rOK, "SET", "k", "v"),
			step(errReply("ERR Unsupported option foo"), "EXPIRE", "k", "100", "foo"),
			step(errReply("ERR Unsupported option f oo"), "EXPIRE", "k", "100", "f\noo"),
			step(errReply("ERR Unsupported option foo"), "EXPIRE", "k", "abc", "foo"),
			step(errReply(errExpireNXAndOthers), "EXPIRE", "k", "100", "nx", "xx"),
			step(errReply(errExpireNXAndOthers), "EXPIRE", "k", "100", "XX", "NX"),
			step(errReply(errExpireNXAndOthers), "EXPIRE", "k", "100", "nx", "gt"),
			step(errReply(errExpireNXAndOthers), "EXPIRE", "k", "100", "gt", "nx", "lt"),
			step(errReply(errExpireGTAndLT), "EXPIRE", "k", "100", "gt", "lt"),
			step(rNInt, "EXPIRE", "k", "abc"),
			step(rNInt, "EXPIRE", "missing", "abc"),
			step(rZero, "EXPIRE", "missing", "100"),
			step(errReply("ERR invalid expire time in 'expire' command"), "EXPIRE", "k", "9223372036854776"),
			step(errReply("ERR invalid expire time in 'expire' command"), "EXPIRE", "k", "-9223372036854776"),
			step(errReply("ERR invalid expire time in 'pexpire' command"), "PEXPIRE", "k", "9223372036854775807"),
			step(errReply("ERR invalid expire time in 'expireat' command"), "EXPIREAT", "k", "9223372036854776"),
			step(rOne, "EXPIRE", "k", "100", "nx\x00junk"),
			step(rOne, "EXPIREAT", "k", "9223372036854775"),
			step(":9223372036854775000\r\n", "PEXPIRETIME", "k"),
			step(rOne, "EXPIRE", "k", "-9223372036854775"), // deleted
			step(rZero, "EXISTS", "k"),
		},
		"NX XX GT LT": {
			step(rOK, "SET", "k", "v"),
			step(rZero, "EXPIRE", "k", "100", "GT"), // no TTL is infinite
			step(rZero, "EXPIRE", "k", "100", "XX"),
			step(rOne, "EXPIRE", "k", "100", "LT"),
			step(":100\r\n", "TTL", "k"),
			step(rOne, "EXPIRE", "k", "100", "xx"),
			step(rZero, "EXPIRE", "k", "100", "nx"),
			step(rZero, "EXPIRE", "k", "50", "gt"),
			step(rOne, "EXPIRE", "k", "200", "gt"),
			step(rZero, "EXPIRE", "k", "300", "lt"),
			step(rOne, "EXPIRE", "k", "50", "lt"),
			step(rOne, "EXPIRE", "k", "60", "XX", "GT"),
			step(":60\r\n", "TTL", "k"),
			step(rOK, "SET", "k", "v"),
			step(rZero, "EXPIRE", "k", "-5", "gt"),
			step(rOne, "EXPIRE", "k", "-5", "lt"),
			step(rZero, "EXISTS", "k"),
			step(rOK, "SET", "k", "v", "EX", "100"),
			step(rZero, "EXPIRE", "k", "-5", "gt"),
			step(rOne, "EXPIRE", "k", "-5", "lt"),
			step(rZero, "EXISTS", "k"),
		},
		"TTL PTTL EXPIRETIME PERSIST": {
			step(":-2\r\n", "TTL", "missing"),
			step(":-2\r\n", "PTTL", "missing"),
			step(":-2\r\n", "EXPIRETIME", "missing"),
			step(":-2\r\n", "PEXPIRETIME", "missing"),
			step(rOK, "SET", "p", "v"),
			step(":-1\r\n", "TTL", "p"),
			step(":-1\r\n", "PTTL", "p"),
			step(":-1\r\n", "EXPIRETIME", "p"),
			step(":-1\r\n", "PEXPIRETIME", "p"),
			step(rZero, "PERSIST", "p"),
			step(rZero, "PERSIST", "missing"),
			// EXPIRETIME rounds to the nearest second, as TTL does
			step(rOne, "PEXPIREAT", "p", "1895651606600"),
			step(":1895651607\r\n", "EXPIRETIME", "p"),
			step(rOne, "PEXPIREAT", "p", "1895651606499"),
			step(":1895651606\r\n", "EXPIRETIME", "p"),
			step(":1895651606499\r\n", "PEXPIRETIME", "p"),
			step(rOne, "PEXPIREAT", "p", "1895651606500"),
			step(":1895651607\r\n", "EXPIRETIME", "p"),
			step(rOne, "PERSIST", "p"),
			step(":-1\r\n", "TTL", "p"),
		},
	})
}

func TestKeysExpireClock(t *testing.T) {
	srv := RunT(t)
	tc := dialStringsTest(t, srv)
	tc.do("SET", "k", "v", "EX", "10")
	tc.do("SET", "p", "v")
	tc.do("PEXPIRE", "p", "1500")
	srv.FastForward(1200 * time.Millisecond)
	if got := tc.do("TTL", "p"); got != rZero { // 300ms rounds down
		t.Errorf("TTL with 300ms left: %q", got)
	}
	if got := tc.do("TTL", "k"); got != ":9\r\n" {
		t.Errorf("TTL with 8.8s left: %q", got)
	}
	srv.FastForward(10 * time.Second)
	if got := tc.do("TTL", "k"); got != ":-2\r\n" {
		t.Errorf("TTL after expiry: %q", got)
	}
	if got := tc.do("GET", "k"); got != rNil {
		t.Errorf("GET after expiry: %q", got)
	}
}

func TestKeysPropagation(t *testing.T) {
	a := newAOFTestClient(t)
	ms := func(d int64) string { return strconv.FormatInt(a.nowMs()+d, 10) }
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"set", "k", "v"}, []string{"set k v"}},
		{[]string{"expire", "k", "100"}, []string{"PEXPIREAT k " + ms(100000)}},
		{[]string{"expire", "k", "50", "gt"}, nil},
		{[]string{"expire", "k", "200", "GT"}, []string{"PEXPIREAT k " + ms(200000) + " GT"}},
		{[]string{"pexpire", "k", "300000", "lt"}, nil},
		{[]string{"expireat", "k", "99999999999", "xx"}, []string{"PEXPIREAT k 99999999999000 xx"}},
		{[]string{"pexpireat", "k", "99999999999999", "xx"}, []string{"pexpireat k 99999999999999 xx"}},
		{[]string{"persist", "k"}, []string{"persist k"}},
		{[]string{"persist", "k"}, nil},
		{[]string{"expire", "k", "-1"}, []string{"DEL k"}},
		{[]string{"mset", "a", "1", "b", "2"}, []string{"mset a 1 b 2"}},
		{[]string{"del", "a", "b", "zz"}, []string{"del a b zz"}},
		{[]string{"del", "zz"}, nil},
		{[]string{"set", "k2", "v"}, []string{"set k2 v"}},
		{[]string{"rename", "k2", "k3"}, []string{"rename k2 k3"}},
		{[]string{"rename", "k3", "k3"}, nil},
		{[]string{"renamenx", "k3", "k4"}, []string{"renamenx k3 k4"}},
		{[]string{"copy", "k4", "k5"}, []string{"copy k4 k5"}},
		{[]string{"copy", "k4", "k5"}, nil},
		{[]string{"copy", "k4", "k5", "db", "1"}, []string{"copy k4 k5 db 1"}},
		{[]string{"move", "k4", "2"}, []string{"move k4 2"}},
		{[]string{"touch", "k5"}, nil},
	} {
		_, got := a.run(tc.args...)
		if !sameForm(got, tc.want) {
			t.Errorf("%q logged %q, want %q", tc.args, got, tc.want)
		}
	}
	// RENAME and MOVE count one change, as in Redis.
	a.run("set", "r", "v")
	for _, args := range [][]string{{"rename", "r", "r2"}, {"move", "r2", "3"}} {
		before := a.srv.dirty
		a.run(args...)
		if d := a.srv.dirty - before; d != 1 {
			t.Errorf("%q moved dirty by %d", args, d)
		}
	}
	a.srv.mu.Lock()
	err := a.srv.cfg.SetRuntime([][2]string{{"lazyfree-lazy-expire", "yes"}})
	a.srv.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	a.run("set", "k", "v")
	if _, got := a.run("expire", "k", "-1"); !sameForm(got, []string{"UNLINK k"}) {
		t.Errorf("expire in the past with lazyfree-lazy-expire logged %q", got)
	}
}

func TestKeysLookupStats(t *testing.T) {
	srv := RunT(t)
	tc := dialStringsTest(t, srv)
	tc.do("SET", "a", "x")
	for _, c := range []struct {
		args         []string
		hits, misses int64
	}{
		{[]string{"TYPE", "a"}, 1, 0},
		{[]string{"TYPE", "z"}, 0, 1},
		{[]string{"TTL", "a"}, 1, 0},
		{[]string{"PEXPIRETIME", "z"}, 0, 1},
		{[]string{"OBJECT", "ENCODING", "a"}, 1, 0},
		{[]string{"OBJECT", "ENCODING", "z"}, 0, 1},
		{[]string{"EXISTS", "a", "z"}, 1, 1},
		{[]string{"MEMORY", "USAGE", "a"}, 0, 0},
		{[]string{"TOUCH", "a", "z"}, 1, 1},
		{[]string{"COPY", "a", "b"}, 1, 0},
		{[]string{"SCAN", "0", "TYPE", "string"}, 2, 0},
		{[]string{"MGET", "a", "z"}, 1, 1},
		{[]string{"SET", "a", "v", "GET"}, 1, 0},
		{[]string{"INCR", "n"}, 0, 0},
		{[]string{"RENAME", "b", "c"}, 0, 0},
		{[]string{"KEYS", "*"}, 0, 0},
	} {
		srv.mu.Lock()
		h, m := srv.stats.keyspaceHits, srv.stats.keyspaceMisses
		srv.mu.Unlock()
		tc.do(c.args...)
		srv.mu.Lock()
		dh, dm := srv.stats.keyspaceHits-h, srv.stats.keyspaceMisses-m
		srv.mu.Unlock()
		if dh != c.hits || dm != c.misses {
			t.Errorf("%q: %d hits, %d misses; want %d, %d", c.args, dh, dm, c.hits, c.misses)
		}
	}
}

func TestKeysObjectAndMemory(t *testing.T) {
	runReplyCases(t, map[string][]replyStep{
		"OBJECT": {
			step(rNil, "OBJECT", "ENCODING", "missing"),
			step(rNil, "OBJECT", "REFCOUNT", "missing"),
			step(rNil, "OBJECT", "IDLETIME", "missing"),
			step(rNil, "OBJECT", "FREQ", "missing"),
			step(rOK, "SET", "a", "1"),
			step(errReply(errFreqNotLFU), "OBJECT", "FREQ", "a"),
			step("*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+ENCODING <key>\r\n+    Return the kind of internal representation used in order to store the value\r\n+    associated with a <key>.\r\n+FREQ <key>\r\n+    Return the access frequency index of the <key>. The returned integer is\r\n+    proportional to the logarithm of the recent access frequency of the key.\r\n+IDLETIME <key>\r\n+    Return the idle time of the <key>, that is the approximated number of\r\n+    seconds elapsed since the last access to the key.\r\n+REFCOUNT <key>\r\n+    Return the number of references of the value associated with the specified\r\n+    <key>.\r\n+HELP\r\n+    Prints this help.\r\n",
				"OBJECT", "HELP"),
		},
		"OBJECT under LFU": {
			step(rOK, "CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"),
			step(rOK, "SET", "b", "hello"),
			step(errReply(errIdleTimeLFU), "OBJECT", "IDLETIME", "b"),
			step(":5\r\n", "OBJECT", "FREQ", "b"), // LFU_INIT_VAL
			step(rOK, "CONFIG", "SET", "maxmemory-policy", "noeviction"),
		},
		"MEMORY": {
			step(rNil, "MEMORY", "USAGE", "missing"),
			step(rSynt, "MEMORY", "USAGE", "missing", "SAMPLES", "-1"),
			step(rSynt, "MEMORY", "USAGE", "a", "SAMPLES"),
			step(rSynt, "MEMORY", "USAGE", "a", "foo"),
			step(rNInt, "MEMORY", "USAGE", "a", "SAMPLES", "abc"),
			step("*14\r\n+MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+DOCTOR\r\n+    Return memory problems reports.\r\n+MALLOC-STATS\r\n+    Return internal statistics report from the memory allocator.\r\n+PURGE\r\n+    Attempt to purge dirty pages for reclamation by the allocator.\r\n+STATS\r\n+    Return information about the memory usage of the server.\r\n+USAGE <key> [SAMPLES <count>]\r\n+    Return memory in bytes used by <key> and its value. Nested values are\r\n+    sampled up to <count> times (default: 5, 0 means sample all).\r\n+HELP\r\n+    Prints this help.\r\n",
				"MEMORY", "HELP"),
		},
	})

	srv := RunT(t)
	tc := dialStringsTest(t, srv)
	tc.do("SET", "k", "v")
	// The LRU clock counts whole seconds: a second may tick in between.
	if got := tc.do("OBJECT", "IDLETIME", "k"); got != rZero && got != rOne {
		t.Errorf("OBJECT IDLETIME of a new key: %q", got)
	}
	// The 80-byte entry, its dict slot (12 bytes on average), and "k" and
	// "v" sharing an 8-byte allocation.
	want := intReply(80 + 12 + 8)
	if got := tc.do("MEMORY", "USAGE", "k"); got != want {
		t.Errorf("MEMORY USAGE = %q, want %q", got, want)
	}
	if got := tc.do("MEMORY", "USAGE", "k", "samples", "0", "SAMPLES", "6"); got != want {
		t.Errorf("MEMORY USAGE with SAMPLES = %q, want %q", got, want)
	}
	srv.FastForward(30 * time.Second)
	if got := tc.do("OBJECT", "IDLETIME", "k"); got != ":30\r\n" && got != ":31\r\n" && got != ":29\r\n" {
		t.Errorf("OBJECT IDLETIME after 30s: %q", got)
	}
	tc.do("OBJECT", "ENCODING", "k") // does not touch
	tc.do("TTL", "k")
	tc.do("TYPE", "k")
	if got := tc.do("OBJECT", "IDLETIME", "k"); got == rZero {
		t.Error("OBJECT, TTL or TYPE touched the key")
	}
	tc.do("GET", "k")
	if got := tc.do("OBJECT", "IDLETIME", "k"); got != rZero && got != rOne {
		t.Errorf("OBJECT IDLETIME after GET: %q", got)
	}
}
