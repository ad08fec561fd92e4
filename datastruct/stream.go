package datastruct

import (
	"encoding/binary"
	"math"
	"strconv"

	"github.com/tidwall/btree"
)

// Stream is a Redis stream: entries ordered by ID, and consumer groups.
//
// The entries live in nodes shaped like Redis's listpacks: a node holds
// up to stream-node-max-entries entries (live and deleted) and about
// stream-node-max-bytes bytes of listpack, estimated as Redis would
// encode them (see lpEstimate), so that approximate trimming ("~"),
// which removes whole nodes only, leaves the same number of entries as
// Redis does. The nodes are in a B-tree keyed by their first (master) ID.
// A deleted entry stays in its node, flagged, as in Redis, until the node
// is dropped when no live entry is left in it.
//
// An entry's fields and values are packed into one byte slice: a uvarint
// count of strings, then each as a uvarint length and its bytes.
type Stream struct {
	nodes        *btree.BTreeG[*streamNode]
	length       int64
	LastID       StreamID // the greatest ID ever added (or set by XSETID)
	EntriesAdded int64    // entries ever added
	MaxDeletedID StreamID // the greatest ID deleted (by XDEL)
	groups       map[string]*ConsumerGroup
	bytes        int64       // MemoryBytes, kept up to date
	pivot        streamNode  // a search key, reused so lookups do not allocate
	tail         *streamNode // the last node, cached (nil: look it up)
}

// StreamID is an entry ID: milliseconds and a sequence number.
type StreamID struct{ Ms, Seq uint64 }

// MaxStreamID is the greatest ID.
var MaxStreamID = StreamID{math.MaxUint64, math.MaxUint64}

// Compare orders IDs: -1, 0 or 1.
func (a StreamID) Compare(b StreamID) int {
	switch {
	case a.Ms < b.Ms:
		return -1
	case a.Ms > b.Ms:
		return 1
	case a.Seq < b.Seq:
		return -1
	case a.Seq > b.Seq:
		return 1
	}
	return 0
}

// Less reports a < b.
func (a StreamID) Less(b StreamID) bool { return a.Compare(b) < 0 }

// IsZero reports a == 0-0.
func (a StreamID) IsZero() bool { return a.Ms == 0 && a.Seq == 0 }

// Incr returns the next ID, and false past the greatest one.
func (a StreamID) Incr() (StreamID, bool) {
	if a.Seq == math.MaxUint64 {
		if a.Ms == math.MaxUint64 {
			return a, false
		}
		return StreamID{a.Ms + 1, 0}, true
	}
	return StreamID{a.Ms, a.Seq + 1}, true
}

// Decr returns the previous ID, and false before 0-0.
func (a StreamID) Decr() (StreamID, bool) {
	if a.Seq == 0 {
		if a.Ms == 0 {
			return a, false
		}
		return StreamID{a.Ms - 1, math.MaxUint64}, true
	}
	return StreamID{a.Ms, a.Seq - 1}, true
}

// AppendTo appends "ms-seq" to buf.
func (a StreamID) AppendTo(buf []byte) []byte {
	buf = strconv.AppendUint(buf, a.Ms, 10)
	buf = append(buf, '-')
	return strconv.AppendUint(buf, a.Seq, 10)
}

// String is "ms-seq".
func (a StreamID) String() string { return string(a.AppendTo(nil)) }

// streamEntry is one entry in a node.
type streamEntry struct {
	id      StreamID
	data    []byte // packed fields and values
	deleted bool
}

// streamNode is a listpack's worth of entries.
type streamNode struct {
	master  StreamID
	fields  []byte // the master entry's field names, packed
	entries []streamEntry
	live    int
	lpBytes int // the listpack size Redis would have
	// arena is the chunk the node's next entries are packed into: the
	// entries of a node share a few allocations, as a listpack holds
	// them in one. Entries never change in place, and a copied node
	// starts a chunk of its own.
	arena []byte
}

// Arena chunks double from streamArenaMin up to streamArenaMax.
const (
	streamArenaMin = 256
	streamArenaMax = 1024
)

// reserve returns an empty slice with room for size bytes at the end of
// the node's arena.
func (n *streamNode) reserve(size int) []byte {
	if cap(n.arena)-len(n.arena) < size {
		chunk := min(max(2*cap(n.arena), streamArenaMin), streamArenaMax)
		n.arena = make([]byte, 0, max(chunk, size))
	}
	start := len(n.arena)
	n.arena = n.arena[:start+size]
	return n.arena[start : start : start+size]
}

// ConsumerGroup is a consumer group: its last delivered ID, the count of
// entries it read, its pending entries (PEL) and consumers.
type ConsumerGroup struct {
	LastID      StreamID
	EntriesRead int64 // -1 when unknown (SCG_INVALID_ENTRIES_READ)
	PEL         *PEL
	Consumers   *btree.Map[string, *Consumer]
}

// PendingEntry is a delivered, unacknowledged entry.
type PendingEntry struct {
	DeliveryTime  int64 // ms
	DeliveryCount int64
	Consumer      *Consumer
}

// Consumer is a consumer of a group with its own PEL.
type Consumer struct {
	Name     string
	SeenTime int64 // ms
	PEL      *PEL
}

// NewStream returns an empty stream.
func NewStream() *Stream {
	return &Stream{
		nodes: btree.NewBTreeGOptions(func(a, b *streamNode) bool { return a.master.Less(b.master) }, btree.Options{NoLocks: true}),
		bytes: streamHeaderBytes,
	}
}

const (
	streamHeaderBytes = 160
	streamNodeBytes   = 96
	streamEntryBytes  = 48
	streamPELBytes    = 80
)

// lastNode is the node entries are appended to, or nil.
func (s *Stream) lastNode() *streamNode {
	if s.tail == nil {
		s.tail, _ = s.nodes.Max()
	}
	return s.tail
}

// Len is the number of live entries, O(1).
func (s *Stream) Len() int64 { return s.length }

// EncodingName is OBJECT ENCODING's answer.
func (s *Stream) EncodingName() string { return "stream" }

// MemoryBytes estimates the bytes the stream takes, O(1).
func (s *Stream) MemoryBytes() int64 { return s.bytes }

// MemoryUsage is MEMORY USAGE's estimate; the running counter is exact
// enough for it.
func (s *Stream) MemoryUsage(samples int64) int64 { return s.bytes }

// NodeCount is the number of nodes (XINFO STREAM FULL's radix-tree-keys).
func (s *Stream) NodeCount() int { return s.nodes.Len() }

// packFields packs strings.
// packedSize is the length of packFields's result.
func packedSize(fv [][]byte) int {
	n := uvarintLen(uint64(len(fv)))
	for _, f := range fv {
		n += uvarintLen(uint64(len(f))) + len(f)
	}
	return n
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

func packFields(buf []byte, fv [][]byte) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(fv)))
	for _, f := range fv {
		buf = binary.AppendUvarint(buf, uint64(len(f)))
		buf = append(buf, f...)
	}
	return buf
}

// UnpackFields appends the strings packed in data to dst.
func UnpackFields(dst [][]byte, data []byte) [][]byte {
	n, p := binary.Uvarint(data)
	data = data[p:]
	for range n {
		l, p := binary.Uvarint(data)
		dst = append(dst, data[p:p+int(l):p+int(l)])
		data = data[p+int(l):]
	}
	return dst
}

// packedNames packs the field names (every other string) of fv.
func packedNames(fv [][]byte) []byte {
	var buf []byte
	buf = binary.AppendUvarint(buf, uint64(len(fv)/2))
	for i := 0; i < len(fv); i += 2 {
		buf = binary.AppendUvarint(buf, uint64(len(fv[i])))
		buf = append(buf, fv[i]...)
	}
	return buf
}

func sameNames(names []byte, fv [][]byte) bool {
	n, p := binary.Uvarint(names)
	if int(n) != len(fv)/2 {
		return false
	}
	names = names[p:]
	for i := 0; i < len(fv); i += 2 {
		l, p := binary.Uvarint(names)
		if string(names[p:p+int(l)]) != string(fv[i]) {
			return false
		}
		names = names[p+int(l):]
	}
	return true
}

// lpIntSize is the bytes of an integer element in a listpack, with its
// back length.
func lpIntSize(v int64) int {
	switch {
	case v >= 0 && v <= 127:
		return 2
	case v >= -4096 && v <= 4095:
		return 3
	case v >= -32768 && v <= 32767:
		return 4
	case v >= -8388608 && v <= 8388607:
		return 5
	case v >= -2147483648 && v <= 2147483647:
		return 6
	}
	return 10
}

// lpStrSize is the bytes of a string element, which a listpack stores as
// an integer when it reads as one.
func lpStrSize(s []byte) int {
	if len(s) <= 20 && len(s) > 0 {
		if v, ok := ParseInt(s); ok { // string2ll's canonical integers
			return lpIntSize(v)
		}
	}
	l := len(s)
	var enc int
	switch {
	case l < 64:
		enc = 1 + l
	case l < 4096:
		enc = 2 + l
	default:
		enc = 5 + l
	}
	switch {
	case enc <= 127:
		return enc + 1
	case enc < 16383:
		return enc + 2
	case enc < 2097151:
		return enc + 3
	case enc < 268435455:
		return enc + 4
	}
	return enc + 5
}

// Append adds an entry with the given ID, which must be greater than
// LastID, in nodes of up to maxEntries entries and maxBytes bytes as
// Redis's streamAppendItem packs them.
func (s *Stream) Append(id StreamID, fv [][]byte, maxEntries, maxBytes int64) {
	const listpackMaxSize = 1 << 30
	if maxBytes <= 0 || maxBytes > listpackMaxSize {
		maxBytes = listpackMaxSize
	}
	totalLen := 0
	for _, f := range fv {
		totalLen += len(f)
	}
	node := s.lastNode()
	newNode := node == nil
	if node != nil {
		if int64(node.lpBytes+totalLen) >= maxBytes {
			newNode = true
		} else if maxEntries > 0 && int64(len(node.entries)) >= maxEntries {
			newNode = true
		}
	}
	s.appendEntry(id, nil, fv, false, newNode)
	s.length++
	s.EntriesAdded++
	s.LastID = id
}

// appendEntry puts an entry at the end, in a new node or the last one,
// and keeps the estimate of the node's listpack size. A live entry
// without data has fv packed into the node's arena.
func (s *Stream) appendEntry(id StreamID, data []byte, fv [][]byte, deleted, newNode bool) {
	node := s.lastNode()
	if newNode || node == nil {
		node = &streamNode{master: id, fields: packedNames(fv), entries: make([]streamEntry, 0, 8)}
		// Header, end, master entry: count, deleted, field count,
		// names, terminator.
		node.lpBytes = 7 + 2 + 2 + lpIntSize(int64(len(fv)/2)) + 2
		for i := 0; i < len(fv); i += 2 {
			node.lpBytes += lpStrSize(fv[i])
		}
		s.nodes.Set(node)
		s.tail = node
		s.bytes += streamNodeBytes + int64(len(node.fields))
	}
	// flags, ms-diff, seq-diff, [count, names], values, lp-count.
	size := 2 + lpIntSize(int64(id.Ms-node.master.Ms)) + lpIntSize(int64(id.Seq-node.master.Seq))
	elems := 3 + len(fv)/2
	if sameNames(node.fields, fv) {
		for i := 1; i < len(fv); i += 2 {
			size += lpStrSize(fv[i])
		}
	} else {
		size += lpIntSize(int64(len(fv) / 2))
		for _, f := range fv {
			size += lpStrSize(f)
		}
		elems += 1 + len(fv)/2
	}
	size += lpIntSize(int64(elems))
	node.lpBytes += size
	if deleted {
		data = nil
	} else {
		node.live++
		if data == nil {
			data = packFields(node.reserve(packedSize(fv)), fv)
		}
	}
	node.entries = append(node.entries, streamEntry{id: id, data: data, deleted: deleted})
	s.bytes += streamEntryBytes + int64(cap(data))
}

// EachNode calls fn for every node, in order, with its entries: the ID,
// the packed fields (nil when deleted) and whether it is deleted.
func (s *Stream) EachNode(fn func(entries int, each func(func(id StreamID, data []byte, deleted bool)))) {
	s.nodes.Scan(func(n *streamNode) bool {
		fn(len(n.entries), func(f func(StreamID, []byte, bool)) {
			for _, e := range n.entries {
				f(e.id, e.data, e.deleted)
			}
		})
		return true
	})
}

// RestoreEntry appends an entry as a snapshot recorded it, starting a
// new node when newNode. A deleted entry keeps only its ID; its fields
// are given for the node's size estimate (nil is fine). The caller sets
// LastID, EntriesAdded and MaxDeletedID.
func (s *Stream) RestoreEntry(id StreamID, data []byte, deleted, newNode bool) {
	var fv [][]byte
	if !deleted {
		fv = UnpackFields(nil, data)
		s.length++
	}
	s.appendEntry(id, data, fv, deleted, newNode)
}

// nodeFor finds the node that would hold id.
func (s *Stream) nodeFor(id StreamID) *streamNode {
	var found *streamNode
	s.pivot.master = id
	s.nodes.Descend(&s.pivot, func(n *streamNode) bool {
		found = n
		return false
	})
	return found
}

func (n *streamNode) index(id StreamID) (int, bool) {
	lo, hi := 0, len(n.entries)
	for lo < hi {
		m := (lo + hi) / 2
		if n.entries[m].id.Less(id) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(n.entries) && n.entries[lo].id == id
}

// Get returns the packed fields of a live entry.
func (s *Stream) Get(id StreamID) ([]byte, bool) {
	n := s.nodeFor(id)
	if n == nil {
		return nil, false
	}
	i, ok := n.index(id)
	if !ok || n.entries[i].deleted {
		return nil, false
	}
	return n.entries[i].data, true
}

// Exists reports whether a live entry has this ID.
func (s *Stream) Exists(id StreamID) bool {
	_, ok := s.Get(id)
	return ok
}

// Delete removes a live entry (XDEL), and reports whether it was there.
func (s *Stream) Delete(id StreamID) bool {
	n := s.nodeFor(id)
	if n == nil {
		return false
	}
	i, ok := n.index(id)
	if !ok || n.entries[i].deleted {
		return false
	}
	n.entries[i].deleted = true
	s.bytes -= int64(cap(n.entries[i].data))
	n.entries[i].data = nil
	n.live--
	s.length--
	if n.live == 0 {
		s.dropNode(n)
	}
	return true
}

func (s *Stream) dropNode(n *streamNode) {
	for _, e := range n.entries {
		s.bytes -= streamEntryBytes + int64(cap(e.data))
	}
	s.bytes -= streamNodeBytes + int64(len(n.fields))
	s.nodes.Delete(n)
	if s.tail == n {
		s.tail = nil
	}
}

// Range calls fn for each live entry from start to end inclusive, in
// order (or reversed), until fn returns false.
func (s *Stream) Range(start, end StreamID, rev bool, fn func(id StreamID, data []byte) bool) {
	if end.Less(start) {
		return
	}
	if !rev {
		first := s.nodeFor(start)
		pivot := &s.pivot
		if first != nil {
			pivot = first
		} else {
			pivot.master = start
		}
		s.nodes.Ascend(pivot, func(n *streamNode) bool {
			if end.Less(n.master) {
				return false
			}
			i, _ := n.index(start)
			for ; i < len(n.entries); i++ {
				e := &n.entries[i]
				if end.Less(e.id) {
					return false
				}
				if !e.deleted && !fn(e.id, e.data) {
					return false
				}
			}
			return true
		})
		return
	}
	s.pivot.master = end
	s.nodes.Descend(&s.pivot, func(n *streamNode) bool {
		i, found := n.index(end)
		if !found {
			i--
		}
		for ; i >= 0; i-- {
			e := &n.entries[i]
			if e.id.Less(start) {
				return false
			}
			if !e.deleted && !fn(e.id, e.data) {
				return false
			}
		}
		return true
	})
}

// FirstID is the first live entry's ID, or 0-0 when empty.
func (s *Stream) FirstID() StreamID {
	var id StreamID
	s.Range(StreamID{}, MaxStreamID, false, func(i StreamID, _ []byte) bool { id = i; return false })
	return id
}

// LastLiveID is the last live entry's ID, or 0-0 when empty.
func (s *Stream) LastLiveID() StreamID {
	var id StreamID
	s.Range(StreamID{}, MaxStreamID, true, func(i StreamID, _ []byte) bool { id = i; return false })
	return id
}

// Trim strategies.
const (
	TrimMaxLen = 1
	TrimMinID  = 2
)

// Trim is Redis 7.0's streamTrim: drop entries from the head down to
// maxLen entries (TrimMaxLen) or below minID (TrimMinID). Approximately,
// only whole nodes go; limit (0: none) caps the entries removed. It
// returns the number removed.
func (s *Stream) Trim(strategy int, maxLen int64, minID StreamID, approx bool, limit int64) int64 {
	var deleted int64
	for {
		if strategy == TrimMaxLen && s.length <= maxLen {
			break
		}
		n, ok := s.nodes.Min()
		if !ok {
			break
		}
		entries := int64(n.live)
		if limit > 0 && deleted+entries > limit {
			break
		}
		var remove bool
		if strategy == TrimMaxLen {
			remove = s.length-entries >= maxLen
		} else {
			remove = n.entries[len(n.entries)-1].id.Less(minID)
		}
		if remove {
			s.length -= entries
			deleted += entries
			s.dropNode(n)
			continue
		}
		if approx {
			break
		}
		for i := range n.entries {
			e := &n.entries[i]
			if e.deleted {
				continue
			}
			if strategy == TrimMinID && !e.id.Less(minID) {
				break
			}
			e.deleted = true
			s.bytes -= int64(cap(e.data))
			e.data = nil
			n.live--
			s.length--
			deleted++
			if strategy == TrimMaxLen && s.length <= maxLen {
				break
			}
		}
		if n.live == 0 {
			// Only tombstones left (MINID past a node whose last entry
			// was deleted): Redis keeps such a node until the next trim
			// removes it whole; it holds nothing, so it goes now.
			s.dropNode(n)
		}
		break
	}
	return deleted
}

// ---- consumer groups ----

// Group returns a group, or nil.
func (s *Stream) Group(name []byte) *ConsumerGroup {
	if s.groups == nil {
		return nil
	}
	return s.groups[string(name)]
}

// GroupCount is the number of groups.
func (s *Stream) GroupCount() int { return len(s.groups) }

// CreateGroup adds a group, or returns nil if it exists.
func (s *Stream) CreateGroup(name []byte, lastID StreamID, entriesRead int64) *ConsumerGroup {
	if s.groups == nil {
		s.groups = make(map[string]*ConsumerGroup)
	}
	if _, ok := s.groups[string(name)]; ok {
		return nil
	}
	g := &ConsumerGroup{LastID: lastID, EntriesRead: entriesRead, PEL: newPEL(), Consumers: new(btree.Map[string, *Consumer])}
	s.groups[string(name)] = g
	s.bytes += 128 + int64(len(name))
	return g
}

// DestroyGroup removes a group, and reports whether it was there.
func (s *Stream) DestroyGroup(name []byte) bool {
	g, ok := s.groups[string(name)]
	if !ok {
		return false
	}
	s.bytes -= 128 + int64(len(name)) + int64(g.PEL.Len())*streamPELBytes
	g.Consumers.Scan(func(k string, _ *Consumer) bool {
		s.bytes -= 96 + int64(len(k))
		return true
	})
	delete(s.groups, string(name))
	return true
}

// GroupNames returns the group names in order.
func (s *Stream) GroupNames() []string {
	names := make([]string, 0, len(s.groups))
	for n := range s.groups {
		names = append(names, n)
	}
	sortStrings(names)
	return names
}

func sortStrings(a []string) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// Consumer finds a consumer, or nil.
func (g *ConsumerGroup) Consumer(name []byte) *Consumer {
	c, _ := g.Consumers.Get(string(name))
	return c
}

// CreateConsumer adds a consumer, or returns nil if it exists.
func (s *Stream) CreateConsumer(g *ConsumerGroup, name []byte, now int64) *Consumer {
	if _, ok := g.Consumers.Get(string(name)); ok {
		return nil
	}
	c := &Consumer{Name: string(name), SeenTime: now, PEL: newPEL()}
	g.Consumers.Set(c.Name, c)
	s.bytes += 96 + int64(len(name))
	return c
}

// DeleteConsumer removes a consumer and its pending entries, returning
// how many were pending.
func (s *Stream) DeleteConsumer(g *ConsumerGroup, c *Consumer) int64 {
	n := int64(c.PEL.Len())
	c.PEL.Scan(func(id StreamID, _ *PendingEntry) bool {
		g.PEL.Delete(id)
		return true
	})
	s.bytes -= n*streamPELBytes + 96 + int64(len(c.Name))
	g.Consumers.Delete(c.Name)
	return n
}

// AddPending records a delivery of id to c, replacing an older one.
func (s *Stream) AddPending(g *ConsumerGroup, c *Consumer, id StreamID, now int64, count int64) *PendingEntry {
	if old, ok := g.PEL.Get(id); ok {
		old.Consumer.PEL.Delete(id)
		s.bytes -= streamPELBytes
	}
	pe := &PendingEntry{DeliveryTime: now, DeliveryCount: count, Consumer: c}
	g.PEL.Set(id, pe)
	c.PEL.Set(id, pe)
	s.bytes += streamPELBytes
	return pe
}

// MovePending hands a pending entry over to c.
func (s *Stream) MovePending(id StreamID, pe *PendingEntry, c *Consumer) {
	if pe.Consumer != c {
		pe.Consumer.PEL.Delete(id)
		pe.Consumer = c
		c.PEL.Set(id, pe)
	}
}

// Ack removes id from the group's PEL, and reports whether it was there.
func (s *Stream) Ack(g *ConsumerGroup, id StreamID) bool {
	pe, ok := g.PEL.Get(id)
	if !ok {
		return false
	}
	g.PEL.Delete(id)
	pe.Consumer.PEL.Delete(id)
	s.bytes -= streamPELBytes
	return true
}

// Clone is a deep copy, for COPY and snapshots.
func (s *Stream) Clone() any { return s.Copy() }

// Copy is a deep copy.
func (s *Stream) Copy() *Stream {
	c := NewStream()
	c.length, c.LastID, c.EntriesAdded, c.MaxDeletedID, c.bytes = s.length, s.LastID, s.EntriesAdded, s.MaxDeletedID, s.bytes
	s.nodes.Scan(func(n *streamNode) bool {
		nn := &streamNode{master: n.master, fields: n.fields, live: n.live, lpBytes: n.lpBytes}
		nn.entries = append([]streamEntry(nil), n.entries...) // entry data is never written in place
		c.nodes.Set(nn)
		return true
	})
	if s.groups != nil {
		c.groups = make(map[string]*ConsumerGroup, len(s.groups))
		for name, g := range s.groups {
			ng := &ConsumerGroup{LastID: g.LastID, EntriesRead: g.EntriesRead, PEL: newPEL(), Consumers: new(btree.Map[string, *Consumer])}
			consumers := map[*Consumer]*Consumer{}
			g.Consumers.Scan(func(k string, cons *Consumer) bool {
				nc := &Consumer{Name: cons.Name, SeenTime: cons.SeenTime, PEL: newPEL()}
				consumers[cons] = nc
				ng.Consumers.Set(k, nc)
				return true
			})
			g.PEL.Scan(func(id StreamID, pe *PendingEntry) bool {
				np := &PendingEntry{DeliveryTime: pe.DeliveryTime, DeliveryCount: pe.DeliveryCount, Consumer: consumers[pe.Consumer]}
				ng.PEL.Set(id, np)
				np.Consumer.PEL.Set(id, np)
				return true
			})
			c.groups[name] = ng
		}
	}
	return c
}

// FirstIDWithTombstones is the first entry's ID, deleted or not, or the
// greatest ID when there is none, as Redis's streamGetEdgeID(s,1,0).
func (s *Stream) FirstIDWithTombstones() StreamID {
	n, ok := s.nodes.Min()
	if !ok || len(n.entries) == 0 {
		return MaxStreamID
	}
	return n.entries[0].id
}

// PEL is a pending entries list ordered by ID.
type PEL struct{ t *btree.BTreeG[pelItem] }

type pelItem struct {
	id StreamID
	pe *PendingEntry
}

func newPEL() *PEL {
	return &PEL{btree.NewBTreeGOptions(func(a, b pelItem) bool { return a.id.Less(b.id) }, btree.Options{NoLocks: true})}
}

// Len is the number of pending entries.
func (p *PEL) Len() int { return p.t.Len() }

// Get finds a pending entry.
func (p *PEL) Get(id StreamID) (*PendingEntry, bool) {
	it, ok := p.t.Get(pelItem{id: id})
	return it.pe, ok
}

// Set adds or replaces a pending entry.
func (p *PEL) Set(id StreamID, pe *PendingEntry) { p.t.Set(pelItem{id, pe}) }

// Delete removes a pending entry.
func (p *PEL) Delete(id StreamID) { p.t.Delete(pelItem{id: id}) }

// Scan calls fn in ID order until it returns false.
func (p *PEL) Scan(fn func(id StreamID, pe *PendingEntry) bool) {
	p.t.Scan(func(it pelItem) bool { return fn(it.id, it.pe) })
}

// Ascend calls fn from the first ID >= from, until it returns false.
func (p *PEL) Ascend(from StreamID, fn func(id StreamID, pe *PendingEntry) bool) {
	p.t.Ascend(pelItem{id: from}, func(it pelItem) bool { return fn(it.id, it.pe) })
}

// Min and Max are the first and last pending IDs.
func (p *PEL) Min() (StreamID, bool) { it, ok := p.t.Min(); return it.id, ok }

// Max is the last pending ID.
func (p *PEL) Max() (StreamID, bool) { it, ok := p.t.Max(); return it.id, ok }

// RaxNodes estimates the node count of Redis's radix tree over the
// nodes' 16-byte big-endian master IDs (XINFO STREAM's radix-tree-nodes):
// a compressed trie, one node per branching point or key end plus one
// per compressed run.
func (s *Stream) RaxNodes() int64 {
	var keys [][16]byte
	s.nodes.Scan(func(n *streamNode) bool {
		var k [16]byte
		binary.BigEndian.PutUint64(k[:8], n.master.Ms)
		binary.BigEndian.PutUint64(k[8:], n.master.Seq)
		keys = append(keys, k)
		return true
	})
	if len(keys) == 0 {
		return 1
	}
	return 1 + raxCount(keys, 0)
}

// raxCount counts the nodes below a node at depth for sorted keys that
// share their first depth bytes.
func raxCount(keys [][16]byte, depth int) int64 {
	if depth == 16 {
		return 0
	}
	// Keys with the same next byte form one child.
	var n int64
	if len(keys) == 1 {
		return 1 // a compressed run down to the key's (leaf) node
	}
	// Does the group share more bytes? Then it is one compressed node.
	shared := depth
	for shared < 16 && keys[0][shared] == keys[len(keys)-1][shared] {
		shared++
	}
	if shared > depth {
		return 1 + raxCount(keys, shared)
	}
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j][depth] == keys[i][depth] {
			j++
		}
		n += 1 + raxCount(keys[i:j], depth+1)
		i = j
	}
	return n
}
