package kconfig

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
)

// This file runs $(shell,...) commands ahead of the parse, in parallel.
//
// conf runs every $(shell,...) when its lexer reaches it, one at a time; on
// the real tree that is ~90 compiler probes of 12-26 ms each, most of
// conf's time. The result of a command can change what the rest of the
// parse expands (it is spliced into the token stream, or assigned to a
// variable that later commands use), so the parse itself must stay
// sequential; but most commands' text is known long before the lexer gets
// there. So:
//
//   - When a file is entered, and again at the start of a statement after a
//     command whose file still had unresolved commands, a speculative pass
//     (prefetchPass) lexes the rest of the current file in dry mode: the
//     same lexer and expander, on a copy of the file position and of the
//     macro variables, with every output and side effect suppressed
//     ($(info), $(warning-if), $(error-if), the environment record, lexer
//     warnings). A $(shell,...) met in dry mode whose command text is
//     complete is queued (a future) for at most Options.ShellJobs workers,
//     first in, first out; its result is not known yet, so the dry expansion
//     continues with the unknown marker, and every text built from it,
//     including other commands, carries the marker and is not started.
//   - The real parse, reaching a $(shell,...), takes the oldest future of
//     exactly that command text if there is one (waiting for it, then
//     writing its buffered stderr; running it at once if no worker has
//     started it yet), and runs the command itself otherwise.
//     The output, the order of stderr, and every file written are those of
//     a sequential run; only the timing differs.
//   - A pass starts as many futures of a command as the command occurs in
//     the rest of the file, minus those already pending, so a command that
//     conf runs twice also runs twice here.
//
// What this assumes, and conf does not: that commands whose text is known do
// not depend on each other's side effects (a command writing a file that a
// later command reads). That holds for the probes of scripts/Kconfig.include
// and everything in the kernel tree; Options.ShellJobs = 1 turns prefetching
// off. A speculated command that the real parse never runs (its text changed
// in between, e.g. a variable reassigned from a probe result) is dropped at
// the end of the parse if still queued, or waited for and its output
// dropped; so is one the parse never reaches because an $(error-if,...) or
// a syntax error stopped it. TestPrefetchRealTree checks that on the kernel
// tree exactly conf's commands run.

// unknownMark stands for the output of a command that has not finished,
// in dry-mode expansions. It cannot occur in Kconfig text.
const unknownMark = "\x00<pending>\x00"

// shellFuture is one command started ahead of the parse.
type shellFuture struct {
	cmd     string
	env     []string
	started bool // under prefetcher.mu: a worker or the parse took it
	done    chan struct{}
	out     []byte
	stderr  bytes.Buffer
	err     error
}

// prefetcher is the state of the speculation for one parse. pending, all
// and repass belong to the parse goroutine; queue, workers and the futures'
// started flags are shared with the workers under mu.
type prefetcher struct {
	jobs    int
	shell   ShellFunc
	dir     string
	pending map[string][]*shellFuture // by command text, oldest first
	all     []*shellFuture
	// repass asks for a new pass at the next statement: a command ran
	// while the current file still had commands with unknown text.
	repass bool

	mu      sync.Mutex
	queue   []*shellFuture // in the order the parse will need them
	workers int
}

func (c *Config) newPrefetcher() *prefetcher {
	jobs := c.opts.ShellJobs
	if jobs == 0 {
		jobs = runtime.NumCPU()
	}
	if jobs <= 1 {
		return nil
	}
	return &prefetcher{jobs: jobs, shell: c.opts.Shell, dir: c.opts.ObjTree, pending: map[string][]*shellFuture{}}
}

// startShell queues cmd for the workers, starting one if fewer than jobs
// run. The queue is first in, first out: the parse needs the commands in
// the order the passes met them.
func (c *Config) startShell(pf *prefetcher, cmd string) {
	f := &shellFuture{cmd: cmd, env: c.environ(), done: make(chan struct{})}
	pf.pending[cmd] = append(pf.pending[cmd], f)
	pf.all = append(pf.all, f)
	pf.mu.Lock()
	pf.queue = append(pf.queue, f)
	if pf.workers < pf.jobs {
		pf.workers++
		go pf.work()
	}
	pf.mu.Unlock()
}

// work runs queued commands until the queue is empty.
func (pf *prefetcher) work() {
	for {
		pf.mu.Lock()
		var f *shellFuture
		for f == nil && len(pf.queue) > 0 {
			f, pf.queue = pf.queue[0], pf.queue[1:]
			if f.started {
				f = nil
			}
		}
		if f == nil {
			pf.workers--
			pf.mu.Unlock()
			return
		}
		f.started = true
		pf.mu.Unlock()
		f.out, f.err = pf.shell(f.cmd, f.env, pf.dir, &f.stderr)
		close(f.done)
	}
}

// wait drops the commands no worker has started (the parse did not need
// them) and waits for the others.
func (pf *prefetcher) wait() {
	if pf == nil {
		return
	}
	pf.mu.Lock()
	for _, f := range pf.queue {
		if !f.started {
			f.started = true
			close(f.done)
		}
	}
	pf.queue = nil
	pf.mu.Unlock()
	for _, f := range pf.all {
		<-f.done
	}
}

// take removes and returns the oldest future of cmd, or nil.
func (pf *prefetcher) take(cmd string) *shellFuture {
	if pf == nil {
		return nil
	}
	q := pf.pending[cmd]
	if len(q) == 0 {
		return nil
	}
	f := q[0]
	if len(q) == 1 {
		delete(pf.pending, cmd)
	} else {
		pf.pending[cmd] = q[1:]
	}
	return f
}

// dryState is what a pass collects: the complete command texts met, in
// order, with repetitions, and whether some command's text was unknown.
type dryState struct {
	cmds    []string
	blocked bool
}

// runShell is the real $(shell,...): a future of the same text, or a run.
func (c *Config) runShell(cmd string) ([]byte, error) {
	pf := c.pf
	if f := pf.take(cmd); f != nil {
		pf.mu.Lock()
		stolen := !f.started
		f.started = true
		pf.mu.Unlock()
		if stolen {
			// Still queued: run it here rather than wait for a worker.
			f.out, f.err = c.opts.Shell(cmd, f.env, c.opts.ObjTree, c.opts.Stderr)
			close(f.done)
		} else {
			<-f.done
			c.opts.Stderr.Write(f.stderr.Bytes())
		}
		if cur := c.lx.cur(); cur != nil && cur.blocked {
			pf.repass = true
		}
		return f.out, f.err
	}
	out, err := c.opts.Shell(cmd, c.environ(), c.opts.ObjTree, c.opts.Stderr)
	if pf != nil {
		if cur := c.lx.cur(); cur != nil && cur.blocked {
			pf.repass = true
		}
	}
	return out, err
}

// prefetchPass speculates over the rest of f (see the top of this file).
func (c *Config) prefetchPass(f *srcFile) {
	pf := c.pf
	if pf == nil {
		return
	}
	pf.repass = false
	if !strings.Contains(f.data[f.pos:], "$(") {
		f.blocked = false
		return
	}
	// The dry lexer works on a copy of the position and of the
	// variables; c.lx and c.vars are the real parse's, restored after.
	cp := *f
	dl := &lexer{c: c, files: []*srcFile{&cp}, prev: tEOL, prevPrev: tEOL, dry: true}
	realLx, realVars := c.lx, c.vars
	c.vars = make([]*variable, len(realVars))
	for i, v := range realVars {
		nv := *v
		nv.expCount = 0
		c.vars[i] = &nv
	}
	st := &dryState{}
	c.lx, c.dry = dl, st
	defer func() { c.lx, c.vars, c.dry = realLx, realVars, nil }()
	for c.dryStatement(dl, &cp) {
	}
	f.blocked = st.blocked
	// Start what the rest of the file needs beyond what is pending.
	need := map[string]int{}
	for _, cmd := range st.cmds {
		need[cmd]++
	}
	for _, cmd := range st.cmds {
		if need[cmd] > len(pf.pending[cmd]) {
			c.startShell(pf, cmd)
		}
	}
}

// dryStatement lexes one statement of f in dry mode, applying variable
// assignments to the copied variables and skipping help texts. It returns
// false at the end of f. A macro error ends the line, not the pass.
func (c *Config) dryStatement(dl *lexer, f *srcFile) (more bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(macroError); !ok {
				panic(r)
			}
			if i := strings.IndexByte(f.data[f.pos:], '\n'); i >= 0 {
				f.pos += i
			} else {
				f.pos = len(f.data)
			}
			dl.assign = false
			for _, v := range c.vars {
				v.expCount = 0
			}
			more = true
		}
	}()
	t := dl.next()
	switch t.kind {
	case tEOF:
		return false
	case tHelp:
		if dl.next().kind == tEOL {
			dl.lexHelp()
		}
	case tWord:
		name := t.text
		var fl varFlavor
		switch dl.next().kind {
		case tEqual:
			fl = varRecursive
		case tColonEqual:
			fl = varSimple
		case tPlusEqual:
			fl = varAppend
		default:
			return len(dl.files) > 0
		}
		val := ""
		t = dl.next()
		if t.kind == tAssignVal {
			val = t.text
			t = dl.next()
		}
		if t.kind == tEOL {
			c.variableAdd(name, val, fl)
		}
	}
	return len(dl.files) > 0
}

// dryShell is $(shell,...) in a pass: a complete command is recorded, and
// its output is unknown either way.
func (c *Config) dryShell(cmd string) string {
	if strings.Contains(cmd, unknownMark) {
		c.dry.blocked = true
	} else {
		c.dry.cmds = append(c.dry.cmds, cmd)
	}
	return unknownMark
}
