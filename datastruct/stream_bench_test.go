package datastruct

import (
	"strconv"
	"testing"
)

// BenchmarkStreamAppend is XADD's work on the structure: one entry of two
// fields, into nodes of 100 entries, trimmed approximately to 10000.
func BenchmarkStreamAppend(b *testing.B) {
	s := NewStream()
	fv := [][]byte{[]byte("name"), []byte("job"), []byte("data"), []byte(`{"x":1}`)}
	b.ReportAllocs()
	for i := range b.N {
		s.Append(StreamID{Ms: uint64(i + 1)}, fv, 100, 4096)
		s.Trim(TrimMaxLen, 10000, StreamID{}, true, 10000)
	}
}

// BenchmarkStreamRange reads 10 entries from the middle of 100k.
func BenchmarkStreamRange(b *testing.B) {
	s := NewStream()
	for i := range 100000 {
		s.Append(StreamID{Ms: uint64(i + 1)}, [][]byte{[]byte("f"), []byte(strconv.Itoa(i))}, 100, 4096)
	}
	b.ReportAllocs()
	for i := range b.N {
		n := 0
		s.Range(StreamID{Ms: uint64(i%90000 + 1)}, MaxStreamID, false, func(StreamID, []byte) bool {
			n++
			return n < 10
		})
	}
}
