package makelang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzMakefile feeds arbitrary text through the parser (which also reads every .cmd file of a build) and,
// when it parses, through the evaluator in an in-memory, read-only file system with a shell stand-in (fuzz
// inputs run no commands), then expands every target's recipe. It checks that nothing panics or hangs
// and that a makefile parses to the same statements twice (the AST is cached and shared by scopes). The
// seeds are kernel-mini's makefiles and .cmd-shaped snippets; go test runs only those.
func FuzzMakefile(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/kernel-mini/scripts/Makefile.*")
	more, _ := filepath.Glob("../testdata/kernel-mini/*/Makefile")
	for _, p := range append(append(seeds, more...), "../testdata/kernel-mini/Makefile", "../testdata/kernel-mini/scripts/Kbuild.include") {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"",
		"savedcmd_kernel/fork.o := gcc -Wp,-MMD,kernel/.fork.o.d -c -o kernel/fork.o kernel/fork.c\n\nsource_kernel/fork.o := kernel/fork.c\n\ndeps_kernel/fork.o := \\\n  include/linux/kconfig.h \\\n    $(wildcard include/config/CPU_BIG_ENDIAN) \\\n\nkernel/fork.o: $(deps_kernel/fork.o)\n\n$(deps_kernel/fork.o):\n",
		"x := $(foreach v,a b c,$(v)$(v))\ny = $(call f,1,2)\nf = $(1)-$(2)\n$(info $(x) $(y))\n",
		"ifeq ($(A),)\nA := 1\nelse ifdef B\nB += 2\nendif\n",
		"define d\n\techo $@\nendef\nall: a b | c ; $(d)\n%.o: %.c\n\t@echo $< $^ $?\n",
		"a: private x := 1\nb: export y = 2\nvpath %.c src\n.PHONY: a\nexport z\nunexport w\n",
		"$(eval $(call t,x))\nt = $(1): ; @:\nx := $(shell echo hi)$(wildcard *.c)$(file <f)\n",
		"override v := $(subst a,b,$(patsubst %.c,%.o,x.c)) $(if $(v),y,n) $(or ,z) $(and a,b)\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			t.Skip()
		}
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic("makelang: no result after 10s on this input")
			}
		}()
		a, err := Parse("/w/Makefile", []byte(text))
		b, err2 := Parse("/w/Makefile", []byte(text))
		if (err == nil) != (err2 == nil) || (err == nil && len(a.Nodes) != len(b.Nodes)) {
			t.Fatalf("two parses differ: %v / %v", err, err2)
		}
		if err != nil {
			return
		}
		var out strings.Builder
		s := NewScope(Options{Dir: "/w", FS: newMemFS(map[string]string{"/w/Makefile": text, "/w/a.c": "int a;\n"}),
			Shell:  func(cmd string, _ []string, _ string) (string, int) { return strings.ToUpper(cmd), len(cmd) % 2 },
			Output: func(_ Stream, line string) { out.WriteString(line) }})
		if err := s.EvalFile("/w/Makefile"); err != nil {
			return
		}
		for _, name := range s.Targets() {
			tg, err := s.Resolve(name)
			if err != nil {
				continue
			}
			s.ExpandRecipe(tg, AutoVars{})
		}
	})
}
