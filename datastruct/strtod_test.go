package datastruct

import (
	"math"
	"testing"
)

// TestStrtodStrict pins what glibc's strtod does with errno, measured
// with a C program on glibc 2.36: ERANGE for an overflow and for an
// inexact result below the smallest normal double, none for an exact
// subnormal or an exact zero.
func TestStrtodStrict(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"", 0, true},
		{"0", 0, true},
		{"-0", math.Copysign(0, -1), true},
		{" 5", 5, true},
		{"5 ", 0, false},
		{"0x10", 16, true},
		{"inf", math.Inf(1), true},
		{"-Infinity", math.Inf(-1), true},
		{"nan", 0, false},
		{"1_000", 0, false},
		{"+.5", 0.5, true},
		{"1.5e3", 1500, true},
		{"7\x00junk", 7, true},
		{"1e308", 1e308, true},
		{"1e309", 0, false},
		{"1.7976931348623158e308", math.MaxFloat64, true},
		{"1.7976931348623159e308", 0, false},
		{"0x1.fffffffffffffp1023", math.MaxFloat64, true},
		{"0x1p1024", 0, false},
		{"2.2250738585072014e-308", 0x1p-1022, true},
		{"2.2250738585072013e-308", 0x1p-1022, true}, // rounds up to the smallest normal
		{"2.225073858507201e-308", 0, false},
		{"1e-310", 0, false},
		{"1e-320", 0, false},
		{"4.9406564584124654e-324", 0, false},
		{"1e-400", 0, false},
		{"0e-400", 0, true},
		{"000000000000000000000e-999999", 0, true},
		{"0x1p-1074", 0x1p-1074, true},
		{"0x0.fp-1022", 0x0.fp-1022, true},
		{"0x1p-1075", 0, false},
		{"0x1.8p-1075", 0, false},
		{"0x1.fffffffffffff8p-1023", 0x1p-1022, true},
	} {
		got, ok := StrtodStrict([]byte(tt.in))
		if ok != tt.ok || ok && (got != tt.want || math.Signbit(got) != math.Signbit(tt.want)) {
			t.Errorf("StrtodStrict(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
