package headerpkg

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ulikunitz/xz"
)

// tree makes a small header tree under dir with the given file mode bits and mtimes.
func tree(t *testing.T, dir string, mtime time.Time) {
	t.Helper()
	files := map[string]string{
		"Makefile":                     "include $(srctree)/Makefile\n",
		"include/linux/types.h":        "#define X 1\n",
		"include/linux/a.h":            "a\n",
		"include/linux.h":              "sorts between include/linux and include/linux/...\n",
		"scripts/basic/fixdep":         "\x7fELF",
		"arch/x86/include/asm/types.h": "x86\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o600)
		if strings.Contains(name, "fixdep") {
			mode = 0o700
		}
		if err := os.WriteFile(p, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, mtime, mtime)
	}
	if err := os.Symlink("../include", filepath.Join(dir, "scripts/inc")); err != nil {
		t.Fatal(err)
	}
}

func TestReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	tree(t, a, time.Unix(1e9, 0))
	tree(t, b, time.Unix(2e9, 0)) // other mtimes, other directory: the same bytes
	ts := time.Unix(1764547200, 0)
	var wa, wb bytes.Buffer
	ea, err := Write(&wa, a, Options{Prefix: "linux-headers-6.1.0", ModTime: ts})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&wb, b, Options{Prefix: "linux-headers-6.1.0", ModTime: ts}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(wa.Bytes(), wb.Bytes()) {
		t.Fatal("two packages of the same tree differ")
	}
	if len(ea) != 7 {
		t.Errorf("entries = %d, want 7 (6 files, 1 link)", len(ea))
	}

	r, err := xz.NewReader(&wa)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(r)
	var names []string
	var manifest []byte
	sums := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if h.Uid != 0 || h.Gid != 0 || !h.ModTime.Equal(ts) {
			t.Errorf("%s: uid %d gid %d mtime %v", h.Name, h.Uid, h.Gid, h.ModTime)
		}
		if !strings.HasPrefix(h.Name, "linux-headers-6.1.0/") {
			t.Errorf("%s: outside the package directory", h.Name)
		}
		body, _ := io.ReadAll(tr)
		switch {
		case strings.HasSuffix(h.Name, "/"+ManifestName):
			manifest = body
		case h.Typeflag == tar.TypeReg:
			s := sha256.Sum256(body)
			sums[strings.TrimPrefix(h.Name, "linux-headers-6.1.0/")] = hex.EncodeToString(s[:])
			want := int64(0o644)
			if strings.HasSuffix(h.Name, "fixdep") {
				want = 0o755
			}
			if h.Mode != want {
				t.Errorf("%s: mode %o, want %o", h.Name, h.Mode, want)
			}
		}
	}
	for i := 1; i < len(names)-1; i++ { // the manifest comes last
		if strings.TrimSuffix(names[i-1], "/") >= strings.TrimSuffix(names[i], "/") {
			t.Errorf("entries not sorted: %q before %q", names[i-1], names[i])
		}
	}
	lines := strings.Split(strings.TrimSuffix(string(manifest), "\n"), "\n")
	if len(lines) != len(sums) {
		t.Fatalf("manifest has %d lines for %d files:\n%s", len(lines), len(sums), manifest)
	}
	for _, l := range lines {
		sum, path, _ := strings.Cut(l, "  ")
		if sums[path] != sum {
			t.Errorf("manifest %q: the archive's file hashes to %s", l, sums[path])
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	src := t.TempDir()
	tree(t, src, time.Unix(1e9, 0))
	out := t.TempDir()
	pkg := filepath.Join(out, "p.tar.xz")
	if _, err := WriteFile(pkg, src, Options{Prefix: "p"}); err != nil {
		t.Fatal(err)
	}
	// A tree the writer cannot read fails and leaves nothing behind, not even the old package's temp.
	os.Symlink("x", filepath.Join(src, ManifestName))
	if _, err := WriteFile(filepath.Join(out, "q.tar.xz"), src, Options{Prefix: "q"}); err == nil {
		t.Fatal("a tree holding SHA256SUMS was packed")
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != 1 || ents[0].Name() != "p.tar.xz" {
		t.Errorf("left in the output directory: %v", ents)
	}
	if _, err := Write(io.Discard, src, Options{Prefix: "../x"}); err == nil {
		t.Error("a prefix with a slash was accepted")
	}
}
