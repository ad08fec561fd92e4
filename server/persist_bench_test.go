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

// repeatReader serves the same bytes on every Read, as a client that
// sends one pipelined batch after another.
type repeatReader []byte

func (r repeatReader) Read(p []byte) (int, error) { return copy(p, r), nil }

// BenchmarkPipelinedSET runs batches of 16 SETs as one read brings them,
// under -P 16, and writes what they appended to the AOF as the event loop
// does: the difference between the two runs is what the AOF costs a SET
// (the everysec fsync aside: it runs in the background once a second).
func BenchmarkPipelinedSET(b *testing.B) {
	const pipeline = 16
	for _, aof := range []string{"no", "everysec"} {
		b.Run("appendonly="+aof, func(b *testing.B) {
			s, err := Run(WithDirective("dir", b.TempDir()), WithDirective("appendonly", map[bool]string{true: "yes", false: "no"}[aof != "no"]))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			var batch []byte
			for i := range pipeline {
				batch = fmt.Appendf(batch, "*3\r\n$3\r\nSET\r\n$16\r\nkey:%012d\r\n$3\r\nxxx\r\n", i)
			}
			c := &Client{srv: s, id: -1, addr: "bench", reply: Reply{resp: 2}, db: s.dbs[0]}
			c.authed.Store(true)
			c.rd = newRequestReader(repeatReader(batch))
			c.rd.authorized = c.isAuthorized
			c.rd.maxBulk = s.live.protoMaxBulkLen.Load
			c.rd.maxQuery = s.live.queryBufferLimit.Load
			b.ReportAllocs()
			for b.Loop() {
				cmds, err := c.rd.readBatch()
				if err != nil || len(cmds) != pipeline {
					b.Fatalf("read %d commands: %v", len(cmds), err)
				}
				if aof := s.runBatch(c, cmds); aof != nil {
					s.writeAOF(aof)
				}
				c.resetReplies()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pipeline), "ns/SET")
		})
	}
}
