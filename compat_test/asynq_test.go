package compat_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/miniserve-dev/miniserve/server"
)

// TestAsynq drives an unmodified asynq client and server (Go's job queue
// on Redis, all Lua scripts) against an embedded miniserve: jobs are
// enqueued, processed, retried after a failure, scheduled for later, and
// completed, with the queue's inspector agreeing at the end.
func TestAsynq(t *testing.T) {
	srv := server.RunT(t)
	opt := asynq.RedisClientOpt{Addr: srv.Addr()}
	client := asynq.NewClient(opt)
	defer client.Close()

	var mu sync.Mutex
	done := map[string]int{}
	var failedOnce atomic.Bool
	handler := asynq.HandlerFunc(func(ctx context.Context, task *asynq.Task) error {
		if task.Type() == "flaky" && failedOnce.CompareAndSwap(false, true) {
			return errors.New("first attempt fails")
		}
		mu.Lock()
		done[string(task.Payload())]++
		mu.Unlock()
		return nil
	})
	worker := asynq.NewServer(opt, asynq.Config{
		Concurrency:    5,
		RetryDelayFunc: func(int, error, *asynq.Task) time.Duration { return 100 * time.Millisecond },
		LogLevel:       asynq.FatalLevel,
	})
	if err := worker.Start(handler); err != nil {
		t.Fatal(err)
	}
	defer worker.Shutdown()

	const jobs = 50
	for i := range jobs {
		if _, err := client.Enqueue(asynq.NewTask("job", []byte{byte(i)})); err != nil {
			t.Fatalf("enqueue %d: %v", i, err)
		}
	}
	if _, err := client.Enqueue(asynq.NewTask("flaky", []byte("flaky")), asynq.MaxRetry(3)); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Enqueue(asynq.NewTask("later", []byte("later")), asynq.ProcessIn(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Enqueue(asynq.NewTask("kept", []byte("kept")), asynq.Retention(time.Hour)); err != nil {
		t.Fatal(err)
	}

	want := jobs + 3
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		n := len(done)
		mu.Unlock()
		if n == want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("processed %d distinct jobs of %d in 30s", n, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
	mu.Lock()
	for k, n := range done {
		if n != 1 {
			t.Errorf("job %q processed %d times", k, n)
		}
	}
	mu.Unlock()
	if !failedOnce.Load() {
		t.Error("the flaky job never failed")
	}

	insp := asynq.NewInspector(opt)
	defer insp.Close()
	var info *asynq.QueueInfo
	for {
		var err error
		if info, err = insp.GetQueueInfo("default"); err != nil {
			t.Fatal(err)
		}
		if info.Completed == 1 && info.Pending == 0 && info.Active == 0 && info.Scheduled == 0 && info.Retry == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue never settled: %+v", info)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if info.Processed < int(want) || info.Failed < 1 {
		t.Errorf("queue stats: processed %d, failed %d", info.Processed, info.Failed)
	}
}
