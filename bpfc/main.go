package bpfc

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/kbuild-go/kbuild-go/kheaders"
)

// Usage is the synopsis of `kbuild-go bpf compile`.
const Usage = `usage: kbuild-go bpf compile [flags] FILE.c

Compiles an eBPF program against kernel headers and prints the object path(s), one per line.
Objects are cached: a second compile of the same input, flags, headers and compiler runs no compiler.

  -o, --output-dir DIR   where objects go (private: 0700, owned by you); default CACHE/obj
  --headers DIR          a kernel header root (repeatable: a Debian flavour dir, then its -common dir)
  --release R            the target kernel's release (default: uname -r)
  --version-code N       the target kernel's LINUX_VERSION_CODE
  --kheaders FILE        a kheaders archive (/sys/kernel/kheaders.tar.xz)
  --cache-dir DIR        cache for compiler identities, extracted and downloaded headers
  --download-url T       a header package URL template ({release}, {arch}, {srcarch})
  --debian-repo "URL SUITE [COMPONENT...]"  a Debian repository to download linux-headers from
  --mode M               kernel (kernel-internal headers; the default with header flags), uapi (the
                         default otherwise) or core (vmlinux.h and CO-RE)
  --target T             bpfel, bpfeb, both (uapi/core default) or kernel (the kernel's byte order)
  --sha256 HEX           refuse the input unless its sha256 is HEX
  -I DIR, -D X           extra include directory, define (repeatable)
  --cflags "..."         extra compiler flags (split at spaces)
  --mcpu V               BPF ISA version (default v1)
  --clang PATH, --llc PATH
  --telemetry FILE       append one JSON line per compile
  --statsd HOST:PORT     send DogStatsD metrics over UDP
  -v                     show the commands, the cache's decisions and rejected header candidates

KBUILD_GO_BPFHASH=1 prints every input of every cache key (why did this compile miss?).

Exit codes: 0 ok; 1 the compile failed (compiler error, compiler missing, output file error);
2 bad usage or bad input (input verification, headers, output directory).
`

// ExitCode maps a compile error to the command's exit code (see Usage).
func ExitCode(err error) int {
	switch CodeOf(err) {
	case CodeSuccess, CodeCacheHit:
		return 0
	case CodeCompile, CodeCompilerMissing, CodeOutputFile, CodeNotAttempted:
		return 1
	}
	return 2
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// Main is `kbuild-go bpf compile ARGS`: it parses args, compiles and prints the object paths to stdout.
// Errors go to stderr as one line `kbuild-go: ...` (after the compiler's own diagnostics). It returns
// the exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kbuild-go bpf compile", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		outDir, release, versionCode, kheadersFile, cacheDir, downloadURL, debianRepo string
		mode, target, sum, cflags, cpu, clang, llc, telemetry, statsd                 string
		headers, incs, defs                                                           listFlag
		verbose, help                                                                 bool
	)
	fs.StringVar(&outDir, "o", "", "")
	fs.StringVar(&outDir, "output-dir", "", "")
	fs.Var(&headers, "headers", "")
	fs.StringVar(&release, "release", "", "")
	fs.StringVar(&versionCode, "version-code", "", "")
	fs.StringVar(&kheadersFile, "kheaders", "", "")
	fs.StringVar(&cacheDir, "cache-dir", "", "")
	fs.StringVar(&downloadURL, "download-url", "", "")
	fs.StringVar(&debianRepo, "debian-repo", "", "")
	fs.StringVar(&mode, "mode", "", "")
	fs.StringVar(&target, "target", "", "")
	fs.StringVar(&sum, "sha256", "", "")
	fs.Var(&incs, "I", "")
	fs.Var(&defs, "D", "")
	fs.StringVar(&cflags, "cflags", "", "")
	fs.StringVar(&cpu, "mcpu", "", "")
	fs.StringVar(&clang, "clang", "", "")
	fs.StringVar(&llc, "llc", "", "")
	fs.StringVar(&telemetry, "telemetry", "", "")
	fs.StringVar(&statsd, "statsd", "", "")
	fs.BoolVar(&verbose, "v", false, "")
	fs.BoolVar(&help, "h", false, "")
	fs.BoolVar(&help, "help", false, "")

	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "kbuild-go: bpf compile: "+format+"\n", a...)
		fmt.Fprintln(stderr, "Usage: kbuild-go bpf compile [flags] FILE.c  (kbuild-go bpf compile -h)")
		return 2
	}
	// Flags may come before and after the file, as with the compilers this stands in for.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, Usage)
				return 0
			}
			return usage("%v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if help {
		fmt.Fprint(stdout, Usage)
		return 0
	}
	if len(files) != 1 {
		return usage("want one input file, got %d", len(files))
	}
	req := Request{Input: files[0], SHA256: sum, OutputDir: outDir, IncludeDirs: incs, Defines: defs,
		CFlags: strings.Fields(cflags), CPU: cpu}
	headerFlags := len(headers) > 0 || release != "" || versionCode != "" || kheadersFile != "" ||
		downloadURL != "" || debianRepo != ""
	switch {
	case mode != "":
		m, err := ParseMode(mode)
		if err != nil {
			return usage("--mode: %v", err)
		}
		req.Mode = m
	case headerFlags:
		req.Mode = ModeKernel
	default:
		req.Mode = ModeUAPI
	}
	switch target {
	case "", "kernel":
		if target == "kernel" && req.Mode != ModeKernel {
			_, order, _ := archTriple(hostArch())
			req.Targets = []Target{order}
		}
	case "bpfel":
		req.Targets = []Target{BPFEL}
	case "bpfeb":
		req.Targets = []Target{BPFEB}
	case "both":
		req.Targets = []Target{BPFEL, BPFEB}
	default:
		return usage("--target %q: want bpfel, bpfeb, both or kernel", target)
	}
	if headerFlags || req.Mode == ModeKernel {
		opts, err := headerOptions(headers, release, versionCode, kheadersFile, cacheDir, downloadURL, debianRepo)
		if err != nil {
			return usage("%v", err)
		}
		req.HeaderOptions = opts
	}

	c := &Compiler{Clang: clang, LLC: llc, CacheDir: cacheDir}

	if verbose {
		c.Log = stderr
	}
	if os.Getenv("KBUILD_GO_BPFHASH") == "1" {
		c.HashLog = stderr
	}
	if telemetry != "" {
		f, err := os.OpenFile(telemetry, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return usage("--telemetry: %v", err)
		}
		defer f.Close()
		c.Sinks = append(c.Sinks, JSONLines(f))
	}
	if statsd != "" {
		s, err := DialStatsD(statsd)
		if err != nil {
			return usage("--statsd: %v", err)
		}
		defer s.Close()
		c.Sinks = append(c.Sinks, s)
	}
	res, err := c.Compile(ctx, req)
	if verbose {
		if res.Headers != nil {
			fmt.Fprintf(stderr, "kbuild-go: headers: %s (%s)\n", strings.Join(res.Headers.Dirs, ", "), res.Headers.Source)
		}
		fmt.Fprintf(stderr, "kbuild-go: %s\n", res.Telemetry.Code)
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.Output != "" {
			io.WriteString(stderr, e.Output)
			if !strings.HasSuffix(e.Output, "\n") {
				fmt.Fprintln(stderr)
			}
		}
		fmt.Fprintf(stderr, "kbuild-go: %s: %v [%s]\n", req.Input, err, CodeOf(err))
		return ExitCode(err)
	}
	for _, o := range res.Objects {
		fmt.Fprintln(stdout, o.Path)
	}
	return 0
}

// headerOptions turns the header flags into kheaders' search options.
func headerOptions(dirs []string, release, versionCode, kheadersFile, cacheDir, downloadURL, debianRepo string) (*kheaders.Options, error) {
	opts := &kheaders.Options{Dirs: dirs, Release: release, KheadersArchive: kheadersFile, CacheDir: cacheDir}
	if versionCode != "" {
		n, err := strconv.ParseUint(versionCode, 0, 32)
		if err != nil {
			return nil, fmt.Errorf("--version-code %q: not a number", versionCode)
		}
		opts.VersionCode = uint32(n)
	}
	if downloadURL != "" {
		opts.Download = append(opts.Download, downloadURL)
	}
	if debianRepo != "" {
		line := debianRepo
		if !strings.HasPrefix(line, "deb ") {
			line = "deb " + line
		}
		if len(strings.Fields(line)) < 3 {
			return nil, fmt.Errorf("--debian-repo %q: want \"URL SUITE [COMPONENT...]\"", debianRepo)
		}
		opts.Download = append(opts.Download, line)
	}
	return opts, nil
}
