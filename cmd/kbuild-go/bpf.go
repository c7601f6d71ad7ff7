package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/kbuild-go/kbuild-go/bpfc"
)

// isBpfCompile reports whether args are the `bpf compile` subcommand. Only the two-word form is: a lone
// `bpf` is a build goal (kbuild-go -C linux O=out bpf builds the graph's BPF objects).
func isBpfCompile(args []string) bool {
	return len(args) >= 2 && args[0] == "bpf" && args[1] == "compile"
}

// bpfCompile runs `kbuild-go bpf compile ARGS` (the arguments after the two words); see bpfc.Usage.
func bpfCompile(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return bpfc.Main(ctx, args, stdout, stderr)
}
