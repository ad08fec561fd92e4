package datastruct

import (
	"fmt"
	"slices"
	"testing"
)

// FuzzStream reads the input as triples of bytes, an operation and two
// arguments, applies them to a Stream (with small nodes, so that node
// boundaries matter) and to a naive model (a slice of live entries in ID
// order), and after every operation checks Len, FirstID, LastLiveID,
// ranges both ways from bounds drawn from the arguments, Get, a Copy
// taken earlier (which must not change), the consumer group PELs, and
// that MemoryBytes came back to its base when the stream is emptied.
func FuzzStream(f *testing.F) {
	f.Add([]byte{0, 1, 1, 0, 2, 1, 0, 3, 0, 1, 2, 0, 4, 0, 1, 5, 0, 0})
	f.Add([]byte{0, 50, 3, 0, 50, 3, 0, 50, 3, 3, 10, 1, 2, 7, 0, 4, 2, 0, 6, 1, 1, 7, 0, 0, 8, 1, 0, 5, 0, 9})
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) > 3*300 {
			program = program[:3*300]
		}
		runStreamProgram(t, program)
	})
}

type modelEntry struct {
	id   StreamID
	data string
}

func runStreamProgram(t *testing.T, program []byte) {
	s := NewStream()
	base := s.MemoryBytes()
	var model []modelEntry
	var snap *Stream
	var snapModel []modelEntry
	next := uint64(1)
	pending := map[StreamID]bool{}
	g := s.CreateGroup([]byte("g"), StreamID{}, 0)
	cons := s.CreateConsumer(g, []byte("c"), 0)
	for pc := 0; pc+2 < len(program); pc += 3 {
		op, a, b := program[pc]%10, program[pc+1], program[pc+2]
		switch op {
		case 0, 1: // append a+1 entries with b%3 fields
			for range int(a%8) + 1 {
				id := StreamID{next / 3, next % 3}
				next += uint64(b%4) + 1
				fv := [][]byte{[]byte("f"), []byte(fmt.Sprint(next))}
				if b%3 == 1 {
					fv = append(fv, []byte("other"), []byte("x"))
				}
				s.Append(id, fv, 5, 200)
				model = append(model, modelEntry{id, string(packFields(nil, fv))})
			}
		case 2: // delete the a-th entry, or a missing one
			if len(model) > 0 && b%2 == 0 {
				i := int(a) % len(model)
				if !s.Delete(model[i].id) {
					t.Fatalf("delete %v: not found", model[i].id)
				}
				model = slices.Delete(model, i, i+1)
			} else if s.Delete(StreamID{next, 0}) {
				t.Fatal("deleted a missing entry")
			}
		case 3: // exact MAXLEN
			n := int64(a % 40)
			removed := s.Trim(TrimMaxLen, n, StreamID{}, false, 0)
			want := max(int64(len(model))-n, 0)
			if removed != want {
				t.Fatalf("trim maxlen %d removed %d, want %d", n, removed, want)
			}
			model = model[want:]
		case 4: // exact MINID
			min := StreamID{uint64(a), uint64(b % 3)}
			k := 0
			for k < len(model) && model[k].id.Less(min) {
				k++
			}
			if removed := s.Trim(TrimMinID, 0, min, false, 0); removed != int64(k) {
				t.Fatalf("trim minid %v removed %d, want %d", min, removed, k)
			}
			model = model[k:]
		case 5: // approximate MAXLEN: whole nodes from the head only
			n := int64(a % 40)
			removed := s.Trim(TrimMaxLen, n, StreamID{}, true, int64(b))
			if removed < 0 || int64(len(model))-removed < min(n, int64(len(model))) {
				t.Fatalf("approx trim to %d removed %d of %d", n, removed, len(model))
			}
			model = model[removed:]
		case 6: // take a copy
			snap = s.Copy()
			snapModel = slices.Clone(model)
		case 7: // deliver the a-th entry to the group, or ack it
			if len(model) > 0 {
				id := model[int(a)%len(model)].id
				if b%2 == 0 {
					s.AddPending(g, cons, id, 1, 1)
					pending[id] = true
				} else {
					if s.Ack(g, id) != pending[id] {
						t.Fatalf("ack %v", id)
					}
					delete(pending, id)
				}
			}
		case 8, 9: // queries below
		}
		checkStream(t, s, model)
		if snap != nil {
			checkStream(t, snap, snapModel)
		}
		if g.PEL.Len() != len(pending) || cons.PEL.Len() != len(pending) {
			t.Fatalf("PEL %d/%d, want %d", g.PEL.Len(), cons.PEL.Len(), len(pending))
		}
		lo := StreamID{uint64(a) / 2, uint64(b % 3)}
		hi := StreamID{uint64(a)/2 + uint64(b), 2}
		var got, want []StreamID
		s.Range(lo, hi, op == 9, func(id StreamID, _ []byte) bool { got = append(got, id); return true })
		for _, e := range model {
			if !e.id.Less(lo) && !hi.Less(e.id) {
				want = append(want, e.id)
			}
		}
		if op == 9 {
			slices.Reverse(want)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("range %v..%v rev=%v: %v, want %v", lo, hi, op == 9, got, want)
		}
	}
	for _, e := range model {
		s.Ack(g, e.id)
		s.Delete(e.id)
	}
	s.DestroyGroup([]byte("g"))
	if s.MemoryBytes() != base || s.NodeCount() != 0 {
		t.Fatalf("emptied stream: MemoryBytes %d, want %d; %d nodes", s.MemoryBytes(), base, s.NodeCount())
	}
}

func checkStream(t *testing.T, s *Stream, model []modelEntry) {
	t.Helper()
	if s.Len() != int64(len(model)) {
		t.Fatalf("Len %d, want %d", s.Len(), len(model))
	}
	var first, last StreamID
	if len(model) > 0 {
		first, last = model[0].id, model[len(model)-1].id
	}
	if s.FirstID() != first || s.LastLiveID() != last {
		t.Fatalf("first/last %v %v, want %v %v", s.FirstID(), s.LastLiveID(), first, last)
	}
	i := 0
	s.Range(StreamID{}, MaxStreamID, false, func(id StreamID, data []byte) bool {
		if i >= len(model) || model[i].id != id || model[i].data != string(data) {
			t.Fatalf("entry %d: %v", i, id)
		}
		i++
		return true
	})
	if i != len(model) {
		t.Fatalf("walked %d entries, want %d", i, len(model))
	}
	for _, e := range model {
		if d, ok := s.Get(e.id); !ok || string(d) != e.data {
			t.Fatalf("Get %v", e.id)
		}
	}
}
