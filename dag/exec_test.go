package dag

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestExecCancel is the real-process Ctrl-C test: a command has written part of its output and is
// sleeping when the build is cancelled; the process group is killed, the partial output deleted, and the
// error wraps context.Canceled.
func TestExecCancel(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "vmlinux")
	g := NewGraph()
	e := &Edge{Outputs: g.Nodes(out), Always: true}
	e.Plan = func(*PlanContext) (*Command, error) {
		return &Command{Check: CheckCommand, Key: "link", Dir: dir,
			Lines: []Line{{Text: "echo partial > vmlinux; sleep 30; echo done >> vmlinux"}}}, nil
	}
	g.AddEdge(e)
	after := &Edge{Outputs: g.Nodes(filepath.Join(dir, "bzImage")), Inputs: g.Nodes(out), Always: true}
	after.Plan = func(*PlanContext) (*Command, error) {
		return &Command{Lines: []Line{{Text: "touch bzImage"}}, Dir: dir}, nil
	}
	g.AddEdge(after)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type ret struct {
		err error
	}
	done := make(chan ret, 1)
	start := time.Now()
	go func() {
		_, err := Build(ctx, g, Config{Jobs: 2, Runner: ExecRunner{Grace: 300 * time.Millisecond}}, after.Outputs[0])
		done <- ret{err}
	}()
	for {
		if data, err := os.ReadFile(out); err == nil && strings.Contains(string(data), "partial") {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("command never wrote its partial output")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	var r ret
	select {
	case r = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("build did not stop after cancellation")
	}
	if !errors.Is(r.err, context.Canceled) {
		t.Fatalf("err = %v, want it to wrap context.Canceled", r.err)
	}
	if time.Since(start) > 8*time.Second {
		t.Errorf("took %v: sleep was not killed", time.Since(start))
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("partial output not deleted: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "bzImage")); !os.IsNotExist(err) {
		t.Errorf("dependent ran after cancellation: %v", err)
	}
}

func TestExecRunner(t *testing.T) {
	dir := t.TempDir()
	run := func(lines ...Line) (string, error) {
		// One comparable writer for stdout and stderr: exec then gives the child a single pipe, which
		// keeps the two streams in order.
		var b bytes.Buffer
		w := &lockedWriter{w: &b}
		err := ExecRunner{}.Run(context.Background(), &Job{Command: &Command{Lines: lines, Dir: dir,
			Env: []string{"PATH=" + os.Getenv("PATH"), "X=from-env"}}, Outputs: []string{"x"}, Stdout: w, Stderr: w})
		return b.String(), err
	}
	t.Run("output, dir and env", func(t *testing.T) {
		got, err := run(Line{Text: "echo $X; pwd; echo err >&2"})
		if err != nil || got != "from-env\n"+dir+"\nerr\n" {
			t.Errorf("got %q, %v", got, err)
		}
	})
	t.Run("failing line stops the edge", func(t *testing.T) {
		got, err := run(Line{Text: "exit 3"}, Line{Text: "echo not reached"})
		var le *LineError
		if !errors.As(err, &le) || le.Line != "exit 3" || strings.Contains(got, "not reached") {
			t.Errorf("got %q, %v", got, err)
		}
	})
	t.Run("ignore-error line continues", func(t *testing.T) {
		got, err := run(Line{Text: "exit 3", IgnoreError: true}, Line{Text: "echo reached"})
		if err != nil || !strings.Contains(got, "reached") {
			t.Errorf("got %q, %v", got, err)
		}
	})
}

// lockedWriter serialises writes from a command's stdout and stderr copiers into one buffer.
type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

// Write appends p under the lock.
func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
