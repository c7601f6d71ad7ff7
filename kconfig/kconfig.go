// Package kconfig reads a Linux kernel tree's Kconfig files and implements
// the configuration targets of scripts/kconfig/conf (olddefconfig,
// defconfig, savedefconfig, all*config, syncconfig, ...) with byte-identical
// output: .config, include/config/auto.conf, include/generated/autoconf.h,
// include/generated/rustc_cfg, include/config/auto.conf.cmd and the
// include/config/<SYMBOL> files that fixdep-generated dependencies name.
//
// The code follows the C files it replaces, function for function:
// lexer.l/parser.y (lexer.go, parser.go), preprocess.c (preprocess.go),
// menu.c (menu.go), symbol.c (symbol.go), expr.c (expr.go), confdata.c
// (confdata.go) and conf.c (conf.go). Where the C code's behaviour depends on
// an iteration order (the symbol hash table) or on pointer identity, the Go
// code reproduces it, because that order shows in the output files.
//
// Everything conf reads from its environment comes from Options.Env, and
// every relative path is resolved against Options.ObjTree, conf's working
// directory; the process environment and working directory are not used.
//
// conf changed between the kernels kbuild-go answers for (6.1, 6.12): the
// choice rework of 6.11, the symbol hash table, auto.conf.cmd's layout,
// expression simplification, some messages. Load reproduces the conf of the
// tree it reads: a Dialect detected from the tree's own scripts/kconfig
// sources (DetectDialect), never from its version number.
package kconfig

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kbuild-go/kbuild-go/proc"
)

// ShellFunc runs a $(shell,...) command of the macro language, as
// "/bin/sh -c cmd" would with environment env in directory dir, and returns
// its standard output. The command's standard error goes to stderr. A
// non-zero exit status is not an error (conf ignores it); an error means the
// command could not be run at all.
type ShellFunc func(cmd string, env []string, dir string, stderr io.Writer) ([]byte, error)

// DefaultShell runs cmd with /bin/sh -c.
func DefaultShell(cmd string, env []string, dir string, stderr io.Writer) ([]byte, error) {
	var out bytes.Buffer
	_, err := proc.Shell(context.Background(), "/bin/sh", dir, env, cmd, &out, stderr)
	return out.Bytes(), err
}

// Options configures Load.
type Options struct {
	// SrcTree is the kernel source tree. It is passed to the Kconfig files
	// as $(srctree) unless Env sets srctree; Kbuild sets "." for in-tree
	// builds, so relative values are relative to ObjTree.
	SrcTree string
	// ObjTree is the output directory (conf's working directory). Default ".".
	ObjTree string
	// Kconfig is the top Kconfig file, relative to ObjTree or SrcTree.
	// Default "Kconfig" (KBUILD_KCONFIG in the top Makefile).
	Kconfig string
	// Env is conf's whole environment: ARCH, SRCARCH, CC, LD,
	// KERNELVERSION, CC_VERSION_TEXT, KCONFIG_CONFIG, KCONFIG_ALLCONFIG,
	// KCONFIG_DEFCONFIG_LIST, ... Later entries of the form KEY=VALUE win.
	Env []string
	// Shell runs $(shell,...); nil means DefaultShell. Plug a cached,
	// parallel probe layer in here.
	Shell ShellFunc
	// Stdout and Stderr receive conf's messages; nil discards them.
	Stdout, Stderr io.Writer
	// Stdin answers oldconfig's and syncconfig's questions about new
	// symbols; nil is an empty input, so every answer is the default.
	Stdin io.Reader
	// Silent is conf -s (make -s): no "configuration written" messages.
	Silent bool
	// ShellJobs bounds how many $(shell,...) commands run at once: those
	// whose text is known ahead of the parse are started early (see
	// prefetch.go), which assumes the commands do not depend on each
	// other's side effects, as the kernel's probes do not. 0 means
	// runtime.NumCPU(); 1 runs each command when the parse reaches it, as
	// conf does (and reads no sourced file ahead either). The output is the same either way; Shell must be safe for
	// concurrent use unless ShellJobs is 1.
	ShellJobs int
	// Dialect is the conf behaviour to reproduce. nil detects it from the
	// tree's scripts/kconfig sources (DetectDialect on SrcTree, or on
	// $(srctree) relative to ObjTree); a tree without them gets
	// DefaultDialect.
	Dialect *Dialect
}

// Config is a parsed Kconfig tree with its symbols and current values.
// It is not safe for concurrent use.
type Config struct {
	opts Options
	env  map[string]string

	dialect                   Dialect
	buckets                   [][]*Symbol // Dialect.SymbolHashSize of them
	symYes, symMod, symNo     *Symbol
	symEmpty                  *Symbol
	modulesSym                *Symbol
	modulesVal                Tristate
	root                      Menu
	fileList                  []string // oldest first
	fileSet                   map[string]bool
	envList                   []envRecord
	vars                      []*variable
	lx                        *lexer
	lastFile                  string
	lastLine                  int
	changed                   bool
	symWarnings, confWarnings int
	confFile                  string
	confLine                  int
	transCount                int
	rand                      *glibcRand
	symSlab                   slab[Symbol]
	propSlab                  slab[Property]
	menuSlab                  slab[Menu]
	pf                        *prefetcher          // during the parse, nil if not prefetching
	reads                     map[string]*fileRead // files read ahead, during the parse
	dry                       *dryState            // during a prefetch pass
}

// Load parses the Kconfig tree described by opts (conf_parse), checks it for
// dependency loops and returns it with no values loaded. Parse errors are
// printed to Stderr as conf prints them, and returned as an *Error.
func Load(opts Options) (*Config, error) {
	if opts.ObjTree == "" {
		opts.ObjTree = "."
	}
	if opts.Kconfig == "" {
		opts.Kconfig = "Kconfig"
	}
	if opts.Shell == nil {
		opts.Shell = DefaultShell
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	c := &Config{opts: opts, env: map[string]string{}}
	for _, kv := range opts.Env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			c.env[k] = v
		}
	}
	if _, ok := c.env["srctree"]; !ok && opts.SrcTree != "" {
		c.env["srctree"] = opts.SrcTree
	}
	if opts.Dialect != nil {
		c.dialect = *opts.Dialect
	} else {
		c.dialect = DefaultDialect()
		tree := opts.SrcTree
		if tree == "" {
			tree = c.env["srctree"]
		}
		if tree != "" {
			d, err := DetectDialect(c.objPath(tree))
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			c.dialect = d
		}
	}
	if c.dialect.SymbolHashSize <= 0 {
		return nil, fmt.Errorf("kconfig: Dialect.SymbolHashSize %d", c.dialect.SymbolHashSize)
	}
	c.buckets = make([][]*Symbol, c.dialect.SymbolHashSize)
	c.symYes = &Symbol{Name: "y", Type: TypeTristate, curr: symbolValue{val: "y", hasVal: true, tri: Yes}, flags: flagConst | flagValid}
	c.symMod = &Symbol{Name: "m", Type: TypeTristate, curr: symbolValue{val: "m", hasVal: true, tri: Mod}, flags: flagConst | flagValid}
	c.symNo = &Symbol{Name: "n", Type: TypeTristate, curr: symbolValue{val: "n", hasVal: true, tri: No}, flags: flagConst | flagValid}
	c.symEmpty = &Symbol{Name: "", curr: symbolValue{val: "", hasVal: true, tri: No}, flags: flagValid}
	if err := c.parse(); err != nil {
		return nil, err
	}
	return c, nil
}

// Error is a failure of a conf step. Its message is what conf would print
// last; the messages before it went to Options.Stderr. conf exits 1 for all
// of them; Input marks the ones caused by bad input (Kconfig syntax or
// dependency loops, a missing defconfig or seed file, an unknown target),
// which kbuild-go reports with exit status 2.
type Error struct {
	Msg   string
	Input bool
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

func (c *Config) errorf(format string, a ...any) {
	fmt.Fprintf(c.opts.Stderr, format, a...)
}

func (c *Config) stdoutf(format string, a ...any) {
	fmt.Fprintf(c.opts.Stdout, format, a...)
}

func (c *Config) message(format string, a ...any) {
	if c.opts.Silent {
		return
	}
	fmt.Fprintf(c.opts.Stdout, "#\n# %s\n#\n", fmt.Sprintf(format, a...))
}

func (c *Config) getenv(name string) (string, bool) {
	v, ok := c.env[name]
	return v, ok
}

// environ is the environment for $(shell,...), sorted for determinism.
func (c *Config) environ() []string {
	out := make([]string, 0, len(c.env))
	for k, v := range c.env {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// objPath resolves a path as conf, running in the object tree, would.
func (c *Config) objPath(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(c.opts.ObjTree, name)
}

// parse is conf_parse.
func (c *Config) parse() (err error) {
	p := &parser{c: c}
	c.lx = &lexer{c: c, prev: tEOL, prevPrev: tEOL}
	p.lx = c.lx
	defer func() {
		if r := recover(); r != nil {
			me, ok := r.(macroError)
			if !ok {
				panic(r)
			}
			c.errorf("%s\n", me.msg)
			err = &Error{Msg: me.msg, Input: true}
		}
		c.lx = nil
		c.pf.wait()
		c.pf = nil
		for _, r := range c.reads {
			<-r.done
		}
		c.reads = nil
	}()
	p.curEntry, p.curMenu = &c.root, &c.root
	p.lastEntry = &c.root.List
	c.fileLookup(c.opts.Kconfig)
	data, rerr := c.open(c.opts.Kconfig)
	if rerr != nil {
		msg := fmt.Sprintf("can't find file %s", c.opts.Kconfig)
		c.errorf("%s\n", msg)
		return &Error{Msg: msg, Input: true}
	}
	c.lx.files = []*srcFile{{name: c.opts.Kconfig, data: data, line: 1}}
	c.pf = c.newPrefetcher()
	c.readAhead(data)
	c.prefetchPass(c.lx.files[0])
	p.parse()
	if p.fatal != nil {
		c.errorf("%s\n", p.fatal)
		return &Error{Msg: p.fatal.Error(), Input: true}
	}
	c.vars = nil
	if p.nerrs > 0 {
		return &Error{Msg: fmt.Sprintf("%d errors in Kconfig files", p.nerrs), Input: true}
	}
	if c.modulesSym == nil {
		c.modulesSym = c.symNo
	}
	if c.root.Prompt == nil {
		p.curEntry = &c.root
		p.addPrompt(PMenu, "Main menu", nil)
	}
	c.finalize(&c.root)
	if c.dialect.ChoiceMenus {
		c.setChoiceMenus()
	}
	nerr := 0
	if c.dialect.ParseOrderChecks {
		for m := c.root.List; m != nil; m = menuNext(m, &c.root) {
			if m.Sym != nil && c.checkDeps(m.Sym) != nil {
				nerr++
			}
			if m.Sym != nil && m.Sym.isChoice() {
				for ch := menuNext(m, m); ch != nil; ch = menuNext(ch, m) {
					if ch.Sym != nil && !c.choiceSane(ch) {
						nerr++
					}
				}
			}
		}
	} else {
		c.allSymbols(func(s *Symbol) {
			if c.checkDeps(s) != nil {
				nerr++
			}
		})
	}
	if nerr > 0 {
		return &Error{Msg: "recursive dependency detected", Input: true}
	}
	c.changed = true
	return nil
}

// Files returns the Kconfig files read, in auto.conf.cmd's order (newest
// first in 6.1's dialect, in parse order in 6.12's).
func (c *Config) Files() []string {
	if c.dialect.AutoconfCmdParseOrder {
		return append([]string(nil), c.fileList...)
	}
	return c.filesNewestFirst()
}

// EnvUsed returns the environment variables the Kconfig files referenced, as
// "NAME=value", in first-use order.
func (c *Config) EnvUsed() []string {
	out := make([]string, len(c.envList))
	for i, e := range c.envList {
		out[i] = e.name + "=" + e.value
	}
	return out
}

// writeAtomic writes data to name through a temporary file in the same
// directory and a rename, creating parent directories.
func writeAtomic(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp := fmt.Sprintf("%s.%d.tmp", name, os.Getpid())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func sameFile(name string, data []byte) bool {
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, data)
}

// slab hands out zeroed values of T from chunks: the real tree has tens of
// thousands of symbols, properties and menu entries, all alive as long as
// the Config, and one allocation per chunk instead of per value halves the
// parse's allocation count and the garbage collector's work.
type slab[T any] struct{ buf []T }

func (s *slab[T]) alloc() *T {
	if len(s.buf) == 0 {
		s.buf = make([]T, 256)
	}
	p := &s.buf[0]
	s.buf = s.buf[1:]
	return p
}
