package cmdfile

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kbuild-go/kbuild-go/internal/kernelsrc"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"gcc -c -o a.o a.c":          "gcc -c -o a.o a.c",
		`echo $$x '#' $(pound)`:      `echo $$$$x '$(pound)' $$(pound)`,
		"sed -e 's/#define//' <x >y": "sed -e 's/$(pound)define//' <x >y",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConfigSymbols(t *testing.T) {
	src := []byte("#ifdef CONFIG_FOO\nIS_ENABLED(CONFIG_BAR_MODULE) XCONFIG_NO CONFIG_FOO CONFIG_ CONFIG__MODULE CONFIG_X1_Y\n")
	got := ConfigSymbols(src)
	want := []string{"FOO", "BAR", "X1_Y"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

// TestFixdepMatchesKernel compiles the real scripts/basic/fixdep.c of the reference tree and checks that
// Fixdep produces the same bytes for a depfile gcc wrote.
func TestFixdepMatchesKernel(t *testing.T) {
	src := kernelsrc.Require(t)
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("gcc not found")
	}
	dir := t.TempDir()
	fixdep := filepath.Join(dir, "fixdep")
	if out, err := exec.Command("gcc", "-O2", "-o", fixdep, filepath.Join(src, "scripts/basic/fixdep.c")).CombinedOutput(); err != nil {
		t.Fatalf("building fixdep: %v\n%s", err, out)
	}
	files := map[string]string{
		"include/generated/autoconf.h": "#define CONFIG_IGNORED 1\n",
		"include/a.h":                  "#ifdef CONFIG_A\n#include \"b.h\"\n#endif\n#if defined(CONFIG_DRV_MODULE)\n#endif\n",
		"include/b.h":                  "int b = CONFIG_B + CONFIG_A;\n",
		"dir with/x.c":                 "#include \"generated/autoconf.h\"\n#include \"a.h\"\nint x = CONFIG_B; /* CONFIG_X */\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	// A source path without spaces: fixdep does not handle escaped spaces, and neither does Kbuild.
	if err := os.Rename(filepath.Join(dir, "dir with"), filepath.Join(dir, "src")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("gcc", "-Wp,-MMD,src/.x.o.d", "-Iinclude", "-I.", "-DCONFIG_B=1", "-c", "-o", "src/x.o", "src/x.c")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	// -MMD omits system headers but keeps quoted ones; generate the full list with -MD as Kbuild does.
	cmd = exec.Command("gcc", "-Wp,-MD,src/.x.o.d", "-Iinclude", "-I.", "-DCONFIG_B=1", "-c", "-o", "src/x.o", "src/x.c")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	cmdline := `gcc -Wp,-MD,src/.x.o.d -DX='"#1"' -c -o src/x.o src/x.c $$`
	ref := exec.Command(fixdep, "src/.x.o.d", "src/x.o", Escape(cmdline))
	ref.Dir = dir
	want, err := ref.Output()
	if err != nil {
		t.Fatalf("fixdep: %v", err)
	}
	dep, err := os.ReadFile(filepath.Join(dir, "src/.x.o.d"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Fixdep(dep, DefaultPrefix, "src/x.o", cmdline, func(name string) ([]string, error) {
		if !filepath.IsAbs(name) {
			name = filepath.Join(dir, name)
		}
		b, err := os.ReadFile(name)
		return ConfigSymbols(b), err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Fixdep output differs from the kernel's fixdep\n--- got\n%s\n--- want\n%s", got, want)
	}
	if !bytes.Contains(want, []byte("$(wildcard include/config/DRV)")) {
		t.Errorf("test is too weak: _MODULE stripping not exercised:\n%s", want)
	}
}

func TestFixdepNoTargets(t *testing.T) {
	if _, err := Fixdep([]byte("a.h b.h\n"), DefaultPrefix, "x.o", "cc", func(string) ([]string, error) { return nil, nil }); err != ErrNoTargets {
		t.Errorf("err = %v, want ErrNoTargets", err)
	}
}
