package dag

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"sync"
	"time"

	"github.com/kbuild-go/kbuild-go/proc"
)

// Job is one command handed to a Runner.
type Job struct {
	Edge    *Edge
	Command *Command
	// Outputs are the edge's output paths.
	Outputs []string
	// Stdout and Stderr receive the command's output; the builder hands it to the Printer when the job
	// finishes, so outputs of parallel jobs never interleave.
	Stdout, Stderr io.Writer
}

// Runner runs a Command's shell lines (Func commands are run by the builder itself). When ctx is
// cancelled it must stop the command and return an error wrapping ctx.Err().
type Runner interface {
	Run(ctx context.Context, j *Job) error
}

// LineError is a shell line that exited non-zero.
type LineError struct {
	Line string
	Err  error
}

// Error names the exit status and the line.
func (e *LineError) Error() string { return fmt.Sprintf("command failed: %v: %s", e.Err, e.Line) }

// Unwrap returns the process error (an *exec.ExitError, or a context error on cancellation).
func (e *LineError) Unwrap() error { return e.Err }

// ExecRunner runs each line as `/bin/sh -c line` in its own process group. On cancellation the whole
// group gets SIGINT (what a terminal's Ctrl-C delivers, so compilers clean up as usual), then SIGKILL
// after Grace.
type ExecRunner struct {
	// Shell is the shell to run lines with; "" means /bin/sh.
	Shell string
	// Grace is how long to wait after SIGINT before SIGKILL; 0 means 2 s.
	Grace time.Duration
}

// Run implements Runner.
func (r ExecRunner) Run(ctx context.Context, j *Job) error {
	shell := r.Shell
	if shell == "" {
		shell = "/bin/sh"
	}
	grace := r.Grace
	if grace <= 0 {
		grace = 2 * time.Second
	}
	for _, l := range j.Command.Lines {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := runLine(ctx, shell, grace, j.Command, l.Text, j.Stdout, j.Stderr)
		if err == nil {
			continue
		}
		if ctx.Err() != nil {
			return &LineError{Line: l.Text, Err: errors.Join(ctx.Err(), err)}
		}
		var exit *exec.ExitError
		if l.IgnoreError && errors.As(err, &exit) {
			fmt.Fprintf(j.Stderr, "(ignored) %v\n", err)
			continue
		}
		return &LineError{Line: l.Text, Err: err}
	}
	return nil
}

func runLine(ctx context.Context, shell string, grace time.Duration, c *Command, line string, stdout, stderr io.Writer) error {
	// Stdin is /dev/null and the command runs in its own process group, so the terminal's Ctrl-C reaches
	// only kbuild-go, which cancels ctx and forwards SIGINT to the group.
	cmd := exec.Command(shell, "-c", line)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = c.Dir, c.Env, stdout, stderr
	return proc.RunGrace(ctx, cmd, grace)
}

// FakeRunner is ninja's FakeCommandRunner: it runs nothing, records each job, and by default "writes"
// every output of a non-phony job into FS at the fake clock's current time. Hook, when set, replaces that
// default for the jobs it wants (return handled=false to fall back to it), so a test can fail a command,
// write a depfile, or leave an output untouched for restat. Safe for concurrent use.
type FakeRunner struct {
	FS   *MemFS
	Hook func(j *Job, fs *MemFS) (handled bool, err error)

	mu  sync.Mutex
	ran []string
}

// Run implements Runner.
func (f *FakeRunner) Run(ctx context.Context, j *Job) error {
	f.mu.Lock()
	f.ran = append(f.ran, j.Outputs[0])
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.Hook != nil {
		handled, err := f.Hook(j, f.FS)
		if handled || err != nil {
			return err
		}
	}
	if j.Edge != nil && j.Edge.Phony {
		return nil
	}
	for _, o := range j.Outputs {
		if err := f.FS.WriteFile(o, []byte(j.Command.Key)); err != nil {
			return err
		}
	}
	return nil
}

// Ran returns the primary outputs of the jobs run so far, in order, and forgets them.
func (f *FakeRunner) Ran() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.ran
	f.ran = nil
	return r
}
