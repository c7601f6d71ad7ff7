package targets

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kbuild-go/kbuild-go/dag"
)

// goalNodes finds the graph's nodes for goals after a dry run expanded the graph behind them: a file in
// the output tree (or the source tree), else the phony target of that name in the output tree's top
// Makefile (a goal like bzImage is handed from the source tree's Makefile to the output tree's).
func (d *driver) goalNodes(goals []string, names *actionNames) ([]*dag.Node, error) {
	var out []*dag.Node
	for _, g := range goals {
		if n := d.fileNode(g, names); n != nil {
			out = append(out, n)
			continue
		}
		if n := d.phonyGoal(g, names); n != nil {
			out = append(out, n)
			continue
		}
		return nil, &NoRuleError{Target: g}
	}
	return out, nil
}

func (d *driver) fileNode(name string, names *actionNames) *dag.Node {
	for _, r := range names.roots {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(r, name)
		}
		if n, ok := d.g.Lookup(p); ok {
			return n
		}
	}
	return nil
}

// phonyGoal is the phony node name of a top Makefile scope, the output tree's first.
func (d *driver) phonyGoal(name string, names *actionNames) *dag.Node {
	var best *dag.Node
	bestRank := 3
	for _, e := range d.g.Edges() {
		for _, o := range e.Outputs {
			if !o.Phony() || o.Producer() != e {
				continue
			}
			parts := strings.Split(o.Path, "\x00")
			if len(parts) < 4 || parts[len(parts)-1] != name {
				continue
			}
			rank := 2
			if filepath.Base(parts[0]) == "Makefile" {
				rank = 1
				if len(names.roots) > 0 && parts[2] == names.roots[0] {
					rank = 0
				}
			}
			if rank < bestRank {
				best, bestRank = o, rank
			}
		}
	}
	return best
}

// query prints, for each goal, what makes it: its inputs of each kind, the dependencies its record
// holds, its outputs, the command (as it would run now) and the edges that use it.
func (d *driver) query(w io.Writer, goals []string, names *actionNames) error {
	nodes, err := d.goalNodes(goals, names)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	list := func(label string, ns []*dag.Node) {
		if len(ns) == 0 {
			return
		}
		fmt.Fprintf(bw, "  %s:\n", label)
		for _, n := range ns {
			fmt.Fprintf(bw, "    %s\n", names.nodeName(n))
		}
	}
	for _, n := range nodes {
		fmt.Fprintf(bw, "%s:\n", names.nodeName(n))
		e := n.Producer()
		switch {
		case e == nil:
			fmt.Fprintf(bw, "  a source: nothing makes it\n")
		case e.Expand != nil:
			fmt.Fprintf(bw, "  made by a sub-make of %s\n", names.name(e))
		}
		if e != nil {
			list("inputs", e.Inputs)
			list("implicit inputs", e.Implicit)
			list("order-only inputs", e.OrderOnly)
			list("dependencies from its record", e.Deps())
			list("outputs", e.Outputs)
			if e.Plan != nil {
				c, err := d.planNow(e)
				switch {
				case err != nil:
					fmt.Fprintf(bw, "  command: (cannot be planned: %v)\n", err)
				case c == nil:
					fmt.Fprintf(bw, "  command: none\n")
				default:
					text := c.Key
					if text == "" {
						text = c.Description
					}
					fmt.Fprintf(bw, "  command:\n    %s\n", strings.ReplaceAll(strings.TrimSpace(text), "\n", "\n    "))
				}
			}
		}
		var users []*dag.Node
		for _, c := range n.Consumers() {
			users = append(users, c.Outputs[0])
		}
		list("used by", users)
	}
	return nil
}

// planNow plans e as if it had to run (its if_changed steps all kept), against its record.
func (d *driver) planNow(e *dag.Edge) (*dag.Command, error) {
	rec, has, err := records{d}.Load(e.Outputs[0].Path)
	if err != nil {
		return nil, err
	}
	return e.Plan(&dag.PlanContext{Edge: e, Reason: dag.ReasonAlways, Record: rec, HasRecord: has, DryRun: true})
}

// nodeName is a node's name for people: a file relative to the trees, a phony target by its name.
func (n *actionNames) nodeName(x *dag.Node) string {
	if x.Phony() {
		parts := strings.Split(x.Path, "\x00")
		return parts[len(parts)-1]
	}
	return n.path(x.Path)
}

// graphDOT writes the graph behind the goals as Graphviz DOT, in the shape of ninja's -t graph: a box per
// file, an ellipse per action with more than one input or output (a single-input, single-output action
// is an arrow), order-only inputs dashed, the goals of a sub-make that an action stands for in bold.
// Dependencies from records (headers) are left out.
func (d *driver) graphDOT(w io.Writer, goals []string, names *actionNames) error {
	nodes, err := d.goalNodes(goals, names)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintln(bw, "digraph kbuild {")
	fmt.Fprintln(bw, `  rankdir="LR"`)
	fmt.Fprintln(bw, `  node [fontsize=10, shape=box, height=0.25]`)
	fmt.Fprintln(bw, `  edge [fontsize=10]`)
	ids := map[*dag.Node]int{}
	id := func(n *dag.Node) string {
		i, ok := ids[n]
		if !ok {
			i = len(ids) + 1
			ids[n] = i
			shape := ""
			if n.Phony() {
				shape = ", style=dashed"
			}
			fmt.Fprintf(bw, "  n%d [label=%q%s]\n", i, names.nodeName(n), shape)
		}
		return fmt.Sprintf("n%d", i)
	}
	seen := map[*dag.Edge]bool{}
	actions := 0
	var visit func(n *dag.Node)
	visit = func(n *dag.Node) {
		id(n)
		e := n.Producer()
		if e == nil || seen[e] {
			return
		}
		seen[e] = true
		ins := append(append(append(append([]*dag.Node(nil), e.Inputs...), e.Implicit...), e.OrderOnly...), e.WaitFor()...)
		for _, in := range ins {
			visit(in)
		}
		order := len(e.Inputs) + len(e.Implicit)
		subMake := len(ins) - len(e.WaitFor())
		if len(ins) == 0 {
			return // a leaf with a recipe or none (FORCE): its box is enough
		}
		if len(ins) == 1 && len(e.Outputs) == 1 && subMake == 1 {
			style := ""
			if order == 0 {
				style = " [style=dashed]"
			}
			fmt.Fprintf(bw, "  %s -> %s%s\n", id(ins[0]), id(e.Outputs[0]), style)
			return
		}
		actions++
		a := fmt.Sprintf("a%d", actions)
		label := "recipe"
		if e.Expand != nil {
			label = "sub-make"
		}
		fmt.Fprintf(bw, "  %s [label=%q, shape=ellipse]\n", a, label)
		for i, in := range ins {
			style := ""
			switch {
			case i >= subMake:
				style = ` [style=bold, label="sub-make"]`
			case i >= order:
				style = " [style=dashed]"
			}
			fmt.Fprintf(bw, "  %s -> %s%s\n", id(in), a, style)
		}
		for _, o := range e.Outputs {
			fmt.Fprintf(bw, "  %s -> %s\n", a, id(o))
		}
	}
	for _, n := range nodes {
		visit(n)
	}
	fmt.Fprintln(bw, "}")
	return nil
}

// srcarch is $(SRCARCH) of the kernel build's top Makefile ("x86"), "" without one.
func (d *driver) srcarch() string {
	top := d.kbuildTop()
	if top == nil {
		return ""
	}
	top.mu.Lock()
	defer top.mu.Unlock()
	v, _ := top.s.Var("SRCARCH")
	return strings.TrimSpace(v)
}

// phase is one step of the top Makefile's flow that the phase view folds actions into.
type phase struct {
	name    string
	anchors []string // files in the output tree, or phony targets of its top Makefile
}

// topPhases is the flow a reader of the top Makefile knows, in order: each phase takes the actions behind
// its anchors that no earlier phase took; the goals take the rest. Anchors a tree or an arch does not have
// are skipped.
func topPhases(srcarch string) []phase {
	return []phase{
		{"config", []string{"include/config/auto.conf", "include/generated/autoconf.h", "include/config/kernel.release"}},
		{"scripts_basic (fixdep)", []string{"scripts/basic/fixdep"}},
		{"prepare (archheaders, asm-offsets, ...)", []string{"prepare"}},
		{"descent (objects, built-in.a)", []string{"built-in.a"}},
		{"vmlinux", []string{"vmlinux"}},
		{"setup.bin", []string{"arch/" + srcarch + "/boot/setup.bin"}},
	}
}

// actionsBehind adds to taken the edges behind n (through inputs of every kind but record dependencies,
// and the goals of the sub-makes an expander stands for) that are not taken yet, and returns how many of
// them are actions (a recipe or an expansion).
func actionsBehind(n *dag.Node, taken map[*dag.Edge]int, phase int) int {
	count := 0
	var visit func(n *dag.Node)
	visit = func(n *dag.Node) {
		e := n.Producer()
		if e == nil {
			return
		}
		if _, ok := taken[e]; ok {
			return
		}
		taken[e] = phase
		if e.Plan != nil || e.Expand != nil {
			count++
		}
		for _, list := range [][]*dag.Node{e.Inputs, e.Implicit, e.OrderOnly, e.WaitFor()} {
			for _, in := range list {
				visit(in)
			}
		}
	}
	visit(n)
	return count
}

// graphPhases writes the phase view: one box per phase with its action count, an arrow where a phase
// uses what an earlier one made; the counts add up to the graph's total, which the label gives.
func (d *driver) graphPhases(w io.Writer, goals []string, names *actionNames, srcarch string) error {
	nodes, err := d.goalNodes(goals, names)
	if err != nil {
		return err
	}
	phases := topPhases(srcarch)
	taken := map[*dag.Edge]int{}
	counts := make([]int, len(phases)+1)
	for i, p := range phases {
		for _, a := range p.anchors {
			n := d.fileNode(a, &actionNames{roots: names.roots[:1]})
			if n == nil {
				n = d.phonyGoal(a, names)
			}
			if n != nil && slices.ContainsFunc(nodes, func(g *dag.Node) bool { return behind(g, n) }) {
				counts[i] += actionsBehind(n, taken, i)
			}
		}
	}
	last := len(phases)
	total := 0
	for _, n := range nodes {
		counts[last] += actionsBehind(n, taken, last)
	}
	for _, c := range counts {
		total += c
	}
	// Which phase uses which: an input made in another phase.
	uses := map[[2]int]bool{}
	for e, p := range taken {
		for _, list := range [][]*dag.Node{e.Inputs, e.Implicit, e.OrderOnly, e.WaitFor()} {
			for _, in := range list {
				if q, ok := taken[in.Producer()]; ok && q != p && in.Producer() != nil {
					uses[[2]int{q, p}] = true
				}
			}
		}
	}
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintln(bw, "digraph kbuild_phases {")
	fmt.Fprintf(bw, "  label=%q\n", fmt.Sprintf("%s: %d actions", strings.Join(goals, " "), total))
	fmt.Fprintln(bw, `  rankdir="LR"`)
	fmt.Fprintln(bw, `  node [fontsize=10, shape=box]`)
	label := func(i int) string {
		if i == last {
			return strings.Join(goals, " ")
		}
		return phases[i].name
	}
	for i, c := range counts {
		if c > 0 {
			fmt.Fprintf(bw, "  p%d [label=%q]\n", i, fmt.Sprintf("%s\n%d actions", label(i), c))
		}
	}
	for i := range counts {
		for j := range counts {
			if uses[[2]int{i, j}] && counts[i] > 0 && counts[j] > 0 {
				fmt.Fprintf(bw, "  p%d -> p%d\n", i, j)
			}
		}
	}
	fmt.Fprintln(bw, "}")
	return nil
}

// behind reports whether n is behind goal: goal itself or reachable from it.
func behind(goal, n *dag.Node) bool {
	seen := map[*dag.Edge]bool{}
	var visit func(x *dag.Node) bool
	visit = func(x *dag.Node) bool {
		if x == n {
			return true
		}
		e := x.Producer()
		if e == nil || seen[e] {
			return false
		}
		seen[e] = true
		for _, list := range [][]*dag.Node{e.Inputs, e.Implicit, e.OrderOnly, e.WaitFor()} {
			for _, in := range list {
				if visit(in) {
					return true
				}
			}
		}
		return false
	}
	return visit(goal)
}
