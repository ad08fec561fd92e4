package datastruct

import "testing"

// FuzzZSet reads the input as triples of bytes, an operation and two
// arguments, applies them to a ZSet and to a naive model (a slice sorted
// by score, then member), and after every operation checks every query
// method (Len, Score, Rank both ways, At, RangeByRank both ways, and,
// with ranges drawn from the arguments, RangeByScore, RangeByLex,
// CountByScore, CountByLex), the index's structure, a Copy taken earlier
// (which must not change), and the SCAN guarantee of scans that run
// across the operations. See zsetHarness.apply for the operations.
func FuzzZSet(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{
		byte(zopSet), 1, 2, byte(zopSet), 3, 2, byte(zopSet), 1, 5, byte(zopQuery), 0, 9,
		byte(zopDelete), 1, 0, byte(zopPopMin), 0, 0, byte(zopPopMax), 0, 0,
	})
	// Past 128 members, scan across a grow and a copy, delete ranges.
	f.Add([]byte{
		byte(zopFill), 200, 0, byte(zopScanStep), 3, 0, byte(zopCopy), 0, 0,
		byte(zopFill), 250, 60, byte(zopScanStep), 5, 0, byte(zopDelRank), 10, 200,
		byte(zopScanStep), 1, 0, byte(zopSwap), 0, 0, byte(zopDelScore), 9, 22,
		byte(zopQuery), 0x85, 3, byte(zopScanStep), 15, 0,
	})
	// Equal scores, then lexical queries and deletes.
	f.Add([]byte{
		byte(zopFill), 40, 0, byte(zopFlatten), 5, 0, byte(zopQuery), 6, 55,
		byte(zopDelLex), 2, 60, byte(zopQuery), 0x86, 0x7f, byte(zopDelLex), 6, 6,
	})
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) > 3*300 {
			program = program[:3*300]
		}
		newZSetHarness(t).run(program)
	})
}
