package kconfig

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// This file is conf.c's line-oriented dialogue (conf, conf_sym,
// conf_choice, conf_string, check_conf), which oldconfig and syncconfig run
// for every new visible symbol. With standard input at end of file every
// question takes its default, which is what a build with no terminal gets.

type dialog struct {
	c       *Config
	mode    string
	indent  int
	cnt     int
	root    *Menu
	line    string
	in      *bufio.Reader
	tty     bool
	onNew   func(*Symbol) // listnewconfig
	guard   int
	stopped bool
	eof     bool  // feof(stdin): a read reached the end of the input
	err     error // why the dialogue stopped, if not the guard
}

func isTerminal(x any) bool {
	f, ok := x.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (c *Config) newDialog(mode string) *dialog {
	d := &dialog{c: c, mode: mode, indent: 1}
	in := c.opts.Stdin
	if in == nil {
		in = strings.NewReader("")
	}
	d.in = bufio.NewReader(in)
	d.tty = isTerminal(c.opts.Stdin) && isTerminal(c.opts.Stdout)
	return d
}

func (d *dialog) printf(format string, a ...any) { fmt.Fprintf(d.c.opts.Stdout, format, a...) }

func pad(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// padc is printf("%*c", n, ch).
func padc(n int, ch byte) string { return pad(n-1) + string(ch) }

// xfgets is conf.c's xfgets: on end of file the line keeps its old value.
func (d *dialog) xfgets() {
	s, err := d.in.ReadString('\n')
	if err != nil {
		d.eof = true
	}
	if s == "" && err != nil {
		d.c.errorf("\nError in reading or end of file.\n")
	} else {
		d.line = s
	}
	if !d.tty {
		d.printf("%s", d.line)
	}
}

func (d *dialog) askValue(s *Symbol, def string) bool {
	if !s.hasValue() {
		d.printf("(NEW) ")
	}
	d.line = "\n"
	if !d.c.changeable(s) {
		d.printf("%s\n", def)
		d.line = "\n"
		return false
	}
	if (d.mode == "oldconfig" || d.mode == "syncconfig") && s.hasValue() {
		d.printf("%s\n", def)
		return false
	}
	d.xfgets()
	return true
}

func (d *dialog) confString(m *Menu) {
	c := d.c
	s := m.Sym
	for !d.stopped {
		d.printf("%s%s ", pad(d.indent-1), m.Prompt.Text)
		d.printf("(%s) ", s.Name)
		def := c.stringValue(s)
		hasDef := true
		d.printf("[%s] ", def)
		if !d.askValue(s, def) {
			return
		}
		switch {
		case strings.HasPrefix(d.line, "\n"):
		case strings.HasPrefix(d.line, "?") && len(d.line) > 1 && d.line[1] == '\n':
			d.printHelp(m)
			hasDef = false
		default:
			def = d.line[:len(d.line)-1]
		}
		if hasDef && c.setStringValue(s, def) {
			return
		}
		if d.eof && c.dialect.StringAnswerEOFError {
			// 6.12: an unusable default at the end of input is an
			// error, not a question asked forever.
			msg := fmt.Sprintf("\nerror: no value for new symbol '%s' at end of input", s.Name)
			c.errorf("%s\n", msg)
			d.stopped, d.err = true, &Error{Msg: strings.TrimSpace(msg)}
			return
		}
		d.tick()
	}
}

// tick bounds loops that C would repeat forever on unusable input.
func (d *dialog) tick() {
	d.guard++
	if d.guard > 100000 {
		d.stopped = true
	}
}

func (d *dialog) confSym(m *Menu) {
	c := d.c
	s := m.Sym
	for !d.stopped {
		d.printf("%s%s ", pad(d.indent-1), m.Prompt.Text)
		if s.Name != "" {
			d.printf("(%s) ", s.Name)
		}
		old := s.tristateValue()
		d.printf("[%s", strings.ToUpper(old.String()))
		for _, v := range []Tristate{No, Mod, Yes} {
			if old != v && c.tristateWithinRange(s, v) {
				d.printf("/%s", v)
			}
		}
		d.printf("/?] ")
		if !d.askValue(s, c.stringValue(s)) {
			return
		}
		line := strings.TrimSpace(d.line)
		var nv Tristate
		ok := false
		help := false
		switch {
		case line == "":
			nv, ok = old, true
		case line[0] == 'n' || line[0] == 'N':
			nv, ok = No, len(line) == 1 || line[1:] == "o"
		case line[0] == 'm' || line[0] == 'M':
			nv, ok = Mod, len(line) == 1
		case line[0] == 'y' || line[0] == 'Y':
			nv, ok = Yes, len(line) == 1 || line[1:] == "es"
		case line[0] == '?':
			help = true
		}
		d.tick()
		if help {
			d.printHelp(m)
			continue
		}
		if !ok {
			continue
		}
		if c.setTristateValue(s, nv) {
			return
		}
		d.printHelp(m)
	}
}

// confChoice is conf_choice. Since 6.11 (Dialect.ChoiceMenus) the choice
// has no value to ask for first, members are listed with their names
// always, any new member makes the question new, and the answer becomes the
// choice's user input (choiceSetValue).
func (d *dialog) confChoice(m *Menu) bool {
	c := d.c
	menus := c.dialect.ChoiceMenus
	s := m.Sym
	isNew := !s.hasValue()
	if menus {
		isNew = false
	} else if c.changeable(s) {
		d.confSym(m)
		c.calcValue(s)
		switch s.tristateValue() {
		case No:
			return true
		case Mod:
			return false
		}
	} else {
		switch s.tristateValue() {
		case No:
			return true
		case Mod:
			d.printf("%s%s\n", pad(d.indent-1), m.promptText())
			return false
		}
	}
	for !d.stopped {
		d.tick()
		d.printf("%s%s\n", pad(d.indent-1), m.promptText())
		defSym := s.curr.valSym
		if menus {
			defSym = c.calcChoiceMenu(m)
		}
		cnt, def := 0, 0
		d.line = ""
		for ch := m.List; ch != nil; ch = ch.Next {
			if !c.isVisible(ch) {
				continue
			}
			if ch.Sym == nil {
				d.printf("%s %s\n", padc(d.indent, '*'), ch.promptText())
				continue
			}
			cnt++
			if ch.Sym == defSym {
				def = cnt
				d.printf("%s", padc(d.indent, '>'))
			} else {
				d.printf("%s", padc(d.indent, ' '))
			}
			d.printf(" %d. %s", cnt, ch.promptText())
			if ch.Sym.Name != "" || menus {
				d.printf(" (%s)", ch.Sym.Name)
			}
			if !ch.Sym.hasValue() {
				isNew = isNew || menus
				d.printf(" (NEW)")
			}
			d.printf("\n")
		}
		d.printf("%schoice", pad(d.indent-1))
		if cnt == 1 {
			d.printf("[1]: 1\n")
		} else {
			d.printf("[1-%d?]: ", cnt)
			if (d.mode == "oldconfig" || d.mode == "syncconfig") && !isNew {
				cnt = def
				d.printf("%d\n", cnt)
			} else {
				d.xfgets()
				d.line = strings.TrimSpace(d.line)
				if strings.HasPrefix(d.line, "?") {
					d.printHelp(m)
					continue
				}
				if d.line == "" {
					cnt = def
				} else if d.line[0] >= '0' && d.line[0] <= '9' {
					cnt = atoi(d.line)
				} else {
					continue
				}
			}
		}
		var ch *Menu
		for ch = m.List; ch != nil; ch = ch.Next {
			if ch.Sym == nil || !c.isVisible(ch) {
				continue
			}
			cnt--
			if cnt == 0 {
				break
			}
		}
		if ch == nil {
			continue
		}
		if d.line != "" && d.line[len(d.line)-1] == '?' {
			d.printHelp(ch)
			continue
		}
		if menus {
			c.choiceSetValue(m, ch.Sym)
			return true
		}
		c.setTristateValue(ch.Sym, Yes)
		for g := ch.List; g != nil; g = g.Next {
			d.indent += 2
			d.conf(g)
			d.indent -= 2
		}
		return true
	}
	return true
}

// atoi is C's atoi: leading digits only.
func atoi(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, _ := strconv.Atoi(s[:i])
	return n
}

func (d *dialog) conf(m *Menu) {
	c := d.c
	if d.stopped || !c.isVisible(m) {
		return
	}
	s := m.Sym
	if p := m.Prompt; p != nil {
		switch p.Type {
		case PMenu:
			if d.mode != "oldaskconfig" && d.root != m {
				d.checkConf(m)
				return
			}
			fallthrough
		case PComment:
			d.printf("%s\n%s %s\n%s\n", padc(d.indent, '*'), padc(d.indent, '*'), m.promptText(), padc(d.indent, '*'))
		}
	}
	if s != nil {
		if s.isChoice() {
			d.confChoice(m)
			if s.curr.tri != Mod || c.dialect.ChoiceMenus {
				return
			}
		} else {
			switch s.Type {
			case TypeInt, TypeHex, TypeString:
				d.confString(m)
			default:
				d.confSym(m)
			}
		}
	}
	if s != nil {
		d.indent += 2
	}
	for ch := m.List; ch != nil; ch = ch.Next {
		d.conf(ch)
	}
	if s != nil {
		d.indent -= 2
	}
}

func (c *Config) parentMenu(m *Menu) *Menu {
	for ; m != &c.root; m = m.Parent {
		if m.Prompt != nil && m.Prompt.Type == PMenu {
			break
		}
	}
	return m
}

func (d *dialog) checkConf(m *Menu) {
	c := d.c
	if d.stopped || !c.isVisible(m) {
		return
	}
	if s := m.Sym; s != nil && !s.hasValue() && (c.changeable(s) || (!c.dialect.ChoiceMenus && s.isChoice() && s.tristateValue() == Yes)) {
		switch {
		case d.mode == "helpnewconfig":
			d.printf("-----\n")
			d.printHelp(m)
			d.printf("-----\n")
		case d.onNew != nil:
			d.onNew(s)
		default:
			if d.cnt == 0 {
				d.printf("*\n* Restart config...\n*\n")
			}
			d.cnt++
			d.root = c.parentMenu(m)
			d.conf(d.root)
		}
	}
	for ch := m.List; ch != nil; ch = ch.Next {
		d.checkConf(ch)
	}
}

// run is conf.c's "do { check_conf(&rootmenu) } while (conf_cnt)".
func (d *dialog) run() error {
	for {
		d.cnt = 0
		d.checkConf(&d.c.root)
		if d.cnt == 0 || d.stopped {
			break
		}
	}
	if d.err != nil {
		return d.err
	}
	if d.stopped {
		return &Error{Msg: "kconfig: no usable answer on standard input"}
	}
	return nil
}

// printHelp is print_help.
func (d *dialog) printHelp(m *Menu) {
	d.printf("\n%s\n", d.c.extHelp(m))
}

// setTristateValue is sym_set_tristate_value.
func (c *Config) setTristateValue(s *Symbol, val Tristate) bool {
	old := s.tristateValue()
	if c.dialect.ChoiceMenus {
		// 6.12: the range is checked even for the current value; a
		// choice member is set like any symbol (choiceSetValue is the
		// choice's own input).
		if !c.tristateWithinRange(s, val) {
			return false
		}
		if s.flags&flagDefUser == 0 || s.def[defUser].tri != val {
			s.def[defUser].tri = val
			s.flags |= flagDefUser
			c.setChanged(s)
		}
		if old != val {
			c.clearAllValid()
		}
		return true
	}
	if old != val && !c.tristateWithinRange(s, val) {
		return false
	}
	if s.flags&flagDefUser == 0 {
		s.flags |= flagDefUser
		c.setChanged(s)
	}
	if s.isChoiceValue() && val == Yes {
		cs := s.choiceSym()
		cs.def[defUser].valSym = s
		cs.flags |= flagDefUser
		for _, m := range cs.choiceMembers() {
			if m.visible != No {
				m.flags |= flagDefUser
			}
		}
	}
	s.def[defUser].tri = val
	if old != val {
		c.clearAllValid()
	}
	return true
}

// setStringValue is sym_set_string_value.
func (c *Config) setStringValue(s *Symbol, v string) bool {
	switch s.Type {
	case TypeBool, TypeTristate:
		if v == "" {
			return false
		}
		switch v[0] {
		case 'y', 'Y':
			return c.setTristateValue(s, Yes)
		case 'm', 'M':
			return c.setTristateValue(s, Mod)
		case 'n', 'N':
			return c.setTristateValue(s, No)
		}
		return false
	}
	if !c.stringWithinRange(s, v) {
		return false
	}
	if s.flags&flagDefUser == 0 {
		s.flags |= flagDefUser
		c.setChanged(s)
	}
	old := s.def[defUser]
	if s.Type == TypeHex && hexPrefix(v) != "" {
		v = "0x" + v
	} else if old.hasVal && old.val == v {
		return true
	}
	s.def[defUser].val = v
	s.def[defUser].hasVal = true
	c.clearAllValid()
	return true
}
