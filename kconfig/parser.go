package kconfig

import (
	"errors"
	"fmt"
	"strings"
)

// This file is parser.y as a recursive-descent parser. Statements are
// line-based, so error recovery is bison's: report, skip to the end of the
// line, continue; any error fails the parse after the whole input was read.

type blockKind int

const (
	blockMenu blockKind = iota
	blockChoice
	blockIf
)

func (k blockKind) String() string {
	switch k {
	case blockMenu:
		return "menu"
	case blockChoice:
		return "choice"
	}
	return "if"
}

type block struct {
	kind     blockKind
	menu     *Menu
	inChoice bool // the statements allowed are stmt_list_in_choice
}

type parser struct {
	c         *Config
	lx        *lexer
	tok       token
	curMenu   *Menu
	curEntry  *Menu
	lastEntry **Menu
	blocks    []block
	curChoice *Menu  // current_choice (Dialect.ChoiceMenus): the choice whose members are being parsed
	file      string // position of the statement being parsed (current_pos)
	line      int
	nerrs     int
	errStatus int // bison's yyerrstatus: no "syntax error" until 3 tokens shift
	fatal     error
	aborted   bool // bison gave up at the end of input (abortAtEOF)
}

// errSyntax marks a statement that did not parse; the caller skips to EOL.
var errSyntax = errors.New("syntax error")

func (p *parser) advance() {
	if p.errStatus > 0 {
		p.errStatus--
	}
	p.tok = p.lx.next()
}

func (p *parser) errorf(format string, a ...any) {
	p.nerrs++
	p.c.errorf("%s:%d: %s\n", p.file, p.line, fmt.Sprintf(format, a...))
}

// lexErrorf is zconf_error called where bison has already read the next
// token, so current_pos is the lexer's.
func (p *parser) lexErrorf(format string, a ...any) {
	p.nerrs++
	p.c.errorf("%s:%d: %s\n", p.lx.stmtFile, p.lx.stmtLine, fmt.Sprintf(format, a...))
}

// mark records the position of the statement that starts at p.tok.
func (p *parser) mark() { p.file, p.line = p.lx.stmtFile, p.lx.stmtLine }

func (p *parser) printf(format string, a ...any) {
	p.c.errorf("%s:%d: %s\n", p.lx.stmtFile, p.lx.stmtLine, fmt.Sprintf(format, a...))
}

// yyerror prints bison's "syntax error"; 6.1's parser.y adds one to the
// statement's line, 6.12's does not (Dialect.SyntaxErrorStatementLine).
func (p *parser) yyerror() {
	p.nerrs++
	if p.errStatus > 0 {
		return
	}
	line := p.lx.stmtLine + 1
	if p.c.dialect.SyntaxErrorStatementLine {
		line = p.lx.stmtLine
	}
	p.c.errorf("%s:%d: syntax error\n", p.lx.stmtFile, line)
}

func (p *parser) expect(k tokKind) error {
	if p.tok.kind != k {
		return errSyntax
	}
	p.advance()
	return nil
}

// expectEOL consumes the end of a statement without reading past it, so
// that the lexer can switch state (help text, source) first.
func (p *parser) expectEOL() error {
	if p.tok.kind != tEOL {
		return errSyntax
	}
	return nil
}

// skipLine discards tokens up to the end of the line (bison discards the
// lookahead without counting it as shifted).
func (p *parser) skipLine() {
	for p.tok.kind != tEOL && p.tok.kind != tEOF {
		p.tok = p.lx.next()
	}
	p.errStatus = 3
}

// parse is conf_parse's yyparse.
func (p *parser) parse() {
	p.advance()
	if p.tok.kind == tMainMenu {
		p.mark()
		p.advance()
		if p.tok.kind == tWordQuote {
			text := p.tok.text
			p.advance()
			if p.expectEOL() == nil {
				p.addPrompt(PMenu, text, nil)
				p.advance()
			} else {
				p.recover(false)
			}
		} else {
			p.recover(false)
		}
	}
	for p.fatal == nil {
		if p.tok.kind == tEOF {
			if len(p.blocks) > 0 {
				p.yyerror()
				p.abortAtEOF()
			}
			return
		}
		p.statement()
		if p.aborted {
			return
		}
	}
}

func (p *parser) inChoice() bool {
	return len(p.blocks) > 0 && p.blocks[len(p.blocks)-1].inChoice
}

// recover is bison's error production: "syntax error", then
// "unknown statement" for a leading word outside choices, else
// "invalid statement"; input up to the end of the line is dropped.
//
// When the input ends before the line does (6.12's top-level file without
// a final newline, Dialect.TopLevelEOFNoEOL), bison's recovery reaches the
// end of input instead: it pops what is open, each block saying "missing
// end statement", and gives up.
func (p *parser) recover(wordStart bool, word ...string) {
	p.yyerror()
	p.skipLine()
	if p.tok.kind == tEOF {
		p.abortAtEOF()
		return
	}
	if wordStart && len(word) > 0 {
		p.lexErrorf("unknown statement \"%s\"", word[0])
	} else {
		p.lexErrorf("invalid statement")
	}
	if p.tok.kind == tEOL {
		p.advance()
	}
}

// abortAtEOF is bison giving up at the end of input: the destructors of
// the open blocks, innermost first.
func (p *parser) abortAtEOF() {
	for i := len(p.blocks) - 1; i >= 0; i-- {
		m := p.blocks[i].menu
		p.c.errorf("%s:%d: missing end statement for this entry\n", m.File, m.Line)
	}
	p.blocks = nil
	p.aborted = true
}

// statement parses one statement at the current nesting level.
func (p *parser) statement() {
	p.mark()
	choice := p.inChoice()
	var err error
	switch p.tok.kind {
	case tConfig:
		err = p.configStmt(false)
	case tMenuConfig:
		if choice {
			p.recover(false)
			return
		}
		err = p.configStmt(true)
	case tComment:
		err = p.commentStmt()
	case tIf:
		err = p.ifStmt(choice)
	case tEndMenu, tEndChoice, tEndIf:
		if len(p.blocks) == 0 {
			p.recover(false)
			return
		}
		err = p.endStmt()
	case tChoice:
		if choice {
			p.recover(false)
			return
		}
		err = p.choiceStmt()
	case tMenu:
		if choice {
			p.recover(false)
			return
		}
		err = p.menuStmt()
	case tSource:
		if choice {
			p.recover(false)
			return
		}
		err = p.sourceStmt()
	case tWord:
		if choice {
			p.recover(false)
			return
		}
		name := p.tok.text
		p.advance()
		var fl varFlavor
		switch p.tok.kind {
		case tEqual:
			fl = varRecursive
		case tColonEqual:
			fl = varSimple
		case tPlusEqual:
			fl = varAppend
		default:
			p.recover(true, name)
			return
		}
		p.advance()
		val := ""
		if p.tok.kind == tAssignVal {
			val = p.tok.text
			p.advance()
		}
		if p.expectEOL() != nil {
			p.recover(true, name)
			return
		}
		p.c.variableAdd(name, val, fl)
		p.advance()
		return
	default:
		p.recover(false)
		return
	}
	if err != nil {
		if p.fatal == nil {
			p.recover(false)
		}
	}
}

func (p *parser) symbol(nonconst bool) (*Symbol, error) {
	switch p.tok.kind {
	case tWord:
		s := p.c.lookup(p.tok.text, 0, true)
		p.advance()
		return s, nil
	case tWordQuote:
		if nonconst {
			return nil, errSyntax
		}
		s := p.c.lookup(p.tok.text, flagConst, true)
		p.advance()
		return s, nil
	}
	return nil, errSyntax
}

// expr parses with parser.y's precedence: || < && < comparisons < !.
func (p *parser) expr() (*Expr, error) {
	l, err := p.andExpr()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tOr {
		p.advance()
		r, err := p.andExpr()
		if err != nil {
			return nil, err
		}
		l = exprTwo(EOr, l, r)
	}
	return l, nil
}

func (p *parser) andExpr() (*Expr, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tAnd {
		p.advance()
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		l = exprTwo(EAnd, l, r)
	}
	return l, nil
}

func (p *parser) unary() (*Expr, error) {
	switch p.tok.kind {
	case tNot:
		p.advance()
		e, err := p.unary()
		if err != nil {
			return nil, err
		}
		return exprOne(ENot, e), nil
	case tOpenParen:
		p.advance()
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expect(tCloseParen); err != nil {
			return nil, err
		}
		return e, nil
	}
	s, err := p.symbol(false)
	if err != nil {
		return nil, err
	}
	ops := map[tokKind]ExprType{tLess: ELth, tLessEqual: ELeq, tGreater: EGth, tGreaterEqual: EGeq, tEqual: EEqual, tUnequal: EUnequal}
	if t, ok := ops[p.tok.kind]; ok {
		p.advance()
		s2, err := p.symbol(false)
		if err != nil {
			return nil, err
		}
		return exprComp(t, s, s2), nil
	}
	return exprSym(s), nil
}

func (p *parser) ifExpr() (*Expr, error) {
	if p.tok.kind != tIf {
		return nil, nil
	}
	p.advance()
	return p.expr()
}

// endLine finishes an option: EOL is required, then the next token is read.
func (p *parser) endLine() error {
	if err := p.expectEOL(); err != nil {
		return err
	}
	p.advance()
	return nil
}

func (p *parser) configStmt(menuconfig bool) error {
	p.advance()
	s, err := p.symbol(true)
	if err != nil {
		return err
	}
	if err := p.endLine(); err != nil {
		return err
	}
	s.flags |= flagOptional
	p.addEntry(s)
	if err := p.options(optsConfig); err != nil {
		return err
	}
	if ch := p.curChoice; ch != nil && !menuconfig {
		// 6.12's config_stmt: a choice member must be a bool with a
		// prompt, and joins the choice's member list once.
		m := p.curEntry
		if m.Prompt == nil {
			p.c.errorf("%s:%d: error: choice member must have a prompt\n", m.File, m.Line)
			p.nerrs++
		}
		if m.Sym.Type != TypeBool {
			p.c.errorf("%s:%d: error: choice member must be bool\n", m.File, m.Line)
			p.nerrs++
		}
		if !m.Sym.isChoiceValue() {
			m.Sym.flags |= flagChoiceVal
			ch.members = append(ch.members, m.Sym)
		}
	}
	if menuconfig {
		if p.curEntry.Prompt != nil {
			p.curEntry.Prompt.Type = PMenu
		} else {
			p.printf("warning: menuconfig statement without prompt")
		}
	}
	return nil
}

type optSet int

const (
	optsConfig optSet = iota
	optsChoice
	optsMenu
	optsComment
)

// options parses config_option_list / choice_option_list /
// menu_option_list / comment_option_list.
func (p *parser) options(set optSet) error {
	for {
		p.mark()
		k := p.tok.kind
		var err error
		switch {
		case k == tDepends:
			p.advance()
			if err = p.expect(tOn); err == nil {
				var e *Expr
				if e, err = p.expr(); err == nil {
					if err = p.endLine(); err == nil {
						p.curEntry.Dep = exprAnd(p.curEntry.Dep, e)
					}
				}
			}
		case k == tHelp && (set == optsConfig || set == optsChoice):
			p.advance()
			if err = p.expectEOL(); err == nil {
				t := p.lx.lexHelp()
				p.help(t.text)
				p.advance()
			}
		case k == tVisible && set == optsMenu:
			p.advance()
			var e *Expr
			if e, err = p.ifExpr(); err == nil {
				if err = p.endLine(); err == nil {
					p.curEntry.Visibility = exprAnd(p.curEntry.Visibility, e)
				}
			}
		case k == tBool && set == optsChoice && p.c.dialect.ChoiceMenus:
			// 6.12's choice_option: T_BOOL T_WORD_QUOTE if_expr T_EOL, a
			// prompt only (the choice is bool from the start).
			err = p.promptOption()
		case k == tTristate && set == optsChoice && p.c.dialect.ChoiceMenus:
			return nil
		case (k == tBool || k == tTristate) && (set == optsConfig || set == optsChoice),
			(k == tInt || k == tHex || k == tString) && set == optsConfig:
			t := map[tokKind]SymbolType{tBool: TypeBool, tTristate: TypeTristate, tInt: TypeInt, tHex: TypeHex, tString: TypeString}[k]
			p.advance()
			if p.tok.kind == tWordQuote {
				text := p.tok.text
				p.advance()
				var e *Expr
				if e, err = p.ifExpr(); err == nil {
					p.addPrompt(PPrompt, text, e)
				}
			}
			if err == nil {
				if err = p.endLine(); err == nil {
					p.c.setType(p.curEntry, t)
				}
			}
		case k == tPrompt && (set == optsConfig || set == optsChoice):
			err = p.promptOption()
		case (k == tDefault || k == tDefBool || k == tDefTristate) && set == optsConfig:
			t := map[tokKind]SymbolType{tDefault: TypeUnknown, tDefBool: TypeBool, tDefTristate: TypeTristate}[k]
			p.advance()
			var e, dep *Expr
			if e, err = p.expr(); err == nil {
				if dep, err = p.ifExpr(); err == nil {
					if err = p.endLine(); err == nil {
						p.addProp(PDefault, e, dep)
						if t != TypeUnknown {
							p.c.setType(p.curEntry, t)
						}
					}
				}
			}
		case k == tDefault && set == optsChoice:
			p.advance()
			var s *Symbol
			var dep *Expr
			if s, err = p.symbol(true); err == nil {
				if dep, err = p.ifExpr(); err == nil {
					if err = p.endLine(); err == nil {
						p.addProp(PDefault, exprSym(s), dep)
					}
				}
			}
		case (k == tSelect || k == tImply) && set == optsConfig:
			t := PSelect
			if k == tImply {
				t = PImply
			}
			p.advance()
			var s *Symbol
			var dep *Expr
			if s, err = p.symbol(true); err == nil {
				if dep, err = p.ifExpr(); err == nil {
					if err = p.endLine(); err == nil {
						p.addProp(t, exprSym(s), dep)
					}
				}
			}
		case k == tRange && set == optsConfig:
			p.advance()
			var a, b *Symbol
			var dep *Expr
			if a, err = p.symbol(false); err == nil {
				if b, err = p.symbol(false); err == nil {
					if dep, err = p.ifExpr(); err == nil {
						if err = p.endLine(); err == nil {
							p.addProp(PRange, exprComp(ERange, a, b), dep)
						}
					}
				}
			}
		case k == tModules && set == optsConfig:
			p.advance()
			if err = p.endLine(); err == nil {
				if p.c.modulesSym != nil {
					p.errorf("symbol '%s' redefines option 'modules' already defined by symbol '%s'", p.curEntry.Sym.Name, p.c.modulesSym.Name)
				}
				p.c.modulesSym = p.curEntry.Sym
			}
		case k == tOptional && set == optsChoice:
			p.advance()
			if err = p.endLine(); err == nil {
				p.curEntry.Sym.flags |= flagOptional
			}
		default:
			return nil
		}
		if err != nil {
			// The option list ends at the error; bison's recovery is
			// the statement-level "invalid statement".
			return err
		}
	}
}

// promptOption parses the rest of `prompt "text" [if expr]` (or 6.12's
// `bool "text" [if expr]` in a choice) after its keyword.
func (p *parser) promptOption() error {
	p.advance()
	if p.tok.kind != tWordQuote {
		return errSyntax
	}
	text := p.tok.text
	p.advance()
	e, err := p.ifExpr()
	if err == nil {
		if err = p.endLine(); err == nil {
			p.addPrompt(PPrompt, text, e)
		}
	}
	return err
}

func (p *parser) help(text string) {
	m := p.curEntry
	name := "<choice>"
	if m.Sym != nil && !(m.Sym.isChoice() && m.Sym.Name == "") {
		name = m.Sym.Name
	}
	if m.hasHelp {
		p.printf("warning: '%s' defined with more than one help text -- only the last one will be used", name)
	}
	if strings.TrimLeft(text, " \f\n\r\t\v") == "" {
		p.printf("warning: '%s' defined with blank help text", name)
	}
	m.Help = text
	m.hasHelp = true
}

func (p *parser) commentStmt() error {
	p.advance()
	if p.tok.kind != tWordQuote {
		return errSyntax
	}
	text := p.tok.text
	p.advance()
	if err := p.endLine(); err != nil {
		return err
	}
	p.addEntry(nil)
	p.addPrompt(PComment, text, nil)
	return p.options(optsComment)
}

func (p *parser) menuStmt() error {
	p.advance()
	if p.tok.kind != tWordQuote {
		return errSyntax
	}
	text := p.tok.text
	p.advance()
	if err := p.endLine(); err != nil {
		return err
	}
	p.addEntry(nil)
	p.addPrompt(PMenu, text, nil)
	err := p.options(optsMenu)
	p.blocks = append(p.blocks, block{kind: blockMenu, menu: p.addMenu()})
	return err
}

func (p *parser) ifStmt(inChoice bool) error {
	p.advance()
	e, err := p.expr()
	if err != nil {
		return err
	}
	if err := p.endLine(); err != nil {
		return err
	}
	p.addEntry(nil)
	p.curEntry.Dep = exprAnd(p.curEntry.Dep, e)
	p.blocks = append(p.blocks, block{kind: blockIf, menu: p.addMenu(), inChoice: inChoice})
	return nil
}

func (p *parser) choiceStmt() error {
	p.advance()
	if p.c.dialect.ChoiceMenus {
		return p.choiceStmtMenus()
	}
	name, named := "", false
	if p.tok.kind == tWord {
		name, named = p.tok.text, true
		p.advance()
	}
	if err := p.endLine(); err != nil {
		return err
	}
	s := p.c.lookup(name, flagChoice, named)
	s.flags |= flagNoWrite
	p.addEntry(s)
	p.addProp(PChoice, nil, nil)
	err := p.options(optsChoice)
	p.blocks = append(p.blocks, block{kind: blockChoice, menu: p.addMenu(), inChoice: true})
	return err
}

// choiceStmtMenus is 6.12's choice statement (Dialect.ChoiceMenus): no
// name, bool from the start, a prompt required, and the members listed as
// their config statements end.
func (p *parser) choiceStmtMenus() error {
	if err := p.endLine(); err != nil {
		return err
	}
	s := p.c.lookup("", flagChoice, false)
	p.addEntry(s)
	p.c.setType(p.curEntry, TypeBool)
	err := p.options(optsChoice)
	if m := p.curEntry; m.Prompt == nil {
		p.c.errorf("%s:%d: error: choice must have a prompt\n", m.File, m.Line)
		p.nerrs++
	}
	p.blocks = append(p.blocks, block{kind: blockChoice, menu: p.addMenu(), inChoice: true})
	p.curChoice = p.curMenu
	return err
}

// endStmt is zconf_endtoken plus menu_end_menu.
func (p *parser) endStmt() error {
	got := map[tokKind]blockKind{tEndMenu: blockMenu, tEndChoice: blockChoice, tEndIf: blockIf}[p.tok.kind]
	p.advance()
	if err := p.endLine(); err != nil {
		return err
	}
	// The grammar closes the block whatever the end keyword was; only a
	// matching one (in the same file) pops current_menu.
	b := p.blocks[len(p.blocks)-1]
	p.blocks = p.blocks[:len(p.blocks)-1]
	if b.kind == blockChoice {
		p.curChoice = nil // choice_end, whatever the end keyword
	}
	if got != b.kind {
		p.errorf("unexpected '%s' within %s block", got.String(), b.kind.String())
		return nil
	}
	if b.menu.File != p.file {
		p.errorf("'%s' in different file than '%s'", got.String(), b.kind.String())
		p.c.errorf("%s:%d: location of the '%s'\n", b.menu.File, b.menu.Line, b.kind.String())
		return nil
	}
	p.endMenu()
	return nil
}

func (p *parser) sourceStmt() error {
	p.advance()
	if p.tok.kind != tWordQuote {
		return errSyntax
	}
	name := p.tok.text
	p.advance()
	if err := p.expectEOL(); err != nil {
		return err
	}
	if err := p.lx.pushFile(name); err != nil {
		p.fatal = err
		return err
	}
	p.advance()
	return nil
}
