package toolchain

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/kbuild-go/kbuild-go/proc"
)

// ErrUnknownCompiler is returned when $(CC) is neither GCC, Clang nor ICC, where scripts/cc-version.sh
// prints "unknown C compiler".
var ErrUnknownCompiler = errors.New("unknown C compiler")

// ErrUnknownLinker is returned when $(LD) is neither GNU ld, gold nor LLD, where scripts/ld-version.sh
// prints "unknown linker".
var ErrUnknownLinker = errors.New("unknown linker")

// ErrGoldUnsupported is what Linker.Check returns for gold: ld-version.sh refuses it because "gold
// linker is not supported as it is not capable of linking the kernel proper."
var ErrGoldUnsupported = errors.New("gold linker is not supported as it is not capable of linking the kernel proper")

// Compiler identifies $(CC).
type Compiler struct {
	// Command is $(CC) as given, possibly several words ("ccache gcc").
	Command string
	// Path is the absolute path of the compiler executable (the last word of Command that is an
	// executable, so "ccache gcc" gives gcc's path), symlinks not resolved.
	Path string
	// Name is what cc-version.sh prints first: "GCC", "Clang" or "ICC".
	Name string
	// Version is cc-version.sh's canonical number, 10000*major + 100*minor + patch (GCC 12.2.0: 120200).
	Version int
	// VersionText is CC_VERSION_TEXT (CONFIG_CC_VERSION_TEXT): the first line of `LC_ALL=C $(CC)
	// --version` with every '#' removed.
	VersionText string
	// ID is a hash for cache keys: the identity (absolute path, symlink target, size, mtime, ctime,
	// inode) of every executable of Command, plus VersionText.
	ID string
}

// Linker identifies $(LD).
type Linker struct {
	// Command is $(LD) as given.
	Command string
	// Path is the absolute path of the linker executable.
	Path string
	// Name is ld-version.sh's name: "BFD", "LLD", or "gold" (which ld-version.sh rejects; see Check).
	Name string
	// Version is the canonical number, 10000*major + 100*minor + patch, a missing part counting 0
	// (binutils 2.40: 24000).
	Version int
	// VersionText is the first non-empty line of `LC_ALL=C $(LD) --version`.
	VersionText string
	// ID is a hash of the executable's identity and VersionText, like Compiler.ID.
	ID string
}

// Check returns ErrGoldUnsupported for gold, as ld-version.sh exits 1 for it, and nil otherwise.
func (l *Linker) Check() error {
	if l.Name == "gold" {
		return fmt.Errorf("%s: %w", l.Command, ErrGoldUnsupported)
	}
	return nil
}

// ccInfoProgram is the here-document of cc-version.sh's get_c_compiler_info (after <<- strips tabs).
const ccInfoProgram = `#if defined(__clang__)
Clang	__clang_major__  __clang_minor__  __clang_patchlevel__
#elif defined(__INTEL_COMPILER)
ICC	__INTEL_COMPILER  __INTEL_COMPILER_UPDATE
#elif defined(__GNUC__)
GCC	__GNUC__  __GNUC_MINOR__  __GNUC_PATCHLEVEL__
#else
unknown
#endif
`

// ParseCCInfo parses what cc-version.sh's get_c_compiler_info prints (the compiler's preprocessed output
// of ccInfoProgram, e.g. "GCC 12 2 0") into the name and canonical version cc-version.sh prints.
func ParseCCInfo(out string) (name string, version int, err error) {
	f := strings.Fields(out)
	if len(f) == 0 {
		return "", 0, ErrUnknownCompiler
	}
	nums := func(s []string) ([]int, error) {
		var n []int
		for _, w := range s {
			v, err := strconv.Atoi(w)
			if err != nil {
				return nil, fmt.Errorf("%w: bad version word %q", ErrUnknownCompiler, w)
			}
			n = append(n, v)
		}
		return n, nil
	}
	switch f[0] {
	case "GCC", "Clang":
		if len(f) < 4 {
			return "", 0, fmt.Errorf("%w: short version %q", ErrUnknownCompiler, out)
		}
		n, err := nums(f[1:4])
		if err != nil {
			return "", 0, err
		}
		return f[0], 10000*n[0] + 100*n[1] + n[2], nil
	case "ICC":
		if len(f) < 3 {
			return "", 0, fmt.Errorf("%w: short version %q", ErrUnknownCompiler, out)
		}
		n, err := nums(f[1:3])
		if err != nil {
			return "", 0, err
		}
		// version=$(($2 / 100)).$(($2 % 100)).$3
		return "ICC", 10000*(n[0]/100) + 100*(n[0]%100) + n[1], nil
	}
	return "", 0, ErrUnknownCompiler
}

// ParseCCVersionText recognizes a compiler from the text of `$(CC) --version`. cc-version.sh itself asks
// the preprocessor (see ParseCCInfo and IdentifyCompiler); this reads the version the same compilers
// print: "clang version X.Y.Z" for Clang, and for GCC the first word after the first ")" of the first
// line ("gcc (Debian 12.2.0-14) 12.2.0", "gcc (GCC) 12.2.1 20221121 (Red Hat 12.2.1-4)"), when the
// program name contains "gcc", the line "(GCC)" or the text the FSF copyright.
func ParseCCVersionText(text string) (name string, version int, err error) {
	first, _, _ := strings.Cut(text, "\n")
	if i := strings.Index(first, "clang version "); i >= 0 {
		f := strings.Fields(first[i+len("clang version "):])
		if len(f) > 0 {
			if v, ok := canonicalVersion(f[0], false); ok {
				return "Clang", v, nil
			}
		}
		return "", 0, fmt.Errorf("%w: %q", ErrUnknownCompiler, first)
	}
	prog, _, _ := strings.Cut(first, " ")
	if strings.Contains(text, "Free Software Foundation") || strings.Contains(first, "(GCC)") ||
		strings.Contains(filepath.Base(prog), "gcc") {
		if i := strings.Index(first, ")"); i >= 0 {
			f := strings.Fields(first[i+1:])
			if len(f) > 0 {
				if v, ok := canonicalVersion(f[0], false); ok {
					return "GCC", v, nil
				}
			}
		}
	}
	return "", 0, fmt.Errorf("%w: %q", ErrUnknownCompiler, first)
}

// canonicalVersion is get_canonical_version of cc-version.sh (fillZero false: three parts required)
// and ld-version.sh (fillZero true: missing parts count 0, a fourth is ignored). Like ld-version.sh's
// ${version%%[!0-9.]*}, everything from the first character that is not a digit or '.' is dropped.
func canonicalVersion(s string, fillZero bool) (int, bool) {
	if i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' }); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	n := [3]int{}
	for i := 0; i < 3; i++ {
		if i >= len(parts) || parts[i] == "" {
			if !fillZero || i == 0 {
				return 0, false
			}
			continue
		}
		v, err := strconv.Atoi(parts[i])
		if err != nil {
			return 0, false
		}
		n[i] = v
	}
	return 10000*n[0] + 100*n[1] + n[2], true
}

// ParseLDVersion parses the output of `LC_ALL=C $(LD) --version` as scripts/ld-version.sh does: the first
// line, split on spaces; "GNU ld ..." is BFD with the last word as version, "GNU gold ..." is gold
// (version: last word; ld-version.sh rejects gold before reading one), otherwise the word after "LLD".
func ParseLDVersion(text string) (name string, version int, err error) {
	first, _, _ := strings.Cut(strings.TrimLeft(text, "\n"), "\n")
	f := strings.Fields(strings.ReplaceAll(first, "\t", "\x00")) // IFS=' ': tabs do not split
	for i := range f {
		f[i] = strings.ReplaceAll(f[i], "\x00", "\t")
	}
	var v string
	switch {
	case len(f) >= 2 && f[0] == "GNU" && f[1] == "ld":
		name, v = "BFD", f[len(f)-1]
	case len(f) >= 2 && f[0] == "GNU" && f[1] == "gold":
		name, v = "gold", f[len(f)-1]
	default:
		for len(f) > 1 && f[0] != "LLD" {
			f = f[1:]
		}
		if len(f) == 0 || f[0] != "LLD" {
			return "", 0, fmt.Errorf("%w: %q", ErrUnknownLinker, first)
		}
		name = "LLD"
		if len(f) > 1 {
			v = f[1]
		}
	}
	n, ok := canonicalVersion(v, true)
	if !ok {
		return "", 0, fmt.Errorf("%w: bad version in %q", ErrUnknownLinker, first)
	}
	return name, n, nil
}

// MinToolVersion is scripts/min-tool-version.sh: the minimum version of tool ("binutils", "gcc", "icc",
// "llvm", "rustc", "bindgen") as x.y.z; llvm depends on SRCARCH.
func MinToolVersion(tool, srcarch string) (string, error) {
	switch tool {
	case "binutils":
		return "2.23.0", nil
	case "gcc":
		return "5.1.0", nil
	case "icc":
		return "16.0.3", nil
	case "llvm":
		if srcarch == "s390" {
			return "15.0.0", nil
		}
		return "11.0.0", nil
	case "rustc":
		return "1.62.0", nil
	case "bindgen":
		return "0.56.0", nil
	}
	return "", fmt.Errorf("%s: unknown tool", tool)
}

// environ returns env, or the process environment when env is nil.
func environ(env []string) []string {
	if env == nil {
		return os.Environ()
	}
	return env
}

func getenv(env []string, key string) (string, bool) {
	for i := len(env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(env[i], "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}

// LookPath finds an executable the way sh does for a command word: a word with a '/' is a path
// (relative to dir), any other word is searched in the PATH of env (nil env: the process environment).
// It returns an absolute path.
func LookPath(word string, env []string, dir string) (string, error) {
	abs := func(p string) string {
		if !filepath.IsAbs(p) {
			if dir == "" {
				dir, _ = os.Getwd()
			}
			p = filepath.Join(dir, p)
		}
		return filepath.Clean(p)
	}
	isExec := func(p string) bool {
		fi, err := os.Stat(p)
		return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
	}
	if strings.Contains(word, "/") {
		if p := abs(word); isExec(p) {
			return p, nil
		}
		return "", fmt.Errorf("%s: %w", word, exec.ErrNotFound)
	}
	path, _ := getenv(environ(env), "PATH")
	for _, d := range filepath.SplitList(path) {
		if d == "" {
			d = "."
		}
		if p := abs(filepath.Join(d, word)); isExec(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: %w", word, exec.ErrNotFound)
}

// FileIdentity describes an executable for cache keys without running it: the absolute path, the
// symlink-resolved path, size, mtime and ctime in nanoseconds, device and inode. Reinstalling or
// upgrading a compiler changes at least the ctime, so the identity changes.
func FileIdentity(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(real)
	if err != nil {
		return "", err
	}
	id := fmt.Sprintf("%s -> %s size=%d mtime=%d", path, real, fi.Size(), fi.ModTime().UnixNano())
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		id += fmt.Sprintf(" ctime=%d.%09d dev=%d ino=%d", st.Ctim.Sec, st.Ctim.Nsec, st.Dev, st.Ino)
	}
	return id, nil
}

// commandIdentity is the FileIdentity of every word of cmd that resolves to an executable, in order, and
// the path of the last one.
func commandIdentity(cmd string, env []string) (ids []string, last string, err error) {
	for _, w := range strings.Fields(cmd) {
		if strings.HasPrefix(w, "-") || strings.Contains(w, "=") {
			continue
		}
		p, err := LookPath(w, env, "")
		if err != nil {
			continue
		}
		id, err := FileIdentity(p)
		if err != nil {
			return nil, "", err
		}
		ids, last = append(ids, id), p
	}
	if last == "" {
		return nil, "", fmt.Errorf("%s: %w", cmd, exec.ErrNotFound)
	}
	return ids, last, nil
}

func hashStrings(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s\n", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// versionOutput runs `LC_ALL=C cmd --version` (stderr discarded) and returns its output.
func versionOutput(ctx context.Context, cmd string, env []string) string {
	args := strings.Fields(cmd)
	if len(args) == 0 {
		return ""
	}
	c := exec.Command(args[0], append(args[1:], "--version")...)
	c.Env = append(append([]string(nil), environ(env)...), "LC_ALL=C")
	var out bytes.Buffer
	c.Stdout = &out
	_ = proc.Run(ctx, c) // CC_VERSION_TEXT and ld-version.sh ignore the exit status
	return out.String()
}

// CCVersionText returns the top Makefile's CC_VERSION_TEXT for cc:
// $(subst $(pound),,$(shell LC_ALL=C $(CC) --version 2>/dev/null | head -n 1)).
func CCVersionText(ctx context.Context, cc string, env []string) string {
	first, _, _ := strings.Cut(versionOutput(ctx, cc, env), "\n") // head -n 1
	return strings.ReplaceAll(first, "#", "")
}

// IdentifyCompiler identifies cc as scripts/cc-version.sh does (it runs `$(CC) -E -P -x c -` on the
// same program and parses the result) and fills in VersionText and ID. env nil means the process
// environment. It does not apply the minimum-version check; compare Version with MinToolVersion.
func IdentifyCompiler(ctx context.Context, cc string, env []string) (*Compiler, error) {
	args := strings.Fields(cc)
	if len(args) == 0 {
		return nil, errors.New("toolchain: empty compiler command")
	}
	ids, path, err := commandIdentity(cc, env)
	if err != nil {
		return nil, fmt.Errorf("toolchain: C compiler '%s' not found: %w", cc, err)
	}
	c := exec.Command(args[0], append(args[1:], "-E", "-P", "-x", "c", "-")...)
	c.Env = environ(env)
	c.Stdin = strings.NewReader(ccInfoProgram)
	var stdout bytes.Buffer
	c.Stdout = &stdout
	if err := proc.Run(ctx, c); err != nil {
		return nil, fmt.Errorf("toolchain: %s: %w: %v", cc, ErrUnknownCompiler, err)
	}
	name, version, err := ParseCCInfo(stdout.String())
	if err != nil {
		return nil, fmt.Errorf("toolchain: %s: %w", cc, err)
	}
	text := CCVersionText(ctx, cc, env)
	return &Compiler{Command: cc, Path: path, Name: name, Version: version, VersionText: text,
		ID: hashStrings(append(ids, text)...)}, nil
}

// IdentifyLinker identifies ld as scripts/ld-version.sh does, from the first line of
// `LC_ALL=C $(LD) --version`. gold is identified, not rejected; see Linker.Check.
func IdentifyLinker(ctx context.Context, ld string, env []string) (*Linker, error) {
	ids, path, err := commandIdentity(ld, env)
	if err != nil {
		return nil, fmt.Errorf("toolchain: linker '%s' not found: %w", ld, err)
	}
	out := versionOutput(ctx, ld, env)
	name, version, err := ParseLDVersion(out)
	// ld-version.sh's IFS=newline word splitting skips empty lines: the first line is the first non-empty one.
	text, _, _ := strings.Cut(strings.TrimLeft(out, "\n"), "\n")
	if err != nil {
		return nil, fmt.Errorf("toolchain: %s: %w", ld, err)
	}
	return &Linker{Command: ld, Path: path, Name: name, Version: version, VersionText: text,
		ID: hashStrings(append(ids, text)...)}, nil
}
