package dag

import "testing"

// TestTakeoverThroughSubMakeGoal is Makefile.build's descent: the parent's recipe-less
// `kernel/time/built-in.a: kernel/time ;`, the sub-make expander `kernel/time`, whose goal `kernel/time/`
// depends on the sub-make's real AR rule for the same file.
func TestTakeoverThroughSubMakeGoal(t *testing.T) {
	h := newHarness(t)
	h.write("kernel/time/timer.c")
	sub := &Edge{Outputs: h.g.Nodes("kernel/time"), Phony: true}
	sub.Expand = func(ec *ExpandContext) ([]*Edge, []*Node, error) {
		g := ec.Graph
		cc := &Edge{Key: "cc timer", Outputs: g.Nodes("kernel/time/timer.o"), Inputs: g.Nodes("kernel/time/timer.c"), Always: true}
		cc.Plan = func(*PlanContext) (*Command, error) { return &Command{Key: "cc timer", Check: CheckCommand}, nil }
		ar := &Edge{Key: "ar time", Outputs: g.Nodes("kernel/time/built-in.a"), Inputs: g.Nodes("kernel/time/timer.o"), Always: true}
		ar.Plan = func(*PlanContext) (*Command, error) { return &Command{Key: "ar time", Check: CheckCommand}, nil }
		goal := &Edge{Outputs: []*Node{g.Phony("kernel/time/")}, Inputs: g.Nodes("kernel/time/built-in.a"), Phony: true}
		return []*Edge{cc, ar, goal}, []*Node{g.Phony("kernel/time/")}, nil
	}
	if _, err := h.g.AddEdge(sub); err != nil {
		t.Fatal(err)
	}
	if _, err := h.g.AddEdge(&Edge{Outputs: h.g.Nodes("kernel/time/built-in.a"), Inputs: h.g.Nodes("kernel/time")}); err != nil {
		t.Fatal(err)
	}
	h.cc("kernel/built-in.a", "kernel/time/built-in.a")
	if _, err := h.g.AddEdge(&Edge{Outputs: []*Node{h.g.Phony("kernel/")}, Inputs: []*Node{h.g.Node("kernel/built-in.a"), h.g.Node("kernel/time")}, Phony: true}); err != nil {
		t.Fatal(err)
	}
	h.mustBuild([]string{"kernel/built-in.a", "kernel/time/built-in.a", "kernel/time/timer.o"}, "kernel/")
}

// TestExpansionProducesAScannedSource is arch/x86/boot: header.o was scanned when ../voffset.h was only an
// existing file; the compressed/ sub-make, expanded later, adds the rule that regenerates it. header.o must
// wait for that rule instead of running with the old file.
func TestExpansionProducesAScannedSource(t *testing.T) {
	h := newHarness(t)
	h.write("voffset.h")
	h.write("header.S")
	sub := &Edge{Outputs: h.g.Nodes("compressed"), Phony: true}
	sub.Expand = func(ec *ExpandContext) ([]*Edge, []*Node, error) {
		g := ec.Graph
		v := &Edge{Key: "voffset", Outputs: g.Nodes("voffset.h"), Always: true}
		v.Plan = func(*PlanContext) (*Command, error) { return &Command{Key: "voffset v2", Check: CheckCommand}, nil }
		return []*Edge{v}, g.Nodes("voffset.h"), nil
	}
	if _, err := h.g.AddEdge(sub); err != nil {
		t.Fatal(err)
	}
	// header.o also waits for the sub-make through another input, so it is scanned before the expansion.
	h.cc("zoffset.h", "compressed")
	h.cc("header.o", "header.S", "voffset.h", "zoffset.h")
	h.mustBuild([]string{"header.o", "voffset.h", "zoffset.h"}, "header.o")
	var order []string
	for _, ev := range h.events {
		if ev.Kind == EventStart && !ev.Edge.Phony {
			order = append(order, ev.Edge.Outputs[0].Path)
		}
	}
	if len(order) < 2 || order[len(order)-1] != "header.o" {
		t.Errorf("header.o did not run last: %v", order)
	}
}
