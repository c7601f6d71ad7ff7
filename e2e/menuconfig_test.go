package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestMenuconfig is issue 9's front-end test: `kbuild-go menuconfig` on the 6.1 tree runs the tree's own
// mconf (built as a host program by scripts/kconfig/Makefile, conf still never built) on a terminal, here
// tmux's. Keys enable one symbol (64-bit kernel) and save; the .config must be byte-equal to what GNU
// make's olddefconfig (the tree's real conf) writes after the same one-symbol edit of the same start.
func TestMenuconfig(t *testing.T) {
	e := setup(t, "6.1")
	for _, tool := range []string{"tmux", "pkg-config"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found (make deps installs it)", tool)
		}
	}
	root := t.TempDir()
	a, b := filepath.Join(root, "A"), filepath.Join(root, "B")
	e.kbuild(a, "tinyconfig")
	start, err := os.ReadFile(filepath.Join(a, ".config"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(start, []byte("# CONFIG_64BIT is not set\n")) {
		t.Fatal("tinyconfig has CONFIG_64BIT set; the test enables it")
	}

	// menuconfig in a detached tmux session, with make masked, on the pane's terminal (its output is the
	// screen); the script leaves its exit status behind.
	session := "kbuild-go-menuconfig-" + filepath.Base(root)
	status := filepath.Join(root, "status")
	script := filepath.Join(root, "run.sh")
	os.WriteFile(script, []byte("#!/bin/sh\nexport PATH='"+e.masked+"'\n'"+e.kbuildgo+"' -C '"+e.src+"' O='"+a+
		"' menuconfig\necho $? > '"+status+"'\nsleep 60\n"), 0o755)
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", script)
	defer exec.Command("tmux", "kill-session", "-t", session).Run()
	screen := func() string { return tmux("capture-pane", "-p", "-t", session) }
	waitFor := func(what string, d time.Duration) string {
		deadline := time.Now().Add(d)
		for {
			s := screen()
			if strings.Contains(s, what) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("no %q on the screen after %v:\n%s", what, d, s)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	// Building mconf takes seconds; then the main menu.
	waitFor("[ ] 64-bit kernel", 180*time.Second)
	tmux("send-keys", "-t", session, "Down")
	time.Sleep(300 * time.Millisecond)
	tmux("send-keys", "-t", session, "y")
	waitFor("[*] 64-bit kernel", 10*time.Second)
	tmux("send-keys", "-t", session, "Escape")
	time.Sleep(300 * time.Millisecond)
	tmux("send-keys", "-t", session, "Escape")
	waitFor("Do you wish to save your new configuration?", 10*time.Second)
	tmux("send-keys", "-t", session, "Enter")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if s, err := os.ReadFile(status); err == nil && len(s) > 0 {
			if strings.TrimSpace(string(s)) != "0" {
				t.Fatalf("kbuild-go menuconfig exited %s:\n%s", s, screen())
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("menuconfig did not exit:\n%s", screen())
		}
		time.Sleep(200 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(a, "scripts/kconfig/mconf")); err != nil {
		t.Errorf("the tree's mconf was not built: %v", err)
	}
	if _, err := os.Stat(filepath.Join(a, "scripts/kconfig/conf")); err == nil {
		t.Errorf("kbuild-go built scripts/kconfig/conf")
	}

	// The reference: the same start, the one line edited, conf's olddefconfig through GNU make.
	os.MkdirAll(b, 0o777)
	edited := bytes.Replace(start, []byte("# CONFIG_64BIT is not set\n"), []byte("CONFIG_64BIT=y\n"), 1)
	os.WriteFile(filepath.Join(b, ".config"), edited, 0o666)
	e.make(b, "olddefconfig")
	compareFiles(t, filepath.Join(a, ".config"), filepath.Join(b, ".config"))
}

// TestGUIConfigFrontEnds: xconfig and gconfig run as the tree wrote them: scripts/kconfig/Makefile builds
// the tree's qconf (C++ against Qt 5, its moc step included) and gconf (GTK 2 and libglade) as host
// programs, with make masked, and starts them; with no display they stop there, as under make (qconf
// aborts: "could not connect to display"; gconf: "cannot open display"). qtbase5-dev, libgtk2.0-dev and
// libglade2-dev are in make deps.
func TestGUIConfigFrontEnds(t *testing.T) {
	e := setup(t, "6.1")
	requireTools(t, "pkg-config", "g++")
	t.Setenv("DISPLAY", "")
	t.Setenv("QT_QPA_PLATFORM", "xcb")
	o := filepath.Join(t.TempDir(), "O")
	e.kbuild(o, "tinyconfig")
	// How each stops is make's report of its recipe line: qconf dies by SIGABRT, gconf exits 1.
	for _, fe := range []struct{ goal, prog, says, ends string }{
		{"xconfig", "qconf", "could not connect to display", `\] Aborted( \(core dumped\))?$`},
		{"gconfig", "gconf", "cannot open display", `\] Error 1$`},
	} {
		t.Run(fe.goal, func(t *testing.T) {
			out, err := runPinned(t.Logf, e.masked, e.kbuildgo, "-C", e.src, "O="+o, fe.goal)
			if err == nil {
				t.Fatalf("%s without a display succeeded:\n%s", fe.goal, out)
			}
			for _, want := range []string{"HOSTLD  scripts/kconfig/" + fe.prog, fe.says} {
				if !strings.Contains(out, want) {
					t.Errorf("%s: no %q in its output:\n%s", fe.goal, want, out)
				}
			}
			end := regexp.MustCompile(`(?m)^kbuild-go: \*\*\* \[\S*scripts/kconfig/Makefile:\d+: ` + fe.goal + fe.ends)
			if !end.MatchString(out) {
				t.Errorf("%s: no line matching %s in its output:\n%s", fe.goal, end, out)
			}
			if _, err := os.Stat(filepath.Join(o, "scripts/kconfig", fe.prog)); err != nil {
				t.Errorf("%s was not built: %v", fe.prog, err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(o, "scripts/kconfig/conf")); err == nil {
		t.Error("kbuild-go built scripts/kconfig/conf")
	}
}
