package main

import (
	"bufio"
	"bytes"
	"path"
	"slices"
	"strings"
	"testing"
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
	for _, g := range []string{"strings", "zsets", "pubsub", "eviction", "persistence"} {
		if !groups[g] {
			t.Errorf("default selection lacks the %s group", g)
		}
	}
	// Until miniserve has lists, hashes and sets.
	if groups["types"] {
		t.Error("default selection includes types")
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
