package makelang

import (
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// builtin is one of make's functions. fn receives the unexpanded arguments so that if/or/and/foreach/call
// can expand lazily, as make does.
type builtin struct {
	maxArgs int // -1: no limit
	fn      func(c *ctx, args []expr, buf []byte) ([]byte, error)
}

// builtins is the function table. It is read-only after package initialisation.
var builtins map[string]*builtin

func init() {
	builtins = map[string]*builtin{
		"subst": {3, eager(3, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			if a[0] == "" {
				return append(append(buf, a[2]...), a[1]...), nil
			}
			return append(buf, strings.ReplaceAll(a[2], a[0], a[1])...), nil
		})},
		"patsubst": {3, eager(3, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			return patsubst(buf, a[0], a[1], a[2]), nil
		})},
		"strip": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			return joinWords(buf, a[0], func(w string) string { return w }), nil
		})},
		"findstring": {2, eager(2, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			if strings.Contains(a[1], a[0]) {
				buf = append(buf, a[0]...)
			}
			return buf, nil
		})},
		"filter":     {2, eager(2, func(c *ctx, a []string, buf []byte) ([]byte, error) { return filter(buf, a[0], a[1], true), nil })},
		"filter-out": {2, eager(2, func(c *ctx, a []string, buf []byte) ([]byte, error) { return filter(buf, a[0], a[1], false), nil })},
		"sort": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			start := len(buf)
			ws := strings.Fields(a[0])
			sort.Strings(ws)
			for i, w := range ws {
				if i > 0 && w == ws[i-1] {
					continue
				}
				buf = appendWord(buf, start, w)
			}
			return buf, nil
		})},
		"word": {2, eager(2, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			n, err := strconv.Atoi(strings.TrimSpace(a[0]))
			if err != nil {
				return buf, c.errorf("non-numeric first argument to 'word' function: '%s'", strings.TrimSpace(a[0]))
			}
			if n <= 0 {
				return buf, c.errorf("first argument to 'word' function must be greater than 0")
			}
			ws := strings.Fields(a[1])
			if n <= len(ws) {
				buf = append(buf, ws[n-1]...)
			}
			return buf, nil
		})},
		"words": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			return strconv.AppendInt(buf, int64(len(strings.Fields(a[0]))), 10), nil
		})},
		"wordlist": {3, eager(3, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			start := len(buf)
			s, err1 := strconv.Atoi(strings.TrimSpace(a[0]))
			e, err2 := strconv.Atoi(strings.TrimSpace(a[1]))
			if err1 != nil || err2 != nil {
				return buf, c.errorf("non-numeric argument to 'wordlist' function")
			}
			if s <= 0 {
				return buf, c.errorf("invalid first argument to 'wordlist' function: '%d'", s)
			}
			ws := strings.Fields(a[2])
			if e > len(ws) {
				e = len(ws)
			}
			for i := s - 1; i < e; i++ {
				buf = appendWord(buf, start, ws[i])
			}
			return buf, nil
		})},
		"firstword": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			if ws := strings.Fields(a[0]); len(ws) > 0 {
				buf = append(buf, ws[0]...)
			}
			return buf, nil
		})},
		"lastword": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			if ws := strings.Fields(a[0]); len(ws) > 0 {
				buf = append(buf, ws[len(ws)-1]...)
			}
			return buf, nil
		})},
		"dir":    {1, eachWord(dirOf)},
		"notdir": {1, eachWord(notdir)},
		"suffix": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			start := len(buf)
			forWords(a[0], func(w string) {
				if sfx := suffixOf(w); sfx != "" {
					buf = appendWord(buf, start, sfx)
				}
			})
			return buf, nil
		})},
		"basename": {1, eachWord(basename)},
		"addprefix": {2, eager(2, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			return joinWords(buf, a[1], func(w string) string { return a[0] + w }), nil
		})},
		"addsuffix": {2, eager(2, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			return joinWords(buf, a[1], func(w string) string { return w + a[0] }), nil
		})},
		"join": {2, eager(2, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			start := len(buf)
			x, y := strings.Fields(a[0]), strings.Fields(a[1])
			for i := 0; i < len(x) || i < len(y); i++ {
				var w string
				if i < len(x) {
					w = x[i]
				}
				if i < len(y) {
					w += y[i]
				}
				buf = appendWord(buf, start, w)
			}
			return buf, nil
		})},
		"wildcard": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			start := len(buf)
			for _, pat := range strings.Fields(a[0]) {
				for _, m := range c.s.glob(pat) {
					buf = appendWord(buf, start, m)
				}
			}
			return buf, nil
		})},
		"realpath": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			start := len(buf)
			for _, w := range strings.Fields(a[0]) {
				p := c.s.abs(w)
				if sl, ok := c.s.fs.(SymlinkFS); ok {
					r, err := sl.EvalSymlinks(p)
					if err != nil {
						continue
					}
					p = r
				} else if _, err := c.s.fs.Stat(p); err != nil {
					continue
				}
				buf = appendWord(buf, start, p)
			}
			return buf, nil
		})},
		"abspath": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			return joinWords(buf, a[0], c.s.abs), nil
		})},
		"if": {3, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			cond, err := c.expandString(args[0])
			if err != nil {
				return buf, err
			}
			if cond != "" {
				if len(args) > 1 {
					return args[1].eval(c, buf)
				}
			} else if len(args) > 2 {
				return args[2].eval(c, buf)
			}
			return buf, nil
		}},
		"or": {-1, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			for _, a := range args {
				v, err := c.expandString(a)
				if err != nil {
					return buf, err
				}
				if v != "" {
					return append(buf, v...), nil
				}
			}
			return buf, nil
		}},
		"and": {-1, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			var v string
			for _, a := range args {
				var err error
				if v, err = c.expandString(a); err != nil {
					return buf, err
				}
				if v == "" {
					return buf, nil
				}
			}
			return append(buf, v...), nil
		}},
		"foreach": {3, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			if len(args) < 3 {
				return buf, c.errorf("insufficient number of arguments (%d) to function 'foreach'", len(args))
			}
			name, err := c.expandString(args[0])
			if err != nil {
				return buf, err
			}
			list, err := c.expandString(args[1])
			if err != nil {
				return buf, err
			}
			name = strings.TrimSpace(name)
			c.locals = append(c.locals, local{name: name})
			idx := len(c.locals) - 1
			first := true
			for _, w := range strings.Fields(list) {
				c.locals[idx].value = w
				if !first {
					buf = append(buf, ' ')
				}
				first = false
				if buf, err = args[2].eval(c, buf); err != nil {
					break
				}
			}
			c.locals = c.locals[:idx]
			return buf, err
		}},
		"call": {-1, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			vals, err := c.expandArgs(args)
			if err != nil {
				return buf, err
			}
			name := strings.TrimSpace(vals[0])
			if h := c.s.opts.CallHook; h != nil {
				if out, ok := h(&CallContext{c: c}, name, vals[1:]); ok {
					return append(buf, out...), nil
				}
			}
			return c.callVar(name, vals[1:], buf)
		}},
		"eval": {1, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			text, err := c.expandString(args[0])
			if err != nil {
				return buf, err
			}
			f, err := c.s.cache.parseText(c.pos.File, c.pos.Line, text)
			if err != nil {
				return buf, err
			}
			save := c.pos
			// $(eval) shares the caller's locals ($(1) of an enclosing $(call)).
			sub := &ctx{s: c.s, locals: c.locals, auto: c.auto, tvars: c.tvars, own: c.own}
			err = sub.evalNodes(f.Nodes)
			if err == nil {
				err = c.s.flushRule()
			}
			c.pos = save
			return buf, err
		}},
		"value": {1, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			name, err := c.expandString(args[0])
			if err != nil {
				return buf, err
			}
			name = strings.TrimSpace(name)
			for i := len(c.locals) - 1; i >= 0; i-- {
				if c.locals[i].name == name {
					return append(buf, c.locals[i].value...), nil
				}
			}
			if v, _ := c.lookup(name, 0); v != nil {
				buf = append(buf, v.text()...)
			}
			return buf, nil
		}},
		"origin": {1, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			name, err := c.expandString(args[0])
			if err != nil {
				return buf, err
			}
			name = strings.TrimSpace(name)
			for i := len(c.locals) - 1; i >= 0; i-- {
				if c.locals[i].name == name {
					return append(buf, "automatic"...), nil
				}
			}
			if c.auto != nil {
				if _, ok := c.auto.get(name); ok {
					return append(buf, "automatic"...), nil
				}
			}
			o := OriginUndefined
			if v, _ := c.lookup(name, 0); v != nil {
				o = v.origin
			}
			return append(buf, o.String()...), nil
		}},
		"flavor": {1, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			name, err := c.expandString(args[0])
			if err != nil {
				return buf, err
			}
			name = strings.TrimSpace(name)
			for i := len(c.locals) - 1; i >= 0; i-- {
				if c.locals[i].name == name {
					return append(buf, "simple"...), nil
				}
			}
			f := FlavorUndefined
			if v, _ := c.lookup(name, 0); v != nil {
				f = v.flavor
			}
			return append(buf, f.String()...), nil
		}},
		"shell": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			return append(buf, c.runShell(a[0])...), nil
		})},
		"info": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			c.s.output(1, a[0]+"\n")
			return buf, nil
		})},
		"warning": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			c.s.output(2, c.pos.String()+": "+a[0]+"\n")
			return buf, nil
		})},
		"error": {1, eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
			return buf, c.errorf("%s", a[0])
		})},
		"file": {2, func(c *ctx, args []expr, buf []byte) ([]byte, error) {
			vals, err := c.expandArgs(args)
			if err != nil {
				return buf, err
			}
			return c.fileFunc(vals, buf)
		}},
	}
}

// eager wraps a function whose arguments are all expanded first; missing arguments are empty.
func eager(n int, f func(c *ctx, a []string, buf []byte) ([]byte, error)) func(*ctx, []expr, []byte) ([]byte, error) {
	return func(c *ctx, args []expr, buf []byte) ([]byte, error) {
		var arr [3]string
		a := arr[:n]
		for i := 0; i < n && i < len(args); i++ {
			var err error
			if a[i], err = c.expandString(args[i]); err != nil {
				return buf, err
			}
		}
		return f(c, a, buf)
	}
}

// eachWord maps a one-argument function over the words of its argument.
func eachWord(f func(string) string) func(*ctx, []expr, []byte) ([]byte, error) {
	return eager(1, func(c *ctx, a []string, buf []byte) ([]byte, error) {
		return joinWords(buf, a[0], f), nil
	})
}

// expandArgs expands every argument.
func (c *ctx) expandArgs(args []expr) ([]string, error) {
	vals := make([]string, len(args))
	for i, a := range args {
		var err error
		if vals[i], err = c.expandString(a); err != nil {
			return nil, err
		}
	}
	return vals, nil
}

// callVar is make's $(call): the variable name expanded with $(0)=name and $(1)... the args; numbered
// variables of an enclosing call beyond len(args) are hidden. A builtin function name calls the builtin.
func (c *ctx) callVar(name string, args []string, buf []byte) ([]byte, error) {
	if fn := builtins[name]; fn != nil {
		es := make([]expr, len(args))
		for i, a := range args {
			es[i] = literal(a)
		}
		return fn.fn(c, es, buf)
	}
	v, level := c.lookup(name, 0)
	if v == nil {
		return buf, nil
	}
	saved := c.locals
	locals := make([]local, 0, len(saved)+len(args)+1)
	locals = append(locals, saved...)
	locals = append(locals, local{"0", name})
	for i, a := range args {
		locals = append(locals, local{argName(i + 1), a})
	}
	for i := len(args) + 1; i <= maxArgIndex(saved); i++ {
		locals = append(locals, local{argName(i), ""})
	}
	c.locals = locals
	buf, err := c.expandVarAt(name, v, level, buf)
	c.locals = saved
	return buf, err
}

// argNames avoids formatting the usual $(1)..$(9) names at every call.
var argNames = [...]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

func argName(i int) string {
	if i < len(argNames) {
		return argNames[i]
	}
	return strconv.Itoa(i)
}

func maxArgIndex(ls []local) int {
	m := 0
	for _, l := range ls {
		if l.name == "" || l.name[0] < '0' || l.name[0] > '9' {
			continue // foreach variables, cheaply skipped
		}
		if n, err := strconv.Atoi(l.name); err == nil && n > m {
			m = n
		}
	}
	return m
}

// fileFunc implements $(file >name,text), $(file >>name,text) and $(file <name).
func (c *ctx) fileFunc(vals []string, buf []byte) ([]byte, error) {
	spec := strings.TrimSpace(vals[0])
	switch {
	case strings.HasPrefix(spec, "<"):
		name := strings.TrimSpace(spec[1:])
		data, err := c.s.fs.ReadFile(c.s.abs(name))
		if err != nil {
			return buf, nil
		}
		s := string(data)
		s = strings.TrimSuffix(s, "\n")
		return append(buf, s...), nil
	case strings.HasPrefix(spec, ">"):
		app := strings.HasPrefix(spec, ">>")
		name := strings.TrimSpace(strings.TrimLeft(spec, ">"))
		w, ok := c.s.fs.(WriteFS)
		if !ok {
			return buf, c.errorf("file: cannot write '%s': file system is read-only", name)
		}
		var text string
		if len(vals) > 1 {
			text = vals[1]
			if !strings.HasSuffix(text, "\n") {
				text += "\n"
			}
		}
		if err := w.WriteFile(c.s.abs(name), []byte(text), app); err != nil {
			return buf, c.errorf("open: %s: %v", name, err)
		}
		return buf, nil
	}
	return buf, c.errorf("file: invalid file operation: %s", spec)
}

// appendWord appends w, preceded by a space when buf has grown past start (the function's own output).
func appendWord(buf []byte, start int, w string) []byte {
	if len(buf) > start {
		buf = append(buf, ' ')
	}
	return append(buf, w...)
}

// joinWords appends f(word) for each word of text, space-separated.
func joinWords(buf []byte, text string, f func(string) string) []byte {
	first := true
	forWords(text, func(w string) {
		if !first {
			buf = append(buf, ' ')
		}
		first = false
		buf = append(buf, f(w)...)
	})
	return buf
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// forWords calls f for each whitespace-separated word without allocating.
func forWords(text string, f func(string)) {
	i := 0
	for i < len(text) {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
		j := i
		for j < len(text) && !isSpace(text[j]) {
			j++
		}
		if j > i {
			f(text[i:j])
		}
		i = j
	}
}

// matchPattern matches word against a pattern with at most one '%', returning the stem.
func matchPattern(pat, word string) (string, bool) {
	i := strings.IndexByte(pat, '%')
	if i < 0 {
		return "", pat == word
	}
	pre, suf := pat[:i], pat[i+1:]
	if len(word) < len(pre)+len(suf) || !strings.HasPrefix(word, pre) || !strings.HasSuffix(word, suf) {
		return "", false
	}
	return word[len(pre) : len(word)-len(suf)], true
}

// patsubst appends $(patsubst pat,repl,text).
func patsubst(buf []byte, pat, repl, text string) []byte {
	pi := strings.IndexByte(repl, '%')
	hasPct := strings.IndexByte(pat, '%') >= 0
	first := true
	forWords(text, func(w string) {
		if !first {
			buf = append(buf, ' ')
		}
		first = false
		stem, ok := matchPattern(pat, w)
		switch {
		case !ok:
			buf = append(buf, w...)
		case pi < 0 || !hasPct:
			buf = append(buf, repl...)
		default:
			buf = append(buf, repl[:pi]...)
			buf = append(buf, stem...)
			buf = append(buf, repl[pi+1:]...)
		}
	})
	return buf
}

// filter appends the words of text matching (keep) or not matching any pattern of pats.
func filter(buf []byte, pats, text string, keep bool) []byte {
	start := len(buf)
	ps := strings.Fields(pats)
	forWords(text, func(w string) {
		m := false
		for _, p := range ps {
			if _, ok := matchPattern(p, w); ok {
				m = true
				break
			}
		}
		if m == keep {
			buf = appendWord(buf, start, w)
		}
	})
	return buf
}

func dirOf(w string) string {
	if i := strings.LastIndexByte(w, '/'); i >= 0 {
		return w[:i+1]
	}
	return "./"
}

func notdir(w string) string {
	if i := strings.LastIndexByte(w, '/'); i >= 0 {
		return w[i+1:]
	}
	return w
}

func suffixOf(w string) string {
	i := strings.LastIndexByte(w, '.')
	if i < 0 || strings.IndexByte(w[i:], '/') >= 0 {
		return ""
	}
	return w[i:]
}

func basename(w string) string {
	i := strings.LastIndexByte(w, '.')
	if i < 0 || strings.IndexByte(w[i:], '/') >= 0 {
		return w
	}
	return w[:i]
}

// glob expands one $(wildcard) pattern through the scope's FS. Matches keep the pattern's own form
// (relative, "./" or "../" prefixes as written), and are sorted, as make 4.3 returns them.
func (s *Scope) glob(pat string) []string {
	if !strings.ContainsAny(pat, "*?[") {
		// The file system only: $(wildcard) tells what is on disk now, never what a rule will make
		// (Options.Exists is for rule search). Kbuild's existing-targets and obj-dirs depend on it.
		if _, err := s.fs.Stat(s.abs(pat)); err == nil {
			return []string{pat}
		}
		return nil
	}
	type match struct{ shown, abs string }
	start := match{"", s.opts.Dir}
	rest := pat
	if strings.HasPrefix(pat, "/") {
		start = match{"/", "/"}
		rest = strings.TrimLeft(pat, "/")
	}
	parts := strings.Split(rest, "/")
	matches := []match{start}
	join := func(shown, part string) string {
		if shown == "" {
			return part
		}
		if strings.HasSuffix(shown, "/") {
			return shown + part
		}
		return shown + "/" + part
	}
	for i, part := range parts {
		var next []match
		last := i == len(parts)-1
		for _, m := range matches {
			if part == "" { // a doubled or trailing slash
				next = append(next, match{m.shown + "/", m.abs})
				continue
			}
			if !strings.ContainsAny(part, "*?[") {
				p := path.Join(m.abs, part)
				if last {
					if _, err := s.fs.Stat(p); err != nil {
						continue
					}
				}
				next = append(next, match{join(m.shown, part), p})
				continue
			}
			ents, err := s.fs.ReadDir(m.abs)
			if err != nil {
				continue
			}
			for _, e := range ents {
				n := e.Name()
				if n[0] == '.' && part[0] != '.' {
					continue
				}
				if ok, _ := path.Match(part, n); ok {
					if !last && !e.IsDir() && e.Type()&fs.ModeSymlink == 0 {
						continue
					}
					next = append(next, match{join(m.shown, n), path.Join(m.abs, n)})
				}
			}
		}
		matches = next
	}
	out := make([]string, 0, len(matches))
	for _, m := range matches {
		out = append(out, m.shown)
	}
	sort.Strings(out)
	return out
}
