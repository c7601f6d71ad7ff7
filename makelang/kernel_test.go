package makelang

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// kernelAutoConf is a small configuration, enough for kernel/Makefile's common objects.
const kernelAutoConf = `CONFIG_X86=y
CONFIG_64BIT=y
CONFIG_X86_64=y
CONFIG_MMU=y
CONFIG_SMP=y
CONFIG_MULTIUSER=y
CONFIG_FUTEX=y
CONFIG_PRINTK=y
CONFIG_BPF_SYSCALL=y
CONFIG_BPF=y
CONFIG_GENERIC_IRQ_PROBE=y
CONFIG_CC_VERSION_TEXT="gcc (Debian 12.2.0-14) 12.2.0"
`

// kernelEnv is what the top Makefile would export to a Makefile.build sub-make, with minimal values.
func kernelEnv() []string {
	return []string{
		"PATH=" + os.Getenv("PATH"), "HOME=/nonexistent", "LC_ALL=C",
		"srctree=" + kernelTree, "objtree=.", "VPATH=" + kernelTree, "KBUILD_VERBOSE=0", "quiet=quiet_", "Q=@",
		"CC=gcc", "LD=ld", "AR=ar", "NM=nm", "OBJCOPY=objcopy", "OBJDUMP=objdump", "AWK=awk", "PERL=perl",
		"PYTHON3=python3", "CONFIG_SHELL=sh", "HOSTCC=gcc", "HOSTCXX=g++", "srcarch=x86", "SRCARCH=x86", "ARCH=x86",
		"KBUILD_CFLAGS=-Wall -O2 -std=gnu11", "KBUILD_CPPFLAGS=-D__KERNEL__", "KBUILD_AFLAGS=-D__ASSEMBLY__",
		"NOSTDINC_FLAGS=-nostdinc", "LINUXINCLUDE=-I" + kernelTree + "/include -Iinclude",
		"KBUILD_BUILTIN=1", "KBUILD_MODULES=", "KBUILD_EXTMOD=", "CC_VERSION_TEXT=gcc (Debian 12.2.0-14) 12.2.0",
	}
}

// kernelObjtree creates a temporary object tree with include/config/auto.conf.
func kernelObjtree(t testing.TB) string {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "include/config"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "include/config/auto.conf"), []byte(kernelAutoConf), 0o666); err != nil {
		t.Fatal(err)
	}
	return dir
}

// evalMakefileBuild evaluates scripts/Makefile.build for obj=kernel; shell commands are answered by fake
// (nil: the real shell).
func evalMakefileBuild(t testing.TB, dir string, cache *Cache, shell func(string, []string, string) (string, int), hook func(*CallContext, string, []string) (string, bool)) *Scope {
	s := NewScope(Options{Dir: dir, Env: kernelEnv(), CommandLine: []string{"obj=kernel", "need-builtin=1"},
		MakeFlags: "rR", Make: "make", Cache: cache, Shell: shell, CallHook: hook,
		Output: func(Stream, string) {}})
	if err := s.EvalFile(filepath.Join(kernelTree, "scripts/Makefile.build")); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestKernelMakefileBuild(t *testing.T) {
	needTree(t)
	dir := kernelObjtree(t)
	var shells atomic.Int32
	realShell := func(cmd string, env []string, d string) (string, int) {
		shells.Add(1)
		return DefaultShell(cmd, env, d)
	}
	type event struct {
		name string
		args []string
		cmd  string
	}
	var events []event
	hook := func(ctx *CallContext, name string, args []string) (string, bool) {
		switch name {
		case "if_changed", "if_changed_dep", "if_changed_rule", "filechk", "cmd":
			cmd, err := ctx.Var("cmd_" + strings.TrimSpace(args[0]))
			if err != nil {
				t.Errorf("expand cmd_%s: %v", args[0], err)
			}
			events = append(events, event{name, args, cmd})
			return "KBUILD-GO " + name + " " + args[0], true
		}
		return "", false
	}
	s := evalMakefileBuild(t, dir, nil, realShell, hook)
	t.Logf("$(shell) calls: %d", shells.Load())

	objy, _ := s.Var("obj-y")
	real, _ := s.Var("real-obj-y")
	for _, w := range []string{"fork.o", "exit.o", "sched/built-in.a", "bpf/built-in.a"} {
		if !strings.Contains(" "+objy+" ", " "+w+" ") {
			t.Errorf("obj-y lacks %s: %s", w, objy)
		}
	}
	for _, w := range []string{"kernel/fork.o", "kernel/sched/built-in.a", "kernel/bpf/built-in.a"} {
		if !strings.Contains(" "+real+" ", " "+w+" ") {
			t.Errorf("real-obj-y lacks %s: %s", w, real)
		}
	}
	if g := s.DefaultGoal(); g != "kernel/" {
		t.Errorf("default goal %q, want kernel/", g)
	}

	tg, err := s.Resolve("kernel/fork.o")
	if err != nil {
		t.Fatal(err)
	}
	wantSrc := kernelTree + "/kernel/fork.c"
	if tg.Pattern != "kernel/%.o" || tg.Stem != "fork" || len(tg.Prereqs) == 0 || tg.Prereqs[0] != wantSrc || tg.PrereqNames[0] != "kernel/fork.c" {
		t.Fatalf("Resolve(kernel/fork.o) = pattern %q stem %q prereqs %v (names %v)", tg.Pattern, tg.Stem, tg.Prereqs, tg.PrereqNames)
	}
	if !strings.HasSuffix(tg.RulePos.File, "scripts/Makefile.build") {
		t.Errorf("rule from %v", tg.RulePos)
	}
	lines, err := s.ExpandRecipe(tg, AutoVars{Newer: []string{wantSrc}})
	if err != nil {
		t.Fatal(err)
	}
	// Makefile.build:255-256: $(call if_changed_rule,cc_o_c) then $(call cmd,force_checksrc).
	if len(lines) != 2 || lines[0].Text != "KBUILD-GO if_changed_rule cc_o_c" || lines[1].Text != "KBUILD-GO cmd force_checksrc" {
		t.Fatalf("recipe = %+v", lines)
	}
	if len(events) != 2 || events[0].name != "if_changed_rule" || events[1].name != "cmd" {
		t.Fatalf("events = %+v", events)
	}
	cmd := events[0].cmd
	for _, w := range []string{"gcc ", "-c -o kernel/fork.o " + wantSrc, "-Wp,-MMD,kernel/.fork.o.d", "-D__KERNEL__", "-DKBUILD_BASENAME='\"fork\"'"} {
		if !strings.Contains(cmd, w) {
			t.Errorf("cmd_cc_o_c lacks %q:\n%s", w, cmd)
		}
	}
	t.Logf("cmd_cc_o_c = %s", cmd)

	// built-in.a: an explicit rule with prerequisites from $(real-obj-y).
	ba, err := s.Resolve("kernel/built-in.a")
	if err != nil {
		t.Fatal(err)
	}
	if !ba.HasRule || len(ba.Recipe) == 0 || !strings.Contains(strings.Join(ba.Prereqs, " "), "kernel/fork.o") {
		t.Errorf("kernel/built-in.a: %+v", ba)
	}
	// The descent lines are recursive ($(MAKE)) lines of the phony subdirectory targets.
	sub, err := s.Resolve("kernel/sched")
	if err != nil {
		t.Fatal(err)
	}
	if !sub.Phony || len(sub.Recipe) == 0 || !sub.Recipe[0].Recursive {
		t.Errorf("kernel/sched: phony %v recipe %+v", sub.Phony, sub.Recipe)
	}
	rl, err := s.ExpandRecipe(sub, AutoVars{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rl) != 1 || !rl[0].Recursive || !strings.Contains(rl[0].Text, "-f "+kernelTree+"/scripts/Makefile.build obj=kernel/sched") {
		t.Errorf("descent line: %+v", rl)
	}

	// The same variables through GNU make itself.
	if _, err := exec.LookPath("make"); err == nil {
		wrapper := filepath.Join(dir, "wrapper.mk")
		os.WriteFile(wrapper, []byte("include "+kernelTree+"/scripts/Makefile.build\n$(info OBJY=$(obj-y))\n$(info REAL=$(real-obj-y))\nkbgo-print: ; @:\n"), 0o666)
		c := exec.Command("make", "-rR", "-s", "--no-print-directory", "-f", wrapper, "obj=kernel", "need-builtin=1", "kbgo-print")
		c.Dir, c.Env = dir, kernelEnv()
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		if err := c.Run(); err != nil {
			t.Fatalf("make: %v\n%s", err, out.String())
		}
		want := "OBJY=" + objy + "\nREAL=" + real + "\n"
		if out.String() != want {
			t.Errorf("GNU make disagrees:\n%s\nours:\n%s", out.String(), want)
		}
	}
}

func BenchmarkEvalMakefileBuild(b *testing.B) {
	needTree(b)
	dir := kernelObjtree(b)
	cache := NewCache()
	probes := map[string]string{}
	shell := func(cmd string, env []string, d string) (string, int) { return probes[cmd], 0 }
	b.ReportAllocs()
	for b.Loop() {
		s := evalMakefileBuild(b, dir, cache, shell, nil)
		if _, err := s.Resolve("kernel/fork.o"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestKernelDirsAgainstGNUMake evaluates Makefile.build for several directories and compares the lists
// Kbuild derives with GNU make's own evaluation of the same files.
func TestKernelDirsAgainstGNUMake(t *testing.T) {
	needTree(t)
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("GNU make absent")
	}
	dir := kernelObjtree(t)
	vars := []string{"obj-y", "real-obj-y", "obj-m", "lib-y", "always-y", "targets", "subdir-ym", "subdir-builtin",
		"targets-for-builtin", "hostprogs", "extra-y", "ccflags-y", "KBUILD_CFLAGS", "MAKEFLAGS"}
	var info strings.Builder
	for _, v := range vars {
		info.WriteString("$(info " + v + "=$(" + v + "))\n")
	}
	wrapper := filepath.Join(dir, "wrapper.mk")
	if err := os.WriteFile(wrapper, []byte("include "+kernelTree+"/scripts/Makefile.build\n"+info.String()+"kbgo-print: ; @:\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	cache := NewCache()
	for _, obj := range []string{".", "init", "kernel/sched", "mm", "fs", "lib", "arch/x86/kernel", "arch/x86/entry", "drivers/base", "block", "security", "usr"} {
		t.Run(strings.ReplaceAll(obj, "/", "_"), func(t *testing.T) {
			c := exec.Command("make", "-rR", "-s", "--no-print-directory", "-f", wrapper, "obj="+obj, "need-builtin=1", "kbgo-print")
			c.Dir, c.Env = dir, kernelEnv()
			var want bytes.Buffer
			c.Stdout, c.Stderr = &want, &want
			if err := c.Run(); err != nil {
				t.Fatalf("make: %v\n%s", err, want.String())
			}
			var got bytes.Buffer
			s := NewScope(Options{Dir: dir, Env: kernelEnv(), CommandLine: []string{"obj=" + obj, "need-builtin=1"}, Goals: []string{"kbgo-print"},
				MakeFlags: "rRs --no-print-directory", Make: "make", Cache: cache,
				Output: func(_ Stream, text string) { got.WriteString(text) }})
			if err := s.EvalFile(wrapper); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("differs\n--- make:\n%s--- ours:\n%s", want.String(), got.String())
			}
		})
	}
}

// TestKernelTopMakefile evaluates the top Makefile as the second make of an O= build (sub_make_done=1, in
// the object tree) and compares the flags it computes, through arch/x86/Makefile, Makefile.compiler's
// probes ($(shell) running gcc) and the extrawarn file, with GNU make's.
func TestKernelTopMakefile(t *testing.T) {
	needTree(t)
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("GNU make absent")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("gcc absent")
	}
	dir := kernelObjtree(t)
	conf := "CONFIG_X86=y\nCONFIG_64BIT=y\nCONFIG_X86_64=y\nCONFIG_MMU=y\nCONFIG_CC_IS_GCC=y\nCONFIG_GCC_VERSION=120200\n" +
		"CONFIG_CC_VERSION_TEXT=\"gcc (Debian 12.2.0-14) 12.2.0\"\n"
	old := time.Now().Add(-time.Hour)
	for _, f := range []struct {
		name, data string
		mtime      time.Time
	}{{".config", conf, old}, {"include/config/auto.conf.cmd", "", old.Add(time.Minute)}, {"include/config/auto.conf", conf, old.Add(2 * time.Minute)}} {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte(f.data), 0o666); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, f.mtime, f.mtime)
	}
	var info strings.Builder
	for _, v := range []string{"KBUILD_CFLAGS", "KBUILD_AFLAGS", "KBUILD_LDFLAGS", "LINUXINCLUDE", "KBUILD_CPPFLAGS",
		"ARCH", "SRCARCH", "CC", "LD", "srctree", "objtree", "build-dir", "MAKEFLAGS", "KBUILD_VMLINUX_LIBS", "core-y", "drivers-y", "libs-y"} {
		info.WriteString("$(info " + v + "=$(" + v + "))\n")
	}
	wrapper := filepath.Join(dir, "wrapper.mk")
	os.WriteFile(wrapper, []byte("include "+kernelTree+"/Makefile\n"+info.String()+"kbgo-print: ; @:\n"), 0o666)
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=/nonexistent", "LC_ALL=C", "sub_make_done=1",
		"abs_srctree=" + kernelTree, "abs_objtree=" + dir}
	c := exec.Command("make", "-s", "--no-print-directory", "-f", wrapper, "kbgo-print")
	c.Dir, c.Env = dir, env
	var want bytes.Buffer
	c.Stdout, c.Stderr = &want, &want
	if err := c.Run(); err != nil {
		t.Fatalf("make: %v\n%s", err, want.String())
	}
	var got bytes.Buffer
	var shells atomic.Int32
	s := NewScope(Options{Dir: dir, Env: env, Goals: []string{"kbgo-print"}, MakeFlags: "s --no-print-directory", Make: "make",
		Shell: func(cmd string, env []string, d string) (string, int) {
			shells.Add(1)
			return DefaultShell(cmd, env, d)
		},
		Output: func(_ Stream, text string) { got.WriteString(text) }})
	if err := s.EvalFile(wrapper); err != nil {
		t.Fatal(err)
	}
	t.Logf("$(shell) calls: %d", shells.Load())
	if got.String() != want.String() {
		t.Errorf("differs\n--- make:\n%s--- ours:\n%s", want.String(), got.String())
	}
	// The descent: the top Makefile's build-dir rule runs Makefile.build for "." as a recursive line.
	tg, err := s.Resolve(".")
	if err != nil {
		t.Fatal(err)
	}
	lines, err := s.ExpandRecipe(tg, AutoVars{})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 || !lines[0].Recursive || !strings.Contains(lines[0].Text, "-f "+kernelTree+"/scripts/Makefile.build obj=.") {
		t.Errorf("recipe of .: %+v", lines)
	}
	t.Logf("descent: %s", lines[0].Text)
}
