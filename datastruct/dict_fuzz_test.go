package datastruct

import "testing"

// FuzzDict reads the input as pairs of bytes, an operation and a key
// index, applies them to a Dict and to a map model, and checks every
// result, the structure, and the SCAN guarantee of scans that run across
// the operations.
func FuzzDict(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{byte(opAdd), 1, byte(opFind), 1, byte(opDelete), 1, byte(opFindBytes), 1})
	// Fill, scan a little, drain (forcing a shrink mid-scan), scan to the end.
	f.Add([]byte{
		byte(opFill), 200, byte(opScanStep), 0, byte(opScanStep), 0,
		byte(opDrain), 10, byte(opScanStep), 0, byte(opFill), 255,
		byte(opScanStep), 0, byte(opRandom), 0, byte(opSample), 7,
		byte(opDrain), 0, byte(opScanStep), 0,
	})
	f.Add([]byte{byte(opFill), 100, byte(opClear), 0, byte(opAdd), 3, byte(opDeleteBytes), 3})
	f.Fuzz(func(t *testing.T, program []byte) {
		h := newDictHarness(t, 256, uint64(len(program)))
		for i := 0; i+1 < len(program); i += 2 {
			h.apply(dictOp(program[i])%numDictOps, int(program[i+1]))
			checkDict(t, h.d, h.model)
		}
		h.finishScan()
	})
}
