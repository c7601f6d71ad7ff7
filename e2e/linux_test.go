// Package e2e holds the end-to-end tests on the real kernel: Debian's linux-source-6.1 and -6.12 built by
// kbuild-go with GNU make masked, booted in qemu, and compared with the same configuration built by GNU make.
//
// They take minutes (a tinyconfig bzImage is ~165 s of make -j2 on 2 cores), so they skip under -short;
// `make test` runs them. The reference tree comes from internal/kernelsrc (extracted by `make linux-src`).
package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
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
	version  string // the reference tree's series: 6.1 or 6.12
	src      string // the scratch copy of the reference tree
	ref      string // the reference tree, as extracted
	dir      string // the test's own directory, at the same path in every run (stableDir)
	kbuildgo string // a non-race kbuild-go binary
	masked   string // PATH with make masked
	jobs     string
}

func setup(t *testing.T, version string) *env {
	requireE2E(t)
	src := kernelsrc.RequireOf(t, version)
	for _, tool := range []string{"gcc", "make", "flex", "bison", "bc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found", tool)
		}
	}
	// At the same path in every run: make's reference trees are cached across runs (makeRef), and
	// their .cmd files name the source tree and the O= directory.
	dir := stableDir(t)
	e := &env{t: t, version: version, src: src, ref: src, dir: dir, jobs: fmt.Sprint(runtime.NumCPU())}
	e.kbuildgo = filepath.Join(dir, "bin", "kbuild-go")
	if err := buildKbuildGo(e.kbuildgo); err != nil {
		t.Fatal(err)
	}
	// make masked: any call of make fails loudly, so a build that passes did not use it.
	var err error
	if e.masked, err = maskMake(filepath.Join(dir, "mask"), e.kbuildgo); err != nil {
		t.Fatal(err)
	}
	// A scratch copy of the tree, hard-linked (seconds, no disk): the tests add the boot fragment and a
	// new source file and edit a Kbuild file there, and replace a file by a private copy before touching
	// it, so the shared tree stays exactly as extracted (mtimes included).
	e.src = filepath.Join(dir, "linux")
	if err := scratchTree(src, e.src, t.Logf); err != nil {
		t.Fatal(err)
	}
	if err := addFragments(e.src, bootFragment); err != nil {
		t.Fatal(err)
	}
	return e
}

// own replaces a hard-linked file of the scratch tree by a private copy, so that touching or editing it
// leaves the shared tree alone.
func (e *env) own(rel string) string {
	e.t.Helper()
	return ownCopy(e.t, filepath.Join(e.src, rel))
}

// ownCopy makes the file p of a scratch tree (hard-linked to the shared reference tree) a file of its
// own, with the same content and times, so that a touch or an edit does not reach the shared tree.
func ownCopy(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	os.Remove(p)
	if err := os.WriteFile(p, data, info.Mode().Perm()); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(p, info.ModTime(), info.ModTime())
	return p
}

// touch makes a scratch-tree file newer than every output: its mtime becomes now, which is after every
// earlier build's end. Not a moment in the future: an output the next build makes within that moment
// would still be older than the file, and the build after it would remake it again (kbuild-go got fast
// enough for that to happen to asm-offsets.s after touching capability.h: the flip-symbol step then ran
// one command more than make, whose tree was built minutes later).
func (e *env) touch(rel string) {
	p := e.own(rel)
	now := time.Now()
	os.Chtimes(p, now, now)
}

// run runs a command with the pins and PATH given, and returns its combined output.
func (e *env) run(path string, name string, args ...string) string {
	e.t.Helper()
	out, err := runPinned(e.t.Logf, path, name, args...)
	if err != nil {
		e.t.Fatal(err)
	}
	return out
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

// TestLinuxTinyconfig is issue 4's a-d, on 6.1 and 6.12: kbuild-go builds tinyconfig + the boot fragment
// with make masked, the image boots, make builds the same configuration, the .cmd files and vmlinux are
// compared, each tool takes over the other's tree without rebuilding, and after each change both run the
// same commands.
func TestLinuxTinyconfig(t *testing.T) {
	for _, v := range kernelsrc.Versions {
		t.Run(v, func(t *testing.T) { linuxTinyconfig(t, setup(t, v)) })
	}
}

func linuxTinyconfig(t *testing.T, e *env) {
	a, b := filepath.Join(e.dir, "A"), filepath.Join(e.dir, "B")

	// a. kbuild-go, make masked
	e.kbuild(a, "tinyconfig")
	e.kbuild(a, bootFragment)
	e.kbuild(a, "-j"+e.jobs, "bzImage")
	for _, f := range []string{"vmlinux", "System.map", "arch/x86/boot/bzImage"} {
		if _, err := os.Stat(filepath.Join(a, f)); err != nil {
			t.Fatalf("kbuild-go did not produce %s", f)
		}
	}
	// kbuild-go's kconfig replaces conf: nothing of scripts/kconfig is built (issue 3).
	if _, err := os.Stat(filepath.Join(a, "scripts/kconfig/conf")); err == nil {
		t.Errorf("kbuild-go built scripts/kconfig/conf")
	}

	// b. boot it
	t.Run("boot", func(t *testing.T) { bootWith(t, e, a, "qemu-system-x86_64", "-m64") })

	// c. the reference, built by make
	e.makeRef(t, b, []string{"tinyconfig"}, []string{bootFragment}, []string{"-j" + e.jobs, "bzImage"})
	compareTrees(t, a, b, "arch/x86/boot/bzImage")

	// d. interchange
	interchange(t, e, a, b, "-j"+e.jobs, "bzImage")

	// The compilation database from kbuild-go's graph (KBUILD_GO_COMPDB=1, on a no-op) is byte for byte
	// the one the tree's own script writes for make (issue 10, item 6).
	t.Run("compile_commands.json", func(t *testing.T) {
		e.make(b, "compile_commands.json")
		// On an up-to-date tree it runs what a no-op runs anyway (6.12's objtool descent prints
		// "INSTALL libsubcmd_headers" every time), nothing more.
		noop := commands(e.kbuild(a, "-j"+e.jobs, "bzImage"))
		out := e.kbuild(a, "-j"+e.jobs, "KBUILD_GO_COMPDB=1", "bzImage")
		if cmds := commands(out); !slices.Equal(cmds, noop) {
			t.Errorf("KBUILD_GO_COMPDB=1 on an up-to-date tree ran %q, a no-op %q", cmds, noop)
		}
		want, err := os.ReadFile(filepath.Join(b, "compile_commands.json"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(a, "compile_commands.json"))
		if err != nil {
			t.Fatal(err)
		}
		if w := strings.ReplaceAll(string(want), b, a); string(got) != w {
			t.Errorf("compile_commands.json differs from make's: %s", firstDifference(string(got), w))
		}
		t.Logf("compile_commands.json: %d entries, identical", strings.Count(string(got), `"file":`))
	})

	// e. incremental sameness: after each change kbuild-go (on A, evaluating) and make (on B) run the same
	// commands, compared as the sets of Kbuild's quiet lines ("  CC      kernel/fork.o").
	same := func(t *testing.T) {
		tr, synced := dryRunExact(t, e, a)
		// Evaluating the makefiles: the cached graph's runs of the same cases are graph-cache's.
		kb := commands(e.kbuild(a, "KBUILD_GO_GRAPH_CACHE=0", "--trace", tr, "-j"+e.jobs, "bzImage"))
		mk := commands(e.make(b, "-j"+e.jobs, "bzImage"))
		if synced {
			// The dry run synced the configuration for real (make -n does too), so the build after it
			// has no SYNC line; make's build, without a dry run before it, has.
			mk = slices.DeleteFunc(mk, func(c string) bool { return strings.HasPrefix(c, "SYNC ") })
		}
		exactlyExplained(t, tr)
		t.Logf("kbuild-go ran %d commands, make %d", len(kb), len(mk))
		if k, m := strings.Join(kb, "\n"), strings.Join(mk, "\n"); k != m {
			t.Errorf("different commands:\n--- kbuild-go\n%s\n--- make\n%s", k, m)
		}
	}
	t.Run("touch-fork.c", func(t *testing.T) {
		e.touch("kernel/fork.c")
		same(t)
	})
	// capability.h reaches ~420 objects: one version is enough.
	if e.version == "6.1" {
		t.Run("touch-header", func(t *testing.T) {
			e.touch("include/linux/capability.h")
			same(t)
		})
	}
	t.Run("flip-symbol", func(t *testing.T) {
		for _, o := range []string{a, b} {
			cfg := filepath.Join(o, ".config")
			data, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			flipped := strings.Replace(string(data), "CONFIG_BINFMT_SCRIPT=y", "# CONFIG_BINFMT_SCRIPT is not set", 1)
			if flipped == string(data) {
				t.Fatal("CONFIG_BINFMT_SCRIPT=y not in .config")
			}
			os.WriteFile(cfg, []byte(flipped), 0o666)
		}
		same(t)
	})
	t.Run("new-obj-y-file", func(t *testing.T) {
		os.WriteFile(filepath.Join(e.src, "kernel", "kbuild_go_e2e.c"), []byte("int kbuild_go_e2e_marker(void) { return 42; }\n"), 0o666)
		mk := e.own("kernel/Makefile")
		data, _ := os.ReadFile(mk)
		os.WriteFile(mk, append(data, []byte("obj-y += kbuild_go_e2e.o\n")...), 0o666)
		same(t)
		for _, o := range []string{a, b} {
			if out, _ := exec.Command("nm", filepath.Join(o, "vmlinux")).Output(); !bytes.Contains(out, []byte("kbuild_go_e2e_marker")) {
				t.Errorf("%s/vmlinux lacks the new file's symbol", o)
			}
		}
	})

	// f. the cached graph (issue 10): the same incremental cases from kbuild-go's recorded graph.
	t.Run("graph-cache", func(t *testing.T) { graphCache(t, e, a, b) })

	// g. compiles dispatched to distcc hosts (issue 11), on one version.
	if e.version == "6.1" {
		t.Run("distcc", func(t *testing.T) { distccTest(t, e, a, b) })
	}
}

// dryRunExact is the first half of issue 10's "-n exact" on the real tree: kbuild-go explain (a dry run)
// says which steps the next build would run, and changes no file but those make remakes under -n too
// (the configuration's, after a flipped symbol). It returns the trace file the real build is to write;
// exactlyExplained then compares the two.
func dryRunExact(t *testing.T, e *env, a string) (traceFile string, synced bool) {
	t.Helper()
	before := snapshot(t, a)
	out := e.run(e.masked, e.kbuildgo, "explain", "-s", "-C", e.src, "O="+a, "-j"+e.jobs, "bzImage")
	changes := changed(t, a, before)
	synced = slices.Contains(changes, "include/config/auto.conf")
	for _, rel := range changes {
		// Remaking the configuration runs syncconfig for real, and %config's outputmakefile with it
		// (the objtree's Makefile): make -n does the same.
		if !strings.HasPrefix(rel, "include/config/") && rel != "include/generated/autoconf.h" && rel != ".config" &&
			rel != "include/generated/rustc_cfg" && !(synced && rel == "Makefile") {
			t.Errorf("the dry run changed %s", rel)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "explain"), []byte(out), 0o666)
	return filepath.Join(dir, "trace.json"), synced
}

// exactlyExplained: the commands the build ran (its trace) are the steps explain said would run. A step
// behind a generator whose input the build remade first (kernel/bounds.s → bounds.h) may be explained
// and then found unchanged, as make -n says it too: explained but not run is allowed for those only.
func exactlyExplained(t *testing.T, traceFile string) {
	t.Helper()
	data, _ := os.ReadFile(filepath.Join(filepath.Dir(traceFile), "explain"))
	would := map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		if name, _, ok := strings.Cut(l, ": "); ok && !strings.HasPrefix(l, "kbuild-go") && !strings.HasPrefix(l, "  ") {
			would[name] = true
		}
	}
	tr, err := os.ReadFile(traceFile)
	if err != nil {
		t.Fatal(err)
	}
	var trace struct {
		TraceEvents []struct{ Name, Cat, Ph string }
	}
	if err := json.Unmarshal(tr, &trace); err != nil {
		t.Fatal(err)
	}
	ran := map[string]bool{}
	for _, ev := range trace.TraceEvents {
		if ev.Ph == "X" && ev.Cat == "command" && !strings.HasPrefix(ev.Name, "Leaving directory") {
			ran[ev.Name] = true
		}
	}
	var notExplained, notRun []string
	for n := range ran {
		if !would[n] {
			notExplained = append(notExplained, n)
		}
	}
	for n := range would {
		if !ran[n] {
			notRun = append(notRun, n)
		}
	}
	sort.Strings(notExplained)
	sort.Strings(notRun)
	if len(notExplained) > 0 {
		t.Errorf("ran, not explained by the dry run: %s", strings.Join(notExplained, ", "))
	}
	if len(notRun) > 0 {
		t.Logf("explained, then not run (a generator's output unchanged): %s", strings.Join(notRun, ", "))
		if len(notRun) > len(would)/2+3 {
			t.Errorf("the dry run said %d steps would run that did not (of %d)", len(notRun), len(would))
		}
	}
	t.Logf("dry run: %d steps explained, %d ran", len(would), len(ran))
}

// interchange is issue 4's d: with the goals args, make on kbuild-go's up-to-date tree a prints what it
// prints on its own no-op tree b and changes nothing more than there; kbuild-go on make's tree runs no
// compiler, linker or archiver and changes no more either.
func interchange(t *testing.T, e *env, a, b string, args ...string) {
	// What make rewrites even on its own no-op tree (the objtree Makefile, .missing-syscalls.d): a
	// tool taking over the other's tree may touch exactly these and nothing else.
	beforeB := snapshot(t, b)
	own := normalise(e.make(b, args...), b)
	ownChanges := strings.Join(changed(t, b, beforeB), " ")
	t.Logf("make's own no-op rewrites: %s", ownChanges)
	t.Run("make-on-kbuild-go-tree", func(t *testing.T) {
		before := snapshot(t, a)
		other := normalise(e.make(a, args...), a)
		// As sorted lines: parallel jobs print in either order (make on its own tree too).
		if sortedLines(own) != sortedLines(other) {
			t.Errorf("make on kbuild-go's tree printed\n%s\nbut on its own no-op tree\n%s", other, own)
		}
		if d := strings.Join(changed(t, a, before), " "); d != ownChanges {
			t.Errorf("make changed these files of kbuild-go's tree: %s\n(on its own tree: %s)", d, ownChanges)
		}
	})
	t.Run("kbuild-go-on-make-tree", func(t *testing.T) {
		before := snapshot(t, b)
		out := e.kbuild(b, args...)
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

// commands returns the sorted quiet lines of a build log: the commands Kbuild says it ran.
func commands(log string) []string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
		f := strings.Fields(l)
		if len(f) >= 2 && strings.HasPrefix(l, "  ") && f[0] == strings.ToUpper(f[0]) && f[0] != "CALL" && f[0] != "DESCEND" && f[0] != "GEN" && f[0] != "CHKSHA1" {
			out = append(out, strings.Join(f, " "))
		}
	}
	sort.Strings(out)
	return out
}

// TestLinuxI386 is issue 4's f, compared with make as issue 9 asks: ARCH=i386 tinyconfig + the boot
// fragment (its CONFIG_64BIT=y has no effect there), built by kbuild-go with make masked and by make in a
// second O= tree; the .config, .cmd files, vmlinux and bzImage are identical, and kbuild-go's boots under
// qemu-system-i386.
func TestLinuxI386(t *testing.T) {
	requireE2E(t)
	requireTools(t, "qemu-system-i386", "gzip")
	e := setup(t, "6.1")
	compareBuilds(t, e, []string{"ARCH=i386"}, []string{bootFragment}, []string{"CONFIG_X86_32=y"},
		"bzImage", x86Boot("qemu-system-i386", "-m32"))
}

// initSource is a libc-free /init: write(1, marker) and exit, by raw system calls, for i386, x86_64 and
// aarch64.
const initSource = `
static const char msg[] = "KBUILD-GO-INIT-REACHED\n";
void _start(void) {
#if defined(__x86_64__)
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(1), "D"(1), "S"(msg), "d"(sizeof msg - 1) : "rcx", "r11", "memory");
	__asm__ volatile("syscall" : : "a"(60), "D"(0));
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = 64; /* write */
	register long x0 __asm__("x0") = 1;
	register long x1 __asm__("x1") = (long)msg;
	register long x2 __asm__("x2") = sizeof msg - 1;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	x8 = 93; /* exit */
	x0 = 0;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8));
#else
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(4), "b"(1), "c"(msg), "d"(sizeof msg - 1) : "memory");
	__asm__ volatile("int $0x80" : : "a"(1), "b"(0));
#endif
	for (;;) ;
}
`

// bootTarget says how to build /init for one architecture and boot its kernel image in qemu.
type bootTarget struct {
	qemu    string   // qemu-system-x86_64
	machine []string // qemu's machine options before the common ones: -M virt -cpu cortex-a57
	image   string   // the kernel image, relative to O=: arch/x86/boot/bzImage
	console string   // the serial console: ttyS0
	cc      []string // the compiler of /init and its target options: gcc -m64
}

// x86Boot is the bootTarget of x86: qemu-system-x86_64 with -m64, qemu-system-i386 with -m32.
func x86Boot(qemu, bits string) bootTarget {
	return bootTarget{qemu: qemu, image: "arch/x86/boot/bzImage", console: "ttyS0", cc: []string{"gcc", bits}}
}

// bootWith boots an x86 bzImage (x86Boot); see boot.
func bootWith(t *testing.T, e *env, o, qemuName, bits string) {
	boot(t, e, o, x86Boot(qemuName, bits))
}

// boot runs the image in qemu with an initramfs whose static /init prints a marker, and checks that the
// console shows the kernel's banner and the marker.
func boot(t *testing.T, e *env, o string, bt bootTarget) {
	qemu, err := exec.LookPath(bt.qemu)
	if err != nil {
		t.Skipf("%s not found (make deps installs it)", bt.qemu)
	}
	dir := t.TempDir()
	const marker = "KBUILD-GO-INIT-REACHED"
	initc := filepath.Join(dir, "init.c")
	os.WriteFile(initc, []byte(initSource), 0o666)
	cc := append(append([]string{}, bt.cc[1:]...), "-static", "-nostdlib", "-ffreestanding", "-fno-pie", "-no-pie", "-Os",
		"-o", filepath.Join(dir, "init"), initc)
	if out, err := exec.Command(bt.cc[0], cc...).CombinedOutput(); err != nil {
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
	args := append(append([]string{"120", qemu}, bt.machine...), "-kernel", filepath.Join(o, bt.image),
		"-initrd", initrd, "-nographic", "-append", "console="+bt.console+" panic=-1", "-no-reboot", "-m", "256")
	start := time.Now()
	out, _ := exec.Command("timeout", args...).CombinedOutput()
	t.Logf("boot: %.1fs", time.Since(start).Seconds())
	for _, want := range []string{"Linux version " + e.version + ".", marker} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("the boot log lacks %q:\n%s", want, tail(out, 30))
		}
	}
}

// compareTrees compares kbuild-go's O= tree a with make's b, as subtests: the configuration (config), every
// .cmd file (cmd-files), vmlinux and the boot image, relative to O= (vmlinux).
func compareTrees(t *testing.T, a, b, image string) {
	t.Run("config", func(t *testing.T) {
		for _, f := range []string{".config", "include/generated/autoconf.h", "include/config/auto.conf"} {
			compareFiles(t, filepath.Join(a, f), filepath.Join(b, f))
		}
	})
	t.Run("cmd-files", func(t *testing.T) { compareCmdFiles(t, a, b) })
	t.Run("vmlinux", func(t *testing.T) {
		compareFiles(t, filepath.Join(a, "vmlinux"), filepath.Join(b, "vmlinux"))
		compareFiles(t, filepath.Join(a, image), filepath.Join(b, image))
	})
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

// compareCmdFiles compares every .cmd file of two trees: whole files, line for line in their order, the O=
// path normalised.
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
	// make's compile_commands.json goal records its command; kbuild-go's KBUILD_GO_COMPDB=1 writes the
	// database from the graph, with no command to record (the compile_commands.json case compares content).
	delete(lb, ".compile_commands.json.cmd")
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
			t.Logf("%s: %s", f, firstDifference(canonCmd(string(x), a), canonCmd(string(y), b)))
		}
	}
}

func canonCmd(s, root string) string {
	return strings.ReplaceAll(s, root, "$O")
}

// firstDifference names the first line where two files differ and shows it in both.
func firstDifference(x, y string) string {
	lx, ly := strings.Split(x, "\n"), strings.Split(y, "\n")
	for i := 0; ; i++ {
		var a, b string
		if i < len(lx) {
			a = lx[i]
		}
		if i < len(ly) {
			b = ly[i]
		}
		if a != b || i >= len(lx) || i >= len(ly) {
			return fmt.Sprintf("line %d (of %d / %d):\n--- kbuild-go\n%s\n--- make\n%s", i+1, len(lx), len(ly), a, b)
		}
	}
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
