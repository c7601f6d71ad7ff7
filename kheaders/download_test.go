package kheaders

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ulikunitz/xz"
)

func arHeader(name string, size int) []byte {
	return []byte(fmt.Sprintf("%-16s%-12d%-6d%-6d%-8s%-10d`\n", name, 0, 0, 0, "100644", size))
}

// makeDeb builds a Debian package: debian-binary, control.tar.xz (./control) and data.tar.xz.
func makeDeb(t testing.TB, entries []tarEntry, control bool) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("!<arch>\n")
	member := func(name string, data []byte) {
		b.Write(arHeader(name, len(data)))
		b.Write(data)
		if len(data)%2 == 1 {
			b.WriteByte('\n')
		}
	}
	member("debian-binary", []byte("2.0\n"))
	if control {
		member("control.tar.xz", makeTar(t, []tarEntry{{name: "./control", body: "Package: x\n"}}, true))
	}
	member("data.tar.xz", makeTar(t, entries, true))
	return b.Bytes()
}

// repo is a loopback HTTP server of files, counting requests and failing some on purpose.
type repo struct {
	mu    sync.Mutex
	files map[string][]byte
	fail  map[string]int // path -> how many more requests answer 500 (-1: all)
	hits  map[string]int
	srv   *httptest.Server
}

func newRepo(t *testing.T) *repo {
	r := &repo{files: map[string][]byte{}, fail: map[string]int{}, hits: map[string]int{}}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.hits[req.URL.Path]++
		n := r.fail[req.URL.Path]
		if n > 0 {
			r.fail[req.URL.Path]--
		}
		data, ok := r.files[req.URL.Path]
		r.mu.Unlock()
		switch {
		case n != 0:
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case !ok:
			http.NotFound(w, req)
		default:
			w.Write(data)
		}
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *repo) hitCount(p string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.hits[p]
}

func (r *repo) total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, h := range r.hits {
		n += h
	}
	return n
}

// addPackage serves a .deb under pool/ and returns its Packages paragraph (control fields first).
func (r *repo) addPackage(control string, data []byte) string {
	name := regexp.MustCompile(`(?m)^Package: (.*)$`).FindStringSubmatch(control)[1]
	ver := regexp.MustCompile(`(?m)^Version: (.*)$`).FindStringSubmatch(control)[1]
	file := "pool/main/l/linux/" + name + "_" + ver + ".deb"
	r.files["/debian/"+file] = data
	sum := sha256.Sum256(data)
	return strings.TrimRight(control, "\n") + fmt.Sprintf("\nFilename: %s\nSize: %d\nSHA256: %s\n", file, len(data), hex.EncodeToString(sum[:]))
}

// fakeDebs is Debian's three header packages in miniature: the flavour (generated files, the Makefile
// stub, symlinks into linux-kbuild and from /lib/modules), -common and linux-kbuild-6.1.
func fakeDebs(t *testing.T, r *repo, release string) string {
	common := "linux-headers-" + strings.TrimSuffix(release, "-amd64") + "-common"
	var flavourEntries, commonEntries []tarEntry
	for name, data := range (tree{release: release}).files() {
		if strings.Contains(name, "generated") {
			flavourEntries = append(flavourEntries, tarEntry{name: "./usr/src/linux-headers-" + release + "/" + name, body: data})
		} else {
			commonEntries = append(commonEntries, tarEntry{name: "./usr/src/" + common + "/" + name, body: data})
		}
	}
	flavourEntries = append(flavourEntries,
		tarEntry{name: "./usr/src/linux-headers-" + release + "/Makefile", body: "include /usr/src/" + common + "/Makefile\n"},
		tarEntry{name: "./usr/src/linux-headers-" + release + "/scripts", typ: tar.TypeSymlink, link: "../../lib/linux-kbuild-6.1/scripts"},
		tarEntry{name: "./lib/modules/" + release + "/build", typ: tar.TypeSymlink, link: "/usr/src/linux-headers-" + release})
	commonEntries = append(commonEntries, tarEntry{name: "./usr/src/" + common + "/Makefile", body: "# kernel Makefile\n"})
	kbuild := []tarEntry{{name: "./usr/lib/linux-kbuild-6.1/scripts/basic/fixdep", body: "ELF"}}
	idx := r.addPackage("Package: linux-headers-"+release+"\nVersion: 6.1.192-3\nDepends: "+common+" (= 6.1.192-3), linux-kbuild-6.1 (>= 6.1.192-3), linux-compiler-gcc-12-x86\n",
		makeDeb(t, flavourEntries, true)) + "\n"
	idx += r.addPackage("Package: "+common+"\nVersion: 6.1.192-3\n", makeDeb(t, commonEntries, false)) + "\n"
	idx += r.addPackage("Package: linux-kbuild-6.1\nVersion: 6.1.176-1\n", makeDeb(t, kbuild, true)) + "\n"
	idx += r.addPackage("Package: linux-kbuild-6.1\nVersion: 6.1.192-3\n", makeDeb(t, kbuild, true)) + "\n"
	idx += "Package: unrelated\nVersion: 1\nDescription: long\n text\n"
	return idx
}

func downloadOptions(t *testing.T, srcs ...string) Options {
	o, _ := baseOptions(t)
	o.Download = srcs
	o.RetryDelay = time.Millisecond
	return o
}

func TestDownloadDebianRepo(t *testing.T) {
	r := newRepo(t)
	r.files["/debian/dists/bookworm/main/binary-amd64/Packages"] = []byte(fakeDebs(t, r, testRelease))
	o := downloadOptions(t, "deb "+r.srv.URL+"/debian bookworm main")
	res, err := Find(context.Background(), o)
	if err != nil || res.Fetch != FetchDownloadOK {
		t.Fatalf("%v %v", res.Fetch, err)
	}
	dl := filepath.Join(o.CacheDir, "download/amd64", testRelease)
	flavour, common := filepath.Join(dl, "usr/src/linux-headers-"+testRelease), filepath.Join(dl, "usr/src/linux-headers-6.1.0-57-common")
	wantDirs(t, res.Set, flavour, common)
	checkUnpackedDebs(t, dl, flavour, common)
	if r.hitCount("/debian/pool/main/l/linux/linux-kbuild-6.1_6.1.176-1.deb") != 0 {
		t.Error("downloaded the older linux-kbuild")
	}

	// A second search (another process) finds the download of the first one and fetches nothing.
	before := r.total()
	res, err = Find(context.Background(), o)
	if err != nil || res.Fetch != FetchDownloadedFound || r.total() != before {
		t.Fatalf("second search: %v %v, %d requests", res.Fetch, err, r.total()-before)
	}
}

// checkUnpackedDebs checks what unpacking Debian's packages must give: the flavour Makefile pointing at
// the -common tree where it is, links rewritten to stay inside, nothing temporary left.
func checkUnpackedDebs(t *testing.T, dl, flavour, common string) {
	t.Helper()
	mk, _ := os.ReadFile(filepath.Join(flavour, "Makefile"))
	if want := "include " + common + "/Makefile"; !strings.Contains(string(mk), want) {
		t.Errorf("flavour Makefile %q, want %q", mk, want)
	}
	build, err := filepath.EvalSymlinks(filepath.Join(dl, "lib/modules", testRelease, "build"))
	if err != nil || build != flavour {
		t.Errorf("lib/modules/R/build resolves to %q (%v), want %s", build, err, flavour)
	}
	scripts, err := filepath.EvalSymlinks(filepath.Join(flavour, "scripts"))
	if err != nil || scripts != filepath.Join(dl, "usr/lib/linux-kbuild-6.1/scripts") {
		t.Errorf("flavour scripts resolves to %q (%v)", scripts, err)
	}
	ents, _ := os.ReadDir(filepath.Dir(dl))
	if len(ents) != 1 {
		t.Errorf("download dir holds %v", ents)
	}
}

func TestDownloadBadChecksum(t *testing.T) {
	r := newRepo(t)
	idx := fakeDebs(t, r, testRelease)
	// The index's sum of the -common package no longer matches what the server sends.
	r.files["/debian/pool/main/l/linux/linux-headers-6.1.0-57-common_6.1.192-3.deb"] = append(
		r.files["/debian/pool/main/l/linux/linux-headers-6.1.0-57-common_6.1.192-3.deb"][:100:100], make([]byte, 1000)...)
	idx = regexp.MustCompile(`(?m)^(Filename: .*common.*\nSize: )\d+`).ReplaceAllString(idx, "${1}1100")
	r.files["/debian/dists/bookworm/main/binary-amd64/Packages"] = []byte(idx)
	o := downloadOptions(t, "deb "+r.srv.URL+"/debian bookworm")
	res, err := Find(context.Background(), o)
	if res.Fetch != FetchDownloadFailure || !errors.Is(err, ErrChecksum) || !strings.Contains(err.Error(), "sha256") {
		t.Fatalf("%v %v", res.Fetch, err)
	}
	t.Logf("%v", err)
	if n := r.hitCount("/debian/pool/main/l/linux/linux-headers-6.1.0-57-common_6.1.192-3.deb"); n != 1 {
		t.Errorf("a checksum mismatch was retried: %d requests", n)
	}
	wantEmpty(t, filepath.Join(o.CacheDir, "download/amd64"))
}

func TestDownloadRetries(t *testing.T) {
	pkg := "/pkg/linux-headers-" + testRelease + "-amd64.tar.xz"
	archive := kheadersArchive(t, tree{})
	tmpl := "/pkg/linux-headers-{release}-{arch}.tar.xz"

	t.Run("fails twice then succeeds", func(t *testing.T) {
		r := newRepo(t)
		r.files[pkg] = archive
		sum := sha256.Sum256(archive)
		r.files[pkg+".sha256"] = []byte(hex.EncodeToString(sum[:]) + "  linux-headers.tar.xz\n")
		r.fail[pkg] = 2
		o := downloadOptions(t, r.srv.URL+tmpl)
		res, err := Find(context.Background(), o)
		if err != nil || res.Fetch != FetchDownloadOK || r.hitCount(pkg) != 3 {
			t.Fatalf("%v %v after %d requests", res.Fetch, err, r.hitCount(pkg))
		}
	})
	t.Run("always fails", func(t *testing.T) {
		r := newRepo(t)
		r.files[pkg] = archive
		r.fail[pkg] = -1
		o := downloadOptions(t, r.srv.URL+tmpl, r.srv.URL+"/missing/{release}.deb")
		o.Attempts = 4
		start := time.Now()
		res, err := Find(context.Background(), o)
		if res.Fetch != FetchDownloadFailure || r.hitCount(pkg) != 4 || !strings.Contains(err.Error(), "4 attempts") {
			t.Fatalf("%v %v after %d requests", res.Fetch, err, r.hitCount(pkg))
		}
		if r.hitCount("/missing/"+testRelease+".deb") != 1 || len(res.Rejected) != 2 {
			t.Errorf("a 404 was retried, or a source not tried: %v", res.Rejected)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("backoff unbounded: %v", d)
		}
		t.Logf("%v", err)
	})
	t.Run("bad sha256 file", func(t *testing.T) {
		r := newRepo(t)
		r.files[pkg] = archive
		r.files[pkg+".sha256"] = []byte(strings.Repeat("0", 64) + "\n")
		res, err := Find(context.Background(), downloadOptions(t, r.srv.URL+tmpl))
		if res.Fetch != FetchDownloadFailure || !errors.Is(err, ErrChecksum) {
			t.Fatalf("%v %v", res.Fetch, err)
		}
	})
}

// debsDir is where `make debs` puts Debian's current linux-headers packages.
func debsDir() string {
	c := os.Getenv("KBUILD_GO_CACHE")
	if c == "" {
		home, _ := os.UserHomeDir()
		c = filepath.Join(home, ".cache/kbuild-go")
	}
	return filepath.Join(c, "debs")
}

// TestRealDebianDebs serves Debian's own linux-headers flavour, -common and linux-kbuild packages (from
// `make debs`) as a Debian repository over loopback HTTP, downloads, unpacks and validates them: the
// release is 6.1.0-N-amd64, the version code the one of the Debian version (6.1.192: 0x0601c0).
func TestRealDebianDebs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the real packages take seconds to unpack")
	}
	dir := debsDir()
	flavours, _ := filepath.Glob(filepath.Join(dir, "linux-headers-*-amd64_*.deb"))
	if len(flavours) != 1 {
		t.Fatalf("want one linux-headers-*-amd64 .deb in %s (run `make debs`), found %q", dir, flavours)
	}
	m := regexp.MustCompile(`linux-headers-(\d+\.\d+\.\d+-\d+-amd64)_(\d+)\.(\d+)\.(\d+)-`).FindStringSubmatch(filepath.Base(flavours[0]))
	if m == nil {
		t.Fatalf("unexpected name %s", flavours[0])
	}
	release := m[1]
	var n [3]uint32
	for i := range n {
		x, _ := strconv.Atoi(m[i+2])
		n[i] = uint32(x)
	}
	code := KernelVersion(n[0], n[1], n[2])
	if code == KernelVersion(6, 1, 0) {
		t.Fatalf("%s: the Debian version is the release's; the test would not tell them apart", flavours[0])
	}

	r := newRepo(t)
	var idx strings.Builder
	debs, _ := filepath.Glob(filepath.Join(dir, "*.deb"))
	for _, d := range debs {
		data, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		idx.WriteString(r.addPackage(debControl(t, d, data), data) + "\n")
	}
	var xzIdx bytes.Buffer
	xw, _ := xz.NewWriter(&xzIdx)
	io.WriteString(xw, idx.String())
	xw.Close()
	r.files["/debian/dists/bookworm-security/main/binary-amd64/Packages.xz"] = xzIdx.Bytes()

	o := downloadOptions(t, "deb "+r.srv.URL+"/debian bookworm-security main")
	o.Release, o.VersionCode = release, code
	start := time.Now()
	res, err := Find(context.Background(), o)
	if err != nil || res.Fetch != FetchDownloadOK {
		t.Fatalf("%v %v", res.Fetch, err)
	}
	t.Logf("downloaded and unpacked %d packages in %v", len(debs), time.Since(start))
	dl := filepath.Join(o.CacheDir, "download/amd64", release)
	flavour := filepath.Join(dl, "usr/src/linux-headers-"+release)
	common := filepath.Join(dl, "usr/src/linux-headers-"+strings.TrimSuffix(release, "-amd64")+"-common")
	wantDirs(t, res.Set, flavour, common)
	if res.Set.VersionCode != code || res.Set.Release != release {
		t.Errorf("set %s %#x, want %s %#x", res.Set.Release, res.Set.VersionCode, release, code)
	}
	checkUnpackedDebs(t, dl, flavour, common)
	inc := res.Set.IncludeDirs()
	if !slices.Contains(inc, filepath.Join(common, "arch/x86/include")) || !slices.Contains(inc, filepath.Join(flavour, "arch/x86/include/generated")) {
		t.Errorf("IncludeDirs %q", inc)
	}
	for _, h := range []string{"include/linux/bpf.h", "arch/x86/include/generated/asm/syscalls_64.h", "include/generated/autoconf.h"} {
		if res.Set.Find(h) == "" {
			t.Errorf("%s not found in the set", h)
		}
	}

	buildModule(t, flavour)

	// The same packages for a kernel of another version code (the one derived from the release string)
	// are rejected with the reason.
	o.VersionCode = KernelVersion(6, 1, 0)
	o.Download = nil
	res, err = Find(context.Background(), o)
	if res.Fetch != FetchValidationFailure || !errors.Is(err, ErrVersionMismatch) {
		t.Fatalf("%v %v", res.Fetch, err)
	}
	t.Logf("%v", err)
}

// debControl returns a .deb's control file (control.tar.*: ./control).
func debControl(t *testing.T, name string, data []byte) string {
	t.Helper()
	_, r, err := arMember(bufio.NewReader(bytes.NewReader(data)), "control.tar")
	if err != nil {
		t.Fatal(name, err)
	}
	dr, err := decompress(r)
	if err != nil {
		t.Fatal(name, err)
	}
	tr := tar.NewReader(dr)
	for {
		h, err := tr.Next()
		if err != nil {
			t.Fatal(name, ": no control file: ", err)
		}
		if h.Name == "./control" || h.Name == "control" {
			b, _ := io.ReadAll(tr)
			return string(b)
		}
	}
}

// A download of an earlier run that no longer validates is rejected with its reason and replaced.
func TestDownloadReplacesStale(t *testing.T) {
	r := newRepo(t)
	r.files["/debian/dists/bookworm/main/binary-amd64/Packages"] = []byte(fakeDebs(t, r, testRelease))
	o := downloadOptions(t, "deb "+r.srv.URL+"/debian bookworm main")
	dl := filepath.Join(o.CacheDir, "download/amd64", testRelease)
	tree{code: 0x0601bf}.write(t, dl)
	os.Chmod(o.CacheDir, 0o700)
	res, err := Find(context.Background(), o)
	if err != nil || res.Fetch != FetchDownloadOK || len(res.Rejected) != 1 || !errors.Is(res.Rejected[0].Err, ErrVersionMismatch) {
		t.Fatalf("%v %v %v", res.Fetch, err, res.Rejected)
	}
	ents, _ := os.ReadDir(filepath.Dir(dl))
	if len(ents) != 1 {
		t.Errorf("download dir holds %v", ents)
	}
}

// buildModule builds an out-of-tree module against an unpacked flavour directory with GNU make, as a
// user of the headers would (`make -C DIR M=...`): the rewritten Makefile and links must work where
// the trees were unpacked. Debian's flavour wants gcc-12 (linux-compiler-gcc-12-x86).
func buildModule(t *testing.T, flavour string) {
	for _, tool := range []string{"make", "gcc-12"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Logf("no %s: the module build against the unpacked headers is not tried", tool)
			return
		}
	}
	m := t.TempDir()
	writeFiles(t, m, map[string]string{
		"Makefile": "obj-m := hello.o\n",
		"hello.c": "#include <linux/module.h>\nstatic int __init hello(void) { pr_info(\"hello\\n\"); return 0; }\n" +
			"module_init(hello);\nMODULE_LICENSE(\"GPL\");\n",
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "make", "-C", flavour, "M="+m, "modules").CombinedOutput()
	if err != nil {
		t.Fatalf("make -C %s M=... modules: %v\n%s", flavour, err, out)
	}
	if _, err := os.Stat(filepath.Join(m, "hello.ko")); err != nil {
		t.Fatalf("no hello.ko: %v\n%s", err, out)
	}
}

// A cancelled context ends the retries at once, and a Finder does not remember the cancelled search.
func TestDownloadCancel(t *testing.T) {
	r := newRepo(t)
	r.fail["/pkg/h.tar.xz"] = -1
	o := downloadOptions(t, r.srv.URL+"/pkg/h.tar.xz")
	o.Attempts, o.RetryDelay = 100, time.Hour
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	var f Finder
	start := time.Now()
	_, err := f.Find(ctx, o)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
	r.mu.Lock()
	r.fail["/pkg/h.tar.xz"] = 0
	r.files["/pkg/h.tar.xz"] = kheadersArchive(t, tree{})
	r.mu.Unlock()
	if res, err := f.Find(context.Background(), o); err != nil || res.Fetch != FetchDownloadOK {
		t.Fatalf("after the cancelled search: %v %v", res, err)
	}
}
