package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Worker takes jobs from a queue and runs them with its handler, up to
// Concurrency at a time. Any number of workers, in any processes, may
// serve one queue: a job is taken by exactly one of them at a time.
//
// A worker holds a lock (a key with a TTL it renews) on each job it
// runs. If it dies, its locks expire, and a worker of the queue finds
// the job stalled and puts it back to wait, so that it is retried, not
// lost.
type Worker struct {
	q       *Queue
	handler Handler
	opts    WorkerOptions

	// ctx carries the worker's Redis calls and is the parent of the
	// handlers' contexts; Kill cancels it.
	ctx    context.Context
	cancel context.CancelFunc

	stopFetch chan struct{} // closed by Close or Kill: take no more jobs
	stopRenew chan struct{} // closed when no job is left to renew
	loops     sync.WaitGroup
	renewer   sync.WaitGroup
	handlers  sync.WaitGroup
	slots     chan struct{} // one per job running

	mu      sync.Mutex
	running map[string]*run
	closed  bool
	killed  bool

	tokenBase string
	tokenSeq  atomic.Uint64
}

// run is one attempt of a job by this worker.
type run struct {
	job      *Job
	token    string
	nowMs    int64 // the time the job was taken
	ctx      context.Context
	cancel   context.CancelCauseFunc
	released bool // Close put it back to wait: its result is dropped
}

// NewWorker starts a worker that runs handler on the queue's jobs. Stop
// it with Close (or Kill).
func (q *Queue) NewWorker(handler Handler, opts WorkerOptions) *Worker {
	opts = opts.withDefaults()
	var b [8]byte
	rand.Read(b[:])
	ctx, cancel := context.WithCancel(context.Background())
	w := &Worker{
		q: q, handler: handler, opts: opts,
		ctx: ctx, cancel: cancel,
		stopFetch: make(chan struct{}),
		stopRenew: make(chan struct{}),
		slots:     make(chan struct{}, opts.Concurrency),
		running:   make(map[string]*run),
		tokenBase: hex.EncodeToString(b[:]) + ":",
	}
	w.loops.Add(2)
	go w.fetchLoop()
	go w.stalledLoop()
	w.renewer.Add(1)
	go w.renewLoop()
	return w
}

// Close stops the worker gracefully: it takes no more jobs and waits for
// the running ones to finish until ctx ends. Then it puts the unfinished
// ones back to wait, at its head, for another worker (their results are
// dropped), cancels their handlers' contexts and waits for the handlers
// to return. It returns ctx's error if it had to put jobs back.
func (w *Worker) Close(ctx context.Context) error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	close(w.stopFetch)
	w.loops.Wait()

	finished := make(chan struct{})
	go func() { w.handlers.Wait(); close(finished) }()
	var err error
	select {
	case <-finished:
	case <-ctx.Done():
		err = ctx.Err()
		w.releaseRunning()
		<-finished
	}
	close(w.stopRenew)
	w.renewer.Wait()
	w.cancel()
	return err
}

// releaseRunning puts every running job back to wait and cancels its
// handler.
func (w *Worker) releaseRunning() {
	w.mu.Lock()
	runs := make([]*run, 0, len(w.running))
	for _, r := range w.running {
		r.released = true
		runs = append(runs, r)
	}
	w.mu.Unlock()
	k := w.q.keys
	for _, r := range runs {
		err := returnScript.Run(w.ctx, w.q.client,
			[]string{k.active, k.wait, k.lock(r.job.ID)}, r.job.ID, r.token).Err()
		if err != nil {
			// The lock will expire and the job be recovered as stalled.
			w.report(fmt.Errorf("jobs: returning job %s to wait: %w", r.job.ID, err))
		}
		r.cancel(ErrClosed)
	}
}

// Kill stops the worker as a crash would: it stops taking jobs and
// renewing locks, cancels the handlers' contexts and makes no more Redis
// calls; its running jobs stay active until their locks expire and a
// stalled-job check puts them back. It waits for its goroutines and
// handlers to return. It exists to test recovery, and for a process that
// must stop at once.
func (w *Worker) Kill() {
	w.mu.Lock()
	if w.closed && w.killed {
		w.mu.Unlock()
		return
	}
	alreadyClosed := w.closed
	w.closed, w.killed = true, true
	w.mu.Unlock()
	if !alreadyClosed {
		close(w.stopFetch)
		close(w.stopRenew)
	}
	w.cancel()
	w.loops.Wait()
	w.renewer.Wait()
	w.handlers.Wait()
}

func (w *Worker) report(err error) {
	if w.opts.OnError != nil && w.ctx.Err() == nil {
		w.opts.OnError(err)
	}
}

// sleep waits for d or until the worker stops; false if it stopped.
func (w *Worker) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-w.stopFetch:
		return false
	case <-t.C:
		return true
	}
}

func (w *Worker) newToken() string {
	return w.tokenBase + strconv.FormatUint(w.tokenSeq.Add(1), 10)
}

// fetchLoop takes as many jobs as there are free slots and starts them;
// when the queue is empty it waits PollInterval.
func (w *Worker) fetchLoop() {
	defer w.loops.Done()
	for {
		select {
		case <-w.stopFetch:
			return
		case w.slots <- struct{}{}:
		}
		free := 1
	more:
		for free < cap(w.slots) {
			select {
			case w.slots <- struct{}{}:
				free++
			default:
				break more
			}
		}
		runs, waiting, err := w.claim(free)
		for range free - len(runs) {
			<-w.slots
		}
		if err != nil {
			w.report(err)
			if !w.sleep(w.opts.PollInterval) {
				return
			}
			continue
		}
		for _, r := range runs {
			w.handlers.Add(1)
			go w.process(r)
		}
		if len(runs) == 0 && waiting == 0 && !w.sleep(w.opts.PollInterval) {
			return
		}
	}
}

// claim promotes due delayed jobs and takes up to n waiting jobs, the
// oldest first. It returns the runs and how many jobs are left waiting.
func (w *Worker) claim(n int) ([]*run, int64, error) {
	k := w.q.keys
	ids, err := w.q.client.LRange(w.ctx, k.wait, int64(-n), -1).Result()
	if err != nil {
		return nil, 0, fmt.Errorf("jobs: peeking at wait: %w", err)
	}
	keys := make([]string, 0, 3+2*len(ids))
	keys = append(keys, k.wait, k.active, k.delayed)
	args := make([]any, 0, 3+2*len(ids))
	args = append(args, w.q.nowArg(), w.opts.LockDuration.Milliseconds(), 1000)
	tokens := make(map[string]string, len(ids))
	for i := len(ids) - 1; i >= 0; i-- { // the tail is the oldest
		id := ids[i]
		if _, dup := tokens[id]; dup {
			continue
		}
		tokens[id] = w.newToken()
		keys = append(keys, k.job(id), k.lock(id))
		args = append(args, id, tokens[id])
	}
	res, err := claimScript.Run(w.ctx, w.q.client, keys, args...).Slice()
	if err != nil {
		return nil, 0, fmt.Errorf("jobs: taking jobs: %w", err)
	}
	nowMs, _ := res[0].(int64)
	waiting, _ := res[1].(int64)
	claimed, _ := res[2].([]any)
	runs := make([]*run, 0, len(claimed)/2)
	for i := 0; i+1 < len(claimed); i += 2 {
		id, _ := claimed[i].(string)
		pairs, _ := claimed[i+1].([]any)
		job, err := jobFromPairs(id, pairs)
		if err != nil {
			// Can't run it: fail it as an attempt would.
			job = &Job{ID: id}
			r := &run{job: job, token: tokens[id], nowMs: nowMs}
			w.failRun(r, err)
			continue
		}
		ctx, cancel := context.WithCancelCause(w.ctx)
		r := &run{job: job, token: tokens[id], nowMs: nowMs, ctx: ctx, cancel: cancel}
		w.mu.Lock()
		w.running[id] = r
		w.mu.Unlock()
		runs = append(runs, r)
	}
	return runs, waiting, nil
}

// process runs one job and records its outcome.
func (w *Worker) process(r *run) {
	defer w.handlers.Done()
	defer func() { <-w.slots }()
	if r.job.RepeatKey != "" {
		// Schedule the next occurrence first, so a failing or stalling
		// occurrence does not end the chain.
		if err := w.q.scheduleNext(w.ctx, r.job, r.nowMs); err != nil {
			w.report(err)
		}
	}
	err := w.call(r)

	w.mu.Lock()
	dropped := r.released || w.killed
	delete(w.running, r.job.ID)
	w.mu.Unlock()
	r.cancel(nil)
	if dropped {
		return
	}
	if err == nil {
		w.complete(r)
	} else {
		w.failRun(r, err)
	}
}

// call runs the handler, turning a panic into an error.
func (w *Worker) call(r *run) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("jobs: handler panicked: %v", p)
		}
	}()
	return w.handler(r.ctx, r.job)
}

func (w *Worker) complete(r *run) {
	k, job := w.q.keys, r.job
	keep := job.Opts.RemoveOnComplete
	res, err := completeScript.Run(w.ctx, w.q.client,
		[]string{k.active, k.completed, k.job(job.ID), k.lock(job.ID), k.events},
		w.q.nowArg(), job.ID, r.token, keep, w.q.opts.EventsMaxLen).Int64Slice()
	if err != nil {
		// The job stays active until its lock expires, then runs again.
		w.report(fmt.Errorf("jobs: completing job %s: %w", job.ID, err))
		return
	}
	n := res[0]
	if n < 0 {
		return // the lock was lost: another worker has the job
	}
	job.AttemptsMade++
	job.FinishedOn = time.UnixMilli(res[1])
	if keep > 0 && n > int64(keep) {
		if err := w.q.trim(w.ctx, k.completed, keep); err != nil {
			w.report(err)
		}
	}
	if w.opts.OnCompleted != nil {
		w.opts.OnCompleted(job)
	}
}

func (w *Worker) failRun(r *run, cause error) {
	k, job := w.q.keys, r.job
	attempts := max(job.Opts.Attempts, 1)
	made := job.AttemptsMade + 1
	delay := time.Duration(-1)
	if made < attempts {
		delay = job.Opts.Backoff.delayAfter(made)
	}
	delayMs := delay.Milliseconds()
	if delay < 0 {
		delayMs = -1
	}
	keep := job.Opts.RemoveOnFail
	res, err := failScript.Run(w.ctx, w.q.client,
		[]string{k.active, k.delayed, k.wait, k.failed, k.job(job.ID), k.lock(job.ID), k.events},
		w.q.nowArg(), job.ID, r.token, cause.Error(), delayMs, keep, w.q.opts.EventsMaxLen).Int64Slice()
	if err != nil {
		w.report(fmt.Errorf("jobs: failing job %s: %w", job.ID, err))
		return
	}
	switch res[0] {
	case 0:
		job.AttemptsMade, job.FailedReason = made, cause.Error()
		if w.opts.OnRetry != nil {
			w.opts.OnRetry(job, cause, delay)
		}
	case 1:
		job.AttemptsMade, job.FailedReason = made, cause.Error()
		job.FinishedOn = time.UnixMilli(res[2])
		if n := res[1]; keep > 0 && n > int64(keep) {
			if err := w.q.trim(w.ctx, k.failed, keep); err != nil {
				w.report(err)
			}
		}
		if w.opts.OnFailed != nil {
			w.opts.OnFailed(job, cause)
		}
	}
}

// renewLoop extends the locks of the running jobs every LockDuration/2
// and cancels a handler whose lock is lost.
func (w *Worker) renewLoop() {
	defer w.renewer.Done()
	ticker := time.NewTicker(w.opts.LockDuration / 2)
	defer ticker.Stop()
	lockMs := w.opts.LockDuration.Milliseconds()
	for {
		select {
		case <-w.stopRenew:
			return
		case <-ticker.C:
		}
		w.mu.Lock()
		runs := make([]*run, 0, len(w.running))
		for _, r := range w.running {
			if !r.released {
				runs = append(runs, r)
			}
		}
		w.mu.Unlock()
		for _, r := range runs {
			ok, err := extendLockScript.Run(w.ctx, w.q.client,
				[]string{w.q.keys.lock(r.job.ID)}, r.token, lockMs).Int64()
			if err != nil {
				w.report(fmt.Errorf("jobs: renewing the lock of job %s: %w", r.job.ID, err))
				continue
			}
			if ok == 0 {
				r.cancel(ErrLockLost)
			}
		}
	}
}

// stalledLoop looks for stalled jobs at once and then every
// StalledInterval.
func (w *Worker) stalledLoop() {
	defer w.loops.Done()
	for {
		if err := w.checkStalled(); err != nil {
			w.report(err)
		}
		if !w.sleep(w.opts.StalledInterval) {
			return
		}
	}
}

// checkStalled puts the active jobs of the queue whose lock expired
// back to wait, or fails those that stalled too often.
func (w *Worker) checkStalled() error {
	k := w.q.keys
	ids, err := w.q.client.SMembers(w.ctx, k.active).Result()
	if err != nil {
		return fmt.Errorf("jobs: checking for stalled jobs: %w", err)
	}
	for len(ids) > 0 {
		batch := ids[:min(len(ids), 50)]
		ids = ids[len(batch):]
		keys := make([]string, 0, 4+2*len(batch))
		keys = append(keys, k.active, k.wait, k.failed, k.events)
		args := make([]any, 0, 4+len(batch))
		args = append(args, w.q.nowArg(), w.opts.MaxStalledCount, ErrStalled.Error(), w.q.opts.EventsMaxLen)
		for _, id := range batch {
			keys = append(keys, k.job(id), k.lock(id))
			args = append(args, id)
		}
		res, err := stalledScript.Run(w.ctx, w.q.client, keys, args...).Slice()
		if err != nil {
			return fmt.Errorf("jobs: checking for stalled jobs: %w", err)
		}
		failed, _ := res[1].([]any)
		for _, f := range failed {
			id, _ := f.(string)
			if w.opts.OnFailed == nil {
				continue
			}
			job, err := w.q.GetJob(w.ctx, id)
			if err != nil {
				job = &Job{ID: id}
			}
			w.opts.OnFailed(job, ErrStalled)
		}
	}
	return nil
}
