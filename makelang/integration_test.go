package makelang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKbuildIntegrationFindings pins behaviours of GNU make 4.3 that building kernel-mini and the real
// 6.1 tree with kbuild-go depended on (each was wrong once). The expected values are what GNU make prints
// for the same input.
func TestKbuildIntegrationFindings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, text string
		opts       Options
		vars       map[string]string
	}{
		{name: "define-collapses-backslash-newline",
			text: "define sed-offsets\n\t's:^a:\\1:; \\\n\t/^->/{p;}'\nendef\nx := $(sed-offsets)\n",
			vars: map[string]string{"x": "\t's:^a:\\1:; /^->/{p;}'"}},
		{name: "continuation-at-end-of-file",
			text: "a-y := \\\n\tb.o \\\n",
			vars: map[string]string{"a-y": "b.o "}},
		{name: "environment-variable-stays-exported-after-append",
			text: "FOO += bar\nenv := $(filter FOO=%,$(EXPORTED))\n",
			opts: Options{Env: []string{"FOO=env"}}},
		{name: "makecmdgoals-drops-leading-dot-slash",
			text: "g := $(MAKECMDGOALS)\n",
			opts: Options{Goals: []string{"./kernel/fork.o"}},
			vars: map[string]string{"g": "kernel/fork.o"}},
		{name: "builtin-variables-unless-R",
			text: "cc := $(CC) $(origin CC)\n",
			vars: map[string]string{"cc": "cc default"}},
		{name: "no-builtin-variables-with-R",
			text: "cc := $(origin CC)\n",
			opts: Options{MakeFlags: "rR"},
			vars: map[string]string{"cc": "undefined"}},
		{name: "include-dir-from-makeflags",
			text: "-include sub/Kbuild\n",
			opts: Options{MakeFlags: "rR --include-dir=" + filepath.Join(dir, "srctree")},
			vars: map[string]string{"from-kbuild": "yes"}},
		{name: "wildcard-sees-only-the-disk",
			text: "w := $(wildcard made-by-a-rule.o)\n",
			opts: Options{Exists: func(string) bool { return true }},
			vars: map[string]string{"w": ""}},
	}
	write("srctree/sub/Kbuild", "from-kbuild := yes\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Dir = dir
			s := NewScope(opts)
			if err := s.EvalString("test.mk", tt.text); err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.vars {
				if got, _ := s.Var(name); got != want {
					t.Errorf("$(%s) = %q, want %q", name, got, want)
				}
			}
			if tt.name == "environment-variable-stays-exported-after-append" {
				found := false
				for _, e := range s.Environ() {
					found = found || e == "FOO=env bar"
				}
				if !found {
					t.Errorf("FOO=env bar not in the recipe environment: %q", strings.Join(s.Environ(), " "))
				}
			}
		})
	}
}
