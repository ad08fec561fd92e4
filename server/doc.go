// Package server is miniserve's engine: connections, the RESP2 and RESP3
// protocol, the command table and its one dispatch path, transactions,
// configuration, INFO, and the embedding API.
//
// # Shape
//
// Each connection has one goroutine, but on Linux an event loop
// (eventloop_linux.go) serves the clients of the server's sockets on
// one goroutine of its own while their goroutines wait, in the order
// epoll reports them ready, as Redis's loop does. For each ready client
// it reads every whole command that has arrived (requestReader, which
// enforces Redis's protocol limits), runs them all under the server's
// one lock (Server.mu), so that each command is atomic as in Redis, and
// writes their replies in one write, with system calls the scheduler
// does not hand off. A client whose commands must wait (blocking
// commands, EXEC and scripts, pushes, replies the socket cannot take)
// goes back to its own goroutine, which does the same inside one
// syscall.RawConn.Read (socket.go). Idle clients are closed by the cron.
// Handlers are plain functions in files by family (cmd_string.go,
// cmd_keys.go, ...), listed once in the table in commands.go; dispatch.go
// checks arity, auth and MULTI for all of them, in Redis's order.
//
// Replies are built with Reply, which writes RESP2 with tidwall/redcon's
// encoders and adds the RESP3 types redcon lacks. Requests are not read
// with redcon's reader, which has no size limits and copies each command.
//
// # Embedding
//
// A test starts a server on a free loopback port with one call:
//
//	srv := server.RunT(t, server.WithDirective("requirepass", "secret"))
//	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), Password: "secret"})
//
// srv.FastForward moves the server's clock, so TTLs can be tested without
// sleeping; keys also expire on their own in real time.
package server
