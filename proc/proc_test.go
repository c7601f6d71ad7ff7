package proc

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestShellStreamsAndStatus(t *testing.T) {
	var o Output
	status, err := Shell(context.Background(), "", t.TempDir(), nil, "echo out; echo err >&2; exit 3", o.Stdout(), o.Stderr())
	if err != nil || status != (Status{Code: 3}) || status.Exit() != 3 || status.OK() {
		t.Fatalf("status %+v, err %v", status, err)
	}
	var stdout, stderr bytes.Buffer
	o.WriteTo(&stdout, &stderr)
	if stdout.String() != "out\n" || stderr.String() != "err\n" {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
	if o.Len() != 8 {
		t.Errorf("Len %d", o.Len())
	}
}

func TestOutputKeepsOrder(t *testing.T) {
	var o Output
	for _, w := range []struct {
		err  bool
		text string
	}{{false, "a"}, {true, "b"}, {true, "c"}, {false, "d"}} {
		s := o.Stdout()
		if w.err {
			s = o.Stderr()
		}
		s.Write([]byte(w.text))
	}
	if string(o.Bytes()) != "abcd" {
		t.Errorf("Bytes %q", o.Bytes())
	}
	var both bytes.Buffer
	o.WriteTo(&both, &both)
	if both.String() != "abcd" {
		t.Errorf("one terminal got %q", both.String())
	}
}

func TestSignalStatus(t *testing.T) {
	status, err := Shell(context.Background(), "", "", nil, "kill -TERM $$", nil, nil)
	if err != nil || status != (Status{Signal: syscall.SIGTERM}) || status.Exit() != 128+15 {
		t.Errorf("status %+v, err %v", status, err)
	}
	// A shell that exits 143 did not die by a signal: make tells the two apart ("Error 143" / "Terminated").
	status, err = Shell(context.Background(), "", "", nil, "exit 143", nil, nil)
	if err != nil || status != (Status{Code: 143}) {
		t.Errorf("status %+v, err %v", status, err)
	}
}

// A cancelled run stops the whole process group, a background grandchild included, within the grace
// period and without waiting for the pipe it holds.
func TestCancelStopsGroup(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var o Output
	cmd := exec.Command("/bin/sh", "-c", "trap '' INT; sleep 30 & echo started; wait")
	cmd.Stdout, cmd.Stderr = o.Stdout(), o.Stderr()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- RunGrace(ctx, cmd, 200*time.Millisecond) }()
	for !strings.Contains(string(o.Bytes()), "started") {
		if time.Since(start) > 10*time.Second {
			t.Fatal("the command did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want one wrapping context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancellation")
	}
	if time.Since(start) > 8*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
}

// Exec finds the program in env's PATH (not kbuild-go's own), as execvp does, and says why one cannot run
// in make's words.
func TestExec(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	os.Mkdir(bin, 0o777)
	os.WriteFile(filepath.Join(bin, "hello"), []byte("echo hello \"$@\"\n"), 0o755) // no #!: run by /bin/sh
	os.WriteFile(filepath.Join(bin, "noexec"), []byte("#!/bin/sh\n"), 0o644)
	env := []string{"PATH=" + bin + ":/bin:/usr/bin"}
	var out bytes.Buffer
	status, err := Exec(context.Background(), dir, env, []string{"hello", "a b"}, &out, &out)
	if err != nil || !status.OK() || out.String() != "hello a b\n" {
		t.Errorf("hello: %+v %v %q", status, err, out.String())
	}
	status, err = Exec(context.Background(), dir, env, []string{"sh", "-c", "kill -ABRT $$"}, nil, nil)
	if err != nil || status.Signal != syscall.SIGABRT {
		t.Errorf("abort: %+v %v", status, err)
	}
	for _, c := range []struct{ name, want string }{
		{"nonexist", "nonexist: No such file or directory"},
		{"noexec", "noexec: Permission denied"},
		{"./bin/noexec", "./bin/noexec: Permission denied"},
	} {
		_, err := Exec(context.Background(), dir, env, []string{c.name}, nil, nil)
		var ee *ExecError
		if !errors.As(err, &ee) || err.Error() != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// WithCPU adds the CPU time of every process run with the context: a busy shell loop, run twice, counts
// twice.
func TestCPU(t *testing.T) {
	var c CPU
	ctx := WithCPU(context.Background(), &c)
	loop := "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"
	if st, err := Shell(ctx, "", "", nil, loop, io.Discard, io.Discard); err != nil || !st.OK() {
		t.Fatal(st, err)
	}
	one := c.Total()
	if one <= 0 {
		t.Fatalf("CPU after a busy loop: %v", one)
	}
	if st, err := Exec(ctx, "", nil, []string{"sh", "-c", loop}, io.Discard, io.Discard); err != nil || !st.OK() {
		t.Fatal(st, err)
	}
	if c.Total() <= one {
		t.Errorf("CPU after two loops %v, after one %v", c.Total(), one)
	}
}
