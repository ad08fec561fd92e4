package datastruct

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// Every row was checked against redis-server 7.0.15 with KEYS (nocase
// false), and 40,000 random patterns over "aAbBz-]^[*?\\\x00\xff\x80\x7f"
// matched the same keys as Redis.
var globCases = []struct {
	pattern, str string
	want         bool
}{
	{"", "", true},
	{"", "a", false},
	{"*", "", false}, // KEYS * answers "" only through its own shortcut
	{"**", "", false},
	{"?", "", false},
	{"*", "anything", true},
	{"a*", "a", true},
	{"a**", "a", true},
	{"a*?", "a", false},
	{"*a", "a", true},
	{"*a", "ba", true},
	{"*a", "ab", false},
	{"h?llo", "hello", true},
	{"h?llo", "hllo", false},
	{"h*llo", "hllo", true},
	{"h*llo", "heeeello", true},
	{"a*b*c", "abc", true},
	{"a*b*c", "axxbyyc", true},
	{"a*b*c", "acb", false},
	{"a*a*a*a*b", "aaaaaaaab", true},

	// classes
	{"h[ae]llo", "hallo", true},
	{"h[ae]llo", "hillo", false},
	{"h[a-c]llo", "hbllo", true},
	{"h[c-a]llo", "hbllo", true}, // reversed range
	{"h[^e]llo", "hallo", true},
	{"h[^e]llo", "hello", false},
	{"h[^a-x]llo", "hello", false},
	{"h[^a-x]llo", "h-llo", true},
	{"h[-]llo", "h-llo", true},
	{"h[]]llo", "h]llo", false}, // "[]" is an empty class, then "]llo"
	{"h[]]llo", "h]]llo", false},
	// "a-]" is the range ']'..'a', so the class goes on with "llo" to
	// the end of the pattern.
	{"h[a-]llo", "h]llo", false},
	{"h[a-]llo", "h]", true},
	{"h[a-]llo", "h^", true},
	{"h[a-]llo", "hl", true},
	{"h[a-]llo", "hb", false},
	{"h[a-]llo", "h-", false},
	{"[\x00-b]", "a", true},
	{"[a-\xff]", "\xff", true}, // signed chars: 0xff is -1, so -1..'a'
	{"[a-\xff]", "\x00", true},
	{"[a-\xff]", "b", false},
	{"[a-\xff]", "\x80", false},

	// escapes
	{`h\*llo`, "h*llo", true},
	{`h\*llo`, "hello", false},
	{`h\?llo`, "h?llo", true},
	{`h\[a]llo`, "h[a]llo", true},
	{`h\\llo`, `h\llo`, true},
	{`h[\]]llo`, "h]llo", true},
	{`h[\^]llo`, "h^llo", true},
	{`\h\e\l\l\o`, "hello", true},
	{`hello\`, `hello\`, true}, // a trailing backslash is literal
	{`hello\`, "hello", false},
	{`[\`, `\`, true},
	{`[a\`, `\`, true},

	// unterminated classes run to the end of the pattern
	{"h[ae", "ha", true},
	{"h[ae", "he", true},
	{"h[ae", "hae", false},
	{"h[ae]llo[", "hallo", false},
	{"[", "[", false},
	{"[", "", false},
	{"[^", "x", true},
	{"[^", "", false},
	{"h[a-", "ha", true},
	{"h[a-", "h-", true},
	{"a[b-c", "ab", true},

	// binary and NUL bytes
	{"\x00*", "\x00bin\xff", true},
	{"*\xff", "\x00bin\xff", true},
	{"k:1?", "k:10", true},
	{"k:1?", "k:1", false},
}

func TestGlobMatch(t *testing.T) {
	for _, tc := range globCases {
		if got := GlobMatch([]byte(tc.pattern), []byte(tc.str), false); got != tc.want {
			t.Errorf("GlobMatch(%q, %q) = %v, want %v", tc.pattern, tc.str, got, tc.want)
		}
		if got := GlobMatchString([]byte(tc.pattern), tc.str, false); got != tc.want {
			t.Errorf("GlobMatchString(%q, %q) = %v, want %v", tc.pattern, tc.str, got, tc.want)
		}
		if got := globReference([]byte(tc.pattern), []byte(tc.str), false); got != tc.want {
			t.Errorf("globReference(%q, %q) = %v, want %v", tc.pattern, tc.str, got, tc.want)
		}
	}
}

func TestGlobMatchNocase(t *testing.T) {
	for _, tc := range []struct {
		pattern, str string
		want         bool
	}{
		{"HELLO", "hello", true},
		{"h[A-C]llo", "hbllo", true},
		{"h[a-c]llo", "hBllo", true},
		{"h[^E]llo", "hello", false},
		{"[\xc0]", "\xe0", false}, // ASCII only
		{`h\Ello`, "hello", true},
		{`[\E]`, "e", false}, // escaped bytes in a class compare exactly
	} {
		if got := GlobMatch([]byte(tc.pattern), []byte(tc.str), true); got != tc.want {
			t.Errorf("GlobMatch(%q, %q, nocase) = %v, want %v", tc.pattern, tc.str, got, tc.want)
		}
	}
}

// TestGlobMatchPathological is the pattern Redis's skipLongerMatches was
// written for (CVE-2022-36021): without it, backtracking is exponential.
func TestGlobMatchPathological(t *testing.T) {
	str := bytes.Repeat([]byte("a"), 50000)
	pattern := []byte(strings.Repeat("a*", 40) + "b")
	start := time.Now()
	if GlobMatch(pattern, str, false) {
		t.Fatal("matched")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
	deep := []byte(strings.Repeat("*a", 100000) + "*b")
	if GlobMatch(deep, bytes.Repeat([]byte("a"), 100001), false) {
		t.Fatal("deep pattern matched")
	}
}

// globReference is stringmatchlen transcribed as directly as Go allows,
// recursion and all, without the skipLongerMatches shortcut: the naive
// model GlobMatch is fuzzed against. at reads past the end as the NUL
// that ends an sds string.
func globReference(pattern, str []byte, nocase bool) bool {
	at := func(i int) byte {
		if i < len(pattern) {
			return pattern[i]
		}
		return 0
	}
	lower := func(c int) int {
		if c >= 'A' && c <= 'Z' {
			return c + 32
		}
		return c
	}
	var match func(p, s int) bool
	match = func(p, s int) bool {
		plen, slen := len(pattern)-p, len(str)-s
		for plen > 0 && slen > 0 {
			switch pattern[p] {
			case '*':
				for plen > 0 && at(p+1) == '*' {
					p++
					plen--
				}
				if plen == 1 {
					return true
				}
				for slen > 0 {
					if match(p+1, s) {
						return true
					}
					s++
					slen--
				}
				return false
			case '?':
				s++
				slen--
			case '[':
				p++
				plen--
				not := at(p) == '^'
				if not {
					p++
					plen--
				}
				matched := false
				for {
					if at(p) == '\\' && plen >= 2 {
						p++
						plen--
						if pattern[p] == str[s] {
							matched = true
						}
					} else if at(p) == ']' {
						break
					} else if plen == 0 {
						p--
						plen++
						break
					} else if plen >= 3 && pattern[p+1] == '-' {
						start, end, c := int(int8(pattern[p])), int(int8(pattern[p+2])), int(int8(str[s]))
						if start > end {
							start, end = end, start
						}
						if nocase {
							start, end, c = lower(start), lower(end), lower(c)
						}
						p += 2
						plen -= 2
						if c >= start && c <= end {
							matched = true
						}
					} else if !nocase && pattern[p] == str[s] || nocase && lower(int(int8(pattern[p]))) == lower(int(int8(str[s]))) {
						matched = true
					}
					p++
					plen--
				}
				if not {
					matched = !matched
				}
				if !matched {
					return false
				}
				s++
				slen--
			default:
				if pattern[p] == '\\' && plen >= 2 {
					p++
					plen--
				}
				if !nocase && pattern[p] != str[s] || nocase && lower(int(int8(pattern[p]))) != lower(int(int8(str[s]))) {
					return false
				}
				s++
				slen--
			}
			p++
			plen--
			if slen == 0 {
				for at(p) == '*' {
					p++
					plen--
				}
				break
			}
		}
		return plen == 0 && slen == 0
	}
	return match(0, 0)
}

func FuzzGlob(f *testing.F) {
	for _, tc := range globCases {
		f.Add([]byte(tc.pattern), []byte(tc.str), false)
	}
	f.Add([]byte("a*b?[c-e]*[^x]\\*"), []byte("abxdyy*"), true)
	f.Fuzz(func(t *testing.T, pattern, str []byte, nocase bool) {
		// The reference backtracks exponentially: keep it small.
		if len(pattern) > 24 || len(str) > 24 || bytes.Count(pattern, []byte("*")) > 6 {
			return
		}
		if got, want := GlobMatch(pattern, str, nocase), globReference(pattern, str, nocase); got != want {
			t.Fatalf("GlobMatch(%q, %q, %v) = %v, reference says %v", pattern, str, nocase, got, want)
		}
	})
}
