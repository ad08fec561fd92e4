package datastruct

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// listOf builds a list by pushing elems at the tail.
func listFrom(elems ...string) *List {
	l := NewList()
	for _, e := range elems {
		l.PushBack([]byte(e))
	}
	return l
}

func listStrings(l *List) []string {
	var out []string
	l.Range(0, false, func(_ int, v []byte) bool {
		out = append(out, string(v))
		return true
	})
	return out
}

func TestListOperations(t *testing.T) {
	for _, tc := range []struct {
		name string
		op   func(l *List)
		want string
	}{
		{"push both ends", func(l *List) { l.PushFront([]byte("z")); l.PushBack([]byte("y")) }, "z a b c y"},
		{"pop front", func(l *List) { l.PopFront() }, "b c"},
		{"pop back", func(l *List) { l.PopBack() }, "a b"},
		{"set same length", func(l *List) { l.Set(1, []byte("B")) }, "a B c"},
		{"set longer", func(l *List) { l.Set(1, []byte("bbbb")) }, "a bbbb c"},
		{"set empty", func(l *List) { l.Set(2, nil) }, "a b "},
		{"set out of range", func(l *List) { l.Set(3, []byte("x")) }, "a b c"},
		{"insert head", func(l *List) { l.Insert(0, []byte("x")) }, "x a b c"},
		{"insert middle", func(l *List) { l.Insert(2, []byte("x")) }, "a b x c"},
		{"insert tail", func(l *List) { l.Insert(3, []byte("x")) }, "a b c x"},
		{"trim", func(l *List) { l.Trim(1, 1) }, "b"},
		{"trim all", func(l *List) { l.Trim(2, 5) }, ""},
		{"remove all a", func(l *List) { l.PushBack([]byte("a")); l.RemoveEqual([]byte("a"), 0, false) }, "b c"},
		{"remove first a", func(l *List) { l.PushBack([]byte("a")); l.RemoveEqual([]byte("a"), 1, false) }, "b c a"},
		{"remove last a", func(l *List) { l.PushBack([]byte("a")); l.RemoveEqual([]byte("a"), 1, true) }, "a b c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := listFrom("a", "b", "c")
			tc.op(l)
			if got := strings.Join(listStrings(l), " "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			checkList(t, l, listStrings(l))
		})
	}
}

func TestListEmpty(t *testing.T) {
	l := NewList()
	if _, ok := l.PopFront(); ok {
		t.Error("PopFront on an empty list")
	}
	if _, ok := l.PopBack(); ok {
		t.Error("PopBack on an empty list")
	}
	if _, ok := l.Index(0); ok {
		t.Error("Index(0) on an empty list")
	}
	l.Range(0, false, func(int, []byte) bool { t.Error("Range visited"); return true })
	if l.EncodingName() != "quicklist" {
		t.Errorf("EncodingName = %q", l.EncodingName())
	}
	l.PushBack([]byte("x"))
	l.PopFront()
	checkList(t, l, nil)
}

// TestListReturnedSlicesAreCapped checks that an append to a returned
// element cannot write into the list.
func TestListReturnedSlicesAreCapped(t *testing.T) {
	l := listFrom("ab", "cd")
	v, _ := l.Index(0)
	_ = append(v, 'X')
	if w, _ := l.Index(1); string(w) != "cd" {
		t.Errorf("an append to element 0 changed element 1 to %q", w)
	}
}

// TestListCopyIsDeep checks that a copy and the original change apart.
func TestListCopyIsDeep(t *testing.T) {
	l := NewList()
	for i := range 5000 {
		l.PushBack([]byte("e" + strconv.Itoa(i)))
	}
	l.PushBack(bytes.Repeat([]byte("B"), listBlockBytes+1))
	c := l.Copy()
	want := listStrings(l)
	l.Set(10, []byte("changed"))
	l.Trim(100, 100)
	checkList(t, c, want)
	if c.MemoryBytes() > l.MemoryBytes()+listStructBytes+4096 {
		t.Errorf("a copy (%d bytes) is bigger than the list it copies (%d)", c.MemoryBytes(), l.MemoryBytes())
	}
}

// TestListMemory checks that a long list of short elements costs little
// more than its bytes: Redis's quicklist spends about 2 bytes besides an
// element of this size.
func TestListMemory(t *testing.T) {
	for _, tc := range []struct {
		name string
		push func(l *List, v []byte)
	}{
		{"rpush", (*List).PushBack},
		{"lpush", (*List).PushFront},
	} {
		l := NewList()
		const n = 200_000
		for i := range n {
			tc.push(l, []byte("value:"+strconv.Itoa(1_000_000+i))) // 13 bytes
		}
		perElem := float64(l.MemoryBytes()) / n
		t.Logf("%s: %.1f bytes per 13-byte element", tc.name, perElem)
		if perElem > 16.5 {
			t.Errorf("%s: %.1f bytes per 13-byte element", tc.name, perElem)
		}
	}
}

// TestListBlockBoundaries pushes, inserts and removes around full
// blocks, by element count and by bytes.
func TestListBlockBoundaries(t *testing.T) {
	for _, size := range []int{0, 1, 7, 100, listBlockBytes / 2, listBlockBytes, listBlockBytes + 1} {
		l := NewList()
		var model []string
		n := 3*listBlockElems + 5
		if size > 100 {
			n = 20
		}
		for i := range n {
			v := strings.Repeat("x", size) + strconv.Itoa(i%10)
			if size == 0 {
				v = strconv.Itoa(i % 10)
			}
			if i%2 == 0 {
				l.PushBack([]byte(v))
				model = append(model, v)
			} else {
				l.PushFront([]byte(v))
				model = append([]string{v}, model...)
			}
		}
		checkList(t, l, model)
		for i := 0; i < len(model); i += 7 {
			l.Insert(i, []byte("ins"))
			model = append(model[:i], append([]string{"ins"}, model[i:]...)...)
		}
		checkList(t, l, model)
		l.RemoveEqual([]byte("ins"), 0, true)
		var kept []string
		for _, m := range model {
			if m != "ins" {
				kept = append(kept, m)
			}
		}
		checkList(t, l, kept)
	}
}

func BenchmarkList(b *testing.B) {
	elem := []byte("element:123456")
	b.Run("PushFront+PopBack", func(b *testing.B) {
		l := NewList()
		for range 100_000 {
			l.PushBack(elem)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			l.PushFront(elem)
			l.PopBack()
		}
	})
	b.Run("PushBack", func(b *testing.B) {
		l := NewList()
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			l.PushBack(elem)
		}
	})
	for _, n := range []int{1000, 100_000} {
		b.Run("Index/len="+strconv.Itoa(n), func(b *testing.B) {
			l := NewList()
			for range n {
				l.PushBack(elem)
			}
			b.ReportAllocs()
			b.ResetTimer()
			b.ResetTimer()
			for i := range b.N {
				l.Index(i % n)
			}
		})
	}
	b.Run("Insert-middle/len=10000", func(b *testing.B) {
		l := NewList()
		for range 10_000 {
			l.PushBack(elem)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			l.Insert(5000, elem)
			if i%1000 == 999 {
				l.Trim(500, 500)
			}
		}
	})
}
