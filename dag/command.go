package dag

import (
	"context"
	"hash/fnv"
	"io"
	"strings"
)

// CheckKind selects how a planned edge decides whether to run.
type CheckKind uint8

const (
	// CheckNone is plain make: run when the edge is phony, an output is missing, an input is in $?, or the
	// edge is Always.
	CheckNone CheckKind = iota
	// CheckCommand is Kbuild's if_changed: for Always edges the Always flag alone does not run the command;
	// it runs when phony, an output is missing, a non-phony input is newer, or the command line differs from
	// the saved record (or there is no record).
	CheckCommand
)

// String returns the kind's name.
func (k CheckKind) String() string {
	if k == CheckCommand {
		return "command"
	}
	return "none"
}

// Line is one shell line of a command, run as `/bin/sh -c Text`.
type Line struct {
	Text string
	// IgnoreError is make's `-` prefix: a non-zero exit does not stop the edge.
	IgnoreError bool
}

// Command is what a planned edge runs.
type Command struct {
	// Lines run in order in Dir with Env; the first failing line (not IgnoreError) fails the edge.
	Lines []Line
	// Func, when set, is run instead of Lines: a built-in Go step (writing a file, say). It must honour ctx.
	Func func(ctx context.Context, fs FS, stdout, stderr io.Writer) error
	// Console is ninja's console pool: the command uses the terminal itself (its Func writes there, not
	// to the buffers it is handed), so the builder runs one console command at a time.
	Console bool
	// Dir is the working directory ("" = the process's).
	Dir string
	// Env is the complete environment (nil = the process's).
	Env []string
	// Description is the quiet line, e.g. "  CC      kernel/fork.o"; empty prints nothing at V=0.
	Description string
	// Status is what a progress line shows while the command runs ("CC kernel/fork.o"); "" means the
	// first line of Description.
	Status string
	// Check is the dirty-check kind.
	Check CheckKind
	// Key is the command line compared with the saved Record (make's cmd-check: as whitespace-normalised
	// word sequences) and saved after success. It is the complete list of what influences the output
	// besides the inputs' contents: anything new that influences the output must be folded into Key.
	Key string
	// Depfile, when set, is a gcc -MD/-MMD make-format depfile the command writes; after success it is
	// parsed and its prerequisites are saved as the Record's Deps (the engine does not delete it).
	Depfile string
	// Why is for a CheckNone command whose Plan made Kbuild's checks itself (a recipe with several
	// if_changed, or one beside plain lines): the reason it found (ReasonCommandChanged with WhySaved,
	// the saved command line, or ReasonNoRecord), which dag reports instead of ReasonAlways.
	Why      Reason
	WhySaved string
	// Probe, when set, answers under DryRun whether running the command would change its outputs,
	// changing nothing itself (a generator whose output is compared with the file it would replace:
	// Kbuild's filechk). It is asked only when no input would be remade by the dry run, so what it
	// reads is what a real run would read; when it says unchanged, dependents stay clean, as a real
	// run's restat leaves them. Nil means the outputs would change.
	Probe func(ctx context.Context) (changed bool, err error)
}

// PlanContext is what an edge's Plan sees: all inputs are done when Plan is called.
type PlanContext struct {
	// Edge is the edge being planned.
	Edge *Edge
	// Newer is make's $?: the explicit and implicit inputs (never order-only) that are phony, were changed
	// by this build, are missing, or are newer than the oldest output; every input when an output is
	// missing. Order is input order.
	Newer []string
	// NewerFiles is Kbuild's newer-prereqs, $(filter-out $(PHONY),$?): Newer without phony inputs.
	NewerFiles []string
	// Reason is the dirty reason so far (mtime part only: ReasonPhony, ReasonMissing, ReasonNewer,
	// ReasonAlways, or ReasonNone when only Always caused the plan).
	Reason Reason
	// Record is the saved record of the primary output, loaded at scan time; valid if HasRecord (never for
	// Untracked or Phony edges).
	Record Record
	// HasRecord reports whether Records.Load found a record.
	HasRecord bool
	// DryRun reports whether the build only prints.
	DryRun bool
}

// ExpandContext is what an expander sees.
type ExpandContext struct {
	// Ctx is the build's context.
	Ctx context.Context
	// Graph is the live graph; use it to intern nodes for the new edges.
	Graph *Graph
	// Edge is the expander.
	Edge *Edge
	// DryRun reports whether the build only prints (expanders still run).
	DryRun bool
}

// NormalizeCommand returns s as make's cmd-check sees it: words separated by single spaces, no leading or
// trailing whitespace ($(strip) plus word comparison).
func NormalizeCommand(s string) string { return strings.Join(strings.Fields(s), " ") }

// CommandsEqual compares two command lines as make's cmd-check does: as word sequences.
func CommandsEqual(a, b string) bool { return NormalizeCommand(a) == NormalizeCommand(b) }

// KeyHash is the state log's hash of a command line: FNV-1a 64 of NormalizeCommand(s), and 0 for an empty
// command so that "no command saved" stays distinguishable. Any change here invalidates saved hashes, so
// the state log's version must change with it.
func KeyHash(s string) uint64 {
	n := NormalizeCommand(s)
	if n == "" {
		return 0
	}
	h := fnv.New64a()
	io.WriteString(h, n)
	if v := h.Sum64(); v != 0 {
		return v
	}
	return 1
}
