package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// subscribers describes the connections that a PUBLISH workload keeps
// subscribed on each server while its runs go on: Conns connections that
// SUBSCRIBE to the channel (or PSUBSCRIBE to a pattern) and read and discard
// everything the server sends them, so that they are never the slow side.
type subscribers struct {
	Conns   int    // subscriber connections per server
	Pattern bool   // PSUBSCRIBE Target instead of SUBSCRIBE Target
	Target  string // the channel, or the pattern
}

// command is what each subscriber connection sends.
func (s subscribers) command() []string {
	if s.Pattern {
		return []string{"PSUBSCRIBE", s.Target}
	}
	return []string{"SUBSCRIBE", s.Target}
}

// kind is the first element of the confirmation ("subscribe") and of each
// message ("message") that the server pushes.
func (s subscribers) kind() (confirm, message string) {
	if s.Pattern {
		return "psubscribe", "pmessage"
	}
	return "subscribe", "message"
}

// String describes the subscribers for the report.
func (s subscribers) String() string {
	return fmt.Sprintf("%d connection(s) %s", s.Conns, shellJoin(s.command()))
}

// messageLen is the size in bytes of the RESP2 push that one subscriber
// receives for PUBLISH channel payload:
//
//	*3 $7 message $N channel $M payload             (SUBSCRIBE)
//	*4 $8 pmessage $K pattern $N channel $M payload (PSUBSCRIBE)
func (s subscribers) messageLen(channel, payload string) int {
	_, kind := s.kind()
	parts := []string{kind, channel, payload}
	if s.Pattern {
		parts = []string{kind, s.Target, channel, payload}
	}
	n := 1 + len(strconv.Itoa(len(parts))) + 2
	for _, p := range parts {
		n += 1 + len(strconv.Itoa(len(p))) + 2 + len(p) + 2
	}
	return n
}

// publishArgs returns the channel and payload of a PUBLISH command line, for
// the workloads that have subscribers.
func publishArgs(cmd []string) (channel, payload string, err error) {
	if len(cmd) != 3 || !strings.EqualFold(cmd[0], "publish") {
		return "", "", fmt.Errorf("subscribers need a `PUBLISH channel message` command, not %q", cmd)
	}
	return cmd[1], cmd[2], nil
}

// subscriberGroup is the set of subscriber connections of one server during
// one workload. Each connection has one goroutine that drains it and counts
// the bytes; Close closes the connections and waits for the goroutines.
type subscriberGroup struct {
	spec   subscribers
	msgLen int // bytes per message, see messageLen

	conns []net.Conn
	subs  []*subscriberConn
	wg    sync.WaitGroup
	once  sync.Once
}

type subscriberConn struct {
	bytes  atomic.Int64 // received after the confirmation
	mark   int64        // bytes at the last Mark
	failed atomic.Pointer[error]
}

// startSubscribers connects spec.Conns subscribers to addr, waits for each
// confirmation, then starts draining. On any failure it closes what it
// opened; an error reply from the server is returned as a respError.
func startSubscribers(addr string, spec subscribers, channel, payload string) (*subscriberGroup, error) {
	if spec.Conns < 1 {
		return nil, errors.New("subscribers: no connections")
	}
	g := &subscriberGroup{spec: spec, msgLen: spec.messageLen(channel, payload)}
	confirmKind, _ := spec.kind()
	for i := 0; i < spec.Conns; i++ {
		c, err := dialRESP(addr, 5*time.Second)
		if err != nil {
			g.Close()
			return nil, fmt.Errorf("subscriber %d: %w", i+1, err)
		}
		g.conns = append(g.conns, c.c)
		c.c.SetDeadline(time.Now().Add(10 * time.Second))
		writeCommand(c.w, spec.command()...)
		if err := c.w.Flush(); err != nil {
			g.Close()
			return nil, fmt.Errorf("subscriber %d: %w", i+1, err)
		}
		v, err := readReply(c.r)
		if err != nil {
			g.Close()
			return nil, fmt.Errorf("subscriber %d: %s: %w", i+1, shellJoin(spec.command()), err)
		}
		if err := checkConfirmation(v, confirmKind, spec.Target); err != nil {
			g.Close()
			return nil, err
		}
		c.c.SetDeadline(time.Time{})
		sc := &subscriberConn{}
		g.subs = append(g.subs, sc)
		g.wg.Add(1)
		go func(r *bufio.Reader) {
			defer g.wg.Done()
			sc.drain(r)
		}(c.r)
	}
	return g, nil
}

// checkConfirmation checks the reply to SUBSCRIBE/PSUBSCRIBE target:
// [kind, target, count]. An error reply is returned as is.
func checkConfirmation(v any, kind, target string) error {
	if e, ok := v.(respError); ok {
		return e
	}
	a, ok := v.([]any)
	if ok && len(a) == 3 {
		k, _ := a[0].(string)
		t, _ := a[1].(string)
		_, isInt := a[2].(int64)
		if strings.EqualFold(k, kind) && t == target && isInt {
			return nil
		}
	}
	return fmt.Errorf("%s %s answered %#v, want [%s %s count]", kind, target, v, kind, target)
}

// drain reads and discards until the connection fails or is closed; the
// bufio.Reader first hands over what it buffered with the confirmation.
func (sc *subscriberConn) drain(r *bufio.Reader) {
	buf := make([]byte, 64<<10)
	for {
		n, err := r.Read(buf)
		sc.bytes.Add(int64(n))
		if err != nil {
			sc.failed.Store(&err)
			return
		}
	}
}

// Mark records the bytes received so far; Settle counts from there.
func (g *subscriberGroup) Mark() {
	for _, sc := range g.subs {
		sc.mark = sc.bytes.Load()
	}
}

// Settle waits until every subscriber has received at least messages
// messages since the last Mark. It fails at once if a connection failed, and
// after timeout with the count of the slowest subscriber.
func (g *subscriberGroup) Settle(ctx context.Context, messages int, timeout time.Duration) error {
	want := int64(messages) * int64(g.msgLen)
	deadline := time.Now().Add(timeout)
	for {
		var slowest int64 = -1
		slow := 0
		for i, sc := range g.subs {
			got := sc.bytes.Load() - sc.mark
			if got >= want {
				continue
			}
			if e := sc.failed.Load(); e != nil {
				return fmt.Errorf("subscriber %d lost its connection after %d of %d messages: %v", i+1, got/int64(g.msgLen), messages, *e)
			}
			if slowest < 0 || got < slowest {
				slowest, slow = got, i
			}
		}
		if slowest < 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("subscriber %d received %d of %d messages within %v", slow+1, slowest/int64(g.msgLen), messages, timeout)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(time.Millisecond)
	}
}

// Received returns the messages each subscriber received since the last
// Mark (whole messages).
func (g *subscriberGroup) Received() []int64 {
	out := make([]int64, len(g.subs))
	for i, sc := range g.subs {
		out[i] = (sc.bytes.Load() - sc.mark) / int64(g.msgLen)
	}
	return out
}

// Close closes every connection and waits until every drain goroutine has
// returned. It is safe to call more than once and on a nil group.
func (g *subscriberGroup) Close() {
	if g == nil {
		return
	}
	g.once.Do(func() {
		for _, c := range g.conns {
			c.Close()
		}
		g.wg.Wait()
	})
}

// verifyPublish sends the workload's PUBLISH once over c and checks that it
// reached want subscribers, then that every subscriber of g received it.
// Subscribers of an earlier workload may still be counted for a moment after
// their connections closed, so a count above want is retried for a while.
func verifyPublish(ctx context.Context, c *respConn, g *subscriberGroup, cmd []string, want int) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		g.Mark()
		v, err := c.Do(cmd...)
		if err != nil {
			return err
		}
		if e, ok := v.(respError); ok {
			return e
		}
		n, ok := v.(int64)
		if !ok {
			return fmt.Errorf("%s answered %#v, want an integer", shellJoin(cmd), v)
		}
		if n == int64(want) {
			if err := g.Settle(ctx, 1, 5*time.Second); err != nil {
				return fmt.Errorf("after one PUBLISH: %w", err)
			}
			return nil
		}
		if n < int64(want) || time.Now().After(deadline) {
			return fmt.Errorf("PUBLISH reached %d subscribers, want %d", n, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
