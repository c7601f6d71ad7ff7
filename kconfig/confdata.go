package kconfig

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// This file is confdata.c: reading .config-style files and writing .config,
// defconfig, auto.conf, autoconf.h, rustc_cfg, auto.conf.cmd and the
// include/config/<SYMBOL> dependency files.
//
// On-disk formats (all written by conf, read back by conf and make):
//   - .config: heading, then the menu tree in order; "CONFIG_X=v" or
//     "# CONFIG_X is not set"; "#\n# Menu\n#" before a visible menu or
//     comment and "# end of Menu" after a visible menu.
//   - auto.conf / autoconf.h / rustc_cfg: every written symbol in symbol hash
//     table order (symbol.c's FNV-1 hash modulo Dialect.SymbolHashSize:
//     9973 buckets in 6.1, 16384 in 6.12), n omitted.
//   - auto.conf.cmd: the make rules that rerun syncconfig when a Kconfig
//     file or a referenced environment variable changed, in the layout of
//     the tree's dialect (Dialect.AutoconfCmdParseOrder).
//   - include/config/<SYMBOL>: empty files; fixdep makes each object depend
//     on the files of the CONFIG_ names its source mentions, so a file is
//     touched exactly when that symbol's value changed against the previous
//     auto.conf.

const configPrefix = "CONFIG_"

func (c *Config) configName() string {
	if v, ok := c.getenv("KCONFIG_CONFIG"); ok {
		return v
	}
	return ".config"
}

func (c *Config) autoconfigName() string {
	if v, ok := c.getenv("KCONFIG_AUTOCONFIG"); ok {
		return v
	}
	return "include/config/auto.conf"
}

func (c *Config) autoheaderName() string {
	if v, ok := c.getenv("KCONFIG_AUTOHEADER"); ok {
		return v
	}
	return "include/generated/autoconf.h"
}

func (c *Config) rustccfgName() string {
	if v, ok := c.getenv("KCONFIG_RUSTCCFG"); ok {
		return v
	}
	return "include/generated/rustc_cfg"
}

func (c *Config) confWarning(format string, a ...any) {
	c.errorf("%s:%d:warning: %s\n", c.confFile, c.confLine, fmt.Sprintf(format, a...))
	c.confWarnings++
}

// setSymVal is conf_set_sym_val; it reports whether the value was rejected.
func (c *Config) setSymVal(s *Symbol, def int, defFlags int, p string) bool {
	switch s.Type {
	case TypeTristate, TypeBool:
		if p != "" {
			switch {
			case p[0] == 'm' && s.Type == TypeTristate:
				s.def[def].tri = Mod
				s.flags |= defFlags
				return false
			case p[0] == 'y':
				s.def[def].tri = Yes
				s.flags |= defFlags
				return false
			case p[0] == 'n':
				s.def[def].tri = No
				s.flags |= defFlags
				return false
			}
		}
		if def != defAuto {
			c.confWarning("symbol value '%s' invalid for %s", p, s.Name)
		}
		return true
	case TypeString, TypeInt, TypeHex:
		if s.Type == TypeString && def != defAuto {
			if p == "" || p[0] != '"' {
				return false
			}
			p = p[1:]
			var b strings.Builder
			closed := false
			for i := 0; i < len(p); i++ {
				if p[i] == '"' {
					closed = true
					break
				}
				if p[i] == '\\' {
					i++
					if i >= len(p) {
						break
					}
				}
				b.WriteByte(p[i])
			}
			if !closed {
				c.confWarning("invalid string found")
				return true
			}
			p = b.String()
		}
		if stringValid(s.Type, p) {
			s.def[def].val = p
			s.def[def].hasVal = true
			s.flags |= defFlags
			return false
		}
		if def != defAuto {
			c.confWarning("symbol value '%s' invalid for %s", p, s.Name)
		}
		return true
	}
	return false
}

// touchDep creates the empty include/config/<name> file (conf_touch_dep).
func (c *Config) touchDep(name string) error {
	dir := filepath.Dir(c.autoconfigName())
	path := c.objPath(filepath.Join(dir, name))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	return f.Close()
}

// readSimple is conf_read_simple. name "" means KCONFIG_CONFIG, then the
// KCONFIG_DEFCONFIG_LIST candidates. It returns false if no file was found.
func (c *Config) readSimple(name string, def int) (bool, error) {
	_, warnUnknown := c.getenv("KCONFIG_WARN_UNKNOWN_SYMBOLS")
	var data []byte
	found := false
	read := func(n string) bool {
		path := c.objPath(n)
		b, err := os.ReadFile(path)
		if err != nil && !filepath.IsAbs(n) {
			if st, ok := c.getenv("srctree"); ok {
				b, err = os.ReadFile(c.objPath(st + "/" + n))
			}
		}
		if err != nil {
			return false
		}
		data = b
		return true
	}
	if name != "" {
		found = read(name)
	} else {
		name = c.configName()
		found = read(name)
		if !found {
			c.changed = true
			list, ok := c.getenv("KCONFIG_DEFCONFIG_LIST")
			if !ok {
				return false, nil
			}
			for _, cand := range strings.Fields(list) {
				if read(cand) {
					c.message("using defaults found in %s", cand)
					name = cand
					found = true
					break
				}
			}
		}
	}
	if !found {
		return false, nil
	}
	c.confFile = name
	c.confLine = 0
	c.confWarnings = 0
	defFlags := flagDef << def
	menus := c.dialect.ChoiceMenus
	if menus {
		// 6.12: only the slot read is cleared; values become invalid
		// only when user values are read.
		c.allSymbols(func(s *Symbol) {
			s.flags &^= defFlags
			s.def[def] = symbolValue{}
		})
		if def == defUser {
			c.allSymbols(func(s *Symbol) { s.flags &^= flagValid })
		}
	} else {
		c.allSymbols(func(s *Symbol) {
			s.flags |= flagChanged
			s.flags &^= defFlags | flagValid
			if s.isChoice() {
				s.flags |= defFlags
			}
			s.def[def] = symbolValue{}
		})
	}
	var touchErr error
	for len(data) > 0 {
		var line string
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = string(data[:i+1]), data[i+1:]
		} else {
			line, data = string(data), nil
		}
		// getline stops at NUL bytes' C-string view.
		if i := strings.IndexByte(line, 0); i >= 0 {
			line = line[:i]
		}
		c.confLine++
		var symName, val string
		if menus {
			// getline_stripped, then 6.12's stricter parse.
			if l, found := strings.CutSuffix(line, "\n"); found {
				line = strings.TrimSuffix(l, "\r")
			}
			var ok bool
			if symName, val, ok = c.parseLineStripped(line); !ok {
				continue
			}
		} else if strings.HasPrefix(line, "#") {
			if len(line) < 2 || line[1] != ' ' {
				continue
			}
			p := line[2:]
			if !strings.HasPrefix(p, configPrefix) {
				continue
			}
			rest := p[len(configPrefix):]
			sp := strings.IndexByte(rest, ' ')
			if sp < 0 {
				continue
			}
			symName = rest[:sp]
			if !strings.HasPrefix(rest[sp+1:], "is not set") {
				continue
			}
			val = "n"
		} else if strings.HasPrefix(line, configPrefix) {
			rest := line[len(configPrefix):]
			eq := strings.IndexByte(rest, '=')
			if eq < 0 {
				continue
			}
			symName = rest[:eq]
			val = rest[eq+1:]
			if nl := strings.IndexByte(val, '\n'); nl >= 0 {
				val = val[:nl]
				if strings.HasSuffix(val, "\r") {
					val = val[:len(val)-1]
				}
			}
		} else {
			if line != "" && line[0] != '\r' && line[0] != '\n' {
				c.confWarning("unexpected data: %s", line[:strings.IndexAny(line+"\n", "\r\n")])
			}
			continue
		}
		s := c.Lookup(symName)
		if s == nil {
			if def == defAuto {
				if err := c.touchDep(symName); err != nil && touchErr == nil {
					touchErr = err
				}
			} else {
				if warnUnknown {
					c.confWarning("unknown symbol: %s", symName)
				}
				c.changed = true
			}
			continue
		}
		if s.flags&defFlags != 0 {
			c.confWarning("override: reassigning to symbol %s", s.Name)
		}
		if c.setSymVal(s, def, defFlags, val) {
			continue
		}
		if menus {
			// The last choice member read has the highest priority.
			if def == defUser && s.choice != nil {
				moveMember(s.choice, s, false)
			}
			continue
		}
		if s.isChoiceValue() {
			cs := s.choiceSym()
			switch s.def[def].tri {
			case Mod:
				if cs.def[def].tri == Yes {
					c.confWarning("%s creates inconsistent choice state", s.Name)
					cs.flags &^= defFlags
				}
			case Yes:
				if cs.def[def].tri != No {
					c.confWarning("override: %s changes choice state", s.Name)
				}
				cs.def[def].valSym = s
			}
			cs.def[def].tri = triOr(cs.def[def].tri, s.def[def].tri)
		}
	}
	_ = touchErr // conf ignores conf_touch_dep's result here
	return true, nil
}

// read is conf_read.
func (c *Config) read(name string) (bool, error) {
	c.changed = false
	ok, err := c.readSimple(name, defUser)
	if err != nil {
		return false, err
	}
	c.calcValue(c.modulesSym)
	if !ok {
		return false, nil
	}
	unsaved := 0
	c.allSymbols(func(s *Symbol) {
		c.calcValue(s)
		if s.isChoice() || s.flags&flagNoWrite != 0 {
			return
		}
		if s.hasValue() && s.flags&flagWrite != 0 {
			switch s.Type {
			case TypeBool, TypeTristate:
				if s.def[defUser].tri == s.tristateValue() {
					return
				}
			default:
				if s.curr.val == s.def[defUser].val {
					return
				}
			}
		} else if !s.hasValue() && s.flags&flagWrite == 0 {
			return
		}
		unsaved++
	})
	if c.dialect.ChoiceMenus {
		// 6.12 keeps every user value read.
		if c.confWarnings > 0 || unsaved > 0 {
			c.changed = true
		}
		return true, nil
	}
	c.allSymbols(func(s *Symbol) {
		if s.hasValue() && !s.isChoiceValue() {
			if s.visible == No && unsaved == 0 {
				s.flags &^= flagDefUser
			}
			switch s.Type {
			case TypeString, TypeInt, TypeHex:
				if c.stringWithinRange(s, s.def[defUser].val) {
					break
				}
				s.flags &^= flagValid | flagDefUser
				unsaved++
			}
		}
	})
	if c.confWarnings > 0 || unsaved > 0 {
		c.changed = true
	}
	return true, nil
}

type commentStyle struct{ decoration, prefix, postfix string }

// The two heading styles of confdata.c.
func stylePound() *commentStyle { return &commentStyle{"#", "#", "#"} }
func styleC() *commentStyle     { return &commentStyle{" *", "/*", " */"} }

func (c *Config) writeHeading(b *bytes.Buffer, cs *commentStyle) {
	if cs == nil {
		return
	}
	fmt.Fprintf(b, "%s\n%s Automatically generated file; DO NOT EDIT.\n%s %s\n%s\n",
		cs.prefix, cs.decoration, cs.decoration, c.root.Prompt.Text, cs.postfix)
}

// escapeString is escape_string_value: quotes, with " and \ escaped.
func escapeString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

type outputMode int

const (
	outputN outputMode = iota
	outputNAsUnset
	outputNNone
)

func (c *Config) printSymbol(b *bytes.Buffer, s *Symbol, on outputMode, escape bool) {
	if s.Type == TypeUnknown {
		return
	}
	val := c.stringValue(s)
	if (s.Type == TypeBool || s.Type == TypeTristate) && on != outputN && strings.HasPrefix(val, "n") {
		if on == outputNAsUnset {
			fmt.Fprintf(b, "# %s%s is not set\n", configPrefix, s.Name)
		}
		return
	}
	if s.Type == TypeString && escape {
		val = escapeString(val)
	}
	fmt.Fprintf(b, "%s%s=%s\n", configPrefix, s.Name, val)
}

func (c *Config) printDotconfig(b *bytes.Buffer, s *Symbol) {
	c.printSymbol(b, s, outputNAsUnset, true)
}
func (c *Config) printAutoconf(b *bytes.Buffer, s *Symbol) { c.printSymbol(b, s, outputNNone, false) }

func hexPrefix(val string) string {
	if len(val) >= 2 && val[0] == '0' && (val[1] == 'x' || val[1] == 'X') {
		return ""
	}
	return "0x"
}

func (c *Config) printC(b *bytes.Buffer, s *Symbol) {
	if s.Type == TypeUnknown {
		return
	}
	val := c.stringValue(s)
	suffix, prefix := "", ""
	switch s.Type {
	case TypeBool, TypeTristate:
		switch val[0] {
		case 'n':
			return
		case 'm':
			suffix = "_MODULE"
		}
		val = "1"
	case TypeHex:
		prefix = hexPrefix(val)
	case TypeString:
		val = escapeString(val)
	}
	fmt.Fprintf(b, "#define %s%s%s %s%s\n", configPrefix, s.Name, suffix, prefix, val)
}

func (c *Config) printRustcCfg(b *bytes.Buffer, s *Symbol) {
	if s.Type == TypeUnknown {
		return
	}
	val := c.stringValue(s)
	prefix := ""
	switch s.Type {
	case TypeBool, TypeTristate:
		if val[0] == 'n' {
			return
		}
		fmt.Fprintf(b, "--cfg=%s%s\n", configPrefix, s.Name)
	case TypeHex:
		prefix = hexPrefix(val)
	}
	fmt.Fprintf(b, "--cfg=%s%s=%s\n", configPrefix, s.Name, escapeString(prefix+val))
}

// nextMenu is the depth-first walk of conf_write_defconfig.
func nextMenu(m *Menu) *Menu {
	if m.List != nil {
		return m.List
	}
	if m.Next != nil {
		return m.Next
	}
	for m = m.Parent; m != nil; m = m.Parent {
		if m.Next != nil {
			return m.Next
		}
	}
	return nil
}

// writeDefconfig is conf_write_defconfig.
func (c *Config) writeDefconfig(filename string) error {
	var b bytes.Buffer
	c.clearAllValid()
	for m := c.root.List; m != nil; m = nextMenu(m) {
		s := m.Sym
		if s == nil {
			if !c.dialect.ChoiceMenus {
				c.isVisible(m)
			}
			continue
		}
		if s.isChoice() {
			continue
		}
		c.calcValue(s)
		if s.flags&flagWrite == 0 {
			continue
		}
		s.flags &^= flagWrite
		if !c.changeable(s) {
			continue
		}
		if c.stringValue(s) == c.stringDefault(s) {
			continue
		}
		if ch := s.choice; c.dialect.ChoiceMenus && ch != nil {
			if ds := c.choiceDefaultMenu(ch); s == ds && s.tristateValue() == Yes {
				continue
			}
		} else if s.isChoiceValue() && !c.dialect.ChoiceMenus {
			cs := s.choiceSym()
			ds := c.choiceDefault(cs)
			if !cs.isOptional() && s == ds && s.Type == TypeBool && s.tristateValue() == Yes {
				continue
			}
		}
		c.printDotconfig(&b, s)
	}
	return os.WriteFile(c.objPath(filename), b.Bytes(), 0o644)
}

// renderConfig produces the text conf_write writes.
func (c *Config) renderConfig() []byte {
	var b bytes.Buffer
	c.writeHeading(&b, stylePound())
	if !c.changed {
		c.clearAllValid()
	}
	needNewline := false
	m := c.root.List
	for m != nil {
		s := m.Sym
		if s == nil {
			if c.isVisible(m) {
				fmt.Fprintf(&b, "\n#\n# %s\n#\n", m.promptText())
				needNewline = false
			}
		} else if s.flags&flagChoice == 0 && s.flags&flagWritten == 0 {
			c.calcValue(s)
			if s.flags&flagWrite != 0 {
				if needNewline {
					b.WriteString("\n")
					needNewline = false
				}
				s.flags |= flagWritten
				c.printDotconfig(&b, s)
			}
		}
		if m.List != nil {
			m = m.List
			continue
		}
		for m != nil {
			if m.Sym == nil && m != &c.root && c.isVisible(m) && m.Prompt.Type == PMenu {
				fmt.Fprintf(&b, "# end of %s\n", m.promptText())
				needNewline = true
			}
			if m.Next != nil {
				m = m.Next
				break
			}
			m = m.Parent
		}
	}
	c.allSymbols(func(s *Symbol) { s.flags &^= flagWritten })
	return b.Bytes()
}

// write is conf_write: the new file replaces the old one by rename, the old
// one becoming <name>.old, unless nothing changed.
func (c *Config) write(name string) error {
	if name == "" {
		name = c.configName()
	}
	if name == "" {
		return &Error{Msg: "config name is empty"}
	}
	path := c.objPath(name)
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return &Error{Msg: name + ": Is a directory"}
	}
	data := c.renderConfig()
	if v, ok := c.getenv("KCONFIG_OVERWRITECONFIG"); ok && v != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	} else {
		if sameFile(path, data) {
			c.message("No change to %s", name)
			c.changed = false
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			os.Remove(tmp)
			return err
		}
		os.Rename(path, path+".old")
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	c.message("configuration written to %s", name)
	c.changed = false
	return nil
}

// writeAutoconfCmd is conf_write_autoconf_cmd, in the tree's dialect (see
// Dialect.AutoconfCmdParseOrder).
func (c *Config) writeAutoconfCmd(autoconf string) error {
	var b bytes.Buffer
	if c.dialect.AutoconfCmdParseOrder {
		// 6.12: conf_parse's autoconf_cmd string, the files as file_lookup
		// appended them, then env_write_dep's checks.
		fmt.Fprintf(&b, "autoconfig := %s\n\ndeps_config := \\\n", autoconf)
		for _, f := range c.fileList {
			fmt.Fprintf(&b, "\t%s \\\n", f)
		}
		b.WriteString("\n$(autoconfig): $(deps_config)\n$(deps_config): ;\n")
		for _, e := range c.envList {
			fmt.Fprintf(&b, "\nifneq \"$(%s)\" \"%s\"\n$(autoconfig): FORCE\nendif\n", e.name, e.value)
		}
		return writeAtomic(c.objPath(autoconf+".cmd"), b.Bytes())
	}
	b.WriteString("deps_config := \\\n")
	for _, f := range c.filesNewestFirst() {
		fmt.Fprintf(&b, "\t%s \\\n", f)
	}
	fmt.Fprintf(&b, "\n%s: $(deps_config)\n\n", autoconf)
	for _, e := range c.envList {
		fmt.Fprintf(&b, "ifneq \"$(%s)\" \"%s\"\n%s: FORCE\nendif\n", e.name, e.value, autoconf)
	}
	b.WriteString("\n$(deps_config): ;\n")
	return writeAtomic(c.objPath(autoconf+".cmd"), b.Bytes())
}

// touchDeps is conf_touch_deps: compare with the previous auto.conf and
// touch include/config/<SYM> for every symbol whose value changed.
func (c *Config) touchDeps() error {
	name := c.autoconfigName()
	if err := os.MkdirAll(c.objPath(filepath.Dir(name)), 0o755); err != nil {
		return err
	}
	if _, err := c.readSimple(name, defAuto); err != nil {
		return err
	}
	c.calcValue(c.modulesSym)
	var err error
	c.allSymbols(func(s *Symbol) {
		if err != nil {
			return
		}
		c.calcValue(s)
		if s.flags&flagNoWrite != 0 || s.Name == "" {
			return
		}
		if s.flags&flagWrite != 0 {
			if s.flags&flagDefAuto != 0 {
				switch s.Type {
				case TypeBool, TypeTristate:
					if s.tristateValue() == s.def[defAuto].tri {
						return
					}
				case TypeString, TypeHex, TypeInt:
					if c.stringValue(s) == s.def[defAuto].val {
						return
					}
				}
			} else {
				switch s.Type {
				case TypeBool, TypeTristate:
					if s.tristateValue() == No {
						return
					}
				}
			}
		} else if s.flags&flagDefAuto == 0 {
			return
		}
		err = c.touchDep(s.Name)
	})
	return err
}

func (c *Config) renderAutoconf(print func(*bytes.Buffer, *Symbol), cs *commentStyle) []byte {
	var b bytes.Buffer
	c.writeHeading(&b, cs)
	c.allSymbols(func(s *Symbol) {
		if s.flags&flagWrite != 0 && s.Name != "" && !(s.isChoice() && s.Name == "") {
			print(&b, s)
		}
	})
	return b.Bytes()
}

// writeAutoconf is conf_write_autoconf. auto.conf is written last: Kbuild
// treats it as the mark of a complete sync.
func (c *Config) writeAutoconf(overwrite bool) error {
	name := c.autoconfigName()
	if _, err := os.Stat(c.objPath(name)); !overwrite && err == nil {
		return nil
	}
	if err := c.writeAutoconfCmd(name); err != nil {
		return err
	}
	if c.dialect.ChoiceMenus {
		// 6.12 computes every symbol first; reading the old auto.conf
		// then leaves the values valid.
		c.allSymbols(c.calcValue)
	}
	if err := c.touchDeps(); err != nil {
		return err
	}
	c.allSymbols(c.calcValue)
	if err := writeAtomic(c.objPath(c.autoheaderName()), c.renderAutoconf(c.printC, styleC())); err != nil {
		return err
	}
	if err := writeAtomic(c.objPath(c.rustccfgName()), c.renderAutoconf(c.printRustcCfg, nil)); err != nil {
		return err
	}
	return writeAtomic(c.objPath(name), c.renderAutoconf(c.printAutoconf, stylePound()))
}
