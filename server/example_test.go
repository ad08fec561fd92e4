package server_test

import (
	"context"
	"fmt"
	"time"

	"github.com/miniserve-dev/miniserve/server"
	"github.com/redis/go-redis/v9"
)

// A test starts a server on a free port, talks to it with any client and
// moves its clock to expire keys.
func Example() {
	srv, err := server.Run(server.WithDirective("requirepass", "secret"))
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), Password: "secret"})
	defer rdb.Close()

	rdb.Set(ctx, "session:1", "alice", time.Hour)
	fmt.Println(rdb.Get(ctx, "session:1").Val())

	srv.FastForward(2 * time.Hour)
	fmt.Println(rdb.Exists(ctx, "session:1").Val())
	// Output:
	// alice
	// 0
}
