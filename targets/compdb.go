package targets

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kbuild-go/kbuild-go/dag"
	"github.com/kbuild-go/kbuild-go/internal/atomicfile"
	"github.com/kbuild-go/kbuild-go/makelang"
)

// compdbScript is the tree's own generator of compile_commands.json (`make compile_commands.json`).
// kbuild-go writes the same database from its graph with no process: which objects (the members of
// vmlinux.a and $(KBUILD_VMLINUX_LIBS), the objects of each module in modules.order; an M= build's
// modules only), what makes an entry (the tree's own _LINE_PATTERN over the first line of each
// object's .cmd file) and how the command is unescaped are the script's.
const compdbScript = "scripts/clang-tools/gen_compile_commands.py"

// compdbLinePattern is the script's pattern since 6.2 (.c and .S, cmd_ or savedcmd_), for a tree whose
// script cannot be read.
const compdbLinePattern = `^(saved)?cmd_[^ ]*\.o := (?P<command_prefix>.* )(?P<file_path>[^ ]*\.[cS]) *(;|$)`

var pyRawString = regexp.MustCompile(`(?m)^_LINE_PATTERN\s*=\s*r'([^']*)'\s*$`)

// compdbEntry is one compile command; the fields are in the order Python's sort_keys writes them.
type compdbEntry struct {
	Command   string `json:"command"`
	Directory string `json:"directory"`
	File      string `json:"file"`
}

// compdbWanted reports whether this run writes compile_commands.json: KBUILD_GO_COMPDB=1 on the command
// line or in the environment.
func compdbWanted(c cmdVars, env []string) bool {
	v := lookup(c, environ(env), "KBUILD_GO_COMPDB", "")
	return v != "" && v != "0"
}

// writeCompdb writes compile_commands.json for the kernel build in d's graph, where the tree's
// Makefile puts it (objtree, or the M= directory). It does nothing when the graph has no kernel image
// or module build in it (a config goal, a single object).
func (d *driver) writeCompdb() error {
	top := d.kbuildTop()
	if top == nil {
		return nil
	}
	top.mu.Lock()
	libs, err1 := top.s.Var("KBUILD_VMLINUX_LIBS")
	extmod, err2 := top.s.Var("KBUILD_EXTMOD")
	srctree, err3 := top.s.Var("abs_srctree")
	modules, err4 := top.s.Var("CONFIG_MODULES")
	top.mu.Unlock()
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return err
	}
	objtree := top.dir
	out := filepath.Join(objtree, "compile_commands.json")
	var roots []string
	order := filepath.Join(objtree, "modules.order")
	if extmod = strings.TrimSpace(extmod); extmod != "" {
		out = filepath.Join(top.abs(extmod), "compile_commands.json")
		order = filepath.Join(top.abs(extmod), "modules.order")
	} else {
		roots = append(roots, filepath.Join(objtree, "vmlinux.a"))
		for _, l := range strings.Fields(libs) {
			roots = append(roots, top.abs(l))
		}
	}
	var objs []string
	for _, r := range roots {
		// What `ar t` prints for the archive the build wrote (its order is the recipe's: 6.1's vmlinux.a
		// moves the head objects to the front); the graph's order for one not built yet.
		members, err := archiveMembers(r)
		if err != nil {
			members = d.archiveObjects([]string{r})
		}
		for _, m := range members {
			if !filepath.IsAbs(m) {
				m = filepath.Join(objtree, m)
			}
			objs = append(objs, m)
		}
	}
	if strings.TrimSpace(modules) != "" { // the Makefile's $(if $(CONFIG_MODULES), $(MODORDER))
		mods, err := moduleObjects(order, objtree)
		if err != nil {
			return err
		}
		objs = append(objs, mods...)
	}
	if len(objs) == 0 {
		return nil
	}
	gen := readCompdbScript(filepath.Join(strings.TrimSpace(srctree), compdbScript))
	entries := []compdbEntry{}
	for _, o := range objs {
		e, ok, err := gen.entry(objtree, o)
		if err != nil {
			return err
		}
		if ok {
			entries = append(entries, e)
		}
	}
	if gen.sorted {
		slices.SortStableFunc(entries, func(a, b compdbEntry) int { return strings.Compare(a.File, b.File) })
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(entries); err != nil {
		return err
	}
	// Python's json.dump: no newline at the end, non-ASCII as \uXXXX (ensure_ascii).
	return atomicfile.WriteBytes(out, pyASCII(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
}

// kbuildTop is the scope of the top Makefile that builds the kernel: the one that defines vmlinux.a's
// libraries (or an M= build's module directory), in the output tree.
func (d *driver) kbuildTop() *scope {
	d.mu.Lock()
	defer d.mu.Unlock()
	var best *scope
	for _, sc := range d.scopes {
		if filepath.Base(sc.file) != "Makefile" {
			continue
		}
		sc.mu.Lock()
		_, _, origin, ok := sc.s.Lookup("KBUILD_VMLINUX_LIBS")
		sc.mu.Unlock()
		if ok && origin == makelang.OriginFile && (best == nil || sc.level < best.level) {
			best = sc
		}
	}
	return best
}

// archiveObjects lists the objects in the archives at paths as `ar t` lists a thin archive of thin
// archives: each archive's members from the graph, in order, archives within it flattened, a composite
// object (ld -r) by its parts; each archive whole, as `ar t` lists each.
func (d *driver) archiveObjects(paths []string) []string {
	var out []string
	var seen map[*dag.Node]bool
	var walk func(n *dag.Node)
	walk = func(n *dag.Node) {
		if seen[n] {
			return
		}
		seen[n] = true
		e := n.Producer()
		if strings.HasSuffix(n.Path, ".o") && (e == nil || !slices.ContainsFunc(e.Inputs, isObject)) {
			out = append(out, n.Path)
			return
		}
		if e == nil {
			return
		}
		for _, in := range e.Inputs {
			if isObject(in) || strings.HasSuffix(in.Path, ".a") {
				walk(in)
			}
		}
	}
	for _, p := range paths {
		// Each archive is listed whole, as the script runs `ar t` on each: vmlinux.a holds the members
		// of the lib.a archives too, and the database lists those twice.
		seen = map[*dag.Node]bool{}
		if n, ok := d.g.Lookup(p); ok && n.Producer() != nil {
			walk(n)
		}
	}
	return out
}

func isObject(n *dag.Node) bool { return strings.HasSuffix(n.Path, ".o") }

// moduleObjects lists the objects of the modules in a modules.order file, from each module's .mod file
// (what the script reads); none when there is no modules.order.
func moduleObjects(order, objtree string) ([]string, error) {
	data, err := os.ReadFile(order)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range strings.Fields(string(data)) {
		// Each line names a module by its .ko (before 6.2) or its .o (since).
		ext := filepath.Ext(m)
		if ext != ".ko" && ext != ".o" {
			return nil, fmt.Errorf("%s: module path must end with .ko or .o", m)
		}
		mod, err := os.ReadFile(filepath.Join(objtree, strings.TrimSuffix(m, ext)+".mod"))
		if err != nil {
			return nil, err
		}
		for _, o := range strings.Fields(string(mod)) {
			out = append(out, filepath.Join(objtree, o))
		}
	}
	return out, nil
}

// compdbGen is what the tree's script decides: which .cmd lines make entries (its _LINE_PATTERN, a
// Python raw string whose syntax RE2 reads, named groups included), whether the list is sorted by file
// (since 6.4) and whether a file's path is resolved through symbolic links (realpath, since 6.2) or
// only made absolute. A tree without the script gets today's script's answers.
type compdbGen struct {
	pattern          *regexp.Regexp
	sorted, realpath bool
}

func readCompdbScript(script string) compdbGen {
	g := compdbGen{pattern: regexp.MustCompile(compdbLinePattern), sorted: true, realpath: true}
	data, err := os.ReadFile(script)
	if err != nil {
		return g
	}
	if m := pyRawString.FindSubmatch(data); m != nil {
		if re, err := regexp.Compile(string(m[1])); err == nil {
			g.pattern = re
		}
	}
	g.sorted = bytes.Contains(data, []byte("sorted(compile_commands"))
	g.realpath = bytes.Contains(data, []byte("os.path.realpath("))
	return g
}

// entry makes the entry of one object from the first line of its .cmd file, as the script's
// process_line does: the command prefix with make's escapes of '#' undone, the file resolved against
// the output tree (symbolic links too) and required to exist.
func (g compdbGen) entry(objtree, obj string) (compdbEntry, bool, error) {
	re := g.pattern
	f, err := os.Open(filepath.Join(filepath.Dir(obj), "."+filepath.Base(obj)+".cmd"))
	if os.IsNotExist(err) {
		return compdbEntry{}, false, nil
	}
	if err != nil {
		return compdbEntry{}, false, err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && line == "" {
		return compdbEntry{}, false, nil
	}
	m := re.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
	if m == nil {
		return compdbEntry{}, false, nil
	}
	prefix, file := m[1], m[2]
	if i, j := re.SubexpIndex("command_prefix"), re.SubexpIndex("file_path"); i > 0 && j > 0 {
		prefix, file = m[i], m[j]
	}
	prefix = strings.ReplaceAll(strings.ReplaceAll(prefix, `\#`, "#"), "$(pound)", "#")
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(objtree, file)
	}
	if _, err := os.Stat(abs); err != nil {
		return compdbEntry{}, false, nil // the script logs "File ... not found" and leaves it out
	}
	if g.realpath {
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			abs = r
		}
	}
	return compdbEntry{Command: prefix + file, Directory: objtree, File: abs}, true, nil
}

// pyASCII escapes non-ASCII runes as Python's json.dump does by default (\uXXXX, surrogate pairs).
func pyASCII(b []byte) []byte {
	if !slices.ContainsFunc(b, func(c byte) bool { return c >= 0x80 }) {
		return b
	}
	var out bytes.Buffer
	for _, r := range string(b) {
		switch {
		case r < 0x80:
			out.WriteRune(r)
		case r < 0x10000:
			fmt.Fprintf(&out, `\u%04x`, r)
		default:
			r -= 0x10000
			fmt.Fprintf(&out, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
		}
	}
	return out.Bytes()
}

// archiveMembers lists the members of a Unix archive as `ar t path` does, read in Go: a thin archive
// ("!<thin>": Kbuild's built-in.a, lib.a and vmlinux.a; members by path, returned joined to path's
// directory) or a regular one, long names from the "//" table.
func archiveMembers(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	thin := bytes.HasPrefix(data, []byte("!<thin>\n"))
	if !thin && !bytes.HasPrefix(data, []byte("!<arch>\n")) {
		return nil, fmt.Errorf("%s: not an archive", path)
	}
	var names []byte
	var out []string
	// A thin archive's member is a path relative to the archive's directory; `ar t ARCHIVE` prints it
	// relative to where ARCHIVE was named from.
	member := func(n string) string {
		if thin && !filepath.IsAbs(n) {
			return filepath.Join(filepath.Dir(path), n)
		}
		return n
	}
	for off := 8; off+60 <= len(data); {
		h := data[off : off+60]
		if string(h[58:60]) != "`\n" {
			return nil, fmt.Errorf("%s: bad member header at %d", path, off)
		}
		size, err := strconv.Atoi(strings.TrimSpace(string(h[48:58])))
		if err != nil {
			return nil, fmt.Errorf("%s: bad member size at %d", path, off)
		}
		name := strings.TrimRight(string(h[0:16]), " ")
		off += 60
		// Only the symbol table, the long-name table and a regular archive's members have data here.
		hasData := !thin || name == "/" || name == "//" || name == "/SYM64/"
		switch {
		case name == "//":
			if off+size > len(data) {
				return nil, fmt.Errorf("%s: truncated", path)
			}
			names = data[off : off+size]
		case name == "/" || name == "/SYM64/":
		case strings.HasPrefix(name, "/"):
			// "/N": the name at offset N of the long-name table (strtol's reading: the digits, whatever
			// follows them, as bfd reads a thin archive's "/N   /" entries).
			digits := name[1:]
			if j := strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }); j >= 0 {
				digits = digits[:j]
			}
			i, err := strconv.Atoi(digits)
			if err != nil || i > len(names) {
				return nil, fmt.Errorf("%s: bad long name %q", path, name)
			}
			n := names[i:]
			if j := bytes.Index(n, []byte("/\n")); j >= 0 {
				n = n[:j]
			}
			out = append(out, member(string(n)))
		default:
			// A short name ends with '/'; in a regular archive at its first one (GNU ar reads "sub/b.o/"
			// there as "sub", and lists it so), in a thin one, whose names are paths, at the last.
			if i := strings.IndexByte(name, '/'); i >= 0 && !thin {
				name = name[:i]
			}
			out = append(out, member(strings.TrimSuffix(name, "/")))
		}
		if hasData {
			off += size + size%2
		}
	}
	return out, nil
}
