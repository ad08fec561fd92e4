package server

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"strconv"
	"strings"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Cluster mode (cluster-enabled yes): miniserve is a one-node Redis
// Cluster, a master that owns all 16384 slots, so that code written for
// a cluster client (go-redis's ClusterClient, redis-cli -c) runs against
// one embedded server and meets the cluster's rules: keys of one command,
// transaction or script must share a slot (CROSSSLOT), SELECT is
// refused. There are no other nodes, so no MOVED or ASK, no cluster bus
// and no nodes.conf: the node ID is random per start.
//
// The node reports the address a client reached it at (the local
// address of the connection), or cluster-announce-ip. A real single
// node that never met another reports an empty IP until a CLUSTER MEET
// teaches it its own; clients need a usable address.

// clusterState is the node's own state.
type clusterState struct {
	myID         string // 40 hex characters, made on first use
	currentEpoch int64
	myEpoch      int64 // configEpoch of this node
}

// clusterMyID returns the node ID, making it on first use.
func (s *Server) clusterMyID() string {
	if s.cluster.myID == "" {
		var b [20]byte
		rand.Read(b[:])
		s.cluster.myID = hex.EncodeToString(b[:])
	}
	return s.cluster.myID
}

// clusterSlotCheck is the slot check of Redis's processCommand in
// cluster mode: a command's keys, or a transaction's at EXEC, must hash
// to one slot. A refused EXEC discards the transaction and answers
// CROSSSLOT itself, not EXECABORT. It records the slot in c.slot.
func (s *Server) clusterSlotCheck(c *Client, cmd *Command, argv [][]byte) bool {
	c.slot = noSlot
	isExec := cmd.Name == "exec"
	if !isExec && !cmd.hasSlotKeys() {
		return true
	}
	slot := noSlot
	if isExec {
		if c.multi != nil {
			for i, queued := range c.multi.cmds {
				slot = queued.commandSlot(c.multi.argvs[i], slot)
			}
		}
	} else {
		slot = cmd.commandSlot(argv, noSlot)
	}
	if slot != crossSlot {
		c.slot = slot
		return true
	}
	cmd.stats.rejected++
	if isExec {
		c.multi = nil
		s.unwatchAll(c)
	} else if c.multi != nil {
		c.multi.aborted = true
	}
	c.errorReply(errCrossSlot)
	return false
}

// clusterEnabled answers Redis's error when cluster mode is off.
func (c *Client) clusterEnabled() bool {
	if !c.srv.cfg.ClusterEnabled {
		c.errorReply(errClusterDisabled)
		return false
	}
	return true
}

// cmdReadOnly, READWRITE and ASKING change nothing on a master that owns
// every slot; they only say OK in cluster mode.
func cmdReadOnly(c *Client, argv [][]byte) {
	if c.clusterEnabled() {
		c.reply.OK()
	}
}

// clusterNode is how this node describes itself.
type clusterNode struct {
	id, ip, hostname string
	port, busPort    int
	endpointType     string // cluster-preferred-endpoint-type
}

func (s *Server) clusterSelf(c *Client) clusterNode {
	n := clusterNode{id: s.clusterMyID()}
	cfgStr := func(name string) string { v, _ := s.cfg.Value(name); return v }
	cfgInt := func(name string) int { v, _ := strconv.Atoi(cfgStr(name)); return v }
	// The local address of the asking client's connection: the address
	// it reached this node at. A script's client has none: its caller's.
	local := c.lad
	if local == "" && c.srv.scripts.vm != nil && c.srv.scripts.vm.run != nil {
		local = c.srv.scripts.vm.run.caller.lad
	}
	if local == "" {
		local = s.Addr()
	}
	host, portStr, _ := net.SplitHostPort(local)
	realPort, _ := strconv.Atoi(portStr)
	n.ip = cfgStr("cluster-announce-ip")
	if n.ip == "" {
		n.ip = host
	}
	n.port = realPort
	if p := cfgInt("cluster-announce-port"); p != 0 {
		n.port = p
	}
	n.busPort = realPort + 10000
	if p := cfgInt("cluster-port"); p != 0 {
		n.busPort = p
	}
	if p := cfgInt("cluster-announce-bus-port"); p != 0 {
		n.busPort = p
	}
	n.hostname = cfgStr("cluster-announce-hostname")
	n.endpointType = cfgStr("cluster-preferred-endpoint-type")
	return n
}

func cmdClusterInfo(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	s := c.srv
	var b strings.Builder
	line := func(name string, v int64) {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(v, 10))
		b.WriteString("\r\n")
	}
	b.WriteString("cluster_state:ok\r\n")
	line("cluster_slots_assigned", clusterSlots)
	line("cluster_slots_ok", clusterSlots)
	line("cluster_slots_pfail", 0)
	line("cluster_slots_fail", 0)
	line("cluster_known_nodes", 1)
	line("cluster_size", 1)
	line("cluster_current_epoch", s.cluster.currentEpoch)
	line("cluster_my_epoch", s.cluster.myEpoch)
	line("cluster_stats_messages_sent", 0)
	line("cluster_stats_messages_received", 0)
	line("total_cluster_links_buffer_limit_exceeded", 0)
	c.reply.Verbatim(b.String())
}

func cmdClusterMyID(c *Client, argv [][]byte) {
	if c.clusterEnabled() {
		c.reply.BulkString(c.srv.clusterMyID())
	}
}

// cmdClusterNodes writes the one line of this node, in the format of
// nodes.conf: id ip:port@cport[,hostname] flags master ping-sent
// pong-recv config-epoch link-state slots.
func cmdClusterNodes(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	n := c.srv.clusterSelf(c)
	var b strings.Builder
	b.WriteString(n.id)
	b.WriteByte(' ')
	b.WriteString(n.ip)
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(n.port))
	b.WriteByte('@')
	b.WriteString(strconv.Itoa(n.busPort))
	if n.hostname != "" {
		b.WriteByte(',')
		b.WriteString(n.hostname)
	}
	b.WriteString(" myself,master - 0 0 ")
	b.WriteString(strconv.FormatInt(c.srv.cluster.myEpoch, 10))
	b.WriteString(" connected 0-16383\n")
	c.reply.Verbatim(b.String())
}

func cmdClusterSlots(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	n := c.srv.clusterSelf(c)
	r := &c.reply
	r.Array(1)
	r.Array(3)
	r.Int(0)
	r.Int(clusterSlots - 1)
	// The node: preferred endpoint, port, id, and the networking
	// metadata that is not the preferred endpoint.
	r.Array(4)
	switch n.endpointType {
	case "hostname":
		r.BulkString(orQuestionMark(n.hostname))
	case "unknown-endpoint":
		r.Null()
	default:
		r.BulkString(n.ip)
	}
	r.Int(int64(n.port))
	r.BulkString(n.id)
	withIP := n.endpointType != "ip"
	withHost := n.endpointType != "hostname" && n.hostname != ""
	r.Map(btoi(withIP) + btoi(withHost))
	if withIP {
		r.BulkString("ip")
		r.BulkString(n.ip)
	}
	if withHost {
		r.BulkString("hostname")
		r.BulkString(n.hostname)
	}
}

func cmdClusterShards(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	n := c.srv.clusterSelf(c)
	r := &c.reply
	r.Array(1)
	r.Map(2)
	r.BulkString("slots")
	r.Array(2)
	r.Int(0)
	r.Int(clusterSlots - 1)
	r.BulkString("nodes")
	r.Array(1)
	fields := 7
	if n.hostname != "" {
		fields++
	}
	r.Map(fields)
	r.BulkString("id")
	r.BulkString(n.id)
	r.BulkString("port")
	r.Int(int64(n.port))
	r.BulkString("ip")
	r.BulkString(n.ip)
	r.BulkString("endpoint")
	switch n.endpointType {
	case "hostname":
		r.BulkString(orQuestionMark(n.hostname))
	case "unknown-endpoint":
		r.BulkString("")
	default:
		r.BulkString(n.ip)
	}
	if n.hostname != "" {
		r.BulkString("hostname")
		r.BulkString(n.hostname)
	}
	r.BulkString("role")
	r.BulkString("master")
	r.BulkString("replication-offset")
	r.Int(0)
	r.BulkString("health")
	r.BulkString("online")
}

func orQuestionMark(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func cmdClusterKeySlot(c *Client, argv [][]byte) {
	if c.clusterEnabled() {
		c.reply.Int(int64(keyHashSlot(argv[2])))
	}
}

// slotArg parses a slot as Redis's getSlotOrReply, which answers
// errInvalidSlot for anything but a slot number.
func (c *Client) slotArg(b []byte) (int, bool) {
	n, ok := datastruct.ParseInt(b)
	if !ok || n < 0 || n >= clusterSlots {
		c.errorReply(errInvalidSlot)
		return 0, false
	}
	return int(n), true
}

// cmdClusterCountKeysInSlot counts by walking the keyspace: O(N) in the
// number of keys, where Redis keeps a per-slot index. A test server can
// afford it; the hot paths keep no cluster bookkeeping.
func cmdClusterCountKeysInSlot(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	slot, ok := datastruct.ParseInt(argv[2])
	if !ok {
		c.errorReply(errNotInteger)
		return
	}
	if slot < 0 || slot >= clusterSlots {
		c.errorReply("ERR Invalid slot")
		return
	}
	var n int64
	c.srv.eachKeyInSlot(c, int(slot), func(string) bool { n++; return true })
	c.reply.Int(n)
}

// cmdClusterGetKeysInSlot walks the keyspace as COUNTKEYSINSLOT does.
// The order of the keys is the keyspace's, not Redis's (newest first).
func cmdClusterGetKeysInSlot(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	maxKeys, ok := datastruct.ParseInt(argv[3])
	if !ok {
		c.errorReply(errNotInteger)
		return
	}
	slot, ok := datastruct.ParseInt(argv[2])
	if !ok {
		c.errorReply(errNotInteger)
		return
	}
	if maxKeys < 0 || slot < 0 || slot >= clusterSlots {
		c.errorReply("ERR Invalid slot or number of keys")
		return
	}
	var keys []string
	if maxKeys > 0 {
		c.srv.eachKeyInSlot(c, int(slot), func(k string) bool {
			keys = append(keys, k)
			return int64(len(keys)) < maxKeys
		})
	}
	c.reply.Array(len(keys))
	for _, k := range keys {
		c.reply.BulkString(k)
	}
}

// eachKeyInSlot calls fn with every live key of the client's database
// (the only one in cluster mode) in slot, until fn returns false.
func (s *Server) eachKeyInSlot(c *Client, slot int, fn func(key string) bool) {
	now := s.clock.nowMs()
	c.db.keys.ForEach(func(e *datastruct.Entry) bool {
		if expired(e, now) || keyHashSlot(e.Key) != slot {
			return true
		}
		return fn(e.Key)
	})
}

// clusterNodeArg finds a node by ID: only this node exists. It answers
// Redis's error for any other ID.
func (c *Client) clusterNodeArg(id []byte) bool {
	if string(id) == c.srv.clusterMyID() {
		return true
	}
	c.errorReply("ERR Unknown node " + string(id))
	return false
}

func cmdClusterReplicas(c *Client, argv [][]byte) {
	if c.clusterEnabled() && c.clusterNodeArg(argv[2]) {
		c.reply.Array(0) // a master without replicas
	}
}

func cmdClusterCountFailureReports(c *Client, argv [][]byte) {
	if c.clusterEnabled() && c.clusterNodeArg(argv[2]) {
		c.reply.Int(0)
	}
}

func cmdClusterLinks(c *Client, argv [][]byte) {
	if c.clusterEnabled() {
		c.reply.Array(0) // no peers, no links
	}
}

func cmdClusterForget(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	if string(argv[2]) == c.srv.clusterMyID() {
		c.errorReply("ERR I tried hard but I can't forget myself...")
		return
	}
	c.clusterNodeArg(argv[2])
}

func cmdClusterReplicate(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	if string(argv[2]) == c.srv.clusterMyID() {
		c.errorReply("ERR Can't replicate myself")
		return
	}
	c.clusterNodeArg(argv[2])
}

func cmdClusterFailover(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	if len(argv) > 3 {
		c.subcommandSyntaxError(argv)
		return
	}
	if len(argv) == 3 && !isOpt(argv[2], "force") && !isOpt(argv[2], "takeover") {
		c.errorReply(errSyntax)
		return
	}
	c.errorReply("ERR You should send CLUSTER FAILOVER to a replica")
}

// cmdClusterAddSlots and ADDSLOTSRANGE: every slot is this node's
// already, so a valid request gets Redis's "already busy" for its first
// slot.
func cmdClusterAddSlots(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	ranges, ok := c.slotListArgs(argv)
	if ok {
		c.errorReply("ERR Slot " + strconv.Itoa(ranges[0][0]) + " is already busy")
	}
}

func cmdClusterAddSlotsRange(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	c.slotRangeArgs(argv, func(start, end int) bool {
		c.errorReply("ERR Slot " + strconv.Itoa(start) + " is already busy")
		return false
	})
}

// slotListArgs checks the slots of ADDSLOTS and DELSLOTS, all of them
// before anything else as Redis does, as ranges of one slot.
func (c *Client) slotListArgs(argv [][]byte) ([][2]int, bool) {
	ranges := make([][2]int, 0, len(argv)-2)
	for _, a := range argv[2:] {
		slot, ok := c.slotArg(a)
		if !ok {
			return nil, false
		}
		ranges = append(ranges, [2]int{slot, slot})
	}
	return ranges, true
}

// slotRangeArgs checks the pairs of ADDSLOTSRANGE and DELSLOTSRANGE one
// after the other, as Redis does, each valid pair with check, which
// answers and returns false to stop. It reports whether all passed.
func (c *Client) slotRangeArgs(argv [][]byte, check func(start, end int) bool) bool {
	if len(argv)%2 == 1 {
		c.errorReply("ERR wrong number of arguments for '" + c.current.Name + "' command")
		return false
	}
	for i := 2; i < len(argv); i += 2 {
		start, ok := c.slotArg(argv[i])
		if !ok {
			return false
		}
		end, ok := c.slotArg(argv[i+1])
		if !ok {
			return false
		}
		if start > end {
			c.errorReply("ERR start slot number " + strconv.Itoa(start) + " is greater than end slot number " + strconv.Itoa(end))
			return false
		}
		if !check(start, end) {
			return false
		}
	}
	return true
}

// slotsSeen finds a slot named twice in DELSLOTS or DELSLOTSRANGE.
type slotsSeen [clusterSlots]bool

// add marks start..end, answering Redis's error for a slot named twice.
func (seen *slotsSeen) add(c *Client, start, end int) bool {
	for slot := start; slot <= end; slot++ {
		if seen[slot] {
			c.errorReply("ERR Slot " + strconv.Itoa(slot) + " specified multiple times")
			return false
		}
		seen[slot] = true
	}
	return true
}

const errInvalidSlot = "ERR Invalid or out of range slot"

// errClusterFixed answers a topology change miniserve cannot make: it
// is one node that always owns every slot. Redis would make the change.
func errClusterFixed(sub string) string {
	return "ERR CLUSTER " + sub + " is not supported by miniserve: it is a single cluster node that always serves all 16384 slots"
}

// subcommandSyntaxError is Redis's addReplySubcommandSyntaxError, for
// a subcommand whose arity allows more arguments than it takes.
func (c *Client) subcommandSyntaxError(argv [][]byte) {
	c.errorReply("ERR unknown subcommand or wrong number of arguments for '" + sanitize(trunc(argv[1], 128)) + "'. Try " + strings.ToUpper(string(argv[0])) + " HELP.")
}

func cmdClusterDelSlots(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	ranges, ok := c.slotListArgs(argv)
	if !ok {
		return
	}
	var seen slotsSeen
	for _, r := range ranges {
		if !seen.add(c, r[0], r[1]) {
			return
		}
	}
	c.errorReply(errClusterFixed("DELSLOTS"))
}

func cmdClusterDelSlotsRange(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	var seen slotsSeen
	if c.slotRangeArgs(argv, func(start, end int) bool { return seen.add(c, start, end) }) {
		c.errorReply(errClusterFixed("DELSLOTSRANGE"))
	}
}

func cmdClusterFlushSlots(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	if c.db.keys.Len() != 0 {
		c.errorReply("ERR DB must be empty to perform CLUSTER FLUSHSLOTS.")
		return
	}
	c.errorReply(errClusterFixed("FLUSHSLOTS"))
}

func cmdClusterReset(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	if len(argv) > 3 {
		c.subcommandSyntaxError(argv)
		return
	}
	if len(argv) == 3 && !isOpt(argv[2], "hard") && !isOpt(argv[2], "soft") {
		c.errorReply(errSyntax)
		return
	}
	if c.db.keys.Len() != 0 {
		c.errorReply("ERR CLUSTER RESET can't be called with master nodes containing keys")
		return
	}
	c.errorReply(errClusterFixed("RESET"))
}

func cmdClusterMeet(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	if len(argv) > 5 {
		c.subcommandSyntaxError(argv)
		return
	}
	port, ok := datastruct.ParseInt(argv[3])
	if !ok {
		c.errorReply("ERR Invalid TCP base port specified: " + string(argv[3]))
		return
	}
	busPort := port + 10000
	if len(argv) == 5 {
		if busPort, ok = datastruct.ParseInt(argv[4]); !ok {
			c.errorReply("ERR Invalid TCP bus port specified: " + string(argv[4]))
			return
		}
	}
	if net.ParseIP(string(argv[2])) == nil || port <= 0 || port > 65535 || busPort <= 0 || busPort > 65535 {
		c.errorReply("ERR Invalid node address specified: " + string(argv[2]) + ":" + string(argv[3]))
		return
	}
	c.errorReply(errClusterFixed("MEET"))
}

// cmdClusterSetSlot: the slot is this node's, so STABLE (no migration
// to end) and NODE with this node's ID change nothing and succeed, as in
// Redis; IMPORTING gets Redis's error for an owner. MIGRATING to an
// unknown node gets Redis's error; to itself it is refused.
func cmdClusterSetSlot(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	slot, ok := c.slotArg(argv[2])
	if !ok {
		return
	}
	action := argv[3]
	switch {
	case isOpt(action, "stable") && len(argv) == 4:
		c.reply.OK()
	case isOpt(action, "importing") && len(argv) == 5:
		c.errorReply("ERR I'm already the owner of hash slot " + strconv.Itoa(slot))
	case isOpt(action, "migrating") && len(argv) == 5:
		if string(argv[4]) != c.srv.clusterMyID() {
			c.errorReply("ERR I don't know about node " + string(argv[4]))
			return
		}
		c.errorReply(errClusterFixed("SETSLOT MIGRATING"))
	case isOpt(action, "node") && len(argv) == 5:
		if c.clusterNodeArg(argv[4]) {
			c.reply.OK()
		}
	default:
		c.errorReply("ERR Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP")
	}
}

// cmdClusterSaveConfig: miniserve keeps no nodes.conf.
func cmdClusterSaveConfig(c *Client, argv [][]byte) {
	if c.clusterEnabled() {
		c.errorReply("ERR CLUSTER SAVECONFIG is not supported by miniserve: it keeps no cluster config file (the node ID is new on every start)")
	}
}

// cmdClusterSetConfigEpoch sets the epoch of a node whose epoch is
// still 0, as Redis does (in memory only here).
func cmdClusterSetConfigEpoch(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	epoch, ok := datastruct.ParseInt(argv[2])
	if !ok {
		c.errorReply(errNotInteger)
		return
	}
	s := c.srv
	switch {
	case epoch < 0:
		c.errorReply("ERR Invalid config epoch specified: " + strconv.FormatInt(epoch, 10))
	case s.cluster.myEpoch != 0:
		c.errorReply("ERR Node config epoch is already non-zero")
	default:
		s.cluster.myEpoch = epoch
		if s.cluster.currentEpoch < epoch {
			s.cluster.currentEpoch = epoch
		}
		c.reply.OK()
	}
}

// cmdClusterBumpEpoch is Redis's clusterBumpConfigEpochWithoutConsensus
// on a cluster of one: this node's epoch is the greatest, so it bumps
// only while it is 0.
func cmdClusterBumpEpoch(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	s := c.srv
	if s.cluster.myEpoch == 0 || s.cluster.myEpoch != s.cluster.currentEpoch {
		s.cluster.currentEpoch++
		s.cluster.myEpoch = s.cluster.currentEpoch
		c.reply.Status("BUMPED " + strconv.FormatInt(s.cluster.myEpoch, 10))
		return
	}
	c.reply.Status("STILL " + strconv.FormatInt(s.cluster.myEpoch, 10))
}

func cmdClusterHelp(c *Client, argv [][]byte) {
	if !c.clusterEnabled() {
		return
	}
	c.helpReply("CLUSTER",
		"ADDSLOTS <slot> [<slot> ...]",
		"    Assign slots to current node.",
		"ADDSLOTSRANGE <start slot> <end slot> [<start slot> <end slot> ...]",
		"    Assign slots which are between <start-slot> and <end-slot> to current node.",
		"BUMPEPOCH",
		"    Advance the cluster config epoch.",
		"COUNT-FAILURE-REPORTS <node-id>",
		"    Return number of failure reports for <node-id>.",
		"COUNTKEYSINSLOT <slot>",
		"    Return the number of keys in <slot>.",
		"DELSLOTS <slot> [<slot> ...]",
		"    Delete slots information from current node.",
		"DELSLOTSRANGE <start slot> <end slot> [<start slot> <end slot> ...]",
		"    Delete slots information which are between <start-slot> and <end-slot> from current node.",
		"FAILOVER [FORCE|TAKEOVER]",
		"    Promote current replica node to being a master.",
		"FORGET <node-id>",
		"    Remove a node from the cluster.",
		"GETKEYSINSLOT <slot> <count>",
		"    Return key names stored by current node in a slot.",
		"FLUSHSLOTS",
		"    Delete current node own slots information.",
		"INFO",
		"    Return information about the cluster.",
		"KEYSLOT <key>",
		"    Return the hash slot for <key>.",
		"MEET <ip> <port> [<bus-port>]",
		"    Connect nodes into a working cluster.",
		"MYID",
		"    Return the node id.",
		"NODES",
		"    Return cluster configuration seen by node. Output format:",
		"    <id> <ip:port> <flags> <master> <pings> <pongs> <epoch> <link> <slot> ...",
		"REPLICATE <node-id>",
		"    Configure current node as replica to <node-id>.",
		"RESET [HARD|SOFT]",
		"    Reset current node (default: soft).",
		"SET-CONFIG-EPOCH <epoch>",
		"    Set config epoch of current node.",
		"SETSLOT <slot> (IMPORTING <node-id>|MIGRATING <node-id>|STABLE|NODE <node-id>)",
		"    Set slot state.",
		"REPLICAS <node-id>",
		"    Return <node-id> replicas.",
		"SAVECONFIG",
		"    Force saving cluster configuration on disk.",
		"SLOTS",
		"    Return information about slots range mappings. Each range is made of:",
		"    start, end, master and replicas IP addresses, ports and ids",
		"SHARDS",
		"    Return information about slot range mappings and the nodes associated with them.",
		"LINKS",
		"    Return information about all network links between this node and its peers.",
		"    Output format is an array where each array element is a map containing attributes of a link",
	)
}
