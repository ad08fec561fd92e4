package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/miniserve-dev/miniserve/server"
)

// version is miniserve's version; release builds set it with
// -ldflags "-X main.version=v1.2.3".
var version = ""

// shutdownTimeout bounds the graceful shutdown on SIGTERM and SIGINT.
const shutdownTimeout = 10 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "-v", "--version":
			fmt.Fprintf(stdout, "miniserve v=%s redis-compat=%s\n", versionString(), server.Version)
			return 0
		case "-h", "--help":
			usage(stderr)
			return 1 // as redis-server
		}
	}

	// As redis-server: a first argument not starting with "-" is the
	// config file; the rest are --directive groups and "-" for stdin.
	path, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		path, rest = args[0], args[1:]
	}
	cfg, err := server.LoadConfig(path, rest)
	if err != nil {
		var ce *server.ConfigError
		if errors.As(err, &ce) {
			fmt.Fprintf(stderr, "\n%s\n", err) // Redis prints a blank line first
		} else {
			fmt.Fprintln(stderr, err)
		}
		return 1
	}

	logger, closeLog, err := newLogger(cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "Can't open the log file: %v\n", err)
		return 1
	}
	defer closeLog()

	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)

	logger.Warn("miniserve is starting", "version", versionString(), "redis_compat", server.Version, "pid", os.Getpid())
	if cfg.File == "" {
		logger.Warn("No config file specified, using the default config. In order to specify a config file use miniserve /path/to/redis.conf")
	} else {
		logger.Warn("Configuration loaded", "config_file", cfg.File)
	}
	if ignored := cfg.NotInEffect(); len(ignored) > 0 {
		logger.Warn("Directives accepted but not in effect in miniserve", "directives", strings.Join(ignored, " "))
	}

	setProcs(cfg, logger)
	if addr := os.Getenv("MINISERVE_PPROF"); addr != "" {
		startProfiling(addr, logger)
	}

	srv, err := server.New(cfg, server.WithLogger(logger), server.WithGoRuntimeTuning())
	if err != nil {
		logger.Error("Failed to create the server", "err", err)
		return 1
	}
	// Start logs "Ready to accept connections tcp" with the address.
	if err := srv.Start(); err != nil {
		logger.Error("Failed to start: could not load the data or listen", "err", err)
		return 1
	}

	select {
	case sig := <-sigs:
		logger.Warn(fmt.Sprintf("Received %s scheduling shutdown...", signalName(sig)))
		go func() {
			for sig := range sigs {
				if sig == syscall.SIGINT {
					logger.Warn("You insist... exiting now.")
					os.Exit(1)
				}
			}
		}()
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			logger.Error("Errors trying to shut down the server", "err", err)
			return 1
		}
	case <-srv.Done(): // SHUTDOWN command
	}
	logger.Warn("miniserve is now ready to exit, bye bye...")
	return 0
}

// newLogger logs as loglevel and logfile say; CONFIG SET loglevel
// changes the level at once.
func newLogger(cfg *server.Config, stderr io.Writer) (*slog.Logger, func(), error) {
	level := new(slog.LevelVar)
	level.Set(slogLevel(cfg.LogLevel))
	cfg.OnChange(func(name string) {
		if name == "loglevel" {
			level.Set(slogLevel(cfg.LogLevel))
		}
	})
	w, closeFn := stderr, func() {}
	if p := cfg.LogFilePath(); p != "" {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return nil, nil, err
		}
		w, closeFn = f, func() { f.Close() }
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})), closeFn, nil
}

// slogLevel maps Redis's log levels: verbose is slog's Debug, and debug
// is below it.
func slogLevel(loglevel string) slog.Level {
	switch loglevel {
	case "debug":
		return slog.LevelDebug - 4
	case "verbose":
		return slog.LevelDebug
	case "warning":
		return slog.LevelWarn
	}
	return slog.LevelInfo // notice
}

func signalName(sig os.Signal) string {
	switch sig {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage: miniserve [/path/to/redis.conf] [options] [-]
       miniserve - (read config from stdin)
       miniserve -v or --version
       miniserve -h or --help

Examples:
       miniserve (run the server with default conf)
       echo 'maxmemory 128mb' | miniserve -
       miniserve /etc/redis/6379.conf
       miniserve --port 7777
       miniserve /etc/myredis.conf --loglevel verbose -
       miniserve /etc/myredis.conf --loglevel verbose
`)
}

// setProcs runs the server on io-threads threads (Redis's default is
// 1), unless GOMAXPROCS is set in the environment. Like Redis, one thread
// serves a client on the same machine best: it never hands work between
// threads, and leaves the other cores to the clients.
func setProcs(cfg *server.Config, logger *slog.Logger) {
	if os.Getenv("GOMAXPROCS") != "" {
		return
	}
	v, _ := cfg.Value("io-threads")
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		n = 1
	}
	runtime.GOMAXPROCS(n)
	logger.Info("threads", "io-threads", n)
}
