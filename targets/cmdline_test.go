package targets

import (
	"slices"
	"testing"

	"github.com/kbuild-go/kbuild-go/cli"
)

func TestCmdVars(t *testing.T) {
	c := cmdVars{"O=out", "V=1"}.with("O=other").withVars([]cli.Var{{Name: "ARCH", Value: "arm64"}, {Name: "X", Value: "a b", Simple: true}})
	if want := (cmdVars{"V=1", "O=other", "ARCH=arm64", "X:=a b"}); !slices.Equal(c, want) {
		t.Fatalf("with: %q, want %q", c, want)
	}
	for name, want := range map[string]string{"O": "other", "X": "a b", "V": "1", "CC": ""} {
		if got := c.value(name); got != want {
			t.Errorf("value(%s) = %q, want %q", name, got, want)
		}
	}
	if got, want := c.forChild(), (cmdVars{"X:=a b", "ARCH=arm64", "O=other", "V=1"}); !slices.Equal(got, want) {
		t.Errorf("forChild: %q, want %q", got, want)
	}
	for mf, want := range map[string]cmdVars{
		"rRs -I/src --no-print-directory -- A=b\\ c O=x": {"A=b c", "O=x"},
		" -- V=1": {"V=1"},
		"-- V=1":  {"V=1"},
		"ks":      nil,
	} {
		if got := overridesOf(mf); !slices.Equal(got, want) {
			t.Errorf("overridesOf(%q) = %q, want %q", mf, got, want)
		}
	}
	e := environ{"KBUILD_OUTPUT=/o", "EMPTY="}
	if lookup(cmdVars{"O=x"}, e, "O", "d") != "x" || lookup(nil, e, "KBUILD_OUTPUT", "d") != "/o" ||
		lookup(nil, e, "EMPTY", "d") != "" || lookup(nil, e, "NONE", "d") != "d" {
		t.Error("lookup: command line, then environment (set but empty counts), then the default")
	}
}

// A parent's MAKEFLAGS in any of make's forms gives the child's switches.
func TestInheritMakeflags(t *testing.T) {
	for mf, want := range map[string]cli.Invocation{
		"ks --no-print-directory -- V=1":  {KeepGoing: true, Silent: true, NoPrintDirectory: true},
		"rRs -I/src --no-print-directory": {Silent: true, NoPrintDirectory: true},
		"Bnw":                             {AlwaysMake: true, DryRun: true, PrintDirectory: true},
		" -- s=1":                         {},
		"s -k":                            {Silent: true, KeepGoing: true},
	} {
		var inv cli.Invocation
		inheritMakeflags(&inv, []string{"MAKEFLAGS=" + mf})
		if inv.KeepGoing != want.KeepGoing || inv.Silent != want.Silent || inv.DryRun != want.DryRun ||
			inv.AlwaysMake != want.AlwaysMake || inv.PrintDirectory != want.PrintDirectory || inv.NoPrintDirectory != want.NoPrintDirectory {
			t.Errorf("MAKEFLAGS=%q: %+v", mf, inv)
		}
	}
}
