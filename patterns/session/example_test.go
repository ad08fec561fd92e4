package session_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/miniserve-dev/miniserve/patterns/session"
	"github.com/miniserve-dev/miniserve/server"
	"github.com/redis/go-redis/v9"
)

// A session lives for its TTL after its creation or its last Refresh.
func Example() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	sessions := session.New(rdb, session.Options{TTL: 30 * time.Minute})
	s, err := sessions.Create(ctx, "user-42", map[string]string{"theme": "dark"})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(s.ID), "character ID")

	srv.FastForward(20 * time.Minute)
	sessions.Refresh(ctx, s.ID) // activity: 30 more minutes from now
	srv.FastForward(20 * time.Minute)
	got, _ := sessions.Get(ctx, s.ID)
	fmt.Println(got.UserID, got.Data["theme"])

	srv.FastForward(20 * time.Minute)
	_, err = sessions.Get(ctx, s.ID)
	fmt.Println(errors.Is(err, session.ErrNotFound))
	// Output:
	// 55 character ID
	// user-42 dark
	// true
}

// DestroyAllForUser logs a user out everywhere, through the user's index.
func ExampleStore_DestroyAllForUser() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	sessions := session.New(rdb, session.Options{})
	laptop, _ := sessions.Create(ctx, "ada", nil)
	sessions.Create(ctx, "ada", nil)
	grace, _ := sessions.Create(ctx, "grace", nil)

	n, _ := sessions.DestroyAllForUser(ctx, "ada")
	fmt.Println(n, "sessions ended")
	_, err = sessions.Get(ctx, laptop.ID)
	fmt.Println(errors.Is(err, session.ErrNotFound))
	_, err = sessions.Get(ctx, grace.ID)
	fmt.Println(err)
	// Output:
	// 2 sessions ended
	// true
	// <nil>
}
