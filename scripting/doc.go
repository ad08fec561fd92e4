// Package scripting holds the parts of Redis's Lua scripting that do not
// need the server: the libraries Redis 7.0 gives scripts beside Lua's
// own (bit, cjson, cmsgpack, struct), written in Go on gopher-lua to
// behave as Redis's C ones do; the compiler front end that names chunks
// "user_script" as Redis does; and Redis's rand48 generator behind
// math.random.
//
// The server package builds the sandbox, the redis library (redis.call,
// redis.pcall, ...), the script cache and the conversions between Lua
// values and replies (server/script.go and server/script_lua.go), the
// functions of FUNCTION LOAD and FCALL (server/function.go) and the busy
// state with SCRIPT KILL (server/script_busy.go), since those run
// commands or hold the server lock. This package never imports server.
//
// Known differences from Redis's Lua 5.1: gopher-lua words compile and
// runtime errors its own way ("parse error near 'x'" for Lua's "'=' expected
// near 'x'", "cannot perform add operation between number and nil" for
// "attempt to perform arithmetic on a nil value"), and converts numbers to
// strings in Go's shortest form rather than %.14g when concatenating; and
// cjson encodes an object's keys sorted, where lua-cjson follows the
// table's hash order (which Redis leaves unspecified); cjson.decode's
// error offsets for malformed JSON other than a bad first token or a
// truncated input are approximate; struct's error messages are the
// library's in substance, not always word for word.
package scripting
