package targets

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kbuild-go/kbuild-go/distcc"
	"github.com/kbuild-go/kbuild-go/proc"
)

// A dispatcher sends the target tree's compiles to distcc hosts (issue 11) and keeps everything else on
// this machine: each shell step holds a local slot while it runs, except a compile that got a remote
// slot. The remote part of a compile step is its compiler command alone (step.offload): distcc's
// client runs it in plain mode (preprocessing here, so the depfile is the local one), and the objtool
// and fixdep work of the same step stays here. The step's text, and so the .cmd file, is not changed:
// the client is put in front of it only when it runs. A remote attempt that fails with one of distcc's
// own exit codes (no host, refused, timed out, lost) puts the host aside for a while and runs the step
// here; one that fails with the compiler's status runs here too, so errors read as make's do.
type dispatcher struct {
	pool   *distcc.Pool
	client string // the distcc program
	// local holds a token per shell step running on this machine.
	local chan struct{}
	// timeout is DISTCC_IO_TIMEOUT for the client: kbuild-go's default is shorter than distcc's 300 s,
	// so a stopped host does not hold a compile for minutes.
	timeout string

	remote, here, retried atomic.Int64
	mu                    sync.Mutex
	why                   map[string]int // the first line of each failure the client printed, counted
}

// distccIOTimeout is the client's I/O timeout when DISTCC_IO_TIMEOUT is not set.
const distccIOTimeout = "20"

// newDispatcher makes a dispatcher for hosts with localSlots shell steps at once on this machine and the
// client's I/O timeout (seconds; "" for kbuild-go's default), or says why it cannot (no distcc client on
// PATH).
func newDispatcher(hosts []distcc.Host, localSlots int, env environ, timeout string) (*dispatcher, error) {
	client := lookPathIn("distcc", env.get("PATH"))
	if client == "" {
		return nil, fmt.Errorf("DISTCC_HOSTS is set, but there is no distcc client on PATH (Debian's distcc package)")
	}
	if localSlots < 1 {
		localSlots = runtime.NumCPU()
	}
	if timeout == "" {
		timeout = distccIOTimeout
	}
	return &dispatcher{pool: distcc.NewPool(hosts), client: client, local: make(chan struct{}, localSlots), timeout: timeout,
		why: map[string]int{}}, nil
}

// distccExit reports whether an exit status is one of the client's own (distcc's exitcode.h: 100
// EXIT_DISTCC_FAILED to 118 EXIT_TIMEOUT), not the compiler's.
func distccExit(code int) bool { return code >= 100 && code <= 118 }

// run runs one shell step: a compile on a host when one has a free slot, anything else here. A compile
// that finds every host busy takes whichever frees first, a local slot or a remote one.
func (dp *dispatcher) run(ctx context.Context, dir string, env []string, s step, stdout, stderr io.Writer) (proc.Status, error) {
	text := shellText(s.text)
	if s.offload > 0 {
		for {
			freed := dp.pool.Freed()
			if slot := dp.pool.TryAcquire(); slot != nil {
				status, ok, err := dp.runRemote(ctx, dir, env, s, text, slot, stdout, stderr)
				if ok || ctx.Err() != nil {
					return status, err
				}
				break // it failed there: here, as make would run it
			}
			select {
			case dp.local <- struct{}{}:
				return dp.runHere(ctx, dir, env, s, text, stdout, stderr)
			case <-freed:
			case <-ctx.Done():
				return proc.Status{}, ctx.Err()
			}
		}
	}
	select {
	case dp.local <- struct{}{}:
	case <-ctx.Done():
		return proc.Status{}, ctx.Err()
	}
	return dp.runHere(ctx, dir, env, s, text, stdout, stderr)
}

// runHere runs a step on this machine, holding the local slot it was given.
func (dp *dispatcher) runHere(ctx context.Context, dir string, env []string, s step, text string, stdout, stderr io.Writer) (proc.Status, error) {
	defer func() { <-dp.local }()
	if s.offload > 0 {
		dp.here.Add(1)
	}
	return runLine(ctx, dir, env, text, nil, stdout, stderr)
}

// runRemote runs a compile step with distcc's client in front of its compiler, on slot's host; ok is
// false when it did not succeed there (the host's fault or the compiler's: the caller runs it here).
func (dp *dispatcher) runRemote(ctx context.Context, dir string, env []string, s step, text string, slot *distcc.Slot, stdout, stderr io.Writer) (proc.Status, bool, error) {
	var out, errb bytes.Buffer
	remote := text[:s.offload] + shellQuote(dp.client) + " " + text[s.offload:]
	h := slot.Host()
	renv := append(append([]string(nil), env...), "DISTCC_HOSTS="+h.Spec, "DISTCC_FALLBACK=0",
		"DISTCC_SKIP_LOCAL_RETRY=1", "DISTCC_IO_TIMEOUT="+dp.timeout)
	status, err := runShell(ctx, dir, renv, remote, &out, &errb)
	if err == nil && status.OK() {
		slot.Done(distcc.Ran)
		dp.remote.Add(1)
		stdout.Write(out.Bytes())
		stderr.Write(errb.Bytes())
		return status, true, nil
	}
	switch {
	case ctx.Err() != nil:
		slot.Done(distcc.Abandoned)
		return status, false, ctx.Err()
	case err == nil && distccExit(status.Code):
		slot.Done(distcc.Fault)
	default:
		slot.Done(distcc.Failed)
	}
	dp.note(h.Name, status, errb.String())
	dp.retried.Add(1)
	return status, false, nil
}

var clientPID = regexp.MustCompile(`\bdistcc\[[0-9]+\]`)

// note counts a failed remote attempt by host and the client's first line about it.
func (dp *dispatcher) note(host string, status proc.Status, stderr string) {
	first, _, _ := strings.Cut(strings.TrimSpace(stderr), "\n")
	// "distcc[2583] (dcc_readx) ERROR: ...": the same failure from every client process, counted once.
	first = clientPID.ReplaceAllString(first, "distcc")
	dp.mu.Lock()
	dp.why[fmt.Sprintf("%s: exit %d: %s", host, status.Code, first)]++
	dp.mu.Unlock()
}

// summary is what the end of the build says about where compiles ran.
func (dp *dispatcher) summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "distcc: %d compiles on hosts, %d here", dp.remote.Load(), dp.here.Load())
	if n := dp.retried.Load(); n > 0 {
		fmt.Fprintf(&b, " (%d of them after a failed remote attempt)", n)
	}
	for _, c := range dp.pool.Counts() {
		fmt.Fprintf(&b, "\n  on %s: %d compiles", c.Host, c.OK)
		if c.Faults > 0 {
			fmt.Fprintf(&b, ", %d attempts it could not take", c.Faults)
		}
		if c.Failed > 0 {
			fmt.Fprintf(&b, ", %d that failed there", c.Failed)
		}
	}
	// Why remote attempts failed, the most frequent first (the client's first line about it).
	dp.mu.Lock()
	var why []string
	for w := range dp.why {
		why = append(why, w)
	}
	sort.Slice(why, func(i, j int) bool {
		if dp.why[why[i]] != dp.why[why[j]] {
			return dp.why[why[i]] > dp.why[why[j]]
		}
		return why[i] < why[j]
	})
	for i, w := range why {
		if i == 3 {
			break
		}
		fmt.Fprintf(&b, "\n  failed %d times: %s", dp.why[w], w)
	}
	dp.mu.Unlock()
	return b.String()
}

// where is the progress line's short form: "40 remote".
func (dp *dispatcher) where() string { return fmt.Sprintf("%d remote", dp.remote.Load()) }

// lookPathIn finds an executable in the directories of path ("" or no such program: "").
func lookPathIn(name, path string) string {
	for _, d := range filepath.SplitList(path) {
		if d == "" {
			d = "."
		}
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}
