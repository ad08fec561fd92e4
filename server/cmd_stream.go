package server

import (
	"math"
	"strconv"
	"time"

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
	return valueOf[*datastruct.Stream](c, c.lookupRead(key))
}

// streamWrite is streamRead for a command that changes the stream.
func (c *Client) streamWrite(key []byte) (*datastruct.Stream, bool) {
	return valueOf[*datastruct.Stream](c, c.lookup(key))
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
	return c.srv.enc.streamMaxEntries, c.srv.enc.streamMaxBytes
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

	// The AOF gets the ID and the trim made, not "*" or "~"; without an
	// AOF there is nothing to rewrite.
	rewrite := (a.approx || !a.idGiven || !a.seqGiven) && c.srv.persist.aof != nil
	var prop [][]byte
	if rewrite {
		prop = append([][]byte(nil), argv...)
	}
	if a.strategy != 0 {
		s.Trim(a.strategy, a.maxLen, a.minID, a.approx, a.limit)
		if a.approx && rewrite {
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

// ---- consumer groups ----

const (
	errStreamKeyRequired = "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically."
	errStreamBusyGroup   = "BUSYGROUP Consumer Group name already exists"
	errStreamEntriesRead = "ERR value for ENTRIESREAD must be positive or -1"
	errStreamKeyGone     = "UNBLOCKED the stream key no longer exists"
	errStreamGroupGone   = "NOGROUP the consumer group this client was blocked on no longer exists"
	errStreamDollarGroup = "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set."
	errStreamGTNoGroup   = "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option."
	errStreamGroupOpt    = "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead."
	errStreamNoAckOpt    = "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead."
	errStreamMissGroup   = "ERR Missing GROUP option for XREADGROUP"
	errStreamTimeoutInt  = "ERR timeout is not an integer or out of range"
	errStreamCountPos    = "ERR COUNT must be > 0"
)

// scgInvalidEntriesRead is SCG_INVALID_ENTRIES_READ.
const scgInvalidEntriesRead = -1

// xreadBlockedDefaultCount is XREAD_BLOCKED_DEFAULT_COUNT.
const xreadBlockedDefaultCount = 1000

var (
	wordXClaim     = []byte("XCLAIM")
	wordXGroup     = []byte("XGROUP")
	wordSetID      = []byte("SETID")
	wordEntries    = []byte("ENTRIESREAD")
	wordTime       = []byte("TIME")
	wordRetryCount = []byte("RETRYCOUNT")
	wordForce      = []byte("FORCE")
	wordJustID     = []byte("JUSTID")
	wordLastID     = []byte("LASTID")
	wordZero       = []byte("0")
)

func errNoGroupForKey(group, key []byte) string {
	return "NOGROUP No such consumer group '" + string(cstr(group)) + "' for key name '" + string(cstr(key)) + "'"
}

func errNoKeyOrGroup(key, group []byte) string {
	return "NOGROUP No such key '" + string(cstr(key)) + "' or consumer group '" + string(cstr(group)) + "'"
}

func subcommandError(argv [][]byte, container string) string {
	return "ERR unknown subcommand or wrong number of arguments for '" + sanitize(trunc(argv[1], 128)) + "'. Try " + container + " HELP."
}

// propagateXClaim is streamPropagateXCLAIM.
func (c *Client) propagateXClaim(key, group []byte, g *datastruct.ConsumerGroup, id datastruct.StreamID, pe *datastruct.PendingEntry) {
	c.propagateAs(wordXClaim, copyBytes(key), copyBytes(group), []byte(pe.Consumer.Name), wordZero, id.AppendTo(nil),
		wordTime, strconv.AppendInt(nil, pe.DeliveryTime, 10), wordRetryCount, strconv.AppendInt(nil, pe.DeliveryCount, 10),
		wordForce, wordJustID, wordLastID, g.LastID.AppendTo(nil))
}

// propagateGroupID is streamPropagateGroupID.
func (c *Client) propagateGroupID(key, group []byte, g *datastruct.ConsumerGroup) {
	c.propagateAs(wordXGroup, wordSetID, copyBytes(key), copyBytes(group), g.LastID.AppendTo(nil), wordEntries, strconv.AppendInt(nil, g.EntriesRead, 10))
}

func copyBytes(b []byte) []byte { return append([]byte(nil), b...) }

// rangeHasTombstones is streamRangeHasTombstones with no end.
func rangeHasTombstones(s *datastruct.Stream, start datastruct.StreamID) bool {
	if s.Len() == 0 || s.MaxDeletedID.IsZero() {
		return false
	}
	if s.FirstID().Compare(s.MaxDeletedID) > 0 {
		return false
	}
	return start.Compare(s.MaxDeletedID) <= 0
}

// estimateDistance is streamEstimateDistanceFromFirstEverEntry.
func estimateDistance(s *datastruct.Stream, id datastruct.StreamID) int64 {
	if s.EntriesAdded == 0 {
		return 0
	}
	if s.Len() == 0 && id.Compare(s.LastID) < 1 {
		return s.EntriesAdded
	}
	switch cmp := id.Compare(s.LastID); {
	case cmp == 0:
		return s.EntriesAdded
	case cmp > 0:
		return scgInvalidEntriesRead
	}
	first := s.FirstID()
	cmpFirst := id.Compare(first)
	if s.MaxDeletedID.IsZero() || s.MaxDeletedID.Compare(first) < 0 {
		if cmpFirst < 0 {
			return s.EntriesAdded - s.Len()
		} else if cmpFirst == 0 {
			return s.EntriesAdded - s.Len() + 1
		}
	}
	return scgInvalidEntriesRead
}

// replyGroupLag is streamReplyWithCGLag.
func (c *Client) replyGroupLag(s *datastruct.Stream, g *datastruct.ConsumerGroup) {
	switch {
	case s.EntriesAdded == 0:
		c.reply.Int(0)
	case g.EntriesRead != scgInvalidEntriesRead && !rangeHasTombstones(s, g.LastID):
		c.reply.Int(s.EntriesAdded - g.EntriesRead)
	default:
		if read := estimateDistance(s, g.LastID); read != scgInvalidEntriesRead {
			c.reply.Int(s.EntriesAdded - read)
		} else {
			c.reply.Null()
		}
	}
}

func cmdXGroupHelp(c *Client, argv [][]byte) {
	c.helpReply("XGROUP",
		"CREATE <key> <groupname> <id|$> [option]",
		"    Create a new consumer group. Options are:",
		"    * MKSTREAM",
		"      Create the empty stream if it does not exist.",
		"    * ENTRIESREAD entries_read",
		"      Set the group's entries_read counter (internal use).",
		"CREATECONSUMER <key> <groupname> <consumer>",
		"    Create a new consumer in the specified group.",
		"DELCONSUMER <key> <groupname> <consumer>",
		"    Remove the specified consumer.",
		"DESTROY <key> <groupname>",
		"    Remove the specified group.",
		"SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
		"    Set the current group ID and entries_read counter.")
}

// xgroupLookup is the common part of XGROUP's subcommands: the stream
// (which must exist unless mkstream) and the group (which must exist
// when needGroup).
func (c *Client) xgroupLookup(argv [][]byte, mkstream, needGroup bool) (*datastruct.Stream, *datastruct.ConsumerGroup, bool) {
	s, ok := c.streamWrite(argv[2])
	if !ok {
		return nil, nil, false
	}
	if s == nil && !mkstream {
		c.errorReply(errStreamKeyRequired)
		return nil, nil, false
	}
	var g *datastruct.ConsumerGroup
	if s != nil {
		g = s.Group(argv[3])
	}
	if g == nil && needGroup {
		c.errorReply(errNoGroupForKey(argv[3], argv[2]))
		return nil, nil, false
	}
	return s, g, true
}

func cmdXGroupCreate(c *Client, argv [][]byte) {
	mkstream := false
	entriesRead := int64(scgInvalidEntriesRead)
	for i := 5; i < len(argv); {
		switch {
		case isOpt(argv[i], "mkstream"):
			mkstream = true
			i++
		case isOpt(argv[i], "entriesread") && i+1 < len(argv):
			n, ok := c.intArg(argv[i+1], math.MinInt64, math.MaxInt64, "")
			if !ok {
				return
			}
			if n < 0 && n != scgInvalidEntriesRead {
				c.errorReply(errStreamEntriesRead)
				return
			}
			entriesRead = n
			i += 2
		default:
			c.errorReply(subcommandError(argv, "XGROUP"))
			return
		}
	}
	s, _, ok := c.xgroupLookup(argv, mkstream, false)
	if !ok {
		return
	}
	if len(argv) > 8 {
		c.errorReply(subcommandError(argv, "XGROUP"))
		return
	}
	var id datastruct.StreamID
	if string(argv[4]) == "$" {
		if s != nil {
			id = s.LastID
		}
	} else if id, ok = c.streamIDArg(argv[4], 0, true); !ok {
		return
	}
	if s == nil {
		s = c.streamCreate(argv[2])
		c.modified(argv[2])
	}
	if s.CreateGroup(argv[3], id, entriesRead) == nil {
		c.errorReply(errStreamBusyGroup)
		return
	}
	c.srv.dirty++
	c.reply.OK()
}

func cmdXGroupSetID(c *Client, argv [][]byte) {
	s, g, ok := c.xgroupLookup(argv, false, true)
	if !ok {
		return
	}
	if len(argv) != 5 && len(argv) != 7 {
		c.errorReply(subcommandError(argv, "XGROUP"))
		return
	}
	var id datastruct.StreamID
	if string(argv[4]) == "$" {
		id = s.LastID
	} else if id, ok = c.streamIDArg(argv[4], 0, false); !ok {
		return
	}
	entriesRead := int64(scgInvalidEntriesRead)
	if len(argv) == 7 {
		if !isOpt(argv[5], "entriesread") {
			c.errorReply(subcommandError(argv, "XGROUP"))
			return
		}
		n, ok := c.intArg(argv[6], math.MinInt64, math.MaxInt64, "")
		if !ok {
			return
		}
		if n < 0 && n != scgInvalidEntriesRead {
			c.errorReply(errStreamEntriesRead)
			return
		}
		entriesRead = n
	}
	g.LastID, g.EntriesRead = id, entriesRead
	c.srv.dirty++
	c.reply.OK()
}

func cmdXGroupDestroy(c *Client, argv [][]byte) {
	s, g, ok := c.xgroupLookup(argv, false, false)
	if !ok {
		return
	}
	if g == nil {
		c.reply.Int(0)
		return
	}
	s.DestroyGroup(argv[3])
	c.srv.dirty++
	// Blocked XREADGROUP clients get -NOGROUP.
	if len(c.srv.blocked) > 0 {
		c.srv.keyReady(c.db, argv[2])
	}
	c.reply.Int(1)
}

func cmdXGroupCreateConsumer(c *Client, argv [][]byte) {
	s, g, ok := c.xgroupLookup(argv, false, true)
	if !ok {
		return
	}
	if s.CreateConsumer(g, argv[4], c.srv.clock.nowMs()) == nil {
		c.reply.Int(0)
		return
	}
	c.srv.dirty++
	c.reply.Int(1)
}

func cmdXGroupDelConsumer(c *Client, argv [][]byte) {
	s, g, ok := c.xgroupLookup(argv, false, true)
	if !ok {
		return
	}
	var pending int64
	if cons := g.Consumer(argv[4]); cons != nil {
		pending = s.DeleteConsumer(g, cons)
		c.srv.dirty++
	}
	c.reply.Int(pending)
}

// ---- XREAD, XREADGROUP ----

func cmdXRead(c *Client, argv [][]byte)      { xreadGeneric(c, argv, false) }
func cmdXReadGroup(c *Client, argv [][]byte) { xreadGeneric(c, argv, true) }

// xreadGeneric is Redis's xreadCommand, and also the serving of a client
// blocked in it (serveClientsBlockedOnStreamKey) when re-run.
func xreadGeneric(c *Client, argv [][]byte, group bool) {
	timeout := int64(-1)
	var count int64
	streamsArg, nStreams := 0, 0
	noack := false
	var groupName, consumerName []byte
	for i := 1; i < len(argv); i++ {
		more := len(argv) - i - 1
		o := argv[i]
		switch {
		case isOpt(o, "block") && more > 0:
			if c == c.srv.scripts.client {
				// As Redis: no sense in BLOCK within a script, said at once.
				c.errorReply("ERR " + string(argv[0]) + " command is not allowed with BLOCK option from scripts")
				return
			}
			i++
			n, ok := datastruct.ParseInt(argv[i])
			if !ok {
				c.errorReply(errStreamTimeoutInt)
				return
			}
			if n < 0 {
				c.errorReply(errTimeoutNegative)
				return
			}
			timeout = n
		case isOpt(o, "count") && more > 0:
			i++
			n, ok := c.intArg(argv[i], math.MinInt64, math.MaxInt64, "")
			if !ok {
				return
			}
			count = max(n, 0)
		case isOpt(o, "streams") && more > 0:
			streamsArg = i + 1
			nStreams = len(argv) - streamsArg
			if nStreams%2 != 0 {
				// Redis 7.0 says XREAD and '$' for XREADGROUP too.
				c.errorReply("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.")
				return
			}
			nStreams /= 2
			i = len(argv)
		case isOpt(o, "group") && more >= 2:
			if !group {
				c.errorReply(errStreamGroupOpt)
				return
			}
			groupName, consumerName = argv[i+1], argv[i+2]
			i += 2
		case isOpt(o, "noack"):
			if !group {
				c.errorReply(errStreamNoAckOpt)
				return
			}
			noack = true
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	if streamsArg == 0 {
		c.errorReply(errSyntax)
		return
	}
	if group && groupName == nil {
		c.errorReply(errStreamMissGroup)
		return
	}
	keys := argv[streamsArg : streamsArg+nStreams]
	idArgs := argv[streamsArg+nStreams:]

	if c.reprocessing {
		c.xreadServeBlocked(keys, idArgs, groupName, consumerName, count, noack)
		return
	}

	ids := make([]datastruct.StreamID, nStreams)
	groups := make([]*datastruct.ConsumerGroup, nStreams)
	newOnly := make([]bool, nStreams) // XREADGROUP's ">"
	for i, key := range keys {
		e := c.lookupRead(key)
		var s *datastruct.Stream
		if e != nil {
			var ok bool
			if s, ok = streamOf(e); !ok {
				c.errorReply(errWrongType)
				return
			}
		}
		if group {
			if s == nil || s.Group(groupName) == nil {
				c.errorReply("NOGROUP No such key '" + string(cstr(key)) + "' or consumer group '" + string(cstr(groupName)) + "' in XREADGROUP with GROUP option")
				return
			}
			groups[i] = s.Group(groupName)
		}
		switch string(idArgs[i]) {
		case "$":
			if group {
				c.errorReply(errStreamDollarGroup)
				return
			}
			if s != nil {
				ids[i] = s.LastID
			}
			continue
		case ">":
			if !group {
				c.errorReply(errStreamGTNoGroup)
				return
			}
			ids[i], newOnly[i] = datastruct.MaxStreamID, true
			continue
		}
		id, ok := c.streamIDArg(idArgs[i], 0, true)
		if !ok {
			return
		}
		ids[i] = id
	}

	// Serve synchronously what can be.
	type served struct {
		i       int
		start   datastruct.StreamID
		history bool
	}
	var serve []served
	for i, key := range keys {
		// A second lookup, counted again in keyspace_hits/misses, as
		// Redis's xreadCommand does.
		e := c.lookupRead(key)
		if e == nil {
			continue
		}
		s, _ := streamOf(e)
		gt := ids[i]
		switch {
		case group && !newOnly[i]:
			serve = append(serve, served{i, gt, true})
		case group && s.Len() > 0:
			if s.LastLiveID().Compare(groups[i].LastID) > 0 {
				serve = append(serve, served{i, groups[i].LastID, false})
			}
		case !group && s.Len() > 0:
			if s.LastLiveID().Compare(gt) > 0 {
				serve = append(serve, served{i, gt, false})
			}
		}
	}
	if len(serve) > 0 {
		if c.reply.resp != 3 {
			c.reply.Array(len(serve))
		} else {
			c.reply.Map(len(serve))
		}
		for _, sv := range serve {
			key := keys[sv.i]
			s, _ := streamOf(c.lookupNoTouch(key))
			start, _ := sv.start.Incr()
			if c.reply.resp != 3 {
				c.reply.Array(2)
			}
			c.reply.Bulk(key)
			if group {
				g := groups[sv.i]
				cons := c.xreadConsumer(s, key, groupName, g, consumerName, noack)
				if sv.history {
					c.replyConsumerPEL(s, start, count, cons)
				} else {
					c.replyGroupRange(s, key, groupName, g, cons, start, count, noack)
				}
			} else {
				c.replyStreamRange(s, start, datastruct.MaxStreamID, count, false)
			}
		}
		if group {
			c.srv.dirty++
			c.noPropagate = true // XCLAIMs and XGROUP SETIDs go instead
		}
		return
	}
	if timeout == -1 {
		c.reply.NullArray()
		return
	}
	// Block, with "$" resolved now: the re-run reads after it.
	if !group {
		blocked := copyArgv(argv)
		for i := range idArgs {
			blocked[streamsArg+nStreams+i] = ids[i].AppendTo(nil)
		}
		c.currentArgv = blocked
	}
	c.block(keys, time.Duration(timeout)*time.Millisecond, func(c *Client) { c.reply.NullArray() })
}

// xreadConsumer finds or creates the consumer and marks it seen. A
// consumer created under NOACK is propagated as XGROUP CREATECONSUMER:
// no XCLAIM would create it (streamPropagateConsumerCreation).
func (c *Client) xreadConsumer(s *datastruct.Stream, key, groupName []byte, g *datastruct.ConsumerGroup, name []byte, noack bool) *datastruct.Consumer {
	now := c.srv.clock.nowMs()
	cons := g.Consumer(name)
	if cons == nil {
		cons = s.CreateConsumer(g, name, now)
		if noack {
			c.propagateAs(wordXGroup, []byte("CREATECONSUMER"), copyBytes(key), copyBytes(groupName), copyBytes(name))
		}
	}
	cons.SeenTime = now
	return cons
}

// xreadServeBlocked serves a blocked XREAD or XREADGROUP from the key
// that became ready, as serveClientsBlockedOnStreamKey.
func (c *Client) xreadServeBlocked(keys, idArgs [][]byte, groupName, consumerName []byte, count int64, noack bool) {
	var key, idArg []byte
	for i, k := range keys {
		if string(k) == c.servingKey {
			key, idArg = k, idArgs[i]
			break
		}
	}
	e := c.lookupNoTouch(key)
	var s *datastruct.Stream
	if e != nil {
		s, _ = streamOf(e)
	}
	if s == nil {
		if groupName != nil {
			// Redis 7.0.15 unblocks a consumer whose stream is gone.
			c.errorReply(errStreamKeyGone)
			return
		}
		c.stillBlocked = true
		return
	}
	var gt datastruct.StreamID
	var g *datastruct.ConsumerGroup
	if groupName != nil {
		if g = s.Group(groupName); g == nil {
			c.errorReply(errStreamGroupGone)
			return
		}
		gt = g.LastID
	} else {
		gt, _ = parseStreamID(idArg, 0, true, nil)
	}
	if s.LastID.Compare(gt) <= 0 {
		c.stillBlocked = true
		return
	}
	start, _ := gt.Incr()
	if count == 0 {
		count = xreadBlockedDefaultCount
	}
	if c.reply.resp != 3 {
		c.reply.Array(1)
		c.reply.Array(2)
	} else {
		c.reply.Map(1)
	}
	c.reply.Bulk(key)
	if g != nil {
		cons := c.xreadConsumer(s, key, groupName, g, consumerName, noack)
		c.replyGroupRange(s, key, groupName, g, cons, start, count, noack)
		c.srv.dirty++
		c.noPropagate = true
	} else {
		c.replyStreamRange(s, start, datastruct.MaxStreamID, count, false)
	}
}

// replyGroupRange is streamReplyWithRange for a group reading new
// entries: it moves the group's last ID, adds the entries to the PELs
// (unless noack) and propagates XCLAIMs and an XGROUP SETID.
func (c *Client) replyGroupRange(s *datastruct.Stream, key, groupName []byte, g *datastruct.ConsumerGroup, cons *datastruct.Consumer, start datastruct.StreamID, count int64, noack bool) {
	type item struct {
		id   datastruct.StreamID
		data []byte
	}
	var items []item
	s.Range(start, datastruct.MaxStreamID, false, func(id datastruct.StreamID, data []byte) bool {
		items = append(items, item{id, data})
		return count == 0 || int64(len(items)) < count
	})
	now := c.srv.clock.nowMs()
	propagateLastID := false
	c.reply.Array(len(items))
	var scratch [][]byte
	for _, it := range items {
		if it.id.Compare(g.LastID) > 0 {
			if g.EntriesRead != scgInvalidEntriesRead && !rangeHasTombstones(s, it.id) {
				g.EntriesRead++
			} else if s.EntriesAdded != 0 {
				g.EntriesRead = estimateDistance(s, it.id)
			}
			g.LastID = it.id
			// Without NOACK the XCLAIMs carry the last ID (LASTID).
			propagateLastID = noack
		}
		c.replyStreamEntry(it.id, it.data, &scratch)
		if !noack {
			pe := s.AddPending(g, cons, it.id, now, 1)
			c.propagateXClaim(key, groupName, g, it.id, pe)
		}
	}
	if propagateLastID {
		c.propagateGroupID(key, groupName, g)
	}
}

// replyConsumerPEL is streamReplyWithRangeFromConsumerPEL: a consumer's
// history, with a null for entries deleted meanwhile.
func (c *Client) replyConsumerPEL(s *datastruct.Stream, start datastruct.StreamID, count int64, cons *datastruct.Consumer) {
	var ids []datastruct.StreamID
	cons.PEL.Ascend(start, func(id datastruct.StreamID, _ *datastruct.PendingEntry) bool {
		if count != 0 && int64(len(ids)) >= count {
			return false
		}
		ids = append(ids, id)
		return true
	})
	now := c.srv.clock.nowMs()
	c.reply.Array(len(ids))
	var scratch [][]byte
	for _, id := range ids {
		data, ok := s.Get(id)
		if !ok {
			c.reply.Array(2)
			c.replyStreamID(id)
			c.reply.NullArray()
			continue
		}
		c.replyStreamEntry(id, data, &scratch)
		pe, _ := cons.PEL.Get(id)
		pe.DeliveryTime = now
		pe.DeliveryCount++
	}
}

// ---- XACK, XPENDING, XCLAIM, XAUTOCLAIM ----

func cmdXAck(c *Client, argv [][]byte) {
	s, ok := c.streamRead(argv[1])
	if !ok {
		return
	}
	var g *datastruct.ConsumerGroup
	if s != nil {
		g = s.Group(argv[2])
	}
	if g == nil {
		c.reply.Int(0)
		return
	}
	ids := make([]datastruct.StreamID, 0, len(argv)-3)
	for _, a := range argv[3:] {
		id, ok := c.streamIDArg(a, 0, true)
		if !ok {
			return
		}
		ids = append(ids, id)
	}
	var acked int64
	for _, id := range ids {
		if s.Ack(g, id) {
			acked++
		}
	}
	if acked > 0 {
		c.srv.dirty++
	}
	c.reply.Int(acked)
}

func cmdXPending(c *Client, argv [][]byte) {
	justInfo := len(argv) == 3
	if len(argv) != 3 && (len(argv) < 6 || len(argv) > 9) {
		c.errorReply(errSyntax)
		return
	}
	var start, end datastruct.StreamID
	var count, minIdle int64
	var consumerName []byte
	if len(argv) >= 6 {
		startIdx := 3
		if isOpt(argv[3], "idle") {
			n, ok := c.intArg(argv[4], math.MinInt64, math.MaxInt64, "")
			if !ok {
				return
			}
			minIdle = n
			if len(argv) < 8 {
				c.errorReply(errSyntax)
				return
			}
			startIdx += 2
		}
		n, ok := c.intArg(argv[startIdx+2], math.MinInt64, math.MaxInt64, "")
		if !ok {
			return
		}
		count = max(n, 0)
		var ex bool
		if start, ex, ok = c.parseIntervalID(argv[startIdx], 0); !ok {
			return
		}
		if ex {
			if start, ok = start.Incr(); !ok {
				c.errorReply(errStreamStartID)
				return
			}
		}
		if end, ex, ok = c.parseIntervalID(argv[startIdx+1], math.MaxUint64); !ok {
			return
		}
		if ex {
			if end, ok = end.Decr(); !ok {
				c.errorReply(errStreamEndID)
				return
			}
		}
		if startIdx+3 < len(argv) {
			consumerName = argv[startIdx+3]
		}
	}
	s, ok := c.streamRead(argv[1])
	if !ok {
		return
	}
	var g *datastruct.ConsumerGroup
	if s != nil {
		g = s.Group(argv[2])
	}
	if g == nil {
		c.errorReply(errNoKeyOrGroup(argv[1], argv[2]))
		return
	}
	if justInfo {
		c.reply.Array(4)
		c.reply.Int(int64(g.PEL.Len()))
		if g.PEL.Len() == 0 {
			c.reply.Null()
			c.reply.Null()
			c.reply.NullArray()
			return
		}
		first, _ := g.PEL.Min()
		last, _ := g.PEL.Max()
		c.replyStreamID(first)
		c.replyStreamID(last)
		n := 0
		g.Consumers.Scan(func(_ string, cons *datastruct.Consumer) bool {
			if cons.PEL.Len() > 0 {
				n++
			}
			return true
		})
		c.reply.Array(n)
		g.Consumers.Scan(func(name string, cons *datastruct.Consumer) bool {
			if cons.PEL.Len() > 0 {
				c.reply.Array(2)
				c.reply.BulkString(name)
				c.reply.BulkInt(int64(cons.PEL.Len()))
			}
			return true
		})
		return
	}
	pel := g.PEL
	if consumerName != nil {
		cons := g.Consumer(consumerName)
		if cons == nil {
			c.reply.Array(0)
			return
		}
		pel = cons.PEL
	}
	now := c.srv.clock.nowMs()
	type row struct {
		id datastruct.StreamID
		pe *datastruct.PendingEntry
	}
	var rows []row
	pel.Ascend(start, func(id datastruct.StreamID, pe *datastruct.PendingEntry) bool {
		if count == 0 || id.Compare(end) > 0 {
			return false
		}
		if minIdle != 0 && now-pe.DeliveryTime < minIdle {
			return true
		}
		rows = append(rows, row{id, pe})
		count--
		return true
	})
	c.reply.Array(len(rows))
	for _, r := range rows {
		c.reply.Array(4)
		c.replyStreamID(r.id)
		c.reply.BulkString(r.pe.Consumer.Name)
		c.reply.Int(max(now-r.pe.DeliveryTime, 0))
		c.reply.Int(r.pe.DeliveryCount)
	}
}

func cmdXClaim(c *Client, argv [][]byte) {
	s, ok := c.streamRead(argv[1])
	if !ok {
		return
	}
	var g *datastruct.ConsumerGroup
	if s != nil {
		g = s.Group(argv[2])
	}
	if g == nil {
		c.errorReply(errNoKeyOrGroup(argv[1], argv[2]))
		return
	}
	minIdle, ok := c.intArg(argv[4], math.MinInt64, math.MaxInt64, "ERR Invalid min-idle-time argument for XCLAIM")
	if !ok {
		return
	}
	minIdle = max(minIdle, 0)
	var ids []datastruct.StreamID
	j := 5
	for ; j < len(argv); j++ {
		id, ok := parseStreamID(argv[j], 0, true, nil)
		if !ok {
			break
		}
		ids = append(ids, id)
	}
	now := c.srv.clock.nowMs()
	deliveryTime, retryCount := int64(-1), int64(-1)
	force, justID := false, false
	var lastID datastruct.StreamID
	for ; j < len(argv); j++ {
		more := len(argv) - 1 - j
		opt := argv[j]
		switch {
		case isOpt(opt, "force"):
			force = true
		case isOpt(opt, "justid"):
			justID = true
		case isOpt(opt, "idle") && more > 0:
			j++
			n, ok := c.intArg(argv[j], math.MinInt64, math.MaxInt64, "ERR Invalid IDLE option argument for XCLAIM")
			if !ok {
				return
			}
			deliveryTime = now - n
		case isOpt(opt, "time") && more > 0:
			j++
			n, ok := c.intArg(argv[j], math.MinInt64, math.MaxInt64, "ERR Invalid TIME option argument for XCLAIM")
			if !ok {
				return
			}
			deliveryTime = n
		case isOpt(opt, "retrycount") && more > 0:
			j++
			n, ok := c.intArg(argv[j], math.MinInt64, math.MaxInt64, "ERR Invalid RETRYCOUNT option argument for XCLAIM")
			if !ok {
				return
			}
			retryCount = n
		case isOpt(opt, "lastid") && more > 0:
			j++
			id, ok := c.streamIDArg(argv[j], 0, true)
			if !ok {
				return
			}
			lastID = id
		default:
			c.errorReply("ERR Unrecognized XCLAIM option '" + string(cstr(opt)) + "'")
			return
		}
	}
	propagateLastID := false
	if lastID.Compare(g.LastID) > 0 {
		g.LastID = lastID
		propagateLastID = true
	}
	if deliveryTime != -1 {
		if deliveryTime < 0 || deliveryTime > now {
			deliveryTime = now
		}
	} else {
		deliveryTime = now
	}
	var cons *datastruct.Consumer
	type claimed struct {
		id   datastruct.StreamID
		data []byte
	}
	var out []claimed
	for _, id := range ids {
		pe, found := g.PEL.Get(id)
		data, exists := s.Get(id)
		if !exists {
			if found {
				c.propagateXClaim(argv[1], argv[2], g, id, pe)
				propagateLastID = false
				c.srv.dirty++
				s.Ack(g, id)
			}
			continue
		}
		if force && !found {
			if cons == nil {
				cons = c.claimConsumer(s, g, argv[3])
			}
			pe = s.AddPending(g, cons, id, deliveryTime, 0)
			found = true
		} else if found && minIdle != 0 && now-pe.DeliveryTime < minIdle {
			continue
		}
		if !found {
			continue
		}
		if cons == nil {
			cons = c.claimConsumer(s, g, argv[3])
		}
		s.MovePending(id, pe, cons)
		pe.DeliveryTime = deliveryTime
		if retryCount >= 0 {
			pe.DeliveryCount = retryCount
		} else if !justID {
			pe.DeliveryCount++
		}
		out = append(out, claimed{id, data})
		c.propagateXClaim(argv[1], argv[2], g, id, pe)
		propagateLastID = false
		c.srv.dirty++
	}
	if propagateLastID {
		c.propagateGroupID(argv[1], argv[2], g)
		c.srv.dirty++
	}
	c.noPropagate = true
	c.reply.Array(len(out))
	var scratch [][]byte
	for _, o := range out {
		if justID {
			c.replyStreamID(o.id)
		} else {
			c.replyStreamEntry(o.id, o.data, &scratch)
		}
	}
}

// claimConsumer finds or creates the claiming consumer.
func (c *Client) claimConsumer(s *datastruct.Stream, g *datastruct.ConsumerGroup, name []byte) *datastruct.Consumer {
	cons := g.Consumer(name)
	if cons == nil {
		cons = s.CreateConsumer(g, name, c.srv.clock.nowMs())
	}
	return cons
}

func cmdXAutoClaim(c *Client, argv [][]byte) {
	minIdle, ok := c.intArg(argv[4], math.MinInt64, math.MaxInt64, "ERR Invalid min-idle-time argument for XAUTOCLAIM")
	if !ok {
		return
	}
	minIdle = max(minIdle, 0)
	start, ex, ok := c.parseIntervalID(argv[5], 0)
	if !ok {
		return
	}
	if ex {
		if start, ok = start.Incr(); !ok {
			c.errorReply(errStreamStartID)
			return
		}
	}
	count := int64(100)
	justID := false
	for j := 6; j < len(argv); j++ {
		more := len(argv) - 1 - j
		switch opt := argv[j]; {
		case isOpt(opt, "count") && more > 0:
			n, ok := c.intArg(argv[j+1], 1, math.MaxInt64/16, errStreamCountPos)
			if !ok {
				return
			}
			count = n
			j++
		case isOpt(opt, "justid"):
			justID = true
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	s, ok := c.streamRead(argv[1])
	if !ok {
		return
	}
	var g *datastruct.ConsumerGroup
	if s != nil {
		g = s.Group(argv[2])
	}
	if g == nil {
		c.errorReply(errNoKeyOrGroup(argv[1], argv[2]))
		return
	}
	attempts := count * 10
	now := c.srv.clock.nowMs()
	// The PEL from start, one past what the attempts can reach: the
	// next one is the cursor.
	var pending []datastruct.StreamID
	g.PEL.Ascend(start, func(id datastruct.StreamID, _ *datastruct.PendingEntry) bool {
		pending = append(pending, id)
		return int64(len(pending)) <= attempts
	})
	var cons *datastruct.Consumer
	type claimed struct {
		id   datastruct.StreamID
		data []byte
	}
	var out []claimed
	var deleted []datastruct.StreamID
	next := 0
	for attempts > 0 && count > 0 && next < len(pending) {
		attempts--
		id := pending[next]
		next++
		pe, _ := g.PEL.Get(id)
		data, exists := s.Get(id)
		if !exists {
			c.propagateXClaim(argv[1], argv[2], g, id, pe)
			c.srv.dirty++
			s.Ack(g, id)
			deleted = append(deleted, id)
			count--
			continue
		}
		if minIdle != 0 && now-pe.DeliveryTime < minIdle {
			continue
		}
		if cons == nil {
			cons = c.claimConsumer(s, g, argv[3])
		}
		s.MovePending(id, pe, cons)
		pe.DeliveryTime = now
		if !justID {
			pe.DeliveryCount++
		}
		out = append(out, claimed{id, data})
		count--
		c.propagateXClaim(argv[1], argv[2], g, id, pe)
		c.srv.dirty++
	}
	if attempts == 0 && next < len(pending) || count == 0 && next < len(pending) {
		// Past the loop's end, not the PEL's: keep the cursor.
	}
	var cursor datastruct.StreamID
	if next < len(pending) {
		cursor = pending[next]
	}
	c.noPropagate = true
	c.reply.Array(3)
	c.replyStreamID(cursor)
	c.reply.Array(len(out))
	var scratch [][]byte
	for _, o := range out {
		if justID {
			c.replyStreamID(o.id)
		} else {
			c.replyStreamEntry(o.id, o.data, &scratch)
		}
	}
	c.reply.Array(len(deleted))
	for _, id := range deleted {
		c.replyStreamID(id)
	}
}

// ---- XINFO ----

func cmdXInfoHelp(c *Client, argv [][]byte) {
	c.helpReply("XINFO",
		"CONSUMERS <key> <groupname>",
		"    Show consumers of <groupname>.",
		"GROUPS <key>",
		"    Show the stream consumer groups.",
		"STREAM <key> [FULL [COUNT <count>]",
		"    Show information about the stream.")
}

// xinfoStream looks the key up for XINFO: "ERR no such key" if missing.
func (c *Client) xinfoStream(key []byte) *datastruct.Stream {
	s, ok := c.streamRead(key)
	if !ok {
		return nil
	}
	if s == nil {
		c.errorReply(errNoSuchKey)
	}
	return s
}

func cmdXInfoConsumers(c *Client, argv [][]byte) {
	s := c.xinfoStream(argv[2])
	if s == nil {
		return
	}
	g := s.Group(argv[3])
	if g == nil {
		c.errorReply(errNoGroupForKey(argv[3], argv[2]))
		return
	}
	now := c.srv.clock.nowMs()
	c.reply.Array(g.Consumers.Len())
	g.Consumers.Scan(func(name string, cons *datastruct.Consumer) bool {
		c.reply.Map(3)
		c.reply.BulkString("name")
		c.reply.BulkString(name)
		c.reply.BulkString("pending")
		c.reply.Int(int64(cons.PEL.Len()))
		c.reply.BulkString("idle")
		c.reply.Int(max(now-cons.SeenTime, 0))
		return true
	})
}

func cmdXInfoGroups(c *Client, argv [][]byte) {
	s := c.xinfoStream(argv[2])
	if s == nil {
		return
	}
	names := s.GroupNames()
	c.reply.Array(len(names))
	for _, name := range names {
		g := s.Group(bytesOf(name))
		c.reply.Map(6)
		c.reply.BulkString("name")
		c.reply.BulkString(name)
		c.reply.BulkString("consumers")
		c.reply.Int(int64(g.Consumers.Len()))
		c.reply.BulkString("pending")
		c.reply.Int(int64(g.PEL.Len()))
		c.reply.BulkString("last-delivered-id")
		c.replyStreamID(g.LastID)
		c.reply.BulkString("entries-read")
		c.replyEntriesRead(g)
		c.reply.BulkString("lag")
		c.replyGroupLag(s, g)
	}
}

func (c *Client) replyEntriesRead(g *datastruct.ConsumerGroup) {
	if g.EntriesRead != scgInvalidEntriesRead {
		c.reply.Int(g.EntriesRead)
	} else {
		c.reply.Null()
	}
}

func cmdXInfoStream(c *Client, argv [][]byte) {
	full := false
	count := int64(10)
	if len(argv) > 3 {
		if !isOpt(argv[3], "full") {
			c.errorReply(subcommandError(argv, "XINFO"))
			return
		}
		full = true
		for i := 4; i < len(argv); {
			if isOpt(argv[i], "count") && i+1 < len(argv) {
				n, ok := c.intArg(argv[i+1], math.MinInt64, math.MaxInt64, "")
				if !ok {
					return
				}
				if n < 0 {
					n = 10
				}
				count = n
				i += 2
			} else {
				c.errorReply(subcommandError(argv, "XINFO"))
				return
			}
		}
	}
	s := c.xinfoStream(argv[2])
	if s == nil {
		return
	}
	if full {
		c.reply.Map(9)
	} else {
		c.reply.Map(10)
	}
	c.reply.BulkString("length")
	c.reply.Int(s.Len())
	c.reply.BulkString("radix-tree-keys")
	c.reply.Int(int64(s.NodeCount()))
	c.reply.BulkString("radix-tree-nodes")
	c.reply.Int(s.RaxNodes())
	c.reply.BulkString("last-generated-id")
	c.replyStreamID(s.LastID)
	c.reply.BulkString("max-deleted-entry-id")
	c.replyStreamID(s.MaxDeletedID)
	c.reply.BulkString("entries-added")
	c.reply.Int(s.EntriesAdded)
	c.reply.BulkString("recorded-first-entry-id")
	c.replyStreamID(s.FirstID())
	if !full {
		c.reply.BulkString("groups")
		c.reply.Int(int64(s.GroupCount()))
		var scratch [][]byte
		c.reply.BulkString("first-entry")
		found := false
		s.Range(datastruct.StreamID{}, datastruct.MaxStreamID, false, func(id datastruct.StreamID, data []byte) bool {
			c.replyStreamEntry(id, data, &scratch)
			found = true
			return false
		})
		if !found {
			c.reply.Null()
		}
		c.reply.BulkString("last-entry")
		found = false
		s.Range(datastruct.StreamID{}, datastruct.MaxStreamID, true, func(id datastruct.StreamID, data []byte) bool {
			c.replyStreamEntry(id, data, &scratch)
			found = true
			return false
		})
		if !found {
			c.reply.Null()
		}
		return
	}
	c.reply.BulkString("entries")
	c.replyStreamRange(s, datastruct.StreamID{}, datastruct.MaxStreamID, count, false)
	c.reply.BulkString("groups")
	names := s.GroupNames()
	c.reply.Array(len(names))
	for _, name := range names {
		g := s.Group(bytesOf(name))
		c.reply.Map(7)
		c.reply.BulkString("name")
		c.reply.BulkString(name)
		c.reply.BulkString("last-delivered-id")
		c.replyStreamID(g.LastID)
		c.reply.BulkString("entries-read")
		c.replyEntriesRead(g)
		c.reply.BulkString("lag")
		c.replyGroupLag(s, g)
		c.reply.BulkString("pel-count")
		c.reply.Int(int64(g.PEL.Len()))
		c.reply.BulkString("pending")
		n := g.PEL.Len()
		if count != 0 {
			n = min(n, int(count))
		}
		c.reply.Array(n)
		i := 0
		g.PEL.Scan(func(id datastruct.StreamID, pe *datastruct.PendingEntry) bool {
			if i >= n {
				return false
			}
			i++
			c.reply.Array(4)
			c.replyStreamID(id)
			c.reply.BulkString(pe.Consumer.Name)
			c.reply.Int(pe.DeliveryTime)
			c.reply.Int(pe.DeliveryCount)
			return true
		})
		c.reply.BulkString("consumers")
		c.reply.Array(g.Consumers.Len())
		g.Consumers.Scan(func(cname string, cons *datastruct.Consumer) bool {
			c.reply.Map(4)
			c.reply.BulkString("name")
			c.reply.BulkString(cname)
			c.reply.BulkString("seen-time")
			c.reply.Int(cons.SeenTime)
			c.reply.BulkString("pel-count")
			c.reply.Int(int64(cons.PEL.Len()))
			c.reply.BulkString("pending")
			n := cons.PEL.Len()
			if count != 0 {
				n = min(n, int(count))
			}
			c.reply.Array(n)
			i := 0
			cons.PEL.Scan(func(id datastruct.StreamID, pe *datastruct.PendingEntry) bool {
				if i >= n {
					return false
				}
				i++
				c.reply.Array(3)
				c.replyStreamID(id)
				c.reply.Int(pe.DeliveryTime)
				c.reply.Int(pe.DeliveryCount)
				return true
			})
			return true
		})
	}
}
