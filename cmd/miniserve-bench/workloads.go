package main

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// value16 is the 16-byte value used by custom commands and the memory load;
// redis-benchmark's own tests get 16-byte values from -d 16.
const value16 = "xxxxxxxxxxxxxxxx"

// workload is one row of the benchmark table. Exactly one of Test and
// Command is set: Test is a redis-benchmark built-in test (-t name), Command
// a custom command line passed after the options, in which redis-benchmark
// replaces each __rand_int__ with a random number below -r.
type workload struct {
	Name    string   // as shown in the reports ("SET", "ZREVRANGE")
	Group   string   // selected by -workloads GROUP ("strings", "zsets", ...)
	Test    string   // redis-benchmark -t TEST
	Command []string // or a custom command
	// Probe is sent once to each server before the workload: an error reply
	// marks the workload as unsupported on that server. Defaults to Command
	// with __rand_int__ replaced by a number.
	Probe []string
	// Scale multiplies the request count, for commands that are much slower
	// or faster than a SET, so that each run still takes a few seconds.
	Scale float64
	// Setup runs once on each server after the FLUSHALL that starts the
	// workload; BeforeRun before each run (not timed, not in the CPU figure).
	// Both get the request count of the run that follows.
	Setup     func(c *respConn, requests int) error
	BeforeRun func(c *respConn, requests int) error
	// Keyspace is the -r of redis-benchmark, the range of __rand_int__
	// (default 100000). Set it to the size of the preloaded data when every
	// request should hit.
	Keyspace int
	// Subscribers, for a PUBLISH workload, are connections that the harness
	// subscribes on each server after Setup, drains for the whole workload
	// and closes after it (see pubsub.go). After each run the harness waits
	// until every subscriber has received every message before it reads the
	// server's CPU time, so the CPU figure includes the delivery.
	Subscribers *subscribers
	Note        string // shown in the report
	// Persistence marks a row of the persistence group: not a
	// redis-benchmark workload but one part of the measurements of
	// persistence.go, on servers started for them. The other fields are
	// unused.
	Persistence persistStep
	// Eviction marks the row of the eviction group (eviction.go), which
	// also runs on servers started for it.
	Eviction bool
	// DataSize is redis-benchmark's -d, the value size of its built-in
	// tests (default 16).
	DataSize int
}

// defaultKeyspace is redis-benchmark's -r unless a workload sets Keyspace.
const defaultKeyspace = 100000

// defaultWorkloads is the default -workloads: the groups that miniserve is
// expected to have.
const defaultWorkloads = "strings,zsets,types,jobs,pubsub,eviction,persistence"

// evalshaScript is the EVALSHA workload's script: a GET and an INCR, as
// job-queue scripts read and bump a key. evalshaSHA is its SHA1.
const evalshaScript = "redis.call('GET', KEYS[1]) return redis.call('INCR', KEYS[1])"

var evalshaSHA = func() string {
	sum := sha1.Sum([]byte(evalshaScript))
	return hex.EncodeToString(sum[:])
}()

// The data of the types group's read workloads.
const (
	lrangeListItems  = 10000 // the list of LRANGE_100; any length >= 100 gives the same reply
	hgetallKey       = "bench:hash"
	hgetallFields    = 10
	sismemberKey     = "bench:set"
	sismemberMembers = 10000
)

// workloads is the table. Add a row to add a workload; the default
// selection is defaultWorkloads.
var workloads = []workload{
	{Name: "SET", Group: "strings", Test: "set", Probe: []string{"SET", "key:probe", value16}},
	{Name: "GET", Group: "strings", Test: "get", Probe: []string{"GET", "key:probe"},
		Setup: loadStrings("key:%012d", 100000),
		Note:  "keyspace preloaded with the 100k keys that -r 100000 can draw, so every GET hits"},
	{Name: "INCR", Group: "strings", Test: "incr", Probe: []string{"INCR", "counter:probe"}},
	{Name: "MSET", Group: "strings", Test: "mset", Scale: 0.25,
		Probe: []string{"MSET", "key:probe1", value16, "key:probe2", value16},
		Note:  "10 keys per MSET; requests are MSET commands"},
	{Name: "SETEX", Group: "strings", Command: []string{"setex", "key:__rand_int__", "100", value16}},

	{Name: "ZADD", Group: "zsets", Command: []string{"zadd", "bench:zset", "__rand_int__", "member:__rand_int__"},
		Note: "one sorted set, empty at the start of the workload, growing to up to 100k members over the runs; random scores, so later requests mostly move an existing member"},
	{Name: "ZINCRBY", Group: "zsets", Command: []string{"zincrby", "bench:zset", "1.5", "member:__rand_int__"},
		Setup: loadZset(10000), Keyspace: 10000,
		Note: "a random member of a 10k-member sorted set (-r 10000, so every member exists)"},
	{Name: "ZREVRANGE", Group: "zsets", Command: []string{"zrevrange", "bench:zset", "0", "9", "WITHSCORES"},
		Setup: loadZset(10000), Scale: 0.5, Note: "top 10 of a 10k-member sorted set"},
	{Name: "ZRANK", Group: "zsets", Command: []string{"zrank", "bench:zset", "member:__rand_int__"},
		Setup: loadZset(10000), Keyspace: 10000,
		Note: "rank of a random member of a 10k-member sorted set (-r 10000, so every lookup hits)"},
	{Name: "LPUSH", Group: "types", Test: "lpush", Probe: []string{"LPUSH", "mylist", value16},
		BeforeRun: deleteKey("mylist"), Note: "redis-benchmark -t lpush: LPUSH mylist with a 16-byte value; the list is emptied before each run"},
	{Name: "RPOP", Group: "types", Test: "rpop", Probe: []string{"RPOP", "mylist"},
		BeforeRun: loadList("mylist"), Note: "redis-benchmark -t rpop: RPOP mylist; before each run the list is emptied and refilled with one 16-byte item per request (LPUSH, 1000 items each), so that every RPOP pops"},
	{Name: "LRANGE_100", Group: "types", Command: []string{"lrange", "mylist", "0", "99"}, Scale: 0.25,
		Setup: fillList("mylist", lrangeListItems),
		Note: "LRANGE mylist 0 99, the command of redis-benchmark's -t lrange_100, on a list of 10k 16-byte items pushed once before the runs. " +
			"-t lrange_100 itself first runs an LPUSH load of -n requests in the same redis-benchmark process (its row \"LPUSH (needed to benchmark LRANGE)\"), " +
			"whose CPU time would count in the figure; the harness fills the list instead, untimed, and runs the same command"},
	{Name: "HSET", Group: "types", Test: "hset", Probe: []string{"HSET", "myhash", "element:probe", value16},
		Note: "redis-benchmark -t hset: HSET myhash element:__rand_int__ with a 16-byte value, one hash growing to up to 100k fields over the runs"},
	{Name: "SADD", Group: "types", Test: "sadd", Probe: []string{"SADD", "myset", "element:probe"},
		Note: "redis-benchmark -t sadd: SADD myset element:__rand_int__, one set growing to up to 100k members over the runs"},
	{Name: "HGETALL", Group: "types", Command: []string{"hgetall", hgetallKey}, Scale: 0.5,
		Setup: loadHash(hgetallKey, hgetallFields),
		Note:  "a 10-field hash (fields field:0 to field:9, 16-byte values; listpack-encoded in Redis), populated with one HSET before the runs"},
	{Name: "SISMEMBER", Group: "types", Command: []string{"sismember", sismemberKey, "member:__rand_int__"},
		Setup: loadSet(sismemberKey, sismemberMembers), Keyspace: sismemberMembers,
		Note: "a random member of a 10k-member set (-r 10000, so every lookup hits), populated with SADD before the runs"},
	{Name: "EVALSHA", Group: "jobs", Command: []string{"evalsha", evalshaSHA, "1", "counter:__rand_int__"},
		Probe: []string{"SCRIPT", "LOAD", evalshaScript}, Scale: 0.5,
		Note: "EVALSHA of a cached script that does a GET and an INCR of a random key (" + evalshaScript + "), loaded with SCRIPT LOAD by the probe"},
	{Name: "XADD", Group: "jobs", Command: []string{"xadd", "bench:stream", "*", "field", value16},
		Note: "XADD bench:stream * field <16 bytes>: one stream growing over the runs, as a job queue's event stream"},
	{Name: "PUBLISH", Group: "pubsub", Command: []string{"publish", "bench:channel", value16},
		Note: "no subscribers"},
	{Name: "PUBLISH/100subs", Group: "pubsub", Command: []string{"publish", "bench:channel", value16},
		Subscribers: &subscribers{Conns: 100, Target: "bench:channel"}, Scale: 0.2,
		Note: "100 connections SUBSCRIBEd to the channel, drained by the harness; CPU includes delivering every message"},
	{Name: "PUBLISH/10psubs", Group: "pubsub", Command: []string{"publish", "bench:channel", value16},
		Subscribers: &subscribers{Conns: 10, Pattern: true, Target: "bench:*"}, Scale: 0.5,
		Note: "10 connections PSUBSCRIBEd to bench:*, drained by the harness; CPU includes delivering every message"},
	{Name: "SET/MAXMEMORY", Group: "eviction", Eviction: true},
	{Name: "SNAPSHOT", Group: "persistence", Persistence: stepSnapshot},
	{Name: "SET/AOF", Group: "persistence", Persistence: stepAOF},
	{Name: "GET/DURING-SAVE", Group: "persistence", Persistence: stepLatency},
}

// selectWorkloads resolves the -workloads flag: "all", a group name, or a
// comma-separated list of workload and group names (case-insensitive).
func selectWorkloads(spec string) ([]workload, error) {
	var out []workload
	add := func(w workload) {
		if !slices.ContainsFunc(out, func(x workload) bool { return x.Name == w.Name }) {
			out = append(out, w)
		}
	}
	for item := range strings.SplitSeq(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		found := false
		for _, w := range workloads {
			if strings.EqualFold(item, "all") || strings.EqualFold(item, w.Group) || strings.EqualFold(item, w.Name) {
				add(w)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown workload %q; know: all, %s", item, strings.Join(workloadNames(), ", "))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no workloads selected")
	}
	// Keep the table's order, whatever the order of the flag.
	slices.SortStableFunc(out, func(a, b workload) int { return workloadIndex(a.Name) - workloadIndex(b.Name) })
	return out, nil
}

// splitPersistence separates the persistence rows from the
// redis-benchmark workloads.
func splitPersistence(wls []workload) (bench []workload, steps []persistStep) {
	for _, w := range wls {
		if w.Persistence != "" {
			steps = append(steps, w.Persistence)
		} else {
			bench = append(bench, w)
		}
	}
	return bench, steps
}

// splitEviction separates the eviction row from the other rows.
func splitEviction(wls []workload) (rest []workload, eviction bool) {
	for _, w := range wls {
		if w.Eviction {
			eviction = true
		} else {
			rest = append(rest, w)
		}
	}
	return rest, eviction
}

// hasGroup says whether a workload of the group is among wls.
func hasGroup(wls []workload, group string) bool {
	return slices.ContainsFunc(wls, func(w workload) bool { return w.Group == group })
}

func workloadIndex(name string) int {
	return slices.IndexFunc(workloads, func(w workload) bool { return w.Name == name })
}

func workloadNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, w := range workloads {
		if !seen[w.Group] {
			names = append(names, w.Group)
			seen[w.Group] = true
		}
	}
	for _, w := range workloads {
		names = append(names, w.Name)
	}
	return names
}

// probe returns the command sent once to test support.
func (w workload) probe() []string {
	if w.Probe != nil {
		return w.Probe
	}
	p := make([]string, len(w.Command))
	for i, a := range w.Command {
		p[i] = strings.ReplaceAll(a, "__rand_int__", "000000000001")
	}
	return p
}

// requests returns the -n for a run of this workload.
func (w workload) requests(base int) int {
	if w.Scale > 0 {
		return max(1, int(float64(base)*w.Scale))
	}
	return base
}

// benchArgs is the redis-benchmark command line (without the binary).
func (w workload) benchArgs(port string, requests, pipeline int) []string {
	keyspace := defaultKeyspace
	if w.Keyspace > 0 {
		keyspace = w.Keyspace
	}
	dataSize := 16
	if w.DataSize > 0 {
		dataSize = w.DataSize
	}
	args := []string{"-h", "127.0.0.1", "-p", port, "-c", "50", "-r", strconv.Itoa(keyspace), "-d", strconv.Itoa(dataSize),
		"-n", strconv.Itoa(requests), "-P", strconv.Itoa(pipeline), "--csv"}
	if w.Test != "" {
		return append(args, "-t", w.Test)
	}
	return append(args, w.Command...)
}

// loadStrings sets keys fmt%i for i < n to 16-byte values. redis-benchmark
// formats __rand_int__ as 12 digits, so "key:%012d" covers its keyspace.
func loadStrings(format string, n int) func(*respConn, int) error {
	return func(c *respConn, _ int) error {
		return c.pipelineGen(n, 1000, func(i int) []string {
			return []string{"SET", fmt.Sprintf(format, i), value16}
		})
	}
}

func loadZset(members int) func(*respConn, int) error {
	return func(c *respConn, _ int) error {
		return c.pipelineGen(members/100, 100, func(i int) []string {
			args := []string{"ZADD", "bench:zset"}
			for j := range 100 {
				m := i*100 + j
				args = append(args, strconv.Itoa(m), fmt.Sprintf("member:%012d", m))
			}
			return args
		})
	}
}

func deleteKey(key string) func(*respConn, int) error {
	return func(c *respConn, _ int) error {
		v, err := c.Do("DEL", key)
		if err != nil {
			return err
		}
		if e, ok := v.(respError); ok {
			return e
		}
		return nil
	}
}

// loadList empties key and pushes one item per request, 1000 per LPUSH.
func loadList(key string) func(*respConn, int) error {
	return func(c *respConn, requests int) error {
		if err := deleteKey(key)(c, requests); err != nil {
			return err
		}
		batches := (requests + 999) / 1000
		return c.pipelineGen(batches, 10, func(int) []string {
			args := []string{"LPUSH", key}
			for range 1000 {
				args = append(args, value16)
			}
			return args
		})
	}
}

// fillList empties key and pushes (at least) items 16-byte items, 1000
// per LPUSH.
func fillList(key string, items int) func(*respConn, int) error {
	return func(c *respConn, _ int) error {
		return loadList(key)(c, items)
	}
}

// loadHash sets fields "field:0" ... of key to 16-byte values, 1000 per
// HSET.
func loadHash(key string, fields int) func(*respConn, int) error {
	return func(c *respConn, _ int) error {
		return c.pipelineGen((fields+999)/1000, 10, func(i int) []string {
			args := []string{"HSET", key}
			for f := i * 1000; f < min((i+1)*1000, fields); f++ {
				args = append(args, "field:"+strconv.Itoa(f), value16)
			}
			return args
		})
	}
}

// loadSet adds members "member:%012d" (redis-benchmark's __rand_int__
// format, so that member:__rand_int__ with -r members always hits) to key,
// 1000 per SADD.
func loadSet(key string, members int) func(*respConn, int) error {
	return func(c *respConn, _ int) error {
		return c.pipelineGen((members+999)/1000, 10, func(i int) []string {
			args := []string{"SADD", key}
			for m := i * 1000; m < min((i+1)*1000, members); m++ {
				args = append(args, fmt.Sprintf("member:%012d", m))
			}
			return args
		})
	}
}

// pipelineGen sends n generated commands, batch at a time, and returns the
// first error reply.
func (c *respConn) pipelineGen(n, batch int, gen func(i int) []string) error {
	var first error
	for start := 0; start < n; start += batch {
		end := min(start+batch, n)
		for i := start; i < end; i++ {
			writeCommand(c.w, gen(i)...)
		}
		if err := c.w.Flush(); err != nil {
			return err
		}
		for i := start; i < end; i++ {
			v, err := readReply(c.r)
			if err != nil {
				return err
			}
			if e, ok := v.(respError); ok && first == nil {
				first = e
			}
		}
	}
	return first
}
