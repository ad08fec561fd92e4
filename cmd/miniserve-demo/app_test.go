package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"go.uber.org/goleak"

	"github.com/miniserve-dev/miniserve/server"
)

// The App starts goroutines (the hub, the worker): Close must stop them
// all.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// testApp is an App on its own embedded miniserve, served by httptest.
type testApp struct {
	*App
	web    *httptest.Server
	client *http.Client // with a cookie jar: one browser
}

// newTestApp starts an App with quick delays and, unless cfg says
// otherwise, a rate limit the tests do not reach and no heartbeat.
func newTestApp(t *testing.T, cfg Config) *testApp {
	t.Helper()
	srv := server.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	if cfg.RateLimit == 0 {
		cfg.RateLimit = 10000
	}
	if cfg.Heartbeat == "" {
		cfg.Heartbeat = "-"
	}
	cfg.StoreDelay = time.Millisecond
	cfg.JobDuration = time.Millisecond
	cfg.RetryDelay = 5 * time.Millisecond
	cfg.WorkerPoll = 5 * time.Millisecond
	app, err := NewApp(context.Background(), rdb, cfg)
	if err != nil {
		rdb.Close()
		t.Fatal(err)
	}
	web := httptest.NewServer(app)
	t.Cleanup(func() {
		// As main does: the event streams end first so that the web
		// server can close, then the worker, then the client.
		app.CloseEvents()
		web.Close()
		if err := app.Close(context.Background()); err != nil {
			t.Errorf("App.Close: %v", err)
		}
		rdb.Close()
	})
	return &testApp{App: app, web: web, client: newBrowser(t, web)}
}

// newBrowser is a client of web with a cookie jar of its own.
func newBrowser(t *testing.T, web *httptest.Server) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	// web.Close closes the idle connections of this transport.
	return &http.Client{Transport: web.Client().Transport, Jar: jar}
}

// call sends a request with body (JSON-encoded unless nil) and decodes the
// JSON reply into out (unless nil).
func (ta *testApp) call(t *testing.T, client *http.Client, method, path string, body, out any) *http.Response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, ta.web.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading: %v", method, path, err)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %d %q: %v", method, path, resp.StatusCode, data, err)
		}
	}
	return resp
}

func wantStatus(t *testing.T, resp *http.Response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want)
	}
}

func TestIndexPage(t *testing.T) {
	ta := newTestApp(t, Config{})
	resp, err := ta.client.Get(ta.web.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q", ct)
	}
	for _, want := range []string{"new EventSource('/events')", "/api/products/", "/api/logout-all", "/api/jobs", "/api/leaderboard"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// Self-contained: no external scripts, styles or fonts.
	for _, bad := range []string{"<script src", "<link", "http://", "https://"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("the page contains %q", bad)
		}
	}
}

func TestProductCache(t *testing.T) {
	ta := newTestApp(t, Config{})
	type reply struct {
		Product Product
		Cache   string
		Loads   int64
	}
	var first, second, other reply
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/products/2", nil, &first), http.StatusOK)
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/products/2", nil, &second), http.StatusOK)
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/products/3", nil, &other), http.StatusOK)
	if first.Cache != "miss" || first.Loads != 1 || first.Product != catalog["2"] {
		t.Errorf("first GET: %+v, want a miss, 1 load, %+v", first, catalog["2"])
	}
	if second.Cache != "hit" || second.Loads != 1 || second.Product != catalog["2"] {
		t.Errorf("second GET: %+v, want a hit, still 1 load", second)
	}
	if other.Cache != "miss" || other.Loads != 2 {
		t.Errorf("another product: %+v, want a miss, 2 loads", other)
	}

	// Unknown products are 404, and not cached: each GET asks the store.
	for range 2 {
		wantStatus(t, ta.call(t, ta.client, "GET", "/api/products/99", nil, nil), http.StatusNotFound)
	}
	if n := ta.storeLoads.Load(); n != 4 {
		t.Errorf("store loads %d, want 4", n)
	}
}

func TestSessions(t *testing.T) {
	ta := newTestApp(t, Config{})
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/me", nil, nil), http.StatusUnauthorized)
	wantStatus(t, ta.call(t, ta.client, "POST", "/api/login", map[string]string{"user": ""}, nil), http.StatusBadRequest)

	resp := ta.call(t, ta.client, "POST", "/api/login", map[string]string{"user": "ada"}, nil)
	wantStatus(t, resp, http.StatusOK)
	cookies := resp.Cookies()
	if len(cookies) != 1 || cookies[0].Name != sessionCookie || !cookies[0].HttpOnly || len(cookies[0].Value) != 55 {
		t.Fatalf("login cookies %+v, want one HttpOnly %q with a 55-character session ID", cookies, sessionCookie)
	}

	var me struct {
		User     string
		Sessions int
	}
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/me", nil, &me), http.StatusOK)
	if me.User != "ada" || me.Sessions != 1 {
		t.Errorf("me: %+v, want ada with 1 session", me)
	}
	wantStatus(t, ta.call(t, ta.client, "POST", "/api/logout", nil, nil), http.StatusOK)
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/me", nil, nil), http.StatusUnauthorized)
	wantStatus(t, ta.call(t, ta.client, "POST", "/api/logout", nil, nil), http.StatusUnauthorized)

	// Log out everywhere: the laptop ends the phone's session too, and
	// grace's stays.
	laptop, phone, grace := newBrowser(t, ta.web), newBrowser(t, ta.web), newBrowser(t, ta.web)
	for _, b := range []*http.Client{laptop, phone} {
		wantStatus(t, ta.call(t, b, "POST", "/api/login", map[string]string{"user": "ada"}, nil), http.StatusOK)
	}
	wantStatus(t, ta.call(t, grace, "POST", "/api/login", map[string]string{"user": "grace"}, nil), http.StatusOK)
	wantStatus(t, ta.call(t, phone, "GET", "/api/me", nil, &me), http.StatusOK)
	if me.Sessions != 2 {
		t.Errorf("ada has %d sessions, want 2", me.Sessions)
	}
	var ended struct{ Ended int }
	wantStatus(t, ta.call(t, laptop, "POST", "/api/logout-all", nil, &ended), http.StatusOK)
	if ended.Ended != 2 {
		t.Errorf("logout-all ended %d sessions, want 2", ended.Ended)
	}
	wantStatus(t, ta.call(t, laptop, "GET", "/api/me", nil, nil), http.StatusUnauthorized)
	wantStatus(t, ta.call(t, phone, "GET", "/api/me", nil, nil), http.StatusUnauthorized)
	wantStatus(t, ta.call(t, grace, "GET", "/api/me", nil, nil), http.StatusOK)
}

func TestLeaderboard(t *testing.T) {
	ta := newTestApp(t, Config{})
	for _, s := range []struct {
		member string
		points float64
	}{{"ann", 30}, {"bob", 50}, {"cat", 40}, {"ann", 20.5}} {
		wantStatus(t, ta.call(t, ta.client, "POST", "/api/scores", map[string]any{"member": s.member, "points": s.points}, nil), http.StatusOK)
	}
	var top []boardEntry
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/leaderboard?n=10", nil, &top), http.StatusOK)
	want := []boardEntry{{1, "ann", 50.5}, {2, "bob", 50}, {3, "cat", 40}}
	if len(top) != len(want) {
		t.Fatalf("top: %+v, want %+v", top, want)
	}
	for i := range want {
		if top[i] != want[i] {
			t.Errorf("top[%d] = %+v, want %+v", i, top[i], want[i])
		}
	}
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/leaderboard?n=2", nil, &top), http.StatusOK)
	if len(top) != 2 {
		t.Errorf("n=2 gave %d entries", len(top))
	}

	var cat boardEntry
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/leaderboard/cat", nil, &cat), http.StatusOK)
	if cat != (boardEntry{3, "cat", 40}) {
		t.Errorf("cat: %+v, want rank 3 with 40", cat)
	}
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/leaderboard/dan", nil, nil), http.StatusNotFound)
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/leaderboard?n=0", nil, nil), http.StatusBadRequest)
	wantStatus(t, ta.call(t, ta.client, "POST", "/api/scores", "not an object", nil), http.StatusBadRequest)
}

// waitForJob polls the job's state until it is one of the final states,
// a bounded number of times.
func (ta *testApp) waitForJob(t *testing.T, id string) (job struct {
	State        string
	AttemptsMade int
	FailedReason string
}) {
	t.Helper()
	for range 2000 {
		wantStatus(t, ta.call(t, ta.client, "GET", "/api/jobs/"+id, nil, &job), http.StatusOK)
		if job.State == "completed" || job.State == "failed" {
			return job
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("job %s still %s", id, job.State)
	return job
}

func TestJobs(t *testing.T) {
	ta := newTestApp(t, Config{})
	var ok, bad struct{ ID string }
	wantStatus(t, ta.call(t, ta.client, "POST", "/api/jobs", map[string]any{"name": "resize"}, &ok), http.StatusAccepted)
	wantStatus(t, ta.call(t, ta.client, "POST", "/api/jobs", map[string]any{"name": "flaky", "fail": true}, &bad), http.StatusAccepted)

	if job := ta.waitForJob(t, ok.ID); job.State != "completed" || job.AttemptsMade != 1 {
		t.Errorf("job %s: %+v, want completed after 1 attempt", ok.ID, job)
	}
	// Three attempts with backoff, then it fails for good.
	if job := ta.waitForJob(t, bad.ID); job.State != "failed" || job.AttemptsMade != 3 || !strings.Contains(job.FailedReason, "attempt 3") {
		t.Errorf("job %s: %+v, want failed after 3 attempts", bad.ID, job)
	}
	wantStatus(t, ta.call(t, ta.client, "GET", "/api/jobs/nope", nil, nil), http.StatusNotFound)
}

// TestEvents reads the SSE stream while the app publishes: a login, a
// finished job and the cron heartbeat (every second here).
func TestEvents(t *testing.T) {
	ta := newTestApp(t, Config{Heartbeat: "*/1 * * * * *"})
	// The deadline only keeps a broken test from hanging; nothing is
	// asserted about time.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", ta.web.URL+"/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ta.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	wantStatus(t, resp, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}

	// The stream is registered with the hub once its headers arrived, so
	// these events reach it.
	wantStatus(t, ta.call(t, ta.client, "POST", "/api/login", map[string]string{"user": "ada"}, nil), http.StatusOK)
	wantStatus(t, ta.call(t, ta.client, "POST", "/api/jobs", map[string]any{"name": "resize"}, nil), http.StatusAccepted)

	want := map[string]string{"login": "ada logged in", "job": `"resize" completed`, "heartbeat": "cron job"}
	lines := bufio.NewScanner(resp.Body)
	for len(want) > 0 && lines.Scan() {
		data, ok := strings.CutPrefix(lines.Text(), "data: ")
		if !ok {
			continue
		}
		var ev Event
		if err := json.Unmarshal([]byte(data), &ev); err != nil {
			t.Fatalf("event %q: %v", data, err)
		}
		if text, ok := want[ev.Kind]; ok && strings.Contains(ev.Text, text) {
			delete(want, ev.Kind)
		}
	}
	if len(want) > 0 {
		t.Fatalf("events not received: %v (stream: %v)", want, lines.Err())
	}
}

func TestRateLimit(t *testing.T) {
	ta := newTestApp(t, Config{RateLimit: 3, RateWindow: time.Hour})
	for i := range 3 {
		resp := ta.call(t, ta.client, "GET", "/api/leaderboard", nil, nil)
		wantStatus(t, resp, http.StatusOK)
		if got, want := resp.Header.Get("X-RateLimit-Remaining"), string(rune('2'-i)); got != want {
			t.Errorf("request %d: X-RateLimit-Remaining %q, want %q", i+1, got, want)
		}
		if resp.Header.Get("X-RateLimit-Limit") != "3" {
			t.Errorf("X-RateLimit-Limit %q", resp.Header.Get("X-RateLimit-Limit"))
		}
	}
	var denied struct{ Error string }
	resp := ta.call(t, ta.client, "GET", "/api/products/1", nil, &denied)
	wantStatus(t, resp, http.StatusTooManyRequests)
	if resp.Header.Get("Retry-After") == "" || denied.Error != "rate limit exceeded" {
		t.Errorf("429 without Retry-After or error: %v %+v", resp.Header, denied)
	}
	if ta.storeLoads.Load() != 0 {
		t.Error("a denied request reached the handler")
	}
	// The page is not rate limited.
	resp, err := ta.client.Get(ta.web.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	wantStatus(t, resp, http.StatusOK)
}
