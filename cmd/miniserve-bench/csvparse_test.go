package main

import (
	"strings"
	"testing"
)

// Captured from redis-benchmark 7.0.15:
//
//	redis-benchmark -h 127.0.0.1 -p P -c 50 -r 100000 -d 16 -n 20000 -P 16 -t set,get,incr,mset --csv
const sampleTestsCSV = `"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
"SET","180180.17","3.786","0.536","2.543","9.559","11.279","14.615"
"GET","109890.11","6.616","0.648","6.295","12.359","16.215","20.399"
"INCR","96618.36","7.278","0.760","6.847","12.903","15.015","15.399"
"MSET (10 keys)","37313.43","20.315","1.032","19.935","28.079","34.175","34.527"
`

// redis-benchmark ... -P 1 --csv setex key:__rand_int__ 100 xxxxxxxxxxxxxxxx
const sampleCustomCSV = `"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
"setex key:__rand_int__ 100 xxxxxxxxxxxxxxxx","9483.17","4.256","0.256","2.991","11.895","23.119","83.903"
`

// redis-benchmark ... --csv zrevrange k 0 9 bogus, stdout and stderr
// together; it exits 1.
const sampleErrorOutput = `Error from server: ERR syntax error
"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
`

func TestParseBenchCSVTests(t *testing.T) {
	rows, err := parseBenchCSV(sampleTestsCSV)
	if err != nil {
		t.Fatal(err)
	}
	want := []benchRow{
		{"SET", 180180.17, 3.786, 0.536, 2.543, 9.559, 11.279, 14.615},
		{"GET", 109890.11, 6.616, 0.648, 6.295, 12.359, 16.215, 20.399},
		{"INCR", 96618.36, 7.278, 0.760, 6.847, 12.903, 15.015, 15.399},
		{"MSET (10 keys)", 37313.43, 20.315, 1.032, 19.935, 28.079, 34.175, 34.527},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d: got %+v, want %+v", i, rows[i], want[i])
		}
	}
}

func TestParseBenchCSVCustomCommand(t *testing.T) {
	rows, err := parseBenchCSV(sampleCustomCSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Test != "setex key:__rand_int__ 100 xxxxxxxxxxxxxxxx" ||
		rows[0].RPS != 9483.17 || rows[0].P50Ms != 2.991 || rows[0].P99Ms != 23.119 {
		t.Fatalf("got %+v", rows)
	}
}

func TestParseBenchCSVIgnoresNoise(t *testing.T) {
	// Warnings and a carriage-return progress line around the CSV.
	out := "WARNING: Could not fetch server CONFIG\n" +
		"SET: rps=12345.0 (overall: 12000.0) avg_msec=1.0 (overall: 1.0)\r" + sampleCustomCSV + "\n\n"
	rows, err := parseBenchCSV(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].RPS != 9483.17 {
		t.Fatalf("got %+v", rows)
	}
}

func TestParseBenchCSVColumnsByName(t *testing.T) {
	// Reordered columns, a missing latency column and an extra one.
	out := `"rps","test","p99_latency_ms","extra","p50_latency_ms"
"1000.5","GET","2.5","x","1.25"
`
	rows, err := parseBenchCSV(out)
	if err != nil {
		t.Fatal(err)
	}
	want := benchRow{Test: "GET", RPS: 1000.5, P50Ms: 1.25, P99Ms: 2.5}
	if len(rows) != 1 || rows[0] != want {
		t.Fatalf("got %+v, want %+v", rows, want)
	}
}

func TestParseBenchCSVErrors(t *testing.T) {
	for name, out := range map[string]string{
		"empty":       "",
		"header only": sampleErrorOutput,
		"no rps":      "\"test\",\"avg_latency_ms\"\n\"SET\",\"1.0\"\n",
		"bad number":  "\"test\",\"rps\"\n\"SET\",\"fast\"\n",
	} {
		if rows, err := parseBenchCSV(out); err == nil {
			t.Errorf("%s: no error, rows %+v", name, rows)
		}
	}
}

func TestBenchErrors(t *testing.T) {
	errs := benchErrors(sampleErrorOutput)
	if len(errs) != 1 || errs[0] != "Error from server: ERR syntax error" {
		t.Fatalf("got %q", errs)
	}
	if errs := benchErrors(sampleTestsCSV + "WARNING: Could not fetch server CONFIG\n"); len(errs) != 0 {
		t.Fatalf("clean output reported errors: %q", errs)
	}
	if errs := benchErrors("Could not connect to Redis at 127.0.0.1:1: Connection refused\n"); len(errs) != 1 {
		t.Fatalf("connection refused not reported: %q", errs)
	}
}

func TestParseStatCPU(t *testing.T) {
	// A /proc/PID/stat line whose command name holds a space and a ')'.
	stat := "4242 (redis) server) S 1 4242 4242 0 -1 4194560 1234 0 0 0 150 37 0 0 20 0 5 0 100 200000000 3000 18446744073709551615 1 1 0 0 0 0 0 4096 17987 0 0 0 17 1 0 0 0 0 0"
	got, err := parseStatCPU(stat)
	if err != nil {
		t.Fatal(err)
	}
	if got != 187 {
		t.Fatalf("utime+stime = %d, want 187", got)
	}
	if _, err := parseStatCPU("4242 (x) S 1 2"); err == nil {
		t.Fatal("short stat: no error")
	}
}

func TestParseStatusKB(t *testing.T) {
	status := "Name:\tredis-server\nVmPeak:\t  200000 kB\nVmRSS:\t   12345 kB\nThreads:\t5\n"
	if n, err := parseStatusKB(status, "VmRSS"); err != nil || n != 12345*1024 {
		t.Fatalf("VmRSS = %d, %v", n, err)
	}
	if n, err := parseStatusKB(status, "Threads"); err != nil || n != 5 {
		t.Fatalf("Threads = %d, %v", n, err)
	}
	if _, err := parseStatusKB(status, "VmSwap"); err == nil {
		t.Fatal("missing line: no error")
	}
}

func TestShellJoin(t *testing.T) {
	got := shellJoin([]string{"redis-server", "--port", "6379", "--save", "", "--x", "it's"})
	want := `redis-server --port 6379 --save '' --x 'it'\''s'`
	if got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if !strings.Contains(shellJoin([]string{"setex", "key:__rand_int__"}), "key:__rand_int__") {
		t.Fatal("plain argument quoted")
	}
}
