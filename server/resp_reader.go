package server

import (
	"bytes"
	"io"

	"github.com/miniserve-dev/miniserve/datastruct"
	"github.com/miniserve-dev/miniserve/internal/sds"
)

// protocolError is a malformed request. The connection gets
// "ERR Protocol error: <msg>" and is closed, as in Redis.
type protocolError struct{ msg string }

func (e *protocolError) Error() string { return "Protocol error: " + e.msg }

// errQueryBufferLimit closes a client whose pending input passed
// client-query-buffer-limit. Redis closes it without a reply.
var errQueryBufferLimit = &protocolError{"query buffer limit"}

const (
	readChunk     = 16 * 1024
	inlineMaxSize = 64 * 1024 // PROTO_INLINE_MAX_SIZE
	unauthMaxArgs = 10
	unauthMaxBulk = 16384
)

// requestReader parses RESP multibulk and inline requests the way
// Redis's processMultibulkBuffer and processInlineBuffer do. redcon's
// reader is not used because it has no limits, re-scans a large request
// on every read and copies each command.
//
// Arguments point into the read buffer and are valid until the next call
// to readBatch: whatever a handler keeps, it copies.
type requestReader struct {
	rd    io.Reader
	buf   []byte
	start int // first unparsed byte
	end   int // end of buffered data
	need  int // parse again only when end reaches this

	argv [][]byte // backing store reused for every batch's argument slices
	cmds [][][]byte
	// encoded holds, beside each of cmds, its request bytes when they
	// are exactly its RESP encoding, as the AOF writes it; else nil.
	encoded [][]byte

	maxBulk    func() int64 // proto-max-bulk-len
	maxQuery   func() int64 // client-query-buffer-limit
	authorized func() bool
}

func newRequestReader(rd io.Reader) *requestReader {
	return &requestReader{rd: rd, buf: make([]byte, readChunk)}
}

// readBatch reads until at least one whole command is buffered, then
// returns every whole command in the buffer. A protocol error is
// returned with the commands parsed before it, which run first.
func (r *requestReader) readBatch() ([][][]byte, error) {
	r.cmds = r.cmds[:0]
	r.argv = r.argv[:0]
	r.encoded = r.encoded[:0]
	for {
		if r.end > r.start && r.end >= r.need {
			err := r.parse()
			if len(r.cmds) > 0 || err != nil {
				return r.cmds, err
			}
		}
		if err := r.fill(); err != nil {
			return nil, err
		}
	}
}

// inject appends bytes read elsewhere (while the client was blocked)
// after the unparsed data. It never moves bytes already in the buffer,
// whose arguments the current batch may still use.
func (r *requestReader) inject(b []byte) {
	if len(b) == 0 {
		return
	}
	if r.end+len(b) > len(r.buf) {
		grown := make([]byte, r.end+len(b)+readChunk)
		copy(grown, r.buf[:r.end])
		r.buf = grown
	}
	r.end += copy(r.buf[r.end:], b)
}

// fill reads more bytes, compacting or growing the buffer first.
func (r *requestReader) fill() error {
	if r.start == r.end {
		r.start, r.end, r.need = 0, 0, 0
		if len(r.buf) > 4*readChunk {
			r.buf = make([]byte, readChunk) // let a big request's buffer go
		}
	}
	if r.end == len(r.buf) {
		pending := r.end - r.start
		if r.start > 0 && pending < len(r.buf)/2 {
			copy(r.buf, r.buf[r.start:r.end])
		} else {
			size := 2 * len(r.buf)
			if r.need-r.start > size {
				size = r.need - r.start + readChunk
			}
			grown := make([]byte, size)
			copy(grown, r.buf[r.start:r.end])
			r.buf = grown
		}
		r.need -= r.start
		r.end = pending
		r.start = 0
	}
	n, err := r.rd.Read(r.buf[r.end:])
	r.end += n
	if n > 0 {
		if int64(r.end-r.start) > r.maxQuery() {
			return errQueryBufferLimit
		}
		return nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	return err
}

// encodedRequests returns the encoded request bytes (see encoded) of
// cmds, which must be the last batch or a suffix of it, or nil when they
// are not.
func (r *requestReader) encodedRequests(cmds [][][]byte) [][]byte {
	k := len(r.cmds) - len(cmds)
	if len(cmds) == 0 || k < 0 || &r.cmds[k] != &cmds[0] {
		return nil
	}
	return r.encoded[k:]
}

// parse consumes whole commands from the buffer.
func (r *requestReader) parse() error {
	for r.start < r.end {
		var next int
		var err error
		if r.buf[r.start] == '*' {
			next, err = r.parseMultibulk(r.start)
		} else {
			next, err = r.parseInline(r.start)
		}
		if err != nil {
			return err
		}
		if next < 0 {
			return nil // incomplete; r.need says when to look again
		}
		r.start = next
	}
	return nil
}

// readNumberLine reads "<prefix><digits>\r" at p. It reports the number,
// the position after the line, and whether the line is complete.
func (r *requestReader) readNumberLine(p int, tooBig string) (int64, int, bool, error) {
	cr := bytes.IndexByte(r.buf[p:r.end], '\r')
	if cr < 0 {
		if r.end-p > inlineMaxSize {
			return 0, 0, false, &protocolError{tooBig}
		}
		r.need = r.end + 1
		return 0, 0, false, nil
	}
	if p+cr+2 > r.end { // the \n has not arrived
		r.need = p + cr + 2
		return 0, 0, false, nil
	}
	n, ok := datastruct.ParseInt(r.buf[p+1 : p+cr])
	return n, p + cr + 2, ok, nil
}

func (r *requestReader) parseMultibulk(p int) (int, error) {
	begin := p
	count, p, ok, err := r.readNumberLine(p, "too big mbulk count string")
	if err != nil || p == 0 {
		return -1, err
	}
	if !ok || count > 1<<31-1 {
		return -1, &protocolError{"invalid multibulk length"}
	}
	if count > unauthMaxArgs && !r.authorized() {
		return -1, &protocolError{"unauthenticated multibulk length"}
	}
	if count <= 0 {
		return p, nil // an empty request is skipped
	}
	first := len(r.argv)
	maxBulk := r.maxBulk()
	// ParseInt takes only canonical numbers, so the request is its own
	// encoding unless a byte skipped unchecked is not CRLF's.
	canonical := r.buf[p-1] == '\n'
	for i := int64(0); i < count; i++ {
		if p >= r.end {
			r.need = p + 1
			r.argv = r.argv[:first]
			return -1, nil
		}
		if r.buf[p] != '$' {
			r.argv = r.argv[:first]
			return -1, &protocolError{"expected '$', got '" + string(r.buf[p]) + "'"}
		}
		size, q, ok, err := r.readNumberLine(p, "too big bulk count string")
		if err != nil || q == 0 {
			r.argv = r.argv[:first]
			return -1, err
		}
		if !ok || size < 0 || size > maxBulk {
			r.argv = r.argv[:first]
			return -1, &protocolError{"invalid bulk length"}
		}
		if size > unauthMaxBulk && !r.authorized() {
			r.argv = r.argv[:first]
			return -1, &protocolError{"unauthenticated bulk length"}
		}
		if int64(r.end-q) < size+2 {
			r.need = q + int(size) + 2
			r.argv = r.argv[:first]
			return -1, nil
		}
		// Like Redis, the two bytes after the data are skipped unchecked.
		r.argv = append(r.argv, r.buf[q:q+int(size):q+int(size)])
		p = q + int(size) + 2
		canonical = canonical && r.buf[q-1] == '\n' && r.buf[p-2] == '\r' && r.buf[p-1] == '\n'
	}
	r.cmds = append(r.cmds, r.argv[first:len(r.argv):len(r.argv)])
	if canonical {
		r.encoded = append(r.encoded, r.buf[begin:p:p])
	} else {
		r.encoded = append(r.encoded, nil)
	}
	return p, nil
}

func (r *requestReader) parseInline(p int) (int, error) {
	nl := bytes.IndexByte(r.buf[p:r.end], '\n')
	if nl < 0 {
		if r.end-p > inlineMaxSize {
			return -1, &protocolError{"too big inline request"}
		}
		r.need = r.end + 1
		return -1, nil
	}
	line := r.buf[p : p+nl]
	next := p + nl + 1
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	args, ok := sds.SplitArgs(line)
	if !ok {
		return -1, &protocolError{"unbalanced quotes in request"}
	}
	if len(args) > 0 {
		r.cmds = append(r.cmds, args)
		r.encoded = append(r.encoded, nil)
	}
	return next, nil
}
