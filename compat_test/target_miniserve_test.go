// This is the ONLY file that references the miniserve server package: it
// plugs an embedded miniserve (server.RunT) into the harness as the target
// under test.

package compat_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/miniserve-dev/miniserve/server"
)

// startMiniserve starts an embedded miniserve on a free loopback port with
// the given redis.conf directives; RunT shuts it down when t ends.
func startMiniserve(t testing.TB, conf [][]string) *target {
	t.Helper()
	opts := make([]server.Option, 0, len(conf))
	for _, d := range conf {
		opts = append(opts, server.WithDirective(d[0], d[1:]...))
	}
	s := server.RunT(t, opts...)
	return &target{
		Name:     "miniserve",
		Addr:     s.Addr(),
		Password: confPassword(conf),
		// The Sleep step moves miniserve's clock instead of sleeping.
		Advance: s.FastForward,
	}
}

// commandNames lists every command and "parent|sub" subcommand miniserve
// implements, for the coverage test.
func commandNames() []string { return server.CommandNames() }

// startMiniserveProc starts an embedded miniserve on the given port (0 for
// a free one) and returns its address, a function that moves its clock and
// a function that stops it. Pattern suites use it to restart a server on
// the same address.
func startMiniserveProc(t testing.TB, port int, conf [][]string) (addr string, advance func(time.Duration), stop func()) {
	t.Helper()
	opts := []server.Option{server.WithDirective("port", strconv.Itoa(port))}
	for _, d := range conf {
		opts = append(opts, server.WithDirective(d[0], d[1:]...))
	}
	s, err := server.Run(opts...)
	if err != nil {
		t.Fatalf("miniserve: %v", err)
	}
	return s.Addr(), s.FastForward, func() { s.Close() }
}
