package kconfig

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzShell stands in for /bin/sh: fuzz inputs must not run commands. The
// answer depends on the command only, so runs are reproducible.
func fuzzShell(cmd string, _ []string, _ string, _ io.Writer) ([]byte, error) {
	switch {
	case strings.Contains(cmd, "fail"):
		return nil, nil
	case len(cmd)%2 == 0:
		return []byte("y\n"), nil
	default:
		return []byte(cmd + "\nn\n"), nil
	}
}

// FuzzKconfig feeds arbitrary Kconfig text through the lexer, the macro
// expander, the parser and the dependency checks (Load), then through the
// evaluator and writers of several targets. It checks that nothing panics
// or hangs, that a .config written by olddefconfig reads back unchanged
// ("No change" on a second olddefconfig), and that prefetching changes
// nothing of what Load prints. The seed corpus is the kernel's
// scripts/kconfig/tests inputs, testdata/cases and a few snippets; go test
// runs only those.
func FuzzKconfig(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/kconfig-tests/*/Kconfig")
	more, _ := filepath.Glob("testdata/kconfig-tests/preprocess/*/Kconfig")
	for _, p := range append(seeds, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, p := range cases {
		a := readArchive(f, p)
		for _, file := range a.files {
			if file.name == "Kconfig" {
				f.Add(file.data)
			}
		}
	}
	for _, s := range []string{
		"",
		"config A\n\tbool \"a\"\n",
		"config MODULES\n\tbool\n\tmodules\n\tdefault y\nconfig T\n\ttristate \"t\"\n\tdefault m\n",
		"choice\n\tprompt \"c\"\n\toptional\nconfig X\n\tbool \"x\"\nconfig Y\n\ttristate \"y\"\nendchoice\n",
		"menu \"m\"\n\tvisible if A\nconfig A\n\tint \"a\"\n\trange 1 $(B)\n\tdefault 5\nendmenu\n",
		"x = $(shell,echo $(1))\ny := $(x,a)$(x)\nconfig $(y)\n\tstring \"$(x,b)\"\n\tdefault \"$(lineno)\"\n",
		"config A\n\tbool\n\tselect B if C\n\timply D\nconfig B\n\tbool\nconfig C\n\tdef_bool A\nconfig D\n\thex \"d\"\n\tdefault 0x10\n",
		"if A\nconfig B\n\tbool \"b\"\n\tdepends on A=y || A!=n && !(A<B) && A>=0\nendif\nconfig A\n\tdef_tristate m\n",
		"config A\n\tbool \"a\"\n\thelp\n\t  text $(shell,fail)\n\n\t  more\nconfig B\n",
		"$(error-if,$(shell,echo y),stop)\n",
		"mainmenu \"$(ARCH)\"\nsource \"Kconfig\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			t.Skip()
		}
		// The fuzzer has no per-input time limit: a hang would only stall
		// the worker. Fail instead, so that the input is recorded.
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("FuzzKconfig: input hangs: %q", text))
			}
		}()
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "Kconfig"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var outs [2]string
		var c *Config
		for i, jobs := range []int{1, 4} {
			var out bytes.Buffer
			cfg, err := Load(Options{ObjTree: dir, Env: []string{"srctree=.", "KCONFIG_SEED=7", "ARCH=x"},
				Shell: fuzzShell, Stdout: &out, Stderr: &out, ShellJobs: jobs})
			outs[i] = out.String()
			if err != nil {
				outs[i] += "\nerror: " + err.Error()
			}
			c = cfg
		}
		if outs[0] != outs[1] {
			t.Fatalf("Load output depends on prefetching:\n--- sequential\n%s\n--- prefetching\n%s", outs[0], outs[1])
		}
		if c == nil {
			return
		}
		for _, target := range []string{"allnoconfig", "allyesconfig", "allmodconfig", "alldefconfig", "randconfig",
			"listnewconfig", "savedefconfig", "syncconfig", "olddefconfig"} {
			if err := c.Run(target, ""); err != nil {
				return
			}
		}
		var out bytes.Buffer
		c.opts.Stdout = &out
		if err := c.Run("olddefconfig", ""); err != nil {
			t.Fatalf("second olddefconfig: %v", err)
		}
		if !strings.Contains(out.String(), "No change to .config") {
			t.Fatalf("olddefconfig changed its own .config:\n%s", out.String())
		}
	})
}
