package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/miniserve-dev/miniserve/server"
)

// shutdownTimeout bounds the graceful shutdown: in-flight requests, then
// running jobs.
const shutdownTimeout = 10 * time.Second

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "miniserve-demo:", err)
		os.Exit(1)
	}
}

func run() error {
	addr := flag.String("addr", "127.0.0.1:8080", "HTTP listen address")
	redisAddr := flag.String("redis", "", "host:port of a Redis server to use instead of an embedded miniserve")
	clusterAddrs := flag.String("cluster", "", "comma-separated host:port seeds of a Redis Cluster to use instead")
	prefix := flag.String("prefix", DefaultConfig.Prefix, "prefix of every key and channel the demo uses")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// One redis.UniversalClient, whatever is behind it: the patterns run
	// unchanged on a single server and on a cluster.
	var rdb redis.UniversalClient
	var backend string
	switch {
	case *clusterAddrs != "":
		rdb = redis.NewClusterClient(&redis.ClusterOptions{Addrs: strings.Split(*clusterAddrs, ",")})
		backend = "Redis Cluster at " + *clusterAddrs
	case *redisAddr != "":
		rdb = redis.NewClient(&redis.Options{Addr: *redisAddr})
		backend = "Redis at " + *redisAddr
	default:
		srv, err := server.Run()
		if err != nil {
			return fmt.Errorf("starting the embedded miniserve: %w", err)
		}
		defer srv.Close()
		rdb = redis.NewClient(&redis.Options{Addr: srv.Addr()})
		backend = "embedded miniserve at " + srv.Addr()
	}
	defer rdb.Close()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("%s: %w", backend, err)
	}

	app, err := NewApp(ctx, rdb, Config{Prefix: *prefix})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		app.Close(ctx)
		return err
	}
	web := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second}
	web.RegisterOnShutdown(app.CloseEvents) // or Shutdown would wait for the event streams
	served := make(chan error, 1)
	go func() { served <- web.Serve(ln) }()
	fmt.Printf("miniserve-demo: open http://%s/ (data: %s; Ctrl-C to stop)\n", ln.Addr(), backend)

	select {
	case err = <-served: // the listener failed
	case <-ctx.Done():
		slog.Info("shutting down")
	}
	stop() // a second Ctrl-C kills at once

	// Stop in the reverse order of the start: HTTP first, so that no
	// request uses what closes next; then the worker, letting running jobs
	// finish; then the client and the embedded server (deferred above).
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if serr := web.Shutdown(shutdownCtx); serr != nil {
		err = errors.Join(err, serr)
	}
	if cerr := app.Close(shutdownCtx); cerr != nil {
		err = errors.Join(err, cerr)
	}
	return err
}
