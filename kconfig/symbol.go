package kconfig

import (
	"fmt"
	"strconv"
	"strings"
)

// SymbolType is a symbol's declared type.
type SymbolType int

// Symbol types, as enum symbol_type in expr.h.
const (
	TypeUnknown SymbolType = iota
	TypeBool
	TypeTristate
	TypeInt
	TypeHex
	TypeString
)

// String is sym_type_name.
func (t SymbolType) String() string {
	switch t {
	case TypeBool:
		return "bool"
	case TypeTristate:
		return "tristate"
	case TypeInt:
		return "integer"
	case TypeHex:
		return "hex"
	case TypeString:
		return "string"
	case TypeUnknown:
		return "unknown"
	}
	return "???"
}

// Symbol flags, with expr.h's values.
const (
	flagConst             = 0x0001
	flagCheck             = 0x0008
	flagChoice            = 0x0010
	flagChoiceVal         = 0x0020
	flagValid             = 0x0080
	flagOptional          = 0x0100
	flagWrite             = 0x0200
	flagChanged           = 0x0400
	flagWritten           = 0x0800
	flagNoWrite           = 0x1000
	flagChecked           = 0x2000
	flagWarned            = 0x8000
	flagDef               = 0x10000
	flagDefUser           = 0x10000
	flagDefAuto           = 0x20000
	flagNeedSetChoiceVals = 0x100000
)

// Value slots of Symbol.def, as S_DEF_USER/S_DEF_AUTO.
const (
	defUser = 0
	defAuto = 1
	defMax  = 2
)

// symbolValue is struct symbol_value. C keeps one void* that is a string for
// int/hex/string symbols and the chosen symbol for a choice; Go keeps both.
type symbolValue struct {
	val    string
	valSym *Symbol
	hasVal bool // val != NULL in C
	tri    Tristate
}

// Symbol is one Kconfig symbol (struct symbol). Choices are symbols too, with
// an empty name unless the choice was named.
type Symbol struct {
	Name    string
	Type    SymbolType
	curr    symbolValue
	def     [defMax]symbolValue
	visible Tristate
	flags   int
	props   []*Property

	dirDep, revDep, implied *Expr
	dirTri, revTri, implTri Tristate

	menus  []*Menu // the entries defining s, in parse order (symbol::menus)
	choice *Menu   // Dialect.ChoiceMenus: sym_get_choice_menu, set after the parse
}

// PropType is the kind of a Property (enum prop_type).
type PropType int

// Property kinds.
const (
	PUnknown PropType = iota
	PPrompt
	PComment
	PMenu
	PDefault
	PChoice
	PSelect
	PImply
	PRange
	PSymbol
)

// String is prop_get_type_name.
func (t PropType) String() string {
	switch t {
	case PPrompt:
		return "prompt"
	case PComment:
		return "comment"
	case PMenu:
		return "menu"
	case PDefault:
		return "default"
	case PChoice:
		return "choice"
	case PSelect:
		return "select"
	case PImply:
		return "imply"
	case PRange:
		return "range"
	case PSymbol:
		return "symbol"
	}
	return "unknown"
}

// Property is one property of a symbol or menu entry (struct property):
// its Expr, its condition Visible (after menu_finalize: including every
// inherited dependency), and its position.
type Property struct {
	Type    PropType
	Text    string
	hasText bool // for_all_prompts: text != NULL, i.e. prompt, menu or comment
	Expr    *Expr
	Visible *Expr
	visTri  Tristate
	Menu    *Menu
	File    string
	Line    int
}

func (p *Property) symbol() *Symbol {
	if p.Expr != nil && (p.Expr.Type == ESymbol || p.Expr.Type == EList) {
		if p.Expr.Type == EList {
			return p.Expr.RSym
		}
		return p.Expr.LSym
	}
	return nil
}

func (s *Symbol) isChoice() bool      { return s.flags&flagChoice != 0 }
func (s *Symbol) isChoiceValue() bool { return s.flags&flagChoiceVal != 0 }
func (s *Symbol) isOptional() bool    { return s.flags&flagOptional != 0 }
func (s *Symbol) hasValue() bool      { return s.flags&flagDefUser != 0 }

// choiceProp is sym_get_choice_prop.
func (s *Symbol) choiceProp() *Property {
	for _, p := range s.props {
		if p.Type == PChoice {
			return p
		}
	}
	return nil
}

// choiceSym returns the choice a choice value belongs to.
func (s *Symbol) choiceSym() *Symbol { return s.choiceProp().symbol() }

// choiceMembers lists a choice's values in order.
func (s *Symbol) choiceMembers() []*Symbol {
	p := s.choiceProp()
	if p == nil {
		return nil
	}
	return listSyms(p.Expr)
}

// Config.buckets is the symbol hash table, Dialect.SymbolHashSize buckets:
// iteration over all symbols (for_all_symbols) walks them in order, newest
// symbol first within a bucket (6.1's prepended chain, 6.12's
// hlist_add_head), and that order is visible in auto.conf and autoconf.h.

// strhash is symbol.c's FNV-1 32-bit hash; C's char is signed on the
// kernel's build hosts, so bytes are sign-extended before the xor.
func strhash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(int32(int8(s[i])))) * 0x01000193
	}
	return h
}

// lookup is sym_lookup.
func (c *Config) lookup(name string, flags int, hasName bool) *Symbol {
	hash := 0
	if hasName {
		if len(name) == 1 {
			switch name[0] {
			case 'y':
				return c.symYes
			case 'm':
				return c.symMod
			case 'n':
				return c.symNo
			}
		}
		hash = int(strhash(name) % uint32(len(c.buckets)))
		b := c.buckets[hash]
		for i := len(b) - 1; i >= 0; i-- {
			s := b[i]
			if s.Name != name || (s.isChoice() && s.Name == "") {
				continue
			}
			if flags != 0 {
				if s.flags&flags != 0 {
					return s
				}
			} else if s.flags&(flagConst|flagChoice) == 0 {
				return s
			}
		}
	}
	s := c.symSlab.alloc()
	s.Name, s.flags = name, flags
	c.buckets[hash] = append(c.buckets[hash], s)
	return s
}

// Lookup returns the non-constant symbol called name (sym_find), or nil.
func (c *Config) Lookup(name string) *Symbol {
	if len(name) == 1 {
		switch name[0] {
		case 'y':
			return c.symYes
		case 'm':
			return c.symMod
		case 'n':
			return c.symNo
		}
	}
	b := c.buckets[strhash(name)%uint32(len(c.buckets))]
	for i := len(b) - 1; i >= 0; i-- {
		s := b[i]
		if s.Name == name && !(s.isChoice() && s.Name == "") && s.flags&flagConst == 0 {
			return s
		}
	}
	return nil
}

// allSymbols calls fn for every symbol in for_all_symbols order.
func (c *Config) allSymbols(fn func(*Symbol)) {
	for i := range c.buckets {
		b := c.buckets[i]
		for j := len(b) - 1; j >= 0; j-- {
			fn(b[j])
		}
	}
}

// symType is sym_get_type: tristates act as bools without modules and as
// visible-y choice values.
func (c *Config) symType(s *Symbol) SymbolType {
	t := s.Type
	if t == TypeTristate {
		if s.isChoiceValue() && s.visible == Yes {
			t = TypeBool
		} else if c.modulesVal == No {
			t = TypeBool
		}
	}
	return t
}

func (c *Config) defaultProp(s *Symbol) *Property {
	for _, p := range s.props {
		if p.Type != PDefault {
			continue
		}
		p.visTri = c.calc(p.Visible)
		if p.visTri != No {
			return p
		}
	}
	return nil
}

func (c *Config) rangeProp(s *Symbol) *Property {
	for _, p := range s.props {
		if p.Type != PRange {
			continue
		}
		p.visTri = c.calc(p.Visible)
		if p.visTri != No {
			return p
		}
	}
	return nil
}

func baseOf(t SymbolType, base int) int {
	switch t {
	case TypeInt:
		return 10
	case TypeHex:
		return 16
	}
	return base
}

func strtoll(s string, base int) int64 {
	v, _, _ := cStrtoll(s, base, false)
	return int64(v)
}

func (c *Config) rangeVal(s *Symbol, base int) int64 {
	c.calcValue(s)
	return strtoll(s.curr.val, baseOf(s.Type, base))
}

// validateRange is sym_validate_range.
func (c *Config) validateRange(s *Symbol) {
	var base int
	switch s.Type {
	case TypeInt:
		base = 10
	case TypeHex:
		base = 16
	default:
		return
	}
	p := c.rangeProp(s)
	if p == nil {
		return
	}
	val := strtoll(s.curr.val, base)
	rs := p.Expr.LSym
	if val >= c.rangeVal(rs, base) {
		rs = p.Expr.RSym
		if val <= c.rangeVal(rs, base) {
			return
		}
	}
	s.curr.val = rs.curr.val
	s.curr.hasVal = true
}

func (c *Config) setChanged(s *Symbol) {
	s.flags |= flagChanged
	for _, p := range s.props {
		if p.Menu != nil {
			p.Menu.changed = true
		}
	}
}

// calcVisibility is sym_calc_visibility.
func (c *Config) calcVisibility(s *Symbol) {
	tri := No
	var cs *Symbol
	if s.isChoiceValue() && !c.dialect.ChoiceMenus {
		cs = s.choiceSym()
	}
	for _, p := range s.props {
		if !p.hasText {
			continue
		}
		p.visTri = c.calc(p.Visible)
		if cs != nil && s.Type == TypeTristate && p.visTri == Mod && cs.curr.tri == Yes {
			p.visTri = No
		}
		tri = triOr(tri, p.visTri)
	}
	if tri == Mod && (s.Type != TypeTristate || c.modulesVal == No) {
		tri = Yes
	}
	if s.visible != tri {
		s.visible = tri
		c.setChanged(s)
	}
	if s.isChoiceValue() {
		return
	}
	tri = Yes
	if s.dirDep != nil {
		tri = c.calc(s.dirDep)
	}
	if tri == Mod && c.symType(s) == TypeBool {
		tri = Yes
	}
	if s.dirTri != tri {
		s.dirTri = tri
		c.setChanged(s)
	}
	tri = No
	if s.revDep != nil {
		tri = c.calc(s.revDep)
	}
	if tri == Mod && c.symType(s) == TypeBool {
		tri = Yes
	}
	if s.revTri != tri {
		s.revTri = tri
		c.setChanged(s)
	}
	tri = No
	if s.implied != nil {
		tri = c.calc(s.implied)
	}
	if tri == Mod && c.symType(s) == TypeBool {
		tri = Yes
	}
	if s.implTri != tri {
		s.implTri = tri
		c.setChanged(s)
	}
}

// choiceDefault is sym_choice_default.
func (c *Config) choiceDefault(s *Symbol) *Symbol {
	if ds := c.visibleChoiceDefault(s); ds != nil {
		return ds
	}
	for _, ds := range s.choiceMembers() {
		if ds.visible != No {
			return ds
		}
	}
	return nil
}

// visibleChoiceDefault is the first part of sym_choice_default: the
// symbol of the first default of choice cs whose condition holds, if that
// symbol is visible.
func (c *Config) visibleChoiceDefault(cs *Symbol) *Symbol {
	for _, p := range cs.props {
		if p.Type != PDefault {
			continue
		}
		p.visTri = c.calc(p.Visible)
		if p.visTri == No {
			continue
		}
		if ds := p.symbol(); ds.visible != No {
			return ds
		}
	}
	return nil
}

// calcChoice is sym_calc_choice.
func (c *Config) calcChoice(s *Symbol) *Symbol {
	flags := s.flags
	for _, ds := range s.choiceMembers() {
		c.calcVisibility(ds)
		if ds.visible != No {
			flags &= ds.flags
		}
	}
	s.flags &= flags | ^flagDefUser
	if ds := s.def[defUser].valSym; ds != nil && ds.visible != No {
		return ds
	}
	ds := c.choiceDefault(s)
	if ds == nil {
		s.curr.tri = No
	}
	return ds
}

// warnUnmetDep is sym_warn_unmet_dep.
func (c *Config) warnUnmetDep(s *Symbol) {
	var b strings.Builder
	fmt.Fprintf(&b, "\nWARNING: unmet direct dependencies detected for %s\n", s.Name)
	d := 'n'
	if s.dirTri == Mod {
		d = 'm'
	}
	fmt.Fprintf(&b, "  Depends on [%c]: ", d)
	c.gstrPrint(&b, s.dirDep)
	b.WriteString("\n")
	c.gstrPrintRevdep(&b, s.revDep, Yes, "  Selected by [y]:\n")
	c.gstrPrintRevdep(&b, s.revDep, Mod, "  Selected by [m]:\n")
	c.errorf("%s", b.String())
	c.symWarnings++
}

// calcValue is sym_calc_value, statement for statement. Since 6.11
// (Dialect.ChoiceMenus) a member's value comes from calcChoiceMenu, and a
// choice has no value of its own and is never written.
func (c *Config) calcValue(s *Symbol) {
	if s == nil || s.flags&flagValid != 0 {
		return
	}
	menus := c.dialect.ChoiceMenus
	if s.isChoiceValue() && s.flags&flagNeedSetChoiceVals != 0 {
		s.flags &^= flagNeedSetChoiceVals
		c.calcValue(s.choiceSym())
	}
	s.flags |= flagValid
	old := s.curr
	var newval symbolValue
	switch s.Type {
	case TypeInt:
		newval = c.symEmpty.curr
		newval.val = c.emptyNumber("0")
	case TypeHex:
		newval = c.symEmpty.curr
		newval.val = c.emptyNumber("0x0")
	case TypeString:
		newval = c.symEmpty.curr
	case TypeBool, TypeTristate:
		newval = c.symNo.curr
	default:
		s.curr.val = s.Name
		s.curr.hasVal = true
		s.curr.tri = No
		return
	}
	s.flags &^= flagWrite
	c.calcVisibility(s)
	if s.visible != No {
		s.flags |= flagWrite
	}
	s.curr = newval
	switch c.symType(s) {
	case TypeBool, TypeTristate:
		if ch := s.choice; menus && ch != nil {
			c.calcChoiceMenu(ch)
			newval.tri = s.curr.tri
		} else if s.isChoiceValue() && s.visible == Yes && !menus {
			if s.choiceSym().curr.valSym == s {
				newval.tri = Yes
			} else {
				newval.tri = No
			}
		} else {
			calc := true
			if s.visible != No && s.hasValue() {
				newval.tri = triAnd(s.def[defUser].tri, s.visible)
				calc = false
			}
			if calc {
				if s.revTri != No {
					s.flags |= flagWrite
				}
				if !s.isChoice() {
					if p := c.defaultProp(s); p != nil {
						newval.tri = triAnd(c.calc(p.Expr), p.visTri)
						if newval.tri != No {
							s.flags |= flagWrite
						}
					}
					if s.implTri != No {
						s.flags |= flagWrite
						newval.tri = triOr(newval.tri, s.implTri)
						newval.tri = triAnd(newval.tri, s.dirTri)
					}
				}
			}
			if s.dirTri < s.revTri {
				c.warnUnmetDep(s)
			}
			newval.tri = triOr(newval.tri, s.revTri)
		}
		if newval.tri == Mod && c.symType(s) == TypeBool {
			newval.tri = Yes
		}
	case TypeString, TypeHex, TypeInt:
		if s.visible != No && s.hasValue() {
			newval.val = s.def[defUser].val
			newval.hasVal = true
			break
		}
		if p := c.defaultProp(s); p != nil {
			if ds := p.symbol(); ds != nil {
				s.flags |= flagWrite
				c.calcValue(ds)
				newval.val = ds.curr.val
				newval.hasVal = true
			}
		}
	}
	s.curr = newval
	if s.isChoice() && newval.tri == Yes && !menus {
		s.curr.valSym = c.calcChoice(s)
	}
	c.validateRange(s)
	if old != s.curr {
		c.setChanged(s)
		if c.modulesSym == s {
			c.setAllChanged()
			c.modulesVal = c.modulesSym.curr.tri
		}
	}
	if menus {
		if s.isChoice() {
			s.flags &^= flagWrite
		}
		return
	}
	if s.isChoice() {
		for _, cs := range s.choiceMembers() {
			if s.flags&flagWrite != 0 && cs.visible != No {
				cs.flags |= flagWrite
			}
			if s.flags&flagChanged != 0 {
				c.setChanged(cs)
			}
		}
	}
	if s.flags&flagNoWrite != 0 {
		s.flags &^= flagWrite
	}
	if s.flags&flagNeedSetChoiceVals != 0 {
		c.setAllChoiceValues(s)
	}
}

func (c *Config) setAllChanged() { c.allSymbols(c.setChanged) }

// clearAllValid is sym_clear_all_valid.
func (c *Config) clearAllValid() {
	c.allSymbols(func(s *Symbol) { s.flags &^= flagValid })
	c.changed = true
	c.calcValue(c.modulesSym)
}

// setAllChoiceValues is set_all_choice_values (confdata.c).
func (c *Config) setAllChoiceValues(cs *Symbol) {
	for _, s := range cs.choiceMembers() {
		if !s.hasValue() {
			s.def[defUser].tri = No
		}
	}
	cs.flags |= flagDefUser
	cs.flags &^= flagValid | flagNeedSetChoiceVals
}

// tristateValue is sym_get_tristate_value.
func (s *Symbol) tristateValue() Tristate { return s.curr.tri }

// stringValue is sym_get_string_value.
func (c *Config) stringValue(s *Symbol) string {
	switch s.Type {
	case TypeBool, TypeTristate:
		return s.curr.tri.String()
	}
	return s.curr.val
}

// changeable is sym_is_changeable; since 6.11 (Dialect.ChoiceMenus) a
// choice itself never is.
func (c *Config) changeable(s *Symbol) bool {
	if c.dialect.ChoiceMenus && s.isChoice() {
		return false
	}
	return s.visible > s.revTri
}

// tristateWithinRange is sym_tristate_within_range.
func (c *Config) tristateWithinRange(s *Symbol, val Tristate) bool {
	t := c.symType(s)
	if s.visible == No {
		return false
	}
	if t != TypeBool && t != TypeTristate {
		return false
	}
	if t == TypeBool && val == Mod {
		return false
	}
	if s.visible <= s.revTri {
		return false
	}
	if s.isChoiceValue() && s.visible == Yes && !c.dialect.ChoiceMenus {
		return val == Yes
	}
	return val >= s.revTri && val <= s.visible
}

// stringValid is sym_string_valid.
func stringValid(t SymbolType, str string) bool {
	switch t {
	case TypeString:
		return true
	case TypeInt:
		i := 0
		if i < len(str) && str[i] == '-' {
			i++
		}
		if i >= len(str) || str[i] < '0' || str[i] > '9' {
			return false
		}
		if str[i] == '0' && i+1 < len(str) {
			return false
		}
		for _, ch := range []byte(str[i:]) {
			if ch < '0' || ch > '9' {
				return false
			}
		}
		return true
	case TypeHex:
		if len(str) >= 2 && str[0] == '0' && (str[1] == 'x' || str[1] == 'X') {
			str = str[2:]
		}
		if str == "" {
			return false
		}
		for _, ch := range []byte(str) {
			if !isXDigit(ch) {
				return false
			}
		}
		return true
	case TypeBool, TypeTristate:
		if str == "" {
			return false
		}
		switch str[0] {
		case 'y', 'Y', 'm', 'M', 'n', 'N':
			return true
		}
	}
	return false
}

// stringWithinRange is sym_string_within_range.
func (c *Config) stringWithinRange(s *Symbol, str string) bool {
	switch s.Type {
	case TypeString:
		return true
	case TypeInt, TypeHex:
		if !stringValid(s.Type, str) {
			return false
		}
		p := c.rangeProp(s)
		if p == nil {
			return true
		}
		base := 10
		if s.Type == TypeHex {
			base = 16
		}
		v := strtoll(str, base)
		return v >= c.rangeVal(p.Expr.LSym, base) && v <= c.rangeVal(p.Expr.RSym, base)
	case TypeBool, TypeTristate:
		if str == "" {
			return false
		}
		switch str[0] {
		case 'y', 'Y':
			return c.tristateWithinRange(s, Yes)
		case 'm', 'M':
			return c.tristateWithinRange(s, Mod)
		case 'n', 'N':
			return c.tristateWithinRange(s, No)
		}
	}
	return false
}

// stringDefault is sym_get_string_default.
func (c *Config) stringDefault(s *Symbol) string {
	c.calcVisibility(s)
	c.calcValue(c.modulesSym)
	val := No
	str := ""
	if p := c.defaultProp(s); p != nil {
		switch s.Type {
		case TypeBool, TypeTristate:
			val = triAnd(c.calc(p.Expr), p.visTri)
		default:
			if ds := p.symbol(); ds != nil {
				c.calcValue(ds)
				str = ds.curr.val
			}
		}
	}
	val = triOr(val, s.revTri)
	if val == Mod && !s.isChoiceValue() && c.modulesSym.curr.tri == No {
		val = Yes
	}
	if s.Type == TypeBool && val == Mod {
		val = Yes
	}
	if val < s.implTri {
		val = s.implTri
	}
	switch s.Type {
	case TypeBool, TypeTristate:
		return val.String()
	case TypeInt:
		if str == "" {
			str = c.emptyNumber("0")
		}
		return str
	case TypeHex:
		if str == "" {
			str = c.emptyNumber("0x0")
		}
		return str
	case TypeString:
		return str
	}
	return ""
}

// Value returns the symbol's current value as .config would spell it
// ("y", "m", "n", or the string/number), computing it if needed.
func (c *Config) Value(name string) (string, bool) {
	s := c.Lookup(name)
	if s == nil {
		return "", false
	}
	c.calcValue(s)
	return c.stringValue(s), true
}

func itoa(i int) string { return strconv.Itoa(i) }
