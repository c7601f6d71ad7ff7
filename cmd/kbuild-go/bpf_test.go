package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestBpfDispatch(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{[]string{"bpf", "compile", "x.c"}, true},
		{[]string{"bpf", "compile"}, true},
		{[]string{"bpf"}, false},                         // the build goal
		{[]string{"-C", "linux", "O=out", "bpf"}, false}, // the build goal
		{[]string{"-C", "linux", "bpf", "compile"}, false},
		{[]string{"compile", "bpf"}, false},
	} {
		if got := isBpfCompile(tt.args); got != tt.want {
			t.Errorf("isBpfCompile(%q) = %v", tt.args, got)
		}
	}
}

// bpfFixture copies bpfc's test programs into a fresh directory.
func bpfFixture(t *testing.T, names ...string) string {
	t.Helper()
	if _, err := exec.LookPath("clang"); err != nil {
		t.Skip("clang not installed")
	}
	dir := t.TempDir()
	for _, n := range append(names, "include/mini_helpers.h") {
		b, err := os.ReadFile(filepath.Join("../../bpfc/testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runBpf(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(append([]string{"bpf", "compile"}, args...), &o, &e)
	return code, o.String(), e.String()
}

func TestBpfCompileCommand(t *testing.T) {
	dir := bpfFixture(t, "uapi.c")
	out, cache, tel := filepath.Join(dir, "out"), filepath.Join(dir, "cache"), filepath.Join(dir, "tel.jsonl")
	args := []string{"-o", out, "--cache-dir", cache, "--telemetry", tel, filepath.Join(dir, "uapi.c")}
	code, stdout, stderr := runBpf(args...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	paths := strings.Fields(stdout)
	if len(paths) != 2 || !strings.HasSuffix(paths[0], ".bpfel.o") || !strings.HasSuffix(paths[1], ".bpfeb.o") {
		t.Fatalf("printed %q", stdout)
	}
	// Flags after the file, and -v: a cache hit, said so.
	code, stdout2, stderr := runBpf(filepath.Join(dir, "uapi.c"), "-v", "-o", out, "--cache-dir", cache, "--telemetry", tel)
	if code != 0 || stdout2 != stdout || !strings.Contains(stderr, "cache_hit") {
		t.Fatalf("second run: exit %d, %q\n%s", code, stdout2, stderr)
	}
	b, err := os.ReadFile(tel)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(b)), "\n"); len(lines) != 2 ||
		!strings.Contains(lines[0], `"code":"success"`) || !strings.Contains(lines[1], `"code":"cache_hit"`) {
		t.Errorf("telemetry:\n%s", b)
	}
	// --statsd: one datagram per compile, DogStatsD lines.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	if code, _, stderr := runBpf("--statsd", pc.LocalAddr().String(), "-o", out, "--cache-dir", cache, filepath.Join(dir, "uapi.c")); code != 0 {
		t.Fatalf("--statsd: exit %d\n%s", code, stderr)
	}
	buf := make([]byte, 4096)
	pc.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, _, err := pc.ReadFrom(buf)
	if err != nil || !strings.Contains(string(buf[:n]), "kbuild_go.bpf.compile.result:1|c|#code:cache_hit,") {
		t.Errorf("statsd: %v %q", err, buf[:n])
	}
	if code, stdout, _ := runBpf("--target", "bpfeb", "-o", out, "--cache-dir", cache, filepath.Join(dir, "uapi.c")); code != 0 ||
		strings.Count(stdout, "\n") != 1 || !strings.HasSuffix(strings.TrimSpace(stdout), ".bpfeb.o") {
		t.Errorf("--target bpfeb: exit %d, %q", code, stdout)
	}
}

func TestBpfCompileCommandErrors(t *testing.T) {
	dir := bpfFixture(t, "uapi.c", "broken.c")
	ww := filepath.Join(dir, "ww")
	os.Mkdir(ww, 0o777)
	os.Chmod(ww, 0o777)
	good, broken := filepath.Join(dir, "uapi.c"), filepath.Join(dir, "broken.c")
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", nil, 2, "want one input file"},
		{"two files", []string{good, broken}, 2, "want one input file"},
		{"unknown flag", []string{"--frobnicate", good}, 2, "frobnicate"},
		{"bad target", []string{"--target", "mips", good}, 2, "--target"},
		{"bad mode", []string{"--mode", "fast", good}, 2, "--mode"},
		{"tampered input", []string{"--sha256", strings.Repeat("ab", 32), good}, 2, "input_verification_failure"},
		{"world-writable output dir", []string{"-o", ww, good}, 2, "output_dir_error"},
		{"C that does not compile", []string{broken}, 1, "compile_error"},
		{"clang missing", []string{"--clang", "/nonexistent/clang", good}, 1, "compiler_missing"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--cache-dir", filepath.Join(t.TempDir(), "c")}, tt.args...)
			if !strings.Contains(strings.Join(tt.args, " "), "-o ") {
				args = append([]string{"-o", filepath.Join(t.TempDir(), "o")}, args...)
			}
			code, stdout, stderr := runBpf(args...)
			if code != tt.code || stdout != "" {
				t.Fatalf("exit %d (want %d), stdout %q\n%s", code, tt.code, stdout, stderr)
			}
			var ours []string
			for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if strings.HasPrefix(l, "kbuild-go: ") {
					ours = append(ours, l)
				}
			}
			if len(ours) != 1 || !strings.Contains(ours[0], tt.want) {
				t.Errorf("want one kbuild-go: line with %q, got:\n%s", tt.want, stderr)
			}
		})
	}
}

// TestBpfCompileTwoProcesses starts two kbuild-go processes compiling one key at once: both succeed and
// print the same object, and the compiler ran once (the second process waited on the key's lock and
// found the object).
func TestBpfCompileTwoProcesses(t *testing.T) {
	dir := bpfFixture(t, "uapi.c")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "kbuild-go") // TestMain runs the test binary as kbuild-go by this name
	if err := os.Symlink(self, bin); err != nil {
		t.Fatal(err)
	}
	realClang, _ := exec.LookPath("clang")
	log := filepath.Join(dir, "runs")
	wrapper := filepath.Join(dir, "clang")
	script := fmt.Sprintf("#!/bin/sh\ncase \"$*\" in *' -c '*) echo run >>%s;; esac\nexec %s \"$@\"\n", log, realClang)
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"bpf", "compile", "--target", "bpfel", "--clang", wrapper, "-o", filepath.Join(dir, "out"),
		"--cache-dir", filepath.Join(dir, "cache"), filepath.Join(dir, "uapi.c")}
	// Record clang's identity first, so the two race on the object.
	if out, err := exec.Command(bin, append(args[:len(args)-1:len(args)-1], "-o", filepath.Join(dir, "warm"), filepath.Join(dir, "uapi.c"))...).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	os.Remove(log)
	var wg sync.WaitGroup
	outs := make([][]byte, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			outs[i], errs[i] = cmd.Output()
			if errs[i] != nil {
				errs[i] = fmt.Errorf("%v: %s", errs[i], stderr.String())
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0], outs[1]) || len(outs[0]) == 0 {
		t.Fatalf("printed %q and %q", outs[0], outs[1])
	}
	runs, _ := os.ReadFile(log)
	if n := strings.Count(string(runs), "run"); n != 1 {
		t.Errorf("clang compiled %d times for one key", n)
	}
}
