package compat_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// The go-redis section runs the same client operations against each server
// with go-redis v9 (RESP3, as go-redis connects by default, and RESP2) and
// compares the results as text. Every result is rendered by rec so that
// time-dependent values (TTLs) are reduced to stable facts.

// rec collects the rendered results of one scenario.
type rec struct{ lines []string }

func (r *rec) add(op string, val any, err error) {
	var s string
	switch {
	case errors.Is(err, redis.Nil):
		s = "redis.Nil"
	case err != nil:
		s = "error: " + err.Error()
	default:
		s = fmt.Sprintf("%#v", val)
	}
	r.lines = append(r.lines, op+" => "+s)
}

// ttlFact renders a TTL as a fact that does not depend on timing.
func ttlFact(d time.Duration, max time.Duration) string {
	switch {
	case d < 0:
		return fmt.Sprintf("%d", int64(d))
	case d > max:
		return "above " + max.String()
	case d > max-3*time.Second:
		return "about " + max.String()
	default:
		return "well below " + max.String()
	}
}

type goredisScenario struct {
	name string
	// run gets a client on the target and a factory for more clients.
	run func(ctx context.Context, r *rec, c *redis.Client, other func() *redis.Client)
}

var goredisScenarios = []goredisScenario{
	{"ping echo dbsize", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		r.add("Ping", c.Ping(ctx).Val(), c.Ping(ctx).Err())
		v, err := c.Echo(ctx, "hi").Result()
		r.add("Echo", v, err)
		n, err := c.DBSize(ctx).Result()
		r.add("DBSize", n, err)
	}},
	{"set get ttl", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		v, err := c.Set(ctx, "k", "v", 10*time.Second).Result()
		r.add("Set EX 10s", v, err)
		g, err := c.Get(ctx, "k").Result()
		r.add("Get", g, err)
		d, err := c.TTL(ctx, "k").Result()
		r.add("TTL", ttlFact(d, 10*time.Second), err)
		d, err = c.PTTL(ctx, "k").Result()
		r.add("PTTL", ttlFact(d, 10*time.Second), err)
		v, err = c.Set(ctx, "k", "w", redis.KeepTTL).Result()
		r.add("Set KeepTTL", v, err)
		d, err = c.TTL(ctx, "k").Result()
		r.add("TTL after KeepTTL", ttlFact(d, 10*time.Second), err)
		v, err = c.Set(ctx, "p", "x", 1500*time.Millisecond).Result()
		r.add("Set PX 1500ms", v, err)
		d, err = c.PTTL(ctx, "p").Result()
		r.add("PTTL", ttlFact(d, 1500*time.Millisecond), err)
		g, err = c.Get(ctx, "missing").Result()
		r.add("Get missing", g, err)
		d, err = c.TTL(ctx, "missing").Result()
		r.add("TTL missing", d, err)
		c.Set(ctx, "nottl", "1", 0)
		d, err = c.TTL(ctx, "nottl").Result()
		r.add("TTL no expiry", d, err)
		ok, err := c.SetNX(ctx, "k", "x", 0).Result()
		r.add("SetNX existing", ok, err)
		ok, err = c.SetXX(ctx, "nx", "x", 0).Result()
		r.add("SetXX missing", ok, err)
		g, err = c.SetArgs(ctx, "k", "z", redis.SetArgs{Get: true}).Result()
		r.add("SetArgs Get", g, err)
		g, err = c.GetDel(ctx, "k").Result()
		r.add("GetDel", g, err)
		g, err = c.GetEx(ctx, "nottl", time.Minute).Result()
		r.add("GetEx", g, err)
		d, err = c.TTL(ctx, "nottl").Result()
		r.add("TTL after GetEx", ttlFact(d, time.Minute), err)
		n, err := c.Exists(ctx, "k", "nottl", "nottl").Result()
		r.add("Exists", n, err)
		n, err = c.Del(ctx, "nottl", "p", "missing").Result()
		r.add("Del", n, err)
		v, err = c.Set(ctx, "bad", "v", -5*time.Second).Result()
		r.add("Set negative expiration", v, err)
	}},
	{"incr", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		n, err := c.Incr(ctx, "n").Result()
		r.add("Incr", n, err)
		n, err = c.IncrBy(ctx, "n", 41).Result()
		r.add("IncrBy", n, err)
		n, err = c.Decr(ctx, "n").Result()
		r.add("Decr", n, err)
		f, err := c.IncrByFloat(ctx, "n", 1.5).Result()
		r.add("IncrByFloat", f, err)
		n, err = c.Incr(ctx, "n").Result()
		r.add("Incr on a float", n, err)
		c.Set(ctx, "max", strconv.FormatInt(1<<63-1, 10), 0)
		n, err = c.Incr(ctx, "max").Result()
		r.add("Incr overflow", n, err)
		s, err := c.Get(ctx, "n").Result()
		r.add("Get", s, err)
		i, err := c.Get(ctx, "max").Int64()
		r.add("Get Int64", i, err)
	}},
	{"mset mget keys scan", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		v, err := c.MSet(ctx, "a", "1", "b", "2", "c", "3").Result()
		r.add("MSet", v, err)
		vals, err := c.MGet(ctx, "a", "missing", "c").Result()
		r.add("MGet", vals, err)
		ok, err := c.MSetNX(ctx, "a", "x", "d", "4").Result()
		r.add("MSetNX", ok, err)
		keys, err := c.Keys(ctx, "*").Result()
		sort.Strings(keys)
		r.add("Keys", keys, err)
		var all []string
		iter := c.Scan(ctx, 0, "", 1).Iterator()
		for iter.Next(ctx) {
			all = append(all, iter.Val())
		}
		sort.Strings(all)
		r.add("Scan iterator", all, iter.Err())
		typ, err := c.Type(ctx, "a").Result()
		r.add("Type", typ, err)
		n, err := c.StrLen(ctx, "a").Result()
		r.add("StrLen", n, err)
		n, err = c.Append(ctx, "a", "23").Result()
		r.add("Append", n, err)
		s, err := c.GetRange(ctx, "a", -2, -1).Result()
		r.add("GetRange", s, err)
		s, err = c.Rename(ctx, "a", "z").Result()
		r.add("Rename", s, err)
		s, err = c.Rename(ctx, "a", "z").Result()
		r.add("Rename missing", s, err)
	}},
	{"expire persist", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		c.Set(ctx, "k", "v", 0)
		ok, err := c.Expire(ctx, "k", time.Minute).Result()
		r.add("Expire", ok, err)
		ok, err = c.ExpireNX(ctx, "k", time.Hour).Result()
		r.add("ExpireNX", ok, err)
		ok, err = c.ExpireGT(ctx, "k", time.Hour).Result()
		r.add("ExpireGT", ok, err)
		d, err := c.TTL(ctx, "k").Result()
		r.add("TTL", ttlFact(d, time.Hour), err)
		ok, err = c.ExpireAt(ctx, "k", time.Unix(4102444800, 0)).Result()
		r.add("ExpireAt", ok, err)
		d, err = c.ExpireTime(ctx, "k").Result()
		r.add("ExpireTime", d, err)
		ok, err = c.Persist(ctx, "k").Result()
		r.add("Persist", ok, err)
		d, err = c.TTL(ctx, "k").Result()
		r.add("TTL after Persist", d, err)
		ok, err = c.Expire(ctx, "missing", time.Minute).Result()
		r.add("Expire missing", ok, err)
	}},
	{"transaction with WATCH", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		c.Set(ctx, "counter", "10", 0)
		err := c.Watch(ctx, func(tx *redis.Tx) error {
			n, err := tx.Get(ctx, "counter").Int()
			if err != nil {
				return err
			}
			cmds, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, "counter", n+1, 0)
				p.Incr(ctx, "counter")
				p.Get(ctx, "counter")
				return nil
			})
			for i, cmd := range cmds {
				r.add(fmt.Sprintf("tx cmd %d %s", i, cmd.Name()), cmdValue(cmd), cmd.Err())
			}
			return err
		}, "counter")
		r.add("Watch", nil, err)
		s, err := c.Get(ctx, "counter").Result()
		r.add("Get", s, err)
	}},
	{"transaction aborted by another client", func(ctx context.Context, r *rec, c *redis.Client, other func() *redis.Client) {
		c.Set(ctx, "counter", "10", 0)
		o := other()
		defer o.Close()
		err := c.Watch(ctx, func(tx *redis.Tx) error {
			n, err := tx.Get(ctx, "counter").Int()
			if err != nil {
				return err
			}
			r.add("other Set", nil, o.Set(ctx, "counter", "100", 0).Err())
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, "counter", n+1, 0)
				return nil
			})
			return err
		}, "counter")
		r.add("Watch", nil, err)
		r.add("TxFailedErr", errors.Is(err, redis.TxFailedErr), nil)
		s, err := c.Get(ctx, "counter").Result()
		r.add("Get", s, err)
	}},
	{"transaction with errors", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		c.Set(ctx, "s", "abc", 0)
		cmds, err := c.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, "a", "1", 0)
			p.Incr(ctx, "s")
			p.Incr(ctx, "a")
			return nil
		})
		r.add("TxPipelined", nil, err)
		for i, cmd := range cmds {
			r.add(fmt.Sprintf("cmd %d %s", i, cmd.Name()), cmdValue(cmd), cmd.Err())
		}
		cmds, err = c.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, "b", "1", 0)
			p.Do(ctx, "NOSUCHCOMMAND")
			return nil
		})
		r.add("TxPipelined with a queue-time error", nil, err)
		for i, cmd := range cmds {
			r.add(fmt.Sprintf("cmd %d %s", i, cmd.Name()), cmdValue(cmd), cmd.Err())
		}
		n, err := c.Exists(ctx, "b").Result()
		r.add("Exists b", n, err)
	}},
	{"pipeline of 100 commands", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		cmds, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i := 0; i < 100; i++ {
				p.Incr(ctx, "p")
			}
			return nil
		})
		r.add("Pipelined", len(cmds), err)
		var sum int64
		for _, cmd := range cmds {
			sum += cmd.(*redis.IntCmd).Val()
		}
		r.add("sum of replies", sum, nil)
		cmds, err = c.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i := 0; i < 50; i++ {
				p.Set(ctx, fmt.Sprintf("key:%d", i), i, 0)
				p.Get(ctx, fmt.Sprintf("key:%d", i%7))
			}
			return nil
		})
		var out []string
		for _, cmd := range cmds {
			out = append(out, fmt.Sprint(cmdValue(cmd)))
		}
		r.add("mixed pipeline", strings.Join(out, ","), err)
		cmds, err = c.Pipelined(ctx, func(p redis.Pipeliner) error {
			p.Get(ctx, "missing")
			p.Incr(ctx, "key:1")
			p.Set(ctx, "x", "y", 0)
			p.Do(ctx, "NOSUCH")
			p.Get(ctx, "x")
			return nil
		})
		r.add("pipeline with errors", nil, err)
		for i, cmd := range cmds {
			r.add(fmt.Sprintf("cmd %d %s", i, cmd.Name()), cmdValue(cmd), cmd.Err())
		}
	}},
	{"client name", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		conn := c.Conn()
		defer conn.Close()
		v, err := conn.Do(ctx, "CLIENT", "SETNAME", "gr-conn").Result()
		r.add("Do CLIENT SETNAME", v, err)
		v, err = conn.Do(ctx, "CLIENT", "GETNAME").Result()
		r.add("Do CLIENT GETNAME", v, err)
		ok, err := conn.ClientSetName(ctx, "typed").Result()
		r.add("ClientSetName", ok, err)
		s, err := conn.ClientGetName(ctx).Result()
		r.add("ClientGetName", s, err)
		v, err = conn.Do(ctx, "CLIENT", "SETNAME", "bad name").Result()
		r.add("Do CLIENT SETNAME with a space", v, err)
		id, err := conn.ClientID(ctx).Result()
		r.add("ClientID positive", id > 0, err)
		info, err := conn.ClientInfo(ctx).Result()
		if err == nil {
			r.add("ClientInfo name, db and protocol", fmt.Sprint(info.Name, " ", info.DB, " ", info.Resp), nil)
		} else {
			r.add("ClientInfo", nil, err)
		}
	}},
	{"do and errors", func(ctx context.Context, r *rec, c *redis.Client, _ func() *redis.Client) {
		v, err := c.Do(ctx, "NOSUCH", "a").Result()
		r.add("Do unknown command", v, err)
		v, err = c.Do(ctx, "GET").Result()
		r.add("Do wrong arity", v, err)
		v, err = c.Do(ctx, "SET", "k", "v", "NX", "XX").Result()
		r.add("Do syntax error", v, err)
		v, err = c.Do(ctx, "GET", "missing").Result()
		r.add("Do nil", v, err)
		v, err = c.Do(ctx, "CONFIG", "GET", "maxmemory").Result()
		r.add("Do CONFIG GET", v, err)
		m, err := c.ConfigGet(ctx, "maxmemory-policy").Result()
		r.add("ConfigGet", m, err)
		v, err = c.Do(ctx, "MGET", "missing", "missing").Result()
		r.add("Do MGET", v, err)
		v, err = c.Do(ctx, "INCRBYFLOAT", "f", "2.5").Result()
		r.add("Do INCRBYFLOAT", v, err)
	}},
}

// cmdValue extracts the value of a go-redis command for rendering.
func cmdValue(c redis.Cmder) any {
	switch c := c.(type) {
	case *redis.StatusCmd:
		return c.Val()
	case *redis.IntCmd:
		return c.Val()
	case *redis.StringCmd:
		return c.Val()
	case *redis.Cmd:
		return c.Val()
	case *redis.BoolCmd:
		return c.Val()
	case *redis.FloatCmd:
		return c.Val()
	}
	return fmt.Sprintf("%T", c)
}

func newGoRedis(tg *target, proto int) *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr:         tg.Addr,
		Password:     tg.Password,
		Protocol:     proto,
		DialTimeout:  5 * time.Second,
		ReadTimeout:  10 * time.Second,
		WriteTimeout: 10 * time.Second,
		MaxRetries:   -1,
	})
}

func runGoRedis(t *testing.T, tg *target, proto int, sc goredisScenario) []string {
	t.Helper()
	if tg.Shared {
		resetTarget(t, tg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newGoRedis(tg, proto)
	defer c.Close()
	r := &rec{}
	sc.run(ctx, r, c, func() *redis.Client { return newGoRedis(tg, proto) })
	if *dump {
		for _, l := range r.lines {
			t.Logf("%s: %s", tg.Name, l)
		}
	}
	return r.lines
}

func TestGoRedis(t *testing.T) {
	s := newSuite(t)
	for _, proto := range []int{3, 2} {
		for _, sc := range goredisScenarios {
			name := fmt.Sprintf("RESP%d %s", proto, sc.name)
			t.Run(name, func(t *testing.T) {
				var want []string
				if s.redis != nil {
					want = runGoRedis(t, s.redis, proto, sc)
					body := strings.Join(want, "\n") + "\n"
					if *update {
						s.golden.set(name, body)
						s.golden.touch(name)
					} else if g, ok := s.golden.get(name); !ok {
						t.Errorf("scenario %q is missing from %s: run `go test ./compat_test -update`", name, s.golden.path)
					} else if g != body {
						t.Errorf("%s is stale for %q (run `go test ./compat_test -update`):\nrecorded:\n%s\nlive:\n%s", s.golden.path, name, g, body)
					}
				} else {
					g, ok := s.golden.get(name)
					if !ok {
						t.Fatalf("no recorded expectation for %q in %s and no redis-server to compare with", name, s.golden.path)
					}
					want = strings.Split(strings.TrimSuffix(g, "\n"), "\n")
				}
				if *update {
					return // -update records Redis only
				}
				got := runGoRedis(t, s.mini, proto, sc)
				for i := 0; i < len(want) || i < len(got); i++ {
					var w, g string
					if i < len(want) {
						w = want[i]
					}
					if i < len(got) {
						g = got[i]
					}
					if w != g {
						t.Errorf("result %d differs:\n  redis:     %s\n  miniserve: %s", i, w, g)
					}
				}
			})
		}
	}
}
