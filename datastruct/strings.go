package datastruct

import (
	"math/big"
	"strconv"
	"strings"
)

const (
	embstrMaxLen   = 44    // OBJ_ENCODING_EMBSTR_SIZE_LIMIT
	sharedIntegers = 10000 // OBJ_SHARED_INTEGERS
	longDoubleBits = 64    // mantissa of an x87 long double, which Redis uses for floats
	maxFloatChars  = 5 * 1024

	longDoubleMaxExp = 16384  // 2^16384 overflows an x87 long double
	longDoubleMinExp = -16444 // below the smallest denormal, 2^-16445
)

// StringEncoding is the encoding Redis's tryObjectEncoding picks for a
// freshly stored string value. shareInts is false when maxmemory with an
// LRU or LFU policy forbids shared integers.
func StringEncoding(v []byte, shareInts bool) Encoding {
	if len(v) <= 20 {
		if n, ok := ParseInt(v); ok {
			if shareInts && n >= 0 && n < sharedIntegers {
				return EncIntShared
			}
			return EncInt
		}
	}
	if len(v) <= embstrMaxLen {
		return EncEmbstr
	}
	return EncRaw
}

// IntEncoding is the encoding of a value created from an integer, as
// INCR creates it.
func IntEncoding(n int64, shareInts bool) Encoding {
	if shareInts && n >= 0 && n < sharedIntegers {
		return EncIntShared
	}
	return EncInt
}

// ParseInt parses a decimal int64 as Redis's string2ll does: an optional
// '-', no '+', no spaces, no leading zeros.
func ParseInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	if len(b) == 1 && b[0] == '0' {
		return 0, true
	}
	neg := b[0] == '-'
	if neg {
		b = b[1:]
		if len(b) == 0 {
			return 0, false
		}
	}
	if b[0] < '1' || b[0] > '9' {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if v > (1<<64-1-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	if neg {
		if v > 1<<63 {
			return 0, false
		}
		return int64(-v), true
	}
	if v > 1<<63-1 {
		return 0, false
	}
	return int64(v), true
}

// IncrBy adds incr to the integer in v with Redis's overflow rule.
func IncrBy(v []byte, incr int64) (int64, error) {
	old, ok := ParseInt(v)
	if !ok {
		return 0, ErrNotInteger
	}
	if (incr < 0 && old < 0 && incr < minInt64-old) || (incr > 0 && old > 0 && incr > maxInt64-old) {
		return 0, ErrOverflow
	}
	return old + incr, nil
}

const (
	maxInt64 = 1<<63 - 1
	minInt64 = -1 << 63
)

// parseLongDouble parses a float as Redis's string2ld does with strtold:
// no surrounding spaces, no NaN, at most 5 KiB. The result has the 64-bit
// mantissa of the x87 long double Redis computes with.
func parseLongDouble(b []byte) (*big.Float, bool) {
	if len(b) == 0 || len(b) >= maxFloatChars || isSpace(b[0]) || isSpace(b[len(b)-1]) {
		return nil, false
	}
	s := string(b)
	lower := strings.ToLower(strings.TrimLeft(s, "+-"))
	if lower == "inf" || lower == "infinity" {
		f := new(big.Float).SetInf(s[0] == '-')
		return f, true
	}
	if strings.ContainsAny(s, "_nN") && !strings.HasPrefix(lower, "0x") {
		return nil, false // Go accepts forms strtold does not, and NaN is refused
	}
	f, _, err := big.ParseFloat(s, 0, longDoubleBits, big.ToNearestEven)
	if err == nil && f.Sign() != 0 {
		// strtold overflows past the long double range, and underflows to
		// zero below its smallest denormal; Redis refuses both (ERANGE).
		if exp := f.MantExp(nil); exp > longDoubleMaxExp || exp < longDoubleMinExp {
			return nil, false
		}
	}
	if err != nil {
		// Fall back to float64 parsing for forms big.Float rejects but
		// strtold takes, such as "1e".
		g, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, false
		}
		return new(big.Float).SetPrec(longDoubleBits).SetFloat64(g), true
	}
	return f, true
}

// IncrByFloat adds incr to the float in v as Redis's INCRBYFLOAT does,
// in long double precision, and returns the new value formatted as Redis
// stores it.
func IncrByFloat(v, incr []byte) ([]byte, error) {
	old, ok := parseLongDouble(v)
	if !ok {
		return nil, ErrNotFloat
	}
	inc, ok := parseLongDouble(incr)
	if !ok {
		return nil, ErrNotFloat
	}
	if old.IsInf() || inc.IsInf() {
		return nil, ErrNaNOrInf
	}
	sum := new(big.Float).SetPrec(longDoubleBits).Add(old, inc)
	if sum.MantExp(nil) > longDoubleMaxExp {
		return nil, ErrNaNOrInf
	}
	return FormatLongDouble(sum), nil
}

// FormatLongDouble prints f as Redis's ld2string in human mode: "%.17Lf"
// with trailing zeros and a trailing dot removed, and "-0" as "0".
func FormatLongDouble(f *big.Float) []byte {
	s := f.Text('f', 17)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	if s == "-0" {
		s = "0"
	}
	return []byte(s)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// ParseFloat parses a double as Redis's string2d does with strtod: no
// surrounding spaces, no NaN; "inf" and "-inf" are accepted.
func ParseFloat(b []byte) (float64, bool) {
	if len(b) == 0 || len(b) >= maxFloatChars || isSpace(b[0]) || isSpace(b[len(b)-1]) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		// strtod gives ±HUGE_VAL on overflow, which Redis accepts.
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, false
		}
	}
	if f != f || strings.ContainsRune(string(b), '_') {
		return 0, false
	}
	return f, true
}
