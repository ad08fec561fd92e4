package datastruct

import (
	"fmt"
	"hash/maphash"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/quick"
)

// checkDict verifies the Dict's structure against the model without
// changing it (Find would take a rehash step).
func checkDict(t testing.TB, d *Dict, model map[string]*Entry) {
	t.Helper()
	if d.Len() != len(model) {
		t.Fatalf("Len = %d, model has %d", d.Len(), len(model))
	}
	if !d.rehashing() && (d.ht[1].buckets != nil || d.ht[1].used != 0) {
		t.Fatalf("ht[1] not empty while not rehashing")
	}
	for ti := range d.ht {
		tab := &d.ht[ti]
		if n := len(tab.buckets); n != 0 && (n < minBuckets || n&(n-1) != 0) {
			t.Fatalf("ht[%d] has %d buckets, want a power of two >= %d", ti, n, minBuckets)
		}
		used := 0
		for i, e := range tab.buckets {
			if ti == 0 && d.rehashing() && i < d.rehashIdx && e != nil {
				t.Fatalf("ht[0] bucket %d below rehashIdx %d is not empty", i, d.rehashIdx)
			}
			for ; e != nil; e = e.next {
				used++
				if got := maphash.String(d.seed, e.Key) & tab.mask(); got != uint64(i) {
					t.Fatalf("key %q in ht[%d] bucket %d, hashes to %d", e.Key, ti, i, got)
				}
				if model[e.Key] != e {
					t.Fatalf("key %q in the Dict is not the model's entry", e.Key)
				}
			}
		}
		if used != tab.used {
			t.Fatalf("ht[%d].used = %d, chains hold %d", ti, tab.used, used)
		}
	}
}

// dictOp is one step of a random or fuzzed sequence.
type dictOp int

const (
	opAdd dictOp = iota
	opDelete
	opDeleteBytes
	opFind
	opFindBytes
	opScanStep
	opRandom
	opSample
	opClear
	opFill  // add every absent key below k
	opDrain // delete every present key at or above k
	numDictOps
)

// dictHarness applies operations to a Dict and a map model side by side
// and checks each result. It also runs one SCAN at a time across the
// operations and checks the SCAN guarantee when it ends.
type dictHarness struct {
	t     testing.TB
	d     *Dict
	model map[string]*Entry
	rng   *rand.Rand
	keys  []string

	scanning   bool
	cursor     uint64
	throughout map[string]bool // keys present since the scan began
	seen       map[string]bool
	scansDone  int

	// How many operations ended mid-rehash, by direction; tests use it to
	// prove they covered both.
	midGrow, midShrink int
}

func newDictHarness(t testing.TB, keySpace int, seed uint64) *dictHarness {
	keys := make([]string, keySpace)
	for i := range keys {
		keys[i] = "key:" + strconv.Itoa(i)
	}
	return &dictHarness{
		t:     t,
		d:     NewDict(),
		model: map[string]*Entry{},
		rng:   rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		keys:  keys,
	}
}

func (h *dictHarness) add(key string) {
	e := &Entry{Key: key}
	h.d.Add(e)
	h.model[key] = e
}

func (h *dictHarness) remove(key string, viaBytes bool) {
	var got *Entry
	if viaBytes {
		got = h.d.DeleteBytes([]byte(key))
	} else {
		got = h.d.Delete(key)
	}
	want := h.model[key]
	if got != want {
		h.t.Fatalf("Delete(%q) = %v, want %v", key, got, want)
	}
	if got != nil && got.next != nil {
		h.t.Fatalf("Delete(%q) left the entry linked", key)
	}
	delete(h.model, key)
	delete(h.throughout, key)
}

func (h *dictHarness) apply(op dictOp, k int) {
	t, d := h.t, h.d
	key := h.keys[k%len(h.keys)]
	switch op {
	case opAdd:
		if h.model[key] == nil {
			h.add(key)
		}
	case opDelete, opDeleteBytes:
		h.remove(key, op == opDeleteBytes)
	case opFind:
		if got, want := d.Find(key), h.model[key]; got != want {
			t.Fatalf("Find(%q) = %v, want %v", key, got, want)
		}
	case opFindBytes:
		if got, want := d.FindBytes([]byte(key)), h.model[key]; got != want {
			t.Fatalf("FindBytes(%q) = %v, want %v", key, got, want)
		}
	case opScanStep:
		h.scanStep()
	case opRandom:
		e := d.RandomEntry(h.rng)
		if (e == nil) != (len(h.model) == 0) || (e != nil && h.model[e.Key] != e) {
			t.Fatalf("RandomEntry = %v with %d keys", e, len(h.model))
		}
	case opSample:
		checkSample(t, d, h.model, h.rng, k%16)
	case opClear:
		d.Clear()
		clear(h.model)
		clear(h.throughout)
	case opFill:
		for _, key := range h.keys[:k%len(h.keys)] {
			if h.model[key] == nil {
				h.add(key)
			}
		}
	case opDrain:
		for _, key := range h.keys[k%len(h.keys):] {
			if h.model[key] != nil {
				h.remove(key, false)
			}
		}
	}
	if d.Len() != len(h.model) {
		t.Fatalf("after op %d: Len = %d, model has %d", op, d.Len(), len(h.model))
	}
	if d.rehashing() {
		if len(d.ht[1].buckets) > len(d.ht[0].buckets) {
			h.midGrow++
		} else {
			h.midShrink++
		}
	}
}

func (h *dictHarness) scanStep() {
	if !h.scanning {
		h.scanning, h.cursor = true, 0
		h.throughout, h.seen = map[string]bool{}, map[string]bool{}
		for k := range h.model {
			h.throughout[k] = true
		}
	}
	h.cursor = h.d.Scan(h.cursor, func(e *Entry) {
		if h.model[e.Key] != e {
			h.t.Fatalf("Scan returned %q, which is not in the Dict", e.Key)
		}
		h.seen[e.Key] = true
	})
	if h.cursor != 0 {
		return
	}
	for k := range h.throughout {
		if !h.seen[k] {
			h.t.Fatalf("Scan missed %q, present for the whole scan", k)
		}
	}
	h.scanning = false
	h.scansDone++
}

// finishScan runs the current scan, if any, to its end without mutations.
func (h *dictHarness) finishScan() {
	for h.scanning {
		h.scanStep()
	}
}

func checkSample(t testing.TB, d *Dict, model map[string]*Entry, rng *rand.Rand, n int) {
	t.Helper()
	prefix := []*Entry{{Key: "not in the dict"}}
	got := d.SampleEntries(rng, prefix, n)
	if got[0] != prefix[0] {
		t.Fatalf("SampleEntries overwrote dst")
	}
	got = got[1:]
	if n >= len(model) && len(got) != len(model) {
		t.Fatalf("SampleEntries(%d) returned %d entries of %d", n, len(got), len(model))
	}
	distinct := map[*Entry]bool{}
	for _, e := range got {
		if model[e.Key] != e {
			t.Fatalf("SampleEntries returned %q, not in the Dict", e.Key)
		}
		if distinct[e] {
			t.Fatalf("SampleEntries returned %q twice", e.Key)
		}
		distinct[e] = true
	}
}

func TestDictBasics(t *testing.T) {
	d := NewDict()
	if d.Len() != 0 || d.Find("a") != nil || d.FindBytes([]byte("a")) != nil ||
		d.Delete("a") != nil || d.DeleteBytes([]byte("a")) != nil ||
		d.RandomEntry(rand.New(rand.NewPCG(1, 2))) != nil || d.Scan(0, func(*Entry) { t.Fatal("visited") }) != 0 ||
		d.MemoryOverhead() != 0 {
		t.Fatal("empty Dict misbehaves")
	}
	d.ForEach(func(*Entry) bool { t.Fatal("ForEach visited an empty Dict"); return false })

	a, b, empty := &Entry{Key: "a"}, &Entry{Key: "b"}, &Entry{Key: ""}
	d.Add(a)
	d.Add(b)
	d.Add(empty)
	tests := []struct {
		key  string
		want *Entry
	}{
		{"a", a}, {"b", b}, {"", empty}, {"c", nil}, {"aa", nil},
	}
	for _, tt := range tests {
		if got := d.Find(tt.key); got != tt.want {
			t.Errorf("Find(%q) = %v, want %v", tt.key, got, tt.want)
		}
		if got := d.FindBytes([]byte(tt.key)); got != tt.want {
			t.Errorf("FindBytes(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
	if d.Len() != 3 || d.MemoryOverhead() != minBuckets*pointerBytes {
		t.Fatalf("Len = %d, MemoryOverhead = %d", d.Len(), d.MemoryOverhead())
	}
	if got := d.DeleteBytes([]byte("a")); got != a || d.Find("a") != nil || d.Len() != 2 {
		t.Fatalf("DeleteBytes(a) = %v, Len %d", got, d.Len())
	}
	if got := d.Delete("a"); got != nil {
		t.Fatalf("second Delete(a) = %v", got)
	}
	visited := 0
	d.ForEach(func(*Entry) bool { visited++; return false })
	if visited != 1 {
		t.Fatalf("ForEach did not stop: %d visits", visited)
	}
	d.Clear()
	if d.Len() != 0 || d.Find("b") != nil || d.MemoryOverhead() != 0 {
		t.Fatal("Clear left entries")
	}
	d.Add(b) // an entry from a cleared Dict can be added again
	if d.Find("b") != b || d.Len() != 1 {
		t.Fatal("re-Add after Clear failed")
	}
}

// TestDictResize checks when the table grows and shrinks, once each
// rehash has run to its end.
func TestDictResize(t *testing.T) {
	tests := []struct {
		name        string
		adds, keeps int // add keys 0..adds-1, then delete down to keeps
		wantBuckets int
	}{
		{"one key", 1, 1, 4},
		{"full initial table", 4, 4, 4},
		{"first grow", 5, 5, 8},
		{"load factor 1", 1024, 1024, 1024},
		{"just past 1", 1025, 1025, 2048},
		{"no shrink at 1/8", 1024, 128, 1024},
		{"shrink below 1/8", 1024, 127, 128},
		{"small tables never shrink", 4, 1, 4},
		{"empty holds no buckets", 1024, 0, 0},
		{"empty small table", 3, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newDictHarness(t, tt.adds, 1)
			for i := range tt.adds {
				h.apply(opAdd, i)
			}
			for i := tt.adds - 1; i >= tt.keeps; i-- {
				h.apply(opDelete, i)
			}
			for h.d.rehashing() {
				h.d.rehashStep()
			}
			checkDict(t, h.d, h.model)
			if got := len(h.d.ht[0].buckets); got != tt.wantBuckets {
				t.Errorf("buckets = %d, want %d", got, tt.wantBuckets)
			}
			if got := h.d.MemoryOverhead(); got != tt.wantBuckets*pointerBytes {
				t.Errorf("MemoryOverhead = %d, want %d", got, tt.wantBuckets*pointerBytes)
			}
		})
	}
}

// TestDictRehashIsIncremental checks that no single operation moves more
// than rehashBatch buckets or skips more than maxEmptyVisits empty ones
// for each.
func TestDictRehashIsIncremental(t *testing.T) {
	h := newDictHarness(t, 4096, 2)
	for i := range 4096 {
		before := h.d.rehashIdx
		h.apply(opAdd, i)
		if before >= 0 && h.d.rehashIdx >= 0 && h.d.rehashIdx-before > rehashBatch*maxEmptyVisits {
			t.Fatalf("one Add advanced rehashIdx by %d", h.d.rehashIdx-before)
		}
	}
	for i := range 4096 {
		before := h.d.rehashIdx
		h.apply(opDelete, i)
		if before >= 0 && h.d.rehashIdx >= 0 && h.d.rehashIdx-before > rehashBatch*maxEmptyVisits {
			t.Fatalf("one Delete advanced rehashIdx by %d", h.d.rehashIdx-before)
		}
	}
	if h.midGrow == 0 || h.midShrink == 0 {
		t.Fatalf("no rehash seen: grow %d, shrink %d", h.midGrow, h.midShrink)
	}
}

// TestDictModel runs long random sequences against a map, in phases that
// push the table through grows and shrinks.
func TestDictModel(t *testing.T) {
	tests := []struct {
		name     string
		keySpace int
		ops      int
	}{
		{"tiny", 8, 5000},
		{"small", 100, 20000},
		{"medium", 3000, 60000},
	}
	for _, tt := range tests {
		for seed := range uint64(3) {
			t.Run(fmt.Sprintf("%s/seed=%d", tt.name, seed), func(t *testing.T) {
				h := newDictHarness(t, tt.keySpace, seed)
				rng := rand.New(rand.NewPCG(seed, 99))
				for i := range tt.ops {
					// Alternate add-heavy and delete-heavy phases.
					// The delete phase must bring the load below 1/8.
					addBias := 0.95
					if (i/(tt.keySpace*6))%2 == 1 {
						addBias = 0.03
					}
					var op dictOp
					switch r := rng.Float64(); {
					case r < addBias*0.6:
						op = opAdd
					case r < 0.6:
						op = []dictOp{opDelete, opDeleteBytes}[rng.IntN(2)]
					case r < 0.8:
						op = []dictOp{opFind, opFindBytes}[rng.IntN(2)]
					case r < 0.9:
						op = opScanStep
					case r < 0.95:
						op = opRandom
					case r < 0.99999: // a Clear mid-phase would skip a shrink
						op = opSample
					default:
						op = opClear
					}
					h.apply(op, rng.IntN(tt.keySpace))
					if i%97 == 0 {
						checkDict(t, h.d, h.model)
					}
				}
				h.finishScan()
				checkDict(t, h.d, h.model)
				if tt.keySpace > minBuckets*shrinkFillRatio && (h.midGrow == 0 || h.midShrink == 0) {
					t.Fatalf("rehash not covered: grow %d, shrink %d", h.midGrow, h.midShrink)
				}
			})
		}
	}
}

// TestDictQuick checks with testing/quick that any operation sequence
// agrees with the map model.
func TestDictQuick(t *testing.T) {
	property := func(ops []uint16) bool {
		h := newDictHarness(t, 300, uint64(len(ops)))
		for _, op := range ops {
			h.apply(dictOp(op%uint16(numDictOps)), int(op>>4))
		}
		h.finishScan()
		checkDict(t, h.d, h.model)
		return true
	}
	if err := quick.Check(property, &quick.Config{MaxCount: 300}); err != nil {
		t.Fatal(err)
	}
}

// TestDictScanGuarantee starts scans and, between their calls, adds and
// deletes other keys in waves large enough to grow and shrink the table
// several times, so the cursor crosses resizes in both directions and
// calls land mid-rehash.
func TestDictScanGuarantee(t *testing.T) {
	tests := []struct {
		name          string
		stable        int  // keys present for the whole scan
		volatile      int  // other keys, added and deleted in waves
		mutationsStep int  // max mutations between two Scan calls
		wantBoth      bool // expect calls mid-grow and mid-shrink
	}{
		// A scan ends fast once the table is small again, so these see
		// mostly grows.
		{"few stable, big waves", 10, 4000, 40, false},
		{"no stable keys", 0, 2000, 20, false},
		// Enough stable keys to keep the scan going over several waves.
		{"many stable", 1000, 10000, 200, true},
		{"slow mutations", 300, 3000, 30, true},
	}
	for _, tt := range tests {
		for seed := range uint64(5) {
			t.Run(fmt.Sprintf("%s/seed=%d", tt.name, seed), func(t *testing.T) {
				d := NewDict()
				rng := rand.New(rand.NewPCG(seed, 7))
				stable := map[string]*Entry{}
				for i := range tt.stable {
					e := &Entry{Key: "stable:" + strconv.Itoa(i)}
					d.Add(e)
					stable[e.Key] = e
				}
				var present []string // volatile keys in the Dict
				next := 0
				growing := true
				seen := map[string]int{}
				sawGrow, sawShrink := 0, 0
				var cursor uint64
				for calls := 0; ; calls++ {
					if d.rehashing() {
						if len(d.ht[1].buckets) > len(d.ht[0].buckets) {
							sawGrow++
						} else {
							sawShrink++
						}
					}
					cursor = d.Scan(cursor, func(e *Entry) { seen[e.Key]++ })
					if cursor == 0 {
						break
					}
					if calls > 1_000_000 {
						t.Fatal("scan does not end")
					}
					for range rng.IntN(tt.mutationsStep + 1) {
						if growing {
							key := "volatile:" + strconv.Itoa(next)
							next++
							d.Add(&Entry{Key: key})
							present = append(present, key)
							growing = len(present) < tt.volatile
						} else {
							i := rng.IntN(len(present))
							if d.Delete(present[i]) == nil {
								t.Fatalf("volatile key %q lost", present[i])
							}
							present[i] = present[len(present)-1]
							present = present[:len(present)-1]
							growing = len(present) == 0
						}
					}
				}
				for k := range stable {
					if seen[k] == 0 {
						t.Fatalf("scan missed stable key %q", k)
					}
				}
				t.Logf("scan calls mid-rehash: grow %d, shrink %d", sawGrow, sawShrink)
				if tt.wantBoth && (sawGrow == 0 || sawShrink == 0) {
					t.Fatal("scan did not cross both kinds of rehash")
				}
			})
		}
	}
}

// TestDictScanCoverage checks that the scan tests above do hit both kinds
// of rehash between calls, so the guarantee is tested where it matters.
func TestDictScanCoverage(t *testing.T) {
	h := newDictHarness(t, 5000, 3)
	rng := rand.New(rand.NewPCG(3, 3))
	// Adds and deletes go in key order so each delete wave empties the
	// table and shrinks it.
	for wave := range 6 {
		for i := range 5000 {
			op := opAdd
			if wave%2 == 1 {
				op = opDelete
			}
			h.apply(op, i)
			if rng.IntN(4) == 0 {
				h.apply(opScanStep, 0)
			}
		}
	}
	h.finishScan()
	if h.scansDone == 0 || h.midGrow == 0 || h.midShrink == 0 {
		t.Fatalf("scans %d, mid-grow %d, mid-shrink %d", h.scansDone, h.midGrow, h.midShrink)
	}
}

// TestDictScanExactlyOnce checks that without resizes a scan returns every
// key exactly once, in and out of a rehash.
func TestDictScanExactlyOnce(t *testing.T) {
	for _, tt := range dictShapes() {
		t.Run(tt.name, func(t *testing.T) {
			d, model := tt.build()
			seen := map[string]int{}
			cursor := d.Scan(0, func(e *Entry) { seen[e.Key]++ })
			for cursor != 0 {
				cursor = d.Scan(cursor, func(e *Entry) { seen[e.Key]++ })
			}
			for k := range model {
				if seen[k] != 1 {
					t.Fatalf("key %q returned %d times", k, seen[k])
				}
			}
			if len(seen) != len(model) {
				t.Fatalf("scan returned %d keys, want %d", len(seen), len(model))
			}
		})
	}
}

// TestDictScanWarmIsScan checks that scanWarm visits what as many Scan
// calls would, in the same order, and returns the same cursor, from every
// cursor a walk passes through.
func TestDictScanWarmIsScan(t *testing.T) {
	for _, tt := range dictShapes() {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := tt.build()
			if d.rehashing() {
				t.Skip("scanWarm serves tables that are not rehashing")
			}
			cursor := uint64(0)
			for {
				var warm, plain []string
				next, _ := d.scanWarm(cursor, func(e *Entry) { warm = append(warm, e.Key) })
				c := cursor
				for range scanWarmBuckets {
					if c = d.Scan(c, func(e *Entry) { plain = append(plain, e.Key) }); c == 0 {
						break
					}
				}
				if next != c || !slices.Equal(warm, plain) {
					t.Fatalf("from cursor %d: scanWarm gave %v and cursor %d, Scan %v and %d", cursor, warm, next, plain, c)
				}
				if cursor = next; cursor == 0 {
					break
				}
			}
		})
	}
}

type dictShape struct {
	name  string
	build func() (*Dict, map[string]*Entry)
}

// dictShapes builds tables in the states that matter for sampling and
// scanning: full, half full, sparse, and frozen mid-grow and mid-shrink.
func dictShapes() []dictShape {
	build := func(adds, keeps, steps int) func() (*Dict, map[string]*Entry) {
		return func() (*Dict, map[string]*Entry) {
			d := NewDict()
			model := map[string]*Entry{}
			for i := range adds {
				e := &Entry{Key: "k" + strconv.Itoa(i)}
				d.Add(e)
				model[e.Key] = e
			}
			for i := adds - 1; i >= keeps; i-- {
				d.Delete("k" + strconv.Itoa(i))
				delete(model, "k"+strconv.Itoa(i))
			}
			if steps < 0 {
				for d.rehashing() {
					d.rehashStep()
				}
			}
			for range steps {
				d.rehashStep()
			}
			return d, model
		}
	}
	return []dictShape{
		{"load 1", build(1024, 1024, -1)},
		{"load 1/2", build(1025, 1025, -1)},
		{"load 1/7", build(1024, 147, -1)},
		{"mid-grow", build(1025, 1025, 300)},
		{"mid-shrink", build(2048, 255, 100)},
	}
}

// TestDictRandomEntryUniform draws many random entries. It checks the
// counts by a chi-square test against the distribution RandomEntry
// promises (uniform, except entries in chains longer than fairChainSlots,
// weighted by fairChainSlots/length), and checks that this distribution is
// close to uniform.
func TestDictRandomEntryUniform(t *testing.T) {
	for _, tt := range dictShapes() {
		t.Run(tt.name, func(t *testing.T) {
			d, model := tt.build()
			if strings.HasPrefix(tt.name, "mid") && !d.rehashing() {
				t.Fatal("shape is not mid-rehash")
			}
			want := randomEntryOdds(d)
			uniform := 1 / float64(len(model))
			tvDistance := 0.0
			for _, p := range want {
				tvDistance += math.Abs(p-uniform) / 2
			}
			// At load factor 1 about 2% of entries are in long chains.
			if tvDistance > 0.02 {
				t.Errorf("promised distribution is %.3f from uniform", tvDistance)
			}

			rng := rand.New(rand.NewPCG(11, 12))
			const perKey = 200
			draws := perKey * len(model)
			counts := map[*Entry]int{}
			for range draws {
				e := d.RandomEntry(rng)
				if model[e.Key] != e {
					t.Fatalf("RandomEntry returned %q, not in the Dict", e.Key)
				}
				counts[e]++
			}
			chi2 := 0.0
			for e, p := range want {
				expected := p * float64(draws)
				diff := float64(counts[e]) - expected
				chi2 += diff * diff / expected
				// Loose per-key bound against uniform.
				if c := counts[e]; c < perKey/3 || c > perKey*2 {
					t.Errorf("key %q drawn %d times, want about %d", e.Key, c, perKey)
				}
			}
			// Loose bound: mean df, standard deviation sqrt(2df).
			df := float64(len(model) - 1)
			limit := df + 6*math.Sqrt(2*df)
			t.Logf("chi-square %.0f, df %.0f, limit %.0f; distance from uniform %.4f", chi2, df, limit, tvDistance)
			if chi2 > limit {
				t.Errorf("chi-square %.0f over %.0f", chi2, limit)
			}
		})
	}
}

// randomEntryOdds computes the probability RandomEntry gives each entry,
// from the chain lengths of the buckets it can pick.
func randomEntryOdds(d *Dict) map[*Entry]float64 {
	odds := map[*Entry]float64{}
	total := 0.0
	for ti := range d.liveTables() {
		for i, head := range d.ht[ti].buckets {
			if ti == 0 && i < d.rehashIdx {
				continue
			}
			chainLen := 0
			for e := head; e != nil; e = e.next {
				chainLen++
			}
			for e := head; e != nil; e = e.next {
				w := 1 / float64(max(chainLen, fairChainSlots))
				odds[e] = w
				total += w
			}
		}
	}
	for e := range odds {
		odds[e] /= total
	}
	return odds
}

func TestDictSampleEntries(t *testing.T) {
	for _, tt := range dictShapes() {
		for _, n := range []int{0, 1, 5, 20, 5000} {
			t.Run(fmt.Sprintf("%s/n=%d", tt.name, n), func(t *testing.T) {
				d, model := tt.build()
				rng := rand.New(rand.NewPCG(uint64(n), 5))
				drawn := map[*Entry]bool{}
				rounds := min(2000, 20000/max(n, 1))
				for range rounds {
					checkSample(t, d, model, rng, n)
					for _, e := range d.SampleEntries(rng, nil, n) {
						drawn[e] = true
					}
				}
				if n >= 5 && len(drawn) < len(model)*9/10 {
					t.Fatalf("%d samples reached only %d of %d keys", rounds, len(drawn), len(model))
				}
			})
		}
	}
}

func TestDictFindDoesNotAllocate(t *testing.T) {
	for _, tt := range dictShapes() {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := tt.build()
			hit, miss := []byte("k7"), []byte("absent key")
			allocs := testing.AllocsPerRun(1000, func() {
				if d.FindBytes(hit) == nil || d.FindBytes(miss) != nil {
					t.Fatal("wrong FindBytes result")
				}
				if d.Find("k7") == nil {
					t.Fatal("wrong Find result")
				}
			})
			if allocs != 0 {
				t.Fatalf("Find/FindBytes allocate %.1f times per call", allocs)
			}
		})
	}
}

func BenchmarkDict(b *testing.B) {
	const n = 1 << 20
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "key:" + strconv.Itoa(i)
	}
	fill := func(d *Dict, entries []Entry) {
		for i := range entries {
			d.Add(&entries[i])
		}
	}
	newEntries := func() []Entry {
		entries := make([]Entry, n)
		for i := range entries {
			entries[i].Key = keys[i]
		}
		return entries
	}

	b.Run("Find", func(b *testing.B) {
		d := NewDict()
		fill(d, newEntries())
		keyBytes := make([][]byte, n)
		for i := range keys {
			keyBytes[i] = []byte(keys[i])
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if d.FindBytes(keyBytes[i&(n-1)]) == nil {
				b.Fatal("missing key")
			}
		}
	})
	b.Run("Add", func(b *testing.B) {
		d := NewDict()
		entries := newEntries()
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if i&(n-1) == 0 && i > 0 {
				// Start over so every Add pays its share of the grows.
				d.Clear()
			}
			d.Add(&entries[i&(n-1)])
		}
	})
	b.Run("Delete", func(b *testing.B) {
		d := NewDict()
		entries := newEntries()
		fill(d, entries)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if i&(n-1) == 0 && i > 0 {
				b.StopTimer()
				fill(d, entries)
				b.StartTimer()
			}
			if d.Delete(keys[i&(n-1)]) == nil {
				b.Fatal("missing key")
			}
		}
	})
}
