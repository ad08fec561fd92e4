package compat_test

import (
	"fmt"
	"strings"
	"testing"
)

// SORT and SORT_RO: every option and error, on lists, sets and sorted
// sets, side by side with redis-server 7.0.15. Where Redis's order is
// its hash table's (a set of strings read BY nosort, ALPHA weights that
// tie on a set or a sorted set), the inputs avoid it or the comparison
// is sorted; ties on a list are Redis's own order, compared exactly.

const (
	errSortScores = "ERR One or more scores can't be converted into double"

	// divSortErrno explains the one deliberate divergence here.
	divSortErrno = "Redis's SORT does not clear errno before strtod, so after a weight that overflows or " +
		"underflows (ERANGE) every later weight strtod reads fails, until something clears errno " +
		"(a ZADD or INCRBYFLOAT, an accept); miniserve checks each weight on its own"
)

// errnoReset clears redis-server's errno (ZADD's string2d sets it to 0)
// after a step that left it at ERANGE: see divSortErrno.
func errnoReset() Step { return C("ZADD", "errno", "XX", "0.5", "m").Want(":0\r\n") }

// sortTies is a list of 60 elements whose ALPHA weights (w_<element>)
// tie in threes, with every seventh weight missing, so that the order
// of equal weights is the sort's own: glibc's stable merge sort for a
// whole answer, Redis's pqsort for a LIMIT range.
func sortTies() []Step {
	push := []string{"RPUSH", "ties"}
	mset := []string{"MSET"}
	for i := 0; i < 60; i++ {
		e := fmt.Sprintf("e%02d", (i*37)%60)
		push = append(push, e)
		if i%7 != 3 {
			mset = append(mset, "w_"+e, string(rune('a'+i%3)))
		}
	}
	return []Step{C(push...), C(mset...)}
}

// sortTiesBySize checks Redis's pqsort on lists of the sizes where its
// steps change (insertion sort below 7, median of three above 7, of
// nine above 40): weights from a small alphabet, some missing, and
// LIMIT ranges at both ends and inside.
func sortTiesBySize() []Step {
	var steps []Step
	seed := uint32(12345)
	next := func(n int) int { // a fixed LCG, so that the recording is stable
		seed = seed*1103515245 + 12345
		return int(seed>>16) % n
	}
	for _, n := range []int{6, 7, 8, 9, 40, 41, 42, 100, 257} {
		key := fmt.Sprintf("l%d", n)
		push := []string{"RPUSH", key}
		mset := []string{"MSET"}
		for i := 0; i < n; i++ {
			e := fmt.Sprintf("%s:%d", key, i)
			push = append(push, e)
			if w := next(5); w < 4 {
				mset = append(mset, "w_"+e, string(rune('a'+w)))
			}
		}
		steps = append(steps, C(push...), C(mset...))
		for _, r := range [][2]int{{0, 1}, {0, n / 2}, {n / 3, n / 3}, {n - 2, 5}, {1, n - 2}, {n / 2, 1}} {
			steps = append(steps, C("SORT", key, "BY", "w_*", "ALPHA", "LIMIT", fmt.Sprint(r[0]), fmt.Sprint(r[1])),
				C("SORT", key, "BY", "w_*", "ALPHA", "DESC", "LIMIT", fmt.Sprint(r[0]), fmt.Sprint(r[1])))
		}
	}
	return steps
}

// infoFields compares only the named fields of two INFO replies.
func infoFields(names ...string) func(want, got *Value) error {
	return func(want, got *Value) error {
		for _, n := range names {
			w, g := infoField(want.Str, n), infoField(got.Str, n)
			if w != g {
				return fmt.Errorf("%s: %q vs %q", n, w, g)
			}
		}
		return nil
	}
}

var sortCases = []Case{
	// Lists, numerically and ALPHA
	cs("SORT a list numerically",
		C("RPUSH", "l", "3", "1", "2", "10", "-5", "2.5", "1e2", "-inf", "inf"),
		C("SORT", "l"), C("SORT", "l", "DESC"), C("SORT", "l", "ASC"), C("SORT", "l", "desc", "asc"),
		C("SORT", "l", "LIMIT", "2", "3"), C("SORT", "l", "DESC", "LIMIT", "0", "1"),
		hello("3"), C("SORT", "l", "LIMIT", "0", "2")),
	cs("SORT breaks numeric ties by the elements' bytes",
		C("RPUSH", "n", "1", "1.0", "01", "+1", "0x1", "1e0", "2", "-1", ".5", " 1", "1", "-0", "0", "0.0"),
		C("SORT", "n"), C("SORT", "n", "DESC"), C("SORT", "n", "LIMIT", "3", "4"), C("SORT", "n", "DESC", "LIMIT", "1", "5")),
	cs("SORT reads elements as strtod does",
		C("RPUSH", "l", "0x10", "1e-5", "+.5", "-Infinity", "INF", "", "7"),
		C("SORT", "l"), C("RPUSH", "l", "1e400"), C("SORT", "l").WantErr(errSortScores),
		C("DEL", "l"), C("RPUSH", "l", "1", "1.5"),
		C("SORT", "l").Diverges(divSortErrno, "*2\r\n$1\r\n1\r\n$3\r\n1.5\r\n"), errnoReset(), C("SORT", "l"),
		C("DEL", "l"), C("RPUSH", "l", "1", "1e-310"), C("SORT", "l").WantErr(errSortScores), errnoReset(),
		C("DEL", "l"), C("RPUSH", "l", "1", "0x1p-1074", "0x1.8p-1075"), C("SORT", "l").WantErr(errSortScores), errnoReset(),
		C("DEL", "l"), C("RPUSH", "l", "1", "0x1p-1074", "0e-400"), C("SORT", "l"),
		C("DEL", "l"), C("RPUSH", "l", "1", "nan"), C("SORT", "l").WantErr(errSortScores),
		C("DEL", "l"), C("RPUSH", "l", "1", "2 "), C("SORT", "l").WantErr(errSortScores),
		C("DEL", "l"), C("RPUSH", "l", "3", "2\x00junk", "1"), C("SORT", "l"),
		C("DEL", "l"), C("RPUSH", "l", "1", "1_000"), C("SORT", "l").WantErr(errSortScores),
		C("SORT", "l", "ALPHA")),
	cs("SORT ALPHA",
		C("RPUSH", "l", "banana", "apple", "Cherry", "apple", "10", "9", "", "b\xffx", "b\x01", "bz"),
		C("SORT", "l", "ALPHA"), C("SORT", "l", "ALPHA", "DESC"), C("SORT", "l", "alpha", "LIMIT", "2", "3"),
		C("SORT", "l", "ALPHA", "STORE", "d").Want(":10\r\n"), lAll("d")),
	cs("SORT ALPHA compares as strcoll without STORE and as memcmp with it",
		C("RPUSH", "l", "a\x00z", "a\x00b", "a", "a\x00m", "b"),
		C("SORT", "l", "ALPHA"), C("SORT", "l", "ALPHA", "DESC"),
		C("SORT", "l", "ALPHA", "STORE", "d"), lAll("d"), C("SORT", "l", "ALPHA", "DESC", "STORE", "d"), lAll("d")),

	// LIMIT
	cs("SORT LIMIT clamps its offset and count",
		C("RPUSH", "l", "3", "1", "2", "10"),
		C("SORT", "l", "LIMIT", "-1", "2"), C("SORT", "l", "LIMIT", "1", "-1"), C("SORT", "l", "LIMIT", "-5", "-5"),
		C("SORT", "l", "LIMIT", "1", "9223372036854775807"), C("SORT", "l", "LIMIT", "9223372036854775807", "1"),
		C("SORT", "l", "LIMIT", "-9223372036854775808", "9223372036854775807"),
		C("SORT", "l", "LIMIT", "3", "1"), C("SORT", "l", "LIMIT", "4", "1").Want("*0\r\n"), C("SORT", "l", "LIMIT", "0", "0").Want("*0\r\n"),
		C("SORT", "l", "LIMIT", "1", "2", "LIMIT", "0", "1"),
		C("SORT", "l", "LIMIT", "2", "1", "STORE", "d").Want(":1\r\n"), lAll("d"),
		C("SORT", "l", "LIMIT", "4", "1", "STORE", "d").Want(":0\r\n"), C("EXISTS", "d").Want(":0\r\n")),
	cs("SORT LIMIT errors",
		C("RPUSH", "l", "1"),
		C("SORT", "l", "LIMIT", "a", "1").WantErr("ERR value is not an integer or out of range"),
		C("SORT", "l", "LIMIT", "1", "1.5").WantErr("ERR value is not an integer or out of range"),
		C("SORT", "l", "LIMIT", "9223372036854775808", "1").WantErr("ERR value is not an integer or out of range"),
		C("SORT", "l", "LIMIT", "1").WantErr("ERR syntax error"), C("SORT", "l", "LIMIT").WantErr("ERR syntax error"),
		C("SORT", "l", "LIMIT", "1", "1", "9").WantErr("ERR syntax error"),
		C("SORT", "nokey", "LIMIT", "x", "1").WantErr("ERR value is not an integer or out of range")),

	// BY
	cs("SORT BY string weights",
		C("RPUSH", "l", "a", "b", "c", "d", "e", "f"),
		C("MSET", "w_a", "3", "w_b", "1", "w_c", "2.5", "w_d", "-inf", "w_e", "0x10"),
		C("SORT", "l", "BY", "w_*"), C("SORT", "l", "BY", "w_*", "DESC"), C("SORT", "l", "BY", "w_*", "LIMIT", "1", "3"),
		C("SORT", "l", "BY", "w_*", "DESC", "LIMIT", "2", "10"),
		C("SET", "w_f", " 5"), C("SORT", "l", "BY", "w_*"),
		C("SET", "w_f", ""), C("SORT", "l", "BY", "w_*"),
		C("SET", "w_f", "5 "), C("SORT", "l", "BY", "w_*").WantErr(errSortScores),
		C("SET", "w_f", "1e-310"), C("SORT", "l", "BY", "w_*").WantErr(errSortScores), errnoReset(),
		C("SET", "w_f", "nope"), C("SORT", "l", "BY", "w_*", "STORE", "d").WantErr(errSortScores), C("EXISTS", "d").Want(":0\r\n"),
		C("SORT", "l", "BY", "w_*", "ALPHA"), C("SORT", "l", "BY", "w_*", "ALPHA", "DESC", "LIMIT", "0", "3")),
	cs("SORT BY patterns with a prefix and a suffix",
		C("RPUSH", "l", "1", "2", "3"), C("MSET", "pre:1:post", "30", "pre:2:post", "10", "pre:3:post", "20"),
		C("SORT", "l", "BY", "pre:*:post"), C("SORT", "l", "BY", "pre:*:post", "GET", "pre:*:post"),
		C("SORT", "l", "BY", "*"), C("MSET", "1", "z", "2", "y", "3", "x"), C("SORT", "l", "BY", "*", "ALPHA"),
		C("SORT", "l", "BY", "pre:*:post**", "GET", "pre:*:post**"), C("SET", "pre:2:post**", "x"), C("SORT", "l", "GET", "pre:*:post**")),
	cs("SORT BY weights of other types and missing weights",
		C("RPUSH", "l", "a", "b", "c", "d"), C("SET", "w_a", "2"), C("RPUSH", "w_b", "1"), C("HSET", "w_c", "f", "1"),
		C("SORT", "l", "BY", "w_*"), C("SORT", "l", "BY", "w_*", "DESC"), C("SORT", "l", "BY", "w_*", "ALPHA"),
		C("SORT", "l", "BY", "w_*", "ALPHA", "DESC")),
	cs("SORT BY hash fields",
		C("RPUSH", "l", "a", "b", "c", "d"),
		C("HSET", "h_a", "f", "5", "g", "x"), C("HSET", "h_b", "f", "2", "g", "z"), C("HSET", "h_c", "f", "9"), C("SET", "h_d", "1"),
		C("SORT", "l", "BY", "h_*->f"), C("SORT", "l", "BY", "h_*->f", "DESC"),
		C("SORT", "l", "BY", "h_*->g", "ALPHA"), C("SORT", "l", "BY", "h_*->g", "ALPHA", "DESC"),
		C("SORT", "l", "BY", "h_*->nofield"), C("SORT", "l", "BY", "h_*->"), C("SORT", "l", "BY", "h_*->f->x"),
		C("HSET", "h_a", "f->x", "1", "h_b", "0"), C("SORT", "l", "BY", "h_*->f->x"),
		C("SORT", "l", "BY", "h_->*"), C("HSET", "h_big", "f", "abc"), C("RPUSH", "l", "big"), C("SORT", "l", "BY", "h_*->f").WantErr(errSortScores)),
	cs("SORT BY a constant does not sort",
		C("RPUSH", "l", "3", "1", "2", "10", "x"),
		C("SORT", "l", "BY", "nosort"), C("SORT", "l", "BY", "nosort", "DESC"), C("SORT", "l", "BY", "nosort", "ALPHA"),
		C("SORT", "l", "BY", "nosort", "LIMIT", "1", "2"), C("SORT", "l", "BY", "nosort", "DESC", "LIMIT", "1", "2"),
		C("SORT", "l", "BY", "nosort", "LIMIT", "1", "9223372036854775807"), C("SORT", "l", "BY", "nosort", "DESC", "LIMIT", "3", "5"),
		C("SORT", "l", "BY", "nosort", "LIMIT", "5", "5"), C("SORT", "l", "BY", "nosort", "LIMIT", "-2", "2"),
		C("SORT", "l", "BY", "#"), C("SORT", "l", "BY", "x\x00*"),
		C("SORT", "l", "BY", "nosort", "BY", "w_*"), C("SORT", "l", "BY", "w_*", "BY", "nosort", "DESC"),
		C("SORT", "l", "BY", "nosort", "DESC", "STORE", "d").Want(":5\r\n"), lAll("d")),
	cs("SORT ALPHA BY keeps Redis's order of equal weights",
		append(sortTies(),
			C("SORT", "ties", "BY", "w_*", "ALPHA"), C("SORT", "ties", "BY", "w_*", "ALPHA", "DESC"),
			C("SORT", "ties", "BY", "w_*", "ALPHA", "LIMIT", "10", "15"), C("SORT", "ties", "BY", "w_*", "ALPHA", "DESC", "LIMIT", "0", "25"),
			C("SORT", "ties", "BY", "w_*", "ALPHA", "LIMIT", "40", "5"), C("SORT", "ties", "BY", "w_*", "ALPHA", "LIMIT", "0", "59"),
			C("SORT", "ties", "BY", "w_*", "ALPHA", "LIMIT", "0", "0"), C("SORT", "ties", "BY", "w_*", "ALPHA", "LIMIT", "30", "1"),
			C("SORT", "ties", "BY", "w_*", "ALPHA", "LIMIT", "5", "10", "STORE", "d"), lAll("d"),
			C("LTRIM", "ties", "0", "9"), C("SORT", "ties", "BY", "w_*", "ALPHA", "LIMIT", "2", "3"),
			C("LTRIM", "ties", "0", "6"), C("SORT", "ties", "BY", "w_*", "ALPHA", "LIMIT", "1", "2"),
			C("LTRIM", "ties", "0", "5"), C("SORT", "ties", "BY", "w_*", "ALPHA", "LIMIT", "1", "2"))...),
	cs("SORT ALPHA BY with LIMIT orders ties as Redis's pqsort", sortTiesBySize()...),

	// GET
	cs("SORT GET",
		C("RPUSH", "l", "a", "b", "c"), C("MSET", "w_a", "3", "w_b", "1", "v_a", "A", "v_c", "C"), C("HSET", "h_b", "f", "B"),
		C("SORT", "l", "BY", "w_*", "GET", "v_*"), C("SORT", "l", "BY", "w_*", "GET", "#", "GET", "v_*", "GET", "h_*->f", "GET", "w_*"),
		C("SORT", "l", "ALPHA", "GET", "nostar"), C("SORT", "l", "ALPHA", "GET", "h_*->"), C("SORT", "l", "ALPHA", "GET", "v_*->f"),
		C("SORT", "l", "ALPHA", "GET", "#", "LIMIT", "1", "1"), C("SORT", "l", "ALPHA", "GET", "#\x00x"),
		C("SORT", "l", "ALPHA", "LIMIT", "5", "1", "GET", "#").Want("*0\r\n"),
		hello("3"), C("SORT", "l", "BY", "w_*", "GET", "v_*", "GET", "#"), C("SORT", "l", "ALPHA", "GET", "nostar")),
	cs("SORT GET of a hash field named after the star",
		C("RPUSH", "l", "1", "2"), C("HSET", "obj:1", "name", "one", "weight", "20"), C("HSET", "obj:2", "name", "two", "weight", "10"),
		C("SORT", "l", "BY", "obj:*->weight", "GET", "obj:*->name", "GET", "#"),
		C("SORT", "l", "BY", "obj:*->weight", "GET", "obj:*->name", "DESC", "LIMIT", "0", "1"),
		C("SORT", "l", "BY", "nosort", "GET", "obj:*->name", "STORE", "names").Want(":2\r\n"), lAll("names")),

	// STORE
	cs("SORT STORE",
		C("RPUSH", "l", "3", "1", "2"), C("SET", "d", "old", "EX", "100"),
		C("SORT", "l", "STORE", "d").Want(":3\r\n"), C("TYPE", "d").Want("+list\r\n"), C("TTL", "d").Want(":-1\r\n"),
		C("OBJECT", "ENCODING", "d"), lAll("d"),
		C("SORT", "l", "DESC", "STORE", "d", "STORE", "d2").Want(":3\r\n"), lAll("d"), lAll("d2"),
		C("SORT", "l", "GET", "#", "GET", "nokey_*", "STORE", "d").Want(":6\r\n"), lAll("d"),
		C("SORT", "l", "STORE", "l").Want(":3\r\n"), lAll("l"),
		C("ZADD", "z", "1", "a"), C("SORT", "l", "LIMIT", "0", "1", "STORE", "z"), C("TYPE", "z").Want("+list\r\n"),
		C("SORT", "l", "LIMIT", "9", "1", "STORE", "z").Want(":0\r\n"), C("EXISTS", "z").Want(":0\r\n"),
		C("SORT", "l", "LIMIT", "9", "1", "STORE", "z").Want(":0\r\n")),
	cs("SORT STORE of a missing key deletes the destination",
		C("SET", "d", "x"), C("SORT", "nokey", "STORE", "d").Want(":0\r\n"), C("EXISTS", "d").Want(":0\r\n"),
		C("SORT", "nokey", "STORE", "d").Want(":0\r\n"), C("SORT", "nokey").Want("*0\r\n"),
		C("SORT", "nokey", "BY", "w_*", "GET", "#", "LIMIT", "0", "10", "DESC", "ALPHA").Want("*0\r\n"),
		hello("3"), C("SORT", "nokey").Want("*0\r\n")),
	cs("SORT STORE of a large list",
		C("RPUSH", "l", strings.Repeat("x", 100), "3", "a"), C("SORT", "l", "ALPHA", "STORE", "d"), lAll("d"),
		C("OBJECT", "ENCODING", "d")),

	// Sets and sorted sets
	cs("SORT a set",
		C("SADD", "s", "5", "3", "1", "20", "-2"), C("OBJECT", "ENCODING", "s"),
		C("SORT", "s"), C("SORT", "s", "DESC"), C("SORT", "s", "LIMIT", "1", "2"), C("SORT", "s", "ALPHA"),
		C("SORT", "s", "BY", "nosort"), C("SORT", "s", "BY", "nosort", "DESC"), C("SORT", "s", "BY", "nosort", "LIMIT", "1", "2"),
		C("SORT", "s", "BY", "nosort", "STORE", "d"), lAll("d"),
		C("SADD", "t", "x", "y", "b", "a", "10", "9"), C("SORT", "t", "ALPHA"), C("SORT", "t", "ALPHA", "DESC", "LIMIT", "1", "3"),
		C("SORT", "t").WantErr(errSortScores), C("SORT", "t", "BY", "nosort").Sorted(),
		C("SORT", "t", "BY", "nosort", "STORE", "d").Want(":6\r\n"), lAll("d"),
		C("SORT", "t", "BY", "nosort", "DESC", "STORE", "d"), lAll("d"),
		C("MSET", "w_x", "1", "w_y", "2"), C("SORT", "t", "BY", "w_*", "GET", "#", "GET", "w_*"),
		C("SORT", "t", "BY", "w_*", "LIMIT", "0", "3")),
	cs("SORT a sorted set",
		C("ZADD", "z", "1", "c", "2", "a", "3", "10", "4", "b", "5", "2"), C("OBJECT", "ENCODING", "z").Want("$8\r\nlistpack\r\n"),
		C("SORT", "z").WantErr(errSortScores), C("OBJECT", "ENCODING", "z").Want("$8\r\nskiplist\r\n"),
		C("SORT", "z", "ALPHA"), C("SORT", "z", "ALPHA", "DESC", "LIMIT", "1", "2"),
		C("SORT", "z", "BY", "nosort"), C("SORT", "z", "BY", "nosort", "DESC"),
		C("SORT", "z", "BY", "nosort", "LIMIT", "1", "2"), C("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "2"),
		C("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "0", "2"), C("SORT", "z", "BY", "nosort", "LIMIT", "4", "10"),
		C("SORT", "z", "BY", "nosort", "LIMIT", "5", "10"), C("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "-3", "2"),
		C("SORT", "z", "BY", "nosort", "STORE", "d"), lAll("d"),
		C("ZADD", "n", "3", "1", "1", "2", "2", "3"), C("SORT", "n"), C("SORT", "n", "BY", "nosort", "GET", "#"),
		C("SORT", "n", "BY", "nosort", "DESC", "STORE", "d"), lAll("d")),
	cs("SORT_RO converts a sorted set too",
		C("ZADD", "z", "2", "b", "1", "a"), C("SORT_RO", "z", "ALPHA"), C("OBJECT", "ENCODING", "z").Want("$8\r\nskiplist\r\n"),
		C("ZADD", "y", "2", "b", "1", "a"), C("SORT_RO", "y", "LIMIT", "x", "1").IsErr(), C("OBJECT", "ENCODING", "y").Want("$8\r\nlistpack\r\n")),

	// Errors
	cs("SORT errors",
		C("SET", "str", "x"), C("HSET", "h", "f", "v"), C("RPUSH", "l", "1"),
		C("SORT", "str").WantErr("WRONGTYPE Operation against a key holding the wrong kind of value"),
		C("SORT", "h", "BY", "nosort").WantErr("WRONGTYPE Operation against a key holding the wrong kind of value"),
		C("SORT_RO", "str").WantErr("WRONGTYPE Operation against a key holding the wrong kind of value"),
		C("SORT", "str", "foo").WantErr("ERR syntax error"), C("SORT", "str", "LIMIT", "a", "b").WantErr("ERR value is not an integer or out of range"),
		C("SORT", "l", "foo").WantErr("ERR syntax error"), C("SORT", "l", "STORE").WantErr("ERR syntax error"),
		C("SORT", "l", "BY").WantErr("ERR syntax error"), C("SORT", "l", "GET").WantErr("ERR syntax error"),
		C("SORT", "l", "ASC", "GET", "#", "NOPE", "x").WantErr("ERR syntax error"),
		C("SORT", "l", "ALPHA\x00x", "DESC\x00").Want("*1\r\n$1\r\n1\r\n"),
		C("SORT").WantErr("ERR wrong number of arguments for 'sort' command"),
		C("SORT_RO").WantErr("ERR wrong number of arguments for 'sort_ro' command"),
		C("SORT_RO", "l", "STORE", "d").WantErr("ERR syntax error"), C("EXISTS", "d").Want(":0\r\n"),
		C("SORT", "str", "STORE", "d").WantErr("WRONGTYPE Operation against a key holding the wrong kind of value")),

	// SORT_RO
	cs("SORT_RO",
		C("RPUSH", "l", "c", "a", "b"), C("MSET", "w_a", "2", "w_b", "1", "w_c", "3"),
		C("SORT_RO", "l", "ALPHA"), C("SORT_RO", "l", "BY", "w_*", "GET", "#", "GET", "w_*"),
		C("SORT_RO", "l", "BY", "nosort", "DESC", "LIMIT", "0", "2"), C("SORT_RO", "nokey").Want("*0\r\n"),
		C("SORT_RO", "l").WantErr(errSortScores), hello("3"), C("SORT_RO", "l", "ALPHA", "GET", "x_*")),

	// Transactions, WATCH, blocked clients, expiry
	cs("SORT in MULTI",
		C("RPUSH", "l", "3", "1", "2"), C("MULTI"), C("SORT", "l"), C("SORT", "l", "STORE", "d"), C("SORT", "l", "LIMIT", "x", "1"),
		C("SORT_RO", "l", "DESC"), C("LRANGE", "d", "0", "-1"), C("SORT", "l", "foo"), C("EXEC"),
		C("MULTI"), C("SORT", "l", "STORE"), C("EXEC"),
		C("MULTI"), C("SORT"), C("EXEC").WantErr("EXECABORT Transaction discarded because of previous errors.")),
	cs("WATCH sees the STORE destination of SORT",
		C("RPUSH", "l", "1", "2"),
		C("WATCH", "d"), C("SORT", "l", "STORE", "d").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "d"), C("SORT", "l", "LIMIT", "5", "1", "STORE", "d").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*-1\r\n"),
		C("WATCH", "d"), C("SORT", "l", "LIMIT", "5", "1", "STORE", "d").On(1), C("MULTI"), C("PING"), C("EXEC").Want("*1\r\n+PONG\r\n"),
		C("WATCH", "l"), C("SORT", "l").On(1), C("SORT", "l", "STORE", "d").On(1), C("SORT_RO", "l").On(1),
		C("MULTI"), C("PING"), C("EXEC").Want("*1\r\n+PONG\r\n")),
	cs("SORT STORE wakes a client blocked on the destination",
		C("RPUSH", "l", "b", "a"),
		C("BLPOP", "d", "0").On(1).Replies(0), WaitBlocked(1),
		C("SORT", "l", "ALPHA", "STORE", "d").Want(":2\r\n"),
		Recv().On(1).Want("*2\r\n$1\r\nd\r\n$1\r\na\r\n"), lAll("d")),
	cs("SORT skips expired weights and keys",
		C("RPUSH", "l", "a", "b"), C("SET", "w_a", "5", "PX", "1"), C("SET", "w_b", "3"), C("RPUSH", "gone", "1"), C("PEXPIRE", "gone", "1"),
		Sleep(20), C("SORT", "l", "BY", "w_*", "GET", "w_*"), C("SORT", "gone").Want("*0\r\n"), C("EXISTS", "w_a", "gone").Want(":0\r\n")),
	fresh("SORT counts keyspace hits and misses",
		C("RPUSH", "l", "a", "b", "c"), C("MSET", "w_a", "3", "w_b", "1"), C("HSET", "h_a", "f", "1"),
		C("CONFIG", "RESETSTAT"), C("SORT", "l", "BY", "w_*", "GET", "w_*", "GET", "#", "STORE", "d"),
		C("SORT", "l", "ALPHA", "GET", "h_*->f", "GET", "nostar"), C("SORT", "nokey", "STORE", "d"),
		C("SORT", "l", "BY", "nosort", "GET", "w_*"), C("SORT_RO", "l", "BY", "w_*"), C("SORT", "l", "GET", "w_*"),
		C("INFO", "stats").Compare(infoFields("keyspace_hits", "keyspace_misses"))),

	// COMMAND
	cs("COMMAND INFO, DOCS and GETKEYS of SORT and SORT_RO",
		C("COMMAND", "INFO", "sort", "sort_ro"), C("COMMAND", "DOCS", "sort", "sort_ro"),
		C("COMMAND", "GETKEYS", "SORT", "a", "BY", "x", "GET", "y", "STORE", "z"),
		C("COMMAND", "GETKEYSANDFLAGS", "SORT", "a", "BY", "x", "GET", "y", "STORE", "z", "store", "w"),
		C("COMMAND", "GETKEYS", "SORT", "l", "STORE", "limit", "1", "2"), C("COMMAND", "GETKEYS", "SORT", "l", "STORE"),
		C("COMMAND", "GETKEYS", "SORT", "l", "GET", "STORE", "x"), C("COMMAND", "GETKEYS", "SORT", "l", "LIMIT", "STORE", "x", "STORE", "y"),
		C("COMMAND", "GETKEYSANDFLAGS", "SORT_RO", "l", "BY", "x", "STORE", "y"),
		hello("3"), C("COMMAND", "INFO", "sort", "sort_ro"), C("COMMAND", "DOCS", "sort")),
}

func init() { allCases["TestCompatSort"] = sortCases }

func TestCompatSort(t *testing.T) { newSuite(t).run(sortCases) }
