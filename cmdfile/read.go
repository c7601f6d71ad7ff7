package cmdfile

import (
	"fmt"
	"strings"
	"unsafe"
)

// Record is what one .cmd file says about its target, read directly rather than through the make
// evaluator: the saved command line (as make's `:=` reads it: $$ is $, $(pound) is #), the source, and
// the dependency list fixdep wrote, each entry marked when it is a $(wildcard ...) (a CONFIG touch file,
// a dependency only while it exists). A cached graph loads records this way (docs/GRAPH-CACHE.md).
type Record struct {
	// Prefix is the saved command's variable prefix ("cmd_" before 6.2, "savedcmd_" since).
	Prefix, Target string
	Command        string
	Source         string
	Deps           []Dep
}

// Dep is one entry of deps_<target>.
type Dep struct {
	Path string
	// IfExists is a $(wildcard Path) entry: make's prerequisite only when the file exists.
	IfExists bool
}

// Read parses the content of a .cmd file as Kbuild and fixdep write it. The record's strings share data's
// memory (no copy of a file read only to be parsed): the caller must not change data afterwards. Anything else (a line this
// grammar does not know, a $(...) other than $(pound) and $(wildcard ...)) is an error: the caller then
// evaluates the file as make would.
func Read(data []byte) (*Record, error) {
	// One pass over the text, line by line, the dependency list appended in place: a kernel's no-op
	// reads thousands of these files, each hundreds of lines long.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	r := &Record{Deps: make([]Dep, 0, strings.Count(text, "\n"))}
	line := 0
	next := func() (string, bool) {
		if text == "" {
			return "", false
		}
		l, rest, _ := strings.Cut(text, "\n")
		text = rest
		line++
		return l, true
	}
	peek := func() string {
		l, _, _ := strings.Cut(text, "\n")
		return l
	}
	var err error
	for {
		l, ok := next()
		if !ok {
			break
		}
		switch {
		case l == "":
		case strings.HasPrefix(l, "source_"):
			_, v, ok := strings.Cut(l, " := ")
			if !ok {
				return nil, fmt.Errorf("line %d: %q", line, l)
			}
			r.Source = v
		case strings.HasPrefix(l, "deps_"):
			if !strings.HasSuffix(l, " := \\") {
				return nil, fmt.Errorf("line %d: %q", line, l)
			}
			for text != "" && strings.HasSuffix(peek(), " \\") {
				l, _ := next()
				if r.Deps, err = appendDeps(r.Deps, strings.TrimSuffix(l, " \\")); err != nil {
					return nil, fmt.Errorf("line %d: %v", line, err)
				}
			}
		case r.Target != "" && (l == r.Target+": $(deps_"+r.Target+")" || l == "$(deps_"+r.Target+"):"):
		case r.Target != "" && strings.HasPrefix(l, r.Target+": "):
			// More prerequisites Kbuild appends (objtool's `$@: $$(wildcard $(objtool))`).
			if r.Deps, err = appendDeps(r.Deps, strings.TrimPrefix(l, r.Target+": ")); err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
		case r.Target == "" && strings.Contains(l, " := "):
			name, v, _ := strings.Cut(l, " := ")
			j := strings.IndexByte(name, '_')
			if j < 0 {
				return nil, fmt.Errorf("line %d: %q", line, l)
			}
			r.Prefix, r.Target = name[:j+1], name[j+1:]
			cmd, err := unescape(v)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			r.Command = cmd
		default:
			return nil, fmt.Errorf("line %d: %q", line, l)
		}
	}
	if r.Target == "" {
		return nil, fmt.Errorf("no saved command")
	}
	return r, nil
}

// unescape reads the value of a `:=` line as make expands it, for the only references make-cmd writes.
func unescape(v string) (string, error) {
	if !strings.Contains(v, "$") {
		return v, nil
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '$' {
			b.WriteByte(v[i])
			continue
		}
		switch {
		case strings.HasPrefix(v[i:], "$$"):
			b.WriteByte('$')
			i++
		case strings.HasPrefix(v[i:], "$(pound)"):
			b.WriteByte('#')
			i += len("$(pound)") - 1
		default:
			return "", fmt.Errorf("a reference make would expand: %q", v[i:min(len(v), i+20)])
		}
	}
	return b.String(), nil
}

// appendDeps appends the prerequisites text names: plain names and $(wildcard NAME...) entries.
func appendDeps(out []Dep, text string) ([]Dep, error) {
	for text = strings.TrimSpace(text); text != ""; text = strings.TrimSpace(text) {
		if w, ok := strings.CutPrefix(text, "$(wildcard "); ok {
			end := strings.IndexByte(w, ')')
			if end < 0 || strings.Contains(w[:end], "$") {
				return nil, fmt.Errorf("%q", text)
			}
			for _, p := range strings.Fields(w[:end]) {
				out = append(out, Dep{Path: p, IfExists: true})
			}
			text = w[end+1:]
			continue
		}
		word, rest, _ := strings.Cut(text, " ")
		if strings.Contains(word, "$") {
			return nil, fmt.Errorf("%q", text)
		}
		out = append(out, Dep{Path: word})
		text = rest
	}
	return out, nil
}
