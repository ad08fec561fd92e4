package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/robfig/cron/v3"
)

// Repeat makes a job repeatable on a cron schedule.
type Repeat struct {
	// Pattern is a cron spec with an optional leading seconds field:
	// "*/5 * * * *" (every five minutes) or "*/1 * * * * *" (every
	// second), or a descriptor such as "@hourly". Times are UTC unless
	// the spec starts with CRON_TZ=<zone>.
	Pattern string
	// Key names the repeatable job; name + ":" + Pattern when empty.
	// Adding a repeatable job whose key is scheduled does nothing.
	Key string
}

var cronParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

func (r Repeat) key(name string) string {
	if r.Key != "" {
		return r.Key
	}
	return name + ":" + r.Pattern
}

// repeatJobID is the deterministic ID of the occurrence of key at ms, so
// that two schedulers of the same occurrence make one job.
func repeatJobID(key string, ms int64) string {
	return "repeat:" + key + ":" + strconv.FormatInt(ms, 10)
}

// nextOccurrence is the first time of schedule strictly after both the
// previous occurrence and now, in ms.
func nextOccurrence(schedule cron.Schedule, prevMs, nowMs int64) int64 {
	from := max(prevMs, nowMs)
	return schedule.Next(time.UnixMilli(from).UTC()).UnixMilli()
}

// AddRepeatable registers a job called name that runs on r's cron
// schedule: it schedules the next occurrence as a delayed job, and each
// occurrence, when a worker takes it, schedules the one after. It returns
// the repeat key. If the key is already scheduled it changes nothing.
// opts.Delay and opts.JobID are ignored.
func (q *Queue) AddRepeatable(ctx context.Context, name string, data any, r Repeat, opts JobOptions) (string, error) {
	schedule, err := cronParser.Parse(r.Pattern)
	if err != nil {
		return "", fmt.Errorf("jobs: repeat pattern %q: %w", r.Pattern, err)
	}
	opts = opts.withDefaults(q.opts.DefaultJobOptions)
	opts.JobID, opts.Delay = "", 0
	payload, err := json.Marshal(data)
	if err != nil {
		return "", fmt.Errorf("jobs: encoding the payload of %q: %w", name, err)
	}
	optsJSON, err := json.Marshal(opts)
	if err != nil {
		return "", fmt.Errorf("jobs: encoding the options of %q: %w", name, err)
	}
	now, err := q.now(ctx)
	if err != nil {
		return "", err
	}
	key := r.key(name)
	next := nextOccurrence(schedule, 0, now.UnixMilli())
	if _, err := q.scheduleOccurrence(ctx, key, "", next, name, string(payload), string(optsJSON), r.Pattern); err != nil {
		return "", err
	}
	return key, nil
}

// scheduleOccurrence runs repeatScript for the occurrence of key at
// next, following prev ("" for the first).
func (q *Queue) scheduleOccurrence(ctx context.Context, key, prev string, next int64, name, payload, opts, pattern string) (bool, error) {
	id := repeatJobID(key, next)
	res, err := repeatScript.Run(ctx, q.client,
		[]string{q.keys.repeat, q.keys.job(id), q.keys.delayed},
		q.nowArg(), key, prev, next, id,
		fieldName, name, fieldData, payload, fieldOpts, opts,
		fieldRepeatKey, key, fieldRepeatPat, pattern, fieldRepeatAt, next,
	).Slice()
	if err != nil {
		return false, fmt.Errorf("jobs: scheduling repeatable %q: %w", key, err)
	}
	scheduled, _ := res[0].(int64)
	return scheduled == 1, nil
}

// scheduleNext schedules the occurrence after job, a repeatable job's
// occurrence that a worker took at nowMs. It is idempotent: only the
// first call for an occurrence moves the chain on.
func (q *Queue) scheduleNext(ctx context.Context, job *Job, nowMs int64) error {
	schedule, err := cronParser.Parse(job.repeatPattern)
	if err != nil {
		return fmt.Errorf("jobs: repeat pattern %q of job %s: %w", job.repeatPattern, job.ID, err)
	}
	prev := job.RepeatAt.UnixMilli()
	next := nextOccurrence(schedule, prev, nowMs)
	optsJSON, err := json.Marshal(job.Opts)
	if err != nil {
		return fmt.Errorf("jobs: encoding the options of job %s: %w", job.ID, err)
	}
	_, err = q.scheduleOccurrence(ctx, job.RepeatKey, strconv.FormatInt(prev, 10), next,
		job.Name, string(job.Data), string(optsJSON), job.repeatPattern)
	return err
}

// RemoveRepeatable stops the repeatable job called key: its pending
// occurrence is deleted if it has not started yet, and no other is
// scheduled. It reports whether the key was scheduled.
func (q *Queue) RemoveRepeatable(ctx context.Context, key string) (bool, error) {
	// The chain may move on between reading its next time and removing
	// it: the script then refuses, and this tries again.
	for range 100 {
		score, err := q.client.ZScore(ctx, q.keys.repeat, key).Result()
		if errors.Is(err, redis.Nil) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("jobs: removing repeatable %q: %w", key, err)
		}
		next := int64(score)
		id := repeatJobID(key, next)
		n, err := removeRepeatScript.Run(ctx, q.client,
			[]string{q.keys.repeat, q.keys.delayed, q.keys.job(id)}, key, next, id).Int64()
		if err != nil {
			return false, fmt.Errorf("jobs: removing repeatable %q: %w", key, err)
		}
		if n >= 0 {
			return n == 1, nil
		}
	}
	return false, fmt.Errorf("jobs: removing repeatable %q: its schedule kept moving", key)
}

// Repeatables returns the scheduled repeat keys with their next times.
func (q *Queue) Repeatables(ctx context.Context) (map[string]time.Time, error) {
	zs, err := q.client.ZRangeWithScores(ctx, q.keys.repeat, 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("jobs: listing repeatables: %w", err)
	}
	out := make(map[string]time.Time, len(zs))
	for _, z := range zs {
		key, _ := z.Member.(string)
		out[key] = time.UnixMilli(int64(z.Score))
	}
	return out, nil
}
