package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Queue adds jobs to a named queue and inspects it. It is safe for
// concurrent use; it starts no goroutines.
type Queue struct {
	client redis.UniversalClient
	name   string
	opts   Options
	keys   keys
}

// New returns the queue called name on client.
func New(client redis.UniversalClient, name string, opts Options) *Queue {
	if opts.Prefix == "" {
		opts.Prefix = "jobs"
	}
	switch {
	case opts.EventsMaxLen == 0:
		opts.EventsMaxLen = 10000
	case opts.EventsMaxLen < 0:
		opts.EventsMaxLen = 0 // the scripts' "no events"
	}
	return &Queue{client: client, name: name, opts: opts, keys: newKeys(opts.Prefix, name)}
}

// Name is the queue's name.
func (q *Queue) Name() string { return q.name }

// nowArg is ARGV[1] of the scripts: Options.Now in ms, or "0" for the
// server's TIME.
func (q *Queue) nowArg() string {
	if q.opts.Now == nil {
		return "0"
	}
	return strconv.FormatInt(q.opts.Now().UnixMilli(), 10)
}

// now is the queue's time: Options.Now or the server's.
func (q *Queue) now(ctx context.Context) (time.Time, error) {
	if q.opts.Now != nil {
		return q.opts.Now(), nil
	}
	ms, err := timeScript.Run(ctx, q.client, []string{q.keys.id}, "0").Int64()
	if err != nil {
		return time.Time{}, fmt.Errorf("jobs: reading the server's time: %w", err)
	}
	return time.UnixMilli(ms), nil
}

// Add adds a job called name with data, marshaled as JSON, as its
// payload. It returns the job as stored; with a JobID that exists, the
// existing job, untouched.
func (q *Queue) Add(ctx context.Context, name string, data any, opts JobOptions) (*Job, error) {
	opts = opts.withDefaults(q.opts.DefaultJobOptions)
	payload, err := json.Marshal(data)
	if err != nil {
		return nil, fmt.Errorf("jobs: encoding the payload of %q: %w", name, err)
	}
	optsJSON, err := json.Marshal(opts)
	if err != nil {
		return nil, fmt.Errorf("jobs: encoding the options of %q: %w", name, err)
	}
	id := opts.JobID
	if id == "" {
		n, err := q.client.Incr(ctx, q.keys.id).Result()
		if err != nil {
			return nil, fmt.Errorf("jobs: generating an ID: %w", err)
		}
		id = strconv.FormatInt(n, 10)
	}
	res, err := addScript.Run(ctx, q.client,
		[]string{q.keys.job(id), q.keys.wait, q.keys.delayed, q.keys.events},
		q.nowArg(), id, opts.Delay.Milliseconds(), q.opts.EventsMaxLen,
		fieldName, name, fieldData, payload, fieldOpts, optsJSON,
	).Slice()
	if err != nil {
		return nil, fmt.Errorf("jobs: adding %q: %w", name, err)
	}
	if added, _ := res[0].(int64); added == 0 {
		return q.GetJob(ctx, id)
	}
	now, _ := res[1].(int64)
	return &Job{ID: id, Name: name, Data: payload, Opts: opts, Timestamp: time.UnixMilli(now)}, nil
}

// GetJob returns the job with id, or ErrJobNotFound.
func (q *Queue) GetJob(ctx context.Context, id string) (*Job, error) {
	h, err := q.client.HGetAll(ctx, q.keys.job(id)).Result()
	if err != nil {
		return nil, fmt.Errorf("jobs: reading job %s: %w", id, err)
	}
	if len(h) == 0 {
		return nil, ErrJobNotFound
	}
	return jobFromHash(id, h)
}

// State tells where the job with id is; StateUnknown if there is none.
func (q *Queue) State(ctx context.Context, id string) (State, error) {
	k := q.keys
	s, err := stateScript.Run(ctx, q.client,
		[]string{k.job(id), k.wait, k.active, k.delayed, k.completed, k.failed}, id).Text()
	if err != nil {
		return "", fmt.Errorf("jobs: reading the state of job %s: %w", id, err)
	}
	return State(s), nil
}

// Counts are how many jobs are in each state.
type Counts struct {
	Waiting, Active, Delayed, Completed, Failed int64
}

// Counts returns how many jobs are in each state, read atomically.
func (q *Queue) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	var wait, active, delayed, completed, failed *redis.IntCmd
	_, err := q.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		wait = p.LLen(ctx, q.keys.wait)
		active = p.SCard(ctx, q.keys.active)
		delayed = p.ZCard(ctx, q.keys.delayed)
		completed = p.ZCard(ctx, q.keys.completed)
		failed = p.ZCard(ctx, q.keys.failed)
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("jobs: counting jobs: %w", err)
	}
	c.Waiting, c.Active, c.Delayed = wait.Val(), active.Val(), delayed.Val()
	c.Completed, c.Failed = completed.Val(), failed.Val()
	return c, nil
}

// Completed returns the IDs of the completed jobs, oldest first.
func (q *Queue) Completed(ctx context.Context) ([]string, error) {
	return q.finished(ctx, q.keys.completed)
}

// Failed returns the IDs of the failed jobs, oldest first.
func (q *Queue) Failed(ctx context.Context) ([]string, error) {
	return q.finished(ctx, q.keys.failed)
}

func (q *Queue) finished(ctx context.Context, key string) ([]string, error) {
	ids, err := q.client.ZRange(ctx, key, 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("jobs: listing %s: %w", key, err)
	}
	return ids, nil
}

// trim keeps the newest keep members of a completed or failed set and
// deletes the others with their hashes, in batches of at most 100; each
// batch is atomic (a member leaves the set with its hash).
func (q *Queue) trim(ctx context.Context, set string, keep int) error {
	for round := 0; round < 1000; round++ {
		// The oldest members beyond the newest keep.
		ids, err := q.client.ZRange(ctx, set, 0, int64(-keep-1)).Result()
		if err != nil {
			return fmt.Errorf("jobs: trimming %s: %w", set, err)
		}
		if len(ids) == 0 {
			return nil
		}
		if len(ids) > 100 {
			ids = ids[:100]
		}
		keys := make([]string, 1, len(ids)+1)
		keys[0] = set
		args := make([]any, 1, len(ids)+1)
		args[0] = keep
		for _, id := range ids {
			keys = append(keys, q.keys.job(id))
			args = append(args, id)
		}
		if err := trimScript.Run(ctx, q.client, keys, args...).Err(); err != nil {
			return fmt.Errorf("jobs: trimming %s: %w", set, err)
		}
	}
	return errors.New("jobs: trimming did not finish")
}
