package cli

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want Invocation
	}{
		{"make-words", []string{"-C", "linux", "O=out", "-j8", "bzImage"},
			Invocation{Dir: "linux", Jobs: 8, JobsSet: true, Vars: []Var{{Name: "O", Value: "out"}}, Targets: []string{"bzImage"}}},
		{"attached-C-and-cluster", []string{"-Clinux", "-kns", "V=1", "vmlinux", "modules"},
			Invocation{Dir: "linux", KeepGoing: true, DryRun: true, Silent: true, Vars: []Var{{Name: "V", Value: "1"}}, Targets: []string{"vmlinux", "modules"}}},
		{"j-next-word", []string{"-j", "3", "all"}, Invocation{Jobs: 3, JobsSet: true, Targets: []string{"all"}}},
		{"long-forms", []string{"--directory=src", "--jobs=2", "--keep-going", "--dry-run"},
			Invocation{Dir: "src", Jobs: 2, JobsSet: true, KeepGoing: true, DryRun: true}},
		{"relative-C", []string{"-C", "a", "-C", "b"}, Invocation{Dir: "a/b"}},
		{"sub-build", []string{"-f", "./scripts/Makefile.build", "obj=init", "init/version-timestamp.o"},
			Invocation{Makefiles: []string{"./scripts/Makefile.build"}, Vars: []Var{{Name: "obj", Value: "init"}}, Targets: []string{"init/version-timestamp.o"}}},
		{"var-forms", []string{"KCFLAGS=-O2 -g", "X:=1", "EMPTY=", "a=b=c"},
			Invocation{Vars: []Var{{Name: "KCFLAGS", Value: "-O2 -g"}, {Name: "X", Value: "1", Simple: true}, {Name: "EMPTY"}, {Name: "a", Value: "b=c"}}}},
		{"not-a-var", []string{"=x", "a b=c"}, Invocation{Targets: []string{"=x", "a b=c"}}},
		{"double-dash", []string{"--", "-x", "V=2"}, Invocation{Targets: []string{"-x"}, Vars: []Var{{Name: "V", Value: "2"}}}},
		{"trace-and-summary", []string{"--trace", "t.json", "--summary", "--trace=out/trace", "vmlinux"},
			Invocation{TraceFile: "out/trace", Summary: true, Targets: []string{"vmlinux"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want.JobsSet {
				tt.want.Jobs = got.Jobs // the CPU-count default is the machine's
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.args, *got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, args := range [][]string{{"-x"}, {"--frobnicate"}, {"-C"}, {"-j", "0"}, {"--jobs=x"}, {"-f"},
		// make's --trace takes no file: `--trace vmlinux` is make's words, not a trace file named vmlinux.
		{"--trace"}, {"--trace", "vmlinux"}, {"--trace", "V=1"}} {
		_, err := Parse(args)
		if err == nil || !IsUsage(err) {
			t.Errorf("Parse(%q) = %v, want a usage error", args, err)
		}
	}
}

func TestLookupLastWins(t *testing.T) {
	inv, err := Parse([]string{"O=a", "O=b"})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := inv.Lookup("O"); v != "b" {
		t.Errorf("O = %q, want b", v)
	}
}
