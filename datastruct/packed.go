package datastruct

import "unsafe"

// A packed entry is an Entry and its key's bytes, and a short string
// value's, in one allocation, as Redis's embedded strings put the bytes
// in their robj. A key then costs the garbage collector one object, not
// two, and a lookup that reaches the entry finds its key beside it
// instead of a cache miss away: rehashing, sampling for eviction and
// comparing keys on a chain all read both.
//
// Go has no variable-length structs, so each size class from just above
// an Entry to 512 bytes has a type: an Entry and a byte array that fills
// the class. Larger keys and values keep their own allocation.
type packed[A any] struct {
	Entry
	data A
}

// entrySize is an Entry's own size, and where a packed entry's bytes
// start.
const entrySize = unsafe.Sizeof(Entry{})

// maxPacked is the most key and value bytes a packed entry holds.
const maxPacked = 512 - entrySize

// packers makes a packed entry for each size class, indexed by its byte
// room divided by 16 (see newPacked).
var packers = func() (t [maxPacked/16 + 1]func() (*Entry, []byte)) {
	for _, f := range []func() (*Entry, []byte){
		packedOf[[16]byte], packedOf[[32]byte], packedOf[[48]byte],
		packedOf[[64]byte], packedOf[[80]byte], packedOf[[96]byte],
		packedOf[[112]byte], packedOf[[128]byte], packedOf[[144]byte],
		packedOf[[160]byte], packedOf[[176]byte], packedOf[[208]byte],
		packedOf[[240]byte], packedOf[[272]byte], packedOf[[304]byte],
		packedOf[[336]byte], packedOf[[368]byte], packedOf[[400]byte],
		packedOf[[432]byte],
	} {
		_, room := f()
		t[len(room)/16] = f
	}
	return t
}()

func packedOf[A any]() (*Entry, []byte) {
	p := new(packed[A])
	return &p.Entry, unsafe.Slice((*byte)(unsafe.Pointer(&p.data)), unsafe.Sizeof(p.data))
}

// newPacked returns a zero Entry whose allocation has room for at least
// n bytes after it, and that room. The room is all of what the size
// class leaves. It returns nil and nil when n is 0 or over maxPacked, or
// when one allocation would take more memory than two (the classes step
// by 8 bytes below 32 and by 32 above 256, but by 16 in between).
func newPacked(n int) (*Entry, []byte) {
	class := packedClass(n)
	if class < 0 {
		return nil, nil
	}
	return packers[class]()
}

// packedClass is the index in packers of the size class a packed entry
// with n bytes takes, or -1 when n bytes are not packed (see newPacked).
// The class's room is class*16 bytes.
func packedClass(n int) int {
	if n <= 0 || n > int(maxPacked) {
		return -1
	}
	size := allocSize(entrySize + uintptr(n))
	if size > int64(entrySize)+allocSize(uintptr(n)) {
		return -1
	}
	return int(size-int64(entrySize)) / 16
}

// packedRoom is the room after a packed entry of the given class.
func packedRoom(e *Entry, class int) []byte {
	return unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(e), entrySize)), class*16)
}

// packed reports whether e's key lies in e's own allocation.
func (e *Entry) packed() bool {
	// Addresses as integers, as in sharesKeyBuffer.
	return len(e.Key) > 0 && uintptr(unsafe.Pointer(unsafe.StringData(e.Key))) == uintptr(unsafe.Pointer(e))+entrySize
}

// InlineValue reports whether e's string value lies in e's own
// allocation: it is then at most a few hundred bytes, and a caller that
// moves the value to another entry should copy it rather than keep this
// allocation alive.
func (e *Entry) InlineValue() bool { return e.Obj == nil && e.packed() && e.sharesKeyBuffer() }
