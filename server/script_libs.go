package server

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"

	lua "github.com/yuin/gopher-lua"
)

// The libraries Redis gives scripts beside Lua's own: bit (LuaBitOp),
// cjson and, for now as empty tables, struct and cmsgpack.

func openLuaBit(L *lua.LState) {
	bit := L.NewTable()
	arg := func(L *lua.LState, i int) uint32 { return uint32(int64(L.CheckNumber(i))) }
	ret := func(L *lua.LState, v uint32) int { L.Push(lua.LNumber(int32(v))); return 1 }
	fold := func(op func(a, b uint32) uint32) lua.LGFunction {
		return func(L *lua.LState) int {
			v := arg(L, 1)
			for i := 2; i <= L.GetTop(); i++ {
				v = op(v, arg(L, i))
			}
			return ret(L, v)
		}
	}
	L.SetFuncs(bit, map[string]lua.LGFunction{
		"tobit":  func(L *lua.LState) int { return ret(L, arg(L, 1)) },
		"bnot":   func(L *lua.LState) int { return ret(L, ^arg(L, 1)) },
		"band":   fold(func(a, b uint32) uint32 { return a & b }),
		"bor":    fold(func(a, b uint32) uint32 { return a | b }),
		"bxor":   fold(func(a, b uint32) uint32 { return a ^ b }),
		"lshift": func(L *lua.LState) int { return ret(L, arg(L, 1)<<(arg(L, 2)&31)) },
		"rshift": func(L *lua.LState) int { return ret(L, arg(L, 1)>>(arg(L, 2)&31)) },
		"arshift": func(L *lua.LState) int {
			return ret(L, uint32(int32(arg(L, 1))>>(arg(L, 2)&31)))
		},
		"rol": func(L *lua.LState) int {
			v, n := arg(L, 1), arg(L, 2)&31
			return ret(L, v<<n|v>>(32-n))
		},
		"ror": func(L *lua.LState) int {
			v, n := arg(L, 1), arg(L, 2)&31
			return ret(L, v>>n|v<<(32-n))
		},
		"bswap": func(L *lua.LState) int {
			v := arg(L, 1)
			return ret(L, v>>24|(v>>8)&0xff00|(v<<8)&0xff0000|v<<24)
		},
		"tohex": func(L *lua.LState) int {
			v := arg(L, 1)
			n := 8
			if L.GetTop() >= 2 {
				n = L.CheckInt(2)
			}
			digits := "0123456789abcdef"
			if n < 0 {
				n = -n
				digits = "0123456789ABCDEF"
			}
			if n > 8 {
				n = 8
			}
			buf := make([]byte, n)
			for i := n - 1; i >= 0; i-- {
				buf[i] = digits[v&15]
				v >>= 4
			}
			L.Push(lua.LString(buf))
			return 1
		},
	})
	L.SetGlobal("bit", bit)
}

func openLuaCJSON(L *lua.LState) {
	cj := L.NewTable()
	L.SetFuncs(cj, map[string]lua.LGFunction{
		"encode": func(L *lua.LState) int {
			b, err := cjsonEncode(nil, L.CheckAny(1), 0)
			if err != "" {
				L.RaiseError("%s", err)
			}
			L.Push(lua.LString(b))
			return 1
		},
		"decode": func(L *lua.LState) int {
			var v any
			if err := json.Unmarshal([]byte(L.CheckString(1)), &v); err != nil {
				L.RaiseError("Expected value but found invalid token at character 1")
			}
			L.Push(cjsonToLua(L, v))
			return 1
		},
	})
	cj.RawSetString("null", lua.LNil)
	L.SetGlobal("cjson", cj)
}

// cjsonEncode encodes as lua-cjson: a table whose keys are 1..n is an
// array, an empty table is an object ("{}"), numbers print as %.14g.
func cjsonEncode(b []byte, v lua.LValue, depth int) ([]byte, string) {
	if depth > 1000 {
		return nil, "Cannot serialise, excessive nesting (1001)"
	}
	switch v := v.(type) {
	case lua.LString:
		q, _ := json.Marshal(string(v))
		return append(b, q...), ""
	case lua.LNumber:
		f := float64(v)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, "Cannot serialise number: must not be NaN or Inf"
		}
		return strconv.AppendFloat(b, f, 'g', 14, 64), ""
	case lua.LBool:
		return strconv.AppendBool(b, bool(v)), ""
	case *lua.LNilType:
		return append(b, "null"...), ""
	case *lua.LTable:
		n, isArray := 0, true
		v.ForEach(func(k, _ lua.LValue) {
			if kn, ok := k.(lua.LNumber); ok && kn >= 1 && float64(kn) == math.Floor(float64(kn)) {
				if int(kn) > n {
					n = int(kn)
				}
				return
			}
			isArray = false
		})
		if isArray && n > 0 {
			b = append(b, '[')
			for i := 1; i <= n; i++ {
				if i > 1 {
					b = append(b, ',')
				}
				var err string
				if b, err = cjsonEncode(b, v.RawGetInt(i), depth+1); err != "" {
					return nil, err
				}
			}
			return append(b, ']'), ""
		}
		type kv struct {
			k string
			v lua.LValue
		}
		var kvs []kv
		var bad string
		v.ForEach(func(k, val lua.LValue) {
			switch k := k.(type) {
			case lua.LString:
				kvs = append(kvs, kv{string(k), val})
			case lua.LNumber:
				kvs = append(kvs, kv{strconv.FormatFloat(float64(k), 'g', 14, 64), val})
			default:
				bad = "Cannot serialise " + k.Type().String() + ": table key must be a number or string"
			}
		})
		if bad != "" {
			return nil, bad
		}
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].k < kvs[j].k })
		b = append(b, '{')
		for i, e := range kvs {
			if i > 0 {
				b = append(b, ',')
			}
			q, _ := json.Marshal(e.k)
			b = append(b, q...)
			b = append(b, ':')
			var err string
			if b, err = cjsonEncode(b, e.v, depth+1); err != "" {
				return nil, err
			}
		}
		return append(b, '}'), ""
	}
	return nil, "Cannot serialise " + v.Type().String() + ": type not supported"
}

func cjsonToLua(L *lua.LState, v any) lua.LValue {
	switch v := v.(type) {
	case string:
		return lua.LString(v)
	case float64:
		return lua.LNumber(v)
	case bool:
		return lua.LBool(v)
	case []any:
		t := L.CreateTable(len(v), 0)
		for i, e := range v {
			t.RawSetInt(i+1, cjsonToLua(L, e))
		}
		return t
	case map[string]any:
		t := L.CreateTable(0, len(v))
		for k, e := range v {
			t.RawSetString(k, cjsonToLua(L, e))
		}
		return t
	}
	return lua.LNil
}

func openLuaStruct(L *lua.LState)   { L.SetGlobal("struct", L.NewTable()) }
func openLuaCMsgpack(L *lua.LState) { L.SetGlobal("cmsgpack", L.NewTable()) }
