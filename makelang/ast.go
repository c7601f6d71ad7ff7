// Package makefile implements the GNU make language as Linux 6.1's Makefiles use it: a parser that turns a
// makefile into an AST once (cached per path), and an evaluator (Scope) that runs the statements of one make
// invocation: variables with make's flavours and origins, functions, conditionals, includes, rules, pattern
// rules, VPATH, target-specific variables. Recipes are kept unexpanded until the caller asks for them
// (ExpandRecipe), as make expands a recipe only just before running it.
//
// The package knows nothing about kernels and runs no make; the caller (a build driver) turns the rule
// database into its own graph through Resolve and ExpandRecipe.
//
// Differences from GNU make 4.3, on purpose or not yet done:
//   - no built-in implicit rules or variables: every scope behaves as `make -rR` (Kbuild always passes it);
//   - not implemented: .SECONDEXPANSION, grouped targets (&:), .ONESHELL, archive members (lib(member)),
//     `load`, -I include directories, remaking of included makefiles (a missing `include` is an error the
//     driver can act on: *MissingIncludeError);
//   - $(shell) sees the exported environment (make 4.4 semantics; 4.3 passes make's own environment);
//   - target-specific variables are inherited by prerequisites only through AutoVars.Parents, because
//     which target caused a build is known to the build engine, not to the rule database;
//   - implicit rule chains are at most maxChain rules long; a prerequisite "ought to exist" when it is a
//     target or a mentioned prerequisite anywhere in the scope, or Options.Exists says so;
//   - a prerequisite that is itself a target of the scope is not searched through VPATH (make searches
//     and keeps the found path when no rebuild is needed; the driver decides that).
package makelang

import "fmt"

// Pos is a position in a makefile: the file name as it was given and a 1-based line number. Every AST node
// and every evaluation error carries one so that messages read like make's ("file:line: ...").
type Pos struct {
	File string
	Line int
}

// String formats the position as make does: "file:line".
func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// File is a parsed makefile. It is immutable after Parse and may be shared by any number of scopes.
type File struct {
	// Name is the file name passed to Parse.
	Name string
	// Nodes are the top-level statements in source order.
	Nodes []Node
}

// Node is one statement of a makefile. The concrete types are *Assign, *Define, *Cond, *Include, *Export,
// *Undefine, *Vpath, *Rule and *Recipe.
type Node interface {
	// Position returns where the statement starts.
	Position() Pos
}

// AssignOp is an assignment operator.
type AssignOp uint8

// The assignment operators of GNU make 4.3.
const (
	OpRecursive AssignOp = iota // =
	OpSimple                    // := and ::=
	OpAppend                    // +=
	OpCond                      // ?=
	OpShell                     // !=
)

// String returns the operator as written in a makefile.
func (o AssignOp) String() string {
	return [...]string{"=", ":=", "+=", "?=", "!="}[o]
}

// Modifiers are the prefixes an assignment may carry (in any combination, in any order).
type Modifiers struct {
	Override, Export, Unexport, Private bool
}

// Assign is `[modifiers] NAME op value`. Name is unexpanded text (it may be computed, `$(x)_y := ...`); Value
// is the raw text after the operator with leading blanks removed and trailing blanks kept, as make keeps them.
type Assign struct {
	Pos   Pos
	Mods  Modifiers
	Name  string
	Op    AssignOp
	Value string

	name, value expr // parsed once; shared by all scopes
}

// Position implements Node.
func (n *Assign) Position() Pos { return n.Pos }

// Define is a `define NAME [op] ... endef` block; Body is the verbatim text between the lines (without the
// final newline). Conditional directives inside the body are plain text.
type Define struct {
	Pos  Pos
	Mods Modifiers
	Name string
	Op   AssignOp
	Body string

	name, value expr
}

// Position implements Node.
func (n *Define) Position() Pos { return n.Pos }

// CondKind is the kind of a conditional directive.
type CondKind uint8

// The conditional directives.
const (
	CondIfeq CondKind = iota
	CondIfneq
	CondIfdef
	CondIfndef
)

// Cond is a conditional: ifeq/ifneq compare A and B after expansion; ifdef/ifndef test the variable named by
// the expansion of A. An `else ifeq ...` chain is an Else holding a single nested *Cond.
type Cond struct {
	Pos  Pos
	Kind CondKind
	A, B string
	Then []Node
	Else []Node

	a, b expr
}

// Position implements Node.
func (n *Cond) Position() Pos { return n.Pos }

// Include is `include`, `-include` or `sinclude`; Files is the unexpanded list of names.
type Include struct {
	Pos      Pos
	Optional bool
	Files    string

	files expr
}

// Position implements Node.
func (n *Include) Position() Pos { return n.Pos }

// Export is a bare `export NAMES`, `unexport NAMES`, or `export`/`unexport` alone (All: every variable).
type Export struct {
	Pos      Pos
	Unexport bool
	All      bool
	Names    string

	names expr
}

// Position implements Node.
func (n *Export) Position() Pos { return n.Pos }

// Undefine is `[override] undefine NAME`.
type Undefine struct {
	Pos      Pos
	Override bool
	Name     string

	name expr
}

// Position implements Node.
func (n *Undefine) Position() Pos { return n.Pos }

// Vpath is the `vpath [pattern [dirs]]` directive, both parts unexpanded.
type Vpath struct {
	Pos     Pos
	Pattern string
	Dirs    string

	pattern, dirs expr
}

// Position implements Node.
func (n *Vpath) Position() Pos { return n.Pos }

// Rule is any other line: a rule, a target-specific assignment, or a line that expands to nothing (a pure
// `$(eval ...)` or `$(info ...)` call). Whether it is which is decided at evaluation, as make does, because
// the targets are only known after expansion.
//
// Targets is the text before the first ':' outside variable references (the whole line when there is no
// such colon: the colon may come out of an expansion). Rest is the text after the colon (or '::'), up to an
// unquoted ';'. Recipe is the text after that ';' (HasRecipe tells an empty one from none). When Rest parses as
// an assignment, Assign holds it and the line is a target-specific variable assignment.
type Rule struct {
	Pos         Pos
	Targets     string
	NoColon     bool
	DoubleColon bool
	Rest        string
	Recipe      string
	HasRecipe   bool
	Assign      *Assign

	targets, rest, recipe expr
}

// Position implements Node.
func (n *Rule) Position() Pos { return n.Pos }

// Recipe is a tab-prefixed line following a rule. Text is the line without the tab; backslash-newlines are
// kept (the shell sees them) and a continuation line's leading tab is removed, as make does.
type Recipe struct {
	Pos  Pos
	Text string

	text expr
}

// Position implements Node.
func (n *Recipe) Position() Pos { return n.Pos }
