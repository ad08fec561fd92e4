package server

import "strconv"

// intArg parses an integer argument within [min, max] as Redis's
// getRangeLongFromObjectOrReply does, replying on failure. With msg
// empty the errors are Redis's generic ones.
func (c *Client) intArg(b []byte, min, max int64, msg string) (int64, bool) {
	n, ok := parseStrictInt(b)
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
