package compat_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miniserve-dev/miniserve/patterns/jobs"
	"github.com/redis/go-redis/v9"
)

// The job-queue suites keep delays, backoffs and lock TTLs short (Advance
// sleeps on Redis) and never assert on timing: they wait for outcomes in
// bounded loops and check counts and states.

func jobsQueue(b *patternBackend, client redis.UniversalClient, name string) *jobs.Queue {
	return jobs.New(client, name, jobs.Options{Prefix: b.Prefix + "jobs"})
}

// startJobsWorker starts a worker that is closed (at once) when the test
// ends, if the test did not stop it.
func startJobsWorker(t *testing.T, q *jobs.Queue, h jobs.Handler, opts jobs.WorkerOptions) *jobs.Worker {
	t.Helper()
	if opts.PollInterval == 0 {
		opts.PollInterval = 10 * time.Millisecond
	}
	if opts.OnError == nil {
		opts.OnError = func(err error) { t.Logf("worker error: %v", err) }
	}
	w := q.NewWorker(h, opts)
	t.Cleanup(func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		w.Close(ctx)
	})
	return w
}

// waitUntil polls cond every 10 ms, calling step (if any) between polls,
// and fails the test after 1500 polls.
func waitUntil(t *testing.T, what string, step func(), cond func() bool) {
	t.Helper()
	for i := 0; i < 1500; i++ {
		if cond() {
			return
		}
		if step != nil {
			step()
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// runCounter counts the runs of each job ID.
type runCounter struct {
	mu   sync.Mutex
	runs map[string]int
}

func (c *runCounter) add(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.runs == nil {
		c.runs = map[string]int{}
	}
	c.runs[id]++
}

func (c *runCounter) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.runs))
	for k, v := range c.runs {
		out[k] = v
	}
	return out
}

func jobCounts(t *testing.T, q *jobs.Queue) jobs.Counts {
	t.Helper()
	c, err := q.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestPatternJobsExactlyOnce runs 120 jobs on two competing workers with
// concurrency 5 each: every job runs once and completes once.
func TestPatternJobsExactlyOnce(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()
		q1 := jobsQueue(b, b.Client, "work")
		q2 := jobsQueue(b, b.NewClient(), "work")
		const n = 120
		for i := 0; i < n; i++ {
			if _, err := q1.Add(ctx, "square", i, jobs.JobOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		var runs, completions runCounter
		var mu sync.Mutex
		inFlight, maxInFlight := 0, 0
		handler := func(ctx context.Context, job *jobs.Job) error {
			mu.Lock()
			inFlight++
			maxInFlight = max(maxInFlight, inFlight)
			mu.Unlock()
			runs.add(job.ID)
			var x int
			if err := job.Decode(&x); err != nil {
				return err
			}
			time.Sleep(time.Millisecond) // let the runs overlap
			mu.Lock()
			inFlight--
			mu.Unlock()
			return nil
		}
		opts := jobs.WorkerOptions{Concurrency: 5, LockDuration: 10 * time.Second,
			OnCompleted: func(job *jobs.Job) { completions.add(job.ID) }}
		w1 := startJobsWorker(t, q1, handler, opts)
		w2 := startJobsWorker(t, q2, handler, opts)
		waitUntil(t, "all jobs completed", nil, func() bool { return jobCounts(t, q1).Completed == n })
		if err := w1.Close(ctx); err != nil {
			t.Fatal(err)
		}
		if err := w2.Close(ctx); err != nil {
			t.Fatal(err)
		}
		r, c := runs.snapshot(), completions.snapshot()
		if len(r) != n || len(c) != n {
			t.Fatalf("%d jobs ran and %d completed; want %d", len(r), len(c), n)
		}
		for id, k := range r {
			if k != 1 || c[id] != 1 {
				t.Errorf("job %s ran %d times and completed %d times; want once", id, k, c[id])
			}
		}
		if maxInFlight > 10 {
			t.Errorf("%d jobs ran at once; two workers of concurrency 5 allow 10", maxInFlight)
		}
		if got := jobCounts(t, q1); got != (jobs.Counts{Completed: n}) {
			t.Errorf("counts = %+v", got)
		}
	})
}

// TestPatternJobsRetries: exponential backoff then success, and attempts
// exhausted leading to a failed event.
func TestPatternJobsRetries(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()
		q := jobsQueue(b, b.Client, "retry")
		backoff := jobs.Backoff{Type: jobs.BackoffExponential, Delay: 100 * time.Millisecond}
		flaky, err := q.Add(ctx, "flaky", nil, jobs.JobOptions{Attempts: 4, Backoff: backoff})
		if err != nil {
			t.Fatal(err)
		}
		doomed, err := q.Add(ctx, "doomed", nil, jobs.JobOptions{Attempts: 2, Backoff: jobs.Backoff{Type: jobs.BackoffFixed, Delay: 50 * time.Millisecond}})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var retries []string
		var completed, failed []*jobs.Job
		var failedErr error
		startJobsWorker(t, q, func(ctx context.Context, job *jobs.Job) error {
			if job.Name == "flaky" && job.AttemptsMade < 2 || job.Name == "doomed" {
				return fmt.Errorf("%s attempt %d", job.Name, job.AttemptsMade+1)
			}
			return nil
		}, jobs.WorkerOptions{
			LockDuration: 10 * time.Second,
			OnRetry: func(job *jobs.Job, err error, delay time.Duration) {
				mu.Lock()
				defer mu.Unlock()
				retries = append(retries, fmt.Sprintf("%s %d %v %v", job.Name, job.AttemptsMade, delay, err))
			},
			OnCompleted: func(job *jobs.Job) { mu.Lock(); completed = append(completed, job); mu.Unlock() },
			OnFailed: func(job *jobs.Job, err error) {
				mu.Lock()
				defer mu.Unlock()
				failed, failedErr = append(failed, job), err
			},
		})
		waitUntil(t, "both jobs finished", func() { b.Advance(50 * time.Millisecond) }, func() bool {
			mu.Lock()
			defer mu.Unlock()
			return len(completed)+len(failed) == 2
		})
		mu.Lock()
		defer mu.Unlock()
		want := map[string]bool{
			"flaky 1 100ms flaky attempt 1":  true,
			"flaky 2 200ms flaky attempt 2":  true,
			"doomed 1 50ms doomed attempt 1": true,
		}
		if len(retries) != len(want) {
			t.Fatalf("retries = %q; want %d", retries, len(want))
		}
		for _, r := range retries {
			if !want[r] {
				t.Errorf("unexpected retry %q", r)
			}
		}
		if len(completed) != 1 || completed[0].ID != flaky.ID || completed[0].AttemptsMade != 3 {
			t.Errorf("completed = %+v; want %s after 3 attempts", completed, flaky.ID)
		}
		if len(failed) != 1 || failed[0].ID != doomed.ID || failed[0].AttemptsMade != 2 || failedErr.Error() != "doomed attempt 2" {
			t.Errorf("failed = %+v (%v); want %s after 2 attempts", failed, failedErr, doomed.ID)
		}
		for id, want := range map[string]jobs.State{flaky.ID: jobs.StateCompleted, doomed.ID: jobs.StateFailed} {
			if s, err := q.State(ctx, id); err != nil || s != want {
				t.Errorf("state of %s = %s, %v; want %s", id, s, err, want)
			}
		}
		job, err := q.GetJob(ctx, doomed.ID)
		if err != nil || job.FailedReason != "doomed attempt 2" || job.AttemptsMade != 2 || job.FinishedOn.IsZero() {
			t.Errorf("failed job = %+v, %v", job, err)
		}

		// The event stream tells the same story, job by job.
		events, err := q.ReadEvents(ctx, "0", 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		story := map[string][]string{}
		for _, e := range events {
			story[e.JobID] = append(story[e.JobID], fmt.Sprintf("%s %v %s", e.Type, e.Delay, e.Reason))
		}
		wantStory := map[string]string{
			flaky.ID:  "[waiting 0s  retrying 100ms flaky attempt 1 retrying 200ms flaky attempt 2 completed 0s ]",
			doomed.ID: "[waiting 0s  retrying 50ms doomed attempt 1 failed 0s doomed attempt 2]",
		}
		for id, want := range wantStory {
			if got := fmt.Sprint(story[id]); got != want {
				t.Errorf("events of job %s = %s; want %s", id, got, want)
			}
		}
		if more, err := q.ReadEvents(ctx, events[len(events)-1].StreamID, 10, 0); err != nil || len(more) != 0 {
			t.Errorf("events after the last = %v, %v; want none", more, err)
		}
	})
}

// TestPatternJobsDelayed: a delayed job waits in the delayed set and runs
// only once its delay has passed on the server's clock.
func TestPatternJobsDelayed(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()
		q := jobsQueue(b, b.Client, "later")
		added := time.Now()
		job, err := q.Add(ctx, "reminder", "hi", jobs.JobOptions{Delay: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if s, err := q.State(ctx, job.ID); err != nil || (s != jobs.StateDelayed && time.Since(added) < 500*time.Millisecond) {
			t.Fatalf("state right after Add = %s, %v; want delayed", s, err)
		}
		ran := make(chan *jobs.Job, 1)
		startJobsWorker(t, q, func(ctx context.Context, job *jobs.Job) error {
			ran <- job
			return nil
		}, jobs.WorkerOptions{LockDuration: 10 * time.Second})
		b.Advance(1100 * time.Millisecond)
		var got *jobs.Job
		waitUntil(t, "the delayed job to run", nil, func() bool {
			select {
			case got = <-ran:
				return true
			default:
				return false
			}
		})
		if lag := got.ProcessedOn.Sub(got.Timestamp); lag < time.Second {
			t.Errorf("job ran %v after it was added; want at least its 1s delay", lag)
		}
	})
}

// TestPatternJobsRepeatable: a cron job every second, added by two
// processes and served by two workers, fires several times with distinct
// IDs, each run once.
func TestPatternJobsRepeatable(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()
		q1 := jobsQueue(b, b.Client, "cron")
		q2 := jobsQueue(b, b.NewClient(), "cron")
		r := jobs.Repeat{Pattern: "*/1 * * * * *"}
		key1, err := q1.AddRepeatable(ctx, "tick", map[string]int{"n": 1}, r, jobs.JobOptions{})
		if err != nil {
			t.Fatal(err)
		}
		key2, err := q2.AddRepeatable(ctx, "tick", map[string]int{"n": 1}, r, jobs.JobOptions{})
		if err != nil || key1 != key2 {
			t.Fatalf("second AddRepeatable = %q, %v; want %q", key2, err, key1)
		}
		if c := jobCounts(t, q1); c.Delayed != 1 {
			t.Fatalf("after adding twice: %+v; want one delayed occurrence", c)
		}
		var runs runCounter
		handler := func(ctx context.Context, job *jobs.Job) error {
			if job.RepeatKey != key1 || job.Name != "tick" || string(job.Data) != `{"n":1}` {
				return fmt.Errorf("unexpected occurrence %+v", job)
			}
			runs.add(job.ID)
			return nil
		}
		opts := jobs.WorkerOptions{Concurrency: 2, LockDuration: 10 * time.Second}
		w1 := startJobsWorker(t, q1, handler, opts)
		w2 := startJobsWorker(t, q2, handler, opts)
		waitUntil(t, "three occurrences", func() { b.Advance(250 * time.Millisecond) }, func() bool {
			return jobCounts(t, q1).Completed >= 3
		})
		if removed, err := q1.RemoveRepeatable(ctx, key1); err != nil || !removed {
			t.Fatalf("RemoveRepeatable = %v, %v", removed, err)
		}
		w1.Close(ctx)
		w2.Close(ctx)
		seen := runs.snapshot()
		if len(seen) < 3 {
			t.Fatalf("runs = %v; want at least 3 occurrences", seen)
		}
		for id, n := range seen {
			if n != 1 || !strings.HasPrefix(id, "repeat:"+key1+":") {
				t.Errorf("occurrence %s ran %d times; want once, with a repeat ID", id, n)
			}
		}
		c := jobCounts(t, q1)
		if c.Failed != 0 || c.Delayed != 0 || c.Completed != int64(len(seen)) {
			t.Errorf("counts after removing the repeatable = %+v; %d ran", c, len(seen))
		}
		if reps, err := q1.Repeatables(ctx); err != nil || len(reps) != 0 {
			t.Errorf("Repeatables = %v, %v; want none", reps, err)
		}
	})
}

// TestPatternJobsRetention: only the newest N completed and failed jobs
// are kept, and the trimmed ones' hashes are deleted.
func TestPatternJobsRetention(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()
		q := jobsQueue(b, b.Client, "keep")
		var ids []string
		for i := 0; i < 10; i++ {
			job, err := q.Add(ctx, "ok", i, jobs.JobOptions{RemoveOnComplete: 3})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, job.ID)
		}
		for i := 0; i < 6; i++ {
			job, err := q.Add(ctx, "bad", i, jobs.JobOptions{RemoveOnFail: 2})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, job.ID)
		}
		gone, err := q.Add(ctx, "ok", "gone", jobs.JobOptions{RemoveOnComplete: -1})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		finished := 0
		count := func(*jobs.Job) { mu.Lock(); finished++; mu.Unlock() }
		startJobsWorker(t, q, func(ctx context.Context, job *jobs.Job) error {
			if job.Name == "bad" {
				return errors.New("bad job")
			}
			return nil
		}, jobs.WorkerOptions{Concurrency: 3, LockDuration: 10 * time.Second,
			OnCompleted: count, OnFailed: func(j *jobs.Job, _ error) { count(j) }})
		waitUntil(t, "all jobs finished", nil, func() bool { mu.Lock(); defer mu.Unlock(); return finished == 17 })
		if c := jobCounts(t, q); c != (jobs.Counts{Completed: 3, Failed: 2}) {
			t.Fatalf("counts = %+v; want 3 completed and 2 failed kept", c)
		}
		kept := map[string]bool{}
		for _, list := range []func(context.Context) ([]string, error){q.Completed, q.Failed} {
			l, err := list(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range l {
				kept[id] = true
			}
		}
		for _, id := range append(ids, gone.ID) {
			_, err := q.GetJob(ctx, id)
			switch {
			case kept[id] && err != nil:
				t.Errorf("kept job %s: %v", id, err)
			case !kept[id] && !errors.Is(err, jobs.ErrJobNotFound):
				t.Errorf("trimmed job %s: GetJob error %v; want its hash deleted", id, err)
			}
		}
	})
}

// TestPatternJobsStalled: a worker dies mid-job (stops renewing its lock
// and never finishes); once the lock expires another worker finds the
// job stalled, runs it and completes it. A job that stalls more than
// MaxStalledCount times fails.
func TestPatternJobsStalled(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()
		const lock = 600 * time.Millisecond
		opts := jobs.WorkerOptions{LockDuration: lock, StalledInterval: 50 * time.Millisecond}
		blocker := func(started chan<- string) jobs.Handler {
			return func(ctx context.Context, job *jobs.Job) error {
				started <- job.ID
				<-ctx.Done() // hangs until the worker is killed
				return ctx.Err()
			}
		}
		// A worker that dies mid-job.
		crashClient := b.NewClient()
		q := jobsQueue(b, crashClient, "stall")
		job, err := q.Add(ctx, "fragile", nil, jobs.JobOptions{})
		if err != nil {
			t.Fatal(err)
		}
		started := make(chan string, 1)
		crashed := startJobsWorker(t, q, blocker(started), opts)
		if id := <-started; id != job.ID {
			t.Fatalf("started %s; want %s", id, job.ID)
		}
		crashed.Kill()
		crashClient.Close()

		q2 := jobsQueue(b, b.Client, "stall")
		if s, err := q2.State(ctx, job.ID); err != nil || s != jobs.StateActive {
			t.Fatalf("state after the crash = %s, %v; want active", s, err)
		}
		b.Advance(lock + 200*time.Millisecond)
		var runs runCounter
		done := make(chan *jobs.Job, 1)
		rescuer := startJobsWorker(t, q2, func(ctx context.Context, j *jobs.Job) error {
			runs.add(j.ID)
			return nil
		}, jobs.WorkerOptions{LockDuration: lock, StalledInterval: 50 * time.Millisecond,
			OnCompleted: func(j *jobs.Job) { done <- j }})
		got := <-done
		if got.ID != job.ID || got.Stalls != 1 {
			t.Errorf("rescued job = %+v; want %s with one stall", got, job.ID)
		}
		events, err := q2.ReadEvents(ctx, "0", 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		var types []jobs.EventType
		for _, e := range events {
			types = append(types, e.Type)
		}
		if fmt.Sprint(types) != "[waiting stalled completed]" {
			t.Errorf("events = %v; want waiting, stalled, completed", types)
		}
		rescuer.Close(ctx)
		if r := runs.snapshot(); r[job.ID] != 1 || len(r) != 1 {
			t.Errorf("rescuer runs = %v", r)
		}

		// A job that stalls twice with MaxStalledCount 1 fails.
		doomed, err := q2.Add(ctx, "doomed", nil, jobs.JobOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for round := 1; round <= 2; round++ {
			c := b.NewClient()
			w := startJobsWorker(t, jobsQueue(b, c, "stall"), blocker(started), opts)
			if id := <-started; id != doomed.ID {
				t.Fatalf("round %d started %s; want %s", round, id, doomed.ID)
			}
			w.Kill()
			c.Close()
			b.Advance(lock + 200*time.Millisecond)
		}
		failed := make(chan error, 1)
		checker := startJobsWorker(t, q2, func(ctx context.Context, j *jobs.Job) error {
			return fmt.Errorf("job %s should not run again", j.ID)
		}, jobs.WorkerOptions{LockDuration: lock, StalledInterval: 50 * time.Millisecond,
			OnFailed: func(j *jobs.Job, err error) {
				if j.ID == doomed.ID {
					failed <- err
				}
			}})
		if err := <-failed; !errors.Is(err, jobs.ErrStalled) {
			t.Errorf("failed with %v; want ErrStalled", err)
		}
		checker.Close(ctx)
		j, err := q2.GetJob(ctx, doomed.ID)
		if err != nil || j.Stalls != 2 || j.FailedReason != jobs.ErrStalled.Error() {
			t.Errorf("doomed job = %+v, %v; want failed after 2 stalls", j, err)
		}
	})
}

// TestPatternJobsGracefulShutdown: Close lets running jobs finish within
// its context; when the context ends first, the unfinished jobs go back
// to wait and another worker completes them.
func TestPatternJobsGracefulShutdown(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()
		q := jobsQueue(b, b.Client, "shutdown")
		quick, _ := q.Add(ctx, "quick", nil, jobs.JobOptions{})
		slow, _ := q.Add(ctx, "slow", nil, jobs.JobOptions{})
		started := make(chan string, 2)
		release := make(chan struct{})
		var first runCounter
		w := startJobsWorker(t, q, func(ctx context.Context, job *jobs.Job) error {
			first.add(job.ID)
			started <- job.Name
			if job.Name == "quick" {
				<-release
				return nil
			}
			<-ctx.Done() // slow never finishes on its own
			return ctx.Err()
		}, jobs.WorkerOptions{Concurrency: 2, LockDuration: 10 * time.Second})
		<-started
		<-started
		closeCtx, cancel := context.WithCancel(ctx)
		closed := make(chan error, 1)
		go func() { closed <- w.Close(closeCtx) }()
		close(release) // quick finishes during Close
		waitUntil(t, "quick to complete", nil, func() bool {
			s, err := q.State(ctx, quick.ID)
			return err == nil && s == jobs.StateCompleted
		})
		cancel() // the deadline: slow goes back to wait
		if err := <-closed; !errors.Is(err, context.Canceled) {
			t.Errorf("Close = %v; want context.Canceled", err)
		}
		if s, err := q.State(ctx, slow.ID); err != nil || s != jobs.StateWaiting {
			t.Fatalf("state of the unfinished job = %s, %v; want waiting", s, err)
		}
		if j, err := q.GetJob(ctx, slow.ID); err != nil || j.AttemptsMade != 0 {
			t.Errorf("returned job = %+v, %v; want no attempt counted", j, err)
		}
		// Another worker picks it up; a Close with time to spare waits for it.
		var second runCounter
		w2 := startJobsWorker(t, jobsQueue(b, b.NewClient(), "shutdown"), func(ctx context.Context, job *jobs.Job) error {
			second.add(job.ID)
			return nil
		}, jobs.WorkerOptions{})
		waitUntil(t, "slow to complete", nil, func() bool {
			s, err := q.State(ctx, slow.ID)
			return err == nil && s == jobs.StateCompleted
		})
		if err := w2.Close(ctx); err != nil {
			t.Errorf("Close with nothing running = %v", err)
		}
		if r := second.snapshot(); len(r) != 1 || r[slow.ID] != 1 {
			t.Errorf("second worker ran %v; want only %s", r, slow.ID)
		}
		if c := jobCounts(t, q); c != (jobs.Counts{Completed: 2}) {
			t.Errorf("counts = %+v", c)
		}
	})
}
