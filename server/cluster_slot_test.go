package server

import (
	"strings"
	"testing"
)

func TestKeyHashSlot(t *testing.T) {
	// Values from redis-server 7.0.15's CLUSTER KEYSLOT.
	for _, tt := range []struct {
		key  string
		want int
	}{
		{"123456789", 12739}, // CRC16/XMODEM's check value 0x31C3
		{"a", 15495},
		{"{a}x", 15495},
		{"x{a}", 15495},
		{"a{b}{c}", 3300}, // the first tag only
		{"{}", 15257},     // an empty tag hashes the whole key
		{"{", 4092},
		{"{}a", 10875},
		{"a{}", 6082},
		{"{}{a}", 13650}, // the first '{' decides, and its tag is empty
		{"x{y", 2740},
		{"", 0},
	} {
		if got := keyHashSlot([]byte(tt.key)); got != tt.want {
			t.Errorf("keyHashSlot(%q) = %d, want %d", tt.key, got, tt.want)
		}
	}
}

func TestCommandSlot(t *testing.T) {
	table := newCommandTable(commands())
	for _, tt := range []struct {
		argv string
		want int
	}{
		{"GET a", 15495},
		{"PING", noSlot},
		{"MSET a 1 b 2", crossSlot},
		{"MSET {a}1 1 {a}2 2", 15495},
		{"DEL a a", 15495},
		{"RENAME a b", crossSlot},
		{"EVAL s 0", noSlot},
		{"EVAL s 2 a b", crossSlot},
		{"EVAL s 1 a b", 15495}, // b is an argument
		{"ZUNIONSTORE {z}d 2 {z}a {z}b WEIGHTS 1 2", keyHashSlot([]byte("z"))},
		{"ZUNIONSTORE d 2 a b", crossSlot},
		{"XREAD COUNT 1 STREAMS a b 0 0", crossSlot},
		{"XREAD STREAMS {x}a {x}b 0 0", keyHashSlot([]byte("x"))},
		{"SORT a STORE b", crossSlot},
		{"SORT a BY w_*", 15495}, // a BY pattern is not a key here
		{"SPUBLISH a m", 15495},  // shard channels count
		{"SSUBSCRIBE a b", crossSlot},
		{"PUBLISH a m", noSlot},
	} {
		argv := bytesArgs(strings.Fields(tt.argv))
		cmd, _ := table.lookup(argv)
		if got := cmd.commandSlot(argv, noSlot); got != tt.want {
			t.Errorf("%s: slot %d, want %d", tt.argv, got, tt.want)
		}
	}
}

func bytesArgs(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

// The slot check runs for every command in cluster mode: it must not
// allocate.
func TestCommandSlotAllocs(t *testing.T) {
	table := newCommandTable(commands())
	for _, line := range []string{"MSET {a}1 1 {a}2 2", "SORT a STORE b", "XREAD STREAMS a b 0 0"} {
		argv := bytesArgs(strings.Fields(line))
		cmd, _ := table.lookup(argv)
		if n := testing.AllocsPerRun(100, func() { cmd.commandSlot(argv, noSlot) }); n != 0 {
			t.Errorf("%s: %v allocations", line, n)
		}
	}
}

func BenchmarkCommandSlot(b *testing.B) {
	table := newCommandTable(commands())
	for _, line := range []string{"GET user:{1000}:profile", "MSET {a}1 1 {a}2 2 {a}3 3 {a}4 4"} {
		argv := bytesArgs(strings.Fields(line))
		cmd, _ := table.lookup(argv)
		b.Run(strings.Fields(line)[0], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				cmd.commandSlot(argv, noSlot)
			}
		})
	}
}
