package compat_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// cs builds a case from its steps.
func cs(name string, steps ...Step) Case { return Case{Name: name, Steps: steps} }

// withConf builds a case that runs on fresh instances started with the
// given directives.
func withConf(name string, conf [][]string, steps ...Step) Case {
	return Case{Name: name, Conf: conf, Steps: steps}
}

// hello is a HELLO step compared exactly except for the connection id.
func hello(args ...string) Step { return C(append([]string{"HELLO"}, args...)...).IgnoreFields("id") }

var requirepass = [][]string{{"requirepass", "secret"}}

const (
	errNoAuth    = "NOAUTH Authentication required."
	errWrongPass = "WRONGPASS invalid username-password pair or user is disabled."
	errNotInt    = "ERR value is not an integer or out of range"
	errSyntax    = "ERR syntax error"
)

func arity(cmd string) string {
	return fmt.Sprintf("ERR wrong number of arguments for '%s' command", cmd)
}

func unknownSub(sub, cmd string) string {
	return fmt.Sprintf("ERR unknown subcommand '%s'. Try %s HELP.", sub, strings.ToUpper(cmd))
}

var connectionCases = []Case{
	// PING / ECHO
	cs("PING without argument", C("PING").Want("+PONG\r\n")),
	cs("PING with argument returns a bulk string", C("PING", "hello").Want("$5\r\nhello\r\n")),
	cs("PING with empty and binary argument", C("PING", ""), C("PING", "a\r\nb\x00c")),
	cs("PING with two arguments is an arity error", C("PING", "a", "b").WantErr(arity("ping"))),
	cs("PING under RESP3", hello("3"), C("PING"), C("PING", "x")),
	cs("ECHO", C("ECHO", "hi").Want("$2\r\nhi\r\n"), C("ECHO", ""), C("ECHO", "a\r\nb\x00\xff")),
	cs("ECHO arity errors", C("ECHO").WantErr(arity("echo")), C("ECHO", "a", "b").WantErr(arity("echo"))),
	cs("command names are case-insensitive", C("pInG"), C("echo", "X"), C("Set", "k", "v"), C("GET", "k")),

	// QUIT
	cs("QUIT replies OK and closes the connection",
		C("SET", "k", "v"), C("QUIT").Want("+OK\r\n").Closes(), C("GET", "k").Want("$1\r\nv\r\n")),
	cs("QUIT ignores extra arguments", C("QUIT", "now", "please").Want("+OK\r\n").Closes()),
	cs("QUIT under RESP3", hello("3"), C("QUIT").Want("+OK\r\n").Closes()),

	// RESET
	cs("RESET replies RESET", C("RESET").Want("+RESET\r\n")),
	cs("RESET with an argument is an arity error", C("RESET", "x").WantErr(arity("reset"))),
	cs("RESET selects db 0, clears the name and leaves MULTI",
		C("SET", "k", "db0"),
		C("SELECT", "3"), C("SET", "k", "db3"),
		C("CLIENT", "SETNAME", "before"),
		C("MULTI"), C("SET", "k", "queued"),
		C("RESET").Want("+RESET\r\n"),
		C("GET", "k").Want("$3\r\ndb0\r\n"),
		C("CLIENT", "GETNAME").Want("$-1\r\n"),
		C("EXEC").WantErr("ERR EXEC without MULTI"),
		C("SELECT", "3"), C("GET", "k").Want("$3\r\ndb3\r\n")),
	cs("RESET goes back to RESP2",
		hello("3"), C("GET", "missing").Want("_\r\n"),
		C("RESET"), C("GET", "missing").Want("$-1\r\n")),
	cs("RESET clears WATCH",
		C("SET", "w", "1"), C("WATCH", "w"), C("RESET"),
		C("SET", "w", "2").On(1),
		C("MULTI"), C("GET", "w"), C("EXEC").Want("*1\r\n$1\r\n2\r\n")),

	// HELLO
	cs("HELLO without arguments keeps RESP2", hello().IsType('*'), C("GET", "missing").Want("$-1\r\n")),
	cs("HELLO 2", hello("2").IsType('*')),
	cs("HELLO 3 switches to RESP3",
		hello("3").IsType('%'),
		C("GET", "missing").Want("_\r\n"),
		C("CONFIG", "GET", "timeout").Want("%1\r\n$7\r\ntimeout\r\n$1\r\n0\r\n"),
		hello("2").IsType('*'),
		C("GET", "missing").Want("$-1\r\n")),
	cs("HELLO 3 twice", hello("3"), hello("3")),
	cs("HELLO 4 is NOPROTO", C("HELLO", "4").WantErr("NOPROTO unsupported protocol version")),
	cs("HELLO 1 is NOPROTO", C("HELLO", "1").WantErr("NOPROTO unsupported protocol version")),
	cs("HELLO 0 and negative are NOPROTO", C("HELLO", "0").IsErr(), C("HELLO", "-3").IsErr()),
	cs("HELLO with a non-number version",
		C("HELLO", "x").WantErr("ERR Protocol version is not an integer or out of range"),
		C("HELLO", "3.0").IsErr(), C("HELLO", "99999999999999999999").IsErr()),
	cs("HELLO NOPROTO keeps the protocol", hello("3"), C("HELLO", "4").IsErr(), C("GET", "missing").Want("_\r\n")),
	cs("HELLO AUTH default without a password configured", hello("3", "AUTH", "default", "anything").IsType('%')),
	cs("HELLO AUTH unknown user", C("HELLO", "3", "AUTH", "nobody", "x").IsErr(), C("GET", "missing").Want("$-1\r\n")),
	cs("HELLO AUTH without password is a syntax error",
		C("HELLO", "3", "AUTH", "default").WantErr("ERR Syntax error in HELLO option 'AUTH'")),
	cs("HELLO SETNAME without name is a syntax error",
		C("HELLO", "3", "SETNAME").WantErr("ERR Syntax error in HELLO option 'SETNAME'")),
	cs("HELLO unknown option", C("HELLO", "3", "FOO").WantErr("ERR Syntax error in HELLO option 'FOO'")),
	cs("HELLO SETNAME sets the client name",
		hello("3", "SETNAME", "conn1"), C("CLIENT", "GETNAME").Want("$5\r\nconn1\r\n")),
	cs("HELLO SETNAME with a space fails and keeps RESP2",
		C("HELLO", "3", "SETNAME", "a b").WantErr("ERR Client names cannot contain spaces, newlines or special characters."),
		C("GET", "missing").Want("$-1\r\n"), C("CLIENT", "GETNAME")),
	cs("HELLO with AUTH and SETNAME together",
		hello("2", "auth", "default", "x", "setname", "both"), C("CLIENT", "GETNAME")),
	cs("HELLO options are case-insensitive", hello("3", "SetName", "n")),

	// SELECT
	cs("SELECT isolates databases",
		C("SET", "k", "db0"),
		C("SELECT", "1").Want("+OK\r\n"), C("GET", "k").Want("$-1\r\n"), C("SET", "k", "db1"),
		C("SELECT", "15"), C("DBSIZE"), C("SELECT", "0"), C("GET", "k").Want("$3\r\ndb0\r\n")),
	cs("SELECT is per connection", C("SELECT", "2"), C("SET", "k", "v"), C("GET", "k").On(1), C("DBSIZE").On(1)),
	cs("SELECT out of range",
		C("SELECT", "16").WantErr("ERR DB index is out of range"),
		C("SELECT", "-1").WantErr("ERR DB index is out of range"),
		C("SELECT", "9223372036854775807").IsErr()),
	cs("SELECT not a number",
		C("SELECT", "x").WantErr(errNotInt), C("SELECT", "1.5").WantErr(errNotInt),
		C("SELECT", "").WantErr(errNotInt), C("SELECT", " 1").IsErr(), C("SELECT", "99999999999999999999").IsErr()),
	cs("SELECT arity", C("SELECT").WantErr(arity("select")), C("SELECT", "1", "2").WantErr(arity("select"))),

	// AUTH without a password
	cs("AUTH without a password configured",
		C("AUTH", "x").WantErr("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?")),
	cs("AUTH default user without a password configured", C("AUTH", "default", "x"), C("AUTH", "nobody", "x")),
	cs("AUTH with three arguments is a syntax error", C("AUTH", "a", "b", "c").WantErr(errSyntax)),
	cs("AUTH arity", C("AUTH").WantErr(arity("auth"))),

	// CLIENT
	cs("CLIENT ID is an integer", C("CLIENT", "ID").Ignore().Check(checkInt)),
	cs("CLIENT ID arity", C("CLIENT", "ID", "x").WantErr(arity("client|id"))),
	cs("CLIENT SETNAME and GETNAME",
		C("CLIENT", "GETNAME").Want("$-1\r\n"),
		C("CLIENT", "SETNAME", "worker-1").Want("+OK\r\n"),
		C("CLIENT", "GETNAME").Want("$8\r\nworker-1\r\n"),
		C("CLIENT", "GETNAME").On(1).Want("$-1\r\n"),
		C("CLIENT", "SETNAME", "").Want("+OK\r\n"),
		C("CLIENT", "GETNAME").Want("$-1\r\n")),
	cs("CLIENT SETNAME rejects spaces newlines and control characters",
		C("CLIENT", "SETNAME", "a b").WantErr("ERR Client names cannot contain spaces, newlines or special characters."),
		C("CLIENT", "SETNAME", "a\nb").IsErr(),
		C("CLIENT", "SETNAME", "a\x01").IsErr(),
		C("CLIENT", "SETNAME", "caf\xc3\xa9").IsErr(),
		C("CLIENT", "SETNAME", "ok~!@#$%^&*()").Want("+OK\r\n")),
	cs("CLIENT SETNAME arity",
		C("CLIENT", "SETNAME").WantErr(arity("client|setname")),
		C("CLIENT", "SETNAME", "a", "b").WantErr(arity("client|setname")),
		C("CLIENT", "GETNAME", "x").WantErr(arity("client|getname"))),
	// CLIENT SETINFO is Redis 7.2's: Redis 7.0.15 does not know it, miniserve
	// implements it (a known divergence) because go-redis and ioredis send
	// it on every connection.
	cs("CLIENT SETINFO is Redis 7.2's",
		C("CLIENT", "SETINFO", "LIB-NAME", "go-redis").WantErr(unknownSub("SETINFO", "client")).
			Diverges(divSetInfo, "+OK\r\n"),
		C("CLIENT", "SETINFO", "LIB-VER", "9.0.0").WantErr(unknownSub("SETINFO", "client")).
			Diverges(divSetInfo, "+OK\r\n"),
		C("CLIENT", "SETINFO", "BAD-ATTR", "x").WantErr(unknownSub("SETINFO", "client")).
			Diverges(divSetInfo, "-ERR Unrecognized option 'BAD-ATTR'\r\n"),
		C("CLIENT", "setinfo").WantErr(unknownSub("setinfo", "client")).
			Diverges(divSetInfo, "-"+arity("client|setinfo")+"\r\n")),
	cs("CLIENT INFO shows the SETINFO values",
		C("CLIENT", "SETINFO", "LIB-NAME", "go-redis").IsErr().Diverges(divSetInfo, "+OK\r\n"),
		C("CLIENT", "SETINFO", "lib-ver", "9.0.0").IsErr().Diverges(divSetInfo, "+OK\r\n"),
		clientListLib("go-redis", "9.0.0", "INFO"),
		C("CLIENT", "ID").Save("me").Ignore().Check(checkInt),
		clientListLib("go-redis", "9.0.0", "LIST", "ID", "{{me}}"),
		clientList("INFO").On(1)),
	cs("CLIENT NO-EVICT",
		C("CLIENT", "NO-EVICT", "on").Want("+OK\r\n"),
		C("CLIENT", "NO-EVICT", "OFF").Want("+OK\r\n"),
		C("CLIENT", "NO-EVICT", "maybe").WantErr(errSyntax),
		C("CLIENT", "NO-EVICT").WantErr(arity("client|no-evict"))),
	cs("CLIENT LIST shape", C("CLIENT", "SETNAME", "lister"), clientList("LIST")),
	cs("CLIENT LIST of two connections", C("PING").On(1), clientList("LIST")),
	cs("CLIENT LIST ID", C("CLIENT", "ID").Save("me").Ignore(),
		clientList("LIST", "ID", "{{me}}"),
		C("CLIENT", "LIST", "ID", "abc").WantErr("ERR Invalid client ID"),
		C("CLIENT", "LIST", "TYPE", "bogus").WantErr("ERR Unknown client type 'bogus'"),
		C("CLIENT", "LIST", "FOO").WantErr(errSyntax)),
	cs("CLIENT INFO shape", clientList("INFO")),
	cs("CLIENT KILL ID of another connection",
		C("CLIENT", "ID").On(1).Save("other").Ignore(),
		C("CLIENT", "KILL", "ID", "{{other}}").Want(":1\r\n"),
		ExpectClosed().On(1),
		C("CLIENT", "KILL", "ID", "{{other}}").Want(":0\r\n")),
	cs("CLIENT KILL old form by address of a missing client",
		C("CLIENT", "KILL", "1.2.3.4:5").WantErr("ERR No such client"),
		C("CLIENT", "KILL", "id").WantErr("ERR No such client")),
	cs("CLIENT KILL ID errors",
		C("CLIENT", "KILL", "ID", "99999999").Want(":0\r\n"),
		C("CLIENT", "KILL", "ID", "abc").WantErr("ERR client-id should be greater than 0"),
		C("CLIENT", "KILL", "ID", "0").IsErr(),
		C("CLIENT", "KILL", "ID", "-5").IsErr(),
		C("CLIENT", "KILL", "ID", "1", "ID").WantErr(errSyntax),
		C("CLIENT", "KILL", "FOO", "bar").WantErr(errSyntax),
		C("CLIENT", "KILL", "SKIPME", "maybe").WantErr(errSyntax),
		C("CLIENT", "KILL").WantErr(arity("client|kill"))),
	cs("CLIENT KILL ID of itself",
		C("CLIENT", "ID").Save("me").Ignore(),
		C("CLIENT", "KILL", "ID", "{{me}}", "SKIPME", "yes").Want(":0\r\n"),
		C("CLIENT", "KILL", "ID", "{{me}}", "SKIPME", "no").Want(":1\r\n").Closes()),
	cs("CLIENT KILL ADDR of another connection",
		C("CLIENT", "INFO").On(1).SaveWith("addr", clientField("addr")).Ignore(),
		C("CLIENT", "KILL", "ADDR", "{{addr}}").Want(":1\r\n"),
		ExpectClosed().On(1),
		C("CLIENT", "KILL", "ADDR", "{{addr}}").Want(":0\r\n"),
		C("CLIENT", "KILL", "ADDR", "1.2.3.4:5").Want(":0\r\n")),
	cs("CLIENT KILL old form by address",
		C("CLIENT", "INFO").On(1).SaveWith("addr", clientField("addr")).Ignore(),
		C("CLIENT", "KILL", "{{addr}}").Want("+OK\r\n"),
		ExpectClosed().On(1),
		C("CLIENT", "KILL", "{{addr}}").WantErr("ERR No such client")),
	cs("CLIENT KILL old form of itself",
		C("CLIENT", "INFO").SaveWith("addr", clientField("addr")).Ignore(),
		C("CLIENT", "KILL", "{{addr}}").Want("+OK\r\n").Closes()),
	cs("CLIENT KILL with several filters",
		C("CLIENT", "ID").On(1).Save("other").Ignore(),
		C("CLIENT", "INFO").On(1).SaveWith("laddr", clientField("laddr")).Ignore(),
		C("CLIENT", "KILL", "LADDR", "1.2.3.4:5", "ID", "{{other}}").Want(":0\r\n"),
		C("CLIENT", "KILL", "TYPE", "pubsub", "ID", "{{other}}").Want(":0\r\n"),
		C("CLIENT", "KILL", "TYPE", "master", "ID", "{{other}}").Want(":0\r\n"),
		C("CLIENT", "KILL", "USER", "default", "ID", "{{other}}", "LADDR", "{{laddr}}", "TYPE", "normal", "SKIPME", "yes").Want(":1\r\n"),
		ExpectClosed().On(1)),
	cs("CLIENT KILL TYPE and USER",
		C("CLIENT", "ID").On(1).Save("other").Ignore(),
		C("CLIENT", "KILL", "TYPE", "replica", "ID", "{{other}}").Want(":0\r\n"),
		C("CLIENT", "KILL", "TYPE", "slave", "ID", "{{other}}").Want(":0\r\n"),
		C("CLIENT", "KILL", "TYPE", "NORMAL", "ID", "{{other}}").Want(":1\r\n"),
		ExpectClosed().On(1),
		C("CLIENT", "KILL", "TYPE", "bogus").WantErr("ERR Unknown client type 'bogus'"),
		C("CLIENT", "KILL", "USER", "nobody").WantErr("ERR No such user 'nobody'"),
		C("CLIENT", "KILL", "ADDR").WantErr("ERR No such client")),
	cs("CLIENT unknown subcommand", C("CLIENT", "foo").WantErr(unknownSub("foo", "client"))),
	cs("CLIENT without subcommand", C("CLIENT").WantErr(arity("client"))),
	cs("CLIENT UNBLOCK of a client that is not blocked",
		C("CLIENT", "UNBLOCK", "999").Want(":0\r\n"),
		C("CLIENT", "UNBLOCK", "abc").WantErr("ERR value is not an integer or out of range"),
		C("CLIENT", "UNBLOCK", "1", "FOO").WantErr("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"),
		C("CLIENT", "UNBLOCK").WantErr("ERR wrong number of arguments for 'client|unblock' command")),
	cs("CLIENT HELP", C("CLIENT", "HELP").IsType('*').
		Diverges(divClientHelp, miniClientHelp).DivergesFunc(divClientHelp, helpLinesFromRedis(setInfoHelp...))),
}

// Known divergences of the connection commands (see Step.Diverges).
const (
	divSetInfo    = "miniserve implements Redis 7.2's CLIENT SETINFO, which go-redis and ioredis send on every connection"
	divLibFields  = "miniserve's CLIENT LIST/INFO lines end with Redis 7.2's lib-name= and lib-ver= fields"
	divClientHelp = "miniserve's CLIENT HELP lists only the subcommands it implements, plus Redis 7.2's SETINFO"
)

// clientList is a CLIENT LIST or CLIENT INFO step compared by shape; on
// miniserve each line must end with empty lib-name and lib-ver fields.
func clientList(args ...string) Step { return clientListLib("", "", args...) }

// clientListLib is clientList where miniserve's lines must show the given
// lib-name and lib-ver.
func clientListLib(libName, libVer string, args ...string) Step {
	return C(append([]string{"CLIENT"}, args...)...).Compare(compareClientList).
		DivergesFunc(divLibFields, compareClientList72(libName, libVer))
}

// compareClientList72 compares a miniserve CLIENT LIST/INFO reply (got)
// with Redis 7.0's (ref): every line of got must end with exactly the two
// fields "lib-name=<libName> lib-ver=<libVer>" of Redis 7.2, and without
// them be equal to ref under compareClientList.
func compareClientList72(libName, libVer string) func(ref, got *Value) error {
	tail := " lib-name=" + libName + " lib-ver=" + libVer
	return func(ref, got *Value) error {
		if ref == nil || (got.Type != '$' && got.Type != '=') {
			return fmt.Errorf("want a CLIENT LIST/INFO reply, got %s", got)
		}
		lines := strings.Split(strings.TrimSuffix(got.Str, "\n"), "\n")
		for i, l := range lines {
			cut, ok := strings.CutSuffix(l, tail)
			if !ok || strings.Contains(cut, " lib-name=") || strings.Contains(cut, " lib-ver=") {
				return fmt.Errorf("line %d does not end with %q: %q", i, tail[1:], l)
			}
			lines[i] = cut
		}
		stripped := got.Clone()
		stripped.Str = strings.Join(lines, "\n") + "\n"
		return compareClientList(ref, stripped)
	}
}

// setInfoHelp are the lines of miniserve's CLIENT HELP about SETINFO, which
// Redis 7.0's does not have.
var setInfoHelp = []string{
	"SETINFO <option> <value>",
	"    Set client meta attr. Options are:",
	"    * LIB-NAME: the client lib name.",
	"    * LIB-VER: the client lib version.",
}

// miniClientHelp is miniserve's CLIENT HELP (server/cmd_client.go,
// cmdClientHelp): Redis 7.0.15's text for the subcommands it implements,
// plus SETINFO.
var miniClientHelp = helpText("CLIENT",
	"GETNAME",
	"    Return the name of the current connection.",
	"ID",
	"    Return the ID of the current connection.",
	"INFO",
	"    Return information about the current client connection.",
	"KILL <ip:port>",
	"    Kill connection made from <ip:port>.",
	"KILL <option> <value> [<option> <value> [...]]",
	"    Kill connections. Options are:",
	"    * ADDR (<ip:port>|<unixsocket>:0)",
	"      Kill connections made from the specified address",
	"    * LADDR (<ip:port>|<unixsocket>:0)",
	"      Kill connections made to specified local address",
	"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
	"      Kill connections by type.",
	"    * USER <username>",
	"      Kill connections authenticated by <username>.",
	"    * SKIPME (YES|NO)",
	"      Skip killing current connection (default: yes).",
	"LIST [options ...]",
	"    Return information about client connections. Options:",
	"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
	"      Return clients of specified type.",
	"SETNAME <name>",
	"    Assign the name <name> to the current connection.",
	setInfoHelp[0], setInfoHelp[1], setInfoHelp[2], setInfoHelp[3],
	"UNBLOCK <clientid> [TIMEOUT|ERROR]",
	"    Unblock the specified blocked client.",
	"NO-EVICT (ON|OFF)",
	"    Protect current client connection from eviction.",
)

// helpText renders a HELP reply in Redis's layout (RESP2): the header
// line, the given lines, then the closing HELP lines.
func helpText(command string, lines ...string) string {
	all := append([]string{command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"}, lines...)
	all = append(all, "HELP", "    Prints this help.")
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(all))
	for _, l := range all {
		b.WriteString("+" + l + "\r\n")
	}
	return b.String()
}

// helpLinesFromRedis checks that the lines of a HELP reply (got), except
// the skipped ones, appear in the reference HELP reply in the same order:
// miniserve may leave out what it does not implement but must not reword
// what it does.
func helpLinesFromRedis(skip ...string) func(ref, got *Value) error {
	return func(ref, got *Value) error {
		if ref == nil || ref.Type != '*' || got.Type != '*' {
			return errors.New("want two HELP arrays")
		}
		j := 0
	next:
		for _, g := range got.Elems {
			for _, s := range skip {
				if g.Str == s {
					continue next
				}
			}
			for ; j < len(ref.Elems); j++ {
				if ref.Elems[j].Str == g.Str {
					j++
					continue next
				}
			}
			return fmt.Errorf("line %q is not in the reference HELP (in this order)", g.Str)
		}
		return nil
	}
}

// ExpectClosed waits (bounded) for the server to close the connection
// without sending anything.
func ExpectClosed() Step { return Step{replies: 0, closes: true, noSend: true} }

// compareClientList compares CLIENT LIST/INFO replies by shape: the same
// number of lines, the same field names in the same order, and equal
// values for the fields that do not depend on timing or addresses.
func compareClientList(want, got *Value) error {
	if want.Type != got.Type || (want.Type != '$' && want.Type != '=') {
		return fmt.Errorf("type %q vs %q", want.Type, got.Type)
	}
	wl := strings.Split(strings.TrimSuffix(want.Str, "\n"), "\n")
	gl := strings.Split(strings.TrimSuffix(got.Str, "\n"), "\n")
	if len(wl) != len(gl) {
		return fmt.Errorf("%d lines vs %d", len(wl), len(gl))
	}
	stable := map[string]bool{"name": true, "db": true, "sub": true, "psub": true, "ssub": true, "multi": true, "flags": true, "cmd": true, "user": true, "resp": true, "redir": true}
	for i := range wl {
		wf, gf := strings.Fields(wl[i]), strings.Fields(gl[i])
		if len(wf) != len(gf) {
			return fmt.Errorf("line %d: %d fields vs %d", i, len(wf), len(gf))
		}
		for j := range wf {
			wk, wv, _ := strings.Cut(wf[j], "=")
			gk, gv, _ := strings.Cut(gf[j], "=")
			if wk != gk {
				return fmt.Errorf("line %d field %d: %q vs %q", i, j, wk, gk)
			}
			if stable[wk] && wv != gv {
				return fmt.Errorf("line %d field %s: %q vs %q", i, wk, wv, gv)
			}
		}
	}
	return nil
}

var requirepassCases = []Case{
	withConf("requirepass: commands before AUTH get NOAUTH", requirepass,
		C("GET", "k").WantErr(errNoAuth),
		C("SET", "k", "v").WantErr(errNoAuth),
		C("PING").WantErr(errNoAuth),
		C("MULTI").WantErr(errNoAuth),
		C("SELECT", "1").WantErr(errNoAuth)),
	withConf("requirepass: unknown command and bad arity before AUTH", requirepass,
		C("NOSUCH", "a"), C("GET"), C("CLIENT", "NOSUCH")),
	withConf("requirepass: wrong password then right password", requirepass,
		C("AUTH", "wrong").WantErr(errWrongPass),
		C("GET", "k").WantErr(errNoAuth),
		C("AUTH", "secret").Want("+OK\r\n"),
		C("GET", "k").Want("$-1\r\n"),
		C("AUTH", "wrong").WantErr(errWrongPass),
		C("GET", "k").Want("$-1\r\n")),
	withConf("requirepass: AUTH default password", requirepass,
		C("AUTH", "default", "wrong").WantErr(errWrongPass),
		C("AUTH", "nobody", "secret").WantErr(errWrongPass),
		C("AUTH", "default", "secret").Want("+OK\r\n"),
		C("PING").Want("+PONG\r\n")),
	withConf("requirepass: AUTH with three arguments", requirepass,
		C("AUTH", "default", "secret", "x").WantErr(errSyntax), C("AUTH").IsErr()),
	withConf("requirepass: HELLO without AUTH", requirepass,
		C("HELLO", "3").IsErr(),
		C("HELLO").IsErr(),
		C("GET", "k").WantErr(errNoAuth)),
	withConf("requirepass: HELLO with AUTH", requirepass,
		C("HELLO", "3", "AUTH", "default", "wrong").WantErr(errWrongPass),
		hello("3", "AUTH", "default", "secret").IsType('%'),
		C("GET", "k").Want("_\r\n")),
	withConf("requirepass: HELLO AUTH SETNAME", requirepass,
		hello("2", "AUTH", "default", "secret", "SETNAME", "authed"),
		C("CLIENT", "GETNAME").Want("$6\r\nauthed\r\n")),
	withConf("requirepass: QUIT before AUTH", requirepass, C("QUIT").Want("+OK\r\n").Closes()),
	withConf("requirepass: RESET before AUTH", requirepass, C("RESET")),
	withConf("requirepass: RESET logs out", requirepass,
		C("AUTH", "secret"), C("SET", "k", "v"), C("RESET").Want("+RESET\r\n"), C("GET", "k").WantErr(errNoAuth)),
	withConf("requirepass: authentication is per connection", requirepass,
		C("AUTH", "secret"), C("SET", "k", "v"), C("GET", "k").On(1).WantErr(errNoAuth)),
	withConf("requirepass: CONFIG GET requirepass", requirepass,
		C("AUTH", "secret"), C("CONFIG", "GET", "requirepass")),
	withConf("requirepass: CONFIG SET requirepass changes the password", requirepass,
		C("AUTH", "secret"),
		C("CONFIG", "SET", "requirepass", "other").Want("+OK\r\n"),
		C("PING"),
		C("GET", "k").On(1).WantErr(errNoAuth),
		C("AUTH", "secret").On(1).WantErr(errWrongPass),
		C("AUTH", "other").On(1).Want("+OK\r\n")),
	withConf("requirepass: MULTI queue before AUTH", requirepass,
		C("MULTI").WantErr(errNoAuth),
		C("EXEC").WantErr("EXECABORT Transaction discarded because of: "+errNoAuth),
		C("AUTH", "secret"), C("EXEC").WantErr("ERR EXEC without MULTI")),
}

func TestCompatConnection(t *testing.T) { newSuite(t).run(connectionCases) }

func TestCompatRequirepass(t *testing.T) { newSuite(t).run(requirepassCases) }
