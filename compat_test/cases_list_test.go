package compat_test

import (
	"fmt"
	"strings"
	"testing"
)

// List cases: every command, its options and its errors, RESP2 and
// RESP3, side by side with redis-server 7.0.15, on small lists and on
// lists long enough (and with elements big enough) to span many blocks.

const (
	errLRankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"
	errLCountNeg = "ERR COUNT can't be negative"
	errLMaxlen   = "ERR MAXLEN can't be negative"
	errLIndex    = "ERR index out of range"
	errLNoKey    = "ERR no such key"
	errLPositive = "ERR value is out of range, must be positive"
	errLNumkeys  = "ERR numkeys should be greater than 0"
	errLCount    = "ERR count should be greater than 0"
)

// rpushN pushes prefix0..prefix<n-1> to the tail of key.
func rpushN(key, prefix string, n int) Step {
	args := []string{"RPUSH", key}
	for i := range n {
		args = append(args, fmt.Sprintf("%s%d", prefix, i))
	}
	return C(args...)
}

// lBig is an element longer than a block of miniserve's lists (8 KiB)
// and than a listpack node of Redis's quicklist.
var lBig = strings.Repeat("B", 9000)

// lAll reads the whole list.
func lAll(key string) Step { return C("LRANGE", key, "0", "-1") }

var listCases = []Case{
	// LPUSH, RPUSH, LPUSHX, RPUSHX
	cs("LPUSH and RPUSH",
		C("LPUSH", "l", "a", "b", "c").Want(":3\r\n"), C("RPUSH", "l", "d", "e").Want(":5\r\n"), lAll("l"),
		C("LLEN", "l").Want(":5\r\n"), C("TYPE", "l").Want("+list\r\n"),
		C("OBJECT", "ENCODING", "l").Want("$9\r\nquicklist\r\n"),
		C("LPUSH", "l", "").Want(":6\r\n"), C("RPUSH", "l", "a\x00b\r\n"), lAll("l")),
	cs("LPUSH and RPUSH arity",
		C("LPUSH", "l").WantErr(arity("lpush")), C("RPUSH", "l").WantErr(arity("rpush")),
		C("LPUSHX", "l").WantErr(arity("lpushx")), C("RPUSHX", "l").WantErr(arity("rpushx")),
		C("EXISTS", "l").Want(":0\r\n")),
	cs("LPUSHX and RPUSHX only on an existing list",
		C("LPUSHX", "l", "a").Want(":0\r\n"), C("RPUSHX", "l", "a", "b").Want(":0\r\n"), C("EXISTS", "l").Want(":0\r\n"),
		C("RPUSH", "l", "m"), C("LPUSHX", "l", "a", "b").Want(":3\r\n"), C("RPUSHX", "l", "y", "z").Want(":5\r\n"),
		lAll("l")),
	cs("pushes on the wrong type",
		C("SET", "s", "x"),
		C("LPUSH", "s", "a").WantErr(errWrongType), C("RPUSH", "s", "a").WantErr(errWrongType),
		C("LPUSHX", "s", "a").WantErr(errWrongType), C("RPUSHX", "s", "a").WantErr(errWrongType),
		C("GET", "s").Want("$1\r\nx\r\n")),
	cs("OBJECT ENCODING of lists, small and big",
		C("RPUSH", "small", "1", "2"), C("OBJECT", "ENCODING", "small").Want("$9\r\nquicklist\r\n"),
		rpushN("long", "e", 600), C("OBJECT", "ENCODING", "long").Want("$9\r\nquicklist\r\n"),
		C("RPUSH", "big", lBig), C("OBJECT", "ENCODING", "big").Want("$9\r\nquicklist\r\n"),
		C("MEMORY", "USAGE", "long").Ignore().Check(checkInt), C("MEMORY", "USAGE", "big", "SAMPLES", "0").Ignore().Check(checkInt)),

	// LPOP, RPOP
	cs("LPOP and RPOP one element",
		C("RPUSH", "l", "a", "b", "c"),
		C("LPOP", "l").Want("$1\r\na\r\n"), C("RPOP", "l").Want("$1\r\nc\r\n"), C("LPOP", "l").Want("$1\r\nb\r\n"),
		C("EXISTS", "l").Want(":0\r\n"), C("LPOP", "l").Want("$-1\r\n"), C("RPOP", "l").Want("$-1\r\n")),
	cs("LPOP and RPOP with a count",
		rpushN("l", "e", 10),
		C("LPOP", "l", "3"), C("RPOP", "l", "3"), C("LPOP", "l", "0").Want("*0\r\n"), C("RPOP", "l", "0").Want("*0\r\n"),
		C("LPOP", "l", "1"), C("RPOP", "l", "100"), C("EXISTS", "l").Want(":0\r\n"),
		C("LPOP", "l", "3").Want("*-1\r\n"), C("RPOP", "l", "0").Want("*-1\r\n"), C("LPOP", "l", "1")),
	cs("LPOP and RPOP under RESP3", hello("3"),
		C("LPOP", "l").Want("_\r\n"), C("RPOP", "l", "2").Want("_\r\n"), C("LPOP", "l", "0").Want("_\r\n"),
		C("RPUSH", "l", "a", "b"), C("LPOP", "l", "0").Want("*0\r\n"), C("RPOP", "l", "5"), C("LPOP", "l", "1")),
	cs("LPOP and RPOP errors",
		C("RPUSH", "l", "a"),
		C("LPOP", "l", "-1").WantErr(errLPositive), C("RPOP", "l", "abc").WantErr(errLPositive),
		C("LPOP", "l", "1.5").WantErr(errLPositive), C("LPOP", "nokey", "-1").WantErr(errLPositive),
		C("LPOP", "l", "1", "2").WantErr(arity("lpop")), C("RPOP", "l", "1", "2").WantErr(arity("rpop")),
		C("LPOP").WantErr(arity("lpop")),
		C("SET", "s", "x"), C("LPOP", "s").WantErr(errWrongType), C("RPOP", "s", "2").WantErr(errWrongType),
		C("LPOP", "s", "0").WantErr(errWrongType), lAll("l")),

	// LLEN, LINDEX, LRANGE
	cs("LLEN",
		C("LLEN", "l").Want(":0\r\n"), rpushN("l", "e", 7), C("LLEN", "l").Want(":7\r\n"),
		C("SET", "s", "x"), C("LLEN", "s").WantErr(errWrongType), C("LLEN").WantErr(arity("llen"))),
	cs("LINDEX",
		rpushN("l", "e", 5),
		C("LINDEX", "l", "0"), C("LINDEX", "l", "4"), C("LINDEX", "l", "-1"), C("LINDEX", "l", "-5"),
		C("LINDEX", "l", "5").Want("$-1\r\n"), C("LINDEX", "l", "-6").Want("$-1\r\n"),
		C("LINDEX", "l", "9223372036854775807"), C("LINDEX", "l", "-9223372036854775808"),
		C("LINDEX", "l", "abc").WantErr(errNotInt), C("LINDEX", "l", "1.0").WantErr(errNotInt),
		C("LINDEX", "nokey", "abc").Want("$-1\r\n"), C("LINDEX", "nokey", "0").Want("$-1\r\n"),
		C("SET", "s", "x"), C("LINDEX", "s", "abc").WantErr(errWrongType),
		hello("3"), C("LINDEX", "l", "5").Want("_\r\n"), C("LINDEX", "nokey", "0").Want("_\r\n")),
	cs("LRANGE",
		rpushN("l", "e", 6),
		C("LRANGE", "l", "0", "2"), C("LRANGE", "l", "-2", "-1"), C("LRANGE", "l", "-100", "100"),
		C("LRANGE", "l", "3", "1").Want("*0\r\n"), C("LRANGE", "l", "6", "10").Want("*0\r\n"),
		C("LRANGE", "l", "0", "-7").Want("*0\r\n"), C("LRANGE", "l", "5", "5"), C("LRANGE", "l", "-1", "0").Want("*0\r\n"),
		C("LRANGE", "l", "-9223372036854775808", "9223372036854775807"),
		C("LRANGE", "l", "9223372036854775807", "-9223372036854775808").Want("*0\r\n"),
		C("LRANGE", "nokey", "0", "-1").Want("*0\r\n"),
		C("LRANGE", "l", "a", "1").WantErr(errNotInt), C("LRANGE", "l", "0", "b").WantErr(errNotInt),
		C("LRANGE", "nokey", "a", "1").WantErr(errNotInt),
		C("SET", "s", "x"), C("LRANGE", "s", "0", "1").WantErr(errWrongType),
		C("LRANGE", "s", "x", "1").WantErr(errNotInt), C("LRANGE", "l", "0").WantErr(arity("lrange"))),

	// LSET
	cs("LSET",
		rpushN("l", "e", 5),
		C("LSET", "l", "0", "first").Want("+OK\r\n"), C("LSET", "l", "-1", "last").Want("+OK\r\n"),
		C("LSET", "l", "2", "a much longer element than before"), C("LSET", "l", "1", ""),
		lAll("l"),
		C("LSET", "l", "5", "x").WantErr(errLIndex), C("LSET", "l", "-6", "x").WantErr(errLIndex),
		C("LSET", "l", "-9223372036854775808", "x").WantErr(errLIndex),
		C("LSET", "l", "abc", "x").WantErr(errNotInt),
		C("LSET", "nokey", "0", "x").WantErr(errLNoKey), C("LSET", "nokey", "abc", "x").WantErr(errLNoKey),
		C("SET", "s", "x"), C("LSET", "s", "0", "x").WantErr(errWrongType), C("LSET", "s", "x", "x").WantErr(errWrongType),
		C("LSET", "l", "0").WantErr(arity("lset"))),

	// LINSERT
	cs("LINSERT",
		C("RPUSH", "l", "a", "b", "c", "b"),
		C("LINSERT", "l", "BEFORE", "b", "x").Want(":5\r\n"), C("LINSERT", "l", "after", "b", "y").Want(":6\r\n"),
		C("LINSERT", "l", "AfTeR", "b", "z"), C("LINSERT", "l", "before", "a", "head"), C("LINSERT", "l", "AFTER", "c", "tail"),
		lAll("l"),
		C("LINSERT", "l", "BEFORE", "nope", "x").Want(":-1\r\n"),
		C("LINSERT", "nokey", "BEFORE", "a", "x").Want(":0\r\n"), C("EXISTS", "nokey").Want(":0\r\n"),
		C("LINSERT", "l", "MIDDLE", "a", "x").WantErr(errSyntax), C("LINSERT", "nokey", "MIDDLE", "a", "x").WantErr(errSyntax),
		C("SET", "s", "x"), C("LINSERT", "s", "BEFORE", "a", "x").WantErr(errWrongType),
		C("LINSERT", "s", "MIDDLE", "a", "x").WantErr(errSyntax),
		C("LINSERT", "l", "BEFORE", "a").WantErr(arity("linsert"))),

	// LREM
	cs("LREM",
		C("RPUSH", "l", "a", "b", "a", "c", "a", "b", "a"),
		C("LREM", "l", "2", "a").Want(":2\r\n"), lAll("l"),
		C("LREM", "l", "-1", "a").Want(":1\r\n"), lAll("l"),
		C("LREM", "l", "0", "b").Want(":2\r\n"), lAll("l"),
		C("LREM", "l", "5", "nope").Want(":0\r\n"),
		C("LREM", "l", "0", "a"), C("LREM", "l", "0", "c").Want(":1\r\n"), C("EXISTS", "l").Want(":0\r\n"),
		C("LREM", "nokey", "0", "a").Want(":0\r\n")),
	cs("LREM extreme counts and errors",
		C("RPUSH", "l", "a", "b", "a", "a"),
		C("LREM", "l", "-9223372036854775808", "a").Want(":3\r\n"), lAll("l"),
		C("RPUSH", "l", "b", "b"), C("LREM", "l", "9223372036854775807", "b").Want(":3\r\n"),
		C("LREM", "l", "abc", "a").WantErr(errNotInt), C("LREM", "nokey", "abc", "a").WantErr(errNotInt),
		C("SET", "s", "x"), C("LREM", "s", "0", "x").WantErr(errWrongType), C("LREM", "s", "x", "x").WantErr(errNotInt),
		C("LREM", "l", "0").WantErr(arity("lrem"))),

	// LTRIM
	cs("LTRIM",
		rpushN("l", "e", 10),
		C("LTRIM", "l", "1", "-2").Want("+OK\r\n"), lAll("l"),
		C("LTRIM", "l", "-3", "100"), lAll("l"),
		C("LTRIM", "l", "0", "-1"), lAll("l"),
		C("LTRIM", "l", "5", "1").Want("+OK\r\n"), C("EXISTS", "l").Want(":0\r\n"),
		rpushN("m", "e", 3), C("LTRIM", "m", "3", "10"), C("EXISTS", "m").Want(":0\r\n"),
		rpushN("n", "e", 3), C("LTRIM", "n", "0", "-4"), C("EXISTS", "n").Want(":0\r\n"),
		rpushN("o", "e", 3), C("LTRIM", "o", "-9223372036854775808", "9223372036854775807"), lAll("o"),
		C("LTRIM", "nokey", "0", "1").Want("+OK\r\n"), C("EXISTS", "nokey").Want(":0\r\n"),
		C("LTRIM", "o", "a", "1").WantErr(errNotInt), C("LTRIM", "nokey", "0", "b").WantErr(errNotInt),
		C("SET", "s", "x"), C("LTRIM", "s", "0", "1").WantErr(errWrongType),
		C("LTRIM", "o", "0").WantErr(arity("ltrim"))),

	// LPOS
	cs("LPOS",
		C("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c"),
		C("LPOS", "l", "a").Want(":0\r\n"), C("LPOS", "l", "c").Want(":2\r\n"), C("LPOS", "l", "x").Want("$-1\r\n"),
		C("LPOS", "l", "c", "RANK", "2").Want(":6\r\n"), C("LPOS", "l", "c", "RANK", "-1").Want(":7\r\n"),
		C("LPOS", "l", "c", "RANK", "-3").Want(":2\r\n"), C("LPOS", "l", "c", "RANK", "4").Want("$-1\r\n"),
		C("LPOS", "l", "c", "COUNT", "0"), C("LPOS", "l", "c", "COUNT", "2"), C("LPOS", "l", "c", "COUNT", "2", "RANK", "2"),
		C("LPOS", "l", "c", "COUNT", "0", "RANK", "-1"), C("LPOS", "l", "c", "RANK", "-2", "COUNT", "5"),
		C("LPOS", "l", "x", "COUNT", "1").Want("*0\r\n"),
		C("LPOS", "l", "c", "MAXLEN", "2").Want("$-1\r\n"), C("LPOS", "l", "c", "MAXLEN", "3").Want(":2\r\n"),
		C("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "7"), C("LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1").Want(":7\r\n"),
		C("LPOS", "l", "c", "RANK", "-1", "COUNT", "0", "MAXLEN", "2"), C("LPOS", "l", "c", "MAXLEN", "0", "COUNT", "0"),
		C("LPOS", "l", "c", "rank", "1", "count", "1", "maxlen", "0"), C("LPOS", "l", "c", "RANK", "1", "RANK", "-1"),
		C("LPOS", "nokey", "a").Want("$-1\r\n"), C("LPOS", "nokey", "a", "COUNT", "1").Want("*0\r\n"),
		hello("3"), C("LPOS", "l", "x").Want("_\r\n"), C("LPOS", "nokey", "a").Want("_\r\n"), C("LPOS", "l", "c", "COUNT", "0")),
	cs("LPOS RANK at the extremes",
		C("RPUSH", "l", "a", "b", "c", "a", "b", "c"),
		C("LPOS", "l", "a", "RANK", "-9223372036854775808").Want(":3\r\n"),
		C("LPOS", "l", "a", "RANK", "-9223372036854775808", "COUNT", "0"),
		C("LPOS", "l", "a", "RANK", "-9223372036854775808", "COUNT", "1"),
		C("LPOS", "l", "a", "RANK", "9223372036854775807").Want("$-1\r\n"),
		C("LPOS", "l", "a", "RANK", "-9223372036854775807").Want("$-1\r\n")),
	cs("LPOS errors",
		C("RPUSH", "l", "a"),
		C("LPOS", "l", "a", "RANK", "0").WantErr(errLRankZero), C("LPOS", "l", "a", "RANK", "abc").WantErr(errNotInt),
		C("LPOS", "l", "a", "COUNT", "-1").WantErr(errLCountNeg), C("LPOS", "l", "a", "COUNT", "abc").WantErr(errLCountNeg),
		C("LPOS", "l", "a", "MAXLEN", "-1").WantErr(errLMaxlen), C("LPOS", "l", "a", "MAXLEN", "x").WantErr(errLMaxlen),
		C("LPOS", "l", "a", "RANK").WantErr(errSyntax), C("LPOS", "l", "a", "FOO", "1").WantErr(errSyntax),
		C("LPOS", "l", "a", "COUNT").WantErr(errSyntax), C("LPOS", "nokey", "a", "RANK", "0").WantErr(errLRankZero),
		C("SET", "s", "x"), C("LPOS", "s", "a").WantErr(errWrongType), C("LPOS", "s", "a", "RANK", "0").WantErr(errLRankZero),
		C("LPOS", "l").WantErr(arity("lpos"))),

	// LMOVE, RPOPLPUSH
	cs("LMOVE in every direction",
		C("RPUSH", "src", "1", "2", "3", "4"), C("RPUSH", "dst", "x"),
		C("LMOVE", "src", "dst", "LEFT", "LEFT").Want("$1\r\n1\r\n"), C("LMOVE", "src", "dst", "LEFT", "RIGHT"),
		C("LMOVE", "src", "dst", "right", "left"), C("LMOVE", "src", "dst", "Right", "rIGHT"),
		lAll("dst"), C("EXISTS", "src").Want(":0\r\n"),
		C("LMOVE", "src", "dst", "LEFT", "LEFT").Want("$-1\r\n"), C("LMOVE", "dst", "new", "LEFT", "RIGHT"), lAll("new")),
	cs("LMOVE and RPOPLPUSH rotate one list",
		C("RPUSH", "l", "a", "b", "c"),
		C("LMOVE", "l", "l", "LEFT", "RIGHT").Want("$1\r\na\r\n"), lAll("l"),
		C("LMOVE", "l", "l", "RIGHT", "LEFT").Want("$1\r\na\r\n"), lAll("l"),
		C("LMOVE", "l", "l", "LEFT", "LEFT"), C("RPOPLPUSH", "l", "l").Want("$1\r\nc\r\n"), lAll("l"),
		C("RPUSH", "one", "x"), C("RPOPLPUSH", "one", "one"), C("LMOVE", "one", "one", "LEFT", "RIGHT"), lAll("one")),
	cs("RPOPLPUSH",
		C("RPUSH", "src", "a", "b"), C("RPOPLPUSH", "src", "dst").Want("$1\r\nb\r\n"), C("RPOPLPUSH", "src", "dst"),
		lAll("dst"), C("EXISTS", "src").Want(":0\r\n"), C("RPOPLPUSH", "src", "dst").Want("$-1\r\n"),
		C("RPOPLPUSH", "src").WantErr(arity("rpoplpush"))),
	cs("LMOVE errors",
		C("RPUSH", "l", "a"), C("SET", "s", "x"),
		C("LMOVE", "l", "d", "UP", "LEFT").WantErr(errSyntax), C("LMOVE", "l", "d", "LEFT", "DOWN").WantErr(errSyntax),
		C("LMOVE", "s", "d", "UP", "LEFT").WantErr(errSyntax),
		C("LMOVE", "l", "s", "LEFT", "LEFT").WantErr(errWrongType), C("LMOVE", "s", "l", "LEFT", "LEFT").WantErr(errWrongType),
		C("LMOVE", "nokey", "s", "LEFT", "LEFT").Want("$-1\r\n"), C("RPOPLPUSH", "l", "s").WantErr(errWrongType),
		C("RPOPLPUSH", "s", "l").WantErr(errWrongType), lAll("l"), C("GET", "s"),
		hello("3"), C("LMOVE", "nokey", "d", "LEFT", "LEFT").Want("_\r\n"), C("RPOPLPUSH", "nokey", "d").Want("_\r\n"),
		C("LMOVE", "l", "d", "LEFT").WantErr(arity("lmove"))),

	// LMPOP
	cs("LMPOP",
		C("RPUSH", "b", "1", "2", "3", "4", "5"),
		C("LMPOP", "2", "a", "b", "LEFT"), C("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "2"),
		C("LMPOP", "1", "b", "left", "count", "10"), C("EXISTS", "b").Want(":0\r\n"),
		C("LMPOP", "2", "a", "b", "LEFT").Want("*-1\r\n"), C("LMPOP", "1", "a", "RIGHT", "COUNT", "3").Want("*-1\r\n"),
		C("RPUSH", "a", "x"), C("LMPOP", "3", "a", "a", "b", "RIGHT"),
		hello("3"), C("LMPOP", "1", "a", "LEFT").Want("_\r\n"), C("RPUSH", "a", "y", "z"), C("LMPOP", "1", "a", "LEFT", "COUNT", "5")),
	cs("LMPOP errors",
		C("SET", "s", "x"), C("RPUSH", "l", "a"),
		C("LMPOP", "0", "a", "LEFT").WantErr(errLNumkeys), C("LMPOP", "-1", "a", "LEFT").WantErr(errLNumkeys),
		C("LMPOP", "abc", "a", "LEFT").WantErr(errLNumkeys),
		C("LMPOP", "3", "a", "LEFT").WantErr(errSyntax), C("LMPOP", "9223372036854775807", "a", "LEFT").WantErr(errSyntax),
		C("LMPOP", "1", "a", "MIDDLE").WantErr(errSyntax), C("LMPOP", "2", "a", "LEFT").WantErr(errSyntax),
		C("LMPOP", "1", "a", "LEFT", "COUNT", "0").WantErr(errLCount), C("LMPOP", "1", "a", "LEFT", "COUNT", "-1").WantErr(errLCount),
		C("LMPOP", "1", "a", "LEFT", "COUNT", "x").WantErr(errLCount),
		C("LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "2").WantErr(errSyntax),
		C("LMPOP", "1", "a", "LEFT", "FOO").WantErr(errSyntax), C("LMPOP", "1", "a", "LEFT", "COUNT").WantErr(errSyntax),
		C("LMPOP", "2", "s", "l", "LEFT").WantErr(errWrongType), C("LMPOP", "2", "l", "s", "LEFT"),
		C("LMPOP", "1", "a").WantErr(arity("lmpop"))),

	// Long lists, and elements longer than a block.
	cs("a long list across many blocks",
		rpushN("l", "element:", 3000), C("LLEN", "l").Want(":3000\r\n"),
		C("LINDEX", "l", "0"), C("LINDEX", "l", "1499"), C("LINDEX", "l", "1500"), C("LINDEX", "l", "2999"), C("LINDEX", "l", "-1234"),
		C("LRANGE", "l", "1020", "1030"), C("LRANGE", "l", "-5", "-1"),
		C("LSET", "l", "1000", "changed"), C("LSET", "l", "2000", strings.Repeat("z", 300)),
		C("LINSERT", "l", "BEFORE", "element:1500", "inserted"), C("LINSERT", "l", "AFTER", "element:10", "inserted"),
		C("LPOS", "l", "inserted", "COUNT", "0"), C("LPOS", "l", "element:2500"), C("LPOS", "l", "inserted", "RANK", "-1"),
		C("LREM", "l", "0", "inserted").Want(":2\r\n"), C("LINDEX", "l", "1000"), C("LINDEX", "l", "2000"),
		C("LTRIM", "l", "100", "-101"), C("LLEN", "l"), C("LINDEX", "l", "0"), C("LINDEX", "l", "-1"),
		C("LPOP", "l", "50"), C("RPOP", "l", "50"), C("LRANGE", "l", "0", "9"), C("LRANGE", "l", "1000", "1010")),
	cs("LPUSH builds a long list head first",
		C(append([]string{"LPUSH", "l"}, strings.Split(strings.Repeat("x,y,z,", 500), ",")...)...), C("LLEN", "l"),
		C("LRANGE", "l", "0", "5"), C("LINDEX", "l", "750"), C("LREM", "l", "-100", "y"), C("LLEN", "l"),
		C("LPOS", "l", "y", "RANK", "-1"), C("LREM", "l", "0", "x"), C("LRANGE", "l", "0", "8"), C("LLEN", "l")),
	cs("elements longer than a block",
		C("RPUSH", "l", "a", lBig, "b"), C("LPUSH", "l", lBig+"x"), C("LLEN", "l").Want(":4\r\n"),
		C("LINDEX", "l", "2"), C("LRANGE", "l", "0", "-1"), C("LPOS", "l", lBig),
		C("LINSERT", "l", "AFTER", "a", lBig+"y"), C("LSET", "l", "0", "small"), C("LSET", "l", "-1", lBig+"z"),
		lAll("l"), C("LREM", "l", "0", lBig).Want(":1\r\n"), C("RPOP", "l"), C("LPOP", "l", "2"), lAll("l"),
		C("LMOVE", "l", "l", "LEFT", "RIGHT"), lAll("l")),
	cs("a queue: pushes at one end, pops at the other",
		rpushN("q", "job", 2000), C("LPOP", "q", "1500"), rpushN("q", "more", 2000), C("LPOP", "q", "1999"),
		C("LLEN", "q"), C("LRANGE", "q", "0", "3"), C("RPOP", "q", "3")),

	// The keyspace
	cs("a list with a TTL expires",
		C("RPUSH", "l", "a"), C("PEXPIRE", "l", "100"), C("TTL", "l").Approx(1), Sleep(200),
		C("EXISTS", "l").Want(":0\r\n"), C("LLEN", "l").Want(":0\r\n")),
	cs("COPY a list",
		C("RPUSH", "l", "a", "b", "c"), C("COPY", "l", "c").Want(":1\r\n"),
		C("RPUSH", "c", "d"), C("LSET", "c", "0", "changed"), lAll("l"), lAll("c"),
		C("COPY", "l", "c").Want(":0\r\n"), C("COPY", "l", "c", "REPLACE").Want(":1\r\n"), lAll("c"),
		C("COPY", "l", "l", "DB", "1"), C("SELECT", "1"), lAll("l"), C("TYPE", "l").Want("+list\r\n")),
	cs("RENAME and MOVE a list",
		C("RPUSH", "l", "a", "b"), C("RENAME", "l", "m"), lAll("m"), C("MOVE", "m", "2").Want(":1\r\n"),
		C("EXISTS", "m").Want(":0\r\n"), C("SELECT", "2"), lAll("m")),
	cs("lists and strings refuse each other",
		C("RPUSH", "l", "a"), C("GET", "l").WantErr(errWrongType), C("INCR", "l").WantErr(errWrongType),
		C("APPEND", "l", "x").WantErr(errWrongType), C("SET", "l", "x"), C("TYPE", "l").Want("+string\r\n"),
		C("ZADD", "z", "1", "a"), C("LPUSH", "z", "a").WantErr(errWrongType), C("LRANGE", "z", "0", "1").WantErr(errWrongType),
		C("RPUSH", "l2", "a"), C("ZADD", "l2", "1", "a").WantErr(errWrongType),
		C("ZUNIONSTORE", "d", "2", "z", "l2").WantErr(errWrongType), C("ZINTERCARD", "1", "l2").WantErr(errWrongType),
		C("ZRANGESTORE", "d", "l2", "0", "-1").WantErr(errWrongType), C("BZPOPMIN", "l2", "0").WantErr(errWrongType),
		C("ZSCAN", "l2", "0").WantErr(errWrongType), C("EXISTS", "d").Want(":0\r\n")),
	cs("lists in a transaction",
		C("MULTI"), C("RPUSH", "l", "a", "b", "c"), C("LPOP", "l"), C("LMOVE", "l", "m", "RIGHT", "LEFT"),
		C("LRANGE", "l", "0", "-1"), C("LPOP", "nokey", "2"), C("EXEC")),
	cs("WATCH sees list changes",
		C("RPUSH", "l", "a", "b"), C("WATCH", "l"), C("RPUSH", "l", "c").On(1), C("MULTI"), C("LLEN", "l"),
		C("EXEC").Want("*-1\r\n")),
	cs("WATCH sees LTRIM even when it removes nothing",
		C("RPUSH", "l", "a", "b"), C("WATCH", "l"), C("LTRIM", "l", "0", "-1").On(1), C("MULTI"), C("LLEN", "l"),
		C("EXEC").Want("*-1\r\n")),
	cs("WATCH ignores list commands that change nothing",
		C("RPUSH", "l", "a", "b"), C("WATCH", "l", "nokey"),
		C("LPUSHX", "nokey", "a").On(1), C("LREM", "l", "0", "zz").On(1), C("LINSERT", "l", "BEFORE", "zz", "x").On(1),
		C("LPOP", "l", "0").On(1), C("LMOVE", "nokey", "l", "LEFT", "LEFT").On(1), C("LRANGE", "l", "0", "-1").On(1),
		C("MULTI"), C("LLEN", "l"), C("EXEC").Want("*1\r\n:2\r\n")),
	cs("WATCH sees the destination of LMOVE",
		C("RPUSH", "src", "a"), C("WATCH", "dst"), C("LMOVE", "src", "dst", "LEFT", "LEFT").On(1), C("MULTI"), C("LLEN", "dst"),
		C("EXEC").Want("*-1\r\n")),
	cs("SCAN TYPE list and KEYS",
		rpushN("l1", "e", 2), rpushN("l2", "e", 2), C("SET", "s", "x"), C("ZADD", "z", "1", "a"),
		ScanAll("SCAN", "{{cursor}}", "TYPE", "list"), ScanAll("SCAN", "{{cursor}}", "TYPE", "LIST"),
		C("KEYS", "l*").Sorted()),

	cs("COMMAND INFO and DOCS of the list commands",
		C("COMMAND", "INFO", "lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "llen", "lrange", "lindex", "lset",
			"linsert", "lrem", "ltrim", "lpos", "lmove", "rpoplpush", "lmpop"),
		C("COMMAND", "DOCS", "lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "llen", "lrange", "lindex", "lset",
			"linsert", "lrem", "ltrim", "lpos", "lmove", "rpoplpush", "lmpop"),
		C("COMMAND", "GETKEYS", "LMPOP", "2", "a", "b", "LEFT"), C("COMMAND", "GETKEYS", "LMOVE", "a", "b", "LEFT", "RIGHT"),
		C("COMMAND", "GETKEYS", "RPUSH", "k", "a", "b")),
}

func init() { allCases["TestCompatList"] = listCases }

func TestCompatList(t *testing.T) { newSuite(t).run(listCases) }
