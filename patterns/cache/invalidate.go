package cache

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// InvalidatePattern deletes every key of this cache whose name after the
// prefix matches the glob pattern (Redis's MATCH syntax: *, ?, [...]), and
// returns how many it deleted. It walks the keyspace with SCAN and deletes
// each page with UNLINK, never KEYS; on a Redis Cluster it scans every
// master and unlinks per hash slot. Keys created while it runs may or may
// not be deleted.
func (c *Cached[T]) InvalidatePattern(ctx context.Context, pattern string) (int64, error) {
	match := escapeGlob(c.opts.Prefix) + pattern
	var deleted atomic.Int64
	var err error
	switch client := c.client.(type) {
	case *redis.ClusterClient:
		// Each master holds its own slots: a SCAN sees one node only.
		err = client.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
			return scanAndUnlink(ctx, node, match, c.opts.ScanCount, func(keys []string) (int64, error) {
				return unlinkBySlot(ctx, client, keys)
			}, &deleted)
		})
	case *redis.Ring:
		// A shard is a plain server: its keys can go in one UNLINK, sent
		// to that shard directly rather than routed by the first key.
		err = client.ForEachShard(ctx, func(ctx context.Context, shard *redis.Client) error {
			return scanAndUnlink(ctx, shard, match, c.opts.ScanCount, func(keys []string) (int64, error) {
				return shard.Unlink(ctx, keys...).Result()
			}, &deleted)
		})
	default:
		err = scanAndUnlink(ctx, client, match, c.opts.ScanCount, func(keys []string) (int64, error) {
			return client.Unlink(ctx, keys...).Result()
		}, &deleted)
	}
	if err != nil {
		return deleted.Load(), fmt.Errorf("cache: invalidate pattern %q: %w", pattern, err)
	}
	return deleted.Load(), nil
}

// scanAndUnlink runs SCAN MATCH on one server to the end and hands each
// non-empty page to unlink. Deleting keys while a SCAN runs is safe: SCAN
// still returns every key that exists for the whole scan.
func scanAndUnlink(ctx context.Context, server redis.Cmdable, match string, count int64,
	unlink func(keys []string) (int64, error), deleted *atomic.Int64) error {
	var cursor uint64
	for {
		keys, next, err := server.Scan(ctx, cursor, match, count).Result()
		if err != nil {
			return err
		}
		if len(keys) > 0 {
			n, err := unlink(keys)
			deleted.Add(n)
			if err != nil {
				return err
			}
		}
		if next == 0 {
			return nil
		}
		cursor = next
	}
}

// unlinkBySlot unlinks keys with one UNLINK per hash slot, pipelined
// through the cluster client so that each goes to the slot's owner (and
// follows a MOVED if a slot migrates meanwhile).
func unlinkBySlot(ctx context.Context, client *redis.ClusterClient, keys []string) (int64, error) {
	bySlot := make(map[uint16][]string)
	for _, k := range keys {
		s := keySlot(k)
		bySlot[s] = append(bySlot[s], k)
	}
	cmds := make([]*redis.IntCmd, 0, len(bySlot))
	_, err := client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, group := range bySlot {
			cmds = append(cmds, p.Unlink(ctx, group...))
		}
		return nil
	})
	var n int64
	for _, cmd := range cmds {
		n += cmd.Val()
	}
	return n, err
}

// escapeGlob escapes the glob metacharacters of a literal prefix.
func escapeGlob(s string) string {
	if !strings.ContainsAny(s, `*?[]\`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
