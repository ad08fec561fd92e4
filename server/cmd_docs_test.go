package server

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestCommandDocsSyntax checks the documentation of every command in
// the table: its Syntax parses, and its history and doc flags are well
// formed.
func TestCommandDocsSyntax(t *testing.T) {
	version := regexp.MustCompile(`^\d+\.\d+\.\d+$`)
	n := 0
	for _, top := range commands() {
		for _, cmd := range append([]*Command{top}, top.Subcommands...) {
			n++
			if _, err := parseSyntax(cmd.Syntax); err != nil {
				t.Errorf("%s: %v", cmd.Name, err)
			}
			for _, h := range cmd.History {
				if v, text, ok := strings.Cut(h, ": "); !ok || !version.MatchString(v) || text == "" {
					t.Errorf("%s: history entry %q is not \"version: text\"", cmd.Name, h)
				}
			}
			for _, f := range strings.Fields(cmd.DocFlags) {
				if f != "deprecated" && f != "syscmd" {
					t.Errorf("%s: unknown doc flag %q", cmd.Name, f)
				}
			}
			if deprecated := strings.Contains(cmd.DocFlags, "deprecated"); deprecated != (cmd.DeprecatedSince != "") || deprecated != (cmd.ReplacedBy != "") {
				t.Errorf("%s: deprecated flag, since and replacement must come together", cmd.Name)
			}
			if cmd.Complexity == "" && cmd.Name != "monitor" { // Redis gives MONITOR none
				t.Errorf("%s: no complexity", cmd.Name)
			}
		}
	}
	if n < 90 {
		t.Errorf("only %d commands walked", n)
	}
}

// describe prints parsed arguments compactly: name:type, then #key spec,
// =token, @since, !deprecated, ? optional, * multiple, + multiple_token
// and the parts in parentheses.
func describe(args []*docArg) string {
	var parts []string
	for _, a := range args {
		s := a.name + ":" + a.typ
		if a.keySpec >= 0 {
			s += fmt.Sprintf("#%d", a.keySpec)
		}
		if a.token != "" {
			s += "=" + a.token
		}
		if a.since != "" {
			s += "@" + a.since
		}
		if a.deprecated != "" {
			s += "!" + a.deprecated
		}
		for _, f := range []struct {
			flag argFlag
			mark string
		}{{argOptional, "?"}, {argMultiple, "*"}, {argMultipleToken, "+"}} {
			if a.flags&f.flag != 0 {
				s += f.mark
			}
		}
		if len(a.args) > 0 {
			s += "(" + describe(a.args) + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestParseSyntax(t *testing.T) {
	for _, tt := range []struct{ syntax, want string }{
		{"", ""},
		{"key value condition=[NX|XX]@2.6.12 [GET]@6.2.0",
			"key:key#0 value:string condition:oneof@2.6.12?(nx:pure-token=NX xx:pure-token=XX) get:pure-token=GET@6.2.0?"},
		{"expiration=[EX seconds:integer@2.6.12 | KEEPTTL@6.0.0]",
			"expiration:oneof?(seconds:integer=EX@2.6.12 keepttl:pure-token=KEEPTTL@6.0.0)"},
		{"arguments=[protover:integer [AUTH username password] [SETNAME clientname]]",
			"arguments:block?(protover:integer username_password:block=AUTH?(username:string password:string) clientname:string=SETNAME?)"},
		{"[TYPE <NORMAL | MASTER>]@5.0.0 [ID id=<client-id:integer...>]@6.2.0",
			"normal_master:oneof=TYPE@5.0.0?(normal:pure-token=NORMAL master:pure-token=MASTER) id:block=ID@6.2.0?(client-id:integer*)"},
		{"filter=<ip:port!2.8.12 | new-format=<[ID client-id:integer]@2.8.12 | [SKIPME yes/no]>...>",
			"filter:oneof(ip:port:string!2.8.12 new-format:oneof*(client-id:integer=ID@2.8.12? yes/no:string=SKIPME?))"},
		{"<key value>...", "key_value:block*(key:key#0 value:string)"},
		{"<parameter>...", "parameter:block*(parameter:string)"},
		{"[section...]", "section:string?*"},
		{"source:key destination:key [DB destination-db:integer] [REPLACE]",
			"source:key#0 destination:key#1 destination-db:integer=DB? replace:pure-token=REPLACE?"},
		{"[PREFIX prefix]...", "prefix:string=PREFIX?*+"},
		{"[GET pattern:pattern...]", "pattern:pattern=GET?*"},
		{"key ...", "key:key#0*"},
		{"key:string MATCH pattern:pattern", "key:string pattern:pattern=MATCH"},
		{"[NOSAVE | SAVE] increment=INCR", "nosave_save:oneof?(nosave:pure-token=NOSAVE save:pure-token=SAVE) increment:pure-token=INCR"},
		{"attr=<'lib-name' libname | 'lib-ver' libver>", "attr:oneof(libname:string=lib-name libver:string=lib-ver)"},
		{"<FROMLONLAT longitude:double latitude:double | FROMMEMBER member>",
			"longitude_latitude_member:oneof(longitude_latitude:block=FROMLONLAT(longitude:double latitude:double) member:string=FROMMEMBER)"},
		{"<GROUP group consumer>", "group_consumer:block=GROUP(group:string consumer:string)"},
		{"start:integer@1.0.0...", "start:integer@1.0.0*"},
		{"key [BY pattern:pattern#1] [GET pattern:pattern#1]... sorting=[ALPHA] [STORE destination:key#2]",
			"key:key#0 pattern:pattern#1=BY? pattern:pattern#1=GET?*+ sorting:pure-token=ALPHA? destination:key#2=STORE?"},
		{"a:key#3 b:key", "a:key#3 b:key#0"},
	} {
		args, err := parseSyntax(tt.syntax)
		if err != nil {
			t.Errorf("%q: %v", tt.syntax, err)
			continue
		}
		if got := describe(args); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.syntax, got, tt.want)
		}
	}
}

func TestParseSyntaxErrors(t *testing.T) {
	for _, s := range []string{
		"[a", "a]", "<a", "<>", "[]", "[a|]", "[|a]", "a | b", "EX@1.0.0 seconds", "x@", "x!", "...x",
		"'lib-name", "''", "label=", "=x", "a=b=c", "x#", "x#a", "x#-1",
	} {
		if args, err := parseSyntax(s); err == nil {
			t.Errorf("%q: no error, got %s", s, describe(args))
		}
	}
}

// TestCommandDocsReply compares replies with redis-server 7.0.15's bytes.
func TestCommandDocsReply(t *testing.T) {
	s := RunT(t)
	c2 := dial(t, s.Addr())
	c3 := dial(t, s.Addr())
	c3.do("HELLO", "3")
	for _, tt := range []struct {
		c    *respConn
		args []string
		want string
	}{
		{c3, []string{"COMMAND", "DOCS", "set"}, docsSetRESP3},
		{c2, []string{"COMMAND", "DOCS", "getset"}, docsGetsetRESP2},
		{c2, []string{"COMMAND", "DOCS", "nosuch"}, "*0\r\n"},
		{c3, []string{"COMMAND", "DOCS", "nosuch"}, "%0\r\n"},
	} {
		if got := tt.c.do(tt.args...); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.args, got, tt.want)
		}
	}
}

const (
	docsSetRESP3 = "%1\r\n$3\r\nset\r\n%6\r\n$7\r\nsummary\r\n$29\r\nSet the string value of a key\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n" +
		"$5\r\ngroup\r\n$6\r\nstring\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n$7\r\nhistory\r\n~4\r\n*2\r\n$6\r\n2.6.12\r\n$44\r\n" +
		"Added the `EX`, `PX`, `NX` and `XX` options.\r\n*2\r\n$5\r\n6.0.0\r\n$27\r\n" +
		"Added the `KEEPTTL` option.\r\n*2\r\n$5\r\n6.2.0\r\n$42\r\n" +
		"Added the `GET`, `EXAT` and `PXAT` option.\r\n*2\r\n$5\r\n7.0.0\r\n$55\r\n" +
		"Allowed the `NX` and `GET` options to be used together.\r\n$9\r\narguments\r\n*5\r\n%3\r\n$4\r\nname\r\n" +
		"$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n$14\r\nkey_spec_index\r\n:0\r\n%2\r\n$4\r\nname\r\n$5\r\nvalue\r\n$4\r\ntype\r\n" +
		"$6\r\nstring\r\n%5\r\n$4\r\nname\r\n$9\r\ncondition\r\n$4\r\ntype\r\n$5\r\noneof\r\n$5\r\nsince\r\n$6\r\n2.6.12\r\n$5\r\n" +
		"flags\r\n~1\r\n+optional\r\n$9\r\narguments\r\n*2\r\n%3\r\n$4\r\nname\r\n$2\r\nnx\r\n$4\r\ntype\r\n$10\r\npure-token\r\n" +
		"$5\r\ntoken\r\n$2\r\nNX\r\n%3\r\n$4\r\nname\r\n$2\r\nxx\r\n$4\r\ntype\r\n$10\r\npure-token\r\n$5\r\ntoken\r\n$2\r\nXX\r\n" +
		"%5\r\n$4\r\nname\r\n$3\r\nget\r\n$4\r\ntype\r\n$10\r\npure-token\r\n$5\r\ntoken\r\n$3\r\nGET\r\n$5\r\nsince\r\n$5\r\n" +
		"6.2.0\r\n$5\r\nflags\r\n~1\r\n+optional\r\n%4\r\n$4\r\nname\r\n$10\r\nexpiration\r\n$4\r\ntype\r\n$5\r\noneof\r\n$5\r\n" +
		"flags\r\n~1\r\n+optional\r\n$9\r\narguments\r\n*5\r\n%4\r\n$4\r\nname\r\n$7\r\nseconds\r\n$4\r\ntype\r\n$7\r\n" +
		"integer\r\n$5\r\ntoken\r\n$2\r\nEX\r\n$5\r\nsince\r\n$6\r\n2.6.12\r\n%4\r\n$4\r\nname\r\n$12\r\nmilliseconds\r\n$4\r\n" +
		"type\r\n$7\r\ninteger\r\n$5\r\ntoken\r\n$2\r\nPX\r\n$5\r\nsince\r\n$6\r\n2.6.12\r\n%4\r\n$4\r\nname\r\n$17\r\n" +
		"unix-time-seconds\r\n$4\r\ntype\r\n$9\r\nunix-time\r\n$5\r\ntoken\r\n$4\r\nEXAT\r\n$5\r\nsince\r\n$5\r\n6.2.0\r\n" +
		"%4\r\n$4\r\nname\r\n$22\r\nunix-time-milliseconds\r\n$4\r\ntype\r\n$9\r\nunix-time\r\n$5\r\ntoken\r\n$4\r\nPXAT\r\n" +
		"$5\r\nsince\r\n$5\r\n6.2.0\r\n%4\r\n$4\r\nname\r\n$7\r\nkeepttl\r\n$4\r\ntype\r\n$10\r\npure-token\r\n$5\r\ntoken\r\n" +
		"$7\r\nKEEPTTL\r\n$5\r\nsince\r\n$5\r\n6.0.0\r\n"

	docsGetsetRESP2 = "*2\r\n$6\r\ngetset\r\n*16\r\n$7\r\nsummary\r\n$54\r\n" +
		"Set the string value of a key and return its old value\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n" +
		"$6\r\nstring\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n$9\r\ndoc_flags\r\n*1\r\n+deprecated\r\n$16\r\n" +
		"deprecated_since\r\n$5\r\n6.2.0\r\n$11\r\nreplaced_by\r\n$30\r\n`SET` with the `!GET` argument\r\n$9\r\n" +
		"arguments\r\n*2\r\n*6\r\n$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n$14\r\nkey_spec_index\r\n:0\r\n*4\r\n$4\r\n" +
		"name\r\n$5\r\nvalue\r\n$4\r\ntype\r\n$6\r\nstring\r\n"
)
