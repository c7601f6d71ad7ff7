package dag

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kbuild-go/kbuild-go/proc"
)

// EventKind says what a printer Event reports.
type EventKind uint8

const (
	// EventStart: a command is about to run.
	EventStart EventKind = iota
	// EventFinish: a command succeeded; Output holds its captured stdout and stderr.
	EventFinish
	// EventFail: a command (or Plan, or expansion) failed; Err says why, Output holds what it printed.
	EventFail
	// EventDryRun: under DryRun, the command would run.
	EventDryRun
)

// Event is one thing the printer is told. Output is handed over whole when the command finishes, so
// outputs of parallel commands never interleave.
type Event struct {
	Kind     EventKind
	Edge     *Edge
	Command  *Command // nil for a failed Plan or expansion
	Output   *proc.Output
	Err      error
	Duration time.Duration
}

// Printer receives events. It is called from worker goroutines and must be safe for concurrent use;
// printing V=0 quiet lines, V=1 command lines and -n output is its job, in one place.
type Printer interface {
	Print(ev Event)
}

// PrinterFunc adapts a function to Printer.
type PrinterFunc func(ev Event)

// Print calls f(ev).
func (f PrinterFunc) Print(ev Event) { f(ev) }

// Config is everything a Build needs; nothing in dag is configured through package state.
type Config struct {
	// Jobs is the number of edges worked on at once (make -j); < 1 means 1.
	Jobs int
	// KeepGoing is make -k: after a failure, keep building everything that does not depend on it.
	KeepGoing bool
	// AlwaysMake is make -B: every target is out of date (every input counts as newer).
	AlwaysMake bool
	// DryRun is make -n: print what would run and run nothing, except expanders, which still expand.
	DryRun bool
	// FS is the file system; nil means OSFS.
	FS FS
	// Runner runs shell lines; nil means ExecRunner{}.
	Runner Runner
	// Records holds the saved command lines and deps; nil means Log (and with no Log, nothing is tracked
	// between builds: every CheckCommand edge has no record).
	Records Records
	// Log, when set, supplies previous durations for critical-path weights and gets a record of every
	// successful command. It is a cache only: decisions come from Records.
	Log *StateLog
	// Printer and Explainer receive events and decisions; nil discards them.
	Printer   Printer
	Explainer Explainer
	// Debug, when set, gets one line per command-line check with everything it compared: the
	// normalised saved and new command lines and their hashes (cmd/go's GODEBUG=gocachehash=1).
	Debug io.Writer
	// Tracer, when set, is told of every action when it ends (see Action).
	Tracer Tracer
	// Progress, when set, is called with the build's counts whenever they change, from the scheduler's
	// goroutine (one call at a time; keep it cheap).
	Progress func(p Progress)
}

// Progress is how far a build is: Done of Total edges that have work (a recipe or an expansion) are
// finished, clean or blocked; Running are being worked on. Growing says that expansions are still to come,
// so Total will grow (a sub-make adds the edges of its directory when it is entered).
type Progress struct {
	Done, Total, Running int
	Growing              bool
}

// Action is one piece of work a build did: a command it ran (Command set) or an expansion (Command nil).
// Commands that were checked and found clean, and commands of a DryRun, are not actions.
type Action struct {
	Edge    *Edge
	Command *Command
	// Slot is the job slot the action ran in, 0 to Jobs-1: at most one action holds a slot at a time, so
	// a trace shows one lane per slot.
	Slot     int
	Start    time.Time
	Duration time.Duration
	// CPU is the user and system time of the processes the command ran (proc.CPU), 0 for an expansion.
	CPU time.Duration
	// Err is the action's failure, or nil.
	Err error
}

// Tracer receives each action as it ends, from the scheduler's goroutine (one call at a time; keep it
// cheap: the build waits).
type Tracer interface {
	Trace(a Action)
}

// TracerFunc adapts a function to Tracer.
type TracerFunc func(a Action)

// Trace calls f(a).
func (f TracerFunc) Trace(a Action) { f(a) }

// Failure is one edge that failed and why.
type Failure struct {
	Edge *Edge
	Err  error
}

// Result summarises a build.
type Result struct {
	// Failed lists the edges that failed, in completion order.
	Failed []Failure
	// Ran counts the commands run (under DryRun: that would run) and expansions.
	Ran int
	// UpToDate counts the edges checked and found clean.
	UpToDate int
	// Blocked counts the edges not run because an input failed.
	Blocked int
	// Critical is the build's critical path as it happened: the actions, first to last, of the chain
	// that ends with the last edge to finish, each link the prerequisite (or expansion) whose completion
	// released the next one. Clean edges on the chain are passed through, not listed.
	Critical []Action
}

// BuildError is returned when edges failed; it lists them all (with KeepGoing there can be several).
type BuildError struct {
	Failed []Failure
}

// Error lists one failed edge per line: "edge: error".
func (e *BuildError) Error() string {
	var b strings.Builder
	for i, f := range e.Failed {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s: %v", f.Edge, f.Err)
	}
	return b.String()
}

// Unwrap returns the failures' errors.
func (e *BuildError) Unwrap() []error {
	out := make([]error, len(e.Failed))
	for i, f := range e.Failed {
		out[i] = f.Err
	}
	return out
}

// NoRuleError is an explicit or order-only input that does not exist and that no edge produces (make's
// "No rule to make target"). Missing implicit (depfile) inputs are not errors: they make the output dirty.
type NoRuleError struct {
	Input, NeededBy string
}

// Error reads like make's message.
func (e *NoRuleError) Error() string {
	if e.NeededBy == "" {
		return fmt.Sprintf("no rule to make target %q", e.Input)
	}
	return fmt.Sprintf("no rule to make target %q, needed by %q", e.Input, e.NeededBy)
}

// builder is one Build's state. mu guards every per-build field of nodes and edges and everything below
// it; Plan, Expand, runners, FS calls on behalf of a worker and printers run without it.
type builder struct {
	stamp   uint64 // setDeps' marks on nodes, one value per call
	ctx     context.Context
	g       *Graph
	cfg     Config
	records Records
	gen     uint64

	mu      sync.Mutex
	console sync.Mutex // held by the running Console command
	ready   readyQueue
	running int
	seq     uint64
	slots   []bool // job slots in use
	prog    Progress
	expands int   // wanted expanders not yet expanded
	last    *Edge // the edge that finished last
	stopped bool
	res     Result
	results chan *outcome

	debugMu sync.Mutex // serialises Config.Debug writes only; never held with mu
}

// Build brings the requested nodes up to date. It returns a *BuildError when edges failed, and an error
// wrapping context.Canceled (or ctx's other error) when ctx was cancelled: running commands are then
// stopped and their modified outputs deleted.
func Build(ctx context.Context, g *Graph, cfg Config, targets ...*Node) (*Result, error) {
	if cfg.Jobs < 1 {
		cfg.Jobs = 1
	}
	if cfg.FS == nil {
		cfg.FS = OSFS{}
	}
	if cfg.Runner == nil {
		cfg.Runner = ExecRunner{}
	}
	b := &builder{ctx: ctx, g: g, cfg: cfg, records: cfg.Records, results: make(chan *outcome)}
	if b.records == nil && cfg.Log != nil {
		b.records = cfg.Log
	}
	g.mu.Lock()
	g.gen++
	b.gen = g.gen
	g.mu.Unlock()

	b.mu.Lock()
	var roots []*Edge
	for _, t := range targets {
		b.resetNode(t)
		if t.producer == nil && !t.phony {
			if _, ok, err := cfg.FS.Stat(t.Path); err != nil || !ok {
				b.mu.Unlock()
				if err == nil {
					err = &NoRuleError{Input: t.Path}
				}
				return &b.res, err
			}
		}
		if err := b.wantNode(t, nil, &roots); err != nil {
			b.mu.Unlock()
			return &b.res, err
		}
	}
	b.pushReady(roots)
	b.mu.Unlock()

	b.loop()

	b.mu.Lock()
	defer b.mu.Unlock()
	b.res.Critical = b.criticalPath()
	res := b.res
	if err := ctx.Err(); err != nil {
		return &res, fmt.Errorf("dag: build interrupted: %w", err)
	}
	if len(res.Failed) > 0 {
		return &res, &BuildError{Failed: res.Failed}
	}
	for _, t := range targets {
		if p := t.producer; p != nil && p.s.status != statusDone {
			return &res, fmt.Errorf("dag: internal error: %q not built (status %d)%s", t.Path, p.s.status, b.stuck())
		}
	}
	return &res, nil
}

// loop dispatches ready edges to at most Jobs workers and applies their outcomes until nothing is running
// and nothing more can start.
func (b *builder) loop() {
	done := b.ctx.Done()
	for {
		b.mu.Lock()
		for !b.stopped && b.running < b.cfg.Jobs && b.ready.Len() > 0 {
			e := heap.Pop(&b.ready).(*Edge)
			if e.s.status != statusReady {
				continue // blocked by a failure while queued
			}
			e.s.status = statusRunning
			b.running++
			slot := b.takeSlot()
			b.reportProgress()
			go func() {
				o := b.work(e)
				o.slot = slot
				b.results <- o
			}()
		}
		if b.running == 0 {
			b.mu.Unlock()
			return
		}
		b.mu.Unlock()
		select {
		case o := <-b.results:
			b.mu.Lock()
			b.running--
			b.slots[o.slot] = false
			if o.action != nil {
				o.action.Slot = o.slot
				o.e.s.action = o.action
				if b.cfg.Tracer != nil {
					b.cfg.Tracer.Trace(*o.action)
				}
			}
			b.complete(o)
			b.reportProgress()
			b.mu.Unlock()
		case <-done:
			b.mu.Lock()
			b.stopped = true
			b.mu.Unlock()
			done = nil // keep collecting the running workers, which see ctx too
		}
	}
}

// inputsRemade reports whether a file input of e was (or, under DryRun, would be) remade in this build.
func (b *builder) inputsRemade(e *Edge) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, in := range e.allInputs() {
		if !in.phony && in.changed {
			return true
		}
	}
	return false
}

// waitsOn reports whether edge p, wanted in this build, is (transitively, through inputs not done yet)
// waiting for edge e. mu is held.
func (b *builder) waitsOn(p, e *Edge) bool {
	if p.s.gen != b.gen || p.s.status == statusIdle || p.s.status == statusDone {
		return false
	}
	seen := map[*Edge]bool{}
	var visit func(x *Edge) bool
	visit = func(x *Edge) bool {
		if x == e {
			return true
		}
		if seen[x] || x.s.gen != b.gen || x.s.status == statusDone || x.s.status == statusIdle {
			return false
		}
		seen[x] = true
		for _, in := range x.allInputs() {
			if q := in.producer; q != nil && !in.done && visit(q) {
				return true
			}
		}
		return false
	}
	return visit(p)
}

// reportProgress hands the counts to Config.Progress. mu is held.
func (b *builder) reportProgress() {
	if b.cfg.Progress == nil {
		return
	}
	b.prog.Running, b.prog.Growing = b.running, b.expands > 0
	b.cfg.Progress(b.prog)
}

// expanded takes an expander off the count of expansions to come, once. mu is held.
func (b *builder) expanded(e *Edge) {
	if e.Expand != nil && !e.s.expanded {
		e.s.expanded = true
		b.expands--
	}
}

// counted reports whether e is one of Progress.Total's edges.
func counted(e *Edge) bool { return e.Plan != nil || e.Expand != nil }

// takeSlot returns the lowest free job slot and marks it used. mu is held.
func (b *builder) takeSlot() int {
	for i, used := range b.slots {
		if !used {
			b.slots[i] = true
			return i
		}
	}
	b.slots = append(b.slots, true)
	return len(b.slots) - 1
}

// criticalPath walks back from the edge that finished last through the edges that released each one. An
// expander is on it twice: its end waited for the last of the nodes it expanded to (waitedFor), and its
// expansion (its action) is what made the roots of those edges ready. mu is held.
func (b *builder) criticalPath() []Action {
	var path []Action
	type visit struct {
		e        *Edge
		expanded bool // the expander's expansion, not its end
	}
	seen := make(map[visit]bool)
	for v := (visit{e: b.last}); v.e != nil && !seen[v]; {
		seen[v] = true
		e := v.e
		if e.Expand != nil && !v.expanded && e.s.waitedFor != nil {
			v = visit{e: e.s.waitedFor}
			continue
		}
		if e.s.action != nil {
			path = append(path, *e.s.action)
		}
		v = visit{e: e.s.releasedBy, expanded: e.s.byExpansion}
	}
	slices.Reverse(path)
	return path
}

// resetNode clears a node's per-build state the first time this build touches it.
func (b *builder) resetNode(n *Node) {
	if n.gen == b.gen {
		return
	}
	n.gen, n.state, n.mtime, n.done, n.changed, n.failed = b.gen, StateUnknown, time.Time{}, false, false, false
	n.waiters, n.depConsumers = nil, nil
	if n.phony {
		n.state = StateMissing
	}
}

// wantNode marks the producer of n (and, recursively, of its inputs) as needed. stack holds the edges
// being scanned, for cycle messages; edges with nothing pending are appended to roots.
func (b *builder) wantNode(n *Node, stack []*Edge, roots *[]*Edge) error {
	e := n.producer
	if e == nil {
		return nil
	}
	if e.s.gen == b.gen {
		if e.s.status == statusIdle { // being scanned: a cycle
			var names []string
			for i := len(stack) - 1; i >= 0; i-- {
				names = append(names, stack[i].Outputs[0].Path)
				if stack[i] == e {
					break
				}
			}
			for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
				names[i], names[j] = names[j], names[i]
			}
			return fmt.Errorf("dag: dependency cycle: %s -> %s", strings.Join(names, " -> "), n.Path)
		}
		return nil
	}
	e.s = edgeState{gen: b.gen, status: statusIdle}
	for _, o := range e.Outputs {
		b.resetNode(o)
	}
	if !e.Untracked && !e.Phony && b.records != nil && e.Expand == nil {
		rec, ok, err := b.records.Load(e.Outputs[0].Path)
		if err != nil {
			return fmt.Errorf("dag: loading record of %q: %w", e.Outputs[0].Path, err)
		}
		if ok {
			e.s.record, e.s.hasRec = rec, true
			b.setDeps(e, rec.Deps)
		}
	}
	stack = append(stack, e)
	pending := 0
	for _, in := range e.allInputs() {
		b.resetNode(in)
		if err := b.wantNode(in, stack, roots); err != nil {
			return err
		}
		if in.producer != nil && !in.done {
			pending++
		}
	}
	b.seq++
	e.s.seq = b.seq
	e.s.status = statusWanted
	if e.Plan != nil || e.Expand != nil {
		b.prog.Total++
		if e.Expand != nil {
			b.expands++
		}
	}
	e.s.pending = pending
	if pending == 0 {
		*roots = append(*roots, e)
	}
	return nil
}

// allInputs returns the distinct inputs of every kind.
func (e *Edge) allInputs() []*Node {
	n := len(e.Inputs) + len(e.Implicit) + len(e.s.deps) + len(e.OrderOnly)
	out := make([]*Node, 0, n)
	// The record's dependencies are apart from the rule's lists and from each other (setDeps): only the
	// rule's own lists, short, need de-duplicating, and no map is built for a compile's 800 headers.
	out = appendOnce(out, e.Inputs, len(out))
	out = appendOnce(out, e.Implicit, len(out))
	rule := len(out)
	out = append(out, e.s.deps...)
	return appendOnce(out, e.OrderOnly, rule)
}

// appendOnce appends the nodes of list that are not in out[:upto] or already appended: out[:upto] are the
// nodes list may repeat.
func appendOnce(out, list []*Node, upto int) []*Node {
	if len(list) == 0 {
		return out
	}
	start := len(out)
	var seen map[*Node]bool
	if len(list)+upto > 64 {
		seen = make(map[*Node]bool, len(list)+upto)
		for _, n := range out[:upto] {
			seen[n] = true
		}
	}
	for _, in := range list {
		if seen != nil {
			if seen[in] {
				continue
			}
			seen[in] = true
		} else if slices.Contains(out[:upto], in) || slices.Contains(out[start:], in) {
			continue
		}
		out = append(out, in)
	}
	return out
}

// pushReady computes critical paths and queues edges whose inputs are all done.
func (b *builder) pushReady(edges []*Edge) {
	for _, e := range edges {
		if e.s.status != statusWanted {
			continue
		}
		b.critical(e)
		e.s.status = statusReady
		heap.Push(&b.ready, e)
	}
}

// critical returns the length of the longest chain from e to a requested node, each edge weighted by its
// previous duration in milliseconds (from the state log) or 1 when unknown. Memoised per build; an
// expansion only adds edges upstream of the expander, so memoised values stay right.
func (b *builder) critical(e *Edge) float64 {
	if e.s.critical > 0 {
		return e.s.critical
	}
	w := 1.0
	if b.cfg.Log != nil {
		if d, ok := b.cfg.Log.Duration(e.Outputs[0].Path); ok && d > time.Millisecond {
			w = float64(d) / float64(time.Millisecond)
		}
	}
	best := 0.0
	for _, o := range e.Outputs {
		for _, list := range [][]*Edge{o.consumers, o.depConsumers} {
			for _, c := range list {
				if c.s.gen == b.gen && c.s.status != statusIdle {
					best = max(best, b.critical(c))
				}
			}
		}
		for _, c := range o.waiters {
			best = max(best, b.critical(c))
		}
	}
	e.s.critical = w + best
	return e.s.critical
}

// outcome is what a worker hands back for complete to apply under the mutex.
type outcome struct {
	e       *Edge
	err     error
	ran     bool
	clean   bool
	changed []bool      // per output: dependents must see it as newer
	states  []nodeStat  // per output: state after the run
	added   []*Edge     // expander: new edges
	waitFor []*Node     // expander: nodes to wait for
	statted []statFixup // lazily stat'ed nodes
	action  *Action     // what ran, for the tracer and the critical path
	slot    int
}

type nodeStat struct {
	state NodeState
	mtime time.Time
}

type statFixup struct {
	n  *Node
	st nodeStat
}

// stat returns the current state of a path.
func (b *builder) stat(n *Node) (nodeStat, error) {
	if n.phony {
		return nodeStat{state: StateMissing}, nil
	}
	mt, ok, err := b.cfg.FS.Stat(n.Path)
	if err != nil {
		return nodeStat{}, err
	}
	if !ok {
		return nodeStat{state: StateMissing}, nil
	}
	return nodeStat{state: StateExists, mtime: mt}, nil
}

// statUnknown stats the nodes (inputs and outputs of e) not yet stat'ed in this build, outside the mutex,
// and stores the results. Two workers may stat the same header at once; the first result stored wins, and
// both are the same file state.
func (b *builder) statUnknown(e *Edge) error {
	b.mu.Lock()
	var todo []*Node
	for _, list := range [][]*Node{e.Outputs, e.allInputs()} {
		for _, n := range list {
			b.resetNode(n)
			if n.state == StateUnknown {
				todo = append(todo, n)
			}
		}
	}
	b.mu.Unlock()
	fix := make([]statFixup, 0, len(todo))
	for _, n := range todo {
		st, err := b.stat(n)
		if err != nil {
			return err
		}
		fix = append(fix, statFixup{n, st})
	}
	b.mu.Lock()
	for _, f := range fix {
		if f.n.state == StateUnknown {
			f.n.state, f.n.mtime = f.st.state, f.st.mtime
		}
	}
	b.mu.Unlock()
	return nil
}

func (b *builder) explain(d Decision) {
	if b.cfg.Explainer != nil {
		b.cfg.Explainer.Explain(d)
	}
}

// debugf writes to Config.Debug, one call at a time.
func (b *builder) debugf(format string, args ...any) {
	b.debugMu.Lock()
	defer b.debugMu.Unlock()
	fmt.Fprintf(b.cfg.Debug, format, args...)
}

func (b *builder) print(ev Event) {
	if b.cfg.Printer != nil {
		b.cfg.Printer.Print(ev)
	}
}

// work checks, plans and runs one edge. It runs in its own goroutine without the mutex except for short
// sections reading node state.
func (b *builder) work(e *Edge) *outcome {
	o := &outcome{e: e}
	if err := b.ctx.Err(); err != nil {
		o.err = err
		return o
	}
	if e.Expand != nil {
		b.expand(e, o)
		return o
	}
	if err := b.statUnknown(e); err != nil {
		o.err = err
		return o
	}
	b.mu.Lock()
	for _, list := range [][]*Node{e.Inputs, e.OrderOnly} {
		for _, in := range list {
			if in.producer == nil && in.state == StateMissing && !in.phony {
				b.mu.Unlock()
				o.err = &NoRuleError{Input: in.Path, NeededBy: e.Outputs[0].Path}
				return o
			}
		}
	}
	facts := checkMTimes(e, b.cfg.AlwaysMake)
	rec, hasRec := e.s.record, e.s.hasRec
	before := make([]nodeStat, len(e.Outputs))
	for i, out := range e.Outputs {
		before[i] = nodeStat{out.state, out.mtime}
	}
	b.mu.Unlock()

	o.states = before
	o.changed = make([]bool, len(e.Outputs))
	if e.Plan == nil || (!e.Always && facts.reason == ReasonNone) {
		// A grouping edge (no recipe) or plain make finding it up to date: nothing is planned.
		d := Decision{Edge: e, Output: e.Outputs[0].Path, Reason: facts.reason}
		if e.Plan != nil {
			d.Reason = ReasonNone
		}
		if e.Outputs[0].producer == e { // not for a recipe-less edge whose output was taken over
			b.explain(d)
		}
		o.clean = true
		return o
	}
	pc := &PlanContext{Edge: e, Newer: facts.newer, NewerFiles: facts.newerFiles, Reason: facts.reason,
		Record: rec, HasRecord: hasRec, DryRun: b.cfg.DryRun}
	c, err := e.Plan(pc)
	if err != nil {
		o.err = fmt.Errorf("planning: %w", err)
		b.print(Event{Kind: EventFail, Edge: e, Err: o.err})
		return o
	}
	d := decide(e, facts, c, rec, hasRec)
	if b.cfg.Debug != nil && c != nil && c.Check == CheckCommand {
		b.debugf("dag: cmd-check %s: saved(%v)=%q hash %016x; new=%q hash %016x; %s\n", d.Output, hasRec,
			NormalizeCommand(rec.Command), rec.Hash, NormalizeCommand(c.Key), KeyHash(c.Key), d.Reason)
	}
	if !d.Run {
		b.explain(d)
		o.clean = true // `@:` and clean if_changed edges leave their outputs unchanged
		return o
	}
	o.ran = true
	if b.cfg.DryRun {
		if c.Probe != nil && !b.inputsRemade(e) {
			changed, err := c.Probe(b.ctx)
			d.Unchanged = err == nil && !changed
		}
		b.explain(d)
		b.print(Event{Kind: EventDryRun, Edge: e, Command: c})
		for i := range o.changed {
			o.changed[i] = !d.Unchanged
		}
		return o
	}
	b.explain(d)
	b.run(e, c, before, o)
	return o
}

// run executes a planned command, restats the outputs, deletes modified outputs on failure (Kbuild's
// .DELETE_ON_ERROR, also on interruption) and saves the record on success.
func (b *builder) run(e *Edge, c *Command, before []nodeStat, o *outcome) {
	b.print(Event{Kind: EventStart, Edge: e, Command: c})
	buf := &proc.Output{}
	if c.Console {
		b.console.Lock()
		defer b.console.Unlock()
	}
	start := time.Now()
	var err error
	var cpu proc.CPU
	ctx := proc.WithCPU(b.ctx, &cpu)
	if c.Func != nil {
		err = c.Func(ctx, b.cfg.FS, buf.Stdout(), buf.Stderr())
	} else {
		paths := make([]string, len(e.Outputs))
		for i, n := range e.Outputs {
			paths[i] = n.Path
		}
		err = b.cfg.Runner.Run(ctx, &Job{Edge: e, Command: c, Outputs: paths, Stdout: buf.Stdout(), Stderr: buf.Stderr()})
	}
	dur := time.Since(start)
	o.action = &Action{Edge: e, Command: c, Start: start, Duration: dur, CPU: cpu.Total()}
	defer func() { o.action.Err = o.err }()
	after := make([]nodeStat, len(e.Outputs))
	for i, n := range e.Outputs {
		st, serr := b.stat(n)
		if serr != nil && err == nil {
			err = serr
		}
		after[i] = st
	}
	if err != nil {
		for i, n := range e.Outputs {
			if e.Precious || n.phony || after[i] == before[i] || after[i].state != StateExists {
				continue
			}
			if rerr := b.cfg.FS.Remove(n.Path); rerr == nil {
				after[i] = nodeStat{state: StateMissing}
			}
		}
		o.states = after
		o.err = err
		b.print(Event{Kind: EventFail, Edge: e, Command: c, Output: buf, Err: err, Duration: dur})
		return
	}
	for i, n := range e.Outputs {
		o.changed[i] = n.phony || !e.Restat || after[i] != before[i]
	}
	o.states = after
	rec := Record{Command: c.Key, Hash: KeyHash(c.Key), Duration: dur}
	if c.Depfile != "" {
		data, derr := b.cfg.FS.ReadFile(c.Depfile)
		if derr == nil {
			var df *Depfile
			df, derr = ParseDepfile(data)
			if derr == nil {
				rec.Deps = df.Deps
			}
		}
		if derr != nil {
			o.err = fmt.Errorf("depfile: %w", derr)
		}
	}
	if o.err == nil && !e.Phony {
		if b.records != nil {
			o.err = b.records.Save(e.Outputs[0].Path, rec)
		}
		if o.err == nil && b.cfg.Log != nil && Records(b.cfg.Log) != b.records {
			o.err = b.cfg.Log.Save(e.Outputs[0].Path, rec)
		}
	}
	if o.err != nil {
		o.err = fmt.Errorf("recording: %w", o.err)
		b.print(Event{Kind: EventFail, Edge: e, Command: c, Output: buf, Err: o.err, Duration: dur})
		return
	}
	b.print(Event{Kind: EventFinish, Edge: e, Command: c, Output: buf, Duration: dur})
}

// expand runs an expander's Expand.
func (b *builder) expand(e *Edge, o *outcome) {
	start := time.Now()
	added, waitFor, err := e.Expand(&ExpandContext{Ctx: b.ctx, Graph: b.g, Edge: e, DryRun: b.cfg.DryRun})
	o.action = &Action{Edge: e, Start: start, Duration: time.Since(start), Err: err}
	if err != nil {
		o.err = fmt.Errorf("expanding: %w", err)
		b.print(Event{Kind: EventFail, Edge: e, Err: o.err})
		return
	}
	o.ran, o.added, o.waitFor = true, added, waitFor
}

// complete applies a worker's outcome: it marks outputs done, releases dependents, integrates an
// expansion, or propagates a failure. Called with the mutex held.
func (b *builder) complete(o *outcome) {
	e := o.e
	if o.err != nil {
		b.fail(e, o.err)
		for i, n := range e.Outputs {
			if i < len(o.states) {
				n.state, n.mtime = o.states[i].state, o.states[i].mtime
			}
		}
		return
	}
	if e.Expand != nil {
		b.res.Ran++
		b.expanded(e)
		var roots []*Edge
		b.g.mu.Lock()
		var err error
		var added []*Edge
		// Outputs that were sources until now (no producer when their consumers were scanned, so no
		// consumer counted them as pending): the sub-make of arch/x86/boot/compressed adds the rule for
		// ../voffset.h that arch/x86/boot's header.o, scanned earlier, only knew as an existing file.
		var fresh []*Node
		for _, ne := range o.added {
			var prev []*Edge
			for _, n := range ne.Outputs {
				prev = append(prev, n.producer)
			}
			var got *Edge
			if got, err = b.g.addEdgeLocked(ne); err != nil {
				break
			}
			if got == ne {
				added = append(added, ne)
				for i, n := range ne.Outputs {
					if prev[i] == nil && n.producer == ne {
						fresh = append(fresh, n)
					}
				}
			}
		}
		b.g.mu.Unlock()
		// Their consumers that are still waiting now wait for the new producer too.
		for _, n := range fresh {
			for _, list := range [][]*Edge{n.consumers, n.depConsumers} {
				for _, c := range list {
					if c.s.gen == b.gen && c.s.status == statusWanted {
						c.s.pending++
					}
				}
			}
			n.done = false
		}
		// A new edge that took an output over from a recipe-less edge must be built if anything in this
		// build already waits for that output.
		for _, ne := range added {
			for _, n := range ne.Outputs {
				if err == nil && n.producer == ne && b.hasWantedConsumer(n) {
					err = b.wantNode(n, nil, &roots)
				}
			}
		}
		pending := 0
		var waitFor []*Node
		if err == nil {
			fromHere := make(map[*Edge]bool, len(added))
			for _, ne := range added {
				fromHere[ne] = true
			}
			for _, n := range o.waitFor {
				b.resetNode(n)
				if p := n.producer; p != nil && !fromHere[p] && b.waitsOn(p, e) {
					// What waits for the expansion is not waited for by it: the sub-make sees the file
					// as it is, as a make process of its own would (the top Makefile's `vmlinux.a: .`
					// for the single goal vmlinux.a, whose sub-make is given vmlinux.a too), and a
					// missing one is that make's "No rule to make target".
					if _, ok, serr := b.cfg.FS.Stat(n.Path); serr != nil || !ok {
						err = cmp.Or(serr, error(&NoRuleError{Input: n.Path}))
						break
					}
					continue
				}
				waitFor = append(waitFor, n)
				if err = b.wantNode(n, nil, &roots); err != nil {
					break
				}
				if n.producer != nil && !n.done {
					pending++
					n.waiters = append(n.waiters, e)
				}
			}
		}
		if err != nil {
			b.fail(e, fmt.Errorf("expanding: %w", err))
			return
		}
		e.s.status, e.s.pending, e.s.waitFor = statusWaiting, pending, waitFor
		for _, r := range roots {
			if r.s.releasedBy == nil {
				r.s.releasedBy, r.s.byExpansion = e, true
			}
		}
		b.pushReady(roots)
		if pending == 0 {
			b.finishExpander(e)
		}
		return
	}
	if o.ran {
		b.res.Ran++
	} else {
		b.res.UpToDate++
	}
	for i, n := range e.Outputs {
		if n.producer == e {
			n.state, n.mtime = o.states[i].state, o.states[i].mtime
			n.changed = o.changed[i]
		}
	}
	b.finish(e)
}

// hasWantedConsumer reports whether an edge wanted in this build uses n.
func (b *builder) hasWantedConsumer(n *Node) bool {
	for _, list := range [][]*Edge{n.consumers, n.depConsumers} {
		for _, c := range list {
			if c.s.gen == b.gen && c.s.status != statusIdle && c.s.status != statusDone {
				return true
			}
		}
	}
	return false
}

// finishExpander completes an expander whose waitFor nodes are done: its outputs count as changed when
// phony or when anything it waited for changed, and are stat'ed afresh by their consumers.
func (b *builder) finishExpander(e *Edge) {
	changed := e.Phony
	for _, n := range e.s.waitFor {
		if n.failed {
			b.block(e)
			return
		}
		changed = changed || n.changed || n.phony
	}
	for _, n := range e.Outputs {
		n.changed = changed
		if !n.phony {
			n.state = StateUnknown
		}
	}
	b.finish(e)
}

// finish marks a successful edge's outputs done and releases consumers and waiting expanders.
func (b *builder) finish(e *Edge) {
	e.s.status = statusDone
	b.last = e
	if counted(e) {
		b.prog.Done++
	}
	var roots []*Edge
	for _, n := range e.Outputs {
		if n.producer != e || n.done {
			continue // taken over by another edge, or already released
		}
		n.done = true
		for _, list := range [][]*Edge{n.consumers, n.depConsumers} {
			for _, c := range list {
				if c.s.gen == b.gen && c.s.status == statusWanted {
					c.s.pending--
					if c.s.pending == 0 {
						c.s.releasedBy = e
						roots = append(roots, c)
					}
				}
			}
		}
		for _, w := range n.waiters {
			if w.s.status == statusWaiting {
				w.s.pending--
				if w.s.pending == 0 {
					w.s.waitedFor = e
					b.finishExpander(w)
				}
			}
		}
	}
	b.pushReady(roots)
}

// fail records a failed edge and blocks everything that depends on it. Without KeepGoing it also stops
// new work from starting.
func (b *builder) fail(e *Edge, err error) {
	b.expanded(e)
	e.s.status = statusFailed
	if counted(e) {
		b.prog.Done++
	}
	b.res.Failed = append(b.res.Failed, Failure{Edge: e, Err: err})
	if !b.cfg.KeepGoing {
		b.stopped = true
	}
	b.blockOutputs(e)
}

func (b *builder) blockOutputs(e *Edge) {
	for _, n := range e.Outputs {
		if n.producer != e || n.done {
			continue
		}
		n.failed, n.done = true, true
		for _, list := range [][]*Edge{n.consumers, n.depConsumers} {
			for _, c := range list {
				if c.s.gen == b.gen && (c.s.status == statusWanted || c.s.status == statusReady) {
					b.block(c)
				}
			}
		}
		for _, w := range n.waiters {
			if w.s.status == statusWaiting {
				b.block(w)
			}
		}
	}
}

// block marks e as not runnable because an input failed, and propagates.
func (b *builder) block(e *Edge) {
	b.expanded(e) // or never will be
	e.s.status = statusBlocked
	if counted(e) {
		b.prog.Done++
	}
	b.res.Blocked++
	if e.Outputs[0].producer == e {
		b.explain(Decision{Edge: e, Output: e.Outputs[0].Path, Reason: ReasonFailedDep})
	}
	b.blockOutputs(e)
}

// readyQueue is a max-heap on critical path, ties broken by scan order so builds are deterministic.
type readyQueue []*Edge

// Len, Less, Swap, Push and Pop implement heap.Interface.
func (q readyQueue) Len() int { return len(q) }
func (q readyQueue) Less(i, j int) bool {
	if q[i].s.critical != q[j].s.critical {
		return q[i].s.critical > q[j].s.critical
	}
	return q[i].s.seq < q[j].s.seq
}
func (q readyQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *readyQueue) Push(x any)   { *q = append(*q, x.(*Edge)) }
func (q *readyQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}

// stuck describes the edges left wanted or waiting when the build ended without finishing a target: the
// evidence for a scheduling bug. mu is held.
func (b *builder) stuck() string {
	var sb strings.Builder
	for _, e := range b.g.Edges() {
		if e.s.gen != b.gen || (e.s.status != statusWanted && e.s.status != statusWaiting) {
			continue
		}
		fmt.Fprintf(&sb, "\n  %s: status %d, %d pending", e, e.s.status, e.s.pending)
		for _, n := range append(e.allInputs(), e.s.waitFor...) {
			if p := n.producer; p != nil && p.s.status != statusDone {
				fmt.Fprintf(&sb, "\n    waits for %s (status %d, made by %s)", n.Path, p.s.status, p)
			} else if p == nil && !n.done {
				fmt.Fprintf(&sb, "\n    waits for %s (no producer)", n.Path)
			}
		}
	}
	return sb.String()
}
