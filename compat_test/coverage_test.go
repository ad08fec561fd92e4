package compat_test

import (
	"sort"
	"strings"
	"testing"
)

// allCases lists the case lists of every TestCompat* function, by test
// name. suite.run refuses a list that is missing here, so that the
// coverage test sees every case.
var allCases = map[string][]Case{
	"TestCompatConnection":   connectionCases,
	"TestCompatRequirepass":  requirepassCases,
	"TestCompatServer":       serverCases,
	"TestCompatKeys":         keyCases,
	"TestCompatStrings":      stringCases,
	"TestCompatTransactions": txCases,
	"TestCompatProtocol":     protocolCases,
	"TestCompatProtocolAuth": protocolAuthCases,
	"TestCompatAdmin":        adminCases,
	"TestCompatPubSub":       pubsubCases,
}

// registered reports whether cases is one of the lists in allCases.
func registered(cases []Case) bool {
	if len(cases) == 0 {
		return true
	}
	for _, l := range allCases {
		if len(l) > 0 && &l[0] == &cases[0] {
			return true
		}
	}
	return false
}

// notCovered lists the commands of server.CommandNames that deliberately
// have no compat case, each with the reason. Keep it empty if possible.
var notCovered = map[string]string{}

// TestCommandCoverage fails when miniserve implements a command or
// subcommand that no compat case sends to it. A case counts when it runs
// on miniserve (no TODO); the command of a step is its first argument, and
// for container commands (CONFIG, CLIENT, COMMAND, ...) also the first two
// as "parent|sub". Raw steps count with the first command they send.
func TestCommandCoverage(t *testing.T) {
	names := commandNames()
	containers := map[string]bool{}
	implemented := map[string]bool{}
	for _, n := range names {
		implemented[n] = true
		if parent, _, ok := strings.Cut(n, "|"); ok {
			containers[parent] = true
		}
	}
	sent := map[string][]string{} // command -> cases that send it
	for _, test := range sortedKeys(allCases) {
		for _, c := range allCases[test] {
			if c.TODO != "" {
				continue
			}
			for i := range c.Steps {
				args := stepArgs(&c.Steps[i])
				if len(args) == 0 {
					continue
				}
				name := strings.ToLower(args[0])
				sent[name] = append(sent[name], c.Name)
				if containers[name] && len(args) >= 2 {
					sub := name + "|" + strings.ToLower(args[1])
					sent[sub] = append(sent[sub], c.Name)
				}
			}
		}
	}
	var missing []string
	for _, n := range names {
		_, allowed := notCovered[n]
		switch {
		case len(sent[n]) == 0 && !allowed:
			missing = append(missing, n)
		case len(sent[n]) > 0 && allowed:
			t.Errorf("%q is in notCovered but case %q sends it: remove it from notCovered", n, sent[n][0])
		}
	}
	for n := range notCovered {
		if !implemented[n] {
			t.Errorf("notCovered lists %q, which miniserve does not implement", n)
		}
	}
	if len(missing) > 0 {
		t.Errorf("miniserve implements %d command(s) that no compat case sends: %s\n"+
			"add cases for them (or, with a reason, an entry in notCovered)", len(missing), strings.Join(missing, ", "))
	}
}

// stepArgs returns the command a step sends: its Args, or the first
// command of its Raw bytes (a RESP array or an inline command).
func stepArgs(st *Step) []string {
	if st.Sleep > 0 || st.noSend {
		return nil
	}
	if st.Raw == nil {
		return st.Args
	}
	if len(st.Raw) > 0 && st.Raw[0] == '*' {
		v, _, err := ParseValue(st.Raw)
		if err != nil || v.Type != '*' {
			return nil
		}
		args := make([]string, len(v.Elems))
		for i, e := range v.Elems {
			args[i] = e.Str
		}
		return args
	}
	line, _, _ := strings.Cut(string(st.Raw), "\n")
	return strings.Fields(line)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
