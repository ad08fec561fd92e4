package datastruct

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// checkSet compares s with the model m (a map of members): length,
// membership, the ascending order of an intset, Member, and the
// structure of a table.
func checkSet(t testing.TB, s *Set, m map[string]bool) {
	t.Helper()
	if s.Len() != len(m) {
		t.Fatalf("Len %d, model %d", s.Len(), len(m))
	}
	for k := range m {
		if !s.Contains([]byte(k)) {
			t.Fatalf("Contains(%q) false", k)
		}
	}
	for _, absent := range []string{"absent", "-1x", "0", "99999999999999999999"} {
		if !m[absent] && s.Contains([]byte(absent)) {
			t.Fatalf("Contains(%q) true", absent)
		}
	}
	var got []string
	s.Range(func(member []byte) bool {
		if !m[string(member)] {
			t.Fatalf("Range gave %q, not in the model", member)
		}
		got = append(got, string(member))
		return true
	})
	if len(got) != len(m) {
		t.Fatalf("Range gave %d members, want %d", len(got), len(m))
	}
	var buf [20]byte
	for i := range got {
		if string(s.Member(i, buf[:])) != got[i] {
			t.Fatalf("Member(%d) = %q, Range has %q", i, s.Member(i, buf[:]), got[i])
		}
	}
	if s.IsIntset() {
		for i := 1; i < len(s.ints); i++ {
			if s.ints[i-1] >= s.ints[i] {
				t.Fatalf("intset not ascending at %d: %v", i, s.ints)
			}
		}
		for k := range m {
			if _, ok := ParseInt([]byte(k)); !ok {
				t.Fatalf("intset holds a non-integer %q", k)
			}
		}
	} else {
		checkTable(t, s.tab, nil)
	}
	if s.MemoryBytes() <= 0 || s.MemoryBytes() != s.MemoryUsage(3) {
		t.Fatalf("MemoryBytes %d", s.MemoryBytes())
	}
}

// Operations of the set harness.
const (
	sopAddInt = iota
	sopAddStr
	sopRemoveInt
	sopRemoveStr
	sopToTable
	sopCopy
	sopScanStart
	sopScanStep
	sopFill
	sopCount
)

type setHarness struct {
	t      testing.TB
	s      *Set
	m      map[string]bool
	copies []struct {
		s *Set
		m map[string]bool
	}
	scanning bool
	cursor   uint64
	seen     map[string]bool
	removed  map[string]bool
	atStart  []string
}

func newSetHarness(t testing.TB) *setHarness {
	return &setHarness{t: t, s: NewSet(), m: map[string]bool{}}
}

// sint draws integer members, negatives and both ends of int64 included;
// sstr draws strings, some of which look like integers but are not
// (leading zero, plus sign).
func sint(a byte) string {
	switch a {
	case 254:
		return strconv.FormatInt(minInt64, 10)
	case 255:
		return strconv.FormatInt(maxInt64, 10)
	}
	return strconv.Itoa(int(a) - 100)
}

func sstr(a byte) string {
	switch a % 8 {
	case 0:
		return "0" + strconv.Itoa(int(a))
	case 1:
		return "+" + strconv.Itoa(int(a))
	}
	return "m" + strconv.Itoa(int(a))
}

func (x *setHarness) apply(op, a, b byte) {
	s, m := x.s, x.m
	member := ""
	switch op % sopCount {
	case sopAddInt, sopRemoveInt:
		member = sint(a)
	case sopAddStr, sopRemoveStr:
		member = sstr(a)
	}
	switch op % sopCount {
	case sopAddInt, sopAddStr:
		if got, want := s.Add([]byte(member)), !m[member]; got != want {
			x.t.Fatalf("Add(%q) = %v, want %v", member, got, want)
		}
		m[member] = true
	case sopRemoveInt, sopRemoveStr:
		want := m[member]
		if got := s.Remove([]byte(member)); got != want {
			x.t.Fatalf("Remove(%q) = %v, want %v", member, got, want)
		}
		delete(m, member)
		if x.scanning && want {
			x.removed[member] = true
		}
	case sopToTable:
		s.ToTable()
	case sopCopy:
		if len(x.copies) == 3 {
			x.copies = x.copies[1:]
		}
		mc := map[string]bool{}
		for k := range m {
			mc[k] = true
		}
		x.copies = append(x.copies, struct {
			s *Set
			m map[string]bool
		}{s.Copy(), mc})
		if a%2 == 1 {
			last := &x.copies[len(x.copies)-1]
			x.s, last.s = last.s, x.s
		}
	case sopScanStart:
		x.scanning, x.cursor = true, 0
		x.seen, x.removed = map[string]bool{}, map[string]bool{}
		x.atStart = x.atStart[:0]
		for k := range m {
			x.atStart = append(x.atStart, k)
		}
	case sopScanStep:
		if !x.scanning {
			return
		}
		x.cursor = s.Scan(x.cursor, int(a%8)+1, func(member []byte) {
			if !m[string(member)] {
				x.t.Fatalf("Scan gave %q, not in the model", member)
			}
			x.seen[string(member)] = true
		})
		if x.cursor == 0 {
			for _, k := range x.atStart {
				if !x.removed[k] && !x.seen[k] {
					x.t.Fatalf("scan missed %q, present throughout", k)
				}
			}
			x.scanning = false
		}
	case sopFill:
		for i := range int(a) {
			k := sint(byte(i) + b)
			if b%2 == 1 {
				k = sstr(byte(i) + b)
			}
			s.Add([]byte(k))
			m[k] = true
		}
	}
}

func (x *setHarness) run(program []byte) {
	for i := 0; i+2 < len(program); i += 3 {
		x.apply(program[i], program[i+1], program[i+2])
		checkSet(x.t, x.s, x.m)
		for _, c := range x.copies {
			checkSet(x.t, c.s, c.m)
		}
	}
}

func FuzzSet(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{sopAddInt, 1, 0, sopAddInt, 200, 0, sopAddInt, 254, 0, sopAddInt, 255, 0, sopRemoveInt, 1, 0,
		sopAddStr, 8, 0, sopAddStr, 9, 0, sopRemoveStr, 8, 0})
	f.Add([]byte{sopFill, 200, 0, sopCopy, 0, 0, sopScanStart, 0, 0, sopScanStep, 3, 0, sopAddStr, 3, 0,
		sopFill, 250, 1, sopScanStep, 1, 0, sopRemoveInt, 120, 0, sopScanStep, 7, 0, sopCopy, 1, 0,
		sopScanStep, 7, 0, sopToTable, 0, 0})
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) > 3*200 {
			program = program[:3*200]
		}
		newSetHarness(t).run(program)
	})
}

func TestSetModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for round := range 10 {
		program := make([]byte, 3*300)
		for i := range program {
			program[i] = byte(rng.IntN(256))
			if i%3 == 0 && rng.IntN(4) > 0 {
				program[i] = byte(rng.IntN(4)) // mostly adds and removes
			}
		}
		t.Run(fmt.Sprint(round), func(t *testing.T) { newSetHarness(t).run(program) })
	}
}

func TestSetEncodings(t *testing.T) {
	s := NewSet()
	for _, m := range []string{"3", "-7", "10", "3"} {
		s.Add([]byte(m))
	}
	if !s.IsIntset() || s.EncodingName() != "intset" || s.Len() != 3 {
		t.Fatalf("%s %d", s.EncodingName(), s.Len())
	}
	if !slices.Equal(s.Ints(), []int64{-7, 3, 10}) {
		t.Fatalf("intset %v", s.Ints())
	}
	// Not integers to string2ll: the set becomes a table.
	for _, m := range []string{"007", "+1", "1.0", " 1", "-0", "18446744073709551616"} {
		c := s.Copy()
		c.Add([]byte(m))
		if c.IsIntset() {
			t.Fatalf("%q kept the intset encoding", m)
		}
		if !c.Contains([]byte(m)) || !c.Contains([]byte("-7")) {
			t.Fatalf("after adding %q: lost members", m)
		}
	}
	if !s.IsIntset() || s.Len() != 3 {
		t.Fatal("a copy's conversion changed the original")
	}
	if s.Contains([]byte("03")) || s.Remove([]byte("03")) {
		t.Fatal("03 taken for 3")
	}
}

func TestSetRandomIsUniform(t *testing.T) {
	for _, table := range []bool{false, true} {
		s := NewSet()
		for i := range 50 {
			s.Add([]byte(strconv.Itoa(i)))
		}
		if table {
			s.ToTable()
			for i := 0; i < 50; i += 3 {
				s.Remove([]byte(strconv.Itoa(i)))
			}
		}
		rng := rand.New(rand.NewPCG(9, 9))
		counts := map[string]int{}
		var buf [20]byte
		for range 3000 * s.Len() {
			counts[string(s.Random(rng, buf[:]))]++
		}
		for m, c := range counts {
			if c < 2650 || c > 3350 {
				t.Fatalf("table=%v: member %s drawn %d times, expected about 3000", table, m, c)
			}
		}
		if len(counts) != s.Len() {
			t.Fatalf("table=%v: %d distinct of %d", table, len(counts), s.Len())
		}
	}
}

func TestSetCopyIsolation(t *testing.T) {
	for _, table := range []bool{false, true} {
		s := NewSet()
		for i := range 20 {
			s.Add([]byte(strconv.Itoa(i)))
		}
		if table {
			s.Add([]byte("x"))
		}
		c := s.Copy()
		s.Add([]byte("100"))
		s.Remove([]byte("1"))
		c.Remove([]byte("2"))
		if c.Contains([]byte("100")) || !c.Contains([]byte("1")) {
			t.Fatalf("table=%v: the copy sees the original's writes", table)
		}
		if !s.Contains([]byte("2")) {
			t.Fatalf("table=%v: the original sees the copy's writes", table)
		}
	}
}
