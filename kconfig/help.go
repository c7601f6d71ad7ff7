package kconfig

import (
	"fmt"
	"strings"
)

// This file is menu.c's help text (menu_get_ext_help and its helpers), as
// conf prints it for '?' answers and helpnewconfig. No line wrapping: conf's
// gstr has max_width 0.

const noHelpText = "There is no help available for this option."

func (c *Config) depStr(b *strings.Builder, e *Expr, prefix string) {
	if !c.isYes(e) {
		b.WriteString(prefix)
		c.gstrPrint(b, e)
		b.WriteString("\n")
	}
}

func (c *Config) promptStr(b *strings.Builder, p *Property) {
	fmt.Fprintf(b, "  Prompt: %s\n", p.Text)
	c.depStr(b, p.Menu.Dep, "  Depends on: ")
	if !c.exprEq(p.Menu.Dep, p.Visible) {
		c.depStr(b, p.Visible, "  Visible if: ")
	}
	var sub []*Menu
	for m := p.Menu; m != &c.root && len(sub) < 8; m = m.Parent {
		c.isVisible(m)
		sub = append(sub, m)
	}
	b.WriteString("  Location:\n")
	j := 4
	for i := len(sub) - 1; i >= 0; i-- {
		m := sub[i]
		fmt.Fprintf(b, "%s-> %s", padc(j, ' '), m.promptText())
		if m.Sym != nil {
			fmt.Fprintf(b, " (%s [=%s])", symName(m.Sym), c.stringValue(m.Sym))
		}
		b.WriteString("\n")
		j += 2
	}
}

func (c *Config) propsStr(b *strings.Builder, s *Symbol, t PropType, prefix string) {
	hit := false
	for _, p := range s.props {
		if p.Type != t {
			continue
		}
		if !hit {
			b.WriteString(prefix)
			hit = true
		} else {
			b.WriteString(" && ")
		}
		c.gstrPrint(b, p.Expr)
	}
	if hit {
		b.WriteString("\n")
	}
}

// symbolStr is get_symbol_str.
func (c *Config) symbolStr(b *strings.Builder, s *Symbol) {
	if s.Name != "" && !(s.isChoice() && s.Name == "") {
		fmt.Fprintf(b, "Symbol: %s [=%s]\n", s.Name, c.stringValue(s))
		fmt.Fprintf(b, "Type  : %s\n", s.Type)
		if s.Type == TypeInt || s.Type == TypeHex {
			if p := c.rangeProp(s); p != nil {
				b.WriteString("Range : ")
				c.gstrPrint(b, p.Expr)
				b.WriteString("\n")
			}
		}
	}
	for _, p := range s.props {
		if p.Type == PSymbol && p.Menu.Prompt != nil {
			fmt.Fprintf(b, "Defined at %s:%d\n", p.Menu.File, p.Menu.Line)
			c.promptStr(b, p.Menu.Prompt)
		}
	}
	for _, p := range s.props {
		if p.Type == PSymbol && p.Menu.Prompt == nil {
			fmt.Fprintf(b, "Defined at %s:%d\n", p.Menu.File, p.Menu.Line)
			c.depStr(b, p.Menu.Dep, "  Depends on: ")
		}
	}
	c.propsStr(b, s, PSelect, "Selects: ")
	if s.revDep != nil {
		c.gstrPrintRevdep(b, s.revDep, Yes, "Selected by [y]:\n")
		c.gstrPrintRevdep(b, s.revDep, Mod, "Selected by [m]:\n")
		c.gstrPrintRevdep(b, s.revDep, No, "Selected by [n]:\n")
	}
	c.propsStr(b, s, PImply, "Implies: ")
	if s.implied != nil {
		c.gstrPrintRevdep(b, s.implied, Yes, "Implied by [y]:\n")
		c.gstrPrintRevdep(b, s.implied, Mod, "Implied by [m]:\n")
		c.gstrPrintRevdep(b, s.implied, No, "Implied by [n]:\n")
	}
	b.WriteString("\n\n")
}

// extHelp is menu_get_ext_help.
func (c *Config) extHelp(m *Menu) string {
	var b strings.Builder
	text := noHelpText
	if m.hasHelp {
		if m.Sym != nil && m.Sym.Name != "" && !(m.Sym.isChoice() && m.Sym.Name == "") {
			fmt.Fprintf(&b, "%s%s:\n\n", configPrefix, m.Sym.Name)
		}
		text = m.Help
	}
	fmt.Fprintf(&b, "%s\n", text)
	if m.Sym != nil {
		c.symbolStr(&b, m.Sym)
	}
	return b.String()
}

// Help returns the text conf prints for '?' on the symbol's first menu
// entry (menu_get_ext_help), or false if there is no such symbol.
func (c *Config) Help(name string) (string, bool) {
	s := c.Lookup(name)
	if s == nil {
		return "", false
	}
	for _, p := range s.props {
		if p.Type == PSymbol && p.Menu != nil {
			return c.extHelp(p.Menu), true
		}
	}
	return "", false
}
