package server

import (
	"fmt"
	"strconv"
	"strings"
)

// COMMAND DOCS is written from the command table. A command's arguments
// are given by its Syntax: the notation of Redis's documentation, plus
// the facts that notation leaves out (types, since versions, names of
// groups). SET's is
//
//	key value condition=[NX | XX]@2.6.12 [GET]@6.2.0 expiration=[EX seconds:integer@2.6.12 | ... | KEEPTTL@6.0.0]
//
//	name         an argument of type string, or of type key if it is named key
//	name:type    type is integer, double, key, pattern, unix-time or string
//	NX           an upper-case word is a token: followed by an argument it
//	             is that argument's token, otherwise a pure-token named nx
//	'lib-name'   a token written as is
//	[ ... ]      optional
//	< ... >      a group that is always an argument of its own
//	a | b        a oneof inside [ ] or < >
//	a b          a block inside [ ] or < >, or one side of a |
//	AUTH u p     a token leading a group of two or more arguments is the
//	             block's token
//	label=x      names x; groups are otherwise named by joining the names
//	             of their parts with "_", as Redis names most of them
//	x...         multiple; [PREFIX p]... repeats the token (multiple_token)
//	x@6.2.0      since; x!2.8.12 deprecated since
//	x:type#2     key_spec_index 2, given explicitly
//
// Keys get key_spec_index 0, 1, ... in order of appearance, unless they
// give theirs (SORT's STORE destination is spec 2; its BY and GET
// patterns, which name keys, spec 1). Argument summaries are not
// expressible: no command here has one in Redis 7.0.

// docArg is one argument of a COMMAND DOCS reply.
type docArg struct {
	name, typ, token  string
	keySpec           int // key_spec_index; -1 when not a key
	since, deprecated string
	flags             argFlag
	args              []*docArg // parts of a oneof or block
}

type argFlag uint8

const (
	argOptional argFlag = 1 << iota
	argMultiple
	argMultipleToken
)

// argTypes are the simple argument types a Syntax may name after ':'.
var argTypes = map[string]bool{"string": true, "integer": true, "double": true, "key": true, "pattern": true, "unix-time": true}

// withDocs sets the COMMAND DOCS fields of a subcommand, whose entry is
// built by a helper. Group and Since are set together because the table
// copies both from the parent when Group is empty.
func (cmd *Command) withDocs(group, since, complexity, syntax string) *Command {
	cmd.Group, cmd.Since, cmd.Complexity, cmd.Syntax = group, since, complexity, syntax
	return cmd
}

// withHistory sets a subcommand's history, entries as "version: text".
func (cmd *Command) withHistory(entries ...string) *Command { cmd.History = entries; return cmd }

// parseSyntax parses the command's Syntax once, when the table is built.
// A Syntax that does not parse (TestCommandDocsSyntax rejects it)
// documents no arguments rather than failing the command.
func (cmd *Command) parseSyntax() {
	if cmd.Syntax != "" {
		cmd.args, _ = parseSyntax(cmd.Syntax)
	}
}

// syntaxElem is one element of a sequence before tokens are attached.
type syntaxElem struct {
	node    *docArg
	token   bool // a bare TOKEN word, still free to take the next element
	labeled bool
}

type syntaxParser struct {
	s   string
	pos int
}

// parseSyntax turns a Syntax into COMMAND DOCS arguments.
func parseSyntax(s string) ([]*docArg, error) {
	p := &syntaxParser{s: s}
	alts, err := p.sequence(0)
	if err != nil {
		return nil, err
	}
	if p.pos < len(s) {
		return nil, p.errorf("unexpected %q", s[p.pos])
	}
	if len(alts) != 1 {
		return nil, fmt.Errorf("syntax %q: '|' outside a group", s)
	}
	args, err := reduce(alts[0])
	if err != nil {
		return nil, fmt.Errorf("syntax %q: %v", s, err)
	}
	keys := 0
	var number func([]*docArg)
	number = func(args []*docArg) {
		for _, a := range args {
			if a.typ == "key" && a.keySpec < 0 {
				a.keySpec = keys
				keys++
			}
			number(a.args)
		}
	}
	number(args)
	return args, nil
}

func (p *syntaxParser) errorf(format string, args ...any) error {
	return fmt.Errorf("syntax %q at %d: %s", p.s, p.pos, fmt.Sprintf(format, args...))
}

func (p *syntaxParser) skipSpace() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

// sequence reads alternatives up to the closing bracket close (0 for the
// end of the string), which it leaves unread.
func (p *syntaxParser) sequence(close byte) ([][]syntaxElem, error) {
	alts := [][]syntaxElem{nil}
	for {
		p.skipSpace()
		if p.pos == len(p.s) {
			if close != 0 {
				return nil, p.errorf("missing %q", close)
			}
			return alts, nil
		}
		c := p.s[p.pos]
		switch {
		case c == close:
			return alts, nil
		case c == ']' || c == '>':
			return nil, p.errorf("unexpected %q", c)
		case c == '|':
			if len(alts[len(alts)-1]) == 0 {
				return nil, p.errorf("empty alternative")
			}
			p.pos++
			alts = append(alts, nil)
			continue
		case c == '@' || c == '!' || strings.HasPrefix(p.s[p.pos:], "..."):
			cur := alts[len(alts)-1]
			if len(cur) == 0 {
				return nil, p.errorf("annotation with nothing before it")
			}
			if err := p.suffixes(&cur[len(cur)-1]); err != nil {
				return nil, err
			}
			continue
		}
		e, err := p.element()
		if err != nil {
			return nil, err
		}
		alts[len(alts)-1] = append(alts[len(alts)-1], e)
	}
}

// element reads [label=] (word | [group] | <group>) and its suffixes.
func (p *syntaxParser) element() (syntaxElem, error) {
	var e syntaxElem
	start := p.pos
	label := ""
	if i := strings.IndexAny(p.s[p.pos:], "= []<>|'"); i > 0 && p.s[p.pos+i] == '=' {
		label = p.s[p.pos : p.pos+i]
		p.pos += i + 1
	}
	if p.pos == len(p.s) {
		return e, p.errorf("nothing after label")
	}
	switch c := p.s[p.pos]; c {
	case '[', '<':
		close := byte(']')
		if c == '<' {
			close = '>'
		}
		p.pos++
		alts, err := p.sequence(close)
		if err != nil {
			return e, err
		}
		p.pos++
		if e.node, err = group(alts, c == '<'); err != nil {
			return e, fmt.Errorf("syntax %q at %d: %v", p.s, start, err)
		}
		if c == '[' {
			e.node.flags |= argOptional
		}
	case '\'':
		end := strings.IndexByte(p.s[p.pos+1:], '\'')
		if end <= 0 {
			return e, p.errorf("unterminated or empty quoted token")
		}
		tok := p.s[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		e.node, e.token = &docArg{name: strings.ToLower(tok), typ: "pure-token", token: tok, keySpec: -1}, true
	case ' ', ']', '>', '|', '@', '!':
		return e, p.errorf("expected an argument")
	default:
		end := p.pos
		for end < len(p.s) && !strings.ContainsRune(" []<>|@!'", rune(p.s[end])) && !strings.HasPrefix(p.s[end:], "...") {
			end++
		}
		word := p.s[p.pos:end]
		if strings.ContainsRune(word, '=') {
			return e, p.errorf("bad argument name %q", word)
		}
		p.pos = end
		if isTokenWord(word) {
			e.node, e.token = &docArg{name: strings.ToLower(word), typ: "pure-token", token: word, keySpec: -1}, true
			break
		}
		keySpec := -1
		if i := strings.LastIndexByte(word, '#'); i > 0 {
			n, err := strconv.Atoi(word[i+1:])
			if err != nil || n < 0 {
				return e, p.errorf("bad key spec index in %q", word)
			}
			word, keySpec = word[:i], n
		}
		name, typ := word, "string"
		if i := strings.LastIndexByte(word, ':'); i > 0 && argTypes[word[i+1:]] {
			name, typ = word[:i], word[i+1:]
		} else if word == "key" {
			typ = "key"
		}
		e.node = &docArg{name: name, typ: typ, keySpec: keySpec}
	}
	if label != "" {
		e.node.name, e.labeled = label, true
	}
	return e, p.suffixes(&e)
}

// suffixes reads "...", "@version" and "!version" after an element.
func (p *syntaxParser) suffixes(e *syntaxElem) error {
	for p.pos < len(p.s) {
		switch {
		case strings.HasPrefix(p.s[p.pos:], "..."):
			p.pos += 3
			e.node.flags |= argMultiple
			if e.node.token != "" && !e.token {
				e.node.flags |= argMultipleToken
			}
		case p.s[p.pos] == '@' || p.s[p.pos] == '!':
			mark := p.s[p.pos]
			p.pos++
			start := p.pos
			for p.pos < len(p.s) && (isDigit(p.s[p.pos]) || p.s[p.pos] == '.' && p.pos+1 < len(p.s) && isDigit(p.s[p.pos+1])) {
				p.pos++
			}
			if p.pos == start {
				return p.errorf("missing version after %q", mark)
			}
			if mark == '@' {
				e.node.since = p.s[start:p.pos]
			} else {
				e.node.deprecated = p.s[start:p.pos]
			}
		default:
			return nil
		}
	}
	return nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isTokenWord reports whether w is an upper-case token such as NX or
// LIB-NAME.
func isTokenWord(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'A' && c <= 'Z' || isDigit(c) || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// group builds the argument of a bracketed group. With alternatives it
// is a oneof; otherwise see groupOf.
func group(alts [][]syntaxElem, always bool) (*docArg, error) {
	for _, alt := range alts {
		if len(alt) == 0 {
			return nil, fmt.Errorf("empty group or alternative")
		}
	}
	if len(alts) == 1 {
		return groupOf(alts[0], always)
	}
	one := &docArg{typ: "oneof", keySpec: -1}
	for _, alt := range alts {
		a, err := groupOf(alt, false)
		if err != nil {
			return nil, err
		}
		one.args = append(one.args, a)
	}
	one.name = joinNames(one.args)
	return one, nil
}

// groupOf builds one argument from a sequence: a token leading two or
// more arguments makes a block with that token; a single argument stands
// for itself unless always asks for a block around it.
func groupOf(seq []syntaxElem, always bool) (*docArg, error) {
	if len(seq) > 2 && seq[0].token && !seq[0].labeled && !seq[1].token {
		if err := plainToken(seq[0].node); err != nil {
			return nil, err
		}
		args, err := reduce(seq[1:])
		if err != nil {
			return nil, err
		}
		b := block(args)
		b.token = seq[0].node.token
		return b, nil
	}
	args, err := reduce(seq)
	if err != nil {
		return nil, err
	}
	if len(args) == 1 && !always {
		return args[0], nil
	}
	return block(args), nil
}

func block(args []*docArg) *docArg {
	return &docArg{name: joinNames(args), typ: "block", keySpec: -1, args: args}
}

func joinNames(args []*docArg) string {
	names := make([]string, len(args))
	for i, a := range args {
		names[i] = a.name
	}
	return strings.Join(names, "_")
}

// reduce gives each bare token to the argument after it.
func reduce(seq []syntaxElem) ([]*docArg, error) {
	var out []*docArg
	for i := 0; i < len(seq); i++ {
		e := seq[i]
		if e.token && !e.labeled && i+1 < len(seq) && !seq[i+1].token {
			if err := plainToken(e.node); err != nil {
				return nil, err
			}
			next := seq[i+1].node
			if next.token != "" {
				if next.flags&argOptional == 0 {
					return nil, fmt.Errorf("%s: two tokens", next.name)
				}
				// A token before an optional tokened argument leads a
				// block of that one argument (XINFO STREAM's FULL).
				next = block([]*docArg{next})
			}
			next.token = e.node.token
			out = append(out, next)
			i++
			continue
		}
		out = append(out, e.node)
	}
	return out, nil
}

// plainToken checks that a token taking an argument carries no
// annotations of its own: they belong on the argument.
func plainToken(tok *docArg) error {
	if tok.flags != 0 || tok.since != "" || tok.deprecated != "" {
		return fmt.Errorf("%s: annotate the argument after the token, not the token", tok.token)
	}
	return nil
}

func cmdCommandDocs(c *Client, argv [][]byte) {
	s := c.srv
	var cmds []*Command
	if len(argv) == 2 {
		cmds = s.table.sorted
	} else {
		for _, name := range argv[2:] {
			if cmd := s.lookupFullName(name); cmd != nil {
				cmds = append(cmds, cmd)
			}
		}
	}
	c.reply.Map(len(cmds))
	for _, cmd := range cmds {
		c.reply.BulkString(cmd.Name)
		c.commandDocs(cmd)
	}
}

// commandDocs writes one COMMAND DOCS entry with Redis 7.0's fields, in
// its order, leaving out those a command does not have.
func (c *Client) commandDocs(cmd *Command) {
	r := &c.reply
	args := cmd.args
	n := 1 // group
	for _, have := range []bool{cmd.Summary != "", cmd.Since != "", cmd.Complexity != "", cmd.DocFlags != "",
		cmd.DeprecatedSince != "", cmd.ReplacedBy != "", len(cmd.History) > 0, len(args) > 0, len(cmd.Subcommands) > 0} {
		if have {
			n++
		}
	}
	r.Map(n)
	field := func(name, value string) {
		if value != "" {
			r.BulkString(name)
			r.BulkString(value)
		}
	}
	field("summary", cmd.Summary)
	field("since", cmd.Since)
	r.BulkString("group")
	r.BulkString(cmd.Group)
	field("complexity", cmd.Complexity)
	if cmd.DocFlags != "" {
		flags := strings.Fields(cmd.DocFlags)
		r.BulkString("doc_flags")
		r.Set(len(flags))
		for _, f := range flags {
			r.Status(f)
		}
	}
	field("deprecated_since", cmd.DeprecatedSince)
	field("replaced_by", cmd.ReplacedBy)
	if len(cmd.History) > 0 {
		// A set in RESP3, as Redis 7.0 writes it, although order matters.
		r.BulkString("history")
		r.Set(len(cmd.History))
		for _, h := range cmd.History {
			version, text, _ := strings.Cut(h, ": ")
			r.Array(2)
			r.BulkString(version)
			r.BulkString(text)
		}
	}
	if len(args) > 0 {
		r.BulkString("arguments")
		c.docArgList(args)
	}
	if len(cmd.Subcommands) > 0 {
		r.BulkString("subcommands")
		r.Map(len(cmd.Subcommands))
		for _, sub := range cmd.Subcommands {
			r.BulkString(sub.Name)
			c.commandDocs(sub)
		}
	}
}

var argFlagNames = []struct {
	flag argFlag
	name string
}{{argOptional, "optional"}, {argMultiple, "multiple"}, {argMultipleToken, "multiple_token"}}

// docArgList writes arguments as Redis 7.0's addReplyCommandArgList does.
func (c *Client) docArgList(args []*docArg) {
	r := &c.reply
	r.Array(len(args))
	for _, a := range args {
		n := 2
		for _, have := range []bool{a.keySpec >= 0, a.token != "", a.since != "", a.deprecated != "", a.flags != 0, len(a.args) > 0} {
			if have {
				n++
			}
		}
		r.Map(n)
		r.BulkString("name")
		r.BulkString(a.name)
		r.BulkString("type")
		r.BulkString(a.typ)
		if a.keySpec >= 0 {
			r.BulkString("key_spec_index")
			r.Int(int64(a.keySpec))
		}
		if a.token != "" {
			r.BulkString("token")
			r.BulkString(a.token)
		}
		if a.since != "" {
			r.BulkString("since")
			r.BulkString(a.since)
		}
		if a.deprecated != "" {
			r.BulkString("deprecated_since")
			r.BulkString(a.deprecated)
		}
		if a.flags != 0 {
			var names []string
			for _, f := range argFlagNames {
				if a.flags&f.flag != 0 {
					names = append(names, f.name)
				}
			}
			r.BulkString("flags")
			r.Set(len(names))
			for _, f := range names {
				r.Status(f)
			}
		}
		if len(a.args) > 0 {
			r.BulkString("arguments")
			c.docArgList(a.args)
		}
	}
}
