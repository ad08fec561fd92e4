package main

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestEvictionSelection(t *testing.T) {
	sel, err := selectWorkloads("eviction")
	if err != nil {
		t.Fatal(err)
	}
	rest, eviction := splitEviction(sel)
	if !eviction || len(rest) != 0 {
		t.Errorf("eviction: rest %v, eviction %v", rest, eviction)
	}
	def, _ := selectWorkloads(defaultWorkloads)
	rest, eviction = splitEviction(def)
	if !eviction {
		t.Error("the default selection lacks eviction")
	}
	// What is left goes on to splitPersistence as before.
	if bench, steps := splitPersistence(rest); len(steps) != 3 || hasGroup(bench, "eviction") {
		t.Errorf("default: bench %d, steps %q", len(bench), steps)
	}
	str, _ := selectWorkloads("strings,set/maxmemory")
	if rest, eviction = splitEviction(str); !eviction || len(rest) != 5 {
		t.Errorf("strings,set/maxmemory: %d rows, eviction %v", len(rest), eviction)
	}
	if _, eviction = splitEviction(rest); eviction {
		t.Error("strings alone selects eviction")
	}
}

func TestEvictCommandLines(t *testing.T) {
	for _, tc := range []struct {
		limit bool
		want  string
	}{
		{true, "--port 7 --bind 127.0.0.1 --save '' --appendonly no --maxmemory 100mb --maxmemory-policy allkeys-lru"},
		{false, "--port 7 --bind 127.0.0.1 --save '' --appendonly no"},
	} {
		if got := shellJoin(evictServerArgs(7, tc.limit)); got != tc.want {
			t.Errorf("limit %v:\n got %s\nwant %s", tc.limit, got, tc.want)
		}
	}
	want := "-h 127.0.0.1 -p 9 -c 50 -r 10000000 -d 100 -n 2000000 -P 16 --csv -t set"
	if got := strings.Join(evictWorkload.benchArgs("9", defaultEvictN, 16), " "); got != want {
		t.Errorf("SET load:\n got %s\nwant %s", got, want)
	}
	if evictMaxMemoryBytes != 104857600 {
		t.Errorf("100mb is %d bytes", evictMaxMemoryBytes)
	}
}

func TestDistinctKeys(t *testing.T) {
	for _, tc := range []struct {
		n, k int
		want float64
	}{
		{2_000_000, 10_000_000, 1_812_692.5},
		{1_000_000, 10_000_000, 951_625.8},
		{500_000, 10_000_000, 487_705.8},
		{10, 1 << 40, 10},
	} {
		if got := distinctKeys(tc.n, tc.k); math.Abs(got-tc.want) > 1 {
			t.Errorf("distinctKeys(%d, %d) = %.1f, want %.1f", tc.n, tc.k, got, tc.want)
		}
	}
}

func TestResolveEvictDefaults(t *testing.T) {
	for _, tc := range []struct {
		quick         bool
		rounds        int
		n, evictRound int
	}{
		{false, 0, defaultEvictN, 5},
		{false, 3, defaultEvictN, 3},
		{true, 0, quickEvictN, 1},
	} {
		o := options{miniserve: "/bin/sh", redis: "/bin/sh", benchmark: "/bin/sh", quick: tc.quick, rounds: tc.rounds, workloads: "eviction"}
		if err := o.resolve(); err != nil {
			t.Fatal(err)
		}
		if o.evictN != tc.n || o.evictRounds != tc.evictRound {
			t.Errorf("quick %v rounds %d: -evictn %d -evictrounds %d, want %d %d", tc.quick, tc.rounds, o.evictN, o.evictRounds, tc.n, tc.evictRound)
		}
	}
	o := options{miniserve: "/bin/sh", redis: "/bin/sh", benchmark: "/bin/sh", workloads: "eviction", evictN: -1}
	if err := o.resolve(); err == nil {
		t.Error("-evictn -1: no error")
	}
}

// infoMemory is an abridged INFO memory of redis-server 7.0 after a run
// under the limit.
const infoMemory = "# Memory\r\nused_memory:104123456\r\nused_memory_human:99.30M\r\nused_memory_rss:125829120\r\n" +
	"maxmemory:104857600\r\nmaxmemory_human:100.00M\r\nmaxmemory_policy:allkeys-lru\r\n"

func TestReadEvictFigures(t *testing.T) {
	for _, tc := range []struct {
		name   string
		limit  bool
		memory string // the reply to INFO memory, as RESP
		want   evictRun
		err    string // a part of the problems, "" for none
	}{
		{"under the limit", true, bulk(infoMemory),
			evictRun{Used: 104123456, RSS: 125829120, MaxMemory: 104857600, Policy: "allkeys-lru", Keys: 512345, Evicted: 448754}, ""},
		{"limit not in effect", true, bulk(strings.Replace(infoMemory, "maxmemory:104857600", "maxmemory:0", 1)),
			evictRun{Used: 104123456, RSS: 125829120, MaxMemory: 0, Policy: "allkeys-lru", Keys: 512345, Evicted: 448754},
			"the limit is not as asked: INFO memory says maxmemory:0 maxmemory_policy:allkeys-lru"},
		{"a limit without --maxmemory", false, bulk(infoMemory),
			evictRun{Used: 104123456, RSS: 125829120, MaxMemory: 104857600, Policy: "allkeys-lru", Keys: 512345, Evicted: 448754},
			"INFO memory says maxmemory:104857600 without --maxmemory"},
		{"no rss", false, bulk(strings.Replace(infoMemory, "used_memory_rss:125829120\r\n", "", 1)),
			evictRun{Used: 104123456, RSS: -1, MaxMemory: 104857600, Policy: "allkeys-lru", Keys: 512345, Evicted: 448754},
			"INFO memory has no used_memory_rss"},
		{"no INFO memory", true, "-ERR section (memory) is not supported\r\n",
			evictRun{Used: -1, RSS: -1, MaxMemory: -1, Keys: 512345, Evicted: 448754},
			"INFO memory: -ERR section (memory) is not supported"},
	} {
		addr := fakeRESP(t, func(args []any) string {
			switch {
			case args[0] == "INFO" && args[1] == "memory":
				return tc.memory
			case args[0] == "INFO" && args[1] == "stats":
				return bulk("# Stats\r\nevicted_keys:448754\r\nevicted_clients:0\r\n")
			case args[0] == "DBSIZE":
				return ":512345\r\n"
			}
			return "-ERR unexpected\r\n"
		})
		c, err := dialRESP(addr, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		run := newEvictRun()
		problems := readEvictFigures(c, &run, tc.limit)
		c.Close()
		if (tc.err == "") != (problems == "") || !strings.Contains(problems, tc.err) {
			t.Errorf("%s: problems %q, want %q", tc.name, problems, tc.err)
		}
		got := evictRun{Used: run.Used, RSS: run.RSS, MaxMemory: run.MaxMemory, Policy: run.Policy, Keys: run.Keys, Evicted: run.Evicted}
		if got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// bulk is s as a RESP bulk string.
func bulk(s string) string {
	return "$" + strconv.Itoa(len(s)) + "\r\n" + s + "\r\n"
}

func TestOverLimit(t *testing.T) {
	r := newEvictRun()
	if !math.IsNaN(r.overLimit()) {
		t.Error("unknown used_memory has a figure")
	}
	r.Used = evictMaxMemoryBytes + evictMaxMemoryBytes/100
	if got := r.overLimit(); math.Abs(got-1) > 1e-9 {
		t.Errorf("1%% over: %v", got)
	}
	r.Used = evictMaxMemoryBytes / 2
	if got := r.overLimit(); got != -50 {
		t.Errorf("half: %v", got)
	}
}

// fakeEviction is three rounds by hand. At -P 1 miniserve meets every
// target on the median but not in every round; at -P 16 it misses them,
// and its third round failed.
func fakeEviction() *evictResult {
	e := &evictResult{Requests: 2_000_000, Rounds: 3,
		ServerCommands: []string{"SERVER --port PORT --maxmemory 100mb"}, Commands: []string{"redis-benchmark -t set -d 100"}}
	const limit = evictMaxMemoryBytes
	run := func(rps, cpu float64, used, rss, keys, evicted int64) evictRun {
		return evictRun{Bench: runResult{RPS: rps, CPUus: cpu, P50: 1, P99: 2}, Used: used, RSS: rss, MaxMemory: limit,
			Policy: "allkeys-lru", Keys: keys, Evicted: evicted}
	}
	pct := func(p float64) int64 { return limit + int64(p*limit/100) }
	miniRPS1 := []float64{45000, 50000, 40000}      // over 50000 without: 0.9, 1.0, 0.8
	miniUsed1 := []float64{-0.5, 0.2, -2}           // percent of the limit
	miniKeys1 := []int64{300000, 240000, 260000}    // over Redis's 500000: 0.6, 0.48, 0.52
	miniRPS16 := []float64{200000, 210000, 0}       // over 300000: 0.667, 0.7
	redisRPS16 := []float64{400000, 400000, 400000} // over 500000: 0.8
	for i := range 3 {
		r := newEvictRound()
		r.Limit[0] = run(50000, 10, pct(-0.8), 120<<20, 500000, 1_300_000)
		r.NoLimit[0] = run(55000, 9, 350<<20, 370<<20, 1_812_000, 0)
		r.NoLimit[0].MaxMemory = 0
		r.Limit[1] = run(redisRPS16[i], 3, pct(-0.9), 121<<20, 500000, 1_300_000)
		r.NoLimit[1] = run(500000, 2.5, 350<<20, 372<<20, 1_813_000, 0)
		e.Redis = append(e.Redis, r)

		m := newEvictRound()
		m.Limit[0] = run(miniRPS1[i], 12, pct(miniUsed1[i]), 140<<20, miniKeys1[i], 1_500_000)
		m.NoLimit[0] = run(50000, 11, 400<<20, 450<<20, 1_812_000, 0)
		if i < 2 {
			m.Limit[1] = run(miniRPS16[i], 4, pct(5), 150<<20, 100000, 1_700_000)
		} else {
			m.Limit[1] = newEvictRun()
			m.Limit[1].Err = "timed out after 5m0s"
			m.Limit[1].Bench.Err = m.Limit[1].Err
			m.Errs = []string{"SET -P 16, maxmemory 100mb allkeys-lru: timed out after 5m0s"}
		}
		m.NoLimit[1] = run(300000, 3, 400<<20, 452<<20, 1_813_000, 0)
		e.Mini = append(e.Mini, m)
	}
	return e
}

func TestEvictRows(t *testing.T) {
	rows := map[string]evictRow{}
	for _, r := range fakeEviction().rows() {
		rows[r.What] = r
	}
	if len(rows) != 24 {
		t.Errorf("%d rows, want 24", len(rows))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 || math.IsNaN(a) && math.IsNaN(b) }
	check := func(what string, redis, mini, ratio float64, pairs int) evictRow {
		t.Helper()
		r, ok := rows[what]
		if !ok {
			t.Fatalf("no row %q", what)
		}
		if !near(r.Redis, redis) || !near(r.Mini, mini) || !near(r.Ratio, ratio) || r.Pairs != pairs {
			t.Errorf("%s: redis %v mini %v ratio %v pairs %d; want %v %v %v %d", what, r.Redis, r.Mini, r.Ratio, r.Pairs, redis, mini, ratio, pairs)
		}
		return r
	}
	check("SET -P 1, maxmemory 100mb allkeys-lru", 50000, 45000, 0.9, 3)
	r := check("SET -P 1, with / without maxmemory (each server against itself)", 50000.0/55000, 0.9, 0.9/(50000.0/55000), 3)
	if r.Target == nil || r.Target.status() != "PASS" || r.Target.Note != "noisy: 2 of 3 rounds meet it" || r.format(r.Mini) != "0.90x" {
		t.Errorf("self ratio -P 1: %+v", r.Target)
	}
	r = check("used_memory after SET -P 1 with maxmemory: over (+) or under (-) the limit", -0.8, -0.5, math.NaN(), 0)
	if !r.NoRatio || r.ratioCell() != "" || r.format(r.Mini) != "-0.50%" || r.format(0.2) != "+0.20%" {
		t.Errorf("over limit row: %+v %q", r, r.ratioCell())
	}
	if tr := r.Target; tr == nil || tr.status() != "PASS" || tr.figure() != "-0.50%" || tr.Note != "noisy: 2 of 3 rounds meet it" {
		t.Errorf("over limit -P 1 target: %+v", tr)
	}
	r = check("keys kept (DBSIZE) after SET -P 1 with maxmemory", 500000, 260000, 0.52, 3)
	if tr := r.Target; tr == nil || tr.status() != "PASS" || tr.Note != "noisy: the paired ratios range 0.48-0.60, across the target" {
		t.Errorf("keys -P 1 target: %+v", tr)
	}
	check("evicted_keys after SET -P 1 with maxmemory", 1_300_000, 1_500_000, 1_500_000.0/1_300_000, 3)
	check("used_memory_rss after SET -P 1 with maxmemory", 120, 140, 140.0/120, 3)
	check("SET -P 1 CPU per request, no maxmemory", 9, 11, 11.0/9, 3)

	// -P 16: the failed round drops out of its pair.
	r = check("SET -P 16, with / without maxmemory (each server against itself)", 0.8, (200000.0/300000+0.7)/2, ((200000.0/300000)/0.8+0.7/0.8)/2, 2)
	if tr := r.Target; tr.status() != "MISS" || tr.Note != "" {
		t.Errorf("self ratio -P 16: %+v", tr)
	}
	r = check("used_memory after SET -P 16 with maxmemory: over (+) or under (-) the limit", -0.9, 5, math.NaN(), 0)
	if tr := r.Target; tr.status() != "MISS" || tr.figure() != "+5.00%" {
		t.Errorf("over limit -P 16: %+v", tr)
	}
	r = check("keys kept (DBSIZE) after SET -P 16 with maxmemory", 500000, 100000, 0.2, 2)
	if tr := r.Target; tr.status() != "MISS" {
		t.Errorf("keys -P 16: %+v", tr)
	}

	// The targets in the order of the rows, and "not run" without a result.
	got := evictTargets(fakeEviction())
	none := evictTargets(nil)
	if len(got) != 6 || len(none) != 6 {
		t.Fatalf("%d and %d targets, want 6", len(got), len(none))
	}
	for i := range got {
		if got[i].Name != none[i].Name || none[i].status() != "n/a" || none[i].Note != "not run" {
			t.Errorf("target %d: %+v / %+v", i, got[i], none[i])
		}
	}
	wantNames := []string{
		"eviction: miniserve's SET -P 1 throughput with maxmemory / without",
		"eviction: miniserve's used_memory after SET -P 1 vs maxmemory 100mb",
		"eviction: keys kept by miniserve after SET -P 1 with maxmemory",
	}
	for i, n := range wantNames {
		if got[i].Name != n {
			t.Errorf("target %d: %q, want %q", i, got[i].Name, n)
		}
	}
}

func TestEvictNoEvictionNote(t *testing.T) {
	e := fakeEviction()
	for i := range e.Mini {
		e.Mini[i].Limit[0].Evicted = 0
		e.Mini[i].Limit[0].Used = evictMaxMemoryBytes / 4
	}
	for _, tr := range evictTargets(e) {
		if strings.HasPrefix(tr.Name, "eviction: miniserve's used_memory after SET -P 1 ") {
			if tr.status() != "MISS" || !strings.Contains(tr.Note, "did not reach the limit") {
				t.Errorf("no eviction: %+v", tr)
			}
		}
	}
}

func TestRenderEviction(t *testing.T) {
	e := fakeEviction()
	md := renderEvictionMarkdown(e)
	for _, want := range []string{
		"## Eviction\n\n",
		"-n 2000000: about 1813k distinct keys",
		"| What | Redis | miniserve | miniserve/Redis | Better | Target | Result |\n|---|---|---|---|---|---|---|\n",
		"| SET -P 1, maxmemory 100mb allkeys-lru | 50000 | 45000 | **0.90x (0.80-1.00)** | higher |  |  |\n",
		"| used_memory after SET -P 1 with maxmemory: over (+) or under (-) the limit | -0.80% | -0.50% |  |  | miniserve within ±1% | **PASS** (noisy: 2 of 3 rounds meet it) |\n",
		"| keys kept (DBSIZE) after SET -P 16 with maxmemory | 500000 | 100000 | **0.20x (0.20-0.20)** | higher | miniserve >= 0.5x Redis | **MISS** |\n",
		"| SET -P 1 CPU per request, maxmemory 100mb allkeys-lru | 10.00 µs | 12.00 µs | **1.20x (1.20-1.20)** | lower |  |  |\n",
		"| used_memory_rss after SET -P 16 with maxmemory | 121.0 MiB | 150.0 MiB |",
		"> **Note:** round 3, miniserve: SET -P 16, maxmemory 100mb allkeys-lru: timed out after 5m0s\n",
		"SERVER --port PORT --maxmemory 100mb\nredis-benchmark -t set -d 100\n",
		"| 3 | 16 | miniserve | maxmemory 100mb allkeys-lru | n/a | n/a | n/a | n/a | n/a | n/a | n/a | timed out after 5m0s |\n",
		"| 1 | 1 | redis | no maxmemory | 55000 | 9.00 | 367001600 |  | 387973120 | 1812000 | 0 |  |\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	text := renderEvictionText(e)
	for _, want := range []string{"eviction (SET -n 2000000, 3 round(s)", "PASS within ±1%", "MISS >= 0.5x Redis", "note: round 3, miniserve"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}

	// In the whole report: after Memory, before Persistence, its targets in
	// the Targets table with their units.
	r := fakeReport()
	r.Eviction = e
	r.Persistence = fakePersistence()
	full := renderMarkdown(r, "## History\n\n- kept\n")
	iMem, iEvict, iPersist := strings.Index(full, "\n## Memory\n"), strings.Index(full, "\n## Eviction\n"), strings.Index(full, "\n## Persistence\n")
	if iMem < 0 || iEvict < iMem || iPersist < iEvict || !strings.HasSuffix(full, "## History\n\n- kept\n") {
		t.Errorf("sections at %d %d %d", iMem, iEvict, iPersist)
	}
	for _, want := range []string{
		"| eviction: miniserve's used_memory after SET -P 1 vs maxmemory 100mb | within ±1% | -0.50% (noisy: 2 of 3 rounds meet it) | **PASS** |",
		"| eviction: miniserve's SET -P 16 throughput with maxmemory / without | >= 0.9x its own without | 0.68x | **MISS** |",
	} {
		if !strings.Contains(full, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if !strings.Contains(renderText(r), "\neviction (SET -n 2000000") {
		t.Error("text report lacks the eviction block")
	}
	if strings.Contains(renderMarkdown(fakeReport(), ""), "## Eviction") {
		t.Error("a report without eviction has the section")
	}
}
