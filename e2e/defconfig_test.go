package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLinuxDefconfig is issue 9's defconfig case, `make test-defconfig` (KBUILD_GO_DEFCONFIG=1: with make's
// comparison build it takes ~30 minutes on 2 cores, too long for CI): 6.1 (or 6.12) x86_64 defconfig built by
// kbuild-go with make masked (the default goal: vmlinux, modules, bzImage), booted to the initramfs marker,
// and built again by make in its own O= tree. The configuration, every .cmd file (content and line order),
// vmlinux, bzImage and every .ko are identical; modules_install gives make's tree (file list, bytes,
// modules.dep); each tool takes over the other's tree without rebuilding.
func TestLinuxDefconfig(t *testing.T) {
	if os.Getenv("KBUILD_GO_DEFCONFIG") == "" {
		t.Skip("set KBUILD_GO_DEFCONFIG=1 (make test-defconfig): two full defconfig builds, ~35 minutes on 2 cores")
	}
	// KBUILD_GO_DEFCONFIG_VERSION=6.12 runs the same case on 6.12 (by hand: the issue asks for it once).
	version := os.Getenv("KBUILD_GO_DEFCONFIG_VERSION")
	if version == "" {
		version = "6.1"
	}
	e := setup(t, version)
	root := t.TempDir()
	a, b := filepath.Join(root, "A"), filepath.Join(root, "B")

	start := time.Now()
	e.kbuild(a, "defconfig")
	out := e.kbuild(a, "-j"+e.jobs)
	kbTime := time.Since(start)
	t.Logf("kbuild-go defconfig + -j%s build: %.0f s, %d commands", e.jobs, kbTime.Seconds(), len(commands(out)))
	if _, err := os.Stat(filepath.Join(a, "scripts/kconfig/conf")); err == nil {
		t.Errorf("kbuild-go built scripts/kconfig/conf")
	}
	t.Run("boot", func(t *testing.T) { bootWith(t, e, a, "qemu-system-x86_64", "-m64") })

	start = time.Now()
	e.make(b, "defconfig")
	mout := e.make(b, "-j"+e.jobs)
	mkTime := time.Since(start)
	t.Logf("make defconfig + -j%s build: %.0f s, %d commands (kbuild-go/make %.2f)", e.jobs, mkTime.Seconds(),
		len(commands(mout)), kbTime.Seconds()/mkTime.Seconds())

	compareTrees(t, a, b, "arch/x86/boot/bzImage")
	t.Run("modules", func(t *testing.T) {
		ka, kb := kos(t, a), kos(t, b)
		if !slices.Equal(ka, kb) {
			t.Fatalf(".ko files: kbuild-go %v, make %v", ka, kb)
		}
		if len(ka) == 0 {
			t.Fatal("defconfig built no modules")
		}
		for _, ko := range ka {
			compareFiles(t, filepath.Join(a, ko), filepath.Join(b, ko))
		}
		for _, f := range []string{"modules.order", "Module.symvers", "modules.builtin", "modules.builtin.modinfo"} {
			compareFiles(t, filepath.Join(a, f), filepath.Join(b, f))
		}
		t.Logf("%d .ko files identical: %s", len(ka), strings.Join(ka, " "))
	})
	t.Run("modules_install", func(t *testing.T) {
		ma, mb := filepath.Join(root, "modroot-kbuild-go"), filepath.Join(root, "modroot-make")
		e.kbuild(a, "modules_install", "INSTALL_MOD_PATH="+ma)
		e.make(b, "modules_install", "INSTALL_MOD_PATH="+mb)
		got := compareModRoots(t, mb, ma, b, a)
		deps, _ := filepath.Glob(filepath.Join(ma, "lib", "modules", "*", "modules.dep"))
		if len(deps) != 1 {
			t.Fatalf("modules.dep: %v", deps)
		}
		dep, _ := os.ReadFile(deps[0])
		t.Logf("modules_install: %d entries, equal to make's; modules.dep:\n%s", len(got), dep)
	})
	interchange(t, e, a, b, "-j"+e.jobs)

	// What a no-op costs (issue 10's memory goal), evaluating .cmd files as makefiles (today's default) and
	// reading them as records (KBUILD_GO_CMD_RECORDS=1): wall time and peak RSS of each, and both run the
	// same commands (the always-run ones).
	t.Run("no-op-records", func(t *testing.T) {
		var cmds [2][]string
		for i, records := range []string{"0", "1"} {
			out := e.run(e.masked, "/usr/bin/time", "-f", "no-op: %e s wall, %M KB peak", "/usr/bin/env",
				"KBUILD_GO_CMD_RECORDS="+records, e.kbuildgo, "-C", e.src, "O="+a, "-j"+e.jobs)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			t.Logf("KBUILD_GO_CMD_RECORDS=%s %s", records, lines[len(lines)-1])
			cmds[i] = commands(out)
		}
		if !slices.Equal(cmds[0], cmds[1]) {
			t.Errorf("no-op commands differ:\n evaluated .cmd files %q\n native records %q", cmds[0], cmds[1])
		}
	})
}

// kos lists the .ko files under an O= tree (relative, sorted).
func kos(t *testing.T, root string) []string {
	var out []string
	for _, p := range listTree(t, root) {
		if strings.HasSuffix(p, ".ko") {
			out = append(out, p)
		}
	}
	return out
}
