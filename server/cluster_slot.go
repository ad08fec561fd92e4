package server

// Hash slots, as Redis Cluster computes them: CRC16 (XMODEM) of the key,
// or of its hash tag, modulo 16384.

const clusterSlots = 16384

// Results of commandSlot other than a slot.
const (
	noSlot    = -1 // the command names no keys
	crossSlot = -2 // its keys hash to different slots
)

// crc16Table is CRC16-CCITT (XMODEM: polynomial 0x1021, initial value 0),
// as Redis's crc16.c.
var crc16Table = func() (t [256]uint16) {
	for i := range t {
		crc := uint16(i) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
		t[i] = crc
	}
	return t
}()

func crc16[T string | []byte](b T) uint16 {
	var crc uint16
	for i := range len(b) {
		crc = crc<<8 ^ crc16Table[byte(crc>>8)^b[i]]
	}
	return crc
}

// keyHashSlot is Redis's keyHashSlot: when the key has a '{' followed,
// later, by a '}' with at least one byte between them, only the bytes
// between the first '{' and the first '}' after it are hashed. "{}" and
// an unclosed '{' hash the whole key.
func keyHashSlot[T string | []byte](key T) int {
	for i := range len(key) {
		if key[i] != '{' {
			continue
		}
		for j := i + 1; j < len(key); j++ {
			if key[j] == '}' {
				if j == i+1 {
					break // "{}": the whole key
				}
				return int(crc16(key[i+1:j]) & (clusterSlots - 1))
			}
		}
		break
	}
	return int(crc16(key) & (clusterSlots - 1))
}

// commandSlot returns the one slot of the keys a command names (shard
// channels included, as Redis's getNodeByQuery counts them), noSlot when
// it names none, or crossSlot. slot is the slot found so far (noSlot to
// begin), so that a transaction's commands can be folded together.
func (cmd *Command) commandSlot(argv [][]byte, slot int) int {
	if cmd.Keys == keysSort {
		sortKeys(argv, func(pos int, _ KeySpec) { slot = foldSlot(slot, argv[pos]) })
		return slot
	}
	walkKeySpecs(cmd.slotRanges, argv, func(pos int, _ KeySpec) { slot = foldSlot(slot, argv[pos]) })
	return slot
}

func foldSlot(slot int, key []byte) int {
	if slot == crossSlot {
		return crossSlot
	}
	ks := keyHashSlot(key)
	if slot == noSlot || slot == ks {
		return ks
	}
	return crossSlot
}

// hasSlotKeys reports a command the cluster checks at all: one with key
// specifications (Redis skips those without, unless their keys move).
func (cmd *Command) hasSlotKeys() bool {
	return len(cmd.slotRanges) > 0 || cmd.Keys != keysBySpecs
}
