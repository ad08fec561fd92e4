package server

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// streamState reads what a restart must keep of the streams s and e:
// entries, IDs and counters, groups, PELs and consumers (times left out).
func streamState(c *respConn) string {
	var b strings.Builder
	for _, cmd := range [][]string{
		{"XRANGE", "s", "-", "+"},
		{"XINFO", "STREAM", "s"},
		{"XINFO", "GROUPS", "s"},
		{"XPENDING", "s", "g"},
		{"XINFO", "STREAM", "e"},
		{"XINFO", "GROUPS", "e"},
		{"TTL", "s"},
	} {
		b.WriteString(c.do(cmd...))
	}
	// Approximate trimming after the restart must see the same nodes.
	b.WriteString(c.do("XTRIM", "s", "MAXLEN", "~", "150"))
	b.WriteString(c.do("XLEN", "s"))
	return b.String()
}

func fillStreams(c *respConn, auto bool) {
	for i := 1; i <= 300; i++ {
		c.do("XADD", "s", fmt.Sprintf("%d-1", i), "f", fmt.Sprint(i), "g", "x")
	}
	if auto {
		c.do("XADD", "s", "*", "auto", "1")
	} else {
		c.do("XADD", "s", "1000-0", "auto", "1")
	}
	c.do("XDEL", "s", "5-1", "150-1")
	c.do("XTRIM", "s", "MAXLEN", "290")
	c.do("XGROUP", "CREATE", "s", "g", "250-1")
	c.do("XGROUP", "CREATE", "s", "h", "$", "ENTRIESREAD", "7")
	c.do("XREADGROUP", "GROUP", "g", "alice", "COUNT", "3", "STREAMS", "s", ">")
	c.do("XREADGROUP", "GROUP", "g", "bob", "COUNT", "2", "STREAMS", "s", ">")
	c.do("XREADGROUP", "GROUP", "g", "carol", "NOACK", "COUNT", "2", "STREAMS", "s", ">")
	c.do("XACK", "s", "g", "252-1")
	c.do("XCLAIM", "s", "g", "alice", "0", "254-1", "RETRYCOUNT", "5")
	c.do("XGROUP", "CREATECONSUMER", "s", "g", "dave")
	c.do("XGROUP", "CREATE", "e", "g", "$", "MKSTREAM")
	c.do("XSETID", "e", "10-10", "ENTRIESADDED", "3", "MAXDELETEDID", "9-9")
	c.do("EXPIRE", "s", "10000")
}

func TestStreamSurvivesSnapshot(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir)
	c := dial(t, s.Addr())
	fillStreams(c, false)
	want := streamState(c)
	c.do("FLUSHALL")
	fillStreams(c, false)
	if got := c.do("SAVE"); got != "+OK\r\n" {
		t.Fatalf("SAVE: %q", got)
	}
	s.Close()
	s = startIn(t, dir)
	defer s.Close()
	c = dial(t, s.Addr())
	if got := streamState(c); stripTTL(got) != stripTTL(want) {
		t.Fatalf("after a snapshot: %s", firstDiff(got, want))
	}
}

func TestStreamSurvivesAOFAndRewrite(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"), WithDirective("appendfsync", "always"))
	c := dial(t, s.Addr())
	fillStreams(c, true)
	c.do("XADD", "s", "MAXLEN", "~", "100", "*", "more", "1")
	want := streamState(c)
	s.Close()

	// Replay of the log: "*" and "~" were logged in their exact forms.
	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	c = dial(t, s.Addr())
	if got := streamState(c); stripTTL(got) != stripTTL(want) {
		t.Fatalf("after AOF replay: %s", firstDiff(got, want))
	}
	want = streamState(c)
	if got := c.do("BGREWRITEAOF"); !strings.HasPrefix(got, "+") {
		t.Fatalf("BGREWRITEAOF: %q", got)
	}
	for i := 0; i < 1000 && !strings.Contains(c.do("INFO", "persistence"), "aof_rewrite_in_progress:0"); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	s.Close()
	s = startIn(t, dir, WithDirective("appendonly", "yes"))
	defer s.Close()
	c = dial(t, s.Addr())
	got := streamState(c)
	// A rewrite rebuilds the entries with XADD, so the nodes are packed
	// afresh, as after Redis's rewrite: compare all but the trim.
	cut := func(s string) string { return s[:strings.LastIndex(s[:len(s)-2], ":")] }
	if stripTTL(cut(got)) != stripTTL(cut(want)) {
		t.Fatalf("after a rewrite: %s", firstDiff(got, want))
	}
}

// stripTTL drops the TTL reply, which counts down.
func stripTTL(s string) string {
	i := strings.LastIndex(s, ":99")
	if i < 0 {
		return s
	}
	j := strings.Index(s[i:], "\r\n")
	return s[:i] + s[i+j:]
}

// firstDiff shows where two replies part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-200, 0)
	return fmt.Sprintf("at %d: got ...%q, want ...%q", i, got[from:min(i+200, len(got))], want[from:min(i+200, len(want))])
}
