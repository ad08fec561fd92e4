package compat_test

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Cases for the administrative commands: INFO, MONITOR, DEBUG, SHUTDOWN,
// CONFIG REWRITE and the COMMAND and MEMORY subcommands not covered in
// cases_server_test.go.

var debugYes = [][]string{{"enable-debug-command", "yes"}}

const (
	errDebugNotAllowed = `ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.`
	errNoShutdown      = "ERR No shutdown in progress."
	errNotInMulti      = "ERR Command not allowed inside a transaction"
	errReplicaKeyspace = "ERR Replica can't interact with the keyspace"
)

// fresh builds a case that runs on its own instances (for the commands
// that change or stop the server).
func fresh(name string, steps ...Step) Case { return Case{Name: name, Fresh: true, Steps: steps} }

// monitorLine matches one MONITOR feed line: a timestamp, the db and the
// client address, then the quoted arguments.
var monitorLine = regexp.MustCompile(`^[0-9]+\.[0-9]{6} \[([0-9]+) [^ \]]+\] (.*)$`)

// checkMonitorLine asserts that a reply is a MONITOR feed line.
func checkMonitorLine(v *Value) error {
	if v.Type != '+' || !monitorLine.MatchString(v.Str) {
		return fmt.Errorf("not a MONITOR line: %s", v)
	}
	return nil
}

// compareMonitorLine compares MONITOR lines except for the timestamp and
// the client address.
func compareMonitorLine(want, got *Value) error {
	mask := func(v *Value) string {
		if m := monitorLine.FindStringSubmatch(v.Str); v.Type == '+' && m != nil {
			return "<time> [" + m[1] + " <addr>] " + m[2]
		}
		return string(v.Encode())
	}
	if w, g := mask(want), mask(got); w != g {
		return fmt.Errorf("%q vs %q", w, g)
	}
	return nil
}

// monitored is a Recv step on the MONITOR connection i.
func monitored(i int) Step {
	return Recv().On(i).Compare(compareMonitorLine).Check(checkMonitorLine)
}

// infoSection is one "# Name" section of an INFO reply.
type infoSection struct {
	name   string
	fields []string
}

func parseInfo(v *Value) ([]infoSection, error) {
	if v.Type != '$' && v.Type != '=' {
		return nil, fmt.Errorf("want an INFO string, got %s", v)
	}
	text := v.Str
	if v.Type == '=' {
		text = strings.TrimPrefix(text, "txt:")
	}
	var secs []infoSection
	for _, l := range strings.Split(text, "\r\n") {
		switch {
		case l == "":
		case strings.HasPrefix(l, "# "):
			secs = append(secs, infoSection{name: l[2:]})
		case len(secs) == 0:
			return nil, fmt.Errorf("field before the first section: %q", l)
		default:
			k, _, ok := strings.Cut(l, ":")
			if !ok {
				return nil, fmt.Errorf("malformed INFO line %q", l)
			}
			secs[len(secs)-1].fields = append(secs[len(secs)-1].fields, k)
		}
	}
	return secs, nil
}

// dynamicInfo are the INFO sections whose fields depend on what ran
// before (one per command, error code or database); the fresh
// commandstats and keyspace cases compare them line by line.
var dynamicInfo = map[string]bool{"Commandstats": true, "Errorstats": true, "Latencystats": true, "Keyspace": true}

// compareInfo compares INFO replies by shape: the same RESP type and the
// same sections in the same order; within a section (except the dynamic
// ones) the fields of got must be fields of want, in the same order.
// miniserve may leave out fields it does not track (allocator and
// replication details) but must not rename, reorder or add any. The values
// are not compared.
func compareInfo(want, got *Value) error {
	if want.Type != got.Type {
		return fmt.Errorf("type %q vs %q", want.Type, got.Type)
	}
	ws, err := parseInfo(want)
	if err != nil {
		return err
	}
	gs, err := parseInfo(got)
	if err != nil {
		return err
	}
	names := func(ss []infoSection) string {
		var n []string
		for _, s := range ss {
			n = append(n, s.name)
		}
		return strings.Join(n, ",")
	}
	if names(ws) != names(gs) {
		return fmt.Errorf("sections %s vs %s", names(ws), names(gs))
	}
	for i := range ws {
		if dynamicInfo[ws[i].name] {
			continue
		}
		j := 0
	next:
		for _, f := range gs[i].fields {
			for ; j < len(ws[i].fields); j++ {
				if ws[i].fields[j] == f {
					j++
					continue next
				}
			}
			return fmt.Errorf("section %s: field %q is not in the reference (in this order)", ws[i].name, f)
		}
	}
	return nil
}

// infoTimings masks the values of INFO that depend on timing.
var infoTimings = regexp.MustCompile(`(usec|usec_per_call|avg_ttl)=[0-9.]+`)

// compareInfoLines compares INFO replies line by line, as a set (Redis
// prints commandstats in hash table order), with timings masked.
func compareInfoLines(want, got *Value) error {
	lines := func(v *Value) string {
		text := strings.TrimPrefix(v.Str, "txt:")
		ls := strings.Split(infoTimings.ReplaceAllString(text, "$1=*"), "\r\n")
		sort.Strings(ls)
		return fmt.Sprintf("%c %q", v.Type, strings.Join(ls, "\n"))
	}
	if w, g := lines(want), lines(got); w != g {
		return fmt.Errorf("%s vs %s", w, g)
	}
	return nil
}

// compareSubset requires every element of got to be an element of want,
// for lists where miniserve has fewer entries because it implements fewer
// commands (COMMAND LIST).
func compareSubset(want, got *Value) error {
	if want.Type != got.Type || !want.IsAggregate() {
		return fmt.Errorf("type %q vs %q", want.Type, got.Type)
	}
	have := map[string]bool{}
	for _, e := range want.Elems {
		have[string(e.Encode())] = true
	}
	for _, e := range got.Elems {
		if !have[string(e.Encode())] {
			return fmt.Errorf("%s is not in the reference", e)
		}
	}
	return nil
}

// subsetExcept is compareSubset allowing the given extra names in got.
func subsetExcept(extra ...string) func(ref, got *Value) error {
	return func(ref, got *Value) error {
		if ref == nil {
			return fmt.Errorf("no reference reply")
		}
		g := got.Clone()
		g.Elems = g.Elems[:0]
	next:
		for _, e := range got.Elems {
			for _, x := range extra {
				if e.Str == x {
					continue next
				}
			}
			g.Elems = append(g.Elems, e)
		}
		return compareSubset(ref, g)
	}
}

// clientField extracts one field of a CLIENT INFO line, for SaveWith.
func clientField(name string) func(v *Value) string {
	return func(v *Value) string {
		for _, f := range strings.Fields(strings.TrimPrefix(v.Str, "txt:")) {
			if k, val, ok := strings.Cut(f, "="); ok && k == name {
				return val
			}
		}
		return ""
	}
}

var adminCases = []Case{
	// INFO
	cs("INFO default sections", C("INFO").Compare(compareInfo), C("INFO", "default").Compare(compareInfo)),
	cs("INFO all and everything sections", C("INFO", "all").Compare(compareInfo), C("INFO", "everything").Compare(compareInfo)),
	cs("INFO selected sections",
		C("INFO", "clients", "memory").Compare(compareInfo),
		C("INFO", "STATS").Compare(compareInfo),
		C("INFO", "persistence", "replication", "cluster").Compare(compareInfo),
		C("INFO", "keyspace", "nosuch").Compare(compareInfo)),
	cs("INFO server section", C("INFO", "server").Compare(compareInfo)),
	cs("INFO cpu section", C("INFO", "cpu").Compare(compareInfo)),
	cs("INFO of an unknown section is empty", C("INFO", "nosuch").Want("$0\r\n\r\n")),
	cs("INFO under RESP3", hello("3"), C("INFO", "clients").Compare(compareInfo).IsType('='), C("INFO", "nosuch")),
	cs("INFO keyspace",
		C("INFO", "keyspace").Want("$12\r\n# Keyspace\r\n\r\n"),
		C("MSET", "a", "1", "b", "2"), C("EXPIRE", "a", "100"), C("SELECT", "3"), C("SET", "c", "1"),
		C("INFO", "keyspace").Compare(compareInfoLines)),
	fresh("INFO commandstats and errorstats after CONFIG RESETSTAT",
		C("CONFIG", "RESETSTAT").Want("+OK\r\n"),
		C("SET", "k", "v"), C("GET", "k"), C("GET", "nope"), C("INCR", "k"), C("GET"), C("NOSUCH"), C("CLIENT", "NOSUCH"),
		C("INFO", "commandstats").Compare(compareInfoLines),
		C("INFO", "errorstats").Compare(compareInfoLines)),
	fresh("CONFIG RESETSTAT clears the stats",
		C("SET", "k", "v"), C("GET", "nope"), C("INCR", "k"),
		C("CONFIG", "RESETSTAT").Want("+OK\r\n"),
		C("INFO", "errorstats").Want("$14\r\n# Errorstats\r\n\r\n")),
	fresh("CONFIG RESETSTAT after errors is not a failed call",
		C("GET").WantErr(arity("get")), C("INCR", "nope", "x").IsErr(), C("CONFIG", "RESETSTAT").Want("+OK\r\n"),
		C("INFO", "commandstats").Compare(compareInfoLines)),

	// MONITOR
	cs("MONITOR sees the commands of other connections",
		C("MONITOR").On(1).Want("+OK\r\n"),
		C("SET", "k", "v"), monitored(1),
		C("SELECT", "3"), monitored(1),
		C("GET", "a b\"c\x00\xff\n"), monitored(1),
		C("ECHO", "x").On(2), monitored(1)),
	cs("MONITOR does not show admin commands",
		C("MONITOR").On(1),
		C("CONFIG", "GET", "timeout").SortedPairs(), C("CLIENT", "ID").Ignore(), C("DEBUG", "SLEEP", "0").IsErr(),
		C("ECHO", "after"), monitored(1)),
	cs("MONITOR connection cannot use the keyspace",
		C("MONITOR").On(1),
		C("GET", "k").On(1).WantErr(errReplicaKeyspace),
		C("SET", "k", "v").On(1).WantErr(errReplicaKeyspace),
		C("ECHO", "x"), monitored(1)),
	// A second MONITOR gets no reply at all: both are sent in one write so
	// that they are handled before the ECHO of the other connection.
	// Redis feeds a command to the monitors after running it, so a
	// MONITOR connection gets the reply of its own command first.
	cs("MONITOR sees its own commands after their reply",
		C("MONITOR"), C("PING").Want("+PONG\r\n"), monitored(0), C("ECHO", "x").Want("$1\r\nx\r\n"), monitored(0)),
	cs("MONITOR twice replies once",
		Raw("*1\r\n$7\r\nMONITOR\r\n*1\r\n$7\r\nMONITOR\r\n").Want("+OK\r\n"),
		C("ECHO", "x").On(1), monitored(0)),
	cs("RESET leaves MONITOR mode",
		C("MONITOR").On(1), C("RESET").On(1).Want("+RESET\r\n"),
		C("SET", "k", "v"), C("GET", "k").On(1).Want("$1\r\nv\r\n")),
	cs("MONITOR arity and MULTI",
		C("MONITOR", "x").WantErr(arity("monitor")),
		C("MULTI"), C("MONITOR").Want("+QUEUED\r\n"), C("EXEC"), C("ECHO", "x").On(1), C("PING")),

	// DEBUG
	cs("DEBUG is refused without enable-debug-command",
		C("DEBUG", "SLEEP", "0").WantErr(errDebugNotAllowed), C("DEBUG", "HELP").WantErr(errDebugNotAllowed),
		C("DEBUG").WantErr(arity("debug"))),
	withConf("DEBUG SLEEP with enable-debug-command yes", debugYes,
		C("DEBUG", "SLEEP", "0").Want("+OK\r\n"),
		C("debug", "sleep", "0.01").Want("+OK\r\n"),
		C("DEBUG", "SLEEP", "0").On(1).Want("+OK\r\n")),
	withConf("DEBUG HELP", debugYes, C("DEBUG", "HELP").IsType('*').
		Diverges(divDebugHelp, miniDebugHelp).DivergesFunc(divDebugHelp, helpLinesFromRedis())),
	withConf("DEBUG errors", debugYes,
		C("DEBUG", "SLEEP"),
		C("DEBUG", "SLEEP", "x"),
		C("DEBUG", "FOO"),
		C("DEBUG").WantErr(arity("debug"))),

	// SHUTDOWN runs on its own instances, which it stops.
	fresh("SHUTDOWN NOSAVE closes the connection",
		C("SET", "k", "v"), C("PING").On(1),
		C("SHUTDOWN", "NOSAVE").Replies(0).Closes(),
		ExpectClosed().On(1)),
	fresh("SHUTDOWN without arguments", C("SHUTDOWN").Replies(0).Closes()),
	fresh("SHUTDOWN bad arguments keep the server running",
		C("SHUTDOWN", "FOO").WantErr(errSyntax),
		C("SHUTDOWN", "NOSAVE", "x").WantErr(errSyntax),
		C("MULTI"), C("SHUTDOWN").WantErr(errNotInMulti), C("EXEC").WantErr(errExecAbort),
		C("PING").Want("+PONG\r\n")),
	fresh("SHUTDOWN SAVE and NOSAVE together",
		C("SHUTDOWN", "NOSAVE", "SAVE").WantErr(errSyntax),
		C("SHUTDOWN", "SAVE", "NOSAVE").WantErr(errSyntax),
		C("PING").Want("+PONG\r\n")),
	fresh("SHUTDOWN ABORT without a shutdown in progress",
		C("SHUTDOWN", "ABORT").WantErr(errNoShutdown),
		C("SHUTDOWN", "NOW", "FORCE", "ABORT").WantErr(errSyntax),
		C("PING").Want("+PONG\r\n")),

	// CONFIG REWRITE: both servers run without a config file here.
	cs("CONFIG REWRITE without a config file",
		C("CONFIG", "REWRITE").WantErr("ERR The server is running without a config file"),
		C("CONFIG", "REWRITE", "x").WantErr(arity("config|rewrite"))),
	cs("CONFIG HELP", C("CONFIG", "HELP").IsType('*')),

	// COMMAND LIST / GETKEYS / HELP
	cs("COMMAND LIST of every command",
		C("COMMAND", "LIST").Compare(compareSubset).DivergesFunc(divSetInfo, subsetExcept("client|setinfo"))),
	cs("COMMAND LIST FILTERBY PATTERN",
		C("COMMAND", "LIST", "FILTERBY", "PATTERN", "*expire*").Sorted(),
		C("COMMAND", "LIST", "FILTERBY", "PATTERN", "config*").Sorted(),
		C("COMMAND", "LIST", "FILTERBY", "PATTERN", "get").Want("*1\r\n$3\r\nget\r\n"),
		C("COMMAND", "LIST", "filterby", "pattern", "nosuch*").Want("*0\r\n")),
	cs("COMMAND LIST FILTERBY ACLCAT", C("COMMAND", "LIST", "FILTERBY", "ACLCAT", "transaction").Sorted()),
	cs("COMMAND LIST FILTERBY MODULE and errors",
		C("COMMAND", "LIST", "FILTERBY", "MODULE", "nosuch").Want("*0\r\n"),
		C("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch").Want("*0\r\n"),
		C("COMMAND", "LIST", "FOO").WantErr(errSyntax),
		C("COMMAND", "LIST", "FILTERBY", "PATTERN").WantErr(errSyntax),
		C("COMMAND", "LIST", "FILTERBY", "FOO", "x").WantErr(errSyntax),
		C("COMMAND", "LIST", "FILTERBY", "PATTERN", "a", "b").WantErr(errSyntax)),
	cs("COMMAND GETKEYS",
		C("COMMAND", "GETKEYS", "SET", "a", "b").Want("*1\r\n$1\r\na\r\n"),
		C("COMMAND", "GETKEYS", "mset", "a", "1", "b", "2"),
		C("COMMAND", "GETKEYS", "DEL", "a", "b", "c"),
		C("COMMAND", "GETKEYS", "RENAME", "a", "b"),
		C("COMMAND", "GETKEYS", "COPY", "a", "b", "DB", "1"),
		C("COMMAND", "GETKEYS", "EXPIRE", "k", "10"),
		C("COMMAND", "GETKEYS", "OBJECT", "ENCODING", "k"),
		C("COMMAND", "GETKEYS", "MEMORY", "USAGE", "k"),
		C("COMMAND", "GETKEYS", "WATCH", "a", "b")),
	cs("COMMAND GETKEYSANDFLAGS",
		C("COMMAND", "GETKEYSANDFLAGS", "SET", "a", "b"),
		C("COMMAND", "GETKEYSANDFLAGS", "SET", "a", "b", "GET"),
		C("COMMAND", "GETKEYSANDFLAGS", "RENAME", "a", "b"),
		C("COMMAND", "GETKEYSANDFLAGS", "DEL", "a", "b"),
		C("COMMAND", "GETKEYSANDFLAGS", "MSET", "a", "1", "b", "2"),
		C("COMMAND", "GETKEYSANDFLAGS", "GET", "a", "b").WantErr("ERR Invalid number of arguments specified for command"),
		hello("3"),
		C("COMMAND", "GETKEYSANDFLAGS", "COPY", "a", "b")),
	cs("COMMAND GETKEYS errors",
		C("COMMAND", "GETKEYS", "NOSUCH", "a").WantErr("ERR Invalid command specified"),
		C("COMMAND", "GETKEYS", "GET", "a", "b").WantErr("ERR Invalid number of arguments specified for command"),
		C("COMMAND", "GETKEYS", "PING", "x").WantErr("ERR The command has no key arguments"),
		C("COMMAND", "GETKEYS", "CONFIG", "GET", "x").IsErr(),
		C("COMMAND", "GETKEYS", "CONFIG", "NOSUCH", "x").IsErr(),
		C("COMMAND", "GETKEYS", "GET").WantErr(arity("command|getkeys")),
		C("COMMAND", "GETKEYS").WantErr(arity("command|getkeys"))),
	cs("COMMAND HELP", C("COMMAND", "HELP").IsType('*'), C("COMMAND", "HELP", "x").WantErr(arity("command|help"))),

	// MEMORY HELP / OBJECT HELP
	cs("MEMORY HELP", C("MEMORY", "HELP").IsType('*'), C("MEMORY", "HELP", "x").WantErr(arity("memory|help"))),
	cs("OBJECT HELP", C("OBJECT", "HELP").IsType('*'), C("OBJECT", "HELP", "x").WantErr(arity("object|help"))),
}

func TestCompatAdmin(t *testing.T) { newSuite(t).run(adminCases) }

// TestCompareHelpers checks the comparison functions of the cases.
func TestCompareHelpers(t *testing.T) {
	bulk := func(s string) *Value { return &Value{Type: '$', Str: s} }
	status := func(ss ...string) *Value {
		v := &Value{Type: '*'}
		for _, s := range ss {
			v.Elems = append(v.Elems, &Value{Type: '+', Str: s})
		}
		return v
	}
	expect := func(name string, err error, ok bool) {
		t.Helper()
		if (err == nil) != ok {
			t.Errorf("%s: err=%v, want ok=%v", name, err, ok)
		}
	}
	line := "id=1 addr=127.0.0.1:1 laddr=127.0.0.1:2 fd=8 name=n db=0 cmd=client|info resp=2"
	expect("client list 7.2 fields", compareClientList72("", "")(bulk(line+"\n"), bulk(line+" lib-name= lib-ver=\n")), true)
	expect("client list 7.2 values", compareClientList72("go-redis", "9")(bulk(line+"\n"), bulk(line+" lib-name=go-redis lib-ver=9\n")), true)
	expect("client list wrong values", compareClientList72("go-redis", "9")(bulk(line+"\n"), bulk(line+" lib-name= lib-ver=\n")), false)
	expect("client list without the fields", compareClientList72("", "")(bulk(line+"\n"), bulk(line+"\n")), false)
	expect("client list one more field", compareClientList72("", "")(bulk(line+"\n"), bulk(line+" x=1 lib-name= lib-ver=\n")), false)

	ref := status("H", "A", "  a", "B", "  b", "HELP", "  help")
	expect("help subset", helpLinesFromRedis()(ref, status("H", "B", "  b", "HELP", "  help")), true)
	expect("help skipped extra", helpLinesFromRedis("X")(ref, status("H", "X", "HELP")), true)
	expect("help extra", helpLinesFromRedis()(ref, status("H", "X", "HELP")), false)
	expect("help order", helpLinesFromRedis()(ref, status("H", "B", "A")), false)

	info := func(s string) *Value { return bulk(strings.ReplaceAll(s, "\n", "\r\n")) }
	w := info("# Server\na:1\nb:2\nc:3\n\n# Keyspace\ndb0:keys=1\n")
	expect("info same", compareInfo(w, info("# Server\na:9\nb:2\nc:3\n\n# Keyspace\n")), true)
	expect("info fewer fields", compareInfo(w, info("# Server\na:1\nc:3\n\n# Keyspace\n")), true)
	expect("info extra field", compareInfo(w, info("# Server\na:1\nx:1\n\n# Keyspace\n")), false)
	expect("info reordered", compareInfo(w, info("# Server\nc:1\na:1\n\n# Keyspace\n")), false)
	expect("info section name", compareInfo(w, info("# server\na:1\n\n# Keyspace\n")), false)
	expect("info lines", compareInfoLines(info("# C\na:usec=1,x=1\nb:2\n"), info("# C\nb:2\na:usec=7,x=1\n")), true)
	expect("info lines differ", compareInfoLines(info("# C\na:usec=1,x=1\n"), info("# C\na:usec=1,x=2\n")), false)

	m := func(s string) *Value { return &Value{Type: '+', Str: s} }
	expect("monitor masked", compareMonitorLine(m(`1.000001 [0 127.0.0.1:5] "GET" "k"`), m(`2.123456 [0 127.0.0.1:9] "GET" "k"`)), true)
	expect("monitor db", compareMonitorLine(m(`1.000001 [0 127.0.0.1:5] "GET" "k"`), m(`1.000001 [1 127.0.0.1:5] "GET" "k"`)), false)
	expect("monitor args", compareMonitorLine(m(`1.000001 [0 127.0.0.1:5] "GET" "k"`), m(`1.000001 [0 127.0.0.1:5] "get" "k"`)), false)
	expect("monitor line", checkMonitorLine(m("OK")), false)

	names := func(ss ...string) *Value {
		v := &Value{Type: '*'}
		for _, s := range ss {
			v.Elems = append(v.Elems, bulk(s))
		}
		return v
	}
	expect("subset", compareSubset(names("a", "b", "c"), names("c", "a")), true)
	expect("not subset", compareSubset(names("a", "b"), names("a", "x")), false)
	expect("subset except", subsetExcept("x")(names("a", "b"), names("a", "x")), true)
}

const divDebugHelp = "miniserve's DEBUG has only SLEEP, and its HELP says so"

var miniDebugHelp = helpText("DEBUG",
	"SLEEP <seconds>",
	"    Stop the server for <seconds>. Decimals allowed.",
)
