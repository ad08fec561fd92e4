package compat_test

import (
	"fmt"
	"testing"
)

const (
	errNoSuchKey = "ERR no such key"
	errSameObj   = "ERR source and destination objects are the same"
	errDBRange   = "ERR DB index is out of range"
	errNXXXGTLT  = "ERR NX and XX, GT or LT options at the same time are not compatible"
	errGTLT      = "ERR GT and LT options at the same time are not compatible"
	errLFU       = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
)

// globKeys are the keys the KEYS/SCAN glob cases match against.
var globKeys = []string{
	"hello", "hallo", "hxllo", "hllo", "heeeello", "hbllo", "h-llo", "h]llo", "h^llo",
	"h*llo", "h?llo", "h[a]llo", `h\llo`, "a", "ab", "abc", "b", "", "\x00bin\xff", "k:1", "k:2", "k:10",
}

func msetGlobKeys() Step {
	args := []string{"MSET"}
	for _, k := range globKeys {
		args = append(args, k, "v")
	}
	return C(args...)
}

// msetN sets n keys key:0..key:n-1.
func msetN(prefix string, n int) Step {
	args := []string{"MSET"}
	for i := 0; i < n; i++ {
		args = append(args, fmt.Sprintf("%s%d", prefix, i), "v")
	}
	return C(args...)
}

func keys(pattern string) Step { return C("KEYS", pattern).Sorted() }

var keyCases = []Case{
	// DEL / UNLINK / EXISTS / TOUCH / TYPE
	cs("DEL counts removed keys", C("MSET", "a", "1", "b", "2"), C("DEL", "a", "b", "c").Want(":2\r\n"), C("DEL", "a").Want(":0\r\n"),
		C("EXISTS", "a", "b")),
	cs("DEL the same key twice counts once", C("SET", "a", "1"), C("DEL", "a", "a").Want(":1\r\n")),
	cs("DEL arity", C("DEL").WantErr(arity("del"))),
	cs("UNLINK", C("MSET", "a", "1", "b", "2"), C("UNLINK", "a", "b", "c", "a").Want(":2\r\n"), C("EXISTS", "a"),
		C("UNLINK").WantErr(arity("unlink"))),
	cs("EXISTS counts duplicates", C("SET", "a", "1"), C("EXISTS", "a", "a", "a", "b").Want(":3\r\n"), C("EXISTS", "b").Want(":0\r\n"),
		C("EXISTS").WantErr(arity("exists"))),
	cs("TOUCH counts existing keys", C("MSET", "a", "1", "b", "2"), C("TOUCH", "a", "b", "c", "a").Want(":3\r\n"),
		C("TOUCH").WantErr(arity("touch"))),
	cs("TYPE", C("SET", "s", "v"), C("TYPE", "s").Want("+string\r\n"), C("TYPE", "nope").Want("+none\r\n"),
		C("SET", "n", "1"), C("TYPE", "n"), C("TYPE").WantErr(arity("type"))),
	{Name: "TYPE of a list", Steps: []Step{C("LPUSH", "l", "a"), C("TYPE", "l").Want("+list\r\n")}},
	cs("TYPE under RESP3", hello("3"), C("SET", "s", "v"), C("TYPE", "s"), C("TYPE", "nope")),

	// KEYS
	cs("KEYS star", msetGlobKeys(), keys("*"), C("KEYS", "*").On(1).Sorted()),
	cs("KEYS on an empty db", C("KEYS", "*").Want("*0\r\n")),
	cs("KEYS question mark", msetGlobKeys(), keys("h?llo"), keys("?"), keys("??"), keys("")),
	cs("KEYS star in the middle", msetGlobKeys(), keys("h*llo"), keys("h*"), keys("*llo"), keys("**"), keys("k:*")),
	cs("KEYS character classes", msetGlobKeys(),
		keys("h[ae]llo"), keys("h[a-c]llo"), keys("h[c-a]llo"), keys("h[^e]llo"), keys("h[^a-x]llo"),
		keys("h[-]llo"), keys("h[]]llo"), keys("h[a-]llo")),
	cs("KEYS escapes", msetGlobKeys(),
		keys(`h\*llo`), keys(`h\?llo`), keys(`h\[a]llo`), keys(`h\\llo`), keys(`h[\]]llo`), keys(`h[\^]llo`), keys(`\h\e\l\l\o`)),
	cs("KEYS malformed patterns", msetGlobKeys(),
		keys("h[ae"), keys("h[ae]llo["), keys(`hello\`), keys("["), keys("[^"), keys("h[a-"), keys("a*b*c")),
	cs("KEYS exact and binary", msetGlobKeys(), keys("hello"), keys("\x00*"), keys("k:1?")),
	cs("KEYS skips other databases", C("SET", "a", "1"), C("SELECT", "1"), C("SET", "b", "1"), keys("*")),
	cs("KEYS skips expired keys", C("SET", "a", "1"), C("SET", "b", "1", "PX", "5"), Sleep(50), keys("*")),
	cs("KEYS arity", C("KEYS").WantErr(arity("keys")), C("KEYS", "a", "b").WantErr(arity("keys"))),

	// RANDOMKEY
	cs("RANDOMKEY on an empty db", C("RANDOMKEY").Want("$-1\r\n")),
	cs("RANDOMKEY on an empty db under RESP3", hello("3"), C("RANDOMKEY").Want("_\r\n")),
	cs("RANDOMKEY with one key", C("SET", "only", "v"), C("RANDOMKEY").Want("$4\r\nonly\r\n")),
	cs("RANDOMKEY returns an existing key", C("MSET", "a", "1", "b", "2"), C("RANDOMKEY").Ignore().Check(func(v *Value) error {
		if v.Str != "a" && v.Str != "b" {
			return fmt.Errorf("RANDOMKEY returned %s", v)
		}
		return nil
	})),
	cs("RANDOMKEY arity", C("RANDOMKEY", "x").WantErr(arity("randomkey"))),

	// RENAME / RENAMENX
	cs("RENAME", C("SET", "a", "1"), C("RENAME", "a", "b").Want("+OK\r\n"), C("GET", "a"), C("GET", "b")),
	cs("RENAME overwrites the destination and its TTL", C("SET", "a", "1"), C("SET", "b", "2", "EX", "100"),
		C("RENAME", "a", "b"), C("GET", "b"), ttl("b").Want(":-1\r\n")),
	cs("RENAME keeps the TTL", C("SET", "a", "1", "EX", "100"), C("RENAME", "a", "b"), ttl("b"), ttl("a")),
	cs("RENAME missing key", C("RENAME", "nope", "b").WantErr(errNoSuchKey), C("RENAME", "nope", "nope").WantErr(errNoSuchKey)),
	cs("RENAME to the same key", C("SET", "a", "1", "EX", "100"), C("RENAME", "a", "a").Want("+OK\r\n"), C("GET", "a"), ttl("a")),
	cs("RENAME arity", C("RENAME", "a").WantErr(arity("rename")), C("RENAME", "a", "b", "c").WantErr(arity("rename"))),
	cs("RENAMENX", C("MSET", "a", "1", "b", "2"), C("RENAMENX", "a", "b").Want(":0\r\n"), C("RENAMENX", "a", "c").Want(":1\r\n"),
		C("MGET", "a", "b", "c")),
	cs("RENAMENX to the same key", C("SET", "a", "1"), C("RENAMENX", "a", "a").Want(":0\r\n")),
	cs("RENAMENX missing key", C("RENAMENX", "nope", "b").WantErr(errNoSuchKey), C("RENAMENX", "nope", "nope").WantErr(errNoSuchKey),
		C("RENAMENX", "a").WantErr(arity("renamenx"))),
	cs("RENAME an expired key", C("SET", "a", "1", "PX", "5"), Sleep(50), C("RENAME", "a", "b").WantErr(errNoSuchKey)),

	// COPY
	cs("COPY", C("SET", "a", "1"), C("COPY", "a", "b").Want(":1\r\n"), C("MGET", "a", "b"), C("COPY", "a", "b").Want(":0\r\n"),
		C("SET", "a", "2"), C("COPY", "a", "b", "REPLACE").Want(":1\r\n"), C("GET", "b")),
	cs("COPY missing source", C("COPY", "nope", "b").Want(":0\r\n"), C("COPY", "nope", "b", "REPLACE").Want(":0\r\n")),
	cs("COPY keeps the TTL", C("SET", "a", "1", "EX", "100"), C("COPY", "a", "b"), ttl("b")),
	cs("COPY to another db", C("SET", "a", "1"), C("COPY", "a", "a", "DB", "1").Want(":1\r\n"), C("SELECT", "1"), C("GET", "a"),
		C("SET", "x", "in1"), C("SELECT", "0"), C("SET", "x", "in0"),
		C("COPY", "a", "x", "DB", "1").Want(":0\r\n"), C("COPY", "x", "x", "DB", "1", "REPLACE").Want(":1\r\n"),
		C("SELECT", "1"), C("GET", "x")),
	cs("COPY errors",
		C("SET", "a", "1"),
		C("COPY", "a", "a").WantErr(errSameObj),
		C("COPY", "a", "a", "DB", "0").WantErr(errSameObj),
		C("COPY", "a", "b", "DB", "16").WantErr(errDBRange),
		C("COPY", "a", "b", "DB", "-1").WantErr(errDBRange),
		C("COPY", "a", "b", "DB", "x").WantErr(errNotInt),
		C("COPY", "a", "b", "DB").WantErr(errSyntax),
		C("COPY", "a", "b", "FOO").WantErr(errSyntax),
		C("COPY", "a").WantErr(arity("copy")),
		C("EXISTS", "b").Want(":0\r\n")),

	// MOVE
	cs("MOVE", C("SET", "a", "1", "EX", "100"), C("MOVE", "a", "1").Want(":1\r\n"), C("EXISTS", "a"), C("SELECT", "1"), C("GET", "a"), ttl("a")),
	cs("MOVE when the key exists in the target", C("SET", "a", "0"), C("SELECT", "1"), C("SET", "a", "1"), C("MOVE", "a", "0").Want(":0\r\n"),
		C("GET", "a"), C("MOVE", "nope", "0").Want(":0\r\n")),
	cs("MOVE errors", C("SET", "a", "1"),
		C("MOVE", "a", "0").WantErr(errSameObj),
		C("MOVE", "a", "16").WantErr(errDBRange),
		C("MOVE", "a", "-1").WantErr(errDBRange),
		C("MOVE", "a", "x").WantErr(errNotInt),
		C("MOVE", "nope", "0").IsErr(),
		C("MOVE", "a").WantErr(arity("move"))),

	// SCAN
	cs("SCAN full iteration", msetN("key:", 100), ScanAll("SCAN", "{{cursor}}"), C("DBSIZE")),
	cs("SCAN with COUNT", msetN("key:", 100), ScanAll("SCAN", "{{cursor}}", "COUNT", "3"), ScanAll("SCAN", "{{cursor}}", "COUNT", "1000")),
	cs("SCAN with MATCH", msetN("key:", 100), msetGlobKeys(),
		ScanAll("SCAN", "{{cursor}}", "MATCH", "key:1*"), ScanAll("SCAN", "{{cursor}}", "MATCH", "h[ae]llo", "COUNT", "5"),
		ScanAll("SCAN", "{{cursor}}", "MATCH", "nomatch*")),
	cs("SCAN with TYPE", msetN("key:", 20),
		ScanAll("SCAN", "{{cursor}}", "TYPE", "string"), ScanAll("SCAN", "{{cursor}}", "TYPE", "list"),
		ScanAll("SCAN", "{{cursor}}", "TYPE", "nosuchtype"), ScanAll("SCAN", "{{cursor}}", "type", "STRING", "MATCH", "key:1?")),
	{Name: "SCAN TYPE with a list", Steps: []Step{msetN("key:", 5), C("LPUSH", "l", "a"),
		ScanAll("SCAN", "{{cursor}}", "TYPE", "list"), ScanAll("SCAN", "{{cursor}}", "TYPE", "string")}},
	cs("SCAN on an empty db", C("SCAN", "0").Want("*2\r\n$1\r\n0\r\n*0\r\n")),
	cs("SCAN with one key", C("SET", "a", "1"), C("SCAN", "0").Want("*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n")),
	cs("SCAN skips expired keys", C("SET", "a", "1"), C("SET", "b", "1", "PX", "5"), Sleep(50), ScanAll("SCAN", "{{cursor}}")),
	cs("SCAN errors",
		C("SCAN", "abc").WantErr("ERR invalid cursor"),
		C("SCAN", "-1").Want("*2\r\n$1\r\n0\r\n*0\r\n"),
		C("SCAN", "+0"), C("SCAN", " 0"), C("SCAN", "00"),
		C("SCAN", "18446744073709551616").WantErr("ERR invalid cursor"),
		C("SCAN", "0", "COUNT", "0").WantErr(errSyntax),
		C("SCAN", "0", "COUNT", "-1").WantErr(errSyntax),
		C("SCAN", "0", "COUNT", "x").WantErr(errNotInt),
		C("SCAN", "0", "COUNT").WantErr(errSyntax),
		C("SCAN", "0", "MATCH").WantErr(errSyntax),
		C("SCAN", "0", "TYPE").WantErr(errSyntax),
		C("SCAN", "0", "FOO", "bar").WantErr(errSyntax),
		C("SCAN").WantErr(arity("scan"))),
	cs("SCAN with a large cursor", C("SET", "a", "1"), C("SCAN", "18446744073709551615").Ignore().IsType('*')),

	// EXPIRE family
	cs("EXPIRE and TTL", C("SET", "k", "v"), C("EXPIRE", "k", "100").Want(":1\r\n"), ttl("k"), pttl("k"), C("EXPIRE", "nope", "100").Want(":0\r\n")),
	cs("PEXPIRE", C("SET", "k", "v"), C("PEXPIRE", "k", "100000").Want(":1\r\n"), pttl("k"), ttl("k")),
	cs("EXPIREAT and PEXPIREAT", C("SET", "k", "v"), C("EXPIREAT", "k", farSec).Want(":1\r\n"), C("EXPIRETIME", "k"), C("PEXPIRETIME", "k"),
		C("PEXPIREAT", "k", farMs).Want(":1\r\n"), C("EXPIRETIME", "k"), C("PEXPIRETIME", "k"), C("EXPIREAT", "nope", farSec).Want(":0\r\n")),
	cs("TTL and PTTL of missing and persistent keys", C("TTL", "nope").Want(":-2\r\n"), C("PTTL", "nope").Want(":-2\r\n"),
		C("SET", "k", "v"), C("TTL", "k").Want(":-1\r\n"), C("PTTL", "k").Want(":-1\r\n"),
		C("TTL").WantErr(arity("ttl")), C("PTTL", "a", "b").WantErr(arity("pttl"))),
	cs("EXPIRETIME and PEXPIRETIME of missing and persistent keys", C("EXPIRETIME", "nope").Want(":-2\r\n"), C("PEXPIRETIME", "nope").Want(":-2\r\n"),
		C("SET", "k", "v"), C("EXPIRETIME", "k").Want(":-1\r\n"), C("PEXPIRETIME", "k").Want(":-1\r\n"),
		C("EXPIRETIME").WantErr(arity("expiretime"))),
	cs("EXPIRE with a negative or zero time deletes the key",
		C("SET", "a", "v"), C("EXPIRE", "a", "-1").Want(":1\r\n"), C("EXISTS", "a").Want(":0\r\n"),
		C("SET", "b", "v"), C("EXPIRE", "b", "0").Want(":1\r\n"), C("EXISTS", "b").Want(":0\r\n"),
		C("SET", "c", "v"), C("PEXPIRE", "c", "-100"), C("GET", "c"),
		C("SET", "d", "v"), C("EXPIREAT", "d", "1"), C("GET", "d"),
		C("SET", "e", "v"), C("PEXPIREAT", "e", "0"), C("GET", "e"),
		C("EXPIRE", "nope", "-1").Want(":0\r\n")),
	cs("EXPIRE NX", C("SET", "k", "v"), C("EXPIRE", "k", "100", "NX").Want(":1\r\n"), C("EXPIRE", "k", "200", "NX").Want(":0\r\n"), ttl("k")),
	cs("EXPIRE XX", C("SET", "k", "v"), C("EXPIRE", "k", "100", "XX").Want(":0\r\n"), ttl("k"),
		C("EXPIRE", "k", "100"), C("EXPIRE", "k", "200", "XX").Want(":1\r\n"), ttl("k")),
	// The times are far apart: EXPIRE k 200 GT right after EXPIRE k 200
	// gives 0 or 1 depending on whether a millisecond passed in between.
	cs("EXPIRE GT", C("SET", "k", "v"), C("EXPIRE", "k", "100", "GT").Want(":0\r\n"), ttl("k"),
		C("EXPIRE", "k", "100"), C("EXPIRE", "k", "50", "GT").Want(":0\r\n"), C("EXPIRE", "k", "200", "GT").Want(":1\r\n"), ttl("k"),
		C("EXPIRE", "k", "100", "gt").Want(":0\r\n"), C("EXPIRE", "k", "1000", "gt").Want(":1\r\n"), ttl("k")),
	cs("EXPIRE LT", C("SET", "k", "v"), C("EXPIRE", "k", "100", "LT").Want(":1\r\n"), ttl("k"),
		C("EXPIRE", "k", "200", "LT").Want(":0\r\n"), C("EXPIRE", "k", "50", "LT").Want(":1\r\n"), ttl("k")),
	cs("EXPIRE XX GT together", C("SET", "k", "v"), C("EXPIRE", "k", "100", "XX", "GT"), C("EXPIRE", "k", "100"),
		C("EXPIRE", "k", "200", "XX", "GT"), ttl("k"), C("EXPIRE", "k", "50", "LT", "XX"), ttl("k")),
	cs("EXPIRE options with a negative time", C("SET", "k", "v", "EX", "100"), C("EXPIRE", "k", "-1", "GT").Want(":0\r\n"), C("EXISTS", "k"),
		C("EXPIRE", "k", "-1", "LT").Want(":1\r\n"), C("EXISTS", "k"),
		C("SET", "p", "v"), C("EXPIRE", "p", "-1", "NX"), C("EXISTS", "p")),
	cs("PEXPIRE and EXPIREAT options", C("SET", "k", "v"), C("PEXPIRE", "k", "100000", "NX"), C("PEXPIREAT", "k", farMs, "GT"),
		C("PEXPIRETIME", "k"), C("EXPIREAT", "k", farSec, "LT"), C("EXPIRETIME", "k"), C("EXPIREAT", "k", farSec, "XX", "NX").IsErr()),
	cs("EXPIRE incompatible options",
		C("SET", "k", "v"),
		C("EXPIRE", "k", "100", "NX", "XX").WantErr(errNXXXGTLT),
		C("EXPIRE", "k", "100", "NX", "GT").WantErr(errNXXXGTLT),
		C("EXPIRE", "k", "100", "LT", "NX").WantErr(errNXXXGTLT),
		C("EXPIRE", "k", "100", "GT", "LT").WantErr(errGTLT),
		C("PEXPIRE", "k", "100", "LT", "GT").WantErr(errGTLT),
		C("EXPIRE", "k", "100", "FOO").WantErr("ERR Unsupported option FOO"),
		C("EXPIRE", "k", "100", "NX", "bar").WantErr("ERR Unsupported option bar"),
		C("EXPIRE", "nope", "100", "GT", "LT").IsErr(),
		ttl("k").Want(":-1\r\n")),
	cs("EXPIRE invalid times",
		C("SET", "k", "v"),
		C("EXPIRE", "k", "abc").WantErr(errNotInt),
		C("EXPIRE", "k", "1.5").WantErr(errNotInt),
		C("EXPIRE", "k", "").WantErr(errNotInt),
		C("EXPIRE", "k", "9223372036854775807").WantErr(invalidExpire("expire")),
		C("EXPIRE", "k", "9223372036854775").WantErr(invalidExpire("expire")),
		C("EXPIRE", "k", "-9223372036854775808").WantErr(invalidExpire("expire")),
		C("PEXPIRE", "k", "9223372036854775807").WantErr(invalidExpire("pexpire")),
		C("EXPIREAT", "k", "9223372036854775807").WantErr(invalidExpire("expireat")),
		C("PEXPIREAT", "k", "9223372036854775807").Want(":1\r\n"),
		C("PEXPIRETIME", "k"),
		C("EXPIRE", "k").WantErr(arity("expire")),
		C("PEXPIREAT", "k").WantErr(arity("pexpireat"))),
	cs("EXPIRE then SET removes the TTL", C("SET", "k", "v"), C("EXPIRE", "k", "100"), C("SET", "k", "w"), ttl("k").Want(":-1\r\n")),
	cs("EXPIRE on a missing key with options", C("EXPIRE", "nope", "100", "XX"), C("EXPIRE", "nope", "100", "NX")),
	cs("PEXPIRE a few ms expires the key", C("SET", "k", "v"), C("PEXPIRE", "k", "5"), Sleep(50),
		C("GET", "k").Want("$-1\r\n"), C("TTL", "k").Want(":-2\r\n"), C("PTTL", "k").Want(":-2\r\n"),
		C("EXPIRETIME", "k").Want(":-2\r\n"), C("PERSIST", "k").Want(":0\r\n")),
	cs("PERSIST", C("SET", "k", "v", "EX", "100"), C("PERSIST", "k").Want(":1\r\n"), ttl("k").Want(":-1\r\n"), C("PERSIST", "k").Want(":0\r\n"),
		C("PERSIST", "nope").Want(":0\r\n"), C("PERSIST").WantErr(arity("persist"))),

	// OBJECT
	cs("OBJECT ENCODING of strings",
		C("SET", "int", "12345"), C("OBJECT", "ENCODING", "int").Want("$3\r\nint\r\n"),
		C("SET", "neg", "-9223372036854775808"), C("OBJECT", "ENCODING", "neg"),
		C("SET", "big", "9223372036854775808"), C("OBJECT", "ENCODING", "big"),
		C("SET", "lead0", "0123"), C("OBJECT", "ENCODING", "lead0"),
		C("SET", "space", " 1"), C("OBJECT", "ENCODING", "space"),
		C("SET", "float", "1.5"), C("OBJECT", "ENCODING", "float"),
		C("SET", "emb", "hello"), C("OBJECT", "ENCODING", "emb").Want("$6\r\nembstr\r\n"),
		C("SET", "emb44", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr"), C("OBJECT", "ENCODING", "emb44"),
		C("SET", "raw45", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrs"), C("OBJECT", "ENCODING", "raw45").Want("$3\r\nraw\r\n"),
		C("SET", "empty", ""), C("OBJECT", "ENCODING", "empty"),
		C("OBJECT", "ENCODING", "nope").Want("$-1\r\n")),
	cs("OBJECT ENCODING after modification",
		C("SET", "a", "x"), C("APPEND", "a", "y"), C("OBJECT", "ENCODING", "a"),
		C("SET", "b", "hello"), C("SETRANGE", "b", "0", "j"), C("OBJECT", "ENCODING", "b"),
		C("INCR", "c"), C("OBJECT", "ENCODING", "c"),
		C("SET", "d", "10"), C("INCRBYFLOAT", "d", "1"), C("OBJECT", "ENCODING", "d"),
		C("SET", "e", "10000"), C("OBJECT", "ENCODING", "e"), C("SETEX", "f", "100", "10"), C("OBJECT", "ENCODING", "f"),
		C("GETSET", "g", "12"), C("OBJECT", "ENCODING", "g"), C("MSET", "h", "7"), C("OBJECT", "ENCODING", "h")),
	cs("OBJECT REFCOUNT",
		C("SET", "shared", "100"), C("OBJECT", "REFCOUNT", "shared").Want(":2147483647\r\n"),
		C("SET", "notshared", "10000"), C("OBJECT", "REFCOUNT", "notshared").Want(":1\r\n"),
		C("SET", "s", "hello"), C("OBJECT", "REFCOUNT", "s").Want(":1\r\n"),
		C("SET", "ttl", "100", "EX", "100"), C("OBJECT", "REFCOUNT", "ttl"),
		C("OBJECT", "REFCOUNT", "nope").Want("$-1\r\n")),
	cs("OBJECT IDLETIME", C("SET", "k", "v"), C("OBJECT", "IDLETIME", "k").Approx(2), C("OBJECT", "IDLETIME", "nope").Want("$-1\r\n")),
	cs("OBJECT FREQ without an LFU policy", C("SET", "k", "v"), C("OBJECT", "FREQ", "k").WantErr(errLFU), C("OBJECT", "FREQ", "nope")),
	withConf("OBJECT FREQ with allkeys-lfu", [][]string{{"maxmemory-policy", "allkeys-lfu"}},
		C("SET", "k", "v"), C("OBJECT", "FREQ", "k").Approx(1).Check(checkInt),
		C("OBJECT", "IDLETIME", "k").IsErr(), C("OBJECT", "FREQ", "nope")),
	cs("OBJECT errors",
		C("OBJECT", "FOO", "k").WantErr(unknownSub("FOO", "object")),
		C("OBJECT").WantErr(arity("object")),
		C("OBJECT", "ENCODING").WantErr(arity("object|encoding")),
		C("OBJECT", "ENCODING", "a", "b").WantErr(arity("object|encoding")),
		C("OBJECT", "HELP").IsType('*')),

	// MEMORY USAGE
	cs("MEMORY USAGE", C("SET", "k", "v"), C("MEMORY", "USAGE", "k").Ignore().Check(checkInt),
		C("MEMORY", "USAGE", "k", "SAMPLES", "5").Ignore().Check(checkInt),
		C("MEMORY", "USAGE", "k", "SAMPLES", "0").Ignore().Check(checkInt),
		C("MEMORY", "USAGE", "nope").Want("$-1\r\n")),
	cs("MEMORY USAGE errors",
		C("SET", "k", "v"),
		C("MEMORY", "USAGE", "k", "SAMPLES").WantErr(errSyntax),
		C("MEMORY", "USAGE", "k", "SAMPLES", "x").WantErr(errNotInt),
		C("MEMORY", "USAGE", "k", "FOO", "1").WantErr(errSyntax),
		C("MEMORY", "USAGE").WantErr(arity("memory|usage")),
		C("MEMORY", "FOO").WantErr(unknownSub("FOO", "memory"))),
}

func TestCompatKeys(t *testing.T) { newSuite(t).run(keyCases) }
