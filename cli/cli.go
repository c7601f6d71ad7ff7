// Package cli parses kbuild-go's command line, which speaks GNU make's words:
//
//	kbuild-go [-C SRCDIR] [-f MAKEFILE] [-j N] [-k] [-n] [-s] [VAR=value ...] [TARGET ...]
//
// The parse is make's: options may come in any order and mix with variable assignments and targets,
// single-letter options take their argument attached (-j8, -Clinux) or as the next word, and long forms
// (--directory=, --jobs=, --keep-going, --dry-run, --silent) are accepted. Anything with an '=' whose left
// side is a variable name is a command-line variable, exactly as make decides it. The result is a plain
// value; interpreting it (O=, V=, ARCH=...) is the targets package's business.
package cli

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// UsageError is a bad command line. kbuild-go exits 2 for it (see docs/ARCHITECTURE.md).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// IsUsage reports whether err is (or wraps) a UsageError.
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}

// Var is one command-line variable assignment, kept in command-line order because make applies them in
// that order (a later O= wins over an earlier one).
type Var struct {
	Name  string
	Value string
	// Simple is true for `NAME:=value` (and `NAME::=value`); make then expands the value once.
	Simple bool
}

// Invocation is a parsed command line.
type Invocation struct {
	// Dir is the -C directory ("" when not given: the current directory). For kbuild-go's top-level use it
	// is the kernel source tree.
	Dir string
	// Makefiles are the -f arguments, in order. Non-empty means make-compatible sub-build mode (how
	// scripts such as link-vmlinux.sh call ${MAKE} -f scripts/Makefile.build obj=init ...).
	Makefiles []string
	// Jobs is the -j value; it defaults to the number of CPUs. A bare -j (make's "no limit") is also mapped to
	// the number of CPUs times two, since running unbounded jobs on a small machine only thrashes it.
	Jobs int
	// JobsSet tells whether -j was given explicitly.
	JobsSet   bool
	KeepGoing bool
	DryRun    bool
	Silent    bool
	// AlwaysMake is -B: consider every target out of date.
	AlwaysMake bool
	// PrintDirectory is make's -w/--print-directory; NoPrintDirectory is --no-print-directory.
	PrintDirectory   bool
	NoPrintDirectory bool
	Vars             []Var
	Targets          []string
	// TraceFile is --trace FILE: a Chrome trace-event file of the build's actions (kbuild-go's; make's
	// own --trace, which takes no file, is V=2 here). Summary is --summary: the critical path and the
	// slowest steps at the end.
	TraceFile string
	Summary   bool
	// NoProgress is --no-progress: no status line on a terminal.
	NoProgress bool
	// Distcc is --distcc HOSTS: compiles go to these distcc hosts (DISTCC_HOSTS's syntax; the variable
	// DISTCC_HOSTS, on the command line or in the environment, does the same).
	Distcc string
	// Tool is kbuild-go's own first word, which runs the goals' graph without building it: "explain" (why
	// each step would run), "query" (a target's inputs, outputs and command), "graph" (Graphviz DOT of the
	// graph behind the goals; Phases folds it into the top Makefile's phases), "watch" (build, then
	// rebuild on every change). "" is a build.
	Tool   string
	Phases bool
	// Help and Version are -h/--help and -v/--version (not the `help` target, which is a Target).
	Help    bool
	Version bool
}

// Lookup returns the value of the last command-line assignment of name.
func (inv *Invocation) Lookup(name string) (string, bool) {
	for i := len(inv.Vars) - 1; i >= 0; i-- {
		if inv.Vars[i].Name == name {
			return inv.Vars[i].Value, true
		}
	}
	return "", false
}

// Tools are the first words that name kbuild-go's own tools (Invocation.Tool).
var Tools = []string{"explain", "query", "graph", "watch"}

// Parse parses args (without the program name).
func Parse(args []string) (*Invocation, error) {
	inv := &Invocation{Jobs: runtime.NumCPU()}
	if len(args) > 0 && slices.Contains(Tools, args[0]) {
		inv.Tool, args = args[0], args[1:]
		if inv.Tool != "watch" {
			// Reasons, nodes or a graph only: nothing runs, no Entering/Leaving lines between them.
			inv.DryRun, inv.NoPrintDirectory = true, true
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		// next returns the argument of a single-letter option: attached (-Cdir) or the next word.
		next := func(opt string, attached string) (string, error) {
			if attached != "" {
				return attached, nil
			}
			if i+1 >= len(args) {
				return "", &UsageError{fmt.Sprintf("option '%s' requires an argument", opt)}
			}
			i++
			return args[i], nil
		}
		switch {
		case a == "--":
			// make treats everything after -- as targets or variables.
			for _, rest := range args[i+1:] {
				inv.addWord(rest)
			}
			return inv, nil
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			switch name {
			case "directory":
				v, err := longArg(a, val, hasVal, args, &i)
				if err != nil {
					return nil, err
				}
				inv.Dir = joinDir(inv.Dir, v)
			case "file", "makefile":
				v, err := longArg(a, val, hasVal, args, &i)
				if err != nil {
					return nil, err
				}
				inv.Makefiles = append(inv.Makefiles, v)
			case "jobs":
				if !hasVal {
					inv.Jobs, inv.JobsSet = runtime.NumCPU()*2, true
					continue
				}
				if err := inv.setJobs(val); err != nil {
					return nil, err
				}
			case "keep-going":
				inv.KeepGoing = true
			case "no-keep-going", "stop":
				inv.KeepGoing = false
			case "dry-run", "just-print", "recon":
				inv.DryRun = true
			case "silent", "quiet":
				inv.Silent = true
			case "always-make":
				inv.AlwaysMake = true
			case "print-directory":
				inv.PrintDirectory = true
			case "no-print-directory":
				inv.NoPrintDirectory = true
			case "trace":
				// make's --trace takes no argument, so `--trace vmlinux` would be make's tracing and the
				// goal vmlinux: a file in the next word must say it is one (FILE.json); --trace=FILE
				// takes any name.
				if !hasVal && (i+1 >= len(args) || !strings.HasSuffix(args[i+1], ".json")) {
					return nil, &UsageError{"option '--trace' takes a file: --trace=FILE or --trace FILE.json (kbuild-go writes a Chrome trace there; make's target tracing is V=2)"}
				}
				v, err := longArg(a, val, hasVal, args, &i)
				if err != nil {
					return nil, err
				}
				inv.TraceFile = v
			case "summary":
				inv.Summary = true
			case "no-progress":
				inv.NoProgress = true
			case "distcc":
				v, err := longArg(a, val, hasVal, args, &i)
				if err != nil {
					return nil, err
				}
				inv.Distcc = v
			case "phases":
				if inv.Tool != "graph" {
					return nil, &UsageError{"option '--phases' is kbuild-go graph's"}
				}
				inv.Phases = true
			case "help":
				inv.Help = true
			case "version":
				inv.Version = true
			default:
				return nil, &UsageError{fmt.Sprintf("unrecognized option '%s'", a)}
			}
		case len(a) > 1 && a[0] == '-':
			// A cluster of single-letter flags, the last of which may take an argument: -kj8, -sC dir.
			for j := 1; j < len(a); j++ {
				c := a[j]
				rest := a[j+1:]
				switch c {
				case 'C':
					v, err := next("-C", rest)
					if err != nil {
						return nil, err
					}
					inv.Dir = joinDir(inv.Dir, v)
					j = len(a)
				case 'f':
					v, err := next("-f", rest)
					if err != nil {
						return nil, err
					}
					inv.Makefiles = append(inv.Makefiles, v)
					j = len(a)
				case 'j':
					// -j takes an optional argument: only digits attached or as the next word.
					if rest == "" && i+1 < len(args) && isDigits(args[i+1]) {
						i++
						rest = args[i]
					}
					if rest == "" {
						inv.Jobs, inv.JobsSet = runtime.NumCPU()*2, true
					} else if err := inv.setJobs(rest); err != nil {
						return nil, err
					}
					j = len(a)
				case 'k':
					inv.KeepGoing = true
				case 'S':
					inv.KeepGoing = false
				case 'n':
					inv.DryRun = true
				case 's':
					inv.Silent = true
				case 'B':
					inv.AlwaysMake = true
				case 'w':
					inv.PrintDirectory = true
				case 'r', 'R':
					// -r/-R (no built-in rules/variables): kbuild-go never has make's built-in rules; the
					// top Makefile adds -rR to MAKEFLAGS itself. Accept them for compatibility.
				case 'h':
					inv.Help = true
				case 'v':
					inv.Version = true
				default:
					return nil, &UsageError{fmt.Sprintf("invalid option -- '%c'", c)}
				}
			}
		default:
			inv.addWord(a)
		}
	}
	return inv, nil
}

func (inv *Invocation) addWord(a string) {
	if v, ok := parseVar(a); ok {
		inv.Vars = append(inv.Vars, v)
		return
	}
	inv.Targets = append(inv.Targets, a)
}

func (inv *Invocation) setJobs(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return &UsageError{fmt.Sprintf("the '-j' option requires a positive integer argument, not %q", s)}
	}
	inv.Jobs, inv.JobsSet = n, true
	return nil
}

func longArg(a, val string, hasVal bool, args []string, i *int) (string, error) {
	if hasVal {
		return val, nil
	}
	if *i+1 >= len(args) {
		return "", &UsageError{fmt.Sprintf("option '%s' requires an argument", a)}
	}
	*i++
	return args[*i], nil
}

// joinDir applies a -C option the way make does: each -C is relative to the previous one.
func joinDir(prev, d string) string {
	if prev == "" || strings.HasPrefix(d, "/") {
		return d
	}
	return strings.TrimSuffix(prev, "/") + "/" + d
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// parseVar decides, as make does, whether a word is a variable assignment: the text before the first '='
// (minus a trailing ':', '::', '+', '?') must be a non-empty name without whitespace.
func parseVar(a string) (Var, bool) {
	eq := strings.IndexByte(a, '=')
	if eq <= 0 {
		return Var{}, false
	}
	name, val := a[:eq], a[eq+1:]
	simple := false
	switch {
	case strings.HasSuffix(name, "::"):
		name, simple = name[:len(name)-2], true
	case strings.HasSuffix(name, ":"):
		name, simple = name[:len(name)-1], true
	case strings.HasSuffix(name, "+"), strings.HasSuffix(name, "?"):
		// make accepts += and ?= on the command line too; for a command-line variable they reduce to a
		// plain assignment because nothing else can have set it first.
		name = name[:len(name)-1]
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, " \t") {
		return Var{}, false
	}
	return Var{Name: name, Value: val, Simple: simple}, true
}
