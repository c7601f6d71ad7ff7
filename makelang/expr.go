package makelang

import (
	"bytes"
	"errors"
	"strings"
)

// expr is a parsed piece of make text. Expressions are immutable and shared between scopes; evaluation
// appends to a byte buffer so that expanding a variable allocates nothing but the buffer's growth.
type expr interface {
	eval(c *ctx, buf []byte) ([]byte, error)
}

// literal is text without references.
type literal string

func (l literal) eval(_ *ctx, buf []byte) ([]byte, error) { return append(buf, l...), nil }

// seq is a concatenation.
type seq []expr

func (s seq) eval(c *ctx, buf []byte) ([]byte, error) {
	var err error
	for _, e := range s {
		if buf, err = e.eval(c, buf); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// varRef is $(NAME) or $X with a literal name: the hot path, no allocation.
type varRef string

func (v varRef) eval(c *ctx, buf []byte) ([]byte, error) { return c.expandVar(string(v), buf) }

// substRef is $(NAME:pat=repl) with literal parts.
type substRef struct{ name, pat, repl string }

func (s *substRef) eval(c *ctx, buf []byte) ([]byte, error) {
	val, err := c.expandVar(s.name, c.scratch())
	if err != nil {
		return buf, err
	}
	buf = substRefApply(buf, string(val), s.pat, s.repl)
	c.release(val)
	return buf, nil
}

// substRefApply implements the substitution reference: a pattern without '%' replaces a suffix of each
// word, as if written %pat=%repl.
func substRefApply(buf []byte, text, pat, repl string) []byte {
	if !strings.Contains(pat, "%") {
		pat, repl = "%"+pat, "%"+repl
	}
	return patsubst(buf, pat, repl, text)
}

// computedRef is $(...) whose content contains references: the whole content is expanded first and only
// then split into name and substitution, as make's variable_expand_string does.
type computedRef struct{ content expr }

func (r *computedRef) eval(c *ctx, buf []byte) ([]byte, error) {
	nb, err := r.content.eval(c, c.scratch())
	if err != nil {
		return buf, err
	}
	if bytes.IndexByte(nb, ':') < 0 {
		buf, err = c.expandVarBytes(nb, buf)
		c.release(nb)
		return buf, err
	}
	content := string(nb)
	c.release(nb)
	if ci := strings.IndexByte(content, ':'); ci >= 0 {
		if ei := strings.IndexByte(content[ci+1:], '='); ei >= 0 {
			s := substRef{content[:ci], content[ci+1 : ci+1+ei], content[ci+2+ei:]}
			return s.eval(c, buf)
		}
	}
	return c.expandVar(content, buf)
}

// call is $(name args...). Builtins know their argument count; other names may be functions registered
// through Options.Funcs, otherwise the whole reference is a variable name with blanks (fallback).
type call struct {
	name     string
	fn       *builtin // nil when not a builtin
	args     []expr
	rawArgs  []string
	fallback expr
}

func (f *call) eval(c *ctx, buf []byte) ([]byte, error) {
	if f.fn != nil {
		return f.fn.fn(c, f.args, buf)
	}
	if fn, ok := c.s.opts.Funcs[f.name]; ok {
		args, err := c.expandArgs(f.args)
		if err != nil {
			return buf, err
		}
		out, err := fn(&CallContext{c: c}, args)
		if err != nil {
			return buf, c.errorf("%v", err)
		}
		return append(buf, out...), nil
	}
	return f.fallback.eval(c, buf)
}

var errUnterminated = errors.New("unterminated variable reference")

// parseExpr parses make text into an expression.
func parseExpr(s string) (expr, error) {
	if strings.IndexByte(s, '$') < 0 {
		return literal(s), nil
	}
	var parts seq
	var lit []byte
	flush := func() {
		if len(lit) > 0 {
			parts = append(parts, literal(lit))
			lit = nil
		}
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch != '$' {
			lit = append(lit, ch)
			continue
		}
		if i+1 >= len(s) {
			break // a lone '$' at the end expands to nothing
		}
		n := s[i+1]
		switch n {
		case '$':
			lit = append(lit, '$')
			i++
		case '(', '{':
			end := skipRef(s, i)
			closer := byte(')')
			if n == '{' {
				closer = '}'
			}
			if end > len(s) || s[end-1] != closer {
				return nil, errUnterminated
			}
			e, err := parseRef(s[i+2:end-1], n, closer)
			if err != nil {
				return nil, err
			}
			flush()
			parts = append(parts, e)
			i = end - 1
		default:
			flush()
			parts = append(parts, varRef(string(n)))
			i++
		}
	}
	flush()
	if len(parts) == 1 {
		return parts[0], nil
	}
	return parts, nil
}

// parseRef parses the inside of $(...).
func parseRef(content string, open, close byte) (expr, error) {
	if name, rest, ok := cutFuncName(content); ok {
		fn := builtins[name]
		maxArgs := -1
		if fn != nil {
			maxArgs = fn.maxArgs
		} else if !validFuncName(name) {
			goto variable
		}
		raw := splitArgs(rest, open, close, maxArgs)
		f := &call{name: name, fn: fn, rawArgs: raw}
		for i, a := range raw {
			if stripsArg(name, i) {
				a = strings.TrimSpace(a)
			}
			e, err := parseExpr(a)
			if err != nil {
				return nil, err
			}
			f.args = append(f.args, e)
		}
		if fn == nil {
			fb, err := parseVarContent(content)
			if err != nil {
				return nil, err
			}
			f.fallback = fb
		}
		return f, nil
	}
variable:
	return parseVarContent(content)
}

// stripsArg says whether GNU make strips blanks around a function's argument before expanding it: $(if)'s
// condition and every argument of $(or) and $(and) (func_if, func_or, func_and). What the expansion yields is
// kept as it is, so `$(or $(if $(K), x), y)` is " x" and a condition that expands to a blank is true.
func stripsArg(name string, i int) bool {
	return name == "or" || name == "and" || name == "if" && i == 0
}

func validFuncName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '-' || c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return name != ""
}

// parseVarContent parses the content of a variable (non-function) reference.
func parseVarContent(content string) (expr, error) {
	if strings.IndexByte(content, '$') >= 0 {
		e, err := parseExpr(content)
		if err != nil {
			return nil, err
		}
		return &computedRef{e}, nil
	}
	if ci := strings.IndexByte(content, ':'); ci >= 0 {
		if ei := strings.IndexByte(content[ci+1:], '='); ei >= 0 {
			return &substRef{content[:ci], content[ci+1 : ci+1+ei], content[ci+2+ei:]}, nil
		}
	}
	return varRef(content), nil
}

// cutFuncName splits "name args" at the first blank; the name must be followed by a blank.
func cutFuncName(content string) (string, string, bool) {
	i := strings.IndexAny(content, " \t")
	if i <= 0 {
		return "", "", false
	}
	return content[:i], strings.TrimLeft(content[i:], " \t"), true
}

// splitArgs splits function arguments at top-level commas, counting only parentheses of the kind that
// opened the call (as make's handle_function does); the last argument keeps further commas when max > 0.
func splitArgs(s string, open, close byte, max int) []string {
	var args []string
	depth := 0
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case open:
			depth++
		case close:
			depth--
		case ',':
			if depth == 0 && (max < 0 || len(args) < max-1) {
				args = append(args, s[start:i])
				start = i + 1
			}
		}
	}
	return append(args, s[start:])
}
