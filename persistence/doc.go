// Package persistence writes and reads miniserve's files on disk: the
// append-only file (AOF) and snapshots. It sees commands as [][]byte and
// values as Records; it never imports the server.
//
// # Append-only file
//
// The AOF is Redis 7.0's multi-part AOF, in the layout and formats Redis
// writes with aof-use-rdb-preamble no (temporary files aside), so that
// redis-check-aof accepts it and redis-server 7 loads it, and miniserve
// loads a directory Redis wrote:
//
//	<dir>/                                   the server's dir
//	├── appendonly.aof                       legacy single-file AOF (Redis < 7); read if there is
//	│                                        no manifest, moved in as the base by OpenAOF
//	└── appendonlydir/                       <DirName>
//	    ├── appendonly.aof.manifest          <FileName>.manifest: which files, in which order
//	    ├── appendonly.aof.3.base.aof        type b: the data as of the last rewrite
//	    ├── appendonly.aof.5.incr.aof        type i: commands since, oldest first
//	    ├── appendonly.aof.6.incr.aof        type i: the file being appended to (always the last)
//	    ├── temp-appendonly.aof.manifest     while a manifest is being replaced
//	    └── temp-rewriteaof-appendonly.aof.<n>.tmp   while a rewrite writes its base
//
// The manifest has one line per file, base first, then history, then
// incr files in replay order with increasing seq. Base and incr files
// number their seq separately; a new file takes the highest seq of its
// type plus one:
//
//	file appendonly.aof.3.base.aof seq 3 type b\n
//	file appendonly.aof.5.incr.aof seq 5 type i\n
//	file appendonly.aof.6.incr.aof seq 6 type i\n
//
//	file <name> seq <n> type <t>   t: b base, i incr, h history (superseded, to delete)
//	                               name: bare, or "quoted" like sdscatrepr (\" \\ \n \r \t \a \b \xHH)
//	                               when it holds a space, a quote, a backslash or a non-printable byte
//	# comment                      lines starting with '#' are skipped; unknown key/value pairs too
//
// Every file, base and incr alike, is a plain log of RESP arrays of bulk
// strings. A SELECT is written at the start of each file and whenever
// the database changes. Relative TTLs are logged in absolute form
// (PXAT, PEXPIREAT) by the server, as Redis does:
//
//	offset 0   *2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n
//	           *3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n
//	           *2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n
//	           *5\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n$4\r\nPXAT\r\n$13\r\n1795656482950\r\n
//	           *1\r\n$5\r\nMULTI\r\n ... *1\r\n$4\r\nEXEC\r\n
//
//	command    = "*" argc CRLF 1*argc( "$" len CRLF bytes CRLF )    argc >= 1, digits only
//	annotation = "#" any-text LF                                     (Redis's aof-timestamp-enabled; skipped)
//	           / "#RESIZEDB:" db ":" keys CRLF                       (miniserve's rewrite; Redis skips it)
//
// A rewritten base begins with one RESIZEDB annotation per database
// that has keys, giving the count when the rewrite began, so that the
// load sizes each table once, as the RESIZEDB opcode of an RDB does for
// Redis.
//
// Redis may also begin a base file with an RDB preamble ("REDIS0010...",
// aof-use-rdb-preamble yes, its default). miniserve never writes one; it
// reads one only when it holds no keys (the base Redis writes on its
// first start) and checks its CRC-64.
//
// Lifecycle:
//
//	OpenAOF          no manifest: create an empty base (seq 1), an incr file (seq 1) and the manifest
//	Append/Flush     encode into a buffer (AppendEncoded: already encoded, copied as it is) /
//	                 one write(2) per batch of commands, before the replies
//	                 (concurrent Flushes share one write: a group commit); appendfsync always:
//	                 fsync in Flush; everysec: FsyncIfDue fsyncs in the background, one at a time
//	StartRewrite     flush; open incr seq+1 and install  base(n) + incr(..m) + incr(m+1)
//	                 Append now goes to incr(m+1); the caller writes a snapshot into a temp base
//	Commit           fsync temp; rename to base(n+1); install  base(n+1) + history(old) + incr(m+1);
//	                 delete the history files, install  base(n+1) + incr(m+1)
//	                 (OpenAOF deletes history files left by a crash)
//	Abort            remove temp; the manifest keeps base(n) + incr(..m) + incr(m+1): nothing lost
//
// Every manifest change is atomic: write temp-<FileName>.manifest, fsync,
// rename over the manifest, fsync the directory.
//
// Loading (LoadAOF) replays the base, then the incr files, handing a
// MULTI/EXEC block to the caller only once its EXEC is read. Other
// commands are read up to 16 ahead and shown to the caller first
// (AOFReplay.Ahead): an AOF's keys come in no order the cache can guess,
// and looking them up together overlaps their cache misses. A command
// that lies whole in the read buffer is parsed there in place; the
// byte-at-a-time reader takes the rest, and words every error. A last
// file that ends inside a command or a transaction is cut back to its
// last whole command when aof-load-truncated is yes; anything else that
// does not parse is refused with an *AOFError giving the file and the
// offset.
//
// # Snapshots
//
// A snapshot (dir/dbfilename) is a bbolt database of Records in blocks,
// then a 20-byte trailer over the whole file. bbolt keys are block
// sequence numbers, never Redis keys (bbolt limits keys to 32 KiB):
//
//	offset 0                                          size-20          size
//	+--------------------------------------------------+-----------------+
//	| bbolt database (4 KiB pages)                     | trailer         |
//	|  root                                            | "MSSNAPv1"      |
//	|   +- "meta"    bucket, written last, by Commit   | dataLen  u64 BE |
//	|   |    "magic"    -> "miniserve-snapshot"        |  (= size-20)    |
//	|   |    "version"  -> u32 BE, 1                   | CRC-32C  u32 BE |
//	|   |    "created"  -> i64 BE, unix milliseconds   |  of bytes       |
//	|   |    "count"    -> u64 BE, number of records   |  [0, dataLen)   |
//	|   |    "checksum" -> u64 BE, CRC-64/ECMA over    |                 |
//	|   |                  key|u32 BE len|block, each  |                 |
//	|   +- "records" bucket, FillPercent 1.0           |                 |
//	|        u64 BE 0 -> block: record record ...      |                 |
//	|        u64 BE 1 -> block: record record ...      |                 |
//	|        ...   keys 0..n-1, records in Put order   |                 |
//	+--------------------------------------------------+-----------------+
//
//	block  = 1*record, closed at ~64 KiB; a bigger record gets a block of its own
//	record = DB uvarint | Type byte | ExpireAt varint | len(Key) uvarint | Key
//	         | len(Payload) uvarint | Payload             (payload: the server's encoding)
//
// Lifecycle:
//
//	CreateSnapshot   open a fresh <path>.tmp-<pid>-<n> (O_EXCL) with NoSync, NoGrowSync, NoFreelistSync
//	Put              copy the record into the open block; a full block is one bbolt Put;
//	                 a transaction commits every 100k records or 32 MiB (bbolt keeps values until then)
//	Commit           put the meta bucket; close bbolt; append the trailer; fsync; rename over path;
//	                 fsync the directory
//	Abort            close and remove the temporary file; path is untouched
//
// Loading (LoadSnapshot) checks the trailer and the file's CRC-32C before
// bbolt parses anything (bbolt checksums only its meta pages, and a
// damaged data page can make it panic or loop), then decodes every record
// and checks the count and the CRC-64 against the metadata, and only then,
// in a second pass, hands the records to the caller. Anything wrong is
// refused with an error wrapping ErrSnapshotCorrupt that names the file
// and the reason; a missing file loads nothing. snapshot.go explains the
// choices and the measurements behind them.
package persistence
