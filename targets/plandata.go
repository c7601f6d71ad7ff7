package targets

import (
	"context"
	"io"
	"strings"

	"github.com/kbuild-go/kbuild-go/dag"
)

// planData is an expanded recipe: what the scope's evaluation decided about one edge (its steps, the
// command lines of its if_changed calls, its environment), as plain data. decide turns it into the dag
// command against the build's state (the record, what is newer), without the scope: this is what a cached
// graph keeps of each edge (docs/GRAPH-CACHE.md).
type planData struct {
	Dir    string
	Env    []string
	Target string // the target as the scope names it ($@)
	Steps  []step
	Conds  []string // the if_changed calls' command lines; Steps[i].group indexes them from 1
	// OnlyExists: the tree's cmd-check only asks that a command was saved (KBUILD_NOCMDDEP=1).
	OnlyExists bool
	// Console: a phony goal of the command line, run on the terminal (command).
	Console bool
	// Dynamic: the expansion read $?, so it holds only for the inputs that were newer then: Newer (dag's
	// PlanContext.Newer, paths).
	Dynamic bool
	Newer   []string
	// Print, when set, is all the edge does: print this text (make's "Leaving directory" line), also
	// under -n, as make does.
	Print string
}

// decide is the build-state half of plan: which of the recipe's if_changed groups run, as Kbuild's
// if-changed-cond would decide, and the command that runs them. A nil command runs nothing.
func (d *driver) decide(pc *dag.PlanContext, pd *planData) *dag.Command {
	if line := pd.Print; line != "" {
		// Description: under -n (make prints these lines then too) the line is what is printed.
		return &dag.Command{Dir: pd.Dir, Key: line, Description: strings.TrimSuffix(line, "\n"), Func: func(_ context.Context, _ dag.FS, w, _ io.Writer) error {
			_, err := io.WriteString(w, line)
			return err
		}}
	}
	steps := pd.Steps
	if len(steps) == 0 {
		return nil
	}
	groups, plain := map[int]bool{}, false
	for _, s := range steps {
		groups[s.group] = true
		plain = plain || s.group == 0
	}
	delete(groups, 0)
	if len(groups) == 1 && !plain {
		// One if_changed and nothing else (Kbuild's usual recipe): dag decides, as Kbuild would.
		c := &dag.Command{Dir: pd.Dir, Env: pd.Env, Description: dryRunText(steps), Check: dag.CheckCommand}
		for g := range groups {
			c.Key = pd.Conds[g-1]
		}
		// KBUILD_NOCMDDEP=1: the tree's cmd-check only asks that a command was saved, so a saved
		// one counts as this one (the .cmd file still gets the new command when the target runs).
		if pd.OnlyExists && pc.HasRecord && strings.TrimSpace(pc.Record.Command) != "" {
			c.Key = pc.Record.Command
		}
		return d.command(c, pd, steps, false)
	}
	if len(groups) > 0 {
		// Several if_changed, or one beside plain lines: the recipe runs (make runs it), and each
		// if_changed keeps its steps only if its own condition holds against the record as it was
		// when the recipe started (make expands every line before running the first).
		kept := steps[:0:0]
		for _, s := range steps {
			if s.group == 0 || groupRuns(pc, pd.Conds[s.group-1], pd.OnlyExists) {
				kept = append(kept, s)
			}
		}
		if steps = kept; len(steps) == 0 {
			return nil
		}
	}
	c := &dag.Command{Dir: pd.Dir, Env: pd.Env, Description: dryRunText(steps)}
	for _, s := range steps {
		if s.group > 0 {
			// Why the first if_changed that runs does (explain): the mtime reasons are dag's own.
			c.Why, c.WhySaved, c.Key = cmdCheckReason(pc), strings.TrimSpace(pc.Record.Command), pd.Conds[s.group-1]
			break
		}
	}
	return d.command(c, pd, steps, pd.Console)
}

// command sets c to run steps. A console command (a phony goal of the command line: menuconfig, oldconfig,
// config, help) runs on the terminal, as make runs every recipe: stdin, and output as it is written,
// because a configurator asks and draws (ninja's console pool; the rest of the build stays buffered).
func (d *driver) command(c *dag.Command, pd *planData, steps []step, console bool) *dag.Command {
	dir, env, target := pd.Dir, pd.Env, pd.Target
	if console {
		c.Console = true
		c.Func = func(ctx context.Context, _ dag.FS, _, _ io.Writer) error {
			// The terminal itself, not the progress line's writer: a configurator must see a tty.
			return runSteps(ctx, dir, env, target, steps, d.stdin(), terminal(d.out), terminal(d.errw), nil)
		}
		return c
	}
	dp := d.dispatch
	c.Func = func(ctx context.Context, _ dag.FS, stdout, stderr io.Writer) error {
		return runSteps(ctx, dir, env, target, steps, nil, stdout, stderr, dp)
	}
	c.Probe = filechkProbe(dir, env, steps)
	for _, s := range steps {
		if s.kind == stepEcho {
			c.Status = s.text // the quiet line, for the progress line
			break
		}
	}
	return c
}
