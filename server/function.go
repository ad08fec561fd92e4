package server

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/miniserve-dev/miniserve/datastruct"
	"github.com/miniserve-dev/miniserve/scripting"
	lua "github.com/yuin/gopher-lua"
)

// Redis 7.0's functions: FUNCTION LOAD / LIST / DELETE / FLUSH / STATS /
// KILL, FCALL and FCALL_RO. Libraries live in a Lua VM of their own, so
// that SCRIPT FLUSH leaves them alone, as in Redis. FUNCTION LOAD reaches
// the AOF as it is, and is replayed from there.

const errBadLibName = "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long"

type luaLibrary struct {
	name, code string
	funcs      []*luaFunction
}

type luaFunction struct {
	name    string
	desc    lua.LValue // a string, or nil
	flags   scripting.ScriptFlags
	fn      *lua.LFunction
	library *luaLibrary
}

// functionFlagNames in the order FUNCTION LIST gives them.
var functionFlagNames = []struct {
	name string
	flag scripting.ScriptFlags
}{
	{"no-writes", scripting.FlagNoWrites}, {"allow-oom", scripting.FlagAllowOOM},
	{"allow-stale", scripting.FlagAllowStale}, {"no-cluster", scripting.FlagNoCluster},
	{"allow-cross-slot-keys", scripting.FlagAllowCrossSlot},
}

func validLibName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// functionVM returns the functions' VM, made on first use.
func (s *Server) functionVM() *luaVM {
	if s.scripts.fnVM == nil {
		s.scripts.fnVM = newLuaVM(s)
		s.scripts.fnVM.chunk = "user_function"
	}
	return s.scripts.fnVM
}

// functionLoad loads a library, as Redis's functionsCreateWithLibraryCtx.
func (s *Server) functionLoad(code string, replace bool) (string, string) {
	line, _, _ := strings.Cut(code, "\n")
	if !strings.HasPrefix(line, "#!") {
		return "", "ERR Missing library metadata"
	}
	parts := strings.Fields(line[2:])
	engine := ""
	if len(parts) > 0 {
		engine = parts[0]
	}
	if engine != "lua" {
		return "", "ERR Engine '" + engine + "' not found"
	}
	name, named := "", false
	for _, p := range parts[1:] {
		v, ok := strings.CutPrefix(p, "name=")
		if !ok {
			return "", "ERR Invalid metadata value given: " + p
		}
		if named {
			return "", "ERR Invalid metadata value, name argument was given multiple times"
		}
		name, named = v, true
	}
	if !named {
		return "", "ERR Library name was not given"
	}
	if !validLibName(name) {
		return "", errBadLibName
	}
	old := s.scripts.libs[name]
	if old != nil && !replace {
		return "", "ERR Library '" + name + "' already exists"
	}
	body := code[len(line):] // the metadata line blanked: line numbers stay
	proto, msg := scripting.CompileNamed(body, "user_function")
	if msg != "" {
		return "", "ERR Error compiling function: " + msg
	}
	vm := s.functionVM()
	lib := &luaLibrary{name: name, code: code}
	if msg := vm.loadLibrary(proto, lib); msg != "" {
		return "", "ERR Error registering functions: " + msg
	}
	if len(lib.funcs) == 0 {
		return "", "ERR No functions registered"
	}
	for _, f := range lib.funcs {
		if other := s.scripts.funcs[f.name]; other != nil && other.library != old {
			return "", "ERR Function " + f.name + " already exists"
		}
	}
	if old != nil {
		s.dropLibrary(old)
	}
	if s.scripts.libs == nil {
		s.scripts.libs = map[string]*luaLibrary{}
		s.scripts.funcs = map[string]*luaFunction{}
	}
	s.scripts.libs[name] = lib
	for _, f := range lib.funcs {
		s.scripts.funcs[f.name] = f
	}
	return name, ""
}

func (s *Server) dropLibrary(lib *luaLibrary) {
	for _, f := range lib.funcs {
		delete(s.scripts.funcs, f.name)
	}
	delete(s.scripts.libs, lib.name)
}

// loadLibrary runs a library's code with the library API as its redis
// table, collecting the functions it registers into lib.
// functionLoadTimeout is Redis's LOAD_TIMEOUT_MS.
const functionLoadTimeout = 500 * time.Millisecond

func (vm *luaVM) loadLibrary(proto *lua.FunctionProto, lib *luaLibrary) string {
	L := vm.L
	vm.loading = lib
	vm.envMeta.RawSetString("__index", vm.strictIndex)
	defer func() {
		vm.loading = nil
		vm.envMeta.RawSetString("__index", vm.globals)
	}()
	fn := L.NewFunctionFromProto(proto)
	fn.Env = vm.env
	// As Redis, a library's code gets half a second: no client can stop
	// it, and it holds the server.
	ctx, cancel := context.WithTimeout(context.Background(), functionLoadTimeout)
	defer cancel()
	L.SetContext(ctx)
	L.Push(fn)
	err := L.PCall(0, 0, nil)
	L.RemoveContext()
	L.SetTop(0)
	if err == nil {
		return ""
	}
	if ctx.Err() != nil {
		return "ERR FUNCTION LOAD timeout"
	}
	var obj lua.LValue = lua.LString(err.Error())
	if ae, ok := err.(*lua.ApiError); ok && ae.Object != nil {
		obj = ae.Object
	}
	if t, ok := obj.(*lua.LTable); ok {
		return lua.LVAsString(t.RawGetString("err"))
	}
	msg := lua.LVAsString(obj)
	if i := strings.Index(msg, "\nstack traceback:"); i >= 0 {
		msg = msg[:i]
	}
	return "ERR " + msg
}

// libraryAPI is the redis table a library's code sees while it loads:
// register_function and log, nothing that touches data.
func (vm *luaVM) libraryAPI() *lua.LTable {
	L := vm.L
	api := L.NewTable()
	redis := vm.globals.RawGetString("redis").(*lua.LTable)
	for _, k := range []string{"log", "LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING", "REDIS_VERSION", "REDIS_VERSION_NUM", "setresp"} {
		api.RawSetString(k, redis.RawGetString(k))
	}
	api.RawSetString("register_function", L.NewFunction(vm.registerFunction))
	proxy := L.NewTable()
	mt := L.NewTable()
	mt.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		k := L.Get(2)
		v := api.RawGet(k)
		if v == lua.LNil {
			L.RaiseError("Script attempted to access nonexistent global variable '%s'", lua.LVAsString(k))
		}
		L.Push(v)
		return 1
	}))
	mt.RawSetString("__newindex", L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("Attempt to modify a readonly table")
		return 0
	}))
	L.SetMetatable(proxy, mt)
	return proxy
}

func (vm *luaVM) registerFunction(L *lua.LState) int {
	lib := vm.loading
	fail := func(msg string) int { L.Error(errorTable(L, msg), 0); return 0 }
	f := &luaFunction{desc: lua.LNil, library: lib}
	var name lua.LValue = lua.LNil
	switch L.GetTop() {
	case 1:
		t, ok := L.Get(1).(*lua.LTable)
		if !ok {
			return fail("ERR calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).")
		}
		var callback lua.LValue = lua.LNil
		bad := ""
		t.ForEach(func(k, v lua.LValue) {
			if bad != "" {
				return
			}
			switch lua.LVAsString(k) {
			case "function_name":
				name = v
			case "callback":
				callback = v
			case "description":
				if _, ok := v.(lua.LString); !ok {
					bad = "ERR description argument given to redis.register_function must be a string"
				}
				f.desc = v
			case "flags":
				ft, ok := v.(*lua.LTable)
				if !ok {
					bad = "ERR flags argument to redis.register_function must be a table representing function flags"
					return
				}
				for i := 1; i <= ft.Len(); i++ {
					flag, known := lua.LVAsString(ft.RawGetInt(i)), false
					for _, fn := range functionFlagNames {
						if fn.name == flag {
							f.flags |= fn.flag
							known = true
						}
					}
					if !known {
						bad = "ERR unknown flag given"
					}
				}
			default:
				bad = "ERR unknown argument given to redis.register_function"
			}
		})
		if bad != "" {
			return fail(bad)
		}
		if name == lua.LNil {
			return fail("ERR redis.register_function must get a function name argument")
		}
		if callback == lua.LNil {
			return fail("ERR redis.register_function must get a callback argument")
		}
		cb, ok := callback.(*lua.LFunction)
		if !ok {
			return fail("ERR callback argument given to redis.register_function must be a function")
		}
		f.fn = cb
	case 2:
		name = L.Get(1)
		cb, ok := L.Get(2).(*lua.LFunction)
		if !ok {
			return fail("ERR second argument to redis.register_function must be a function")
		}
		f.fn = cb
	default:
		return fail("ERR wrong number of arguments to redis.register_function")
	}
	switch name.(type) {
	case lua.LString, lua.LNumber:
	default:
		return fail("ERR function_name argument given to redis.register_function must be a string")
	}
	f.name = lua.LVAsString(name)
	if !validLibName(f.name) {
		return fail(errBadLibName)
	}
	for _, other := range lib.funcs {
		if other.name == f.name {
			return fail("ERR Function already exists in the library")
		}
	}
	lib.funcs = append(lib.funcs, f)
	return 0
}

// librariesByName returns the function libraries in name order.
func (s *Server) librariesByName() []*luaLibrary {
	libs := make([]*luaLibrary, 0, len(s.scripts.libs))
	for _, lib := range s.scripts.libs {
		libs = append(libs, lib)
	}
	sort.Slice(libs, func(i, j int) bool { return libs[i].name < libs[j].name })
	return libs
}

// functionLoadCommands returns a FUNCTION LOAD for every library, in
// name order, for an AOF rewrite.
func (s *Server) functionLoadCommands() [][][]byte {
	libs := s.librariesByName()
	cmds := make([][][]byte, 0, len(libs))
	for _, lib := range libs {
		cmds = append(cmds, [][]byte{[]byte("FUNCTION"), []byte("LOAD"), []byte(lib.code)})
	}
	return cmds
}

func cmdFunctionLoad(c *Client, argv [][]byte) {
	replace := false
	args := argv[2:]
	for len(args) > 1 {
		if !isOpt(args[0], "replace") {
			c.errorReply("ERR Unknown option given: " + string(args[0]))
			return
		}
		replace = true
		args = args[1:]
	}
	name, msg := c.srv.functionLoad(string(args[0]), replace)
	if msg != "" {
		c.errorReply(msg)
		return
	}
	c.srv.dirty++
	c.reply.BulkString(name)
}

func cmdFunctionDelete(c *Client, argv [][]byte) {
	s := c.srv
	lib := s.scripts.libs[string(argv[2])]
	if lib == nil {
		c.errorReply("ERR Library not found")
		return
	}
	s.dropLibrary(lib)
	s.dirty++
	c.reply.OK()
}

func cmdFunctionFlush(c *Client, argv [][]byte) {
	if len(argv) > 3 || (len(argv) == 3 && !isOpt(argv[2], "sync") && !isOpt(argv[2], "async")) {
		c.errorReply("ERR FUNCTION FLUSH only supports SYNC|ASYNC option")
		return
	}
	s := c.srv
	s.scripts.libs, s.scripts.funcs = nil, nil
	if s.scripts.fnVM != nil {
		s.scripts.fnVM.close()
		s.scripts.fnVM = nil
	}
	s.dirty++
	c.reply.OK()
}

func cmdFunctionKill(c *Client, argv [][]byte) { c.errorReply(errNotBusy) }

func cmdFunctionStats(c *Client, argv [][]byte) {
	s := c.srv
	c.reply.Map(2)
	c.reply.BulkString("running_script")
	c.reply.Null()
	c.reply.BulkString("engines")
	c.reply.Map(1)
	c.reply.BulkString("LUA")
	c.reply.Map(2)
	c.reply.BulkString("libraries_count")
	c.reply.Int(int64(len(s.scripts.libs)))
	c.reply.BulkString("functions_count")
	c.reply.Int(int64(len(s.scripts.funcs)))
}

func cmdFunctionList(c *Client, argv [][]byte) {
	var pattern []byte
	withCode := false
	for i := 2; i < len(argv); i++ {
		switch {
		case isOpt(argv[i], "withcode") && !withCode:
			withCode = true
		case isOpt(argv[i], "libraryname") && pattern == nil:
			if i+1 >= len(argv) {
				c.errorReply("ERR library name argument was not given")
				return
			}
			pattern = argv[i+1]
			i++
		default:
			c.errorReply("ERR Unknown argument " + string(argv[i]))
			return
		}
	}
	s := c.srv
	var libs []*luaLibrary
	for _, lib := range s.scripts.libs {
		if pattern == nil || datastruct.GlobMatch(pattern, []byte(lib.name), false) {
			libs = append(libs, lib)
		}
	}
	sort.Slice(libs, func(i, j int) bool { return libs[i].name < libs[j].name })
	c.reply.Array(len(libs))
	for _, lib := range libs {
		if withCode {
			c.reply.Map(4)
		} else {
			c.reply.Map(3)
		}
		c.reply.BulkString("library_name")
		c.reply.BulkString(lib.name)
		c.reply.BulkString("engine")
		c.reply.BulkString("LUA")
		c.reply.BulkString("functions")
		c.reply.Array(len(lib.funcs))
		for _, f := range lib.funcs {
			c.reply.Map(3)
			c.reply.BulkString("name")
			c.reply.BulkString(f.name)
			c.reply.BulkString("description")
			if d, ok := f.desc.(lua.LString); ok {
				c.reply.BulkString(string(d))
			} else {
				c.reply.Null()
			}
			c.reply.BulkString("flags")
			var names []string
			for _, fn := range functionFlagNames {
				if f.flags&fn.flag != 0 {
					names = append(names, fn.name)
				}
			}
			c.reply.Set(len(names))
			for _, n := range names {
				c.reply.Status(n)
			}
		}
		if withCode {
			c.reply.BulkString("library_code")
			c.reply.BulkString(lib.code)
		}
	}
}

func cmdFCall(c *Client, argv [][]byte)   { fcallGeneric(c, argv, false) }
func cmdFCallRO(c *Client, argv [][]byte) { fcallGeneric(c, argv, true) }

func fcallGeneric(c *Client, argv [][]byte, readOnly bool) {
	s := c.srv
	f := s.scripts.funcs[string(argv[1])]
	if f == nil {
		c.errorReply("ERR Function not found")
		return
	}
	numKeys, err := strconv.ParseInt(string(argv[2]), 10, 64)
	if err != nil {
		c.errorReply("ERR Bad number of keys provided")
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
	if f.flags&scripting.FlagNoCluster != 0 && s.cfg.ClusterEnabled {
		c.errorReply(errNoClusterScript)
		return
	}
	if readOnly && f.flags&scripting.FlagNoWrites == 0 {
		c.errorReply("ERR Can not execute a script with write flag using *_ro command.")
		return
	}
	if f.flags&(scripting.FlagNoWrites|scripting.FlagAllowOOM) == 0 && s.cfg.MaxMemory > 0 && s.usedMemory() > s.cfg.MaxMemory {
		c.errorReply(errOOM)
		return
	}
	keys := argv[3 : 3+numKeys]
	args := argv[3+numKeys:]
	vm := s.functionVM()
	s.runLua(c, vm, f.name, readOnly || f.flags&scripting.FlagNoWrites != 0, f.flags&scripting.FlagAllowOOM != 0,
		luaInvocation{fn: f.fn, keys: keys, args: args, function: true, allowCrossSlot: f.flags&scripting.FlagAllowCrossSlot != 0})
}

// cmdFunctionHelp is FUNCTION HELP, Redis 7.0's text as it is (it lists
// DUMP and RESTORE, which miniserve does not have).
func cmdFunctionHelp(c *Client, argv [][]byte) {
	lines := []string{
		"FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
		"LOAD [REPLACE] <FUNCTION CODE>",
		"    Create a new library with the given library name and code.",
		"DELETE <LIBRARY NAME>",
		"    Delete the given library.",
		"LIST [LIBRARYNAME PATTERN] [WITHCODE]",
		"    Return general information on all the libraries:",
		"    * Library name",
		"    * The engine used to run the Library",
		"    * Library description",
		"    * Functions list",
		"    * Library code (if WITHCODE is given)",
		"    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
		"STATS",
		"    Return information about the current function running:",
		"    * Function name",
		"    * Command used to run the function",
		"    * Duration in MS that the function is running",
		"    If no function is running, return nil",
		"    In addition, returns a list of available engines.",
		"KILL",
		"    Kill the current running function.",
		"FLUSH [ASYNC|SYNC]",
		"    Delete all the libraries.",
		"    When called without the optional mode argument, the behavior is determined by the",
		"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
		"    * ASYNC: Asynchronously flush the libraries.",
		"    * SYNC: Synchronously flush the libraries.",
		"DUMP",
		"    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
		"RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
		"    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
		"    control how to handle existing libraries (default APPEND):",
		"    * FLUSH: delete all existing libraries.",
		"    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
		"    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
		"      libraries with the new libraries (notice that even on this option there is a chance of failure",
		"      in case of functions name collision with another library).",
		"HELP",
		"    Prints this help.",
	}
	c.reply.Array(len(lines))
	for _, l := range lines {
		c.reply.Status(l)
	}
}
