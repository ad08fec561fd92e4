package server

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"strings"
	"time"
)

// Blocking commands (BZPOPMIN and, later, BLPOP, BLMOVE, XREAD BLOCK...)
// share one mechanism, shaped after Redis's:
//
//   - A handler that finds nothing to serve calls c.block with its keys.
//     The client is queued, FIFO, on each key, and dispatch returns.
//   - Any change to a key with waiters (Client.modified) marks the key
//     ready. After each top-level command, still under the lock,
//     serveReady re-runs the waiters' commands in FIFO order on their
//     behalf, so a waiter is served atomically, in order, and before any
//     other client can take the data. A waiter whose re-run finds nothing
//     again keeps its place. As in Redis 7.0, which serves a waiter from
//     the key that became ready, the re-run looks at that key only
//     (servedKeys): BLPOP a b, woken by a push to b, pops b even if a
//     was filled too.
//   - The waiter's goroutine holds no lock while it waits: it waits for
//     being served, its timeout, CLIENT UNBLOCK, its connection closing
//     or the server stopping, then carries on with its pipeline.

// blockState is a blocked client's pending command.
type blockState struct {
	db        *db
	keys      []string
	cmd       *Command
	argv      [][]byte // a copy: the read buffer moves on
	timeout   time.Duration
	onTimeout func(c *Client)
	woken     chan struct{} // closed once the client is unblocked
}

type blockKey struct {
	db  *db
	key string
}

// errTimeoutNotFloat is, with errTimeoutNegative, a blocking command's
// timeout error.
const errTimeoutNotFloat = "ERR timeout is not a float or out of range"

// blockTimeoutArg parses a blocking command's timeout in seconds, which
// may be fractional ("1.986"), as Redis 7.0's getTimeoutFromObjectOrReply
// does (see parseTimeoutMs). 0 waits for ever.
func (c *Client) blockTimeoutArg(arg []byte) (time.Duration, bool) {
	ms, ok := parseTimeoutMs(arg)
	if !ok {
		c.errorReply(errTimeoutNotFloat)
		return 0, false
	}
	if ms < 0 {
		c.errorReply(errTimeoutNegative)
		return 0, false
	}
	if ms > math.MaxInt64/int64(time.Millisecond) {
		// Redis's deadline, now plus ms, overflows and is never reached.
		return 0, true
	}
	return time.Duration(ms) * time.Millisecond, true
}

// block parks the client on keys until one of them changes, or timeout
// (0 for ever) passes and onTimeout writes the reply. Inside EXEC, or
// when the re-run of a waiter finds nothing again, it does not queue.
func (c *Client) block(keys [][]byte, timeout time.Duration, onTimeout func(c *Client)) {
	s := c.srv
	if c.reprocessing {
		c.stillBlocked = true
		return
	}
	if c.inExec {
		// As in Redis, a blocking command in a transaction does not
		// block: it answers as if it had timed out.
		onTimeout(c)
		return
	}
	b := &blockState{db: c.db, cmd: c.current, timeout: timeout, onTimeout: onTimeout, woken: make(chan struct{})}
	b.argv = copyArgv(c.currentArgv)
	for _, k := range keys {
		key := string(k)
		b.keys = append(b.keys, key)
		bk := blockKey{c.db, key}
		s.blocked[bk] = append(s.blocked[bk], c)
	}
	c.blocked = b
	s.blockedClients++
}

// servedKeys narrows the keys of a blocked command's re-run to the key
// being served; outside a re-run it returns keys.
func (c *Client) servedKeys(keys [][]byte) [][]byte {
	if !c.reprocessing {
		return keys
	}
	for i, k := range keys {
		if string(k) == c.servingKey {
			return keys[i : i+1]
		}
	}
	return nil
}

func copyArgv(argv [][]byte) [][]byte {
	size := 0
	for _, a := range argv {
		size += len(a)
	}
	store := make([]byte, 0, size)
	kept := make([][]byte, len(argv))
	for i, a := range argv {
		store = append(store, a...)
		kept[i] = store[len(store)-len(a) : len(store) : len(store)]
	}
	return kept
}

// unblock removes c from every key it waits on and wakes its goroutine.
func (s *Server) unblock(c *Client) {
	b := c.blocked
	if b == nil {
		return
	}
	for _, key := range b.keys {
		bk := blockKey{b.db, key}
		list := s.blocked[bk]
		for i, w := range list {
			if w == c {
				list = append(list[:i:i], list[i+1:]...)
				break
			}
		}
		if len(list) == 0 {
			delete(s.blocked, bk)
		} else {
			s.blocked[bk] = list
		}
	}
	c.blocked = nil
	s.blockedClients--
	close(b.woken)
}

// keyReady notes that a key with waiters has changed.
func (s *Server) keyReady(d *db, key []byte) {
	bk := blockKey{d, string(key)}
	if _, ok := s.blocked[bk]; !ok {
		return
	}
	for _, r := range s.readyKeys {
		if r == bk {
			return
		}
	}
	s.readyKeys = append(s.readyKeys, bk)
}

// scanReadyKeys marks ready every key of d that has waiters and holds a
// value, as Redis's scanDatabaseForReadyKeys does after SWAPDB: the
// waiters stay with their database, whose keys changed under them.
func (s *Server) scanReadyKeys(d *db) {
	for bk := range s.blocked {
		if bk.db == d && d.keys.Find(bytesOf(bk.key)) != nil {
			s.keyReady(d, bytesOf(bk.key))
		}
	}
}

// serveReady re-runs, in FIFO order, the commands of the clients waiting
// on keys that changed. Serving one may make more keys ready (a BLMOVE
// pushes to another list), so it loops. The caller holds s.mu.
func (s *Server) serveReady() {
	for len(s.readyKeys) > 0 {
		ready := s.readyKeys
		s.readyKeys = nil
		for _, bk := range ready {
			waiters := append([]*Client(nil), s.blocked[bk]...)
			for _, w := range waiters {
				b := w.blocked
				if b == nil {
					continue // served through another key meanwhile
				}
				w.reprocessing, w.stillBlocked, w.servingKey = true, false, bk.key
				s.call(w, b.cmd, b.argv)
				w.reprocessing, w.servingKey = false, ""
				if !w.stillBlocked {
					s.unblock(w)
				}
			}
		}
	}
}

// waitUnblocked waits, without the lock, until c is unblocked: served,
// timed out, unblocked by CLIENT UNBLOCK, or disconnected. Input that
// arrives meanwhile is read by a watcher, which also sees the peer
// closing, and is handed back to the request reader afterwards. The
// caller holds s.mu, which is released while waiting and held again on
// return.
func (s *Server) waitUnblocked(c *Client) {
	b := c.blocked
	// The replies before the blocking command go out now, as in Redis,
	// in their place among pushes. The buffer is detached first: the
	// client's reply is written by whoever serves it, under the lock.
	c.orderOutput()
	pending := c.reply.buf
	c.reply.buf = nil
	s.mu.Unlock()
	c.writeReplies(pending)

	watch := make(chan error, 1)
	var extra []byte
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := c.conn.Read(buf)
			extra = append(extra, buf[:n]...)
			if err == nil && int64(len(extra)) > s.live.queryBufferLimit.Load() {
				err = errQueryBufferLimit
			}
			if err != nil {
				watch <- err
				return
			}
		}
	}()
	var timer <-chan time.Time
	if b.timeout > 0 {
		t := time.NewTimer(b.timeout)
		defer t.Stop()
		timer = t.C
	}
	var gone error
	select {
	case <-b.woken:
	case <-timer:
	case gone = <-watch:
	}
	if gone == nil {
		// Stop the watcher: a past deadline ends its Read.
		c.conn.SetReadDeadline(time.Unix(1, 0))
		if err := <-watch; !isTimeout(err) {
			gone = err
		}
		c.conn.SetReadDeadline(time.Time{})
	}
	s.mu.Lock()
	c.lastSeen = s.clock.now() // its idle time starts with the reply
	if c.blocked == b {
		s.unblock(c)
		if gone == nil {
			b.onTimeout(c)
		}
	}
	if gone != nil {
		c.closeAfter = true
		return
	}
	c.rd.inject(extra)
}

func isTimeout(err error) bool {
	var ne interface{ Timeout() bool }
	return errors.As(err, &ne) && ne.Timeout()
}

// parseTimeoutMs reads a timeout in seconds as Redis 7.0 does, and
// returns it in milliseconds: strtold's long double (x87, a 64-bit
// mantissa), times 1000, rounded up (ceill), then cast to a long long.
// So 0.0001 is 1 ms, -0.0001 is 0 (for ever), and a magnitude past the
// long long range, infinity included, is LONG_MIN, which the caller
// calls negative. It fails where string2ld fails: no number, leading
// space, anything after it, NaN, overflow of the long double, or an
// underflow to zero.
func parseTimeoutMs(arg []byte) (int64, bool) {
	if ms, ok := parseTimeoutFast(arg); ok {
		return ms, true
	}
	const maxLongDoubleChars = 5 * 1024
	if len(arg) == 0 || len(arg) >= maxLongDoubleChars || isCSpace(arg[0]) || bytes.IndexByte(arg, '_') >= 0 {
		return 0, false
	}
	s := string(arg)
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 {
		return 0, false
	}
	switch lower := strings.ToLower(body); {
	case lower == "inf" || lower == "infinity":
		return math.MinInt64, true
	case strings.HasPrefix(lower, "0b") || strings.HasPrefix(lower, "0o"):
		return 0, false // Go's prefixes, not strtold's
	}
	f, _, err := big.ParseFloat(s, 0, 64, big.ToNearestEven)
	if err != nil {
		return 0, false
	}
	// The long double's exponent range: past it strtold overflows (an
	// error) or underflows to zero (an error unless the input was 0).
	if exp := f.MantExp(nil); f.Sign() != 0 && exp > 16384 {
		return 0, false
	} else if f.Sign() != 0 && exp < -16444 {
		return 0, false
	}
	f.Mul(f, big.NewFloat(1000).SetPrec(64))
	if f.IsInt() {
		// Already whole.
	} else if i, _ := f.Int(nil); f.Sign() > 0 {
		f.SetInt(i.Add(i, big.NewInt(1)))
	} else {
		f.SetInt(i)
	}
	ms, acc := f.Int64()
	if acc != big.Exact {
		return math.MinInt64, true // (long long) of an out-of-range value
	}
	return ms, true
}

// parseTimeoutFast reads the common forms, an integer or a decimal with
// up to three decimals ("0", "1.5", "1.986"), exactly without big
// numbers; they come out the same as through a long double.
func parseTimeoutFast(arg []byte) (int64, bool) {
	neg := false
	b := arg
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 16 {
		return 0, false
	}
	var ms int64
	digits, decimals, dot := 0, 0, false
	for _, ch := range b {
		switch {
		case ch == '.' && !dot:
			dot = true
		case ch >= '0' && ch <= '9':
			if dot {
				if decimals++; decimals > 3 {
					return 0, false
				}
			}
			ms = ms*10 + int64(ch-'0')
			digits++
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	for ; decimals < 3; decimals++ {
		ms *= 10
	}
	if neg {
		ms = -ms
	}
	return ms, true
}
