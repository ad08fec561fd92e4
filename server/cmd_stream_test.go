package server

import (
	"math"
	"testing"

	"github.com/miniserve-dev/miniserve/datastruct"
)

func TestParseStreamID(t *testing.T) {
	max := uint64(math.MaxUint64)
	for _, tt := range []struct {
		in       string
		strict   bool
		want     datastruct.StreamID
		ok       bool
		seqGiven bool
	}{
		{"1-2", false, datastruct.StreamID{Ms: 1, Seq: 2}, true, true},
		{"5", false, datastruct.StreamID{Ms: 5, Seq: 7}, true, true}, // missing seq
		{"-", false, datastruct.StreamID{}, true, true},
		{"+", false, datastruct.StreamID{Ms: max, Seq: max}, true, true},
		{"-", true, datastruct.StreamID{}, false, false},
		{"+", true, datastruct.StreamID{}, false, false},
		{"3-*", true, datastruct.StreamID{Ms: 3}, true, false},
		{"18446744073709551615-18446744073709551615", true, datastruct.StreamID{Ms: max, Seq: max}, true, true},
		{"18446744073709551616", true, datastruct.StreamID{}, false, true},
		{"-1", true, datastruct.StreamID{}, false, true},
		{" 5", true, datastruct.StreamID{Ms: 5, Seq: 7}, true, true}, // strtoull skips spaces
		{"+5-1", true, datastruct.StreamID{Ms: 5, Seq: 1}, true, true},
		{"1-x", true, datastruct.StreamID{}, false, true},
		{"", true, datastruct.StreamID{}, false, true},
		{"1-", true, datastruct.StreamID{}, false, true},
	} {
		var seqGiven bool
		got, ok := parseStreamID([]byte(tt.in), 7, tt.strict, &seqGiven)
		if ok != tt.ok || ok && (got != tt.want || seqGiven != tt.seqGiven) {
			t.Errorf("parseStreamID(%q, strict=%v) = %v, %v (seq given %v); want %v, %v (%v)",
				tt.in, tt.strict, got, ok, seqGiven, tt.want, tt.ok, tt.seqGiven)
		}
	}
}
