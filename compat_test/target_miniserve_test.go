//go:build miniserve

// This is the ONLY file that references the miniserve server package. It is
// excluded by the build tag above until the embedding API exists. To compare
// miniserve against real Redis, either run
//
//	go test -tags miniserve ./compat_test/
//
// or delete the //go:build line above to enable it permanently.

package compat_test

import (
	"testing"

	"github.com/miniserve-dev/miniserve/server"
)

func init() {
	startMiniserve = func(t testing.TB, conf [][]string) *target {
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
}
