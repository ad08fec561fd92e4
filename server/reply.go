package server

import (
	"math"
	"strconv"

	"github.com/tidwall/redcon"
)

// Reply builds the bytes of replies for one connection, in the protocol
// version the connection chose with HELLO. RESP2 is redcon's; the RESP3
// types redcon lacks are written here.
type Reply struct {
	buf  []byte
	resp int // 2 or 3
}

// OK writes +OK.
func (r *Reply) OK() { r.buf = redcon.AppendOK(r.buf) }

// Status writes a simple string.
func (r *Reply) Status(s string) { r.buf = redcon.AppendString(r.buf, s) }

// Error writes an error; msg must carry its code, such as "ERR ...".
func (r *Reply) Error(msg string) { r.buf = redcon.AppendError(r.buf, msg) }

// Int writes an integer.
func (r *Reply) Int(n int64) { r.buf = redcon.AppendInt(r.buf, n) }

// Bulk writes a bulk string.
func (r *Reply) Bulk(b []byte) { r.buf = redcon.AppendBulk(r.buf, b) }

// BulkString writes a bulk string.
func (r *Reply) BulkString(s string) { r.buf = redcon.AppendBulkString(r.buf, s) }

// BulkInt writes an integer as a bulk string, as GET of an integer does.
func (r *Reply) BulkInt(n int64) {
	var tmp [24]byte
	r.buf = redcon.AppendBulk(r.buf, strconv.AppendInt(tmp[:0], n, 10))
}

// Array writes the header of an array of n elements.
func (r *Reply) Array(n int) { r.buf = redcon.AppendArray(r.buf, n) }

// Null writes the null bulk string ($-1 in RESP2, _ in RESP3).
func (r *Reply) Null() {
	if r.resp == 3 {
		r.buf = append(r.buf, "_\r\n"...)
		return
	}
	r.buf = redcon.AppendNull(r.buf)
}

// NullArray writes the null array (*-1 in RESP2, _ in RESP3).
func (r *Reply) NullArray() {
	if r.resp == 3 {
		r.buf = append(r.buf, "_\r\n"...)
		return
	}
	r.buf = append(r.buf, "*-1\r\n"...)
}

// Map writes the header of a map of n pairs; RESP2 sees a flat array.
func (r *Reply) Map(n int) {
	if r.resp == 3 {
		r.header('%', n)
		return
	}
	r.Array(2 * n)
}

// Set writes the header of a set of n members; RESP2 sees an array.
func (r *Reply) Set(n int) {
	if r.resp == 3 {
		r.header('~', n)
		return
	}
	r.Array(n)
}

// Push writes the header of an out-of-band push; RESP2 sees an array.
func (r *Reply) Push(n int) {
	if r.resp == 3 {
		r.header('>', n)
		return
	}
	r.Array(n)
}

// Bool writes a boolean; RESP2 sees 1 or 0.
func (r *Reply) Bool(b bool) {
	switch {
	case r.resp == 3 && b:
		r.buf = append(r.buf, "#t\r\n"...)
	case r.resp == 3:
		r.buf = append(r.buf, "#f\r\n"...)
	case b:
		r.Int(1)
	default:
		r.Int(0)
	}
}

// Double writes a double as Redis 7.0 does: %.17g, inf and -inf; RESP2
// sees a bulk string.
func (r *Reply) Double(f float64) {
	var tmp [32]byte
	s := AppendDouble(tmp[:0], f)
	if r.resp == 3 {
		r.buf = append(r.buf, ',')
		r.buf = append(r.buf, s...)
		r.buf = append(r.buf, '\r', '\n')
		return
	}
	r.buf = redcon.AppendBulk(r.buf, s)
}

// Verbatim writes a verbatim string of format "txt"; RESP2 sees a bulk
// string.
func (r *Reply) Verbatim(s string) {
	if r.resp == 3 {
		r.header('=', len(s)+4)
		r.buf = append(r.buf, "txt:"...)
		r.buf = append(r.buf, s...)
		r.buf = append(r.buf, '\r', '\n')
		return
	}
	r.BulkString(s)
}

// Raw appends bytes that are already RESP.
func (r *Reply) Raw(b []byte) { r.buf = append(r.buf, b...) }

func (r *Reply) header(prefix byte, n int) {
	r.buf = append(r.buf, prefix)
	r.buf = strconv.AppendInt(r.buf, int64(n), 10)
	r.buf = append(r.buf, '\r', '\n')
}

// AppendDouble formats f as Redis 7.0's replies do (printf %.17g).
func AppendDouble(dst []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	}
	return strconv.AppendFloat(dst, f, 'g', 17, 64)
}
