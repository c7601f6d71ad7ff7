package dag

import (
	"fmt"
	"strings"
)

// Depfile is a parsed gcc -MD/-MMD make-format dependency file.
type Depfile struct {
	// Targets are the targets of the rules that have prerequisites, in order, without duplicates.
	Targets []string
	// Deps are the prerequisites of those rules, in order, without duplicates. Rules with no
	// prerequisites (the phony `header.h:` entries of -MP) contribute nothing.
	Deps []string
}

// ParseDepfile parses a make-format depfile as gcc writes it: rules `targets: prerequisites` separated by
// newlines, backslash-newline continuations, `\ ` for a space in a name, `\#` for '#', `$$` for '$', and
// a doubled backslash before a space for a backslash. Several targets per rule and several rules are allowed.
func ParseDepfile(data []byte) (*Depfile, error) {
	d := &Depfile{}
	seenT := make(map[string]bool)
	seenD := make(map[string]bool)
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lineNo := 1
	var targets, deps []string
	inDeps := false
	var word strings.Builder
	hasWord := false
	flush := func() {
		if !hasWord {
			return
		}
		w := word.String()
		word.Reset()
		hasWord = false
		if inDeps {
			deps = append(deps, w)
		} else {
			targets = append(targets, w)
		}
	}
	endRule := func() error {
		flush()
		if !inDeps {
			if len(targets) > 0 {
				return fmt.Errorf("depfile:%d: expected ':' after %q", lineNo, targets[0])
			}
			return nil
		}
		if len(deps) > 0 {
			for _, t := range targets {
				if !seenT[t] {
					seenT[t] = true
					d.Targets = append(d.Targets, t)
				}
			}
			for _, p := range deps {
				if !seenD[p] {
					seenD[p] = true
					d.Deps = append(d.Deps, p)
				}
			}
		}
		targets, deps, inDeps = nil, nil, false
		return nil
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\\':
			// A run of n backslashes: before a space, 2k+1 of them are k literal backslashes and an escaped
			// space, 2k are k backslashes and a separator (gcc doubles backslashes that precede a space);
			// before '#' they escape it; a single one before a newline is a continuation; otherwise they are
			// literal.
			j := i
			for j < len(text) && text[j] == '\\' {
				j++
			}
			n := j - i
			var next byte
			if j < len(text) {
				next = text[j]
			}
			switch next {
			case ' ', '\t':
				word.WriteString(strings.Repeat("\\", n/2))
				hasWord = hasWord || n/2 > 0
				if n%2 == 1 {
					word.WriteByte(next)
					hasWord = true
				} else {
					flush()
				}
				i = j
			case '#':
				word.WriteString(strings.Repeat("\\", n/2))
				word.WriteByte('#')
				hasWord = true
				i = j
			case '\n':
				if n > 1 {
					word.WriteString(strings.Repeat("\\", n-1))
					hasWord = true
				}
				flush() // continuation: acts as whitespace
				i = j
				lineNo++
			default:
				word.WriteString(strings.Repeat("\\", n))
				hasWord = true
				i = j - 1
			}
		case c == '$' && i+1 < len(text) && text[i+1] == '$':
			word.WriteByte('$')
			hasWord = true
			i++
		case c == ' ' || c == '\t':
			flush()
		case c == '\n':
			if err := endRule(); err != nil {
				return nil, err
			}
			lineNo++
		case c == ':' && !inDeps && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t' || text[i+1] == '\n' || text[i+1] == '\\'):
			flush()
			if len(targets) == 0 {
				return nil, fmt.Errorf("depfile:%d: rule without target", lineNo)
			}
			inDeps = true
		default:
			word.WriteByte(c)
			hasWord = true
		}
	}
	if err := endRule(); err != nil {
		return nil, err
	}
	return d, nil
}
