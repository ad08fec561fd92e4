package jobs

import (
	"context"
	"time"
)

// Options configures a Queue. The zero value is usable.
type Options struct {
	// Prefix starts every key of the queue; "jobs" when empty. The keys
	// are <Prefix>:{<name>}:<suffix>, so all of a queue's keys share the
	// hash tag {<name>} and one Redis Cluster slot.
	Prefix string
	// Now, when set, is the clock for due times, locks' bookkeeping and
	// cron schedules. When nil the server's TIME is used, read inside the
	// scripts, so that every process of a deployment agrees on time.
	Now func() time.Time
	// DefaultJobOptions apply to jobs added without options of their own
	// (field by field: a zero field takes the default's value).
	DefaultJobOptions JobOptions
	// EventsMaxLen caps the queue's event stream (see Queue.ReadEvents)
	// at about this many entries: 10000 when 0; a negative value turns
	// the events off.
	EventsMaxLen int
}

// BackoffType names how the delay before a retry grows.
type BackoffType string

const (
	// BackoffFixed waits Backoff.Delay before every retry.
	BackoffFixed BackoffType = "fixed"
	// BackoffExponential waits Delay * 2^(attemptsMade-1): Delay, 2*Delay,
	// 4*Delay, ...
	BackoffExponential BackoffType = "exponential"
)

// Backoff is the delay before a failed job is tried again.
type Backoff struct {
	Type  BackoffType   `json:"type,omitempty"`
	Delay time.Duration `json:"delay,omitempty"`
}

// delayAfter is the wait before the next attempt once attemptsMade
// attempts (the one that just failed included) have been made.
func (b Backoff) delayAfter(attemptsMade int) time.Duration {
	if b.Delay <= 0 || attemptsMade < 1 {
		return 0
	}
	switch b.Type {
	case BackoffExponential:
		shift := attemptsMade - 1
		if shift > 30 { // keep the product well inside int64
			shift = 30
		}
		return b.Delay << shift
	default:
		return b.Delay
	}
}

// JobOptions are the per-job settings given to Queue.Add. The zero value
// runs the job once, as soon as possible, and keeps it when finished.
type JobOptions struct {
	// JobID, when set, names the job instead of a generated number. Adding
	// a job whose ID exists (in any state, until it is removed) does
	// nothing and returns the existing job: this de-duplicates.
	JobID string `json:"-"`
	// Attempts is how many times the job is tried in all (0 means 1).
	Attempts int `json:"attempts,omitempty"`
	// Backoff is the delay before each retry (none when zero).
	Backoff Backoff `json:"backoff,omitempty"`
	// Delay holds the job back for this long before it can run.
	Delay time.Duration `json:"delay,omitempty"`
	// RemoveOnComplete keeps only the newest N completed jobs of the queue
	// once this job completes; 0 keeps them all and a negative value
	// deletes this job as soon as it completes.
	RemoveOnComplete int `json:"removeOnComplete,omitempty"`
	// RemoveOnFail does the same for failed jobs.
	RemoveOnFail int `json:"removeOnFail,omitempty"`
}

// withDefaults fills each zero field from d.
func (o JobOptions) withDefaults(d JobOptions) JobOptions {
	if o.Attempts == 0 {
		o.Attempts = d.Attempts
	}
	if o.Backoff == (Backoff{}) {
		o.Backoff = d.Backoff
	}
	if o.Delay == 0 {
		o.Delay = d.Delay
	}
	if o.RemoveOnComplete == 0 {
		o.RemoveOnComplete = d.RemoveOnComplete
	}
	if o.RemoveOnFail == 0 {
		o.RemoveOnFail = d.RemoveOnFail
	}
	return o
}

// Handler processes one job. A nil error completes it; an error fails
// the attempt (the job is retried while attempts remain). A handler must
// return soon after ctx is cancelled: that happens when the worker loses
// the job's lock, is closed past its deadline, or is killed.
type Handler func(ctx context.Context, job *Job) error

// WorkerOptions configures a Worker. The zero value is usable.
type WorkerOptions struct {
	// Concurrency is how many jobs the worker runs at once (0 means 1).
	Concurrency int
	// LockDuration is the TTL of an active job's lock (default 30 s). The
	// worker renews it every LockDuration/2 while the handler runs; a job
	// whose lock expires is taken for stalled (its worker died).
	LockDuration time.Duration
	// StalledInterval is how often the worker looks for stalled jobs of
	// the queue, its own or any other worker's (default LockDuration).
	StalledInterval time.Duration
	// MaxStalledCount is how many times a job may stall and be put back to
	// wait before it fails instead (0 means 1).
	MaxStalledCount int
	// PollInterval is how long an idle worker waits before it looks for
	// work again (default 100 ms). Due delayed jobs are promoted then too.
	PollInterval time.Duration

	// OnCompleted is called after a job completes.
	OnCompleted func(job *Job)
	// OnFailed is called when a job fails for good: its last attempt
	// failed, or it stalled more than MaxStalledCount times (err is then
	// ErrStalled).
	OnFailed func(job *Job, err error)
	// OnRetry is called when an attempt fails and the job is scheduled to
	// be tried again after delay.
	OnRetry func(job *Job, err error, delay time.Duration)
	// OnError reports errors of the worker's own Redis calls, which it
	// retries on its next round.
	OnError func(err error)
}

func (o WorkerOptions) withDefaults() WorkerOptions {
	if o.Concurrency < 1 {
		o.Concurrency = 1
	}
	if o.LockDuration <= 0 {
		o.LockDuration = 30 * time.Second
	}
	if o.StalledInterval <= 0 {
		o.StalledInterval = o.LockDuration
	}
	if o.MaxStalledCount < 1 {
		o.MaxStalledCount = 1
	}
	if o.PollInterval <= 0 {
		o.PollInterval = 100 * time.Millisecond
	}
	return o
}
