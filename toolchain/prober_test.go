package toolchain

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func needGCC(t *testing.T) string {
	t.Helper()
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not installed")
	}
	return gcc
}

// countingCC writes a compiler wrapper at path that appends one line to log per run and execs gcc.
func countingCC(t *testing.T, path, log, gcc string) {
	writeScript(t, path, "#!/bin/sh\necho \"$*\" >> '"+log+"'\nexec '"+gcc+"' \"$@\"\n")
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(data), "\n")
}

func newTestProber(t *testing.T, cacheDir string, jobs int) *Prober {
	t.Helper()
	p, err := NewProber(ProberConfig{CacheDir: cacheDir, Jobs: jobs, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// probeSet is a mix of Makefile.compiler and Kconfig.include probes for cc.
func probeSet(cc, dir string) []Request {
	m := &MakeProbes{CC: cc, LD: "ld", KbuildCPPFlags: "-D__KERNEL__", KbuildCFlags: "-O2"}
	k := &KconfigProbes{CC: cc, LD: "ld"}
	var reqs []Request
	for _, c := range []string{
		m.CCOption("-fno-PIE", ""), m.CCOption("-fno-such-flag-xyz", "-O1"), m.CCOptionYN("-mno-red-zone"),
		m.CCDisableWarning("unused-but-set-variable"), m.AsOption("-Wa,--noexecstack", ""),
		m.AsInstr("movl %eax, %ebx", "y", "n"), k.CCOption("-fno-PIE"), k.CCOptionBit("-m64"),
		k.AsInstr("nop"), "LC_ALL=C " + cc + " --version 2>/dev/null | head -n 1",
		Failure("command -v " + cc), "set -- GCC 120200 && echo $2",
	} {
		reqs = append(reqs, Request{Cmd: c, Dir: dir})
	}
	if _, err := os.Stat(kernelTree); err == nil {
		for _, c := range []string{kernelTree + "/scripts/cc-version.sh " + cc,
			kernelTree + "/scripts/as-version.sh " + cc, Success(kernelTree + "/scripts/gcc-x86_64-has-stack-protector.sh " + cc)} {
			reqs = append(reqs, Request{Cmd: c, Dir: dir})
		}
	}
	return reqs
}

func stdouts(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%d:%s", r.Status, r.Stdout))
	}
	return out
}

// TestProberCacheSecondRunExecutesNothing is the cache's contract: a second run of the same probes with
// the same compiler runs no command; another compiler path misses every entry.
func TestProberCacheSecondRunExecutesNothing(t *testing.T) {
	gcc := needGCC(t)
	tmp := t.TempDir()
	cache, work := filepath.Join(tmp, "cache"), filepath.Join(tmp, "work")
	os.MkdirAll(work, 0o777)
	ccA, logA := filepath.Join(tmp, "a", "cc"), filepath.Join(tmp, "a.log")
	ccB, logB := filepath.Join(tmp, "b", "cc"), filepath.Join(tmp, "b.log")
	countingCC(t, ccA, logA, gcc)
	countingCC(t, ccB, logB, gcc)
	ctx := context.Background()

	p1 := newTestProber(t, cache, 2)
	first, err := p1.Run(ctx, probeSet(ccA, work))
	if err != nil {
		t.Fatal(err)
	}
	runs := countLines(t, logA)
	if n := len(first); runs < n-2 || p1.Stats().Executed != int64(n) {
		t.Fatalf("first run: wrapper ran %d times, %d commands executed, want %d", runs, p1.Stats().Executed, n)
	}
	for i, r := range first {
		if r.Status != 0 || r.Stdout == "" {
			t.Errorf("probe %d: %+v", i, r)
		}
	}
	if first[0].Stdout != "-fno-PIE\n" || first[1].Stdout != "-O1\n" || first[2].Stdout != "y\n" {
		t.Errorf("first results %q", stdouts(first))
	}

	p2 := newTestProber(t, cache, 2) // a new process, as far as the cache can tell
	second, err := p2.Run(ctx, probeSet(ccA, work))
	if err != nil {
		t.Fatal(err)
	}
	if got := countLines(t, logA); got != runs {
		t.Errorf("second run executed the compiler %d times", got-runs)
	}
	if s := p2.Stats(); s.Executed != 0 || s.DiskHits != int64(len(second)) {
		t.Errorf("second run stats %+v", s)
	}
	if strings.Join(stdouts(first), "|") != strings.Join(stdouts(second), "|") {
		t.Errorf("cached results differ:\n%q\n%q", stdouts(first), stdouts(second))
	}
	for _, r := range second {
		if !r.Cached {
			t.Errorf("result not marked cached: %+v", r)
		}
	}

	// Another compiler misses every probe that names it; only "set -- GCC 120200 && echo $2" hits.
	p3 := newTestProber(t, cache, 2)
	reqsB := probeSet(ccB, work)
	third, err := p3.Run(ctx, reqsB)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range third {
		if strings.Contains(reqsB[i].Cmd, ccB) == r.Cached {
			t.Errorf("other compiler: cached=%v for %s", r.Cached, reqsB[i].Cmd)
		}
	}
	if got := countLines(t, logB); got != runs || p3.Stats().DiskHits != 1 {
		t.Errorf("other compiler: wrapper ran %d times (want %d), stats %+v", got, runs, p3.Stats())
	}

	// Rewriting compiler A (same path, new content) invalidates its entries too.
	countingCC(t, ccA, logA, gcc+" ") // one byte longer
	p4 := newTestProber(t, cache, 2)
	if _, err := p4.Run(ctx, probeSet(ccA, work)); err != nil {
		t.Fatal(err)
	}
	if s := p4.Stats(); s.DiskHits != 1 {
		t.Errorf("changed compiler hit the cache: %+v", s)
	}
}

// overlapCC writes a wrapper that proves concurrency without timing: it leaves a start.PID marker and a
// run.PID marker (removed when it is done), records how many run markers exist when it starts (never more
// than the job limit), then waits — up to polls polls — until `want` start markers exist. When commands run
// one at a time, the first wrapper can never see a second start marker and times out.
func overlapCC(t *testing.T, path, state, gcc string, want, polls int) {
	writeScript(t, path, `#!/bin/sh
s='`+state+`'
mkdir -p "$s"
touch "$s/run.$$"
touch "$s/start.$$"
ls "$s" | grep -c '^run\.' > "$s/running.$$"
i=0
while [ $(ls "$s" | grep -c '^start\.') -lt `+strconv.Itoa(want)+` ]; do
	i=$((i+1))
	if [ $i -ge `+strconv.Itoa(polls)+` ]; then echo timeout > "$s/timeout.$$"; break; fi
	sleep 0.01
done
rm "$s/run.$$"
exec '`+gcc+`' "$@"
`)
}

func TestProberRunsProbesInParallel(t *testing.T) {
	gcc := needGCC(t)
	for _, jobs := range []int{4, 2} {
		t.Run(fmt.Sprintf("jobs=%d", jobs), func(t *testing.T) {
			tmp := t.TempDir()
			cc, state := filepath.Join(tmp, "cc"), filepath.Join(tmp, "state")
			overlapCC(t, cc, state, gcc, jobs, 500)
			m := &MakeProbes{CC: cc}
			var reqs []Request
			for _, o := range []string{"-O0", "-O1", "-O2", "-O3"} {
				reqs = append(reqs, Request{Cmd: m.CCOption(o, ""), Dir: tmp})
			}
			p := newTestProber(t, "off", jobs)
			res, err := p.Run(context.Background(), reqs)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				if r.Stdout == "\n" {
					t.Errorf("probe %d failed: %+v", i, r)
				}
			}
			ents, err := os.ReadDir(state)
			if err != nil {
				t.Fatal(err)
			}
			started := 0
			for _, e := range ents {
				name := e.Name()
				switch {
				case strings.HasPrefix(name, "start."):
					started++
				case strings.HasPrefix(name, "timeout."):
					t.Errorf("a wrapper waited in vain for %d concurrent runs", jobs)
				case strings.HasPrefix(name, "running."):
					b, _ := os.ReadFile(filepath.Join(state, name))
					if n, _ := strconv.Atoi(strings.TrimSpace(string(b))); n > jobs || n < 1 {
						t.Errorf("%d commands ran at once with jobs=%d", n, jobs)
					}
				}
			}
			if started != len(reqs) {
				t.Errorf("wrapper ran %d times, want %d", started, len(reqs))
			}
		})
	}
}

// TestOverlapWrapperDetectsSerialRuns shows the parallelism test can fail: with one job the wrapper that
// waits for two concurrent runs times out.
func TestOverlapWrapperDetectsSerialRuns(t *testing.T) {
	gcc := needGCC(t)
	tmp := t.TempDir()
	cc, state := filepath.Join(tmp, "cc"), filepath.Join(tmp, "state")
	overlapCC(t, cc, state, gcc, 2, 20)
	m := &MakeProbes{CC: cc}
	p := newTestProber(t, "off", 1)
	if _, err := p.Run(context.Background(), []Request{{Cmd: m.CCOption("-O0", ""), Dir: tmp},
		{Cmd: m.CCOption("-O1", ""), Dir: tmp}}); err != nil {
		t.Fatal(err)
	}
	if ents, _ := filepath.Glob(filepath.Join(state, "timeout.*")); len(ents) == 0 {
		t.Error("serial runs were not detected")
	}
}

func TestProberDedupesInFlight(t *testing.T) {
	gcc := needGCC(t)
	tmp := t.TempDir()
	cc, log := filepath.Join(tmp, "cc"), filepath.Join(tmp, "log")
	countingCC(t, cc, log, gcc)
	m := &MakeProbes{CC: cc}
	var reqs []Request
	for i := 0; i < 8; i++ {
		reqs = append(reqs, Request{Cmd: m.CCOption("-fno-PIE", ""), Dir: tmp})
	}
	p := newTestProber(t, "off", 8)
	res, err := p.Run(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if n := countLines(t, log); n != 1 {
		t.Errorf("identical probes ran the compiler %d times", n)
	}
	for _, r := range res {
		if r.Stdout != "-fno-PIE\n" {
			t.Errorf("result %+v", r)
		}
	}
	if s := p.Stats(); s.Executed != 1 || s.Memo != 7 {
		t.Errorf("stats %+v", s)
	}
}

func TestProberAlwaysRunsUncacheable(t *testing.T) {
	tmp := t.TempDir()
	rel := filepath.Join(tmp, "include", "config", "kernel.release")
	os.MkdirAll(filepath.Dir(rel), 0o777)
	os.WriteFile(rel, []byte("6.1.0\n"), 0o644)
	p := newTestProber(t, filepath.Join(tmp, "cache"), 2)
	cmd := "cat include/config/kernel.release 2> /dev/null"
	if out, st := p.Shell(cmd, nil, tmp); out != "6.1.0\n" || st != 0 {
		t.Fatalf("%q %d", out, st)
	}
	os.WriteFile(rel, []byte("6.1.1\n"), 0o644)
	if out, _ := p.Shell(cmd, nil, tmp); out != "6.1.1\n" {
		t.Errorf("stale %q", out)
	}
	if out, st := p.Shell("exit 3", nil, tmp); out != "" || st != 3 {
		t.Errorf("exit 3: %q %d", out, st)
	}
	if s := p.Stats(); s.Executed != 3 || s.Uncached != 3 {
		t.Errorf("stats %+v", s)
	}
}

func TestProberKeyCoversEnvironmentAndPaths(t *testing.T) {
	gcc := needGCC(t)
	tmp := t.TempDir()
	cc, log := filepath.Join(tmp, "cc"), filepath.Join(tmp, "log")
	countingCC(t, cc, log, gcc)
	plugin := filepath.Join(tmp, "plugin.so")
	os.WriteFile(plugin, []byte("x"), 0o644)
	cache := filepath.Join(tmp, "cache")
	m := &MakeProbes{CC: cc, KbuildCFlags: "-fplugin=" + plugin}
	cmd := m.CCOption("-O2", "")
	base := append(os.Environ(), "FOO=1")
	run := func(env []string) Stats {
		p := newTestProber(t, cache, 1)
		p.Shell(cmd, env, tmp)
		return p.Stats()
	}
	var debug strings.Builder
	p0, err := NewProber(ProberConfig{CacheDir: cache, Jobs: 1, Stderr: io.Discard, Debug: &debug})
	if err != nil {
		t.Fatal(err)
	}
	p0.Shell(cmd, base, tmp)
	if s := p0.Stats(); s.Executed != 1 {
		t.Fatalf("first %+v", s)
	}
	for _, want := range []string{"cmd " + cmd, "env \"FOO=1\"", "tool " + cc + " " + cc + " -> ", "path " + plugin} {
		if !strings.Contains(debug.String(), want) {
			t.Errorf("debug key lacks %q:\n%s", want, debug.String())
		}
	}
	if s := run(append(base, "PWD=/elsewhere", "SHLVL=9")); s.DiskHits != 1 {
		t.Errorf("volatile variables changed the key: %+v", s)
	}
	if s := run(append(base, "FOO=2")); s.Executed != 1 {
		t.Errorf("environment change hit the cache: %+v", s)
	}
	future := time.Now().Add(time.Hour)
	os.Chtimes(plugin, future, future)
	if s := run(base); s.Executed != 1 {
		t.Errorf("changed argument file hit the cache: %+v", s)
	}
}

func TestProberSharedCacheAcrossProbers(t *testing.T) {
	gcc := needGCC(t)
	tmp := t.TempDir()
	cc, log := filepath.Join(tmp, "cc"), filepath.Join(tmp, "log")
	countingCC(t, cc, log, gcc)
	cache := filepath.Join(tmp, "cache")
	reqs := probeSet(cc, tmp)
	var wg sync.WaitGroup
	results := make([][]Result, 3)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = newTestProber(t, cache, 2).Run(context.Background(), reqs)
		}()
	}
	wg.Wait()
	for i := 1; i < len(results); i++ {
		if strings.Join(stdouts(results[0]), "|") != strings.Join(stdouts(results[i]), "|") {
			t.Errorf("prober %d disagrees", i)
		}
	}
	p := newTestProber(t, cache, 2)
	if _, err := p.Run(context.Background(), reqs); err != nil {
		t.Fatal(err)
	}
	if s := p.Stats(); s.Executed != 0 {
		t.Errorf("after concurrent writers: %+v", s)
	}
	// A damaged or foreign entry is a miss, and the rerun repairs it.
	var entries []string
	filepath.Walk(filepath.Join(cache, cacheVersionDir), func(path string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			entries = append(entries, path)
		}
		return nil
	})
	if len(entries) != len(reqs) {
		t.Fatalf("%d entries for %d probes", len(entries), len(reqs))
	}
	for _, e := range entries {
		os.WriteFile(e, []byte("kbuild-go probe cache v0\n{}"), 0o644)
	}
	p = newTestProber(t, cache, 2)
	p.Run(context.Background(), reqs)
	if s := p.Stats(); s.Executed != int64(len(reqs)) {
		t.Errorf("damaged entries: %+v", s)
	}
	p = newTestProber(t, cache, 2)
	p.Run(context.Background(), reqs)
	if s := p.Stats(); s.Executed != 0 {
		t.Errorf("repaired entries: %+v", s)
	}
}

func TestCacheable(t *testing.T) {
	m := &MakeProbes{CC: "aarch64-linux-gnu-gcc", LD: "ld.lld-14", KbuildCFlags: "-I/usr/include -fplugin=./x.so"}
	k := &KconfigProbes{CC: "clang", LD: "ld.lld", ClangFlags: "--target=aarch64-linux-gnu"}
	yes := []string{
		m.CCOption("-mbranch-protection=pac-ret", ""), m.CCOptionYN("-m64"), m.CCDisableWarning("pointer-sign"),
		m.AsOption("-Wa,-mfoo", ""), m.AsInstr(`.arch armv8.3-a\n autia1716`, "-DX", ""), m.LDOption("--build-id=sha1", ""),
		(&MakeProbes{CC: "gcc", KbuildExtmod: "/tmp/mod"}).CCOption("-O2", ""),
		k.CCOption("-fstack-protector"), k.LDOption("-z x"), k.AsInstr("nop"), k.CCOptionBit("-m32"),
		"LC_ALL=C clang-14 --version 2>/dev/null | head -n 1", "gcc -print-file-name=include",
		"x86_64-linux-gnu-gcc -dumpmachine", "llvm-objcopy --version",
		CCCrossPrefixCommand("m68k-linux-gnu-"), Failure("command -v gcc"), "set -- GCC 120200 && echo $1",
		Success(`test "GCC" = GCC`), "/src/scripts/cc-version.sh ccache gcc", "llvm-objcopy --version | head -n1 | grep -qv llvm",
		Success(`echo 'int foo(int x) { return x; }' | gcc -x c - -c -o /dev/null`), "scripts/cc-can-link.sh gcc",
		"test -e /etc/passwd && echo y", "[ -f Makefile ]", "rustc --version 2>/dev/null",
		"/src/scripts/pahole-version.sh pahole", Success(`env "CC=gcc" "LD=ld" NM=nm OBJCOPY=objcopy /s/scripts/tools-support-relr.sh`),
	}
	no := []string{
		"cat include/config/kernel.release 2> /dev/null", "date", "uname -m",
		"gcc -c x.c -o x.o", "gcc -c x.c > out.txt", "gcc $(echo -O2)", "gcc `echo -O2`",
		"gcc -MD -c /dev/null -o /dev/null", "gcc -include foo.h -E /dev/null", "gcc @args",
		"sh scripts/cc-version.sh gcc", "ccache gcc -v", "scripts/pahole-flags.sh", "command -v cat",
		"gcc --version | grep gcc Makefile", "grep -f pats", "$(X)/cc-version.sh gcc",
		"head -n 1 Makefile", "PATH=/opt/bin gcc -v", "echo $$", "gcc -v &", "(gcc -v)", "gcc *.c",
		"getconf LFS_CFLAGS 2>/dev/null", "test -e $HOME/x", "env -i gcc -v", "env PATH=/opt gcc -v",
		"$CC -v" /* no environment says what $CC is */, "/s/scripts/rust_is_available.sh",
		TryRun(".tmp_$$", "cat /etc/passwd", "y", "n"),
		Success("git rev-parse HEAD"),
	}
	for _, c := range yes {
		if ok, why := Cacheable(c); !ok {
			t.Errorf("not cacheable (%s): %s", why, c)
		}
	}
	for _, c := range no {
		if ok, _ := Cacheable(c); ok {
			t.Errorf("cacheable: %s", c)
		}
	}
}

// TestCacheableVariableCommand: $CC as a command is a tool when the environment says so.
func TestCacheableVariableCommand(t *testing.T) {
	cmd := Success(`echo 'int x;' | $CC -x c - -c -o /dev/null`)
	for _, c := range []struct {
		env []string
		ok  bool
	}{
		{[]string{"CC=gcc"}, true}, {[]string{"CC=gcc", "CC=x86_64-linux-gnu-gcc-12"}, true},
		{nil, false}, {[]string{"CC=cat"}, false}, {[]string{"CC=ccache gcc"}, false}, {[]string{"CC=$(X)"}, false},
	} {
		in, err := analyzeCacheable(cmd, nil, c.env)
		if (err == nil) != c.ok {
			t.Errorf("env %q: cacheable %v (%v), want %v", c.env, err == nil, err, c.ok)
		}
		if err == nil && (len(in.tools) != 1 || in.tools[0] != strings.TrimPrefix(c.env[len(c.env)-1], "CC=")) {
			t.Errorf("env %q: tools %q", c.env, in.tools)
		}
	}
	in, err := analyzeCacheable(`env "CC=gcc" "LD=ld.lld" /s/scripts/tools-support-relr.sh`, nil, []string{"NM=llvm-nm", "OBJCOPY=objcopy"})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(in.tools)
	if want := []string{"gcc", "gcc", "ld.lld", "ld.lld", "llvm-nm", "objcopy"}; !slices.Equal(in.tools, want) {
		t.Errorf("relr tools %q, want %q", in.tools, want)
	}
}

// TestProberCachesStableFailures: a cacheable probe that fails (pahole-version.sh without pahole, test -e
// of a missing file) is cached with its status, and a change of what it looks at is a new key; "not
// found" (127) is never cached.
func TestProberCachesStableFailures(t *testing.T) {
	tmp := t.TempDir()
	cache := filepath.Join(tmp, "cache")
	f := filepath.Join(tmp, "plugin-version.h")
	cmd := "test -e " + f
	run := func(cmd string) (int, Stats) {
		p := newTestProber(t, cache, 1)
		_, st := p.Shell(cmd, nil, tmp)
		return st, p.Stats()
	}
	if st, s := run(cmd); st != 1 || s.Executed != 1 {
		t.Fatalf("missing file: %d %+v", st, s)
	}
	if st, s := run(cmd); st != 1 || s.DiskHits != 1 || s.Executed != 0 {
		t.Errorf("second run: %d %+v", st, s)
	}
	os.WriteFile(f, nil, 0o644)
	if st, s := run(cmd); st != 0 || s.Executed != 1 {
		t.Errorf("file created: %d %+v", st, s)
	}
	for range 2 {
		if st, s := run("gcc-no-such-version-99 --version"); st != 127 || s.Executed != 1 {
			t.Errorf("not found: %d %+v", st, s)
		}
	}
}

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/x/cache")
	if d, err := DefaultCacheDir(); err != nil || d != "/x/cache/kbuild-go/probes" {
		t.Errorf("%q %v", d, err)
	}
}

func TestProberContextAndStderr(t *testing.T) {
	var stderr strings.Builder
	p, err := NewProber(ProberConfig{CacheDir: "off", Jobs: 1, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := p.Run(ctx, []Request{{Cmd: "echo hi"}})
	if err == nil || res[0].Err == nil {
		t.Errorf("cancelled run: %v %+v", err, res[0])
	}
	if out, st := p.Shell("echo out; echo err >&2", nil, ""); out != "out\n" || st != 0 || stderr.String() != "err\n" {
		t.Errorf("%q %d stderr %q", out, st, stderr.String())
	}
}

// TestProberKeysBareInputFiles: a tool's input named without a slash is still part of the key.
func TestProberKeysBareInputFiles(t *testing.T) {
	needGCC(t)
	tmp := t.TempDir()
	src := filepath.Join(tmp, "probe.c")
	os.WriteFile(src, []byte("int x;\n"), 0o644)
	cache := filepath.Join(tmp, "cache")
	cmd := Success("gcc -fsyntax-only probe.c")
	run := func() (string, Stats) {
		p := newTestProber(t, cache, 1)
		out, _ := p.Shell(cmd, nil, tmp)
		return out, p.Stats()
	}
	if out, s := run(); out != "y\n" || s.Executed != 1 {
		t.Fatalf("%q %+v", out, s)
	}
	if _, s := run(); s.DiskHits != 1 {
		t.Errorf("unchanged input missed: %+v", s)
	}
	os.WriteFile(src, []byte("int x = ;\n"), 0o644)
	if out, s := run(); out != "n\n" || s.Executed != 1 {
		t.Errorf("changed input: %q %+v", out, s)
	}
}
