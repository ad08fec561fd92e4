package server

import (
	"bytes"
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
	var pattern []byte
	if len(argv) > 2 {
		if len(argv) != 5 || !isOpt(argv[2], "filterby") {
			c.errorReply(errSyntax)
			return
		}
		switch strings.ToLower(string(argv[3])) {
		case "pattern":
			pattern = argv[4]
		case "aclcat", "module":
			c.reply.Array(0) // no modules; ACL categories are not filtered yet
			return
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	var names []string
	for _, cmd := range s.table.sorted {
		for _, x := range append([]*Command{cmd}, cmd.Subcommands...) {
			if pattern == nil || datastruct.GlobMatch(pattern, []byte(x.Name), true) {
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
		if cmd.has(f.flag) && f.flag != Protected {
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
		c.keySpec(ks, cmd.KeyNotes)
	}
	r.Set(len(cmd.Subcommands))
	for _, sub := range cmd.Subcommands {
		c.commandInfo(sub)
	}
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
	r.BulkString("index")
	r.BulkString("spec")
	r.Map(1)
	r.BulkString("index")
	r.Int(int64(ks.Index))
	r.BulkString("find_keys")
	r.Map(2)
	r.BulkString("type")
	r.BulkString("range")
	r.BulkString("spec")
	r.Map(3)
	r.BulkString("lastkey")
	r.Int(int64(ks.LastKey))
	r.BulkString("keystep")
	r.Int(int64(ks.KeyStep))
	r.BulkString("limit")
	r.Int(0)
}

func cmdCommandGetKeys(c *Client, argv [][]byte) {
	s := c.srv
	args := argv[2:]
	cmd, known := s.table.lookup(args)
	if cmd == nil || !known {
		c.errorReply("ERR Invalid command specified")
		return
	}
	if !cmd.arityOK(len(args)) {
		c.errorReply("ERR Invalid arguments specified for command")
		return
	}
	first, last, step := cmd.keyPositions(len(args))
	if first == 0 {
		c.errorReply("ERR The command has no key arguments")
		return
	}
	var keys [][]byte
	for i := first; i <= last; i += step {
		keys = append(keys, args[i])
	}
	c.reply.Array(len(keys))
	for _, k := range keys {
		c.reply.Bulk(k)
	}
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
	if err := s.cfg.SetRuntimeFrom(pairs, isLoopback(c.conn.RemoteAddr())); err != nil {
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
	if c.monitor.Load() {
		c.reply.OK()
		return
	}
	c.monitor.Store(true)
	c.srv.monitors = append(c.srv.monitors, c)
	c.reply.OK()
}

func cmdShutdown(c *Client, argv [][]byte) {
	s := c.srv
	save := len(s.cfg.Save) > 0
	for _, a := range argv[1:] {
		switch strings.ToLower(string(a)) {
		case "nosave":
			save = false
		case "save":
			save = true
		case "now", "force", "abort":
			// No replicas to wait for and no save in progress to abort.
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	if err := s.saveOnShutdown(save); err != nil {
		c.errorReply("ERR Errors trying to SHUTDOWN. Check logs.")
		return
	}
	s.log.Warn("User requested shutdown...")
	c.closeAfter = true
	// Stop outside the lock the caller holds; the connection closes with
	// no reply, as in Redis.
	go s.stop()
}

// saveOnShutdown is where persistence will save before exiting.
func (s *Server) saveOnShutdown(save bool) error { return nil }

func cmdDebug(c *Client, argv [][]byte) {
	switch strings.ToLower(string(argv[1])) {
	case "sleep":
		if len(argv) != 3 {
			c.errorReply("ERR wrong number of arguments for 'debug|sleep' command")
			return
		}
		secs, ok := datastruct.ParseFloat(argv[2])
		if !ok {
			c.errorReply(errNotFloat)
			return
		}
		// Like Redis, DEBUG SLEEP blocks the whole server.
		time.Sleep(time.Duration(secs * float64(time.Second)))
		c.reply.OK()
	case "help":
		c.helpReply("DEBUG",
			"SLEEP <seconds>",
			"    Stop the server for <seconds>. Decimals allowed.",
		)
	default:
		c.errorReply("ERR unknown subcommand '" + sanitize(trunc(argv[1], 128)) + "'. Try DEBUG HELP.")
	}
}
