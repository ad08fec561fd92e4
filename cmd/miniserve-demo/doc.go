// Command miniserve-demo is a small web app that shows every pattern of
// github.com/miniserve-dev/miniserve/patterns at work, on an embedded
// miniserve or on an external Redis server or cluster:
//
//	go run ./cmd/miniserve-demo                         # embedded miniserve
//	go run ./cmd/miniserve-demo -redis 127.0.0.1:6379   # one server
//	go run ./cmd/miniserve-demo -cluster 127.0.0.1:7000,127.0.0.1:7001
//
// It listens on -addr (127.0.0.1:8080 by default) and prints the URL of a
// single page that drives the JSON endpoints below and shows the events
// live:
//
//	GET  /api/products/{id}       cache: cache-aside over a slow fake store
//	POST /api/login {user}        session: creates one, in an HttpOnly cookie
//	GET  /api/me                  session: reads and refreshes it
//	POST /api/logout              session: ends this one
//	POST /api/logout-all          session: ends every session of the user
//	POST /api/jobs {name, fail}   jobs: enqueues a job with retries
//	GET  /api/jobs/{id}           jobs: the job's state
//	POST /api/scores {member, points}   leaderboard: adds points
//	GET  /api/leaderboard?n=10    leaderboard: the top n, ranked from 1
//	GET  /api/leaderboard/{member}      leaderboard: one member's rank
//	GET  /events                  pubsub: server-sent events
//
// Every /api/ route is behind the ratelimit middleware (20 requests per
// 10 s per client address), whose X-RateLimit-* headers the page shows.
// A worker in the process runs the jobs (three at a time) and a cron job
// posts a heartbeat event every 10 s. Logins, scores and finished jobs
// are published as events, which the pubsub Hub streams to every open
// page.
//
// main.go wires the flags, the Redis client and the graceful shutdown;
// app.go holds the App, built from any redis.UniversalClient, and its
// handlers.
package main
