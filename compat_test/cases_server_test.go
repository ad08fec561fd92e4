package compat_test

import (
	"fmt"
	"strings"
	"testing"
)

// configGet compares a CONFIG GET reply as a set of pairs.
func configGet(names ...string) Step {
	return C(append([]string{"CONFIG", "GET"}, names...)...).SortedPairs()
}

// compareCommandDocs compares COMMAND DOCS replies by shape: the same
// command names, each with the same documentation field names.
func compareCommandDocs(want, got *Value) error {
	if want.Type != got.Type || len(want.Elems) != len(got.Elems) {
		return fmt.Errorf("shape differs: %q vs %q", want.Type, got.Type)
	}
	for i := 0; i+1 < len(want.Elems); i += 2 {
		if want.Elems[i].Str != got.Elems[i].Str {
			return fmt.Errorf("command %d: %s vs %s", i/2, want.Elems[i], got.Elems[i])
		}
		if fw, fg := docFields(want.Elems[i+1]), docFields(got.Elems[i+1]); fw != fg {
			return fmt.Errorf("%s: fields %s vs %s", want.Elems[i].Str, fw, fg)
		}
	}
	return nil
}

func docFields(v *Value) string {
	var names []string
	for i := 0; i+1 < len(v.Elems); i += 2 {
		names = append(names, v.Elems[i].Str)
	}
	return strings.Join(names, ",")
}

var serverCases = []Case{
	// DBSIZE / FLUSHDB / FLUSHALL / SWAPDB
	cs("DBSIZE", C("DBSIZE").Want(":0\r\n"), C("MSET", "a", "1", "b", "2"), C("DBSIZE").Want(":2\r\n"),
		C("SELECT", "1"), C("DBSIZE").Want(":0\r\n"), C("DBSIZE", "x").WantErr(arity("dbsize"))),
	cs("FLUSHDB flushes only the selected db",
		C("SET", "a", "1"), C("SELECT", "1"), C("SET", "b", "1"), C("FLUSHDB").Want("+OK\r\n"), C("DBSIZE").Want(":0\r\n"),
		C("SELECT", "0"), C("DBSIZE").Want(":1\r\n")),
	cs("FLUSHDB ASYNC and SYNC", C("SET", "a", "1"), C("FLUSHDB", "ASYNC").Want("+OK\r\n"), C("DBSIZE").Want(":0\r\n"),
		C("SET", "a", "1"), C("FLUSHDB", "sync").Want("+OK\r\n"), C("DBSIZE").Want(":0\r\n")),
	cs("FLUSHDB bad option", C("SET", "a", "1"), C("FLUSHDB", "LAZY").WantErr(errSyntax), C("FLUSHDB", "ASYNC", "SYNC").WantErr(errSyntax),
		C("DBSIZE").Want(":1\r\n")),
	cs("FLUSHALL flushes every db",
		C("SET", "a", "1"), C("SELECT", "1"), C("SET", "b", "1"), C("FLUSHALL").Want("+OK\r\n"), C("DBSIZE").Want(":0\r\n"),
		C("SELECT", "0"), C("DBSIZE").Want(":0\r\n")),
	cs("FLUSHALL ASYNC and SYNC", C("SET", "a", "1"), C("FLUSHALL", "ASYNC").Want("+OK\r\n"), C("DBSIZE"),
		C("SET", "a", "1"), C("FLUSHALL", "SYNC").Want("+OK\r\n"), C("DBSIZE")),
	cs("FLUSHALL bad option", C("SET", "a", "1"), C("FLUSHALL", "NOW").WantErr(errSyntax), C("FLUSHALL", "SYNC", "x").WantErr(errSyntax),
		C("DBSIZE").Want(":1\r\n")),
	cs("SWAPDB",
		C("SET", "a", "db0"), C("SELECT", "1"), C("SET", "b", "db1"), C("SET", "c", "1", "EX", "100"),
		C("SWAPDB", "0", "1").Want("+OK\r\n"),
		C("KEYS", "*").Sorted(), C("GET", "a"), C("SELECT", "0"), C("KEYS", "*").Sorted(), ttl("c"),
		C("KEYS", "*").On(1).Sorted()),
	cs("SWAPDB of a db with itself", C("SET", "a", "1"), C("SWAPDB", "0", "0").Want("+OK\r\n"), C("GET", "a")),
	cs("SWAPDB errors",
		C("SWAPDB", "0", "16").WantErr(errDBRange),
		C("SWAPDB", "-1", "0").WantErr(errDBRange),
		C("SWAPDB", "a", "1").WantErr("ERR invalid first DB index"),
		C("SWAPDB", "0", "b").WantErr("ERR invalid second DB index"),
		C("SWAPDB", "1.5", "0").IsErr(),
		C("SWAPDB", "0").WantErr(arity("swapdb"))),

	// TIME
	cs("TIME shape", C("TIME").Ignore().Check(checkArrayOf(2, checkDigits)), C("TIME", "x").WantErr(arity("time"))),
	cs("TIME shape under RESP3", hello("3"), C("TIME").Ignore().Check(checkArrayOf(2, checkDigits))),

	// CONFIG GET
	cs("CONFIG GET single well-known parameters",
		configGet("maxmemory"), configGet("maxmemory-policy"), configGet("timeout"), configGet("databases"),
		configGet("save"), configGet("appendonly"), configGet("appendfsync"), configGet("requirepass")),
	cs("CONFIG GET is case-insensitive", configGet("MAXMEMORY"), configGet("MaxMemory-Policy")),
	cs("CONFIG GET several parameters", configGet("timeout", "maxmemory", "databases"), configGet("timeout", "timeout")),
	cs("CONFIG GET glob patterns", configGet("maxmemory*"), configGet("maxmemory-p*"), configGet("*fsync"), configGet("appendf?ync"),
		configGet("databas[ef]s")),
	cs("CONFIG GET unknown parameter", C("CONFIG", "GET", "nosuch").Want("*0\r\n"), C("CONFIG", "GET", "nosuch*").Want("*0\r\n")),
	cs("CONFIG GET under RESP3", hello("3"), C("CONFIG", "GET", "maxmemory").Want("%1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n"),
		configGet("maxmemory*"), C("CONFIG", "GET", "nosuch").Want("%0\r\n")),
	cs("CONFIG GET arity", C("CONFIG", "GET").WantErr(arity("config|get")), C("CONFIG").WantErr(arity("config"))),

	// CONFIG SET
	cs("CONFIG SET maxmemory with units",
		C("CONFIG", "SET", "maxmemory", "10mb").Want("+OK\r\n"), configGet("maxmemory"),
		C("CONFIG", "SET", "maxmemory", "1gb"), configGet("maxmemory"),
		C("CONFIG", "SET", "maxmemory", "100k"), configGet("maxmemory"),
		C("CONFIG", "SET", "maxmemory", "2MB"), configGet("maxmemory"),
		C("CONFIG", "SET", "maxmemory", "12345"), configGet("maxmemory"),
		C("CONFIG", "SET", "maxmemory", "0"), configGet("maxmemory")),
	cs("CONFIG SET maxmemory-policy",
		C("CONFIG", "SET", "maxmemory-policy", "allkeys-lru").Want("+OK\r\n"), configGet("maxmemory-policy"),
		C("CONFIG", "SET", "maxmemory-policy", "VOLATILE-TTL"), configGet("maxmemory-policy")),
	cs("CONFIG SET timeout appendfsync save",
		C("CONFIG", "SET", "timeout", "300").Want("+OK\r\n"), configGet("timeout"),
		C("CONFIG", "SET", "appendfsync", "always"), configGet("appendfsync"),
		C("CONFIG", "SET", "save", "900 1 300 10"), configGet("save"),
		C("CONFIG", "SET", "save", ""), configGet("save")),
	cs("CONFIG SET several parameters at once",
		C("CONFIG", "SET", "timeout", "10", "maxmemory", "1mb").Want("+OK\r\n"), configGet("timeout", "maxmemory")),
	cs("CONFIG SET invalid values",
		C("CONFIG", "SET", "maxmemory", "1x").WantErr("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value"),
		C("CONFIG", "SET", "maxmemory", "-1").IsErr(),
		C("CONFIG", "SET", "maxmemory-policy", "foo").WantErr("ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction"),
		C("CONFIG", "SET", "timeout", "-1").WantErr("ERR CONFIG SET failed (possibly related to argument 'timeout') - argument must be between 0 and 2147483647 inclusive"),
		C("CONFIG", "SET", "timeout", "abc").IsErr(),
		C("CONFIG", "SET", "appendfsync", "sometimes").IsErr(),
		C("CONFIG", "SET", "appendonly", "maybe").IsErr(),
		C("CONFIG", "SET", "save", "60 x").WantErr("ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters"),
		C("CONFIG", "SET", "save", "60").IsErr(),
		configGet("maxmemory", "maxmemory-policy", "timeout", "appendfsync", "save")),
	cs("CONFIG SET immutable and unknown parameters",
		C("CONFIG", "SET", "databases", "3").WantErr("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config"),
		C("CONFIG", "SET", "nosuch", "1").WantErr("ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'"),
		C("CONFIG", "SET", "timeout", "1", "nosuch", "1").IsErr(),
		configGet("timeout")),
	cs("CONFIG SET duplicate and odd arguments",
		C("CONFIG", "SET", "timeout", "1", "timeout", "2").WantErr("ERR CONFIG SET failed (possibly related to argument 'timeout') - duplicate parameter"),
		C("CONFIG", "SET", "timeout", "1", "maxmemory").IsErr(),
		C("CONFIG", "SET", "timeout").WantErr(arity("config|set")),
		configGet("timeout")),
	cs("CONFIG SET is atomic", C("CONFIG", "SET", "timeout", "5", "maxmemory", "bad").IsErr(), configGet("timeout")),
	cs("CONFIG RESETSTAT", C("CONFIG", "RESETSTAT").Want("+OK\r\n"), C("CONFIG", "RESETSTAT", "x").WantErr(arity("config|resetstat"))),
	cs("CONFIG unknown subcommand", C("CONFIG", "FOO").WantErr(unknownSub("FOO", "config")), C("CONFIG", "HELP").IsType('*')),

	// COMMAND
	cs("COMMAND COUNT", C("COMMAND", "COUNT").Ignore().Check(checkInt), C("COMMAND", "COUNT", "x").WantErr(arity("command|count"))),
	cs("COMMAND INFO get set", C("COMMAND", "INFO", "get", "set")),
	cs("COMMAND INFO of strings and keys commands",
		C("COMMAND", "INFO", "incr", "incrbyfloat", "mset", "getex", "del", "expire", "scan", "ttl")),
	cs("COMMAND INFO of connection commands", C("COMMAND", "INFO", "ping", "hello", "auth", "multi", "exec", "watch")),
	cs("COMMAND INFO with a subcommand and an unknown name", C("COMMAND", "INFO", "config|get", "nosuch", "GET")),
	cs("COMMAND INFO under RESP3", hello("3"), C("COMMAND", "INFO", "get")),
	cs("COMMAND DOCS get shape", C("COMMAND", "DOCS", "get").Compare(compareCommandDocs)),
	cs("COMMAND DOCS under RESP3 shape", hello("3"), C("COMMAND", "DOCS", "get", "set").Compare(compareCommandDocs)),
	cs("COMMAND DOCS unknown", C("COMMAND", "DOCS", "nosuch").Want("*0\r\n")),
	cs("COMMAND unknown subcommand", C("COMMAND", "FOO").WantErr(unknownSub("FOO", "command"))),

	// unknown commands, arity, subcommands
	cs("unknown command with arguments",
		C("foo", "a", "b").WantErr("ERR unknown command 'foo', with args beginning with: 'a' 'b' "),
		C("FOO").WantErr("ERR unknown command 'FOO', with args beginning with: "),
		C("foo", "").WantErr("ERR unknown command 'foo', with args beginning with: '' ")),
	cs("unknown command with long and many arguments",
		C("foo", strings.Repeat("x", 200)).IsErr(),
		C("foo", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
			"21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40").IsErr(),
		C(strings.Repeat("c", 200), "a").IsErr()),
	cs("unknown command with special characters", C("foo\r\nbar", "a\nb").IsErr(), C("", "x").IsErr(), C("f o o").IsErr()),
	cs("unknown command does not close the connection", C("foo"), C("PING").Want("+PONG\r\n")),
	cs("wrong arity uses the lowercase command name", C("GeT").WantErr(arity("get")), C("SET", "k").WantErr(arity("set")),
		C("MGET").WantErr(arity("mget"))),
	cs("unknown subcommands",
		C("CLIENT", "foo").WantErr(unknownSub("foo", "client")),
		C("CONFIG", "foo", "bar").WantErr(unknownSub("foo", "config")),
		C("OBJECT", "foo").WantErr(unknownSub("foo", "object")),
		C("COMMAND", "foo").WantErr(unknownSub("foo", "command")),
		C("MEMORY", "foo").WantErr(unknownSub("foo", "memory"))),
	cs("subcommand wrong arity", C("CONFIG", "GET").WantErr(arity("config|get")), C("CLIENT", "KILL").WantErr(arity("client|kill")),
		C("OBJECT", "ENCODING").WantErr(arity("object|encoding"))),
}

func TestCompatServer(t *testing.T) { newSuite(t).run(serverCases) }
