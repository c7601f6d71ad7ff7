package targets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kbuild-go/kbuild-go/makelang"
	"github.com/kbuild-go/kbuild-go/proc"
)

// ShellError is a recipe line that failed; it is what make reports as
// "make[2]: *** [file:line: target] Error N", or with the signal's description ("Aborted (core dumped)")
// when the line died by a signal.
type ShellError struct {
	Target string
	Pos    string // file:line of the recipe line, if known
	Status proc.Status
}

func (e *ShellError) Error() string {
	at := e.Target
	if e.Pos != "" {
		at = e.Pos + ": " + e.Target
	}
	return fmt.Sprintf("[%s] %s", at, describe(e.Status))
}

// describe says how a recipe line ended as make's child_error does: "Error N" for an exit code, strsignal's
// text for a signal. Go's signal names are glibc's with a lower-case first letter.
func describe(s proc.Status) string {
	if s.Signal == 0 {
		return fmt.Sprintf("Error %d", s.Code)
	}
	text := s.Signal.String()
	if text != "" {
		text = strings.ToUpper(text[:1]) + text[1:]
	}
	if s.Core {
		text += " (core dumped)"
	}
	return text
}

// runShell runs one recipe line as make does (`/bin/sh -c line`) in its own process group, so that a
// cancelled build (Ctrl-C) can stop the whole pipeline the line started, not just the shell.
func runShell(ctx context.Context, dir string, env []string, line string, stdout, stderr io.Writer) (proc.Status, error) {
	return proc.Shell(ctx, "", dir, env, line, stdout, stderr)
}

// runLine runs one recipe line as make does: the program directly when make's fast path applies (nothing
// in the line for a shell: makelang.CommandArgv), else `/bin/sh -c line`; on the terminal when stdin is set
// (a console recipe). A program that cannot be started is make's "prog: No such file or directory" on
// stderr and exit status 127.
func runLine(ctx context.Context, dir string, env []string, line string, stdin io.Reader, stdout, stderr io.Writer) (proc.Status, error) {
	argv, direct := makelang.CommandArgv(line)
	if direct && len(argv) == 0 {
		return proc.Status{}, nil // a blank line runs nothing
	}
	var status proc.Status
	var err error
	switch {
	case direct && stdin != nil:
		status, err = proc.AttachedExec(ctx, dir, env, argv, stdin, stdout, stderr)
	case direct:
		status, err = proc.Exec(ctx, dir, env, argv, stdout, stderr)
	case stdin != nil:
		status, err = proc.Attached(ctx, "", dir, env, line, stdin, stdout, stderr)
	default:
		status, err = runShell(ctx, dir, env, line, stdout, stderr)
	}
	var ee *proc.ExecError
	if errors.As(err, &ee) {
		fmt.Fprintf(stderr, "kbuild-go: %v\n", ee)
		return proc.Status{Code: 127}, nil
	}
	return status, err
}
