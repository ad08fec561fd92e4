package persistence

import (
	"log/slog"
	"time"
)

// This file fixes the API that the server codes against. The bodies live
// in aof.go and snapshot.go.

// FsyncPolicy is appendfsync.
type FsyncPolicy int

const (
	FsyncEverysec FsyncPolicy = iota // background fsync once a second (the default)
	FsyncAlways                      // fsync before the reply
	FsyncNo                          // leave it to the kernel
)

// AOFConfig locates and tunes the append-only file.
type AOFConfig struct {
	Dir      string // the server's dir
	DirName  string // appenddirname, "appendonlydir"
	FileName string // appendfilename, "appendonly.aof"
	Fsync    FsyncPolicy
	// LoadTruncated is aof-load-truncated: a truncated last command is
	// cut off with a warning instead of refusing to start.
	LoadTruncated bool
	Logger        *slog.Logger
}

// AOFReplay is what LoadAOF calls as it reads. Only Apply is required.
type AOFReplay struct {
	// Apply runs one command: every command, SELECT, MULTI and EXEC
	// included, in file order. argv and its bytes are valid until Apply
	// returns, or for the commands of a MULTI/EXEC block until Apply
	// returns for its EXEC.
	Apply func(argv [][]byte) error
	// Ahead is shown, before they are applied, up to 16 commands read
	// ahead outside a transaction, so that their keys can be brought
	// into the CPU cache with their misses overlapping.
	Ahead func(cmds [][][]byte)
	// Reserve is told, before a database's first command, how many keys
	// a rewrite found in it (the "#RESIZEDB:" annotation), so that its
	// table is sized once, as Redis's RDB RESIZEDB does. The count is
	// capped by what the rest of the file could hold.
	Reserve func(db, keys int)
	// Progress is called every few MB and at the end.
	Progress func(done, total int64)
}

// LoadStats reports what a load found.
type LoadStats struct {
	Commands  int64 // AOF commands replayed, or snapshot keys loaded
	Bytes     int64
	Truncated int64 // bytes cut off a truncated AOF tail, 0 if none
	Duration  time.Duration
}

// Record is one key of a snapshot. The server encodes values into
// Payload and decodes them; persistence does not know the types.
type Record struct {
	DB       int
	Key      []byte
	Type     byte  // the server's type code
	ExpireAt int64 // unix milliseconds, 0 for none
	Payload  []byte
}
