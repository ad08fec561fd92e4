package ratelimit_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/miniserve-dev/miniserve/patterns/ratelimit"
	"github.com/miniserve-dev/miniserve/server"
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

	limiter := ratelimit.New(rdb, ratelimit.Options{Limit: 3, Window: time.Minute})
	for i := 1; i <= 4; i++ {
		res, err := limiter.Allow(ctx, "user:42")
		if err != nil {
			panic(err)
		}
		fmt.Printf("request %d: allowed=%v remaining=%d retry-after>0=%v\n",
			i, res.Allowed, res.Remaining, res.RetryAfter > 0)
	}
	// Output:
	// request 1: allowed=true remaining=2 retry-after>0=false
	// request 2: allowed=true remaining=1 retry-after>0=false
	// request 3: allowed=true remaining=0 retry-after>0=false
	// request 4: allowed=false remaining=0 retry-after>0=true
}

func ExampleLimiter_Middleware() {
	srv, err := server.Run()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()

	limiter := ratelimit.New(rdb, ratelimit.Options{Limit: 1, Window: time.Minute})
	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "hello")
	})
	handler := limiter.Middleware(ratelimit.MiddlewareOptions{
		// Requests arrive through a load balancer in 10.0.0.0/8.
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
	})(hello)

	for range 2 {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = "10.1.2.3:4567"
		req.Header.Set("X-Forwarded-For", "203.0.113.9")
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		fmt.Print(rec.Code, " remaining=", rec.Header().Get("X-RateLimit-Remaining"), " ", rec.Body.String())
	}
	// Output:
	// 200 remaining=0 hello
	// 429 remaining=0 {"error":"rate limit exceeded","retry_after":60}
}

func ExampleClientIP() {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	req := httptest.NewRequest("GET", "/", nil)

	// An untrusted peer cannot pick its identity with a header.
	req.RemoteAddr = "198.51.100.7:5000"
	req.Header.Set("X-Forwarded-For", "1.2.3.4")
	fmt.Println(ratelimit.ClientIP(req, trusted))

	// Through two trusted proxies, the client is the rightmost untrusted hop.
	req.RemoteAddr = "10.0.0.1:5000"
	req.Header.Set("X-Forwarded-For", "1.2.3.4, 198.51.100.7, 10.0.0.2")
	fmt.Println(ratelimit.ClientIP(req, trusted))
	// Output:
	// 198.51.100.7
	// 198.51.100.7
}
