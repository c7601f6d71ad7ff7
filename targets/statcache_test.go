package targets

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/kbuild-go/kbuild-go/dag"
)

type nopPrinter struct{}

func (nopPrinter) Print(dag.Event) {}

// TestStatCache: answers are remembered until a command ends, a $(shell) that may write runs, or $(file)
// writes; an answer computed across a flush is not kept.
func TestStatCache(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "x")
	c := newStatCache()
	missing := func() bool { _, err := c.Stat(f); return errors.Is(err, fs.ErrNotExist) }
	if !missing() {
		t.Fatal("x exists before it is made")
	}
	os.WriteFile(f, nil, 0o644)
	if !missing() {
		t.Fatal("the answer was not remembered")
	}
	flushingPrinter{nopPrinter{}, c}.Print(dag.Event{Kind: dag.EventFinish})
	if missing() {
		t.Fatal("a finished command did not flush")
	}
	os.Remove(f)
	c.shell(nil)("true", nil, dir) // a pure command: no flush
	if missing() {
		t.Fatal("a pure $(shell) flushed")
	}
	c.shell(nil)("touch "+f, nil, dir)
	if missing() {
		t.Fatal("a $(shell) that writes did not flush")
	}
	os.Remove(f)
	c.Flush()
	// An answer computed while a flush happens is returned but not stored.
	a := remember(c, c.st, f, func() statAnswer {
		fi, err := c.base.Stat(f)
		c.Flush()
		return statAnswer{fi, err}
	})
	os.WriteFile(f, nil, 0o644)
	if !errors.Is(a.err, fs.ErrNotExist) || missing() {
		t.Fatal("an answer computed across a flush was kept")
	}
}

func TestSilentFlags(t *testing.T) {
	for flags, want := range map[string]bool{
		"s": true, "rRs": true, "s -j2": true, " -j2": false, "": false, "rR --no-print-directory": false,
		"-s": true, "--silent": true, "--quiet": true, "-j2 -- s=1": false, "k -- V=s": false,
		"--include-dir=/src/s": false, "rR -I/usr/s": false, " -Orecurse -j2": false, "-Isrc": false,
	} {
		if got := silentFlags(flags); got != want {
			t.Errorf("silentFlags(%q) = %v, want %v", flags, got, want)
		}
	}
}
