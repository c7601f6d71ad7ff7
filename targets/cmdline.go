package targets

import (
	"strings"

	"github.com/kbuild-go/kbuild-go/cli"
)

// cmdVars are the variables of one make's command line (VAR=value, VAR:=value) in the order that make
// defines them: those its parent passed after " -- " in MAKEFLAGS first, then its own, each name once
// (a later definition replaces an earlier one). Every scope has one; O=, V=, obj=, BPF_PROGS= ... are
// read from it with get, never by scanning strings.
type cmdVars []string

// get returns the value of name's command-line definition.
func (c cmdVars) get(name string) (string, bool) {
	for i := len(c) - 1; i >= 0; i-- {
		if assignName(c[i]) == name {
			_, v, _ := strings.Cut(c[i], "=")
			return v, true
		}
	}
	return "", false
}

// value is get without the ok: "" when name is not defined.
func (c cmdVars) value(name string) string {
	v, _ := c.get(name)
	return v
}

// with returns c with assign (VAR=value) in place of an earlier definition of the same variable.
func (c cmdVars) with(assign string) cmdVars {
	name := assignName(assign)
	out := c[:0:0]
	for _, a := range c {
		if assignName(a) != name {
			out = append(out, a)
		}
	}
	return append(out, assign)
}

// withVars returns c with a command line's own variables added (with, in order).
func (c cmdVars) withVars(vars []cli.Var) cmdVars {
	for _, v := range vars {
		op := "="
		if v.Simple {
			op = ":="
		}
		c = c.with(v.Name + op + v.Value)
	}
	return c
}

// forChild is what a sub-make defines from c: make lists its command-line variables in MAKEOVERRIDES
// last-defined first, and its child defines them in that order.
func (c cmdVars) forChild() cmdVars {
	out := make(cmdVars, len(c))
	for i, a := range c {
		out[len(c)-1-i] = a
	}
	return out
}

// assignName is the variable an assignment VAR=value, VAR:=value (or VAR+=, VAR?=) defines.
func assignName(assign string) string {
	i := strings.IndexByte(assign, '=')
	if i < 0 {
		return assign
	}
	return strings.TrimRight(assign[:i], ":+?")
}

// overridesOf returns the variable definitions after " -- " in a MAKEFLAGS value, in order (make escapes
// blanks in values with a backslash).
func overridesOf(makeflags string) cmdVars {
	_, vars, ok := strings.Cut(makeflags, " -- ")
	if !ok {
		if vars, ok = strings.CutPrefix(makeflags, "-- "); !ok {
			return nil
		}
	}
	var out cmdVars
	for _, w := range splitEscaped(vars) {
		if strings.Contains(w, "=") {
			out = append(out, w)
		}
	}
	return out
}

// environ is a process environment (NAME=value).
type environ []string

// get returns name's value, or "" when it is not set.
func (e environ) get(name string) string {
	v, _ := e.lookup(name)
	return v
}

// lookup returns name's value and whether it is set.
func (e environ) lookup(name string) (string, bool) {
	for _, kv := range e {
		if v, ok := strings.CutPrefix(kv, name+"="); ok {
			return v, true
		}
	}
	return "", false
}

// lookup is a variable the tree may be given either way: its command-line definition, else its value in
// the environment, else def.
func lookup(c cmdVars, e environ, name, def string) string {
	if v, ok := c.get(name); ok {
		return v
	}
	if v, ok := e.lookup(name); ok {
		return v
	}
	return def
}
