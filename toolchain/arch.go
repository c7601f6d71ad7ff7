package toolchain

import "regexp"

// subarchSed is scripts/subarch.include's sed program, one entry per -e expression, in order:
//
//	sed -e s/i.86/x86/ -e s/x86_64/x86/ -e s/sun4u/sparc64/ -e s/arm.*/arm/ -e s/sa110/arm/
//	    -e s/s390x/s390/ -e s/ppc.*/powerpc/ -e s/mips.*/mips/ -e s/sh[234].*/sh/
//	    -e s/aarch64.*/arm64/ -e s/riscv.*/riscv/ -e s/loongarch.*/loongarch/
//
// The patterns are POSIX basic regular expressions without anchors; each s command replaces only the
// leftmost-longest match, and later commands see the output of earlier ones. The patterns use only
// literals, '.', '*' and a bracket expression, which mean the same in Go's syntax.
func subarchSed() []sedSubst {
	exprs := [][2]string{
		{`i.86`, "x86"}, {`x86_64`, "x86"}, {`sun4u`, "sparc64"}, {`arm.*`, "arm"}, {`sa110`, "arm"},
		{`s390x`, "s390"}, {`ppc.*`, "powerpc"}, {`mips.*`, "mips"}, {`sh[234].*`, "sh"},
		{`aarch64.*`, "arm64"}, {`riscv.*`, "riscv"}, {`loongarch.*`, "loongarch"},
	}
	out := make([]sedSubst, len(exprs))
	for i, e := range exprs {
		re := regexp.MustCompile(e[0])
		re.Longest()
		out[i] = sedSubst{re: re, repl: e[1]}
	}
	return out
}

type sedSubst struct {
	re   *regexp.Regexp
	repl string
}

// Subarch maps the output of `uname -m` to the kernel's SUBARCH as scripts/subarch.include does, e.g.
// x86_64 → x86, i686 → x86, aarch64 → arm64, armv7l → arm, ppc64le → powerpc, s390x → s390; machines
// no expression matches are returned unchanged.
func Subarch(machine string) string {
	s := machine
	for _, e := range subarchSed() {
		if loc := e.re.FindStringIndex(s); loc != nil {
			s = s[:loc[0]] + e.repl + s[loc[1]:]
		}
	}
	return s
}

// SrcArch maps ARCH to SRCARCH (the directory under arch/) as Linux 6.1's top Makefile does:
// i386 and x86_64 → x86, sparc64 → sparc, parisc64 → parisc, sh64 → sh, anything else unchanged.
func SrcArch(arch string) string {
	switch arch {
	case "i386", "x86_64":
		return "x86"
	case "sparc64":
		return "sparc"
	case "parisc64":
		return "parisc"
	case "sh64":
		return "sh"
	}
	return arch
}
