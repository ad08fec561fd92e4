package compat_test

import (
	"fmt"
	"testing"
)

// Set cases: every command, its options and its errors, the intset and
// hashtable encodings, RESP2 and RESP3, side by side with redis-server
// 7.0.15. An intset answers in ascending order, so its replies are
// compared byte for byte; a hashtable's are compared sorted. Random
// commands are checked by shape.

const (
	errSetPositive    = "ERR value is out of range, must be positive"
	errSetNumkeys     = "ERR numkeys should be greater than 0"
	errSetNumkeysArgs = "ERR Number of keys can't be greater than number of args"
	errSetLimitNeg    = "ERR LIMIT can't be negative"
)

// saddN adds the members prefix<from>..prefix<from+n-1> to key; with an
// empty prefix they are integers.
func saddN(key, prefix string, from, n int) Step {
	args := []string{"SADD", key}
	for i := from; i < from+n; i++ {
		args = append(args, fmt.Sprintf("%s%d", prefix, i))
	}
	return C(args...)
}

// sCheckMembers checks an array (or RESP3 set) of n distinct members,
// all drawn from those of prefix<0..size-1>.
func sCheckMembers(n int, distinct bool) func(v *Value) error {
	return func(v *Value) error {
		if v.Type != '*' && v.Type != '~' {
			return fmt.Errorf("want an array or set, got %s", v)
		}
		if len(v.Elems) != n {
			return fmt.Errorf("want %d elements, got %d", n, len(v.Elems))
		}
		seen := map[string]bool{}
		for _, e := range v.Elems {
			if distinct && seen[e.Str] {
				return fmt.Errorf("member %q twice", e.Str)
			}
			seen[e.Str] = true
		}
		return nil
	}
}

var setCases = []Case{
	// SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS
	cs("SADD and an intset", C("SADD", "k", "3", "1", "2", "1").Want(":3\r\n"), C("SADD", "k", "2").Want(":0\r\n"),
		C("SADD", "k", "-5", "9223372036854775807", "-9223372036854775808").Want(":3\r\n"),
		C("SMEMBERS", "k"), C("SCARD", "k").Want(":6\r\n"), C("TYPE", "k").Want("+set\r\n"), C("OBJECT", "ENCODING", "k").Want("$6\r\nintset\r\n"),
		C("SISMEMBER", "k", "2").Want(":1\r\n"), C("SISMEMBER", "k", "02").Want(":0\r\n"), C("SISMEMBER", "k", "x").Want(":0\r\n"),
		C("SISMEMBER", "nokey", "x").Want(":0\r\n"), C("SCARD", "nokey").Want(":0\r\n"), C("SMEMBERS", "nokey").Want("*0\r\n")),
	cs("SADD of a string makes a hashtable", C("SADD", "k", "1", "2"), C("SADD", "k", "a").Want(":1\r\n"),
		C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"), C("SMEMBERS", "k").Sorted(), C("SISMEMBER", "k", "1").Want(":1\r\n"),
		C("SADD", "s", "x"), C("OBJECT", "ENCODING", "s").Want("$9\r\nhashtable\r\n"), C("SREM", "k", "a"),
		C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"),
		C("SADD", "n1", "007"), C("OBJECT", "ENCODING", "n1"), C("SADD", "n2", "+1"), C("OBJECT", "ENCODING", "n2"),
		C("SADD", "n3", "-0"), C("OBJECT", "ENCODING", "n3"), C("SADD", "n4", "9223372036854775808"), C("OBJECT", "ENCODING", "n4"),
		C("SADD", "n5", "1.0"), C("OBJECT", "ENCODING", "n5"), C("SADD", "n6", ""), C("OBJECT", "ENCODING", "n6"), C("SMEMBERS", "n6")),
	cs("SREM", C("SADD", "k", "1", "2", "3"), C("SREM", "k", "1", "nope", "1", "x").Want(":1\r\n"), C("SMEMBERS", "k"),
		C("SREM", "nokey", "a").Want(":0\r\n"), C("SREM", "k", "2", "3", "4").Want(":2\r\n"), C("EXISTS", "k").Want(":0\r\n"),
		C("SADD", "h", "a", "b"), C("SREM", "h", "a", "b").Want(":2\r\n"), C("EXISTS", "h").Want(":0\r\n")),
	cs("SMISMEMBER", C("SADD", "k", "1", "a"), C("SMISMEMBER", "k", "1", "2", "a").Want("*3\r\n:1\r\n:0\r\n:1\r\n"),
		C("SMISMEMBER", "nokey", "a", "b").Want("*2\r\n:0\r\n:0\r\n"), C("SET", "s", "v"), C("SMISMEMBER", "s", "a").WantErr(errWrongType)),
	cs("SMEMBERS under RESP3", hello("3"), C("SADD", "k", "3", "1", "2"), C("SMEMBERS", "k"), C("SMEMBERS", "nokey").Want("~0\r\n"),
		C("SMISMEMBER", "k", "1", "9"), C("SISMEMBER", "k", "1")),
	cs("a big hashtable set", saddN("k", "m", 0, 700), C("SCARD", "k").Want(":700\r\n"), C("SMEMBERS", "k").Sorted(),
		C("SISMEMBER", "k", "m699").Want(":1\r\n"), C("SREM", "k", "m0", "m1"), C("SCARD", "k").Want(":698\r\n")),

	// SMOVE
	cs("SMOVE", C("SADD", "src", "1", "2", "a"), C("SADD", "dst", "3"),
		C("SMOVE", "src", "dst", "1").Want(":1\r\n"), C("SMEMBERS", "dst"), C("SMOVE", "src", "dst", "nope").Want(":0\r\n"),
		C("SMOVE", "src", "new", "2").Want(":1\r\n"), C("OBJECT", "ENCODING", "new").Want("$6\r\nintset\r\n"),
		C("SMOVE", "src", "new2", "a").Want(":1\r\n"), C("OBJECT", "ENCODING", "new2").Want("$9\r\nhashtable\r\n"),
		C("EXISTS", "src").Want(":0\r\n"), C("SMOVE", "nokey", "dst", "1").Want(":0\r\n"),
		C("SADD", "dst", "x"), C("SMOVE", "dst", "dst", "x").Want(":1\r\n"), C("SMOVE", "dst", "dst", "y").Want(":0\r\n"),
		C("SADD", "both", "3"), C("SMOVE", "dst", "both", "3").Want(":1\r\n"), C("SMEMBERS", "both"), C("SMEMBERS", "dst").Sorted()),
	cs("SMOVE wrong types", C("SADD", "k", "a"), C("SET", "s", "v"),
		C("SMOVE", "s", "k", "a").WantErr(errWrongType), C("SMOVE", "k", "s", "a").WantErr(errWrongType),
		C("SMOVE", "nokey", "s", "a").Want(":0\r\n"), C("SMOVE", "k", "s", "nope").WantErr(errWrongType), C("SCARD", "k").Want(":1\r\n")),

	// SPOP
	cs("SPOP without count", C("SADD", "k", "only"), C("SPOP", "k").Want("$4\r\nonly\r\n"), C("EXISTS", "k").Want(":0\r\n"),
		C("SPOP", "nokey").Want("$-1\r\n"), C("SADD", "i", "5"), C("SPOP", "i").Want("$1\r\n5\r\n"),
		saddN("big", "m", 0, 50), C("SPOP", "big").Ignore().IsType('$'), C("SCARD", "big").Want(":49\r\n")),
	cs("SPOP with a count of at least the size takes the whole set", C("SADD", "k", "3", "1", "2"),
		C("SPOP", "k", "3"), C("EXISTS", "k").Want(":0\r\n"), C("SADD", "k", "3", "1", "a"), C("SPOP", "k", "10").Sorted(),
		C("SPOP", "k", "10").Want("*0\r\n"), saddN("k", "", 0, 600), C("SPOP", "k", "600").Sorted(), C("EXISTS", "k").Want(":0\r\n")),
	cs("SPOP with counts", saddN("k", "", 0, 100), saddN("h", "m", 0, 100),
		C("SPOP", "k", "0").Want("*0\r\n"), C("SPOP", "nokey", "5").Want("*0\r\n"),
		C("SPOP", "k", "10").Ignore().Check(sCheckMembers(10, true)), C("SCARD", "k").Want(":90\r\n"),
		C("SPOP", "k", "80").Ignore().Check(sCheckMembers(80, true)), C("SCARD", "k").Want(":10\r\n"), C("OBJECT", "ENCODING", "k").Want("$6\r\nintset\r\n"),
		C("SPOP", "h", "10").Ignore().Check(sCheckMembers(10, true)), C("SPOP", "h", "85").Ignore().Check(sCheckMembers(85, true)),
		C("SCARD", "h").Want(":5\r\n")),
	cs("SPOP that keeps a few members builds a new set", saddN("k", "", 1, 10), C("SADD", "k", "x"), C("SREM", "k", "x"),
		C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"), C("SPOP", "k", "9").Ignore().Check(sCheckMembers(9, true)),
		C("SCARD", "k").Want(":1\r\n"), C("OBJECT", "ENCODING", "k").Want("$6\r\nintset\r\n"),
		saddN("j", "", 1, 10), C("SADD", "j", "x"), C("SPOP", "j", "5").Ignore(), C("SCARD", "j").Want(":6\r\n")),
	cs("SPOP errors", C("SADD", "k", "a"), C("SET", "s", "v"),
		C("SPOP", "k", "-1").WantErr(errSetPositive), C("SPOP", "k", "x").WantErr(errSetPositive), C("SPOP", "nokey", "-1").WantErr(errSetPositive),
		C("SPOP", "k", "1", "2").WantErr(errSyntax), C("SPOP", "s").WantErr(errWrongType), C("SPOP", "s", "1").WantErr(errWrongType),
		C("SPOP", "s", "0").WantErr(errWrongType), C("SPOP").WantErr(arity("spop")), C("SCARD", "k").Want(":1\r\n")),
	cs("SPOP under RESP3", hello("3"), C("SADD", "k", "1", "2"), C("SPOP", "k", "0").Want("~0\r\n"), C("SPOP", "nokey", "2").Want("~0\r\n"),
		C("SPOP", "nokey").Want("_\r\n"), C("SPOP", "k", "1").Ignore().IsType('~'), C("SPOP", "k", "5").Ignore().IsType('~'),
		C("SADD", "k", "3", "1", "2"), C("SPOP", "k", "5")),

	// SRANDMEMBER
	cs("SRANDMEMBER", C("SADD", "k", "3", "1", "2"), C("SRANDMEMBER", "k", "3"), C("SRANDMEMBER", "k", "100"),
		C("SRANDMEMBER", "k", "0").Want("*0\r\n"), C("SRANDMEMBER", "nokey", "3").Want("*0\r\n"), C("SRANDMEMBER", "nokey").Want("$-1\r\n"),
		C("SADD", "one", "x"), C("SRANDMEMBER", "one"), C("SRANDMEMBER", "one", "-3"), C("SRANDMEMBER", "one", "1"),
		C("SRANDMEMBER", "k").Ignore().IsType('$'), C("SCARD", "k").Want(":3\r\n")),
	cs("SRANDMEMBER random counts", saddN("k", "", 0, 100), saddN("h", "m", 0, 600),
		C("SRANDMEMBER", "k", "5").Ignore().Check(sCheckMembers(5, true)), C("SRANDMEMBER", "k", "90").Ignore().Check(sCheckMembers(90, true)),
		C("SRANDMEMBER", "k", "-200").Ignore().Check(sCheckMembers(200, false)), C("SRANDMEMBER", "h", "10").Ignore().Check(sCheckMembers(10, true)),
		C("SRANDMEMBER", "h", "500").Ignore().Check(sCheckMembers(500, true)), C("SRANDMEMBER", "h", "600").Sorted(),
		C("SRANDMEMBER", "h", "-3").Ignore().Check(sCheckMembers(3, false))),
	cs("SRANDMEMBER errors and RESP3", C("SADD", "k", "1", "2"), C("SET", "s", "v"),
		C("SRANDMEMBER", "k", "x").WantErr(errNotInt), C("SRANDMEMBER", "k", "-9223372036854775808").WantErr(errRangeLong),
		C("SRANDMEMBER", "k", "1", "2").WantErr(errSyntax), C("SRANDMEMBER", "s").WantErr(errWrongType), C("SRANDMEMBER", "s", "1").WantErr(errWrongType),
		hello("3"), C("SRANDMEMBER", "k", "5"), C("SRANDMEMBER", "nokey").Want("_\r\n"), C("SRANDMEMBER", "nokey", "2").Want("*0\r\n"),
		C("SRANDMEMBER", "k", "-2").Ignore().IsType('*')),

	// SINTER, SUNION, SDIFF
	cs("SINTER", C("SADD", "a", "1", "2", "3", "4"), C("SADD", "b", "2", "3", "5"), C("SADD", "c", "3", "2", "x"),
		C("SINTER", "a", "b"), C("SINTER", "b", "a"), C("SINTER", "a", "b", "c").Sorted(), C("SINTER", "a"), C("SINTER", "a", "a"),
		C("SINTER", "a", "nokey").Want("*0\r\n"), C("SINTER", "nokey", "a").Want("*0\r\n"), C("SINTER", "c", "c").Sorted(),
		C("SET", "s", "v"), C("SINTER", "a", "s").WantErr(errWrongType), C("SINTER", "nokey", "s").WantErr(errWrongType),
		C("SINTER", "s", "nokey").WantErr(errWrongType)),
	cs("SUNION and SDIFF", C("SADD", "a", "1", "2", "3", "4"), C("SADD", "b", "2", "3", "5"), C("SADD", "c", "3", "x"),
		C("SUNION", "a", "b"), C("SUNION", "a", "b", "c").Sorted(), C("SUNION", "nokey", "a"), C("SUNION", "nokey").Want("*0\r\n"),
		C("SDIFF", "a", "b"), C("SDIFF", "a", "b", "c"), C("SDIFF", "a", "nokey"), C("SDIFF", "nokey", "a").Want("*0\r\n"),
		C("SDIFF", "a", "a").Want("*0\r\n"), C("SDIFF", "c", "a").Want("*1\r\n$1\r\nx\r\n"), C("SDIFF", "a", "b", "a").Want("*0\r\n"),
		C("SET", "s", "v"), C("SUNION", "a", "s").WantErr(errWrongType), C("SDIFF", "a", "s").WantErr(errWrongType),
		C("SDIFF", "nokey", "s").WantErr(errWrongType)),
	cs("SINTER SUNION SDIFF under RESP3", hello("3"), C("SADD", "a", "1", "2"), C("SADD", "b", "2", "3"),
		C("SINTER", "a", "b"), C("SUNION", "a", "b"), C("SDIFF", "a", "b"), C("SINTER", "a", "nokey").Want("~0\r\n"),
		C("SUNION", "nokey").Want("~0\r\n"), C("SDIFF", "nokey").Want("~0\r\n")),
	cs("SINTER SUNION SDIFF of hashtables", saddN("a", "m", 0, 600), saddN("b", "m", 300, 600),
		C("SINTER", "a", "b").Sorted(), C("SUNION", "a", "b").Sorted(), C("SDIFF", "a", "b").Sorted(), C("SDIFF", "b", "a").Sorted()),

	// The STORE forms and SINTERCARD
	cs("SINTERSTORE SUNIONSTORE SDIFFSTORE", C("SADD", "a", "1", "2", "3", "4"), C("SADD", "b", "2", "3", "5"), C("SADD", "c", "3", "x"),
		C("SINTERSTORE", "d", "a", "b").Want(":2\r\n"), C("SMEMBERS", "d"), C("OBJECT", "ENCODING", "d").Want("$6\r\nintset\r\n"),
		C("SUNIONSTORE", "d", "a", "c").Want(":5\r\n"), C("SMEMBERS", "d").Sorted(), C("OBJECT", "ENCODING", "d").Want("$9\r\nhashtable\r\n"),
		C("SDIFFSTORE", "d", "a", "b").Want(":2\r\n"), C("SMEMBERS", "d"), C("OBJECT", "ENCODING", "d").Want("$6\r\nintset\r\n"),
		C("SINTERSTORE", "c2", "c", "c"), C("OBJECT", "ENCODING", "c2").Want("$9\r\nhashtable\r\n"),
		C("SINTERSTORE", "d", "a", "nokey").Want(":0\r\n"), C("EXISTS", "d").Want(":0\r\n"),
		C("SET", "d", "v"), C("EXPIRE", "d", "100"), C("SUNIONSTORE", "d", "a").Want(":4\r\n"), C("TYPE", "d").Want("+set\r\n"), C("TTL", "d").Want(":-1\r\n"),
		C("SDIFFSTORE", "d", "a", "a").Want(":0\r\n"), C("EXISTS", "d").Want(":0\r\n"), C("SUNIONSTORE", "d", "nokey").Want(":0\r\n"),
		C("SUNIONSTORE", "a", "a", "b").Want(":5\r\n"), C("SMEMBERS", "a"),
		C("SET", "s", "v"), C("SINTERSTORE", "d", "s").WantErr(errWrongType), C("SUNIONSTORE", "s", "a"), C("TYPE", "s").Want("+set\r\n")),
	cs("STORE results of many integers", saddN("a", "", 0, 600), saddN("b", "", 0, 100), C("OBJECT", "ENCODING", "a").Want("$9\r\nhashtable\r\n"),
		C("SINTERSTORE", "d", "a", "b"), C("OBJECT", "ENCODING", "d").Want("$6\r\nintset\r\n"),
		C("SDIFFSTORE", "d", "a", "b"), C("OBJECT", "ENCODING", "d"), C("SUNIONSTORE", "d", "a"), C("OBJECT", "ENCODING", "d")),
	cs("SDIFFSTORE's two algorithms show in the encoding", saddN("a", "", 1, 10), C("SADD", "a", "x"), C("SADD", "small", "x"), C("SADD", "other", "99"),
		C("SDIFFSTORE", "d2", "a", "small", "other").Want(":10\r\n"), C("OBJECT", "ENCODING", "d2").Want("$9\r\nhashtable\r\n"),
		saddN("large", "", 20, 11), C("SADD", "large", "x"),
		C("SDIFFSTORE", "d1", "a", "large", "other").Want(":10\r\n"), C("OBJECT", "ENCODING", "d1").Want("$6\r\nintset\r\n"),
		C("SDIFF", "a", "small", "other").Sorted(), C("SDIFF", "a", "large", "other")),
	cs("SINTERCARD", C("SADD", "a", "1", "2", "3"), C("SADD", "b", "1", "2", "3", "4"), C("SET", "s", "v"),
		C("SINTERCARD", "2", "a", "b").Want(":3\r\n"), C("SINTERCARD", "2", "a", "b", "LIMIT", "2").Want(":2\r\n"),
		C("SINTERCARD", "2", "a", "b", "LIMIT", "0").Want(":3\r\n"), C("SINTERCARD", "2", "a", "b", "limit", "10").Want(":3\r\n"),
		C("SINTERCARD", "1", "a"), C("SINTERCARD", "2", "a", "nokey").Want(":0\r\n"), C("SINTERCARD", "1", "nokey").Want(":0\r\n"),
		C("SINTERCARD", "2", "a", "b", "LIMIT", "-1").WantErr(errSetLimitNeg), C("SINTERCARD", "2", "a", "b", "LIMIT", "x").WantErr(errSetLimitNeg),
		C("SINTERCARD", "2", "a", "b", "LIMIT").WantErr(errSyntax), C("SINTERCARD", "2", "a", "b", "FOO").WantErr(errSyntax),
		C("SINTERCARD", "3", "a", "b").WantErr(errSetNumkeysArgs), C("SINTERCARD", "0", "a").WantErr(errSetNumkeys),
		C("SINTERCARD", "x", "a").WantErr(errSetNumkeys), C("SINTERCARD", "-1", "a").WantErr(errSetNumkeys),
		C("SINTERCARD", "1", "s").WantErr(errWrongType), C("SINTERCARD", "2", "nokey", "s").WantErr(errWrongType),
		C("SINTERCARD", "1", "s", "LIMIT", "x").WantErr(errSetLimitNeg), C("SINTERCARD", "1").WantErr(arity("sintercard"))),
	cs("set command arity and missing keys", C("SADD", "k").WantErr(arity("sadd")), C("SREM", "k").WantErr(arity("srem")),
		C("SMOVE", "a", "b").WantErr(arity("smove")), C("SINTER").WantErr(arity("sinter")), C("SINTERSTORE", "d").WantErr(arity("sinterstore")),
		C("SSCAN", "k").WantErr(arity("sscan")), C("SMISMEMBER", "k").WantErr(arity("smismember"))),

	// SSCAN
	cs("SSCAN of an intset returns everything at once", C("SADD", "k", "5", "1", "10", "-3"),
		C("SSCAN", "k", "0"), C("SSCAN", "k", "0", "COUNT", "1"), C("SSCAN", "k", "77"), C("SSCAN", "k", "0", "MATCH", "1*")),
	cs("SSCAN of a hashtable", saddN("k", "m", 0, 700),
		ScanAll("SSCAN", "k", "{{cursor}}"), ScanAll("SSCAN", "k", "{{cursor}}", "COUNT", "3"), ScanAll("SSCAN", "k", "{{cursor}}", "MATCH", "m1*", "COUNT", "100"),
		C("SADD", "small", "a", "b"), ScanAll("SSCAN", "small", "{{cursor}}")),
	cs("SSCAN errors, a missing key and RESP3", C("SADD", "k", "1"), C("SET", "s", "v"),
		C("SSCAN", "nokey", "0").Want("*2\r\n$1\r\n0\r\n*0\r\n"), C("SSCAN", "k", "x").WantErr(errZInvCursor),
		C("SSCAN", "k", "0", "COUNT", "0").WantErr(errSyntax), C("SSCAN", "k", "0", "MATCH").WantErr(errSyntax),
		C("SSCAN", "s", "0").WantErr(errWrongType), hello("3"), C("SSCAN", "k", "0")),

	// Wrong type
	cs("set commands on a string", C("SET", "s", "v"),
		C("SADD", "s", "a").WantErr(errWrongType), C("SREM", "s", "a").WantErr(errWrongType), C("SMEMBERS", "s").WantErr(errWrongType),
		C("SISMEMBER", "s", "a").WantErr(errWrongType), C("SCARD", "s").WantErr(errWrongType), C("SSCAN", "s", "0").WantErr(errWrongType),
		C("SUNIONSTORE", "d", "s").WantErr(errWrongType), C("SDIFFSTORE", "d", "s").WantErr(errWrongType),
		C("HSET", "h", "f", "v"), C("SCARD", "h").WantErr(errWrongType), C("SADD", "z", "m"), C("HGET", "z", "m").WantErr(errWrongType),
		C("GET", "z").WantErr(errWrongType), C("ZSCORE", "z", "m").WantErr(errWrongType)),

	// Encodings
	cs("set encoding follows set-max-intset-entries", saddN("k", "", 0, 512), C("OBJECT", "ENCODING", "k").Want("$6\r\nintset\r\n"),
		C("SADD", "k", "0"), C("OBJECT", "ENCODING", "k").Want("$6\r\nintset\r\n"),
		C("SADD", "k", "512"), C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"),
		C("SREM", "k", "512", "0"), C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"), C("SMEMBERS", "k").Sorted()),
	cs("set encoding with changed limits", C("CONFIG", "SET", "set-max-intset-entries", "2"),
		C("SADD", "k", "1", "2"), C("OBJECT", "ENCODING", "k"), C("SADD", "k", "3"), C("OBJECT", "ENCODING", "k"),
		C("CONFIG", "SET", "set-max-intset-entries", "0"), C("SADD", "z", "1"), C("OBJECT", "ENCODING", "z"),
		C("SMOVE", "k", "m", "1"), C("OBJECT", "ENCODING", "m"), C("CONFIG", "GET", "set-max-intset-entries")),

	// Keyspace commands on sets
	cs("keyspace commands on a set", C("SADD", "k", "1", "2", "3"),
		C("RENAME", "k", "k2"), C("SMEMBERS", "k2"), C("COPY", "k2", "k3"), C("SADD", "k3", "a"), C("SREM", "k3", "1"),
		C("SMEMBERS", "k2"), C("SMEMBERS", "k3").Sorted(), C("OBJECT", "ENCODING", "k2").Want("$6\r\nintset\r\n"),
		C("MOVE", "k3", "1"), C("SELECT", "1"), C("SCARD", "k3").Want(":3\r\n"), C("SELECT", "0"),
		C("DEL", "k2").Want(":1\r\n"), C("EXISTS", "k2").Want(":0\r\n")),
	cs("COPY of a hashtable set", saddN("k", "m", 0, 600), C("COPY", "k", "c"), C("OBJECT", "ENCODING", "c").Want("$9\r\nhashtable\r\n"),
		C("SPOP", "c", "10").Ignore(), C("SADD", "k", "new"), C("SCARD", "k").Want(":601\r\n"), C("SCARD", "c").Want(":590\r\n")),
	cs("SCAN TYPE set", C("SADD", "s1", "a"), C("SADD", "s2", "1"), C("HSET", "h", "f", "v"), C("SET", "str", "v"),
		ScanAll("SCAN", "{{cursor}}", "TYPE", "set"), ScanAll("SCAN", "{{cursor}}", "TYPE", "hash"), ScanAll("SCAN", "{{cursor}}", "TYPE", "string"),
		C("MEMORY", "USAGE", "s1").Ignore().Check(checkInt)),

	// ZUNION, ZINTER, ZDIFF take sets, every member scoring 1
	cs("sorted set operations with sets as inputs", C("SADD", "s", "x", "y", "z"), C("SADD", "i", "1", "2"), C("ZADD", "z", "5", "x", "7", "w"),
		C("ZUNION", "2", "s", "z", "WITHSCORES"), C("ZINTER", "2", "s", "z", "WITHSCORES"), C("ZDIFF", "2", "s", "z", "WITHSCORES"),
		C("ZUNION", "3", "s", "z", "i", "WEIGHTS", "2", "1", "3", "WITHSCORES"), C("ZINTER", "2", "s", "z", "AGGREGATE", "MAX", "WITHSCORES"),
		C("ZUNIONSTORE", "d", "2", "s", "i"), C("ZRANGE", "d", "0", "-1", "WITHSCORES"), C("TYPE", "d").Want("+zset\r\n"),
		C("ZINTERSTORE", "d", "2", "s", "s"), C("ZRANGE", "d", "0", "-1", "WITHSCORES"), C("ZDIFFSTORE", "d", "2", "z", "s"),
		C("ZRANGE", "d", "0", "-1", "WITHSCORES"), C("ZINTERCARD", "2", "s", "z").Want(":1\r\n"), C("ZDIFF", "2", "s", "s").Want("*0\r\n"),
		C("ZUNION", "1", "i"), C("HSET", "h", "f", "v"), C("ZUNION", "2", "s", "h").WantErr(errWrongType)),

	// WATCH sees exactly the changes
	cs("WATCH and set writes", C("SADD", "k", "1", "2"), C("SADD", "d", "1"),
		C("WATCH", "k"), C("SADD", "k", "1").On(1), C("SREM", "k", "9").On(1), C("SMOVE", "k", "k", "1").On(1), C("SMOVE", "k", "d", "9").On(1),
		C("SPOP", "k", "0").On(1), C("SINTERSTORE", "x", "k").On(1), C("MULTI"), C("SCARD", "k"), C("EXEC").Want("*1\r\n:2\r\n"),
		C("WATCH", "d"), C("SMOVE", "k", "d", "1").On(1), C("MULTI"), C("SCARD", "d"), C("EXEC").Want("*1\r\n:1\r\n"),
		C("WATCH", "k"), C("SMOVE", "k", "d", "2").On(1), C("MULTI"), C("SCARD", "k"), C("EXEC").Want("*-1\r\n"),
		C("SADD", "k", "5", "6"), C("WATCH", "d"), C("SMOVE", "k", "d", "5").On(1), C("MULTI"), C("SCARD", "d"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "k"), C("SPOP", "k").On(1), C("MULTI"), C("SCARD", "k"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "y"), C("SDIFFSTORE", "y", "nokey").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*1\r\n+PONG\r\n"),
		C("WATCH", "x"), C("SDIFFSTORE", "x", "nokey").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "x"), C("SUNIONSTORE", "x", "d").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*-1\r\n")),
	cs("set commands in MULTI", C("MULTI"), C("SADD", "k", "2", "1"), C("SPOP", "k", "5"), C("SADD", "k", "b"), C("SMEMBERS", "k"), C("EXEC")),

	// COMMAND INFO and DOCS
	cs("COMMAND INFO of set commands",
		C("COMMAND", "INFO", "sadd", "srem", "smembers", "sismember", "smismember", "scard", "spop", "srandmember", "smove"),
		C("COMMAND", "INFO", "sinter", "sunion", "sdiff", "sinterstore", "sunionstore", "sdiffstore", "sintercard", "sscan"),
		hello("3"), C("COMMAND", "INFO", "smove", "sintercard")),
	cs("COMMAND GETKEYS of set commands",
		C("COMMAND", "GETKEYS", "SMOVE", "a", "b", "m"), C("COMMAND", "GETKEYS", "SINTERSTORE", "d", "a", "b"),
		C("COMMAND", "GETKEYSANDFLAGS", "SUNIONSTORE", "d", "a", "b"), C("COMMAND", "GETKEYS", "SINTERCARD", "2", "a", "b", "LIMIT", "1")),
	cs("COMMAND DOCS of set commands",
		C("COMMAND", "DOCS", "sadd", "srem", "smembers", "sismember", "smismember", "scard", "spop", "srandmember", "smove"),
		C("COMMAND", "DOCS", "sinter", "sunion", "sdiff", "sinterstore", "sunionstore", "sdiffstore", "sintercard", "sscan"),
		hello("3"), C("COMMAND", "DOCS", "spop", "sintercard")),
}

func init() { allCases["TestCompatSet"] = setCases }

func TestCompatSet(t *testing.T) { newSuite(t).run(setCases) }
