package e2e

// Issue 8, item 1: the header package and the tree's own package goals, on the proof kernel's
// configuration (modules, BTF, IKHEADERS), with GNU make masked throughout.
//
//   - headers-pkg from the shared proof tree and from a second O= tree built from scratch: the same sha256;
//   - bindeb-pkg on the second tree (dpkg-buildpackage; its debian/rules is `#!kbuild-go -f`): the
//     linux-headers .deb's files are the header package's, but for its manifest;
//   - the .deb and the package, extracted elsewhere, build an out-of-tree module with make M= and with
//     kbuild-go M=;
//   - tarxz-pkg and dir-pkg: buildtar calls `make modules_install` by name, and kbuild-go's make shim
//     answers it.

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kbuild-go/kbuild-go/kheaders"
	"github.com/ulikunitz/xz"
)

func jobs() string { return fmt.Sprint(runtime.NumCPU()) }

func sha256File(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// listTree lists every path under root (relative, sorted).
func listTree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.Walk(root, func(p string, _ os.FileInfo, err error) error {
		if err == nil && p != root {
			rel, _ := filepath.Rel(root, p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func TestPackages(t *testing.T) {
	k := proofKernel(t)
	for _, tool := range []string{"dpkg-buildpackage", "dpkg-deb", "make"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found (make deps installs dpkg-dev)", tool)
		}
	}
	pkgA := k.Package
	name := "linux-headers-" + k.Release

	// A second O= tree configured as the proof tree was (tinyconfig, then the two fragments), built from
	// scratch by headers-pkg itself (which builds vmlinux and the modules pass first). The same commands
	// matter, not only the same .config: include/config/ holds Kconfig's touch files, one for every symbol
	// that changed in any syncconfig of the tree's history, and builddeb packs them all.
	dir := t.TempDir()
	obj2 := filepath.Join(dir, "pkg", "obj")
	kb := func(args ...string) string {
		t.Helper()
		out, err := runPinned(t.Logf, k.Masked, k.KbuildGo, append([]string{"-C", k.Src, "O=" + obj2}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, goal := range []string{"tinyconfig", bootFragment, bpfFragment} {
		kb(goal)
	}
	kb("-j"+jobs(), "headers-pkg")
	pkgB := filepath.Join(obj2, name+".tar.xz")
	extracted := filepath.Join(dir, "extracted")
	os.MkdirAll(extracted, 0o777)
	if out, err := exec.Command("tar", "-C", extracted, "-xf", pkgB).CombinedOutput(); err != nil {
		t.Fatalf("tar -x: %v\n%s", err, out)
	}
	hdrs := filepath.Join(extracted, name)
	t.Run("reproducible", func(t *testing.T) {
		a, b := sha256File(t, pkgA), sha256File(t, pkgB)
		t.Logf("%s: sha256 %s (proof tree), %s (second tree)", name, a, b)
		if a == b {
			return
		}
		// Two O= trees are two directories, and two files of the package are built with -g: their DWARF
		// names the output directory (DW_AT_comp_dir), and their GNU build id hashes it. Any other
		// difference, or one that stripping those does not explain, is a failure.
		ea, eb := tarEntries(t, pkgA), tarEntries(t, pkgB)
		extractedA := filepath.Join(dir, "extracted-proof")
		os.MkdirAll(extractedA, 0o777)
		if out, err := exec.Command("tar", "-C", extractedA, "-xf", pkgA).CombinedOutput(); err != nil {
			t.Fatalf("tar -x: %v\n%s", err, out)
		}
		names := maps.Clone(ea)
		maps.Copy(names, eb)
		for _, n := range slices.Sorted(maps.Keys(names)) {
			if ea[n] == eb[n] || n == name+"/SHA256SUMS" {
				continue
			}
			if ea[n] == "" || eb[n] == "" {
				t.Errorf("%s: only in one package (proof tree: %q, second tree: %q)", n, ea[n], eb[n])
				continue
			}
			if sameStripped(t, filepath.Join(extractedA, n), filepath.Join(extracted, n)) {
				t.Logf("%s differs only in its debug info and build id (they name the O= directory)", n)
			} else {
				t.Errorf("%s differs: %s (proof tree), %s (second tree)", n, ea[n], eb[n])
			}
		}
	})
	t.Run("manifest", func(t *testing.T) {
		cmd := exec.Command("sha256sum", "--quiet", "--strict", "-c", "SHA256SUMS")
		cmd.Dir = hdrs
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, tail(out, 20))
		}
	})

	// bindeb-pkg: the tree's own Debian packaging, through dpkg-buildpackage and debian/rules.
	kb("-j"+jobs(), "bindeb-pkg")
	debs, _ := filepath.Glob(filepath.Join(dir, "pkg", "linux-headers-"+k.Release+"_*.deb"))
	if len(debs) != 1 {
		t.Fatalf("bindeb-pkg wrote %v, want one linux-headers .deb", debs)
	}
	// debian/rules' interpreter is $(MAKE) as the tree resolves it: kbuild-go, or the `make` kbuild-go
	// puts first on PATH (a script that execs it).
	rules, _ := os.ReadFile(filepath.Join(obj2, "debian", "rules"))
	shebang := strings.SplitN(string(rules), "\n", 2)[0]
	interp, _, _ := strings.Cut(strings.TrimPrefix(shebang, "#!"), " ")
	shim, _ := os.ReadFile(interp)
	if !strings.HasPrefix(shebang, "#!") || !strings.HasSuffix(shebang, " -f") ||
		(interp != k.KbuildGo && !strings.Contains(string(shim), "exec "+k.KbuildGo+" ")) {
		t.Errorf("debian/rules does not run kbuild-go: %q", shebang)
	}
	debRoot := filepath.Join(dir, "deb")
	if out, err := exec.Command("dpkg-deb", "-x", debs[0], debRoot).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb -x: %v\n%s", err, out)
	}
	debHdrs := filepath.Join(debRoot, "usr", "src", name)
	t.Run("deb-file-list", func(t *testing.T) {
		want := listTree(t, debHdrs)
		var got []string
		for _, p := range listTree(t, hdrs) {
			if p != "SHA256SUMS" {
				got = append(got, p)
			}
		}
		t.Logf("the linux-headers .deb has %d paths, the header package %d and SHA256SUMS", len(want), len(got))
		if a, b := strings.Join(want, "\n"), strings.Join(got, "\n"); a != b {
			t.Errorf("file lists differ:\n%s", diffLists(want, got, "the .deb", "the package"))
		}
		// The contents are the same but for the build number bindeb-pkg gives the kernel (its
		// KBUILD_BUILD_VERSION is the package revision): compile.h and utsversion.h.
		out, _ := exec.Command("diff", "-rq", "--no-dereference", debHdrs, hdrs).CombinedOutput()
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if l == "" || strings.Contains(l, "SHA256SUMS") || strings.Contains(l, "include/generated/compile.h") || strings.Contains(l, "include/generated/utsversion.h") {
				continue
			}
			t.Errorf("diff -r: %s", l)
		}
	})

	// An out-of-tree module against each extracted package, with make and with kbuild-go.
	mod := func(t *testing.T, tool, kdir string) {
		src := filepath.Join(dir, "mod-"+filepath.Base(tool)+"-"+filepath.Base(filepath.Dir(kdir)))
		os.MkdirAll(src, 0o777)
		for _, f := range []string{"hello.c", "Kbuild"} {
			data, err := os.ReadFile(filepath.Join("testdata", "hello", f))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(src, f), data, 0o666)
		}
		path := os.Getenv("PATH")
		if tool != "make" {
			path = k.Masked
		}
		if _, err := runPinned(t.Logf, path, tool, "-C", kdir, "M="+src, "modules"); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(src, "hello.ko")); err != nil {
			t.Errorf("%s M= against %s: no hello.ko", tool, kdir)
		}
	}
	t.Run("module-make-package", func(t *testing.T) { mod(t, "make", hdrs) })
	t.Run("module-kbuild-go-package", func(t *testing.T) { mod(t, k.KbuildGo, hdrs) })
	t.Run("module-make-deb", func(t *testing.T) { mod(t, "make", debHdrs) })
	t.Run("module-kbuild-go-deb", func(t *testing.T) { mod(t, k.KbuildGo, debHdrs) })

	// The tarball goals: buildtar runs `make modules_install` by name.
	t.Run("tarxz-pkg", func(t *testing.T) {
		kb("-j"+jobs(), "tarxz-pkg")
		tarball := filepath.Join(obj2, "linux-"+k.Release+"-x86.tar.xz")
		out, err := exec.Command("tar", "-tJf", tarball).CombinedOutput()
		if err != nil {
			t.Fatalf("tar -t %s: %v\n%s", tarball, err, tail(out, 5))
		}
		for _, want := range []string{"boot/vmlinuz-" + k.Release, "lib/modules/" + k.Release + "/modules.dep"} {
			if !strings.Contains("\n"+string(out), "\n"+want+"\n") {
				t.Errorf("%s lacks %s", tarball, want)
			}
		}
	})
	t.Run("dir-pkg", func(t *testing.T) {
		kb("-j"+jobs(), "dir-pkg")
		if _, err := os.Stat(filepath.Join(obj2, "tar-install", "boot", "vmlinuz-"+k.Release)); err != nil {
			t.Errorf("dir-pkg: %v", err)
		}
	})
}

// diffLists says which entries only one list has (at most 20 of each), naming the lists a and b.
func diffLists(want, got []string, a, b string) string {
	in := func(list []string) map[string]bool {
		m := map[string]bool{}
		for _, p := range list {
			m[p] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var out strings.Builder
	n := 0
	for _, p := range want {
		if !g[p] && n < 20 {
			out.WriteString("only in " + a + ": " + p + "\n")
			n++
		}
	}
	n = 0
	for _, p := range got {
		if !w[p] && n < 20 {
			out.WriteString("only in " + b + ": " + p + "\n")
			n++
		}
	}
	return out.String()
}

// TestKheadersArchive: the proof kernel's own kernel/kheaders_data.tar.xz (what it shows at
// /sys/kernel/kheaders.tar.xz) found, extracted once into a private cache keyed by release and the
// archive's sha256, validated against the kernel's release and version code, and compiled against.
func TestKheadersArchive(t *testing.T) {
	k := proofKernel(t)
	archive := filepath.Join(k.Obj, "kernel", "kheaders_data.tar.xz")
	code, err := strconv.ParseUint(versionCode(t, k), 10, 32)
	if err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(t.TempDir(), "cache")
	opts := kheaders.Options{Release: k.Release, VersionCode: uint32(code), Arch: "x86",
		KheadersArchive: archive, CacheDir: cache, Root: t.TempDir(), Log: t.Logf}
	r, err := kheaders.Find(context.Background(), opts)
	if err != nil {
		t.Fatalf("kheaders.Find: %v", err)
	}
	if r.Fetch != kheaders.FetchKheadersFound || r.Set.Source != kheaders.SourceKheaders {
		t.Fatalf("found %v from %v, want the kheaders archive", r.Fetch, r.Set.Source)
	}
	sum := sha256File(t, archive)
	dir := r.Set.Dirs[0]
	if want := k.Release + "-" + sum[:16]; filepath.Base(dir) != want {
		t.Errorf("extracted into %s, want a directory named %s (release and archive sha256)", dir, want)
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A second search (a new process would do the same) reuses the extraction.
	r2, err := kheaders.Find(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	st2, _ := os.Stat(r2.Set.Dirs[0])
	if r2.Set.Dirs[0] != dir || !st2.ModTime().Equal(st.ModTime()) {
		t.Errorf("the second search extracted again (%s)", r2.Set.Dirs[0])
	}
	// And a program compiles against it, through the command line.
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(k.KbuildGo, "bpf", "compile", "-o", out, "--cache-dir", cache, "--kheaders", archive,
		"--release", k.Release, "--version-code", fmt.Sprint(code), "--mode", "kernel", "-v",
		filepath.Join("testdata", "bpf", "kernel.c"))
	cmd.Env = append(os.Environ(), "PATH="+k.Masked)
	if o, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kbuild-go bpf compile against the kheaders archive: %v\n%s", err, o)
	} else {
		t.Logf("%s", o)
	}
}

// tarEntries describes a .tar.xz's entries, by name: "mode owner mtime size sha256-prefix link".
func tarEntries(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xr, err := xz.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(xr)
	out := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		sum := sha256.New()
		io.Copy(sum, tr)
		out[strings.TrimSuffix(h.Name, "/")] = fmt.Sprintf("%o %d:%d %s %d %x %s", h.Mode, h.Uid, h.Gid,
			h.ModTime.UTC().Format(time.RFC3339), h.Size, sum.Sum(nil)[:8], h.Linkname)
	}
	return out
}

// sameStripped says whether two ELF files are the same once their debug sections and GNU build id are
// removed (objcopy, from binutils).
func sameStripped(t *testing.T, a, b string) bool {
	t.Helper()
	tmp := t.TempDir()
	var data [2][]byte
	for i, f := range []string{a, b} {
		out := filepath.Join(tmp, fmt.Sprint(i))
		if o, err := exec.Command("objcopy", "--strip-debug", "--remove-section=.note.gnu.build-id", f, out).CombinedOutput(); err != nil {
			t.Logf("objcopy %s: %v\n%s", f, err, o)
			return false
		}
		var err error
		if data[i], err = os.ReadFile(out); err != nil {
			t.Fatal(err)
		}
	}
	return string(data[0]) == string(data[1])
}
