package kconfig

// This file is the rewriting half of expr.c: expr_eliminate_eq,
// expr_eq, expr_eliminate_yn, expr_join_or/and, expr_eliminate_dups,
// expr_transform and expr_trans_compare. menu_finalize uses them to build
// the menu tree (automatic submenus) and the dependency expressions that
// warnings print, so they are ported rule for rule, including the in-place
// rewrites (C's trans_count lives in Config.transCount).

func (c *Config) symE(s *Symbol) *Expr { return exprSym(s) }

// eliminateEq1 is __expr_eliminate_eq.
func (c *Config) eliminateEq1(t ExprType, ep1, ep2 **Expr) {
	e1, e2 := *ep1, *ep2
	if e1.Type == t {
		c.eliminateEq1(t, &e1.Left, ep2)
		c.eliminateEq1(t, &e1.Right, ep2)
		return
	}
	if e2.Type == t {
		c.eliminateEq1(t, ep1, &e2.Left)
		c.eliminateEq1(t, ep1, &e2.Right)
		return
	}
	c.eliminateEqLeaves(t, ep1, ep2)
}

// eliminateEq is expr_eliminate_eq: operands common to both are removed.
func (c *Config) eliminateEq(ep1, ep2 **Expr) {
	if *ep1 == nil || *ep2 == nil {
		return
	}
	eq1 := c.eliminateEq1
	if c.dialect.ExprImmutable {
		eq1 = c.eliminateEq1Imm
	}
	switch (*ep1).Type {
	case EOr, EAnd:
		eq1((*ep1).Type, ep1, ep2)
	}
	if (*ep1).Type != (*ep2).Type {
		switch (*ep2).Type {
		case EOr, EAnd:
			eq1((*ep2).Type, ep1, ep2)
		}
	}
	*ep1 = c.eliminateYN(*ep1)
	*ep2 = c.eliminateYN(*ep2)
}

// exprEq is expr_eq.
func (c *Config) exprEq(e1, e2 *Expr) bool {
	if e1 == nil || e2 == nil {
		return c.isYes(e1) && c.isYes(e2)
	}
	if e1.Type != e2.Type {
		return false
	}
	switch e1.Type {
	case EEqual, EGeq, EGth, ELeq, ELth, EUnequal:
		return e1.LSym == e2.LSym && e1.RSym == e2.RSym
	case ESymbol:
		return e1.LSym == e2.LSym
	case ENot:
		return c.exprEq(e1.Left, e2.Left)
	case EAnd, EOr:
		a, b := e1, e2
		if !c.dialect.ExprImmutable {
			a, b = e1.copy(), e2.copy()
		}
		old := c.transCount
		c.eliminateEq(&a, &b)
		res := a.Type == ESymbol && b.Type == ESymbol && a.LSym == b.LSym
		c.transCount = old
		return res
	}
	return false
}

// eliminateYN is expr_eliminate_yn: "e && n" to n, "e && y" to e, and
// the same for ||, in place.
func (c *Config) eliminateYN(e *Expr) *Expr {
	if c.dialect.ExprImmutable {
		return c.eliminateYNImm(e)
	}
	if e == nil {
		return nil
	}
	isSym := func(x *Expr, s *Symbol) bool { return x.Type == ESymbol && x.LSym == s }
	setConst := func(s *Symbol) *Expr {
		*e = Expr{Type: ESymbol, LSym: s}
		return e
	}
	switch e.Type {
	case EAnd:
		e.Left = c.eliminateYN(e.Left)
		e.Right = c.eliminateYN(e.Right)
		if e.Left.Type == ESymbol {
			if isSym(e.Left, c.symNo) {
				return setConst(c.symNo)
			} else if isSym(e.Left, c.symYes) {
				*e = *e.Right
				return e
			}
		}
		if e.Right.Type == ESymbol {
			if isSym(e.Right, c.symNo) {
				return setConst(c.symNo)
			} else if isSym(e.Right, c.symYes) {
				*e = *e.Left
				return e
			}
		}
	case EOr:
		e.Left = c.eliminateYN(e.Left)
		e.Right = c.eliminateYN(e.Right)
		if e.Left.Type == ESymbol {
			if isSym(e.Left, c.symNo) {
				*e = *e.Right
				return e
			} else if isSym(e.Left, c.symYes) {
				return setConst(c.symYes)
			}
		}
		if e.Right.Type == ESymbol {
			if isSym(e.Right, c.symNo) {
				*e = *e.Left
				return e
			} else if isSym(e.Right, c.symYes) {
				return setConst(c.symYes)
			}
		}
	}
	return e
}

func isLeafish(e *Expr) bool {
	return e.Type == EEqual || e.Type == EUnequal || e.Type == ESymbol || e.Type == ENot
}

// joinSyms extracts the symbols expr_join_or/and compare, or nil.
func joinSyms(e1, e2 *Expr) (*Symbol, *Symbol, bool) {
	if !isLeafish(e1) || !isLeafish(e2) {
		return nil, nil, false
	}
	var s1, s2 *Symbol
	if e1.Type == ENot {
		t := e1.Left
		if t.Type != EEqual && t.Type != EUnequal && t.Type != ESymbol {
			return nil, nil, false
		}
		s1 = t.LSym
	} else {
		s1 = e1.LSym
	}
	if e2.Type == ENot {
		if e2.Left.Type != ESymbol {
			return nil, nil, false
		}
		s2 = e2.Left.LSym
	} else {
		s2 = e2.LSym
	}
	if s1 != s2 || (s1.Type != TypeBool && s1.Type != TypeTristate) {
		return nil, nil, false
	}
	return s1, s2, true
}

// joinOr is expr_join_or: e1 || e2 as one expression, or nil.
func (c *Config) joinOr(e1, e2 *Expr) *Expr {
	if c.exprEq(e1, e2) {
		return e1.copy()
	}
	s1, _, ok := joinSyms(e1, e2)
	if !ok {
		return nil
	}
	y, m, n := c.symYes, c.symMod, c.symNo
	pair := func(a, b *Symbol) bool {
		return e1.Type == EEqual && e2.Type == EEqual &&
			((e1.RSym == a && e2.RSym == b) || (e1.RSym == b && e2.RSym == a))
	}
	if s1.Type == TypeTristate {
		switch {
		case pair(y, m):
			return exprComp(EUnequal, s1, n)
		case pair(y, n):
			return exprComp(EUnequal, s1, m)
		case pair(m, n):
			return exprComp(EUnequal, s1, y)
		}
	}
	if s1.Type == TypeBool {
		if (e1.Type == ENot && e1.Left.Type == ESymbol && e2.Type == ESymbol) ||
			(e2.Type == ENot && e2.Left.Type == ESymbol && e1.Type == ESymbol) {
			return exprSym(y)
		}
	}
	return nil
}

// joinAnd is expr_join_and.
func (c *Config) joinAnd(e1, e2 *Expr) *Expr {
	if c.exprEq(e1, e2) {
		return e1.copy()
	}
	s1, _, ok := joinSyms(e1, e2)
	if !ok {
		return nil
	}
	y, m, n := c.symYes, c.symMod, c.symNo
	symCmp := func(t ExprType, r *Symbol) bool {
		return (e1.Type == ESymbol && e2.Type == t && e2.RSym == r) || (e2.Type == ESymbol && e1.Type == t && e1.RSym == r)
	}
	if symCmp(EEqual, y) {
		return exprComp(EEqual, s1, y)
	}
	if symCmp(EUnequal, n) {
		return exprSym(s1)
	}
	if symCmp(EUnequal, m) {
		return exprComp(EEqual, s1, y)
	}
	if s1.Type == TypeTristate {
		if e1.Type == EEqual && e2.Type == EUnequal {
			s2 := e1.RSym
			if e2.RSym.flags&flagConst != 0 && s2.flags&flagConst != 0 {
				if s2 != e2.RSym {
					return exprComp(EEqual, s1, s2)
				}
				return exprSym(n)
			}
		}
		if e1.Type == EUnequal && e2.Type == EEqual {
			s2 := e2.RSym
			if e1.RSym.flags&flagConst != 0 && s2.flags&flagConst != 0 {
				if s2 != e1.RSym {
					return exprComp(EEqual, s1, s2)
				}
				return exprSym(n)
			}
		}
		uneq := func(a, b *Symbol) bool {
			return e1.Type == EUnequal && e2.Type == EUnequal &&
				((e1.RSym == a && e2.RSym == b) || (e1.RSym == b && e2.RSym == a))
		}
		switch {
		case uneq(y, n):
			return exprComp(EEqual, s1, m)
		case uneq(y, m):
			return exprComp(EEqual, s1, n)
		case uneq(m, n):
			return exprComp(EEqual, s1, y)
		}
	}
	return nil
}

// eliminateDups1 is expr_eliminate_dups1.
func (c *Config) eliminateDups1(t ExprType, ep1, ep2 **Expr) {
	e1, e2 := *ep1, *ep2
	if e1.Type == t {
		c.eliminateDups1(t, &e1.Left, ep2)
		c.eliminateDups1(t, &e1.Right, ep2)
		return
	}
	if e2.Type == t {
		c.eliminateDups1(t, ep1, &e2.Left)
		c.eliminateDups1(t, ep1, &e2.Right)
		return
	}
	if e1 == e2 {
		return
	}
	switch e1.Type {
	case EOr, EAnd:
		c.eliminateDups1(e1.Type, ep1, ep1)
	}
	c.joinLeaves(t, ep1, ep2)
}

// eliminateDups is expr_eliminate_dups.
func (c *Config) eliminateDups(e *Expr) *Expr {
	if c.dialect.ExprImmutable {
		return c.eliminateDupsImm(e)
	}
	if e == nil {
		return nil
	}
	old := c.transCount
	for {
		c.transCount = 0
		switch e.Type {
		case EOr, EAnd:
			c.eliminateDups1(e.Type, &e, &e)
		}
		if c.transCount == 0 {
			break
		}
		e = c.eliminateYN(e)
	}
	c.transCount = old
	return e
}

// transform is expr_transform. Its notices about bool symbols compared with
// 'm' go to stdout, as in C.
func (c *Config) transform(e *Expr) *Expr {
	if c.dialect.ExprImmutable {
		return c.transformImm(e)
	}
	if e == nil {
		return nil
	}
	switch e.Type {
	case EEqual, EGeq, EGth, ELeq, ELth, EUnequal, ESymbol, EList:
	default:
		e.Left = c.transform(e.Left)
		e.Right = c.transform(e.Right)
	}
	switch e.Type {
	case EEqual:
		if e.LSym.Type != TypeBool {
			break
		}
		switch e.RSym {
		case c.symNo:
			*e = Expr{Type: ENot, Left: exprSym(e.LSym)}
		case c.symMod:
			c.stdoutf("boolean symbol %s tested for 'm'? test forced to 'n'\n", e.LSym.Name)
			*e = Expr{Type: ESymbol, LSym: c.symNo}
		case c.symYes:
			*e = Expr{Type: ESymbol, LSym: e.LSym}
		}
	case EUnequal:
		if e.LSym.Type != TypeBool {
			break
		}
		switch e.RSym {
		case c.symNo:
			*e = Expr{Type: ESymbol, LSym: e.LSym}
		case c.symMod:
			c.stdoutf("boolean symbol %s tested for 'm'? test forced to 'y'\n", e.LSym.Name)
			*e = Expr{Type: ESymbol, LSym: c.symYes}
		case c.symYes:
			*e = Expr{Type: ENot, Left: exprSym(e.LSym)}
		}
	case ENot:
		l := e.Left
		switch l.Type {
		case ENot:
			e = c.transform(l.Left)
		case EEqual, EUnequal:
			e = l
			if e.Type == EEqual {
				e.Type = EUnequal
			} else {
				e.Type = EEqual
			}
		case ELeq, EGeq:
			e = l
			if e.Type == ELeq {
				e.Type = EGth
			} else {
				e.Type = ELth
			}
		case ELth, EGth:
			e = l
			if e.Type == ELth {
				e.Type = EGeq
			} else {
				e.Type = ELeq
			}
		case EOr, EAnd:
			// !(a || b) -> !a && !b; !(a && b) -> !a || !b
			if l.Type == EOr {
				e.Type = EAnd
			} else {
				e.Type = EOr
			}
			e.Right = exprOne(ENot, l.Right)
			e.Left = exprOne(ENot, l.Left)
			e = c.transform(e)
		case ESymbol:
			switch l.LSym {
			case c.symYes:
				e = exprSym(c.symNo)
			case c.symMod:
				e = exprSym(c.symMod)
			case c.symNo:
				e = exprSym(c.symYes)
			}
		}
	}
	return e
}

// transCompare is expr_trans_compare.
func (c *Config) transCompare(e *Expr, t ExprType, s *Symbol) *Expr {
	if e == nil {
		e = exprSym(s)
		if t == EUnequal {
			e = exprOne(ENot, e)
		}
		return e
	}
	switch e.Type {
	case EAnd, EOr:
		e1 := c.transCompare(e.Left, EEqual, s)
		e2 := c.transCompare(e.Right, EEqual, s)
		op := e.Type
		if s == c.symYes {
			e = exprTwo(op, e1, e2)
		}
		if s == c.symNo {
			if op == EAnd {
				op = EOr
			} else {
				op = EAnd
			}
			e = exprTwo(op, e1, e2)
		}
		if t == EUnequal {
			e = exprOne(ENot, e)
		}
		return e
	case ENot:
		nt := EEqual
		if t == EEqual {
			nt = EUnequal
		}
		return c.transCompare(e.Left, nt, s)
	case EUnequal, ELth, ELeq, EGth, EGeq, EEqual:
		if t == EEqual {
			switch s {
			case c.symYes:
				return e.copy()
			case c.symMod:
				return exprSym(c.symNo)
			case c.symNo:
				return exprOne(ENot, e.copy())
			}
		} else {
			switch s {
			case c.symYes:
				return exprOne(ENot, e.copy())
			case c.symMod:
				return exprSym(c.symYes)
			case c.symNo:
				return e.copy()
			}
		}
	case ESymbol:
		return exprComp(t, e.LSym, s)
	}
	return nil
}
