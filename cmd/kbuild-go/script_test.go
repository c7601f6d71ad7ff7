package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kbuild-go/kbuild-go/internal/kernelsrc"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as kbuild-go inside the scripts (testscript puts a "kbuild-go" on
// PATH that re-enters this binary), so recipes calling ${MAKE} and make's KCONFIG_TOOL reach it too.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"kbuild-go": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs testdata/script/*.txtar: incremental-build behaviour of kbuild-go over
// testdata/kernel-mini, in the shape of cmd/go's script tests. $KMINI is the kernel-mini source tree
// (scripts build out of tree, O=$WORK/..., or in a copy when they edit sources).
func TestScript(t *testing.T) {
	kmini, err := filepath.Abs("../../testdata/kernel-mini")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("KMINI", kmini)
			// The reference tree, for the scripts that use it (they skip without it).
			env.Setenv("LINUX", kernelsrc.Dir())
			// The host's own toolchain and make, nothing from the caller's kernel-build environment.
			for _, v := range []string{"HOME", "XDG_CACHE_HOME", "KBUILD_GO_CMD_RECORDS", "KBUILD_GO_GRAPH_CACHE"} {
				if s := os.Getenv(v); s != "" {
					env.Setenv(v, s)
				}
			}
			env.Setenv("KBUILD_BUILD_TIMESTAMP", "Tue Dec  1 00:00:00 UTC 2026")
			env.Setenv("KBUILD_BUILD_USER", "kbuild")
			env.Setenv("KBUILD_BUILD_HOST", "kbuild-go")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot":  cmdSnapshot,
			"unchanged": cmdUnchanged,
			"touchnew":  cmdTouchNew,
			"waitfile":  cmdWaitFile,
			"cpdir":     cmdCpDir,
			"trace":     cmdTrace,
			"phasesum":  cmdPhaseSum,
			"waitpane":  cmdWaitPane,
			"sameruns":  cmdSameRuns,
		},
		RequireExplicitExec: true,
		// [linux]: the reference tree is there (`make test` extracts it; a bare go test may not have it).
		Condition: func(cond string) (bool, error) {
			if cond == "linux" {
				return kernelsrc.Dir() != "", nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// trace FILE JOBS NAME... checks a --trace file: valid JSON in Chrome's object form, one complete ("X")
// event per action, each in a lane below JOBS, the lanes named, and an event for each NAME.
func cmdTrace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: trace file jobs name...")
	}
	var tr struct {
		TraceEvents []struct {
			Name, Ph string
			Ts       int64
			Dur      *int64
			Tid      int
		}
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &tr))
	jobs, err := strconv.Atoi(args[1])
	ts.Check(err)
	seen := map[string]int{}
	lanes := map[int]bool{}
	for _, ev := range tr.TraceEvents {
		switch ev.Ph {
		case "M":
			if ev.Name == "thread_name" {
				lanes[ev.Tid] = true
			}
		case "X":
			if ev.Dur == nil || *ev.Dur < 0 || ev.Ts < 0 || ev.Tid < 0 || ev.Tid >= jobs || !lanes[ev.Tid] {
				ts.Fatalf("event %+v: bad time or lane (jobs %d, named lanes %v)", ev, jobs, lanes)
			}
			seen[ev.Name]++
		default:
			ts.Fatalf("event %+v: unexpected phase", ev)
		}
	}
	for _, n := range args[2:] {
		if seen[n] != 1 {
			ts.Fatalf("%d events named %q, want 1 (have %v)", seen[n], n, seen)
		}
	}
}

// phasesum FILE PHASE... checks kbuild-go graph --phases output: each PHASE is a box, and the boxes'
// action counts add up to the total in the graph's label.
func cmdPhaseSum(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: phasesum file phase...")
	}
	dot := ts.ReadFile(args[0])
	m := regexp.MustCompile(`(?m)^  label=".*: (\d+) actions"$`).FindStringSubmatch(dot)
	if m == nil {
		ts.Fatalf("no total in the graph's label")
	}
	total, _ := strconv.Atoi(m[1])
	sum := 0
	boxes := map[string]bool{}
	for _, b := range regexp.MustCompile(`(?m)^  p\d+ \[label="(.*)\\n(\d+) actions"\]$`).FindAllStringSubmatch(dot, -1) {
		n, _ := strconv.Atoi(b[2])
		sum += n
		boxes[b[1]] = true
	}
	if sum != total {
		ts.Fatalf("phases add up to %d actions, the graph has %d", sum, total)
	}
	for _, p := range args[1:] {
		if !boxes[p] {
			ts.Fatalf("no phase %q (have %v)", p, boxes)
		}
	}
}

// waitpane SOCKET REGEXP polls the screen of the tmux server at SOCKET (capture-pane) until REGEXP
// matches it, for up to 20 s.
func cmdWaitPane(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: waitpane socket regexp")
	}
	re := regexp.MustCompile("(?m)" + args[1])
	var screen []byte
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var err error
		screen, err = exec.Command("tmux", "-S", ts.MkAbs(args[0]), "capture-pane", "-p").Output()
		if err == nil && re.Match(screen) {
			return
		}
	}
	ts.Fatalf("no %q on the screen after 20 s:\n%s", args[1], screen)
}

// sameruns EXPLAIN TRACE checks that the steps kbuild-go explain said would run (its "name: reason"
// lines) are the commands the next real build ran (the --trace file's command events), as sets: -n and
// explain are exact.
//
// sameruns -superset: every command that ran was explained, and the explanation may hold more (a
// generator whose input is remade first cannot be asked whether its output changes without running
// what remakes the input: the dry run assumes it does, as make -n does).
//
// sameruns -traces TRACE1 TRACE2: two builds ran the same commands (a cached graph's and an evaluating
// one's).
func cmdSameRuns(ts *testscript.TestScript, neg bool, args []string) {
	superset := len(args) > 0 && args[0] == "-superset"
	traces := len(args) > 0 && args[0] == "-traces"
	if superset || traces {
		args = args[1:]
	}
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sameruns [-superset|-traces] explain-output|trace-file trace-file")
	}
	would := map[string]bool{}
	if traces {
		would = tracedRuns(ts, args[0])
	} else {
		for _, l := range strings.Split(ts.ReadFile(args[0]), "\n") {
			if name, _, ok := strings.Cut(l, ": "); ok && !strings.HasPrefix(l, "kbuild-go") && !strings.HasPrefix(l, "  ") {
				would[name] = true
			}
		}
	}
	ran := tracedRuns(ts, args[1])
	var diff []string
	for n := range would {
		if !ran[n] && !superset {
			diff = append(diff, "explained (or run first), not run: "+n)
		}
	}
	for n := range ran {
		if !would[n] {
			diff = append(diff, "run, not explained: "+n)
		}
	}
	if len(diff) > 0 {
		sort.Strings(diff)
		ts.Fatalf("%s", strings.Join(diff, "\n"))
	}
}

// tracedRuns are the names of the commands a --trace file shows.
func tracedRuns(ts *testscript.TestScript, file string) map[string]bool {
	var tr struct {
		TraceEvents []struct{ Name, Cat, Ph string }
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(file)), &tr))
	ran := map[string]bool{}
	for _, ev := range tr.TraceEvents {
		if ev.Ph == "X" && ev.Cat == "command" && !strings.HasPrefix(ev.Name, "Leaving directory") {
			ran[ev.Name] = true
		}
	}
	return ran
}

// snapshot DIR NAME records the mtime and size of every file under DIR.
func cmdSnapshot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: snapshot dir name")
	}
	snap := scan(ts, ts.MkAbs(args[0]))
	var b strings.Builder
	for _, k := range sortedKeys(snap) {
		fmt.Fprintf(&b, "%s\t%s\n", k, snap[k])
	}
	ts.Check(os.WriteFile(ts.MkAbs(".snapshot-"+args[1]), []byte(b.String()), 0o666))
}

// unchanged DIR NAME fails if any file under DIR was added, removed or modified since snapshot NAME;
// `! unchanged` fails if nothing changed.
func cmdUnchanged(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: unchanged dir name")
	}
	f, err := os.Open(ts.MkAbs(".snapshot-" + args[1]))
	ts.Check(err)
	defer f.Close()
	old := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "\t")
		old[k] = v
	}
	now := scan(ts, ts.MkAbs(args[0]))
	var diffs []string
	for k, v := range now {
		if o, ok := old[k]; !ok {
			diffs = append(diffs, "added "+k)
		} else if o != v {
			diffs = append(diffs, "changed "+k)
		}
	}
	for k := range old {
		if _, ok := now[k]; !ok {
			diffs = append(diffs, "removed "+k)
		}
	}
	sort.Strings(diffs)
	if neg {
		if len(diffs) == 0 {
			ts.Fatalf("nothing changed under %s", args[0])
		}
		return
	}
	if len(diffs) > 0 {
		ts.Fatalf("files changed under %s:\n%s", args[0], strings.Join(diffs, "\n"))
	}
}

func scan(ts *testscript.TestScript, dir string) map[string]string {
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = fmt.Sprintf("%d %d", info.ModTime().UnixNano(), info.Size())
		return nil
	})
	ts.Check(err)
	return out
}

// touchnew FILE... makes the files newer than anything a build wrote before it, whatever the file
// system's timestamp granularity: it waits for the next whole second, then sets the present time. Not a
// time in the future: a build finishing within that moment would leave outputs older than the file, and
// the next build would remake them again (the NR_CPUS step then re-synced auto.conf in every later run
// once kbuild-go got fast enough).
func cmdTouchNew(ts *testscript.TestScript, neg bool, args []string) {
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second)))
	t := time.Now()
	for _, a := range args {
		ts.Check(os.Chtimes(ts.MkAbs(a), t, t))
	}
}

// waitfile FILE waits (up to 60 s) until FILE exists.
func cmdWaitFile(ts *testscript.TestScript, neg bool, args []string) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.Fatalf("timed out waiting for %s", args[0])
}

// cpdir SRC DST copies a directory tree (for scripts that edit kernel-mini's sources).
func cmdCpDir(ts *testscript.TestScript, neg bool, args []string) {
	src, dst := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o777)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	ts.Check(err)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
