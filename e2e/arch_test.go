package e2e

// Two more configurations of 6.1 (issue 9, item 5), each built by kbuild-go with make masked and by GNU
// make in a second O= tree, compared (.config, the .cmd files line for line, vmlinux and the boot image
// byte for byte) and booted in qemu:
//
//   - TestLinuxArm64: ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-, tinyconfig + kbuild-go-arm64-boot.config,
//     Image on qemu's virt board;
//   - TestLinuxLLVM: LLVM=1 x86_64, tinyconfig + kbuild-go-boot.config, bzImage.
//
// Their tools are Debian packages the project's Makefile installs (APT_PACKAGES), so a missing one fails
// the test instead of skipping it: only -short and an unset KBUILD_GO_E2E skip.

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// arm64Fragment is the arm64 boot fragment (../testdata/linux/kbuild-go-arm64-boot.config).
const arm64Fragment = "kbuild-go-arm64-boot.config"

// requireTools fails the test, before it builds anything, when a tool the Makefile installs is missing.
func requireTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: `make apt` installs the Debian packages the e2e tests need (APT_PACKAGES)", tool)
		}
	}
}

// TestLinuxArm64 cross-builds arm64's Image and boots it on qemu's virt board (console ttyAMA0, the PL011).
func TestLinuxArm64(t *testing.T) {
	requireE2E(t)
	requireTools(t, "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-ld", "qemu-system-aarch64", "gzip")
	e := setup(t, "6.1")
	if err := addFragments(e.src, arm64Fragment); err != nil {
		t.Fatal(err)
	}
	vars := []string{"ARCH=arm64", "CROSS_COMPILE=aarch64-linux-gnu-"}
	compareBuilds(t, e, vars, []string{arm64Fragment}, []string{"CONFIG_ARM64=y"}, "Image", bootTarget{
		qemu:    "qemu-system-aarch64",
		machine: []string{"-M", "virt", "-cpu", "cortex-a57"},
		image:   "arch/arm64/boot/Image",
		console: "ttyAMA0",
		cc:      []string{"aarch64-linux-gnu-gcc"},
	})
}

// TestLinuxLLVM builds x86_64 with LLVM=1 (clang, ld.lld, llvm-ar, llvm-objcopy, ...) and boots it.
func TestLinuxLLVM(t *testing.T) {
	requireE2E(t)
	requireTools(t, "clang", "ld.lld", "llvm-ar", "llvm-nm", "llvm-objcopy", "llvm-objdump", "llvm-readelf",
		"llvm-strip", "qemu-system-x86_64", "gzip")
	e := setup(t, "6.1")
	compareBuilds(t, e, []string{"LLVM=1"}, []string{bootFragment}, []string{"CONFIG_CC_IS_CLANG=y", "CONFIG_LD_IS_LLD=y"},
		"bzImage", x86Boot("qemu-system-x86_64", "-m64"))
}

// compareBuilds configures tinyconfig + fragments and builds goal with vars on the command line, by
// kbuild-go (make masked) in one O= tree and by make in another; it checks that kbuild-go's .config has
// every line of want besides the fragments' (the configuration is the one asked for: an ignored LLVM=1
// would give two equal gcc trees), boots kbuild-go's image (bt.image) and compares the two trees'
// configuration, .cmd files, vmlinux and image.
func compareBuilds(t *testing.T, e *env, vars, fragments, want []string, goal string, bt bootTarget) {
	a, b := filepath.Join(e.dir, "A"), filepath.Join(e.dir, "B")
	var steps [][]string
	for _, g := range append([]string{"tinyconfig"}, fragments...) {
		steps = append(steps, append(slices.Clone(vars), g))
	}
	steps = append(steps, append(slices.Clone(vars), "-j"+e.jobs, goal))

	for _, s := range steps {
		e.kbuild(a, s...)
	}
	// ARCH=i386 decides CONFIG_64BIT (off, with no prompt), whatever the fragment says.
	var pinned []string
	if slices.Contains(vars, "ARCH=i386") {
		pinned = append(pinned, "CONFIG_64BIT")
	}
	for _, f := range fragments {
		if err := fragmentTook(filepath.Join(a, ".config"), filepath.Join("..", "testdata", "linux", f), pinned...); err != nil {
			t.Error(err)
		}
	}
	if cfg, err := os.ReadFile(filepath.Join(a, ".config")); err != nil {
		t.Error(err)
	} else {
		for _, w := range want {
			if !strings.Contains("\n"+string(cfg), "\n"+w+"\n") {
				t.Errorf("%s is not in kbuild-go's .config", w)
			}
		}
	}
	t.Run("boot", func(t *testing.T) { boot(t, e, a, bt) })

	e.makeRef(t, b, steps...)
	compareTrees(t, a, b, bt.image)
}
