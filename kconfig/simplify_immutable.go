package kconfig

// This file is the rewriting half of 6.12's expr.c (Dialect.ExprImmutable).
// There expressions are hash-consed and never modified: every rewrite
// builds new nodes, and two rules changed with that. expr_eliminate_yn
// rebuilds nothing, so "a && (b || n)" keeps its "|| n" unless the node
// itself folds; and expr_eliminate_dups deduplicates the operands of each
// node bottom-up, then folds y and n every round, where 6.1 paired every
// leaf of the whole tree with every other and folded only after a change
// (so 6.12 drops the "&& y" a "depends on $(success,...)" leaves, and 6.1
// keeps it). The printed dependencies of help texts and warnings show
// both. Go's expressions are not hash-consed; these functions simply never
// write to a node they were given, so sharing subtrees is safe.

// eliminateEq1Imm is 6.12's __expr_eliminate_eq.
func (c *Config) eliminateEq1Imm(t ExprType, ep1, ep2 **Expr) {
	if (*ep1).Type == t {
		l, r := (*ep1).Left, (*ep1).Right
		c.eliminateEq1Imm(t, &l, ep2)
		c.eliminateEq1Imm(t, &r, ep2)
		*ep1 = exprTwo(t, l, r)
		return
	}
	if (*ep2).Type == t {
		l, r := (*ep2).Left, (*ep2).Right
		c.eliminateEq1Imm(t, ep1, &l)
		c.eliminateEq1Imm(t, ep1, &r)
		*ep2 = exprTwo(t, l, r)
		return
	}
	c.eliminateEqLeaves(t, ep1, ep2)
}

// eliminateEqLeaves is the leaf case of __expr_eliminate_eq, the same in
// both dialects: equal leaves become the identity of t.
func (c *Config) eliminateEqLeaves(t ExprType, ep1, ep2 **Expr) {
	e1, e2 := *ep1, *ep2
	if e1.Type == ESymbol && e2.Type == ESymbol && e1.LSym == e2.LSym && (e1.LSym == c.symYes || e1.LSym == c.symNo) {
		return
	}
	if !c.exprEq(e1, e2) {
		return
	}
	c.transCount++
	switch t {
	case EOr:
		*ep1, *ep2 = c.symE(c.symNo), c.symE(c.symNo)
	case EAnd:
		*ep1, *ep2 = c.symE(c.symYes), c.symE(c.symYes)
	}
}

// eliminateYNImm is 6.12's expr_eliminate_yn: a node folds when one of its
// simplified operands is y or n; otherwise the node is returned as it was.
func (c *Config) eliminateYNImm(e *Expr) *Expr {
	if e == nil || (e.Type != EAnd && e.Type != EOr) {
		return e
	}
	l, r := c.eliminateYNImm(e.Left), c.eliminateYNImm(e.Right)
	// absorb is the constant that decides the node (n for &&, y for ||),
	// keep the one that leaves the other operand.
	absorb, keep := c.symNo, c.symYes
	if e.Type == EOr {
		absorb, keep = keep, absorb
	}
	if l.Type == ESymbol {
		if l.LSym == absorb {
			return l
		} else if l.LSym == keep {
			return r
		}
	}
	if r.Type == ESymbol {
		if r.LSym == absorb {
			return r
		} else if r.LSym == keep {
			return l
		}
	}
	return e
}

// eliminateDups1Imm is 6.12's expr_eliminate_dups1.
func (c *Config) eliminateDups1Imm(t ExprType, ep1, ep2 **Expr) {
	if (*ep1).Type == t {
		l, r := (*ep1).Left, (*ep1).Right
		c.eliminateDups1Imm(t, &l, ep2)
		c.eliminateDups1Imm(t, &r, ep2)
		*ep1 = exprTwo(t, l, r)
		return
	}
	if (*ep2).Type == t {
		l, r := (*ep2).Left, (*ep2).Right
		c.eliminateDups1Imm(t, ep1, &l)
		c.eliminateDups1Imm(t, ep1, &r)
		*ep2 = exprTwo(t, l, r)
		return
	}
	c.joinLeaves(t, ep1, ep2)
}

// joinLeaves is the leaf case of expr_eliminate_dups1: two leaves that
// join become the identity of t and the joined expression.
func (c *Config) joinLeaves(t ExprType, ep1, ep2 **Expr) {
	switch t {
	case EOr:
		if tmp := c.joinOr(*ep1, *ep2); tmp != nil {
			*ep1 = exprSym(c.symNo)
			*ep2 = tmp
			c.transCount++
		}
	case EAnd:
		if tmp := c.joinAnd(*ep1, *ep2); tmp != nil {
			*ep1 = exprSym(c.symYes)
			*ep2 = tmp
			c.transCount++
		}
	}
}

// eliminateDupsImm is 6.12's expr_eliminate_dups.
func (c *Config) eliminateDupsImm(e *Expr) *Expr {
	if e == nil {
		return nil
	}
	old := c.transCount
	for {
		c.transCount = 0
		if e.Type == EOr || e.Type == EAnd {
			l, r := c.eliminateDupsImm(e.Left), c.eliminateDupsImm(e.Right)
			c.eliminateDups1Imm(e.Type, &l, &r)
			e = exprTwo(e.Type, l, r)
		}
		e = c.eliminateYNImm(e)
		if c.transCount == 0 {
			break
		}
	}
	c.transCount = old
	return e
}

// transformImm is 6.12's expr_transform. One rule is not followed: 6.12
// turns a bool "A!=y" into "!" of A's symbol read as an expression (a
// pointer confusion whose result is undefined); this gives "!A", as 6.1
// does. The reference trees have no such comparison.
func (c *Config) transformImm(e *Expr) *Expr {
	if e == nil {
		return nil
	}
	switch e.Type {
	case EEqual, EGeq, EGth, ELeq, ELth, EUnequal, ESymbol:
	default:
		e = exprTwo(e.Type, c.transformImm(e.Left), c.transformImm(e.Right))
	}
	switch e.Type {
	case EEqual, EUnequal:
		if e.LSym.Type == TypeBool {
			return c.transformBoolCompare(e)
		}
	case ENot:
		l := e.Left
		switch l.Type {
		case ENot:
			return l.Left
		case EEqual, EUnequal, ELeq, EGeq, ELth, EGth:
			return exprComp(negated[l.Type], l.LSym, l.RSym)
		case EOr:
			return c.transformImm(exprAnd(exprOne(ENot, l.Left), exprOne(ENot, l.Right)))
		case EAnd:
			return c.transformImm(exprOr(exprOne(ENot, l.Left), exprOne(ENot, l.Right)))
		case ESymbol:
			switch l.LSym {
			case c.symYes:
				return exprSym(c.symNo)
			case c.symMod:
				return exprSym(c.symMod)
			case c.symNo:
				return exprSym(c.symYes)
			}
		}
	}
	return e
}

// negated maps a comparison to its negation: !(A=B) is A!=B, !(A<=B) A>B...
var negated = map[ExprType]ExprType{
	EEqual: EUnequal, EUnequal: EEqual, ELeq: EGth, EGeq: ELth, ELth: EGeq, EGth: ELeq,
}

// transformBoolCompare is expr_transform's rules for a bool symbol
// compared with a constant: A=n is !A, A=m is n, A=y is A, A!=n is A, A!=m
// is y, A!=y is !A; the two about 'm' print a notice on stdout.
func (c *Config) transformBoolCompare(e *Expr) *Expr {
	s := e.LSym
	eq := e.Type == EEqual
	switch e.RSym {
	case c.symNo, c.symYes:
		if eq == (e.RSym == c.symYes) {
			return exprSym(s)
		}
		return exprOne(ENot, exprSym(s))
	case c.symMod:
		if eq {
			c.stdoutf("boolean symbol %s tested for 'm'? test forced to 'n'\n", s.Name)
			return exprSym(c.symNo)
		}
		c.stdoutf("boolean symbol %s tested for 'm'? test forced to 'y'\n", s.Name)
		return exprSym(c.symYes)
	}
	return e
}
