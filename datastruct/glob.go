package datastruct

// GlobMatch reports whether str matches the glob pattern exactly as Redis
// 7.0's stringmatchlen does for KEYS, SCAN MATCH and PSUBSCRIBE. A '*'
// matches any run of bytes, '?' any one byte, "[abc]" one of the bytes,
// "[^abc]" any other byte, "[a-z]" a range given either way round, and a
// backslash escapes the next byte, inside brackets too. An empty str
// matches only the empty pattern, not even "*".
//
// It keeps Redis's quirks, since KEYS must answer as Redis does: an
// unterminated '[' is a class that runs to the end of the pattern, a
// trailing backslash is a literal backslash, the ']' of "[a-]" ends the
// range a-] rather than the class, and range bounds compare as C's signed
// chars. nocase folds ASCII only.
//
// Redis recurses once per '*' and, since 7.0.9, stops at the first '*'
// whose every continuation failed (skipLongerMatches). That is the same as
// backtracking only to the most recent '*', which is how this loop works:
// no recursion, and at most len(pattern)*len(str) steps, so a pattern like
// "a*a*a*a*a*b" cannot hang the server.
func GlobMatch(pattern, str []byte, nocase bool) bool {
	return globMatch(pattern, str, nocase)
}

// GlobMatchString is GlobMatch for a str held in a string, such as a key,
// without copying it.
func GlobMatchString(pattern []byte, str string, nocase bool) bool {
	return globMatch(pattern, str, nocase)
}

func globMatch[S string | []byte](pattern []byte, str S, nocase bool) bool {
	p, s := 0, 0
	// starP and starS are the backtracking point: the pattern after the
	// last '*' met, and the position of str it is being tried at.
	starP, starS := -1, 0
	for {
		var res globResult
		res, p, s = globRun(pattern, p, str, s, nocase)
		switch res {
		case globMatched:
			return true
		case globStar:
			// Redis's case '*': runs of '*' count as one, and a final
			// '*' matches the rest (which is not empty here).
			for p < len(pattern) && globAt(pattern, p+1) == '*' {
				p++
			}
			if p == len(pattern)-1 {
				return true
			}
			starP, starS = p+1, s
			p = starP
		case globFailed:
			if starP < 0 {
				return false
			}
			// Try the rest one byte later. Redis never tries it
			// against the empty tail of str.
			starS++
			if starS >= len(str) {
				return false
			}
			p, s = starP, starS
		}
	}
}

type globResult uint8

const (
	globFailed globResult = iota
	globMatched
	globStar // stopped at a '*' at p, with s < len(str)
)

// globAt is pattern[i], or the NUL that terminates Redis's sds strings
// when i is past the end: stringmatchlen reads it in a few places.
func globAt(pattern []byte, i int) byte {
	if i < len(pattern) {
		return pattern[i]
	}
	return 0
}

// globLower is C's tolower in the C locale on a (signed) char.
func globLower(c int) int {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// globEqual compares two bytes, folding ASCII case when nocase is set.
func globEqual(a, b byte, nocase bool) bool {
	return a == b || nocase && globLower(int(a)) == globLower(int(b))
}

// globRun is the body of stringmatchlen's loop, up to the next '*'.
func globRun[S string | []byte](pattern []byte, p int, str S, s int, nocase bool) (globResult, int, int) {
	for p < len(pattern) && s < len(str) {
		switch pattern[p] {
		case '*':
			return globStar, p, s
		case '?':
			s++
		case '[':
			p++
			not := globAt(pattern, p) == '^'
			if not {
				p++
			}
			match := false
		class:
			for {
				switch {
				case globAt(pattern, p) == '\\' && len(pattern)-p >= 2:
					p++
					if pattern[p] == str[s] {
						match = true
					}
				case globAt(pattern, p) == ']':
					break class
				case p >= len(pattern):
					// Unterminated: the class ends with the pattern.
					p--
					break class
				case len(pattern)-p >= 3 && pattern[p+1] == '-':
					// Bounds and byte are C chars, signed on the
					// platforms Redis runs on.
					start, end, c := int(int8(pattern[p])), int(int8(pattern[p+2])), int(int8(str[s]))
					if start > end {
						start, end = end, start
					}
					if nocase {
						start, end, c = globLower(start), globLower(end), globLower(c)
					}
					p += 2
					if c >= start && c <= end {
						match = true
					}
				default:
					if globEqual(pattern[p], str[s], nocase) {
						match = true
					}
				}
				p++
			}
			if not {
				match = !match
			}
			if !match {
				return globFailed, p, s
			}
			s++
		case '\\':
			if len(pattern)-p >= 2 {
				p++
			}
			fallthrough
		default:
			if !globEqual(pattern[p], str[s], nocase) {
				return globFailed, p, s
			}
			s++
		}
		p++
		if s == len(str) {
			for globAt(pattern, p) == '*' {
				p++
			}
			break
		}
	}
	if p >= len(pattern) && s == len(str) {
		return globMatched, p, s
	}
	return globFailed, p, s
}
