// Package proc runs the processes of a build, one way for every caller: each in its own process group, so
// that a cancelled build (Ctrl-C) stops the whole pipeline a shell line started and not just the shell;
// SIGINT first, SIGKILL after a grace period, also to members of the group that outlive the leader (a
// compiler's cc1); and no waiting on a pipe a background grandchild keeps open after the leader exited.
//
// Output is a job's captured stdout and stderr, kept in the order they were written, so that a job's
// output is printed whole when it finishes (parallel jobs never interleave) and each stream still goes to
// where the user sent it.
package proc

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Grace is how long a cancelled process group has between SIGINT and SIGKILL.
const Grace = 2 * time.Second

// Start starts cmd in a process group of its own (stdin is whatever cmd has: nil is /dev/null).
func Start(cmd *exec.Cmd) error {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	// A background grandchild that keeps the output pipe open after the leader exited: stop reading after
	// WaitDelay rather than hang (make would not wait for it either).
	if cmd.WaitDelay == 0 {
		cmd.WaitDelay = Grace + time.Second
	}
	return cmd.Start()
}

// Run runs cmd (Start, then Wait) and stops its process group when ctx is cancelled: SIGINT, then SIGKILL
// after Grace. The error is cmd.Wait's (an *exec.ExitError for a non-zero exit), or one wrapping ctx.Err()
// when it was cancelled. A leader that succeeded while a background process held the pipe is a success.
func Run(ctx context.Context, cmd *exec.Cmd) error { return RunGrace(ctx, cmd, Grace) }

// RunGrace is Run with another grace period between SIGINT and SIGKILL.
func RunGrace(ctx context.Context, cmd *exec.Cmd, grace time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := Start(cmd); err != nil {
		return err
	}
	pgid := cmd.Process.Pid
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-stop:
			return
		case <-ctx.Done():
		}
		syscall.Kill(-pgid, syscall.SIGINT)
		t := time.NewTimer(grace)
		defer t.Stop()
		select {
		case <-stop:
		case <-t.C:
		}
		syscall.Kill(-pgid, syscall.SIGKILL)
	}()
	err := cmd.Wait()
	close(stop)
	wg.Wait()
	addCPU(ctx, cmd.ProcessState)
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil
	}
	if ctx.Err() != nil {
		return errors.Join(ctx.Err(), err)
	}
	return err
}

// CPU accumulates the CPU time (user and system) of the processes run with a context that carries it
// (WithCPU), their waited-for descendants included (wait4's accounting): a build engine gives each job its
// own, to tell how much of a job's wall time its processes computed.
type CPU struct{ ns atomic.Int64 }

// Total is the CPU time added so far.
func (c *CPU) Total() time.Duration { return time.Duration(c.ns.Load()) }

type cpuKey struct{}

// WithCPU returns a context whose processes' CPU time is added to c.
func WithCPU(ctx context.Context, c *CPU) context.Context { return context.WithValue(ctx, cpuKey{}, c) }

func addCPU(ctx context.Context, ps *os.ProcessState) {
	if c, ok := ctx.Value(cpuKey{}).(*CPU); ok && ps != nil {
		c.ns.Add(int64(ps.UserTime() + ps.SystemTime()))
	}
}

// Status is how a process ended: its exit code, or the signal that killed it.
type Status struct {
	Code   int            // the exit code; 0 when Signal is set
	Signal syscall.Signal // the signal that killed it, or 0
	Core   bool           // the signal dumped core
}

// OK reports a zero exit.
func (s Status) OK() bool { return s.Code == 0 && s.Signal == 0 }

// Exit is the status as a shell's $? has it: the exit code, or 128+N for a death by signal N (make's
// .SHELLSTATUS too).
func (s Status) Exit() int {
	if s.Signal != 0 {
		return 128 + int(s.Signal)
	}
	return s.Code
}

// Shell runs one line as make runs a recipe line (`/bin/sh -c line`, or shell if not empty) in dir with env,
// and returns how it ended. err is set only when the line could not run or was cancelled.
func Shell(ctx context.Context, shell, dir string, env []string, line string, stdout, stderr io.Writer) (Status, error) {
	if shell == "" {
		shell = "/bin/sh"
	}
	cmd := exec.Command(shell, "-c", line)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, stdout, stderr
	return ExitStatus(Run(ctx, cmd))
}

// Exec runs argv directly, without a shell (make's fast path for a recipe line the shell has nothing to do
// in), in dir with env, and returns how it ended. argv[0] is found as execvp finds it, in env's PATH; a
// program that cannot be run is an *ExecError.
func Exec(ctx context.Context, dir string, env []string, argv []string, stdout, stderr io.Writer) (Status, error) {
	cmd, err := execCommand(context.Background(), dir, env, argv)
	if err != nil {
		return Status{Code: -1}, err
	}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	return ExitStatus(startError(argv[0], Run(ctx, cmd)))
}

// ExecError is a program that could not be run: make's "prog: No such file or directory" (exit status 127).
type ExecError struct {
	Name string
	Err  syscall.Errno
}

func (e *ExecError) Error() string {
	text := e.Err.Error()
	return e.Name + ": " + strings.ToUpper(text[:1]) + text[1:]
}

// execCommand resolves argv[0] as execvp does, in the PATH of env: a name with a slash is itself; else
// the first executable file of that name in PATH's directories (an empty entry is the current directory),
// EACCES if one exists that is not executable and none is. A file without a #! line (ENOEXEC) runs with
// /bin/sh, as execvp runs it.
func execCommand(ctx context.Context, dir string, env []string, argv []string) (*exec.Cmd, error) {
	inDir := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	name := argv[0]
	path := name
	if !strings.Contains(name, "/") {
		search := "/bin:/usr/bin"
		for _, kv := range env {
			if v, ok := strings.CutPrefix(kv, "PATH="); ok {
				search = v
			}
		}
		path = ""
		errno := syscall.ENOENT
		for _, d := range strings.Split(search, ":") {
			if d == "" {
				d = "."
			}
			candidate := d + "/" + name
			st, err := os.Stat(inDir(candidate))
			if err != nil || st.IsDir() {
				continue
			}
			if syscall.Access(inDir(candidate), 1) != nil { // X_OK
				errno = syscall.EACCES
				continue
			}
			path = candidate
			break
		}
		if path == "" {
			return nil, &ExecError{Name: name, Err: errno}
		}
	}
	args := argv
	if syscall.Access(inDir(path), 1) == nil && isScriptWithoutInterpreter(inDir(path)) {
		path, args = "/bin/sh", append([]string{"sh", path}, argv[1:]...)
	}
	cmd := exec.CommandContext(ctx, path)
	cmd.Args, cmd.Dir, cmd.Env = args, dir, env
	return cmd, nil
}

// isScriptWithoutInterpreter reports a file the kernel refuses with ENOEXEC that execvp hands to /bin/sh:
// executable, neither ELF nor #!.
func isScriptWithoutInterpreter(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [4]byte
	n, _ := io.ReadFull(f, head[:])
	if n >= 2 && head[0] == '#' && head[1] == '!' {
		return false
	}
	return !(n == 4 && string(head[:]) == "\x7fELF")
}

// startError turns a failed start (exec.Cmd's *fs.PathError) into an *ExecError.
func startError(name string, err error) error {
	var pe *fs.PathError
	var errno syscall.Errno
	if errors.As(err, &pe) && errors.As(pe.Err, &errno) {
		return &ExecError{Name: name, Err: errno}
	}
	return err
}

// ExitStatus turns Run's error into how the process ended; an error that is not an exit (the program was
// not found, ctx was cancelled) is returned as it is, with Code -1.
func ExitStatus(err error) (Status, error) {
	if err == nil {
		return Status{}, nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return Status{Signal: ws.Signal(), Core: ws.CoreDump()}, nil
		}
		return Status{Code: ee.ExitCode()}, nil
	}
	return Status{Code: -1}, err
}

// Output is a job's captured output: what it wrote to its stdout and its stderr, in order. Safe for
// concurrent writes (a command's two pipes are copied by two goroutines). The zero value is ready to use.
type Output struct {
	mu     sync.Mutex
	chunks []chunk
}

type chunk struct {
	stderr bool
	data   []byte
}

// Stdout and Stderr are the writers to hand a command.
func (o *Output) Stdout() io.Writer { return stream{o, false} }
func (o *Output) Stderr() io.Writer { return stream{o, true} }

type stream struct {
	o      *Output
	stderr bool
}

func (s stream) Write(p []byte) (int, error) {
	s.o.mu.Lock()
	defer s.o.mu.Unlock()
	if n := len(s.o.chunks); n > 0 && s.o.chunks[n-1].stderr == s.stderr {
		s.o.chunks[n-1].data = append(s.o.chunks[n-1].data, p...)
	} else {
		s.o.chunks = append(s.o.chunks, chunk{s.stderr, append([]byte(nil), p...)})
	}
	return len(p), nil
}

// Bytes is everything written, both streams, in order.
func (o *Output) Bytes() []byte {
	if o == nil {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	var b []byte
	for _, c := range o.chunks {
		b = append(b, c.data...)
	}
	return b
}

// Len is the number of bytes written to both streams.
func (o *Output) Len() int {
	if o == nil {
		return 0
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, c := range o.chunks {
		n += len(c.data)
	}
	return n
}

// WriteTo writes what was captured to stdout and stderr, each chunk to its own stream, in order: on a
// terminal (both the same) the lines come out as the command wrote them; redirected, each goes where the
// user sent it, as with make.
func (o *Output) WriteTo(stdout, stderr io.Writer) {
	if o == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, c := range o.chunks {
		if c.stderr {
			stderr.Write(c.data)
		} else {
			stdout.Write(c.data)
		}
	}
}

// Attached runs one line as Shell does but on the terminal: with stdin, in kbuild-go's own process group
// (so a full-screen program such as menuconfig's mconf is in the terminal's foreground group and may read
// it; Ctrl-C reaches it from the terminal itself), its output written as it comes. On cancellation the
// shell gets SIGINT, then SIGKILL after Grace.
func Attached(ctx context.Context, shell, dir string, env []string, line string, stdin io.Reader, stdout, stderr io.Writer) (Status, error) {
	if shell == "" {
		shell = "/bin/sh"
	}
	cmd := exec.CommandContext(ctx, shell, "-c", line)
	cmd.Dir, cmd.Env, cmd.Stdin, cmd.Stdout, cmd.Stderr = dir, env, stdin, stdout, stderr
	return attached(ctx, cmd)
}

// AttachedExec is Attached for a line make runs without a shell (Exec).
func AttachedExec(ctx context.Context, dir string, env []string, argv []string, stdin io.Reader, stdout, stderr io.Writer) (Status, error) {
	cmd, err := execCommand(ctx, dir, env, argv)
	if err != nil {
		return Status{Code: -1}, err
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	st, err := attached(ctx, cmd)
	return st, startError(argv[0], err)
}

// attached runs a command made with exec.CommandContext(ctx, ...): cancelled, it gets SIGINT, then SIGKILL
// after Grace.
func attached(ctx context.Context, cmd *exec.Cmd) (Status, error) {
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = Grace
	err := cmd.Run()
	addCPU(ctx, cmd.ProcessState)
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil
	}
	if ctx.Err() != nil {
		return Status{Code: -1}, errors.Join(ctx.Err(), err)
	}
	return ExitStatus(err)
}
