// Command kbuild-go builds Linux kernels the way `make` and Kbuild do, without make: it reads the tree's
// own Kconfig and Makefiles and runs the real compiler through one global build graph.
//
//	kbuild-go [-C SRCDIR] [-j N] [-k] [-n] [-s] [VAR=value ...] [TARGET ...]
//
// Exit codes: 0 success, 1 the build failed, 2 bad usage or bad input.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/kbuild-go/kbuild-go/cli"
	"github.com/kbuild-go/kbuild-go/internal/gctune"
	"github.com/kbuild-go/kbuild-go/targets"
)

func main() {
	gctune.Tune()
	stop := startProfile(os.Getenv("KBUILD_GO_CPUPROFILE"))
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	writeHeapProfile(os.Getenv("KBUILD_GO_MEMPROFILE"))
	os.Exit(code)
}

// writeHeapProfile writes the heap profile at the end of the run to path, if set (KBUILD_GO_MEMPROFILE):
// what is live then (inuse_space) and everything allocated (alloc_space).
func writeHeapProfile(path string) {
	if path == "" {
		return
	}
	// The process's own peak (children's do not count here, unlike wait4's figure for the whole tree),
	// and the heap as a collection now leaves it.
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "VmHWM:") {
				fmt.Fprintf(os.Stderr, "kbuild-go: peak RSS of this process: %s\n", strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")))
			}
		}
	}
	runtime.GC()
	f, err := os.Create(path)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		f.Close()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "kbuild-go: KBUILD_GO_MEMPROFILE: %v\n", err)
	}
}

// startProfile writes a CPU profile of the whole run to path, if set
// (KBUILD_GO_CPUPROFILE=FILE; read it with go tool pprof). Sub-makes that
// run kbuild-go as a process inherit the variable: each overwrites FILE.
func startProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "kbuild-go: KBUILD_GO_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// run is main without the process exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	if isBpfCompile(args) {
		return bpfCompile(args[2:], stdout, stderr)
	}
	if len(args) >= 2 && args[0] == "kconfig" && args[1] == "conf" {
		// scripts/kconfig/Makefile's conf, run by its recipe lines (targets.RunConf).
		if err := targets.RunConf(args[2:], os.Stdin, stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "kbuild-go: %v\n", err)
			var ie *targets.InputError
			if errors.As(err, &ie) {
				return 2
			}
			return 1
		}
		return 0
	}
	inv, err := cli.Parse(args)
	if err != nil {
		fmt.Fprintf(stderr, "kbuild-go: %v\n", err)
		fmt.Fprintln(stderr, "Usage: kbuild-go [-C SRCDIR] [-j N] [-k] [-n] [-s] [VAR=value ...] [TARGET ...]  (kbuild-go help)")
		return 2
	}
	if inv.Help {
		fmt.Fprint(stdout, targets.Usage)
		return 0
	}
	if inv.Version {
		fmt.Fprintf(stdout, "kbuild-go %s\n", targets.Version)
		return 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = targets.Run(ctx, targets.Request{Invocation: inv, Stdout: stdout, Stderr: stderr, Self: self()})
	if err == nil {
		return 0
	}
	var be *targets.BuildError
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "kbuild-go: *** Interrupt")
		return 130 // as a shell reports a command stopped by SIGINT
	}
	fmt.Fprintf(stderr, "kbuild-go: %v\n", err)
	switch {
	case errors.As(err, &be):
		return 1
	default:
		return 2
	}
}

// self is the path of this executable: the value of $(MAKE) in recipes, so that scripts calling
// ${MAKE} (link-vmlinux.sh) come back to kbuild-go.
//
// It is the name this process was started as (resolved through PATH), not os.Executable: a link named
// kbuild-go must stay a kbuild-go (the script tests run the test binary through such a link).
func self() string {
	a := os.Args[0]
	if !strings.Contains(a, "/") {
		if p, err := exec.LookPath(a); err == nil {
			a = p
		}
	}
	if p, err := filepath.Abs(a); err == nil {
		return p
	}
	if p, err := os.Executable(); err == nil {
		return p
	}
	return "kbuild-go"
}
