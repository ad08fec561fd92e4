package compat_test

import (
	"fmt"
	"strconv"
	"testing"
)

// Consumer groups: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM,
// XAUTOCLAIM, XINFO. Idle times and delivery times come from the clock
// and are compared approximately.

func xs3(key string) []Step {
	return steps(
		C("XADD", key, "1-1", "a", "1"),
		C("XADD", key, "2-1", "b", "2"),
		C("XADD", key, "3-1", "c", "3"))
}

var streamGroupCases = []Case{
	csSteps("XGROUP CREATE, SETID, DESTROY and errors",
		steps(
			C("XGROUP", "CREATE", "s", "g", "$").WantErr("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically."),
			C("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"),
			C("TYPE", "s"), C("XLEN", "s"),
			C("XGROUP", "CREATE", "s", "g", "$"),
			C("XGROUP", "CREATE", "s", "g2", "0", "ENTRIESREAD", "5"),
			C("XGROUP", "CREATE", "s", "g3", "0", "ENTRIESREAD", "-2"),
			C("XGROUP", "CREATE", "s", "g3", "0", "ENTRIESREAD", "x"),
			C("XGROUP", "CREATE", "s", "g3", "0", "FOO"),
			C("XGROUP", "CREATE", "s", "g3", "bad"),
			C("XGROUP", "CREATE", "s", "g3", "-"),
			C("XGROUP", "CREATE", "s", "g3", "0", "MKSTREAM", "ENTRIESREAD", "1", "MKSTREAM"),
			C("XGROUP", "CREATE", "s", "g3"),
			C("XGROUP", "SETID", "s", "nog", "0"),
			C("XGROUP", "SETID", "s", "g", "5-5"),
			C("XGROUP", "SETID", "s", "g", "$"),
			C("XGROUP", "SETID", "s", "g", "-"),
			C("XGROUP", "SETID", "s", "g", "bad"),
			C("XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD", "3"),
			C("XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD", "-5"),
			C("XGROUP", "SETID", "s", "g", "0", "FOO", "3"),
			C("XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD"),
			C("XGROUP", "SETID", "nosuch", "g", "0"),
			C("XGROUP", "DESTROY", "s", "g2"),
			C("XGROUP", "DESTROY", "s", "g2"),
			C("XGROUP", "DESTROY", "nosuch", "g2"),
			C("XGROUP", "CREATECONSUMER", "s", "g", "alice"),
			C("XGROUP", "CREATECONSUMER", "s", "g", "alice"),
			C("XGROUP", "CREATECONSUMER", "s", "nog", "alice"),
			C("XGROUP", "DELCONSUMER", "s", "g", "alice"),
			C("XGROUP", "DELCONSUMER", "s", "g", "alice"),
			C("XGROUP", "DELCONSUMER", "s", "nog", "alice"),
			C("XGROUP", "FOO", "s", "g"),
			C("XGROUP", "HELP"),
			C("XGROUP"),
			C("SET", "str", "x"),
			C("XGROUP", "CREATE", "str", "g", "$"),
			C("XINFO", "GROUPS", "s"),
		)),
	csSteps("XREADGROUP delivers new entries and keeps the PEL",
		xs3("s"),
		steps(
			C("XGROUP", "CREATE", "s", "g", "0"),
			C("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", ">"),
			C("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"),
			C("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"),
			C("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"),
			C("XREADGROUP", "GROUP", "g", "bob", "COUNT", "1", "STREAMS", "s", "0"),
			C("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", "2-1"),
			C("XPENDING", "s", "g"),
			C("XPENDING", "s", "g", "-", "+", "10").Approx(1000),
			C("XPENDING", "s", "g", "-", "+", "10", "bob").Approx(1000),
			C("XPENDING", "s", "g", "-", "+", "10", "nobody"),
			C("XPENDING", "s", "g", "(1-1", "+", "1").Approx(1000),
			C("XPENDING", "s", "g", "IDLE", "100000", "-", "+", "10"),
			C("XPENDING", "s", "g", "-", "+", "0"),
			C("XACK", "s", "g", "1-1", "9-9"),
			C("XACK", "s", "g", "1-1"),
			C("XACK", "s", "g", "x"),
			C("XACK", "s", "nog", "2-1"),
			C("XACK", "nosuch", "g", "2-1"),
			C("XPENDING", "s", "g"),
			C("XDEL", "s", "2-1"),
			C("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", "0"),
			C("XINFO", "GROUPS", "s"),
			C("XINFO", "CONSUMERS", "s", "g").Approx(1000),
			C("XGROUP", "DELCONSUMER", "s", "g", "bob"),
			C("XPENDING", "s", "g"),
			hello("3"),
			C("XREADGROUP", "GROUP", "g", "carol", "STREAMS", "s", "0"),
			C("XADD", "s", "4-1", "d", "4"),
			C("XREADGROUP", "GROUP", "g", "carol", "NOACK", "STREAMS", "s", ">"),
			C("XPENDING", "s", "g"),
			C("XINFO", "GROUPS", "s"),
			C("XREADGROUP", "GROUP", "g", "carol", "STREAMS", "s", ">"),
		)),
	csSteps("XREADGROUP and XREAD errors",
		xs3("s"),
		steps(
			C("XGROUP", "CREATE", "s", "g", "0"),
			C("XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", "$"),
			C("XREADGROUP", "GROUP", "nog", "a", "STREAMS", "s", ">"),
			C("XREADGROUP", "GROUP", "g", "a", "STREAMS", "nosuch", ">"),
			C("XREADGROUP", "GROUP", "g", "a", "STREAMS", "s"),
			C("XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", "bad"),
			C("XREADGROUP", "COUNT", "1", "STREAMS", "s", ">", "x"),
			C("XREADGROUP", "GROUP", "g", "a", "COUNT", "x", "STREAMS", "s", ">"),
			C("XREADGROUP", "GROUP", "g", "a", "BLOCK", "x", "STREAMS", "s", ">"),
			C("XREADGROUP", "GROUP", "g", "a", "BLOCK", "-1", "STREAMS", "s", ">"),
			C("XREADGROUP", "GROUP", "g", "a", "FOO", "STREAMS", "s", ">"),
			C("XREAD", "GROUP", "g", "a", "STREAMS", "s", "0"),
			C("XREAD", "NOACK", "STREAMS", "s", "0"),
			C("XREAD", "STREAMS", "s", ">"),
			C("XREAD", "STREAMS", "s"),
			C("XREAD", "COUNT", "1", "s"),
			C("XREAD", "STREAMS", "s", "s2", "0"),
			C("SET", "str", "x"),
			C("XREAD", "STREAMS", "str", "0"),
			C("XREADGROUP", "GROUP", "g", "a", "STREAMS", "str", ">"),
		)),
	csSteps("XREAD reads several streams",
		xs3("s"),
		steps(
			C("XADD", "t", "5-1", "x", "1"),
			C("XREAD", "STREAMS", "s", "t", "0", "0"),
			C("XREAD", "COUNT", "1", "STREAMS", "s", "t", "1-1", "0"),
			C("XREAD", "STREAMS", "s", "t", "$", "$"),
			C("XREAD", "STREAMS", "s", "nosuch", "3-1", "0"),
			C("XREAD", "STREAMS", "s", "t", "2", "0-0"),
			C("XREAD", "COUNT", "-5", "STREAMS", "s", "0"),
			hello("3"),
			C("XREAD", "STREAMS", "s", "t", "0", "0"),
			C("XREAD", "STREAMS", "s", "3-1"),
		)),
	csSteps("XCLAIM",
		xs3("s"),
		steps(
			C("XGROUP", "CREATE", "s", "g", "0"),
			C("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">"),
			C("XCLAIM", "s", "g", "bob", "0", "1-1"),
			C("XCLAIM", "s", "g", "bob", "0", "2-1", "JUSTID"),
			C("XCLAIM", "s", "g", "bob", "1000000", "3-1"),
			C("XCLAIM", "s", "g", "bob", "0", "3-1", "RETRYCOUNT", "7", "JUSTID"),
			C("XPENDING", "s", "g", "-", "+", "10").Approx(1000),
			C("XCLAIM", "s", "g", "carol", "0", "9-9", "FORCE"),
			C("XADD", "s", "4-1", "d", "4"),
			C("XCLAIM", "s", "g", "carol", "0", "4-1", "FORCE", "JUSTID"),
			C("XCLAIM", "s", "g", "carol", "0", "4-1", "IDLE", "5000", "JUSTID"),
			C("XPENDING", "s", "g", "-", "+", "10").Approx(1000),
			C("XCLAIM", "s", "g", "carol", "0", "1-1", "TIME", "1", "JUSTID"),
			C("XCLAIM", "s", "g", "carol", "0", "1-1", "LASTID", "10-1", "JUSTID"),
			C("XINFO", "GROUPS", "s"),
			C("XDEL", "s", "1-1"),
			C("XCLAIM", "s", "g", "carol", "0", "1-1"),
			C("XPENDING", "s", "g"),
			C("XCLAIM", "s", "g", "carol", "x", "1-1"),
			C("XCLAIM", "s", "g", "carol", "0", "1-1", "IDLE", "x"),
			C("XCLAIM", "s", "g", "carol", "0", "1-1", "TIME", "x"),
			C("XCLAIM", "s", "g", "carol", "0", "1-1", "RETRYCOUNT", "x"),
			C("XCLAIM", "s", "g", "carol", "0", "1-1", "LASTID", "x"),
			C("XCLAIM", "s", "g", "carol", "0", "1-1", "FOO"),
			C("XCLAIM", "s", "g", "carol", "0", "junk", "2-1"),
			C("XCLAIM", "s", "nog", "carol", "0", "1-1"),
			C("XCLAIM", "nosuch", "g", "carol", "0", "1-1"),
		)),
	csSteps("XAUTOCLAIM",
		xs3("s"),
		steps(
			C("XADD", "s", "4-1", "d", "4"),
			C("XGROUP", "CREATE", "s", "g", "0"),
			C("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">"),
			C("XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "2"),
			C("XAUTOCLAIM", "s", "g", "bob", "0", "(2-1", "COUNT", "1", "JUSTID"),
			C("XDEL", "s", "4-1"),
			C("XAUTOCLAIM", "s", "g", "bob", "0", "0-0", "JUSTID"),
			C("XAUTOCLAIM", "s", "g", "bob", "1000000", "0"),
			C("XPENDING", "s", "g"),
			C("XAUTOCLAIM", "s", "g", "bob", "x", "0"),
			C("XAUTOCLAIM", "s", "g", "bob", "0", "x"),
			C("XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "0"),
			C("XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "x"),
			C("XAUTOCLAIM", "s", "g", "bob", "0", "0", "FOO"),
			C("XAUTOCLAIM", "s", "nog", "bob", "0", "0"),
			C("XAUTOCLAIM", "nosuch", "g", "bob", "0", "0"),
			C("XAUTOCLAIM", "s", "g", "bob", "0", "(18446744073709551615-18446744073709551615"),
		)),
	csSteps("XINFO STREAM, FULL, GROUPS, CONSUMERS and HELP",
		xs3("s"),
		steps(
			C("XINFO", "STREAM", "s"),
			C("XGROUP", "CREATE", "s", "g", "0"),
			C("XGROUP", "CREATE", "s", "a", "$"),
			C("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">"),
			C("XDEL", "s", "3-1"),
			C("XINFO", "STREAM", "s"),
			C("XINFO", "STREAM", "s", "FULL").Compare(sameButTimes),
			C("XINFO", "STREAM", "s", "FULL", "COUNT", "1").Compare(sameButTimes),
			C("XINFO", "STREAM", "s", "FULL", "COUNT", "0").Compare(sameButTimes),
			C("XINFO", "STREAM", "s", "FULL", "COUNT", "x"),
			C("XINFO", "STREAM", "s", "FOO"),
			C("XINFO", "STREAM", "s", "FULL", "FOO"),
			C("XINFO", "GROUPS", "s"),
			C("XINFO", "CONSUMERS", "s", "g").Approx(1000),
			C("XINFO", "CONSUMERS", "s", "nog"),
			C("XINFO", "STREAM", "nosuch"),
			C("XINFO", "GROUPS", "nosuch"),
			C("XINFO", "HELP"),
			C("XINFO", "FOO"),
			hello("3"),
			C("XINFO", "STREAM", "s"),
			C("XINFO", "GROUPS", "s"),
			C("XINFO", "STREAM", "s", "FULL").Compare(sameButTimes),
		)),
	csSteps("lag and entries-read follow deletions and trims",
		xs3("s"),
		steps(
			C("XGROUP", "CREATE", "s", "g", "0"),
			C("XGROUP", "CREATE", "s", "h", "0", "ENTRIESREAD", "0"),
			C("XINFO", "GROUPS", "s"),
			C("XREADGROUP", "GROUP", "h", "c", "COUNT", "1", "STREAMS", "s", ">"),
			C("XINFO", "GROUPS", "s"),
			C("XDEL", "s", "2-1"),
			C("XINFO", "GROUPS", "s"),
			C("XREADGROUP", "GROUP", "h", "c", "STREAMS", "s", ">"),
			C("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"),
			C("XINFO", "GROUPS", "s"),
			C("XADD", "s", "5-1", "e", "5"),
			C("XTRIM", "s", "MAXLEN", "1"),
			C("XINFO", "GROUPS", "s"),
			C("XINFO", "STREAM", "s"),
		)),
	cs("COMMAND INFO and DOCS of the group commands",
		C("COMMAND", "INFO", "xread", "xreadgroup", "xack", "xpending", "xclaim", "xautoclaim"),
		C("COMMAND", "INFO", "xgroup|create", "xgroup|setid", "xgroup|destroy", "xgroup|createconsumer", "xgroup|delconsumer", "xgroup|help"),
		C("COMMAND", "INFO", "xinfo|stream", "xinfo|groups", "xinfo|consumers", "xinfo|help"),
		C("COMMAND", "DOCS", "xread", "xreadgroup", "xack", "xpending"),
		C("COMMAND", "DOCS", "xclaim", "xautoclaim"),
		C("COMMAND", "DOCS", "xgroup|create", "xgroup|setid", "xgroup|destroy", "xgroup|createconsumer", "xgroup|delconsumer", "xgroup|help"),
		C("COMMAND", "DOCS", "xinfo|stream", "xinfo|groups", "xinfo|consumers", "xinfo|help"),
		C("COMMAND", "GETKEYS", "XREAD", "COUNT", "1", "STREAMS", "a", "b", "0", "0"),
		C("COMMAND", "GETKEYS", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "a", "b", "c", ">", ">", ">")),
}

// sameButTimes compares two replies exactly but for integers that are
// both Unix times in milliseconds (delivery and seen times), which come
// from each server's clock.
func sameButTimes(w, g *Value) error {
	if w.Type != g.Type || w.Null != g.Null || len(w.Elems) != len(g.Elems) {
		return fmt.Errorf("shape differs: %s vs %s", w, g)
	}
	if w.Type == ':' {
		a, _ := strconv.ParseInt(w.Str, 10, 64)
		b, _ := strconv.ParseInt(g.Str, 10, 64)
		if a > 1e12 && b > 1e12 {
			return nil
		}
	}
	if w.Str != g.Str {
		return fmt.Errorf("%s != %s", w, g)
	}
	for i := range w.Elems {
		if err := sameButTimes(w.Elems[i], g.Elems[i]); err != nil {
			return err
		}
	}
	return nil
}

func init() { allCases["TestCompatStreamGroup"] = streamGroupCases }

func TestCompatStreamGroup(t *testing.T) { newSuite(t).run(streamGroupCases) }
