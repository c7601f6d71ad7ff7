package cmdfile_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kbuild-go/kbuild-go/cmdfile"
	"github.com/kbuild-go/kbuild-go/makelang"
)

// Read agrees with the make evaluator on real .cmd files (Linux 6.1 defconfig's, written by make and by
// kbuild-go alike): the saved command as $(prefix_target) expands, the deps as $(deps_target) expands in a
// directory where some CONFIG touch files exist and some do not.
func TestReadAgreesWithMake(t *testing.T) {
	files, _ := filepath.Glob("testdata/linux-*/*")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			r, err := cmdfile.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			// Every other $(wildcard) entry exists.
			for i, d := range r.Deps {
				if d.IfExists && i%2 == 0 {
					os.MkdirAll(filepath.Join(dir, filepath.Dir(d.Path)), 0o777)
					os.WriteFile(filepath.Join(dir, d.Path), nil, 0o666)
				}
			}
			os.WriteFile(filepath.Join(dir, "x.cmd"), data, 0o666)
			s := makelang.NewScope(makelang.Options{Dir: dir, Output: func(makelang.Stream, string) {}})
			if err := s.EvalString("prelude", "pound := \\#\n"); err != nil {
				t.Fatal(err)
			}
			if err := s.EvalFile(filepath.Join(dir, "x.cmd")); err != nil {
				t.Fatal(err)
			}
			cmd, err := s.Var(r.Prefix + r.Target)
			if err != nil || cmd != r.Command {
				t.Errorf("command:\n make %q (%v)\n read %q", cmd, err, r.Command)
			}
			// Every prerequisite make gives the target: deps_target and the lines Kbuild appends.
			var want []string
			if tg, err := s.Resolve(r.Target); err == nil {
				for _, p := range tg.PrereqNames {
					if !slices.Contains(want, p) { // as $^ has them: once each
						want = append(want, p)
					}
				}
			}
			var got []string
			for _, d := range r.Deps {
				if _, err := os.Stat(filepath.Join(dir, d.Path)); (!d.IfExists || err == nil) && !slices.Contains(got, d.Path) {
					got = append(got, d.Path)
				}
			}
			if !slices.Equal(got, want) {
				i := 0
				for i < len(want) && i < len(got) && want[i] == got[i] {
					i++
				}
				t.Errorf("deps: make %d, read %d, first difference at %d: make %q, read %q", len(want), len(got), i, want[i:min(i+3, len(want))], got[i:min(i+3, len(got))])
			}
		})
	}
}
