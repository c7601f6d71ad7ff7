package toolchain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kbuild-go/kbuild-go/internal/kernelsrc"
)

// kernelTree is the reference 6.1 tree (make linux-src); tests using it skip when it is absent.
var kernelTree = kernelsrc.Dir()

func TestParseCCVersionText(t *testing.T) {
	tests := []struct {
		name, text, wantName string
		want                 int
	}{
		{"debian gcc", "gcc (Debian 12.2.0-14+deb12u1) 12.2.0\nCopyright (C) 2022 Free Software Foundation, Inc.\n", "GCC", 120200},
		{"fedora gcc", "gcc (GCC) 12.2.1 20221121 (Red Hat 12.2.1-4)\nCopyright (C) 2022 Free Software Foundation, Inc.\n", "GCC", 120201},
		{"cross gcc", "aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0\nCopyright (C) 2022 Free Software Foundation, Inc.\n", "GCC", 120200},
		{"debian clang", "Debian clang version 14.0.6\nTarget: x86_64-pc-linux-gnu\nThread model: posix\n", "Clang", 140006},
		{"upstream clang", "clang version 17.0.6 (https://github.com/llvm/llvm-project 6009708b4367171ccdbf4b5905cb6a803753fe18)\nTarget: x86_64-unknown-linux-gnu\n", "Clang", 170006},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, v, err := ParseCCVersionText(tt.text)
			if err != nil || name != tt.wantName || v != tt.want {
				t.Errorf("got %q %d %v, want %q %d", name, v, err, tt.wantName, tt.want)
			}
		})
	}
	if _, _, err := ParseCCVersionText("tcc version 0.9.27\n"); !errors.Is(err, ErrUnknownCompiler) {
		t.Errorf("tcc: %v", err)
	}
}

func TestParseCCInfo(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GCC 12 2 0\n", "GCC 120200"},
		{"Clang 14 0 6\n", "Clang 140006"},
		{"\nGCC\t5  1 0\n", "GCC 50100"},
		{"ICC 1600 3\n", "ICC 160003"},
	}
	for _, tt := range tests {
		name, v, err := ParseCCInfo(tt.in)
		if got := fmt.Sprintf("%s %d", name, v); err != nil || got != tt.want {
			t.Errorf("ParseCCInfo(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"unknown\n", "", "GCC 12\n"} {
		if _, _, err := ParseCCInfo(bad); !errors.Is(err, ErrUnknownCompiler) {
			t.Errorf("ParseCCInfo(%q): %v", bad, err)
		}
	}
}

func TestParseLDVersion(t *testing.T) {
	tests := []struct {
		name, text, wantName string
		want                 int
	}{
		{"debian bfd", "GNU ld (GNU Binutils for Debian) 2.40\nCopyright (C) 2023 Free Software Foundation, Inc.\n", "BFD", 24000},
		{"fedora bfd", "GNU ld version 2.34-4.fc32\n", "BFD", 23400},
		{"snapshot bfd", "GNU ld (GNU Binutils) 2.35.1.20201116\n", "BFD", 23501},
		{"debian lld", "Debian LLD 14.0.6 (compatible with GNU linkers)\n", "LLD", 140006},
		{"upstream lld", "LLD 11.0.0 (https://github.com/llvm/llvm-project.git 176249bd6732a8044d457092ed932768724a6f06) (compatible with GNU linkers)\n", "LLD", 110000},
		{"lld with comma", "LLD 10.0.1, compatible with GNU linkers\n", "LLD", 100001},
		{"gold", "GNU gold (GNU Binutils for Debian 2.40) 1.16\nCopyright (C) 2023 Free Software Foundation, Inc.\n", "gold", 11600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, v, err := ParseLDVersion(tt.text)
			if err != nil || name != tt.wantName || v != tt.want {
				t.Errorf("got %q %d %v, want %q %d", name, v, err, tt.wantName, tt.want)
			}
		})
	}
	for _, bad := range []string{"mold 1.0.0 (compatible with GNU ld)\n", "", "GNU ld\n"} {
		if _, _, err := ParseLDVersion(bad); !errors.Is(err, ErrUnknownLinker) {
			t.Errorf("ParseLDVersion(%q): %v", bad, err)
		}
	}
}

func TestMinToolVersion(t *testing.T) {
	for _, c := range [][3]string{{"gcc", "x86", "5.1.0"}, {"llvm", "x86", "11.0.0"}, {"llvm", "s390", "15.0.0"},
		{"binutils", "", "2.23.0"}} {
		if v, err := MinToolVersion(c[0], c[1]); err != nil || v != c[2] {
			t.Errorf("MinToolVersion(%s, %s) = %s %v", c[0], c[1], v, err)
		}
	}
	if _, err := MinToolVersion("tcc", ""); err == nil {
		t.Error("tcc: no error")
	}
}

// kernelScript runs one of the reference tree's version scripts, or skips when it cannot.
func kernelScript(t *testing.T, script string, args ...string) string {
	t.Helper()
	p := filepath.Join(kernelTree, "scripts", script)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("reference tree absent: %v", err)
	}
	out, err := exec.Command("sh", append([]string{p}, args...)...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", script, args, err)
	}
	return strings.TrimSpace(string(out))
}

func TestIdentifyRealCompilers(t *testing.T) {
	ctx := context.Background()
	for _, cc := range []string{"gcc", "clang"} {
		t.Run(cc, func(t *testing.T) {
			if _, err := exec.LookPath(cc); err != nil {
				t.Skipf("%s not installed", cc)
			}
			c, err := IdentifyCompiler(ctx, cc, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := fmt.Sprintf("%s %d", c.Name, c.Version), kernelScript(t, "cc-version.sh", cc); got != want {
				t.Errorf("identified %q, cc-version.sh says %q", got, want)
			}
			out, _ := exec.Command("sh", "-c", "LC_ALL=C "+cc+" --version 2>/dev/null | head -n 1").Output()
			if want := strings.ReplaceAll(strings.TrimSuffix(string(out), "\n"), "#", ""); c.VersionText != want {
				t.Errorf("VersionText %q, want %q", c.VersionText, want)
			}
			// The --version text agrees with the preprocessor.
			if n, v, err := ParseCCVersionText(c.VersionText); err != nil || n != c.Name || v != c.Version {
				t.Errorf("ParseCCVersionText(%q) = %s %d %v", c.VersionText, n, v, err)
			}
			if !filepath.IsAbs(c.Path) || len(c.ID) != 64 {
				t.Errorf("Path %q ID %q", c.Path, c.ID)
			}
		})
	}
	if _, err := IdentifyCompiler(ctx, "no-such-compiler-xyz", nil); err == nil {
		t.Error("missing compiler identified")
	}
}

func TestIdentifyRealLinkers(t *testing.T) {
	ctx := context.Background()
	for _, ld := range []string{"ld", "ld.bfd", "ld.lld", "ld.gold"} {
		t.Run(ld, func(t *testing.T) {
			if _, err := exec.LookPath(ld); err != nil {
				t.Skipf("%s not installed", ld)
			}
			l, err := IdentifyLinker(ctx, ld, nil)
			if err != nil {
				t.Fatal(err)
			}
			if ld == "ld.gold" {
				if l.Name != "gold" || !errors.Is(l.Check(), ErrGoldUnsupported) {
					t.Errorf("gold: %+v %v", l, l.Check())
				}
				return
			}
			if got, want := fmt.Sprintf("%s %d", l.Name, l.Version), kernelScript(t, "ld-version.sh", ld); got != want {
				t.Errorf("identified %q, ld-version.sh says %q", got, want)
			}
			if l.Check() != nil {
				t.Error(l.Check())
			}
		})
	}
}

func TestCompilerIDChangesWithBinary(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not installed")
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a", "cc"), filepath.Join(dir, "b", "cc")
	for _, p := range []string{a, b} {
		writeScript(t, p, "#!/bin/sh\nexec "+gcc+" \"$@\"\n")
	}
	ca, err := IdentifyCompiler(context.Background(), a, nil)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := IdentifyCompiler(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ca.ID == cb.ID || ca.Name != "GCC" || ca.Version != cb.Version {
		t.Errorf("a %+v b %+v", ca, cb)
	}
}

func writeScript(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
}
