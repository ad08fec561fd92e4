package server

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"unsafe"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Values cross into persistence as data: a type code and a payload for
// snapshots, and the commands that rebuild them for an AOF rewrite.
// Type codes follow Redis's RDB type numbers.
const (
	typeString byte = 0
	typeSet    byte = 2
	typeZSet   byte = 3
	typeList   byte = 18 // RDB_TYPE_LIST_QUICKLIST_2, how Redis 7.0 saves lists
	typeHash   byte = 4
	typeStream byte = 19 // RDB_TYPE_STREAM_LISTPACKS_2, how Redis 7.0 saves streams
	// typeFunctionLibrary is a record of a FUNCTION LOAD library (Key
	// its name, Payload its code), not a key: RDB_OPCODE_FUNCTION2.
	typeFunctionLibrary byte = 245
)

// Payloads, by type (lengths and counts are uvarints):
//
//	string  the bytes
//	zset    count | (len | member | score as a little-endian float64)...
//	hash    count | (len | field | len | value)...   as a packed hash holds them
//	stream  see streamPayload in persist_stream.go
//	set     0 | count | first as a varint | (gap to the next)...   an intset, ascending
//	        1 | count | (len | member)...                           a table
//
// Set payloads start with one of these.
const (
	setPayloadInts    byte = 0
	setPayloadStrings byte = 1
)

// capturedKey is one key as a snapshot saw it. Strings are copied;
// sorted sets are copy-on-write copies, encoded later outside the lock;
// lists are copied (see snapshotJob.take).
type capturedKey struct {
	db       int
	key      string
	typ      byte
	expireAt int64
	str      []byte
	zset     *datastruct.ZSet
	list     *datastruct.List
	hash     *datastruct.Hash
	set      *datastruct.Set
	stream   *datastruct.Stream
}

// capture takes e's state, under the lock. A SAVE, which holds the lock
// throughout, need not copy strings: nothing changes them meanwhile.
func capture(dbIndex int, e *datastruct.Entry, copyStrings bool) capturedKey {
	k := capturedKey{db: dbIndex, key: e.Key, expireAt: e.ExpireAt}
	switch v := e.Obj.(type) {
	case nil:
		k.typ = typeString
		k.str = e.Str
		if copyStrings {
			k.str = append([]byte(nil), e.Str...)
		}
	case *datastruct.ZSet:
		k.typ = typeZSet
		k.zset = v.Copy()
	case *datastruct.List:
		// A list has no cheap copy: the walk of a background snapshot
		// copies it in take, and a SAVE, under the lock, needs none.
		k.typ = typeList
		k.list = v
		if copyStrings {
			k.list = v.Copy()
		}
	case *datastruct.Hash:
		k.typ = typeHash
		k.hash = v.Copy()
	case *datastruct.Set:
		k.typ = typeSet
		k.set = v.Copy()
	case *datastruct.Stream:
		// A deep copy: entries are shared, never written in place.
		k.typ = typeStream
		k.stream = v.Copy()
	}
	return k
}

// payload encodes the value for a snapshot record into buf.
func (k *capturedKey) payload(buf []byte) []byte {
	switch k.typ {
	case typeZSet:
		buf = binary.AppendUvarint(buf, uint64(k.zset.Len()))
		k.zset.RangeByRank(0, k.zset.Len()-1, false, func(member string, score float64) bool {
			buf = binary.AppendUvarint(buf, uint64(len(member)))
			buf = append(buf, member...)
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(score))
			return true
		})
		return buf
	case typeList:
		buf = binary.AppendUvarint(buf, uint64(k.list.Len()))
		k.list.Range(0, false, func(_ int, v []byte) bool {
			buf = binary.AppendUvarint(buf, uint64(len(v)))
			buf = append(buf, v...)
			return true
		})
		return buf
	case typeHash:
		// The pairs as the packed form holds them: lengths as uvarints.
		buf = binary.AppendUvarint(buf, uint64(k.hash.Len()))
		k.hash.Range(func(field, value []byte) bool {
			buf = binary.AppendUvarint(buf, uint64(len(field)))
			buf = append(buf, field...)
			buf = binary.AppendUvarint(buf, uint64(len(value)))
			buf = append(buf, value...)
			return true
		})
		return buf
	case typeStream:
		return streamPayload(buf, k.stream)
	case typeSet:
		if ints := k.set.Ints(); k.set.IsIntset() {
			buf = append(buf, setPayloadInts)
			buf = binary.AppendUvarint(buf, uint64(len(ints)))
			prev := int64(0)
			for i, v := range ints {
				if i == 0 {
					buf = binary.AppendVarint(buf, v)
				} else {
					buf = binary.AppendUvarint(buf, uint64(v-prev)) // ascending: wraps to the true gap
				}
				prev = v
			}
			return buf
		}
		buf = append(buf, setPayloadStrings)
		buf = binary.AppendUvarint(buf, uint64(k.set.Len()))
		k.set.Range(func(m []byte) bool {
			buf = binary.AppendUvarint(buf, uint64(len(m)))
			buf = append(buf, m...)
			return true
		})
		return buf
	}
	return append(buf, k.str...)
}

// rewriteScratch is reused by every key of a rewrite: a rewrite of
// millions of keys would otherwise make garbage for each, and a GC cycle
// on a big heap makes clients wait.
type rewriteScratch struct {
	argv [][]byte
	nums []byte
}

var (
	rewriteSET       = []byte("SET")
	rewriteRPUSH     = []byte("RPUSH")
	rewriteZADD      = []byte("ZADD")
	rewriteHMSET     = []byte("HMSET")
	rewriteSADD      = []byte("SADD")
	rewritePEXPIREAT = []byte("PEXPIREAT")
)

// rewriteCommands emits the commands that rebuild the key, as Redis's
// AOF rewrite does: the value in batches of 64 items, then the TTL as
// PEXPIREAT. The argv passed to emit is only valid during the call.
func (k *capturedKey) rewriteCommands(sc *rewriteScratch, emit func(argv [][]byte) error) error {
	key := unsafe.Slice(unsafe.StringData(k.key), len(k.key)) // read, never written
	switch k.typ {
	case typeString:
		sc.argv = append(sc.argv[:0], rewriteSET, key, k.str)
		if err := emit(sc.argv); err != nil {
			return err
		}
	case typeZSet:
		const perCommand = aofRewriteItemsPerCmd
		var err error
		argv := append(sc.argv[:0], rewriteZADD, key)
		nums := sc.nums[:0]
		k.zset.RangeByRank(0, k.zset.Len()-1, false, func(member string, score float64) bool {
			start := len(nums)
			nums = AppendDouble(nums, score)
			argv = append(argv, nums[start:len(nums):len(nums)], unsafe.Slice(unsafe.StringData(member), len(member)))
			if len(argv) == 2+2*perCommand {
				if err = emit(argv); err != nil {
					return false
				}
				argv, nums = argv[:2], nums[:0]
			}
			return true
		})
		sc.argv, sc.nums = argv, nums
		if err != nil {
			return err
		}
		if len(argv) > 2 {
			if err := emit(argv); err != nil {
				return err
			}
		}
	case typeList:
		const perCommand = 64 // AOF_REWRITE_ITEMS_PER_CMD
		var err error
		argv := append(sc.argv[:0], rewriteRPUSH, key)
		k.list.Range(0, false, func(_ int, v []byte) bool {
			argv = append(argv, v)
			if len(argv) == 2+perCommand {
				if err = emit(argv); err != nil {
					return false
				}
				argv = argv[:2]
			}
			return true
		})
		sc.argv = argv
		if err != nil {
			return err
		}
		if len(argv) > 2 {
			if err := emit(argv); err != nil {
				return err
			}
		}
	case typeHash:
		// HMSET, as Redis's rewriteHashObject writes.
		var err error
		argv := append(sc.argv[:0], rewriteHMSET, key)
		k.hash.Range(func(field, value []byte) bool {
			argv = append(argv, field, value)
			if len(argv) == 2+2*aofRewriteItemsPerCmd {
				if err = emit(argv); err != nil {
					return false
				}
				argv = argv[:2]
			}
			return true
		})
		sc.argv = argv
		if err != nil {
			return err
		}
		if len(argv) > 2 {
			if err := emit(argv); err != nil {
				return err
			}
		}
	case typeStream:
		if err := rewriteStream(sc, key, k.stream, emit); err != nil {
			return err
		}
	case typeSet:
		var err error
		argv := append(sc.argv[:0], rewriteSADD, key)
		nums := sc.nums[:0]
		k.set.Range(func(m []byte) bool {
			if k.set.IsIntset() {
				// The member is in a buffer the next one reuses.
				start := len(nums)
				nums = append(nums, m...)
				m = nums[start:len(nums):len(nums)]
			}
			argv = append(argv, m)
			if len(argv) == 2+aofRewriteItemsPerCmd {
				if err = emit(argv); err != nil {
					return false
				}
				argv, nums = argv[:2], nums[:0]
			}
			return true
		})
		sc.argv, sc.nums = argv, nums
		if err != nil {
			return err
		}
		if len(argv) > 2 {
			if err := emit(argv); err != nil {
				return err
			}
		}
	}
	if k.expireAt != 0 {
		sc.nums = strconv.AppendInt(sc.nums[:0], k.expireAt, 10)
		sc.argv = append(sc.argv[:0], rewritePEXPIREAT, key, sc.nums)
		return emit(sc.argv)
	}
	return nil
}

// aofRewriteItemsPerCmd is AOF_REWRITE_ITEMS_PER_CMD: a rewrite splits
// a collection into commands of this many items.
const aofRewriteItemsPerCmd = 64

var errBadPayload = errors.New("bad value payload")

// restoreKey adds key to d with the value of a snapshot record and
// returns its entry; on a bad payload it adds nothing. It copies what it
// keeps of key and payload. A string goes where SET would put it: with
// its key, in the entry's own allocation when they fit.
func (s *Server) restoreKey(d *datastruct.DB, key []byte, typ byte, payload []byte) (*datastruct.Entry, error) {
	if typ == typeString {
		e := d.AddString(key, payload)
		e.SetEncoding(datastruct.StringEncoding(e.Str, s.sharedIntegers()))
		return e, nil
	}
	e := d.Add(key)
	if err := s.restoreValue(e, typ, payload); err != nil {
		d.Delete(key)
		return nil, err
	}
	return e, nil
}

// restoreValue rebuilds a collection from a snapshot record into e.
func (s *Server) restoreValue(e *datastruct.Entry, typ byte, payload []byte) error {
	switch typ {
	case typeZSet:
		n, p := binary.Uvarint(payload)
		if p <= 0 {
			return errBadPayload
		}
		payload = payload[p:]
		z := datastruct.NewZSet()
		longest := 0
		for i := uint64(0); i < n; i++ {
			l, p := binary.Uvarint(payload)
			if p <= 0 || uint64(len(payload)-p) < l+8 {
				return errBadPayload
			}
			member := payload[p : p+int(l)]
			score := math.Float64frombits(binary.LittleEndian.Uint64(payload[p+int(l):]))
			z.Set(member, score)
			longest = max(longest, len(member))
			payload = payload[p+int(l)+8:]
		}
		e.Obj = z
		enc := datastruct.EncListpack
		if int64(z.Len()) > s.enc.zsetMaxEntries || int64(longest) > s.enc.zsetMaxValue {
			enc = datastruct.EncSkiplist
		}
		e.SetEncoding(enc)
		return nil
	case typeList:
		n, p := binary.Uvarint(payload)
		if p <= 0 || n == 0 {
			return errBadPayload
		}
		payload = payload[p:]
		l := datastruct.NewList()
		for i := uint64(0); i < n; i++ {
			size, p := binary.Uvarint(payload)
			if p <= 0 || uint64(len(payload)-p) < size {
				return errBadPayload
			}
			l.PushBack(payload[p : p+int(size)])
			payload = payload[p+int(size):]
		}
		if len(payload) != 0 {
			return errBadPayload
		}
		e.Obj = l
		return nil
	case typeHash:
		h, err := s.restoreHash(payload)
		if err != nil {
			return err
		}
		e.Obj = h
		return nil
	case typeStream:
		st, err := restoreStream(payload)
		if err != nil {
			return err
		}
		e.Obj = st
		return nil
	case typeSet:
		set, err := s.restoreSet(payload)
		if err != nil {
			return err
		}
		e.Obj = set
		return nil
	}
	return errBadPayload
}

// readPacked reads a uvarint length and that many bytes.
func readPacked(p []byte) (s, rest []byte, ok bool) {
	l, n := binary.Uvarint(p)
	if n <= 0 || uint64(len(p)-n) < l {
		return nil, nil, false
	}
	return p[n : n+int(l)], p[n+int(l):], true
}

// restoreHash rebuilds a hash in the encoding Redis's loader picks from
// its contents: packed when it fits hash-max-listpack-entries and
// hash-max-listpack-value.
func (s *Server) restoreHash(payload []byte) (*datastruct.Hash, error) {
	n, p := binary.Uvarint(payload)
	if p <= 0 {
		return nil, errBadPayload
	}
	rest := payload[p:]
	h := datastruct.NewHash()
	if n > uint64(s.enc.hashMaxEntries) {
		h.ToTable()
	}
	for range n {
		var field, value []byte
		var ok bool
		if field, rest, ok = readPacked(rest); !ok {
			return nil, errBadPayload
		}
		if value, rest, ok = readPacked(rest); !ok {
			return nil, errBadPayload
		}
		if h.Packed() && (int64(len(field)) > s.enc.hashMaxValue || int64(len(value)) > s.enc.hashMaxValue) {
			h.ToTable()
		}
		h.SetNew(field, value)
	}
	if len(rest) != 0 || uint64(h.Len()) != n {
		return nil, errBadPayload
	}
	return h, nil
}

// restoreSet rebuilds a set in the encoding Redis's loader picks: an
// intset when every member is an integer and there are at most
// set-max-intset-entries.
func (s *Server) restoreSet(payload []byte) (*datastruct.Set, error) {
	if len(payload) == 0 {
		return nil, errBadPayload
	}
	kind := payload[0]
	n, p := binary.Uvarint(payload[1:])
	if p <= 0 {
		return nil, errBadPayload
	}
	rest := payload[1+p:]
	set := datastruct.NewSet()
	if n > uint64(s.enc.setMaxIntset) {
		set.ToTable()
	}
	var buf [20]byte
	switch kind {
	case setPayloadInts:
		var v int64
		for i := range n {
			if i == 0 {
				first, p := binary.Varint(rest)
				if p <= 0 {
					return nil, errBadPayload
				}
				v, rest = first, rest[p:]
			} else {
				gap, p := binary.Uvarint(rest)
				if p <= 0 {
					return nil, errBadPayload
				}
				v, rest = v+int64(gap), rest[p:]
			}
			set.Add(strconv.AppendInt(buf[:0], v, 10))
		}
	case setPayloadStrings:
		for range n {
			m, r, ok := readPacked(rest)
			if !ok {
				return nil, errBadPayload
			}
			set.Add(m)
			rest = r
		}
	default:
		return nil, errBadPayload
	}
	if len(rest) != 0 || uint64(set.Len()) != n {
		return nil, errBadPayload
	}
	return set, nil
}
