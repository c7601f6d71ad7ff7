#!/usr/bin/env bash
# Side-by-side timing of kbuild-go and GNU make on the reference tree, separate O= trees of the same
# configuration, whole processes, alternating (issue 10's table). Rows: a clean build (one run each), a
# no-op, touch kernel/fork.c, touch include/linux/sched.h, one CONFIG symbol flipped, and a warm
# olddefconfig (medians of N runs). Columns: make and kbuild-go seconds, the ratio, kbuild-go's peak RSS,
# CPU efficiency ((user+sys) / (cores x wall), the whole process tree's), and the floor the goal is measured
# against: the critical path of the commands the run had to run, from kbuild-go's own --summary (a no-op's
# always-run commands, a touch's relink chain). Ratios matter more than absolute figures on a shared
# machine. kbuild-go's rows run from its cached graph (KBUILD_GO_GRAPH_CACHE=1); the no-op and touch fork.c rows are also
# run evaluating the makefiles (KBUILD_GO_GRAPH_CACHE=0) and compared with make's same rows. The table goes to bench/results/DATE-CONFIG.md and to stdout.
# Usage: bench/linux.sh KBUILD_GO_BINARY LINUX_SRC [CONFIG] [N]
#   CONFIG: tinyconfig (tinyconfig + the boot fragment, the default) or defconfig
set -euo pipefail
kg=$(realpath "$1"); src=$(realpath "$2"); config=${3:-tinyconfig}; n=${4:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
work=${KBUILD_GO_CACHE:-$HOME/.cache/kbuild-go}/bench-$config
jobs=$(nproc)
export KBUILD_BUILD_TIMESTAMP="Tue Dec  1 00:00:00 UTC 2026" KBUILD_BUILD_USER=kbuild KBUILD_BUILD_HOST=kbuild-go KBUILD_BUILD_VERSION=1
# kbuild-go's rows from its cached graph (not yet its default); the -eval rows turn it off.
export KBUILD_GO_GRAPH_CACHE=1
rm -rf "$work"; mkdir -p "$work"
# A hard-linked scratch copy of the tree: the files touched become private copies first, so the shared
# tree stays as extracted.
cp -al "$src" "$work/linux" 2>/dev/null || cp -a "$src" "$work/linux"
src=$work/linux
cp "$here/testdata/linux/kbuild-go-boot.config" "$src/kernel/configs/"
for f in kernel/fork.c include/linux/sched.h; do cp -p "$src/$f" "$src/$f.own" && mv "$src/$f.own" "$src/$f"; done
configure() {
	if [ "$config" = tinyconfig ]; then "$@" tinyconfig >/dev/null; "$@" kbuild-go-boot.config >/dev/null
	else "$@" "$config" >/dev/null; fi
}
configure "$kg" -C "$src" O="$work/kbuild-go"
configure make -C "$src" O="$work/make"
goal=bzImage
[ "$config" = tinyconfig ] || goal=

# run LABEL CMD...: one run; appends "label wall user sys rss_kb" to $work/runs
run() {
	local label=$1; shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time.out" "$@" >"$work/out.log" 2>&1 || { tail -20 "$work/out.log"; exit 1; }
	echo "$label $(cat "$work/time.out")" >>"$work/runs"
}
build() { # build TOOL LABEL [extra args]: the goal on TOOL's tree
	local tool=$1 label=$2; shift 2
	if [ "$tool" = make ]; then run "make:$label" make -C "$src" O="$work/make" -j"$jobs" $goal "$@"
	else run "kbuild-go:$label" "$kg" -C "$src" O="$work/kbuild-go" -j"$jobs" $goal "$@"; fi
}
# floor LABEL: kbuild-go's critical path of commands (--summary) for one more run of the same change
floor() {
	grep -o 'critical path: [0-9]* steps, [0-9.]*s' "$work/out.log" | sed 's/.*, \([0-9.]*\)s/\1/' >"$work/floor-$1" || echo "" >"$work/floor-$1"
}
flip() { # flip the symbol in both trees' .config
	for o in "$work/make" "$work/kbuild-go"; do
		if grep -q '^CONFIG_BINFMT_SCRIPT=y' "$o/.config"; then sed -i 's/^CONFIG_BINFMT_SCRIPT=y/# CONFIG_BINFMT_SCRIPT is not set/' "$o/.config"
		else sed -i 's/^# CONFIG_BINFMT_SCRIPT is not set/CONFIG_BINFMT_SCRIPT=y/' "$o/.config"; fi
	done
}

echo "== clean build ($config, -j$jobs $goal)" >&2
build make clean; build kbuild-go clean
# The cached graph: two runs record it (the first after a clean build cannot: its evaluation saw outputs
# appear), then each no-op and touch replays it.
run kbuild-go:warm "$kg" -C "$src" O="$work/kbuild-go" -j"$jobs" $goal
run kbuild-go:warm "$kg" -C "$src" O="$work/kbuild-go" -j"$jobs" $goal
echo "== no-op, touch fork.c, touch sched.h, flip a symbol, olddefconfig: $n runs each, alternating" >&2
for i in $(seq "$n"); do
	# After the last round's olddefconfig the first run remakes the configuration (and records no graph),
	# the next evaluates and records: two untimed runs, so the no-op row is the record's no-op, every round.
	for w in 1 2; do "$kg" -C "$src" O="$work/kbuild-go" -j"$jobs" $goal >/dev/null 2>&1; done
	build make noop; build kbuild-go noop --summary; floor noop
	build kbuild-go noop-eval KBUILD_GO_GRAPH_CACHE=0 --summary; floor noop-eval
	touch "$src/kernel/fork.c"; build kbuild-go fork.c-eval KBUILD_GO_GRAPH_CACHE=0 --summary; floor fork.c-eval
	# One touch for both trees: a second touch between the two builds would leave make's tree stale,
	# and its next row would remake that too (session 11's first table: make's flip row was a sched.h
	# rebuild).
	touch "$src/kernel/fork.c"; build make fork.c; build kbuild-go fork.c --summary; floor fork.c
	touch "$src/include/linux/sched.h"; build make sched.h; build kbuild-go sched.h --summary; floor sched.h
	flip; build make flip; build kbuild-go flip --summary; floor flip
	run make:olddefconfig make -C "$src" O="$work/make" olddefconfig
	run kbuild-go:olddefconfig "$kg" -C "$src" O="$work/kbuild-go" olddefconfig
done

out=$here/bench/results/$(date +%F)-$config.md
mkdir -p "$(dirname "$out")"
awk -v jobs="$jobs" -v config="$config" -v n="$n" -v work="$work" '
function median(list,   i, j, t, a, m) { m = split(list, a, " ")
  for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
  return m % 2 ? a[(m+1)/2] : (a[m/2] + a[m/2+1]) / 2 }
{ split($1, p, ":"); tool = p[1]; row = p[2]
  wall[tool, row] = wall[tool, row] " " $2; cpu[tool, row] = cpu[tool, row] " " ($3 + $4) / (jobs * $2)
  rss[tool, row] = rss[tool, row] " " $5; rows[row] = 1 }
END {
  print "# kbuild-go vs make, Linux " config " (" jobs " cores; clean build one run each, the rest medians of " n ")\n"
  print "| row | make s | kbuild-go s | ratio | kbuild-go peak RSS MB | CPU efficiency make / kbuild-go | kbuild-go floor s |"
  print "|---|---|---|---|---|---|---|"
  split("clean noop noop-eval fork.c fork.c-eval sched.h flip olddefconfig", order, " ")
  for (i = 1; i <= 8; i++) { r = order[i]; if (!(r in rows)) continue
    fl = ""; f = work "/floor-" r; if ((getline fl < f) <= 0) fl = ""; close(f)
    mr = r; sub(/-eval$/, "", mr)   # an evaluating row is compared with the make row of the same change
    m = median(wall["make", mr]); k = median(wall["kbuild-go", r])
    label = r; if (r != mr) label = mr " (evaluating, no cached graph)"
    printf "| %s | %.2f | %.2f | %.2f | %.0f | %.2f / %.2f | %s |\n", label, m, k, k / m, median(rss["kbuild-go", r]) / 1024, median(cpu["make", mr]), median(cpu["kbuild-go", r]), fl }
}' "$work/runs" | tee "$out"
echo "(raw runs: $work/runs; table: $out)" >&2
