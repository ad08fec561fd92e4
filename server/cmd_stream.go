package server

import (
	"math"
	"strconv"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Stream commands, after Redis 7.0's t_stream.c.
//
// A stream lives in Entry.Obj as a *datastruct.Stream. Unlike the other
// aggregates, an emptied stream stays, as in Redis.

const (
	errStreamInvalidID   = "ERR Invalid stream ID specified as stream command argument"
	errStreamXAddSmaller = "ERR The ID specified in XADD is equal or smaller than the target stream top item"
	errStreamXAddZero    = "ERR The ID specified in XADD must be greater than 0-0"
	errStreamExhausted   = "ERR The stream has exhausted the last possible ID, unable to add more items"
	errStreamTooLarge    = "ERR Elements are too large to be stored"
	errStreamBothTrim    = "ERR syntax error, MAXLEN and MINID options at the same time are not compatible"
	errStreamMaxLenNeg   = "ERR The MAXLEN argument must be >= 0."
	errStreamLimitNeg    = "ERR The LIMIT argument must be >= 0."
	errStreamLimitNoTrim = "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy"
	errStreamXTrimNoStra = "ERR syntax error, XTRIM must be called with a trimming strategy"
	errStreamLimitApprox = "ERR syntax error, LIMIT cannot be used without the special ~ option"
	errStreamStartID     = "ERR invalid start ID for the interval"
	errStreamEndID       = "ERR invalid end ID for the interval"
	errStreamEntriesNeg  = "ERR entries_added must be positive"
	errStreamSetIDMaxDel = "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id"
	errStreamSetIDTop    = "ERR The ID specified in XSETID is smaller than the target stream top item"
	errStreamSetIDAdded  = "ERR The entries_added specified in XSETID is smaller than the target stream length"
)

var (
	wordEquals = []byte("=")
)

// streamOf returns the stream an entry holds, or false for another type.
func streamOf(e *datastruct.Entry) (*datastruct.Stream, bool) {
	s, ok := e.Obj.(*datastruct.Stream)
	return s, ok
}

// streamRead looks a stream up for reading: nil for a missing key, false
// after a WRONGTYPE reply.
func (c *Client) streamRead(key []byte) (*datastruct.Stream, bool) {
	e := c.lookupRead(key)
	if e == nil {
		return nil, true
	}
	s, ok := streamOf(e)
	if !ok {
		c.errorReply(errWrongType)
		return nil, false
	}
	return s, true
}

// streamWrite is streamRead for a command that changes the stream.
func (c *Client) streamWrite(key []byte) (*datastruct.Stream, bool) {
	e := c.lookup(key)
	if e == nil {
		return nil, true
	}
	s, ok := streamOf(e)
	if !ok {
		c.errorReply(errWrongType)
		return nil, false
	}
	return s, true
}

// streamCreate adds key with an empty stream.
func (c *Client) streamCreate(key []byte) *datastruct.Stream {
	e := c.db.keys.Add(key)
	c.srv.initAccess(e)
	s := datastruct.NewStream()
	e.Obj = s
	return s
}

// streamNodeLimits returns stream-node-max-entries and -bytes.
func (c *Client) streamNodeLimits() (int64, int64) {
	return zsetConfig(c.srv, "stream-node-max-entries", 100), zsetConfig(c.srv, "stream-node-max-bytes", 4096)
}

// parseU64 is Redis's string2ull: a strict integer, or what strtoull
// accepts (leading spaces, a sign, which for "-" wraps around).
func parseU64(b []byte) (uint64, bool) {
	if n, ok := datastruct.ParseInt(b); ok {
		if n < 0 {
			return 0, false
		}
		return uint64(n), true
	}
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] >= '\t' && b[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	if i == len(b) {
		return 0, false
	}
	var v uint64
	for ; i < len(b); i++ {
		d := b[i]
		if d < '0' || d > '9' {
			return 0, false
		}
		if v > (math.MaxUint64-uint64(d-'0'))/10 {
			return 0, false
		}
		v = v*10 + uint64(d-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// parseStreamID is streamGenericParseIDOrReply without the reply: "-" and
// "+" (unless strict), "ms" (with missingSeq) or "ms-seq", and with
// seqGiven non-nil the "ms-*" form.
func parseStreamID(b []byte, missingSeq uint64, strict bool, seqGiven *bool) (datastruct.StreamID, bool) {
	b = cstr(b)
	if len(b) > 127 {
		return datastruct.StreamID{}, false
	}
	if strict && len(b) == 1 && (b[0] == '-' || b[0] == '+') {
		return datastruct.StreamID{}, false
	}
	if seqGiven != nil {
		*seqGiven = true
	}
	if len(b) == 1 && b[0] == '-' {
		return datastruct.StreamID{}, true
	}
	if len(b) == 1 && b[0] == '+' {
		return datastruct.MaxStreamID, true
	}
	msPart, seqPart, dash := b, []byte(nil), false
	for i, ch := range b {
		if ch == '-' {
			msPart, seqPart, dash = b[:i], b[i+1:], true
			break
		}
	}
	ms, ok := parseU64(msPart)
	if !ok {
		return datastruct.StreamID{}, false
	}
	seq := missingSeq
	if dash {
		if seqGiven != nil && len(seqPart) == 1 && seqPart[0] == '*' {
			seq = 0
			*seqGiven = false
		} else if seq, ok = parseU64(seqPart); !ok {
			return datastruct.StreamID{}, false
		}
	}
	return datastruct.StreamID{Ms: ms, Seq: seq}, true
}

// streamIDArg parses an ID argument, replying on failure.
func (c *Client) streamIDArg(b []byte, missingSeq uint64, strict bool) (datastruct.StreamID, bool) {
	id, ok := parseStreamID(b, missingSeq, strict, nil)
	if !ok {
		c.errorReply(errStreamInvalidID)
	}
	return id, ok
}

// replyStreamID writes an ID as a bulk string.
func (c *Client) replyStreamID(id datastruct.StreamID) {
	var buf [48]byte
	c.reply.Bulk(id.AppendTo(buf[:0]))
}

// streamTrimArgs is Redis's streamAddTrimArgs.
type streamTrimArgs struct {
	strategy    int
	approx      bool
	maxLen      int64
	minID       datastruct.StreamID
	limit       int64
	strategyArg int // the index of the MAXLEN/MINID value
	id          datastruct.StreamID
	idGiven     bool
	seqGiven    bool
	noMkStream  bool
}

// parseAddOrTrimArgs is streamParseAddOrTrimArgsOrReply: it returns the
// index of XADD's ID argument (or the end for XTRIM), or -1 after a reply.
func (c *Client) parseAddOrTrimArgs(argv [][]byte, xadd bool, a *streamTrimArgs) int {
	limitGiven := false
	i := 2
	for ; i < len(argv); i++ {
		more := len(argv) - 1 - i
		opt := argv[i]
		switch {
		case xadd && len(opt) == 1 && opt[0] == '*':
			return c.finishTrimArgs(a, i, limitGiven, xadd)
		case (isOpt(opt, "maxlen") || isOpt(opt, "minid")) && more > 0:
			if a.strategy != 0 {
				c.errorReply(errStreamBothTrim)
				return -1
			}
			a.approx = false
			next := cstr(argv[i+1])
			if more >= 2 && len(next) == 1 && next[0] == '~' {
				a.approx = true
				i++
			} else if more >= 2 && len(next) == 1 && next[0] == '=' {
				i++
			}
			if isOpt(opt, "maxlen") {
				n, ok := c.intArg(argv[i+1], math.MinInt64, math.MaxInt64, "")
				if !ok {
					return -1
				}
				if n < 0 {
					c.errorReply(errStreamMaxLenNeg)
					return -1
				}
				a.maxLen, a.strategy = n, datastruct.TrimMaxLen
			} else {
				id, ok := c.streamIDArg(argv[i+1], 0, true)
				if !ok {
					return -1
				}
				a.minID, a.strategy = id, datastruct.TrimMinID
			}
			i++
			a.strategyArg = i
		case more > 0 && isOpt(opt, "limit"):
			n, ok := c.intArg(argv[i+1], math.MinInt64, math.MaxInt64, "")
			if !ok {
				return -1
			}
			if n < 0 {
				c.errorReply(errStreamLimitNeg)
				return -1
			}
			a.limit, limitGiven = n, true
			i++
		case xadd && isOpt(opt, "nomkstream"):
			a.noMkStream = true
		case xadd:
			id, ok := parseStreamID(opt, 0, true, &a.seqGiven)
			if !ok {
				c.errorReply(errStreamInvalidID)
				return -1
			}
			a.id, a.idGiven = id, true
			return c.finishTrimArgs(a, i, limitGiven, xadd)
		default:
			c.errorReply(errSyntax)
			return -1
		}
	}
	return c.finishTrimArgs(a, i, limitGiven, xadd)
}

func (c *Client) finishTrimArgs(a *streamTrimArgs, i int, limitGiven, xadd bool) int {
	if a.limit != 0 && a.strategy == 0 {
		c.errorReply(errStreamLimitNoTrim)
		return -1
	}
	if !xadd && a.strategy == 0 {
		c.errorReply(errStreamXTrimNoStra)
		return -1
	}
	if c.loading {
		// The AOF holds the exact form (see propagateTrim).
		a.limit = 0
		return i
	}
	if limitGiven {
		if !a.approx {
			c.errorReply(errStreamLimitApprox)
			return -1
		}
	} else if a.approx {
		maxEntries, _ := c.streamNodeLimits()
		a.limit = 100 * maxEntries
		if a.limit <= 0 || a.limit > 1000000 {
			a.limit = 1000000
		}
	} else {
		a.limit = 0
	}
	return i
}

// trimRewrite rewrites argv, a copy, as Redis's streamRewriteApproxSpecifier
// and streamRewriteTrimArgument do: "~" becomes "=" and the threshold the
// one actually reached.
func trimRewrite(argv [][]byte, s *datastruct.Stream, a *streamTrimArgs) {
	argv[a.strategyArg-1] = wordEquals
	if a.strategy == datastruct.TrimMaxLen {
		argv[a.strategyArg] = strconv.AppendInt(nil, s.Len(), 10)
	} else {
		argv[a.strategyArg] = s.FirstIDWithTombstones().AppendTo(nil)
	}
}

func cmdXAdd(c *Client, argv [][]byte) {
	var a streamTrimArgs
	idpos := c.parseAddOrTrimArgs(argv, true, &a)
	if idpos < 0 {
		return
	}
	fieldPos := idpos + 1
	if n := len(argv) - fieldPos; n < 2 || n%2 == 1 {
		c.errorReply("ERR wrong number of arguments for 'xadd' command")
		return
	}
	if a.idGiven && a.seqGiven && a.id.IsZero() {
		c.errorReply(errStreamXAddZero)
		return
	}
	key := argv[1]
	s, ok := c.streamWrite(key)
	if !ok {
		return
	}
	if s == nil {
		if a.noMkStream {
			c.reply.Null()
			return
		}
		s = c.streamCreate(key)
	}
	if s.LastID == datastruct.MaxStreamID {
		c.errorReply(errStreamExhausted)
		return
	}
	var id datastruct.StreamID
	switch {
	case a.idGiven && a.seqGiven:
		id = a.id
	case a.idGiven:
		if s.LastID.Ms == a.id.Ms {
			if s.LastID.Seq == math.MaxUint64 {
				c.errorReply(errStreamXAddSmaller)
				return
			}
			id = datastruct.StreamID{Ms: a.id.Ms, Seq: s.LastID.Seq + 1}
		} else {
			id = a.id
		}
	default:
		ms := uint64(c.srv.clock.nowMs())
		if ms > s.LastID.Ms {
			id = datastruct.StreamID{Ms: ms}
		} else {
			id, _ = s.LastID.Incr()
		}
	}
	if id.Compare(s.LastID) <= 0 {
		c.errorReply(errStreamXAddSmaller)
		return
	}
	maxEntries, maxBytes := c.streamNodeLimits()
	s.Append(id, argv[fieldPos:], maxEntries, maxBytes)
	c.replyStreamID(id)
	c.modified(key)

	rewrite := a.approx || !a.idGiven || !a.seqGiven
	var prop [][]byte
	if rewrite {
		prop = append([][]byte(nil), argv...)
	}
	if a.strategy != 0 {
		s.Trim(a.strategy, a.maxLen, a.minID, a.approx, a.limit)
		if a.approx {
			trimRewrite(prop, s, &a)
		}
	}
	if rewrite {
		if !a.idGiven || !a.seqGiven {
			prop[idpos] = id.AppendTo(nil)
		}
		c.propagateAs(prop...)
	}
}

func cmdXLen(c *Client, argv [][]byte) {
	s, ok := c.streamRead(argv[1])
	switch {
	case !ok:
	case s == nil:
		c.reply.Int(0)
	default:
		c.reply.Int(s.Len())
	}
}

// parseIntervalID is streamParseIntervalIDOrReply: "(" makes it
// exclusive.
func (c *Client) parseIntervalID(b []byte, missingSeq uint64) (datastruct.StreamID, bool, bool) {
	if len(b) > 1 && b[0] == '(' {
		id, ok := c.streamIDArg(b[1:], missingSeq, true)
		return id, true, ok
	}
	id, ok := c.streamIDArg(b, missingSeq, false)
	return id, false, ok
}

func cmdXRange(c *Client, argv [][]byte)    { xrangeGeneric(c, argv, false) }
func cmdXRevRange(c *Client, argv [][]byte) { xrangeGeneric(c, argv, true) }

func xrangeGeneric(c *Client, argv [][]byte, rev bool) {
	startArg, endArg := argv[2], argv[3]
	if rev {
		startArg, endArg = endArg, startArg
	}
	start, startEx, ok := c.parseIntervalID(startArg, 0)
	if !ok {
		return
	}
	if startEx {
		if start, ok = start.Incr(); !ok {
			c.errorReply(errStreamStartID)
			return
		}
	}
	end, endEx, ok := c.parseIntervalID(endArg, math.MaxUint64)
	if !ok {
		return
	}
	if endEx {
		if end, ok = end.Decr(); !ok {
			c.errorReply(errStreamEndID)
			return
		}
	}
	count := int64(-1)
	for j := 4; j < len(argv); j++ {
		if isOpt(argv[j], "count") && len(argv)-j-1 >= 1 {
			n, ok := c.intArg(argv[j+1], math.MinInt64, math.MaxInt64, "")
			if !ok {
				return
			}
			count = max(n, 0)
			j++
		} else {
			c.errorReply(errSyntax)
			return
		}
	}
	s, ok := c.streamRead(argv[1])
	if !ok {
		return
	}
	if s == nil {
		c.reply.Array(0)
		return
	}
	if count == 0 {
		c.reply.NullArray()
		return
	}
	if count == -1 {
		count = 0
	}
	c.replyStreamRange(s, start, end, count, rev)
}

// replyStreamRange writes up to count (0: all) entries as
// [[id, [field, value...]]...].
func (c *Client) replyStreamRange(s *datastruct.Stream, start, end datastruct.StreamID, count int64, rev bool) int64 {
	var n int64
	s.Range(start, end, rev, func(datastruct.StreamID, []byte) bool {
		n++
		return count == 0 || n < count
	})
	c.reply.Array(int(n))
	var fv [][]byte
	i := int64(0)
	s.Range(start, end, rev, func(id datastruct.StreamID, data []byte) bool {
		c.replyStreamEntry(id, data, &fv)
		i++
		return i < n
	})
	return n
}

func (c *Client) replyStreamEntry(id datastruct.StreamID, data []byte, scratch *[][]byte) {
	c.reply.Array(2)
	c.replyStreamID(id)
	fv := datastruct.UnpackFields((*scratch)[:0], data)
	c.reply.Array(len(fv))
	for _, f := range fv {
		c.reply.Bulk(f)
	}
	*scratch = fv
}

func cmdXDel(c *Client, argv [][]byte) {
	s, ok := c.streamWrite(argv[1])
	if !ok {
		return
	}
	if s == nil {
		c.reply.Int(0)
		return
	}
	var buf [8]datastruct.StreamID
	ids := buf[:0]
	for _, a := range argv[2:] {
		id, ok := c.streamIDArg(a, 0, true)
		if !ok {
			return
		}
		ids = append(ids, id)
	}
	var deleted int64
	for _, id := range ids {
		if s.Delete(id) {
			if id.Compare(s.MaxDeletedID) > 0 {
				s.MaxDeletedID = id
			}
			deleted++
		}
	}
	if deleted > 0 {
		c.modified(argv[1])
		c.srv.dirty += deleted - 1
	}
	c.reply.Int(deleted)
}

func cmdXTrim(c *Client, argv [][]byte) {
	var a streamTrimArgs
	if c.parseAddOrTrimArgs(argv, false, &a) < 0 {
		return
	}
	s, ok := c.streamWrite(argv[1])
	if !ok {
		return
	}
	if s == nil {
		c.reply.Int(0)
		return
	}
	deleted := s.Trim(a.strategy, a.maxLen, a.minID, a.approx, a.limit)
	if deleted > 0 {
		if a.approx {
			prop := append([][]byte(nil), argv...)
			trimRewrite(prop, s, &a)
			c.propagateAs(prop...)
		}
		c.modified(argv[1])
		c.srv.dirty += deleted - 1
	}
	c.reply.Int(deleted)
}

func cmdXSetID(c *Client, argv [][]byte) {
	id, ok := c.streamIDArg(argv[2], 0, true)
	if !ok {
		return
	}
	entriesAdded := int64(-1)
	var maxDel datastruct.StreamID
	for i := 3; i < len(argv); {
		more := len(argv) - 1 - i
		switch opt := argv[i]; {
		case isOpt(opt, "entriesadded") && more > 0:
			n, ok := c.intArg(argv[i+1], math.MinInt64, math.MaxInt64, "")
			if !ok {
				return
			}
			if n < 0 {
				c.errorReply(errStreamEntriesNeg)
				return
			}
			entriesAdded = n
			i += 2
		case isOpt(opt, "maxdeletedid") && more > 0:
			m, ok := c.streamIDArg(argv[i+1], 0, true)
			if !ok {
				return
			}
			if id.Less(m) {
				c.errorReply(errStreamSetIDMaxDel)
				return
			}
			maxDel = m
			i += 2
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	s, ok := c.streamWrite(argv[1])
	if !ok {
		return
	}
	if s == nil {
		c.errorReply(errNoSuchKey)
		return
	}
	if s.Len() > 0 {
		if id.Less(s.LastLiveID()) {
			c.errorReply(errStreamSetIDTop)
			return
		}
		if entriesAdded != -1 && s.Len() > entriesAdded {
			c.errorReply(errStreamSetIDAdded)
			return
		}
	}
	s.LastID = id
	if entriesAdded != -1 {
		s.EntriesAdded = entriesAdded
	}
	if !maxDel.IsZero() {
		s.MaxDeletedID = maxDel
	}
	c.modified(argv[1])
	c.reply.OK()
}
