package compat_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// patternBackend is one deployment a pattern suite runs on: an embedded
// miniserve, a real redis-server, miniserve in cluster mode, or a real
// three-master Redis Cluster.
type patternBackend struct {
	Name    string // "miniserve", "redis", "miniserve-cluster" or "redis-cluster"
	Cluster bool
	// Client is closed when the test ends.
	Client redis.UniversalClient
	// Prefix is unique to this run of the suite. Every key a suite makes
	// starts with it, so that suites can share a server or a cluster.
	Prefix string
	// NewClient returns another independent client (another "process"),
	// closed when the test ends.
	NewClient func() redis.UniversalClient
	// Advance moves the server's clock: FastForward on miniserve, a real
	// sleep on Redis.
	Advance func(time.Duration)
	// Restart stops the server and starts an empty one on the same
	// address. It is nil on clusters.
	Restart func()
}

var patternRunSeq atomic.Int64

// runOnBackends runs fn once per backend as a subtest named after it.
// Standalone servers are fresh for each call; the real cluster is shared
// by the package and isolated by Prefix.
func runOnBackends(t *testing.T, fn func(t *testing.T, b *patternBackend)) {
	t.Helper()
	for _, name := range []string{"miniserve", "redis", "miniserve-cluster", "redis-cluster"} {
		t.Run(name, func(t *testing.T) {
			b := newPatternBackend(t, name)
			fn(t, b)
		})
	}
}

func newPatternBackend(t *testing.T, name string) *patternBackend {
	t.Helper()
	b := &patternBackend{Name: name, Prefix: fmt.Sprintf("t%d:", patternRunSeq.Add(1))}
	standalone := func(addr func() string) {
		b.NewClient = func() redis.UniversalClient {
			c := redis.NewClient(&redis.Options{Addr: addr()})
			t.Cleanup(func() { c.Close() })
			return c
		}
	}
	switch name {
	case "miniserve":
		addr, advance, stop := startMiniserveProc(t, 0, nil)
		port := portOf(addr)
		b.Advance = advance
		stopCurrent := stop
		t.Cleanup(func() { stopCurrent() })
		b.Restart = func() {
			stopCurrent()
			_, adv, st := startMiniserveProc(t, port, nil)
			b.Advance, stopCurrent = adv, st
		}
		standalone(func() string { return addr })
	case "redis":
		if redisBin == "" {
			t.Skip(noRedisMsg)
		}
		dir := t.TempDir()
		p, err := startRedisProc(dir, nil)
		if err != nil {
			t.Fatalf("starting redis-server: %v", err)
		}
		current := p
		t.Cleanup(func() { current.stop() })
		b.Advance = time.Sleep
		b.Restart = func() {
			current.stop()
			next, err := launchRedis(dir, portOf(p.addr), nil)
			if err != nil {
				t.Fatalf("restarting redis-server: %v", err)
			}
			current = next
		}
		standalone(func() string { return p.addr })
	case "miniserve-cluster":
		addr, advance, stop := startMiniserveProc(t, 0, [][]string{{"cluster-enabled", "yes"}})
		t.Cleanup(stop)
		b.Cluster, b.Advance = true, advance
		probe := redis.NewClient(&redis.Options{Addr: addr})
		_, err := probe.ClusterSlots(context.Background()).Result()
		probe.Close()
		if err != nil {
			t.Fatalf("miniserve in cluster mode: CLUSTER SLOTS: %v", err)
		}
		b.NewClient = clusterClientFactory(t, []string{addr})
	case "redis-cluster":
		addrs, err := sharedRedisCluster()
		if err != nil {
			t.Skip(err.Error())
		}
		b.Cluster, b.Advance = true, time.Sleep
		b.NewClient = clusterClientFactory(t, addrs)
	}
	b.Client = b.NewClient()
	return b
}

func clusterClientFactory(t *testing.T, addrs []string) func() redis.UniversalClient {
	return func() redis.UniversalClient {
		c := redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs})
		t.Cleanup(func() { c.Close() })
		return c
	}
}

func portOf(addr string) int {
	i := strings.LastIndexByte(addr, ':')
	p, _ := strconv.Atoi(addr[i+1:])
	return p
}

// ---- a real three-master Redis Cluster, shared by the package ----

var (
	clusterOnce  sync.Once
	clusterAddrs []string
	clusterErr   error
	clusterProcs []*redisProc
	clusterDir   string
)

// sharedRedisCluster starts, on first use, three redis-server processes in
// cluster mode on loopback ports, gives each a third of the slots and
// introduces them, then waits until every node reports cluster_state:ok.
// TestMain stops them.
func sharedRedisCluster() ([]string, error) {
	clusterOnce.Do(func() {
		if redisBin == "" {
			clusterErr = fmt.Errorf("%s: no Redis Cluster", noRedisMsg)
			return
		}
		clusterAddrs, clusterErr = startRedisCluster()
		if clusterErr != nil {
			stopSharedRedisCluster()
			clusterErr = fmt.Errorf("starting a 3-master Redis Cluster: %w", clusterErr)
		}
	})
	return clusterAddrs, clusterErr
}

func startRedisCluster() ([]string, error) {
	dir, err := os.MkdirTemp("", "compat-cluster-")
	if err != nil {
		return nil, err
	}
	clusterDir = dir
	ranges := [][2]int{{0, 5460}, {5461, 10922}, {10923, 16383}}
	var conns []*Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := range ranges {
		p, err := launchClusterNode(dir)
		if err != nil {
			return nil, err
		}
		clusterProcs = append(clusterProcs, p)
		c, err := Dial(p.addr)
		if err != nil {
			return nil, err
		}
		c.Timeout = 5 * time.Second
		conns = append(conns, c)
		if v, err := c.Do("CLUSTER", "ADDSLOTSRANGE", strconv.Itoa(ranges[i][0]), strconv.Itoa(ranges[i][1])); err != nil || v.IsErr() {
			return nil, fmt.Errorf("CLUSTER ADDSLOTSRANGE on %s: %v %v", p.addr, v, err)
		}
	}
	for _, p := range clusterProcs[1:] {
		if v, err := conns[0].Do("CLUSTER", "MEET", "127.0.0.1", strconv.Itoa(portOf(p.addr))); err != nil || v.IsErr() {
			return nil, fmt.Errorf("CLUSTER MEET %s: %v %v", p.addr, v, err)
		}
	}
	// Bounded wait for the gossip to settle: every node knows all three
	// and sees every slot covered.
	for i := 0; i < 300; i++ {
		ready := true
		for _, c := range conns {
			v, err := c.Do("CLUSTER", "INFO")
			if err != nil {
				return nil, err
			}
			if !strings.Contains(v.Str, "cluster_state:ok") || !strings.Contains(v.Str, "cluster_known_nodes:3") {
				ready = false
				break
			}
			slots, err := c.Do("CLUSTER", "SLOTS")
			if err != nil {
				return nil, err
			}
			if len(slots.Elems) != 3 {
				ready = false
				break
			}
		}
		if ready {
			addrs := make([]string, len(clusterProcs))
			for i, p := range clusterProcs {
				addrs[i] = p.addr
			}
			return addrs, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, fmt.Errorf("cluster not ready after 30s")
}

// launchClusterNode starts one cluster-mode redis-server on a port whose
// cluster bus port (port+10000) is free as well.
func launchClusterNode(dir string) (*redisProc, error) {
	var lastErr error
	for attempt := 0; attempt < 20; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		if port+10000 > 65535 || !portFree(port+10000) {
			continue
		}
		p, err := launchRedis(dir, port, [][]string{
			{"cluster-enabled", "yes"},
			{"cluster-config-file", fmt.Sprintf("nodes-%d.conf", port)},
			{"cluster-node-timeout", "5000"},
		})
		if err == nil {
			return p, nil
		}
		lastErr = err
	}
	return nil, fmt.Errorf("no free port pair for a cluster node: %v", lastErr)
}

func portFree(port int) bool {
	c, err := Dial("127.0.0.1:" + strconv.Itoa(port))
	if err == nil {
		c.Close()
		return false
	}
	return true
}

func stopSharedRedisCluster() {
	for _, p := range clusterProcs {
		p.stop()
	}
	clusterProcs = nil
	if clusterDir != "" {
		os.RemoveAll(clusterDir)
	}
}

// TestPatternHarness checks the backends themselves: each answers, keeps
// keys apart by prefix, and the clusters route keys to their slots.
func TestPatternHarness(t *testing.T) {
	runOnBackends(t, func(t *testing.T, b *patternBackend) {
		ctx := context.Background()
		for i := 0; i < 20; i++ {
			key := b.Prefix + "k" + strconv.Itoa(i)
			if err := b.Client.Set(ctx, key, i, 0).Err(); err != nil {
				t.Fatalf("SET %s: %v", key, err)
			}
			if got, err := b.Client.Get(ctx, key).Int(); err != nil || got != i {
				t.Fatalf("GET %s = %d, %v", key, got, err)
			}
		}
		if b.Restart != nil {
			b.Restart()
			c := b.NewClient()
			if n, err := c.Exists(ctx, b.Prefix+"k0").Result(); err != nil || n != 0 {
				t.Fatalf("after Restart: EXISTS = %d, %v; want an empty server", n, err)
			}
		}
	})
}
