package server

import (
	"time"
)

// startBackground starts the server's periodic work (Redis's
// serverCron): the active expiry cycle, for now.
func (s *Server) startBackground() {
	s.stopCron = make(chan struct{})
	s.wg.Add(1)
	go s.cronLoop(s.stopCron)
}

func (s *Server) stopBackground() {
	if s.stopCron != nil {
		close(s.stopCron)
	}
}

func (s *Server) cronLoop(stop chan struct{}) {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		hz := s.cfg.Hz
		s.mu.Unlock()
		if hz < 1 {
			hz = 1
		}
		select {
		case <-stop:
			return
		case <-time.After(time.Second / time.Duration(hz)):
		}
		s.mu.Lock()
		s.cacheClock()
		s.measureClients()
		s.closeIdleClients()
		s.notePeak()
		s.expireCycle(false)
		s.flushAOF() // the DELs of expired keys
		s.persistCron()
		s.mu.Unlock()
	}
}

const (
	expireKeysPerLoop    = 20 // ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP
	expireAcceptableRate = 10 // percent of stale keys that ends the cycle
	expireCycleBudget    = 25 * time.Millisecond
)

// expireCycle removes expired keys that nobody touches, as Redis's
// activeExpireCycle does: sample keys with a TTL at random and go on
// while more than 10% of a sample had expired. full removes every
// expired key, for FastForward. The caller holds s.mu.
func (s *Server) expireCycle(full bool) {
	now := s.clock.nowMs()
	perLoop := expireKeysPerLoop * (1 + (s.cfg.ActiveExpireEffort-1)/4)
	deadline := time.Now().Add(expireCycleBudget)
	for _, d := range s.dbs {
		if full {
			var expired []string
			d.keys.ForEachVolatile(func(key string, at int64) {
				if at <= now {
					expired = append(expired, key)
				}
			})
			for _, key := range expired {
				if e := d.keys.Find([]byte(key)); e != nil {
					s.expireKey(d, e)
				}
			}
			continue
		}
		for d.keys.VolatileLen() > 0 {
			sampled, expired := 0, 0
			for i := 0; i < perLoop && d.keys.VolatileLen() > 0; i++ {
				e := d.keys.RandomVolatile(s.rng)
				sampled++
				if e.ExpireAt <= now {
					s.expireKey(d, e)
					expired++
				}
			}
			if expired*100 <= sampled*expireAcceptableRate || time.Now().After(deadline) {
				break
			}
		}
	}
}
