package makelang_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/kbuild-go/kbuild-go/makelang"
)

// Example evaluates a makefile whose source sits in a VPATH directory, resolves an object through the
// pattern rule and expands its recipe late, with the driver handling $(call if_changed,...) itself.
func Example() {
	dir, _ := os.MkdirTemp("", "mkexample")
	defer os.RemoveAll(dir)
	os.MkdirAll(filepath.Join(dir, "src/kernel"), 0o777)
	os.WriteFile(filepath.Join(dir, "src/kernel/fork.c"), nil, 0o666)
	os.WriteFile(filepath.Join(dir, "Makefile"), []byte(`VPATH := src
obj := kernel
cmd_cc_o_c = gcc -c -o $@ $<
$(obj)/%.o: $(obj)/%.c FORCE
	$(call if_changed,cc_o_c)
FORCE:
.PHONY: FORCE
`), 0o666)
	s := makelang.NewScope(makelang.Options{Dir: dir, CommandLine: []string{"V=1"},
		CallHook: func(ctx *makelang.CallContext, name string, args []string) (string, bool) {
			if name != "if_changed" {
				return "", false
			}
			cmd, _ := ctx.Var("cmd_" + args[0])
			return "[if_changed] " + cmd, true
		}})
	if err := s.EvalFile("Makefile"); err != nil {
		fmt.Println(err)
		return
	}
	t, err := s.Resolve("kernel/fork.o")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Pattern, t.Stem, t.Prereqs)
	lines, _ := s.ExpandRecipe(t, makelang.AutoVars{})
	fmt.Println(lines[0].Text)
	// Output:
	// kernel/%.o fork [src/kernel/fork.c FORCE]
	// [if_changed] gcc -c -o kernel/fork.o src/kernel/fork.c
}
