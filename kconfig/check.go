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

// cycle finds where the loop that ends at last starts on the stack: last,
// or choice when last is a member of one (pushed on the stack then, and
// pushed is true). It reports conf's "unexpected" error and returns -1 if
// the stack does not hold it.
func (d *depChecker) cycle(last, choice *Symbol) (start int, top *Symbol, pushed bool) {
	if choice != nil {
		d.push(last)
		pushed = true
		last = choice
	}
	for i := len(d.stack) - 1; i >= 0; i-- {
		if d.stack[i].sym == last {
			return i, last, pushed
		}
	}
	d.c.errorf("unexpected recursive dependency error\n")
	if pushed {
		d.pop()
	}
	return -1, last, false
}

// printRecursive is sym_check_print_recursive: 6.1's lines carry the file
// and line of each property, 6.12's (Dialect.RecursiveDepNoPositions) none
// but a choice block's.
func (d *depChecker) printRecursive(last *Symbol) {
	c := d.c
	short := c.dialect.RecursiveDepNoPositions
	var cs *Symbol
	if ch := c.choiceOf(last); ch != nil {
		cs = ch.Sym
	} else if last.isChoiceValue() && !c.dialect.ChoiceMenus {
		cs = last.choiceSym()
	}
	start, last, pushed := d.cycle(last, cs)
	if start < 0 {
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
		next := last
		if i+1 < len(d.stack) {
			next = d.stack[i+1].sym
		}
		if short {
			shortRecursiveLine(&b, f, next, last)
		} else {
			longRecursiveLine(&b, f, next, last, fallback)
		}
	}
	b.WriteString("For a resolution refer to Documentation/kbuild/kconfig-language.rst\n" +
		"subsection \"Kconfig recursive dependency limitations\"\n\n")
	c.errorf("%s", b.String())
	if pushed {
		d.pop()
	}
}

// longRecursiveLine is one line of 6.1's report, for frame f whose symbol
// leads to next.
func longRecursiveLine(b *strings.Builder, f *depFrame, next, last *Symbol, fallback *Property) {
	s := f.sym
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

// shortRecursiveLine is one line of 6.12's report. A choice's NULL name is
// "<choice>" where conf substitutes it and glibc's "(null)" where it does
// not.
func shortRecursiveLine(b *strings.Builder, f *depFrame, next, last *Symbol) {
	null := func(s *Symbol) string {
		if s.isChoice() && s.Name == "" {
			return "(null)"
		}
		return s.Name
	}
	s := f.sym
	typ := PUnknown
	if f.prop != nil {
		typ = f.prop.Type
	}
	if s == last {
		b.WriteString("error: recursive dependency detected!\n")
	}
	switch {
	case next.isChoice():
		file, line := "", 0
		if len(next.menus) > 0 {
			file, line = next.menus[0].File, next.menus[0].Line
		}
		b.WriteString("\tsymbol " + symName(s) + " is part of choice block at " + file + ":" + itoa(line) + "\n")
	case f.which == depDir:
		b.WriteString("\tsymbol " + symName(s) + " depends on " + null(next) + "\n")
	case f.which == depRev:
		b.WriteString("\tsymbol " + null(s) + " is selected by " + null(next) + "\n")
	case f.which == depImplied:
		b.WriteString("\tsymbol " + null(s) + " is implied by " + null(next) + "\n")
	case f.which == depPropExpr:
		b.WriteString("\tsymbol " + symName(s) + " " + typ.String() + " value contains " + null(next) + "\n")
	default:
		b.WriteString("\tsymbol " + symName(s) + " " + typ.String() + " is visible depending on " + null(next) + "\n")
	}
}

// choiceOf is the choice a member belongs to for the dependency checks: its
// choice menu since 6.11, nil before (6.1 goes by isChoiceValue).
func (c *Config) choiceOf(s *Symbol) *Menu {
	if !c.dialect.ChoiceMenus {
		return nil
	}
	return s.choice
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
	var members []*Symbol
	var chMenu *Menu
	if d.c.dialect.ChoiceMenus {
		// Every symbol of the choice's subtree, in menu order.
		chMenu = choice.menus[0]
		for m := menuNext(chMenu, chMenu); m != nil; m = menuNext(m, chMenu) {
			if m.Sym != nil {
				members = append(members, m.Sym)
			}
		}
	} else {
		members = choice.choiceMembers()
	}
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
	if chMenu != nil {
		if r != nil && r.choice == chMenu {
			r = choice
		}
	} else if r != nil && r.isChoiceValue() && r.choiceSym() == choice {
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
	switch ch := d.c.choiceOf(s); {
	case ch != nil:
		d.push(s)
		r := d.checkDeps(ch.Sym)
		d.pop()
		return r
	case s.isChoiceValue() && !d.c.dialect.ChoiceMenus:
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
