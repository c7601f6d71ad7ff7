package settings

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dirWith makes a directory holding the named (empty) source files.
func dirWith(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestParse(t *testing.T) {
	dir := dirWith(t, "bpf/core.bpf.c", "k.c")
	text := `# eBPF programs
bpf:
  programs:
    - source: bpf/core.bpf.c
    - name: kern
      source: k.c
      mode: kernel
      targets: [bpfel, bpfeb]
      flags: [-DX=1]
      include: [inc]
`
	f, err := Parse("kbuild.yaml", dir, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	ps := f.Bpf.Programs
	if len(ps) != 2 {
		t.Fatalf("programs: %+v", ps)
	}
	core, kern := ps[0], ps[1]
	if core.Name != "core" || core.Mode != ModeCORE || len(core.Targets) != 1 || core.Targets[0] != BPFEL ||
		core.Source != filepath.Join(dir, "bpf/core.bpf.c") || core.Line != 4 {
		t.Errorf("defaults: %+v", core)
	}
	if kern.Name != "kern" || kern.Mode != ModeKernel || len(kern.Targets) != 2 || kern.Flags[0] != "-DX=1" ||
		kern.Include[0] != filepath.Join(dir, "inc") || kern.Line != 5 {
		t.Errorf("kern: %+v", kern)
	}
}

// TestParseErrors: every bad input is an error at its line, as `kbuild.yaml:LINE: message`.
func TestParseDistcc(t *testing.T) {
	f, err := Parse("kbuild.yaml", t.TempDir(), []byte("distcc:\n  hosts: [127.0.0.2/4, \"b:3633\"]\n  io-timeout: 7\n"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Bpf != nil || f.Distcc == nil || f.Distcc.HostList() != "127.0.0.2/4 b:3633" || f.Distcc.IOTimeout != 7 {
		t.Fatalf("got %+v", f.Distcc)
	}
}

func TestParseErrors(t *testing.T) {
	dir := dirWith(t, "a.c", "b.c")
	for _, tc := range []struct {
		name, text string
		want       []string // each must appear; errors are joined by newlines
	}{
		{"unknown top-level key", "bpf:\n  programs:\n    - source: a.c\ndistcc2: {}\n", []string{`kbuild.yaml:4: unknown key "distcc2"`}},
		{"unknown program key", "bpf:\n  programs:\n    - source: a.c\n      flag: [-DX]\n", []string{`kbuild.yaml:4: unknown key "flag"`}},
		{"unknown section key", "bpf:\n  program:\n    - source: a.c\n", []string{`kbuild.yaml:2: unknown key "program"`}},
		{"targets not a list", "bpf:\n  programs:\n    - source: a.c\n      targets: 3\n", []string{"kbuild.yaml:4:"}},
		{"flags not strings", "bpf:\n  programs:\n    - source: a.c\n      flags: {a: 1}\n", []string{"kbuild.yaml:4:"}},
		{"programs not a list", "bpf:\n  programs: a.c\n", []string{"kbuild.yaml:2:"}},
		{"syntax", "bpf:\n  programs:\n  - source: [a.c\n", []string{"kbuild.yaml:"}},
		{"missing source file", "bpf:\n  programs:\n    - source: nosuch.c\n", []string{"kbuild.yaml:3: source " + filepath.Join(dir, "nosuch.c") + ": no such file or directory"}},
		{"source is a directory", "bpf:\n  programs:\n    - source: .\n", []string{"kbuild.yaml:3: source", "not a regular file"}},
		{"no source", "bpf:\n  programs:\n    - mode: core\n", []string{"kbuild.yaml:3: program without source:"}},
		{"no programs", "bpf:\n  programs: []\n", []string{"kbuild.yaml:2: bpf: no programs"}},
		{"several at once", "bpf:\n  programs:\n    - source: a.c\n      mode: fast\n      targets: [bpf, bpfel, bpfel]\n    - source: a.c\n",
			[]string{`kbuild.yaml:4: unknown mode "fast"`, `kbuild.yaml:5: unknown target "bpf"`, `kbuild.yaml:5: target "bpfel" is listed twice`,
				`kbuild.yaml:6: program name "a" is used twice (first at line 3)`}},
		{"bad name", "bpf:\n  programs:\n    - source: b.c\n      name: ../x\n", []string{`kbuild.yaml:4: program name "../x"`}},
		{"distcc unknown key", "distcc:\n  host: [a]\n", []string{`kbuild.yaml:2: unknown key "host"`}},
		{"distcc no hosts", "distcc:\n  hosts: []\n", []string{`kbuild.yaml:2: distcc: no hosts`}},
		{"distcc bad host", "distcc:\n  hosts:\n    - a/2\n    - me@b\n", []string{`kbuild.yaml:4: distcc hosts: "me@b": SSH hosts`}},
		{"distcc twice", "distcc:\n  hosts: [a/2, a/3]\n", []string{`kbuild.yaml:2: distcc hosts: a is listed twice`}},
		{"distcc timeout", "distcc:\n  hosts: [a]\n  io-timeout: -1\n", []string{`kbuild.yaml:3: distcc: io-timeout -1 is negative`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("kbuild.yaml", dir, []byte(tc.text))
			if err == nil {
				t.Fatal("no error")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("%T is not an ErrorList: %v", err, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not say %q", err, w)
				}
			}
		})
	}
}

// TestLoad: the file's own directory anchors relative paths, and a missing file is fs.ErrNotExist.
func TestLoad(t *testing.T) {
	dir := dirWith(t, "p/a.c")
	yml := filepath.Join(dir, "p", "kbuild.yaml")
	if err := os.WriteFile(yml, []byte("bpf:\n  programs:\n    - source: a.c\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	f, err := Load(yml)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Bpf.Programs[0].Source; got != filepath.Join(dir, "p", "a.c") {
		t.Errorf("source %s", got)
	}
	_, err = Load(filepath.Join(dir, "nosuch.yaml"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasSuffix(err.Error(), "nosuch.yaml: no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestLocate(t *testing.T) {
	for _, tc := range []struct {
		value, want string
		explicit    bool
	}{
		{"", "/start/kbuild.yaml", false},
		{"x/k.yaml", "/start/x/k.yaml", true},
		{"/abs/k.yaml", "/abs/k.yaml", true},
	} {
		got, explicit := Locate(tc.value, "/start")
		if got != tc.want || explicit != tc.explicit {
			t.Errorf("Locate(%q) = %s, %v; want %s, %v", tc.value, got, explicit, tc.want, tc.explicit)
		}
	}
}

func TestSelect(t *testing.T) {
	dir := dirWith(t, "a.c", "b.bpf.c", "x.bpf.c")
	f, err := Parse("kbuild.yaml", dir, []byte("bpf:\n  programs:\n    - source: a.c\n    - source: b.bpf.c\n"))
	if err != nil {
		t.Fatal(err)
	}
	names := func(ps []Program) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.Name+":"+string(p.Mode)+":"+string(p.Targets[len(p.Targets)-1]))
		}
		return strings.Join(s, ",")
	}
	for _, tc := range []struct {
		name string
		sec  *Bpf
		cl   CommandLine
		want string
		err  string
	}{
		{"all", f.Bpf, CommandLine{}, "a:core:bpfel,b:core:bpfel", ""},
		{"by name", f.Bpf, CommandLine{Progs: "b"}, "b:core:bpfel", ""},
		{"a file", f.Bpf, CommandLine{Progs: "a,x.bpf.c", Mode: "uapi", Targets: "bpfel,bpfeb"}, "a:core:bpfel,x:uapi:bpfeb", ""},
		{"a file without settings", nil, CommandLine{Progs: "x.bpf.c"}, "x:core:bpfel", ""},
		{"nothing", nil, CommandLine{}, "", "no programs to build"},
		{"unknown", f.Bpf, CommandLine{Progs: "nosuch"}, "", `BPF_PROGS: no such program or file "nosuch"`},
		{"bad mode", nil, CommandLine{Progs: "x.bpf.c", Mode: "fast"}, "", `BPF_MODE: unknown mode "fast"`},
		{"bad target", nil, CommandLine{Progs: "x.bpf.c", Targets: "bpf"}, "", `BPF_TARGETS: unknown target "bpf"`},
		{"twice", f.Bpf, CommandLine{Progs: "a,a.c"}, "", `program name "a" is used twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := Select(tc.sec, tc.cl, dir)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := names(ps); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
