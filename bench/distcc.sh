#!/usr/bin/env bash
# The full build of 6.1 tinyconfig + the boot fragment with compiles dispatched to 0, 1 and 2 distccd
# daemons on loopback addresses (issue 11's note), one run each, whole processes. On one machine the
# daemons share its cores, so this shows dispatch's overhead, not a speed-up. Each build starts from the
# configured tree without objects and host programs. Rows: hosts, wall seconds, compiles on hosts, here.
# Usage: bench/distcc.sh KBUILD_GO_BINARY LINUX_SRC
set -euo pipefail
kg=$(realpath "$1"); src=$(realpath "$2")
here=$(cd "$(dirname "$0")/.." && pwd)
work=${KBUILD_GO_CACHE:-$HOME/.cache/kbuild-go}/bench-distcc
export KBUILD_BUILD_TIMESTAMP="Tue Dec  1 00:00:00 UTC 2026" KBUILD_BUILD_USER=kbuild KBUILD_BUILD_HOST=kbuild-go KBUILD_BUILD_VERSION=1
rm -rf "$work"; mkdir -p "$work"; chmod 755 "$work"
cp -al "$src" "$work/linux" 2>/dev/null || cp -a "$src" "$work/linux"
cp "$here/testdata/linux/kbuild-go-boot.config" "$work/linux/kernel/configs/"
o=$work/o
"$kg" -C "$work/linux" O="$o" tinyconfig >/dev/null
"$kg" -C "$work/linux" O="$o" kbuild-go-boot.config >/dev/null
"$kg" -C "$work/linux" O="$o" -j"$(nproc)" bzImage >/dev/null
# distccd run as root drops to nobody: its log and temporary directory live where nobody reaches them
# (the cache under a 0700 home may not be).
dlogs=$(mktemp -d /tmp/kbuild-go-bench-distcc.XXXXXX); chmod 755 "$dlogs"
mkdir -m 1777 "$dlogs/tmp"
pids=()
for a in 127.0.0.2 127.0.0.3; do
	: >"$dlogs/$a.log"; chmod 666 "$dlogs/$a.log"
	TMPDIR=$dlogs/tmp distccd --daemon --no-detach --allow 127.0.0.0/8 --listen $a --port 3632 --jobs 4 \
		--log-file "$dlogs/$a.log" --log-level info &
	pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null; pkill -f "[d]istccd.*--log-file $dlogs" || true' EXIT
sleep 1
scrub() {
	find "$o" -path "$o/tools" -prune -o \( -name '*.o' -o -name '*.a' \) -type f -print | xargs rm -f
	rm -f "$o"/scripts/basic/fixdep "$o"/scripts/kallsyms "$o"/scripts/sorttable "$o"/arch/x86/tools/relocs "$o"/usr/gen_init_cpio
}
out=$here/bench/results/$(date +%F)-distcc.md
mkdir -p "$(dirname "$out")"
{
	echo "# Full build (6.1 tinyconfig + boot fragment, objects and host programs removed) with 0, 1, 2 loopback distcc hosts"
	echo
	echo "One 2-core machine: the daemons compile on the same cores, so this is dispatch's overhead, not a speed-up."
	echo
	echo "| hosts | wall s | jobs | compiles on hosts | compiles here |"
	echo "|---|---|---|---|---|"
} >"$out"
for hosts in "" "127.0.0.2/4" "127.0.0.2/4 127.0.0.3/4"; do
	scrub
	n=$(wc -w <<<"$hosts")
	if [ -z "$hosts" ]; then jobs=$(nproc); else jobs=$(( $(nproc) + 4 * n )); fi
	start=$(date +%s.%N)
	DISTCC_HOSTS="$hosts" "$kg" -C "$work/linux" O="$o" --summary bzImage >"$work/build-$n.log" 2>&1
	end=$(date +%s.%N)
	remote=$(sed -n 's/^distcc: \([0-9]*\) compiles on hosts, \([0-9]*\) here.*/\1/p' "$work/build-$n.log")
	local=$(sed -n 's/^distcc: \([0-9]*\) compiles on hosts, \([0-9]*\) here.*/\2/p' "$work/build-$n.log")
	[ -n "$remote" ] || { remote=0; local=$(grep -c '^  CC ' "$work/build-$n.log" || true); }
	printf '| %d | %.1f | %d | %s | %s |\n' "$n" "$(echo "$end - $start" | bc)" "$jobs" "$remote" "$local" >>"$out"
done
cat "$out"
echo "(logs: $work; table: $out)" >&2
