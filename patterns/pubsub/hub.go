package pubsub

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultClientBuffer is the number of events that may wait for one
// client before it is dropped, for the zero HubOptions.
const DefaultClientBuffer = 16

// HubOptions configure a Hub. The zero value is usable.
type HubOptions struct {
	// ClientBuffer is how many events may wait for one client; a client
	// that falls further behind is dropped. Zero means DefaultClientBuffer.
	ClientBuffer int
	// EventName, if set, names each event's SSE "event:" field after the
	// channel it came from (browsers then dispatch it to
	// addEventListener(name) rather than onmessage). "" omits the field.
	EventName func(channel string) string
	// Heartbeat, if positive, sends an SSE comment to every client this
	// often, so that proxies do not close idle streams.
	Heartbeat time.Duration
	// OnError, if set, is told about every event that does not decode;
	// such events are not broadcast.
	OnError func(err error)
}

// Hub broadcasts the events of one subscription to server-sent-event
// clients. It is an http.Handler: each request becomes a client that
// receives every event published after it connected, until it disconnects,
// falls too far behind, or the hub closes.
type Hub[T any] struct {
	sub  *Subscription[T]
	opts HubOptions

	mu      sync.Mutex
	clients map[*sseClient]struct{}
	closed  bool

	dropped   atomic.Int64
	done      chan struct{} // closed when run returns
	closeOnce sync.Once
}

// sseClient is one connected event stream.
type sseClient struct {
	events chan []byte   // frames waiting to be written
	kicked chan struct{} // closed when the hub drops the client or closes
	rc     *http.ResponseController

	mu       sync.Mutex // orders abort after the handler returned
	finished bool
}

// NewHub starts broadcasting the events of sub, which the hub now owns:
// Hub.Close closes it.
func NewHub[T any](sub *Subscription[T], opts HubOptions) *Hub[T] {
	if opts.ClientBuffer <= 0 {
		opts.ClientBuffer = DefaultClientBuffer
	}
	h := &Hub[T]{
		sub:     sub,
		opts:    opts,
		clients: make(map[*sseClient]struct{}),
		done:    make(chan struct{}),
	}
	go h.run()
	return h
}

func (h *Hub[T]) run() {
	defer close(h.done)
	for msg := range h.sub.Channel() {
		if msg.Err != nil {
			if h.opts.OnError != nil {
				h.opts.OnError(msg.Err)
			}
			continue
		}
		h.broadcast(h.frame(msg))
	}
}

// frame is the SSE encoding of msg, made once for all clients. Compacting
// the JSON keeps it on one "data:" line.
func (h *Hub[T]) frame(msg Message[T]) []byte {
	var b bytes.Buffer
	if h.opts.EventName != nil {
		if name := h.opts.EventName(msg.Channel); name != "" {
			b.WriteString("event: ")
			b.WriteString(name)
			b.WriteByte('\n')
		}
	}
	b.WriteString("data: ")
	if err := json.Compact(&b, []byte(msg.Raw)); err != nil {
		b.WriteString(msg.Raw) // unreachable: Raw decoded as JSON
	}
	b.WriteString("\n\n")
	return b.Bytes()
}

// broadcast hands frame to every client without waiting: a client whose
// buffer is full is dropped.
func (h *Hub[T]) broadcast(frame []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.events <- frame:
		default:
			delete(h.clients, c)
			h.dropped.Add(1)
			close(c.kicked)
			c.abort()
		}
	}
}

// abort unblocks a handler stuck writing to a client that does not read:
// a write deadline in the past fails the write, and net/http then closes
// the connection. It does nothing once the handler has returned, after
// which its ResponseController must not be used.
func (c *sseClient) abort() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.finished {
		_ = c.rc.SetWriteDeadline(time.Now())
	}
}

// ServeHTTP streams the hub's events to one client as text/event-stream.
func (h *Hub[T]) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := &sseClient{
		events: make(chan []byte, h.opts.ClientBuffer),
		kicked: make(chan struct{}),
		rc:     http.NewResponseController(w),
	}
	if !h.add(c) {
		http.Error(w, "event hub closed", http.StatusServiceUnavailable)
		return
	}
	defer h.remove(c)

	header := w.Header()
	header.Set("Content-Type", "text/event-stream")
	header.Set("Cache-Control", "no-cache")
	header.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	if err := c.rc.Flush(); err != nil {
		return // the ResponseWriter cannot stream
	}

	var heartbeat <-chan time.Time
	if h.opts.Heartbeat > 0 {
		ticker := time.NewTicker(h.opts.Heartbeat)
		defer ticker.Stop()
		heartbeat = ticker.C
	}
	for {
		var frame []byte
		select {
		case frame = <-c.events:
		case <-heartbeat:
			frame = []byte(": heartbeat\n\n")
		case <-c.kicked:
			return
		case <-r.Context().Done():
			return
		}
		if _, err := w.Write(frame); err != nil {
			return
		}
		if err := c.rc.Flush(); err != nil {
			return
		}
	}
}

func (h *Hub[T]) add(c *sseClient) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.clients[c] = struct{}{}
	return true
}

func (h *Hub[T]) remove(c *sseClient) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
	c.mu.Lock()
	c.finished = true
	c.mu.Unlock()
}

// Clients is the number of connected clients.
func (h *Hub[T]) Clients() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Dropped is the number of clients dropped for falling behind.
func (h *Hub[T]) Dropped() int64 { return h.dropped.Load() }

// Close ends every client's stream, closes the subscription and waits for
// the hub's goroutine. Requests that arrive later get 503.
func (h *Hub[T]) Close() error {
	var err error
	h.closeOnce.Do(func() {
		h.mu.Lock()
		h.closed = true
		for c := range h.clients {
			delete(h.clients, c)
			close(c.kicked)
		}
		h.mu.Unlock()
		err = h.sub.Close()
		<-h.done
	})
	return err
}
