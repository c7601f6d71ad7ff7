package cmdfile

import (
	"fmt"
	"strings"
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

// Read parses the content of a .cmd file as Kbuild and fixdep write it. Anything else (a line this
// grammar does not know, a $(...) other than $(pound) and $(wildcard ...)) is an error: the caller then
// evaluates the file as make would.
func Read(data []byte) (*Record, error) {
	lines := strings.Split(string(data), "\n")
	r := &Record{}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case l == "":
		case strings.HasPrefix(l, "source_"):
			_, v, ok := strings.Cut(l, " := ")
			if !ok {
				return nil, fmt.Errorf("line %d: %q", i+1, l)
			}
			r.Source = v
		case strings.HasPrefix(l, "deps_"):
			if !strings.HasSuffix(l, " := \\") {
				return nil, fmt.Errorf("line %d: %q", i+1, l)
			}
			for i++; i < len(lines) && strings.HasSuffix(lines[i], " \\"); i++ {
				deps, err := depWords(strings.TrimSuffix(lines[i], " \\"))
				if err != nil {
					return nil, fmt.Errorf("line %d: %v", i+1, err)
				}
				r.Deps = append(r.Deps, deps...)
			}
			i-- // the line after the list
		case r.Target != "" && (l == r.Target+": $(deps_"+r.Target+")" || l == "$(deps_"+r.Target+"):"):
		case r.Target != "" && strings.HasPrefix(l, r.Target+": "):
			// More prerequisites Kbuild appends (objtool's `$@: $$(wildcard $(objtool))`).
			deps, err := depWords(strings.TrimPrefix(l, r.Target+": "))
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			r.Deps = append(r.Deps, deps...)
		case r.Target == "" && strings.Contains(l, " := "):
			name, v, _ := strings.Cut(l, " := ")
			j := strings.IndexByte(name, '_')
			if j < 0 {
				return nil, fmt.Errorf("line %d: %q", i+1, l)
			}
			r.Prefix, r.Target = name[:j+1], name[j+1:]
			cmd, err := unescape(v)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			r.Command = cmd
		default:
			return nil, fmt.Errorf("line %d: %q", i+1, l)
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

// depWords reads prerequisites: plain names and $(wildcard NAME...) entries.
func depWords(text string) ([]Dep, error) {
	var out []Dep
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
