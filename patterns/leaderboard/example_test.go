package leaderboard_test

import (
	"context"
	"fmt"

	"github.com/miniserve-dev/miniserve/patterns/leaderboard"
	"github.com/miniserve-dev/miniserve/server"
	"github.com/redis/go-redis/v9"
)

func Example() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	board := leaderboard.New(rdb, "game:1:scores")
	board.Incr(ctx, "ann", 30)
	board.Incr(ctx, "bob", 50)
	board.Incr(ctx, "cat", 40)
	board.Incr(ctx, "ann", 20.5) // ann: 50.5

	top, _ := board.Top(ctx, 3)
	for _, e := range top {
		fmt.Println(e.Rank, e.Member, e.Score)
	}
	rank, ok, _ := board.Rank(ctx, "cat")
	fmt.Println("cat:", rank, ok)
	_, ok, _ = board.Rank(ctx, "dan")
	fmt.Println("dan:", ok)
	// Output:
	// 1 ann 50.5
	// 2 bob 50
	// 3 cat 40
	// cat: 3 true
	// dan: false
}

// Equal scores rank in descending byte order of the member, as ZREVRANGE
// orders them.
func Example_ties() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	board := leaderboard.New(rdb, "quiz")
	for _, m := range []string{"bob", "ann", "cat"} {
		board.Set(ctx, m, 10)
	}
	top, _ := board.Top(ctx, 10)
	for _, e := range top {
		fmt.Println(e.Rank, e.Member)
	}
	// Output:
	// 1 cat
	// 2 bob
	// 3 ann
}

// Around shows a member's neighbourhood on the board.
func ExampleLeaderboard_Around() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	board := leaderboard.New(rdb, "league")
	for i, m := range []string{"a", "b", "c", "d", "e", "f"} {
		board.Set(ctx, m, float64(100-i))
	}
	near, _, _ := board.Around(ctx, "d", 1)
	for _, e := range near {
		fmt.Println(e.Rank, e.Member, e.Score)
	}
	// Output:
	// 3 c 98
	// 4 d 97
	// 5 e 96
}
