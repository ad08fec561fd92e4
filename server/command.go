package server

import (
	"sort"
	"strings"
)

// Flag describes a command to the dispatcher and to COMMAND INFO.
type Flag uint32

// Command flags, named as Redis names them.
const (
	Write Flag = 1 << iota
	ReadOnly
	DenyOOM
	Admin
	PubSub
	NoScript
	Blocking
	Loading
	Stale
	SkipMonitor
	Fast
	NoAuth
	AllowBusy
	NoMulti
	SkipSlowlog
	NoAsyncLoading
	NoMandatoryKeys
	Protected // DEBUG: refused unless enable-debug-command allows it
)

var flagNames = []struct {
	flag Flag
	name string
}{
	// In the order COMMAND INFO lists them; movablekeys, derived from the
	// key specs, goes before allow_busy.
	{Write, "write"}, {ReadOnly, "readonly"}, {DenyOOM, "denyoom"},
	{Admin, "admin"}, {PubSub, "pubsub"}, {NoScript, "noscript"},
	{Blocking, "blocking"}, {Loading, "loading"}, {Stale, "stale"},
	{SkipMonitor, "skip_monitor"}, {SkipSlowlog, "skip_slowlog"}, {Fast, "fast"},
	{NoAuth, "no_auth"}, {NoMandatoryKeys, "no_mandatory_keys"}, {NoAsyncLoading, "no_async_loading"}, {NoMulti, "no_multi"},
	{AllowBusy, "allow_busy"},
}

// Command is one row of the command table.
type Command struct {
	Name     string // lower case; "config|get" for a subcommand
	Arity    int    // negative: at least -Arity arguments
	Flags    Flag
	FirstKey int
	LastKey  int // negative counts from the end
	Step     int
	Group    string // COMMAND DOCS group; also the ACL category
	Summary  string
	Since    string
	Proc     func(c *Client, argv [][]byte)

	// For COMMAND INFO: Redis's command tips, and the flags of the key
	// specification derived from FirstKey..LastKey, or explicit specs
	// where a command has several.
	Tips     string
	ACL      string // ACL categories beyond those the flags and group give; "-@x" removes one
	KeyFlags string
	KeyNotes string
	KeySpecs []KeySpec
	// Keys names the command's own way of finding its keys, for a
	// command whose key specs cannot (SORT's STORE, which may come
	// anywhere), as Redis's getkeys_proc. The dispatch and COMMAND
	// GETKEYS then use it instead of the specs.
	Keys keysFinder

	// For COMMAND DOCS (see cmd_docs.go): the arguments in the Syntax
	// notation, history entries as "version: text", and the doc flags
	// ("deprecated", "syscmd") with what replaces a deprecated command.
	Complexity      string
	Syntax          string
	History         []string
	DocFlags        string
	DeprecatedSince string
	ReplacedBy      string

	// Subcommands makes this a container command such as CONFIG.
	Subcommands []*Command
	subByName   map[string]*Command
	args        []*docArg // Syntax, parsed for COMMAND DOCS
	// keyRanges are the key specs that name keys, computed once: the
	// dispatch walks them for every write command.
	keyRanges []KeySpec
	// runsCommands marks EXEC, scripts and functions: their writes are
	// the commands they run through call(), each accounted and sent to
	// the AOF on its own.
	runsCommands bool
	// slotRanges add the specs of shard channels (not_key), which the
	// cluster's slot check counts as keys.
	slotRanges []KeySpec

	stats commandStats
}

// KeySpec is one Redis 7 key specification: an index to begin at, then
// either a range of keys (LastKey, relative to Index when >= 0, from the
// end when negative) or, with Keynum, a count of keys read from the
// argument at Index+KeynumIdx, the first key at Index+FirstKey. An
// Unknown spec says only that there are keys the specs cannot find
// (SORT's BY, GET and STORE): its begin_search and find_keys are
// "unknown", and the command's Keys finds them.
type KeySpec struct {
	Flags     string
	Notes     string // overrides the command's KeyNotes
	Unknown   bool
	Index     int
	LastKey   int
	KeyStep   int
	Keynum    bool
	KeynumIdx int
	FirstKey  int
	// Keyword begins the search at the argument after the first
	// Keyword found from index Index on (Redis's begin_search keyword,
	// startfrom Index); then LastKey, KeyStep and Limit as in a range.
	Keyword string
	Limit   int
}

// keysFinder names a command's own way of finding its keys. It is not a
// func field: eachKey's callback would then escape, and every write
// command would allocate to settle its keys.
type keysFinder uint8

const (
	keysBySpecs keysFinder = iota
	keysSort               // sortKeys
)

// movableKeys reports a command whose keys depend on its arguments,
// which COMMAND INFO flags as movablekeys: one with its own Keys, or a
// key spec that is not a plain range, as Redis's
// populateCommandMovableKeys decides.
func (cmd *Command) movableKeys() bool {
	if cmd.Keys != keysBySpecs {
		return true
	}
	for _, ks := range cmd.KeySpecs {
		if ks.Keynum || ks.Unknown || ks.Keyword != "" {
			return true
		}
	}
	return false
}

func (cmd *Command) withTips(tips string) *Command { cmd.Tips = tips; return cmd }

func (cmd *Command) withKeyFlags(flags string) *Command { cmd.KeyFlags = flags; return cmd }

type commandStats struct {
	calls, usec, rejected, failed int64
}

// has reports whether every flag in f is set.
func (cmd *Command) has(f Flag) bool { return cmd.Flags&f == f }

// arityOK checks the argument count against Arity.
func (cmd *Command) arityOK(n int) bool {
	if cmd.Arity >= 0 {
		return n == cmd.Arity
	}
	return n >= -cmd.Arity
}

// keyPositions returns the indexes of argv that are keys.
func (cmd *Command) keyPositions(argc int) (first, last, step int) {
	if cmd.FirstKey == 0 {
		return 0, -1, 1
	}
	last = cmd.LastKey
	if last < 0 {
		last = argc + last
	}
	if last >= argc {
		last = argc - 1
	}
	return cmd.FirstKey, last, cmd.Step
}

// aclCategoryOrder is the order in which Redis lists ACL categories.
var aclCategoryOrder = []string{"keyspace", "read", "write", "set", "sortedset", "list", "hash",
	"string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
	"blocking", "dangerous", "connection", "transaction", "scripting"}

// aclCategories derives Redis's ACL categories from flags and group.
func (cmd *Command) aclCategories() []string {
	have := map[string]bool{}
	add := func(s string) { have[s] = true }
	if cmd.has(Write) {
		add("write")
	}
	if cmd.has(ReadOnly) {
		add("read")
	}
	switch cmd.Group {
	case "string", "list", "set", "sorted-set", "hash", "stream", "bitmap", "hyperloglog", "geo":
		if cmd.Group == "stream" && cmd.Subcommands != nil {
			break // XGROUP and XINFO, containers, are @slow only
		}
		add(strings.ReplaceAll(cmd.Group, "sorted-set", "sortedset"))
	case "generic":
		add("keyspace")
	case "connection":
		add("connection")
	case "transactions":
		add("transaction")
	case "scripting":
		add("scripting")
	}
	if cmd.has(PubSub) {
		add("pubsub") // from the flag: PUBSUB and PUBSUB HELP have none
	}
	if cmd.has(Admin) {
		add("admin")
		add("dangerous")
	}
	if cmd.has(Fast) {
		add("fast")
	} else {
		add("slow")
	}
	if cmd.has(Blocking) {
		add("blocking")
	}
	for _, extra := range strings.Fields(cmd.ACL) {
		if name, ok := strings.CutPrefix(extra, "-@"); ok {
			delete(have, name) // SORT is in the generic group without @keyspace
			continue
		}
		add(strings.TrimPrefix(extra, "@"))
	}
	var cats []string
	for _, c := range aclCategoryOrder {
		if have[c] {
			cats = append(cats, "@"+c)
		}
	}
	return cats
}

// commandTable indexes the table by lower-case name.
type commandTable struct {
	byName map[string]*Command
	sorted []*Command
	// servedAloneInitial marks the first bytes, in both cases, of the
	// names of commands servedAlone, so that mayBlock and leavesLoop look
	// up only those.
	servedAloneInitial [256]bool
}

// servedAlone reports whether the event loop leaves cmd to the client's
// own goroutine: it blocks, or it runs other commands (EXEC, scripts),
// which may run long enough for other clients to need answers (BUSY,
// SCRIPT KILL) meanwhile.
func servedAlone(cmd *Command) bool {
	return cmd.has(Blocking) || cmd.runsCommands
}

// noteServedAlone records the initial of a command servedAlone.
func (t *commandTable) noteServedAlone(cmd *Command) {
	if servedAlone(cmd) {
		t.servedAloneInitial[cmd.Name[0]] = true
		t.servedAloneInitial[cmd.Name[0]&^0x20] = true
	}
}

func newCommandTable(cmds []*Command) *commandTable {
	t := &commandTable{byName: make(map[string]*Command, len(cmds))}
	for _, cmd := range cmds {
		cmd.parseSyntax()
		cmd.initKeyRanges()
		cmd.runsCommands = propagatesEffects(cmd)
		t.byName[cmd.Name] = cmd
		t.noteServedAlone(cmd)
		t.sorted = append(t.sorted, cmd)
		if len(cmd.Subcommands) > 0 {
			cmd.subByName = make(map[string]*Command)
			for _, sub := range cmd.Subcommands {
				if sub.Group == "" {
					sub.Group = cmd.Group
				}
				if sub.Since == "" {
					sub.Since = cmd.Since
				}
				sub.parseSyntax()
				sub.initKeyRanges()
				short := sub.Name[strings.IndexByte(sub.Name, '|')+1:]
				cmd.subByName[short] = sub
			}
		}
	}
	sort.Slice(t.sorted, func(i, j int) bool { return t.sorted[i].Name < t.sorted[j].Name })
	return t
}

// lookup finds the command for argv, descending into subcommands. It
// returns the container when the subcommand is unknown, with sub false.
func (t *commandTable) lookup(argv [][]byte) (cmd *Command, knownSub bool) {
	cmd = t.find(argv[0])
	if cmd == nil || cmd.subByName == nil || len(argv) < 2 {
		return cmd, true
	}
	var buf [32]byte
	name, ok := lowerInto(buf[:], argv[1])
	if !ok {
		return cmd, false
	}
	if sub := cmd.subByName[string(name)]; sub != nil {
		return sub, true
	}
	return cmd, false
}

// find looks a name up without allocating.
func (t *commandTable) find(name []byte) *Command {
	var buf [32]byte
	lower, ok := lowerInto(buf[:], name)
	if !ok {
		return nil
	}
	return t.byName[string(lower)]
}

// lowerInto lower-cases name into buf; it fails for names longer than buf.
func lowerInto(buf []byte, name []byte) ([]byte, bool) {
	if len(name) > len(buf) {
		return nil, false
	}
	for i, c := range name {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(name)], true
}

// CommandNames lists every command and subcommand ("config|get") that
// miniserve implements, for tests and tools.
func CommandNames() []string {
	var names []string
	for _, cmd := range commands() {
		if cmd.Proc != nil {
			names = append(names, cmd.Name)
		}
		for _, sub := range cmd.Subcommands {
			names = append(names, sub.Name)
		}
	}
	return names
}
