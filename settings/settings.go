// Package settings reads kbuild.yaml: what kbuild-go is asked to build beyond what a kernel tree's own
// makefiles say. Its sections: `bpf:` (eBPF programs built in the kernel's graph, see Bpf) and `distcc:`
// (the hosts compiles are sent to, see Distcc). A new section is a new field of File, so that one strict
// decoder checks the whole file.
//
// # Where the file is
//
// KBUILD_YAML=PATH on the kbuild-go command line, else KBUILD_YAML in the environment, else kbuild.yaml
// in the directory kbuild-go was started in (not the -C directory: the file belongs to the project that
// builds against a kernel, not to the kernel tree). A KBUILD_YAML that names no file is an error; a
// missing default file means "no settings". Relative paths inside the file are relative to the file's
// own directory.
//
// # Strictness
//
// The file is decoded with goccy/go-yaml's Strict option: an unknown key, a value of the wrong type or a
// duplicate key is an error naming the file and line (`kbuild.yaml:7: unknown key "flag"`). Values are then
// checked (known modes and targets, unique names, sources that exist), and every problem found is
// reported in one run, each with its line.
package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kbuild-go/kbuild-go/distcc"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// FileName is the default settings file's name, looked for in the directory kbuild-go was started in.
const FileName = "kbuild.yaml"

// File is a decoded kbuild.yaml. Each section is a pointer: nil when the file does not have it.
type File struct {
	// Path is where the file was read from (as given to Load or Parse), for messages.
	Path string `yaml:"-"`
	// Dir is the directory relative paths in the file are resolved against, absolute.
	Dir string `yaml:"-"`
	// Bpf is the `bpf:` section.
	Bpf *Bpf `yaml:"bpf"`
	// Distcc is the `distcc:` section.
	Distcc *Distcc `yaml:"distcc"`
}

// Distcc is the `distcc:` section: the distcc hosts the build's C compiles go to (what DISTCC_HOSTS and
// --distcc say, which win over it).
//
//	distcc:
//	  hosts: [127.0.0.2/4, build1:3632/8]   # DISTCC_HOSTS entries (TCP hosts)
//	  io-timeout: 20                         # seconds; DISTCC_IO_TIMEOUT (default 20)
type Distcc struct {
	Hosts     []string `yaml:"hosts"`
	IOTimeout int      `yaml:"io-timeout"`
}

// HostList is the hosts as one DISTCC_HOSTS value.
func (d *Distcc) HostList() string { return strings.Join(d.Hosts, " ") }

// Bpf is the `bpf:` section: eBPF programs compiled as edges of the kernel's build graph, against the
// output tree (`kbuild-go O=out bpf`).
type Bpf struct {
	// Programs are the programs, in file order.
	Programs []Program `yaml:"programs"`
}

// Program is one eBPF program: one source file compiled once per target byte order.
//
//   - name: core            # output stem; default: the source's base name without .bpf.c / .c
//     source: bpf/core.c    # relative to kbuild.yaml's directory (required)
//     mode: core            # core (default) | kernel | uapi
//     targets: [bpfel]      # bpfel (default) and/or bpfeb
//     flags: [-DDEBUG=1]    # extra clang flags, after kbuild-go's own
//     include: [bpf/inc]    # extra -I directories, relative to kbuild.yaml's directory
type Program struct {
	// Name is the output stem: the objects are bpf/NAME.TARGET.o under the output tree.
	Name string `yaml:"name"`
	// Source is the C file; after Load, an absolute path.
	Source string `yaml:"source"`
	// Mode says which headers the program is compiled against, and so which part of the kernel build it
	// needs; see Mode.
	Mode Mode `yaml:"mode"`
	// Targets are the byte orders to compile for; empty in the file means [bpfel].
	Targets []Target `yaml:"targets"`
	// Flags are extra clang arguments, appended after kbuild-go's (so that -mcpu=v3 overrides v1).
	Flags []string `yaml:"flags"`
	// Include are extra include directories; after Load, absolute.
	Include []string `yaml:"include"`
	// Line is the line of the program's entry in the file (0 for programs named on the command line).
	Line int `yaml:"-"`
}

// Mode is how a program sees the kernel.
type Mode string

const (
	// ModeCORE: a CO-RE program including vmlinux.h, which kbuild-go generates from the tree's vmlinux BTF
	// (CONFIG_DEBUG_INFO_BTF): it needs the tree's vmlinux.
	ModeCORE Mode = "core"
	// ModeKernel: a program including kernel-internal headers (linux/sched.h), compiled with the kernel's
	// own include order and -D__KERNEL__: it needs the tree's prepare (the generated headers).
	ModeKernel Mode = "kernel"
	// ModeUAPI: a program including only uapi headers (linux/bpf.h): it is compiled against the tree's
	// exported headers (O/usr/include, the headers goal).
	ModeUAPI Mode = "uapi"
)

// Target is a BPF byte order, clang's -target.
type Target string

const (
	// BPFEL is little-endian BPF (x86, arm64, ...).
	BPFEL Target = "bpfel"
	// BPFEB is big-endian BPF (s390x, ...).
	BPFEB Target = "bpfeb"
)

// notFound is a settings file that does not exist; it Is fs.ErrNotExist.
type notFound struct{ path string }

func (e *notFound) Error() string        { return e.path + ": no such file" }
func (e *notFound) Is(target error) bool { return target == fs.ErrNotExist }

// Error is one problem in a settings file, at a line (0 when the problem has no line: an unreadable file).
type Error struct {
	File string
	Line int
	Msg  string
}

// Error reads `file:line: message`.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrorList is every problem found in one file, in line order.
type ErrorList []*Error

// Error is one problem per line.
func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the problems, for errors.As on a single *Error.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Locate returns the settings file to read: value (KBUILD_YAML from the command line or the environment,
// relative to startDir) when set, else startDir/kbuild.yaml. explicit reports whether the file was
// asked for: a missing explicit file is an error, a missing default one is no settings.
func Locate(value, startDir string) (path string, explicit bool) {
	if value != "" {
		if !filepath.IsAbs(value) {
			value = filepath.Join(startDir, value)
		}
		return value, true
	}
	return filepath.Join(startDir, FileName), false
}

// Load reads and checks a settings file. A file that does not exist is an error wrapping fs.ErrNotExist.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &notFound{path}
		}
		return nil, &Error{File: path, Msg: err.Error()}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, filepath.Dir(abs), data)
}

// Parse decodes and checks data, read from name; relative paths are resolved against dir (absolute).
// The error is an ErrorList.
func Parse(name, dir string, data []byte) (*File, error) {
	f := &File{Path: name, Dir: dir}
	if err := yaml.UnmarshalWithOptions(data, f, yaml.Strict()); err != nil {
		return nil, ErrorList{decodeError(name, err)}
	}
	f.Path, f.Dir = name, dir
	// The AST gives the checks below their lines; it parsed once already, so it parses again.
	tree, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, ErrorList{decodeError(name, err)}
	}
	c := &checker{file: name, tree: tree}
	if f.Bpf != nil {
		c.bpf(f.Bpf, dir)
	}
	if f.Distcc != nil {
		c.distcc(f.Distcc)
	}
	if len(c.errs) > 0 {
		sort.SliceStable(c.errs, func(i, j int) bool { return c.errs[i].Line < c.errs[j].Line })
		return nil, c.errs
	}
	return f, nil
}

// decodeError turns a go-yaml error into one positioned Error, with the key named as the file spells it.
func decodeError(name string, err error) *Error {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		return &Error{File: name, Msg: err.Error()}
	}
	line := 0
	if tk := ye.GetToken(); tk != nil && tk.Position != nil {
		line = tk.Position.Line
	}
	msg := ye.GetMessage()
	var uf *yaml.UnknownFieldError
	if errors.As(err, &uf) {
		if tk := ye.GetToken(); tk != nil {
			msg = fmt.Sprintf("unknown key %q", tk.Value)
		}
	}
	return &Error{File: name, Line: line, Msg: msg}
}

// checker collects the value checks' errors, each at the line of the value it is about.
type checker struct {
	file string
	tree *ast.File
	errs ErrorList
}

// line is the line of the node at a YAML path ($.bpf.programs[0].source), or 0.
func (c *checker) line(path string) int {
	p, err := yaml.PathString(path)
	if err != nil {
		return 0
	}
	n, err := p.FilterFile(c.tree)
	if err != nil || n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
		return 0
	}
	return n.GetToken().Position.Line
}

func (c *checker) errorf(path, format string, args ...any) {
	c.errs = append(c.errs, &Error{File: c.file, Line: c.line(path), Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) bpf(b *Bpf, dir string) {
	if len(b.Programs) == 0 {
		c.errorf("$.bpf", "bpf: no programs")
	}
	names := map[string]int{}
	for i := range b.Programs {
		p := &b.Programs[i]
		at := fmt.Sprintf("$.bpf.programs[%d]", i)
		p.Line = c.line(at)
		for _, e := range p.resolve(dir) {
			c.errorf(at+e.key, "%s", e.msg)
		}
		if p.Name == "" {
			continue
		}
		if first, dup := names[p.Name]; dup {
			c.errorf(at, "program name %q is used twice (first at line %d): set name: to tell them apart", p.Name, first)
		} else {
			names[p.Name] = p.Line
		}
	}
}

func (c *checker) distcc(d *Distcc) {
	if len(d.Hosts) == 0 {
		c.errorf("$.distcc", "distcc: no hosts")
	}
	for i, h := range d.Hosts {
		if _, err := distcc.ParseHosts(h); err != nil {
			c.errorf(fmt.Sprintf("$.distcc.hosts[%d]", i), "%v", err)
		}
	}
	if _, err := distcc.ParseHosts(d.HostList()); err != nil && len(c.errs) == 0 {
		c.errorf("$.distcc.hosts", "%v", err)
	}
	if d.IOTimeout < 0 {
		c.errorf("$.distcc.io-timeout", "distcc: io-timeout %d is negative", d.IOTimeout)
	}
}

// problem is a check's finding: the path of the key below the program's entry and the message.
type problem struct{ key, msg string }

// resolve fills the defaults of p, makes its paths absolute against dir and checks it.
func (p *Program) resolve(dir string) []problem {
	var out []problem
	bad := func(key, format string, args ...any) { out = append(out, problem{key, fmt.Sprintf(format, args...)}) }
	if p.Mode == "" {
		p.Mode = ModeCORE
	}
	switch p.Mode {
	case ModeCORE, ModeKernel, ModeUAPI:
	default:
		bad(".mode", "unknown mode %q (want core, kernel or uapi)", p.Mode)
	}
	if len(p.Targets) == 0 {
		p.Targets = []Target{BPFEL}
	}
	seen := map[Target]bool{}
	for i, t := range p.Targets {
		if t != BPFEL && t != BPFEB {
			bad(fmt.Sprintf(".targets[%d]", i), "unknown target %q (want bpfel or bpfeb)", t)
		} else if seen[t] {
			bad(fmt.Sprintf(".targets[%d]", i), "target %q is listed twice", t)
		}
		seen[t] = true
	}
	if p.Source == "" {
		bad("", "program without source:")
	} else {
		if !filepath.IsAbs(p.Source) {
			p.Source = filepath.Join(dir, p.Source)
		}
		if st, err := os.Stat(p.Source); err != nil {
			bad(".source", "source %s: %v", p.Source, errors.Unwrap(err))
		} else if !st.Mode().IsRegular() {
			bad(".source", "source %s: not a regular file", p.Source)
		}
	}
	if p.Name == "" && p.Source != "" {
		p.Name = Stem(p.Source)
	}
	if p.Name != "" && !validName(p.Name) {
		bad(".name", "program name %q: use letters, digits, '.', '_' and '-' only (it names files)", p.Name)
	}
	for i, d := range p.Include {
		if !filepath.IsAbs(d) {
			p.Include[i] = filepath.Join(dir, d)
		}
	}
	return out
}

// Stem is a source file's default program name: its base name without .bpf.c or .c.
func Stem(source string) string {
	b := filepath.Base(source)
	for _, ext := range []string{".bpf.c", ".c"} {
		if s, ok := strings.CutSuffix(b, ext); ok && s != "" {
			return s
		}
	}
	return b
}

func validName(s string) bool {
	if s == "." || s == ".." || strings.HasPrefix(s, ".") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
