package ratelimit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Defaults for the zero Options.
const (
	DefaultLimit  = 100
	DefaultWindow = time.Minute
	DefaultPrefix = "ratelimit:"
)

// Options configure a Limiter. The zero value allows DefaultLimit requests
// per DefaultWindow under keys starting with DefaultPrefix.
type Options struct {
	// Limit is the number of requests allowed per client in any window.
	Limit int
	// Window is the length of the sliding window, at least a millisecond
	// (the key's TTL is set in milliseconds).
	Window time.Duration
	// Prefix starts every key the limiter writes: Prefix + client key.
	Prefix string
}

// Result is the outcome of one Allow call. Times are the server's.
type Result struct {
	// Allowed says whether the request was let through (and recorded).
	Allowed bool
	// Limit is the limiter's Limit.
	Limit int
	// Remaining is how many more requests the client may make now.
	Remaining int
	// Reset is when the oldest request counted in the window leaves it,
	// which is when a slot frees (when the limit was lowered and the window
	// holds more than Limit, when enough have left to free one).
	Reset time.Time
	// RetryAfter is, for a denied request, how long until a slot frees;
	// zero when Allowed.
	RetryAfter time.Duration
}

// Limiter is an exact sliding-window limiter; it is safe for concurrent
// use by any number of goroutines and processes sharing the server.
type Limiter struct {
	client redis.UniversalClient
	limit  int
	window time.Duration
	prefix string

	// instance makes request members unique across limiters and processes;
	// seq makes them unique within this limiter.
	instance string
	seq      atomic.Uint64
}

// New returns a Limiter on client. Zero fields in opts take the defaults.
func New(client redis.UniversalClient, opts Options) *Limiter {
	if opts.Limit <= 0 {
		opts.Limit = DefaultLimit
	}
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.Window < time.Millisecond {
		opts.Window = time.Millisecond
	}
	if opts.Prefix == "" {
		opts.Prefix = DefaultPrefix
	}
	var id [8]byte
	_, _ = rand.Read(id[:]) // crypto/rand.Read never fails
	return &Limiter{
		client:   client,
		limit:    opts.Limit,
		window:   opts.Window,
		prefix:   opts.Prefix,
		instance: hex.EncodeToString(id[:]),
	}
}

// Limit is the number of requests allowed per window.
func (l *Limiter) Limit() int { return l.limit }

// Window is the length of the sliding window.
func (l *Limiter) Window() time.Duration { return l.window }

// allowScript is the whole limiter, run atomically by the server.
// KEYS[1] the client's sorted set; ARGV: limit, window in microseconds,
// TTL in milliseconds, a unique request id. Scores are the server's time
// in microseconds, about 1.7e15: below 2^53, so exact as doubles, but
// written with %.0f because Lua's default number format (%.14g) would
// round them. It returns {allowed, count, now, freeing}: the times, in
// microseconds, are the call's and that of the request whose leaving the
// window frees a slot.
var allowScript = redis.NewScript(`
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.0f', now - window))
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  local score = string.format('%.0f', now)
  redis.call('ZADD', key, score, score .. '-' .. ARGV[4])
  redis.call('PEXPIRE', key, ARGV[3])
  count = count + 1
  allowed = 1
end
-- The request whose leaving frees a slot: the oldest, unless the set
-- holds more than limit (the limit was lowered) and several must leave.
local freeing = now
if count > 0 then
  local i = math.max(count - limit, 0)
  freeing = tonumber(redis.call('ZRANGE', key, i, i, 'WITHSCORES')[2])
end
return {allowed, count, now, freeing}
`)

// Allow records one request for the client key and says whether it may
// proceed. A denied request is not recorded.
func (l *Limiter) Allow(ctx context.Context, key string) (Result, error) {
	id := l.instance + ":" + strconv.FormatUint(l.seq.Add(1), 36)
	ttl := (l.window + time.Millisecond - 1) / time.Millisecond
	reply, err := allowScript.Run(ctx, l.client, []string{l.prefix + key},
		l.limit, l.window.Microseconds(), int64(ttl), id).Int64Slice()
	if err != nil {
		return Result{}, fmt.Errorf("ratelimit: %w", err)
	}
	if len(reply) != 4 {
		return Result{}, errors.New("ratelimit: unexpected script reply")
	}
	allowed, count, now, freeing := reply[0] == 1, int(reply[1]), reply[2], reply[3]
	res := Result{
		Allowed:   allowed,
		Limit:     l.limit,
		Remaining: max(l.limit-count, 0),
		Reset:     time.UnixMicro(freeing).Add(l.window),
	}
	if !allowed {
		res.RetryAfter = max(res.Reset.Sub(time.UnixMicro(now)), 0)
	}
	return res, nil
}

// Clear forgets every request recorded for the client key.
func (l *Limiter) Clear(ctx context.Context, key string) error {
	if err := l.client.Del(ctx, l.prefix+key).Err(); err != nil {
		return fmt.Errorf("ratelimit: %w", err)
	}
	return nil
}
