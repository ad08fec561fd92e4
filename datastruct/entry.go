package datastruct

import "unsafe"

// Entry is one key of a database. It is also the node of the Dict that
// holds it, so a key costs one allocation besides its bytes.
type Entry struct {
	Key  string
	next *Entry // chain link, owned by Dict

	// Str holds a string value; Obj holds any other type. Exactly one is
	// in use, as told by Obj being nil.
	Str []byte
	Obj any

	// ExpireAt is the absolute expiry in unix milliseconds, 0 for none.
	// DB.SetExpire changes it.
	ExpireAt int64
	// meta packs, as Redis's robj does, the encoding in bits 24-30 and a
	// 24-bit LRU clock or LFU counter below; bit 31 is the snapshot mark
	// (see DB.BeginSnapshot).
	meta uint32
	// volatileIdx is the position in DB.volatile plus one, 0 when the key
	// has no TTL.
	volatileIdx int32
}

// Encoding is the internal representation OBJECT ENCODING reports.
type Encoding uint8

// String encodings, as Redis chooses them.
const (
	EncRaw Encoding = iota
	EncEmbstr
	EncInt
	EncIntShared // an integer in 0..9999 that Redis would share (refcount 2147483647)

	// Aggregate encodings: the compact form Redis uses for small values,
	// and the general one it converts to (and never back) when a value
	// outgrows the *-max-listpack-* limits.
	EncListpack
	EncSkiplist
)

const (
	accessMask   = 1<<24 - 1
	encodingMask = 0x7f << 24
	snapshotMark = 1 << 31
)

// Encoding returns the value's encoding.
func (e *Entry) Encoding() Encoding { return Encoding(e.meta & encodingMask >> 24) }

// SetEncoding records the value's encoding.
func (e *Entry) SetEncoding(enc Encoding) { e.meta = e.meta&^encodingMask | uint32(enc)<<24 }

// Access returns the 24-bit LRU clock or LFU counter.
func (e *Entry) Access() uint32 { return e.meta & accessMask }

// SetAccess records the 24-bit LRU clock or LFU counter.
func (e *Entry) SetAccess(v uint32) { e.meta = e.meta&^accessMask | v&accessMask }

// sharesKeyBuffer reports whether the string value lies in the key's
// allocation, right after the key (DB.AddString).
func (e *Entry) sharesKeyBuffer() bool {
	// Addresses as integers: a pointer one past a separate key's end
	// would point outside its allocation, which checkptr (-race) refuses.
	return len(e.Key) > 0 && cap(e.Str) > 0 &&
		uintptr(unsafe.Pointer(unsafe.StringData(e.Key)))+uintptr(len(e.Key)) == uintptr(unsafe.Pointer(unsafe.SliceData(e.Str)))
}

// Sized is a value that knows its own bytes in O(1), for used-memory
// accounting. Every aggregate type stored in Entry.Obj implements it.
type Sized interface{ MemoryBytes() int64 }

// Per-key overheads besides the entry, key and value allocations: the
// dict's bucket slot (8 bytes at a load factor between 0.5 and 1, so 12
// on average) and, for a key with a TTL, its slot in the volatile list
// (8 bytes, 10 with append's spare capacity).
const (
	dictSlotBytes     = 12
	volatileSlotBytes = 10
)

// MemoryBytes estimates the bytes the key takes in its database, in
// O(1): the entry, its key, its value, and its slots in the dict and the
// TTL list, each rounded up to Go's allocation size classes.
func (e *Entry) MemoryBytes() int64 {
	// The entry, its key and its string value, each an allocation unless
	// it shares the one before: the value follows the key (AddString),
	// the key follows the entry (packed). A value that outgrew the key's
	// buffer leaves its old room there, uncounted.
	entry, key, val := entrySize, uintptr(len(e.Key)), uintptr(0)
	if e.Obj == nil {
		val = uintptr(cap(e.Str))
		if e.sharesKeyBuffer() {
			key, val = key+val, 0
		}
	}
	if e.packed() {
		entry, key = entry+key, 0
	}
	n := allocSize(entry) + allocSize(key) + allocSize(val) + dictSlotBytes
	if v, ok := e.Obj.(Sized); ok {
		n += v.MemoryBytes()
	}
	if e.volatileIdx > 0 {
		n += volatileSlotBytes
	}
	return n
}
