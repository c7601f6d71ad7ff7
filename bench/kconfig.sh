#!/usr/bin/env bash
# Side-by-side timing of olddefconfig on the reference tree (x86_64 defconfig, O= trees), whole processes,
# alternating, medians of N runs (issue 3's speed goal):
#   1. conf as make runs it (the conf make built, in the environment make gives it) against kbuild-go's
#      kconfig/ in the same environment and directory (the package's test binary standing in for conf,
#      KCONFIG_BENCH_MAIN=olddefconfig), with a warm probe cache and with none (cold).
#   2. `make olddefconfig` against `kbuild-go olddefconfig` (the commands a developer types), warm.
# Usage: bench/kconfig.sh KBUILD_GO_BINARY LINUX_SRC [WORKDIR] [N]
set -euo pipefail
kg=$(realpath "$1"); src=$(realpath "$2"); work=${3:-${KBUILD_GO_CACHE:-$HOME/.cache/kbuild-go}/bench-kconfig}
n=${4:-9}
here=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$work"; mkdir -p "$work"
(cd "$here" && go test -c -o "$work/kconfig.test" ./kconfig)
make -s -C "$src" O="$work/make" defconfig >/dev/null
"$kg" -s -C "$src" O="$work/kbuild-go" defconfig >/dev/null
cmp "$work/make/.config" "$work/kbuild-go/.config"

# Catch the environment make gives conf: a wrapper in conf's place for one run.
conf=$work/make/scripts/kconfig/conf
mv "$conf" "$conf.real"
printf '#!/bin/sh\nenv -0 > %s/conf.env\nexec %s.real "$@"\n' "$work" "$conf" >"$conf"
chmod +x "$conf"
make -s -C "$src" O="$work/make" olddefconfig >/dev/null
mv "$conf.real" "$conf"
mapfile -d '' confenv <"$work/conf.env"

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# wall LABEL DIR CMD...: one run's wall seconds, output discarded
wall() {
	local dir=$1; shift
	(cd "$dir" && /usr/bin/time -f %e -o "$work/t" "$@" >/dev/null 2>&1) || { echo "failed: $*" >&2; exit 1; }
	cat "$work/t"
}
# pair LABEL_A LABEL_B DIR_A DIR_B "CMD_A" "CMD_B": N alternating runs after one warm-up each
pair() {
	local la=$1 lb=$2 da=$3 db=$4 a=$5 b=$6 ta=() tb=() r=()
	eval "wall \"$da\" $a" >/dev/null; eval "wall \"$db\" $b" >/dev/null
	for ((i = 0; i < n; i++)); do
		ta+=("$(eval "wall \"$da\" $a")"); tb+=("$(eval "wall \"$db\" $b")")
		r+=("$(echo "${ta[i]} / ${tb[i]}" | bc -l)")
	done
	printf '%-34s median %.3f s (min %.3f, max %.3f)\n' "$la" "$(printf '%s\n' "${ta[@]}" | median)" \
		"$(printf '%s\n' "${ta[@]}" | sort -g | head -1)" "$(printf '%s\n' "${ta[@]}" | sort -g | tail -1)"
	printf '%-34s median %.3f s (min %.3f, max %.3f)\n' "$lb" "$(printf '%s\n' "${tb[@]}" | median)" \
		"$(printf '%s\n' "${tb[@]}" | sort -g | head -1)" "$(printf '%s\n' "${tb[@]}" | sort -g | tail -1)"
	printf '%-34s median %.3f (min %.3f, max %.3f), %d pairs\n' "ratio" "$(printf '%s\n' "${r[@]}" | median)" \
		"$(printf '%s\n' "${r[@]}" | sort -g | head -1)" "$(printf '%s\n' "${r[@]}" | sort -g | tail -1)" "$n"
}

probes=$work/probes
kc="env -i ${confenv[*]@Q} KCONFIG_BENCH_MAIN=olddefconfig KCONFIG_BENCH_PROBES=$probes $work/kconfig.test"
kcold="env -i ${confenv[*]@Q} KCONFIG_BENCH_MAIN=olddefconfig KCONFIG_BENCH_PROBES=off $work/kconfig.test"
cr="env -i ${confenv[*]@Q} $conf --olddefconfig Kconfig"
echo "== olddefconfig, x86_64 defconfig: conf vs kbuild-go's kconfig/, warm probe cache"
pair "kbuild-go kconfig/ (warm)" "conf" "$work/make" "$work/make" "$kc" "$cr"
echo "== the same, no probe cache (cold)"
pair "kbuild-go kconfig/ (cold)" "conf" "$work/make" "$work/make" "$kcold" "$cr"
echo "== kbuild-go olddefconfig vs make olddefconfig (warm probe cache)"
pair "kbuild-go olddefconfig" "make olddefconfig" "$work" "$work" \
	"$kg -s -C $src O=$work/kbuild-go olddefconfig" "make -s -C $src O=$work/make olddefconfig"
