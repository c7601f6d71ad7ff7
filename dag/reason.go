package dag

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// Reason is why an edge runs (or ReasonNone: why it does not). The order of the constants is the order of
// the checks, which is Kbuild's `why` (scripts/Kbuild.include) for if_changed edges.
type Reason uint8

const (
	// ReasonNone: up to date.
	ReasonNone Reason = iota
	// ReasonPhony: the edge is phony ("target is PHONY").
	ReasonPhony
	// ReasonMissing: an output does not exist ("target missing").
	ReasonMissing
	// ReasonNewer: inputs are in newer-prereqs ("due to: a.h b.h").
	ReasonNewer
	// ReasonCommandChanged: the saved command differs as word sequences ("command line change").
	ReasonCommandChanged
	// ReasonNoRecord: the output is tracked but has no saved command ("missing .cmd file").
	ReasonNoRecord
	// ReasonUntracked: the edge has no record at all ("not in $(targets)").
	ReasonUntracked
	// ReasonAlways: a CheckNone edge that is Always (make's FORCE without if_changed).
	ReasonAlways
	// ReasonFailedDep: not run because an input failed (reported, never a reason to run).
	ReasonFailedDep
)

var reasonNames = [...]string{"up to date", "phony", "missing", "newer", "command changed", "no record",
	"untracked", "always", "failed dependency"}

// String returns a short name of the reason.
func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// Decision is one dirty-check result, handed to the Explainer for every edge a build checks.
type Decision struct {
	Edge *Edge
	// Output is the primary output's path.
	Output string
	// Run reports whether the command runs (or would, under DryRun).
	Run    bool
	Reason Reason
	// Newer lists the inputs for ReasonNewer (newer-prereqs, input order). Remade is the part of it that
	// was remade in this build (under DryRun: would be), as against newer on disk or missing.
	Newer  []string
	Remade []string
	// Saved and Command are the saved and new command lines for ReasonCommandChanged.
	Saved, Command string
	// Unchanged: under DryRun, the command would run but leave its outputs as they are (Command.Probe).
	Unchanged bool
}

// Why renders the decision as Kbuild's V=2 text (echo-why), e.g. "- due to: a.h b.h", or "" when the edge
// does not run.
func (d Decision) Why() string {
	switch d.Reason {
	case ReasonPhony:
		return "- due to target is PHONY"
	case ReasonMissing:
		return "- due to target missing"
	case ReasonNewer:
		return "- due to: " + strings.Join(d.Newer, " ")
	case ReasonCommandChanged:
		return "- due to command line change"
	case ReasonNoRecord:
		return "- due to missing .cmd file"
	case ReasonUntracked:
		return "- due to " + path.Base(d.Output) + " not in $(targets)"
	case ReasonAlways:
		return "- due to FORCE"
	case ReasonFailedDep:
		return "- not remade because of errors"
	}
	return ""
}

// Explainer receives every decision (V=2, `explain`). It is called from worker goroutines, one call at a
// time per edge but concurrently across edges: implementations must be safe for concurrent use.
type Explainer interface {
	Explain(d Decision)
}

// ExplainFunc adapts a function to Explainer.
type ExplainFunc func(d Decision)

// Explain calls f(d).
func (f ExplainFunc) Explain(d Decision) { f(d) }

// mtimeFacts is the mtime part of the check for one edge, computed with all inputs done.
type mtimeFacts struct {
	reason     Reason // ReasonPhony, ReasonMissing, ReasonNewer or ReasonNone
	newer      []string
	newerFiles []string
	remade     []string // the newer files whose producers ran in this build
}

// checkMTimes computes make's $? and the first three of Kbuild's checks. It reads node state, so the
// caller holds the builder's mutex and has stat'ed every input and output.
//
// How $? is built (GNU make remake.c: d->changed |= noexist || d_mtime > this_mtime, phony prerequisites
// always count, order-only ones never): an input is in $? when it is phony, when its producer ran in this
// build and changed it (restat-aware), when it is missing (a prerequisite with no rule and no file, like a
// deleted header listed by fixdep's `$(deps_x):`, is "always updated" in make), when it is newer than the
// oldest output, or when any output is missing.
//
// With always (make -B) every input is in $?, as if each were newer: every edge with a recipe runs, and an
// if_changed one still asks Kbuild, whose newer-prereqs is then every file prerequisite.
func checkMTimes(e *Edge, always bool) mtimeFacts {
	var f mtimeFacts
	outMissing := false
	var oldest time.Time
	for i, o := range e.Outputs {
		if o.state != StateExists {
			outMissing = true
			continue
		}
		if i == 0 || oldest.IsZero() || o.mtime.Before(oldest) {
			oldest = o.mtime
		}
	}
	// The explicit and implicit inputs once each, then the record's dependencies (apart from those and
	// from each other: setDeps).
	rule := appendOnce(nil, e.Inputs, 0)
	rule = appendOnce(rule, e.Implicit, len(rule))
	for _, list := range [][]*Node{rule, e.s.deps} {
		for _, in := range list {
			isNewer := always || outMissing || in.phony || in.changed || in.state != StateExists || in.mtime.After(oldest)
			if !isNewer {
				continue
			}
			f.newer = append(f.newer, in.Path)
			if !in.phony {
				f.newerFiles = append(f.newerFiles, in.Path)
				if in.changed {
					f.remade = append(f.remade, in.Path)
				}
			}
		}
	}
	switch {
	case e.Phony:
		f.reason = ReasonPhony
	case outMissing:
		f.reason = ReasonMissing
	case len(f.newerFiles) > 0:
		f.reason = ReasonNewer
	case len(f.newer) > 0, always:
		// Only phony inputs are newer: plain make runs the recipe; Kbuild's newer-prereqs is empty.
		f.reason = ReasonAlways
	}
	return f
}

// decide finishes the check once the command is known. For CheckNone the mtime reason (or Always) runs
// it; for CheckCommand it follows Kbuild's why: phony, missing, newer-prereqs, then cmd-check, which is
// $(filter-out saved,new) on whitespace-normalised single words: non-empty exactly when the new command
// is non-empty and differs from the saved one. An empty saved command then reads as no record.
func decide(e *Edge, f mtimeFacts, c *Command, rec Record, hasRec bool) Decision {
	d := Decision{Edge: e, Output: e.Outputs[0].Path, Reason: f.reason}
	if c == nil {
		// Nothing to run (`@:`): still phony/missing/newer are reported, but nothing happens.
		d.Run = false
		if d.Reason == ReasonNewer {
			d.Newer, d.Remade = f.newerFiles, f.remade
		}
		return d
	}
	if c.Check == CheckNone {
		if d.Reason == ReasonNone && e.Always {
			d.Reason = ReasonAlways
		}
		if d.Reason == ReasonAlways && c.Why != ReasonNone {
			d.Reason, d.Saved, d.Command = c.Why, c.WhySaved, c.Key
		}
		if d.Reason == ReasonNewer {
			d.Newer, d.Remade = f.newerFiles, f.remade
		}
		d.Run = d.Reason != ReasonNone
		return d
	}
	switch f.reason {
	case ReasonPhony, ReasonMissing:
		d.Run = true
		return d
	case ReasonNewer:
		d.Run, d.Newer, d.Remade = true, f.newerFiles, f.remade
		return d
	}
	d.Reason = ReasonNone
	newCmd := NormalizeCommand(c.Key)
	if newCmd == "" {
		return d
	}
	savedCmd := NormalizeCommand(rec.Command)
	switch {
	case hasRec && savedCmd != "":
		if savedCmd != newCmd {
			d.Reason, d.Saved, d.Command = ReasonCommandChanged, rec.Command, c.Key
		}
	case hasRec && rec.Hash != 0:
		if rec.Hash != KeyHash(c.Key) {
			d.Reason, d.Command = ReasonCommandChanged, c.Key
		}
	case e.Untracked:
		d.Reason = ReasonUntracked
	default:
		d.Reason = ReasonNoRecord
	}
	d.Run = d.Reason != ReasonNone
	return d
}
