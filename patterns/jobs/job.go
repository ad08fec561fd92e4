package jobs

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// State is where a job is in its life.
type State string

const (
	StateWaiting   State = "waiting"
	StateDelayed   State = "delayed"
	StateActive    State = "active"
	StateCompleted State = "completed"
	StateFailed    State = "failed"
	StateUnknown   State = "unknown" // no such job (never added, or removed)
)

var (
	// ErrJobNotFound is returned by Queue.GetJob for an unknown ID.
	ErrJobNotFound = errors.New("jobs: job not found")
	// ErrStalled is the error a job fails with when it stalled (its
	// worker stopped renewing its lock) more than MaxStalledCount times.
	ErrStalled = errors.New("jobs: job stalled more than allowable limit")
	// ErrLockLost is the cause of a handler's ctx cancellation when the
	// worker could not renew the job's lock: another worker may run it.
	ErrLockLost = errors.New("jobs: job lock lost")
	// ErrClosed is returned when a closed worker or queue is used.
	ErrClosed = errors.New("jobs: worker closed")
)

// Job is one unit of work and its bookkeeping, as stored in the job's
// hash.
type Job struct {
	ID   string
	Name string
	// Data is the JSON payload given to Add; Decode unmarshals it.
	Data json.RawMessage
	Opts JobOptions
	// AttemptsMade counts the attempts that finished (completed or
	// failed); it is 0 during the first run.
	AttemptsMade int
	// Stalls counts how often the job was found stalled and put back.
	Stalls int
	// Timestamp is when the job was added; ProcessedOn when its latest
	// attempt started; FinishedOn when it completed or failed for good.
	Timestamp, ProcessedOn, FinishedOn time.Time
	// FailedReason is the error message of the latest failed attempt.
	FailedReason string
	// RepeatKey names the repeatable job this job is an occurrence of.
	RepeatKey string
	// RepeatAt is the occurrence's scheduled time, for repeated jobs.
	RepeatAt time.Time

	repeatPattern string
}

// Decode unmarshals the job's JSON payload into v.
func (j *Job) Decode(v any) error {
	if err := json.Unmarshal(j.Data, v); err != nil {
		return fmt.Errorf("jobs: decoding job %s: %w", j.ID, err)
	}
	return nil
}

// Job hash fields.
const (
	fieldName        = "name"
	fieldData        = "data"
	fieldOpts        = "opts"
	fieldTimestamp   = "ts"
	fieldAttempts    = "attempts"
	fieldStalls      = "stalls"
	fieldProcessedOn = "processedOn"
	fieldFinishedOn  = "finishedOn"
	fieldFailed      = "failedReason"
	fieldRepeatKey   = "rkey"
	fieldRepeatPat   = "rpat"
	fieldRepeatAt    = "rts"
)

// jobFromHash builds a Job from its hash's fields.
func jobFromHash(id string, h map[string]string) (*Job, error) {
	j := &Job{
		ID:            id,
		Name:          h[fieldName],
		Data:          json.RawMessage(h[fieldData]),
		FailedReason:  h[fieldFailed],
		RepeatKey:     h[fieldRepeatKey],
		repeatPattern: h[fieldRepeatPat],
	}
	if s := h[fieldOpts]; s != "" {
		if err := json.Unmarshal([]byte(s), &j.Opts); err != nil {
			return nil, fmt.Errorf("jobs: job %s has bad options: %w", id, err)
		}
	}
	j.AttemptsMade, _ = strconv.Atoi(h[fieldAttempts])
	j.Stalls, _ = strconv.Atoi(h[fieldStalls])
	j.Timestamp = msTime(h[fieldTimestamp])
	j.ProcessedOn = msTime(h[fieldProcessedOn])
	j.FinishedOn = msTime(h[fieldFinishedOn])
	j.RepeatAt = msTime(h[fieldRepeatAt])
	return j, nil
}

// jobFromPairs builds a Job from an HGETALL reply made inside a script:
// a flat list of field, value, field, value...
func jobFromPairs(id string, pairs []any) (*Job, error) {
	h := make(map[string]string, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		k, _ := pairs[i].(string)
		v, _ := pairs[i+1].(string)
		h[k] = v
	}
	return jobFromHash(id, h)
}

func msTime(s string) time.Time {
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil || ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}
