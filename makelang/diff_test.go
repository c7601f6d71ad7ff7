package makelang

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// caseSpec is read from a corpus file's "# key: value" header lines.
type caseSpec struct {
	goals, files, args, env []string
}

func readSpec(src string) caseSpec {
	var s caseSpec
	for _, line := range strings.Split(src, "\n") {
		for key, dst := range map[string]*[]string{"goal": &s.goals, "files": &s.files, "args": &s.args, "env": &s.env} {
			if v, ok := strings.CutPrefix(line, "# "+key+":"); ok {
				*dst = append(*dst, strings.Fields(v)...)
			}
		}
	}
	return s
}

// setupCase creates a temporary directory holding the case file and its listed files.
func setupCase(t *testing.T, name, src string, spec caseSpec) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, f := range spec.files {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func caseEnv(spec caseSpec) []string {
	return append([]string{"PATH=" + os.Getenv("PATH"), "HOME=/nonexistent", "LC_ALL=C"}, spec.env...)
}

// runGNUMake runs make -n on the case and returns its stdout and stderr.
func runGNUMake(t *testing.T, dir, name string, spec caseSpec) (string, string) {
	args := append([]string{"-n", "-s", "--no-print-directory", "-rR", "-f", name}, spec.args...)
	args = append(args, spec.goals...)
	cmd := exec.Command("make", args...)
	cmd.Dir = dir
	cmd.Env = caseEnv(spec)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	_ = cmd.Run()
	return out.String(), errb.String()
}

// dryRun emulates make -n over a scope: it walks the goals depth-first, and prints the recipe lines of
// every target that is missing, phony, or has a rebuilt or newer prerequisite.
type dryRun struct {
	s       *Scope
	dir     string
	out     *bytes.Buffer
	state   map[string]bool // target -> remade
	visited map[string]bool
}

func (d *dryRun) mtime(p string) (int64, bool) {
	st, err := os.Stat(filepath.Join(d.dir, p))
	if err != nil {
		return 0, false
	}
	return st.ModTime().UnixNano(), true
}

func (d *dryRun) make(name, parent string) (bool, error) {
	if d.visited[name] {
		return d.state[name], nil
	}
	d.visited[name] = true
	t, err := d.s.Resolve(name)
	if err != nil {
		if parent != "" {
			return false, fmt.Errorf("make: *** %v, needed by '%s'.  Stop.", err, parent)
		}
		return false, fmt.Errorf("make: *** %v.  Stop.", err)
	}
	targets := []*Target{t}
	if len(t.DoubleColon) > 0 {
		targets = t.DoubleColon
	}
	remade := false
	for _, t := range targets {
		var newer []string
		tm, exists := d.mtime(t.Name)
		need := t.Phony || !exists
		for _, p := range t.Prereqs {
			r, err := d.make(p, t.Name)
			if err != nil {
				return false, err
			}
			pm, _ := d.mtime(p)
			if r || !exists || pm > tm {
				newer = append(newer, p)
				need = true
			}
		}
		for _, p := range t.OrderOnly {
			if _, err := d.make(p, t.Name); err != nil {
				return false, err
			}
		}
		if !need || len(t.Recipe) == 0 {
			continue
		}
		lines, err := d.s.ExpandRecipe(t, AutoVars{Newer: newer})
		if err != nil {
			return false, err
		}
		for _, l := range lines {
			d.out.WriteString(l.Text + "\n")
		}
		remade = true
	}
	d.state[name] = remade
	return remade, nil
}

// runOurs evaluates the case with this package and returns what make -n would print.
func runOurs(t *testing.T, dir, name string, spec caseSpec) (string, string) {
	var out, errb bytes.Buffer
	s := NewScope(Options{Dir: dir, Env: caseEnv(spec), CommandLine: spec.args, Goals: spec.goals,
		MakeFlags: "nrRs --no-print-directory", Make: "make",
		Output: func(stream Stream, text string) {
			if stream == 1 {
				out.WriteString(text)
			} else {
				errb.WriteString(text)
			}
		}})
	if err := s.EvalFile(name); err != nil {
		errb.WriteString(err.Error() + "\n")
		return out.String(), errb.String()
	}
	goals := spec.goals
	if len(goals) == 0 {
		goals = []string{s.DefaultGoal()}
	}
	d := &dryRun{s: s, dir: dir, out: &out, state: map[string]bool{}, visited: map[string]bool{}}
	for _, g := range goals {
		if _, err := d.make(g, ""); err != nil {
			errb.WriteString(err.Error() + "\n")
			break
		}
	}
	return out.String(), errb.String()
}

func TestDifferentialGNUMake(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("GNU make absent")
	}
	files, err := filepath.Glob("testdata/*.mk")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	if len(files) < 30 {
		t.Fatalf("corpus has %d cases, want >= 30", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(strings.TrimSuffix(name, ".mk"), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			spec := readSpec(string(src))
			wantDir := setupCase(t, name, string(src), spec)
			wantOut, wantErr := runGNUMake(t, wantDir, name, spec)
			gotDir := setupCase(t, name, string(src), spec)
			gotOut, gotErr := runOurs(t, gotDir, name, spec)
			wantOut = strings.ReplaceAll(wantOut, wantDir, "$DIR")
			wantErr = strings.ReplaceAll(wantErr, wantDir, "$DIR")
			gotOut = strings.ReplaceAll(gotOut, gotDir, "$DIR")
			gotErr = strings.ReplaceAll(gotErr, gotDir, "$DIR")
			if gotOut != wantOut {
				t.Errorf("stdout differs\n--- make:\n%s--- ours:\n%s", wantOut, gotOut)
			}
			if gotErr != wantErr {
				t.Errorf("stderr differs\n--- make:\n%s--- ours:\n%s", wantErr, gotErr)
			}
		})
	}
}
