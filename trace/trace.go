// Package trace records what a build did, for the people who wait for it: a Chrome trace-event file
// (one complete event per action, one lane per job slot; Perfetto and chrome://tracing open it) and a
// summary (the critical path and the slowest steps). A Recorder is a dag.Tracer; it knows nothing about
// kernels: what an action is called is its caller's Label.
package trace

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kbuild-go/kbuild-go/dag"
	"github.com/kbuild-go/kbuild-go/internal/atomicfile"
)

// Label names an action: Name is what the trace and the summary show (an output path, a sub-make),
// Category its kind ("command", "expand"), Detail the command line or anything else worth a look.
type Label struct {
	Name, Category, Detail string
}

// Recorder collects the actions of one or more builds of a run. The zero value is not usable: call New.
type Recorder struct {
	label  func(dag.Action) Label
	origin time.Time

	mu       sync.Mutex
	actions  []entry
	critical []entry
	slots    int
	notes    []string
}

type entry struct {
	Label
	slot       int
	start, dur time.Duration // since origin
	cpu        time.Duration
	failed     bool
}

// New returns a Recorder whose times count from now; label names each action (nil: the edge's own
// String and "command" or "expand").
func New(label func(dag.Action) Label) *Recorder {
	if label == nil {
		label = func(a dag.Action) Label {
			if a.Command == nil {
				return Label{Name: a.Edge.String(), Category: "expand"}
			}
			return Label{Name: a.Edge.String(), Category: "command", Detail: a.Command.Key}
		}
	}
	return &Recorder{label: label, origin: time.Now()}
}

func (r *Recorder) entry(a dag.Action) entry {
	return entry{Label: r.label(a), slot: a.Slot, start: a.Start.Sub(r.origin), dur: a.Duration, cpu: a.CPU, failed: a.Err != nil}
}

// Trace records one action (dag.Tracer).
func (r *Recorder) Trace(a dag.Action) {
	e := r.entry(a)
	r.mu.Lock()
	r.actions = append(r.actions, e)
	r.slots = max(r.slots, a.Slot+1)
	r.mu.Unlock()
}

// Critical records a build's critical path (dag.Result.Critical). The last one given is the summary's.
func (r *Recorder) Critical(path []dag.Action) {
	es := make([]entry, len(path))
	for i, a := range path {
		es[i] = r.entry(a)
	}
	r.mu.Lock()
	r.critical = es
	r.mu.Unlock()
}

// Note adds a label to the trace's process (Perfetto shows process labels next to its name): what a run
// decided about itself, such as the path it took to its graph.
func (r *Recorder) Note(label string) {
	r.mu.Lock()
	r.notes = append(r.notes, label)
	r.mu.Unlock()
}

// event is one Chrome trace event: "X" (complete, with a duration) for an action, "M" (metadata) for
// the names of the lanes. Times are microseconds.
type event struct {
	Name string            `json:"name"`
	Cat  string            `json:"cat,omitempty"`
	Ph   string            `json:"ph"`
	Ts   int64             `json:"ts"`
	Dur  *int64            `json:"dur,omitempty"`
	Pid  int               `json:"pid"`
	Tid  int               `json:"tid"`
	Args map[string]string `json:"args,omitempty"`
}

// WriteChrome writes the trace in Chrome's trace-event JSON object form, actions in start order.
func (r *Recorder) WriteChrome(w io.Writer) error {
	r.mu.Lock()
	actions := slices.Clone(r.actions)
	slots := r.slots
	notes := slices.Clone(r.notes)
	r.mu.Unlock()
	slices.SortStableFunc(actions, func(a, b entry) int { return cmp.Compare(a.start, b.start) })
	events := make([]event, 0, len(actions)+slots+1)
	events = append(events, event{Name: "process_name", Ph: "M", Pid: 1, Args: map[string]string{"name": "kbuild-go"}})
	if len(notes) > 0 {
		events = append(events, event{Name: "process_labels", Ph: "M", Pid: 1, Args: map[string]string{"labels": strings.Join(notes, ",")}})
	}
	for i := range slots {
		events = append(events, event{Name: "thread_name", Ph: "M", Pid: 1, Tid: i, Args: map[string]string{"name": fmt.Sprintf("job %d", i+1)}})
	}
	for _, a := range actions {
		dur := a.dur.Microseconds()
		ev := event{Name: a.Name, Cat: a.Category, Ph: "X", Ts: a.start.Microseconds(), Dur: &dur, Pid: 1, Tid: a.slot}
		if a.Detail != "" || a.failed || a.cpu > 0 {
			ev.Args = map[string]string{}
			if a.Detail != "" {
				ev.Args["detail"] = a.Detail
			}
			if a.cpu > 0 {
				ev.Args["cpu"] = secs(a.cpu)
			}
			if a.failed {
				ev.Args["failed"] = "true"
			}
		}
		events = append(events, ev)
	}
	data, err := json.Marshal(struct {
		TraceEvents     []event `json:"traceEvents"`
		DisplayTimeUnit string  `json:"displayTimeUnit"`
	}{events, "ms"})
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// WriteFile writes the Chrome trace to path atomically: an interrupted run leaves the previous trace or
// none, never half of one.
func (r *Recorder) WriteFile(path string) error {
	return atomicfile.Write(path, r.WriteChrome)
}

// WriteSummary writes the end-of-build summary: how many actions in how much time on how many slots and
// how busy they were, the critical path step by step, and the n slowest steps.
func (r *Recorder) WriteSummary(w io.Writer, n int) error {
	r.mu.Lock()
	actions := slices.Clone(r.actions)
	critical := slices.Clone(r.critical)
	slots := r.slots
	notes := slices.Clone(r.notes)
	r.mu.Unlock()
	var b strings.Builder
	var busy, end, cpu time.Duration
	commands := 0
	for _, a := range actions {
		busy += a.dur
		cpu += a.cpu
		end = max(end, a.start+a.dur)
		if a.Category != "expand" {
			commands++
		}
	}
	fmt.Fprintf(&b, "summary: %d actions (%d commands, %d expansions) in %s", len(actions), commands, len(actions)-commands, secs(end))
	if slots > 0 && end > 0 {
		fmt.Fprintf(&b, " on %d job slots, %.0f%% busy", slots, 100*float64(busy)/float64(end)/float64(slots))
	}
	b.WriteString("\n")
	for _, n := range notes {
		fmt.Fprintf(&b, "%s\n", n)
	}
	if cpu > 0 && end > 0 && slots > 0 {
		// How much of what the slots could have computed the commands' processes did compute.
		fmt.Fprintf(&b, "commands' CPU: %s, %.0f%% of %d slots over %s\n", secs(cpu), 100*float64(cpu)/float64(end)/float64(slots), slots, secs(end))
	}
	var path time.Duration
	for _, a := range critical {
		path += a.dur
	}
	fmt.Fprintf(&b, "critical path: %d steps, %s of work\n", len(critical), secs(path))
	for _, a := range critical {
		fmt.Fprintf(&b, "  %8s  %-7s %s\n", secs(a.dur), a.Category, a.Name)
	}
	slices.SortStableFunc(actions, func(a, b entry) int { return cmp.Compare(b.dur, a.dur) })
	if len(actions) > n {
		actions = actions[:n]
	}
	fmt.Fprintf(&b, "slowest steps:\n")
	for _, a := range actions {
		fmt.Fprintf(&b, "  %8s  %-7s %s\n", secs(a.dur), a.Category, a.Name)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// secs renders a duration in seconds with millisecond precision ("1.234s").
func secs(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }
