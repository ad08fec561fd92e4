package pubsub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/redis/go-redis/v9"
)

// ErrClosed is returned by Receive after Close.
var ErrClosed = errors.New("pubsub: subscription closed")

// Message is one event received on a subscription.
type Message[T any] struct {
	// Channel is the channel the event was published on.
	Channel string
	// Pattern is the pattern that matched Channel, for PSubscribe.
	Pattern string
	// Payload is the decoded event; the zero T when Err is set.
	Payload T
	// Raw is the payload as published.
	Raw string
	// Err is a *DecodeError when Raw is not a JSON encoding of T.
	Err error
}

// DecodeError is a payload that does not decode into the event type.
type DecodeError struct {
	Channel string
	Raw     string
	Err     error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("pubsub: decoding an event on %q: %v", e.Channel, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// Publish encodes event as JSON and publishes it on channel. It returns
// the number of subscribers that received it (on a cluster, those
// connected to the node that took the PUBLISH).
//
// On a cluster, every event of a channel goes through the master of the
// channel name's hash slot. PUBLISH has no key, so go-redis would pick a
// node for each call, and events sent through different nodes can
// overtake each other on their way to a subscriber; through one node,
// the events of a channel keep their order.
func Publish[T any](ctx context.Context, client redis.UniversalClient, channel string, event T) (int64, error) {
	data, err := json.Marshal(event)
	if err != nil {
		return 0, fmt.Errorf("pubsub: encoding an event for %q: %w", channel, err)
	}
	if cluster, ok := client.(*redis.ClusterClient); ok {
		node, err := cluster.MasterForKey(ctx, channel)
		if err != nil {
			return 0, fmt.Errorf("pubsub: publishing on %q: %w", channel, err)
		}
		client = node
	}
	n, err := client.Publish(ctx, channel, data).Result()
	if err != nil {
		return 0, fmt.Errorf("pubsub: publishing on %q: %w", channel, err)
	}
	return n, nil
}

// Subscribe subscribes to channels and returns once the server has
// confirmed, so that every event published after it returns is received.
func Subscribe[T any](ctx context.Context, client redis.UniversalClient, channels ...string) (*Subscription[T], error) {
	if len(channels) == 0 {
		return nil, errors.New("pubsub: subscribe: no channels")
	}
	return confirm[T](ctx, client.Subscribe(ctx, channels...), len(channels))
}

// PSubscribe subscribes to glob-style patterns ("orders.*") and returns
// once the server has confirmed.
func PSubscribe[T any](ctx context.Context, client redis.UniversalClient, patterns ...string) (*Subscription[T], error) {
	if len(patterns) == 0 {
		return nil, errors.New("pubsub: psubscribe: no patterns")
	}
	return confirm[T](ctx, client.PSubscribe(ctx, patterns...), len(patterns))
}

// confirm reads the n subscription confirmations. The server answers a
// SUBSCRIBE with all of them before any message, so none is skipped.
func confirm[T any](ctx context.Context, ps *redis.PubSub, n int) (*Subscription[T], error) {
	for range n {
		reply, err := ps.Receive(ctx)
		if err == nil {
			if _, ok := reply.(*redis.Subscription); !ok {
				err = fmt.Errorf("unexpected reply %T", reply)
			}
		}
		if err != nil {
			ps.Close()
			return nil, fmt.Errorf("pubsub: subscribe: %w", err)
		}
	}
	return &Subscription[T]{ps: ps, closing: make(chan struct{})}, nil
}

// Subscription receives the events of one Subscribe or PSubscribe. Use
// either Receive or Channel, not both. Close it when done.
type Subscription[T any] struct {
	ps *redis.PubSub

	mu        sync.Mutex
	ch        chan Message[T] // made by the first Channel call
	forwarded chan struct{}   // closed when forward returns
	closing   chan struct{}
	closeOnce sync.Once
}

// Receive waits for the next event. A payload that does not decode comes
// back with a *DecodeError (the Message's Raw holds it) and the
// subscription stays usable. After the connection breaks, the next call
// reconnects and subscribes again. A deadline on ctx bounds the wait
// (when it passes, the connection is replaced, as go-redis does for any
// timed-out read); cancelling ctx without a deadline does not interrupt a
// wait in progress: use Channel, or Close from another goroutine.
func (s *Subscription[T]) Receive(ctx context.Context) (Message[T], error) {
	m, err := s.ps.ReceiveMessage(ctx)
	if err != nil {
		if errors.Is(err, redis.ErrClosed) {
			return Message[T]{}, ErrClosed
		}
		return Message[T]{}, fmt.Errorf("pubsub: receive: %w", err)
	}
	msg := decode[T](m)
	return msg, msg.Err
}

// Channel returns a channel of the events, closed after Close. Decoding
// errors come as Messages with Err set. Behind it, go-redis pings the
// server when the connection is idle and reconnects and subscribes again
// when the connection breaks.
func (s *Subscription[T]) Channel() <-chan Message[T] {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan Message[T])
		s.forwarded = make(chan struct{})
		go s.forward(s.ps.Channel())
	}
	return s.ch
}

func (s *Subscription[T]) forward(src <-chan *redis.Message) {
	defer close(s.forwarded)
	defer close(s.ch)
	for m := range src {
		select {
		case s.ch <- decode[T](m):
		case <-s.closing:
			// go-redis's goroutine may be blocked handing us a message:
			// drain until it sees the closed PubSub and closes src.
			for range src {
			}
			return
		}
	}
}

// Close unsubscribes and closes the connection; with Channel, it waits
// until the channel is closed.
func (s *Subscription[T]) Close() error {
	var err error
	s.closeOnce.Do(func() {
		close(s.closing)
		if err = s.ps.Close(); err != nil {
			err = fmt.Errorf("pubsub: close: %w", err)
		}
		s.mu.Lock()
		forwarded := s.forwarded
		s.mu.Unlock()
		if forwarded != nil {
			<-forwarded
		}
	})
	return err
}

func decode[T any](m *redis.Message) Message[T] {
	msg := Message[T]{Channel: m.Channel, Pattern: m.Pattern, Raw: m.Payload}
	if err := json.Unmarshal([]byte(m.Payload), &msg.Payload); err != nil {
		var zero T
		msg.Payload = zero
		msg.Err = &DecodeError{Channel: m.Channel, Raw: m.Payload, Err: err}
	}
	return msg
}

// Topic binds a channel name to its event type, so that publishers and
// subscribers of one channel cannot disagree on it.
type Topic[T any] struct {
	client  redis.UniversalClient
	channel string
}

// NewTopic returns the topic of events of type T on channel.
func NewTopic[T any](client redis.UniversalClient, channel string) Topic[T] {
	return Topic[T]{client: client, channel: channel}
}

// Channel is the topic's channel name.
func (t Topic[T]) Channel() string { return t.channel }

// Publish publishes event on the topic.
func (t Topic[T]) Publish(ctx context.Context, event T) (int64, error) {
	return Publish(ctx, t.client, t.channel, event)
}

// Subscribe subscribes to the topic.
func (t Topic[T]) Subscribe(ctx context.Context) (*Subscription[T], error) {
	return Subscribe[T](ctx, t.client, t.channel)
}
