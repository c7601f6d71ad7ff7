package makelang

import (
	"fmt"
	"strings"
)

// ParseError is a syntax error at a position.
type ParseError struct {
	Pos Pos
	Msg string
}

// Error formats the error as make does: "file:line: *** msg.  Stop." is make's form for fatal errors; the
// parser's errors use the plain "file:line: msg" so callers can wrap them.
func (e *ParseError) Error() string { return e.Pos.String() + ": " + e.Msg }

// ParseErrors is the list of syntax errors of one file; the parser collects them instead of stopping at the
// first.
type ParseErrors []*ParseError

// Error joins the messages, one per line.
func (e ParseErrors) Error() string {
	var b strings.Builder
	for i, x := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(x.Error())
	}
	return b.String()
}

// Parse parses a makefile. Statements are classified as make's reader does (read.c), except that a rule
// line's split into targets and target-specific assignment is refined at evaluation. Expressions in every
// statement are parsed once here so that evaluating the file in many scopes parses nothing again.
func Parse(filename string, src []byte) (*File, error) {
	p := &parser{name: filename, lines: splitLines(string(src))}
	nodes := p.parseBlock(0)
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return &File{Name: filename, Nodes: nodes}, nil
}

// parser is the state of one Parse call.
type parser struct {
	name   string
	lines  []string
	i      int // next physical line
	inRule bool
	errs   ParseErrors
}

func splitLines(s string) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		if strings.HasSuffix(l, "\r") {
			lines[i] = l[:len(l)-1]
		}
	}
	return lines
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, &ParseError{Pos{p.name, line}, fmt.Sprintf(format, args...)})
}

// oddBackslashes reports whether s ends in an odd number of backslashes (a continuation).
func oddBackslashes(s string) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// logical reads the next logical line: physical lines joined at backslash-newlines, returned raw (with the
// backslash-newlines) and the line number where it starts.
func (p *parser) logical() (raw string, line int) {
	line = p.i + 1
	s := p.lines[p.i]
	p.i++
	if !oddBackslashes(s) {
		return s, line
	}
	var b strings.Builder
	b.WriteString(s)
	for oddBackslashes(s) && p.i < len(p.lines) {
		s = p.lines[p.i]
		p.i++
		b.WriteByte('\n')
		b.WriteString(s)
	}
	if oddBackslashes(s) {
		// A continuation on the file's last line joins with nothing (lib/zstd/Makefile ends so).
		b.WriteByte('\n')
	}
	return b.String(), line
}

// collapse turns backslash-newlines of a non-recipe line into single spaces, removing the blanks around
// them, as make does outside recipes.
func collapse(raw string) string {
	if !strings.Contains(raw, "\\\n") {
		return raw
	}
	var b strings.Builder
	parts := strings.Split(raw, "\n")
	for i, part := range parts {
		if i > 0 {
			part = strings.TrimLeft(part, " \t")
		}
		if i < len(parts)-1 {
			part = strings.TrimRight(part[:len(part)-1], " \t")
			b.WriteString(part)
			b.WriteByte(' ')
			continue
		}
		b.WriteString(part)
	}
	return b.String()
}

// collapseBody is collapse for a multi-line define body: only backslash-newlines (an odd run of
// backslashes before the newline) join lines, into one space with the blanks around them removed; the
// body's other newlines stay.
func collapseBody(body string) string {
	if !strings.Contains(body, "\\\n") {
		return body
	}
	var b strings.Builder
	i := 0
	for i < len(body) {
		c := body[i]
		if c == '\\' {
			j := i
			for j < len(body) && body[j] == '\\' {
				j++
			}
			if j < len(body) && body[j] == '\n' && (j-i)%2 == 1 {
				b.WriteString(body[i : j-1])
				out := strings.TrimRight(b.String(), " \t")
				b.Reset()
				b.WriteString(out)
				b.WriteByte(' ')
				i = j + 1
				for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
					i++
				}
				continue
			}
			b.WriteString(body[i:j])
			i = j
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// skipRef returns the index just past the variable reference starting at s[i] == '$'.
func skipRef(s string, i int) int {
	if i+1 >= len(s) {
		return i + 1
	}
	open := s[i+1]
	var close byte
	switch open {
	case '(':
		close = ')'
	case '{':
		close = '}'
	default:
		return i + 2
	}
	depth := 0
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(s)
}

// findUnquoted returns the index of the first byte of stops in s outside variable references and not
// escaped by a backslash, or -1.
func findUnquoted(s string, stops string) int {
	// Jump between the '$'s and stop bytes instead of testing every byte: .cmd files are mostly long
	// dependency lists with neither.
	next := -1 // the first stop byte at or after i, or len(s); -1: not known
	for i := 0; i < len(s); {
		if next < i {
			next = len(s)
			if k := strings.IndexAny(s[i:], stops); k >= 0 {
				next = i + k
			}
		}
		if d := strings.IndexByte(s[i:next], '$'); d >= 0 {
			i = skipRef(s, i+d)
			continue
		}
		if next == len(s) {
			return -1
		}
		i = next
		if s[i] == '#' && i > 0 && s[i-1] == '\\' {
			i++
			continue
		}
		return i
	}
	return -1
}

// stripComment cuts s at its first unescaped '#' outside variable references (make 4.3: a '#' inside a
// function call does not start a comment) and turns the remaining "\#" into "#".
func stripComment(s string) string {
	if i := findUnquoted(s, "#"); i >= 0 {
		s = s[:i]
	}
	if strings.Contains(s, "\\#") {
		s = strings.ReplaceAll(s, "\\#", "#")
	}
	return s
}

const blanks = " \t"

// firstWord splits s (leading blanks already removed) into its first word and the rest.
func firstWord(s string) (string, string) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeft(s[i:], blanks)
}

// startsWithOp reports whether s begins with an assignment operator, so that `export := x` assigns to a
// variable named "export" instead of being the directive.
func startsWithOp(s string) bool {
	for _, op := range []string{"=", ":=", "::=", "+=", "?=", "!="} {
		if strings.HasPrefix(s, op) {
			return true
		}
	}
	return false
}

// splitAssign recognises `NAME op value` as make's parse_variable_definition does: the name may contain
// variable references but no blanks; a ':' not starting ":=" / "::=" means the line is not an assignment.
func splitAssign(s string) (name string, op AssignOp, value string, ok bool) {
	sawBlank := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '$':
			if sawBlank {
				return "", 0, "", false
			}
			i = skipRef(s, i) - 1
			continue
		case c == ' ' || c == '\t':
			sawBlank = true
			continue
		case c == '=':
			return strings.TrimSpace(s[:i]), OpRecursive, strings.TrimLeft(s[i+1:], blanks), true
		case c == ':':
			if strings.HasPrefix(s[i:], ":=") {
				return strings.TrimSpace(s[:i]), OpSimple, strings.TrimLeft(s[i+2:], blanks), true
			}
			if strings.HasPrefix(s[i:], "::=") {
				return strings.TrimSpace(s[:i]), OpSimple, strings.TrimLeft(s[i+3:], blanks), true
			}
			return "", 0, "", false
		case (c == '+' || c == '?' || c == '!') && i+1 < len(s) && s[i+1] == '=':
			o := map[byte]AssignOp{'+': OpAppend, '?': OpCond, '!': OpShell}[c]
			return strings.TrimSpace(s[:i]), o, strings.TrimLeft(s[i+2:], blanks), true
		}
		if sawBlank {
			return "", 0, "", false
		}
	}
	return "", 0, "", false
}

// parseMods strips leading override/export/unexport/private words.
func parseMods(s string) (Modifiers, string, bool) {
	var m Modifiers
	any := false
	for {
		w, rest := firstWord(s)
		if rest == "" || startsWithOp(rest) {
			// A modifier word alone or followed by an operator is a name (or a bare export).
			return m, s, any
		}
		switch w {
		case "override":
			m.Override = true
		case "export":
			m.Export = true
		case "unexport":
			m.Unexport = true
		case "private":
			m.Private = true
		default:
			return m, s, any
		}
		any = true
		s = rest
	}
}

// parseBlock parses statements until EOF or, inside a conditional (depth > 0), until else/endif, which it
// leaves for the caller to consume.
func (p *parser) parseBlock(depth int) []Node {
	var nodes []Node
	for p.i < len(p.lines) {
		start := p.i
		raw, line := p.logical()
		pos := Pos{p.name, line}
		if strings.HasPrefix(raw, "\t") && p.inRule {
			nodes = append(nodes, p.recipe(pos, raw[1:]))
			continue
		}
		full := strings.TrimLeft(collapse(raw), blanks)
		text := strings.TrimRight(stripComment(full), blanks)
		if text == "" {
			continue
		}
		w, rest := firstWord(text)
		if startsWithOp(rest) {
			w = "" // a variable named like a directive
		}
		switch w {
		case "else", "endif":
			if depth == 0 {
				p.errorf(line, "extraneous '%s'", w)
				continue
			}
			p.i = start
			return nodes
		case "ifeq", "ifneq", "ifdef", "ifndef":
			nodes = append(nodes, p.cond(pos, w, rest, depth))
			continue
		case "endef":
			p.errorf(line, "extraneous 'endef'")
			continue
		}
		if strings.HasPrefix(text, "ifeq(") || strings.HasPrefix(text, "ifneq(") {
			k, r, _ := strings.Cut(text, "(")
			nodes = append(nodes, p.cond(pos, k, "("+r, depth))
			continue
		}
		if n := p.statement(pos, full, text, strings.TrimLeft(stripComment(full), blanks)); n != nil {
			nodes = append(nodes, n)
		}
	}
	if depth > 0 {
		p.errorf(len(p.lines), "missing 'endif'")
	}
	return nodes
}

// statement parses one non-recipe, non-conditional logical line. full still has its comment (a rule's
// recipe after ';' keeps '#'); text is comment-stripped and trimmed.
func (p *parser) statement(pos Pos, full, text, untrimmed string) Node {
	mods, body, hasMods := parseMods(text)
	_, abody, _ := parseMods(untrimmed)
	w, rest := firstWord(body)
	if startsWithOp(rest) {
		w = ""
	}
	switch w {
	case "define":
		p.inRule = false
		return p.define(pos, mods, rest)
	case "include", "-include", "sinclude":
		if !hasMods {
			p.inRule = false
			return &Include{Pos: pos, Optional: w != "include", Files: rest, files: p.expr(pos, rest)}
		}
	case "undefine":
		p.inRule = false
		return &Undefine{Pos: pos, Override: mods.Override, Name: rest, name: p.expr(pos, rest)}
	case "vpath":
		if !hasMods {
			p.inRule = false
			pat, dirs := firstWord(rest)
			return &Vpath{Pos: pos, Pattern: pat, Dirs: dirs, pattern: p.expr(pos, pat), dirs: p.expr(pos, dirs)}
		}
	}
	if name, op, value, ok := splitAssign(abody); ok {
		p.inRule = false
		return &Assign{Pos: pos, Mods: mods, Name: name, Op: op, Value: value,
			name: p.expr(pos, name), value: p.expr(pos, value)}
	}
	if hasMods && (mods.Export || mods.Unexport) && !mods.Override && !mods.Private {
		p.inRule = false
		return &Export{Pos: pos, Unexport: mods.Unexport, Names: body, names: p.expr(pos, body)}
	}
	if !hasMods && (text == "export" || text == "unexport") {
		p.inRule = false
		return &Export{Pos: pos, Unexport: text == "unexport", All: true}
	}
	if !hasMods {
		if w == "export" || w == "unexport" {
			p.inRule = false
			return &Export{Pos: pos, Unexport: w == "unexport", Names: rest, names: p.expr(pos, rest)}
		}
	}
	return p.rule(pos, full)
}

// rule parses a rule line (see Rule).
func (p *parser) rule(pos Pos, full string) Node {
	p.inRule = true
	r := &Rule{Pos: pos}
	line := full
	if i := findUnquoted(line, ";#"); i >= 0 {
		if line[i] == ';' {
			r.Recipe, r.HasRecipe = line[i+1:], true
			r.recipe = p.expr(pos, strings.TrimLeft(r.Recipe, blanks))
		}
		line = line[:i]
	}
	line = strings.ReplaceAll(line, "\\#", "#")
	c := findUnquoted(line, ":")
	if c < 0 {
		r.NoColon = true
		r.Targets = strings.TrimSpace(line)
		r.targets = p.expr(pos, r.Targets)
		return r
	}
	r.Targets = strings.TrimSpace(line[:c])
	rest := line[c+1:]
	if strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, ":=") {
		r.DoubleColon = true
		rest = rest[1:]
	}
	r.targets = p.expr(pos, r.Targets)
	r.Rest = rest
	// A target-specific assignment: `targets: [modifiers] VAR op value`. The ';' and '#' scan above may
	// have cut a value; redo it from the comment-stripped line.
	restFull := stripComment(full[c+1:])
	if r.DoubleColon {
		restFull = restFull[1:]
	}
	mods, body, _ := parseMods(strings.TrimLeft(restFull, blanks))
	if name, op, value, ok := splitAssign(body); ok && !strings.ContainsAny(name, " \t") {
		r.Assign = &Assign{Pos: pos, Mods: mods, Name: name, Op: op, Value: value,
			name: p.expr(pos, name), value: p.expr(pos, value)}
		r.Recipe, r.HasRecipe, r.recipe = "", false, nil
		p.inRule = false
		return r
	}
	r.rest = p.expr(pos, rest)
	return r
}

// recipe builds a Recipe node; continuation lines lose one leading tab.
func (p *parser) recipe(pos Pos, text string) *Recipe {
	if strings.Contains(text, "\\\n\t") {
		text = strings.ReplaceAll(text, "\\\n\t", "\\\n")
	}
	return &Recipe{Pos: pos, Text: text, text: p.expr(pos, text)}
}

// define reads a define body up to the matching endef, counting nested defines.
func (p *parser) define(pos Pos, mods Modifiers, rest string) Node {
	name := strings.TrimSpace(rest)
	op := OpRecursive
	for _, o := range []struct {
		s  string
		op AssignOp
	}{{"::=", OpSimple}, {":=", OpSimple}, {"+=", OpAppend}, {"?=", OpCond}, {"!=", OpShell}, {"=", OpRecursive}} {
		if strings.HasSuffix(name, o.s) {
			name, op = strings.TrimSpace(strings.TrimSuffix(name, o.s)), o.op
			break
		}
	}
	depth := 1
	var body []string
	for p.i < len(p.lines) {
		l := p.lines[p.i]
		p.i++
		t := strings.TrimLeft(l, blanks)
		w, _ := firstWord(stripComment(t))
		for _, m := range []string{"override ", "export ", "private "} {
			if strings.HasPrefix(t, m) {
				w, _ = firstWord(strings.TrimLeft(t[len(m):], blanks))
			}
		}
		switch {
		case w == "define":
			depth++
		case w == "endef" || strings.HasPrefix(w, "endef#"):
			depth--
		}
		if depth == 0 {
			// make collapses backslash-newlines of a define body as in any variable value (checked with
			// GNU make 4.3: Kbuild's sed-offsets reaches the shell as one line).
			value := collapseBody(strings.Join(body, "\n"))
			return &Define{Pos: pos, Mods: mods, Name: name, Op: op, Body: value,
				name: p.expr(pos, name), value: p.expr(pos, value)}
		}
		body = append(body, l)
	}
	p.errorf(pos.Line, "missing 'endef', unterminated 'define'")
	return nil
}

// cond parses a conditional and its branches.
func (p *parser) cond(pos Pos, kw, args string, depth int) Node {
	c := &Cond{Pos: pos}
	switch kw {
	case "ifeq":
		c.Kind = CondIfeq
	case "ifneq":
		c.Kind = CondIfneq
	case "ifdef":
		c.Kind = CondIfdef
	case "ifndef":
		c.Kind = CondIfndef
	}
	if c.Kind == CondIfdef || c.Kind == CondIfndef {
		c.A = strings.TrimSpace(args)
		c.a = p.expr(pos, c.A)
	} else {
		a, b, ok := splitCondArgs(args)
		if !ok {
			p.errorf(pos.Line, "invalid syntax in conditional")
		}
		c.A, c.B = a, b
		c.a, c.b = p.expr(pos, a), p.expr(pos, b)
	}
	c.Then = p.parseBlock(depth + 1)
	if p.i >= len(p.lines) {
		return c
	}
	// At else or endif.
	raw, line := p.logical()
	text := strings.TrimSpace(stripComment(collapse(raw)))
	w, rest := firstWord(text)
	if w == "else" {
		if rest != "" {
			kw2, args2 := firstWord(rest)
			if strings.HasPrefix(rest, "ifeq(") || strings.HasPrefix(rest, "ifneq(") {
				kw2, args2, _ = strings.Cut(rest, "(")
				args2 = "(" + args2
			}
			switch kw2 {
			case "ifeq", "ifneq", "ifdef", "ifndef":
				// The nested conditional consumes the shared endif.
				c.Else = []Node{p.cond(Pos{p.name, line}, kw2, args2, depth)}
				return c
			}
			p.errorf(line, "extraneous text after 'else' directive")
		}
		c.Else = p.parseBlock(depth + 1)
		if p.i >= len(p.lines) {
			return c
		}
		raw, line = p.logical()
		text = strings.TrimSpace(stripComment(collapse(raw)))
		w, _ = firstWord(text)
		if w != "endif" {
			p.errorf(line, "only one 'else' per conditional")
		}
	}
	return c
}

// splitCondArgs splits the arguments of ifeq/ifneq: "(a,b)", "a" "b", 'a' 'b' (mixed quotes allowed).
func splitCondArgs(s string) (string, string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", false
	}
	if s[0] == '(' {
		if !strings.HasSuffix(s, ")") {
			return "", "", false
		}
		inner := s[1 : len(s)-1]
		depth := 0
		for i := 0; i < len(inner); i++ {
			switch inner[i] {
			case '(':
				depth++
			case ')':
				depth--
			case '$':
				i = skipRef(inner, i) - 1
			case ',':
				if depth == 0 {
					// As make: blanks before the comma and after it go; the others stay.
					return strings.TrimRight(inner[:i], blanks), strings.TrimLeft(inner[i+1:], blanks), true
				}
			}
		}
		return "", "", false
	}
	q := s[0]
	if q != '"' && q != '\'' {
		return "", "", false
	}
	end := strings.IndexByte(s[1:], q)
	if end < 0 {
		return "", "", false
	}
	a := s[1 : 1+end]
	s = strings.TrimLeft(s[2+end:], blanks)
	if s == "" || (s[0] != '"' && s[0] != '\'') {
		return "", "", false
	}
	q = s[0]
	end = strings.IndexByte(s[1:], q)
	if end < 0 || strings.TrimSpace(s[2+end:]) != "" {
		return "", "", false
	}
	return a, s[1 : 1+end], true
}

// expr parses an expression, recording errors at pos.
func (p *parser) expr(pos Pos, s string) expr {
	e, err := parseExpr(s)
	if err != nil {
		p.errorf(pos.Line, "%v", err)
		return literal(s)
	}
	return e
}
