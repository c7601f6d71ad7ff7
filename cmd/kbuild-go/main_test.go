package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes checks the documented exit codes and that bad input gives one clear line.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	if err := os.WriteFile(file, []byte("x"), 0o666); err != nil {
		t.Fatal(err)
	}
	kmini, _ := filepath.Abs("../../testdata/kernel-mini")
	pkgDir := filepath.Join(dir, "pkg")
	os.MkdirAll(pkgDir, 0o777)
	os.WriteFile(filepath.Join(pkgDir, "Makefile"), []byte("%pkg: FORCE\n\t@$(MAKE) -f package.mk $@\nFORCE:\n.PHONY: FORCE\n"), 0o666)
	os.WriteFile(filepath.Join(pkgDir, "package.mk"), []byte("tar-pkg:\n\t@echo $@\n"), 0o666)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown-option", []string{"--frobnicate"}, 2, "unrecognized option '--frobnicate'"},
		{"missing-tree", []string{"-C", filepath.Join(dir, "nope"), "vmlinux"}, 2, "nope: No such file or directory.  Stop."},
		{"O-under-file", []string{"-C", kmini, "O=" + filepath.Join(file, "out"), "defconfig"}, 2, "failed to create output directory"},
		{"help-flag", []string{"--help"}, 0, "Usage: kbuild-go"},
		{"no-rule", []string{"-C", pkgDir, "nosuch"}, 2, "No rule to make target 'nosuch'"},
		{"no-rule-in-sub-make", []string{"-C", pkgDir, "foo-pkg"}, 2, "No rule to make target 'foo-pkg'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, &out, &errb)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errb.String())
			}
			all := out.String() + errb.String()
			if !strings.Contains(all, tt.msg) {
				t.Errorf("output does not mention %q:\n%s", tt.msg, all)
			}
			if tt.code == 2 {
				// one clear line (plus, for usage errors, the usage line)
				if n := strings.Count(strings.TrimSpace(errb.String()), "\n"); n > 1 {
					t.Errorf("want one error line, got %d:\n%s", n+1, errb.String())
				}
			}
		})
	}
}
