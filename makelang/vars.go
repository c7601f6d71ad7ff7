package makelang

import "strings"

// Origin is where a variable's value came from, as $(origin) reports it.
type Origin uint8

// The origins of GNU make.
const (
	OriginUndefined Origin = iota
	OriginDefault
	OriginEnvironment
	OriginEnvironmentOverride
	OriginFile
	OriginCommandLine
	OriginOverride
	OriginAutomatic
)

// String returns the word $(origin) prints.
func (o Origin) String() string {
	return [...]string{"undefined", "default", "environment", "environment override", "file",
		"command line", "override", "automatic"}[o]
}

// Flavor is how a variable expands.
type Flavor uint8

// The flavours: a recursive variable's text is expanded at every use, a simple variable was expanded once
// when assigned.
const (
	FlavorUndefined Flavor = iota
	FlavorRecursive
	FlavorSimple
)

// String returns the word $(flavor) prints.
func (f Flavor) String() string { return [...]string{"undefined", "recursive", "simple"}[f] }

// exportMode is a variable's export flag; exportDefault lets the origin decide (environment and command line
// variables are exported, others only under a bare `export`).
type exportMode uint8

const (
	exportDefault exportMode = iota
	exportYes
	exportNo
)

// Var is one variable. For a recursive variable, parts is the parsed text (a += appends a part instead of
// re-parsing); for a simple one, value is the final text.
type Var struct {
	value  string
	flavor Flavor
	origin Origin
	export exportMode
	// appendTS marks a target-specific `+=` with no target-specific definition before it: its expansion is
	// the inherited value, a space, and its own.
	appendTS bool
	// private marks a target-specific variable that prerequisites do not inherit.
	private   bool
	name      string // for messages and inherited `+=` lookups
	e         expr   // recursive: the parsed text, when parts is nil
	parts     []expr
	texts     []string // recursive: the pieces of text, joined by text()
	stale     bool     // value must be recomputed from texts
	expanding bool
	pos       Pos
}

// varTable is a set of variables.
type varTable map[string]*Var

// setRecursive gives v a recursive value (text and its parse).
func (v *Var) setRecursive(text string, e expr) {
	v.flavor = FlavorRecursive
	v.value, v.stale = text, false
	v.e, v.texts, v.parts = e, nil, nil
}

// setSimple gives v a simple value.
func (v *Var) setSimple(text string) {
	v.flavor = FlavorSimple
	v.value, v.stale = text, false
	v.e, v.texts, v.parts = nil, nil, nil
}

// text returns the variable's text (unexpanded for a recursive variable). The pieces of a recursive
// variable built by += are joined only when asked for, so that long += lists (obj-y) cost no quadratic
// copying.
func (v *Var) text() string {
	if v.stale {
		v.value, v.stale = strings.Join(v.texts, " "), false
	}
	return v.value
}

// empty reports whether the text is empty, without joining.
func (v *Var) empty() bool {
	if v.flavor != FlavorRecursive {
		return v.value == ""
	}
	return v.value == "" && !v.stale
}

// appendRecursive appends " text" to a recursive value (no space when the old value is empty, as make).
func (v *Var) appendRecursive(text string, e expr) {
	if v.empty() {
		v.setRecursive(text, e)
		return
	}
	if v.parts == nil {
		// First append: the single expression becomes a list (setRecursive allocates no slices, since
		// most variables are never appended to).
		v.parts = []expr{v.e}
		v.texts = []string{v.value}
	}
	v.texts = append(v.texts, text)
	v.stale = true
	v.parts = append(v.parts, literal(" "), e)
}

// appendSimple appends " text" (already expanded) to a simple value; make 4.3 adds nothing when the
// expansion is empty (a recursive append always adds the space).
func (v *Var) appendSimple(text string) {
	if text == "" {
		return
	}
	if v.value == "" {
		v.value = text
		return
	}
	v.value += " " + text
}
