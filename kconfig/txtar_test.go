package kconfig

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kbuild-go/kbuild-go/internal/kernelsrc"
)

// archive is a minimal txtar reader: a comment, then "-- name --" sections.
type archive struct {
	comment string
	files   []archiveFile
}

type archiveFile struct {
	name string
	data string
}

func readArchive(t testing.TB, path string) archive {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var a archive
	var cur *archiveFile
	for _, line := range strings.SplitAfter(string(b), "\n") {
		trim := strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(trim, "-- ") && strings.HasSuffix(trim, " --") && len(trim) > 6 {
			a.files = append(a.files, archiveFile{name: trim[3 : len(trim)-3]})
			cur = &a.files[len(a.files)-1]
			continue
		}
		if cur == nil {
			a.comment += line
		} else {
			cur.data += line
		}
	}
	return a
}

func (a archive) header(key string) string {
	for _, l := range strings.Split(a.comment, "\n") {
		if v, ok := strings.CutPrefix(l, key+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func (a archive) extract(t *testing.T, dir string) {
	t.Helper()
	for _, f := range a.files {
		p := filepath.Join(dir, f.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot returns every regular file under dir with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(b)
		return nil
	})
	return out
}

func diffSnapshots(t *testing.T, ref, got map[string]string) {
	t.Helper()
	var names []string
	for n := range ref {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := ref[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		a, ina := ref[n]
		b, inb := got[n]
		switch {
		case !ina:
			t.Errorf("%s: written by kconfig, not by conf", n)
		case !inb:
			t.Errorf("%s: written by conf, not by kconfig", n)
		case a != b:
			t.Errorf("%s differs:\n--- conf\n%s\n--- kconfig\n%s", n, a, b)
		}
	}
}

// confArgs maps a Run target to conf's command line, as
// scripts/kconfig/Makefile does.
func confArgs(target, arg string) []string {
	switch target {
	case "defconfig", "savedefconfig":
		return []string{"--" + target + "=" + arg, "Kconfig"}
	case "config":
		return []string{"Kconfig"}
	}
	return []string{"--" + target, "Kconfig"}
}

func caseEnv() []string {
	return []string{"PATH=" + os.Getenv("PATH"), "srctree=.", "ARCH=x86_64", "SRCARCH=x86", "MYVAR=from env", "SUBDIR=sub", "KCONFIG_SEED=0x2a"}
}

// refCommands is what make runs for target in scripts/kconfig/Makefile, with
// srctree ".": conf once, or for tinyconfig and "%.config" also
// merge_config.sh.
func refCommands(rf reference, target, arg string) []*exec.Cmd {
	conf := rf.conf
	fragment := func(name string) []*exec.Cmd {
		args := []string{filepath.Join(rf.tree, "scripts/kconfig/merge_config.sh"), "-m", ".config"}
		for _, f := range []string{"./kernel/configs/" + name, "./arch/x86/configs/" + name} {
			args = append(args, f)
		}
		return []*exec.Cmd{exec.Command("sh", args...), exec.Command(conf, "--olddefconfig", "Kconfig")}
	}
	switch {
	case target == "tinyconfig":
		cmd := exec.Command(conf, "--allnoconfig", "Kconfig")
		cmd.Env = []string{"KCONFIG_ALLCONFIG=kernel/configs/tiny-base.config"}
		return append([]*exec.Cmd{cmd}, fragment("tiny.config")...)
	case strings.HasSuffix(target, ".config"):
		return fragment(target)
	}
	return []*exec.Cmd{exec.Command(conf, confArgs(target, arg)...)}
}

// TestCasesAgainstConf runs every testdata/cases/*.txtar through the C conf
// of each reference tree and through Run in that tree's dialect, target by
// target, each from the archive's files, and compares exit status, stdout,
// stderr and every file in the tree. A "versions:" header names the
// reference trees a case is for (default: all), as a case in one
// Kconfig syntax may not parse in another's.
func TestCasesAgainstConf(t *testing.T) {
	for _, version := range kernelsrc.Versions {
		t.Run(version, func(t *testing.T) { casesAgainstConf(t, buildRef(t, version)) })
	}
}

func casesAgainstConf(t *testing.T, rf reference) {
	dialect, err := DetectDialect(rf.tree)
	if err != nil {
		t.Fatal(err)
	}
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	for _, cf := range cases {
		a := readArchive(t, cf)
		name := strings.TrimSuffix(filepath.Base(cf), ".txtar")
		if vs := a.header("versions"); vs != "" && !slices.Contains(strings.Fields(vs), rf.version) {
			continue
		}
		// A target "a+b" runs a, then b, in the same tree.
		for _, chain := range strings.Fields(a.header("targets")) {
			t.Run(name+"/"+chain, func(t *testing.T) {
				ref, got := t.TempDir(), t.TempDir()
				a.extract(t, ref)
				a.extract(t, got)
				var rout, rerr, gout, gerr bytes.Buffer
				for _, tg := range strings.Split(chain, "+") {
					target, arg, _ := strings.Cut(tg, "=")
					ageTree(t, ref)
					ageTree(t, got)
					if target == "cp" {
						// cp=FILE replaces .config with an archive file.
						for _, dir := range []string{ref, got} {
							b, err := os.ReadFile(filepath.Join(dir, arg))
							if err != nil {
								t.Fatal(err)
							}
							if err := os.WriteFile(filepath.Join(dir, ".config"), b, 0o644); err != nil {
								t.Fatal(err)
							}
						}
						continue
					}
					stdin := ""
					for _, f := range a.files {
						if f.name == "stdin" {
							stdin = f.data
						}
					}
					var refErr error
					for _, cmd := range refCommands(rf, target, arg) {
						if refErr != nil {
							break
						}
						cmd.Dir = ref
						cmd.Env = append(caseEnv(), cmd.Env...)
						cmd.Stdout, cmd.Stderr = &rout, &rerr
						cmd.Stdin = strings.NewReader(stdin)
						// conf loops forever on some inputs (an invalid
						// default at end of input); do not hang the test.
						timer := time.AfterFunc(30*time.Second, func() { cmd.Process.Kill() })
						refErr = cmd.Run()
						timer.Stop()
					}

					c, err := Load(Options{ObjTree: got, Env: caseEnv(), Stdout: &gout, Stderr: &gerr, Stdin: strings.NewReader(stdin), Dialect: &dialect})
					if err == nil {
						err = c.Run(target, arg)
					}
					if (refErr == nil) != (err == nil) {
						t.Errorf("%s: conf error %v, kconfig error %v", target, refErr, err)
					}
				}
				if rout.String() != gout.String() {
					t.Errorf("stdout differs:\n--- conf\n%s--- kconfig\n%s", rout.String(), gout.String())
				}
				if rerr.String() != gerr.String() {
					t.Errorf("stderr differs:\n--- conf\n%s--- kconfig\n%s", rerr.String(), gerr.String())
				}
				diffSnapshots(t, snapshot(t, ref), snapshot(t, got))
				if a, b := strings.Join(touched(t, ref), " "), strings.Join(touched(t, got), " "); a != b {
					t.Errorf("files written by the last step differ:\n  conf:    %s\n  kconfig: %s", a, b)
				}
			})
		}
	}
}

var oldTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// ageTree sets every file's mtime to 2000-01-01, so that touched can tell
// which files the next step wrote.
func ageTree(t *testing.T, dir string) {
	t.Helper()
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			err = os.Chtimes(p, oldTime, oldTime)
		}
		return err
	})
}

func touched(t *testing.T, dir string) []string {
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && info.ModTime().After(oldTime.Add(time.Hour)) {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return err
	})
	sort.Strings(out)
	return out
}
