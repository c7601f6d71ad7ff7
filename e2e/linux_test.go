// Package e2e holds the end-to-end tests on the real kernel: Debian's linux-source-6.1 built by kbuild-go
// with GNU make masked, booted in qemu, and compared with the same configuration built by GNU make.
//
// They take minutes (a tinyconfig bzImage is ~165 s of make -j2 on 2 cores), so they skip under -short;
// `make test` runs them. The reference tree comes from internal/kernelsrc (extracted by `make linux-src`).
package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kbuild-go/kbuild-go/internal/kernelsrc"
)

// pins make two builds of one configuration byte-identical (DESIGN.md: make is reproducible with them).
var pins = []string{
	"KBUILD_BUILD_TIMESTAMP=Tue Dec  1 00:00:00 UTC 2026",
	"KBUILD_BUILD_USER=kbuild",
	"KBUILD_BUILD_HOST=kbuild-go",
	"KBUILD_BUILD_VERSION=1",
}

// bootFragment is the project's boot fragment; make only finds foo.config fragments in kernel/configs or
// arch/x86/configs, so the harness copies it into the extracted tree.
const bootFragment = "kbuild-go-boot.config"

type env struct {
	t        *testing.T
	src      string // the reference tree
	kbuildgo string // a non-race kbuild-go binary
	masked   string // PATH with make masked
	jobs     string
}

func setup(t *testing.T) *env {
	if testing.Short() {
		t.Skip("end-to-end kernel builds take minutes; skipped under -short")
	}
	if os.Getenv("KBUILD_GO_E2E") == "" {
		t.Skip("set KBUILD_GO_E2E=1 to build the real kernel (make test-e2e)")
	}
	src := kernelsrc.Require(t)
	for _, tool := range []string{"gcc", "make", "flex", "bison", "bc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found", tool)
		}
	}
	dir := t.TempDir()
	e := &env{t: t, src: src, jobs: fmt.Sprint(runtime.NumCPU())}
	e.kbuildgo = filepath.Join(dir, "bin", "kbuild-go")
	build := exec.Command("go", "build", "-o", e.kbuildgo, "../cmd/kbuild-go")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building kbuild-go: %v\n%s", err, out)
	}
	// make masked: any call of make fails loudly, so a build that passes did not use it.
	mask := filepath.Join(dir, "mask")
	os.MkdirAll(mask, 0o777)
	os.WriteFile(filepath.Join(mask, "make"), []byte("#!/bin/sh\necho 'make is masked in this test' >&2\nexit 99\n"), 0o755)
	e.masked = mask + ":" + filepath.Dir(e.kbuildgo) + ":" + os.Getenv("PATH")
	frag, err := os.ReadFile("../testdata/linux/" + bootFragment)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(src, "kernel", "configs", bootFragment)
	if old, err := os.ReadFile(dst); err != nil || !bytes.Equal(old, frag) {
		if err := os.WriteFile(dst, frag, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// run runs a command with the pins and PATH given, and returns its combined output.
func (e *env) run(path string, name string, args ...string) string {
	e.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(append(os.Environ(), pins...), "PATH="+path)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	e.t.Logf("%s %s: %.1fs", filepath.Base(name), strings.Join(args, " "), time.Since(start).Seconds())
	if err != nil {
		e.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(out, 40))
	}
	return string(out)
}

func (e *env) kbuild(o string, args ...string) string {
	return e.run(e.masked, e.kbuildgo, append([]string{"-C", e.src, "O=" + o}, args...)...)
}

func (e *env) make(o string, args ...string) string {
	return e.run(os.Getenv("PATH"), "make", append([]string{"-C", e.src, "O=" + o}, args...)...)
}

func tail(out []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestLinuxTinyconfig is issue 4's a-d: kbuild-go builds tinyconfig + the boot fragment with make masked,
// the image boots, make builds the same configuration, the .cmd files and vmlinux are compared, and each
// tool takes over the other's tree without rebuilding.
func TestLinuxTinyconfig(t *testing.T) {
	e := setup(t)
	root := t.TempDir()
	a, b := filepath.Join(root, "A"), filepath.Join(root, "B")

	// a. kbuild-go, make masked
	e.kbuild(a, "tinyconfig")
	e.kbuild(a, bootFragment)
	e.kbuild(a, "-j"+e.jobs, "bzImage")
	for _, f := range []string{"vmlinux", "System.map", "arch/x86/boot/bzImage"} {
		if _, err := os.Stat(filepath.Join(a, f)); err != nil {
			t.Fatalf("kbuild-go did not produce %s", f)
		}
	}

	// b. boot it
	t.Run("boot", func(t *testing.T) { boot(t, e, a) })

	// c. the reference, built by make
	e.make(b, "tinyconfig")
	e.make(b, bootFragment)
	e.make(b, "-j"+e.jobs, "bzImage")
	t.Run("config", func(t *testing.T) {
		for _, f := range []string{".config", "include/generated/autoconf.h", "include/config/auto.conf"} {
			compareFiles(t, filepath.Join(a, f), filepath.Join(b, f))
		}
	})
	t.Run("cmd-files", func(t *testing.T) { compareCmdFiles(t, a, b) })
	t.Run("vmlinux", func(t *testing.T) {
		compareFiles(t, filepath.Join(a, "vmlinux"), filepath.Join(b, "vmlinux"))
		compareFiles(t, filepath.Join(a, "arch/x86/boot/bzImage"), filepath.Join(b, "arch/x86/boot/bzImage"))
	})

	// d. interchange: make on kbuild-go's tree prints what it prints on its own no-op tree and changes
	// nothing; kbuild-go on make's tree runs no compiler, linker or archiver.
	// What make rewrites even on its own no-op tree (the objtree Makefile, .missing-syscalls.d): a
	// tool taking over the other's tree may touch exactly these and nothing else.
	beforeB := snapshot(t, b)
	own := normalise(e.make(b, "-j"+e.jobs, "bzImage"), b)
	ownChanges := strings.Join(changed(t, b, beforeB), " ")
	t.Logf("make's own no-op rewrites: %s", ownChanges)
	t.Run("make-on-kbuild-go-tree", func(t *testing.T) {
		before := snapshot(t, a)
		other := normalise(e.make(a, "-j"+e.jobs, "bzImage"), a)
		if own != other {
			t.Errorf("make on kbuild-go's tree printed\n%s\nbut on its own no-op tree\n%s", other, own)
		}
		if d := strings.Join(changed(t, a, before), " "); d != ownChanges {
			t.Errorf("make changed these files of kbuild-go's tree: %s\n(on its own tree: %s)", d, ownChanges)
		}
	})
	t.Run("kbuild-go-on-make-tree", func(t *testing.T) {
		before := snapshot(t, b)
		out := e.kbuild(b, "-j"+e.jobs, "bzImage")
		for _, l := range strings.Split(out, "\n") {
			for _, tool := range []string{"  CC ", "  LD ", "  AR ", "  AS ", "  HOSTCC ", "  HOSTLD "} {
				if strings.HasPrefix(l, tool) {
					t.Errorf("kbuild-go ran %q on make's tree", strings.TrimSpace(l))
				}
			}
		}
		if d := strings.Join(changed(t, b, before), " "); d != ownChanges {
			t.Errorf("kbuild-go changed these files of make's tree: %s\n(make on its own tree: %s)", d, ownChanges)
		}
	})
}

// boot runs the image in qemu with an initramfs whose static /init prints a marker.
func boot(t *testing.T, e *env, o string) {
	qemu, err := exec.LookPath("qemu-system-x86_64")
	if err != nil {
		t.Skip("qemu-system-x86_64 not found (make deps installs qemu-system-x86)")
	}
	dir := t.TempDir()
	const marker = "KBUILD-GO-INIT-REACHED"
	initc := filepath.Join(dir, "init.c")
	os.WriteFile(initc, []byte(`#include <unistd.h>
int main(void) {
	static const char msg[] = "`+marker+`\n";
	write(1, msg, sizeof msg - 1);
	return 0;
}
`), 0o666)
	if out, err := exec.Command("gcc", "-static", "-Os", "-o", filepath.Join(dir, "init"), initc).CombinedOutput(); err != nil {
		t.Fatalf("building /init: %v\n%s", err, out)
	}
	list := filepath.Join(dir, "initramfs.list")
	os.WriteFile(list, []byte("dir /dev 0755 0 0\nnod /dev/console 0600 0 0 c 5 1\nfile /init "+filepath.Join(dir, "init")+" 0755 0 0\n"), 0o666)
	cpio, err := exec.Command(filepath.Join(o, "usr", "gen_init_cpio"), list).Output()
	if err != nil {
		t.Fatalf("gen_init_cpio: %v", err)
	}
	var gz bytes.Buffer
	gzip := exec.Command("gzip", "-9n")
	gzip.Stdin, gzip.Stdout = bytes.NewReader(cpio), &gz
	if err := gzip.Run(); err != nil {
		t.Fatal(err)
	}
	initrd := filepath.Join(dir, "initramfs.cpio.gz")
	os.WriteFile(initrd, gz.Bytes(), 0o666)
	cmd := exec.Command("timeout", "120", qemu, "-kernel", filepath.Join(o, "arch/x86/boot/bzImage"),
		"-initrd", initrd, "-nographic", "-append", "console=ttyS0 panic=-1", "-no-reboot", "-m", "256")
	out, _ := cmd.CombinedOutput()
	for _, want := range []string{"Linux version 6.1", marker} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("the boot log lacks %q:\n%s", want, tail(out, 30))
		}
	}
}

func compareFiles(t *testing.T, a, b string) {
	t.Helper()
	x, err1 := os.ReadFile(a)
	y, err2 := os.ReadFile(b)
	if err1 != nil || err2 != nil {
		t.Errorf("reading %s / %s: %v %v", a, b, err1, err2)
		return
	}
	if !bytes.Equal(x, y) {
		t.Errorf("%s differs from make's %s", a, b)
	}
}

// compareCmdFiles compares every .cmd file of two trees: whole files, the dependency lines sorted (make's
// -j order changes nothing in them but fixdep is deterministic anyway), the O= path normalised.
func compareCmdFiles(t *testing.T, a, b string) {
	list := func(root string) map[string]bool {
		m := map[string]bool{}
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && strings.HasSuffix(p, ".cmd") && strings.HasPrefix(filepath.Base(p), ".") {
				rel, _ := filepath.Rel(root, p)
				m[rel] = true
			}
			return nil
		})
		return m
	}
	la, lb := list(a), list(b)
	// scripts/kconfig/conf is make's configurator; kbuild-go replaces it and never builds it (issue 3).
	for f := range lb {
		if strings.HasPrefix(f, "scripts/kconfig/") {
			delete(lb, f)
		}
	}
	var onlyA, onlyB, differ []string
	for f := range la {
		if !lb[f] {
			onlyA = append(onlyA, f)
			continue
		}
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if canonCmd(string(x), a) != canonCmd(string(y), b) {
			differ = append(differ, f)
		}
	}
	for f := range lb {
		if !la[f] {
			onlyB = append(onlyB, f)
		}
	}
	sort.Strings(onlyA)
	sort.Strings(onlyB)
	sort.Strings(differ)
	t.Logf(".cmd files: kbuild-go %d, make %d, differing %d, only kbuild-go %d, only make %d",
		len(la), len(lb), len(differ), len(onlyA), len(onlyB))
	if len(onlyA)+len(onlyB)+len(differ) > 0 {
		t.Errorf("only kbuild-go: %v\nonly make: %v\ndiffer: %v", first(onlyA, 20), first(onlyB, 20), first(differ, 40))
		for _, f := range first(differ, 3) {
			x, _ := os.ReadFile(filepath.Join(a, f))
			y, _ := os.ReadFile(filepath.Join(b, f))
			t.Logf("%s:\n--- kbuild-go\n%s\n--- make\n%s", f, firstLines(canonCmd(string(x), a), 3), firstLines(canonCmd(string(y), b), 3))
		}
	}
}

func canonCmd(s, root string) string {
	s = strings.ReplaceAll(s, root, "$O")
	lines := strings.Split(s, "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func firstLines(s string, n int) string {
	l := strings.SplitN(s, "\n", n+1)
	if len(l) > n {
		l = l[:n]
	}
	return strings.Join(l, "\n")
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("... (%d more)", len(s)-n))
	}
	return s
}

// normalise drops what differs between two trees only by name (make's "Entering directory" lines).
func normalise(out, root string) string {
	return strings.ReplaceAll(out, root, "$O")
}

func snapshot(t *testing.T, root string) map[string]time.Time {
	m := map[string]time.Time{}
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			m[p] = info.ModTime()
		}
		return nil
	})
	return m
}

func changed(t *testing.T, root string, before map[string]time.Time) []string {
	var out []string
	after := snapshot(t, root)
	for p, m := range after {
		if b, ok := before[p]; !ok || !b.Equal(m) {
			rel, _ := filepath.Rel(root, p)
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}
