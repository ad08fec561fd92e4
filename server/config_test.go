package server

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// redisDefaults is `CONFIG GET *` of redis-server 7.0.15 (Debian
// 7.0.15-1~deb12u10) started without a config file. NewConfig differs
// only in bind (see DefaultBind), port and dir, which depend on how the
// server was started.
var redisDefaults = map[string]string{
	"acl-pubsub-default":                  "resetchannels",
	"aclfile":                             "",
	"acllog-max-len":                      "128",
	"active-defrag-cycle-max":             "25",
	"active-defrag-cycle-min":             "1",
	"active-defrag-ignore-bytes":          "104857600",
	"active-defrag-max-scan-fields":       "1000",
	"active-defrag-threshold-lower":       "10",
	"active-defrag-threshold-upper":       "100",
	"active-expire-effort":                "1",
	"activedefrag":                        "no",
	"activerehashing":                     "yes",
	"always-show-logo":                    "no",
	"aof-disable-auto-gc":                 "no",
	"aof-load-truncated":                  "yes",
	"aof-rewrite-incremental-fsync":       "yes",
	"aof-timestamp-enabled":               "no",
	"aof-use-rdb-preamble":                "yes",
	"aof_rewrite_cpulist":                 "",
	"appenddirname":                       "appendonlydir",
	"appendfilename":                      "appendonly.aof",
	"appendfsync":                         "everysec",
	"appendonly":                          "no",
	"auto-aof-rewrite-min-size":           "67108864",
	"auto-aof-rewrite-percentage":         "100",
	"bgsave_cpulist":                      "",
	"bind":                                "* -::*",
	"bind-source-addr":                    "",
	"bio_cpulist":                         "",
	"busy-reply-threshold":                "5000",
	"client-output-buffer-limit":          "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
	"client-query-buffer-limit":           "1073741824",
	"cluster-allow-pubsubshard-when-down": "yes",
	"cluster-allow-reads-when-down":       "no",
	"cluster-allow-replica-migration":     "yes",
	"cluster-announce-bus-port":           "0",
	"cluster-announce-hostname":           "",
	"cluster-announce-ip":                 "",
	"cluster-announce-port":               "0",
	"cluster-announce-tls-port":           "0",
	"cluster-config-file":                 "nodes.conf",
	"cluster-enabled":                     "no",
	"cluster-link-sendbuf-limit":          "0",
	"cluster-migration-barrier":           "1",
	"cluster-node-timeout":                "15000",
	"cluster-port":                        "0",
	"cluster-preferred-endpoint-type":     "ip",
	"cluster-replica-no-failover":         "no",
	"cluster-replica-validity-factor":     "10",
	"cluster-require-full-coverage":       "yes",
	"cluster-slave-no-failover":           "no",
	"cluster-slave-validity-factor":       "10",
	"crash-log-enabled":                   "yes",
	"crash-memcheck-enabled":              "yes",
	"daemonize":                           "no",
	"databases":                           "16",
	"dbfilename":                          "dump.rdb",
	"dir":                                 "",
	"disable-thp":                         "yes",
	"dynamic-hz":                          "yes",
	"enable-debug-command":                "no",
	"enable-module-command":               "no",
	"enable-protected-configs":            "no",
	"hash-max-listpack-entries":           "512",
	"hash-max-listpack-value":             "64",
	"hash-max-ziplist-entries":            "512",
	"hash-max-ziplist-value":              "64",
	"hll-sparse-max-bytes":                "3000",
	"hz":                                  "10",
	"ignore-warnings":                     "",
	"io-threads":                          "1",
	"io-threads-do-reads":                 "no",
	"jemalloc-bg-thread":                  "yes",
	"latency-monitor-threshold":           "0",
	"latency-tracking":                    "yes",
	"latency-tracking-info-percentiles":   "50 99 99.9",
	"lazyfree-lazy-eviction":              "no",
	"lazyfree-lazy-expire":                "no",
	"lazyfree-lazy-server-del":            "no",
	"lazyfree-lazy-user-del":              "no",
	"lazyfree-lazy-user-flush":            "no",
	"lfu-decay-time":                      "1",
	"lfu-log-factor":                      "10",
	"list-compress-depth":                 "0",
	"list-max-listpack-size":              "-2",
	"list-max-ziplist-size":               "-2",
	"logfile":                             "",
	"loglevel":                            "notice",
	"lua-time-limit":                      "5000",
	"masterauth":                          "",
	"masteruser":                          "",
	"maxclients":                          "10000",
	"maxmemory":                           "0",
	"maxmemory-clients":                   "0",
	"maxmemory-eviction-tenacity":         "10",
	"maxmemory-policy":                    "noeviction",
	"maxmemory-samples":                   "5",
	"min-replicas-max-lag":                "10",
	"min-replicas-to-write":               "0",
	"min-slaves-max-lag":                  "10",
	"min-slaves-to-write":                 "0",
	"no-appendfsync-on-rewrite":           "no",
	"notify-keyspace-events":              "",
	"oom-score-adj":                       "no",
	"oom-score-adj-values":                "0 200 800",
	"pidfile":                             "",
	"port":                                "6379",
	"proc-title-template":                 "{title} {listen-addr} {server-mode}",
	"propagation-error-behavior":          "ignore",
	"protected-mode":                      "yes",
	"proto-max-bulk-len":                  "536870912",
	"rdb-del-sync-files":                  "no",
	"rdb-save-incremental-fsync":          "yes",
	"rdbchecksum":                         "yes",
	"rdbcompression":                      "yes",
	"repl-backlog-size":                   "1048576",
	"repl-backlog-ttl":                    "3600",
	"repl-disable-tcp-nodelay":            "no",
	"repl-diskless-load":                  "disabled",
	"repl-diskless-sync":                  "yes",
	"repl-diskless-sync-delay":            "5",
	"repl-diskless-sync-max-replicas":     "0",
	"repl-ping-replica-period":            "10",
	"repl-ping-slave-period":              "10",
	"repl-timeout":                        "60",
	"replica-announce-ip":                 "",
	"replica-announce-port":               "0",
	"replica-announced":                   "yes",
	"replica-ignore-disk-write-errors":    "no",
	"replica-ignore-maxmemory":            "yes",
	"replica-lazy-flush":                  "no",
	"replica-priority":                    "100",
	"replica-read-only":                   "yes",
	"replica-serve-stale-data":            "yes",
	"replicaof":                           "",
	"requirepass":                         "",
	"sanitize-dump-payload":               "no",
	"save":                                "3600 1 300 100 60 10000",
	"server_cpulist":                      "",
	"set-max-intset-entries":              "512",
	"set-proc-title":                      "yes",
	"shutdown-on-sigint":                  "default",
	"shutdown-on-sigterm":                 "default",
	"shutdown-timeout":                    "10",
	"slave-announce-ip":                   "",
	"slave-announce-port":                 "0",
	"slave-ignore-maxmemory":              "yes",
	"slave-lazy-flush":                    "no",
	"slave-priority":                      "100",
	"slave-read-only":                     "yes",
	"slave-serve-stale-data":              "yes",
	"slaveof":                             "",
	"slowlog-log-slower-than":             "10000",
	"slowlog-max-len":                     "128",
	"socket-mark-id":                      "0",
	"stop-writes-on-bgsave-error":         "yes",
	"stream-node-max-bytes":               "4096",
	"stream-node-max-entries":             "100",
	"supervised":                          "no",
	"syslog-enabled":                      "no",
	"syslog-facility":                     "local0",
	"syslog-ident":                        "redis",
	"tcp-backlog":                         "511",
	"tcp-keepalive":                       "300",
	"timeout":                             "0",
	"tls-auth-clients":                    "yes",
	"tls-ca-cert-dir":                     "",
	"tls-ca-cert-file":                    "",
	"tls-cert-file":                       "",
	"tls-ciphers":                         "",
	"tls-ciphersuites":                    "",
	"tls-client-cert-file":                "",
	"tls-client-key-file":                 "",
	"tls-client-key-file-pass":            "",
	"tls-cluster":                         "no",
	"tls-dh-params-file":                  "",
	"tls-key-file":                        "",
	"tls-key-file-pass":                   "",
	"tls-port":                            "0",
	"tls-prefer-server-ciphers":           "no",
	"tls-protocols":                       "",
	"tls-replication":                     "no",
	"tls-session-cache-size":              "20480",
	"tls-session-cache-timeout":           "300",
	"tls-session-caching":                 "yes",
	"tracking-table-max-keys":             "1000000",
	"unixsocket":                          "",
	"unixsocketperm":                      "0",
	"zset-max-listpack-entries":           "128",
	"zset-max-listpack-value":             "64",
	"zset-max-ziplist-entries":            "128",
	"zset-max-ziplist-value":              "64",
}

func TestConfigDefaultsMatchRedis(t *testing.T) {
	c := NewConfig()
	got := c.Get([]string{"*"})
	if len(got) != len(redisDefaults) {
		t.Errorf("CONFIG GET * returned %d names, Redis 7.0.15 has %d", len(got), len(redisDefaults))
	}
	wd, _ := os.Getwd()
	seen := make(map[string]bool)
	for _, p := range got {
		name, val := p[0], p[1]
		if seen[name] {
			t.Errorf("%s returned twice", name)
		}
		seen[name] = true
		want, ok := redisDefaults[name]
		switch {
		case !ok:
			t.Errorf("%s is not a Redis 7.0.15 directive", name)
		case name == "bind":
			if val != "127.0.0.1 -::1" {
				t.Errorf("bind = %q, want miniserve's default 127.0.0.1 -::1", val)
			}
		case name == "dir":
			if val != wd {
				t.Errorf("dir = %q, want the working directory %q", val, wd)
			}
		case val != want:
			t.Errorf("%s = %q, Redis has %q", name, val, want)
		}
	}
	for name := range redisDefaults {
		if !seen[name] {
			t.Errorf("%s missing from CONFIG GET *", name)
		}
	}

	// The typed fields the server reads.
	if c.Port != 6379 || c.Databases != 16 || c.MaxClients != 10000 || c.Hz != 10 ||
		c.ProtoMaxBulkLen != 512<<20 || c.ClientQueryBufferLimit != 1<<30 || c.TCPKeepalive != 300 ||
		c.AutoAOFRewriteMinSize != 64<<20 || c.AutoAOFRewritePercentage != 100 || c.MaxMemory != 0 ||
		c.MaxMemoryPolicy != "noeviction" || c.MaxMemorySamples != 5 || c.AppendFsync != "everysec" ||
		c.BusyReplyThreshold != 5000 || c.ActiveExpireEffort != 1 || c.EnableDebugCommand != "no" ||
		c.LogLevel != "notice" || !c.ProtectedMode || !c.AOFLoadTruncated || !c.StopWritesOnBgsaveError ||
		c.DBFilename != "dump.rdb" || c.AppendFilename != "appendonly.aof" || c.AppendDirname != "appendonlydir" ||
		c.LFULogFactor != 10 || c.LFUDecayTime != 1 {
		t.Errorf("typed defaults wrong: %+v", c)
	}
	wantSave := []SaveRule{{3600, 1}, {300, 100}, {60, 10000}}
	if !slices.Equal(c.Save, wantSave) {
		t.Errorf("Save = %v, want %v", c.Save, wantSave)
	}
	if c.ClientOutputBufferLimit != cfgDefaultOutputBufferLimits() {
		t.Errorf("ClientOutputBufferLimit = %+v", c.ClientOutputBufferLimit)
	}
}

func TestConfigHiddenDirectives(t *testing.T) {
	c := NewConfig()
	hidden := map[string]string{
		"use-exit-on-panic": "no", "rdb-key-save-delay": "0", "key-load-delay": "0",
		"watchdog-period": "0", "loading-process-events-interval-bytes": "2097152",
	}
	for name, want := range hidden {
		got := c.Get([]string{name})
		if len(got) != 1 || got[0][1] != want {
			t.Errorf("CONFIG GET %s = %v, want %q", name, got, want)
		}
	}
	for _, p := range c.Get([]string{"*delay*"}) {
		if _, ok := hidden[p[0]]; ok {
			t.Errorf("hidden %s matched a pattern", p[0])
		}
	}
}

func setErr(err error) string {
	if err == nil {
		return "OK"
	}
	return err.Error()
}

// TestSetRuntimeErrors holds CONFIG SET replies observed on redis-server
// 7.0.15 (without the "ERR " the server adds).
func TestSetRuntimeErrors(t *testing.T) {
	const f = "CONFIG SET failed (possibly related to argument "
	tests := []struct {
		pairs [][2]string
		want  string
	}{
		{[][2]string{{"foo", "1"}}, "Unknown option or number of arguments for CONFIG SET - 'foo'"},
		{[][2]string{{"maxmemory", "abc"}}, f + "'maxmemory') - argument must be a memory value"},
		{[][2]string{{"MAXMEMORY", "abc"}}, f + "'maxmemory') - argument must be a memory value"},
		{[][2]string{{"maxmemory", "-1"}}, f + "'maxmemory') - argument must be a memory value"},
		{[][2]string{{"daemonize", "yes"}}, f + "'daemonize') - can't set immutable config"},
		{[][2]string{{"databases", "4"}}, f + "'databases') - can't set immutable config"},
		{[][2]string{{"slaveof", "a 1"}}, f + "'slaveof') - can't set immutable config"},
		{[][2]string{{"dir", "/tmp"}}, f + "'dir') - can't set protected config"},
		{[][2]string{{"dbfilename", "x.rdb"}}, f + "'dbfilename') - can't set protected config"},
		{[][2]string{{"appendonly", "maybe"}}, f + "'appendonly') - argument must be 'yes' or 'no'"},
		{[][2]string{{"maxmemory-policy", "lru"}}, f + "'maxmemory-policy') - argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction"},
		{[][2]string{{"appendfsync", "sometimes"}}, f + "'appendfsync') - argument(s) must be one of the following: everysec, always, no"},
		{[][2]string{{"loglevel", "loud"}}, f + "'loglevel') - argument(s) must be one of the following: debug, verbose, notice, warning"},
		{[][2]string{{"timeout", "-1"}}, f + "'timeout') - argument must be between 0 and 2147483647 inclusive"},
		{[][2]string{{"auto-aof-rewrite-percentage", "-1"}}, f + "'auto-aof-rewrite-percentage') - argument must be between 0 and 2147483647 inclusive"},
		{[][2]string{{"timeout", "abc"}}, f + "'timeout') - argument couldn't be parsed into an integer"},
		{[][2]string{{"port", "65536"}}, f + "'port') - argument must be between 0 and 65535 inclusive"},
		{[][2]string{{"maxclients", "-1"}}, f + "'maxclients') - argument must be between 1 and 4294967295 inclusive"},
		{[][2]string{{"maxclients", "0"}}, f + "'maxclients') - argument must be between 1 and 4294967295 inclusive"},
		{[][2]string{{"active-expire-effort", "11"}}, f + "'active-expire-effort') - argument must be between 1 and 10 inclusive"},
		{[][2]string{{"maxmemory-samples", "0"}}, f + "'maxmemory-samples') - argument must be between 1 and 2147483647 inclusive"},
		{[][2]string{{"lua-time-limit", "abc"}}, f + "'lua-time-limit') - argument couldn't be parsed into an integer"},
		{[][2]string{{"busy-reply-threshold", "-1"}}, f + "'busy-reply-threshold') - argument must be between 0 and 9223372036854775807 inclusive"},
		{[][2]string{{"proto-max-bulk-len", "1000"}}, f + "'proto-max-bulk-len') - argument must be between 1048576 and 9223372036854775807 inclusive"},
		{[][2]string{{"client-query-buffer-limit", "99999999999999999999"}}, f + "'client-query-buffer-limit') - argument must be between 1048576 and 9223372036854775807 inclusive"},
		{[][2]string{{"hash-max-listpack-value", "99999999999999999999"}}, f + "'hash-max-listpack-value') - argument must be between 0 and 9223372036854775807 inclusive"},
		{[][2]string{{"list-max-ziplist-size", "2147483648"}}, f + "'list-max-ziplist-size') - argument must be between -2147483648 and 2147483647 inclusive"},
		{[][2]string{{"maxmemory-clients", "101%"}}, f + "'maxmemory-clients') - percentage argument must be less or equal to 100"},
		{[][2]string{{"maxmemory-clients", "-1%"}}, f + "'maxmemory-clients') - argument must be a memory or percent value"},
		{[][2]string{{"save", "1"}}, f + "'save') - Invalid save parameters"},
		{[][2]string{{"save", "10 1  20 2"}}, f + "'save') - Invalid save parameters"},
		{[][2]string{{"save", "0 1"}}, f + "'save') - Invalid save parameters"},
		{[][2]string{{"client-output-buffer-limit", "normal 1 2"}}, f + "'client-output-buffer-limit') - Wrong number of arguments in buffer limit configuration."},
		{[][2]string{{"client-output-buffer-limit", "master 1 2 3"}}, f + "'client-output-buffer-limit') - Invalid client class specified in buffer limit configuration."},
		{[][2]string{{"client-output-buffer-limit", "normal 0 0 0 normal 1K 2kb 3x"}}, f + "'client-output-buffer-limit') - Error in hard, soft or soft_seconds setting in buffer limit configuration."},
		{[][2]string{{"notify-keyspace-events", "xy"}}, f + "'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'."},
		{[][2]string{{"notify-keyspace-events", "K E"}}, f + "'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'."},
		{[][2]string{{"oom-score-adj-values", "1 2"}}, f + "'oom-score-adj-values') - wrong number of arguments"},
		{[][2]string{{"oom-score-adj-values", "1 2 3000"}}, f + "'oom-score-adj-values') - Invalid oom-score-adj-values, elements must be between -2000 and 2000."},
		{[][2]string{{"shutdown-on-sigint", "save nosave"}}, f + "'shutdown-on-sigint') - shutdown options SAVE and NOSAVE can't be used simultaneously"},
		{[][2]string{{"shutdown-on-sigint", ""}}, f + "'shutdown-on-sigint') - argument(s) must be one of the following: default, save, nosave, now, force"},
		{[][2]string{{"latency-tracking-info-percentiles", "101"}}, f + "'latency-tracking-info-percentiles') - latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"},
		{[][2]string{{"latency-tracking-info-percentiles", "abc"}}, f + "'latency-tracking-info-percentiles') - Invalid latency-tracking-info-percentiles parameters"},
		{[][2]string{{"proc-title-template", "{foo}"}}, f + "'proc-title-template') - template format is invalid or contains unknown variables"},
		{[][2]string{{"cluster-announce-hostname", "host_x"}}, f + "'cluster-announce-hostname') - Hostnames may only contain alphanumeric characters, hyphens or dots"},
		{[][2]string{{"activedefrag", "yes"}}, f + "'activedefrag') - Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution"},
		// Several pairs: names are checked before values, the first problem wins.
		{[][2]string{{"maxmemory", "1"}, {"maxmemory", "2"}}, f + "'maxmemory') - duplicate parameter"},
		{[][2]string{{"maxmemory", "1"}, {"MAXMEMORY", "2"}}, f + "'MAXMEMORY') - duplicate parameter"},
		{[][2]string{{"Lua-Time-Limit", "1"}, {"LUA-time-limit", "2"}}, f + "'LUA-time-limit') - duplicate parameter"},
		{[][2]string{{"maxmemory", "abc"}, {"daemonize", "yes"}}, f + "'daemonize') - can't set immutable config"},
		{[][2]string{{"daemonize", "yes"}, {"foo", "1"}}, f + "'daemonize') - can't set immutable config"},
		{[][2]string{{"maxmemory", "1"}, {"foo", "2"}}, "Unknown option or number of arguments for CONFIG SET - 'foo'"},
		{[][2]string{{"foo", "1"}, {"maxmemory", "abc"}}, "Unknown option or number of arguments for CONFIG SET - 'foo'"},
		{[][2]string{{"maxmemory", "1"}, {"maxmemory", "2"}, {"foo", "1"}}, f + "'maxmemory') - duplicate parameter"},
		{[][2]string{{"hz", "5"}, {"timeout", "x"}, {"maxmemory", "y"}}, f + "'timeout') - argument couldn't be parsed into an integer"},
		// An alias and its primary name are not duplicates (the last wins).
		{[][2]string{{"maxmemory", "10"}, {"slave-read-only", "no"}, {"replica-read-only", "yes"}}, "OK"},
	}
	for _, tt := range tests {
		c := NewConfig()
		before := c.Get([]string{"*"})
		got := setErr(c.SetRuntime(tt.pairs))
		if got != tt.want {
			t.Errorf("CONFIG SET %v:\n got %s\nwant %s", tt.pairs, got, tt.want)
		}
		if got != "OK" && !slices.Equal(before, c.Get([]string{"*"})) {
			t.Errorf("CONFIG SET %v failed but changed the configuration", tt.pairs)
		}
	}
}

// TestSetRuntimeValues holds what CONFIG GET shows after CONFIG SET on
// redis-server 7.0.15.
func TestSetRuntimeValues(t *testing.T) {
	const (
		mem    = "argument must be a memory value"
		notInt = "argument couldn't be parsed into an integer"
	)
	tests := []struct {
		name, value string
		want        string // the value CONFIG GET shows, or the error's tail
	}{
		// Memory units.
		{"maxmemory", "1b", "1"}, {"maxmemory", "1B", "1"}, {"maxmemory", "kb", "0"}, {"maxmemory", "", "0"},
		{"maxmemory", "1.5mb", mem}, {"maxmemory", " 1", mem}, {"maxmemory", "1 ", mem},
		{"maxmemory", "1K", "1000"}, {"maxmemory", "1k", "1000"}, {"maxmemory", "1Kb", "1024"}, {"maxmemory", "1KB", "1024"},
		{"maxmemory", "1m", "1000000"}, {"maxmemory", "1M", "1000000"}, {"maxmemory", "1mb", "1048576"},
		{"maxmemory", "1g", "1000000000"}, {"maxmemory", "1G", "1000000000"}, {"maxmemory", "1gb", "1073741824"},
		{"maxmemory", "1GB", "1073741824"}, {"maxmemory", "2gb", "2147483648"}, {"maxmemory", "5gb", "5368709120"},
		{"maxmemory", "1t", mem}, {"maxmemory", "1tb", mem}, {"maxmemory", "+1", mem}, {"maxmemory", "-0", mem},
		{"maxmemory", "01", "1"}, {"maxmemory", "0", "0"}, {"maxmemory", "00", "0"},
		{"maxmemory", "18446744073709551616", "18446744073709551615"},
		{"maxmemory", "18446744073709551615", "18446744073709551615"},
		{"maxmemory", "9223372036854775808", "9223372036854775808"},
		{"maxmemory", "17179869184gb", "0"},
		// Integers.
		{"slowlog-log-slower-than", "+1", notInt}, {"slowlog-log-slower-than", "01", notInt},
		{"slowlog-log-slower-than", "-0", notInt}, {"slowlog-log-slower-than", "0", "0"},
		{"slowlog-log-slower-than", "00", notInt}, {"slowlog-log-slower-than", " 1", notInt},
		{"slowlog-log-slower-than", "1 ", notInt}, {"slowlog-log-slower-than", "1k", notInt},
		{"slowlog-log-slower-than", "0x10", notInt}, {"slowlog-log-slower-than", "", notInt},
		{"slowlog-log-slower-than", "-1", "-1"},
		{"slowlog-log-slower-than", "9223372036854775807", "9223372036854775807"},
		{"slowlog-log-slower-than", "-9223372036854775808", "argument must be between -1 and 9223372036854775807 inclusive"},
		{"slowlog-log-slower-than", "-9223372036854775809", notInt},
		{"list-max-listpack-size", "-1", "-1"},
		{"hz", "0", "1"}, {"hz", "1000", "500"}, {"hz", "100", "100"},
		{"repl-backlog-size", "1", "16384"},
		// Percentages.
		{"maxmemory-clients", "10%", "10%"}, {"maxmemory-clients", "0%", "0"}, {"maxmemory-clients", "100", "100"},
		{"maxmemory-clients", "%", "argument must be a memory or percent value"},
		{"maxmemory-clients", "1%%", "argument must be a memory or percent value"},
		{"maxmemory-clients", "-5", "argument must be a memory or percent value"},
		{"maxmemory-clients", "1mb", "1048576"}, {"maxmemory-clients", "1k", "1000"},
		// Booleans and enums are case-insensitive and shown in lower case.
		{"appendonly", "YES", "yes"}, {"loglevel", "WARNING", "warning"}, {"maxmemory-policy", "volatile-TTL", "volatile-ttl"},
		{"oom-score-adj", "relative", "yes"},
		// notify-keyspace-events is shown canonically.
		{"notify-keyspace-events", "KEA", "AKE"}, {"notify-keyspace-events", "Kgn", "gnK"},
		{"notify-keyspace-events", "A", "A"}, {"notify-keyspace-events", "", ""}, {"notify-keyspace-events", "Em", "Em"},
		{"notify-keyspace-events", "KA$lshzxetd", "AK"}, {"notify-keyspace-events", "g$lshzxetd", "A"},
		{"notify-keyspace-events", "g$lshzxetdn", "A"}, {"notify-keyspace-events", "n", "n"},
		{"notify-keyspace-events", "m", "m"}, {"notify-keyspace-events", "Kd", "dK"},
		{"notify-keyspace-events", "Ex", "xE"},
		// Multi-argument directives.
		{"save", "", ""}, {"save", "10 1 20 2", "10 1 20 2"},
		{"client-output-buffer-limit", "replica 1mb 2mb 3", "normal 0 0 0 slave 1048576 2097152 3 pubsub 33554432 8388608 60"},
		{"client-output-buffer-limit", "normal 1 2 3 normal 4 5 6", "normal 4 5 6 slave 268435456 67108864 60 pubsub 33554432 8388608 60"},
		{"client-output-buffer-limit", "pubsub 1mb 2MB 3 slave 5 6 7", "normal 0 0 0 slave 5 6 7 pubsub 1048576 2097152 3"},
		{"client-output-buffer-limit", "", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"},
		{"bind", "", ""}, {"bind", "0.0.0.0 ::", "0.0.0.0 ::"},
		{"shutdown-on-sigint", "nosave now", "nosave now"}, {"shutdown-on-sigint", "default now", "now"},
		{"shutdown-on-sigint", "now now", "now"}, {"shutdown-on-sigint", "save now force", "save now force"},
		{"shutdown-on-sigterm", "force", "force"},
		{"oom-score-adj-values", "1 2 3", "1 2 3"}, {"oom-score-adj-values", "-2000 0 2000", "-2000 0 2000"},
		{"latency-tracking-info-percentiles", "", ""}, {"latency-tracking-info-percentiles", "1.5", "1.5"},
		{"latency-tracking-info-percentiles", "0.00001", "0.00001"}, {"latency-tracking-info-percentiles", "1e2", "100"},
		{"latency-tracking-info-percentiles", "-0", "-0"}, {"latency-tracking-info-percentiles", "99.9999999", "100"},
		{"latency-tracking-info-percentiles", "0x10", "16"},
		{"latency-tracking-info-percentiles", " 5", "Invalid latency-tracking-info-percentiles parameters"},
		{"latency-tracking-info-percentiles", "50  99", "Invalid latency-tracking-info-percentiles parameters"},
		{"latency-tracking-info-percentiles", "inf", "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"},
		// proc-title-template.
		{"proc-title-template", "{title} {listen-addr}", "{title} {listen-addr}"},
		{"proc-title-template", "{{x}}", "{{x}}"}, {"proc-title-template", "x}", "x}"},
		{"proc-title-template", "{port}", "{port}"}, {"proc-title-template", "{config-file}", "{config-file}"},
		{"proc-title-template", "{tls-port}", "{tls-port}"},
		{"proc-title-template", "{title}", "template format is invalid or contains unknown variables"},
		{"proc-title-template", "  ", "template format is invalid or contains unknown variables"},
		{"proc-title-template", "{title", "template format is invalid or contains unknown variables"},
		{"proc-title-template", "{server-mode}", "template format is invalid or contains unknown variables"},
		{"proc-title-template", "{unixsocket}", "template format is invalid or contains unknown variables"},
		// Strings.
		{"requirepass", "", ""}, {"requirepass", "a b\"c", "a b\"c"}, {"ignore-warnings", "abc", "abc"},
	}
	for _, tt := range tests {
		c := NewConfig()
		err := c.SetRuntime([][2]string{{tt.name, tt.value}})
		var got string
		if err != nil {
			got = strings.TrimPrefix(err.Error(), "CONFIG SET failed (possibly related to argument '"+tt.name+"') - ")
		} else {
			got, _ = c.Value(tt.name)
		}
		if got != tt.want {
			t.Errorf("CONFIG SET %s %q: got %q, want %q", tt.name, tt.value, got, tt.want)
		}
	}
}

func TestSetRuntimeTypedFields(t *testing.T) {
	c := NewConfig()
	err := c.SetRuntime([][2]string{
		{"maxmemory", "2gb"}, {"maxmemory-policy", "allkeys-lru"}, {"lua-time-limit", "100"},
		{"timeout", "30"}, {"save", "900 1 300 10"}, {"bind", "0.0.0.0"}, {"appendonly", "yes"},
		{"client-output-buffer-limit", "slave 1mb 2mb 3 pubsub 0 0 0"}, {"notify-keyspace-events", "KEA"},
		{"requirepass", "secret"}, {"hz", "1000"}, {"protected-mode", "no"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxMemory != 2<<30 || c.MaxMemoryPolicy != "allkeys-lru" || c.BusyReplyThreshold != 100 ||
		c.Timeout != 30 || !c.AppendOnly || c.RequirePass != "secret" || c.Hz != 500 || c.ProtectedMode {
		t.Errorf("fields not set: %+v", c)
	}
	if !slices.Equal(c.Save, []SaveRule{{900, 1}, {300, 10}}) || !slices.Equal(c.Bind, []string{"0.0.0.0"}) {
		t.Errorf("Save %v Bind %v", c.Save, c.Bind)
	}
	wantObuf := OutputBufferLimits{Replica: OutputBufferLimit{1 << 20, 2 << 20, 3}}
	if c.ClientOutputBufferLimit != wantObuf {
		t.Errorf("ClientOutputBufferLimit = %+v", c.ClientOutputBufferLimit)
	}
	if c.NotifyKeyspaceEvents != "AKE" || c.KeyspaceEvents() != NotifyAll|NotifyKeyspace|NotifyKeyevent {
		t.Errorf("notify = %q %b", c.NotifyKeyspaceEvents, c.KeyspaceEvents())
	}
	if !c.IsSet("maxmemory") || !c.IsSet("LUA-TIME-LIMIT") || c.IsSet("slave-read-only") || c.IsSet("nosuch") {
		t.Errorf("IsSet wrong")
	}

	// A maxmemory above MaxInt64 saturates the field and shows exactly.
	if err := c.SetRuntime([][2]string{{"maxmemory", "18446744073709551615"}}); err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Value("maxmemory"); c.MaxMemory != 1<<63-1 || v != "18446744073709551615" {
		t.Errorf("MaxMemory %d shown %s", c.MaxMemory, v)
	}
	// The server may change typed fields itself (Port 0 becomes the port
	// it listens on); CONFIG GET shows them.
	c.Port, c.MaxMemory = 41234, 100
	if v, _ := c.Value("port"); v != "41234" {
		t.Errorf("port shown %s", v)
	}
	if v, _ := c.Value("maxmemory"); v != "100" {
		t.Errorf("maxmemory shown %s", v)
	}
}

func TestSetRuntimeProtected(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		mode  string
		local bool
		ok    bool
	}{{"no", true, false}, {"yes", false, true}, {"local", true, true}, {"local", false, false}} {
		c := NewConfig()
		if err := c.Set("enable-protected-configs", []string{tt.mode}); err != nil {
			t.Fatal(err)
		}
		err := c.SetRuntimeFrom([][2]string{{"dir", dir}, {"dbfilename", "x.rdb"}}, tt.local)
		if (err == nil) != tt.ok {
			t.Errorf("enable-protected-configs %s local=%v: %v", tt.mode, tt.local, err)
		}
		if tt.ok {
			if want, _ := filepath.EvalSymlinks(dir); c.Dir != want || c.DBFilename != "x.rdb" {
				t.Errorf("dir %q dbfilename %q", c.Dir, c.DBFilename)
			}
			err := c.SetRuntimeFrom([][2]string{{"dir", filepath.Join(dir, "nope")}}, tt.local)
			if setErr(err) != "CONFIG SET failed (possibly related to argument 'dir') - No such file or directory" {
				t.Errorf("dir nope: %v", err)
			}
		}
	}
}

func TestSetRuntimeHooks(t *testing.T) {
	c := NewConfig()
	var changed, applied []string
	c.OnChange(func(name string) { changed = append(changed, name) })
	failPort := true
	c.OnApply(func(name string) error {
		applied = append(applied, name)
		if name == "port" && failPort && c.Port == 1 {
			return errors.New("Unable to listen on this port. Check server logs.")
		}
		return nil
	})

	// Unchanged values call no hook; an alias reports its primary name.
	err := c.SetRuntime([][2]string{{"maxmemory", "0"}, {"lua-time-limit", "10"}, {"hz", "20"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(changed, []string{"busy-reply-threshold", "hz"}) || !slices.Equal(applied, changed) {
		t.Errorf("changed %v applied %v", changed, applied)
	}

	// A failing apply hook restores every value and reports Redis's error.
	changed, applied = nil, nil
	before := c.Get([]string{"*"})
	err = c.SetRuntime([][2]string{{"maxmemory", "1mb"}, {"port", "1"}})
	want := "CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs."
	if setErr(err) != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if !slices.Equal(before, c.Get([]string{"*"})) || c.MaxMemory != 0 || c.Port != 6379 {
		t.Errorf("not restored: maxmemory %d port %d", c.MaxMemory, c.Port)
	}
	if len(changed) != 0 {
		t.Errorf("OnChange called on failure: %v", changed)
	}
	// The hooks saw the new values, then were called again to undo them.
	if !slices.Equal(applied, []string{"maxmemory", "port", "maxmemory", "port"}) {
		t.Errorf("applied %v", applied)
	}
}

func TestGetPatterns(t *testing.T) {
	c := NewConfig()
	names := func(pairs [][2]string) []string {
		var out []string
		for _, p := range pairs {
			out = append(out, p[0])
		}
		sort.Strings(out)
		return out
	}
	tests := []struct {
		patterns []string
		want     []string
	}{
		{[]string{"slave*"}, []string{"slave-announce-ip", "slave-announce-port", "slave-ignore-maxmemory", "slave-lazy-flush",
			"slave-priority", "slave-read-only", "slave-serve-stale-data", "slaveof"}},
		{[]string{"*-max-*-value"}, []string{"hash-max-listpack-value", "hash-max-ziplist-value", "zset-max-listpack-value", "zset-max-ziplist-value"}},
		{[]string{"MaxMem*"}, []string{"maxmemory", "maxmemory-clients", "maxmemory-eviction-tenacity", "maxmemory-policy", "maxmemory-samples"}},
		{[]string{"max[a-m]emory"}, []string{"maxmemory"}},
		{[]string{"MAX?EMORY"}, []string{"maxmemory"}},
		{[]string{"[^a-z]*"}, nil},
		{[]string{"maxmemory\\-policy"}, nil}, // no glob character: an exact name
		{[]string{"x["}, nil},
		{[]string{""}, nil},
		{[]string{"nosuch"}, nil},
		{[]string{"maxmemory", "maxmemory"}, []string{"maxmemory"}},
		{[]string{"maxmemory", "MAXMEMORY"}, []string{"maxmemory"}},
		{[]string{"port", "bind", "dat*"}, []string{"bind", "databases", "port"}},
		{[]string{"lua*", "busy*"}, []string{"busy-reply-threshold", "lua-time-limit"}},
	}
	for _, tt := range tests {
		if got := names(c.Get(tt.patterns)); !slices.Equal(got, tt.want) {
			t.Errorf("CONFIG GET %q = %v, want %v", tt.patterns, got, tt.want)
		}
	}
	// An exact name is answered under the name as given, as Redis does.
	if got := c.Get([]string{"MAXMEMORY"}); len(got) != 1 || got[0] != [2]string{"MAXMEMORY", "0"} {
		t.Errorf("CONFIG GET MAXMEMORY = %v", got)
	}
	if got := c.Get([]string{"MAXMEMORY", "maxmem*"}); len(got) != 5 || got[0][0] != "MAXMEMORY" {
		t.Errorf("CONFIG GET MAXMEMORY maxmem* = %v", got)
	}
	// Aliases show the same value.
	if err := c.SetRuntime([][2]string{{"slave-priority", "7"}}); err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Get([]string{"*-priority"}) {
		if p[1] != "7" {
			t.Errorf("%s = %s", p[0], p[1])
		}
	}
	if got := len(c.Get([]string{"*"})); got != 192 {
		t.Errorf("CONFIG GET * returned %d names", got)
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"*", "", false}, // as stringmatchlen; KEYS special-cases a lone *
		{"*", "abc", true}, {"a*c", "abbbc", true}, {"a*c", "abcd", false},
		{"a?c", "abc", true}, {"a?c", "ac", false}, {"[abc]x", "bx", true}, {"[^abc]x", "bx", false},
		{"[a-c]x", "Bx", true}, {"[c-a]x", "bx", true}, {"a\\*", "a*", true}, {"a\\*", "ab", false},
		{"[\\]]", "]", true}, {"a[b", "ab", true}, {"a[b", "abc", false}, {"**b", "ab", true}, {"ABC", "abc", true},
	}
	for _, tt := range tests {
		if got := cfgMatch(tt.p, tt.s); got != tt.want {
			t.Errorf("match(%q, %q) = %v", tt.p, tt.s, got)
		}
	}
}

func TestSetStartup(t *testing.T) {
	c := NewConfig()
	// The first save line replaces the defaults; later ones add rules.
	for _, args := range [][]string{{"900", "1"}, {"300", "10"}} {
		if err := c.Set("save", args); err != nil {
			t.Fatal(err)
		}
	}
	if v, _ := c.Value("save"); v != "900 1 300 10" {
		t.Errorf("save = %q", v)
	}
	c.Set("save", []string{""})
	c.Set("save", []string{"60", "1"})
	if v, _ := c.Value("save"); v != "60 1" {
		t.Errorf("save after save \"\" = %q", v)
	}
	// Immutable directives and several-word values.
	for _, tt := range []struct {
		name string
		args []string
		get  string
	}{
		{"daemonize", []string{"YES"}, "yes"},
		{"databases", []string{"4"}, "4"},
		{"SLAVEOF", []string{"10.0.0.1", "6380"}, "10.0.0.1 6380"},
		{"replicaof", []string{"no", "one"}, ""},
		{"bind", []string{"127.0.0.1", "::1"}, "127.0.0.1 ::1"},
		{"bind", nil, ""},
		{"bind", []string{""}, ""},
		{"client-output-buffer-limit", []string{"normal", "1mb", "1kb", "5"}, "normal 1048576 1024 5 slave 268435456 67108864 60 pubsub 33554432 8388608 60"},
		{"shutdown-on-sigterm", []string{"nosave", "now"}, "nosave now"},
		{"unixsocketperm", []string{"700"}, "700"},
		{"enable-debug-command", []string{"local"}, "local"},
		{"hash-max-ziplist-entries", []string{"100"}, "100"},
	} {
		if err := c.Set(tt.name, tt.args); err != nil {
			t.Errorf("Set %s %q: %v", tt.name, tt.args, err)
			continue
		}
		if v, _ := c.Value(tt.name); v != tt.get {
			t.Errorf("Set %s %q: shows %q, want %q", tt.name, tt.args, v, tt.get)
		}
	}
	if c.Databases != 4 || !c.Daemonize || c.EnableDebugCommand != "local" {
		t.Errorf("typed fields: %+v", c)
	}
	if v, _ := c.Value("hash-max-listpack-entries"); v != "100" {
		t.Errorf("alias not shared: %s", v)
	}

	for _, tt := range []struct {
		name string
		args []string
		msg  string
	}{
		{"maxmemory", []string{"abc"}, "argument must be a memory value"},
		{"maxmemory", []string{"1", "2"}, "wrong number of arguments"},
		{"port", nil, "wrong number of arguments"},
		{"foo", []string{"bar"}, "Bad directive or wrong number of arguments"},
		{"include", []string{"x.conf"}, msgIncludeOutside},
		{"rename-command", []string{"FLUSHALL", ""}, msgRenameCommand},
		{"loadmodule", []string{"/x.so"}, msgLoadModule},
		{"loadmodule", nil, "Bad directive or wrong number of arguments"},
		{"user", []string{"default", "on"}, msgUser},
		{"mymodule.opt", []string{"1"}, msgModuleConfig},
		{"sentinel", []string{"monitor", "x"}, "sentinel directive while not in sentinel mode"},
		{"databases", []string{"-1"}, "argument must be between 1 and 2147483647 inclusive"},
		{"io-threads", []string{"-1"}, "argument must be between 1 and 128 inclusive"},
		{"socket-mark-id", []string{"-1"}, "argument must be between 0 and 4294967295 inclusive"},
		{"unixsocketperm", []string{"abc"}, "argument couldn't be parsed as an octal number"},
		{"unixsocketperm", []string{"-1"}, "argument must be between 0 and 777 inclusive"},
		{"enable-debug-command", []string{"abc"}, "argument(s) must be one of the following: no, yes, local"},
		{"supervised", []string{"abc"}, "argument(s) must be one of the following: upstart, systemd, auto, no"},
		{"syslog-facility", []string{"abc"}, "argument(s) must be one of the following: user, local0, local1, local2, local3, local4, local5, local6, local7"},
		{"replicaof", []string{"a"}, "wrong number of arguments"},
		{"replicaof", []string{"a", "b"}, "Invalid master port"},
		{"dbfilename", []string{"a/b"}, "dbfilename can't be a path, just a filename"},
		{"appendfilename", []string{""}, "appendfilename can't be empty"},
		{"appendfilename", []string{"a/b"}, "appendfilename can't be a path, just a filename"},
		{"appenddirname", []string{"a/b"}, "appenddirname can't be a path, just a dirname"},
		{"dir", []string{"/nonexistent-miniserve-dir"}, "No such file or directory"},
		{"dir", []string{"/etc/hostname"}, "Not a directory"},
		{"client-output-buffer-limit", []string{"normal", "1", "2", "-3"}, "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
	} {
		err := c.Set(tt.name, tt.args)
		var de *DirectiveError
		if !errors.As(err, &de) || de.Msg != tt.msg {
			t.Errorf("Set %s %q: %v, want %q", tt.name, tt.args, err, tt.msg)
		}
	}
	// Deprecated directives are accepted and ignored.
	if err := c.Set("list-max-ziplist-entries", []string{"5"}); err != nil {
		t.Errorf("list-max-ziplist-entries: %v", err)
	}
}

func TestNotInEffect(t *testing.T) {
	c := NewConfig()
	if got := c.NotInEffect(); len(got) != 0 {
		t.Errorf("defaults: %v", got)
	}
	for _, kv := range [][2]string{{"daemonize", "yes"}, {"pidfile", "/run/x.pid"}, {"maxmemory", "1mb"},
		{"slowlog-max-len", "10"}, {"lua-time-limit", "10"}, {"cluster-enabled", "yes"}, {"cluster-port", "7000"}, {"rdbcompression", "no"},
		{"hash-max-ziplist-entries", "2"}, {"set-max-intset-entries", "2"}, {"zset-max-listpack-value", "2"}} {
		if err := c.Set(kv[0], []string{kv[1]}); err != nil {
			t.Fatal(err)
		}
	}
	// cluster-enabled is in effect; cluster-port is not (there is no
	// cluster bus).
	want := []string{"cluster-port", "daemonize", "pidfile", "rdbcompression", "slowlog-max-len"}
	if got := c.NotInEffect(); !slices.Equal(got, want) {
		t.Errorf("NotInEffect = %v, want %v", got, want)
	}
}

func TestKeyspaceEvents(t *testing.T) {
	for _, s := range []string{"", "K", "E", "KEA", "Kx", "Eg$", "AKEm", "KEn", "d"} {
		f, ok := ParseKeyspaceEvents(s)
		if !ok {
			t.Fatalf("%q refused", s)
		}
		back, _ := ParseKeyspaceEvents(f.String())
		if back != f && !(f&NotifyAll == NotifyAll) {
			t.Errorf("%q -> %q does not round trip", s, f.String())
		}
	}
	if _, ok := ParseKeyspaceEvents("KEq"); ok {
		t.Error("q accepted")
	}
}

func TestRepr(t *testing.T) {
	for _, s := range []string{"", "plain", "a b\"c", "back\\slash", "\n\r\t\a\b", "\x00\x7f\xff", "ünï"} {
		r := cfgRepr(s)
		args, ok := cfgSplitArgs("x " + r)
		if !ok || len(args) != 2 || args[1] != s {
			t.Errorf("repr %q = %s does not split back: %q %v", s, r, args, ok)
		}
	}
	if got := cfgRepr("a b\"c"); got != `"a b\"c"` {
		t.Errorf("repr = %s", got)
	}
}

// TestRewriteLikeRedis replays a CONFIG REWRITE observed on redis-server
// 7.0.15: the file's layout is kept, aliases are rewritten in place under
// their primary name, include lines stay, unknown lines are commented
// out, and new directives follow the signature.
func TestRewriteLikeRedis(t *testing.T) {
	dir := t.TempDir()
	inc := filepath.Join(dir, "inc.conf")
	os.WriteFile(inc, []byte("maxmemory 1mb\n"), 0o644)
	path := filepath.Join(dir, "rw.conf")
	orig := "# top comment\nport 16602\n\n\n# another\nsave 900 1\nsave 300 10\nslave-read-only no\n" +
		"lua-time-limit 7000\nhash-max-ziplist-entries 100\ninclude " + inc + "\nbind 127.0.0.1\n" +
		"requirepass \"a b\\\"c\"\nlogfile \"\"\nmaxmemory-policy allkeys-lru\nlist-max-ziplist-entries 5\n"
	os.WriteFile(path, []byte(orig), 0o640)
	c, err := LoadConfig(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = c.SetRuntime([][2]string{{"lua-time-limit", "5000"}, {"appendonly", "yes"}, {"hz", "20"},
		{"notify-keyspace-events", "KEA"}, {"client-output-buffer-limit", "pubsub 64mb 16mb 90"},
		{"maxmemory-clients", "10%"}, {"replica-read-only", "yes"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Rewrite(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	got := string(data)
	// Redis wrote this, then its appended lines in hash order, and a
	// "user default ..." line miniserve has no ACL for.
	head := "# top comment\nport 16602\n\n# another\nsave 900 1\nsave 300 10\nreplica-read-only yes\n" +
		"busy-reply-threshold 5000\nhash-max-listpack-entries 100\ninclude " + inc + "\nbind 127.0.0.1\n" +
		"requirepass \"a b\\\"c\"\nlogfile \"\"\nmaxmemory-policy allkeys-lru\n# ??? list-max-ziplist-entries 5\n\n" +
		"# Generated by CONFIG REWRITE\n"
	if !strings.HasPrefix(got, head) {
		t.Fatalf("rewritten file starts\n%s\nwant\n%s", got, head)
	}
	tail := strings.Split(strings.TrimSuffix(got[len(head):], "\n"), "\n")
	sort.Strings(tail)
	wantTail := []string{
		"appendonly yes",
		"client-output-buffer-limit pubsub 64mb 16mb 90",
		"dir " + cfgRepr(c.Dir),
		"hz 20",
		"latency-tracking-info-percentiles 50 99 99.9",
		"maxmemory 1mb",
		"maxmemory-clients 10%",
		"notify-keyspace-events \"AKE\"",
	}
	if !slices.Equal(tail, wantTail) {
		t.Errorf("appended lines\n%q\nwant\n%q", tail, wantTail)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v", fi.Mode())
	}
	// The rewritten file loads to the same configuration.
	c2, err := LoadConfig(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Get([]string{"*"}), c2.Get([]string{"*"})) {
		t.Error("reloaded configuration differs")
	}
}

func TestRewriteRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "redis.conf")
	os.WriteFile(path, []byte("# my redis\nport 7000\nsave 900 1\nsave 300 10\nmaxmemory 2gb\n"+
		"client-output-buffer-limit normal 0 0 0\nclient-output-buffer-limit replica 256mb 64mb 60\n"+
		"client-output-buffer-limit pubsub 32mb 8mb 60\nbind 127.0.0.1 -::1\ndir "+dir+"\n"), 0o644)
	c, err := LoadConfig(path, []string{"--appendonly", "yes"})
	if err != nil {
		t.Fatal(err)
	}
	changes := [][2]string{
		{"save", ""}, {"maxmemory", "123456"}, {"maxmemory-policy", "volatile-lfu"}, {"requirepass", "p@ss word\n"},
		{"notify-keyspace-events", "Kx"}, {"client-output-buffer-limit", "normal 1kb 2kb 3"}, {"bind", ""},
		{"slave-priority", "1"}, {"latency-tracking-info-percentiles", ""}, {"oom-score-adj-values", "1 2 3"},
		{"shutdown-on-sigint", "nosave now"}, {"maxmemory-clients", "5%"}, {"port", "7001"},
		{"proto-max-bulk-len", "1000mb"}, {"loglevel", "debug"}, {"masterauth", "x"},
	}
	for _, ch := range changes {
		if err := c.SetRuntime([][2]string{ch}); err != nil {
			t.Fatal(err)
		}
		if err := c.Rewrite(path); err != nil {
			t.Fatal(err)
		}
		c2, err := LoadConfig(path, nil)
		if err != nil {
			data, _ := os.ReadFile(path)
			t.Fatalf("after %v: %v\n%s", ch, err, data)
		}
		if a, b := c.Get([]string{"*"}), c2.Get([]string{"*"}); !slices.Equal(a, b) {
			for i := range a {
				if a[i] != b[i] {
					t.Errorf("after %v: %s = %q, reloaded %q", ch, a[i][0], a[i][1], b[i][1])
				}
			}
		}
	}
	data, _ := os.ReadFile(path)
	// The second save line is blanked, as Redis does.
	if !strings.HasPrefix(string(data), "# my redis\nport 7001\nsave \"\"\n\nmaxmemory 123456\n") {
		t.Errorf("layout not kept:\n%s", data)
	}
	if strings.Count(string(data), "# Generated by CONFIG REWRITE") != 1 {
		t.Errorf("signature written more than once:\n%s", data)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "redis.conf.*"))
	if len(matches) != 0 {
		t.Errorf("temporary files left: %v", matches)
	}
}

func TestRewriteErrors(t *testing.T) {
	c := NewConfig()
	if err := c.Rewrite(""); setErr(err) != "The server is running without a config file" {
		t.Errorf("no file: %v", err)
	}
	// A missing file is created.
	path := filepath.Join(t.TempDir(), "new.conf")
	if err := c.Rewrite(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	want := "# Generated by CONFIG REWRITE\n"
	if !strings.HasPrefix(string(data), want) || !strings.Contains(string(data), "\nsave 3600 1\nsave 300 100\nsave 60 10000\n") ||
		!strings.Contains(string(data), "\nbind 127.0.0.1 -::1\n") {
		t.Errorf("new file:\n%s", data)
	}
	if err := c.Rewrite(filepath.Join(t.TempDir(), "nodir", "x.conf")); setErr(err) != "No such file or directory" {
		t.Errorf("missing directory: %v", err)
	}
}
