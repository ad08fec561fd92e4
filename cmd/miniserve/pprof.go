package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
)

// startProfiling serves net/http/pprof on addr (MINISERVE_PPROF, e.g.
// 127.0.0.1:6060) for profiling a running server, as BENCHMARKS.md
// shows. It is off unless asked for: redis-server has no such port.
func startProfiling(addr string, logger *slog.Logger) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		logger.Warn("MINISERVE_PPROF: cannot listen", "addr", addr, "err", err)
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	logger.Warn("Serving pprof", "addr", ln.Addr().String())
	go http.Serve(ln, mux)
}
