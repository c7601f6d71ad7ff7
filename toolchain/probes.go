package toolchain

import "strings"

// This file builds the shell commands of the probes in scripts/Makefile.compiler and
// scripts/Kconfig.include. Each function returns exactly the string make (or Kconfig) hands to the shell
// after expanding the macro, including the spaces that call arguments and backslash-newline continuations
// leave behind, so a command built here and the same probe expanded by a make evaluator are one probe with
// one cache entry. Arguments are taken as make passes them: unstripped, already expanded.

// MakeProbes holds the make variables the Makefile.compiler probes read, expanded.
type MakeProbes struct {
	CC, LD                                     string
	KbuildCPPFlags, KbuildCFlags, KbuildAFlags string // KBUILD_CPPFLAGS, KBUILD_CFLAGS, KBUILD_AFLAGS
	KbuildLDFlags, ClangFlags                  string // KBUILD_LDFLAGS, CLANG_FLAGS
	KbuildExtmod                               string // KBUILD_EXTMOD, which moves TMPOUT
}

// TmpOut is TMPOUT = $(if $(KBUILD_EXTMOD),$(firstword $(KBUILD_EXTMOD))/).tmp_$$$$ after expansion:
// the shell sees .tmp_$$, a per-process directory name.
func TmpOut(kbuildExtmod string) string {
	if f := strings.Fields(kbuildExtmod); len(f) > 0 {
		return f[0] + "/.tmp_$$"
	}
	return ".tmp_$$"
}

// TryRun is $(call try-run,cmd,ok,otherwise) with TMPOUT expanded to tmpout: the command prints ok when
// cmd succeeds, otherwise when it fails; "$TMP" in cmd names a scratch file removed on exit.
func TryRun(tmpout, cmd, ok, otherwise string) string {
	return "set -e; TMP=" + tmpout + "/tmp; trap \"rm -rf " + tmpout + "\" EXIT; mkdir -p " + tmpout +
		"; if (" + cmd + ") >/dev/null 2>&1; then echo \"" + ok + "\"; else echo \"" + otherwise + "\"; fi"
}

func (m *MakeProbes) tryRun(cmd, ok, otherwise string) string {
	return TryRun(TmpOut(m.KbuildExtmod), cmd, ok, otherwise)
}

// CCOption is $(call cc-option,opt,alt).
func (m *MakeProbes) CCOption(opt, alt string) string {
	// cc-option = $(call __cc-option, $(CC), $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS),$(1),$(2))
	return m.underCCOption(" "+m.CC, " "+m.KbuildCPPFlags+" "+m.KbuildCFlags, opt, alt)
}

// underCCOption is $(call __cc-option,cc,flags,opt,alt).
func (m *MakeProbes) underCCOption(cc, flags, opt, alt string) string {
	return m.tryRun(" "+cc+" -Werror "+flags+" "+opt+` -c -x c /dev/null -o "$TMP"`, opt, alt)
}

// CCOptionYN is $(call cc-option-yn,opt): prints y or n.
func (m *MakeProbes) CCOptionYN(opt string) string {
	return m.tryRun(" "+m.CC+" -Werror "+m.KbuildCPPFlags+" "+m.KbuildCFlags+" "+opt+
		` -c -x c /dev/null -o "$TMP"`, "y", "n")
}

// CCDisableWarning is $(call cc-disable-warning,warning): prints -Wno-<warning> when -W<warning> exists.
func (m *MakeProbes) CCDisableWarning(warning string) string {
	w := strings.Join(strings.Fields(warning), " ") // $(strip $(1))
	return m.tryRun(" "+m.CC+" -Werror "+m.KbuildCPPFlags+" "+m.KbuildCFlags+" -W"+w+
		` -c -x c /dev/null -o "$TMP"`, "-Wno-"+w, "")
}

// AsOption is $(call as-option,opt,alt).
func (m *MakeProbes) AsOption(opt, alt string) string {
	return m.tryRun(" "+m.CC+" -Werror "+m.KbuildCPPFlags+" "+m.KbuildAFlags+" "+opt+
		` -c -x assembler-with-cpp /dev/null -o "$TMP"`, opt, alt)
}

// AsInstr is $(call as-instr,instr,ok,otherwise).
func (m *MakeProbes) AsInstr(instr, ok, otherwise string) string {
	return m.tryRun(` printf "%b\n" "`+instr+`" | `+m.CC+" -Werror "+m.ClangFlags+" "+m.KbuildAFlags+
		` -c -x assembler-with-cpp -o "$TMP" -`, ok, otherwise)
}

// LDOption is $(call ld-option,opt,alt).
func (m *MakeProbes) LDOption(opt, alt string) string {
	return m.tryRun(" "+m.LD+" "+m.KbuildLDFlags+" "+opt+" -v", opt, alt)
}

// CCCrossPrefixCommand is the $(shell ...) cc-cross-prefix runs for one prefix c; cc-cross-prefix returns
// the first prefix whose command prints something. It depends on PATH, so Prober always runs it.
func CCCrossPrefixCommand(prefix string) string {
	return "command -v -- " + prefix + "gcc 2>/dev/null"
}

// MinVersionCommand is the $(shell ...) of gcc-min-version and clang-min-version, where configVersion is
// $(CONFIG_GCC_VERSION) or $(CONFIG_CLANG_VERSION): it prints y when configVersion >= min.
func MinVersionCommand(configVersion, min string) string {
	return "[ " + configVersion + "0 -ge " + min + "0 ] && echo y"
}

// KconfigProbes holds the variables the Kconfig.include probes read ($(CC), $(LD), $(CLANG_FLAGS)).
type KconfigProbes struct {
	CC, LD, ClangFlags string
}

// IfSuccess is Kconfig's $(if-success,cmd,then,else) as the command $(shell,...) runs.
func IfSuccess(cmd, then, els string) string {
	return "{ " + cmd + "; } >/dev/null 2>&1 && echo \"" + then + "\" || echo \"" + els + "\""
}

// Success is Kconfig's $(success,cmd): y if cmd exits 0, n otherwise.
func Success(cmd string) string { return IfSuccess(cmd, "y", "n") }

// Failure is Kconfig's $(failure,cmd): n if cmd exits 0, y otherwise.
func Failure(cmd string) string { return IfSuccess(cmd, "n", "y") }

// CCOption is Kconfig's $(cc-option,flag).
func (k *KconfigProbes) CCOption(flag string) string {
	return Success(`trap "rm -rf .tmp_$$" EXIT; mkdir .tmp_$$; ` + k.CC + " -Werror " + k.ClangFlags + " " +
		flag + " -c -x c /dev/null -o .tmp_$$/tmp.o")
}

// LDOption is Kconfig's $(ld-option,flag).
func (k *KconfigProbes) LDOption(flag string) string {
	return Success(k.LD + " -v " + flag)
}

// AsInstr is Kconfig's $(as-instr,instr).
func (k *KconfigProbes) AsInstr(instr string) string {
	return Success(`printf "%b\n" "` + instr + `" | ` + k.CC + " " + k.ClangFlags +
		" -c -x assembler-with-cpp -o /dev/null -")
}

// CCOptionBit is Kconfig's $(cc-option-bit,flag): flag if the compiler accepts it, empty otherwise.
func (k *KconfigProbes) CCOptionBit(flag string) string {
	return IfSuccess(k.CC+" -Werror "+flag+" -E -x c /dev/null -o /dev/null", flag, "")
}

// MakeShellOutput turns raw command output into the value of make's $(shell ...) (and Kconfig's
// $(shell,...)): trailing newlines are removed and each remaining newline (or CR LF) becomes a space.
func MakeShellOutput(raw string) string {
	s := strings.TrimRight(raw, "\n")
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.ReplaceAll(s, "\n", " ")
}
