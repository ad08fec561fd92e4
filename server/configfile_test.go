package server

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const fatal = "*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n"

func atLine(n int, line, msg string) string {
	return fatal + "Reading the configuration file, at line " + strconv.Itoa(n) + "\n>>> '" + line + "'\n" + msg
}

// loadText loads content as a config file in a temporary directory.
func loadText(t *testing.T, content string, args []string, stdin string) (*Config, error) {
	t.Helper()
	path := ""
	if content != "-" {
		path = filepath.Join(t.TempDir(), "redis.conf")
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		path = "-"
	}
	return loadConfig(path, strings.NewReader(stdin), args)
}

// TestLoadConfigErrors holds what redis-server 7.0.15 printed for these
// files and command lines (less its leading blank line).
func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		file  string // "" for no file, "-" to read the standard input as the file
		args  []string
		stdin string
		want  string
	}{
		{"port 16601\nmaxmemory abc\n", nil, "", atLine(2, "maxmemory abc", "argument must be a memory value")},
		{"port 16601\nmaxmemory abc\n", []string{"--port", "5"}, "", atLine(2, "maxmemory abc", "argument must be a memory value")},
		{"port 16601\n", []string{"--maxmemory", "abc"}, "", atLine(3, `maxmemory "abc"`, "argument must be a memory value")},
		{"", []string{"--port", "16601", "--maxmemory", "abc"}, "", atLine(3, `maxmemory "abc"`, "argument must be a memory value")},
		{"", []string{"--maxmemory", "abc", "--port", "5"}, "", atLine(2, `maxmemory "abc"`, "argument must be a memory value")},
		{"port 16601\n", []string{"--save", "900", "1", "--maxmemory", "1", "2"}, "", atLine(4, `maxmemory "1" "2"`, "wrong number of arguments")},
		{"", []string{"--port", "0", "--save", "--maxmemory", "abc"}, "", atLine(4, `maxmemory "abc"`, "argument must be a memory value")},
		{"", []string{"--port", "0", "foo", "bar", "--maxmemory", "abc"}, "", atLine(2, `port "0" "foo" "bar"`, "wrong number of arguments")},
		{"port 16601\n", []string{"foo"}, "", atLine(3, `"foo"`, "Bad directive or wrong number of arguments")},
		{"", []string{"--port", "0", "--requirepass", "--foo", "--maxmemory", "abc"}, "", atLine(4, `maxmemory "abc"`, "argument must be a memory value")},
		{"", []string{"--port", "0", "--maxmemory abc"}, "", atLine(3, "maxmemory abc", "argument must be a memory value")},
		{"", []string{"--port", "0", "--maxmemory"}, "", atLine(3, "maxmemory", "wrong number of arguments")},
		{"", []string{"--port", "0", "--maxmemory", "a\"b\\n"}, "", atLine(3, `maxmemory "a\"b\\n"`, "argument must be a memory value")},
		{"", []string{"--port", "0", "--save", "1", "2", "3"}, "", atLine(3, `save "1" "2" "3"`, "Invalid save parameters")},
		{"", []string{"--port", "0", "-x", "abc"}, "", atLine(2, `port "0" "-x" "abc"`, "wrong number of arguments")},
		{"-", []string{"--port", "5"}, "port 0\nmaxmemory x", atLine(2, "maxmemory x", "argument must be a memory value")},
		{"port 16601\n", []string{"-"}, "maxmemory x\n", atLine(2, "maxmemory x", "argument must be a memory value")},
		{"", []string{"--port", "1", "-"}, "maxmemory x\n", atLine(1, "maxmemory x", "argument must be a memory value")},
		{"port 0\nfoo bar\n", nil, "", atLine(2, "foo bar", "Bad directive or wrong number of arguments")},
		{"port 0\nsentinel monitor x\n", nil, "", atLine(2, "sentinel monitor x", "sentinel directive while not in sentinel mode")},
		{"port 0\nmaxmemory \"abc\n", nil, "", atLine(2, `maxmemory "abc`, "Unbalanced quotes in configuration line")},
		{"port 0\nmaxmemory \"1\"x\n", nil, "", atLine(2, `maxmemory "1"x`, "Unbalanced quotes in configuration line")},
		{"port 0\nlist-max-ziplist-entries 5\nlist-max-ziplist-value 5 6\n", nil, "", atLine(3, "list-max-ziplist-value 5 6", "Bad directive or wrong number of arguments")},
		{"port 0\nport\n", nil, "", atLine(2, "port", "wrong number of arguments")},
		{"port 0\nsave 1\n", nil, "", atLine(2, "save 1", "Invalid save parameters")},
		{"port 0\nclient-output-buffer-limit foo 1 2 3\n", nil, "", atLine(2, "client-output-buffer-limit foo 1 2 3", "Invalid client class specified in buffer limit configuration.")},
		{"port 0\nclient-output-buffer-limit normal 1 2\n", nil, "", atLine(2, "client-output-buffer-limit normal 1 2", "Wrong number of arguments in buffer limit configuration.")},
		{"port 0\nclient-output-buffer-limit normal 1 2 -3\n", nil, "", atLine(2, "client-output-buffer-limit normal 1 2 -3", "Error in hard, soft or soft_seconds setting in buffer limit configuration.")},
		{"port 0\nclient-output-buffer-limit master 1 2 3\n", nil, "", atLine(2, "client-output-buffer-limit master 1 2 3", "Invalid client class specified in buffer limit configuration.")},
		{"port 0\ndbfilename a/b\n", nil, "", atLine(2, "dbfilename a/b", "dbfilename can't be a path, just a filename")},
		{"port 0\nappendfilename \"\"\n", nil, "", atLine(2, `appendfilename ""`, "appendfilename can't be empty")},
		{"port 0\nappenddirname a/b\n", nil, "", atLine(2, "appenddirname a/b", "appenddirname can't be a path, just a dirname")},
		{"port 0\nreplicaof a\n", nil, "", atLine(2, "replicaof a", "wrong number of arguments")},
		{"port 0\nreplicaof a b\n", nil, "", atLine(2, "replicaof a b", "Invalid master port")},
		{"", []string{"--dir", "abc"}, "", atLine(2, `dir "abc"`, "No such file or directory")},
		{"", []string{"--enable-debug-command", "abc"}, "", atLine(2, `enable-debug-command "abc"`, "argument(s) must be one of the following: no, yes, local")},
		{"", []string{"--unixsocketperm", "-1"}, "", atLine(2, `unixsocketperm "-1"`, "argument must be between 0 and 777 inclusive")},
		{"", []string{"--databases", "-1"}, "", atLine(2, `databases "-1"`, "argument must be between 1 and 2147483647 inclusive")},
		{"  \t maxmemory abc  \r\n", nil, "", atLine(1, "maxmemory abc", "argument must be a memory value")},
		// Checks made once everything is read, not about one line.
		{"port 0\nlogfile /nonexistent-miniserve-dir/x.log\n", nil, "", fatal + "Can't open the log file: No such file or directory"},
		{"port 0\ncluster-enabled yes\nreplicaof 127.0.0.1 1\n", nil, "", fatal + "replicaof directive not allowed in cluster mode"},
		// Not in Redis: features miniserve does not have.
		{"port 0\nrename-command FLUSHALL \"\"\n", nil, "", atLine(2, `rename-command FLUSHALL ""`, msgRenameCommand)},
		{"port 0\nloadmodule /x.so\n", nil, "", atLine(2, "loadmodule /x.so", msgLoadModule)},
		{"port 0\nuser bob on >pw\n", nil, "", atLine(2, "user bob on >pw", msgUser)},
		{"port 0\nmymod.opt 1\n", nil, "", atLine(2, "mymod.opt 1", msgModuleConfig)},
	}
	for _, tt := range tests {
		_, err := loadText(t, tt.file, tt.args, tt.stdin)
		got := "OK"
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("file %q args %q:\n got %s\nwant %s", tt.file, tt.args, got, tt.want)
		}
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nonexist.conf")
	_, err := LoadConfig(path, nil)
	want := "Fatal error, can't open config file '" + path + "': No such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	_, err = loadText(t, "include /nonexistent-miniserve.conf\n", nil, "")
	want = "Fatal error, can't open config file '/nonexistent-miniserve.conf': No such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestLoadSeedConfig loads the configuration the project started from.
func TestLoadSeedConfig(t *testing.T) {
	seed := `save 900 1
save 300 10
save 60 10000
appendonly yes
appendfsync everysec
maxmemory 2gb
maxmemory-policy allkeys-lru
bind 127.0.0.1
requirepass your-strong-redis-password
`
	c, err := loadText(t, seed, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Save, []SaveRule{{900, 1}, {300, 10}, {60, 10000}}) || !c.AppendOnly ||
		c.AppendFsync != "everysec" || c.MaxMemory != 2<<30 || c.MaxMemoryPolicy != "allkeys-lru" ||
		!slices.Equal(c.Bind, []string{"127.0.0.1"}) || c.RequirePass != "your-strong-redis-password" {
		t.Errorf("seed config not applied: %+v", c)
	}
	want := map[string]string{"save": "900 1 300 10 60 10000", "maxmemory": "2147483648", "bind": "127.0.0.1"}
	for k, v := range want {
		if got, _ := c.Value(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	// Every directive the seed config sets is in effect.
	if got := c.NotInEffect(); len(got) != 0 {
		t.Errorf("seed config: NotInEffect = %v, want none", got)
	}
	if !filepath.IsAbs(c.File) {
		t.Errorf("File %q not absolute", c.File)
	}
}

// TestLoadDebianConfig loads Debian's redis.conf as shipped.
func TestLoadDebianConfig(t *testing.T) {
	const path = "/etc/redis/redis.conf"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not present: %v", path, err)
	}
	if _, err := os.ReadFile(path); err != nil {
		t.Skipf("%s not readable: %v", path, err)
	}
	for _, d := range []string{"/var/lib/redis", "/var/log/redis"} {
		if _, err := os.Stat(d); err != nil {
			t.Skipf("%s, which Debian's redis.conf names, is missing: %v", d, err)
		}
	}
	c, err := LoadConfig(path, nil)
	if err != nil {
		if strings.Contains(err.Error(), "Permission denied") {
			t.Skipf("Debian's redis.conf names files this user may not open: %v", err)
		}
		t.Fatal(err)
	}
	if c.Port != 6379 || c.Dir != "/var/lib/redis" || !slices.Equal(c.Bind, []string{"127.0.0.1", "-::1"}) ||
		c.LogFile != "/var/log/redis/redis-server.log" || !c.Daemonize {
		t.Errorf("Debian config not applied: %+v", c)
	}
	want := []string{"daemonize", "pidfile"}
	if got := c.NotInEffect(); !slices.Equal(got, want) {
		t.Errorf("NotInEffect = %v, want %v", got, want)
	}

	// CONFIG REWRITE of a copy keeps its 2000-odd lines of comments and
	// reloads to the same configuration.
	orig, _ := os.ReadFile(path)
	cp := filepath.Join(t.TempDir(), "redis.conf")
	os.WriteFile(cp, orig, 0o640)
	c.File = cp
	if err := c.SetRuntime([][2]string{{"maxmemory", "100mb"}, {"save", "60 1"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.Rewrite(cp); err != nil {
		t.Fatal(err)
	}
	c2, err := LoadConfig(cp, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Get([]string{"*"}), c2.Get([]string{"*"})) {
		t.Error("rewritten Debian config reloads differently")
	}
	rewritten, _ := os.ReadFile(cp)
	// Every comment stays; the signature precedes the appended lines.
	if n, m := strings.Count(string(orig), "\n#"), strings.Count(string(rewritten), "\n#"); m != n+1 ||
		!strings.Contains(string(rewritten), "\n# Generated by CONFIG REWRITE\n") {
		t.Errorf("comment lines: %d before, %d after", n, m)
	}
	if !strings.Contains(string(rewritten), "\nsave 60 1\n") || strings.Contains(string(rewritten), "\nsave 3600") {
		t.Error("save not rewritten")
	}
	// Every directive Debian's file sets, set again at runtime where
	// Redis allows it, is accepted.
	for _, p := range c.Get([]string{"*"}) {
		e := cfgLookup[p[0]]
		if e.d.flags&(cfgImmutable|cfgProtected) != 0 {
			continue
		}
		if err := c.SetRuntime([][2]string{p}); err != nil {
			t.Errorf("CONFIG SET %s %q: %v", p[0], p[1], err)
		}
	}
}

func TestLoadCommandLine(t *testing.T) {
	c, err := loadText(t, "port 7000\nsave 900 1\n", []string{
		"--port", "7001", "--save", "60", "1", "--requirepass", "--not-a-flag",
		"--bind", "127.0.0.1", "::1", "--notify-keyspace-events", "KEA", "--maxmemory 10mb",
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 7001 || c.RequirePass != "--not-a-flag" || c.MaxMemory != 10<<20 ||
		!slices.Equal(c.Save, []SaveRule{{900, 1}, {60, 1}}) || !slices.Equal(c.Bind, []string{"127.0.0.1", "::1"}) ||
		c.NotifyKeyspaceEvents != "AKE" {
		t.Errorf("command line not applied: %+v", c)
	}
	// --save alone means save "": no snapshots.
	for _, args := range [][]string{{"--save"}, {"--save", "--port", "7"}, {"--save", ""}} {
		c, err := loadText(t, "save 900 1\n", args, "")
		if err != nil || len(c.Save) != 0 {
			t.Errorf("%q: save %v, err %v", args, c.Save, err)
		}
	}
	// A value with spaces or quotes survives the round trip through a line.
	c, err = loadConfig("", strings.NewReader(""), []string{"--requirepass", "a b \"c\" \\ \x01"})
	if err != nil || c.RequirePass != "a b \"c\" \\ \x01" {
		t.Errorf("requirepass %q, %v", c.RequirePass, err)
	}
	// Standard input, alone or after the file.
	c, err = loadConfig("-", strings.NewReader("maxmemory 1mb\n"), []string{"--port", "9"})
	if err != nil || c.MaxMemory != 1<<20 || c.Port != 9 || c.File != "" {
		t.Errorf("stdin: %+v %v", c, err)
	}
	c, err = loadConfig("", strings.NewReader("maxmemory 1mb\n"), []string{"-", "--port", "9"})
	if err != nil || c.MaxMemory != 1<<20 || c.Port != 9 {
		t.Errorf("- first: %+v %v", c, err)
	}
}

func TestLoadInclude(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "conf.d")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "a.conf"), []byte("maxmemory 1mb\nsave 10 1\n"), 0o644)
	os.WriteFile(filepath.Join(sub, "b.conf"), []byte("maxmemory 2mb\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "rel.conf"), []byte("hz 20\n"), 0o644)
	main := filepath.Join(dir, "redis.conf")
	// Relative paths follow dir, as Redis's chdir makes them; a glob
	// matching nothing is no error.
	os.WriteFile(main, []byte("save 900 1\ndir "+dir+"\ninclude rel.conf\ninclude "+sub+"/*.conf\n"+
		"include "+dir+"/none/*.conf\nport 7000\n"), 0o644)
	c, err := LoadConfig(main, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hz != 20 || c.MaxMemory != 2<<20 || c.Port != 7000 || !slices.Equal(c.Save, []SaveRule{{900, 1}, {10, 1}}) {
		t.Errorf("includes not applied: hz %d maxmemory %d port %d save %v", c.Hz, c.MaxMemory, c.Port, c.Save)
	}
	// An error inside an included file is reported with its own line.
	os.WriteFile(filepath.Join(dir, "bad.conf"), []byte("# comment\nhz x\n"), 0o644)
	os.WriteFile(main, []byte("include "+filepath.Join(dir, "bad.conf")+"\n"), 0o644)
	_, err = LoadConfig(main, nil)
	if want := atLine(2, "hz x", "argument couldn't be parsed into an integer"); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	// Loops stop.
	os.WriteFile(main, []byte("include "+main+"\n"), 0o644)
	if _, err := LoadConfig(main, nil); err == nil || !strings.Contains(err.Error(), "include nesting is too deep") {
		t.Errorf("include loop: %v", err)
	}
}

func TestLoadRelativeLogfile(t *testing.T) {
	dir := t.TempDir()
	c, err := loadText(t, "dir "+dir+"\nlogfile miniserve.log\n", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.LogFilePath() != filepath.Join(dir, "miniserve.log") {
		t.Errorf("LogFilePath = %q", c.LogFilePath())
	}
	if _, err := os.Stat(filepath.Join(dir, "miniserve.log")); err == nil {
		t.Error("checking the log file left it behind")
	}
}

func TestSplitArgs(t *testing.T) {
	tests := []struct {
		line string
		want []string // nil with ok false for unbalanced quotes
		ok   bool
	}{
		{"a b  c", []string{"a", "b", "c"}, true},
		{"  a\tb  ", []string{"a", "b"}, true},
		{`set "a b" 'c d'`, []string{"set", "a b", "c d"}, true},
		{`"\x41\x4a\n\r\t\b\a\z\"\\"`, []string{"AJ\n\r\t\b\az\"\\"}, true},
		{`"\x4"`, []string{"x4"}, true},
		{`'it\'s' 'a\b'`, []string{"it's", `a\b`}, true},
		{`a"b c"d`, nil, false},
		{`a"b c" d`, []string{"ab c", "d"}, true},
		{`"abc`, nil, false},
		{`'abc`, nil, false},
		{`"a"b`, nil, false},
		{`""`, []string{""}, true},
		{`"" ''`, []string{"", ""}, true},
		{"", nil, true},
	}
	for _, tt := range tests {
		got, ok := cfgSplitArgs(tt.line)
		if ok != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("split %q = %q %v, want %q %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCommandLineOptions(t *testing.T) {
	tests := []struct {
		args     []string
		haveFile bool
		want     string
		stdin    bool
	}{
		{[]string{"--port", "6380"}, false, `port "6380" `, false},
		{[]string{"--port", "6380", "--save"}, false, "port \"6380\" \nsave \"\"", false},
		{[]string{"--save", "--port", "1"}, false, "save \"\"\nport \"1\" ", false},
		{[]string{"--requirepass", "--x"}, false, `requirepass "--x" `, false},
		{[]string{"--port 1"}, false, "port 1 ", false},
		{[]string{"-", "--port", "1"}, false, `port "1" `, true},
		{[]string{"-", "--port", "1"}, true, "\"-\" \nport \"1\" ", false},
		{[]string{"--port", "1", "-"}, true, `port "1" `, true},
		{[]string{"--port", "-", "1"}, false, `port "-" "1" `, false},
	}
	for _, tt := range tests {
		got, stdin := cfgCommandLineOptions(tt.args, tt.haveFile)
		if got != tt.want || stdin != tt.stdin {
			t.Errorf("%q: %q %v, want %q %v", tt.args, got, stdin, tt.want, tt.stdin)
		}
	}
}
