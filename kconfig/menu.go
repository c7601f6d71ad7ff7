package kconfig

import "fmt"

// Menu is one node of the menu tree (struct menu): a config/menuconfig
// entry, menu, choice, comment or if block. After finalize, Dep holds the
// entry's complete dependency, parents included, and children hang off List
// as menu_finalize arranges them (if blocks flattened, automatic submenus
// below symbols that others depend on).
type Menu struct {
	Next, Parent, List *Menu
	Sym                *Symbol
	Prompt             *Property
	Visibility         *Expr
	Dep                *Expr
	Help               string
	hasHelp            bool
	File               string
	Line               int
	changed            bool
	// depNormal: Dep is the result of eliminateDups (finalize's first pass
	// set it and nothing changed it since).
	depNormal bool
	// members is a choice's member list in priority order, parseMembers
	// the same in parse order (Dialect.ChoiceMenus).
	members, parseMembers []*Symbol
}

func (c *Config) menuWarn(m *Menu, format string, a ...any) {
	c.errorf("%s:%d:warning: %s\n", m.File, m.Line, fmt.Sprintf(format, a...))
}

func (c *Config) propWarn(p *Property, format string, a ...any) {
	c.errorf("%s:%d:warning: %s\n", p.File, p.Line, fmt.Sprintf(format, a...))
}

// rewriteM is rewrite_m: a literal 'm' becomes 'm && MODULES' so that it is
// 'n' without module support.
func (c *Config) rewriteM(e *Expr) *Expr {
	if e == nil {
		return nil
	}
	switch e.Type {
	case ENot:
		e.Left = c.rewriteM(e.Left)
	case EOr, EAnd:
		e.Left = c.rewriteM(e.Left)
		e.Right = c.rewriteM(e.Right)
	case ESymbol:
		if e.LSym == c.symMod {
			return exprAnd(e, exprSym(c.modulesSym))
		}
	}
	return e
}

// addProp is menu_add_prop: the property is appended to the current entry's
// symbol, so a symbol defined in several places collects every property.
func (p *parser) addProp(t PropType, e, dep *Expr) *Property {
	prop := p.c.propSlab.alloc()
	*prop = Property{Type: t, Expr: e, Visible: dep, Menu: p.curEntry, File: p.file, Line: p.line}
	if s := p.curEntry.Sym; s != nil {
		s.props = append(s.props, prop)
	}
	return prop
}

// addPrompt is menu_add_prompt.
func (p *parser) addPrompt(t PropType, text string, dep *Expr) *Property {
	prop := p.addProp(t, nil, dep)
	if text != "" && isSpace(text[0]) {
		p.c.propWarn(prop, "leading whitespace ignored")
		for text != "" && isSpace(text[0]) {
			text = text[1:]
		}
	}
	if p.curEntry.Prompt != nil {
		p.c.propWarn(prop, "prompt redefined")
	}
	if t == PPrompt {
		for m := p.curEntry.Parent; m != nil; m = m.Parent {
			if m.Visibility != nil {
				prop.Visible = exprAnd(prop.Visible, m.Visibility.copy())
			}
		}
	}
	p.curEntry.Prompt = prop
	prop.Text = text
	prop.hasText = true
	return prop
}

// addEntry is menu_add_entry.
func (p *parser) addEntry(s *Symbol) {
	m := p.c.menuSlab.alloc()
	*m = Menu{Sym: s, Parent: p.curMenu, File: p.file, Line: p.line}
	*p.lastEntry = m
	p.lastEntry = &m.Next
	p.curEntry = m
	if s != nil {
		s.menus = append(s.menus, m)
		p.addProp(PSymbol, exprSym(s), nil)
	}
}

// addMenu is menu_add_menu: the current entry becomes the parent of what
// follows.
func (p *parser) addMenu() *Menu {
	p.lastEntry = &p.curEntry.List
	p.curMenu = p.curEntry
	return p.curMenu
}

// endMenu is menu_end_menu.
func (p *parser) endMenu() {
	p.lastEntry = &p.curMenu.Next
	p.curMenu = p.curMenu.Parent
}

// setType is menu_set_type.
func (c *Config) setType(m *Menu, t SymbolType) {
	s := m.Sym
	if s.Type == t {
		return
	}
	if s.Type == TypeUnknown {
		s.Type = t
		return
	}
	name := s.Name
	if s.isChoice() && name == "" {
		name = "<choice>"
	}
	c.menuWarn(m, "ignoring type redefinition of '%s' from '%s' to '%s'", name, s.Type, t)
}

func (c *Config) validateNumber(s, s2 *Symbol) bool {
	return s2.Type == TypeInt || s2.Type == TypeHex || (s2.Type == TypeUnknown && stringValid(s.Type, s2.Name))
}

// checkProps is sym_check_prop.
func (c *Config) checkProps(s *Symbol) {
	for _, p := range s.props {
		switch p.Type {
		case PDefault:
			if (s.Type == TypeString || s.Type == TypeInt || s.Type == TypeHex) && p.Expr.Type != ESymbol {
				c.propWarn(p, "default for config symbol '%s' must be a single symbol", s.Name)
			}
			if p.Expr.Type != ESymbol {
				break
			}
			s2 := p.symbol()
			if s.Type == TypeHex || s.Type == TypeInt {
				if !c.validateNumber(s, s2) {
					c.propWarn(p, "'%s': number is invalid", s.Name)
				}
			}
			if s.isChoice() && c.dialect.ChoiceMenus {
				if ch := choiceMenuOf(s2); ch == nil || ch.Sym != s {
					c.propWarn(p, "choice default symbol '%s' is not contained in the choice", s2.Name)
				}
			} else if s.isChoice() {
				cp := s2.choiceProp()
				if cp == nil || cp.symbol() != s {
					c.propWarn(p, "choice default symbol '%s' is not contained in the choice", s2.Name)
				}
			}
		case PSelect, PImply:
			use := "select"
			if p.Type == PImply {
				use = "imply"
			}
			s2 := p.symbol()
			if s.Type != TypeBool && s.Type != TypeTristate {
				c.propWarn(p, "config symbol '%s' uses %s, but is not bool or tristate", s.Name, use)
			} else if s2.Type != TypeUnknown && s2.Type != TypeBool && s2.Type != TypeTristate {
				c.propWarn(p, "'%s' has wrong type. '%s' only accept arguments of bool and tristate type", s2.Name, use)
			}
		case PRange:
			if s.Type != TypeInt && s.Type != TypeHex {
				c.propWarn(p, "range is only allowed for int or hex symbols")
			}
			if !c.validateNumber(s, p.Expr.LSym) || !c.validateNumber(s, p.Expr.RSym) {
				c.propWarn(p, "range is invalid")
			}
		}
	}
}

// finalize is menu_finalize: it propagates dependencies down the tree into
// every property's condition, builds select/imply reverse dependencies,
// creates automatic submenus, gives choice values their type and list, and
// flattens if blocks. Since 6.11 (Dialect.ChoiceMenus) a choice's entries
// depend on the choice's dependencies, not on the choice symbol, get no
// automatic submenus, and the choice no reverse dependency.
func (c *Config) finalize(parent *Menu) { c.finalize1(parent, false) }

func (c *Config) finalize1(parent *Menu, insideChoice bool) {
	s := parent.Sym
	menus := c.dialect.ChoiceMenus
	if parent.List != nil {
		var parentdep *Expr
		parentNormal := true // eliminateDups would return parentdep unchanged
		if s != nil && s.isChoice() && !menus {
			if s.Type == TypeUnknown {
				for m := parent.List; m != nil; m = m.Next {
					if m.Sym != nil && m.Sym.Type != TypeUnknown {
						c.setType(parent, m.Sym.Type)
						break
					}
				}
			}
			for m := parent.List; m != nil; m = m.Next {
				if m.Sym != nil && m.Sym.Type == TypeUnknown {
					c.setType(m, s.Type)
				}
			}
			parentdep = exprSym(s)
		} else {
			parentdep = parent.Dep
			parentNormal = parent.depNormal || parentdep == nil
		}
		// eliminateDups is idempotent (it stops at a pass that changes
		// nothing), so "x && <nothing>" needs only the copy of x when x is
		// already its result: most entries and properties add no dependency
		// of their own, and this skips most of the parse's simplification.
		for m := parent.List; m != nil; m = m.Next {
			basedep := c.rewriteM(m.Dep)
			basedep = c.transform(basedep)
			if basedep == nil && parentNormal {
				basedep = parentdep.copy()
			} else {
				basedep = exprAnd(parentdep.copy(), basedep)
				basedep = c.eliminateDups(basedep)
			}
			m.Dep, m.depNormal = basedep, true
			var props []*Property
			if m.Sym != nil {
				props = m.Sym.props
			} else if m.Prompt != nil {
				props = []*Property{m.Prompt}
			}
			for _, p := range props {
				if p.Menu != m {
					continue
				}
				dep := c.rewriteM(p.Visible)
				dep = c.transform(dep)
				if dep == nil {
					dep = basedep.copy()
				} else {
					dep = exprAnd(basedep.copy(), dep)
					dep = c.eliminateDups(dep)
				}
				p.Visible = dep
				switch p.Type {
				case PSelect:
					es := p.symbol()
					es.revDep = exprOr(es.revDep, exprAnd(exprSym(m.Sym), dep.copy()))
				case PImply:
					es := p.symbol()
					es.implied = exprOr(es.implied, exprAnd(exprSym(m.Sym), dep.copy()))
				}
			}
		}
		for m := parent.List; m != nil; m = m.Next {
			c.finalize1(m, s != nil && s.isChoice())
		}
	} else if s != nil && !(menus && insideChoice) {
		// Automatic submenu creation: consecutive entries that depend on
		// s (absolutely, or with a superset of s's dependencies) move
		// below it.
		var basedep *Expr
		if parent.Prompt != nil {
			basedep = parent.Prompt.Visible
		}
		basedep = c.transCompare(basedep, EUnequal, c.symNo)
		basedep = c.eliminateDups(c.transform(basedep))
		var last *Menu
		for m := parent.Next; m != nil; m = m.Next {
			dep := m.Dep
			if m.Prompt != nil {
				dep = m.Prompt.Visible
			}
			if !dep.containsSymbol(s) {
				break
			}
			if !c.dependsSymbol(dep, s) {
				dep = c.transCompare(dep, EUnequal, c.symNo)
				dep = c.eliminateDups(c.transform(dep))
				dep2 := basedep.copy()
				c.eliminateEq(&dep, &dep2)
				if !c.isYes(dep2) {
					break
				}
			}
			c.finalize1(m, false)
			m.Parent = parent
			last = m
		}
		if last != nil {
			parent.List = parent.Next
			parent.Next = last.Next
			last.Next = nil
		}
		s.dirDep = exprOr(s.dirDep, parent.Dep)
	}
	for m := parent.List; m != nil; m = m.Next {
		if s != nil && s.isChoice() && m.Sym != nil && !m.Sym.isChoiceValue() && !menus {
			m.Sym.flags |= flagChoiceVal
			if m.Prompt == nil {
				c.menuWarn(m, "choice value must have a prompt")
			}
			for _, p := range m.Sym.props {
				if p.Type == PDefault {
					c.propWarn(p, "defaults for choice values not supported")
				}
				if p.Menu == m {
					continue
				}
				if p.Type == PPrompt && p.Menu.Parent.Sym != s {
					c.propWarn(p, "choice value used outside its choice group")
				}
			}
			if s.Type == TypeTristate && m.Sym.Type != TypeTristate {
				basedep := exprComp(EEqual, s, c.symYes)
				m.Dep, m.depNormal = exprAnd(basedep, m.Dep), false
				for _, p := range m.Sym.props {
					if p.Menu != m {
						continue
					}
					p.Visible = exprAnd(basedep.copy(), p.Visible)
				}
			}
			// menu_add_symbol(P_CHOICE, sym, NULL) with current_entry = menu.
			m.Sym.props = append(m.Sym.props, &Property{Type: PChoice, Expr: exprSym(s), Menu: m, File: c.lastFile, Line: c.lastLine})
			cp := s.choiceProp()
			ep := &cp.Expr
			for *ep != nil {
				ep = &(*ep).Left
			}
			*ep = &Expr{Type: EList, RSym: m.Sym}
		}
		if m.List != nil && m.Prompt == nil {
			last := m.List
			for {
				last.Parent = parent
				if last.Next == nil {
					break
				}
				last = last.Next
			}
			last.Next = m.Next
			m.Next = m.List
			m.List = nil
		}
	}
	if s != nil && s.flags&flagWarned == 0 {
		if s.Type == TypeUnknown {
			c.menuWarn(parent, "config symbol defined without type")
		}
		if s.isChoice() && parent.Prompt == nil && !menus {
			c.menuWarn(parent, "choice must have a prompt")
		}
		c.checkProps(s)
		s.flags |= flagWarned
	}
	if s != nil && !s.isOptional() && parent.Prompt != nil && !menus {
		s.revDep = exprOr(s.revDep, exprAnd(parent.Prompt.Visible, exprSym(c.symMod)))
	}
}

// isVisible is menu_is_visible.
func (c *Config) isVisible(m *Menu) bool {
	if m.Prompt == nil {
		return false
	}
	if m.Visibility != nil && c.calc(m.Visibility) == No {
		return false
	}
	var visible Tristate
	if s := m.Sym; s != nil {
		c.calcValue(s)
		visible = m.Prompt.visTri
	} else {
		m.Prompt.visTri = c.calc(m.Prompt.Visible)
		visible = m.Prompt.visTri
	}
	if visible != No {
		return true
	}
	if m.Sym == nil || m.Sym.tristateValue() == No {
		return false
	}
	for ch := m.List; ch != nil; ch = ch.Next {
		if c.isVisible(ch) {
			m.Sym.flags |= flagDefUser
			return true
		}
	}
	return false
}

// promptText is menu_get_prompt.
func (m *Menu) promptText() string {
	if m.Prompt != nil {
		return m.Prompt.Text
	}
	if m.Sym != nil {
		return m.Sym.Name
	}
	return ""
}
