package e2e

// make's reference trees, cached across runs (issue 9 allows it: "reference trees that GNU make builds
// may be cached outside the clone, keyed by source version, config, compiler and the pinned build
// variables"). A tree make built once for a configuration is copied into
// $KBUILD_GO_CACHE/e2e-ref/KEY right after its build, before any test changes it; a later run with the
// same key copies it back instead of building it again. The key covers what make's output depends on:
// every installed Debian package and its version (the compilers, binutils, make, the linux-source
// package), the reference tree, the configuration steps and the fragments' content, the pinned build
// variables, the environment variables Kbuild reads, and the paths of the source and O= trees (the .cmd
// files name them, so tests that use the cache keep their trees at paths that are the same in every run:
// stableDir). A machine without dpkg-query, or KBUILD_GO_E2E_REF_CACHE=0, always builds.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// refCacheVersion changes when what a cached tree holds, or how it is keyed, changes.
const refCacheVersion = "1"

// stableDir is t's own directory at a path that is the same in every run (TMPDIR/kbuild-go-e2e/NAME),
// emptied first and removed at the end as t.TempDir's is. Two runs of one test at once would share it:
// the e2e tests run one at a time.
func stableDir(t *testing.T) string {
	d := filepath.Join(os.TempDir(), "kbuild-go-e2e", strings.NewReplacer("/", "-", " ", "_").Replace(t.Name()))
	os.RemoveAll(d)
	if err := os.MkdirAll(d, 0o777); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

// makeRef gives o make's build of steps (each one make command line's arguments, run in order): from the
// cache when an earlier run built the same, else built now and then cached.
func (e *env) makeRef(t *testing.T, o string, steps ...[]string) {
	t.Helper()
	dir, key := e.refKey(t, o, steps)
	if dir == "" {
		for _, s := range steps {
			e.make(o, s...)
		}
		return
	}
	cached := filepath.Join(dir, key)
	if _, err := os.Stat(filepath.Join(cached, ".config")); err == nil {
		start := time.Now()
		if out, err := exec.Command("cp", "-a", cached, o).CombinedOutput(); err != nil {
			t.Fatalf("restoring make's reference tree: %v\n%s", err, out)
		}
		now := time.Now()
		os.Chtimes(cached, now, now)
		t.Logf("make's reference tree %s from the cache (%s, %.1fs)", filepath.Base(o), key, time.Since(start).Seconds())
		return
	}
	for _, s := range steps {
		e.make(o, s...)
	}
	// Copied beside its final name, then renamed: a run killed mid-copy leaves no entry that looks whole.
	pruneRefs(dir)
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.tmp%d", key, os.Getpid()))
	os.RemoveAll(tmp)
	if out, err := exec.Command("cp", "-a", o, tmp).CombinedOutput(); err != nil {
		os.RemoveAll(tmp)
		t.Logf("not cached: cp: %v\n%s", err, out)
		return
	}
	if err := os.Rename(tmp, cached); err != nil {
		os.RemoveAll(tmp)
		t.Logf("not cached: %v", err)
		return
	}
	t.Logf("make's reference tree %s cached as %s", filepath.Base(o), key)
}

// refKey returns the cache directory and the key of make's build of steps into o, or "" when the cache is
// off or the key cannot be complete.
func (e *env) refKey(t *testing.T, o string, steps [][]string) (dir, key string) {
	if os.Getenv("KBUILD_GO_E2E_REF_CACHE") == "0" {
		return "", ""
	}
	pkgs, err := exec.Command("dpkg-query", "-W", "-f", "${Package} ${Version}\n").Output()
	if err != nil {
		t.Logf("make's reference trees are not cached: dpkg-query: %v", err)
		return "", ""
	}
	h := sha256.New()
	field := func(name string, v ...string) { fmt.Fprintf(h, "%s\x00%q\x00", name, v) }
	field("version", refCacheVersion)
	field("packages", string(pkgs))
	ref, _ := filepath.EvalSymlinks(e.ref)
	fi, err := os.Stat(filepath.Join(ref, "Makefile"))
	if err != nil {
		return "", ""
	}
	field("reference", ref, fmt.Sprint(fi.Size(), fi.ModTime().UnixNano()))
	field("paths", e.src, o)
	for _, s := range steps {
		field("step", s...)
	}
	frags, _ := filepath.Glob(filepath.Join("..", "testdata", "linux", "*.config"))
	for _, f := range frags {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", ""
		}
		field("fragment", filepath.Base(f), string(data))
	}
	field("pins", pins...)
	field("environment", kbuildEnviron()...)
	dir = os.Getenv("KBUILD_GO_CACHE")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", ""
		}
		dir = filepath.Join(home, ".cache", "kbuild-go")
	}
	return filepath.Join(dir, "e2e-ref"), hex.EncodeToString(h.Sum(nil))[:24]
}

// kbuildEnviron is the part of the environment make's build of a kernel can depend on: the variables
// Kbuild and the tools read (not kbuild-go's own KBUILD_GO_*), sorted. MAKEFLAGS loses its jobserver
// words, which name a new pipe in every run.
func kbuildEnviron() []string {
	prefixes := []string{"KBUILD_", "KCONFIG_", "KCFLAGS=", "KCPPFLAGS=", "KAFLAGS=", "KRUSTFLAGS=", "ARCH=",
		"SUBARCH=", "CROSS_COMPILE=", "LLVM", "CC=", "HOSTCC=", "HOSTCXX=", "LD=", "AR=", "NM=", "OBJCOPY=",
		"OBJDUMP=", "STRIP=", "LOCALVERSION=", "INSTALL_", "SOURCE_DATE_EPOCH=", "MAKEFLAGS=", "GNUMAKEFLAGS=",
		"MAKEFILES=", "MAKELEVEL=", "O=", "V=", "W=", "C=", "M=", "srctree=", "objtree=", "CONFIG_", "PATH=",
		"LANG=", "LANGUAGE=", "LC_", "PYTHON", "PERL", "HOSTCFLAGS=", "HOSTLDFLAGS=", "KERNELRELEASE=",
		"KERNELVERSION="}
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "KBUILD_GO_") {
			continue
		}
		if !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(kv, p) }) {
			continue
		}
		if v, ok := strings.CutPrefix(kv, "MAKEFLAGS="); ok {
			f := slices.DeleteFunc(strings.Fields(v), func(w string) bool {
				return strings.HasPrefix(w, "--jobserver-auth=") || strings.HasPrefix(w, "--jobserver-fds=")
			})
			kv = "MAKEFLAGS=" + strings.Join(f, " ")
		}
		out = append(out, kv)
	}
	slices.Sort(out)
	return out
}

// pruneRefs removes cached trees no run used for 30 days, and copies a killed run left behind.
func pruneRefs(dir string) {
	os.MkdirAll(dir, 0o777)
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		fi, err := en.Info()
		if err != nil {
			continue
		}
		age := time.Since(fi.ModTime())
		if (strings.HasPrefix(en.Name(), ".") && age > 24*time.Hour) || age > 30*24*time.Hour {
			os.RemoveAll(filepath.Join(dir, en.Name()))
		}
	}
}
