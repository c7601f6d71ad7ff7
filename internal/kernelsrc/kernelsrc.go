// Package kernelsrc locates the reference Linux tree (Debian's linux-source-6.1, extracted by the
// project's Makefile into the cache outside the clone) for tests that compare against the real thing.
package kernelsrc

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the extracted reference tree, or "" if it is not there. The search order is
// $KBUILD_GO_LINUX_SRC, $KBUILD_GO_CACHE/linux-source-6.1, then ~/.cache/kbuild-go/linux-source-6.1
// (the Makefile's default).
func Dir() string {
	var cands []string
	if d := os.Getenv("KBUILD_GO_LINUX_SRC"); d != "" {
		cands = append(cands, d)
	}
	if d := os.Getenv("KBUILD_GO_CACHE"); d != "" {
		cands = append(cands, filepath.Join(d, "linux-source-6.1"))
	}
	if h, err := os.UserHomeDir(); err == nil {
		cands = append(cands, filepath.Join(h, ".cache", "kbuild-go", "linux-source-6.1"))
	}
	for _, d := range cands {
		if st, err := os.Stat(filepath.Join(d, "Makefile")); err == nil && st.Mode().IsRegular() {
			return d
		}
	}
	return ""
}

// Require returns the tree or skips the test. `make test` extracts the tree first, so under the
// project's test command these tests run; a bare `go test` on a machine without it skips them.
func Require(t testing.TB) string {
	t.Helper()
	d := Dir()
	if d == "" {
		t.Skip("reference tree linux-source-6.1 not found (run `make linux-src`)")
	}
	return d
}
