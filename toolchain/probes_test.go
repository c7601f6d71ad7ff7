package toolchain

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func testMakeProbes(extmod string) *MakeProbes {
	return &MakeProbes{CC: "gcc", LD: "ld", KbuildCPPFlags: "-D__KERNEL__", KbuildCFlags: "-Wall -O2",
		KbuildAFlags: "-D__ASSEMBLY__", KbuildLDFlags: "-m elf_x86_64", ClangFlags: "", KbuildExtmod: extmod}
}

// TestMakeProbeCommandsMatchGNUMake expands the reference tree's scripts/Makefile.compiler with GNU make,
// whose SHELL logs every command it is given, and checks that the builders produce the same strings and
// that Prober.Shell produces the same values.
func TestMakeProbeCommandsMatchGNUMake(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("GNU make not installed")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("gcc not installed")
	}
	compiler := filepath.Join(kernelTree, "scripts", "Makefile.compiler")
	if _, err := os.Stat(compiler); err != nil {
		t.Skip("reference tree absent")
	}
	dir := t.TempDir()
	logsh := filepath.Join(dir, "logsh")
	log := filepath.Join(dir, "log")
	writeScript(t, logsh, "#!/bin/sh\nprintf '%s\\0' \"$2\" >> "+log+"\nexec /bin/sh \"$@\"\n")
	mk := `SHELL := ` + logsh + `
comma := ,
include ` + compiler + `
CC := gcc
LD := ld
KBUILD_CPPFLAGS := -D__KERNEL__
KBUILD_CFLAGS := -Wall -O2
KBUILD_AFLAGS := -D__ASSEMBLY__
KBUILD_LDFLAGS := -m elf_x86_64
CONFIG_GCC_VERSION := 120200
$(info R=$(call cc-option,-fno-PIE))
$(info R=$(call cc-option,-fno-such-flag-xyz,-O1))
$(info R=$(call cc-option-yn, -mno-red-zone))
$(info R=$(call cc-disable-warning, unused-but-set-variable))
$(info R=$(call as-option,-Wa$(comma)--noexecstack))
$(info R=$(call as-instr,vpmovm2b %k1$(comma)%zmm5,-DCONFIG_AS_AVX512=1))
$(info R=$(call ld-option,--no-such-option-xyz))
$(info R=$(call ld-option,-z noexecstack,-X))
$(info R=$(call gcc-min-version, 70100))
$(info R=$(call cc-cross-prefix, no-such- x86_64-linux-gnu-))
KBUILD_EXTMOD := ext dir
$(info R=$(call cc-option,-fno-PIE))
all: ;
`
	if err := os.WriteFile(filepath.Join(dir, "Makefile"), []byte(mk), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("make", "-s", "--no-print-directory", "-f", "Makefile")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	logged := strings.Split(strings.TrimSuffix(string(raw), "\x00"), "\x00")

	m, e := testMakeProbes(""), testMakeProbes("ext dir")
	want := []string{
		m.CCOption("-fno-PIE", ""),
		m.CCOption("-fno-such-flag-xyz", "-O1"),
		m.CCOptionYN(" -mno-red-zone"),
		m.CCDisableWarning(" unused-but-set-variable"),
		m.AsOption("-Wa,--noexecstack", ""),
		m.AsInstr("vpmovm2b %k1,%zmm5", "-DCONFIG_AS_AVX512=1", ""),
		m.LDOption("--no-such-option-xyz", ""),
		m.LDOption("-z noexecstack", "-X"),
		MinVersionCommand("120200", " 70100"),
		CCCrossPrefixCommand("no-such-"),
		CCCrossPrefixCommand("x86_64-linux-gnu-"),
		e.CCOption("-fno-PIE", ""),
	}
	if len(logged) != len(want) {
		t.Fatalf("make ran %d commands, want %d:\n%q", len(logged), len(want), logged)
	}
	for i := range want {
		if logged[i] != want[i] {
			t.Errorf("command %d:\n make: %q\n ours: %q", i, logged[i], want[i])
		}
	}

	// The values make printed are what Prober.Shell computes for the same commands.
	p, err := NewProber(ProberConfig{CacheDir: t.TempDir(), Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		values = append(values, strings.TrimPrefix(line, "R="))
	}
	var ours []string
	for i, c := range want {
		if i == 10 { // cc-cross-prefix: two commands, one value
			continue
		}
		stdout, _ := p.Shell(c, nil, dir)
		v := MakeShellOutput(stdout)
		if i == 9 {
			v = p.CCCrossPrefix(t.Context(), "no-such- x86_64-linux-gnu-", nil, dir)
		}
		ours = append(ours, v)
	}
	if strings.Join(values, "|") != strings.Join(ours, "|") {
		t.Errorf("values:\n make: %q\n ours: %q", values, ours)
	}
}

// TestProbesAgainstGCC runs probes for a flag gcc has and one it lacks.
func TestProbesAgainstGCC(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("gcc not installed")
	}
	p, err := NewProber(ProberConfig{CacheDir: "off", Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m := testMakeProbes("")
	k := &KconfigProbes{CC: "gcc", LD: "ld"}
	tests := []struct{ name, cmd, want string }{
		{"cc-option exists", m.CCOption("-fno-PIE", "-ALT"), "-fno-PIE"},
		{"cc-option missing", m.CCOption("-fno-such-flag-xyz", "-ALT"), "-ALT"},
		{"cc-option-yn exists", m.CCOptionYN("-mno-red-zone"), "y"},
		{"cc-option-yn missing", m.CCOptionYN("-mno-such-thing"), "n"},
		{"cc-disable-warning exists", m.CCDisableWarning("unused-but-set-variable"), "-Wno-unused-but-set-variable"},
		{"cc-disable-warning missing", m.CCDisableWarning("such-warning-xyz"), ""},
		{"as-instr exists", m.AsInstr("movl %eax, %ebx", "yes", "no"), "yes"},
		{"as-instr missing", m.AsInstr("notaninstruction %eax", "yes", "no"), "no"},
		{"ld-option exists", m.LDOption("-z noexecstack", ""), "-z noexecstack"},
		{"ld-option missing", m.LDOption("--no-such-option-xyz", "alt"), "alt"},
		{"kconfig cc-option exists", k.CCOption("-fno-PIE"), "y"},
		{"kconfig cc-option missing", k.CCOption("-fno-such-flag-xyz"), "n"},
		{"kconfig ld-option", k.LDOption("--no-such-option-xyz"), "n"},
		{"kconfig as-instr", k.AsInstr("movl %eax, %ebx"), "y"},
		{"kconfig cc-option-bit -m64", k.CCOptionBit("-m64"), "-m64"},
		{"kconfig cc-option-bit bogus", k.CCOptionBit("-m65"), ""},
		{"kconfig success", Success("true"), "y"},
		{"kconfig failure", Failure("true"), "n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, status := p.Shell(tt.cmd, nil, dir)
			if got := MakeShellOutput(out); got != tt.want || status != 0 {
				t.Errorf("%s\n= %q (status %d), want %q", tt.cmd, got, status, tt.want)
			}
		})
	}
	// try-run cleaned up its scratch directory.
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("scratch left behind: %v", ents)
	}
}

func TestKconfigProbeStrings(t *testing.T) {
	k := &KconfigProbes{CC: "gcc", LD: "ld", ClangFlags: ""}
	for got, want := range map[string]string{
		k.CCOption("-mfoo"):   `{ trap "rm -rf .tmp_$$" EXIT; mkdir .tmp_$$; gcc -Werror  -mfoo -c -x c /dev/null -o .tmp_$$/tmp.o; } >/dev/null 2>&1 && echo "y" || echo "n"`,
		k.LDOption("-z x"):    `{ ld -v -z x; } >/dev/null 2>&1 && echo "y" || echo "n"`,
		k.AsInstr("nop"):      `{ printf "%b\n" "nop" | gcc  -c -x assembler-with-cpp -o /dev/null -; } >/dev/null 2>&1 && echo "y" || echo "n"`,
		k.CCOptionBit("-m32"): `{ gcc -Werror -m32 -E -x c /dev/null -o /dev/null; } >/dev/null 2>&1 && echo "-m32" || echo ""`,
		Failure("false"):      `{ false; } >/dev/null 2>&1 && echo "n" || echo "y"`,
	} {
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
	if MakeShellOutput("a\nb\r\nc\n\n") != "a b c" {
		t.Error("MakeShellOutput")
	}
}
