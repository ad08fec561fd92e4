package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// benchRow is one line of `redis-benchmark --csv` output. redis-benchmark
// 7.0 prints the header
//
//	"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
//
// and one row per test. For a custom command the test name is the command
// line itself ("setex key:__rand_int__ 100 xxx").
type benchRow struct {
	Test  string
	RPS   float64
	AvgMs float64
	MinMs float64
	P50Ms float64
	P95Ms float64
	P99Ms float64
	MaxMs float64
}

// parseBenchCSV parses the CSV that redis-benchmark prints on stdout. Lines
// that are not CSV records (warnings, progress) are ignored. Columns are
// found by name, so extra or reordered columns are fine; test and rps are
// required, the latencies default to 0 when a column is missing.
func parseBenchCSV(out string) ([]benchRow, error) {
	var csvLines []string
	for line := range strings.SplitSeq(out, "\n") {
		line = strings.TrimSpace(line)
		// The progress line ("SET: rps=...") ends in a carriage return and
		// is not quoted; every CSV line starts with a quoted field.
		if i := strings.LastIndexByte(line, '\r'); i >= 0 {
			line = line[i+1:]
		}
		if strings.HasPrefix(line, `"`) {
			csvLines = append(csvLines, line)
		}
	}
	if len(csvLines) == 0 {
		return nil, errors.New("redis-benchmark printed no CSV")
	}
	records, err := csv.NewReader(strings.NewReader(strings.Join(csvLines, "\n"))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("redis-benchmark CSV: %w", err)
	}
	header := records[0]
	col := map[string]int{}
	for i, name := range header {
		col[strings.TrimSpace(name)] = i
	}
	if _, ok := col["test"]; !ok {
		return nil, fmt.Errorf("redis-benchmark CSV: no \"test\" column in header %q", header)
	}
	if _, ok := col["rps"]; !ok {
		return nil, fmt.Errorf("redis-benchmark CSV: no \"rps\" column in header %q", header)
	}
	var rows []benchRow
	for _, rec := range records[1:] {
		get := func(name string) (float64, error) {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return 0, nil
			}
			v, err := strconv.ParseFloat(strings.TrimSpace(rec[i]), 64)
			if err != nil {
				return 0, fmt.Errorf("redis-benchmark CSV: column %s: %w", name, err)
			}
			return v, nil
		}
		row := benchRow{Test: rec[col["test"]]}
		for _, f := range []struct {
			name string
			dst  *float64
		}{
			{"rps", &row.RPS},
			{"avg_latency_ms", &row.AvgMs},
			{"min_latency_ms", &row.MinMs},
			{"p50_latency_ms", &row.P50Ms},
			{"p95_latency_ms", &row.P95Ms},
			{"p99_latency_ms", &row.P99Ms},
			{"max_latency_ms", &row.MaxMs},
		} {
			if *f.dst, err = get(f.name); err != nil {
				return nil, err
			}
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, errors.New("redis-benchmark CSV has a header but no results")
	}
	return rows, nil
}

// benchErrors returns the lines of redis-benchmark output that report a
// server error ("Error from server: ERR unknown command ..."), or a lost
// connection. redis-benchmark 7.0 prints these on stderr and exits 1.
func benchErrors(output string) []string {
	var errs []string
	for line := range strings.SplitSeq(output, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "Error") || strings.Contains(line, "Error from server") ||
			strings.Contains(line, "Connection refused") || strings.Contains(line, "Server closed the connection") {
			errs = append(errs, line)
		}
	}
	return errs
}
