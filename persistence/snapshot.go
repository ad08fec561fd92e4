package persistence

// Snapshots: point-in-time copies of the keyspace in a bbolt file.
//
// The server produces the records (it walks its keyspace in small chunks
// under its lock and calls Put outside the lock) and encodes and decodes
// the payloads. This file stores opaque Records in the order they were
// Put and gives them back in that order. persistence/doc.go draws the
// format too.
//
// A snapshot file is a bbolt database followed by a 20-byte trailer:
//
//	offset 0                                          size-20          size
//	+--------------------------------------------------+-----------------+
//	| bbolt database (4 KiB pages)                     | trailer         |
//	|                                                  |                 |
//	|  root                                            | "MSSNAPv1"      |
//	|   +- "meta"    bucket, written last, by Commit   | dataLen  u64 BE |
//	|   |    "magic"    -> "miniserve-snapshot"        |  (= size-20)    |
//	|   |    "version"  -> u32 BE, 1                   | CRC-32C  u32 BE |
//	|   |    "created"  -> i64 BE, unix milliseconds   |  of bytes       |
//	|   |    "count"    -> u64 BE, number of records   |  [0, dataLen)   |
//	|   |    "checksum" -> u64 BE, CRC-64/ECMA         |                 |
//	|   |                                              |                 |
//	|   +- "records" bucket, FillPercent 1.0           |                 |
//	|        u64 BE 0 -> block: record record ...      |                 |
//	|        u64 BE 1 -> block: record record ...      |                 |
//	|        ...   keys 0..n-1, in Put order           |                 |
//	+--------------------------------------------------+-----------------+
//
// A block is about snapBlockSize (64 KiB) of consecutive records; a
// record bigger than that gets a block of its own. A record is:
//
//	+---------+------+----------+---------+-----+-------------+---------+
//	| DB      | Type | ExpireAt | len(Key)| Key | len(Payload)| Payload |
//	| uvarint | byte | varint   | uvarint |     | uvarint     |         |
//	+---------+------+----------+---------+-----+-------------+---------+
//
// (varint is Go's zigzag encoding/binary.AppendVarint, uvarint the plain
// one.) The checksum is CRC-64/ECMA over, for every block in order, its
// 8-byte bbolt key, its length as u32 BE and its bytes. ECMA rather than
// ISO: the ISO polynomial is sparse and misses more multi-bit errors.
//
// Design notes, with what was measured on the 2-core dev box:
//
//   - Redis keys are never bbolt keys: bbolt limits keys to 32 KiB and
//     Redis keys can be far larger. Sequence numbers keep the Put order
//     and make bbolt's inserts appends, so FillPercent 1.0 packs pages full.
//   - Blocks, not one bbolt value per record: bbolt's per-Put cost (a
//     cursor seek, an inode insert, node splits and copies at commit) made
//     1M records of 32 bytes take 1.4-2.4 s and 580-700 MB of garbage to
//     save, in batches of 10k or 100k, with or without a big initial mmap.
//     With 16 KB blocks bbolt sees about 2,400 Puts and the same 1M records
//     save in well under a second (see BenchmarkSnapshot: 1M records of
//     16-byte keys and payloads, 38 MB, save 0.23-0.26 s including the
//     fsync, load 0.11-0.14 s; redis-server 7.0.15 on the same busy box
//     took 1.1-1.5 s to SAVE them and 1.2-1.8 s to load them on restart).
//   - Garbage matters as much as time: a background save runs beside
//     clients, and a GC cycle it triggers on a big heap makes them wait.
//     64 KiB pages holding four blocks each let bbolt write every page
//     from its page pool, and a 1 GiB initial mmap (address space only)
//     spares it the remaps that copy every node out of the old mapping.
//     Together they cut a 1M-record save's garbage from 86 MB to 11 MB.
//   - Transactions hold at most snapBatchRecords (100k) records or
//     snapBatchBytes (32 MiB) of blocks: bbolt keeps every value slice
//     until commit, so this bounds the memory a save holds. The blocks are
//     reused only after their transaction commits (bbolt's Put does not
//     copy).
//   - Durability: the temporary file is opened with NoSync, NoGrowSync and
//     NoFreelistSync. Nothing reads it until it has been renamed over
//     path, so per-transaction fsyncs would buy nothing. Commit fsyncs the
//     finished file once, renames it over path and fsyncs the directory.
//   - A fresh file every time (O_EXCL on path+".tmp-<pid>-<n>"): a bbolt
//     file never shrinks, and a stale file of the same name is not reused.
//   - The trailer: bbolt checksums its two meta pages but not its data
//     pages, and reading a damaged branch or leaf page can make it panic,
//     fault, or loop. So LoadSnapshot first reads the whole file once and
//     checks the trailer's CRC-32C (hardware-accelerated, ~15 GB/s) before
//     bbolt parses a byte. bbolt ignores bytes after its last page, so the
//     file is still a bbolt database that bbolt's own tools can open. Then
//     a first pass decodes every record and checks the count and the
//     CRC-64 against the metadata; only a second pass calls apply.
//
// A crash before Commit's rename leaves the previous snapshot at path as
// it was, plus a stale temporary file that LoadSnapshot would refuse (it
// has no trailer). Cleaning those up is the caller's business.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrSnapshotCorrupt is wrapped by the error LoadSnapshot returns for a
// file that is damaged, incomplete or not a snapshot at all. The message
// names the file and the reason.
var ErrSnapshotCorrupt = errors.New("damaged or incomplete snapshot")

// ErrSnapshotClosed is returned by Put and Commit after Commit or Abort.
var ErrSnapshotClosed = errors.New("persistence: snapshot writer is closed")

const (
	snapMagic        = "miniserve-snapshot"
	snapVersion      = 1
	snapTrailerMagic = "MSSNAPv1"
	snapTrailerLen   = 8 + 8 + 4
	snapBlockHeader  = 8 + 4 // bbolt key + block length, as checksummed

	snapFileMode = 0o600
	snapLockWait = 10 * time.Second
)

// Tunables: variables so that tests can make them small.
var (
	// snapBlockSize is the size a block is closed at. Four blocks fit a
	// snapPageSize page: bbolt never splits a node of four or fewer
	// values, and a node over one page is written from a fresh buffer
	// rather than its page pool.
	snapBlockSize = 16000
	snapPageSize  = 64 << 10
	// snapBatchRecords and snapBatchBytes bound one bbolt transaction.
	snapBatchRecords = 100_000
	snapBatchBytes   = 32 << 20
	// snapProgressEvery is how often LoadSnapshot calls progress.
	snapProgressEvery int64 = 100_000
)

var (
	snapBucketMeta    = []byte("meta")
	snapBucketRecords = []byte("records")
	snapKeyMagic      = []byte("magic")
	snapKeyVersion    = []byte("version")
	snapKeyCreated    = []byte("created")
	snapKeyCount      = []byte("count")
	snapKeyChecksum   = []byte("checksum")

	snapCRC64 = crc64.MakeTable(crc64.ECMA)
	snapCRC32 = crc32.MakeTable(crc32.Castagnoli)

	snapTmpSeq atomic.Uint64
)

// SnapshotWriter writes one snapshot. It is not safe for concurrent use.
// Call Commit to publish it or Abort to throw it away.
type SnapshotWriter struct {
	path string
	tmp  string
	db   *bolt.DB
	tx   *bolt.Tx
	b    *bolt.Bucket

	checksum hash.Hash64
	records  uint64 // records put
	blocks   uint64 // blocks handed to bbolt: the next block's key

	// blk is the block being filled: [key u64][len u32][records...]. The
	// header is filled in when it is closed, so the whole slice is what
	// gets checksummed.
	blk        []byte
	blkRecords int

	txBlocks  [][]byte // blocks bbolt still references
	txRecords int
	txBytes   int
	spare     [][]byte // blocks free for reuse

	err    error // sticky: the first failure
	closed bool
}

// CreateSnapshot starts a snapshot that Commit will publish at path. It
// writes to a fresh temporary file next to path, path+".tmp-<pid>-<n>",
// and never touches path itself before Commit.
func CreateSnapshot(path string) (*SnapshotWriter, error) {
	var (
		db  *bolt.DB
		tmp string
		err error
	)
	for range 100 {
		tmp = fmt.Sprintf("%s.tmp-%d-%d", path, os.Getpid(), snapTmpSeq.Add(1))
		db, err = bolt.Open(tmp, snapFileMode, &bolt.Options{
			Timeout:         snapLockWait,
			NoSync:          true,
			NoGrowSync:      true,
			NoFreelistSync:  true,
			FreelistType:    bolt.FreelistMapType,
			InitialMmapSize: 1 << 30,
			PageSize:        snapPageSize,
			OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
				return os.OpenFile(name, flag|os.O_EXCL, perm)
			},
		})
		if !errors.Is(err, os.ErrExist) {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("persistence: create snapshot %s: %w", path, err)
	}
	return &SnapshotWriter{path: path, tmp: tmp, db: db, checksum: crc64.New(snapCRC64)}, nil
}

// Put appends rec to the snapshot. It copies rec.Key and rec.Payload, so
// the caller may reuse their buffers as soon as Put returns.
func (w *SnapshotWriter) Put(rec Record) error {
	if w.closed {
		return ErrSnapshotClosed
	}
	if w.err != nil {
		return w.err
	}
	if rec.DB < 0 || int64(rec.DB) > 1<<31-1 {
		return fmt.Errorf("persistence: snapshot record with DB %d out of range", rec.DB)
	}
	var hdr [3*binary.MaxVarintLen64 + 1]byte
	h := binary.AppendUvarint(hdr[:0], uint64(rec.DB))
	h = append(h, rec.Type)
	h = binary.AppendVarint(h, rec.ExpireAt)
	h = binary.AppendUvarint(h, uint64(len(rec.Key)))
	var plen [binary.MaxVarintLen64]byte
	p := binary.AppendUvarint(plen[:0], uint64(len(rec.Payload)))
	n := len(h) + len(rec.Key) + len(p) + len(rec.Payload)
	if n > bolt.MaxValueSize {
		return fmt.Errorf("persistence: snapshot record of %d bytes is over bbolt's value limit of %d", n, bolt.MaxValueSize)
	}
	if w.blk != nil && len(w.blk)+n > cap(w.blk) {
		if err := w.closeBlock(); err != nil {
			return err
		}
	}
	if w.blk == nil {
		w.blk = w.newBlock(n)
	}
	w.blk = append(w.blk, h...)
	w.blk = append(w.blk, rec.Key...)
	w.blk = append(w.blk, p...)
	w.blk = append(w.blk, rec.Payload...)
	w.blkRecords++
	w.records++
	if len(w.blk) >= snapBlockHeader+snapBlockSize {
		return w.closeBlock()
	}
	return nil
}

// newBlock returns an empty block with room for at least n bytes.
func (w *SnapshotWriter) newBlock(n int) []byte {
	if n > snapBlockSize {
		return make([]byte, snapBlockHeader, snapBlockHeader+n)
	}
	if k := len(w.spare); k > 0 {
		b := w.spare[k-1]
		w.spare = w.spare[:k-1]
		return b[:snapBlockHeader]
	}
	return make([]byte, snapBlockHeader, snapBlockHeader+snapBlockSize)
}

// closeBlock hands the current block to bbolt, and commits the
// transaction if it is big enough.
func (w *SnapshotWriter) closeBlock() error {
	blk := w.blk
	w.blk = nil
	if w.tx == nil {
		if err := w.begin(); err != nil {
			return w.fail(err)
		}
	}
	binary.BigEndian.PutUint64(blk, w.blocks)
	binary.BigEndian.PutUint32(blk[8:], uint32(len(blk)-snapBlockHeader))
	w.checksum.Write(blk)
	if err := w.b.Put(blk[:8:8], blk[snapBlockHeader:]); err != nil {
		return w.fail(err)
	}
	w.blocks++
	w.txBlocks = append(w.txBlocks, blk)
	w.txRecords += w.blkRecords
	w.txBytes += len(blk)
	w.blkRecords = 0
	if w.txRecords >= snapBatchRecords || w.txBytes >= snapBatchBytes {
		if err := w.commitTx(); err != nil {
			return w.fail(err)
		}
	}
	return nil
}

// Commit stores the metadata, makes the file durable and renames it over
// path, then fsyncs the directory. On failure the temporary file is
// removed and the previous snapshot at path is left as it was.
func (w *SnapshotWriter) Commit() error {
	if w.closed {
		return ErrSnapshotClosed
	}
	err := w.err
	if err == nil {
		err = w.commit()
	}
	if err != nil {
		w.Abort()
		return fmt.Errorf("persistence: commit snapshot %s: %w", w.path, err)
	}
	return nil
}

func (w *SnapshotWriter) commit() error {
	if w.blk != nil {
		if err := w.closeBlock(); err != nil {
			return err
		}
	}
	if w.tx == nil {
		if err := w.begin(); err != nil {
			return err
		}
	}
	meta, err := w.tx.CreateBucket(snapBucketMeta)
	if err != nil {
		return err
	}
	for _, kv := range [][2][]byte{
		{snapKeyMagic, []byte(snapMagic)},
		{snapKeyVersion, binary.BigEndian.AppendUint32(nil, snapVersion)},
		{snapKeyCreated, binary.BigEndian.AppendUint64(nil, uint64(time.Now().UnixMilli()))},
		{snapKeyCount, binary.BigEndian.AppendUint64(nil, w.records)},
		{snapKeyChecksum, binary.BigEndian.AppendUint64(nil, w.checksum.Sum64())},
	} {
		if err := meta.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	if err := w.commitTx(); err != nil {
		return err
	}
	err = w.db.Close()
	w.db = nil
	if err != nil {
		return err
	}
	if err := snapSeal(w.tmp); err != nil {
		return err
	}
	if err := os.Rename(w.tmp, w.path); err != nil {
		return err
	}
	w.closed = true
	w.txBlocks, w.spare = nil, nil
	return snapSyncDir(filepath.Dir(w.path))
}

// Abort throws the snapshot away: it closes and removes the temporary
// file. It does nothing after Commit or a previous Abort.
func (w *SnapshotWriter) Abort() {
	if w.closed {
		return
	}
	w.closed = true
	if w.tx != nil {
		_ = w.tx.Rollback()
		w.tx, w.b = nil, nil
	}
	if w.db != nil {
		_ = w.db.Close()
		w.db = nil
	}
	_ = os.Remove(w.tmp)
	w.blk, w.txBlocks, w.spare = nil, nil, nil
}

func (w *SnapshotWriter) fail(err error) error {
	w.err = fmt.Errorf("persistence: write snapshot %s: %w", w.tmp, err)
	return w.err
}

func (w *SnapshotWriter) begin() error {
	tx, err := w.db.Begin(true)
	if err != nil {
		return err
	}
	b, err := tx.CreateBucketIfNotExists(snapBucketRecords)
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	b.FillPercent = 1.0 // keys only ever grow: pack the pages full
	w.tx, w.b = tx, b
	return nil
}

// commitTx commits the open transaction and recycles its blocks, which
// bbolt no longer references.
func (w *SnapshotWriter) commitTx() error {
	tx := w.tx
	w.tx, w.b = nil, nil
	err := tx.Commit()
	for _, b := range w.txBlocks {
		if cap(b) == snapBlockHeader+snapBlockSize {
			w.spare = append(w.spare, b)
		}
	}
	clear(w.txBlocks)
	w.txBlocks = w.txBlocks[:0]
	w.txRecords, w.txBytes = 0, 0
	return err
}

// snapSeal appends the trailer to the closed bbolt file at name and
// fsyncs it.
func snapSeal(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	size, sum, err := snapFileCRC(f, -1)
	if err == nil {
		var t [snapTrailerLen]byte
		copy(t[:], snapTrailerMagic)
		binary.BigEndian.PutUint64(t[8:], uint64(size))
		binary.BigEndian.PutUint32(t[16:], sum)
		_, err = f.WriteAt(t[:], size)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// snapFileCRC returns the size and CRC-32C of f's first n bytes, or of
// all of it if n < 0.
func snapFileCRC(f *os.File, n int64) (int64, uint32, error) {
	h := crc32.New(snapCRC32)
	var r io.Reader = f
	if n >= 0 {
		r = io.NewSectionReader(f, 0, n)
	}
	size, err := io.CopyBuffer(h, r, make([]byte, 1<<20))
	return size, h.Sum32(), err
}

// snapSyncDir fsyncs a directory so that a rename in it is durable.
func snapSyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // directories cannot be opened for sync there
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// LoadSnapshot reads the snapshot at path and calls apply for each
// record, in the order they were Put. A missing file loads nothing and is
// not an error.
//
// The whole file is verified before apply is first called: the trailer's
// file checksum, then, in a first pass, every record's encoding and the
// records' count and checksum against the metadata. A damaged, incomplete
// or foreign file is refused with an error that wraps ErrSnapshotCorrupt
// and names the file and the reason. A second pass applies the records;
// rec.Key and rec.Payload are valid only until apply returns, so apply
// copies what it keeps. If apply fails, LoadSnapshot stops and returns
// its error, wrapped. progress, if not nil, is called before the first
// record with done 0 (so that the caller can size its tables), every
// snapProgressEvery (100k) applied records, and at the end, with the
// total.
//
// LoadStats.Commands is the number of records applied and Bytes the size
// of the file.
func LoadSnapshot(path string, apply func(rec Record) error, progress func(done, total int64)) (LoadStats, error) {
	start := time.Now()
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return LoadStats{}, nil
	}
	if err != nil {
		return LoadStats{}, fmt.Errorf("persistence: snapshot %s: %w", path, err)
	}
	defer f.Close() // bbolt closes it too; the second close is harmless
	corrupt := func(format string, args ...any) error {
		return fmt.Errorf("persistence: snapshot %s: %w: %s", path, ErrSnapshotCorrupt, fmt.Sprintf(format, args...))
	}

	// The trailer and the file checksum, before bbolt parses anything.
	fi, err := f.Stat()
	if err != nil {
		return LoadStats{}, fmt.Errorf("persistence: snapshot %s: %w", path, err)
	}
	size := fi.Size()
	if size < snapTrailerLen {
		return LoadStats{}, corrupt("the file is %d bytes, too short for a snapshot", size)
	}
	var t [snapTrailerLen]byte
	if _, err := f.ReadAt(t[:], size-snapTrailerLen); err != nil {
		return LoadStats{}, fmt.Errorf("persistence: snapshot %s: read trailer: %w", path, err)
	}
	if string(t[:8]) != snapTrailerMagic {
		return LoadStats{}, corrupt("bad trailer magic %q: truncated, or not a miniserve snapshot", t[:8])
	}
	if dataLen := binary.BigEndian.Uint64(t[8:]); dataLen != uint64(size-snapTrailerLen) {
		return LoadStats{}, corrupt("the trailer says %d bytes of data, the file holds %d", dataLen, size-snapTrailerLen)
	}
	if _, sum, err := snapFileCRC(f, size-snapTrailerLen); err != nil {
		return LoadStats{}, fmt.Errorf("persistence: snapshot %s: %w", path, err)
	} else if want := binary.BigEndian.Uint32(t[16:]); sum != want {
		return LoadStats{}, corrupt("file checksum mismatch: the trailer has %08x, the contents give %08x", want, sum)
	}

	// bbolt, on the very file just checked rather than one renamed over
	// path since.
	db, err := bolt.Open(path, snapFileMode, &bolt.Options{
		ReadOnly: true,
		Timeout:  snapLockWait,
		OpenFile: func(string, int, os.FileMode) (*os.File, error) { return f, nil },
	})
	if err != nil {
		return LoadStats{}, corrupt("bbolt open: %v", err)
	}
	defer db.Close()

	stats := LoadStats{Bytes: size}
	err = db.View(func(tx *bolt.Tx) error {
		count, err := snapVerify(tx)
		if err != nil {
			return corrupt("%v", err)
		}
		stats.Commands, err = snapApply(tx, count, apply, progress)
		return err
	})
	if err != nil {
		var ae *snapApplyError
		if errors.As(err, &ae) {
			return stats, fmt.Errorf("persistence: snapshot %s: record %d: %w", path, ae.index, ae.err)
		}
		if !errors.Is(err, ErrSnapshotCorrupt) {
			err = corrupt("%v", err)
		}
		return stats, err
	}
	stats.Duration = time.Since(start)
	return stats, nil
}

// snapApplyError carries apply's own error out of the bbolt transaction.
type snapApplyError struct {
	index int64
	err   error
}

func (e *snapApplyError) Error() string { return e.err.Error() }

// snapGuard turns a panic or memory fault in bbolt's reading of a damaged
// file into an error (the file checksum makes this a last resort). A
// panic inside apply is the caller's and is raised again.
func snapGuard(inApply *bool, err *error) {
	r := recover()
	if r == nil {
		return
	}
	if *inApply {
		panic(r)
	}
	*err = fmt.Errorf("bbolt failed reading the file: %v", r)
}

// snapVerify is the first pass: it checks the metadata and every record
// and returns the number of records.
func snapVerify(tx *bolt.Tx) (count uint64, err error) {
	var inApply bool
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer snapGuard(&inApply, &err)

	meta := tx.Bucket(snapBucketMeta)
	if meta == nil {
		return 0, errors.New(`missing metadata (no "meta" bucket): the snapshot was never committed`)
	}
	if m := meta.Get(snapKeyMagic); !bytes.Equal(m, []byte(snapMagic)) {
		return 0, fmt.Errorf("bad magic %q in the metadata", m)
	}
	var vals [4][]byte
	for i, k := range [][]byte{snapKeyVersion, snapKeyCreated, snapKeyCount, snapKeyChecksum} {
		vals[i] = meta.Get(k)
		want := 8
		if i == 0 {
			want = 4
		}
		if len(vals[i]) != want {
			return 0, fmt.Errorf("missing or malformed metadata %q", k)
		}
	}
	if v := binary.BigEndian.Uint32(vals[0]); v != snapVersion {
		return 0, fmt.Errorf("unsupported format version %d (this build reads %d)", v, snapVersion)
	}
	wantCount := binary.BigEndian.Uint64(vals[2])
	wantSum := binary.BigEndian.Uint64(vals[3])

	recs := tx.Bucket(snapBucketRecords)
	if recs == nil {
		return 0, errors.New(`missing "records" bucket`)
	}
	h := crc64.New(snapCRC64)
	var seq uint64
	var hdr [snapBlockHeader]byte
	c := recs.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 || binary.BigEndian.Uint64(k) != seq {
			return 0, fmt.Errorf("block %d: bad key %x", seq, k)
		}
		if len(v) == 0 {
			return 0, fmt.Errorf("block %d: empty, or a bucket", seq)
		}
		for rest := v; len(rest) > 0; count++ {
			if _, rest, err = snapDecode(rest); err != nil {
				return 0, fmt.Errorf("record %d (block %d): %v", count, seq, err)
			}
		}
		copy(hdr[:], k)
		binary.BigEndian.PutUint32(hdr[8:], uint32(len(v)))
		h.Write(hdr[:])
		h.Write(v)
		seq++
	}
	if count != wantCount {
		return 0, fmt.Errorf("record count mismatch: the metadata says %d, the file holds %d", wantCount, count)
	}
	if sum := h.Sum64(); sum != wantSum {
		return 0, fmt.Errorf("records checksum mismatch: the metadata has %016x, the records give %016x", wantSum, sum)
	}
	return count, nil
}

// snapApply is the second pass: it hands every record to apply.
func snapApply(tx *bolt.Tx, count uint64, apply func(Record) error, progress func(done, total int64)) (done int64, err error) {
	var inApply bool
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer snapGuard(&inApply, &err)

	total := int64(count)
	if progress != nil {
		progress(0, total) // the size, before the first record: callers size their tables
	}
	// Each block is copied out of the read-only mmap into one reused
	// buffer before its records are decoded: apply then never reads the
	// mapping, and a fault there stays bbolt's, not apply's.
	var block []byte
	c := tx.Bucket(snapBucketRecords).Cursor()
	for _, v := c.First(); v != nil; _, v = c.Next() {
		block = append(block[:0], v...)
		for rest := block; len(rest) > 0; {
			var rec Record
			if rec, rest, err = snapDecode(rest); err != nil { // verified: only if the file changed
				return done, fmt.Errorf("record %d: %v", done, err)
			}
			inApply = true
			err = apply(rec)
			inApply = false
			if err != nil {
				return done, &snapApplyError{index: done, err: err}
			}
			done++
			if progress != nil && done%snapProgressEvery == 0 {
				progress(done, total)
			}
		}
	}
	if done != total {
		return done, fmt.Errorf("record count changed between passes: %d, then %d", total, done)
	}
	if progress != nil && done%snapProgressEvery != 0 {
		progress(done, total)
	}
	return done, nil
}

// snapDecode parses the record at the start of b and returns it and the
// bytes after it. Key and Payload alias b.
func snapDecode(b []byte) (rec Record, rest []byte, err error) {
	db, n := binary.Uvarint(b)
	if n <= 0 || db > 1<<31-1 {
		return rec, nil, errors.New("bad DB number")
	}
	b = b[n:]
	if len(b) == 0 {
		return rec, nil, errors.New("missing type")
	}
	rec.DB, rec.Type, b = int(db), b[0], b[1:]
	if rec.ExpireAt, n = binary.Varint(b); n <= 0 {
		return rec, nil, errors.New("bad expire time")
	}
	b = b[n:]
	klen, n := binary.Uvarint(b)
	if n <= 0 || klen > uint64(len(b)-n) {
		return rec, nil, errors.New("bad key length")
	}
	b = b[n:]
	rec.Key, b = b[:klen:klen], b[klen:]
	plen, n := binary.Uvarint(b)
	if n <= 0 || plen > uint64(len(b)-n) {
		return rec, nil, errors.New("bad payload length")
	}
	b = b[n:]
	rec.Payload = b[:plen:plen]
	return rec, b[plen:], nil
}
