package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// kv is one labelled line of the report.
type kv struct{ K, V string }

// machineInfo describes the machine: CPUs, CPU model, memory, kernel.
func machineInfo() []kv {
	info := []kv{{"CPUs (usable by this process)", fmt.Sprint(runtime.NumCPU())}}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		model, count := "", 0
		for line := range strings.SplitSeq(string(b), "\n") {
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			switch strings.TrimSpace(k) {
			case "processor":
				count++
			case "model name":
				if model == "" {
					model = strings.TrimSpace(v)
				}
			}
		}
		info = append(info, kv{"CPUs (/proc/cpuinfo)", fmt.Sprint(count)}, kv{"CPU model", model})
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if n, err := parseStatusKB(string(b), "MemTotal"); err == nil {
			info = append(info, kv{"Memory", fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))})
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		info = append(info, kv{"Kernel", "Linux " + strings.TrimSpace(string(b))})
	}
	info = append(info, kv{"GOOS/GOARCH", runtime.GOOS + "/" + runtime.GOARCH})
	return info
}

// loadAvg returns the first three fields of /proc/loadavg.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// versions records the versions of everything measured.
func versions(ctx context.Context, o options) []kv {
	first := func(s string, err error) string {
		if err != nil && s == "" {
			return "unknown (" + err.Error() + ")"
		}
		s, _, _ = strings.Cut(s, "\n")
		return s
	}
	vs := []kv{
		{"redis-server", o.redis + ": " + first(runCapture(ctx, 10*time.Second, o.redis, "--version"))},
		{"redis-benchmark", o.benchmark + ": " + first(runCapture(ctx, 10*time.Second, o.benchmark, "--version"))},
	}
	gv, err := runCapture(ctx, 10*time.Second, "go", "version")
	if err != nil {
		gv = runtime.Version() + " (the harness's toolchain)"
	}
	vs = append(vs, kv{"Go", gv})
	commit, err := runCapture(ctx, 10*time.Second, "git", "describe", "--always", "--dirty", "--tags")
	if err != nil {
		commit = "unknown: " + first(commit, err)
	} else if h, err := runCapture(ctx, 10*time.Second, "git", "rev-parse", "HEAD"); err == nil {
		commit += " (" + h + ")"
	}
	vs = append(vs, kv{"miniserve source (git describe in the working directory)", commit})
	vs = append(vs, kv{"miniserve binary", o.miniserve + ": " + fileID(o.miniserve)})
	return vs
}

// fileID identifies a binary by size, modification time and SHA-256 prefix.
func fileID(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err.Error()
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%d bytes, modified %s, sha256 %s", st.Size(), st.ModTime().UTC().Format(time.RFC3339), hex.EncodeToString(h.Sum(nil))[:16])
}
