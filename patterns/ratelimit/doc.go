// Package ratelimit is an exact sliding-window rate limiter on a Redis
// sorted set, and its net/http middleware.
//
// Each client key is one sorted set whose members are the requests let
// through in the last window, scored by the server's time in
// microseconds. One Lua script, run atomically by the server, drops the
// members that left the window, counts the rest, and records the new
// request only when it is allowed:
//
//   - exact under concurrency: the script runs alone on the server, so N
//     concurrent requests never let more than Limit through in a window,
//     whatever the number of processes or clients;
//   - one clock: the script reads the server's TIME, so the clocks of the
//     application hosts do not matter;
//   - denied requests are not recorded, so a client that keeps knocking
//     while over the limit gets in again as soon as its oldest counted
//     request leaves the window;
//   - every member is unique (the server time plus a per-limiter random
//     prefix and a counter), so requests in the same microsecond all count;
//   - the key's TTL is the window, so idle clients' keys disappear.
//
// The script touches one key, so it runs unchanged on a Redis Cluster.
//
// Middleware puts a Limiter in front of an http.Handler. It identifies the
// client by its remote address and trusts X-Forwarded-For only when the
// immediate peer is one of the configured trusted proxies (see ClientIP),
// so a client cannot choose its identity by sending a header. It sets the
// X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers
// and answers denied requests with 429, a Retry-After header and a JSON
// body.
package ratelimit
