package compat_test

import (
	"context"
	"slices"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// What web backends and job queues do with hashes and sets, through
// go-redis (RESP3 maps and sets, RESP2 arrays) against both servers.
func init() {
	goredisScenarios = append(goredisScenarios,
		goredisScenario{"job hash", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
			// A BullMQ-like job: a small hash read back whole, in order.
			n, err := c.HSet(ctx, "bull:q:1", "name", "email", "data", `{"to":"a@b.c"}`, "attemptsMade", "0", "timestamp", "1700000000000").Result()
			r.add("HSet", n, err)
			m, err := c.HGetAll(ctx, "bull:q:1").Result()
			r.add("HGetAll", m, err)
			v, err := c.HIncrBy(ctx, "bull:q:1", "attemptsMade", 1).Result()
			r.add("HIncrBy", v, err)
			f, err := c.HIncrByFloat(ctx, "bull:q:1", "progress", 0.25).Result()
			r.add("HIncrByFloat", f, err)
			vals, err := c.HMGet(ctx, "bull:q:1", "name", "missing", "attemptsMade").Result()
			r.add("HMGet", vals, err)
			keys, err := c.HKeys(ctx, "bull:q:1").Result()
			r.add("HKeys", keys, err)
			ok, err := c.HSetNX(ctx, "bull:q:1", "name", "other").Result()
			r.add("HSetNX existing", ok, err)
			d, err := c.HDel(ctx, "bull:q:1", "data", "nope").Result()
			r.add("HDel", d, err)
			l, err := c.HLen(ctx, "bull:q:1").Result()
			r.add("HLen", l, err)
			_, err = c.HGet(ctx, "bull:q:1", "data").Result()
			r.add("HGet deleted", nil, err)
			rf, err := c.HRandFieldWithValues(ctx, "bull:q:1", 10).Result()
			r.add("HRandFieldWithValues all", rf, err)
		}},
		goredisScenario{"tags and online users", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
			added, err := c.SAdd(ctx, "post:1:tags", "go", "redis", "db", "go").Result()
			r.add("SAdd", added, err)
			c.SAdd(ctx, "post:2:tags", "go", "web")
			members, err := c.SMembers(ctx, "post:1:tags").Result()
			slices.Sort(members)
			r.add("SMembers sorted", members, err)
			inter, err := c.SInter(ctx, "post:1:tags", "post:2:tags").Result()
			r.add("SInter", inter, err)
			union, err := c.SUnion(ctx, "post:1:tags", "post:2:tags").Result()
			slices.Sort(union)
			r.add("SUnion sorted", union, err)
			is, err := c.SMIsMember(ctx, "post:1:tags", "go", "web").Result()
			r.add("SMIsMember", is, err)
			card, err := c.SInterCard(ctx, 0, "post:1:tags", "post:2:tags").Result()
			r.add("SInterCard", card, err)
			for i := range 5 {
				c.SAdd(ctx, "online", strconv.Itoa(100+i))
			}
			ids, err := c.SMembers(ctx, "online").Result()
			r.add("SMembers of an intset", ids, err)
			popped, err := c.SPopN(ctx, "online", 10).Result()
			r.add("SPopN everything", popped, err)
			n, err := c.Exists(ctx, "online").Result()
			r.add("Exists after", n, err)
			moved, err := c.SMove(ctx, "post:2:tags", "post:3:tags", "web").Result()
			r.add("SMove", moved, err)
			z, err := c.ZUnionWithScores(ctx, redis.ZStore{Keys: []string{"post:1:tags", "post:2:tags"}}).Result()
			r.add("ZUnion of sets", z, err)
		}},
	)
}
