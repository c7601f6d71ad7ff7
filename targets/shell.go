package targets

import (
	"context"
	"fmt"
	"io"

	"github.com/kbuild-go/kbuild-go/proc"
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
	return proc.Shell(ctx, "", dir, env, line, stdout, stderr)
}
