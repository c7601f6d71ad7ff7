package toolchain

import (
	"fmt"
	"os/exec"
	"strings"
)

// Origin says where a variable's value came from, with the same meaning as make's $(origin).
type Origin int

const (
	// OriginUndefined: nobody set the variable; its value is empty.
	OriginUndefined Origin = iota
	// OriginFile: the value the top Makefile (or scripts/subarch.include) assigns.
	OriginFile
	// OriginEnvironment: taken from the environment, which make does only where the makefile does not
	// assign the variable, or assigns it with ?=, or when make runs with -e.
	OriginEnvironment
	// OriginCommandLine: a VAR=value argument of make; it beats every makefile assignment.
	OriginCommandLine
)

// String returns the word make's $(origin) prints.
func (o Origin) String() string {
	switch o {
	case OriginFile:
		return "file"
	case OriginEnvironment:
		return "environment"
	case OriginCommandLine:
		return "command line"
	}
	return "undefined"
}

// Flavor is how the top Makefile defines a variable: recursively expanded (=) or simply expanded (:=).
type Flavor int

const (
	// Recursive variables (VAR = value) expand their Definition at each use, so CC = $(CROSS_COMPILE)gcc
	// follows a CROSS_COMPILE that an arch Makefile assigns later.
	Recursive Flavor = iota
	// Simple variables (VAR := value) were expanded once at assignment.
	Simple
)

// Var is one resolved make variable.
type Var struct {
	Name string
	// Value is the expanded value at the end of the top Makefile's tool block.
	Value string
	// Definition is the unexpanded text to define the variable with in a make evaluator, e.g.
	// "$(CROSS_COMPILE)gcc" for CC with Origin OriginFile and Flavor Recursive; for command-line and
	// environment values it is the value as given.
	Definition string
	Flavor     Flavor
	Origin     Origin
}

// Input is what tool resolution reads: make's command-line variables and the environment.
type Input struct {
	// CommandLine holds the VAR=value arguments of the make command line.
	CommandLine map[string]string
	// Environ is the process environment as KEY=VALUE strings (os.Environ()).
	Environ []string
	// EnvironmentOverrides is make's -e: environment values beat makefile assignments.
	EnvironmentOverrides bool
	// Machine is the output of `uname -m`; empty means run uname -m.
	Machine string
}

// Tools is the result of the top Makefile's ARCH / CROSS_COMPILE / LLVM / tool-variable block (Linux 6.1
// Makefile lines ~380-560). Fields hold expanded values; Vars holds every variable of the block, in the
// order the Makefile assigns them, for an integrator to define as make variables.
type Tools struct {
	Subarch, Arch, SrcArch, UTSMachine string
	CrossCompile                       string
	LLVM, LLVMPrefix, LLVMSuffix       string
	LLVMIAS                            string
	ConfigShell                        string

	CC, CPP, LD, AR, NM, OBJCOPY, OBJDUMP, READELF, STRIP string
	HOSTCC, HOSTCXX                                       string
	// HOSTLD and HOSTAR are not assigned by Linux 6.1 (host programs link with $(HOSTCC)); they carry a
	// command-line or environment value through unchanged, empty otherwise.
	HOSTLD, HOSTAR string

	Vars []Var
}

// Get returns the resolved variable called name.
func (t *Tools) Get(name string) (Var, bool) {
	for _, v := range t.Vars {
		if v.Name == name {
			return v, true
		}
	}
	return Var{}, false
}

// otherTools are the remaining plain assignments of the top Makefile's tool block, in order.
func otherTools() [][2]string {
	return [][2]string{
		{"RUSTC", "rustc"}, {"RUSTDOC", "rustdoc"}, {"RUSTFMT", "rustfmt"}, {"CLIPPY_DRIVER", "clippy-driver"},
		{"BINDGEN", "bindgen"}, {"CARGO", "cargo"}, {"PAHOLE", "pahole"},
		{"RESOLVE_BTFIDS", "$(objtree)/tools/bpf/resolve_btfids/resolve_btfids"},
		{"LEX", "flex"}, {"YACC", "bison"}, {"AWK", "awk"}, {"DEPMOD", "depmod"}, {"PERL", "perl"},
		{"PYTHON3", "python3"}, {"CHECK", "sparse"}, {"BASH", "bash"}, {"KGZIP", "gzip"}, {"KBZIP2", "bzip2"},
		{"KLZOP", "lzop"}, {"LZMA", "lzma"}, {"LZ4", "lz4"}, {"XZ", "xz"}, {"ZSTD", "zstd"},
	}
}

// resolver evaluates the tool block with make's precedence rules.
type resolver struct {
	in   Input
	env  map[string]string
	vars []Var
	idx  map[string]int
}

func (r *resolver) lookupEnv(name string) (string, bool) {
	v, ok := r.env[name]
	return v, ok
}

// value returns the current expanded value of name: a variable the block already assigned, else a
// command-line or environment value (as make would see an unassigned variable), else "".
func (r *resolver) value(name string) string {
	if i, ok := r.idx[name]; ok {
		return r.vars[i].Value
	}
	if v, ok := r.in.CommandLine[name]; ok {
		return r.expand(v)
	}
	if v, ok := r.lookupEnv(name); ok {
		return v
	}
	return ""
}

// expand substitutes $(NAME) and ${NAME} references; it is all the tool block's definitions need.
// $$ becomes $. Function calls are not expanded (no definition of the block uses one).
func (r *resolver) expand(s string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '$' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		n := s[i+1]
		switch n {
		case '$':
			b.WriteByte('$')
			i++
		case '(', '{':
			closer := byte(')')
			if n == '{' {
				closer = '}'
			}
			end := strings.IndexByte(s[i+2:], closer)
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			b.WriteString(r.value(s[i+2 : i+2+end]))
			i += 2 + end
		default:
			b.WriteString(r.value(string(n)))
			i++
		}
	}
	return b.String()
}

// set assigns name as the makefile does (file origin, def unexpanded), unless the command line or, for
// conditional (?=) assignments and make -e, the environment wins.
func (r *resolver) set(name, def string, flavor Flavor, conditional bool) {
	v := Var{Name: name, Definition: def, Flavor: flavor, Origin: OriginFile}
	if cl, ok := r.in.CommandLine[name]; ok {
		v = Var{Name: name, Definition: cl, Flavor: Recursive, Origin: OriginCommandLine}
	} else if ev, ok := r.lookupEnv(name); ok && (conditional || r.in.EnvironmentOverrides) {
		v = Var{Name: name, Definition: ev, Flavor: Recursive, Origin: OriginEnvironment}
	}
	r.put(v)
}

// inherit records a variable the block reads but never assigns (CROSS_COMPILE, LLVM, ...).
func (r *resolver) inherit(name string) {
	v := Var{Name: name, Flavor: Recursive, Origin: OriginUndefined}
	if cl, ok := r.in.CommandLine[name]; ok {
		v = Var{Name: name, Definition: cl, Origin: OriginCommandLine}
	} else if ev, ok := r.lookupEnv(name); ok {
		v = Var{Name: name, Definition: ev, Origin: OriginEnvironment}
	}
	r.put(v)
}

func (r *resolver) put(v Var) {
	if v.Origin == OriginEnvironment {
		v.Value = v.Definition // make does not expand environment values' references specially; keep as is
	} else {
		v.Value = r.expand(v.Definition)
	}
	if v.Flavor == Simple {
		v.Definition = v.Value
	}
	if i, ok := r.idx[v.Name]; ok {
		r.vars[i] = v
		return
	}
	r.idx[v.Name] = len(r.vars)
	r.vars = append(r.vars, v)
}

// Resolve evaluates the top Makefile's tool block for in. It runs `uname -m` when in.Machine is empty and
// SUBARCH is not given on the command line.
func Resolve(in Input) (*Tools, error) {
	r := &resolver{in: in, env: map[string]string{}, idx: map[string]int{}}
	for _, kv := range in.Environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			r.env[k] = v
		}
	}

	// scripts/subarch.include: SUBARCH := $(shell uname -m | sed ...)
	if _, ok := in.CommandLine["SUBARCH"]; ok || in.EnvironmentOverrides && r.env["SUBARCH"] != "" {
		r.set("SUBARCH", "", Simple, false)
	} else {
		machine := in.Machine
		if machine == "" {
			out, err := exec.Command("uname", "-m").Output()
			if err != nil {
				return nil, fmt.Errorf("toolchain: uname -m: %w", err)
			}
			machine = strings.TrimSpace(string(out))
		}
		r.set("SUBARCH", Subarch(machine), Simple, false)
	}
	r.inherit("CROSS_COMPILE")
	r.set("ARCH", "$(SUBARCH)", Recursive, true) // ARCH ?= $(SUBARCH)
	r.set("CONFIG_SHELL", "sh", Simple, false)

	r.inherit("LLVM")
	llvm := r.value("LLVM")
	if strings.TrimSpace(llvm) != "" {
		words := strings.Fields(llvm)
		if anyWord(words, func(w string) bool { return strings.HasSuffix(w, "/") }) {
			r.set("LLVM_PREFIX", "$(LLVM)", Simple, false)
		} else if anyWord(words, func(w string) bool { return strings.HasPrefix(w, "-") }) {
			r.set("LLVM_SUFFIX", "$(LLVM)", Simple, false)
		}
		r.inheritIfUnset("LLVM_PREFIX")
		r.inheritIfUnset("LLVM_SUFFIX")
		r.set("HOSTCC", "$(LLVM_PREFIX)clang$(LLVM_SUFFIX)", Recursive, false)
		r.set("HOSTCXX", "$(LLVM_PREFIX)clang++$(LLVM_SUFFIX)", Recursive, false)
	} else {
		r.set("HOSTCC", "gcc", Recursive, false)
		r.set("HOSTCXX", "g++", Recursive, false)
	}
	r.set("HOSTRUSTC", "rustc", Recursive, false)
	r.set("HOSTPKG_CONFIG", "pkg-config", Recursive, false)
	r.inherit("HOSTLD")
	r.inherit("HOSTAR")

	// CPP = $(CC) -E is assigned before CC; being recursive it sees the final CC, so it is set after.
	tools := []string{"CC", "LD", "AR", "NM", "OBJCOPY", "OBJDUMP", "READELF", "STRIP"}
	llvmNames := []string{"clang", "ld.lld", "llvm-ar", "llvm-nm", "llvm-objcopy", "llvm-objdump",
		"llvm-readelf", "llvm-strip"}
	gnuNames := []string{"gcc", "ld", "ar", "nm", "objcopy", "objdump", "readelf", "strip"}
	for i, name := range tools {
		if strings.TrimSpace(llvm) != "" {
			r.set(name, "$(LLVM_PREFIX)"+llvmNames[i]+"$(LLVM_SUFFIX)", Recursive, false)
		} else {
			r.set(name, "$(CROSS_COMPILE)"+gnuNames[i], Recursive, false)
		}
	}
	r.set("CPP", "$(CC) -E", Recursive, false)
	for _, t := range otherTools() {
		r.set(t[0], t[1], Recursive, false)
	}
	r.inherit("LLVM_IAS")

	r.set("UTS_MACHINE", "$(ARCH)", Simple, false)
	r.set("SRCARCH", SrcArch(r.value("ARCH")), Simple, false)

	t := &Tools{Vars: r.vars}
	g := r.value
	t.Subarch, t.Arch, t.SrcArch, t.UTSMachine = g("SUBARCH"), g("ARCH"), g("SRCARCH"), g("UTS_MACHINE")
	t.CrossCompile, t.LLVM, t.LLVMPrefix, t.LLVMSuffix = g("CROSS_COMPILE"), g("LLVM"), g("LLVM_PREFIX"), g("LLVM_SUFFIX")
	t.LLVMIAS, t.ConfigShell = g("LLVM_IAS"), g("CONFIG_SHELL")
	t.CC, t.CPP, t.LD, t.AR, t.NM = g("CC"), g("CPP"), g("LD"), g("AR"), g("NM")
	t.OBJCOPY, t.OBJDUMP, t.READELF, t.STRIP = g("OBJCOPY"), g("OBJDUMP"), g("READELF"), g("STRIP")
	t.HOSTCC, t.HOSTCXX, t.HOSTLD, t.HOSTAR = g("HOSTCC"), g("HOSTCXX"), g("HOSTLD"), g("HOSTAR")
	return t, nil
}

// inheritIfUnset records LLVM_PREFIX / LLVM_SUFFIX when the Makefile did not assign them: with LLVM=1,
// $(LLVM_PREFIX) still expands to a command-line or environment value, as in make.
func (r *resolver) inheritIfUnset(name string) {
	if _, ok := r.idx[name]; !ok {
		r.inherit(name)
	}
}

func anyWord(words []string, f func(string) bool) bool {
	for _, w := range words {
		if f(w) {
			return true
		}
	}
	return false
}
