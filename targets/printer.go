package targets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/kbuild-go/kbuild-go/dag"
)

// printer is the one place build output goes through: a command's captured output is written whole when
// it finishes (so parallel commands never interleave), failures are reported the way make reports them.
type printer struct {
	mu   sync.Mutex
	out  io.Writer
	errw io.Writer
}

func (p *printer) Print(ev dag.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev.Kind {
	case dag.EventFinish:
		ev.Output.WriteTo(p.out, p.errw)
	case dag.EventFail:
		ev.Output.WriteTo(p.out, p.errw)
		var nr *NoRuleError
		var ie *InputError
		var be *BuildError
		// NoRuleError and InputError (a sub-make's makefile or -C DIR) are the build's own error, which
		// it ends with; a BuildError (a sub-build's, remaking a makefile) was reported where it happened.
		if ev.Err != nil && !errors.Is(ev.Err, context.Canceled) && !errors.As(ev.Err, &nr) && !errors.As(ev.Err, &ie) && !errors.As(ev.Err, &be) {
			fmt.Fprintf(p.errw, "kbuild-go: *** %v\n", ev.Err)
		}
	case dag.EventDryRun:
		if ev.Command != nil && ev.Command.Description != "" {
			fmt.Fprintln(p.out, ev.Command.Description)
		}
	}
}
