package makelang

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// memFS is an in-memory FS rooted at "/" for unit tests.
type memFS struct{ m fstest.MapFS }

func newMemFS(files map[string]string) memFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[strings.TrimPrefix(name, "/")] = &fstest.MapFile{Data: []byte(data), ModTime: time.Unix(1, 0)}
	}
	return memFS{m}
}

func rel(name string) string {
	r := strings.TrimPrefix(path.Clean(name), "/")
	if r == "" {
		return "."
	}
	return r
}

func (f memFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.m, rel(name)) }
func (f memFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(f.m, rel(name)) }
func (f memFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.m, rel(name)) }

// evalText evaluates src as /w/Makefile in a memFS holding files, returning the scope and $(info) output.
func evalText(t *testing.T, src string, files map[string]string, opts Options) (*Scope, string, error) {
	t.Helper()
	if files == nil {
		files = map[string]string{}
	}
	files["/w/Makefile"] = src
	var out strings.Builder
	opts.Dir, opts.FS = "/w", newMemFS(files)
	opts.Output = func(stream Stream, text string) {
		if stream == 2 {
			out.WriteString("E:")
		}
		out.WriteString(text)
	}
	if opts.Shell == nil {
		opts.Shell = func(cmd string, env []string, dir string) (string, int) { return "sh[" + cmd + "]\n", 0 }
	}
	s := NewScope(opts)
	err := s.EvalFile("Makefile")
	return s, out.String(), err
}

func TestEvalTable(t *testing.T) {
	tests := []struct {
		name, src, want string
		files           map[string]string
		opts            Options
	}{
		{"recursive-late", "a = $(b)\nb = 1\n$(info $(a))", "1\n", nil, Options{}},
		{"simple-early", "b = 1\na := $(b)\nb = 2\n$(info $(a))", "1\n", nil, Options{}},
		{"append-keeps-flavor", "b = x\na := $(b)\na += $(c)\nc = late\nr = $(c)\nr += $(d)\nd = D\n$(info [$(a)] [$(r)] $(flavor a) $(flavor r))", "[x] [late D] simple recursive\n", nil, Options{}},
		{"cond-assign", "a ?= 1\na ?= 2\n$(info $(a))", "1\n", nil, Options{}},
		{"shell-assign", "a != echo hi\n$(info $(a) $(flavor a))", "sh[echo hi] recursive\n", nil, Options{}},
		{"cmdline-wins", "x = file\noverride y = over\n$(info $(x) $(y) $(origin x) $(origin y))", "cmd over command line override\n", nil, Options{CommandLine: []string{"x=cmd", "y=cmd"}}},
		{"env-origin", "$(info $(origin E) $(E))\nE = file\n$(info $(origin E) $(E))", "environment env\nfile file\n", nil, Options{Env: []string{"E=env"}}},
		{"env-override", "E = file\n$(info $(origin E) $(E))", "environment override env\n", nil, Options{Env: []string{"E=env"}, EnvOverrides: true}},
		{"export-override-combo", "export override X = 1\n$(info $(X) $(origin X))", "1 override\n", nil, Options{}},
		{"substref", "o := a.o b.o\n$(info $(o:.o=.c) $(o:%.o=x/%.s))", "a.c b.c x/a.s x/b.s\n", nil, Options{}},
		{"computed-name", "x = y\ny_z = hit\n$(info $($(x)_z))", "hit\n", nil, Options{}},
		{"dollar-dollar", "$(info $$x)", "$x\n", nil, Options{}},
		{"subst-patsubst", "$(info $(subst .,-,a.b.c) $(patsubst %.c,%.o,a.c b.h))", "a-b-c a.o b.h\n", nil, Options{}},
		{"strip-sort-words", "$(info [$(strip  a  b )] [$(sort b a b)] $(words a b c) $(word 2,a b c) [$(wordlist 2,9,a b c)])", "[a b] [a b] 3 b [b c]\n", nil, Options{}},
		{"filter", "$(info $(filter %.c,a.c b.o) $(filter-out %.c,a.c b.o))", "a.c b.o\n", nil, Options{}},
		{"dir-notdir", "$(info $(dir a/b c) $(notdir a/b c) $(basename a/b.c) $(suffix a.b/c d.e))", "a/ ./ b c a/b .e\n", nil, Options{}},
		{"add-join", "$(info $(addprefix p,1 2) $(addsuffix s,1 2) $(join a b,1 2 3))", "p1 p2 1s 2s a1 b2 3\n", nil, Options{}},
		{"first-last", "$(info $(firstword a b) $(lastword a b))", "a b\n", nil, Options{}},
		{"if-or-and", "$(info [$(if ,a,b)] [$(if x,a)] [$(or ,y)] [$(and x,y)] [$(and ,y)])", "[b] [a] [y] [y] []\n", nil, Options{}},
		{"foreach", "$(info $(foreach v,1 2,<$(v)>))", "<1> <2>\n", nil, Options{}},
		{"call-args", "f = $(0):$(1):$(2)\n$(info $(call f,a,b))", "f:a:b\n", nil, Options{}},
		{"call-nested-hides", "in = [$(1)$(2)]\nout = $(call in,$(1))\n$(info $(call out,x,y))", "[x]\n", nil, Options{}},
		{"eval-rule-and-var", "define R\n$(1)_v := $(1)\nendef\n$(eval $(call R,q))\n$(info $(q_v))", "q\n", nil, Options{}},
		{"value", "a = $(b)\n$(info $(value a))", "$(b)\n", nil, Options{}},
		{"origin-flavor", "s := 1\n$(info $(origin s) $(origin nope) $(flavor s) $(flavor nope) $(origin MAKE))", "file undefined simple undefined default\n", nil, Options{}},
		{"wildcard-realpath", "$(info $(wildcard src/*.c) [$(wildcard nope*)] $(abspath x/../y))", "src/a.c src/b.c [] /w/y\n",
			map[string]string{"/w/src/a.c": "", "/w/src/b.c": "", "/w/src/c.h": ""}, Options{}},
		{"file-read", "$(info [$(file <data)])", "[line]\n", map[string]string{"/w/data": "line\n"}, Options{}},
		{"include", "include inc.mk\n-include nope.mk\n$(info $(X) $(MAKEFILE_LIST))", "1 Makefile inc.mk\n", map[string]string{"/w/inc.mk": "X = 1\n"}, Options{}},
		{"ifeq-forms", "ifeq (a,a)\n$(info 1)\nendif\nifeq \"a\" 'b'\nelse ifneq ($(x),)\nelse\n$(info 2)\nendif", "1\n2\n", nil, Options{}},
		{"ifdef-value-not-expansion", "e =\nr = $(e)\nifdef r\n$(info r)\nendif\nifndef e\n$(info e)\nendif", "r\ne\n", nil, Options{}},
		{"define-ops", "define a :=\n$(x)\nendef\nx = 1\ndefine b\n$(x)\nendef\n$(info [$(a)][$(b)] $(flavor a))", "[][1] simple\n", nil, Options{}},
		{"define-with-directives", "define d\nifeq (a,b)\nx\nendif\nendef\n$(info $(words $(d)))", "4\n", nil, Options{}},
		{"continuation", "x = a \\\n   b\n$(info [$(x)])", "[a b]\n", nil, Options{}},
		{"comment-escape", "x = a\\#b # c\n$(info [$(x)])", "[a#b ]\n", nil, Options{}},
		{"hash-in-function", "x := $(subst a,#,bab)\n$(info $(x))", "b#b\n", nil, Options{}},
		{"warning", "$(warning w)", "E:Makefile:1: w\n", nil, Options{}},
		{"makecmdgoals-curdir", "$(info $(MAKECMDGOALS) $(CURDIR) $(MAKELEVEL))", "a b /w 2\n", nil, Options{Goals: []string{"a", "b"}, MakeLevel: 2}},
		{"registered-func", "$(info $(twice x,y))", "x,yx,y\n", nil, Options{Funcs: map[string]Func{"twice": func(_ *CallContext, a []string) (string, error) {
			return strings.Repeat(strings.Join(a, ","), 2), nil
		}}}},
		{"undefine", "x = 1\nundefine x\n$(info [$(origin x)])", "[undefined]\n", nil, Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, out, err := evalText(t, tc.src, tc.files, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if out != tc.want {
				t.Errorf("got %q, want %q", out, tc.want)
			}
		})
	}
}

func TestEvalErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"error-func", "x = 1\n$(error bad $(x))", "Makefile:2: *** bad 1.  Stop."},
		{"missing-include", "\ninclude nope.mk", "Makefile:2: nope.mk: No such file or directory"},
		{"recursive-loop", "a = $(a)\n$(info $(a))", "Makefile:2: *** Recursive variable 'a' references itself (eventually).  Stop."},
		{"missing-separator", "foo bar", "Makefile:1: *** missing separator.  Stop."},
		{"word-zero", "$(info $(word 0,a))", "Makefile:1: *** first argument to 'word' function must be greater than 0.  Stop."},
		// Found by FuzzMakefile: the recursion went on until the fuzzer's 10 s deadline.
		{"includes-itself", "x = 1\ninclude Makefile\n", "Makefile:2: *** Makefile: included 200 levels deep (does it include itself?).  Stop."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := evalText(t, tc.src, nil, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"endif", "endif\n", "m:1: extraneous 'endif'"},
		{"unterminated-if", "ifeq (a,b)\nx = 1\n", "missing 'endif'"},
		{"unterminated-define", "define x\nfoo\n", "m:1: missing 'endef'"},
		{"bad-ref", "x = $(foo\n", "m:1: unterminated variable reference"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("m", []byte(tc.src))
			var pe ParseErrors
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestParseNodes(t *testing.T) {
	src := "export A := 1\nunexport B\nexport\nprivate C = 2\n" +
		"t: p | o ; echo $@ # kept\n\techo two \\\n\t  three\n" +
		"x: y: z\nt: override V += 3\nvpath %.c src\n-include a b\n$(eval x)\n"
	f, err := Parse("m", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, n := range f.Nodes {
		kinds = append(kinds, strings.TrimPrefix(strings.Split(strings.TrimPrefix(fmtType(n), "*makefile."), "{")[0], "*"))
	}
	want := "Assign Export Export Assign Rule Recipe Rule Rule Vpath Include Rule"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("nodes %s, want %s", got, want)
	}
	a := f.Nodes[0].(*Assign)
	if !a.Mods.Export || a.Op != OpSimple || a.Name != "A" || a.Value != "1" {
		t.Errorf("assign %+v", a)
	}
	r := f.Nodes[4].(*Rule)
	if r.Targets != "t" || r.Recipe != " echo $@ # kept" || !r.HasRecipe {
		t.Errorf("rule %+v", r)
	}
	if rc := f.Nodes[5].(*Recipe); rc.Text != "echo two \\\n  three" || rc.Pos.Line != 6 {
		t.Errorf("recipe %q at %v", rc.Text, rc.Pos)
	}
	if ts := f.Nodes[7].(*Rule); ts.Assign == nil || !ts.Assign.Mods.Override || ts.Assign.Op != OpAppend {
		t.Errorf("target-specific %+v", ts)
	}
	if inc := f.Nodes[9].(*Include); !inc.Optional || inc.Files != "a b" {
		t.Errorf("include %+v", inc)
	}
}

func fmtType(n Node) string {
	switch n.(type) {
	case *Assign:
		return "Assign"
	case *Define:
		return "Define"
	case *Cond:
		return "Cond"
	case *Include:
		return "Include"
	case *Export:
		return "Export"
	case *Undefine:
		return "Undefine"
	case *Vpath:
		return "Vpath"
	case *Rule:
		return "Rule"
	case *Recipe:
		return "Recipe"
	}
	return "?"
}

func TestCacheSameFile(t *testing.T) {
	fsys := newMemFS(map[string]string{"/w/m.mk": "x = 1\n"})
	c := NewCache()
	a, err := c.ParseFile(fsys, "/w/m.mk", "m.mk")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.ParseFile(fsys, "/w/m.mk", "m.mk")
	if a != b {
		t.Error("cache parsed twice")
	}
	fsys.m["w/m.mk"] = &fstest.MapFile{Data: []byte("x = 22\n"), ModTime: time.Unix(2, 0)}
	if d, _ := c.ParseFile(fsys, "/w/m.mk", "m.mk"); d == a {
		t.Error("changed file not re-parsed")
	}
}

// recipeOf resolves target and expands its recipe into one string per line, prefixed by flags.
func recipeOf(t *testing.T, s *Scope, target string, auto AutoVars) (*Target, []string) {
	t.Helper()
	tg, err := s.Resolve(target)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := s.ExpandRecipe(tg, auto)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range lines {
		f := ""
		if l.Silent {
			f += "@"
		}
		if l.IgnoreErr {
			f += "-"
		}
		if l.Always {
			f += "+"
		}
		if l.Recursive {
			f += "R"
		}
		out = append(out, f+"|"+l.Text)
	}
	return tg, out
}

func TestRules(t *testing.T) {
	files := map[string]string{"/w/src/a.c": "", "/tree/k/f.c": "", "/w/b.y": "", "/w/h/x.h": ""}
	src := `CFLAGS = -O2
VPATH = /tree
obj := k
k/%.o: k/%.c FORCE
	@echo cc $(CFLAGS) $< -o $@ [$(filter-out FORCE,$^)] $*
k/f.o: CFLAGS += -g
%.o: CFLAGS += -pat
src/%.o: src/%.c
	-echo $(CFLAGS) $(@D) $(@F) $(<D)
%.c: %.y
	echo yacc $< > $@
%.o: %.c
	echo chain $<
vpath %.h h
t.o: x.h
sub:
	+$(MAKE) -C sub $(Q)
	$(Q)${MAKE} -f x
define canned
@echo one
-echo two
endef
canned:
	$(canned)
FORCE:
.PHONY: FORCE sub
`
	s, out, err := evalText(t, src, files, Options{Make: "mk", Exists: func(p string) bool { return p == "gen.h" }})
	if err != nil {
		t.Fatal(err, out)
	}
	t.Run("pattern-vpath-target-var", func(t *testing.T) {
		tg, lines := recipeOf(t, s, "k/f.o", AutoVars{})
		if tg.Pattern != "k/%.o" || tg.Prereqs[0] != "/tree/k/f.c" || tg.PrereqNames[0] != "k/f.c" || tg.Stem != "f" {
			t.Fatalf("%+v", tg)
		}
		want := "@|echo cc -O2 -pat -g /tree/k/f.c -o k/f.o [/tree/k/f.c] f"
		if len(lines) != 1 || lines[0] != want {
			t.Errorf("got %q, want %q", lines, want)
		}
	})
	t.Run("dir-forms", func(t *testing.T) {
		_, lines := recipeOf(t, s, "src/a.o", AutoVars{})
		if want := "-|echo -O2 -pat src a.o src"; len(lines) != 1 || lines[0] != want {
			t.Errorf("got %q, want %q", lines, want)
		}
	})
	t.Run("chain", func(t *testing.T) {
		tg, lines := recipeOf(t, s, "b.o", AutoVars{})
		if tg.Pattern != "%.o" || tg.Prereqs[0] != "b.c" || lines[0] != "|echo chain b.c" {
			t.Errorf("%+v %q", tg, lines)
		}
	})
	t.Run("vpath-directive", func(t *testing.T) {
		tg, _ := s.Resolve("t.o")
		if tg.Prereqs[0] != "h/x.h" {
			t.Errorf("%+v", tg)
		}
	})
	t.Run("recursive-lines", func(t *testing.T) {
		_, lines := recipeOf(t, s, "sub", AutoVars{})
		if strings.Join(lines, ";") != "+R|mk -C sub ;R|mk -f x" {
			t.Errorf("%q", lines)
		}
	})
	t.Run("canned", func(t *testing.T) {
		_, lines := recipeOf(t, s, "canned", AutoVars{})
		if strings.Join(lines, ";") != "@|echo one;-|echo two" {
			t.Errorf("%q", lines)
		}
	})
	t.Run("no-rule", func(t *testing.T) {
		if _, err := s.Resolve("nothing.x"); !errors.Is(err, ErrNoRule) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("exists-hook", func(t *testing.T) {
		tg, err := s.Resolve("gen.h")
		if err != nil || tg.HasRule {
			t.Errorf("%+v %v", tg, err)
		}
	})
	t.Run("targets-and-goal", func(t *testing.T) {
		got := s.Targets()
		sort.Strings(got)
		if strings.Join(got, " ") != ".PHONY FORCE canned sub t.o" || s.DefaultGoal() != "t.o" || !s.IsPhony("sub") {
			t.Errorf("targets %v goal %q", got, s.DefaultGoal())
		}
	})
}

func TestCallHook(t *testing.T) {
	src := "cmd_cc = gcc -o $@ $<\nif_changed = SHELL-DEFINITION\nx.o: x.c\n\t$(call if_changed,cc)\n"
	var seen []string
	hook := func(ctx *CallContext, name string, args []string) (string, bool) {
		if name != "if_changed" {
			return "", false
		}
		cmd, _ := ctx.Var("cmd_" + args[0])
		raw, _ := ctx.Lookup("cmd_" + args[0])
		seen = append(seen, cmd, raw)
		return "run " + cmd, true
	}
	s, _, err := evalText(t, src, map[string]string{"/w/x.c": ""}, Options{CallHook: hook})
	if err != nil {
		t.Fatal(err)
	}
	_, lines := recipeOf(t, s, "x.o", AutoVars{})
	if len(lines) != 1 || lines[0] != "|run gcc -o x.o x.c" {
		t.Errorf("%q", lines)
	}
	if len(seen) != 2 || seen[1] != "gcc -o $@ $<" {
		t.Errorf("%q", seen)
	}
}

func TestEnviron(t *testing.T) {
	src := "export A = $(B)\nB = b\nC = c\nexport D\nunexport E\nx-y = 1\nexport x-y\n"
	s, _, err := evalText(t, src, nil, Options{Env: []string{"E=e", "F=f"}, CommandLine: []string{"obj=k"}, MakeFlags: "rR", MakeLevel: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(s.Environ(), " ")
	want := "A=b D= F=f MAKEFLAGS=rR -- obj=k MAKELEVEL=2 obj=k"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestTargetInheritanceAndEnv(t *testing.T) {
	src := "X = g\nP = g\nparent: X = p\nparent: private P = p\nparent: export E = e\nparent: child\nchild:\n\t@echo $(X) $(P)\n"
	s, _, err := evalText(t, src, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	parent, err := s.Resolve("parent")
	if err != nil {
		t.Fatal(err)
	}
	_, alone := recipeOf(t, s, "child", AutoVars{})
	_, inherited := recipeOf(t, s, "child", AutoVars{Parents: []*Target{parent}})
	if alone[0] != "@|echo g g" || inherited[0] != "@|echo p g" {
		t.Errorf("alone %q inherited %q", alone, inherited)
	}
	env := strings.Join(s.TargetEnviron(parent, AutoVars{}), " ")
	if !strings.Contains(env, "E=e") || strings.Contains(strings.Join(s.Environ(), " "), "E=e") {
		t.Errorf("target env %s", env)
	}
}
