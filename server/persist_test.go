package server

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
)

// restartable runs a server in dir, and can stop and start it again on
// the same files.
func startIn(t *testing.T, dir string, opts ...Option) *Server {
	t.Helper()
	s, err := Run(append([]Option{WithDirective("dir", dir)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAOFSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"), WithDirective("appendfsync", "always"))
	c := dial(t, s.Addr())
	c.do("SET", "plain", "v")
	c.do("SET", "ttl", "v", "EX", "1000")
	c.do("INCR", "n")
	c.do("INCRBYFLOAT", "f", "1.5")
	c.do("ZADD", "z", "1", "a", "2.5", "b")
	c.do("SELECT", "3")
	c.do("SET", "in3", "x")
	c.do("MULTI")
	c.do("SET", "tx", "1")
	c.do("ZINCRBY", "z3", "2", "m")
	c.do("EXEC")
	c.do("SET", "gone", "x", "PX", "1")
	time.Sleep(5 * time.Millisecond)
	c.do("GET", "gone") // expires, and the AOF gets a DEL
	s.Close()

	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	for _, tt := range []struct{ cmd []string }{
		{[]string{"GET", "plain"}}, {[]string{"GET", "n"}}, {[]string{"GET", "f"}},
		{[]string{"ZRANGE", "z", "0", "-1", "WITHSCORES"}},
	} {
		got := c.do(tt.cmd...)
		if strings.HasPrefix(got, "$-1") || got == "*0\r\n" {
			t.Fatalf("%v lost after restart: %q", tt.cmd, got)
		}
	}
	if got := c.do("ZSCORE", "z", "b"); got != "$3\r\n2.5\r\n" {
		t.Fatalf("ZSCORE after restart: %q", got)
	}
	if got := c.do("TTL", "ttl"); got == ":-1\r\n" || got == ":-2\r\n" {
		t.Fatalf("TTL lost: %q", got)
	}
	c.do("SELECT", "3")
	for _, k := range []string{"in3", "tx"} {
		if got := c.do("EXISTS", k); got != ":1\r\n" {
			t.Fatalf("db 3 key %s lost", k)
		}
	}
	if got := c.do("EXISTS", "gone"); got != ":0\r\n" {
		t.Fatalf("expired key came back")
	}
}

func TestSnapshotSaveAndLoad(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir)
	c := dial(t, s.Addr())
	for i := 0; i < 2000; i++ {
		c.do("SET", fmt.Sprintf("k%d", i), fmt.Sprintf("v%d", i))
	}
	c.do("ZADD", "z", "1", "a", "7350000000000001", "b")
	c.do("SET", "ttl", "v", "EX", "1000")
	if got := c.do("SAVE"); got != "+OK\r\n" {
		t.Fatalf("SAVE: %q", got)
	}
	if got := c.do("LASTSAVE"); got == ":0\r\n" {
		t.Fatalf("LASTSAVE: %q", got)
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, "dump.rdb")); err != nil {
		t.Fatal(err)
	}
	s = startIn(t, dir)
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("DBSIZE"); got != ":2002\r\n" {
		t.Fatalf("DBSIZE after load: %q", got)
	}
	if got := c.do("ZSCORE", "z", "b"); got != "$16\r\n7350000000000001\r\n" {
		t.Fatalf("score after load: %q", got)
	}
	if got := c.do("GET", "k1999"); got != "$5\r\nv1999\r\n" {
		t.Fatalf("value after load: %q", got)
	}
}

// TestSnapshotLoadKeepsOnlyTheData loads small hashes, whose payloads
// the loader decodes into packed fields, and checks that they take no
// more heap than the commands that built them did: no buffer of the
// file's bytes stays reachable from the keys (a shared slab once did,
// and took half as much again). With the runtime tuning the collector
// paused during the load, so it checks too that the GC setting comes
// back.
func TestSnapshotLoadKeepsOnlyTheData(t *testing.T) {
	dir := t.TempDir()
	const keys, fields = 20000, 10
	value := strings.Repeat("v", 40)
	// heapNow collects twice: bbolt's page pool, filled by a SAVE,
	// survives one collection.
	heapNow := func() int64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	// The server that writes the snapshot must be unreachable before the
	// heap is measured again, hence its own function.
	built := func() int64 {
		start := heapNow()
		s := startIn(t, dir)
		defer s.Close()
		c := dial(t, s.Addr())
		for i := range keys {
			args := []string{"HSET", fmt.Sprintf("session:%d", i)}
			for f := range fields {
				args = append(args, fmt.Sprintf("field%d", f), value)
			}
			c.send(args...)
			if i%100 == 99 {
				for range 100 {
					c.read()
				}
			}
		}
		if got := c.do("SAVE"); got != "+OK\r\n" {
			t.Fatalf("SAVE: %q", got)
		}
		return heapNow() - start
	}()

	gcPercent := debug.SetGCPercent(100)
	debug.SetGCPercent(gcPercent)
	start := heapNow()
	s := startIn(t, dir, WithGoRuntimeTuning())
	defer s.Close()
	if got := debug.SetGCPercent(gcPercent); got != gcPercent {
		t.Fatalf("GC percent after the load = %d, want %d as before it", got, gcPercent)
	}
	loaded := heapNow() - start
	c := dial(t, s.Addr())
	if got := c.do("DBSIZE"); got != fmt.Sprintf(":%d\r\n", keys) {
		t.Fatalf("DBSIZE after load: %q", got)
	}
	if got := c.do("HGET", fmt.Sprintf("session:%d", keys-1), "field9"); got != "$40\r\n"+value+"\r\n" {
		t.Fatalf("HGET after load: %q", got)
	}
	t.Logf("built %d loaded %d", built, loaded)
	if loaded > built*5/4 {
		t.Fatalf("the loaded data takes %d bytes of heap, built by commands %d", loaded, built)
	}
}

// TestAOFLoadResumesGCOnGarbage replays an AOF that overwrites one key
// with big values: with the collector paused for the load, the garbage
// would pile up, so it must come back on, and the setting be as before
// once loaded.
func TestAOFLoadResumesGCOnGarbage(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"))
	c := dial(t, s.Addr())
	big := strings.Repeat("x", 64<<10)
	for i := range 200 {
		c.send("SET", "k", big+strconv.Itoa(i))
	}
	for range 200 {
		c.read()
	}
	s.Close()

	slack := loadGarbageSlack
	loadGarbageSlack = 1 << 20
	defer func() { loadGarbageSlack = slack }()
	gcPercent := debug.SetGCPercent(100)
	debug.SetGCPercent(gcPercent)
	var logBuf syncBuffer
	s = startIn(t, dir, WithDirective("appendonly", "yes"), WithGoRuntimeTuning(),
		WithLogger(slog.New(slog.NewTextHandler(&logBuf, nil))))
	defer s.Close()
	if got := debug.SetGCPercent(gcPercent); got != gcPercent {
		t.Fatalf("GC percent after the load = %d, want %d as before it", got, gcPercent)
	}
	if !strings.Contains(logBuf.String(), "the collector resumes") {
		t.Fatalf("the collector stayed off through the load; log:\n%s", logBuf.String())
	}
	c = dial(t, s.Addr())
	if got := c.do("GET", "k"); got != fmt.Sprintf("$%d\r\n%s199\r\n", len(big)+3, big) {
		t.Fatalf("GET after load: %.40q", got)
	}
}

// TestAOFReplayIsNotCounted checks the books after an AOF load, as
// redis-server 7.0.15 keeps them: no command stats for what was
// replayed, and in total_commands_processed only the commands a
// replayed EXEC ran.
func TestAOFReplayIsNotCounted(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"))
	c := dial(t, s.Addr())
	for _, cmd := range [][]string{{"MULTI"}, {"SET", "a", "1"}, {"INCR", "n"}, {"EXEC"}, {"SET", "b", "2"}} {
		c.do(cmd...)
	}
	s.Close()

	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("INFO", "commandstats"); strings.Contains(got, "cmdstat_") {
		t.Fatalf("replayed commands in INFO commandstats:\n%s", got)
	}
	if got := infoField(c.do("INFO", "stats"), "total_commands_processed"); got != "3" {
		t.Fatalf("total_commands_processed = %s, want 3 (EXEC's two, then INFO)", got)
	}
	if got := c.do("MGET", "a", "n", "b"); got != "*3\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n2\r\n" {
		t.Fatalf("MGET after load: %q", got)
	}
}

// TestBgsaveIsPointInTime changes keys while a BGSAVE runs: the file
// holds the data as it was when BGSAVE started.
func TestBgsaveIsPointInTime(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir)
	c := dial(t, s.Addr())
	const n = 20000
	for i := 0; i < n; i += 100 {
		args := []string{"MSET"}
		for j := i; j < i+100; j++ {
			args = append(args, fmt.Sprintf("k%d", j), "old")
		}
		c.do(args...)
	}
	c.do("ZADD", "z", "1", "a")
	if got := c.do("BGSAVE"); got != "+Background saving started\r\n" {
		t.Fatalf("BGSAVE: %q", got)
	}
	for i := 0; i < n; i += 7 {
		c.do("SET", fmt.Sprintf("k%d", i), "new")
		c.do("DEL", fmt.Sprintf("k%d", i+1))
		c.do("SET", fmt.Sprintf("added%d", i), "x")
	}
	c.do("ZADD", "z", "2", "b")
	for i := 0; i < 1000; i++ {
		if strings.Contains(c.do("INFO", "persistence"), "rdb_bgsave_in_progress:0") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.Close()

	s = startIn(t, dir)
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("DBSIZE"); got != fmt.Sprintf(":%d\r\n", n+1) {
		t.Fatalf("DBSIZE = %q, want %d", got, n+1)
	}
	for i := 0; i < n; i += 7 {
		if got := c.do("GET", fmt.Sprintf("k%d", i)); got != "$3\r\nold\r\n" {
			t.Fatalf("k%d = %q, want the value at BGSAVE time", i, got)
		}
	}
	if got := c.do("ZCARD", "z"); got != ":1\r\n" {
		t.Fatalf("ZCARD = %q", got)
	}
}

// TestRewriteKeepsLiveState rewrites the AOF while writes go on; after a
// restart from the rewritten AOF the data equals what was live.
func TestRewriteKeepsLiveState(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"))
	c := dial(t, s.Addr())
	for i := 0; i < 5000; i++ {
		c.do("SET", fmt.Sprintf("k%d", i), "v1")
	}
	c.do("ZADD", "z", "1", "a", "2", "b")
	c.do("SET", "ttl", "v", "EX", "1000")
	if got := c.do("BGREWRITEAOF"); got != "+Background append only file rewriting started\r\n" {
		t.Fatalf("BGREWRITEAOF: %q", got)
	}
	for i := 0; i < 5000; i += 3 {
		c.do("SET", fmt.Sprintf("k%d", i), "v2")
		c.do("DEL", fmt.Sprintf("k%d", i+1))
	}
	c.do("ZADD", "z", "3", "c")
	done := false
	for i := 0; i < 1000 && !done; i++ {
		done = strings.Contains(c.do("INFO", "persistence"), "aof_rewrite_in_progress:0")
		time.Sleep(10 * time.Millisecond)
	}
	if !done {
		t.Fatal("rewrite did not finish")
	}
	c.do("SET", "after", "x")
	want := c.do("DBSIZE")
	s.Close()

	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("DBSIZE"); got != want {
		t.Fatalf("DBSIZE %q after restart, want %q", got, want)
	}
	for i := 0; i < 5000; i += 3 {
		if got := c.do("GET", fmt.Sprintf("k%d", i)); got != "$2\r\nv2\r\n" {
			t.Fatalf("k%d = %q", i, got)
		}
	}
	if got := c.do("ZCARD", "z"); got != ":3\r\n" {
		t.Fatalf("ZCARD %q", got)
	}
	if got := c.do("TTL", "ttl"); got == ":-1\r\n" || got == ":-2\r\n" {
		t.Fatalf("TTL lost: %q", got)
	}
	// The directory holds one base and one incr file after the rewrite.
	entries, _ := os.ReadDir(filepath.Join(dir, "appendonlydir"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	t.Logf("appendonlydir: %v", names)
}

// A rewritten base starts with each non-empty database's key count, for
// the next load to size its table once, and loads back the same keys.
func TestRewriteNotesKeyCounts(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"))
	c := dial(t, s.Addr())
	for i := range 300 {
		c.do("SET", fmt.Sprintf("k%d", i), "v")
	}
	c.do("SELECT", "2")
	c.do("SET", "a", "1")
	c.do("ZADD", "z", "1", "m")
	c.do("BGREWRITEAOF")
	waitForInfo(t, c, "aof_rewrite_in_progress:0")
	s.Close()
	bases, _ := filepath.Glob(filepath.Join(dir, "appendonlydir", "*.base.aof"))
	if len(bases) != 1 {
		t.Fatalf("base files %v", bases)
	}
	data, err := os.ReadFile(bases[0])
	if err != nil {
		t.Fatal(err)
	}
	if want := "#RESIZEDB:0:300\r\n#RESIZEDB:2:2\r\n*2\r\n$6\r\nSELECT\r\n"; !strings.HasPrefix(string(data), want) {
		t.Fatalf("base starts %.80q, want %q", data, want)
	}
	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("DBSIZE"); got != ":300\r\n" {
		t.Fatalf("db 0 DBSIZE %q", got)
	}
	c.do("SELECT", "2")
	if got := c.do("DBSIZE"); got != ":2\r\n" {
		t.Fatalf("db 2 DBSIZE %q", got)
	}
}

func TestConfigSetAppendonlyWritesABase(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir)
	c := dial(t, s.Addr())
	c.do("SET", "before", "1")
	if got := c.do("CONFIG", "SET", "appendonly", "yes"); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET appendonly yes: %q", got)
	}
	for i := 0; i < 1000; i++ {
		if strings.Contains(c.do("INFO", "persistence"), "aof_rewrite_in_progress:0") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.do("SET", "after", "2")
	s.Close()
	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("MGET", "before", "after"); got != "*2\r\n$1\r\n1\r\n$1\r\n2\r\n" {
		t.Fatalf("after restart: %q", got)
	}
}

// TestRewriteWithAppendonlyNo: BGREWRITEAOF rewrites even with appendonly
// no, as Redis does, and a restart with appendonly yes loads that base.
// CONFIG SET appendonly yes while it runs turns the AOF on once it ends.
func TestRewriteWithAppendonlyNo(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir)
	c := dial(t, s.Addr())
	for i := 0; i < 2000; i++ {
		c.do("SET", fmt.Sprintf("k%d", i), "v")
	}
	waitRewrite := func() {
		t.Helper()
		for i := 0; i < 1000; i++ {
			if strings.Contains(c.do("INFO", "persistence"), "aof_rewrite_in_progress:0") {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatal("rewrite did not finish")
	}
	if got := c.do("BGREWRITEAOF"); got != "+Background append only file rewriting started\r\n" {
		t.Fatalf("BGREWRITEAOF: %q", got)
	}
	waitRewrite()
	info := c.do("INFO", "persistence")
	if !strings.Contains(info, "aof_enabled:0") || !strings.Contains(info, "aof_rewrites:1") ||
		!strings.Contains(info, "aof_last_bgrewrite_status:ok") {
		t.Fatalf("INFO persistence after the rewrite:\n%s", info)
	}
	c.do("BGREWRITEAOF")
	c.do("CONFIG", "SET", "appendonly", "yes")
	waitRewrite()
	c.do("SET", "after", "x")
	waitRewrite()
	if !strings.Contains(c.do("INFO", "persistence"), "aof_enabled:1") {
		t.Fatal("appendonly yes during the rewrite did not turn the AOF on")
	}
	s.Close()

	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("DBSIZE"); got != ":2001\r\n" {
		t.Fatalf("DBSIZE %q after a restart from the rewritten AOF", got)
	}
}

// TestShutdownSavesWithSaveRules: a graceful shutdown (SIGTERM in the
// binary) saves a final snapshot when save rules are set, as Redis's
// prepareForShutdown does; Close does not.
func TestShutdownSavesWithSaveRules(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("save", "3600 1"))
	c := dial(t, s.Addr())
	c.do("SET", "k", "v")
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	s = startIn(t, dir, WithDirective("save", "3600 1"))
	c = dial(t, s.Addr())
	if got := c.do("GET", "k"); got != "$1\r\nv\r\n" {
		t.Fatalf("after a graceful shutdown and a restart: GET = %q", got)
	}
	c.do("SET", "k", "w")
	s.Close()
	s = startIn(t, dir, WithDirective("save", "3600 1"))
	defer s.Close()
	c = dial(t, s.Addr())
	if got := c.do("GET", "k"); got != "$1\r\nv\r\n" {
		t.Fatalf("Close saved: GET = %q", got)
	}
}

// A request that is its own RESP encoding goes to the AOF as it came, and
// any other is encoded: the file is the same either way, and the same as
// Redis writes.
func TestAOFRecordsRequestsAsEncoded(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"), WithDirective("appendfsync", "always"))
	defer s.Close()
	c := dial(t, s.Addr())
	requests := []string{
		"*3\r\n$3\r\nset\r\n$1\r\na\r\n$1\r\n1\r\n", // the name's case is kept
		"*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2XY",   // bytes Redis skips unchecked
		"SET c 3\r\n",
		"*2\r\n$6\r\nSELECT\r\n$1\r\n1\r\n*3\r\n$3\r\nSET\r\n$1\r\nd\r\n$1\r\n4\r\n",
		"*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\ne\r\n$1\r\n5\r\n*1\r\n$4\r\nEXEC\r\n",
		"*2\r\n$4\r\nSPOP\r\n$1\r\nnone\r\n",
	}
	for _, r := range requests {
		c.raw(r)
	}
	for _, want := range []string{"+OK", "+OK", "+OK", "+OK", "+OK", "+OK", "+QUEUED", "*1\r\n+OK", "$-1"} {
		if got := strings.TrimSuffix(c.read(), "\r\n"); got != want {
			t.Fatalf("reply %q, want %q", got, want)
		}
	}
	resp := func(args ...string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "*%d\r\n", len(args))
		for _, a := range args {
			fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
		}
		return b.String()
	}
	want := resp("SELECT", "0") + resp("set", "a", "1") + resp("SET", "b", "2") + resp("SET", "c", "3") +
		resp("SELECT", "1") + resp("SET", "d", "4") + resp("MULTI") + resp("SET", "e", "5") + resp("EXEC")
	if got := aofIncr(t, dir); got != want {
		t.Fatalf("AOF:\n%q\nwant\n%q", got, want)
	}
}
