package scripting

import (
	lua "github.com/yuin/gopher-lua"
)

// OpenBit installs LuaBitOp's bit library, which Redis bundles.
func OpenBit(L *lua.LState) {
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
