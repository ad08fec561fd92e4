package persistence

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// testRecords returns n varied records: several DBs and types, binary
// keys and payloads, empty ones, and TTLs.
func testRecords(n int, seed uint64) []Record {
	r := rand.New(rand.NewPCG(seed, 7))
	recs := make([]Record, n)
	for i := range recs {
		key := fmt.Appendf(nil, "key:%d:", i)
		key = append(key, byte(r.IntN(256)), 0, byte(r.IntN(256)))
		payload := make([]byte, r.IntN(200))
		for j := range payload {
			payload[j] = byte(r.IntN(256))
		}
		var exp int64
		if r.IntN(3) == 0 {
			exp = 1_700_000_000_000 + r.Int64N(1e9)
		}
		recs[i] = Record{DB: r.IntN(16), Key: key, Type: byte(r.IntN(256)), ExpireAt: exp, Payload: payload}
	}
	return recs
}

// specialRecords covers the edges: keys over bbolt's 32 KiB key limit,
// a payload larger than an arena chunk, empty keys and payloads, binary
// bytes, extreme TTLs and DB numbers.
func specialRecords() []Record {
	big := func(n int, b byte) []byte {
		s := bytes.Repeat([]byte{b}, n)
		s[0], s[n-1] = 0, 0xff
		return s
	}
	return []Record{
		{DB: 0, Key: []byte("plain"), Type: 0, Payload: []byte("value")},
		{DB: 0, Key: []byte{}, Type: 1, Payload: []byte{}},
		{DB: 1, Key: []byte{0, 0, 0}, Type: 255, Payload: []byte{0}},
		{DB: 2, Key: big(bolt.MaxKeySize+1, 'k'), Type: 2, Payload: []byte("just over the key limit")},
		{DB: 3, Key: big(1<<20, 'K'), Type: 3, Payload: big(3<<20, 'p')},
		{DB: 4, Key: []byte("\xff\xfe\r\n*3\r\n"), Type: 4, ExpireAt: math.MaxInt64, Payload: []byte("\x00\r\n")},
		{DB: 5, Key: []byte("negative ttl"), Type: 5, ExpireAt: -1, Payload: nil},
		{DB: math.MaxInt32, Key: []byte("high db"), Type: 6, ExpireAt: math.MinInt64, Payload: []byte("x")},
	}
}

// putAll writes recs the way the server does: through reused buffers,
// which it scribbles over after every Put to prove that Put copies.
func putAll(t testing.TB, w *SnapshotWriter, recs []Record) {
	t.Helper()
	var kbuf, pbuf []byte
	for _, rec := range recs {
		kbuf = append(kbuf[:0], rec.Key...)
		pbuf = append(pbuf[:0], rec.Payload...)
		rec.Key, rec.Payload = kbuf, pbuf
		if err := w.Put(rec); err != nil {
			t.Fatalf("Put: %v", err)
		}
		for i := range kbuf {
			kbuf[i] = 'X'
		}
		for i := range pbuf {
			pbuf[i] = 'Y'
		}
	}
}

func saveSnapshot(t testing.TB, path string, recs []Record) {
	t.Helper()
	w, err := CreateSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	putAll(t, w, recs)
	if err := w.Commit(); err != nil {
		t.Fatalf("Commit: %v", err)
	}
}

func loadSnapshot(path string) ([]Record, LoadStats, error) {
	var got []Record
	stats, err := LoadSnapshot(path, func(rec Record) error {
		got = append(got, keepRecord(rec))
		return nil
	}, nil)
	return got, stats, err
}

// keepRecord copies a record handed to apply, whose bytes are valid
// only during the call.
func keepRecord(rec Record) Record {
	rec.Key, rec.Payload = bytes.Clone(rec.Key), bytes.Clone(rec.Payload)
	return rec
}

func sameRecords(t testing.TB, got, want []Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.DB != w.DB || g.Type != w.Type || g.ExpireAt != w.ExpireAt || !bytes.Equal(g.Key, w.Key) || !bytes.Equal(g.Payload, w.Payload) {
			t.Fatalf("record %d: got {DB %d Type %d ExpireAt %d key %d bytes payload %d bytes}, want {DB %d Type %d ExpireAt %d key %d bytes payload %d bytes}",
				i, g.DB, g.Type, g.ExpireAt, len(g.Key), len(g.Payload), w.DB, w.Type, w.ExpireAt, len(w.Key), len(w.Payload))
		}
	}
}

// smallBatches makes blocks, transactions and progress reports small, so
// that a few thousand records span many of each.
func smallBatches(t *testing.T) {
	k, r, b, p := snapBlockSize, snapBatchRecords, snapBatchBytes, snapProgressEvery
	snapBlockSize, snapBatchRecords, snapBatchBytes, snapProgressEvery = 512, 1000, 64<<10, 1000
	t.Cleanup(func() { snapBlockSize, snapBatchRecords, snapBatchBytes, snapProgressEvery = k, r, b, p })
}

// tempFiles lists the temporary files next to path.
func tempFiles(t testing.TB, path string) []string {
	t.Helper()
	m, err := filepath.Glob(path + ".tmp-*")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSnapshotRoundTrip(t *testing.T) {
	smallBatches(t)
	cases := map[string][]Record{
		"empty":   nil,
		"one":     {{DB: 0, Key: []byte("k"), Type: 1, Payload: []byte("v")}},
		"special": specialRecords(),
		"many":    testRecords(5500, 1),
		"mixed":   append(append(testRecords(1200, 2), specialRecords()...), testRecords(1200, 3)...),
	}
	for name, recs := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dump.db")
			saveSnapshot(t, path, recs)
			if tmp := tempFiles(t, path); len(tmp) != 0 {
				t.Fatalf("temporary files left after Commit: %v", tmp)
			}
			var progress [][2]int64
			var got []Record
			stats, err := LoadSnapshot(path, func(rec Record) error {
				got = append(got, keepRecord(rec))
				return nil
			}, func(done, total int64) { progress = append(progress, [2]int64{done, total}) })
			if err != nil {
				t.Fatal(err)
			}
			sameRecords(t, got, recs)
			fi, _ := os.Stat(path)
			if stats.Commands != int64(len(recs)) || stats.Bytes != fi.Size() || stats.Truncated != 0 {
				t.Errorf("stats = %+v, want %d records and %d bytes", stats, len(recs), fi.Size())
			}
			// progress: 0 first, every snapProgressEvery records, then the
			// total.
			n := int64(len(recs))
			want := [][2]int64{{0, n}}
			for d := snapProgressEvery; d < n; d += snapProgressEvery {
				want = append(want, [2]int64{d, n})
			}
			if n > 0 {
				want = append(want, [2]int64{n, n})
			}
			if !slices.Equal(progress, want) {
				t.Errorf("progress calls = %v, want %v", progress, want)
			}
		})
	}
}

// TestSnapshotRecordsAreCopiesOfTheFile checks that apply gets the
// records in a buffer of its own, not in the read-only mapping (writing
// there would fault), and that scribbling over one record's bytes spoils
// none of the records after it.
func TestSnapshotRecordsAreCopiesOfTheFile(t *testing.T) {
	smallBatches(t)
	path := filepath.Join(t.TempDir(), "dump.db")
	recs := testRecords(3000, 4)
	saveSnapshot(t, path, recs)
	var got []Record
	_, err := LoadSnapshot(path, func(rec Record) error {
		got = append(got, keepRecord(rec))
		for i := range rec.Key {
			rec.Key[i] = 'X'
		}
		for i := range rec.Payload {
			rec.Payload[i] = 'X'
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, got, recs)
}

func TestSnapshotMissingFile(t *testing.T) {
	stats, err := LoadSnapshot(filepath.Join(t.TempDir(), "nope.db"), func(Record) error {
		t.Fatal("apply called for a missing file")
		return nil
	}, nil)
	if err != nil || stats != (LoadStats{}) {
		t.Fatalf("got %+v, %v; want zero stats and no error", stats, err)
	}
}

func TestSnapshotCommitReplacesAtomically(t *testing.T) {
	smallBatches(t)
	path := filepath.Join(t.TempDir(), "dump.db")
	old := testRecords(2500, 5)
	saveSnapshot(t, path, old)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	// A snapshot that is written but never committed (the process died)
	// touches only its temporary file.
	w, err := CreateSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	putAll(t, w, testRecords(3000, 6))
	tmp := tempFiles(t, path)
	if len(tmp) != 1 || filepath.Dir(tmp[0]) != filepath.Dir(path) {
		t.Fatalf("temporary files = %v, want one next to %s", tmp, path)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Fatal("path changed before Commit")
	}
	got, _, err := loadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, got, old)
	// Nor does loading the unfinished temporary file succeed.
	if _, err := LoadSnapshot(tmp[0], func(Record) error { t.Fatal("apply called"); return nil }, nil); !errors.Is(err, ErrSnapshotCorrupt) {
		t.Fatalf("loading the unfinished temporary file: %v, want ErrSnapshotCorrupt", err)
	}

	w.Abort()
	if tmp := tempFiles(t, path); len(tmp) != 0 {
		t.Fatalf("temporary files left after Abort: %v", tmp)
	}
	got, _, err = loadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, got, old)

	// A committed one replaces it whole.
	fresh := testRecords(1500, 7)
	saveSnapshot(t, path, fresh)
	got, _, err = loadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, got, fresh)
}

func TestSnapshotWriterLifecycle(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dump.db")
	w, err := CreateSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put(Record{DB: -1, Key: []byte("k")}); err == nil {
		t.Error("Put with a negative DB succeeded")
	}
	if err := w.Put(Record{Key: []byte("k"), Payload: []byte("v")}); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := w.Put(Record{Key: []byte("late")}); !errors.Is(err, ErrSnapshotClosed) {
		t.Errorf("Put after Commit: %v, want ErrSnapshotClosed", err)
	}
	if err := w.Commit(); !errors.Is(err, ErrSnapshotClosed) {
		t.Errorf("second Commit: %v, want ErrSnapshotClosed", err)
	}
	w.Abort() // a no-op after Commit
	got, _, err := loadSnapshot(path)
	if err != nil || len(got) != 1 {
		t.Fatalf("after Abort following Commit: %d records, %v", len(got), err)
	}

	// Commit that cannot rename (path is a directory) fails and cleans up.
	blocked := filepath.Join(dir, "blocked")
	if err := os.Mkdir(blocked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(blocked, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	w, err = CreateSnapshot(blocked)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put(Record{Key: []byte("k")}); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err == nil {
		t.Fatal("Commit over a directory succeeded")
	}
	if tmp := tempFiles(t, blocked); len(tmp) != 0 {
		t.Fatalf("temporary files left after a failed Commit: %v", tmp)
	}

	// Two writers for the same path do not share a temporary file, and
	// the last Commit wins.
	w1, err := CreateSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	w2, err := CreateSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	if w1.tmp == w2.tmp {
		t.Fatalf("both writers use %s", w1.tmp)
	}
	putAll(t, w1, testRecords(10, 8))
	putAll(t, w2, testRecords(20, 9))
	if err := w1.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := w2.Commit(); err != nil {
		t.Fatal(err)
	}
	got, _, err = loadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, got, testRecords(20, 9))
}

func TestSnapshotApplyError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dump.db")
	saveSnapshot(t, path, testRecords(10, 10))
	boom := errors.New("boom")
	calls := 0
	stats, err := LoadSnapshot(path, func(Record) error {
		calls++
		if calls == 4 {
			return boom
		}
		return nil
	}, nil)
	if !errors.Is(err, boom) || errors.Is(err, ErrSnapshotCorrupt) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want boom naming the file, not corruption", err)
	}
	if calls != 4 || stats.Commands != 3 {
		t.Fatalf("calls = %d, stats.Commands = %d; want 4 and 3", calls, stats.Commands)
	}

	// A panic in apply is the caller's: it is not turned into an error.
	defer func() {
		if r := recover(); r != "apply panic" {
			t.Fatalf("recovered %v, want the apply panic", r)
		}
	}()
	_, _ = LoadSnapshot(path, func(Record) error { panic("apply panic") }, nil)
	t.Fatal("LoadSnapshot swallowed a panic in apply")
}

// refused loads path and checks that it is refused as damaged, with an
// error naming the file and containing reason, and that apply was never
// called.
func refused(t *testing.T, path, reason string) {
	t.Helper()
	calls := 0
	stats, err := LoadSnapshot(path, func(Record) error { calls++; return nil }, func(int64, int64) { calls++ })
	if err == nil {
		t.Fatalf("a damaged snapshot loaded (%d records)", stats.Commands)
	}
	if !errors.Is(err, ErrSnapshotCorrupt) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), reason) {
		t.Fatalf("err = %v; want ErrSnapshotCorrupt naming %s and %q", err, path, reason)
	}
	if calls != 0 || stats.Commands != 0 {
		t.Fatalf("apply or progress called %d times on a damaged file", calls)
	}
}

func TestSnapshotDamagedFile(t *testing.T) {
	smallBatches(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	saveSnapshot(t, good, testRecords(3000, 11))
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	size := len(data)
	write := func(t *testing.T, b []byte) string {
		p := filepath.Join(t.TempDir(), "dump.db")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	// A flipped byte anywhere: bbolt's meta pages, its branch and leaf
	// pages, the free space in them, and the trailer.
	offsets := []int{0, 17, 4096 + 20, 2*4096 + 3, size / 3, size / 2, size/2 + 1, size - snapTrailerLen - 1,
		size - snapTrailerLen, size - 10, size - 1}
	for off := 0; off < size; off += size / 50 {
		offsets = append(offsets, off)
	}
	for _, off := range offsets {
		t.Run("flip/"+strconv.Itoa(off), func(t *testing.T) {
			b := slices.Clone(data)
			b[off] ^= 0x5a
			refused(t, write(t, b), "")
		})
	}
	for _, n := range []int{0, 1, snapTrailerLen - 1, snapTrailerLen, 4096, size / 2, size - snapTrailerLen, size - 1} {
		t.Run("truncate/"+strconv.Itoa(n), func(t *testing.T) {
			refused(t, write(t, data[:n]), "")
		})
	}
	t.Run("appended", func(t *testing.T) {
		refused(t, write(t, append(slices.Clone(data), "more"...)), "bad trailer magic")
	})
	t.Run("garbage", func(t *testing.T) {
		b := make([]byte, size)
		r := rand.New(rand.NewPCG(1, 2))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		refused(t, write(t, b), "bad trailer magic")
	})
	t.Run("text", func(t *testing.T) {
		refused(t, write(t, []byte("*1\r\n$4\r\nPING\r\n this is not a snapshot at all\n")), "not a miniserve snapshot")
	})
	t.Run("middle", func(t *testing.T) {
		b := slices.Clone(data)
		b[size/2] ^= 1
		refused(t, write(t, b), "file checksum mismatch")
	})
	t.Run("trailer-length", func(t *testing.T) {
		b := slices.Clone(data[:size-snapTrailerLen-4096])
		b = append(b, data[size-snapTrailerLen:]...)
		refused(t, write(t, b), "trailer says")
	})
	// Still loadable afterwards: the tests damaged copies.
	if _, _, err := loadSnapshot(good); err != nil {
		t.Fatal(err)
	}
}

// reseal edits the bbolt database inside a snapshot and writes a fresh,
// valid trailer: damage that the file checksum cannot see, so that the
// metadata and records checks must.
func reseal(t *testing.T, src string, edit func(tx *bolt.Tx) error) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "dump.db")
	if err := os.WriteFile(p, data[:len(data)-snapTrailerLen], 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(p, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(edit); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := snapSeal(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSnapshotBadContents(t *testing.T) {
	smallBatches(t)
	good := filepath.Join(t.TempDir(), "good.db")
	saveSnapshot(t, good, testRecords(2000, 12))
	seq := func(i uint64) []byte { return binary.BigEndian.AppendUint64(nil, i) }
	putMeta := func(k, v []byte) func(tx *bolt.Tx) error {
		return func(tx *bolt.Tx) error { return tx.Bucket(snapBucketMeta).Put(k, v) }
	}
	lastBlock := func(tx *bolt.Tx) []byte {
		k, _ := tx.Bucket(snapBucketRecords).Cursor().Last()
		return k
	}
	cases := []struct {
		name, reason string
		edit         func(tx *bolt.Tx) error
	}{
		{"no-metadata", "missing metadata", func(tx *bolt.Tx) error { return tx.DeleteBucket(snapBucketMeta) }},
		{"bad-magic", "bad magic", putMeta(snapKeyMagic, []byte("redis-rdb"))},
		{"version", "unsupported format version 2", putMeta(snapKeyVersion, []byte{0, 0, 0, 2})},
		{"no-count", "malformed metadata", func(tx *bolt.Tx) error { return tx.Bucket(snapBucketMeta).Delete(snapKeyCount) }},
		{"no-records", `missing "records"`, func(tx *bolt.Tx) error { return tx.DeleteBucket(snapBucketRecords) }},
		{"count-high", "record count mismatch: the metadata says 2001, the file holds 2000", putMeta(snapKeyCount, seq(2001))},
		{"lost-last", "record count mismatch", func(tx *bolt.Tx) error { return tx.Bucket(snapBucketRecords).Delete(lastBlock(tx)) }},
		{"lost-middle", "block 100: bad key", func(tx *bolt.Tx) error { return tx.Bucket(snapBucketRecords).Delete(seq(100)) }},
		{"extra", "bad key 7a7a7a", func(tx *bolt.Tx) error { return tx.Bucket(snapBucketRecords).Put([]byte("zzz"), []byte("v")) }},
		{"empty-block", "block 3: empty", func(tx *bolt.Tx) error { return tx.Bucket(snapBucketRecords).Put(seq(3), []byte{}) }},
		{"changed", "records checksum mismatch", func(tx *bolt.Tx) error {
			b := tx.Bucket(snapBucketRecords)
			v := slices.Clone(b.Get(seq(123)))
			for rest := v; len(rest) > 0; {
				rec, r, err := snapDecode(rest)
				if err != nil {
					return err
				}
				if len(rec.Payload) > 0 {
					rec.Payload[0] ^= 1 // aliases v
					break
				}
				rest = r
			}
			return b.Put(seq(123), v)
		}},
		{"malformed", "(block 7): bad key length", func(tx *bolt.Tx) error {
			return tx.Bucket(snapBucketRecords).Put(seq(7), []byte{0, 1, 0, 100, 'k'})
		}},
		{"trailing-bytes", "(block 9): bad payload length", func(tx *bolt.Tx) error {
			b := tx.Bucket(snapBucketRecords)
			return b.Put(seq(9), append(slices.Clone(b.Get(seq(9))), 0, 1, 0, 1, 'k', 5))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			refused(t, reseal(t, good, c.edit), c.reason)
		})
	}
}

// BenchmarkSnapshot saves and loads n string-like records: keys of 16
// bytes and 16-byte payloads, as redis-benchmark's keyspace would give.
// Run the big one with
//
//	go test ./persistence -run '^$' -bench 'Snapshot/.*/1M' -benchtime 1x
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		name := strconv.Itoa(n)
		if n%1_000_000 == 0 {
			name = strconv.Itoa(n/1_000_000) + "M"
		} else if n%1000 == 0 {
			name = strconv.Itoa(n/1000) + "k"
		}
		dir := b.TempDir()
		path := filepath.Join(dir, "dump.db")
		b.Run("save/"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSave(b, path, n)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/record")
			if fi, err := os.Stat(path); err == nil {
				b.ReportMetric(float64(fi.Size())/float64(n), "file-bytes/record")
			}
		})
		b.Run("load/"+name, func(b *testing.B) {
			if _, err := os.Stat(path); err != nil {
				benchSave(b, path, n)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				var sum int
				stats, err := LoadSnapshot(path, func(rec Record) error {
					sum += len(rec.Key) + len(rec.Payload)
					return nil
				}, nil)
				if err != nil || stats.Commands != int64(n) || sum != 32*n {
					b.Fatalf("loaded %d records (%d bytes): %v", stats.Commands, sum, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/record")
		})
	}
}

func benchSave(b *testing.B, path string, n int) {
	w, err := CreateSnapshot(path)
	if err != nil {
		b.Fatal(err)
	}
	key := make([]byte, 0, 16)
	payload := make([]byte, 16)
	for i := range n {
		key = append(key[:0], "key:000000000000"...) // 16 bytes, like redis-benchmark's
		for j, v := 15, i; v > 0; j, v = j-1, v/10 {
			key[j] = byte('0' + v%10)
		}
		binary.BigEndian.PutUint64(payload, uint64(i))
		if err := w.Put(Record{Key: key, Type: 0, Payload: payload}); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		b.Fatal(err)
	}
}
