package scripting

import (
	"errors"
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// ChunkName is the name Redis gives a script's chunk, which its errors
// carry ("user_script:1: ...").
const ChunkName = "user_script"

// Compile compiles a script body, with errors as close to Lua 5.1's
// wording as the parser allows: "user_script:1: ... near 'x'".
func Compile(body string) (*lua.FunctionProto, string) { return CompileNamed(body, ChunkName) }

// CompileNamed compiles a chunk under another name ("user_function" for
// the libraries of FUNCTION LOAD).
func CompileNamed(body, name string) (*lua.FunctionProto, string) {
	chunk, err := parse.Parse(strings.NewReader(body), name)
	if err != nil {
		var pe *parse.Error
		if errors.As(err, &pe) {
			if pe.Pos.Line == parse.EOF {
				return nil, fmt.Sprintf("%s:%d: %s near '<eof>'", name, strings.Count(body, "\n")+1, pe.Message)
			}
			return nil, fmt.Sprintf("%s:%d: %s near '%s'", name, pe.Pos.Line, pe.Message, pe.Token)
		}
		return nil, strings.TrimSpace(err.Error())
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, strings.TrimSpace(err.Error())
	}
	// gopher-lua gives a main chunk Lua 5.0's hidden "arg" table, built
	// on every call though no name reaches it; Lua 5.1's main chunk has
	// none.
	proto.IsVarArg &^= lua.VarArgNeedsArg
	return proto, ""
}
