package kconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTree writes files (name → content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, dir string, env ...string) (*Config, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errb bytes.Buffer
	c, err := Load(Options{ObjTree: dir, Env: append([]string{"srctree=."}, env...), Stdout: &out, Stderr: &errb})
	if err != nil {
		t.Fatalf("Load: %v\n%s", err, errb.String())
	}
	return c, &out, &errb
}

func wantValues(t *testing.T, c *Config, want map[string]string) {
	t.Helper()
	for name, w := range want {
		got, ok := c.Value(name)
		if !ok || got != w {
			t.Errorf("%s = %q (found %v), want %q", name, got, ok, w)
		}
	}
}

const evalKconfig = `
config MODULES
	bool "modules"
	modules
config A
	bool "A"
config T
	tristate "T"
	depends on A
config SEL
	tristate "sel"
	select FORCED
config FORCED
	tristate
config WEAK
	tristate "weak"
config IMP
	tristate "imp"
	imply WEAK
choice
	prompt "choice"
	default C2
config C1
	bool "c1"
config C2
	bool "c2"
endchoice
config N
	int "n"
	range 2 8
	default 20
config DEFY
	def_bool y if A
`

func TestEvaluation(t *testing.T) {
	tests := []struct {
		target string
		want   map[string]string
	}{
		{"allnoconfig", map[string]string{"A": "n", "T": "n", "FORCED": "n", "C2": "y", "C1": "n", "N": "8", "DEFY": "n"}},
		{"allyesconfig", map[string]string{"A": "y", "T": "y", "SEL": "y", "FORCED": "y", "WEAK": "y", "C2": "y", "DEFY": "y"}},
		{"allmodconfig", map[string]string{"MODULES": "y", "T": "m", "SEL": "m", "FORCED": "m", "IMP": "m", "WEAK": "m"}},
		{"alldefconfig", map[string]string{"A": "n", "WEAK": "n", "C2": "y", "N": "8"}},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"Kconfig": evalKconfig})
			c, _, _ := load(t, dir)
			if err := c.Run(tc.target, ""); err != nil {
				t.Fatal(err)
			}
			wantValues(t, c, tc.want)
		})
	}
}

// Without MODULES=y a tristate answer m becomes y (sym_get_type).
func TestNoModulesMakesTristateBool(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"Kconfig": evalKconfig,
		".config": "# CONFIG_MODULES is not set\nCONFIG_A=y\nCONFIG_T=m\n",
	})
	c, _, _ := load(t, dir)
	if err := c.Run("olddefconfig", ""); err != nil {
		t.Fatal(err)
	}
	wantValues(t, c, map[string]string{"T": "y"})
	b, _ := os.ReadFile(filepath.Join(dir, ".config"))
	if !strings.Contains(string(b), "CONFIG_T=y\n") {
		t.Errorf(".config lacks CONFIG_T=y:\n%s", b)
	}
}

func TestUnmetDependencyWarning(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": `
config DEP
	bool "dep"
config TARGET
	bool "target"
	depends on DEP
config SEL
	def_bool y
	select TARGET
`})
	c, _, errb := load(t, dir)
	if err := c.Run("allnoconfig", ""); err != nil {
		t.Fatal(err)
	}
	want := "\nWARNING: unmet direct dependencies detected for TARGET\n" +
		"  Depends on [n]: DEP [=n]\n" +
		"  Selected by [y]:\n" +
		"  - SEL [=y]\n"
	if !strings.Contains(errb.String(), want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", errb.String(), want)
	}
	wantValues(t, c, map[string]string{"TARGET": "y"})
}

func TestIdempotentWrite(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": evalKconfig})
	c, out, _ := load(t, dir)
	if err := c.Run("allyesconfig", ""); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(filepath.Join(dir, ".config"))
	out.Reset()
	if err := c.Run("olddefconfig", ""); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(filepath.Join(dir, ".config"))
	if !bytes.Equal(first, second) {
		t.Errorf("olddefconfig changed .config:\n%s\n---\n%s", first, second)
	}
	if got := out.String(); got != "#\n# No change to .config\n#\n" {
		t.Errorf("stdout = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".config.old")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf(".config.old should not exist after an unchanged write: %v", err)
	}
}

func TestSyncconfigTouchesChangedSymbolsOnly(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": evalKconfig, ".config": "CONFIG_A=y\n"})
	c, _, _ := load(t, dir)
	for _, target := range []string{"olddefconfig", "syncconfig"} {
		if err := c.Run(target, ""); err != nil {
			t.Fatal(err)
		}
	}
	cfgDir := filepath.Join(dir, "include/config")
	old := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	ents, _ := os.ReadDir(cfgDir)
	for _, e := range ents {
		os.Chtimes(filepath.Join(cfgDir, e.Name()), old, old)
	}
	if err := os.WriteFile(filepath.Join(dir, ".config"), []byte("CONFIG_A=y\nCONFIG_T=y\nCONFIG_N=3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := c.Run("syncconfig", ""); err != nil {
		t.Fatal(err)
	}
	var touched []string
	ents, _ = os.ReadDir(cfgDir)
	for _, e := range ents {
		info, _ := e.Info()
		if info.ModTime().After(old.Add(time.Hour)) && !strings.HasPrefix(e.Name(), "auto.conf") {
			touched = append(touched, e.Name())
		}
	}
	if got := strings.Join(touched, " "); got != "N T" {
		t.Errorf("touched %q, want \"N T\"", got)
	}
	ac, _ := os.ReadFile(filepath.Join(dir, "include/config/auto.conf"))
	if !strings.Contains(string(ac), "CONFIG_T=y\n") || !strings.Contains(string(ac), "CONFIG_N=3\n") {
		t.Errorf("auto.conf:\n%s", ac)
	}
}

func TestParseErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": "config A\n\tbool \"a\"\n\tbogus\nendmenu\n"})
	var errb bytes.Buffer
	_, err := Load(Options{ObjTree: dir, Stderr: &errb})
	var ke *Error
	if !errors.As(err, &ke) {
		t.Fatalf("err = %v, want *Error", err)
	}
	want := "Kconfig:4: syntax error\nKconfig:3: unknown statement \"bogus\"\nKconfig:4: invalid statement\n"
	if errb.String() != want {
		t.Errorf("stderr = %q, want %q", errb.String(), want)
	}
}

func TestRecursiveDependency(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": "config A\n\tbool \"a\"\n\tdepends on B\nconfig B\n\tbool \"b\"\n\tdepends on A\n"})
	var errb bytes.Buffer
	_, err := Load(Options{ObjTree: dir, Stderr: &errb})
	if err == nil {
		t.Fatal("Load accepted a dependency loop")
	}
	for _, want := range []string{
		// B's hash bucket comes first, so conf starts there.
		"Kconfig:4:error: recursive dependency detected!\n" +
			"Kconfig:4:\tsymbol B depends on A\n" +
			"Kconfig:1:\tsymbol A depends on B\n",
	} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb.String())
		}
	}
}

func TestMacrosAndShellHook(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": `
greet = hello-$(1)
x := $(shell,probe one)
$(info,$(greet,world) $(x) $(FOO))
config S
	string "s"
	default "$(x)-$(BAR)"
`})
	var calls []string
	var out bytes.Buffer
	c, err := Load(Options{
		ObjTree: dir, Env: []string{"FOO=foo", "BAR=bar"}, Stdout: &out,
		Shell: func(cmd string, env []string, d string, _ io.Writer) ([]byte, error) {
			calls = append(calls, cmd)
			return []byte("line1\nline2\n\n"), nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(calls, ";"); got != "probe one" {
		t.Errorf("shell calls %q", got)
	}
	if got := out.String(); got != "hello-world line1 line2 foo\n" {
		t.Errorf("info printed %q", got)
	}
	if got := strings.Join(c.EnvUsed(), " "); got != "FOO=foo BAR=bar" {
		t.Errorf("EnvUsed = %q", got)
	}
	if err := c.Run("olddefconfig", ""); err != nil {
		t.Fatal(err)
	}
	wantValues(t, c, map[string]string{"S": "line1 line2-bar"})
}

func TestMacroError(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": "x := y\n$(error-if,$(x),stop here)\n"})
	var errb bytes.Buffer
	_, err := Load(Options{ObjTree: dir, Stderr: &errb})
	if err == nil || errb.String() != "Kconfig:2: stop here\n" {
		t.Errorf("err %v, stderr %q", err, errb.String())
	}
}

func TestUnknownTarget(t *testing.T) {
	dir := writeTree(t, map[string]string{"Kconfig": "config A\n\tbool \"a\"\n"})
	c, _, _ := load(t, dir)
	if err := c.Run("bogusconfig", ""); err == nil {
		t.Error("Run accepted an unknown target")
	}
}

// Example shows the integrator's calls: Load once, Run a target.
func Example() {
	dir, _ := os.MkdirTemp("", "kconfig-example")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "Kconfig"), []byte(`mainmenu "Example $(ARCH) Configuration"
config FOO
	bool "foo"
	default y
menu "Drivers"
config BAR
	tristate "bar"
	depends on FOO
endmenu
`), 0o644)
	c, err := Load(Options{ObjTree: dir, Env: []string{"ARCH=demo"}, Stdout: os.Stdout})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := c.Run("olddefconfig", ""); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(filepath.Join(dir, ".config"))
	fmt.Print(string(b))
	// Output:
	// #
	// # configuration written to .config
	// #
	// #
	// # Automatically generated file; DO NOT EDIT.
	// # Example demo Configuration
	// #
	// CONFIG_FOO=y
	//
	// #
	// # Drivers
	// #
	// # CONFIG_BAR is not set
	// # end of Drivers
}

// TestRecursiveThroughUndefinedSymbol: a cycle through a symbol that is referenced but never defined
// ("config A / depends on B / select B") crashes conf (it dereferences B's missing property); kbuild-go
// reports it at a location of the cycle. Found by FuzzKconfig.
func TestRecursiveThroughUndefinedSymbol(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Kconfig"), []byte("config A\n\tbool \"a\"\n\tdepends on B\n\tselect B\n"), 0o644)
	var out bytes.Buffer
	_, err := Load(Options{ObjTree: dir, Env: []string{"srctree=."}, Stdout: &out, Stderr: &out})
	if err == nil {
		t.Fatalf("Load accepted a recursive dependency:\n%s", out.String())
	}
	for _, want := range []string{"Kconfig:1:error: recursive dependency detected!\n", "symbol B is selected by A\n",
		"symbol A depends on B\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, out.String())
		}
	}
}

// TestSourceAtEndOfFileRecursion: `source "X` as the unterminated last line of a file sources X after the
// file has ended; sourcing the file itself, or a file that sources it back the same way, is recursive
// inclusion, not an endless loop (conf crashes on it). Found by FuzzKconfig.
func TestSourceAtEndOfFileRecursion(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"self":  {"Kconfig": `source "Kconfig`},
		"cycle": {"Kconfig": `source "B`, "B": "config X\n\tbool\nsource \"Kconfig"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for f, text := range files {
				os.WriteFile(filepath.Join(dir, f), []byte(text), 0o644)
			}
			done := make(chan error, 1)
			go func() {
				var out bytes.Buffer
				_, err := Load(Options{ObjTree: dir, Env: []string{"srctree=."}, Stdout: &out, Stderr: &out})
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), "Recursive inclusion detected.") {
					t.Errorf("Load: %v, want recursive inclusion", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Load loops")
			}
		})
	}
}
