package kconfig

import (
	"bytes"
	"runtime"
	"strings"
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
//     complete is started in the background (a future), bounded by
//     Options.ShellJobs; its result is not known yet, so the dry expansion
//     continues with the unknown marker, and every text built from it,
//     including other commands, carries the marker and is not started.
//   - The real parse, reaching a $(shell,...), takes the oldest future of
//     exactly that command text if there is one (waiting for it, then
//     writing its buffered stderr), and runs the command itself otherwise.
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
// in between, e.g. a variable reassigned from a probe result) is waited for
// at the end of the parse, and its output dropped; so is one the parse never
// reaches because an $(error-if,...) or a syntax error stopped it.

// unknownMark stands for the output of a command that has not finished,
// in dry-mode expansions. It cannot occur in Kconfig text.
const unknownMark = "\x00<pending>\x00"

// shellFuture is one command started ahead of the parse.
type shellFuture struct {
	done   chan struct{}
	out    []byte
	stderr bytes.Buffer
	err    error
}

// prefetcher is the state of the speculation for one parse.
type prefetcher struct {
	sem     chan struct{}
	pending map[string][]*shellFuture // by command text, oldest first
	all     []*shellFuture
	// repass asks for a new pass at the next statement: a command ran
	// while the current file still had commands with unknown text.
	repass bool
}

func (c *Config) newPrefetcher() *prefetcher {
	jobs := c.opts.ShellJobs
	if jobs == 0 {
		jobs = runtime.NumCPU()
	}
	if jobs <= 1 {
		return nil
	}
	return &prefetcher{sem: make(chan struct{}, jobs), pending: map[string][]*shellFuture{}}
}

// start runs cmd in the background.
func (c *Config) startShell(pf *prefetcher, cmd string) {
	f := &shellFuture{done: make(chan struct{})}
	pf.pending[cmd] = append(pf.pending[cmd], f)
	pf.all = append(pf.all, f)
	env, dir, shell := c.environ(), c.opts.ObjTree, c.opts.Shell
	go func() {
		pf.sem <- struct{}{}
		f.out, f.err = shell(cmd, env, dir, &f.stderr)
		<-pf.sem
		close(f.done)
	}()
}

// wait waits for every command started ahead, consumed or not.
func (pf *prefetcher) wait() {
	if pf == nil {
		return
	}
	for _, f := range pf.all {
		<-f.done
	}
}

// takeFuture removes and returns the oldest future of cmd, or nil.
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
		<-f.done
		c.opts.Stderr.Write(f.stderr.Bytes())
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
	if !strings.Contains(f.data[f.pos:], "$(") {
		f.blocked = false
		return
	}
	pf.repass = false
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
