package kconfig

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kbuild-go/kbuild-go/internal/kernelsrc"
)

// The differential tests build the C conf of the reference tree (flex,
// bison, gcc) once per test binary and run it and this package on the same
// target in two object trees, comparing every output file byte for byte, the
// messages, and the set of files each step wrote.

// refTree is the 6.1 reference tree, the one most tests compare against;
// buildRefConf sets it.
var refTree string

// reference is one reference tree and the C conf built from its own
// scripts/kconfig.
type reference struct {
	version, tree, conf string
}

// refBuild caches the C conf built for one version in this test binary:
// building it costs seconds, and several tests use it.
type refBuild struct {
	once sync.Once
	ref  reference
	skip string
	err  error
}

var refBuilds struct {
	mu sync.Mutex
	m  map[string]*refBuild
}

// TestMain removes the cached conf builds.
// With KCONFIG_BENCH_MAIN=olddefconfig the binary is olddefconfigMain
// instead, for timing from outside (see bench_test.go).
func TestMain(m *testing.M) {
	if os.Getenv("KCONFIG_BENCH_MAIN") == "olddefconfig" {
		os.Exit(olddefconfigMain())
	}
	code := m.Run()
	for _, b := range refBuilds.m {
		if b.ref.conf != "" {
			os.RemoveAll(filepath.Dir(b.ref.conf))
		}
	}
	os.Exit(code)
}

// buildRefConf returns the C conf of the 6.1 tree, or skips.
func buildRefConf(t testing.TB) string { return buildRef(t, "6.1").conf }

// buildRef returns version's reference tree with its C conf, or skips the
// test when the tree or the tools are not there.
func buildRef(t testing.TB, version string) reference {
	t.Helper()
	refBuilds.mu.Lock()
	if refBuilds.m == nil {
		refBuilds.m = map[string]*refBuild{}
	}
	b := refBuilds.m[version]
	if b == nil {
		b = &refBuild{}
		refBuilds.m[version] = b
	}
	refBuilds.mu.Unlock()
	b.once.Do(func() {
		b.ref.version = version
		b.ref.tree = kernelsrc.DirOf(version)
		if b.ref.tree == "" {
			b.skip = "reference tree linux-source-" + version + " not found (run `make linux-src`)"
			return
		}
		b.ref.conf, b.skip, b.err = buildConf(b.ref.tree)
	})
	if b.skip != "" {
		t.Skip(b.skip)
	}
	if b.err != nil {
		t.Fatal(b.err)
	}
	if version == "6.1" {
		refTree = b.ref.tree
	}
	return b.ref
}

// confObjects reads the objects of conf from tree's scripts/kconfig/Makefile
// ("conf-objs := conf.o $(common-objs)", "common-objs := confdata.o ..."),
// so that a tree that adds a source file builds without a change here.
func confObjects(tree string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(tree, "scripts/kconfig/Makefile"))
	if err != nil {
		return nil, err
	}
	vars := map[string][]string{}
	lines := strings.Split(strings.ReplaceAll(string(b), "\\\n", " "), "\n")
	for _, l := range lines {
		k, v, ok := strings.Cut(l, ":=")
		if k = strings.TrimSpace(k); ok && k != "" && !strings.ContainsAny(k, " \t$") {
			vars[k] = strings.Fields(v)
		}
	}
	var expand func(words []string, depth int) []string
	expand = func(words []string, depth int) []string {
		var out []string
		for _, w := range words {
			if strings.HasPrefix(w, "$(") && strings.HasSuffix(w, ")") && depth < 4 {
				out = append(out, expand(vars[w[2:len(w)-1]], depth+1)...)
			} else {
				out = append(out, w)
			}
		}
		return out
	}
	objs := expand(vars["conf-objs"], 0)
	if len(objs) == 0 {
		return nil, fmt.Errorf("%s/scripts/kconfig/Makefile: no conf-objs", tree)
	}
	return objs, nil
}

// buildConf compiles scripts/kconfig of tree as its scripts/kconfig/Makefile
// does (the objects of conf-objs; -I scripts/include when the tree has it,
// as the top Makefile's KBUILD_HOSTCFLAGS adds since 6.10), plus
// testdata/refconf/shellcache.c, a popen shim that is inert unless
// KCONFIG_TEST_SHELL_CACHE is set.
func buildConf(tree string) (path, skip string, err error) {
	for _, tool := range []string{"gcc", "flex", "bison"} {
		if _, err := exec.LookPath(tool); err != nil {
			return "", tool + " not installed", nil
		}
	}
	src := filepath.Join(tree, "scripts/kconfig")
	if _, err := os.Stat(filepath.Join(src, "conf.c")); err != nil {
		return "", "reference kernel tree has no scripts/kconfig/conf.c", nil
	}
	objs, err := confObjects(tree)
	if err != nil {
		return "", "", err
	}
	shim, err := filepath.Abs("testdata/refconf/shellcache.c")
	if err != nil {
		return "", "", err
	}
	dir, err := os.MkdirTemp("", "kconfig-refconf")
	if err != nil {
		return "", "", err
	}
	run := func(name string, args ...string) {
		if err != nil {
			return
		}
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		if out, e := cmd.CombinedOutput(); e != nil {
			err = fmt.Errorf("%s %v: %v\n%s", name, args, e, out)
		}
	}
	inc := []string{"-I", src, "-I", "."}
	if st, e := os.Stat(filepath.Join(tree, "scripts/include")); e == nil && st.IsDir() {
		inc = append(inc, "-I", filepath.Join(tree, "scripts/include"))
	}
	run("flex", "-o", "lexer.lex.c", filepath.Join(src, "lexer.l"))
	run("bison", "-t", "-d", "-o", "parser.tab.c", filepath.Join(src, "parser.y"))
	run("gcc", append(append([]string{"-O1"}, inc...), "-Dpopen=kt_popen", "-Dpclose=kt_pclose", "-c", "-o", "preprocess.o",
		filepath.Join(src, "preprocess.c"))...)
	args := append(append([]string{"-O1"}, inc...), "-o", "conf", shim)
	for _, o := range objs {
		switch o {
		case "lexer.lex.o", "parser.tab.o":
			args = append(args, strings.TrimSuffix(o, ".o")+".c")
		case "preprocess.o":
			args = append(args, o)
		default:
			args = append(args, filepath.Join(src, strings.TrimSuffix(o, ".o")+".c"))
		}
	}
	run("gcc", args...)
	return filepath.Join(dir, "conf"), "", err
}

// kernelVersion is tree's VERSION.PATCHLEVEL.SUBLEVEL, read from its
// Makefile (6.1.172 on this project's mirror), for KERNELVERSION.
func kernelVersion(t testing.TB, tree string) string {
	b, err := os.ReadFile(filepath.Join(tree, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	v := map[string]string{}
	for _, l := range strings.SplitN(string(b), "\n", 8) {
		if k, val, ok := strings.Cut(l, " = "); ok {
			v[k] = val
		}
	}
	return v["VERSION"] + "." + v["PATCHLEVEL"] + "." + v["SUBLEVEL"] + v["EXTRAVERSION"]
}

var ccVersion struct {
	once sync.Once
	text string
	err  error
}

// refEnv is the environment the 6.1 tree's top Makefile exports to conf for
// arch.
func refEnv(t testing.TB, a diffArch) []string { return refEnvOf(t, refTree, a) }

// refEnvOf is refEnv for tree.
func refEnvOf(t testing.TB, tree string, a diffArch) []string {
	ccVersion.once.Do(func() {
		out, err := exec.Command("sh", "-c", "gcc --version | head -n 1").Output()
		ccVersion.text, ccVersion.err = strings.TrimSpace(string(out)), err
	})
	if ccVersion.err != nil {
		t.Fatalf("gcc --version: %v", ccVersion.err)
	}
	return []string{
		"PATH=" + os.Getenv("PATH"), "LC_ALL=C",
		"srctree=" + tree,
		"ARCH=" + a.arch, "SRCARCH=" + a.srcarch, "KBUILD_DEFCONFIG=" + a.defconfig,
		"CC=gcc", "LD=ld", "HOSTCC=gcc", "HOSTCXX=g++",
		"KERNELVERSION=" + kernelVersion(t, tree),
		"CC_VERSION_TEXT=" + ccVersion.text,
	}
}

// diffArch is one architecture of the differential matrix. Every one is
// configured with the host gcc as CC, as "make ARCH=arm64 CC=gcc" would:
// their Kconfig files only probe the compiler.
type diffArch struct {
	arch, srcarch string
	defconfig     string // KBUILD_DEFCONFIG, as arch/$(SRCARCH)/Makefile sets it
}

func diffArches() []diffArch {
	// arch/x86/Makefile picks ARCH=x86's defconfig from `uname -m`.
	x86 := "i386_defconfig"
	if runtime.GOARCH == "amd64" {
		x86 = "x86_64_defconfig"
	}
	return []diffArch{
		{"x86_64", "x86", "x86_64_defconfig"},
		{"x86", "x86", x86},
		{"i386", "x86", "i386_defconfig"},
		{"arm64", "arm64", "defconfig"},
		{"riscv", "riscv", "defconfig"},
	}
}

// diffStep is one "make <target>" in both object trees. before edits both
// trees first (identically); check inspects them after the comparison.
type diffStep struct {
	target, arg string
	env         []string // extra environment of this step, e.g. KCONFIG_SEED=3
	before      func(t *testing.T, dir string)
	check       func(t *testing.T, ref, got string)
	// copyRef copies conf's .config over kbuild-go's before the step.
	copyRef bool
}

type diffCase struct {
	name  string
	steps []diffStep
}

// matrix is how much of diffCases one architecture runs.
type matrix int

const (
	fullMatrix    matrix = iota // every case below
	reducedMatrix               // the cases every conf behaviour shows in (a second tree under -race)
	smallMatrix                 // four cases (later arches under -race)
)

// diffCases is the matrix of issue 3 for one architecture of tree: every
// all*config (each then olddefconfig), defconfig and every *_defconfig of
// arch/$SRCARCH/configs, tinyconfig, tinyconfig + debug.config, randconfig
// with KCONFIG_SEED=1..seeds each followed by olddefconfig on conf's output,
// a savedefconfig round trip, olddefconfig after a one-symbol edit and
// syncconfig after another (auto.conf, autoconf.h, auto.conf.cmd and the
// include/config files). allnoconfig runs first, alone, as the cold case
// (see TestDifferential).
//
// The reduced matrix leaves out alldefconfig, the *_defconfig files and
// debug.config; the small one (the race detector's, for arches after the
// first two) is allyesconfig, defconfig, tinyconfig and one randconfig.
func diffCases(t *testing.T, tree string, a diffArch, seeds int, m matrix) []diffCase {
	if m == smallMatrix {
		return []diffCase{
			{"allyesconfig", []diffStep{{target: "allyesconfig"}, {target: "olddefconfig"}}},
			{"defconfig", []diffStep{{target: "defconfig"}}},
			{"tinyconfig", []diffStep{{target: "tinyconfig"}}},
			{"randconfig-1", []diffStep{
				{target: "randconfig", env: []string{"KCONFIG_SEED=1"}},
				{target: "olddefconfig", copyRef: true},
			}},
		}
	}
	var cases []diffCase
	for _, tg := range []string{"allyesconfig", "allmodconfig", "alldefconfig"} {
		if tg == "alldefconfig" && m == reducedMatrix {
			continue
		}
		cases = append(cases, diffCase{tg, []diffStep{{target: tg}, {target: "olddefconfig"}}})
	}
	cases = append(cases, diffCase{"defconfig", []diffStep{{target: "defconfig"}}})
	if m == fullMatrix {
		defs, err := filepath.Glob(filepath.Join(tree, "arch", a.srcarch, "configs", "*_defconfig"))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range defs {
			cases = append(cases, diffCase{filepath.Base(d), []diffStep{{target: filepath.Base(d)}}})
		}
	}
	cases = append(cases, diffCase{"tinyconfig", []diffStep{{target: "tinyconfig"}}})
	if m == fullMatrix {
		cases = append(cases, diffCase{"tinyconfig+debug.config", []diffStep{{target: "tinyconfig"}, {target: "debug.config"}}})
	}
	for seed := 1; seed <= seeds; seed++ {
		cases = append(cases, diffCase{fmt.Sprintf("randconfig-%d", seed), []diffStep{
			{target: "randconfig", env: []string{fmt.Sprintf("KCONFIG_SEED=%d", seed)}},
			{target: "olddefconfig", copyRef: true},
		}})
	}
	cases = append(cases, diffCase{"savedefconfig-roundtrip", []diffStep{
		{target: "defconfig"},
		{target: "savedefconfig", before: func(t *testing.T, dir string) { copyFile(t, dir, ".config", "defconfig.orig") }},
		{target: "defconfig", arg: "defconfig", check: func(t *testing.T, ref, got string) {
			for _, dir := range []string{ref, got} {
				a, _ := os.ReadFile(filepath.Join(dir, "defconfig.orig"))
				b, _ := os.ReadFile(filepath.Join(dir, ".config"))
				if !bytes.Equal(a, b) {
					t.Errorf("%s: defconfig → savedefconfig → defconfig changed .config", dir)
				}
			}
		}},
	}})
	if m == fullMatrix {
		// Every symbol is new without a .config: the help of each, with
		// its dependency expressions, and the list of them.
		cases = append(cases, diffCase{"helpnewconfig", []diffStep{{target: "helpnewconfig"}}},
			diffCase{"listnewconfig", []diffStep{{target: "listnewconfig"}}})
	}
	cases = append(cases, diffCase{"olddefconfig-edit", []diffStep{
		{target: "defconfig"},
		{target: "olddefconfig", before: func(t *testing.T, dir string) { toggleSymbol(t, dir, "MODULES") }},
	}})
	cases = append(cases, diffCase{"syncconfig-edit", []diffStep{
		{target: "defconfig"},
		{target: "syncconfig"},
		{target: "syncconfig", before: func(t *testing.T, dir string) { toggleSymbol(t, dir, "IKCONFIG") }},
	}})
	return cases
}

func copyFile(t *testing.T, dir, from, to string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, from))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, to), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// toggleSymbol flips bool symbol name in dir/.config, as a user editing it
// would: "=y" becomes "is not set" and the other way round.
func toggleSymbol(t *testing.T, dir, name string) {
	t.Helper()
	p := filepath.Join(dir, ".config")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	on, off := "CONFIG_"+name+"=y\n", "# CONFIG_"+name+" is not set\n"
	s := string(b)
	switch {
	case strings.Contains(s, on):
		s = strings.Replace(s, on, off, 1)
	case strings.Contains(s, off):
		s = strings.Replace(s, off, on, 1)
	default:
		s += on
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runRefStep runs what scripts/kconfig/Makefile runs for target in dir:
// conf once, or for tinyconfig and "%.config" also merge_config.sh, plus the
// Makefile's own "Default configuration" echo for defconfig.
func runRefStep(ref reference, dir string, env []string, target, arg string, stdout, stderr io.Writer) error {
	conf := ref.conf
	getenv := func(k string) string {
		v := ""
		for _, kv := range env {
			if rest, ok := strings.CutPrefix(kv, k+"="); ok {
				v = rest
			}
		}
		return v
	}
	run := func(extra []string, name string, args ...string) error {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(append([]string(nil), env...), extra...)
		cmd.Stdout, cmd.Stderr = stdout, stderr
		return cmd.Run()
	}
	fragment := func(name string) error {
		args := []string{filepath.Join(ref.tree, "scripts/kconfig/merge_config.sh"), "-m", ".config"}
		for _, f := range []string{"kernel/configs/" + name, "arch/" + getenv("SRCARCH") + "/configs/" + name} {
			if _, err := os.Stat(filepath.Join(ref.tree, f)); err == nil {
				args = append(args, getenv("srctree")+"/"+f)
			}
		}
		if err := run(nil, "sh", args...); err != nil {
			return err
		}
		return run(nil, conf, "--olddefconfig", "Kconfig")
	}
	switch {
	case target == "tinyconfig":
		if err := run([]string{"KCONFIG_ALLCONFIG=kernel/configs/tiny-base.config"}, conf, "--allnoconfig", "Kconfig"); err != nil {
			return err
		}
		return fragment("tiny.config")
	case strings.HasSuffix(target, ".config"):
		return fragment(target)
	case target == "defconfig" && arg == "":
		fmt.Fprintf(stdout, "*** Default configuration is based on '%s'\n", getenv("KBUILD_DEFCONFIG"))
		arg = "arch/" + getenv("SRCARCH") + "/configs/" + getenv("KBUILD_DEFCONFIG")
	case strings.HasSuffix(target, "_defconfig"):
		target, arg = "defconfig", "arch/"+getenv("SRCARCH")+"/configs/"+target
	case target == "savedefconfig" && arg == "":
		arg = "defconfig"
	}
	return run(nil, conf, confArgs(target, arg)...)
}

// memoShell is the Go side's counterpart of testdata/refconf/shellcache.c:
// the first run of a command is real, later ones return its output (and
// write nothing to stderr). Safe for concurrent use.
type memoShell struct {
	mu   sync.Mutex
	runs map[string]*memoRun
}

type memoRun struct {
	once sync.Once
	out  []byte
	err  error
}

func (m *memoShell) shell(cmd string, env []string, dir string, stderr io.Writer) ([]byte, error) {
	m.mu.Lock()
	if m.runs == nil {
		m.runs = map[string]*memoRun{}
	}
	r := m.runs[cmd]
	first := r == nil
	if first {
		r = &memoRun{}
		m.runs[cmd] = r
	}
	m.mu.Unlock()
	r.once.Do(func() {
		if !first {
			stderr = io.Discard
		}
		r.out, r.err = DefaultShell(cmd, env, dir, stderr)
	})
	return r.out, r.err
}

// configPool hands out parsed Configs of one architecture, each with its own
// object tree: Config is not safe for concurrent use, and parsing the real
// tree again for every case would cost more than the case. At most max are
// made; Run resets a Config completely, so reuse is part of what is tested.
type configPool struct {
	opts Options
	root string
	max  int
	free chan *pooled

	mu               sync.Mutex
	made             int
	loadOut, loadErr []byte // what Load printed, the same every time
}

type pooled struct {
	c   *Config
	dir string
}

func newConfigPool(opts Options, root string) *configPool {
	n := runtime.GOMAXPROCS(0)
	return &configPool{opts: opts, root: root, max: n, free: make(chan *pooled, n)}
}

func (p *configPool) get(t *testing.T) *pooled {
	t.Helper()
	select {
	case pc := <-p.free:
		return pc
	default:
	}
	p.mu.Lock()
	if p.made >= p.max {
		p.mu.Unlock()
		return <-p.free
	}
	p.made++
	p.mu.Unlock()
	dir, err := os.MkdirTemp(p.root, "obj")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	opts := p.opts
	opts.ObjTree, opts.Stdout, opts.Stderr = dir, &out, &errb
	c, err := Load(opts)
	if err != nil {
		p.mu.Lock()
		p.made--
		p.mu.Unlock()
		t.Fatalf("Load: %v\n%s", err, errb.String())
	}
	p.mu.Lock()
	if p.loadOut == nil {
		p.loadOut, p.loadErr = append([]byte{}, out.Bytes()...), append([]byte{}, errb.Bytes()...)
	}
	p.mu.Unlock()
	return &pooled{c, dir}
}

func (p *configPool) put(pc *pooled) { p.free <- pc }

// runCase runs the steps of one case in a fresh conf tree and in pc's
// object tree, and after each step compares stdout, stderr, every file of
// both trees and the set of files the step wrote.
func runCase(t *testing.T, rf reference, env []string, pool *configPool, pc *pooled, dc diffCase) {
	ref, got := fastTempDir(t), pc.dir
	clearDir(t, got)
	rs, gs := treeScan{}, treeScan{}
	for i, st := range dc.steps {
		name := fmt.Sprintf("step %d (%s)", i+1, st.target)
		if st.copyRef {
			b, err := os.ReadFile(filepath.Join(ref, ".config"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(got, ".config"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if st.before != nil {
			st.before(t, ref)
			st.before(t, got)
		}
		// The pre-step state: the last scan, with the top directory (the
		// only one a before hook or copyRef edits) stat'ed again.
		rescanTop(t, ref, rs)
		rescanTop(t, got, gs)
		var rout, rerr bytes.Buffer
		done := make(chan error, 1)
		stepEnv := append(append([]string(nil), env...), st.env...)
		go func() { done <- runRefStep(rf, ref, stepEnv, st.target, st.arg, &rout, &rerr) }()

		gout := bytes.NewBuffer(append([]byte{}, pool.loadOut...))
		gerr := bytes.NewBuffer(append([]byte{}, pool.loadErr...))
		pc.c.opts.Stdout, pc.c.opts.Stderr = gout, gerr
		saved := map[string]*string{}
		for _, kv := range st.env {
			k, v, _ := strings.Cut(kv, "=")
			if old, ok := pc.c.env[k]; ok {
				saved[k] = &old
			} else {
				saved[k] = nil
			}
			pc.c.env[k] = v
		}
		err := pc.c.Run(st.target, st.arg)
		for k, old := range saved {
			if old == nil {
				delete(pc.c.env, k)
			} else {
				pc.c.env[k] = *old
			}
		}
		pc.c.opts.Stdout, pc.c.opts.Stderr = io.Discard, io.Discard
		refErr := <-done
		if (refErr == nil) != (err == nil) {
			t.Errorf("%s: conf error %v, kconfig error %v\nconf stderr:\n%s", name, refErr, err, rerr.String())
		}
		diffText(t, name+": stdout", rout.String(), gout.String())
		diffText(t, name+": stderr", rerr.String(), gerr.String())
		rs1, gs1 := scanTree(t, ref), scanTree(t, got)
		for _, n := range unionKeys(rs1, gs1) {
			a, ina := rs1[n]
			b, inb := gs1[n]
			switch {
			case !ina:
				t.Errorf("%s: %s written by kconfig, not by conf", name, n)
			case !inb:
				t.Errorf("%s: %s written by conf, not by kconfig", name, n)
			default:
				diffText(t, name+": "+n, a.data, b.data)
			}
		}
		if a, b := written(rs, rs1), written(gs, gs1); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s: files written differ:\n  conf:    %d %s\n  kconfig: %d %s", name, len(a), abbrev(a), len(b), abbrev(b))
		}
		rs, gs = rs1, gs1
		if st.check != nil {
			st.check(t, ref, got)
		}
		if t.Failed() {
			return
		}
	}
}

// treeScan is every regular file of an object tree (relative name) with its
// content and modification time.
type treeScan map[string]scannedFile

type scannedFile struct {
	data  string
	mtime time.Time
}

// scanTree reads dir. Empty files (the include/config/<SYMBOL> files, a few
// thousand after randconfig) are only stat'ed.
func scanTree(t *testing.T, dir string) treeScan {
	t.Helper()
	out := treeScan{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f := scannedFile{mtime: info.ModTime()}
		if info.Size() > 0 {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f.data = string(b)
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rescanTop updates s for the files directly in dir.
func rescanTop(t *testing.T, dir string, s treeScan) {
	t.Helper()
	for n := range s {
		if !strings.Contains(n, "/") {
			delete(s, n)
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Type().IsRegular() {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			s[e.Name()] = scannedFile{mtime: info.ModTime()}
		}
	}
}

// written lists the files of after that are new or have a new modification
// time since before. A step takes far longer than the file system's
// timestamp granularity (a jiffy), so a rewrite always shows.
func written(before, after treeScan) []string {
	var out []string
	for n, f := range after {
		if b, ok := before[n]; !ok || !b.mtime.Equal(f.mtime) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func unionKeys[F any](a, b map[string]F) []string {
	var names []string
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

func abbrev(l []string) string {
	if len(l) > 12 {
		return strings.Join(l[:12], " ") + " ..."
	}
	return strings.Join(l, " ")
}

// diffText reports the first line where conf's text a and kbuild-go's b
// differ, with a little context.
func diffText(t *testing.T, what, a, b string) {
	t.Helper()
	if a == b {
		return
	}
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	ctx := func(l []string) string {
		lo, hi := max(i-2, 0), min(i+3, len(l))
		return "\t" + strings.Join(l[lo:hi], "\n\t")
	}
	t.Errorf("%s differs at line %d (conf %d lines, kconfig %d):\n--- conf\n%s\n--- kconfig\n%s",
		what, i+1, len(al), len(bl), ctx(al), ctx(bl))
}

// TestDifferential is issue 3's differential suite, for each reference
// tree of kernelsrc.Versions (subtests named by version): for ARCH=x86_64,
// x86, i386, arm64 and riscv (the last two with the host gcc as CC), it runs
// the C conf built from that tree and this package on the cases of
// diffCases, comparing stdout, stderr, every file of the object trees byte
// for byte (.config, .config.old, auto.conf, autoconf.h, rustc_cfg,
// auto.conf.cmd, defconfig, the include/config/<SYMBOL> files) and the set
// of files each step wrote. Load detects each tree's conf dialect from its
// scripts/kconfig itself, as kbuild-go's callers do.
//
// Per architecture, allnoconfig+olddefconfig runs first and alone with cold
// probes on both sides: every $(shell,...) really runs, in conf as in Load.
// Then both sides memoize probe output per command (conf through
// testdata/refconf/shellcache.c, Go through memoShell) and the other cases
// run in parallel (t.Parallel, so at most -parallel = GOMAXPROCS at once),
// each on a pooled Config whose object tree it clears.
//
// Without the race detector every version and architecture runs the whole
// matrix, with 20 randconfig seeds: 2 × 5 × ~35 cases. Under -race the Go
// side is ~5 times slower, so to stay within CI's budget the first version
// runs x86_64 and x86 with the whole matrix and 4 seeds and i386, arm64 and
// riscv with the small one, and later versions run x86_64 and arm64 with
// the reduced matrix and 3 seeds (diffCases). -short skips the test.
func TestDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test against the real tree skipped in -short mode")
	}
	for vi, version := range kernelsrc.Versions {
		t.Run(version, func(t *testing.T) {
			rf := buildRef(t, version)
			for i, a := range diffArches() {
				seeds, m := 20, fullMatrix
				switch {
				case raceEnabled && vi > 0:
					if a.arch != "x86_64" && a.arch != "arm64" {
						continue
					}
					seeds, m = 3, reducedMatrix
				case raceEnabled && i >= 2:
					seeds, m = 4, smallMatrix
				case raceEnabled:
					seeds = 4
				}
				t.Run("ARCH="+a.arch, func(t *testing.T) { diffArch1(t, rf, a, seeds, m) })
			}
		})
	}
}

// diffArch1 runs one architecture's cases of TestDifferential.
func diffArch1(t *testing.T, rf reference, a diffArch, seeds int, m matrix) {
	env := refEnvOf(t, rf.tree, a)
	root := fastTempDir(t)
	cache := filepath.Join(root, "conf-shell-cache")
	if err := os.Mkdir(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	confEnv := append(append([]string(nil), env...), "KCONFIG_TEST_SHELL_CACHE="+cache)
	memo := &memoShell{}
	pool := newConfigPool(Options{SrcTree: rf.tree, Env: env, Shell: memo.shell}, root)
	// The cold case: the first conf run fills the shell cache, the first
	// Load the memo.
	t.Run("allnoconfig", func(t *testing.T) {
		pc := pool.get(t)
		defer pool.put(pc)
		runCase(t, rf, confEnv, pool, pc, diffCase{"allnoconfig", []diffStep{{target: "allnoconfig"}, {target: "olddefconfig"}}})
	})
	for _, dc := range diffCases(t, rf.tree, a, seeds, m) {
		t.Run(dc.name, func(t *testing.T) {
			t.Parallel()
			pc := pool.get(t)
			defer pool.put(pc)
			runCase(t, rf, confEnv, pool, pc, dc)
		})
	}
}

// fastTempDir is t.TempDir, but on tmpfs (/dev/shm) when there is one: a
// randconfig writes ~3000 include/config files per tool and step, which
// costs conf 1.3 s of system time on this project's ext4 virtual disks and
// 0.05 s on tmpfs.
func fastTempDir(t *testing.T) string {
	t.Helper()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		if dir, err := os.MkdirTemp("/dev/shm", "kconfig-test"); err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

func clearDir(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKernelMini runs every target over testdata/kernel-mini (read-only,
// used as srctree of an out-of-tree build) through the C conf of each
// reference tree and Run in that tree's dialect (kernel-mini has no conf
// sources of its own to detect one from).
func TestKernelMini(t *testing.T) {
	for _, version := range kernelsrc.Versions {
		t.Run(version, func(t *testing.T) { kernelMini(t, buildRef(t, version)) })
	}
}

func kernelMini(t *testing.T, rf reference) {
	conf := rf.conf
	dialect, err := DetectDialect(rf.tree)
	if err != nil {
		t.Fatal(err)
	}
	src, err := filepath.Abs("../testdata/kernel-mini")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(src, "Kconfig")); err != nil {
		t.Skip("testdata/kernel-mini not present")
	}
	env := refEnvOf(t, rf.tree, diffArches()[0])
	for i, kv := range env {
		if strings.HasPrefix(kv, "srctree=") {
			env[i] = "srctree=" + src
		}
	}
	got := t.TempDir()
	c, err := Load(Options{SrcTree: src, ObjTree: got, Env: env, Dialect: &dialect})
	if err != nil {
		t.Fatal(err)
	}
	for _, chain := range []string{
		"allnoconfig+olddefconfig", "allyesconfig+syncconfig", "allmodconfig+savedefconfig",
		"alldefconfig", "defconfig+syncconfig+savedefconfig", "olddefconfig+syncconfig+syncconfig",
		"defconfig=arch/x86/configs/tiny_defconfig+olddefconfig",
	} {
		t.Run(chain, func(t *testing.T) {
			ref := t.TempDir()
			clearDir(t, got)
			for _, step := range strings.Split(chain, "+") {
				target, arg, _ := strings.Cut(step, "=")
				if target == "defconfig" && arg == "" {
					arg = "arch/x86/configs/x86_64_defconfig"
				}
				args := confArgs(target, arg)
				if target == "savedefconfig" {
					args = confArgs(target, "defconfig")
				}
				cmd := exec.Command(conf, args...)
				cmd.Dir, cmd.Env = ref, env
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("conf %v: %v\n%s", args, err, out)
				}
				if err := c.Run(target, arg); err != nil {
					t.Fatalf("Run %s: %v", step, err)
				}
			}
			diffSnapshots(t, snapshot(t, ref), snapshot(t, got))
		})
	}
}
