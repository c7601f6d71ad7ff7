package kconfig

import (
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkLoadWarm is Load of the reference tree's x86_64 Kconfig with
// every $(shell,...) answered from memory: the parse alone.
func BenchmarkLoadWarm(b *testing.B) {
	buildRefConf(b)
	env := refEnv(b, diffArches()[0])
	memo := &memoShell{}
	obj := b.TempDir()
	opts := Options{SrcTree: refTree, ObjTree: obj, Env: env, Shell: memo.shell}
	if _, err := Load(opts); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Load(opts); err != nil {
			b.Fatal(err)
		}
	}
}

var _ = io.Discard
var _ = filepath.Join
