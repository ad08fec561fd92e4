package scripting

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

func TestShebang(t *testing.T) {
	for _, tt := range []struct {
		body  string
		flags ScriptFlags
		code  string
		err   string
	}{
		{"return 1", 0, "return 1", ""},
		{"#!lua\nreturn 1", FlagShebang, "\nreturn 1", ""},
		{"#!lua flags=no-writes,allow-oom\nx", FlagShebang | FlagNoWrites | FlagAllowOOM, "\nx", ""},
		{"#!lua flags=\nx", FlagShebang, "\nx", ""},
		{"#!lua", FlagShebang, "", ""},
		{"#!python\nx", 0, "", "ERR Unexpected engine in script shebang: #!python"},
		{"#!lua name=x\nx", 0, "", "ERR Unknown lua shebang option: name=x"},
		{"#!lua flags=bogus\nx", 0, "", "ERR Unexpected flag in script shebang: bogus"},
	} {
		flags, code, err := Shebang(tt.body)
		if flags != tt.flags || code != tt.code || err != tt.err {
			t.Errorf("%q: got %v %q %q, want %v %q %q", tt.body, flags, code, err, tt.flags, tt.code, tt.err)
		}
	}
}

// run runs a chunk with the libraries open and returns its result.
func run(t *testing.T, code string) lua.LValue {
	t.Helper()
	L := lua.NewState()
	defer L.Close()
	OpenLibs(L)
	if err := L.DoString(code); err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	return L.Get(-1)
}

func TestLibraries(t *testing.T) {
	for _, tt := range []struct{ code, want string }{
		// cmsgpack: smallest integer forms, float32 when exact, arrays.
		{"return cmsgpack.pack(1, 200, 70000, -1, -200, 1.5, 0.1, {1, 2}, {}, 'ab', true, nil)",
			"\x01\xcc\xc8\xce\x00\x01\x11\x70\xff\xd1\xff\x38\xca\x3f\xc0\x00\x00\xcb\x3f\xb9\x99\x99\x99\x99\x99\x9a\x92\x01\x02\x90\xa2ab\xc3\xc0"},
		{"local a, b, c = cmsgpack.unpack(cmsgpack.pack(-5, 'x', {7})) return a .. b .. c[1]", "-5x7"},
		// cjson: arrays, empty tables as objects, escaped slashes, %.14g.
		{"return cjson.encode({1, 'a/b', {}, 0.1, 1e20})", `[1,"a\/b",{},0.1,1e+20]`},
		{"return cjson.encode(cjson.decode('{\"k\":[true,null]}'))", `{"k":[true,null]}`},
		// struct: endianness, sign extension, sizes.
		{"return struct.pack('>I2<i2', 258, -2)", "\x01\x02\xfe\xff"},
		{"local a, b, n = struct.unpack('>bB', '\\255\\255') return a .. ' ' .. b .. ' ' .. n", "-1 255 3"},
		{"return tostring(struct.size('!4bi4'))", "8"},
		// bit: 32-bit signed results.
		{"return bit.tohex(bit.bnot(0)) .. ' ' .. bit.lshift(1, 31) .. ' ' .. bit.arshift(-16, 2)", "ffffffff -2147483648 -4"},
	} {
		if got := run(t, tt.code); got.String() != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.code, got.String(), tt.want)
		}
	}
}
