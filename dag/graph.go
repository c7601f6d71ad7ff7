// Package dag is kbuild-go's kernel-agnostic build engine: it runs a finished graph of files (nodes) and
// actions (edges). It knows nothing about make syntax, Kconfig or kernels and imports no other project
// package; targets/ builds the graph from evaluated Kbuild makefiles and supplies the kernel-specific parts
// (the .cmd record files, fixdep) through the Records interface.
//
// Phases of one Build: scan (mark the edges needed for the requested nodes, load each output's Record so
// its saved dependencies become implicit inputs, compute critical paths), schedule (ready queue ordered by
// critical path, N workers), and per edge: check (mtime part of Kbuild's `why`), Plan (the lazily expanded
// command, like make expanding a recipe just before running it), check again (command-line part), run,
// restat, record. Every decision is handed with its Reason to the injected Explainer.
//
// A Graph is used by one Build at a time: per-build state lives in unexported fields of Node and Edge and is
// reset by each Build's scan.
package dag

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// NodeState is the explicit tri-state of a node's file (ninja documents mtime_ the same way): a node is
// stat'ed at most once per build until its producer runs, after which it is stat'ed again.
type NodeState uint8

const (
	// StateUnknown means the file has not been stat'ed in this build.
	StateUnknown NodeState = iota
	// StateMissing means the file does not exist (or the node is phony).
	StateMissing
	// StateExists means the file exists; Node.MTime holds its modification time.
	StateExists
)

// String returns the state's name.
func (s NodeState) String() string {
	switch s {
	case StateUnknown:
		return "unknown"
	case StateMissing:
		return "missing"
	case StateExists:
		return "exists"
	}
	return fmt.Sprintf("NodeState(%d)", uint8(s))
}

// Node is a file or a phony name. Nodes are interned by Graph.Node: one *Node per path string, compared by
// pointer. Paths are used exactly as given (no cleaning): the integrator decides the spelling, as make does.
type Node struct {
	// Path is the file path or phony name.
	Path string

	// phony is set when the node is the output of a Phony edge or was declared with Graph.Phony.
	phony    bool
	producer *Edge
	// consumers are edges listing the node as any kind of input; waiters are expanders waiting for it.
	consumers []*Edge

	// Per-build state, guarded by the builder's mutex; gen says which build last reset it.
	gen     uint64
	state   NodeState
	mtime   time.Time
	done    bool // producer finished (or there is no producer and the node was checked)
	changed bool // producer ran in this build and dependents must see the node as newer
	failed  bool // producer failed or was not run because of a failure
	waiters []*Edge
	// depConsumers are edges whose record-loaded dependencies include the node, in this build.
	depConsumers []*Edge
	// stamp marks the node as seen by the current setDeps (Graph.stamp).
	stamp uint64
}

// Producer returns the edge that builds the node, or nil for a source file.
func (n *Node) Producer() *Edge { return n.producer }

// Phony reports whether the node is a phony name rather than a file.
func (n *Node) Phony() bool { return n.phony }

// State returns the node's file state as last observed by a build, and its mtime when it exists.
func (n *Node) State() (NodeState, time.Time) { return n.state, n.mtime }

// Consumers are the edges that use n as an input of any kind, the depfile dependencies of the last build
// included.
func (n *Node) Consumers() []*Edge {
	out := append([]*Edge(nil), n.consumers...)
	for _, e := range n.depConsumers {
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// Deps are the edge's dependencies from its record (a depfile, fixdep's list in a .cmd file), as the
// last build that checked it loaded them.
func (e *Edge) Deps() []*Node { return e.s.deps }

// WaitFor are the nodes an expander waited for after its expansion in the last build (the goals of the
// sub-make it stands for): what it "makes", though not its outputs.
func (e *Edge) WaitFor() []*Node { return e.s.waitFor }

// Edge is an action producing Outputs from inputs. The integrator fills the exported fields and adds the
// edge with Graph.AddEdge (or returns it from an expander); the fields must not change afterwards.
type Edge struct {
	// Key is the edge's identity, used when two edges claim the same output: equal keys mean the same
	// action (the existing producer is shared), different keys are an error naming both. It also names the
	// edge in messages when non-empty.
	Key string

	// Outputs are the files (or phony names) the edge produces. The first one is the primary output: its
	// Record is the edge's record.
	Outputs []*Node
	// Inputs are the explicit prerequisites (make's $^).
	Inputs []*Node
	// Implicit are extra prerequisites that dirty the output but are not in $^ (ninja's `|`). Dependencies
	// loaded from the Record (depfiles) count as implicit inputs too, for the current build only.
	Implicit []*Node
	// OrderOnly inputs are built first but never make the output dirty (make's `| dir`).
	OrderOnly []*Node

	// Phony means the outputs are not files: the edge always runs and dependents always see it as newer.
	Phony bool
	// Always re-plans the edge on every build, like Kbuild's FORCE prerequisite; whether it really runs is
	// then decided by the Command's Check kind (CheckNone: it runs; CheckCommand: Kbuild's if_changed).
	Always bool
	// Restat: after the edge runs, outputs whose mtime did not change are not newer for dependents
	// (Kbuild's filechk "update only if the content changed"). Without it a run always makes dependents
	// dirty (ninja's rule). GNU make re-stats after every recipe, i.e. behaves as if every edge were
	// Restat: edges translated from make rules should set it.
	Restat bool
	// Precious is make's .PRECIOUS: outputs are kept when the command fails or is interrupted. Without it
	// a failed or interrupted command's modified outputs are deleted (Kbuild's .DELETE_ON_ERROR).
	Precious bool
	// Untracked means the output has no record at all (Kbuild: "not in $(targets)"): Records.Load is not
	// called, so a CheckCommand edge always runs with ReasonUntracked. Save is still called after success,
	// as Kbuild still writes the .cmd file.
	Untracked bool

	// Plan computes the command lazily, once all inputs are done. A nil Command means there is nothing to
	// run (an empty recipe, Kbuild's `@:`); the outputs then count as unchanged. Exactly one of Plan and
	// Expand may be set; an edge with neither is a grouping edge (like a rule with no recipe).
	Plan func(pc *PlanContext) (*Command, error)
	// Expand makes the edge an expander (make's sub-make): when its inputs are done it adds edges to the
	// live graph and the expander completes once the waitFor nodes are done. Expanders also run under
	// DryRun, as make runs $(MAKE) lines under -n.
	Expand func(ec *ExpandContext) (newEdges []*Edge, waitFor []*Node, err error)

	s edgeState
}

// String names the edge by its Key, else by its primary output.
func (e *Edge) String() string {
	if e.Key != "" {
		return e.Key
	}
	if len(e.Outputs) > 0 {
		return e.Outputs[0].Path
	}
	return "<edge without outputs>"
}

// edgeStatus is the scheduler's per-build view of an edge.
type edgeStatus uint8

const (
	statusIdle    edgeStatus = iota // not wanted in this build
	statusWanted                    // wanted, waiting for inputs
	statusReady                     // in the ready queue
	statusRunning                   // handed to a worker
	statusWaiting                   // expander waiting for its waitFor nodes
	statusDone                      // finished successfully (ran or was clean)
	statusFailed                    // failed itself
	statusBlocked                   // not run because an input failed
)

// edgeState is per-build scheduler state, guarded by the builder's mutex.
type edgeState struct {
	gen      uint64 // build generation that last reset this state
	status   edgeStatus
	pending  int     // inputs (and, for expanders in statusWaiting, waitFor nodes) not yet done
	critical float64 // longest weighted chain from this edge to a requested node, inclusive
	seq      uint64  // tie-breaker for the ready queue: scan order
	record   Record
	hasRec   bool
	waitFor  []*Node
	deps     []*Node // record-loaded dependencies (implicit inputs for this build)
	// releasedBy is the edge whose completion made this one ready; action is what this edge ran. They
	// make Result.Critical.
	expanded    bool // an expander no longer counted as an expansion to come (Progress.Growing)
	releasedBy  *Edge
	byExpansion bool  // releasedBy's expansion made this edge ready (it added or wanted it)
	waitedFor   *Edge // an expander: the edge whose end ended its wait
	action      *Action
}

// Graph is the set of nodes and edges. Node interning and edge addition are safe for concurrent use
// (expanders call Node from worker goroutines); everything else about an edge belongs to the Build.
type Graph struct {
	mu    sync.Mutex
	nodes map[string]*Node
	stamp uint64 // setDeps' marks on nodes, one value per call, under the build's mutex
	edges []*Edge
	gen   uint64 // build generation counter, bumped by each Build
}

// NewGraph returns an empty graph.
func NewGraph() *Graph { return &Graph{nodes: make(map[string]*Node)} }

// Node returns the node for path, creating it on first use: one *Node per path string.
func (g *Graph) Node(path string) *Node {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.nodeLocked(path)
}

func (g *Graph) nodeLocked(path string) *Node {
	n := g.nodes[path]
	if n == nil {
		n = &Node{Path: path}
		g.nodes[path] = n
	}
	return n
}

// Nodes interns several paths at once.
func (g *Graph) Nodes(paths ...string) []*Node {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]*Node, len(paths))
	for i, p := range paths {
		out[i] = g.nodeLocked(p)
	}
	return out
}

// Phony returns the node for name and marks it phony even without a producer (make's `.PHONY: FORCE`
// with an empty `FORCE:` rule): a phony input is always in $? and always dirties a CheckNone edge.
func (g *Graph) Phony(name string) *Node {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := g.nodeLocked(name)
	n.phony = true
	return n
}

// Lookup returns the node for path if it exists.
func (g *Graph) Lookup(path string) (*Node, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	n, ok := g.nodes[path]
	return n, ok
}

// Edges returns the edges added so far, in order.
func (g *Graph) Edges() []*Edge {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]*Edge(nil), g.edges...)
}

// ConflictError reports two edges with different Keys claiming one output.
type ConflictError struct {
	Output   string
	Existing *Edge
	New      *Edge
}

// Error names the output and both edges.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("dag: two different producers for %q: %q and %q", e.Output, e.Existing, e.New)
}

// AddEdge adds e and makes it the producer of its outputs. For an output that already has a producer:
//   - the same non-empty Key: the existing producer is shared; AddEdge returns it and e is not added (all
//     of e's outputs must then belong to that producer);
//   - the existing producer has no recipe (no Plan, no Expand, not Phony: make's `$(subdir-builtin):
//     $(obj)/%/built-in.a: $(obj)/% ;` in a parent scope) and e has one (the sub-make's rule): e takes the
//     output over, and the recipe-less edge no longer gates it;
//   - e has no recipe: the existing producer keeps the output;
//   - otherwise it is a *ConflictError naming both.
func (g *Graph) AddEdge(e *Edge) (*Edge, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.addEdgeLocked(e)
}

// recipeless reports whether e is a file rule without a recipe.
func (e *Edge) recipeless() bool { return e.Plan == nil && e.Expand == nil && !e.Phony }

func (g *Graph) addEdgeLocked(e *Edge) (*Edge, error) {
	if len(e.Outputs) == 0 {
		return nil, fmt.Errorf("dag: edge %q has no outputs", e)
	}
	if e.Plan != nil && e.Expand != nil {
		return nil, fmt.Errorf("dag: edge %q has both Plan and Expand", e)
	}
	var shared *Edge
	claim := make([]bool, len(e.Outputs))
	claims := 0
	for i, o := range e.Outputs {
		p := o.producer
		switch {
		case p == nil:
			claim[i] = true
		case p == e:
			return nil, &ConflictError{Output: o.Path, Existing: p, New: e}
		case p.Key != "" && p.Key == e.Key:
			if shared != nil && shared != p {
				return nil, &ConflictError{Output: o.Path, Existing: shared, New: e}
			}
			shared = p
			continue
		case p.recipeless() && !e.recipeless():
			claim[i] = true
		case e.recipeless():
			continue
		default:
			return nil, &ConflictError{Output: o.Path, Existing: p, New: e}
		}
		claims++
	}
	if shared != nil {
		if claims > 0 || len(shared.Outputs) != len(e.Outputs) {
			return nil, &ConflictError{Output: e.Outputs[0].Path, Existing: shared, New: e}
		}
		return shared, nil
	}
	for i, o := range e.Outputs {
		if claim[i] {
			o.producer = e
			if e.Phony {
				o.phony = true
			}
		}
	}
	seen := make(map[*Node]bool)
	for _, list := range [][]*Node{e.Inputs, e.Implicit, e.OrderOnly} {
		for _, in := range list {
			if !seen[in] {
				seen[in] = true
				in.consumers = append(in.consumers, e)
			}
		}
	}
	g.edges = append(g.edges, e)
	return e, nil
}

// setDeps makes the record-loaded dependencies deps this build's extra implicit inputs of e, skipping
// ones already listed. They live in per-build state (not in Implicit) so that a dependency dropped from
// the depfile stops counting at the next build. Called with the builder's mutex held.
func (b *builder) setDeps(e *Edge, deps []string) {
	// A stamp on the nodes instead of a set (mu is held): a compile's record names hundreds of headers.
	b.g.stamp++ // the graph's, not the builder's: nodes keep their marks from earlier builds
	stamp := b.g.stamp
	for _, list := range [][]*Node{e.Inputs, e.Implicit, e.OrderOnly, e.Outputs} {
		for _, n := range list {
			n.stamp = stamp
		}
	}
	nodes := b.g.Nodes(deps...)
	e.s.deps = e.s.deps[:0]
	for _, n := range nodes {
		if n.stamp == stamp {
			continue
		}
		n.stamp = stamp
		b.resetNode(n)
		e.s.deps = append(e.s.deps, n)
		n.depConsumers = append(n.depConsumers, e)
	}
}
