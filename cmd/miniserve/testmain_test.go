package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// binPath is the miniserve binary TestMain builds for the process-level
// tests; binSkip says why there is none.
var binPath, binSkip string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "miniserve-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "TestMain:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binSkip = buildBinary(dir)
	if binSkip != "" {
		fmt.Fprintln(os.Stderr, "process-level tests will be skipped:", binSkip)
	}
	return m.Run()
}

// buildBinary builds this package into dir/miniserve with the go on
// PATH, and returns why it could not.
func buildBinary(dir string) string {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "no go toolchain on PATH: " + err.Error()
	}
	out := filepath.Join(dir, "miniserve")
	cmd := exec.Command(goBin, "build", "-o", out, ".")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Sprintf("go build -o %s . failed: %v\n%s", out, err, b)
	}
	binPath = out
	return ""
}

// needBinary skips t when TestMain could not build the binary.
func needBinary(t *testing.T) string {
	t.Helper()
	if binPath == "" {
		t.Skip("miniserve binary not built: ", binSkip)
	}
	return binPath
}
