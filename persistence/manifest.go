package persistence

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/miniserve-dev/miniserve/internal/sds"
)

// The manifest of a multi-part AOF, as Redis 7.0's aof.c reads and
// writes it: one line per file,
//
//	file <name> seq <n> type <b|h|i>\n
//
// in the order base, history, incr. The name is written as sdscatrepr
// would ("..." with \n \r \t \a \b \\ \" and \xHH escapes) when it holds
// a space, a quote, a backslash or a byte that is not printable ASCII.
// Lines starting with '#' are comments; keys other than file, seq and
// type are ignored, for forward compatibility, as Redis ignores them.

const (
	aofManifestSuffix  = ".manifest"
	aofBaseSuffix      = ".base"
	aofIncrSuffix      = ".incr"
	aofFormatSuffix    = ".aof"
	aofTempPrefix      = "temp-"
	aofManifestMaxLine = 1024 // Redis's MANIFEST_MAX_LINE

	aofTypeBase    = 'b'
	aofTypeHistory = 'h'
	aofTypeIncr    = 'i'
)

// aofInfo is one line of the manifest.
type aofInfo struct {
	name string
	seq  int64
	typ  byte
}

// aofManifest lists the files of an AOF. baseSeq and incrSeq are the
// highest sequence numbers used so far; new files take the next one.
type aofManifest struct {
	base    *aofInfo
	history []aofInfo // files to delete: superseded by a rewrite
	incr    []aofInfo // in replay order, with increasing seq
	baseSeq int64
	incrSeq int64
}

// clone returns a deep copy, so that a new manifest can be built and
// persisted before the in-memory one is replaced.
func (m *aofManifest) clone() *aofManifest {
	c := &aofManifest{baseSeq: m.baseSeq, incrSeq: m.incrSeq}
	if m.base != nil {
		b := *m.base
		c.base = &b
	}
	c.history = append([]aofInfo(nil), m.history...)
	c.incr = append([]aofInfo(nil), m.incr...)
	return c
}

// files returns the files to replay: the base, then the incr files.
func (m *aofManifest) files() []aofInfo {
	var out []aofInfo
	if m.base != nil {
		out = append(out, *m.base)
	}
	return append(out, m.incr...)
}

// aofBaseName and aofIncrName name the files of sequence seq, as Redis
// does: appendonly.aof.3.base.aof, appendonly.aof.7.incr.aof.
func aofBaseName(fileName string, seq int64) string {
	return fileName + "." + strconv.FormatInt(seq, 10) + aofBaseSuffix + aofFormatSuffix
}

func aofIncrName(fileName string, seq int64) string {
	return fileName + "." + strconv.FormatInt(seq, 10) + aofIncrSuffix + aofFormatSuffix
}

// encode renders the manifest as Redis's getAofManifestAsString does.
func (m *aofManifest) encode() []byte {
	var b []byte
	line := func(ai aofInfo) {
		b = append(b, "file "...)
		b = appendManifestName(b, ai.name)
		b = append(b, " seq "...)
		b = strconv.AppendInt(b, ai.seq, 10)
		b = append(b, " type "...)
		b = append(b, ai.typ, '\n')
	}
	if m.base != nil {
		line(*m.base)
	}
	for _, ai := range m.history {
		line(ai)
	}
	for _, ai := range m.incr {
		line(ai)
	}
	return b
}

// manifestNameNeedsQuotes is Redis's sdsneedsrepr, plus the single
// quote: Redis 7.0 writes a name holding ' bare, and its own
// sdssplitargs then reads the ' as an opening quote and refuses the
// manifest. Quoting it instead gives a manifest that Redis reads.
func manifestNameNeedsQuotes(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' || c == '"' || c == '\'' || c < 0x21 || c > 0x7e {
			return true
		}
	}
	return false
}

// appendManifestName appends name bare, or quoted as sdscatrepr does.
func appendManifestName(b []byte, name string) []byte {
	if !manifestNameNeedsQuotes(name) {
		return append(b, name...)
	}
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case '\\', '"':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\a':
			b = append(b, '\\', 'a')
		case '\b':
			b = append(b, '\\', 'b')
		default:
			if c >= 0x20 && c <= 0x7e {
				b = append(b, c)
			} else {
				b = append(b, '\\', 'x', hex[c>>4], hex[c&0xf])
			}
		}
	}
	return append(b, '"')
}

// errManifest is the prefix of every manifest parse error.
var errManifest = errors.New("invalid AOF manifest")

// parseAOFManifest reads a manifest with the rules of Redis 7.0's
// aofLoadManifestFromFile.
func parseAOFManifest(data []byte) (*aofManifest, error) {
	m := &aofManifest{}
	fail := func(line int, msg string) (*aofManifest, error) {
		return nil, fmt.Errorf("%w: line %d: %s", errManifest, line, msg)
	}
	if len(data) == 0 {
		return fail(0, "Found an empty AOF manifest")
	}
	var maxSeq int64
	for n := 1; len(data) > 0; n++ {
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i+1], data[i+1:]
		} else {
			raw, data = data, nil
		}
		if raw[0] == '#' {
			continue
		}
		if len(raw) > aofManifestMaxLine || raw[len(raw)-1] != '\n' {
			return fail(n, "The AOF manifest file contains too long line")
		}
		line := bytes.Trim(raw, " \t\r\n")
		if len(line) == 0 {
			return fail(n, "Invalid AOF manifest file format")
		}
		argv, ok := manifestSplitArgs(line)
		if !ok || len(argv) < 6 || len(argv)%2 != 0 {
			return fail(n, "Invalid AOF manifest file format")
		}
		var ai aofInfo
		for i := 0; i < len(argv); i += 2 {
			switch strings.ToLower(argv[i]) {
			case "file":
				ai.name = argv[i+1]
				if strings.ContainsAny(ai.name, "/\\") {
					return fail(n, "File can't be a path, just a filename")
				}
			case "seq":
				ai.seq = manifestAtoll(argv[i+1])
			case "type":
				if len(argv[i+1]) > 0 {
					ai.typ = argv[i+1][0]
				}
			}
		}
		if ai.name == "" || ai.seq == 0 || ai.typ == 0 {
			return fail(n, "Invalid AOF manifest file format")
		}
		switch ai.typ {
		case aofTypeBase:
			if m.base != nil {
				return fail(n, "Found duplicate base file information")
			}
			b := ai
			m.base = &b
			m.baseSeq = ai.seq
		case aofTypeHistory:
			m.history = append(m.history, ai)
		case aofTypeIncr:
			if ai.seq <= maxSeq {
				return fail(n, "Found a non-monotonic sequence number")
			}
			m.incr = append(m.incr, ai)
			m.incrSeq = ai.seq
			maxSeq = ai.seq
		default:
			return fail(n, "Unknown AOF file type")
		}
	}
	return m, nil
}

// manifestAtoll is C's atoll: leading spaces, a sign, digits, and
// whatever follows ignored; 0 when there are no digits.
func manifestAtoll(s string) int64 {
	i := 0
	for i < len(s) && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var v int64
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + int64(s[i]-'0')
		if v < 0 { // overflow: keep it invalid rather than wrap
			return 0
		}
	}
	if neg {
		v = -v
	}
	return v
}

// manifestSplitArgs is Redis's sdssplitargs: spaces separate, "double
// quotes" take \n \r \t \b \a \xHH and \<any>, 'single quotes' take \',
// and a closing quote must be followed by a space or the end.
func manifestSplitArgs(line []byte) ([]string, bool) {
	raw, ok := sds.SplitArgs(line)
	if !ok {
		return nil, false
	}
	args := make([]string, len(raw))
	for i, a := range raw {
		args[i] = string(a)
	}
	return args, true
}

// readAOFManifest reads and parses the manifest at path. It returns
// (nil, nil) when there is no manifest.
func readAOFManifest(path string) (*aofManifest, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m, err := parseAOFManifest(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return m, nil
}

// writeAOFManifest installs m atomically as Redis's persistAofManifest
// does: write temp-<name>, fsync it, rename it over the manifest, fsync
// the directory.
func writeAOFManifest(dir, name string, m *aofManifest) error {
	tmp := filepath.Join(dir, aofTempPrefix+name)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("can't open the AOF manifest file %s: %w", name, err)
	}
	_, err = f.Write(m.encode())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err == nil {
		err = aofSyncDir(dir)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("can't persist the AOF manifest file %s: %w", name, err)
	}
	return nil
}

// aofSyncDir fsyncs a directory, so that renames and creations in it
// survive a power loss.
func aofSyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
