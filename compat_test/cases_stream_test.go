package compat_test

import (
	"fmt"
	"strings"
	"testing"
)

// Stream cases: every command, option and error, side by side with
// redis-server 7.0.15. IDs are explicit: "*" makes IDs from the clock,
// which differs between the servers, so those cases compare shapes.

// xaddN adds n entries n-1 .. with IDs 1-1 .. n-1 (ms i, seq 1) to key,
// with one field f = i.
func xaddN(key string, n int, extra ...string) []Step {
	steps := make([]Step, 0, n)
	for i := 1; i <= n; i++ {
		args := append([]string{"XADD", key}, extra...)
		args = append(args, fmt.Sprintf("%d-1", i), "f", fmt.Sprint(i))
		steps = append(steps, C(args...))
	}
	return steps
}

// xaddMixed adds n entries whose fields and values vary in number, length
// and kind (integers, short and long strings), so that nodes fill by
// bytes as well as by count.
func xaddMixed(key string, n int) []Step {
	steps := make([]Step, 0, n)
	for i := 1; i <= n; i++ {
		args := []string{"XADD", key, fmt.Sprintf("%d-%d", i*3, i%5)}
		switch i % 4 {
		case 0:
			args = append(args, "f", fmt.Sprint(i*i*1000))
		case 1:
			args = append(args, "f", strings.Repeat("v", (i*7)%150))
		case 2:
			args = append(args, "f", fmt.Sprint(-i), "g", strings.Repeat("w", (i*13)%90))
		default:
			args = append(args, "other", strings.Repeat("z", (i*31)%300))
		}
		steps = append(steps, C(args...))
	}
	return steps
}

func csSteps(name string, groups ...[]Step) Case {
	var all []Step
	for _, g := range groups {
		all = append(all, g...)
	}
	return cs(name, all...)
}

func steps(s ...Step) []Step { return s }

var streamCases = []Case{
	cs("XADD with explicit IDs, XLEN, XRANGE, TYPE",
		C("XADD", "s", "1-1", "a", "1", "b", "2").Want("$3\r\n1-1\r\n"),
		C("XADD", "s", "1-2", "a", "3"),
		C("XADD", "s", "2", "c", "x"),
		C("XADD", "s", "5-*", "d", "y"),
		C("XADD", "s", "5-*", "d", "z"),
		C("XADD", "s", "3-*", "d", "z"),
		C("XLEN", "s"), C("TYPE", "s"), C("OBJECT", "ENCODING", "s"),
		C("XRANGE", "s", "-", "+"),
		C("XREVRANGE", "s", "+", "-"),
		C("XRANGE", "s", "1", "2"),
		C("XRANGE", "s", "1-2", "5-0"),
		C("XRANGE", "s", "(1-1", "(5-1"),
		C("XREVRANGE", "s", "(5-1", "(1-1"),
		C("XRANGE", "s", "-", "+", "COUNT", "2"),
		C("XRANGE", "s", "-", "+", "COUNT", "0"),
		C("XRANGE", "s", "-", "+", "COUNT", "-3"),
		C("XREVRANGE", "s", "+", "-", "COUNT", "1"),
		C("XRANGE", "s", "5", "1"),
		C("XRANGE", "nosuch", "-", "+"),
		C("XLEN", "nosuch"),
		hello("3"),
		C("XRANGE", "s", "-", "+", "COUNT", "0"),
		C("XRANGE", "s", "-", "+", "COUNT", "2")),
	cs("XADD errors",
		C("XADD", "s", "0-0", "a", "1").WantErr("ERR The ID specified in XADD must be greater than 0-0"),
		C("EXISTS", "s"),
		C("XADD", "s", "0", "a", "1"),
		C("XADD", "s", "0-*", "a", "1"),
		C("XADD", "s", "5-5", "a", "1"),
		C("XADD", "s", "5-5", "a", "1").WantErr("ERR The ID specified in XADD is equal or smaller than the target stream top item"),
		C("XADD", "s", "4-9", "a", "1"),
		C("XADD", "s", "4-*", "a", "1"),
		C("XADD", "s", "abc", "a", "1"),
		C("XADD", "s", "1-x", "a", "1"),
		C("XADD", "s", "-", "a", "1"),
		C("XADD", "s", "+", "a", "1"),
		C("XADD", "s", "-1", "a", "1"),
		C("XADD", "s", "18446744073709551616", "a", "1"),
		C("XADD", "s", "6-1", "a"),
		C("XADD", "s", "6-1", "a", "1", "b"),
		C("XADD", "s", "6-1"),
		C("XADD", "s", "MAXLEN", "-1", "6-1", "a", "1"),
		C("XADD", "s", "MAXLEN", "x", "6-1", "a", "1"),
		C("XADD", "s", "MAXLEN", "1", "MINID", "1", "6-1", "a", "1"),
		C("XADD", "s", "MINID", "bad", "6-1", "a", "1"),
		C("XADD", "s", "LIMIT", "10", "6-1", "a", "1"),
		C("XADD", "s", "MAXLEN", "5", "LIMIT", "10", "6-1", "a", "1"),
		C("XADD", "s", "MAXLEN", "~", "5", "LIMIT", "-1", "6-1", "a", "1"),
		C("XADD", "s", "MAXLEN", "~", "5", "LIMIT", "x", "6-1", "a", "1"),
		C("XADD", "s", "NOMKSTREAM", "MAXLEN", "=", "5", "6-1", "a", "1"),
		C("XADD", "s", "18446744073709551615-18446744073709551615", "a", "1"),
		C("XADD", "s", "18446744073709551615-*", "a", "1"),
		C("XADD", "s", "*", "a", "1"),
		C("SET", "str", "x"),
		C("XADD", "str", "1-1", "a", "1"),
		C("XLEN", "str"), C("XRANGE", "str", "-", "+"), C("XDEL", "str", "1"), C("XTRIM", "str", "MAXLEN", "1"),
		C("XSETID", "str", "1")),
	cs("XADD NOMKSTREAM on a missing key replies null",
		C("XADD", "s", "NOMKSTREAM", "1-1", "a", "1"),
		C("EXISTS", "s"),
		hello("3"),
		C("XADD", "s", "NOMKSTREAM", "1-1", "a", "1"),
		C("XADD", "s", "1-1", "a", "1"),
		C("XADD", "s", "NOMKSTREAM", "2-1", "a", "1")),
	cs("XADD with * makes a fresh ID",
		C("XADD", "s", "*", "a", "1").Ignore().Check(isBulk),
		C("XADD", "s", "5-1", "a", "1").WantErr("ERR The ID specified in XADD is equal or smaller than the target stream top item"),
		C("XLEN", "s")),
	cs("XRANGE errors",
		C("XADD", "s", "1-1", "a", "1"),
		C("XRANGE", "s", "x", "+"),
		C("XRANGE", "s", "-", "x"),
		C("XRANGE", "s", "(-", "+"),
		C("XRANGE", "s", "-", "(+"),
		C("XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"),
		C("XRANGE", "s", "-", "(0-0"),
		C("XRANGE", "s", "(", "+"),
		C("XRANGE", "s", "-", "+", "COUNT"),
		C("XRANGE", "s", "-", "+", "COUNT", "x"),
		C("XRANGE", "s", "-", "+", "LIMIT", "1"),
		C("XRANGE", "s", "-", "+", "COUNT", "1", "COUNT", "5"),
		C("XREVRANGE", "s", "+"),
		C("XRANGE", "s", " 1", "+"),
		C("XRANGE", "s", "+1", "+"),
		C("XRANGE", "s", "1-+2", "+")),
	cs("XDEL and the emptied stream stays",
		C("XADD", "s", "1-1", "a", "1"), C("XADD", "s", "2-1", "a", "2"), C("XADD", "s", "3-1", "a", "3"),
		C("XDEL", "s", "2-1", "9-9", "2-1"),
		C("XRANGE", "s", "-", "+"),
		C("XDEL", "s", "x"),
		C("XDEL", "s", "+"),
		C("XDEL", "s", "1-1", "3-1"),
		C("XLEN", "s"), C("EXISTS", "s"), C("TYPE", "s"),
		C("XADD", "s", "3-1", "a", "3"),
		C("XADD", "s", "3-2", "a", "3"),
		C("XDEL", "nosuch", "1-1")),
	csSteps("XTRIM MAXLEN and MINID, exact",
		xaddN("s", 30),
		steps(
			C("XTRIM", "s", "MAXLEN", "25"),
			C("XTRIM", "s", "MAXLEN", "=", "20"),
			C("XRANGE", "s", "-", "+", "COUNT", "2"),
			C("XTRIM", "s", "MINID", "15"),
			C("XTRIM", "s", "MINID", "=", "15-2"),
			C("XRANGE", "s", "-", "+", "COUNT", "2"),
			C("XTRIM", "s", "MAXLEN", "100"),
			C("XLEN", "s"),
			C("XTRIM", "s", "MAXLEN", "0"),
			C("XLEN", "s"), C("EXISTS", "s"),
			C("XTRIM", "nosuch", "MAXLEN", "0"),
		)),
	cs("XTRIM errors",
		C("XADD", "s", "1-1", "a", "1"),
		C("XTRIM", "s"),
		C("XTRIM", "s", "MAXLEN"),
		C("XTRIM", "s", "FOO", "1"),
		C("XTRIM", "s", "MAXLEN", "-1"),
		C("XTRIM", "s", "MAXLEN", "~", "x"),
		C("XTRIM", "s", "MINID", "x"),
		C("XTRIM", "s", "MINID", "-"),
		C("XTRIM", "s", "MAXLEN", "1", "MINID", "1"),
		C("XTRIM", "s", "MAXLEN", "1", "LIMIT", "1"),
		C("XTRIM", "s", "LIMIT", "1", "x"),
		C("XTRIM", "s", "LIMIT", "1", "MAXLEN", "~", "1"),
		C("XTRIM", "s", "MAXLEN", "~", "1", "LIMIT", "-1"),
		C("XTRIM", "s", "MAXLEN", "1", "junk")),
	csSteps("approximate trimming removes whole nodes of 100 entries",
		xaddN("s", 250),
		steps(
			C("XTRIM", "s", "MAXLEN", "~", "180"),
			C("XLEN", "s"),
			C("XTRIM", "s", "MAXLEN", "~", "140"),
			C("XLEN", "s"),
			C("XTRIM", "s", "MAXLEN", "~", "10", "LIMIT", "20"),
			C("XLEN", "s"),
			C("XTRIM", "s", "MINID", "~", "180"),
			C("XLEN", "s"),
			C("XTRIM", "s", "MINID", "~", "210"),
			C("XLEN", "s"),
			C("XRANGE", "s", "-", "+", "COUNT", "1"),
			C("XADD", "s", "MAXLEN", "~", "10", "251-1", "f", "x"),
			C("XLEN", "s"),
			C("XTRIM", "s", "MAXLEN", "~", "0"),
			C("XLEN", "s"),
		)),
	csSteps("XADD MAXLEN ~ keeps node boundaries as Redis",
		xaddN("s", 205, "MAXLEN", "~", "10"),
		steps(
			C("XLEN", "s"),
			C("XRANGE", "s", "-", "+", "COUNT", "1"),
			C("XADD", "s", "MAXLEN", "3", "300-1", "f", "x"),
			C("XLEN", "s"),
			C("XADD", "s", "MINID", "300", "301-1", "f", "x"),
			C("XRANGE", "s", "-", "+"),
		)),
	cs("big entries fill nodes by bytes",
		C("CONFIG", "SET", "stream-node-max-bytes", "4096"),
		C("XADD", "s", "1-1", "f", string(make([]byte, 1500))),
		C("XADD", "s", "2-1", "f", string(make([]byte, 1500))),
		C("XADD", "s", "3-1", "f", string(make([]byte, 1500))),
		C("XADD", "s", "4-1", "f", string(make([]byte, 1500))),
		C("XADD", "s", "5-1", "f", string(make([]byte, 1500))),
		C("XTRIM", "s", "MAXLEN", "~", "1"),
		C("XLEN", "s")),
	csSteps("nodes fill by listpack bytes as Redis counts them",
		xaddMixed("s", 400),
		steps(
			C("XINFO", "STREAM", "s"),
			C("XTRIM", "s", "MAXLEN", "~", "300"),
			C("XLEN", "s"),
			C("XTRIM", "s", "MAXLEN", "~", "150"),
			C("XLEN", "s"),
			C("XTRIM", "s", "MINID", "~", "300"),
			C("XLEN", "s"),
			C("XINFO", "STREAM", "s"),
		)),
	csSteps("radix tree counts of a bigger stream",
		xaddN("s", 1000),
		steps(
			C("XINFO", "STREAM", "s"),
			C("XADD", "s", "70000-1", "f", "x"),
			C("XADD", "s", "4294967296-1", "f", "x"),
			C("XINFO", "STREAM", "s"),
		)),
	cs("stream-node-max-entries sets the node size",
		C("CONFIG", "SET", "stream-node-max-entries", "5"),
		C("XADD", "s", "1-1", "f", "1"), C("XADD", "s", "2-1", "f", "1"), C("XADD", "s", "3-1", "f", "1"),
		C("XADD", "s", "4-1", "f", "1"), C("XADD", "s", "5-1", "f", "1"), C("XADD", "s", "6-1", "f", "1"),
		C("XADD", "s", "7-1", "f", "1"), C("XADD", "s", "8-1", "f", "1"), C("XADD", "s", "9-1", "f", "1"),
		C("XADD", "s", "10-1", "f", "1"), C("XADD", "s", "11-1", "f", "1"), C("XADD", "s", "12-1", "f", "1"),
		C("XTRIM", "s", "MAXLEN", "~", "3"),
		C("XLEN", "s"),
		C("XDEL", "s", "11-1", "12-1"),
		C("XADD", "s", "13-1", "f", "1"),
		C("XADD", "s", "14-1", "f", "1"),
		C("XADD", "s", "15-1", "f", "1"),
		C("XTRIM", "s", "MAXLEN", "~", "2"),
		C("XLEN", "s"),
		C("CONFIG", "SET", "stream-node-max-entries", "100")),
	cs("XSETID",
		C("XSETID", "s", "5-5").WantErr("ERR no such key"),
		C("XADD", "s", "1-1", "a", "1"),
		C("XADD", "s", "2-1", "a", "1"),
		C("XSETID", "s", "1-5"),
		C("XSETID", "s", "2-1"),
		C("XSETID", "s", "10-1"),
		C("XADD", "s", "10-1", "a", "1"),
		C("XADD", "s", "10-*", "a", "1"),
		C("XSETID", "s", "20", "ENTRIESADDED", "1"),
		C("XSETID", "s", "20", "ENTRIESADDED", "-1"),
		C("XSETID", "s", "20", "ENTRIESADDED", "x"),
		C("XSETID", "s", "20", "ENTRIESADDED", "100", "MAXDELETEDID", "15"),
		C("XSETID", "s", "20", "MAXDELETEDID", "25"),
		C("XSETID", "s", "14", "MAXDELETEDID", "1"),
		C("XSETID", "s", "20", "FOO", "1"),
		C("XSETID", "s", "20", "ENTRIESADDED"),
		C("XSETID", "s", "x"),
		C("XSETID", "s", "-"),
		C("XDEL", "s", "1-1", "2-1", "10-1", "10-2"),
		C("XSETID", "s", "0-1"),
		C("XSETID", "s", "18446744073709551615-18446744073709551615"),
		C("XADD", "s", "*", "a", "1"),
		C("XLEN", "s")),
	cs("COMMAND INFO and DOCS of stream commands",
		C("COMMAND", "INFO", "xadd", "xlen", "xrange", "xrevrange", "xdel", "xtrim", "xsetid"),
		C("COMMAND", "DOCS", "xadd", "xtrim", "xsetid"),
		C("COMMAND", "DOCS", "xlen", "xrange", "xrevrange", "xdel")),
	cs("COPY, RENAME and SCAN TYPE of a stream",
		C("XADD", "s", "1-1", "a", "1"),
		C("COPY", "s", "t"),
		C("XADD", "t", "2-1", "b", "2"),
		C("XLEN", "s"), C("XLEN", "t"),
		ScanAll("SCAN", "{{cursor}}", "TYPE", "stream"),
		C("RENAME", "t", "u"),
		C("XRANGE", "u", "-", "+")),
	cs("BullMQ's XADD * MAXLEN ~ 10000 and XTRIM MAXLEN ~",
		C("XADD", "events", "MAXLEN", "~", "10000", "*", "event", "added", "jobId", "1").Ignore().Check(isBulk),
		C("XADD", "events", "MAXLEN", "~", "10000", "*", "event", "completed", "jobId", "1").Ignore().Check(isBulk),
		C("XLEN", "events"),
		C("XTRIM", "events", "MAXLEN", "~", "0"),
		C("XLEN", "events"),
		C("MEMORY", "USAGE", "events").Ignore().Check(func(v *Value) error {
			if v.Type != ':' {
				return fmt.Errorf("want an integer, got %q", v.Raw)
			}
			return nil
		})),
	cs("an empty stream made by XADD MAXLEN 0",
		C("XADD", "s", "MAXLEN", "0", "0-1", "x", "y"),
		C("XLEN", "s"), C("EXISTS", "s"),
		C("XINFO", "STREAM", "s"),
		C("XRANGE", "s", "-", "+"),
		C("XREVRANGE", "s", "+", "-"),
		C("XADD", "s", "0-1", "x", "y")),
	cs("XADD inside MULTI",
		C("MULTI"), C("XADD", "s", "1-1", "a", "1"), C("XADD", "s", "1-1", "a", "1"), C("XLEN", "s"), C("EXEC")),
}

// isBulk checks a bulk-string reply.
func isBulk(v *Value) error {
	if v.Type != '$' {
		return fmt.Errorf("want a bulk string, got %q", v.Raw)
	}
	return nil
}

func init() { allCases["TestCompatStream"] = streamCases }

func TestCompatStream(t *testing.T) { newSuite(t).run(streamCases) }
