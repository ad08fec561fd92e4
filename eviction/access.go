package eviction

import "math/rand/v2"

// Redis keeps 24 bits of access data per object. Under an LRU policy
// they hold the LRU clock in seconds; under an LFU policy the top 16 bits
// hold the time of the last decrement in minutes and the low 8 bits a
// logarithmic access counter.
const (
	clockMax   = 1<<24 - 1
	lfuInitVal = 5 // LFU_INIT_VAL: new keys get a chance to be accessed
)

// LRUClock is the 24-bit LRU clock for a unix time in milliseconds.
func LRUClock(nowMs int64) uint32 { return uint32(nowMs/1000) & clockMax }

// IdleSeconds is how long ago, in seconds, an object with this LRU clock
// was accessed, allowing for the clock's wrap-around.
func IdleSeconds(lru uint32, nowMs int64) int64 {
	now := LRUClock(nowMs)
	if now >= lru {
		return int64(now - lru)
	}
	return int64(clockMax - lru + now)
}

func lfuMinutes(nowMs int64) uint32 { return uint32(nowMs/60000) & 0xffff }

// LFUNew is the access data of a freshly created object under LFU.
func LFUNew(nowMs int64) uint32 { return lfuMinutes(nowMs)<<8 | lfuInitVal }

// LFUCounter returns the counter after the decay that lfu-decay-time
// asks for, without recording it, as OBJECT FREQ reports it.
func LFUCounter(access uint32, nowMs int64, decayTime int) uint8 {
	last := access >> 8
	counter := access & 0xff
	if decayTime <= 0 {
		return uint8(counter)
	}
	now := lfuMinutes(nowMs)
	elapsed := now - last
	if now < last {
		elapsed = 0xffff - last + now
	}
	periods := elapsed / uint32(decayTime)
	if periods >= counter {
		return 0
	}
	return uint8(counter - periods)
}

// LFUTouch records one access: decay, then a logarithmic increment that
// gets less likely as the counter grows (lfu-log-factor).
func LFUTouch(access uint32, nowMs int64, logFactor, decayTime int, rng *rand.Rand) uint32 {
	counter := uint32(LFUCounter(access, nowMs, decayTime))
	if counter < 255 {
		base := float64(0)
		if counter > lfuInitVal {
			base = float64(counter - lfuInitVal)
		}
		if rng.Float64() < 1/(base*float64(logFactor)+1) {
			counter++
		}
	}
	return lfuMinutes(nowMs)<<8 | counter
}
