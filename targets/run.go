// Package targets is the Kbuild model: it turns a kernel tree's own makefiles, evaluated in-process by
// package makelang, into one dag graph, with Kbuild's if_changed family, fixdep and filechk built in and
// the kernel's configuration handled by package kconfig instead of scripts/kconfig/conf.
package targets

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/kbuild-go/kbuild-go/cli"
	"github.com/kbuild-go/kbuild-go/dag"
	"github.com/kbuild-go/kbuild-go/distcc"
	"github.com/kbuild-go/kbuild-go/kconfig"
	"github.com/kbuild-go/kbuild-go/makelang"
	"github.com/kbuild-go/kbuild-go/toolchain"
	"github.com/kbuild-go/kbuild-go/trace"
)

// Version is kbuild-go's version string.
const Version = "0.1.0-dev"

// Usage is printed for -h/--help. The `help` target is the tree's own (make help).
const Usage = `Usage: kbuild-go [-C SRCDIR] [-f MAKEFILE] [-j N] [-k] [-n] [-s] [VAR=value ...] [TARGET ...]

kbuild-go builds a Linux kernel tree the way make and Kbuild do, without make.
  -C DIR        the kernel source tree (default: the current directory)
  -j N          run N jobs at once (default: the number of CPUs)
  -k            keep going after a failure
  -n            print the commands that would run, run none
  -s            silent: print nothing but errors
  -f FILE       make-compatible sub-build mode (how scripts call ${MAKE} -f ...)
  --trace=FILE  write a Chrome trace of every action (one lane per job slot; opens in Perfetto)
  --summary     print the critical path and the slowest steps at the end
  --no-progress no [done/total] status line on a terminal
  --distcc HOSTS send the tree's compiles to distcc hosts (DISTCC_HOSTS's syntax; DISTCC_HOSTS= does too)
Variables as make takes them: O=DIR V=0|1|2 C=1|2 M=DIR W=1..3 ARCH= CROSS_COMPILE= LLVM=1 CC= HOSTCC= LD=
KCONFIG_CONFIG= KCFLAGS= KBUILD_BUILD_TIMESTAMP/USER/HOST/VERSION=, also from the environment.
KBUILD_GO_COMPDB=1 also writes compile_commands.json from the build graph (what the tree's own
compile_commands.json goal writes, with no process).
Targets: the tree's own (kbuild-go help prints them): *config, prepare, scripts_basic, vmlinux, bzImage,
modules, clean, mrproper, dir/, dir/file.o, dir/file.i, dir/file.s, *-pkg ...
kbuild-go's own: headers-pkg (O/linux-headers-RELEASE.tar.xz, the linux-headers package with SHA256SUMS),
bpf (the eBPF objects of kbuild.yaml, built against O=).
  kbuild-go bpf compile [flags] FILE.c   compile an eBPF program against a machine's kernel headers
                                        (kbuild-go bpf compile -h)
Exit codes: 0 success, 1 build failed, 2 bad usage or bad input.
`

// Request is one kbuild-go invocation.
type Request struct {
	Invocation *cli.Invocation
	Stdout     io.Writer
	Stderr     io.Writer
	// Self is the kbuild-go executable. $(MAKE) of every scope is `make`, a name that finds self first on
	// PATH (withMakeOnPath), as a tree built by GNU make records it in its .cmd files (.vmlinux.cmd's
	// postlink step); Self itself when that link cannot be made.
	Self string
	// Env is the process environment; nil means os.Environ().
	Env []string

	// shell runs $(shell ...) of makefiles and Kconfig: the toolchain prober, which caches compiler
	// probes on disk across runs (keyed by command, environment and tool identities).
	shell func(cmd string, env []string, dir string) (string, int)
	// make is $(MAKE): "make" or Self (see Self).
	make string
	// trace records every action for --trace and --summary; nil when neither was asked for.
	trace *trace.Recorder
	// onGraph, when set, is given the driver after a build (watch reads the graph's sources from it).
	onGraph func(d *driver)
	// nested: a kbuild-go's recipe started this one (not a make above it).
	nested bool
	// status is the progress line on a terminal; nil when stdout is not one (or -s, --no-progress, -n,
	// a tool, a sub-make).
	status *statusLine
	// dispatch sends compiles to distcc hosts (--distcc, DISTCC_HOSTS); nil when none are given.
	dispatch *dispatcher
}

// InputError is bad input: a makefile or Kconfig error, a missing source tree, an O= that cannot be
// created. kbuild-go exits 2 for it.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// BuildError is a failed build. kbuild-go exits 1 for it.
type BuildError struct{ Msg string }

func (e *BuildError) Error() string { return e.Msg }

// NoRuleError is make's "No rule to make target": a goal or prerequisite that nothing makes and that
// does not exist, in any make of the tree (a sub-make's goal too). kbuild-go exits 2 for it, as make.
type NoRuleError struct{ Target, NeededBy string }

func (e *NoRuleError) Error() string {
	msg := fmt.Sprintf("*** No rule to make target '%s'", e.Target)
	if e.NeededBy != "" {
		msg += fmt.Sprintf(", needed by '%s'", e.NeededBy)
	}
	return msg + ".  Stop."
}

// Run executes a request.
func Run(ctx context.Context, req Request) error {
	inv := req.Invocation
	if inv.Tool == "watch" {
		return Watch(ctx, req)
	}
	env := req.Env
	if env == nil {
		env = os.Environ()
	}
	if err := setupDispatch(&req, env); err != nil {
		return err
	}
	if req.dispatch != nil && (inv.Summary || verbose(inv, env)) {
		defer func() { fmt.Fprintln(req.Stdout, req.dispatch.summary()) }()
	}
	if out, ok := req.Stdout.(*os.File); ok && !inv.Silent && !inv.NoProgress && !inv.DryRun && inv.Tool == "" &&
		len(inv.Makefiles) == 0 && makeLevel(env) == 0 {
		if req.status = newStatusLine(out, env, newActionNames(inv, env)); req.status != nil {
			if req.dispatch != nil {
				req.status.where = req.dispatch.where
			}
			defer req.status.done()
			req.Stdout = statusWriter{req.status, req.Stdout}
			req.Stderr = statusWriter{req.status, req.Stderr}
		}
	}
	if inv.TraceFile == "" && !inv.Summary {
		return run(ctx, req)
	}
	var tracePath string
	if inv.TraceFile != "" {
		var err error
		if tracePath, err = traceFile(inv.TraceFile); err != nil {
			return &InputError{Err: err}
		}
	}
	names := newActionNames(inv, req.Env)
	req.trace = trace.New(names.label)
	err := run(ctx, req)
	// The trace and the summary of a failed or interrupted build are the ones most worth reading.
	if tracePath != "" {
		if werr := req.trace.WriteFile(tracePath); werr != nil {
			fmt.Fprintf(req.Stderr, "kbuild-go: --trace: %v\n", werr)
		}
	}
	if inv.Summary {
		req.trace.WriteSummary(req.Stdout, 10)
	}
	return err
}

// setupDispatch turns on distcc dispatch when hosts are given (--distcc, or DISTCC_HOSTS on the command line
// or in the environment) for a build of the top make: not for -n, a tool, -f sub-build mode or a
// kbuild-go that a recipe started (its parent's slots are the ones to share). Without -j the build runs as
// many jobs as there are local cores and remote slots; local work still runs on at most the local cores
// (or -j, when that is fewer).
func setupDispatch(req *Request, env []string) error {
	inv := req.Invocation
	if inv.DryRun || inv.Tool != "" || len(inv.Makefiles) > 0 || req.nested || underKbuildGo(env, req.Self) {
		return nil
	}
	spec, timeout := inv.Distcc, environ(env).get("DISTCC_IO_TIMEOUT")
	if spec == "" {
		if v, ok := inv.Lookup("DISTCC_HOSTS"); ok {
			spec = v
		} else {
			spec = environ(env).get("DISTCC_HOSTS")
		}
	}
	if spec == "" {
		// kbuild.yaml's distcc: section, when the file has one.
		start, err := os.Getwd()
		if err != nil {
			return err
		}
		yamlVar, _ := inv.Lookup("KBUILD_YAML")
		if yamlVar == "" {
			yamlVar = environ(env).get("KBUILD_YAML")
		}
		f, err := loadSettings(yamlVar, start)
		if err != nil {
			return err
		}
		if f != nil && f.Distcc != nil {
			spec = f.Distcc.HostList()
			if timeout == "" && f.Distcc.IOTimeout > 0 {
				timeout = fmt.Sprint(f.Distcc.IOTimeout)
			}
		}
	}
	if strings.TrimSpace(spec) == "" {
		return nil
	}
	hosts, err := distcc.ParseHosts(spec)
	if err != nil {
		return &InputError{Err: err}
	}
	if len(hosts) == 0 {
		return nil
	}
	local := runtime.NumCPU()
	if inv.JobsSet {
		local = min(local, inv.Jobs)
	}
	dp, err := newDispatcher(hosts, local, environ(env), timeout)
	if err != nil {
		return &InputError{Err: err}
	}
	if !inv.JobsSet {
		inv.Jobs = local + dp.pool.Total()
	}
	req.dispatch = dp
	return nil
}

// verbose reports V=1 (or higher) on the command line or in the environment.
func verbose(inv *cli.Invocation, env []string) bool {
	v, ok := inv.Lookup("V") // Kbuild takes V from the command line only
	if !ok {
		v = environ(env).get("KBUILD_VERBOSE")
	}
	return strings.Contains(v, "1")
}

// traceFile checks the --trace file: writable, and not something else of the user's that happens to
// have the name (make's own --trace takes no file, so `--trace vmlinux` may mean make's).
func traceFile(name string) (string, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, nil
	case err != nil:
		return "", fmt.Errorf("--trace %s: %w", name, err)
	case len(data) > 0 && !bytes.HasPrefix(data, []byte(`{"traceEvents":`)):
		return "", fmt.Errorf("--trace %s: the file exists and is not a trace: not overwriting it", name)
	}
	return abs, nil
}

// actionNames names the actions of a trace by their primary output, relative to the output or the source
// tree (kernel/fork.o), a phony target by its name, an expansion by the target whose recipe runs the
// sub-make.
type actionNames struct{ roots []string }

// newActionNames finds the trees as Run will: -C DIR, and O= or KBUILD_OUTPUT relative to it.
func newActionNames(inv *cli.Invocation, env []string) *actionNames {
	if env == nil {
		env = os.Environ()
	}
	src, _ := filepath.Abs(cmp.Or(inv.Dir, "."))
	o, ok := inv.Lookup("O")
	if !ok {
		o = environ(env).get("KBUILD_OUTPUT")
	}
	n := &actionNames{}
	if o != "" {
		if !filepath.IsAbs(o) {
			o = filepath.Join(src, o)
		}
		if r, err := filepath.EvalSymlinks(o); err == nil {
			o = r
		}
		n.roots = append(n.roots, o)
	}
	n.roots = append(n.roots, src)
	return n
}

// stepName is a node that stands for part of a recipe: a sub-make's expander (sub-make, subN) or the
// lines before one (stepN). The action is named for the target whose recipe it is part of.
var stepName = regexp.MustCompile(`^(sub-make|sub[0-9]+|step[0-9]+)$`)

func (n *actionNames) name(e *dag.Edge) string {
	out := e.Outputs[0]
	if !out.Phony() {
		return n.path(out.Path)
	}
	p := out.Path
	{
		// A phony node's path is its scope's key and the target's name, NUL-separated; a sub-make's
		// expander adds "sub-make" or "subN" after the name of the target whose recipe runs it.
		parts := strings.Split(p, "\x00")
		if len(parts) > 3 && parts[len(parts)-1] == "leave" {
			return "Leaving directory " + parts[2] // a scope key is file, name, dir, ...
		}
		for len(parts) > 1 && stepName.MatchString(parts[len(parts)-1]) {
			parts = parts[:len(parts)-1]
		}
		p = parts[len(parts)-1]
	}
	return p
}

// path is p relative to the output tree or the source tree.
func (n *actionNames) path(p string) string {
	for _, r := range n.roots {
		if rel, ok := strings.CutPrefix(p, r+"/"); ok {
			return rel
		}
	}
	return p
}

func (n *actionNames) label(a dag.Action) trace.Label {
	if a.Command == nil {
		return trace.Label{Name: n.name(a.Edge), Category: "expand"}
	}
	detail := a.Command.Key
	if detail == "" {
		detail = a.Command.Description
	}
	if len(detail) > 4096 {
		detail = detail[:4096] + "..."
	}
	return trace.Label{Name: n.name(a.Edge), Category: "command", Detail: detail}
}

// run is Run without the trace.
func run(ctx context.Context, req Request) error {
	inv := req.Invocation
	if prober, err := toolchain.NewProber(toolchain.ProberConfig{Jobs: inv.Jobs, Stderr: req.Stderr}); err == nil {
		req.shell = prober.Shell
	} else {
		fmt.Fprintf(req.Stderr, "kbuild-go: warning: probe cache disabled: %v\n", err)
	}
	env := req.Env
	if env == nil {
		env = os.Environ()
	}
	// kbuild-go is the make of this invocation: a MAKE inherited from a calling make must not send
	// sub-makes back to GNU make.
	env = withoutVar(env, "MAKE")
	inheritMakeflags(inv, env)
	req.nested = underKbuildGo(env, req.Self)
	env, onPath := withMakeOnPath(env, req.Self)
	req.make = req.Self
	if onPath {
		req.make = "make"
	}
	srcdir := inv.Dir
	if srcdir == "" {
		srcdir = "."
	}
	abs, err := filepath.Abs(srcdir)
	if err != nil {
		return &InputError{Err: err}
	}
	if err := enterable(abs); err != nil {
		// make's words: chdir's strerror ("No such file or directory", "Not a directory").
		return &InputError{Err: fmt.Errorf("*** %s: %s.  Stop.", srcdir, err)}
	}
	top := subMake{dir: abs, cd: inv.Dir, goals: inv.Targets}
	// The parent make's command-line variables come in MAKEFLAGS, as for make; this command line's own
	// replace those of the same name (make passes each once: a duplicate would apply the parent's last).
	var cmdline cmdVars
	for _, a := range overridesOf(environ(env).get("MAKEFLAGS")) {
		cmdline = cmdline.with(a)
	}
	cmdline = cmdline.withVars(inv.Vars)
	if len(inv.Makefiles) > 0 {
		// Sub-build mode: a script ran ${MAKE} -f FILE ...
		top.file, top.name = inv.Makefiles[0], inv.Makefiles[0]
		if !filepath.IsAbs(top.file) {
			top.file = filepath.Join(abs, top.file)
		}
	} else {
		top.file, top.name = filepath.Join(abs, "Makefile"), "Makefile"
		if _, err := os.Stat(top.file); err != nil {
			return &InputError{Err: fmt.Errorf("*** %s: not a kernel tree (no Makefile).  Stop.", srcdir)}
		}
	}
	top.cmdline = cmdline
	top.flags = invFlags(inv)
	if len(inv.Makefiles) == 0 {
		// The output tree must be creatable before anything else runs; say so in one line (the top
		// Makefile's own check would also show mkdir's message).
		if _, err := objTree(top, env); err != nil {
			return err
		}
	}

	// Everything else is the tree's: which goals need a configuration, when auto.conf is synced
	// (remaking the included include/config/auto.conf and auto.conf.cmd), mixed config and build goals
	// (its __build_one_by_one). Only kbuild-go's own goals are split off.
	_, kerr := os.Stat(filepath.Join(abs, "Kconfig"))
	kernelTree := kerr == nil && len(inv.Makefiles) == 0
	if tree, own := splitOwnGoals(inv.Targets); kernelTree && len(own) > 0 {
		sm := top
		sm.goals = tree
		return buildWithOwnGoals(ctx, req, sm, env, own)
	}
	sm := top
	sm.goals = inv.Targets
	return build(ctx, req, sm, env)
}

// build evaluates the top scope and runs its goals through one graph.
func build(ctx context.Context, req Request, sm subMake, env []string) error {
	var gfile, gkey string
	var said []string // directory lines a cached run printed before it stopped to evaluate
	if graphCacheable(req, sm, env) {
		if objtree, err := objTree(sm, env); err == nil {
			if gfile, err = graphFile(objtree, req.Invocation); err == nil {
				gkey = graphKey(req.Invocation, env, req.Self)
				used, entered, err := buildCached(ctx, req, sm, env, gfile, gkey)
				if used {
					return err
				}
				said = entered
			}
		}
	}
	d := newDriver(req.make, req.Stdout, req.Stderr, env, req.shell, newStatCache())
	d.exe, d.dispatch = req.Self, req.dispatch
	d.build = func(d *driver, nodes []*dag.Node) error { return runGraph(ctx, req, d, nodes) }
	d.topFlags = topFlags(req.Invocation)
	d.topGoals = req.Invocation.Targets
	d.entered = said
	var top *expansion
	if gfile != "" {
		// Recording: the record of an older graph goes first, so that a failure leaves none.
		removeGraph(gfile)
		d.fs.in, d.rec, d.cmdRecords = newEvalInputs(), newGraphRec(), true
		top = &d.rec.top
	}
	sc, err := d.scopeFor(sm, env, makeLevel(env), top)
	if err != nil {
		return err
	}
	defer d.leaveTop(sc)
	nodes, err := sc.goals(sm.goals, nil)
	if err != nil {
		return err
	}
	if req.onGraph != nil {
		defer req.onGraph(d) // also after a failed build: its graph is what the next one reads
	}
	if err := d.build(d, nodes); err != nil {
		return err
	}
	if gfile != "" {
		if err := d.saveGraph(gfile, gkey, nodes, sc); err != nil {
			graphSay(req, sm, env, "not recorded: "+err.Error())
		}
	}
	return d.afterBuild(req, sm)
}

// graphCacheable reports whether this run may use and record a cached graph: asked for, a build of the
// top make (no tool, no -n, no -B, not started by a kbuild-go's recipe, no compilation database, not
// watch). A make above kbuild-go (`make test` running the e2e, a wrapper Makefile) does not matter.
func graphCacheable(req Request, sm subMake, env []string) bool {
	inv := req.Invocation
	return graphCacheWanted(sm.cmdline, env) && inv.Tool == "" && !inv.DryRun && !inv.AlwaysMake && len(inv.Makefiles) == 0 &&
		!req.nested && req.onGraph == nil && !compdbWanted(sm.cmdline, env)
}

// graphSay tells which path the run took, under V=1 (and KBUILD_GO_DEBUG), and in the trace.
func graphSay(req Request, sm subMake, env []string, what string) {
	if req.trace != nil {
		req.trace.Note("graph: " + what)
	}
	v := lookup(sm.cmdline, environ(env), "V", "KBUILD_VERBOSE")
	if strings.Contains(v, "1") || environ(env).get("KBUILD_GO_DEBUG") != "" {
		fmt.Fprintf(req.Stderr, "kbuild-go: graph: %s\n", what)
	}
}

// buildCached runs the build from the recorded graph when the record still holds. used is false when
// the run must evaluate: no record, a changed input, or a command that rewrote what the evaluation read.
func buildCached(ctx context.Context, req Request, sm subMake, env []string, gfile, gkey string) (used bool, entered []string, err error) {
	shell := req.shell
	if shell == nil {
		shell = makelang.DefaultShell
	}
	c, why := checkGraph(gfile, gkey, shell)
	if c == nil {
		graphSay(req, sm, env, "re-evaluated: "+why)
		return false, nil, nil
	}
	// From here the run is the graph's size, not an evaluation's: the collector runs at the usual
	// pace (gctune's no-collection phase is for evaluations).
	debug.SetGCPercent(100)
	w, why := loadGraph(gfile, c)
	if w == nil {
		graphSay(req, sm, env, "re-evaluated: "+why)
		return false, nil, nil
	}
	d := newDriver(req.make, req.Stdout, req.Stderr, env, req.shell, newStatCache())
	d.exe, d.cmdRecords, d.dispatch = req.Self, true, req.dispatch
	d.topFlags, d.topGoals = topFlags(req.Invocation), req.Invocation.Targets
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cr := &cachedRun{d: d, w: w, cancel: cancel, recs: map[string]*record{}, envs: map[int32][]string{},
		shells: c.In.Shells, shellEnvs: c.Envs, shell: shell}
	g, goals, err := cr.graph()
	if err != nil {
		graphSay(req, sm, env, "re-evaluated: the record does not make a graph: "+err.Error())
		return false, nil, nil
	}
	d.g, d.cached = g, cr
	go cr.prefetch()
	// The record's decoding was most of what this run allocates; the graph is what stays. Collect now
	// (gctune's first collection, which also ends its no-collection phase): the build that follows
	// then runs at the size of its graph.
	in := &evalInputs{Files: c.In.Files, MTimes: c.In.MTimes, Shells: c.In.Shells}
	cr.watch = in.watched()
	c = nil
	runtime.GC()
	graphSay(req, sm, env, "cached")
	if req.status != nil {
		req.status.knowTotal(w.Total)
	}
	io.WriteString(req.Stderr, w.TopEPrint)
	io.WriteString(req.Stdout, w.TopPrint)
	cr.printed(w.TopPrint)
	err = runGraph(cctx, req, d, goals)
	if cr.why != "" {
		graphSay(req, sm, env, "re-evaluated: "+cr.why)
		removeGraph(gfile)
		return false, cr.entered, nil
	}
	if w.Leave != "" {
		io.WriteString(req.Stdout, w.Leave)
	}
	return true, nil, err
}

// tool prints what kbuild-go's query or graph tool was asked for, after the dry run that expanded the
// graph behind the goals (the default goal when none are named).
func (d *driver) tool(req Request, goals []string) error {
	inv := req.Invocation
	if len(goals) == 0 {
		goals = []string{"all"}
	}
	names := newActionNames(inv, req.Env)
	switch inv.Tool {
	case "query":
		return d.query(req.Stdout, goals, names)
	case "graph":
		if inv.Phases {
			return d.graphPhases(req.Stdout, goals, names, d.srcarch())
		}
		return d.graphDOT(req.Stdout, goals, names)
	}
	return nil
}

// afterBuild does what a successful build of the top make asked for besides its goals: the compilation
// database (KBUILD_GO_COMPDB=1), written from the graph.
func (d *driver) afterBuild(req Request, top subMake) error {
	if t := req.Invocation.Tool; t == "query" || t == "graph" {
		return d.tool(req, req.Invocation.Targets)
	}
	if len(req.Invocation.Makefiles) > 0 || !compdbWanted(top.cmdline, d.env) {
		return nil
	}
	if err := d.writeCompdb(); err != nil {
		return &BuildError{Msg: "compile_commands.json: " + err.Error()}
	}
	return nil
}

// runGraph builds nodes of d's graph with the invocation's settings.
func runGraph(ctx context.Context, req Request, d *driver, nodes []*dag.Node) error {
	inv := req.Invocation
	cfg := dag.Config{
		Jobs:       inv.Jobs,
		KeepGoing:  inv.KeepGoing,
		AlwaysMake: inv.AlwaysMake,
		DryRun:     inv.DryRun,
		Records:    records{d},
		Printer:    flushingPrinter{&printer{out: req.Stdout, errw: req.Stderr}, d.fs},
	}
	if d.cached != nil {
		cfg.Records = d.cached
		cfg.Printer = watchPrinter{cfg.Printer, d.cached}
	}
	if req.trace != nil {
		cfg.Tracer = req.trace
	}
	if req.status != nil {
		cfg.Progress = req.status.Progress
		cfg.Printer = progressPrinter{cfg.Printer, req.status}
	}
	if r := d.rec; r != nil {
		// The record keeps the build's total, for the status line of the runs that replay it.
		show := cfg.Progress
		cfg.Progress = func(p dag.Progress) {
			r.mu.Lock()
			r.total = p.Total
			r.mu.Unlock()
			if show != nil {
				show(p)
			}
		}
	}
	if d.remaking {
		cfg.DryRun = false
	}
	if inv.Tool != "" && !d.remaking {
		// Everything is checked in order, one at a time: an explanation reads top to bottom.
		cfg.Jobs, cfg.DryRun = 1, true
		cfg.Printer = dryRunSilent{cfg.Printer}
		if inv.Tool == "explain" {
			cfg.Explainer = &explainer{w: req.Stdout, names: newActionNames(inv, req.Env)}
		}
	}
	if d.debug {
		cfg.Explainer = dag.ExplainFunc(func(dc dag.Decision) {
			fmt.Fprintf(req.Stderr, "kbuild-go: debug: %s: run=%v %s\n", dc.Output, dc.Run, dc.Why())
		})
	}
	res, err := dag.Build(ctx, d.g, cfg, nodes...)
	if req.trace != nil && res != nil {
		req.trace.Critical(res.Critical)
	}
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	var be *dag.BuildError
	if errors.As(err, &be) {
		// A sub-make that found no rule for its goal fails the build as make's does: that message, exit 2.
		for _, f := range be.Failed {
			var nr *NoRuleError
			if errors.As(f.Err, &nr) {
				return nr
			}
			var dnr *dag.NoRuleError
			if errors.As(f.Err, &dnr) {
				return &NoRuleError{Target: newActionNames(inv, req.Env).path(dnr.Input)}
			}
		}
		return &BuildError{Msg: "build failed"}
	}
	return &BuildError{Msg: err.Error()}
}

// topFlags is MAKEFLAGS of the top scope: the switches of the kbuild-go command line that make passes on
// (invFlags; makelang writes them in make's form).
func topFlags(inv *cli.Invocation) string { return invFlags(inv) }

// makeLevel is MAKELEVEL for the top scope: what a parent make exported (its own level + 1), else 0. A
// kbuild-go that a shell line started (`cd tools && $(MAKE) ...`, with or without -f) is a sub-make, as
// make's child is.
func makeLevel(env []string) int {
	n := 0
	if v := environ(env).get("MAKELEVEL"); v != "" {
		fmt.Sscan(v, &n)
	}
	return n
}

// inheritMakeflags adds the switches a parent make passed in MAKEFLAGS to inv, as make reads MAKEFLAGS
// before its own command line: only those that change how this make runs (-k -s -n -B -w,
// --no-print-directory); -I DIR and -rR are the scopes' (makelang reads them from MAKEFLAGS), and the
// command-line variables after " -- " are overridesOf's.
func inheritMakeflags(inv *cli.Invocation, env []string) {
	f := makelang.ParseFlags(environ(env).get("MAKEFLAGS"))
	inv.KeepGoing = inv.KeepGoing || f.Has('k')
	inv.Silent = inv.Silent || f.Has('s')
	inv.DryRun = inv.DryRun || f.Has('n')
	inv.AlwaysMake = inv.AlwaysMake || f.Has('B')
	inv.PrintDirectory = inv.PrintDirectory || f.Has('w')
	inv.NoPrintDirectory = inv.NoPrintDirectory || f.HasLong("no-print-directory")
}

// splitEscaped splits MAKEFLAGS words, where make escapes spaces in values with a backslash.
func splitEscaped(s string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		case s[i] == ' ':
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteByte(s[i])
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// objTree resolves the output tree as the top Makefile does: O= (command line) over KBUILD_OUTPUT
// (environment), relative to the source directory, created if missing.
func objTree(top subMake, env []string) (string, error) {
	o := top.cmdline.value("O")
	if o == "" {
		o = environ(env).get("KBUILD_OUTPUT")
	}
	if o == "" {
		return top.dir, nil
	}
	if !filepath.IsAbs(o) {
		o = filepath.Join(top.dir, o)
	}
	if err := os.MkdirAll(o, 0o777); err != nil {
		return "", &InputError{Err: fmt.Errorf("*** failed to create output directory %q: %v", o, err)}
	}
	r, err := filepath.EvalSymlinks(o)
	if err != nil {
		return "", &InputError{Err: err}
	}
	return r, nil
}

// confProgram is the configurator scripts/kconfig/Makefile builds and runs as `$(obj)/conf` (conf.c).
// kbuild-go builds none of it: the target is a leaf, and each recipe line of that makefile that runs it
// runs `kbuild-go kconfig conf ARGS` instead, conf's command line answered by package kconfig (Conf),
// in the recipe's directory and environment. Everything else there (menuconfig's mconf, merge_config.sh,
// streamline_config.pl, the tinyconfig recipe) runs as the tree wrote it.
const confProgram = "scripts/kconfig/conf"

var confWord = regexp.MustCompile(`(^|[\s;&|(])` + regexp.QuoteMeta(confProgram) + `(\s|;|$)`)

// isConfScope reports whether a sub-make is scripts/kconfig's ($(build)=scripts/kconfig).
func isConfScope(sm subMake) bool {
	return filepath.Base(sm.file) == "Makefile.build" && sm.cmdline.value("obj") == "scripts/kconfig"
}

// confLines rewrites recipe lines of scripts/kconfig's scope that run conf to run exe's conf.
func confLines(lines []makelang.RecipeLine, exe string) []makelang.RecipeLine {
	out := make([]makelang.RecipeLine, len(lines))
	for i, l := range lines {
		l.Text = confWord.ReplaceAllString(l.Text, "${1}"+shellQuote(exe)+" kconfig conf${2}")
		out[i] = l
	}
	return out
}

// RunConf is `kbuild-go kconfig conf ARGS`: conf's command line (kconfig.Conf) in the current
// directory (the object tree) with the environment the tree's makefiles exported to the recipe, and
// $(shell,...) of Kconfig through the toolchain prober's cache.
func RunConf(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	env := os.Environ()
	opts := kconfig.Options{SrcTree: lookup(nil, env, "srctree", "."), ObjTree: ".", Env: env,
		Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if prober, err := toolchain.NewProber(toolchain.ProberConfig{Stderr: stderr}); err == nil {
		opts.Shell = func(cmd string, env []string, dir string, _ io.Writer) ([]byte, error) {
			out, _ := prober.Shell(cmd, env, dir)
			return []byte(out), nil
		}
	}
	if err := kconfig.Conf(args, opts); err != nil {
		var ke *kconfig.Error
		if errors.As(err, &ke) && ke.Input {
			return &InputError{Err: err}
		}
		return err
	}
	return nil
}

// withoutVar returns env without entries for name.
func withoutVar(env []string, name string) []string {
	out := make([]string, 0, len(env))
	for _, e := range env {
		if !strings.HasPrefix(e, name+"=") {
			out = append(out, e)
		}
	}
	return out
}

// enterable says why -C DIR cannot be entered, in strerror's words, or nil.
func enterable(dir string) error {
	st, err := os.Stat(dir)
	var errno syscall.Errno
	switch {
	case errors.As(err, &errno):
	case err != nil:
		return err
	case !st.IsDir():
		errno = syscall.ENOTDIR
	default:
		return nil
	}
	text := errno.Error()
	return errors.New(strings.ToUpper(text[:1]) + text[1:])
}
