package scripting

import (
	"encoding/binary"
	"math"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// struct as Roberto Ierusalimschy's struct library in Redis: pack,
// unpack and size with the formats > < = ! b B h H l L T i[n] I[n] f d
// s c[n] x and spaces.

// OpenStruct installs struct.
func OpenStruct(L *lua.LState) {
	st := L.NewTable()
	L.SetFuncs(st, map[string]lua.LGFunction{
		"pack":   structPack,
		"unpack": structUnpack,
		"size":   structSize,
	})
	L.SetGlobal("struct", st)
}

type structFmt struct {
	L        *lua.LState
	f        string
	i        int
	little   bool
	maxAlign int
}

// next returns the next option and its size; 0 at the end.
func (sf *structFmt) next() (byte, int) {
	for sf.i < len(sf.f) {
		c := sf.f[sf.i]
		sf.i++
		switch c {
		case ' ':
		case '>':
			sf.little = false
		case '<', '=':
			sf.little = true
		case '!':
			sf.maxAlign = sf.num(8)
		case 'b', 'B', 'x':
			return c, 1
		case 'h', 'H':
			return c, 2
		case 'l', 'L', 'T':
			return c, 8
		case 'f':
			return c, 4
		case 'd':
			return c, 8
		case 's':
			return c, 0
		case 'c':
			return c, sf.num(1)
		case 'i', 'I':
			n := sf.num(4)
			if n > 8 {
				sf.L.RaiseError("integral size %d is larger than limit of 8", n)
			}
			return c, n
		default:
			sf.L.RaiseError("invalid format option '%c'", c)
		}
	}
	return 0, 0
}

func (sf *structFmt) num(def int) int {
	if sf.i >= len(sf.f) || sf.f[sf.i] < '0' || sf.f[sf.i] > '9' {
		return def
	}
	n := 0
	for sf.i < len(sf.f) && sf.f[sf.i] >= '0' && sf.f[sf.i] <= '9' {
		n = n*10 + int(sf.f[sf.i]-'0')
		sf.i++
	}
	return n
}

func (sf *structFmt) align(pos, size int) int {
	if size <= 1 || sf.maxAlign <= 1 {
		return 0
	}
	a := min(size, sf.maxAlign)
	if a&(a-1) != 0 {
		sf.L.ArgError(1, "alignment must be power of 2")
	}
	return (a - (pos & (a - 1))) & (a - 1)
}

func newStructFmt(L *lua.LState) *structFmt {
	return &structFmt{L: L, f: L.CheckString(1), little: true, maxAlign: 1}
}

func (sf *structFmt) putInt(b []byte, v uint64, size int) []byte {
	buf := make([]byte, size)
	for i := 0; i < size; i++ {
		byteV := byte(v >> (8 * i))
		if sf.little {
			buf[i] = byteV
		} else {
			buf[size-1-i] = byteV
		}
	}
	return append(b, buf...)
}

func structPack(L *lua.LState) int {
	sf := newStructFmt(L)
	var b []byte
	arg := 2
	for {
		opt, size := sf.next()
		if opt == 0 {
			break
		}
		for n := sf.align(len(b), size); n > 0; n-- {
			b = append(b, 0)
		}
		switch opt {
		case 'x':
			b = append(b, 0)
		case 'b', 'h', 'i', 'l':
			b = sf.putInt(b, uint64(int64(L.CheckNumber(arg))), size)
			arg++
		case 'B', 'H', 'I', 'L', 'T':
			f := float64(L.CheckNumber(arg))
			var v uint64
			if f < 0 {
				v = uint64(int64(f))
			} else {
				v = uint64(f)
			}
			b = sf.putInt(b, v, size)
			arg++
		case 'f':
			var tmp [4]byte
			sf.order().PutUint32(tmp[:], math.Float32bits(float32(L.CheckNumber(arg))))
			b = append(b, tmp[:]...)
			arg++
		case 'd':
			var tmp [8]byte
			sf.order().PutUint64(tmp[:], math.Float64bits(float64(L.CheckNumber(arg))))
			b = append(b, tmp[:]...)
			arg++
		case 'c', 's':
			s := L.CheckString(arg)
			l := len(s)
			if opt == 'c' && size == 0 {
				size = l
			}
			if opt == 'c' {
				if l < size {
					L.ArgError(arg, "string too short")
				}
				b = append(b, s[:size]...)
			} else {
				b = append(b, s...)
				b = append(b, 0)
			}
			arg++
		}
	}
	L.Push(lua.LString(b))
	return 1
}

func (sf *structFmt) order() binary.ByteOrder {
	if sf.little {
		return binary.LittleEndian
	}
	return binary.BigEndian
}

func structUnpack(L *lua.LState) int {
	sf := newStructFmt(L)
	data := L.CheckString(2)
	pos := L.OptInt(3, 1) - 1
	if pos < 0 {
		L.ArgError(3, "offset must be 1 or greater")
	}
	n := 0
	need := func(size int) {
		if pos+size > len(data) {
			L.ArgError(2, "data string too short")
		}
	}
	prevNum := -1
	for {
		opt, size := sf.next()
		if opt == 0 {
			break
		}
		pos += sf.align(pos, size)
		switch opt {
		case 'x':
			need(1)
			pos++
			continue
		case 'b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'T':
			need(size)
			var v uint64
			for i := 0; i < size; i++ {
				var c byte
				if sf.little {
					c = data[pos+size-1-i]
				} else {
					c = data[pos+i]
				}
				v = v<<8 | uint64(c)
			}
			var num float64
			if opt == 'b' || opt == 'h' || opt == 'i' || opt == 'l' {
				shift := 64 - 8*uint(size)
				num = float64(int64(v<<shift) >> shift)
			} else {
				num = float64(v)
			}
			L.Push(lua.LNumber(num))
			prevNum = int(num)
			pos += size
		case 'f':
			need(4)
			L.Push(lua.LNumber(math.Float32frombits(sf.order().Uint32([]byte(data[pos : pos+4])))))
			pos += 4
		case 'd':
			need(8)
			L.Push(lua.LNumber(math.Float64frombits(sf.order().Uint64([]byte(data[pos : pos+8])))))
			pos += 8
		case 'c':
			if size == 0 {
				if prevNum < 0 || n == 0 {
					L.ArgError(1, "format 'c0' needs a previous size")
				}
				size = prevNum
				L.Pop(1)
				n--
			}
			need(size)
			L.Push(lua.LString(data[pos : pos+size]))
			pos += size
		case 's':
			end := strings.IndexByte(data[pos:], 0)
			if end < 0 {
				L.RaiseError("unfinished string in data")
			}
			L.Push(lua.LString(data[pos : pos+end]))
			pos += end + 1
		}
		n++
	}
	L.Push(lua.LNumber(pos + 1))
	return n + 1
}

func structSize(L *lua.LState) int {
	sf := newStructFmt(L)
	pos := 0
	for {
		opt, size := sf.next()
		if opt == 0 {
			break
		}
		if opt == 's' || (opt == 'c' && size == 0) {
			L.ArgError(1, "options 'c0' - 's' have undefined sizes")
		}
		pos += sf.align(pos, size) + size
	}
	L.Push(lua.LNumber(pos))
	return 1
}
