package bpfc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"

	"github.com/kbuild-go/kbuild-go/kheaders"
)

// needTools skips when the compilers are absent (CI installs them; the tests then run).
func needTools(t testing.TB) {
	t.Helper()
	for _, p := range []string{"clang", "llc"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s not installed", p)
		}
	}
}

// fixture copies testdata/name (and the mini headers it includes) into a fresh directory, so tests can
// edit them, and returns the program's path.
func fixture(t testing.TB, name string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{name, "include/mini_helpers.h"} {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, name)
}

// wrapper writes a clang wrapper script that logs each run to a file and fails once a file named "fail"
// exists beside it: a test can then show that a cache hit ran no compiler.
type wrapper struct {
	dir, path, log string
}

func newWrapper(t testing.TB, prog string) *wrapper {
	t.Helper()
	real, err := exec.LookPath(prog)
	if err != nil {
		t.Skipf("%s not installed", prog)
	}
	w := &wrapper{dir: t.TempDir()}
	w.path = filepath.Join(w.dir, prog)
	w.log = filepath.Join(w.dir, "runs")
	script := fmt.Sprintf("#!/bin/sh\necho \"$*\" >>%s\n[ -e %s/fail ] && { echo wrapper: told to fail >&2; exit 1; }\nexec %s \"$@\"\n",
		w.log, w.dir, real)
	if err := os.WriteFile(w.path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return w
}

// compiles counts the wrapper's compile runs (not --version or -print-resource-dir).
func (w *wrapper) compiles(t testing.TB) int {
	b, err := os.ReadFile(w.log)
	if errors.Is(err, os.ErrNotExist) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, " -c ") || strings.Contains(l, "-filetype=obj") {
			n++
		}
	}
	return n
}

func (w *wrapper) fail(t testing.TB) {
	if err := os.WriteFile(filepath.Join(w.dir, "fail"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

func compile(t testing.TB, c *Compiler, req Request) (*Result, error) {
	t.Helper()
	return c.Compile(context.Background(), req)
}

func mustCompile(t testing.TB, c *Compiler, req Request) *Result {
	t.Helper()
	res, err := compile(t, c, req)
	if err != nil {
		var e *Error
		errors.As(err, &e)
		t.Fatalf("compile %s: %v\n%s", req.Input, err, e.Output)
	}
	return res
}

func uapiReq(t testing.TB, input string) Request {
	return Request{Input: input, Mode: ModeUAPI, IncludeDirs: []string{filepath.Dir(input)},
		OutputDir: filepath.Join(t.TempDir(), "out")}
}

func TestBpfUAPIBothTargetsLoad(t *testing.T) {
	needTools(t)
	c := &Compiler{CacheDir: t.TempDir()}
	in := fixture(t, "uapi.c")
	req := uapiReq(t, in)
	res := mustCompile(t, c, req)
	if res.Telemetry.Code != CodeSuccess || len(res.Objects) != 2 {
		t.Fatalf("code %v, objects %v", res.Telemetry.Code, res.Objects)
	}
	for _, o := range res.Objects {
		spec, err := ebpf.LoadCollectionSpec(o.Path)
		if err != nil {
			t.Fatalf("%s: %v", o.Path, err)
		}
		if spec.Programs["count_packets"] == nil || spec.Maps["counts"] == nil {
			t.Errorf("%s: programs %v maps %v", o.Path, spec.Programs, spec.Maps)
		}
		want := "LittleEndian"
		if o.Target == BPFEB {
			want = "BigEndian"
		}
		if got := fmt.Sprint(spec.ByteOrder); got != want {
			t.Errorf("%s: byte order %s, want %s", o.Path, got, want)
		}
		if !strings.HasPrefix(filepath.Base(o.Path), "uapi-") || !strings.HasSuffix(o.Path, "."+o.Target.String()+".o") {
			t.Errorf("object name %s", o.Path)
		}
	}
	again := mustCompile(t, c, req)
	if again.Telemetry.Code != CodeCacheHit || again.Objects[0].Path != res.Objects[0].Path {
		t.Errorf("second compile: %v %v", again.Telemetry.Code, again.Objects)
	}
}

// TestBpfReproducible compiles one program from two directories into two output directories with two
// cache directories, in each mode: the objects are the same bytes.
func TestBpfReproducible(t *testing.T) {
	needTools(t)
	for _, mode := range []Mode{ModeUAPI, ModeKernel} {
		t.Run(mode.String(), func(t *testing.T) {
			var objs [][]byte
			for i := 0; i < 2; i++ {
				var req Request
				if mode == ModeKernel {
					in := fixture(t, "kernel.c")
					req = Request{Input: in, Mode: ModeKernel, Headers: kernelSet(t), IncludeDirs: []string{filepath.Dir(in)},
						OutputDir: filepath.Join(t.TempDir(), "out")}
				} else {
					req = uapiReq(t, fixture(t, "uapi.c"))
				}
				req.Targets = []Target{BPFEL}
				res := mustCompile(t, &Compiler{CacheDir: t.TempDir()}, req)
				b, err := os.ReadFile(res.Objects[0].Path)
				if err != nil {
					t.Fatal(err)
				}
				objs = append(objs, b)
			}
			if !bytes.Equal(objs[0], objs[1]) {
				t.Fatal("the same program compiled from two directories gave different objects")
			}
		})
	}
}

func TestBpfCORERelocation(t *testing.T) {
	needTools(t)
	in := fixture(t, "core.c")
	req := uapiReq(t, in)
	req.Mode = ModeCORE
	res := mustCompile(t, &Compiler{CacheDir: t.TempDir()}, req)
	for _, o := range res.Objects {
		spec, err := ebpf.LoadCollectionSpec(o.Path)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, ins := range spec.Programs["read_tgid"].Instructions {
			if btf.CORERelocationMetadata(&ins) != nil {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: no CO-RE relocation", o.Path)
		}
	}
}

func TestBpfCacheHitRunsNoCompiler(t *testing.T) {
	needTools(t)
	w := newWrapper(t, "clang")
	c := &Compiler{CacheDir: t.TempDir(), Clang: w.path}
	req := uapiReq(t, fixture(t, "uapi.c"))
	mustCompile(t, c, req)
	if n := w.compiles(t); n != 2 {
		t.Fatalf("first compile ran clang %d times, want 2", n)
	}
	w.fail(t) // from now on any run of the wrapper fails
	// A new Compiler, as a new process would be: nothing is cached in memory.
	res := mustCompile(t, &Compiler{CacheDir: c.CacheDir, Clang: w.path}, req)
	if res.Telemetry.Code != CodeCacheHit {
		t.Fatalf("code %v", res.Telemetry.Code)
	}
	if n := w.compiles(t); n != 2 {
		t.Fatalf("a cache hit ran clang (%d runs)", n)
	}
}

func TestBpfCacheMisses(t *testing.T) {
	needTools(t)
	w := newWrapper(t, "clang")
	cacheDir := t.TempDir()
	c := &Compiler{CacheDir: cacheDir, Clang: w.path}
	in := fixture(t, "uapi.c")
	base := uapiReq(t, in)
	base.Targets = []Target{BPFEL}
	first := mustCompile(t, c, base)
	expect := func(name string, c *Compiler, req Request, w *wrapper, miss bool) *Result {
		t.Helper()
		before := w.compiles(t)
		res := mustCompile(t, c, req)
		ran := w.compiles(t) - before
		if miss && (ran != 1 || res.Telemetry.Code != CodeSuccess) {
			t.Errorf("%s: want a miss, got %v with %d compiler runs", name, res.Telemetry.Code, ran)
		}
		if !miss && (ran != 0 || res.Telemetry.Code != CodeCacheHit) {
			t.Errorf("%s: want a hit, got %v with %d compiler runs", name, res.Telemetry.Code, ran)
		}
		return res
	}
	flag := base
	flag.Defines = []string{"EXTRA=1"}
	if res := expect("a -D added", c, flag, w, true); res.Objects[0].Path == first.Objects[0].Path {
		t.Error("a changed flag kept the object name")
	}
	cpu := base
	cpu.CPU = "v3"
	expect("-mcpu=v3", c, cpu, w, true)

	// Another compiler: another wrapper path.
	w2 := newWrapper(t, "clang")
	expect("another clang", &Compiler{CacheDir: cacheDir, Clang: w2.path}, base, w2, true)

	// The same wrapper touched: its mtime changes, so its identity does.
	expect("unchanged", c, base, w, false)
	later := time.Now().Add(2 * time.Second)
	if err := os.Chtimes(w.path, later, later); err != nil {
		t.Fatal(err)
	}
	expect("touched clang", c, base, w, true)
	current := expect("touched clang, again", c, base, w, false)

	// An included header touched without a change: the stat differs, the hash does not: a hit.
	// The record is then refreshed with the header's new stat, so the next lookup hashes nothing.
	hdr := filepath.Join(filepath.Dir(in), "mini_helpers.h")
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(hdr, past, past); err != nil {
		t.Fatal(err)
	}
	touched := expect("header touched", c, base, w, false)
	if refreshed, err := checkRecord(touched.Objects[0].Path); err != nil || refreshed != nil {
		t.Errorf("after a touched header's hit the record was not refreshed: %v", err)
	}
	// The header edited in place: a miss, under the same object name.
	b, _ := os.ReadFile(hdr)
	if err := os.WriteFile(hdr, append(b, []byte("\n#define EDITED 1\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	res := expect("header edited", c, base, w, true)
	if res.Objects[0].Path != current.Objects[0].Path {
		t.Errorf("an edited header changed the key: %s vs %s", res.Objects[0].Path, current.Objects[0].Path)
	}
	expect("header edited, again", c, base, w, false)
}

// TestBpfConcurrentSameKey runs two compiles of one key at once (two Compilers: no shared memory, as
// two processes): both succeed, the object is good, and the lock made one of them compile nothing.
func TestBpfConcurrentSameKey(t *testing.T) {
	needTools(t)
	w := newWrapper(t, "clang")
	cacheDir := t.TempDir()
	req := uapiReq(t, fixture(t, "uapi.c"))
	req.Targets = []Target{BPFEL}
	// Record the tool identity first, so both compiles race on the object, not on --version.
	if _, err := lookTool(context.Background(), w.path, cacheDir, false); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([]*Result, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = compile(t, &Compiler{CacheDir: cacheDir, Clang: w.path}, req)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("compile %d: %v", i, err)
		}
	}
	if results[0].Objects[0].Path != results[1].Objects[0].Path {
		t.Fatal("one key, two object names")
	}
	if n := w.compiles(t); n != 1 {
		t.Errorf("clang ran %d times for one key", n)
	}
	if _, err := ebpf.LoadCollectionSpec(results[0].Objects[0].Path); err != nil {
		t.Fatal(err)
	}
	if _, err := checkRecord(results[0].Objects[0].Path); err != nil {
		t.Fatal(err)
	}
	noLitter(t, req.OutputDir)
}

// noLitter fails when dir holds anything but objects, their records and lock files: no temp files,
// no work directories.
func noLitter(t testing.TB, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		n := e.Name()
		if !(strings.HasSuffix(n, ".o") || strings.HasSuffix(n, ".o.rec") || strings.HasSuffix(n, ".o.lock")) {
			t.Errorf("left in %s: %s", dir, n)
		}
	}
}

// noObjects fails when dir holds an object or record.
func noObjects(t testing.TB, dir string) {
	t.Helper()
	noLitter(t, dir)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".lock") {
			t.Errorf("left in %s after a failure: %s", dir, e.Name())
		}
	}
}

func TestBpfFailures(t *testing.T) {
	needTools(t)
	good := fixture(t, "uapi.c")
	broken := fixture(t, "broken.c")
	link := filepath.Join(t.TempDir(), "link.c")
	if err := os.Symlink(good, link); err != nil {
		t.Fatal(err)
	}
	wwDir := filepath.Join(t.TempDir(), "ww")
	if err := os.Mkdir(wwDir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(wwDir, 0o777); err != nil {
		t.Fatal(err)
	}
	realOut := filepath.Join(t.TempDir(), "real")
	symOut := filepath.Join(t.TempDir(), "sym")
	if err := os.Mkdir(realOut, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(realOut, symOut); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "big.c")
	if err := os.WriteFile(big, make([]byte, MaxInputSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(r *Request, c *Compiler)
		code  Code
		inErr string
	}{
		{"sha256 mismatch", func(r *Request, c *Compiler) { r.SHA256 = strings.Repeat("0", 64) }, CodeInputVerification, "expected"},
		{"sha256 not hex", func(r *Request, c *Compiler) { r.SHA256 = "xyz" }, CodeBadRequest, "hex"},
		{"input is a symlink", func(r *Request, c *Compiler) { r.Input = link }, CodeInputVerification, "symlink"},
		{"input is a directory", func(r *Request, c *Compiler) { r.Input = t.TempDir() }, CodeInputVerification, "directory"},
		{"input is a device", func(r *Request, c *Compiler) { r.Input = "/dev/null" }, CodeInputVerification, "device"},
		{"input too big", func(r *Request, c *Compiler) { r.Input = big }, CodeInputVerification, "allowed"},
		{"input missing", func(r *Request, c *Compiler) { r.Input = good + ".gone" }, CodeInputVerification, "no such file"},
		{"clang missing", func(r *Request, c *Compiler) { c.Clang = "/nonexistent/clang" }, CodeCompilerMissing, "/nonexistent/clang"},
		{"C that does not compile", func(r *Request, c *Compiler) { r.Input = broken }, CodeCompile, "compile failed"},
		{"world-writable output dir", func(r *Request, c *Compiler) { r.OutputDir = wwDir }, CodeOutputDir, "writable by others"},
		{"symlinked output dir", func(r *Request, c *Compiler) { r.OutputDir = symOut }, CodeOutputDir, "symbolic link"},
		{"output dir under a symlink", func(r *Request, c *Compiler) { r.OutputDir = filepath.Join(symOut, "sub") }, CodeOutputDir, "symbolic link"},
		{"kernel mode without headers", func(r *Request, c *Compiler) { r.Mode = ModeKernel }, CodeHeaderFetch, "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tel bytes.Buffer
			c := &Compiler{CacheDir: t.TempDir(), Sinks: []Sink{JSONLines(&tel)}}
			req := uapiReq(t, good)
			tt.edit(&req, c)
			res, err := compile(t, c, req)
			if err == nil {
				t.Fatal("no error")
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != tt.code {
				t.Fatalf("error %v: code %v, want %v", err, CodeOf(err), tt.code)
			}
			if !strings.Contains(err.Error(), tt.inErr) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q: want one line mentioning %q", err, tt.inErr)
			}
			if res.Telemetry.Code != tt.code {
				t.Errorf("telemetry code %v", res.Telemetry.Code)
			}
			var rec map[string]any
			if err := json.Unmarshal(tel.Bytes(), &rec); err != nil || rec["code"] != tt.code.String() {
				t.Errorf("telemetry line %q (%v)", tel.String(), err)
			}
			if tt.code == CodeCompile && !strings.Contains(e.Output, "error:") {
				t.Errorf("no diagnostics in Output: %q", e.Output)
			}
			if req.OutputDir != wwDir && req.OutputDir != symOut {
				noObjects(t, req.OutputDir)
			}
		})
	}
}

// kernelSet is the miniature kernel header tree in testdata, as a hand-made Set.
func kernelSet(t testing.TB) *kheaders.Set {
	dir, err := filepath.Abs("testdata/kernel")
	if err != nil {
		t.Fatal(err)
	}
	return &kheaders.Set{Dirs: []string{dir}, Release: "6.1.0-mini", VersionCode: 393472, Arch: "x86",
		Source: kheaders.SourceCustom, ID: "testdata-kernel"}
}

func TestBpfKernelMode(t *testing.T) {
	needTools(t)
	in, err := filepath.Abs("testdata/kernel.c")
	if err != nil {
		t.Fatal(err)
	}
	inc, _ := filepath.Abs("testdata/include")
	req := Request{Input: in, Mode: ModeKernel, Headers: kernelSet(t), IncludeDirs: []string{inc},
		OutputDir: filepath.Join(t.TempDir(), "out")}
	w := newWrapper(t, "llc")
	c := &Compiler{CacheDir: t.TempDir(), LLC: w.path}
	res := mustCompile(t, c, req)
	if len(res.Objects) != 1 || res.Objects[0].Target != BPFEL {
		t.Fatalf("objects %v", res.Objects)
	}
	spec, err := ebpf.LoadCollectionSpec(res.Objects[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if spec.Programs["kprog"] == nil {
		t.Fatalf("programs %v", spec.Programs)
	}
	if res.Telemetry.HeaderSource != "custom" {
		t.Errorf("header source %q", res.Telemetry.HeaderSource)
	}
	// The record lists the kernel headers the compile read.
	rec, _ := os.ReadFile(res.Objects[0].Path + ".rec")
	if !bytes.Contains(rec, []byte("asm/atomic.h")) || !bytes.Contains(rec, []byte("linux/kconfig.h")) {
		t.Errorf("record:\n%s", rec)
	}
	w.fail(t)
	if res := mustCompile(t, &Compiler{CacheDir: c.CacheDir, LLC: w.path}, req); res.Telemetry.Code != CodeCacheHit {
		t.Errorf("second compile: %v", res.Telemetry.Code)
	}
	// Both byte orders on request.
	req.Targets = []Target{BPFEL, BPFEB}
	res = mustCompile(t, &Compiler{CacheDir: t.TempDir()}, req)
	for _, o := range res.Objects {
		if _, err := ebpf.LoadCollectionSpec(o.Path); err != nil {
			t.Errorf("%s: %v", o.Target, err)
		}
	}
	// The reason kernel mode exists: clang -target bpf on the same headers fails.
	var args []string
	for _, d := range kernelSet(t).IncludeDirs() {
		args = append(args, "-I", d)
	}
	args = append(args, "-I", inc, "-include", kernelSet(t).Find("include/linux/kconfig.h"), "-D__KERNEL__",
		"-target", "bpf", "-O2", "-c", in, "-o", filepath.Join(t.TempDir(), "plain.o"))
	if out, err := exec.Command("clang", args...).CombinedOutput(); err == nil || !bytes.Contains(out, []byte("invalid output constraint")) {
		t.Errorf("clang -target bpf on the kernel-header program: %v\n%s", err, out)
	}
}

func TestBpfTelemetry(t *testing.T) {
	needTools(t)
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	sd, err := DialStatsD(pc.LocalAddr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer sd.Close()
	var lines bytes.Buffer
	c := &Compiler{CacheDir: t.TempDir(), Sinks: []Sink{JSONLines(&lines), sd}}
	req := uapiReq(t, fixture(t, "core.c"))
	req.Mode = ModeCORE
	req.Headers = kernelSet(t) // not read in CO-RE mode, but its source is reported
	mustCompile(t, c, req)
	mustCompile(t, c, req)

	var recs []Telemetry
	for _, l := range strings.Split(strings.TrimSpace(lines.String()), "\n") {
		var m struct {
			Code         string
			HeaderSource string `json:"header_source"`
			Durations    Durations
		}
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		if m.HeaderSource != "custom" || m.Durations.Total <= 0 || m.Durations.Compile <= 0 {
			t.Errorf("record %s", l)
		}
		recs = append(recs, Telemetry{})
		_ = m.Code
	}
	if len(recs) != 2 || !strings.Contains(lines.String(), `"code":"success"`) || !strings.Contains(lines.String(), `"code":"cache_hit"`) {
		t.Errorf("telemetry:\n%s", lines.String())
	}
	buf := make([]byte, 4096)
	pc.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		t.Fatal(err)
	}
	got := string(buf[:n])
	for _, want := range []string{
		"kbuild_go.bpf.compile.result:1|c|#code:success,header_source:custom,mode:core\n",
		"kbuild_go.bpf.compile.duration.compile:",
		"|ms|#code:success,",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("statsd datagram lacks %q:\n%s", want, got)
		}
	}
}

func TestBpfParseDepfile(t *testing.T) {
	got := parseDepfile([]byte("bpfel.o: prog.c /usr/include/linux/bpf.h \\\n  /a\\ b/c.h /d$$e.h\n"))
	want := []string{"prog.c", "/usr/include/linux/bpf.h", "/a b/c.h", "/d$e.h"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func BenchmarkBpfCacheHit(b *testing.B) {
	needTools(b)
	c := &Compiler{CacheDir: b.TempDir()}
	req := uapiReq(b, fixture(b, "uapi.c"))
	mustCompile(b, c, req)
	b.ResetTimer()
	for b.Loop() {
		res, err := c.Compile(context.Background(), req)
		if err != nil || res.Telemetry.Code != CodeCacheHit {
			b.Fatal(err, res.Telemetry.Code)
		}
	}
}

// TestBpfHeaderSearch runs the headers step through kheaders: the fixture tree validates for its own
// release and version code, and is rejected, with its reason and CodeVersionMismatch, for another.
func TestBpfHeaderSearch(t *testing.T) {
	needTools(t)
	dir, _ := filepath.Abs("testdata/kernel")
	inc, _ := filepath.Abs("testdata/include")
	in, _ := filepath.Abs("testdata/kernel.c")
	opts := func(code uint32) *kheaders.Options {
		return &kheaders.Options{Dirs: []string{dir}, Release: "6.1.0-mini", VersionCode: code, Arch: "x86",
			CacheDir: t.TempDir(), Root: t.TempDir()}
	}
	c := &Compiler{CacheDir: t.TempDir(), Finder: &kheaders.Finder{}}
	req := Request{Input: in, Mode: ModeKernel, HeaderOptions: opts(393472), IncludeDirs: []string{inc},
		OutputDir: filepath.Join(t.TempDir(), "out")}
	res := mustCompile(t, c, req)
	if tl := res.Telemetry; tl.HeaderSource != "custom" || tl.HeaderFetch != "custom_found" || tl.Release != "6.1.0-mini" {
		t.Errorf("telemetry %+v", tl)
	}
	req.HeaderOptions = opts(393473)
	req.OutputDir = filepath.Join(t.TempDir(), "out")
	res, err := compile(t, c, req)
	if CodeOf(err) != CodeVersionMismatch || len(res.Rejected) == 0 || !strings.Contains(res.Rejected[0], "LINUX_VERSION_CODE") {
		t.Fatalf("err %v (code %v), rejected %q", err, CodeOf(err), res.Rejected)
	}
	if _, serr := os.Stat(req.OutputDir); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("the output dir was made before the headers step failed: %v", serr)
	}
}

// BenchmarkBpfColdCompile compiles into a fresh output directory each time (the compiler's identity
// record stays warm): the compile path's own cost on top of clang's.
func BenchmarkBpfColdCompile(b *testing.B) {
	needTools(b)
	c := &Compiler{CacheDir: b.TempDir()}
	req := uapiReq(b, fixture(b, "uapi.c"))
	req.Targets = []Target{BPFEL}
	mustCompile(b, c, req)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		req.OutputDir = filepath.Join(b.TempDir(), fmt.Sprint(i))
		if _, err := c.Compile(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBpfKeyCoversEverything: the header set's ID and the kernel mode's own -include are in the key (the
// seed added its -include after hashing its flags), and HashLog shows every input.
func TestBpfKeyCoversEverything(t *testing.T) {
	needTools(t)
	in, _ := filepath.Abs("testdata/kernel.c")
	inc, _ := filepath.Abs("testdata/include")
	var hl bytes.Buffer
	c := &Compiler{CacheDir: t.TempDir(), HashLog: &hl}
	req := Request{Input: in, Mode: ModeKernel, Headers: kernelSet(t), IncludeDirs: []string{inc},
		OutputDir: filepath.Join(t.TempDir(), "out")}
	first := mustCompile(t, c, req)
	for _, want := range []string{`clang-arg "-include"`, `headers-id "testdata-kernel"`, `llc-arg "-march=bpfel"`, `input-sha256 "`} {
		if !strings.Contains(hl.String(), want) {
			t.Errorf("hash log lacks %s:\n%s", want, hl.String())
		}
	}
	set := kernelSet(t)
	set.ID = "another-extraction"
	req.Headers = set
	second := mustCompile(t, c, req)
	if second.Telemetry.Code != CodeSuccess || second.Objects[0].Path == first.Objects[0].Path {
		t.Errorf("another header set ID: %v %s", second.Telemetry.Code, second.Objects[0].Path)
	}
}

func ExampleCodeOf() {
	err := fmt.Errorf("compile prog.c: %w", &Error{Code: CodeInputVerification, Err: errors.New("sha256 mismatch")})
	fmt.Println(CodeOf(err), ExitCode(err))
	fmt.Println(CodeOf(nil), CodeCacheHit)
	// Output:
	// input_verification_failure 2
	// success cache_hit
}

// TestBpfOddInputs: a name starting with "-" is a file to clang, not a flag, and still caches; a recorded
// header that disappears is a miss.
func TestBpfOddInputs(t *testing.T) {
	needTools(t)
	in := fixture(t, "uapi.c")
	dash := filepath.Join(filepath.Dir(in), "-prog.c")
	if err := os.Rename(in, dash); err != nil {
		t.Fatal(err)
	}
	c := &Compiler{CacheDir: t.TempDir()}
	req := uapiReq(t, dash)
	req.Targets = []Target{BPFEL}
	mustCompile(t, c, req)
	if res := mustCompile(t, c, req); res.Telemetry.Code != CodeCacheHit {
		t.Fatalf("second compile of -prog.c: %v", res.Telemetry.Code)
	}
	// The quoted include moves away: the record's header is gone, so the cache misses (and this compile
	// fails, since the program needs it).
	hdr := filepath.Join(filepath.Dir(in), "mini_helpers.h")
	other := t.TempDir()
	if err := os.Rename(hdr, filepath.Join(other, "mini_helpers.h")); err != nil {
		t.Fatal(err)
	}
	req.IncludeDirs = append(req.IncludeDirs[:0:0], other)
	if _, err := compile(t, c, req); err != nil {
		t.Fatal(err) // another -I: another key, compiled
	}
	req.IncludeDirs = []string{filepath.Dir(in)}
	if _, err := compile(t, c, req); CodeOf(err) != CodeCompile {
		t.Fatalf("the first key with its header gone: %v", err)
	}
}

// TestBpfCanceled: a compile whose context ends is not_attempted, not a compile error, and leaves nothing.
func TestBpfCanceled(t *testing.T) {
	needTools(t)
	slow := filepath.Join(t.TempDir(), "clang")
	// Answers --version at once (the identity), sleeps on a compile.
	script := "#!/bin/sh\ncase \"$*\" in *--version*) echo slow clang; exit 0;; esac\nexec sleep 30\n"
	if err := os.WriteFile(slow, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	req := uapiReq(t, fixture(t, "uapi.c"))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	res, err := (&Compiler{CacheDir: t.TempDir(), Clang: slow}).Compile(ctx, req)
	if CodeOf(err) != CodeNotAttempted || !errors.Is(err, context.DeadlineExceeded) || res.Telemetry.Code != CodeNotAttempted {
		t.Fatalf("err %v, code %v", err, CodeOf(err))
	}
	noObjects(t, req.OutputDir)
}
