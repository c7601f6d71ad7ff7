package kheaders

import (
	"archive/tar"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// extractBytes writes data as an archive file and extracts it into parent/out.
func extractBytes(t *testing.T, data []byte) (parent string, err error) {
	t.Helper()
	parent = filepath.Join(t.TempDir(), "cache")
	if err := os.Mkdir(parent, 0o700); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "a.tar.xz")
	if err := os.WriteFile(archive, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return parent, Extract(context.Background(), archive, filepath.Join(parent, "out"))
}

// wantEmpty fails when an extraction left anything behind in dir.
func wantEmpty(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		t.Errorf("left behind: %s", filepath.Join(dir, e.Name()))
	}
}

func TestExtractKeepsAndRewritesLinks(t *testing.T) {
	parent, err := extractBytes(t, makeTar(t, []tarEntry{
		{name: "./", typ: tar.TypeDir},
		{name: "usr/src/linux-headers-R-common/include/a.h", body: "a"},
		{name: "usr/src/linux-headers-R-common/include/b.h", typ: tar.TypeSymlink, link: "a.h"},
		{name: "usr/src/linux-headers-R-common/include/c.h", typ: tar.TypeLink, link: "usr/src/linux-headers-R-common/include/a.h"},
		{name: "usr/src/linux-headers-R/scripts", typ: tar.TypeSymlink, link: "../../lib/linux-kbuild-6.1/scripts"},
		{name: "lib/modules/R/build", typ: tar.TypeSymlink, link: "/usr/src/linux-headers-R"},
		{name: "lib/modules/R/source", typ: tar.TypeSymlink, link: "/usr/src/linux-headers-R-common/"},
	}, true))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(parent, "out")
	for link, want := range map[string]string{
		"usr/src/linux-headers-R-common/include/b.h": "a.h",
		"usr/src/linux-headers-R/scripts":            "../../lib/linux-kbuild-6.1/scripts", // dangling inside: kept
		"lib/modules/R/build":                        "../../../usr/src/linux-headers-R",
		"lib/modules/R/source":                       "../../../usr/src/linux-headers-R-common",
	} {
		got, err := os.Readlink(filepath.Join(out, link))
		if err != nil || got != want {
			t.Errorf("%s -> %q (%v), want %q", link, got, err, want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(out, "lib/modules/R/source/include/c.h")); err != nil || string(b) != "a" {
		t.Errorf("hard link through rewritten link: %q %v", b, err)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o700 {
		t.Errorf("extracted root mode %v, want 0700", st.Mode().Perm())
	}
}

func TestExtractRefuses(t *testing.T) {
	dir := tarEntry{name: "d/", typ: tar.TypeDir}
	tests := []struct {
		name    string
		entries []tarEntry
		want    string // in the error
	}{
		{"dotdot", []tarEntry{dir, {name: "d/../../evil", body: "x"}}, "escapes the root by .."},
		{"absolute", []tarEntry{{name: "/tmp/evil", body: "x"}}, "absolute path"},
		{"symlink outside", []tarEntry{dir, {name: "d/l", typ: tar.TypeSymlink, link: "../../etc"}}, "points outside the root"},
		{"absolute symlink", []tarEntry{{name: "l", typ: tar.TypeSymlink, link: "/etc/passwd"}}, "outside the package's own paths"},
		{"absolute symlink escaping by ..", []tarEntry{{name: "l", typ: tar.TypeSymlink, link: "/usr/src/linux-headers-R/../../../etc"}}, "outside the package's own paths"},
		{"symlink chain outside", []tarEntry{
			{name: "deep/a/b/", typ: tar.TypeDir},
			{name: "deep/a/b/up", typ: tar.TypeSymlink, link: "../../.."}, // the root: fine
			{name: "deep/a/b/x", typ: tar.TypeSymlink, link: "up/../.."},  // lexically deep/a, really above the root
		}, "resolves outside the root"},
		{"hard link outside", []tarEntry{{name: "h", typ: tar.TypeLink, link: "../etc/passwd"}}, "hard link to ../etc/passwd outside"},
		{"hard link absolute", []tarEntry{{name: "h", typ: tar.TypeLink, link: "/etc/passwd"}}, "outside the root"},
		{"hard link to nothing", []tarEntry{{name: "h", typ: tar.TypeLink, link: "missing"}}, "not a regular file extracted before"},
		{"under a symlinked dir", []tarEntry{dir, {name: "l", typ: tar.TypeSymlink, link: "d"}, {name: "l/f", body: "x"}}, "written through the symlink l"},
		{"over a symlink", []tarEntry{{name: "f", body: "a"}, {name: "l", typ: tar.TypeSymlink, link: "f"}, {name: "l", body: "x"}}, "duplicate entry"},
		{"device", []tarEntry{{name: "null", typ: tar.TypeChar}}, "unsupported entry type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			entries := append([]tarEntry{{name: "ok/file.h", body: "fine"}}, tc.entries...)
			parent, err := extractBytes(t, makeTar(t, entries, true))
			if err == nil || !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrUnsafeArchive with %q", err, tc.want)
			}
			if strings.Count(err.Error(), "a.tar.xz") != 1 {
				t.Errorf("error not positioned once on the archive: %v", err)
			}
			t.Logf("%v", err)
			wantEmpty(t, parent)
		})
	}
}

func TestExtractCorruptXZ(t *testing.T) {
	good := kheadersArchive(t, tree{})
	for name, data := range map[string][]byte{
		"flipped":   flip(good, len(good)/2),
		"truncated": good[:len(good)-20],
		"header":    flip(good, 8),
	} {
		t.Run(name, func(t *testing.T) {
			parent, err := extractBytes(t, data)
			if err == nil || !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "corrupt xz data") {
				t.Fatalf("err = %v, want one corrupt xz error", err)
			}
			t.Logf("%v", err)
			wantEmpty(t, parent)
		})
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0xff
	return c
}

// Two extractions racing for one destination: both succeed, one tree stays, no temporary directory.
func TestExtractRace(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "cache")
	archive := filepath.Join(t.TempDir(), "k.tar.xz")
	os.WriteFile(archive, kheadersArchive(t, tree{}), 0o600)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = Extract(context.Background(), archive, filepath.Join(parent, "out"))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	ents, _ := os.ReadDir(parent)
	if len(ents) != 1 || ents[0].Name() != "out" {
		t.Errorf("parent holds %v", ents)
	}
	if _, err := validate([]string{filepath.Join(parent, "out")}, target{testRelease, testCode, "x86"}); err != nil {
		t.Error(err)
	}
}

func TestDeb(t *testing.T) {
	data := makeDeb(t, []tarEntry{{name: "./usr/src/linux-headers-R/include/a.h", body: "a"}}, false)
	parent, err := extractBytes(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(parent, "out/usr/src/linux-headers-R/include/a.h")); err != nil || string(b) != "a" {
		t.Fatalf("%q %v", b, err)
	}
	// An ar archive without a data member.
	bad := append([]byte("!<arch>\n"), arHeader("debian-binary", 4)...)
	bad = append(bad, "2.0\n"...)
	parent, err = extractBytes(t, bad)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "no data.tar member") {
		t.Fatalf("err = %v", err)
	}
	wantEmpty(t, parent)
}

func TestPrivateDir(t *testing.T) {
	base := t.TempDir()
	fresh := filepath.Join(base, "a/b/c")
	if err := PrivateDir(fresh); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"a", "a/b", "a/b/c"} {
		if st, _ := os.Stat(filepath.Join(base, d)); st.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, want 0700", d, st.Mode().Perm())
		}
	}
	if err := PrivateDir(fresh); err != nil {
		t.Fatalf("again: %v", err)
	}

	open := filepath.Join(base, "open")
	os.Mkdir(open, 0o700)
	os.Chmod(open, 0o777)
	os.Symlink(fresh, filepath.Join(base, "link"))
	os.WriteFile(filepath.Join(base, "file"), nil, 0o600)
	for name, tc := range map[string]struct{ path, want string }{
		"world-writable":       {open, "writable by others"},
		"under world-writable": {filepath.Join(open, "x"), "writable by others"},
		"symlink":              {filepath.Join(base, "link"), "is a symbolic link"},
		"through a symlink":    {filepath.Join(base, "link/sub"), "is a symbolic link"},
		"a file":               {filepath.Join(base, "file"), "not a directory"},
	} {
		t.Run(name, func(t *testing.T) {
			err := PrivateDir(tc.path)
			var de *DirError
			if !errors.As(err, &de) || !errors.Is(err, ErrUnsafeDir) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a DirError with %q", err, tc.want)
			}
			t.Logf("%v", err)
		})
	}
	if _, err := os.Lstat(filepath.Join(fresh, "sub")); err == nil {
		t.Error("created a directory through the symlink")
	}
}

// An unsafe cache directory ends the search with its own code, and nothing is extracted into it.
func TestFindUnsafeCache(t *testing.T) {
	for _, kind := range []string{"world-writable", "symlinked"} {
		t.Run(kind, func(t *testing.T) {
			o, root := baseOptions(t)
			writeFiles(t, root, map[string]string{"sys/kernel/kheaders.tar.xz": string(kheadersArchive(t, tree{}))})
			real := filepath.Join(root, "real")
			os.Mkdir(real, 0o700)
			if kind == "world-writable" {
				os.Chmod(real, 0o777)
				o.CacheDir = real
			} else {
				os.Symlink(real, filepath.Join(root, "link"))
				o.CacheDir = filepath.Join(root, "link")
			}
			res, err := Find(context.Background(), o)
			var de *DirError
			if res.Fetch != FetchCacheDirError || !errors.As(err, &de) {
				t.Fatalf("got %v, %v", res.Fetch, err)
			}
			t.Logf("%v", err)
			wantEmpty(t, real)
		})
	}
}
