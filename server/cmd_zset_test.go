package server

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Every expected reply in these tests was checked against redis-server
// 7.0.15, except ZRANK's WITHSCORE, which is Redis 7.2's.

func TestParseScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1", 1, true}, {"-2.5", -2.5, true}, {"+.5e1", 5, true}, {"5.", 5, true}, {".5", 0.5, true},
		{"1.5E3", 1500, true}, {"00.5", 0.5, true}, {"7350000000000000", 7350000000000000, true},
		{"inf", math.Inf(1), true}, {"-INF", math.Inf(-1), true}, {"+Infinity", math.Inf(1), true},
		{"0x10", 16, true}, {"0X1.8", 1.5, true}, {"0x1p3", 8, true}, {"-0x.8p1", -1, true},
		{"1e-320", 1e-320, true}, {"3e-324", 5e-324, true}, {"0e-400", 0, true}, {"-0", math.Copysign(0, -1), true},
		{"1.7976931348623157e308", math.MaxFloat64, true},
		// strtod overflows to HUGE_VAL or underflows to 0 with ERANGE:
		// string2d refuses both.
		{"1e400", 0, false}, {"-1e400", 0, false}, {"1.7976931348623159e308", 0, false},
		{"1e-400", 0, false}, {"2e-324", 0, false}, {"0x1p-2000", 0, false},
		// Not the whole argument, or not a number.
		{"", 0, false}, {" 1", 0, false}, {"1 ", 0, false}, {"1\x00", 0, false}, {"1e", 0, false},
		{"1_0", 0, false}, {"0x", 0, false}, {"0x1p", 0, false}, {"infin", 0, false}, {"1,5", 0, false},
		{"nan", 0, false}, {"-nan", 0, false}, {"NaN", 0, false},
	} {
		got, ok := parseScore([]byte(tc.in))
		if ok != tc.ok || ok && (got != tc.want || math.Signbit(got) != math.Signbit(tc.want)) {
			t.Errorf("parseScore(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	if n := testing.AllocsPerRun(100, func() { parseScore([]byte("7350000000000000.5")) }); n != 0 {
		t.Errorf("parseScore allocates %v times", n)
	}
}

// TestZSetPropagation pins what each write leaves in the AOF: the
// command as sent when it changed something, nothing when it did not,
// and ZMPOP as ZPOPMIN or ZPOPMAX with the number popped, as Redis 7.0.
func TestZSetPropagation(t *testing.T) {
	a := newAOFTestClient(t)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"zadd", "k", "1", "a", "2", "b", "3", "c"}, []string{"zadd k 1 a 2 b 3 c"}},
		{[]string{"zadd", "k", "1", "a"}, nil},
		{[]string{"zadd", "k", "NX", "5", "a"}, nil},
		{[]string{"zadd", "k", "XX", "1", "nope"}, nil},
		{[]string{"zadd", "k", "INCR", "1", "a"}, []string{"zadd k INCR 1 a"}},
		{[]string{"zincrby", "k", "0", "a"}, nil},
		{[]string{"zincrby", "k", "0.5", "a"}, []string{"zincrby k 0.5 a"}},
		{[]string{"zrem", "k", "nope"}, nil},
		{[]string{"zrem", "k", "c", "nope"}, []string{"zrem k c nope"}},
		{[]string{"zadd", "k", "5", "c", "6", "d"}, []string{"zadd k 5 c 6 d"}},
		{[]string{"zpopmin", "k"}, []string{"zpopmin k"}},
		{[]string{"zpopmax", "k", "0"}, nil},
		{[]string{"zmpop", "2", "nokey", "k", "MAX", "COUNT", "10"}, []string{"ZPOPMAX k 3"}},
		{[]string{"zmpop", "1", "k", "MIN"}, nil},
		{[]string{"zadd", "k", "1", "a", "2", "b"}, []string{"zadd k 1 a 2 b"}},
		{[]string{"zmpop", "1", "k", "MIN"}, []string{"ZPOPMIN k 1"}},
		{[]string{"zremrangebyscore", "k", "10", "20"}, nil},
		{[]string{"zrangestore", "d", "k", "0", "-1"}, []string{"zrangestore d k 0 -1"}},
		{[]string{"zunionstore", "u", "1", "nokey"}, nil},
		{[]string{"zunionstore", "d", "1", "nokey"}, []string{"zunionstore d 1 nokey"}},
		{[]string{"zremrangebyrank", "k", "0", "-1"}, []string{"zremrangebyrank k 0 -1"}},
		{[]string{"zrandmember", "k"}, nil},
	} {
		_, got := a.run(tc.args...)
		if !sameForm(got, tc.want) {
			t.Errorf("%q logged %q, want %q", tc.args, got, tc.want)
		}
	}
	// A command counts once for the save rules, however many members
	// it changed.
	before := a.srv.dirty
	a.run("zadd", "x", "1", "a", "2", "b", "3", "c")
	a.run("zpopmin", "x", "3")
	if d := a.srv.dirty - before; d != 2 {
		t.Errorf("ZADD of 3 members and ZPOPMIN of 3 moved dirty by %d, want 2", d)
	}
}

// TestZSetEncodings pins OBJECT ENCODING through the limits, the
// conversions and the STORE commands' fresh choice.
func TestZSetEncodings(t *testing.T) {
	a := newAOFTestClient(t)
	enc := func(key string) string {
		r, _ := a.run("object", "encoding", key)
		return r
	}
	lp, sl := bulk("listpack"), bulk("skiplist")
	args := []string{"zadd", "k"}
	for i := range 128 {
		args = append(args, "1", "m"+strconv.Itoa(i)+strings.Repeat("x", 60))
	}
	if r, _ := a.run(args...); r != intReply(128) {
		t.Fatalf("ZADD of 128: %q", r)
	}
	if got := enc("k"); got != lp {
		t.Errorf("128 members: %q", got)
	}
	a.run("zadd", "k", "2", "one-more")
	if got := enc("k"); got != sl {
		t.Errorf("129 members: %q", got)
	}
	a.run("zremrangebyrank", "k", "1", "-1")
	if got := enc("k"); got != sl {
		t.Errorf("shrunk to 1 member, the set went back to %q", got)
	}
	a.run("zunionstore", "u", "1", "k")
	if got := enc("u"); got != lp {
		t.Errorf("ZUNIONSTORE of 1 member: %q", got)
	}
	a.run("zadd", "v", "1", strings.Repeat("v", 64))
	if got := enc("v"); got != lp {
		t.Errorf("64-byte member: %q", got)
	}
	a.run("zadd", "v", "XX", "1", strings.Repeat("v", 65))
	if got := enc("v"); got != lp {
		t.Errorf("a long member not added converted the set: %q", got)
	}
	a.run("zadd", "v", "1", strings.Repeat("v", 65))
	if got := enc("v"); got != sl {
		t.Errorf("65-byte member: %q", got)
	}
	a.run("zadd", "w", "1", strings.Repeat("w", 65), "2", "short")
	if got := enc("w"); got != sl {
		t.Errorf("new key with a long first member: %q", got)
	}
	a.run("zrangestore", "r", "w", "1", "1")
	if got := enc("r"); got != lp {
		t.Errorf("ZRANGESTORE of the short member: %q", got)
	}
	if err := a.srv.cfg.SetRuntime([][2]string{{"zset-max-listpack-entries", "0"}}); err != nil {
		t.Fatal(err)
	}
	a.run("zadd", "z", "1", "a")
	if got := enc("z"); got != sl {
		t.Errorf("zset-max-listpack-entries 0: %q", got)
	}
	if r, _ := a.run("type", "z"); r != "+zset\r\n" {
		t.Errorf("TYPE: %q", r)
	}
}

// TestZSetNegativeZero checks that a listpack keeps no sign of zero, as
// it keeps scores as text, while a skiplist does; and that the reply of
// an increment still shows the -0 it computed.
func TestZSetNegativeZero(t *testing.T) {
	a := newAOFTestClient(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"zincrby", "lp", "-0", "m"}, bulk("-0")},
		{[]string{"zscore", "lp", "m"}, bulk("0")},
		{[]string{"zadd", "sl", "-0", strings.Repeat("x", 65)}, rOne},
		{[]string{"zadd", "sl", "-0", "m"}, rOne},
		{[]string{"zscore", "sl", "m"}, bulk("-0")},
		{[]string{"zadd", "sl", "0", "m"}, rZero},
		{[]string{"zscore", "sl", "m"}, bulk("-0")},
		{[]string{"zunionstore", "u", "1", "sl", "WEIGHTS", "1"}, intReply(2)},
		{[]string{"object", "encoding", "u"}, bulk("skiplist")},
		{[]string{"zrangestore", "u2", "sl", "0", "0"}, rOne},
		{[]string{"zscore", "u2", "m"}, bulk("0")},
	} {
		if got, _ := a.run(tc.args...); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestZSetEmptiedKeys checks that every way of emptying a sorted set
// removes the key.
func TestZSetEmptiedKeys(t *testing.T) {
	a := newAOFTestClient(t)
	for _, empty := range [][]string{
		{"zrem", "k", "a", "b"},
		{"zpopmin", "k", "5"},
		{"zpopmax", "k", "2"},
		{"zmpop", "1", "k", "MIN", "COUNT", "2"},
		{"zremrangebyrank", "k", "0", "-1"},
		{"zremrangebyscore", "k", "-inf", "+inf"},
		{"zremrangebylex", "k", "-", "+"},
		{"zdiffstore", "k", "2", "k", "k"},
		{"zinterstore", "k", "2", "k", "nokey"},
		{"zrangestore", "k", "k", "5", "10"},
	} {
		a.run("zadd", "k", "0", "a", "0", "b")
		a.run(empty...)
		if r, _ := a.run("exists", "k"); r != rZero {
			t.Errorf("%q left the key", empty)
		}
		if e := a.srv.dbs[0].keys.Find([]byte("k")); e != nil {
			t.Errorf("%q left an entry", empty)
		}
	}
}

// TestZSetWrongType checks the WRONGTYPE paths against a value of a type
// sorted sets do not know, as a future set or list would be.
func TestZSetWrongType(t *testing.T) {
	srv := RunT(t)
	tc := dialStringsTest(t, srv)
	putNonString(srv, 0, "wt")
	for _, args := range [][]string{
		{"ZADD", "wt", "1", "a"}, {"ZINCRBY", "wt", "1", "a"}, {"ZCARD", "wt"}, {"ZSCORE", "wt", "a"},
		{"ZMSCORE", "wt", "a"}, {"ZRANK", "wt", "a"}, {"ZRANGE", "wt", "0", "1"}, {"ZREM", "wt", "a"},
		{"ZPOPMIN", "wt"}, {"ZMPOP", "1", "wt", "MIN"}, {"ZRANDMEMBER", "wt"}, {"ZSCAN", "wt", "0"},
		{"ZUNION", "1", "wt"}, {"ZINTERCARD", "1", "wt"}, {"ZRANGESTORE", "d", "wt", "0", "1"},
		{"ZCOUNT", "wt", "0", "1"}, {"ZREMRANGEBYLEX", "wt", "-", "+"},
	} {
		if got := tc.do(args...); got != rWT {
			t.Errorf("%q: %q", args, got)
		}
	}
	// A STORE overwrites whatever the destination holds.
	tc.do("ZADD", "src", "1", "a")
	if got := tc.do("ZUNIONSTORE", "wt", "1", "src"); got != rOne {
		t.Errorf("ZUNIONSTORE onto another type: %q", got)
	}
	if got := tc.do("TYPE", "wt"); got != "+zset\r\n" {
		t.Errorf("TYPE after ZUNIONSTORE: %q", got)
	}
}

// TestZRankWithScore covers Redis 7.2's WITHSCORE, which 7.0.15 refuses
// with an arity error.
func TestZRankWithScore(t *testing.T) {
	runReplyCases(t, map[string][]replyStep{
		"resp2": {
			step(intReply(3), "ZADD", "k", "1", "a", "2", "b", "2.5", "c"),
			step("*2\r\n:1\r\n$1\r\n2\r\n", "ZRANK", "k", "b", "WITHSCORE"),
			step("*2\r\n:0\r\n$3\r\n2.5\r\n", "ZREVRANK", "k", "c", "withscore"),
			step("*-1\r\n", "ZRANK", "k", "nope", "WITHSCORE"),
			step("*-1\r\n", "ZRANK", "nokey", "a", "WITHSCORE"),
			step(rNil, "ZRANK", "k", "nope"),
			step(rSynt, "ZRANK", "k", "b", "WITHSCORES"),
			step(errReply("ERR wrong number of arguments for 'zrevrank' command"), "ZREVRANK", "k", "b", "WITHSCORE", "x"),
		},
	})
}

// TestZSetBullMQScores checks the delayed-job scores BullMQ stores: a
// timestamp times 4096, which must come back as an integer string.
func TestZSetBullMQScores(t *testing.T) {
	a := newAOFTestClient(t)
	a.run("zadd", "delayed", "7350000000000000", "j1", "7350000000004096", "j2", "7350000000004097", "j3")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"zscore", "delayed", "j1"}, bulk("7350000000000000")},
		{[]string{"zrangebyscore", "delayed", "0", "7350000000004096", "LIMIT", "0", "1", "WITHSCORES"}, "*2\r\n" + bulk("j1") + bulk("7350000000000000")},
		{[]string{"zincrby", "delayed", "4096", "j1"}, bulk("7350000000004096")},
		{[]string{"zrevrangebyscore", "delayed", "+inf", "-inf", "LIMIT", "0", "1", "WITHSCORES"}, "*2\r\n" + bulk("j3") + bulk("7350000000004097")},
	} {
		if got, _ := a.run(tc.args...); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestZSetSourceOfOtherTypes keeps ZUNION's inputs open to more types:
// only sorted sets are sources today.
func TestZSetSourceOfOtherTypes(t *testing.T) {
	e := &datastruct.Entry{Obj: datastruct.NewZSet()}
	if _, ok := zsetSourceOf(e); !ok {
		t.Error("a sorted set is not a source")
	}
	if _, ok := zsetSourceOf(&datastruct.Entry{Str: []byte("x")}); ok {
		t.Error("a string is a source")
	}
}

// TestZSetHotPathAllocs checks that ZADD and ZINCRBY allocate nothing
// when they update an existing member.
func TestZSetHotPathAllocs(t *testing.T) {
	a := newAOFTestClient(t)
	s, c := a.srv, a.c
	// (A set of one member would not do: the B-tree drops its root when
	// the update deletes the only item, and allocates a new one.)
	a.run("zadd", "k", "0", "a", "1", "m", "9", "z")
	zadd := [][]byte{[]byte("ZADD"), []byte("k"), []byte("2.5"), []byte("m")}
	zadd2 := [][]byte{[]byte("ZADD"), []byte("k"), []byte("3.5"), []byte("m")}
	zincr := [][]byte{[]byte("ZINCRBY"), []byte("k"), []byte("1.5"), []byte("m")}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, argv := range [][][]byte{zadd, zincr} {
		cmd, _ := s.table.lookup(argv)
		i := 0
		n := testing.AllocsPerRun(200, func() {
			c.reply.buf = c.reply.buf[:0]
			if i++; i%2 == 0 && argv[0][1] == 'A' {
				cmd.Proc(c, zadd2)
			} else {
				cmd.Proc(c, argv)
			}
		})
		if n != 0 {
			t.Errorf("%s allocates %v times", argv[0], n)
		}
	}
}

// BenchmarkZSetHotPath measures ZADD of new members into a big set and
// updates of existing ones, and ZINCRBY.
func BenchmarkZSetHotPath(b *testing.B) {
	a := newAOFTestClient(b)
	s, c := a.srv, a.c
	members := make([][]byte, 1<<16)
	for i := range members {
		members[i] = []byte("member:" + strings.Repeat("x", i%8) + string(rune('a'+i%26)) + strconv.Itoa(i))
	}
	score := []byte("7350000000004096")
	for _, bc := range []struct {
		name string
		cmd  string
		arg  []byte
	}{{"zadd", "ZADD", score}, {"zincrby", "ZINCRBY", []byte("1.5")}} {
		argv := [][]byte{[]byte(bc.cmd), []byte("bench:" + bc.name), bc.arg, nil}
		cmd, _ := s.table.lookup(argv)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			s.mu.Lock()
			defer s.mu.Unlock()
			for i := range b.N {
				argv[3] = members[i&(len(members)-1)]
				c.reply.buf = c.reply.buf[:0]
				cmd.Proc(c, argv)
			}
		})
	}
}
