package compat_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/miniserve-dev/miniserve/patterns/pubsub"
)

type pubsubEvent struct {
	Seq  int    `json:"seq"`
	Body string `json:"body,omitempty"`
}

func TestPatternPubSub(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		p := b.Prefix

		t.Run("TypedRoundTrip", func(t *testing.T) {
			topic := pubsub.NewTopic[pubsubEvent](b.Client, p+"orders")
			sub, err := topic.Subscribe(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer sub.Close()
			publisher := pubsub.NewTopic[pubsubEvent](b.NewClient(), p+"orders")
			for i := range 3 {
				if _, err := publisher.Publish(ctx, pubsubEvent{Seq: i, Body: "é\n\"x\""}); err != nil {
					t.Fatal(err)
				}
			}
			for i := range 3 {
				msg, err := sub.Receive(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if msg.Channel != p+"orders" || msg.Pattern != "" || msg.Payload != (pubsubEvent{Seq: i, Body: "é\n\"x\""}) {
					t.Fatalf("event %d = %+v", i, msg)
				}
			}
			if err := sub.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := sub.Receive(ctx); !errors.Is(err, pubsub.ErrClosed) {
				t.Fatalf("Receive after Close: %v; want ErrClosed", err)
			}
		})

		t.Run("Patterns", func(t *testing.T) {
			sub, err := pubsub.PSubscribe[pubsubEvent](ctx, b.Client, p+"region.*")
			if err != nil {
				t.Fatal(err)
			}
			defer sub.Close()
			for i, region := range []string{"eu", "us"} {
				if _, err := pubsub.Publish(ctx, b.Client, p+"region."+region, pubsubEvent{Seq: i}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := pubsub.Publish(ctx, b.Client, p+"other", pubsubEvent{Seq: 99}); err != nil {
				t.Fatal(err)
			}
			// On a cluster the two channels may be published through
			// different nodes: compare without order.
			var got []string
			for range 2 {
				msg := receiveWithin(t, sub.Channel())
				if msg.Err != nil || msg.Pattern != p+"region.*" {
					t.Fatalf("message %+v; want pattern %s and no error", msg, p+"region.*")
				}
				got = append(got, fmt.Sprintf("%s=%d", strings.TrimPrefix(msg.Channel, p), msg.Payload.Seq))
			}
			sort.Strings(got)
			if strings.Join(got, " ") != "region.eu=0 region.us=1" {
				t.Fatalf("got %v", got)
			}
		})

		t.Run("DecodeErrors", func(t *testing.T) {
			sub, err := pubsub.Subscribe[pubsubEvent](ctx, b.Client, p+"bad")
			if err != nil {
				t.Fatal(err)
			}
			defer sub.Close()
			for _, raw := range []string{"{not json", `{"seq":"one"}`, `{"seq":7}`} {
				if err := publishRaw(ctx, b.Client, p+"bad", raw); err != nil {
					t.Fatal(err)
				}
			}
			for _, raw := range []string{"{not json", `{"seq":"one"}`} {
				msg, err := sub.Receive(ctx)
				var decodeErr *pubsub.DecodeError
				if !errors.As(err, &decodeErr) || decodeErr.Raw != raw || decodeErr.Channel != p+"bad" || msg.Raw != raw || msg.Err != err {
					t.Fatalf("Receive of %q = %+v, %v; want a *DecodeError with the raw payload", raw, msg, err)
				}
				if msg.Payload != (pubsubEvent{}) {
					t.Fatalf("payload of a bad event = %+v; want the zero value", msg.Payload)
				}
			}
			msg, err := sub.Receive(ctx)
			if err != nil || msg.Payload.Seq != 7 {
				t.Fatalf("after decode errors: %+v, %v; want seq 7", msg, err)
			}

			// The same through Channel.
			if err := publishRaw(ctx, b.Client, p+"bad", "[1,2]"); err != nil {
				t.Fatal(err)
			}
			if _, err := pubsub.Publish(ctx, b.Client, p+"bad", pubsubEvent{Seq: 8}); err != nil {
				t.Fatal(err)
			}
			ch := sub.Channel()
			if msg := receiveWithin(t, ch); msg.Err == nil || msg.Raw != "[1,2]" {
				t.Fatalf("Channel message %+v; want a decode error", msg)
			}
			if msg := receiveWithin(t, ch); msg.Err != nil || msg.Payload.Seq != 8 {
				t.Fatalf("Channel message %+v; want seq 8", msg)
			}
			if err := sub.Close(); err != nil {
				t.Fatal(err)
			}
			if _, open := <-ch; open {
				t.Fatal("Channel still open after Close")
			}
		})

		t.Run("HubFanOut", func(t *testing.T) {
			sub, err := pubsub.PSubscribe[pubsubEvent](ctx, b.Client, p+"feed.*")
			if err != nil {
				t.Fatal(err)
			}
			var decodeErrors atomic.Int64
			hub, url := startHub(t, sub, pubsub.HubOptions{
				EventName: func(channel string) string { return strings.TrimPrefix(channel, p) },
				OnError:   func(error) { decodeErrors.Add(1) },
			})
			clients := []*sseStream{openSSE(t, url), openSSE(t, url), openSSE(t, url)}
			if n := hub.Clients(); n != 3 {
				t.Fatalf("hub has %d clients; want 3", n)
			}
			for i := range 5 {
				if i == 2 {
					if err := publishRaw(ctx, b.Client, p+"feed.a", "garbage"); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := pubsub.Publish(ctx, b.Client, p+"feed.a", pubsubEvent{Seq: i, Body: "line1\nline2"}); err != nil {
					t.Fatal(err)
				}
			}
			for c, client := range clients {
				for i := range 5 {
					ev := client.next(t)
					want := fmt.Sprintf(`{"seq":%d,"body":"line1\nline2"}`, i)
					if ev.name != "feed.a" || ev.data != want {
						t.Fatalf("client %d event %d = %+v; want event feed.a, data %s", c, i, ev, want)
					}
				}
			}
			if decodeErrors.Load() != 1 {
				t.Fatalf("OnError called %d times; want 1", decodeErrors.Load())
			}
			clients[0].close()
			waitFor(t, "the hub to forget a disconnected client", func() bool { return hub.Clients() == 2 })
		})

		t.Run("SlowClientDropped", func(t *testing.T) {
			sub, err := pubsub.Subscribe[pubsubEvent](ctx, b.Client, p+"firehose")
			if err != nil {
				t.Fatal(err)
			}
			hub, url := startHub(t, sub, pubsub.HubOptions{ClientBuffer: 4})
			fast := openSSE(t, url)
			slow := openStalledClient(t, url)
			if n := hub.Clients(); n != 2 {
				t.Fatalf("hub has %d clients; want 2", n)
			}
			// Publish in lockstep with the fast client, so only the stalled
			// one can fall behind; big events fill its socket buffers, then
			// its hub buffer, and the hub drops it.
			body := strings.Repeat("x", 64<<10)
			seq := 0
			publishAndSee := func() {
				t.Helper()
				if _, err := pubsub.Publish(ctx, b.Client, p+"firehose", pubsubEvent{Seq: seq, Body: body}); err != nil {
					t.Fatal(err)
				}
				ev := fast.next(t)
				var got pubsubEvent
				if err := json.Unmarshal([]byte(ev.data), &got); err != nil || got.Seq != seq {
					t.Fatalf("fast client got seq %d (%v); want %d", got.Seq, err, seq)
				}
				seq++
			}
			for hub.Dropped() == 0 {
				if seq == 2000 {
					t.Fatalf("the stalled client was not dropped after %d events of 64 KiB", seq)
				}
				publishAndSee()
			}
			t.Logf("the stalled client was dropped after %d events", seq)
			if hub.Dropped() != 1 || hub.Clients() != 1 {
				t.Fatalf("dropped %d, clients %d; want 1 and 1", hub.Dropped(), hub.Clients())
			}
			for range 10 {
				publishAndSee()
			}
			// The dropped client's connection is closed: reading what was
			// buffered ends with EOF (or a reset), not a wait.
			if err := slow.drain(); err != nil {
				t.Fatalf("the dropped client's connection was not closed: %v", err)
			}
		})

		if b.Restart != nil {
			t.Run("ResumesAfterRestart", func(t *testing.T) {
				sub, err := pubsub.Subscribe[pubsubEvent](ctx, b.Client, p+"live")
				if err != nil {
					t.Fatal(err)
				}
				hub, url := startHub(t, sub, pubsub.HubOptions{})
				client := openSSE(t, url)
				if _, err := pubsub.Publish(ctx, b.Client, p+"live", pubsubEvent{Seq: 1}); err != nil {
					t.Fatal(err)
				}
				if ev := client.next(t); ev.data != `{"seq":1}` {
					t.Fatalf("before the restart: %+v", ev)
				}
				b.Restart()
				// The hub's connection re-dials and subscribes again on its
				// own; until it has, publishes reach no one. Retry, bounded.
				publisher := b.NewClient()
				for attempt := 2; ; attempt++ {
					if attempt == 150 {
						t.Fatal("no event delivered after the restart")
					}
					_, _ = pubsub.Publish(ctx, publisher, p+"live", pubsubEvent{Seq: attempt})
					if ev, ok := client.poll(100 * time.Millisecond); ok {
						var got pubsubEvent
						if err := json.Unmarshal([]byte(ev.data), &got); err != nil || got.Seq < 2 {
							t.Fatalf("after the restart: %+v", ev)
						}
						break
					}
				}
				if hub.Clients() != 1 || hub.Dropped() != 0 {
					t.Fatalf("clients %d, dropped %d; want the client kept", hub.Clients(), hub.Dropped())
				}
			})
		}
	})
}

// publishRaw publishes a payload as is, through the node pubsub.Publish
// uses for the channel, so that it keeps its place among the channel's
// events on a cluster too.
func publishRaw(ctx context.Context, client redis.UniversalClient, channel, payload string) error {
	if cluster, ok := client.(*redis.ClusterClient); ok {
		node, err := cluster.MasterForKey(ctx, channel)
		if err != nil {
			return err
		}
		client = node
	}
	return client.Publish(ctx, channel, payload).Err()
}

// startHub serves a hub over HTTP until the test ends; the hub is closed
// first, which ends the streams, so that closing the server does not wait.
func startHub[T any](t *testing.T, sub *pubsub.Subscription[T], opts pubsub.HubOptions) (*pubsub.Hub[T], string) {
	t.Helper()
	hub := pubsub.NewHub(sub, opts)
	web := httptest.NewServer(hub)
	t.Cleanup(web.Close)
	t.Cleanup(func() { hub.Close() })
	return hub, web.URL
}

type sseEvent struct{ name, data string }

// sseStream is one text/event-stream client; a goroutine parses events
// into a channel. The hub has registered the client once openSSE returns:
// it does so before sending the response headers.
type sseStream struct {
	events    chan sseEvent
	body      io.Closer
	transport *http.Transport
	done      chan struct{}
	closeOnce sync.Once
}

func openSSE(t *testing.T, url string) *sseStream {
	t.Helper()
	tr := &http.Transport{}
	resp, err := (&http.Client{Transport: tr}).Get(url)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		resp.Body.Close()
		t.Fatalf("GET %s: %s %v", url, resp.Status, resp.Header)
	}
	s := &sseStream{events: make(chan sseEvent, 1024), body: resp.Body, transport: tr, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		defer close(s.events)
		r := bufio.NewReaderSize(resp.Body, 128<<10)
		var ev sseEvent
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "":
				s.events <- ev
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	t.Cleanup(s.close)
	return s
}

// next is the next event, failing the test if none comes within a long
// bound (a hang guard, not a timing assertion).
func (s *sseStream) next(t *testing.T) sseEvent {
	t.Helper()
	ev, ok := s.poll(10 * time.Second)
	if !ok {
		t.Fatal("no server-sent event")
	}
	return ev
}

func (s *sseStream) poll(wait time.Duration) (sseEvent, bool) {
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case ev, ok := <-s.events:
		return ev, ok
	case <-timer.C:
		return sseEvent{}, false
	}
}

func (s *sseStream) close() {
	s.closeOnce.Do(func() {
		s.body.Close()
		<-s.done
		s.transport.CloseIdleConnections()
	})
}

// stalledClient sends a request, reads the response headers and then
// never reads again.
type stalledClient struct{ conn net.Conn }

func openStalledClient(t *testing.T, url string) *stalledClient {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	var head []byte
	one := make([]byte, 1)
	for !strings.HasSuffix(string(head), "\r\n\r\n") {
		if _, err := conn.Read(one); err != nil {
			t.Fatalf("reading the response headers: %v", err)
		}
		head = append(head, one[0])
	}
	if !strings.HasPrefix(string(head), "HTTP/1.1 200") {
		t.Fatalf("response %q", head)
	}
	return &stalledClient{conn: conn}
}

// drain reads to the end of the stream: nil on EOF or a reset, the error
// if the server keeps the connection open.
func (c *stalledClient) drain() error {
	c.conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	_, err := io.Copy(io.Discard, c.conn)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return err
	}
	return nil
}

func receiveWithin[T any](t *testing.T, ch <-chan pubsub.Message[T]) pubsub.Message[T] {
	t.Helper()
	timer := time.NewTimer(10 * time.Second)
	defer timer.Stop()
	select {
	case msg, ok := <-ch:
		if !ok {
			t.Fatal("subscription channel closed")
		}
		return msg
	case <-timer.C:
		t.Fatal("no message")
	}
	panic("unreachable")
}

// waitFor polls cond, bounded: a hang guard, not a timing assertion.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 1000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
