package compat_test

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// Cases for pub/sub: SUBSCRIBE and friends, PUBLISH and SPUBLISH, PUBSUB,
// the subscribed mode of RESP2 connections, RESP3 pushes, and the
// bookkeeping that CLIENT LIST, CLIENT KILL and INFO show.

// errSubscribedMode is the reply to a command a subscribed RESP2
// connection may not send.
func errSubscribedMode(cmd string) string {
	return "ERR Can't execute '" + cmd + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
}

// psReply is the RESP2 encoding of a (un)subscribe confirmation or a
// message: an array of bulk strings with an integer count last when
// count >= 0. A RESP3 push starts with '>' instead of '*'.
func psReply(head byte, count int, parts ...string) string {
	n := len(parts)
	if count >= 0 {
		n++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%c%d\r\n", head, n)
	for _, p := range parts {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(p), p)
	}
	if count >= 0 {
		fmt.Fprintf(&b, ":%d\r\n", count)
	}
	return b.String()
}

// sub2 is a RESP2 confirmation such as ["subscribe", "a", 1].
func sub2(kind, name string, count int) string { return psReply('*', count, kind, name) }

// msg2 is a RESP2 message such as ["message", "a", "hello"].
func msg2(parts ...string) string { return psReply('*', -1, parts...) }

// sub3 and msg3 are their RESP3 push forms.
func sub3(kind, name string, count int) string { return psReply('>', count, kind, name) }
func msg3(parts ...string) string              { return psReply('>', -1, parts...) }

// pushed reads one message pushed to connection i.
func pushed(i int) Step { return Recv().On(i) }

// inAnyOrder reads n replies that Redis sends in an unspecified order
// (UNSUBSCRIBE without arguments walks a hash table; a channel matching
// several patterns is delivered once per pattern in hash order) and
// checks, on every target, that they are the wanted raw replies in some
// order. The counts they carry depend on the order, so the wanted
// replies are compared with their counts masked; counts must go down by
// one from reply to reply, ending at last (last < 0: no counts).
func inAnyOrder(st Step, last int, want ...string) Step {
	st = st.Replies(len(want)).Ignore()
	st.checks = append(st.checks, func(_ *Value, raw []byte) error {
		var got []*Value
		for len(raw) > 0 {
			v, n, err := ParseValue(raw)
			if err != nil {
				return err
			}
			got, raw = append(got, v), raw[n:]
		}
		if len(got) != len(want) {
			return fmt.Errorf("%d replies, want %d", len(got), len(want))
		}
		mask := func(v *Value) string {
			v = v.Clone()
			if n := len(v.Elems); n > 0 && v.Elems[n-1].Type == ':' {
				v.Elems[n-1] = &Value{Type: ':', Str: "N"}
			}
			return string(v.Encode())
		}
		var g, w []string
		for i, v := range got {
			g = append(g, mask(v))
			if last >= 0 {
				n := len(v.Elems)
				if n == 0 || v.Elems[n-1].Str != fmt.Sprint(last+len(got)-1-i) {
					return fmt.Errorf("reply %d: count %s, want %d", i, v, last+len(got)-1-i)
				}
			}
		}
		for _, s := range want {
			v, _, err := ParseValue([]byte(s))
			if err != nil {
				return err
			}
			w = append(w, mask(v))
		}
		sort.Strings(g)
		sort.Strings(w)
		if strings.Join(g, "") != strings.Join(w, "") {
			return fmt.Errorf("replies %q, want %q in any order", g, w)
		}
		return nil
	})
	return st
}

// comparePubsubStats compares the pub/sub counters of two INFO replies.
func comparePubsubStats(want, got *Value) error {
	fields := func(v *Value) (string, error) {
		var out []string
		for _, l := range strings.Split(strings.TrimPrefix(v.Str, "txt:"), "\r\n") {
			if strings.HasPrefix(l, "pubsub") {
				out = append(out, l)
			}
		}
		if len(out) != 3 {
			return "", fmt.Errorf("want 3 pubsub fields in %s", v)
		}
		return strings.Join(out, " "), nil
	}
	w, err := fields(want)
	if err != nil {
		return err
	}
	g, err := fields(got)
	if err != nil {
		return err
	}
	if w != g {
		return fmt.Errorf("%s vs %s", w, g)
	}
	return nil
}

// pubsubStats asserts INFO's pub/sub counters on every target.
func pubsubStats(channels, patterns, shard int) Step {
	want := fmt.Sprintf("pubsub_channels:%d pubsub_patterns:%d pubsubshard_channels:%d", channels, patterns, shard)
	return C("INFO", "stats").Compare(comparePubsubStats).Check(func(v *Value) error {
		var got []string
		for _, l := range strings.Split(v.Str, "\r\n") {
			if strings.HasPrefix(l, "pubsub") {
				got = append(got, l)
			}
		}
		if strings.Join(got, " ") != want {
			return errors.New("want " + want)
		}
		return nil
	})
}

var pubsubCases = []Case{
	// SUBSCRIBE / UNSUBSCRIBE
	cs("SUBSCRIBE replies once per channel with the running count",
		C("SUBSCRIBE", "a").Want(sub2("subscribe", "a", 1)),
		C("SUBSCRIBE", "b", "c").Replies(2).Want(sub2("subscribe", "b", 2)+sub2("subscribe", "c", 3))),
	cs("SUBSCRIBE twice to a channel does not count it twice",
		C("SUBSCRIBE", "a", "b", "a").Replies(3).Want(sub2("subscribe", "a", 1)+sub2("subscribe", "b", 2)+sub2("subscribe", "a", 2)),
		C("SUBSCRIBE", "b").Want(sub2("subscribe", "b", 2))),
	cs("UNSUBSCRIBE of a channel not subscribed replies with the current count",
		C("SUBSCRIBE", "a"),
		C("UNSUBSCRIBE", "nope").Want(sub2("unsubscribe", "nope", 1)),
		C("UNSUBSCRIBE", "a", "a").Replies(2).Want(sub2("unsubscribe", "a", 0)+sub2("unsubscribe", "a", 0))),
	cs("UNSUBSCRIBE not subscribed at all",
		C("UNSUBSCRIBE", "x").Want(sub2("unsubscribe", "x", 0)),
		C("UNSUBSCRIBE").Want("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n"),
		C("PUNSUBSCRIBE").Want("*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n"),
		C("SUNSUBSCRIBE").Want("*3\r\n$12\r\nsunsubscribe\r\n$-1\r\n:0\r\n"),
		C("GET", "k").Want("$-1\r\n")),
	cs("UNSUBSCRIBE without arguments unsubscribes from every channel",
		C("SUBSCRIBE", "a", "b", "c").Replies(3),
		C("PSUBSCRIBE", "p*").Want(sub2("psubscribe", "p*", 4)),
		inAnyOrder(C("UNSUBSCRIBE"), 1, sub2("unsubscribe", "a", 0), sub2("unsubscribe", "b", 0), sub2("unsubscribe", "c", 0)),
		C("UNSUBSCRIBE").Want("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:1\r\n"),
		C("PUNSUBSCRIBE").Want(sub2("punsubscribe", "p*", 0)),
		C("GET", "k").Want("$-1\r\n")),
	cs("UNSUBSCRIBE without arguments of one channel",
		C("SUBSCRIBE", "only"), C("UNSUBSCRIBE").Want(sub2("unsubscribe", "only", 0)), C("PING").Want("+PONG\r\n")),
	cs("SUBSCRIBE with empty and binary channel names",
		C("SUBSCRIBE", "", "a b\r\n\x00\xff").Replies(2),
		C("PUBLISH", "", "m").On(1).Want(":1\r\n"), pushed(0).Want(msg2("message", "", "m")),
		C("PUBLISH", "a b\r\n\x00\xff", "\x00").On(1).Want(":1\r\n"), pushed(0),
		C("UNSUBSCRIBE", "").Want(sub2("unsubscribe", "", 1))),
	cs("SUBSCRIBE and UNSUBSCRIBE arity",
		C("SUBSCRIBE").WantErr(arity("subscribe")),
		C("PSUBSCRIBE").WantErr(arity("psubscribe")),
		C("SSUBSCRIBE").WantErr(arity("ssubscribe")),
		C("PUBLISH", "a").WantErr(arity("publish")),
		C("PUBLISH", "a", "b", "c").WantErr(arity("publish")),
		C("SPUBLISH", "a").WantErr(arity("spublish")),
		C("PING").Want("+PONG\r\n")),
	cs("subscribe commands are case-insensitive",
		C("subscribe", "A"), C("pSubScribe", "B*"), C("Unsubscribe", "A"), C("punsubscribe", "B*")),

	// PSUBSCRIBE / PUNSUBSCRIBE
	cs("PSUBSCRIBE counts with channels",
		C("SUBSCRIBE", "a"),
		C("PSUBSCRIBE", "a*", "b?", "a*").Replies(3).Want(sub2("psubscribe", "a*", 2)+sub2("psubscribe", "b?", 3)+sub2("psubscribe", "a*", 3)),
		C("PUNSUBSCRIBE", "nope").Want(sub2("punsubscribe", "nope", 3)),
		C("PUNSUBSCRIBE", "a*").Want(sub2("punsubscribe", "a*", 2)),
		C("UNSUBSCRIBE", "a").Want(sub2("unsubscribe", "a", 1)),
		inAnyOrder(C("PUNSUBSCRIBE"), 0, sub2("punsubscribe", "b?", 0))),
	cs("PUNSUBSCRIBE without arguments unsubscribes from every pattern",
		C("PSUBSCRIBE", "x*", "y*").Replies(2),
		inAnyOrder(C("PUNSUBSCRIBE"), 0, sub2("punsubscribe", "x*", 0), sub2("punsubscribe", "y*", 0)),
		C("PUNSUBSCRIBE").Want("*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n")),

	// SSUBSCRIBE / SUNSUBSCRIBE / SPUBLISH
	cs("SSUBSCRIBE counts shard channels on their own",
		C("SUBSCRIBE", "a", "b").Replies(2),
		C("SSUBSCRIBE", "s1", "s2", "s1").Replies(3).Want(sub2("ssubscribe", "s1", 1)+sub2("ssubscribe", "s2", 2)+sub2("ssubscribe", "s1", 2)),
		C("PSUBSCRIBE", "p").Want(sub2("psubscribe", "p", 3)),
		C("SUNSUBSCRIBE", "s1", "nope").Replies(2).Want(sub2("sunsubscribe", "s1", 1)+sub2("sunsubscribe", "nope", 1)),
		C("UNSUBSCRIBE", "a").Want(sub2("unsubscribe", "a", 2)),
		C("SUNSUBSCRIBE").Want(sub2("sunsubscribe", "s2", 0)),
		C("SUNSUBSCRIBE").Want("*3\r\n$12\r\nsunsubscribe\r\n$-1\r\n:0\r\n"),
		C("GET", "k").WantErr(errSubscribedMode("get"))),
	cs("SPUBLISH reaches shard subscribers only",
		C("SSUBSCRIBE", "ch").On(1),
		C("SUBSCRIBE", "ch").On(2),
		C("PSUBSCRIBE", "*").On(3),
		C("SPUBLISH", "ch", "shard").Want(":1\r\n"), pushed(1).Want(msg2("smessage", "ch", "shard")),
		C("PUBLISH", "ch", "plain").Want(":2\r\n"), pushed(2).Want(msg2("message", "ch", "plain")),
		pushed(3).Want(msg2("pmessage", "*", "ch", "plain")),
		C("SPUBLISH", "nobody", "x").Want(":0\r\n"),
		C("PING").On(1).Want(msg2("pong", "")),
		C("PING").On(2).Want(msg2("pong", ""))),
	cs("SSUBSCRIBE inside MULTI is refused at EXEC",
		C("MULTI"), C("SUBSCRIBE", "x"), C("SSUBSCRIBE", "y"), C("PSUBSCRIBE", "z*"),
		C("EXEC").Want("*3\r\n"+sub2("subscribe", "x", 1)+"-ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client\r\n"+sub2("psubscribe", "z*", 2)),
		C("GET", "k").WantErr(errSubscribedMode("get"))),

	// PUBLISH
	cs("PUBLISH without subscribers", C("PUBLISH", "ch", "m").Want(":0\r\n")),
	cs("PUBLISH counts every matching subscription",
		C("SUBSCRIBE", "news").On(1),
		C("SUBSCRIBE", "news").On(2), C("PSUBSCRIBE", "n*").On(2),
		C("PSUBSCRIBE", "n*").On(3),
		C("PUBLISH", "news", "hello").Want(":4\r\n"),
		pushed(1).Want(msg2("message", "news", "hello")),
		pushed(2).Want(msg2("message", "news", "hello")),
		pushed(2).Want(msg2("pmessage", "n*", "news", "hello")),
		pushed(3).Want(msg2("pmessage", "n*", "news", "hello")),
		C("PUBLISH", "nope", "x").Want(":2\r\n"),
		pushed(2).Want(msg2("pmessage", "n*", "nope", "x")),
		pushed(3).Want(msg2("pmessage", "n*", "nope", "x")),
		C("PUBLISH", "other", "x").Want(":0\r\n"),
		C("PUBSUB", "NUMPAT").Want(":1\r\n")),
	cs("PUBLISH to a client matching several patterns",
		C("PSUBSCRIBE", "a*", "*", "a?c", "b*").On(1).Replies(4),
		C("PUBLISH", "abc", "m").Want(":3\r\n"),
		inAnyOrder(pushed(1), -1, msg2("pmessage", "a*", "abc", "m"), msg2("pmessage", "*", "abc", "m"), msg2("pmessage", "a?c", "abc", "m")),
		C("PING").On(1).Want(msg2("pong", ""))),
	cs("PSUBSCRIBE glob patterns",
		C("PSUBSCRIBE", "h?llo", "h*llo", "h[ae]llo", "h[^e]llo", "h[a-b]llo", `h\*llo`, "HELLO").On(1).Replies(7),
		C("PUBLISH", "hello", "1").Want(":3\r\n"), pushed(1).Replies(3).Ignore(),
		C("PUBLISH", "hallo", "2").Want(":5\r\n"), pushed(1).Replies(5).Ignore(),
		C("PUBLISH", "h*llo", "3").Want(":4\r\n"), pushed(1).Replies(4).Ignore(),
		C("PUBLISH", "heeeello", "4").Want(":1\r\n"), pushed(1).Want(msg2("pmessage", "h*llo", "heeeello", "4")),
		C("PUBLISH", "Hello", "5").Want(":0\r\n"),
		C("PING").On(1).Want(msg2("pong", ""))),
	cs("a subscriber gets messages published before its PING first",
		C("SUBSCRIBE", "a", "b").Replies(2),
		C("PUBLISH", "a", "1").On(1).Want(":1\r\n"),
		C("PUBLISH", "b", "2").On(1).Want(":1\r\n"),
		C("PING", "x").Replies(3).Want(msg2("message", "a", "1")+msg2("message", "b", "2")+msg2("pong", "x"))),
	cs("messages published before UNSUBSCRIBE come before its reply",
		C("SUBSCRIBE", "a"),
		C("PUBLISH", "a", "last").On(1).Want(":1\r\n"),
		C("UNSUBSCRIBE", "a").Replies(2).Want(msg2("message", "a", "last")+sub2("unsubscribe", "a", 0)),
		C("PUBLISH", "a", "gone").On(1).Want(":0\r\n"),
		C("PING").Want("+PONG\r\n")),
	cs("PUBLISH inside MULTI",
		C("SUBSCRIBE", "ch").On(1),
		C("MULTI"), C("PUBLISH", "ch", "1").Want("+QUEUED\r\n"), C("PUBLISH", "ch", "2"),
		C("EXEC").Want("*2\r\n:1\r\n:1\r\n"),
		pushed(1).Want(msg2("message", "ch", "1")), pushed(1).Want(msg2("message", "ch", "2"))),
	cs("a large message",
		C("SUBSCRIBE", "big").On(1),
		C("PUBLISH", "big", strings.Repeat("x", 100000)).Want(":1\r\n"),
		pushed(1)),

	// The subscribed mode of RESP2 connections
	cs("a subscribed RESP2 connection allows only some commands",
		C("SUBSCRIBE", "a"),
		C("GET", "k").WantErr(errSubscribedMode("get")),
		C("SET", "k", "v").WantErr(errSubscribedMode("set")),
		C("CLIENT", "LIST").WantErr(errSubscribedMode("client|list")),
		C("CONFIG", "GET", "timeout").WantErr(errSubscribedMode("config|get")),
		C("MULTI").WantErr(errSubscribedMode("multi")),
		C("HELLO", "3").WantErr(errSubscribedMode("hello")),
		C("PUBLISH", "a", "x").WantErr(errSubscribedMode("publish")),
		C("PUBSUB", "NUMSUB", "a").WantErr(errSubscribedMode("pubsub|numsub")),
		C("EXISTS", "k").On(1).Want(":0\r\n"),
		C("PSUBSCRIBE", "x*").Want(sub2("psubscribe", "x*", 2))),
	cs("a subscribed connection checks the command and arity first",
		C("SUBSCRIBE", "a"),
		C("NOSUCH", "x").WantErr("ERR unknown command 'NOSUCH', with args beginning with: 'x' "),
		C("GET").WantErr(arity("get")),
		C("PING", "a", "b").WantErr(arity("ping")),
		C("SUBSCRIBE").WantErr(arity("subscribe")),
		C("CLIENT", "NOSUCH").WantErr(unknownSub("NOSUCH", "client"))),
	cs("PING in subscribed mode",
		C("SUBSCRIBE", "a"),
		C("PING").Want(msg2("pong", "")),
		C("PING", "hi").Want(msg2("pong", "hi")),
		C("UNSUBSCRIBE"),
		C("PING").Want("+PONG\r\n"),
		C("PING", "hi").Want("$2\r\nhi\r\n")),
	cs("QUIT in subscribed mode", C("SUBSCRIBE", "a"), C("QUIT").Want("+OK\r\n").Closes(),
		C("PUBSUB", "NUMSUB", "a").Want("*2\r\n$1\r\na\r\n:0\r\n")),
	cs("RESET in subscribed mode unsubscribes from everything",
		C("SUBSCRIBE", "a"), C("PSUBSCRIBE", "p*"), C("SSUBSCRIBE", "s"),
		C("RESET").Want("+RESET\r\n"),
		C("GET", "k").Want("$-1\r\n"),
		C("PUBLISH", "a", "x").On(1).Want(":0\r\n"),
		C("PUBLISH", "pa", "x").On(1).Want(":0\r\n"),
		C("SPUBLISH", "s", "x").On(1).Want(":0\r\n"),
		C("PUBSUB", "NUMPAT").On(1).Want(":0\r\n"),
		C("UNSUBSCRIBE").Want("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n"),
		C("PING").Want("+PONG\r\n")),
	cs("RESET in RESP3 subscribed mode goes back to RESP2",
		hello("3"), C("SUBSCRIBE", "a").Want(sub3("subscribe", "a", 1)), C("RESET").Want("+RESET\r\n"),
		C("GET", "k").Want("$-1\r\n")),
	cs("subscribed mode ends with the last subscription",
		C("SUBSCRIBE", "a"), C("SSUBSCRIBE", "s"),
		C("UNSUBSCRIBE", "a"), C("GET", "k").WantErr(errSubscribedMode("get")),
		C("SUNSUBSCRIBE", "s"), C("GET", "k").Want("$-1\r\n")),
	cs("a MONITOR connection that subscribes",
		C("MONITOR"), C("SUBSCRIBE", "a").Replies(2).Ignore(),
		C("GET", "k").WantErr(errSubscribedMode("get"))),

	// RESP3
	cs("RESP3 subscribe replies are pushes",
		hello("3"),
		C("SUBSCRIBE", "a", "b").Replies(2).Want(sub3("subscribe", "a", 1)+sub3("subscribe", "b", 2)),
		C("PSUBSCRIBE", "a*").Want(sub3("psubscribe", "a*", 3)),
		C("SSUBSCRIBE", "s").Want(sub3("ssubscribe", "s", 1)),
		C("UNSUBSCRIBE", "a").Want(sub3("unsubscribe", "a", 2)),
		C("PUNSUBSCRIBE", "a*").Want(sub3("punsubscribe", "a*", 1)),
		C("SUNSUBSCRIBE", "s").Want(sub3("sunsubscribe", "s", 0)),
		C("UNSUBSCRIBE", "b").Want(sub3("unsubscribe", "b", 0)),
		C("UNSUBSCRIBE").Want(">3\r\n$11\r\nunsubscribe\r\n_\r\n:0\r\n"),
		C("PUNSUBSCRIBE").Want(">3\r\n$12\r\npunsubscribe\r\n_\r\n:0\r\n")),
	cs("RESP3 subscribers may run any command",
		hello("3"),
		C("SUBSCRIBE", "a"),
		C("SET", "k", "v").Want("+OK\r\n"),
		C("GET", "k").Want("$1\r\nv\r\n"),
		C("PING").Want("+PONG\r\n"),
		C("PING", "x").Want("$1\r\nx\r\n"),
		C("MULTI"), C("GET", "k"), C("EXEC").Want("*1\r\n$1\r\nv\r\n"),
		C("PUBSUB", "NUMSUB", "a").Want("*2\r\n$1\r\na\r\n:1\r\n")),
	cs("RESP3 messages are pushes",
		hello("3").On(1),
		C("SUBSCRIBE", "ch").On(1),
		C("PSUBSCRIBE", "c*").On(1),
		C("SSUBSCRIBE", "ch").On(1),
		C("PUBLISH", "ch", "hi").Want(":2\r\n"),
		pushed(1).Want(msg3("message", "ch", "hi")),
		pushed(1).Want(msg3("pmessage", "c*", "ch", "hi")),
		C("SPUBLISH", "ch", "sh").Want(":1\r\n"),
		pushed(1).Want(msg3("smessage", "ch", "sh")),
		C("PUBLISH", "ch", "then").Want(":2\r\n"),
		C("GET", "k").On(1).Replies(3).Want(msg3("message", "ch", "then")+msg3("pmessage", "c*", "ch", "then")+"_\r\n")),
	cs("RESP3 publishing to its own channel: the push before the reply",
		hello("3"),
		C("SUBSCRIBE", "me"),
		C("PUBLISH", "me", "hi").Replies(2).Want(msg3("message", "me", "hi")+":1\r\n"),
		C("PSUBSCRIBE", "m*"),
		C("PUBLISH", "me", "x").Replies(3).Want(msg3("message", "me", "x")+msg3("pmessage", "m*", "me", "x")+":2\r\n"),
		C("SSUBSCRIBE", "me"),
		C("SPUBLISH", "me", "s").Replies(2).Want(msg3("smessage", "me", "s")+":1\r\n"),
		C("PUBLISH", "me", "y").On(1).Want(":2\r\n"),
		C("PUBLISH", "me", "z").Replies(5)),
	cs("RESP3 SUBSCRIBE inside MULTI",
		hello("3"), C("MULTI"), C("SUBSCRIBE", "x"), C("GET", "k"),
		C("EXEC").Want("*2\r\n"+sub3("subscribe", "x", 1)+"_\r\n")),
	cs("HELLO 2 in RESP3 subscribed mode restricts the connection",
		hello("3"), C("SUBSCRIBE", "a"), hello("2"),
		C("GET", "k").WantErr(errSubscribedMode("get")),
		C("PING").Want(msg2("pong", "")),
		C("UNSUBSCRIBE").Want(sub2("unsubscribe", "a", 0))),
	cs("HELLO 3 of a RESP2 subscriber is refused",
		C("SUBSCRIBE", "a"), C("HELLO", "3").WantErr(errSubscribedMode("hello"))),
	// EXEC's array counts commands, not replies: a SUBSCRIBE of two
	// channels leaves a second reply after the array, as in Redis.
	cs("RESP2 SUBSCRIBE inside MULTI enters subscribed mode",
		C("MULTI"), C("SUBSCRIBE", "x", "y"), C("EXEC").Replies(2).Want("*1\r\n"+sub2("subscribe", "x", 1)+sub2("subscribe", "y", 2)),
		C("GET", "k").WantErr(errSubscribedMode("get")),
		C("PUBLISH", "y", "m").On(1).Want(":1\r\n"), pushed(0).Want(msg2("message", "y", "m"))),

	// PUBSUB
	cs("PUBSUB CHANNELS and NUMSUB",
		C("SUBSCRIBE", "news.a", "news.b", "other").On(1).Replies(3),
		C("SUBSCRIBE", "news.a").On(2),
		C("PSUBSCRIBE", "news.*").On(3),
		C("SSUBSCRIBE", "shard.a").On(3),
		C("PUBSUB", "CHANNELS").Sorted(),
		C("PUBSUB", "CHANNELS", "news.*").Sorted(),
		C("PUBSUB", "channels", "*.b").Want("*1\r\n$6\r\nnews.b\r\n"),
		C("PUBSUB", "CHANNELS", "nomatch*").Want("*0\r\n"),
		C("PUBSUB", "NUMSUB").Want("*0\r\n"),
		C("PUBSUB", "NUMSUB", "news.a", "news.b", "news.c", "news.a", "news.*").
			Want("*10\r\n$6\r\nnews.a\r\n:2\r\n$6\r\nnews.b\r\n:1\r\n$6\r\nnews.c\r\n:0\r\n$6\r\nnews.a\r\n:2\r\n$6\r\nnews.*\r\n:0\r\n"),
		C("PUBSUB", "NUMSUB", "shard.a").Want("*2\r\n$7\r\nshard.a\r\n:0\r\n"),
		C("PUBSUB", "NUMPAT").Want(":1\r\n"),
		C("PUBSUB", "SHARDCHANNELS").Want("*1\r\n$7\r\nshard.a\r\n"),
		C("PUBSUB", "SHARDCHANNELS", "news*").Want("*0\r\n"),
		C("PUBSUB", "SHARDNUMSUB", "shard.a", "news.a").Want("*4\r\n$7\r\nshard.a\r\n:1\r\n$6\r\nnews.a\r\n:0\r\n"),
		C("PUBSUB", "SHARDNUMSUB").Want("*0\r\n")),
	cs("PUBSUB NUMPAT counts distinct patterns",
		C("PUBSUB", "NUMPAT").Want(":0\r\n"),
		C("PSUBSCRIBE", "a*", "b*").On(1).Replies(2),
		C("PSUBSCRIBE", "a*").On(2),
		C("PUBSUB", "NUMPAT").Want(":2\r\n"),
		C("PUNSUBSCRIBE", "a*").On(1),
		C("PUBSUB", "NUMPAT").Want(":2\r\n"),
		C("PUNSUBSCRIBE", "a*").On(2),
		C("PUBSUB", "NUMPAT").Want(":1\r\n")),
	cs("PUBSUB under RESP3",
		C("SUBSCRIBE", "a").On(1), C("SSUBSCRIBE", "s").On(1),
		hello("3"),
		C("PUBSUB", "CHANNELS"), C("PUBSUB", "NUMSUB", "a", "b"), C("PUBSUB", "NUMPAT"),
		C("PUBSUB", "SHARDCHANNELS"), C("PUBSUB", "SHARDNUMSUB", "s")),
	cs("PUBSUB errors",
		C("PUBSUB").WantErr(arity("pubsub")),
		C("PUBSUB", "FOO").WantErr(unknownSub("FOO", "pubsub")),
		C("PUBSUB", "CHANNELS", "a", "b").WantErr("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP."),
		C("pubsub", "shardchannels", "a", "b").WantErr("ERR unknown subcommand or wrong number of arguments for 'shardchannels'. Try PUBSUB HELP."),
		C("PUBSUB", "NUMPAT", "x").WantErr(arity("pubsub|numpat")),
		C("PUBSUB", "HELP", "x").WantErr(arity("pubsub|help"))),
	cs("PUBSUB HELP", C("PUBSUB", "HELP").IsType('*'), hello("3"), C("pubsub", "help")),

	// Bookkeeping: CLIENT LIST, CLIENT KILL, INFO, disconnects. The
	// CLIENT LIST cases run on their own instances: on the shared ones the
	// connection that flushed before the case may not be gone yet.
	fresh("CLIENT LIST shows the subscriptions",
		C("SUBSCRIBE", "a", "b").On(1).Replies(2), C("PSUBSCRIBE", "p*").On(1), C("SSUBSCRIBE", "s").On(1),
		hello("3").On(2), C("SUBSCRIBE", "c").On(2),
		clientList("LIST"),
		clientList("LIST", "TYPE", "pubsub"),
		clientList("LIST", "TYPE", "normal")),
	fresh("CLIENT LIST after unsubscribing",
		C("SUBSCRIBE", "a").On(1), C("UNSUBSCRIBE").On(1),
		C("CLIENT", "LIST", "TYPE", "pubsub").Want("$0\r\n\r\n"), clientList("LIST")),
	cs("CLIENT KILL TYPE pubsub",
		C("SUBSCRIBE", "a").On(1),
		hello("3").On(2), C("PSUBSCRIBE", "b*").On(2),
		C("SUBSCRIBE", "c").On(3), C("UNSUBSCRIBE").On(3),
		C("CLIENT", "KILL", "TYPE", "pubsub").Want(":2\r\n"),
		C("PUBSUB", "NUMSUB", "a").Want("*2\r\n$1\r\na\r\n:0\r\n"),
		C("PUBSUB", "NUMPAT").Want(":0\r\n"),
		ExpectClosed().On(1), ExpectClosed().On(2),
		C("PING").On(3).Want("+PONG\r\n"),
		C("CLIENT", "KILL", "TYPE", "PUBSUB").Want(":0\r\n")),
	cs("INFO stats counts channels and patterns",
		pubsubStats(0, 0, 0),
		C("SUBSCRIBE", "a", "b").On(1).Replies(2), C("SUBSCRIBE", "a").On(2),
		C("PSUBSCRIBE", "x*", "y*").On(2).Replies(2), C("PSUBSCRIBE", "x*").On(1),
		C("SSUBSCRIBE", "s").On(3),
		pubsubStats(2, 2, 1),
		C("QUIT").On(1).Closes(),
		pubsubStats(1, 2, 1),
		C("RESET").On(2),
		C("SUNSUBSCRIBE").On(3),
		pubsubStats(0, 0, 0)),
	cs("a closed subscriber leaves no subscription behind",
		C("SUBSCRIBE", "a", "b").On(1).Replies(2), C("PSUBSCRIBE", "p*").On(1), C("SSUBSCRIBE", "s").On(1),
		C("QUIT").On(1).Want("+OK\r\n").Closes(),
		C("PUBLISH", "a", "x").Want(":0\r\n"),
		C("PUBLISH", "pa", "x").Want(":0\r\n"),
		C("SPUBLISH", "s", "x").Want(":0\r\n"),
		C("PUBSUB", "CHANNELS").Want("*0\r\n"),
		C("PUBSUB", "SHARDCHANNELS").Want("*0\r\n"),
		C("PUBSUB", "NUMPAT").Want(":0\r\n")),

	// COMMAND
	cs("COMMAND INFO of the pub/sub commands",
		C("COMMAND", "INFO", "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "publish"),
		C("COMMAND", "INFO", "ssubscribe", "sunsubscribe", "spublish"),
		C("COMMAND", "INFO", "pubsub|channels", "pubsub|numsub", "pubsub|numpat", "pubsub|shardchannels", "pubsub|shardnumsub", "pubsub|help")),
	cs("COMMAND INFO pubsub", C("COMMAND", "INFO", "pubsub").Compare(compareCommandInfoSubcommands)),
	cs("COMMAND DOCS of the pub/sub commands",
		C("COMMAND", "DOCS", "subscribe"), C("COMMAND", "DOCS", "unsubscribe"),
		C("COMMAND", "DOCS", "psubscribe"), C("COMMAND", "DOCS", "punsubscribe"),
		C("COMMAND", "DOCS", "publish"), C("COMMAND", "DOCS", "spublish"),
		C("COMMAND", "DOCS", "ssubscribe"), C("COMMAND", "DOCS", "sunsubscribe"),
		C("COMMAND", "DOCS", "pubsub").Compare(compareDocsSubcommands),
		C("COMMAND", "DOCS", "pubsub|channels"), C("COMMAND", "DOCS", "pubsub|numsub"),
		C("COMMAND", "DOCS", "pubsub|numpat"), C("COMMAND", "DOCS", "pubsub|shardchannels"),
		C("COMMAND", "DOCS", "pubsub|shardnumsub"), C("COMMAND", "DOCS", "pubsub|help")),
	cs("COMMAND GETKEYS of shard channels",
		C("COMMAND", "GETKEYS", "SPUBLISH", "ch", "m").WantErr("ERR The command has no key arguments"),
		C("COMMAND", "GETKEYS", "SSUBSCRIBE", "a", "b").WantErr("ERR The command has no key arguments"),
		C("COMMAND", "GETKEYS", "PUBLISH", "ch", "m").WantErr("ERR The command has no key arguments")),
	cs("COMMAND LIST FILTERBY ACLCAT pubsub", C("COMMAND", "LIST", "FILTERBY", "ACLCAT", "pubsub").Sorted()),
}

// compareCommandInfoSubcommands compares a COMMAND INFO reply of a
// container exactly except for the order of its subcommands, which Redis
// keeps in a hash table.
func compareCommandInfoSubcommands(want, got *Value) error {
	norm := func(v *Value) *Value {
		v = v.Clone()
		for _, e := range v.Elems {
			if len(e.Elems) == 10 {
				e.Elems[9] = sortedValue(e.Elems[9], false)
			}
		}
		return v
	}
	return equalEncoded(norm(want), norm(got))
}

// compareDocsSubcommands compares a COMMAND DOCS reply of a container
// exactly except for the order of its subcommands.
func compareDocsSubcommands(want, got *Value) error {
	norm := func(v *Value) *Value {
		v = v.Clone()
		for i := 1; i < len(v.Elems); i += 2 {
			doc := v.Elems[i]
			for j := 0; j+1 < len(doc.Elems); j += 2 {
				if doc.Elems[j].Str == "subcommands" {
					doc.Elems[j+1] = sortedValue(doc.Elems[j+1], true)
				}
			}
		}
		return v
	}
	return equalEncoded(norm(want), norm(got))
}

func TestCompatPubSub(t *testing.T) { newSuite(t).run(pubsubCases) }
