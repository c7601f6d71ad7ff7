package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"
)

// TestBPFGraph is issue 8's item 2 on the real thing: the bpf goal builds a CO-RE program (against the
// vmlinux.h it dumps from the proof kernel's BTF) and a kernel-headers program (against prepare's
// generated headers) as edges of the kernel's graph, in the shared proof kernel's O= tree, with make
// masked. A second run compiles nothing; touching a header one program includes rebuilds exactly that
// program's object. The outputs are named graph_* so that they never meet TestProof's bpf/core.bpfel.o.
// (Touching a kernel header is the script test bpf_graph.txtar's, over kernel-mini: here the source tree
// is shared.)
func TestBPFGraph(t *testing.T) {
	k := proofKernel(t)
	proj := t.TempDir()
	for _, f := range []string{"core.c", "proof.h"} {
		data, err := os.ReadFile(filepath.Join("testdata", "bpf", f))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(proj, f), string(data))
	}
	write(t, filepath.Join(proj, "kern.h"), "#define KERN_MIN ETH_HLEN\n")
	write(t, filepath.Join(proj, "kern.c"), `/* kernel mode: kernel-internal headers in the kernel's include order */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include "kern.h"

__attribute__((section("socket"), used))
int graph_kern(struct __sk_buff *skb)
{
	return skb->len > KERN_MIN;
}

char _license[] __attribute__((section("license"), used)) = "GPL";
`)
	yaml := filepath.Join(proj, "kbuild.yaml")
	write(t, yaml, `bpf:
  programs:
    - name: graph_core
      source: core.c
      mode: core
    - name: graph_kern
      source: kern.c
      mode: kernel
      targets: [bpfel, bpfeb]
`)
	objs := []string{"bpf/graph_core.bpfel.o", "bpf/graph_kern.bpfeb.o", "bpf/graph_kern.bpfel.o"}
	bpf := func() []string {
		t.Helper()
		out, err := runPinned(t.Logf, k.Masked, k.KbuildGo, "-C", k.Src, "O="+k.Obj, "-j"+fmt.Sprint(runtime.NumCPU()), "bpf", "KBUILD_YAML="+yaml)
		if err != nil {
			t.Fatal(err)
		}
		return bpfLines(out)
	}

	got := bpf()
	want := []string{"BPF     bpf/graph_core.bpfel.o", "BPF     bpf/graph_kern.bpfeb.o", "BPF     bpf/graph_kern.bpfel.o"}
	if !sameLines(without(got, "GEN     vmlinux.h"), want) {
		t.Fatalf("first run built %q, want %q", got, want)
	}
	for _, o := range objs {
		spec, err := ebpf.LoadCollectionSpec(filepath.Join(k.Obj, o))
		if err != nil {
			t.Fatalf("%s: %v", o, err)
		}
		if len(spec.Programs) != 1 {
			t.Errorf("%s: %d programs, want 1", o, len(spec.Programs))
		}
	}
	relocs := coreRelocations(t, filepath.Join(k.Obj, objs[0]))
	t.Logf("%s: CO-RE relocations: %s", objs[0], strings.Join(relocs, "; "))
	if len(relocs) == 0 {
		t.Errorf("%s has no CO-RE relocation", objs[0])
	}

	before := mtimes(t, k.Obj, objs)
	if got := bpf(); len(got) > 0 {
		t.Errorf("a no-op run ran %q", got)
	}
	if after := mtimes(t, k.Obj, objs); !equalTimes(before, after) {
		t.Errorf("a no-op run rewrote objects: %v -> %v", before, after)
	}

	// proof.h is core.c's only; kern.h is kern.c's only.
	touchNow(t, filepath.Join(proj, "proof.h"))
	if got, want := bpf(), []string{"BPF     bpf/graph_core.bpfel.o"}; !sameLines(got, want) {
		t.Errorf("after touching proof.h: %q, want %q", got, want)
	}
	touchNow(t, filepath.Join(proj, "kern.h"))
	if got, want := bpf(), []string{"BPF     bpf/graph_kern.bpfeb.o", "BPF     bpf/graph_kern.bpfel.o"}; !sameLines(got, want) {
		t.Errorf("after touching kern.h: %q, want %q", got, want)
	}
}

// bpfLines are the bpf goal's quiet lines in a build's output, without their indent, sorted (-j order).
func bpfLines(out string) []string {
	var lines []string
	for _, l := range regexp.MustCompile(`(?m)^  (BPF     \S+|GEN     vmlinux\.h)$`).FindAllStringSubmatch(out, -1) {
		lines = append(lines, l[1])
	}
	sort.Strings(lines)
	return lines
}

func without(list []string, s string) []string {
	var out []string
	for _, e := range list {
		if e != s {
			out = append(out, e)
		}
	}
	return out
}

func sameLines(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
}

func mtimes(t *testing.T, root string, rels []string) []time.Time {
	t.Helper()
	var out []time.Time
	for _, r := range rels {
		st, err := os.Stat(filepath.Join(root, r))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, st.ModTime())
	}
	return out
}

func equalTimes(a, b []time.Time) bool {
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return len(a) == len(b)
}

// touchNow makes a file newer than anything built before: the next whole second, then now (as the
// script tests' touchnew, for file systems with coarse timestamps).
func touchNow(t *testing.T, path string) {
	t.Helper()
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second)))
	now := time.Now()
	if err := os.Chtimes(path, now, now); err != nil {
		t.Fatal(err)
	}
}
