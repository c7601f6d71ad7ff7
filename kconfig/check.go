package kconfig

import "strings"

// This file is the dependency-loop check of symbol.c (sym_check_deps and
// friends), with the same "recursive dependency detected!" report.

type depWhich int

const (
	depNone depWhich = iota
	depDir
	depRev
	depImplied
	depPropExpr
)

type depFrame struct {
	sym   *Symbol
	prop  *Property
	which depWhich
}

type depChecker struct {
	c     *Config
	stack []*depFrame
}

func (c *Config) checkDeps(s *Symbol) *Symbol {
	d := &depChecker{c: c}
	return d.checkDeps(s)
}

func (d *depChecker) push(s *Symbol) *depFrame {
	f := &depFrame{sym: s}
	d.stack = append(d.stack, f)
	return f
}

func (d *depChecker) pop() { d.stack = d.stack[:len(d.stack)-1] }

func symName(s *Symbol) string {
	if s.isChoice() && s.Name == "" {
		return "<choice>"
	}
	return s.Name
}

// printRecursive is sym_check_print_recursive.
func (d *depChecker) printRecursive(last *Symbol) {
	c := d.c
	pushed := false
	if last.isChoiceValue() {
		d.push(last)
		pushed = true
		last = last.choiceSym()
	}
	start := -1
	for i := len(d.stack) - 1; i >= 0; i-- {
		if d.stack[i].sym == last {
			start = i
			break
		}
	}
	if start < 0 {
		c.errorf("unexpected recursive dependency error\n")
		if pushed {
			d.pop()
		}
		return
	}
	// conf dereferences a missing property here and crashes (a cycle through a symbol that is only
	// referenced, never defined: "config A / depends on B / select B"); kbuild-go names the location of
	// another member of the cycle instead.
	var fallback *Property
	for i := start; i < len(d.stack) && fallback == nil; i++ {
		if fallback = d.stack[i].prop; fallback == nil && len(d.stack[i].sym.props) > 0 {
			fallback = d.stack[i].sym.props[0]
		}
	}
	if fallback == nil {
		fallback = &Property{File: "<unknown>"}
	}
	var b strings.Builder
	for i := start; i < len(d.stack); i++ {
		f := d.stack[i]
		s := f.sym
		next := last
		if i+1 < len(d.stack) {
			next = d.stack[i+1].sym
		}
		prop := f.prop
		if prop == nil && len(s.props) > 0 {
			prop = s.props[0]
		}
		var menu *Menu
		if s.isChoice() || s.isChoiceValue() {
			for _, p := range s.props {
				prop = p
				menu = p.Menu
				if p.Menu != nil {
					break
				}
			}
		}
		if prop == nil {
			prop = fallback
		}
		if menu == nil {
			menu = &Menu{File: prop.File, Line: prop.Line}
		}
		if s == last {
			b.WriteString(prop.File + ":" + itoa(prop.Line) + ":error: recursive dependency detected!\n")
		}
		switch {
		case s.isChoice():
			b.WriteString(menu.File + ":" + itoa(menu.Line) + ":\tchoice " + symName(s) + " contains symbol " + symName(next) + "\n")
		case s.isChoiceValue():
			b.WriteString(menu.File + ":" + itoa(menu.Line) + ":\tsymbol " + symName(s) + " is part of choice " + symName(next) + "\n")
		case f.which == depDir:
			b.WriteString(prop.File + ":" + itoa(prop.Line) + ":\tsymbol " + symName(s) + " depends on " + symName(next) + "\n")
		case f.which == depRev:
			b.WriteString(prop.File + ":" + itoa(prop.Line) + ":\tsymbol " + symName(s) + " is selected by " + symName(next) + "\n")
		case f.which == depImplied:
			b.WriteString(prop.File + ":" + itoa(prop.Line) + ":\tsymbol " + symName(s) + " is implied by " + symName(next) + "\n")
		case f.which == depPropExpr:
			b.WriteString(prop.File + ":" + itoa(prop.Line) + ":\tsymbol " + symName(s) + " " + prop.Type.String() + " value contains " + symName(next) + "\n")
		default:
			b.WriteString(prop.File + ":" + itoa(prop.Line) + ":\tsymbol " + symName(s) + " " + prop.Type.String() + " is visible depending on " + symName(next) + "\n")
		}
	}
	b.WriteString("For a resolution refer to Documentation/kbuild/kconfig-language.rst\n" +
		"subsection \"Kconfig recursive dependency limitations\"\n\n")
	c.errorf("%s", b.String())
	if pushed {
		d.pop()
	}
}

func (d *depChecker) exprDeps(e *Expr) *Symbol {
	// The walk covers every node of every dependency expression, and nearly
	// every symbol it meets is checked already: test that inline.
	for e != nil {
		switch e.Type {
		case EOr, EAnd:
			if s := d.exprDeps(e.Left); s != nil {
				return s
			}
			e = e.Right
			continue
		case ENot:
			e = e.Left
			continue
		case EEqual, EGeq, EGth, ELeq, ELth, EUnequal:
			if s := d.symDep(e.LSym); s != nil {
				return s
			}
			return d.symDep(e.RSym)
		case ESymbol:
			return d.symDep(e.LSym)
		}
		d.c.errorf("Oops! How to check %d?\n", e.Type)
		return nil
	}
	return nil
}

// symDep is checkDeps with its most common case inlined.
func (d *depChecker) symDep(s *Symbol) *Symbol {
	if s.flags&(flagCheck|flagChecked) == flagChecked {
		return nil
	}
	return d.checkDeps(s)
}

func (d *depChecker) symDeps(s *Symbol) *Symbol {
	f := d.push(s)
	defer d.pop()
	f.which = depDir
	if r := d.exprDeps(s.dirDep); r != nil {
		return r
	}
	f.which = depRev
	if r := d.exprDeps(s.revDep); r != nil {
		return r
	}
	f.which = depImplied
	if r := d.exprDeps(s.implied); r != nil {
		return r
	}
	f.which = depNone
	for _, p := range s.props {
		if p.Type == PChoice || p.Type == PSelect || p.Type == PImply {
			continue
		}
		f.prop = p
		if r := d.exprDeps(p.Visible); r != nil {
			return r
		}
		if p.Type != PDefault || s.isChoice() {
			continue
		}
		f.which = depPropExpr
		if r := d.exprDeps(p.Expr); r != nil {
			return r
		}
		f.which = depNone
	}
	return nil
}

func (d *depChecker) choiceDeps(choice *Symbol) *Symbol {
	d.push(choice)
	members := choice.choiceMembers()
	for _, s := range members {
		s.flags |= flagCheck | flagChecked
	}
	choice.flags |= flagCheck | flagChecked
	r := d.symDeps(choice)
	choice.flags &^= flagCheck
	if r == nil {
		for _, s := range members {
			if r = d.symDeps(s); r != nil {
				break
			}
		}
	}
	for _, s := range members {
		s.flags &^= flagCheck
	}
	if r != nil && r.isChoiceValue() && r.choiceSym() == choice {
		r = choice
	}
	d.pop()
	return r
}

func (d *depChecker) checkDeps(s *Symbol) *Symbol {
	if s.flags&flagCheck != 0 {
		d.printRecursive(s)
		return s
	}
	if s.flags&flagChecked != 0 {
		return nil
	}
	switch {
	case s.isChoiceValue():
		d.push(s)
		r := d.checkDeps(s.choiceSym())
		d.pop()
		return r
	case s.isChoice():
		return d.choiceDeps(s)
	}
	s.flags |= flagCheck | flagChecked
	r := d.symDeps(s)
	s.flags &^= flagCheck
	return r
}
