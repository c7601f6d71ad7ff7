#!/usr/bin/env bash
# Whole-process timing of `kbuild-go bpf compile` (issue 8's benchmark; figures go in the note, no test
# asserts them). Alternating runs, medians of N, wall time from bash's EPOCHREALTIME (microseconds; no
# extra process per sample):
#   1. a cache hit: the object is there, no compiler runs (goal: <= 20 ms for the whole process);
#   2. a cold compile (a fresh output directory each run; the compiler's identity record is warm, as for
#      a restarted agent) against plain clang (uapi mode) or clang | llc (kernel mode) with the same
#      flags, taken from kbuild-go's own -v output (goal: within 5%).
# Modes: uapi (bpfc/testdata/uapi.c against /usr/include) always; core (e2e's core.c against the running
# kernel's BTF) when /sys/kernel/btf/vmlinux and bpftool are there; kernel when BPFC_HEADERS names header
# roots (a kernel O= tree and its source, or a Debian flavour and -common pair) with BPFC_RELEASE and
# BPFC_VERSION_CODE, on BPFC_KERNEL_PROG (default: a small kernel-internal program written here).
# Usage: bench/bpfc.sh KBUILD_GO_BINARY [WORKDIR] [N]
set -euo pipefail
kg=$(realpath "$1"); work=${2:-${KBUILD_GO_CACHE:-$HOME/.cache/kbuild-go}/bench-bpfc}; n=${3:-21}
here=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$work"; mkdir -p "$work/src"; chmod 700 "$work"
cp "$here/bpfc/testdata/uapi.c" "$here/bpfc/testdata/include/mini_helpers.h" "$work/src/"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# ms CMD...: one run's wall milliseconds, output discarded; a failure stops the script
ms() {
	local t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
	local t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f\n", (b - a) * 1000}'
}

# bench LABEL ARGS...: cache hit and cold vs plain for one kbuild-go bpf compile command line
bench() {
	local label=$1; shift
	local cache=$work/cache-$label out=$work/out-$label
	# The first run records the compiler's identity and the object; -v shows the commands it ran.
	"$kg" bpf compile -v --target bpfel --cache-dir "$cache" -o "$out" "$@" 2>"$work/$label.log" >/dev/null
	local hit=() cold=() plain=() ratio=()
	for ((i = 0; i < n; i++)); do hit+=("$(ms "$kg" bpf compile --target bpfel --cache-dir "$cache" -o "$out" "$@")"); done
	echo "$label: cache hit, whole process: median $(printf '%s\n' "${hit[@]}" | median) ms (min $(printf '%s\n' "${hit[@]}" | sort -g | head -1), N=$n)"

	# The plain command: the clang (| llc) line kbuild-go printed, run in a copy of its work directory.
	local cmd pipe wd
	cmd=$(grep -m1 '^bpfc: (cd ' "$work/$label.log" | sed -e 's/^bpfc: (cd \([^ ]*\) && \(.*\))$/\2/')
	wd=$(grep -m1 '^bpfc: (cd ' "$work/$label.log" | sed -e 's/^bpfc: (cd \([^ ]*\) && .*/\1/')
	pipe=$(grep -m1 '^bpfc:   | ' "$work/$label.log" | sed -e 's/^bpfc:   | //' || true)
	mkdir -p "$work/plain-$label"
	cp "$work/src/$(basename "${@: -1}")" "$work/plain-$label/" 2>/dev/null || cp "${@: -1}" "$work/plain-$label/"
	local plaincmd="cd $work/plain-$label && $cmd"
	[ -n "$pipe" ] && plaincmd="$plaincmd | $pipe"
	[ -n "$wd" ] || { echo "no command in $work/$label.log" >&2; exit 1; }
	for ((i = 0; i < n; i++)); do
		local a b
		a=$(ms "$kg" bpf compile --target bpfel --cache-dir "$cache" -o "$work/cold-$label-$i" "$@")
		b=$(ms sh -c "$plaincmd")
		cold+=("$a"); plain+=("$b"); ratio+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f\n", a / b}')")
	done
	echo "$label: cold compile median $(printf '%s\n' "${cold[@]}" | median) ms, plain $(printf '%s\n' "${plain[@]}" | median) ms, ratio (pairwise median) $(printf '%s\n' "${ratio[@]}" | median)"
}

bench uapi --mode uapi -I "$work/src" "$work/src/uapi.c"

# CO-RE: the proof's core.c against a vmlinux.h from this machine's kernel BTF (a typical program's
# size: clang parses a ~100k-line header, so the compile, not the process, dominates).
if [ -r /sys/kernel/btf/vmlinux ] && command -v bpftool >/dev/null; then
	bpftool btf dump file /sys/kernel/btf/vmlinux format c >"$work/src/vmlinux.h"
	cp "$here/e2e/testdata/bpf/core.c" "$here/e2e/testdata/bpf/proof.h" "$work/src/"
	bench core --mode core -I "$work/src" "$work/src/core.c"
fi

if [ -n "${BPFC_HEADERS:-}" ]; then
	prog=${BPFC_KERNEL_PROG:-$work/src/ktrace.c}
	if [ -z "${BPFC_KERNEL_PROG:-}" ]; then
		cat >"$prog" <<'C'
#include <linux/sched.h>
#include <linux/ptrace.h>
#include <uapi/linux/bpf.h>
#include "mini_helpers.h"
SEC("kprobe/do_nothing")
int count(struct pt_regs *ctx) { return sizeof(struct task_struct) + ctx->di; }
char _license[] SEC("license") = "GPL";
C
	fi
	hdr=()
	for d in $BPFC_HEADERS; do hdr+=(--headers "$d"); done
	bench kernel --mode kernel "${hdr[@]}" --release "$BPFC_RELEASE" --version-code "$BPFC_VERSION_CODE" -I "$work/src" "$prog"
fi
