package compat_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miniserve-dev/miniserve/patterns/cache"
	"github.com/redis/go-redis/v9"
)

type cacheItem struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// cacheUpperCodec stores strings as "S:" plus the string, to show that a
// custom Codec is used both ways.
type cacheUpperCodec struct{ marshals, unmarshals atomic.Int64 }

func (c *cacheUpperCodec) Marshal(v any) ([]byte, error) {
	c.marshals.Add(1)
	return []byte("S:" + v.(string)), nil
}

func (c *cacheUpperCodec) Unmarshal(data []byte, v any) error {
	c.unmarshals.Add(1)
	s, ok := bytes.CutPrefix(data, []byte("S:"))
	if !ok {
		return fmt.Errorf("not an S: value: %q", data)
	}
	*v.(*string) = string(s)
	return nil
}

func TestPatternCache(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()

		t.Run("HitAndMiss", func(t *testing.T) {
			c := cache.New[cacheItem](b.Client, cache.Options{Prefix: b.Prefix + "hit:"})
			var loads int
			load := func(context.Context) (cacheItem, error) {
				loads++
				return cacheItem{ID: 1, Name: "one"}, nil
			}
			if _, ok, err := c.Lookup(ctx, "1"); ok || err != nil {
				t.Fatalf("Lookup before Get = %v, %v; want a miss", ok, err)
			}
			for i := 0; i < 3; i++ {
				got, err := c.Get(ctx, "1", load)
				if err != nil || got != (cacheItem{1, "one"}) {
					t.Fatalf("Get #%d = %+v, %v", i, got, err)
				}
			}
			if loads != 1 {
				t.Fatalf("loader called %d times, want 1 (one miss, then hits)", loads)
			}
			raw, err := b.Client.Get(ctx, b.Prefix+"hit:1").Result()
			if err != nil || raw != `{"id":1,"name":"one"}` {
				t.Fatalf("stored value = %q, %v; want the JSON encoding", raw, err)
			}
			ttl, err := b.Client.PTTL(ctx, b.Prefix+"hit:1").Result()
			if err != nil || ttl <= cache.DefaultTTL-time.Minute || ttl > cache.DefaultTTL {
				t.Fatalf("PTTL = %v, %v; want about the DefaultTTL %v", ttl, err, cache.DefaultTTL)
			}
		})

		t.Run("LoaderErrorIsNotCached", func(t *testing.T) {
			c := cache.New[cacheItem](b.Client, cache.Options{Prefix: b.Prefix + "err:"})
			boom := errors.New("database down")
			if _, err := c.Get(ctx, "1", func(context.Context) (cacheItem, error) { return cacheItem{}, boom }); !errors.Is(err, boom) {
				t.Fatalf("Get with a failing loader = %v, want %v", err, boom)
			}
			if n, _ := b.Client.Exists(ctx, b.Prefix+"err:1").Result(); n != 0 {
				t.Fatalf("a failed load left a cached value")
			}
			got, err := c.Get(ctx, "1", func(context.Context) (cacheItem, error) { return cacheItem{ID: 1}, nil })
			if err != nil || got.ID != 1 {
				t.Fatalf("Get after the failure = %+v, %v", got, err)
			}
		})

		t.Run("ConcurrentMissesLoadOnce", func(t *testing.T) {
			c := cache.New[cacheItem](b.Client, cache.Options{Prefix: b.Prefix + "flight:"})
			const callers = 32
			var loads, arrived atomic.Int64
			load := func(context.Context) (cacheItem, error) {
				loads.Add(1)
				// Give the other callers a chance to pile up on the miss;
				// the count below holds however they interleave.
				for i := 0; i < 1000 && arrived.Load() < callers; i++ {
					time.Sleep(time.Millisecond)
				}
				return cacheItem{ID: 7, Name: "seven"}, nil
			}
			var wg sync.WaitGroup
			errs := make(chan error, callers)
			for i := 0; i < callers; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					arrived.Add(1)
					got, err := c.Get(ctx, "7", load)
					if err == nil && got.Name != "seven" {
						err = fmt.Errorf("got %+v", got)
					}
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if n := loads.Load(); n != 1 {
				t.Fatalf("loader called %d times by %d concurrent misses, want 1", n, callers)
			}
		})

		t.Run("TTLExpiry", func(t *testing.T) {
			c := cache.New[string](b.Client, cache.Options{Prefix: b.Prefix + "ttl:", TTL: time.Second})
			if err := c.Set(ctx, "k", "v", nil); err != nil {
				t.Fatal(err)
			}
			if v, ok, err := c.Lookup(ctx, "k"); !ok || err != nil || v != "v" {
				t.Fatalf("Lookup = %q, %v, %v", v, ok, err)
			}
			b.Advance(1500 * time.Millisecond)
			if _, ok, err := c.Lookup(ctx, "k"); ok || err != nil {
				t.Fatalf("Lookup after the TTL = %v, %v; want a miss", ok, err)
			}
			loads := 0
			v, err := c.Get(ctx, "k", func(context.Context) (string, error) { loads++; return "reloaded", nil })
			if err != nil || v != "reloaded" || loads != 1 {
				t.Fatalf("Get after the TTL = %q, %v with %d loads; want a reload", v, err, loads)
			}
		})

		t.Run("NoExpiry", func(t *testing.T) {
			c := cache.New[string](b.Client, cache.Options{Prefix: b.Prefix + "forever:", TTL: -1})
			if err := c.Set(ctx, "k", "v", nil); err != nil {
				t.Fatal(err)
			}
			if ttl, err := b.Client.TTL(ctx, b.Prefix+"forever:k").Result(); err != nil || ttl != -1 {
				t.Fatalf("TTL = %v, %v; want -1 (no expiry)", ttl, err)
			}
		})

		t.Run("JitterBounds", func(t *testing.T) {
			const ttl, jitter = 10 * time.Second, 5 * time.Second
			c := cache.New[int](b.Client, cache.Options{Prefix: b.Prefix + "jitter:", TTL: ttl, Jitter: jitter})
			seen := map[time.Duration]bool{}
			for i := 0; i < 40; i++ {
				key := strconv.Itoa(i)
				if err := c.Set(ctx, key, i, nil); err != nil {
					t.Fatal(err)
				}
				got, err := b.Client.PTTL(ctx, c.Key(key)).Result()
				if err != nil {
					t.Fatal(err)
				}
				// A little below ttl: PTTL counts from the SET, and time
				// passes on real Redis.
				if got < ttl-time.Second || got > ttl+jitter {
					t.Fatalf("PTTL of key %d = %v, want in [%v, %v]", i, got, ttl, ttl+jitter)
				}
				seen[got] = true
			}
			if len(seen) < 2 {
				t.Fatalf("40 jittered TTLs were all %v", seen)
			}
		})

		t.Run("Codec", func(t *testing.T) {
			codec := &cacheUpperCodec{}
			c := cache.New[string](b.Client, cache.Options{Prefix: b.Prefix + "codec:", Codec: codec})
			if _, err := c.Get(ctx, "k", func(context.Context) (string, error) { return "hello", nil }); err != nil {
				t.Fatal(err)
			}
			if raw, _ := b.Client.Get(ctx, b.Prefix+"codec:k").Result(); raw != "S:hello" {
				t.Fatalf("stored %q, want the codec's encoding S:hello", raw)
			}
			v, ok, err := c.Lookup(ctx, "k")
			if err != nil || !ok || v != "hello" {
				t.Fatalf("Lookup = %q, %v, %v", v, ok, err)
			}
			if codec.marshals.Load() != 1 || codec.unmarshals.Load() != 1 {
				t.Fatalf("codec used %d/%d times, want 1 marshal and 1 unmarshal", codec.marshals.Load(), codec.unmarshals.Load())
			}
			// A value the codec cannot read is an error, not a silent miss.
			b.Client.Set(ctx, b.Prefix+"codec:bad", "junk", 0)
			if _, _, err := c.Lookup(ctx, "bad"); err == nil {
				t.Fatal("Lookup of an undecodable value succeeded")
			}
		})

		t.Run("WriteThrough", func(t *testing.T) {
			c := cache.New[cacheItem](b.Client, cache.Options{Prefix: b.Prefix + "wt:"})
			store := map[string]cacheItem{}
			write := func(_ context.Context, v cacheItem) error { store["1"] = v; return nil }
			if err := c.Set(ctx, "1", cacheItem{1, "first"}, write); err != nil {
				t.Fatal(err)
			}
			if store["1"].Name != "first" {
				t.Fatalf("store = %+v; Set did not write through", store)
			}
			if v, ok, _ := c.Lookup(ctx, "1"); !ok || v.Name != "first" {
				t.Fatalf("cache = %+v, %v after Set", v, ok)
			}

			// A failed store write leaves the cache alone.
			failing := func(context.Context, cacheItem) error { return errors.New("constraint violated") }
			if err := c.Set(ctx, "1", cacheItem{1, "refused"}, failing); err == nil {
				t.Fatal("Set with a failing store write succeeded")
			}
			if v, _, _ := c.Lookup(ctx, "1"); v.Name != "first" {
				t.Fatalf("cache = %+v after a refused write, want the old value", v)
			}

			// A load that read the store before a Set must not overwrite
			// the value that Set wrote.
			c.Invalidate(ctx, "1")
			stale, err := c.Get(ctx, "1", func(ctx context.Context) (cacheItem, error) {
				old := store["1"]
				if err := c.Set(ctx, "1", cacheItem{1, "second"}, write); err != nil {
					return old, err
				}
				return old, nil
			})
			if err != nil || stale.Name != "first" {
				t.Fatalf("Get = %+v, %v", stale, err)
			}
			if v, _, _ := c.Lookup(ctx, "1"); v.Name != "second" {
				t.Fatalf("cache = %+v, want the written-through value, not the loader's older one", v)
			}

			// Update writes the store and invalidates.
			err = c.Update(ctx, "1", func(context.Context) error { store["1"] = cacheItem{1, "third"}; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := c.Lookup(ctx, "1"); ok {
				t.Fatal("key still cached after Update")
			}
			v, _ := c.Get(ctx, "1", func(context.Context) (cacheItem, error) { return store["1"], nil })
			if v.Name != "third" {
				t.Fatalf("Get after Update = %+v", v)
			}
		})

		t.Run("InvalidateKey", func(t *testing.T) {
			c := cache.New[int](b.Client, cache.Options{Prefix: b.Prefix + "inv:"})
			c.Set(ctx, "a", 1, nil)
			c.Set(ctx, "b", 2, nil)
			if err := c.Invalidate(ctx, "a"); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := c.Lookup(ctx, "a"); ok {
				t.Fatal("a still cached after Invalidate")
			}
			if _, ok, _ := c.Lookup(ctx, "b"); !ok {
				t.Fatal("Invalidate(a) removed b")
			}
			if err := c.Invalidate(ctx, "never-set"); err != nil {
				t.Fatalf("Invalidate of a missing key: %v", err)
			}
		})

		t.Run("InvalidatePattern", func(t *testing.T) {
			// More keys than one SCAN batch (ScanCount 50) on every master,
			// spread over many slots, some with hash tags.
			const matching, others = 600, 200
			c := cache.New[int](b.Client, cache.Options{Prefix: b.Prefix + "pat:", ScanCount: 50})
			var match, keep []string
			for i := 0; i < matching; i++ {
				k := "user:" + strconv.Itoa(i)
				if i%5 == 0 {
					k = "user:{tag" + strconv.Itoa(i%3) + "}:" + strconv.Itoa(i)
				}
				match = append(match, c.Key(k))
			}
			for i := 0; i < others; i++ {
				keep = append(keep, c.Key("post:"+strconv.Itoa(i)))
			}
			// Keys outside the cache's prefix that the glob would match
			// without it.
			keep = append(keep, b.Prefix+"user:1", b.Prefix+"other:pat:user:1", b.Prefix+"pat-user:1")
			if _, err := b.Client.Pipelined(ctx, func(p redis.Pipeliner) error {
				for _, k := range append(append([]string{}, match...), keep...) {
					p.Set(ctx, k, 1, time.Minute)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}

			n, err := c.InvalidatePattern(ctx, "user:*")
			if err != nil {
				t.Fatal(err)
			}
			if n != matching {
				t.Fatalf("InvalidatePattern deleted %d keys, want %d", n, matching)
			}
			if left := cacheCountExisting(t, b.Client, match); left != 0 {
				t.Fatalf("%d matching keys survived", left)
			}
			if left := cacheCountExisting(t, b.Client, keep); left != len(keep) {
				t.Fatalf("%d of %d other keys survived, want all", left, len(keep))
			}
			if n, err := c.InvalidatePattern(ctx, "user:*"); err != nil || n != 0 {
				t.Fatalf("second InvalidatePattern = %d, %v; want 0", n, err)
			}
		})
	})
}

// cacheCountExisting counts how many of keys exist, one EXISTS per key so
// that it works on a cluster too.
func cacheCountExisting(t *testing.T, c redis.UniversalClient, keys []string) int {
	t.Helper()
	ctx := context.Background()
	cmds := make([]*redis.IntCmd, len(keys))
	if _, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range keys {
			cmds[i] = p.Exists(ctx, k)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, cmd := range cmds {
		n += int(cmd.Val())
	}
	return n
}
