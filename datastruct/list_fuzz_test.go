package datastruct

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// List operations of the fuzz programs.
const (
	lopPushFront = iota
	lopPushBack
	lopPopFront
	lopPopBack
	lopSet
	lopInsert
	lopTrim
	lopRemove
	lopFill // many elements at one end, to cross the block limits
	lopCopy // take a copy, which later operations must not change
	lopCount
)

// FuzzList reads the input as triples of bytes, an operation and two
// arguments, applies them to a List and to a naive model (a slice of
// strings), and after every operation checks the list against the
// model (Len, Index, both Range directions from every end), its own
// structure (no empty block, counts, boundaries, the running
// MemoryBytes against a recount) and a copy taken earlier.
func FuzzList(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{lopPushFront, 1, 2, lopPushBack, 3, 4, lopPopFront, 0, 0, lopSet, 0, 9, lopInsert, 1, 7})
	// Past the block limits at both ends, then edits in the middle.
	f.Add([]byte{
		lopFill, 200, 1, lopFill, 250, 0, lopCopy, 0, 0, lopInsert, 100, 3, lopSet, 130, 250,
		lopRemove, 1, 0x83, lopTrim, 40, 30, lopFill, 255, 0x81, lopRemove, 2, 5, lopPopBack, 0, 0,
	})
	// Big elements (solo blocks) among small ones.
	f.Add([]byte{
		lopPushBack, 0, 0xff, lopFill, 30, 0, lopInsert, 10, 0xfe, lopSet, 5, 0xff, lopSet, 0, 1,
		lopRemove, 0, 0xff, lopTrim, 3, 3, lopPopFront, 0, 0, lopPopBack, 0, 0,
	})
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) > 3*300 {
			program = program[:3*300]
		}
		h := &listHarness{t: t, l: NewList()}
		for i := 0; i+2 < len(program); i += 3 {
			h.apply(program[i]%lopCount, program[i+1], program[i+2])
			h.check()
		}
	})
}

type listHarness struct {
	t      *testing.T
	l      *List
	model  []string
	copies []*List
	copied [][]string
	serial int
}

// value makes an element from an argument byte: mostly short strings, a
// few repeated ones for LREM, and now and then one longer than a block.
func (h *listHarness) value(arg byte) []byte {
	switch {
	case arg == 0xff:
		return bytes.Repeat([]byte{'B'}, listBlockBytes+1+int(h.serial%3))
	case arg == 0xfe:
		return bytes.Repeat([]byte{'b'}, listBlockBytes)
	case arg >= 0xf0:
		return bytes.Repeat([]byte{'m'}, 300*int(arg-0xef))
	case arg < 8:
		return []byte(strings.Repeat("r", int(arg))) // repeated values, "" included
	}
	h.serial++
	return []byte(fmt.Sprintf("v%d-%s", h.serial, strings.Repeat("x", int(arg)%40)))
}

func (h *listHarness) apply(op, a, b byte) {
	l, n := h.l, len(h.model)
	switch op {
	case lopPushFront:
		v := h.value(b)
		l.PushFront(v)
		h.model = append([]string{string(v)}, h.model...)
	case lopPushBack:
		v := h.value(b)
		l.PushBack(v)
		h.model = append(h.model, string(v))
	case lopPopFront:
		v, ok := l.PopFront()
		if ok != (n > 0) || ok && string(v) != h.model[0] {
			h.t.Fatalf("PopFront = %q, %v; model %d elements", v, ok, n)
		}
		if ok {
			h.model = h.model[1:]
		}
	case lopPopBack:
		v, ok := l.PopBack()
		if ok != (n > 0) || ok && string(v) != h.model[n-1] {
			h.t.Fatalf("PopBack = %q, %v; model %d elements", v, ok, n)
		}
		if ok {
			h.model = h.model[:n-1]
		}
	case lopSet:
		i := position(a, n)
		v := h.value(b)
		ok := l.Set(i, v)
		if ok != (i >= 0 && i < n) {
			h.t.Fatalf("Set(%d) = %v with %d elements", i, ok, n)
		}
		if ok {
			h.model[i] = string(v)
		}
	case lopInsert:
		i := min(max(position(a, n), 0), n)
		v := h.value(b)
		l.Insert(i, v)
		h.model = append(h.model[:i], append([]string{string(v)}, h.model[i:]...)...)
	case lopTrim:
		front, back := int(a)%64, int(b)%64
		l.Trim(front, back)
		if front+back >= n {
			h.model = nil
		} else {
			h.model = h.model[front : n-back]
		}
	case lopRemove:
		// A repeated short value, or (high bit) one taken from the list,
		// big ones included.
		v := h.value(a % 8)
		if a&0x80 != 0 && n > 0 {
			v = []byte(h.model[int(a&0x7f)%n])
		}
		count, fromTail := int(b&0x7f)%4, b&0x80 != 0
		got := l.RemoveEqual(v, count, fromTail)
		want := h.removeModel(string(v), count, fromTail)
		if got != want {
			h.t.Fatalf("RemoveEqual(%q, %d, %v) = %d, want %d", trimShow(v), count, fromTail, got, want)
		}
	case lopFill:
		// Enough to cross a block's limits, not so many that the model
		// gets slow.
		for range min(int(a)*8, 3000-n) {
			v := h.value(8 + b&0x3f)
			if b&0x40 != 0 && h.serial%3 == 0 {
				v = h.value(byte(h.serial % 8)) // repeated values, for RemoveEqual across blocks
			}
			if b&0x80 != 0 {
				l.PushFront(v)
				h.model = append([]string{string(v)}, h.model...)
			} else {
				l.PushBack(v)
				h.model = append(h.model, string(v))
			}
		}
	case lopCopy:
		if len(h.copies) == 4 {
			break
		}
		h.copies = append(h.copies, l.Copy())
		h.copied = append(h.copied, append([]string(nil), h.model...))
	}
}

// position spreads an argument byte over the list: 0..249 scale to
// 0..n, 250..255 are around and past the end (n-2 .. n+3).
func position(a byte, n int) int {
	if a >= 250 {
		return n + int(a) - 252
	}
	return int(a) * n / 250
}

func (h *listHarness) removeModel(v string, count int, fromTail bool) int {
	removed := 0
	if !fromTail {
		kept := h.model[:0:0]
		for _, x := range h.model {
			if x == v && (count == 0 || removed < count) {
				removed++
				continue
			}
			kept = append(kept, x)
		}
		h.model = kept
		return removed
	}
	kept := make([]string, len(h.model))
	w := len(kept)
	for i := len(h.model) - 1; i >= 0; i-- {
		if x := h.model[i]; x == v && (count == 0 || removed < count) {
			removed++
		} else {
			w--
			kept[w] = x
		}
	}
	h.model = kept[w:]
	return removed
}

func (h *listHarness) check() {
	h.t.Helper()
	checkList(h.t, h.l, h.model)
	for i, c := range h.copies {
		checkList(h.t, c, h.copied[i])
	}
}

// checkList compares l with model and checks its structure.
func checkList(t *testing.T, l *List, model []string) {
	t.Helper()
	if l.Len() != len(model) {
		t.Fatalf("Len = %d, want %d", l.Len(), len(model))
	}
	// Structure: blocks non-empty, boundaries in order, counts add up.
	total := 0
	mem := listStructBytes + allocSize(uintptr(len(l.ring))*8)
	if len(l.ring)&(len(l.ring)-1) != 0 || l.nblk > len(l.ring) {
		t.Fatalf("ring of %d slots holds %d blocks", len(l.ring), l.nblk)
	}
	for bi := range l.nblk {
		b := l.blk(bi)
		if b.len() <= 0 {
			t.Fatalf("block %d of %d holds %d elements", bi, l.nblk, b.len())
		}
		if b.offs == nil {
			if b.first != 0 || b.last != 1 || len(b.data) <= listBlockBytes {
				t.Fatalf("solo block %d: first %d last %d len %d", bi, b.first, b.last, len(b.data))
			}
		} else {
			if b.len() > listBlockElems || int(b.last) >= len(b.offs) || len(b.offs) > listOffsCap || len(b.data) > listBlockBytes {
				t.Fatalf("block %d: %d elements, last %d of %d, %d bytes", bi, b.len(), b.last, len(b.offs), len(b.data))
			}
			for j := b.first; j < b.last; j++ {
				if b.offs[j] > b.offs[j+1] || int(b.offs[j+1]) > len(b.data) {
					t.Fatalf("block %d: boundaries %v", bi, b.offs[b.first:b.last+1])
				}
			}
		}
		total += b.len()
		mem += b.memory()
	}
	if l.spare != nil {
		mem += l.spare.memory()
	}
	if total != l.count {
		t.Fatalf("blocks hold %d elements, count %d", total, l.count)
	}
	if mem != l.MemoryBytes() {
		t.Fatalf("MemoryBytes = %d, recounted %d", l.MemoryBytes(), mem)
	}
	// Index every element of a short list, and a spread of them in a
	// long one (Range below reads every element anyway).
	step := max(1, len(model)/64)
	for i := 0; i < len(model); i += step {
		checkIndex(t, l, i, model[i])
	}
	if n := len(model); n > 0 {
		checkIndex(t, l, n-1, model[n-1])
	}
	if _, ok := l.Index(len(model)); ok {
		t.Fatalf("Index(Len) found an element")
	}
	seen := 0
	l.Range(0, false, func(i int, v []byte) bool {
		if i != seen || string(v) != model[i] {
			t.Fatalf("Range forward: index %d at step %d: %q", i, seen, trimShow(v))
		}
		seen++
		return true
	})
	if seen != len(model) {
		t.Fatalf("Range forward visited %d of %d", seen, len(model))
	}
	seen = 0
	l.Range(len(model)-1, true, func(i int, v []byte) bool {
		if i != len(model)-1-seen || string(v) != model[i] {
			t.Fatalf("Range reverse: index %d at step %d: %q", i, seen, trimShow(v))
		}
		seen++
		return true
	})
	if seen != len(model) {
		t.Fatalf("Range reverse visited %d of %d", seen, len(model))
	}
}

func checkIndex(t *testing.T, l *List, i int, want string) {
	t.Helper()
	if v, ok := l.Index(i); !ok || string(v) != want {
		t.Fatalf("Index(%d) = %q, %v; want %q", i, trimShow(v), ok, trimShow([]byte(want)))
	}
}

func trimShow(v []byte) string {
	if len(v) > 40 {
		return fmt.Sprintf("%s...(%d bytes)", v[:20], len(v))
	}
	return string(v)
}
