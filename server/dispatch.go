package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/miniserve-dev/miniserve/internal/sds"
)

// dispatch runs one command, in the order of Redis's processCommand:
// look up, arity, protected, auth, subscribed mode, MULTI queueing, then
// call. The caller holds s.mu.
func (s *Server) dispatch(c *Client, argv [][]byte) {
	cmd, knownSub := s.table.lookup(argv)
	switch {
	case cmd == nil:
		s.reject(c, nil, unknownCommandError(argv))
		return
	case !knownSub:
		s.reject(c, nil, "ERR unknown subcommand '"+sanitize(trunc(argv[1], 128))+"'. Try "+strings.ToUpper(cmd.Name)+" HELP.")
		return
	case !cmd.arityOK(len(argv)):
		s.reject(c, cmd, "ERR wrong number of arguments for '"+cmd.Name+"' command")
		return
	}
	if cmd.has(Protected) && !s.debugAllowed(c) {
		s.reject(c, cmd, "ERR "+strings.ToUpper(cmd.Name)+" command not allowed. If the enable-debug-command option is set to \"local\", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.")
		return
	}
	if s.cfg.RequirePass != "" && !c.authed.Load() && !cmd.has(NoAuth) {
		s.reject(c, cmd, errNoAuth)
		return
	}
	if s.cfg.ClusterEnabled && !c.loading && !s.clusterSlotCheck(c, cmd, argv) {
		return
	}
	if s.cfg.MaxMemory > 0 && !c.loading && !s.freeMemoryIfNeeded() && oomRejects(c, cmd) {
		s.reject(c, cmd, errOOM)
		return
	}
	if c.ps.active.Load() && c.reply.resp == 2 && !subscribedAllowed(cmd) {
		s.reject(c, cmd, errSubscribed(cmd))
		return
	}
	if (cmd.has(Write) || cmd.Name == "ping") && !c.loading {
		if s.misconf() {
			s.reject(c, cmd, errMisconf)
			return
		}
		if err := s.persist.aofWriteErr; err != nil {
			s.reject(c, cmd, "MISCONF Errors writing to the AOF file: "+err.Error())
			return
		}
	}
	if c.monitor.Load() && cmd.Flags&(Write|ReadOnly) != 0 {
		s.reject(c, cmd, "ERR Replica can't interact with the keyspace")
		return
	}
	if c.multi != nil && !isTxControl(cmd) {
		if cmd.has(NoMulti) {
			s.reject(c, cmd, "ERR Command not allowed inside a transaction")
			return
		}
		c.multi.queue(cmd, argv)
		c.reply.Status("QUEUED")
		return
	}
	s.call(c, cmd, argv)
}

// call runs a command's handler and keeps the books on it.
func (s *Server) call(c *Client, cmd *Command, argv [][]byte) {
	errorsBefore := c.errorsSent
	dirtyBefore := s.dirty
	s.callDepth++
	var start time.Duration
	if !c.loading {
		start = s.callClock
		if start == 0 || s.callDepth > 1 {
			start = monoNow()
		}
	}
	c.lastCmd = cmd.Name
	c.propagated = c.propagated[:0]
	c.noPropagate = false
	c.current, c.currentArgv = cmd, argv
	if s.persist.job != nil && cmd.has(Write) {
		s.snapshotBarrier(c, cmd, argv)
	}
	if cmd.has(Write) && !cmd.runsCommands {
		mark := s.accountBefore(c, cmd, argv)
		cmd.Proc(c, argv)
		s.accountAfter(mark)
	} else {
		cmd.Proc(c, argv)
	}
	c.current, c.currentArgv = nil, nil
	// EXEC's commands went to the AOF one by one, in MULTI ... EXEC,
	// from their own calls: EXEC itself must not go again. Nor a
	// script, whose commands went the same way.
	if s.dirty != dirtyBefore && !c.loading && !cmd.runsCommands {
		if c.inExec && !c.execLogged {
			// A transaction goes to the AOF inside MULTI ... EXEC.
			c.execLogged = true
			s.propagate(c.db, [][]byte{[]byte("MULTI")})
		}
		if len(c.propagated) > 0 {
			// Several commands for one go in a transaction, as Redis
			// 7.0's propagatePendingCommands wraps them (SPOP's SREMs).
			wrap := len(c.propagated) > 1 && !c.inExec
			if wrap {
				s.propagate(c.db, [][]byte{[]byte("MULTI")})
			}
			for _, p := range c.propagated {
				s.propagate(c.db, p)
			}
			if wrap {
				s.propagate(c.db, [][]byte{[]byte("EXEC")})
			}
		} else if !c.noPropagate {
			s.propagateCommand(c, argv)
		}
	}
	if c.loading {
		// Redis's AOF loader runs a command without call(), and call()
		// keeps no command stats while loading: a replayed command
		// counts nowhere, and those it runs in turn (EXEC's queue) only
		// in total_commands_processed.
		if s.callDepth--; s.callDepth > 0 {
			s.stats.commandsProcessed++
		}
		s.callClock = 0
		return
	}
	end := monoNow()
	if s.callDepth--; s.callDepth == 0 {
		s.callClock = end
	}
	cmd.stats.usec += (end - start).Microseconds()
	cmd.stats.calls++
	if c.errorsSent != errorsBefore {
		cmd.stats.failed++
	}
	s.stats.commandsProcessed++
	if len(s.monitors) > 0 && cmd.Flags&(SkipMonitor|Admin) == 0 {
		s.feedMonitors(c, argv)
	}
}

// propagatesEffects reports the commands whose effects reach the AOF
// from the calls they make (EXEC's queue, a script's redis.call), so that
// the command itself must not.
func propagatesEffects(cmd *Command) bool {
	switch cmd.Name {
	case "exec", "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro":
		return true
	}
	return false
}

// monoEpoch anchors monoNow.
var monoEpoch = time.Now()

// monoNow is a monotonic reading for timing commands. It reads one clock
// where time.Now reads two (wall and monotonic): timing every command
// showed up as a tenth of a short command's cost.
func monoNow() time.Duration { return time.Since(monoEpoch) }

// isTxControl reports the commands that run at once inside MULTI.
func isTxControl(cmd *Command) bool {
	switch cmd.Name {
	case "exec", "discard", "multi", "watch", "quit", "reset":
		return true
	}
	return false
}

func (m *multiState) queue(cmd *Command, argv [][]byte) {
	// The reader's buffer is reused after this batch: keep a copy.
	m.cmds = append(m.cmds, cmd)
	m.argvs = append(m.argvs, copyArgv(argv))
}

// reject answers a command that did not pass the checks. Inside MULTI it
// also dooms the transaction, as Redis's flagTransaction does.
// A rejected EXEC discards the transaction with the reason, as Redis's
// execCommandAbort does.
func (s *Server) reject(c *Client, cmd *Command, msg string) {
	if cmd != nil {
		cmd.stats.rejected++
	}
	if c.multi != nil {
		c.multi.aborted = true
	}
	if cmd != nil && cmd.Name == "exec" {
		c.multi = nil
		s.unwatchAll(c)
		c.errorReply("EXECABORT Transaction discarded because of: " + strings.TrimPrefix(msg, "ERR "))
		return
	}
	c.errorReply(msg)
}

// errorReply writes an error and counts it for INFO errorstats.
func (c *Client) errorReply(msg string) {
	c.reply.Error(msg)
	c.errorsSent++
	s := c.srv
	s.stats.errorReplies++
	code := msg
	if i := strings.IndexByte(msg, ' '); i >= 0 {
		code = msg[:i]
	}
	s.stats.errorsByCode[code]++
}

func unknownCommandError(argv [][]byte) string {
	var args strings.Builder
	for _, a := range argv[1:] {
		if args.Len() >= 128 {
			break
		}
		room := 128 - args.Len()
		args.WriteByte('\'')
		args.Write(trunc(a, room))
		args.WriteString("' ")
	}
	return sanitize("ERR unknown command '" + string(trunc(argv[0], 128)) + "', with args beginning with: " + args.String())
}

// trunc cuts b to n bytes and at a NUL byte, as C's "%.128s" does.
func trunc(b []byte, n int) []byte {
	if n < 0 {
		n = 0
	}
	if len(b) > n {
		b = b[:n]
	}
	for i, c := range b {
		if c == 0 {
			return b[:i]
		}
	}
	return b
}

// sanitize replaces newlines, which would break the protocol, by spaces.
func sanitize[T string | []byte](s T) string {
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, string(s))
}

func (s *Server) debugAllowed(c *Client) bool {
	switch s.cfg.EnableDebugCommand {
	case "yes":
		return true
	case "local":
		return c.isLocal()
	}
	return false
}

// isLocal reports a client on the loopback interface; the server's own
// clients, which have no connection (loading, tests), count as local.
func (c *Client) isLocal() bool { return c.conn == nil || isLoopback(c.conn.RemoteAddr()) }

// feedMonitors sends a command to MONITOR clients in Redis's format:
// +1700000000.123456 [0 127.0.0.1:5555] "set" "k" "v"
func (s *Server) feedMonitors(c *Client, argv [][]byte) {
	now := s.clock.now()
	var b []byte
	b = append(b, '+')
	b = strconv.AppendInt(b, now.Unix(), 10)
	b = append(b, '.')
	us := now.Nanosecond() / 1000
	b = append(b, []byte(strconv.Itoa(1000000 + us))[1:]...)
	b = append(b, " ["...)
	b = strconv.AppendInt(b, int64(c.db.id), 10)
	b = append(b, ' ')
	b = append(b, c.addr...)
	b = append(b, ']')
	for _, a := range argv {
		b = append(b, ' ')
		b = sds.AppendRepr(b, a)
	}
	b = append(b, '\r', '\n')
	for _, m := range s.monitors {
		if m == c {
			// A monitor's own command: the line follows its reply, in
			// the same write, as in Redis.
			c.reply.Raw(b)
			continue
		}
		m.push(b)
	}
}

func (s *Server) removeMonitor(c *Client) {
	for i, m := range s.monitors {
		if m == c {
			s.monitors = append(s.monitors[:i], s.monitors[i+1:]...)
			break
		}
	}
}
