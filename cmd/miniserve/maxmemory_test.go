package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// memInfo reads an integer field of INFO memory or INFO stats.
func memInfo(t *testing.T, ctx context.Context, p *proc, section, field string) int64 {
	t.Helper()
	c := newClient(t, p.addr, "", 1)
	info, err := c.Info(ctx, section).Result()
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), field+":"); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatalf("%s: %v", field, err)
			}
			return n
		}
	}
	t.Fatalf("INFO %s has no %s", section, field)
	return 0
}

// processRSS reads a process's resident set size from /proc.
func processRSS(t *testing.T, pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skip("no /proc: ", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// TestMaxmemoryBoundsTheProcess writes four times maxmemory into the
// binary under allkeys-lru: used_memory never passes the limit by more
// than a key, the process's resident memory stays bounded (the Go memory
// limit follows maxmemory), and the evictions go to the AOF as DELs, so
// that a restart from it has exactly the keys that were left.
func TestMaxmemoryBoundsTheProcess(t *testing.T) {
	bin := needBinary(t)
	dir, logs := t.TempDir(), t.TempDir()
	ctx := context.Background()
	const limit = 32 << 20
	args := []string{"--dir", dir, "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "no",
		"--maxmemory", strconv.Itoa(limit), "--maxmemory-policy", "allkeys-lru"}
	p := startProc(t, bin, logs, args...)
	c := newClient(t, p.addr, "", 1)
	value := strings.Repeat("v", 1000)
	var peakRSS int64
	for batch := range 128 { // 128 batches of 1000 keys of about 1 KB: 4x the limit
		pipe := c.Pipeline()
		for i := range 1000 {
			pipe.Set(ctx, fmt.Sprintf("key:%d:%d", batch, i), value, 0)
		}
		if _, err := pipe.Exec(ctx); err != nil {
			t.Fatalf("batch %d: %v", batch, err)
		}
		if used := memInfo(t, ctx, p, "memory", "used_memory"); used > limit+2048 {
			t.Fatalf("after batch %d used_memory %d is over maxmemory %d", batch, used, limit)
		}
		peakRSS = max(peakRSS, processRSS(t, p.cmd.Process.Pid))
	}
	evicted := memInfo(t, ctx, p, "stats", "evicted_keys")
	keys, err := c.DBSize(ctx).Result()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("kept %d keys, evicted %d, peak RSS %d MB for maxmemory %d MB", keys, evicted, peakRSS>>20, limit>>20)
	if evicted == 0 || keys+evicted != 128_000 {
		t.Errorf("kept %d and evicted %d of 128000 keys", keys, evicted)
	}
	// The Go memory limit is maxmemory + 64 MB here; allow the runtime's
	// own memory and some slack on top.
	if peakRSS > limit+64<<20+48<<20 {
		t.Errorf("peak RSS %d MB for maxmemory %d MB", peakRSS>>20, limit>>20)
	}
	p.kill()
	p = startProc(t, bin, logs, args...)
	c = newClient(t, p.addr, "", 1)
	if n, err := c.DBSize(ctx).Result(); err != nil || n != keys {
		t.Errorf("after a restart from the AOF: DBSIZE %d (%v), want %d", n, err, keys)
	}
}
