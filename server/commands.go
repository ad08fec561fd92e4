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
		{Name: "ping", Arity: -1, Flags: Fast, Group: "connection", Since: "1.0.0", Summary: "Ping the server", Tips: "request_policy:all_shards response_policy:all_succeeded", Proc: cmdPing,
			Complexity: "O(1)", Syntax: "[message]"},
		{Name: "echo", Arity: 2, Flags: Loading | Stale | Fast, Group: "connection", Since: "1.0.0", Summary: "Echo the given string", Proc: cmdEcho,
			Complexity: "O(1)", Syntax: "message"},
		{Name: "quit", Arity: -1, Flags: NoScript | Loading | Stale | Fast | NoAuth | AllowBusy, Group: "connection", Since: "1.0.0", Summary: "Close the connection", Proc: cmdQuit,
			Complexity: "O(1)"},
		{Name: "reset", Arity: 1, Flags: NoScript | Loading | Stale | Fast | NoAuth | AllowBusy, Group: "connection", Since: "6.2.0", Summary: "Reset the connection", Proc: cmdReset,
			Complexity: "O(1)"},
		{Name: "hello", Arity: -1, Flags: NoScript | Loading | Stale | Fast | NoAuth | AllowBusy, Group: "connection", Since: "6.0.0", Summary: "Handshake with Redis", Proc: cmdHello,
			Complexity: "O(1)", Syntax: "arguments=[protover:integer [AUTH username password] [SETNAME clientname]]",
			History: []string{"6.2.0: `protover` made optional; when called without arguments the command reports the current connection's context."}},
		{Name: "auth", Arity: -2, Flags: NoScript | Loading | Stale | Fast | NoAuth | AllowBusy, Group: "connection", Since: "1.0.0", Summary: "Authenticate to the server", Proc: cmdAuth,
			Complexity: "O(N) where N is the number of passwords defined for the user", Syntax: "[username]@6.0.0 password",
			History: []string{"6.0.0: Added ACL style (username and password)."}},
		{Name: "select", Arity: 2, Flags: Loading | Stale | Fast, Group: "connection", Since: "1.0.0", Summary: "Change the selected database for the current connection", Proc: cmdSelect,
			Complexity: "O(1)", Syntax: "index:integer"},
		{Name: "client", Arity: -2, Flags: 0, Group: "connection", Since: "2.4.0", Summary: "A container for client connection commands", Complexity: "Depends on subcommand.", Subcommands: []*Command{
			sub("client", "id", 2, NoScript|Loading|Stale, 0, 0, 0, "Returns the client ID for the current connection", cmdClientID).
				withDocs("connection", "5.0.0", "O(1)", ""),
			sub("client", "setname", 3, NoScript|Loading|Stale, 0, 0, 0, "Set the current connection name", cmdClientSetName).
				withDocs("connection", "2.6.9", "O(1)", "connection-name"),
			sub("client", "getname", 2, NoScript|Loading|Stale, 0, 0, 0, "Get the current connection name", cmdClientGetName).
				withDocs("connection", "2.6.9", "O(1)", ""),
			sub("client", "setinfo", 4, NoScript|Loading|Stale, 0, 0, 0, "Set client or connection specific info", cmdClientSetInfo).
				withDocs("connection", "7.2.0", "O(1)", "attr=<'lib-name' libname | 'lib-ver' libver>"),
			sub("client", "list", -2, Admin|NoScript|Loading|Stale, 0, 0, 0, "Get the list of client connections", cmdClientList).withTips("nondeterministic_output").
				withDocs("connection", "2.4.0", "O(N) where N is the number of client connections", "[TYPE <NORMAL | MASTER | REPLICA | PUBSUB>]@5.0.0 [ID id=<client-id:integer...>]@6.2.0").
				withHistory("2.8.12: Added unique client `id` field.", "5.0.0: Added optional `TYPE` filter.", "6.0.0: Added `user` field.", "6.2.0: Added `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter.", "7.0.0: Added `resp`, `multi-mem`, `rbs` and `rbp` fields.", "7.0.3: Added `ssub` field."),
			sub("client", "info", 2, NoScript|Loading|Stale, 0, 0, 0, "Returns information about the current client connection.", cmdClientInfo).withTips("nondeterministic_output").
				withDocs("connection", "6.2.0", "O(1)", ""),
			sub("client", "kill", -3, Admin|NoScript|Loading|Stale, 0, 0, 0, "Kill the connection of a client", cmdClientKill).
				withDocs("connection", "2.4.0", "O(N) where N is the number of client connections", "filter=<ip:port!2.8.12 | new-format=<[ID client-id:integer]@2.8.12 | [TYPE normal_master_slave_pubsub=<NORMAL | MASTER@3.2.0 | SLAVE | REPLICA@5.0.0 | PUBSUB>]@2.8.12 | [USER username] | [ADDR ip:port] | [LADDR ip:port]@6.2.0 | [SKIPME yes/no]>...>").
				withHistory("2.8.12: Added new filter format.", "2.8.12: `ID` option.", "3.2.0: Added `master` type in for `TYPE` option.", "5.0.0: Replaced `slave` `TYPE` with `replica`. `slave` still supported for backward compatibility.", "6.2.0: `LADDR` option."),
			sub("client", "unblock", -3, Admin|NoScript|Loading|Stale, 0, 0, 0, "Unblock a client blocked in a blocking command from a different connection", cmdClientUnblock).
				withDocs("connection", "5.0.0", "O(log N) where N is the number of client connections", "client-id:integer timeout_error=[TIMEOUT | ERROR]"),
			sub("client", "no-evict", 3, Admin|NoScript|Loading|Stale, 0, 0, 0, "Set client eviction mode for the current connection", cmdClientNoEvict).
				withDocs("connection", "7.0.0", "O(1)", "enabled=<ON | OFF>"),
			sub("client", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdClientHelp).
				withDocs("connection", "5.0.0", "O(1)", ""),
		}},

		// server
		{Name: "dbsize", Arity: 1, Flags: ReadOnly | Fast, Group: "server", Since: "1.0.0", Summary: "Return the number of keys in the selected database", Tips: "request_policy:all_shards response_policy:agg_sum", Proc: cmdDBSize,
			Complexity: "O(1)"},
		{Name: "flushdb", Arity: -1, Flags: Write, Group: "server", Since: "1.0.0", Summary: "Remove all keys from the current database", Tips: "request_policy:all_shards response_policy:all_succeeded", Proc: cmdFlushDB,
			Complexity: "O(N) where N is the number of keys in the selected database", Syntax: "async=[ASYNC@4.0.0 | SYNC@6.2.0]",
			History: []string{"4.0.0: Added the `ASYNC` flushing mode modifier.", "6.2.0: Added the `SYNC` flushing mode modifier."}},
		{Name: "flushall", Arity: -1, Flags: Write, Group: "server", Since: "1.0.0", Summary: "Remove all keys from all databases", Tips: "request_policy:all_shards response_policy:all_succeeded", Proc: cmdFlushAll,
			Complexity: "O(N) where N is the total number of keys in all databases", Syntax: "async=[ASYNC@4.0.0 | SYNC@6.2.0]",
			History: []string{"4.0.0: Added the `ASYNC` flushing mode modifier.", "6.2.0: Added the `SYNC` flushing mode modifier."}},
		{Name: "swapdb", Arity: 3, Flags: Write | Fast, Group: "server", Since: "4.0.0", Summary: "Swaps two Redis databases", Proc: cmdSwapDB,
			Complexity: "O(N) where N is the count of clients watching or blocking on keys from both databases.", Syntax: "index1:integer index2:integer"},
		{Name: "time", Arity: 1, Flags: Loading | Stale | Fast, Group: "server", Since: "2.6.0", Summary: "Return the current server time", Tips: "nondeterministic_output", Proc: cmdTime,
			Complexity: "O(1)"},
		{Name: "info", Arity: -1, Flags: Loading | Stale, Group: "server", Since: "1.0.0", Summary: "Get information and statistics about the server", Tips: "nondeterministic_output request_policy:all_shards response_policy:special", Proc: cmdInfo,
			Complexity: "O(1)", Syntax: "[section...]",
			History: []string{"7.0.0: Added support for taking multiple section arguments."}},
		{Name: "config", Arity: -2, Group: "server", Since: "2.0.0", Summary: "A container for server configuration commands", Complexity: "Depends on subcommand.", Subcommands: []*Command{
			sub("config", "get", -3, Admin|NoScript|Loading|Stale, 0, 0, 0, "Get the values of configuration parameters", cmdConfigGet).
				withDocs("server", "2.0.0", "O(N) when N is the number of configuration parameters provided", "<parameter>...").
				withHistory("7.0.0: Added the ability to pass multiple pattern parameters in one call"),
			sub("config", "set", -4, Admin|NoScript|Loading|Stale, 0, 0, 0, "Set configuration parameters to the given values", cmdConfigSet).withTips("request_policy:all_nodes response_policy:all_succeeded").
				withDocs("server", "2.0.0", "O(N) when N is the number of configuration parameters provided", "<parameter value>...").
				withHistory("7.0.0: Added the ability to set multiple parameters in one call."),
			sub("config", "resetstat", 2, Admin|NoScript|Loading|Stale, 0, 0, 0, "Reset the stats returned by INFO", cmdConfigResetStat).
				withDocs("server", "2.0.0", "O(1)", ""),
			sub("config", "rewrite", 2, Admin|NoScript|Loading|Stale, 0, 0, 0, "Rewrite the configuration file with the in memory configuration", cmdConfigRewrite).
				withDocs("server", "2.8.0", "O(1)", ""),
			sub("config", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdConfigHelp).
				withDocs("server", "5.0.0", "O(1)", ""),
		}},
		{Name: "command", Arity: -1, Flags: Loading | Stale, Group: "server", Since: "2.8.13", Summary: "Get array of Redis command details", Tips: "nondeterministic_output_order", Proc: cmdCommand, Complexity: "O(N) where N is the total number of Redis commands", Subcommands: []*Command{
			sub("command", "count", 2, Loading|Stale, 0, 0, 0, "Get total number of Redis commands", cmdCommandCount).
				withDocs("server", "2.8.13", "O(1)", ""),
			sub("command", "info", -2, Loading|Stale, 0, 0, 0, "Get array of specific Redis command details, or all when no argument is given.", cmdCommandInfo).withTips("nondeterministic_output_order").
				withDocs("server", "2.8.13", "O(N) where N is the number of commands to look up", "[command-name...]").
				withHistory("7.0.0: Allowed to be called with no argument to get info on all commands."),
			sub("command", "docs", -2, Loading|Stale, 0, 0, 0, "Get array of specific Redis command documentation", cmdCommandDocs).withTips("nondeterministic_output_order").
				withDocs("server", "7.0.0", "O(N) where N is the number of commands to look up", "[command-name...]"),
			sub("command", "list", -2, Loading|Stale, 0, 0, 0, "Get an array of Redis command names", cmdCommandList).withTips("nondeterministic_output_order").
				withDocs("server", "7.0.0", "O(N) where N is the total number of Redis commands", "[FILTERBY filterby=<MODULE module-name | ACLCAT category | PATTERN pattern:pattern>]"),
			sub("command", "getkeys", -4, Loading|Stale, 0, 0, 0, "Extract keys given a full Redis command", cmdCommandGetKeys).
				withDocs("server", "2.8.13", "O(N) where N is the number of arguments to the command", ""),
			sub("command", "getkeysandflags", -4, Loading|Stale, 0, 0, 0, "Extract keys and access flags given a full Redis command", cmdCommandGetKeysAndFlags).
				withDocs("server", "7.0.0", "O(N) where N is the number of arguments to the command", ""),
			sub("command", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdCommandHelp).
				withDocs("server", "5.0.0", "O(1)", ""),
		}},
		{Name: "save", Arity: 1, Flags: Admin | NoScript | NoAsyncLoading | NoMulti, Group: "server", Since: "1.0.0", Summary: "Synchronously save the dataset to disk", Proc: cmdSave,
			Complexity: "O(N) where N is the total number of keys in all databases"},
		{Name: "bgsave", Arity: -1, Flags: Admin | NoScript | NoAsyncLoading, Group: "server", Since: "1.0.0", Summary: "Asynchronously save the dataset to disk", Proc: cmdBgsave,
			Complexity: "O(1)", History: []string{"3.2.2: Added the `SCHEDULE` option."}, Syntax: "[SCHEDULE]@3.2.2"},
		{Name: "bgrewriteaof", Arity: 1, Flags: Admin | NoScript | NoAsyncLoading, Group: "server", Since: "1.0.0", Summary: "Asynchronously rewrite the append-only file", Proc: cmdBgrewriteaof,
			Complexity: "O(1)"},
		{Name: "lastsave", Arity: 1, Flags: Loading | Stale | Fast, Group: "server", Since: "1.0.0", Summary: "Get the UNIX time stamp of the last successful save to disk", Tips: "nondeterministic_output", ACL: "@admin @dangerous", Proc: cmdLastsave,
			Complexity: "O(1)"},
		{Name: "monitor", Arity: 1, Flags: Admin | NoScript | Loading | Stale, Group: "server", Since: "1.0.0", Summary: "Listen for all requests received by the server in real time", Proc: cmdMonitor},
		{Name: "shutdown", Arity: -1, Flags: Admin | NoScript | Loading | Stale | NoMulti | AllowBusy, Group: "server", Since: "1.0.0", Summary: "Synchronously save the dataset to disk and then shut down the server", Proc: cmdShutdown,
			Complexity: "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)", Syntax: "[NOSAVE | SAVE] [NOW]@7.0.0 [FORCE]@7.0.0 [ABORT]@7.0.0",
			History: []string{"7.0.0: Added the `NOW`, `FORCE` and `ABORT` modifiers."}},
		{Name: "debug", Arity: -2, Flags: Admin | NoScript | Loading | Stale | Protected, Group: "server", Since: "1.0.0", Summary: "A container for debugging commands", Proc: cmdDebug,
			Complexity: "Depends on subcommand.", DocFlags: "syscmd"},

		// transactions
		{Name: "multi", Arity: 1, Flags: NoScript | Loading | Stale | Fast | AllowBusy, Group: "transactions", Since: "1.2.0", Summary: "Mark the start of a transaction block", Proc: cmdMulti,
			Complexity: "O(1)"},
		{Name: "exec", Arity: 1, Flags: NoScript | Loading | Stale | SkipSlowlog, Group: "transactions", Since: "1.2.0", Summary: "Execute all commands issued after MULTI", Proc: cmdExec,
			Complexity: "Depends on commands in the transaction"},
		{Name: "discard", Arity: 1, Flags: NoScript | Loading | Stale | Fast | AllowBusy, Group: "transactions", Since: "2.0.0", Summary: "Discard all commands issued after MULTI", Proc: cmdDiscard,
			Complexity: "O(N), when N is the number of queued commands"},
		{Name: "watch", Arity: -2, Flags: NoScript | Loading | Stale | Fast | AllowBusy, FirstKey: 1, LastKey: -1, Step: 1, Group: "transactions", Since: "2.2.0", Summary: "Watch the given keys to determine execution of the MULTI/EXEC block", KeyFlags: "RO", Proc: cmdWatch,
			Complexity: "O(1) for every key.", Syntax: "key..."},
		{Name: "unwatch", Arity: 1, Flags: NoScript | Loading | Stale | Fast | AllowBusy, Group: "transactions", Since: "2.2.0", Summary: "Forget about all watched keys", Proc: cmdUnwatch,
			Complexity: "O(1)"},

		// strings
		{Name: "get", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Get the value of a key", KeyFlags: "RO access", Proc: cmdGet,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "set", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Set the string value of a key", KeyFlags: "RW access update variable_flags", KeyNotes: "RW and ACCESS due to the optional `GET` argument", Proc: cmdSet,
			Complexity: "O(1)", Syntax: "key value condition=[NX | XX]@2.6.12 [GET]@6.2.0 expiration=[EX seconds:integer@2.6.12 | PX milliseconds:integer@2.6.12 | EXAT unix-time-seconds:unix-time@6.2.0 | PXAT unix-time-milliseconds:unix-time@6.2.0 | KEEPTTL@6.0.0]",
			History: []string{"2.6.12: Added the `EX`, `PX`, `NX` and `XX` options.", "6.0.0: Added the `KEEPTTL` option.", "6.2.0: Added the `GET`, `EXAT` and `PXAT` option.", "7.0.0: Allowed the `NX` and `GET` options to be used together."}},
		{Name: "setex", Arity: 4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.0.0", Summary: "Set the value and expiration of a key", KeyFlags: "OW update", Proc: cmdSetEx,
			Complexity: "O(1)", Syntax: "key seconds:integer value"},
		{Name: "psetex", Arity: 4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.6.0", Summary: "Set the value and expiration in milliseconds of a key", KeyFlags: "OW update", Proc: cmdPSetEx,
			Complexity: "O(1)", Syntax: "key milliseconds:integer value"},
		{Name: "setnx", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Set the value of a key, only if the key does not exist", KeyFlags: "OW insert", Proc: cmdSetNX,
			Complexity: "O(1)", Syntax: "key value"},
		{Name: "getex", Arity: -2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "6.2.0", Summary: "Get the value of a key and optionally set its expiration", KeyFlags: "RW access update", KeyNotes: "RW and UPDATE because it changes the TTL", Proc: cmdGetEx,
			Complexity: "O(1)", Syntax: "key expiration=[EX seconds:integer | PX milliseconds:integer | EXAT unix-time-seconds:unix-time | PXAT unix-time-milliseconds:unix-time | PERSIST]"},
		{Name: "getdel", Arity: 2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "6.2.0", Summary: "Get the value of a key and delete the key", KeyFlags: "RW access delete", Proc: cmdGetDel,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "getset", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Set the string value of a key and return its old value", KeyFlags: "RW access update", Proc: cmdGetSet,
			Complexity: "O(1)", Syntax: "key value", DocFlags: "deprecated", DeprecatedSince: "6.2.0", ReplacedBy: "`SET` with the `!GET` argument"},
		{Name: "mget", Arity: -2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: -1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Get the values of all the given keys", Tips: "request_policy:multi_shard", KeyFlags: "RO access", Proc: cmdMGet,
			Complexity: "O(N) where N is the number of keys to retrieve.", Syntax: "key..."},
		{Name: "mset", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: -1, Step: 2, Group: "string", Since: "1.0.1", Summary: "Set multiple keys to multiple values", Tips: "request_policy:multi_shard response_policy:all_succeeded", KeyFlags: "OW update", Proc: cmdMSet,
			Complexity: "O(N) where N is the number of keys to set.", Syntax: "<key value>..."},
		{Name: "msetnx", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: -1, Step: 2, Group: "string", Since: "1.0.1", Summary: "Set multiple keys to multiple values, only if none of the keys exist", Tips: "request_policy:multi_shard response_policy:agg_min", KeyFlags: "OW insert", Proc: cmdMSetNX,
			Complexity: "O(N) where N is the number of keys to set.", Syntax: "<key value>..."},
		{Name: "append", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.0.0", Summary: "Append a value to a key", KeyFlags: "RW insert", Proc: cmdAppend,
			Complexity: "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.", Syntax: "key value"},
		{Name: "strlen", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.2.0", Summary: "Get the length of the value stored in a key", KeyFlags: "RO", Proc: cmdStrlen,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "getrange", Arity: 4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.4.0", Summary: "Get a substring of the string stored at a key", KeyFlags: "RO access", Proc: cmdGetRange,
			Complexity: "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.", Syntax: "key start:integer end:integer"},
		{Name: "substr", Arity: 4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Get a substring of the string stored at a key", KeyFlags: "RO access", Proc: cmdGetRange,
			Complexity: "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.", Syntax: "key start:integer end:integer", DocFlags: "deprecated", DeprecatedSince: "2.0.0", ReplacedBy: "`GETRANGE`"},
		{Name: "setrange", Arity: 4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.2.0", Summary: "Overwrite part of a string at key starting at the specified offset", KeyFlags: "RW update", Proc: cmdSetRange,
			Complexity: "O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.", Syntax: "key offset:integer value"},
		{Name: "incr", Arity: 2, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Increment the integer value of a key by one", KeyFlags: "RW access update", Proc: cmdIncr,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "decr", Arity: 2, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Decrement the integer value of a key by one", KeyFlags: "RW access update", Proc: cmdDecr,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "incrby", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Increment the integer value of a key by the given amount", KeyFlags: "RW access update", Proc: cmdIncrBy,
			Complexity: "O(1)", Syntax: "key increment:integer"},
		{Name: "decrby", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "1.0.0", Summary: "Decrement the integer value of a key by the given number", KeyFlags: "RW access update", Proc: cmdDecrBy,
			Complexity: "O(1)", Syntax: "key decrement:integer"},
		{Name: "incrbyfloat", Arity: 3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "string", Since: "2.6.0", Summary: "Increment the float value of a key by the given amount", KeyFlags: "RW access update", Proc: cmdIncrByFloat,
			Complexity: "O(1)", Syntax: "key increment:double"},

		// sorted sets
		{Name: "zadd", Arity: -4, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "1.2.0", Summary: "Add one or more members to a sorted set, or update its score if it already exists", KeyFlags: "RW update", Proc: cmdZAdd,
			Complexity: "O(log(N)) for each item added, where N is the number of elements in the sorted set.", Syntax: "key condition=[NX | XX]@3.0.2 comparison=[GT | LT]@6.2.0 change=[CH]@3.0.2 increment=[INCR]@3.0.2 <score:double member>...",
			History: []string{"2.4.0: Accepts multiple elements.", "3.0.2: Added the `XX`, `NX`, `CH` and `INCR` options.", "6.2.0: Added the `GT` and `LT` options."}},
		{Name: "zincrby", Arity: 4, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "1.2.0", Summary: "Increment the score of a member in a sorted set", KeyFlags: "RW access update", Proc: cmdZIncrBy,
			Complexity: "O(log(N)) where N is the number of elements in the sorted set.", Syntax: "key increment:integer member"},
		{Name: "zcard", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "1.2.0", Summary: "Get the number of members in a sorted set", KeyFlags: "RO", Proc: cmdZCard,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "zscore", Arity: 3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "1.2.0", Summary: "Get the score associated with the given member in a sorted set", KeyFlags: "RO access", Proc: cmdZScore,
			Complexity: "O(1)", Syntax: "key member"},
		{Name: "zmscore", Arity: -3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "6.2.0", Summary: "Get the score associated with the given members in a sorted set", KeyFlags: "RO access", Proc: cmdZMScore,
			Complexity: "O(N) where N is the number of members being requested.", Syntax: "key member..."},
		// ZRANK and ZREVRANK take Redis 7.2's WITHSCORE (arity -3); their
		// documentation stays 7.0's.
		{Name: "zrank", Arity: -3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.0.0", Summary: "Determine the index of a member in a sorted set", KeyFlags: "RO access", Proc: cmdZRank,
			Complexity: "O(log(N))", Syntax: "key member"},
		{Name: "zrevrank", Arity: -3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.0.0", Summary: "Determine the index of a member in a sorted set, with scores ordered from high to low", KeyFlags: "RO access", Proc: cmdZRevRank,
			Complexity: "O(log(N))", Syntax: "key member"},
		{Name: "zrange", Arity: -4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "1.2.0", Summary: "Return a range of members in a sorted set", KeyFlags: "RO access", Proc: cmdZRange,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.", Syntax: "key start stop sortby=[BYSCORE | BYLEX]@6.2.0 [REV]@6.2.0 [LIMIT offset:integer count:integer]@6.2.0 [WITHSCORES]",
			History: []string{"6.2.0: Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options."}},
		{Name: "zrangestore", Arity: -5, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 2, Step: 1, Group: "sorted-set", Since: "6.2.0", Summary: "Store a range of members from sorted set into another key", KeySpecs: []KeySpec{{Flags: "OW update", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RO access", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdZRangeStore,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.", Syntax: "dst:key src:key min max sortby=[BYSCORE | BYLEX] [REV] [LIMIT offset:integer count:integer]"},
		{Name: "zrevrange", Arity: -4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "1.2.0", Summary: "Return a range of members in a sorted set, by index, with scores ordered from high to low", KeyFlags: "RO access", Proc: cmdZRevRange,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.", Syntax: "key start:integer stop:integer [WITHSCORES]",
			DocFlags: "deprecated", DeprecatedSince: "6.2.0", ReplacedBy: "`ZRANGE` with the `REV` argument"},
		{Name: "zrangebyscore", Arity: -4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "1.0.5", Summary: "Return a range of members in a sorted set, by score", KeyFlags: "RO access", Proc: cmdZRangeByScore,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", Syntax: "key min:double max:double [WITHSCORES]@2.0.0 [LIMIT offset:integer count:integer]",
			History: []string{"2.0.0: Added the `WITHSCORES` modifier."}, DocFlags: "deprecated", DeprecatedSince: "6.2.0", ReplacedBy: "`ZRANGE` with the `BYSCORE` argument"},
		{Name: "zrevrangebyscore", Arity: -4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.2.0", Summary: "Return a range of members in a sorted set, by score, with scores ordered from high to low", KeyFlags: "RO access", Proc: cmdZRevRangeByScore,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", Syntax: "key max:double min:double [WITHSCORES] [LIMIT offset:integer count:integer]",
			History: []string{"2.1.6: `min` and `max` can be exclusive."}, DocFlags: "deprecated", DeprecatedSince: "6.2.0", ReplacedBy: "`ZRANGE` with the `REV` and `BYSCORE` arguments"},
		{Name: "zrangebylex", Arity: -4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.8.9", Summary: "Return a range of members in a sorted set, by lexicographical range", KeyFlags: "RO access", Proc: cmdZRangeByLex,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", Syntax: "key min max [LIMIT offset:integer count:integer]",
			DocFlags: "deprecated", DeprecatedSince: "6.2.0", ReplacedBy: "`ZRANGE` with the `BYLEX` argument"},
		{Name: "zrevrangebylex", Arity: -4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.8.9", Summary: "Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.", KeyFlags: "RO access", Proc: cmdZRevRangeByLex,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", Syntax: "key max min [LIMIT offset:integer count:integer]",
			DocFlags: "deprecated", DeprecatedSince: "6.2.0", ReplacedBy: "`ZRANGE` with the `REV` and `BYLEX` arguments"},
		{Name: "zcount", Arity: 4, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.0.0", Summary: "Count the members in a sorted set with scores within the given values", KeyFlags: "RO access", Proc: cmdZCount,
			Complexity: "O(log(N)) with N being the number of elements in the sorted set.", Syntax: "key min:double max:double"},
		{Name: "zlexcount", Arity: 4, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.8.9", Summary: "Count the number of members in a sorted set between a given lexicographical range", KeyFlags: "RO access", Proc: cmdZLexCount,
			Complexity: "O(log(N)) with N being the number of elements in the sorted set.", Syntax: "key min max"},
		{Name: "zrem", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "1.2.0", Summary: "Remove one or more members from a sorted set", KeyFlags: "RW delete", Proc: cmdZRem,
			Complexity: "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.", Syntax: "key member...",
			History: []string{"2.4.0: Accepts multiple elements."}},
		{Name: "zremrangebyscore", Arity: 4, Flags: Write, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "1.2.0", Summary: "Remove all members in a sorted set within the given scores", KeyFlags: "RW delete", Proc: cmdZRemRangeByScore,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.", Syntax: "key min:double max:double"},
		{Name: "zremrangebyrank", Arity: 4, Flags: Write, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.0.0", Summary: "Remove all members in a sorted set within the given indexes", KeyFlags: "RW delete", Proc: cmdZRemRangeByRank,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.", Syntax: "key start:integer stop:integer"},
		{Name: "zremrangebylex", Arity: 4, Flags: Write, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.8.9", Summary: "Remove all members in a sorted set between the given lexicographical range", KeyFlags: "RW delete", Proc: cmdZRemRangeByLex,
			Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.", Syntax: "key min max"},
		{Name: "zpopmin", Arity: -2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "5.0.0", Summary: "Remove and return members with the lowest scores in a sorted set", KeyFlags: "RW access delete", Proc: cmdZPopMin,
			Complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.", Syntax: "key [count:integer]"},
		{Name: "zpopmax", Arity: -2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "5.0.0", Summary: "Remove and return members with the highest scores in a sorted set", KeyFlags: "RW access delete", Proc: cmdZPopMax,
			Complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.", Syntax: "key [count:integer]"},
		// The commands that take numkeys have a "keynum" key spec and the
		// movablekeys flag in Redis, which the table cannot express yet:
		// their key positions name the first key only.
		{Name: "zmpop", Arity: -4, Flags: Write, Group: "sorted-set", Since: "7.0.0", Summary: "Remove and return members with scores in a sorted set", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdZMPop,
			Complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.", Syntax: "numkeys:integer key... where=<MIN | MAX> [COUNT count:integer]"},
		{Name: "bzpopmin", Arity: -3, Flags: Write | NoScript | Blocking | Fast, FirstKey: 1, LastKey: -2, Step: 1, Group: "sorted-set", Since: "5.0.0", Summary: "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available", KeyFlags: "RW access delete", Proc: cmdBZPopMin,
			Complexity: "O(log(N)) with N being the number of elements in the sorted set.", History: []string{"6.0.0: `timeout` is interpreted as a double instead of an integer."}, Syntax: "key... timeout:double"},
		{Name: "bzpopmax", Arity: -3, Flags: Write | NoScript | Blocking | Fast, FirstKey: 1, LastKey: -2, Step: 1, Group: "sorted-set", Since: "5.0.0", Summary: "Remove and return the member with the highest score from one or more sorted sets, or block until one is available", KeyFlags: "RW access delete", Proc: cmdBZPopMax,
			Complexity: "O(log(N)) with N being the number of elements in the sorted set.", History: []string{"6.0.0: `timeout` is interpreted as a double instead of an integer."}, Syntax: "key... timeout:double"},
		{Name: "bzmpop", Arity: -5, Flags: Write | Blocking, Group: "sorted-set", Since: "7.0.0", Summary: "Remove and return members with scores in a sorted set or block until one is available", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdBZMPop,
			Complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.", Syntax: "timeout:double numkeys:integer key... where=<MIN | MAX> [COUNT count:integer]"},
		{Name: "zrandmember", Arity: -2, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "6.2.0", Summary: "Get one or multiple random elements from a sorted set", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdZRandMember,
			Complexity: "O(N) where N is the number of elements returned", Syntax: "key options=[count:integer [WITHSCORES]]"},
		{Name: "zscan", Arity: -3, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.8.0", Summary: "Incrementally iterate sorted sets elements and associated scores", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdZScan,
			Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..", Syntax: "key cursor:integer [MATCH pattern:pattern] [COUNT count:integer]"},
		{Name: "zunionstore", Arity: -4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.0.0", Summary: "Add multiple sorted sets and store the resulting sorted set in a new key", KeySpecs: []KeySpec{{Flags: "OW update", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RO access", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdZUnionStore,
			Complexity: "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.", Syntax: "destination:key numkeys:integer key... [WEIGHTS weight:integer...] [AGGREGATE aggregate=<SUM | MIN | MAX>]"},
		{Name: "zinterstore", Arity: -4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "2.0.0", Summary: "Intersect multiple sorted sets and store the resulting sorted set in a new key", KeySpecs: []KeySpec{{Flags: "OW update", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RO access", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdZInterStore,
			Complexity: "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.", Syntax: "destination:key numkeys:integer key... [WEIGHTS weight:integer...] [AGGREGATE aggregate=<SUM | MIN | MAX>]"},
		{Name: "zdiffstore", Arity: -4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "sorted-set", Since: "6.2.0", Summary: "Subtract multiple sorted sets and store the resulting sorted set in a new key", KeySpecs: []KeySpec{{Flags: "OW update", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RO access", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdZDiffStore,
			Complexity: "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.", Syntax: "destination:key numkeys:integer key..."},
		{Name: "zunion", Arity: -3, Flags: ReadOnly, Group: "sorted-set", Since: "6.2.0", Summary: "Add multiple sorted sets", KeySpecs: []KeySpec{{Flags: "RO access", Index: 1, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdZUnion,
			Complexity: "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.", Syntax: "numkeys:integer key... [WEIGHTS weight:integer...] [AGGREGATE aggregate=<SUM | MIN | MAX>] [WITHSCORES]"},
		{Name: "zinter", Arity: -3, Flags: ReadOnly, Group: "sorted-set", Since: "6.2.0", Summary: "Intersect multiple sorted sets", KeySpecs: []KeySpec{{Flags: "RO access", Index: 1, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdZInter,
			Complexity: "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.", Syntax: "numkeys:integer key... [WEIGHTS weight:integer...] [AGGREGATE aggregate=<SUM | MIN | MAX>] [WITHSCORES]"},
		{Name: "zdiff", Arity: -3, Flags: ReadOnly, Group: "sorted-set", Since: "6.2.0", Summary: "Subtract multiple sorted sets", KeySpecs: []KeySpec{{Flags: "RO access", Index: 1, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdZDiff,
			Complexity: "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.", Syntax: "numkeys:integer key... [WITHSCORES]"},
		{Name: "zintercard", Arity: -3, Flags: ReadOnly, Group: "sorted-set", Since: "7.0.0", Summary: "Intersect multiple sorted sets and return the cardinality of the result", KeySpecs: []KeySpec{{Flags: "RO access", Index: 1, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdZInterCard,
			Complexity: "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.", Syntax: "numkeys:integer key... [LIMIT limit:integer]"},

		// keys
		{Name: "del", Arity: -2, Flags: Write, FirstKey: 1, LastKey: -1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Delete a key", Tips: "request_policy:multi_shard response_policy:agg_sum", KeyFlags: "RM delete", Proc: cmdDel,
			Complexity: "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).", Syntax: "key..."},
		{Name: "unlink", Arity: -2, Flags: Write | Fast, FirstKey: 1, LastKey: -1, Step: 1, Group: "generic", Since: "4.0.0", Summary: "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.", Tips: "request_policy:multi_shard response_policy:agg_sum", KeyFlags: "RM delete", Proc: cmdDel,
			Complexity: "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.", Syntax: "key..."},
		{Name: "exists", Arity: -2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: -1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Determine if a key exists", Tips: "request_policy:multi_shard response_policy:agg_sum", KeyFlags: "RO", Proc: cmdExists,
			Complexity: "O(N) where N is the number of keys to check.", Syntax: "key...",
			History: []string{"3.0.3: Accepts multiple `key` arguments."}},
		{Name: "type", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Determine the type stored at key", KeyFlags: "RO", Proc: cmdType,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "keys", Arity: 2, Flags: ReadOnly, Group: "generic", Since: "1.0.0", Summary: "Find all keys matching the given pattern", Tips: "request_policy:all_shards nondeterministic_output_order", Proc: cmdKeys,
			Complexity: "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.", Syntax: "pattern:pattern"},
		{Name: "randomkey", Arity: 1, Flags: ReadOnly, Group: "generic", Since: "1.0.0", Summary: "Return a random key from the keyspace", Tips: "request_policy:all_shards nondeterministic_output", Proc: cmdRandomKey,
			Complexity: "O(1)"},
		{Name: "rename", Arity: 3, Flags: Write, FirstKey: 1, LastKey: 2, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Rename a key", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "OW update", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdRename,
			Complexity: "O(1)", Syntax: "key newkey:key"},
		{Name: "renamenx", Arity: 3, Flags: Write | Fast, FirstKey: 1, LastKey: 2, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Rename a key, only if the new key does not exist", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "OW insert", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdRenameNX,
			Complexity: "O(1)", Syntax: "key newkey:key",
			History: []string{"3.2.0: The command no longer returns an error when source and destination names are the same."}},
		{Name: "copy", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 2, Step: 1, Group: "generic", Since: "6.2.0", Summary: "Copy a key", KeySpecs: []KeySpec{{Flags: "RO access", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "OW update", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdCopy,
			Complexity: "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.", Syntax: "source:key destination:key [DB destination-db:integer] [REPLACE]"},
		{Name: "move", Arity: 3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Move a key to another database", KeyFlags: "RW access update", Proc: cmdMove,
			Complexity: "O(1)", Syntax: "key db:integer"},
		{Name: "touch", Arity: -2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: -1, Step: 1, Group: "generic", Since: "3.2.1", Summary: "Alters the last access time of a key(s). Returns the number of existing keys specified.", Tips: "request_policy:multi_shard response_policy:agg_sum", KeyFlags: "RO", Proc: cmdTouch,
			Complexity: "O(N) where N is the number of keys that will be touched.", Syntax: "key..."},
		{Name: "scan", Arity: -2, Flags: ReadOnly, Group: "generic", Since: "2.8.0", Summary: "Incrementally iterate the keys space", Tips: "nondeterministic_output request_policy:special", Proc: cmdScan,
			Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.", Syntax: "cursor:integer [MATCH pattern:pattern] [COUNT count:integer] [TYPE type]@6.0.0",
			History: []string{"6.0.0: Added the `TYPE` subcommand."}},
		{Name: "expire", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Set a key's time to live in seconds", KeyFlags: "RW update", Proc: cmdExpire,
			Complexity: "O(1)", Syntax: "key seconds:integer condition=[NX | XX | GT | LT]@7.0.0",
			History: []string{"7.0.0: Added options: `NX`, `XX`, `GT` and `LT`."}},
		{Name: "pexpire", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "2.6.0", Summary: "Set a key's time to live in milliseconds", KeyFlags: "RW update", Proc: cmdPExpire,
			Complexity: "O(1)", Syntax: "key milliseconds:integer condition=[NX | XX | GT | LT]@7.0.0",
			History: []string{"7.0.0: Added options: `NX`, `XX`, `GT` and `LT`."}},
		{Name: "expireat", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.2.0", Summary: "Set the expiration for a key as a UNIX timestamp", KeyFlags: "RW update", Proc: cmdExpireAt,
			Complexity: "O(1)", Syntax: "key unix-time-seconds:unix-time condition=[NX | XX | GT | LT]@7.0.0",
			History: []string{"7.0.0: Added options: `NX`, `XX`, `GT` and `LT`."}},
		{Name: "pexpireat", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "2.6.0", Summary: "Set the expiration for a key as a UNIX timestamp specified in milliseconds", KeyFlags: "RW update", Proc: cmdPExpireAt,
			Complexity: "O(1)", Syntax: "key unix-time-milliseconds:unix-time condition=[NX | XX | GT | LT]@7.0.0",
			History: []string{"7.0.0: Added options: `NX`, `XX`, `GT` and `LT`."}},
		{Name: "ttl", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Get the time to live for a key in seconds", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdTTL,
			Complexity: "O(1)", Syntax: "key",
			History: []string{"2.8.0: Added the -2 reply."}},
		{Name: "pttl", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "2.6.0", Summary: "Get the time to live for a key in milliseconds", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdPTTL,
			Complexity: "O(1)", Syntax: "key",
			History: []string{"2.8.0: Added the -2 reply."}},
		{Name: "expiretime", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "7.0.0", Summary: "Get the expiration Unix timestamp for a key", KeyFlags: "RO access", Proc: cmdExpireTime,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "pexpiretime", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "7.0.0", Summary: "Get the expiration Unix timestamp for a key in milliseconds", KeyFlags: "RO access", Proc: cmdPExpireTime,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "persist", Arity: 2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "2.2.0", Summary: "Remove the expiration from a key", KeyFlags: "RW update", Proc: cmdPersist,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "object", Arity: -2, Group: "generic", Since: "2.2.3", Summary: "A container for object introspection commands", Complexity: "Depends on subcommand.", Subcommands: []*Command{
			sub("object", "encoding", 3, ReadOnly, 2, 2, 1, "Inspect the internal encoding of a Redis object", cmdObjectEncoding).withTips("nondeterministic_output").withKeyFlags("RO").
				withDocs("generic", "2.2.3", "O(1)", "key"),
			sub("object", "refcount", 3, ReadOnly, 2, 2, 1, "Get the number of references to the value of the key", cmdObjectRefcount).withTips("nondeterministic_output").withKeyFlags("RO").
				withDocs("generic", "2.2.3", "O(1)", "key"),
			sub("object", "idletime", 3, ReadOnly, 2, 2, 1, "Get the time since a Redis object was last accessed", cmdObjectIdletime).withTips("nondeterministic_output").withKeyFlags("RO").
				withDocs("generic", "2.2.3", "O(1)", "key"),
			sub("object", "freq", 3, ReadOnly, 2, 2, 1, "Get the logarithmic access frequency counter of a Redis object", cmdObjectFreq).withTips("nondeterministic_output").withKeyFlags("RO").
				withDocs("generic", "4.0.0", "O(1)", "key"),
			sub("object", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdObjectHelp).
				withDocs("generic", "6.2.0", "O(1)", ""),
		}},
		{Name: "memory", Arity: -2, Group: "server", Since: "4.0.0", Summary: "A container for memory diagnostics commands", Complexity: "Depends on subcommand.", Subcommands: []*Command{
			sub("memory", "usage", -3, ReadOnly, 2, 2, 1, "Estimate the memory usage of a key", cmdMemoryUsage).withKeyFlags("RO").
				withDocs("server", "4.0.0", "O(N) where N is the number of samples.", "key [SAMPLES count:integer]"),
			sub("memory", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdMemoryHelp).
				withDocs("server", "4.0.0", "O(1)", ""),
		}},

		// pubsub
		{Name: "subscribe", Arity: -2, Flags: PubSub | NoScript | Loading | Stale, Group: "pubsub", Since: "2.0.0", Summary: "Listen for messages published to the given channels", Proc: cmdSubscribe,
			Complexity: "O(N) where N is the number of channels to subscribe to.", Syntax: "channel..."},
		{Name: "unsubscribe", Arity: -1, Flags: PubSub | NoScript | Loading | Stale, Group: "pubsub", Since: "2.0.0", Summary: "Stop listening for messages posted to the given channels", Proc: cmdUnsubscribe,
			Complexity: "O(N) where N is the number of clients already subscribed to a channel.", Syntax: "[channel...]"},
		{Name: "psubscribe", Arity: -2, Flags: PubSub | NoScript | Loading | Stale, Group: "pubsub", Since: "2.0.0", Summary: "Listen for messages published to channels matching the given patterns", Proc: cmdPSubscribe,
			Complexity: "O(N) where N is the number of patterns the client is already subscribed to.", Syntax: "<pattern:pattern>..."},
		{Name: "punsubscribe", Arity: -1, Flags: PubSub | NoScript | Loading | Stale, Group: "pubsub", Since: "2.0.0", Summary: "Stop listening for messages posted to channels matching the given patterns", Proc: cmdPUnsubscribe,
			Complexity: "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).", Syntax: "[pattern:pattern...]"},
		{Name: "publish", Arity: 3, Flags: PubSub | Loading | Stale | Fast, Group: "pubsub", Since: "2.0.0", Summary: "Post a message to a channel", Proc: cmdPublish,
			Complexity: "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).", Syntax: "channel message"},
		{Name: "ssubscribe", Arity: -2, Flags: PubSub | NoScript | Loading | Stale, FirstKey: 1, LastKey: -1, Step: 1, Group: "pubsub", Since: "7.0.0", Summary: "Listen for messages published to the given shard channels", KeyFlags: "not_key", Proc: cmdSSubscribe,
			Complexity: "O(N) where N is the number of shard channels to subscribe to.", Syntax: "shardchannel..."},
		{Name: "sunsubscribe", Arity: -1, Flags: PubSub | NoScript | Loading | Stale, FirstKey: 1, LastKey: -1, Step: 1, Group: "pubsub", Since: "7.0.0", Summary: "Stop listening for messages posted to the given shard channels", KeyFlags: "not_key", Proc: cmdSUnsubscribe,
			Complexity: "O(N) where N is the number of clients already subscribed to a shard channel.", Syntax: "[shardchannel...]"},
		{Name: "spublish", Arity: 3, Flags: PubSub | Loading | Stale | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "pubsub", Since: "7.0.0", Summary: "Post a message to a shard channel", KeyFlags: "not_key", Proc: cmdSPublish,
			Complexity: "O(N) where N is the number of clients subscribed to the receiving shard channel.", Syntax: "shardchannel message"},
		{Name: "pubsub", Arity: -2, Group: "pubsub", Since: "2.8.0", Summary: "A container for Pub/Sub commands", Complexity: "Depends on subcommand.", Subcommands: []*Command{
			sub("pubsub", "channels", -2, PubSub|Loading|Stale, 0, 0, 0, "List active channels", cmdPubsubChannels).
				withDocs("pubsub", "2.8.0", "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)", "[pattern:pattern]"),
			sub("pubsub", "numpat", 2, PubSub|Loading|Stale, 0, 0, 0, "Get the count of unique patterns pattern subscriptions", cmdPubsubNumPat).
				withDocs("pubsub", "2.8.0", "O(1)", ""),
			sub("pubsub", "numsub", -2, PubSub|Loading|Stale, 0, 0, 0, "Get the count of subscribers for channels", cmdPubsubNumSub).
				withDocs("pubsub", "2.8.0", "O(N) for the NUMSUB subcommand, where N is the number of requested channels", "[channel...]"),
			sub("pubsub", "shardchannels", -2, PubSub|Loading|Stale, 0, 0, 0, "List active shard channels", cmdPubsubShardChannels).
				withDocs("pubsub", "7.0.0", "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).", "[pattern:pattern]"),
			sub("pubsub", "shardnumsub", -2, PubSub|Loading|Stale, 0, 0, 0, "Get the count of subscribers for shard channels", cmdPubsubShardNumSub).
				withDocs("pubsub", "7.0.0", "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels", "[shardchannel...]"),
			sub("pubsub", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdPubsubHelp).
				withDocs("pubsub", "6.2.0", "O(1)", ""),
		}},
	}
}
