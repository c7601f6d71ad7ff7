// Package bpfc is the eBPF compiler of kbuild-go's runtime path: it compiles one eBPF C program against
// whatever kernel headers a machine has, in the seed's five steps (telemetry, headers, output directory,
// input verification, compile), with a cache that a restarted agent hits without running a compiler.
//
// Two ways to compile, chosen by Mode:
//
//   - ModeKernel: programs that include kernel-internal headers (linux/sched.h, ...). clang compiles for
//     the kernel's own architecture with -emit-llvm, with the kernel's include order and
//     -include linux/kconfig.h, and llc -march=bpfel|bpfeb turns the bitcode into a BPF object. Plain
//     `clang -target bpf` cannot: x86's asm/atomic.h has inline asm the BPF target rejects.
//   - ModeUAPI and ModeCORE: programs that use only uapi headers, or a vmlinux.h and CO-RE relocations.
//     clang -target bpfel / bpfeb with bpf2go's flags.
//
// Objects are reproducible: the input is copied into a private work directory under its base name and
// compiled there, with the work directory mapped to "." in the debug info and no clang ident, so the
// same input, flags, headers and compiler give the same bytes wherever the input came from.
//
// The cache is described at cacheKey (what the key covers) and in cache.go (the record beside each
// object, checked like ccache's direct mode).
package bpfc

import (
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/kbuild-go/kbuild-go/kheaders"
)

// Mode says how a program is compiled; see the package comment.
type Mode int

const (
	ModeKernel Mode = iota // kernel-internal headers: host-target clang -emit-llvm | llc -march=bpf
	ModeUAPI               // uapi headers only: clang -target bpfel|bpfeb
	ModeCORE               // vmlinux.h and CO-RE relocations: clang -target bpfel|bpfeb
)

var modeNames = [...]string{"kernel", "uapi", "core"}

func (m Mode) String() string {
	if m >= 0 && int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("mode%d", int(m))
}

// ParseMode reads a mode name (kernel, uapi, core).
func ParseMode(s string) (Mode, error) {
	for i, n := range modeNames {
		if s == n {
			return Mode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown mode %q (want kernel, uapi or core)", s)
}

// Target is the byte order of a BPF object.
type Target int

const (
	BPFEL Target = iota // little-endian (amd64, arm64, riscv64, loong64, ...)
	BPFEB               // big-endian (s390x, ...)
)

func (t Target) String() string {
	if t == BPFEB {
		return "bpfeb"
	}
	return "bpfel"
}

// Request is one program to compile.
type Request struct {
	// Input is the C source file.
	Input string
	// SHA256, when not empty, is the input's expected sha256 in hex; another hash fails the compile
	// with CodeInputVerification.
	SHA256 string
	// Headers is the kernel header set. Required in ModeKernel; in ModeUAPI its uapi directories are
	// used when it is given, and the system's (/usr/include) otherwise; ModeCORE does not use it
	// (vmlinux.h comes through IncludeDirs) except for telemetry's header source.
	Headers *kheaders.Set
	// HeaderOptions, when Headers is nil, make the headers step search for the set with kheaders (Find,
	// or the Compiler's Finder). ModeKernel needs one of the two.
	HeaderOptions *kheaders.Options
	// Mode is how to compile.
	Mode Mode
	// Targets are the byte orders to build, one object each. Empty means the kernel's own byte order in
	// ModeKernel (from Headers.Arch) and both in the other modes, as bpf2go does.
	Targets []Target
	// Arch is the kernel architecture (SRCARCH: x86, arm64, s390, ...) for __TARGET_ARCH_ and, in
	// ModeKernel, clang's target triple. Empty means Headers.Arch, or the host's.
	Arch string
	// CPU is the BPF instruction set version (-mcpu); empty means v1, bpf2go's default.
	CPU string
	// IncludeDirs are extra -I directories, searched before the header set's. Relative paths are taken
	// from the caller's working directory.
	IncludeDirs []string
	// Defines are -D arguments without the -D (NAME or NAME=VALUE).
	Defines []string
	// CFlags are extra compiler flags, added last so they can override. The compiler runs in a private
	// work directory: paths in them must be absolute.
	CFlags []string
	// OutputDir receives the objects (and their cache records). It is made private (0700, owned by the
	// caller); a world-writable or symlinked directory is refused.
	OutputDir string
}

// Object is one compiled (or cached) object.
type Object struct {
	Target Target
	Path   string
	Cached bool // found in the cache: no compiler ran
}

// Result is what Compile returns, also on failure: Telemetry is always filled in.
type Result struct {
	Objects   []Object
	Headers   *kheaders.Set // the set used, nil when none
	Rejected  []string      // header candidates the headers step rejected, with reasons (for -v)
	Telemetry Telemetry
}

// Compiler compiles requests. Its zero value works (clang and llc from PATH, the user's cache
// directory); it may be shared by goroutines, and must not be copied after its first compile.
type Compiler struct {
	// Clang and LLC are the compiler programs, names looked up in PATH or paths; empty means "clang"
	// and "llc".
	Clang, LLC string
	// CacheDir holds the compilers' identity records (tools/). Empty means UserCacheDir/kbuild-go/bpf.
	CacheDir string
	// Finder, when set, remembers header searches for the life of the process (per target kernel and
	// options); nil searches on every compile.
	Finder *kheaders.Finder
	// Sinks receive each compile's telemetry.
	Sinks []Sink
	// Log, when set, receives the commands run and the cache's decisions (kbuild-go bpf compile -v).
	Log io.Writer
	// HashLog, when set, receives every input of every cache key, one per line (for "why did this miss").
	HashLog io.Writer

	memo hashMemo // header hashes shared by this Compiler's compiles
}

// hostArch is the kernel SRCARCH of the machine this runs on.
func hostArch() string {
	switch runtime.GOARCH {
	case "amd64", "386":
		return "x86"
	case "arm64":
		return "arm64"
	case "arm":
		return "arm"
	case "s390x":
		return "s390"
	case "ppc64", "ppc64le":
		return "powerpc"
	case "riscv64":
		return "riscv"
	case "loong64":
		return "loongarch"
	case "mips", "mipsle", "mips64", "mips64le":
		return "mips"
	}
	return runtime.GOARCH
}

// archTriple is the clang target triple that compiles kernel code for arch (64-bit where there is a
// choice: the kernels eBPF runs on), and the kernel's byte order there.
func archTriple(arch string) (triple string, order Target, err error) {
	switch arch {
	case "x86":
		return "x86_64-linux-gnu", BPFEL, nil
	case "arm64":
		return "aarch64-linux-gnu", BPFEL, nil
	case "arm":
		return "arm-linux-gnueabihf", BPFEL, nil
	case "s390":
		return "s390x-linux-gnu", BPFEB, nil
	case "powerpc":
		return "powerpc64le-linux-gnu", BPFEL, nil
	case "riscv":
		return "riscv64-linux-gnu", BPFEL, nil
	case "loongarch":
		return "loongarch64-linux-gnu", BPFEL, nil
	}
	return "", BPFEL, fmt.Errorf("kernel mode: no clang target known for arch %q", arch)
}

// multiarchDir is Debian's per-architecture include directory (asm/types.h lives there); -target bpf
// does not search it, so uapi programs against /usr/include need it added.
func multiarchDir() string {
	switch runtime.GOARCH {
	case "amd64":
		return "/usr/include/x86_64-linux-gnu"
	case "arm64":
		return "/usr/include/aarch64-linux-gnu"
	case "s390x":
		return "/usr/include/s390x-linux-gnu"
	case "ppc64le":
		return "/usr/include/powerpc64le-linux-gnu"
	case "riscv64":
		return "/usr/include/riscv64-linux-gnu"
	}
	return ""
}

// stem is the object name's stem: the input's base name without .c, restricted to a safe alphabet.
func stem(name string) string {
	name = strings.TrimSuffix(name, ".c")
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			return r
		}
		return '_'
	}, name)
}
