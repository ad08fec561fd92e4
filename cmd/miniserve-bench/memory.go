package main

import (
	"fmt"
	"strconv"
	"time"
)

// memSet is one data set of the memory figures: what is loaded into an
// empty server, and how the loaded items are counted afterwards.
type memSet struct {
	Kind  string // "strings" or "zset"
	Items int    // keys or members
	// Commands returns the i-th of NCommands() commands that load the set;
	// Pipeline of them are sent before the replies are read.
	Command  func(i int) []string
	Commands int
	Pipeline int
	Count    []string // its integer reply is the number of items after the load
}

// zsetMemKey is the sorted set of the memory figures, and zsetMemBatch the
// members per ZADD.
const (
	zsetMemKey   = "bench:zset"
	zsetMemBatch = 1000
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
// 1M members".
func (m *memoryResult) label() string {
	if m.Kind == "zset" {
		return fmt.Sprintf("sorted set, %s members", countLabel(m.Items))
	}
	return fmt.Sprintf("strings, %s keys", countLabel(m.Items))
}

// unit is what one item of the data set is called.
func (m *memoryResult) unit() string {
	if m.Kind == "zset" {
		return "member"
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
