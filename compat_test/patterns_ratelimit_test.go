package compat_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miniserve-dev/miniserve/patterns/ratelimit"
)

func TestPatternRateLimit(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()
		opts := func(limit int, window time.Duration) ratelimit.Options {
			return ratelimit.Options{Limit: limit, Window: window, Prefix: b.Prefix + "rl:"}
		}

		t.Run("ExactUnderConcurrency", func(t *testing.T) {
			// Two "processes", each with its own client and limiter,
			// share the key: 50 goroutines x 4 requests, 20 allowed.
			limiters := []*ratelimit.Limiter{
				ratelimit.New(b.Client, opts(20, time.Minute)),
				ratelimit.New(b.NewClient(), opts(20, time.Minute)),
			}
			var allowed, denied atomic.Int64
			var wg sync.WaitGroup
			errs := make(chan error, 200)
			for g := range 50 {
				wg.Go(func() {
					l := limiters[g%2]
					for range 4 {
						res, err := l.Allow(ctx, "burst")
						if err != nil {
							errs <- err
							return
						}
						if res.Allowed {
							allowed.Add(1)
						} else {
							denied.Add(1)
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			if allowed.Load() != 20 || denied.Load() != 180 {
				t.Fatalf("allowed %d, denied %d; want 20 and 180", allowed.Load(), denied.Load())
			}
			n, err := b.Client.ZCard(ctx, b.Prefix+"rl:burst").Result()
			if err != nil || n != 20 {
				t.Fatalf("ZCARD = %d, %v; want 20 recorded requests (denied ones are not)", n, err)
			}
		})

		t.Run("RemainingAndReset", func(t *testing.T) {
			window := 10 * time.Second
			l := ratelimit.New(b.Client, opts(3, window))
			before := serverTime(t, b)
			first, err := l.Allow(ctx, "values")
			if err != nil {
				t.Fatal(err)
			}
			after := serverTime(t, b)
			if !first.Allowed || first.Remaining != 2 || first.Limit != 3 || first.RetryAfter != 0 {
				t.Fatalf("first = %+v; want allowed, 2 remaining", first)
			}
			if start := first.Reset.Add(-window); start.Before(before) || start.After(after) {
				t.Fatalf("Reset-window = %v, not between the server times %v and %v", start, before, after)
			}
			for i, wantRemaining := range []int{1, 0} {
				res, err := l.Allow(ctx, "values")
				if err != nil {
					t.Fatal(err)
				}
				if !res.Allowed || res.Remaining != wantRemaining || !res.Reset.Equal(first.Reset) {
					t.Fatalf("request %d = %+v; want allowed, %d remaining, Reset %v (the oldest request's)", i+2, res, wantRemaining, first.Reset)
				}
			}
			denied, err := l.Allow(ctx, "values")
			if err != nil {
				t.Fatal(err)
			}
			last := serverTime(t, b)
			if denied.Allowed || denied.Remaining != 0 || !denied.Reset.Equal(first.Reset) {
				t.Fatalf("4th = %+v; want denied, 0 remaining, Reset %v", denied, first.Reset)
			}
			if denied.RetryAfter <= 0 || denied.RetryAfter > window {
				t.Fatalf("RetryAfter = %v; want in (0, %v]", denied.RetryAfter, window)
			}
			if now := denied.Reset.Add(-denied.RetryAfter); now.Before(after) || now.After(last) {
				t.Fatalf("Reset-RetryAfter = %v, not the server's time of the call (between %v and %v)", now, after, last)
			}
			pttl, err := b.Client.PTTL(ctx, b.Prefix+"rl:values").Result()
			if err != nil || pttl <= 0 || pttl > window {
				t.Fatalf("PTTL = %v, %v; want the window at most", pttl, err)
			}
		})

		t.Run("LoweredLimit", func(t *testing.T) {
			// Five requests under a limit of 5, then the limit drops to 2:
			// a slot frees only when four of them have left the window.
			window := time.Minute
			wide := ratelimit.New(b.Client, opts(5, window))
			for range 5 {
				if res, err := wide.Allow(ctx, "lowered"); err != nil || !res.Allowed {
					t.Fatalf("%+v, %v; want allowed", res, err)
				}
			}
			scores, err := b.Client.ZRangeWithScores(ctx, b.Prefix+"rl:lowered", 0, -1).Result()
			if err != nil || len(scores) != 5 {
				t.Fatalf("ZRANGE = %v, %v", scores, err)
			}
			res, err := ratelimit.New(b.Client, opts(2, window)).Allow(ctx, "lowered")
			fourth := time.UnixMicro(int64(scores[3].Score)).Add(window)
			if err != nil || res.Allowed || res.Remaining != 0 || !res.Reset.Equal(fourth) {
				t.Fatalf("%+v, %v; want denied, Reset %v (the 4th request's end)", res, err, fourth)
			}
		})

		t.Run("DeniedDoesNotExtendWindow", func(t *testing.T) {
			window := 2 * time.Second
			l := ratelimit.New(b.Client, opts(3, window))
			allow := func(what string, wantRemaining int) {
				t.Helper()
				res, err := l.Allow(ctx, "knock")
				if err != nil || !res.Allowed || res.Remaining != wantRemaining {
					t.Fatalf("%s = %+v, %v; want allowed with %d remaining", what, res, err, wantRemaining)
				}
			}
			allow("request 1", 2)
			allow("request 2", 1)
			b.Advance(time.Second)
			allow("request 3", 0)
			for i := range 3 {
				if res, err := l.Allow(ctx, "knock"); err != nil || res.Allowed {
					t.Fatalf("knock %d = %+v, %v; want denied", i+1, res, err)
				}
			}
			// Requests 1 and 2 leave the window; request 3 stays. Had the
			// denied knocks been recorded, they would still fill it.
			b.Advance(window/2 + 100*time.Millisecond)
			allow("after requests 1 and 2 left the window", 1)
			pttl, err := b.Client.PTTL(ctx, b.Prefix+"rl:knock").Result()
			if err != nil || pttl <= 0 || pttl > window {
				t.Fatalf("PTTL = %v, %v; want the window at most", pttl, err)
			}
		})

		t.Run("Middleware", func(t *testing.T) {
			l := ratelimit.New(b.Client, opts(2, time.Minute))
			var served atomic.Int64
			ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { served.Add(1) })
			handler := l.Middleware(ratelimit.MiddlewareOptions{
				TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
			})(ok)
			do := func(remote string, xff string) *httptest.ResponseRecorder {
				req := httptest.NewRequest("GET", "/", nil)
				req.RemoteAddr = remote
				if xff != "" {
					req.Header.Set("X-Forwarded-For", xff)
				}
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, req)
				return rec
			}
			start := serverTime(t, b)

			for i, want := range []string{"1", "0"} {
				rec := do("192.0.2.1:1000", "")
				if rec.Code != 200 || rec.Header().Get("X-RateLimit-Limit") != "2" || rec.Header().Get("X-RateLimit-Remaining") != want {
					t.Fatalf("request %d: %d %v; want 200 with limit 2, remaining %s", i+1, rec.Code, rec.Header(), want)
				}
				reset, err := strconv.ParseInt(rec.Header().Get("X-RateLimit-Reset"), 10, 64)
				if err != nil || reset < start.Unix()+59 || reset > start.Unix()+120 {
					t.Fatalf("X-RateLimit-Reset = %q; want about a minute after %d", rec.Header().Get("X-RateLimit-Reset"), start.Unix())
				}
				if rec.Header().Get("Retry-After") != "" {
					t.Fatalf("Retry-After on an allowed request")
				}
			}
			rec := do("192.0.2.1:1001", "")
			if rec.Code != http.StatusTooManyRequests || rec.Header().Get("X-RateLimit-Remaining") != "0" {
				t.Fatalf("3rd request: %d %v; want 429 with 0 remaining", rec.Code, rec.Header())
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Fatalf("Content-Type = %q", ct)
			}
			retryAfter, err := strconv.Atoi(rec.Header().Get("Retry-After"))
			if err != nil || retryAfter < 1 || retryAfter > 60 {
				t.Fatalf("Retry-After = %q; want 1..60 seconds", rec.Header().Get("Retry-After"))
			}
			var body struct {
				Error      string `json:"error"`
				RetryAfter int    `json:"retry_after"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error != "rate limit exceeded" || body.RetryAfter != retryAfter {
				t.Fatalf("429 body %q (%v); want the error and retry_after %d", rec.Body.String(), err, retryAfter)
			}
			if served.Load() != 2 {
				t.Fatalf("handler served %d requests; want 2", served.Load())
			}

			// Another client has its own budget.
			if rec := do("192.0.2.2:1000", ""); rec.Code != 200 {
				t.Fatalf("another client: %d; want 200", rec.Code)
			}

			// An untrusted peer cannot get a fresh identity by sending
			// X-Forwarded-For.
			for i := range 5 {
				rec := do("198.51.100.7:2000", "203.0.113."+strconv.Itoa(i+1))
				if want := []int{200, 200, 429, 429, 429}[i]; rec.Code != want {
					t.Fatalf("spoofed request %d: %d; want %d", i+1, rec.Code, want)
				}
			}

			// Through a chain of trusted proxies, the client is the
			// rightmost untrusted hop, whatever it put at the left.
			for i := range 3 {
				xff := "6.6.6." + strconv.Itoa(i+1) + ", 203.0.113.50, 10.0.0.2"
				rec := do("10.0.0.1:3000", xff)
				if want := []int{200, 200, 429}[i]; rec.Code != want {
					t.Fatalf("proxied request %d: %d; want %d", i+1, rec.Code, want)
				}
			}
			// The proxies themselves are not one shared client.
			if rec := do("10.0.0.1:3000", "203.0.113.51, 10.0.0.2"); rec.Code != 200 {
				t.Fatalf("another client behind the same proxies: %d; want 200", rec.Code)
			}
		})
	})
}

// serverTime is the server's TIME (on a cluster, some node's: they share
// this machine's clock).
func serverTime(t *testing.T, b *patternBackend) time.Time {
	t.Helper()
	now, err := b.Client.Time(context.Background()).Result()
	if err != nil {
		t.Fatalf("TIME: %v", err)
	}
	return now
}
