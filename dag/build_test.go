package dag

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// harness is a ninja-style test bed: in-memory FS with a fake clock, fake runner, map records, and an
// explainer that remembers every decision.
type harness struct {
	t    *testing.T
	fs   *MemFS
	g    *Graph
	run  *FakeRunner
	recs *MapRecords
	cfg  Config

	mu        sync.Mutex
	decisions map[string]Decision
	events    []Event
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	fs := NewMemFS()
	h := &harness{t: t, fs: fs, g: NewGraph(), run: &FakeRunner{FS: fs}, recs: NewMapRecords()}
	h.cfg = Config{Jobs: 2, FS: fs, Runner: h.run, Records: h.recs,
		Explainer: ExplainFunc(func(d Decision) {
			h.mu.Lock()
			h.decisions[d.Output] = d
			h.mu.Unlock()
		}),
		Printer: PrinterFunc(func(ev Event) {
			h.mu.Lock()
			h.events = append(h.events, ev)
			h.mu.Unlock()
		}),
	}
	return h
}

// write creates or touches a source file at the current fake time.
func (h *harness) write(paths ...string) {
	for _, p := range paths {
		if err := h.fs.WriteFile(p, []byte("src "+p)); err != nil {
			h.t.Fatal(err)
		}
	}
}

// cc adds a Kbuild-style edge: FORCE'd (Always) and checked with if_changed (CheckCommand).
func (h *harness) cc(out string, inputs ...string) *Edge {
	return h.edge(&Edge{Outputs: h.g.Nodes(out), Inputs: h.g.Nodes(inputs...), Always: true},
		"cc -o "+out+" "+strings.Join(inputs, " "), CheckCommand)
}

// edge sets a constant plan on e and adds it.
func (h *harness) edge(e *Edge, key string, kind CheckKind) *Edge {
	h.t.Helper()
	e.Plan = func(pc *PlanContext) (*Command, error) {
		return &Command{Key: key, Check: kind, Description: "  CC      " + e.Outputs[0].Path}, nil
	}
	if _, err := h.g.AddEdge(e); err != nil {
		h.t.Fatal(err)
	}
	return e
}

// build ticks the clock (so outputs are newer than what was written before) and builds targets; it
// returns the primary outputs of the commands that ran, sorted.
func (h *harness) build(targets ...string) ([]string, *Result, error) {
	h.fs.Tick()
	h.mu.Lock()
	h.decisions = make(map[string]Decision)
	h.events = nil
	h.mu.Unlock()
	res, err := Build(context.Background(), h.g, h.cfg, h.g.Nodes(targets...)...)
	ran := h.run.Ran()
	slices.Sort(ran)
	h.fs.Tick()
	return ran, res, err
}

func (h *harness) mustBuild(want []string, targets ...string) *Result {
	h.t.Helper()
	ran, res, err := h.build(targets...)
	if err != nil {
		h.t.Fatalf("build %v: %v", targets, err)
	}
	if want == nil {
		want = []string{}
	}
	if ran == nil {
		ran = []string{}
	}
	if !reflect.DeepEqual(ran, want) {
		h.t.Fatalf("build %v ran %q, want %q", targets, ran, want)
	}
	return res
}

func (h *harness) decision(out string) Decision {
	h.t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	d, ok := h.decisions[out]
	if !ok {
		h.t.Fatalf("no decision for %s", out)
	}
	return d
}

func (h *harness) wantWhy(out, why string) {
	h.t.Helper()
	if got := h.decision(out).Why(); got != why {
		h.t.Errorf("%s: why = %q, want %q", out, got, why)
	}
}

// prog builds a.c, b.c -> a.o, b.o -> prog.
func (h *harness) prog() {
	h.write("a.c", "b.c")
	h.cc("a.o", "a.c")
	h.cc("b.o", "b.c")
	h.cc("prog", "a.o", "b.o")
}

func TestIncremental(t *testing.T) {
	t.Run("first build reports missing targets", func(t *testing.T) {
		h := newHarness(t)
		h.prog()
		h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
		h.wantWhy("a.o", "- due to target missing")
	})
	t.Run("no-op build runs nothing", func(t *testing.T) {
		h := newHarness(t)
		h.prog()
		h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
		res := h.mustBuild(nil, "prog")
		if res.UpToDate != 3 || res.Ran != 0 {
			t.Errorf("result %+v", res)
		}
		for _, o := range []string{"a.o", "b.o", "prog"} {
			if d := h.decision(o); d.Run || d.Reason != ReasonNone {
				t.Errorf("%s: %+v", o, d)
			}
		}
	})
	t.Run("newer input rebuilds exactly its dependents", func(t *testing.T) {
		h := newHarness(t)
		h.prog()
		h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
		h.write("a.c")
		h.mustBuild([]string{"a.o", "prog"}, "prog")
		h.wantWhy("a.o", "- due to: a.c")
		h.wantWhy("prog", "- due to: a.o")
		if d := h.decision("b.o"); d.Run {
			t.Errorf("b.o ran: %+v", d)
		}
	})
	t.Run("command change rebuilds", func(t *testing.T) {
		h := newHarness(t)
		h.prog()
		h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
		key := "cc -O2 -o a.o a.c"
		h.g.Node("a.o").Producer().Plan = func(*PlanContext) (*Command, error) {
			return &Command{Key: key, Check: CheckCommand}, nil
		}
		h.mustBuild([]string{"a.o", "prog"}, "prog")
		h.wantWhy("a.o", "- due to command line change")
		if d := h.decision("a.o"); d.Saved != "cc -o a.o a.c" || d.Command != key {
			t.Errorf("saved/new = %q/%q", d.Saved, d.Command)
		}
		key = "  cc   -O2\t-o a.o\n a.c  "
		var dbg strings.Builder
		h.cfg.Debug = &dbg
		h.mustBuild(nil, "prog")
		if want := `dag: cmd-check a.o: saved(true)="cc -O2 -o a.o a.c"`; !strings.Contains(dbg.String(), want) {
			t.Errorf("debug output %q lacks %q", dbg.String(), want)
		}
	})
	t.Run("missing record", func(t *testing.T) {
		h := newHarness(t)
		h.prog()
		h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
		h.recs.Delete("b.o")
		h.mustBuild([]string{"b.o", "prog"}, "prog")
		h.wantWhy("b.o", "- due to missing .cmd file")
		h.mustBuild(nil, "prog")
	})
	t.Run("untracked target always runs", func(t *testing.T) {
		h := newHarness(t)
		h.write("x.c")
		h.cc("dir/x.o", "x.c").Untracked = true
		h.mustBuild([]string{"dir/x.o"}, "dir/x.o")
		h.mustBuild([]string{"dir/x.o"}, "dir/x.o")
		h.wantWhy("dir/x.o", "- due to x.o not in $(targets)")
	})
	t.Run("missing output", func(t *testing.T) {
		h := newHarness(t)
		h.prog()
		h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
		h.fs.Remove("prog")
		h.mustBuild([]string{"prog"}, "prog")
		h.wantWhy("prog", "- due to target missing")
	})
	t.Run("deleted source without rule is an error", func(t *testing.T) {
		h := newHarness(t)
		h.prog()
		h.fs.Remove("b.c")
		_, _, err := h.build("prog")
		var nr *NoRuleError
		if !errors.As(err, &nr) || nr.Input != "b.c" || nr.NeededBy != "b.o" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("log absence does not force a rebuild", func(t *testing.T) {
		h := newHarness(t)
		h.prog()
		h.cfg.Log = openTestLog(t)
		h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
		h.cfg.Log = nil
		h.mustBuild(nil, "prog")
	})
}

func TestPhony(t *testing.T) {
	h := newHarness(t)
	h.write("a.c")
	h.cc("a.o", "a.c")
	h.edge(&Edge{Outputs: h.g.Nodes("prepare"), Phony: true}, "echo prepare", CheckNone)
	// if_changed ignores phony prerequisites (newer-prereqs filters out $(PHONY))...
	h.cc("checked", "a.o", "prepare")
	// ...but plain make runs a rule with a phony prerequisite every time.
	h.edge(&Edge{Outputs: h.g.Nodes("plain"), Inputs: h.g.Nodes("a.o", "prepare")}, "touch plain", CheckNone)
	h.mustBuild([]string{"a.o", "checked", "plain", "prepare"}, "checked", "plain")
	h.mustBuild([]string{"plain", "prepare"}, "checked", "plain")
	h.wantWhy("prepare", "- due to target is PHONY")
	if d := h.decision("checked"); d.Run {
		t.Errorf("checked ran: %+v", d)
	}
	if d := h.decision("plain"); d.Reason != ReasonAlways {
		t.Errorf("plain: %+v", d)
	}

	t.Run("phony FORCE node without producer", func(t *testing.T) {
		h := newHarness(t)
		force := h.g.Phony("FORCE")
		h.write("in")
		e := h.edge(&Edge{Outputs: h.g.Nodes("out"), Inputs: []*Node{h.g.Node("in"), force}}, "gen", CheckNone)
		var newer []string
		plan := e.Plan
		e.Plan = func(pc *PlanContext) (*Command, error) { newer = pc.Newer; return plan(pc) }
		h.mustBuild([]string{"out"}, "out")
		h.mustBuild([]string{"out"}, "out")
		if !reflect.DeepEqual(newer, []string{"FORCE"}) {
			t.Errorf("$? = %q, want [FORCE]", newer)
		}
	})
}

func TestOrderOnly(t *testing.T) {
	h := newHarness(t)
	h.write("a.c")
	h.edge(&Edge{Outputs: h.g.Nodes("dir/.mkdir")}, "mkdir dir", CheckNone)
	h.edge(&Edge{Outputs: h.g.Nodes("dir/a.o"), Inputs: h.g.Nodes("a.c"), OrderOnly: h.g.Nodes("dir/.mkdir"),
		Always: true}, "cc", CheckCommand)
	h.mustBuild([]string{"dir/.mkdir", "dir/a.o"}, "dir/a.o")
	h.write("dir/.mkdir")
	h.mustBuild(nil, "dir/a.o")
	h.fs.Remove("dir/.mkdir")
	h.mustBuild([]string{"dir/.mkdir"}, "dir/a.o")
}

func TestRestat(t *testing.T) {
	for _, tc := range []struct {
		name    string
		restat  bool
		touch   bool
		wantRun []string
	}{
		{"restat unchanged output stops propagation", true, false, []string{"gen.h"}},
		{"restat changed output propagates", true, true, []string{"gen.h", "use.o"}},
		{"without restat a run always propagates", false, false, []string{"gen.h", "use.o"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.write("gen.in", "use.c")
			h.cc("gen.h", "gen.in").Restat = tc.restat
			h.cc("use.o", "use.c", "gen.h")
			h.mustBuild([]string{"gen.h", "use.o"}, "use.o")
			h.run.Hook = func(j *Job, fs *MemFS) (bool, error) {
				return j.Outputs[0] == "gen.h" && !tc.touch, nil // filechk: content unchanged, file untouched
			}
			h.write("gen.in")
			h.mustBuild(tc.wantRun, "use.o")
		})
	}
	t.Run("always edge planning @: counts as unchanged", func(t *testing.T) {
		h := newHarness(t)
		h.write("use.c")
		gen := &Edge{Outputs: h.g.Nodes("version.h"), Always: true}
		gen.Plan = func(*PlanContext) (*Command, error) { return nil, nil }
		h.g.AddEdge(gen)
		h.write("version.h")
		h.cc("use.o", "use.c", "version.h")
		h.mustBuild([]string{"use.o"}, "use.o")
		h.mustBuild(nil, "use.o")
	})
}

func TestDepfile(t *testing.T) {
	h := newHarness(t)
	h.write("a.c", "a.h", "b.h")
	e := h.cc("a.o", "a.c")
	plan := e.Plan
	e.Plan = func(pc *PlanContext) (*Command, error) {
		c, err := plan(pc)
		c.Depfile = "a.o.d"
		return c, err
	}
	h.run.Hook = func(j *Job, fs *MemFS) (bool, error) {
		fs.WriteFile("a.o", nil)
		fs.WriteFile("a.o.d", []byte("a.o: a.c a.h \\\n b.h\na.h:\nb.h:\n"))
		return true, nil
	}
	h.mustBuild([]string{"a.o"}, "a.o")
	if rec, _, _ := h.recs.Load("a.o"); !reflect.DeepEqual(rec.Deps, []string{"a.c", "a.h", "b.h"}) {
		t.Fatalf("saved deps %q", rec.Deps)
	}
	h.mustBuild(nil, "a.o")
	h.write("b.h")
	h.mustBuild([]string{"a.o"}, "a.o")
	h.wantWhy("a.o", "- due to: b.h")
	t.Run("deleted header dirties instead of failing", func(t *testing.T) {
		h.fs.Remove("a.h")
		h.run.Hook = func(j *Job, fs *MemFS) (bool, error) {
			fs.WriteFile("a.o", nil)
			fs.WriteFile("a.o.d", []byte("a.o: a.c b.h\n"))
			return true, nil
		}
		h.mustBuild([]string{"a.o"}, "a.o")
		h.wantWhy("a.o", "- due to: a.h")
		h.mustBuild(nil, "a.o")
	})
}

func TestFailures(t *testing.T) {
	failB := func(j *Job, fs *MemFS) (bool, error) {
		if j.Outputs[0] == "b.o" {
			fs.WriteFile("b.o", []byte("partial"))
			return true, errors.New("exit status 1")
		}
		return false, nil
	}
	setup := func(t *testing.T, keepGoing bool) *harness {
		h := newHarness(t)
		h.cfg.Jobs, h.cfg.KeepGoing = 1, keepGoing
		h.write("a.c", "b.c", "c.c")
		h.cc("b.o", "b.c")
		h.cc("lib", "b.o")
		h.cc("a.o", "a.c")
		h.cc("c.o", "c.c")
		h.edge(&Edge{Outputs: h.g.Nodes("all"), Inputs: h.g.Nodes("lib", "a.o", "c.o"), Phony: true}, "", CheckNone)
		// Make b.o first in the queue: longest chain.
		h.run.Hook = failB
		return h
	}
	t.Run("keep going builds independent work", func(t *testing.T) {
		h := setup(t, true)
		ran, res, err := h.build("all")
		var be *BuildError
		if !errors.As(err, &be) || len(be.Failed) != 1 || be.Failed[0].Edge.Outputs[0].Path != "b.o" {
			t.Fatalf("err = %v", err)
		}
		if !reflect.DeepEqual(ran, []string{"a.o", "b.o", "c.o"}) {
			t.Errorf("ran %q", ran)
		}
		if res.Blocked != 2 { // lib and all
			t.Errorf("blocked = %d", res.Blocked)
		}
		if _, ok, _ := h.fs.Stat("b.o"); ok {
			t.Error("modified output of failed command not deleted")
		}
		if h.decision("lib").Reason != ReasonFailedDep {
			t.Errorf("lib: %+v", h.decision("lib"))
		}
		if _, ok, _ := h.recs.Load("b.o"); ok {
			t.Error("record saved for a failed command")
		}
	})
	t.Run("without keep going stops at the first failure", func(t *testing.T) {
		h := setup(t, false)
		ran, _, err := h.build("all")
		if err == nil {
			t.Fatal("no error")
		}
		if !reflect.DeepEqual(ran, []string{"b.o"}) {
			t.Errorf("ran %q, want only b.o (first on the critical path)", ran)
		}
	})
	t.Run("precious output is kept", func(t *testing.T) {
		h := setup(t, true)
		h.g.Node("b.o").Producer().Precious = true
		h.build("all")
		if _, ok, _ := h.fs.Stat("b.o"); !ok {
			t.Error("precious output deleted")
		}
	})
	t.Run("plan error fails the edge", func(t *testing.T) {
		h := newHarness(t)
		h.write("a.c")
		e := h.cc("a.o", "a.c")
		e.Plan = func(*PlanContext) (*Command, error) { return nil, errors.New("bad recipe") }
		if _, _, err := h.build("a.o"); err == nil || !strings.Contains(err.Error(), "bad recipe") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("requested file without rule", func(t *testing.T) {
		h := newHarness(t)
		var nr *NoRuleError
		if _, _, err := h.build("nope"); !errors.As(err, &nr) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("cycle", func(t *testing.T) {
		h := newHarness(t)
		h.cc("x", "y")
		h.cc("y", "x")
		if _, _, err := h.build("x"); err == nil || !strings.Contains(err.Error(), "cycle: x -> y -> x") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestDryRun(t *testing.T) {
	h := newHarness(t)
	h.prog()
	h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
	h.write("a.c")
	before := h.fs.Paths()
	h.cfg.DryRun = true
	res := h.mustBuild(nil, "prog")
	if res.Ran != 2 {
		t.Errorf("would run %d, want 2 (a.o and its dependent prog)", res.Ran)
	}
	var dry []string
	for _, ev := range h.events {
		if ev.Kind == EventDryRun {
			dry = append(dry, ev.Edge.Outputs[0].Path)
		}
	}
	slices.Sort(dry)
	if !reflect.DeepEqual(dry, []string{"a.o", "prog"}) {
		t.Errorf("dry-run events %q", dry)
	}
	if !reflect.DeepEqual(h.fs.Paths(), before) {
		t.Error("dry run changed the file system")
	}
	h.cfg.DryRun = false
	h.mustBuild([]string{"a.o", "prog"}, "prog")
}

func TestExpand(t *testing.T) {
	subMake := func(h *harness, key string, expanded *int) *Edge {
		e := &Edge{Outputs: h.g.Nodes("descend"), Phony: true, Inputs: h.g.Nodes("prepare")}
		e.Expand = func(ec *ExpandContext) ([]*Edge, []*Node, error) {
			*expanded++
			g := ec.Graph
			obj := &Edge{Key: key, Outputs: g.Nodes("sub/x.o"), Inputs: g.Nodes("sub/x.c"), Always: true}
			obj.Plan = func(*PlanContext) (*Command, error) {
				return &Command{Key: "cc sub/x.c", Check: CheckCommand}, nil
			}
			lib := &Edge{Key: "ar sub/lib.a", Outputs: g.Nodes("sub/lib.a"), Inputs: g.Nodes("sub/x.o"),
				Always: true}
			lib.Plan = func(*PlanContext) (*Command, error) {
				return &Command{Key: "ar sub/lib.a sub/x.o", Check: CheckCommand}, nil
			}
			return []*Edge{obj, lib}, g.Nodes("sub/lib.a"), nil
		}
		return e
	}
	setup := func(t *testing.T, key string, expanded *int) *harness {
		h := newHarness(t)
		h.write("sub/x.c")
		h.g.AddEdge(&Edge{Outputs: h.g.Nodes("prepare"), Phony: true})
		// An edge the top level already knows for sub/x.o (make's "obj := ..." from two scopes).
		h.edge(&Edge{Key: "cc sub/x.o", Outputs: h.g.Nodes("sub/x.o"), Inputs: h.g.Nodes("sub/x.c"),
			Always: true}, "cc sub/x.c", CheckCommand)
		if _, err := h.g.AddEdge(subMake(h, key, expanded)); err != nil {
			t.Fatal(err)
		}
		h.cc("vmlinux", "descend")
		return h
	}
	t.Run("adds edges and shares an equal producer", func(t *testing.T) {
		n := 0
		h := setup(t, "cc sub/x.o", &n)
		h.mustBuild([]string{"sub/lib.a", "sub/x.o", "vmlinux"}, "vmlinux")
		if n != 1 {
			t.Errorf("expanded %d times", n)
		}
		h.mustBuild(nil, "vmlinux")
		h.write("sub/x.c")
		h.mustBuild([]string{"sub/lib.a", "sub/x.o"}, "vmlinux")
		if n != 3 {
			t.Errorf("expanded %d times, want once per build", n)
		}
	})
	t.Run("rejects a different producer", func(t *testing.T) {
		n := 0
		h := setup(t, "other rule", &n)
		_, _, err := h.build("vmlinux")
		var ce *ConflictError
		if !errors.As(err, &ce) || ce.Output != "sub/x.o" || !strings.Contains(err.Error(), `"cc sub/x.o" and "other rule"`) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a non-phony expander output is newer only when what it waited for changed", func(t *testing.T) {
		h := newHarness(t)
		h.write("sub/x.c", "stamp")
		e := &Edge{Outputs: h.g.Nodes("stamp")}
		e.Expand = func(ec *ExpandContext) ([]*Edge, []*Node, error) {
			obj := &Edge{Key: "cc", Outputs: ec.Graph.Nodes("sub/x.o"), Inputs: ec.Graph.Nodes("sub/x.c"), Always: true}
			obj.Plan = func(*PlanContext) (*Command, error) { return &Command{Key: "cc", Check: CheckCommand}, nil }
			return []*Edge{obj}, ec.Graph.Nodes("sub/x.o"), nil
		}
		h.g.AddEdge(e)
		h.edge(&Edge{Outputs: h.g.Nodes("after"), Inputs: h.g.Nodes("stamp")}, "after", CheckNone)
		h.mustBuild([]string{"after", "sub/x.o"}, "after")
		h.mustBuild(nil, "after")
		h.write("sub/x.c")
		h.mustBuild([]string{"after", "sub/x.o"}, "after")
	})
	t.Run("sub-make rule takes over a recipe-less parent rule", func(t *testing.T) {
		// Makefile.build: $(subdir-builtin): $(obj)/%/built-in.a: $(obj)/% ; and the sub-make's AR rule.
		h := newHarness(t)
		h.write("kernel/fork.c")
		sub := &Edge{Outputs: h.g.Nodes("kernel"), Phony: true}
		sub.Expand = func(ec *ExpandContext) ([]*Edge, []*Node, error) {
			g := ec.Graph
			cc := &Edge{Key: "cc fork", Outputs: g.Nodes("kernel/fork.o"), Inputs: g.Nodes("kernel/fork.c"), Always: true}
			cc.Plan = func(*PlanContext) (*Command, error) { return &Command{Key: "cc fork", Check: CheckCommand}, nil }
			ar := &Edge{Key: "ar kernel", Outputs: g.Nodes("kernel/built-in.a"), Inputs: g.Nodes("kernel/fork.o"), Always: true}
			ar.Plan = func(*PlanContext) (*Command, error) { return &Command{Key: "ar kernel", Check: CheckCommand}, nil }
			return []*Edge{cc, ar}, g.Nodes("kernel/built-in.a"), nil
		}
		h.g.AddEdge(sub)
		if _, err := h.g.AddEdge(&Edge{Outputs: h.g.Nodes("kernel/built-in.a"), Inputs: h.g.Nodes("kernel")}); err != nil {
			t.Fatal(err)
		}
		h.cc("built-in.a", "kernel/built-in.a")
		h.mustBuild([]string{"built-in.a", "kernel/built-in.a", "kernel/fork.o"}, "built-in.a")
		if d := h.decision("kernel/built-in.a"); d.Reason != ReasonMissing {
			t.Errorf("kernel/built-in.a decided by the wrong edge: %+v", d)
		}
		h.mustBuild(nil, "built-in.a")
		h.write("kernel/fork.c")
		h.mustBuild([]string{"built-in.a", "kernel/built-in.a", "kernel/fork.o"}, "built-in.a")
	})
	t.Run("expands under dry run", func(t *testing.T) {
		n := 0
		h := setup(t, "cc sub/x.o", &n)
		h.cfg.DryRun = true
		res := h.mustBuild(nil, "vmlinux")
		if n != 1 || res.Ran != 4 { // expansion + x.o, lib.a, vmlinux would run
			t.Errorf("expanded %d, ran %d", n, res.Ran)
		}
	})
}

func TestCriticalPath(t *testing.T) {
	chain := func(h *harness) {
		h.write("src")
		h.cc("a1", "src")
		h.cc("a2", "a1")
		h.cc("a3", "a2")
		h.cc("b1", "src")
		h.edge(&Edge{Outputs: h.g.Nodes("all"), Inputs: h.g.Nodes("b1", "a3"), Phony: true}, "", CheckNone)
	}
	order := func(h *harness) []string {
		var got []string
		for _, ev := range h.events {
			if ev.Kind == EventStart && !ev.Edge.Phony {
				got = append(got, ev.Edge.Outputs[0].Path)
			}
		}
		return got
	}
	t.Run("longest chain first", func(t *testing.T) {
		h := newHarness(t)
		h.cfg.Jobs = 1
		chain(h)
		h.build("all")
		if got := order(h); !reflect.DeepEqual(got, []string{"a1", "a2", "b1", "a3"}) {
			t.Errorf("order %q", got)
		}
	})
	t.Run("weighted by previous durations", func(t *testing.T) {
		h := newHarness(t)
		h.cfg.Jobs = 1
		h.cfg.Log = openTestLog(t)
		h.cfg.Log.Save("b1", Record{Command: "x", Duration: 5e9})
		chain(h)
		h.build("all")
		if got := order(h); !reflect.DeepEqual(got, []string{"b1", "a1", "a2", "a3"}) {
			t.Errorf("order %q", got)
		}
	})
}

func TestFuncCommand(t *testing.T) {
	h := newHarness(t)
	e := &Edge{Outputs: h.g.Nodes("include/generated/x.h"), Always: true, Restat: true}
	content := "v1"
	e.Plan = func(*PlanContext) (*Command, error) {
		return &Command{Check: CheckNone, Key: "filechk x.h", Func: func(ctx context.Context, fs FS, out, _ io.Writer) error {
			old, _ := fs.ReadFile("include/generated/x.h")
			if string(old) == content {
				return nil
			}
			fmt.Fprintln(out, "  UPD     x.h")
			return fs.WriteFile("include/generated/x.h", []byte(content))
		}}, nil
	}
	h.g.AddEdge(e)
	h.write("use.c")
	h.cc("use.o", "use.c", "include/generated/x.h")
	h.build("use.o")
	if got, _ := h.fs.ReadFile("include/generated/x.h"); string(got) != "v1" {
		t.Fatalf("x.h = %q", got)
	}
	h.mustBuild(nil, "use.o")
	content = "v2"
	h.mustBuild([]string{"use.o"}, "use.o")
	found := false
	for _, ev := range h.events {
		found = found || (ev.Kind == EventFinish && strings.Contains(string(ev.Output.Bytes()), "UPD"))
	}
	if !found {
		t.Error("captured output of the Func step not printed")
	}
}

func openTestLog(t *testing.T) *StateLog {
	t.Helper()
	l, err := OpenStateLog(t.TempDir() + "/state.log")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// TestParallel builds a layered graph with 4 workers and checks that no command starts before its inputs
// exist, that each runs once, and that a second build is a no-op.
func TestParallel(t *testing.T) {
	h := newHarness(t)
	h.cfg.Jobs = 4
	var all []string
	for layer := range 6 {
		for i := range 15 {
			out := fmt.Sprintf("l%d/%d.o", layer, i)
			var ins []string
			if layer == 0 {
				ins = []string{fmt.Sprintf("src/%d.c", i)}
				h.write(ins[0])
			} else {
				for k := range 3 {
					ins = append(ins, fmt.Sprintf("l%d/%d.o", layer-1, (i*7+k*5)%15))
				}
			}
			h.cc(out, ins...)
			all = append(all, out)
		}
	}
	h.edge(&Edge{Outputs: h.g.Nodes("all"), Inputs: h.g.Nodes(all...), Phony: true}, "", CheckNone)
	var mu sync.Mutex
	var bad []string
	h.run.Hook = func(j *Job, fs *MemFS) (bool, error) {
		for _, in := range j.Edge.Inputs {
			if _, ok, _ := fs.Stat(in.Path); !ok && !in.Phony() {
				mu.Lock()
				bad = append(bad, j.Outputs[0]+" before "+in.Path)
				mu.Unlock()
			}
		}
		return false, nil
	}
	want := append(slices.Clone(all), "all")
	slices.Sort(want)
	h.mustBuild(want, "all")
	if len(bad) > 0 {
		t.Errorf("ran too early: %q", bad)
	}
	h.mustBuild([]string{"all"}, "all")
}

// The tracer gets one action per command run, each in a job slot below Jobs, overlapping ones in
// different slots; the critical path is the chain that ended last: the slow compile, then the link.
func TestTraceAndCriticalPath(t *testing.T) {
	h := newHarness(t)
	h.prog()
	release := make(chan struct{})
	h.run.Hook = func(j *Job, fs *MemFS) (bool, error) {
		switch j.Outputs[0] {
		case "b.o":
			close(release) // a.o is still running: it waits for this
		case "a.o":
			<-release
		}
		return false, nil
	}
	var actions []Action
	h.cfg.Tracer = TracerFunc(func(a Action) { actions = append(actions, a) })
	res := h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
	if len(actions) != 3 {
		t.Fatalf("traced %d actions, want 3", len(actions))
	}
	slot := map[string]int{}
	for _, a := range actions {
		if a.Slot < 0 || a.Slot >= h.cfg.Jobs || a.Command == nil || a.Err != nil {
			t.Errorf("action %s: slot %d, command %v, err %v", a.Edge, a.Slot, a.Command, a.Err)
		}
		slot[a.Edge.Outputs[0].Path] = a.Slot
	}
	if slot["a.o"] == slot["b.o"] {
		t.Errorf("a.o and b.o ran at once in the same slot %d", slot["a.o"])
	}
	var path []string
	for _, a := range res.Critical {
		path = append(path, a.Edge.Outputs[0].Path)
	}
	if want := []string{"a.o", "prog"}; !reflect.DeepEqual(path, want) {
		t.Errorf("critical path %q, want %q", path, want)
	}
	// A no-op build runs nothing: no actions, an empty critical path.
	actions = nil
	if res := h.mustBuild(nil, "prog"); len(res.Critical) != 0 || len(actions) != 0 {
		t.Errorf("no-op: critical %v, actions %v", res.Critical, actions)
	}
}

// Under DryRun a command with a Probe that says its outputs would not change is printed (it runs) but
// its dependents stay clean, as a real run's restat leaves them; a probe is not asked when an input would
// be remade by the dry run, since what it would read is not there yet.
func TestDryRunProbe(t *testing.T) {
	for _, remade := range []bool{false, true} {
		h := newHarness(t)
		h.write("gen.in")
		probed := 0
		up := h.cc("gen.in.copy", "gen.in")
		gen := &Edge{Outputs: h.g.Nodes("gen.h"), Inputs: up.Outputs, Always: true, Restat: true}
		gen.Plan = func(pc *PlanContext) (*Command, error) {
			return &Command{Key: "gen", Probe: func(context.Context) (bool, error) { probed++; return false, nil }}, nil
		}
		if _, err := h.g.AddEdge(gen); err != nil {
			t.Fatal(err)
		}
		h.cc("user.o", "gen.h")
		h.mustBuild([]string{"gen.h", "gen.in.copy", "user.o"}, "user.o")
		if remade {
			h.write("gen.in")
		}
		h.cfg.DryRun = true
		h.mustBuild(nil, "user.o")
		g, u := h.decision("gen.h"), h.decision("user.o")
		if remade && (probed != 0 || g.Unchanged || !u.Run) || !remade && (probed != 1 || !g.Unchanged || u.Run) {
			t.Errorf("input remade %v: probed %d times; gen.h unchanged %v; user.o runs %v", remade, probed, g.Unchanged, u.Run)
		}
	}
}

// Progress counts the edges with work: a no-op build of prog ends with all three done, and every report
// has Done <= Total.
func TestProgress(t *testing.T) {
	h := newHarness(t)
	h.prog()
	var last Progress
	h.cfg.Progress = func(p Progress) {
		if p.Done > p.Total || p.Running > h.cfg.Jobs {
			t.Errorf("progress %+v", p)
		}
		last = p
	}
	h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
	if last != (Progress{Done: 3, Total: 3}) {
		t.Errorf("last progress %+v, want 3 of 3", last)
	}
	h.mustBuild(nil, "prog")
	if last != (Progress{Done: 3, Total: 3}) {
		t.Errorf("no-op: last progress %+v, want 3 of 3", last)
	}
}
