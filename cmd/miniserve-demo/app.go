package main

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/miniserve-dev/miniserve/patterns/cache"
	"github.com/miniserve-dev/miniserve/patterns/jobs"
	"github.com/miniserve-dev/miniserve/patterns/leaderboard"
	"github.com/miniserve-dev/miniserve/patterns/pubsub"
	"github.com/miniserve-dev/miniserve/patterns/ratelimit"
	"github.com/miniserve-dev/miniserve/patterns/session"
)

//go:embed static/index.html
var static embed.FS

// sessionCookie holds the session ID. The session itself stays in Redis.
const sessionCookie = "sid"

// Config tunes the demo. The zero value takes the defaults of
// DefaultConfig field by field; tests shorten the delays and raise the
// rate limit.
type Config struct {
	// Prefix starts every key and channel the demo uses, so that it can
	// share a server with other data.
	Prefix string
	// RateLimit requests per RateWindow are allowed per client address.
	RateLimit  int
	RateWindow time.Duration
	// StoreDelay is how slow the fake product store is, so that a cache
	// miss shows.
	StoreDelay time.Duration
	// CacheTTL is how long a product stays cached.
	CacheTTL time.Duration
	// JobDuration is how long a job's work takes; RetryDelay is the first
	// backoff of a failing job (doubled on each retry).
	JobDuration time.Duration
	RetryDelay  time.Duration
	// Heartbeat is the cron spec of the heartbeat job; "-" disables it.
	Heartbeat string
	// WorkerPoll is how often an idle worker looks for jobs.
	WorkerPoll time.Duration
	// Logger reports errors nobody else sees (publishing, the worker's
	// own Redis calls); slog.Default() when nil.
	Logger *slog.Logger
}

// DefaultConfig is what the command runs with.
var DefaultConfig = Config{
	Prefix:      "demo:",
	RateLimit:   20,
	RateWindow:  10 * time.Second,
	StoreDelay:  300 * time.Millisecond,
	CacheTTL:    30 * time.Second,
	JobDuration: time.Second,
	RetryDelay:  time.Second,
	Heartbeat:   "*/10 * * * * *", // every 10 s (with the seconds field)
	WorkerPoll:  100 * time.Millisecond,
}

func (c Config) withDefaults() Config {
	d := DefaultConfig
	if c.Prefix == "" {
		c.Prefix = d.Prefix
	}
	if c.RateLimit == 0 {
		c.RateLimit = d.RateLimit
	}
	if c.RateWindow == 0 {
		c.RateWindow = d.RateWindow
	}
	if c.StoreDelay == 0 {
		c.StoreDelay = d.StoreDelay
	}
	if c.CacheTTL == 0 {
		c.CacheTTL = d.CacheTTL
	}
	if c.JobDuration == 0 {
		c.JobDuration = d.JobDuration
	}
	if c.RetryDelay == 0 {
		c.RetryDelay = d.RetryDelay
	}
	if c.Heartbeat == "" {
		c.Heartbeat = d.Heartbeat
	}
	if c.WorkerPoll == 0 {
		c.WorkerPoll = d.WorkerPoll
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Event is what the demo publishes on its channel; the page shows each one
// as it arrives.
type Event struct {
	Kind string    `json:"kind"` // login, logout, score, job, heartbeat
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// Product is an item of the fake store.
type Product struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Price int    `json:"priceCents"`
}

// catalog is the fake store's content.
var catalog = map[string]Product{
	"1": {"1", "Keyboard", 4900},
	"2": {"2", "Mouse", 1900},
	"3": {"3", "Monitor", 17900},
	"4": {"4", "Headphones", 7900},
	"5": {"5", "Webcam", 5900},
}

var errNoProduct = errors.New("no such product")

// jobRequest is a demo job's payload.
type jobRequest struct {
	Name string `json:"name"`
	Fail bool   `json:"fail,omitempty"`
}

// App is the demo: every pattern on one Redis client, and the HTTP
// handlers that use them.
type App struct {
	cfg      Config
	products *cache.Cached[Product]
	sessions *session.Store
	limiter  *ratelimit.Limiter
	events   pubsub.Topic[Event]
	hub      *pubsub.Hub[Event]
	queue    *jobs.Queue
	worker   *jobs.Worker
	board    *leaderboard.Leaderboard
	handler  http.Handler

	storeLoads atomic.Int64 // how often the fake store was read
}

// NewApp builds the demo on rdb and starts its background parts: the event
// subscription behind the SSE hub, the job worker and the heartbeat
// schedule. Close stops them; the caller closes rdb afterwards.
func NewApp(ctx context.Context, rdb redis.UniversalClient, cfg Config) (*App, error) {
	cfg = cfg.withDefaults()
	p := cfg.Prefix
	a := &App{
		cfg:      cfg,
		products: cache.New[Product](rdb, cache.Options{Prefix: p + "product:", TTL: cfg.CacheTTL}),
		sessions: session.New(rdb, session.Options{Prefix: p + "session:", TTL: 30 * time.Minute}),
		limiter:  ratelimit.New(rdb, ratelimit.Options{Prefix: p + "ratelimit:", Limit: cfg.RateLimit, Window: cfg.RateWindow}),
		events:   pubsub.NewTopic[Event](rdb, p+"events"),
		queue:    jobs.New(rdb, "tasks", jobs.Options{Prefix: p + "jobs"}),
		board:    leaderboard.New(rdb, p+"leaderboard"),
	}

	sub, err := a.events.Subscribe(ctx)
	if err != nil {
		return nil, err
	}
	// The comment heartbeat keeps proxies from closing idle streams.
	a.hub = pubsub.NewHub(sub, pubsub.HubOptions{Heartbeat: 15 * time.Second})

	if cfg.Heartbeat != "-" {
		// Every process adds it at start-up; only one chain of occurrences
		// runs however many do. Each occurrence deletes itself when done.
		_, err := a.queue.AddRepeatable(ctx, "heartbeat", nil, jobs.Repeat{Pattern: cfg.Heartbeat},
			jobs.JobOptions{RemoveOnComplete: -1})
		if err != nil {
			a.hub.Close()
			return nil, err
		}
	}
	a.worker = a.queue.NewWorker(a.runJob, jobs.WorkerOptions{
		Concurrency:  3,
		PollInterval: cfg.WorkerPoll,
		OnCompleted: func(job *jobs.Job) {
			if job.RepeatKey == "" {
				a.publish("job", "job %s %q completed after %d attempt(s)", job.ID, job.Name, job.AttemptsMade)
			}
		},
		OnRetry: func(job *jobs.Job, err error, delay time.Duration) {
			a.publish("job", "job %s %q failed (%v), retrying in %v", job.ID, job.Name, err, delay)
		},
		OnFailed: func(job *jobs.Job, err error) {
			a.publish("job", "job %s %q failed for good: %v", job.ID, job.Name, err)
		},
		OnError: func(err error) { cfg.Logger.Error("job worker", "err", err) },
	})

	a.handler = a.routes()
	return a, nil
}

// routes maps the URLs: the page and the event stream, and the API behind
// the rate limiter.
func (a *App) routes() http.Handler {
	api := http.NewServeMux()
	api.HandleFunc("GET /api/products/{id}", a.getProduct)
	api.HandleFunc("POST /api/login", a.login)
	api.HandleFunc("GET /api/me", a.me)
	api.HandleFunc("POST /api/logout", a.logout)
	api.HandleFunc("POST /api/logout-all", a.logoutAll)
	api.HandleFunc("POST /api/jobs", a.addJob)
	api.HandleFunc("GET /api/jobs/{id}", a.getJob)
	api.HandleFunc("POST /api/scores", a.addScore)
	api.HandleFunc("GET /api/leaderboard", a.top)
	api.HandleFunc("GET /api/leaderboard/{member}", a.rank)

	limit := a.limiter.Middleware(ratelimit.MiddlewareOptions{
		OnError: func(r *http.Request, err error) { a.cfg.Logger.Error("rate limiter", "err", err) },
	})
	mux := http.NewServeMux()
	mux.Handle("/api/", limit(api))
	mux.Handle("GET /events", a.hub)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, static, "static/index.html")
	})
	return mux
}

func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.handler.ServeHTTP(w, r) }

// CloseEvents ends the event streams. http.Server.Shutdown waits for
// every request to finish, and an event stream never does by itself, so
// main calls this as Shutdown begins (RegisterOnShutdown).
func (a *App) CloseEvents() { a.hub.Close() }

// Close stops the worker, letting running jobs finish until ctx ends
// (the unfinished go back to the queue), and the event hub.
func (a *App) Close(ctx context.Context) error {
	err := a.worker.Close(ctx)
	return errors.Join(err, a.hub.Close())
}

// publish sends an event to every open page. Pub/sub is fire-and-forget:
// a failure is only logged.
func (a *App) publish(kind, format string, args ...any) {
	ev := Event{Kind: kind, Text: fmt.Sprintf(format, args...), At: time.Now()}
	if _, err := a.events.Publish(context.Background(), ev); err != nil {
		a.cfg.Logger.Error("publish", "kind", kind, "err", err)
	}
}

// ---- cache ----

// getProduct reads a product cache-aside: a hit is served from Redis, a
// miss waits for the slow store and fills the cache.
func (a *App) getProduct(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	start := time.Now()
	missed := false
	p, err := a.products.Get(r.Context(), id, func(ctx context.Context) (Product, error) {
		missed = true
		return a.loadProduct(id)
	})
	switch {
	case errors.Is(err, errNoProduct):
		writeError(w, http.StatusNotFound, "no product "+id)
		return
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"product":   p,
		"cache":     map[bool]string{true: "miss", false: "hit"}[missed],
		"loads":     a.storeLoads.Load(),
		"elapsedMs": time.Since(start).Milliseconds(),
	})
}

// loadProduct is the slow store.
func (a *App) loadProduct(id string) (Product, error) {
	a.storeLoads.Add(1)
	time.Sleep(a.cfg.StoreDelay)
	p, ok := catalog[id]
	if !ok {
		return Product{}, errNoProduct
	}
	return p, nil
}

// ---- sessions ----

func (a *App) login(w http.ResponseWriter, r *http.Request) {
	var req struct {
		User string `json:"user"`
	}
	if !readJSON(w, r, &req) {
		return
	}
	if req.User == "" || len(req.User) > 64 {
		writeError(w, http.StatusBadRequest, "user must be 1 to 64 bytes")
		return
	}
	s, err := a.sessions.Create(r.Context(), req.User, map[string]string{"agent": r.UserAgent()})
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	// HttpOnly: scripts cannot read the session ID. Serve over HTTPS and
	// add Secure in production.
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: s.ID, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Expires: s.ExpiresAt})
	a.publish("login", "%s logged in", req.User)
	writeJSON(w, http.StatusOK, map[string]any{"user": s.UserID, "expiresAt": s.ExpiresAt})
}

// currentSession is the request's session, or nil after it answered 401.
func (a *App) currentSession(w http.ResponseWriter, r *http.Request) *session.Session {
	c, err := r.Cookie(sessionCookie)
	if err == nil {
		var s *session.Session
		s, err = a.sessions.Get(r.Context(), c.Value)
		if err == nil {
			return s
		}
	}
	if err != nil && !errors.Is(err, http.ErrNoCookie) && !errors.Is(err, session.ErrNotFound) {
		writeError(w, http.StatusInternalServerError, err.Error())
		return nil
	}
	writeError(w, http.StatusUnauthorized, "not logged in")
	return nil
}

// me shows the session and slides its expiry.
func (a *App) me(w http.ResponseWriter, r *http.Request) {
	s := a.currentSession(w, r)
	if s == nil {
		return
	}
	expires, err := a.sessions.Refresh(r.Context(), s.ID)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	ids, err := a.sessions.ListForUser(r.Context(), s.UserID)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"user": s.UserID, "createdAt": s.CreatedAt, "expiresAt": expires, "sessions": len(ids),
	})
}

func (a *App) logout(w http.ResponseWriter, r *http.Request) {
	s := a.currentSession(w, r)
	if s == nil {
		return
	}
	if err := a.sessions.Destroy(r.Context(), s.ID); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	clearSessionCookie(w)
	a.publish("logout", "%s logged out", s.UserID)
	writeJSON(w, http.StatusOK, map[string]any{"ended": 1})
}

// logoutAll ends every session of the current user, in every browser.
func (a *App) logoutAll(w http.ResponseWriter, r *http.Request) {
	s := a.currentSession(w, r)
	if s == nil {
		return
	}
	n, err := a.sessions.DestroyAllForUser(r.Context(), s.UserID)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	clearSessionCookie(w)
	a.publish("logout", "%s logged out everywhere (%d sessions)", s.UserID, n)
	writeJSON(w, http.StatusOK, map[string]any{"ended": n})
}

func clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true})
}

// ---- jobs ----

func (a *App) addJob(w http.ResponseWriter, r *http.Request) {
	var req jobRequest
	if !readJSON(w, r, &req) {
		return
	}
	if req.Name == "" {
		req.Name = "task"
	}
	job, err := a.queue.Add(r.Context(), req.Name, req, jobs.JobOptions{
		Attempts: 3,
		Backoff:  jobs.Backoff{Type: jobs.BackoffExponential, Delay: a.cfg.RetryDelay},
	})
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"id": job.ID, "name": job.Name})
}

func (a *App) getJob(w http.ResponseWriter, r *http.Request) {
	ctx, id := r.Context(), r.PathValue("id")
	// The state first, then the job: a job read as completed or failed
	// then shows its final attempt count and reason, as the script that
	// finished it wrote them together.
	state, err := a.queue.State(ctx, id)
	var job *jobs.Job
	if err == nil && state != jobs.StateUnknown {
		job, err = a.queue.GetJob(ctx, id)
	}
	switch {
	case state == jobs.StateUnknown || errors.Is(err, jobs.ErrJobNotFound):
		writeError(w, http.StatusNotFound, "no job "+id)
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	default:
		writeJSON(w, http.StatusOK, map[string]any{
			"id": job.ID, "name": job.Name, "state": state,
			"attemptsMade": job.AttemptsMade, "attempts": job.Opts.Attempts, "failedReason": job.FailedReason,
		})
	}
}

// runJob is the worker's handler: the heartbeat, or a demo job that
// works for a while and fails when asked to.
func (a *App) runJob(ctx context.Context, job *jobs.Job) error {
	if job.RepeatKey != "" {
		a.publish("heartbeat", "the cron job due at %s ran (%s)", job.RepeatAt.UTC().Format(time.TimeOnly), a.cfg.Heartbeat)
		return nil
	}
	var req jobRequest
	if err := job.Decode(&req); err != nil {
		return err
	}
	select {
	case <-time.After(a.cfg.JobDuration):
	case <-ctx.Done(): // the worker is closing: the job goes back to the queue
		return ctx.Err()
	}
	if req.Fail {
		return fmt.Errorf("simulated failure on attempt %d", job.AttemptsMade+1)
	}
	return nil
}

// ---- leaderboard ----

func (a *App) addScore(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Member string  `json:"member"`
		Points float64 `json:"points"`
	}
	if !readJSON(w, r, &req) {
		return
	}
	if req.Member == "" || len(req.Member) > 64 {
		writeError(w, http.StatusBadRequest, "member must be 1 to 64 bytes")
		return
	}
	ctx := r.Context()
	score, err := a.board.Incr(ctx, req.Member, req.Points)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	rank, _, err := a.board.Rank(ctx, req.Member)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	a.publish("score", "%s scored %g: %g points, rank %d", req.Member, req.Points, score, rank)
	writeJSON(w, http.StatusOK, boardEntry{Rank: rank, Member: req.Member, Score: score})
}

// boardEntry is a leaderboard.Entry as the API writes it.
type boardEntry struct {
	Rank   int64   `json:"rank"`
	Member string  `json:"member"`
	Score  float64 `json:"score"`
}

// top lists the best n members, ranked from 1.
func (a *App) top(w http.ResponseWriter, r *http.Request) {
	n := int64(10)
	if s := r.URL.Query().Get("n"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < 1 || v > 100 {
			writeError(w, http.StatusBadRequest, "n must be 1 to 100")
			return
		}
		n = v
	}
	entries, err := a.board.Top(r.Context(), n)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	out := make([]boardEntry, 0, len(entries)) // [] rather than null when empty
	for _, e := range entries {
		out = append(out, boardEntry{Rank: e.Rank, Member: e.Member, Score: e.Score})
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *App) rank(w http.ResponseWriter, r *http.Request) {
	member := r.PathValue("member")
	ctx := r.Context()
	rank, ok, err := a.board.Rank(ctx, member)
	var score float64
	if err == nil && ok {
		score, ok, err = a.board.Score(ctx, member)
	}
	switch {
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	case !ok:
		writeError(w, http.StatusNotFound, member+" is not on the leaderboard")
	default:
		writeJSON(w, http.StatusOK, boardEntry{Rank: rank, Member: member, Score: score})
	}
}

// ---- JSON ----

// readJSON decodes a small JSON body into v, or answers 400.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "bad JSON body: "+err.Error())
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
