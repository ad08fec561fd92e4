package cache_test

import (
	"context"
	"fmt"
	"time"

	"github.com/miniserve-dev/miniserve/patterns/cache"
	"github.com/miniserve-dev/miniserve/server"
	"github.com/redis/go-redis/v9"
)

type User struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// Cache-aside: the first Get loads from the store, the next ones are hits
// until the TTL ends.
func Example() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	users := cache.New[User](rdb, cache.Options{Prefix: "cache:user:", TTL: time.Minute})
	loadUser := func(ctx context.Context) (User, error) {
		fmt.Println("loading user 42 from the database")
		return User{ID: 42, Name: "Ada"}, nil
	}

	u, _ := users.Get(ctx, "42", loadUser)
	fmt.Println(u.Name)
	u, _ = users.Get(ctx, "42", loadUser)
	fmt.Println(u.Name)
	fmt.Println(rdb.Get(ctx, "cache:user:42").Val())

	srv.FastForward(2 * time.Minute)
	u, _ = users.Get(ctx, "42", loadUser)
	fmt.Println(u.Name)
	// Output:
	// loading user 42 from the database
	// Ada
	// Ada
	// {"id":42,"name":"Ada"}
	// loading user 42 from the database
	// Ada
}

// Set writes the store first and then the cache.
func ExampleCached_Set() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	users := cache.New[User](rdb, cache.Options{Prefix: "cache:user:"})
	saveUser := func(ctx context.Context, u User) error {
		fmt.Println("saving", u.Name)
		return nil
	}
	if err := users.Set(ctx, "7", User{ID: 7, Name: "Grace"}, saveUser); err != nil {
		panic(err)
	}
	u, ok, _ := users.Lookup(ctx, "7")
	fmt.Println(u.Name, ok)
	// Output:
	// saving Grace
	// Grace true
}

// InvalidatePattern deletes the keys that match a glob, with SCAN and
// UNLINK.
func ExampleCached_InvalidatePattern() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()

	pages := cache.New[string](rdb, cache.Options{Prefix: "cache:page:"})
	for _, path := range []string{"/blog/1", "/blog/2", "/about"} {
		pages.Set(ctx, path, "<html>"+path+"</html>", nil)
	}
	n, _ := pages.InvalidatePattern(ctx, "/blog/*")
	fmt.Println(n, "deleted")
	_, ok, _ := pages.Lookup(ctx, "/about")
	fmt.Println("/about still cached:", ok)
	// Output:
	// 2 deleted
	// /about still cached: true
}
