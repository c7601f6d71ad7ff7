package toolchain

import (
	"context"
	"os/exec"
	"testing"
)

// TestLLVMToolchainEndToEnd identifies clang and ld.lld (what the top Makefile's LLVM=1 gives CC and LD) and
// probes clang.
func TestLLVMToolchainEndToEnd(t *testing.T) {
	for _, tool := range []string{"clang", "ld.lld"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	tools := struct{ CC, LD string }{"clang", "ld.lld"}
	ctx := context.Background()
	cc, err := IdentifyCompiler(ctx, tools.CC, nil)
	if err != nil {
		t.Fatal(err)
	}
	ld, err := IdentifyLinker(ctx, tools.LD, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cc.Name != "Clang" || ld.Name != "LLD" || cc.Version/10000 != ld.Version/10000 {
		t.Errorf("compiler %+v linker %+v", cc, ld)
	}
	p := newTestProber(t, "off", 2)
	k := &KconfigProbes{CC: tools.CC, LD: tools.LD, ClangFlags: "--target=x86_64-linux-gnu -Werror=unknown-warning-option"}
	for flag, want := range map[string]string{"-fno-PIE": "y", "-fno-such-flag-xyz": "n"} {
		if out, _ := p.Shell(k.CCOption(flag), nil, t.TempDir()); MakeShellOutput(out) != want {
			t.Errorf("clang cc-option %s = %q, want %q", flag, out, want)
		}
	}
}
