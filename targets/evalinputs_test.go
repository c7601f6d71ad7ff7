package targets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Each kind of recorded input, changed, is named by changed; unchanged, nothing is.
func TestEvalInputsChanged(t *testing.T) {
	dir := t.TempDir()
	mk := filepath.Join(dir, "Makefile")
	src := filepath.Join(dir, "src")
	os.WriteFile(mk, []byte("obj-y += a.o\n"), 0o666)
	os.Mkdir(src, 0o777)
	os.WriteFile(filepath.Join(src, "a.c"), nil, 0o666)
	record := func() *evalInputs {
		c := newStatCache()
		c.in = newEvalInputs()
		c.ReadFile(mk)
		c.Stat(filepath.Join(dir, "missing.h"))
		c.Stat(filepath.Join(src, "a.c"))
		c.ReadDir(src)
		c.EvalSymlinks(filepath.Join(dir, "link"))
		c.shell(nil)("cat "+mk, nil, dir)
		return c.in
	}
	shell := func(cmd string, env []string, dir string) (string, int) {
		return newStatCache().shell(nil)(cmd, env, dir)
	}
	cases := []struct {
		name   string
		change func()
		want   string
	}{
		{"nothing", func() {}, ""},
		{"an edited makefile", func() {
			os.WriteFile(mk, []byte("obj-y += a.o b.o\n"), 0o666)
		}, mk},
		{"a file that appeared", func() { os.WriteFile(filepath.Join(dir, "missing.h"), nil, 0o666) }, filepath.Join(dir, "missing.h")},
		{"a new file in a listed directory", func() { os.WriteFile(filepath.Join(src, "b.c"), nil, 0o666) }, src + "/ (its entries)"},
		{"a symbolic link that leads elsewhere", func() {
			os.Remove(filepath.Join(dir, "link"))
			os.Symlink("src", filepath.Join(dir, "link"))
		}, filepath.Join(dir, "link") + " (where it leads)"},
		{"a touched source (stat by kind only: not a change)", func() {
			later := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(src, "a.c"), later, later)
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			os.WriteFile(mk, []byte("obj-y += a.o\n"), 0o666)
			os.Remove(filepath.Join(dir, "missing.h"))
			os.Remove(filepath.Join(src, "b.c"))
			os.Remove(filepath.Join(dir, "link"))
			os.Symlink(".", filepath.Join(dir, "link"))
			in := record()
			if in.Conflict != "" {
				t.Fatalf("conflict %s", in.Conflict)
			}
			c.change()
			got := in.changed(nil, shell)
			if c.want == "" && got != "" || c.want != "" && !strings.HasPrefix(got, c.want) {
				t.Errorf("changed() = %q, want %q", got, c.want)
			}
		})
	}
	// The $(shell) is run again: its output names the change when the file it reads is the only input
	// that says so.
	in := record()
	delete(in.Files, mk)
	os.WriteFile(mk, []byte("different\n"), 0o666)
	if got := in.changed(nil, shell); !strings.HasPrefix(got, "$(shell cat ") {
		t.Errorf("changed() = %q, want the $(shell)", got)
	}
}

// Two different answers for one path in one run are a conflict: the record is not written.
func TestEvalInputsConflict(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x")
	c := newStatCache()
	c.in = newEvalInputs()
	c.Stat(p)
	os.WriteFile(p, nil, 0o666)
	c.Flush()
	c.Stat(p)
	if c.in.Conflict != "stat "+p {
		t.Errorf("Conflict = %q", c.in.Conflict)
	}
}
