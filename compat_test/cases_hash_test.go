package compat_test

import (
	"fmt"
	"strings"
	"testing"
)

// Hash cases: every command, its options and its errors, the listpack
// and hashtable encodings, RESP2 and RESP3, side by side with
// redis-server 7.0.15. A small hash keeps insertion order (a listpack),
// so its replies are compared byte for byte; a big one is compared
// sorted.

const (
	errHashNotInt   = "ERR hash value is not an integer"
	errHashNotFloat = "ERR hash value is not a float"
	errNaNOrInf     = "ERR value is NaN or Infinity"
	errIncrNaN      = "ERR increment would produce NaN or Infinity"
	errOutOfRange   = "ERR value is out of range"
	errRangeLong    = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"
)

// hsetN sets n fields prefix0..prefix<n-1> of key, each to "v" and its
// number, in one HSET.
func hsetN(key, prefix string, n int) Step {
	args := []string{"HSET", key}
	for i := 0; i < n; i++ {
		args = append(args, fmt.Sprintf("%s%d", prefix, i), fmt.Sprintf("v%d", i))
	}
	return C(args...)
}

// hABC is a small hash in a known order: c=3 a=1 b=2 n=-12.
func hABC(key string) Step { return C("HSET", key, "c", "3", "a", "1", "b", "2", "n", "-12") }

// hCheckDistinct checks HRANDFIELD's array of n distinct fields: flat
// (pairs: field, value in RESP2 WITHVALUES) or nested (RESP3 pairs).
func hCheckDistinct(n int, pairs bool) func(v *Value) error { return zCheckDistinct(n, pairs) }

var hashCases = []Case{
	// HSET, HGET, HMSET, HMGET, HSETNX
	cs("HSET and HGET", C("HSET", "k", "f1", "v1", "f2", "v2").Want(":2\r\n"), C("HSET", "k", "f1", "x", "f3", "v3").Want(":1\r\n"),
		C("HGET", "k", "f1").Want("$1\r\nx\r\n"), C("HGET", "k", "nope").Want("$-1\r\n"), C("HGET", "nokey", "f").Want("$-1\r\n"),
		C("HLEN", "k").Want(":3\r\n"), C("TYPE", "k").Want("+hash\r\n"), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("HSET", "k", "f1", "x").Want(":0\r\n"), C("HSET", "k", "", "empty field"), C("HGET", "k", ""), C("HSET", "k", "e", ""), C("HGET", "k", "e").Want("$0\r\n\r\n"),
		C("HSET", "k", "dup", "1", "dup", "2").Want(":1\r\n"), C("HGET", "k", "dup").Want("$1\r\n2\r\n"), C("HGETALL", "k")),
	cs("HSET and HMSET arity", C("HSET", "k", "f").WantErr(arity("hset")), C("HSET", "k").WantErr(arity("hset")),
		C("HSET", "k", "f", "v", "g").WantErr(arity("hset")), C("HMSET", "k", "f", "v", "g").WantErr(arity("hmset")),
		C("HMSET", "k", "f").WantErr(arity("hmset")), C("hset", "k", "f", "v", "g").WantErr(arity("hset")),
		C("EXISTS", "k").Want(":0\r\n"), C("HSETNX", "k", "f").WantErr(arity("hsetnx")), C("HGET", "k").WantErr(arity("hget")),
		C("HMGET", "k").WantErr(arity("hmget")), C("HDEL", "k").WantErr(arity("hdel")), C("HLEN").WantErr(arity("hlen")),
		C("HINCRBY", "k", "f").WantErr(arity("hincrby")), C("HRANDFIELD").WantErr(arity("hrandfield")), C("HSCAN", "k").WantErr(arity("hscan"))),
	cs("HMSET and HMGET", C("HMSET", "k", "a", "1", "b", "2").Want("+OK\r\n"), C("hmset", "k", "a", "3").Want("+OK\r\n"),
		C("HMGET", "k", "a", "nope", "b", "a"), C("HMGET", "nokey", "a", "b").Want("*2\r\n$-1\r\n$-1\r\n"), C("HGETALL", "k")),
	cs("HSETNX", C("HSETNX", "k", "f", "1").Want(":1\r\n"), C("HSETNX", "k", "f", "2").Want(":0\r\n"), C("HGET", "k", "f").Want("$1\r\n1\r\n"),
		C("HSETNX", "k", "g", "2").Want(":1\r\n"), C("HGETALL", "k")),

	// Order of a listpack, HGETALL, HKEYS, HVALS
	cs("a small hash keeps insertion order", hABC("k"), C("HGETALL", "k"), C("HSET", "k", "a", "9"), C("HDEL", "k", "c"),
		C("HSET", "k", "c", "4", "z", "26"), C("HGETALL", "k"), C("HKEYS", "k"), C("HVALS", "k"),
		C("HSET", "k", "b", strings.Repeat("x", 60)), C("HSET", "k", "b", "shorter"), C("HGETALL", "k")),
	cs("HGETALL HKEYS HVALS of a missing key", C("HGETALL", "nokey").Want("*0\r\n"), C("HKEYS", "nokey").Want("*0\r\n"), C("HVALS", "nokey").Want("*0\r\n")),
	cs("HGETALL under RESP3", hello("3"), hABC("k"), C("HGETALL", "k"), C("HKEYS", "k"), C("HVALS", "k"),
		C("HGETALL", "nokey").Want("%0\r\n"), C("HKEYS", "nokey").Want("*0\r\n"), C("HGET", "nokey", "f").Want("_\r\n"), C("HMGET", "k", "a", "x")),
	cs("HGETALL of a hashtable", hsetN("k", "f", 600), C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"),
		C("HGETALL", "k").SortedPairs(), C("HKEYS", "k").Sorted(), C("HVALS", "k").Sorted(), C("HLEN", "k").Want(":600\r\n"),
		hello("3"), C("HGETALL", "k").Sorted()),

	// HDEL, HEXISTS, HLEN, HSTRLEN
	cs("HDEL", hABC("k"), C("HDEL", "k", "a", "nope", "a").Want(":1\r\n"), C("HDEL", "k", "nope").Want(":0\r\n"), C("HDEL", "nokey", "a").Want(":0\r\n"),
		C("HGETALL", "k"), C("HDEL", "k", "c", "b", "n", "x").Want(":3\r\n"), C("EXISTS", "k").Want(":0\r\n"), C("TYPE", "k").Want("+none\r\n")),
	cs("HDEL empties a hashtable", hsetN("k", "f", 600), C("HDEL", "k", "f0", "f1").Want(":2\r\n"), C("HLEN", "k").Want(":598\r\n"),
		C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n")),
	cs("HEXISTS HLEN HSTRLEN", hABC("k"), C("HSET", "k", "long", strings.Repeat("y", 50), "neg", "-9223372036854775808"),
		C("HEXISTS", "k", "a").Want(":1\r\n"), C("HEXISTS", "k", "x").Want(":0\r\n"), C("HEXISTS", "nokey", "a").Want(":0\r\n"),
		C("HLEN", "k").Want(":6\r\n"), C("HLEN", "nokey").Want(":0\r\n"),
		C("HSTRLEN", "k", "n").Want(":3\r\n"), C("HSTRLEN", "k", "long").Want(":50\r\n"), C("HSTRLEN", "k", "neg").Want(":20\r\n"),
		C("HSTRLEN", "k", "x").Want(":0\r\n"), C("HSTRLEN", "nokey", "x").Want(":0\r\n")),

	// HINCRBY, HINCRBYFLOAT
	cs("HINCRBY", C("HINCRBY", "k", "f", "5").Want(":5\r\n"), C("HINCRBY", "k", "f", "-7").Want(":-2\r\n"), C("HINCRBY", "k", "g", "0").Want(":0\r\n"),
		C("HSET", "k", "max", "9223372036854775807", "min", "-9223372036854775808", "s", "abc", "z", "007", "sp", " 1", "mz", "-0"),
		C("HINCRBY", "k", "max", "1").WantErr(errOverflow), C("HINCRBY", "k", "min", "-1").WantErr(errOverflow),
		C("HINCRBY", "k", "max", "-1").Want(":9223372036854775806\r\n"), C("HINCRBY", "k", "min", "9223372036854775807").Want(":-1\r\n"),
		C("HINCRBY", "k", "s", "1").WantErr(errHashNotInt), C("HINCRBY", "k", "z", "1").WantErr(errHashNotInt),
		C("HINCRBY", "k", "sp", "1").WantErr(errHashNotInt), C("HINCRBY", "k", "mz", "1").WantErr(errHashNotInt),
		C("HINCRBY", "k", "f", "1.5").WantErr(errNotInt), C("HINCRBY", "k", "f", "x").WantErr(errNotInt),
		C("HINCRBY", "k", "f", "9223372036854775808").WantErr(errNotInt), C("HINCRBY", "nokey", "f", "x").WantErr(errNotInt),
		C("EXISTS", "nokey").Want(":0\r\n"), C("HGETALL", "k")),
	cs("HINCRBYFLOAT", C("HINCRBYFLOAT", "k", "f", "10.5").Want("$4\r\n10.5\r\n"), C("HINCRBYFLOAT", "k", "f", "0.1").Want("$4\r\n10.6\r\n"),
		C("HINCRBYFLOAT", "k", "f", "-5.6").Want("$1\r\n5\r\n"), C("HINCRBYFLOAT", "k", "f", "5.0e3"), C("HINCRBYFLOAT", "k", "g", "1e17"),
		C("HINCRBYFLOAT", "k", "g", "-1e17").Want("$1\r\n0\r\n"), C("HINCRBYFLOAT", "k", "h", "-0.0").Want("$1\r\n0\r\n"),
		C("HINCRBYFLOAT", "k", "i", "0x10"), C("HINCRBYFLOAT", "k", "i", "1.23456789012345678901234"),
		C("HSET", "k", "int", "10", "big", "1e400", "s", "abc", "sp", " 1", "top", "1e4932"),
		C("HINCRBYFLOAT", "k", "int", "1.5").Want("$4\r\n11.5\r\n"), C("HINCRBYFLOAT", "k", "big", "1"),
		C("HINCRBYFLOAT", "k", "s", "1").WantErr(errHashNotFloat), C("HINCRBYFLOAT", "k", "sp", "1").WantErr(errHashNotFloat),
		C("HINCRBYFLOAT", "k", "top", "1e4932").WantErr(errIncrNaN), C("HGET", "k", "top"),
		C("HINCRBYFLOAT", "k", "f", "x").WantErr(errNotFloat), C("HINCRBYFLOAT", "k", "f", "").WantErr(errNotFloat),
		C("HINCRBYFLOAT", "k", "f", "nan").WantErr(errNotFloat), C("HINCRBYFLOAT", "k", "f", " 1").WantErr(errNotFloat),
		C("HINCRBYFLOAT", "k", "f", "inf").WantErr(errNaNOrInf), C("HINCRBYFLOAT", "k", "f", "-infinity").WantErr(errNaNOrInf),
		C("HINCRBYFLOAT", "nokey", "f", "inf").WantErr(errNaNOrInf), C("EXISTS", "nokey").Want(":0\r\n"),
		C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"), C("HGETALL", "k").SortedPairs()),
	cs("HINCRBY and HINCRBYFLOAT under RESP3", hello("3"), C("HINCRBY", "k", "f", "2").Want(":2\r\n"), C("HINCRBYFLOAT", "k", "f", "0.5"),
		C("HINCRBYFLOAT", "k", "f", "x")),

	// HRANDFIELD
	cs("HRANDFIELD without count", C("HSET", "k", "only", "1"), C("HRANDFIELD", "k").Want("$4\r\nonly\r\n"),
		C("HRANDFIELD", "nokey").Want("$-1\r\n"), C("SET", "s", "v"), C("HRANDFIELD", "s").WantErr(errWrongType),
		hsetN("big", "f", 600), C("HRANDFIELD", "big").Ignore().IsType('$')),
	cs("HRANDFIELD with a count of at least the size returns the whole hash in order", hABC("k"),
		C("HRANDFIELD", "k", "4"), C("HRANDFIELD", "k", "10", "WITHVALUES"), C("HRANDFIELD", "k", "4611686018427387903", "withvalues"),
		C("HRANDFIELD", "k", "0").Want("*0\r\n"), C("HRANDFIELD", "k", "0", "WITHVALUES").Want("*0\r\n"),
		C("HRANDFIELD", "nokey", "5").Want("*0\r\n"), C("HRANDFIELD", "nokey", "-5", "WITHVALUES").Want("*0\r\n")),
	cs("HRANDFIELD of a hashtable with a count of at least the size", hsetN("k", "f", 600),
		C("HRANDFIELD", "k", "600").Sorted(), C("HRANDFIELD", "k", "700", "WITHVALUES").SortedPairs()),
	cs("HRANDFIELD negative and single counts", C("HSET", "k", "a", "1"),
		C("HRANDFIELD", "k", "-3"), C("HRANDFIELD", "k", "-2", "WITHVALUES"), C("HRANDFIELD", "k", "1"), C("HRANDFIELD", "k", "1", "withvalues")),
	cs("HRANDFIELD random counts", hABC("k"), hsetN("big", "f", 600), hsetN("mid", "f", 100),
		C("HRANDFIELD", "k", "3").Ignore().Check(hCheckDistinct(3, false)),
		C("HRANDFIELD", "k", "2", "WITHVALUES").Ignore().Check(hCheckDistinct(2, true)),
		C("HRANDFIELD", "k", "-20").Ignore().Check(zCheckLen(20)), C("HRANDFIELD", "k", "-20", "WITHVALUES").Ignore().Check(zCheckLen(40)),
		C("HRANDFIELD", "mid", "20").Ignore().Check(hCheckDistinct(20, false)), C("HRANDFIELD", "mid", "90").Ignore().Check(hCheckDistinct(90, false)),
		C("HRANDFIELD", "big", "500").Ignore().Check(hCheckDistinct(500, false)),
		C("HRANDFIELD", "big", "10", "WITHVALUES").Ignore().Check(hCheckDistinct(10, true)),
		C("HRANDFIELD", "big", "-1000").Ignore().Check(zCheckLen(1000))),
	cs("HRANDFIELD under RESP3", hello("3"), hABC("k"), C("HRANDFIELD", "k", "10", "WITHVALUES"), C("HRANDFIELD", "k", "10"),
		C("HRANDFIELD", "k", "2", "WITHVALUES").Ignore().Check(hCheckDistinct(2, false)),
		C("HSET", "one", "x", "7"), C("HRANDFIELD", "one", "-2", "WITHVALUES"), C("HRANDFIELD", "one", "1", "WITHVALUES"),
		C("HRANDFIELD", "nokey").Want("_\r\n"), C("HRANDFIELD", "nokey", "1").Want("*0\r\n")),
	cs("HRANDFIELD errors", hABC("k"),
		C("HRANDFIELD", "k", "x").WantErr(errNotInt), C("HRANDFIELD", "nokey", "x").WantErr(errNotInt),
		C("HRANDFIELD", "k", "-9223372036854775808").WantErr(errRangeLong),
		C("HRANDFIELD", "k", "-9223372036854775807", "WITHVALUES").WantErr(errOutOfRange),
		C("HRANDFIELD", "k", "-4611686018427387904", "WITHVALUES").WantErr(errOutOfRange),
		C("HRANDFIELD", "k", "4611686018427387904", "WITHVALUES").WantErr(errOutOfRange),
		C("HRANDFIELD", "k", "1", "foo").WantErr(errSyntax), C("HRANDFIELD", "k", "1", "WITHVALUES", "x").WantErr(errSyntax),
		C("HRANDFIELD", "nokey", "1", "bar").WantErr(errSyntax), C("SET", "s", "v"), C("HRANDFIELD", "s", "1").WantErr(errWrongType)),

	// HSCAN
	cs("HSCAN of a listpack returns everything at once", hABC("k"),
		C("HSCAN", "k", "0"), C("HSCAN", "k", "0", "COUNT", "1"), C("HSCAN", "k", "123"), C("HSCAN", "k", "0", "MATCH", "[a-c]"),
		C("HSCAN", "k", "0", "match", "*", "count", "2"), C("HSCAN", "k", "0", "MATCH", "nomatch")),
	cs("HSCAN of a hashtable", hsetN("k", "f", 700),
		ScanAll("HSCAN", "k", "{{cursor}}"), ScanAll("HSCAN", "k", "{{cursor}}", "COUNT", "7"), ScanAll("HSCAN", "k", "{{cursor}}", "MATCH", "f1*", "COUNT", "50")),
	withConf("HSCAN of a big listpack", [][]string{{"hash-max-listpack-entries", "1000"}}, hsetN("k", "f", 700),
		C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"), C("HSCAN", "k", "0", "COUNT", "5")),
	cs("HSCAN under RESP3", hello("3"), hABC("k"), C("HSCAN", "k", "0"), C("HSCAN", "nokey", "0")),
	cs("HSCAN errors and a missing key", hABC("k"), C("SET", "s", "v"),
		C("HSCAN", "nokey", "0").Want("*2\r\n$1\r\n0\r\n*0\r\n"), C("HSCAN", "nokey", "0", "FOO"), C("HSCAN", "nokey", "x").WantErr(errZInvCursor),
		C("HSCAN", "k", "x").WantErr(errZInvCursor), C("HSCAN", "k", "-1"), C("HSCAN", "k", "0", "COUNT", "0").WantErr(errSyntax),
		C("HSCAN", "k", "0", "COUNT", "x").WantErr(errNotInt), C("HSCAN", "k", "0", "MATCH").WantErr(errSyntax),
		C("HSCAN", "k", "0", "TYPE", "hash").WantErr(errSyntax), C("HSCAN", "s", "0").WantErr(errWrongType), C("HSCAN", "s", "x").WantErr(errZInvCursor)),

	// Wrong type, both ways
	cs("hash commands on a string", C("SET", "s", "v"),
		C("HSET", "s", "f", "v").WantErr(errWrongType), C("HMSET", "s", "f", "v").WantErr(errWrongType), C("HSETNX", "s", "f", "v").WantErr(errWrongType),
		C("HGET", "s", "f").WantErr(errWrongType), C("HMGET", "s", "f").WantErr(errWrongType), C("HGETALL", "s").WantErr(errWrongType),
		C("HKEYS", "s").WantErr(errWrongType), C("HVALS", "s").WantErr(errWrongType), C("HDEL", "s", "f").WantErr(errWrongType),
		C("HEXISTS", "s", "f").WantErr(errWrongType), C("HLEN", "s").WantErr(errWrongType), C("HSTRLEN", "s", "f").WantErr(errWrongType),
		C("HINCRBY", "s", "f", "1").WantErr(errWrongType), C("HINCRBYFLOAT", "s", "f", "1").WantErr(errWrongType),
		C("HINCRBYFLOAT", "s", "f", "x").WantErr(errNotFloat), C("HINCRBY", "s", "f", "x").WantErr(errNotInt), C("GET", "s").Want("$1\r\nv\r\n")),
	cs("other commands on a hash", hABC("h"), C("GET", "h").WantErr(errWrongType), C("INCR", "h").WantErr(errWrongType),
		C("APPEND", "h", "x").WantErr(errWrongType), C("ZADD", "h", "1", "a").WantErr(errWrongType), C("ZCARD", "h").WantErr(errWrongType),
		C("SADD", "h", "a").WantErr(errWrongType), C("SCARD", "h").WantErr(errWrongType), C("MGET", "h", "nokey"),
		C("SET", "h", "v").Want("+OK\r\n"), C("TYPE", "h").Want("+string\r\n")),

	// Encodings
	cs("hash encoding follows hash-max-listpack-entries", hsetN("k", "f", 512), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("HSET", "k", "f0", "changed"), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("HSET", "k", "new", "1"), C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"),
		C("HDEL", "k", "new", "f0", "f1"), C("HLEN", "k").Want(":510\r\n"), C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"),
		hsetN("j", "f", 513), C("OBJECT", "ENCODING", "j").Want("$9\r\nhashtable\r\n")),
	cs("hash encoding follows hash-max-listpack-value", C("HSET", "k", "f", strings.Repeat("v", 64)), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("HSET", "k", strings.Repeat("f", 64), "v"), C("OBJECT", "ENCODING", "k").Want("$8\r\nlistpack\r\n"),
		C("HSET", "k", "g", strings.Repeat("v", 65)), C("OBJECT", "ENCODING", "k").Want("$9\r\nhashtable\r\n"),
		C("HSET", "f", strings.Repeat("f", 65), "v"), C("OBJECT", "ENCODING", "f").Want("$9\r\nhashtable\r\n"),
		C("HSET", "x", "a", "1"), C("HSETNX", "x", "a", strings.Repeat("v", 65)), C("OBJECT", "ENCODING", "x").Want("$8\r\nlistpack\r\n"),
		C("HSETNX", "x", "b", strings.Repeat("v", 65)), C("OBJECT", "ENCODING", "x").Want("$9\r\nhashtable\r\n"),
		C("HSET", "y", "a", "1"), C("HINCRBY", "y", strings.Repeat("f", 65), "1"), C("OBJECT", "ENCODING", "y").Want("$9\r\nhashtable\r\n"),
		C("HSET", "z", "a", "1"), C("HINCRBYFLOAT", "z", "a", "1e70"), C("OBJECT", "ENCODING", "z").Want("$9\r\nhashtable\r\n"),
		C("HSET", "w", "a", "1"), C("HINCRBYFLOAT", "w", "a", "1e50"), C("OBJECT", "ENCODING", "w").Want("$8\r\nlistpack\r\n"),
		C("HSET", "v", "a", "1", "b", strings.Repeat("v", 65), "c", "3"), C("OBJECT", "ENCODING", "v").Want("$9\r\nhashtable\r\n"),
		C("HSET", "u", "a", "1"), C("HSET", "u", "a", "2", "b", strings.Repeat("v", 65)), C("OBJECT", "ENCODING", "u").Want("$9\r\nhashtable\r\n")),
	cs("hash encoding with changed limits", C("CONFIG", "SET", "hash-max-listpack-entries", "2"),
		C("HSET", "k", "a", "1", "b", "2"), C("OBJECT", "ENCODING", "k"), C("HSET", "k", "c", "3"), C("OBJECT", "ENCODING", "k"),
		C("CONFIG", "SET", "hash-max-listpack-entries", "0"), C("HSET", "z", "a", "1"), C("OBJECT", "ENCODING", "z"),
		C("HSETNX", "n", "a", "1"), C("OBJECT", "ENCODING", "n"),
		C("CONFIG", "SET", "hash-max-ziplist-entries", "128", "hash-max-ziplist-value", "1"),
		C("HSET", "v", "a", "1"), C("OBJECT", "ENCODING", "v"), C("HSET", "v", "b", "22"), C("OBJECT", "ENCODING", "v"),
		C("HINCRBY", "i", "a", "10"), C("OBJECT", "ENCODING", "i"), C("CONFIG", "GET", "hash-max-*").SortedPairs()),

	// Keyspace commands on hashes
	cs("keyspace commands on a hash", hABC("k"),
		C("EXISTS", "k").Want(":1\r\n"), C("RENAME", "k", "k2"), C("HGETALL", "k2"),
		C("COPY", "k2", "k3"), C("HSET", "k3", "new", "1"), C("HDEL", "k3", "a"), C("HGETALL", "k2"), C("HGETALL", "k3"),
		C("OBJECT", "ENCODING", "k3"), C("MOVE", "k3", "1"), C("SELECT", "1"), C("HLEN", "k3").Want(":4\r\n"), C("SELECT", "0"),
		C("DEL", "k2").Want(":1\r\n"), C("EXISTS", "k2").Want(":0\r\n"), C("MEMORY", "USAGE", "k3").Want("$-1\r\n")),
	cs("COPY of a hashtable hash", hsetN("k", "f", 600), C("COPY", "k", "c"), C("OBJECT", "ENCODING", "c").Want("$9\r\nhashtable\r\n"),
		C("HDEL", "c", "f1", "f2"), C("HSET", "k", "f3", "changed"), C("HLEN", "k").Want(":600\r\n"), C("HLEN", "c").Want(":598\r\n"),
		C("HGET", "c", "f3").Want("$2\r\nv3\r\n"), C("HGET", "k", "f1").Want("$2\r\nv1\r\n")),
	cs("a hash with a TTL", hABC("k"), C("EXPIRE", "k", "100"), C("HSET", "k", "x", "1"), C("TTL", "k").Want(":100\r\n"),
		C("PEXPIRE", "k", "50"), Sleep(120), C("HGETALL", "k").Want("*0\r\n"), C("EXISTS", "k").Want(":0\r\n"),
		hABC("k"), C("EXPIRE", "k", "100"), C("HDEL", "k", "a", "b", "c", "n"), C("HSET", "k", "a", "1"), C("TTL", "k").Want(":-1\r\n")),
	cs("SCAN TYPE hash", hABC("h1"), hABC("h2"), C("SET", "s", "v"), C("ZADD", "z", "1", "a"),
		ScanAll("SCAN", "{{cursor}}", "TYPE", "hash"), ScanAll("SCAN", "{{cursor}}", "TYPE", "HASH"), C("KEYS", "h*").Sorted()),
	cs("MEMORY USAGE of a hash", hABC("k"), hsetN("big", "f", 600),
		C("MEMORY", "USAGE", "k").Ignore().Check(checkInt), C("MEMORY", "USAGE", "big", "SAMPLES", "0").Ignore().Check(checkInt)),

	// WATCH sees exactly the changes
	cs("WATCH and hash writes", hABC("k"),
		C("WATCH", "k"), C("HSETNX", "k", "a", "x").On(1), C("HDEL", "k", "nope").On(1), C("HINCRBY", "k", "a", "x").On(1),
		C("HINCRBY", "k", "c", "9223372036854775807").On(1), C("HGET", "k", "a").On(1),
		C("MULTI"), C("HLEN", "k"), C("EXEC").Want("*1\r\n:4\r\n"),
		C("WATCH", "k"), C("HSET", "k", "a", "1").On(1), C("MULTI"), C("HLEN", "k"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "k"), C("HINCRBY", "k", "a", "0").On(1), C("MULTI"), C("HLEN", "k"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "k"), C("HDEL", "k", "a").On(1), C("MULTI"), C("HLEN", "k"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "k"), C("HSETNX", "k", "new", "1").On(1), C("MULTI"), C("HLEN", "k"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "k"), C("HINCRBYFLOAT", "k", "new", "0.5").On(1), C("MULTI"), C("HLEN", "k"), C("EXEC").Want("*-1\r\n")),
	cs("hash commands in MULTI", C("MULTI"), C("HSET", "k", "a", "1"), C("HINCRBY", "k", "a", "2"), C("HSET", "k", "b"),
		C("HSET", "k", "b", "2", "c"), C("HINCRBYFLOAT", "k", "a", "0.5"), C("HGETALL", "k"), C("EXEC")),
	cs("wrong type inside EXEC with a hash", C("SET", "s", "v"), C("MULTI"), C("HSET", "s", "a", "1"), C("HSET", "h", "a", "1"), C("EXEC"), C("HGETALL", "h")),

	// COMMAND INFO and DOCS
	cs("COMMAND INFO of hash commands",
		C("COMMAND", "INFO", "hset", "hsetnx", "hget", "hmset", "hmget", "hgetall", "hdel", "hexists"),
		C("COMMAND", "INFO", "hlen", "hstrlen", "hincrby", "hincrbyfloat", "hkeys", "hvals", "hrandfield", "hscan"),
		hello("3"), C("COMMAND", "INFO", "hset", "hscan")),
	cs("COMMAND GETKEYS of hash commands",
		C("COMMAND", "GETKEYS", "HSET", "k", "f", "v"), C("COMMAND", "GETKEYSANDFLAGS", "HINCRBYFLOAT", "k", "f", "1"),
		C("COMMAND", "GETKEYSANDFLAGS", "HDEL", "k", "f")),
	cs("COMMAND DOCS of hash commands",
		C("COMMAND", "DOCS", "hset", "hsetnx", "hget", "hmset", "hmget", "hgetall", "hdel", "hexists"),
		C("COMMAND", "DOCS", "hlen", "hstrlen", "hincrby", "hincrbyfloat", "hkeys", "hvals", "hrandfield", "hscan"),
		hello("3"), C("COMMAND", "DOCS", "hset", "hrandfield")),
}

func init() { allCases["TestCompatHash"] = hashCases }

func TestCompatHash(t *testing.T) { newSuite(t).run(hashCases) }
