package scripting

import (
	"encoding/binary"
	"math"

	lua "github.com/yuin/gopher-lua"
)

// cmsgpack as lua-cmsgpack 0.4.0 in Redis: pack(...) encodes each
// argument, integers in their smallest form, floats as float32 when
// exact, tables with keys 1..n as arrays (the empty table too) and others
// as maps; unpack(s) returns every value in s.

// OpenCMsgpack installs cmsgpack.
func OpenCMsgpack(L *lua.LState) {
	mp := L.NewTable()
	L.SetFuncs(mp, map[string]lua.LGFunction{
		"pack": func(L *lua.LState) int {
			n := L.GetTop()
			if n == 0 {
				L.ArgError(0, "MessagePack pack needs input.")
			}
			var b []byte
			for i := 1; i <= n; i++ {
				b = mpEncode(b, L.Get(i), 0)
			}
			L.Push(lua.LString(b))
			return 1
		},
		"unpack":       func(L *lua.LState) int { return mpUnpack(L, 0, 0) },
		"unpack_one":   func(L *lua.LState) int { return mpUnpack(L, 1, L.OptInt(2, 0)) },
		"unpack_limit": func(L *lua.LState) int { return mpUnpack(L, L.CheckInt(2), L.OptInt(3, 0)) },
	})
	L.SetGlobal("cmsgpack", mp)
}

const mpMaxNesting = 16 // lua-cmsgpack's LUACMSGPACK_MAX_NESTING

func mpEncode(b []byte, v lua.LValue, depth int) []byte {
	switch v := v.(type) {
	case lua.LString:
		return mpBytes(b, string(v))
	case lua.LBool:
		if v {
			return append(b, 0xc3)
		}
		return append(b, 0xc2)
	case lua.LNumber:
		f := float64(v)
		if !math.IsInf(f, 0) && f >= -9.223372036854775808e18 && f < 9.223372036854775808e18 && f == math.Trunc(f) {
			return mpInt(b, int64(f))
		}
		if float64(float32(f)) == f || math.IsNaN(f) {
			b = append(b, 0xca)
			return binary.BigEndian.AppendUint32(b, math.Float32bits(float32(f)))
		}
		b = append(b, 0xcb)
		return binary.BigEndian.AppendUint64(b, math.Float64bits(f))
	case *lua.LTable:
		if depth >= mpMaxNesting {
			return append(b, 0xc0)
		}
		return mpTable(b, v, depth)
	}
	return append(b, 0xc0)
}

func mpBytes(b []byte, s string) []byte {
	n := len(s)
	switch {
	case n < 32:
		b = append(b, 0xa0|byte(n))
	case n <= 0xff:
		b = append(b, 0xd9, byte(n))
	case n <= 0xffff:
		b = append(b, 0xda)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, 0xdb)
		b = binary.BigEndian.AppendUint32(b, uint32(n))
	}
	return append(b, s...)
}

func mpInt(b []byte, n int64) []byte {
	if n >= 0 {
		switch {
		case n <= 127:
			return append(b, byte(n))
		case n <= 0xff:
			return append(b, 0xcc, byte(n))
		case n <= 0xffff:
			return binary.BigEndian.AppendUint16(append(b, 0xcd), uint16(n))
		case n <= 0xffffffff:
			return binary.BigEndian.AppendUint32(append(b, 0xce), uint32(n))
		}
		return binary.BigEndian.AppendUint64(append(b, 0xcf), uint64(n))
	}
	switch {
	case n >= -32:
		return append(b, byte(int8(n)))
	case n >= -128:
		return append(b, 0xd0, byte(int8(n)))
	case n >= -32768:
		return binary.BigEndian.AppendUint16(append(b, 0xd1), uint16(int16(n)))
	case n >= -2147483648:
		return binary.BigEndian.AppendUint32(append(b, 0xd2), uint32(int32(n)))
	}
	return binary.BigEndian.AppendUint64(append(b, 0xd3), uint64(n))
}

func mpTable(b []byte, t *lua.LTable, depth int) []byte {
	// table_is_an_array: every key a positive integer and max == count.
	maxKey, count, isArray := 0, 0, true
	t.ForEach(func(k, _ lua.LValue) {
		count++
		if kn, ok := k.(lua.LNumber); ok && kn >= 1 && float64(kn) == math.Floor(float64(kn)) {
			if int(kn) > maxKey {
				maxKey = int(kn)
			}
			return
		}
		isArray = false
	})
	if isArray && maxKey == count {
		switch {
		case count <= 15:
			b = append(b, 0x90|byte(count))
		case count <= 0xffff:
			b = binary.BigEndian.AppendUint16(append(b, 0xdc), uint16(count))
		default:
			b = binary.BigEndian.AppendUint32(append(b, 0xdd), uint32(count))
		}
		for i := 1; i <= count; i++ {
			b = mpEncode(b, t.RawGetInt(i), depth+1)
		}
		return b
	}
	switch {
	case count <= 15:
		b = append(b, 0x80|byte(count))
	case count <= 0xffff:
		b = binary.BigEndian.AppendUint16(append(b, 0xde), uint16(count))
	default:
		b = binary.BigEndian.AppendUint32(append(b, 0xdf), uint32(count))
	}
	t.ForEach(func(k, v lua.LValue) {
		b = mpEncode(b, k, depth+1)
		b = mpEncode(b, v, depth+1)
	})
	return b
}

// mpUnpack decodes up to limit values (0: all) from offset; unpack_one
// and unpack_limit return the offset after them first.
func mpUnpack(L *lua.LState, limit, offset int) int {
	s := []byte(L.CheckString(1))
	if offset < 0 || offset > len(s) {
		L.ArgError(2, "Start offset greater than input length.")
	}
	d := &mpDecoder{L: L, b: s, pos: offset}
	var out []lua.LValue
	for d.pos < len(s) && (limit == 0 || len(out) < limit) {
		out = append(out, d.value())
	}
	if limit > 0 {
		next := d.pos
		if next >= len(s) {
			next = -1
		}
		L.Push(lua.LNumber(next))
	}
	for _, v := range out {
		L.Push(v)
	}
	if limit > 0 {
		return len(out) + 1
	}
	return len(out)
}

type mpDecoder struct {
	L   *lua.LState
	b   []byte
	pos int
}

func (d *mpDecoder) take(n int) []byte {
	if n < 0 || d.pos+n > len(d.b) {
		d.L.RaiseError("Missing bytes in input.")
	}
	p := d.b[d.pos : d.pos+n]
	d.pos += n
	return p
}

func (d *mpDecoder) value() lua.LValue {
	c := d.take(1)[0]
	switch {
	case c <= 0x7f:
		return lua.LNumber(c)
	case c >= 0xe0:
		return lua.LNumber(int8(c))
	case c&0xe0 == 0xa0:
		return lua.LString(d.take(int(c & 0x1f)))
	case c&0xf0 == 0x90:
		return d.array(int(c & 0x0f))
	case c&0xf0 == 0x80:
		return d.mapOf(int(c & 0x0f))
	}
	be := binary.BigEndian
	switch c {
	case 0xc0:
		return lua.LNil
	case 0xc2:
		return lua.LFalse
	case 0xc3:
		return lua.LTrue
	case 0xca:
		return lua.LNumber(math.Float32frombits(be.Uint32(d.take(4))))
	case 0xcb:
		return lua.LNumber(math.Float64frombits(be.Uint64(d.take(8))))
	case 0xcc:
		return lua.LNumber(d.take(1)[0])
	case 0xcd:
		return lua.LNumber(be.Uint16(d.take(2)))
	case 0xce:
		return lua.LNumber(be.Uint32(d.take(4)))
	case 0xcf:
		return lua.LNumber(be.Uint64(d.take(8)))
	case 0xd0:
		return lua.LNumber(int8(d.take(1)[0]))
	case 0xd1:
		return lua.LNumber(int16(be.Uint16(d.take(2))))
	case 0xd2:
		return lua.LNumber(int32(be.Uint32(d.take(4))))
	case 0xd3:
		return lua.LNumber(int64(be.Uint64(d.take(8))))
	case 0xc4, 0xd9:
		return lua.LString(d.take(int(d.take(1)[0])))
	case 0xc5, 0xda:
		return lua.LString(d.take(int(be.Uint16(d.take(2)))))
	case 0xc6, 0xdb:
		return lua.LString(d.take(int(be.Uint32(d.take(4)))))
	case 0xdc:
		return d.array(int(be.Uint16(d.take(2))))
	case 0xdd:
		return d.array(int(be.Uint32(d.take(4))))
	case 0xde:
		return d.mapOf(int(be.Uint16(d.take(2))))
	case 0xdf:
		return d.mapOf(int(be.Uint32(d.take(4))))
	}
	d.L.RaiseError("Bad data format in input.")
	return lua.LNil
}

func (d *mpDecoder) array(n int) lua.LValue {
	t := d.L.CreateTable(min(n, 1024), 0)
	for i := 1; i <= n; i++ {
		t.RawSetInt(i, d.value())
	}
	return t
}

func (d *mpDecoder) mapOf(n int) lua.LValue {
	t := d.L.CreateTable(0, min(n, 1024))
	for i := 0; i < n; i++ {
		k := d.value()
		v := d.value()
		if k != lua.LNil {
			t.RawSet(k, v)
		}
	}
	return t
}
