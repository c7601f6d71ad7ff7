package makelang

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/kbuild-go/kbuild-go/proc"
)

// Stream selects where make would print a message: 1 is stdout ($(info)), 2 is stderr ($(warning) and
// make's own warnings).
type Stream int

// Func is a native function registered through Options.Funcs: it receives its arguments expanded (split at
// every top-level comma) and returns its expansion.
type Func func(ctx *CallContext, args []string) (string, error)

// Options configures one make invocation (a Scope).
type Options struct {
	// Dir is the working directory, $(CURDIR). Relative file names are relative to it. Required.
	Dir string
	// Env is the process environment ("NAME=value"); each entry becomes a variable of origin environment.
	Env []string
	// EnvOverrides is make's -e: environment variables win over makefile assignments.
	EnvOverrides bool
	// CommandLine are command-line variable assignments in order ("obj=kernel", "x:=y", "y+=z").
	CommandLine []string
	// Goals are the goals given on the command line ($(MAKECMDGOALS)).
	Goals []string
	// MakeFlags are the single-letter flags as $(MAKEFLAGS) shows them while parsing ("rR", "rRs").
	MakeFlags string
	// Make is the value of $(MAKE) (the program a recipe calls for a sub-make).
	Make string
	// MakeLevel is $(MAKELEVEL) (0 for the top make).
	MakeLevel int
	// Cache shares parsed files between scopes; nil gives the scope a private cache.
	Cache *Cache
	// FS is used for include, $(wildcard), $(realpath), $(file <) and existence checks; nil means the
	// operating system. It is always given absolute, cleaned paths.
	FS FS
	// Exists, when set, is asked before the file system whether a path exists or will be produced by a rule
	// the caller knows of (another scope's target). Paths are as written in the makefile, relative to Dir.
	Exists func(path string) bool
	// Shell runs $(shell) and `!=` commands; nil runs /bin/sh -c. stdout is the raw output.
	Shell func(cmd string, env []string, dir string) (stdout string, status int)
	// Output receives $(info) (stream 1) and $(warning) / make warnings (stream 2), each a complete line
	// with its newline; nil prints to os.Stdout / os.Stderr.
	Output func(stream Stream, text string)
	// Funcs are extra functions by name; a builtin of the same name wins.
	Funcs map[string]Func
	// CallHook, when set, sees every $(call NAME,ARGS...) before make's own call: name and args expanded.
	// If it returns handled, result is the call's expansion and the variable NAME is never expanded. The
	// hook may use ctx to expand other text in the same context (the same automatic and target-specific
	// variables, the same $(1)...). This is how a build driver handles Kbuild's if_changed family itself.
	CallHook func(ctx *CallContext, name string, args []string) (result string, handled bool)
	// Include, when set, is asked about each existing file an include names (absolute path) before it is
	// read: true means the caller takes that file itself (a build driver reading its own record files
	// natively), and the include reads nothing of it.
	Include func(path string) bool
	// DeferMissing is make's handling of a non-optional include that does not exist: evaluation goes on,
	// the file is listed in Missing, and the driver tries to remake it (then reads the makefiles again,
	// or reports it). Without it, EvalFile stops with a *MissingIncludeError at the include.
	DeferMissing bool
}

// Scope is one make invocation: its variables, rules and directory search paths. A Scope is not safe for
// concurrent use; scopes are independent of each other and may be used from different goroutines (they
// share only the Cache, which is safe).
type Scope struct {
	// includeDepth is how many includes are being read, one inside the other.
	includeDepth int
	opts         Options
	fs           FS
	cache        *Cache
	vars         varTable

	exportAll bool
	files     map[string]*fileEntry // explicit targets and mentioned prerequisites
	order     []string              // targets in the order they first got a rule
	patterns  []*patternRule
	tvars     map[string]varTable
	pvars     []*patternVars
	vpaths    []vpathDir
	pending   *pendingRule
	resolved  map[string]*Target
	// varGen counts changes to vars and their export flags; environ's
	// result is memoized for one generation.
	varGen   uint64
	envMemo  []string
	envGen   uint64
	envLevel int

	// fileStack are the makefiles being read, innermost last (for MAKEFILE_LIST and positions).
	fileStack []string
	pool      [][]byte
	// flags are the switches this make was started with (Options.MakeFlags, decoded): its -I directories,
	// and what MAKEFLAGS becomes once the makefiles are read (flagsFinal).
	flags      Flags
	flagsFinal bool
	// missing are the non-optional includes that did not exist (Options.DeferMissing).
	missing []MissingIncludeError
}

// Missing lists the non-optional includes that did not exist, in the order they were read (only with
// Options.DeferMissing; otherwise the first stopped evaluation).
func (s *Scope) Missing() []MissingIncludeError { return s.missing }

// HasFlag reports whether a MAKEFLAGS value has the single-letter option letter or one of its long
// spellings before the command-line variables (" -- "). make writes letters together in one word ("rRs",
// first, without a dash); a dashed word of letters ("-rR", "-s") counts too, but not the value of an
// option that takes one ("-Orecurse", "-I/usr/src", "-j2").
func HasFlag(flags string, letter byte, long ...string) bool {
	for _, w := range strings.Fields(flags) {
		if w == "--" {
			return false
		}
		if strings.HasPrefix(w, "--") {
			if slices.Contains(long, w) {
				return true
			}
			continue
		}
		letters := strings.TrimPrefix(w, "-")
		if letters == "" || strings.Trim(letters, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" ||
			strings.IndexByte("IOWCfjlo", letters[0]) >= 0 {
			continue
		}
		if strings.IndexByte(letters, letter) >= 0 {
			return true
		}
	}
	return false
}

// NewScope creates a scope with make's initial variables: the environment, the command-line variables,
// MAKEFLAGS, MAKEOVERRIDES, MAKECMDGOALS, CURDIR, MAKE, MAKELEVEL, SHELL, .FEATURES, .DEFAULT_GOAL.
func NewScope(opts Options) *Scope {
	s := &Scope{opts: opts, fs: opts.FS, cache: opts.Cache, vars: varTable{}, files: map[string]*fileEntry{},
		tvars: map[string]varTable{}}
	if s.fs == nil {
		s.fs = OSFS{}
	}
	if s.cache == nil {
		s.cache = NewCache()
	}
	def := func(name, value string, origin Origin) *Var {
		v := &Var{origin: origin, name: name}
		v.setSimple(value)
		s.vars[name] = v
		return v
	}
	// make ignores an environment SHELL, but its $(origin SHELL) is then "file", else "default".
	shellOrigin := OriginDefault
	for _, kv := range opts.Env {
		if strings.HasPrefix(kv, "SHELL=") {
			shellOrigin = OriginFile
		}
	}
	def("SHELL", "/bin/sh", shellOrigin)
	def(".SHELLFLAGS", "-c", OriginDefault)
	def("MAKE_VERSION", "4.3", OriginDefault)
	// GNU make 4.3's list, but for what kbuild-go does not do (archives, jobserver, check-symlink, load).
	// output-sync is true of it: each job's output is kept and printed whole (Kbuild >= 6.2's top
	// Makefile requires the word: its "GNU Make >= 4.0" check).
	def(".FEATURES", "target-specific order-only second-expansion else-if shortest-stem undefine oneshell nocomment grouped-target extra-prereqs output-sync", OriginDefault)
	def(".RECIPEPREFIX", "", OriginDefault)
	s.flags = ParseFlags(opts.MakeFlags)
	if !s.flags.Has('R') {
		for _, bv := range builtinVars {
			v := def(bv[0], bv[1], OriginDefault)
			v.setRecursive(bv[1], mustParse(bv[1]))
		}
	}
	// The rest of GNU make 4.3's default variables, as Debian's build has them (builtins.txtar compares
	// them with make's): MAKE is $(MAKE_COMMAND), .VARIABLES is computed at each expansion.
	mk := def("MAKE", "$(MAKE_COMMAND)", OriginDefault)
	mk.setRecursive("$(MAKE_COMMAND)", mustParse("$(MAKE_COMMAND)"))
	def("MAKE_COMMAND", opts.Make, OriginDefault)
	def("MAKE_HOST", makeHost(), OriginDefault)
	def("MAKEFILES", "", OriginDefault)
	def(".LOADED", "", OriginDefault)
	def(".INCLUDE_DIRS", "/usr/local/include /usr/include /usr/include", OriginDefault).flavor = FlavorRecursive
	def(".LIBPATTERNS", "lib%.so lib%.a", OriginDefault).flavor = FlavorRecursive
	def("SUFFIXES", defaultSuffixes, OriginDefault)
	vs := def(".VARIABLES", "", OriginDefault)
	vs.setRecursive("", variableNames{})
	for _, kv := range opts.Env {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || name == "SHELL" || name == "MAKEFLAGS" || name == "MAKELEVEL" {
			continue
		}
		o := OriginEnvironment
		if opts.EnvOverrides {
			o = OriginEnvironmentOverride
		}
		// A variable that came from the environment stays exported when the makefile assigns it later
		// (GNU make keeps the same variable and its export flag: FOO=env make with `FOO += x` passes
		// "env x" to recipes). Kbuild relies on it: Makefile.lib appends to the KBUILD_CFLAGS it got.
		v := &Var{origin: o, name: name, export: exportYes}
		v.setRecursive(value, mustParse(value))
		s.vars[name] = v
	}
	def("MAKELEVEL", strconv.Itoa(opts.MakeLevel), OriginEnvironment)
	def("CURDIR", opts.Dir, OriginFile)
	// make strips a leading ./ from command-line goals, in MAKECMDGOALS too (`make ./foo.o` gives foo.o).
	goals := make([]string, len(opts.Goals))
	for i, g := range opts.Goals {
		goals[i] = cleanName(g)
	}
	if len(goals) > 0 { // make leaves it undefined without goals
		def("MAKECMDGOALS", strings.Join(goals, " "), OriginDefault)
	}
	def("MAKEFILE_LIST", "", OriginFile)
	def(".DEFAULT_GOAL", "", OriginFile)
	// While the makefiles are read, MAKEFLAGS shows only the switches without an argument (make's
	// define_makeflags(0)); finishFlags sets what recipes and sub-makes see.
	pt := s.flags.ParseTime()
	mf := def("MAKEFLAGS", pt, OriginFile)
	mf.setRecursive(pt, mustParse(pt))
	// Command-line variables, applied in order; make lists them in MAKEOVERRIDES in reverse.
	var overrides []string
	for _, a := range opts.CommandLine {
		name, op, value, ok := splitAssign(a)
		if !ok {
			continue
		}
		c := &ctx{s: s, pos: Pos{"<command-line>", 0}}
		_ = c.assign(name, op, value, mustParse(value), OriginCommandLine, Modifiers{}, nil)
		v := s.vars[name]
		def := name + "=" + v.text()
		if v.flavor == FlavorSimple {
			def = name + ":=" + v.text()
		}
		overrides = append([]string{escapeOverride(def)}, overrides...)
	}
	def("-*-command-variables-*-", strings.Join(overrides, " "), OriginAutomatic)
	mo := def("MAKEOVERRIDES", "${-*-command-variables-*-}", OriginFile)
	mo.setRecursive(mo.value, mustParse(mo.value))
	return s
}

// defaultSuffixes is make 4.3's $(SUFFIXES).
const defaultSuffixes = ".out .a .ln .o .c .cc .C .cpp .p .f .F .m .r .y .l .ym .yl .s .S .mod .sym .def .h .info .dvi .tex .texinfo .texi .txinfo .w .ch .web .sh .elc .el"

// makeHost is $(MAKE_HOST) of Debian's make on this machine's architecture.
func makeHost() string {
	switch runtime.GOARCH {
	case "amd64":
		return "x86_64-pc-linux-gnu"
	case "386":
		return "i686-pc-linux-gnu"
	case "arm64":
		return "aarch64-unknown-linux-gnu"
	}
	return runtime.GOARCH + "-unknown-linux-gnu"
}

// variableNames is the value of $(.VARIABLES): the names of the global variables, sorted (make's order is
// its hash table's).
type variableNames struct{}

func (variableNames) eval(c *ctx, buf []byte) ([]byte, error) {
	names := make([]string, 0, len(c.s.vars))
	for name := range c.s.vars {
		if name != "-*-command-variables-*-" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return append(buf, strings.Join(names, " ")...), nil
}

// escapeOverride escapes blanks as make writes them into MAKEOVERRIDES.
func escapeOverride(a string) string {
	if !strings.ContainsAny(a, " \t") {
		return a
	}
	var b strings.Builder
	for i := 0; i < len(a); i++ {
		if a[i] == ' ' || a[i] == '\t' {
			b.WriteByte('\\')
		}
		b.WriteByte(a[i])
	}
	return b.String()
}

func mustParse(s string) expr {
	e, err := parseExpr(s)
	if err != nil {
		return literal(s)
	}
	return e
}

// Options returns the options the scope was created with.
func (s *Scope) Options() Options { return s.opts }

// abs makes a makefile-relative path absolute (for the FS).
func (s *Scope) abs(name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(s.opts.Dir, name)
}

// EvalFile reads and evaluates a makefile (name relative to Dir or absolute), as `make -f name` would read
// it; it is added to MAKEFILE_LIST.
func (s *Scope) EvalFile(name string) error {
	name = cleanName(name) // make's name for "./Makefile" is "Makefile", in $(MAKEFILE_LIST) and messages
	f, err := s.cache.file(s.fs, s.abs(name), name)
	if err != nil {
		return err
	}
	return s.evalFile(f, name)
}

func (s *Scope) evalFile(f *File, name string) error {
	ml := s.vars["MAKEFILE_LIST"]
	ml.appendSimple(name)
	s.fileStack = append(s.fileStack, name)
	c := &ctx{s: s}
	err := c.evalNodes(f.Nodes)
	if err == nil {
		err = s.flushRule()
	}
	s.fileStack = s.fileStack[:len(s.fileStack)-1]
	if err == nil && len(s.fileStack) == 0 {
		s.finishFlags()
	}
	return err
}

// finishFlags sets MAKEFLAGS as GNU make 4.3 does once it has read the makefiles (define_makeflags(1)):
// the switches it started with and those the makefiles added (`MAKEFLAGS += -rR --include-dir=$(abs_srctree)`)
// in make's own form, then " -- " and the command-line variables ($(MAKEOVERRIDES)). Recipes see that
// value, and it is what sub-makes get. A MAKEFLAGS from the command line stays as it was given.
// (-j and --jobserver-auth, which make adds under -j, are left out: kbuild-go's sub-makes share its
// scheduler, not a jobserver pipe.)
func (s *Scope) finishFlags() {
	v := s.vars["MAKEFLAGS"]
	if v != nil && (v.origin == OriginCommandLine || v.origin == OriginOverride) {
		return
	}
	c := &ctx{s: s}
	cur, _ := c.expandVar("MAKEFLAGS", nil)
	val := s.flags.Merge(ParseFlags(string(cur))).String()
	if ov, _ := c.expandVar("MAKEOVERRIDES", nil); len(ov) > 0 {
		val += " -- $(MAKEOVERRIDES)"
	}
	nv := &Var{origin: OriginFile, name: "MAKEFLAGS"}
	if v != nil {
		nv.export = v.export
	}
	nv.setRecursive(val, mustParse(val))
	s.vars["MAKEFLAGS"] = nv
	s.varGen++
	s.flagsFinal = true
}

// EvalString parses and evaluates text as if it were a makefile named name (like $(eval)).
func (s *Scope) EvalString(name, text string) error {
	f, err := s.cache.parseText(name, 0, text)
	if err != nil {
		return err
	}
	c := &ctx{s: s}
	if err := c.evalNodes(f.Nodes); err != nil {
		return err
	}
	return s.flushRule()
}

// maxIncludeDepth bounds includes inside includes (Kbuild nests a few; GNU make fails near its file
// descriptor limit).
const maxIncludeDepth = 200

// Error is an evaluation error at a position; make stops with it.
type Error struct {
	Pos Pos
	Msg string
}

// Error formats as make's fatal errors: "file:line: *** msg.  Stop.".
func (e *Error) Error() string {
	if e.Pos.File == "" {
		return "*** " + e.Msg + ".  Stop."
	}
	return e.Pos.String() + ": *** " + e.Msg + ".  Stop."
}

// MissingIncludeError is a non-optional include of a file that does not exist. (make would then try to
// remake it; a driver that can make it may do so and evaluate again.) It matches os.ErrNotExist.
type MissingIncludeError struct {
	Pos  Pos
	Name string
}

// Error formats as make does: "file:line: name: No such file or directory".
func (e *MissingIncludeError) Error() string {
	return e.Pos.String() + ": " + e.Name + ": No such file or directory"
}

// Is makes errors.Is(err, os.ErrNotExist) true.
func (e *MissingIncludeError) Is(target error) bool { return target == os.ErrNotExist }

// ctx is the evaluation context of one expansion: the scope, the position being evaluated, the
// call/foreach locals, and (for recipes) the automatic and target-specific variables.
type ctx struct {
	s      *Scope
	pos    Pos
	locals []local
	auto   *autoVars
	tvars  []varTable
	// own is the number of tvars tables that belong to the target itself; the rest are inherited from
	// the targets that caused this one to be built, where `private` variables are not visible.
	own int
}

type local struct{ name, value string }

func (c *ctx) errorf(format string, args ...any) error {
	return &Error{Pos: c.pos, Msg: fmt.Sprintf(format, args...)}
}

// scratch returns an empty buffer from the scope's pool.
func (c *ctx) scratch() []byte {
	p := &c.s.pool
	if n := len(*p); n > 0 {
		b := (*p)[n-1]
		*p = (*p)[:n-1]
		return b[:0]
	}
	return make([]byte, 0, 256)
}

// release returns a buffer obtained from scratch; the caller must not use it afterwards.
func (c *ctx) release(b []byte) {
	if cap(b) <= 64<<10 {
		c.s.pool = append(c.s.pool, b)
	}
}

// expandString expands e into a new string.
func (c *ctx) expandString(e expr) (string, error) {
	b, err := e.eval(c, c.scratch())
	s := string(b)
	c.release(b)
	return s, err
}

// lookup finds the variable name in force: locals first, then target-specific tables, then the globals.
// level is the index of the table it came from (len(tvars) for globals), for `+=` inheritance.
func (c *ctx) lookup(name string, from int) (*Var, int) {
	for i := from; i < len(c.tvars); i++ {
		if v := c.tvars[i][name]; v != nil && !(v.private && i >= c.own) {
			return v, i
		}
	}
	return c.s.vars[name], len(c.tvars)
}

// expandVar appends the expansion of variable name to buf.
func (c *ctx) expandVar(name string, buf []byte) ([]byte, error) {
	for i := len(c.locals) - 1; i >= 0; i-- {
		if c.locals[i].name == name {
			return append(buf, c.locals[i].value...), nil
		}
	}
	if c.auto != nil {
		if val, ok := c.auto.get(name); ok {
			return append(buf, val...), nil
		}
	}
	v, level := c.lookup(name, 0)
	return c.expandVarAt(name, v, level, buf)
}

// expandVarBytes is expandVar for a computed name held in a scratch buffer: map lookups and comparisons
// with string(name) do not allocate.
func (c *ctx) expandVarBytes(name []byte, buf []byte) ([]byte, error) {
	for i := len(c.locals) - 1; i >= 0; i-- {
		if c.locals[i].name == string(name) {
			return append(buf, c.locals[i].value...), nil
		}
	}
	if c.auto != nil && len(name) <= 2 {
		if val, ok := c.auto.get(string(name)); ok {
			return append(buf, val...), nil
		}
	}
	for i := 0; i < len(c.tvars); i++ {
		if v := c.tvars[i][string(name)]; v != nil && !(v.private && i >= c.own) {
			return c.expandVarAt(v.name, v, i, buf)
		}
	}
	v := c.s.vars[string(name)]
	if v == nil {
		return buf, nil
	}
	return c.expandVarAt(v.name, v, len(c.tvars), buf)
}

func (c *ctx) expandVarAt(name string, v *Var, level int, buf []byte) ([]byte, error) {
	if v == nil {
		return buf, nil
	}
	if v.appendTS {
		pv, pl := c.lookup(name, level+1)
		n := len(buf)
		var err error
		if buf, err = c.expandVarAt(name, pv, pl, buf); err != nil {
			return buf, err
		}
		if len(buf) > n && !v.empty() {
			buf = append(buf, ' ')
		}
	}
	if v.flavor != FlavorRecursive {
		return append(buf, v.value...), nil
	}
	if v.expanding {
		return buf, c.errorf("Recursive variable '%s' references itself (eventually)", name)
	}
	v.expanding = true
	var err error
	if v.parts == nil {
		if v.e != nil {
			buf, err = v.e.eval(c, buf)
		}
	} else {
		for _, p := range v.parts {
			if buf, err = p.eval(c, buf); err != nil {
				break
			}
		}
	}
	v.expanding = false
	return buf, err
}

// evalNodes evaluates statements.
func (c *ctx) evalNodes(nodes []Node) error {
	s := c.s
	for _, n := range nodes {
		c.pos = n.Position()
		var err error
		switch n := n.(type) {
		case *Recipe:
			err = s.addRecipe(c, n)
			continue
		case *Cond:
			var ok bool
			if ok, err = c.evalCond(n); err != nil {
				return err
			}
			if ok {
				err = c.evalNodes(n.Then)
			} else {
				err = c.evalNodes(n.Else)
			}
			if err != nil {
				return err
			}
			continue
		}
		if err := s.flushRule(); err != nil {
			return err
		}
		c.pos = n.Position()
		switch n := n.(type) {
		case *Assign:
			err = c.evalAssign(n.name, n.Op, n.Value, n.value, n.Mods)
		case *Define:
			err = c.evalAssign(n.name, n.Op, n.Body, n.value, n.Mods)
		case *Include:
			err = c.evalInclude(n)
		case *Export:
			err = c.evalExport(n)
		case *Undefine:
			var name string
			if name, err = c.expandString(n.name); err == nil {
				name = strings.TrimSpace(name)
				if v := s.vars[name]; v != nil && (n.Override || (v.origin != OriginCommandLine && v.origin != OriginOverride)) {
					delete(s.vars, name)
					s.varGen++
				}
			}
		case *Vpath:
			err = c.evalVpath(n)
		case *Rule:
			err = c.evalRule(n)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *ctx) evalCond(n *Cond) (bool, error) {
	a, err := c.expandString(n.a)
	if err != nil {
		return false, err
	}
	switch n.Kind {
	case CondIfdef, CondIfndef:
		v, _ := c.lookup(strings.TrimSpace(a), 0)
		def := v != nil && !v.empty()
		return def == (n.Kind == CondIfdef), nil
	}
	b, err := c.expandString(n.b)
	if err != nil {
		return false, err
	}
	return (a == b) == (n.Kind == CondIfeq), nil
}

func (c *ctx) evalAssign(nameE expr, op AssignOp, text string, value expr, mods Modifiers) error {
	name, err := c.expandString(nameE)
	if err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return c.errorf("empty variable name")
	}
	origin := OriginFile
	if mods.Override {
		origin = OriginOverride
	}
	return c.assign(name, op, text, value, origin, mods, nil)
}

// assign performs a global (table == nil) or target-specific assignment with make's precedence rules.
func (c *ctx) assign(name string, op AssignOp, text string, value expr, origin Origin, mods Modifiers, table varTable) error {
	s := c.s
	s.varGen++
	vars := s.vars
	if table != nil {
		vars = table
	}
	old := vars[name]
	if table == nil && old != nil && !canOverride(old.origin, origin) {
		if mods.Export {
			old.export = exportYes
		} else if mods.Unexport {
			old.export = exportNo
		}
		return nil
	}
	if op == OpCond {
		if old != nil {
			return nil
		}
		if table != nil && s.vars[name] != nil {
			return nil
		}
		op = OpRecursive
	}
	v := old
	if v == nil {
		v = &Var{name: name}
		vars[name] = v
	}
	v.pos = c.pos
	switch op {
	case OpRecursive:
		v.appendTS = false
		v.setRecursive(text, value)
	case OpSimple:
		val, err := c.expandString(value)
		if err != nil {
			return err
		}
		v.appendTS = false
		v.setSimple(val)
	case OpShell:
		cmd, err := c.expandString(value)
		if err != nil {
			return err
		}
		out := c.runShell(cmd)
		v.appendTS = false
		v.setRecursive(out, mustParse(out))
	case OpAppend:
		switch {
		case old == nil && table != nil:
			v.appendTS = true
			v.setRecursive(text, value)
		case old == nil:
			v.setRecursive(text, value)
		case old.flavor == FlavorSimple:
			val, err := c.expandString(value)
			if err != nil {
				return err
			}
			v.appendSimple(val)
		default:
			v.appendRecursive(text, value)
		}
		if old != nil && old.origin > origin {
			origin = old.origin
		}
	}
	v.origin = origin
	v.private = mods.Private && table != nil
	if mods.Export {
		v.export = exportYes
	} else if mods.Unexport {
		v.export = exportNo
	}
	s.resolved = nil
	return nil
}

// canOverride reports whether an assignment of origin next may replace a value of origin prev.
func canOverride(prev, next Origin) bool {
	switch next {
	case OriginOverride, OriginCommandLine, OriginAutomatic:
		return true
	}
	switch prev {
	case OriginCommandLine, OriginOverride, OriginEnvironmentOverride:
		return false
	}
	return true
}

func (c *ctx) evalInclude(n *Include) error {
	s := c.s
	names, err := c.expandString(n.files)
	if err != nil {
		return err
	}
	for _, name := range strings.Fields(names) {
		name = cleanName(name)
		if s.opts.Include != nil {
			if _, err := s.fs.Stat(s.abs(name)); err == nil && s.opts.Include(s.abs(name)) {
				continue
			}
		}
		f, err := s.cache.file(s.fs, s.abs(name), name)
		if err != nil && !filepath.IsAbs(name) && (errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)) {
			// make searches the -I/--include-dir directories for a relative name not found here (the
			// top Makefile adds --include-dir=$(abs_srctree) to MAKEFLAGS for every sub-make).
			for _, dir := range s.flags.IncludeDirs {
				if f2, err2 := s.cache.file(s.fs, filepath.Join(dir, name), filepath.Join(dir, name)); err2 == nil {
					f, err, name = f2, nil, filepath.Join(dir, name)
					break
				}
			}
		}
		if err != nil {
			if errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
				if n.Optional {
					continue
				}
				if s.opts.DeferMissing {
					s.missing = append(s.missing, MissingIncludeError{Pos: n.Pos, Name: name})
					continue
				}
				return &MissingIncludeError{Pos: n.Pos, Name: name}
			}
			return err
		}
		pos := c.pos
		if s.includeDepth >= maxIncludeDepth {
			// GNU make runs out of file descriptors here ("Too many open files"); a makefile that
			// includes itself is the usual cause.
			return &Error{Pos: n.Pos, Msg: fmt.Sprintf("%s: included %d levels deep (does it include itself?)", name, maxIncludeDepth)}
		}
		s.includeDepth++
		err = s.evalFile(f, name)
		s.includeDepth--
		if err != nil {
			return err
		}
		c.pos = pos
	}
	return nil
}

func (c *ctx) evalExport(n *Export) error {
	s := c.s
	s.varGen++
	if n.All {
		s.exportAll = !n.Unexport
		return nil
	}
	names, err := c.expandString(n.names)
	if err != nil {
		return err
	}
	for _, name := range strings.Fields(names) {
		v := s.vars[name]
		if v == nil {
			v = &Var{origin: OriginFile, pos: n.Pos, name: name}
			v.setRecursive("", literal(""))
			s.vars[name] = v
		}
		if n.Unexport {
			v.export = exportNo
		} else {
			v.export = exportYes
		}
	}
	return nil
}

// runShell runs a $(shell) command, sets .SHELLSTATUS and converts the output as make does: trailing
// newlines removed, the others turned into spaces.
func (c *ctx) runShell(cmd string) string {
	s := c.s
	env := s.shellEnv()
	var out string
	var status int
	if s.opts.Shell != nil {
		out, status = s.opts.Shell(cmd, env, s.opts.Dir)
	} else {
		out, status = DefaultShell(cmd, env, s.opts.Dir)
	}
	// make defines .SHELLSTATUS (as an override) when the first $(shell) has run.
	st := s.vars[".SHELLSTATUS"]
	if st == nil {
		st = &Var{origin: OriginOverride, name: ".SHELLSTATUS"}
		s.vars[".SHELLSTATUS"] = st
	}
	st.setSimple(strconv.Itoa(status))
	out = strings.TrimRight(out, "\n")
	out = strings.ReplaceAll(out, "\r\n", " ")
	return strings.ReplaceAll(out, "\n", " ")
}

// shellEnv is the environment of a $(shell) command. GNU make 4.3, the reference here, gives $(shell) the
// environment make itself was started with, not the exported variables (that changed in 4.4); it is also
// far cheaper than computing the exported environment for each of the hundreds of probes of a kernel
// build.
func (s *Scope) shellEnv() []string {
	return s.opts.Env
}

// DefaultShell runs a $(shell) command with /bin/sh when Options.Shell is nil: stdout, and the exit status
// (127 when it cannot start).
func DefaultShell(cmd string, env []string, dir string) (string, int) {
	var out bytes.Buffer
	status, err := proc.Shell(context.Background(), "/bin/sh", dir, env, cmd, &out, os.Stderr)
	if err != nil {
		return out.String(), 127
	}
	return out.String(), status.Exit()
}

// output prints a message through Options.Output.
func (s *Scope) output(stream Stream, text string) {
	if s.opts.Output != nil {
		s.opts.Output(stream, text)
		return
	}
	var w io.Writer = os.Stdout
	if stream == 2 {
		w = os.Stderr
	}
	io.WriteString(w, text)
}

// TargetEnviron is Environ for t's recipe: target-specific variables (`t: export V = x`, and those
// inherited from auto.Parents) are in force, as make computes a recipe's environment.
func (s *Scope) TargetEnviron(t *Target, auto AutoVars) []string {
	c := s.recipeCtx(t, auto)
	env := s.environ(s.opts.MakeLevel + 1)
	seen := map[string]int{}
	for i, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		seen[name] = i
	}
	for _, table := range c.tvars {
		for name := range table {
			if !exportable(name) {
				continue
			}
			v, level := c.lookup(name, 0)
			if v == nil {
				continue // a private variable of a parent is not inherited
			}
			exported := v.export == exportYes || v.export == exportDefault && s.vars[name] != nil && containsName(env, name)
			i, had := seen[name]
			if !exported {
				if had && v.export == exportNo {
					env[i] = ""
				}
				continue
			}
			b, err := c.expandVarAt(name, v, level, nil)
			if err != nil {
				continue
			}
			if had {
				env[i] = name + "=" + string(b)
			} else {
				seen[name] = len(env)
				env = append(env, name+"="+string(b))
			}
		}
	}
	out := env[:0]
	for _, kv := range env {
		if kv != "" {
			out = append(out, kv)
		}
	}
	sort.Strings(out)
	return out
}

func containsName(env []string, name string) bool {
	for _, kv := range env {
		if strings.HasPrefix(kv, name+"=") {
			return true
		}
	}
	return false
}

// Environ returns the environment a recipe's shell or a sub-make sees: the exported variables with their
// expanded values (environment and command-line variables are exported unless unexported; others when
// marked `export` or under a bare `export`), MAKEFLAGS with the command-line variables after " -- ", and
// MAKELEVEL one higher. Sorted by name.
func (s *Scope) Environ() []string { return s.environ(s.opts.MakeLevel + 1) }

func (s *Scope) environ(level int) []string {
	// Every recipe of a scope asks for the same environment: expand it once
	// per generation of the variables (the expansion sees no automatic
	// variables, so it does not depend on the target).
	if s.envMemo != nil && s.envGen == s.varGen && s.envLevel == level {
		return slices.Clone(s.envMemo)
	}
	env := s.environ1(level)
	s.envMemo, s.envGen, s.envLevel = env, s.varGen, level
	return slices.Clone(env)
}

func (s *Scope) environ1(level int) []string {
	c := &ctx{s: s}
	var env []string
	names := make([]string, 0, len(s.vars))
	for name := range s.vars {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		v := s.vars[name]
		if !exportable(name) || name == "MAKEFLAGS" || name == "MAKELEVEL" {
			continue
		}
		switch v.export {
		case exportNo:
			continue
		case exportDefault:
			if v.origin == OriginDefault || v.origin == OriginAutomatic {
				continue
			}
			if !s.exportAll && v.origin != OriginEnvironment && v.origin != OriginEnvironmentOverride && v.origin != OriginCommandLine {
				continue
			}
		}
		b, err := c.expandVarAt(name, v, 0, nil)
		if err != nil {
			continue
		}
		env = append(env, name+"="+string(b))
	}
	mf, _ := c.expandVar("MAKEFLAGS", nil)
	flags := string(mf)
	// A MAKEFLAGS given on this make's command line (the top Makefile's tools/ rule: `$(MAKE) LDFLAGS=
	// MAKEFLAGS="..." -C tools`) is passed on as it is: make then sends the command-line variables down
	// only as environment variables, which a sub-make's makefile may append to (objtool's
	// `LDFLAGS += $(LIBSUBCMD)` under `LDFLAGS=`).
	if v := c.s.vars["MAKEFLAGS"]; !s.flagsFinal && (v == nil || v.origin != OriginCommandLine) {
		if ov, _ := c.expandVar("MAKEOVERRIDES", nil); len(ov) > 0 {
			flags += " -- " + string(ov)
		}
	}
	if flags != "" {
		env = append(env, "MAKEFLAGS="+flags)
	}
	env = append(env, "MAKELEVEL="+strconv.Itoa(level))
	sort.Strings(env)
	return env
}

func exportable(name string) bool {
	if name == "" || name[0] >= '0' && name[0] <= '9' {
		return false
	}
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if !(ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
			return false
		}
	}
	return true
}

// Lookup returns a variable's raw value (its text, unexpanded for a recursive variable), flavour and
// origin in the global table; ok is false when it is undefined.
func (s *Scope) Lookup(name string) (value string, flavor Flavor, origin Origin, ok bool) {
	v := s.vars[name]
	if v == nil {
		return "", FlavorUndefined, OriginUndefined, false
	}
	return v.text(), v.flavor, v.origin, true
}

// Var returns the expansion of variable name in the global context ("" when undefined).
func (s *Scope) Var(name string) (string, error) {
	c := &ctx{s: s}
	b, err := c.expandVar(name, nil)
	return string(b), err
}

// Expand expands text in the global context.
func (s *Scope) Expand(text string) (string, error) {
	e, err := s.cache.expr(text)
	if err != nil {
		return "", err
	}
	return (&ctx{s: s}).expandString(e)
}

// Variables returns the names of all global variables, sorted.
func (s *Scope) Variables() []string {
	names := make([]string, 0, len(s.vars))
	for n := range s.vars {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// CallContext is the context a Func or CallHook runs in: the same locals, automatic and target-specific
// variables as the expansion that called it.
type CallContext struct {
	c *ctx
}

// Expand expands text in the caller's context.
func (cc *CallContext) Expand(text string) (string, error) {
	e, err := cc.c.s.cache.expr(text)
	if err != nil {
		return "", err
	}
	return cc.c.expandString(e)
}

// Var returns the expansion of variable name in the caller's context (automatic variables included).
func (cc *CallContext) Var(name string) (string, error) {
	b, err := cc.c.expandVar(name, nil)
	return string(b), err
}

// Lookup returns the raw (unexpanded) value of a variable in the caller's context.
func (cc *CallContext) Lookup(name string) (value string, ok bool) {
	if cc.c.auto != nil {
		if v, ok := cc.c.auto.get(name); ok {
			return v, true
		}
	}
	v, _ := cc.c.lookup(name, 0)
	if v == nil {
		return "", false
	}
	return v.text(), true
}

// Pos is the position of the statement or recipe line being expanded.
func (cc *CallContext) Pos() Pos { return cc.c.pos }

// Scope is the scope being evaluated.
func (cc *CallContext) Scope() *Scope { return cc.c.s }

// Call expands $(call name,args...) with make's own semantics (bypassing the hook), e.g. for a hook that
// wants the default behaviour for some names.
func (cc *CallContext) Call(name string, args []string) (string, error) {
	b, err := cc.c.callVar(name, args, nil)
	return string(b), err
}
