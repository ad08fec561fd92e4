// Package jobs is a reliable background-job queue on Redis, in the
// spirit of BullMQ: producers Add jobs (a name and a JSON payload) to a
// named Queue, and Workers in any number of processes run them.
//
//	q := jobs.New(rdb, "email", jobs.Options{})
//	q.Add(ctx, "welcome", map[string]string{"to": "ada@example.com"},
//		jobs.JobOptions{Attempts: 5, Backoff: jobs.Backoff{Type: jobs.BackoffExponential, Delay: time.Second}})
//	w := q.NewWorker(func(ctx context.Context, job *jobs.Job) error {
//		var msg struct{ To string }
//		if err := job.Decode(&msg); err != nil {
//			return err
//		}
//		return send(ctx, msg.To)
//	}, jobs.WorkerOptions{Concurrency: 5})
//	defer w.Close(ctx) // finish or hand back the running jobs
//
// # Life of a job
//
//	Add ──> wait ──> active ──> completed
//	 │       ^         │  │
//	 │       │ due     │  └──> failed       (no attempts left, or stalled too often)
//	 └──> delayed <────┘                    (retry after backoff)
//	   (Delay, retry, cron)
//
// A job is in exactly one of wait (a list), delayed (a sorted set by due
// time), active (a set), completed and failed (sorted sets by finish
// time); its data and bookkeeping are in a hash of its own. Every move
// between them is one Lua script, so it is atomic.
//
//   - Taking jobs: a worker peeks at the oldest waiting IDs and a script
//     moves those still waiting to active, each with a lock key holding a
//     fresh token and a TTL (LockDuration). Two workers that peek the same
//     ID race in the script, and only one finds it still waiting, so a
//     job is never run by two workers at once. The same script first
//     promotes due delayed jobs to wait.
//   - Finishing: completing or failing checks the lock's token; a worker
//     that lost its lock changes nothing.
//   - Retries: a failed attempt with attempts left goes to delayed with
//     its backoff (fixed: Delay; exponential: Delay * 2^(attemptsMade-1)).
//   - Retention: RemoveOnComplete / RemoveOnFail keep only the newest N
//     finished jobs; a script removes the older ones from their set and
//     deletes their hashes together.
//   - Stalled jobs: a worker renews its locks while the handlers run. If
//     it dies, its locks expire; every worker checks the active set every
//     StalledInterval and puts a job whose lock is gone back to wait,
//     counting a stall (after MaxStalledCount stalls it fails). Delivery
//     is therefore at least once: a handler should be idempotent.
//   - Repeatable jobs: AddRepeatable schedules the next occurrence of a
//     cron pattern as a delayed job whose ID is derived from the repeat
//     key and its time; a worker that takes an occurrence schedules the
//     next one. A sorted set holds each repeat key's next time and the
//     schedule moves on only from the time it holds, so however many
//     processes add or run it, there is one chain of occurrences.
//   - Shutdown: Worker.Close stops taking jobs, waits for the running ones
//     until its context ends, then puts the unfinished back to wait.
//   - Events: a worker reports completed, retrying and failed jobs to its
//     callbacks (WorkerOptions.OnCompleted, ...); the same scripts append
//     them to the queue's event stream (Queue.ReadEvents), capped with
//     MAXLEN ~, for processes that run no worker.
//
// # Keys and clusters
//
// A queue's keys are <prefix>:{<name>}:wait, ...:active, ...:delayed,
// ...:completed, ...:failed, ...:repeat, ...:id, ...:events, ...:job:<id> and
// ...:lock:<id>. They share the hash tag {<name>}, so on a Redis Cluster
// a queue lives in one slot and every script names all the keys it
// touches in KEYS.
//
// # Time
//
// Due times, lock TTLs and cron schedules use the server's clock (TIME
// inside the scripts), so that all processes agree; Options.Now replaces
// it with a clock of your own.
package jobs
