// Package compat checks that miniserve answers exactly like Redis 7.0.15,
// byte for byte, by running the same cases side by side against a real
// redis-server and an embedded miniserve.
//
// # How it works
//
// TestMain starts one redis-server (found with exec.LookPath) on a free
// loopback port with no persistence, and stops it, by its PID, at the end.
// Each top-level test builds a suite: the shared redis-server plus one
// embedded miniserve (server.RunT, see target_miniserve_test.go, the only
// file that imports the server package). A case is a list of steps run on
// fresh connections after a FLUSHALL; the case runs first on Redis, whose
// replies are the reference, then on miniserve, and each step's replies are
// compared according to its mode:
//
//   - exact raw bytes (the default);
//   - Sorted / SortedPairs, for replies whose order Redis leaves unspecified;
//   - Approx(tol), for TTL, PTTL and OBJECT IDLETIME;
//   - Ignore, for values such as TIME (with a shape Check instead);
//   - ErrPrefix, IgnoreFields (HELLO's "id") and custom comparisons
//     (Compare: CLIENT LIST by shape, INFO by sections and fields, MONITOR
//     lines without timestamp and address, ...).
//
// Steps may run on several connections (Step.On), send raw bytes (Raw, for
// inline commands and protocol errors), read without sending (Recv, for
// MONITOR feeds), assert that the server closes the connection (Closes,
// ExpectClosed), save a reply or a part of it for later arguments (Save,
// SaveWith and "{{name}}"), iterate a SCAN to completion and compare the
// union of keys (ScanAll), or pause (Sleep: real Redis sleeps, miniserve's
// clock is moved with FastForward). Assertions such as Want, WantErr and
// IsErr run on every target, real Redis included, so a case proves that it
// exercises what it claims. A case with Conf directives (requirepass,
// enable-debug-command, ...), with Fresh set (SHUTDOWN, CONFIG RESETSTAT)
// or with a CONFIG SET step runs on its own freshly started instances.
//
// # Known divergences
//
// Where miniserve deliberately differs from Redis 7.0.15, a step says so
// with Diverges(reason, want) or DivergesFunc(reason, check): the step
// still runs on Redis, where its assertions and the recording are checked
// as usual, but on miniserve its reply is checked against that explicit
// expectation instead of Redis's, and the reason is logged. They are:
// Redis 7.2's CLIENT SETINFO (go-redis and ioredis send it on every
// connection), so CLIENT LIST and CLIENT INFO lines end with 7.2's
// lib-name= and lib-ver= fields; Redis 7.2's ZRANK/ZREVRANK WITHSCORE;
// HELP replies (CLIENT, DEBUG) that list only what miniserve implements;
// COMMAND LIST, a subset of Redis's; SORT's weights after an ERANGE, which
// Redis 7.0.15 gets wrong because it does not clear errno before strtod.
// Keep them few; everything else is compared with Redis.
//
// A case with TODO set still runs on Redis but skips miniserve, with a log
// line saying what miniserve lacks (lists).
//
// # Coverage
//
// TestCommandCoverage walks server.CommandNames() and fails when miniserve
// implements a command or "parent|sub" subcommand that no case sends to it.
// Every case list must be listed in allCases (coverage_test.go); suite.run
// refuses one that is not.
//
// The go-redis section (goredis_test.go) runs the same client operations,
// with RESP3 and RESP2, against each server and compares the results.
//
// # Recorded expectations
//
// Redis's replies are recorded in testdata/<Test>.golden. Run
//
//	go test ./compat_test/ -update
//
// with redis-server on PATH to rewrite them; -update records Redis only and
// skips the miniserve side, so a known miniserve bug does not block it.
// Every normal run with redis-server checks that the recordings are still
// current. Without redis-server the cases run against miniserve only and
// are compared with these recordings. Pass -dump to log every reply of
// every target.
package compat
