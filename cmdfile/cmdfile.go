// Package cmdfile writes Kbuild's per-target `.cmd` files exactly as GNU make and scripts/basic/fixdep
// write them, so that make and kbuild-go can take over an output tree from each other.
//
// A `.cmd` file is a makefile fragment that Makefile.build `-include`s on the next run:
//
//	cmd_<target> := <command, with $ written as $$ and # as $(pound)>
//
// and, for targets built with if_changed_dep / cmd_and_fixdep, fixdep's dependency list after it:
//
//	source_<target> := <first prerequisite of the depfile>
//
//	deps_<target> := \
//	  <header> \
//	    $(wildcard include/config/<SYMBOL>) \
//	  ...
//
//	<target>: $(deps_<target>)
//
//	$(deps_<target>):
//
// Reading goes through the make evaluator (the files are make syntax and are included by the kernel's own
// makefiles); this package only produces bytes, so that every writer agrees with make byte for byte.
package cmdfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// Escape returns cmd as Kbuild's make-cmd writes it into a .cmd file: every '$' doubled, then every '#'
// replaced by "$(pound)" (scripts/Kbuild.include: make-cmd; the escsq step only protects the printf in the
// shell and leaves no trace in the file).
func Escape(cmd string) string {
	if !strings.ContainsAny(cmd, "$#") {
		return cmd
	}
	var b strings.Builder
	b.Grow(len(cmd) + 8)
	for i := 0; i < len(cmd); i++ {
		switch cmd[i] {
		case '$':
			b.WriteString("$$")
		case '#':
			b.WriteString("$(pound)")
		default:
			b.WriteByte(cmd[i])
		}
	}
	return b.String()
}

// DefaultPrefix is the saved command's variable prefix of Linux before 6.2 ("cmd_"); 6.2 and later
// write "savedcmd_". A tree's own is in its Kbuild.include (see the targets package).
const DefaultPrefix = "cmd_"

// SaveCmd returns the content cmd_and_savecmd writes: `<prefix><target> := <escaped cmd>` and a newline.
func SaveCmd(prefix, target, cmd string) []byte {
	return []byte(prefix + target + " := " + Escape(cmd) + "\n")
}

// ConfigScanner remembers which CONFIG_ symbols have been emitted, as fixdep's hash table does for one
// target. It is not shared between targets.
type configSet map[string]struct{}

// ReadFunc reads a dependency (a header or the source) named as the depfile names it.
type ReadFunc func(name string) ([]byte, error)

// ErrNoTargets is fixdep's "parse error; no targets found".
var ErrNoTargets = errors.New("fixdep: parse error; no targets found")

// Fixdep returns what `scripts/basic/fixdep <depfile> <target> '<escaped cmd>'` prints, given the
// depfile's content; prefix is the saved command's variable prefix (DefaultPrefix, or "savedcmd_"). It reproduces fixdep.c of Linux 6.1 exactly, including its quirks: the first
// prerequisite after the first target becomes source_<target>; the first prerequisite after any later
// target is read but not listed; include/generated/autoconf.h and autoksyms.h are neither listed nor
// scanned; each CONFIG_<SYM> word (a trailing _MODULE dropped) is listed once per target, right after the
// file it was first found in. scan may cache file scans across targets (see Scanner).
func Fixdep(depfile []byte, prefix, target, cmd string, scan func(name string) ([]string, error)) ([]byte, error) {
	var out bytes.Buffer
	out.WriteString(prefix + target + " := " + Escape(cmd) + "\n\n")
	seen := configSet{}
	sawTarget, firstDep := false, false
	m := depfile
	for {
		for len(m) > 0 && (m[0] == ' ' || m[0] == '\\' || m[0] == '\n') {
			m = m[1:]
		}
		if len(m) == 0 {
			break
		}
		p := 0
		for p < len(m) && m[p] != ' ' && m[p] != '\\' && m[p] != '\n' && m[p] != 0 {
			p++
		}
		tok := string(m[:p])
		if tok[len(tok)-1] == ':' {
			firstDep = true
		} else if !ignored(tok) {
			if firstDep {
				if !sawTarget {
					sawTarget = true
					fmt.Fprintf(&out, "source_%s := %s\n\n", target, tok)
					fmt.Fprintf(&out, "deps_%s := \\\n", target)
				}
				firstDep = false
			} else {
				fmt.Fprintf(&out, "  %s \\\n", tok)
			}
			syms, err := scan(tok)
			if err != nil {
				return nil, fmt.Errorf("fixdep: error opening file: %s: %w", tok, err)
			}
			for _, s := range syms {
				if _, ok := seen[s]; ok {
					continue
				}
				seen[s] = struct{}{}
				fmt.Fprintf(&out, "    $(wildcard include/config/%s) \\\n", s)
			}
		}
		if p >= len(m) || m[p] == 0 {
			break
		}
		m = m[p+1:]
	}
	if !sawTarget {
		return nil, ErrNoTargets
	}
	fmt.Fprintf(&out, "\n%s: $(deps_%s)\n\n", target, target)
	fmt.Fprintf(&out, "$(deps_%s):\n", target)
	return out.Bytes(), nil
}

func ignored(s string) bool {
	return strings.HasSuffix(s, "include/generated/autoconf.h") ||
		strings.HasSuffix(s, "include/generated/autoksyms.h")
}

// ConfigSymbols returns the CONFIG_ symbols a file mentions, in order of first appearance, as fixdep's
// parse_config_file finds them: "CONFIG_" not preceded by an identifier character, followed by identifier
// characters, with a trailing "_MODULE" removed; empty names are skipped. Duplicates are kept out.
func ConfigSymbols(buf []byte) []string {
	var syms []string
	var seen map[string]struct{}
	start := 0
	for {
		i := bytes.Index(buf[start:], []byte("CONFIG_"))
		if i < 0 {
			return syms
		}
		p := start + i
		if p > 0 && isIdent(buf[p-1]) {
			start = p + 7
			continue
		}
		p += 7
		q := p
		for q < len(buf) && isIdent(buf[q]) {
			q++
		}
		r := q
		if q-p >= 7 && string(buf[q-7:q]) == "_MODULE" {
			r = q - 7
		}
		if r > p {
			s := string(buf[p:r])
			if seen == nil {
				seen = map[string]struct{}{}
			}
			if _, ok := seen[s]; !ok {
				seen[s] = struct{}{}
				syms = append(syms, s)
			}
		}
		start = q
	}
}

func isIdent(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
