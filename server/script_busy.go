package server

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A script that runs past busy-reply-threshold (lua-time-limit) makes
// the server busy, as Redis: other clients get BUSY without waiting for
// the lock the script holds, and SCRIPT KILL (FUNCTION KILL for a
// function) stops it, unless it already wrote. The script notices the
// kill through its Lua state's context, which gopher-lua checks between
// instructions.

const (
	errBusyScript   = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE."
	errBusyFunction = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE."
	errUnkillable   = "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command."
	errScriptKilled = "ERR Script killed by user with SCRIPT KILL..."
)

// scriptBusy is shared with clients that do not hold the server lock.
type scriptBusy struct {
	active atomic.Bool // a script runs: waiting clients watch for busy
	wrote  atomic.Bool // the running script wrote: it cannot be killed
	killed atomic.Bool
	// busyAt is the monotonic time (monoNow) from which the running
	// script makes the server busy; 0 when it never does. Waiting
	// clients compare it with the time themselves, so that a script's
	// start costs no timer.
	busyAt atomic.Int64

	mu       sync.Mutex // guards the fields below
	running  bool
	function bool
	// ctx lives across scripts until a kill cancels it: a context per
	// script would cost allocations on every EVAL.
	ctx    context.Context
	cancel context.CancelFunc
}

// start marks a script running from now and returns the context the Lua
// state watches.
func (b *scriptBusy) start(function bool, threshold time.Duration) context.Context {
	b.mu.Lock()
	if b.ctx == nil || b.ctx.Err() != nil {
		b.ctx, b.cancel = context.WithCancel(context.Background())
	}
	b.running, b.function = true, function
	b.wrote.Store(false)
	b.killed.Store(false)
	if threshold > 0 {
		b.busyAt.Store(int64(monoNow()) + int64(threshold))
	} else {
		b.busyAt.Store(0)
	}
	b.active.Store(true)
	b.mu.Unlock()
	return b.ctx
}

func (b *scriptBusy) stop() {
	b.mu.Lock()
	b.running = false
	b.active.Store(false)
	b.mu.Unlock()
}

// isBusy reports whether a running script has passed the threshold.
func (b *scriptBusy) isBusy() bool {
	at := b.busyAt.Load()
	return b.active.Load() && at != 0 && int64(monoNow()) >= at
}

// kill is SCRIPT KILL (function false) or FUNCTION KILL while busy.
func (b *scriptBusy) kill(function bool) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case !b.running:
		return errNotBusy
	case b.function != function:
		return b.busyError()
	case b.wrote.Load():
		return errUnkillable
	}
	b.killed.Store(true)
	b.cancel()
	return ""
}

func (b *scriptBusy) busyError() string {
	if b.function {
		return errBusyFunction
	}
	return errBusyScript
}

// answerBusy answers a command while a script keeps the server busy,
// without the lock, as Redis's processCommand does then: only the kill
// of the running kind gets through.
func (s *Server) answerBusy(c *Client, argv [][]byte) {
	b := &s.scripts.busy
	if len(argv) == 2 && strings.EqualFold(string(argv[1]), "kill") {
		name := strings.ToLower(string(argv[0]))
		if name == "script" || name == "function" {
			if msg := b.kill(name == "function"); msg != "" {
				c.reply.Error(msg)
			} else {
				c.reply.OK()
			}
			return
		}
	}
	b.mu.Lock()
	msg := b.busyError()
	b.mu.Unlock()
	c.reply.Error(msg)
}

// lockOrBusy takes the server lock for a batch, answering BUSY to the
// batch's commands meanwhile if the script that holds the lock goes past
// busy-reply-threshold. It returns the commands left to run, and holds
// the lock only when some are left. A client that found no script
// running waits on the lock as usual (the common case costs one atomic
// load): one that arrives in the instant a script starts waits for its
// end, where Redis would answer BUSY once the threshold passes.
func (s *Server) lockOrBusy(c *Client, cmds [][][]byte) [][][]byte {
	b := &s.scripts.busy
	if !b.active.Load() {
		s.mu.Lock()
		return cmds
	}
	for {
		for len(cmds) > 0 && b.isBusy() {
			s.answerBusy(c, cmds[0])
			cmds = cmds[1:]
		}
		if len(cmds) == 0 {
			return nil
		}
		if s.mu.TryLock() {
			return cmds
		}
		time.Sleep(100 * time.Microsecond)
	}
}
