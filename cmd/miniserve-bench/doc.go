// Command miniserve-bench measures miniserve against a real redis-server with
// redis-benchmark, and writes the ratios to BENCHMARKS.md. It is the program
// behind `make bench` and `make bench-quick`.
//
// Usage:
//
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -out BENCHMARKS.md
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -quick
//	go run ./cmd/miniserve-bench -miniserve /usr/bin/redis-server -quick   # Redis against itself
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -workloads all
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -quick -workloads zsets,pubsub
//	go run ./cmd/miniserve-bench -miniserve ./bin/miniserve -workloads set,get -rounds 9
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
// Memory comes first, on fresh servers, for two data sets. For each:
// FLUSHALL, read the baseline (INFO used_memory and VmRSS from
// /proc/PID/status), load over one pipelined connection, wait a second, read
// again, and divide the growth by the number of items loaded.
//
//   - strings: -memkeys keys "key:%07d" with 16-byte values (SET, batches of
//     1000), on the two servers that then run the workloads;
//   - sorted set: one key "bench:zset" with -memmembers members
//     "member:%07d", score i (ZADD with 1000 members each, 10 per batch), on
//     a fresh process of each binary started for it and stopped after it, so
//     that the load does not land in memory that the strings load freed.
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
// # What it reports
//
// For each workload and depth: the median requests/s of each server, the
// median of the paired ratios miniserve/Redis (round i of miniserve over
// round i of Redis) with their range, the same for CPU microseconds per
// request, and the median p50 and p99 latencies. Memory is reported per data
// set (one row each: strings, sorted set) as bytes per key or member for
// used_memory and RSS, with the miniserve/Redis ratios.
//
// With -out FILE it writes a Markdown report (machine, versions, exact
// commands, tables, the targets with PASS/MISS, raw runs) and an
// SVG bar chart next to it (FILE with the extension .svg). Everything under
// the "## History" heading of an existing FILE is kept verbatim, so that
// engineers can record the effect of each change there.
//
// The targets (see throughputTargets and memoryTargets in report.go): SET
// and GET at least 0.9x Redis at -P 1 and 0.8x at -P 16; ZADD and ZINCRBY at
// least 0.9x at both depths; PUBLISH/100subs and PUBLISH/10psubs at least
// 0.8x at both depths; RSS per key at most 2.5x Redis for 1M strings and RSS
// per member at most 2x for a 1M-member sorted set.
//
// -quick divides the request counts by 5, runs 2 rounds and loads 200,000
// keys and 200,000 sorted-set members for the memory figures; with the
// default workloads it takes about two minutes. A full run (5 rounds, 200k
// requests per run at -P 1 and 1M at -P 16, 1M keys, 1M members) takes
// about half an hour on 2 cores.
//
// # Flags
//
//	-miniserve PATH   the binary under test (required)
//	-redis PATH       redis-server (default: from $PATH)
//	-benchmark PATH   redis-benchmark (default: from $PATH)
//	-rounds N         runs per server per workload and depth (5; 2 with -quick)
//	-quick            the quick subset
//	-out FILE         write FILE (Markdown) and the chart (FILE with .svg); else print only
//	-workloads LIST   "strings,zsets,pubsub" (default), "all", or groups and names: set,zsets,...
//	-memkeys N        keys for the strings memory figures (1M; 200k with -quick; <0 skips)
//	-memmembers N     members for the sorted-set memory figures (1M; 200k with -quick; <0 skips)
//	-n1 N, -n16 N     requests per run at -P 1 and -P 16
//	-timeout D        limit for one redis-benchmark run (5m)
//	-v                print each command, its raw output, and keep server logs on error
//
// # Adding a workload
//
// Add a row to the workloads table in workloads.go: a redis-benchmark test
// (-t) or a custom command line, its group, and if needed a Setup (once per
// workload, after FLUSHALL), a BeforeRun (before each run, untimed), a
// Keyspace (-r) or Subscribers (for a PUBLISH).
//
// # Reading the figures
//
// The machine is shared and noisy: compare CPU per request first, and look
// at the range of the paired ratios before trusting a throughput ratio. A
// run of Redis against itself (-miniserve /usr/bin/redis-server) shows the
// noise floor. redis-benchmark runs on the same 2 cores as the server, so at
// -P 1 both servers are partly limited by the client.
package main
