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

		// scripting
		{Name: "eval", Arity: -3, Flags: NoScript | Stale | SkipMonitor | NoMandatoryKeys, Group: "scripting", Since: "2.6.0", Summary: "Execute a Lua script server side", KeyNotes: "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE flags", KeySpecs: []KeySpec{{Flags: "RW access update", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdEval,
			Complexity: "Depends on the script that is executed.", Syntax: "script numkeys:integer [key...] [arg...]"},
		{Name: "evalsha", Arity: -3, Flags: NoScript | Stale | SkipMonitor | NoMandatoryKeys, Group: "scripting", Since: "2.6.0", Summary: "Execute a Lua script server side", KeySpecs: []KeySpec{{Flags: "RW access update", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdEvalSHA,
			Complexity: "Depends on the script that is executed.", Syntax: "sha1 numkeys:integer [key...] [arg...]"},
		{Name: "eval_ro", Arity: -3, Flags: ReadOnly | NoScript | Stale | SkipMonitor | NoMandatoryKeys, Group: "scripting", Since: "7.0.0", Summary: "Execute a read-only Lua script server side", KeyNotes: "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS flags", KeySpecs: []KeySpec{{Flags: "RO access", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdEvalRO,
			Complexity: "Depends on the script that is executed.", Syntax: "script numkeys:integer key... arg..."},
		{Name: "evalsha_ro", Arity: -3, Flags: ReadOnly | NoScript | Stale | SkipMonitor | NoMandatoryKeys, Group: "scripting", Since: "7.0.0", Summary: "Execute a read-only Lua script server side", KeySpecs: []KeySpec{{Flags: "RO access", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdEvalSHARO,
			Complexity: "Depends on the script that is executed.", Syntax: "sha1 numkeys:integer key... arg..."},
		{Name: "fcall", Arity: -3, Flags: NoScript | Stale | SkipMonitor | NoMandatoryKeys, Group: "scripting", Since: "7.0.0", Summary: "Invoke a function", KeyNotes: "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE flags", KeySpecs: []KeySpec{{Flags: "RW access update", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdFCall,
			Complexity: "Depends on the function that is executed.", Syntax: "function numkeys:integer key... arg..."},
		{Name: "fcall_ro", Arity: -3, Flags: ReadOnly | NoScript | Stale | SkipMonitor | NoMandatoryKeys, Group: "scripting", Since: "7.0.0", Summary: "Invoke a read-only function", KeyNotes: "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS flags", KeySpecs: []KeySpec{{Flags: "RO access", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdFCallRO,
			Complexity: "Depends on the function that is executed.", Syntax: "function numkeys:integer key... arg..."},
		{Name: "function", Arity: -2, Flags: 0, Group: "scripting", Since: "7.0.0", Summary: "A container for function commands", Complexity: "Depends on subcommand.", Subcommands: []*Command{
			sub("function", "load", -3, Write|DenyOOM|NoScript, 0, 0, 0, "Create a function with the given arguments (name, code, description)", cmdFunctionLoad).
				withDocs("scripting", "7.0.0", "O(1) (considering compilation time is redundant)", "[REPLACE] function-code").withTips("request_policy:all_shards response_policy:all_succeeded"),
			sub("function", "list", -2, NoScript, 0, 0, 0, "List information about all the functions", cmdFunctionList).
				withDocs("scripting", "7.0.0", "O(N) where N is the number of functions", "[LIBRARYNAME library-name-pattern] [WITHCODE]").withTips("nondeterministic_output_order"),
			sub("function", "delete", 3, Write|NoScript, 0, 0, 0, "Delete a function by name", cmdFunctionDelete).
				withDocs("scripting", "7.0.0", "O(1)", "library-name").withTips("request_policy:all_shards response_policy:all_succeeded"),
			sub("function", "flush", -2, Write|NoScript, 0, 0, 0, "Deleting all functions", cmdFunctionFlush).
				withDocs("scripting", "7.0.0", "O(N) where N is the number of functions deleted", "[flush-type=<ASYNC | SYNC>]").withTips("request_policy:all_shards response_policy:all_succeeded"),
			sub("function", "stats", 2, NoScript|AllowBusy, 0, 0, 0, "Return information about the function currently running (name, description, duration)", cmdFunctionStats).
				withDocs("scripting", "7.0.0", "O(1)", "").withTips("nondeterministic_output request_policy:all_shards response_policy:special"),
			sub("function", "kill", 2, NoScript|AllowBusy, 0, 0, 0, "Kill the function currently in execution.", cmdFunctionKill).
				withDocs("scripting", "7.0.0", "O(1)", "").withTips("request_policy:all_shards response_policy:one_succeeded"),
			sub("function", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdFunctionHelp).
				withDocs("scripting", "7.0.0", "O(1)", ""),
		}},
		{Name: "script", Arity: -2, Flags: 0, Group: "scripting", Since: "2.6.0", Summary: "A container for Lua scripts management commands", Complexity: "Depends on subcommand.", Subcommands: []*Command{
			sub("script", "load", 3, NoScript|Stale, 0, 0, 0, "Load the specified Lua script into the script cache.", cmdScriptLoad).
				withDocs("scripting", "2.6.0", "O(N) with N being the length in bytes of the script body.", "script").withTips("request_policy:all_nodes response_policy:all_succeeded"),
			sub("script", "exists", -3, NoScript, 0, 0, 0, "Check existence of scripts in the script cache.", cmdScriptExists).
				withDocs("scripting", "2.6.0", "O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).", "sha1...").withTips("request_policy:all_shards response_policy:agg_logical_and"),
			sub("script", "flush", -2, NoScript, 0, 0, 0, "Remove all the scripts from the script cache.", cmdScriptFlush).
				withDocs("scripting", "2.6.0", "O(N) with N being the number of scripts in cache", "[flush-type=<ASYNC | SYNC>]@6.2.0").withHistory("6.2.0: Added the `ASYNC` and `SYNC` flushing mode modifiers.").withTips("request_policy:all_nodes response_policy:all_succeeded"),
			sub("script", "kill", 2, NoScript|AllowBusy, 0, 0, 0, "Kill the script currently in execution.", cmdScriptKill).
				withDocs("scripting", "2.6.0", "O(1)", "").withTips("request_policy:all_shards response_policy:one_succeeded"),
			sub("script", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdScriptHelp).
				withDocs("scripting", "5.0.0", "O(1)", ""),
		}},
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

		// lists
		{Name: "lpush", Arity: -3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Prepend one or multiple elements to a list", KeyFlags: "RW insert", Proc: cmdLPush,
			Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", Syntax: "key element...",
			History: []string{"2.4.0: Accepts multiple `element` arguments."}},
		{Name: "rpush", Arity: -3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Append one or multiple elements to a list", KeyFlags: "RW insert", Proc: cmdRPush,
			Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", Syntax: "key element...",
			History: []string{"2.4.0: Accepts multiple `element` arguments."}},
		{Name: "lpushx", Arity: -3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "2.2.0", Summary: "Prepend an element to a list, only if the list exists", KeyFlags: "RW insert", Proc: cmdLPushX,
			Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", Syntax: "key element...",
			History: []string{"4.0.0: Accepts multiple `element` arguments."}},
		{Name: "rpushx", Arity: -3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "2.2.0", Summary: "Append an element to a list, only if the list exists", KeyFlags: "RW insert", Proc: cmdRPushX,
			Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", Syntax: "key element...",
			History: []string{"4.0.0: Accepts multiple `element` arguments."}},
		{Name: "lpop", Arity: -2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Remove and get the first elements in a list", KeyFlags: "RW access delete", Proc: cmdLPop,
			Complexity: "O(N) where N is the number of elements returned", Syntax: "key [count:integer]@6.2.0",
			History: []string{"6.2.0: Added the `count` argument."}},
		{Name: "rpop", Arity: -2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Remove and get the last elements in a list", KeyFlags: "RW access delete", Proc: cmdRPop,
			Complexity: "O(N) where N is the number of elements returned", Syntax: "key [count:integer]@6.2.0",
			History: []string{"6.2.0: Added the `count` argument."}},
		{Name: "llen", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Get the length of a list", KeyFlags: "RO", Proc: cmdLLen,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "lrange", Arity: 4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Get a range of elements from a list", KeyFlags: "RO access", Proc: cmdLRange,
			Complexity: "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.", Syntax: "key start:integer stop:integer"},
		{Name: "lindex", Arity: 3, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Get an element from a list by its index", KeyFlags: "RO access", Proc: cmdLIndex,
			Complexity: "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).", Syntax: "key index:integer"},
		{Name: "lset", Arity: 4, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Set the value of an element in a list by its index", KeyFlags: "RW update", Proc: cmdLSet,
			Complexity: "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).", Syntax: "key index:integer element"},
		{Name: "linsert", Arity: 5, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "2.2.0", Summary: "Insert an element before or after another element in a list", KeyFlags: "RW insert", Proc: cmdLInsert,
			Complexity: "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).", Syntax: "key where=<BEFORE | AFTER> pivot element"},
		{Name: "lrem", Arity: 4, Flags: Write, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Remove elements from a list", KeyFlags: "RW delete", Proc: cmdLRem,
			Complexity: "O(N+M) where N is the length of the list and M is the number of elements removed.", Syntax: "key count:integer element"},
		{Name: "ltrim", Arity: 4, Flags: Write, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "1.0.0", Summary: "Trim a list to the specified range", KeyFlags: "RW delete", Proc: cmdLTrim,
			Complexity: "O(N) where N is the number of elements to be removed by the operation.", Syntax: "key start:integer stop:integer"},
		{Name: "lpos", Arity: -3, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "list", Since: "6.0.6", Summary: "Return the index of matching elements on a list", KeyFlags: "RO access", Proc: cmdLPos,
			Complexity: "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.", Syntax: "key element [RANK rank:integer] [COUNT num-matches:integer] [MAXLEN len:integer]"},
		{Name: "lmove", Arity: 5, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 2, Step: 1, Group: "list", Since: "6.2.0", Summary: "Pop an element from a list, push it to another list and return it", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RW insert", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdLMove,
			Complexity: "O(1)", Syntax: "source:key destination:key wherefrom=<LEFT | RIGHT> whereto=<LEFT | RIGHT>"},
		{Name: "rpoplpush", Arity: 3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 2, Step: 1, Group: "list", Since: "1.2.0", Summary: "Remove the last element in a list, prepend it to another list and return it", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RW insert", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdRPopLPush,
			Complexity: "O(1)", Syntax: "source:key destination:key",
			DocFlags: "deprecated", DeprecatedSince: "6.2.0", ReplacedBy: "`LMOVE` with the `RIGHT` and `LEFT` arguments"},
		{Name: "lmpop", Arity: -4, Flags: Write, Group: "list", Since: "7.0.0", Summary: "Pop elements from a list", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdLMPop,
			Complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.", Syntax: "numkeys:integer key... where=<LEFT | RIGHT> [COUNT count:integer]"},
		{Name: "blpop", Arity: -3, Flags: Write | NoScript | Blocking, FirstKey: 1, LastKey: -2, Step: 1, Group: "list", Since: "2.0.0", Summary: "Remove and get the first element in a list, or block until one is available", KeyFlags: "RW access delete", Proc: cmdBLPop,
			Complexity: "O(N) where N is the number of provided keys.", History: []string{"6.0.0: `timeout` is interpreted as a double instead of an integer."}, Syntax: "key... timeout:double"},
		{Name: "brpop", Arity: -3, Flags: Write | NoScript | Blocking, FirstKey: 1, LastKey: -2, Step: 1, Group: "list", Since: "2.0.0", Summary: "Remove and get the last element in a list, or block until one is available", KeyFlags: "RW access delete", Proc: cmdBRPop,
			Complexity: "O(N) where N is the number of provided keys.", History: []string{"6.0.0: `timeout` is interpreted as a double instead of an integer."}, Syntax: "key... timeout:double"},
		{Name: "blmove", Arity: 6, Flags: Write | DenyOOM | NoScript | Blocking, FirstKey: 1, LastKey: 2, Step: 1, Group: "list", Since: "6.2.0", Summary: "Pop an element from a list, push it to another list and return it; or block until one is available", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RW insert", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdBLMove,
			Complexity: "O(1)", Syntax: "source:key destination:key wherefrom=<LEFT | RIGHT> whereto=<LEFT | RIGHT> timeout:double"},
		{Name: "brpoplpush", Arity: 4, Flags: Write | DenyOOM | NoScript | Blocking, FirstKey: 1, LastKey: 2, Step: 1, Group: "list", Since: "2.2.0", Summary: "Pop an element from a list, push it to another list and return it; or block until one is available", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RW insert", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdBRPopLPush,
			Complexity: "O(1)", History: []string{"6.0.0: `timeout` is interpreted as a double instead of an integer."}, Syntax: "source:key destination:key timeout:double",
			DocFlags: "deprecated", DeprecatedSince: "6.2.0", ReplacedBy: "`BLMOVE` with the `RIGHT` and `LEFT` arguments"},
		{Name: "blmpop", Arity: -5, Flags: Write | Blocking, Group: "list", Since: "7.0.0", Summary: "Pop elements from a list, or block until one is available", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 2, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdBLMPop,
			Complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.", Syntax: "timeout:double numkeys:integer key... where=<LEFT | RIGHT> [COUNT count:integer]"},

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

		// streams
		{Name: "xadd", Arity: -5, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "Appends a new entry to a stream", Tips: "nondeterministic_output", KeyFlags: "RW update", KeyNotes: "UPDATE instead of INSERT because of the optional trimming feature", Proc: cmdXAdd,
			Complexity: "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.", Syntax: "key [NOMKSTREAM]@6.2.0 trim=[strategy=<MAXLEN | MINID@6.2.0> operator=[equal='=' | approximately='~'] threshold [LIMIT count:integer]@6.2.0] id_or_auto=<auto_id='*' | id> field_value=<field value>...",
			History: []string{"6.2.0: Added the `NOMKSTREAM` option, `MINID` trimming strategy and the `LIMIT` option.", "7.0.0: Added support for the `<ms>-*` explicit ID form."}},
		{Name: "xlen", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "Return the number of entries in a stream", KeyFlags: "RO", Proc: cmdXLen,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "xrange", Arity: -4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "Return a range of elements in a stream, with IDs matching the specified IDs interval", KeyFlags: "RO access", Proc: cmdXRange,
			Complexity: "O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).", Syntax: "key start end [COUNT count:integer]",
			History: []string{"6.2.0: Added exclusive ranges."}},
		{Name: "xrevrange", Arity: -4, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE", KeyFlags: "RO access", Proc: cmdXRevRange,
			Complexity: "O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).", Syntax: "key end start [COUNT count:integer]",
			History: []string{"6.2.0: Added exclusive ranges."}},
		{Name: "xdel", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.", KeyFlags: "RW delete", Proc: cmdXDel,
			Complexity: "O(1) for each single item to delete in the stream, regardless of the stream size.", Syntax: "key id..."},
		{Name: "xtrim", Arity: -4, Flags: Write, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "Trims the stream to (approximately if '~' is passed) a certain size", Tips: "nondeterministic_output", KeyFlags: "RW delete", Proc: cmdXTrim,
			Complexity: "O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.", Syntax: "key trim=<strategy=<MAXLEN | MINID@6.2.0> operator=[equal='=' | approximately='~'] threshold [LIMIT count:integer]@6.2.0>",
			History: []string{"6.2.0: Added the `MINID` trimming strategy and the `LIMIT` option."}},
		{Name: "xsetid", Arity: -3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "An internal command for replicating stream values", KeyFlags: "RW update", Proc: cmdXSetID,
			Complexity: "O(1)", Syntax: "key last-id [ENTRIESADDED entries_added:integer]@7.0.0 [MAXDELETEDID max_deleted_entry_id]@7.0.0",
			History: []string{"7.0.0: Added the `entries_added` and `max_deleted_entry_id` arguments."}},
		{Name: "xread", Arity: -4, Flags: ReadOnly | Blocking, Group: "stream", Since: "5.0.0", Summary: "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.", KeySpecs: []KeySpec{{Flags: "RO access", Keyword: "STREAMS", Index: 1, LastKey: -1, KeyStep: 1, Limit: 2}}, Proc: cmdXRead,
			Complexity: "For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.", Syntax: "[COUNT count:integer] [BLOCK milliseconds:integer] streams=<STREAMS key... id...>"},
		{Name: "xreadgroup", Arity: -7, Flags: Write | Blocking, Group: "stream", Since: "5.0.0", Summary: "Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.", KeySpecs: []KeySpec{{Flags: "RO access", Keyword: "STREAMS", Index: 4, LastKey: -1, KeyStep: 1, Limit: 2}}, Proc: cmdXReadGroup,
			Complexity: "For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.", Syntax: "group_consumer=<GROUP group consumer> [COUNT count:integer] [BLOCK milliseconds:integer] [NOACK] streams=<STREAMS key... id...>"},
		{Name: "xack", Arity: -4, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.", KeyFlags: "RW update", Proc: cmdXAck,
			Complexity: "O(1) for each message ID processed.", Syntax: "key group id..."},
		{Name: "xpending", Arity: -3, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdXPending,
			Complexity: "O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.", Syntax: "key group filters=[[IDLE min-idle-time:integer]@6.2.0 start end count:integer [consumer]]",
			History: []string{"6.2.0: Added the `IDLE` option and exclusive range intervals."}},
		{Name: "xclaim", Arity: -6, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "5.0.0", Summary: "Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.", Tips: "nondeterministic_output", KeyFlags: "RW update", Proc: cmdXClaim,
			Complexity: "O(log N) with N being the number of messages in the PEL of the consumer group.", Syntax: "key group consumer min-idle-time id... [IDLE ms:integer] [TIME unix-time-milliseconds:unix-time] [RETRYCOUNT count:integer] [FORCE] [JUSTID] [LASTID id]"},
		{Name: "xautoclaim", Arity: -6, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "stream", Since: "6.2.0", Summary: "Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.", Tips: "nondeterministic_output", KeyFlags: "RW delete", Proc: cmdXAutoClaim,
			Complexity: "O(1) if COUNT is small.", Syntax: "key group consumer min-idle-time start [COUNT count:integer] [JUSTID]",
			History: []string{"7.0.0: Added an element to the reply array, containing deleted entries the command cleared from the PEL"}},
		{Name: "xgroup", Arity: -2, Group: "stream", Since: "5.0.0", Summary: "A container for consumer groups commands", Complexity: "Depends on subcommand.", Subcommands: []*Command{
			sub("xgroup", "create", -5, Write|DenyOOM, 2, 2, 1, "Create a consumer group.", cmdXGroupCreate).withKeyFlags("RW insert").
				withDocs("stream", "5.0.0", "O(1)", "key groupname id=<id | new_id='$'> [MKSTREAM] [ENTRIESREAD entries_read:integer]").
				withHistory("7.0.0: Added the `entries_read` named argument."),
			sub("xgroup", "setid", -5, Write, 2, 2, 1, "Set a consumer group to an arbitrary last delivered ID value.", cmdXGroupSetID).withKeyFlags("RW update").
				withDocs("stream", "5.0.0", "O(1)", "key groupname id=<id | new_id='$'> [ENTRIESREAD entries_read:integer]").
				withHistory("7.0.0: Added the optional `entries_read` argument."),
			sub("xgroup", "destroy", 4, Write, 2, 2, 1, "Destroy a consumer group.", cmdXGroupDestroy).withKeyFlags("RW delete").
				withDocs("stream", "5.0.0", "O(N) where N is the number of entries in the group's pending entries list (PEL).", "key groupname"),
			sub("xgroup", "createconsumer", 5, Write|DenyOOM, 2, 2, 1, "Create a consumer in a consumer group.", cmdXGroupCreateConsumer).withKeyFlags("RW insert").
				withDocs("stream", "6.2.0", "O(1)", "key groupname consumername"),
			sub("xgroup", "delconsumer", 5, Write, 2, 2, 1, "Delete a consumer from a consumer group.", cmdXGroupDelConsumer).withKeyFlags("RW delete").
				withDocs("stream", "5.0.0", "O(1)", "key groupname consumername"),
			sub("xgroup", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdXGroupHelp).
				withDocs("stream", "5.0.0", "O(1)", ""),
		}},
		{Name: "xinfo", Arity: -2, Group: "stream", Since: "5.0.0", Summary: "A container for stream introspection commands", Complexity: "Depends on subcommand.", Subcommands: []*Command{
			sub("xinfo", "stream", -3, ReadOnly, 2, 2, 1, "Get information about a stream", cmdXInfoStream).withKeyFlags("RO access").
				withDocs("stream", "5.0.0", "O(1)", "key full=[FULL [COUNT count:integer]]").
				withHistory("6.0.0: Added the `FULL` modifier.", "7.0.0: Added the `max-deleted-entry-id`, `entries-added`, `recorded-first-entry-id`, `entries-read` and `lag` fields"),
			sub("xinfo", "groups", 3, ReadOnly, 2, 2, 1, "List the consumer groups of a stream", cmdXInfoGroups).withKeyFlags("RO access").
				withDocs("stream", "5.0.0", "O(1)", "key").
				withHistory("7.0.0: Added the `entries-read` and `lag` fields"),
			sub("xinfo", "consumers", 4, ReadOnly, 2, 2, 1, "List the consumers in a consumer group", cmdXInfoConsumers).withTips("nondeterministic_output").withKeyFlags("RO access").
				withDocs("stream", "5.0.0", "O(1)", "key groupname"),
			sub("xinfo", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdXInfoHelp).
				withDocs("stream", "5.0.0", "O(1)", ""),
		}},

		// hashes
		{Name: "hset", Arity: -4, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Set the string value of a hash field", KeyFlags: "RW update", Proc: cmdHSet,
			Complexity: "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.", Syntax: "key <field value>...",
			History: []string{"4.0.0: Accepts multiple `field` and `value` arguments."}},
		{Name: "hsetnx", Arity: 4, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Set the value of a hash field, only if the field does not exist", KeyFlags: "RW insert", Proc: cmdHSetNX,
			Complexity: "O(1)", Syntax: "key field value"},
		{Name: "hget", Arity: 3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Get the value of a hash field", KeyFlags: "RO access", Proc: cmdHGet,
			Complexity: "O(1)", Syntax: "key field"},
		{Name: "hmset", Arity: -4, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Set multiple hash fields to multiple values", KeyFlags: "RW update", Proc: cmdHSet,
			Complexity: "O(N) where N is the number of fields being set.", Syntax: "key <field value>...",
			DocFlags: "deprecated", DeprecatedSince: "4.0.0", ReplacedBy: "`HSET` with multiple field-value pairs"},
		{Name: "hmget", Arity: -3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Get the values of all the given hash fields", KeyFlags: "RO access", Proc: cmdHMGet,
			Complexity: "O(N) where N is the number of fields being requested.", Syntax: "key field..."},
		{Name: "hgetall", Arity: 2, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Get all the fields and values in a hash", Tips: "nondeterministic_output_order", KeyFlags: "RO access", Proc: cmdHGetAll,
			Complexity: "O(N) where N is the size of the hash.", Syntax: "key"},
		{Name: "hdel", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Delete one or more hash fields", KeyFlags: "RW delete", Proc: cmdHDel,
			Complexity: "O(N) where N is the number of fields to be removed.", Syntax: "key field...",
			History: []string{"2.4.0: Accepts multiple `field` arguments."}},
		{Name: "hexists", Arity: 3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Determine if a hash field exists", KeyFlags: "RO", Proc: cmdHExists,
			Complexity: "O(1)", Syntax: "key field"},
		{Name: "hlen", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Get the number of fields in a hash", KeyFlags: "RO", Proc: cmdHLen,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "hstrlen", Arity: 3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "3.2.0", Summary: "Get the length of the value of a hash field", KeyFlags: "RO", Proc: cmdHStrLen,
			Complexity: "O(1)", Syntax: "key field"},
		{Name: "hincrby", Arity: 4, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Increment the integer value of a hash field by the given number", KeyFlags: "RW access update", Proc: cmdHIncrBy,
			Complexity: "O(1)", Syntax: "key field increment:integer"},
		{Name: "hincrbyfloat", Arity: 4, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.6.0", Summary: "Increment the float value of a hash field by the given amount", KeyFlags: "RW access update", Proc: cmdHIncrByFloat,
			Complexity: "O(1)", Syntax: "key field increment:double"},
		{Name: "hkeys", Arity: 2, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Get all the fields in a hash", Tips: "nondeterministic_output_order", KeyFlags: "RO access", Proc: cmdHKeys,
			Complexity: "O(N) where N is the size of the hash.", Syntax: "key"},
		{Name: "hvals", Arity: 2, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.0.0", Summary: "Get all the values in a hash", Tips: "nondeterministic_output_order", KeyFlags: "RO access", Proc: cmdHVals,
			Complexity: "O(N) where N is the size of the hash.", Syntax: "key"},
		{Name: "hrandfield", Arity: -2, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "6.2.0", Summary: "Get one or multiple random fields from a hash", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdHRandField,
			Complexity: "O(N) where N is the number of fields returned", Syntax: "key options=[count:integer [WITHVALUES]]"},
		{Name: "hscan", Arity: -3, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "hash", Since: "2.8.0", Summary: "Incrementally iterate hash fields and associated values", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdHScan,
			Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..", Syntax: "key cursor:integer [MATCH pattern:pattern] [COUNT count:integer]"},

		// sets
		{Name: "sadd", Arity: -3, Flags: Write | DenyOOM | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Add one or more members to a set", KeyFlags: "RW insert", Proc: cmdSAdd,
			Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", Syntax: "key member...",
			History: []string{"2.4.0: Accepts multiple `member` arguments."}},
		{Name: "srem", Arity: -3, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Remove one or more members from a set", KeyFlags: "RW delete", Proc: cmdSRem,
			Complexity: "O(N) where N is the number of members to be removed.", Syntax: "key member...",
			History: []string{"2.4.0: Accepts multiple `member` arguments."}},
		{Name: "smembers", Arity: 2, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Get all the members in a set", Tips: "nondeterministic_output_order", KeyFlags: "RO access", Proc: cmdSInter,
			Complexity: "O(N) where N is the set cardinality.", Syntax: "key"},
		{Name: "sismember", Arity: 3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Determine if a given value is a member of a set", KeyFlags: "RO", Proc: cmdSIsMember,
			Complexity: "O(1)", Syntax: "key member"},
		{Name: "smismember", Arity: -3, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "set", Since: "6.2.0", Summary: "Returns the membership associated with the given elements for a set", KeyFlags: "RO access", Proc: cmdSMIsMember,
			Complexity: "O(N) where N is the number of elements being checked for membership", Syntax: "key member..."},
		{Name: "scard", Arity: 2, Flags: ReadOnly | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Get the number of members in a set", KeyFlags: "RO", Proc: cmdSCard,
			Complexity: "O(1)", Syntax: "key"},
		{Name: "spop", Arity: -2, Flags: Write | Fast, FirstKey: 1, LastKey: 1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Remove and return one or multiple random members from a set", Tips: "nondeterministic_output", KeyFlags: "RW access delete", Proc: cmdSPop,
			Complexity: "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.", Syntax: "key [count:integer]@3.2.0",
			History: []string{"3.2.0: Added the `count` argument."}},
		{Name: "srandmember", Arity: -2, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Get one or multiple random members from a set", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdSRandMember,
			Complexity: "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.", Syntax: "key [count:integer]@2.6.0",
			History: []string{"2.6.0: Added the optional `count` argument."}},
		{Name: "smove", Arity: 4, Flags: Write | Fast, FirstKey: 1, LastKey: 2, Step: 1, Group: "set", Since: "1.0.0", Summary: "Move a member from one set to another", KeySpecs: []KeySpec{{Flags: "RW access delete", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RW insert", Index: 2, LastKey: 0, KeyStep: 1}}, Proc: cmdSMove,
			Complexity: "O(1)", Syntax: "source:key destination:key member"},
		{Name: "sinter", Arity: -2, Flags: ReadOnly, FirstKey: 1, LastKey: -1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Intersect multiple sets", Tips: "nondeterministic_output_order", KeyFlags: "RO access", Proc: cmdSInter,
			Complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", Syntax: "key..."},
		{Name: "sunion", Arity: -2, Flags: ReadOnly, FirstKey: 1, LastKey: -1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Add multiple sets", Tips: "nondeterministic_output_order", KeyFlags: "RO access", Proc: cmdSUnion,
			Complexity: "O(N) where N is the total number of elements in all given sets.", Syntax: "key..."},
		{Name: "sdiff", Arity: -2, Flags: ReadOnly, FirstKey: 1, LastKey: -1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Subtract multiple sets", Tips: "nondeterministic_output_order", KeyFlags: "RO access", Proc: cmdSDiff,
			Complexity: "O(N) where N is the total number of elements in all given sets.", Syntax: "key..."},
		{Name: "sinterstore", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: -1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Intersect multiple sets and store the resulting set in a key", KeySpecs: []KeySpec{{Flags: "RW update", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RO access", Index: 2, LastKey: -1, KeyStep: 1}}, Proc: cmdSInterStore,
			Complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", Syntax: "destination:key key..."},
		{Name: "sunionstore", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: -1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Add multiple sets and store the resulting set in a key", KeySpecs: []KeySpec{{Flags: "OW update", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RO access", Index: 2, LastKey: -1, KeyStep: 1}}, Proc: cmdSUnionStore,
			Complexity: "O(N) where N is the total number of elements in all given sets.", Syntax: "destination:key key..."},
		{Name: "sdiffstore", Arity: -3, Flags: Write | DenyOOM, FirstKey: 1, LastKey: -1, Step: 1, Group: "set", Since: "1.0.0", Summary: "Subtract multiple sets and store the resulting set in a key", KeySpecs: []KeySpec{{Flags: "OW update", Index: 1, LastKey: 0, KeyStep: 1}, {Flags: "RO access", Index: 2, LastKey: -1, KeyStep: 1}}, Proc: cmdSDiffStore,
			Complexity: "O(N) where N is the total number of elements in all given sets.", Syntax: "destination:key key..."},
		{Name: "sintercard", Arity: -3, Flags: ReadOnly, Group: "set", Since: "7.0.0", Summary: "Intersect multiple sets and return the cardinality of the result", KeySpecs: []KeySpec{{Flags: "RO access", Index: 1, Keynum: true, FirstKey: 1, KeyStep: 1}}, Proc: cmdSInterCard,
			Complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", Syntax: "numkeys:integer key... [LIMIT limit:integer]"},
		{Name: "sscan", Arity: -3, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "set", Since: "2.8.0", Summary: "Incrementally iterate Set elements", Tips: "nondeterministic_output", KeyFlags: "RO access", Proc: cmdSScan,
			Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..", Syntax: "key cursor:integer [MATCH pattern:pattern] [COUNT count:integer]"},

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
		{Name: "sort", Arity: -2, Flags: Write | DenyOOM, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "1.0.0", Summary: "Sort the elements in a list, set or sorted set", ACL: "@set @sortedset @list @dangerous -@keyspace", KeySpecs: []KeySpec{sortKeySpecSource, sortKeySpecByGet, sortKeySpecStore}, Keys: keysSort, Proc: cmdSort,
			Complexity: sortComplexity, Syntax: "key [BY pattern:pattern#1] [LIMIT offset:integer count:integer] [GET pattern:pattern#1]... order=[ASC | DESC] sorting=[ALPHA] [STORE destination:key#2]"},
		{Name: "sort_ro", Arity: -2, Flags: ReadOnly, FirstKey: 1, LastKey: 1, Step: 1, Group: "generic", Since: "7.0.0", Summary: "Sort the elements in a list, set or sorted set. Read-only variant of SORT.", ACL: "@set @sortedset @list @dangerous -@keyspace", KeySpecs: []KeySpec{sortKeySpecSource, sortKeySpecByGet}, Proc: cmdSortRO,
			Complexity: sortComplexity, Syntax: "key [BY pattern:pattern#1] [LIMIT offset:integer count:integer] [GET pattern:pattern#1]... order=[ASC | DESC] sorting=[ALPHA]"},
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

		// cluster (cmd_cluster.go)
		{Name: "readonly", Arity: 1, Flags: Loading | Stale | Fast, Group: "cluster", Since: "3.0.0", Summary: "Enables read queries for a connection to a cluster replica node", ACL: "@connection", Proc: cmdReadOnly,
			Complexity: "O(1)"},
		{Name: "readwrite", Arity: 1, Flags: Loading | Stale | Fast, Group: "cluster", Since: "3.0.0", Summary: "Disables read queries for a connection to a cluster replica node", ACL: "@connection", Proc: cmdReadOnly,
			Complexity: "O(1)"},
		{Name: "asking", Arity: 1, Flags: Fast, Group: "cluster", Since: "3.0.0", Summary: "Sent by cluster clients after an -ASK redirect", ACL: "@connection", Proc: cmdReadOnly,
			Complexity: "O(1)"},
		{Name: "cluster", Arity: -2, Group: "cluster", Since: "3.0.0", Summary: "A container for cluster commands", Complexity: "Depends on subcommand.", Subcommands: clusterSubcommands(sub)},
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

// clusterSubcommands are CLUSTER's, as Redis 7.0 declares them; those
// that change the topology answer what a one-node cluster owning every
// slot can truthfully answer (cmd_cluster.go).
func clusterSubcommands(sub func(parent, name string, arity int, flags Flag, first, last, step int, summary string, proc func(*Client, [][]byte)) *Command) []*Command {
	const (
		admin = Admin | Stale | NoAsyncLoading
		nd    = "nondeterministic_output"
	)
	deprecated := func(cmd *Command, since, by string) *Command {
		cmd.DocFlags, cmd.DeprecatedSince, cmd.ReplacedBy = "deprecated", since, by
		return cmd
	}
	return []*Command{
		sub("cluster", "addslots", -3, admin, 0, 0, 0, "Assign new hash slots to receiving node", cmdClusterAddSlots).
			withDocs("cluster", "3.0.0", "O(N) where N is the total number of hash slot arguments", "slot:integer..."),
		sub("cluster", "addslotsrange", -4, admin, 0, 0, 0, "Assign new hash slots to receiving node", cmdClusterAddSlotsRange).
			withDocs("cluster", "7.0.0", "O(N) where N is the total number of the slots between the start slot and end slot arguments.", "<start-slot:integer end-slot:integer>..."),
		sub("cluster", "bumpepoch", 2, admin, 0, 0, 0, "Advance the cluster config epoch", cmdClusterBumpEpoch).withTips(nd).
			withDocs("cluster", "3.0.0", "O(1)", ""),
		sub("cluster", "count-failure-reports", 3, Admin|Stale, 0, 0, 0, "Return the number of failure reports active for a given node", cmdClusterCountFailureReports).withTips(nd).
			withDocs("cluster", "3.0.0", "O(N) where N is the number of failure reports", "node-id"),
		sub("cluster", "countkeysinslot", 3, Stale, 0, 0, 0, "Return the number of local keys in the specified hash slot", cmdClusterCountKeysInSlot).
			withDocs("cluster", "3.0.0", "O(1)", "slot:integer"),
		sub("cluster", "delslots", -3, admin, 0, 0, 0, "Set hash slots as unbound in receiving node", cmdClusterDelSlots).
			withDocs("cluster", "3.0.0", "O(N) where N is the total number of hash slot arguments", "slot:integer..."),
		sub("cluster", "delslotsrange", -4, admin, 0, 0, 0, "Set hash slots as unbound in receiving node", cmdClusterDelSlotsRange).
			withDocs("cluster", "7.0.0", "O(N) where N is the total number of the slots between the start slot and end slot arguments.", "<start-slot:integer end-slot:integer>..."),
		sub("cluster", "failover", -2, admin, 0, 0, 0, "Forces a replica to perform a manual failover of its master.", cmdClusterFailover).
			withDocs("cluster", "3.0.0", "O(1)", "options=[FORCE | TAKEOVER]"),
		sub("cluster", "flushslots", 2, admin, 0, 0, 0, "Delete a node's own slots information", cmdClusterFlushSlots).
			withDocs("cluster", "3.0.0", "O(1)", ""),
		sub("cluster", "forget", 3, admin, 0, 0, 0, "Remove a node from the nodes table", cmdClusterForget).
			withDocs("cluster", "3.0.0", "O(1)", "node-id"),
		sub("cluster", "getkeysinslot", 4, Stale, 0, 0, 0, "Return local key names in the specified hash slot", cmdClusterGetKeysInSlot).withTips(nd).
			withDocs("cluster", "3.0.0", "O(log(N)) where N is the number of requested keys", "slot:integer count:integer"),
		sub("cluster", "help", 2, Loading|Stale, 0, 0, 0, "Show helpful text about the different subcommands", cmdClusterHelp).
			withDocs("cluster", "5.0.0", "O(1)", ""),
		sub("cluster", "info", 2, Stale, 0, 0, 0, "Provides info about Redis Cluster node state", cmdClusterInfo).withTips(nd).
			withDocs("cluster", "3.0.0", "O(1)", ""),
		sub("cluster", "keyslot", 3, Stale, 0, 0, 0, "Returns the hash slot of the specified key", cmdClusterKeySlot).
			withDocs("cluster", "3.0.0", "O(N) where N is the number of bytes in the key", "key:string"),
		sub("cluster", "links", 2, Stale, 0, 0, 0, "Returns a list of all TCP links to and from peer nodes in cluster", cmdClusterLinks).withTips(nd).
			withDocs("cluster", "7.0.0", "O(N) where N is the total number of Cluster nodes", ""),
		sub("cluster", "meet", -4, admin, 0, 0, 0, "Force a node cluster to handshake with another node", cmdClusterMeet).
			withDocs("cluster", "3.0.0", "O(1)", "ip port:integer [cluster_bus_port:integer]@4.0.0").
			withHistory("4.0.0: Added the optional `cluster_bus_port` argument."),
		sub("cluster", "myid", 2, Stale, 0, 0, 0, "Return the node id", cmdClusterMyID).
			withDocs("cluster", "3.0.0", "O(1)", ""),
		sub("cluster", "nodes", 2, Stale, 0, 0, 0, "Get Cluster config for the node", cmdClusterNodes).withTips(nd).
			withDocs("cluster", "3.0.0", "O(N) where N is the total number of Cluster nodes", ""),
		sub("cluster", "replicas", 3, Admin|Stale, 0, 0, 0, "List replica nodes of the specified master node", cmdClusterReplicas).withTips(nd).
			withDocs("cluster", "5.0.0", "O(1)", "node-id"),
		sub("cluster", "replicate", 3, admin, 0, 0, 0, "Reconfigure a node as a replica of the specified master node", cmdClusterReplicate).
			withDocs("cluster", "3.0.0", "O(1)", "node-id"),
		sub("cluster", "reset", -2, Admin|NoScript|Stale, 0, 0, 0, "Reset a Redis Cluster node", cmdClusterReset).
			withDocs("cluster", "3.0.0", "O(N) where N is the number of known nodes. The command may execute a FLUSHALL as a side effect.", "hard_soft=[HARD | SOFT]"),
		sub("cluster", "saveconfig", 2, admin, 0, 0, 0, "Forces the node to save cluster state on disk", cmdClusterSaveConfig).
			withDocs("cluster", "3.0.0", "O(1)", ""),
		sub("cluster", "set-config-epoch", 3, admin, 0, 0, 0, "Set the configuration epoch in a new node", cmdClusterSetConfigEpoch).
			withDocs("cluster", "3.0.0", "O(1)", "config-epoch:integer"),
		sub("cluster", "setslot", -4, admin, 0, 0, 0, "Bind a hash slot to a specific node", cmdClusterSetSlot).
			withDocs("cluster", "3.0.0", "O(1)", "slot:integer subcommand=<IMPORTING node-id | MIGRATING node-id | NODE node-id | STABLE>"),
		sub("cluster", "shards", 2, Stale, 0, 0, 0, "Get array of cluster slots to node mappings", cmdClusterShards).withTips(nd).
			withDocs("cluster", "7.0.0", "O(N) where N is the total number of cluster nodes", ""),
		deprecated(sub("cluster", "slaves", 3, Admin|Stale, 0, 0, 0, "List replica nodes of the specified master node", cmdClusterReplicas).withTips(nd).
			withDocs("cluster", "3.0.0", "O(1)", "node-id"), "5.0.0", "`CLUSTER REPLICAS`"),
		deprecated(sub("cluster", "slots", 2, Stale, 0, 0, 0, "Get array of Cluster slot to node mappings", cmdClusterSlots).withTips(nd).
			withDocs("cluster", "3.0.0", "O(N) where N is the total number of Cluster nodes", "").
			withHistory("4.0.0: Added node IDs.", "7.0.0: Added additional networking metadata field."), "7.0.0", "`CLUSTER SHARDS`"),
	}
}
