// Command miniserve-bench measures miniserve against a real redis-server with
// redis-benchmark, and writes the ratios to BENCHMARKS.md. It is the program
// behind `make bench` and `make bench-quick`; the latter runs, in about a
// minute, the workloads of the performance targets (SET, GET, INCR, ZADD,
// ZINCRBY, memory and persistence) with -quick.
//
// Usage:
//
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -out BENCHMARKS.md
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -quick
//	go run ./cmd/miniserve-bench -miniserve /usr/bin/redis-server -quick   # Redis against itself
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -workloads all
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -quick -workloads zsets,pubsub
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -workloads set,get -rounds 9
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -workloads persistence -memkeys -1 -memmembers -1
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -quick -workloads eviction -memkeys -1 -memmembers -1
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -quick -workloads types
//
// # What it does
//
// It starts one redis-server and one miniserve, each on its own free loopback
// port with the same command line, in a temporary working directory, and
// waits for each to answer PING:
//
//	SERVER --port P --bind 127.0.0.1 --save '' --appendonly no
//
// It only ever stops the two processes it started: on success, on error and
// on SIGINT/SIGTERM. The servers run in their own process group,
// so a Ctrl-C in the terminal reaches the harness, which then stops them.
//
// Memory comes first, on fresh servers, for two data sets (four with the
// types group). For each:
// FLUSHALL, read the baseline (INFO used_memory and VmRSS from
// /proc/PID/status), load over one pipelined connection, wait a second, read
// again, and divide the growth by the number of items loaded.
//
//   - strings: -memkeys keys "key:%07d" with 16-byte values (SET, batches of
//     1000), on the two servers that then run the workloads;
//   - sorted set: one key "bench:zset" with -memmembers members
//     "member:%07d", score i (ZADD with 1000 members each, 10 per batch), on
//     a fresh process of each binary started for it and stopped after it, so
//     that the load does not land in memory that the strings load freed;
//   - hash and set, only when the types group runs: one big hash
//     "bench:hash" of -memmembers fields "field:%07d" with 16-byte values
//     (HSET with 1000 fields each), and one set "bench:set" of -memmembers
//     members "member:%07d" (SADD with 1000 members each), each on a fresh
//     process as the sorted set.
//
// Then, for each workload of the table in workloads.go and for pipeline depths
// 1 and 16, it runs
//
//	redis-benchmark -h 127.0.0.1 -p PORT -c 50 -r 100000 -d 16 -n N -P DEPTH --csv (-t TEST | COMMAND ARGS...)
//
// (-r is 10000 for the workloads on a preloaded 10k-member sorted set, so
// that every request hits) against the two servers in alternating runs
// (redis, miniserve, redis, miniserve, ...), -rounds times each. Each run
// records the requests per second and the latency percentiles from the CSV,
// and the CPU time (utime + stime from /proc/PID/stat, all threads) that the
// server process used during the run, which gives CPU microseconds per request. On a shared,
// noisy machine CPU per request is steadier than throughput, because it does
// not count the time the server spent waiting for a core.
//
// Before a workload, each server is sent the command once (a probe). A server
// that answers with an error, or a redis-benchmark run that reports "Error
// from server", marks the workload as unsupported on that server instead of
// stopping the harness.
//
// The pub/sub workloads PUBLISH/100subs and PUBLISH/10psubs have
// subscribers: before the runs, the harness connects 100 connections that
// SUBSCRIBE to the channel (10 that PSUBSCRIBE to "bench:*") to each server,
// waits for every confirmation, and drains each connection in a goroutine
// that reads and discards (and counts bytes), so that a subscriber is never
// the slow side. One PUBLISH then checks that the server counts and feeds
// every subscriber. After each run the harness waits until every subscriber
// has received every message before it reads the server's CPU time, so the
// CPU figure includes the delivery; a run whose messages do not all arrive
// within 30 seconds fails. After the workload the connections are closed and
// the goroutines waited for. The drain goroutines run in the harness, on the
// same cores, for both servers alike.
//
// # Lists, hashes and sets
//
// The types group (-workloads types, not in the default selection until
// miniserve has these types) runs like the strings and sorted sets:
// redis-benchmark's own tests -t lpush, rpop, hset and sadd (on its keys
// mylist, myhash and myset; the list is emptied before each LPUSH run and
// refilled with one item per request before each RPOP run, so that every
// RPOP pops); LRANGE mylist 0 99, the command of -t lrange_100, as a
// custom command on a list of 10k items pushed before the runs (-t
// lrange_100 would first run an LPUSH load of -n requests in the same
// redis-benchmark process, whose CPU time would count in the figure);
// HGETALL of a 10-field hash and SISMEMBER of a random member of a
// 10k-member set (-r 10000), both populated before the runs. A server that
// lacks a command answers the probe with an error: the workload is marked
// unsupported and the harness carries on.
//
// # Eviction
//
// The eviction group (-workloads eviction, in the default selection) runs
// after the workloads, before persistence, on a fresh process for every
// run (eviction.go). In each of -evictrounds rounds, for -P 1 and -P 16,
// for the command lines
//
//	SERVER --port P --bind 127.0.0.1 --save '' --appendonly no --maxmemory 100mb --maxmemory-policy allkeys-lru
//	SERVER --port P --bind 127.0.0.1 --save '' --appendonly no
//
// and for redis then miniserve, it starts the server on a free loopback
// port, runs
//
//	redis-benchmark -h 127.0.0.1 -p P -c 50 -r 10000000 -d 100 -n EVICTN -P DEPTH --csv -t set
//
// (-evictn requests: about 1.8M distinct keys for 2M, where 100mb holds
// about half a million in Redis), reads INFO memory (used_memory,
// used_memory_rss, maxmemory, maxmemory_policy), INFO stats
// (evicted_keys) and DBSIZE, and stops it. The "## Eviction" section has,
// per depth, the throughput and CPU per request with and without the
// limit and each server's with/without ratio, used_memory after the run as
// a percentage over or under maxmemory, RSS, keys kept and evicted, and the
// figures without the limit: medians over rounds, and the median of the
// per-round ratios miniserve/Redis. A server that fails to start or to
// answer is recorded and the runs go on; one that exits on its own ends
// the group, as in persistence.
//
// # Persistence
//
// The persistence group (-workloads persistence, or its parts SNAPSHOT,
// SET/AOF and GET/DURING-SAVE) runs after the other workloads, on servers
// started for it (persistence.go). In each of -persistrounds rounds, for
// each binary, it starts a process with appendonly no and one with
// appendonly yes, appendfsync everysec, each in its own temporary
// directory on its own free loopback port:
//
//	SERVER --port P --bind 127.0.0.1 --dir DIR --dbfilename dump.rdb --save '' --appendonly no
//	SERVER --port P --bind 127.0.0.1 --dir DIR --dbfilename dump.rdb --save '' --appendonly yes --appendfsync everysec --auto-aof-rewrite-percentage 0
//
// and stops them and deletes the directories at the end of the round.
// Every step alternates redis, miniserve:
//
//   - SET/AOF: the SET workload (redis-benchmark -t set) at -P 16 and -P 1
//     on the process without AOF, then on the one with it; each server's
//     everysec/no ratio, then miniserve's over Redis's. Automatic rewrites
//     are off, so that none lands in a run.
//   - fill: FLUSHALL, then -persistkeys SETs of "key:%012d" (the keys of
//     redis-benchmark's -t get, so that the GET load hits) to distinct
//     30-byte values, made once into one RESP buffer and written to one
//     connection while a goroutine reads the replies (as redis-cli --pipe);
//     then SAVE: its round trip, and the size of DIR/dump.rdb (Redis's RDB
//     file, miniserve's bbolt file).
//   - SNAPSHOT: also SIGTERM and a restart with the same command line,
//     port and directory, timed until PING answers without -LOADING and
//     DBSIZE is -persistkeys.
//   - GET/DURING-SAVE: the process with AOF is filled too; then, per
//     server, three GET loads (redis-benchmark -t get -c 50 -r KEYS) with
//     the same -n: no save, a BGSAVE on the process without AOF, a
//     BGREWRITEAOF on the one with AOF. The save starts one second after
//     the load; INFO persistence is polled until the save is over (and its
//     status is ok). -n is sized from the server's GET rate to last 1 s +
//     the longer of 3x its SAVE time and 1.5x the longest save under load
//     it had in earlier rounds + 2 s, at least 5 s; a load that ends
//     before its save is over is noted in the report. p99 and max come
//     from redis-benchmark's CSV (the figures of its latency summary).
//     Then the process with AOF restarts, timed as above, and loads the
//     AOF the rewrite left (Redis's base is an RDB preamble, miniserve's
//     RESP).
//
// The report's "## Persistence" section has one row per figure: the
// medians over rounds on each server and the median of the per-round
// ratios miniserve/Redis, with the command lines and every raw figure.
// Three of its rows carry targets (see below).
//
// # What it reports
//
// For each workload and depth: the median requests/s of each server, the
// median of the paired ratios miniserve/Redis (round i of miniserve over
// round i of Redis) with their range, the same for CPU microseconds per
// request, and the median p50 and p99 latencies. Memory is reported per data
// set (one row each: strings, sorted set, hash, set) as bytes per key,
// member or field for used_memory and RSS, with the miniserve/Redis ratios.
//
// With -out FILE it writes a Markdown report (machine, versions, exact
// commands, tables, the targets with PASS/MISS, raw runs) and an
// SVG bar chart next to it (FILE with the extension .svg). Everything under
// the "## History" heading of an existing FILE is kept verbatim, so that
// engineers can record the effect of each change there.
//
// The targets (see throughputTargets, latencyTargets and memoryTargets in
// report.go, persistence_report.go and eviction_report.go), in the order of
// the Targets table: SET, GET, INCR, ZADD and ZINCRBY at least 1.0x Redis
// at -P 1 and -P 16; PUBLISH/100subs and PUBLISH/10psubs at least 0.8x at
// both depths; LPUSH, RPOP, LRANGE_100, HSET, SADD, HGETALL and SISMEMBER
// at least 0.9x at -P 1 and 0.8x at -P 16; EVALSHA at least 0.7x and XADD
// at least 0.8x at both depths; the p99 latency of SET, GET, INCR, ZADD and
// ZINCRBY at -P 1 at most 1.0x Redis's (the ratio of the medians over
// rounds); RSS and used_memory per key at most 1.5x Redis for 1M strings,
// and per member for a 1M-member sorted set; RSS at most 2.5x per field of
// a 1M-field hash and per member of a 1M-member set; SAVE of 1M keys and
// the restart until they are loaded at most 1.0x Redis's time; SET -P 16
// with appendonly everysec at least 0.9x miniserve's own throughput
// without AOF; and, at each depth of the eviction group, miniserve's
// used_memory after the run within 1% of maxmemory (over or under), its
// SET throughput with the limit at least 0.9x its own without, and the
// keys it keeps at least 0.5x Redis's.
//
// -quick divides the request counts by 5, runs 2 rounds, loads 200,000
// keys and 200,000 sorted-set members for the memory figures, runs one
// eviction round of 1M SETs per run (about two minutes: fewer requests
// would not reach the limit) and one persistence round with 200,000 keys
// (about a minute); with the default workloads it takes about six
// minutes. A full run (5 rounds, 200k requests per run at -P 1 and 1M at
// -P 16, 1M keys, 1M members, 5 eviction rounds of 2M SETs per run, three
// to four minutes each, 5 persistence rounds with 1M keys, two to three
// minutes each) takes about an hour on 2 cores.
//
// # Flags
//
//	-miniserve PATH   the binary under test (required)
//	-redis PATH       redis-server (default: from $PATH)
//	-benchmark PATH   redis-benchmark (default: from $PATH)
//	-rounds N         runs per server per workload and depth (5; 2 with -quick)
//	-quick            the quick subset
//	-out FILE         write FILE (Markdown) and the chart (FILE with .svg); else print only
//	-workloads LIST   "strings,zsets,pubsub,eviction,persistence" (default), "all", or groups and names: set,zsets,types,snapshot,...
//	-memkeys N        keys for the strings memory figures (1M; 200k with -quick; <0 skips)
//	-memmembers N     members for the sorted-set memory figures, and fields and members of the hash and set ones with the types group (1M; 200k with -quick; <0 skips)
//	-n1 N, -n16 N     requests per run at -P 1 and -P 16
//	-persistkeys N    keys of the persistence group's fill (1M; 200k with -quick)
//	-persistrounds N  rounds of the persistence group (-rounds; 1 with -quick)
//	-evictn N         requests per SET run of the eviction group (2M; 1M with -quick)
//	-evictrounds N    rounds of the eviction group (-rounds; 1 with -quick)
//	-timeout D        limit for one redis-benchmark run (5m)
//	-v                print each command, its raw output, and keep server logs on error
//
// # Adding a workload
//
// Add a row to the workloads table in workloads.go: a redis-benchmark test
// (-t) or a custom command line, its group, and if needed a Setup (once per
// workload, after FLUSHALL), a BeforeRun (before each run, untimed), a
// Keyspace (-r), a DataSize (-d) or Subscribers (for a PUBLISH).
//
// # Reading the figures
//
// The machine is shared and noisy: compare CPU per request first, and look
// at the range of the paired ratios before trusting a throughput ratio. A
// run of Redis against itself (-miniserve /usr/bin/redis-server) shows the
// noise floor. redis-benchmark runs on the same 2 cores as the server, so at
// -P 1 both servers are partly limited by the client.
package main
