package main

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
)

// persistRow is one line of the persistence table: one figure on each
// server, the medians over rounds and the median of the per-round ratios
// miniserve/Redis.
type persistRow struct {
	What        string
	Unit        string // "s", "MiB", "rps", "ms", "x"
	Better      string // "lower" or "higher"
	Redis, Mini float64
	Ratio       float64
	Lo, Hi      float64
	Pairs       int
	Note        string        // e.g. loads that ended before their save
	Target      *targetResult // the target judged on this row, if any
}

// The persistence targets (issue 9): SAVE of persistTargetKeys keys and the
// restart until they are loaded take at most persistTimeMax of Redis's
// time; SET at -P aofTargetPipeline with appendonly everysec keeps at least
// aofSelfMin of miniserve's own throughput without AOF.
const (
	persistTargetKeys = 1_000_000
	persistTimeMax    = 1.0
	aofTargetPipeline = 16
	aofSelfMin        = 0.9
)

// persistTarget is a target judged on one row of the persistence table.
type persistTarget struct {
	name string
	step persistStep // the step that measures the row
	// self judges miniserve's own figure (the row compares each server
	// with itself) against aofSelfMin; otherwise the ratio miniserve/Redis
	// of a time over persistTargetKeys keys against persistTimeMax.
	self bool
}

func (t *persistTarget) want() string {
	if t.self {
		return fmt.Sprintf(">= %.1fx its own without", aofSelfMin)
	}
	return fmt.Sprintf("<= %.1fx Redis's time", persistTimeMax)
}

func (t *persistTarget) pass(x float64) bool {
	if t.self {
		return round2(x) >= aofSelfMin
	}
	return round2(x) <= persistTimeMax
}

// judge is the target with its figure from its row and miniserve's
// figures of every round.
func (t *persistTarget) judge(row persistRow, mini []float64, keys int) *targetResult {
	tr := &targetResult{Name: t.name, Want: t.want(), Figure: row.Ratio}
	if t.self {
		tr.Figure = row.Mini
	}
	if math.IsNaN(tr.Figure) {
		tr.Note = "no figure: see the notes of the Persistence section"
		return tr
	}
	tr.Pass = t.pass(tr.Figure)
	var notes []string
	if t.self {
		// The row's ratio to Redis is not the figure: the noise is in
		// miniserve's own rounds.
		passed, rounds := 0, 0
		for _, x := range mini {
			if !math.IsNaN(x) {
				rounds++
				if t.pass(x) {
					passed++
				}
			}
		}
		if passed != 0 && passed != rounds {
			notes = append(notes, fmt.Sprintf("noisy: %d of %d rounds meet it", passed, rounds))
		}
	} else {
		if row.Pairs > 1 && t.pass(row.Lo) != t.pass(row.Hi) {
			notes = append(notes, fmt.Sprintf("noisy: the paired ratios range %s, across the target", frange(row.Lo, row.Hi)))
		}
		if keys != persistTargetKeys {
			notes = append(notes, fmt.Sprintf("measured with %d keys, not %s", keys, countLabel(persistTargetKeys)))
		}
	}
	tr.Note = strings.Join(notes, "; ")
	return tr
}

// persistMetric reads one figure of a round; NaN when it was not
// measured.
type persistMetric struct {
	what, unit, better string
	get                func(*persistRound) float64
	// early says whether the round's figure came from a load that
	// ended before its save was over.
	early func(*persistRound) bool
	// target is judged on the row; nil for most rows.
	target *persistTarget
}

func mib(n int64) float64 {
	if n < 0 {
		return math.NaN()
	}
	return float64(n) / (1 << 20)
}

func latencyField(f func(latencyRun) float64, l latencyRun) float64 {
	if !l.ok() {
		return math.NaN()
	}
	return f(l)
}

func rpsOf(r runResult) float64 {
	if !r.ok() {
		return math.NaN()
	}
	return r.RPS
}

// persistMetrics are the rows of the table, in order.
func persistMetrics(keys int) []persistMetric {
	n := countLabel(keys)
	p99 := func(l latencyRun) float64 { return l.P99 }
	maxMs := func(l latencyRun) float64 { return l.MaxMs }
	saveSec := func(l latencyRun) float64 { return l.Save.Seconds() }
	bgsaveEarly := func(r *persistRound) bool { return r.GetBgsave.ok() && r.GetBgsave.EndedEarly }
	rewriteEarly := func(r *persistRound) bool { return r.GetRewrite.ok() && r.GetRewrite.EndedEarly }
	ms := []persistMetric{
		{what: fmt.Sprintf("Fill: %s SETs over one pipelined connection", n), unit: "s", better: "lower",
			get: func(r *persistRound) float64 { return r.FillSec }},
		{what: fmt.Sprintf("SAVE of %s keys (round trip)", n), unit: "s", better: "lower",
			get:    func(r *persistRound) float64 { return r.SaveSec },
			target: &persistTarget{name: fmt.Sprintf("persistence: SAVE of %s keys", countLabel(persistTargetKeys)), step: stepSnapshot}},
		{what: "Snapshot file size", unit: "MiB", better: "lower",
			get: func(r *persistRound) float64 { return mib(r.SnapshotBytes) }},
		{what: fmt.Sprintf("Restart until loaded (PING without -LOADING, DBSIZE %s)", n), unit: "s", better: "lower",
			get:    func(r *persistRound) float64 { return r.RestartSec },
			target: &persistTarget{name: fmt.Sprintf("persistence: restart with %s keys until loaded", countLabel(persistTargetKeys)), step: stepSnapshot}},
	}
	for i, p := range persistPipelines {
		self := persistMetric{what: fmt.Sprintf("SET -P %d, everysec / no (each server against itself)", p), unit: "x", better: "higher",
			get: func(r *persistRound) float64 { return ratio(rpsOf(r.SetAOF[i]), rpsOf(r.SetNo[i])) }}
		if p == aofTargetPipeline {
			self.target = &persistTarget{name: fmt.Sprintf("persistence: miniserve's SET -P %d throughput with appendonly everysec / no", p),
				step: stepAOF, self: true}
		}
		ms = append(ms,
			persistMetric{what: fmt.Sprintf("SET -P %d, appendonly no", p), unit: "rps", better: "higher",
				get: func(r *persistRound) float64 { return rpsOf(r.SetNo[i]) }},
			persistMetric{what: fmt.Sprintf("SET -P %d, appendonly yes, everysec", p), unit: "rps", better: "higher",
				get: func(r *persistRound) float64 { return rpsOf(r.SetAOF[i]) }},
			self,
		)
	}
	ms = append(ms,
		persistMetric{what: fmt.Sprintf("Fill: %s SETs, appendonly everysec", n), unit: "s", better: "lower",
			get: func(r *persistRound) float64 { return r.FillAOFSec }},
		persistMetric{what: "GET p99, no save", unit: "ms", better: "lower",
			get: func(r *persistRound) float64 { return latencyField(p99, r.GetBase) }},
		persistMetric{what: "GET p99 during BGSAVE", unit: "ms", better: "lower",
			get: func(r *persistRound) float64 { return latencyField(p99, r.GetBgsave) }, early: bgsaveEarly},
		persistMetric{what: "GET p99 during BGREWRITEAOF", unit: "ms", better: "lower",
			get: func(r *persistRound) float64 { return latencyField(p99, r.GetRewrite) }, early: rewriteEarly},
		persistMetric{what: "GET max, no save", unit: "ms", better: "lower",
			get: func(r *persistRound) float64 { return latencyField(maxMs, r.GetBase) }},
		persistMetric{what: "GET max during BGSAVE", unit: "ms", better: "lower",
			get: func(r *persistRound) float64 { return latencyField(maxMs, r.GetBgsave) }, early: bgsaveEarly},
		persistMetric{what: "GET max during BGREWRITEAOF", unit: "ms", better: "lower",
			get: func(r *persistRound) float64 { return latencyField(maxMs, r.GetRewrite) }, early: rewriteEarly},
		persistMetric{what: "BGSAVE under the GET load (until INFO says done)", unit: "s", better: "lower",
			get: func(r *persistRound) float64 { return latencyField(saveSec, r.GetBgsave) }},
		persistMetric{what: "BGREWRITEAOF under the GET load (until INFO says done)", unit: "s", better: "lower",
			get: func(r *persistRound) float64 { return latencyField(saveSec, r.GetRewrite) }},
		persistMetric{what: "AOF directory after BGREWRITEAOF", unit: "MiB", better: "lower",
			get: func(r *persistRound) float64 { return mib(r.AOFBytes) }},
		persistMetric{what: fmt.Sprintf("Restart from that AOF until loaded (DBSIZE %s)", n), unit: "s", better: "lower",
			get: func(r *persistRound) float64 { return r.RestartAOFSec }},
	)
	return ms
}

// rows computes the table: the rows with a figure on at least one server.
func (p *persistResult) rows() []persistRow {
	var out []persistRow
	for _, m := range persistMetrics(p.Keys) {
		redis := make([]float64, len(p.Redis))
		mini := make([]float64, len(p.Mini))
		early := 0
		for i := range p.Redis {
			redis[i] = m.get(&p.Redis[i])
			if m.early != nil && m.early(&p.Redis[i]) {
				early++
			}
		}
		for i := range p.Mini {
			mini[i] = m.get(&p.Mini[i])
			if m.early != nil && m.early(&p.Mini[i]) {
				early++
			}
		}
		row := persistRow{What: m.what, Unit: m.unit, Better: m.better, Redis: median(redis), Mini: median(mini)}
		if math.IsNaN(row.Redis) && math.IsNaN(row.Mini) {
			continue
		}
		ratios := pairedRatios(mini, redis)
		row.Pairs = len(ratios)
		row.Ratio = median(ratios)
		row.Lo, row.Hi = minMax(ratios)
		if early > 0 {
			row.Note = fmt.Sprintf("%d of %d loads ended before the save was over", early, len(p.Redis)+len(p.Mini))
		}
		if m.target != nil {
			row.Target = m.target.judge(row, mini, p.Keys)
		}
		out = append(out, row)
	}
	return out
}

// persistTargets are the persistence targets with their figures, in the
// order of the rows; n/a when their step did not run or left no figure.
func persistTargets(p *persistResult) []targetResult {
	keys := persistTargetKeys
	judged := map[string]*targetResult{}
	if p != nil {
		keys = p.Keys
		for _, r := range p.rows() {
			if r.Target != nil {
				judged[r.What] = r.Target
			}
		}
	}
	var out []targetResult
	for _, m := range persistMetrics(keys) {
		if m.target == nil {
			continue
		}
		if t := judged[m.what]; t != nil {
			out = append(out, *t)
			continue
		}
		t := targetResult{Name: m.target.name, Want: m.target.want(), Figure: math.NaN(), Note: "not run"}
		if p != nil && p.has(m.target.step) {
			t.Note = "no figure: see the notes of the Persistence section"
		}
		out = append(out, t)
	}
	return out
}

// format writes a figure in the row's unit.
func (r persistRow) format(x float64) string {
	switch r.Unit {
	case "s":
		return ff("%.2f s", x)
	case "MiB":
		return ff("%.1f MiB", x)
	case "rps":
		return ff("%.0f", x)
	case "ms":
		return ff("%.2f ms", x)
	case "x":
		return fx(x)
	}
	return ff("%g", x)
}

// ratioCell is the ratio with its range when there is more than one pair.
func (r persistRow) ratioCell() string {
	if r.Pairs > 1 {
		return fmt.Sprintf("%s (%s)", fx(r.Ratio), frange(r.Lo, r.Hi))
	}
	return fx(r.Ratio)
}

// earlyNotes lists the loads that ended before their save was over.
func (p *persistResult) earlyNotes() []string {
	var out []string
	for i := range p.Redis {
		for _, sv := range []struct {
			name string
			r    *persistRound
		}{{"redis", &p.Redis[i]}, {"miniserve", &p.Mini[i]}} {
			for _, l := range []struct {
				kind saveKind
				run  latencyRun
			}{{bgsave, sv.r.GetBgsave}, {bgrewrite, sv.r.GetRewrite}} {
				if l.run.ok() && l.run.EndedEarly {
					out = append(out, fmt.Sprintf("round %d, %s: the GET load (-n %d, %.2f s) ended before the %s was over (%.2f s after the load began): its figures cover part of the save only",
						i+1, sv.name, l.run.Requests, l.run.Load.Seconds(), l.kind, (l.run.Lead+l.run.Save).Seconds()))
				}
			}
		}
	}
	return out
}

// errors lists the failures of every round.
func (p *persistResult) errors() []string {
	return roundErrors(len(p.Redis), func(i int) ([]string, []string) { return p.Redis[i].Errs, p.Mini[i].Errs })
}

// renderPersistenceText is the persistence block of the stdout summary.
func renderPersistenceText(p *persistResult) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "\npersistence (%s keys, %d round(s), medians; ratio miniserve/Redis per round, median [range]):\n", countLabel(p.Keys), p.Rounds)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "what\tredis\tminiserve\tratio\t[range]\tbetter\t")
	for _, r := range p.rows() {
		note := ""
		if r.Note != "" {
			note = "  (" + r.Note + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.What, r.format(r.Redis), r.format(r.Mini), fx(r.Ratio), frange(r.Lo, r.Hi), r.Better, note)
	}
	tw.Flush()
	for _, n := range append(p.earlyNotes(), p.errors()...) {
		fmt.Fprintf(&b, "  note: %s\n", oneLine(n, 300))
	}
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "  note: %s\n", oneLine(n, 300))
	}
	return b.String()
}

// renderPersistenceMarkdown is the "## Persistence" section.
func renderPersistenceMarkdown(p *persistResult) string {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	n := countLabel(p.Keys)
	w("## Persistence\n\n")
	w("Snapshots and the append-only file, on servers started for these figures: in each round, for each binary, a fresh process with `appendonly no` and one with `appendonly yes` (`appendfsync everysec`), each in its own temporary directory on its own free loopback port, stopped and deleted at the end of the round. ")
	w("Every step alternates redis, miniserve. Figures are medians over %d round(s); the ratio is miniserve/Redis, the median of the per-round ratios (with their range over more than one round). ", p.Rounds)
	w("The snapshot is Redis's RDB file and miniserve's bbolt file, both `dir/dump.rdb`.\n\n")
	w("| What | Redis | miniserve | miniserve/Redis | Better |\n|---|---|---|---|---|\n")
	for _, r := range p.rows() {
		what := r.What
		if r.Note != "" {
			what += " (" + r.Note + ")"
		}
		w("| %s | %s | %s | **%s** | %s |\n", mdCell(what), r.format(r.Redis), r.format(r.Mini), r.ratioCell(), r.Better)
	}
	notes := append(p.earlyNotes(), p.errors()...)
	notes = append(notes, p.Notes...)
	if len(notes) > 0 {
		w("\n")
		for _, n := range notes {
			w("> **Note:** %s\n\n", n)
		}
	} else {
		w("\n")
	}
	w("How:\n\n")
	if p.has(stepAOF) {
		w("- SET throughput: redis-benchmark `-t set` (as the SET workload) at -P %s against each server's two processes, in the order redis without AOF, miniserve without AOF, redis with AOF, miniserve with AOF; the everysec / no row compares each server with itself before the servers are compared. Automatic AOF rewrites are off (`auto-aof-rewrite-percentage 0`), so no rewrite lands in a run.\n", joinInts(persistPipelines, " and "))
	}
	if p.has(stepSnapshot) || p.has(stepLatency) {
		w("- Fill: FLUSHALL, then %s SETs of keys `%s` (redis-benchmark's key format, so that the GET load below always hits) to distinct %d-byte values of letters and digits (not compressible by RDB's LZF), made once into one RESP buffer and written to one connection while the replies are read, like `redis-cli --pipe`; timed from the first byte to the last reply, then DBSIZE is checked.\n", n, fillKeyFormat, fillValueLen)
		w("- SAVE: the round trip of SAVE on the process without AOF; the file size is that of `dump.rdb` after it.\n")
	}
	if p.has(stepSnapshot) {
		w("- Restart: SIGTERM, then the same binary with the same command line, port and directory; timed from the start of the process until PING answers without -LOADING and DBSIZE is %d (polled every %v).\n", p.Keys, restartPoll)
	}
	if p.has(stepLatency) {
		w("- GET latency: redis-benchmark `-t get -c %d -r %d` in the background; %v after it starts, BGSAVE (on the process without AOF) or BGREWRITEAOF (on the process with AOF, filled the same way), then INFO persistence every %v until `rdb_bgsave_in_progress` (or `aof_rewrite_in_progress` and `aof_rewrite_scheduled`) is 0 and the last status is ok. ", getLoadConns, p.Keys, saveLead, savePoll)
		w("The three loads of a server in a round (no save, BGSAVE, BGREWRITEAOF) have the same -n, sized from the server's GET rate (its previous load, or a calibration run in the first round) to last %v + the longer of %dx its SAVE time and %.1fx the longest save under load it had in earlier rounds + %v (at least %v), so that the load covers the whole save; a load that ends before the save is over is noted. ", saveLead, saveFactor, seenFactor, loadTail, minLoad)
		w("p99 and max are redis-benchmark's (its CSV, the same figures as its \"latency summary\").\n")
		w("- Restart from the AOF: after the BGREWRITEAOF load, the process with AOF restarted as above and timed the same way. Redis's base file is an RDB preamble (`aof-use-rdb-preamble yes`, its default); miniserve's is RESP commands, which Redis can load too.\n")
	}
	w("\n```\n")
	for _, c := range p.ServerCommands {
		w("%s\n", c)
	}
	for _, c := range p.Commands {
		w("%s\n", c)
	}
	w("```\n")

	w("\n<details><summary>Raw persistence runs</summary>\n\n")
	w("| Round | Server | fill s | SAVE s | snapshot | restart s |")
	for _, pl := range persistPipelines {
		w(" SET -P %d no / everysec |", pl)
	}
	w(" fill AOF s | GET -n | GET no save p99 / max ms | BGSAVE p99 / max ms, save s | BGREWRITEAOF p99 / max ms, rewrite s | AOF | AOF restart s |\n|---|---|---|---|---|---|")
	for range persistPipelines {
		w("---|")
	}
	w("---|---|---|---|---|---|---|\n")
	lat := func(l latencyRun, save bool) string {
		if l.Err != "" {
			return "error"
		}
		if !l.ok() {
			return "n/a"
		}
		s := fmt.Sprintf("%.2f / %.2f", l.P99, l.MaxMs)
		if save {
			s += fmt.Sprintf(", %.2f", l.Save.Seconds())
			if l.EndedEarly {
				s += " (load ended first)"
			}
		}
		return s
	}
	for i := range p.Redis {
		for _, sv := range []struct {
			name string
			r    *persistRound
		}{{"redis", &p.Redis[i]}, {"miniserve", &p.Mini[i]}} {
			r := sv.r
			w("| %d | %s | %s | %s | %s | %s |", i+1, sv.name, ff("%.2f", r.FillSec), ff("%.2f", r.SaveSec), fbytes(r.SnapshotBytes), ff("%.2f", r.RestartSec))
			for j := range persistPipelines {
				w(" %s / %s |", ff("%.0f", rpsOf(r.SetNo[j])), ff("%.0f", rpsOf(r.SetAOF[j])))
			}
			getN := "n/a"
			if r.GetBase.Requests > 0 {
				getN = fmt.Sprint(r.GetBase.Requests)
			}
			w(" %s | %s | %s | %s | %s | %s | %s |\n", ff("%.2f", r.FillAOFSec), getN, lat(r.GetBase, false), lat(r.GetBgsave, true), lat(r.GetRewrite, true), fbytes(r.AOFBytes), ff("%.2f", r.RestartAOFSec))
		}
	}
	w("\n</details>\n")
	return b.String()
}

func joinInts(xs []int, sep string) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, sep)
}
