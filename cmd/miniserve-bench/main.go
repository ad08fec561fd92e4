package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The request counts of one run, chosen so that a run takes a few seconds on
// a 2-core machine; -quick divides them by quickDivisor.
const (
	defaultN1    = 200_000
	defaultN16   = 1_000_000
	quickDivisor = 5
)

var pipelines = []int{1, 16}

type options struct {
	miniserve, redis, benchmark string
	rounds                      int
	quick                       bool
	out                         string
	workloads                   string
	memKeys, memMembers         int
	n1, n16                     int
	persistKeys, persistRounds  int
	evictN, evictRounds         int
	timeout                     time.Duration
	verbose                     bool
}

func main() {
	var o options
	flag.StringVar(&o.miniserve, "miniserve", "", "path to the miniserve binary (required; /usr/bin/redis-server compares Redis with itself)")
	flag.StringVar(&o.redis, "redis", "", "path to redis-server (default: redis-server from $PATH)")
	flag.StringVar(&o.benchmark, "benchmark", "", "path to redis-benchmark (default: redis-benchmark from $PATH)")
	flag.IntVar(&o.rounds, "rounds", 0, "runs per server for each workload and pipeline depth (default 5, 2 with -quick)")
	flag.BoolVar(&o.quick, "quick", false, "a quick subset: 1/5 of the requests, 2 rounds, 200k keys and 200k sorted-set members for memory")
	flag.StringVar(&o.out, "out", "", "write a Markdown report to this file (and an SVG chart next to it)")
	flag.StringVar(&o.workloads, "workloads", defaultWorkloads, "\"all\", or a comma-separated list of groups and names: "+strings.Join(workloadNames(), ","))
	flag.IntVar(&o.memKeys, "memkeys", 0, "keys loaded for the strings memory figures (default 1000000, 200000 with -quick; negative skips)")
	flag.IntVar(&o.memMembers, "memmembers", 0, "members of the sorted set for the sorted-set memory figures, and fields of the hash and members of the set when the types group runs (default 1000000, 200000 with -quick; negative skips)")
	flag.IntVar(&o.n1, "n1", 0, fmt.Sprintf("requests per run at -P 1 (default %d, /%d with -quick)", defaultN1, quickDivisor))
	flag.IntVar(&o.n16, "n16", 0, fmt.Sprintf("requests per run at -P 16 (default %d, /%d with -quick)", defaultN16, quickDivisor))
	flag.IntVar(&o.persistKeys, "persistkeys", 0, "keys of the persistence group's snapshot and saves (default 1000000, 200000 with -quick)")
	flag.IntVar(&o.persistRounds, "persistrounds", 0, "rounds of the persistence group (default -rounds, 1 with -quick)")
	flag.IntVar(&o.evictN, "evictn", 0, fmt.Sprintf("requests per SET run of the eviction group (default %d, %d with -quick)", defaultEvictN, quickEvictN))
	flag.IntVar(&o.evictRounds, "evictrounds", 0, "rounds of the eviction group (default -rounds, 1 with -quick)")
	flag.DurationVar(&o.timeout, "timeout", 5*time.Minute, "limit for one redis-benchmark run")
	flag.BoolVar(&o.verbose, "v", false, "print each command and the raw redis-benchmark output")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: miniserve-bench -miniserve PATH [-quick] [-out BENCHMARKS.md] [flags]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := o.resolve(); err != nil {
		fmt.Fprintln(os.Stderr, "miniserve-bench:", err)
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, o)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "miniserve-bench:", err)
		os.Exit(1)
	}
}

// resolve fills in defaults and checks the binaries.
func (o *options) resolve() error {
	if o.miniserve == "" {
		return errors.New("-miniserve PATH is required (build it with `make build`, or use /usr/bin/redis-server to compare Redis with itself)")
	}
	var err error
	if o.redis == "" {
		if o.redis, err = exec.LookPath("redis-server"); err != nil {
			return fmt.Errorf("redis-server not found in $PATH; use -redis: %w", err)
		}
	}
	if o.benchmark == "" {
		if o.benchmark, err = exec.LookPath("redis-benchmark"); err != nil {
			return fmt.Errorf("redis-benchmark not found in $PATH; use -benchmark: %w", err)
		}
	}
	// The servers run in a temporary directory, so make the paths absolute.
	for _, p := range []*string{&o.miniserve, &o.redis, &o.benchmark} {
		if strings.ContainsRune(*p, os.PathSeparator) {
			if *p, err = filepath.Abs(*p); err != nil {
				return err
			}
		} else if *p, err = exec.LookPath(*p); err != nil {
			return err
		}
		st, err := os.Stat(*p)
		if err != nil {
			return err
		}
		if st.IsDir() || st.Mode()&0o111 == 0 {
			return fmt.Errorf("%s is not an executable file", *p)
		}
	}
	if o.rounds == 0 {
		o.rounds = 5
		if o.quick {
			o.rounds = 2
		}
	}
	if o.rounds < 1 {
		return errors.New("-rounds must be at least 1")
	}
	div := 1
	if o.quick {
		div = quickDivisor
	}
	if o.n1 == 0 {
		o.n1 = defaultN1 / div
	}
	if o.n16 == 0 {
		o.n16 = defaultN16 / div
	}
	if o.n1 < 1 || o.n16 < 1 {
		return errors.New("-n1 and -n16 must be positive")
	}
	if o.memKeys == 0 {
		o.memKeys = 1_000_000 / div
	}
	if o.memMembers == 0 {
		o.memMembers = 1_000_000 / div
	}
	if o.persistKeys == 0 {
		o.persistKeys = 1_000_000 / div
	}
	if o.persistKeys < 1 {
		return errors.New("-persistkeys must be positive")
	}
	if o.persistRounds == 0 {
		o.persistRounds = o.rounds
		if o.quick {
			o.persistRounds = 1
		}
	}
	if o.persistRounds < 1 {
		return errors.New("-persistrounds must be at least 1")
	}
	if o.evictN == 0 {
		o.evictN = defaultEvictN
		if o.quick {
			o.evictN = quickEvictN
		}
	}
	if o.evictN < 1 {
		return errors.New("-evictn must be positive")
	}
	if o.evictRounds == 0 {
		o.evictRounds = o.rounds
		if o.quick {
			o.evictRounds = 1
		}
	}
	if o.evictRounds < 1 {
		return errors.New("-evictrounds must be at least 1")
	}
	if _, err := selectWorkloads(o.workloads); err != nil {
		return err
	}
	return nil
}

func (o *options) requestsFor(pipeline int) int {
	if pipeline == 1 {
		return o.n1
	}
	return o.n16
}

// run starts the two servers, measures, reports, and stops the servers,
// whatever happens.
func run(ctx context.Context, o options) (err error) {
	start := time.Now()
	selected, _ := selectWorkloads(o.workloads)
	wls, eviction := splitEviction(selected)
	wls, persistSteps := splitPersistence(wls)
	rep := &report{
		Date:      start,
		Machine:   machineInfo(),
		Versions:  versions(ctx, o),
		Quick:     o.quick,
		Rounds:    o.rounds,
		N1:        o.n1,
		N16:       o.n16,
		Workloads: o.workloads,
		ClkTck:    clockTicks(),
		LoadStart: loadAvg(),
	}
	if o.miniserve == o.redis {
		rep.Notes = append(rep.Notes, "-miniserve is the redis-server binary: this run compares Redis with itself, so every ratio should be about 1.0 and the spread shows the noise of the machine.")
	}

	dir, err := os.MkdirTemp("", "miniserve-bench-")
	if err != nil {
		return err
	}
	var servers []*server
	defer func() {
		for _, s := range servers {
			s.Stop()
		}
		if err == nil || !o.verbose {
			os.RemoveAll(dir)
		} else {
			fmt.Fprintln(os.Stderr, "server logs kept in", dir)
		}
	}()
	redis, err := startServer("redis", o.redis, dir)
	if err != nil {
		return err
	}
	servers = append(servers, redis)
	mini, err := startServer("miniserve", o.miniserve, dir)
	if err != nil {
		return err
	}
	servers = append(servers, mini)
	rep.ServerCommands = []string{redis.CommandLine(), mini.CommandLine()}
	logf("redis-server pid %d on %s; miniserve pid %d on %s", redis.PID(), redis.Addr, mini.PID(), mini.Addr)

	// Memory first, on fresh servers: the strings on the two servers that
	// then run the workloads, the sorted set on a fresh process of each
	// binary, started for it and stopped after it, so that neither load
	// lands in memory that the other one freed.
	measure := func(res *memoryResult, set memSet, s *server) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		logf("memory: loading %d %s items into %s (pid %d)", set.Items, set.Kind, s.Name, s.PID())
		m, err := measureMemory(s, set)
		if err != nil {
			logf("memory: %s: %v", s.Name, err)
			rep.Notes = append(rep.Notes, fmt.Sprintf("memory (%s) on %s: %s", res.label(), s.Name, shortError(err.Error())))
		} else if m.Count != int64(set.Items) {
			rep.Notes = append(rep.Notes, fmt.Sprintf("memory (%s) on %s: %s answered %d after loading %d items",
				res.label(), s.Name, strings.Join(set.Count, " "), m.Count, set.Items))
		}
		if s.Name == redis.Name {
			res.Redis = m
		} else {
			res.Mini = m
		}
		return nil
	}
	if o.memKeys > 0 {
		rep.Memory = &memoryResult{Kind: "strings", Items: o.memKeys}
		for _, s := range []*server{redis, mini} {
			if err := measure(rep.Memory, stringsSet(o.memKeys), s); err != nil {
				return err
			}
		}
	}
	// measureFresh measures a data set on a fresh process of each binary,
	// started for it and stopped after it.
	measureFresh := func(res *memoryResult, set memSet) error {
		for _, bin := range []struct{ name, path string }{{redis.Name, o.redis}, {mini.Name, o.miniserve}} {
			s, err := startServer(bin.name, bin.path, dir)
			if err != nil {
				logf("memory: %s: %v", bin.name, err)
				rep.Notes = append(rep.Notes, fmt.Sprintf("memory (%s): could not start a fresh %s: %v", res.label(), bin.name, err))
				continue
			}
			servers = append(servers, s)
			err = measure(res, set, s)
			s.Stop()
			if err != nil {
				return err
			}
		}
		return nil
	}
	if o.memMembers > 0 {
		rep.ZsetMemory = &memoryResult{Kind: "zset", Items: o.memMembers}
		if err := measureFresh(rep.ZsetMemory, zsetSet(o.memMembers)); err != nil {
			return err
		}
	}
	// The hash and the set only with the types group, whose targets
	// they are.
	if o.memMembers > 0 && hasGroup(wls, "types") {
		rep.HashMemory = &memoryResult{Kind: "hash", Items: o.memMembers}
		if err := measureFresh(rep.HashMemory, hashSet(o.memMembers)); err != nil {
			return err
		}
		rep.SetMemory = &memoryResult{Kind: "set", Items: o.memMembers}
		if err := measureFresh(rep.SetMemory, setSet(o.memMembers)); err != nil {
			return err
		}
	}

	total := len(wls) * len(pipelines) * o.rounds * 2
	done := 0
	h := &harness{o: o, redis: redis, mini: mini, clk: rep.ClkTck}
	defer h.closeSubscribers()
	var died error // a server exited: report what was measured, then fail
workloadsLoop:
	for _, w := range wls {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		cells := make([]*cell, len(pipelines))
		for i, p := range pipelines {
			n := w.requests(o.requestsFor(p))
			cells[i] = newCell(w, p, n, o.rounds)
			rep.Cells = append(rep.Cells, cells[i])
			if w.Subscribers != nil && i == 0 {
				rep.Commands = append(rep.Commands, fmt.Sprintf("# %s: %s, started before the runs, drained, closed after them", w.Name, w.Subscribers))
			}
			rep.Commands = append(rep.Commands, shellJoin(append([]string{"redis-benchmark"}, w.benchArgs("PORT", n, p)...)))
		}
		if reason := h.prepare(ctx, w); reason != "" {
			logf("%s: unsupported: %s", w.Name, reason)
			for _, c := range cells {
				c.Unsupported = reason
			}
			done += len(pipelines) * o.rounds * 2
			continue
		}
		for _, c := range cells {
			cellEnd := done + o.rounds*2
		rounds:
			for r := 0; r < o.rounds; r++ {
				for _, s := range []*server{redis, mini} {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					done++
					res := h.runOnce(ctx, w, s, c.Pipeline, c.Requests, r)
					c.set(s == redis, r, res)
					if res.Err != "" {
						logf("[%3d/%d] %-15s -P %-2d round %d/%d %-9s: %s", done, total, w.Name, c.Pipeline, r+1, o.rounds, s.Name, res.Err)
					} else {
						logf("[%3d/%d] %-15s -P %-2d round %d/%d %-9s: %9.0f rps  %6.2f us/req  p50 %.3f ms  p99 %.3f ms",
							done, total, w.Name, c.Pipeline, r+1, o.rounds, s.Name, res.RPS, res.CPUus, res.P50, res.P99)
					}
					if !s.Alive() {
						msg := fmt.Sprintf("%s (pid %d) exited during %s -P %d: %v; the remaining workloads were not run. Log tail:\n\n```\n%s\n```",
							s.Name, s.PID(), w.Name, c.Pipeline, s.waitErr, strings.TrimSpace(s.LogTail(1500)))
						rep.Notes = append(rep.Notes, msg)
						logf("%s", msg)
						died = fmt.Errorf("%s (pid %d) exited during the benchmarks: %v", s.Name, s.PID(), s.waitErr)
						break workloadsLoop
					}
					if res.Err != "" && res.serverError {
						c.Unsupported = fmt.Sprintf("%s: %s", s.Name, res.Err)
						break rounds
					}
				}
			}
			done = cellEnd
		}
		h.closeSubscribers()
	}
	h.closeSubscribers()
	if eviction && died == nil && ctx.Err() == nil {
		logf("eviction: SET -n %d, %d round(s), a fresh process for every run", o.evictN, o.evictRounds)
		rep.Eviction, died = h.runEviction(ctx, dir)
		if died != nil && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if len(persistSteps) > 0 && died == nil && ctx.Err() == nil {
		logf("persistence: %d keys, %d round(s), fresh servers in %s", o.persistKeys, o.persistRounds, dir)
		rep.Persistence, died = h.runPersistence(ctx, persistSteps, dir)
		if died != nil && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	rep.Elapsed = time.Since(start)
	rep.LoadEnd = loadAvg()

	fmt.Print(renderText(rep))
	if o.out != "" {
		svgPath := svgPathFor(o.out)
		rep.SVGName = filepath.Base(svgPath)
		old, err := os.ReadFile(o.out)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		md := renderMarkdown(rep, extractHistory(string(old)))
		if err := os.WriteFile(o.out, []byte(md), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(svgPath, []byte(renderSVG(rep)), 0o644); err != nil {
			return err
		}
		logf("wrote %s and %s", o.out, svgPath)
	}
	return died
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
}

// harness holds what a run needs.
type harness struct {
	o           options
	redis, mini *server
	clk         int64
	// subs are the subscribers of the current workload, per server.
	subs map[*server]*subscriberGroup
	// fillBuf is the persistence group's fill of fillKeys SETs, made once.
	fillBuf  []byte
	fillKeys int
}

// settleTimeout bounds the wait, after a run, for the subscribers to receive
// every message that the run published.
const settleTimeout = 30 * time.Second

// closeSubscribers closes the current workload's subscriber connections and
// waits for their goroutines.
func (h *harness) closeSubscribers() {
	for s, g := range h.subs {
		g.Close()
		delete(h.subs, s)
	}
}

// prepare probes the workload's command on both servers, then FLUSHALLs
// them, runs the workload's Setup and starts its subscribers. It returns a
// reason if the workload cannot run.
func (h *harness) prepare(ctx context.Context, w workload) string {
	reasons := h.prepareData(w)
	if len(reasons) == 0 && w.Subscribers != nil {
		reasons = h.startSubscribers(ctx, w)
	}
	return strings.Join(reasons, "; ")
}

// startSubscribers starts w's subscribers on both servers and checks with
// one PUBLISH that each server counts and feeds them all.
func (h *harness) startSubscribers(ctx context.Context, w workload) []string {
	channel, payload, err := publishArgs(w.probe())
	if err != nil {
		return []string{err.Error()}
	}
	h.subs = map[*server]*subscriberGroup{}
	for _, s := range []*server{h.redis, h.mini} {
		g, err := startSubscribers(s.Addr, *w.Subscribers, channel, payload)
		if err != nil {
			h.closeSubscribers()
			if e, ok := err.(respError); ok {
				return []string{fmt.Sprintf("%s answers `%s` with `-%s`", s.Name, shellJoin(w.Subscribers.command()), shortError(string(e)))}
			}
			return []string{fmt.Sprintf("%s: subscribers: %v", s.Name, err)}
		}
		h.subs[s] = g
		c, err := s.Client()
		if err == nil {
			err = verifyPublish(ctx, c, g, w.probe(), w.Subscribers.Conns)
			c.Close()
		}
		if err != nil {
			h.closeSubscribers()
			return []string{fmt.Sprintf("%s with %s: %v", s.Name, w.Subscribers, err)}
		}
	}
	return nil
}

// prepareData probes, flushes and runs the Setup on both servers.
func (h *harness) prepareData(w workload) []string {
	var reasons []string
	for _, s := range []*server{h.redis, h.mini} {
		c, err := s.Client()
		if err != nil {
			return []string{fmt.Sprintf("%s: %v", s.Name, err)}
		}
		func() {
			defer c.Close()
			v, err := c.Do(w.probe()...)
			if err != nil {
				reasons = append(reasons, fmt.Sprintf("%s: %s: %v", s.Name, strings.Join(w.probe(), " "), err))
				return
			}
			if e, ok := v.(respError); ok {
				reasons = append(reasons, fmt.Sprintf("%s answers `%s` with `-%s`", s.Name, strings.Join(w.probe(), " "), shortError(string(e))))
				return
			}
			if v, err := c.Do("FLUSHALL"); err != nil || isErr(v) {
				reasons = append(reasons, fmt.Sprintf("%s: FLUSHALL: %v%v", s.Name, err, v))
				return
			}
			if w.Setup != nil {
				if err := w.Setup(c, 0); err != nil {
					reasons = append(reasons, fmt.Sprintf("%s: setup: %v", s.Name, err))
				}
			}
		}()
	}
	return reasons
}

// shortError drops the argument echo of Redis's unknown-command error.
func shortError(e string) string {
	if i := strings.Index(e, ", with args beginning with"); i >= 0 {
		return e[:i]
	}
	return e
}

func isErr(v any) bool { _, ok := v.(respError); return ok }

// runOnce runs redis-benchmark once against s and measures the server's CPU
// time around it.
func (h *harness) runOnce(ctx context.Context, w workload, s *server, pipeline, n, round int) runResult {
	res := runResult{Round: round, Requests: n, RPS: math.NaN(), CPUus: math.NaN(), P50: math.NaN(), P99: math.NaN()}
	if w.BeforeRun != nil {
		c, err := s.Client()
		if err == nil {
			err = w.BeforeRun(c, n)
			c.Close()
		}
		if err != nil {
			res.Err = "before the run: " + err.Error()
			_, res.serverError = err.(respError)
			return res
		}
	}
	args := w.benchArgs(strconv.Itoa(s.Port), n, pipeline)
	if h.o.verbose {
		logf("$ %s", shellJoin(append([]string{h.o.benchmark}, args...)))
	}
	subs := h.subs[s]
	if subs != nil {
		subs.Mark()
	}
	cpu0, err := procCPUTicks(s.PID())
	if err != nil {
		res.Err = err.Error()
		return res
	}
	rctx, cancel := context.WithTimeout(ctx, h.o.timeout)
	defer cancel()
	cmd := exec.CommandContext(rctx, h.o.benchmark, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	runErr := cmd.Run()
	res.Wall = time.Since(t0)
	var settleErr error
	if subs != nil && runErr == nil {
		// The CPU figure includes the delivery of every message.
		t1 := time.Now()
		settleErr = subs.Settle(ctx, n, settleTimeout)
		if h.o.verbose {
			logf("subscribers on %s settled %v after redis-benchmark exited: %v", s.Name, time.Since(t1).Round(time.Millisecond), settleErr)
		}
	}
	cpu1, err := procCPUTicks(s.PID())
	if err != nil {
		res.Err = err.Error()
		return res
	}
	if h.o.verbose {
		logf("%s%s", stdout.String(), stderr.String())
	}
	if errs := benchErrors(stderr.String() + "\n" + stdout.String()); len(errs) > 0 {
		res.Err = errs[0]
		res.serverError = true
		return res
	}
	if runErr != nil {
		if rctx.Err() != nil && ctx.Err() == nil {
			res.Err = fmt.Sprintf("timed out after %v", h.o.timeout)
		} else {
			res.Err = fmt.Sprintf("redis-benchmark: %v: %s", runErr, strings.TrimSpace(stderr.String()))
		}
		return res
	}
	if settleErr != nil {
		res.Err = settleErr.Error()
		return res
	}
	rows, err := parseBenchCSV(stdout.String())
	if err != nil {
		res.Err = err.Error()
		return res
	}
	row := rows[0]
	res.RPS, res.AvgMs, res.P50, res.P95, res.P99, res.MaxMs = row.RPS, row.AvgMs, row.P50Ms, row.P95Ms, row.P99Ms, row.MaxMs
	res.CPUTicks = cpu1 - cpu0
	res.CPUus = cpuMicrosPerRequest(res.CPUTicks, h.clk, n)
	return res
}

// usedMemory reads used_memory from INFO memory, or -1.
func usedMemory(c *respConn) int64 {
	v, err := c.Do("INFO", "memory")
	if err != nil {
		return -1
	}
	s, ok := v.(string)
	if !ok {
		return -1
	}
	f, ok := infoField(s, "used_memory")
	if !ok {
		return -1
	}
	n, err := strconv.ParseInt(f, 10, 64)
	if err != nil {
		return -1
	}
	return n
}
