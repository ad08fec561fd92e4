package server

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/miniserve-dev/miniserve/datastruct"
	"github.com/miniserve-dev/miniserve/scripting"
	lua "github.com/yuin/gopher-lua"
)

// luaVM is the server's Lua state with Redis's sandbox: the base,
// table, string, math and coroutine libraries, the redis library,
// cjson, cmsgpack, bit and struct, and globals that scripts can neither
// add to nor read when they do not exist.
type luaVM struct {
	srv     *Server
	L       *lua.LState
	globals *lua.LTable // the real globals
	env     *lua.LTable // the read-only view scripts run in
	run     *scriptRun
	chunk   string            // user_script, or user_function
	loading *luaLibrary       // the library FUNCTION LOAD is running
	api     *lua.LTable       // the redis table a loading library sees
	rand    *scripting.Rand48 // the server's: SCRIPT FLUSH does not reset it

	runState scriptRun // what run points to while a script runs

	envMeta     *lua.LTable    // env's metatable
	strictIndex *lua.LFunction // the globals' __index (see newLuaVM)

	// The tables of KEYS and ARGV (see refill).
	keys, argv *lua.LTable

	// redis.call's argument vector and its bytes, reused.
	callArgv [][]byte
	argBuf   []byte
	argEnds  []int
}

// scriptRun is the state of the script being run.
type scriptRun struct {
	caller   *Client
	client   *Client
	sha      string
	readOnly bool
	oom      bool // over maxmemory when the script started
	wrote    bool // a write ran: denyoom commands are allowed from now on
	resp     int  // redis.setresp
	errWhere string
	// allowCrossSlot: in cluster mode, the script's commands may name
	// keys of different slots (each command's own keys still share one).
	allowCrossSlot bool
}

// Globals that read as nil rather than raising, as in Redis 7.0.
var luaNilGlobals = map[string]bool{"loadstring": true, "collectgarbage": true, "gcinfo": true}

func newLuaVM(s *Server) *luaVM {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	vm := &luaVM{srv: s, L: L, rand: &s.scripts.rand, chunk: scripting.ChunkName}
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath},
		{lua.CoroutineLibName, lua.OpenCoroutine},
	} {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	g := L.G.Global
	vm.globals = g
	for _, name := range []string{"dofile", "loadfile", "print", "require", "module", "getfenv", "setfenv", "newproxy", "load", "loadstring", "collectgarbage", "gcinfo", "_printregs", "_VERSION"} {
		g.RawSetString(name, lua.LNil)
	}
	g.RawSetString("_VERSION", lua.LString("Lua 5.1"))
	vm.openRedis()
	scripting.OpenLibs(L)
	math := g.RawGetString("math").(*lua.LTable)
	math.RawSetString("random", L.NewFunction(vm.mathRandom))
	math.RawSetString("randomseed", L.NewFunction(vm.mathRandomseed))

	// The read-only view of the globals. A global is looked up through
	// env's __index, the globals table itself, so that gopher-lua finds
	// it without calling Go; a missing one reaches the globals' own
	// __index, which raises. While a library loads, env's __index is the
	// function, which shows the library API as redis.
	strictIndex := L.NewFunction(func(L *lua.LState) int {
		k := L.Get(2)
		v := g.RawGet(k)
		if vm.loading != nil && k == lua.LString("redis") {
			if vm.api == nil {
				vm.api = vm.libraryAPI()
			}
			v = vm.api
		}
		if v == lua.LNil {
			if ks, ok := k.(lua.LString); !ok || !luaNilGlobals[string(ks)] {
				L.RaiseError("Script attempted to access nonexistent global variable '%s'", lua.LVAsString(k))
			}
		}
		L.Push(v)
		return 1
	})
	globalsMeta := L.NewTable()
	globalsMeta.RawSetString("__index", strictIndex)
	L.SetMetatable(g, globalsMeta)
	env := L.NewTable()
	mt := L.NewTable()
	mt.RawSetString("__index", g)
	vm.envMeta, vm.strictIndex = mt, strictIndex
	mt.RawSetString("__newindex", L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("Attempt to modify a readonly table")
		return 0
	}))
	mt.RawSetString("__metatable", lua.LString("readonly"))
	L.SetMetatable(env, mt)
	vm.env = env
	g.RawSetString("_G", env)
	rawset := g.RawGetString("rawset").(*lua.LFunction)
	g.RawSetString("rawset", L.NewFunction(func(L *lua.LState) int {
		if L.Get(1) == env {
			if vm.run != nil {
				vm.run.errWhere = L.Where(1)
			}
			L.Error(lua.LString("Attempt to modify a readonly table"), 0)
		}
		L.Push(rawset)
		for i := 1; i <= 3; i++ {
			L.Push(L.Get(i))
		}
		L.Call(3, 1)
		return 1
	}))
	// tostring of a number as Lua 5.1's "%.14g" (gopher-lua prints Go's
	// shortest form); concatenation still uses gopher-lua's.
	luaTostring := g.RawGetString("tostring").(*lua.LFunction)
	g.RawSetString("tostring", L.NewFunction(func(L *lua.LState) int {
		if n, ok := L.Get(1).(lua.LNumber); ok {
			L.Push(lua.LString(luaNumberString(float64(n))))
			return 1
		}
		L.Push(luaTostring)
		L.Push(L.CheckAny(1))
		L.Call(1, 1)
		return 1
	}))
	// error, as Lua's, noting where the script raised it for the
	// "on @user_script:<line>" of the reply.
	g.RawSetString("error", L.NewFunction(func(L *lua.LState) int {
		obj, level := L.Get(1), L.OptInt(2, 1)
		if vm.run != nil {
			vm.run.errWhere = L.Where(1)
		}
		L.Error(obj, level)
		return 0
	}))
	return vm
}

func (vm *luaVM) close() { vm.L.Close() }

// closure makes a script's compiled chunk a function of this VM.
func (vm *luaVM) closure(proto *lua.FunctionProto) *lua.LFunction {
	fn := vm.L.NewFunctionFromProto(proto)
	fn.Env = vm.env
	return fn
}

// call runs a script's closure with KEYS and ARGV and returns its result,
// or the error reply for a script that raised one.
func (vm *luaVM) call(fn *lua.LFunction, keys, args [][]byte) (lua.LValue, string) {
	L := vm.L
	vm.keys = vm.refill(vm.keys, "KEYS", keys)
	vm.argv = vm.refill(vm.argv, "ARGV", args)
	vm.run.resp = 2
	L.Push(fn)
	return vm.pcall(0)
}

func (vm *luaVM) pcall(nargs int) (lua.LValue, string) {
	L := vm.L
	err := L.PCall(nargs, 1, nil)
	if err != nil {
		L.SetTop(0)
		return nil, vm.errorMessage(err)
	}
	ret := L.Get(-1)
	L.SetTop(0)
	return ret, ""
}

// callFunction runs a registered function with its keys and arguments.
func (vm *luaVM) callFunction(fn *lua.LFunction, keys, args [][]byte) (lua.LValue, string) {
	L := vm.L
	vm.run.resp = 2
	L.Push(fn)
	L.Push(luaStringArray(L, keys))
	L.Push(luaStringArray(L, args))
	return vm.pcall(2)
}

// refill gives the global name a table holding items, reusing t from the
// last script when that script left it a plain array (scripts may change
// KEYS and ARGV; the next one must not see it): two tables and two
// global writes fewer per EVAL.
func (vm *luaVM) refill(t *lua.LTable, name string, items [][]byte) *lua.LTable {
	if t == nil || !plainArray(t) {
		t = luaStringArray(vm.L, items)
		vm.globals.RawSetString(name, t)
		return t
	}
	old := t.Len()
	for i, it := range items {
		t.RawSetInt(i+1, lua.LString(it))
	}
	for i := old; i > len(items); i-- {
		t.RawSetInt(i, lua.LNil)
	}
	return t
}

// plainArray reports whether t has only its array part, and no
// metatable.
func plainArray(t *lua.LTable) bool {
	if t.Metatable != lua.LNil {
		return false
	}
	n := t.Len()
	if n != t.MaxN() {
		return false
	}
	var after lua.LValue = lua.LNil
	if n > 0 {
		after = lua.LNumber(n)
	}
	k, _ := t.Next(after)
	return k == lua.LNil
}

func luaStringArray(L *lua.LState, items [][]byte) *lua.LTable {
	t := L.CreateTable(len(items), 0)
	for i, it := range items {
		t.RawSetInt(i+1, lua.LString(it))
	}
	return t
}

// errorMessage formats a script's error as Redis 7.0:
// "<error> script: <sha>, on @user_script:<line>.".
func (vm *luaVM) errorMessage(err error) string {
	run := vm.run
	var obj lua.LValue = lua.LString(err.Error())
	var ae *lua.ApiError
	if errors.As(err, &ae) && ae.Object != nil {
		obj = ae.Object
	}
	var msg string
	where := run.errWhere
	switch o := obj.(type) {
	case *lua.LTable:
		msg = lua.LVAsString(o.RawGetString("err"))
		if w, ok := o.RawGetString("__where").(lua.LString); ok {
			where = string(w)
		}
	default:
		msg = lua.LVAsString(obj)
		if i := strings.Index(msg, "\nstack traceback:"); i >= 0 {
			msg = msg[:i]
		}
		// "user_script:3: boom" carries its own line.
		if rest, ok := strings.CutPrefix(msg, vm.chunk+":"); ok {
			if i := strings.IndexByte(rest, ':'); i > 0 {
				if _, err := strconv.Atoi(rest[:i]); err == nil {
					where = vm.chunk + ":" + rest[:i] + ":"
				}
			}
		}
		msg = "ERR " + msg
		if vm.srv.scripts.busy.killed.Load() {
			msg = errScriptKilled
		}
	}
	source, line := "?", "?"
	if w := strings.TrimSuffix(where, ":"); w != "" {
		if i := strings.LastIndexByte(w, ':'); i > 0 {
			source, line = "@"+w[:i], w[i+1:]
		}
	}
	return sanitize(msg) + " script: " + run.sha + ", on " + source + ":" + line + "."
}

// openRedis installs the redis library.
func (vm *luaVM) openRedis() {
	L := vm.L
	r := L.NewTable()
	L.SetFuncs(r, map[string]lua.LGFunction{
		"call":  func(L *lua.LState) int { return vm.redisCall(L, false) },
		"pcall": func(L *lua.LState) int { return vm.redisCall(L, true) },
		"error_reply": func(L *lua.LState) int {
			msg := L.CheckString(1)
			t := L.CreateTable(0, 1)
			t.RawSetString("err", lua.LString(strings.TrimPrefix(msg, "-")))
			L.Push(t)
			return 1
		},
		"status_reply": func(L *lua.LState) int {
			t := L.CreateTable(0, 1)
			t.RawSetString("ok", lua.LString(L.CheckString(1)))
			L.Push(t)
			return 1
		},
		"sha1hex": func(L *lua.LState) int {
			if L.GetTop() != 1 {
				vm.raise(L, "ERR wrong number of arguments")
			}
			L.Push(lua.LString(sha1hex([]byte(L.ToString(1)))))
			return 1
		},
		"log": func(L *lua.LState) int {
			if L.GetTop() < 2 {
				vm.raise(L, "ERR redis.log() requires two arguments or more.")
			}
			level, ok := L.Get(1).(lua.LNumber)
			if !ok {
				vm.raise(L, "ERR First argument must be a number (log level).")
			}
			parts := make([]string, 0, L.GetTop()-1)
			for i := 2; i <= L.GetTop(); i++ {
				parts = append(parts, L.ToString(i))
			}
			msg := strings.Join(parts, " ")
			switch int(level) {
			case 0:
				vm.srv.log.Debug(msg)
			case 1, 2:
				vm.srv.log.Info(msg)
			case 3:
				vm.srv.log.Warn(msg)
			default:
				vm.raise(L, "ERR Invalid debug level.")
			}
			return 0
		},
		"setresp": func(L *lua.LState) int {
			if L.GetTop() != 1 {
				vm.raise(L, "ERR redis.setresp() requires one argument.")
			}
			n := L.ToInt(1)
			if n != 2 && n != 3 {
				vm.raise(L, "ERR RESP version must be 2 or 3.")
			}
			vm.run.resp = n
			return 0
		},
		"set_repl":           func(L *lua.LState) int { return 0 },
		"replicate_commands": func(L *lua.LState) int { L.Push(lua.LTrue); return 1 },
		"breakpoint":         func(L *lua.LState) int { L.Push(lua.LFalse); return 1 },
		"debug":              func(L *lua.LState) int { return 0 },
	})
	for name, v := range map[string]int{
		"LOG_DEBUG": 0, "LOG_VERBOSE": 1, "LOG_NOTICE": 2, "LOG_WARNING": 3,
		"REPL_NONE": 0, "REPL_AOF": 1, "REPL_SLAVE": 2, "REPL_REPLICA": 2, "REPL_ALL": 3,
		"REDIS_VERSION_NUM": 0x07000f,
	} {
		r.RawSetString(name, lua.LNumber(v))
	}
	r.RawSetString("REDIS_VERSION", lua.LString("7.0.15"))
	L.SetGlobal("redis", r)
}

// raise raises an error table {err=msg}, as Redis's luaError does, with
// the position of the script's line that called.
func (vm *luaVM) raise(L *lua.LState, msg string) {
	t := L.CreateTable(0, 2)
	t.RawSetString("err", lua.LString(msg))
	t.RawSetString("__where", lua.LString(L.Where(1)))
	L.Error(t, 0)
}

func errorTable(L *lua.LState, msg string) *lua.LTable {
	t := L.CreateTable(0, 1)
	t.RawSetString("err", lua.LString(msg))
	return t
}

// redisCall is redis.call and redis.pcall: the checks of Redis 7.0's
// scriptCall, then the command through call() as the script client.
func (vm *luaVM) redisCall(L *lua.LState, protected bool) int {
	run := vm.run
	fail := func(msg string) int {
		if protected {
			L.Push(errorTable(L, msg))
			return 1
		}
		vm.raise(L, msg)
		return 0
	}
	n := L.GetTop()
	if n == 0 {
		return fail("ERR Please specify at least one argument for this redis lib call")
	}
	// The arguments are copied into one buffer the VM reuses, then
	// sliced: commands copy what they keep, as with a client's.
	buf, ends := vm.argBuf[:0], vm.argEnds[:0]
	for i := 1; i <= n; i++ {
		switch v := L.Get(i).(type) {
		case lua.LString:
			buf = append(buf, v...)
		case lua.LNumber:
			buf = strconv.AppendFloat(buf, float64(v), 'g', 17, 64)
		default:
			return fail("ERR Lua redis lib command arguments must be strings or integers")
		}
		ends = append(ends, len(buf))
	}
	argv := vm.callArgv[:0]
	start := 0
	for _, end := range ends {
		argv = append(argv, buf[start:end:end])
		start = end
	}
	vm.argBuf, vm.argEnds, vm.callArgv = buf, ends, argv
	s := vm.srv
	cmd, knownSub := s.table.lookup(argv)
	switch {
	case cmd == nil || !knownSub:
		return fail("ERR Unknown Redis command called from script")
	case !cmd.arityOK(len(argv)):
		return fail("ERR Wrong number of args calling Redis command from script")
	case cmd.has(NoScript):
		return fail("ERR This Redis command is not allowed from script")
	case cmd.has(Write) && run.readOnly:
		return fail("ERR Write commands are not allowed from read-only scripts.")
	case cmd.has(DenyOOM) && run.oom && !run.wrote:
		return fail(errOOM)
	}
	if s.cfg.ClusterEnabled && !run.caller.loading {
		if msg := run.clusterCheck(cmd, argv); msg != "" {
			return fail(msg)
		}
	}
	if cmd.has(Write) {
		run.wrote = true
		s.scripts.busy.wrote.Store(true)
	}
	sc := run.client
	sc.reply.resp = run.resp
	sc.reply.buf = sc.reply.buf[:0]
	s.call(sc, cmd, argv)
	v, _ := respToLua(L, sc.reply.buf)
	sc.reply.buf = sc.reply.buf[:0]
	if t, ok := v.(*lua.LTable); ok && !protected {
		if e, ok := t.RawGetString("err").(lua.LString); ok && t.Len() == 0 {
			vm.raise(L, string(e))
		}
	}
	L.Push(v)
	return 1
}

// respToLua converts one reply to a Lua value as Redis 7.0 does: nil
// bulk and nil array are false, status {ok=}, error {err=}; RESP3 maps
// {map=}, sets {set=}, doubles {double=}, null nil, booleans as they are,
// big numbers {big_number=}.
func respToLua(L *lua.LState, b []byte) (lua.LValue, []byte) {
	if len(b) == 0 {
		return lua.LNil, b
	}
	end := strings.Index(string(b), "\r\n")
	if end < 0 {
		return lua.LNil, nil
	}
	header := b[1:end]
	rest := b[end+2:]
	switch b[0] {
	case ':':
		n, _ := datastruct.ParseInt(header)
		return lua.LNumber(n), rest
	case '$':
		n, _ := datastruct.ParseInt(header)
		if n < 0 {
			return lua.LFalse, rest
		}
		return lua.LString(rest[:n]), rest[n+2:]
	case '+':
		t := L.CreateTable(0, 1)
		if string(header) == "OK" {
			t.RawSetString("ok", lua.LString("OK")) // a constant: no allocation
		} else {
			t.RawSetString("ok", lua.LString(header))
		}
		return t, rest
	}
	line := string(header)
	switch b[0] {
	case '-':
		return errorTable(L, line), rest
	case '*', '~', '%', '>':
		n, _ := strconv.Atoi(line)
		if n < 0 {
			return lua.LFalse, rest
		}
		if b[0] == '%' {
			m := L.CreateTable(0, n)
			for i := 0; i < n; i++ {
				var k, v lua.LValue
				k, rest = respToLua(L, rest)
				v, rest = respToLua(L, rest)
				m.RawSet(k, v)
			}
			t := L.CreateTable(0, 1)
			t.RawSetString("map", m)
			return t, rest
		}
		if b[0] == '~' {
			m := L.CreateTable(0, n)
			for i := 0; i < n; i++ {
				var k lua.LValue
				k, rest = respToLua(L, rest)
				m.RawSet(k, lua.LTrue)
			}
			t := L.CreateTable(0, 1)
			t.RawSetString("set", m)
			return t, rest
		}
		t := L.CreateTable(n, 0)
		for i := 0; i < n; i++ {
			var v lua.LValue
			v, rest = respToLua(L, rest)
			t.RawSetInt(i+1, v)
		}
		return t, rest
	case ',':
		f, _ := strconv.ParseFloat(line, 64)
		t := L.CreateTable(0, 1)
		t.RawSetString("double", lua.LNumber(f))
		return t, rest
	case '_':
		return lua.LNil, rest
	case '#':
		return lua.LBool(line == "t"), rest
	case '(':
		t := L.CreateTable(0, 1)
		t.RawSetString("big_number", lua.LString(line))
		return t, rest
	case '=':
		n, _ := strconv.Atoi(line)
		s := string(rest[:n])
		t := L.CreateTable(0, 1)
		v := L.CreateTable(0, 2)
		if len(s) >= 4 {
			v.RawSetString("format", lua.LString(s[:3]))
			v.RawSetString("string", lua.LString(s[4:]))
		}
		t.RawSetString("verbatim_string", v)
		return t, rest[n+2:]
	}
	return lua.LNil, nil
}

// reply writes a script's result to c as Redis 7.0's luaReplyToRedisReply:
// numbers truncate to integers, true is 1 (RESP3 scripts: a boolean),
// false and nil are null, tables with err/ok are errors/statuses, and
// other tables are arrays up to their first nil.
func (vm *luaVM) reply(c *Client, v lua.LValue, resp int) {
	switch v := v.(type) {
	case lua.LString:
		c.reply.Bulk([]byte(v))
	case lua.LNumber:
		c.reply.Int(luaToInt(float64(v)))
	case lua.LBool:
		switch {
		case resp == 3:
			c.reply.Bool(bool(v))
		case bool(v):
			c.reply.Int(1)
		default:
			c.reply.Null()
		}
	case *lua.LTable:
		if e, ok := v.RawGetString("err").(lua.LString); ok {
			c.errorReply(sanitize(string(e)))
			return
		}
		if s, ok := v.RawGetString("ok").(lua.LString); ok {
			c.reply.Status(sanitize(string(s)))
			return
		}
		{
			if d, ok := v.RawGetString("double").(lua.LNumber); ok {
				c.reply.Double(float64(d))
				return
			}
			if b, ok := v.RawGetString("big_number").(lua.LString); ok {
				if c.reply.resp == 3 {
					c.reply.Raw([]byte("(" + sanitize(string(b)) + "\r\n"))
				} else {
					c.reply.BulkString(sanitize(string(b)))
				}
				return
			}
			if m, ok := v.RawGetString("map").(*lua.LTable); ok {
				var keys, vals []lua.LValue
				m.ForEach(func(k, val lua.LValue) { keys = append(keys, k); vals = append(vals, val) })
				c.reply.Map(len(keys))
				for i := range keys {
					vm.reply(c, keys[i], resp)
					vm.reply(c, vals[i], resp)
				}
				return
			}
			if m, ok := v.RawGetString("set").(*lua.LTable); ok {
				var keys []lua.LValue
				m.ForEach(func(k, _ lua.LValue) { keys = append(keys, k) })
				c.reply.Set(len(keys))
				for _, k := range keys {
					vm.reply(c, k, resp)
				}
				return
			}
		}
		n := 0
		for v.RawGetInt(n+1) != lua.LNil {
			n++
		}
		c.reply.Array(n)
		for i := 1; i <= n; i++ {
			vm.reply(c, v.RawGetInt(i), resp)
		}
	default:
		c.reply.Null()
	}
}

func luaToInt(f float64) int64 {
	if math.IsNaN(f) {
		return math.MinInt64
	}
	if f >= math.MaxInt64 || f < math.MinInt64 {
		return math.MinInt64
	}
	return int64(f)
}

// mathRandom is Redis's redis_math_random.
func (vm *luaVM) mathRandom(L *lua.LState) int {
	const max = 2147483647
	r := float64(vm.rand.Next()%max) / max
	switch L.GetTop() {
	case 0:
		L.Push(lua.LNumber(r))
	case 1:
		u := L.CheckInt(1)
		if u < 1 {
			L.ArgError(1, "interval is empty")
		}
		L.Push(lua.LNumber(math.Floor(r*float64(u)) + 1))
	case 2:
		l, u := L.CheckInt(1), L.CheckInt(2)
		if l > u {
			L.ArgError(2, "interval is empty")
		}
		L.Push(lua.LNumber(math.Floor(r*float64(u-l+1)) + float64(l)))
	default:
		L.RaiseError("wrong number of arguments")
	}
	return 1
}

func (vm *luaVM) mathRandomseed(L *lua.LState) int {
	vm.rand.Seed(int32(L.CheckInt(1)))
	return 0
}

// luaNumberString formats a number as Lua 5.1's LUAI_NUMFMT, "%.14g".
func luaNumberString(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	return strconv.FormatFloat(f, 'g', 14, 64)
}

// clusterCheck is Redis 7.0's scriptVerifyClusterState: one command's
// keys must share a slot, and unless the script allows cross-slot keys,
// the slot of the keys the script declared or first touched.
func (run *scriptRun) clusterCheck(cmd *Command, argv [][]byte) string {
	if !cmd.hasSlotKeys() {
		return ""
	}
	slot := cmd.commandSlot(argv, noSlot)
	switch {
	case slot == crossSlot:
		return "ERR Script attempted to access a non local key in a cluster node"
	case slot == noSlot || run.allowCrossSlot:
		return ""
	case run.caller.slot == noSlot:
		run.caller.slot = slot
	case run.caller.slot != slot:
		return "ERR Script attempted to access keys that do not hash to the same slot"
	}
	return ""
}
