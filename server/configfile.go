package server

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/miniserve-dev/miniserve/internal/sds"
)

// This file reads redis.conf files and redis-server's command line, as
// loadServerConfig and main do in Redis.

// ConfigError is a configuration Redis would refuse to start with. Its
// text is Redis's, less the blank line Redis prints before it:
//
//	*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***
//	Reading the configuration file, at line 2
//	>>> 'maxmemory abc'
//	argument must be a memory value
//
// Command-line directives are read as lines appended to the file after
// one empty line, so Line counts them as Redis does. Inside an included
// file, Line and Text refer to that file, as in Redis.
type ConfigError struct {
	Line int    // 1-based; 0 when the error concerns no single line
	Text string // the line, trimmed, as Redis shows it
	Msg  string
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	b.WriteString("*** FATAL CONFIG FILE ERROR (Redis " + Version + ") ***\n")
	if e.Line > 0 {
		fmt.Fprintf(&b, "Reading the configuration file, at line %d\n>>> '%s'\n", e.Line, e.Text)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxIncludeDepth stops include loops; Redis has no limit and crashes.
const maxIncludeDepth = 64

// LoadConfig builds a Config as redis-server does from
// `redis-server [path] [args...]`: it reads the config file at path ("" for
// none, "-" for the standard input), then the command-line directives
// args, which are "--name value..." groups (a value runs until the next
// --name; "--save" alone means save ""), appended to the file as lines.
// A lone "-" as the last argument, or the first when there is no file,
// also reads the standard input, after the file. File is set to the
// file's absolute path.
//
// Lines are tokenized as Redis's sdssplitargs does (double quotes with
// \n, \xHH and other escapes, single quotes, # comments on their own
// line); "include <path>" reads another file (a glob pattern may match
// none); relative paths in include, dir and logfile are taken from the
// dir set so far, as Redis's chdir makes them. A refused directive is
// reported as a *ConfigError, with Redis's text.
func LoadConfig(path string, args []string) (*Config, error) {
	return loadConfig(path, os.Stdin, args)
}

func loadConfig(path string, stdin io.Reader, args []string) (*Config, error) {
	c := NewConfig()
	var content strings.Builder
	readStdin := false
	switch path {
	case "":
	case "-":
		readStdin = true
	default:
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = path
		}
		c.File = abs
		data, err := readConfigFiles(abs, abs)
		if err != nil {
			return nil, err
		}
		content.WriteString(data)
	}
	options, optStdin := cfgCommandLineOptions(args, path != "")
	if readStdin || optStdin {
		data, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("Reading config from stdin: %w", err)
		}
		content.Write(data)
	}
	content.WriteString("\n")
	content.WriteString(options)

	if err := c.loadString(content.String(), 0); err != nil {
		return nil, err
	}

	// The checks Redis makes once the whole configuration is read.
	if c.LogFile != "" {
		if err := cfgCheckLogFile(c.LogFilePath()); err != nil {
			return nil, &ConfigError{Msg: "Can't open the log file: " + cfgStrerror(err)}
		}
	}
	if c.ClusterEnabled && c.other["replicaof"] != "" {
		return nil, &ConfigError{Msg: "replicaof directive not allowed in cluster mode"}
	}
	return c, nil
}

// loadString is Redis's loadServerConfigFromString.
func (c *Config) loadString(config string, depth int) error {
	for i, raw := range strings.Split(config, "\n") {
		line := strings.Trim(raw, " \t\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		argv, ok := cfgSplitArgs(line)
		if !ok {
			return &ConfigError{Line: i + 1, Text: line, Msg: "Unbalanced quotes in configuration line"}
		}
		if len(argv) == 0 {
			continue
		}
		name := strings.ToLower(argv[0])
		if name == "include" && len(argv) == 2 {
			if depth >= maxIncludeDepth {
				return &ConfigError{Line: i + 1, Text: line, Msg: "include nesting is too deep"}
			}
			p := argv[1]
			if !filepath.IsAbs(p) {
				p = filepath.Join(c.Dir, p)
			}
			data, err := readConfigFiles(p, argv[1])
			if err != nil {
				return err
			}
			if err := c.loadString(data, depth+1); err != nil {
				return err
			}
			continue
		}
		if msg := c.setStartup(name, argv[1:]); msg != "" {
			return &ConfigError{Line: i + 1, Text: line, Msg: msg}
		}
	}
	return nil
}

// readConfigFiles reads a config file, or every file a glob pattern
// matches (none is no error), as Redis's loadServerConfig. display is
// the name errors show: the path as the include line gives it.
func readConfigFiles(path, display string) (string, error) {
	if !strings.ContainsAny(path, "*?[") {
		data, err := os.ReadFile(path)
		if err != nil {
			return "", cfgOpenError(display, err)
		}
		return string(data), nil
	}
	matches, err := filepath.Glob(path)
	if err != nil {
		return "", nil // a bad pattern matches nothing, as glob(3)'s GLOB_NOMATCH
	}
	var b strings.Builder
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			return "", cfgOpenError(m, err)
		}
		b.Write(data)
	}
	return b.String(), nil
}

func cfgOpenError(path string, err error) error {
	return fmt.Errorf("Fatal error, can't open config file '%s': %s", path, cfgStrerror(err))
}

// cfgCheckLogFile checks that the log file can be opened for appending,
// as Redis does at startup, without leaving behind a file it created.
func cfgCheckLogFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(path)
}

// cfgCommandLineOptions turns redis-server's arguments after the config
// file into config lines, as Redis's main does: "--name" starts a line,
// the following arguments are its values, quoted; "--name value" in one
// argument is used as is; "--save" with no value is save "". A "-" as the
// last argument, or the first when there is no config file, asks for the
// standard input. Any other argument is a value, even one starting with
// "--" right after a name with no value.
func cfgCommandLineOptions(args []string, haveFile bool) (options string, stdin bool) {
	var b strings.Builder
	handledLast := true
	for j, a := range args {
		last := j == len(args)-1
		if a == "-" && ((j == 0 && !haveFile) || last) {
			stdin = true
			continue
		}
		if handledLast && strings.HasPrefix(a, "--") {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			b.WriteString(a[2:])
			b.WriteString(" ")
			toks, _ := cfgSplitArgs(a)
			if len(toks) == 1 {
				handledLast = false
				nextIsName := !last && strings.HasPrefix(args[j+1], "--")
				switch {
				case strings.EqualFold(a, "--save") && (nextIsName || last):
					b.WriteString(`""`)
					handledLast = nextIsName
				case strings.EqualFold(a, "--sentinel") && nextIsName:
					handledLast = true
				}
			} else {
				handledLast = true
			}
			continue
		}
		b.WriteString(cfgRepr(a))
		b.WriteString(" ")
		handledLast = true
	}
	return b.String(), stdin
}

// cfgSplitArgs tokenizes a config line as Redis's sdssplitargs does;
// ok is false for unbalanced quotes.
func cfgSplitArgs(line string) (args []string, ok bool) {
	raw, ok := sds.SplitArgs([]byte(line))
	if !ok {
		return nil, false
	}
	args = make([]string, len(raw))
	for i, a := range raw {
		args[i] = string(a)
	}
	return args, true
}
