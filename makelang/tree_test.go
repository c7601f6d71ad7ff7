package makelang

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kernelTree is the reference tree; tests using it skip when it is absent.
const kernelTree = "/work/cache/linux-source-6.1"

func needTree(t testing.TB) {
	if _, err := os.Stat(filepath.Join(kernelTree, "scripts/Makefile.build")); err != nil {
		t.Skip("kernel tree absent")
	}
}

// isMakefileName selects the tree's makefiles (Kconfig files aside).
func isMakefileName(name string) bool {
	switch {
	case name == "Makefile", name == "Kbuild", name == "Build", name == "Kconfig.include", name == "GNUmakefile":
		return true
	case strings.HasPrefix(name, "Makefile."), strings.HasSuffix(name, ".mk"), strings.HasPrefix(name, "Kbuild."):
		return true
	}
	return false
}

func TestParseWholeTree(t *testing.T) {
	needTree(t)
	n := 0
	var failed []string
	err := filepath.WalkDir(kernelTree, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !isMakefileName(d.Name()) || !d.Type().IsRegular() {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		if _, err := Parse(p, src); err != nil {
			failed = append(failed, err.Error())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("parsed %d makefiles", n)
	if n < 2000 {
		t.Errorf("only %d makefiles found", n)
	}
	for _, f := range failed {
		t.Error(f)
	}
}
