package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPersistenceSelection(t *testing.T) {
	all, err := selectWorkloads("persistence")
	if err != nil {
		t.Fatal(err)
	}
	bench, steps := splitPersistence(all)
	if len(bench) != 0 || !slices.Equal(steps, []persistStep{stepSnapshot, stepAOF, stepLatency}) {
		t.Errorf("persistence: bench %d, steps %q", len(bench), steps)
	}
	one, err := selectWorkloads("set/aof,SET")
	if err != nil {
		t.Fatal(err)
	}
	bench, steps = splitPersistence(one)
	if len(bench) != 1 || bench[0].Name != "SET" || !slices.Equal(steps, []persistStep{stepAOF}) {
		t.Errorf("set/aof,SET: bench %v, steps %q", bench, steps)
	}
	def, _ := selectWorkloads(defaultWorkloads)
	if _, steps = splitPersistence(def); len(steps) != 3 {
		t.Errorf("default selection has persistence steps %q", steps)
	}
	str, _ := selectWorkloads("strings")
	if _, steps = splitPersistence(str); len(steps) != 0 {
		t.Errorf("strings has persistence steps %q", steps)
	}
}

func TestPersistCommandLines(t *testing.T) {
	for _, tc := range []struct {
		aof  bool
		want string
	}{
		{false, "--port 7 --bind 127.0.0.1 --dir /d --dbfilename dump.rdb --save '' --appendonly no"},
		{true, "--port 7 --bind 127.0.0.1 --dir /d --dbfilename dump.rdb --save '' --appendonly yes --appendfsync everysec --auto-aof-rewrite-percentage 0"},
	} {
		if got := shellJoin(persistServerArgs(7, "/d", tc.aof)); got != tc.want {
			t.Errorf("aof %v:\n got %s\nwant %s", tc.aof, got, tc.want)
		}
	}
	want := "-h 127.0.0.1 -p 9 -c 50 -r 1000000 -n 300000 --csv -t get"
	if got := strings.Join(getLoadArgs("9", 1_000_000, 300_000), " "); got != want {
		t.Errorf("GET load:\n got %s\nwant %s", got, want)
	}
}

func TestFillCommands(t *testing.T) {
	const n = 2000
	buf := fillCommands(n)
	r := bufio.NewReader(bytes.NewReader(buf))
	values := map[string]bool{}
	for i := range n {
		v, err := readReply(r)
		if err != nil {
			t.Fatalf("command %d: %v", i, err)
		}
		args, ok := v.([]any)
		if !ok || len(args) != 3 || args[0] != "SET" || args[1] != fmt.Sprintf("key:%012d", i) {
			t.Fatalf("command %d: %q", i, v)
		}
		val := args[2].(string)
		if len(val) != fillValueLen || val != string(fillValue(i)) {
			t.Fatalf("command %d: value %q", i, val)
		}
		for _, ch := range val {
			if !strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", ch) {
				t.Fatalf("value %q has %q", val, ch)
			}
		}
		values[val] = true
	}
	if _, err := r.ReadByte(); err == nil {
		t.Error("bytes after the last command")
	}
	if len(values) != n {
		t.Errorf("%d distinct values of %d", len(values), n)
	}
	// The key is what redis-benchmark's -t get asks for: key:__rand_int__
	// with 12 digits.
	if got := fmt.Sprintf(fillKeyFormat, 42); got != "key:000000000042" {
		t.Errorf("key %s", got)
	}
}

// fakeRESP serves one connection with reply, called for every command
// received.
func fakeRESP(t *testing.T, reply func(args []any) string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				w := bufio.NewWriter(c)
				for {
					v, err := readReply(r)
					if err != nil {
						return
					}
					args, _ := v.([]any)
					w.WriteString(reply(args))
					if r.Buffered() == 0 {
						w.Flush()
					}
				}
			}()
		}
	}()
	return l.Addr().String()
}

func TestPipeFill(t *testing.T) {
	const n = 5000
	count := 0
	addr := fakeRESP(t, func(args []any) string {
		count++
		if count == 3 || count == 10 {
			return fmt.Sprintf("-ERR number %d\r\n", count)
		}
		return "+OK\r\n"
	})
	_, err := pipeFill(addr, fillCommands(n), n)
	if err == nil || err.Error() != "ERR number 3" {
		t.Fatalf("err %v, want the first error reply", err)
	}
	if count != n {
		t.Errorf("server saw %d commands, want %d", count, n)
	}
}

func TestWaitLoaded(t *testing.T) {
	pings, dbsizes := 0, 0
	addr := fakeRESP(t, func(args []any) string {
		switch args[0] {
		case "PING":
			pings++
			if pings <= 3 {
				return "-LOADING Redis is loading the dataset in memory\r\n"
			}
			return "+PONG\r\n"
		case "DBSIZE":
			dbsizes++
			if dbsizes == 1 {
				return ":5\r\n"
			}
			return ":100\r\n"
		}
		return "-ERR unexpected\r\n"
	})
	s := &server{Name: "fake", Addr: addr, exited: make(chan struct{})}
	if err := waitLoaded(context.Background(), s, 100, time.Minute); err != nil {
		t.Fatal(err)
	}
	if pings != 5 || dbsizes != 2 {
		t.Errorf("%d PINGs and %d DBSIZEs, want 5 and 2", pings, dbsizes)
	}
	// An error other than -LOADING ends the wait.
	bad := fakeRESP(t, func([]any) string { return "-ERR nope\r\n" })
	s = &server{Name: "fake", Addr: bad, exited: make(chan struct{})}
	if err := waitLoaded(context.Background(), s, 100, time.Minute); err == nil || err.Error() != "ERR nope" {
		t.Errorf("err %v", err)
	}
}

func TestPingLoading(t *testing.T) {
	for _, tc := range []struct {
		v       any
		loading bool
		ok      bool
	}{
		{"PONG", false, true},
		{respError("LOADING Redis is loading the dataset in memory"), true, true},
		{respError("ERR x"), false, false},
		{"OK", false, false},
		{int64(1), false, false},
		{nil, false, false},
	} {
		loading, err := pingLoading(tc.v)
		if loading != tc.loading || (err == nil) != tc.ok {
			t.Errorf("%#v: loading %v err %v", tc.v, loading, err)
		}
	}
}

// persistInfoText is an INFO persistence reply of redis-server 7.0
// (abridged) during a BGSAVE.
const persistInfoText = "# Persistence\r\nloading:0\r\nasync_loading:0\r\nrdb_changes_since_last_save:0\r\n" +
	"rdb_bgsave_in_progress:1\r\nrdb_last_save_time:1700000000\r\nrdb_last_bgsave_status:ok\r\n" +
	"aof_enabled:1\r\naof_rewrite_in_progress:0\r\naof_rewrite_scheduled:0\r\naof_last_bgrewrite_status:err\r\n"

func TestParseInfo(t *testing.T) {
	info := parseInfo(persistInfoText)
	if len(info) != 10 || info["rdb_bgsave_in_progress"] != "1" || info["aof_last_bgrewrite_status"] != "err" {
		t.Fatalf("parseInfo: %v", info)
	}
	for _, tc := range []struct {
		fields map[string]string
		kind   saveKind
		want   bool
	}{
		{info, bgsave, true},
		{info, bgrewrite, false},
		{info, noSave, true},
		{map[string]string{"aof_rewrite_scheduled": "1"}, bgrewrite, true},
		{map[string]string{"aof_rewrite_scheduled": "1"}, bgsave, false},
		{map[string]string{"aof_rewrite_in_progress": "1"}, noSave, true},
		{map[string]string{"rdb_bgsave_in_progress": "0", "aof_rewrite_in_progress": "0"}, noSave, false},
	} {
		if got := saveInProgress(tc.fields, tc.kind); got != tc.want {
			t.Errorf("saveInProgress(%v, %q) = %v", tc.fields, tc.kind, got)
		}
	}
	if err := saveStatus(info, bgsave); err != nil {
		t.Errorf("bgsave status: %v", err)
	}
	if err := saveStatus(info, bgrewrite); err == nil {
		t.Error("rewrite status err: no error")
	}
	if err := saveStatus(map[string]string{}, bgsave); err == nil {
		t.Error("no status field: no error")
	}
}

func TestLoadRequests(t *testing.T) {
	for _, tc := range []struct {
		rate float64
		seen time.Duration
		save time.Duration
		want int
	}{
		{50000, 0, time.Second, 300000},                   // 1 s + 3 x 1 s + 2 s
		{50000, 0, 0, 250000},                             // at least 5 s
		{50000, 0, 2 * time.Second, 450000},               // 1 + 6 + 2
		{50000, 4 * time.Second, 2 * time.Second, 450000}, // 1 + max(6, 1.5 x 4) + 2
		{50000, 6 * time.Second, 2 * time.Second, 600000}, // 1 + max(6, 1.5 x 6) + 2
		{math.NaN(), 0, 0, int(fallbackRate) * 5},         // no rate measured
		{10, 0, time.Second, minGetLoadReq},               // a floor
		{-1, 0, 3 * time.Second, int(fallbackRate) * 12},  // 1 + 9 + 2
	} {
		if got := loadRequests(loadSizing{rate: tc.rate, seenSave: tc.seen}, tc.save); got != tc.want {
			t.Errorf("loadRequests(%v, %v, %v) = %d, want %d", tc.rate, tc.seen, tc.save, got, tc.want)
		}
	}
}

func TestEndedEarly(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		kind             saveKind
		loadEnd, saveEnd time.Time
		want             bool
	}{
		{bgsave, t0.Add(5 * time.Second), t0.Add(3 * time.Second), false},
		{bgsave, t0.Add(2 * time.Second), t0.Add(3 * time.Second), true},
		{bgrewrite, t0, time.Time{}, true}, // the save never ended (or began)
		{noSave, t0, time.Time{}, false},
	} {
		if got := endedEarly(tc.kind, tc.loadEnd, tc.saveEnd); got != tc.want {
			t.Errorf("endedEarly(%q, %v, %v) = %v", tc.kind, tc.loadEnd, tc.saveEnd, got)
		}
	}
}

func TestDirSize(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a"), make([]byte, 100), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "b"), make([]byte, 23), 0o644)
	if n, err := dirSize(dir); err != nil || n != 123 {
		t.Errorf("dirSize: %d %v", n, err)
	}
	if _, err := dirSize(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing directory: no error")
	}
}

// fakePersistence is two rounds of every step, by hand.
func fakePersistence() *persistResult {
	p := &persistResult{Keys: 1_000_000, Rounds: 2, Steps: []persistStep{stepSnapshot, stepAOF, stepLatency},
		ServerCommands: []string{"SERVER --port PORT --appendonly no"}, Commands: []string{"redis-benchmark -t get"}}
	lat := func(p99, maxMs float64, save time.Duration) latencyRun {
		return latencyRun{Requests: 300000, RPS: 50000, P50: 0.5, P99: p99, MaxMs: maxMs, Lead: time.Second, Save: save, Load: 6 * time.Second}
	}
	set := func(rps float64) runResult { return runResult{RPS: rps, CPUus: 1, P50: 1, P99: 1} }
	for i := range 2 {
		r := newPersistRound()
		r.FillSec, r.SaveSec, r.SnapshotBytes, r.RestartSec = 1, 1.0+float64(i), 50<<20, 1.5
		r.SetNo = []runResult{set(400000), set(50000)}
		r.SetAOF = []runResult{set(300000 + 100000*float64(i)), set(40000)} // 0.75, 1.00
		r.GetBase, r.GetBgsave, r.GetRewrite = lat(1, 5, 0), lat(2, 100, time.Second), lat(3, 50, 2*time.Second)
		r.AOFBytes, r.RestartAOFSec = 48<<20, 1
		p.Redis = append(p.Redis, r)
		m := newPersistRound()
		m.FillSec, m.SaveSec, m.SnapshotBytes, m.RestartSec = 2, 1.5, 60<<20, 1.2
		m.SetNo = []runResult{set(400000), set(50000)}
		m.SetAOF = []runResult{set(320000), set(45000)} // 0.80, 0.90
		m.GetBase, m.GetBgsave, m.GetRewrite = lat(1, 10, 0), lat(2, 20+float64(i)*10, time.Second), lat(3, 25, time.Second)
		m.AOFBytes, m.RestartAOFSec = -1, 1.5
		if i == 1 {
			m.GetBgsave.EndedEarly = true
			m.GetRewrite = newLatencyRun()
			m.GetRewrite.Err = "BGREWRITEAOF: ERR boom"
			m.Errs = []string{"GET load during BGREWRITEAOF: BGREWRITEAOF: ERR boom"}
			m.RestartAOFSec = math.NaN() // not run after the failed step
		}
		p.Mini = append(p.Mini, m)
	}
	return p
}

func TestPersistRows(t *testing.T) {
	rows := map[string]persistRow{}
	for _, r := range fakePersistence().rows() {
		rows[r.What] = r
	}
	check := func(what string, redis, mini, ratio float64, pairs int) persistRow {
		t.Helper()
		r, ok := rows[what]
		if !ok {
			t.Fatalf("no row %q", what)
		}
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 || math.IsNaN(a) && math.IsNaN(b) }
		if !near(r.Redis, redis) || !near(r.Mini, mini) || !near(r.Ratio, ratio) || r.Pairs != pairs {
			t.Errorf("%s: redis %v mini %v ratio %v pairs %d; want %v %v %v %d", what, r.Redis, r.Mini, r.Ratio, r.Pairs, redis, mini, ratio, pairs)
		}
		return r
	}
	check("SAVE of 1M keys (round trip)", 1.5, 1.5, (1.5/1+1.5/2)/2, 2)
	check("Snapshot file size", 50, 60, 1.2, 2)
	// Each server against itself first: Redis 0.75 and 1.00, miniserve 0.80 twice.
	r := check("SET -P 16, everysec / no (each server against itself)", 0.875, 0.8, (0.8/0.75+0.8/1.0)/2, 2)
	if r.Unit != "x" || r.format(r.Redis) != "0.88x" {
		t.Errorf("ratio row: %+v %s", r, r.format(r.Redis))
	}
	check("SET -P 1, appendonly yes, everysec", 40000, 45000, 1.125, 2)
	r = check("GET max during BGSAVE", 100, 25, 0.25, 2)
	if r.Note != "1 of 4 loads ended before the save was over" {
		t.Errorf("note %q", r.Note)
	}
	// The failed rewrite drops out of its pair.
	check("GET max during BGREWRITEAOF", 50, 25, 0.5, 1)
	check("BGREWRITEAOF under the GET load (until INFO says done)", 2, 1, 0.5, 1)
	// miniserve has no AOF size: the row stays, with one side only.
	r = check("AOF directory after BGREWRITEAOF", 48, math.NaN(), math.NaN(), 0)
	if r.format(r.Mini) != "n/a" {
		t.Errorf("missing figure shown as %q", r.format(r.Mini))
	}

	// Steps that did not run leave no rows.
	p := &persistResult{Keys: 1000, Rounds: 1, Steps: []persistStep{stepAOF}, Redis: []persistRound{newPersistRound()}, Mini: []persistRound{newPersistRound()}}
	p.Redis[0].SetNo[0] = runResult{RPS: 10, CPUus: 1}
	p.Mini[0].SetNo[0] = runResult{RPS: 20, CPUus: 1}
	got := p.rows()
	if len(got) != 1 || got[0].What != "SET -P 16, appendonly no" || got[0].Ratio != 2 {
		t.Errorf("rows of a partial run: %+v", got)
	}
}

func TestRenderPersistence(t *testing.T) {
	p := fakePersistence()
	md := renderPersistenceMarkdown(p)
	for _, want := range []string{
		"## Persistence\n\n",
		"| What | Redis | miniserve | miniserve/Redis | Better |\n|---|---|---|---|---|\n",
		"| SAVE of 1M keys (round trip) | 1.50 s | 1.50 s | **1.12x (0.75-1.50)** | lower |\n",
		"| Snapshot file size | 50.0 MiB | 60.0 MiB | **1.20x (1.20-1.20)** | lower |\n",
		"| GET max during BGSAVE (1 of 4 loads ended before the save was over) | 100.00 ms | 25.00 ms | **0.25x (0.20-0.30)** | lower |\n",
		"| GET max during BGREWRITEAOF | 50.00 ms | 25.00 ms | **0.50x** | lower |\n",
		"> **Note:** round 2, miniserve: the GET load (-n 300000, 6.00 s) ended before the BGSAVE was over (2.00 s after the load began)",
		"> **Note:** round 2, miniserve: GET load during BGREWRITEAOF: BGREWRITEAOF: ERR boom",
		"SERVER --port PORT --appendonly no\nredis-benchmark -t get\n",
		"| 2 | miniserve | 2.00 | 1.50 | 60.0 MiB | 1.20 | 400000 / 320000 | 50000 / 45000 | n/a | 300000 | 1.00 / 10.00 | 2.00 / 30.00, 1.00 (load ended first) | error | n/a | n/a |\n",
		"| 1 | redis | 1.00 | 1.00 | 50.0 MiB | 1.50 |",
		"| Restart from that AOF until loaded (DBSIZE 1M) | 1.00 s | 1.50 s | **1.50x** | lower |\n",
		"- Restart from the AOF: after the BGREWRITEAOF load,",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	text := renderPersistenceText(p)
	if !strings.Contains(text, "persistence (1M keys, 2 round(s)") || !strings.Contains(text, "GET p99 during BGSAVE") ||
		!strings.Contains(text, "note: round 2, miniserve: GET load during BGREWRITEAOF") {
		t.Errorf("text:\n%s", text)
	}

	// In the whole report: after Memory, before Workloads, history kept.
	r := fakeReport()
	r.Persistence = p
	full := renderMarkdown(r, "## History\n\n- kept\n")
	iMem, iPersist, iMachine := strings.Index(full, "\n## Memory\n"), strings.Index(full, "\n## Persistence\n"), strings.Index(full, "\n## Machine\n")
	if iMem < 0 || iPersist < iMem || iMachine < iPersist || !strings.HasSuffix(full, "## History\n\n- kept\n") {
		t.Errorf("sections at %d %d %d", iMem, iPersist, iMachine)
	}
	if !strings.Contains(renderText(r), "\npersistence (1M keys") {
		t.Error("text report lacks the persistence block")
	}
	// Its targets in the Targets table.
	for _, want := range []string{
		"| persistence: SAVE of 1M keys | <= 1.0x Redis's time | 1.12x (noisy: the paired ratios range 0.75-1.50, across the target) | **MISS** |",
		"| persistence: restart with 1M keys until loaded | <= 1.0x Redis's time | 0.80x | **PASS** |",
		"| persistence: miniserve's SET -P 16 throughput with appendonly everysec / no | >= 0.9x its own without | 0.80x | **MISS** |",
	} {
		if !strings.Contains(full, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if text := renderText(r); !strings.Contains(text, "MISS  persistence: SAVE of 1M keys") {
		t.Errorf("text targets lack the persistence ones:\n%s", text)
	}
	if strings.Contains(renderMarkdown(fakeReport(), ""), "## Persistence") {
		t.Error("a report without persistence has the section")
	}
}
