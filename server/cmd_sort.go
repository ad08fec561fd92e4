package server

import (
	"bytes"
	"slices"
	"strconv"
	"sync"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// SORT and SORT_RO, after Redis 7.0's sort.c.
//
// SORT loads the elements of a list, set or sorted set into a vector,
// gives each a weight (the element itself, or the value a BY pattern
// names, read as a double or, with ALPHA, compared as a string), sorts
// the vector and answers the LIMIT range of it, or the values GET
// patterns name for each element. With STORE the answer becomes a list
// at the destination, which an empty answer deletes.
//
// The order is Redis's to the last tie:
//
//   - numeric weights that are equal fall back on the elements' bytes;
//   - ALPHA without STORE compares as strcoll does in the C locale
//     (redis-server runs with the environment's locale; under C and
//     C.UTF-8 that is strcmp: bytes up to the first NUL), with STORE as
//     memcmp does;
//   - ALPHA weights from BY that are equal (or both missing) are ties
//     Redis leaves to the sort: a full sort is glibc's qsort, a stable
//     merge sort (mergeSort), and a sort for a LIMIT range is Redis's
//     pqsort, whose partial quicksort partialSort reproduces step by step.
//
// A weight is read with strtod and refused when strtod would not read
// all of it, gives NaN, or sets ERANGE. Redis 7.0.15 does not clear
// errno first, so there an ERANGE also fails the weights after it, until
// something else clears errno; miniserve reads each weight on its own.
//
// BY with a pattern without '*' (BY nosort) does not sort: a list or a
// sorted set is read in its own order (reversed by DESC) and only the
// LIMIT range is loaded; a set is answered in its own order, except with
// STORE, where it is sorted with ALPHA so that the AOF replays the same
// list. Reading a sorted set converts it to the skiplist encoding, as
// Redis's zsetConvert does, even for SORT_RO.

const (
	sortComplexity = "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N)."

	errSortScores     = "ERR One or more scores can't be converted into double"
	errSortByCluster  = "ERR BY option of SORT denied in Cluster mode."
	errSortGetCluster = "ERR GET option of SORT denied in Cluster mode."
)

// Key specs of SORT and SORT_RO: the key sorted, the keys BY and GET
// patterns name, and STORE's destination, which sortKeys finds.
var (
	sortKeySpecSource = KeySpec{Flags: "RO access", Index: 1, LastKey: 0, KeyStep: 1}
	sortKeySpecByGet  = KeySpec{Flags: "RO access", Unknown: true,
		Notes: "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort"}
	sortKeySpecStore = KeySpec{Flags: "OW update", Unknown: true,
		Notes: "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array"}
)

// sortKeys is Redis's sortGetKeys: the key sorted, and the argument
// after the last STORE. It skips the arguments of LIMIT, GET and BY
// but not STORE's, as Redis does, so that COMMAND GETKEYS answers the
// same for odd commands.
func sortKeys(argv [][]byte, fn func(pos int, ks KeySpec)) {
	fn(1, sortKeySpecSource)
	store := -1
	for i := 2; i < len(argv); i++ {
		switch {
		case isOpt(argv[i], "limit"):
			i += 2
		case isOpt(argv[i], "store") && i+1 < len(argv):
			store = i + 1
		case isOpt(argv[i], "get"), isOpt(argv[i], "by"):
			i++
		}
	}
	if store >= 0 {
		fn(store, sortKeySpecStore)
	}
}

// sortOptions are SORT's arguments, parsed.
type sortOptions struct {
	desc, alpha bool
	dontSort    bool   // BY with a pattern without '*'; it sticks
	by          []byte // the last BY pattern, nil without BY
	gets        [][]byte
	store       []byte // nil without STORE
	start       int64  // LIMIT offset
	count       int64  // LIMIT count, -1 for all
}

// sortItem is one element of the vector SORT sorts.
type sortItem struct {
	elem  []byte
	score float64 // the numeric weight
	by    []byte  // the ALPHA weight from BY
	hasBy bool    // false: BY named no value, which sorts first
}

// sortScratch is the vector and the buffers of one SORT, recycled.
type sortScratch struct {
	items []sortItem
	tmp   []sortItem // mergeSort's buffer
	arena []byte     // intset members, formatted
	key   []byte     // a key built from a pattern
	gets  [][]byte   // the GET patterns
}

var sortScratchPool = sync.Pool{New: func() any { return new(sortScratch) }}

// sortScratchKeep bounds what a recycled scratch keeps.
const sortScratchKeep = 1 << 16

func (sc *sortScratch) release() {
	if cap(sc.items) > sortScratchKeep || cap(sc.arena) > sortScratchKeep*16 {
		return
	}
	clear(sc.items)
	clear(sc.tmp)
	clear(sc.gets)
	sc.items, sc.tmp, sc.arena, sc.key, sc.gets = sc.items[:0], sc.tmp[:0], sc.arena[:0], sc.key[:0], sc.gets[:0]
	sortScratchPool.Put(sc)
}

func cmdSort(c *Client, argv [][]byte)   { sortGeneric(c, argv, false) }
func cmdSortRO(c *Client, argv [][]byte) { sortGeneric(c, argv, true) }

// parseSort reads SORT's options as Redis's sortCommandGeneric does,
// replying on an error. SORT_RO (readonly) knows no STORE.
func parseSort(c *Client, argv [][]byte, readonly bool, sc *sortScratch) (sortOptions, bool) {
	o := sortOptions{count: -1, gets: sc.gets[:0]}
	cluster := c.srv.cfg.ClusterEnabled
	for j := 2; j < len(argv); j++ {
		left := len(argv) - j - 1
		arg := argv[j]
		switch {
		case isOpt(arg, "asc"):
			o.desc = false
		case isOpt(arg, "desc"):
			o.desc = true
		case isOpt(arg, "alpha"):
			o.alpha = true
		case isOpt(arg, "limit") && left >= 2:
			var ok bool
			if o.start, ok = c.longArg(argv[j+1]); !ok {
				return o, false
			}
			if o.count, ok = c.longArg(argv[j+2]); !ok {
				return o, false
			}
			j += 2
		case !readonly && isOpt(arg, "store") && left >= 1:
			o.store = argv[j+1]
			j++
		case isOpt(arg, "by") && left >= 1:
			o.by = argv[j+1]
			if bytes.IndexByte(cstr(o.by), '*') < 0 {
				o.dontSort = true
			} else if cluster {
				c.errorReply(errSortByCluster)
				return o, false
			}
			j++
		case isOpt(arg, "get") && left >= 1:
			if cluster {
				c.errorReply(errSortGetCluster)
				return o, false
			}
			o.gets = append(o.gets, argv[j+1])
			sc.gets = o.gets
			j++
		default:
			c.errorReply(errSyntax)
			return o, false
		}
	}
	return o, true
}

// sortRange clamps LIMIT to a vector of n elements as Redis does, into
// the inclusive range [start, end]; end < start is an empty answer.
func sortRange(limitStart, limitCount int64, n int) (start, end int) {
	vlen := int64(n)
	s := min(max(limitStart, 0), vlen)
	count := min(max(limitCount, -1), vlen)
	e := vlen - 1
	if count >= 0 {
		e = s + count - 1
	}
	if s >= vlen {
		s, e = vlen-1, vlen-2
	}
	if e >= vlen {
		e = vlen - 1
	}
	return int(s), int(e)
}

func sortGeneric(c *Client, argv [][]byte, readonly bool) {
	sc := sortScratchPool.Get().(*sortScratch)
	defer sc.release()
	o, ok := parseSort(c, argv, readonly, sc)
	if !ok {
		return
	}
	var value any // nil: no key, sorted as an empty list
	e := c.lookupRead(argv[1])
	if e != nil {
		switch e.Obj.(type) {
		case *datastruct.List, *datastruct.Set, *datastruct.ZSet:
			value = e.Obj
		default:
			c.errorReply(errWrongType)
			return
		}
	}
	_, isSet := value.(*datastruct.Set)
	if isSet && o.dontSort && o.store != nil {
		// A set's own order is not the one the AOF would replay: sort
		// it after all.
		o.dontSort, o.alpha, o.by = false, true, nil
	}
	if _, isZSet := value.(*datastruct.ZSet); isZSet && e.Encoding() == datastruct.EncListpack {
		e.SetEncoding(datastruct.EncSkiplist)
	}

	n := 0
	switch v := value.(type) {
	case *datastruct.List:
		n = v.Len()
	case *datastruct.Set:
		n = v.Len()
	case *datastruct.ZSet:
		n = v.Len()
	}
	start, end := sortRange(o.start, o.count, n)
	items := sc.load(value, n, start, end, &o)
	if o.dontSort && !isSet {
		// Only the range was loaded.
		start, end = 0, end-start
	}

	scoreError := false
	if !o.dontSort {
		scoreError = c.sortWeights(sc, items, &o)
		if !scoreError {
			if o.by != nil && (start != 0 || end != len(items)-1) {
				partialSort(items, o.compare, start, end)
			} else {
				sc.tmp = slices.Grow(sc.tmp[:0], len(items))[:len(items)]
				mergeSort(items, sc.tmp, o.compare)
			}
		}
	}

	rows := max(end-start+1, 0)
	outLen := rows
	if len(o.gets) > 0 {
		outLen = len(o.gets) * rows
	}
	switch {
	case scoreError:
		c.errorReply(errSortScores)
	case o.store == nil:
		r := &c.reply
		r.Array(outLen)
		for j := start; j <= end; j++ {
			elem := items[j].elem
			if len(o.gets) == 0 {
				r.Bulk(elem)
			}
			for _, pattern := range o.gets {
				if v, ok := c.sortLookup(sc, pattern, elem); ok {
					r.Bulk(v)
				} else {
					r.Null()
				}
			}
		}
	case rows == 0:
		c.sortStore(sc, &o, nil, 0)
	default:
		c.sortStore(sc, &o, items[start:end+1], outLen)
	}
}

// load fills the vector with the elements to sort. With dontSort a list
// or a sorted set is read in its own order, reversed with DESC, and only
// the range [start, end] of it.
func (sc *sortScratch) load(value any, n, start, end int, o *sortOptions) []sortItem {
	items := slices.Grow(sc.items[:0], n)
	add := func(elem []byte) { items = append(items, sortItem{elem: elem}) }
	switch v := value.(type) {
	case *datastruct.List:
		if !o.dontSort {
			v.Range(0, false, func(_ int, elem []byte) bool { add(elem); return true })
			break
		}
		if end < start {
			break
		}
		if o.desc {
			last := n - 1 - end
			v.Range(n-1-start, true, func(i int, elem []byte) bool { add(elem); return i > last })
		} else {
			v.Range(start, false, func(i int, elem []byte) bool { add(elem); return i < end })
		}
	case *datastruct.Set:
		if v.IsIntset() {
			arena := slices.Grow(sc.arena[:0], 20*n)
			for _, x := range v.Ints() {
				from := len(arena)
				arena = strconv.AppendInt(arena, x, 10)
				add(arena[from:len(arena):len(arena)])
			}
			sc.arena = arena
			break
		}
		v.Range(func(m []byte) bool { add(m); return true })
	case *datastruct.ZSet:
		addMember := func(m string, _ float64) bool { add(bytesOf(m)); return true }
		if !o.dontSort {
			// Redis walks the member dict; the order matters only for
			// ALPHA weights that tie, which Redis leaves to its hash.
			v.RangeByRank(0, n-1, false, addMember)
			break
		}
		v.RangeByRank(start, end, o.desc, addMember)
	}
	sc.items = items
	return items
}

// sortWeights gives every element its weight and reports a weight that
// is not a double (Redis's int_conversion_error). Every lookup is made,
// as in Redis, where they count as keyspace hits and misses.
func (c *Client) sortWeights(sc *sortScratch, items []sortItem, o *sortOptions) (scoreError bool) {
	if o.alpha && o.by == nil {
		return false // the elements are their own weights
	}
	for i := range items {
		it := &items[i]
		weight := it.elem
		if o.by != nil {
			v, ok := c.sortLookup(sc, o.by, it.elem)
			if !ok {
				continue // no weight: 0, or first with ALPHA
			}
			weight = v
		}
		if o.alpha {
			if o.by != nil {
				it.by, it.hasBy = weight, true
			}
			continue
		}
		f, ok := datastruct.StrtodStrict(weight)
		if !ok {
			scoreError = true
		}
		it.score = f
	}
	return scoreError
}

// compare is Redis's sortCompare.
func (o *sortOptions) compare(a, b *sortItem) int {
	var cmp int
	switch {
	case !o.alpha:
		switch {
		case a.score > b.score:
			cmp = 1
		case a.score < b.score:
			cmp = -1
		default:
			// Equal weights: the elements decide, so the answer is
			// deterministic.
			cmp = bytes.Compare(a.elem, b.elem)
		}
	case o.by != nil:
		switch {
		case !a.hasBy || !b.hasBy:
			if a.hasBy == b.hasBy {
				cmp = 0
			} else if !a.hasBy {
				cmp = -1
			} else {
				cmp = 1
			}
		case o.store != nil:
			cmp = bytes.Compare(a.by, b.by)
		default:
			cmp = bytes.Compare(cstr(a.by), cstr(b.by))
		}
	case o.store != nil:
		cmp = bytes.Compare(a.elem, b.elem)
	default:
		cmp = bytes.Compare(cstr(a.elem), cstr(b.elem))
	}
	if o.desc {
		return -cmp
	}
	return cmp
}

// sortLookup is Redis's lookupKeyByPattern: "#" is the element itself;
// otherwise the first '*' of the pattern is replaced by the element to
// name a key, whose string value it is, or with "->field" after the '*'
// the value of that field of the hash at the key. A pattern without '*'
// names nothing. The pattern is searched as a C string (up to a NUL) but
// the parts are cut from all of it, as in Redis.
func (c *Client) sortLookup(sc *sortScratch, pattern, elem []byte) ([]byte, bool) {
	head := cstr(pattern)
	if len(head) == 1 && head[0] == '#' {
		return elem, true
	}
	star := bytes.IndexByte(head, '*')
	if star < 0 {
		return nil, false
	}
	keyEnd := len(pattern)
	var field []byte
	if f := bytes.Index(head[star+1:], []byte("->")); f >= 0 && star+1+f+2 < len(head) {
		arrow := star + 1 + f
		field = pattern[arrow+2:]
		keyEnd = arrow
	}
	key := append(sc.key[:0], pattern[:star]...)
	key = append(key, elem...)
	key = append(key, pattern[star+1:keyEnd]...)
	sc.key = key
	e := c.lookupRead(key)
	if e == nil {
		return nil, false
	}
	if field != nil {
		h, ok := e.Obj.(*datastruct.Hash)
		if !ok {
			return nil, false
		}
		return h.Get(field)
	}
	if e.Obj != nil {
		return nil, false
	}
	return e.Str, true
}

// sortStore ends SORT ... STORE: the answer, outLen elements, becomes a
// list at the destination, replacing any value and its TTL, or an empty
// answer deletes it. Each element stored counts as a change, as in Redis.
func (c *Client) sortStore(sc *sortScratch, o *sortOptions, rows []sortItem, outLen int) {
	key := o.store
	if outLen == 0 {
		if c.deleteKey(key) {
			c.modified(key)
		}
		c.reply.Int(0)
		return
	}
	l := datastruct.NewList()
	for i := range rows {
		elem := rows[i].elem
		if len(o.gets) == 0 {
			l.PushBack(elem)
			continue
		}
		for _, pattern := range o.gets {
			v, _ := c.sortLookup(sc, pattern, elem)
			l.PushBack(v) // a missing value is stored as ""
		}
	}
	d := c.db
	e := c.lookup(key)
	switch {
	case e == nil:
		e = d.keys.Add(key)
		c.srv.initAccess(e)
	case !c.srv.lfu:
		// An overwrite keeps the LFU counter but not the LRU clock.
		c.srv.initAccess(e)
	}
	if e.ExpireAt != 0 {
		d.keys.SetExpire(e, 0)
	}
	e.Str = nil
	e.Obj = l
	e.SetEncoding(datastruct.EncRaw)
	c.modified(key)
	c.srv.dirty += int64(outLen) - 1
	c.reply.Int(int64(outLen))
}
