package scripting

import (
	lua "github.com/yuin/gopher-lua"
)

// OpenLibs installs bit, cjson, cmsgpack and struct as globals.
func OpenLibs(L *lua.LState) {
	OpenBit(L)
	OpenCJSON(L)
	OpenCMsgpack(L)
	OpenStruct(L)
}
