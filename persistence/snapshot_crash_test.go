package persistence

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The crash tests re-run this test binary as a child that writes
// snapshots and SIGKILL it mid-write. The previous snapshot at path must
// survive whole and load, and what the child left behind must be refused.
// A SIGKILL does not lose the page cache, so these tests check the
// rename protocol, not the fsyncs.

const snapCrashEnv = "MINISERVE_SNAPSHOT_CRASH_CHILD" // "mode:path"

// crashGeneration is the content of snapshot generation g: a marker
// record naming g, then varied records.
func crashGeneration(g uint64, n int) []Record {
	recs := []Record{{Key: []byte("generation"), Payload: strconv.AppendUint(nil, g, 10)}}
	return append(recs, testRecords(n, g)...)
}

// TestSnapshotCrashChild is the child process. It does nothing in a normal
// run.
//
//	write:PATH    writes one big snapshot forever, never committing
//	commits:PATH  commits generation 1, 2, 3, ... and prints each number
func TestSnapshotCrashChild(t *testing.T) {
	spec := os.Getenv(snapCrashEnv)
	if spec == "" {
		t.Skip("the child of the snapshot crash tests")
	}
	mode, path, _ := strings.Cut(spec, ":")
	deadline := time.Now().Add(60 * time.Second) // if the parent is gone
	switch mode {
	case "write":
		snapBatchRecords, snapBatchBytes = 1000, 1<<20
		w, err := CreateSnapshot(path)
		if err != nil {
			t.Fatal(err)
		}
		payload := make([]byte, 4096)
		for i := 0; time.Now().Before(deadline) && i < 200_000; i++ {
			payload[i%len(payload)]++
			if err := w.Put(Record{Key: fmt.Appendf(nil, "key:%d", i), Payload: payload}); err != nil {
				t.Fatal(err)
			}
			if i == 2000 {
				fmt.Println("writing") // several transactions are in the file
			}
		}
		os.Exit(2) // never commit
	case "commits":
		for g := uint64(1); time.Now().Before(deadline); g++ {
			w, err := CreateSnapshot(path)
			if err != nil {
				t.Fatal(err)
			}
			putAll(t, w, crashGeneration(g, 3000))
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			fmt.Println(g)
		}
		os.Exit(2)
	}
	t.Fatalf("bad %s %q", snapCrashEnv, spec)
}

// startCrashChild starts the child and returns it and its stdout lines.
func startCrashChild(t *testing.T, mode, path string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSnapshotCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), snapCrashEnv+"="+mode+":"+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	lines := make(chan string, 1000)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return cmd, lines
}

// waitLine returns the child's next line.
func waitLine(t *testing.T, lines <-chan string) string {
	t.Helper()
	select {
	case l, ok := <-lines:
		if !ok {
			t.Fatal("the child exited early")
		}
		return l
	case <-time.After(60 * time.Second):
		t.Fatal("the child said nothing for a minute")
	}
	return ""
}

func kill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != -1 {
		t.Fatalf("the child was not killed mid-write: %v", err)
	}
}

func TestSnapshotCrashMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	path := filepath.Join(t.TempDir(), "dump.db")
	prev := crashGeneration(0, 2000)
	saveSnapshot(t, path, prev)

	cmd, lines := startCrashChild(t, "write", path)
	if l := waitLine(t, lines); l != "writing" {
		t.Fatalf("child said %q", l)
	}
	// Let it write some more, so the kill lands in the middle of it.
	var size int64
	for start := time.Now(); size < 12<<20 && time.Since(start) < 10*time.Second; time.Sleep(2 * time.Millisecond) {
		if tmp := tempFiles(t, path); len(tmp) == 1 {
			if fi, err := os.Stat(tmp[0]); err == nil {
				size = fi.Size()
			}
		}
	}
	kill(t, cmd)
	t.Logf("killed the child with %d bytes in its temporary file", size)

	got, _, err := loadSnapshot(path)
	if err != nil {
		t.Fatalf("the previous snapshot does not load after the crash: %v", err)
	}
	sameRecords(t, got, prev)

	tmp := tempFiles(t, path)
	if len(tmp) != 1 {
		t.Fatalf("temporary files after the crash: %v, want the child's one", tmp)
	}
	refused(t, tmp[0], "bad trailer magic")

	// The stale file does not get in the way of the next save.
	next := crashGeneration(1, 500)
	saveSnapshot(t, path, next)
	got, _, err = loadSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, got, next)
}

func TestSnapshotCrashDuringCommits(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	// Kill a child that commits snapshot after snapshot, at a few points
	// in its cycle: whatever is at path must be one whole generation, at
	// least the last one the child reported committed.
	for _, delay := range []time.Duration{0, 1 * time.Millisecond, 3 * time.Millisecond, 7 * time.Millisecond, 13 * time.Millisecond} {
		t.Run(delay.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dump.db")
			cmd, lines := startCrashChild(t, "commits", path)
			var committed uint64
			for committed < 3 {
				g, err := strconv.ParseUint(waitLine(t, lines), 10, 64)
				if err != nil {
					t.Fatal(err)
				}
				committed = g
			}
			time.Sleep(delay)
			kill(t, cmd)
			for l := range lines {
				if g, err := strconv.ParseUint(l, 10, 64); err == nil {
					committed = g
				}
			}

			got, _, err := loadSnapshot(path)
			if err != nil {
				t.Fatalf("the snapshot does not load after the crash: %v", err)
			}
			if len(got) == 0 || string(got[0].Key) != "generation" {
				t.Fatalf("no generation marker in %d records", len(got))
			}
			g, err := strconv.ParseUint(string(got[0].Payload), 10, 64)
			if err != nil || g < committed || g > committed+1 {
				t.Fatalf("path holds generation %s; the child last committed %d", got[0].Payload, committed)
			}
			sameRecords(t, got, crashGeneration(g, 3000))
		})
	}
}
