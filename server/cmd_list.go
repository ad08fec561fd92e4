package server

import (
	"bytes"
	"strconv"
	"time"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// List commands, after Redis 7.0's t_list.c.
//
// A list lives in Entry.Obj as a *datastruct.List; OBJECT ENCODING says
// "quicklist", as Redis 7.0 does for every list. An emptied list is
// deleted. Writes count for the save rules as Redis counts them (one per
// element pushed or popped), and the commands that are not
// deterministic, or that block, go to the AOF in the forms Redis 7.0
// propagates: BLPOP as LPOP, BLMPOP and LMPOP as LPOP or RPOP with the
// number popped, BLMOVE as LMOVE, BRPOPLPUSH as RPOPLPUSH.

const (
	errLRankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"
	errLCountNeg = "ERR COUNT can't be negative"
	errLMaxlen   = "ERR MAXLEN can't be negative"
	errLIndex    = "ERR index out of range"
)

// Words of the forms the list commands propagate. A blocked BLMOVE that
// is served goes to the AOF with Redis's shared lower-case "left" and
// "right"; one served at once keeps the words as sent.
var (
	wordLPop      = []byte("LPOP")
	wordRPop      = []byte("RPOP")
	wordLMove     = []byte("LMOVE")
	wordRPopLPush = []byte("RPOPLPUSH")
	wordLeft      = []byte("left")
	wordRight     = []byte("right")
)

// listOf returns the list an entry holds, or false for another type.
func listOf(e *datastruct.Entry) (*datastruct.List, bool) {
	l, ok := e.Obj.(*datastruct.List)
	return l, ok
}

// listRead looks a list up for reading, counting the hit or miss. It
// returns nil for a missing key, and false after a WRONGTYPE reply.
func (c *Client) listRead(key []byte) (*datastruct.List, bool) {
	return valueOf[*datastruct.List](c, c.lookupRead(key))
}

// listWrite is listRead for a command that changes the list: no hit or
// miss is counted (lookupKeyWrite).
func (c *Client) listWrite(key []byte) (*datastruct.List, bool) {
	return valueOf[*datastruct.List](c, c.lookup(key))
}

// listCreate adds key with an empty list.
func (c *Client) listCreate(key []byte) *datastruct.List {
	e := c.db.keys.Add(key)
	c.srv.initAccess(e)
	l := datastruct.NewList()
	e.Obj = l
	return l
}

// listChanged ends a write to the list at key: an emptied list is
// deleted, WATCH and the blocked clients see the change, and it counts
// changes for the save rules (0 still signals the key, as LTRIM does
// when it removes nothing, and then nothing goes to the AOF).
func (c *Client) listChanged(key []byte, l *datastruct.List, changes int) {
	if l.Len() == 0 {
		c.db.keys.Delete(key)
	}
	c.modified(key)
	c.srv.dirty += int64(changes) - 1
}

// listIndex turns a Redis index (negative from the tail) into a position,
// which may be out of range.
func listIndex(l *datastruct.List, index int64) int {
	if index < 0 {
		index += int64(l.Len())
		if index < 0 {
			return -1
		}
	}
	if index > int64(l.Len()) {
		return l.Len()
	}
	return int(index)
}

// listRange clamps start and end as LRANGE and LTRIM do; empty reports
// an empty range.
func listRange(start, end int64, llen int) (from, to int, empty bool) {
	n := int64(llen)
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	if start < 0 {
		start = 0
	}
	if start > end || start >= n {
		return 0, 0, true
	}
	if end >= n {
		end = n - 1
	}
	return int(start), int(end), false
}

// ---- LPUSH, RPUSH, LPUSHX, RPUSHX ----

func cmdLPush(c *Client, argv [][]byte)  { pushGeneric(c, argv, true, false) }
func cmdRPush(c *Client, argv [][]byte)  { pushGeneric(c, argv, false, false) }
func cmdLPushX(c *Client, argv [][]byte) { pushGeneric(c, argv, true, true) }
func cmdRPushX(c *Client, argv [][]byte) { pushGeneric(c, argv, false, true) }

func pushGeneric(c *Client, argv [][]byte, front, onlyExisting bool) {
	key := argv[1]
	l, ok := c.listWrite(key)
	if !ok {
		return
	}
	if l == nil {
		if onlyExisting {
			c.reply.Int(0)
			return
		}
		l = c.listCreate(key)
	}
	for _, v := range argv[2:] {
		if front {
			l.PushFront(v)
		} else {
			l.PushBack(v)
		}
	}
	c.reply.Int(int64(l.Len()))
	c.listChanged(key, l, len(argv)-2)
}

// ---- LPOP, RPOP ----

func cmdLPop(c *Client, argv [][]byte) { popGeneric(c, argv, true) }
func cmdRPop(c *Client, argv [][]byte) { popGeneric(c, argv, false) }

func popGeneric(c *Client, argv [][]byte, front bool) {
	if len(argv) > 3 {
		c.errorReply("ERR wrong number of arguments for '" + c.current.Name + "' command")
		return
	}
	hasCount := len(argv) == 3
	var count int64
	if hasCount {
		var ok bool
		if count, ok = c.positiveArg(argv[2], errZPositive); !ok {
			return
		}
	}
	key := argv[1]
	l, ok := c.listWrite(key)
	if !ok {
		return
	}
	if l == nil {
		if hasCount {
			c.reply.NullArray()
		} else {
			c.reply.Null()
		}
		return
	}
	if !hasCount {
		c.reply.Bulk(listPop(l, front))
		c.listChanged(key, l, 1)
		return
	}
	if count == 0 {
		c.reply.Array(0)
		return
	}
	n := popRangeReply(c, l, front, count)
	c.listChanged(key, l, n)
}

func listPop(l *datastruct.List, front bool) []byte {
	var v []byte
	if front {
		v, _ = l.PopFront()
	} else {
		v, _ = l.PopBack()
	}
	return v
}

// popRangeReply pops up to count elements from one end of l, replying
// with them in the order popped. It returns how many it popped.
func popRangeReply(c *Client, l *datastruct.List, front bool, count int64) int {
	n := int(min(count, int64(l.Len())))
	r := &c.reply
	r.Array(n)
	if front {
		l.Range(0, false, func(i int, v []byte) bool {
			r.Bulk(v)
			return i+1 < n
		})
		l.Trim(n, 0)
	} else {
		last := l.Len() - 1
		l.Range(last, true, func(i int, v []byte) bool {
			r.Bulk(v)
			return last-i+1 < n
		})
		l.Trim(0, n)
	}
	return n
}

// ---- LMPOP ----

// cmdLMPop goes to the AOF as LPOP or RPOP with the number popped.
func cmdLMPop(c *Client, argv [][]byte) {
	keys, front, count, ok := parseLMPop(c, argv[1:])
	if !ok {
		return
	}
	for _, key := range keys {
		l, ok := c.listWrite(key)
		if !ok {
			return
		}
		if l != nil {
			mpopFrom(c, key, l, front, count)
			return
		}
	}
	c.reply.NullArray()
}

// mpopFrom pops for LMPOP and BLMPOP: the reply is [key, [elements]].
func mpopFrom(c *Client, key []byte, l *datastruct.List, front bool, count int64) {
	c.reply.Array(2)
	c.reply.Bulk(key)
	n := popRangeReply(c, l, front, count)
	c.listChanged(key, l, n)
	word := wordRPop
	if front {
		word = wordLPop
	}
	c.propagateAs(word, key, strconv.AppendInt(nil, int64(n), 10))
}

// parseLMPop reads "numkeys key [key ...] LEFT|RIGHT [COUNT count]", the
// arguments LMPOP and BLMPOP share.
func parseLMPop(c *Client, args [][]byte) (keys [][]byte, front bool, count int64, ok bool) {
	numkeys, valid := datastruct.ParseInt(args[0])
	if !valid || numkeys < 1 {
		c.errorReply(errZNumkeys)
		return nil, false, 0, false
	}
	whereIdx := 1 + numkeys
	if numkeys >= int64(len(args)) || whereIdx >= int64(len(args)) {
		c.errorReply(errSyntax)
		return nil, false, 0, false
	}
	if front, ok = listWhere(c, args[whereIdx]); !ok {
		return nil, false, 0, false
	}
	count, ok = mpopCount(c, args[whereIdx+1:])
	return args[1:whereIdx], front, count, ok
}

// listWhere reads LEFT or RIGHT; front is LEFT.
func listWhere(c *Client, arg []byte) (front, ok bool) {
	switch {
	case isOpt(arg, "left"):
		return true, true
	case isOpt(arg, "right"):
		return false, true
	}
	c.errorReply(errSyntax)
	return false, false
}

// ---- LLEN, LINDEX, LRANGE ----

func cmdLLen(c *Client, argv [][]byte) {
	l, ok := c.listRead(argv[1])
	if !ok {
		return
	}
	if l == nil {
		c.reply.Int(0)
		return
	}
	c.reply.Int(int64(l.Len()))
}

func cmdLIndex(c *Client, argv [][]byte) {
	l, ok := c.listRead(argv[1])
	if !ok {
		return
	}
	if l == nil {
		c.reply.Null()
		return
	}
	index, ok := c.longArg(argv[2])
	if !ok {
		return
	}
	if v, found := l.Index(listIndex(l, index)); found {
		c.reply.Bulk(v)
	} else {
		c.reply.Null()
	}
}

func cmdLRange(c *Client, argv [][]byte) {
	start, ok := c.longArg(argv[2])
	if !ok {
		return
	}
	end, ok := c.longArg(argv[3])
	if !ok {
		return
	}
	l, ok := c.listRead(argv[1])
	if !ok {
		return
	}
	if l == nil {
		c.reply.Array(0)
		return
	}
	from, to, empty := listRange(start, end, l.Len())
	if empty {
		c.reply.Array(0)
		return
	}
	r := &c.reply
	r.Array(to - from + 1)
	l.Range(from, false, func(i int, v []byte) bool {
		r.Bulk(v)
		return i < to
	})
}

// ---- LSET, LINSERT, LREM, LTRIM ----

func cmdLSet(c *Client, argv [][]byte) {
	key := argv[1]
	l, ok := c.listWrite(key)
	if !ok {
		return
	}
	if l == nil {
		c.errorReply(errNoSuchKey)
		return
	}
	index, ok := c.longArg(argv[2])
	if !ok {
		return
	}
	if !l.Set(listIndex(l, index), argv[3]) {
		c.errorReply(errLIndex)
		return
	}
	c.reply.OK()
	c.listChanged(key, l, 1)
}

func cmdLInsert(c *Client, argv [][]byte) {
	var after bool
	switch {
	case isOpt(argv[2], "after"):
		after = true
	case isOpt(argv[2], "before"):
	default:
		c.errorReply(errSyntax)
		return
	}
	key := argv[1]
	l, ok := c.listWrite(key)
	if !ok {
		return
	}
	if l == nil {
		c.reply.Int(0)
		return
	}
	pivot, at := argv[3], -1
	l.Range(0, false, func(i int, v []byte) bool {
		if bytes.Equal(v, pivot) {
			at = i
			return false
		}
		return true
	})
	if at < 0 {
		c.reply.Int(-1)
		return
	}
	if after {
		at++
	}
	l.Insert(at, argv[4])
	c.listChanged(key, l, 1)
	c.reply.Int(int64(l.Len()))
}

func cmdLRem(c *Client, argv [][]byte) {
	toRemove, ok := c.longArg(argv[2])
	if !ok {
		return
	}
	key := argv[1]
	l, ok := c.listWrite(key)
	if !ok {
		return
	}
	if l == nil {
		c.reply.Int(0)
		return
	}
	fromTail := toRemove < 0
	if fromTail {
		toRemove = -toRemove
		if toRemove < 0 {
			toRemove = 0 // LONG_MIN: Redis's count never matches, so all go
		}
	}
	removed := l.RemoveEqual(argv[3], int(toRemove), fromTail)
	if removed > 0 {
		c.listChanged(key, l, removed)
	}
	c.reply.Int(int64(removed))
}

func cmdLTrim(c *Client, argv [][]byte) {
	start, ok := c.longArg(argv[2])
	if !ok {
		return
	}
	end, ok := c.longArg(argv[3])
	if !ok {
		return
	}
	key := argv[1]
	l, ok := c.listWrite(key)
	if !ok {
		return
	}
	if l == nil {
		c.reply.OK()
		return
	}
	n := l.Len()
	from, to, empty := listRange(start, end, n)
	front, back := n, 0
	if !empty {
		front, back = from, n-to-1
	}
	l.Trim(front, back)
	c.listChanged(key, l, front+back)
	c.reply.OK()
}

// ---- LPOS ----

func cmdLPos(c *Client, argv [][]byte) {
	rank, count, maxlen := int64(1), int64(-1), int64(0)
	for j := 3; j < len(argv); j++ {
		more := j+1 < len(argv)
		var ok bool
		switch {
		case isOpt(argv[j], "rank") && more:
			j++
			if rank, ok = c.longArg(argv[j]); !ok {
				return
			}
			if rank == 0 {
				c.errorReply(errLRankZero)
				return
			}
		case isOpt(argv[j], "count") && more:
			j++
			if count, ok = c.positiveArg(argv[j], errLCountNeg); !ok {
				return
			}
		case isOpt(argv[j], "maxlen") && more:
			j++
			if maxlen, ok = c.positiveArg(argv[j], errLMaxlen); !ok {
				return
			}
		default:
			c.errorReply(errSyntax)
			return
		}
	}
	// A negative rank searches from the tail. Like Redis, -LONG_MIN stays
	// negative, and then every match qualifies.
	reverse := rank < 0
	if reverse {
		rank = -rank
	}
	l, ok := c.listRead(argv[1])
	if !ok {
		return
	}
	if l == nil {
		if count != -1 {
			c.reply.Array(0)
		} else {
			c.reply.Null()
		}
		return
	}
	elem := argv[2]
	start := 0
	if reverse {
		start = l.Len() - 1
	}
	var found []int64
	index, matches, matchIndex := int64(0), int64(0), int64(-1)
	l.Range(start, reverse, func(i int, v []byte) bool {
		if maxlen != 0 && index >= maxlen {
			return false
		}
		if bytes.Equal(v, elem) {
			matches++
			if matches >= rank {
				if count == -1 {
					matchIndex = int64(i)
					return false
				}
				found = append(found, int64(i))
				if count != 0 && matches-rank+1 >= count {
					return false
				}
			}
		}
		index++
		return true
	})
	if count == -1 {
		if matchIndex >= 0 {
			c.reply.Int(matchIndex)
		} else {
			c.reply.Null()
		}
		return
	}
	c.reply.Array(len(found))
	for _, i := range found {
		c.reply.Int(i)
	}
}

// ---- LMOVE, RPOPLPUSH ----

func cmdLMove(c *Client, argv [][]byte) {
	from, ok := listWhere(c, argv[3])
	if !ok {
		return
	}
	to, ok := listWhere(c, argv[4])
	if !ok {
		return
	}
	lmoveGeneric(c, argv[1], argv[2], from, to)
}

func cmdRPopLPush(c *Client, argv [][]byte) { lmoveGeneric(c, argv[1], argv[2], false, true) }

// lmoveGeneric pops from src and pushes to dst, replying with the
// element; a missing src answers nil. A dst of another type is refused
// before anything moves. It reports whether an element moved.
func lmoveGeneric(c *Client, src, dst []byte, fromFront, toFront bool) bool {
	sl, ok := c.listWrite(src)
	if !ok {
		return false
	}
	if sl == nil {
		c.reply.Null()
		return false
	}
	dl, ok := c.listWrite(dst)
	if !ok {
		return false
	}
	// The element is copied out first: src and dst may be one list, and
	// the push would write where the pop left it.
	c.scratch = append(c.scratch[:0], listPop(sl, fromFront)...)
	v := c.scratch
	if dl == nil {
		dl = c.listCreate(dst)
	}
	if toFront {
		dl.PushFront(v)
	} else {
		dl.PushBack(v)
	}
	c.listChanged(dst, dl, 0)
	c.listChanged(src, sl, 1)
	c.reply.Bulk(v)
	return true
}

// ---- BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH ----

func cmdBLPop(c *Client, argv [][]byte) { bpopGeneric(c, argv, true) }
func cmdBRPop(c *Client, argv [][]byte) { bpopGeneric(c, argv, false) }

// bpopGeneric pops one element from the first of the keys that holds a
// list, replying [key, element], or blocks until one is pushed.
func bpopGeneric(c *Client, argv [][]byte, front bool) {
	timeout, ok := c.blockTimeoutArg(argv[len(argv)-1])
	if !ok {
		return
	}
	keys := argv[1 : len(argv)-1]
	key, l, ok := c.firstList(keys)
	if !ok {
		return
	}
	if l != nil {
		c.reply.Array(2)
		c.reply.Bulk(key)
		c.reply.Bulk(listPop(l, front))
		c.listChanged(key, l, 1)
		word := wordRPop
		if front {
			word = wordLPop
		}
		c.propagateAs(word, key)
		return
	}
	c.block(keys, timeout, func(c *Client) { c.reply.NullArray() })
}

func cmdBLMPop(c *Client, argv [][]byte) {
	keys, front, count, ok := parseLMPop(c, argv[2:])
	if !ok {
		return
	}
	timeout, ok := c.blockTimeoutArg(argv[1])
	if !ok {
		return
	}
	key, l, ok := c.firstList(keys)
	if !ok {
		return
	}
	if l != nil {
		mpopFrom(c, key, l, front, count)
		return
	}
	c.block(keys, timeout, func(c *Client) { c.reply.NullArray() })
}

// firstList finds the first of keys that holds a list; a key of another
// type is a WRONGTYPE error. The re-run of a blocked command looks at the
// key being served only, and waits on when it holds another type, as
// Redis 7.0 serves list waiters from lists only.
func (c *Client) firstList(keys [][]byte) ([]byte, *datastruct.List, bool) {
	for _, k := range c.servedKeys(keys) {
		e := c.lookup(k)
		if e == nil {
			continue
		}
		l, isList := listOf(e)
		if !isList {
			if c.reprocessing {
				continue
			}
			c.errorReply(errWrongType)
			return nil, nil, false
		}
		return k, l, true
	}
	return nil, nil, true
}

func cmdBLMove(c *Client, argv [][]byte) {
	from, ok := listWhere(c, argv[3])
	if !ok {
		return
	}
	to, ok := listWhere(c, argv[4])
	if !ok {
		return
	}
	timeout, ok := c.blockTimeoutArg(argv[5])
	if !ok {
		return
	}
	blmoveGeneric(c, argv, from, to, timeout, false)
}

func cmdBRPopLPush(c *Client, argv [][]byte) {
	timeout, ok := c.blockTimeoutArg(argv[3])
	if !ok {
		return
	}
	blmoveGeneric(c, argv, false, true, timeout, true)
}

// blmoveGeneric moves at once when the source holds a list, and blocks
// otherwise. It goes to the AOF as LMOVE, or RPOPLPUSH for BRPOPLPUSH.
func blmoveGeneric(c *Client, argv [][]byte, from, to bool, timeout time.Duration, rpoplpush bool) {
	src, dst := argv[1], argv[2]
	_, l, ok := c.firstList(argv[1:2])
	if !ok {
		return
	}
	if l == nil {
		if c.inExec {
			c.reply.Null() // unlike a timeout, a null bulk
			return
		}
		c.block(argv[1:2], timeout, func(c *Client) { c.reply.NullArray() })
		return
	}
	if !lmoveGeneric(c, src, dst, from, to) {
		return
	}
	switch {
	case rpoplpush:
		c.propagateAs(wordRPopLPush, src, dst)
	case c.reprocessing:
		c.propagateAs(wordLMove, src, dst, listWord(from), listWord(to))
	default:
		c.propagateAs(wordLMove, src, dst, argv[3], argv[4])
	}
}

func listWord(front bool) []byte {
	if front {
		return wordLeft
	}
	return wordRight
}
