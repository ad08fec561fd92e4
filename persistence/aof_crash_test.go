package persistence

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Crash tests: an AOF cut at every byte offset, a byte changed at every
// offset, a process killed while it writes, and a fuzz target. Loading
// must replay a prefix of whole commands or fail with the file and the
// offset; it must never panic or hand a partial command to apply.

// aofCrashWorkload is a few hundred commands over three databases, with
// MULTI/EXEC blocks and values holding CR, LF and '*'.
func aofCrashWorkload(n int) []struct {
	db   int
	argv [][]byte
} {
	var out []struct {
		db   int
		argv [][]byte
	}
	add := func(db int, args ...string) {
		out = append(out, struct {
			db   int
			argv [][]byte
		}{db, aofArgv(args...)})
	}
	for i := 0; len(out) < n; i++ {
		db := (i / 7) % 3
		switch i % 11 {
		case 3:
			add(db, "MULTI")
			add(db, "INCR", "counter")
			add(db, "SET", "k"+strconv.Itoa(i), "in\r\nmulti*1\r\n")
			add(db, "EXEC")
		case 5:
			add(db, "DEL", "k"+strconv.Itoa(i-1))
		case 8:
			add(db, "SET", "e", "")
		default:
			add(db, "SET", "k"+strconv.Itoa(i), strings.Repeat("v", i%5)+"$3\r\n")
		}
	}
	return out
}

// aofBoundaries returns, for the RESP commands in data (no annotations),
// each command's text and the offsets where a load may stop: after a
// command outside MULTI, or after an EXEC.
func aofBoundaries(t testing.TB, cmds []string) (ends []int64, safe []bool) {
	t.Helper()
	var off int64
	inMulti := false
	for _, c := range cmds {
		argv := strings.Split(c, " ")
		off += int64(len(aofResp(argv...)))
		switch strings.ToUpper(argv[0]) {
		case "MULTI":
			inMulti = true
		case "EXEC":
			inMulti = false
		}
		ends = append(ends, off)
		safe = append(safe, !inMulti)
	}
	return ends, safe
}

// aofCrashSetup writes a base (from a rewrite) and the workload into a
// new incr file, and returns the config, the replay of the base, the
// incr file's commands and its bytes.
func aofCrashSetup(t testing.TB, n int) (cfg AOFConfig, baseCmds, incrCmds []string, data []byte) {
	cfg = testAOFConfig(t)
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "before", "rewrite"))
	rw, err := a.StartRewrite()
	if err != nil {
		t.Fatal(err)
	}
	rw.WriteCommand(0, aofArgv("SET", "before", "rewrite"))
	rw.WriteCommand(1, aofArgv("SET", "other", "db"))
	for _, c := range aofCrashWorkload(n) {
		a.Append(c.db, c.argv)
		a.Flush()
	}
	if err := rw.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	all := aofMustLoad(t, cfg)
	baseCmds = []string{"SELECT 0", "SET before rewrite", "SELECT 1", "SET other db"}
	aofSameStrings(t, "base", all[:4], baseCmds)
	incrCmds = all[4:]
	data, err = os.ReadFile(filepath.Join(aofDirOf(cfg), "appendonly.aof.2.incr.aof"))
	if err != nil {
		t.Fatal(err)
	}
	ends, _ := aofBoundaries(t, incrCmds)
	if ends[len(ends)-1] != int64(len(data)) {
		t.Fatalf("the commands re-encode to %d bytes, the file has %d", ends[len(ends)-1], len(data))
	}
	return cfg, baseCmds, incrCmds, data
}

func TestAOFCrashCutIncrAtEveryOffset(t *testing.T) {
	cfg, baseCmds, incrCmds, data := aofCrashSetup(t, 250)
	ends, safe := aofBoundaries(t, incrCmds)
	name := "appendonly.aof.2.incr.aof"
	path := filepath.Join(aofDirOf(cfg), name)
	for cut := 0; cut <= len(data); cut += aofCrashStride() {
		// The load may stop at the last safe boundary at or before cut.
		var validEnd int64
		k := 0
		for i, e := range ends {
			if e > int64(cut) {
				break
			}
			if safe[i] {
				validEnd, k = e, i+1
			}
		}
		want := append(append([]string(nil), baseCmds...), incrCmds[:k]...)
		if err := os.WriteFile(path, data[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		for _, truncOK := range []bool{false, true} { // false first: it leaves the file alone
			cfg.LoadTruncated = truncOK
			got, stats, err := aofLoadAll(t, cfg)
			if len(got) > len(want) || !slicesEqual(got, want[:len(got)]) {
				t.Fatalf("cut %d: replayed %q, not a prefix of the commands", cut, got)
			}
			if int64(cut) == validEnd || truncOK {
				if err != nil {
					t.Fatalf("cut %d (truncated=%v): %v", cut, truncOK, err)
				}
				if len(got) != len(want) || stats.Truncated != int64(cut)-validEnd {
					t.Fatalf("cut %d: %d commands, Truncated %d; want %d, %d", cut, len(got), stats.Truncated, len(want), int64(cut)-validEnd)
				}
				if fi, _ := os.Stat(path); fi.Size() != validEnd {
					t.Fatalf("cut %d: file is %d bytes after the load, want %d", cut, fi.Size(), validEnd)
				}
				continue
			}
			var ae *AOFError
			if !errors.As(err, &ae) || !errors.Is(err, ErrAOFTruncated) || ae.File != name || ae.Offset != validEnd {
				t.Fatalf("cut %d: got %v, want a truncation error at %d", cut, err, validEnd)
			}
			if msg := err.Error(); !strings.Contains(msg, name) || !strings.Contains(msg, fmt.Sprintf("offset %d", validEnd)) {
				t.Fatalf("cut %d: message %q lacks the file or the offset", cut, msg)
			}
			if len(got) != len(want) {
				t.Fatalf("cut %d: replayed %d whole commands before failing, want %d", cut, len(got), len(want))
			}
		}
	}
}

func TestAOFCrashCutBaseAtEveryOffset(t *testing.T) {
	cfg := testAOFConfig(t)
	var base []string
	var body strings.Builder
	for _, c := range aofCrashWorkload(60) {
		argv := make([]string, len(c.argv))
		for i, a := range c.argv {
			argv[i] = string(a)
		}
		base = append(base, strings.Join(argv, " "))
		body.WriteString(aofResp(argv...))
	}
	incr := aofResp("SET", "after", "1")
	data := body.String()
	ends, safe := aofBoundaries(t, base)
	name := "appendonly.aof.1.base.aof"
	for cut := 0; cut <= len(data); cut += aofCrashStride() {
		writeAOFSet(t, cfg, data[:cut], incr)
		boundary := cut == 0
		for i, e := range ends {
			if e == int64(cut) && safe[i] {
				boundary = true
			}
		}
		cfg.LoadTruncated = true // a base is never the last file here
		got, _, err := aofLoadAll(t, cfg)
		if boundary {
			if err != nil || got[len(got)-1] != "SET after 1" {
				t.Fatalf("cut %d: %v %q", cut, err, got)
			}
			continue
		}
		var ae *AOFError
		if !errors.As(err, &ae) || ae.File != name || !strings.Contains(err.Error(), name) {
			t.Fatalf("cut %d: got %v, want an error naming the base", cut, err)
		}
		if len(got) > len(base) || !slicesEqual(got, base[:len(got)]) {
			t.Fatalf("cut %d: replayed %q", cut, got)
		}
	}
}

func TestAOFCrashCorruptEveryByte(t *testing.T) {
	cfg, baseCmds, _, data := aofCrashSetup(t, 120)
	name := "appendonly.aof.2.incr.aof"
	path := filepath.Join(aofDirOf(cfg), name)
	cfg.LoadTruncated = true
	for off := 0; off < len(data); off += aofCrashStride() {
		for _, x := range []byte{0x20, 0x01} {
			bad := bytes.Clone(data)
			bad[off] ^= x
			if err := os.WriteFile(path, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			var replay []byte
			n := 0
			_, err := LoadAOF(cfg, AOFReplay{Apply: func(argv [][]byte) error {
				if n++; n > len(baseCmds) {
					replay = appendAOFCommand(replay, argv)
				}
				return nil
			}})
			if err != nil {
				var ae *AOFError
				if !errors.As(err, &ae) || ae.File != name || ae.Offset < 0 || ae.Offset > int64(len(bad)) ||
					!strings.Contains(err.Error(), name) {
					t.Fatalf("byte %d ^ %#x: %v", off, x, err)
				}
				continue
			}
			// What was replayed is exactly what the file now holds: whole
			// commands, nothing skipped, nothing invented.
			now, _ := os.ReadFile(path)
			if bytes.IndexByte(bad, '#') < 0 && !bytes.Equal(replay, now) {
				t.Fatalf("byte %d ^ %#x: replayed\n%q\nfile\n%q", off, x, replay, now)
			}
		}
	}
}

// aofCrashStride is 1: every offset; with -short, every 7th.
func aofCrashStride() int {
	if testing.Short() {
		return 7
	}
	return 1
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Killing a writer.

const aofCrashEnv = "MINISERVE_AOF_CRASH_CHILD" // the directory to write in

// aofKillWorkload is command batch i of the kill test: a SET in one of
// three databases, then the batch number in db 0.
func aofKillApply(state map[string]string, i int) {
	state[fmt.Sprintf("%d/k%d", i%3, i%50)] = "v" + strconv.Itoa(i)
	state["0/seq"] = strconv.Itoa(i)
}

// TestAOFCrashChild is the writer that TestAOFCrashKill kills. It appends
// batches forever, rewriting every 150 batches, and prints each batch
// number once Flush has returned.
func TestAOFCrashChild(t *testing.T) {
	dir := os.Getenv(aofCrashEnv)
	if dir == "" {
		t.Skip("only run as TestAOFCrashKill's child")
	}
	a, err := OpenAOF(AOFConfig{Dir: dir, Fsync: FsyncEverysec, Logger: aofQuietLogger()})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	state := map[string]string{}
	out := bufio.NewWriter(os.Stdout)
	var rw *AOFRewrite
	var snapshot map[string]string
	for i := 0; ; i++ {
		aofKillApply(state, i)
		a.Append(i%3, aofArgv("SET", "k"+strconv.Itoa(i%50), "v"+strconv.Itoa(i)))
		a.Append(0, aofArgv("SET", "seq", strconv.Itoa(i)))
		if err := a.Flush(); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		a.FsyncIfDue(time.Now())
		switch {
		case i%150 == 0 && rw == nil:
			if rw, err = a.StartRewrite(); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			snapshot = maps.Clone(state)
		case rw != nil && i%150 == 75:
			// Write the base slowly, a few keys per batch, so that the
			// kill may land in the middle of it.
			for k, v := range snapshot {
				db, key, _ := strings.Cut(k, "/")
				n, _ := strconv.Atoi(db)
				rw.WriteCommand(n, aofArgv("SET", key, v))
			}
			if err := rw.Commit(); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			rw = nil
		}
		fmt.Fprintln(out, "acked", i)
		out.Flush()
	}
}

func TestAOFCrashKill(t *testing.T) {
	for round, after := range []int{3, 140, 151, 226, 300, 451, 700} {
		dir := t.TempDir()
		c := exec.Command(os.Args[0], "-test.run=^TestAOFCrashChild$", "-test.count=1")
		c.Env = append(os.Environ(), aofCrashEnv+"="+dir)
		stdout, err := c.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		c.Stderr = os.Stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		acked := -1
		for acked < after && sc.Scan() {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "acked "); ok {
				acked, _ = strconv.Atoi(rest)
			} else if strings.HasPrefix(line, "error") {
				t.Fatalf("child: %s", line)
			}
		}
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		if acked < after {
			t.Fatalf("round %d: the child stopped after batch %d", round, acked)
		}

		// Replay into a model of the databases.
		got := map[string]string{}
		db := 0
		cfg := AOFConfig{Dir: dir, LoadTruncated: true, Logger: aofQuietLogger()}
		_, err = LoadAOF(cfg, AOFReplay{Apply: func(argv [][]byte) error {
			switch string(argv[0]) {
			case "SELECT":
				db, _ = strconv.Atoi(string(argv[1]))
			case "SET":
				got[fmt.Sprintf("%d/%s", db, argv[1])] = string(argv[2])
			default:
				return fmt.Errorf("unexpected %q", argv)
			}
			return nil
		}})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		last, _ := strconv.Atoi(got["0/seq"])
		if last < acked {
			t.Fatalf("round %d: acknowledged batch %d, replay stops at %d", round, acked, last)
		}
		want := map[string]string{}
		for i := 0; i <= last; i++ {
			aofKillApply(want, i)
		}
		if !maps.Equal(got, want) {
			t.Fatalf("round %d: the replay after batch %d is not the state after it", round, last)
		}
		aofRedisCheckIfPresent(t, cfg)
	}
}

// aofRedisCheckIfPresent runs redis-check-aof when it is installed.
func aofRedisCheckIfPresent(t *testing.T, cfg AOFConfig) {
	t.Helper()
	if _, err := exec.LookPath("redis-check-aof"); err != nil {
		return
	}
	cfg, _ = aofNormalize(cfg)
	aofRedisCheck(t, cfg)
}

// Fuzzing.

func FuzzLoadAOF(f *testing.F) {
	f.Add([]byte(aofResp("SELECT", "0")+aofResp("SET", "a", "1")), false)
	f.Add([]byte(aofResp("MULTI")+aofResp("SET", "a", "1")+aofResp("EXEC")+"#TS:1\r\n"), true)
	f.Add([]byte(aofResp("MULTI")+aofResp("SET", "a", "1")), true)
	f.Add([]byte("*2\r\n$3\r\nGET\r\n$100\r\nab"), true)
	f.Add([]byte("*1\r\n$-1\r\n"), false)
	f.Add(append(aofRDBPreamble(), aofResp("SET", "t", "1")...), true)
	f.Add(aofRDBPreamble(0, 1, 'k', 1, 'v'), false)
	f.Add([]byte("#RESIZEDB:0:20\r\n"+strings.Repeat(aofResp("SET", "k", "v"), 20)+aofResp("MULTI")+aofResp("EXEC")+"*1\r\n$3\r\nGE"), true)
	f.Fuzz(func(t *testing.T, data []byte, truncOK bool) {
		cfg := testAOFConfig(t)
		cfg.LoadTruncated = truncOK
		writeAOFSet(t, cfg, aofResp("SET", "base", "1"), string(data))
		var replay []byte
		var ahead []string // shown ahead, not applied yet
		n := 0
		_, err := LoadAOF(cfg, AOFReplay{
			Apply: func(argv [][]byte) error {
				if len(argv) == 0 {
					t.Fatal("empty command")
				}
				if len(ahead) > 0 {
					if cmd := string(appendAOFCommand(nil, argv)); cmd != ahead[0] {
						t.Fatalf("applied %q, shown ahead %q", cmd, ahead[0])
					}
					ahead = ahead[1:]
				}
				if n++; n > 1 {
					replay = appendAOFCommand(replay, argv)
				}
				return nil
			},
			Ahead: func(cmds [][][]byte) {
				if len(ahead) > 0 {
					t.Fatalf("shown ahead before %d were applied", len(ahead))
				}
				for _, argv := range cmds {
					ahead = append(ahead, string(appendAOFCommand(nil, argv)))
				}
			},
			Reserve: func(db, keys int) {
				if db < 0 || keys <= 0 || keys > len(data)/aofMinKeyBytes {
					t.Fatalf("Reserve(%d, %d) from a %d-byte file", db, keys, len(data))
				}
			},
		})
		if err != nil {
			var ae *AOFError
			if !errors.As(err, &ae) || ae.File != "appendonly.aof.1.incr.aof" || ae.Offset < 0 || ae.Offset > int64(len(data)) {
				t.Fatalf("error without the file and offset: %v", err)
			}
			return
		}
		now, _ := os.ReadFile(filepath.Join(aofDirOf(cfg), "appendonly.aof.1.incr.aof"))
		if !bytes.HasPrefix(data, now) {
			t.Fatalf("the load changed the file beyond truncating it")
		}
		if !bytes.Contains(data, []byte("#")) && !bytes.HasPrefix(data, []byte("REDIS")) && !bytes.Equal(replay, now) {
			t.Fatalf("replayed\n%q\nfile\n%q", replay, now)
		}
	})
}

// FuzzAOFReaderBuffered reads the same bytes through a large buffer,
// where nextBuffered parses most commands in place, and through the
// smallest bufio allows, where next reads them a byte at a time: both
// must give the same commands, annotations and errors.
func FuzzAOFReaderBuffered(f *testing.F) {
	f.Add([]byte(aofResp("SELECT", "0") + aofResp("SET", "a", strings.Repeat("v", 40)) + "#TS:1\r\n" + aofResp("DEL", "a")))
	f.Add([]byte("*2\r\n$3\r\nGET\r\n$100\r\nab"))
	f.Add([]byte("*1\r\n$0\r\n\r\n*0\r\n"))
	f.Add([]byte("*1\r\n$1234567890123456789\r\nx\r\n"))
	f.Add([]byte("*0000000000000000001\r\n$000000000000000001\r\nx\r\n*1\r\n$0000000000000000001\r\nx\r\n"))
	f.Add([]byte("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nvX\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		read := func(size int) []string {
			r := &aofReader{br: bufio.NewReaderSize(bytes.NewReader(data), size), size: int64(len(data))}
			r.br.Peek(1) // fill the buffer, so that the first command can be parsed in place
			var got []string
			for range 1000 {
				argv, err := r.next()
				switch {
				case err != nil:
					return append(got, fmt.Sprintf("error at %d: %v", r.off, err))
				case argv == nil:
					got = append(got, "annotation") // its text is kept only when it fits the buffer
				default:
					got = append(got, fmt.Sprintf("%q", argv))
				}
				r.release()
			}
			return got
		}
		if fast, slow := read(64<<10), read(16); !slices.Equal(fast, slow) {
			t.Fatalf("large buffer:\n%q\nsmall buffer:\n%q", fast, slow)
		}
	})
}
