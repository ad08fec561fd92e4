package compat_test

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// SORT as a small web backend uses it, through go-redis against both
// servers: the ids of a set ordered by a field of each id's hash, the
// page of names, a snapshot of the page in a list, and SORT_RO.
func init() {
	goredisScenarios = append(goredisScenarios,
		goredisScenario{"sort by hash fields", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
			players := []struct{ id, name, score string }{
				{"1", "ada", "42"}, {"2", "bob", "17"}, {"3", "cy", "99"}, {"4", "dee", "17"}, {"5", "eve", "64"},
			}
			for _, p := range players {
				n, err := c.HSet(ctx, "player:"+p.id, "name", p.name, "score", p.score).Result()
				r.add("HSet player:"+p.id, n, err)
				n, err = c.SAdd(ctx, "players", p.id).Result()
				r.add("SAdd players", n, err)
			}
			ids, err := c.Sort(ctx, "players", &redis.Sort{}).Result()
			r.add("Sort ids", ids, err)
			top, err := c.Sort(ctx, "players", &redis.Sort{By: "player:*->score", Order: "DESC", Offset: 0, Count: 3, Get: []string{"player:*->name", "#"}}).Result()
			r.add("Sort top 3 names and ids", top, err)
			names, err := c.Sort(ctx, "players", &redis.Sort{By: "player:*->name", Alpha: true, Get: []string{"player:*->name", "player:*->missing"}}).Result()
			r.add("Sort names ALPHA with a missing field", names, err)
			mixed, err := c.SortInterfaces(ctx, "players", &redis.Sort{By: "player:*->score", Get: []string{"player:*->nope"}}).Result()
			r.add("SortInterfaces with nils", mixed, err)
			n, err := c.SortStore(ctx, "players", "page:1", &redis.Sort{By: "player:*->score", Offset: 1, Count: 2, Get: []string{"player:*->name"}}).Result()
			r.add("SortStore a page", n, err)
			page, err := c.LRange(ctx, "page:1", 0, -1).Result()
			r.add("the stored page", page, err)
			ro, err := c.SortRO(ctx, "players", &redis.Sort{By: "nosort", Get: []string{"#"}, Alpha: true, Offset: 0, Count: 10}).Result()
			r.add("SortRO BY nosort (an intset, ascending)", ro, err)
			_, err = c.Sort(ctx, "player:1", &redis.Sort{}).Result()
			r.add("Sort of a hash", nil, err)
			c.HSet(ctx, "player:6", "name", "fay", "score", "lots")
			c.SAdd(ctx, "players", "6")
			_, err = c.Sort(ctx, "players", &redis.Sort{By: "player:*->score"}).Result()
			r.add("Sort by a score that is not a number", nil, err)
		}})
}
