// Package kernelsrc locates the reference Linux trees (Debian's linux-source-6.1 and linux-source-6.12,
// extracted by the project's Makefile into the cache outside the clone) for tests that compare against
// the real thing.
package kernelsrc

import (
	"os"
	"path/filepath"
	"testing"
)

// Versions are the reference trees' series, oldest first: the Debian packages linux-source-VERSION.
var Versions = []string{"6.1", "6.12"}

// Dir returns the extracted 6.1 tree, or "" if it is not there (DirOf("6.1")).
func Dir() string { return DirOf("6.1") }

// DirOf returns the extracted tree of one series, or "" if it is not there. The search order is
// $KBUILD_GO_LINUX_SRC (6.1) or $KBUILD_GO_LINUX_SRC_6_12 (6.12, dots as underscores),
// $KBUILD_GO_CACHE/linux-source-VERSION, then ~/.cache/kbuild-go/linux-source-VERSION (the Makefile's
// default).
func DirOf(version string) string {
	var cands []string
	env := "KBUILD_GO_LINUX_SRC"
	if version != "6.1" {
		env += "_" + underscores(version)
	}
	if d := os.Getenv(env); d != "" {
		cands = append(cands, d)
	}
	name := "linux-source-" + version
	if d := os.Getenv("KBUILD_GO_CACHE"); d != "" {
		cands = append(cands, filepath.Join(d, name))
	}
	if h, err := os.UserHomeDir(); err == nil {
		cands = append(cands, filepath.Join(h, ".cache", "kbuild-go", name))
	}
	for _, d := range cands {
		if st, err := os.Stat(filepath.Join(d, "Makefile")); err == nil && st.Mode().IsRegular() {
			return d
		}
	}
	return ""
}

func underscores(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '.' {
			b[i] = '_'
		}
	}
	return string(b)
}

// Require returns the 6.1 tree or skips the test. `make test` extracts the trees first, so under the
// project's test command these tests run; a bare `go test` on a machine without them skips.
func Require(t testing.TB) string { return RequireOf(t, "6.1") }

// RequireOf is Require for one series.
func RequireOf(t testing.TB, version string) string {
	t.Helper()
	d := DirOf(version)
	if d == "" {
		t.Skipf("reference tree linux-source-%s not found (run `make linux-src`)", version)
	}
	return d
}
