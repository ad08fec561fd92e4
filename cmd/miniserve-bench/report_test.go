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
		c := newCell(workload{Name: name}, p, 1000, len(redisRPS))
		for i := range redisRPS {
			c.set(true, i, runResult{Round: i, RPS: redisRPS[i], CPUus: redisUS[i], P50: 1, P99: 2})
			c.set(false, i, runResult{Round: i, RPS: miniRPS[i], CPUus: miniUS[i], P50: 1.5, P99: 3})
		}
		r.Cells = append(r.Cells, c)
		return c
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

func TestTargets(t *testing.T) {
	got := map[string]string{}
	for _, tr := range targets(fakeReport()) {
		got[tr.Name] = tr.status() + " " + fx(tr.Figure)
	}
	want := map[string]string{
		"SET throughput at -P 1":                             "PASS 0.90x",
		"GET throughput at -P 1":                             "PASS 1.10x",
		"SET throughput at -P 16":                            "MISS 0.75x",
		"GET throughput at -P 16":                            "PASS 0.90x",
		"ZADD throughput at -P 1":                            "n/a n/a",
		"ZADD throughput at -P 16":                           "n/a n/a",
		"ZINCRBY throughput at -P 1":                         "n/a n/a",
		"ZINCRBY throughput at -P 16":                        "n/a n/a",
		"PUBLISH/100subs throughput at -P 1":                 "MISS 0.79x",
		"PUBLISH/100subs throughput at -P 16":                "PASS 0.85x",
		"PUBLISH/10psubs throughput at -P 1":                 "n/a n/a",
		"PUBLISH/10psubs throughput at -P 16":                "n/a n/a",
		"memory for 1M 16-byte keys (RSS per key)":           "PASS 2.22x",
		"memory for a 1M-member sorted set (RSS per member)": "PASS 1.80x",
		"memory for a 1M-field hash (RSS per field)":         "n/a n/a",
		"memory for a 1M-member set (RSS per member)":        "n/a n/a",
	}
	// The lists, hashes and sets, the job workloads, and eviction, were not run.
	for _, name := range []string{"LPUSH", "RPOP", "LRANGE_100", "HSET", "SADD", "HGETALL", "SISMEMBER", "EVALSHA", "XADD"} {
		for _, p := range []int{1, 16} {
			want[fmt.Sprintf("%s throughput at -P %d", name, p)] = "n/a n/a"
		}
	}
	for _, p := range []int{1, 16} {
		want[fmt.Sprintf("eviction: miniserve's used_memory after SET -P %d vs maxmemory 100mb", p)] = "n/a n/a"
		want[fmt.Sprintf("eviction: miniserve's SET -P %d throughput with maxmemory / without", p)] = "n/a n/a"
		want[fmt.Sprintf("eviction: keys kept by miniserve after SET -P %d with maxmemory", p)] = "n/a n/a"
	}
	if len(got) != len(want) {
		t.Errorf("%d targets, want %d: %v", len(got), len(want), got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	for _, tr := range targets(fakeReport()) {
		switch tr.Name {
		case "ZADD throughput at -P 1":
			if !strings.HasPrefix(tr.Note, "unsupported: miniserve answers") {
				t.Errorf("ZADD note %q", tr.Note)
			}
		case "ZINCRBY throughput at -P 1":
			if tr.Note != "not run" {
				t.Errorf("ZINCRBY note %q", tr.Note)
			}
		}
	}
	r := fakeReport()
	r.Memory.Mini.RSS = r.Memory.Mini.BaseRSS + 300_000_000
	r.ZsetMemory.Mini.RSS = r.ZsetMemory.Mini.BaseRSS + 201_000_000 // 2.01x
	r.Cells = r.Cells[:1]
	for _, tr := range targets(r) {
		switch tr.Name {
		case "memory for 1M 16-byte keys (RSS per key)":
			if tr.status() != "MISS" {
				t.Errorf("memory 3.3x: %s", tr.status())
			}
		case "memory for a 1M-member sorted set (RSS per member)":
			if tr.status() != "MISS" || tr.Note != "" {
				t.Errorf("sorted set 2.01x: %s %q", tr.status(), tr.Note)
			}
		case "GET throughput at -P 1":
			if tr.status() != "n/a" {
				t.Errorf("GET not run: %s", tr.status())
			}
		}
	}
	// Quick mode: a smaller sorted set, the figure still judged, with a note;
	// a data set that was not measured is n/a.
	r = fakeReport()
	r.ZsetMemory.Items = 200_000
	r.Memory = nil
	for _, tr := range targets(r) {
		switch tr.Name {
		case "memory for a 1M-member sorted set (RSS per member)":
			if tr.status() != "PASS" || tr.Note != "measured with 200000 members, not 1M" {
				t.Errorf("quick sorted set: %s %q", tr.status(), tr.Note)
			}
		case "memory for 1M 16-byte keys (RSS per key)":
			if tr.status() != "n/a" || tr.Note != "not measured" {
				t.Errorf("strings not measured: %s %q", tr.status(), tr.Note)
			}
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
		"| SET throughput at -P 1 | >= 0.9x Redis | 0.90x (noisy: the paired ratios range 0.85-0.95, across the target) | **PASS** |",
		"| SET throughput at -P 16 | >= 0.8x Redis | 0.75x (noisy: the paired ratios range 0.70-0.80, across the target) | **MISS** |",
		"| GET throughput at -P 1 | >= 0.9x Redis | 1.10x | **PASS** |",
		"| memory for 1M 16-byte keys (RSS per key) | <= 2.5x Redis | 2.22x | **PASS** |",
		"| memory for a 1M-member sorted set (RSS per member) | <= 2.0x Redis | 1.80x | **PASS** |",
		"| PUBLISH/100subs throughput at -P 1 | >= 0.8x Redis | 0.79x (noisy: the paired ratios range 0.78-0.80, across the target) | **MISS** |",
		"| ZINCRBY throughput at -P 16 | >= 0.9x Redis | n/a (not run) | **n/a** |",
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
