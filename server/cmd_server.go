package server

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// COMMAND and its subcommands are built from the command table.

func cmdCommand(c *Client, argv [][]byte) {
	s := c.srv
	c.reply.Array(len(s.table.sorted))
	for _, cmd := range s.table.sorted {
		c.commandInfo(cmd)
	}
}

func cmdCommandCount(c *Client, argv [][]byte) {
	c.reply.Int(int64(len(c.srv.table.sorted)))
}

func cmdCommandList(c *Client, argv [][]byte) {
	s := c.srv
	keep := func(*Command) bool { return true }
	if len(argv) > 2 {
		if len(argv) != 5 || !isOpt(argv[2], "filterby") {
			c.errorReply(errSyntax)
			return
		}
		arg := argv[4]
		switch {
		case isOpt(argv[3], "pattern"):
			keep = func(x *Command) bool { return datastruct.GlobMatch(arg, []byte(x.Name), true) }
		case isOpt(argv[3], "aclcat"):
			keep = func(x *Command) bool {
				for _, cat := range x.aclCategories() {
					if strings.EqualFold(cat[1:], string(arg)) {
						return true
					}
				}
				return false
			}
		case isOpt(argv[3], "module"):
			keep = func(*Command) bool { return false } // no modules
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	var names []string
	for _, cmd := range s.table.sorted {
		for _, x := range append([]*Command{cmd}, cmd.Subcommands...) {
			if keep(x) {
				names = append(names, x.Name)
			}
		}
	}
	c.reply.Array(len(names))
	for _, n := range names {
		c.reply.BulkString(n)
	}
}

func cmdCommandInfo(c *Client, argv [][]byte) {
	if len(argv) == 2 {
		cmdCommand(c, argv)
		return
	}
	c.reply.Array(len(argv) - 2)
	for _, name := range argv[2:] {
		cmd := c.srv.lookupFullName(name)
		if cmd == nil {
			c.reply.Null()
			continue
		}
		c.commandInfo(cmd)
	}
}

// lookupFullName finds "get" or "config|get".
func (s *Server) lookupFullName(name []byte) *Command {
	parent, child, isSub := bytes.Cut(name, []byte("|"))
	cmd := s.table.find(parent)
	if cmd == nil || !isSub {
		return cmd
	}
	if cmd.subByName == nil {
		return nil
	}
	return cmd.subByName[strings.ToLower(string(child))]
}

// commandInfo writes one COMMAND INFO entry in Redis 7's layout.
func (c *Client) commandInfo(cmd *Command) {
	r := &c.reply
	r.Array(10)
	r.BulkString(cmd.Name)
	r.Int(int64(cmd.Arity))
	var flags []string
	for _, f := range flagNames {
		if f.flag == AllowBusy && cmd.movableKeys() {
			flags = append(flags, "movablekeys")
		}
		if cmd.has(f.flag) {
			flags = append(flags, f.name)
		}
	}
	r.Set(len(flags))
	for _, f := range flags {
		r.Status(f)
	}
	last := cmd.LastKey
	r.Int(int64(cmd.FirstKey))
	r.Int(int64(last))
	r.Int(int64(cmd.Step))
	cats := cmd.aclCategories()
	r.Set(len(cats))
	for _, cat := range cats {
		r.Status(cat)
	}
	var tips []string
	if cmd.Tips != "" {
		tips = strings.Fields(cmd.Tips)
	}
	r.Set(len(tips))
	for _, t := range tips {
		r.BulkString(t)
	}
	specs := cmd.keySpecs()
	r.Set(len(specs))
	for _, ks := range specs {
		notes := ks.Notes
		if notes == "" {
			notes = cmd.KeyNotes
		}
		c.keySpec(ks, notes)
	}
	r.Set(len(cmd.Subcommands))
	for _, sub := range cmd.Subcommands {
		c.commandInfo(sub)
	}
}

// hasRealKeys is Redis's doesCommandHaveKeys: a key specification not
// flagged not_key (SPUBLISH's channel is one).
func hasRealKeys(cmd *Command) bool {
	for _, ks := range cmd.keySpecs() {
		if !strings.Contains(ks.Flags, "not_key") {
			return true
		}
	}
	return false
}

// keySpecs returns the command's key specifications: the explicit ones,
// or one derived from the key positions.
func (cmd *Command) keySpecs() []KeySpec {
	if cmd.KeySpecs != nil || cmd.FirstKey == 0 {
		return cmd.KeySpecs
	}
	flags := cmd.KeyFlags
	if flags == "" {
		flags = "RO access"
		if cmd.has(Write) {
			flags = "RW update"
		}
	}
	last := cmd.LastKey
	if last >= 0 {
		last -= cmd.FirstKey
	}
	return []KeySpec{{Flags: flags, Index: cmd.FirstKey, LastKey: last, KeyStep: cmd.Step}}
}

// keySpec writes one key specification in Redis 7's layout.
func (c *Client) keySpec(ks KeySpec, notes string) {
	r := &c.reply
	fields := 3
	if notes != "" {
		fields++
	}
	r.Map(fields)
	if notes != "" {
		r.BulkString("notes")
		r.BulkString(notes)
	}
	r.BulkString("flags")
	flags := strings.Fields(ks.Flags)
	r.Set(len(flags))
	for _, f := range flags {
		r.Status(f)
	}
	r.BulkString("begin_search")
	r.Map(2)
	r.BulkString("type")
	if ks.Unknown {
		r.BulkString("unknown")
		r.BulkString("spec")
		r.Map(0)
		r.BulkString("find_keys")
		r.Map(2)
		r.BulkString("type")
		r.BulkString("unknown")
		r.BulkString("spec")
		r.Map(0)
		return
	}
	if ks.Keyword != "" {
		r.BulkString("keyword")
		r.BulkString("spec")
		r.Map(2)
		r.BulkString("keyword")
		r.BulkString(ks.Keyword)
		r.BulkString("startfrom")
		r.Int(int64(ks.Index))
	} else {
		r.BulkString("index")
		r.BulkString("spec")
		r.Map(1)
		r.BulkString("index")
		r.Int(int64(ks.Index))
	}
	r.BulkString("find_keys")
	r.Map(2)
	r.BulkString("type")
	if ks.Keynum {
		r.BulkString("keynum")
		r.BulkString("spec")
		r.Map(3)
		r.BulkString("keynumidx")
		r.Int(int64(ks.KeynumIdx))
		r.BulkString("firstkey")
		r.Int(int64(ks.FirstKey))
		r.BulkString("keystep")
		r.Int(int64(ks.KeyStep))
		return
	}
	r.BulkString("range")
	r.BulkString("spec")
	r.Map(3)
	r.BulkString("lastkey")
	r.Int(int64(ks.LastKey))
	r.BulkString("keystep")
	r.Int(int64(ks.KeyStep))
	r.BulkString("limit")
	r.Int(int64(ks.Limit))
}

func cmdCommandGetKeys(c *Client, argv [][]byte) { commandGetKeys(c, argv, false) }

func cmdCommandGetKeysAndFlags(c *Client, argv [][]byte) { commandGetKeys(c, argv, true) }

// commandGetKeys is COMMAND GETKEYS and GETKEYSANDFLAGS: the keys of a
// full command, found through its key specifications.
func commandGetKeys(c *Client, argv [][]byte, withFlags bool) {
	args := argv[2:]
	cmd, known := c.srv.table.lookup(args)
	switch {
	case cmd == nil || !known:
		c.errorReply("ERR Invalid command specified")
		return
	case !hasRealKeys(cmd):
		c.errorReply("ERR The command has no key arguments")
		return
	case !cmd.arityOK(len(args)):
		c.errorReply("ERR Invalid number of arguments specified for command")
		return
	}
	type keyRef struct {
		pos   int
		flags []string
	}
	var keys []keyRef
	cmd.eachKey(args, func(pos int, ks KeySpec) {
		keys = append(keys, keyRef{pos, resolveKeyFlags(cmd, ks, args)})
	})
	if len(keys) == 0 {
		c.errorReply("ERR Invalid arguments specified for command")
		return
	}
	c.reply.Array(len(keys))
	for _, k := range keys {
		if !withFlags {
			c.reply.Bulk(args[k.pos])
			continue
		}
		c.reply.Array(2)
		c.reply.Bulk(args[k.pos])
		c.reply.Set(len(k.flags))
		for _, f := range k.flags {
			c.reply.Status(f)
		}
	}
}

// eachKey calls fn with the index in argv of every key the command's
// key specifications find, as Redis's getKeysFromCommandWithSpecs, or
// its Keys when it has its own.
func (cmd *Command) eachKey(argv [][]byte, fn func(pos int, ks KeySpec)) {
	if cmd.Keys == keysSort {
		sortKeys(argv, fn)
		return
	}
	walkKeySpecs(cmd.keyRanges, argv, fn)
}

// walkKeySpecs calls fn with the index in argv of every key that specs
// find.
func walkKeySpecs(specs []KeySpec, argv [][]byte, fn func(pos int, ks KeySpec)) {
	for _, ks := range specs {
		first, last := ks.Index, len(argv)+ks.LastKey
		if ks.LastKey >= 0 {
			last = ks.Index + ks.LastKey
		}
		if ks.Keyword != "" {
			// The keys follow the keyword; with lastkey -1 and a limit
			// they are the first 1/limit of the rest.
			kw := -1
			for i := ks.Index; i < len(argv); i++ {
				if isOpt(argv[i], ks.Keyword) { // lower-cased by initKeyRanges
					kw = i
					break
				}
			}
			if kw < 0 {
				continue
			}
			first = kw + 1
			last = len(argv) + ks.LastKey
			if ks.LastKey >= 0 {
				last = first + ks.LastKey
			} else if ks.Limit > 1 {
				last = first + (len(argv)-first)/ks.Limit - 1
			}
		}
		if ks.Keynum {
			if ks.Index+ks.KeynumIdx >= len(argv) {
				continue
			}
			n, ok := datastruct.ParseInt(argv[ks.Index+ks.KeynumIdx])
			if !ok || n <= 0 {
				continue
			}
			first = ks.Index + ks.FirstKey
			last = first + int(n-1)*ks.KeyStep
			if last >= len(argv) {
				continue // not enough arguments: Redis finds no keys
			}
		}
		for i := first; i <= last && i < len(argv); i += ks.KeyStep {
			fn(i, ks)
		}
	}
}

// initKeyRanges keeps the key specs that name keys, and for the cluster's
// slot check those that name shard channels too (not_key).
func (cmd *Command) initKeyRanges() {
	for _, ks := range cmd.keySpecs() {
		if ks.Unknown {
			continue
		}
		ks.Keyword = strings.ToLower(ks.Keyword)
		cmd.slotRanges = append(cmd.slotRanges, ks)
		if !strings.Contains(ks.Flags, "not_key") {
			cmd.keyRanges = append(cmd.keyRanges, ks)
		}
	}
}

// keyIndexes lists the positions of the command's keys in argv.
func (cmd *Command) keyIndexes(argv [][]byte) []int {
	var idx []int
	cmd.eachKey(argv, func(pos int, _ KeySpec) { idx = append(idx, pos) })
	return idx
}

// resolveKeyFlags gives a key spec's flags for these arguments. SET's
// depend on its GET option, as Redis's setGetKeys decides.
func resolveKeyFlags(cmd *Command, ks KeySpec, args [][]byte) []string {
	if cmd.Name == "set" {
		for _, a := range args[3:] {
			if isOpt(a, "get") {
				return []string{"RW", "access", "update"}
			}
		}
		return []string{"OW", "update"}
	}
	return strings.Fields(ks.Flags)
}

func cmdCommandHelp(c *Client, argv [][]byte) {
	c.helpReply("COMMAND",
		"(no subcommand)",
		"    Return details about all Redis commands.",
		"COUNT",
		"    Return the total number of commands in this Redis server.",
		"LIST",
		"    Return a list of all commands in this Redis server.",
		"INFO [<command-name> ...]",
		"    Return details about multiple Redis commands.",
		"    If no command names are given, documentation details for all",
		"    commands are returned.",
		"DOCS [<command-name> ...]",
		"    Return documentation details about multiple Redis commands.",
		"    If no command names are given, documentation details for all",
		"    commands are returned.",
		"GETKEYS <full-command>",
		"    Return the keys from a full Redis command.",
		"GETKEYSANDFLAGS <full-command>",
		"    Return the keys and the access flags from a full Redis command.",
	)
}

// CONFIG

func cmdConfigGet(c *Client, argv [][]byte) {
	patterns := make([]string, len(argv)-2)
	for i, a := range argv[2:] {
		patterns[i] = string(a)
	}
	pairs := c.srv.cfg.Get(patterns)
	c.reply.Map(len(pairs))
	for _, p := range pairs {
		c.reply.BulkString(p[0])
		c.reply.BulkString(p[1])
	}
}

func cmdConfigSet(c *Client, argv [][]byte) {
	if len(argv)%2 != 0 {
		c.errorReply(errSyntax)
		return
	}
	pairs := make([][2]string, 0, (len(argv)-2)/2)
	for i := 2; i < len(argv); i += 2 {
		pairs = append(pairs, [2]string{string(argv[i]), string(argv[i+1])})
	}
	s := c.srv
	if err := s.cfg.SetRuntimeFrom(pairs, c.isLocal()); err != nil {
		c.errorReply("ERR " + err.Error())
		return
	}
	c.reply.OK()
}

func cmdConfigResetStat(c *Client, argv [][]byte) {
	s := c.srv
	st := &s.stats
	st.commandsProcessed, st.connectionsReceived, st.rejectedConns = 0, 0, 0
	st.expiredKeys, st.evictedKeys, st.keyspaceHits, st.keyspaceMisses = 0, 0, 0, 0
	st.errorReplies = 0
	st.errorsByCode = make(map[string]int64)
	st.netInput.Store(0)
	st.netOutput.Store(0)
	for _, cmd := range s.table.sorted {
		cmd.stats = commandStats{}
		for _, sub := range cmd.Subcommands {
			sub.stats = commandStats{}
		}
	}
	c.reply.OK()
}

func cmdConfigRewrite(c *Client, argv [][]byte) {
	s := c.srv
	if s.cfg.File == "" {
		c.errorReply("ERR The server is running without a config file")
		return
	}
	if err := s.cfg.Rewrite(s.cfg.File); err != nil {
		c.errorReply("ERR Rewriting config file: " + err.Error())
		return
	}
	c.reply.OK()
}

func cmdConfigHelp(c *Client, argv [][]byte) {
	c.helpReply("CONFIG",
		"GET <pattern>",
		"    Return parameters matching the glob-like <pattern> and their values.",
		"SET <directive> <value>",
		"    Set the configuration <directive> to <value>.",
		"RESETSTAT",
		"    Reset statistics reported by the INFO command.",
		"REWRITE",
		"    Rewrite the configuration file.",
	)
}

// MONITOR, SHUTDOWN, DEBUG

func cmdMonitor(c *Client, argv [][]byte) {
	if c.inExec {
		c.errorReply("ERR MONITOR isn't allowed for DENY BLOCKING client")
		return
	}
	if c.monitor.Load() {
		return // Redis ignores it, without a reply
	}
	c.monitor.Store(true)
	c.srv.monitors = append(c.srv.monitors, c)
	c.reply.OK()
}

func cmdShutdown(c *Client, argv [][]byte) {
	s := c.srv
	var nosave, save, abort, other bool
	for _, a := range argv[1:] {
		switch {
		case isOpt(a, "nosave"):
			nosave = true
		case isOpt(a, "save"):
			save = true
		case isOpt(a, "now"), isOpt(a, "force"):
			// No replicas to wait for: NOW and FORCE change nothing.
			other = true
		case isOpt(a, "abort"):
			abort = true
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	if (abort && (nosave || save || other)) || (nosave && save) {
		c.errorReply(errSyntax)
		return
	}
	if abort {
		// A shutdown here is never waiting for replicas, so there is
		// nothing to abort.
		c.errorReply("ERR No shutdown in progress.")
		return
	}
	doSave := (len(s.cfg.Save) > 0 || save) && !nosave
	if err := s.saveOnShutdown(doSave); err != nil {
		c.errorReply("ERR Errors trying to SHUTDOWN. Check logs.")
		return
	}
	s.log.Warn("User requested shutdown...")
	c.closeAfter = true
	// Stop outside the lock the caller holds; the connection closes with
	// no reply, as in Redis.
	go s.stop(false) // saved above, as SHUTDOWN asked
}

// saveOnShutdown saves before exiting when asked, as SHUTDOWN does.
// The AOF is flushed and fsynced when the server stops.
func (s *Server) saveOnShutdown(save bool) error {
	if !save {
		return nil
	}
	if s.persist.job != nil {
		// A background save cannot finish under our lock: its result
		// would be older than the data. Save again after it.
		<-s.waitJobUnlocked()
	}
	if err := s.save(); err != nil {
		s.log.Warn("Error trying to save the DB, can't exit.", "err", err)
		return err
	}
	return nil
}

// waitJobUnlocked waits for the background job with the lock released,
// and returns with it held again.
func (s *Server) waitJobUnlocked() chan struct{} {
	done := s.persist.job.done
	s.mu.Unlock()
	<-done
	s.mu.Lock()
	closed := make(chan struct{})
	close(closed)
	return closed
}

func cmdDebug(c *Client, argv [][]byte) {
	switch {
	case isOpt(argv[1], "sleep") && len(argv) == 3:
		// Like Redis, it reads the time with strtod, so junk sleeps 0,
		// and it blocks the whole server.
		secs, _ := strconv.ParseFloat(string(cstr(argv[2])), 64)
		if secs > 0 {
			time.Sleep(time.Duration(secs * float64(time.Second)))
		}
		c.reply.OK()
	case isOpt(argv[1], "help") && len(argv) == 2:
		c.helpReply("DEBUG",
			"SLEEP <seconds>",
			"    Stop the server for <seconds>. Decimals allowed.",
		)
	default:
		c.errorReply("ERR unknown subcommand or wrong number of arguments for '" + sanitize(trunc(argv[1], 128)) + "'. Try DEBUG HELP.")
	}
}
