package scripting

import "strings"

// ScriptFlags are the flags a script declares in its shebang line
// ("#!lua flags=no-writes,allow-oom"), as Redis 7.0.
type ScriptFlags uint8

// Script flags.
const (
	FlagShebang ScriptFlags = 1 << iota // the script has a shebang: not in EVAL's compatibility mode
	FlagNoWrites
	FlagAllowOOM
	FlagAllowStale
	FlagNoCluster
	FlagAllowCrossSlot
)

var scriptFlagNames = map[string]ScriptFlags{
	"no-writes": FlagNoWrites, "allow-oom": FlagAllowOOM, "allow-stale": FlagAllowStale,
	"no-cluster": FlagNoCluster, "allow-cross-slot-keys": FlagAllowCrossSlot,
}

// Shebang reads the shebang line of an EVAL script, as Redis 7.0's
// evalExtractShebangFlags. It returns the flags, the code to compile
// (the shebang line blanked, so that line numbers stay), or an error
// reply.
func Shebang(body string) (ScriptFlags, string, string) {
	if !strings.HasPrefix(body, "#!") {
		return 0, body, ""
	}
	line, rest, _ := strings.Cut(body, "\n")
	parts := strings.Fields(line)
	if parts[0] != "#!lua" {
		return 0, "", "ERR Unexpected engine in script shebang: " + parts[0]
	}
	flags := FlagShebang
	for _, p := range parts[1:] {
		list, ok := strings.CutPrefix(p, "flags=")
		if !ok {
			return 0, "", "ERR Unknown lua shebang option: " + p
		}
		for _, name := range strings.Split(list, ",") {
			if name == "" {
				continue
			}
			f, ok := scriptFlagNames[name]
			if !ok {
				return 0, "", "ERR Unexpected flag in script shebang: " + name
			}
			flags |= f
		}
	}
	if len(rest) < len(body)-len(line) {
		return flags, "\n" + rest, ""
	}
	return flags, "", ""
}
