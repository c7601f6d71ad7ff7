package kheaders

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Options configure a header search. The zero value searches for the running kernel's headers in the
// default places and its kheaders archive, with the default cache and no download.
type Options struct {
	// Dirs are configured header roots, tried first: each one alone (with the -common directory its
	// Makefile includes, for Debian's flavour directories), then all of them together as one set (for
	// a flavour and a -common directory given separately).
	Dirs []string
	// Release is the target kernel's release (UTS_RELEASE); "" means the running kernel's (uname -r).
	Release string
	// VersionCode is the target kernel's LINUX_VERSION_CODE; 0 means the running kernel's (its vDSO note,
	// else uname -v). It is required when Release names another kernel: a code derived from the release
	// string would be wrong for Debian (6.1.0-57-amd64 is 6.1.192).
	VersionCode uint32
	// Arch is the kernel's SRCARCH (x86, arm64, ...); "" means the running machine's (uname -m).
	Arch string
	// DebArch is the Debian architecture of downloads ({arch}, binary-ARCH); "" derives it from uname -m.
	DebArch string
	// KheadersArchive is a kheaders archive to use; "" means Root/sys/kernel/kheaders.tar.xz, the
	// running kernel's (CONFIG_IKHEADERS; `modprobe kheaders` when it is a module — Find does not load it).
	KheadersArchive string
	// CacheDir holds extracted archives and downloads; "" means $XDG_CACHE_HOME/kbuild-go/kheaders, or
	// ~/.cache/kbuild-go/kheaders. It is made private (PrivateDir) before it is used.
	CacheDir string
	// Download lists where to download headers from, tried in order when nothing else validates:
	//   - a URL template of a header package (.deb, or a tar optionally compressed), with {release},
	//     {arch} (Debian's: amd64) and {srcarch} (x86) placeholders; when URL.sha256 exists its first
	//     word is the expected sha256;
	//   - a Debian repository as a sources.list line, "deb BASE-URL SUITE [COMPONENT...]" (default
	//     component main): BASE/dists/SUITE/COMPONENT/binary-ARCH/Packages.xz (or Packages) is read,
	//     linux-headers-RELEASE and the -common and linux-kbuild packages it depends on are downloaded
	//     and checked against the index's SHA256 and Size.
	Download []string
	// Root is the file system root the default places and the kheaders archive are looked up under
	// ("" = "/"); absolute symlinks under it resolve inside it.
	Root string
	// Log, when set, receives one line per step and per rejected candidate (-v).
	Log func(format string, args ...any)
	// Client is the HTTP client of downloads; nil means one with a 2-minute timeout per request.
	Client *http.Client
	// Attempts bounds the tries of each download request (0 = 3); RetryDelay is the first pause between
	// tries (0 = 500ms), doubled after each failure.
	Attempts   int
	RetryDelay time.Duration
}

// Result is the outcome of a search: the set found (nil on failure), how it was found, and every
// candidate rejected on the way.
type Result struct {
	Set      *Set
	Fetch    FetchResult
	Rejected []Rejection
}

// Find searches for the target kernel's headers, in order: Options.Dirs, the default places under Root
// (/lib/modules/R/build, /lib/modules/R/source, /usr/src/linux-headers-R, /usr/src/kernels/R; a Debian
// flavour directory brings the -common directory its Makefile includes), the kheaders archive (extracted
// once into CacheDir/kheaders/R-SHA, keyed by the release and the archive's sha256), headers downloaded
// by an earlier run (CacheDir/download/ARCH/R), and a download. The first candidate that validates is
// returned. On failure the error is a *FindError, and the Result is returned too (its Fetch and
// Rejected say why). Find does not remember results; a Finder does.
func Find(ctx context.Context, opts Options) (*Result, error) {
	t, err := resolveTarget(&opts)
	if err != nil {
		res := &Result{Fetch: FetchHostVersionError}
		return res, &FindError{Release: opts.Release, Result: res.Fetch, Err: err}
	}
	s := &search{opts: opts, t: t, res: &Result{}, seen: map[string]bool{}}
	return s.run(ctx)
}

// Finder remembers search results for the life of the process, per target kernel (release, version code,
// arch) and configuration, as the seed does for its first search: downloads and extractions are not worth
// repeating, and a failure is not retried either. Concurrent calls for one key wait for one search. A
// search ended by its context is not remembered. The zero value is ready to use.
type Finder struct {
	mu    sync.Mutex
	calls map[string]*findCall
}

type findCall struct {
	done chan struct{}
	res  *Result
	err  error
}

// Find is the package's Find, remembered.
func (f *Finder) Find(ctx context.Context, opts Options) (*Result, error) {
	t, err := resolveTarget(&opts)
	if err != nil {
		res := &Result{Fetch: FetchHostVersionError}
		return res, &FindError{Release: opts.Release, Result: res.Fetch, Err: err}
	}
	key := fmt.Sprintf("%s\x00%d\x00%s\x00%q\x00%s\x00%s\x00%q\x00%s\x00%s", t.release, t.versionCode, t.arch,
		opts.Dirs, opts.KheadersArchive, opts.CacheDir, opts.Download, opts.Root, opts.DebArch)
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]*findCall{}
	}
	if c, ok := f.calls[key]; ok {
		f.mu.Unlock()
		select {
		case <-c.done:
			return c.res, c.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	c := &findCall{done: make(chan struct{})}
	f.calls[key] = c
	f.mu.Unlock()

	s := &search{opts: opts, t: t, res: &Result{}, seen: map[string]bool{}}
	c.res, c.err = s.run(ctx)
	if ctx.Err() != nil {
		f.mu.Lock()
		delete(f.calls, key)
		f.mu.Unlock()
	}
	close(c.done)
	return c.res, c.err
}

// resolveTarget fills the target kernel's release, version code and arch from the options and the
// running kernel, and the defaults of Root and CacheDir.
func resolveTarget(opts *Options) (target, error) {
	if opts.Root == "" {
		opts.Root = "/"
	}
	if opts.CacheDir == "" {
		base := os.Getenv("XDG_CACHE_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return target{}, fmt.Errorf("no CacheDir: %w", err)
			}
			base = filepath.Join(home, ".cache")
		}
		opts.CacheDir = filepath.Join(base, "kbuild-go", "kheaders")
	}
	t := target{release: opts.Release, versionCode: opts.VersionCode, arch: opts.Arch}
	if t.release != "" && t.versionCode != 0 && t.arch != "" && opts.DebArch != "" {
		return t, nil
	}
	host, err := RunningKernel()
	if err != nil {
		return t, err
	}
	if t.arch == "" {
		t.arch = srcArch(host.Machine)
	}
	if opts.DebArch == "" {
		opts.DebArch = debArch(host.Machine)
	}
	if t.release == "" {
		t.release = host.Release
		opts.Release = host.Release
	}
	if t.versionCode == 0 {
		if t.release != host.Release {
			return t, fmt.Errorf("release %s is not the running kernel's (%s): its VersionCode must be given",
				t.release, host.Release)
		}
		if host.VersionErr != nil {
			return t, fmt.Errorf("version code of the running kernel: %w", host.VersionErr)
		}
		t.versionCode = host.VersionCode
	}
	return t, nil
}

// search is the state of one Find.
type search struct {
	opts Options
	t    target
	res  *Result
	seen map[string]bool // roots already tried (a -common directory tried with its flavour is not tried alone)
	// stale: the download of an earlier run was rejected; a new download replaces it.
	stale bool
}

func (s *search) logf(format string, args ...any) {
	if s.opts.Log != nil {
		s.opts.Log(format, args...)
	}
}

func joinDirs(dirs []string) string { return strings.Join(dirs, "+") }

// try validates one candidate and reports whether it is the result (then in s.res.Set).
func (s *search) try(dirs []string, src Source) bool {
	for _, d := range dirs {
		s.seen[d] = true
	}
	set, err := validate(dirs, s.t)
	if err != nil {
		s.reject(dirs, src, err)
		return false
	}
	set.Source = src
	s.res.Set = set
	s.logf("kheaders: using %s (%s, release %s, version %s)", joinDirs(dirs), src, set.Release,
		versionString(set.VersionCode))
	return true
}

// reject records a candidate skipped and why, and logs it.
func (s *search) reject(dirs []string, src Source, err error) {
	r := Rejection{Dirs: dirs, Source: src, Err: err}
	s.res.Rejected = append(s.res.Rejected, r)
	s.logf("kheaders: rejected %s", r)
}

func (s *search) done(code FetchResult) (*Result, error) {
	s.res.Fetch = code
	return s.res, nil
}

func (s *search) fail(code FetchResult, err error) (*Result, error) {
	s.res.Fetch = code
	return s.res, &FindError{Release: s.t.release, VersionCode: s.t.versionCode, Result: code,
		Rejected: s.res.Rejected, Err: err}
}

func (s *search) run(ctx context.Context) (*Result, error) {
	// 1. Configured directories: each alone, then all together.
	if len(s.opts.Dirs) > 0 {
		var all []string
		for _, d := range s.opts.Dirs {
			abs, err := filepath.Abs(d)
			if err == nil {
				abs, err = filepath.EvalSymlinks(abs)
			}
			if err != nil {
				s.reject([]string{d}, SourceCustom, err)
				continue
			}
			all = append(all, abs)
			if s.try(expandSplit(abs, "/"), SourceCustom) {
				return s.done(FetchCustomFound)
			}
		}
		if len(all) > 1 && s.try(all, SourceCustom) {
			return s.done(FetchCustomFound)
		}
	}

	// 2. The default places for the release.
	r := s.t.release
	for _, p := range []string{"/lib/modules/" + r + "/build", "/lib/modules/" + r + "/source",
		"/usr/src/linux-headers-" + r, "/usr/src/kernels/" + r} {
		d, err := resolveIn(s.opts.Root, p)
		if err != nil || s.seen[d] {
			continue
		}
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		if s.try(expandSplit(d, s.opts.Root), SourceDefault) {
			return s.done(FetchDefaultFound)
		}
	}

	// The cache holds trees trusted from here on: it must be private.
	if err := PrivateDir(s.opts.CacheDir); err != nil {
		return s.fail(FetchCacheDirError, err)
	}

	// 3. The kheaders archive.
	if s.kheaders(ctx) {
		return s.done(FetchKheadersFound)
	}
	if err := ctx.Err(); err != nil {
		return s.fail(FetchValidationFailure, err)
	}

	// 4. Headers downloaded by an earlier run.
	dl := s.downloadDir()
	if st, err := os.Lstat(dl); err == nil && st.IsDir() {
		if dirs := detectTree(dl, r); dirs != nil {
			if s.try(dirs, SourceDownloaded) {
				return s.done(FetchDownloadedFound)
			}
		} else {
			s.reject([]string{dl}, SourceDownloaded, reasonf(ErrMissingHeaders, "no header tree for %s", r))
		}
		s.stale = true
	}

	// 5. A download.
	if len(s.opts.Download) == 0 {
		if len(s.res.Rejected) > 0 {
			return s.fail(FetchValidationFailure, nil)
		}
		return s.fail(FetchNotFoundNoDownload, ErrNotFound)
	}
	code := FetchDownloadFailure
	var last error
	for _, src := range s.opts.Download {
		ok, validated, err := s.download(ctx, src, dl)
		if ok {
			return s.done(FetchDownloadOK)
		}
		if validated {
			code = FetchValidationFailure // downloaded, unpacked, but not the target's headers
		} else {
			s.reject([]string{src}, SourceDownload, err)
			last = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return s.fail(code, last)
}

// kheaders extracts (once) and validates the kheaders archive.
func (s *search) kheaders(ctx context.Context) bool {
	archive := s.opts.KheadersArchive
	if archive == "" {
		archive = filepath.Join(s.opts.Root, "sys/kernel/kheaders.tar.xz")
	}
	st, err := os.Stat(archive)
	if err != nil {
		if s.opts.KheadersArchive != "" {
			s.reject([]string{archive}, SourceKheaders, err)
		} else {
			s.logf("kheaders: no %s (CONFIG_IKHEADERS off, or `modprobe kheaders` needed)", archive)
		}
		return false
	}
	sum, err := s.archiveSum(archive, st)
	if err != nil {
		s.reject([]string{archive}, SourceKheaders, err)
		return false
	}
	dest := filepath.Join(s.opts.CacheDir, "kheaders", s.t.release+"-"+sum[:16])
	if _, err := os.Lstat(dest); err != nil {
		s.logf("kheaders: extracting %s into %s", archive, dest)
		if err := extractAll(ctx, dest, []string{archive}); err != nil {
			s.reject([]string{archive}, SourceKheaders, err)
			return false
		}
	}
	if s.try([]string{dest}, SourceKheaders) {
		return true
	}
	// Not this kernel's: the tree is of no use under this release's name.
	os.RemoveAll(dest)
	return false
}

// archiveSum returns the archive's sha256. /sys/kernel/kheaders.tar.xz is several MB, hashed on every
// process start otherwise; the sum is remembered in CacheDir/kheaders/sums keyed by the archive's path
// and stat identity (device, inode, size, mtime), which change when the archive is replaced, and by the
// boot id: sysfs gives its files new identities at boot but may repeat them, and a rebuilt kernel of the
// same release after a reboot must not find the old sum.
func (s *search) archiveSum(archive string, st fs.FileInfo) (string, error) {
	id := &identity{h: new(bytes.Buffer)}
	id.add(archive, st)
	boot, _ := os.ReadFile(filepath.Join(s.opts.Root, "proc/sys/kernel/random/boot_id"))
	id.h.Write(boot)
	key := sha256.Sum256(id.h.Bytes())
	memo := filepath.Join(s.opts.CacheDir, "kheaders", "sums", hex.EncodeToString(key[:16]))
	if b, err := os.ReadFile(memo); err == nil && len(b) == 64 {
		return string(b), nil
	}
	f, err := os.Open(archive)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", &FileError{Path: archive, Err: err}
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if err := PrivateDir(filepath.Dir(memo)); err == nil {
		writeAtomic(memo, []byte(sum))
	}
	return sum, nil
}

// writeAtomic writes a small file by temp file and rename; failures only lose a memo.
func writeAtomic(name string, data []byte) {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-")
	if err != nil {
		return
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil && cerr == nil {
		if os.Rename(f.Name(), name) == nil {
			return
		}
	}
	os.Remove(f.Name())
}

func (s *search) downloadDir() string {
	return filepath.Join(s.opts.CacheDir, "download", s.opts.DebArch, s.t.release)
}

// expandSplit returns dir, followed by the directory its Makefile includes when that Makefile is
// Debian's flavour stub ("include /usr/src/linux-headers-R-common/Makefile"). The included path is
// looked up under root (the path as written when root is "/").
func expandSplit(dir, root string) []string {
	dirs := []string{dir}
	f, err := os.Open(filepath.Join(dir, "Makefile"))
	if err != nil {
		return dirs
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Size() > 4096 {
		return dirs // the kernel's own Makefile, not a stub
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 2 || fields[0] != "include" || !filepath.IsAbs(fields[1]) ||
			filepath.Base(fields[1]) != "Makefile" {
			continue
		}
		inc := filepath.Dir(filepath.Clean(fields[1]))
		for _, r := range []string{root, "/"} {
			c, err := resolveIn(r, inc)
			if err != nil || c == dir {
				continue
			}
			if st, err := os.Stat(c); err == nil && st.IsDir() {
				return append(dirs, c)
			}
		}
	}
	return dirs
}

// detectTree finds the header roots in an unpacked download: Debian's usr/src/linux-headers-R (with its
// -common directory), a linux-headers-R directory, the root itself, or its only subdirectory.
func detectTree(root, release string) []string {
	isDir := func(p string) bool {
		st, err := os.Stat(p)
		return err == nil && st.IsDir()
	}
	for _, p := range []string{filepath.Join(root, "usr/src/linux-headers-"+release),
		filepath.Join(root, "linux-headers-"+release)} {
		if isDir(p) {
			return expandSplit(p, root)
		}
	}
	if isDir(filepath.Join(root, "include")) {
		return expandSplit(root, root)
	}
	ents, err := os.ReadDir(root)
	if err == nil && len(ents) == 1 && ents[0].IsDir() {
		p := filepath.Join(root, ents[0].Name())
		if isDir(filepath.Join(p, "include")) {
			return expandSplit(p, root)
		}
	}
	return nil
}

// resolveIn resolves the absolute path p as the system under root would see it: symlinks are followed,
// absolute targets and ".." stay under root. It returns a host path.
func resolveIn(root, p string) (string, error) {
	if root == "/" || root == "" {
		return filepath.EvalSymlinks(p)
	}
	root = filepath.Clean(root)
	cur, rest, err := walkLinks(nil, strings.Split(filepath.Clean(p), "/"), nil, func(rel string) (entryKind, string, error) {
		st, err := os.Lstat(filepath.Join(root, rel))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return kindNone, "", nil
		case err != nil:
			return kindNone, "", err
		case st.Mode()&fs.ModeSymlink != 0:
			t, err := os.Readlink(filepath.Join(root, rel))
			return kindSymlink, t, err
		case st.IsDir():
			return kindDir, "", nil
		}
		return kindFile, "", nil
	})
	if err != nil {
		return "", fmt.Errorf("%s: %w", p, err)
	}
	if len(rest) > 0 {
		return "", fmt.Errorf("%s under %s: %w", p, root, fs.ErrNotExist)
	}
	return filepath.Join(append([]string{root}, cur...)...), nil
}
