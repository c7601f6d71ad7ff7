package e2e

// Issue 11 on the real tree: the compiles of a 6.1 tinyconfig build dispatched to two distccd daemons on
// loopback addresses, started and stopped here. Run inside TestLinuxTinyconfig/6.1, after the
// incremental cases, where A (kbuild-go's tree) and B (make's) are in step: B's vmlinux is what A's
// must be.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// distccd is one daemon of the test.
type distccd struct {
	addr, log string
	cmd       *exec.Cmd
}

// startDistccd starts distccd on addr, allowed from loopback only, logging to dir. Run as root it drops
// to an unprivileged user, so the log is writable by anyone and its directory reachable (every parent
// o+x: a t.TempDir's parent is not).
func startDistccd(t *testing.T, addr, dir string) *distccd {
	t.Helper()
	d := &distccd{addr: addr, log: filepath.Join(dir, addr+".log")}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o777)
	if err := os.WriteFile(d.log, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	os.Chmod(d.log, 0o666)
	d.cmd = exec.Command("distccd", "--daemon", "--no-detach", "--allow", "127.0.0.0/8", "--listen", addr,
		"--port", "3632", "--jobs", "4", "--log-file", d.log, "--log-level", "info")
	d.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Its compiles write temporary files as that user too: a TMPDIR of the caller's may not let it.
	tmp := filepath.Join(dir, "tmp-"+addr)
	os.MkdirAll(tmp, 0o777)
	os.Chmod(tmp, 0o1777)
	d.cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var stderr strings.Builder
	d.cmd.Stdout, d.cmd.Stderr = &stderr, &stderr
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("distccd: %v", err)
	}
	t.Cleanup(func() { d.stop() })
	// Listening once the log says so.
	for i := 0; ; i++ {
		if data, _ := os.ReadFile(d.log); strings.Contains(string(data), "listening on") {
			return d
		}
		if i == 100 {
			data, _ := os.ReadFile(d.log)
			t.Fatalf("distccd on %s did not start listening:\n%s%s", addr, stderr.String(), data)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (d *distccd) signal(sig syscall.Signal) { syscall.Kill(-d.cmd.Process.Pid, sig) }

func (d *distccd) stop() {
	if d.cmd.ProcessState == nil {
		d.signal(syscall.SIGCONT)
		d.signal(syscall.SIGKILL)
		d.cmd.Wait()
	}
}

// compiles are the sources the daemon compiled successfully (its log's COMPILE_OK lines).
func (d *distccd) compiles(t *testing.T) []string {
	data, err := os.ReadFile(d.log)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if i := strings.Index(l, "COMPILE_OK"); i >= 0 {
			f := strings.Fields(l[i:])
			out = append(out, f[len(f)-1])
		}
	}
	return out
}

var remoteCount = regexp.MustCompile(`(?m)^  on (\S+): (\d+) compiles`)

// hostCounts reads kbuild-go's summary: compiles per host.
func hostCounts(out string) map[string]int {
	m := map[string]int{}
	for _, g := range remoteCount.FindAllStringSubmatch(out, -1) {
		m[g[1]], _ = strconv.Atoi(g[2])
	}
	return m
}

var faultCount = regexp.MustCompile(`(?m)^  on (\S+): \d+ compiles, (\d+) attempts it could not take`)

func distccTest(t *testing.T, e *env, a, b string) {
	requireTools(t, "distcc", "distccd")
	logs := filepath.Join(e.dir, "distcc")
	d2, d3 := startDistccd(t, "127.0.0.2", logs), startDistccd(t, "127.0.0.3", logs)
	hosts := "DISTCC_HOSTS=127.0.0.2/4 127.0.0.3/4"
	// distcc's client keeps each host's backoff in DISTCC_DIR (~/.distcc) for 60 s: the test's own, so a
	// host killed in one run of the test is not set aside in the next.
	state := "DISTCC_DIR=" + filepath.Join(logs, "state")
	os.MkdirAll(filepath.Join(logs, "state"), 0o755)
	kb := func(t *testing.T, extra []string, args ...string) string {
		t.Helper()
		return e.run(e.masked, "env", append(append([]string{hosts, state}, extra...), append([]string{e.kbuildgo, "-C", e.src, "O=" + a}, args...)...)...)
	}
	identical := func(t *testing.T) {
		t.Helper()
		compareFiles(t, filepath.Join(a, "vmlinux"), filepath.Join(b, "vmlinux"))
		compareFiles(t, filepath.Join(a, "arch/x86/boot/bzImage"), filepath.Join(b, "arch/x86/boot/bzImage"))
	}

	t.Run("toggle", func(t *testing.T) {
		// On an up-to-date tree, turning dispatch on rebuilds nothing (the .cmd files have no distcc in them).
		out := kb(t, nil, "bzImage")
		for _, c := range commands(out) {
			if f := strings.Fields(c); f[0] == "CC" || f[0] == "LD" || f[0] == "AR" || f[0] == "AS" {
				t.Errorf("with dispatch on, an up-to-date tree ran %s", c)
			}
		}
	})
	t.Run("build", func(t *testing.T) {
		// Every object and archive goes, and the host programs with them: a whole build but for the
		// configuration (make clean would also drop what B kept from earlier goals).
		scrub(a)
		before := map[*distccd]int{d2: len(d2.compiles(t)), d3: len(d3.compiles(t))}
		for _, p := range []string{"scripts/basic/fixdep", "scripts/kallsyms", "scripts/sorttable", "arch/x86/tools/relocs", "usr/gen_init_cpio"} {
			os.Remove(filepath.Join(a, p))
		}
		out := kb(t, nil, "--summary", "bzImage")
		cmds := commands(out)
		cc, hostcc := 0, 0
		hostSrc := map[string]bool{} // the sources of the HOSTCC steps, relative to the tree
		for _, c := range cmds {
			switch f := strings.Fields(c); f[0] {
			case "CC":
				cc++
			case "HOSTCC":
				hostcc++
				hostSrc[strings.TrimSuffix(f[1], ".o")+".c"] = true
			}
		}
		counts := hostCounts(out)
		remote := 0
		for _, d := range []*distccd{d2, d3} {
			logged := d.compiles(t)[before[d]:]
			remote += len(logged)
			if counts[d.addr] != len(logged) {
				t.Errorf("%s: kbuild-go counts %d compiles, the daemon logged %d", d.addr, counts[d.addr], len(logged))
			}
			for _, f := range logged {
				rel := strings.TrimPrefix(f, e.src+"/")
				if !strings.HasSuffix(f, ".c") || hostSrc[rel] || strings.HasPrefix(rel, "tools/") {
					t.Errorf("%s compiled %s: only the target tree's C compiles go out (no host program, no objtool)", d.addr, f)
				}
			}
		}
		t.Logf("%d CC steps, %d of them on the hosts (%v); %d HOSTCC steps here", cc, remote, counts, hostcc)
		if hostcc == 0 {
			t.Errorf("the clean build ran no HOSTCC step: the test does not show they stay here")
		}
		if remote*2 < cc {
			t.Errorf("%d of %d CC steps ran on the hosts, want at least half", remote, cc)
		}
		identical(t)
		compareCmdFiles(t, a, b)
	})
	t.Run("touch-header", func(t *testing.T) {
		e.touch("include/linux/binfmts.h")
		got := commands(kb(t, nil, "bzImage"))
		want := commands(e.make(b, "-j"+e.jobs, "bzImage"))
		if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
			t.Errorf("different commands:\n--- kbuild-go with dispatch\n%s\n--- make\n%s", g, w)
		}
	})
	// The faults run a smaller build: the objects of kernel/, mm/ and fs/.
	dirty := func() int { return scrub(a, "kernel", "mm", "fs") }
	// fault runs a dispatched build and, once the daemon d has compiled half of its share (a quarter of
	// the objects to make, two hosts taking half of them; or 20 s have passed: on a loaded machine a host
	// can be set aside early, a compile outlasting a short I/O timeout), does hurt to it; the build must
	// complete with make's vmlinux.
	fault := func(t *testing.T, d *distccd, hurt func(), extra ...string) string {
		after := max(5, dirty()/4)
		before := len(d.compiles(t))
		cmd := exec.Command("env", append(append([]string{hosts, state}, extra...), e.kbuildgo, "-C", e.src, "O="+a, "--summary", "bzImage")...)
		cmd.Env = append(append(os.Environ(), pins...), "PATH="+e.masked)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		hurtDone := false
		for {
			select {
			case err := <-done:
				t.Logf("build: %.1fs", time.Since(start).Seconds())
				if err != nil {
					t.Fatalf("the build failed: %v\n%s", err, tail([]byte(out.String()), 30))
				}
				if !hurtDone {
					t.Errorf("the build ended before %s was hurt", d.addr)
				}
				identical(t)
				return out.String()
			case <-time.After(100 * time.Millisecond):
				if !hurtDone && (len(d.compiles(t))-before >= after || time.Since(start) > 20*time.Second) {
					hurt()
					hurtDone = true
					t.Logf("%s hurt after %d compiles (half its share: %d), %.1fs into the build", d.addr, len(d.compiles(t))-before, after, time.Since(start).Seconds())
				}
			}
		}
	}
	t.Run("host-dies", func(t *testing.T) {
		out := fault(t, d3, func() { d3.signal(syscall.SIGKILL) })
		t.Logf("%s", summaryOf(out))
		for _, g := range faultCount.FindAllStringSubmatch(out, -1) {
			if n, _ := strconv.Atoi(g[2]); g[1] == d3.addr && n > 5 {
				t.Errorf("%d tries on the dead host, want a few at most", n)
			}
		}
	})
	t.Run("host-hangs", func(t *testing.T) {
		out := fault(t, d2, func() { d2.signal(syscall.SIGSTOP) }, "DISTCC_IO_TIMEOUT=5")
		t.Logf("%s", summaryOf(out))
	})
}

// scrub removes the objects and archives under the directories of o (all of o without any, but tools/:
// objtool's own makefiles record in its fixdep.o's .cmd whether their fixdep existed yet, so a rebuild
// there differs from make's first build by that comment alone), and says how many objects went.
func scrub(o string, dirs ...string) int {
	n := 0
	if len(dirs) == 0 {
		dirs = []string{"."}
	}
	for _, dir := range dirs {
		filepath.Walk(filepath.Join(o, dir), func(p string, info os.FileInfo, err error) error {
			if err == nil && info.IsDir() && p == filepath.Join(o, "tools") {
				return filepath.SkipDir
			}
			if err == nil && !info.IsDir() && (strings.HasSuffix(p, ".o") || strings.HasSuffix(p, ".a")) {
				os.Remove(p)
				if strings.HasSuffix(p, ".o") {
					n++
				}
			}
			return nil
		})
	}
	return n
}

// summaryOf is the distcc part of kbuild-go's summary.
func summaryOf(out string) string {
	i := strings.Index(out, "distcc: ")
	if i < 0 {
		return fmt.Sprintf("(no distcc summary in %d bytes of output)", len(out))
	}
	return out[i:]
}
