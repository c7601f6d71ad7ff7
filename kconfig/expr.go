package kconfig

import (
	"strconv"
	"strings"
)

// Tristate is a Kconfig tristate value. The numeric order matters: the C
// tools compute && as min, || as max and ! as 2-x (expr.h EXPR_AND/OR/NOT).
type Tristate int

// The three tristate values.
const (
	No Tristate = iota
	Mod
	Yes
)

// String returns "n", "m" or "y".
func (t Tristate) String() string {
	switch t {
	case Mod:
		return "m"
	case Yes:
		return "y"
	}
	return "n"
}

func triAnd(a, b Tristate) Tristate {
	if a < b {
		return a
	}
	return b
}

func triOr(a, b Tristate) Tristate {
	if a > b {
		return a
	}
	return b
}

func triNot(a Tristate) Tristate { return 2 - a }

// ExprType is the node kind of an Expr, in expr.h's order (expr_compare_type
// relies on that order for printing parentheses).
type ExprType int

// Expression node kinds, as enum expr_type in expr.h.
const (
	ENone ExprType = iota
	EOr
	EAnd
	ENot
	EEqual
	EUnequal
	ELth
	ELeq
	EGth
	EGeq
	EList
	ESymbol
	ERange
)

// Expr is one node of a Kconfig expression. As in expr.h, the meaning of the
// operands depends on Type: EAnd/EOr use Left and Right; ENot uses Left;
// ESymbol uses LSym; comparisons and ERange use LSym and RSym; EList (the
// member list of a choice) keeps the member in RSym and the rest of the list
// in Left.
type Expr struct {
	Type        ExprType
	Left, Right *Expr
	LSym, RSym  *Symbol
}

func exprSym(s *Symbol) *Expr { return &Expr{Type: ESymbol, LSym: s} }

func exprOne(t ExprType, e *Expr) *Expr { return &Expr{Type: t, Left: e} }

func exprTwo(t ExprType, a, b *Expr) *Expr { return &Expr{Type: t, Left: a, Right: b} }

func exprComp(t ExprType, a, b *Symbol) *Expr { return &Expr{Type: t, LSym: a, RSym: b} }

// exprAnd is expr_alloc_and: a nil operand means "y" and is dropped.
func exprAnd(a, b *Expr) *Expr {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	return exprTwo(EAnd, a, b)
}

// exprOr is expr_alloc_or.
func exprOr(a, b *Expr) *Expr {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	return exprTwo(EOr, a, b)
}

// copy is expr_copy: a deep copy of the expression tree (symbols shared).
//
// The nodes of the copy are allocated as one slice: menu finalization copies
// every dependency chain once per property, which on the real tree is a
// third of all allocations of Load, and one allocation per tree instead of
// per node is what keeps the garbage collector's share down.
func (e *Expr) copy() *Expr {
	if e == nil {
		return nil
	}
	n, _ := e.copyInto(make([]Expr, e.copyNodes()))
	return n
}

// copyNodes is the number of nodes copy makes.
func (e *Expr) copyNodes() int {
	if e == nil {
		return 0
	}
	switch e.Type {
	case ENot, EList:
		return 1 + e.Left.copyNodes()
	case EAnd, EOr:
		return 1 + e.Left.copyNodes() + e.Right.copyNodes()
	}
	return 1
}

// copyInto copies e into buf's first nodes and returns the rest of buf.
func (e *Expr) copyInto(buf []Expr) (*Expr, []Expr) {
	if e == nil {
		return nil, buf
	}
	n := &buf[0]
	*n = *e
	buf = buf[1:]
	switch e.Type {
	case ENot, EList:
		n.Left, buf = e.Left.copyInto(buf)
	case EAnd, EOr:
		n.Left, buf = e.Left.copyInto(buf)
		n.Right, buf = e.Right.copyInto(buf)
	}
	return n, buf
}

// listSyms returns the members of an EList chain in order
// (expr_list_for_each_sym).
func listSyms(e *Expr) []*Symbol {
	var out []*Symbol
	for ; e != nil && e.RSym != nil; e = e.Left {
		out = append(out, e.RSym)
	}
	return out
}

// containsSymbol is expr_contains_symbol.
func (e *Expr) containsSymbol(s *Symbol) bool {
	if e == nil {
		return false
	}
	switch e.Type {
	case EAnd, EOr:
		return e.Left.containsSymbol(s) || e.Right.containsSymbol(s)
	case ESymbol:
		return e.LSym == s
	case EEqual, EGeq, EGth, ELeq, ELth, EUnequal:
		return e.LSym == s || e.RSym == s
	case ENot:
		return e.Left.containsSymbol(s)
	}
	return false
}

// dependsSymbol is expr_depends_symbol: true when e cannot be true unless s
// is non-n.
func (c *Config) dependsSymbol(e *Expr, s *Symbol) bool {
	if e == nil {
		return false
	}
	switch e.Type {
	case EAnd:
		return c.dependsSymbol(e.Left, s) || c.dependsSymbol(e.Right, s)
	case ESymbol:
		return e.LSym == s
	case EEqual:
		return e.LSym == s && (e.RSym == c.symYes || e.RSym == c.symMod)
	case EUnequal:
		return e.LSym == s && e.RSym == c.symNo
	}
	return false
}

// isYes is expr_is_yes.
func (c *Config) isYes(e *Expr) bool {
	return e == nil || (e.Type == ESymbol && e.LSym == c.symYes)
}

// isNo is expr_is_no.
func (c *Config) isNo(e *Expr) bool {
	return e != nil && e.Type == ESymbol && e.LSym == c.symNo
}

// calc is expr_calc_value.
func (c *Config) calc(e *Expr) Tristate {
	if e == nil {
		return Yes
	}
	switch e.Type {
	case ESymbol:
		c.calcValue(e.LSym)
		return e.LSym.curr.tri
	case EAnd:
		a := c.calc(e.Left)
		b := c.calc(e.Right)
		return triAnd(a, b)
	case EOr:
		a := c.calc(e.Left)
		b := c.calc(e.Right)
		return triOr(a, b)
	case ENot:
		return triNot(c.calc(e.Left))
	case EEqual, EGeq, EGth, ELeq, ELth, EUnequal:
	default:
		return No
	}
	c.calcValue(e.LSym)
	c.calcValue(e.RSym)
	s1 := c.stringValue(e.LSym)
	s2 := c.stringValue(e.RSym)
	k1, k2 := kString, kString
	var l, r numVal
	if e.LSym.Type != TypeString || e.RSym.Type != TypeString {
		k1, l = parseStringValue(s1, e.LSym.Type)
		k2, r = parseStringValue(s2, e.RSym.Type)
	}
	var res int
	switch {
	case k1 == kString || k2 == kString:
		res = strings.Compare(s1, s2)
	case k1 == kUnsigned || k2 == kUnsigned:
		res = cmpU(l.u, r.u)
	default:
		res = cmpS(l.s, r.s)
	}
	ok := false
	switch e.Type {
	case EEqual:
		ok = res == 0
	case EGeq:
		ok = res >= 0
	case EGth:
		ok = res > 0
	case ELeq:
		ok = res <= 0
	case ELth:
		ok = res < 0
	case EUnequal:
		ok = res != 0
	}
	if ok {
		return Yes
	}
	return No
}

func cmpU(a, b uint64) int {
	switch {
	case a > b:
		return 1
	case a < b:
		return -1
	}
	return 0
}

func cmpS(a, b int64) int {
	switch {
	case a > b:
		return 1
	case a < b:
		return -1
	}
	return 0
}

type valueKind int

const (
	kString valueKind = iota
	kSigned
	kUnsigned
)

// numVal is expr.c's union string_value; the signed and unsigned views share
// the same bits as in C.
type numVal struct {
	s int64
	u uint64
}

// parseStringValue is expr_parse_string: strtoll/strtoull semantics, where
// the whole string must be consumed and end in a hex digit.
func parseStringValue(str string, t SymbolType) (valueKind, numVal) {
	var v numVal
	switch t {
	case TypeBool, TypeTristate:
		switch str {
		case "n":
			v.s = 0
		case "m":
			v.s = 1
		case "y":
			v.s = 2
		default:
			v.s = -1
		}
		v.u = uint64(v.s)
		return kSigned, v
	}
	base := 0
	kind := kSigned
	switch t {
	case TypeInt:
		base = 10
	case TypeHex:
		base = 16
		kind = kUnsigned
	}
	n, tail, ok := cStrtoll(str, base, kind == kUnsigned)
	v.s = int64(n)
	v.u = n
	if ok && tail == "" && len(tail) < len(str) && isXDigit(str[len(str)-1]) {
		return kind, v
	}
	return kString, v
}

func isXDigit(b byte) bool {
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r'
}

// cStrtoll mimics strtoll/strtoull: leading space, sign, optional 0x for base
// 16 or 0, longest digit prefix. It returns the value as bits, the unparsed
// tail, and false on overflow (errno ERANGE). With no digits the tail is the
// whole input.
func cStrtoll(str string, base int, unsigned bool) (uint64, string, bool) {
	i := 0
	for i < len(str) && isSpace(str[i]) {
		i++
	}
	neg := false
	if i < len(str) && (str[i] == '+' || str[i] == '-') {
		neg = str[i] == '-'
		i++
	}
	if (base == 0 || base == 16) && i+1 < len(str) && str[i] == '0' && (str[i+1] == 'x' || str[i+1] == 'X') &&
		i+2 < len(str) && isXDigit(str[i+2]) {
		i += 2
		base = 16
	} else if base == 0 {
		if i < len(str) && str[i] == '0' {
			base = 8
		} else {
			base = 10
		}
	}
	start := i
	for i < len(str) {
		d := digitVal(str[i])
		if d < 0 || d >= base {
			break
		}
		i++
	}
	if i == start {
		return 0, str, true
	}
	digits := str[start:i]
	ok := true
	var val uint64
	if unsigned {
		u, err := strconv.ParseUint(digits, base, 64)
		if err != nil {
			u, ok = ^uint64(0), false
		}
		val = u
		if neg {
			val = -val
		}
	} else {
		s, err := strconv.ParseInt(map[bool]string{true: "-", false: ""}[neg]+digits, base, 64)
		if err != nil {
			ok = false
			if neg {
				s = -1 << 63
			} else {
				s = 1<<63 - 1
			}
		}
		val = uint64(s)
	}
	return val, str[i:], ok
}

func digitVal(b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return int(b - '0')
	case b >= 'a' && b <= 'z':
		return int(b-'a') + 10
	case b >= 'A' && b <= 'Z':
		return int(b-'A') + 10
	}
	return -1
}

// compareType is expr_compare_type, including its fall-through chain: it
// decides where expr_print puts parentheses.
func compareType(t1, t2 ExprType) int {
	if t1 == t2 {
		return 0
	}
	switch t1 {
	case ELeq, ELth, EGeq, EGth:
		if t2 == EEqual || t2 == EUnequal {
			return 1
		}
		fallthrough
	case EEqual, EUnequal:
		if t2 == ENot {
			return 1
		}
		fallthrough
	case ENot:
		if t2 == EAnd {
			return 1
		}
		fallthrough
	case EAnd:
		if t2 == EOr {
			return 1
		}
		fallthrough
	case EOr:
		if t2 == EList {
			return 1
		}
		fallthrough
	case EList:
		if t2 == ENone {
			return 1
		}
	}
	return -1
}

// printExpr is expr_print; fn receives each token and the symbol it names.
func printExpr(e *Expr, fn func(s *Symbol, str string), prev ExprType) {
	if e == nil {
		fn(nil, "y")
		return
	}
	paren := compareType(prev, e.Type) > 0
	if paren {
		fn(nil, "(")
	}
	name := func(s *Symbol) {
		if s.Name != "" || !s.isChoice() {
			fn(s, s.Name)
		} else {
			fn(nil, "<choice>")
		}
	}
	switch e.Type {
	case ESymbol:
		name(e.LSym)
	case ENot:
		fn(nil, "!")
		printExpr(e.Left, fn, ENot)
	case EEqual, ELeq, ELth, EGeq, EGth, EUnequal:
		name(e.LSym)
		fn(nil, map[ExprType]string{EEqual: "=", ELeq: "<=", ELth: "<", EGeq: ">=", EGth: ">", EUnequal: "!="}[e.Type])
		fn(e.RSym, e.RSym.Name)
	case EOr:
		printExpr(e.Left, fn, EOr)
		fn(nil, " || ")
		printExpr(e.Right, fn, EOr)
	case EAnd:
		printExpr(e.Left, fn, EAnd)
		fn(nil, " && ")
		printExpr(e.Right, fn, EAnd)
	case EList:
		fn(e.RSym, e.RSym.Name)
		if e.Left != nil {
			fn(nil, " ^ ")
			printExpr(e.Left, fn, EList)
		}
	case ERange:
		fn(nil, "[")
		fn(e.LSym, e.LSym.Name)
		fn(nil, " ")
		fn(e.RSym, e.RSym.Name)
		fn(nil, "]")
	default:
		fn(nil, "<unknown type "+strconv.Itoa(int(e.Type))+">")
	}
	if paren {
		fn(nil, ")")
	}
}

// String prints the expression as expr_fprint does.
func (e *Expr) String() string {
	var b strings.Builder
	printExpr(e, func(_ *Symbol, s string) { b.WriteString(s) }, ENone)
	return b.String()
}

// gstrPrint is expr_gstr_print (no width limit): every named symbol of known
// type is followed by its current value, " [=y]".
func (c *Config) gstrPrint(b *strings.Builder, e *Expr) {
	printExpr(e, c.gstrHelper(b), ENone)
}

func (c *Config) gstrHelper(b *strings.Builder) func(*Symbol, string) {
	return func(s *Symbol, str string) {
		var ss string
		if s != nil {
			ss = c.stringValue(s)
		}
		b.WriteString(str)
		if s != nil && s.Type != TypeUnknown {
			b.WriteString(" [=" + ss + "]")
		}
	}
}

// gstrPrintRevdep is expr_gstr_print_revdep: one "  - " line per top-level
// || operand whose value equals want, under title.
func (c *Config) gstrPrintRevdep(b *strings.Builder, e *Expr, want Tristate, title string) {
	var walk func(e *Expr)
	walk = func(e *Expr) {
		if e.Type == EOr {
			walk(e.Left)
			walk(e.Right)
			return
		}
		if c.calc(e) == want {
			if title != "" {
				b.WriteString(title)
				title = ""
			}
			b.WriteString("  - ")
			printExpr(e, c.gstrHelper(b), ENone)
			b.WriteString("\n")
		}
	}
	if e != nil {
		walk(e)
	}
}
