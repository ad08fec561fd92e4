package datastruct

import (
	"testing"
)

// checkTable verifies a strTable's structure: every entry has exactly
// one slot, pointing at it with its hash, reachable from its home bucket
// without crossing an empty slot; no slot points nowhere; the load stays
// under the maximum; dataBytes matches the strings.
func checkTable[V any](t testing.TB, tab *strTable[V], valueBytes func(V) int64) {
	t.Helper()
	n := len(tab.keys)
	if len(tab.vals) != n {
		t.Fatalf("table: %d keys, %d values", n, len(tab.vals))
	}
	if n == 0 && len(tab.slots) == 0 {
		return
	}
	size := len(tab.slots)
	if size&(size-1) != 0 || size < tableMinSlots {
		t.Fatalf("table: %d slots", size)
	}
	if n*tableMaxLoadDen > size*tableMaxLoadNum {
		t.Fatalf("table: %d keys in %d slots", n, size)
	}
	mask := size - 1
	seen := make([]bool, n)
	used := 0
	for i, s := range tab.slots {
		if s == 0 {
			continue
		}
		used++
		idx := slotIndex(s)
		if idx < 0 || idx >= n {
			t.Fatalf("slot %d points at %d of %d", i, idx, n)
		}
		if seen[idx] {
			t.Fatalf("entry %d has two slots", idx)
		}
		seen[idx] = true
		if h := tab.hashString(tab.keys[idx]); h != slotHash(s) {
			t.Fatalf("slot %d: hash %x, key %q hashes to %x", i, slotHash(s), tab.keys[idx], h)
		}
		for j := int(slotHash(s)) & mask; j != i; j = (j + 1) & mask {
			if tab.slots[j] == 0 {
				t.Fatalf("slot %d (key %q) unreachable: empty slot %d on its probe path", i, tab.keys[idx], j)
			}
		}
		if _, got := tab.findString(tab.keys[idx]); got != idx {
			t.Fatalf("find(%q) = %d, want %d", tab.keys[idx], got, idx)
		}
	}
	if used != n {
		t.Fatalf("%d slots used for %d keys", used, n)
	}
	var data int64
	for i, k := range tab.keys {
		data += allocSize(uintptr(len(k)))
		if valueBytes != nil {
			data += valueBytes(tab.vals[i])
		}
	}
	if data != tab.dataBytes {
		t.Fatalf("dataBytes %d, strings hold %d", tab.dataBytes, data)
	}
}

func TestStrTableCollisions(t *testing.T) {
	// Force long runs: every key hashes into few buckets of a small
	// table, then delete from the middle of runs, wrapping around the end.
	tab := newStrTable[struct{}](0)
	var keys []string
	for i := range 300 {
		k := string(rune('a'+i%26)) + string(rune('A'+i/26))
		keys = append(keys, k)
		tab.own()
		tab.insert(tab.hashString(k), k, struct{}{})
		tab.dataBytes += allocSize(uintptr(len(k)))
	}
	checkTable(t, tab, nil)
	for i := 0; i < len(keys); i += 3 {
		pos, idx := tab.findString(keys[i])
		if idx < 0 {
			t.Fatalf("%q missing", keys[i])
		}
		tab.dataBytes -= allocSize(uintptr(len(keys[i])))
		tab.removeAt(pos, idx)
		checkTable(t, tab, nil)
	}
	for i, k := range keys {
		_, idx := tab.findString(k)
		if (idx >= 0) != (i%3 != 0) {
			t.Fatalf("%q: found %v", k, idx >= 0)
		}
	}
}

func TestStrTableUnslotWraps(t *testing.T) {
	// Hand-built slots in an 8-slot table: a run that wraps from the end
	// to the start, with entries at and away from their homes.
	tab := &strTable[struct{}]{slots: make([]uint64, 8)}
	keys := []string{"a", "b", "c", "d"}
	tab.keys = keys
	tab.vals = make([]struct{}, 4)
	homes := []uint32{6, 6, 7, 0} // a@6 b@7 c@0 d@1
	pos := []int{6, 7, 0, 1}
	for i := range keys {
		tab.slots[pos[i]] = makeSlot(homes[i], i)
	}
	tab.unslot(6) // remove a: b, c, d shift back
	want := map[int]int{6: 1, 7: 2, 0: 3}
	for p, idx := range want {
		if tab.slots[p] == 0 || slotIndex(tab.slots[p]) != idx {
			t.Fatalf("slot %d = %x, want entry %d", p, tab.slots[p], idx)
		}
	}
	if tab.slots[1] != 0 {
		t.Fatalf("slot 1 not emptied")
	}
}

// TestStrTableScanAcrossResizes checks Scan's guarantee while the table
// shrinks to a sixteenth and grows back between calls: every key
// present from the first call to the last is returned.
func TestStrTableScanAcrossResizes(t *testing.T) {
	s := NewSetTable(0)
	key := func(prefix string, i int) []byte {
		return []byte(prefix + string(rune('A'+i%50)) + string(rune('a'+i/50)))
	}
	for i := range 1000 {
		s.Add(key("k", i))
	}
	seen := map[string]bool{}
	cursor, step := uint64(0), 0
	for {
		cursor = s.Scan(cursor, 3, func(m []byte) { seen[string(m)] = true })
		if cursor == 0 {
			break
		}
		switch step++; step {
		case 5: // shrink: keep every tenth key
			for i := range 1000 {
				if i%10 != 0 {
					s.Remove(key("k", i))
				}
			}
		case 12: // grow far past the start
			for i := range 2500 {
				s.Add(key("n", i))
			}
		case 30:
			for i := range 2500 {
				s.Remove(key("n", i))
			}
		}
		checkTable(t, s.tab, nil)
	}
	if step < 30 {
		t.Fatalf("the scan ended after %d steps, before the resizes", step)
	}
	for i := 0; i < 1000; i += 10 {
		if !seen[string(key("k", i))] {
			t.Fatalf("key %q, present throughout, was not returned", key("k", i))
		}
	}
}
