package pubsub_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/miniserve-dev/miniserve/patterns/pubsub"
	"github.com/miniserve-dev/miniserve/server"
)

type OrderPlaced struct {
	ID    string `json:"id"`
	Total int    `json:"total"`
}

func Example() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	orders := pubsub.NewTopic[OrderPlaced](rdb, "orders")
	sub, err := orders.Subscribe(ctx)
	if err != nil {
		panic(err)
	}
	defer sub.Close()

	if _, err := orders.Publish(ctx, OrderPlaced{ID: "A-1", Total: 42}); err != nil {
		panic(err)
	}
	rdb.Publish(ctx, "orders", "not json")

	for range 2 {
		msg, err := sub.Receive(ctx)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%s: %+v\n", msg.Channel, msg.Payload)
	}
	// Output:
	// orders: {ID:A-1 Total:42}
	// error: pubsub: decoding an event on "orders": invalid character 'o' in literal null (expecting 'u')
}

func ExamplePSubscribe() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	sub, err := pubsub.PSubscribe[OrderPlaced](ctx, rdb, "orders.*")
	if err != nil {
		panic(err)
	}
	defer sub.Close()
	pubsub.Publish(ctx, rdb, "orders.eu", OrderPlaced{ID: "B-7", Total: 9})

	msg := <-sub.Channel()
	fmt.Println(msg.Pattern, msg.Channel, msg.Payload.ID, msg.Err)
	// Output:
	// orders.* orders.eu B-7 <nil>
}

func ExampleHub() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	sub, err := pubsub.Subscribe[OrderPlaced](ctx, rdb, "orders")
	if err != nil {
		panic(err)
	}
	hub := pubsub.NewHub(sub, pubsub.HubOptions{})
	web := httptest.NewServer(hub) // in production: mux.Handle("/events", hub)
	defer web.Close()
	defer hub.Close() // ends the streams first, so web.Close does not wait for them

	resp, err := http.Get(web.URL)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	fmt.Println(resp.Header.Get("Content-Type"))

	pubsub.Publish(ctx, rdb, "orders", OrderPlaced{ID: "C-3", Total: 5})
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	fmt.Println(strings.TrimSpace(line))
	// Output:
	// text/event-stream
	// data: {"id":"C-3","total":5}
}
