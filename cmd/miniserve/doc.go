// Command miniserve runs a Redis-compatible server that answers as Redis
// 7.0.15.
//
// It is started like redis-server:
//
//	miniserve [/path/to/redis.conf] [--directive value ...] [-]
//	miniserve -                       (read the configuration from stdin)
//	miniserve -v | --version
//	miniserve -h | --help
//
// The configuration file uses redis.conf's syntax and directives; Debian's
// /etc/redis/redis.conf loads unchanged. Command-line directives are
// appended to the file, so they win: `--port 7777`, `--save ""`,
// `--bind 127.0.0.1 ::1` (a directive's value runs until the next
// --name). A lone "-" reads more configuration from the standard input.
// A configuration Redis would refuse is refused with Redis's
// "*** FATAL CONFIG FILE ERROR ***" message and exit status 1.
//
// Without a config file miniserve listens on 127.0.0.1 and ::1, port 6379
// (redis.conf's bind default; Redis compiled without a file binds every
// interface). Directives miniserve accepts but does not act on (pidfile,
// daemonize yes, replication, TLS, ...) are listed in a warning at
// startup. miniserve always runs in the foreground.
//
// The log goes to the standard error, or to logfile when set, at
// loglevel: debug, verbose, notice (the default) or warning. CONFIG SET
// loglevel takes effect at once.
//
// SIGTERM and SIGINT shut the server down gracefully: it stops accepting
// connections, saves a snapshot if save rules are set, and exits with
// status 0, within 10 seconds. A second SIGINT exits at once.
package main
