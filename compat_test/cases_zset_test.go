package compat_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Sorted set cases: every command, its options and its errors, RESP2 and
// RESP3, side by side with redis-server 7.0.15.

const (
	errZNaN        = "ERR resulting score is not a number (NaN)"
	errZXXNX       = "ERR XX and NX options at the same time are not compatible"
	errZGTLTNX     = "ERR GT, LT, and/or NX options at the same time are not compatible"
	errZIncrPair   = "ERR INCR option supports a single increment-element pair"
	errZNotFloat   = "ERR min or max is not a float"
	errZNotLex     = "ERR min or max not valid string range item"
	errZWeight     = "ERR weight value is not a float"
	errZPositive   = "ERR value is out of range, must be positive"
	errZLimitNeg   = "ERR LIMIT can't be negative"
	errZLimitRank  = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"
	errZWithLex    = "ERR syntax error, WITHSCORES not supported in combination with BYLEX"
	errZNumkeys    = "ERR numkeys should be greater than 0"
	errZCount      = "ERR count should be greater than 0"
	errZInvCursor  = "ERR invalid cursor"
	errZOutOfRange = "ERR value is out of range"

	// divZRankWithScore explains the one deliberate divergence here.
	divZRankWithScore = "ZRANK and ZREVRANK take Redis 7.2's WITHSCORE option, which 7.0 refuses (arity 3)"
)

func errZNoKeys(cmd string) string {
	return "ERR at least 1 input key is needed for '" + cmd + "' command"
}

// zaddN adds n members prefix0..prefix<n-1> with scores 0..n-1 to key.
func zaddN(key, prefix string, n int) Step {
	args := []string{"ZADD", key}
	for i := 0; i < n; i++ {
		args = append(args, fmt.Sprint(i), fmt.Sprintf("%s%d", prefix, i))
	}
	return C(args...)
}

// zABC is a small set with distinct scores and a tie: a=1 b=2 c=3 d=3 e=5.
func zABC(key string) Step { return C("ZADD", key, "1", "a", "2", "b", "3", "c", "3", "d", "5", "e") }

// zLex is a set whose members all score 0, for the BYLEX cases.
func zLex(key string) Step {
	return C("ZADD", key, "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "f", "0", "g", "0", "aa", "0", "")
}

var zLong65 = strings.Repeat("x", 65)
var zLong64 = strings.Repeat("y", 64)

// zCheckDistinct checks an array of n distinct members (RESP2 WITHSCORES:
// pairs=true, n pairs).
func zCheckDistinct(n int, pairs bool) func(v *Value) error {
	return func(v *Value) error {
		if v.Type != '*' {
			return fmt.Errorf("want an array, got %s", v)
		}
		step := 1
		if pairs {
			step = 2
		}
		if len(v.Elems) != n*step {
			return fmt.Errorf("want %d elements, got %d", n*step, len(v.Elems))
		}
		seen := map[string]bool{}
		for i := 0; i < len(v.Elems); i += step {
			m := v.Elems[i].Str
			if v.Elems[i].Type == '*' { // RESP3 pair
				m = v.Elems[i].Elems[0].Str
			}
			if seen[m] {
				return fmt.Errorf("member %q twice", m)
			}
			seen[m] = true
		}
		return nil
	}
}

// zCheckLen checks an array of n elements.
func zCheckLen(n int) func(v *Value) error {
	return func(v *Value) error {
		if v.Type != '*' || len(v.Elems) != n {
			return fmt.Errorf("want an array of %d, got %s", n, v)
		}
		return nil
	}
}

// zArityAsDeclared accepts a COMMAND INFO reply that is Redis's except
// for the arity of ZRANK and ZREVRANK, -3 instead of 3.
func zArityAsDeclared(ref, got *Value) error {
	if ref == nil {
		return nil
	}
	want := strings.ReplaceAll(string(ref.Raw), "$5\r\nzrank\r\n:3\r\n", "$5\r\nzrank\r\n:-3\r\n")
	want = strings.ReplaceAll(want, "$8\r\nzrevrank\r\n:3\r\n", "$8\r\nzrevrank\r\n:-3\r\n")
	if string(got.Raw) != want {
		return errors.New("COMMAND INFO differs from Redis's beyond the arity of ZRANK/ZREVRANK")
	}
	return nil
}

var zsetCases = []Case{
	// ZADD
	cs("ZADD adds and updates",
		C("ZADD", "k", "1", "a", "2", "b").Want(":2\r\n"), C("ZADD", "k", "3", "a").Want(":0\r\n"),
		C("ZADD", "k", "3", "a", "4", "c").Want(":1\r\n"),
		C("ZRANGE", "k", "0", "-1", "WITHSCORES"), C("ZCARD", "k").Want(":3\r\n"),
		C("TYPE", "k").Want("+zset\r\n"), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n")),
	cs("ZADD same member twice in one call",
		C("ZADD", "k", "1", "a", "2", "a").Want(":1\r\n"), C("ZSCORE", "k", "a"),
		C("ZADD", "k", "CH", "3", "a", "3", "a").Want(":1\r\n"), C("ZADD", "k", "CH", "3", "a", "4", "a", "3", "a")),
	cs("ZADD NX and XX",
		C("ZADD", "k", "XX", "1", "a").Want(":0\r\n"), C("EXISTS", "k").Want(":0\r\n"),
		C("ZADD", "k", "NX", "1", "a").Want(":1\r\n"), C("ZADD", "k", "NX", "5", "a", "2", "b").Want(":1\r\n"),
		C("ZADD", "k", "XX", "9", "a", "9", "c").Want(":0\r\n"), C("ZRANGE", "k", "0", "-1", "WITHSCORES")),
	cs("ZADD CH counts changes",
		C("ZADD", "k", "1", "a", "2", "b"), C("ZADD", "k", "CH", "1", "a", "3", "b", "4", "c").Want(":2\r\n"),
		C("ZADD", "k", "XX", "CH", "5", "a", "5", "z").Want(":1\r\n"), C("ZADD", "k", "CH", "NX", "5", "a").Want(":0\r\n")),
	cs("ZADD GT and LT",
		C("ZADD", "k", "5", "a", "5", "b"),
		C("ZADD", "k", "GT", "CH", "6", "a", "4", "b", "1", "c").Want(":2\r\n"),
		C("ZADD", "k", "LT", "CH", "7", "a", "3", "b", "0", "d").Want(":2\r\n"),
		C("ZADD", "k", "XX", "GT", "CH", "10", "a", "10", "z").Want(":1\r\n"),
		C("ZADD", "k", "XX", "LT", "1", "b"), C("ZADD", "k", "GT", "5", "a"),
		C("ZRANGE", "k", "0", "-1", "WITHSCORES")),
	cs("ZADD INCR",
		C("ZADD", "k", "INCR", "5", "a").Want("$1\r\n5\r\n"), C("ZADD", "k", "INCR", "1.5", "a").Want("$3\r\n6.5\r\n"),
		C("ZADD", "k", "INCR", "0", "a"), C("ZADD", "k", "XX", "INCR", "1", "nope").Want("$-1\r\n"),
		C("ZADD", "k", "NX", "INCR", "1", "a").Want("$-1\r\n"), C("ZADD", "k", "NX", "INCR", "1", "b").Want("$1\r\n1\r\n"),
		C("ZADD", "k", "GT", "INCR", "-1", "a").Want("$-1\r\n"), C("ZADD", "k", "GT", "INCR", "0", "a").Want("$-1\r\n"),
		C("ZADD", "k", "LT", "INCR", "-1", "a"), C("ZADD", "k", "CH", "INCR", "1", "a"),
		C("ZADD", "nokey", "XX", "INCR", "1", "a").Want("$-1\r\n"), C("EXISTS", "nokey").Want(":0\r\n"),
		C("ZRANGE", "k", "0", "-1", "WITHSCORES")),
	cs("ZADD INCR under RESP3", hello("3"),
		C("ZADD", "k", "INCR", "5", "a").Want(",5\r\n"), C("ZADD", "k", "XX", "INCR", "1", "b").Want("_\r\n"),
		C("ZADD", "k", "1", "b").Want(":1\r\n")),
	cs("ZADD incompatible options",
		C("ZADD", "k", "NX", "XX", "1", "a").WantErr(errZXXNX),
		C("ZADD", "k", "GT", "LT", "1", "a").WantErr(errZGTLTNX),
		C("ZADD", "k", "NX", "GT", "1", "a").WantErr(errZGTLTNX),
		C("ZADD", "k", "LT", "NX", "1", "a").WantErr(errZGTLTNX),
		C("ZADD", "k", "NX", "XX", "GT", "LT", "1", "a").WantErr(errZXXNX),
		C("ZADD", "k", "INCR", "1", "a", "2", "b").WantErr(errZIncrPair),
		C("ZADD", "k", "INCR", "NX", "XX", "1", "a", "2", "b").WantErr(errZXXNX),
		C("ZADD", "k", "NX", "XX", "1", "a", "2").WantErr(errSyntax),
		C("EXISTS", "k").Want(":0\r\n")),
	cs("ZADD syntax and arity errors",
		C("ZADD", "k", "1").WantErr(arity("zadd")), C("ZADD", "k").WantErr(arity("zadd")),
		C("ZADD", "k", "1", "a", "2").WantErr(errSyntax), C("ZADD", "k", "NX", "1").WantErr(errSyntax),
		C("ZADD", "k", "CH", "CH").WantErr(errSyntax), C("ZADD", "k", "FOO", "1", "a").WantErr(errSyntax), C("ZADD", "k", "FOO", "a").WantErr(errNotFloat),
		C("ZADD", "k", "1", "a", "foo", "b").WantErr(errNotFloat), C("EXISTS", "k").Want(":0\r\n")),
	cs("ZADD options are case-insensitive and repeatable",
		C("ZADD", "k", "nx", "Ch", "1", "a").Want(":1\r\n"), C("ZADD", "k", "xX", "xx", "iNcR", "2", "a"),
		C("ZADD", "k", "gt", "GT", "ch", "9", "a"), C("ZADD", "k", "lt", "0", "a"), C("ZSCORE", "k", "a")),
	cs("ZADD members that look like options",
		C("ZADD", "k", "1", "nx", "2", "xx", "3", "incr").Want(":3\r\n"), C("ZADD", "k", "NX", "4", "ch"),
		C("ZADD", "k", "1", ""), C("ZADD", "k", "1", "a\x00b\r\n"), C("ZRANGE", "k", "0", "-1", "WITHSCORES")),
	cs("ZADD score syntax",
		C("ZADD", "k", "inf", "a", "-INF", "b", "+inf", "c", "infinity", "d", "-Infinity", "e").Want(":5\r\n"),
		C("ZADD", "k", "0x10", "f", "0x1p3", "g", "0x1.8", "h", "0X.8p1", "i", ".5", "j", "5.", "l", "+.5e1", "m", "1.5E3", "n").Want(":8\r\n"),
		C("ZADD", "k", "1e-320", "o", "0e-400", "p", "1e+2", "q", "-0", "r", "00.5", "s", "3e-324", "t").Want(":6\r\n"),
		C("ZRANGE", "k", "0", "-1", "WITHSCORES")),
	cs("ZADD invalid scores",
		C("ZADD", "k", "nan", "a").WantErr(errNotFloat), C("ZADD", "k", "-nan", "a").WantErr(errNotFloat),
		C("ZADD", "k", " 1", "a").WantErr(errNotFloat), C("ZADD", "k", "1 ", "a").WantErr(errNotFloat),
		C("ZADD", "k", "", "a").WantErr(errNotFloat), C("ZADD", "k", "1_0", "a").WantErr(errNotFloat),
		C("ZADD", "k", "1e", "a").WantErr(errNotFloat), C("ZADD", "k", "1e400", "a").WantErr(errNotFloat),
		C("ZADD", "k", "-1e400", "a").WantErr(errNotFloat), C("ZADD", "k", "1e-400", "a").WantErr(errNotFloat),
		C("ZADD", "k", "2e-324", "a").WantErr(errNotFloat), C("ZADD", "k", "1.7976931348623159e308", "a").WantErr(errNotFloat),
		C("ZADD", "k", "0x1p-2000", "a").WantErr(errNotFloat), C("ZADD", "k", "0x", "a").WantErr(errNotFloat),
		C("ZADD", "k", "infin", "a").WantErr(errNotFloat), C("ZADD", "k", "1\x00", "a").WantErr(errNotFloat),
		C("ZADD", "k", "1,5", "a").WantErr(errNotFloat), C("ZADD", "k", "0x1p", "a").WantErr(errNotFloat),
		C("EXISTS", "k").Want(":0\r\n")),
	cs("ZADD and ZINCRBY resulting NaN",
		C("ZADD", "k", "inf", "a"), C("ZADD", "k", "INCR", "-inf", "a").WantErr(errZNaN),
		C("ZINCRBY", "k", "-inf", "a").WantErr(errZNaN), C("ZINCRBY", "k", "inf", "a").Want("$3\r\ninf\r\n"),
		C("ZSCORE", "k", "a").Want("$3\r\ninf\r\n"), C("ZADD", "k", "1e308", "b"), C("ZINCRBY", "k", "1e308", "b"),
		C("ZINCRBY", "k", "-inf", "b").WantErr(errZNaN)),
	cs("ZADD scores print as Redis 7.0 prints doubles",
		C("ZADD", "k", "7350000000000000", "job1", "7350000000004096", "job2", "0.1", "a", "1e21", "b",
			"123456789012345678", "c", "0.3333333333333333", "d", "-2.5", "e", "1e-5", "f", "4503599627370496", "g"),
		C("ZRANGE", "k", "0", "-1", "WITHSCORES"), C("ZSCORE", "k", "job1").Want("$16\r\n7350000000000000\r\n"),
		C("ZINCRBY", "k", "0.2", "a"), C("ZINCRBY", "k", "4096", "job1").Want("$16\r\n7350000000004096\r\n"),
		C("ZRANGEBYSCORE", "k", "-inf", "7350000000004096", "WITHSCORES", "LIMIT", "0", "3")),
	cs("ZADD negative zero in a listpack and in a skiplist",
		C("ZADD", "k", "-0", "m"), C("ZSCORE", "k", "m"), C("ZINCRBY", "k", "-0", "m"),
		C("ZINCRBY", "n", "-0", "m"), C("ZSCORE", "n", "m"), C("ZADD", "n", "INCR", "-0", "x"), C("ZSCORE", "n", "x"),
		C("ZADD", "s", "-0", zLong65), C("OBJECT", "ENCODING", "s"), C("ZSCORE", "s", zLong65),
		C("ZADD", "s", "0", zLong65).Want(":0\r\n"), C("ZSCORE", "s", zLong65), C("ZADD", "s", "-0", "b"),
		C("ZRANGE", "s", "0", "-1", "WITHSCORES"), ScanAll("ZSCAN", "s", "{{cursor}}")),
	withConf("ZADD negative zero with zset-max-listpack-entries 0", [][]string{{"zset-max-listpack-entries", "0"}},
		C("ZADD", "k", "-0", "m"), C("ZSCORE", "k", "m").Want("$2\r\n-0\r\n"), C("OBJECT", "ENCODING", "k"),
		C("ZINCRBY", "k", "-0", "m"), C("ZINCRBY", "k", "0", "m"), C("ZSCORE", "k", "m"),
		C("ZUNIONSTORE", "d", "1", "k"), C("OBJECT", "ENCODING", "d"), C("ZSCORE", "d", "m"), hello("3"), C("ZSCORE", "k", "m")),
	cs("ZADD on a wrong type", C("SET", "s", "v"), C("ZADD", "s", "1", "a").WantErr(errWrongType),
		C("ZADD", "s", "XX", "1", "a").WantErr(errWrongType), C("ZINCRBY", "s", "1", "a").WantErr(errWrongType),
		C("GET", "s").Want("$1\r\nv\r\n")),
	cs("string commands on a sorted set", C("ZADD", "z", "1", "a"), C("GET", "z").WantErr(errWrongType),
		C("APPEND", "z", "x").WantErr(errWrongType), C("INCR", "z").WantErr(errWrongType), C("SET", "z", "v"), C("TYPE", "z")),
	cs("ZADD keeps the TTL", C("ZADD", "k", "1", "a"), C("EXPIRE", "k", "100"), C("ZADD", "k", "2", "b"), C("TTL", "k").Approx(1)),
	cs("ZADD to an expired key starts a new set",
		C("ZADD", "k", "1", "a"), C("PEXPIRE", "k", "5"), Sleep(50), C("ZCARD", "k").Want(":0\r\n"),
		C("ZADD", "k", "XX", "1", "a").Want(":0\r\n"), C("ZADD", "k", "2", "b").Want(":1\r\n"), C("ZRANGE", "k", "0", "-1"), C("TTL", "k").Want(":-1\r\n")),

	// ZINCRBY
	cs("ZINCRBY",
		C("ZINCRBY", "k", "1", "a").Want("$1\r\n1\r\n"), C("ZINCRBY", "k", "0.1", "a"), C("ZINCRBY", "k", "0.2", "a"),
		C("ZINCRBY", "k", "-5", "b"), C("ZINCRBY", "k", "0x10", "b"), C("ZRANGE", "k", "0", "-1", "WITHSCORES")),
	cs("ZINCRBY errors",
		C("ZINCRBY", "k", "x", "a").WantErr(errNotFloat), C("ZINCRBY", "k", "1").WantErr(arity("zincrby")),
		C("ZINCRBY", "k", "1", "a", "b").WantErr(arity("zincrby")),
		C("ZINCRBY", "k", "nx", "1").WantErr(errSyntax), C("ZINCRBY", "k", "incr", "a").WantErr(errSyntax),
		C("ZINCRBY", "k", "1", "nx").Want("$1\r\n1\r\n"), C("ZINCRBY", "k", "inf", "ch")),
	cs("ZINCRBY under RESP3", hello("3"), C("ZINCRBY", "k", "2.5", "a").Want(",2.5\r\n"), C("ZINCRBY", "k", "inf", "a").Want(",inf\r\n"),
		C("ZINCRBY", "k", "-1e308", "b")),

	// ZCARD / ZSCORE / ZMSCORE
	cs("ZCARD", C("ZCARD", "nokey").Want(":0\r\n"), zABC("k"), C("ZCARD", "k").Want(":5\r\n"),
		C("SET", "s", "v"), C("ZCARD", "s").WantErr(errWrongType), C("ZCARD").WantErr(arity("zcard")), C("ZCARD", "a", "b").WantErr(arity("zcard"))),
	cs("ZSCORE", zABC("k"), C("ZSCORE", "k", "c").Want("$1\r\n3\r\n"), C("ZSCORE", "k", "nope").Want("$-1\r\n"),
		C("ZSCORE", "nokey", "a").Want("$-1\r\n"), C("SET", "s", "v"), C("ZSCORE", "s", "a").WantErr(errWrongType),
		C("ZSCORE", "k").WantErr(arity("zscore"))),
	cs("ZSCORE under RESP3", hello("3"), C("ZADD", "k", "1.5", "a", "-inf", "b"), C("ZSCORE", "k", "a").Want(",1.5\r\n"),
		C("ZSCORE", "k", "b").Want(",-inf\r\n"), C("ZSCORE", "k", "x").Want("_\r\n"), C("ZSCORE", "nokey", "x").Want("_\r\n")),
	cs("ZMSCORE", zABC("k"), C("ZMSCORE", "k", "a", "nope", "e", "a"), C("ZMSCORE", "nokey", "a", "b").Want("*2\r\n$-1\r\n$-1\r\n"),
		C("SET", "s", "v"), C("ZMSCORE", "s", "a").WantErr(errWrongType), C("ZMSCORE", "k").WantErr(arity("zmscore"))),
	cs("ZMSCORE under RESP3", hello("3"), zABC("k"), C("ZMSCORE", "k", "a", "nope"), C("ZMSCORE", "nokey", "a")),

	// ZRANK / ZREVRANK
	cs("ZRANK and ZREVRANK", zABC("k"),
		C("ZRANK", "k", "a").Want(":0\r\n"), C("ZRANK", "k", "d").Want(":3\r\n"), C("ZRANK", "k", "c").Want(":2\r\n"),
		C("ZREVRANK", "k", "a").Want(":4\r\n"), C("ZREVRANK", "k", "c").Want(":2\r\n"), C("ZREVRANK", "k", "e").Want(":0\r\n"),
		C("ZRANK", "k", "nope").Want("$-1\r\n"), C("ZREVRANK", "nokey", "a").Want("$-1\r\n"),
		C("SET", "s", "v"), C("ZRANK", "s", "a").WantErr(errWrongType), C("ZREVRANK", "s", "a").WantErr(errWrongType),
		C("ZRANK", "k").WantErr(arity("zrank")), C("ZREVRANK", "k").WantErr(arity("zrevrank")),
		C("ZRANK", "k", "a", "WITHSCORE", "x").WantErr(arity("zrank")),
		C("ZREVRANK", "k", "a", "WITHSCORE", "x").WantErr(arity("zrevrank"))),
	cs("ZRANK under RESP3", hello("3"), zABC("k"), C("ZRANK", "k", "b"), C("ZRANK", "k", "x").Want("_\r\n"), C("ZREVRANK", "nokey", "x").Want("_\r\n")),
	cs("ZRANK in a skiplist", zaddN("k", "m", 300), C("ZRANK", "k", "m0"), C("ZRANK", "k", "m299"), C("ZREVRANK", "k", "m10"), C("ZRANK", "k", "m150")),
	cs("ZRANK and ZREVRANK WITHSCORE (Redis 7.2)", zABC("k"),
		C("ZRANK", "k", "b", "WITHSCORE").WantErr(arity("zrank")).Diverges(divZRankWithScore, "*2\r\n:1\r\n$1\r\n2\r\n"),
		C("ZREVRANK", "k", "b", "withscore").WantErr(arity("zrevrank")).Diverges(divZRankWithScore, "*2\r\n:3\r\n$1\r\n2\r\n"),
		C("ZRANK", "k", "nope", "WITHSCORE").Diverges(divZRankWithScore, "*-1\r\n"),
		C("ZRANK", "nokey", "a", "WITHSCORE").Diverges(divZRankWithScore, "*-1\r\n"),
		C("ZRANK", "k", "b", "WITHSCORES").Diverges(divZRankWithScore, "-"+errSyntax+"\r\n"),
		hello("3"),
		C("ZRANK", "k", "e", "WITHSCORE").Diverges(divZRankWithScore, "*2\r\n:4\r\n,5\r\n"),
		C("ZREVRANK", "k", "nope", "WITHSCORE").Diverges(divZRankWithScore, "_\r\n")),

	// ZRANGE by rank
	cs("ZRANGE by rank", zABC("k"),
		C("ZRANGE", "k", "0", "-1"), C("ZRANGE", "k", "1", "2"), C("ZRANGE", "k", "-2", "-1"), C("ZRANGE", "k", "-100", "100"),
		C("ZRANGE", "k", "3", "1").Want("*0\r\n"), C("ZRANGE", "k", "5", "10").Want("*0\r\n"), C("ZRANGE", "k", "0", "-6").Want("*0\r\n"),
		C("ZRANGE", "k", "0", "0", "WITHSCORES"), C("ZRANGE", "k", "0", "-1", "withscores"),
		C("ZRANGE", "k", "0", "1", "REV"), C("ZRANGE", "k", "0", "-1", "REV", "WITHSCORES"),
		C("ZRANGE", "k", "0", "-1", "LIMIT", "0", "-1"), C("ZRANGE", "nokey", "0", "-1").Want("*0\r\n")),
	cs("ZRANGE by rank under RESP3", hello("3"), zABC("k"), C("ZRANGE", "k", "0", "-1", "WITHSCORES"), C("ZRANGE", "k", "0", "1"),
		C("ZRANGE", "nokey", "0", "-1", "WITHSCORES").Want("*0\r\n"), C("ZREVRANGE", "k", "0", "1", "WITHSCORES")),
	cs("ZRANGE in a skiplist", zaddN("k", "m", 200), C("ZRANGE", "k", "0", "4", "WITHSCORES"), C("ZRANGE", "k", "-3", "-1"),
		C("ZRANGE", "k", "100", "102", "REV"), C("ZRANGE", "k", "(10", "20", "BYSCORE", "LIMIT", "2", "3"),
		C("ZRANGE", "k", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "0", "2", "WITHSCORES"), C("ZCOUNT", "k", "10", "(20"),
		C("ZREVRANGEBYSCORE", "k", "50", "-inf", "LIMIT", "190", "5")),
	cs("ZRANGE BYSCORE", zABC("k"),
		C("ZRANGE", "k", "2", "3", "BYSCORE"), C("ZRANGE", "k", "(2", "3", "BYSCORE"), C("ZRANGE", "k", "2", "(3", "BYSCORE"),
		C("ZRANGE", "k", "-inf", "+inf", "BYSCORE", "WITHSCORES"), C("ZRANGE", "k", "5", "1", "BYSCORE").Want("*0\r\n"),
		C("ZRANGE", "k", "5", "1", "BYSCORE", "REV"), C("ZRANGE", "k", "(5", "(1", "BYSCORE", "REV", "WITHSCORES"),
		C("ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "2"), C("ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "-1"),
		C("ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "2").Want("*0\r\n"), C("ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "5", "2").Want("*0\r\n"),
		C("ZRANGE", "k", "-inf", "+inf", "BYSCORE", "LIMIT", "0", "0").Want("*0\r\n"), C("ZRANGE", "k", "-inf", "+inf", "BYSCORE", "REV", "LIMIT", "1", "3", "WITHSCORES"),
		C("ZRANGE", "k", "3", "3", "BYSCORE", "REV"), C("ZRANGE", "k", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "4", "10")),
	cs("ZRANGE BYSCORE bound syntax", zABC("k"),
		C("ZRANGE", "k", "(", "3", "BYSCORE"), C("ZRANGE", "k", "", "3", "BYSCORE"), C("ZRANGE", "k", " 1", "3", "BYSCORE"),
		C("ZRANGE", "k", "1e-400", "1e400", "BYSCORE"), C("ZRANGE", "k", "-INF", "INFINITY", "BYSCORE"), C("ZRANGE", "k", "0x1", "0x2p0", "BYSCORE"),
		C("ZRANGE", "k", "1\x00junk", "2", "BYSCORE"),
		C("ZRANGE", "k", "1 ", "3", "BYSCORE").WantErr(errZNotFloat), C("ZRANGE", "k", "nan", "3", "BYSCORE").WantErr(errZNotFloat),
		C("ZRANGE", "k", "(nan", "3", "BYSCORE").WantErr(errZNotFloat), C("ZRANGE", "k", "1", "abc", "BYSCORE").WantErr(errZNotFloat),
		C("ZRANGE", "k", "[1", "3", "BYSCORE").WantErr(errZNotFloat), C("ZRANGE", "k", "((1", "3", "BYSCORE").WantErr(errZNotFloat)),
	cs("ZRANGE BYLEX", zLex("k"),
		C("ZRANGE", "k", "-", "+", "BYLEX"), C("ZRANGE", "k", "[a", "[c", "BYLEX"), C("ZRANGE", "k", "(a", "(c", "BYLEX"),
		C("ZRANGE", "k", "[aa", "+", "BYLEX", "LIMIT", "1", "2"), C("ZRANGE", "k", "+", "-", "BYLEX", "REV"),
		C("ZRANGE", "k", "[c", "[a", "BYLEX", "REV"), C("ZRANGE", "k", "+", "-", "BYLEX").Want("*0\r\n"),
		C("ZRANGE", "k", "[", "(b", "BYLEX"), C("ZRANGE", "k", "(", "+", "BYLEX"), C("ZRANGE", "k", "-", "(", "BYLEX"),
		C("ZRANGE", "k", "+", "-", "BYLEX", "REV", "LIMIT", "2", "3"), C("ZRANGE", "k", "-", "+", "BYLEX", "LIMIT", "-1", "3").Want("*0\r\n"),
		C("ZRANGE", "k", "-\x00", "+\x00x", "BYLEX"),
		C("ZRANGE", "k", "a", "+", "BYLEX").WantErr(errZNotLex), C("ZRANGE", "k", "-", "", "BYLEX").WantErr(errZNotLex),
		C("ZRANGE", "k", "--", "+", "BYLEX").WantErr(errZNotLex)),
	cs("ZRANGE option errors", zABC("k"),
		C("ZRANGE", "k", "0", "1", "LIMIT", "0", "1").WantErr(errZLimitRank),
		C("ZRANGE", "k", "a", "b", "LIMIT", "0", "1").WantErr(errZLimitRank),
		C("ZRANGE", "k", "[a", "[b", "BYLEX", "WITHSCORES").WantErr(errZWithLex),
		C("ZRANGE", "k", "0", "1", "BYSCORE", "BYLEX").WantErr(errSyntax), C("ZRANGE", "k", "0", "1", "BYSCORE", "BYSCORE").WantErr(errSyntax),
		C("ZRANGE", "k", "0", "1", "REV", "REV").WantErr(errSyntax), C("ZRANGE", "k", "0", "1", "FOO").WantErr(errSyntax),
		C("ZRANGE", "k", "0", "1", "LIMIT", "1").WantErr(errSyntax), C("ZRANGE", "k", "0", "1", "BYSCORE", "LIMIT", "x", "1").WantErr(errNotInt),
		C("ZRANGE", "k", "0", "1", "BYSCORE", "LIMIT", "1", "1.5").WantErr(errNotInt),
		C("ZRANGE", "k", "a", "1").WantErr(errNotInt), C("ZRANGE", "k", "0", "1.0").WantErr(errNotInt),
		C("ZRANGE", "nokey", "a", "1").WantErr(errNotInt), C("ZRANGE", "k", "0").WantErr(arity("zrange")),
		C("ZRANGE", "k", "x", "1", "BYSCORE").WantErr(errZNotFloat), C("ZRANGE", "k", "x", "1", "BYLEX").WantErr(errZNotLex),
		C("ZRANGE", "k", "[a", "[b", "BYSCORE", "LIMIT", "x", "y", "BYLEX").WantErr(errNotInt),
		C("SET", "s", "v"), C("ZRANGE", "s", "0", "1").WantErr(errWrongType), C("ZRANGE", "s", "x", "1").WantErr(errNotInt)),

	// ZRANGESTORE
	cs("ZRANGESTORE", zABC("src"),
		C("ZRANGESTORE", "dst", "src", "0", "2").Want(":3\r\n"), C("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
		C("ZRANGESTORE", "dst", "src", "2", "5", "BYSCORE", "LIMIT", "1", "5"), C("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
		C("ZRANGESTORE", "dst", "src", "0", "1", "REV"), C("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
		C("ZRANGESTORE", "dst", "src", "+inf", "(2", "BYSCORE", "REV"), C("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
		C("OBJECT", "ENCODING", "dst"), C("TYPE", "dst")),
	cs("ZRANGESTORE BYLEX", zLex("src"), C("ZRANGESTORE", "dst", "src", "[b", "[e", "BYLEX"), C("ZRANGE", "dst", "0", "-1"),
		C("ZRANGESTORE", "dst", "src", "+", "-", "BYLEX", "REV", "LIMIT", "0", "2"), C("ZRANGE", "dst", "0", "-1")),
	cs("ZRANGESTORE empty result deletes the destination", zABC("src"), C("ZADD", "dst", "1", "x"),
		C("ZRANGESTORE", "dst", "src", "10", "20").Want(":0\r\n"), C("EXISTS", "dst").Want(":0\r\n"),
		C("SET", "dst", "v"), C("ZRANGESTORE", "dst", "nosrc", "0", "-1").Want(":0\r\n"), C("EXISTS", "dst").Want(":0\r\n"),
		C("ZRANGESTORE", "dst", "nosrc", "0", "-1").Want(":0\r\n")),
	cs("ZRANGESTORE overwrites any type and clears the TTL", zABC("src"), C("SET", "dst", "v", "EX", "100"),
		C("ZRANGESTORE", "dst", "src", "0", "0").Want(":1\r\n"), C("TYPE", "dst"), C("TTL", "dst").Want(":-1\r\n"),
		C("ZRANGESTORE", "src", "src", "1", "2"), C("ZRANGE", "src", "0", "-1", "WITHSCORES")),
	cs("ZRANGESTORE errors", zABC("src"), C("SET", "s", "v"),
		C("ZRANGESTORE", "dst", "src", "0", "1", "WITHSCORES").WantErr(errSyntax),
		C("ZRANGESTORE", "dst", "src", "0", "1", "LIMIT", "0", "1").WantErr(errZLimitRank),
		C("ZRANGESTORE", "dst", "s", "0", "1").WantErr(errWrongType), C("ZRANGESTORE", "dst", "src", "0").WantErr(arity("zrangestore")),
		C("ZRANGESTORE", "dst", "src", "[a", "[b", "BYLEX", "BYSCORE").WantErr(errSyntax), C("EXISTS", "dst").Want(":0\r\n")),
	cs("ZRANGESTORE destination encoding", zaddN("src", "m", 200), C("ZADD", "src", "1000", zLong65),
		C("ZRANGESTORE", "d1", "src", "0", "127"), C("OBJECT", "ENCODING", "d1").Want("$8\r\nlistpack\r\n"),
		C("ZRANGESTORE", "d2", "src", "0", "128"), C("OBJECT", "ENCODING", "d2").Want("$8\r\nskiplist\r\n"),
		C("ZRANGESTORE", "d3", "src", "-2", "-1"), C("OBJECT", "ENCODING", "d3").Want("$8\r\nskiplist\r\n"),
		C("ZRANGESTORE", "d4", "src", "0", "1"), C("OBJECT", "ENCODING", "d4").Want("$8\r\nlistpack\r\n"), C("ZCARD", "d2")),

	// ZREVRANGE / ZRANGEBYSCORE / ZREVRANGEBYSCORE / ZRANGEBYLEX / ZREVRANGEBYLEX
	cs("ZREVRANGE", zABC("k"), C("ZREVRANGE", "k", "0", "-1"), C("ZREVRANGE", "k", "0", "1", "WITHSCORES"), C("ZREVRANGE", "k", "-2", "-1"),
		C("ZREVRANGE", "k", "0", "1", "REV").WantErr(errSyntax), C("ZREVRANGE", "k", "0", "1", "BYSCORE").WantErr(errSyntax),
		C("ZREVRANGE", "k", "0", "1", "LIMIT", "0", "1").WantErr(errZLimitRank), C("ZREVRANGE", "k", "0").WantErr(arity("zrevrange")),
		C("ZREVRANGE", "nokey", "0", "-1").Want("*0\r\n")),
	cs("ZRANGEBYSCORE", zABC("k"),
		C("ZRANGEBYSCORE", "k", "-inf", "+inf"), C("ZRANGEBYSCORE", "k", "(1", "3", "WITHSCORES"),
		C("ZRANGEBYSCORE", "k", "-inf", "+inf", "LIMIT", "1", "2", "WITHSCORES"), C("ZRANGEBYSCORE", "k", "-inf", "+inf", "WITHSCORES", "LIMIT", "1", "2"),
		C("ZRANGEBYSCORE", "k", "3", "1").Want("*0\r\n"), C("ZRANGEBYSCORE", "k", "0", "1", "REV").WantErr(errSyntax),
		C("ZRANGEBYSCORE", "k", "0", "1", "BYLEX").WantErr(errSyntax), C("ZRANGEBYSCORE", "k", "x", "1").WantErr(errZNotFloat),
		C("ZRANGEBYSCORE", "k", "0", "1", "LIMIT", "0").WantErr(errSyntax), C("ZRANGEBYSCORE", "nokey", "0", "1").Want("*0\r\n")),
	cs("ZREVRANGEBYSCORE", zABC("k"),
		C("ZREVRANGEBYSCORE", "k", "+inf", "-inf"), C("ZREVRANGEBYSCORE", "k", "3", "(1", "WITHSCORES"),
		C("ZREVRANGEBYSCORE", "k", "+inf", "-inf", "LIMIT", "0", "2", "WITHSCORES"), C("ZREVRANGEBYSCORE", "k", "1", "3").Want("*0\r\n"),
		C("ZREVRANGEBYSCORE", "k", "3", "3"), C("ZREVRANGEBYSCORE", "k", "+inf", "-inf", "LIMIT", "2", "-5")),
	cs("ZREVRANGEBYSCORE with equal scores is reverse lexicographic",
		C("ZADD", "k", "1", "a", "1", "b", "1", "c", "2", "d"), C("ZREVRANGEBYSCORE", "k", "+inf", "-inf", "LIMIT", "0", "10", "WITHSCORES"),
		C("ZREVRANGE", "k", "0", "-1"), C("ZREVRANK", "k", "a"), C("ZRANGE", "k", "1", "1", "BYSCORE", "REV")),
	cs("ZRANGEBYSCORE under RESP3", hello("3"), zABC("k"), C("ZRANGEBYSCORE", "k", "-inf", "+inf", "WITHSCORES"),
		C("ZREVRANGEBYSCORE", "k", "+inf", "-inf", "WITHSCORES", "LIMIT", "0", "2"), C("ZRANGEBYSCORE", "k", "1", "2")),
	cs("ZRANGEBYLEX and ZREVRANGEBYLEX", zLex("k"),
		C("ZRANGEBYLEX", "k", "-", "+"), C("ZRANGEBYLEX", "k", "[b", "(e", "LIMIT", "1", "10"),
		C("ZREVRANGEBYLEX", "k", "+", "-"), C("ZREVRANGEBYLEX", "k", "(e", "[b", "LIMIT", "0", "2"),
		C("ZRANGEBYLEX", "k", "-", "+", "WITHSCORES").WantErr(errZWithLex), C("ZREVRANGEBYLEX", "k", "+", "-", "WITHSCORES").WantErr(errZWithLex),
		C("ZRANGEBYLEX", "k", "a", "+").WantErr(errZNotLex), C("ZRANGEBYLEX", "k", "-", "+", "REV").WantErr(errSyntax),
		C("ZRANGEBYLEX", "k", "-", "+", "BYSCORE").WantErr(errSyntax), C("ZRANGEBYLEX", "nokey", "-", "+").Want("*0\r\n"),
		C("ZRANGEBYLEX", "k", "-").WantErr(arity("zrangebylex"))),

	// ZCOUNT / ZLEXCOUNT
	cs("ZCOUNT", zABC("k"),
		C("ZCOUNT", "k", "-inf", "+inf").Want(":5\r\n"), C("ZCOUNT", "k", "(1", "3").Want(":3\r\n"), C("ZCOUNT", "k", "3", "(3").Want(":0\r\n"),
		C("ZCOUNT", "k", "5", "1").Want(":0\r\n"), C("ZCOUNT", "nokey", "0", "1").Want(":0\r\n"),
		C("ZCOUNT", "k", "x", "1").WantErr(errZNotFloat), C("SET", "s", "v"), C("ZCOUNT", "s", "0", "1").WantErr(errWrongType),
		C("ZCOUNT", "s", "x", "1").WantErr(errZNotFloat), C("ZCOUNT", "k", "0").WantErr(arity("zcount"))),
	cs("ZLEXCOUNT", zLex("k"),
		C("ZLEXCOUNT", "k", "-", "+").Want(":9\r\n"), C("ZLEXCOUNT", "k", "[a", "[b").Want(":3\r\n"), C("ZLEXCOUNT", "k", "(a", "(b").Want(":1\r\n"),
		C("ZLEXCOUNT", "k", "+", "-").Want(":0\r\n"), C("ZLEXCOUNT", "nokey", "-", "+").Want(":0\r\n"),
		C("ZLEXCOUNT", "k", "a", "+").WantErr(errZNotLex), C("SET", "s", "v"), C("ZLEXCOUNT", "s", "-", "+").WantErr(errWrongType),
		C("ZLEXCOUNT", "s", "x", "+").WantErr(errZNotLex)),

	// ZREM / ZREMRANGEBY*
	cs("ZREM", zABC("k"), C("ZREM", "k", "a", "nope", "b", "a").Want(":2\r\n"), C("ZRANGE", "k", "0", "-1"),
		C("ZREM", "k", "nope").Want(":0\r\n"), C("ZREM", "k", "c", "d", "e", "x").Want(":3\r\n"), C("EXISTS", "k").Want(":0\r\n"),
		C("ZREM", "nokey", "a").Want(":0\r\n"), C("SET", "s", "v"), C("ZREM", "s", "a").WantErr(errWrongType),
		C("ZREM", "k").WantErr(arity("zrem"))),
	cs("ZREMRANGEBYRANK", zABC("k"), C("ZREMRANGEBYRANK", "k", "1", "2").Want(":2\r\n"), C("ZRANGE", "k", "0", "-1"),
		C("ZREMRANGEBYRANK", "k", "-1", "-1").Want(":1\r\n"), C("ZREMRANGEBYRANK", "k", "5", "10").Want(":0\r\n"),
		C("ZREMRANGEBYRANK", "k", "1", "0").Want(":0\r\n"), C("ZREMRANGEBYRANK", "k", "-100", "100").Want(":2\r\n"),
		C("EXISTS", "k").Want(":0\r\n"), C("ZREMRANGEBYRANK", "nokey", "0", "-1").Want(":0\r\n"),
		C("ZREMRANGEBYRANK", "k", "x", "1").WantErr(errNotInt), C("ZREMRANGEBYRANK", "nokey", "0", "x").WantErr(errNotInt),
		C("SET", "s", "v"), C("ZREMRANGEBYRANK", "s", "0", "1").WantErr(errWrongType)),
	cs("ZREMRANGEBYSCORE", zABC("k"), C("ZREMRANGEBYSCORE", "k", "(1", "3").Want(":3\r\n"), C("ZRANGE", "k", "0", "-1"),
		C("ZREMRANGEBYSCORE", "k", "10", "20").Want(":0\r\n"), C("ZREMRANGEBYSCORE", "k", "-inf", "+inf").Want(":2\r\n"),
		C("EXISTS", "k").Want(":0\r\n"), C("ZREMRANGEBYSCORE", "k", "x", "1").WantErr(errZNotFloat),
		C("SET", "s", "v"), C("ZREMRANGEBYSCORE", "s", "0", "1").WantErr(errWrongType), C("ZREMRANGEBYSCORE", "s", "(", "x").WantErr(errZNotFloat)),
	cs("ZREMRANGEBYLEX", zLex("k"), C("ZREMRANGEBYLEX", "k", "[a", "(c").Want(":3\r\n"), C("ZRANGE", "k", "0", "-1"),
		C("ZREMRANGEBYLEX", "k", "+", "-").Want(":0\r\n"), C("ZREMRANGEBYLEX", "k", "-", "+").Want(":6\r\n"), C("EXISTS", "k").Want(":0\r\n"),
		C("ZREMRANGEBYLEX", "k", "a", "b").WantErr(errZNotLex), C("SET", "s", "v"), C("ZREMRANGEBYLEX", "s", "-", "+").WantErr(errWrongType)),
	cs("ZREMRANGEBYSCORE the seed's pattern", zaddN("k", "m", 300), C("ZREMRANGEBYSCORE", "k", "-inf", "149").Want(":150\r\n"),
		C("ZCARD", "k"), C("OBJECT", "ENCODING", "k"), C("ZRANGE", "k", "0", "2", "WITHSCORES"), C("ZREMRANGEBYRANK", "k", "0", "-11"), C("ZRANGE", "k", "0", "-1")),

	// ZPOPMIN / ZPOPMAX
	cs("ZPOPMIN and ZPOPMAX", zABC("k"),
		C("ZPOPMIN", "k"), C("ZPOPMAX", "k"), C("ZPOPMIN", "k", "2"), C("ZPOPMAX", "k", "0").Want("*0\r\n"),
		C("ZPOPMAX", "k", "10"), C("EXISTS", "k").Want(":0\r\n"), C("ZPOPMIN", "k").Want("*0\r\n"), C("ZPOPMAX", "k", "3").Want("*0\r\n")),
	cs("ZPOPMIN and ZPOPMAX with equal scores", C("ZADD", "k", "1", "b", "1", "a", "1", "c"), C("ZPOPMIN", "k"), C("ZPOPMAX", "k"), C("ZPOPMAX", "k")),
	cs("ZPOPMIN and ZPOPMAX errors", zABC("k"), C("SET", "s", "v"),
		C("ZPOPMIN", "k", "-1").WantErr(errZPositive), C("ZPOPMAX", "k", "x").WantErr(errZPositive), C("ZPOPMIN", "nokey", "-1").WantErr(errZPositive),
		C("ZPOPMIN", "k", "1", "2").WantErr(errSyntax), C("ZPOPMIN", "nokey", "1", "2").WantErr(errSyntax),
		C("ZPOPMIN", "s").WantErr(errWrongType), C("ZPOPMAX", "s", "0").WantErr(errWrongType), C("ZPOPMIN").WantErr(arity("zpopmin")),
		C("ZCARD", "k").Want(":5\r\n")),
	cs("ZPOPMIN and ZPOPMAX under RESP3", hello("3"), zABC("k"), C("ZPOPMIN", "k"), C("ZPOPMAX", "k", "1"), C("ZPOPMIN", "k", "2"),
		C("ZPOPMIN", "k", "0"), C("ZPOPMIN", "nokey"), C("ZPOPMIN", "nokey", "5")),
	cs("ZPOPMIN in a skiplist", zaddN("k", "m", 200), C("ZPOPMIN", "k", "3"), C("ZPOPMAX", "k", "2"), C("ZCARD", "k"), C("OBJECT", "ENCODING", "k")),

	// ZMPOP
	cs("ZMPOP", zABC("k"),
		C("ZMPOP", "1", "k", "MIN"), C("ZMPOP", "1", "k", "max", "COUNT", "2"), C("ZMPOP", "2", "nokey", "k", "MIN", "count", "10"),
		C("EXISTS", "k").Want(":0\r\n"), C("ZMPOP", "2", "nokey", "k", "MIN").Want("*-1\r\n")),
	cs("ZMPOP takes the first key that exists", C("ZADD", "a", "1", "x"), C("ZADD", "b", "2", "y"), C("SET", "s", "v"),
		C("ZMPOP", "3", "nokey", "b", "a", "MAX"), C("ZMPOP", "3", "nokey", "a", "s", "MIN", "COUNT", "5"),
		C("ZMPOP", "2", "s", "a", "MIN").WantErr(errWrongType), C("ZMPOP", "2", "nokey", "s", "MIN").WantErr(errWrongType)),
	cs("ZMPOP errors", zABC("k"),
		C("ZMPOP", "0", "k", "MIN").WantErr(errZNumkeys), C("ZMPOP", "-1", "k", "MIN").WantErr(errZNumkeys),
		C("ZMPOP", "x", "k", "MIN").WantErr(errZNumkeys), C("ZMPOP", "1", "k").WantErr(arity("zmpop")),
		C("ZMPOP", "2", "k", "MIN").WantErr(errSyntax), C("ZMPOP", "1", "k", "FOO").WantErr(errSyntax),
		C("ZMPOP", "1", "k", "MIN", "COUNT", "0").WantErr(errZCount), C("ZMPOP", "1", "k", "MIN", "COUNT", "-1").WantErr(errZCount),
		C("ZMPOP", "1", "k", "MIN", "COUNT", "x").WantErr(errZCount), C("ZMPOP", "1", "k", "MIN", "COUNT").WantErr(errSyntax),
		C("ZMPOP", "1", "k", "MIN", "COUNT", "1", "COUNT", "1").WantErr(errSyntax), C("ZMPOP", "1", "k", "MIN", "foo").WantErr(errSyntax),
		C("ZMPOP", "9223372036854775807", "k", "MIN").WantErr(errSyntax), C("ZMPOP", "9223372036854775806", "k", "MIN").WantErr(errSyntax),
		C("ZMPOP", "1", "nokey", "MIN", "COUNT", "0").WantErr(errZCount), C("ZCARD", "k").Want(":5\r\n")),
	cs("ZMPOP under RESP3", hello("3"), zABC("k"), C("ZMPOP", "1", "k", "MIN"), C("ZMPOP", "1", "k", "MAX", "COUNT", "2"),
		C("ZMPOP", "1", "nokey", "MIN").Want("_\r\n")),

	// ZRANDMEMBER
	cs("ZRANDMEMBER without count", C("ZADD", "k", "1.5", "only"), C("ZRANDMEMBER", "k").Want("$4\r\nonly\r\n"),
		C("ZRANDMEMBER", "nokey").Want("$-1\r\n"), C("SET", "s", "v"), C("ZRANDMEMBER", "s").WantErr(errWrongType)),
	cs("ZRANDMEMBER with a count of at least the size returns the whole set from the top", zABC("k"),
		C("ZRANDMEMBER", "k", "5"), C("ZRANDMEMBER", "k", "10", "WITHSCORES"), C("ZRANDMEMBER", "k", "4611686018427387903", "WITHSCORES"),
		C("ZRANDMEMBER", "k", "0").Want("*0\r\n"), C("ZRANDMEMBER", "k", "0", "WITHSCORES").Want("*0\r\n"),
		C("ZRANDMEMBER", "nokey", "5").Want("*0\r\n"), C("ZRANDMEMBER", "nokey", "-5", "WITHSCORES").Want("*0\r\n")),
	cs("ZRANDMEMBER of a skiplist with a count of at least the size", zaddN("k", "m", 200), C("ZRANDMEMBER", "k", "200"), C("ZRANDMEMBER", "k", "300", "WITHSCORES")),
	cs("ZRANDMEMBER negative and single counts", C("ZADD", "k", "2", "a"),
		C("ZRANDMEMBER", "k", "-3"), C("ZRANDMEMBER", "k", "-2", "WITHSCORES"), C("ZRANDMEMBER", "k", "1"), C("ZRANDMEMBER", "k", "1", "withscores")),
	cs("ZRANDMEMBER random counts", zABC("k"), zaddN("big", "m", 200),
		C("ZRANDMEMBER", "k", "3").Ignore().Check(zCheckDistinct(3, false)),
		C("ZRANDMEMBER", "k", "4", "WITHSCORES").Ignore().Check(zCheckDistinct(4, true)),
		C("ZRANDMEMBER", "k", "-20").Ignore().Check(zCheckLen(20)), C("ZRANDMEMBER", "k", "-20", "WITHSCORES").Ignore().Check(zCheckLen(40)),
		C("ZRANDMEMBER", "big", "150").Ignore().Check(zCheckDistinct(150, false)),
		C("ZRANDMEMBER", "big", "10", "WITHSCORES").Ignore().Check(zCheckDistinct(10, true)),
		C("ZRANDMEMBER", "big", "-300").Ignore().Check(zCheckLen(300)), C("ZRANDMEMBER", "big").Ignore().IsType('$')),
	cs("ZRANDMEMBER under RESP3", hello("3"), zABC("k"), C("ZRANDMEMBER", "k", "10", "WITHSCORES"), C("ZRANDMEMBER", "k", "2", "WITHSCORES").Ignore().Check(zCheckDistinct(2, false)),
		C("ZADD", "one", "7", "x"), C("ZRANDMEMBER", "one", "-2", "WITHSCORES"), C("ZRANDMEMBER", "nokey").Want("_\r\n"), C("ZRANDMEMBER", "nokey", "1").Want("*0\r\n")),
	cs("ZRANDMEMBER errors", zABC("k"),
		C("ZRANDMEMBER", "k", "x").WantErr(errNotInt), C("ZRANDMEMBER", "nokey", "x").WantErr(errNotInt),
		C("ZRANDMEMBER", "k", "-9223372036854775808"),
		C("ZRANDMEMBER", "k", "-9223372036854775807", "WITHSCORES").WantErr(errZOutOfRange),
		C("ZRANDMEMBER", "k", "-4611686018427387904", "WITHSCORES").WantErr(errZOutOfRange),
		C("ZRANDMEMBER", "k", "9223372036854775807", "WITHSCORES").WantErr(errZOutOfRange),
		C("ZRANDMEMBER", "k", "1", "foo").WantErr(errSyntax), C("ZRANDMEMBER", "k", "1", "WITHSCORES", "x").WantErr(errSyntax),
		C("ZRANDMEMBER", "nokey", "1", "bar").WantErr(errSyntax), C("SET", "s", "v"), C("ZRANDMEMBER", "s", "1").WantErr(errWrongType)),

	// ZSCAN
	cs("ZSCAN of a listpack returns everything at once", zABC("k"), C("ZADD", "k", "0.1", "f", "inf", "g", "7350000000000000", "h"),
		C("ZSCAN", "k", "0"), C("ZSCAN", "k", "0", "COUNT", "1"), C("ZSCAN", "k", "123"), C("ZSCAN", "k", "0", "MATCH", "[a-c]*"),
		C("ZSCAN", "k", "0", "match", "*", "count", "2"), C("ZSCAN", "k", "0", "MATCH", "nomatch")),
	cs("ZSCAN of a skiplist", zaddN("k", "m", 300),
		ScanAll("ZSCAN", "k", "{{cursor}}"), ScanAll("ZSCAN", "k", "{{cursor}}", "COUNT", "7"), ScanAll("ZSCAN", "k", "{{cursor}}", "MATCH", "m1*", "COUNT", "50")),
	cs("ZSCAN under RESP3", hello("3"), C("ZADD", "k", "1.5", "a", "-inf", "b"), C("ZSCAN", "k", "0"), C("ZSCAN", "nokey", "0")),
	cs("ZSCAN errors and a missing key", zABC("k"), C("SET", "s", "v"),
		C("ZSCAN", "nokey", "0").Want("*2\r\n$1\r\n0\r\n*0\r\n"), C("ZSCAN", "nokey", "0", "FOO"), C("ZSCAN", "nokey", "x").WantErr(errZInvCursor),
		C("ZSCAN", "k", "x").WantErr(errZInvCursor), C("ZSCAN", "k", "-1"), C("ZSCAN", "k", "0", "COUNT", "0").WantErr(errSyntax),
		C("ZSCAN", "k", "0", "COUNT", "x").WantErr(errNotInt), C("ZSCAN", "k", "0", "MATCH").WantErr(errSyntax),
		C("ZSCAN", "k", "0", "TYPE", "zset").WantErr(errSyntax), C("ZSCAN", "k", "0", "FOO", "bar").WantErr(errSyntax),
		C("ZSCAN", "s", "0").WantErr(errWrongType), C("ZSCAN", "s", "x").WantErr(errZInvCursor), C("ZSCAN", "k").WantErr(arity("zscan"))),

	// ZUNION / ZINTER / ZDIFF and their STORE forms
	cs("ZUNION ZINTER ZDIFF", C("ZADD", "a", "1", "x", "2", "y", "3", "w"), C("ZADD", "b", "3", "y", "4", "z", "1", "w"),
		C("ZUNION", "2", "a", "b"), C("ZUNION", "2", "a", "b", "WITHSCORES"), C("ZINTER", "2", "a", "b", "WITHSCORES"),
		C("ZDIFF", "2", "a", "b", "WITHSCORES"), C("ZDIFF", "2", "b", "a"), C("ZUNION", "3", "a", "nokey", "b", "WITHSCORES"),
		C("ZINTER", "2", "a", "nokey").Want("*0\r\n"), C("ZDIFF", "2", "a", "nokey", "WITHSCORES"), C("ZDIFF", "2", "nokey", "a").Want("*0\r\n"),
		C("ZUNION", "1", "nokey").Want("*0\r\n"), C("ZINTERCARD", "2", "a", "b").Want(":2\r\n")),
	cs("ZUNION and ZINTER WEIGHTS and AGGREGATE", C("ZADD", "a", "1", "x", "2", "y"), C("ZADD", "b", "3", "y", "4", "z"),
		C("ZUNION", "2", "a", "b", "WEIGHTS", "2", "3", "WITHSCORES"), C("ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"),
		C("ZUNION", "2", "a", "b", "aggregate", "max", "withscores"), C("ZUNION", "2", "a", "b", "WEIGHTS", "2", "3", "AGGREGATE", "MIN", "WITHSCORES"),
		C("ZINTER", "2", "a", "b", "WEIGHTS", "-1", "0.5", "WITHSCORES"), C("ZINTER", "2", "a", "b", "AGGREGATE", "MAX", "WITHSCORES"),
		C("ZUNION", "2", "a", "b", "AGGREGATE", "MAX", "AGGREGATE", "SUM", "WITHSCORES"), C("ZUNION", "2", "a", "b", "WITHSCORES", "WITHSCORES"),
		C("ZUNION", "2", "a", "b", "WEIGHTS", "1", "1", "WEIGHTS", "0", "0", "WITHSCORES"), C("ZUNION", "2", "a", "b", "WEIGHTS", "0x10", "1e2", "WITHSCORES")),
	cs("ZUNION and ZINTER infinities and NaN", C("ZADD", "a", "inf", "x", "-inf", "y", "1", "z"), C("ZADD", "b", "-inf", "x", "inf", "y", "2", "z"),
		C("ZUNION", "2", "a", "b", "WITHSCORES"), C("ZINTER", "2", "a", "b", "WITHSCORES"), C("ZUNION", "2", "a", "b", "WEIGHTS", "0", "1", "WITHSCORES"),
		C("ZINTER", "2", "a", "b", "WEIGHTS", "0", "0", "AGGREGATE", "MIN", "WITHSCORES"), C("ZINTER", "2", "a", "b", "WEIGHTS", "1", "0", "AGGREGATE", "MAX", "WITHSCORES"),
		C("ZUNION", "2", "a", "b", "WEIGHTS", "inf", "-inf", "WITHSCORES"), C("ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "inf", "inf"), C("ZRANGE", "d", "0", "-1", "WITHSCORES")),
	// (0.1+0.2)+0.3 and (0.2+0.3)+0.1 differ in the last bit: the inputs
	// are summed smallest first, equal sizes in the order given.
	cs("ZUNION and ZINTER sum in order of cardinality", C("ZADD", "a", "0.1", "x"), C("ZADD", "b", "0.2", "x"), C("ZADD", "c", "0.3", "x"),
		C("ZADD", "d", "0.1", "x", "0", "other"),
		C("ZUNION", "3", "a", "b", "c", "WITHSCORES"), C("ZUNION", "3", "b", "c", "a", "WITHSCORES"), C("ZUNION", "3", "c", "a", "b", "WITHSCORES"),
		C("ZUNION", "3", "d", "b", "c", "WITHSCORES"), C("ZUNION", "3", "b", "d", "c", "WITHSCORES"),
		C("ZINTER", "3", "a", "b", "c", "WITHSCORES"), C("ZINTER", "3", "b", "c", "a", "WITHSCORES"), C("ZINTER", "3", "d", "b", "c", "WITHSCORES"),
		C("ZUNIONSTORE", "e", "3", "b", "c", "a"), C("ZSCORE", "e", "x")),
	cs("ZUNION ZINTER ZDIFF with the same key twice", C("ZADD", "a", "1", "x", "2", "y"),
		C("ZUNION", "2", "a", "a", "WITHSCORES"), C("ZINTER", "2", "a", "a", "WEIGHTS", "1", "3", "WITHSCORES"), C("ZDIFF", "2", "a", "a").Want("*0\r\n"),
		C("ZINTERCARD", "2", "a", "a").Want(":2\r\n"), C("ZDIFFSTORE", "a", "2", "a", "a").Want(":0\r\n"), C("EXISTS", "a").Want(":0\r\n")),
	cs("ZUNION ZINTER ZDIFF under RESP3", hello("3"), C("ZADD", "a", "1", "x", "2", "y"), C("ZADD", "b", "3", "y"),
		C("ZUNION", "2", "a", "b", "WITHSCORES"), C("ZINTER", "2", "a", "b", "WITHSCORES"), C("ZDIFF", "2", "a", "b", "WITHSCORES"), C("ZUNION", "2", "a", "b")),
	cs("ZUNION ZINTER ZDIFF errors", C("ZADD", "a", "1", "x"), C("ZADD", "b", "2", "x"), C("SET", "s", "v"),
		C("ZUNION", "0", "a").WantErr(errZNoKeys("zunion")), C("ZINTER", "-1", "a").WantErr(errZNoKeys("zinter")),
		C("ZDIFF", "0", "a").WantErr(errZNoKeys("zdiff")), C("ZUNION", "x", "a").WantErr(errNotInt), C("ZUNION", "3", "a", "b").WantErr(errSyntax),
		C("ZUNION", "9223372036854775807", "a").WantErr(errSyntax),
		C("ZUNION", "2", "a", "b", "WEIGHTS", "1").WantErr(errSyntax), C("ZUNION", "2", "a", "b", "WEIGHTS", "1", "x").WantErr(errZWeight),
		C("ZUNION", "2", "a", "b", "WEIGHTS", "1", "nan").WantErr(errZWeight), C("ZUNION", "2", "a", "b", "WEIGHTS", "1", "1e400").WantErr(errZWeight),
		C("ZUNION", "2", "a", "b", "WEIGHTS", "1", "2", "3").WantErr(errSyntax), C("ZUNION", "2", "a", "b", "AGGREGATE").WantErr(errSyntax),
		C("ZUNION", "2", "a", "b", "AGGREGATE", "AVG").WantErr(errSyntax), C("ZUNION", "2", "a", "b", "LIMIT", "1").WantErr(errSyntax),
		C("ZDIFF", "2", "a", "b", "WEIGHTS", "1", "2").WantErr(errSyntax), C("ZDIFF", "2", "a", "b", "AGGREGATE", "SUM").WantErr(errSyntax),
		C("ZUNION", "2", "a", "s").WantErr(errWrongType), C("ZINTER", "2", "s", "nokey", "WEIGHTS", "x", "y").WantErr(errWrongType),
		C("ZDIFF", "2", "nokey", "s").WantErr(errWrongType), C("ZUNION", "1").WantErr(arity("zunion"))),
	cs("ZUNIONSTORE ZINTERSTORE ZDIFFSTORE", C("ZADD", "a", "1", "x", "2", "y"), C("ZADD", "b", "3", "y", "4", "z"),
		C("ZUNIONSTORE", "d", "2", "a", "b").Want(":3\r\n"), C("ZRANGE", "d", "0", "-1", "WITHSCORES"),
		C("ZINTERSTORE", "d", "2", "a", "b", "WEIGHTS", "2", "1", "AGGREGATE", "MAX").Want(":1\r\n"), C("ZRANGE", "d", "0", "-1", "WITHSCORES"),
		C("ZDIFFSTORE", "d", "2", "b", "a").Want(":1\r\n"), C("ZRANGE", "d", "0", "-1", "WITHSCORES"),
		C("ZUNIONSTORE", "a", "2", "a", "b"), C("ZRANGE", "a", "0", "-1", "WITHSCORES"), C("OBJECT", "ENCODING", "d"), C("TYPE", "d")),
	cs("ZUNIONSTORE and friends overwrite and delete the destination", C("ZADD", "a", "1", "x"), C("SET", "d", "v", "EX", "100"),
		C("ZUNIONSTORE", "d", "1", "a").Want(":1\r\n"), C("TYPE", "d"), C("TTL", "d").Want(":-1\r\n"),
		C("ZINTERSTORE", "d", "2", "a", "nokey").Want(":0\r\n"), C("EXISTS", "d").Want(":0\r\n"),
		C("SET", "d", "v"), C("ZDIFFSTORE", "d", "1", "nokey").Want(":0\r\n"), C("EXISTS", "d").Want(":0\r\n"),
		C("ZUNIONSTORE", "d", "1", "nokey").Want(":0\r\n")),
	cs("ZUNIONSTORE and friends errors", C("ZADD", "a", "1", "x"), C("SET", "s", "v"),
		C("ZUNIONSTORE", "d", "0", "a").WantErr(errZNoKeys("zunionstore")), C("ZINTERSTORE", "d", "0", "a").WantErr(errZNoKeys("zinterstore")),
		C("ZDIFFSTORE", "d", "0", "a").WantErr(errZNoKeys("zdiffstore")), C("ZUNIONSTORE", "d", "x", "a").WantErr(errNotInt),
		C("ZUNIONSTORE", "d", "2", "a").WantErr(errSyntax), C("ZUNIONSTORE", "d", "1", "a", "WITHSCORES").WantErr(errSyntax),
		C("ZDIFFSTORE", "d", "1", "a", "WITHSCORES").WantErr(errSyntax), C("ZINTERSTORE", "d", "1", "s").WantErr(errWrongType),
		C("ZUNIONSTORE", "d", "1").WantErr(arity("zunionstore")), C("EXISTS", "d").Want(":0\r\n"),
		C("ZUNIONSTORE", "s", "1", "a"), C("TYPE", "s")),
	cs("ZUNIONSTORE destination encoding", zaddN("big", "m", 200), C("ZADD", "small", "1", "a", "2", zLong65), C("ZADD", "tiny", "1", "a", "2", zLong64),
		C("ZINTERSTORE", "d1", "2", "big", "big"), C("OBJECT", "ENCODING", "d1").Want("$8\r\nskiplist\r\n"),
		C("ZUNIONSTORE", "d2", "1", "small"), C("OBJECT", "ENCODING", "d2").Want("$8\r\nskiplist\r\n"),
		C("ZUNIONSTORE", "d3", "1", "tiny"), C("OBJECT", "ENCODING", "d3").Want("$8\r\nlistpack\r\n"),
		C("ZREMRANGEBYRANK", "big", "0", "-3"), C("OBJECT", "ENCODING", "big").Want("$8\r\nskiplist\r\n"),
		C("ZUNIONSTORE", "d4", "1", "big"), C("OBJECT", "ENCODING", "d4").Want("$8\r\nlistpack\r\n"),
		C("ZDIFFSTORE", "d5", "2", "small", "tiny"), C("OBJECT", "ENCODING", "d5").Want("$8\r\nskiplist\r\n")),
	cs("ZINTERCARD", C("ZADD", "a", "1", "x", "2", "y", "3", "z"), C("ZADD", "b", "1", "x", "2", "y", "3", "z", "4", "w"), C("SET", "s", "v"),
		C("ZINTERCARD", "2", "a", "b").Want(":3\r\n"), C("ZINTERCARD", "2", "a", "b", "LIMIT", "2").Want(":2\r\n"),
		C("ZINTERCARD", "2", "a", "b", "LIMIT", "0").Want(":3\r\n"), C("ZINTERCARD", "2", "a", "b", "limit", "10").Want(":3\r\n"),
		C("ZINTERCARD", "2", "a", "nokey").Want(":0\r\n"), C("ZINTERCARD", "1", "nokey").Want(":0\r\n"),
		C("ZINTERCARD", "2", "a", "b", "LIMIT", "-1").WantErr(errZLimitNeg), C("ZINTERCARD", "2", "a", "b", "LIMIT", "x").WantErr(errZLimitNeg),
		C("ZINTERCARD", "2", "a", "b", "LIMIT").WantErr(errSyntax), C("ZINTERCARD", "2", "a", "b", "WITHSCORES").WantErr(errSyntax),
		C("ZINTERCARD", "2", "a", "b", "WEIGHTS", "1", "1").WantErr(errSyntax), C("ZINTERCARD", "2", "a", "b", "AGGREGATE", "SUM").WantErr(errSyntax),
		C("ZINTERCARD", "3", "a", "b").WantErr(errSyntax), C("ZINTERCARD", "0", "a").WantErr(errZNoKeys("zintercard")),
		C("ZINTERCARD", "x", "a").WantErr(errNotInt), C("ZINTERCARD", "1", "s").WantErr(errWrongType), C("ZINTERCARD", "1").WantErr(arity("zintercard"))),
	cs("ZUNION with a set as input",
		C("SADD", "s", "x", "y"), C("ZADD", "z", "5", "x"), C("ZUNION", "2", "s", "z", "WITHSCORES"), C("ZINTER", "2", "s", "z", "WITHSCORES")),

	// Encodings
	cs("sorted set encoding follows zset-max-listpack-entries", zaddN("k", "m", 128), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("ZADD", "k", "XX", "1", "new"), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("ZADD", "k", "1", "m0"), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("ZADD", "k", "1", "new"), C("OBJECT", "ENCODING", "k").Want("$8\r\nskiplist\r\n"),
		C("ZREMRANGEBYRANK", "k", "0", "-2"), C("ZCARD", "k").Want(":1\r\n"), C("OBJECT", "ENCODING", "k").Want("$8\r\nskiplist\r\n")),
	cs("sorted set encoding follows zset-max-listpack-value", C("ZADD", "k", "1", zLong64), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("ZADD", "k", "XX", "1", zLong65), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("ZINCRBY", "k", "1", zLong65), C("OBJECT", "ENCODING", "k").Want("$8\r\nskiplist\r\n"),
		C("ZADD", "n", "1", zLong65, "2", "a"), C("OBJECT", "ENCODING", "n").Want("$8\r\nskiplist\r\n"),
		C("ZADD", "m", "1", "a", "2", zLong65), C("OBJECT", "ENCODING", "m").Want("$8\r\nskiplist\r\n")),
	cs("sorted set encoding with changed limits", C("CONFIG", "SET", "zset-max-listpack-entries", "2"),
		C("ZADD", "k", "1", "a", "2", "b"), C("OBJECT", "ENCODING", "k"), C("ZADD", "k", "3", "c"), C("OBJECT", "ENCODING", "k"),
		C("CONFIG", "SET", "zset-max-listpack-entries", "0"), C("ZADD", "z", "1", "a"), C("OBJECT", "ENCODING", "z"),
		C("CONFIG", "SET", "zset-max-ziplist-entries", "128", "zset-max-ziplist-value", "1"),
		C("ZADD", "v", "1", "a"), C("OBJECT", "ENCODING", "v"), C("ZADD", "v", "1", "bb"), C("OBJECT", "ENCODING", "v"),
		C("ZADD", "w", "1", "bb"), C("OBJECT", "ENCODING", "w")),
	withConf("ZSCAN of a big listpack", [][]string{{"zset-max-listpack-entries", "1000"}}, zaddN("k", "m", 300),
		C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"), C("ZSCAN", "k", "0", "COUNT", "5")),

	// Keyspace commands on sorted sets
	cs("keyspace commands on a sorted set", zABC("k"),
		C("EXISTS", "k").Want(":1\r\n"), C("TYPE", "k").Want("+zset\r\n"), C("RENAME", "k", "k2"), C("ZRANGE", "k2", "0", "-1", "WITHSCORES"),
		C("COPY", "k2", "k3"), C("ZADD", "k3", "9", "z"), C("ZCARD", "k2").Want(":5\r\n"), C("ZCARD", "k3").Want(":6\r\n"),
		C("OBJECT", "ENCODING", "k3"), C("MOVE", "k3", "1"), C("SELECT", "1"), C("ZCARD", "k3").Want(":6\r\n"), C("SELECT", "0"),
		C("DEL", "k2").Want(":1\r\n"), C("EXISTS", "k2").Want(":0\r\n")),
	cs("COPY of a skiplist sorted set", zaddN("k", "m", 200), C("COPY", "k", "c"), C("OBJECT", "ENCODING", "c").Want("$8\r\nskiplist\r\n"),
		C("ZPOPMIN", "c", "10"), C("ZCARD", "k").Want(":200\r\n"), C("ZCARD", "c").Want(":190\r\n")),
	cs("SCAN TYPE zset and KEYS", zABC("z1"), zABC("z2"), C("SET", "s", "v"),
		ScanAll("SCAN", "{{cursor}}", "TYPE", "zset"), ScanAll("SCAN", "{{cursor}}", "TYPE", "string"), C("KEYS", "z*").Sorted()),

	// WATCH sees exactly the changes
	cs("WATCH sees ZADD but not a ZADD that changes nothing", C("ZADD", "k", "1", "a"),
		C("WATCH", "k"), C("ZADD", "k", "1", "a").On(1), C("ZADD", "k", "NX", "5", "a").On(1), C("ZREM", "k", "nope").On(1),
		C("ZINCRBY", "k", "0", "a").On(1), C("ZREMRANGEBYSCORE", "k", "5", "6").On(1),
		C("MULTI"), C("ZCARD", "k"), C("EXEC").Want("*1\r\n:1\r\n"),
		C("WATCH", "k"), C("ZADD", "k", "2", "a").On(1), C("MULTI"), C("ZCARD", "k"), C("EXEC").Want("*-1\r\n")),
	cs("WATCH sees ZPOPMIN ZREM and a STORE", C("ZADD", "k", "1", "a", "2", "b"),
		C("WATCH", "k"), C("ZPOPMIN", "k").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "k"), C("ZREM", "k", "b").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "d"), C("ZUNIONSTORE", "d", "1", "nokey").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*1\r\n+PONG\r\n"),
		C("ZADD", "k", "1", "a"), C("WATCH", "d"), C("ZUNIONSTORE", "d", "1", "k").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*-1\r\n")),
	cs("sorted set commands in MULTI", C("MULTI"), C("ZADD", "k", "1", "a"), C("ZINCRBY", "k", "2", "a"), C("ZADD", "k", "NX", "XX", "1", "a"),
		C("ZRANGE", "k", "0", "-1", "WITHSCORES"), C("EXEC")),

	// COMMAND INFO and DOCS
	cs("COMMAND INFO of sorted set commands",
		C("COMMAND", "INFO", "zadd", "zincrby", "zcard", "zscore", "zmscore", "zrange", "zrangestore", "zrevrange"),
		C("COMMAND", "INFO", "zrangebyscore", "zrevrangebyscore", "zrangebylex", "zrevrangebylex", "zcount", "zlexcount"),
		C("COMMAND", "INFO", "zrem", "zremrangebyscore", "zremrangebyrank", "zremrangebylex", "zpopmin", "zpopmax", "zrandmember", "zscan"),
		hello("3"), C("COMMAND", "INFO", "zadd", "zrangestore", "zscan")),
	cs("COMMAND INFO of ZRANK and ZREVRANK",
		C("COMMAND", "INFO", "zrank", "zrevrank").DivergesFunc(divZRankWithScore, zArityAsDeclared)),
	cs("COMMAND INFO of the numkeys sorted set commands",
		C("COMMAND", "INFO", "zunionstore", "zinterstore", "zdiffstore", "zunion", "zinter", "zdiff", "zintercard", "zmpop"),
		C("COMMAND", "GETKEYS", "ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "2"), C("COMMAND", "GETKEYS", "ZMPOP", "2", "a", "b", "MIN")),
	cs("COMMAND GETKEYS of sorted set commands",
		C("COMMAND", "GETKEYS", "ZADD", "k", "1", "a"), C("COMMAND", "GETKEYSANDFLAGS", "ZRANGESTORE", "dst", "src", "0", "-1"),
		C("COMMAND", "GETKEYSANDFLAGS", "ZPOPMIN", "k", "2")),
	cs("COMMAND DOCS of sorted set commands",
		C("COMMAND", "DOCS", "zadd", "zincrby", "zcard", "zscore", "zmscore", "zrank", "zrevrank", "zrange"),
		C("COMMAND", "DOCS", "zrangestore", "zrevrange", "zrangebyscore", "zrevrangebyscore", "zrangebylex", "zrevrangebylex"),
		C("COMMAND", "DOCS", "zcount", "zlexcount", "zrem", "zremrangebyscore", "zremrangebyrank", "zremrangebylex", "zpopmin", "zpopmax"),
		C("COMMAND", "DOCS", "zmpop", "zrandmember", "zscan", "zunionstore", "zinterstore", "zdiffstore", "zunion", "zinter", "zdiff", "zintercard"),
		hello("3"), C("COMMAND", "DOCS", "zadd", "zunionstore", "zrangebyscore")),
}

func init() { allCases["TestCompatZSet"] = zsetCases }

func TestCompatZSet(t *testing.T) { newSuite(t).run(zsetCases) }
