package main

import (
	"fmt"
	"strconv"
	"time"
)

// memSet is one data set of the memory figures: what is loaded into an
// empty server, and how the loaded items are counted afterwards.
type memSet struct {
	Kind  string // "strings", "zset", "hash" or "set"
	Items int    // keys or members
	// Commands returns the i-th of NCommands() commands that load the set;
	// Pipeline of them are sent before the replies are read.
	Command  func(i int) []string
	Commands int
	Pipeline int
	Count    []string // its integer reply is the number of items after the load
}

// zsetMemKey is the sorted set of the memory figures, and zsetMemBatch the
// members per ZADD (and the fields per HSET and members per SADD of the
// hash and the set).
const (
	zsetMemKey   = "bench:zset"
	zsetMemBatch = 1000
	hashMemKey   = "bench:hash"
	setMemKey    = "bench:set"
)

// stringsSet is n keys "key:%07d" with 16-byte values, one SET each, 1000 per
// pipelined batch.
func stringsSet(n int) memSet {
	return memSet{Kind: "strings", Items: n, Commands: n, Pipeline: 1000,
		Command: func(i int) []string { return []string{"SET", fmt.Sprintf("key:%07d", i), value16} },
		Count:   []string{"DBSIZE"}}
}

// zsetSet is one sorted set of n members "member:%07d" with score i, loaded
// with ZADDs of zsetMemBatch members, 10 ZADDs per pipelined batch.
func zsetSet(n int) memSet {
	return memSet{Kind: "zset", Items: n, Commands: (n + zsetMemBatch - 1) / zsetMemBatch, Pipeline: 10,
		Command: func(i int) []string { return zaddBatch(zsetMemKey, i*zsetMemBatch, min((i+1)*zsetMemBatch, n)) },
		Count:   []string{"ZCARD", zsetMemKey}}
}

// hashSet is one hash of n fields "field:%07d" with 16-byte values, loaded
// with HSETs of zsetMemBatch fields, 10 HSETs per pipelined batch.
func hashSet(n int) memSet {
	return memSet{Kind: "hash", Items: n, Commands: (n + zsetMemBatch - 1) / zsetMemBatch, Pipeline: 10,
		Command: func(i int) []string {
			from, to := i*zsetMemBatch, min((i+1)*zsetMemBatch, n)
			args := make([]string, 0, 2+2*(to-from))
			args = append(args, "HSET", hashMemKey)
			for f := from; f < to; f++ {
				args = append(args, fmt.Sprintf("field:%07d", f), value16)
			}
			return args
		},
		Count: []string{"HLEN", hashMemKey}}
}

// setSet is one set of n members "member:%07d", loaded with SADDs of
// zsetMemBatch members, 10 SADDs per pipelined batch.
func setSet(n int) memSet {
	return memSet{Kind: "set", Items: n, Commands: (n + zsetMemBatch - 1) / zsetMemBatch, Pipeline: 10,
		Command: func(i int) []string {
			from, to := i*zsetMemBatch, min((i+1)*zsetMemBatch, n)
			args := make([]string, 0, 2+to-from)
			args = append(args, "SADD", setMemKey)
			for m := from; m < to; m++ {
				args = append(args, fmt.Sprintf("member:%07d", m))
			}
			return args
		},
		Count: []string{"SCARD", setMemKey}}
}

// zaddBatch is ZADD key i member:%07d for from <= i < to.
func zaddBatch(key string, from, to int) []string {
	args := make([]string, 0, 2+2*(to-from))
	args = append(args, "ZADD", key)
	for i := from; i < to; i++ {
		args = append(args, strconv.Itoa(i), fmt.Sprintf("member:%07d", i))
	}
	return args
}

// countLabel writes 1000000 as "1M" and 200000 as "200k".
func countLabel(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

// label names a data set in the reports: "strings, 1M keys", "sorted set,
// 1M members", "hash, 1M fields", "set, 1M members".
func (m *memoryResult) label() string {
	n := countLabel(m.Items)
	switch m.Kind {
	case "zset":
		return fmt.Sprintf("sorted set, %s members", n)
	case "hash":
		return fmt.Sprintf("hash, %s fields", n)
	case "set":
		return fmt.Sprintf("set, %s members", n)
	}
	return fmt.Sprintf("strings, %s keys", n)
}

// unit is what one item of the data set is called.
func (m *memoryResult) unit() string {
	switch m.Kind {
	case "zset", "set":
		return "member"
	case "hash":
		return "field"
	}
	return "key"
}

// measureMemory flushes s, reads the baseline, loads the set and reads again.
func measureMemory(s *server, set memSet) (memFigures, error) {
	m := memFigures{BaseUsed: -1, Used: -1, BaseRSS: -1, RSS: -1, Count: -1}
	c, err := s.Client()
	if err != nil {
		return m, err
	}
	defer c.Close()
	if v, err := c.Do("FLUSHALL"); err != nil || isErr(v) {
		return m, fmt.Errorf("FLUSHALL: %v %v", err, v)
	}
	time.Sleep(200 * time.Millisecond)
	m.BaseUsed = usedMemory(c)
	m.BaseRSS, _ = procRSS(s.PID())
	if err := c.pipelineGen(set.Commands, set.Pipeline, set.Command); err != nil {
		return m, fmt.Errorf("loading the %s: %w", set.Kind, err)
	}
	// Let a garbage-collected server settle a little before reading RSS.
	time.Sleep(time.Second)
	m.Used = usedMemory(c)
	m.RSS, _ = procRSS(s.PID())
	if v, err := c.Do(set.Count...); err == nil {
		if n, ok := v.(int64); ok {
			m.Count = n
		}
	}
	if v, err := c.Do("FLUSHALL"); err != nil || isErr(v) {
		return m, fmt.Errorf("FLUSHALL after the load: %v %v", err, v)
	}
	return m, nil
}
