package compat_test

import "testing"

// Persistence commands, on instances of their own so that the files they
// write stay out of the way.
var persistCases = []Case{
	fresh("SAVE and LASTSAVE",
		C("SET", "k", "v"),
		C("SAVE").Want("+OK\r\n"),
		C("LASTSAVE").IsType(':').Ignore(),
		C("SAVE", "x").WantErr("ERR wrong number of arguments for 'save' command"),
		C("LASTSAVE", "x").WantErr("ERR wrong number of arguments for 'lastsave' command")),
	fresh("BGSAVE",
		C("SET", "k", "v"),
		C("BGSAVE").Want("+Background saving started\r\n"),
		C("BGSAVE", "foo").WantErr("ERR syntax error"),
		C("BGSAVE", "SCHEDULE", "x").WantErr("ERR syntax error")),
	withConf("BGREWRITEAOF with appendonly yes", [][]string{{"appendonly", "yes"}},
		C("SET", "k", "v"),
		C("BGREWRITEAOF").Want("+Background append only file rewriting started\r\n"),
		C("BGREWRITEAOF", "x").WantErr("ERR wrong number of arguments for 'bgrewriteaof' command")),
	fresh("BGREWRITEAOF with appendonly no rewrites anyway",
		C("SET", "k", "v"),
		C("BGREWRITEAOF").Want("+Background append only file rewriting started\r\n"),
		C("CONFIG", "GET", "appendonly")),
	fresh("SAVE and BGSAVE inside MULTI",
		C("MULTI"),
		C("SAVE").WantErr("ERR Command not allowed inside a transaction"),
		C("DISCARD")),
	cs("COMMAND INFO and DOCS of the persistence commands",
		C("COMMAND", "INFO", "save", "bgsave", "bgrewriteaof", "lastsave"),
		C("COMMAND", "DOCS", "save", "bgsave", "bgrewriteaof", "lastsave")),
}

func init() { allCases["TestCompatPersist"] = persistCases }

func TestCompatPersist(t *testing.T) { newSuite(t).run(persistCases) }
