package compat_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// Cluster mode: miniserve with cluster-enabled yes against a redis-server
// started the same way and made the single master of every slot (see
// ownAllSlots). Node IDs, addresses and ports differ between the two, so
// the replies that carry them are compared with those fields masked.

var clusterOn = [][]string{{"cluster-enabled", "yes"}}

const (
	errCrossSlot       = "CROSSSLOT Keys in request don't hash to the same slot"
	errClusterDisabled = "ERR This instance has cluster support disabled"
)

var hex40 = regexp.MustCompile(`^[0-9a-f]{40}$`)

func checkNodeID(v *Value) error {
	if !hex40.MatchString(v.Str) {
		return fmt.Errorf("not a 40-hex-digit node ID: %q", v.Str)
	}
	return nil
}

// sameNodeID compares two CLUSTER MYID replies by shape only.
func sameNodeID(want, got *Value) error {
	if want.Type != got.Type {
		return fmt.Errorf("type %q vs %q", want.Type, got.Type)
	}
	return checkNodeID(got)
}

// nodesLine matches a CLUSTER NODES line; the address may lack the IP
// (a real node that never met another does not know its own).
var nodesLine = regexp.MustCompile(`^([0-9a-f]{40}) ([0-9.]*):(\d+)@(\d+)((?:,\S+)?) (.*)\n$`)

// maskNodes replaces the ID and the address of each CLUSTER NODES line.
func maskNodes(v *Value) (string, error) {
	text := strings.TrimPrefix(v.Str, "txt:")
	m := nodesLine.FindStringSubmatch(text)
	if m == nil {
		return "", fmt.Errorf("not a CLUSTER NODES line: %q", text)
	}
	return string(v.Type) + "<id> <addr>" + m[5] + " " + m[6], nil
}

func compareNodes(want, got *Value) error {
	w, err := maskNodes(want)
	if err != nil {
		return err
	}
	g, err := maskNodes(got)
	if err != nil {
		return err
	}
	if w != g {
		return fmt.Errorf("masked %q vs %q", w, g)
	}
	return nil
}

// compareMasked compares two replies after masking the node's ID, IP
// and port wherever they appear: the elements of a CLUSTER SLOTS node
// and the values of those fields in CLUSTER SHARDS.
func compareMasked(want, got *Value) error {
	w, g := maskNode(want, ""), maskNode(got, "")
	if w != g {
		return fmt.Errorf("masked\n  %s\nvs\n  %s", w, g)
	}
	return nil
}

// maskNode renders v with the node's ID, IP and port masked. field is
// the map key v is the value of, if any.
func maskNode(v *Value, field string) string {
	switch field {
	case "id", "ip", "endpoint":
		return string(v.Type) + "<" + field + ">"
	case "port":
		return string(v.Type) + "<port>"
	}
	switch v.Type {
	case '*', '%', '~':
		var b strings.Builder
		b.WriteByte(v.Type)
		b.WriteByte('[')
		// A CLUSTER SLOTS node: endpoint, port, id, metadata.
		isSlotsNode := v.Type == '*' && len(v.Elems) == 4 && v.Elems[1].Type == ':' && hex40.MatchString(v.Elems[2].Str)
		for i, e := range v.Elems {
			var f string
			if isSlotsNode && i < 3 {
				f = []string{"ip", "port", "id"}[i]
			} else if i%2 == 1 && (v.Type == '%' || isFlatMap(v)) {
				f = v.Elems[i-1].Str
			}
			b.WriteString(maskNode(e, f))
			b.WriteByte(' ')
		}
		b.WriteByte(']')
		return b.String()
	}
	return string(v.Type) + v.Str
}

// isFlatMap reports a RESP2 array holding a map of CLUSTER SHARDS.
func isFlatMap(v *Value) bool {
	return len(v.Elems) >= 2 && v.Elems[0].Type == '$' && (v.Elems[0].Str == "slots" || v.Elems[0].Str == "id")
}

// sortedKeys compares GETKEYSINSLOT replies as sets: Redis lists a
// slot's keys newest first, miniserve in its keyspace's order.
func wantKeys(keys ...string) func(v *Value) error {
	return func(v *Value) error {
		if len(v.Elems) != len(keys) {
			return fmt.Errorf("%d keys, want %d", len(v.Elems), len(keys))
		}
		seen := map[string]bool{}
		for _, e := range v.Elems {
			seen[e.Str] = true
		}
		for _, k := range keys {
			if !seen[k] {
				return errors.New("missing " + k)
			}
		}
		return nil
	}
}

func notSupported(sub string) string {
	return "-ERR CLUSTER " + sub + " is not supported by miniserve: it is a single cluster node that always serves all 16384 slots\r\n"
}

const divTopology = "miniserve is one node that always serves every slot: it refuses topology changes it cannot make, where Redis makes them"

var clusterCases = []Case{
	// Cluster support disabled: every subcommand and READONLY, READWRITE
	// and ASKING answer Redis's error; arity and unknown subcommands are
	// checked first.
	cs("cluster support disabled",
		C("CLUSTER", "INFO").WantErr(errClusterDisabled), C("CLUSTER", "MYID").WantErr(errClusterDisabled),
		C("CLUSTER", "NODES").WantErr(errClusterDisabled), C("CLUSTER", "SLOTS").WantErr(errClusterDisabled),
		C("CLUSTER", "SHARDS").WantErr(errClusterDisabled), C("CLUSTER", "KEYSLOT", "a").WantErr(errClusterDisabled),
		C("CLUSTER", "COUNTKEYSINSLOT", "1").WantErr(errClusterDisabled), C("CLUSTER", "GETKEYSINSLOT", "1", "1").WantErr(errClusterDisabled),
		C("CLUSTER", "HELP").WantErr(errClusterDisabled), C("CLUSTER", "LINKS").WantErr(errClusterDisabled),
		C("CLUSTER", "ADDSLOTS", "1").WantErr(errClusterDisabled), C("CLUSTER", "ADDSLOTSRANGE", "1", "2").WantErr(errClusterDisabled),
		C("CLUSTER", "DELSLOTS", "1").WantErr(errClusterDisabled), C("CLUSTER", "DELSLOTSRANGE", "1", "2").WantErr(errClusterDisabled),
		C("CLUSTER", "MEET", "127.0.0.1", "1").WantErr(errClusterDisabled), C("CLUSTER", "FORGET", "x").WantErr(errClusterDisabled),
		C("CLUSTER", "REPLICATE", "x").WantErr(errClusterDisabled), C("CLUSTER", "REPLICAS", "x").WantErr(errClusterDisabled),
		C("CLUSTER", "SLAVES", "x").WantErr(errClusterDisabled), C("CLUSTER", "COUNT-FAILURE-REPORTS", "x").WantErr(errClusterDisabled),
		C("CLUSTER", "FAILOVER").WantErr(errClusterDisabled), C("CLUSTER", "RESET").WantErr(errClusterDisabled),
		C("CLUSTER", "SETSLOT", "1", "STABLE").WantErr(errClusterDisabled), C("CLUSTER", "SAVECONFIG").WantErr(errClusterDisabled),
		C("CLUSTER", "FLUSHSLOTS").WantErr(errClusterDisabled), C("CLUSTER", "BUMPEPOCH").WantErr(errClusterDisabled),
		C("CLUSTER", "SET-CONFIG-EPOCH", "1").WantErr(errClusterDisabled),
		C("READONLY").WantErr(errClusterDisabled), C("READWRITE").WantErr(errClusterDisabled), C("ASKING").WantErr(errClusterDisabled)),
	cs("cluster disabled: arity and unknown subcommands first",
		C("CLUSTER"), C("CLUSTER", "nosuch"), C("CLUSTER", "MYID", "x"), C("CLUSTER", "KEYSLOT"),
		C("CLUSTER", "ADDSLOTSRANGE", "1"), C("READONLY", "x"), C("ASKING", "x")),
	cs("cluster disabled: in MULTI and in scripts",
		C("MULTI"), C("READONLY").Want("+QUEUED\r\n"), C("CLUSTER", "INFO"), C("EXEC"),
		C("EVAL", "return redis.call('readonly')", "0"), C("EVAL", "return redis.call('cluster', 'keyslot', 'a')", "0"),
		C("EVAL", "return redis.pcall('asking')", "0"), C("MSET", "a", "1", "b", "2").Want("+OK\r\n")),
	cs("cluster disabled: INFO cluster and HELLO", C("INFO", "cluster"), hello("3")),
	cs("COMMAND INFO of cluster commands",
		C("COMMAND", "INFO", "readonly", "readwrite", "asking"),
		C("COMMAND", "INFO", "cluster").Compare(compareCommandInfoSubcommands),
		C("COMMAND", "INFO", "cluster|info", "cluster|myid", "cluster|nodes", "cluster|slots", "cluster|shards", "cluster|keyslot", "cluster|countkeysinslot"),
		C("COMMAND", "INFO", "cluster|getkeysinslot", "cluster|help", "cluster|links", "cluster|addslots", "cluster|addslotsrange", "cluster|delslots", "cluster|delslotsrange"),
		C("COMMAND", "INFO", "cluster|meet", "cluster|forget", "cluster|replicate", "cluster|replicas", "cluster|slaves", "cluster|count-failure-reports", "cluster|failover"),
		C("COMMAND", "INFO", "cluster|reset", "cluster|setslot", "cluster|saveconfig", "cluster|flushslots", "cluster|bumpepoch", "cluster|set-config-epoch")),
	cs("COMMAND DOCS of cluster commands",
		C("COMMAND", "DOCS", "readonly", "readwrite", "asking"),
		C("COMMAND", "DOCS", "cluster").Compare(compareDocsSubcommands),
		C("COMMAND", "DOCS", "cluster|info", "cluster|myid", "cluster|nodes", "cluster|slots", "cluster|shards", "cluster|keyslot", "cluster|countkeysinslot"),
		C("COMMAND", "DOCS", "cluster|getkeysinslot", "cluster|help", "cluster|links", "cluster|addslots", "cluster|addslotsrange", "cluster|delslots", "cluster|delslotsrange"),
		C("COMMAND", "DOCS", "cluster|meet", "cluster|forget", "cluster|replicate", "cluster|replicas", "cluster|slaves", "cluster|count-failure-reports", "cluster|failover"),
		C("COMMAND", "DOCS", "cluster|reset", "cluster|setslot", "cluster|saveconfig", "cluster|flushslots", "cluster|bumpepoch", "cluster|set-config-epoch"),
		hello("3"), C("COMMAND", "DOCS", "cluster|setslot", "cluster|slots", "asking")),

	// A one-node cluster owning every slot.
	withConf("cluster node: INFO, MYID, NODES, SLOTS, SHARDS, LINKS, HELP", clusterOn,
		C("CLUSTER", "INFO"),
		C("CLUSTER", "MYID").Check(checkNodeID).Compare(sameNodeID).Save("id"),
		C("CLUSTER", "NODES").Compare(compareNodes),
		C("CLUSTER", "SLOTS").Compare(compareMasked),
		C("CLUSTER", "SHARDS").Compare(compareMasked),
		C("CLUSTER", "LINKS").Want("*0\r\n"),
		C("CLUSTER", "HELP"),
		C("CLUSTER", "REPLICAS", "{{id}}").Want("*0\r\n"), C("CLUSTER", "SLAVES", "{{id}}").Want("*0\r\n"),
		C("CLUSTER", "COUNT-FAILURE-REPORTS", "{{id}}").Want(":0\r\n"),
		hello("3"),
		C("CLUSTER", "INFO"),
		C("CLUSTER", "NODES").Compare(compareNodes),
		C("CLUSTER", "SLOTS").Compare(compareMasked),
		C("CLUSTER", "SHARDS").Compare(compareMasked)),
	withConf("cluster node: INFO server and cluster sections, HELLO", clusterOn,
		C("INFO", "cluster"), hello("3"), hello("2"),
		C("INFO", "server").Check(func(v *Value) error {
			if !strings.Contains(v.Str, "redis_mode:cluster\r\n") {
				return errors.New("no redis_mode:cluster")
			}
			return nil
		}).Ignore()),
	withConf("cluster node: KEYSLOT, COUNTKEYSINSLOT, GETKEYSINSLOT", clusterOn,
		C("CLUSTER", "KEYSLOT", "a").Want(":15495\r\n"), C("CLUSTER", "KEYSLOT", "123456789").Want(":12739\r\n"),
		C("CLUSTER", "KEYSLOT", "{a}x"), C("CLUSTER", "KEYSLOT", "x{a}"), C("CLUSTER", "KEYSLOT", "{}"), C("CLUSTER", "KEYSLOT", "{"),
		C("CLUSTER", "KEYSLOT", "}"), C("CLUSTER", "KEYSLOT", "{}a"), C("CLUSTER", "KEYSLOT", "a{}"), C("CLUSTER", "KEYSLOT", "{}{a}"),
		C("CLUSTER", "KEYSLOT", "a{b}{c}"), C("CLUSTER", "KEYSLOT", "x{y"), C("CLUSTER", "KEYSLOT", "x}y{z}"), C("CLUSTER", "KEYSLOT", "{{a}}"),
		C("CLUSTER", "KEYSLOT", ""), C("CLUSTER", "KEYSLOT", "user:{1000}:profile"),
		C("MSET", "{a}1", "1", "{a}2", "2", "a", "3", "b", "4").WantErr(errCrossSlot),
		C("MSET", "{a}1", "1", "{a}2", "2", "a", "3").Want("+OK\r\n"), C("SET", "b", "4"),
		C("CLUSTER", "COUNTKEYSINSLOT", "15495").Want(":3\r\n"), C("CLUSTER", "COUNTKEYSINSLOT", "0").Want(":0\r\n"),
		C("CLUSTER", "COUNTKEYSINSLOT", "16383"), C("CLUSTER", "COUNTKEYSINSLOT", "16384"), C("CLUSTER", "COUNTKEYSINSLOT", "-1"),
		C("CLUSTER", "COUNTKEYSINSLOT", "x"),
		C("CLUSTER", "GETKEYSINSLOT", "15495", "10").Sorted().Check(wantKeys("a", "{a}1", "{a}2")),
		C("CLUSTER", "GETKEYSINSLOT", "15495", "2").Check(func(v *Value) error {
			if len(v.Elems) != 2 {
				return errors.New("want 2 keys")
			}
			return nil
		}).Ignore(),
		C("CLUSTER", "GETKEYSINSLOT", "15495", "0").Want("*0\r\n"), C("CLUSTER", "GETKEYSINSLOT", "3300", "5"),
		C("CLUSTER", "GETKEYSINSLOT", "15495", "-1"), C("CLUSTER", "GETKEYSINSLOT", "16384", "1"),
		C("CLUSTER", "GETKEYSINSLOT", "x", "1"), C("CLUSTER", "GETKEYSINSLOT", "1", "x"),
		C("DEL", "{a}1"), C("CLUSTER", "COUNTKEYSINSLOT", "15495").Want(":2\r\n")),
	withConf("cluster node: CROSSSLOT in commands", clusterOn,
		C("MSET", "a", "1", "b", "2").WantErr(errCrossSlot), C("MSET", "{u}a", "1", "{u}b", "2").Want("+OK\r\n"),
		C("MGET", "a", "b").WantErr(errCrossSlot), C("MGET", "{u}a", "{u}b"),
		C("DEL", "a", "b").WantErr(errCrossSlot), C("DEL", "a", "a"), C("EXISTS", "{u}a", "{u}b", "c").WantErr(errCrossSlot),
		C("SUNIONSTORE", "a", "b", "c").WantErr(errCrossSlot), C("SADD", "{s}1", "x"), C("SUNIONSTORE", "{s}d", "{s}1", "{s}2"),
		C("RENAME", "a", "b").WantErr(errCrossSlot), C("RENAME", "{u}a", "{u}c"), C("RENAME", "nosuch", "b").WantErr(errCrossSlot),
		C("SMOVE", "a", "b", "x"), C("LMOVE", "a", "b", "LEFT", "RIGHT"), C("ZUNIONSTORE", "d", "2", "a", "b"),
		C("ZUNIONSTORE", "{z}d", "2", "{z}a", "{z}b"), C("BLPOP", "a", "b", "0"), C("BLPOP", "{l}a", "{l}b", "0.01"),
		C("XREAD", "STREAMS", "a", "b", "0", "0"), C("COPY", "a", "b"), C("SORT", "a", "STORE", "b"),
		C("SORT", "{u}x", "STORE", "{u}y"), C("SORT", "{u}x", "BY", "w_*"), C("OBJECT", "ENCODING", "{u}a"),
		C("WATCH", "a", "b").WantErr(errCrossSlot), C("WATCH", "{u}a", "{u}b").Want("+OK\r\n"), C("UNWATCH"),
		C("SPUBLISH", "a", "m"), C("SSUBSCRIBE", "a", "b").WantErr(errCrossSlot),
		C("PING").Want("+PONG\r\n"), C("DBSIZE"), C("KEYS", "{u}*").Sorted(), C("FLUSHALL"), C("DBSIZE")),
	withConf("cluster node: CROSSSLOT in MULTI and at EXEC", clusterOn,
		C("MULTI"), C("SET", "a", "1").Want("+QUEUED\r\n"), C("SET", "b", "1").Want("+QUEUED\r\n"),
		C("EXEC").WantErr(errCrossSlot), C("EXEC").WantErr("ERR EXEC without MULTI"), C("EXISTS", "a").Want(":0\r\n"),
		C("MULTI"), C("MSET", "a", "1", "b", "1").WantErr(errCrossSlot), C("GET", "x"), C("EXEC").WantErr("EXECABORT Transaction discarded because of previous errors."),
		C("MULTI"), C("SET", "{t}a", "1"), C("INCR", "{t}b"), C("PING"), C("CLUSTER", "KEYSLOT", "zz"), C("EXEC"),
		C("WATCH", "{w}a"), C("MULTI"), C("SET", "{w}a", "1"), C("SET", "other", "1"), C("EXEC").WantErr(errCrossSlot),
		C("MULTI").Want("+OK\r\n"), C("DISCARD"),
		C("MULTI"), C("SPUBLISH", "a", "x"), C("SPUBLISH", "b", "x"), C("EXEC").WantErr(errCrossSlot),
		C("MULTI"), C("WATCH", "a", "b").WantErr(errCrossSlot), C("EXEC").IsErr(),
		C("MULTI"), C("EVAL", "return 1", "2", "a", "b").WantErr(errCrossSlot), C("DISCARD"),
		C("MULTI"), C("EVAL", "return redis.call('get', KEYS[1])", "1", "{t}a"), C("GET", "{t}b"), C("EXEC")),
	withConf("cluster node: CROSSSLOT in scripts", clusterOn,
		C("EVAL", "return 1", "2", "a", "b").WantErr(errCrossSlot), C("EVAL_RO", "return 1", "2", "a", "b").WantErr(errCrossSlot),
		C("EVAL", "return 1", "2", "{a}1", "{a}2").Want(":1\r\n"),
		C("EVAL", "return redis.call('get', 'a')", "0"),
		C("EVAL", "redis.call('get', 'a'); return redis.call('get', 'b')", "0"),
		C("EVAL", "return redis.call('get', 'b')", "1", "a"),
		C("EVAL", "return redis.call('mget', 'a', 'b')", "0"),
		C("EVAL", "return redis.pcall('mget', 'a', 'b')", "0"),
		C("EVAL", "return redis.call('mget', '{x}a', '{x}b')", "0"),
		C("EVAL", "#!lua\nredis.call('get', 'a'); return redis.call('get', 'b')", "0"),
		C("EVAL", "#!lua\nreturn redis.call('get', 'b')", "1", "a"),
		C("EVAL", "#!lua\nreturn redis.pcall('get', 'b')", "1", "a"),
		C("EVAL", "#!lua\nredis.call('get', '{a}x'); return redis.call('get', 'a')", "0"),
		C("EVAL", "#!lua\nredis.call('ping'); return redis.call('get', 'b')", "1", "a"),
		C("EVAL", "#!lua flags=allow-cross-slot-keys\nredis.call('get', 'a'); return redis.call('get', 'b')", "0"),
		C("EVAL", "#!lua flags=allow-cross-slot-keys\nreturn redis.call('mget', 'a', 'b')", "0"),
		C("EVAL", "#!lua flags=no-cluster\nreturn 1", "0"),
		C("EVAL", "#!lua flags=no-cluster,no-writes\nreturn 1", "0"),
		C("EVAL", "return redis.call('select', '1')", "0"),
		C("FUNCTION", "LOAD", "#!lua name=lib\n"+
			"redis.register_function('cross', function(keys, args) redis.call('get', 'a'); return redis.call('get', 'b') end)\n"+
			"redis.register_function{function_name='free', callback=function(keys, args) redis.call('get', 'a'); return redis.call('get', 'b') end, flags={'allow-cross-slot-keys'}}\n"+
			"redis.register_function{function_name='nocluster', callback=function() return 1 end, flags={'no-cluster'}}"),
		C("FCALL", "cross", "0"), C("FCALL", "cross", "1", "b"), C("FCALL", "free", "0"), C("FCALL", "nocluster", "0"),
		C("FCALL", "nosuch", "2", "a", "b").WantErr(errCrossSlot), C("FCALL_RO", "cross", "2", "a", "b").WantErr(errCrossSlot)),
	withConf("cluster node: SELECT, READONLY, READWRITE, ASKING", clusterOn,
		C("SELECT", "1").WantErr("ERR SELECT is not allowed in cluster mode"), C("SELECT", "0").Want("+OK\r\n"),
		C("READONLY").Want("+OK\r\n"), C("READWRITE").Want("+OK\r\n"), C("ASKING").Want("+OK\r\n"),
		C("READONLY", "x"), C("MULTI"), C("READONLY"), C("ASKING"), C("EXEC"),
		C("EVAL", "return redis.call('readonly')", "0"), C("SWAPDB", "0", "1"), C("MOVE", "a", "1")),
	withConf("cluster node: topology subcommands", clusterOn,
		C("CLUSTER", "MYID").Compare(sameNodeID).Save("id"),
		C("CLUSTER", "ADDSLOTS", "0").WantErr("ERR Slot 0 is already busy"), C("CLUSTER", "ADDSLOTS", "5", "x"),
		C("CLUSTER", "ADDSLOTS", "16384"), C("CLUSTER", "ADDSLOTS", "7", "7"),
		C("CLUSTER", "ADDSLOTSRANGE", "0", "10"), C("CLUSTER", "ADDSLOTSRANGE", "10", "0"), C("CLUSTER", "ADDSLOTSRANGE", "1", "2", "3"),
		C("CLUSTER", "ADDSLOTSRANGE", "1", "2", "3", "x"),
		C("CLUSTER", "DELSLOTS", "16384"), C("CLUSTER", "DELSLOTS", "x"), C("CLUSTER", "DELSLOTS", "1", "1"),
		C("CLUSTER", "DELSLOTSRANGE", "1", "5", "3", "8"), C("CLUSTER", "DELSLOTSRANGE", "5", "1"),
		C("CLUSTER", "FAILOVER"), C("CLUSTER", "FAILOVER", "FORCE"), C("CLUSTER", "FAILOVER", "TAKEOVER"), C("CLUSTER", "FAILOVER", "x"),
		C("CLUSTER", "FAILOVER", "force", "x"),
		C("CLUSTER", "FORGET", "{{id}}"), C("CLUSTER", "FORGET", "0000000000000000000000000000000000000001"),
		C("CLUSTER", "REPLICATE", "{{id}}"), C("CLUSTER", "REPLICATE", "nosuch"),
		C("CLUSTER", "REPLICAS", "nosuch"), C("CLUSTER", "SLAVES", "nosuch"), C("CLUSTER", "COUNT-FAILURE-REPORTS", "nosuch"),
		C("CLUSTER", "SETSLOT", "0", "STABLE").Want("+OK\r\n"), C("CLUSTER", "SETSLOT", "0", "NODE", "{{id}}").Want("+OK\r\n"),
		C("CLUSTER", "SETSLOT", "0", "NODE", "nosuch"), C("CLUSTER", "SETSLOT", "0", "IMPORTING", "nosuch"),
		C("CLUSTER", "SETSLOT", "0", "MIGRATING", "nosuch"), C("CLUSTER", "SETSLOT", "0", "BOGUS"),
		C("CLUSTER", "SETSLOT", "0", "STABLE", "x"), C("CLUSTER", "SETSLOT", "x", "STABLE"),
		C("CLUSTER", "MEET", "127.0.0.1", "x"), C("CLUSTER", "MEET", "127.0.0.1", "1", "x"), C("CLUSTER", "MEET", "nohost", "1"),
		C("CLUSTER", "MEET", "1.2.3.4", "0"), C("CLUSTER", "MEET", "1.2.3.4", "70000"), C("CLUSTER", "MEET", "1.2.3.4", "1", "2", "3"),
		C("CLUSTER", "RESET", "bogus"), C("CLUSTER", "RESET", "hard", "x"),
		C("SET", "k", "v"), C("CLUSTER", "FLUSHSLOTS"), C("CLUSTER", "RESET"), C("CLUSTER", "RESET", "SOFT"),
		C("CLUSTER", "SET-CONFIG-EPOCH", "-1"), C("CLUSTER", "SET-CONFIG-EPOCH", "x"),
		C("CLUSTER", "SET-CONFIG-EPOCH", "5").Want("+OK\r\n"), C("CLUSTER", "SET-CONFIG-EPOCH", "6"),
		C("CLUSTER", "BUMPEPOCH").Want("+STILL 5\r\n"), C("CLUSTER", "INFO"), C("CLUSTER", "NODES").Compare(compareNodes)),
	withConf("cluster node: BUMPEPOCH from 0", clusterOn,
		C("CLUSTER", "BUMPEPOCH").Want("+BUMPED 1\r\n"), C("CLUSTER", "BUMPEPOCH").Want("+STILL 1\r\n"),
		C("CLUSTER", "SET-CONFIG-EPOCH", "9"), C("CLUSTER", "INFO")),
	withConf("cluster node: changes miniserve refuses", clusterOn,
		C("CLUSTER", "MYID").Compare(sameNodeID).Save("id"),
		C("CLUSTER", "DELSLOTS", "1").Diverges(divTopology, notSupported("DELSLOTS")),
		C("CLUSTER", "DELSLOTSRANGE", "2", "3").Diverges(divTopology, notSupported("DELSLOTSRANGE")),
		C("CLUSTER", "SETSLOT", "0", "MIGRATING", "{{id}}").Diverges(divTopology, notSupported("SETSLOT MIGRATING")),
		C("CLUSTER", "SAVECONFIG").Diverges("miniserve keeps no nodes.conf",
			"-ERR CLUSTER SAVECONFIG is not supported by miniserve: it keeps no cluster config file (the node ID is new on every start)\r\n"),
		C("CLUSTER", "MEET", "127.0.0.1", "1").Diverges(divTopology, notSupported("MEET"))),
	withConf("cluster node: FLUSHSLOTS and RESET on an empty node", clusterOn,
		C("CLUSTER", "FLUSHSLOTS").Diverges(divTopology, notSupported("FLUSHSLOTS")),
		C("CLUSTER", "ADDSLOTSRANGE", "0", "16383").Ignore(),
		C("CLUSTER", "RESET", "HARD").Diverges(divTopology, notSupported("RESET"))),
}

func init() { allCases["TestCompatCluster"] = clusterCases }

func TestCompatCluster(t *testing.T) { newSuite(t).run(clusterCases) }
