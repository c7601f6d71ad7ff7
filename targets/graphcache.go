package targets

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kbuild-go/kbuild-go/cli"
	"github.com/kbuild-go/kbuild-go/dag"
	"github.com/kbuild-go/kbuild-go/internal/atomicfile"
)

// The cached graph (KBUILD_GO_GRAPH_CACHE=1; docs/GRAPH-CACHE.md). A run that evaluates records what its
// evaluation read (evalInputs) and the graph it produced: every edge with its inputs and outputs, each
// recipe as planData (decide needs no scope), each expander (a sub-make) as the edges it added and the
// lines it printed. The next run with the same command line, environment and kbuild-go checks the
// inputs; when none changed it loads the graph and goes straight to dag's dirty checks, and its
// expanders replay what the recorded ones did at the same moment of the build. A command of the cached
// run that rewrites a recorded input (auto.conf, a file a $(shell) reads) stops it, and the run evaluates
// afresh: the evaluation would have read the new content.

const graphCacheVersion = 7

// graphCacheWanted reports whether the cached graph is asked for: KBUILD_GO_GRAPH_CACHE=1 in the
// environment or on the command line. Not yet the default: with it on by default, the e2e's TestProof
// found lib/test_module.ko rebuilt with other bytes between kbuild-go's modules_install and make's.
func graphCacheWanted(c cmdVars, env []string) bool {
	return lookup(c, environ(env), "KBUILD_GO_GRAPH_CACHE", "") == "1"
}

// expansion is what one expander did in a recording run.
type expansion struct {
	prints  bytes.Buffer
	eprints bytes.Buffer // what went to stderr ($(warning))
	edges   []*dag.Edge
	wait    []*dag.Node
}

func (x *expansion) Write(p []byte) (int, error) {
	if x == nil {
		return len(p), nil
	}
	return x.prints.Write(p)
}

// graphRec collects, during an evaluating run, what the cached graph needs besides the evaluation's
// inputs (the statCache's evalInputs).
type graphRec struct {
	mu    sync.Mutex
	lazy  map[*dag.Edge]func(newer []string) (*planData, error)
	plans map[*dag.Edge]*planData
	exps  map[*dag.Edge]*expansion
	top   expansion
	// total is the build's Progress.Total as dag last reported it.
	total int
	// unsure is why this run's graph cannot be cached ("" when it can).
	unsure string
	// muted: plans are being expanded for the record, after the build: what they print is dropped and
	// makes the plan unknown.
	muted atomic.Bool
}

func newGraphRec() *graphRec {
	return &graphRec{lazy: map[*dag.Edge]func([]string) (*planData, error){}, plans: map[*dag.Edge]*planData{}, exps: map[*dag.Edge]*expansion{}}
}

func (r *graphRec) notCacheable(why string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	if r.unsure == "" {
		r.unsure = why
	}
	r.mu.Unlock()
}

// plan registers how e's plan data is computed when the build did not plan it, or planned it for a $? the
// next no-op will not see: f expands the recipe with newer as $?.
func (r *graphRec) plan(e *dag.Edge, f func(newer []string) (*planData, error)) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.lazy[e] = f
	r.mu.Unlock()
}

func (r *graphRec) planned(e *dag.Edge, pd *planData) {
	r.mu.Lock()
	r.plans[e] = pd
	r.mu.Unlock()
}

// expander wraps an expander so that what it adds and prints is recorded.
func (d *driver) expander(f func(ec *dag.ExpandContext, x *expansion) ([]*dag.Edge, []*dag.Node, error)) func(*dag.ExpandContext) ([]*dag.Edge, []*dag.Node, error) {
	return func(ec *dag.ExpandContext) ([]*dag.Edge, []*dag.Node, error) {
		if d.rec == nil {
			return f(ec, nil)
		}
		x := &expansion{}
		edges, wait, err := f(ec, x)
		if err == nil {
			x.edges, x.wait = edges, wait
			d.rec.mu.Lock()
			d.rec.exps[ec.Edge] = x
			d.rec.mu.Unlock()
		}
		return edges, wait, err
	}
}

// The record as written: nodes and edges by index.
type wireGraph struct {
	Version int
	Key     string // command line, directory, environment and executable (graphKey)
	// Strings holds every recipe text, path and environment entry once; plans refer to them by index
	// (a compile's command line is in its step, its condition and its .cmd record name).
	Strings             []string
	Envs                [][]int32
	Run                 string // the recording run, also in the check file: the two belong together
	Nodes               []wireNode
	Edges               []wireEdge
	Plans               []wirePlan
	Exps                []wireExp
	Static              []int32 // edges added before the build, in order
	Goals               []int32
	TopPrint, TopEPrint string
	Leave               string // the top make's "Leaving directory" line, or ""
	Total               int    // the build's number of steps (dag.Progress.Total)
}

// wireCheck is the small half of the record, read first: whether the graph still holds.
type wireCheck struct {
	Version int
	Key     string
	Run     string
	In      wireInputs
	Envs    [][]string // the $(shell) commands' environments
}

type wireInputs struct {
	Files  map[string]fileSig
	Stats  map[string]uint8
	Dirs   map[string]string
	MTimes map[string]int64
	Links  map[string]string
	Shells []shellRun
}

type wireNode struct {
	Path  string
	Phony bool
}

const (
	edgePhony = 1 << iota
	edgeAlways
	edgeRestat
	edgePrecious
	edgeUntracked
)

// A recipe the record has no plan for (planUnknown): one the build did not plan and that cannot be planned
// ahead ($(shell) in it). Planning it from the record restarts the run.
const planUnknown = -2

type wireEdge struct {
	Key                              string
	Outputs, Inputs, Implicit, Order []int32
	Flags                            uint8
	Plan, Exp                        int32 // indexes, -1 for none; Plan -2: a recipe whose data is unknown
}

type wirePlan struct {
	Dir, Target         int32
	Env                 int32
	Steps               []wireStep
	Conds               []int32
	OnlyExists, Console bool
	Print               int32
	Rec                 *wireRecord
	// Dynamic: the expansion read $?, which was Newer (paths) then; the plan holds while it still is.
	// Alts are the same recipe expanded for other $? (plans of their own, by index).
	Dynamic bool
	Newer   []int32
	Alts    []int32
}

type wireStep struct {
	Kind                                               uint8
	Text, Cmd, Depfile, DotTarget, Prefix, Fixdep, Pos int32
	IgnoreErr, QuietUpd                                bool
	Group, Offload                                     int
}

// wireRecord is where an edge's .cmd record is read from, as nativeRecord reads it.
type wireRecord struct {
	CmdFile, Prefix, Name, Dir int32
}

type wireExp struct {
	Edges, Wait []int32
	Prints      string
	EPrints     string
	Ran         bool
}

// notKeyed are environment variables that change how kbuild-go reports on itself, not what the tree
// evaluates to.
var notKeyed = map[string]bool{"KBUILD_GO_CPUPROFILE": true, "KBUILD_GO_MEMPROFILE": true, "KBUILD_GO_TEST_GRAPH_PAUSE": true}

// sessionEnv are variables of the terminal session a build runs in, which no Kbuild makefile reads: the
// shell's $_ (the command's path: /usr/bin/time in front changes it), tmux's pane, ssh's connection. They
// are not part of the key (the same build in another tmux pane replays the record), and the commands of
// a replay get their values of this run, as make would give them.
var sessionEnv = map[string]bool{"_": true, "TMUX": true, "TMUX_PANE": true, "WINDOWID": true, "SHLVL": true, "OLDPWD": true,
	"SSH_CLIENT": true, "SSH_CONNECTION": true, "SSH_TTY": true, "TERM_SESSION_ID": true, "STY": true, "WINDOW": true,
	"XDG_SESSION_ID": true, "DBUS_SESSION_BUS_ADDRESS": true}

// withSession is a recorded environment with the session variables of env (this run's) instead of the
// recorded ones.
func withSession(recorded, env []string) []string {
	out := make([]string, 0, len(recorded)+2)
	for _, v := range recorded {
		if name, _, _ := strings.Cut(v, "="); !sessionEnv[name] {
			out = append(out, v)
		}
	}
	for _, v := range env {
		if name, _, _ := strings.Cut(v, "="); sessionEnv[name] {
			out = append(out, v)
		}
	}
	return out
}

// graphKey is what must be equal for a record to apply at all: the command line as kbuild-go
// understood it (minus what only reports: --trace, --summary, progress), the directory, the
// environment, and the kbuild-go executable itself.
func graphKey(inv *cli.Invocation, env []string, self string) string {
	c := *inv
	c.TraceFile, c.Summary, c.NoProgress = "", false, false
	h := sha256.New()
	wd, _ := os.Getwd()
	fmt.Fprintf(h, "%+v\x00%s\x00", c, wd)
	sorted := slices.Clone(env)
	slices.Sort(sorted)
	for _, v := range sorted {
		if name, _, _ := strings.Cut(v, "="); notKeyed[name] || sessionEnv[name] {
			continue
		}
		fmt.Fprintf(h, "%s\x00", v)
	}
	exe, err := os.Executable()
	if err != nil {
		exe = self
	}
	fmt.Fprintf(h, "%+v", sigOf(os.Stat(exe)))
	return hex.EncodeToString(h.Sum(nil))
}

// graphFile is where the record of a command line on an output tree lives: in kbuild-go's cache
// directory, not in the tree, so that a tree kbuild-go built holds exactly the files make's holds.
func graphFile(objtree string, inv *cli.Invocation) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	h := sha256.Sum256([]byte(objtree + "\x00" + strings.Join(append([]string{inv.Dir}, inv.Targets...), "\x00") + fmt.Sprintf("%+v", inv.Vars)))
	return filepath.Join(dir, "kbuild-go", "graph", hex.EncodeToString(h[:12])), nil
}

// keepGraphs is how many records the cache directory keeps (the most recently written).
const keepGraphs = 64

// pruneGraphs removes all but the newest keepGraphs records next to path.
func pruneGraphs(path string) {
	ents, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return
	}
	// A temporary file of a writer that was killed (atomicfile names them .NAME.tmp*) is never renamed.
	for _, e := range ents {
		if fi, err := e.Info(); err == nil && strings.HasPrefix(e.Name(), ".") && time.Since(fi.ModTime()) > time.Minute {
			os.Remove(filepath.Join(filepath.Dir(path), e.Name()))
		}
	}
	if len(ents) <= 2*keepGraphs {
		return
	}
	type rec struct {
		name string
		mod  int64
	}
	var list []rec
	for _, e := range ents {
		if fi, err := e.Info(); err == nil {
			list = append(list, rec{e.Name(), fi.ModTime().UnixNano()})
		}
	}
	slices.SortFunc(list, func(a, b rec) int { return int(b.mod>>20 - a.mod>>20) })
	for _, r := range list[min(2*keepGraphs, len(list)):] {
		os.Remove(filepath.Join(filepath.Dir(path), r.name))
	}
}

// save writes the record of a successful evaluating run; it says why not when it cannot.
func (d *driver) saveGraph(path, key string, goals []*dag.Node, top *scope) (err error) {
	r, in := d.rec, d.fs.in
	if r.unsure != "" {
		return errors.New(r.unsure)
	}
	if in.Conflict != "" {
		return fmt.Errorf("%s changed while the graph was evaluated", in.Conflict)
	}
	if in.Wrote != "" {
		return fmt.Errorf("evaluation wrote %s", in.Wrote)
	}
	w := &wireGraph{Version: graphCacheVersion, Key: key, Run: runID(), TopPrint: r.top.prints.String(), TopEPrint: r.top.eprints.String(), Total: r.total}
	strIdx := map[string]int32{}
	str := func(v string) int32 {
		if i, ok := strIdx[v]; ok {
			return i
		}
		strIdx[v] = int32(len(w.Strings))
		w.Strings = append(w.Strings, v)
		return strIdx[v]
	}
	strs := func(list []string) []int32 {
		out := make([]int32, len(list))
		for i, v := range list {
			out[i] = str(v)
		}
		return out
	}
	envIdx := map[string]int32{}
	env := func(e []string) int32 {
		k := strings.Join(e, "\x00")
		if i, ok := envIdx[k]; ok {
			return i
		}
		envIdx[k] = int32(len(w.Envs))
		w.Envs = append(w.Envs, strs(e))
		return envIdx[k]
	}
	nodeIdx := map[*dag.Node]int32{}
	node := func(n *dag.Node) int32 {
		if i, ok := nodeIdx[n]; ok {
			return i
		}
		nodeIdx[n] = int32(len(w.Nodes))
		w.Nodes = append(w.Nodes, wireNode{Path: n.Path, Phony: n.Phony()})
		return nodeIdx[n]
	}
	nodes := func(list []*dag.Node) []int32 {
		out := make([]int32, len(list))
		for i, n := range list {
			out[i] = node(n)
		}
		return out
	}
	// The edge table: the graph's edges, and edges expanders returned that the graph shared with an
	// existing producer (they are returned again, and shared again).
	all := d.g.Edges()
	inExp := map[*dag.Edge]bool{}
	for _, x := range r.exps {
		for _, e := range x.edges {
			inExp[e] = true
		}
	}
	edgeIdx := map[*dag.Edge]int32{}
	for _, e := range all {
		edgeIdx[e] = int32(len(edgeIdx))
	}
	for _, x := range r.exps {
		for _, e := range x.edges {
			if _, ok := edgeIdx[e]; !ok {
				edgeIdx[e] = int32(len(edgeIdx))
				all = append(all, e)
			}
		}
	}
	// Expand the plans the build did not need, quietly: the record must know every recipe.
	r.muted.Store(true)
	in.muted.Store(true)
	defer r.muted.Store(false)
	defer in.muted.Store(false)
	encode := func(pd *planData) wirePlan {
		wp := wirePlan{Dir: str(pd.Dir), Target: str(pd.Target), Env: env(pd.Env), Conds: strs(pd.Conds), OnlyExists: pd.OnlyExists,
			Console: pd.Console, Print: str(pd.Print), Dynamic: pd.Dynamic, Newer: strs(pd.Newer)}
		for _, s := range pd.Steps {
			wp.Steps = append(wp.Steps, wireStep{Kind: uint8(s.kind), Text: str(s.text), Cmd: str(s.cmd), Depfile: str(s.depfile),
				DotTarget: str(s.dotTarget), Prefix: str(s.prefix), Fixdep: str(s.fixdep), Pos: str(s.pos), IgnoreErr: s.ignoreErr, QuietUpd: s.quietUpd, Group: s.group, Offload: s.offload})
		}
		return wp
	}
	w.Edges = make([]wireEdge, len(all))
	for i, e := range all {
		we := wireEdge{Key: e.Key, Outputs: nodes(e.Outputs), Inputs: nodes(e.Inputs), Implicit: nodes(e.Implicit),
			Order: nodes(e.OrderOnly), Plan: -1, Exp: -1}
		for bit, on := range map[uint8]bool{edgePhony: e.Phony, edgeAlways: e.Always, edgeRestat: e.Restat, edgePrecious: e.Precious, edgeUntracked: e.Untracked} {
			if on {
				we.Flags |= bit
			}
		}
		switch {
		case e.Plan != nil:
			pd, ok := r.plans[e]
			// A recipe that read $? and ran for newer inputs (Makefile.modfinal's .ko after a relink)
			// is recorded as the next no-op plans it: with the phony inputs alone newer.
			var noop []string
			if ok && pd.Dynamic {
				for _, p := range pd.Newer {
					if n, found := d.g.Lookup(p); found && n.Phony() {
						noop = append(noop, p)
					}
				}
				ok = slices.Equal(noop, pd.Newer)
			}
			if !ok {
				f := r.lazy[e]
				if f == nil {
					return fmt.Errorf("%s: a recipe the record cannot hold", e)
				}
				in.mutedShell.Store(false)
				if pd, err = f(noop); err != nil || in.mutedShell.Load() {
					pd = nil
				}
			}
			if pd == nil {
				we.Plan = planUnknown
				break
			}
			wp := encode(pd)
			if pd.Dynamic && r.lazy[e] != nil {
				// The common changes, planned ahead: one input newer (a module's object, or vmlinux
				// after a relink, for Makefile.modfinal's .ko).
				for _, newer := range oneNewer(e) {
					in.mutedShell.Store(false)
					if alt, err := r.lazy[e](newer); err == nil && !in.mutedShell.Load() {
						wp.Alts = append(wp.Alts, int32(len(w.Plans)))
						w.Plans = append(w.Plans, encode(alt))
					}
				}
			}
			if len(e.Outputs) > 0 {
				d.mu.Lock()
				st := d.owner[e.Outputs[0]]
				d.mu.Unlock()
				if st != nil {
					rec := &wireRecord{Prefix: str(st.sc.prefix()), Name: str(st.name), Dir: str(st.sc.dir), CmdFile: str("")}
					if p := st.sc.dotCmd(st.name); isIncluded(st.sc, p) {
						rec.CmdFile = str(p)
					}
					wp.Rec = rec
				}
			}
			we.Plan = int32(len(w.Plans))
			w.Plans = append(w.Plans, wp)
		case e.Expand != nil:
			wx := wireExp{}
			if x, ok := r.exps[e]; ok {
				wx = wireExp{Edges: make([]int32, len(x.edges)), Wait: nodes(x.wait), Prints: x.prints.String(), EPrints: x.eprints.String(), Ran: true}
				for j, ae := range x.edges {
					wx.Edges[j] = edgeIdx[ae]
				}
			}
			we.Exp = int32(len(w.Exps))
			w.Exps = append(w.Exps, wx)
		}
		w.Edges[i] = we
	}
	for _, e := range d.g.Edges() {
		if !inExp[e] {
			w.Static = append(w.Static, edgeIdx[e])
		}
	}
	// The inputs last: planning for the record read some more.
	r.muted.Store(false)
	in.muted.Store(false)
	if r.unsure != "" {
		return errors.New(r.unsure)
	}
	in.mu.Lock()
	conflict := in.Conflict
	c := &wireCheck{Version: graphCacheVersion, Key: key, Run: w.Run,
		In: wireInputs{Files: in.Files, Stats: in.Stats, Dirs: in.Dirs, MTimes: in.MTimes, Links: in.Links, Shells: slices.Clone(in.Shells)}}
	in.mu.Unlock()
	if conflict != "" {
		return fmt.Errorf("%s changed while the graph was evaluated", conflict)
	}
	shellEnvs := map[string]int32{}
	for i, sh := range c.In.Shells {
		k := strings.Join(sh.env, "\x00")
		if _, ok := shellEnvs[k]; !ok {
			shellEnvs[k] = int32(len(c.Envs))
			c.Envs = append(c.Envs, sh.env)
		}
		c.In.Shells[i].Env = shellEnvs[k]
	}
	w.Goals = nodes(goals)
	if top != nil && top.printDir {
		w.Leave = directoryLine(top.level, "Leaving", top.dir)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(w); err != nil {
		return err
	}
	// The graph first, then the check that vouches for it: a run killed between the two leaves a
	// check of another run (or none), which the next run does not trust.
	if err := atomicfile.Write(path, func(f io.Writer) error {
		data := buf.Bytes()
		if _, err := f.Write(data[:len(data)/2]); err != nil {
			return err
		}
		// KBUILD_GO_TEST_GRAPH_PAUSE=1: half the record is written (a kill -9 test's moment).
		if os.Getenv("KBUILD_GO_TEST_GRAPH_PAUSE") == "1" {
			time.Sleep(3 * time.Second)
		}
		_, err := f.Write(data[len(data)/2:])
		return err
	}); err != nil {
		return err
	}
	if err := atomicfile.Write(path+".check", func(f io.Writer) error { return gob.NewEncoder(f).Encode(c) }); err != nil {
		return err
	}
	pruneGraphs(path)
	return nil
}

// removeGraph removes a record (both files).
func removeGraph(path string) {
	os.Remove(path + ".check")
	os.Remove(path)
}

func isIncluded(sc *scope, p string) bool {
	_, ok := sc.cmdFiles.Load(p)
	return ok
}

// checkGraph reads the check half of the record at path: "" when the graph still holds, else why not.
func checkGraph(path, key string, shell func(cmd string, env []string, dir string) (string, int)) (*wireCheck, string) {
	f, err := os.Open(path + ".check")
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, "no graph recorded for this command line"
		}
		return nil, err.Error()
	}
	defer f.Close()
	var c wireCheck
	if err := gob.NewDecoder(f).Decode(&c); err != nil || c.Version != graphCacheVersion {
		return nil, "the record is unreadable or of another version"
	}
	if c.Key != key {
		return nil, "the command line, the environment or kbuild-go changed"
	}
	in := &evalInputs{Files: c.In.Files, Stats: c.In.Stats, Dirs: c.In.Dirs, MTimes: c.In.MTimes, Links: c.In.Links, Shells: c.In.Shells}
	if what := in.changed(c.Envs, shell); what != "" {
		return nil, what
	}
	return &c, ""
}

// loadGraph reads the graph half of the record that c vouches for.
func loadGraph(path string, c *wireCheck) (*wireGraph, string) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "the graph of the record is missing"
	}
	defer f.Close()
	var w wireGraph
	if err := gob.NewDecoder(f).Decode(&w); err != nil || w.Version != graphCacheVersion || w.Run != c.Run || w.Key != c.Key {
		return nil, "the graph of the record is unreadable or not the check's"
	}
	return &w, ""
}

// runID names a recording run.
func runID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// errRestart stops a cached run whose graph no longer holds.
var errRestart = errors.New("graph: re-evaluate")

// cachedRun is the state of a run from a cached graph.
type cachedRun struct {
	d      *driver
	w      *wireGraph
	cancel context.CancelFunc
	mu     sync.Mutex
	why    string
	// watch maps the recorded inputs a command may rewrite to how they were at the start (under mu).
	watch map[string]*watched
	// shells are the record's $(shell) commands, run again when a file they name is rewritten, through
	// shell, with shellEnvs as their environments.
	shells    []shellRun
	shellEnvs [][]string
	shell     func(cmd string, env []string, dir string) (string, int)
	recs      map[string]*record
	envs      map[int32][]string // environments made of the record's strings, once each
	// entered are the "Entering directory" lines the replay printed.
	entered []string
	paths   map[string]string // intern
}

// record is where an edge's .cmd record is read from.
type record struct {
	cmdFile, prefix, name, dir string
}

// printed notes the directory lines a replay printed: if the run restarts, the evaluation does not say
// them again (make enters each directory once).
func (cr *cachedRun) printed(text string) {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	for _, l := range strings.SplitAfter(text, "\n") {
		if strings.Contains(l, ": Entering directory '") {
			cr.entered = append(cr.entered, l)
		}
	}
}

func (cr *cachedRun) restart(why string) {
	cr.mu.Lock()
	if cr.why == "" {
		cr.why = why
	}
	cr.mu.Unlock()
	cr.cancel()
}

// graph makes the dag graph of the record: the static edges added, each expander returning its
// recorded edges when it runs.
func (cr *cachedRun) graph() (*dag.Graph, []*dag.Node, error) {
	w, d := cr.w, cr.d
	g := dag.NewGraph()
	nodes := make([]*dag.Node, len(w.Nodes))
	for i, n := range w.Nodes {
		if n.Phony {
			nodes[i] = g.Phony(n.Path)
		} else {
			nodes[i] = g.Node(n.Path)
		}
	}
	list := func(idx []int32) []*dag.Node {
		if len(idx) == 0 {
			return nil
		}
		out := make([]*dag.Node, len(idx))
		for i, j := range idx {
			out[i] = nodes[j]
		}
		return out
	}
	edges := make([]*dag.Edge, len(w.Edges))
	for i, we := range w.Edges {
		edges[i] = &dag.Edge{Key: we.Key, Outputs: list(we.Outputs), Inputs: list(we.Inputs), Implicit: list(we.Implicit),
			OrderOnly: list(we.Order), Phony: we.Flags&edgePhony != 0, Always: we.Flags&edgeAlways != 0,
			Restat: we.Flags&edgeRestat != 0, Precious: we.Flags&edgePrecious != 0, Untracked: we.Flags&edgeUntracked != 0}
	}
	for i, we := range w.Edges {
		e := edges[i]
		switch {
		case we.Plan == planUnknown:
			name := edgeName(e)
			e.Plan = func(pc *dag.PlanContext) (*dag.Command, error) {
				cr.restart(name + ": its recipe is not in the record (it was up to date, and its expansion runs $(shell))")
				return nil, errRestart
			}
		case we.Plan >= 0:
			pd := cr.planData(&w.Plans[we.Plan])
			if r := w.Plans[we.Plan].Rec; r != nil && len(e.Outputs) > 0 {
				t := w.Strings
				cr.recs[e.Outputs[0].Path] = &record{cmdFile: t[r.CmdFile], prefix: t[r.Prefix], name: t[r.Name], dir: t[r.Dir]}
			}
			if !pd.Dynamic {
				e.Plan = func(pc *dag.PlanContext) (*dag.Command, error) { return d.decide(pc, pd), nil }
				break
			}
			// A recipe that reads $? (Makefile.modfinal's .ko: `$(if $(newer-prereqs),...)`, FORCE
			// in it every time) holds for the $? it was expanded with.
			name := edgeName(e)
			alts := []*planData{pd}
			for _, a := range w.Plans[we.Plan].Alts {
				alts = append(alts, cr.planData(&w.Plans[a]))
			}
			e.Plan = func(pc *dag.PlanContext) (*dag.Command, error) {
				for _, pd := range alts {
					if slices.Equal(pc.Newer, pd.Newer) {
						return d.decide(pc, pd), nil
					}
				}
				cr.restart(name + ": its recipe depends on what is newer ($?), and that is not what the record saw")
				return nil, errRestart
			}
		case we.Exp >= 0:
			x := w.Exps[we.Exp]
			name := e.String()
			e.Expand = func(ec *dag.ExpandContext) ([]*dag.Edge, []*dag.Node, error) {
				if !x.Ran {
					cr.restart(strings.ReplaceAll(name, "\x00", " ") + ": a sub-make the record has not seen")
					return nil, nil, errRestart
				}
				io.WriteString(d.errw, x.EPrints)
				io.WriteString(d.out, x.Prints)
				cr.printed(x.Prints)
				out := make([]*dag.Edge, len(x.Edges))
				for j, k := range x.Edges {
					out[j] = edges[k]
				}
				return out, list(x.Wait), nil
			}
		}
	}
	for _, i := range w.Static {
		if _, err := g.AddEdge(edges[i]); err != nil {
			return nil, nil, err
		}
	}
	return g, list(w.Goals), nil
}

// maxAltInputs bounds the file inputs of a $? recipe planned ahead for each one newer.
const maxAltInputs = 8

// oneNewer lists the $? values (dag's PlanContext.Newer, in its order: the explicit inputs, then the
// implicit ones, once each) of e with one file input newer than its output and the phony inputs, which
// always are. None when e has more than maxAltInputs file inputs.
func oneNewer(e *dag.Edge) [][]string {
	var rule []*dag.Node
	seen := map[*dag.Node]bool{}
	files := 0
	for _, n := range append(append([]*dag.Node(nil), e.Inputs...), e.Implicit...) {
		if !seen[n] {
			seen[n] = true
			rule = append(rule, n)
			if !n.Phony() {
				files++
			}
		}
	}
	if files > maxAltInputs {
		return nil
	}
	var out [][]string
	for _, one := range rule {
		if one.Phony() {
			continue
		}
		var newer []string
		for _, n := range rule {
			if n == one || n.Phony() {
				newer = append(newer, n.Path)
			}
		}
		out = append(out, newer)
	}
	return out
}

// edgeName names an edge in a restart's reason: its first output, or the phony target.
func edgeName(e *dag.Edge) string {
	if len(e.Outputs) > 0 && !e.Phony {
		return e.Outputs[0].Path
	}
	return strings.TrimPrefix(e.String(), "\x00")
}

func (w *wireGraph) strings(idx []int32) []string {
	if idx == nil {
		return nil
	}
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = w.Strings[j]
	}
	return out
}

func (cr *cachedRun) planData(wp *wirePlan) *planData {
	t := cr.w.Strings
	env := cr.envs[wp.Env]
	if env == nil {
		env = withSession(cr.w.strings(cr.w.Envs[wp.Env]), cr.d.env)
		cr.envs[wp.Env] = env
	}
	pd := &planData{Dir: t[wp.Dir], Env: env, Target: t[wp.Target], Conds: cr.w.strings(wp.Conds), OnlyExists: wp.OnlyExists,
		Console: wp.Console, Print: t[wp.Print], Dynamic: wp.Dynamic, Newer: cr.w.strings(wp.Newer)}
	for _, s := range wp.Steps {
		pd.Steps = append(pd.Steps, step{kind: stepKind(s.Kind), text: t[s.Text], cmd: t[s.Cmd], depfile: t[s.Depfile], dotTarget: t[s.DotTarget],
			prefix: t[s.Prefix], fixdep: t[s.Fixdep], pos: t[s.Pos], ignoreErr: s.IgnoreErr, quietUpd: s.QuietUpd, group: s.Group, offload: s.Offload})
	}
	return pd
}

// Load implements dag.Records from the .cmd files, as nativeRecord reads them.
func (cr *cachedRun) Load(output string) (dag.Record, bool, error) {
	r := cr.recs[output]
	if r == nil || r.cmdFile == "" {
		return dag.Record{}, false, nil
	}
	rec, err := cr.d.cmdCache.take(r.cmdFile)
	if err != nil || rec.Target != r.name || rec.Prefix != r.prefix || strings.TrimSpace(rec.Command) == "" {
		return dag.Record{}, false, nil
	}
	// Copies: the parsed record's strings are cut out of the whole .cmd file's text.
	return dag.Record{Command: strings.Clone(rec.Command), Deps: recordDeps(rec.Deps, r.dir, cr.d.fs, cr.intern)}, true, nil
}

// intern returns one copy of each dependency path: a path cut out of a .cmd file's text would keep the
// whole text alive (dag keeps the paths as its nodes' names), and most records name the same headers.
func (cr *cachedRun) intern(p string) string {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if s, ok := cr.paths[p]; ok {
		return s
	}
	if cr.paths == nil {
		cr.paths = map[string]string{}
	}
	s := strings.Clone(p)
	cr.paths[s] = s
	return s
}

// prefetch reads and parses every .cmd record the graph names, on all cores, ahead of dag's scan, which
// loads them one by one as the expanders add their edges.
func (cr *cachedRun) prefetch() {
	files := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range files {
				cr.d.cmdCache.prefetch(f)
			}
		}()
	}
	for _, r := range cr.recs {
		if r.cmdFile != "" {
			files <- r.cmdFile
		}
	}
	close(files)
	wg.Wait()
}

// Save does nothing: the recipe's own steps wrote the .cmd file.
func (cr *cachedRun) Save(string, dag.Record) error { return nil }

// watched is a recorded input a command may rewrite: how it was, and, for a file only $(shell) commands
// name (not read by the evaluation itself), the indexes of those commands.
type watched struct {
	sig    fileSig
	shells []int
}

// finished checks, after a command, whether it rewrote an input the evaluation read. A file that only
// $(shell) commands read (`cat modules.order`, rewritten with the same names after a module is
// rebuilt) counts as changed when one of them prints something else now.
func (cr *cachedRun) finished(e *dag.Edge) {
	for _, o := range e.Outputs {
		// Commands finish on several goroutines at once: the watch entry is read and updated under mu.
		cr.mu.Lock()
		w := cr.watch[o.Path]
		var was fileSig
		if w != nil {
			was = w.sig
		}
		cr.mu.Unlock()
		if w == nil {
			continue
		}
		sig := sigOf(os.Stat(o.Path))
		if sig == was {
			continue
		}
		if len(w.shells) == 0 || !cr.shellsSame(w.shells) {
			cr.restart(o.Path + " was remade, and the evaluation reads it")
			return
		}
		cr.mu.Lock()
		w.sig = sig
		cr.mu.Unlock()
	}
}

// shellsSame runs the record's $(shell) commands idx again and reports whether each prints what it did.
func (cr *cachedRun) shellsSame(idx []int) bool {
	for _, i := range idx {
		if !cr.shells[i].same(cr.shellEnvs, cr.shell) {
			return false
		}
	}
	return true
}

// watchPrinter tells the cached run about every finished command.
type watchPrinter struct {
	dag.Printer
	cr *cachedRun
}

func (p watchPrinter) Print(ev dag.Event) {
	if ev.Kind == dag.EventFail && errors.Is(ev.Err, errRestart) {
		return // not a failure: the run stops to evaluate
	}
	p.Printer.Print(ev)
	if ev.Kind == dag.EventFinish && ev.Edge != nil {
		p.cr.finished(ev.Edge)
	}
}
