package e2e

// The eBPF proof (issue 8, item 5): ONE proof kernel, 6.1 tinyconfig + kbuild-go-boot.config +
// kbuild-go-bpf.config built by kbuild-go with make masked, booted in qemu with an initramfs whose static Go
// /init (e2e/bpfinit) has that kernel's own verifier judge what was built for it:
//
//	(a) testdata/bpf/prog.c, a uapi-only socket filter compiled by `kbuild-go bpf compile` against the
//	    kernel's header package (`kbuild-go headers-pkg`), extracted in a directory of its own;
//	(b) testdata/bpf/core.c, a CO-RE program built in the kernel's graph (`kbuild-go bpf`, kbuild.yaml)
//	    against the tree's vmlinux.h, relocated at load time against the running kernel's BTF; the offsets
//	    it reads are checked against the built vmlinux's BTF;
//	(c) testdata/hello, an out-of-tree module built with M= against the extracted package, by make and by
//	    kbuild-go (the same bytes);
//	(d) testdata/bpf/invalid.c, compiled as (a), which the verifier must reject;
//	(e) lib/test_module.ko, the tree's own obj-m module (CONFIG_TEST_LKM=m), installed by kbuild-go's
//	    modules_install (the same tree as make's) and found by /init through its modules.dep.
//
// The kernel is built once per test binary run (proofKernel) and kept until TestMain ends, so other tests
// that need BPF, modules, BTF or kheaders can use the same tree instead of building their own.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"

	"github.com/kbuild-go/kbuild-go/internal/kernelsrc"
)

// bpfFragment is the proof kernel's fragment on top of tinyconfig and bootFragment: what the static Go
// /init and cilium/ebpf need, modules, BTF for CO-RE, kheaders (../testdata/linux/kbuild-go-bpf.config).
const bpfFragment = "kbuild-go-bpf.config"

// ProofKernel is the built proof kernel: a scratch source tree and its O= tree, both shared by every test
// of this run. Treat them as read-only; copy what you need to change (cp -a, or scratchTree for the source).
type ProofKernel struct {
	Src      string // the source tree: a hard-linked copy of the reference tree, with the fragments added
	Obj      string // the O= tree: vmlinux, arch/x86/boot/bzImage, Module.symvers, usr/gen_init_cpio, ...
	KbuildGo string // the kbuild-go binary that built it
	Masked   string // a PATH whose make fails loudly, for builds that must not use GNU make
	Release  string // include/config/kernel.release
	Package  string // its header package, Obj/linux-headers-RELEASE.tar.xz (kbuild-go headers-pkg)
	ModRoot  string // kbuild-go modules_install's INSTALL_MOD_PATH: ModRoot/lib/modules/RELEASE/...
	Build    time.Duration
}

// proofShared holds the one build of a test binary run; dir is removed by TestMain.
var proofShared struct {
	once sync.Once
	dir  string
	k    *ProofKernel
	err  error
}

// TestMain removes the shared proof kernel after the tests that used it.
func TestMain(m *testing.M) {
	code := m.Run()
	if proofShared.dir != "" && os.Getenv("KBUILD_GO_PROOF_DIR") == "" {
		os.RemoveAll(proofShared.dir)
	}
	os.Exit(code)
}

// proofKernel returns the proof kernel, building it on the first call of the run (about 3 minutes of
// -j2 on 2 cores); the later calls wait for that build and share its result, or its error.
// KBUILD_GO_PROOF_DIR=DIR keeps the build in DIR across runs (a second run is kbuild-go's no-op build).
func proofKernel(t *testing.T) *ProofKernel {
	t.Helper()
	requireE2E(t)
	ref := kernelsrc.Require(t)
	for _, tool := range []string{"gcc", "flex", "bison", "bc", "pahole"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found (CONFIG_DEBUG_INFO_BTF needs pahole, from Debian's dwarves)", tool)
		}
	}
	proofShared.once.Do(func() {
		proofShared.k, proofShared.err = buildProofKernel(t.Logf, ref)
	})
	if proofShared.err != nil {
		t.Fatalf("the proof kernel: %v", proofShared.err)
	}
	return proofShared.k
}

func buildProofKernel(logf func(string, ...any), ref string) (*ProofKernel, error) {
	dir := os.Getenv("KBUILD_GO_PROOF_DIR")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "kbuild-go-proof-"); err != nil {
			return nil, err
		}
	}
	proofShared.dir = dir
	k := &ProofKernel{Src: filepath.Join(dir, "linux"), Obj: filepath.Join(dir, "obj"), KbuildGo: filepath.Join(dir, "bin", "kbuild-go")}
	if err := buildKbuildGo(k.KbuildGo); err != nil {
		return nil, err
	}
	var err error
	if k.Masked, err = maskMake(filepath.Join(dir, "mask"), k.KbuildGo); err != nil {
		return nil, err
	}
	if _, err := os.Stat(k.Src); err != nil {
		if err := scratchTree(ref, k.Src, logf); err != nil {
			return nil, err
		}
		if err := addFragments(k.Src, bootFragment, bpfFragment); err != nil {
			return nil, err
		}
	}
	kbuild := func(args ...string) (string, error) {
		return runPinned(logf, k.Masked, k.KbuildGo, append([]string{"-C", k.Src, "O=" + k.Obj}, args...)...)
	}
	start := time.Now()
	if _, err := os.Stat(filepath.Join(k.Obj, ".config")); err != nil {
		for _, goal := range []string{"tinyconfig", bootFragment, bpfFragment} {
			if _, err := kbuild(goal); err != nil {
				return nil, err
			}
		}
		if err := fragmentTook(filepath.Join(k.Obj, ".config"), filepath.Join("..", "testdata", "linux", bpfFragment)); err != nil {
			return nil, err
		}
	}
	// The default goal: vmlinux (with its BTF), bzImage and the modules (there are none in tree, but
	// Module.symvers and modules.order are what an M= build needs).
	if _, err := kbuild("-j" + fmt.Sprint(runtime.NumCPU())); err != nil {
		return nil, err
	}
	rel, err := os.ReadFile(filepath.Join(k.Obj, "include", "config", "kernel.release"))
	if err != nil {
		return nil, err
	}
	k.Release = strings.TrimSpace(string(rel))
	// The in-tree module (lib/test_module.ko) installed where /init finds it, with depmod's modules.dep.
	k.ModRoot = filepath.Join(dir, "modroot")
	os.RemoveAll(k.ModRoot)
	if _, err := kbuild("modules_install", "INSTALL_MOD_PATH="+k.ModRoot); err != nil {
		return nil, err
	}
	if _, err := kbuild("headers-pkg"); err != nil {
		return nil, err
	}
	k.Package = filepath.Join(k.Obj, "linux-headers-"+k.Release+".tar.xz")
	if _, err := os.Stat(k.Package); err != nil {
		return nil, fmt.Errorf("headers-pkg: %w", err)
	}
	k.Build = time.Since(start)
	logf("the proof kernel: built with its header package in %.0fs in %s", k.Build.Seconds(), k.Obj)
	return k, nil
}

// fragmentTook checks that every CONFIG_X=y line of a fragment is in .config: a symbol whose dependencies
// are not met is dropped by olddefconfig without an error.
func fragmentTook(config, fragment string, except ...string) error {
	cfg, err := os.ReadFile(config)
	if err != nil {
		return err
	}
	frag, err := os.ReadFile(fragment)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(cfg), "\n") {
		have[l] = true
	}
	var missing []string
	for _, l := range strings.Split(string(frag), "\n") {
		if strings.HasPrefix(l, "CONFIG_") && !have[l] && !slices.Contains(except, configSymbol(l)) {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: not in .config: %s", fragment, strings.Join(missing, " "))
	}
	return nil
}

// configSymbol is the symbol a .config line sets: CONFIG_X for "CONFIG_X=y" and "# CONFIG_X is not set".
func configSymbol(line string) string {
	line = strings.TrimPrefix(line, "# ")
	if i := strings.IndexAny(line, "= "); i >= 0 {
		return line[:i]
	}
	return line
}

// requireE2E skips a test that builds the real kernel unless KBUILD_GO_E2E is set, and under -short.
func requireE2E(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end kernel builds take minutes; skipped under -short")
	}
	if os.Getenv("KBUILD_GO_E2E") == "" {
		t.Skip("set KBUILD_GO_E2E=1 to build the real kernel (make test-e2e)")
	}
}

// buildKbuildGo builds a non-race kbuild-go binary (the e2e tests time real builds).
func buildKbuildGo(bin string) error {
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/kbuild-go").CombinedOutput()
	if err != nil {
		return fmt.Errorf("building kbuild-go: %v\n%s", err, out)
	}
	return nil
}

// maskMake writes into dir a make that fails loudly and returns a PATH that finds it first, then kbuild-go:
// a build that passes with it did not run GNU make.
func maskMake(dir, kbuildgo string) (string, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "make"), []byte("#!/bin/sh\necho 'make is masked in this test' >&2\nexit 99\n"), 0o755); err != nil {
		return "", err
	}
	return dir + ":" + filepath.Dir(kbuildgo) + ":" + os.Getenv("PATH"), nil
}

// scratchTree makes dst a copy of the reference tree src, hard-linked (seconds, no disk) where one file
// system allows it. A test that edits or touches a file must first replace it by a private copy (env.own),
// so that the reference tree stays exactly as extracted, mtimes included.
func scratchTree(src, dst string, logf func(string, ...any)) error {
	// The cache may hold the tree behind a symbolic link: copy what it points to, not the link (cp -a
	// copies a link as a link, and every edit would land in the shared tree).
	if real, err := filepath.EvalSymlinks(src); err == nil {
		src = real
	}
	if out, err := exec.Command("cp", "-al", src, dst).CombinedOutput(); err != nil {
		// Hard links need one file system; copy for real otherwise.
		logf("cp -al: %v: %s; copying", err, out)
		os.RemoveAll(dst)
		if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
			return fmt.Errorf("copying the tree: %v\n%s", err, out)
		}
	}
	if fi, err := os.Lstat(dst); err != nil || !fi.IsDir() {
		return fmt.Errorf("the scratch tree %s is not a directory of its own (%v)", dst, err)
	}
	return nil
}

// addFragments copies the project's config fragments into a scratch tree's kernel/configs: make finds a
// foo.config goal only there or in arch/x86/configs. They are new files, so no hard link is written through.
func addFragments(src string, names ...string) error {
	for _, name := range names {
		frag, err := os.ReadFile(filepath.Join("..", "testdata", "linux", name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(src, "kernel", "configs", name), frag, 0o666); err != nil {
			return err
		}
	}
	return nil
}

// runPinned runs a command with the pins and the PATH given, logs its duration and returns its combined
// output; a failure's error holds the output's tail.
func runPinned(logf func(string, ...any), path, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(append(os.Environ(), pins...), "PATH="+path)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	logf("%s %s: %.1fs", filepath.Base(name), strings.Join(args, " "), time.Since(start).Seconds())
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(out, 40))
	}
	return string(out), nil
}

// TestProof is issue 8's item 5: the proof kernel boots and its verifier accepts (a) and (b), rejects (d),
// and it loads (c).
func TestProof(t *testing.T) {
	k := proofKernel(t)
	qemu, err := exec.LookPath("qemu-system-x86_64")
	if err != nil {
		t.Skip("qemu-system-x86_64 not found (make deps installs qemu-system-x86)")
	}
	for _, tool := range []string{"clang", "bpftool", "make", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found", tool)
		}
	}
	dir := t.TempDir()
	objs := filepath.Join(dir, "initramfs")
	os.MkdirAll(objs, 0o777)

	// The header package, extracted in a directory of its own: what (a) and (c) are built against.
	pkgs := filepath.Join(dir, "pkg")
	os.MkdirAll(pkgs, 0o777)
	if out, err := exec.Command("tar", "-xJf", k.Package, "-C", pkgs).CombinedOutput(); err != nil {
		t.Fatalf("extracting %s: %v\n%s", k.Package, err, out)
	}
	pkg := filepath.Join(pkgs, "linux-headers-"+k.Release)
	if _, err := os.Stat(filepath.Join(pkg, "Module.symvers")); err != nil {
		t.Fatalf("the header package has no linux-headers-%s/Module.symvers: %v", k.Release, err)
	}

	// (a) and (d): kbuild-go bpf compile against the package.
	compileUAPI(t, k, pkg, dir, "prog.c", filepath.Join(objs, "prog.o"))
	compileUAPI(t, k, pkg, dir, "invalid.c", filepath.Join(objs, "invalid.o"))
	// (b): in the kernel's graph, against the tree's own vmlinux.h.
	compileCORE(t, k, filepath.Join(objs, "core.o"))
	relocs := coreRelocations(t, filepath.Join(objs, "core.o"))
	t.Logf("core.o's CO-RE relocations: %s", strings.Join(relocs, "; "))
	if len(relocs) == 0 {
		t.Fatal("core.o has no CO-RE relocation")
	}
	// (c): make and kbuild-go, M= against the package.
	buildModule(t, k, pkg, dir, filepath.Join(objs, "hello.ko"))
	// (e): make's modules_install gives the same tree; both modules carry the kernel's vermagic.
	checkModulesInstall(t, k, filepath.Join(dir, "modroot-make"))
	checkVermagic(t, k, filepath.Join(objs, "hello.ko"), filepath.Join(k.ModRoot, "lib", "modules", k.Release, "kernel", "lib", "test_module.ko"))

	// The /init: static, so the initramfs needs nothing else.
	initBin := filepath.Join(objs, "init")
	build := exec.Command("go", "build", "-trimpath", "-o", initBin, "./bpfinit")
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building /init: %v\n%s", err, out)
	}

	log := bootProof(t, k, qemu, dir, objs)
	checkProof(t, k, log)
}

// compileUAPI compiles a program that includes only uapi headers, for bpfel, with `kbuild-go bpf compile`
// against the extracted header package; the target is the proof kernel (its release and version code).
// The package's uapi directories are not headers_install'ed: bpfc's uapi mode itself finds what
// include/uapi/linux/stddef.h includes from include/ (-idirafter) and sets __EXPORTED_HEADERS__.
func compileUAPI(t *testing.T, k *ProofKernel, pkg, dir, src, out string) {
	t.Helper()
	code := versionCode(t, k)
	outDir := filepath.Join(dir, "bpf-"+strings.TrimSuffix(src, ".c"))
	bpfCompile(t, k, outDir, out, "--mode", "uapi", "--target", "bpfel", "--headers", pkg,
		"--release", k.Release, "--version-code", code,
		filepath.Join("testdata", "bpf", src))
}

// compileCORE builds core.c in the kernel's graph: the bpf goal with testdata/bpf/kbuild.yaml's bpf:
// section dumps Obj/vmlinux.h from the built vmlinux's BTF and compiles Obj/bpf/core.bpfel.o against it.
func compileCORE(t *testing.T, k *ProofKernel, out string) {
	t.Helper()
	yaml, err := filepath.Abs(filepath.Join("testdata", "bpf", "kbuild.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runPinned(t.Logf, k.Masked, k.KbuildGo, "-C", k.Src, "O="+k.Obj, "bpf", "KBUILD_YAML="+yaml); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(k.Obj, "bpf", "core.bpfel.o"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o666); err != nil {
		t.Fatal(err)
	}
}

// bpfCompile runs `kbuild-go bpf compile -o outDir ARGS` (a private cache under outDir) and copies the one
// object it prints to out.
func bpfCompile(t *testing.T, k *ProofKernel, outDir, out string, args ...string) {
	t.Helper()
	args = append([]string{"bpf", "compile", "-o", outDir, "--cache-dir", outDir + ".cache"}, args...)
	cmd := exec.Command(k.KbuildGo, args...)
	cmd.Env = append(os.Environ(), "PATH="+k.Masked)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	stdout, err := cmd.Output()
	t.Logf("kbuild-go %s: %.1fs", strings.Join(args, " "), time.Since(start).Seconds())
	if err != nil {
		t.Fatalf("kbuild-go bpf compile: %v\n%s", err, stderr.String())
	}
	objs := strings.Fields(string(stdout))
	if len(objs) != 1 {
		t.Fatalf("kbuild-go bpf compile printed %q, want one object", stdout)
	}
	data, err := os.ReadFile(objs[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o666); err != nil {
		t.Fatal(err)
	}
}

// versionCode is the proof kernel's LINUX_VERSION_CODE, from its own generated version.h.
func versionCode(t *testing.T, k *ProofKernel) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(k.Obj, "include", "generated", "uapi", "linux", "version.h"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^#define LINUX_VERSION_CODE (\d+)$`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("version.h has no LINUX_VERSION_CODE:\n%s", data)
	}
	return string(m[1])
}

// coreRelocations lists the CO-RE relocations of an object's programs, read by cilium/ebpf as the loader
// reads them.
func coreRelocations(t *testing.T, obj string) []string {
	spec, err := ebpf.LoadCollectionSpec(obj)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range spec.Programs {
		for i := range p.Instructions {
			if r := btf.CORERelocationMetadata(&p.Instructions[i]); r != nil {
				out = append(out, r.String())
			}
		}
	}
	return out
}

// buildModule builds testdata/hello with M= against the extracted header package, by make and by kbuild-go
// (make masked), in the same directory one after the other so that the paths in the debug info agree, and
// checks that the two .ko are the same bytes; kbuild-go's goes into the initramfs.
func buildModule(t *testing.T, k *ProofKernel, pkg, dir, out string) {
	t.Helper()
	m := filepath.Join(dir, "hello")
	var kos [2][]byte
	for i, tool := range []struct{ path, name string }{{os.Getenv("PATH"), "make"}, {k.Masked, k.KbuildGo}} {
		os.RemoveAll(m)
		if out, err := exec.Command("cp", "-r", filepath.Join("testdata", "hello"), m).CombinedOutput(); err != nil {
			t.Fatalf("cp: %v\n%s", err, out)
		}
		log, err := runPinned(t.Logf, tool.path, tool.name, "-C", pkg, "M="+m, "modules")
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && strings.Contains(log, "make is masked") {
			t.Errorf("kbuild-go M= called make:\n%s", log)
		}
		if kos[i], err = os.ReadFile(filepath.Join(m, "hello.ko")); err != nil {
			t.Fatal(err)
		}
	}
	if string(kos[0]) != string(kos[1]) {
		t.Errorf("hello.ko: kbuild-go's (%d bytes) differs from make's (%d bytes)", len(kos[1]), len(kos[0]))
	}
	if err := os.WriteFile(out, kos[1], 0o666); err != nil {
		t.Fatal(err)
	}
}

// bootProof makes the initramfs with the tree's usr/gen_init_cpio and boots the proof kernel under TCG;
// it returns the serial console's log.
func bootProof(t *testing.T, k *ProofKernel, qemu, dir, objs string) string {
	t.Helper()
	// /dev/console as a node, or the kernel has no console to give /init and nothing is printed.
	list := "dir /dev 0755 0 0\nnod /dev/console 0600 0 0 c 5 1\ndir /proof 0755 0 0\n" +
		"file /init " + filepath.Join(objs, "init") + " 0755 0 0\n"
	for _, f := range []string{"prog.o", "core.o", "invalid.o", "hello.ko"} {
		list += "file /proof/" + f + " " + filepath.Join(objs, f) + " 0644 0 0\n"
	}
	list += cpioList(t, k.ModRoot)
	listFile := filepath.Join(dir, "initramfs.list")
	os.WriteFile(listFile, []byte(list), 0o666)
	initrd := filepath.Join(dir, "initramfs.cpio.gz")
	// gen_init_cpio's archive, gzipped (the kernel has CONFIG_RD_GZIP).
	sh := exec.Command("sh", "-c", `"$0" "$1" | gzip -9n > "$2"`, filepath.Join(k.Obj, "usr", "gen_init_cpio"), listFile, initrd)
	if out, err := sh.CombinedOutput(); err != nil {
		t.Fatalf("gen_init_cpio: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, qemu, "-kernel", filepath.Join(k.Obj, "arch/x86/boot/bzImage"),
		"-initrd", initrd, "-nographic", "-append", "console=ttyS0 panic=-1", "-no-reboot", "-m", "256")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("boot: %.1fs", time.Since(start).Seconds())
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("qemu timed out:\n%s", tail(out, 40))
	}
	if err != nil {
		t.Errorf("qemu: %v", err)
	}
	return string(out)
}

// checkProof asserts each line of /init's report.
func checkProof(t *testing.T, k *ProofKernel, log string) {
	var lines []string
	for _, l := range strings.Split(log, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.HasPrefix(l, "PROOF ") {
			lines = append(lines, l)
		}
	}
	t.Logf("/init printed:\n%s", strings.Join(lines, "\n"))
	report := strings.Join(lines, "\n")
	if !strings.Contains(log, "Linux version "+k.Release) {
		t.Errorf("the boot log lacks %q:\n%s", "Linux version "+k.Release, tail([]byte(log), 30))
	}
	find := func(re string) []string {
		t.Helper()
		m := regexp.MustCompile(`(?m)^` + re + `$`).FindStringSubmatch(report)
		if m == nil {
			t.Errorf("/init did not print a line matching %s", re)
		}
		return m
	}
	if strings.Contains(report, "PROOF FAIL") {
		t.Errorf("a step failed:\n%s\n\nthe console's tail:\n%s", report, tail([]byte(log), 40))
	}
	// (a): accepted, with its statistics; the test run accepts the IPv4 packet, 50 bytes less the Ethernet header.
	find(`PROOF prog: processed \d+ insns \(limit \d+\).*`)
	find(`PROOF prog: run returned 36`)
	// (b): the offsets the relocations produced are the built vmlinux's, and not the local flavour's 0 and 4.
	find(`PROOF core: [1-9]\d* CO-RE relocations in core.o`)
	find(`PROOF core: processed \d+ insns \(limit \d+\).*`)
	spec, err := btf.LoadSpec(filepath.Join(k.Obj, "vmlinux"))
	if err != nil {
		t.Fatalf("the built vmlinux's BTF: %v", err)
	}
	var task *btf.Struct
	if err := spec.TypeByName("task_struct", &task); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"pid", "tgid"} {
		m := find(`PROOF core: task_struct\.` + field + ` offset (\d+)`)
		if m == nil {
			continue
		}
		got, _ := strconv.Atoi(m[1])
		want := -1
		for _, mem := range task.Members {
			if mem.Name == field {
				want = int(mem.Offset.Bytes())
			}
		}
		if got != want {
			t.Errorf("task_struct.%s: the kernel's relocation gave offset %d, the built vmlinux's BTF says %d", field, got, want)
		} else {
			t.Logf("task_struct.%s: offset %d, as in the built vmlinux's BTF", field, got)
		}
	}
	find(`PROOF core: skb->len 36`)
	// (c)
	find(`PROOF module: .*kbuild-go proof: hello from an out-of-tree module`)
	// (e): the kernel's own module, loaded from where modules_install put it.
	find(`PROOF intree: /lib/modules/` + regexp.QuoteMeta(k.Release) + `/kernel/lib/test_module\.ko: .*test_module: Hello, world`)
	// (d)
	find(`PROOF invalid: rejected: R0 invalid mem access 'map_value_or_null'`)
	find(`PROOF done`)
}

// checkModulesInstall runs make's modules_install on the proof tree into root and compares it with
// kbuild-go's (k.ModRoot): the same files, links and bytes, modules.dep and depmod's other indexes included.
func checkModulesInstall(t *testing.T, k *ProofKernel, root string) {
	t.Helper()
	if _, err := runPinned(t.Logf, os.Getenv("PATH"), "make", "-C", k.Src, "O="+k.Obj, "modules_install", "INSTALL_MOD_PATH="+root); err != nil {
		t.Fatal(err)
	}
	got := compareModRoots(t, root, k.ModRoot, k.Obj, k.Obj)
	dep, err := os.ReadFile(filepath.Join(k.ModRoot, "lib", "modules", k.Release, "modules.dep"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("modules_install: %d entries, equal to make's; modules.dep:\n%s", len(got), dep)
}

// compareModRoots compares make's modules_install tree with kbuild-go's: the same paths, symlinks to the
// same places (lib/modules/REL/build points at each one's O= tree: makeObj and kbuildgoObj), regular files
// byte-equal. It returns kbuild-go's list.
func compareModRoots(t *testing.T, makes, kbuildgos, makeObj, kbuildgoObj string) []string {
	t.Helper()
	want, got := listTree(t, makes), listTree(t, kbuildgos)
	if !slices.Equal(want, got) {
		t.Fatalf("modules_install: kbuild-go's tree differs from make's:\n%s", diffLists(want, got, "make's", "kbuild-go's"))
	}
	for _, rel := range got {
		a, b := filepath.Join(makes, rel), filepath.Join(kbuildgos, rel)
		fa, err := os.Lstat(a)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case fa.Mode()&os.ModeSymlink != 0:
			la, _ := os.Readlink(a)
			lb, _ := os.Readlink(b)
			if strings.ReplaceAll(la, makeObj, "$O") != strings.ReplaceAll(lb, kbuildgoObj, "$O") {
				t.Errorf("modules_install: %s links to %q (make) and %q (kbuild-go)", rel, la, lb)
			}
		case fa.Mode().IsRegular():
			da, _ := os.ReadFile(a)
			db, err := os.ReadFile(b)
			if err != nil || !bytes.Equal(da, db) {
				t.Errorf("modules_install: %s differs from make's (%v)", rel, err)
				// A relink in between (vmlinux's BTF from pahole -j is not reproducible, and a .ko's
				// BTF is split against it) shows in these times; kheaders_data.tar.xz regenerated is
				// the usual cause (gen_kheaders.sh hashes `ls -l` of every header).
				for _, p := range []string{b, filepath.Join(kbuildgoObj, "vmlinux"), filepath.Join(kbuildgoObj, "kernel", "kheaders_data.tar.xz"),
					filepath.Join(kbuildgoObj, "kernel", "kheaders.md5")} {
					if fi, err := os.Stat(p); err == nil {
						t.Logf("  %s: %s", p, fi.ModTime().Format("15:04:05.000"))
					}
				}
			}
		}
	}
	return got
}

// checkVermagic checks that each module's vermagic (modinfo's, from its .modinfo section) is the one the
// kernel checks at load time: the VERMAGIC_STRING compiled into vmlinux, which begins with the release.
func checkVermagic(t *testing.T, k *ProofKernel, kos ...string) {
	t.Helper()
	vmlinux, err := os.ReadFile(filepath.Join(k.Obj, "vmlinux"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ko := range kos {
		out, err := exec.Command("modinfo", "-F", "vermagic", ko).Output()
		if err != nil {
			t.Fatalf("modinfo %s: %v", ko, err)
		}
		// VERMAGIC_STRING ends with a space ("6.1.192 mod_unload "): keep it, drop only modinfo's newline.
		vm := strings.TrimSuffix(string(out), "\n")
		if !strings.HasPrefix(vm, k.Release+" ") || !bytes.Contains(vmlinux, []byte("\x00"+vm+"\x00")) {
			t.Errorf("%s: vermagic %q is not the kernel's (release %s)", filepath.Base(ko), vm, k.Release)
		} else {
			t.Logf("%s: vermagic %q, as in vmlinux", filepath.Base(ko), vm)
		}
	}
}

// cpioList is gen_init_cpio's list for the tree under root, placed at / in the initramfs (directories,
// files and symbolic links).
func cpioList(t *testing.T, root string) string {
	t.Helper()
	var list strings.Builder
	err := filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		name := "/" + filepath.ToSlash(rel)
		switch {
		case fi.IsDir():
			fmt.Fprintf(&list, "dir %s 0755 0 0\n", name)
		case fi.Mode()&os.ModeSymlink != 0:
			to, err := os.Readlink(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&list, "slink %s %s 0777 0 0\n", name, to)
		case fi.Mode().IsRegular():
			fmt.Fprintf(&list, "file %s %s 0644 0 0\n", name, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return list.String()
}
