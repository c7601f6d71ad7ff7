package kconfig

import (
	"fmt"
	"strconv"
	"strings"
)

// This file is preprocess.c: the Kconfig macro language
// (Documentation/kbuild/kconfig-macro-language.rst). Variables are expanded
// while the lexer reads, so a parsed menu tree holds only expanded text.

// varFlavor is enum variable_flavor.
type varFlavor int

const (
	varSimple varFlavor = iota
	varRecursive
	varAppend
)

type variable struct {
	name     string
	value    string
	flavor   varFlavor
	expCount int
}

// envRecord is one environment variable the Kconfig files referenced, with
// the value seen; auto.conf.cmd makes auto.conf depend on it.
type envRecord struct{ name, value string }

// macroError aborts expansion: pperror in C exits the process.
type macroError struct{ msg string }

func (c *Config) pperror(format string, a ...any) {
	panic(macroError{fmt.Sprintf("%s:%d: %s", c.lx.curName(), c.lx.curLine(), fmt.Sprintf(format, a...))})
}

// envExpand is env_expand: the first lookup of a variable records it.
func (c *Config) envExpand(name string) (string, bool) {
	if name == "" {
		return "", false
	}
	for _, e := range c.envList {
		if e.name == name {
			return e.value, true
		}
	}
	v, ok := c.getenv(name)
	if !ok {
		return "", false
	}
	if c.dry != nil {
		return v, true
	}
	c.envList = append(c.envList, envRecord{name, v})
	return v, true
}

func (c *Config) functionExpand(name string, args []string) (string, bool) {
	type fn struct {
		min, max int
		do       func(args []string) string
	}
	var f fn
	switch name {
	case "error-if":
		f = fn{2, 2, func(a []string) string {
			if a[0] == "y" {
				c.pperror("%s", a[1])
			}
			if strings.Contains(a[0], unknownMark) {
				// A pass cannot tell whether parsing stops here.
				c.dry.blocked = true
				c.pperror("unknown condition")
			}
			return ""
		}}
	case "filename":
		f = fn{0, 0, func([]string) string { return c.lx.curName() }}
	case "info":
		f = fn{1, 1, func(a []string) string {
			if c.dry == nil {
				fmt.Fprintf(c.opts.Stdout, "%s\n", a[0])
			}
			return ""
		}}
	case "lineno":
		f = fn{0, 0, func([]string) string { return strconv.Itoa(c.lx.curLine()) }}
	case "shell":
		f = fn{1, 1, func(a []string) string { return c.doShell(a[0]) }}
	case "warning-if":
		f = fn{2, 2, func(a []string) string {
			if a[0] == "y" && c.dry == nil {
				c.errorf("%s:%d: %s\n", c.lx.curName(), c.lx.curLine(), a[1])
			}
			return ""
		}}
	default:
		return "", false
	}
	if len(args) < f.min {
		c.pperror("too few function arguments passed to '%s'", name)
	}
	if len(args) > f.max {
		c.pperror("too many function arguments passed to '%s'", name)
	}
	return f.do(args), true
}

// doShell is do_shell: at most 4095 bytes of output, trailing newlines
// dropped, inner newlines turned into spaces. The exit status is ignored, as
// popen/pclose in C ignore it.
func (c *Config) doShell(cmd string) string {
	if c.dry != nil {
		return c.dryShell(cmd)
	}
	out, err := c.runShell(cmd)
	if err != nil {
		c.pperror("%s: %v", cmd, err)
	}
	if len(out) >= 4096 {
		out = out[:4095]
	}
	for len(out) > 0 && out[len(out)-1] == '\n' {
		out = out[:len(out)-1]
	}
	return strings.ReplaceAll(string(out), "\n", " ")
}

func (c *Config) variableLookup(name string) *variable {
	for _, v := range c.vars {
		if v.name == name {
			return v
		}
	}
	return nil
}

func (c *Config) variableExpand(name string, args []string) (string, bool) {
	v := c.variableLookup(name)
	if v == nil {
		return "", false
	}
	if len(args) == 0 && v.expCount > 0 {
		c.pperror("Recursive variable '%s' references itself (eventually)", name)
	}
	if v.expCount > 1000 {
		c.pperror("Too deep recursive expansion")
	}
	v.expCount++
	var res string
	if v.flavor == varRecursive {
		res = c.expandStringArgs(v.value, args)
	} else {
		res = v.value
	}
	v.expCount--
	return res, true
}

// variableAdd is variable_add.
func (c *Config) variableAdd(name, value string, flavor varFlavor) {
	v := c.variableLookup(name)
	appendVal := false
	if v != nil {
		if flavor == varAppend {
			flavor = v.flavor
			appendVal = true
		}
	} else {
		if flavor == varAppend {
			flavor = varRecursive
		}
		v = &variable{name: name}
		c.vars = append(c.vars, v)
	}
	v.flavor = flavor
	nv := value
	if flavor == varSimple {
		nv = c.expandStringArgs(value, nil)
	}
	if appendVal {
		v.value += " " + nv
	} else {
		v.value = nv
	}
}

// evalClause is eval_clause: the text between $( and ), split at top-level
// commas; $(1).. are the arguments of a user-defined function.
func (c *Config) evalClause(str string, args []string) string {
	if n, err := strconv.ParseUint(str, 10, 64); err == nil && n > 0 && n <= uint64(len(args)) && !strings.HasPrefix(str, "+") {
		return args[n-1]
	}
	var parts []string
	nest := 0
	prev := 0
	for i := 0; i < len(str); i++ {
		switch str[i] {
		case ',':
			if nest == 0 {
				if len(parts) >= 16 {
					c.pperror("too many function arguments")
				}
				parts = append(parts, str[prev:i])
				prev = i + 1
			}
		case '(':
			nest++
		case ')':
			nest--
		}
	}
	if len(parts) >= 16 {
		c.pperror("too many function arguments")
	}
	parts = append(parts, str[prev:])
	name := c.expandStringArgs(parts[0], args)
	if c.dry != nil && strings.Contains(name, unknownMark) {
		return unknownMark
	}
	newArgs := make([]string, len(parts)-1)
	for i := range newArgs {
		newArgs[i] = c.expandStringArgs(parts[i+1], args)
	}
	if r, ok := c.variableExpand(name, newArgs); ok {
		return r
	}
	if r, ok := c.functionExpand(name, newArgs); ok {
		return r
	}
	if len(newArgs) == 0 {
		if r, ok := c.envExpand(name); ok {
			return r
		}
	}
	return ""
}

// expandDollar is expand_dollar_with_args: s starts just after a '$'. It
// returns the expansion and how many bytes of s it consumed.
func (c *Config) expandDollar(s string, args []string) (string, int) {
	if s == "" || s[0] != '(' {
		return "$", 0
	}
	nest := 0
	for q := 1; q < len(s); q++ {
		switch s[q] {
		case '(':
			nest++
		case ')':
			if nest == 0 {
				return c.evalClause(s[1:q], args), q + 1
			}
			nest--
		}
	}
	c.pperror("unterminated reference to '%s': missing ')'", s[1:])
	return "", 0
}

// expandUntil is __expand_string: it expands s up to the first byte for
// which isEnd is true (or the end) and returns the result and the number of
// bytes consumed.
func (c *Config) expandUntil(s string, isEnd func(byte) bool, args []string) (string, int) {
	var b strings.Builder
	i := 0
	for i < len(s) {
		if s[i] == '$' {
			exp, n := c.expandDollar(s[i+1:], args)
			b.WriteString(exp)
			i += 1 + n
			continue
		}
		if isEnd(s[i]) {
			break
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String(), i
}

func (c *Config) expandStringArgs(s string, args []string) string {
	r, _ := c.expandUntil(s, func(byte) bool { return false }, args)
	return r
}

func isTokenByte(b byte) bool {
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-'
}

// expandOneToken is expand_one_token.
func (c *Config) expandOneToken(s string) (string, int) {
	return c.expandUntil(s, func(b byte) bool { return !isTokenByte(b) }, nil)
}
