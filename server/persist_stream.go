package server

import (
	"encoding/binary"
	"strconv"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// A stream's snapshot payload (uvarints unless said otherwise) keeps the
// node boundaries, so that approximate trimming after a restart removes
// what Redis's would:
//
//	last-id | entries-added | max-deleted-id | node count
//	node:     entry count | entry...
//	entry:    deleted (a byte) | id | (len | packed fields) unless deleted
//	groups:   count | (len | name | last-id | entries-read (varint) |
//	          pel count | (id | delivery time (varint) | delivery count)... |
//	          consumer count | (len | name | seen time (varint) | pel count | id...)...)...
//
// An id is ms | seq.

func appendStreamID(buf []byte, id datastruct.StreamID) []byte {
	buf = binary.AppendUvarint(buf, id.Ms)
	return binary.AppendUvarint(buf, id.Seq)
}

func streamPayload(buf []byte, s *datastruct.Stream) []byte {
	buf = appendStreamID(buf, s.LastID)
	buf = binary.AppendUvarint(buf, uint64(s.EntriesAdded))
	buf = appendStreamID(buf, s.MaxDeletedID)
	buf = binary.AppendUvarint(buf, uint64(s.NodeCount()))
	s.EachNode(func(n int, each func(func(datastruct.StreamID, []byte, bool))) {
		buf = binary.AppendUvarint(buf, uint64(n))
		each(func(id datastruct.StreamID, data []byte, deleted bool) {
			if deleted {
				buf = append(buf, 1)
				buf = appendStreamID(buf, id)
				return
			}
			buf = append(buf, 0)
			buf = appendStreamID(buf, id)
			buf = binary.AppendUvarint(buf, uint64(len(data)))
			buf = append(buf, data...)
		})
	})
	names := s.GroupNames()
	buf = binary.AppendUvarint(buf, uint64(len(names)))
	for _, name := range names {
		g := s.Group(bytesOf(name))
		buf = binary.AppendUvarint(buf, uint64(len(name)))
		buf = append(buf, name...)
		buf = appendStreamID(buf, g.LastID)
		buf = binary.AppendVarint(buf, g.EntriesRead)
		buf = binary.AppendUvarint(buf, uint64(g.PEL.Len()))
		g.PEL.Scan(func(id datastruct.StreamID, pe *datastruct.PendingEntry) bool {
			buf = appendStreamID(buf, id)
			buf = binary.AppendVarint(buf, pe.DeliveryTime)
			buf = binary.AppendUvarint(buf, uint64(pe.DeliveryCount))
			return true
		})
		buf = binary.AppendUvarint(buf, uint64(g.Consumers.Len()))
		g.Consumers.Scan(func(cname string, c *datastruct.Consumer) bool {
			buf = binary.AppendUvarint(buf, uint64(len(cname)))
			buf = append(buf, cname...)
			buf = binary.AppendVarint(buf, c.SeenTime)
			buf = binary.AppendUvarint(buf, uint64(c.PEL.Len()))
			c.PEL.Scan(func(id datastruct.StreamID, _ *datastruct.PendingEntry) bool {
				buf = appendStreamID(buf, id)
				return true
			})
			return true
		})
	}
	return buf
}

// payloadReader reads a payload, remembering the first failure.
type payloadReader struct {
	p   []byte
	bad bool
}

func (r *payloadReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.p)
	if n <= 0 {
		r.bad, r.p = true, nil
		return 0
	}
	r.p = r.p[n:]
	return v
}

func (r *payloadReader) varint() int64 {
	v, n := binary.Varint(r.p)
	if n <= 0 {
		r.bad, r.p = true, nil
		return 0
	}
	r.p = r.p[n:]
	return v
}

func (r *payloadReader) byte() byte {
	if len(r.p) == 0 {
		r.bad = true
		return 0
	}
	b := r.p[0]
	r.p = r.p[1:]
	return b
}

func (r *payloadReader) bytes() []byte {
	l := r.uvarint()
	if r.bad || uint64(len(r.p)) < l {
		r.bad, r.p = true, nil
		return nil
	}
	b := append([]byte(nil), r.p[:l]...)
	r.p = r.p[l:]
	return b
}

func (r *payloadReader) id() datastruct.StreamID {
	return datastruct.StreamID{Ms: r.uvarint(), Seq: r.uvarint()}
}

func restoreStream(payload []byte) (*datastruct.Stream, error) {
	r := &payloadReader{p: payload}
	s := datastruct.NewStream()
	lastID := r.id()
	entriesAdded := int64(r.uvarint())
	maxDel := r.id()
	nodes := r.uvarint()
	for range nodes {
		n := r.uvarint()
		for i := range n {
			if r.bad {
				return nil, errBadPayload
			}
			deleted := r.byte() == 1
			id := r.id()
			var data []byte
			if !deleted {
				data = r.bytes()
			}
			if r.bad {
				return nil, errBadPayload
			}
			s.RestoreEntry(id, data, deleted, i == 0)
		}
	}
	s.LastID, s.EntriesAdded, s.MaxDeletedID = lastID, entriesAdded, maxDel
	groups := r.uvarint()
	for range groups {
		name := r.bytes()
		g := s.CreateGroup(name, r.id(), r.varint())
		if g == nil || r.bad {
			return nil, errBadPayload
		}
		type pending struct {
			time, count int64
		}
		pel := map[datastruct.StreamID]pending{}
		for range r.uvarint() {
			id := r.id()
			pel[id] = pending{r.varint(), int64(r.uvarint())}
			if r.bad {
				return nil, errBadPayload
			}
		}
		for range r.uvarint() {
			cname := r.bytes()
			c := s.CreateConsumer(g, cname, r.varint())
			if c == nil || r.bad {
				return nil, errBadPayload
			}
			for range r.uvarint() {
				id := r.id()
				p, ok := pel[id]
				if !ok || r.bad {
					return nil, errBadPayload
				}
				s.AddPending(g, c, id, p.time, p.count)
			}
		}
		if int(g.PEL.Len()) != len(pel) {
			return nil, errBadPayload
		}
	}
	if r.bad || len(r.p) != 0 {
		return nil, errBadPayload
	}
	return s, nil
}

var (
	rewriteXADD         = []byte("XADD")
	rewriteXSETID       = []byte("XSETID")
	rewriteXGROUP       = []byte("XGROUP")
	rewriteCREATE       = []byte("CREATE")
	rewriteCREATECONS   = []byte("CREATECONSUMER")
	rewriteXCLAIM       = []byte("XCLAIM")
	rewriteENTRIESADDED = []byte("ENTRIESADDED")
	rewriteMAXDELETEDID = []byte("MAXDELETEDID")
	rewriteENTRIESREAD  = []byte("ENTRIESREAD")
	rewriteMAXLEN       = []byte("MAXLEN")
	rewriteTIME         = []byte("TIME")
	rewriteRETRYCOUNT   = []byte("RETRYCOUNT")
	rewriteJUSTID       = []byte("JUSTID")
	rewriteFORCE        = []byte("FORCE")
	rewriteZero         = []byte("0")
)

// rewriteStream emits what Redis 7.0's rewriteStreamObject does: an XADD
// per entry (or XADD MAXLEN 0 0-1 x y for an empty stream), XSETID with
// ENTRIESADDED and MAXDELETEDID, then per group XGROUP CREATE ...
// ENTRIESREAD, and per consumer an XCLAIM ... JUSTID FORCE for each
// pending entry, or XGROUP CREATECONSUMER when it has none.
func rewriteStream(sc *rewriteScratch, key []byte, s *datastruct.Stream, emit func(argv [][]byte) error) error {
	var err error
	if s.Len() > 0 {
		var fv [][]byte
		s.Range(datastruct.StreamID{}, datastruct.MaxStreamID, false, func(id datastruct.StreamID, data []byte) bool {
			nums := id.AppendTo(sc.nums[:0])
			sc.nums = nums
			argv := append(sc.argv[:0], rewriteXADD, key, nums)
			fv = datastruct.UnpackFields(fv[:0], data)
			argv = append(argv, fv...)
			sc.argv = argv
			err = emit(argv)
			return err == nil
		})
		if err != nil {
			return err
		}
	} else {
		sc.argv = append(sc.argv[:0], rewriteXADD, key, rewriteMAXLEN, rewriteZero, []byte("0-1"), []byte("x"), []byte("y"))
		if err := emit(sc.argv); err != nil {
			return err
		}
	}
	nums := s.LastID.AppendTo(sc.nums[:0])
	a := len(nums)
	nums = strconv.AppendInt(nums, s.EntriesAdded, 10)
	b := len(nums)
	nums = s.MaxDeletedID.AppendTo(nums)
	sc.nums = nums
	sc.argv = append(sc.argv[:0], rewriteXSETID, key, nums[:a:a], rewriteENTRIESADDED, nums[a:b:b], rewriteMAXDELETEDID, nums[b:])
	if err := emit(sc.argv); err != nil {
		return err
	}
	for _, name := range s.GroupNames() {
		g := s.Group(bytesOf(name))
		nums := g.LastID.AppendTo(sc.nums[:0])
		a := len(nums)
		nums = strconv.AppendInt(nums, g.EntriesRead, 10)
		sc.nums = nums
		sc.argv = append(sc.argv[:0], rewriteXGROUP, rewriteCREATE, key, bytesOf(name), nums[:a:a], rewriteENTRIESREAD, nums[a:])
		if err := emit(sc.argv); err != nil {
			return err
		}
		g.Consumers.Scan(func(cname string, c *datastruct.Consumer) bool {
			if c.PEL.Len() == 0 {
				sc.argv = append(sc.argv[:0], rewriteXGROUP, rewriteCREATECONS, key, bytesOf(name), bytesOf(cname))
				err = emit(sc.argv)
				return err == nil
			}
			c.PEL.Scan(func(id datastruct.StreamID, pe *datastruct.PendingEntry) bool {
				nums := id.AppendTo(sc.nums[:0])
				a := len(nums)
				nums = strconv.AppendInt(nums, pe.DeliveryTime, 10)
				b := len(nums)
				nums = strconv.AppendInt(nums, pe.DeliveryCount, 10)
				sc.nums = nums
				sc.argv = append(sc.argv[:0], rewriteXCLAIM, key, bytesOf(name), bytesOf(cname), rewriteZero, nums[:a:a],
					rewriteTIME, nums[a:b:b], rewriteRETRYCOUNT, nums[b:], rewriteJUSTID, rewriteFORCE)
				err = emit(sc.argv)
				return err == nil
			})
			return err == nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
