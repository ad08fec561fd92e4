package server

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Pub/sub, as Redis 7.0's pubsub.c.
//
// The server keeps, per kind (channels, patterns, shard channels), the
// subscribers of each name in subscription order; each client keeps the
// set of names it is subscribed to. Both sides change together under
// Server.mu, so PUBLISH sees a consistent view and a disconnect leaves
// nothing behind.
//
// PUBLISH never writes to a subscriber's socket: it appends the message
// to the subscriber's push buffer (Client.push), which the subscriber's
// own pushLoop goroutine writes. A subscriber that does not read only
// grows its own buffer, up to client-output-buffer-limit pubsub, where it
// is disconnected as Redis disconnects it. A message for the publishing
// client itself goes into its reply buffer instead, before the reply of
// the PUBLISH, which is the order Redis 7.0 writes them in.

// pubsubState is the server's side of the subscriptions.
type pubsubState struct {
	channels map[string]*subscribers
	patterns map[string]*subscribers
	shard    map[string]*subscribers
	// patList holds the patterns in creation order, for PUBLISH to match
	// them against a channel.
	patList []*subscribers
}

// subscribers are the clients subscribed to one channel or pattern, in
// subscription order.
type subscribers struct {
	name    []byte
	clients []*Client
}

// clientPubSub is a client's side of the subscriptions: the names it is
// subscribed to, each with a sequence number that keeps UNSUBSCRIBE
// without arguments in subscription order.
type clientPubSub struct {
	channels, patterns, shard map[string]uint64
	seq                       uint64
	// active is Redis's CLIENT_PUBSUB flag: the client has subscriptions.
	// It is read outside the lock for the idle timeout.
	active atomic.Bool
}

// psKind is one of the three kinds of subscription.
type psKind struct {
	subscribe, unsubscribe string
	pattern, shard         bool
}

var (
	kindChannel = &psKind{subscribe: "subscribe", unsubscribe: "unsubscribe"}
	kindPattern = &psKind{subscribe: "psubscribe", unsubscribe: "punsubscribe", pattern: true}
	kindShard   = &psKind{subscribe: "ssubscribe", unsubscribe: "sunsubscribe", shard: true}
)

func (p *pubsubState) byKind(k *psKind) *map[string]*subscribers {
	switch {
	case k.pattern:
		return &p.patterns
	case k.shard:
		return &p.shard
	}
	return &p.channels
}

func (ps *clientPubSub) byKind(k *psKind) *map[string]uint64 {
	switch {
	case k.pattern:
		return &ps.patterns
	case k.shard:
		return &ps.shard
	}
	return &ps.channels
}

// count is the number a (un)subscribe reply carries: channels plus
// patterns, or shard channels for the shard kind, as Redis counts them.
func (ps *clientPubSub) count(k *psKind) int {
	if k.shard {
		return len(ps.shard)
	}
	return len(ps.channels) + len(ps.patterns)
}

func (ps *clientPubSub) total() int {
	return len(ps.channels) + len(ps.patterns) + len(ps.shard)
}

// subscribe adds c to name; it reports false when c already was.
func (s *Server) subscribe(c *Client, k *psKind, name []byte) bool {
	mine := c.ps.byKind(k)
	if _, ok := (*mine)[string(name)]; ok {
		return false
	}
	if *mine == nil {
		*mine = make(map[string]uint64)
	}
	c.ps.seq++
	(*mine)[string(name)] = c.ps.seq
	all := s.pubsub.byKind(k)
	if *all == nil {
		*all = make(map[string]*subscribers)
	}
	subs := (*all)[string(name)]
	if subs == nil {
		subs = &subscribers{name: bytes.Clone(name)}
		(*all)[string(name)] = subs
		if k.pattern {
			s.pubsub.patList = append(s.pubsub.patList, subs)
		}
	}
	subs.clients = append(subs.clients, c)
	return true
}

// unsubscribe removes c from name; it reports false when c was not
// subscribed.
func (s *Server) unsubscribe(c *Client, k *psKind, name string) bool {
	mine := c.ps.byKind(k)
	if _, ok := (*mine)[name]; !ok {
		return false
	}
	delete(*mine, name)
	all := *s.pubsub.byKind(k)
	subs := all[name]
	if subs == nil {
		return true
	}
	if i := slices.Index(subs.clients, c); i >= 0 {
		subs.clients = slices.Delete(subs.clients, i, i+1)
	}
	if len(subs.clients) == 0 {
		delete(all, name)
		if k.pattern {
			if i := slices.Index(s.pubsub.patList, subs); i >= 0 {
				s.pubsub.patList = slices.Delete(s.pubsub.patList, i, i+1)
			}
		}
	}
	return true
}

// unsubscribeAll removes every subscription of kind k, in subscription
// order. With notify it replies for each, and once with a nil name when
// there was none, as Redis does.
func (s *Server) unsubscribeAll(c *Client, k *psKind, notify bool) {
	mine := *c.ps.byKind(k)
	names := make([]string, 0, len(mine))
	for name := range mine {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return mine[names[i]] < mine[names[j]] })
	for _, name := range names {
		s.unsubscribe(c, k, name)
		if notify {
			c.pubsubReply(k.unsubscribe, []byte(name), c.ps.count(k))
		}
	}
	if notify && len(names) == 0 {
		r := &c.reply
		r.Push(3)
		r.BulkString(k.unsubscribe)
		r.Null()
		r.Int(int64(c.ps.count(k)))
	}
}

// pubsubReset drops every subscription of c without replies: RESET and
// disconnects.
func (s *Server) pubsubReset(c *Client) {
	if c.ps.total() == 0 {
		return
	}
	s.unsubscribeAll(c, kindChannel, false)
	s.unsubscribeAll(c, kindPattern, false)
	s.unsubscribeAll(c, kindShard, false)
	c.ps.active.Store(false)
}

// pubsubReply writes a (un)subscribe confirmation, a push in RESP3.
func (c *Client) pubsubReply(kind string, name []byte, count int) {
	r := &c.reply
	r.Push(3)
	r.BulkString(kind)
	r.Bulk(name)
	r.Int(int64(count))
}

func cmdSubscribe(c *Client, argv [][]byte) { c.srv.subscribeCmd(c, kindChannel, argv) }

func cmdPSubscribe(c *Client, argv [][]byte) { c.srv.subscribeCmd(c, kindPattern, argv) }

func cmdSSubscribe(c *Client, argv [][]byte) {
	if c.inExec {
		// Redis refuses it to a client that must get one reply per
		// command; unlike SUBSCRIBE it makes no exception for EXEC.
		c.errorReply("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client")
		return
	}
	c.srv.subscribeCmd(c, kindShard, argv)
}

func cmdUnsubscribe(c *Client, argv [][]byte) { c.srv.unsubscribeCmd(c, kindChannel, argv) }

func cmdPUnsubscribe(c *Client, argv [][]byte) { c.srv.unsubscribeCmd(c, kindPattern, argv) }

func cmdSUnsubscribe(c *Client, argv [][]byte) { c.srv.unsubscribeCmd(c, kindShard, argv) }

func (s *Server) subscribeCmd(c *Client, k *psKind, argv [][]byte) {
	for _, name := range argv[1:] {
		s.subscribe(c, k, name)
		c.pubsubReply(k.subscribe, name, c.ps.count(k))
	}
	c.ps.active.Store(true)
}

func (s *Server) unsubscribeCmd(c *Client, k *psKind, argv [][]byte) {
	if len(argv) == 1 {
		s.unsubscribeAll(c, k, true)
	} else {
		for _, name := range argv[1:] {
			s.unsubscribe(c, k, string(name))
			c.pubsubReply(k.unsubscribe, name, c.ps.count(k))
		}
	}
	if c.ps.total() == 0 {
		c.ps.active.Store(false)
	}
}

// subscribedAllowed reports the commands a RESP2 client with
// subscriptions may send, as Redis's processCommand lists them.
func subscribedAllowed(cmd *Command) bool {
	switch cmd.Name {
	case "ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe",
		"psubscribe", "punsubscribe", "quit", "reset":
		return true
	}
	return false
}

// errSubscribed is the reply to other commands in that state.
func errSubscribed(cmd *Command) string {
	return "ERR Can't execute '" + cmd.Name + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
}

func cmdPublish(c *Client, argv [][]byte) {
	c.reply.Int(int64(c.srv.publish(c, kindChannel, argv[1], argv[2])))
}

func cmdSPublish(c *Client, argv [][]byte) {
	c.reply.Int(int64(c.srv.publish(c, kindShard, argv[1], argv[2])))
}

// pubMessage is one message, ["message", channel, payload] or
// ["pmessage", pattern, channel, payload], encoded on first use in each
// protocol.
type pubMessage struct {
	kind                      string
	pattern, channel, payload []byte
	resp2, resp3              []byte
}

func (m *pubMessage) bytes(resp int) []byte {
	p := &m.resp2
	if resp == 3 {
		p = &m.resp3
	}
	if *p == nil {
		r := Reply{resp: resp, buf: make([]byte, 0, 48+len(m.pattern)+len(m.channel)+len(m.payload))}
		if m.pattern != nil {
			r.Push(4)
			r.BulkString(m.kind)
			r.Bulk(m.pattern)
		} else {
			r.Push(3)
			r.BulkString(m.kind)
		}
		r.Bulk(m.channel)
		r.Bulk(m.payload)
		*p = r.buf
	}
	return *p
}

// deliver hands a message to one subscriber. The publisher's own copy
// goes into its reply buffer, ahead of the PUBLISH reply, as in Redis;
// the others are pushed, and a subscriber over its output buffer limit
// is disconnected by push.
func deliver(from, to *Client, m *pubMessage) {
	if to == from {
		from.reply.Raw(m.bytes(from.reply.resp))
		return
	}
	to.push(m.bytes(to.reply.resp))
}

// publish sends message to the subscribers of channel and, except for
// shard channels, of the patterns that match it. It returns the number
// of deliveries: a client subscribed to the channel and to two matching
// patterns counts three times, as in Redis.
func (s *Server) publish(from *Client, k *psKind, channel, message []byte) int {
	n := 0
	if subs := (*s.pubsub.byKind(k))[string(channel)]; subs != nil {
		kind := "message"
		if k.shard {
			kind = "smessage"
		}
		m := &pubMessage{kind: kind, channel: channel, payload: message}
		for _, to := range subs.clients {
			deliver(from, to, m)
			n++
		}
	}
	if k.shard {
		return n // shard channels ignore patterns
	}
	for _, pat := range s.pubsub.patList {
		if !datastruct.GlobMatch(pat.name, channel, false) {
			continue
		}
		m := &pubMessage{kind: "pmessage", pattern: pat.name, channel: channel, payload: message}
		for _, to := range pat.clients {
			deliver(from, to, m)
			n++
		}
	}
	return n
}

func cmdPubsubChannels(c *Client, argv [][]byte) { pubsubChannels(c, argv, c.srv.pubsub.channels) }

func cmdPubsubShardChannels(c *Client, argv [][]byte) { pubsubChannels(c, argv, c.srv.pubsub.shard) }

// pubsubChannels is PUBSUB CHANNELS and SHARDCHANNELS: the names with
// subscribers, matching an optional pattern, sorted (Redis leaves the
// order unspecified).
func pubsubChannels(c *Client, argv [][]byte, all map[string]*subscribers) {
	if len(argv) > 3 {
		c.errorReply(subcommandSyntaxError(argv))
		return
	}
	var names []string
	for name := range all {
		if len(argv) == 2 || datastruct.GlobMatchString(argv[2], name, false) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	c.reply.Array(len(names))
	for _, name := range names {
		c.reply.BulkString(name)
	}
}

// subcommandSyntaxError is Redis's addReplySubcommandSyntaxError.
func subcommandSyntaxError(argv [][]byte) string {
	return "ERR unknown subcommand or wrong number of arguments for '" + sanitize(trunc(argv[1], 128)) +
		"'. Try " + sanitize(strings.ToUpper(string(argv[0]))) + " HELP."
}

func cmdPubsubNumSub(c *Client, argv [][]byte) { pubsubNumSub(c, argv, c.srv.pubsub.channels) }

func cmdPubsubShardNumSub(c *Client, argv [][]byte) { pubsubNumSub(c, argv, c.srv.pubsub.shard) }

// pubsubNumSub is PUBSUB NUMSUB and SHARDNUMSUB: each name and its
// number of subscribers, patterns not counted.
func pubsubNumSub(c *Client, argv [][]byte, all map[string]*subscribers) {
	c.reply.Array(2 * (len(argv) - 2))
	for _, name := range argv[2:] {
		c.reply.Bulk(name)
		n := 0
		if subs := all[string(name)]; subs != nil {
			n = len(subs.clients)
		}
		c.reply.Int(int64(n))
	}
}

// cmdPubsubNumPat is PUBSUB NUMPAT: the number of distinct patterns.
func cmdPubsubNumPat(c *Client, argv [][]byte) { c.reply.Int(int64(len(c.srv.pubsub.patterns))) }

func cmdPubsubHelp(c *Client, argv [][]byte) {
	c.helpReply("PUBSUB",
		"CHANNELS [<pattern>]",
		"    Return the currently active channels matching a <pattern> (default: '*').",
		"NUMPAT",
		"    Return number of subscriptions to patterns.",
		"NUMSUB [<channel> ...]",
		"    Return the number of subscribers for the specified channels, excluding",
		"    pattern subscriptions(default: no channels).",
		"SHARDCHANNELS [<pattern>]",
		"    Return the currently active shard level channels matching a <pattern> (default: '*').",
		"SHARDNUMSUB [<shardchannel> ...]",
		"    Return the number of subscribers for the specified shard level channel(s)",
	)
}
