package main

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"text/tabwriter"
)

// The eviction targets, all on miniserve's figures: used_memory after the
// run within evictWithin percent of maxmemory (over or under); its
// throughput with the limit at least evictSelfMin of its own without; the
// keys it keeps at least evictKeysMin of Redis's.
const (
	evictWithin  = 1.0
	evictSelfMin = 0.9
	evictKeysMin = 0.5
)

type evictTargetKind int

const (
	noTarget        evictTargetKind = iota
	targetOverLimit                 // miniserve's median within ±evictWithin %
	targetSelfRatio                 // miniserve's median >= evictSelfMin
	targetKeysRatio                 // the median ratio miniserve/Redis >= evictKeysMin
)

// evictMetric reads one figure of a round; NaN when it was not measured.
type evictMetric struct {
	what, unit, better string
	pipeline           int
	get                func(*evictRound) float64
	noRatio            bool // a ratio miniserve/Redis means nothing (a signed percentage)
	target             evictTargetKind
}

// evictRow is one line of the eviction table.
type evictRow struct {
	What, Unit, Better string
	Redis, Mini        float64
	Ratio, Lo, Hi      float64
	Pairs              int
	NoRatio            bool
	Target             *targetResult
}

func evictRPS(r evictRun) float64 { return rpsOf(r.Bench) }

func evictCPU(r evictRun) float64 {
	if !r.Bench.ok() {
		return math.NaN()
	}
	return r.Bench.CPUus
}

func count(n int64) float64 {
	if n < 0 {
		return math.NaN()
	}
	return float64(n)
}

// evictMetrics are the rows of the table, in order: for each depth,
// throughput, CPU, then what the servers said after the runs.
func evictMetrics() []evictMetric {
	var ms []evictMetric
	lim := limitLabel(true)
	for i, p := range evictPipelines {
		add := func(m evictMetric) {
			m.pipeline = p
			ms = append(ms, m)
		}
		add(evictMetric{what: fmt.Sprintf("SET -P %d, %s", p, lim), unit: "rps", better: "higher",
			get: func(r *evictRound) float64 { return evictRPS(r.Limit[i]) }})
		add(evictMetric{what: fmt.Sprintf("SET -P %d, no maxmemory", p), unit: "rps", better: "higher",
			get: func(r *evictRound) float64 { return evictRPS(r.NoLimit[i]) }})
		add(evictMetric{what: fmt.Sprintf("SET -P %d, with / without maxmemory (each server against itself)", p), unit: "x", better: "higher",
			get:    func(r *evictRound) float64 { return ratio(evictRPS(r.Limit[i]), evictRPS(r.NoLimit[i])) },
			target: targetSelfRatio})
		add(evictMetric{what: fmt.Sprintf("SET -P %d CPU per request, %s", p, lim), unit: "µs", better: "lower",
			get: func(r *evictRound) float64 { return evictCPU(r.Limit[i]) }})
		add(evictMetric{what: fmt.Sprintf("SET -P %d CPU per request, no maxmemory", p), unit: "µs", better: "lower",
			get: func(r *evictRound) float64 { return evictCPU(r.NoLimit[i]) }})
		add(evictMetric{what: fmt.Sprintf("used_memory after SET -P %d with maxmemory: over (+) or under (-) the limit", p), unit: "%",
			get: func(r *evictRound) float64 { return r.Limit[i].overLimit() }, noRatio: true, target: targetOverLimit})
		add(evictMetric{what: fmt.Sprintf("used_memory_rss after SET -P %d with maxmemory", p), unit: "MiB", better: "lower",
			get: func(r *evictRound) float64 { return mib(r.Limit[i].RSS) }})
		add(evictMetric{what: fmt.Sprintf("keys kept (DBSIZE) after SET -P %d with maxmemory", p), unit: "keys", better: "higher",
			get: func(r *evictRound) float64 { return count(r.Limit[i].Keys) }, target: targetKeysRatio})
		add(evictMetric{what: fmt.Sprintf("evicted_keys after SET -P %d with maxmemory", p), unit: "keys",
			get: func(r *evictRound) float64 { return count(r.Limit[i].Evicted) }})
		add(evictMetric{what: fmt.Sprintf("keys (DBSIZE) after SET -P %d, no maxmemory", p), unit: "keys",
			get: func(r *evictRound) float64 { return count(r.NoLimit[i].Keys) }})
		add(evictMetric{what: fmt.Sprintf("used_memory after SET -P %d, no maxmemory", p), unit: "MiB", better: "lower",
			get: func(r *evictRound) float64 { return mib(r.NoLimit[i].Used) }})
		add(evictMetric{what: fmt.Sprintf("used_memory_rss after SET -P %d, no maxmemory", p), unit: "MiB", better: "lower",
			get: func(r *evictRound) float64 { return mib(r.NoLimit[i].RSS) }})
	}
	return ms
}

// newEvictTarget is the target of a metric, without its figure.
func newEvictTarget(m evictMetric) *targetResult {
	t := &targetResult{Figure: math.NaN()}
	switch m.target {
	case targetOverLimit:
		t.Name = fmt.Sprintf("eviction: miniserve's used_memory after SET -P %d vs maxmemory %s", m.pipeline, evictMaxMemory)
		t.Want = fmt.Sprintf("within ±%.0f%%", evictWithin)
		t.Unit = "%"
	case targetSelfRatio:
		t.Name = fmt.Sprintf("eviction: miniserve's SET -P %d throughput with maxmemory / without", m.pipeline)
		t.Want = fmt.Sprintf(">= %.1fx its own without", evictSelfMin)
	case targetKeysRatio:
		t.Name = fmt.Sprintf("eviction: keys kept by miniserve after SET -P %d with maxmemory", m.pipeline)
		t.Want = fmt.Sprintf(">= %.1fx Redis", evictKeysMin)
	default:
		return nil
	}
	return t
}

// judge fills in a target's figure from its row and miniserve's figures
// of every round.
func judge(t *targetResult, kind evictTargetKind, row evictRow, mini []float64) {
	pass := func(x float64) bool {
		switch kind {
		case targetOverLimit:
			return math.Abs(round2(x)) <= evictWithin
		case targetSelfRatio:
			return round2(x) >= evictSelfMin
		}
		return round2(x) >= evictKeysMin
	}
	t.Figure = row.Mini
	if kind == targetKeysRatio {
		t.Figure = row.Ratio
	}
	if math.IsNaN(t.Figure) {
		t.Note = "no figure: see the notes of the Eviction section"
		return
	}
	t.Pass = pass(t.Figure)
	if kind == targetKeysRatio {
		if row.Pairs > 1 && pass(row.Lo) != pass(row.Hi) {
			t.Note = fmt.Sprintf("noisy: the paired ratios range %s, across the target", frange(row.Lo, row.Hi))
		}
		return
	}
	passed, rounds := 0, 0
	for _, x := range mini {
		if math.IsNaN(x) {
			continue
		}
		rounds++
		if pass(x) {
			passed++
		}
	}
	if passed != 0 && passed != rounds {
		t.Note = fmt.Sprintf("noisy: %d of %d rounds meet it", passed, rounds)
	}
}

// rows computes the table.
func (e *evictResult) rows() []evictRow {
	var out []evictRow
	for _, m := range evictMetrics() {
		redis := make([]float64, len(e.Redis))
		mini := make([]float64, len(e.Mini))
		for i := range e.Redis {
			redis[i] = m.get(&e.Redis[i])
		}
		for i := range e.Mini {
			mini[i] = m.get(&e.Mini[i])
		}
		row := evictRow{What: m.what, Unit: m.unit, Better: m.better, Redis: median(redis), Mini: median(mini),
			Ratio: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), NoRatio: m.noRatio}
		if !m.noRatio {
			ratios := pairedRatios(mini, redis)
			row.Pairs = len(ratios)
			row.Ratio = median(ratios)
			row.Lo, row.Hi = minMax(ratios)
		}
		if t := newEvictTarget(m); t != nil {
			judge(t, m.target, row, mini)
			if m.target == targetOverLimit && t.Note == "" && e.miniEvicted(m.pipeline) == 0 {
				t.Note = "miniserve evicted no key: the runs did not reach the limit (see -evictn)"
			}
			row.Target = t
		}
		out = append(out, row)
	}
	return out
}

// miniEvicted is the median of miniserve's evicted_keys after the runs
// with the limit at a depth; NaN if unknown.
func (e *evictResult) miniEvicted(pipeline int) float64 {
	i := slices.Index(evictPipelines, pipeline)
	xs := make([]float64, len(e.Mini))
	for r := range e.Mini {
		xs[r] = count(e.Mini[r].Limit[i].Evicted)
	}
	return median(xs)
}

// evictTargets are the eviction targets with their figures; without a
// result, not run.
func evictTargets(e *evictResult) []targetResult {
	var out []targetResult
	if e == nil {
		for _, m := range evictMetrics() {
			if t := newEvictTarget(m); t != nil {
				t.Note = "not run"
				out = append(out, *t)
			}
		}
		return out
	}
	for _, r := range e.rows() {
		if r.Target != nil {
			out = append(out, *r.Target)
		}
	}
	return out
}

// format writes a figure in the row's unit.
func (r evictRow) format(x float64) string {
	switch r.Unit {
	case "rps", "keys":
		return ff("%.0f", x)
	case "µs":
		return ff("%.2f µs", x)
	case "%":
		return ff("%+.2f%%", x)
	case "MiB":
		return ff("%.1f MiB", x)
	case "x":
		return fx(x)
	}
	return ff("%g", x)
}

// ratioCell is the ratio with its range when there is more than one pair.
func (r evictRow) ratioCell() string {
	if r.NoRatio {
		return ""
	}
	if r.Pairs > 1 {
		return fmt.Sprintf("%s (%s)", fx(r.Ratio), frange(r.Lo, r.Hi))
	}
	return fx(r.Ratio)
}

// errors lists the failures of every round.
func (e *evictResult) errors() []string {
	return roundErrors(len(e.Redis), func(i int) ([]string, []string) { return e.Redis[i].Errs, e.Mini[i].Errs })
}

// roundErrors lists each round's failures, Redis's then miniserve's, as
// the eviction and persistence groups report them.
func roundErrors(rounds int, errs func(round int) (redis, mini []string)) []string {
	var out []string
	for i := range rounds {
		redis, mini := errs(i)
		for _, msg := range redis {
			out = append(out, fmt.Sprintf("round %d, redis: %s", i+1, msg))
		}
		for _, msg := range mini {
			out = append(out, fmt.Sprintf("round %d, miniserve: %s", i+1, msg))
		}
	}
	return out
}

// renderEvictionText is the eviction block of the stdout summary.
func renderEvictionText(e *evictResult) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "\neviction (SET -n %d, %d round(s), a fresh process per run, medians; ratio miniserve/Redis per round, median [range]):\n", e.Requests, e.Rounds)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "what\tredis\tminiserve\tratio\t[range]\ttarget\t")
	for _, r := range e.rows() {
		target := ""
		if r.Target != nil {
			target = fmt.Sprintf("%s %s", r.Target.status(), r.Target.Want)
		}
		ratioText, rangeText := fx(r.Ratio), frange(r.Lo, r.Hi)
		if r.NoRatio {
			ratioText, rangeText = "", ""
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", r.What, r.format(r.Redis), r.format(r.Mini), ratioText, rangeText, target)
	}
	tw.Flush()
	for _, n := range append(e.errors(), e.Notes...) {
		fmt.Fprintf(&b, "  note: %s\n", oneLine(n, 300))
	}
	return b.String()
}

// renderEvictionMarkdown is the "## Eviction" section.
func renderEvictionMarkdown(e *evictResult) string {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("## Eviction\n\n")
	w("SET with and without a memory limit, on servers started for these figures: in each of %d round(s), for each pipeline depth, a fresh process of each server with `--maxmemory %s --maxmemory-policy %s`, then one without maxmemory, each on its own free loopback port, started for one run and stopped after it. ", e.Rounds, evictMaxMemory, evictPolicy)
	w("Every step alternates redis, miniserve. The load is redis-benchmark's SET with %d-byte values over %s random keys, -n %d: about %s distinct keys, of which %s holds about half a million in Redis (about 200 bytes per key), so that the limit is reached part way through the run and eviction goes on for the rest of it. ",
		evictDataSize, countLabel(evictKeyspace), e.Requests, countLabel(int(math.Round(distinctKeys(e.Requests, evictKeyspace)/1000))*1000), evictMaxMemory)
	w("After each run: INFO memory (used_memory, used_memory_rss, maxmemory, maxmemory_policy), INFO stats (evicted_keys) and DBSIZE. ")
	w("Figures are medians over rounds; the ratio is miniserve/Redis, the median of the per-round ratios (with their range over more than one round). ")
	w("The targets are on miniserve's figures: used_memory within ±%.0f%% of maxmemory (%d bytes) after the run, its throughput with the limit at least %.1fx its own without, and the keys it keeps at least %.1fx Redis's.\n\n",
		evictWithin, evictMaxMemoryBytes, evictSelfMin, evictKeysMin)
	w("| What | Redis | miniserve | miniserve/Redis | Better | Target | Result |\n|---|---|---|---|---|---|---|\n")
	for _, r := range e.rows() {
		ratioText := r.ratioCell()
		if ratioText != "" {
			ratioText = "**" + ratioText + "**"
		}
		target, result := "", ""
		if t := r.Target; t != nil {
			target = "miniserve " + t.Want
			result = "**" + t.status() + "**"
			if t.Note != "" {
				result += " (" + mdCell(t.Note) + ")"
			}
		}
		w("| %s | %s | %s | %s | %s | %s | %s |\n", mdCell(r.What), r.format(r.Redis), r.format(r.Mini), ratioText, r.Better, target, result)
	}
	notes := append(e.errors(), e.Notes...)
	w("\n")
	for _, n := range notes {
		w("> **Note:** %s\n\n", n)
	}
	w("used_memory is what each server reports in INFO memory; Redis's includes its allocator's view of every allocation, miniserve's is its own accounting. used_memory_rss is INFO memory's too. A server's used_memory can sit a little under the limit after a run: the clients' buffers count during the run and are freed when redis-benchmark disconnects.\n\n")
	w("```\n")
	for _, c := range e.ServerCommands {
		w("%s\n", c)
	}
	for _, c := range e.Commands {
		w("%s\n", c)
	}
	w("```\n")

	w("\n<details><summary>Raw eviction runs</summary>\n\n")
	w("| Round | -P | Server | Config | rps | µs/req | used_memory | vs limit | used_memory_rss | DBSIZE | evicted_keys | error |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	n := func(x int64) string {
		if x < 0 {
			return "n/a"
		}
		return fmt.Sprint(x)
	}
	for i := range e.Redis {
		for pi, p := range evictPipelines {
			for _, limit := range []bool{true, false} {
				for _, sv := range []struct {
					name string
					r    *evictRound
				}{{"redis", &e.Redis[i]}, {"miniserve", &e.Mini[i]}} {
					run := sv.r.NoLimit[pi]
					if limit {
						run = sv.r.Limit[pi]
					}
					if run.Err == "not run" {
						continue
					}
					over := ff("%+.2f%%", run.overLimit())
					if !limit {
						over = ""
					}
					w("| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", i+1, p, sv.name, limitLabel(limit),
						ff("%.0f", evictRPS(run)), ff("%.2f", evictCPU(run)), n(run.Used), over, n(run.RSS), n(run.Keys), n(run.Evicted), mdCell(run.Err))
				}
			}
		}
	}
	w("\n</details>\n")
	return b.String()
}
