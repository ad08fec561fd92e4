package main

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDefaultWorkloads(t *testing.T) {
	ws, err := selectWorkloads(defaultWorkloads)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]bool{}
	for _, w := range ws {
		groups[w.Group] = true
	}
	for _, g := range []string{"strings", "zsets", "types", "pubsub", "eviction", "persistence"} {
		if !groups[g] {
			t.Errorf("default selection lacks the %s group", g)
		}
	}
}

func TestWorkloadKeyspace(t *testing.T) {
	for name, want := range map[string]string{"ZINCRBY": "-r 10000 ", "ZRANK": "-r 10000 ", "ZADD": "-r 100000 ", "SET": "-r 100000 "} {
		w := workloads[workloadIndex(name)]
		if got := strings.Join(w.benchArgs("1", 10, 1), " "); !strings.Contains(got, want) {
			t.Errorf("%s: %s lacks %q", name, got, want)
		}
	}
	want := "-h 127.0.0.1 -p 7 -c 50 -r 10000 -d 16 -n 100 -P 16 --csv zrank bench:zset member:__rand_int__"
	if got := strings.Join(workloads[workloadIndex("ZRANK")].benchArgs("7", 100, 16), " "); got != want {
		t.Errorf("ZRANK: got %s, want %s", got, want)
	}
}

func TestSubscriberWorkloads(t *testing.T) {
	want := map[string]subscribers{
		"PUBLISH/100subs": {Conns: 100, Target: "bench:channel"},
		"PUBLISH/10psubs": {Conns: 10, Pattern: true, Target: "bench:*"},
	}
	for _, w := range workloads {
		if w.Subscribers == nil {
			if _, ok := want[w.Name]; ok {
				t.Errorf("%s: no subscribers", w.Name)
			}
			continue
		}
		if *w.Subscribers != want[w.Name] {
			t.Errorf("%s: subscribers %+v, want %+v", w.Name, *w.Subscribers, want[w.Name])
		}
		if w.Group != "pubsub" {
			t.Errorf("%s: group %s", w.Name, w.Group)
		}
		channel, _, err := publishArgs(w.probe())
		if err != nil {
			t.Errorf("%s: %v", w.Name, err)
			continue
		}
		// Every subscriber must receive every PUBLISH of the workload.
		if w.Subscribers.Pattern {
			if ok, err := path.Match(w.Subscribers.Target, channel); err != nil || !ok {
				t.Errorf("%s: pattern %s does not match channel %s", w.Name, w.Subscribers.Target, channel)
			}
		} else if w.Subscribers.Target != channel {
			t.Errorf("%s: subscribes to %s, publishes to %s", w.Name, w.Subscribers.Target, channel)
		}
		if strings.Contains(strings.Join(w.Command, " "), "__rand_int__") {
			t.Errorf("%s: a random channel or payload would break the delivery count", w.Name)
		}
	}
	for _, bad := range [][]string{{"publish", "c"}, {"set", "c", "v"}, {"publish", "c", "v", "x"}} {
		if _, _, err := publishArgs(bad); err == nil {
			t.Errorf("publishArgs(%q): no error", bad)
		}
	}
	if ch, msg, err := publishArgs([]string{"PUBLISH", "c", "m"}); err != nil || ch != "c" || msg != "m" {
		t.Errorf("publishArgs: %q %q %v", ch, msg, err)
	}
}

// TestMessageLen checks messageLen against the RESP encoding of the push
// that a subscriber receives (an array of bulk strings, like a command).
func TestMessageLen(t *testing.T) {
	enc := func(parts ...string) string {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		writeCommand(w, parts...)
		w.Flush()
		return buf.String()
	}
	sub := subscribers{Conns: 1, Target: "bench:channel"}
	want := "*3\r\n$7\r\nmessage\r\n$13\r\nbench:channel\r\n$16\r\nxxxxxxxxxxxxxxxx\r\n"
	if enc("message", "bench:channel", value16) != want {
		t.Fatal("encoding")
	}
	if got := sub.messageLen("bench:channel", value16); got != len(want) {
		t.Errorf("message: got %d, want %d", got, len(want))
	}
	psub := subscribers{Conns: 1, Pattern: true, Target: "bench:*"}
	if got, want := psub.messageLen("bench:channel", value16), len(enc("pmessage", "bench:*", "bench:channel", value16)); got != want {
		t.Errorf("pmessage: got %d, want %d", got, want)
	}
	long := strings.Repeat("y", 12345)
	if got, want := psub.messageLen("c", long), len(enc("pmessage", "bench:*", "c", long)); got != want {
		t.Errorf("long pmessage: got %d, want %d", got, want)
	}
	if !slices.Equal(sub.command(), []string{"SUBSCRIBE", "bench:channel"}) || !slices.Equal(psub.command(), []string{"PSUBSCRIBE", "bench:*"}) {
		t.Errorf("commands %q %q", sub.command(), psub.command())
	}
	if s := psub.String(); s != "1 connection(s) PSUBSCRIBE 'bench:*'" {
		t.Errorf("String: %q", s)
	}
}

func TestCheckConfirmation(t *testing.T) {
	for _, tc := range []struct {
		v    any
		kind string
		ok   bool
	}{
		{[]any{"subscribe", "bench:channel", int64(1)}, "subscribe", true},
		{[]any{"psubscribe", "bench:channel", int64(3)}, "psubscribe", true},
		{[]any{"subscribe", "other", int64(1)}, "subscribe", false},
		{[]any{"subscribe", "bench:channel"}, "subscribe", false},
		{[]any{"message", "bench:channel", "x"}, "subscribe", false},
		{"OK", "subscribe", false},
	} {
		if err := checkConfirmation(tc.v, tc.kind, "bench:channel"); (err == nil) != tc.ok {
			t.Errorf("%#v: err %v, want ok=%v", tc.v, err, tc.ok)
		}
	}
	e := respError("ERR unknown command 'subscribe'")
	if err := checkConfirmation(e, "subscribe", "c"); err != e {
		t.Errorf("error reply: got %v", err)
	}
}

func TestZsetMemorySet(t *testing.T) {
	for _, n := range []int{200_000, 2500, 1} {
		set := zsetSet(n)
		members := map[string]bool{}
		for i := range set.Commands {
			args := set.Command(i)
			if args[0] != "ZADD" || args[1] != zsetMemKey || len(args)%2 != 0 {
				t.Fatalf("n=%d: command %d: %q", n, i, args[:min(len(args), 4)])
			}
			if pairs := (len(args) - 2) / 2; pairs > zsetMemBatch || pairs == 0 {
				t.Fatalf("n=%d: command %d has %d members", n, i, pairs)
			}
			for j := 2; j < len(args); j += 2 {
				members[args[j+1]] = true
			}
		}
		if len(members) != n {
			t.Errorf("n=%d: %d distinct members", n, len(members))
		}
		if !slices.Equal(set.Count, []string{"ZCARD", zsetMemKey}) || set.Items != n {
			t.Errorf("n=%d: count %q items %d", n, set.Count, set.Items)
		}
	}
	if got := zaddBatch("k", 9, 11); !slices.Equal(got, []string{"ZADD", "k", "9", "member:0000009", "10", "member:0000010"}) {
		t.Errorf("zaddBatch: %q", got)
	}
	s := stringsSet(3)
	if s.Commands != 3 || !slices.Equal(s.Command(2), []string{"SET", "key:0000002", value16}) || !slices.Equal(s.Count, []string{"DBSIZE"}) {
		t.Errorf("stringsSet: %+v %q", s, s.Command(2))
	}
}

func TestMemoryLabels(t *testing.T) {
	for n, want := range map[int]string{1_000_000: "1M", 200_000: "200k", 2_000_000: "2M", 1500: "1500", 12_345: "12345", 1000: "1k"} {
		if got := countLabel(n); got != want {
			t.Errorf("countLabel(%d) = %q, want %q", n, got, want)
		}
	}
	z := &memoryResult{Kind: "zset", Items: 1_000_000}
	s := &memoryResult{Kind: "strings", Items: 200_000}
	if z.label() != "sorted set, 1M members" || s.label() != "strings, 200k keys" || z.unit() != "member" || s.unit() != "key" {
		t.Errorf("labels %q %q", z.label(), s.label())
	}
}

func TestTypesWorkloads(t *testing.T) {
	ws, err := selectWorkloads("types")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"LPUSH":      "-h 127.0.0.1 -p 7 -c 50 -r 100000 -d 16 -n 100 -P 16 --csv -t lpush",
		"RPOP":       "-h 127.0.0.1 -p 7 -c 50 -r 100000 -d 16 -n 100 -P 16 --csv -t rpop",
		"LRANGE_100": "-h 127.0.0.1 -p 7 -c 50 -r 100000 -d 16 -n 100 -P 16 --csv lrange mylist 0 99",
		"HSET":       "-h 127.0.0.1 -p 7 -c 50 -r 100000 -d 16 -n 100 -P 16 --csv -t hset",
		"SADD":       "-h 127.0.0.1 -p 7 -c 50 -r 100000 -d 16 -n 100 -P 16 --csv -t sadd",
		"HGETALL":    "-h 127.0.0.1 -p 7 -c 50 -r 100000 -d 16 -n 100 -P 16 --csv hgetall bench:hash",
		"SISMEMBER":  "-h 127.0.0.1 -p 7 -c 50 -r 10000 -d 16 -n 100 -P 16 --csv sismember bench:set member:__rand_int__",
	}
	if len(ws) != len(want) {
		t.Errorf("%d workloads in types, want %d", len(ws), len(want))
	}
	for _, w := range ws {
		if got := strings.Join(w.benchArgs("7", 100, 16), " "); got != want[w.Name] {
			t.Errorf("%s:\n got %s\nwant %s", w.Name, got, want[w.Name])
		}
		if w.Note == "" {
			t.Errorf("%s: no note", w.Name)
		}
		// Each has a throughput target at both depths.
		for _, p := range pipelines {
			if !slices.ContainsFunc(throughputTargets, func(tt throughputTarget) bool { return tt.Workload == w.Name && tt.Pipeline == p }) {
				t.Errorf("%s -P %d: no target", w.Name, p)
			}
		}
	}
	// The probes of redis-benchmark's own tests use its keys.
	for name, probe := range map[string]string{"LPUSH": "LPUSH mylist", "RPOP": "RPOP mylist", "HSET": "HSET myhash", "SADD": "SADD myset"} {
		if got := strings.Join(workloads[workloadIndex(name)].probe(), " "); !strings.HasPrefix(got, probe) {
			t.Errorf("%s: probe %q", name, got)
		}
	}
	// The members of the SISMEMBER set are what member:__rand_int__ draws.
	if got := fmt.Sprintf("member:%012d", 42); got != "member:000000000042" {
		t.Errorf("member format %s", got)
	}
	// DataSize sets -d.
	if got := strings.Join(workload{Test: "set", DataSize: 100}.benchArgs("7", 1, 1), " "); !strings.Contains(got, " -d 100 ") {
		t.Errorf("DataSize: %s", got)
	}
}

// recordRESP serves commands with +OK (or :N for integer commands) and
// records them.
func recordRESP(t *testing.T) (addr string, got func() [][]string) {
	t.Helper()
	var mu sync.Mutex
	var cmds [][]string
	addr = fakeRESP(t, func(args []any) string {
		cmd := make([]string, len(args))
		for i, a := range args {
			cmd[i] = a.(string)
		}
		mu.Lock()
		cmds = append(cmds, cmd)
		mu.Unlock()
		if cmd[0] == "HSET" || cmd[0] == "SADD" || cmd[0] == "LPUSH" || cmd[0] == "DEL" {
			return ":1\r\n"
		}
		return "+OK\r\n"
	})
	return addr, func() [][]string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(cmds)
	}
}

func TestTypesLoaders(t *testing.T) {
	for _, tc := range []struct {
		name  string
		load  func(*respConn, int) error
		check func(t *testing.T, cmds [][]string)
	}{
		{"hash of 10", loadHash("h", 10), func(t *testing.T, cmds [][]string) {
			want := []string{"HSET", "h"}
			for i := range 10 {
				want = append(want, fmt.Sprintf("field:%d", i), value16)
			}
			if len(cmds) != 1 || !slices.Equal(cmds[0], want) {
				t.Errorf("got %q", cmds)
			}
		}},
		{"set of 2500", loadSet("s", 2500), func(t *testing.T, cmds [][]string) {
			members := map[string]bool{}
			for _, c := range cmds {
				if c[0] != "SADD" || c[1] != "s" || len(c)-2 > 1000 {
					t.Fatalf("command %q", c[:3])
				}
				for _, m := range c[2:] {
					members[m] = true
				}
			}
			if len(cmds) != 3 || len(members) != 2500 || !members["member:000000002499"] {
				t.Errorf("%d commands, %d members", len(cmds), len(members))
			}
		}},
		{"list of 10k", fillList("l", lrangeListItems), func(t *testing.T, cmds [][]string) {
			items := 0
			for _, c := range cmds[1:] {
				if c[0] != "LPUSH" || c[1] != "l" {
					t.Fatalf("command %q", c[:2])
				}
				items += len(c) - 2
			}
			if !slices.Equal(cmds[0], []string{"DEL", "l"}) || items != lrangeListItems {
				t.Errorf("first %q, %d items", cmds[0], items)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr, got := recordRESP(t)
			c, err := dialRESP(addr, time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if err := tc.load(c, 123); err != nil {
				t.Fatal(err)
			}
			tc.check(t, got())
		})
	}
}

func TestHashAndSetMemorySets(t *testing.T) {
	for _, n := range []int{200_000, 2500, 1} {
		for _, set := range []memSet{hashSet(n), setSet(n)} {
			items := map[string]bool{}
			for i := range set.Commands {
				args := set.Command(i)
				switch set.Kind {
				case "hash":
					if args[0] != "HSET" || args[1] != hashMemKey || len(args)%2 != 0 || len(args) > 2+2*zsetMemBatch {
						t.Fatalf("n=%d: command %d: %q", n, i, args[:min(len(args), 4)])
					}
					for j := 2; j < len(args); j += 2 {
						if args[j+1] != value16 {
							t.Fatalf("value %q", args[j+1])
						}
						items[args[j]] = true
					}
				case "set":
					if args[0] != "SADD" || args[1] != setMemKey || len(args) > 2+zsetMemBatch {
						t.Fatalf("n=%d: command %d: %q", n, i, args[:min(len(args), 4)])
					}
					for _, m := range args[2:] {
						items[m] = true
					}
				}
			}
			if len(items) != n || set.Items != n {
				t.Errorf("%s n=%d: %d distinct items", set.Kind, n, len(items))
			}
		}
	}
	if got := hashSet(3).Command(0); !slices.Equal(got, []string{"HSET", hashMemKey, "field:0000000", value16, "field:0000001", value16, "field:0000002", value16}) {
		t.Errorf("hashSet: %q", got)
	}
	if got := setSet(2).Command(0); !slices.Equal(got, []string{"SADD", setMemKey, "member:0000000", "member:0000001"}) {
		t.Errorf("setSet: %q", got)
	}
	if !slices.Equal(hashSet(1).Count, []string{"HLEN", hashMemKey}) || !slices.Equal(setSet(1).Count, []string{"SCARD", setMemKey}) {
		t.Error("counts")
	}
	h := &memoryResult{Kind: "hash", Items: 1_000_000}
	s := &memoryResult{Kind: "set", Items: 200_000}
	if h.label() != "hash, 1M fields" || h.unit() != "field" || s.label() != "set, 200k members" || s.unit() != "member" {
		t.Errorf("labels %q %q %q %q", h.label(), h.unit(), s.label(), s.unit())
	}
}
