package jobs

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// EventType names a change of a job's state.
type EventType string

const (
	EventWaiting   EventType = "waiting"   // added, ready to run
	EventDelayed   EventType = "delayed"   // added with a delay
	EventCompleted EventType = "completed" // the handler returned nil
	EventRetrying  EventType = "retrying"  // an attempt failed; it will be tried again
	EventFailed    EventType = "failed"    // failed for good
	EventStalled   EventType = "stalled"   // its worker died; put back to wait
)

// Event is one entry of a queue's event stream. The scripts that move
// jobs append them, so a process that runs no worker (a dashboard, a
// producer awaiting a result) can follow the queue.
type Event struct {
	// StreamID is the entry's ID; pass the last one seen to ReadEvents.
	StreamID string
	Type     EventType
	JobID    string
	// Reason is the error message, for failed and retrying events.
	Reason string
	// Delay is the wait before the job can run, for delayed and retrying
	// events.
	Delay time.Duration
}

// ReadEvents returns up to count events that follow the stream ID after
// ("0" for the oldest kept, "$" for only new ones, which needs block). If
// there are none it waits up to block for some (not at all when block
// is 0) and then returns none.
func (q *Queue) ReadEvents(ctx context.Context, after string, count int64, block time.Duration) ([]Event, error) {
	args := &redis.XReadArgs{Streams: []string{q.keys.events, after}, Count: count, Block: -1}
	if block > 0 {
		args.Block = block
	}
	streams, err := q.client.XRead(ctx, args).Result()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: reading events: %w", err)
	}
	var events []Event
	for _, s := range streams {
		for _, m := range s.Messages {
			e := Event{StreamID: m.ID}
			e.Type = EventType(str(m.Values["event"]))
			e.JobID = str(m.Values["jobId"])
			e.Reason = str(m.Values["reason"])
			if ms, err := strconv.ParseInt(str(m.Values["delay"]), 10, 64); err == nil {
				e.Delay = time.Duration(ms) * time.Millisecond
			}
			events = append(events, e)
		}
	}
	return events, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
