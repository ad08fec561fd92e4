package compat_test

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/miniserve-dev/miniserve/server"
)

// go-redis's ClusterClient against one embedded miniserve in cluster mode,
// bound to 127.0.0.1 on a random port: it must find the node from CLUSTER
// SLOTS at the address it dialled, route every slot there, and see
// CROSSSLOT as a real cluster sends it.
func TestGoRedisClusterClient(t *testing.T) {
	srv := server.RunT(t, server.WithDirective("cluster-enabled", "yes"), server.WithDirective("bind", "127.0.0.1"))
	ctx := context.Background()
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{srv.Addr()}})
	defer rdb.Close()

	slots, err := rdb.ClusterSlots(ctx).Result()
	if err != nil {
		t.Fatalf("CLUSTER SLOTS: %v", err)
	}
	if len(slots) != 1 || slots[0].Start != 0 || slots[0].End != 16383 || len(slots[0].Nodes) != 1 {
		t.Fatalf("CLUSTER SLOTS = %+v, want one node with 0-16383", slots)
	}
	if got := slots[0].Nodes[0].Addr; got != srv.Addr() {
		t.Errorf("CLUSTER SLOTS address %q, want the address clients dial, %q", got, srv.Addr())
	}
	id, err := rdb.ClusterMyID(ctx).Result()
	if err != nil || slots[0].Nodes[0].ID != id || len(id) != 40 {
		t.Errorf("CLUSTER MYID = %q, %v; CLUSTER SLOTS says %q", id, err, slots[0].Nodes[0].ID)
	}
	nodes, err := rdb.ClusterNodes(ctx).Result()
	if err != nil || !strings.HasPrefix(nodes, id+" "+srv.Addr()+"@") {
		t.Errorf("CLUSTER NODES = %q, %v", nodes, err)
	}

	// Keys spread over many slots, single commands and a pipeline.
	for i := range 100 {
		key := "k" + strconv.Itoa(i)
		if err := rdb.Set(ctx, key, i, 0).Err(); err != nil {
			t.Fatalf("SET %s: %v", key, err)
		}
	}
	cmds, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range 100 {
			p.Get(ctx, "k"+strconv.Itoa(i))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	for i, c := range cmds {
		if v, _ := c.(*redis.StringCmd).Int(); v != i {
			t.Fatalf("GET k%d = %d", i, v)
		}
	}

	// Multi-key commands: one slot works, several slots get CROSSSLOT.
	if err := rdb.MSet(ctx, "{user:1}:name", "ann", "{user:1}:age", "33").Err(); err != nil {
		t.Errorf("MSET in one slot: %v", err)
	}
	if err := rdb.MSet(ctx, "a", "1", "b", "2").Err(); err == nil || err.Error() != "CROSSSLOT Keys in request don't hash to the same slot" {
		t.Errorf("MSET across slots: %v, want CROSSSLOT", err)
	}

	// A transaction on one slot, and one across slots.
	_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Incr(ctx, "{cart:7}:n")
		p.RPush(ctx, "{cart:7}:items", "x")
		return nil
	})
	if err != nil {
		t.Errorf("MULTI/EXEC in one slot: %v", err)
	}
	if n, _ := rdb.LLen(ctx, "{cart:7}:items").Result(); n != 1 {
		t.Errorf("LLEN after the transaction = %d", n)
	}

	// Scripts: keys declared in one slot.
	script := redis.NewScript(`redis.call('set', KEYS[1], ARGV[1]); return redis.call('get', KEYS[2])`)
	if v, err := script.Run(ctx, rdb, []string{"{s}a", "{s}b"}, "v").Result(); err != redis.Nil {
		t.Errorf("script = %v, %v; want redis.Nil", v, err)
	}
	if err := script.Run(ctx, rdb, []string{"a", "b"}, "v").Err(); err == nil || !strings.HasPrefix(err.Error(), "CROSSSLOT") {
		t.Errorf("script with keys in two slots: %v, want CROSSSLOT", err)
	}

	// Every shard, every master: one node.
	var masters int
	if err := rdb.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
		masters++
		return c.Ping(ctx).Err()
	}); err != nil || masters != 1 {
		t.Errorf("ForEachMaster: %d masters, %v", masters, err)
	}
	if n, err := rdb.DBSize(ctx).Result(); err != nil || n != 105 { // k0..k99, two {user:1}, two {cart:7}, {s}a
		t.Errorf("DBSIZE = %d, %v", n, err)
	}
	if err := rdb.Do(ctx, "SELECT", "1").Err(); err == nil || err.Error() != "ERR SELECT is not allowed in cluster mode" {
		t.Errorf("SELECT 1: %v", err)
	}
}

// The announced address replaces the connection's in what the node
// reports, as cluster-announce-ip and -port do in Redis.
func TestClusterAnnouncedAddress(t *testing.T) {
	srv := server.RunT(t,
		server.WithDirective("cluster-enabled", "yes"),
		server.WithDirective("cluster-announce-ip", "10.1.2.3"),
		server.WithDirective("cluster-announce-port", "7000"),
		server.WithDirective("cluster-announce-hostname", "node.example"))
	c, err := Dial(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	v, err := c.Do("CLUSTER", "NODES")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(srv.Addr())
	bus, _ := strconv.Atoi(port)
	want := " 10.1.2.3:7000@" + strconv.Itoa(bus+10000) + ",node.example myself,master - 0 0 0 connected 0-16383\n"
	if !strings.HasSuffix(v.Str, want) {
		t.Errorf("CLUSTER NODES = %q, want the suffix %q", v.Str, want)
	}
	v, err = c.Do("CLUSTER", "SLOTS")
	if err != nil {
		t.Fatal(err)
	}
	node := v.Elems[0].Elems[2]
	if node.Elems[0].Str != "10.1.2.3" || node.Elems[1].Str != "7000" || len(node.Elems[3].Elems) != 2 || node.Elems[3].Elems[1].Str != "node.example" {
		t.Errorf("CLUSTER SLOTS node = %s", node.Raw)
	}
}
