package compat_test

import "testing"

const errOOM = "OOM command not allowed when used memory > 'maxmemory'."

// maxmemory and the eviction policies. A limit of one byte is below
// what either server uses empty, so whether a write gets the OOM error
// or evicts does not depend on either server's exact figures.
var memoryCases = []Case{
	withConf("noeviction answers OOM to writes that need memory", [][]string{{"maxmemory", "1"}, {"maxmemory-policy", "noeviction"}},
		C("SET", "k", "v").WantErr(errOOM),
		C("INCR", "n").WantErr(errOOM),
		C("APPEND", "k", "v").WantErr(errOOM),
		C("ZADD", "z", "1", "a").WantErr(errOOM),
		C("MSET", "a", "1", "b", "2").WantErr(errOOM),
		// Reads, deletes and commands that free memory go on.
		C("GET", "k"), C("DEL", "k"), C("EXISTS", "k"), C("EXPIRE", "k", "10"), C("PING"), C("DBSIZE"),
		C("INFO", "nosuchsection"),
		// Inside MULTI everything but its end is refused, and the
		// transaction is doomed.
		C("MULTI"),
		C("GET", "k").WantErr(errOOM),
		C("PING").WantErr(errOOM),
		C("EXEC").WantErr(errExecAbort),
		C("MULTI"), C("DISCARD").Want("+OK\r\n"),
		// Raising the limit lets writes in again.
		C("CONFIG", "SET", "maxmemory", "0"),
		C("SET", "k", "v").Want("+OK\r\n")),
	withConf("allkeys-lru with nothing left to evict answers OOM", [][]string{{"maxmemory", "1"}, {"maxmemory-policy", "allkeys-lru"}},
		C("SET", "k", "v").WantErr(errOOM),
		C("DBSIZE").Want(":0\r\n")),
	fresh("CONFIG SET maxmemory below the used memory evicts at once",
		C("SET", "a", "1"), C("SET", "b", "2"), C("ZADD", "z", "1", "m"),
		C("CONFIG", "SET", "maxmemory-policy", "allkeys-random"),
		C("CONFIG", "SET", "maxmemory", "1").Want("+OK\r\n"),
		C("DBSIZE").Want(":0\r\n"),
		C("CONFIG", "SET", "maxmemory", "0"),
		C("SET", "a", "1").Want("+OK\r\n")),
	fresh("volatile policies evict only keys with a TTL",
		C("SET", "keep", "1"), C("SET", "ttl", "1", "EX", "100"),
		C("CONFIG", "SET", "maxmemory-policy", "volatile-lru"),
		C("CONFIG", "SET", "maxmemory", "1"),
		C("EXISTS", "keep").Want(":1\r\n"),
		C("EXISTS", "ttl").Want(":0\r\n"),
		C("SET", "new", "1", "EX", "100").WantErr(errOOM),
		C("CONFIG", "SET", "maxmemory", "0")),
	fresh("volatile-ttl evicts the soonest to expire first",
		C("SET", "keep", "1"), C("SET", "soon", "1", "EX", "100"),
		C("CONFIG", "SET", "maxmemory-policy", "volatile-ttl"),
		C("CONFIG", "SET", "maxmemory", "1"),
		C("EXISTS", "soon").Want(":0\r\n"),
		C("EXISTS", "keep").Want(":1\r\n"),
		C("CONFIG", "SET", "maxmemory", "0")),
	fresh("maxmemory and its policy in CONFIG GET and INFO",
		C("CONFIG", "SET", "maxmemory", "100mb"),
		C("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"),
		configGet("maxmemory*"),
		C("CONFIG", "SET", "maxmemory-policy", "lru").IsErr(),
		C("CONFIG", "SET", "maxmemory", "-1").IsErr()),
}

func init() { allCases["TestCompatMemory"] = memoryCases }

func TestCompatMemory(t *testing.T) { newSuite(t).run(memoryCases) }
