package persistence

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Helpers.

func aofQuietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func testAOFConfig(t testing.TB) AOFConfig {
	return AOFConfig{Dir: t.TempDir(), DirName: "appendonlydir", FileName: "appendonly.aof", Logger: aofQuietLogger()}
}

func aofArgv(args ...string) [][]byte {
	argv := make([][]byte, len(args))
	for i, a := range args {
		argv[i] = []byte(a)
	}
	return argv
}

func aofDirOf(cfg AOFConfig) string { return filepath.Join(cfg.Dir, cfg.DirName) }

func readAOFFile(t testing.TB, cfg AOFConfig, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(aofDirOf(cfg), name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func openTestAOF(t testing.TB, cfg AOFConfig) *AOF {
	t.Helper()
	a, err := OpenAOF(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// loadAll replays cfg and returns the commands, space-joined.
func aofLoadAll(t testing.TB, cfg AOFConfig) ([]string, LoadStats, error) {
	t.Helper()
	var got []string
	stats, err := LoadAOF(cfg, AOFReplay{Apply: func(argv [][]byte) error {
		got = append(got, string(bytes.Join(argv, []byte(" "))))
		return nil
	}})
	return got, stats, err
}

func aofMustLoad(t testing.TB, cfg AOFConfig) []string {
	t.Helper()
	got, _, err := aofLoadAll(t, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func aofSameStrings(t testing.TB, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func aofDirNames(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// mustStartRewrite starts a rewrite of a, or fails the test.
func mustStartRewrite(t testing.TB, a *AOF) *AOFRewrite {
	t.Helper()
	rw, err := a.StartRewrite()
	if err != nil {
		t.Fatal(err)
	}
	return rw
}

func aofResp(argv ...string) string {
	return string(appendAOFCommand(nil, aofArgv(argv...)))
}

// Encoding.

func TestAOFEncoding(t *testing.T) {
	got := string(appendAOFCommand(nil, [][]byte{[]byte("SET"), []byte("k\r\n"), {}}))
	if want := "*3\r\n$3\r\nSET\r\n$3\r\nk\r\n\r\n$0\r\n\r\n"; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
	for db, want := range map[int]string{
		0:  "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n",
		15: "*2\r\n$6\r\nSELECT\r\n$2\r\n15\r\n",
		-1: "*2\r\n$6\r\nSELECT\r\n$2\r\n-1\r\n",
	} {
		if got := string(appendAOFSelect(nil, db)); got != want {
			t.Errorf("SELECT %d: got %q want %q", db, got, want)
		}
	}
}

// The digit-by-digit header must agree with strconv at every boundary.
func TestAOFEncodingHeaderLengths(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 65536, 1 << 20} {
		arg := bytes.Repeat([]byte{'x'}, n)
		want := "*1\r\n$" + strconv.Itoa(n) + "\r\n" + string(arg) + "\r\n"
		if got := string(appendAOFCommand(nil, [][]byte{arg})); got != want {
			t.Fatalf("length %d: got %.40q want %.40q", n, got, want)
		}
	}
	argv := make([][]byte, 1234)
	for i := range argv {
		argv[i] = []byte("a")
	}
	if got := string(appendAOFCommand(nil, argv)); !strings.HasPrefix(got, "*1234\r\n$1\r\na\r\n") {
		t.Fatalf("1234 arguments: got %.40q", got)
	}
}

func TestAOFAppendSelectInsertion(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "a", "1"))
	a.Append(0, aofArgv("SET", "b", "2"))
	a.Append(3, aofArgv("INCR", "n"))
	a.Append(3, aofArgv("DEL", "a"))
	a.Append(0, aofArgv("DEL", "b"))
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	want := aofResp("SELECT", "0") + aofResp("SET", "a", "1") + aofResp("SET", "b", "2") +
		aofResp("SELECT", "3") + aofResp("INCR", "n") + aofResp("DEL", "a") + aofResp("SELECT", "0") + aofResp("DEL", "b")
	if got := readAOFFile(t, cfg, "appendonly.aof.1.incr.aof"); got != want {
		t.Fatalf("incr file:\n got  %q\n want %q", got, want)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	// A reopened file starts with a SELECT again, even for the same db.
	a = openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "c", "3"))
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	want += aofResp("SELECT", "0") + aofResp("SET", "c", "3")
	if got := readAOFFile(t, cfg, "appendonly.aof.1.incr.aof"); got != want {
		t.Fatalf("after reopening:\n got  %q\n want %q", got, want)
	}
}

func TestAOFAppendCopiesArgv(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	defer a.Close()
	argv := aofArgv("SET", "k", "v")
	a.Append(0, argv)
	argv[2][0] = 'X'
	a.Flush()
	if got := readAOFFile(t, cfg, "appendonly.aof.1.incr.aof"); !strings.HasSuffix(got, aofResp("SET", "k", "v")) {
		t.Fatalf("Append kept a reference to argv: %q", got)
	}
}

func TestAOFAppendAllocs(t *testing.T) {
	cfg := testAOFConfig(t)
	cfg.Fsync = FsyncNo
	a := openTestAOF(t, cfg)
	defer a.Close()
	argv := aofArgv("SET", "key:000000000001", "value-value-value-value")
	for range 64 { // grow the buffer first
		a.Append(0, argv)
	}
	a.Flush()
	allocs := testing.AllocsPerRun(1000, func() {
		for range 16 {
			a.Append(0, argv)
		}
		a.mu.Lock()
		a.buf = a.buf[:0] // as Flush leaves it, without the syscall
		a.mu.Unlock()
	})
	if allocs != 0 {
		t.Fatalf("Append allocates %.1f times per batch of 16", allocs)
	}
}

// Layout and manifest.

func TestOpenAOFCreatesLayout(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	aofSameStrings(t, "files", aofDirNames(t, aofDirOf(cfg)),
		[]string{"appendonly.aof.1.base.aof", "appendonly.aof.1.incr.aof", "appendonly.aof.manifest"})
	want := "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n"
	if got := readAOFFile(t, cfg, "appendonly.aof.manifest"); got != want {
		t.Fatalf("manifest %q, want %q", got, want)
	}
	if got := readAOFFile(t, cfg, "appendonly.aof.1.base.aof"); got != "" {
		t.Fatalf("base %q, want empty", got)
	}
	// Nothing to replay yet.
	if got := aofMustLoad(t, cfg); len(got) != 0 {
		t.Fatalf("loaded %q", got)
	}
}

func TestOpenAOFDefaultsAndBadNames(t *testing.T) {
	dir := t.TempDir()
	a, err := OpenAOF(AOFConfig{Dir: dir, Logger: aofQuietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	if _, err := os.Stat(filepath.Join(dir, "appendonlydir", "appendonly.aof.manifest")); err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []AOFConfig{
		{Dir: dir, FileName: "a/b.aof"},
		{Dir: dir, DirName: "x/y"},
		{Dir: dir, DirName: ".."},
	} {
		if _, err := OpenAOF(cfg); err == nil {
			t.Errorf("OpenAOF(%+v) accepted a path", cfg)
		}
		if _, err := LoadAOF(cfg, AOFReplay{Apply: func([][]byte) error { return nil }}); err == nil {
			t.Errorf("LoadAOF(%+v) accepted a path", cfg)
		}
	}
}

func TestManifestEncodeQuotes(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"appendonly.aof.1.base.aof", "appendonly.aof.1.base.aof"},
		{`my "f".aof.2.base.aof`, `"my \"f\".aof.2.base.aof"`}, // as redis-server 7.0.15 writes it
		{"a b", `"a b"`},
		{"nl\n\r\t\a\b", `"nl\n\r\t\a\b"`},
		{"caf\xc3\xa9\x01", `"caf\xc3\xa9\x01"`},
		{"it's", `"it's"`}, // Redis would leave it bare and then fail to read it back
	} {
		m := &aofManifest{base: &aofInfo{name: tc.name, seq: 1, typ: aofTypeBase}}
		want := "file " + tc.want + " seq 1 type b\n"
		if got := string(m.encode()); got != want {
			t.Errorf("%q: got %q want %q", tc.name, got, want)
		}
		back, err := parseAOFManifest(m.encode())
		if err != nil || back.base == nil || back.base.name != tc.name {
			t.Errorf("%q does not read back: %+v %v", tc.name, back, err)
		}
	}
}

func TestManifestRoundTrip(t *testing.T) {
	m := &aofManifest{
		base:    &aofInfo{name: "x y.aof.4.base.aof", seq: 4, typ: aofTypeBase},
		history: []aofInfo{{name: "x y.aof.3.base.aof", seq: 3, typ: aofTypeHistory}, {name: "x y.aof.6.incr.aof", seq: 6, typ: aofTypeHistory}},
		incr:    []aofInfo{{name: "x y.aof.7.incr.aof", seq: 7, typ: aofTypeIncr}, {name: "x y.aof.8.incr.aof", seq: 8, typ: aofTypeIncr}},
		baseSeq: 4,
		incrSeq: 8,
	}
	want := `file "x y.aof.4.base.aof" seq 4 type b
file "x y.aof.3.base.aof" seq 3 type h
file "x y.aof.6.incr.aof" seq 6 type h
file "x y.aof.7.incr.aof" seq 7 type i
file "x y.aof.8.incr.aof" seq 8 type i
`
	if got := string(m.encode()); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	back, err := parseAOFManifest([]byte(want))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(*back.base, back.history, back.incr, back.baseSeq, back.incrSeq) != fmt.Sprint(*m.base, m.history, m.incr, m.baseSeq, m.incrSeq) {
		t.Fatalf("read back %+v", back)
	}
}

func TestManifestParse(t *testing.T) {
	ok := []struct{ in, want string }{
		{"# comment\nfile a seq 1 type b\n", "b:a/1"},
		{"FILE a SEQ 1 TYPE b\n", "b:a/1"},                            // keys are case-insensitive
		{"file a seq 1 type b extra 1\n", "b:a/1"},                    // unknown keys are ignored
		{"seq 2 type i file 'q a'\n", "i:q a/2"},                      // any order, single quotes
		{"  file a seq 1 type b  \r\n", "b:a/1"},                      // trimmed
		{"file \"\\x41\\x62\" seq 1 type b\n", "b:Ab/1"},              // hex escapes
		{"file a seq 1 type i\nfile b seq 3 type i\n", "i:a/1 i:b/3"}, // increasing incr seq
		{"file a seq 1 type h\nfile b seq 1 type h\n", "h:a/1 h:b/1"}, // history only
		{"file a seq 1 type b\nfile c seq 9 type i\n", "b:a/1 i:c/9"}, // seq gaps are fine
		{"file a seq 5x type base\n", "b:a/5"},                        // atoll, first byte of type
		{"file a seq 1 type i\n# trailing comment", "i:a/1"},          // a comment needs no newline
		{"file a.aof seq 1 type b\nfile a.aof seq 1 type i\n", "b:a.aof/1 i:a.aof/1"},
	}
	for _, tc := range ok {
		m, err := parseAOFManifest([]byte(tc.in))
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		var parts []string
		if m.base != nil {
			parts = append(parts, fmt.Sprintf("b:%s/%d", m.base.name, m.base.seq))
		}
		for _, ai := range m.history {
			parts = append(parts, fmt.Sprintf("h:%s/%d", ai.name, ai.seq))
		}
		for _, ai := range m.incr {
			parts = append(parts, fmt.Sprintf("i:%s/%d", ai.name, ai.seq))
		}
		if got := strings.Join(parts, " "); got != tc.want {
			t.Errorf("%q: got %q want %q", tc.in, got, tc.want)
		}
	}
	bad := []struct{ in, want string }{
		{"", "empty"},
		{"file a seq 1 type b", "too long line"}, // Redis wants the newline
		{"file a seq 1 type b\n\n", "Invalid AOF manifest file format"},
		{"file a seq 1\n", "Invalid AOF manifest file format"},
		{"file a seq 1 type\n", "Invalid AOF manifest file format"},
		{"file a seq 0 type b\n", "Invalid AOF manifest file format"},
		{"file a seq x type b\n", "Invalid AOF manifest file format"},
		{"file \"a seq 1 type b\n", "Invalid AOF manifest file format"},
		{"file \"a\"b seq 1 type b\n", "Invalid AOF manifest file format"},
		{"file d/a seq 1 type b\n", "can't be a path"},
		{"file a seq 1 type b\nfile b seq 2 type b\n", "duplicate base"},
		{"file a seq 2 type i\nfile b seq 2 type i\n", "non-monotonic"},
		{"file a seq 1 type x\n", "Unknown AOF file type"},
		{"file " + strings.Repeat("a", 1100) + " seq 1 type b\n", "too long line"},
	}
	for _, tc := range bad {
		_, err := parseAOFManifest([]byte(tc.in))
		if err == nil || !errors.Is(err, errManifest) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.40q: got %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}

func TestManifestSplitArgs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		ok   bool
	}{
		{`a b  c`, []string{"a", "b", "c"}, true},
		{`"a b" 'c d'`, []string{"a b", "c d"}, true},
		{`"\n\r\t\a\b\\\"\x41\q"`, []string{"\n\r\t\a\b\\\"Aq"}, true},
		{`'it\'s'`, []string{"it's"}, true},
		{`a"b c"`, []string{"ab c"}, true}, // a quote inside a token opens quotes, as in sdssplitargs
		{`"ab"c`, nil, false},
		{`'ab`, nil, false},
		{``, nil, true},
	} {
		got, ok := manifestSplitArgs([]byte(tc.in))
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestOpenAOFWithQuotedNames(t *testing.T) {
	cfg := testAOFConfig(t)
	cfg.FileName = `my "odd" file.aof`
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "a", "1"))
	a.Close()
	want := "file \"my \\\"odd\\\" file.aof.1.base.aof\" seq 1 type b\nfile \"my \\\"odd\\\" file.aof.1.incr.aof\" seq 1 type i\n"
	if got := readAOFFile(t, cfg, cfg.FileName+".manifest"); got != want {
		t.Fatalf("manifest %q, want %q", got, want)
	}
	aofSameStrings(t, "replay", aofMustLoad(t, cfg), []string{"SELECT 0", "SET a 1"})
}

// Reopening and rewriting.

func TestAOFReopenAndAppend(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "a", "1"))
	a.Append(1, aofArgv("SET", "b", "2"))
	a.Flush()
	a.Close()
	base, incr := a.Sizes()
	if base != 0 || incr != int64(len(aofResp("SELECT", "0")+aofResp("SET", "a", "1")+aofResp("SELECT", "1")+aofResp("SET", "b", "2"))) {
		t.Fatalf("sizes %d %d", base, incr)
	}
	a = openTestAOF(t, cfg)
	if b2, i2 := a.Sizes(); b2 != base || i2 != incr {
		t.Fatalf("reopened sizes %d %d, want %d %d", b2, i2, base, incr)
	}
	a.Append(1, aofArgv("SET", "c", "3"))
	a.Close()
	aofSameStrings(t, "replay", aofMustLoad(t, cfg), []string{"SELECT 0", "SET a 1", "SELECT 1", "SET b 2", "SELECT 1", "SET c 3"})
	if got := readAOFFile(t, cfg, "appendonly.aof.manifest"); strings.Count(got, "\n") != 2 {
		t.Fatalf("reopening changed the manifest: %q", got)
	}
}

func TestAOFUseAfterClose(t *testing.T) {
	a := openTestAOF(t, testAOFConfig(t))
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	a.Append(0, aofArgv("SET", "a", "1")) // ignored
	a.FsyncIfDue(time.Now().Add(time.Hour))
	if err := a.Flush(); !errors.Is(err, ErrAOFClosed) {
		t.Fatalf("Flush after Close: %v", err)
	}
	if _, err := a.StartRewrite(); !errors.Is(err, ErrAOFClosed) {
		t.Fatalf("StartRewrite after Close: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestAOFRewriteCommit(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "a", "1"))
	a.Append(0, aofArgv("SET", "a", "2"))
	a.Append(2, aofArgv("SET", "z", "9"))
	rw := mustStartRewrite(t, a) // flushes the buffer into incr 1
	if _, err := a.StartRewrite(); !errors.Is(err, ErrAOFRewriteInProgress) {
		t.Fatalf("second StartRewrite: %v", err)
	}
	// While the rewrite runs the manifest already lists the new incr file.
	if got := readAOFFile(t, cfg, "appendonly.aof.manifest"); got != "file appendonly.aof.1.base.aof seq 1 type b\n"+
		"file appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n" {
		t.Fatalf("manifest during the rewrite: %q", got)
	}
	a.Append(2, aofArgv("DEL", "z")) // goes to incr 2, with a SELECT first
	a.Flush()
	for _, c := range []struct {
		db   int
		argv [][]byte
	}{{0, aofArgv("SET", "a", "2")}, {2, aofArgv("SET", "z", "9")}} {
		if err := rw.WriteCommand(c.db, c.argv); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := rw.Commit(); err == nil {
		t.Fatal("second Commit succeeded")
	}
	if got := readAOFFile(t, cfg, "appendonly.aof.manifest"); got != "file appendonly.aof.2.base.aof seq 2 type b\n"+
		"file appendonly.aof.2.incr.aof seq 2 type i\n" {
		t.Fatalf("manifest after the rewrite: %q", got)
	}
	aofSameStrings(t, "files", aofDirNames(t, aofDirOf(cfg)),
		[]string{"appendonly.aof.2.base.aof", "appendonly.aof.2.incr.aof", "appendonly.aof.manifest"})
	wantBase := aofResp("SELECT", "0") + aofResp("SET", "a", "2") + aofResp("SELECT", "2") + aofResp("SET", "z", "9")
	if got := readAOFFile(t, cfg, "appendonly.aof.2.base.aof"); got != wantBase {
		t.Fatalf("base %q want %q", got, wantBase)
	}
	base, incr := a.Sizes()
	if base != int64(len(wantBase)) || incr != int64(len(aofResp("SELECT", "2")+aofResp("DEL", "z"))) {
		t.Fatalf("sizes %d %d", base, incr)
	}
	a.Append(0, aofArgv("SET", "b", "3"))
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	aofSameStrings(t, "replay", aofMustLoad(t, cfg),
		[]string{"SELECT 0", "SET a 2", "SELECT 2", "SET z 9", "SELECT 2", "DEL z", "SELECT 0", "SET b 3"})
}

func TestAOFRewriteAbort(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "a", "1"))
	rw := mustStartRewrite(t, a)
	rw.WriteCommand(0, aofArgv("SET", "a", "1"))
	a.Append(0, aofArgv("SET", "b", "2"))
	a.Flush()
	rw.Abort()
	rw.Abort() // idempotent
	wantManifest := "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n" +
		"file appendonly.aof.2.incr.aof seq 2 type i\n"
	if got := readAOFFile(t, cfg, "appendonly.aof.manifest"); got != wantManifest {
		t.Fatalf("manifest after abort: %q", got)
	}
	aofSameStrings(t, "files", aofDirNames(t, aofDirOf(cfg)), []string{"appendonly.aof.1.base.aof",
		"appendonly.aof.1.incr.aof", "appendonly.aof.2.incr.aof", "appendonly.aof.manifest"})
	want := []string{"SELECT 0", "SET a 1", "SELECT 0", "SET b 2"}
	aofSameStrings(t, "replay after abort", aofMustLoad(t, cfg), want)

	// The next rewrite supersedes all three files.
	rw = mustStartRewrite(t, a)
	a.Append(0, aofArgv("SET", "c", "3"))
	rw.WriteCommand(0, aofArgv("SET", "a", "1"))
	rw.WriteCommand(0, aofArgv("SET", "b", "2"))
	if err := rw.Commit(); err != nil {
		t.Fatal(err)
	}
	a.Close()
	aofSameStrings(t, "files", aofDirNames(t, aofDirOf(cfg)),
		[]string{"appendonly.aof.2.base.aof", "appendonly.aof.3.incr.aof", "appendonly.aof.manifest"})
	aofSameStrings(t, "replay", aofMustLoad(t, cfg), []string{"SELECT 0", "SET a 1", "SET b 2", "SELECT 0", "SET c 3"})
}

func TestAOFRewriteCommitAfterClose(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "a", "1"))
	rw := mustStartRewrite(t, a)
	a.Append(0, aofArgv("SET", "b", "2"))
	rw.WriteCommand(0, aofArgv("SET", "a", "1"))
	a.Close()
	if err := rw.Commit(); !errors.Is(err, ErrAOFClosed) {
		t.Fatalf("Commit after Close: %v", err)
	}
	for _, n := range aofDirNames(t, aofDirOf(cfg)) {
		if strings.HasPrefix(n, "temp-") {
			t.Fatalf("left %s behind", n)
		}
	}
	aofSameStrings(t, "replay", aofMustLoad(t, cfg), []string{"SELECT 0", "SET a 1", "SELECT 0", "SET b 2"})
}

func TestAOFRewriteLargeBase(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	defer a.Close()
	rw := mustStartRewrite(t, a)
	val := bytes.Repeat([]byte("v"), 1000)
	const n = 6000 // about 6 MB: several chunks and an incremental fsync
	for i := range n {
		if err := rw.WriteCommand(i%3, [][]byte{[]byte("SET"), []byte(strconv.Itoa(i)), val}); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Commit(); err != nil {
		t.Fatal(err)
	}
	count := 0
	if _, err := LoadAOF(cfg, AOFReplay{Apply: func(argv [][]byte) error {
		if string(argv[0]) == "SET" {
			if !bytes.Equal(argv[2], val) {
				return errors.New("bad value")
			}
			count++
		}
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if count != n {
		t.Fatalf("loaded %d SETs, want %d", count, n)
	}
}

func TestOpenAOFCleansUp(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "a", "1"))
	a.Close()
	dir := aofDirOf(cfg)
	// A crash after a rewrite's manifest went in but before the old files
	// were deleted, and a crash during another rewrite.
	m, _ := readAOFManifest(filepath.Join(dir, "appendonly.aof.manifest"))
	os.WriteFile(filepath.Join(dir, "old.aof.0.incr.aof"), []byte("junk"), 0o644)
	m.history = append(m.history, aofInfo{name: "old.aof.0.incr.aof", seq: 1, typ: aofTypeHistory},
		aofInfo{name: "gone.aof", seq: 2, typ: aofTypeHistory})
	if err := writeAOFManifest(dir, "appendonly.aof.manifest", m); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "temp-rewriteaof-appendonly.aof.12345.tmp"), []byte("junk"), 0o644)
	os.WriteFile(filepath.Join(dir, "temp-appendonly.aof.manifest"), []byte("junk"), 0o644)
	os.WriteFile(filepath.Join(dir, "temp-rewriteaof-other.aof.1.tmp"), []byte("not ours"), 0o644)
	aofSameStrings(t, "replay with history", aofMustLoad(t, cfg), []string{"SELECT 0", "SET a 1"})
	a = openTestAOF(t, cfg)
	a.Close()
	aofSameStrings(t, "files", aofDirNames(t, dir), []string{"appendonly.aof.1.base.aof", "appendonly.aof.1.incr.aof",
		"appendonly.aof.manifest", "temp-rewriteaof-other.aof.1.tmp"})
	if got := readAOFFile(t, cfg, "appendonly.aof.manifest"); strings.Contains(got, "type h") {
		t.Fatalf("history left in the manifest: %q", got)
	}
}

// Fsync policies.

// aofSyncCounter replaces the AOF's fsync with one that counts, and can hold
// each fsync until released.
type aofSyncCounter struct {
	calls    atomic.Int64
	inFlight atomic.Int64
	maxIn    atomic.Int64
	hold     chan struct{} // when not nil, each fsync waits for a value
	started  chan struct{} // when not nil, each fsync sends here first
	err      atomic.Pointer[error]
}

func (s *aofSyncCounter) install(a *AOF) {
	a.syncFile = func(f *os.File) error {
		n := s.inFlight.Add(1)
		for {
			m := s.maxIn.Load()
			if n <= m || s.maxIn.CompareAndSwap(m, n) {
				break
			}
		}
		defer s.inFlight.Add(-1)
		s.calls.Add(1)
		if s.started != nil {
			s.started <- struct{}{}
		}
		if s.hold != nil {
			<-s.hold
		}
		if e := s.err.Load(); e != nil {
			return *e
		}
		return f.Sync()
	}
}

func TestAOFFsyncAlways(t *testing.T) {
	cfg := testAOFConfig(t)
	cfg.Fsync = FsyncAlways
	a := openTestAOF(t, cfg)
	var sc aofSyncCounter
	sc.install(a)
	for i := range 5 {
		a.Append(0, aofArgv("SET", "k", strconv.Itoa(i)))
		if err := a.Flush(); err != nil {
			t.Fatal(err)
		}
		if got := sc.calls.Load(); got != int64(i+1) {
			t.Fatalf("after %d Flushes, %d fsyncs", i+1, got)
		}
	}
	a.Flush() // nothing written: no fsync
	a.FsyncIfDue(time.Now().Add(time.Hour))
	if got := sc.calls.Load(); got != 5 {
		t.Fatalf("%d fsyncs, want 5", got)
	}
	// An fsync error is returned and reported until an fsync succeeds.
	eio := error(syscall.EIO)
	sc.err.Store(&eio)
	a.Append(0, aofArgv("SET", "k", "x"))
	if err := a.Flush(); !errors.Is(err, syscall.EIO) {
		t.Fatalf("Flush: %v", err)
	}
	if err := a.LastWriteError(); err == nil || err.Error() != "Input/output error" {
		t.Fatalf("LastWriteError: %v", err)
	}
	sc.err.Store(nil)
	a.Append(0, aofArgv("SET", "k", "y"))
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := a.LastWriteError(); err != nil {
		t.Fatalf("LastWriteError after a good fsync: %v", err)
	}
	a.Close()
}

func TestAOFFsyncNo(t *testing.T) {
	cfg := testAOFConfig(t)
	cfg.Fsync = FsyncNo
	a := openTestAOF(t, cfg)
	var sc aofSyncCounter
	sc.install(a)
	for range 3 {
		a.Append(0, aofArgv("SET", "k", "v"))
		a.Flush()
		a.FsyncIfDue(time.Now().Add(time.Hour))
	}
	if got := sc.calls.Load(); got != 0 {
		t.Fatalf("%d fsyncs with appendfsync no", got)
	}
	a.Close() // Close still fsyncs, as Redis does at shutdown
	if got := sc.calls.Load(); got != 1 {
		t.Fatalf("%d fsyncs after Close, want 1", got)
	}
}

func TestAOFFsyncEverysec(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	var sc aofSyncCounter
	sc.install(a)
	sc.hold = make(chan struct{})
	sc.started = make(chan struct{})
	t0 := time.Now()

	a.Append(0, aofArgv("SET", "k", "1"))
	a.Flush()
	if sc.calls.Load() != 0 {
		t.Fatal("everysec Flush fsynced")
	}
	a.FsyncIfDue(t0.Add(-time.Hour)) // not due yet
	if sc.calls.Load() != 0 || a.fsyncs.Load() != 0 {
		t.Fatal("FsyncIfDue fsynced before a second had passed")
	}

	// Due: FsyncIfDue starts the fsync and returns while it is held. If
	// it blocked, done would never be closed and the test would fail.
	done := make(chan struct{})
	go func() {
		a.FsyncIfDue(t0.Add(2 * time.Second))
		close(done)
	}()
	<-sc.started
	select {
	case <-done:
	case <-time.After(10 * time.Second): // a deadlock guard, not a timing assertion
		t.Fatal("FsyncIfDue waited for the fsync")
	}

	// While it is in flight: writes go on, and no second fsync starts.
	a.Append(0, aofArgv("SET", "k", "2"))
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		a.FsyncIfDue(t0.Add(time.Duration(10+i) * time.Second))
	}
	if got := a.fsyncs.Load(); got != 1 {
		t.Fatalf("%d fsyncs begun while one was in flight", got)
	}
	if err := a.LastWriteError(); err != nil {
		t.Fatal(err)
	}
	sc.hold <- struct{}{} // finish the first

	// The next due call starts another, for the write made meanwhile.
	go func() { <-sc.started; sc.hold <- struct{}{} }()
	for a.fsyncs.Load() < 2 {
		a.FsyncIfDue(t0.Add(time.Hour))
		if a.fsyncs.Load() < 2 {
			time.Sleep(time.Millisecond) // the first job is still finishing
		}
	}
	// Nothing written since: never due.
	go func() {
		for range sc.started {
			sc.hold <- struct{}{}
		}
	}()
	a.mu.Lock()
	for a.job != nil {
		a.mu.Unlock()
		time.Sleep(time.Millisecond)
		a.mu.Lock()
		a.collectLocked()
	}
	a.mu.Unlock()
	a.FsyncIfDue(t0.Add(10 * time.Hour))
	if got := a.fsyncs.Load(); got != 2 {
		t.Fatalf("%d fsyncs, want 2", got)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	close(sc.started)
	if m := sc.maxIn.Load(); m != 1 {
		t.Fatalf("%d fsyncs ran at once", m)
	}
}

func TestAOFCloseWaitsForFsync(t *testing.T) {
	a := openTestAOF(t, testAOFConfig(t))
	var sc aofSyncCounter
	sc.install(a)
	sc.hold = make(chan struct{})
	sc.started = make(chan struct{}, 2)
	a.Append(0, aofArgv("SET", "k", "1"))
	a.Flush()
	a.FsyncIfDue(time.Now().Add(time.Hour))
	<-sc.started
	closed := make(chan error)
	go func() { closed <- a.Close() }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while an fsync was in flight", err)
	default:
	}
	close(sc.hold)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	if got := sc.calls.Load(); got != 2 || sc.maxIn.Load() != 1 {
		t.Fatalf("%d fsyncs, %d at once", got, sc.maxIn.Load())
	}
}

func TestAOFSetFsync(t *testing.T) {
	a := openTestAOF(t, testAOFConfig(t))
	defer a.Close()
	var sc aofSyncCounter
	sc.install(a)
	a.Append(0, aofArgv("SET", "k", "1"))
	a.Flush()
	a.SetFsync(FsyncAlways)
	a.Append(0, aofArgv("SET", "k", "2"))
	a.Flush()
	if sc.calls.Load() != 1 {
		t.Fatalf("%d fsyncs after switching to always", sc.calls.Load())
	}
	a.SetFsync(FsyncNo)
	a.Append(0, aofArgv("SET", "k", "3"))
	a.Flush()
	a.FsyncIfDue(time.Now().Add(time.Hour))
	if sc.calls.Load() != 1 {
		t.Fatalf("%d fsyncs after switching to no", sc.calls.Load())
	}
}

func TestAOFRewriteSyncsOldIncr(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	var sc aofSyncCounter
	sc.install(a)
	a.Append(0, aofArgv("SET", "k", "1"))
	a.Flush()
	rw := mustStartRewrite(t, a)
	rw.Abort()
	a.Close()
	// One for the old incr file at the switch (in the background), one
	// at Close.
	if got := sc.calls.Load(); got != 2 {
		t.Fatalf("%d fsyncs, want 2", got)
	}
}

// Write errors.

func TestAOFWriteErrorRecovery(t *testing.T) {
	for _, partial := range []bool{false, true} {
		t.Run(fmt.Sprintf("partial=%v", partial), func(t *testing.T) {
			cfg := testAOFConfig(t)
			a := openTestAOF(t, cfg)
			a.Append(0, aofArgv("SET", "a", "1"))
			a.Flush()
			var fail atomic.Bool
			fail.Store(true)
			a.writeFile = func(f *os.File, p []byte) (int, error) {
				if fail.Load() {
					if partial {
						n, _ := f.Write(p[:len(p)/2])
						return n, syscall.ENOSPC
					}
					return 0, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
				}
				return f.Write(p)
			}
			a.Append(0, aofArgv("SET", "b", "2"))
			err := a.Flush()
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("Flush: %v", err)
			}
			if got := a.LastWriteError(); got == nil || got.Error() != "No space left on device" {
				t.Fatalf("LastWriteError: %v", got)
			}
			// The half-written command was cut off the file.
			aofSameStrings(t, "replay during the error", aofMustLoad(t, cfg), []string{"SELECT 0", "SET a 1"})
			a.Append(0, aofArgv("SET", "c", "3"))
			a.FsyncIfDue(time.Now()) // retries, still failing
			if a.LastWriteError() == nil {
				t.Fatal("error cleared while writes fail")
			}
			fail.Store(false)
			a.FsyncIfDue(time.Now()) // retries, as Redis's serverCron does
			if err := a.LastWriteError(); err != nil {
				t.Fatalf("LastWriteError after recovery: %v", err)
			}
			a.Close()
			aofSameStrings(t, "replay", aofMustLoad(t, cfg), []string{"SELECT 0", "SET a 1", "SET b 2", "SET c 3"})
			_, incr := a.Sizes()
			if fi, _ := os.Stat(filepath.Join(aofDirOf(cfg), "appendonly.aof.1.incr.aof")); fi.Size() != incr {
				t.Fatalf("Sizes says %d, the file has %d", incr, fi.Size())
			}
		})
	}
}

// Loading.

func writeAOFSet(t testing.TB, cfg AOFConfig, base string, incrs ...string) {
	t.Helper()
	dir := aofDirOf(cfg)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	m := &aofManifest{base: &aofInfo{name: aofBaseName(cfg.FileName, 1), seq: 1, typ: aofTypeBase}, baseSeq: 1}
	if err := os.WriteFile(filepath.Join(dir, m.base.name), []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, data := range incrs {
		ai := aofInfo{name: aofIncrName(cfg.FileName, int64(i+1)), seq: int64(i + 1), typ: aofTypeIncr}
		m.incr = append(m.incr, ai)
		m.incrSeq = ai.seq
		if err := os.WriteFile(filepath.Join(dir, ai.name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeAOFManifest(dir, cfg.FileName+aofManifestSuffix, m); err != nil {
		t.Fatal(err)
	}
}

func TestLoadAOFNothing(t *testing.T) {
	cfg := testAOFConfig(t)
	stats, err := LoadAOF(cfg, AOFReplay{Apply: func([][]byte) error { t.Fatal("apply called"); return nil }})
	if err != nil || stats != (LoadStats{}) {
		t.Fatalf("%+v %v", stats, err)
	}
	// A directory without a manifest: nothing either.
	os.MkdirAll(aofDirOf(cfg), 0o755)
	if _, err := LoadAOF(cfg, AOFReplay{Apply: func([][]byte) error { return nil }}); err != nil {
		t.Fatal(err)
	}
}

func TestLoadAOFLegacyFile(t *testing.T) {
	cfg := testAOFConfig(t)
	legacy := aofResp("SELECT", "0") + aofResp("SET", "old", "1")
	os.WriteFile(filepath.Join(cfg.Dir, cfg.FileName), []byte(legacy), 0o644)
	aofSameStrings(t, "legacy", aofMustLoad(t, cfg), []string{"SELECT 0", "SET old 1"})

	// OpenAOF moves it in as the base, as Redis 7 upgrades it.
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "new", "2"))
	a.Close()
	if _, err := os.Stat(filepath.Join(cfg.Dir, cfg.FileName)); !os.IsNotExist(err) {
		t.Fatalf("legacy file still there: %v", err)
	}
	want := "file appendonly.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n"
	if got := readAOFFile(t, cfg, "appendonly.aof.manifest"); got != want {
		t.Fatalf("manifest %q want %q", got, want)
	}
	aofSameStrings(t, "upgraded", aofMustLoad(t, cfg), []string{"SELECT 0", "SET old 1", "SELECT 0", "SET new 2"})
}

func TestLoadAOFInterruptedUpgrade(t *testing.T) {
	cfg := testAOFConfig(t)
	os.WriteFile(filepath.Join(cfg.Dir, cfg.FileName), []byte(aofResp("SET", "old", "1")), 0o644)
	// The manifest went in, the file was not moved yet.
	dir := aofDirOf(cfg)
	os.MkdirAll(dir, 0o755)
	writeAOFManifest(dir, "appendonly.aof.manifest", &aofManifest{base: &aofInfo{name: "appendonly.aof", seq: 1, typ: aofTypeBase}, baseSeq: 1})
	aofSameStrings(t, "before", aofMustLoad(t, cfg), []string{"SET old 1"})
	a := openTestAOF(t, cfg)
	a.Close()
	aofSameStrings(t, "after", aofMustLoad(t, cfg), []string{"SET old 1"})
}

func TestLoadAOFAnnotationsAndMulti(t *testing.T) {
	cfg := testAOFConfig(t)
	body := "#TS:1700000000\r\n" + aofResp("SELECT", "0") + aofResp("MULTI") + aofResp("SET", "a", "1") +
		"#TS:1700000001\r\n" + aofResp("INCR", "n") + aofResp("EXEC") + aofResp("exec") + aofResp("SET", "b", "2")
	writeAOFSet(t, cfg, "", body)
	aofSameStrings(t, "replay", aofMustLoad(t, cfg),
		[]string{"SELECT 0", "MULTI", "SET a 1", "INCR n", "EXEC", "exec", "SET b 2"})
}

func TestLoadAOFResizeDBAnnotations(t *testing.T) {
	cfg := testAOFConfig(t)
	sets := strings.Repeat(aofResp("SET", "key", "value"), 10) // 290 bytes
	base := "#RESIZEDB:0:3\r\n#RESIZEDB:15:7\r\n" +
		"#RESIZEDB:x:1\r\n#RESIZEDB:1\r\n#RESIZEDB:-1:5\r\n#RESIZEDB:2:0\r\n#RESIZEDB:2:1:1\r\n#TS:1\r\n" +
		"#RESIZEDB:4:999999999999\r\n" + // more than the file can hold
		sets
	writeAOFSet(t, cfg, base, "#RESIZEDB:5:1\r\n"+aofResp("SET", "b", "2"))
	var got [][2]int
	applied := 0
	_, err := LoadAOF(cfg, AOFReplay{
		Apply:   func([][]byte) error { applied++; return nil },
		Reserve: func(db, keys int) { got = append(got, [2]int{db, keys}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	// The cap is the bytes left after the annotation over aofMinKeyBytes.
	want := [][2]int{{0, 3}, {15, 7}, {4, len(sets) / aofMinKeyBytes}, {5, 1}}
	if !slices.Equal(got, want) || applied != 11 {
		t.Fatalf("Reserve calls %v, want %v; %d commands applied", got, want, applied)
	}
	// Without a Reserve hook the annotations are comments.
	if got := aofMustLoad(t, cfg); len(got) != 11 {
		t.Fatalf("replay %q", got)
	}
}

func TestAOFRewriteWritesKeyCounts(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	defer a.Close()
	rw := mustStartRewrite(t, a)
	rw.WriteKeyCount(0, 2)
	rw.WriteKeyCount(3, 12345)
	rw.WriteCommand(0, aofArgv("SET", "a", "1"))
	if err := rw.Commit(); err != nil {
		t.Fatal(err)
	}
	base, _ := a.Sizes()
	text := readAOFFile(t, cfg, aofBaseName(cfg.FileName, 2))
	if want := "#RESIZEDB:0:2\r\n#RESIZEDB:3:12345\r\n" + aofResp("SELECT", "0") + aofResp("SET", "a", "1"); text != want || base != int64(len(want)) {
		t.Fatalf("base %q (%d bytes), want %q", text, base, want)
	}
	if err := rw.WriteKeyCount(1, 1); err == nil {
		t.Fatal("WriteKeyCount after Commit did not fail")
	}
}

func TestLoadAOFShowsCommandsAhead(t *testing.T) {
	cfg := testAOFConfig(t)
	cfg.LoadTruncated = true
	var body strings.Builder
	var want []string
	for i := range 40 {
		if i == 20 {
			body.WriteString(aofResp("MULTI") + aofResp("INCR", "m") + aofResp("EXEC"))
			want = append(want, "MULTI", "INCR m", "EXEC")
		}
		if i == 30 {
			body.WriteString("#TS:1\r\n")
		}
		cmd := []string{"SET", "k" + strconv.Itoa(i), strings.Repeat("v", i*500)}
		body.WriteString(aofResp(cmd...))
		want = append(want, strings.Join(cmd, " "))
	}
	body.WriteString("*3\r\n$3\r\nSET\r\n$1\r\nk") // cut off
	writeAOFSet(t, cfg, "", body.String())
	// Every command shown ahead is applied next, in order, with its bytes
	// intact; none of a transaction is shown.
	var ahead, applied []string
	shown := 0
	_, err := LoadAOF(cfg, AOFReplay{
		Apply: func(argv [][]byte) error {
			cmd := string(bytes.Join(argv, []byte(" ")))
			if len(ahead) > 0 {
				if ahead[0] != cmd {
					return fmt.Errorf("applied %.20q, shown ahead %.20q", cmd, ahead[0])
				}
				ahead = ahead[1:]
			}
			applied = append(applied, cmd)
			return nil
		},
		Ahead: func(cmds [][][]byte) {
			if len(ahead) > 0 {
				t.Errorf("shown ahead again before %d were applied", len(ahead))
			}
			if len(cmds) > 16 {
				t.Errorf("%d commands ahead", len(cmds))
			}
			for _, argv := range cmds {
				cmd := string(bytes.Join(argv, []byte(" ")))
				if strings.HasPrefix(cmd, "MULTI") || strings.HasPrefix(cmd, "INCR") || strings.HasPrefix(cmd, "EXEC") {
					t.Errorf("a transaction's command shown ahead: %q", cmd)
				}
				ahead = append(ahead, cmd)
				shown++
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if shown < 30 {
		t.Fatalf("%d of 40 plain commands shown ahead", shown)
	}
	// The commands read ahead of the cut are applied before it is cut.
	aofSameStrings(t, "replay", applied, want)
}

func TestLoadAOFOpenMultiAtEnd(t *testing.T) {
	good := aofResp("SELECT", "0") + aofResp("SET", "a", "1")
	body := good + aofResp("MULTI") + aofResp("SET", "b", "2")
	for _, truncOK := range []bool{false, true} {
		cfg := testAOFConfig(t)
		cfg.LoadTruncated = truncOK
		writeAOFSet(t, cfg, "", body)
		got, stats, err := aofLoadAll(t, cfg)
		if !truncOK {
			var ae *AOFError
			if !errors.As(err, &ae) || !errors.Is(err, ErrAOFTruncated) || ae.Offset != int64(len(good)) {
				t.Fatalf("got %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		aofSameStrings(t, "replay", got, []string{"SELECT 0", "SET a 1"})
		if stats.Truncated != int64(len(body)-len(good)) {
			t.Fatalf("Truncated %d", stats.Truncated)
		}
		if got := readAOFFile(t, cfg, "appendonly.aof.1.incr.aof"); got != good {
			t.Fatalf("file after truncation %q", got)
		}
	}
	// In a file that is not the last, even aof-load-truncated refuses it.
	cfg := testAOFConfig(t)
	cfg.LoadTruncated = true
	writeAOFSet(t, cfg, "", body, aofResp("SET", "c", "3"))
	if _, _, err := aofLoadAll(t, cfg); !errors.Is(err, ErrAOFTruncated) || !strings.Contains(err.Error(), "is not the last file") {
		t.Fatalf("got %v", err)
	}
}

func TestLoadAOFCorruption(t *testing.T) {
	good := aofResp("SELECT", "0") + aofResp("SET", "a", "1") // 44 bytes
	n := int64(len(good))
	for _, tc := range []struct {
		tail string
		off  int64
	}{
		{"+OK\r\n", n},                     // not an array
		{"*0\r\n", n},                      // empty command
		{"*-1\r\n", n + 1},                 // negative count
		{"*1x\r\n", n + 2},                 // junk after the count
		{"*1\r\n:1\r\n", n + 4},            // not a bulk string
		{"*1\r\n$-1\r\n", n + 5},           // null bulk
		{"*1\r\n$3\r\nabcd\r\n", n + 11},   // bulk longer than its length
		{"*1\r\n$3\r\nab\r\n\r\n", n + 11}, // bulk shorter than its length
		{"*1\r\n$3\n", n + 6},              // LF without CR
		{"*1\r\n$3\rx", n + 7},             // CR without LF
		{"*1\r\n$1234567890123456789\r\n", n + 4},
		{"garbage", n},
		{"\x00\x00\x00", n},
		{"*1\r\n$3\r\nabc\r\n*x", n + 14},
	} {
		cfg := testAOFConfig(t)
		cfg.LoadTruncated = true // corruption is never truncation
		writeAOFSet(t, cfg, "", good+tc.tail)
		_, _, err := aofLoadAll(t, cfg)
		var ae *AOFError
		if !errors.As(err, &ae) || !errors.Is(err, ErrAOFFormat) {
			t.Errorf("%q: got %v, want a format error", tc.tail, err)
			continue
		}
		if ae.File != "appendonly.aof.1.incr.aof" || ae.Offset != tc.off {
			t.Errorf("%q: file %q offset %d, want offset %d", tc.tail, ae.File, ae.Offset, tc.off)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "Bad file format reading the append only file appendonly.aof.1.incr.aof: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest> (offset "+strconv.FormatInt(tc.off, 10)) {
			t.Errorf("%q: message %q", tc.tail, msg)
		}
	}
}

func TestLoadAOFCorruptBaseNamesBase(t *testing.T) {
	cfg := testAOFConfig(t)
	writeAOFSet(t, cfg, aofResp("SET", "a", "1")+"xx", aofResp("SET", "b", "2"))
	_, _, err := aofLoadAll(t, cfg)
	var ae *AOFError
	if !errors.As(err, &ae) || ae.File != "appendonly.aof.1.base.aof" || ae.Offset != int64(len(aofResp("SET", "a", "1"))) {
		t.Fatalf("got %v", err)
	}
}

func TestLoadAOFMissingFile(t *testing.T) {
	cfg := testAOFConfig(t)
	writeAOFSet(t, cfg, "", aofResp("SET", "a", "1"), aofResp("SET", "b", "2"))
	os.Remove(filepath.Join(aofDirOf(cfg), "appendonly.aof.1.incr.aof"))
	if _, _, err := aofLoadAll(t, cfg); err == nil || !strings.Contains(err.Error(), "appendonly.aof.1.incr.aof") {
		t.Fatalf("got %v", err)
	}
	// A bad manifest is an error, not "nothing to load".
	os.WriteFile(filepath.Join(aofDirOf(cfg), "appendonly.aof.manifest"), []byte("nonsense\n"), 0o644)
	if _, _, err := aofLoadAll(t, cfg); err == nil || !strings.Contains(err.Error(), "appendonly.aof.manifest") {
		t.Fatalf("got %v", err)
	}
	if _, err := OpenAOF(cfg); err == nil {
		t.Fatal("OpenAOF accepted a bad manifest")
	}
}

func TestLoadAOFApplyError(t *testing.T) {
	cfg := testAOFConfig(t)
	writeAOFSet(t, cfg, aofResp("SET", "a", "1"), aofResp("SET", "b", "2")+aofResp("BOGUS", "x")+aofResp("SET", "c", "3"))
	boom := errors.New("ERR unknown command 'BOGUS'")
	var got []string
	_, err := LoadAOF(cfg, AOFReplay{Apply: func(argv [][]byte) error {
		if string(argv[0]) == "BOGUS" {
			return boom
		}
		got = append(got, string(argv[1]))
		return nil
	}})
	var ae *AOFError
	if !errors.As(err, &ae) || !errors.Is(err, boom) || ae.File != "appendonly.aof.1.incr.aof" || ae.Offset != int64(len(aofResp("SET", "b", "2"))) {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(err.Error(), "appendonly.aof.1.incr.aof") || !strings.Contains(err.Error(), "(offset 27)") {
		t.Fatalf("message %q", err)
	}
	aofSameStrings(t, "applied", got, []string{"a", "b"})
}

// TestLoadAOFArgvLivesThroughItsBlock checks the loader's reuse of its
// memory: a command's arguments are intact while apply runs, a block's
// until its EXEC is applied, an argument has no spare capacity to spill
// into the next, and apply scribbling over what it was handed spoils
// nothing read later.
func TestLoadAOFArgvLivesThroughItsBlock(t *testing.T) {
	cfg := testAOFConfig(t)
	var body strings.Builder
	want := func(i int) (string, int) { return "key" + strconv.Itoa(i), i % 300 }
	for i := range 3000 {
		k, n := want(i)
		if i%100 == 50 {
			body.WriteString(aofResp("MULTI"))
		}
		body.WriteString(aofResp("SET", k, strings.Repeat("v", n)))
		if i%100 == 59 {
			body.WriteString(aofResp("EXEC"))
		}
	}
	writeAOFSet(t, cfg, "", body.String())
	type held struct {
		i    int
		argv [][]byte
	}
	var block []held
	i := 0
	_, err := LoadAOF(cfg, AOFReplay{Apply: func(argv [][]byte) error {
		switch string(argv[0]) {
		case "MULTI":
			return nil
		case "EXEC":
			for _, h := range block {
				if k, n := want(h.i); string(h.argv[1]) != k || len(h.argv[2]) != n {
					return fmt.Errorf("command %d of a block was overwritten before its EXEC: %q", h.i, h.argv[1])
				}
			}
			block = block[:0]
			return nil
		}
		if k, n := want(i); string(argv[1]) != k || len(argv[2]) != n || strings.Trim(string(argv[2]), "v") != "" {
			return fmt.Errorf("command %d: got %q %d bytes, want %q %d", i, argv[1], len(argv[2]), k, n)
		}
		for _, a := range argv {
			if cap(a) != len(a) {
				return fmt.Errorf("command %d: an argument with spare capacity", i)
			}
		}
		if i%100 >= 50 && i%100 <= 59 {
			block = append(block, held{i, argv})
		} else {
			for _, a := range argv[1:] {
				for j := range a {
					a[j] = 'X'
				}
			}
		}
		i++
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if i != 3000 {
		t.Fatalf("applied %d SETs, want 3000", i)
	}
}

func TestLoadAOFProgressAndStats(t *testing.T) {
	cfg := testAOFConfig(t)
	val := strings.Repeat("x", 10000)
	var body strings.Builder
	for i := range 1000 { // about 10 MB
		body.WriteString(aofResp("SET", strconv.Itoa(i), val))
	}
	writeAOFSet(t, cfg, aofResp("SET", "base", "1"), body.String())
	total := int64(body.Len() + len(aofResp("SET", "base", "1")))
	var calls [][2]int64
	stats, err := LoadAOF(cfg, AOFReplay{Apply: func([][]byte) error { return nil }, Progress: func(done, tot int64) {
		calls = append(calls, [2]int64{done, tot})
	}})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Commands != 1001 || stats.Bytes != total || stats.Truncated != 0 || stats.Duration <= 0 {
		t.Fatalf("stats %+v", stats)
	}
	if len(calls) < 3 || calls[len(calls)-1] != [2]int64{total, total} {
		t.Fatalf("progress calls %v", calls)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] || calls[i][1] != total {
			t.Fatalf("progress calls %v", calls)
		}
	}
}

func TestLoadAOFTruncatedWarning(t *testing.T) {
	cfg := testAOFConfig(t)
	var logs bytes.Buffer
	var mu sync.Mutex
	cfg.Logger = slog.New(slog.NewTextHandler(aofLockedWriter{&mu, &logs}, nil))
	cfg.LoadTruncated = true
	good := aofResp("SET", "a", "1")
	tail := "*3\r\n$3\r\nSET\r\n$1\r\nb"
	writeAOFSet(t, cfg, "", good+tail)
	got, stats, err := aofLoadAll(t, cfg)
	if err != nil {
		t.Fatal(err)
	}
	aofSameStrings(t, "replay", got, []string{"SET a 1"})
	if stats.Truncated != int64(len(tail)) {
		t.Fatalf("Truncated %d", stats.Truncated)
	}
	if !strings.Contains(logs.String(), fmt.Sprintf("Truncating the AOF appendonly.aof.1.incr.aof at offset %d", len(good))) {
		t.Fatalf("no warning with the offset in %q", logs.String())
	}
}

type aofLockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l aofLockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// RDB preambles.

func TestAOFCRC64(t *testing.T) {
	if got := aofCRC64(0, []byte("123456789")); got != 0xe9c6d914c4b8d9ca {
		t.Fatalf("crc64 %016x", got)
	}
}

// rdbPreamble builds an RDB like the one Redis writes as the first base
// of an empty server, plus extra opcodes before EOF.
func aofRDBPreamble(extra ...byte) []byte {
	b := []byte("REDIS0010")
	b = append(b, 0xfa, 9)
	b = append(b, "redis-ver"...)
	b = append(b, 6)
	b = append(b, "7.0.15"...)
	b = append(b, 0xfa, 10)
	b = append(b, "redis-bits"...)
	b = append(b, 0xc0, 64)
	b = append(b, 0xfa, 5)
	b = append(b, "ctime"...)
	b = append(b, 0xc2, 1, 2, 3, 4)
	b = append(b, 0xfa, 3, 'l', 'z', 'f', 0xc3, 2, 3, 'a', 'b') // an LZF string
	b = append(b, 0xfa, 3, 'b', 'i', 'g', 0x80, 0, 0, 0, 2, 'h', 'i')
	b = append(b, 0xfe, 0, 0xfb, 0, 0)
	b = append(b, extra...)
	b = append(b, 0xff)
	sum := aofCRC64(0, b)
	for i := range 8 {
		b = append(b, byte(sum>>(8*i)))
	}
	return b
}

func TestLoadAOFRDBPreamble(t *testing.T) {
	cfg := testAOFConfig(t)
	writeAOFSet(t, cfg, string(aofRDBPreamble())+aofResp("SET", "tail", "1"), aofResp("SET", "a", "1"))
	aofSameStrings(t, "empty preamble", aofMustLoad(t, cfg), []string{"SET tail 1", "SET a 1"})

	// A string key: type 0.
	cfg = testAOFConfig(t)
	writeAOFSet(t, cfg, string(aofRDBPreamble(0, 1, 'k', 1, 'v')), "")
	if _, _, err := aofLoadAll(t, cfg); !errors.Is(err, ErrAOFRDBPreamble) {
		t.Fatalf("preamble with a key: %v", err)
	}

	// A bad checksum.
	cfg = testAOFConfig(t)
	b := aofRDBPreamble()
	b[len(b)-1] ^= 1
	writeAOFSet(t, cfg, string(b), "")
	if _, _, err := aofLoadAll(t, cfg); !errors.Is(err, ErrAOFFormat) || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("bad checksum: %v", err)
	}

	// Cut short.
	cfg = testAOFConfig(t)
	cfg.LoadTruncated = true
	writeAOFSet(t, cfg, "", string(aofRDBPreamble()[:30]))
	if _, _, err := aofLoadAll(t, cfg); !errors.Is(err, ErrAOFFormat) {
		t.Fatalf("short preamble: %v", err)
	}
}

// Real Redis.

func aofNeedRedis(t *testing.T, bins ...string) {
	t.Helper()
	for _, b := range bins {
		if _, err := exec.LookPath(b); err != nil {
			t.Skipf("%s not found on PATH: skipping the check against real Redis", b)
		}
	}
}

func aofRedisCheck(t *testing.T, cfg AOFConfig) {
	t.Helper()
	out, err := exec.Command("redis-check-aof", filepath.Join(aofDirOf(cfg), cfg.FileName+".manifest")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "All AOF files and manifest are valid") {
		t.Fatalf("redis-check-aof: %v\n%s", err, out)
	}
}

func TestRedisCheckAOFAcceptsOurFiles(t *testing.T) {
	aofNeedRedis(t, "redis-check-aof")
	for _, name := range []string{"appendonly.aof", `my "odd" file.aof`} {
		t.Run(name, func(t *testing.T) {
			cfg := testAOFConfig(t)
			cfg.FileName = name
			a := openTestAOF(t, cfg)
			aofRedisCheck(t, cfg) // empty base, empty incr
			a.Append(0, aofArgv("SET", "a", "1"))
			a.Append(5, [][]byte{[]byte("SET"), []byte("bin\r\n\x00"), bytes.Repeat([]byte{0xff}, 300)})
			a.Append(5, aofArgv("MULTI"))
			a.Append(5, aofArgv("INCR", "n"))
			a.Append(5, aofArgv("EXEC"))
			a.Flush()
			aofRedisCheck(t, cfg)
			rw, _ := a.StartRewrite()
			a.Append(0, aofArgv("DEL", "a"))
			a.Flush()
			rw.Abort()
			aofRedisCheck(t, cfg) // base + two incr files
			rw, _ = a.StartRewrite()
			a.Append(1, aofArgv("SET", "x", "y"))
			a.Flush()
			rw.WriteKeyCount(5, 1)
			rw.WriteCommand(5, aofArgv("SET", "n", "1"))
			if err := rw.Commit(); err != nil {
				t.Fatal(err)
			}
			aofRedisCheck(t, cfg) // a rewritten base
			a.Close()
			aofRedisCheck(t, cfg)
		})
	}
}

// aofRedisProc is a redis-server started for a test.
type aofRedisProc struct {
	cmd  *exec.Cmd
	addr string
	out  *bytes.Buffer
}

func aofStartRedis(t *testing.T, dir string, args ...string) *aofRedisProc {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	all := append([]string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "",
		"--daemonize", "no", "--appendonly", "yes", "--protected-mode", "no"}, args...)
	c := exec.Command("redis-server", all...)
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	r := &aofRedisProc{cmd: c, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), out: &out}
	t.Cleanup(func() {
		if c.ProcessState == nil {
			c.Process.Kill()
			c.Wait()
		}
	})
	return r
}

// dial waits for the server to accept connections.
func (r *aofRedisProc) dial(t *testing.T) *aofRESPConn {
	t.Helper()
	for i := 0; ; i++ {
		conn, err := net.Dial("tcp", r.addr)
		if err == nil {
			c := &aofRESPConn{t: t, c: conn, r: bufio.NewReader(conn)}
			if reply := c.do("PING"); reply == "+PONG" {
				return c
			}
			conn.Close() // -LOADING: the dataset is not in yet
		}
		if i > 500 {
			t.Fatalf("redis-server did not start: %v\n%s", err, r.out)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (r *aofRedisProc) shutdown(t *testing.T, c *aofRESPConn) {
	t.Helper()
	c.send("SHUTDOWN")
	c.c.Close()
	if err := r.cmd.Wait(); err != nil {
		t.Fatalf("redis-server: %v\n%s", err, r.out)
	}
}

// aofRESPConn is a minimal RESP2 client.
type aofRESPConn struct {
	t *testing.T
	c net.Conn
	r *bufio.Reader
}

func (c *aofRESPConn) send(args ...string) {
	c.c.Write([]byte(aofResp(args...)))
}

func (c *aofRESPConn) do(args ...string) string {
	c.t.Helper()
	c.send(args...)
	return c.reply()
}

func (c *aofRESPConn) reply() string {
	c.t.Helper()
	line, err := c.r.ReadString('\n')
	if err != nil {
		c.t.Fatal(err)
	}
	line = strings.TrimSuffix(line, "\r\n")
	switch line[0] {
	case '$':
		n, _ := strconv.Atoi(line[1:])
		if n < 0 {
			return "(nil)"
		}
		b := make([]byte, n+2)
		io.ReadFull(c.r, b)
		return string(b[:n])
	case '*':
		n, _ := strconv.Atoi(line[1:])
		var parts []string
		for range n {
			parts = append(parts, c.reply())
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return line
}

var aofPXATRe = regexp.MustCompile(`(PXAT|PEXPIREAT) (\d{13})`)

func TestLoadRealRedisAOF(t *testing.T) {
	aofNeedRedis(t, "redis-server")
	for _, preamble := range []string{"no", "yes"} {
		t.Run("aof-use-rdb-preamble="+preamble, func(t *testing.T) {
			dir := t.TempDir()
			r := aofStartRedis(t, dir, "--aof-use-rdb-preamble", preamble)
			c := r.dial(t)
			for _, step := range [][]string{
				{"SET", "a", "1"},
				{"SELECT", "2"},
				{"SET", "k", "v", "EX", "100"},
				{"INCR", "n"},
				{"MULTI"}, {"SET", "x", "1"}, {"INCR", "n"}, {"EXEC"},
				{"SELECT", "0"},
				{"DEL", "a"},
				{"GET", "a"}, // not logged
			} {
				c.do(step...)
			}
			r.shutdown(t, c)
			cfg := AOFConfig{Dir: dir, DirName: "appendonlydir", FileName: "appendonly.aof", Logger: aofQuietLogger()}
			got := aofMustLoad(t, cfg)
			for i := range got {
				got[i] = aofPXATRe.ReplaceAllString(got[i], "$1 <ms>")
			}
			aofSameStrings(t, "replay of Redis's AOF", got, []string{
				"SELECT 0", "SET a 1", "SELECT 2", "SET k v PXAT <ms>", "INCR n",
				"MULTI", "SET x 1", "INCR n", "EXEC", "SELECT 0", "DEL a"})

			// And we can take the directory over and go on appending.
			a := openTestAOF(t, cfg)
			a.Append(0, aofArgv("SET", "after", "1"))
			a.Close()
			if got := aofMustLoad(t, cfg); got[len(got)-1] != "SET after 1" {
				t.Fatalf("after taking over: %q", got)
			}
			aofRedisCheck(t, cfg)
		})
	}
	t.Run("after BGREWRITEAOF", func(t *testing.T) {
		dir := t.TempDir()
		r := aofStartRedis(t, dir, "--aof-use-rdb-preamble", "no")
		c := r.dial(t)
		c.do("SET", "a", "1")
		c.do("SELECT", "1")
		c.do("ZADD", "z", "1.5", "m")
		c.do("SELECT", "0")
		c.do("BGREWRITEAOF")
		for !strings.Contains(c.do("INFO", "persistence"), "aof_rewrite_in_progress:0\r\naof_rewrite_scheduled:0") {
			time.Sleep(10 * time.Millisecond)
		}
		c.do("SET", "b", "2")
		r.shutdown(t, c)
		cfg := AOFConfig{Dir: dir, DirName: "appendonlydir", FileName: "appendonly.aof", Logger: aofQuietLogger()}
		aofSameStrings(t, "replay", aofMustLoad(t, cfg), []string{"SELECT 0", "SET a 1", "SELECT 1", "ZADD z 1.5 m", "SELECT 0", "SET b 2"})
	})
}

func TestRealRedisLoadsOurAOF(t *testing.T) {
	aofNeedRedis(t, "redis-server")
	dir := t.TempDir()
	cfg := AOFConfig{Dir: dir, DirName: "aofs", FileName: "my file.aof", Logger: aofQuietLogger()}
	a := openTestAOF(t, cfg)
	a.Append(0, aofArgv("SET", "a", "1"))
	a.Append(3, aofArgv("SET", "b", "2"))
	rw := mustStartRewrite(t, a)
	a.Append(3, aofArgv("INCR", "b"))
	a.Append(0, aofArgv("MULTI"))
	a.Append(0, aofArgv("SET", "c", "3"))
	a.Append(0, aofArgv("EXEC"))
	rw.WriteKeyCount(0, 1) // Redis skips the annotations
	rw.WriteKeyCount(3, 1)
	rw.WriteCommand(0, aofArgv("SET", "a", "1"))
	rw.WriteCommand(3, aofArgv("SET", "b", "2"))
	if err := rw.Commit(); err != nil {
		t.Fatal(err)
	}
	a.Append(0, aofArgv("SET", "d", "4"))
	a.Close()

	r := aofStartRedis(t, dir, "--appenddirname", "aofs", "--appendfilename", "my file.aof")
	c := r.dial(t)
	got := []string{c.do("SELECT", "0"), c.do("MGET", "a", "c", "d"), c.do("SELECT", "3"), c.do("GET", "b"), c.do("DBSIZE")}
	aofSameStrings(t, "Redis sees", got, []string{"+OK", "[1 3 4]", "+OK", "3", ":1"})
	c.do("SET", "e", "5")
	r.shutdown(t, c)
	// And we read back what Redis appended.
	if got := aofMustLoad(t, cfg); got[len(got)-1] != "SET e 5" {
		t.Fatalf("replay after Redis: %q", got)
	}
}

// Benchmarks.

func BenchmarkAOFAppend(b *testing.B) {
	for _, pipeline := range []int{1, 16} {
		for _, policy := range []struct {
			name string
			p    FsyncPolicy
		}{{"everysec", FsyncEverysec}, {"no", FsyncNo}, {"always", FsyncAlways}} {
			b.Run(fmt.Sprintf("fsync=%s/pipeline=%d", policy.name, pipeline), func(b *testing.B) {
				cfg := testAOFConfig(b)
				cfg.Fsync = policy.p
				a := openTestAOF(b, cfg)
				defer a.Close()
				argv := aofArgv("SET", "key:000000000001", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
				b.ReportAllocs()
				b.SetBytes(int64(len(aofResp("SET", "key:000000000001", string(argv[2])))))
				now := time.Now()
				for i := 0; b.Loop(); i++ {
					a.Append(0, argv)
					if (i+1)%pipeline == 0 {
						if err := a.Flush(); err != nil {
							b.Fatal(err)
						}
						if i%4096 == 0 {
							now = now.Add(time.Second)
							a.FsyncIfDue(now)
						}
					}
				}
			})
		}
	}
}

func BenchmarkAOFLoad(b *testing.B) {
	cfg := testAOFConfig(b)
	var body strings.Builder
	for i := range 100000 {
		body.WriteString(aofResp("SET", "key:"+strconv.Itoa(i), "value-value-value"))
	}
	writeAOFSet(b, cfg, "", body.String())
	b.SetBytes(int64(body.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadAOF(cfg, AOFReplay{Apply: func([][]byte) error { return nil }}); err != nil {
			b.Fatal(err)
		}
	}
}

// Concurrency.

func TestAOFAppendDoesNotWaitForWrite(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	writing, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	a.writeFile = func(f *os.File, p []byte) (int, error) {
		once.Do(func() { close(writing); <-release })
		return f.Write(p)
	}
	a.Append(0, aofArgv("SET", "a", "1"))
	flushed := make(chan error)
	go func() { flushed <- a.Flush() }()
	<-writing // the write is held
	appended := make(chan struct{})
	go func() {
		a.Append(1, aofArgv("SET", "b", "2"))
		close(appended)
	}()
	select {
	case <-appended:
	case <-time.After(10 * time.Second): // a deadlock guard, not a timing assertion
		t.Fatal("Append waited for a write in progress")
	}
	close(release)
	if err := <-flushed; err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	aofSameStrings(t, "replay", aofMustLoad(t, cfg), []string{"SELECT 0", "SET a 1", "SELECT 1", "SET b 2"})
}

// TestAOFGroupCommit runs clients that append under a shared lock (the
// server's) and flush outside it, with appendfsync always: when Flush
// returns, the client's command is in the file and was fsynced.
func TestAOFGroupCommit(t *testing.T) {
	cfg := testAOFConfig(t)
	cfg.Fsync = FsyncAlways
	a := openTestAOF(t, cfg)
	var synced atomic.Int64 // file size at the last fsync
	a.syncFile = func(f *os.File) error {
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		err = f.Sync()
		for {
			old := synced.Load()
			if fi.Size() <= old || synced.CompareAndSwap(old, fi.Size()) {
				break
			}
		}
		return err
	}
	path := filepath.Join(aofDirOf(cfg), "appendonly.aof.1.incr.aof")
	var serverLock sync.Mutex
	var wg sync.WaitGroup
	const clients, each = 8, 40
	errs := make(chan error, clients)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				key := fmt.Sprintf("c%d-%d", c, i)
				serverLock.Lock()
				a.Append(c%3, aofArgv("SET", key, "v"))
				serverLock.Unlock()
				if err := a.Flush(); err != nil {
					errs <- err
					return
				}
				data, _ := os.ReadFile(path)
				at := bytes.Index(data, []byte("\r\n"+key+"\r\n"))
				if at < 0 || int64(at+len(key)+4) > synced.Load() {
					errs <- fmt.Errorf("%s: Flush returned before it was written and fsynced", key)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	a.Close()
	got := aofMustLoad(t, cfg)
	sets := 0
	for _, c := range got {
		if strings.HasPrefix(c, "SET ") {
			sets++
		}
	}
	if sets != clients*each {
		t.Fatalf("%d SETs replayed, want %d", sets, clients*each)
	}
	t.Logf("%d flushes, %d fsyncs", clients*each, a.fsyncs.Load())
}

// TestAOFRewriteUnderLoad rewrites again and again while clients write:
// the replay always rebuilds the data set.
func TestAOFRewriteUnderLoad(t *testing.T) {
	cfg := testAOFConfig(t)
	a := openTestAOF(t, cfg)
	var serverLock sync.Mutex
	model := map[string]string{} // "db/key" -> value, under serverLock
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for c := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				db, key, val := (c+i)%4, fmt.Sprintf("k%d", i%40), fmt.Sprintf("%d.%d", c, i)
				serverLock.Lock()
				model[fmt.Sprintf("%d/%s", db, key)] = val
				a.Append(db, aofArgv("SET", key, val))
				serverLock.Unlock()
				if err := a.Flush(); err != nil {
					t.Error(err)
					return
				}
				if i%50 == 0 {
					a.FsyncIfDue(time.Now())
				}
			}
		}()
	}
	for round := range 12 {
		serverLock.Lock()
		rw, err := a.StartRewrite()
		snapshot := maps.Clone(model)
		serverLock.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range snapshot {
			db, key, _ := strings.Cut(k, "/")
			n, _ := strconv.Atoi(db)
			rw.WriteCommand(n, aofArgv("SET", key, v))
		}
		if round%4 == 3 {
			rw.Abort()
		} else if err := rw.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	db := 0
	if _, err := LoadAOF(cfg, AOFReplay{Apply: func(argv [][]byte) error {
		switch string(argv[0]) {
		case "SELECT":
			db, _ = strconv.Atoi(string(argv[1]))
		case "SET":
			got[fmt.Sprintf("%d/%s", db, argv[1])] = string(argv[2])
		}
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, model) {
		t.Fatalf("the replay differs from the data set: %d keys, want %d", len(got), len(model))
	}
	if _, err := exec.LookPath("redis-check-aof"); err == nil {
		aofRedisCheck(t, cfg)
	}
}
