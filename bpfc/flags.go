package bpfc

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// job is one object's commands, decided before anything runs. The compilers run in a private work
// directory with a fresh random name, so the input, depfile and output are plain relative names and
// the command lines (hashed into the key) do not depend on that name.
type job struct {
	target Target
	clang  []string // arguments after the program name
	llc    []string // ModeKernel only: llc reads clang's bitcode on stdin
	dep    string   // depfile name, relative to the work dir
	out    string   // object name, relative to the work dir
}

// plan decides the command lines for target. Each flag added here is in the command line, and the whole
// command line is in the cache key: nothing is added after the key is computed (the seed's flaw).
func plan(req *Request, in *input, arch string, target Target, clang *tool) (*job, error) {
	j := &job{target: target, dep: target.String() + ".d", out: target.String() + ".o"}
	cpu := req.CPU
	if cpu == "" {
		cpu = "v1"
	}
	var a []string
	add := func(s ...string) { a = append(a, s...) }
	src := in.name
	if strings.HasPrefix(src, "-") {
		src = "./" + src // a file, not a flag
	}
	// Reproducibility: no ident string; the input is compiled by its relative name in the work dir and
	// the compilation dir is ".", so the work dir's random name never reaches the object; the input's
	// own directory (searched for its quoted includes) is mapped to ".".
	common := func() {
		add("-O2", "-g", "-fno-ident", "-fdebug-prefix-map="+in.dir+"=.",
			"-fdebug-compilation-dir", ".",
			"-D__TARGET_ARCH_"+arch)
		add("-iquote", in.dir)
		for _, d := range req.IncludeDirs {
			if abs, err := filepath.Abs(d); err == nil {
				d = abs
			}
			add("-I", d)
		}
	}
	user := func() {
		for _, d := range req.Defines {
			add("-D" + d)
		}
		add(req.CFlags...)
		add("-MD", "-MF", j.dep, "-MT", j.out)
	}
	switch req.Mode {
	case ModeKernel:
		set := req.Headers
		if set == nil {
			return nil, &Error{Code: CodeBadRequest, Err: fmt.Errorf("kernel mode needs a kernel header set")}
		}
		triple, _, err := archTriple(arch)
		if err != nil {
			return nil, &Error{Code: CodeBadRequest, Err: err}
		}
		kconfig := set.Find("include/linux/kconfig.h")
		if kconfig == "" {
			return nil, &Error{Code: CodeHeaderFetch, Err: fmt.Errorf("header set %s: no include/linux/kconfig.h", strings.Join(set.Dirs, ", "))}
		}
		add("-target", triple, "-nostdinc", "-isystem", filepath.Join(clang.ResourceDir, "include"))
		common()
		for _, d := range set.IncludeDirs() {
			add("-I", d)
		}
		add("-include", kconfig,
			"-D__KERNEL__", "-D__BPF_TRACING__",
			// samples/bpf's and the seed's warnings off: kernel headers are not written for BPF.
			"-Wno-unused-value", "-Wno-pointer-sign", "-Wno-compare-distinct-pointer-types",
			"-Wno-gnu-variable-sized-type-not-at-end", "-Wno-address-of-packed-member",
			"-Wno-tautological-compare", "-Wno-unknown-warning-option",
			"-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables",
			"-fno-jump-tables")
		user()
		add("-emit-llvm", "-c", src, "-o", "-")
		j.llc = []string{"-march=" + target.String(), "-mcpu=" + cpu, "-filetype=obj", "-o", j.out}
	case ModeUAPI, ModeCORE:
		add("-target", target.String(), "-mcpu="+cpu)
		common()
		if req.Mode == ModeUAPI && req.Headers != nil {
			// A kernel tree's uapi directories hold the headers before headers_install cleans them:
			// include/uapi/linux/stddef.h still includes linux/compiler_types.h (found last, in
			// include/, where it defines nothing without __KERNEL__), and uapi/linux/types.h warns
			// unless __EXPORTED_HEADERS__ says the headers are used as exported ones.
			for _, d := range req.Headers.IncludeDirs() {
				if strings.Contains(d, "uapi") {
					add("-I", d)
				}
			}
			for _, d := range req.Headers.Dirs {
				if st, err := os.Stat(filepath.Join(d, "include", "linux")); err == nil && st.IsDir() {
					add("-idirafter", filepath.Join(d, "include"))
				}
			}
			add("-D__EXPORTED_HEADERS__")
		} else if d := multiarchDir(); d != "" {
			// -target bpf knows /usr/include but not Debian's per-arch directory (asm/types.h).
			add("-idirafter", d)
		}
		user()
		add("-c", src, "-o", j.out)
	default:
		return nil, &Error{Code: CodeBadRequest, Err: fmt.Errorf("unknown mode %d", req.Mode)}
	}
	j.clang = a
	return j, nil
}
