package compat_test

import (
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/miniserve-dev/miniserve/server"
)

// bullmqResult is what testdata/bullmq/run.js prints.
type bullmqResult struct {
	Processed       int            `json:"processed"`
	Dup             int            `json:"dup"`
	AttemptsOfFlaky int            `json:"attemptsOfFlaky"`
	CompletedEvents int            `json:"completedEvents"`
	FailedEvents    int            `json:"failedEvents"`
	Counts          map[string]int `json:"counts"`
}

// TestBullMQ drives an unmodified BullMQ (Node) Queue and Worker against
// an embedded miniserve and, where redis-server is on PATH, against it
// too: 30 jobs at concurrency 5 with removeOnComplete/removeOnFail
// counts, a job that fails twice and succeeds on its third attempt with
// exponential backoff, one that fails for good, a job scheduler on a
// cron pattern, and the completed/failed events. It needs node and npm
// (and npm's registry to install BullMQ), and skips saying so without.
func TestBullMQ(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not found on PATH: the BullMQ check needs Node.js and npm")
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm not found on PATH: the BullMQ check needs Node.js and npm")
	}
	dir := t.TempDir()
	for _, f := range []string{"package.json", "run.js"} {
		b, err := os.ReadFile(filepath.Join("testdata", "bullmq", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	install := exec.Command(npm, "install", "--no-audit", "--no-fund", "--silent")
	install.Dir = dir
	if out, err := install.CombinedOutput(); err != nil {
		t.Skipf("npm install bullmq failed (no registry?): %v\n%s", err, out)
	}
	run := func(name, addr string) bullmqResult {
		t.Helper()
		_, port, err := net.SplitHostPort(addr)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("node", "run.js")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PORT="+port)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: node run.js: %v\n%s", name, err, out)
		}
		var r bullmqResult
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("%s: %v in %q", name, err, out)
		}
		t.Logf("%s: %s", name, out)
		return r
	}
	check := func(name string, r bullmqResult) {
		t.Helper()
		if r.Processed < 33 || r.Dup != 0 || r.AttemptsOfFlaky != 3 || r.FailedEvents < 1 ||
			r.Counts["failed"] != 1 || r.Counts["waiting"] != 0 || r.Counts["active"] != 0 {
			t.Errorf("%s: %+v", name, r)
		}
	}
	srv := server.RunT(t)
	check("miniserve", run("miniserve", srv.Addr()))
	if redisBin == "" {
		t.Log(noRedisMsg)
		return
	}
	check("redis-server", run("redis-server", startRedis(t).Addr))
}
