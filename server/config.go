package server

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/miniserve-dev/miniserve/internal/sds"
)

// This file holds the configuration: every directive Redis 7.0.15 knows,
// with its kind, bounds, default and flags, and the four operations on
// it: Set (a line of redis.conf or a --flag), SetRuntime (CONFIG SET),
// Get (CONFIG GET) and Rewrite (CONFIG REWRITE). configfile.go reads
// redis.conf files.
//
// The table below follows standardConfig in Redis's config.c. Parsing,
// bounds and error texts are Redis's, checked against redis-server 7.0.15
// with redis-cli; config_test.go holds what was observed.

// Config holds the value of every redis.conf directive. The directives
// miniserve acts on have typed fields, which the server reads directly
// while holding its own lock; every other directive is kept as the string
// CONFIG GET shows. A Config is not safe for concurrent use: the server
// serializes access to it. The zero Config is not usable: start from
// NewConfig or LoadConfig.
type Config struct {
	// File is the absolute path of the config file the server was
	// started with, or "" for none. CONFIG REWRITE writes it and INFO
	// reports it as config_file.
	File string

	Port          int      // port
	Bind          []string // bind; "-addr" means skip the address if it is unavailable
	ProtectedMode bool     // protected-mode
	RequirePass   string   // requirepass; "" for none
	Databases     int      // databases
	Timeout       int      // timeout, seconds; 0 for none
	MaxClients    int      // maxclients

	ProtoMaxBulkLen        int64 // proto-max-bulk-len, bytes
	ClientQueryBufferLimit int64 // client-query-buffer-limit, bytes
	TCPKeepalive           int   // tcp-keepalive, seconds

	Dir        string     // dir, always absolute; miniserve never chdir()s
	DBFilename string     // dbfilename, a file name inside Dir
	Save       []SaveRule // save; empty means no automatic snapshots

	AppendOnly               bool   // appendonly
	AppendFsync              string // appendfsync: always, everysec or no
	AppendFilename           string // appendfilename
	AppendDirname            string // appenddirname, inside Dir
	AutoAOFRewritePercentage int    // auto-aof-rewrite-percentage
	AutoAOFRewriteMinSize    int64  // auto-aof-rewrite-min-size, bytes
	AOFLoadTruncated         bool   // aof-load-truncated
	StopWritesOnBgsaveError  bool   // stop-writes-on-bgsave-error

	MaxMemory        int64  // maxmemory, bytes; 0 for no limit
	MaxMemoryPolicy  string // maxmemory-policy
	MaxMemorySamples int    // maxmemory-samples
	LFULogFactor     int    // lfu-log-factor
	LFUDecayTime     int    // lfu-decay-time, minutes

	Hz                   int    // hz, kept between 1 and 500 as Redis does
	ActiveExpireEffort   int    // active-expire-effort, 1 to 10
	EnableDebugCommand   string // enable-debug-command: no, yes or local
	BusyReplyThreshold   int64  // busy-reply-threshold (alias lua-time-limit), milliseconds
	ClusterEnabled       bool   // cluster-enabled
	NotifyKeyspaceEvents string // notify-keyspace-events, in the canonical form CONFIG GET shows ("AKE")

	ClientOutputBufferLimit OutputBufferLimits // client-output-buffer-limit

	LogLevel  string // loglevel: debug, verbose, notice or warning
	LogFile   string // logfile; "" for the standard error
	Daemonize bool   // daemonize; miniserve always runs in the foreground

	// other holds every directive without a typed field, rendered as
	// CONFIG GET shows it, by primary name.
	other map[string]string
	// maxMemoryRaw keeps a maxmemory above math.MaxInt64 (Redis takes
	// any unsigned 64-bit value) so that CONFIG GET shows it exactly;
	// MaxMemory holds math.MaxInt64 then.
	maxMemoryRaw uint64
	// saveLoaded is Redis's save_loaded: the first save line of the
	// startup configuration replaces the default rules, later ones add.
	saveLoaded bool
	explicit   map[string]bool // directives set by Set or SetRuntime
	onChange   []func(name string)
	onApply    []func(name string) error
}

// SaveRule is one "save <seconds> <changes>" rule: snapshot when at least
// Changes writes happened in the last Seconds seconds.
type SaveRule struct {
	Seconds int
	Changes int
}

// OutputBufferLimit is the client-output-buffer-limit of one client
// class. A client is disconnected when its pending output reaches
// HardBytes, or stays at or above SoftBytes for SoftSeconds. Zero
// disables a limit.
type OutputBufferLimit struct {
	HardBytes   uint64
	SoftBytes   uint64
	SoftSeconds int
}

// OutputBufferLimits holds client-output-buffer-limit for the three
// classes Redis knows.
type OutputBufferLimits struct {
	Normal  OutputBufferLimit
	Replica OutputBufferLimit // "replica" or "slave" in redis.conf
	PubSub  OutputBufferLimit
}

// DefaultBind is miniserve's bind default, the one Debian's and Redis's
// shipped redis.conf use: loopback only, so that a server started on a
// laptop without a config file is not reachable from the network. Redis
// compiled without a config file binds "* -::*".
var DefaultBind = []string{"127.0.0.1", "-::1"}

// redisDefaultBind is what Redis binds with no bind directive. CONFIG
// REWRITE leaves a bind line out only for this value, so that a rewritten
// file keeps miniserve's loopback default when real Redis reads it.
var redisDefaultBind = []string{"*", "-::*"}

// implementedDirectives lists the directives the server acts on. The
// others are accepted, validated and shown by CONFIG GET, and
// NotInEffect reports those set to a non-default value. A non-nil
// function limits the values that are in effect.
var implementedDirectives = map[string]func(c *Config) bool{
	"port": nil, "bind": nil, "protected-mode": nil, "requirepass": nil,
	"databases": nil, "timeout": nil, "maxclients": nil,
	"proto-max-bulk-len": nil, "client-query-buffer-limit": nil,
	"tcp-keepalive": nil, "hz": nil, "enable-debug-command": nil,
	"loglevel": nil, "logfile": nil, "active-expire-effort": nil,
	"lfu-log-factor": nil, "lfu-decay-time": nil,
	"maxmemory": nil, "maxmemory-policy": nil, "maxmemory-samples": nil,
	"io-threads": nil, // the binary's GOMAXPROCS
	"dir":        nil, "dbfilename": nil, "save": nil, "appendonly": nil,
	"appendfsync": nil, "appendfilename": nil, "appenddirname": nil,
	"auto-aof-rewrite-percentage": nil, "auto-aof-rewrite-min-size": nil,
	"aof-load-truncated": nil, "stop-writes-on-bgsave-error": nil,
	"daemonize":                 func(c *Config) bool { return !c.Daemonize },
	"hash-max-listpack-entries": nil, "hash-max-listpack-value": nil, "set-max-intset-entries": nil,
	"zset-max-listpack-entries": nil, "zset-max-listpack-value": nil,
	"stream-node-max-entries": nil, "stream-node-max-bytes": nil,
	"busy-reply-threshold": nil, // scripts (script_busy.go)
	// Cluster mode: a one-node cluster (cmd_cluster.go). The announced
	// address is what CLUSTER NODES, SLOTS and SHARDS report.
	"cluster-enabled": nil, "cluster-announce-ip": nil, "cluster-announce-port": nil,
	"cluster-announce-bus-port": nil, "cluster-announce-hostname": nil,
	"cluster-preferred-endpoint-type": nil,
	// Accepted for the issues that will act on them: pub/sub
	// (client-output-buffer-limit, notify-keyspace-events). They are not
	// in effect.
}

// NewConfig returns a Config holding every directive's default, as
// redis-server has without a config file, except Bind (see DefaultBind).
// Dir is the current working directory.
func NewConfig() *Config {
	c := &Config{
		other:    make(map[string]string),
		explicit: make(map[string]bool),
	}
	for _, d := range cfgTable {
		switch d.name {
		case "dir":
			if wd, err := os.Getwd(); err == nil {
				c.Dir = wd
			}
			continue
		case "replicaof":
			c.other[d.name] = ""
			continue
		}
		apply, msg := d.parse(c, d.runtimeArgs(d.def), false)
		if msg != "" {
			panic("miniserve: bad default for " + d.name + ": " + msg)
		}
		apply(c)
	}
	return c
}

// Set sets a directive in its redis.conf form: Set("save", []string{"900",
// "1"}) does what the line "save 900 1" does at startup. Names are
// case-insensitive and aliases (slaveof, hash-max-ziplist-entries, ...)
// are accepted; immutable directives can be set. As in Redis, the first
// save rule given replaces the default rules and later ones are added,
// and `save ""` clears them.
//
// include is handled by the config file reader; rename-command,
// loadmodule, user, module options and sentinel are refused, since
// miniserve has no such features. The error's Msg is Redis's text for the
// problem, such as "argument must be a memory value".
func (c *Config) Set(name string, args []string) error {
	if msg := c.setStartup(name, args); msg != "" {
		return &DirectiveError{Name: name, Args: args, Msg: msg}
	}
	return nil
}

// DirectiveError is a directive Set refused.
type DirectiveError struct {
	Name string
	Args []string
	Msg  string // Redis's message, as printed under a FATAL CONFIG FILE ERROR
}

func (e *DirectiveError) Error() string { return e.Name + ": " + e.Msg }

// Messages Set returns for redis.conf features miniserve does not have.
const (
	msgBadDirective    = "Bad directive or wrong number of arguments"
	msgWrongArgs       = "wrong number of arguments"
	msgIncludeOutside  = "include is only valid in a config file"
	msgRenameCommand   = "rename-command is not supported by miniserve"
	msgLoadModule      = "loadmodule is not supported: miniserve cannot load Redis modules"
	msgUser            = "user is not supported: miniserve has no ACL users, use requirepass"
	msgModuleConfig    = "module configuration is not supported: miniserve cannot load Redis modules"
	msgSentinelMode    = "sentinel mode is not supported by miniserve"
	msgSentinelNotMode = "sentinel directive while not in sentinel mode"
)

// cfgDeprecated are the directives Redis 7.0 still accepts in a config
// file and ignores, with the argument count it accepts (name included).
var cfgDeprecated = map[string]int{
	"list-max-ziplist-entries": 2,
	"list-max-ziplist-value":   2,
	"lua-replicate-commands":   2,
}

// setStartup is Set, returning Redis's message or "".
func (c *Config) setStartup(name string, args []string) string {
	lname := strings.ToLower(name)
	if e := cfgLookup[lname]; e != nil {
		d := e.d
		if d.flags&cfgMultiArg == 0 && len(args) != 1 {
			return msgWrongArgs
		}
		apply, msg := d.parse(c, args, true)
		if msg != "" {
			return msg
		}
		apply(c)
		c.explicit[d.name] = true
		return ""
	}
	if n, ok := cfgDeprecated[lname]; ok && len(args)+1 == n {
		return ""
	}
	argc := len(args) + 1
	switch {
	case lname == "include" && argc == 2:
		return msgIncludeOutside
	case lname == "rename-command" && argc == 3:
		return msgRenameCommand
	case lname == "user" && argc >= 2:
		return msgUser
	case lname == "loadmodule" && argc >= 2:
		return msgLoadModule
	case strings.Contains(lname, "."):
		if argc != 2 {
			return "Module config specified without value"
		}
		return msgModuleConfig
	case lname == "sentinel":
		if argc != 1 {
			return msgSentinelNotMode
		}
		return msgSentinelMode
	}
	return msgBadDirective
}

// SetRuntime sets directives as CONFIG SET does: all or nothing. Names
// are checked first (unknown, immutable, protected, duplicate), then
// every value is parsed, and only then are they applied; the OnApply
// hooks run for the directives whose value changed, and if one fails the
// previous values are restored. Values of multi-argument directives
// (save, bind, client-output-buffer-limit, ...) are split on single
// spaces, and save replaces the rules. The error text is Redis's reply
// without the leading "ERR ".
//
// dir and dbfilename are protected configs: refused unless
// enable-protected-configs is yes. Use SetRuntimeFrom when the client is
// local and enable-protected-configs may be local.
func (c *Config) SetRuntime(pairs [][2]string) error {
	return c.SetRuntimeFrom(pairs, false)
}

// SetRuntimeFrom is SetRuntime for a client that is local (loopback or
// unix socket) or not, which matters when enable-protected-configs is
// "local".
func (c *Config) SetRuntimeFrom(pairs [][2]string, local bool) error {
	type item struct {
		e     *cfgName
		value string
		apply func(*Config)
	}
	items := make([]item, 0, len(pairs))
	unknown, errArg, errMsg := "", "", ""
	invalid := false
	for _, p := range pairs {
		e := cfgLookup[strings.ToLower(p[0])]
		if e == nil {
			if !invalid {
				unknown, invalid = p[0], true
			}
			continue
		}
		if invalid {
			continue
		}
		switch {
		case e.d.flags&cfgImmutable != 0:
			errArg, errMsg, invalid = p[0], "can't set immutable config", true
			continue
		case e.d.flags&cfgProtected != 0 && !c.protectedAllowed(local):
			errArg, errMsg, invalid = p[0], "can't set protected config", true
			continue
		}
		for _, it := range items {
			if it.e == e {
				errArg, errMsg, invalid = p[0], "duplicate parameter", true
				break
			}
		}
		items = append(items, item{e: e, value: p[1]})
	}
	if unknown != "" {
		return fmt.Errorf("Unknown option or number of arguments for CONFIG SET - '%s'", unknown)
	}
	if invalid {
		return configSetError(errArg, errMsg)
	}

	for i := range items {
		it := &items[i]
		apply, msg := it.e.d.parse(c, it.e.d.runtimeArgs(it.value), false)
		if msg != "" {
			return configSetError(it.e.name, msg)
		}
		it.apply = apply
	}

	backup := c.clone()
	before := make(map[string]string, len(items))
	for _, it := range items {
		if _, ok := before[it.e.d.name]; !ok {
			before[it.e.d.name] = it.e.d.render(c)
		}
	}
	for _, it := range items {
		it.apply(c)
		c.explicit[it.e.d.name] = true
	}
	var changed []string
	for _, it := range items {
		name := it.e.d.name
		if v, ok := before[name]; ok && v != it.e.d.render(c) {
			changed = append(changed, name)
			delete(before, name)
		}
	}
	for i, name := range changed {
		for _, fn := range c.onApply {
			if err := fn(name); err != nil {
				hooksApply, hooksChange := c.onApply, c.onChange
				*c = *backup
				c.onApply, c.onChange = hooksApply, hooksChange
				for _, undo := range changed[:i+1] {
					for _, fn := range c.onApply {
						_ = fn(undo) // best effort, as Redis's restoreBackupConfig
					}
				}
				return configSetError(name, err.Error())
			}
		}
	}
	for _, name := range changed {
		for _, fn := range c.onChange {
			fn(name)
		}
	}
	return nil
}

func configSetError(arg, msg string) error {
	if msg == "" {
		return fmt.Errorf("CONFIG SET failed (possibly related to argument '%s')", arg)
	}
	return fmt.Errorf("CONFIG SET failed (possibly related to argument '%s') - %s", arg, msg)
}

// protectedAllowed is Redis's allowProtectedAction for
// enable-protected-configs.
func (c *Config) protectedAllowed(local bool) bool {
	switch c.other["enable-protected-configs"] {
	case "yes":
		return true
	case "local":
		return local
	}
	return false
}

// OnChange registers fn to be called, after SetRuntime succeeded, with
// the primary name of each directive whose value it changed (for an
// alias such as lua-time-limit, the name is busy-reply-threshold).
func (c *Config) OnChange(fn func(name string)) { c.onChange = append(c.onChange, fn) }

// OnApply registers fn to be called by SetRuntime, after the new values
// are in place and before it returns, with the primary name of each
// directive whose value changed. An error undoes the whole CONFIG SET: the
// previous values are restored, the hooks are called again for the
// directives already applied, and SetRuntime fails with
// "CONFIG SET failed (possibly related to argument '<name>') - <err>", as
// Redis does when it cannot listen on a new port or bind address
// ("Unable to listen on this port. Check server logs.", "Failed to bind
// to specified addresses.") or start the AOF ("Unable to turn on AOF.
// Check server logs.").
func (c *Config) OnApply(fn func(name string) error) { c.onApply = append(c.onApply, fn) }

// IsSet reports whether the directive (or its alias) was set explicitly,
// by the config file, a --flag, an option or CONFIG SET, even to its
// default value.
func (c *Config) IsSet(name string) bool {
	e := cfgLookup[strings.ToLower(name)]
	return e != nil && c.explicit[e.d.name]
}

// Value returns the value of one directive as CONFIG GET shows it.
func (c *Config) Value(name string) (string, bool) {
	e := cfgLookup[strings.ToLower(name)]
	if e == nil {
		return "", false
	}
	return e.d.render(c), true
}

// Get answers CONFIG GET. A pattern without glob characters names one
// directive, case-insensitively, and is answered under the name as
// given; a glob pattern (Redis's, case-insensitive) matches every name,
// aliases included, except hidden debugging directives. Each directive
// appears once. Values are rendered as Redis renders them: memory in
// bytes, booleans yes/no, save as "3600 1 300 100", dir absolute.
func (c *Config) Get(patterns []string) [][2]string {
	seen := make(map[string]bool)
	var out [][2]string
	for _, p := range patterns {
		if !strings.ContainsAny(p, "[*?") {
			lp := strings.ToLower(p)
			if seen[lp] {
				continue
			}
			if e := cfgLookup[lp]; e != nil {
				seen[lp] = true
				out = append(out, [2]string{p, e.d.render(c)})
			}
			continue
		}
		for _, e := range cfgNames {
			if e.d.flags&cfgHidden != 0 || seen[e.name] {
				continue
			}
			if cfgMatch(p, e.name) {
				seen[e.name] = true
				out = append(out, [2]string{e.name, e.d.render(c)})
			}
		}
	}
	return out
}

// NotInEffect returns the directives set to a value other than their
// default that miniserve accepts but does not act on, by primary name,
// sorted. The server logs them at startup.
func (c *Config) NotInEffect() []string {
	var out []string
	for _, d := range cfgTable {
		if fn, ok := implementedDirectives[d.name]; ok && (fn == nil || fn(c)) {
			continue
		}
		if !c.IsSet(d.name) || d.render(c) == d.def {
			continue
		}
		out = append(out, d.name)
	}
	sort.Strings(out)
	return out
}

// LogFilePath returns LogFile made absolute against Dir (Redis opens a
// relative logfile in its working directory, which dir sets), or "".
func (c *Config) LogFilePath() string {
	if c.LogFile == "" || filepath.IsAbs(c.LogFile) {
		return c.LogFile
	}
	return filepath.Join(c.Dir, c.LogFile)
}

// clone copies c deeply enough for SetRuntime to restore it.
func (c *Config) clone() *Config {
	b := *c
	b.Bind = append([]string(nil), c.Bind...)
	b.Save = append([]SaveRule(nil), c.Save...)
	b.other = make(map[string]string, len(c.other))
	for k, v := range c.other {
		b.other[k] = v
	}
	b.explicit = make(map[string]bool, len(c.explicit))
	for k, v := range c.explicit {
		b.explicit[k] = v
	}
	return &b
}

// ---------------------------------------------------------------------
// The directive table.

type cfgKind uint8

const (
	cfgKindBool cfgKind = iota
	cfgKindString
	cfgKindEnum
	cfgKindNumber
	cfgKindSpecial
)

type cfgFlag uint16

const (
	cfgImmutable cfgFlag = 1 << iota // CONFIG SET refuses it
	cfgProtected                     // CONFIG SET refuses it unless enable-protected-configs allows
	cfgHidden                        // not matched by CONFIG GET patterns
	cfgMultiArg                      // takes several arguments; CONFIG SET splits on spaces
	cfgEmptyNull                     // string whose "" means unset (no default; CONFIG REWRITE drops it)
	cfgMemory                        // number with k/kb/m/mb/g/gb units
	cfgPercent                       // number that may be "N%" (stored as -N)
	cfgOctal                         // number written in octal
	cfgUnsigned                      // number of an unsigned C type: bounds compare unsigned
)

// cfgEnumVal is one value of an enum directive. Two names may share a
// value (oom-score-adj yes and relative); the first is shown.
type cfgEnumVal struct {
	name string
	val  int
}

type cfgDirective struct {
	name  string
	alias string
	kind  cfgKind
	flags cfgFlag
	def   string // default, as CONFIG GET shows it

	lo, hi int64                                        // numeric bounds; unsigned ones compare as uint64
	post   func(c *Config, v int64, startup bool) int64 // adjusts a parsed number (hz clamps)
	enum   []cfgEnumVal
	check  func(c *Config, v string) string // extra validation of a string

	// typed field, if any
	bBool  func(c *Config) *bool
	bStr   func(c *Config) *string
	bInt   func(c *Config) *int
	bInt64 func(c *Config) *int64

	// special directives
	special   func(c *Config, args []string, startup bool) (func(*Config), string)
	renderFn  func(c *Config) string
	rewriteFn func(c *Config, r *cfgRewriter, d *cfgDirective)
}

// cfgName is one name in the lookup table: a directive's primary name or
// its alias.
type cfgName struct {
	name  string
	d     *cfgDirective
	alias bool
}

var (
	cfgTable  []*cfgDirective
	cfgLookup map[string]*cfgName
	cfgNames  []*cfgName // every name, in table order
)

func init() {
	cfgTable = cfgDirectives()
	cfgLookup = make(map[string]*cfgName)
	for _, d := range cfgTable {
		e := &cfgName{name: d.name, d: d}
		cfgLookup[d.name] = e
		cfgNames = append(cfgNames, e)
		if d.alias != "" {
			a := &cfgName{name: d.alias, d: d, alias: true}
			cfgLookup[d.alias] = a
			cfgNames = append(cfgNames, a)
		}
	}
}

const (
	cfgIntMax   = math.MaxInt32
	cfgIntMin   = math.MinInt32
	cfgUintMax  = math.MaxUint32
	cfgLongMax  = math.MaxInt64
	cfgULLMax   = -1 // math.MaxUint64 as int64 bits, for cfgUnsigned bounds
	cfgMaxBinds = 16 // CONFIG_BINDADDR_MAX
)

func cfgBoolD(name, alias string, fl cfgFlag, def bool, b func(*Config) *bool) *cfgDirective {
	return &cfgDirective{name: name, alias: alias, kind: cfgKindBool, flags: fl, def: cfgYesNo(def), bBool: b}
}

func cfgStrD(name, alias string, fl cfgFlag, def string, check func(*Config, string) string, b func(*Config) *string) *cfgDirective {
	return &cfgDirective{name: name, alias: alias, kind: cfgKindString, flags: fl, def: def, check: check, bStr: b}
}

func cfgEnumD(name string, fl cfgFlag, names string, def string, b func(*Config) *string) *cfgDirective {
	d := &cfgDirective{name: name, kind: cfgKindEnum, flags: fl, def: def, bStr: b}
	for i, n := range strings.Fields(names) {
		d.enum = append(d.enum, cfgEnumVal{n, i})
	}
	return d
}

func cfgNumD(name, alias string, fl cfgFlag, lo, hi, def int64) *cfgDirective {
	d := &cfgDirective{name: name, alias: alias, kind: cfgKindNumber, flags: fl, lo: lo, hi: hi}
	d.def = d.renderNumber(def)
	return d
}

func cfgIntD(name, alias string, fl cfgFlag, lo, hi, def int64, b func(*Config) *int) *cfgDirective {
	d := cfgNumD(name, alias, fl, lo, hi, def)
	d.bInt = b
	return d
}

func cfgInt64D(name, alias string, fl cfgFlag, lo, hi, def int64, b func(*Config) *int64) *cfgDirective {
	d := cfgNumD(name, alias, fl, lo, hi, def)
	d.bInt64 = b
	return d
}

func cfgSpecialD(name, alias string, fl cfgFlag, def string,
	set func(*Config, []string, bool) (func(*Config), string),
	render func(*Config) string,
	rewrite func(*Config, *cfgRewriter, *cfgDirective)) *cfgDirective {
	return &cfgDirective{name: name, alias: alias, kind: cfgKindSpecial, flags: fl, def: def,
		special: set, renderFn: render, rewriteFn: rewrite}
}

// cfgDirectives is Redis 7.0.15's standardConfig table.
func cfgDirectives() []*cfgDirective {
	const (
		imm  = cfgImmutable
		hid  = cfgHidden
		null = cfgEmptyNull
		mem  = cfgMemory
		uns  = cfgUnsigned
		mb   = 1 << 20
	)
	protectedAction := "no yes local"
	t := []*cfgDirective{
		// Bool configs
		cfgBoolD("rdbchecksum", "", imm, true, nil),
		cfgBoolD("daemonize", "", imm, false, func(c *Config) *bool { return &c.Daemonize }),
		cfgBoolD("io-threads-do-reads", "", imm, false, nil),
		cfgBoolD("always-show-logo", "", imm, false, nil),
		cfgBoolD("protected-mode", "", 0, true, func(c *Config) *bool { return &c.ProtectedMode }),
		cfgBoolD("rdbcompression", "", 0, true, nil),
		cfgBoolD("rdb-del-sync-files", "", 0, false, nil),
		cfgBoolD("activerehashing", "", 0, true, nil),
		cfgBoolD("stop-writes-on-bgsave-error", "", 0, true, func(c *Config) *bool { return &c.StopWritesOnBgsaveError }),
		cfgBoolD("set-proc-title", "", imm, true, nil),
		cfgBoolD("dynamic-hz", "", 0, true, nil),
		cfgBoolD("lazyfree-lazy-eviction", "", 0, false, nil),
		cfgBoolD("lazyfree-lazy-expire", "", 0, false, nil),
		cfgBoolD("lazyfree-lazy-server-del", "", 0, false, nil),
		cfgBoolD("lazyfree-lazy-user-del", "", 0, false, nil),
		cfgBoolD("lazyfree-lazy-user-flush", "", 0, false, nil),
		cfgBoolD("repl-disable-tcp-nodelay", "", 0, false, nil),
		cfgBoolD("repl-diskless-sync", "", 0, true, nil),
		cfgBoolD("aof-rewrite-incremental-fsync", "", 0, true, nil),
		cfgBoolD("no-appendfsync-on-rewrite", "", 0, false, nil),
		cfgBoolD("cluster-require-full-coverage", "", 0, true, nil),
		cfgBoolD("rdb-save-incremental-fsync", "", 0, true, nil),
		cfgBoolD("aof-load-truncated", "", 0, true, func(c *Config) *bool { return &c.AOFLoadTruncated }),
		cfgBoolD("aof-use-rdb-preamble", "", 0, true, nil),
		cfgBoolD("aof-timestamp-enabled", "", 0, false, nil),
		cfgBoolD("cluster-replica-no-failover", "cluster-slave-no-failover", 0, false, nil),
		cfgBoolD("replica-lazy-flush", "slave-lazy-flush", 0, false, nil),
		cfgBoolD("replica-serve-stale-data", "slave-serve-stale-data", 0, true, nil),
		cfgBoolD("replica-read-only", "slave-read-only", 0, true, nil),
		cfgBoolD("replica-ignore-maxmemory", "slave-ignore-maxmemory", 0, true, nil),
		cfgBoolD("jemalloc-bg-thread", "", 0, true, nil),
		cfgBoolD("activedefrag", "", 0, false, nil),
		cfgBoolD("syslog-enabled", "", imm, false, nil),
		cfgBoolD("cluster-enabled", "", imm, false, func(c *Config) *bool { return &c.ClusterEnabled }),
		cfgBoolD("appendonly", "", 0, false, func(c *Config) *bool { return &c.AppendOnly }),
		cfgBoolD("cluster-allow-reads-when-down", "", 0, false, nil),
		cfgBoolD("cluster-allow-pubsubshard-when-down", "", 0, true, nil),
		cfgBoolD("crash-log-enabled", "", 0, true, nil),
		cfgBoolD("crash-memcheck-enabled", "", 0, true, nil),
		cfgBoolD("use-exit-on-panic", "", hid, false, nil),
		cfgBoolD("disable-thp", "", imm, true, nil),
		cfgBoolD("cluster-allow-replica-migration", "", 0, true, nil),
		cfgBoolD("replica-announced", "", 0, true, nil),
		cfgBoolD("latency-tracking", "", 0, true, nil),
		cfgBoolD("aof-disable-auto-gc", "", 0, false, nil),
		cfgBoolD("replica-ignore-disk-write-errors", "", 0, false, nil),

		// String configs
		cfgStrD("aclfile", "", imm, "", nil, nil),
		cfgStrD("unixsocket", "", imm|null, "", nil, nil),
		cfgStrD("pidfile", "", imm|null, "", nil, nil),
		cfgStrD("replica-announce-ip", "slave-announce-ip", null, "", nil, nil),
		cfgStrD("masteruser", "", null, "", nil, nil),
		cfgStrD("cluster-announce-ip", "", null, "", nil, nil),
		cfgStrD("cluster-config-file", "", imm, "nodes.conf", nil, nil),
		cfgStrD("cluster-announce-hostname", "", null, "", cfgCheckHostname, nil),
		cfgStrD("syslog-ident", "", imm, "redis", nil, nil),
		cfgStrD("dbfilename", "", cfgProtected, "dump.rdb", cfgCheckDBFilename, func(c *Config) *string { return &c.DBFilename }),
		cfgStrD("appendfilename", "", imm, "appendonly.aof", cfgCheckAOFFilename, func(c *Config) *string { return &c.AppendFilename }),
		cfgStrD("appenddirname", "", imm, "appendonlydir", cfgCheckAOFDirname, func(c *Config) *string { return &c.AppendDirname }),
		cfgStrD("server_cpulist", "", imm|null, "", nil, nil),
		cfgStrD("bio_cpulist", "", imm|null, "", nil, nil),
		cfgStrD("aof_rewrite_cpulist", "", imm|null, "", nil, nil),
		cfgStrD("bgsave_cpulist", "", imm|null, "", nil, nil),
		cfgStrD("ignore-warnings", "", 0, "", nil, nil),
		cfgStrD("proc-title-template", "", 0, "{title} {listen-addr} {server-mode}", cfgCheckProcTitle, nil),
		cfgStrD("bind-source-addr", "", null, "", nil, nil),
		cfgStrD("logfile", "", imm, "", nil, func(c *Config) *string { return &c.LogFile }),
		cfgStrD("masterauth", "", null, "", nil, nil),
		cfgStrD("requirepass", "", null, "", nil, func(c *Config) *string { return &c.RequirePass }),

		// Enum configs
		cfgEnumD("supervised", imm, "upstart systemd auto no", "no", nil),
		cfgEnumD("syslog-facility", imm, "user local0 local1 local2 local3 local4 local5 local6 local7", "local0", nil),
		cfgEnumD("repl-diskless-load", 0, "disabled on-empty-db swapdb", "disabled", nil),
		cfgEnumD("loglevel", 0, "debug verbose notice warning", "notice", func(c *Config) *string { return &c.LogLevel }),
		cfgEnumD("maxmemory-policy", 0, "volatile-lru volatile-lfu volatile-random volatile-ttl allkeys-lru allkeys-lfu allkeys-random noeviction", "noeviction", func(c *Config) *string { return &c.MaxMemoryPolicy }),
		cfgEnumD("appendfsync", 0, "everysec always no", "everysec", func(c *Config) *string { return &c.AppendFsync }),
		{name: "oom-score-adj", kind: cfgKindEnum, def: "no", enum: []cfgEnumVal{{"no", 0}, {"yes", 1}, {"relative", 1}, {"absolute", 2}}},
		cfgEnumD("acl-pubsub-default", 0, "allchannels resetchannels", "resetchannels", nil),
		cfgEnumD("sanitize-dump-payload", 0, "no yes clients", "no", nil),
		cfgEnumD("enable-protected-configs", imm, protectedAction, "no", nil),
		cfgEnumD("enable-debug-command", imm, protectedAction, "no", func(c *Config) *string { return &c.EnableDebugCommand }),
		cfgEnumD("enable-module-command", imm, protectedAction, "no", nil),
		cfgEnumD("cluster-preferred-endpoint-type", 0, "ip hostname unknown-endpoint", "ip", nil),
		cfgEnumD("propagation-error-behavior", 0, "ignore panic panic-on-replicas", "ignore", nil),
		cfgShutdownD("shutdown-on-sigint"),
		cfgShutdownD("shutdown-on-sigterm"),

		// Integer configs
		cfgIntD("databases", "", imm, 1, cfgIntMax, 16, func(c *Config) *int { return &c.Databases }),
		cfgIntD("port", "", 0, 0, 65535, 6379, func(c *Config) *int { return &c.Port }),
		cfgNumD("io-threads", "", imm, 1, 128, 1),
		cfgIntD("auto-aof-rewrite-percentage", "", 0, 0, cfgIntMax, 100, func(c *Config) *int { return &c.AutoAOFRewritePercentage }),
		cfgNumD("cluster-replica-validity-factor", "cluster-slave-validity-factor", 0, 0, cfgIntMax, 10),
		cfgNumD("list-max-listpack-size", "list-max-ziplist-size", 0, cfgIntMin, cfgIntMax, -2),
		cfgIntD("tcp-keepalive", "", 0, 0, cfgIntMax, 300, func(c *Config) *int { return &c.TCPKeepalive }),
		cfgNumD("cluster-migration-barrier", "", 0, 0, cfgIntMax, 1),
		cfgNumD("active-defrag-cycle-min", "", 0, 1, 99, 1),
		cfgNumD("active-defrag-cycle-max", "", 0, 1, 99, 25),
		cfgNumD("active-defrag-threshold-lower", "", 0, 0, 1000, 10),
		cfgNumD("active-defrag-threshold-upper", "", 0, 0, 1000, 100),
		cfgIntD("lfu-log-factor", "", 0, 0, cfgIntMax, 10, func(c *Config) *int { return &c.LFULogFactor }),
		cfgIntD("lfu-decay-time", "", 0, 0, cfgIntMax, 1, func(c *Config) *int { return &c.LFUDecayTime }),
		cfgNumD("replica-priority", "slave-priority", 0, 0, cfgIntMax, 100),
		cfgNumD("repl-diskless-sync-delay", "", 0, 0, cfgIntMax, 5),
		cfgIntD("maxmemory-samples", "", 0, 1, cfgIntMax, 5, func(c *Config) *int { return &c.MaxMemorySamples }),
		cfgNumD("maxmemory-eviction-tenacity", "", 0, 0, 100, 10),
		cfgIntD("timeout", "", 0, 0, cfgIntMax, 0, func(c *Config) *int { return &c.Timeout }),
		cfgNumD("replica-announce-port", "slave-announce-port", 0, 0, 65535, 0),
		cfgNumD("tcp-backlog", "", imm, 0, cfgIntMax, 511),
		cfgNumD("cluster-port", "", imm, 0, 65535, 0),
		cfgNumD("cluster-announce-bus-port", "", 0, 0, 65535, 0),
		cfgNumD("cluster-announce-port", "", 0, 0, 65535, 0),
		cfgNumD("cluster-announce-tls-port", "", 0, 0, 65535, 0),
		cfgNumD("repl-timeout", "", 0, 1, cfgIntMax, 60),
		cfgNumD("repl-ping-replica-period", "repl-ping-slave-period", 0, 1, cfgIntMax, 10),
		cfgNumD("list-compress-depth", "", 0, 0, cfgIntMax, 0),
		cfgNumD("rdb-key-save-delay", "", hid, cfgIntMin, cfgIntMax, 0),
		cfgNumD("key-load-delay", "", hid, cfgIntMin, cfgIntMax, 0),
		cfgIntD("active-expire-effort", "", 0, 1, 10, 1, func(c *Config) *int { return &c.ActiveExpireEffort }),
		cfgIntD("hz", "", 0, 0, cfgIntMax, 10, func(c *Config) *int { return &c.Hz }),
		cfgNumD("min-replicas-to-write", "min-slaves-to-write", 0, 0, cfgIntMax, 0),
		cfgNumD("min-replicas-max-lag", "min-slaves-max-lag", 0, 0, cfgIntMax, 10),
		cfgNumD("watchdog-period", "", hid, 0, cfgIntMax, 0),
		cfgNumD("shutdown-timeout", "", 0, 0, cfgIntMax, 10),
		cfgNumD("repl-diskless-sync-max-replicas", "", 0, 0, cfgIntMax, 0),

		// Unsigned int configs
		cfgIntD("maxclients", "", uns, 1, cfgUintMax, 10000, func(c *Config) *int { return &c.MaxClients }),
		cfgNumD("unixsocketperm", "", imm|uns|cfgOctal, 0, 0o777, 0),
		cfgNumD("socket-mark-id", "", imm|uns, 0, cfgUintMax, 0),

		// Unsigned long configs
		cfgNumD("active-defrag-max-scan-fields", "", uns, 1, cfgLongMax, 1000),
		cfgNumD("slowlog-max-len", "", uns, 0, cfgLongMax, 128),
		cfgNumD("acllog-max-len", "", uns, 0, cfgLongMax, 128),

		// Long long configs
		cfgInt64D("busy-reply-threshold", "lua-time-limit", 0, 0, cfgLongMax, 5000, func(c *Config) *int64 { return &c.BusyReplyThreshold }),
		cfgNumD("cluster-node-timeout", "", 0, 0, cfgLongMax, 15000),
		cfgNumD("slowlog-log-slower-than", "", 0, -1, cfgLongMax, 10000),
		cfgNumD("latency-monitor-threshold", "", 0, 0, cfgLongMax, 0),
		cfgInt64D("proto-max-bulk-len", "", mem, mb, cfgLongMax, 512*mb, func(c *Config) *int64 { return &c.ProtoMaxBulkLen }),
		cfgNumD("stream-node-max-entries", "", 0, 0, cfgLongMax, 100),
		cfgNumD("repl-backlog-size", "", mem, 1, cfgLongMax, mb),

		// Unsigned long long configs
		cfgInt64D("maxmemory", "", mem|uns, 0, cfgULLMax, 0, func(c *Config) *int64 { return &c.MaxMemory }),
		cfgNumD("cluster-link-sendbuf-limit", "", mem|uns, 0, cfgULLMax, 0),

		// size_t configs
		cfgNumD("hash-max-listpack-entries", "hash-max-ziplist-entries", uns, 0, cfgLongMax, 512),
		cfgNumD("set-max-intset-entries", "", uns, 0, cfgLongMax, 512),
		cfgNumD("zset-max-listpack-entries", "zset-max-ziplist-entries", uns, 0, cfgLongMax, 128),
		cfgNumD("active-defrag-ignore-bytes", "", mem|uns, 1, cfgLongMax, 100*mb),
		cfgNumD("hash-max-listpack-value", "hash-max-ziplist-value", mem|uns, 0, cfgLongMax, 64),
		cfgNumD("stream-node-max-bytes", "", mem|uns, 0, cfgLongMax, 4096),
		cfgNumD("zset-max-listpack-value", "zset-max-ziplist-value", mem|uns, 0, cfgLongMax, 64),
		cfgNumD("hll-sparse-max-bytes", "", mem|uns, 0, cfgLongMax, 3000),
		cfgNumD("tracking-table-max-keys", "", uns, 0, cfgLongMax, 1000000),
		cfgInt64D("client-query-buffer-limit", "", mem|uns, mb, cfgLongMax, 1024*mb, func(c *Config) *int64 { return &c.ClientQueryBufferLimit }),
		cfgNumD("maxmemory-clients", "", mem|cfgPercent, -100, cfgLongMax, 0),

		// Other configs
		cfgNumD("repl-backlog-ttl", "", 0, 0, cfgLongMax, 3600),
		cfgInt64D("auto-aof-rewrite-min-size", "", mem, 0, cfgLongMax, 64*mb, func(c *Config) *int64 { return &c.AutoAOFRewriteMinSize }),
		cfgNumD("loading-process-events-interval-bytes", "", hid, 1024, cfgIntMax, 2*mb),

		// TLS configs (Debian builds Redis with TLS)
		cfgNumD("tls-port", "", 0, 0, 65535, 0),
		cfgNumD("tls-session-cache-size", "", 0, 0, cfgIntMax, 20*1024),
		cfgNumD("tls-session-cache-timeout", "", 0, 0, cfgIntMax, 300),
		cfgBoolD("tls-cluster", "", 0, false, nil),
		cfgBoolD("tls-replication", "", 0, false, nil),
		cfgEnumD("tls-auth-clients", 0, "no yes optional", "yes", nil),
		cfgBoolD("tls-prefer-server-ciphers", "", 0, false, nil),
		cfgBoolD("tls-session-caching", "", 0, true, nil),
		cfgStrD("tls-cert-file", "", null, "", nil, nil),
		cfgStrD("tls-key-file", "", null, "", nil, nil),
		cfgStrD("tls-key-file-pass", "", null, "", nil, nil),
		cfgStrD("tls-client-cert-file", "", null, "", nil, nil),
		cfgStrD("tls-client-key-file", "", null, "", nil, nil),
		cfgStrD("tls-client-key-file-pass", "", null, "", nil, nil),
		cfgStrD("tls-dh-params-file", "", null, "", nil, nil),
		cfgStrD("tls-ca-cert-file", "", null, "", nil, nil),
		cfgStrD("tls-ca-cert-dir", "", null, "", nil, nil),
		cfgStrD("tls-protocols", "", null, "", nil, nil),
		cfgStrD("tls-ciphers", "", null, "", nil, nil),
		cfgStrD("tls-ciphersuites", "", null, "", nil, nil),

		// Special configs
		cfgSpecialD("dir", "", cfgProtected, "", cfgSetDir,
			func(c *Config) string { return c.Dir }, cfgRewriteDir),
		cfgSpecialD("save", "", cfgMultiArg, "3600 1 300 100 60 10000", cfgSetSave,
			cfgRenderSave, cfgRewriteSave),
		cfgSpecialD("client-output-buffer-limit", "", cfgMultiArg,
			"normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
			cfgSetOutputBufferLimit, cfgRenderOutputBufferLimit, cfgRewriteOutputBufferLimit),
		cfgSpecialD("oom-score-adj-values", "", cfgMultiArg, "0 200 800", cfgSetOOMValues,
			func(c *Config) string { return c.other["oom-score-adj-values"] }, cfgRewriteOOMValues),
		cfgSpecialD("notify-keyspace-events", "", 0, "", cfgSetNotify,
			func(c *Config) string { return c.NotifyKeyspaceEvents }, cfgRewriteNotify),
		cfgSpecialD("bind", "", cfgMultiArg, strings.Join(DefaultBind, " "), cfgSetBind,
			func(c *Config) string { return strings.Join(c.Bind, " ") }, cfgRewriteBind),
		cfgSpecialD("replicaof", "slaveof", imm|cfgMultiArg, "", cfgSetReplicaOf,
			func(c *Config) string { return c.other["replicaof"] }, cfgRewriteReplicaOf),
		cfgSpecialD("latency-tracking-info-percentiles", "", cfgMultiArg, "50 99 99.9", cfgSetPercentiles,
			func(c *Config) string { return c.other["latency-tracking-info-percentiles"] }, cfgRewritePercentiles),
	}
	for _, d := range t {
		switch d.name {
		case "hz":
			// updateHZ and the end of config loading keep it between
			// CONFIG_MIN_HZ and CONFIG_MAX_HZ.
			d.post = func(_ *Config, v int64, _ bool) int64 { return min(max(v, 1), 500) }
		case "repl-backlog-size":
			// CONFIG SET's resizeReplicationBacklog raises it to
			// CONFIG_REPL_BACKLOG_MIN_SIZE.
			d.post = func(_ *Config, v int64, startup bool) int64 {
				if startup {
					return v
				}
				return max(v, 16*1024)
			}
		case "watchdog-period":
			// applyWatchdogPeriod raises it to two cron periods.
			d.post = func(c *Config, v int64, startup bool) int64 {
				if startup || v == 0 {
					return v
				}
				return max(v, int64(1000/max(c.Hz, 1))*2)
			}
		}
	}
	return t
}

// runtimeArgs turns a CONFIG SET value into arguments: multi-argument
// directives split it on single spaces (sdssplitlen), so "" is no
// argument and "a  b" has an empty one.
func (d *cfgDirective) runtimeArgs(v string) []string {
	if d.flags&cfgMultiArg == 0 {
		return []string{v}
	}
	if v == "" {
		return nil
	}
	return strings.Split(v, " ")
}

// parse validates args and returns the function that stores them, or
// Redis's error message. It does not change c.
func (d *cfgDirective) parse(c *Config, args []string, startup bool) (func(*Config), string) {
	if d.special != nil {
		return d.special(c, args, startup)
	}
	v := args[0]
	switch d.kind {
	case cfgKindBool:
		b, ok := cfgParseYesNo(v)
		if !ok {
			return nil, "argument must be 'yes' or 'no'"
		}
		if b && d.name == "activedefrag" {
			// isValidActiveDefrag of a Redis built with the system's
			// jemalloc, as Debian's 7.0.15 is; miniserve never defrags.
			return nil, "Active defragmentation cannot be enabled: it requires a Redis server " +
				"compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution"
		}
		return func(c *Config) {
			if d.bBool != nil {
				*d.bBool(c) = b
			} else {
				c.other[d.name] = cfgYesNo(b)
			}
		}, ""
	case cfgKindString:
		if d.check != nil {
			if msg := d.check(c, v); msg != "" {
				return nil, msg
			}
		}
		return d.storeString(v), ""
	case cfgKindEnum:
		val, ok := d.enumValue([]string{v}, false)
		if !ok {
			return nil, d.enumError()
		}
		return d.storeString(d.enumName(val, false)), ""
	case cfgKindNumber:
		n, msg := d.parseNumber(v)
		if msg != "" {
			return nil, msg
		}
		if d.post != nil {
			n = d.post(c, n, startup)
		}
		return d.storeNumber(n), ""
	}
	panic("unreachable")
}

func (d *cfgDirective) storeString(v string) func(*Config) {
	return func(c *Config) {
		if d.bStr != nil {
			*d.bStr(c) = v
		} else {
			c.other[d.name] = v
		}
	}
}

// render returns the directive's value as CONFIG GET shows it.
func (d *cfgDirective) render(c *Config) string {
	switch {
	case d.renderFn != nil:
		return d.renderFn(c)
	case d.bBool != nil:
		return cfgYesNo(*d.bBool(c))
	case d.bStr != nil:
		return *d.bStr(c)
	case d.bInt != nil:
		return d.renderNumber(int64(*d.bInt(c)))
	case d.bInt64 != nil:
		v := *d.bInt64(c)
		if d.name == "maxmemory" && v == math.MaxInt64 && c.maxMemoryRaw > math.MaxInt64 {
			return strconv.FormatUint(c.maxMemoryRaw, 10)
		}
		return d.renderNumber(v)
	}
	return c.other[d.name]
}

// ---------------------------------------------------------------------
// Booleans and enums.

func cfgYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// cfgParseYesNo is Redis's yesnotoi.
func cfgParseYesNo(s string) (v, ok bool) {
	switch {
	case strings.EqualFold(s, "yes"):
		return true, true
	case strings.EqualFold(s, "no"):
		return false, true
	}
	return false, false
}

// enumValue is Redis's configEnumGetValue: names are case-insensitive;
// with flags, several names are ORed.
func (d *cfgDirective) enumValue(args []string, flags bool) (int, bool) {
	if len(args) == 0 || (!flags && len(args) != 1) {
		return 0, false
	}
	val := 0
	for _, a := range args {
		found := false
		for _, e := range d.enum {
			if strings.EqualFold(e.name, a) {
				val |= e.val
				found = true
				break
			}
		}
		if !found {
			return 0, false
		}
	}
	return val, true
}

// enumName is Redis's configEnumGetName.
func (d *cfgDirective) enumName(val int, flags bool) string {
	var names []string
	unmatched := val
	for _, e := range d.enum {
		if e.val == val {
			return e.name
		}
		if flags && e.val != 0 && e.val == unmatched&e.val {
			names = append(names, e.name)
			unmatched &^= e.val
		}
	}
	if len(names) == 0 || unmatched != 0 {
		return "unknown"
	}
	return strings.Join(names, " ")
}

func (d *cfgDirective) enumError() string {
	names := make([]string, len(d.enum))
	for i, e := range d.enum {
		names[i] = e.name
	}
	return "argument(s) must be one of the following: " + strings.Join(names, ", ")
}

// cfgShutdownD builds shutdown-on-sigint and shutdown-on-sigterm: an enum
// of flags that takes several arguments ("nosave now").
func cfgShutdownD(name string) *cfgDirective {
	d := &cfgDirective{name: name, kind: cfgKindEnum, flags: cfgMultiArg, def: "default",
		enum: []cfgEnumVal{{"default", 0}, {"save", 1}, {"nosave", 2}, {"now", 4}, {"force", 8}}}
	d.special = func(c *Config, args []string, startup bool) (func(*Config), string) {
		val, ok := d.enumValue(args, true)
		if !ok {
			return nil, d.enumError()
		}
		if val&1 != 0 && val&2 != 0 {
			return nil, "shutdown options SAVE and NOSAVE can't be used simultaneously"
		}
		s := d.enumName(val, true)
		return func(c *Config) { c.other[d.name] = s }, ""
	}
	return d
}

// ---------------------------------------------------------------------
// Numbers.

// parseNumber is Redis's numericParseString and numericBoundaryCheck. It
// returns the value as the C code holds it in a long long.
func (d *cfgDirective) parseNumber(v string) (int64, string) {
	var n int64
	parsed := false
	if d.flags&cfgMemory != 0 {
		if u, ok := cfgMemToULL(v); ok {
			n, parsed = int64(u), true
		}
	}
	if !parsed && d.flags&cfgPercent != 0 && len(v) > 1 && v[len(v)-1] == '%' {
		if p, ok := cfgString2ll(v[:len(v)-1]); ok && p >= 0 {
			n, parsed = -p, true
		}
	}
	if !parsed && d.flags&cfgOctal != 0 {
		if o, rest, overflow := cfgStrtoll(v, 8); rest == "" && !overflow {
			n, parsed = o, true
		}
	}
	if !parsed && d.flags&(cfgMemory|cfgPercent|cfgOctal) == 0 {
		n, parsed = cfgString2ll(v)
	}
	if !parsed {
		switch {
		case d.flags&cfgMemory != 0 && d.flags&cfgPercent != 0:
			return 0, "argument must be a memory or percent value"
		case d.flags&cfgMemory != 0:
			return 0, "argument must be a memory value"
		case d.flags&cfgOctal != 0:
			return 0, "argument couldn't be parsed as an octal number"
		}
		return 0, "argument couldn't be parsed into an integer"
	}

	if d.flags&cfgUnsigned != 0 {
		u, lo, hi := uint64(n), uint64(d.lo), uint64(d.hi)
		if u > hi || u < lo {
			if d.flags&cfgOctal != 0 {
				return 0, fmt.Sprintf("argument must be between %o and %o inclusive", lo, hi)
			}
			return 0, fmt.Sprintf("argument must be between %d and %d inclusive", lo, hi)
		}
	} else if d.flags&cfgPercent != 0 && n < 0 {
		if n < d.lo {
			return 0, fmt.Sprintf("percentage argument must be less or equal to %d", -d.lo)
		}
	} else if n > d.hi || n < d.lo {
		return 0, fmt.Sprintf("argument must be between %d and %d inclusive", d.lo, d.hi)
	}
	return n, ""
}

func (d *cfgDirective) storeNumber(n int64) func(*Config) {
	return func(c *Config) {
		switch {
		case d.bInt != nil:
			*d.bInt(c) = int(n)
		case d.bInt64 != nil:
			if d.flags&cfgUnsigned != 0 && n < 0 { // above math.MaxInt64
				*d.bInt64(c) = math.MaxInt64
				c.maxMemoryRaw = uint64(n)
				return
			}
			*d.bInt64(c) = n
			if d.name == "maxmemory" {
				c.maxMemoryRaw = 0
			}
		default:
			c.other[d.name] = d.renderNumber(n)
		}
	}
}

// renderNumber is Redis's numericConfigGet.
func (d *cfgDirective) renderNumber(n int64) string {
	switch {
	case d.flags&cfgPercent != 0 && n < 0:
		return strconv.FormatInt(-n, 10) + "%"
	case d.flags&cfgMemory != 0:
		return strconv.FormatUint(uint64(n), 10)
	case d.flags&cfgOctal != 0:
		return strconv.FormatInt(n, 8)
	}
	return strconv.FormatInt(n, 10)
}

// numberBits turns a rendered number back into its long long value.
func (d *cfgDirective) numberBits(s string) int64 {
	switch {
	case strings.HasSuffix(s, "%"):
		n, _ := strconv.ParseInt(s[:len(s)-1], 10, 64)
		return -n
	case d.flags&cfgOctal != 0:
		n, _ := strconv.ParseInt(s, 8, 64)
		return n
	case d.flags&cfgMemory != 0:
		u, _ := strconv.ParseUint(s, 10, 64)
		return int64(u)
	}
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// cfgMemToULL is Redis's memtoull: digits and an optional unit among b,
// k (1000), kb (1024), m, mb, g, gb, case-insensitive. As in Redis, no
// digits means 0, a value too large saturates and the multiplication
// wraps.
func cfgMemToULL(s string) (uint64, bool) {
	if strings.HasPrefix(s, "-") {
		return 0, false
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	var mul uint64
	switch strings.ToLower(s[i:]) {
	case "", "b":
		mul = 1
	case "k":
		mul = 1000
	case "kb":
		mul = 1024
	case "m":
		mul = 1000 * 1000
	case "mb":
		mul = 1024 * 1024
	case "g":
		mul = 1000 * 1000 * 1000
	case "gb":
		mul = 1024 * 1024 * 1024
	default:
		return 0, false
	}
	if i >= 128 {
		return 0, false
	}
	var v uint64
	for _, ch := range s[:i] {
		dg := uint64(ch - '0')
		if v > (math.MaxUint64-dg)/10 {
			v = math.MaxUint64
			break
		}
		v = v*10 + dg
	}
	return v * mul, true
}

// cfgString2ll is Redis's string2ll: an optional minus and digits, no
// leading zero, no space, no plus, within a long long.
func cfgString2ll(s string) (int64, bool) {
	if len(s) == 0 || len(s) >= 21 {
		return 0, false
	}
	if s == "0" {
		return 0, true
	}
	neg := s[0] == '-'
	p := s
	if neg {
		p = s[1:]
	}
	if len(p) == 0 || p[0] < '1' || p[0] > '9' {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return 0, false
		}
		if v > (math.MaxUint64-uint64(p[i]-'0'))/10 {
			return 0, false
		}
		v = v*10 + uint64(p[i]-'0')
	}
	if neg {
		if v > 1<<63 {
			return 0, false
		}
		return -int64(v), true
	}
	if v > math.MaxInt64 {
		return 0, false
	}
	return int64(v), true
}

// cfgStrtoll is C's strtoll: leading white space, a sign, digits of the
// base; it saturates on overflow. rest is what was not parsed, the whole
// string when there were no digits.
func cfgStrtoll(s string, base uint64) (n int64, rest string, overflow bool) {
	i := 0
	for i < len(s) && sds.IsSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var v uint64
	for ; i < len(s); i++ {
		dg := uint64(s[i] - '0')
		if s[i] < '0' || dg >= base {
			break
		}
		if v > (math.MaxUint64-dg)/base {
			overflow = true
			v = math.MaxUint64
			continue
		}
		v = v*base + dg
	}
	if i == start {
		return 0, s, false
	}
	switch {
	case neg && v > 1<<63:
		return math.MinInt64, s[i:], true
	case neg:
		return -int64(v), s[i:], overflow
	case v > math.MaxInt64:
		return math.MaxInt64, s[i:], true
	}
	return int64(v), s[i:], overflow
}

// ---------------------------------------------------------------------
// String checks.

func cfgIsBaseName(s string) bool { return !strings.ContainsAny(s, "/\\") }

func cfgCheckDBFilename(_ *Config, v string) string {
	if !cfgIsBaseName(v) {
		return "dbfilename can't be a path, just a filename"
	}
	return ""
}

func cfgCheckAOFFilename(_ *Config, v string) string {
	if v == "" {
		return "appendfilename can't be empty"
	}
	if !cfgIsBaseName(v) {
		return "appendfilename can't be a path, just a filename"
	}
	return ""
}

func cfgCheckAOFDirname(_ *Config, v string) string {
	if v == "" {
		return "appenddirname can't be empty"
	}
	if !cfgIsBaseName(v) {
		return "appenddirname can't be a path, just a dirname"
	}
	return ""
}

func cfgCheckHostname(_ *Config, v string) string {
	if len(v) >= 256 { // NET_HOST_STR_LEN
		return "Hostnames must be less than 256 characters"
	}
	for i := 0; i < len(v); i++ {
		ch := v[i]
		if !(ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '.') {
			return "Hostnames may only contain alphanumeric characters, hyphens or dots"
		}
	}
	return ""
}

// cfgCheckProcTitle is Redis's validateProcTitleTemplate: {var} names a
// known variable, {{ is a literal brace, and the expansion must
// not be blank. title, server-mode and an unset unixsocket expand to
// nothing at validation time.
func cfgCheckProcTitle(c *Config, v string) string {
	const bad = "template format is invalid or contains unknown variables"
	var out strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '{' && i+1 < len(v) && v[i+1] == '{':
			out.WriteByte('{')
			i++
		case v[i] == '{':
			end := strings.IndexByte(v[i:], '}')
			if end < 0 {
				return bad
			}
			switch v[i+1 : i+end] {
			case "title", "server-mode":
			case "unixsocket":
				out.WriteString(c.other["unixsocket"])
			case "listen-addr", "port", "tls-port", "config-file":
				out.WriteString("x")
			default:
				return bad
			}
			i += end
		default:
			out.WriteByte(v[i])
		}
	}
	if strings.Trim(out.String(), " ") == "" {
		return bad
	}
	return ""
}

// ---------------------------------------------------------------------
// Special directives.

// cfgSetDir checks that dir names a directory. Redis chdir()s; miniserve
// keeps the absolute path (symbolic links resolved, as getcwd reports)
// and resolves relative paths against the current Dir, as chdir would.
func cfgSetDir(c *Config, args []string, startup bool) (func(*Config), string) {
	if len(args) != 1 {
		return nil, msgWrongArgs
	}
	p := args[0]
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.Dir, p)
	}
	fi, err := os.Stat(p)
	if err != nil {
		return nil, cfgStrerror(err)
	}
	if !fi.IsDir() {
		return nil, cfgStrerror(syscall.ENOTDIR)
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	p = filepath.Clean(p)
	return func(c *Config) { c.Dir = p }, ""
}

// cfgStrerror renders err as C's strerror does ("No such file or
// directory"), which Redis puts in its messages.
func cfgStrerror(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		if s != "" {
			return strings.ToUpper(s[:1]) + s[1:]
		}
	}
	return err.Error()
}

func cfgSetSave(c *Config, args []string, startup bool) (func(*Config), string) {
	const bad = "Invalid save parameters"
	clear := len(args) == 1 && args[0] == "" // save "" clears, even after other save lines
	if clear {
		args = nil
	}
	if len(args) == 1 {
		// Like Redis, one argument with several values is split:
		// save "900 1" and --save "900 1 300 10".
		args = strings.Fields(args[0])
	}
	if len(args)%2 != 0 {
		return nil, bad
	}
	rules := make([]SaveRule, 0, len(args)/2)
	for j := 0; j < len(args); j += 2 {
		secs, rest, _ := cfgStrtoll(args[j], 10)
		if rest != "" || secs < 1 {
			return nil, bad
		}
		changes, rest, _ := cfgStrtoll(args[j+1], 10)
		if rest != "" || changes < 0 {
			return nil, bad
		}
		rules = append(rules, SaveRule{Seconds: int(secs), Changes: int(int32(changes))})
	}
	return func(c *Config) {
		if clear || !startup || !c.saveLoaded {
			c.Save = nil
			c.saveLoaded = c.saveLoaded || startup
		}
		c.Save = append(c.Save, rules...)
	}, ""
}

func cfgRenderSave(c *Config) string {
	parts := make([]string, 0, 2*len(c.Save))
	for _, r := range c.Save {
		parts = append(parts, strconv.Itoa(r.Seconds), strconv.Itoa(r.Changes))
	}
	return strings.Join(parts, " ")
}

// class returns the limits of a client class named as Redis's
// getClientTypeByName accepts it, except master.
func (l *OutputBufferLimits) class(name string) *OutputBufferLimit {
	switch strings.ToLower(name) {
	case "normal":
		return &l.Normal
	case "slave", "replica":
		return &l.Replica
	case "pubsub":
		return &l.PubSub
	}
	return nil
}

func cfgSetOutputBufferLimit(c *Config, args []string, startup bool) (func(*Config), string) {
	if len(args)%4 != 0 {
		return nil, "Wrong number of arguments in buffer limit configuration."
	}
	type set struct {
		class string
		l     OutputBufferLimit
	}
	var sets []set
	for j := 0; j < len(args); j += 4 {
		var probe OutputBufferLimits
		if probe.class(args[j]) == nil {
			return nil, "Invalid client class specified in buffer limit configuration."
		}
		hard, hok := cfgMemToULL(args[j+1])
		soft, sok := cfgMemToULL(args[j+2])
		secs, rest, _ := cfgStrtoll(args[j+3], 10)
		if !hok || !sok || int32(secs) < 0 || rest != "" {
			return nil, "Error in hard, soft or soft_seconds setting in buffer limit configuration."
		}
		sets = append(sets, set{args[j], OutputBufferLimit{hard, soft, int(int32(secs))}})
	}
	return func(c *Config) {
		for _, s := range sets {
			*c.ClientOutputBufferLimit.class(s.class) = s.l
		}
	}, ""
}

func cfgRenderOutputBufferLimit(c *Config) string {
	l := &c.ClientOutputBufferLimit
	return fmt.Sprintf("normal %d %d %d slave %d %d %d pubsub %d %d %d",
		l.Normal.HardBytes, l.Normal.SoftBytes, l.Normal.SoftSeconds,
		l.Replica.HardBytes, l.Replica.SoftBytes, l.Replica.SoftSeconds,
		l.PubSub.HardBytes, l.PubSub.SoftBytes, l.PubSub.SoftSeconds)
}

func cfgSetOOMValues(c *Config, args []string, startup bool) (func(*Config), string) {
	if len(args) != 3 {
		return nil, msgWrongArgs
	}
	vals := make([]string, 3)
	for i, a := range args {
		v, rest, _ := cfgStrtoll(a, 10)
		if rest != "" || v < -2000 || v > 2000 {
			return nil, "Invalid oom-score-adj-values, elements must be between -2000 and 2000."
		}
		vals[i] = strconv.FormatInt(v, 10)
	}
	s := strings.Join(vals, " ")
	return func(c *Config) { c.other["oom-score-adj-values"] = s }, ""
}

// KeyspaceEvents is the set of event classes notify-keyspace-events
// enables, with Redis's bit values.
type KeyspaceEvents uint32

// The classes of notify-keyspace-events, with their letters.
const (
	NotifyKeyspace KeyspaceEvents = 1 << 0  // K: __keyspace@<db>__ channel
	NotifyKeyevent KeyspaceEvents = 1 << 1  // E: __keyevent@<db>__ channel
	NotifyGeneric  KeyspaceEvents = 1 << 2  // g: DEL, EXPIRE, RENAME, ...
	NotifyString   KeyspaceEvents = 1 << 3  // $
	NotifyList     KeyspaceEvents = 1 << 4  // l
	NotifySet      KeyspaceEvents = 1 << 5  // s
	NotifyHash     KeyspaceEvents = 1 << 6  // h
	NotifyZset     KeyspaceEvents = 1 << 7  // z
	NotifyExpired  KeyspaceEvents = 1 << 8  // x
	NotifyEvicted  KeyspaceEvents = 1 << 9  // e
	NotifyStream   KeyspaceEvents = 1 << 10 // t
	NotifyKeyMiss  KeyspaceEvents = 1 << 11 // m
	NotifyLoaded   KeyspaceEvents = 1 << 12 // module only
	NotifyModule   KeyspaceEvents = 1 << 13 // d
	NotifyNew      KeyspaceEvents = 1 << 14 // n
	// NotifyAll is A: every class but m and n.
	NotifyAll = NotifyGeneric | NotifyString | NotifyList | NotifySet | NotifyHash |
		NotifyZset | NotifyExpired | NotifyEvicted | NotifyStream | NotifyModule
)

var notifyLetters = []struct {
	ch   byte
	flag KeyspaceEvents
}{
	{'g', NotifyGeneric}, {'$', NotifyString}, {'l', NotifyList}, {'s', NotifySet},
	{'h', NotifyHash}, {'z', NotifyZset}, {'x', NotifyExpired}, {'e', NotifyEvicted},
	{'t', NotifyStream}, {'d', NotifyModule}, {'n', NotifyNew},
}

// ParseKeyspaceEvents parses a notify-keyspace-events string, as Redis's
// keyspaceEventsStringToFlags.
func ParseKeyspaceEvents(s string) (KeyspaceEvents, bool) {
	var f KeyspaceEvents
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'A':
			f |= NotifyAll
		case 'K':
			f |= NotifyKeyspace
		case 'E':
			f |= NotifyKeyevent
		case 'm':
			f |= NotifyKeyMiss
		default:
			found := false
			for _, l := range notifyLetters {
				if l.ch == s[i] {
					f |= l.flag
					found = true
				}
			}
			if !found {
				return 0, false
			}
		}
	}
	return f, true
}

// String renders the flags as CONFIG GET does (keyspaceEventsFlagsToString):
// "A" stands for every class it covers, and then n is not shown either.
func (f KeyspaceEvents) String() string {
	var b []byte
	if f&NotifyAll == NotifyAll {
		b = append(b, 'A')
	} else {
		for _, l := range notifyLetters {
			if f&l.flag != 0 {
				b = append(b, l.ch)
			}
		}
	}
	if f&NotifyKeyspace != 0 {
		b = append(b, 'K')
	}
	if f&NotifyKeyevent != 0 {
		b = append(b, 'E')
	}
	if f&NotifyKeyMiss != 0 {
		b = append(b, 'm')
	}
	return string(b)
}

// KeyspaceEvents returns the classes NotifyKeyspaceEvents enables.
func (c *Config) KeyspaceEvents() KeyspaceEvents {
	f, _ := ParseKeyspaceEvents(c.NotifyKeyspaceEvents)
	return f
}

func cfgSetNotify(c *Config, args []string, startup bool) (func(*Config), string) {
	if len(args) != 1 {
		return nil, msgWrongArgs
	}
	f, ok := ParseKeyspaceEvents(args[0])
	if !ok {
		return nil, "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."
	}
	s := f.String()
	return func(c *Config) { c.NotifyKeyspaceEvents = s }, ""
}

func cfgSetBind(c *Config, args []string, startup bool) (func(*Config), string) {
	if len(args) > cfgMaxBinds {
		return nil, "Too many bind addresses specified."
	}
	if len(args) == 1 && args[0] == "" {
		args = nil
	}
	addrs := append([]string{}, args...)
	return func(c *Config) { c.Bind = addrs }, ""
}

func cfgSetReplicaOf(c *Config, args []string, startup bool) (func(*Config), string) {
	if len(args) != 2 {
		return nil, msgWrongArgs
	}
	if strings.EqualFold(args[0], "no") && strings.EqualFold(args[1], "one") {
		return func(c *Config) { c.other["replicaof"] = "" }, ""
	}
	p, rest, _ := cfgStrtoll(args[1], 10)
	port := int32(p) // Redis stores strtol's long in an int
	if port < 0 || port > 65535 || rest != "" {
		return nil, "Invalid master port"
	}
	s := args[0] + " " + strconv.Itoa(int(port))
	return func(c *Config) { c.other["replicaof"] = s }, ""
}

func cfgSetPercentiles(c *Config, args []string, startup bool) (func(*Config), string) {
	if len(args) == 1 && args[0] == "" {
		args = nil
	}
	vals := make([]string, len(args))
	for i, a := range args {
		num := a
		if l := strings.ToLower(strings.TrimLeft(a, "+-")); strings.HasPrefix(l, "0x") && !strings.Contains(l, "p") {
			num += "p0" // strtod reads hexadecimal without an exponent; ParseFloat needs one
		}
		f, err := strconv.ParseFloat(num, 64)
		if a == "" || sds.IsSpace(a[0]) || math.IsNaN(f) || (err != nil && !errors.Is(err, strconv.ErrRange)) ||
			(errors.Is(err, strconv.ErrRange) && (math.IsInf(f, 0) || f == 0)) {
			return nil, "Invalid latency-tracking-info-percentiles parameters"
		}
		if f > 100 || f < 0 {
			return nil, "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"
		}
		vals[i] = cfgTrimDouble(f)
	}
	s := strings.Join(vals, " ")
	return func(c *Config) { c.other["latency-tracking-info-percentiles"] = s }, ""
}

// cfgTrimDouble is printf("%f") with trailing zeros and dot removed, as
// Redis's trimDoubleString.
func cfgTrimDouble(f float64) string {
	s := strconv.FormatFloat(f, 'f', 6, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

// ---------------------------------------------------------------------
// Glob matching, as Redis's stringmatchlen with nocase.

func cfgMatch(pattern, s string) bool {
	skip := false
	return cfgMatchImpl(pattern, s, &skip)
}

func cfgLower(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

func cfgMatchImpl(p, s string, skipLonger *bool) bool {
	for len(p) > 0 && len(s) > 0 {
		switch p[0] {
		case '*':
			for len(p) > 1 && p[1] == '*' {
				p = p[1:]
			}
			if len(p) == 1 {
				return true
			}
			for len(s) > 0 {
				if cfgMatchImpl(p[1:], s, skipLonger) {
					return true
				}
				if *skipLonger {
					return false
				}
				s = s[1:]
			}
			*skipLonger = true
			return false
		case '?':
			s = s[1:]
		case '[':
			p = p[1:]
			not := len(p) > 0 && p[0] == '^'
			if not {
				p = p[1:]
			}
			match := false
			for {
				if len(p) >= 2 && p[0] == '\\' {
					p = p[1:]
					if p[0] == s[0] {
						match = true
					}
				} else if len(p) == 0 {
					break
				} else if p[0] == ']' {
					break
				} else if len(p) >= 3 && p[1] == '-' {
					start, end, ch := cfgLower(p[0]), cfgLower(p[2]), cfgLower(s[0])
					if start > end {
						start, end = end, start
					}
					p = p[2:]
					if ch >= start && ch <= end {
						match = true
					}
				} else if cfgLower(p[0]) == cfgLower(s[0]) {
					match = true
				}
				p = p[1:]
			}
			if not {
				match = !match
			}
			if !match {
				return false
			}
			s = s[1:]
			if len(p) == 0 {
				// Redis steps back onto the last character when the class
				// is unterminated; the pattern is then used up.
				return len(s) == 0
			}
		case '\\':
			if len(p) >= 2 {
				p = p[1:]
			}
			fallthrough
		default:
			if cfgLower(p[0]) != cfgLower(s[0]) {
				return false
			}
			s = s[1:]
		}
		p = p[1:]
		if len(s) == 0 {
			for len(p) > 0 && p[0] == '*' {
				p = p[1:]
			}
			break
		}
	}
	return len(p) == 0 && len(s) == 0
}

// ---------------------------------------------------------------------
// CONFIG REWRITE.

// Rewrite writes the configuration to path as CONFIG REWRITE does: the
// old file's comments and layout are kept, each directive's lines are
// replaced in place by its current value (aliases count as their primary
// name), directives not at their default and not in the file are
// appended after a "# Generated by CONFIG REWRITE" line, surplus lines of
// rewritten directives are removed, lines naming unknown directives are
// commented out with "# ??? ", and runs of blank lines become one. include
// and rename-command lines are kept. The file is replaced atomically
// (temporary file, fsync, rename). Errors read as C's strerror
// ("Permission denied"), as Redis's "Rewriting config file: <err>" reply
// uses.
func (c *Config) Rewrite(path string) error {
	if path == "" {
		return errors.New("The server is running without a config file")
	}
	r, err := cfgReadOldFile(path)
	if err != nil {
		return errors.New(cfgStrerror(err))
	}
	for _, d := range cfgTable {
		switch {
		case d.rewriteFn != nil:
			d.rewriteFn(c, r, d)
		case d.kind == cfgKindSpecial:
			r.markProcessed(d.name)
		default:
			cfgRewriteGeneric(c, r, d)
		}
	}
	r.removeOrphaned()
	if err := cfgOverwriteFile(path, r.content()); err != nil {
		return errors.New(cfgStrerror(err))
	}
	return nil
}

const cfgRewriteSignature = "# Generated by CONFIG REWRITE"

type cfgRewriter struct {
	lines          []string
	optionToLines  map[string][]int
	rewritten      map[string]bool
	needsSignature bool
}

// cfgReadOldFile is Redis's rewriteConfigReadOldFile. A missing file is
// an empty one.
func cfgReadOldFile(path string) (*cfgRewriter, error) {
	r := &cfgRewriter{optionToLines: make(map[string][]int), rewritten: make(map[string]bool), needsSignature: true}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return r, nil
	}
	for _, raw := range strings.Split(string(data), "\n") {
		line := strings.Trim(raw, "\r\n\t ")
		if line == "" || line[0] == '#' {
			if r.needsSignature && line == cfgRewriteSignature {
				r.needsSignature = false
			}
			r.lines = append(r.lines, line)
			continue
		}
		argv, ok := cfgSplitArgs(line)
		var name string
		if ok && len(argv) > 0 {
			name = strings.ToLower(argv[0])
		}
		e := cfgLookup[name]
		if !ok || len(argv) == 0 || (e == nil && !cfgKeptInRewrite[name]) {
			r.lines = append(r.lines, "# ??? "+line)
			continue
		}
		r.lines = append(r.lines, line)
		if e != nil {
			name = e.d.name // aliases map to the primary name
		}
		r.optionToLines[name] = append(r.optionToLines[name], len(r.lines)-1)
	}
	return r, nil
}

// cfgKeptInRewrite are the file-only directives CONFIG REWRITE does not
// comment out.
var cfgKeptInRewrite = map[string]bool{
	"include": true, "rename-command": true, "user": true, "loadmodule": true, "sentinel": true,
}

func (r *cfgRewriter) markProcessed(option string) { r.rewritten[option] = true }

// rewriteLine is Redis's rewriteConfigRewriteLine: reuse the option's
// next old line, or append when forced.
func (r *cfgRewriter) rewriteLine(option, line string, force bool) {
	r.markProcessed(option)
	l := r.optionToLines[option]
	if len(l) == 0 && !force {
		return
	}
	if len(l) > 0 {
		r.lines[l[0]] = line
		r.optionToLines[option] = l[1:]
		return
	}
	if r.needsSignature {
		r.lines = append(r.lines, cfgRewriteSignature)
		r.needsSignature = false
	}
	r.lines = append(r.lines, line)
}

func (r *cfgRewriter) removeOrphaned() {
	for option, l := range r.optionToLines {
		if !r.rewritten[option] {
			continue
		}
		for _, n := range l {
			r.lines[n] = ""
		}
		r.optionToLines[option] = nil
	}
}

func (r *cfgRewriter) content() string {
	var b strings.Builder
	wasEmpty := false
	for _, l := range r.lines {
		if l == "" {
			if wasEmpty {
				continue
			}
			wasEmpty = true
		} else {
			wasEmpty = false
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

func cfgRewriteGeneric(c *Config, r *cfgRewriter, d *cfgDirective) {
	v := d.render(c)
	switch d.kind {
	case cfgKindBool, cfgKindEnum:
		r.rewriteLine(d.name, d.name+" "+v, v != d.def)
	case cfgKindString:
		if d.flags&cfgEmptyNull != 0 && v == "" {
			r.markProcessed(d.name)
			return
		}
		force := d.flags&cfgEmptyNull != 0 || v != d.def
		r.rewriteLine(d.name, d.name+" "+cfgRepr(v), force)
	case cfgKindNumber:
		n := d.numberBits(v)
		force := n != d.numberBits(d.def)
		var s string
		switch {
		case d.flags&cfgPercent != 0 && n < 0:
			s = strconv.FormatInt(-n, 10) + "%"
		case d.flags&cfgMemory != 0:
			s = cfgFormatMemory(uint64(n))
		case d.flags&cfgOctal != 0:
			s = strconv.FormatInt(n, 8)
		default:
			s = strconv.FormatInt(n, 10)
		}
		r.rewriteLine(d.name, d.name+" "+s, force)
	}
}

// cfgFormatMemory is Redis's rewriteConfigFormatMemory.
func cfgFormatMemory(n uint64) string {
	const kb, mb, gb = 1024, 1024 * 1024, 1024 * 1024 * 1024
	switch {
	case n != 0 && n%gb == 0:
		return strconv.FormatUint(n/gb, 10) + "gb"
	case n != 0 && n%mb == 0:
		return strconv.FormatUint(n/mb, 10) + "mb"
	case n != 0 && n%kb == 0:
		return strconv.FormatUint(n/kb, 10) + "kb"
	}
	return strconv.FormatUint(n, 10)
}

func cfgRewriteDir(c *Config, r *cfgRewriter, d *cfgDirective) {
	if c.Dir == "" {
		r.markProcessed(d.name)
		return
	}
	r.rewriteLine(d.name, d.name+" "+cfgRepr(c.Dir), true)
}

func cfgRewriteSave(c *Config, r *cfgRewriter, d *cfgDirective) {
	if len(c.Save) == 0 {
		r.rewriteLine(d.name, `save ""`, true)
	}
	for _, rule := range c.Save {
		r.rewriteLine(d.name, fmt.Sprintf("save %d %d", rule.Seconds, rule.Changes), true)
	}
	r.markProcessed(d.name)
}

func cfgRewriteOutputBufferLimit(c *Config, r *cfgRewriter, d *cfgDirective) {
	def := cfgDefaultOutputBufferLimits()
	l := c.ClientOutputBufferLimit
	for _, cl := range []struct {
		name     string
		cur, def OutputBufferLimit
	}{{"normal", l.Normal, def.Normal}, {"replica", l.Replica, def.Replica}, {"pubsub", l.PubSub, def.PubSub}} {
		line := fmt.Sprintf("%s %s %s %s %d", d.name, cl.name,
			cfgFormatMemory(cl.cur.HardBytes), cfgFormatMemory(cl.cur.SoftBytes), cl.cur.SoftSeconds)
		r.rewriteLine(d.name, line, cl.cur != cl.def)
	}
}

// cfgDefaultOutputBufferLimits returns Redis's default
// client-output-buffer-limit.
func cfgDefaultOutputBufferLimits() OutputBufferLimits {
	return OutputBufferLimits{
		Normal:  OutputBufferLimit{},
		Replica: OutputBufferLimit{HardBytes: 256 << 20, SoftBytes: 64 << 20, SoftSeconds: 60},
		PubSub:  OutputBufferLimit{HardBytes: 32 << 20, SoftBytes: 8 << 20, SoftSeconds: 60},
	}
}

func cfgRewriteOOMValues(c *Config, r *cfgRewriter, d *cfgDirective) {
	v := d.render(c)
	r.rewriteLine(d.name, d.name+" "+v, v != d.def)
}

func cfgRewriteNotify(c *Config, r *cfgRewriter, d *cfgDirective) {
	v := c.KeyspaceEvents().String()
	r.rewriteLine(d.name, d.name+" "+cfgRepr(v), v != "")
}

func cfgRewriteBind(c *Config, r *cfgRewriter, d *cfgDirective) {
	if slices.Equal(c.Bind, redisDefaultBind) {
		r.markProcessed(d.name)
		return
	}
	addrs := `""`
	if len(c.Bind) > 0 {
		addrs = strings.Join(c.Bind, " ")
	}
	r.rewriteLine(d.name, d.name+" "+addrs, true)
}

func cfgRewriteReplicaOf(c *Config, r *cfgRewriter, d *cfgDirective) {
	v := d.render(c)
	if c.ClusterEnabled || v == "" {
		r.markProcessed(d.name)
		return
	}
	r.rewriteLine(d.name, d.name+" "+v, true)
}

func cfgRewritePercentiles(c *Config, r *cfgRewriter, d *cfgDirective) {
	v := d.render(c)
	if v == "" {
		v = `""`
	}
	r.rewriteLine(d.name, d.name+" "+v, true)
}

// cfgRepr quotes s as Redis's sdscatrepr does, which cfgSplitArgs
// reads back.
func cfgRepr(s string) string { return string(sds.AppendRepr(nil, []byte(s))) }

// cfgOverwriteFile is Redis's rewriteConfigOverwriteFile: write a
// temporary file next to path, fsync it, give it the old file's mode
// (0644 for a new file) and rename it over path.
func cfgOverwriteFile(path, content string) error {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.WriteString(content); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Chmod(mode); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	ok = true
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
