#!/usr/bin/env bash
# make demo: the whole story of kbuild-go on Debian's kernel source, with GNU make masked throughout.
#   1. configure and build Linux (tinyconfig + the boot and eBPF fragments: BPF, BTF, modules, kheaders);
#   2. its header package (headers-pkg), extracted somewhere else;
#   3. eBPF objects compiled against that package by `kbuild-go bpf compile`, a CO-RE one built in the
#      kernel's graph against the tree's vmlinux.h (kbuild.yaml), and an out-of-tree module built with M=;
#   4. the kernel booted in qemu, whose own verifier judges the objects: /init (e2e/bpfinit) prints the
#      verdicts.
# Usage: demo/run.sh KBUILD_GO_BINARY LINUX_SRC DEMO_DIR
set -euo pipefail
kg=$(realpath "$1"); ref=$(realpath "$2"); demo=$3
here=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
export KBUILD_BUILD_TIMESTAMP="Tue Dec  1 00:00:00 UTC 2026" KBUILD_BUILD_USER=kbuild KBUILD_BUILD_HOST=kbuild-go KBUILD_BUILD_VERSION=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*" >&2; "$@"; }

mkdir -p "$demo"
demo=$(realpath "$demo")
src=$demo/linux out=$demo/out
# make masked: a make that fails loudly first on PATH, so nothing below uses GNU make.
mkdir -p "$demo/mask"
printf '#!/bin/sh\necho "make is masked in the demo" >&2\nexit 99\n' >"$demo/mask/make"
chmod +x "$demo/mask/make"
export PATH=$demo/mask:$(dirname "$kg"):$PATH

if [ ! -f "$src/Makefile" ]; then
	step "a scratch copy of $ref (hard links; the reference tree is never edited)"
	rm -rf "$src.tmp"
	cp -al "$ref/." "$src.tmp" 2>/dev/null || cp -a "$ref/." "$src.tmp"
	mv "$src.tmp" "$src"
fi
cp "$here"/testdata/linux/kbuild-go-*.config "$src/kernel/configs/"

step "1. configure and build the kernel with kbuild-go"
[ -f "$out/.config" ] || run kbuild-go -C "$src" O="$out" tinyconfig kbuild-go-boot.config kbuild-go-bpf.config >"$demo/config.log"
run kbuild-go -C "$src" O="$out" -j"$jobs"
release=$(cat "$out/include/config/kernel.release")
code=$(sed -n 's/^#define LINUX_VERSION_CODE //p' "$out/include/generated/uapi/linux/version.h")

step "2. the header package, extracted elsewhere"
run kbuild-go -C "$src" O="$out" -j"$jobs" headers-pkg
pkg=$out/linux-headers-$release.tar.xz
rm -rf "$demo/headers" && mkdir -p "$demo/headers"
run tar -C "$demo/headers" -xf "$pkg"
hdrs=$demo/headers/linux-headers-$release
(cd "$hdrs" && sha256sum --quiet --strict -c SHA256SUMS) && echo "SHA256SUMS: every file checks"

step "3. eBPF against the package, CO-RE in the graph, a module with M="
objs=$demo/initramfs
rm -rf "$objs" && mkdir -p "$objs"
for p in prog invalid; do
	obj=$(run kbuild-go bpf compile -o "$demo/bpf" --mode uapi --target bpfel --headers "$hdrs" \
		--release "$release" --version-code "$code" --telemetry "$demo/telemetry.jsonl" \
		"$here/e2e/testdata/bpf/$p.c")
	echo "$obj"
	cp "$obj" "$objs/$p.o"
done
# The CO-RE program: built in the kernel's graph (kbuild.yaml's bpf: section), against O/vmlinux.h.
run kbuild-go -C "$src" O="$out" -j"$jobs" KBUILD_YAML="$here/e2e/testdata/bpf/kbuild.yaml" bpf
cp "$out/bpf/core.bpfel.o" "$objs/core.o"
rm -rf "$demo/hello" && cp -r "$here/e2e/testdata/hello" "$demo/hello"
run kbuild-go -C "$hdrs" M="$demo/hello" modules
cp "$demo/hello/hello.ko" "$objs/hello.ko"

step "4. boot the kernel just built; its verifier judges what was built for it"
(cd "$here/e2e" && CGO_ENABLED=0 go build -trimpath -o "$objs/init" ./bpfinit)
{
	printf 'dir /dev 0755 0 0\nnod /dev/console 0600 0 0 c 5 1\ndir /proof 0755 0 0\n'
	printf 'file /init %s 0755 0 0\n' "$objs/init"
	for f in prog.o core.o invalid.o hello.ko; do printf 'file /proof/%s %s 0644 0 0\n' "$f" "$objs/$f"; done
} >"$demo/initramfs.list"
"$out/usr/gen_init_cpio" "$demo/initramfs.list" | gzip -9n >"$demo/initramfs.cpio.gz"
printf '$ qemu-system-x86_64 -kernel %s -initrd %s ...\n' "$out/arch/x86/boot/bzImage" "$demo/initramfs.cpio.gz"
timeout 300 qemu-system-x86_64 -kernel "$out/arch/x86/boot/bzImage" -initrd "$demo/initramfs.cpio.gz" \
	-nographic -append "console=ttyS0 panic=-1 quiet" -no-reboot -m 256 >"$demo/boot.log" 2>&1 || true
# -o: the first line comes after the firmware's terminal escapes (ESC c, ESC [2J).
grep -ao 'PROOF .*' "$demo/boot.log" | tr -d '\r' || { echo "no verdict: see $demo/boot.log" >&2; exit 1; }
grep -aq 'PROOF done' "$demo/boot.log" || { echo "the proof did not finish: see $demo/boot.log" >&2; exit 1; }

step "where everything is"
cat <<EOF
kernel tree (O=)        $out
bzImage                 $out/arch/x86/boot/bzImage
vmlinux (with BTF)      $out/vmlinux
kheaders archive        $out/kernel/kheaders_data.tar.xz
header package          $pkg
  extracted             $hdrs
eBPF objects            $objs/prog.o $objs/invalid.o (kbuild-go bpf compile; telemetry in $demo/telemetry.jsonl)
CO-RE object (graph)    $out/bpf/core.bpfel.o, against $out/vmlinux.h
out-of-tree module      $demo/hello/hello.ko
boot log                $demo/boot.log
EOF
