#!/usr/bin/env bash
# Side-by-side timing of kbuild-go and GNU make on the reference tree (Debian's linux-source-6.1,
# tinyconfig + the project's boot fragment, O= builds): a full -j build, a no-op rebuild, and the rebuilds
# after `touch kernel/fork.c` and `touch include/linux/capability.h`. Ratios matter more than absolute
# figures on a shared machine.
# Usage: bench/linux.sh KBUILD_GO_BINARY LINUX_SRC [WORKDIR]
set -euo pipefail
kg=$(realpath "$1"); src=$(realpath "$2"); work=${3:-${KBUILD_GO_CACHE:-$HOME/.cache/kbuild-go}/bench}
jobs=$(nproc)
export KBUILD_BUILD_TIMESTAMP="Tue Dec  1 00:00:00 UTC 2026" KBUILD_BUILD_USER=kbuild KBUILD_BUILD_HOST=kbuild-go KBUILD_BUILD_VERSION=1
mkdir -p "$work"; rm -rf "$work/kbuild-go" "$work/make" "$work/linux"
# A hard-linked scratch copy of the tree (the real directory, not a link to it): the boot fragment is added
# there, and kernel/fork.c becomes a private copy before it is touched, so the shared tree stays as extracted.
cp -al "$src" "$work/linux" 2>/dev/null || cp -a "$src" "$work/linux"
src=$work/linux
cp "$(dirname "$0")/../testdata/linux/kbuild-go-boot.config" "$src/kernel/configs/"
for f in kernel/fork.c include/linux/capability.h; do cp -p "$src/$f" "$src/$f.own" && mv "$src/$f.own" "$src/$f"; done
configure() { "$@" tinyconfig >/dev/null; "$@" kbuild-go-boot.config >/dev/null; }
configure "$kg" -C "$src" O="$work/kbuild-go"
configure make -C "$src" O="$work/make"
t() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %U s user, %S s sys, %M KB peak" "$@" >/dev/null 2>"$work/time.err" || { cat "$work/time.err"; exit 1; }; tail -1 "$work/time.err"; }
echo "== full build (-j$jobs bzImage), one run each"
t "make     " make -C "$src" O="$work/make" -j"$jobs" bzImage
t "kbuild-go" "$kg" -C "$src" O="$work/kbuild-go" -j"$jobs" bzImage
echo "== no-op rebuild, 5 runs each, alternating"
for i in 1 2 3 4 5; do
	t "make      no-op" make -C "$src" O="$work/make" -j"$jobs" bzImage
	t "kbuild-go no-op" "$kg" -C "$src" O="$work/kbuild-go" -j"$jobs" bzImage
done
echo "== touch kernel/fork.c, then rebuild bzImage, 3 runs each, alternating"
for i in 1 2 3; do
	touch "$src/kernel/fork.c"; t "make      fork.c" make -C "$src" O="$work/make" -j"$jobs" bzImage
	touch "$src/kernel/fork.c"; t "kbuild-go fork.c" "$kg" -C "$src" O="$work/kbuild-go" -j"$jobs" bzImage
done
echo "== touch include/linux/capability.h (~420 commands), then rebuild bzImage, 2 runs each, alternating"
for i in 1 2; do
	touch "$src/include/linux/capability.h"; t "make      capability.h" make -C "$src" O="$work/make" -j"$jobs" bzImage
	touch "$src/include/linux/capability.h"; t "kbuild-go capability.h" "$kg" -C "$src" O="$work/kbuild-go" -j"$jobs" bzImage
done
