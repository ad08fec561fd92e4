package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/miniserve-dev/miniserve/patterns/jobs"
	"github.com/miniserve-dev/miniserve/server"
	"github.com/redis/go-redis/v9"
)

func Example() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	q := jobs.New(rdb, "email", jobs.Options{})
	for _, to := range []string{"ada@example.com", "grace@example.com"} {
		if _, err := q.Add(ctx, "welcome", map[string]string{"to": to}, jobs.JobOptions{}); err != nil {
			panic(err)
		}
	}

	done := make(chan string)
	w := q.NewWorker(func(ctx context.Context, job *jobs.Job) error {
		var msg struct{ To string }
		if err := job.Decode(&msg); err != nil {
			return err
		}
		done <- job.Name + " " + msg.To
		return nil
	}, jobs.WorkerOptions{PollInterval: 10 * time.Millisecond})
	fmt.Println(<-done)
	fmt.Println(<-done)
	if err := w.Close(ctx); err != nil {
		panic(err)
	}
	// Output:
	// welcome ada@example.com
	// welcome grace@example.com
}

func ExampleJobOptions_retries() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	q := jobs.New(rdb, "flaky", jobs.Options{})
	q.Add(ctx, "sync", nil, jobs.JobOptions{
		Attempts: 3,
		Backoff:  jobs.Backoff{Type: jobs.BackoffExponential, Delay: 10 * time.Millisecond},
	})
	completed := make(chan *jobs.Job)
	w := q.NewWorker(func(ctx context.Context, job *jobs.Job) error {
		if job.AttemptsMade < 2 {
			return errors.New("upstream unavailable")
		}
		return nil
	}, jobs.WorkerOptions{
		PollInterval: 5 * time.Millisecond,
		OnRetry: func(job *jobs.Job, err error, delay time.Duration) {
			fmt.Printf("attempt %d failed (%v), retry in %v\n", job.AttemptsMade, err, delay)
		},
		OnCompleted: func(job *jobs.Job) { completed <- job },
	})
	job := <-completed
	fmt.Printf("completed after %d attempts\n", job.AttemptsMade)
	w.Close(ctx)
	// Output:
	// attempt 1 failed (upstream unavailable), retry in 10ms
	// attempt 2 failed (upstream unavailable), retry in 20ms
	// completed after 3 attempts
}

func ExampleQueue_AddRepeatable() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	q := jobs.New(rdb, "reports", jobs.Options{})
	key, err := q.AddRepeatable(ctx, "nightly", nil, jobs.Repeat{Pattern: "0 3 * * *"}, jobs.JobOptions{})
	if err != nil {
		panic(err)
	}
	// Adding it again, as every process does at start-up, changes nothing.
	q.AddRepeatable(ctx, "nightly", nil, jobs.Repeat{Pattern: "0 3 * * *"}, jobs.JobOptions{})
	next, _ := q.Repeatables(ctx)
	counts, _ := q.Counts(ctx)
	fmt.Println(key, next[key].UTC().Format("15:04:05"), counts.Delayed)
	// Output:
	// nightly:0 3 * * * 03:00:00 1
}
