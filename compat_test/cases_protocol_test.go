package compat_test

import (
	"strings"
	"testing"
)

const (
	errBulkLen      = "ERR Protocol error: invalid bulk length"
	errMultibulkLen = "ERR Protocol error: invalid multibulk length"
	errUnbalanced   = "ERR Protocol error: unbalanced quotes in request"
)

var protocolCases = []Case{
	// malformed RESP arrays: error reply, then the server closes the connection
	cs("invalid bulk length", Raw("*1\r\n$x\r\n").WantErr(errBulkLen).Closes()),
	cs("negative bulk length", Raw("*1\r\n$-1\r\n").WantErr(errBulkLen).Closes()),
	cs("huge bulk length", Raw("*1\r\n$9999999999\r\n").WantErr(errBulkLen).Closes()),
	cs("bulk length just above proto-max-bulk-len", Raw("*1\r\n$536870913\r\n").WantErr(errBulkLen).Closes()),
	cs("invalid multibulk length", Raw("*abc\r\n").WantErr(errMultibulkLen).Closes()),
	cs("multibulk length too large", Raw("*2147483648\r\n").WantErr(errMultibulkLen).Closes()),
	cs("expected dollar", Raw("*1\r\n+foo\r\n").WantErr("ERR Protocol error: expected '$', got '+'").Closes()),
	cs("expected dollar got colon", Raw("*2\r\n$3\r\nGET\r\n:1\r\n").IsErr().Closes()),
	cs("protocol error after a valid command in the same write",
		Raw("*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n").Replies(2).Closes()),
	cs("protocol error does not lose earlier writes", C("SET", "k", "v"), Raw("*1\r\n$x\r\n").Closes(), C("GET", "k").Want("$1\r\nv\r\n")),

	// odd but valid RESP
	cs("null and empty multibulk are ignored", Raw("*-1\r\n*0\r\n*-5\r\n*1\r\n$4\r\nPING\r\n").Want("+PONG\r\n")),
	cs("empty command name", Raw("*1\r\n$0\r\n\r\n").WantErr("ERR unknown command '', with args beginning with: ")),
	cs("bulk payload terminator is not checked", Raw("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n").Replies(2)),
	cs("binary-safe bulk arguments", Raw("*3\r\n$3\r\nSET\r\n$3\r\na\r\n\r\n$3\r\n\x00\r\n\r\n"), C("GET", "a\r\n").Want("$3\r\n\x00\r\n\r\n")),
	cs("pipelined commands in one write", Raw("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$1\r\nx\r\n*1\r\n$4\r\nPING\r\n").Replies(3)),
	cs("a command split across writes",
		Raw("*2\r\n$4\r\nEC").Replies(0), Raw("HO\r\n$5\r\nhel").Replies(0), Raw("lo\r\n").Want("$5\r\nhello\r\n")),
	cs("a bulk without an array is an inline command", Raw("$4\r\nPING\r\n").Replies(2)),
	cs("RESP3 aggregate types from a client are inline commands", Raw("%1\r\n").IsErr(), Raw("~1\r\n").IsErr()),

	// inline commands
	cs("inline PING", Raw("PING\r\n").Want("+PONG\r\n")),
	cs("inline PING with LF only", Raw("PING\n").Want("+PONG\r\n")),
	cs("inline with surrounding spaces", Raw("   PING   \r\n").Want("+PONG\r\n"), Raw("ECHO  a   \r\n").Want("$1\r\na\r\n")),
	cs("inline empty lines are ignored", Raw("\r\n\r\n\nPING\r\n").Want("+PONG\r\n")),
	cs("inline pipelined", Raw("PING\r\nECHO x\r\nPING\r\n").Replies(3)),
	cs("inline SET with double quotes", Raw("set \"a b\" c\r\n").Want("+OK\r\n"), C("GET", "a b").Want("$1\r\nc\r\n")),
	cs("inline single quotes", Raw("ECHO 'a b'\r\n").Want("$3\r\na b\r\n"), Raw("ECHO 'it\\'s'\r\n").Want("$4\r\nit's\r\n")),
	cs("inline escapes in double quotes", Raw("ECHO \"a\\x41\\n\\t\\\\\\\"\"\r\n"), Raw("ECHO \"\\xzz\"\r\n")),
	cs("inline empty quoted argument", Raw("ECHO \"\"\r\n").Want("$0\r\n\r\n")),
	cs("inline unbalanced double quote", Raw("set \"a b c\r\n").WantErr(errUnbalanced).Closes()),
	cs("inline unbalanced single quote", Raw("ECHO 'abc\r\n").WantErr(errUnbalanced).Closes()),
	cs("inline closing quote followed by a character", Raw("ECHO \"a\"b\r\n").WantErr(errUnbalanced).Closes()),
	cs("inline unknown command", Raw("foo bar\r\n").WantErr("ERR unknown command 'foo', with args beginning with: 'bar' ")),
	cs("inline wrong arity", Raw("GET\r\n").WantErr(arity("get"))),
	cs("inline request too big", Raw(strings.Repeat("a", 70000)).WantErr("ERR Protocol error: too big inline request").Closes()),
	cs("inline and RESP mixed", Raw("PING\r\n*1\r\n$4\r\nPING\r\nPING\r\n").Replies(3)),
	cs("inline QUIT", Raw("QUIT\r\n").Want("+OK\r\n").Closes()),
}

// Unauthenticated clients get much smaller limits on the request size.
var protocolAuthCases = []Case{
	withConf("unauthenticated multibulk length limit", requirepass,
		Raw("*11\r\n").WantErr("ERR Protocol error: unauthenticated multibulk length").Closes()),
	withConf("unauthenticated multibulk of ten is accepted", requirepass,
		C("DEL", "1", "2", "3", "4", "5", "6", "7", "8", "9").WantErr(errNoAuth)),
	withConf("unauthenticated bulk length limit", requirepass,
		Raw("*2\r\n$4\r\nAUTH\r\n$16385\r\n").WantErr("ERR Protocol error: unauthenticated bulk length").Closes()),
	withConf("unauthenticated bulk of 16384 is accepted", requirepass,
		C("AUTH", strings.Repeat("x", 16384)).WantErr(errWrongPass)),
	withConf("authenticated clients get the normal limits", requirepass,
		C("AUTH", "secret"), C("SET", "big", strings.Repeat("x", 20000)).Want("+OK\r\n"), C("STRLEN", "big").Want(":20000\r\n"),
		C("DEL", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11").Want(":0\r\n")),
}

func TestCompatProtocol(t *testing.T) { newSuite(t).run(protocolCases) }

func TestCompatProtocolAuth(t *testing.T) { newSuite(t).run(protocolAuthCases) }
