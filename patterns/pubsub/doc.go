// Package pubsub publishes and subscribes to typed JSON events on Redis
// channels and patterns, and fans them out to server-sent-event clients.
//
// Publish, Subscribe and PSubscribe (or a Topic, which binds a channel
// name to an event type) encode events as JSON and decode them into T. A
// payload that does not decode is surfaced as a *DecodeError, carrying the
// raw payload, and the subscription keeps going: one bad publisher does
// not stop a consumer.
//
// A Hub subscribes once and broadcasts every event to any number of
// browsers over net/http as text/event-stream, flushing each event. Each
// client has a bounded buffer: a client that falls behind by more than
// that is dropped, its connection closed, instead of slowing the others or
// the hub.
//
// Subscriptions ride on go-redis's PubSub, which re-dials and subscribes
// again after the connection breaks, for example when the server
// restarts; events published while no connection is up are lost, as
// Redis pub/sub is fire-and-forget (use a stream or a queue for events
// that must not be lost). On a Redis Cluster, PUBLISH reaches subscribers
// on every node, so the same code runs unchanged through a ClusterClient.
package pubsub
