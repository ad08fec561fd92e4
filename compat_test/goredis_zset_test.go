package compat_test

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// The web-backend patterns that rest on sorted sets, as the seed article
// runs them, driven through go-redis against both servers.
func init() {
	goredisScenarios = append(goredisScenarios,
		goredisScenario{"leaderboard", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
			for i, p := range []struct {
				user   string
				points float64
			}{{"alice", 10}, {"bob", 12.5}, {"carol", 10}, {"dave", 7.25}, {"alice", 2.5}, {"erin", 12.5}} {
				v, err := c.ZIncrBy(ctx, "leaderboard:global", p.points, p.user).Result()
				r.add(fmt.Sprintf("ZIncrBy %d %s", i, p.user), v, err)
			}
			top, err := c.ZRevRangeByScoreWithScores(ctx, "leaderboard:global", &redis.ZRangeBy{Min: "-inf", Max: "+inf", Offset: 0, Count: 3}).Result()
			r.add("top 3 (equal scores in reverse member order)", top, err)
			for _, u := range []string{"alice", "carol", "dave", "nobody"} {
				rank, err := c.ZRevRank(ctx, "leaderboard:global", u).Result()
				r.add("ZRevRank "+u, rank, err)
			}
			n, err := c.ZCard(ctx, "leaderboard:global").Result()
			r.add("ZCard", n, err)
		}},
		goredisScenario{"sliding-window rate limiter", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
			const window, max = 60 * time.Second, 3
			now := int64(1_700_000_000_000)
			for i := 0; i < 5; i++ {
				ts := now + int64(i)*1000
				pipe := c.Pipeline()
				pipe.ZRemRangeByScore(ctx, "ratelimit:ip:1.2.3.4", "-inf", strconv.FormatInt(ts-window.Milliseconds(), 10))
				pipe.ZAdd(ctx, "ratelimit:ip:1.2.3.4", redis.Z{Score: float64(ts), Member: fmt.Sprintf("%d-%d", ts, i)})
				card := pipe.ZCard(ctx, "ratelimit:ip:1.2.3.4")
				pipe.Expire(ctx, "ratelimit:ip:1.2.3.4", window)
				_, err := pipe.Exec(ctx)
				r.add(fmt.Sprintf("request %d allowed", i), card.Val() <= max, err)
			}
			// A minute later the old requests leave the window.
			later := now + 61_000
			removed, err := c.ZRemRangeByScore(ctx, "ratelimit:ip:1.2.3.4", "-inf", strconv.FormatInt(later-window.Milliseconds(), 10)).Result()
			r.add("ZRemRangeByScore after the window", removed, err)
			d, err := c.TTL(ctx, "ratelimit:ip:1.2.3.4").Result()
			r.add("TTL", ttlFact(d, window), err)
		}},
		goredisScenario{"delayed job scores", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
			// BullMQ stores a timestamp times 4096 plus a counter: about
			// 7.35e15, which must come back exactly.
			base := int64(1_795_000_000_000) * 4096
			for i := int64(0); i < 3; i++ {
				c.ZAdd(ctx, "bull:q:delayed", redis.Z{Score: float64(base + i), Member: "job" + strconv.FormatInt(i, 10)})
			}
			zs, err := c.ZRangeByScoreWithScores(ctx, "bull:q:delayed", &redis.ZRangeBy{Min: "0", Max: strconv.FormatInt(base+1, 10), Count: 10}).Result()
			r.add("due jobs", zs, err)
			s, err := c.Do(ctx, "ZSCORE", "bull:q:delayed", "job2").Result()
			r.add("ZSCORE raw", s, err)
			popped, err := c.BZPopMin(ctx, time.Second, "bull:q:delayed").Result()
			r.add("BZPopMin", popped, err)
		}},
	)
}
