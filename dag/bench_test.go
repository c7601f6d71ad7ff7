package dag

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkNoOp measures a no-op build of 5000 compile edges feeding 50 archives (scheduling and
// checking overhead only: in-memory FS, constant plans).
func BenchmarkNoOp(b *testing.B) {
	fs := NewMemFS()
	g := NewGraph()
	recs := NewMapRecords()
	var libs []*Node
	for d := range 50 {
		var objs []*Node
		for i := range 100 {
			src := fmt.Sprintf("d%d/f%d.c", d, i)
			fs.WriteFile(src, nil)
			key := "cc " + src
			e := &Edge{Outputs: g.Nodes(src + ".o"), Inputs: g.Nodes(src), Always: true,
				Plan: func(*PlanContext) (*Command, error) { return &Command{Key: key, Check: CheckCommand}, nil }}
			g.AddEdge(e)
			objs = append(objs, e.Outputs[0])
		}
		key := fmt.Sprintf("ar d%d", d)
		e := &Edge{Outputs: g.Nodes(fmt.Sprintf("d%d/built-in.a", d)), Inputs: objs, Always: true,
			Plan: func(*PlanContext) (*Command, error) { return &Command{Key: key, Check: CheckCommand}, nil }}
		g.AddEdge(e)
		libs = append(libs, e.Outputs[0])
	}
	all := &Edge{Outputs: g.Nodes("all"), Inputs: libs, Phony: true}
	g.AddEdge(all)
	fs.Tick()
	cfg := Config{Jobs: 2, FS: fs, Runner: &FakeRunner{FS: fs}, Records: recs}
	if _, err := Build(context.Background(), g, cfg, g.Node("all")); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		res, err := Build(context.Background(), g, cfg, g.Node("all"))
		if err != nil || res.Ran != 0 {
			b.Fatal(err, res)
		}
	}
}
