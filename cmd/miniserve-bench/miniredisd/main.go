// Command miniredisd serves github.com/alicebob/miniredis on a port, so
// that the benchmark harness can measure the Go test double that
// miniserve is compared with: miniserve-bench -miniserve ./miniredisd.
//
// It takes redis-server's "--port N" and ignores every other directive.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/alicebob/miniredis/v2"
)

func main() {
	port := 6379
	for i := 1; i+1 < len(os.Args); i++ {
		if os.Args[i] == "--port" {
			p, err := strconv.Atoi(os.Args[i+1])
			if err != nil {
				fmt.Fprintln(os.Stderr, "miniredisd: bad port:", os.Args[i+1])
				os.Exit(1)
			}
			port = p
		}
	}
	m := miniredis.NewMiniRedis()
	if err := m.StartAddr(fmt.Sprintf("127.0.0.1:%d", port)); err != nil {
		fmt.Fprintln(os.Stderr, "miniredisd:", err)
		os.Exit(1)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	<-sig
	m.Close()
}
