package main

import (
	"bufio"
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{nan, 7, nan, 1, 4}, 4},
		{[]float64{10, 10, 10, 1000}, 10},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if !math.IsNaN(median(nil)) || !math.IsNaN(median([]float64{nan})) {
		t.Error("median of nothing is not NaN")
	}
	in := []float64{3, 1, 2}
	median(in)
	if !reflect.DeepEqual(in, []float64{3, 1, 2}) {
		t.Errorf("median sorted its input: %v", in)
	}
}

func TestPairedRatios(t *testing.T) {
	nan := math.NaN()
	mini := []float64{90, 110, nan, 50, 70}
	redis := []float64{100, 100, 100, 0, 70, 80}
	// Round 2 has no miniserve figure, round 3 no usable Redis figure, and
	// the extra Redis round 5 has no pair.
	got := pairedRatios(mini, redis)
	want := []float64{0.9, 1.1, 1}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if m := median(got); m != 1 {
		t.Fatalf("median ratio %v, want 1", m)
	}
	// The median of paired ratios is not the ratio of medians: a slow
	// round for both servers does not move it.
	mini = []float64{100, 100, 50}
	redis = []float64{100, 100, 50}
	if m := median(pairedRatios(mini, redis)); m != 1 {
		t.Fatalf("paired median %v, want 1", m)
	}
}

func TestMinMax(t *testing.T) {
	lo, hi := minMax([]float64{math.NaN(), 3, 1, 2})
	if lo != 1 || hi != 3 {
		t.Fatalf("got %v %v", lo, hi)
	}
	if lo, hi := minMax(nil); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Fatalf("empty: got %v %v", lo, hi)
	}
}

func TestCPUMicrosPerRequest(t *testing.T) {
	// 150 ticks at 100 Hz = 1.5 s of CPU for 100,000 requests = 15 us each.
	if got := cpuMicrosPerRequest(150, 100, 100_000); math.Abs(got-15) > 1e-9 {
		t.Fatalf("got %v, want 15", got)
	}
	if !math.IsNaN(cpuMicrosPerRequest(1, 100, 0)) || !math.IsNaN(cpuMicrosPerRequest(1, 0, 10)) {
		t.Fatal("no NaN for zero requests or ticks")
	}
}

func TestBytesPerKey(t *testing.T) {
	if got := bytesPerKey(1_000_000, 81_000_000, 1_000_000); got != 80 {
		t.Fatalf("got %v, want 80", got)
	}
	if !math.IsNaN(bytesPerKey(-1, 10, 10)) || !math.IsNaN(bytesPerKey(1, 10, 0)) {
		t.Fatal("no NaN for unknown figures")
	}
}

func TestRESPRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	writeCommand(w, "SET", "key:0000001", "", "a\r\nb")
	w.Flush()
	want := "*4\r\n$3\r\nSET\r\n$11\r\nkey:0000001\r\n$0\r\n\r\n$4\r\na\r\nb\r\n"
	if buf.String() != want {
		t.Fatalf("writeCommand wrote %q, want %q", buf.String(), want)
	}

	in := "+OK\r\n-ERR unknown command 'zadd'\r\n:42\r\n$5\r\nhello\r\n$-1\r\n*2\r\n$1\r\na\r\n:1\r\n*-1\r\n*0\r\n"
	r := bufio.NewReader(strings.NewReader(in))
	wantReplies := []any{"OK", respError("ERR unknown command 'zadd'"), int64(42), "hello", nil, []any{"a", int64(1)}, nil, []any{}}
	for i, w := range wantReplies {
		got, err := readReply(r)
		if err != nil {
			t.Fatalf("reply %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, w) {
			t.Fatalf("reply %d: got %#v, want %#v", i, got, w)
		}
	}
	for _, bad := range []string{"?x\r\n", "$3\r\nab\r\n", ":x\r\n", "+OK\n", "$-2\r\n"} {
		if _, err := readReply(bufio.NewReader(strings.NewReader(bad))); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestInfoField(t *testing.T) {
	info := "# Memory\r\nused_memory:1089400\r\nused_memory_human:1.04M\r\nused_memory_rss:12345\r\n"
	if v, ok := infoField(info, "used_memory"); !ok || v != "1089400" {
		t.Fatalf("used_memory = %q, %v", v, ok)
	}
	if v, ok := infoField(info, "used_memory_rss"); !ok || v != "12345" {
		t.Fatalf("used_memory_rss = %q, %v", v, ok)
	}
	if _, ok := infoField(info, "maxmemory"); ok {
		t.Fatal("found a missing field")
	}
}

func TestSelectWorkloads(t *testing.T) {
	names := func(ws []workload) string {
		var s []string
		for _, w := range ws {
			s = append(s, w.Name)
		}
		return strings.Join(s, ",")
	}
	for spec, want := range map[string]string{
		"strings":         "SET,GET,INCR,MSET,SETEX",
		"rpop, set":       "SET,RPOP",
		"zsets,GET":       "GET,ZADD,ZINCRBY,ZREVRANGE,ZRANK",
		"pubsub":          "PUBLISH,PUBLISH/100subs,PUBLISH/10psubs",
		"publish/10psubs": "PUBLISH/10psubs",
		defaultWorkloads:  "SET,GET,INCR,MSET,SETEX,ZADD,ZINCRBY,ZREVRANGE,ZRANK,LPUSH,RPOP,LRANGE_100,HSET,SADD,HGETALL,SISMEMBER,EVALSHA,XADD,PUBLISH,PUBLISH/100subs,PUBLISH/10psubs,SET/MAXMEMORY,SNAPSHOT,SET/AOF,GET/DURING-SAVE",
		"all":             "SET,GET,INCR,MSET,SETEX,ZADD,ZINCRBY,ZREVRANGE,ZRANK,LPUSH,RPOP,LRANGE_100,HSET,SADD,HGETALL,SISMEMBER,EVALSHA,XADD,PUBLISH,PUBLISH/100subs,PUBLISH/10psubs,SET/MAXMEMORY,SNAPSHOT,SET/AOF,GET/DURING-SAVE",
		"types":           "LPUSH,RPOP,LRANGE_100,HSET,SADD,HGETALL,SISMEMBER",
		"eviction":        "SET/MAXMEMORY",
		"Sismember,types": "LPUSH,RPOP,LRANGE_100,HSET,SADD,HGETALL,SISMEMBER",
		"lists":           "",
		"persistence":     "SNAPSHOT,SET/AOF,GET/DURING-SAVE",
		"snapshot,set":    "SET,SNAPSHOT",
		"set,SET,sets":    "",
	} {
		ws, err := selectWorkloads(spec)
		if want == "" {
			if err == nil {
				t.Errorf("%q: no error", spec)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", spec, err)
			continue
		}
		if got := names(ws); got != want {
			t.Errorf("%q: got %s, want %s", spec, got, want)
		}
	}
}

func TestWorkloadTable(t *testing.T) {
	seen := map[string]bool{}
	for _, w := range workloads {
		if seen[w.Name] {
			t.Errorf("%s: duplicate name", w.Name)
		}
		seen[w.Name] = true
		if w.Persistence != "" {
			// Not a redis-benchmark row: see persistence.go.
			if w.Test != "" || len(w.Command) > 0 || w.Group != "persistence" {
				t.Errorf("%s: a persistence row with a test, a command or group %q", w.Name, w.Group)
			}
			continue
		}
		if w.Group == "persistence" {
			t.Errorf("%s: in the persistence group without a step", w.Name)
		}
		if w.Eviction {
			// Not a redis-benchmark row either: see eviction.go.
			if w.Test != "" || len(w.Command) > 0 || w.Group != "eviction" {
				t.Errorf("%s: the eviction row with a test, a command or group %q", w.Name, w.Group)
			}
			continue
		}
		if w.Group == "eviction" {
			t.Errorf("%s: in the eviction group without Eviction", w.Name)
		}
		if (w.Test == "") == (len(w.Command) == 0) {
			t.Errorf("%s: set exactly one of Test and Command", w.Name)
		}
		if len(w.probe()) == 0 || strings.Contains(strings.Join(w.probe(), " "), "__rand_int__") {
			t.Errorf("%s: bad probe %q", w.Name, w.probe())
		}
		if w.Group == "" {
			t.Errorf("%s: no group", w.Name)
		}
	}
	args := workloads[0].benchArgs("6379", 1000, 16)
	want := "-h 127.0.0.1 -p 6379 -c 50 -r 100000 -d 16 -n 1000 -P 16 --csv -t set"
	if got := strings.Join(args, " "); got != want {
		t.Fatalf("benchArgs: got %s, want %s", got, want)
	}
}
