package server

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miniserve-dev/miniserve/persistence"
)

// TestListPropagation pins what each list write leaves in the AOF: the
// command as sent when it changed something, nothing when it did not,
// and the forms Redis 7.0 propagates for LMPOP and for the blocking
// commands served at once.
func TestListPropagation(t *testing.T) {
	a := newAOFTestClient(t)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"rpush", "k", "a", "b", "c", "d", "e", "f"}, []string{"rpush k a b c d e f"}},
		{[]string{"lpushx", "nokey", "a"}, nil},
		{[]string{"lpush", "k", "z"}, []string{"lpush k z"}},
		{[]string{"lpop", "k"}, []string{"lpop k"}},
		{[]string{"lpop", "k", "0"}, nil},
		{[]string{"rpop", "nokey", "2"}, nil},
		{[]string{"rpop", "k", "1"}, []string{"rpop k 1"}},
		{[]string{"lset", "k", "0", "A"}, []string{"lset k 0 A"}},
		{[]string{"linsert", "k", "BEFORE", "nope", "x"}, nil},
		{[]string{"linsert", "k", "AFTER", "A", "x"}, []string{"linsert k AFTER A x"}},
		{[]string{"lrem", "k", "0", "nope"}, nil},
		{[]string{"lrem", "k", "1", "x"}, []string{"lrem k 1 x"}},
		{[]string{"ltrim", "k", "0", "-1"}, nil},
		{[]string{"ltrim", "k", "1", "-1"}, []string{"ltrim k 1 -1"}},
		{[]string{"lmove", "nokey", "d", "LEFT", "LEFT"}, nil},
		{[]string{"lmove", "k", "d", "Left", "rIght"}, []string{"lmove k d Left rIght"}},
		{[]string{"rpoplpush", "k", "d"}, []string{"rpoplpush k d"}},
		{[]string{"lmpop", "2", "nokey", "k", "LEFT", "COUNT", "10"}, []string{"LPOP k 2"}},
		{[]string{"lmpop", "1", "k", "LEFT"}, nil},
		{[]string{"rpush", "k", "1", "2", "3"}, []string{"rpush k 1 2 3"}},
		{[]string{"blpop", "nokey", "k", "0"}, []string{"LPOP k"}},
		{[]string{"brpop", "k", "0"}, []string{"RPOP k"}},
		{[]string{"blmove", "k", "d", "left", "RIGHT", "0"}, []string{"LMOVE k d left RIGHT"}},
		{[]string{"brpoplpush", "d", "k", "0"}, []string{"RPOPLPUSH d k"}},
		{[]string{"rpush", "k", "x", "y"}, []string{"rpush k x y"}},
		{[]string{"blmpop", "0", "1", "k", "RIGHT", "COUNT", "2"}, []string{"RPOP k 2"}},
		{[]string{"lrange", "d", "0", "-1"}, nil},
		{[]string{"lpos", "d", "a"}, nil},
	} {
		_, got := a.run(tc.args...)
		if !sameForm(got, tc.want) {
			t.Errorf("%q logged %q, want %q", tc.args, got, tc.want)
		}
	}
	// The save rules count what Redis counts: an element pushed or
	// popped is a change.
	for _, tc := range []struct {
		args  []string
		dirty int64
	}{
		{[]string{"rpush", "x", "a", "b", "c"}, 3},
		{[]string{"lpop", "x", "2"}, 2},
		{[]string{"lmove", "x", "y", "LEFT", "LEFT"}, 1},
		{[]string{"ltrim", "y", "0", "-1"}, 0},
		{[]string{"lset", "y", "0", "b"}, 1},
	} {
		before := a.srv.dirty
		a.run(tc.args...)
		if d := a.srv.dirty - before; d != tc.dirty {
			t.Errorf("%q moved dirty by %d, want %d", tc.args, d, tc.dirty)
		}
	}
}

// TestListServedBlockedPropagation checks the AOF a blocked command
// leaves when it is served later: Redis 7.0 writes BLPOP as LPOP,
// BLMPOP as LPOP or RPOP with the number popped, BLMOVE as LMOVE with
// lower-case left/right, BRPOPLPUSH as RPOPLPUSH, each after the push
// that served it (after EXEC for a push in a transaction).
func TestListServedBlockedPropagation(t *testing.T) {
	dir := t.TempDir()
	s := startIn(t, dir, WithDirective("appendonly", "yes"), WithDirective("appendfsync", "always"))
	c := dial(t, s.Addr())
	w := dial(t, s.Addr())
	for _, tc := range []struct {
		block []string
		push  [][]string
	}{
		{[]string{"BLPOP", "q1", "q2", "0"}, [][]string{{"RPUSH", "q2", "a", "b"}}},
		{[]string{"BRPOP", "q3", "0"}, [][]string{{"MULTI"}, {"RPUSH", "q3", "a", "b"}, {"EXEC"}}},
		{[]string{"BLMOVE", "src", "dst", "RIGHT", "LEFT", "0"}, [][]string{{"RPUSH", "src", "a", "b"}}},
		{[]string{"BRPOPLPUSH", "src2", "dst", "0"}, [][]string{{"LPUSH", "src2", "x"}}},
		{[]string{"BLMPOP", "0", "2", "m1", "m2", "LEFT", "COUNT", "5"}, [][]string{{"RPUSH", "m2", "a", "b", "c"}}},
	} {
		w.send(tc.block...)
		waitBlocked(t, s, 1)
		for _, p := range tc.push {
			c.do(p...)
		}
		if got := w.read(); strings.HasPrefix(got, "-") || got == "*-1\r\n" {
			t.Fatalf("%v answered %q", tc.block, got)
		}
	}
	s.Close()

	var got []string
	_, err := persistence.LoadAOF(persistence.AOFConfig{Dir: dir, DirName: "appendonlydir", FileName: "appendonly.aof"}, persistence.AOFReplay{Apply: func(argv [][]byte) error {
		got = append(got, string(bytes.Join(argv, []byte(" "))))
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"SELECT 0", "RPUSH q2 a b", "LPOP q2",
		"MULTI", "RPUSH q3 a b", "EXEC", "RPOP q3",
		"RPUSH src a b", "LMOVE src dst right left",
		"LPUSH src2 x", "RPOPLPUSH src2 dst",
		"RPUSH m2 a b c", "LPOP m2 3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("AOF:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestListEmptiedKeys checks that every way of emptying a list deletes
// the key.
func TestListEmptiedKeys(t *testing.T) {
	a := newAOFTestClient(t)
	for _, cmd := range [][]string{
		{"lpop", "k"}, {"rpop", "k", "5"}, {"lrem", "k", "0", "a"}, {"ltrim", "k", "1", "0"},
		{"lmove", "k", "other", "LEFT", "LEFT"}, {"lmpop", "1", "k", "LEFT"}, {"blpop", "k", "0"},
		{"blmpop", "0", "1", "k", "RIGHT", "COUNT", "3"},
	} {
		a.run("del", "k", "other")
		a.run("rpush", "k", "a")
		a.run(cmd...)
		if r, _ := a.run("exists", "k"); r != ":0\r\n" {
			t.Errorf("%q left the key: EXISTS = %q", cmd, r)
		}
	}
}

// TestListSnapshotAndRewrite saves lists in a snapshot and in a
// rewritten AOF (RPUSH in batches of 64) and loads them back.
func TestListSnapshotAndRewrite(t *testing.T) {
	elems := make([]string, 0, 300)
	for i := range 300 {
		elems = append(elems, fmt.Sprintf("e%d", i))
	}
	elems = append(elems, "", strings.Repeat("B", 9000), "a\r\nb")
	check := func(c *respConn) {
		t.Helper()
		if got := c.do("LLEN", "l"); got != ":"+strconv.Itoa(len(elems))+"\r\n" {
			t.Fatalf("LLEN = %q", got)
		}
		for i, e := range elems {
			if got := c.do("LINDEX", "l", strconv.Itoa(i)); got != "$"+strconv.Itoa(len(e))+"\r\n"+e+"\r\n" {
				t.Fatalf("LINDEX %d = %.40q", i, got)
			}
		}
		if got := c.do("TTL", "l"); got == ":-1\r\n" || got == ":-2\r\n" {
			t.Fatalf("TTL lost: %q", got)
		}
		if got := c.do("LRANGE", "small", "0", "-1"); got != "*2\r\n$1\r\nx\r\n$1\r\ny\r\n" {
			t.Fatalf("small = %q", got)
		}
	}
	fill := func(c *respConn) {
		c.do(append([]string{"RPUSH", "l"}, elems...)...)
		c.do("EXPIRE", "l", "1000")
		c.do("RPUSH", "small", "x", "y")
	}

	t.Run("snapshot", func(t *testing.T) {
		dir := t.TempDir()
		s := startIn(t, dir)
		c := dial(t, s.Addr())
		fill(c)
		if got := c.do("BGSAVE"); got != "+Background saving started\r\n" {
			t.Fatalf("BGSAVE: %q", got)
		}
		c.do("RPUSH", "l", "after the save") // not in the snapshot
		waitPersistence(t, c, "rdb_bgsave_in_progress:0")
		s.Close()
		s = startIn(t, dir)
		defer s.Close()
		check(dial(t, s.Addr()))
	})
	t.Run("rewrite", func(t *testing.T) {
		dir := t.TempDir()
		s := startIn(t, dir, WithDirective("appendonly", "yes"))
		c := dial(t, s.Addr())
		fill(c)
		if got := c.do("BGREWRITEAOF"); !strings.HasPrefix(got, "+Background append only file rewriting") {
			t.Fatalf("BGREWRITEAOF: %q", got)
		}
		waitPersistence(t, c, "aof_rewrite_in_progress:0")
		s.Close()
		s = startIn(t, dir, WithDirective("appendonly", "yes"))
		defer s.Close()
		check(dial(t, s.Addr()))
	})
}

func waitPersistence(t *testing.T, c *respConn, done string) {
	t.Helper()
	for range 1000 {
		if strings.Contains(c.do("INFO", "persistence"), done) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("never saw %s", done)
}

// TestListRewriteCommands pins the rewrite form: RPUSH with at most 64
// elements each, then the TTL.
func TestListRewriteCommands(t *testing.T) {
	a := newAOFTestClient(t)
	args := []string{"rpush", "l"}
	for i := range 130 {
		args = append(args, strconv.Itoa(i))
	}
	a.run(args...)
	a.run("pexpireat", "l", "4102444800000")
	e := a.srv.dbs[0].keys.Find([]byte("l"))
	k := capture(0, e, true)
	var got []string
	err := k.rewriteCommands(&rewriteScratch{}, func(argv [][]byte) error {
		got = append(got, fmt.Sprintf("%s %s %d", argv[0], argv[1], len(argv)-2))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "RPUSH l 64,RPUSH l 64,RPUSH l 2,PEXPIREAT l 1"; strings.Join(got, ",") != want {
		t.Errorf("rewrite = %q, want %q", strings.Join(got, ","), want)
	}
}

// TestListHotPathAllocs checks that LPUSH, RPUSH, LPOP, RPOP, LINDEX and
// LLEN allocate nothing on an existing list (beyond a new block now and
// then, which a list used as a queue recycles).
func TestListHotPathAllocs(t *testing.T) {
	a := newAOFTestClient(t)
	s, c := a.srv, a.c
	args := []string{"rpush", "q"}
	for i := range 3000 {
		args = append(args, "element:"+strconv.Itoa(i))
	}
	a.run(args...)
	lpush := [][]byte{[]byte("LPUSH"), []byte("q"), []byte("element:new")}
	rpop := [][]byte{[]byte("RPOP"), []byte("q")}
	rpush := [][]byte{[]byte("RPUSH"), []byte("q"), []byte("element:new")}
	lpop := [][]byte{[]byte("LPOP"), []byte("q")}
	lindex := [][]byte{[]byte("LINDEX"), []byte("q"), []byte("1500")}
	llen := [][]byte{[]byte("LLEN"), []byte("q")}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, pair := range [][2][][]byte{{lpush, rpop}, {rpush, lpop}, {lindex, llen}} {
		cmd0, _ := s.table.lookup(pair[0])
		cmd1, _ := s.table.lookup(pair[1])
		n := testing.AllocsPerRun(5000, func() {
			c.reply.buf = c.reply.buf[:0]
			cmd0.Proc(c, pair[0])
			cmd1.Proc(c, pair[1])
		})
		if n != 0 {
			t.Errorf("%s then %s allocate %v times", pair[0][0], pair[1][0], n)
		}
	}
}

// BenchmarkListHotPath measures the queue operations and LINDEX on a
// list of 100k elements.
func BenchmarkListHotPath(b *testing.B) {
	a := newAOFTestClient(b)
	s, c := a.srv, a.c
	for i := 0; i < 100_000; i += 1000 {
		args := []string{"rpush", "q"}
		for j := i; j < i+1000; j++ {
			args = append(args, "element:"+strconv.Itoa(j))
		}
		a.run(args...)
	}
	elem := []byte("element:pushed")
	for _, bc := range []struct {
		name string
		argv [][]byte
		undo [][]byte
	}{
		{"lpush+rpop", [][]byte{[]byte("LPUSH"), []byte("q"), elem}, [][]byte{[]byte("RPOP"), []byte("q")}},
		{"rpush+lpop", [][]byte{[]byte("RPUSH"), []byte("q"), elem}, [][]byte{[]byte("LPOP"), []byte("q")}},
		{"lindex-middle", [][]byte{[]byte("LINDEX"), []byte("q"), []byte("50000")}, nil},
		{"lindex-head", [][]byte{[]byte("LINDEX"), []byte("q"), []byte("10")}, nil},
	} {
		cmd, _ := s.table.lookup(bc.argv)
		var undo *Command
		if bc.undo != nil {
			undo, _ = s.table.lookup(bc.undo)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			s.mu.Lock()
			defer s.mu.Unlock()
			for range b.N {
				c.reply.buf = c.reply.buf[:0]
				cmd.Proc(c, bc.argv)
				if undo != nil {
					undo.Proc(c, bc.undo)
				}
			}
		})
	}
	// Growing a list, for the cost of a push that keeps the element.
	b.Run("rpush-grow", func(b *testing.B) {
		argv := [][]byte{[]byte("RPUSH"), []byte("grow"), elem}
		cmd, _ := s.table.lookup(argv)
		b.ReportAllocs()
		s.mu.Lock()
		defer s.mu.Unlock()
		for range b.N {
			c.reply.buf = c.reply.buf[:0]
			cmd.Proc(c, argv)
		}
	})
}
