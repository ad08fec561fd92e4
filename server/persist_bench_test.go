package server

import (
	"fmt"
	"testing"
)

// BenchmarkSnapshotLoad is a restart's load of a 1M-key snapshot of
// 16-byte strings, as make bench's persistence group measures it end to
// end.
func BenchmarkSnapshotLoad(b *testing.B) {
	dir := b.TempDir()
	s, err := Run(WithDirective("dir", dir))
	if err != nil {
		b.Fatal(err)
	}
	s.mu.Lock()
	d := s.dbs[0]
	for i := range 1_000_000 {
		d.keys.AddString([]byte(fmt.Sprintf("key:%07d", i)), []byte("0123456789abcdef"))
	}
	s.mu.Unlock()
	if err := s.save(); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s, err := Run(WithDirective("dir", dir))
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if n := s.dbs[0].keys.Len(); n != 1_000_000 {
			b.Fatalf("loaded %d keys", n)
		}
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkSnapshotSave is SAVE of a 1M-key snapshot of 16-byte strings,
// as make bench's persistence group measures it end to end.
func BenchmarkSnapshotSave(b *testing.B) {
	s, err := Run(WithDirective("dir", b.TempDir()))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.dbs[0]
	for i := range 1_000_000 {
		d.keys.AddString([]byte(fmt.Sprintf("key:%07d", i)), []byte("0123456789abcdef"))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := s.save(); err != nil {
			b.Fatal(err)
		}
	}
}
