// This is the ONLY file that references the miniserve server package: it
// plugs an embedded miniserve (server.RunT) into the harness as the target
// under test.

package compat_test

import (
	"testing"

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
