package jobs

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/miniserve-dev/miniserve/server"
	"github.com/redis/go-redis/v9"
)

func TestBackoffDelayAfter(t *testing.T) {
	tests := []struct {
		backoff Backoff
		made    int
		want    time.Duration
	}{
		{Backoff{}, 1, 0},
		{Backoff{Type: BackoffFixed, Delay: time.Second}, 1, time.Second},
		{Backoff{Type: BackoffFixed, Delay: time.Second}, 5, time.Second},
		{Backoff{Delay: time.Second}, 3, time.Second}, // no type: fixed
		{Backoff{Type: BackoffExponential, Delay: 100 * time.Millisecond}, 1, 100 * time.Millisecond},
		{Backoff{Type: BackoffExponential, Delay: 100 * time.Millisecond}, 2, 200 * time.Millisecond},
		{Backoff{Type: BackoffExponential, Delay: 100 * time.Millisecond}, 4, 800 * time.Millisecond},
		{Backoff{Type: BackoffExponential, Delay: time.Millisecond}, 1000, time.Millisecond << 30},
		{Backoff{Type: BackoffExponential, Delay: time.Second}, 0, 0},
	}
	for _, tt := range tests {
		if got := tt.backoff.delayAfter(tt.made); got != tt.want {
			t.Errorf("%+v.delayAfter(%d) = %v; want %v", tt.backoff, tt.made, got, tt.want)
		}
	}
}

func TestJobOptionsWithDefaults(t *testing.T) {
	d := JobOptions{Attempts: 3, Backoff: Backoff{Type: BackoffFixed, Delay: time.Second}, RemoveOnComplete: 10, RemoveOnFail: 5, Delay: time.Minute}
	got := JobOptions{Attempts: 1, RemoveOnFail: -1}.withDefaults(d)
	want := JobOptions{Attempts: 1, Backoff: d.Backoff, RemoveOnComplete: 10, RemoveOnFail: -1, Delay: time.Minute}
	if got != want {
		t.Errorf("withDefaults = %+v; want %+v", got, want)
	}
}

func TestNextOccurrence(t *testing.T) {
	at := func(s string) int64 {
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixMilli()
	}
	tests := []struct {
		pattern   string
		prev, now string
		want      string
	}{
		// Every second: the one after the previous occurrence.
		{"*/1 * * * * *", "2024-01-01T00:00:05Z", "2024-01-01T00:00:05.300Z", "2024-01-01T00:00:06Z"},
		// Occurrences missed while no worker ran are skipped.
		{"*/1 * * * * *", "2024-01-01T00:00:05Z", "2024-01-01T00:00:09.500Z", "2024-01-01T00:00:10Z"},
		// Five fields: minutes.
		{"*/15 * * * *", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.100Z", "2024-01-01T00:15:00Z"},
		{"@daily", "2024-01-01T00:00:00Z", "2024-01-01T12:00:00Z", "2024-01-02T00:00:00Z"},
	}
	for _, tt := range tests {
		s, err := cronParser.Parse(tt.pattern)
		if err != nil {
			t.Fatal(err)
		}
		got := nextOccurrence(s, at(tt.prev), at(tt.now))
		if got != at(tt.want) {
			t.Errorf("%q after %s at %s = %s; want %s", tt.pattern, tt.prev, tt.now,
				time.UnixMilli(got).UTC().Format(time.RFC3339Nano), tt.want)
		}
	}
	if _, err := cronParser.Parse("not a cron"); err == nil {
		t.Error("a bad pattern parsed")
	}
}

func TestKeysShareOneHashTag(t *testing.T) {
	k := newKeys("app", "mail")
	for _, key := range []string{k.wait, k.active, k.delayed, k.completed, k.failed, k.repeat, k.id, k.job("7"), k.lock("7")} {
		if got := key[:len("app:{mail}:")]; got != "app:{mail}:" {
			t.Errorf("key %q does not start with app:{mail}:", key)
		}
	}
}

// TestInjectedClock: with Options.Now, due times follow that clock, not
// the server's.
func TestInjectedClock(t *testing.T) {
	srv := server.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	var mu sync.Mutex
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	q := New(rdb, "clock", Options{Now: clock})
	job, err := q.Add(ctx, "later", nil, JobOptions{Delay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if !job.Timestamp.Equal(now) {
		t.Errorf("timestamp = %v; want the injected %v", job.Timestamp, now)
	}
	ran := make(chan *Job, 1)
	w := q.NewWorker(func(ctx context.Context, j *Job) error { ran <- j; return nil },
		WorkerOptions{PollInterval: time.Millisecond})
	defer w.Close(ctx)
	// Many polls happen before the clock moves; none may take the job.
	for range 20 {
		if s, err := q.State(ctx, job.ID); err != nil || s != StateDelayed {
			t.Fatalf("state = %s, %v; want delayed", s, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	got := <-ran
	if want := now; !got.ProcessedOn.Equal(want) {
		t.Errorf("processed on %v; want %v", got.ProcessedOn, want)
	}
}

// TestDuplicateJobID: adding a job whose ID exists returns the existing
// job and enqueues nothing.
func TestDuplicateJobID(t *testing.T) {
	srv := server.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()
	q := New(rdb, "dedup", Options{})
	a, err := q.Add(ctx, "first", 1, JobOptions{JobID: "order-42"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := q.Add(ctx, "second", 2, JobOptions{JobID: "order-42"})
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "order-42" || b.Name != "first" || string(b.Data) != "1" || !b.Timestamp.Equal(a.Timestamp) {
		t.Errorf("second Add = %+v; want the first job", b)
	}
	if c, err := q.Counts(ctx); err != nil || c != (Counts{Waiting: 1}) {
		t.Errorf("counts = %+v, %v; want one waiting", c, err)
	}
	if s, err := q.State(ctx, "nope"); err != nil || s != StateUnknown {
		t.Errorf("state of an unknown job = %s, %v", s, err)
	}
	if _, err := q.GetJob(ctx, "nope"); err != ErrJobNotFound {
		t.Errorf("GetJob(unknown) = %v; want ErrJobNotFound", err)
	}
}
