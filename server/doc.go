// Package server is miniserve's engine: connections, the RESP2 and RESP3
// protocol, the command table and its one dispatch path, transactions,
// configuration, INFO, and the embedding API.
//
// # Shape
//
// Each connection has one goroutine. It reads every whole command that
// has arrived (requestReader, which enforces Redis's protocol limits),
// runs them all under the server's one lock (Server.mu), so that each
// command is atomic as in Redis, and writes their replies in one write.
// It does all this inside one syscall.RawConn.Read (socket.go), so that,
// like Redis's event loop, it reads a socket only when the poller says
// it is readable, with system calls the scheduler does not hand off.
// Blocking commands and read deadlines run outside it.
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
