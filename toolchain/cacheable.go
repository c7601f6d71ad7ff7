package toolchain

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// The cacheability rule.
//
// Prober.Shell caches a command only when its output is a function of things the cache key records: the
// command text, the environment, and the identity (path, size, mtime, ctime, inode) of every executable
// and file it names. A command is cacheable when all of these hold, and otherwise always runs:
//
//  1. Its shape is one of: the expansion of Makefile.compiler's try-run (set -e; TMP=<T>/tmp; trap "rm -rf
//     <T>" EXIT; mkdir -p <T>; if (<inner>) >/dev/null 2>&1; then echo "..."; else echo "..."; fi, with <T>
//     a .tmp_$$ directory); the expansion of Kconfig.include's if-success ({ <inner>; } >/dev/null 2>&1 &&
//     echo "..." || echo "..."), whose inner command may start with cc-option's trap/mkdir of .tmp_$$; or a
//     bare <inner> (as in CC_VERSION_TEXT's `LC_ALL=C $(CC) --version 2>/dev/null | head -n 1`).
//  2. <inner> is a list of simple commands joined by |, ;, && or || — no subshells, command substitution
//     ($(...), backquotes), background jobs, here-documents, globs, comments or $$ other than in .tmp_$$.
//  3. Each simple command is a tool — a word whose base name is a compiler, binutils or Rust program (gcc,
//     cc, clang, g++, ld, ld.bfd, ld.lld, as, ar, nm, objcopy, objdump, readelf, strip, llvm-*, each with
//     an optional CROSS_COMPILE-style prefix and -<version> suffix; pahole, rustc, rustdoc, bindgen) or one
//     listed in ProberConfig.Tools, or $NAME / ${NAME} whose value in the command's environment is one —;
//     one of the kernel's pure probe scripts named by path (scripts/cc-version.sh, ld-version.sh and
//     as-version.sh, which also read min-tool-version.sh, gcc-x86_{32,64}-has-stack-protector.sh,
//     cc-can-link.sh, pahole-version.sh, and tools-support-relr.sh, which runs $CC, $LD, $NM and
//     $OBJCOPY), whose tool arguments and tool variables are keyed like tools; `command -v TOOL`; or a
//     text-only command: printf, echo, true, false, set, head and grep (standard input only), test and [
//     (paths among their arguments are keyed by identity, so `test -e FILE` is too). Leading NAME=value
//     assignments, also as `env NAME=value... COMMAND`, are allowed except to PATH; values naming tools are
//     keyed as tools.
//  4. It writes nowhere but stdout, stderr, /dev/null and its scratch directory: redirections only to
//     /dev/null (or 2>&1), a tool's -o only to "$TMP", the scratch directory, /dev/null or -, and none of
//     the options that write or read extra files (-MD, -MMD, -MF, -save-temps, -Wp,..., -Wl,-Map, -Map,
//     -fdump-*, @file, -include, -imacros, -specs).
//  5. It exits with a status below 126 (not "cannot execute", "not found" or a signal): a failing pure
//     probe, like pahole-version.sh without pahole or a failed `command -v`, fails the same way until a
//     keyed input changes.
//
// So try-run, cc-option, as-instr, ld-option, the Kconfig probes and Kconfig.include's cc-version.sh /
// ld-version.sh / as-version.sh calls are cached, while `cat include/config/kernel.release`, `date`,
// `git ...` and other scripts (pahole-flags.sh; rust_is_available.sh, which reads the Rust sysroot and
// libclang) always run. Paths among a tool's arguments (-fplugin=x.so, -I dir,
// --sysroot=dir) enter the key by identity; files those files include are not tracked.

var (
	toolName    = regexp.MustCompile(`^(?:.*-)?(?:gcc|g\+\+|cc|c\+\+|cpp|clang|clang\+\+|ld|ld\.bfd|ld\.gold|ld\.lld|as|ar|nm|objcopy|objdump|readelf|strip|elfedit)(?:-[0-9][0-9.]*)?$|^llvm-[a-z0-9-]+$|^(?:pahole|rustc|rustdoc|bindgen)$`)
	varWord     = regexp.MustCompile(`^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$`)
	tryRunShape = regexp.MustCompile(`^set -e; TMP=(\S*\.tmp_\$\$)/tmp; trap "rm -rf (\S*)" EXIT; mkdir -p (\S*); if \((.*)\) >/dev/null 2>&1; then echo "([^"$` + "`" + `\\]*)"; else echo "([^"$` + "`" + `\\]*)"; fi$`)
	ifSuccShape = regexp.MustCompile(`^\{ (.*); \} >/dev/null 2>&1 && echo "([^"$` + "`" + `\\]*)" \|\| echo "([^"$` + "`" + `\\]*)"$`)
)

// twoCharOp reports the shell operators of two characters.
func twoCharOp(op string) bool {
	switch op {
	case "||", "&&", ">>", "<<", ">&", "<&", ">|", ";;":
		return true
	}
	return false
}

// pureCmd reports the non-tool commands a cacheable command may run: they print, compare or cut text.
func pureCmd(name string) bool {
	switch name {
	case "printf", "echo", "true", "false", "test", "[", "head", "grep", "set", "command":
		return true
	}
	return false
}

// probeScriptDeps describes the kernel's own probe scripts that are pure functions of their arguments, the
// tools those name, the listed sibling files they read and the tools named by the listed variables.
func probeScriptDeps(base string) (files, toolVars []string, ok bool) {
	switch base {
	case "cc-version.sh", "ld-version.sh", "as-version.sh":
		return []string{"min-tool-version.sh"}, nil, true
	case "gcc-x86_64-has-stack-protector.sh", "gcc-x86_32-has-stack-protector.sh", "pahole-version.sh":
		return nil, nil, true
	case "cc-can-link.sh":
		// Compiles and links a test program with the given compiler command; besides the compiler's
		// identity it depends on the installed C library, which the key does not cover (an upgraded
		// libc that stops linking is the one case a stale result could hide).
		return nil, nil, true
	case "tools-support-relr.sh":
		return nil, []string{"CC", "LD", "NM", "OBJCOPY"}, true
	}
	return nil, nil, false
}

// isTool reports a word naming a tool the key can identify.
func isTool(w string, extraTools map[string]bool) bool {
	return toolName.MatchString(filepath.Base(w)) || extraTools[w]
}

// writingOpt reports options that make a tool read or write files the key does not cover.
func writingOpt(w string) bool {
	for _, p := range []string{"-MD", "-MMD", "-MF", "-save-temps", "-Wp,", "-Wl,-Map", "-Wl,--Map", "-Map",
		"--Map", "-fdump-", "-aux-info", "--output", "-include", "-imacros", "-specs", "--specs", "@", "-Wa,-a"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// cacheInputs is what a cacheable command's key needs besides its text and environment.
type cacheInputs struct {
	tools []string // command words naming tools, to resolve through PATH
	paths []string // path-like tool arguments, relative to the command's directory
}

type shToken struct {
	op   string // operator, or "" for a word
	word string // the word after quote removal ($NAME references kept literally)
}

// lexShell splits a POSIX shell command into words and operators, refusing everything the rule above
// excludes.
func lexShell(s string) ([]shToken, error) {
	var toks []shToken
	var cur strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			toks = append(toks, shToken{word: cur.String()})
			cur.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			flush()
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			inWord = true
			i += 1 + j
		case c == '"':
			inWord = true
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				switch s[i] {
				case '\\':
					if i+1 < len(s) && strings.IndexByte("\"\\$`\n", s[i+1]) >= 0 {
						i++
					}
				case '`':
					return nil, fmt.Errorf("command substitution")
				case '$':
					if i+1 < len(s) && s[i+1] == '(' {
						return nil, fmt.Errorf("command substitution")
					}
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated quote")
			}
		case c == '\\':
			if i+1 < len(s) {
				i++
				cur.WriteByte(s[i])
				inWord = true
			}
		case c == '`':
			return nil, fmt.Errorf("command substitution")
		case c == '$' && i+1 < len(s) && s[i+1] == '(':
			return nil, fmt.Errorf("command substitution")
		case (c == '*' || c == '?') && !(c == '?' && i > 0 && s[i-1] == '$'):
			return nil, fmt.Errorf("glob")
		case c == '#' && !inWord:
			return nil, fmt.Errorf("comment")
		case strings.IndexByte("|&;<>()", c) >= 0:
			w := cur.String()
			fd := ""
			if inWord && (c == '<' || c == '>') && len(w) > 0 && strings.Trim(w, "0123456789") == "" {
				fd, inWord = w, false
				cur.Reset()
			}
			flush()
			op := string(c)
			if i+1 < len(s) && twoCharOp(op+string(s[i+1])) {
				op += string(s[i+1])
				i++
			}
			toks = append(toks, shToken{op: fd + op})
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return toks, nil
}

// analyzeCacheable applies the cacheability rule to cmd, run with the environment env. It returns the
// inputs to key the command by, or an error saying why the command must always run.
func analyzeCacheable(cmd string, extraTools map[string]bool, env []string) (*cacheInputs, error) {
	inner := cmd
	var scratch []string
	if m := tryRunShape.FindStringSubmatch(cmd); m != nil {
		if m[1] != m[2] || m[1] != m[3] {
			return nil, fmt.Errorf("try-run with inconsistent TMPOUT")
		}
		inner, scratch = m[4], []string{m[1] + "/"}
	} else if m := ifSuccShape.FindStringSubmatch(cmd); m != nil {
		inner = m[1]
		const tmpPrefix = `trap "rm -rf .tmp_$$" EXIT; mkdir .tmp_$$; `
		if strings.HasPrefix(inner, tmpPrefix) {
			inner, scratch = inner[len(tmpPrefix):], []string{".tmp_$$/"}
		}
	}
	toks, err := lexShell(inner)
	if err != nil {
		return nil, err
	}
	in := &cacheInputs{}
	outputOK := func(p string) bool {
		if p == "$TMP" || p == "/dev/null" || p == "-" {
			return true
		}
		for _, s := range scratch {
			if strings.HasPrefix(p, s) {
				return true
			}
		}
		return false
	}
	start := true // at the start of a simple command
	tool, isScript := false, false
	cmdName := ""
	grepArgs := 0
	var assigns map[string]string // NAME=value words of the current simple command
	// value is $NAME as the current simple command sees it: its own assignments, then the environment.
	value := func(name string) (string, bool) {
		if v, ok := assigns[name]; ok {
			return v, true
		}
		return getenv(env, name)
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.op != "" {
			switch t.op {
			case "|", ";", "&&", "||":
				start, grepArgs, assigns = true, 0, nil
				continue
			case ">", "2>", "1>", "<", "0<":
				if i+1 >= len(toks) || toks[i+1].op != "" || toks[i+1].word != "/dev/null" {
					return nil, fmt.Errorf("redirection to a file")
				}
				i++
				continue
			case "2>&":
				if i+1 < len(toks) && toks[i+1].word == "1" {
					i++
					continue
				}
			}
			return nil, fmt.Errorf("shell operator %q", t.op)
		}
		w := t.word
		if strings.Contains(strings.ReplaceAll(w, ".tmp_$$", ""), "$$") || strings.Contains(w, "$!") ||
			strings.Contains(w, "$PPID") || strings.Contains(w, "$RANDOM") {
			return nil, fmt.Errorf("process-dependent expansion in %q", w)
		}
		if start {
			if name, v, ok := strings.Cut(w, "="); ok && isName(name) {
				if name == "PATH" {
					return nil, fmt.Errorf("PATH assignment")
				}
				if assigns == nil {
					assigns = map[string]string{}
				}
				assigns[name] = v
				if f := strings.Fields(v); len(f) > 0 && !strings.Contains(v, "$") && isTool(f[0], extraTools) {
					in.tools = append(in.tools, f[0])
				}
				continue
			}
			if w == "env" {
				continue // env NAME=value... COMMAND: the assignments and the command follow
			}
			if m := varWord.FindStringSubmatch(w); m != nil {
				// $CC as a command: the environment (in the key) says which tool it is.
				v, ok := value(m[1] + m[2])
				if !ok || strings.ContainsAny(v, " \t\n$'\"\\") || !isTool(v, extraTools) {
					return nil, fmt.Errorf("command %q is not a known tool", w)
				}
				w = v
			}
			start, cmdName, isScript = false, w, false
			base := filepath.Base(w)
			deps, toolVars, script := probeScriptDeps(base)
			switch {
			case pureCmd(w):
				tool = false
			case script && strings.Contains(w, "/") && !strings.Contains(w, "$"):
				tool, isScript = true, true
				in.paths = append(in.paths, w)
				for _, d := range deps {
					in.paths = append(in.paths, filepath.Join(filepath.Dir(w), d))
				}
				for _, name := range toolVars {
					v, _ := value(name)
					if f := strings.Fields(v); len(f) > 0 {
						in.tools = append(in.tools, f[0])
					}
				}
			case isTool(w, extraTools):
				tool = true
				in.tools = append(in.tools, w)
			default:
				return nil, fmt.Errorf("command %q is not a known tool", w)
			}
			continue
		}
		if !tool {
			// printf and echo only print; head and test could read a file named by an argument.
			switch cmdName {
			case "head":
				if !strings.HasPrefix(w, "-") && !isDigits(w) {
					return nil, fmt.Errorf("head reads a file")
				}
			case "test", "[":
				// An operand may name a file (test -e FILE, test -d DIR): it enters the key by identity,
				// "missing" when there is none.
				if testFileOp(w) || w == "]" || strings.HasPrefix(w, "-") {
					break
				}
				if strings.Contains(w, "$") {
					return nil, fmt.Errorf("test operand %q is not keyed", w)
				}
				in.paths = append(in.paths, w)
			case "grep":
				// grep [-qv...] PATTERN, reading standard input only.
				if strings.HasPrefix(w, "-f") || strings.HasPrefix(w, "-r") || strings.HasPrefix(w, "-R") ||
					strings.HasPrefix(w, "--file") || strings.HasPrefix(w, "--recursive") {
					return nil, fmt.Errorf("grep reads a file")
				}
				if !strings.HasPrefix(w, "-") {
					if grepArgs++; grepArgs > 1 {
						return nil, fmt.Errorf("grep reads a file")
					}
				}
			case "command":
				// command -v TOOL: the answer is the tool's PATH lookup, which the key records.
				if w != "-v" && w != "--" {
					if !isTool(w, extraTools) {
						return nil, fmt.Errorf("command -v %s is not about a known tool", w)
					}
					in.tools = append(in.tools, w)
				}
			}
			continue
		}
		if isScript && !strings.HasPrefix(w, "-") && isTool(w, extraTools) {
			in.tools = append(in.tools, w) // the $(CC) a probe script runs
			continue
		}
		if writingOpt(w) {
			return nil, fmt.Errorf("option %q reads or writes files", w)
		}
		if w == "-o" {
			if i+1 >= len(toks) || toks[i+1].op != "" || !outputOK(toks[i+1].word) {
				return nil, fmt.Errorf("output outside the scratch directory")
			}
			i++
			continue
		}
		if strings.HasPrefix(w, "-o") && len(w) > 2 && !strings.HasPrefix(w, "-o=") {
			if !outputOK(w[2:]) {
				return nil, fmt.Errorf("output outside the scratch directory")
			}
			continue
		}
		p := w
		if strings.HasPrefix(p, "-") {
			if _, v, ok := strings.Cut(p, "="); ok {
				p = v
			} else if len(p) > 2 && p[2] == '/' { // -I/usr/include, -L/lib
				p = p[2:]
			}
		}
		// Any argument may name an input file: a path-like option value or a bare word ("foo.c",
		// "noexecstack"). Each enters the key by identity, "missing" for words that name no file.
		if p != "" && !outputOK(p) && !strings.Contains(p, "$") && (strings.Contains(p, "/") || !strings.HasPrefix(p, "-")) {
			in.paths = append(in.paths, p)
		}
	}
	return in, nil
}

// testFileOp reports test(1)'s operators that look at the file system.
func testFileOp(w string) bool {
	switch w {
	case "-e", "-f", "-d", "-r", "-w", "-x", "-s", "-L", "-h", "-S", "-b", "-c", "-p", "-O", "-G", "-N",
		"-k", "-u", "-g", "-nt", "-ot", "-ef":
		return true
	}
	return false
}

func isDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r != '_' && !(r >= 'A' && r <= 'Z') && !(r >= 'a' && r <= 'z') && !(i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Cacheable reports whether Prober.Shell may cache cmd, and if not, why (the rule is described at the
// top of this file and in the package documentation of Prober).
func Cacheable(cmd string) (bool, string) {
	if _, err := analyzeCacheable(cmd, nil, nil); err != nil {
		return false, err.Error()
	}
	return true, ""
}
