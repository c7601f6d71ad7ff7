package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestProofGraphCache is the cached graph on a modular tree (issue 10), the proof kernel's: one module
// with its BTF split against vmlinux's, CONFIG_IKHEADERS. Makefile.modfinal's .ko recipe runs on every
// build (FORCE) and reads $?, and modules.order, which a $(shell cat) reads, is rewritten whenever a
// module is rebuilt: a no-op, a touched module source and a touched vmlinux source all run from the
// record, with no restart into an evaluation, and each runs the commands make runs on the same tree after
// the same change. It runs after TestProof (the files sort so), which compares modules_install outputs
// of this tree and must not see it relinked in between.
func TestProofGraphCache(t *testing.T) {
	k := proofKernel(t)
	jobs := "-j" + fmt.Sprint(runtime.NumCPU())
	kb := func(t *testing.T) (string, string) {
		t.Helper()
		tr := filepath.Join(t.TempDir(), "trace.json")
		out, err := runPinned(t.Logf, k.Masked, k.KbuildGo, "-C", k.Src, "O="+k.Obj, "KBUILD_GO_GRAPH_CACHE=1", "--trace", tr, jobs)
		if err != nil {
			t.Fatal(err)
		}
		return out, graphNote(t, tr)
	}
	mk := func(t *testing.T) []string {
		t.Helper()
		out, err := runPinned(t.Logf, os.Getenv("PATH"), "make", "-C", k.Src, "O="+k.Obj, jobs)
		if err != nil {
			t.Fatal(err)
		}
		return commands(out)
	}
	// settle: the first run after make's (or after a build that remade what its evaluation read)
	// evaluates and records; by the third the graph is from the record.
	settle := func(t *testing.T) {
		t.Helper()
		var path string
		for range 3 {
			var out string
			out, path = kb(t)
			t.Logf("graph: %s; ran %q", path, commands(out))
			if path == "cached" {
				return
			}
		}
		t.Fatalf("three runs on an unchanged tree, the last: graph: %s", path)
	}
	same := func(t *testing.T, got, want []string) {
		t.Helper()
		if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
			t.Errorf("different commands:\n--- kbuild-go from its cached graph\n%s\n--- make\n%s", g, w)
		}
	}
	settle(t)
	t.Run("no-op", func(t *testing.T) {
		out, path := kb(t)
		if path != "cached" {
			t.Errorf("graph: %s, want cached", path)
		}
		same(t, commands(out), mk(t))
	})
	for _, c := range []struct{ name, file string }{
		{"touch-module-source", "lib/test_module.c"},
		{"touch-vmlinux-source", "kernel/fork.c"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The proof tree is hard-linked to the shared reference tree: a copy of its own first.
			src := ownCopy(t, filepath.Join(k.Src, c.file))
			touchNow(t, src)
			want := mk(t)
			settle(t)
			touchNow(t, src)
			out, path := kb(t)
			if path != "cached" {
				t.Errorf("graph: %s, want cached", path)
			}
			same(t, commands(out), want)
			t.Logf("graph: %s; kbuild-go ran %d commands", path, len(commands(out)))
		})
	}
}
