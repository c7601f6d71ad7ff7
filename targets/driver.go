package targets

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kbuild-go/kbuild-go/cli"
	"github.com/kbuild-go/kbuild-go/dag"
	"github.com/kbuild-go/kbuild-go/makelang"
)

// The driver turns make invocations into one global graph. Every make invocation — the top one, and each
// `$(MAKE) -C dir -f file var=value goals` line a recipe runs — is a scope: the makefile evaluated once with
// its command-line variables and environment. Targets resolve inside their scope (make's rule search and
// VPATH, done by package makelang) and become dag edges. A recipe that runs a sub-make becomes an expander
// edge: when its prerequisites are done (the moment make would start the sub-make), the sub-make's scope is
// evaluated in-process and its goals join the graph. So there are no processes and no directory barriers,
// and the order is still make's: nothing of a sub-make starts before the rule that calls it could run.
type driver struct {
	g     *dag.Graph
	cache *makelang.Cache
	self  string // $(MAKE): "make" found first on PATH as this executable, or its path (Request.Self)
	exe   string // this executable (Request.Self): conf's stand-in
	// topGoals are the goals of kbuild-go's command line; a phony one's recipe is a console command.
	topGoals    []string
	out         io.Writer
	errw        io.Writer
	debug       bool // KBUILD_GO_DEBUG=1: say how recipe lines are understood
	debugTarget string
	// topFlags are the single-letter flags of the kbuild-go command line as $(MAKEFLAGS) shows them in the
	// top scope ("ks" for -k -s).
	topFlags string
	// remaking is set on the driver of a remake-makefiles build, which does not remake again.
	remaking bool
	// build runs a graph to completion for the given nodes (set by the caller: jobs, -k, printing).
	build func(d *driver, nodes []*dag.Node) error
	env   []string
	// shell runs $(shell ...) for every scope (nil: the evaluator's default); the probe cache plugs in here.
	shell func(cmd string, env []string, dir string) (string, int)
	// fs is what every scope reads the tree through (shared with sub-drivers).
	fs *statCache

	// cmdRecords: .cmd files are records read natively, not evaluated (KBUILD_GO_CMD_RECORDS=1).
	cmdRecords bool
	cmdCache   cmdFileCache

	// dispatch sends the target tree's compiles to distcc hosts (DISTCC_HOSTS); nil runs all here.
	dispatch *dispatcher
	// rec records what a cached graph needs; nil when this run does not (KBUILD_GO_GRAPH_CACHE=0, -n, ...).
	rec *graphRec
	// cached is the run from a cached graph this driver builds, if it does.
	cached *cachedRun
	// entered are directory lines a cached run printed before it stopped for this evaluation: each is
	// not printed again, once.
	entered []string

	mu     sync.Mutex
	scopes map[string]*scope
	owner  map[*dag.Node]*scopeTarget // file outputs → the scope target that builds them (for Records)
}

// scope is one make invocation.
type scope struct {
	d       *driver
	key     string
	dir     string  // $(CURDIR), absolute
	file    string  // the makefile, absolute
	cmdline cmdVars // command-line variables in the order this make defines them
	level   int

	mu    sync.Mutex // a makelang.Scope is not safe for concurrent use
	s     *makelang.Scope
	nodes map[string]*dag.Node // target name (as the scope spells it) → node, memoized
	plan  *planState           // the recipe being expanded, while mu is held
	// silent: this make runs with -s (MAKEFLAGS says so), so recipe lines are not echoed.
	silent bool
	// via are the files whose recipes run this make (the target of the recipe line, and theirs in
	// turn): none of them can be a leaf here, as the make that builds them is waiting for this one.
	via map[string]bool
	// conf: this is scripts/kconfig's make, whose conf kbuild-go answers (confProgram).
	conf bool
	// printDir: this make says "Entering directory" and "Leaving directory" (make's -w, decided as make
	// decides it); leave is the node that says the second, after the goals it was entered for.
	printDir bool
	leave    *dag.Node
	// cmdFiles are the .cmd files this make's includes named and kbuild-go reads natively (cmdrecords.go).
	cmdFiles sync.Map
}

// saidAlready reports (once) whether line is one a stopped cached run printed.
func (d *driver) saidAlready(line string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if i := slices.Index(d.entered, line); i >= 0 {
		d.entered = slices.Delete(d.entered, i, i+1)
		return true
	}
	return false
}

// directoryLine is make's -w line: "make[2]: Entering directory '/out'" ("make:" at level 0).
func directoryLine(level int, what, dir string) string {
	prog := "kbuild-go"
	if level > 0 {
		prog = fmt.Sprintf("kbuild-go[%d]", level)
	}
	return fmt.Sprintf("%s: %s directory '%s'\n", prog, what, dir)
}

// scopeTarget names a target inside its scope.
type scopeTarget struct {
	sc      *scope
	name    string
	parents []*makelang.Target // see ensure
	// names maps the edge's input nodes back to the prerequisite names of the rule, so that $? is
	// spelled as make spells it (FORCE, not the phony node's scope-qualified name).
	names map[*dag.Node]string
}

// subMake is a parsed `$(MAKE) ...` recipe line.
type subMake struct {
	dir string
	// cd is the -C argument as the command line gave it, or "" (make then prints "Entering directory"
	// unless told otherwise).
	cd   string
	file string // the makefile, absolute
	// name is the makefile as the command line named it (-f FILE, else "Makefile"): make's name for it in
	// $(MAKEFILE_LIST) and in messages ("Makefile:4: ...", not the absolute path).
	name    string
	cmdline cmdVars
	goals   []string
	// flags are the options of the sub-make's own command line that make adds to its MAKEFLAGS
	// (-s, -k, --no-print-directory...), in MAKEFLAGS form: 6.12's top Makefile recurses until
	// $(MAKEFLAGS) has --no-print-directory.
	flags string
	// via are the files whose recipes run this sub-make (not part of what makes two the same make).
	via []string
}

// makefileName is the name the sub-make's makefile is read under.
func (sm subMake) makefileName() string {
	if sm.name == "" {
		return sm.file
	}
	return sm.name
}

func newDriver(self string, out, errw io.Writer, env []string, shell func(string, []string, string) (string, int), fs *statCache) *driver {
	return &driver{
		g: dag.NewGraph(), cache: makelang.NewCache(), self: self, out: out, errw: errw, env: env, shell: shell, fs: fs,
		scopes: map[string]*scope{}, owner: map[*dag.Node]*scopeTarget{},
		debug:      environ(env).get("KBUILD_GO_DEBUG") != "",
		cmdRecords: cmdRecords(env),
		// KBUILD_GO_DEBUG_TARGET=name prints how that target resolved in each scope.
		debugTarget: environ(env).get("KBUILD_GO_DEBUG_TARGET"),
	}
}

// scopeFor returns the scope of a make invocation, evaluating the makefile the first time. The key is what
// makes two invocations the same make: makefile, directory, command-line variables and goals.
//
// What evaluating it prints (the "Entering directory" line, $(info) and $(warning)) also goes to x, when
// the run records a cached graph: the expander replays it.
func (d *driver) scopeFor(sm subMake, env []string, level int, x *expansion) (*scope, error) {
	// MAKECMDGOALS is part of the key: the top Makefile evaluates differently for config goals.
	key := sm.file + "\x00" + sm.name + "\x00" + sm.dir + "\x00" + strings.Join(sm.cmdline, "\x00") + "\x00" + strings.Join(sm.goals, " ") + "\x00" + sm.flags
	d.mu.Lock()
	sc, ok := d.scopes[key]
	d.mu.Unlock()
	if ok {
		sc.mu.Lock()
		for _, v := range sm.via {
			sc.via[v] = true
		}
		sc.mu.Unlock()
		return sc, nil
	}
	sc = &scope{d: d, key: key, dir: sm.dir, file: sm.file, cmdline: sm.cmdline, level: level, nodes: map[string]*dag.Node{},
		via: map[string]bool{}, conf: isConfScope(sm) && d.exe != ""}
	for _, v := range sm.via {
		sc.via[v] = true
	}
	flags := d.topFlags
	// A sub-make's MAKEFLAGS (without the command-line variables after " -- ") is what its parent
	// exported: -s, -k, --include-dir=$(abs_srctree), --no-print-directory...
	inherited := ""
	if level > 0 {
		mf := environ(env).get("MAKEFLAGS")
		inherited, _, _ = strings.Cut(mf, " -- ")
		if strings.HasPrefix(mf, "-- ") {
			inherited = ""
		}
	}
	_, flagsGiven := sm.cmdline.get("MAKEFLAGS")
	if mf, ok := sm.cmdline.get("MAKEFLAGS"); ok {
		// `$(MAKE) MAKEFLAGS="..."` (the top Makefile's tools/ rule): the sub-make's $(MAKEFLAGS) is
		// exactly this.
		flags = mf
	} else if level > 0 {
		flags = mergeMakeflags(inherited, sm.flags)
	}
	pf := makelang.ParseFlags(flags).WithPrintDirectory(sm.cd != "", level)
	sc.printDir = pf.Has('w') && !d.remaking
	if flagsGiven && makelang.ParseFlags(inherited).HasLong("no-print-directory") {
		// GNU make decodes the environment's MAKEFLAGS before a command-line MAKEFLAGS=...: an
		// inherited --no-print-directory still holds, so the kernel's tools/ sub-make prints no
		// "Entering directory" (checked with make 4.3; it keeps an inherited -rR too, which kbuild-go's
		// scope does not model: its $(MAKEFLAGS) text is the command line's).
		sc.printDir = false
	}
	if !flagsGiven {
		flags = pf.String()
	}
	var capture atomic.Pointer[expansion]
	capture.Store(x)
	defer capture.Store(nil)
	if sc.printDir {
		line := directoryLine(level, "Entering", sm.dir)
		if !d.saidAlready(line) {
			io.WriteString(d.out, line)
		}
		x.Write([]byte(line))
	}
	opts := makelang.Options{
		Dir:         sm.dir,
		Env:         env,
		MakeFlags:   strings.TrimSpace(flags),
		CommandLine: sm.cmdline,
		Goals:       sm.goals,
		Make:        d.self,
		MakeLevel:   level,
		Cache:       d.cache,
		Exists:      sc.exists,
		CallHook:    sc.callHook,
		Output: func(stream makelang.Stream, text string) {
			if d.rec != nil {
				if d.rec.muted.Load() {
					d.rec.notCacheable("a recipe prints while it is expanded")
					return
				}
				if x := capture.Load(); x == nil {
					// Printed outside an evaluation (a recipe's $(info)): the replay could not place it.
					d.rec.notCacheable("a recipe printed " + strings.TrimSpace(text))
				} else if stream == 2 {
					x.eprints.WriteString(text)
				} else {
					x.prints.WriteString(text)
				}
			}
			if stream == 2 {
				io.WriteString(d.errw, text)
			} else {
				io.WriteString(d.out, text)
			}
		},
	}
	opts.FS = d.fs
	opts.Shell = d.fs.shell(d.shell)
	if d.cmdRecords {
		opts.Include = func(p string) bool {
			if !isCmdFile(p) {
				return false
			}
			sc.cmdFiles.Store(p, true)
			return true
		}
	}
	sc.silent = silentFlags(opts.MakeFlags)
	// A missing include is make's to remake, not an error yet: evaluation goes on without it.
	first := opts
	first.DeferMissing = true
	sc.s = makelang.NewScope(first)
	if err := sc.s.EvalFile(sm.makefileName()); err != nil {
		return nil, &InputError{Err: err}
	}
	if !d.remaking {
		remade, err := d.remakeIncludes(sc, sm, env, level)
		if err != nil {
			return nil, err
		}
		if remade {
			// make restarts after remaking an included makefile: evaluate afresh (now a missing
			// include is an error: it was remade, or it stays missing).
			sc.s = makelang.NewScope(opts)
			if err := sc.s.EvalFile(sm.makefileName()); err != nil {
				return nil, &InputError{Err: err}
			}
		}
	}
	d.mu.Lock()
	if prev, ok := d.scopes[key]; ok {
		sc = prev // evaluated twice concurrently: keep the first
	} else {
		d.scopes[key] = sc
	}
	d.mu.Unlock()
	return sc, nil
}

// remakeIncludes is make's "remaking makefiles": every makefile the scope included that has a rule with
// a recipe and is out of date is rebuilt first (a build of its own, as make does before it reads the
// makefiles again). For the kernel this is include/config/auto.conf, whose rule in the top Makefile
// depends on .config, every Kconfig file, and FORCE when an environment value Kconfig read has changed,
// and runs syncconfig.
func (d *driver) remakeIncludes(sc *scope, sm subMake, env []string, level int) (bool, error) {
	list, err := sc.s.Var("MAKEFILE_LIST")
	if err != nil {
		return false, &InputError{Err: err}
	}
	var stale []string
	// Missing includes first stand for themselves: each must have a rule (make: "No such file or
	// directory", then "No rule to make target"), and is remade like any stale one. make considers them
	// in the order read, as the makefiles below.
	for _, m := range sc.s.Missing() {
		t, err := sc.s.Resolve(m.Name)
		if err != nil || !t.HasRule || !hasRealRecipe(t) {
			return false, &InputError{Err: fmt.Errorf("%s\n*** No rule to make target '%s'.  Stop.", m.Error(), m.Name)}
		}
		stale = append(stale, m.Name)
	}
	for _, f := range strings.Fields(list) {
		if b := filepath.Base(f); strings.HasPrefix(b, ".") && strings.HasSuffix(b, ".cmd") {
			continue // Kbuild's .cmd files never have rules
		}
		if filepath.Clean(sc.abs(f)) == sm.file {
			continue
		}
		t, err := sc.s.Resolve(f)
		if err != nil || !t.HasRule || t.Phony || !hasRealRecipe(t) {
			continue
		}
		if !sc.upToDate(t) {
			if d.debug {
				fmt.Fprintf(d.errw, "kbuild-go: debug: %s is out of date; prerequisites %q\n", f, t.PrereqNames)
			}
			stale = append(stale, f)
		}
	}
	if len(stale) == 0 {
		return false, nil
	}
	// make considers the makefiles it read last first, and one run of a multi-target pattern rule
	// (`%/config/auto.conf %/config/auto.conf.cmd ...: .config`) makes them all: remake one at a time,
	// in that order, and skip those an earlier remake brought up to date.
	for i := len(stale) - 1; i >= 0; i-- {
		f := stale[i]
		if i < len(stale)-1 {
			t, err := sc.s.Resolve(f)
			if err == nil && sc.upToDate(t) {
				continue
			}
		}
		if d.debug {
			fmt.Fprintf(d.errw, "kbuild-go: debug: remaking makefile %q of %s\n", f, sm.file)
		}
		sub := newDriver(d.self, d.out, d.errw, d.env, d.shell, d.fs)
		// Makefiles are remade for real under -n too, and their recipes' MAKEFLAGS have no n (GNU make:
		// "make -f mfile -n foo will update mfile, read it in, and then print the recipe to update foo").
		sub.remaking, sub.build, sub.topFlags, sub.exe, sub.topGoals = true, d.build, withoutDryRun(d.topFlags), d.exe, d.topGoals
		// The same make, the same MAKECMDGOALS (the top Makefile decides from them whether it may sync the
		// configuration at all): only what is built differs.
		d.rec.notCacheable("a makefile was remade: " + f)
		subsc, err := sub.scopeFor(sm, env, level, nil)
		if err != nil {
			return false, err
		}
		nodes, err := subsc.goals([]string{f}, nil)
		if err != nil {
			return false, err
		}
		if err := sub.build(sub, nodes); err != nil {
			for _, m := range sc.s.Missing() {
				if m.Name == f {
					fmt.Fprintln(d.errw, m.Error()) // make says it too, once the remake failed
				}
			}
			return false, err
		}
	}
	return true, nil
}

// phonyLeaf gives name a phony node of this scope with an edge that runs nothing (remade, as make remakes a
// .PHONY target that has no rule).
func (sc *scope) phonyLeaf(name string, added *[]*dag.Edge) (*dag.Node, error) {
	n := sc.d.g.Phony(sc.key + "\x00" + name)
	sc.nodes[name] = n
	e := &dag.Edge{Outputs: []*dag.Node{n}, Phony: true, Key: sc.key + "\x00" + name}
	if added != nil {
		*added = append(*added, e)
	} else if _, err := sc.d.g.AddEdge(e); err != nil {
		return nil, &InputError{Err: err}
	}
	return n, nil
}

// isTopGoal reports whether name is a goal of kbuild-go's command line.
func (d *driver) isTopGoal(name string) bool { return slices.Contains(d.topGoals, name) }

// stdin is what a console command reads: kbuild-go's own standard input.
func (d *driver) stdin() io.Reader { return os.Stdin }

// isRecursive reports whether a rule's recipe runs a sub-make ($(MAKE) in a line).
func isRecursive(t *makelang.Target) bool {
	for _, r := range t.Recipe {
		if r.Recursive {
			return true
		}
	}
	return false
}

// hasRealRecipe reports whether a rule's recipe would run anything: an empty recipe (`target: ;`) or one
// that only runs `:` (`vmlinux.o: vmlinux_o ; @:`) does not.
func hasRealRecipe(t *makelang.Target) bool {
	for _, r := range t.Recipe {
		if c := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(r.Text), "@+-")); c != "" && c != ":" {
			return true
		}
	}
	return false
}

// exists tells the evaluator about files that another rule of the graph will produce, so that make's
// rule search treats them as "ought to exist" the way a sequential make finds them already built.
func (sc *scope) exists(p string) bool {
	a := sc.abs(p)
	n, ok := sc.d.g.Lookup(a)
	return ok && n.Producer() != nil && !sc.via[a]
}

func (sc *scope) abs(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(sc.dir, p)
}

// goals returns the nodes for the goals of a scope (its default goal when none are given), adding every
// edge they need to the graph or to *added when called from an expander.
func (sc *scope) goals(goals []string, added *[]*dag.Edge) ([]*dag.Node, error) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if len(goals) == 0 {
		dg := sc.s.DefaultGoal()
		if dg == "" {
			return nil, &InputError{Err: fmt.Errorf("%s: *** No targets.  Stop.", sc.file)}
		}
		goals = []string{dg}
	}
	var nodes []*dag.Node
	for _, g := range goals {
		n, err := sc.ensure(g, nil, added)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	return nodes, nil
}

// ensure returns the node of a target of this scope, creating the edges that build it (recursively, for
// its prerequisites). sc.mu is held.
//
// parents are the targets whose building needs this one, nearest first (nil for a goal): make lets a
// prerequisite inherit their target-specific variables (arch/x86/boot's `$(obj)/bzImage: asflags-y :=
// $(SVGA_MODE)` reaches header.o that way). As in make, the first target to need a prerequisite decides.
func (sc *scope) ensure(name string, parents []*makelang.Target, added *[]*dag.Edge) (*dag.Node, error) {
	if n, ok := sc.nodes[name]; ok {
		return n, nil
	}
	neededBy := ""
	if len(parents) > 0 {
		neededBy = parents[0].Name
	}
	if sc.conf && name == confProgram {
		// Never built: its recipe lines run kbuild-go's conf (confLines).
		return sc.phonyLeaf(name, added)
	}
	t, err := sc.s.Resolve(name)
	if err != nil {
		if errors.Is(err, makelang.ErrNoRule) && sc.s.IsPhony(name) {
			// A .PHONY target without a rule is simply remade: the top Makefile's autoksyms_recursive
			// when CONFIG_TRIM_UNUSED_KSYMS is off.
			return sc.phonyLeaf(name, added)
		}
		if errors.Is(err, makelang.ErrNoRule) {
			// A file another scope's rule produces (already in the graph) is a leaf here, as it is for a
			// sequential make that finds it built.
			if n, ok := sc.d.g.Lookup(sc.abs(name)); ok && n.Producer() != nil && !sc.via[sc.abs(name)] {
				sc.nodes[name] = n
				return n, nil
			}
			return nil, &NoRuleError{Target: name, NeededBy: neededBy}
		}
		return nil, &InputError{Err: err}
	}
	var n *dag.Node
	if t.Phony {
		n = sc.d.g.Phony(sc.key + "\x00" + name)
	} else {
		p := name
		if t.VPath != "" && !t.HasRule {
			p = t.VPath
		}
		n = sc.d.g.Node(sc.abs(p))
	}
	sc.nodes[name] = n
	if sc.d.debug && n.Producer() != nil {
		fmt.Fprintf(sc.d.errw, "kbuild-go: debug: %s: %s already produced (phony=%v recipe=%d hasrule=%v)\n", sc.key, name, t.Phony, len(t.Recipe), t.HasRule)
	}
	if !t.HasRule {
		return n, nil // a source file
	}
	// An empty recipe (`target: prereqs ;`) or one that only runs `:` (the top Makefile's
	// `vmlinux.o: vmlinux_o ; @:`) is no recipe for the graph: nothing would run, and the sub-make that
	// really builds the file takes the output over.
	hasRecipe := hasRealRecipe(t)
	if p := n.Producer(); p != nil && !t.Phony && !hasRecipe && p.Plan == nil && p.Expand == nil && len(t.Prereqs)+len(t.OrderOnly) > 0 {
		// Two recipe-less rules for one file in different scopes are two makes' ordering rules, not one
		// target: the top Makefile's `kernel/fork.o: . ; @:` and the `.` sub-make's `kernel/fork.o:
		// kernel ; @:` for a single-target build. Sharing the node would make the sub-make wait for the
		// rule that waits for it; give this scope its own (phony) name for it instead.
		n = sc.d.g.Phony(sc.key + "\x00" + name)
		sc.nodes[name] = n
		t = &makelang.Target{Name: t.Name, Prereqs: t.Prereqs, PrereqNames: t.PrereqNames, OrderOnly: t.OrderOnly,
			OrderOnlyNames: t.OrderOnlyNames, Phony: true, HasRule: true}
	} else if p := n.Producer(); p != nil && !t.Phony && hasRecipe && p.Plan == nil && p.Expand == nil && sc.via[n.Path] && isRecursive(t) {
		// The file the parent's sub-make line waits for, made here by a recipe that is itself a sub-make
		// again (scripts/kconfig's `%.config: ...; $(MAKE) -f $(srctree)/Makefile olddefconfig`, reached
		// from the top Makefile's `%config: ...; $(MAKE) $(build)=scripts/kconfig $@`): the parent's
		// recipe-less edge cannot be taken over by another recipe-less one, so this make's rule runs
		// under its own name, as the separate make process it is in make.
		n = sc.d.g.Phony(sc.key + "\x00" + name)
		sc.nodes[name] = n
		private := *t
		private.Phony = true
		t = &private
	} else if p := n.Producer(); p != nil && !t.Phony && (!hasRecipe || p.Plan != nil || p.Expand != nil) {
		// Another scope already builds this file (make would find it up to date by now). A rule with a
		// recipe does take over from one without (Makefile.build's `$(obj)/%/built-in.a: $(obj)/% ;` in
		// the parent, the real AR rule in the sub-make).
		return n, nil
	}
	// Restat: make looks at a target's mtime again after its recipe ran, so a recipe that left the file
	// alone (filechk, if_changed's @:) does not make dependents newer.
	e := &dag.Edge{Outputs: []*dag.Node{n}, Phony: t.Phony, Restat: !t.Phony, Key: sc.key + "\x00" + name}
	if sc.d.debugTarget != "" && name == sc.d.debugTarget {
		fmt.Fprintf(sc.d.errw, "kbuild-go: debug: %s in %s: prerequisites %q order-only %q pattern %q recipe %d lines\n",
			name, sc.file, t.PrereqNames, t.OrderOnlyNames, t.Pattern, len(t.Recipe))
	}
	chain := append([]*makelang.Target{t}, parents...)
	names := make(map[*dag.Node]string, len(t.Prereqs))
	// Prerequisites resolve by the name the rule gives them, not the path directory search found: a
	// target with a rule is built here even when VPATH finds a file of that name in srctree (make's
	// "rebuilt in the current directory" rule: the top Makefile's `prepare: tools/objtool`, where
	// srctree has a directory tools/objtool and `tools/%: FORCE` builds it in objtree).
	for i, p := range t.PrereqNames {
		pn, err := sc.ensure(p, chain, added)
		if err != nil {
			return nil, err
		}
		e.Inputs = append(e.Inputs, pn)
		names[pn] = t.Prereqs[i]
	}
	for _, p := range t.OrderOnlyNames {
		pn, err := sc.ensure(p, chain, added)
		if err != nil {
			return nil, err
		}
		e.OrderOnly = append(e.OrderOnly, pn)
	}
	recursive := isRecursive(t)
	switch {
	case !hasRecipe:
		// No recipe: a grouping edge (dag: no Plan). A missing output counts as changed for its consumers,
		// which is make's "remade" for FORCE and for the `$(deps_x):` rules of .cmd files; an existing file
		// with no prerequisites is a plain leaf.
		if !t.Phony && len(e.Inputs) == 0 && len(e.OrderOnly) == 0 {
			if _, err := sc.d.stat(n.Path); err == nil {
				return n, nil
			}
		}
	case recursive:
		expand := sc.d.expander(func(ec *dag.ExpandContext, x *expansion) ([]*dag.Edge, []*dag.Node, error) {
			return sc.expandSubMakes(ec, t, parents, x)
		})
		if t.Phony {
			e.Expand = expand
			break
		}
		// A file made by a sub-make (tools/build's `$(OUTPUT)fixdep-in.o: FORCE ; $(MAKE) $(build)=fixdep`):
		// the sub-make has the real rule for the same file, so the parent's rule must not own it. The
		// expander gets a phony node of its own and the file a recipe-less edge after it, which the
		// sub-make's rule takes over.
		x := &dag.Edge{Outputs: []*dag.Node{sc.d.g.Phony(sc.key + "\x00" + name + "\x00sub-make")},
			Inputs: e.Inputs, OrderOnly: e.OrderOnly, Phony: true, Key: e.Key + "\x00sub-make", Expand: expand}
		if added != nil {
			*added = append(*added, x)
		} else if _, err := sc.d.g.AddEdge(x); err != nil {
			return nil, &InputError{Err: err}
		}
		e.Inputs, e.OrderOnly, e.Restat = x.Outputs, nil, false
	default:
		if !t.Phony {
			sc.addAlso(e, t)
		}
		st := &scopeTarget{sc: sc, name: name, parents: parents, names: names}
		e.Plan = func(pc *dag.PlanContext) (*dag.Command, error) { return st.plan(pc, t) }
		sc.d.rec.plan(e, func(newer []string) (*planData, error) {
			return st.expandPlan(&dag.PlanContext{Edge: e, Newer: newer}, t)
		})
		if !t.Phony {
			sc.d.mu.Lock()
			sc.d.owner[n] = st
			sc.d.mu.Unlock()
			// Untracked is Kbuild's "not in $(targets)": no .cmd file is ever included for it. What decides
			// for make is whether cmd_$@ (savedcmd_$@) came in, so a target whose .cmd was included by another spelling
			// (arch/x86/entry/syscalls names its outputs ../../../../arch/x86/include/...) is tracked.
			tracked := false
			if sc.d.cmdRecords {
				_, err := sc.d.stat(sc.dotCmd(name))
				_, included := sc.cmdFiles.Load(sc.dotCmd(name))
				tracked = err == nil && included
			} else {
				_, _, _, tracked = sc.s.Lookup(sc.savedPrefix() + name)
			}
			if !tracked {
				e.Untracked = !sc.inTargets(name)
			}
		}
	}
	if added != nil {
		*added = append(*added, e)
		return n, nil
	}
	if _, err := sc.d.g.AddEdge(e); err != nil {
		return nil, &InputError{Err: err}
	}
	return n, nil
}

// addAlso makes the other targets of t's multi-target pattern rule (t.Also) outputs of e, the edge of its
// recipe: make runs it once, for the target it needed first ($@, whose .cmd file if_changed writes), and
// counts the others made by that run. Before, each had an edge of its own and bison ran twice for
// scripts/dtc's dtc-parser.tab.c and .tab.h, leaving a .dtc-parser.tab.c.cmd that make never writes.
// A sibling already asked for, or built by another rule, stays as it is. sc.mu is held.
func (sc *scope) addAlso(e *dag.Edge, t *makelang.Target) {
	for _, sib := range t.Also {
		if _, ok := sc.nodes[sib]; ok {
			continue
		}
		if st, err := sc.s.Resolve(sib); err != nil || st.Pattern == "" || st.RulePos != t.RulePos {
			continue
		}
		n := sc.d.g.Node(sc.abs(sib))
		if n.Producer() != nil {
			continue
		}
		sc.nodes[sib] = n
		e.Outputs = append(e.Outputs, n)
	}
}

// inTargets reports whether name is in Kbuild's $(targets) (or is a file Kbuild tracks otherwise): only
// those get their .cmd file included, so only those can have a saved command line.
func (sc *scope) inTargets(name string) bool {
	v, err := sc.s.Var("targets")
	if err != nil {
		return false
	}
	// make strips a leading ./ from file names (obj=. gives ./modules.order in $(targets)); paths
	// through .. name the same file.
	for _, w := range strings.Fields(v) {
		if filepath.Clean(w) == name {
			return true
		}
	}
	return false
}

// expandSubMakes runs when a rule whose recipe calls $(MAKE) would start: it expands the whole recipe
// (make expands all lines at that moment), evaluates each sub-make in-process, and chains the remaining
// shell lines after the sub-makes they follow.
func (sc *scope) expandSubMakes(ec *dag.ExpandContext, t *makelang.Target, parents []*makelang.Target, x *expansion) ([]*dag.Edge, []*dag.Node, error) {
	if !t.Phony && sc.upToDate(t) {
		return nil, nil, nil
	}
	// No plan state: a recipe that runs a sub-make gets make's own expansion of any if_changed-family
	// call in it (its lines run through the shell), since only whole lines can become in-process scopes.
	sc.mu.Lock()
	auto := makelang.AutoVars{Parents: parents}
	lines, err := sc.s.ExpandRecipe(t, auto)
	if sc.conf {
		lines = confLines(lines, sc.d.exe)
	}
	env := sc.s.TargetEnviron(t, auto)
	// A sub-make defines its parent's command-line variables in MAKEOVERRIDES' order: the reverse of the
	// parent's (make lists them last-defined first).
	cmdline := sc.cmdline.forChild()
	if mf, ok := cmdline.get("MAKEFLAGS"); ok {
		// A command-line MAKEFLAGS is passed down as it is (makelang's Environ): a sub-make inherits
		// only the variables it lists, and this make's command-line variables reach it as environment
		// variables.
		cmdline = overridesOf(mf)
	}
	sc.mu.Unlock()
	if err != nil {
		return nil, nil, &InputError{Err: err}
	}
	var added []*dag.Edge
	var prev []*dag.Node
	var pending []makelang.RecipeLine
	flush := func() {
		if len(pending) == 0 {
			return
		}
		n := sc.d.g.Phony(fmt.Sprintf("%s\x00%s\x00step%d", sc.key, t.Name, len(added)))
		pd := &planData{Dir: sc.dir, Env: env, Target: t.Name, Steps: mergeSteps(pending, &planState{}, sc.silent)}
		pending = nil
		e := &dag.Edge{Outputs: []*dag.Node{n}, Inputs: prev, Phony: true,
			Plan: func(pc *dag.PlanContext) (*dag.Command, error) { return sc.d.decide(pc, pd), nil }}
		sc.d.rec.plan(e, func([]string) (*planData, error) { return pd, nil })
		added = append(added, e)
		prev = []*dag.Node{n}
	}
	for _, l := range lines {
		sm, ok := sc.parseSubMake(l, cmdline)
		if ok && !t.Phony {
			sm.via = append(sm.via, sc.abs(t.Name))
		}
		if ok {
			for v := range sc.via {
				sm.via = append(sm.via, v)
			}
		}
		if sc.d.debug {
			fmt.Fprintf(sc.d.errw, "kbuild-go: debug: %s: recipe line %q: sub-make %v %+v\n", t.Name, l.Text, ok, sm)
		}
		if !ok {
			pending = append(pending, l)
			continue
		}
		flush()
		if len(prev) > 0 {
			// The sub-make starts after the previous part of the recipe: model it by one more expander.
			p := prev
			n := sc.d.g.Phony(fmt.Sprintf("%s\x00%s\x00sub%d", sc.key, t.Name, len(added)))
			added = append(added, &dag.Edge{Outputs: []*dag.Node{n}, Inputs: p, Phony: true,
				Expand: sc.d.expander(func(ec *dag.ExpandContext, x *expansion) ([]*dag.Edge, []*dag.Node, error) {
					return sc.d.enterSubMake(sm, env, sc.level+1, x)
				})})
			prev = []*dag.Node{n}
			continue
		}
		sub, nodes, err := sc.d.enterSubMake(sm, env, sc.level+1, x)
		if err != nil {
			return nil, nil, err
		}
		added = append(added, sub...)
		prev = nodes
	}
	flush()
	return added, prev, nil
}

// upToDate is make's decision for a file target whose recipe runs a sub-make (an expander edge, which
// dag always runs): it exists, no prerequisite is phony, and none is newer.
func (sc *scope) upToDate(t *makelang.Target) bool {
	if _, err := sc.d.stat(sc.abs(t.Name)); err != nil {
		return false
	}
	// A phony prerequisite decides alone, whatever the times (and a cached graph need not note them).
	for i := range t.Prereqs {
		sc.mu.Lock()
		phony := sc.s.IsPhony(t.PrereqNames[i])
		sc.mu.Unlock()
		if phony {
			return false
		}
	}
	st, err := sc.d.statMTime(sc.abs(t.Name))
	if err != nil {
		return false
	}
	for i, p := range t.Prereqs {
		ps, err := sc.d.statMTime(sc.abs(p))
		if err != nil {
			// A prerequisite that is a target too is found through VPATH only now (make's directory
			// search for targets: auto.conf.cmd's `$(deps_config): ;` names Kconfig files in srctree).
			sc.mu.Lock()
			pt, rerr := sc.s.Resolve(t.PrereqNames[i])
			sc.mu.Unlock()
			if rerr != nil || pt.VPath == "" {
				return false
			}
			if ps, err = sc.d.statMTime(sc.abs(pt.VPath)); err != nil {
				return false
			}
		}
		if ps.ModTime().After(st.ModTime()) {
			return false
		}
	}
	return true
}

// enterSubMake evaluates a sub-make's scope and returns the edges its goals need.
func (d *driver) enterSubMake(sm subMake, env []string, level int, x *expansion) ([]*dag.Edge, []*dag.Node, error) {
	if err := enterable(sm.dir); err != nil {
		// make's words for a -C it cannot enter; the parent's recipe then fails.
		return nil, nil, &InputError{Err: fmt.Errorf("*** %s: %s.  Stop.", sm.cd, err)}
	}
	sub, err := d.scopeFor(sm, env, level, x)
	if err != nil {
		return nil, nil, err
	}
	var added []*dag.Edge
	nodes, err := sub.goals(sm.goals, &added)
	if err != nil {
		return nil, nil, err
	}
	if !sub.printDir {
		return added, nodes, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if sub.leave == nil {
		sub.leave = d.g.Phony(sub.key + "\x00leave")
		pd := &planData{Dir: sub.dir, Print: directoryLine(sub.level, "Leaving", sub.dir)}
		e := &dag.Edge{Outputs: []*dag.Node{sub.leave}, Inputs: nodes, Phony: true,
			Plan: func(pc *dag.PlanContext) (*dag.Command, error) { return d.decide(pc, pd), nil }}
		d.rec.plan(e, func([]string) (*planData, error) { return pd, nil })
		added = append(added, e)
	}
	return added, []*dag.Node{sub.leave}, nil
}

// leaveTop says "Leaving directory" for the top make when it said "Entering": make says it on its way out,
// after a failure too.
func (d *driver) leaveTop(sc *scope) {
	if sc != nil && sc.printDir {
		io.WriteString(d.out, directoryLine(sc.level, "Leaving", sc.dir))
	}
}

// parseSubMake recognises a recipe line that is exactly one make invocation ($(MAKE) followed by options,
// variables and goals, nothing for the shell). Anything else that mentions $(MAKE) runs through the shell,
// where ${MAKE} is this executable in make-compatible mode.
func (sc *scope) parseSubMake(l makelang.RecipeLine, inherited cmdVars) (subMake, bool) {
	if !l.Recursive {
		return subMake{}, false
	}
	words, ok := shellWords(l.Text)
	if !ok || len(words) == 0 || words[0] != sc.d.self {
		return subMake{}, false
	}
	inv, err := cli.Parse(words[1:])
	if err != nil || len(inv.Makefiles) > 1 {
		return subMake{}, false
	}
	dir := sc.dir
	if inv.Dir != "" {
		dir = sc.abs(inv.Dir)
	}
	name := "Makefile"
	if len(inv.Makefiles) == 1 {
		name = inv.Makefiles[0]
	}
	file := name
	if !filepath.IsAbs(file) {
		file = filepath.Join(dir, file)
	}
	// Command-line variables reach sub-makes through MAKEFLAGS (inherited, in the order the sub-make
	// defines them); the sub-make's own override them.
	cmdline := slices.Clone(inherited).withVars(inv.Vars)
	return subMake{dir: filepath.Clean(dir), cd: inv.Dir, file: filepath.Clean(file), name: name, cmdline: cmdline, goals: inv.Targets, flags: invFlags(inv)}, true
}

// invFlags is the MAKEFLAGS form of a command line's options that make passes on: the letters, then
// the long options (GNU make 4.3: `make -s -k --no-print-directory` has MAKEFLAGS "ks --no-print-directory").
func invFlags(inv *cli.Invocation) string {
	var b strings.Builder
	for _, f := range []struct {
		on     bool
		letter byte
	}{{inv.AlwaysMake, 'B'}, {inv.KeepGoing, 'k'}, {inv.DryRun, 'n'}, {inv.Silent, 's'}, {inv.PrintDirectory, 'w'}} {
		if f.on {
			b.WriteByte(f.letter)
		}
	}
	if inv.NoPrintDirectory {
		b.WriteString(" --no-print-directory")
	}
	return b.String()
}

// withoutDryRun is invFlags' form without -n.
func withoutDryRun(flags string) string {
	letters, rest, _ := strings.Cut(flags, " ")
	if strings.HasPrefix(letters, "-") {
		return flags
	}
	letters = strings.ReplaceAll(letters, "n", "")
	return strings.TrimSpace(letters + " " + rest)
}

// mergeMakeflags adds a sub-make's own flags (invFlags' form) to the MAKEFLAGS it inherited, in make's
// form ("rRs -I/src --no-print-directory").
func mergeMakeflags(inherited, own string) string {
	return makelang.ParseFlags(inherited).Merge(makelang.ParseFlags(own)).String()
}

// shellWords splits a command line the way /bin/sh would split a plain command: words separated by blanks
// or backslash-newlines, with '...' and "..." quoting. It refuses (ok false) anything the shell would do
// more with: operators, redirections, expansions, command substitution, escapes inside double quotes.
func shellWords(line string) (words []string, ok bool) {
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line) && line[i+1] == '\n':
			i++
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, false
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 || strings.ContainsAny(line[i+1:i+1+j], "$`\\") {
				return nil, false
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case strings.IndexByte(";&|<>`$\\(){}*?[]#~", c) >= 0:
			return nil, false
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, true
}

// silentFlags reports -s in a MAKEFLAGS value (make's own test).
func silentFlags(flags string) bool { return makelang.HasFlag(flags, 's', "--silent", "--quiet") }
