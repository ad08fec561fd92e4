package server

import (
	"strings"
	"testing"
)

// TestCommandTable walks the table: every command can run, its flags
// make sense, and its key positions fit its arity.
func TestCommandTable(t *testing.T) {
	seen := map[string]bool{}
	var check func(cmd *Command, parent *Command)
	check = func(cmd *Command, parent *Command) {
		if seen[cmd.Name] {
			t.Errorf("%s: listed twice", cmd.Name)
		}
		seen[cmd.Name] = true
		if cmd.Name != strings.ToLower(cmd.Name) {
			t.Errorf("%s: name must be lower case", cmd.Name)
		}
		if cmd.Arity == 0 {
			t.Errorf("%s: arity 0", cmd.Name)
		}
		if cmd.Proc == nil && len(cmd.Subcommands) == 0 {
			t.Errorf("%s: no handler", cmd.Name)
		}
		if cmd.has(Blocking) && parent != nil {
			// mayBlock looks up top-level commands only.
			t.Errorf("%s: a blocking subcommand", cmd.Name)
		}
		if cmd.has(Write) && cmd.has(ReadOnly) {
			t.Errorf("%s: both write and readonly", cmd.Name)
		}
		if cmd.has(DenyOOM) && !cmd.has(Write) {
			t.Errorf("%s: denyoom without write", cmd.Name)
		}
		if (cmd.has(Write) || cmd.has(ReadOnly)) && cmd.FirstKey == 0 && !cmd.movableKeys() && cmd.Group != "server" && cmd.Group != "generic" && cmd.Group != "scripting" {
			t.Errorf("%s: a data command with no key positions", cmd.Name)
		}
		if cmd.FirstKey > 0 {
			minArgs := cmd.Arity
			if minArgs < 0 {
				minArgs = -minArgs
			}
			// SUNSUBSCRIBE's channels, not_key, may all be left out.
			if cmd.FirstKey >= minArgs && !strings.Contains(cmd.KeyFlags, "not_key") {
				t.Errorf("%s: first key %d beyond the minimum arity %d", cmd.Name, cmd.FirstKey, minArgs)
			}
			if cmd.Step <= 0 {
				t.Errorf("%s: key step %d", cmd.Name, cmd.Step)
			}
		}
		if parent != nil && !strings.HasPrefix(cmd.Name, parent.Name+"|") {
			t.Errorf("%s: subcommand of %s must be named %s|...", cmd.Name, parent.Name, parent.Name)
		}
		if cmd.Summary == "" {
			t.Errorf("%s: no summary for COMMAND DOCS", cmd.Name)
		}
		for _, sub := range cmd.Subcommands {
			check(sub, cmd)
		}
	}
	table := newCommandTable(commands())
	for _, cmd := range table.sorted {
		check(cmd, nil)
		if cmd.Group == "" {
			t.Errorf("%s: no group", cmd.Name)
		}
	}
}

func TestCommandLookup(t *testing.T) {
	table := newCommandTable(commands())
	for _, tt := range []struct {
		argv     []string
		want     string
		knownSub bool
	}{
		{[]string{"GET", "k"}, "get", true},
		{[]string{"gEt"}, "get", true},
		{[]string{"config", "GET", "x"}, "config|get", true},
		{[]string{"config"}, "config", true},
		{[]string{"config", "nope"}, "config", false},
		{[]string{"nosuchcommand"}, "", true},
	} {
		argv := make([][]byte, len(tt.argv))
		for i, a := range tt.argv {
			argv[i] = []byte(a)
		}
		cmd, known := table.lookup(argv)
		name := ""
		if cmd != nil {
			name = cmd.Name
		}
		if name != tt.want || known != tt.knownSub {
			t.Errorf("lookup(%q) = %q, %v; want %q, %v", tt.argv, name, known, tt.want, tt.knownSub)
		}
	}
	if n := testing.AllocsPerRun(100, func() { table.lookup([][]byte{[]byte("GET"), []byte("k")}) }); n != 0 {
		t.Errorf("lookup allocates %v times", n)
	}
}
