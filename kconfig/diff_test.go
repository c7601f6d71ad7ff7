package kconfig

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// The differential test builds the C conf of the reference tree (flex,
// bison, gcc) and runs it and this package on the same target in two object
// trees, comparing the output files byte for byte.

const refTree = "/work/cache/linux-source-6.1"

// refConf caches the C conf built for this test binary: building it costs
// seconds, and three tests use it.
var refConf struct {
	once sync.Once
	path string
	skip string
	err  error
}

// TestMain removes the cached conf build.
func TestMain(m *testing.M) {
	code := m.Run()
	if refConf.path != "" {
		os.RemoveAll(filepath.Dir(refConf.path))
	}
	os.Exit(code)
}

func buildRefConf(t *testing.T) string {
	t.Helper()
	refConf.once.Do(func() { refConf.path, refConf.skip, refConf.err = buildConf() })
	if refConf.skip != "" {
		t.Skip(refConf.skip)
	}
	if refConf.err != nil {
		t.Fatal(refConf.err)
	}
	return refConf.path
}

func buildConf() (path, skip string, err error) {
	for _, tool := range []string{"gcc", "flex", "bison"} {
		if _, err := exec.LookPath(tool); err != nil {
			return "", tool + " not installed", nil
		}
	}
	src := filepath.Join(refTree, "scripts/kconfig")
	if _, err := os.Stat(filepath.Join(src, "conf.c")); err != nil {
		return "", "reference kernel tree not present", nil
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
	run("flex", "-o", "lexer.lex.c", filepath.Join(src, "lexer.l"))
	run("bison", "-t", "-d", "-o", "parser.tab.c", filepath.Join(src, "parser.y"))
	args := []string{"-O1", "-I", src, "-I", ".", "-o", "conf", "lexer.lex.c", "parser.tab.c"}
	for _, f := range []string{"conf.c", "confdata.c", "expr.c", "menu.c", "preprocess.c", "symbol.c", "util.c"} {
		args = append(args, filepath.Join(src, f))
	}
	run("gcc", args...)
	return filepath.Join(dir, "conf"), "", err
}

func refEnv(t *testing.T) []string {
	out, err := exec.Command("sh", "-c", "gcc --version | head -n 1").Output()
	if err != nil {
		t.Skip("gcc --version failed")
	}
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"srctree=" + refTree,
		"ARCH=x86_64", "SRCARCH=x86", "CC=gcc", "LD=ld", "HOSTCC=gcc",
		"KERNELVERSION=6.1.192",
		"CC_VERSION_TEXT=" + strings.TrimSpace(string(out)),
	}
}

// refSteps maps a target to conf invocations as scripts/kconfig/Makefile
// runs them (tinyconfig is two conf runs and a merge_config.sh).
func runRef(conf, dir string, env []string, target string) (err error) {
	run := func(extra []string, args ...string) {
		if err != nil {
			return
		}
		cmd := exec.Command(conf, append(args, "Kconfig")...)
		cmd.Dir = dir
		cmd.Env = append(append([]string(nil), env...), extra...)
		if out, e := cmd.CombinedOutput(); e != nil {
			err = fmt.Errorf("conf %v: %v\n%s", args, e, out)
		}
	}
	switch target {
	case "defconfig":
		run(nil, "--defconfig=arch/x86/configs/x86_64_defconfig")
	case "savedefconfig":
		run(nil, "--savedefconfig=defconfig")
	case "tinyconfig":
		run([]string{"KCONFIG_ALLCONFIG=kernel/configs/tiny-base.config"}, "--allnoconfig")
		cmd := exec.Command("sh", filepath.Join(refTree, "scripts/kconfig/merge_config.sh"), "-m", ".config",
			filepath.Join(refTree, "kernel/configs/tiny.config"), filepath.Join(refTree, "arch/x86/configs/tiny.config"))
		cmd.Dir = dir
		cmd.Env = env
		if out, e := cmd.CombinedOutput(); e != nil && err == nil {
			err = fmt.Errorf("merge_config: %v\n%s", e, out)
		}
		run(nil, "--olddefconfig")
	default:
		run(nil, "--"+target)
	}
	return err
}

// both runs the C conf (in the background) and Run on the same target.
func both(t *testing.T, conf, ref string, env []string, c *Config, target, arg string) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- runRef(conf, ref, env, target) }()
	err := c.Run(target, arg)
	if rerr := <-done; rerr != nil {
		t.Fatal(rerr)
	}
	if err != nil {
		t.Fatalf("Run %s: %v", target, err)
	}
}

func listTouch(t *testing.T, dir string) []string {
	ents, err := os.ReadDir(filepath.Join(dir, "include/config"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), "auto.conf") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

func compareTrees(t *testing.T, ref, got string) {
	t.Helper()
	for _, f := range []string{".config", "include/config/auto.conf", "include/generated/autoconf.h",
		"include/generated/rustc_cfg", "include/config/auto.conf.cmd"} {
		a, err1 := os.ReadFile(filepath.Join(ref, f))
		b, err2 := os.ReadFile(filepath.Join(got, f))
		if err1 != nil || err2 != nil {
			t.Errorf("%s: ref err %v, got err %v", f, err1, err2)
			continue
		}
		if !bytes.Equal(a, b) {
			al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
			for i := 0; i < len(al) || i < len(bl); i++ {
				var x, y string
				if i < len(al) {
					x = al[i]
				}
				if i < len(bl) {
					y = bl[i]
				}
				if x != y {
					t.Errorf("%s differs at line %d:\n  conf:    %q\n  kconfig: %q", f, i+1, x, y)
					break
				}
			}
		}
	}
	a, b := listTouch(t, ref), listTouch(t, got)
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("include/config touch files differ: conf %d, kconfig %d", len(a), len(b))
	}
}

func TestDifferentialRealTree(t *testing.T) {
	if testing.Short() {
		t.Skip("differential test against the real tree skipped in -short mode")
	}
	conf := buildRefConf(t)
	env := refEnv(t)
	targets := []string{"allnoconfig", "defconfig", "allyesconfig", "tinyconfig"}
	if v := os.Getenv("KCONFIG_DIFF_TARGETS"); v != "" {
		targets = strings.Fields(v)
	}
	// One Config serves every target: Run must reset it completely, and
	// the probes of scripts/Kconfig.include run once.
	got := t.TempDir()
	var stderr bytes.Buffer
	c, err := Load(Options{SrcTree: refTree, ObjTree: got, Env: env, Stderr: &stderr})
	if err != nil {
		t.Fatalf("Load: %v\n%s", err, stderr.String())
	}
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			env := env
			// randconfig:SEED runs randconfig with KCONFIG_SEED=SEED.
			if tg, seed, ok := strings.Cut(target, ":"); ok {
				target = tg
				env = append(append([]string(nil), env...), "KCONFIG_SEED="+seed)
				c.env["KCONFIG_SEED"] = seed
				defer delete(c.env, "KCONFIG_SEED")
			}
			ref := t.TempDir()
			clearDir(t, got)
			if d := os.Getenv("KCONFIG_DIFF_DIR"); d != "" {
				ref = filepath.Join(d, target)
				os.RemoveAll(ref)
				os.MkdirAll(ref, 0o755)
			}
			arg := ""
			if target == "defconfig" {
				arg = "arch/x86/configs/x86_64_defconfig"
			}
			both(t, conf, ref, env, c, target, arg)
			compareTrees(t, ref, got)
			// Then olddefconfig on the result, both sides; with
			// KCONFIG_DIFF_FULL also syncconfig and savedefconfig (each
			// conf run costs a second or more on the real tree).
			next := []string{"olddefconfig", "syncconfig", "savedefconfig"}
			if os.Getenv("KCONFIG_DIFF_FULL") == "" {
				next = next[:1]
			}
			for _, n := range next {
				both(t, conf, ref, env, c, n, "")
				compareTrees(t, ref, got)
			}
			if len(next) == 3 {
				a, _ := os.ReadFile(filepath.Join(ref, "defconfig"))
				b, _ := os.ReadFile(filepath.Join(got, "defconfig"))
				if !bytes.Equal(a, b) {
					t.Errorf("savedefconfig output differs (%d vs %d bytes)", len(a), len(b))
				}
			}
		})
	}
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
// used as srctree of an out-of-tree build) through the C conf and Run.
func TestKernelMini(t *testing.T) {
	conf := buildRefConf(t)
	src, err := filepath.Abs("../testdata/kernel-mini")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(src, "Kconfig")); err != nil {
		t.Skip("testdata/kernel-mini not present")
	}
	env := refEnv(t)
	for i, kv := range env {
		if strings.HasPrefix(kv, "srctree=") {
			env[i] = "srctree=" + src
		}
	}
	got := t.TempDir()
	c, err := Load(Options{SrcTree: src, ObjTree: got, Env: env})
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

// TestDifferentialArches compares allnoconfig, allyesconfig and the
// transcript of helpnewconfig for the ARCH=SRCARCH pairs listed in
// KCONFIG_DIFF_ARCHES (e.g. "arm64=arm64 riscv=riscv um=um"); it is off by
// default because each architecture costs several conf runs.
func TestDifferentialArches(t *testing.T) {
	arches := strings.Fields(os.Getenv("KCONFIG_DIFF_ARCHES"))
	if len(arches) == 0 || testing.Short() {
		t.Skip("set KCONFIG_DIFF_ARCHES to compare other architectures")
	}
	conf := buildRefConf(t)
	for _, pair := range arches {
		arch, srcarch, _ := strings.Cut(pair, "=")
		t.Run(arch, func(t *testing.T) {
			env := refEnv(t)
			for i, kv := range env {
				switch {
				case strings.HasPrefix(kv, "ARCH="):
					env[i] = "ARCH=" + arch
				case strings.HasPrefix(kv, "SRCARCH="):
					env[i] = "SRCARCH=" + srcarch
				}
			}
			env = append(env, "SUBARCH=x86", "HEADER_ARCH=x86")
			got := t.TempDir()
			var gout bytes.Buffer
			c, err := Load(Options{SrcTree: refTree, ObjTree: got, Env: env, Stdout: &gout})
			if err != nil {
				t.Fatal(err)
			}
			for _, target := range []string{"helpnewconfig", "allnoconfig", "allyesconfig"} {
				ref := t.TempDir()
				clearDir(t, got)
				gout.Reset()
				cmd := exec.Command(conf, "--"+target, "Kconfig")
				cmd.Dir, cmd.Env = ref, env
				rout, err := cmd.Output()
				if err != nil {
					t.Fatalf("conf --%s: %v", target, err)
				}
				if err := c.Run(target, ""); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(rout, gout.Bytes()) {
					t.Errorf("%s: stdout differs", target)
				}
				diffSnapshots(t, snapshot(t, ref), snapshot(t, got))
			}
		})
	}
}
