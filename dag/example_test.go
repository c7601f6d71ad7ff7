package dag_test

import (
	"context"
	"fmt"

	"github.com/kbuild-go/kbuild-go/dag"
)

// Example builds a two-step graph twice with Kbuild's if_changed semantics, then again after the command
// line changed. A real integrator uses dag.OSFS{}, dag.ExecRunner{} and Records backed by .cmd files.
func Example() {
	fs := dag.NewMemFS()
	fs.WriteFile("kernel/fork.c", []byte("int x;"))
	g := dag.NewGraph()

	cflags := "-O2"
	obj := &dag.Edge{
		Outputs: g.Nodes("kernel/fork.o"),
		Inputs:  g.Nodes("kernel/fork.c"),
		Always:  true, // FORCE: re-planned every build, if_changed decides
		Plan: func(pc *dag.PlanContext) (*dag.Command, error) {
			// Expanded lazily, after the inputs are done, as make expands a recipe.
			return &dag.Command{
				Description: "  CC      kernel/fork.o",
				Check:       dag.CheckCommand,
				Key:         "gcc " + cflags + " -c -o kernel/fork.o kernel/fork.c",
				Lines:       []dag.Line{{Text: "gcc " + cflags + " -c -o kernel/fork.o kernel/fork.c"}},
			}, nil
		},
	}
	ar := &dag.Edge{
		Outputs: g.Nodes("kernel/built-in.a"),
		Inputs:  g.Nodes("kernel/fork.o"),
		Always:  true,
		Plan: func(pc *dag.PlanContext) (*dag.Command, error) {
			return &dag.Command{Description: "  AR      kernel/built-in.a", Check: dag.CheckCommand,
				Key: "ar cDPrST kernel/built-in.a kernel/fork.o"}, nil
		},
	}
	for _, e := range []*dag.Edge{obj, ar} {
		if _, err := g.AddEdge(e); err != nil {
			fmt.Println(err)
		}
	}

	cfg := dag.Config{
		Jobs:    2,
		FS:      fs,
		Runner:  &dag.FakeRunner{FS: fs},
		Records: dag.NewMapRecords(),
		Printer: dag.PrinterFunc(func(ev dag.Event) {
			if ev.Kind == dag.EventStart {
				fmt.Println(ev.Command.Description)
			}
		}),
		Explainer: dag.ExplainFunc(func(d dag.Decision) {
			if d.Run {
				fmt.Printf("    %s %s\n", d.Output, d.Why())
			}
		}),
	}
	build := func(title string) {
		fs.Tick()
		fmt.Println(title)
		res, err := dag.Build(context.Background(), g, cfg, g.Node("kernel/built-in.a"))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("ran %d, up to date %d\n", res.Ran, res.UpToDate)
	}
	build("first build:")
	build("no-op build:")
	cflags = "-O2  " // whitespace only: make's cmd-check compares words
	build("whitespace change:")
	cflags = "-Os"
	build("flags changed:")
	// Output:
	// first build:
	//     kernel/fork.o - due to target missing
	//   CC      kernel/fork.o
	//     kernel/built-in.a - due to target missing
	//   AR      kernel/built-in.a
	// ran 2, up to date 0
	// no-op build:
	// ran 0, up to date 2
	// whitespace change:
	// ran 0, up to date 2
	// flags changed:
	//     kernel/fork.o - due to command line change
	//   CC      kernel/fork.o
	//     kernel/built-in.a - due to: kernel/fork.o
	//   AR      kernel/built-in.a
	// ran 2, up to date 0
}
