package targets

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/kbuild-go/kbuild-go/dag"
)

// explainer is `kbuild-go explain TARGET...`: a dry run of the goals that says, for each step that would
// run, why, in a kernel developer's words: which prerequisite is newer (or remade first), which CONFIG
// symbol changed (its include/config/SYM touch file, which fixdep made a prerequisite), which words of
// the command line changed, a missing .cmd file, a target that does not exist. V=2 stays the tree's own
// Kbuild text, as make prints it.
type explainer struct {
	mu    sync.Mutex
	w     io.Writer
	names *actionNames
}

func (x *explainer) Explain(d dag.Decision) {
	if !d.Run {
		return
	}
	name := x.names.name(d.Edge) // a part of a recipe (the lines before a sub-make) by its target's name
	if d.Edge.Outputs[0].Phony() && strings.HasPrefix(name, "Leaving directory") {
		return
	}
	why := x.why(d)
	x.mu.Lock()
	defer x.mu.Unlock()
	fmt.Fprintf(x.w, "%s: %s\n", name, why)
}

func (x *explainer) why(d dag.Decision) string {
	switch d.Reason {
	case dag.ReasonPhony:
		return "phony target: its recipe runs every time"
	case dag.ReasonMissing:
		return "does not exist"
	case dag.ReasonNewer:
		remade := map[string]bool{}
		for _, p := range d.Remade {
			remade[p] = true
		}
		var parts []string
		for _, p := range d.Newer {
			rel := x.names.path(p)
			switch sym, ok := configSymbol(rel); {
			case ok:
				parts = append(parts, sym+" changed ("+rel+")")
			case remade[p]:
				parts = append(parts, rel+" is remade first")
			default:
				parts = append(parts, rel+" is newer")
			}
		}
		return strings.Join(parts, "; ")
	case dag.ReasonCommandChanged:
		if d.Saved == "" {
			return "the command line changed"
		}
		return "the command line changed: " + wordDiff(strings.Fields(d.Saved), strings.Fields(d.Command), 24)
	case dag.ReasonNoRecord:
		out := x.names.path(d.Output)
		return "no saved command line (" + filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".cmd") + " is missing)"
	case dag.ReasonUntracked:
		return "not in $(targets): its command line is not saved, so it runs every time"
	case dag.ReasonAlways:
		if d.Unchanged {
			return "FORCE: runs every time, and would leave it unchanged"
		}
		return "FORCE: runs every time"
	}
	return d.Reason.String()
}

// configSymbol names the CONFIG symbol of a touch file (include/config/SMP, which syncconfig touches
// when CONFIG_SMP changes; before 5.13 include/config/foo/bar.h for CONFIG_FOO_BAR).
func configSymbol(rel string) (string, bool) {
	rest, ok := strings.CutPrefix(rel, "include/config/")
	if !ok || rest == "" || rest == "auto.conf" || rest == "kernel.release" || rest == "auto.conf.cmd" {
		return "", false
	}
	rest = strings.TrimSuffix(rest, ".h")
	return "CONFIG_" + strings.ToUpper(strings.ReplaceAll(rest, "/", "_")), true
}

// wordDiff shows how the word sequence b differs from a: the words removed (-w) and added (+w) in the
// order of a longest common subsequence, at most limit of them.
func wordDiff(a, b []string, limit int) string {
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i, j = i+1, j+1
			continue
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, "+"+b[j])
			j++
		default:
			out = append(out, "-"+a[i])
			i++
		}
	}
	if len(out) > limit {
		out = append(out[:limit], fmt.Sprintf("(%d more)", len(out)-limit))
	}
	return strings.Join(out, " ")
}

// dryRunSilent passes a dry run's events on except the commands it would run: explain prints reasons,
// not commands.
type dryRunSilent struct{ dag.Printer }

func (p dryRunSilent) Print(ev dag.Event) {
	if ev.Kind != dag.EventDryRun {
		p.Printer.Print(ev)
	}
}
