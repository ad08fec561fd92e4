package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"go.uber.org/goleak"
)

// Pub/sub through real sockets. The exact replies are compared with
// Redis in compat_test/cases_pubsub_test.go; these tests cover what a
// side-by-side case cannot: slow subscribers, memory, concurrency,
// timeouts, leaks and go-redis's PubSub client.

func sub2(kind, name string, count int) string {
	return fmt.Sprintf("*3\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n:%d\r\n", len(kind), kind, len(name), name, count)
}

func msg2(channel, payload string) string {
	return fmt.Sprintf("*3\r\n$7\r\nmessage\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(channel), channel, len(payload), payload)
}

// pubsubCounts reads the server's subscription tables; patterns is -1
// when the pattern map and list disagree.
func pubsubCounts(s *Server) (channels, patterns, shard int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	patterns = len(s.pubsub.patterns)
	if len(s.pubsub.patList) != patterns {
		patterns = -1
	}
	return len(s.pubsub.channels), patterns, len(s.pubsub.shard)
}

// waitFor polls cond, boundedly.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		if cond() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestPubSubCounts(t *testing.T) {
	s := RunT(t)
	a, b, p := dial(t, s.Addr()), dial(t, s.Addr()), dial(t, s.Addr())
	a.send("SUBSCRIBE", "x", "y", "x")
	for _, want := range []string{sub2("subscribe", "x", 1), sub2("subscribe", "y", 2), sub2("subscribe", "x", 2)} {
		if got := a.read(); got != want {
			t.Fatalf("SUBSCRIBE: %q, want %q", got, want)
		}
	}
	if got := a.do("PSUBSCRIBE", "x*"); got != sub2("psubscribe", "x*", 3) {
		t.Fatalf("PSUBSCRIBE: %q", got)
	}
	if got := a.do("SSUBSCRIBE", "x"); got != sub2("ssubscribe", "x", 1) {
		t.Fatalf("SSUBSCRIBE: %q", got)
	}
	b.do("PSUBSCRIBE", "*")
	// x reaches a's channel, a's pattern and b's pattern.
	if got := p.do("PUBLISH", "x", "m"); got != ":3\r\n" {
		t.Fatalf("PUBLISH x = %q", got)
	}
	if got := p.do("SPUBLISH", "x", "m"); got != ":1\r\n" {
		t.Fatalf("SPUBLISH x = %q", got)
	}
	if got := p.do("PUBLISH", "z", "m"); got != ":1\r\n" {
		t.Fatalf("PUBLISH z = %q", got)
	}
	if got := a.read(); got != msg2("x", "m") {
		t.Fatalf("a got %q", got)
	}
	if got := a.read(); !strings.Contains(got, "pmessage") {
		t.Fatalf("a got %q", got)
	}
	if got := a.read(); !strings.Contains(got, "smessage") {
		t.Fatalf("a got %q", got)
	}
	if got := p.do("PUBSUB", "NUMSUB", "x", "y", "z"); got != "*6\r\n$1\r\nx\r\n:1\r\n$1\r\ny\r\n:1\r\n$1\r\nz\r\n:0\r\n" {
		t.Fatalf("NUMSUB = %q", got)
	}
	if got := p.do("PUBSUB", "NUMPAT"); got != ":2\r\n" {
		t.Fatalf("NUMPAT = %q", got)
	}
	if got := a.do("UNSUBSCRIBE", "nope"); got != sub2("unsubscribe", "nope", 3) {
		t.Fatalf("UNSUBSCRIBE nope: %q", got)
	}
	if got := a.do("GET", "k"); !strings.HasPrefix(got, "-ERR Can't execute 'get'") {
		t.Fatalf("GET while subscribed: %q", got)
	}
	if got := a.do("RESET"); got != "+RESET\r\n" {
		t.Fatalf("RESET: %q", got)
	}
	if got := p.do("PUBLISH", "x", "m"); got != ":1\r\n" {
		t.Fatalf("PUBLISH after RESET = %q", got)
	}
	if c, pat, sh := pubsubCounts(s); c != 0 || pat != 1 || sh != 0 {
		t.Fatalf("after RESET: %d channels, %d patterns, %d shard", c, pat, sh)
	}
}

// TestPubSubSlowSubscriberFlood floods a subscriber that never reads: the
// server's memory stays bounded because the subscriber is disconnected at
// its hard limit, the publisher is never blocked, and other clients are
// served meanwhile.
func TestPubSubSlowSubscriberFlood(t *testing.T) {
	var logBuf syncBuffer
	s := RunT(t, WithDirective("client-output-buffer-limit", "pubsub", "1mb", "512kb", "60"),
		WithLogger(slog.New(slog.NewTextHandler(&logBuf, nil))))

	slow := dial(t, s.Addr())
	slow.conn.(*net.TCPConn).SetReadBuffer(4096)
	slowID, _ := strconv.ParseInt(strings.Trim(slow.do("CLIENT", "ID"), ":\r\n"), 10, 64)
	if got := slow.do("SUBSCRIBE", "flood"); got != sub2("subscribe", "flood", 1) {
		t.Fatalf("SUBSCRIBE: %q", got)
	}
	fast := dial(t, s.Addr())
	if got := fast.do("SUBSCRIBE", "other"); got != sub2("subscribe", "other", 1) {
		t.Fatalf("SUBSCRIBE: %q", got)
	}

	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			select {
			case <-stopSampling:
				return
			case <-time.After(5 * time.Millisecond):
			}
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
		}
	}()

	// Another client is served throughout.
	var maxPing atomic.Int64
	stopPing := make(chan struct{})
	pinged := make(chan error, 1)
	go func() {
		conn, err := net.Dial("tcp", s.Addr())
		if err != nil {
			pinged <- err
			return
		}
		defer conn.Close()
		rd := bufio.NewReader(conn)
		for {
			select {
			case <-stopPing:
				pinged <- nil
				return
			default:
			}
			start := time.Now()
			conn.SetDeadline(time.Now().Add(10 * time.Second))
			if _, err := conn.Write([]byte("*1\r\n$4\r\nPING\r\n")); err != nil {
				pinged <- err
				return
			}
			line, err := rd.ReadString('\n')
			if err != nil || line != "+PONG\r\n" {
				pinged <- fmt.Errorf("PING: %q %v", line, err)
				return
			}
			if d := int64(time.Since(start)); d > maxPing.Load() {
				maxPing.Store(d)
			}
			time.Sleep(time.Millisecond)
		}
	}()

	// 100k messages of 1KB, pipelined by a thousand.
	pub, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	payload := strings.Repeat("x", 1024)
	var batch bytes.Buffer
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&batch, "*3\r\n$7\r\nPUBLISH\r\n$5\r\nflood\r\n$%d\r\n%s\r\n", len(payload), payload)
	}
	rd := bufio.NewReader(pub)
	delivered := 0
	start := time.Now()
	for round := 0; round < 100; round++ {
		pub.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := pub.Write(batch.Bytes()); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 1000; i++ {
			line, err := rd.ReadString('\n')
			if err != nil {
				t.Fatalf("round %d reply %d: %v", round, i, err)
			}
			if line == ":1\r\n" {
				delivered++
			} else if line != ":0\r\n" {
				t.Fatalf("PUBLISH reply %q", line)
			}
		}
	}
	elapsed := time.Since(start)
	close(stopPing)
	if err := <-pinged; err != nil {
		t.Fatal(err)
	}
	close(stopSampling)
	<-sampled

	// The publisher was never stalled: 100MB went through in the time of
	// the (bounded) deliveries to a subscriber that reads nothing.
	if elapsed > 30*time.Second {
		t.Errorf("flood took %v", elapsed)
	}
	if delivered == 0 || delivered == 100000 {
		t.Errorf("%d of 100000 messages delivered: the subscriber was never cut off", delivered)
	}
	growth := int64(peak.Load()) - int64(base.HeapAlloc)
	t.Logf("delivered %d, flood %v, heap growth peak %d KB, slowest PING %v", delivered, elapsed, growth>>10, time.Duration(maxPing.Load()))
	if growth > 48<<20 {
		t.Errorf("heap grew by %d MB while flooding a stalled subscriber", growth>>20)
	}
	if d := time.Duration(maxPing.Load()); d > 2*time.Second {
		t.Errorf("another client waited %v for PING", d)
	}

	// The slow subscriber was disconnected, with a log line, and its
	// subscription is gone; the other subscriber is untouched. (What the
	// kernel still holds for the stalled socket is its business: with a
	// zero window for long, the FIN may take a while to arrive.)
	waitFor(t, "the slow subscriber's cleanup", func() bool {
		c, _, _ := pubsubCounts(s)
		s.mu.Lock()
		defer s.mu.Unlock()
		return c == 1 && s.clients[slowID] == nil
	})
	if got := fast.do("PING"); got != "*2\r\n$4\r\npong\r\n$0\r\n\r\n" {
		t.Fatalf("other subscriber PING: %q", got)
	}
	if !strings.Contains(logBuf.String(), "scheduled to be closed ASAP for overcoming of output buffer limits") {
		t.Errorf("no log line about the output buffer limit: %q", logBuf.String())
	}
}

// TestPubSubSoftLimit checks the soft limit: a subscriber may stay over
// it for soft-seconds, and is disconnected at the first message after.
func TestPubSubSoftLimit(t *testing.T) {
	s := RunT(t, WithDirective("client-output-buffer-limit", "pubsub", "0", "256kb", "10"))
	slow := dial(t, s.Addr())
	slow.conn.(*net.TCPConn).SetReadBuffer(4096)
	slow.do("SUBSCRIBE", "ch")
	pub := dial(t, s.Addr())
	payload := strings.Repeat("y", 64<<10)
	// Enough to fill the socket buffers and stay over 256kb.
	for i := 0; i < 256; i++ {
		if got := pub.do("PUBLISH", "ch", payload); got != ":1\r\n" {
			t.Fatalf("PUBLISH %d = %q: disconnected before soft-seconds", i, got)
		}
	}
	s.FastForward(5 * time.Second)
	if got := pub.do("PUBLISH", "ch", payload); got != ":1\r\n" {
		t.Fatalf("PUBLISH after 5s = %q", got)
	}
	s.FastForward(6 * time.Second)
	pub.do("PUBLISH", "ch", payload) // 11s over the soft limit: cut off
	waitFor(t, "the subscriber's disconnection", func() bool {
		c, _, _ := pubsubCounts(s)
		return c == 0
	})
	if got := pub.do("PUBLISH", "ch", "x"); got != ":0\r\n" {
		t.Fatalf("PUBLISH after the cut = %q", got)
	}
}

// TestPubSubOrdering publishes without pause while a subscriber
// subscribes and unsubscribes: the confirmation of SUBSCRIBE comes before
// any message, none comes after the confirmation of UNSUBSCRIBE, and the
// messages keep their order, in RESP2 and RESP3.
func TestPubSubOrdering(t *testing.T) {
	for _, resp := range []string{"2", "3"} {
		t.Run("RESP"+resp, func(t *testing.T) {
			s := RunT(t)
			stop := make(chan struct{})
			done := make(chan error, 1)
			go func() {
				conn, err := net.Dial("tcp", s.Addr())
				if err != nil {
					done <- err
					return
				}
				defer conn.Close()
				rd := bufio.NewReader(conn)
				for seq := 0; ; {
					select {
					case <-stop:
						done <- nil
						return
					default:
					}
					var b bytes.Buffer
					for i := 0; i < 50; i++ {
						seq++
						n := strconv.Itoa(seq)
						fmt.Fprintf(&b, "*3\r\n$7\r\nPUBLISH\r\n$2\r\nch\r\n$%d\r\n%s\r\n", len(n), n)
					}
					conn.SetDeadline(time.Now().Add(10 * time.Second))
					if _, err := conn.Write(b.Bytes()); err != nil {
						done <- err
						return
					}
					for i := 0; i < 50; i++ {
						if _, err := rd.ReadString('\n'); err != nil {
							done <- err
							return
						}
					}
				}
			}()
			defer func() {
				close(stop)
				if err := <-done; err != nil {
					t.Error(err)
				}
			}()

			sub := dial(t, s.Addr())
			push := "*"
			if resp == "3" {
				push = ">"
				sub.do("HELLO", "3")
			}
			subscribed := push + sub2("subscribe", "ch", 1)[1:]
			unsubscribed := push + sub2("unsubscribe", "ch", 0)[1:]
			for round := 0; round < 30; round++ {
				sub.send("SUBSCRIBE", "ch")
				if got := sub.read(); got != subscribed {
					t.Fatalf("round %d: first reply %q, want the confirmation", round, got)
				}
				last := 0
				for i := 0; i < 20; i++ {
					got := sub.read()
					if !strings.HasPrefix(got, push+"3\r\n$7\r\nmessage\r\n") {
						t.Fatalf("round %d: %q, want a message", round, got)
					}
					fields := strings.Split(got, "\r\n")
					n, _ := strconv.Atoi(fields[len(fields)-2])
					if n <= last {
						t.Fatalf("round %d: message %d after %d", round, n, last)
					}
					last = n
				}
				if resp == "3" {
					// A command's reply among the messages.
					sub.send("ECHO", "mark")
					for {
						got := sub.read()
						if got == "$4\r\nmark\r\n" {
							break
						}
						if !strings.HasPrefix(got, ">3\r\n$7\r\nmessage\r\n") {
							t.Fatalf("round %d: %q among messages", round, got)
						}
					}
				}
				sub.send("UNSUBSCRIBE", "ch")
				for {
					got := sub.read()
					if got == unsubscribed {
						break
					}
					if !strings.HasPrefix(got, push+"3\r\n$7\r\nmessage\r\n") {
						t.Fatalf("round %d: %q before the UNSUBSCRIBE confirmation", round, got)
					}
				}
				time.Sleep(2 * time.Millisecond)
				if got := sub.do("PING"); got != "+PONG\r\n" {
					t.Fatalf("round %d: %q after UNSUBSCRIBE, want +PONG", round, got)
				}
			}
		})
	}
}

// TestPubSubIdleTimeout: an idle timeout never disconnects a subscriber,
// as in Redis, but does disconnect the client once it unsubscribed.
func TestPubSubIdleTimeout(t *testing.T) {
	s := RunT(t, WithDirective("timeout", "1"))
	sub := dial(t, s.Addr())
	sub.do("SUBSCRIBE", "ch")
	psub := dial(t, s.Addr())
	psub.do("HELLO", "3")
	psub.do("SSUBSCRIBE", "sh")
	idle := dial(t, s.Addr())
	idle.do("PING")
	if !idle.closed() {
		t.Fatal("idle client was not disconnected")
	}
	time.Sleep(1500 * time.Millisecond)
	pub := dial(t, s.Addr())
	if got := pub.do("PUBLISH", "ch", "still"); got != ":1\r\n" {
		t.Fatalf("PUBLISH = %q", got)
	}
	if got := sub.read(); got != msg2("ch", "still") {
		t.Fatalf("subscriber got %q", got)
	}
	if got := pub.do("SPUBLISH", "sh", "x"); got != ":1\r\n" {
		t.Fatalf("SPUBLISH = %q", got)
	}
	sub.do("UNSUBSCRIBE")
	if !sub.closed() {
		t.Fatal("a client without subscriptions was not disconnected")
	}
}

// TestPubSubDisconnectCleanup: closed subscribers leave no subscription
// and no goroutine behind.
func TestPubSubDisconnectCleanup(t *testing.T) {
	defer goleak.VerifyNone(t)
	s, err := Run()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pub := dial(t, s.Addr())
	var subs []*respConn
	for i := 0; i < 20; i++ {
		c := dial(t, s.Addr())
		if i%2 == 1 {
			c.do("HELLO", "3")
		}
		c.send("SUBSCRIBE", "shared", "own"+strconv.Itoa(i))
		c.read()
		c.read()
		c.do("PSUBSCRIBE", "sh*")
		c.do("SSUBSCRIBE", "s"+strconv.Itoa(i%3))
		subs = append(subs, c)
	}
	if got := pub.do("PUBLISH", "shared", "m"); got != ":40\r\n" {
		t.Fatalf("PUBLISH = %q", got)
	}
	if c, p, sh := pubsubCounts(s); c != 21 || p != 1 || sh != 3 {
		t.Fatalf("%d channels, %d patterns, %d shard channels", c, p, sh)
	}
	for _, c := range subs {
		c.conn.Close()
	}
	waitFor(t, "every subscription to go", func() bool {
		c, p, sh := pubsubCounts(s)
		return c == 0 && p == 0 && sh == 0
	})
	if got := pub.do("INFO", "stats"); !strings.Contains(got, "pubsub_channels:0\r\npubsub_patterns:0\r\npubsubshard_channels:0\r\n") {
		t.Fatalf("INFO stats: %q", got)
	}
	if got := pub.do("PUBLISH", "shared", "m"); got != ":0\r\n" {
		t.Fatalf("PUBLISH = %q", got)
	}
	s.Close()
	pub.conn.Close()
}

// TestPubSubGoRedis runs go-redis v9's PubSub client, in RESP3 and RESP2:
// it subscribes, receives, keeps the connection with its health-check
// PINGs, and re-subscribes after the server kills its connection.
func TestPubSubGoRedis(t *testing.T) {
	for _, proto := range []int{3, 2} {
		t.Run(fmt.Sprintf("RESP%d", proto), func(t *testing.T) {
			defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
			s, err := Run()
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			rdb := redis.NewClient(&redis.Options{Addr: s.Addr(), Protocol: proto})
			defer rdb.Close()
			admin := redis.NewClient(&redis.Options{Addr: s.Addr(), Protocol: proto})
			defer admin.Close()

			ps := rdb.Subscribe(ctx, "news")
			defer ps.Close()
			if err := ps.PSubscribe(ctx, "alerts.*"); err != nil {
				t.Fatal(err)
			}
			// Wait for both confirmations before publishing.
			for i := 0; i < 2; i++ {
				if _, err := ps.Receive(ctx); err != nil {
					t.Fatal(err)
				}
			}
			ch := ps.Channel(redis.WithChannelHealthCheckInterval(50 * time.Millisecond))
			recv := func(want string) {
				t.Helper()
				select {
				case m := <-ch:
					if m.Payload != want {
						t.Fatalf("got %v, want payload %q", m, want)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("no message %q", want)
				}
			}
			if n, err := admin.Publish(ctx, "news", "one").Result(); err != nil || n != 1 {
				t.Fatalf("PUBLISH = %d, %v", n, err)
			}
			recv("one")
			if n, err := admin.Publish(ctx, "alerts.fire", "two").Result(); err != nil || n != 1 {
				t.Fatalf("PUBLISH = %d, %v", n, err)
			}
			recv("two")

			// Health checks: PINGs answered in kind keep the connection.
			before, err := admin.Info(ctx, "stats").Result()
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(400 * time.Millisecond)
			after, _ := admin.Info(ctx, "stats").Result()
			if infoField(before, "total_connections_received") != infoField(after, "total_connections_received") {
				t.Fatalf("go-redis reconnected during health checks: %s then %s",
					infoField(before, "total_connections_received"), infoField(after, "total_connections_received"))
			}
			cmdstats, _ := admin.Info(ctx, "commandstats").Result()
			if !strings.Contains(cmdstats, "cmdstat_ping:calls=") {
				t.Fatalf("no health-check PING seen: %q", cmdstats)
			}
			if n, _ := admin.Publish(ctx, "news", "three").Result(); n != 1 {
				t.Fatalf("PUBLISH after health checks = %d", n)
			}
			recv("three")

			// The server drops the subscriber: go-redis reconnects and
			// subscribes again, to the channel and to the pattern.
			if n, err := admin.ClientKillByFilter(ctx, "TYPE", "pubsub").Result(); err != nil || n != 1 {
				t.Fatalf("CLIENT KILL TYPE pubsub = %d, %v", n, err)
			}
			deadline := time.Now().Add(15 * time.Second)
			for {
				n, err := admin.Publish(ctx, "news", "again").Result()
				if err != nil {
					t.Fatal(err)
				}
				if n == 1 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("go-redis did not subscribe again")
				}
				time.Sleep(20 * time.Millisecond)
			}
			recv("again")
			waitFor(t, "the pattern subscription", func() bool {
				n, _ := admin.PubSubNumPat(ctx).Result()
				return n == 1
			})
			if n, _ := admin.Publish(ctx, "alerts.flood", "four").Result(); n != 1 {
				t.Fatalf("PUBLISH to the pattern after reconnect = %d", n)
			}
			recv("four")
			ps.Close()
			waitFor(t, "go-redis to unsubscribe", func() bool {
				c, p, _ := pubsubCounts(s)
				return c == 0 && p == 0
			})
		})
	}
}

func infoField(info, name string) string {
	for _, l := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(l, name+":"); ok {
			return v
		}
	}
	return ""
}

// syncBuffer is a bytes.Buffer safe for the server's log handler.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
