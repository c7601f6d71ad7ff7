package toolchain

import (
	"os/exec"
	"strings"
	"testing"
)

// Every -e expression of scripts/subarch.include, plus machines no expression matches.
var subarchCases = map[string]string{
	"i386": "x86", "i486": "x86", "i586": "x86", "i686": "x86", "x86_64": "x86",
	"sun4u":  "sparc64",
	"armv7l": "arm", "armv6l": "arm", "arm": "arm", "armv8b": "arm",
	"sa110": "arm",
	"s390x": "s390", "s390": "s390",
	"ppc": "powerpc", "ppc64": "powerpc", "ppc64le": "powerpc",
	"mips": "mips", "mips64": "mips", "mipsel": "mips",
	"sh2": "sh", "sh3": "sh", "sh4": "sh", "sh4a": "sh", "sh5": "sh5",
	"aarch64": "arm64", "aarch64_be": "arm64",
	"riscv64": "riscv", "riscv32": "riscv",
	"loongarch64": "loongarch",
	"alpha":       "alpha", "parisc64": "parisc64", "sparc64": "sparc64", "m68k": "m68k", "ia64": "ia64",
	"xi686y": "xx86y", // unanchored, as sed
}

func TestSubarch(t *testing.T) {
	for in, want := range subarchCases {
		if got := Subarch(in); got != want {
			t.Errorf("Subarch(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSubarchMatchesSed runs the real sed program of scripts/subarch.include over every case.
func TestSubarchMatchesSed(t *testing.T) {
	if _, err := exec.LookPath("sed"); err != nil {
		t.Skip("sed not installed")
	}
	var ins []string
	for in := range subarchCases {
		ins = append(ins, in)
	}
	cmd := exec.Command("sed", "-e", "s/i.86/x86/", "-e", "s/x86_64/x86/", "-e", "s/sun4u/sparc64/",
		"-e", "s/arm.*/arm/", "-e", "s/sa110/arm/", "-e", "s/s390x/s390/", "-e", "s/ppc.*/powerpc/",
		"-e", "s/mips.*/mips/", "-e", "s/sh[234].*/sh/", "-e", "s/aarch64.*/arm64/", "-e", "s/riscv.*/riscv/",
		"-e", "s/loongarch.*/loongarch/")
	cmd.Stdin = strings.NewReader(strings.Join(ins, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	for i, in := range ins {
		if Subarch(in) != got[i] {
			t.Errorf("Subarch(%q) = %q, sed says %q", in, Subarch(in), got[i])
		}
	}
}

func TestSrcArch(t *testing.T) {
	for in, want := range map[string]string{"i386": "x86", "x86_64": "x86", "x86": "x86", "sparc64": "sparc",
		"sparc": "sparc", "parisc64": "parisc", "sh64": "sh", "arm64": "arm64", "um": "um", "sparc32": "sparc32"} {
		if got := SrcArch(in); got != want {
			t.Errorf("SrcArch(%q) = %q, want %q", in, got, want)
		}
	}
}
