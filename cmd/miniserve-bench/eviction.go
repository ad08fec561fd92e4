package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The eviction group measures SET under a memory limit, side by side with
// redis-server, on a fresh process for every run: see the package doc and
// eviction_report.go for the report.

const (
	evictMaxMemory      = "100mb"
	evictMaxMemoryBytes = 100 << 20 // what "100mb" means to both servers
	evictPolicy         = "allkeys-lru"
	// evictKeyspace and evictDataSize make the load: 100-byte values
	// over 10M keys. About 200 bytes per key in Redis, so 100mb holds
	// about half a million keys, and -n 2M draws about 1.8M distinct ones.
	evictKeyspace = 10_000_000
	evictDataSize = 100

	defaultEvictN = 2_000_000
	// quickEvictN is the -n of -quick: fewer would not reach the limit
	// (500k requests are about 490k distinct keys, about 99 MB in Redis),
	// and the runs would measure no eviction.
	quickEvictN = 1_000_000
)

// evictPipelines are the depths of the SET runs.
var evictPipelines = []int{1, 16}

// evictWorkload is the SET load of the group.
var evictWorkload = workload{Name: "SET", Test: "set", Keyspace: evictKeyspace, DataSize: evictDataSize}

// evictServerArgs is the command line of an eviction server: the workloads'
// command line, with or without the limit.
func evictServerArgs(port int, limit bool) []string {
	args := serverArgs(port)
	if limit {
		args = append(args, "--maxmemory", evictMaxMemory, "--maxmemory-policy", evictPolicy)
	}
	return args
}

// distinctKeys is the expected number of distinct keys that n requests
// draw uniformly from a keyspace of k.
func distinctKeys(n, k int) float64 {
	return float64(k) * -math.Expm1(-float64(n)/float64(k))
}

// evictRun is one SET run on a fresh process and what the server said
// after it. Sizes and counts are -1 when unknown.
type evictRun struct {
	Bench     runResult
	Used, RSS int64 // INFO memory used_memory, used_memory_rss
	MaxMemory int64 // INFO memory maxmemory
	Policy    string
	Keys      int64 // DBSIZE
	Evicted   int64 // INFO stats evicted_keys
	Err       string

	crashNote string // the server exited on its own: what and its log tail
}

func newEvictRun() evictRun {
	return evictRun{
		Bench: runResult{RPS: math.NaN(), CPUus: math.NaN(), P50: math.NaN(), P99: math.NaN(), Err: "not run"},
		Used:  -1, RSS: -1, MaxMemory: -1, Keys: -1, Evicted: -1, Err: "not run",
	}
}

// overLimit is how far used_memory is over (positive) or under (negative)
// the limit, in percent of it; NaN when unknown.
func (e evictRun) overLimit() float64 {
	if e.Used < 0 {
		return math.NaN()
	}
	return float64(e.Used-evictMaxMemoryBytes) / evictMaxMemoryBytes * 100
}

// evictRound is one round of the group on one server.
type evictRound struct {
	Limit, NoLimit []evictRun // index = evictPipelines index
	Errs           []string
}

func newEvictRound() evictRound {
	var r evictRound
	for range evictPipelines {
		r.Limit = append(r.Limit, newEvictRun())
		r.NoLimit = append(r.NoLimit, newEvictRun())
	}
	return r
}

// evictResult is the eviction group on both servers.
type evictResult struct {
	Requests       int
	Rounds         int
	Redis, Mini    []evictRound // index = round
	ServerCommands []string
	Commands       []string
	Notes          []string
}

// readEvictFigures reads INFO memory, INFO stats and DBSIZE into run and
// returns what was missing or not as asked ("" if nothing).
func readEvictFigures(c *respConn, run *evictRun, limit bool) string {
	var problems []string
	info := func(section string) map[string]string {
		v, err := c.Do("INFO", section)
		if err != nil {
			problems = append(problems, fmt.Sprintf("INFO %s: %v", section, err))
			return nil
		}
		s, ok := v.(string)
		if e, isErr := v.(respError); isErr {
			problems = append(problems, fmt.Sprintf("INFO %s: -%s", section, shortError(string(e))))
			return nil
		} else if !ok {
			problems = append(problems, fmt.Sprintf("INFO %s answered %v", section, v))
			return nil
		}
		return parseInfo(s)
	}
	num := func(fields map[string]string, section, name string) int64 {
		if fields == nil {
			return -1
		}
		f, ok := fields[name]
		if !ok {
			problems = append(problems, fmt.Sprintf("INFO %s has no %s", section, name))
			return -1
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			problems = append(problems, fmt.Sprintf("INFO %s: %s:%s", section, name, f))
			return -1
		}
		return n
	}
	mem := info("memory")
	run.Used = num(mem, "memory", "used_memory")
	run.RSS = num(mem, "memory", "used_memory_rss")
	run.MaxMemory = num(mem, "memory", "maxmemory")
	run.Policy = mem["maxmemory_policy"]
	run.Evicted = num(info("stats"), "stats", "evicted_keys")
	if v, err := c.Do("DBSIZE"); err != nil {
		problems = append(problems, fmt.Sprintf("DBSIZE: %v", err))
	} else if n, ok := v.(int64); ok {
		run.Keys = n
	} else {
		problems = append(problems, fmt.Sprintf("DBSIZE answered %v", v))
	}
	switch {
	case limit && run.MaxMemory >= 0 && (run.MaxMemory != evictMaxMemoryBytes || run.Policy != evictPolicy):
		problems = append(problems, fmt.Sprintf("the limit is not as asked: INFO memory says maxmemory:%d maxmemory_policy:%s", run.MaxMemory, run.Policy))
	case !limit && run.MaxMemory > 0:
		problems = append(problems, fmt.Sprintf("INFO memory says maxmemory:%d without --maxmemory", run.MaxMemory))
	}
	return strings.Join(problems, "; ")
}

// evictOnce starts a fresh process of the binary, runs the SET load
// against it, reads its figures and stops it. The error is ctx's or a
// crash of the server; every other failure is in the run's Err.
func (h *harness) evictOnce(ctx context.Context, name, path, dir string, limit bool, pipeline, n, round int) (evictRun, error) {
	run := newEvictRun()
	s, err := startServerArgs(name, path, dir, func(port int) []string { return evictServerArgs(port, limit) })
	if err != nil {
		run.Err = "start: " + err.Error()
		run.Bench.Err = run.Err
		return run, nil
	}
	defer s.Stop()
	run.Bench = h.runOnce(ctx, evictWorkload, s, pipeline, n, round)
	if err := ctx.Err(); err != nil {
		return run, err
	}
	if !s.Alive() {
		run.Err = fmt.Sprintf("exited: %v", s.waitErr)
		run.crashNote = fmt.Sprintf("%s (pid %d) exited during the eviction run SET -P %d, %s, round %d: %v; the remaining eviction runs were not run. Log tail:\n\n```\n%s\n```",
			s.Name, s.PID(), pipeline, limitLabel(limit), round+1, s.waitErr, strings.TrimSpace(s.LogTail(1500)))
		return run, fmt.Errorf("%s (pid %d) exited during the eviction runs: %v", s.Name, s.PID(), s.waitErr)
	}
	if run.Bench.Err != "" {
		run.Err = run.Bench.Err
		return run, nil
	}
	c, err := s.Client()
	if err != nil {
		run.Err = err.Error()
		return run, nil
	}
	defer c.Close()
	run.Err = readEvictFigures(c, &run, limit)
	return run, nil
}

// limitLabel names a configuration in logs and reports.
func limitLabel(limit bool) string {
	if limit {
		return "maxmemory " + evictMaxMemory + " " + evictPolicy
	}
	return "no maxmemory"
}

// runEviction runs the eviction group: in each round, for each depth and
// configuration, a fresh process of redis then of miniserve. It returns
// an error only when ctx ends or a server exits on its own; what was
// measured until then is in the result.
func (h *harness) runEviction(ctx context.Context, dir string) (*evictResult, error) {
	n, rounds := h.o.evictN, h.o.evictRounds
	er := &evictResult{Requests: n, Rounds: rounds}
	for range rounds {
		er.Redis = append(er.Redis, newEvictRound())
		er.Mini = append(er.Mini, newEvictRound())
	}
	for _, limit := range []bool{true, false} {
		args := evictServerArgs(0, limit)
		args[1] = "PORT"
		er.ServerCommands = append(er.ServerCommands, shellJoin(append([]string{"SERVER"}, args...)))
	}
	for _, p := range evictPipelines {
		er.Commands = append(er.Commands, shellJoin(append([]string{"redis-benchmark"}, evictWorkload.benchArgs("PORT", n, p)...)))
	}
	for r := range rounds {
		sides := []struct {
			name, path string
			res        *evictRound
		}{{"redis", h.o.redis, &er.Redis[r]}, {"miniserve", h.o.miniserve, &er.Mini[r]}}
		for pi, p := range evictPipelines {
			for _, limit := range []bool{true, false} {
				for _, sd := range sides {
					if err := ctx.Err(); err != nil {
						return er, err
					}
					run, err := h.evictOnce(ctx, sd.name, sd.path, dir, limit, p, n, r)
					if limit {
						sd.res.Limit[pi] = run
					} else {
						sd.res.NoLimit[pi] = run
					}
					label := fmt.Sprintf("eviction round %d/%d %-9s SET -P %-2d %-28s", r+1, rounds, sd.name, p, limitLabel(limit))
					if run.Bench.ok() {
						vsLimit := ""
						if limit {
							vsLimit = fmt.Sprintf(" (%s of the limit)", ff("%+.2f%%", run.overLimit()))
						}
						logf("%s: %9.0f rps  %6.2f us/req  used_memory %s%s  RSS %s  %d keys  %d evicted",
							label, run.Bench.RPS, run.Bench.CPUus, fbytes(run.Used), vsLimit, fbytes(run.RSS), run.Keys, run.Evicted)
					}
					if run.Err != "" {
						logf("%s: %s", label, oneLine(run.Err, 300))
						sd.res.Errs = append(sd.res.Errs, oneLine(fmt.Sprintf("SET -P %d, %s: %s", p, limitLabel(limit), run.Err), 1500))
					}
					if err != nil {
						if ctx.Err() != nil {
							return er, ctx.Err()
						}
						er.Notes = append(er.Notes, run.crashNote)
						logf("%s", run.crashNote)
						return er, err
					}
				}
			}
		}
	}
	return er, nil
}
