package server

import (
	"bytes"
	"strconv"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// intArg parses an integer argument within [min, max] as Redis's
// getRangeLongFromObjectOrReply does, replying on failure. With msg
// empty the errors are Redis's generic ones.
func (c *Client) intArg(b []byte, min, max int64, msg string) (int64, bool) {
	n, ok := datastruct.ParseInt(b)
	if !ok {
		if msg == "" {
			msg = errNotInteger
		}
		c.errorReply(msg)
		return 0, false
	}
	if n < min || n > max {
		if msg == "" {
			msg = "ERR value is out of range, value must between " +
				strconv.FormatInt(min, 10) + " and " + strconv.FormatInt(max, 10)
		}
		c.errorReply(msg)
		return 0, false
	}
	return n, true
}

const (
	minInt32 = -1 << 31
	maxInt32 = 1<<31 - 1
)

// cstr cuts b at its first NUL: Redis compares options with C string
// functions, so "nx\x00junk" is NX.
func cstr(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// isOpt reports whether an option argument is name, as strcasecmp sees it.
func isOpt(arg []byte, name string) bool {
	arg = cstr(arg)
	if len(arg) != len(name) {
		return false
	}
	for i := range len(arg) {
		c := arg[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}
