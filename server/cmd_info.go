package server

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// infoSections are INFO's sections in Redis's order; the flag says
// whether plain INFO (and "default") includes it.
var infoSections = []struct {
	name    string
	title   string
	dflt    bool
	writeFn func(s *Server, b *strings.Builder)
}{
	{"server", "Server", true, (*Server).infoServer},
	{"clients", "Clients", true, (*Server).infoClients},
	{"memory", "Memory", true, (*Server).infoMemory},
	{"persistence", "Persistence", true, (*Server).infoPersistence},
	{"stats", "Stats", true, (*Server).infoStats},
	{"replication", "Replication", true, (*Server).infoReplication},
	{"cpu", "CPU", true, (*Server).infoCPU},
	{"modules", "Modules", true, func(*Server, *strings.Builder) {}},
	{"commandstats", "Commandstats", false, (*Server).infoCommandStats},
	{"errorstats", "Errorstats", true, (*Server).infoErrorStats},
	// Latency percentiles are not tracked: the section is empty.
	{"latencystats", "Latencystats", false, func(*Server, *strings.Builder) {}},
	{"cluster", "Cluster", true, (*Server).infoCluster},
	{"keyspace", "Keyspace", true, (*Server).infoKeyspace},
}

func cmdInfo(c *Client, argv [][]byte) {
	want := map[string]bool{}
	all, everything := false, false
	if len(argv) == 1 {
		want["default"] = true
	}
	for _, a := range argv[1:] {
		name := strings.ToLower(string(a))
		switch name {
		case "all":
			all = true
		case "everything":
			everything = true
		default:
			want[name] = true
		}
	}
	var b strings.Builder
	for _, sec := range infoSections {
		in := everything || all || want[sec.name] || (want["default"] && sec.dflt)
		if !in {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString("# " + sec.title + "\r\n")
		sec.writeFn(c.srv, &b)
	}
	c.reply.Verbatim(b.String())
}

func infoLine(b *strings.Builder, key string, value any) {
	fmt.Fprintf(b, "%s:%v\r\n", key, value)
}

// runID identifies this process, as Redis's run_id does.
var runID = func() string {
	var b [20]byte
	for i := range b {
		b[i] = byte(time.Now().UnixNano() >> (i % 8 * 8))
	}
	return fmt.Sprintf("%x", b)
}()

func (s *Server) infoServer(b *strings.Builder) {
	now := s.clock.now()
	uptime := int64(now.Sub(s.started).Seconds())
	var uname syscall.Utsname
	osName := runtime.GOOS
	if syscall.Uname(&uname) == nil {
		osName = fmt.Sprintf("%s %s %s", utsString(uname.Sysname[:]), utsString(uname.Release[:]), utsString(uname.Machine[:]))
	}
	exe, _ := os.Executable()
	mode := "standalone"
	if s.cfg.ClusterEnabled {
		mode = "cluster"
	}
	infoLine(b, "redis_version", Version)
	infoLine(b, "redis_git_sha1", "00000000")
	infoLine(b, "redis_git_dirty", 0)
	infoLine(b, "redis_build_id", "miniserve")
	infoLine(b, "redis_mode", mode)
	infoLine(b, "os", osName)
	infoLine(b, "arch_bits", 64)
	infoLine(b, "monotonic_clock", "POSIX clock_gettime")
	infoLine(b, "multiplexing_api", "epoll")
	infoLine(b, "atomicvar_api", "c11-builtin")
	infoLine(b, "gcc_version", "0.0.0")
	infoLine(b, "process_id", pid)
	infoLine(b, "process_supervised", "no")
	infoLine(b, "run_id", runID)
	infoLine(b, "tcp_port", s.cfg.Port)
	infoLine(b, "server_time_usec", now.UnixMicro())
	infoLine(b, "uptime_in_seconds", uptime)
	infoLine(b, "uptime_in_days", uptime/86400)
	infoLine(b, "hz", s.cfg.Hz)
	infoLine(b, "configured_hz", s.cfg.Hz)
	infoLine(b, "lru_clock", s.lruClock())
	infoLine(b, "executable", exe)
	infoLine(b, "config_file", s.cfg.File)
	infoLine(b, "io_threads_active", 0)
}

func utsString(a []int8) string {
	var sb strings.Builder
	for _, c := range a {
		if c == 0 {
			break
		}
		sb.WriteByte(byte(c))
	}
	return sb.String()
}

func (s *Server) infoClients(b *strings.Builder) {
	infoLine(b, "connected_clients", len(s.clients))
	infoLine(b, "cluster_connections", 0)
	infoLine(b, "maxclients", s.cfg.MaxClients)
	infoLine(b, "client_recent_max_input_buffer", 0)
	infoLine(b, "client_recent_max_output_buffer", 0)
	infoLine(b, "blocked_clients", s.blockedClients)
	infoLine(b, "tracking_clients", 0)
	infoLine(b, "clients_in_timeout_table", 0)
}

func (s *Server) infoMemory(b *strings.Builder) {
	used := s.notePeak()
	dataset := s.datasetBytes()
	overhead := used - dataset
	rss := processRSS()
	heap := goHeapStats()
	pct := func(part, whole int64) string {
		if whole <= 0 {
			return "0.00%"
		}
		return strconv.FormatFloat(float64(part)*100/float64(whole), 'f', 2, 64) + "%"
	}
	ratio := func(a, b int64) string {
		if b <= 0 {
			return "0.00"
		}
		return strconv.FormatFloat(float64(a)/float64(b), 'f', 2, 64)
	}
	infoLine(b, "used_memory", used)
	infoLine(b, "used_memory_human", humanBytes(used))
	infoLine(b, "used_memory_rss", rss)
	infoLine(b, "used_memory_rss_human", humanBytes(rss))
	infoLine(b, "used_memory_peak", s.peakMemory)
	infoLine(b, "used_memory_peak_human", humanBytes(s.peakMemory))
	infoLine(b, "used_memory_peak_perc", pct(used, s.peakMemory))
	infoLine(b, "used_memory_overhead", overhead)
	infoLine(b, "used_memory_startup", int64(startupBytes))
	infoLine(b, "used_memory_dataset", dataset)
	infoLine(b, "used_memory_dataset_perc", pct(dataset, used-startupBytes))
	// The allocator's figures are the Go heap's: live and dead objects,
	// the spans that hold them, and what the runtime holds from the OS.
	infoLine(b, "allocator_allocated", heap.objects)
	infoLine(b, "allocator_active", heap.active)
	infoLine(b, "allocator_resident", heap.resident)
	infoLine(b, "total_system_memory", totalSystemMemory())
	infoLine(b, "total_system_memory_human", humanBytes(totalSystemMemory()))
	for _, kv := range []struct {
		k string
		v any
	}{
		{"used_memory_lua", 0}, {"used_memory_vm_eval", 0}, {"used_memory_lua_human", "0B"},
		{"used_memory_scripts_eval", 0}, {"number_of_cached_scripts", len(s.scripts.cache)}, {"number_of_functions", len(s.scripts.funcs)},
		{"number_of_libraries", len(s.scripts.libs)}, {"used_memory_vm_functions", 0}, {"used_memory_vm_total", 0},
		{"used_memory_vm_total_human", "0B"}, {"used_memory_functions", 0}, {"used_memory_scripts", 0},
		{"used_memory_scripts_human", "0B"},
	} {
		infoLine(b, kv.k, kv.v)
	}
	infoLine(b, "maxmemory", s.cfg.MaxMemory)
	infoLine(b, "maxmemory_human", humanBytes(s.cfg.MaxMemory))
	infoLine(b, "maxmemory_policy", s.cfg.MaxMemoryPolicy)
	infoLine(b, "allocator_frag_ratio", ratio(heap.active, heap.objects))
	infoLine(b, "allocator_frag_bytes", heap.active-heap.objects)
	infoLine(b, "allocator_rss_ratio", ratio(heap.resident, heap.active))
	infoLine(b, "allocator_rss_bytes", heap.resident-heap.active)
	infoLine(b, "rss_overhead_ratio", ratio(rss, heap.resident))
	infoLine(b, "rss_overhead_bytes", rss-heap.resident)
	infoLine(b, "mem_fragmentation_ratio", ratio(rss, used))
	infoLine(b, "mem_fragmentation_bytes", rss-used)
	infoLine(b, "mem_not_counted_for_evict", 0)
	infoLine(b, "mem_replication_backlog", 0)
	infoLine(b, "mem_total_replication_buffers", 0)
	infoLine(b, "mem_clients_slaves", 0)
	infoLine(b, "mem_clients_normal", s.clientBytes)
	infoLine(b, "mem_cluster_links", 0)
	infoLine(b, "mem_aof_buffer", 0)
	infoLine(b, "mem_allocator", "go-"+runtime.Version())
	infoLine(b, "active_defrag_running", 0)
	infoLine(b, "lazyfree_pending_objects", 0)
	infoLine(b, "lazyfreed_objects", 0)
}

type heapStats struct{ objects, active, resident int64 }

// goHeapStats reads the Go heap's sizes from runtime/metrics, which,
// unlike runtime.ReadMemStats, does not stop the world.
func goHeapStats() heapStats {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}
	metrics.Read(samples)
	v := func(i int) int64 {
		if samples[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return int64(samples[i].Value.Uint64())
	}
	objects := v(0)
	active := objects + v(1)
	return heapStats{objects: objects, active: active, resident: active + v(2)}
}

// processRSS reads the resident set size from /proc, 0 where absent.
func processRSS() int64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(data))
	if len(fields) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(fields[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

func totalSystemMemory() int64 {
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) != nil {
		return 0
	}
	return int64(info.Totalram) * int64(info.Unit)
}

// humanBytes formats like Redis's bytesToHuman: 1.49M, 0B, 2.00G.
func humanBytes(n int64) string {
	f := float64(n)
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + "B"
	case n < 1024*1024:
		return fmt.Sprintf("%.2fK", f/1024)
	case n < 1024*1024*1024:
		return fmt.Sprintf("%.2fM", f/(1024*1024))
	case n < 1024*1024*1024*1024:
		return fmt.Sprintf("%.2fG", f/(1024*1024*1024))
	}
	return fmt.Sprintf("%.2fT", f/(1024*1024*1024*1024))
}

func (s *Server) infoPersistence(b *strings.Builder) { s.infoPersistenceFields(b) }

func (s *Server) infoStats(b *strings.Builder) {
	st := &s.stats
	infoLine(b, "total_connections_received", st.connectionsReceived)
	infoLine(b, "total_commands_processed", st.commandsProcessed)
	infoLine(b, "instantaneous_ops_per_sec", 0)
	infoLine(b, "total_net_input_bytes", st.netInput.Load())
	infoLine(b, "total_net_output_bytes", st.netOutput.Load())
	infoLine(b, "rejected_connections", st.rejectedConns)
	infoLine(b, "expired_keys", st.expiredKeys)
	infoLine(b, "evicted_keys", st.evictedKeys)
	infoLine(b, "keyspace_hits", st.keyspaceHits)
	infoLine(b, "keyspace_misses", st.keyspaceMisses)
	infoLine(b, "pubsub_channels", len(s.pubsub.channels))
	infoLine(b, "pubsub_patterns", len(s.pubsub.patterns))
	infoLine(b, "pubsubshard_channels", len(s.pubsub.shard))
	infoLine(b, "total_forks", 0)
	infoLine(b, "unexpected_error_replies", 0)
	infoLine(b, "total_error_replies", st.errorReplies)
}

func (s *Server) infoReplication(b *strings.Builder) {
	infoLine(b, "role", "master")
	infoLine(b, "connected_slaves", 0)
	infoLine(b, "master_failover_state", "no-failover")
	infoLine(b, "master_replid", runID[:40])
	infoLine(b, "master_replid2", strings.Repeat("0", 40))
	infoLine(b, "master_repl_offset", 0)
	infoLine(b, "second_repl_offset", -1)
	infoLine(b, "repl_backlog_active", 0)
	infoLine(b, "repl_backlog_size", 1048576)
	infoLine(b, "repl_backlog_first_byte_offset", 0)
	infoLine(b, "repl_backlog_histlen", 0)
}

func (s *Server) infoCPU(b *strings.Builder) {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	secs := func(tv syscall.Timeval) string {
		return fmt.Sprintf("%d.%06d", tv.Sec, tv.Usec)
	}
	infoLine(b, "used_cpu_sys", secs(ru.Stime))
	infoLine(b, "used_cpu_user", secs(ru.Utime))
	infoLine(b, "used_cpu_sys_children", "0.000000")
	infoLine(b, "used_cpu_user_children", "0.000000")
}

func (s *Server) infoCommandStats(b *strings.Builder) {
	var visit func(cmd *Command)
	visit = func(cmd *Command) {
		st := cmd.stats
		if st.calls > 0 || st.rejected > 0 || st.failed > 0 {
			perCall := 0.0
			if st.calls > 0 {
				perCall = float64(st.usec) / float64(st.calls)
			}
			fmt.Fprintf(b, "cmdstat_%s:calls=%d,usec=%d,usec_per_call=%.2f,rejected_calls=%d,failed_calls=%d\r\n",
				cmd.Name, st.calls, st.usec, perCall, st.rejected, st.failed)
		}
		for _, sub := range cmd.Subcommands {
			visit(sub)
		}
	}
	for _, cmd := range s.table.sorted {
		visit(cmd)
	}
}

func (s *Server) infoErrorStats(b *strings.Builder) {
	codes := make([]string, 0, len(s.stats.errorsByCode))
	for code := range s.stats.errorsByCode {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		fmt.Fprintf(b, "errorstat_%s:count=%d\r\n", code, s.stats.errorsByCode[code])
	}
}

func (s *Server) infoCluster(b *strings.Builder) {
	enabled := 0
	if s.cfg.ClusterEnabled {
		enabled = 1
	}
	infoLine(b, "cluster_enabled", enabled)
}

func (s *Server) infoKeyspace(b *strings.Builder) {
	now := s.clock.nowMs()
	for _, d := range s.dbs {
		n := d.keys.Len()
		if n == 0 {
			continue
		}
		var ttlSum, ttlCount int64
		d.keys.ForEachVolatile(func(_ string, at int64) {
			if at > now {
				ttlSum += at - now
				ttlCount++
			}
		})
		avg := int64(0)
		if ttlCount > 0 {
			avg = ttlSum / ttlCount
		}
		fmt.Fprintf(b, "db%d:keys=%d,expires=%d,avg_ttl=%d\r\n", d.id, n, d.keys.VolatileLen(), avg)
	}
}
