package kheaders

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ulikunitz/xz"
)

// The target of the fake trees: Debian's release string, whose version code is 6.1.192's, not 6.1.0's.
const (
	testRelease = "6.1.0-57-amd64"
	testCode    = 0x0601c0
)

// tree describes a fake header tree: which files to write and with what values.
type tree struct {
	release string
	code    uint32
	skip    []string          // files not to write
	extra   map[string]string // more files
}

var treeFiles = []string{
	utsReleaseH, versionH,
	"include/linux/types.h", "include/linux/kconfig.h", "include/generated/autoconf.h",
	"arch/x86/include/asm/ptrace.h", "arch/x86/include/generated/asm/syscalls_64.h",
}

// files returns the tree's files and contents.
func (tr tree) files() map[string]string {
	if tr.release == "" {
		tr.release = testRelease
	}
	if tr.code == 0 {
		tr.code = testCode
	}
	m := map[string]string{}
	for f, data := range tr.extra {
		m[f] = data
	}
	for _, f := range treeFiles {
		if slices.Contains(tr.skip, f) {
			continue
		}
		switch f {
		case utsReleaseH:
			m[f] = fmt.Sprintf("#define UTS_RELEASE \"%s\"\n", tr.release)
		case versionH:
			m[f] = fmt.Sprintf("#define LINUX_VERSION_CODE %d\n#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))\n", tr.code)
		default:
			m[f] = "/* " + f + " */\n"
		}
	}
	return m
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (tr tree) write(t testing.TB, dir string) string {
	t.Helper()
	writeFiles(t, dir, tr.files())
	return dir
}

// writeSplit writes Debian's split layout under root: the flavour directory holds the generated files
// and a Makefile including the -common directory by absolute path (as seen from root).
func writeSplit(t testing.TB, root, release string) (flavour, common string) {
	t.Helper()
	common = "/usr/src/linux-headers-" + strings.TrimSuffix(release, "-amd64") + "-common"
	flavour = "/usr/src/linux-headers-" + release
	for name, data := range (tree{release: release}).files() {
		dir := common
		if strings.Contains(name, "generated") {
			dir = flavour
		}
		writeFiles(t, filepath.Join(root, dir), map[string]string{name: data})
	}
	writeFiles(t, filepath.Join(root, flavour), map[string]string{"Makefile": "include " + common + "/Makefile\n"})
	writeFiles(t, filepath.Join(root, common), map[string]string{"Makefile": "# the kernel's Makefile\n"})
	return filepath.Join(root, flavour), filepath.Join(root, common)
}

// tarEntry is one entry of a test archive.
type tarEntry struct {
	name, body, link string
	typ              byte
}

// makeTar writes entries as a tar, xz-compressed when compress is set.
func makeTar(t testing.TB, entries []tarEntry, compress bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	var tw *tar.Writer
	var xw *xz.Writer
	if compress {
		var err error
		if xw, err = xz.NewWriter(&buf); err != nil {
			t.Fatal(err)
		}
		tw = tar.NewWriter(xw)
	} else {
		tw = tar.NewWriter(&buf)
	}
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Typeflag: e.typ, Linkname: e.link, Mode: 0o644, ModTime: time.Unix(1700000000, 0)}
		if h.Typeflag == 0 {
			h.Typeflag = tar.TypeReg
		}
		if h.Typeflag == tar.TypeDir {
			h.Mode = 0o755
		}
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(e.body))
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := tw.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if xw != nil {
		if err := xw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// kheadersArchive is a tree as gen_kheaders.sh packs it: "./"-relative entries, xz-compressed.
func kheadersArchive(t testing.TB, tr tree) []byte {
	entries := []tarEntry{{name: "./", typ: tar.TypeDir}}
	files := tr.files()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		entries = append(entries, tarEntry{name: "./" + n, body: files[n]})
	}
	return makeTar(t, entries, true)
}

// baseOptions searches a private fake root for testRelease, without touching the running kernel.
func baseOptions(t *testing.T) (Options, string) {
	root := t.TempDir()
	return Options{
		Release: testRelease, VersionCode: testCode, Arch: "x86", DebArch: "amd64",
		Root: root, CacheDir: filepath.Join(root, "cache"), Log: t.Logf,
	}, root
}

func TestDiscovery(t *testing.T) {
	type check func(t *testing.T, root string, res *Result)
	tests := []struct {
		name    string
		setup   func(t *testing.T, root string, o *Options)
		want    FetchResult
		source  Source
		check   check
		wantErr error // for failures: a sentinel the error must wrap
	}{
		{
			name: "custom",
			setup: func(t *testing.T, root string, o *Options) {
				o.Dirs = []string{tree{}.write(t, filepath.Join(root, "custom"))}
				tree{}.write(t, filepath.Join(root, "usr/src/linux-headers-"+testRelease))
			},
			want: FetchCustomFound, source: SourceCustom,
			check: func(t *testing.T, root string, res *Result) {
				wantDirs(t, res.Set, filepath.Join(root, "custom"))
			},
		},
		{
			name: "custom split given as two dirs",
			setup: func(t *testing.T, root string, o *Options) {
				f, c := writeSplit(t, filepath.Join(root, "x"), testRelease)
				os.Remove(filepath.Join(f, "Makefile"))
				o.Dirs = []string{f, c}
			},
			want: FetchCustomFound, source: SourceCustom,
			check: func(t *testing.T, root string, res *Result) {
				if len(res.Rejected) != 2 || len(res.Set.Dirs) != 2 {
					t.Errorf("want both dirs rejected alone and accepted together, got %v / %v", res.Rejected, res.Set.Dirs)
				}
			},
		},
		{
			name: "wrong version custom skipped for default",
			setup: func(t *testing.T, root string, o *Options) {
				o.Dirs = []string{tree{code: 0x060100}.write(t, filepath.Join(root, "custom"))}
				os.MkdirAll(filepath.Join(root, "lib/modules", testRelease), 0o755)
				tree{}.write(t, filepath.Join(root, "usr/src/kernels", testRelease))
				// An absolute symlink resolves under Root, not on the host.
				os.Symlink("/usr/src/kernels/"+testRelease, filepath.Join(root, "lib/modules", testRelease, "build"))
			},
			want: FetchDefaultFound, source: SourceDefault,
			check: func(t *testing.T, root string, res *Result) {
				wantDirs(t, res.Set, filepath.Join(root, "usr/src/kernels", testRelease))
				if len(res.Rejected) != 1 || !errors.Is(res.Rejected[0].Err, ErrVersionMismatch) {
					t.Fatalf("rejected = %v, want one version mismatch", res.Rejected)
				}
				msg := res.Rejected[0].String()
				if !strings.Contains(msg, "0x60100 (6.1.0), want 0x601c0 (6.1.192)") || !strings.Contains(msg, "(custom)") {
					t.Errorf("reason %q does not say which codes differ", msg)
				}
			},
		},
		{
			name: "debian split layout",
			setup: func(t *testing.T, root string, o *Options) {
				writeSplit(t, root, testRelease)
				os.MkdirAll(filepath.Join(root, "lib/modules", testRelease), 0o755)
				os.Symlink("/usr/src/linux-headers-"+testRelease, filepath.Join(root, "lib/modules", testRelease, "build"))
				os.Symlink("/usr/src/linux-headers-6.1.0-57-common", filepath.Join(root, "lib/modules", testRelease, "source"))
			},
			want: FetchDefaultFound, source: SourceDefault,
			check: func(t *testing.T, root string, res *Result) {
				wantDirs(t, res.Set, filepath.Join(root, "usr/src/linux-headers-"+testRelease),
					filepath.Join(root, "usr/src/linux-headers-6.1.0-57-common"))
				inc := res.Set.IncludeDirs()
				want := []string{
					filepath.Join(root, "usr/src/linux-headers-6.1.0-57-common/arch/x86/include"),
					filepath.Join(root, "usr/src/linux-headers-"+testRelease+"/arch/x86/include"),
					filepath.Join(root, "usr/src/linux-headers-"+testRelease+"/arch/x86/include/generated"),
					filepath.Join(root, "usr/src/linux-headers-6.1.0-57-common/include"),
					filepath.Join(root, "usr/src/linux-headers-"+testRelease+"/include"),
					filepath.Join(root, "usr/src/linux-headers-"+testRelease+"/include/generated/uapi"),
				}
				if !slices.Equal(inc, want) {
					t.Errorf("IncludeDirs = %q, want %q", inc, want)
				}
			},
		},
		{
			name: "kheaders archive",
			setup: func(t *testing.T, root string, o *Options) {
				writeFiles(t, root, map[string]string{"sys/kernel/kheaders.tar.xz": string(kheadersArchive(t, tree{}))})
			},
			want: FetchKheadersFound, source: SourceKheaders,
			check: func(t *testing.T, root string, res *Result) {
				d := res.Set.Dirs[0]
				if filepath.Dir(d) != filepath.Join(root, "cache/kheaders") || !strings.HasPrefix(filepath.Base(d), testRelease+"-") {
					t.Errorf("extracted into %s, want cache/kheaders/%s-SHA", d, testRelease)
				}
			},
		},
		{
			name: "downloaded before",
			setup: func(t *testing.T, root string, o *Options) {
				writeSplit(t, filepath.Join(root, "cache/download/amd64", testRelease), testRelease)
				os.Chmod(filepath.Join(root, "cache"), 0o700)
			},
			want: FetchDownloadedFound, source: SourceDownloaded,
		},
		{
			name:    "nothing, no download",
			setup:   func(t *testing.T, root string, o *Options) {},
			want:    FetchNotFoundNoDownload,
			wantErr: ErrNotFound,
		},
		{
			name: "release mismatch",
			setup: func(t *testing.T, root string, o *Options) {
				tree{release: "6.1.0-56-amd64"}.write(t, filepath.Join(root, "usr/src/linux-headers-"+testRelease))
			},
			want:    FetchValidationFailure,
			wantErr: ErrReleaseMismatch,
		},
		{
			name: "version mismatch only",
			setup: func(t *testing.T, root string, o *Options) {
				tree{code: 0x0601bf}.write(t, filepath.Join(root, "usr/src/linux-headers-"+testRelease))
				writeFiles(t, root, map[string]string{"sys/kernel/kheaders.tar.xz": string(kheadersArchive(t, tree{code: 0x0601bf}))})
			},
			want:    FetchValidationFailure,
			wantErr: ErrVersionMismatch,
			check: func(t *testing.T, root string, res *Result) {
				if ents, _ := os.ReadDir(filepath.Join(root, "cache/kheaders")); len(ents) != 1 || ents[0].Name() != "sums" {
					t.Errorf("a rejected kheaders extraction stayed in the cache: %v", ents)
				}
			},
		},
		{
			name: "missing critical headers",
			setup: func(t *testing.T, root string, o *Options) {
				tree{skip: []string{"include/linux/kconfig.h", "arch/x86/include/generated/asm/syscalls_64.h"}}.write(t,
					filepath.Join(root, "usr/src/linux-headers-"+testRelease))
			},
			want:    FetchValidationFailure,
			wantErr: ErrMissingHeaders,
			check: func(t *testing.T, root string, res *Result) {
				if msg := res.Rejected[0].Err.Error(); !strings.Contains(msg, "include/linux/kconfig.h, arch/x86/include/generated") {
					t.Errorf("reason %q does not list the missing headers", msg)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, root := baseOptions(t)
			tc.setup(t, root, &o)
			res, err := Find(context.Background(), o)
			if res.Fetch != tc.want {
				t.Fatalf("Fetch = %v, want %v (err %v)", res.Fetch, tc.want, err)
			}
			if tc.wantErr != nil {
				var fe *FindError
				if !errors.As(err, &fe) || fe.Result != tc.want || !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want a *FindError %v wrapping %v", err, tc.want, tc.wantErr)
				}
				t.Logf("error: %v", err)
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if res.Set.Source != tc.source || res.Set.Release != testRelease || res.Set.VersionCode != testCode || len(res.Set.ID) != 64 {
					t.Errorf("set = %+v", res.Set)
				}
			}
			if tc.check != nil {
				tc.check(t, root, res)
			}
		})
	}
}

func wantDirs(t *testing.T, s *Set, dirs ...string) {
	t.Helper()
	if !slices.Equal(s.Dirs, dirs) {
		t.Errorf("Dirs = %q, want %q", s.Dirs, dirs)
	}
}

// The kheaders archive is extracted once: a second search reuses the tree, and the ID stays.
func TestKheadersOnce(t *testing.T) {
	o, root := baseOptions(t)
	writeFiles(t, root, map[string]string{"sys/kernel/kheaders.tar.xz": string(kheadersArchive(t, tree{}))})
	r1, err := Find(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	logged := ""
	o.Log = func(f string, a ...any) { logged += fmt.Sprintf(f, a...) + "\n" }
	r2, err := Find(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logged, "extracting") || r1.Set.ID != r2.Set.ID {
		t.Errorf("second search extracted again or changed the ID:\n%s", logged)
	}
	// Another archive for the same release (another build) is another cache entry.
	writeFiles(t, root, map[string]string{"sys/kernel/kheaders.tar.xz": string(kheadersArchive(t,
		tree{extra: map[string]string{"include/linux/bpf.h": ""}}))})
	r3, err := Find(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if r3.Set.Dirs[0] == r1.Set.Dirs[0] || !strings.Contains(logged, "extracting") {
		t.Errorf("a new archive reused %s", r1.Set.Dirs[0])
	}
}

// A Finder keeps the first result per target: the tree removed afterwards does not change it, another
// release searches again.
func TestFinderRemembers(t *testing.T) {
	o, root := baseOptions(t)
	dir := tree{}.write(t, filepath.Join(root, "usr/src/linux-headers-"+testRelease))
	var f Finder
	r1, err := f.Find(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(dir)
	r2, err := f.Find(context.Background(), o)
	if err != nil || r2 != r1 {
		t.Fatalf("second Find = %v, %v; want the first result", r2, err)
	}
	o.Release = "6.1.0-58-amd64"
	if r3, err := f.Find(context.Background(), o); err == nil || r3.Fetch != FetchNotFoundNoDownload {
		t.Fatalf("another release: %v, %v", r3, err)
	}
}

// The ID changes when the set is replaced (another inode) and stays for the same files.
func TestSetID(t *testing.T) {
	o, root := baseOptions(t)
	dir := tree{}.write(t, filepath.Join(root, "usr/src/linux-headers-"+testRelease))
	r1, _ := Find(context.Background(), o)
	r2, _ := Find(context.Background(), o)
	if r1.Set == nil || r1.Set.ID != r2.Set.ID {
		t.Fatal("same tree, different IDs")
	}
	p := filepath.Join(dir, "include/generated/autoconf.h")
	os.Remove(p)
	os.WriteFile(p, []byte("#define CONFIG_BPF 1\n"), 0o644)
	r3, _ := Find(context.Background(), o)
	if r3.Set.ID == r1.Set.ID {
		t.Error("autoconf.h replaced, ID unchanged")
	}
}

// Without a VersionCode, a release other than the running kernel's is a host version error, not a guess
// from the release string.
func TestHostVersion(t *testing.T) {
	o, _ := baseOptions(t)
	o.VersionCode = 0
	o.Release = "0.0.0-not-running"
	res, err := Find(context.Background(), o)
	var fe *FindError
	if res.Fetch != FetchHostVersionError || !errors.As(err, &fe) {
		t.Fatalf("got %v, %v", res.Fetch, err)
	}
	h, err := RunningKernel()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("running kernel: %s %q %s code %#x (%v)", h.Release, h.Version, h.Machine, h.VersionCode, h.VersionErr)
	if h.VersionErr != nil {
		t.Fatalf("no version code for the running kernel: %v", h.VersionErr)
	}
	if v, ok := versionFromUnameV("#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-1 (2026-11-26)"); !ok || v != 0x0601c0 {
		t.Errorf("uname -v: %#x %v", v, ok)
	}
	if v, ok := versionFromUnameV("#1 SMP Debian 4.9.337-1 (2022)"); !ok || v != KernelVersion(4, 9, 255) {
		t.Errorf("sublevel not saturated: %#x %v", v, ok)
	}
}

// Concurrent searches for one target through one Finder run one search and share its result.
func TestFinderConcurrent(t *testing.T) {
	o, root := baseOptions(t)
	writeFiles(t, root, map[string]string{"sys/kernel/kheaders.tar.xz": string(kheadersArchive(t, tree{}))})
	var extractions int
	var mu sync.Mutex
	o.Log = func(f string, a ...any) {
		if strings.HasPrefix(f, "kheaders: extracting") {
			mu.Lock()
			extractions++
			mu.Unlock()
		}
	}
	var f Finder
	var wg sync.WaitGroup
	results := make([]*Result, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = f.Find(context.Background(), o)
		}()
	}
	wg.Wait()
	for _, r := range results {
		if r != results[0] || r.Set == nil {
			t.Fatalf("results differ or failed: %v", results)
		}
	}
	if extractions != 1 {
		t.Errorf("%d extractions", extractions)
	}
}

// The search a compile's cache-hit path runs in every process: a few stats and two small reads.
func BenchmarkFindDefault(b *testing.B) {
	root := b.TempDir()
	writeSplit(b, root, testRelease)
	o := Options{Release: testRelease, VersionCode: testCode, Arch: "x86", DebArch: "amd64", Root: root,
		CacheDir: filepath.Join(root, "cache")}
	for b.Loop() {
		if _, err := Find(context.Background(), o); err != nil {
			b.Fatal(err)
		}
	}
}

// The kheaders path once extracted: the archive's sum comes from the memo, not from hashing it.
func BenchmarkFindKheaders(b *testing.B) {
	root := b.TempDir()
	writeFiles(b, root, map[string]string{"sys/kernel/kheaders.tar.xz": string(kheadersArchive(b, tree{}))})
	o := Options{Release: testRelease, VersionCode: testCode, Arch: "x86", DebArch: "amd64", Root: root,
		CacheDir: filepath.Join(root, "cache")}
	for b.Loop() {
		if res, err := Find(context.Background(), o); err != nil || res.Fetch != FetchKheadersFound {
			b.Fatal(err)
		}
	}
}

// Paths under Root resolve as the system under it would see them: absolute links and ".." stay inside.
func TestResolveIn(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "usr/src/real"), 0o755)
	os.MkdirAll(filepath.Join(root, "lib/modules/R"), 0o755)
	os.Symlink("/usr/src/real", filepath.Join(root, "lib/modules/R/build"))
	os.Symlink("../../../../../../usr/src/real", filepath.Join(root, "lib/modules/R/source"))
	os.Symlink("/etc", filepath.Join(root, "lib/modules/R/etc"))
	for p, want := range map[string]string{
		"/lib/modules/R/build":  filepath.Join(root, "usr/src/real"),
		"/lib/modules/R/source": filepath.Join(root, "usr/src/real"),
		"/../../usr/src/real":   filepath.Join(root, "usr/src/real"),
	} {
		if got, err := resolveIn(root, p); err != nil || got != want {
			t.Errorf("resolveIn(%s) = %q, %v; want %q", p, got, err, want)
		}
	}
	if got, err := resolveIn(root, "/lib/modules/R/etc"); err == nil {
		t.Errorf("a link to the host's /etc resolved to %s", got)
	}
}

// Telemetry names are unique, stable-looking identifiers for every code.
func TestFetchResultNames(t *testing.T) {
	seen := map[string]bool{}
	for r := FetchNotAttempted; r < numFetchResults; r++ {
		n := r.String()
		if n == "" || seen[n] || strings.ContainsAny(n, " -") {
			t.Errorf("%d: bad or repeated name %q", int(r), n)
		}
		seen[n] = true
		if r.Found() != (r >= FetchCustomFound && r <= FetchDownloadOK) {
			t.Errorf("%s: Found() = %v", n, r.Found())
		}
	}
	if FetchHostVersionError.String() != "host_version_error" || FetchResult(99).String() != "fetch_result_99" {
		t.Error(FetchHostVersionError, FetchResult(99))
	}
}
