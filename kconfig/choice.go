package kconfig

import "strings"

// This file is the choice handling of Linux 6.11 and later
// (Dialect.ChoiceMenus): a choice is a bool menu entry whose symbol has no
// name, holding a list of its member symbols in priority order
// (menu::choice_members, most recent user input first). Members are plain
// bool symbols; which one is y is decided from that list by calcChoiceMenu,
// every time one of them is computed. 6.1's choices, symbols with a value of
// their own (a P_CHOICE property lists the members, curr.val is the chosen
// one), are in symbol.go.

// menuNext is menu_next: the entry after m in a depth-first walk of root's
// subtree, or nil at its end.
func menuNext(m, root *Menu) *Menu {
	if m.List != nil {
		return m.List
	}
	for m != root && m.Next == nil {
		m = m.Parent
	}
	if m == root {
		return nil
	}
	return m.Next
}

// choiceMenuOf is sym_get_choice_menu: the choice around the first entry of
// s that has a prompt, or nil.
func choiceMenuOf(s *Symbol) *Menu {
	var m *Menu
	for _, e := range s.menus {
		if e.Prompt != nil {
			m = e
			break
		}
	}
	if m == nil {
		return nil
	}
	for m = m.Parent; m != nil && m.Sym == nil; m = m.Parent {
	}
	if m != nil && m.Sym.isChoice() {
		return m
	}
	return nil
}

// setChoiceMenus records each symbol's choice (choiceMenuOf, which only
// depends on the finalized tree) and the parse order of every choice's
// members, which reset restores.
func (c *Config) setChoiceMenus() {
	c.allSymbols(func(s *Symbol) { s.choice = choiceMenuOf(s) })
	for m := c.root.List; m != nil; m = menuNext(m, &c.root) {
		if m.Sym != nil && m.Sym.isChoice() {
			m.parseMembers = append([]*Symbol(nil), m.members...)
		}
	}
}

// resetChoiceMembers puts every choice's member list back in parse order.
func (c *Config) resetChoiceMembers() {
	for m := c.root.List; m != nil; m = menuNext(m, &c.root) {
		if m.Sym != nil && m.Sym.isChoice() {
			m.members = append(m.members[:0], m.parseMembers...)
		}
	}
}

// moveMember is list_move (front, tail false) or list_move_tail (tail true)
// of s in ch's member list.
func moveMember(ch *Menu, s *Symbol, tail bool) {
	l := ch.members
	for i, x := range l {
		if x != s {
			continue
		}
		if tail {
			copy(l[i:], l[i+1:])
			l[len(l)-1] = s
		} else {
			copy(l[1:i+1], l[:i])
			l[0] = s
		}
		return
	}
}

// choiceDefaultMenu is 6.12's sym_choice_default: the first visible default
// of the choice whose symbol is visible, else its first visible member.
func (c *Config) choiceDefaultMenu(ch *Menu) *Symbol {
	if ds := c.visibleChoiceDefault(ch.Sym); ds != nil {
		return ds
	}
	for m := menuNext(ch, ch); m != nil; m = menuNext(m, ch) {
		if m.Sym != nil && m.Sym.visible != No {
			return m.Sym
		}
	}
	return nil
}

// calcChoiceMenu is sym_calc_choice: the chosen member is the first visible
// one in priority order the user set to y; else the default unless the user
// set it to n; else the first visible member the user did not set; else the
// least prioritized visible one. Every visible member gets its value, y for
// the chosen one, and is marked valid and written.
func (c *Config) calcChoiceMenu(ch *Menu) *Symbol {
	var res *Symbol
	for _, s := range ch.members {
		c.calcVisibility(s)
		if s.visible == No {
			continue
		}
		if s.hasValue() && s.def[defUser].tri == Yes {
			res = s
			break
		}
	}
	if res == nil {
		res = c.choiceDefaultMenu(ch)
		if res != nil && res.hasValue() && res.def[defUser].tri == No {
			res = nil
		}
	}
	if res == nil {
		for m := menuNext(ch, ch); m != nil; m = menuNext(m, ch) {
			if s := m.Sym; s != nil && s.visible != No && !s.hasValue() {
				res = s
				break
			}
		}
	}
	if res == nil {
		for i := len(ch.members) - 1; i >= 0; i-- {
			if s := ch.members[i]; s.visible != No {
				res = s
				break
			}
		}
	}
	for m := menuNext(ch, ch); m != nil; m = menuNext(m, ch) {
		s := m.Sym
		if s == nil || s.visible == No {
			continue
		}
		val := No
		if s == res {
			val = Yes
		}
		if s.curr.tri != val {
			c.setChanged(s)
		}
		s.curr.tri = val
		s.flags |= flagValid | flagWrite
	}
	return res
}

// choiceSetValue is choice_set_value: the user picked s; every visible
// member gets a user value (y for s) and moves to the front of the list, s
// last, so that s has the highest priority.
func (c *Config) choiceSetValue(ch *Menu, s *Symbol) {
	changed := false
	for m := menuNext(ch, ch); m != nil; m = menuNext(m, ch) {
		ms := m.Sym
		if ms == nil || ms.visible == No {
			continue
		}
		val := No
		if ms == s {
			val = Yes
		}
		if ms.curr.tri != val {
			changed = true
		}
		ms.def[defUser].tri = val
		ms.flags |= flagDefUser
		moveMember(ch, ms, false)
	}
	if changed {
		c.clearAllValid()
	}
}

// emptyNumber is the value of an int or hex symbol that has none:
// zero (Dialect.NumberDefaultZero) or the empty string.
func (c *Config) emptyNumber(zero string) string {
	if c.dialect.NumberDefaultZero {
		return zero
	}
	return ""
}

// setAllNewSymbolsMenus is 6.12's conf_set_all_new_symbols: the menu tree
// in order, every prompted bool or tristate without a value set for mode
// (rand() % 100 per symbol for randconfig, in menu order), choices only
// randomized.
func (c *Config) setAllNewSymbolsMenus(mode defMode, random bool, pby, pty, ptm int) {
	for m := c.root.List; m != nil; m = menuNext(m, &c.root) {
		s := m.Sym
		if s == nil || m.Prompt == nil || s.hasValue() || (s.Type != TypeBool && s.Type != TypeTristate) || s.isChoiceValue() {
			continue
		}
		if s.isChoice() {
			if random {
				c.randomizeChoiceMenu(m)
			}
			continue
		}
		var val Tristate
		switch {
		case random:
			val = No
			cnt := c.rand.Int() % 100
			if s.Type == TypeTristate {
				if cnt < pty {
					val = Yes
				} else if cnt < pty+ptm {
					val = Mod
				}
			} else if cnt < pby {
				val = Yes
			}
		case mode == defYes:
			val = Yes
		case mode == defMod:
			val = Mod
		case mode == defNo:
			val = No
		default:
			continue
		}
		s.def[defUser].tri = val
		s.flags |= flagDefUser
	}
	c.clearAllValid()
}

// randomizeChoiceMenu is 6.12's randomize_choice_values: the members
// without a value (those KCONFIG_ALLCONFIG did not set) are set to y one at
// a time in random order, each moved to the tail of the priority list, so
// the first picked that is visible wins.
func (c *Config) randomizeChoiceMenu(ch *Menu) {
	cnt := 0
	for m := menuNext(ch, ch); m != nil; m = menuNext(m, ch) {
		if m.Sym != nil && !m.Sym.hasValue() {
			cnt++
		}
	}
	for ; cnt > 0; cnt-- {
		x := c.rand.Int() % cnt
		for m := menuNext(ch, ch); m != nil; m = menuNext(m, ch) {
			s := m.Sym
			if s != nil && !s.hasValue() {
				x--
			}
			if x < 0 {
				s.def[defUser].tri = Yes
				s.flags |= flagDefUser
				moveMember(ch, s, true)
				break
			}
		}
	}
}

// choiceSane is parser.y's choice_check_sanity for the member entry m: no
// defaults, no prompt outside the choice.
func (c *Config) choiceSane(m *Menu) bool {
	ok := true
	for _, p := range m.Sym.props {
		if p.Type == PDefault {
			c.errorf("%s:%d: error: defaults for choice values not supported\n", p.File, p.Line)
			ok = false
		}
		if p.Menu != m && p.Type == PPrompt && p.Menu.Parent != m.Parent {
			c.errorf("%s:%d: error: choice value has a prompt outside its choice group\n", p.File, p.Line)
			ok = false
		}
	}
	return ok
}

// parseLineStripped is 6.12's parse of one line of a .config-style file,
// its newline (and a carriage return before it) stripped: blank lines and
// comments other than "# CONFIG_X is not set" are skipped, anything else
// not "CONFIG_X=value" is warned about.
func (c *Config) parseLineStripped(line string) (name, val string, ok bool) {
	if i := strings.IndexByte(line, 0); i >= 0 {
		line = line[:i]
	}
	if line == "" {
		return "", "", false
	}
	if line[0] == '#' {
		if len(line) < 2 || line[1] != ' ' {
			return "", "", false
		}
		rest, found := strings.CutPrefix(line[2:], configPrefix)
		if !found {
			return "", "", false
		}
		name, tail, found := strings.Cut(rest, " ")
		if !found || tail != "is not set" {
			return "", "", false
		}
		return name, "n", true
	}
	rest, found := strings.CutPrefix(line, configPrefix)
	if !found {
		c.confWarning("unexpected data: %s", line)
		return "", "", false
	}
	name, val, found = strings.Cut(rest, "=")
	if !found {
		c.confWarning("unexpected data: %s", line)
		return "", "", false
	}
	return name, val, true
}
