package cache

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"
)

// DefaultTTL is the TTL of cached values when Options.TTL is zero.
const DefaultTTL = 5 * time.Minute

// Options configures a Cached. The zero value is usable: JSON values with
// the DefaultTTL, no jitter and no key prefix.
type Options struct {
	// Prefix starts every key of this cache, e.g. "cache:user:". Keys of
	// different caches must not share a prefix, or InvalidatePattern on
	// one would delete the other's keys.
	Prefix string
	// TTL is how long a value stays cached: DefaultTTL when zero, and no
	// expiry at all when negative.
	TTL time.Duration
	// Jitter, when positive, adds a random extra in [0, Jitter) to each
	// TTL so that keys filled together do not expire together.
	Jitter time.Duration
	// Codec encodes values; JSONCodec when nil.
	Codec Codec
	// ScanCount is the COUNT hint of each SCAN of InvalidatePattern, and
	// so about how many keys each batch unlinks: 500 when zero.
	ScanCount int64
}

// Loader loads a value from the source of truth on a cache miss.
type Loader[T any] func(ctx context.Context) (T, error)

// Cached is a cache-aside view of values of type T under one key prefix.
// It is safe for concurrent use.
type Cached[T any] struct {
	client redis.UniversalClient
	opts   Options
	flight singleflight.Group
}

// New returns a cache of T values on client.
func New[T any](client redis.UniversalClient, opts Options) *Cached[T] {
	if opts.TTL == 0 {
		opts.TTL = DefaultTTL
	}
	if opts.Codec == nil {
		opts.Codec = JSONCodec{}
	}
	if opts.ScanCount <= 0 {
		opts.ScanCount = 500
	}
	return &Cached[T]{client: client, opts: opts}
}

// Key returns the Redis key that holds key's value.
func (c *Cached[T]) Key(key string) string { return c.opts.Prefix + key }

// Lookup reads key from the cache only; ok is false on a miss.
func (c *Cached[T]) Lookup(ctx context.Context, key string) (value T, ok bool, err error) {
	data, err := c.client.Get(ctx, c.Key(key)).Bytes()
	if errors.Is(err, redis.Nil) {
		return value, false, nil
	}
	if err != nil {
		return value, false, fmt.Errorf("cache: get %q: %w", key, err)
	}
	if err := c.opts.Codec.Unmarshal(data, &value); err != nil {
		return value, false, fmt.Errorf("cache: decode %q: %w", key, err)
	}
	return value, true, nil
}

// Get returns key's value from the cache, or on a miss loads it with load,
// caches it and returns it. Concurrent misses of one key in this process
// call load once and share its result.
func (c *Cached[T]) Get(ctx context.Context, key string, load Loader[T]) (T, error) {
	if value, ok, err := c.Lookup(ctx, key); ok || err != nil {
		return value, err
	}
	// The shared call outlives a caller that gives up: it keeps the first
	// caller's values but not its deadline or cancellation.
	flightCtx := context.WithoutCancel(ctx)
	result := c.flight.DoChan(c.Key(key), func() (any, error) {
		// Another flight may have filled the key since our miss.
		if value, ok, err := c.Lookup(flightCtx, key); ok || err != nil {
			return value, err
		}
		value, err := load(flightCtx)
		if err != nil {
			return value, err
		}
		data, err := c.opts.Codec.Marshal(value)
		if err != nil {
			return value, fmt.Errorf("cache: encode %q: %w", key, err)
		}
		// NX: a value written through Set since our load began is newer
		// than ours and must stay.
		if err := c.client.SetArgs(flightCtx, c.Key(key), data, c.setArgs("NX")).Err(); err != nil && !errors.Is(err, redis.Nil) {
			return value, fmt.Errorf("cache: set %q: %w", key, err)
		}
		return value, nil
	})
	select {
	case r := <-result:
		value, _ := r.Val.(T)
		return value, r.Err
	case <-ctx.Done():
		var zero T
		return zero, fmt.Errorf("cache: get %q: %w", key, ctx.Err())
	}
}

// Set writes value through: first to the store with write, then to the
// cache. When write fails the cache is not touched. When write is nil
// only the cache is written.
func (c *Cached[T]) Set(ctx context.Context, key string, value T, write func(ctx context.Context, value T) error) error {
	data, err := c.opts.Codec.Marshal(value)
	if err != nil {
		return fmt.Errorf("cache: encode %q: %w", key, err)
	}
	if write != nil {
		if err := write(ctx, value); err != nil {
			return fmt.Errorf("cache: write %q to the store: %w", key, err)
		}
	}
	if err := c.client.SetArgs(ctx, c.Key(key), data, c.setArgs("")).Err(); err != nil {
		// The store has the new value; a stale cached one must not stay.
		c.client.Unlink(context.WithoutCancel(ctx), c.Key(key))
		return fmt.Errorf("cache: set %q: %w", key, err)
	}
	return nil
}

// Update writes the store with write and then invalidates key, so that the
// next Get loads the new value. Unlike Set it is safe for many concurrent
// writers of one key.
func (c *Cached[T]) Update(ctx context.Context, key string, write func(ctx context.Context) error) error {
	if err := write(ctx); err != nil {
		return fmt.Errorf("cache: write %q to the store: %w", key, err)
	}
	return c.Invalidate(ctx, key)
}

// Invalidate deletes key from the cache.
func (c *Cached[T]) Invalidate(ctx context.Context, key string) error {
	// Callers arriving after this start a fresh load instead of joining
	// one that may have read the store before the change.
	c.flight.Forget(c.Key(key))
	if err := c.client.Unlink(ctx, c.Key(key)).Err(); err != nil {
		return fmt.Errorf("cache: invalidate %q: %w", key, err)
	}
	return nil
}

// nextTTL is the TTL of a value stored now: Options.TTL plus, with
// Options.Jitter, a random extra in [0, Jitter). Zero means no expiry.
func (c *Cached[T]) nextTTL() time.Duration {
	return ttlWithJitter(c.opts.TTL, c.opts.Jitter, rand.Float64())
}

// ttlWithJitter is TTL with r (in [0, 1)) of the jitter added.
func ttlWithJitter(ttl, jitter time.Duration, r float64) time.Duration {
	if ttl < 0 {
		return 0
	}
	if jitter > 0 {
		ttl += time.Duration(r * float64(jitter))
	}
	return ttl
}

func (c *Cached[T]) setArgs(mode string) redis.SetArgs {
	args := redis.SetArgs{Mode: mode}
	if ttl := c.nextTTL(); ttl > 0 {
		// Redis keeps milliseconds; a TTL under one must not become "no
		// expiry".
		args.TTL = max(ttl.Truncate(time.Millisecond), time.Millisecond)
	}
	return args
}
