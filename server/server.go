package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miniserve-dev/miniserve/datastruct"
	"github.com/miniserve-dev/miniserve/eviction"
)

// Version is the Redis version miniserve answers as. Job-queue
// libraries check it.
const Version = "7.0.15"

// Server is one miniserve instance: its databases, its clients and the
// listeners that feed them.
type Server struct {
	// mu is the keyspace lock. Every command runs while holding it, so
	// commands are atomic as in Redis. It also guards cfg, clients and
	// the statistics below.
	mu sync.Mutex

	cfg     *Config
	log     *slog.Logger
	clock   clock
	rng     *rand.Rand
	dbs     []*db
	table   *commandTable
	scripts scriptState // Lua scripts (script.go)
	clients map[int64]*Client
	nextID  atomic.Int64

	live liveSettings
	lfu  bool           // maxmemory-policy is an LFU policy
	enc  encodingLimits // the *-max-listpack-* and set-max-intset-entries in effect
	// warmSink keeps warmKeys's loads from being optimised away.
	warmSink uintptr

	// Memory accounting and eviction (memory.go).
	policy        eviction.Policy
	pool          eviction.Pool
	evictNextDB   int // the random policies' next database
	evictSamples  []*datastruct.Entry
	accounted     []accountedKey // keys the running write commands name
	clientBytes   int64          // the clients' memory at the last cron tick
	peakMemory    int64
	tuneGoRuntime bool // the process is the server's: set its Go memory limit and GC (the binary)
	// lruClockCache and cachedNowMs are the LRU clock and the time in
	// ms, refreshed by the cron and by FastForward (cacheClock), so that
	// an access or an eviction does not read the time.
	lruClockCache uint32
	cachedNowMs   int64
	monitors      []*Client
	pubsub        pubsubState  // subscriptions (pubsub.go)
	cluster       clusterState // cluster mode's node (cmd_cluster.go)
	stats         serverStats
	dirty         int64 // changes since the last save, as Redis's server.dirty
	// callClock is when the last top-level call of the running batch
	// ended, which the next one takes for its start: one clock reading
	// per pipelined command instead of two. Zero outside a batch.
	callClock time.Duration
	callDepth int // calls running, nested by EXEC and scripts
	started   time.Time

	// Blocked clients by the key they wait on, FIFO; the keys changed
	// since the last serveReady; how many clients are blocked.
	blocked        map[blockKey][]*Client
	readyKeys      []blockKey
	blockedClients int

	persist persistState
	tempDir string // removed on Close: the embedded server's own dir

	loop *eventLoop // nil where there is none: clients have goroutines

	lnMu      sync.Mutex // guards listeners, which CONFIG SET port can replace
	listeners []net.Listener
	wg        sync.WaitGroup // connection goroutines and background loops
	done      chan struct{}  // closed when the server stops
	stopCron  chan struct{}
	closing   atomic.Bool
	stopOnce  sync.Once
}

type serverStats struct {
	connectionsReceived int64
	commandsProcessed   int64
	rejectedConns       int64
	expiredKeys         int64
	evictedKeys         int64
	keyspaceHits        int64
	keyspaceMisses      int64
	errorReplies        int64
	errorsByCode        map[string]int64
	netInput, netOutput atomic.Int64
}

// liveSettings copies the directives that connection goroutines read
// outside the lock. refreshLive updates them after a config change.
type liveSettings struct {
	protoMaxBulkLen  atomic.Int64
	queryBufferLimit atomic.Int64
	tcpKeepalive     atomic.Int64 // nanoseconds
	passSet          atomic.Bool
}

func (s *Server) refreshLive() {
	s.live.protoMaxBulkLen.Store(s.cfg.ProtoMaxBulkLen)
	s.live.queryBufferLimit.Store(s.cfg.ClientQueryBufferLimit)
	s.live.tcpKeepalive.Store(int64(time.Duration(s.cfg.TCPKeepalive) * time.Second))
	s.live.passSet.Store(s.cfg.RequirePass != "")
	s.refreshEncodingLimits()
}

// Option configures a Server.
type Option func(*Server) error

// WithGoRuntimeTuning lets the server set the Go runtime's process-wide
// memory settings: maxmemory sets the soft memory limit too (see
// goMemoryLimit), so that the process's resident memory stays near the
// limit, and the collector pauses while the data set loads at startup
// (see loadGC). Those settings are the process's, so this suits a
// server that has the process to itself, as the binary has, not one
// embedded among other work.
func WithGoRuntimeTuning() Option {
	return func(s *Server) error { s.tuneGoRuntime = true; return nil }
}

// WithLogger sends the server's log to l.
func WithLogger(l *slog.Logger) Option {
	return func(s *Server) error { s.log = l; return nil }
}

// WithDirective sets a redis.conf directive, as a line of the config
// file would: WithDirective("maxmemory", "100mb").
func WithDirective(name string, args ...string) Option {
	return func(s *Server) error { return s.cfg.Set(name, args) }
}

// New builds a server from cfg (nil for the defaults). It does not
// listen until Start.
func New(cfg *Config, opts ...Option) (*Server, error) {
	if cfg == nil {
		cfg = NewConfig()
	}
	s := &Server{
		cfg:     cfg,
		log:     slog.New(slog.DiscardHandler),
		rng:     rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),
		table:   newCommandTable(commands()),
		clients: make(map[int64]*Client),
		blocked: make(map[blockKey][]*Client),
		done:    make(chan struct{}),
	}
	s.stats.errorsByCode = make(map[string]int64)
	for _, opt := range opts {
		if err := opt(s); err != nil {
			return nil, err
		}
	}
	s.refreshLive()
	s.cacheClock()
	s.cfg.OnApply(s.applyDirective)
	s.cfg.OnChange(func(string) { s.refreshLive() })
	s.dbs = make([]*db, s.cfg.Databases)
	for i := range s.dbs {
		s.dbs[i] = newDB(i)
	}
	s.applyMemoryConfig()
	return s, nil
}

// Start listens on the configured addresses and serves in the
// background. It returns once the listeners are open.
func (s *Server) Start() error {
	if err := s.loadData(); err != nil {
		return err
	}
	s.mu.Lock()
	err := s.listen()
	s.mu.Unlock()
	if err != nil {
		return err
	}
	s.started = s.clock.now()
	s.startBackground()
	s.log.Info("Ready to accept connections tcp", "addr", s.Addr(), "version", Version)
	return nil
}

// listen opens the configured addresses and replaces the current
// listeners with them, so that CONFIG SET port and bind take effect. On
// failure the old listeners stay. The caller holds s.mu.
func (s *Server) listen() error {
	binds := s.cfg.Bind
	if len(binds) == 0 {
		binds = []string{"*", "-::*"}
	}
	addrs, optional := bindAddrs(binds, s.cfg.Port)
	var lns []net.Listener
	for i, addr := range addrs {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			if optional[i] {
				continue // "-addr": skip when unavailable, as Redis does
			}
			for _, l := range lns {
				l.Close()
			}
			s.log.Warn("Could not create server TCP listening socket", "addr", addr, "err", err)
			return fmt.Errorf("listen %s: %w", addr, err)
		}
		if s.cfg.Port == 0 {
			// Port 0 picks a free port; the other binds follow it.
			s.cfg.Port = ln.Addr().(*net.TCPAddr).Port
			addrs, _ = bindAddrs(binds, s.cfg.Port)
		}
		lns = append(lns, ln)
	}
	if len(lns) == 0 {
		return errors.New("no address to listen on")
	}
	s.lnMu.Lock()
	old := s.listeners
	s.listeners = lns
	s.lnMu.Unlock()
	for _, ln := range old {
		ln.Close()
	}
	if s.loop == nil {
		if loop, err := newEventLoop(s); err == nil {
			s.loop = loop
			s.wg.Add(1)
			go loop.run()
		}
	}
	for _, ln := range lns {
		s.wg.Add(1)
		go s.acceptLoop(ln)
	}
	return nil
}

// applyDirective makes a CONFIG SET take effect where that can fail.
func (s *Server) applyDirective(name string) error {
	switch name {
	case "appendonly":
		if !s.started.IsZero() {
			if s.cfg.AppendOnly {
				return s.enableAOF()
			}
			s.disableAOF()
		}
	case "maxmemory", "maxmemory-policy":
		s.applyMemoryConfig()
	case "appendfsync":
		if s.persist.aof != nil {
			s.persist.aof.SetFsync(s.aofConfig().Fsync)
		}
	case "port", "bind":
		s.lnMu.Lock()
		listening := len(s.listeners) > 0
		s.lnMu.Unlock()
		if !listening {
			return nil
		}
		if err := s.listen(); err != nil {
			if name == "port" {
				return errors.New("Unable to listen on this port. Check server logs.")
			}
			return errors.New("Failed to bind to specified addresses.")
		}
	}
	return nil
}

// bindAddrs expands the bind list into listen addresses. A leading "-"
// marks an address that may be unavailable.
func bindAddrs(binds []string, port int) (addrs []string, optional []bool) {
	for _, b := range binds {
		opt := false
		if len(b) > 0 && b[0] == '-' {
			opt, b = true, b[1:]
		}
		if b == "*" {
			b = "0.0.0.0"
		} else if b == "::*" {
			b = "::"
		}
		addrs = append(addrs, net.JoinHostPort(b, strconv.Itoa(port)))
		optional = append(optional, opt)
	}
	return addrs, optional
}

// Addr is the address of the first listener, "127.0.0.1:6379".
func (s *Server) Addr() string {
	s.lnMu.Lock()
	defer s.lnMu.Unlock()
	if len(s.listeners) == 0 {
		return ""
	}
	return s.listeners[0].Addr().String()
}

// Done is closed when the server has stopped, for example after
// SHUTDOWN.
func (s *Server) Done() <-chan struct{} { return s.done }

// FastForward moves the server's clock forward by d, as miniredis's
// FastForward does: keys whose TTL passes expire at once.
func (s *Server) FastForward(d time.Duration) {
	s.clock.advance(d)
	s.mu.Lock()
	s.cacheClock()
	s.expireCycle(true)
	s.flushAOF()
	s.mu.Unlock()
}

// Close stops the server at once, without saving, and waits for every
// goroutine it started.
func (s *Server) Close() error {
	s.stop(false)
	return nil
}

// Shutdown stops the server gracefully, as Redis does on SIGTERM: it
// stops accepting, closes every client, waits for the server's
// goroutines, and then, when save rules are configured, saves a final
// snapshot (the AOF, if on, is flushed and fsynced as well). It returns
// the save's error, or ctx's if ctx ends first.
func (s *Server) Shutdown(ctx context.Context) error {
	finished := make(chan error, 1)
	go func() { finished <- s.stop(true) }()
	select {
	case err := <-finished:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stop stops the server; final asks for the snapshot a graceful
// shutdown saves when save rules are configured. Only the first call
// does anything.
func (s *Server) stop(final bool) (err error) {
	s.stopOnce.Do(func() {
		s.closing.Store(true)
		s.closeListeners()
		s.mu.Lock()
		for _, c := range s.clients {
			c.hangUp()
		}
		s.mu.Unlock()
		if s.loop != nil {
			s.loop.stop()
		}
		s.stopBackground()
		s.wg.Wait()
		s.mu.Lock()
		if final && len(s.cfg.Save) > 0 && s.tempDir == "" {
			// No client is left to write: the snapshot is the last state.
			s.log.Info("Saving the final RDB snapshot before exiting.")
			if err = s.save(); err != nil {
				s.log.Warn("Error trying to save the DB, can't exit.", "err", err)
			}
		}
		s.disableAOF()
		s.mu.Unlock()
		if s.tempDir != "" {
			os.RemoveAll(s.tempDir)
		}
		close(s.done)
		s.log.Info("Redis is now ready to exit, bye bye...")
	})
	return err
}

func (s *Server) closeListeners() {
	s.lnMu.Lock()
	defer s.lnMu.Unlock()
	for _, ln := range s.listeners {
		ln.Close()
	}
}

func (s *Server) acceptLoop(ln net.Listener) {
	defer s.wg.Done()
	for {
		conn, err := ln.Accept()
		if err != nil {
			if s.closing.Load() || errors.Is(err, net.ErrClosed) {
				return
			}
			s.log.Warn("accept", "err", err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		s.wg.Add(1)
		go s.serveConn(conn)
	}
}

// Tester is the part of testing.TB that RunT needs.
type Tester interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Run starts a server on a free loopback port with the defaults and the
// given options. The caller closes it.
func Run(opts ...Option) (*Server, error) {
	cfg := NewConfig()
	cfg.Port = 0
	cfg.Bind = []string{"127.0.0.1"}
	cfg.Save = nil
	// An embedded server keeps its files, if it writes any, in a fresh
	// directory of its own unless an option names one.
	dir, err := os.MkdirTemp("", "miniserve-")
	if err != nil {
		return nil, err
	}
	cfg.Dir = dir
	s, err := New(cfg, opts...)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if s.cfg.Dir == dir {
		s.tempDir = dir
	} else {
		os.RemoveAll(dir)
	}
	if err := s.Start(); err != nil {
		return nil, err
	}
	return s, nil
}

// RunT starts a server for a test, as httptest.NewServer does, and
// closes it when the test ends:
//
//	srv := server.RunT(t)
//	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
func RunT(t Tester, opts ...Option) *Server {
	t.Helper()
	s, err := Run(opts...)
	if err != nil {
		t.Fatalf("miniserve: %v", err)
		return nil
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// pid is reported by INFO and HELLO-less clients that ask.
var pid = os.Getpid()

// sharedIntegers reports whether small integers may be shared, which
// Redis forbids when maxmemory uses an LRU or LFU policy.
func (s *Server) sharedIntegers() bool {
	if s.cfg.MaxMemory == 0 {
		return true
	}
	switch s.cfg.MaxMemoryPolicy {
	case "allkeys-lru", "volatile-lru", "allkeys-lfu", "volatile-lfu":
		return false
	}
	return true
}

var _ = datastruct.NewDB
