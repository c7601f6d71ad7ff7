package targets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kbuild-go/kbuild-go/cmdfile"
	"github.com/kbuild-go/kbuild-go/dag"
	"github.com/kbuild-go/kbuild-go/internal/atomicfile"
	"github.com/kbuild-go/kbuild-go/makelang"
	"github.com/kbuild-go/kbuild-go/proc"
)

// Kbuild's if_changed family, built into the engine. scripts/Kbuild.include defines them as shell text
// that re-checks the command line (cmd-check) and writes the .cmd file with printf, or pipes through
// scripts/basic/fixdep. kbuild-go sees each $(call if_changed,X) through the evaluator's call hook instead:
// the expansion of cmd_X becomes the edge's Key (dag compares it with the saved cmd_$@ as make's cmd-check
// does, word by word), and the .cmd file and fixdep's dependency list are written natively after the
// command succeeded, byte-identical to make's (package cmdfile).

type stepKind uint8

const (
	stepEcho    stepKind = iota // print text (Kbuild's echo-cmd)
	stepShell                   // run text through /bin/sh -c
	stepSaveCmd                 // write `cmd_$@ := ...` to the .cmd file (cmd_and_savecmd)
	stepFixdep                  // fixdep the depfile into the .cmd file (cmd_and_fixdep)
	stepFilechk                 // run text, replace $@ only if the output differs (filechk)
)

type step struct {
	kind      stepKind
	text      string
	ignoreErr bool
	cmd       string // the command line recorded in the .cmd file
	depfile   string
	dotTarget string // $(dot-target): dir/.name
	prefix    string // the saved command's variable prefix (savedPrefix)
	fixdep    string // the tree's $(objtree)/scripts/basic/fixdep, as cmd_and_fixdep runs it
	quietUpd  bool   // filechk prints "  UPD     $@"
	pos       string // file:line of the recipe line, for make's "[file:line: target] Error N"
	// group is the if_changed call the step belongs to (1-based index into planState.conds); 0 is a step
	// that runs whenever the recipe does.
	group int
	// offload, when > 0, is where in text a compile of the target tree begins (a command of the tree
	// whose definition starts with $(CC), run with -c): the part that may run on a distcc host.
	offload int
}

// planState collects the steps of one recipe expansion; the call hook appends to it. Each hook call
// returns a marker naming its span of steps, so the recipe line holding the marker places them: the order
// of steps is the recipe's, line by line, whatever order make expanded the lines in.
type planState struct {
	steps []step
	spans []span
	// conds are the command lines of the if_changed-family calls, one per call: each decides its own
	// steps (Kbuild's if-changed-cond).
	conds []string
	err   error
}

// span is one hook call's steps, steps[start:end].
type span struct{ start, end int }

const markerPrefix = "\x01kbuild-step:"

var markerRE = regexp.MustCompile("\x01kbuild-step:([0-9]+)\x01")

// mark ends the hook call that began when len(ps.steps) was start: its steps join group (0: none) and the
// returned marker stands for them in the expanded line.
func (ps *planState) mark(start, group int) string {
	if group > 0 {
		for i := start; i < len(ps.steps); i++ {
			ps.steps[i].group = group
		}
	}
	ps.spans = append(ps.spans, span{start, len(ps.steps)})
	return markerPrefix + strconv.Itoa(len(ps.spans)-1) + "\x01"
}

// cond opens an if_changed group for cmd and returns its number.
func (ps *planState) cond(cmd string) int {
	ps.conds = append(ps.conds, cmd)
	return len(ps.conds)
}

// callHook is the scope's makelang.Options.CallHook.
func (sc *scope) callHook(cc *makelang.CallContext, name string, args []string) (string, bool) {
	ps := sc.plan
	if ps == nil {
		return "", false // expansion outside a recipe (evaluation): make's own definitions apply
	}
	switch name {
	case "if_changed", "if_changed_dep", "cmd_and_savecmd", "cmd_and_fixdep", "if_changed_rule", "cmd", "filechk":
	default:
		return "", false
	}
	// Only Kbuild's own definitions are built in: scripts/Kbuild.include defines if-changed-cond next
	// to them. tools/build (objtool) has an if_changed_dep of its own that runs tools/build/fixdep, whose
	// .cmd format differs; its scopes get make's expansion of their own text.
	if _, ok := cc.Lookup("if-changed-cond"); !ok {
		return "", false
	}
	arg := ""
	if len(args) > 0 {
		arg = strings.TrimSpace(args[0])
	}
	// The cmd_/quiet_cmd_/rule_/filechk_ variables are expanded as $(call)s with the hook's own
	// arguments, exactly as they would be inside Kbuild.include's definitions ($(2) of filechk_offsets is
	// the guard name).
	start := len(ps.steps)
	switch name {
	case "if_changed", "if_changed_dep", "cmd_and_savecmd", "cmd_and_fixdep":
		cmd := ps.call(cc, "cmd_"+arg, args)
		group := 0
		if strings.HasPrefix(name, "if_changed") {
			group = ps.cond(cmd)
		}
		ps.addCmd(cc, arg, cmd, args)
		target := ps.expand(cc, "$@")
		check, _ := cc.Lookup("cmd-check")
		prefix := savedPrefix(check)
		if strings.HasSuffix(name, "dep") || name == "cmd_and_fixdep" {
			ps.steps = append(ps.steps, step{kind: stepFixdep, cmd: cmd, depfile: ps.expand(cc, "$(depfile)"), text: target, prefix: prefix,
				fixdep: ps.expand(cc, "$(objtree)/scripts/basic/fixdep")})
		} else {
			ps.steps = append(ps.steps, step{kind: stepSaveCmd, cmd: cmd, dotTarget: ps.expand(cc, "$(dot-target)"), text: target, prefix: prefix})
		}
		return ps.mark(start, group), true
	case "if_changed_rule":
		group := ps.cond(ps.call(cc, "cmd_"+arg, args))
		rest := ps.call(cc, "rule_"+arg, args)
		ps.addLeftover(rest)
		return ps.mark(start, group), true
	case "cmd":
		ps.addCmd(cc, arg, ps.call(cc, "cmd_"+arg, args), args)
		return ps.mark(start, 0), true
	case "filechk":
		quiet := ps.expand(cc, "$(quiet)")
		ps.steps = append(ps.steps, step{kind: stepFilechk, text: ps.call(cc, "filechk_"+arg, args),
			dotTarget: ps.expand(cc, "$(dot-target)"), cmd: ps.expand(cc, "$@"), quietUpd: quiet != "silent_"})
		return ps.mark(start, 0), true
	}
	return "", false
}

// call expands variable name as $(call name,args...) would.
func (ps *planState) call(cc *makelang.CallContext, name string, args []string) string {
	v, err := cc.Call(name, args)
	if err != nil && ps.err == nil {
		ps.err = err
	}
	return v
}

func (ps *planState) expand(cc *makelang.CallContext, text string) string {
	v, err := cc.Expand(text)
	if err != nil && ps.err == nil {
		ps.err = err
	}
	return v
}

// addCmd appends what Kbuild's `cmd` macro does: echo the quiet (or full) line, then run the command.
func (ps *planState) addCmd(cc *makelang.CallContext, name, cmd string, args []string) {
	quiet := ps.expand(cc, "$(quiet)")
	if echo := ps.call(cc, quiet+"cmd_"+name, args); echo != "" {
		why := ps.call(cc, "echo-why", args)
		ps.steps = append(ps.steps, step{kind: stepEcho, text: "  " + echo + why})
	}
	if strings.TrimSpace(cmd) != "" {
		// Kbuild.include's `cmd` puts $($(quiet)redirect) before the command: under make -s that is
		// "exec >/dev/null;", which silences what the command itself prints (link-vmlinux.sh's info lines).
		at := len("set -e; ")
		if redirect := strings.TrimSpace(ps.expand(cc, "$("+quiet+"redirect)")); redirect != "" {
			cmd = redirect + " " + cmd
			at += len(redirect) + 1
		}
		st := step{kind: stepShell, text: "set -e; " + cmd}
		if def, ok := cc.Lookup("cmd_" + name); ok && isCompile(def, cmd[at-len("set -e; "):]) {
			st.offload = at
		}
		ps.steps = append(ps.steps, st)
	}
}

// isCompile reports whether a command of the tree is a compile of the target tree that a distcc host can
// run: its definition (def, as the makefile wrote it) starts with $(CC) (host programs use $(HOSTCC), which
// may expand to the same compiler), and its compiler command (cmd up to the first ;) compiles (-c) a C
// file, with a compiler that is not already a wrapper (a CC of "ccache gcc" or "distcc gcc" is left
// alone). Assembler sources (.S) stay here: distcc 3.4 does not send them ("no visible input file": it
// runs them locally itself), so its client would only add a process.
func isCompile(def, cmd string) bool {
	def = strings.TrimLeft(def, " \t")
	if !strings.HasPrefix(def, "$(CC) ") && !strings.HasPrefix(def, "${CC} ") {
		return false
	}
	f := strings.Fields(cmd)
	if len(f) == 0 {
		return false
	}
	if b := filepath.Base(f[0]); b == "distcc" || b == "ccache" || b == "sccache" {
		return false
	}
	compile, source := false, false
	for _, w := range f[1:] {
		if w == ";" || w == "&&" || w == "||" || w == "|" || strings.HasPrefix(w, ";") {
			break
		}
		w = strings.TrimSuffix(w, ";")
		compile = compile || w == "-c"
		source = source || (strings.HasSuffix(w, ".c") && !strings.HasPrefix(w, "-"))
	}
	return compile && source
}

// addLeftover keeps text a rule_ expansion produced outside the hooked calls (normally only whitespace).
func (ps *planState) addLeftover(text string) {
	for _, l := range strings.Split(markerRE.ReplaceAllString(text, "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" && l != ":" && l != "@:" {
			ps.steps = append(ps.steps, step{kind: stepShell, text: strings.TrimLeft(l, "@+-")})
		}
	}
}

// plan expands a target's recipe just before it runs and turns it into a dag command.
func (st *scopeTarget) plan(pc *dag.PlanContext, t *makelang.Target) (*dag.Command, error) {
	pd, err := st.expandPlan(pc, t)
	if err != nil {
		return nil, err
	}
	if rec := st.sc.d.rec; rec != nil {
		rec.planned(pc.Edge, pd)
	}
	return st.sc.d.decide(pc, pd), nil
}

// expandPlan is the scope's half of plan: the recipe expanded into steps and if_changed conditions, plain
// data that decide turns into a command (and that a cached graph keeps).
func (st *scopeTarget) expandPlan(pc *dag.PlanContext, t *makelang.Target) (*planData, error) {
	sc := st.sc
	if sc.d.debugTarget != "" && st.name == sc.d.debugTarget {
		for _, in := range pc.Edge.Inputs {
			state, mt := in.State()
			p := "<none>"
			if in.Producer() != nil {
				p = strings.ReplaceAll(in.Producer().String(), "\x00", "|")
			}
			fmt.Fprintf(sc.d.errw, "kbuild-go: debug: plan %s: input %s state %v %v producer %s\n", st.name, in.Path, state, mt, p)
		}
	}
	sc.mu.Lock()
	ps := &planState{}
	sc.plan = ps
	newerRead := false
	auto := makelang.AutoVars{Newer: st.newer(pc), Parents: st.parents, NewerRead: &newerRead}
	lines, err := sc.s.ExpandRecipe(t, auto)
	if sc.conf {
		lines = confLines(lines, sc.d.exe)
	}
	sc.plan = nil
	env := sc.s.TargetEnviron(t, auto)
	check, _, _, _ := sc.s.Lookup("cmd-check")
	sc.mu.Unlock()
	if err == nil {
		err = ps.err
	}
	if err != nil {
		return nil, &InputError{Err: err}
	}
	return &planData{Dir: sc.dir, Env: env, Target: st.name, Steps: mergeSteps(lines, ps, sc.silent), Conds: ps.conds,
		OnlyExists: onlyExists(check), Console: t.Phony && sc.d.isTopGoal(t.Name), Dynamic: newerRead,
		Newer: slices.Clone(pc.Newer)}, nil
}

// cmdCheckReason is why an if_changed whose prerequisites are all older runs: no saved command, or a
// different one.
func cmdCheckReason(pc *dag.PlanContext) dag.Reason {
	if !pc.HasRecord || strings.TrimSpace(pc.Record.Command) == "" {
		return dag.ReasonNoRecord
	}
	return dag.ReasonCommandChanged
}

// groupRuns is Kbuild's if-changed-cond for one if_changed whose command is cmd: a prerequisite newer
// (or the target missing), or cmd-check: the saved command differs from cmd (with KBUILD_NOCMDDEP's
// existence-only check: no command was saved).
func groupRuns(pc *dag.PlanContext, cmd string, onlyExist bool) bool {
	switch pc.Reason {
	case dag.ReasonPhony, dag.ReasonMissing, dag.ReasonNewer:
		return true
	}
	saved := ""
	if pc.HasRecord {
		saved = strings.TrimSpace(pc.Record.Command)
	}
	if onlyExist {
		return saved == ""
	}
	return strings.TrimSpace(cmd) != "" && (saved == "" || !dag.CommandsEqual(saved, cmd))
}

// filechkProbe answers -n for a recipe that only regenerates files through filechk (and echoes): it
// runs each generator and compares what it prints with the file it would replace, changing nothing,
// so -n does not report the dependents of an unchanged generated header as rebuilt (a real run's
// filechk leaves the file and its mtime alone). Nil for any other recipe.
func filechkProbe(dir string, env []string, steps []step) func(ctx context.Context) (bool, error) {
	var chk []step
	for _, s := range steps {
		switch s.kind {
		case stepFilechk:
			chk = append(chk, s)
		case stepEcho:
		default:
			return nil
		}
	}
	if len(chk) == 0 {
		return nil
	}
	return func(ctx context.Context) (bool, error) {
		for _, s := range chk {
			var buf bytes.Buffer
			status, err := runShell(ctx, dir, env, "set -e; "+shellText(s.text), &buf, io.Discard)
			if err != nil || !status.OK() {
				return true, err
			}
			old, err := os.ReadFile(inDir(dir, s.cmd))
			if err != nil || !bytes.Equal(old, buf.Bytes()) {
				return true, nil
			}
		}
		return false, nil
	}
}

// newer is $? in make's spelling.
func (st *scopeTarget) newer(pc *dag.PlanContext) []string {
	if len(pc.Newer) == 0 {
		return nil
	}
	out := make([]string, 0, len(pc.Newer))
	for _, p := range pc.Newer {
		n, ok := st.sc.d.g.Lookup(p)
		if name, known := st.names[n]; ok && known {
			out = append(out, name)
		} else {
			out = append(out, p) // an implicit (depfile) input
		}
	}
	return out
}

// dryRunText is what -n prints for a planned recipe: the commands it would run, one per line, as make -n
// prints recipe lines.
func dryRunText(steps []step) string {
	var b strings.Builder
	for _, s := range steps {
		switch s.kind {
		case stepShell, stepFilechk:
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(shellText(s.text))
		}
	}
	return b.String()
}

// mergeSteps puts plain recipe lines and hooked steps in recipe order: each marker in a line stands for
// its hook call's steps, in the order the markers appear; the line's own text (markers removed) follows.
func mergeSteps(lines []makelang.RecipeLine, ps *planState, silent bool) []step {
	var out []step
	for _, l := range lines {
		text := l.Text
		if strings.Contains(text, markerPrefix) {
			for _, m := range markerRE.FindAllStringSubmatch(text, -1) {
				i, _ := strconv.Atoi(m[1])
				sp := ps.spans[i]
				for _, st := range ps.steps[sp.start:sp.end] {
					st.pos = l.Pos.String()
					out = append(out, st)
				}
			}
			text = markerRE.ReplaceAllString(text, "")
		}
		if s := strings.TrimSpace(text); s != "" && s != ":" {
			if !l.Silent && !silent {
				out = append(out, step{kind: stepEcho, text: text})
			}
			out = append(out, step{kind: stepShell, text: text, ignoreErr: l.IgnoreErr, pos: l.Pos.String()})
		}
	}
	return out
}

// runSteps executes a planned recipe.
//
// With stdin set (a console recipe: stdout and stderr are then the terminal's), shell lines run attached.
func runSteps(ctx context.Context, dir string, env []string, target string, steps []step, stdin io.Reader, stdout, stderr io.Writer, dp *dispatcher) error {
	for _, s := range steps {
		switch s.kind {
		case stepEcho:
			fmt.Fprintln(stdout, s.text)
		case stepShell:
			var status proc.Status
			var err error
			if dp != nil && stdin == nil {
				status, err = dp.run(ctx, dir, env, s, stdout, stderr)
			} else {
				status, err = runLine(ctx, dir, env, shellText(s.text), stdin, stdout, stderr)
			}
			if err != nil {
				return err
			}
			if !status.OK() && !s.ignoreErr {
				return &ShellError{Target: target, Pos: s.pos, Status: status}
			}
		case stepSaveCmd:
			if err := writeFileAtomic(inDir(dir, s.dotTarget+".cmd"), cmdfile.SaveCmd(s.prefix, s.text, s.cmd)); err != nil {
				return err
			}
		case stepFixdep:
			dep := inDir(dir, s.depfile)
			content, err := runFixdep(ctx, dir, env, s)
			if err == errNoFixdep {
				// No built fixdep (a tree that is not Kbuild's own): 6.1's, in Go.
				data, rerr := os.ReadFile(dep)
				if rerr != nil {
					return fmt.Errorf("fixdep: error opening file: %s: %w", s.depfile, rerr)
				}
				content, err = cmdfile.Fixdep(data, s.prefix, s.text, s.cmd, func(name string) ([]string, error) {
					p := name
					if !filepath.IsAbs(p) {
						p = filepath.Join(dir, p)
					}
					b, err := os.ReadFile(p)
					return cmdfile.ConfigSymbols(b), err
				})
			}
			if err != nil {
				return err
			}
			d, f := filepath.Split(s.text)
			if err := writeFileAtomic(inDir(dir, d+"."+f+".cmd"), content); err != nil {
				return err
			}
			os.Remove(dep)
		case stepFilechk:
			if err := filechk(ctx, dir, env, s, stdout, stderr); err != nil {
				return err
			}
		}
	}
	return nil
}

var errNoFixdep = errors.New("no fixdep")

// runFixdep runs the tree's own fixdep as cmd_and_fixdep does (`fixdep $(depfile) $@ '$(make-cmd)'`) and
// returns what it printed: each kernel version's fixdep decides its .cmd format (6.2 rewrote it: the
// savedcmd_ prefix, de-duplicated files), so the tree's program is the truth.
func runFixdep(ctx context.Context, dir string, env []string, s step) ([]byte, error) {
	p := s.fixdep
	if p == "" {
		return nil, errNoFixdep
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
		return nil, errNoFixdep
	}
	cmd := exec.Command(p, s.depfile, s.text, cmdfile.Escape(s.cmd))
	cmd.Dir, cmd.Env = dir, env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := proc.Run(ctx, cmd); err != nil {
		return nil, fmt.Errorf("%s %s %s: %v\n%s", p, s.depfile, s.text, err, errb.Bytes())
	}
	return out.Bytes(), nil
}

// filechk is Kbuild's filechk: run filechk_X into a temporary file and replace $@ only when the content
// changed, so that dependents stay clean when nothing did (the edge is restat).
func filechk(ctx context.Context, dir string, env []string, s step, stdout, stderr io.Writer) error {
	var buf bytes.Buffer
	if os.Getenv("KBUILD_GO_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "kbuild-go: debug: filechk %q\n", shellText(s.text))
	}
	status, err := runShell(ctx, dir, env, "set -e; "+shellText(s.text), &buf, stderr)
	if err != nil {
		return err
	}
	if !status.OK() {
		return &ShellError{Target: s.cmd, Pos: s.pos, Status: status}
	}
	target := inDir(dir, s.cmd)
	old, err := os.ReadFile(target)
	if err == nil && bytes.Equal(old, buf.Bytes()) {
		return nil
	}
	if s.quietUpd {
		fmt.Fprintf(stdout, "  UPD     %s\n", s.cmd)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil {
		return err
	}
	return writeFileAtomic(target, buf.Bytes())
}

// inDir is p relative to the recipe's directory (p as is when absolute: tools/build names outputs by
// absolute path under $(OUTPUT)).
func inDir(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// writeFileAtomic writes through a temporary file and a rename, so no half-written file survives a crash
// or Ctrl-C.
func writeFileAtomic(path string, data []byte) error { return atomicfile.WriteBytes(path, data) }

// records gives dag the saved command lines: cmd_<target> as the scope read it from the target's .cmd
// file (Makefile.build -include's them), so a tree built by make is judged by make's own record.
type records struct{ d *driver }

func (r records) Load(output string) (dag.Record, bool, error) {
	n, ok := r.d.g.Lookup(output)
	if !ok {
		return dag.Record{}, false, nil
	}
	r.d.mu.Lock()
	st := r.d.owner[n]
	r.d.mu.Unlock()
	if st == nil {
		return dag.Record{}, false, nil
	}
	if r.d.cmdRecords {
		return st.sc.nativeRecord(st.name)
	}
	st.sc.mu.Lock()
	v, _, _, ok := st.sc.s.Lookup(st.sc.savedPrefix() + st.name)
	st.sc.mu.Unlock()
	if !ok || strings.TrimSpace(v) == "" {
		return dag.Record{}, false, nil
	}
	return dag.Record{Command: v}, true, nil
}

// Save does nothing: the recipe's own steps wrote the .cmd file, as make's do.
func (r records) Save(string, dag.Record) error { return nil }

// shellText is a recipe line as make hands it to the shell: a backslash-newline is kept (POSIX), but the
// recipe prefix (a tab) right after it is removed, also where the line came from a define.
func shellText(s string) string {
	if !strings.Contains(s, "\\\n\t") {
		return s
	}
	return strings.ReplaceAll(s, "\\\n\t", "\\\n")
}

// savedPrefix reads the saved command's variable prefix from the tree's own cmd-check (Kbuild.include:
// `$(strip $(cmd_$@))` before 6.2, `$(strip $(savedcmd_$@))` since; fixdep and cmd_and_savecmd write the
// same), raw text as the makefile wrote it. Without one, the prefix of Linux before 6.2.
func savedPrefix(cmdCheck string) string {
	const open, close = "$(strip $(", "$@))"
	if i := strings.Index(cmdCheck, open); i >= 0 {
		rest := cmdCheck[i+len(open):]
		if j := strings.Index(rest, close); j > 0 && !strings.ContainsAny(rest[:j], "$() \t") {
			return rest[:j]
		}
	}
	return cmdfile.DefaultPrefix
}

// onlyExists reports whether a raw cmd-check only tests that a saved command exists, as Kbuild.include
// defines it under KBUILD_NOCMDDEP=1: `$(if $(strip $(cmd_$@)),,1)`.
func onlyExists(cmdCheck string) bool {
	c := strings.TrimSpace(cmdCheck)
	return strings.HasPrefix(c, "$(if $(strip $(") && strings.HasSuffix(c, "$@)),,1)")
}

// savedPrefix is the scope's saved-command prefix; the caller holds sc.mu or the scope is evaluated.
func (sc *scope) savedPrefix() string {
	raw, _, _, _ := sc.s.Lookup("cmd-check")
	return savedPrefix(raw)
}
