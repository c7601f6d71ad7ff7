package makelang

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kbuild-go/kbuild-go/internal/kernelsrc"
)

// kernelTree is the reference 6.1 tree (make linux-src); tests using it skip when it is absent.
var kernelTree = kernelsrc.Dir()

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

// TestParseWholeTree parses every makefile of each reference tree (6.1 and 6.12).
func TestParseWholeTree(t *testing.T) {
	for _, v := range kernelsrc.Versions {
		t.Run(v, func(t *testing.T) { parseWholeTree(t, kernelsrc.RequireOf(t, v)) })
	}
}

func parseWholeTree(t *testing.T, tree string) {
	n := 0
	var failed []string
	err := filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
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
