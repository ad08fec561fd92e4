package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"
)

// fakeReport builds a report by hand: two rounds of SET, GET and
// PUBLISH/100subs at both depths, an unsupported ZADD, and memory figures
// for the strings and the sorted set.
func fakeReport() *report {
	r := &report{
		Date:           time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
		Elapsed:        90 * time.Second,
		Machine:        []kv{{"CPU model", "Test CPU"}},
		Versions:       []kv{{"redis-server", "v=7.0.15"}},
		Rounds:         2,
		N1:             200000,
		N16:            1000000,
		ClkTck:         100,
		ServerCommands: []string{"redis-server --port 1 --bind 127.0.0.1 --save '' --appendonly no"},
		Commands:       []string{"redis-benchmark -h 127.0.0.1 -p PORT -t set"},
		SVGName:        "BENCHMARKS.svg",
	}
	add := func(name string, p int, redisRPS, miniRPS []float64, redisUS, miniUS []float64) *cell {
		return addCell(r, name, p, redisRPS, miniRPS, redisUS, miniUS)
	}
	add("SET", 1, []float64{100, 200}, []float64{95, 170}, []float64{10, 10}, []float64{12, 13})  // 0.95, 0.85 -> 0.90
	add("SET", 16, []float64{100, 100}, []float64{70, 80}, []float64{2, 2}, []float64{3, 3})      // 0.75
	add("GET", 1, []float64{100, 100}, []float64{100, 120}, []float64{10, 10}, []float64{10, 10}) // 1.10
	add("GET", 16, []float64{100, 100}, []float64{90, 90}, []float64{2, 2}, []float64{2, 2})      // 0.90
	z := add("ZADD", 1, []float64{100}, []float64{0}, []float64{1}, []float64{1})
	z.Unsupported = "miniserve answers `zadd k 1 m` with `-ERR unknown command 'zadd'`"
	add("PUBLISH/100subs", 1, []float64{100, 100}, []float64{78, 80}, []float64{50, 50}, []float64{60, 60})  // 0.79
	add("PUBLISH/100subs", 16, []float64{100, 100}, []float64{85, 85}, []float64{20, 20}, []float64{20, 20}) // 0.85
	r.Memory = &memoryResult{Kind: "strings", Items: 1_000_000,
		Redis: memFigures{BaseUsed: 1 << 20, Used: 1<<20 + 80_000_000, BaseRSS: 8 << 20, RSS: 8<<20 + 90_000_000, Count: 1_000_000},
		Mini:  memFigures{BaseUsed: -1, Used: -1, BaseRSS: 4 << 20, RSS: 4<<20 + 200_000_000, Count: 1_000_000},
	}
	r.ZsetMemory = &memoryResult{Kind: "zset", Items: 1_000_000,
		Redis: memFigures{BaseUsed: 1 << 20, Used: 1<<20 + 90_000_000, BaseRSS: 8 << 20, RSS: 8<<20 + 100_000_000, Count: 1_000_000},
		Mini:  memFigures{BaseUsed: 2 << 20, Used: 2<<20 + 150_000_000, BaseRSS: 4 << 20, RSS: 4<<20 + 180_000_000, Count: 1_000_000},
	}
	return r
}

// addCell adds a cell of one run per round on each server, with p50 1 ms
// and p99 2 ms on Redis, 1.5 ms and 3 ms on miniserve.
func addCell(r *report, name string, p int, redisRPS, miniRPS []float64, redisUS, miniUS []float64) *cell {
	c := newCell(workload{Name: name}, p, 1000, len(redisRPS))
	for i := range redisRPS {
		c.set(true, i, runResult{Round: i, RPS: redisRPS[i], CPUus: redisUS[i], P50: 1, P99: 2})
		c.set(false, i, runResult{Round: i, RPS: miniRPS[i], CPUus: miniUS[i], P50: 1.5, P99: 3})
	}
	r.Cells = append(r.Cells, c)
	return c
}

// setP99 gives every run of a cell the same p99 on each server.
func setP99(c *cell, redis, mini float64) {
	for i := range c.Redis {
		c.Redis[i].P99, c.Mini[i].P99 = redis, mini
	}
}

func TestCellSummary(t *testing.T) {
	r := fakeReport()
	s := r.cell("SET", 1).summary()
	if math.Abs(s.RPSRatio-0.9) > 1e-9 || s.RPSLo != 0.85 || s.RPSHi != 0.95 || s.Pairs != 2 {
		t.Fatalf("rps ratio %v [%v, %v] pairs %d", s.RPSRatio, s.RPSLo, s.RPSHi, s.Pairs)
	}
	if s.RedisRPS != 150 || s.MiniRPS != 132.5 {
		t.Fatalf("medians %v %v", s.RedisRPS, s.MiniRPS)
	}
	if math.Abs(s.CPURatio-1.25) > 1e-9 {
		t.Fatalf("cpu ratio %v, want 1.25", s.CPURatio)
	}
	// A failed run drops out of its pair.
	c := r.cell("GET", 1)
	c.Mini[1] = runResult{RPS: math.NaN(), CPUus: math.NaN(), P50: math.NaN(), P99: math.NaN(), Err: "timed out"}
	s = c.summary()
	if s.Pairs != 1 || s.RPSRatio != 1 || s.MiniFailed != 1 {
		t.Fatalf("after a failure: %+v", s)
	}
}

// targetSummaries maps each target's name to its status, its figure and its
// note in parentheses, if any.
func targetSummaries(r *report) map[string]string {
	out := map[string]string{}
	for _, tr := range targets(r) {
		s := tr.status() + " " + tr.figure()
		if tr.Note != "" {
			s += " (" + tr.Note + ")"
		}
		out[tr.Name] = s
	}
	return out
}

// checkTargets compares the targets that want names; with all, it also
// wants no other target.
func checkTargets(t *testing.T, what string, r *report, want map[string]string, all bool) {
	t.Helper()
	got := targetSummaries(r)
	if all && len(got) != len(want) {
		t.Errorf("%s: %d targets, want %d: %v", what, len(got), len(want), got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s: got %q, want %q", what, k, got[k], v)
		}
	}
}

func TestTargets(t *testing.T) {
	const unsupportedZADD = "unsupported: miniserve answers `zadd k 1 m` with `-ERR unknown command 'zadd'`"
	// fakeReport: every throughput, latency and memory figure it has misses
	// issue 9's targets; persistence and eviction did not run.
	want := map[string]string{
		"SET throughput at -P 1":              "MISS 0.90x",
		"GET throughput at -P 1":              "PASS 1.10x",
		"SET throughput at -P 16":             "MISS 0.75x",
		"GET throughput at -P 16":             "MISS 0.90x",
		"INCR throughput at -P 1":             "n/a n/a (not run)",
		"INCR throughput at -P 16":            "n/a n/a (not run)",
		"ZADD throughput at -P 1":             "n/a n/a (" + unsupportedZADD + ")",
		"ZADD throughput at -P 16":            "n/a n/a (not run)",
		"ZINCRBY throughput at -P 1":          "n/a n/a (not run)",
		"ZINCRBY throughput at -P 16":         "n/a n/a (not run)",
		"PUBLISH/100subs throughput at -P 1":  "MISS 0.79x (noisy: the paired ratios range 0.78-0.80, across the target)",
		"PUBLISH/100subs throughput at -P 16": "PASS 0.85x",
		"PUBLISH/10psubs throughput at -P 1":  "n/a n/a (not run)",
		"PUBLISH/10psubs throughput at -P 16": "n/a n/a (not run)",

		"p99 latency of SET at -P 1":     "MISS 1.50x",
		"p99 latency of GET at -P 1":     "MISS 1.50x",
		"p99 latency of INCR at -P 1":    "n/a n/a (not run)",
		"p99 latency of ZADD at -P 1":    "n/a n/a (" + unsupportedZADD + ")",
		"p99 latency of ZINCRBY at -P 1": "n/a n/a (not run)",

		"memory for 1M 16-byte keys (RSS per key)":                   "MISS 2.22x",
		"memory for 1M 16-byte keys (used_memory per key)":           "n/a n/a (no figure: see the notes)",
		"memory for a 1M-member sorted set (RSS per member)":         "MISS 1.80x",
		"memory for a 1M-member sorted set (used_memory per member)": "MISS 1.67x",
		"memory for a 1M-field hash (RSS per field)":                 "n/a n/a (not measured)",
		"memory for a 1M-member set (RSS per member)":                "n/a n/a (not measured)",

		"persistence: SAVE of 1M keys":                                                "n/a n/a (not run)",
		"persistence: restart with 1M keys until loaded":                              "n/a n/a (not run)",
		"persistence: miniserve's SET -P 16 throughput with appendonly everysec / no": "n/a n/a (not run)",
	}
	// The lists, hashes and sets, the job workloads, and eviction, were not run.
	for _, name := range []string{"LPUSH", "RPOP", "LRANGE_100", "HSET", "SADD", "HGETALL", "SISMEMBER", "EVALSHA", "XADD"} {
		for _, p := range []int{1, 16} {
			want[fmt.Sprintf("%s throughput at -P %d", name, p)] = "n/a n/a (not run)"
		}
	}
	for _, p := range []int{1, 16} {
		want[fmt.Sprintf("eviction: miniserve's used_memory after SET -P %d vs maxmemory 100mb", p)] = "n/a n/a (not run)"
		want[fmt.Sprintf("eviction: miniserve's SET -P %d throughput with maxmemory / without", p)] = "n/a n/a (not run)"
		want[fmt.Sprintf("eviction: keys kept by miniserve after SET -P %d with maxmemory", p)] = "n/a n/a (not run)"
	}
	checkTargets(t, "fakeReport", fakeReport(), want, true)

	// What each of issue 9's targets wants, and the older ones kept.
	wants := map[string]string{
		"memory for 1M 16-byte keys (RSS per key)":                                    "<= 1.5x Redis",
		"memory for 1M 16-byte keys (used_memory per key)":                            "<= 1.5x Redis",
		"memory for a 1M-member sorted set (RSS per member)":                          "<= 1.5x Redis",
		"memory for a 1M-member sorted set (used_memory per member)":                  "<= 1.5x Redis",
		"memory for a 1M-field hash (RSS per field)":                                  "<= 2.5x Redis",
		"memory for a 1M-member set (RSS per member)":                                 "<= 2.5x Redis",
		"persistence: SAVE of 1M keys":                                                "<= 1.0x Redis's time",
		"persistence: restart with 1M keys until loaded":                              "<= 1.0x Redis's time",
		"persistence: miniserve's SET -P 16 throughput with appendonly everysec / no": ">= 0.9x its own without",
		"PUBLISH/100subs throughput at -P 1":                                          ">= 0.8x Redis",
		"LPUSH throughput at -P 1":                                                    ">= 0.9x Redis",
		"LPUSH throughput at -P 16":                                                   ">= 0.8x Redis",
		"EVALSHA throughput at -P 16":                                                 ">= 0.7x Redis",
		"XADD throughput at -P 1":                                                     ">= 0.8x Redis",
	}
	for _, w := range []string{"SET", "GET", "INCR", "ZADD", "ZINCRBY"} {
		wants[w+" throughput at -P 1"] = ">= 1.0x Redis"
		wants[w+" throughput at -P 16"] = ">= 1.0x Redis"
		wants["p99 latency of "+w+" at -P 1"] = "<= 1.0x Redis"
	}
	gotWants := map[string]string{}
	for _, tr := range targets(fakeReport()) {
		gotWants[tr.Name] = tr.Want
	}
	for name, w := range wants {
		if gotWants[name] != w {
			t.Errorf("%s wants %q, want %q", name, gotWants[name], w)
		}
	}

	// The groups in order: throughput, latency, memory, persistence, eviction.
	r := fakeReport()
	r.Persistence = fakePersistence()
	r.Eviction = fakeEviction()
	group := func(name string) int {
		for i, prefix := range []string{"p99 latency of ", "memory for ", "persistence: ", "eviction: "} {
			if strings.HasPrefix(name, prefix) {
				return i + 1
			}
		}
		if strings.Contains(name, " throughput at -P ") {
			return 0
		}
		return -1
	}
	last, seen := 0, map[int]bool{}
	for _, tr := range targets(r) {
		g := group(tr.Name)
		if g < last {
			t.Errorf("%q (group %d) after group %d", tr.Name, g, last)
		}
		last, seen[g] = g, true
	}
	if len(seen) != 5 || seen[-1] {
		t.Errorf("groups seen: %v", seen)
	}

	// The PASS side of each new target, at its boundary where the figure
	// allows, and a MISS just beyond it.
	r = fakeReport()
	set16 := r.cell("SET", 16)
	set16.Mini[0].RPS, set16.Mini[1].RPS = 96, 106 // 0.96 and 1.06
	setP99(r.cell("SET", 1), 2, math.NaN())        // redis-benchmark gave no p99
	setP99(r.cell("GET", 1), 2, 1)
	setP99(addCell(r, "INCR", 1, []float64{100, 100}, []float64{100, 100}, []float64{1, 1}, []float64{1, 1}), 2, 2)
	addCell(r, "INCR", 16, []float64{100, 100}, []float64{99, 99}, []float64{1, 1}, []float64{1, 1})
	addCell(r, "ZADD", 16, []float64{100, 100}, []float64{105, 105}, []float64{1, 1}, []float64{1, 1})
	setP99(addCell(r, "ZINCRBY", 1, []float64{100, 100}, []float64{120, 120}, []float64{1, 1}, []float64{1, 1}), 2, 2.02)
	r.Memory.Mini.RSS = r.Memory.Mini.BaseRSS + 135_000_000               // 1.50x
	r.Memory.Mini.BaseUsed, r.Memory.Mini.Used = 1<<20, 1<<20+120_000_000 // 1.50x
	r.ZsetMemory.Mini.RSS = r.ZsetMemory.Mini.BaseRSS + 151_000_000       // 1.51x
	r.ZsetMemory.Mini.Used = r.ZsetMemory.Mini.BaseUsed + 135_000_000     // 1.50x
	r.Persistence = fakePersistence()
	checkTargets(t, "meets", r, map[string]string{
		"SET throughput at -P 16":     "PASS 1.01x (noisy: the paired ratios range 0.96-1.06, across the target)",
		"INCR throughput at -P 1":     "PASS 1.00x",
		"INCR throughput at -P 16":    "MISS 0.99x",
		"ZADD throughput at -P 16":    "PASS 1.05x",
		"ZINCRBY throughput at -P 1":  "PASS 1.20x",
		"ZINCRBY throughput at -P 16": "n/a n/a (not run)",

		"p99 latency of SET at -P 1":     "n/a n/a (no figure: see the notes)",
		"p99 latency of GET at -P 1":     "PASS 0.50x",
		"p99 latency of INCR at -P 1":    "PASS 1.00x",
		"p99 latency of ZADD at -P 1":    "n/a n/a (" + unsupportedZADD + ")",
		"p99 latency of ZINCRBY at -P 1": "MISS 1.01x",

		"memory for 1M 16-byte keys (RSS per key)":                   "PASS 1.50x",
		"memory for 1M 16-byte keys (used_memory per key)":           "PASS 1.50x",
		"memory for a 1M-member sorted set (RSS per member)":         "MISS 1.51x",
		"memory for a 1M-member sorted set (used_memory per member)": "PASS 1.50x",

		// fakePersistence: SAVE 1.5 s against 1 and 2 s, restart 1.2 s
		// against 1.5 s, everysec / no 0.80 in both rounds.
		"persistence: SAVE of 1M keys":                                                "MISS 1.12x (noisy: the paired ratios range 0.75-1.50, across the target)",
		"persistence: restart with 1M keys until loaded":                              "PASS 0.80x",
		"persistence: miniserve's SET -P 16 throughput with appendonly everysec / no": "MISS 0.80x",
	}, false)

	// The persistence targets the other way round; everysec judged on
	// miniserve's own rounds, not on the ratio to Redis.
	p := fakePersistence()
	for i := range p.Mini {
		p.Mini[i].SaveSec, p.Mini[i].RestartSec = 1, 1.8 // SAVE 1.00x and 0.50x; restart 1.20x
	}
	p.Mini[0].SetAOF[0].RPS = 380000 // 0.95, then 0.80
	r = fakeReport()
	r.Persistence = p
	checkTargets(t, "persistence other way", r, map[string]string{
		"persistence: SAVE of 1M keys":                                                "PASS 0.75x",
		"persistence: restart with 1M keys until loaded":                              "MISS 1.20x",
		"persistence: miniserve's SET -P 16 throughput with appendonly everysec / no": "MISS 0.88x (noisy: 1 of 2 rounds meet it)",
	}, false)
	p.Mini[1].SetAOF[0].RPS = 360000 // 0.95 and 0.90: Redis's own 0.75 and 1.00 do not count
	p.Keys = 200_000                 // quick: the times are judged, with a note
	checkTargets(t, "persistence quick", r, map[string]string{
		"persistence: SAVE of 1M keys":                                                "PASS 0.75x (measured with 200000 keys, not 1M)",
		"persistence: restart with 1M keys until loaded":                              "MISS 1.20x (measured with 200000 keys, not 1M)",
		"persistence: miniserve's SET -P 16 throughput with appendonly everysec / no": "PASS 0.93x",
	}, false)

	// n/a: a step that did not run; figures missing on miniserve (the row
	// has Redis's only: restart, everysec) or on both servers (no row: SAVE).
	p = fakePersistence()
	p.Steps = []persistStep{stepAOF, stepLatency}
	for i := range p.Redis {
		p.Redis[i].SaveSec, p.Redis[i].RestartSec = math.NaN(), math.NaN()
		p.Mini[i].SaveSec, p.Mini[i].RestartSec = math.NaN(), math.NaN()
	}
	r.Persistence = p
	checkTargets(t, "no snapshot step", r, map[string]string{
		"persistence: SAVE of 1M keys":                                                "n/a n/a (not run)",
		"persistence: restart with 1M keys until loaded":                              "n/a n/a (not run)",
		"persistence: miniserve's SET -P 16 throughput with appendonly everysec / no": "MISS 0.80x",
	}, false)
	p.Steps = []persistStep{stepSnapshot, stepAOF, stepLatency}
	for i := range p.Redis {
		p.Redis[i].RestartSec = 1.5
		p.Mini[i].SetAOF[0] = runResult{RPS: math.NaN(), Err: "timed out"}
	}
	checkTargets(t, "no figures", r, map[string]string{
		"persistence: SAVE of 1M keys":                                                "n/a n/a (no figure: see the notes of the Persistence section)",
		"persistence: restart with 1M keys until loaded":                              "n/a n/a (no figure: see the notes of the Persistence section)",
		"persistence: miniserve's SET -P 16 throughput with appendonly everysec / no": "n/a n/a (no figure: see the notes of the Persistence section)",
	}, false)

	// Runs that all failed leave a cell without figures.
	r = fakeReport()
	get16 := r.cell("GET", 16)
	for i := range get16.Mini {
		get16.Mini[i] = runResult{RPS: math.NaN(), CPUus: math.NaN(), P50: math.NaN(), P99: math.NaN(), Err: "timed out"}
	}
	checkTargets(t, "failed runs", r, map[string]string{
		"GET throughput at -P 16": "n/a n/a (no figure: see the notes)",
	}, false)

	// A GET cell that is gone leaves its throughput and latency n/a; a
	// smaller sorted set is still judged, with a note.
	r = fakeReport()
	r.Cells = r.Cells[:1]
	r.ZsetMemory.Items = 200_000
	r.Memory = nil
	checkTargets(t, "quick", r, map[string]string{
		"GET throughput at -P 1":                                     "n/a n/a (not run)",
		"p99 latency of GET at -P 1":                                 "n/a n/a (not run)",
		"memory for a 1M-member sorted set (RSS per member)":         "MISS 1.80x (measured with 200000 members, not 1M)",
		"memory for a 1M-member sorted set (used_memory per member)": "MISS 1.67x (measured with 200000 members, not 1M)",
		"memory for 1M 16-byte keys (RSS per key)":                   "n/a n/a (not measured)",
		"memory for 1M 16-byte keys (used_memory per key)":           "n/a n/a (not measured)",
	}, false)
}

// A target on a workload the table does not have would stay n/a forever.
func TestTargetWorkloadsExist(t *testing.T) {
	for _, tt := range throughputTargets {
		if workloadIndex(tt.Workload) < 0 {
			t.Errorf("throughput target on an unknown workload %q", tt.Workload)
		}
	}
	for _, lt := range latencyTargets {
		if workloadIndex(lt.Workload) < 0 {
			t.Errorf("latency target on an unknown workload %q", lt.Workload)
		}
	}
}

func TestExtractHistory(t *testing.T) {
	if got := extractHistory(""); got != defaultHistory {
		t.Fatalf("no file: got %q", got)
	}
	old := "# miniserve benchmarks\n\nold tables\n\n## Historyish\n\n## History\n\n- 2025-02-01 abc123: SET -P 1 0.71x -> 0.86x\n\n### notes\n| a | b |\n"
	want := "## History\n\n- 2025-02-01 abc123: SET -P 1 0.71x -> 0.86x\n\n### notes\n| a | b |\n"
	if got := extractHistory(old); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	// No trailing newline, CRLF heading.
	if got := extractHistory("x\r\n## History\r\nentry"); got != "## History\r\nentry\n" {
		t.Fatalf("got %q", got)
	}
	// "## History" inside a line is not the heading.
	if got := extractHistory("see ## History below\n"); got != defaultHistory {
		t.Fatalf("got %q", got)
	}
}

func TestRenderMarkdownKeepsHistory(t *testing.T) {
	history := "## History\n\n- 2025-02-01 abc123: SET -P 16 0.71x -> 0.86x (hand-written, | pipes | kept)\n"
	md := renderMarkdown(fakeReport(), history)
	if !strings.HasSuffix(md, "\n\n"+history) {
		t.Fatalf("history not at the end verbatim:\n%s", md)
	}
	if strings.Count(md, "## History") != 1 {
		t.Fatalf("history heading repeated")
	}
	// Rewriting the rendered file keeps the same history.
	again := renderMarkdown(fakeReport(), extractHistory(md))
	if again != md {
		t.Fatal("render(extractHistory(render)) changed the file")
	}
	for _, want := range []string{
		"| SET throughput at -P 1 | >= 1.0x Redis | 0.90x | **MISS** |",
		"| SET throughput at -P 16 | >= 1.0x Redis | 0.75x | **MISS** |",
		"| GET throughput at -P 1 | >= 1.0x Redis | 1.10x | **PASS** |",
		"| PUBLISH/100subs throughput at -P 1 | >= 0.8x Redis | 0.79x (noisy: the paired ratios range 0.78-0.80, across the target) | **MISS** |",
		"| ZINCRBY throughput at -P 16 | >= 1.0x Redis | n/a (not run) | **n/a** |",
		"| p99 latency of SET at -P 1 | <= 1.0x Redis | 1.50x | **MISS** |",
		"| memory for 1M 16-byte keys (RSS per key) | <= 1.5x Redis | 2.22x | **MISS** |",
		"| memory for 1M 16-byte keys (used_memory per key) | <= 1.5x Redis | n/a (no figure: see the notes) | **n/a** |",
		"| memory for a 1M-member sorted set (RSS per member) | <= 1.5x Redis | 1.80x | **MISS** |",
		"| memory for a 1M-member sorted set (used_memory per member) | <= 1.5x Redis | 1.67x | **MISS** |",
		"| persistence: SAVE of 1M keys | <= 1.0x Redis's time | n/a (not run) | **n/a** |",
		"| SET | 1 | 1000 | 150 | 132 | **0.90x** | 0.85-0.95 | 2 |",
		"| ZADD | 1 | 1000 | unsupported |",
		"| SET | 1 | 10.00 | 12.50 | **1.25x** |",
		"| strings, 1M keys | 90.0 B | 200.0 B | **2.22x** | 80.0 B | n/a | n/a |",
		"| sorted set, 1M members | 100.0 B | 180.0 B | **1.80x** | 90.0 B | 150.0 B | 1.67x |",
		"| sorted set, 1M members | miniserve | 2.0 MiB / 145.1 MiB | 4.0 MiB / 175.7 MiB | 1000000 |",
		"| PUBLISH/100subs | 16 | 1000 | 100 | 85 | **0.85x** | 0.85-0.85 | 2 |",
		"![miniserve/Redis throughput ratio per workload at -P 1 and -P 16](BENCHMARKS.svg)",
		"- CPU model: Test CPU",
		"redis-server --port 1 --bind 127.0.0.1 --save '' --appendonly no",
		"2025-03-01 12:00 UTC",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

func TestRenderText(t *testing.T) {
	out := renderText(fakeReport())
	for _, want := range []string{"SET", "0.90x", "MISS", "ZADD: miniserve answers", "RSS", "sorted set, 1M members", "1.80x", "PUBLISH/100subs"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}

func TestRenderSVG(t *testing.T) {
	svg := renderSVG(fakeReport())
	d := xml.NewDecoder(strings.NewReader(svg))
	rects, texts := 0, []string{}
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "rect" {
				rects++
			}
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"SET", "GET", "ZADD", "0.90", "0.75", "unsupported", "1.0 = Redis", "PUBLISH/|100subs", "0.79"} {
		if !strings.Contains(all, want) {
			t.Errorf("SVG text lacks %q: %s", want, all)
		}
	}
	// Background, two legend squares, and six bars (ZADD has none).
	if rects != 1+2+6 {
		t.Errorf("%d rects, want 9", rects)
	}
	if svgPathFor("BENCHMARKS.md") != "BENCHMARKS.svg" || svgPathFor("out/report") != "out/report.svg" {
		t.Error("svgPathFor")
	}
}

func TestTypesMemoryReport(t *testing.T) {
	r := fakeReport()
	r.HashMemory = &memoryResult{Kind: "hash", Items: 1_000_000,
		Redis: memFigures{BaseUsed: 1 << 20, Used: 1<<20 + 80_000_000, BaseRSS: 8 << 20, RSS: 8<<20 + 100_000_000, Count: 1_000_000},
		Mini:  memFigures{BaseUsed: 2 << 20, Used: 2<<20 + 150_000_000, BaseRSS: 4 << 20, RSS: 4<<20 + 200_000_000, Count: 1_000_000},
	}
	// miniserve could not load the set (no SADD): no figure.
	r.SetMemory = &memoryResult{Kind: "set", Items: 1_000_000,
		Redis: memFigures{BaseUsed: 1 << 20, Used: 1<<20 + 50_000_000, BaseRSS: 8 << 20, RSS: 8<<20 + 60_000_000, Count: 1_000_000},
		Mini:  memFigures{BaseUsed: 2 << 20, Used: -1, BaseRSS: 4 << 20, RSS: -1, Count: -1},
	}
	md := renderMarkdown(r, "")
	for _, want := range []string{
		"| memory for a 1M-field hash (RSS per field) | <= 2.5x Redis | 2.00x | **PASS** |",
		"| memory for a 1M-member set (RSS per member) | <= 2.5x Redis | n/a (no figure: see the notes) | **n/a** |",
		"| hash, 1M fields | 100.0 B | 200.0 B | **2.00x** | 80.0 B | 150.0 B | 1.88x |",
		"| set, 1M members | 60.0 B | n/a | **n/a** | 50.0 B | n/a | n/a |",
		"- hash, 1M fields: one key `bench:hash` (one big hash, not many small ones) with 1000000 fields `field:%07d`",
		"- set, 1M members: one key `bench:set` with 1000000 members `member:%07d`",
		"| set, 1M members | miniserve | 2.0 MiB / n/a | 4.0 MiB / n/a | -1 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	// The data sets in order: strings, sorted set, hash, set.
	var kinds []string
	for _, m := range r.memory() {
		kinds = append(kinds, m.Kind)
	}
	if strings.Join(kinds, ",") != "strings,zset,hash,set" {
		t.Errorf("memory order %v", kinds)
	}
}
