package datastruct

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// hmodel is the naive model of a Hash: pairs in insertion order, as a
// listpack keeps them.
type hmodel struct {
	fields []string
	values map[string]string
}

func newHModel() *hmodel { return &hmodel{values: map[string]string{}} }

func (m *hmodel) set(f, v string) bool {
	_, ok := m.values[f]
	if !ok {
		m.fields = append(m.fields, f)
	}
	m.values[f] = v
	return !ok
}

func (m *hmodel) del(f string) bool {
	if _, ok := m.values[f]; !ok {
		return false
	}
	delete(m.values, f)
	m.fields = slices.DeleteFunc(m.fields, func(x string) bool { return x == f })
	return true
}

func (m *hmodel) clone() *hmodel {
	c := newHModel()
	c.fields = slices.Clone(m.fields)
	for k, v := range m.values {
		c.values[k] = v
	}
	return c
}

// checkHash compares h with m: length, every lookup, the order when
// packed, At, and the structure and byte count of a table.
func checkHash(t testing.TB, h *Hash, m *hmodel) {
	t.Helper()
	if h.Len() != len(m.fields) {
		t.Fatalf("Len %d, model %d", h.Len(), len(m.fields))
	}
	for f, v := range m.values {
		got, ok := h.Get([]byte(f))
		if !ok || string(got) != v {
			t.Fatalf("Get(%q) = %q, %v; want %q", f, got, ok, v)
		}
	}
	if _, ok := h.Get([]byte("absent\x00")); ok {
		t.Fatalf("Get of an absent field succeeded")
	}
	var order []string
	h.Range(func(f, v []byte) bool {
		if m.values[string(f)] != string(v) {
			t.Fatalf("Range gave %q=%q, model has %q", f, v, m.values[string(f)])
		}
		order = append(order, string(f))
		return true
	})
	if h.Packed() {
		if !slices.Equal(order, m.fields) {
			t.Fatalf("packed order %q, want insertion order %q", order, m.fields)
		}
		if h.Len() == 0 && h.lp != nil {
			t.Fatalf("an empty packed hash keeps %d bytes", cap(h.lp))
		}
	} else {
		sorted := slices.Sorted(slices.Values(order))
		want := slices.Sorted(slices.Values(m.fields))
		if !slices.Equal(sorted, want) {
			t.Fatalf("table fields %q, want %q", sorted, want)
		}
		checkTable(t, h.tab, func(v string) int64 { return allocSize(uintptr(len(v))) })
	}
	for i := 0; i < h.Len(); i += max(1, h.Len()/7) {
		f, v := h.At(i)
		if string(f) != order[i] || string(v) != m.values[order[i]] {
			t.Fatalf("At(%d) = %q=%q, Range has %q", i, f, v, order[i])
		}
	}
	pairs := h.AppendPairs(nil)
	if len(pairs) != h.Len() {
		t.Fatalf("AppendPairs gave %d pairs", len(pairs))
	}
	if mb := h.MemoryBytes(); mb <= 0 || mb != h.MemoryUsage(0) {
		t.Fatalf("MemoryBytes %d, MemoryUsage %d", mb, h.MemoryUsage(0))
	}
}

// Operations of the hash harness.
const (
	hopSet = iota
	hopSetLong
	hopDelete
	hopToTable
	hopCopy
	hopScanStart
	hopScanStep
	hopFill
	hopCount
)

// hashHarness runs a program of (op, a, b) triples on a Hash and a
// model. Fields are drawn from a small alphabet so that sets update and
// deletes hit; a copy taken along the way must keep its contents; a scan
// started along the way must return every field that stayed from its
// start to its end.
type hashHarness struct {
	t      testing.TB
	h      *Hash
	m      *hmodel
	copies []struct {
		h *Hash
		m *hmodel
	}
	scanning bool
	cursor   uint64
	scanSeen map[string]bool
	removed  map[string]bool // removed since the scan started
	atStart  []string
}

func newHashHarness(t testing.TB) *hashHarness {
	return &hashHarness{t: t, h: NewHash(), m: newHModel()}
}

func hfield(a byte) string { return "f" + strconv.Itoa(int(a)) }

func hvalue(b byte, long bool) string {
	if long {
		return string(bytes.Repeat([]byte{'v'}, 100+int(b)*3))
	}
	return "v" + strconv.Itoa(int(b)%17) + string(bytes.Repeat([]byte{'x'}, int(b)%5))
}

func (x *hashHarness) apply(op, a, b byte) {
	h, m := x.h, x.m
	switch op % hopCount {
	case hopSet, hopSetLong:
		f, v := hfield(a), hvalue(b, op%hopCount == hopSetLong)
		if got, want := h.Set([]byte(f), []byte(v)), m.set(f, v); got != want {
			x.t.Fatalf("Set(%q) new=%v, want %v", f, got, want)
		}
	case hopDelete:
		f := hfield(a)
		got, want := h.Delete([]byte(f)), m.del(f)
		if got != want {
			x.t.Fatalf("Delete(%q) = %v, want %v", f, got, want)
		}
		if x.scanning && want {
			x.removed[f] = true
		}
	case hopToTable:
		h.ToTable()
	case hopCopy:
		if len(x.copies) == 3 {
			x.copies = x.copies[1:] // checking every copy each step is slow
		}
		x.copies = append(x.copies, struct {
			h *Hash
			m *hmodel
		}{h.Copy(), m.clone()})
		if a%2 == 1 {
			// Swap: go on writing the copy, keep the original as the
			// frozen one.
			last := &x.copies[len(x.copies)-1]
			x.h, last.h = last.h, x.h
		}
	case hopScanStart:
		x.scanning, x.cursor = true, 0
		x.scanSeen, x.removed = map[string]bool{}, map[string]bool{}
		x.atStart = slices.Clone(m.fields)
	case hopScanStep:
		if !x.scanning {
			return
		}
		x.cursor = h.Scan(x.cursor, int(a%8)+1, func(f, v []byte) {
			if m.values[string(f)] != string(v) {
				x.t.Fatalf("Scan gave %q=%q, model has %q", f, v, m.values[string(f)])
			}
			x.scanSeen[string(f)] = true
		})
		if x.cursor == 0 {
			for _, f := range x.atStart {
				if !x.removed[f] && !x.scanSeen[f] {
					x.t.Fatalf("scan missed %q, present throughout", f)
				}
			}
			x.scanning = false
		}
	case hopFill:
		for i := range int(a) {
			f, v := hfield(byte(i)+b), hvalue(byte(i), false)
			h.Set([]byte(f), []byte(v))
			m.set(f, v)
		}
	}
}

func (x *hashHarness) run(program []byte) {
	for i := 0; i+2 < len(program); i += 3 {
		x.apply(program[i], program[i+1], program[i+2])
		if x.h.Packed() && x.h.Len() > 64 {
			x.h.ToTable() // as the server would: a big packed hash is slow to check
		}
		checkHash(x.t, x.h, x.m)
		for _, c := range x.copies {
			checkHash(x.t, c.h, c.m)
		}
	}
}

func FuzzHash(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{hopSet, 1, 2, hopSet, 2, 3, hopSet, 1, 9, hopDelete, 1, 0, hopSet, 1, 4})
	f.Add([]byte{hopFill, 100, 0, hopCopy, 0, 0, hopSet, 5, 200, hopDelete, 7, 0, hopToTable, 0, 0,
		hopScanStart, 0, 0, hopScanStep, 2, 0, hopFill, 200, 50, hopScanStep, 1, 0, hopDelete, 60, 0,
		hopScanStep, 7, 0, hopScanStep, 7, 0, hopCopy, 1, 0, hopSetLong, 9, 9})
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) > 3*200 {
			program = program[:3*200]
		}
		newHashHarness(t).run(program)
	})
}

// TestHashModel runs random programs through the fuzz harness.
func TestHashModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := range 10 {
		program := make([]byte, 3*300)
		for i := range program {
			program[i] = byte(rng.IntN(256))
			if i%3 == 0 && rng.IntN(4) > 0 {
				program[i] = byte(rng.IntN(3)) // mostly sets and deletes
			}
		}
		t.Run(fmt.Sprint(round), func(t *testing.T) { newHashHarness(t).run(program) })
	}
}

func TestHashPackedOrderAndInPlace(t *testing.T) {
	h := NewHash()
	for _, kv := range [][2]string{{"a", "1"}, {"b", "22"}, {"c", "333"}} {
		if !h.Set([]byte(kv[0]), []byte(kv[1])) {
			t.Fatalf("Set(%s) not new", kv[0])
		}
	}
	before := &h.lp[0]
	if h.Set([]byte("b"), []byte("xy")) { // same length: in place
		t.Fatal("update reported new")
	}
	if &h.lp[0] != before {
		t.Fatal("a same-length update reallocated")
	}
	h.Set([]byte("a"), []byte(string(bytes.Repeat([]byte{'z'}, 200)))) // longer length prefix
	h.Delete([]byte("b"))
	h.Set([]byte("b"), []byte("new"))
	var got []string
	h.Range(func(f, v []byte) bool { got = append(got, string(f)+"="+string(v)); return true })
	want := []string{"a=" + string(bytes.Repeat([]byte{'z'}, 200)), "c=333", "b=new"}
	if !slices.Equal(got, want) {
		t.Fatalf("order %q, want %q", got, want)
	}
	if h.EncodingName() != "listpack" {
		t.Fatal(h.EncodingName())
	}
	h.ToTable()
	if h.EncodingName() != "hashtable" || h.Len() != 3 {
		t.Fatal(h.EncodingName(), h.Len())
	}
}

func TestHashCopyIsolation(t *testing.T) {
	for _, table := range []bool{false, true} {
		h := NewHash()
		for i := range 50 {
			h.Set([]byte(hfield(byte(i))), []byte("v"))
		}
		if table {
			h.ToTable()
		}
		c := h.Copy()
		h.Set([]byte("f1"), []byte("changed"))
		h.Delete([]byte("f2"))
		c.Set([]byte("f3"), []byte("copy"))
		if v, _ := c.Get([]byte("f1")); string(v) != "v" {
			t.Fatalf("table=%v: copy sees the original's write: %q", table, v)
		}
		if !c.Has([]byte("f2")) {
			t.Fatalf("table=%v: copy lost a field deleted in the original", table)
		}
		if v, _ := h.Get([]byte("f3")); string(v) != "v" {
			t.Fatalf("table=%v: original sees the copy's write: %q", table, v)
		}
	}
}

func TestHashRandomIsUniform(t *testing.T) {
	for _, n := range []int{5, 300} {
		h := NewHash()
		for i := range n {
			h.Set([]byte(strconv.Itoa(i)), []byte("v"))
		}
		if n > 100 {
			h.ToTable()
			// Removals reorder the dense arrays; picks stay uniform.
			for i := 0; i < n; i += 2 {
				h.Delete([]byte(strconv.Itoa(i)))
			}
		}
		rng := rand.New(rand.NewPCG(1, 2))
		counts := map[string]int{}
		draws := 2000 * h.Len()
		for range draws {
			f, _ := h.Random(rng)
			counts[string(f)]++
		}
		if len(counts) != h.Len() {
			t.Fatalf("n=%d: %d distinct fields drawn of %d", n, len(counts), h.Len())
		}
		for f, c := range counts {
			if c < 1700 || c > 2300 {
				t.Fatalf("n=%d: field %s drawn %d times, expected about 2000", n, f, c)
			}
		}
	}
}

func TestHashScanSmallReturnsAll(t *testing.T) {
	h := NewHash()
	h.Set([]byte("a"), []byte("1"))
	h.Set([]byte("b"), []byte("2"))
	var got []string
	if c := h.Scan(12345, 1, func(f, v []byte) { got = append(got, string(f)) }); c != 0 || len(got) != 2 {
		t.Fatalf("cursor %d, %q", c, got)
	}
}

func TestHashDoesNotKeepCallerBytes(t *testing.T) {
	for _, table := range []bool{false, true} {
		h := NewHash()
		if table {
			h.ToTable()
		}
		f, v := []byte("field"), []byte("value")
		h.Set(f, v)
		f[0], v[0] = 'X', 'X'
		if got, ok := h.Get([]byte("field")); !ok || string(got) != "value" {
			t.Fatalf("table=%v: %q %v", table, got, ok)
		}
	}
}

func TestHashMemoryBytesTracks(t *testing.T) {
	h := NewHash()
	small := h.MemoryBytes()
	for i := range 1000 {
		h.Set([]byte(hfield(byte(i))+strconv.Itoa(i)), []byte("value"))
	}
	h.ToTable()
	for i := range 5000 {
		h.Set([]byte("field:"+strconv.Itoa(i)), []byte("some value"))
	}
	big := h.MemoryBytes()
	if big < 5000*32 || big > 5000*200 {
		t.Fatalf("MemoryBytes of 6000 fields: %d", big)
	}
	for i := range 5000 {
		h.Delete([]byte("field:" + strconv.Itoa(i)))
	}
	if after := h.MemoryBytes(); after >= big/2 {
		t.Fatalf("MemoryBytes after deleting most: %d (was %d)", after, big)
	}
	if small <= 0 {
		t.Fatal(small)
	}
}
