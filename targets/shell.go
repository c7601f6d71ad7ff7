package targets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"syscall"
	"time"
)

// ShellError is a recipe line that exited non-zero; it is what make reports as
// "make[2]: *** [file:line: target] Error N".
type ShellError struct {
	Target string
	Pos    string // file:line of the recipe line, if known
	Status int
}

func (e *ShellError) Error() string {
	if e.Pos != "" {
		return fmt.Sprintf("[%s: %s] Error %d", e.Pos, e.Target, e.Status)
	}
	return fmt.Sprintf("[%s] Error %d", e.Target, e.Status)
}

// runShell runs one recipe line as make does (`/bin/sh -c line`) in its own process group, so that a
// cancelled build (Ctrl-C) can stop the whole pipeline the line started, not just the shell.
func runShell(ctx context.Context, dir string, env []string, line string, stdout, stderr io.Writer) (int, error) {
	cmd := exec.Command("/bin/sh", "-c", line)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return -1, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return exitStatus(err)
	case <-ctx.Done():
		pgid := cmd.Process.Pid
		_ = syscall.Kill(-pgid, syscall.SIGINT)
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-done
		}
		return -1, ctx.Err()
	}
}

func exitStatus(err error) (int, error) {
	if err == nil {
		return 0, nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal()), nil
		}
		return ee.ExitCode(), nil
	}
	return -1, err
}
