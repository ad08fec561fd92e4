package server

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/miniserve-dev/miniserve/scripting"
	lua "github.com/yuin/gopher-lua"
)

// Lua scripting: EVAL, EVALSHA, their _RO forms and SCRIPT, as Redis
// 7.0's eval.c and script_lua.c. One Lua VM serves the whole server, as
// in Redis, and runs under the server lock, so a script is atomic.
// The VM, the redis library and the conversions are in script_lua.go.
//
// A script's writes go to the AOF as the commands it ran, wrapped in
// MULTI ... EXEC (Redis 7's effects replication), never as the EVAL:
// the script client runs its commands through call() as EXEC runs its
// queue, with inExec set so that the first write opens the transaction.

const (
	errNoScript        = "NOSCRIPT No matching script. Please use EVAL."
	errNumKeysNegative = "ERR Number of keys can't be negative"
	errNumKeysTooMany  = "ERR Number of keys can't be greater than number of args"
	errNotBusy         = "NOTBUSY No scripts in execution right now."
)

// scriptState is the server's scripting state, under Server.mu.
type scriptState struct {
	vm     *luaVM
	cache  map[string]*cachedScript // by lower-case SHA1 hex
	client *Client                  // the client redis.call runs commands as
	rand   scripting.Rand48

	// Functions (function.go), in a VM of their own.
	fnVM  *luaVM
	libs  map[string]*luaLibrary
	funcs map[string]*luaFunction

	busy scriptBusy // script_busy.go
}

func sha1hex(b []byte) string {
	sum := sha1.Sum(b)
	return hex.EncodeToString(sum[:])
}

// cachedScript is a compiled script and the flags of its shebang.
type cachedScript struct {
	sha   string // lower-case hex, for error messages
	proto *lua.FunctionProto
	flags scripting.ScriptFlags
	// fn is proto's closure in the scripts' VM, made on the first run:
	// SCRIPT FLUSH drops the cache with the VM.
	fn *lua.LFunction
}

// scriptCompile compiles body into the cache under its SHA1 and returns
// the cached script, or an error reply.
func (s *Server) scriptCompile(body []byte) (*cachedScript, string) {
	sha := sha1hex(body)
	if cs := s.scripts.cache[sha]; cs != nil {
		return cs, ""
	}
	flags, code, msg := scripting.Shebang(string(body))
	if msg != "" {
		return nil, msg
	}
	proto, err := scripting.Compile(code)
	if err != "" {
		return nil, "ERR Error compiling script (new function): " + err
	}
	if s.scripts.cache == nil {
		s.scripts.cache = map[string]*cachedScript{}
	}
	cs := &cachedScript{sha: sha, proto: proto, flags: flags}
	s.scripts.cache[sha] = cs
	return cs, ""
}

func cmdEval(c *Client, argv [][]byte)    { evalGeneric(c, argv, false, false) }
func cmdEvalRO(c *Client, argv [][]byte)  { evalGeneric(c, argv, false, true) }
func cmdEvalSHA(c *Client, argv [][]byte) { evalGeneric(c, argv, true, false) }
func cmdEvalSHARO(c *Client, argv [][]byte) {
	evalGeneric(c, argv, true, true)
}

func evalGeneric(c *Client, argv [][]byte, bySHA, readOnly bool) {
	s := c.srv
	numKeys, err := strconv.ParseInt(string(argv[2]), 10, 64)
	if err != nil {
		c.errorReply(errNotInteger)
		return
	}
	if numKeys > int64(len(argv)-3) {
		c.errorReply(errNumKeysTooMany)
		return
	}
	if numKeys < 0 {
		c.errorReply(errNumKeysNegative)
		return
	}
	var script *cachedScript
	if bySHA {
		script = s.scripts.cache[string(argv[1])]
		if script == nil {
			script = s.scripts.cache[strings.ToLower(string(argv[1]))]
		}
		if script == nil {
			c.errorReply(errNoScript)
			return
		}
	} else {
		var msg string
		script, msg = s.scriptCompile(argv[1])
		if msg != "" {
			c.errorReply(msg)
			return
		}
	}
	keys := argv[3 : 3+numKeys]
	args := argv[3+numKeys:]
	flags := script.flags
	if flags&scripting.FlagShebang != 0 && flags&scripting.FlagNoCluster != 0 && s.cfg.ClusterEnabled {
		c.errorReply(errNoClusterScript)
		return
	}
	if flags&scripting.FlagNoWrites != 0 {
		readOnly = true
	}
	// A script with a shebang that may write is refused up front over
	// maxmemory, as a denyoom command, unless it allows OOM.
	if flags&scripting.FlagShebang != 0 && flags&(scripting.FlagNoWrites|scripting.FlagAllowOOM) == 0 &&
		s.cfg.MaxMemory > 0 && s.usedMemory() > s.cfg.MaxMemory {
		c.errorReply(errOOM)
		return
	}
	if s.scripts.vm == nil {
		s.scripts.vm = newLuaVM(s)
	}
	vm := s.scripts.vm
	if script.fn == nil {
		script.fn = vm.closure(script.proto)
	}
	// A script without a shebang (EVAL's compatibility mode) may touch
	// keys of any slot, one command at a time.
	allowCrossSlot := flags&scripting.FlagShebang == 0 || flags&scripting.FlagAllowCrossSlot != 0
	s.runLua(c, vm, script.sha, readOnly, flags&scripting.FlagAllowOOM != 0,
		luaInvocation{fn: script.fn, keys: keys, args: args, allowCrossSlot: allowCrossSlot})
}

// scriptClient returns the client scripts run their commands as, in the
// caller's database, as Redis's lua client.
func (s *Server) scriptClient(caller *Client) *Client {
	sc := s.scripts.client
	if sc == nil {
		sc = &Client{srv: s, id: s.nextID.Add(1), addr: "lua", reply: Reply{resp: 2}}
		sc.authed.Store(true)
		s.scripts.client = sc
	}
	sc.db = caller.db
	sc.reply.resp = 2
	sc.reply.buf = sc.reply.buf[:0]
	return sc
}

// luaInvocation is what runLua calls: a script's closure, which sees
// KEYS and ARGV as globals, or a registered function, which gets them as
// arguments.
type luaInvocation struct {
	fn         *lua.LFunction
	keys, args [][]byte
	function   bool
	// allowCrossSlot lets the commands of a cluster-mode script touch
	// keys of several slots.
	allowCrossSlot bool
}

// runLua runs a script or a function for c and writes its reply; name is
// the script's SHA1 or the function's name.
func (s *Server) runLua(c *Client, vm *luaVM, name string, readOnly, allowOOM bool, inv luaInvocation) {
	sc := s.scriptClient(c)
	// The caller's transaction, when EVAL runs inside EXEC, is the one
	// the script's writes join.
	sc.inExec = true
	sc.execLogged = c.inExec && c.execLogged
	// Runs do not nest (scripts cannot call EVAL), so one scriptRun per
	// VM serves them all.
	run := &vm.runState
	*run = scriptRun{
		caller:   c,
		client:   sc,
		sha:      name,
		readOnly: readOnly,
		oom:      !allowOOM && s.cfg.MaxMemory > 0 && s.usedMemory() > s.cfg.MaxMemory,

		allowCrossSlot: inv.allowCrossSlot,
	}
	vm.run = run
	busy := &s.scripts.busy
	vm.L.SetContext(busy.start(vm.chunk != scripting.ChunkName, time.Duration(s.cfg.BusyReplyThreshold)*time.Millisecond))
	var reply lua.LValue
	var errMsg string
	if inv.function {
		reply, errMsg = vm.callFunction(inv.fn, inv.keys, inv.args)
	} else {
		reply, errMsg = vm.call(inv.fn, inv.keys, inv.args)
	}
	vm.L.RemoveContext()
	busy.stop()
	vm.run = nil
	sc.inExec = false
	if c.inExec {
		c.execLogged = sc.execLogged
	} else if sc.execLogged {
		s.propagate(sc.db, [][]byte{[]byte("EXEC")})
	}
	sc.execLogged = false
	if errMsg != "" {
		c.errorReply(errMsg)
		return
	}
	vm.reply(c, reply, run.resp)
}

func cmdScriptLoad(c *Client, argv [][]byte) {
	script, msg := c.srv.scriptCompile(argv[2])
	if msg != "" {
		c.errorReply(msg)
		return
	}
	c.reply.BulkString(script.sha)
}

func cmdScriptExists(c *Client, argv [][]byte) {
	c.reply.Array(len(argv) - 2)
	for _, a := range argv[2:] {
		if c.srv.scripts.cache[strings.ToLower(string(a))] != nil {
			c.reply.Int(1)
		} else {
			c.reply.Int(0)
		}
	}
}

func cmdScriptFlush(c *Client, argv [][]byte) {
	if len(argv) > 3 || (len(argv) == 3 && !isOpt(argv[2], "sync") && !isOpt(argv[2], "async")) {
		c.errorReply("ERR SCRIPT FLUSH only support SYNC|ASYNC option")
		return
	}
	s := c.srv
	s.scripts.cache = nil
	// A fresh VM, as Redis's scriptingReset: globals the scripts may
	// have left behind go with it.
	if s.scripts.vm != nil {
		s.scripts.vm.close()
		s.scripts.vm = nil
	}
	c.reply.OK()
}

func cmdScriptKill(c *Client, argv [][]byte) {
	// Scripts run under the server lock, which SCRIPT KILL would need to
	// reach this point: no script can be running now.
	c.errorReply(errNotBusy)
}

func cmdScriptHelp(c *Client, argv [][]byte) {
	lines := []string{
		"SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
		"DEBUG (YES|SYNC|NO)",
		"    Set the debug mode for subsequent scripts executed.",
		"EXISTS <sha1> [<sha1> ...]",
		"    Return information about the existence of the scripts in the script cache.",
		"FLUSH [ASYNC|SYNC]",
		"    Flush the Lua scripts cache. Very dangerous on replicas.",
		"    When called without the optional mode argument, the behavior is determined by the",
		"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
		"    * ASYNC: Asynchronously flush the scripts cache.",
		"    * SYNC: Synchronously flush the scripts cache.",
		"KILL",
		"    Kill the currently executing Lua script.",
		"LOAD <script>",
		"    Load a script into the scripts cache without executing it.",
		"HELP",
		"    Print this help.",
	}
	c.reply.Array(len(lines))
	for _, l := range lines {
		c.reply.Status(l)
	}
}
