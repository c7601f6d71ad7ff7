package targets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/kbuild-go/kbuild-go/cmdfile"
	"github.com/kbuild-go/kbuild-go/dag"
	"github.com/kbuild-go/kbuild-go/makelang"
	"github.com/kbuild-go/kbuild-go/proc"
	"github.com/kbuild-go/kbuild-go/settings"
)

// The bpf goal: eBPF objects as edges of the kernel's own graph, built against the output tree.
//
//	kbuild-go -C linux O=out bpf              the programs of ./kbuild.yaml's bpf: section
//	kbuild-go -C linux O=out bzImage bpf      both, in one graph (-j)
//	kbuild-go O=out bpf BPF_PROGS=core        only the program named core
//	kbuild-go O=out bpf BPF_PROGS=x.bpf.c BPF_MODE=kernel BPF_TARGETS=bpfel,bpfeb
//	kbuild-go O=out bpf KBUILD_YAML=path/kbuild.yaml
//
// Which programs, where the settings file is and its format: package settings. Outputs, all under O=:
//
//	O/vmlinux.h                       CO-RE programs' header, `bpftool btf dump file vmlinux format c`
//	O/.vmlinux.h.cmd                  its command line
//	O/bpf/NAME.TARGET.o               one object per program and target (bpfel, bpfeb)
//	O/bpf/.NAME.TARGET.o.cmd          its command line and the headers it read (fixdep's format)
//	O/bpf/.NAME.TARGET.o.d            clang's depfile, kept (dag reads it after the command)
//
// What each program needs of the kernel build is what its mode says (settings.Mode), and only that:
// kernel mode the tree's prepare (the generated headers), uapi mode the headers goal (O/usr/include),
// CO-RE mode the vmlinux goal (its BTF). Those tree goals are order-only inputs: they are built first,
// but only the files the compile read (its depfile, saved in the .cmd file) and vmlinux.h make an
// object dirty, so touching a header rebuilds exactly the objects that include it.
//
// Records: each output's .cmd file is written after its command succeeded, with package cmdfile, and read
// back through the make evaluator when the graph is planned, as Makefile.build -includes Kbuild's. The
// saved command is compared in the edge's Plan (Kbuild's if_changed: the edges are Always, and a Plan
// that finds the command unchanged and nothing newer returns no command), and the saved dependencies are
// the edge's implicit inputs. The targets package's records type only knows the makefiles' targets; these
// edges keep their own.
//
// vmlinux.h is Kbuild's filechk: bpftool runs when vmlinux is newer, and the file is replaced only when
// the dump differs, so a relinked vmlinux with the same BTF rebuilds no object (the edge is Restat).
var bpfGoal = &ownGoal{
	help:  "bpf             - Build the eBPF programs of kbuild.yaml (or BPF_PROGS=) against this tree: O/bpf/NAME.TARGET.o",
	needs: bpfNeeds,
	add:   bpfAdd,
}

// bpfGoalFor is the tree goal a program's mode builds on.
var bpfGoalFor = map[settings.Mode]string{
	settings.ModeKernel: "prepare",
	settings.ModeUAPI:   "headers",
	settings.ModeCORE:   "vmlinux",
}

// bpfPrograms reads the settings and the command line: the programs the bpf goal builds. needs and add
// each call it (the file is small; reading it twice keeps ownContext free of goal-specific state).
func bpfPrograms(x *ownContext) ([]settings.Program, error) {
	start, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	var sec *settings.Bpf
	f, err := loadSettings(lookup(x.cmdline, x.env, "KBUILD_YAML", ""), start)
	if err != nil {
		return nil, err
	}
	if f != nil {
		sec = f.Bpf
	}
	progs, err := settings.Select(sec, settings.CommandLine{
		Progs:   lookup(x.cmdline, x.env, "BPF_PROGS", ""),
		Mode:    lookup(x.cmdline, x.env, "BPF_MODE", ""),
		Targets: lookup(x.cmdline, x.env, "BPF_TARGETS", ""),
	}, start)
	if err != nil {
		return nil, &InputError{Err: err}
	}
	return progs, nil
}

// loadSettings reads the settings file KBUILD_YAML names (value, relative to start), else start's
// kbuild.yaml; nil when there is no default file. A missing explicit file or a bad one is an InputError.
func loadSettings(value, start string) (*settings.File, error) {
	path, explicit := settings.Locate(value, start)
	f, err := settings.Load(path)
	switch {
	case err == nil:
		return f, nil
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		return nil, nil
	default:
		return nil, &InputError{Err: err}
	}
}

func bpfNeeds(x *ownContext) ([]string, error) {
	progs, err := bpfPrograms(x)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, p := range progs {
		if p.Mode == settings.ModeCORE && x.config["CONFIG_DEBUG_INFO_BTF"] != "y" {
			return nil, &InputError{Err: fmt.Errorf("%s: program %s is CO-RE: it needs vmlinux's BTF, and %s has no CONFIG_DEBUG_INFO_BTF=y",
				progWhere(p), p.Name, filepath.Join(x.obj, ".config"))}
		}
		want[bpfGoalFor[p.Mode]] = true
	}
	var goals []string
	for _, g := range []string{"prepare", "headers", "vmlinux"} {
		if want[g] {
			goals = append(goals, g)
		}
	}
	return goals, nil
}

// progWhere names where a program was given, for messages.
func progWhere(p settings.Program) string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", settings.FileName, p.Line)
	}
	return "BPF_PROGS"
}

// bpfBuild is what every edge of one bpf goal shares.
type bpfBuild struct {
	x       *ownContext
	verbose bool // V=1: print command lines instead of quiet lines
	silent  bool // -s: print neither
	// prefix is the tree's saved-command prefix (cmd_ or savedcmd_), so make reads the .cmd files the
	// same way.
	prefix string
}

func bpfAdd(x *ownContext, needed []*dag.Node) (*dag.Node, error) {
	progs, err := bpfPrograms(x)
	if err != nil {
		return nil, err
	}
	v := x.cmdline.value("V")
	if v == "" {
		v = environ(x.env).get("KBUILD_VERBOSE")
	}
	b := &bpfBuild{x: x, verbose: strings.Contains(v, "1"), silent: x.req.Invocation.Silent, prefix: cmdfile.DefaultPrefix}
	if sc := x.d.kernelScope(x.src, x.obj); sc != nil {
		sc.mu.Lock()
		b.prefix = sc.savedPrefix()
		sc.mu.Unlock()
	}
	g := x.d.g
	var vmlinuxH *dag.Node
	var objs []*dag.Node
	for _, p := range progs {
		goal := b.goalNode(bpfGoalFor[p.Mode], needed)
		if p.Mode == settings.ModeCORE && vmlinuxH == nil {
			if vmlinuxH, err = b.addVmlinuxH(goal); err != nil {
				return nil, err
			}
		}
		for _, t := range p.Targets {
			n, err := b.addObject(p, t, goal, vmlinuxH)
			if err != nil {
				return nil, err
			}
			objs = append(objs, n)
		}
	}
	top := g.Phony("kbuild-go\x00bpf")
	if _, err := g.AddEdge(&dag.Edge{Key: "kbuild-go\x00bpf", Outputs: []*dag.Node{top}, Inputs: objs, Phony: true}); err != nil {
		return nil, err
	}
	return top, nil
}

// goalNode is the node of a tree goal this invocation's top scope resolved (the goals needs returned),
// so that a program waits for its own goal only (in-tree, prepare is done long before bzImage). Under O=
// every goal is the one sub-make into the output tree, so all of them finish together. Without the top
// scope it falls back to every needed node.
func (b *bpfBuild) goalNode(name string, needed []*dag.Node) []*dag.Node {
	d := b.x.d
	file := filepath.Join(b.x.src, "Makefile")
	d.mu.Lock()
	var tops []*scope
	for _, sc := range d.scopes {
		if sc.level == 0 && sc.file == file && sc.dir == b.x.src {
			tops = append(tops, sc)
		}
	}
	d.mu.Unlock()
	for _, sc := range tops {
		sc.mu.Lock()
		n := sc.nodes[name]
		sc.mu.Unlock()
		if n != nil {
			return []*dag.Node{n}
		}
	}
	return needed
}

// savedRecord is an output's .cmd file as the make evaluator reads it.
type savedRecord struct {
	cmd  string
	deps []*dag.Node
	ok   bool
}

// loadRecord reads the .cmd file of target (spelled relative to the output tree, as in the file): its
// cmd_ line and its deps_ list (with fixdep's $(wildcard include/config/X) entries expanded as make
// would). A missing or unreadable file is no record: the output is rebuilt, as Kbuild does without one.
func (b *bpfBuild) loadRecord(target, file string) savedRecord {
	if _, err := os.Stat(file); err != nil {
		return savedRecord{}
	}
	s := makelang.NewScope(makelang.Options{Dir: b.x.obj})
	// Kbuild.include's definition: cmdfile writes '#' as $(pound).
	if err := s.EvalString("<kbuild-go>", "pound := \\#\n"); err != nil {
		return savedRecord{}
	}
	if err := s.EvalFile(file); err != nil {
		return savedRecord{}
	}
	cmd, err := s.Var(b.prefix + target)
	if err != nil || strings.TrimSpace(cmd) == "" {
		return savedRecord{}
	}
	deps, err := s.Var("deps_" + target)
	if err != nil {
		return savedRecord{}
	}
	r := savedRecord{cmd: cmd, ok: true}
	for _, d := range strings.Fields(deps) {
		r.deps = append(r.deps, b.x.d.g.Node(b.abs(d)))
	}
	return r
}

// abs is a path as the output tree's commands spell it, made absolute (the graph's spelling).
func (b *bpfBuild) abs(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(b.x.obj, p)
}

// ifChanged is Kbuild's if_changed for an Always edge: the command runs when the mtime check found a
// reason (an output missing, an input newer), when there is no record, or when the command line differs
// from the saved one as a word sequence. Otherwise the Plan returns no command and the output is
// unchanged for its dependents.
func ifChanged(pc *dag.PlanContext, rec savedRecord, cmd string) bool {
	return pc.Reason != dag.ReasonNone || !rec.ok || !dag.CommandsEqual(rec.cmd, cmd)
}

// tool resolves a program by the variable naming it (CLANG=, LLC=, BPFTOOL=, from the command line or the
// environment) or its default name, to an absolute path: the path is part of every command line, so a
// different compiler rebuilds.
func (b *bpfBuild) tool(variable, def string) (string, error) {
	name := lookup(b.x.cmdline, b.x.env, variable, def)
	p, err := exec.LookPath(name)
	if err != nil {
		return "", &InputError{Err: fmt.Errorf("bpf: %s not found (set %s=): %v", name, variable, err)}
	}
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return p, nil
}

// say prints an edge's quiet line, or at V=1 its command line, as Kbuild's cmd macro does.
func (b *bpfBuild) say(out io.Writer, quiet, cmd string) {
	switch {
	case b.silent:
	case b.verbose:
		fmt.Fprintln(out, cmd)
	default:
		fmt.Fprintln(out, quiet)
	}
}

// addVmlinuxH adds O/vmlinux.h: the C dump of vmlinux's BTF, for CO-RE programs.
func (b *bpfBuild) addVmlinuxH(goal []*dag.Node) (*dag.Node, error) {
	g := b.x.d.g
	out := g.Node(filepath.Join(b.x.obj, "vmlinux.h"))
	cmdFile := filepath.Join(b.x.obj, ".vmlinux.h.cmd")
	rec := b.loadRecord("vmlinux.h", cmdFile)
	_, err := g.AddEdge(&dag.Edge{
		Key:     "kbuild-go\x00bpf\x00vmlinux.h",
		Outputs: []*dag.Node{out},
		// The file vmlinux, produced inside the goal's sub-make: newer than vmlinux.h means a dump.
		Implicit:  []*dag.Node{g.Node(filepath.Join(b.x.obj, "vmlinux"))},
		OrderOnly: goal,
		Always:    true,
		Restat:    true,
		Plan: func(pc *dag.PlanContext) (*dag.Command, error) {
			bpftool, err := b.tool("BPFTOOL", "bpftool")
			if err != nil {
				return nil, err
			}
			args := []string{bpftool, "btf", "dump", "file", "vmlinux", "format", "c"}
			cmd := shellJoin(args) + " > vmlinux.h"
			if !ifChanged(pc, rec, cmd) {
				return nil, nil
			}
			return &dag.Command{Dir: b.x.obj, Description: cmd, Key: cmd, Func: func(ctx context.Context, _ dag.FS, w, werr io.Writer) error {
				var stdout bytes.Buffer
				c := exec.Command(args[0], args[1:]...)
				c.Dir, c.Env, c.Stdout, c.Stderr = b.x.obj, b.x.env, &stdout, werr
				if err := proc.Run(ctx, c); err != nil {
					return errorf("bpf: %s: %v", cmd, err)
				}
				if old, err := os.ReadFile(out.Path); err != nil || !bytes.Equal(old, stdout.Bytes()) {
					b.say(w, "  GEN     vmlinux.h", cmd)
					if err := writeFileAtomic(out.Path, stdout.Bytes()); err != nil {
						return err
					}
				}
				return writeFileAtomic(cmdFile, cmdfile.SaveCmd(b.prefix, "vmlinux.h", cmd))
			}}, nil
		},
	})
	return out, err
}

// addObject adds the edge compiling one program for one target: O/bpf/NAME.TARGET.o.
func (b *bpfBuild) addObject(p settings.Program, t settings.Target, goal []*dag.Node, vmlinuxH *dag.Node) (*dag.Node, error) {
	g := b.x.d.g
	rel := "bpf/" + p.Name + "." + string(t) + ".o"
	dot := "bpf/." + p.Name + "." + string(t) + ".o"
	out := g.Node(b.abs(rel))
	cmdFile := b.abs(dot + ".cmd")
	rec := b.loadRecord(rel, cmdFile)
	implicit := rec.deps
	if p.Mode == settings.ModeCORE {
		implicit = append([]*dag.Node{vmlinuxH}, implicit...)
	}
	_, err := g.AddEdge(&dag.Edge{
		Key:       "kbuild-go\x00bpf\x00" + rel,
		Outputs:   []*dag.Node{out},
		Inputs:    []*dag.Node{g.Node(p.Source)},
		Implicit:  implicit,
		OrderOnly: goal,
		Always:    true,
		Restat:    true,
		Plan: func(pc *dag.PlanContext) (*dag.Command, error) {
			cmd, err := b.compileCommand(p, t, rel, dot+".d")
			if err != nil {
				return nil, err
			}
			if !ifChanged(pc, rec, cmd) {
				return nil, nil
			}
			return &dag.Command{Dir: b.x.obj, Description: cmd, Key: cmd, Depfile: b.abs(dot + ".d"),
				Func: func(ctx context.Context, _ dag.FS, w, werr io.Writer) error {
					b.say(w, "  BPF     "+rel, cmd)
					if err := os.MkdirAll(filepath.Dir(out.Path), 0o777); err != nil {
						return err
					}
					status, err := runShell(ctx, b.x.obj, b.x.env, "set -e; "+cmd, w, werr)
					if err != nil {
						return err
					}
					if !status.OK() {
						return &ShellError{Target: rel, Status: status}
					}
					return b.saveRecord(rel, cmd, b.abs(dot+".d"), cmdFile)
				}}, nil
		},
	})
	return out, err
}

// saveRecord writes an object's .cmd file from clang's depfile, as Kbuild's fixdep does: the command line,
// the files the compile read, and the CONFIG_ symbols they use (include/config/X, which kconfig touches
// when X changes).
func (b *bpfBuild) saveRecord(target, cmd, depfile, cmdFile string) error {
	data, err := os.ReadFile(depfile)
	if err != nil {
		return errorf("bpf: %s: no depfile: %v", target, err)
	}
	content, err := cmdfile.Fixdep(data, b.prefix, target, cmd, func(name string) ([]string, error) {
		f, err := os.ReadFile(b.abs(name))
		return cmdfile.ConfigSymbols(f), err
	})
	if err != nil {
		return errorf("bpf: %s: %v", target, err)
	}
	return writeFileAtomic(cmdFile, content)
}

// bpfArchTriples maps SRCARCH to the host triple kernel-mode programs are compiled for (clang must parse
// the kernel's headers as the kernel's compiler does; llc then emits BPF).
var bpfArchTriples = map[string]string{
	"x86": "x86_64-linux-gnu", "arm64": "aarch64-linux-gnu", "s390": "s390x-linux-gnu",
	"riscv": "riscv64-linux-gnu", "powerpc": "powerpc64le-linux-gnu", "loongarch": "loongarch64-linux-gnu",
}

// compileCommand is an object's command line, run in the output tree: every flag is in it, and the whole
// line is the edge's Key, so any change of flags, mode, compiler or tree include order rebuilds.
//
// Flags (bpf2go's, see ../../shared/EBPF.md): -O2 -g, -mcpu=v1, -fno-ident and the program directory
// mapped to "." in the debug info, so the object does not depend on where the project is;
// -D__TARGET_ARCH_$(SRCARCH) for bpf_tracing.h. Then per mode:
//   - core: -target bpfel|bpfeb, -I. (the output tree, for vmlinux.h);
//   - uapi: -target bpfel|bpfeb, -Iusr/include (the tree's exported headers, `make headers`);
//   - kernel: the kernel's own way, clang for the kernel's architecture with the tree's LINUXINCLUDE
//     (its include order, -include kconfig.h), -nostdinc -D__KERNEL__, -emit-llvm, then llc -march=bpfel|
//     bpfeb: `clang -target bpf` cannot parse x86's asm/atomic.h.
//
// The program's include: directories and flags: come last, so they can override.
func (b *bpfBuild) compileCommand(p settings.Program, t settings.Target, out, dep string) (string, error) {
	clang, err := b.tool("CLANG", "clang")
	if err != nil {
		return "", err
	}
	srcarch, linuxinclude := "", ""
	if sc := b.x.d.kernelScope(b.x.src, b.x.obj); sc != nil {
		sc.mu.Lock()
		srcarch, _ = sc.s.Var("SRCARCH")
		if p.Mode == settings.ModeKernel {
			linuxinclude, _ = sc.s.Var("LINUXINCLUDE")
		}
		sc.mu.Unlock()
	}
	srcarch = strings.TrimSpace(srcarch)
	if srcarch == "" {
		return "", errorf("bpf: the tree's top Makefile was not evaluated in %s (no SRCARCH)", b.x.obj)
	}
	args := []string{clang}
	add := func(s ...string) { args = append(args, s...) }
	dir := filepath.Dir(p.Source)
	common := []string{"-O2", "-g", "-fno-ident", "-fdebug-prefix-map=" + dir + "=.", "-fdebug-compilation-dir=.",
		"-D__TARGET_ARCH_" + srcarch}
	user := func() {
		for _, d := range p.Include {
			add("-I" + d)
		}
		add(p.Flags...)
		add("-MD", "-MF", dep, "-MT", out)
	}
	switch p.Mode {
	case settings.ModeCORE, settings.ModeUAPI:
		add("-target", string(t), "-mcpu=v1")
		add(common...)
		if p.Mode == settings.ModeCORE {
			add("-I.")
		} else {
			add("-Iusr/include")
		}
		user()
		add("-c", p.Source, "-o", out)
		return shellJoin(args), nil
	case settings.ModeKernel:
		triple := bpfArchTriples[srcarch]
		if triple == "" {
			return "", errorf("bpf: kernel mode: no clang target known for SRCARCH=%s", srcarch)
		}
		if strings.TrimSpace(linuxinclude) == "" {
			return "", errorf("bpf: the tree's top Makefile has no LINUXINCLUDE")
		}
		llc, err := b.tool("LLC", "llc")
		if err != nil {
			return "", err
		}
		add("-target", triple, "-nostdinc")
		add(common...)
		add(strings.Fields(linuxinclude)...)
		add("-D__KERNEL__", "-D__BPF_TRACING__",
			// samples/bpf's warnings off: kernel headers are not written for BPF.
			"-Wno-unused-value", "-Wno-pointer-sign", "-Wno-compare-distinct-pointer-types",
			"-Wno-gnu-variable-sized-type-not-at-end", "-Wno-address-of-packed-member",
			"-Wno-tautological-compare", "-Wno-unknown-warning-option",
			"-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables", "-fno-jump-tables")
		user()
		bc := strings.TrimSuffix(dep, ".d") + ".bc"
		add("-emit-llvm", "-c", p.Source, "-o", bc)
		lc := []string{llc, "-march=" + string(t), "-mcpu=v1", "-filetype=obj", bc, "-o", out}
		return shellJoin(args) + "; " + shellJoin(lc) + "; rm -f " + shellQuote(bc), nil
	}
	return "", errorf("bpf: %s: unknown mode %q", p.Name, p.Mode)
}

// shellJoin quotes words for /bin/sh, leaving plain ones as they are (so V=1 lines read like Kbuild's).
func shellJoin(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = shellQuote(w)
	}
	return strings.Join(q, " ")
}

func shellQuote(w string) string {
	if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=+/.,:@%") == "" {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}
