package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is one server process that the harness started and owns.
type server struct {
	Name string   // "redis" or "miniserve"
	Path string   // the binary
	Args []string // the command line after the binary
	Port int
	Addr string
	Dir  string // working directory (a temporary directory)

	cmd      *exec.Cmd
	logPath  string
	restarts int           // how many times this server was started again (restart)
	stopped  bool          // Stop was called: an exit is not a crash
	exited   chan struct{} // closed when the process has exited
	waitErr  error
}

// serverArgs is the command line given to both servers: redis-server's
// syntax, no persistence, loopback only.
func serverArgs(port int) []string {
	return []string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"}
}

// freePort asks the kernel for a free loopback port. Another process could
// take it before the server binds it; startServer then fails on readiness
// and the caller retries on a new port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startServer starts path on a free port and waits until it answers PING.
// It retries on another port if the first one was taken.
func startServer(name, path, dir string) (*server, error) {
	return startServerArgs(name, path, dir, serverArgs)
}

// startServerArgs is startServer with the command line that args returns
// for the port.
func startServerArgs(name, path, dir string, args func(port int) []string) (*server, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		s := &server{Name: name, Path: path, Args: args(port), Port: port,
			Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), Dir: dir}
		if err := s.start(); err != nil {
			return nil, err
		}
		if err := s.waitReady(15 * time.Second); err != nil {
			lastErr = err
			s.Stop()
			continue
		}
		return s, nil
	}
	return nil, lastErr
}

func (s *server) start() error {
	s.logPath = filepath.Join(s.Dir, fmt.Sprintf("%s-%d.log", s.Name, s.Port))
	if s.restarts > 0 {
		s.logPath = filepath.Join(s.Dir, fmt.Sprintf("%s-%d-restart%d.log", s.Name, s.Port, s.restarts))
	}
	logf, err := os.Create(s.logPath)
	if err != nil {
		return err
	}
	defer logf.Close() // the child keeps its own descriptor
	s.cmd = exec.Command(s.Path, s.Args...)
	s.cmd.Dir = s.Dir
	s.cmd.Stdout = logf
	s.cmd.Stderr = logf
	// Own process group: a Ctrl-C in the terminal reaches only the harness,
	// which then stops the server itself. Pdeathsig kills the server if the
	// harness dies without cleaning up (kill -9).
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", s.Path, err)
	}
	s.exited = make(chan struct{})
	go func() {
		s.waitErr = s.cmd.Wait()
		close(s.exited)
	}()
	return nil
}

// PID is the process id of the server.
func (s *server) PID() int { return s.cmd.Process.Pid }

// Alive reports whether the server process is still running.
func (s *server) Alive() bool {
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// waitReady sends PING until the server answers +PONG, the process exits or
// the timeout passes.
func (s *server) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var lastErr error
	for time.Now().Before(deadline) {
		if !s.Alive() {
			return fmt.Errorf("%s exited during startup (%v); log:\n%s", s.Name, s.waitErr, s.LogTail(2000))
		}
		c, err := dialRESP(s.Addr, time.Second)
		if err == nil {
			c.c.SetDeadline(time.Now().Add(time.Second))
			v, err2 := c.Do("PING")
			c.Close()
			if err2 == nil && v == "PONG" {
				return nil
			}
			if err2 != nil {
				err = err2
			} else {
				err = fmt.Errorf("PING answered %v", v)
			}
		}
		lastErr = err
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s on %s not ready after %v: %v; log:\n%s", s.Name, s.Addr, timeout, lastErr, s.LogTail(2000))
}

// Stop sends SIGTERM to the server's PID (and only that PID), waits up to 5
// seconds, then sends SIGKILL. It is safe to call more than once.
func (s *server) Stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil || !s.Alive() {
		return
	}
	s.stopped = true
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		return
	case <-time.After(5 * time.Second):
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
}

// LogTail returns the last n bytes of the server's log.
func (s *server) LogTail(n int) string {
	b, err := os.ReadFile(s.logPath)
	if err != nil {
		return ""
	}
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// Client opens a RESP connection to the server.
func (s *server) Client() (*respConn, error) { return dialRESP(s.Addr, 5*time.Second) }

// CommandLine is the shell form of the server's command line.
func (s *server) CommandLine() string { return shellJoin(append([]string{s.Path}, s.Args...)) }

// procCPUTicks returns utime+stime of a process (all its threads) in clock
// ticks, from /proc/PID/stat.
func procCPUTicks(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseStatCPU(string(b))
}

// parseStatCPU extracts utime+stime from the text of /proc/PID/stat. The
// command name (field 2) is in parentheses and may hold spaces, so fields
// are counted after the last ')': state is field 3, utime 14, stime 15.
func parseStatCPU(stat string) (int64, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, errors.New("/proc stat: no ')'")
	}
	f := strings.Fields(stat[i+1:])
	if len(f) < 13 {
		return 0, errors.New("/proc stat: too few fields")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc stat: bad utime/stime %q %q", f[11], f[12])
	}
	return utime + stime, nil
}

// procRSS returns VmRSS of a process in bytes, from /proc/PID/status.
func procRSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	return parseStatusKB(string(b), "VmRSS")
}

// parseStatusKB reads a "Name:   1234 kB" line of /proc/PID/status (or
// /proc/meminfo) and returns bytes.
func parseStatusKB(status, name string) (int64, error) {
	for line := range strings.SplitSeq(status, "\n") {
		rest, ok := strings.CutPrefix(line, name+":")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			break
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, err
		}
		if len(f) > 1 && strings.EqualFold(f[1], "kB") {
			n *= 1024
		}
		return n, nil
	}
	return 0, fmt.Errorf("no %s line", name)
}

// clockTicks returns the kernel's USER_HZ (getconf CLK_TCK), 100 if it
// cannot be found.
func clockTicks() int64 {
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64); err == nil && n > 0 {
			return n
		}
	}
	return 100
}

// runCapture runs a command with a timeout and returns its combined output.
func runCapture(ctx context.Context, timeout time.Duration, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	err := cmd.Run()
	return strings.TrimSpace(buf.String()), err
}

// shellJoin quotes args for a POSIX shell, for display.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a != "" && strings.IndexFunc(a, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=,+@%", r))
		}) < 0 {
			out[i] = a
		} else {
			out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}
