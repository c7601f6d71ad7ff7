package kconfig

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/kbuild-go/kbuild-go/internal/gctune"
	"github.com/kbuild-go/kbuild-go/toolchain"
)

// The speed goal of issue 3: olddefconfig on x86_64 with a warm probe cache
// (probe results only, nothing of the configuration cached) in at most a
// quarter of conf's time, and with a cold one in at most conf's time.
//
// BenchmarkOlddefconfig measures the three side by side in one process;
// olddefconfigMain lets the test binary stand in for conf as a whole process
// (KCONFIG_BENCH_MAIN=olddefconfig), for timing from outside, process start
// included:
//
//	go test -c -o kconfig.test ./kconfig
//	cd OBJ && env srctree=... ARCH=x86_64 ... KCONFIG_BENCH_MAIN=olddefconfig \
//		KCONFIG_BENCH_PROBES=DIR kconfig.test     # DIR=off: cold
//
// against "conf --olddefconfig Kconfig" in the same environment. Only the
// KCONFIG_BENCH_ variables may differ between runs: the probe cache keys
// include the environment. KCONFIG_BENCH_STATS=1 prints the Prober's
// counters, KCONFIG_BENCH_TRACE=1 every command with its start and length,
// KCONFIG_BENCH_CPUPROFILE=FILE writes a CPU profile.

// olddefconfigMain is "conf --olddefconfig Kconfig" in the current directory
// with the process environment, its $(shell,...) commands run by
// toolchain's Prober with the probe cache $KCONFIG_BENCH_PROBES ("off": no
// disk cache, every probe runs). It returns the exit status.
func olddefconfigMain() int {
	if p := os.Getenv("KCONFIG_BENCH_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	gctune.Tune() // as kbuild-go's main does
	prober, err := toolchain.NewProber(toolchain.ProberConfig{CacheDir: os.Getenv("KCONFIG_BENCH_PROBES"), Stderr: os.Stderr})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// The KCONFIG_BENCH_ variables are the harness's, not conf's: keep
	// them out of the environment the probes (and their cache keys) see.
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "KCONFIG_BENCH_") {
			env = append(env, kv)
		}
	}
	opts := Options{SrcTree: os.Getenv("srctree"), ObjTree: ".", Env: env,
		Stdout: os.Stdout, Stderr: os.Stderr, Shell: proberShell(prober)}
	t0 := time.Now()
	c, err := Load(opts)
	t1 := time.Now()
	if err == nil {
		err = c.Run("olddefconfig", "")
	}
	if os.Getenv("KCONFIG_BENCH_STATS") != "" {
		fmt.Fprintf(os.Stderr, "probes: %+v\nLoad %.1f ms, Run %.1f ms\n", prober.Stats(),
			t1.Sub(t0).Seconds()*1000, time.Since(t1).Seconds()*1000)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// proberShell plugs a Prober in as targets/ does.
func proberShell(p *toolchain.Prober) ShellFunc {
	trace := os.Getenv("KCONFIG_BENCH_TRACE") != ""
	t0 := time.Now()
	return func(cmd string, env []string, dir string, _ io.Writer) ([]byte, error) {
		t1 := time.Now()
		out, _ := p.Shell(cmd, env, dir)
		if trace {
			fmt.Fprintf(os.Stderr, "%6.1f ms +%5.1f ms %.90s\n", t1.Sub(t0).Seconds()*1000, time.Since(t1).Seconds()*1000, cmd)
		}
		return []byte(out), nil
	}
}

// BenchmarkOlddefconfig times olddefconfig on the x86_64 defconfig of the
// reference tree: conf (its probes run every time), then this package with
// a cold probe cache (Prober without disk cache) and with a warm one. Each
// iteration of the kbuild-go cases is a whole Load and Run.
func BenchmarkOlddefconfig(b *testing.B) {
	conf := buildRefConf(b)
	env := refEnv(b, diffArches()[0])
	obj := b.TempDir()
	cmd := exec.Command(conf, "--defconfig=arch/x86/configs/x86_64_defconfig", "Kconfig")
	cmd.Dir, cmd.Env = obj, env
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("conf: %v\n%s", err, out)
	}
	b.Run("conf", func(b *testing.B) {
		for b.Loop() {
			cmd := exec.Command(conf, "--olddefconfig", "Kconfig")
			cmd.Dir, cmd.Env = obj, env
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("conf: %v\n%s", err, out)
			}
		}
	})
	probes := filepath.Join(b.TempDir(), "probes")
	for _, mode := range []string{"cold", "warm"} {
		b.Run("kbuild-go-"+mode, func(b *testing.B) {
			dir := "off"
			if mode == "warm" {
				dir = probes
			}
			newProber := func() *toolchain.Prober {
				p, err := toolchain.NewProber(toolchain.ProberConfig{CacheDir: dir, Stderr: io.Discard})
				if err != nil {
					b.Fatal(err)
				}
				return p
			}
			run := func() {
				// A new Prober each time: no in-process memo carries over,
				// only the disk cache.
				c, err := Load(Options{SrcTree: refTree, ObjTree: obj, Env: env, Shell: proberShell(newProber())})
				if err == nil {
					err = c.Run("olddefconfig", "")
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			if mode == "warm" {
				run()
			}
			for b.Loop() {
				run()
			}
		})
	}
}

// BenchmarkLoadCold is Load of the reference tree's x86_64 Kconfig running
// every $(shell,...) (DefaultShell, no cache), sequentially as conf does
// (ShellJobs=1) and with prefetching.
func BenchmarkLoadCold(b *testing.B) {
	buildRefConf(b)
	env := refEnv(b, diffArches()[0])
	for _, jobs := range []int{1, 0} {
		name := "sequential"
		if jobs == 0 {
			name = "prefetch"
		}
		b.Run(name, func(b *testing.B) {
			opts := Options{SrcTree: refTree, ObjTree: b.TempDir(), Env: env, ShellJobs: jobs}
			for b.Loop() {
				if _, err := Load(opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadWarm is Load of the reference tree's x86_64 Kconfig with
// every $(shell,...) answered from memory: the parse alone.
func BenchmarkLoadWarm(b *testing.B) {
	buildRefConf(b)
	env := refEnv(b, diffArches()[0])
	memo := &memoShell{}
	opts := Options{SrcTree: refTree, ObjTree: b.TempDir(), Env: env, Shell: memo.shell}
	if _, err := Load(opts); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(opts); err != nil {
			b.Fatal(err)
		}
	}
}
