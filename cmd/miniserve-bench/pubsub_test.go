package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakePubSub is a stand-in server for the subscriber tests: it answers
// SUBSCRIBE/PSUBSCRIBE with a confirmation (or with reject, if set) and
// keeps the connections, so that the test can push messages and close them.
type fakePubSub struct {
	t      *testing.T
	l      net.Listener
	reject string

	mu    sync.Mutex
	conns []net.Conn
	wg    sync.WaitGroup
}

func newFakePubSub(t *testing.T, reject string) *fakePubSub {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakePubSub{t: t, l: l, reject: reject}
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			f.wg.Add(1)
			go func() {
				defer f.wg.Done()
				f.serve(c)
			}()
		}
	}()
	t.Cleanup(f.close)
	return f
}

func (f *fakePubSub) serve(c net.Conn) {
	r := bufio.NewReader(c)
	v, err := readReply(r)
	if err != nil {
		c.Close()
		return
	}
	args, _ := v.([]any)
	if len(args) != 2 {
		c.Close()
		return
	}
	if f.reject != "" {
		io.WriteString(c, "-"+f.reject+"\r\n")
		c.Close()
		return
	}
	kind := strings.ToLower(args[0].(string))
	var buf strings.Builder
	bw := bufio.NewWriter(&buf)
	writeCommand(bw, kind, args[1].(string))
	bw.Flush()
	// A confirmation is [kind, target, :count]: patch the last element
	// into an integer.
	conf := strings.Replace(buf.String(), "*2\r\n", "*3\r\n", 1) + ":1\r\n"
	f.mu.Lock()
	f.conns = append(f.conns, c)
	f.mu.Unlock()
	// Send the first message with the confirmation, as a server may when a
	// PUBLISH follows at once: the subscriber must count it.
	c.Write([]byte(conf + "*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n"))
}

// publish pushes n messages "c" "m" to every subscriber.
func (f *fakePubSub) publish(n int) {
	msg := strings.Repeat("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n", n)
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.conns {
		if _, err := io.WriteString(c, msg); err != nil {
			f.t.Errorf("publish: %v", err)
		}
	}
}

func (f *fakePubSub) accepted() []net.Conn {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]net.Conn(nil), f.conns...)
}

func (f *fakePubSub) close() {
	f.l.Close()
	for _, c := range f.accepted() {
		c.Close()
	}
	f.wg.Wait()
}

func TestSubscriberGroup(t *testing.T) {
	f := newFakePubSub(t, "")
	spec := subscribers{Conns: 5, Target: "c"}
	g, err := startSubscribers(f.l.Addr().String(), spec, "c", "m")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if len(f.accepted()) != 5 {
		t.Fatalf("%d connections", len(f.accepted()))
	}
	ctx := context.Background()
	// The message sent with the confirmation.
	if err := g.Settle(ctx, 1, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	g.Mark()
	f.publish(1000)
	if err := g.Settle(ctx, 1000, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	for i, n := range g.Received() {
		if n != 1000 {
			t.Errorf("subscriber %d received %d, want 1000", i+1, n)
		}
	}
	// Nothing more arrives: a short Settle fails and names the count.
	g.Mark()
	f.publish(3)
	if err := g.Settle(ctx, 4, 50*time.Millisecond); err == nil || !strings.Contains(err.Error(), "received 3 of 4 messages") {
		t.Fatalf("settle beyond what was sent: %v", err)
	}
	// A subscriber that the server drops fails the next Settle.
	f.accepted()[2].Close()
	g.Mark()
	if err := g.Settle(ctx, 1, 10*time.Second); err == nil || !strings.Contains(err.Error(), "lost its connection") {
		t.Fatalf("settle after a dropped subscriber: %v", err)
	}
	// Close closes every connection (the server sees EOF) and returns only
	// when the drain goroutines have; a second Close is harmless.
	g.Close()
	g.Close()
	for i, c := range f.accepted() {
		if i == 2 {
			continue
		}
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := c.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
			t.Errorf("server side of subscriber %d: %v, want EOF", i+1, err)
		}
	}
	var nilGroup *subscriberGroup
	nilGroup.Close()
}

func TestSubscriberGroupPattern(t *testing.T) {
	f := newFakePubSub(t, "")
	g, err := startSubscribers(f.l.Addr().String(), subscribers{Conns: 2, Pattern: true, Target: "bench:*"}, "c", "m")
	if err != nil {
		t.Fatal(err)
	}
	g.Close()
	if g.msgLen != len("*4\r\n$8\r\npmessage\r\n$7\r\nbench:*\r\n$1\r\nc\r\n$1\r\nm\r\n") {
		t.Errorf("msgLen %d", g.msgLen)
	}
}

func TestSubscriberGroupRejected(t *testing.T) {
	f := newFakePubSub(t, "ERR unknown command 'subscribe'")
	g, err := startSubscribers(f.l.Addr().String(), subscribers{Conns: 3, Target: "c"}, "c", "m")
	if g != nil {
		t.Fatal("got a group")
	}
	if e, ok := err.(respError); !ok || string(e) != f.reject {
		t.Fatalf("err %#v, want the error reply", err)
	}
	if _, err := startSubscribers(f.l.Addr().String(), subscribers{}, "c", "m"); err == nil {
		t.Fatal("no connections: no error")
	}
}
