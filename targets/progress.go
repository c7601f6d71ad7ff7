package targets

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"github.com/kbuild-go/kbuild-go/dag"
)

// statusLine is the progress line on a terminal: `[done/total] CC kernel/fork.o` at the bottom, redrawn
// as the build goes, with everything else (the quiet lines make prints, warnings, errors) scrolling above
// it. Every write to the terminal goes through it (Stdout and Stderr), so a line never lands in the middle
// of the status; a console command (menuconfig) has the terminal to itself. The total grows while
// sub-makes are still to be entered, and the line shows that with a '+'.
type statusLine struct {
	mu      sync.Mutex
	tty     *os.File
	prog    dag.Progress
	running []runningCmd // in start order; the line shows the latest
	names   *actionNames
	shown   bool // the status line is on the screen
	paused  bool // a console command owns the terminal
	// known is the total a cached graph's record says the build has (0: not known): shown from the
	// start, without the "+" of a total that sub-makes will grow.
	known int
	// where, when set, says where compiles ran (distcc dispatch: "40 remote"), after the counts.
	where func() string
}

// knowTotal sets the total the build will have (a cached graph's).
func (s *statusLine) knowTotal(n int) {
	s.mu.Lock()
	s.known = n
	s.mu.Unlock()
}

// newStatusLine returns a status line for f if f is a terminal, else nil.
func newStatusLine(f *os.File, env []string, names *actionNames) *statusLine {
	if f == nil || environ(env).get("TERM") == "dumb" {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &statusLine{tty: f, names: names}
}

// width is the terminal's width in columns (80 when it does not say).
func (s *statusLine) width() int {
	var ws struct{ row, col, x, y uint16 }
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, s.tty.Fd(), syscall.TIOCGWINSZ, uintptr(unsafe.Pointer(&ws))); e == 0 && ws.col > 0 {
		return int(ws.col)
	}
	return 80
}

// clear removes the status line from the screen; mu is held.
func (s *statusLine) clear() {
	if s.shown {
		io.WriteString(s.tty, "\r\x1b[K")
		s.shown = false
	}
}

// draw puts the status line on the screen; mu is held.
func (s *statusLine) draw() {
	if s.paused || s.prog.Total == 0 {
		return
	}
	total := fmt.Sprint(s.prog.Total)
	if s.known >= s.prog.Total {
		total = fmt.Sprint(s.known)
	} else if s.prog.Growing {
		total += "+"
	}
	line := fmt.Sprintf("[%d/%s]", s.prog.Done, total)
	if s.where != nil {
		line = fmt.Sprintf("[%d/%s, %s]", s.prog.Done, total, s.where())
	}
	if n := len(s.running); n > 0 {
		line += " " + s.running[n-1].text
	}
	if w := s.width() - 1; len(line) > w && w > 0 {
		line = line[:w]
	}
	io.WriteString(s.tty, "\r\x1b[K"+line)
	s.shown = true
}

// Progress takes dag's counts (dag.Config.Progress).
func (s *statusLine) Progress(p dag.Progress) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prog = p
	s.draw()
}

// started notes what a command that starts is doing: its quiet line ("CC      kernel/fork.o", spaces
// folded), else the target it makes. A console command pauses the line.
func (s *statusLine) started(e *dag.Edge, c *dag.Command) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.Console {
		s.clear()
		s.paused = true
		return
	}
	text := c.Status
	if text == "" {
		text = s.names.name(e)
	}
	s.running = append(s.running, runningCmd{e, strings.Join(strings.Fields(text), " ")})
	s.draw()
}

type runningCmd struct {
	e    *dag.Edge
	text string
}

// finished takes a command off the line (and resumes it after a console command).
func (s *statusLine) finished(e *dag.Edge, c *dag.Command) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = slices.DeleteFunc(s.running, func(r runningCmd) bool { return r.e == e })
	if c != nil && c.Console {
		s.paused = false
	}
}

// done takes the line off the screen for good: the terminal keeps make's lines only.
func (s *statusLine) done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clear()
	s.paused = true
}

// writer is one of the terminal's streams, written around the status line.
type statusWriter struct {
	s *statusLine
	w io.Writer
}

func (w statusWriter) Write(p []byte) (int, error) {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	w.s.clear()
	n, err := w.w.Write(p)
	if len(p) > 0 && p[len(p)-1] == '\n' {
		w.s.draw()
	}
	return n, err
}

// terminal is the stream under a status line's writer (an *os.File on a terminal), for a console command,
// which must be handed the terminal itself: through a pipe a configurator would not see a tty.
func terminal(w io.Writer) io.Writer {
	if sw, ok := w.(statusWriter); ok {
		return sw.w
	}
	return w
}

// progressPrinter tells the status line what starts and ends, then prints as the printer does.
type progressPrinter struct {
	dag.Printer
	s *statusLine
}

func (p progressPrinter) Print(ev dag.Event) {
	switch ev.Kind {
	case dag.EventStart:
		p.s.started(ev.Edge, ev.Command)
	case dag.EventFinish, dag.EventFail:
		p.s.finished(ev.Edge, ev.Command)
	}
	p.Printer.Print(ev)
}
