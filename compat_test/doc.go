// Package compat checks that miniserve answers exactly like Redis 7.0.15,
// byte for byte, by running the same cases side by side against a real
// redis-server and an embedded miniserve.
//
// # How it works
//
// TestMain starts one redis-server (found with exec.LookPath) on a free
// loopback port with no persistence, and stops it, by its PID, at the end.
// Each top-level test builds a suite: the shared redis-server, plus one
// embedded miniserve (server.RunT) when target_miniserve_test.go is compiled
// in. A case is a list of steps run on fresh connections after a FLUSHALL;
// the case runs first on Redis, whose replies are the reference, then on
// miniserve, and each step's replies are compared according to its mode:
//
//   - exact raw bytes (the default);
//   - Sorted / SortedPairs, for replies whose order Redis leaves unspecified;
//   - Approx(tol), for TTL, PTTL and OBJECT IDLETIME;
//   - Ignore, for values such as TIME (with a shape Check instead);
//   - ErrPrefix, IgnoreFields (HELLO's "id") and custom comparisons.
//
// Steps may run on several connections (Step.On), send raw bytes (Raw, for
// inline commands and protocol errors), assert that the server closes the
// connection (Closes), save a reply for later arguments (Save and
// "{{name}}"), iterate a SCAN to completion and compare the union of keys
// (ScanAll), or pause (Sleep: real Redis sleeps, miniserve's clock is moved
// with FastForward). Assertions such as Want, WantErr and IsErr run on every
// target, real Redis included, so a case proves that it exercises what it
// claims. A case with Conf directives (requirepass, ...) or a CONFIG SET
// step runs on its own freshly started instances.
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
// with redis-server on PATH to rewrite them; every normal run with
// redis-server checks that they are still current. Without redis-server the
// cases run against miniserve only and are compared with these recordings.
// Pass -dump to log every reply of every target.
//
// # Enabling miniserve
//
// The miniserve side lives in target_miniserve_test.go behind the
// "miniserve" build tag: run go test -tags miniserve ./compat_test/, or
// delete the build line in that file.
package compat
