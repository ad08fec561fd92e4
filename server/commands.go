package server

// commands is the command table: every command miniserve knows, with the
// arity, flags and key positions the dispatcher checks and COMMAND
// reports. There is no other list of commands.
func commands() []*Command {
	const (
		conn = NoScript | Loading | Stale | Fast | AllowBusy
		tx   = NoScript | Loading | Stale | Fast | AllowBusy
	)
	sub := func(parent, name string, arity int, flags Flag, first, last, step int, summary string, proc func(*Client, [][]byte)) *Command {
		return &Command{Name: parent + "|" + name, Arity: arity, Flags: flags, FirstKey: first, LastKey: last, Step: step, Summary: summary, Proc: proc}
	}
	return []*Command{
		// connection
		{Name: "ping", Arity: -1, Flags: Fast, Group: "connection", Since: "1.0.0", Summary: "Ping the server", Tips: "request_policy:all_shards response_policy:all_succeeded", Proc: cmdPing},
		{Name: "echo", Arity: 2, Flags: Loading | Stale | Fast, Group: "connection", Since: "1.0.0", Summary: "Echo the given string", Proc: cmdEcho},
		{Name: "quit", Arity: -1, Flags: NoScript | Loading | Stale | Fast | NoAuth | AllowBusy, Group: "connection", Since: "1.0.0", Summary: "Close the connection", Proc: cmdQuit},
		{Name: "reset", Arity: 1, Flags: NoScript | Loading | Stale | Fast | NoAuth | AllowBusy, Group: "connection", Since: "6.2.0", Summary: "Reset the connection", Proc: cmdReset},
		{Name: "hello", Arity: -1, Flags: NoScript | Loading | Stale | Fast | NoAuth | AllowBusy, Group: "connection", Since: "6.0.0", Summary: "Handshake with Redis", Proc: cmdHello},
		{Name: "auth", Arity: -2, Flags: NoScript | Loading | Stale | Fast | NoAuth | AllowBusy, Group: "connection", Since: "1.0.0", Summary: "Authenticate to the server", Proc: cmdAuth},
		{Name: "select", Arity: 2, Flags: Loading | Stale | Fast, Group: "connection", Since: "1.0.0", Summary: "Change the selected database for the current connection", Proc: cmdSelect},
		{Name: "client", Arity: -2, Flags: 0, Group: "connection", Since: "2.4.0", Summary: "A container for client connection commands", Subcommands: []*Command{
			sub("client", "id", 2, NoScript|Loading|Stale, 0, 0, 0, "Returns the client ID for the current connection", cmdClientID),
			sub("client", "setname", 3, NoScript|Loading|Stale, 0, 0, 0, "Set the current connection name", cmdClientSetName),
			sub("client", "getname", 2, NoScript|Loading|Stale, 0, 0, 0, "Get the current connection name", cmdClientGetName),
			sub("client", "setinfo", 4, NoScript|Loading|Stale, 0, 0, 0, "Set client or connection specific info", cmdClientSetInfo),
			sub("client", "list", -2, Admin|NoScript|Loading|Stale, 0, 0, 0, "Get the list of client connections", cmdClientList).withTips("nondeterministic_output"),
			sub("client", "info", 2, NoScript|Loading|Stale, 0, 0, 0, "Returns information about the current client connection.", cmdClientInfo).withTips("nondeterministic_output"),
			sub("client", "kill", -3, Admin|NoScript|Loading|Stale, 0, 0, 0, "Kill the connection of a client", cmdClientKill),
			sub("client", "no-evict", 3, Admin|NoScript|Loading|Stale, 0, 0, 0, "Set client eviction mode for the current connection", cmdClientNoEvict),
			sub("client", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdClientHelp),
		}},

		// server
		{Name: "dbsize", Arity: 1, Flags: ReadOnly | Fast, Group: "server", Since: "1.0.0", Summary: "Return the number of keys in the selected database", Tips: "request_policy:all_shards response_policy:agg_sum", Proc: cmdDBSize},
		{Name: "flushdb", Arity: -1, Flags: Write, Group: "server", Since: "1.0.0", Summary: "Remove all keys from the current database", Tips: "request_policy:all_shards response_policy:all_succeeded", Proc: cmdFlushDB},
		{Name: "flushall", Arity: -1, Flags: Write, Group: "server", Since: "1.0.0", Summary: "Remove all keys from all databases", Tips: "request_policy:all_shards response_policy:all_succeeded", Proc: cmdFlushAll},
		{Name: "swapdb", Arity: 3, Flags: Write | Fast, Group: "server", Since: "4.0.0", Summary: "Swaps two Redis databases", Proc: cmdSwapDB},
		{Name: "time", Arity: 1, Flags: Loading | Stale | Fast, Group: "server", Since: "2.6.0", Summary: "Return the current server time", Tips: "nondeterministic_output", Proc: cmdTime},
		{Name: "info", Arity: -1, Flags: Loading | Stale, Group: "server", Since: "1.0.0", Summary: "Get information and statistics about the server", Tips: "nondeterministic_output request_policy:all_shards response_policy:special", Proc: cmdInfo},
		{Name: "config", Arity: -2, Group: "server", Since: "2.0.0", Summary: "A container for server configuration commands", Subcommands: []*Command{
			sub("config", "get", -3, Admin|NoScript|Loading|Stale, 0, 0, 0, "Get the values of configuration parameters", cmdConfigGet),
			sub("config", "set", -4, Admin|NoScript|Loading|Stale, 0, 0, 0, "Set configuration parameters to the given values", cmdConfigSet).withTips("request_policy:all_nodes response_policy:all_succeeded"),
			sub("config", "resetstat", 2, Admin|NoScript|Loading|Stale, 0, 0, 0, "Reset the stats returned by INFO", cmdConfigResetStat),
			sub("config", "rewrite", 2, Admin|NoScript|Loading|Stale, 0, 0, 0, "Rewrite the configuration file with the in memory configuration", cmdConfigRewrite),
			sub("config", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdConfigHelp),
		}},
		{Name: "command", Arity: -1, Flags: Loading | Stale, Group: "server", Since: "2.8.13", Summary: "Get array of Redis command details", Tips: "nondeterministic_output_order", Proc: cmdCommand, Subcommands: []*Command{
			sub("command", "count", 2, Loading|Stale, 0, 0, 0, "Get total number of Redis commands", cmdCommandCount),
			sub("command", "info", -2, Loading|Stale, 0, 0, 0, "Get array of specific Redis command details, or all when no argument is given.", cmdCommandInfo).withTips("nondeterministic_output_order"),
			sub("command", "docs", -2, Loading|Stale, 0, 0, 0, "Get array of specific Redis command documentation", cmdCommandDocs).withTips("nondeterministic_output_order"),
			sub("command", "list", -2, Loading|Stale, 0, 0, 0, "Get an array of Redis command names", cmdCommandList).withTips("nondeterministic_output_order"),
			sub("command", "getkeys", -4, Loading|Stale, 0, 0, 0, "Extract keys given a full Redis command", cmdCommandGetKeys),
			sub("command", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdCommandHelp),
		}},
		{Name: "monitor", Arity: 1, Flags: Admin | NoScript | Loading | Stale, Group: "server", Since: "1.0.0", Summary: "Listen for all requests received by the server in real time", Proc: cmdMonitor},
		{Name: "shutdown", Arity: -1, Flags: Admin | NoScript | Loading | Stale | NoMulti | AllowBusy, Group: "server", Since: "1.0.0", Summary: "Synchronously save the dataset to disk and then shut down the server", Proc: cmdShutdown},
		{Name: "debug", Arity: -2, Flags: Admin | NoScript | Loading | Stale | Protected, Group: "server", Since: "1.0.0", Summary: "A container for debugging commands", Proc: cmdDebug},

		// transactions
		{Name: "multi", Arity: 1, Flags: NoScript | Loading | Stale | Fast | AllowBusy, Group: "transactions", Since: "1.2.0", Summary: "Mark the start of a transaction block", Proc: cmdMulti},
		{Name: "exec", Arity: 1, Flags: NoScript | Loading | Stale | SkipSlowlog, Group: "transactions", Since: "1.2.0", Summary: "Execute all commands issued after MULTI", Proc: cmdExec},
		{Name: "discard", Arity: 1, Flags: NoScript | Loading | Stale | Fast | AllowBusy, Group: "transactions", Since: "2.0.0", Summary: "Discard all commands issued after MULTI", Proc: cmdDiscard},
		{Name: "watch", Arity: -2, Flags: NoScript | Loading | Stale | Fast | AllowBusy, FirstKey: 1, LastKey: -1, Step: 1, Group: "transactions", Since: "2.2.0", Summary: "Watch the given keys to determine execution of the MULTI/EXEC block", KeyFlags: "RO", Proc: cmdWatch},
		{Name: "unwatch", Arity: 1, Flags: NoScript | Loading | Stale | Fast | AllowBusy, Group: "transactions", Since: "2.2.0", Summary: "Forget about all watched keys", Proc: cmdUnwatch},

		// strings
		{Name: "get", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Get the value of a key", KeyFlags: "RO access", Proc: cmdGet},
		{Name: "set", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Set the string value of a key", KeyFlags: "RW access update variable_flags", KeyNotes: "RW and ACCESS due to the optional `GET` argument", Proc: cmdSet},
		{Name: "setex", Arity: 4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.0.0", Summary: "Set the value and expiration of a key", KeyFlags: "OW update", Proc: cmdSetEx},
		{Name: "psetex", Arity: 4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.6.0", Summary: "Set the value and expiration in milliseconds of a key", KeyFlags: "OW update", Proc: cmdPSetEx},
		{Name: "setnx", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Set the value of a key, only if the key does not exist", KeyFlags: "OW insert", Proc: cmdSetNX},
		{Name: "getex", Arity: -2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "6.2.0", Summary: "Get the value of a key and optionally set its expiration", KeyFlags: "RW access update", KeyNotes: "RW and UPDATE because it changes the TTL", Proc: cmdGetEx},
		{Name: "getdel", Arity: 2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "6.2.0", Summary: "Get the value of a key and delete the key", KeyFlags: "RW access delete", Proc: cmdGetDel},
		{Name: "getset", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Set the string value of a key and return its old value", KeyFlags: "RW access update", Proc: cmdGetSet},
		{Name: "mget", Arity: -2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: -1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Get the values of all the given keys", Tips: "request_policy:multi_shard", KeyFlags: "RO access", Proc: cmdMGet},
		{Name: "mset", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: -1, Step: 2, Group: "string", Since: "1.0.1", Summary: "Set multiple keys to multiple values", Tips: "request_policy:multi_shard response_policy:all_succeeded", KeyFlags: "OW update", Proc: cmdMSet},
		{Name: "msetnx", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: -1, Step: 2, Group: "string", Since: "1.0.1", Summary: "Set multiple keys to multiple values, only if none of the keys exist", Tips: "request_policy:multi_shard response_policy:agg_min", KeyFlags: "OW insert", Proc: cmdMSetNX},
		{Name: "append", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.0.0", Summary: "Append a value to a key", KeyFlags: "RW insert", Proc: cmdAppend},
		{Name: "strlen", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.2.0", Summary: "Get the length of the value stored in a key", KeyFlags: "RO", Proc: cmdStrlen},
		{Name: "getrange", Arity: 4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.4.0", Summary: "Get a substring of the string stored at a key", KeyFlags: "RO access", Proc: cmdGetRange},
		{Name: "substr", Arity: 4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Get a substring of the string stored at a key", KeyFlags: "RO access", Proc: cmdGetRange},
		{Name: "setrange", Arity: 4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.2.0", Summary: "Overwrite part of a string at key starting at the specified offset", KeyFlags: "RW update", Proc: cmdSetRange},
		{Name: "incr", Arity: 2, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Increment the integer value of a key by one", KeyFlags: "RW access update", Proc: cmdIncr},
		{Name: "decr", Arity: 2, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Decrement the integer value of a key by one", KeyFlags: "RW access update", Proc: cmdDecr},
		{Name: "incrby", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Increment the integer value of a key by the given amount", KeyFlags: "RW access update", Proc: cmdIncrBy},
		{Name: "decrby", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Decrement the integer value of a key by the given number", KeyFlags: "RW access update", Proc: cmdDecrBy},
		{Name: "incrbyfloat", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.6.0", Summary: "Increment the float value of a key by the given amount", KeyFlags: "RW access update", Proc: cmdIncrByFloat},

		// keys
		{Name: "del", Arity: -2, Flags: Write, FirstKey: 1, LastKey: -1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Delete a key", Tips: "request_policy:multi_shard response_policy:agg_sum", KeyFlags: "RM delete", Proc: cmdDel},
		{Name: "unlink", Arity: -2, Flags: Write | Fast, FirstKey: 1, LastKey: -1, Step: 1, Group: "generic", Since: "4.0.0", Summary: "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.", Tips: "request_policy:multi_shard response_policy:agg_sum", KeyFlags: "RM delete", Proc: cmdDel},
		{Name: "exists", Arity: -2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: -1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Determine if a key exists", Tips: "request_policy:multi_shard response_policy:agg_sum", KeyFlags: "RO", Proc: cmdExists},
		{Name: "type", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Determine the type stored at key", KeyFlags: "RO", Proc: cmdType},
		{Name: "keys", Arity: 2, Flags: ReadOnly, Group: "generic", Since: "1.0.0", Summary: "Find all keys matching the given pattern", Tips: "request_policy:all_shards nondeterministic_output_order", Proc: cmdKeys},
		{Name: "randomkey", Arity: 1, Flags: ReadOnly, Group: "generic", Since: "1.0.0", Summary: "Return a random key from the keyspace", Tips: "request_policy:all_shards nondeterministic_output", Proc: cmdRandomKey},
		{Name: "rename", Arity: 3, Flags: Write, FirstKey: 1, LastKey: 2, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Rename a key", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "OW update", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdRename},
		{Name: "renamenx", Arity: 3, Flags: Write | Fast, FirstKey: 1, LastKey: 2, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Rename a key, only if the new key does not exist", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "OW insert", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdRenameNX},
		{Name: "copy", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 2, Step: 1, Group: "generic", Since: "6.2.0", Summary: "Copy a key", KeySpecs: []KeySpec{{Flags: "RO access", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "OW update", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdCopy},
		{Name: "move", Arity: 3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Move a key to another database", KeyFlags: "RW access update", Proc: cmdMove},
		{Name: "touch", Arity: -2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: -1, Step: 1, Group: "generic", Since: "3.2.1", Summary: "Alters the last access time of a key(s). Returns the number of existing keys specified.", Tips: "request_policy:multi_shard response_policy:agg_sum", KeyFlags: "RO", Proc: cmdTouch},
		{Name: "scan", Arity: -2, Flags: ReadOnly, Group: "generic", Since: "2.8.0", Summary: "Incrementally iterate the keys space", Tips: "nondeterministic_output request_policy:special", Proc: cmdScan},
		{Name: "expire", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Set a key's time to live in seconds", KeyFlags: "RW update", Proc: cmdExpire},
		{Name: "pexpire", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "2.6.0", Summary: "Set a key's time to live in milliseconds", KeyFlags: "RW update", Proc: cmdPExpire},
		{Name: "expireat", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.2.0", Summary: "Set the expiration for a key as a UNIX timestamp", KeyFlags: "RW update", Proc: cmdExpireAt},
		{Name: "pexpireat", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "2.6.0", Summary: "Set the expiration for a key as a UNIX timestamp specified in milliseconds", KeyFlags: "RW update", Proc: cmdPExpireAt},
		{Name: "ttl", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Get the time to live for a key in seconds", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdTTL},
		{Name: "pttl", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "2.6.0", Summary: "Get the time to live for a key in milliseconds", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdPTTL},
		{Name: "expiretime", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "7.0.0", Summary: "Get the expiration Unix timestamp for a key", KeyFlags: "RO access", Proc: cmdExpireTime},
		{Name: "pexpiretime", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "7.0.0", Summary: "Get the expiration Unix timestamp for a key in milliseconds", KeyFlags: "RO access", Proc: cmdPExpireTime},
		{Name: "persist", Arity: 2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "2.2.0", Summary: "Remove the expiration from a key", KeyFlags: "RW update", Proc: cmdPersist},
		{Name: "object", Arity: -2, Group: "generic", Since: "2.2.3", Summary: "A container for object introspection commands", Subcommands: []*Command{
			sub("object", "encoding", 3, ReadOnly, 2, 2, 1, "Inspect the internal encoding of a Redis object", cmdObjectEncoding).withTips("nondeterministic_output").withKeyFlags("RO"),
			sub("object", "refcount", 3, ReadOnly, 2, 2, 1, "Get the number of references to the value of the key", cmdObjectRefcount).withTips("nondeterministic_output").withKeyFlags("RO"),
			sub("object", "idletime", 3, ReadOnly, 2, 2, 1, "Get the time since a Redis object was last accessed", cmdObjectIdletime).withTips("nondeterministic_output").withKeyFlags("RO"),
			sub("object", "freq", 3, ReadOnly, 2, 2, 1, "Get the logarithmic access frequency counter of a Redis object", cmdObjectFreq).withTips("nondeterministic_output").withKeyFlags("RO"),
			sub("object", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdObjectHelp),
		}},
		{Name: "memory", Arity: -2, Group: "server", Since: "4.0.0", Summary: "A container for memory diagnostics commands", Subcommands: []*Command{
			sub("memory", "usage", -3, ReadOnly, 2, 2, 1, "Estimate the memory usage of a key", cmdMemoryUsage).withKeyFlags("RO"),
			sub("memory", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdMemoryHelp),
		}},
	}
}
