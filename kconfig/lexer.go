package kconfig

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unsafe"
)

// This file is lexer.l: a hand-written scanner with the same states
// (INITIAL, STRING, ASSIGN_VAL, HELP) and the same longest-match decisions,
// plus the second-stage yylex that drops blank lines, records where each
// statement starts, and switches to ASSIGN_VAL after "WORD =".

type tokKind int

const (
	tEOF tokKind = iota
	tEOL
	tHelpText
	tWord
	tWordQuote
	tAssignVal
	tBool
	tChoice
	tComment
	tConfig
	tDefBool
	tDefTristate
	tDefault
	tDepends
	tEndChoice
	tEndIf
	tEndMenu
	tHelp
	tHex
	tIf
	tImply
	tInt
	tMainMenu
	tMenu
	tMenuConfig
	tModules
	tOn
	tOptional
	tPrompt
	tRange
	tSelect
	tSource
	tString
	tTristate
	tVisible
	tOr
	tAnd
	tEqual
	tUnequal
	tLess
	tLessEqual
	tGreater
	tGreaterEqual
	tNot
	tOpenParen
	tCloseParen
	tColonEqual
	tPlusEqual
)

// keyword maps a word to its keyword token, or tWord.
func keyword(w string) tokKind {
	switch w {
	case "bool":
		return tBool
	case "choice":
		return tChoice
	case "comment":
		return tComment
	case "config":
		return tConfig
	case "def_bool":
		return tDefBool
	case "def_tristate":
		return tDefTristate
	case "default":
		return tDefault
	case "depends":
		return tDepends
	case "endchoice":
		return tEndChoice
	case "endif":
		return tEndIf
	case "endmenu":
		return tEndMenu
	case "help":
		return tHelp
	case "hex":
		return tHex
	case "if":
		return tIf
	case "imply":
		return tImply
	case "int":
		return tInt
	case "mainmenu":
		return tMainMenu
	case "menu":
		return tMenu
	case "menuconfig":
		return tMenuConfig
	case "modules":
		return tModules
	case "on":
		return tOn
	case "optional":
		return tOptional
	case "prompt":
		return tPrompt
	case "range":
		return tRange
	case "select":
		return tSelect
	case "source":
		return tSource
	case "string":
		return tString
	case "tristate":
		return tTristate
	case "visible":
		return tVisible
	}
	return tWord
}

type token struct {
	kind tokKind
	text string
}

// srcFile is one open Kconfig file (struct buffer + struct file).
type srcFile struct {
	name       string
	data       string
	pos        int
	line       int
	parentLine int  // yylineno of the parent when this file was entered
	blocked    bool // the last prefetch pass met a command with unknown text
	// chain names the files this one was sourced from, outermost first, including one that ended
	// before its source statement did (see pushFile).
	chain []string
}

type lexer struct {
	c        *Config
	files    []*srcFile
	popped   *srcFile // the file last left at its end
	assign   bool     // ASSIGN_VAL state
	prev     tokKind
	prevPrev tokKind
	stmtFile string
	stmtLine int
	done     bool
	dry      bool // a prefetch pass: no warnings, no end-of-file record
	helpBuf  []byte
}

func (l *lexer) cur() *srcFile {
	if len(l.files) == 0 {
		return nil
	}
	return l.files[len(l.files)-1]
}

// curName and curLine are current_file->name and yylineno, which the macro
// functions and pperror report.
func (l *lexer) curName() string {
	if f := l.cur(); f != nil {
		return f.name
	}
	return "<none>"
}

func (l *lexer) curLine() int {
	if f := l.cur(); f != nil {
		return f.line
	}
	return 0
}

// open is zconf_fopen: the name as given (relative to the object tree, conf's
// working directory), then $srctree/name.
func (c *Config) open(name string) (string, error) {
	if r := c.reads[name]; r != nil {
		delete(c.reads, name)
		<-r.done
		return r.data, r.err
	}
	return c.readKconfig(c.openPaths(name))
}

// openPaths is where open looks for name: as given, then under srctree.
func (c *Config) openPaths(name string) (string, string) {
	alt := ""
	if !filepath.IsAbs(name) {
		if st, ok := c.getenv("srctree"); ok {
			alt = c.objPath(st + "/" + name)
		}
	}
	return c.objPath(name), alt
}

// readKconfig reads the first of path and alt ("" for none) that can be
// read, and returns the error of path if neither can.
func (c *Config) readKconfig(path, alt string) (string, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return bytesToString(b), nil
	}
	if alt != "" {
		if b, err2 := os.ReadFile(alt); err2 == nil {
			return bytesToString(b), nil
		}
	}
	return "", err
}

// fileRead is a Kconfig file read ahead of the parse.
type fileRead struct {
	done chan struct{}
	data string
	err  error
}

// readAhead starts reading, in one goroutine, the files that data's
// source statements with a literal path name, so that the parse finds them
// in memory (~1600 files on the real tree). A name met in a comment or help
// text is only read for nothing; open still decides, in parse order, what
// is opened and what an error is.
func (c *Config) readAhead(data string) {
	if c.pf == nil {
		return
	}
	type job struct {
		r         *fileRead
		path, alt string
	}
	var jobs []job
	for rest := data; ; {
		i := strings.Index(rest, "source \"")
		if i < 0 {
			break
		}
		rest = rest[i+len("source \""):]
		j := strings.IndexAny(rest, "\"\n$\\")
		if j <= 0 || rest[j] != '"' {
			continue
		}
		name := rest[:j]
		if _, ok := c.reads[name]; ok || c.fileSet[name] {
			continue
		}
		if c.reads == nil {
			c.reads = map[string]*fileRead{}
		}
		r := &fileRead{done: make(chan struct{})}
		c.reads[name] = r
		p, alt := c.openPaths(name)
		jobs = append(jobs, job{r, p, alt})
	}
	if len(jobs) == 0 {
		return
	}
	go func() {
		for _, j := range jobs {
			j.r.data, j.r.err = c.readKconfig(j.path, j.alt)
			close(j.r.done)
		}
	}()
}

// bytesToString returns b as a string without copying it (2 MB of Kconfig
// text on the real tree). b must not be modified afterwards; open's buffers
// are not referenced anywhere else.
func bytesToString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// fileLookup is file_lookup: the list of Kconfig files, newest first, as
// auto.conf.cmd prints it.
// c.fileList holds them oldest first (the C list is prepended to); the
// set makes the lookup constant-time, as the real tree has ~1600 files.
func (c *Config) fileLookup(name string) {
	if c.fileSet[name] {
		return
	}
	if c.fileSet == nil {
		c.fileSet = map[string]bool{}
	}
	c.fileSet[name] = true
	c.fileList = append(c.fileList, name)
}

// filesNewestFirst is the C file list in its order.
func (c *Config) filesNewestFirst() []string {
	out := make([]string, len(c.fileList))
	for i, f := range c.fileList {
		out[len(out)-1-i] = f
	}
	return out
}

// pushFile is zconf_nextfile.
func (l *lexer) pushFile(name string) error {
	l.c.fileLookup(name)
	data, err := l.c.open(name)
	if err != nil {
		return fmt.Errorf("%s:%d: can't open file \"%s\"", l.stmtFile, l.stmtLine, name)
	}
	cur := l.cur()
	nf := &srcFile{name: name, data: data, line: 1}
	// A file whose last line is an unterminated `source "X` has ended by the time the statement does:
	// X is then sourced from it all the same, and must not be that file or one of its ancestors
	// (conf crashes here; a naive stack check loops forever on `source "Kconfig` in Kconfig).
	parent := cur
	if p := l.popped; p != nil && p.name == l.stmtFile && (cur == nil || cur.name != l.stmtFile) {
		parent = p
	}
	if parent != nil {
		nf.chain = append(slices.Clone(parent.chain), parent.name)
		if parent != cur && slices.Contains(nf.chain, name) {
			return fmt.Errorf("Recursive inclusion detected.\nInclusion path:\n  current file : %s\n  included from: %s:%d",
				name, l.stmtFile, l.stmtLine)
		}
	}
	if cur != nil {
		nf.parentLine = cur.line
		for i := len(l.files) - 1; i >= 0; i-- {
			if l.files[i].name == name {
				var b strings.Builder
				fmt.Fprintf(&b, "Recursive inclusion detected.\nInclusion path:\n  current file : %s\n", name)
				for j := len(l.files) - 1; j >= i; j-- {
					pl := nf.parentLine
					if j < len(l.files)-1 {
						pl = l.files[j+1].parentLine
					}
					fmt.Fprintf(&b, "  included from: %s:%d\n", l.files[j].name, pl-1)
				}
				return fmt.Errorf("%s", strings.TrimSuffix(b.String(), "\n"))
			}
		}
	}
	l.files = append(l.files, nf)
	l.c.readAhead(data)
	l.c.prefetchPass(nf)
	return nil
}

func (l *lexer) warnf(format string, a ...any) {
	if !l.dry {
		l.c.errorf(format, a...)
	}
}

// next is the second-stage yylex.
func (l *lexer) next() token {
	// Between statements, nothing of the next one is expanded yet: the
	// place for a prefetch pass that a finished command asked for.
	if (l.prev == tEOL || l.prev == tHelpText) && !l.dry && l.c.pf != nil && l.c.pf.repass {
		if f := l.cur(); f != nil {
			l.c.prefetchPass(f)
		}
	}
	for {
		t := l.lex1()
		if l.prev == tEOL || l.prev == tHelpText {
			if t.kind == tEOL {
				continue
			}
			l.stmtFile = l.curName()
			l.stmtLine = l.curLine()
			if t.kind == tEOF {
				l.stmtFile, l.stmtLine = l.c.lastFile, l.c.lastLine
			}
		}
		if l.prevPrev == tEOL && l.prev == tWord && (t.kind == tEqual || t.kind == tColonEqual || t.kind == tPlusEqual) {
			l.assign = true
		}
		l.prevPrev = l.prev
		l.prev = t.kind
		return t
	}
}

// lex1 is the flex scanner in the INITIAL and ASSIGN_VAL states.
func (l *lexer) lex1() token {
	for {
		f := l.cur()
		if f == nil {
			return token{kind: tEOF}
		}
		if f.pos >= len(f.data) {
			l.assign = false
			if l.prev != tEOL && l.prev != tHelpText {
				l.warnf("%s:%d:warning: no new line at end of file\n", f.name, f.line)
			}
			if !l.dry {
				l.c.lastFile, l.c.lastLine = f.name, f.line
			}
			l.files = l.files[:len(l.files)-1]
			l.popped = f
			if len(l.files) == 0 && !l.dry && l.c.dialect.TopLevelEOFNoEOL {
				// 6.12 ends a sourced file with an end of line, the top
				// one with the end of input itself.
				return token{kind: tEOF}
			}
			return token{kind: tEOL}
		}
		d := f.data
		ch := d[f.pos]
		if l.assign {
			switch {
			case ch == '\n':
				f.pos++
				f.line++
				l.assign = false
				return token{kind: tEOL}
			case ch == ' ' || ch == '\t':
				f.pos++
			default:
				end := strings.IndexByte(d[f.pos:], '\n')
				if end < 0 {
					end = len(d) - f.pos
				}
				s := d[f.pos : f.pos+end]
				f.pos += end
				return token{kind: tAssignVal, text: s}
			}
			continue
		}
		switch {
		case ch == '#':
			end := strings.IndexByte(d[f.pos:], '\n')
			if end < 0 {
				f.pos = len(d)
			} else {
				f.pos += end
			}
			continue
		case ch == ' ' || ch == '\t':
			f.pos++
			continue
		case ch == '\\' && f.pos+1 < len(d) && d[f.pos+1] == '\n':
			f.pos += 2
			f.line++
			continue
		case ch == '\n':
			f.pos++
			f.line++
			return token{kind: tEOL}
		case ch == '"' || ch == '\'':
			f.pos++
			return l.lexString(ch)
		case isTokenByte(ch) || ch == '$':
			end := f.pos
			hasDollar := false
			for end < len(d) && (isTokenByte(d[end]) || d[end] == '$') {
				if d[end] == '$' {
					hasDollar = true
				}
				end++
			}
			if !hasDollar {
				w := d[f.pos:end]
				f.pos = end
				// Since 6.11 (Dialect.ChoiceMenus) "optional" is no keyword.
				if k := keyword(w); k != tWord && !(k == tOptional && l.c.dialect.ChoiceMenus) {
					return token{kind: k}
				}
				return token{kind: tWord, text: w}
			}
			// expand_token: the rest of the line is offered to the
			// expander; what it does not consume is scanned again.
			lineEnd := strings.IndexByte(d[f.pos:], '\n')
			if lineEnd < 0 {
				lineEnd = len(d) - f.pos
			}
			out, n := l.c.expandOneToken(d[f.pos : f.pos+lineEnd])
			f.pos += n
			if out != "" {
				return token{kind: tWord, text: out}
			}
			continue
		}
		if f.pos+1 < len(d) {
			if k := op2(d[f.pos], d[f.pos+1]); k != tEOF {
				f.pos += 2
				return token{kind: k}
			}
		}
		f.pos++
		if k := op1(ch); k != tEOF {
			return token{kind: k}
		}
		l.warnf("%s:%d:warning: ignoring unsupported character '%c'\n", f.name, f.line, ch)
	}
}

// lexString is the STRING state: $(...) is expanded in place, a backslash
// quotes the next byte, and a newline ends the string with a warning.
func (l *lexer) lexString(quote byte) token {
	f := l.cur()
	d := f.data
	var b strings.Builder
	for f.pos < len(d) {
		ch := d[f.pos]
		switch {
		case ch == '$':
			lineEnd := strings.IndexByte(d[f.pos:], '\n')
			if lineEnd < 0 {
				lineEnd = len(d) - f.pos
			}
			res, n := l.c.expandDollar(d[f.pos+1:f.pos+lineEnd], nil)
			b.WriteString(res)
			f.pos += 1 + n
		case ch == '\\':
			f.pos++
			if f.pos < len(d) && d[f.pos] != '\n' {
				b.WriteByte(d[f.pos])
				f.pos++
			}
		case ch == '\'' || ch == '"':
			f.pos++
			if ch == quote {
				return token{kind: tWordQuote, text: b.String()}
			}
			b.WriteByte(ch)
		case ch == '\n':
			l.warnf("%s:%d:warning: multi-line strings not supported\n", l.stmtFile, l.stmtLine)
			return token{kind: tWordQuote, text: b.String()}
		default:
			b.WriteByte(ch)
			f.pos++
		}
	}
	return token{kind: tWordQuote, text: b.String()}
}

// lexHelp is the HELP state, entered after "help" EOL. Indentation of the
// first line sets the block's indentation; a line indented less (or a
// non-blank first column) ends the text. Tabs count to the next multiple of
// eight.
func (l *lexer) lexHelp() token {
	// The text is built in a buffer the lexer keeps, and copied once into
	// its string: the kernel's help texts are most of its Kconfig bytes.
	b := l.helpBuf[:0]
	lastTS, firstTS := 0, 0
	end := func() token {
		l.prevPrev = l.prev
		l.prev = tHelpText
		// The help text is the first token after an EOL: the second-stage
		// yylex makes where it ends the statement position, which the
		// parser's help warnings print ("<none>" past the last file).
		l.stmtFile, l.stmtLine = l.curName(), l.curLine()
		if l.cur() == nil {
			l.stmtLine = l.c.lastLine
		}
		l.helpBuf = b
		return token{kind: tHelpText, text: string(b)}
	}
	f := l.cur()
	if f == nil {
		// "help" was the last word of the input, without a newline: the
		// end of file ended the HELP state with an empty text.
		return end()
	}
	d := f.data
	for {
		if f.pos >= len(d) {
			return end()
		}
		ws := 0
		for f.pos+ws < len(d) && (d[f.pos+ws] == ' ' || d[f.pos+ws] == '\t') {
			ws++
		}
		if f.pos+ws < len(d) && d[f.pos+ws] == '\n' {
			nx := f.pos + ws + 1
			f.pos = nx
			f.line++
			if nx < len(d) && d[nx] != ' ' && d[nx] != '\t' && d[nx] != '\n' {
				return end()
			}
			b = append(b, '\n')
			continue
		}
		if ws > 0 {
			ts := 0
			for _, c := range []byte(d[f.pos : f.pos+ws]) {
				if c == '\t' {
					ts = (ts &^ 7) + 8
				} else {
					ts++
				}
			}
			f.pos += ws
			lastTS = ts
			if firstTS != 0 {
				if ts < firstTS {
					return end()
				}
				for range ts - firstTS {
					b = append(b, ' ')
				}
			}
			continue
		}
		if f.pos >= len(d) {
			return end()
		}
		e := strings.IndexByte(d[f.pos:], '\n')
		if e < 0 {
			e = len(d) - f.pos
		}
		text := strings.TrimRight(d[f.pos:f.pos+e], " \t")
		f.pos += e
		b = append(b, text...)
		if firstTS == 0 {
			firstTS = lastTS
		}
	}
}

func op2(a, b byte) tokKind {
	switch string([]byte{a, b}) {
	case "||":
		return tOr
	case "&&":
		return tAnd
	case "!=":
		return tUnequal
	case "<=":
		return tLessEqual
	case ">=":
		return tGreaterEqual
	case ":=":
		return tColonEqual
	case "+=":
		return tPlusEqual
	}
	return tEOF
}

func op1(b byte) tokKind {
	switch b {
	case '=':
		return tEqual
	case '<':
		return tLess
	case '>':
		return tGreater
	case '!':
		return tNot
	case '(':
		return tOpenParen
	case ')':
		return tCloseParen
	}
	return tEOF
}
