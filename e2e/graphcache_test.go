package e2e

import (
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// graphPath runs kbuild-go on o with the cached graph asked for and returns its output and the path the
// run took to its graph ("cached", "re-evaluated: ..."), read from the trace's process label.
func (e *env) graphPath(t *testing.T, o string, envs []string, args ...string) (string, string) {
	t.Helper()
	tr := filepath.Join(t.TempDir(), "trace.json")
	cmdline := append([]string{"-C", e.src, "O=" + o, "KBUILD_GO_GRAPH_CACHE=1", "--trace", tr}, args...)
	var out string
	if len(envs) > 0 {
		out = e.run(e.masked, "env", append(envs, append([]string{e.kbuildgo}, cmdline...)...)...)
	} else {
		out = e.run(e.masked, e.kbuildgo, cmdline...)
	}
	return out, graphNote(t, tr)
}

// graphNote is the path a run took to its graph, from the process label of the trace it wrote.
func graphNote(t *testing.T, tracePath string) string {
	t.Helper()
	data, err := os.ReadFile(tracePath)
	if err != nil {
		t.Fatal(err)
	}
	var trace struct {
		TraceEvents []struct {
			Name string
			Args map[string]string
		}
	}
	if err := json.Unmarshal(data, &trace); err != nil {
		t.Fatal(err)
	}
	for _, ev := range trace.TraceEvents {
		// The graph's note is the only label, and its reason may hold commas: all after "graph: ".
		if _, p, ok := strings.Cut(ev.Args["labels"], "graph: "); ev.Name == "process_labels" && ok {
			return p
		}
	}
	t.Fatalf("the trace %s names no graph path", tracePath)
	return ""
}

// graphCache is issue 10's cached graph on the real tree: after each change, kbuild-go from its cached
// graph (on A) runs the commands make runs (on B), and takes the path the change calls for; a no-op from
// the cached graph prints what make prints on its own no-op tree and changes the same files.
func graphCache(t *testing.T, e *env, a, b string) {
	run := func(t *testing.T, want string, envs []string) (string, string) {
		t.Helper()
		out, path := e.graphPath(t, a, envs, "-j"+e.jobs, "bzImage")
		if !strings.HasPrefix(path, want) {
			t.Errorf("graph: %s, want %s", path, want)
		}
		mkArgs := append(append([]string{}, envs...), "make", "-C", e.src, "O="+b, "-j"+e.jobs, "bzImage")
		mk := commands(e.run(os.Getenv("PATH"), "env", mkArgs...))
		kb := commands(out)
		t.Logf("graph: %s; kbuild-go ran %d commands, make %d", path, len(kb), len(mk))
		if k, m := strings.Join(kb, "\n"), strings.Join(mk, "\n"); k != m {
			t.Errorf("different commands:\n--- kbuild-go\n%s\n--- make\n%s", k, m)
		}
		return out, path
	}
	// settle: a run that remade the configuration (or rewrote a file its evaluation had read) records
	// nothing, and the next one evaluates and records: by the second run after it, the graph is cached.
	settle := func(t *testing.T, envs []string) {
		t.Helper()
		if _, path := run(t, "", envs); path != "cached" {
			run(t, "cached", envs)
		}
	}
	// The first run records (its evaluation reads the tree as it is now), the next is from the record.
	e.graphPath(t, a, nil, "-j"+e.jobs, "bzImage")
	t.Run("no-op", func(t *testing.T) {
		beforeB := snapshot(t, b)
		own := normalise(e.make(b, "-j"+e.jobs, "bzImage"), b)
		ownChanges := strings.Join(changed(t, b, beforeB), " ")
		before := snapshot(t, a)
		out, path := e.graphPath(t, a, nil, "-j"+e.jobs, "bzImage")
		if path != "cached" {
			t.Fatalf("graph: %s, want cached", path)
		}
		// kbuild-go's own lines (the trace file it wrote) are not make's.
		var lines []string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "kbuild-go: trace") {
				continue
			}
			if rest, ok := strings.CutPrefix(l, "kbuild-go"); ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "[")) {
				l = "make" + rest // make's name for itself in its directory lines
			}
			lines = append(lines, l)
		}
		// Parallel jobs print in either order (make's own two no-ops do): the lines, sorted.
		if got := normalise(strings.Join(lines, "\n"), a); sortedLines(got) != sortedLines(own) {
			t.Errorf("kbuild-go from its cached graph printed\n%s\nmake on its own no-op tree\n%s", got, own)
		}
		if d := strings.Join(changed(t, a, before), " "); d != ownChanges {
			t.Errorf("kbuild-go from its cached graph changed %s\n(make on its own no-op tree: %s)", d, ownChanges)
		}
	})
	t.Run("touch-fork.c", func(t *testing.T) {
		e.touch("kernel/fork.c")
		run(t, "cached", nil)
	})
	t.Run("touch-header", func(t *testing.T) {
		e.touch("include/linux/binfmts.h")
		run(t, "cached", nil)
	})
	t.Run("edit-kbuild-file", func(t *testing.T) {
		mk := e.own("lib/Makefile")
		data, _ := os.ReadFile(mk)
		os.WriteFile(mk, append(data, []byte("# kbuild-go e2e: an edit that changes nothing\n")...), 0o666)
		if _, path := run(t, "re-evaluated: ", nil); !strings.HasSuffix(path, "lib/Makefile") {
			t.Errorf("graph: %s, want lib/Makefile named", path)
		}
		run(t, "cached", nil)
	})
	t.Run("flip-symbol", func(t *testing.T) {
		for _, o := range []string{a, b} {
			cfg := filepath.Join(o, ".config")
			data, _ := os.ReadFile(cfg)
			flipped := strings.Replace(string(data), "# CONFIG_BINFMT_SCRIPT is not set", "CONFIG_BINFMT_SCRIPT=y", 1)
			if flipped == string(data) {
				flipped = strings.Replace(string(data), "CONFIG_BINFMT_SCRIPT=y", "# CONFIG_BINFMT_SCRIPT is not set", 1)
			}
			os.WriteFile(cfg, []byte(flipped), 0o666)
		}
		run(t, "re-evaluated: ", nil)
		settle(t, nil)
	})
	if e.version == "6.1" {
		t.Run("kill-9", func(t *testing.T) { killAndRestart(t, e, a, b) })
	}
	t.Run("environment", func(t *testing.T) {
		run(t, "re-evaluated: the command line, the environment", []string{"LOCALVERSION=-e2e"})
		settle(t, []string{"LOCALVERSION=-e2e"})
		// Both trees back to the plain environment: the tests after this one (distcc) build as before.
		// As above: the variable changes the key, and the run after it rereads kernel.release.
		run(t, "re-evaluated: the command line, the environment", nil)
		settle(t, nil)
	})
}

// killAndRestart is the cached graph's crash test: one real build of A (the objects of three directories
// removed), killed with SIGKILL at 20 random moments (seeded, logged), 3 of them while the graph record
// is half written, restarted after each kill; the build then completes and its vmlinux is make's (B's)
// byte for byte.
func killAndRestart(t *testing.T, e *env, a, b string) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	// A real build, not a whole one (CI's minutes): every object of kernel/, mm/, fs/, lib/ and drivers/
	// goes, and with them the archives and the link (~90 s of -j2 here: enough for 17 random kills).
	dirty := func() {
		for _, dir := range []string{"kernel", "mm", "fs", "lib", "drivers"} {
			filepath.Walk(filepath.Join(a, dir), func(p string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() && (strings.HasSuffix(p, ".o") || strings.HasSuffix(p, ".a")) {
					os.Remove(p)
				}
				return nil
			})
		}
	}
	dirty()
	// A cache directory of its own: the paused runs below start from no record, so each of them writes
	// one (a run from a record writes none: the build may have completed during the random kills).
	cacheHome := t.TempDir()
	graphDir := filepath.Join(cacheHome, "kbuild-go", "graph")
	private := "XDG_CACHE_HOME=" + cacheHome
	start := func(extra ...string) *exec.Cmd {
		cmd := exec.Command(e.kbuildgo, "-C", e.src, "O="+a, "KBUILD_GO_GRAPH_CACHE=1", "-j"+e.jobs, "bzImage")
		cmd.Env = append(append(append(os.Environ(), pins...), "PATH="+e.masked, private), extra...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// 17 kills at random moments; a run that ends first does not count, and when it completed the
	// build, the objects go again: the kills stay within a real build.
	for kills, runs := 0, 0; kills < 17; runs++ {
		if runs == 40 {
			t.Fatalf("40 runs, %d of them killed", kills)
		}
		d := time.Duration(500+rng.Intn(6000)) * time.Millisecond
		cmd := start()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-time.After(d):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
			kills++
			t.Logf("kill %d after %v", kills, d)
		case err := <-done:
			t.Logf("run %d ended by itself (%v) before %v", runs+1, err, d)
			if err == nil {
				dirty()
			}
		}
	}
	// Three kills while the record is half written: the pause hook holds the writer there. Each paused
	// run starts with no record; one that ends without writing one (the build it finished read files
	// it made) is started again, a bounded number of times.
	// A killed writer's temporary file stays for the next run to deal with; only a new one counts.
	seen := map[string]bool{}
	tmps := func() []string { p, _ := filepath.Glob(filepath.Join(graphDir, ".*.tmp*")); return p }
	for _, p := range tmps() {
		seen[p] = true
	}
	tmpFile := func() string {
		for _, p := range tmps() {
			if fi, err := os.Stat(p); err == nil && fi.Size() > 0 && !seen[p] {
				return p
			}
		}
		return ""
	}
	for i, tries := 0, 0; i < 3; tries++ {
		if tries == 10 {
			t.Fatalf("10 runs from no record, %d of them caught writing one", i)
		}
		// The directory is this test's alone: its records go (not the temporary files of killed writers).
		recs, _ := filepath.Glob(filepath.Join(graphDir, "[^.]*"))
		for _, p := range recs {
			os.Remove(p)
		}
		cmd := start("KBUILD_GO_TEST_GRAPH_PAUSE=1")
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		deadline := time.After(10 * time.Minute)
	poll:
		for {
			select {
			case err := <-done:
				t.Logf("a run ended (%v) without being caught writing its record", err)
				break poll
			case <-deadline:
				syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				t.Fatal("no graph record was written within 10 minutes")
			case <-time.After(20 * time.Millisecond):
				if p := tmpFile(); p != "" {
					syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
					<-done
					seen[p] = true
					i++
					t.Logf("kill %d while the graph record was written (%s)", 17+i, filepath.Base(p))
					break poll
				}
			}
		}
	}
	e.graphPath(t, a, []string{private}, "-j"+e.jobs, "bzImage")
	_, path := e.graphPath(t, a, []string{private}, "-j"+e.jobs, "bzImage")
	if path != "cached" {
		t.Errorf("after the kills, a record and a run from it: graph %s, want cached", path)
	}
	got, err := os.ReadFile(filepath.Join(a, "vmlinux"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(b, "vmlinux"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("vmlinux after 20 kills and restarts differs from make's")
	}
}

func sortedLines(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}
