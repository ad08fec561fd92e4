// Package patterns holds the web-backend patterns users run on Redis, as
// a Go library on go-redis v9. Each pattern lives in a package of its own:
//
//   - cache: cache-aside as a generic Cached[T], with stampede protection,
//     write-through and invalidation by key or pattern (SCAN + UNLINK).
//   - session: server-side sessions with sliding TTLs and a per-user index.
//   - ratelimit: an exact sliding-window limiter and its net/http middleware.
//   - pubsub: typed JSON events and a fan-out hub for server-sent events.
//   - jobs: a reliable background-job queue with retries, delays, cron
//     repeats, retention, stalled-job recovery and graceful shutdown.
//   - leaderboard: scores, top-N and 1-based ranks on a sorted set.
//
// Every pattern takes a redis.UniversalClient, so the same code runs on a
// single server or on a Redis Cluster: multi-key operations keep their keys
// in one hash slot with hash tags. compat_test runs each pattern's tests on
// an embedded miniserve, a real redis-server, miniserve in cluster mode and
// a real three-master Redis Cluster.
package patterns
