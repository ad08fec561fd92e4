package scripting

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// cjson as lua-cjson 2.1.0 in Redis 7.0, with its defaults: arrays are
// tables whose keys are 1..n (holes become null, an excessively sparse
// one is refused), an empty table is an object, numbers print as %.14g,
// "/" is escaped, and null decodes to cjson.null.

// cjsonNull is cjson.null, a light userdata in lua-cjson.
var cjsonNull = &lua.LUserData{}

// OpenCJSON installs cjson.
func OpenCJSON(L *lua.LState) {
	cj := L.NewTable()
	L.SetFuncs(cj, map[string]lua.LGFunction{
		"encode": func(L *lua.LState) int {
			if L.GetTop() != 1 {
				L.RaiseError("bad argument #1 to 'encode' (expected 1 argument)")
			}
			b, err := cjsonEncode(nil, L.Get(1), 0)
			if err != "" {
				L.RaiseError("%s", err)
			}
			L.Push(lua.LString(b))
			return 1
		},
		"decode": func(L *lua.LState) int {
			if L.GetTop() != 1 {
				L.RaiseError("bad argument #1 to 'decode' (expected 1 argument)")
			}
			s := L.CheckString(1)
			d := json.NewDecoder(strings.NewReader(s))
			var v any
			if err := d.Decode(&v); err != nil {
				L.RaiseError("%s", cjsonDecodeError(s, err))
			}
			if d.More() {
				L.RaiseError("Expected the end but found invalid token at character %d", d.InputOffset()+1)
			}
			L.Push(cjsonToLua(L, v))
			return 1
		},
	})
	cj.RawSetString("null", cjsonNull)
	L.SetGlobal("cjson", cj)
}

func cjsonDecodeError(s string, err error) string {
	if se, ok := err.(*json.SyntaxError); ok {
		if strings.Contains(se.Error(), "unexpected end") {
			return "Expected value but found T_END at character " + strconv.Itoa(len(s)+1)
		}
		return "Expected value but found invalid token at character " + strconv.FormatInt(max(se.Offset, 1), 10)
	}
	if strings.Contains(err.Error(), "EOF") {
		return "Expected value but found T_END at character " + strconv.Itoa(len(s)+1)
	}
	return "Expected value but found invalid token at character 1"
}

func cjsonNumber(b []byte, f float64) []byte {
	return strconv.AppendFloat(b, f, 'g', 14, 64)
}

func cjsonString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '/':
			b = append(b, '\\', '/')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			if c < 0x20 || c == 0x7f {
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			} else {
				b = append(b, c)
			}
		}
	}
	return append(b, '"')
}

// cjsonEncode encodes v; the error is lua-cjson's message.
func cjsonEncode(b []byte, v lua.LValue, depth int) ([]byte, string) {
	if depth > 1000 {
		return nil, "Cannot serialise, excessive nesting (1001)"
	}
	switch v := v.(type) {
	case lua.LString:
		return cjsonString(b, string(v)), ""
	case lua.LNumber:
		f := float64(v)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, "Cannot serialise number: must not be NaN or Inf"
		}
		return cjsonNumber(b, f), ""
	case lua.LBool:
		return strconv.AppendBool(b, bool(v)), ""
	case *lua.LNilType:
		return append(b, "null"...), ""
	case *lua.LUserData:
		if v == cjsonNull {
			return append(b, "null"...), ""
		}
	case *lua.LTable:
		return cjsonTable(b, v, depth)
	}
	return nil, "Cannot serialise " + v.Type().String() + ": type not supported"
}

func cjsonTable(b []byte, t *lua.LTable, depth int) ([]byte, string) {
	// lua-cjson's lua_array_length: every key a positive integer, else an
	// object; sparse arrays (max > 10 and max > 2*count) are refused.
	n, count, isArray := 0, 0, true
	t.ForEach(func(k, _ lua.LValue) {
		if kn, ok := k.(lua.LNumber); ok && kn >= 1 && float64(kn) == math.Floor(float64(kn)) {
			if int(kn) > n {
				n = int(kn)
			}
			count++
			return
		}
		isArray = false
	})
	if isArray && n > 10 && n > 2*count {
		return nil, "Cannot serialise table: excessively sparse array"
	}
	if isArray && n > 0 {
		b = append(b, '[')
		for i := 1; i <= n; i++ {
			if i > 1 {
				b = append(b, ',')
			}
			var err string
			if b, err = cjsonEncode(b, t.RawGetInt(i), depth+1); err != "" {
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
	t.ForEach(func(k, val lua.LValue) {
		switch k := k.(type) {
		case lua.LString:
			kvs = append(kvs, kv{string(k), val})
		case lua.LNumber:
			kvs = append(kvs, kv{string(cjsonNumber(nil, float64(k))), val})
		default:
			if bad == "" {
				bad = "Cannot serialise " + k.Type().String() + ": table key must be a number or string"
			}
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
		b = cjsonString(b, e.k)
		b = append(b, ':')
		var err string
		if b, err = cjsonEncode(b, e.v, depth+1); err != "" {
			return nil, err
		}
	}
	return append(b, '}'), ""
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
	return cjsonNull
}
