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
