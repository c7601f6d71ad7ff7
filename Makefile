# kbuild-go's own Makefile: installs what the project needs, builds, tests, demos.
# (kbuild-go itself never runs make; this file is only the developer entry point.)

SHELL := /bin/bash
GO ?= go
export PATH := /usr/local/go/bin:$(PATH)

# Downloads and extracted trees live outside the clone so a clean clone reuses them.
KBUILD_GO_CACHE ?= $(HOME)/.cache/kbuild-go
export KBUILD_GO_CACHE
# The reference kernel trees (Debian's linux-source-6.1 and linux-source-6.12), extracted once into the
# cache. LINUX_SRC is the 6.1 tree the demo and the benchmarks use.
LINUX_SRC ?= $(KBUILD_GO_CACHE)/linux-source-6.1
export KBUILD_GO_LINUX_SRC := $(LINUX_SRC)
LINUX_SRC_6_12 ?= $(KBUILD_GO_CACHE)/linux-source-6.12
export KBUILD_GO_LINUX_SRC_6_12 := $(LINUX_SRC_6_12)

# Debian packages the build, the tests and the reference runs need.
APT_PACKAGES := gcc make binutils bc flex bison libelf-dev libssl-dev cpio xz-utils gzip time qemu-system-x86 linux-source-6.1 linux-source-6.12 \
	clang llvm lld bpftool dwarves dpkg-dev kmod rsync gcc-aarch64-linux-gnu qemu-system-arm

# menuconfig (the tree's mconf, built as a host program) and its tmux-driven test.
APT_PACKAGES += tmux libncurses-dev pkg-config
# xconfig's qconf (Qt 5) and gconfig's gconf (GTK 2, libglade), built by their test.
APT_PACKAGES += g++ qtbase5-dev libgtk2.0-dev libglade2-dev
# kbuild-go graph's DOT, rendered by its test (dot -Tsvg).
APT_PACKAGES += graphviz python3
# Compiles dispatched to distcc hosts (issue 11): the client, and the daemons the e2e test starts.
APT_PACKAGES += distcc

BIN := bin/kbuild-go
DEMO_OUT ?= $(KBUILD_GO_CACHE)/demo-out

.PHONY: all build deps apt gomod linux-src debs test test-short test-e2e test-defconfig demo demo-mini bench bench-defconfig bench-bpfc bench-distcc bench-kconfig bench-kconfig-go fuzz fuzz-kconfig fuzz-makelang fuzz-depfile clean

all: build

build: gomod
	$(GO) build -o $(BIN) ./cmd/kbuild-go

deps: apt gomod linux-src debs

# Install missing Debian packages only (dpkg -s is fast; apt-get only runs when something is missing).
apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "apt-get install$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

gomod:
	$(GO) mod download

# Each tree is extracted beside its final name and renamed into place, so an interrupted run leaves none.
linux-src: apt
	@for t in 6.1:$(LINUX_SRC) 6.12:$(LINUX_SRC_6_12); do v=$${t%%:*}; d=$${t#*:}; \
		if [ ! -f $$d/Makefile ]; then \
			echo "extracting /usr/src/linux-source-$$v.tar.xz into $$d"; \
			mkdir -p $$(dirname $$d) && rm -rf $$d.tmp && mkdir $$d.tmp && \
			tar -C $$d.tmp -xf /usr/src/linux-source-$$v.tar.xz && \
			mv $$d.tmp/linux-source-$$v $$d && rmdir $$d.tmp || exit 1; \
		fi; \
	done

# Debian's current linux-headers flavour, -common and linux-kbuild .debs (the release linux-headers-amd64
# depends on now), fetched once into $(KBUILD_GO_CACHE)/debs: kheaders' download test serves them over
# loopback HTTP. `apt-get download` works as any user, into the current directory.
DEBS_DIR := $(KBUILD_GO_CACHE)/debs
debs:
	@if ! ls $(DEBS_DIR)/linux-headers-*-amd64_*.deb >/dev/null 2>&1; then \
		flavour=$$(apt-cache depends linux-headers-amd64 | awk '/Depends: linux-headers-/ {print $$2; exit}'); \
		series=$$(echo $$flavour | sed -E 's/^linux-headers-([0-9]+\.[0-9]+)\..*/\1/'); \
		echo "apt-get download $$flavour $${flavour%-amd64}-common linux-kbuild-$$series"; \
		rm -rf $(DEBS_DIR).tmp && mkdir -p $(DEBS_DIR).tmp && cd $(DEBS_DIR).tmp && \
		apt-get download -qq $$flavour $${flavour%-amd64}-common linux-kbuild-$$series && \
		cd .. && rm -rf $(DEBS_DIR) && mv $(DEBS_DIR).tmp $(DEBS_DIR); \
	fi

# All tests: vet, then the race-enabled suite (unit, script tests over kernel-mini, differential tests
# against GNU make and the kernel's C conf).
test: deps
	$(GO) vet ./...
	$(GO) test -race -timeout 40m ./...
	$(MAKE) --no-print-directory fuzz
	KBUILD_GO_E2E=1 $(GO) test -v -timeout 80m ./e2e/

# The end-to-end tests on the real kernel alone (issue 4: build with make masked, boot in qemu, compare with
# make, interchange, incremental sameness, ARCH=i386): about 20 minutes on 2 cores; make test runs them last.
test-e2e: deps
	KBUILD_GO_E2E=1 $(GO) test -v -timeout 80m ./e2e/

# 6.1 x86_64 defconfig built by kbuild-go with make masked and by make, compared (.config, every .cmd file,
# vmlinux, bzImage, every .ko, modules_install), booted in qemu, each tool on the other's tree (e2e
# TestLinuxDefconfig): two full builds, ~30 minutes on 2 cores, so not part of make test.
# KBUILD_GO_DEFCONFIG_VERSION=6.12 make test-defconfig runs the same case on 6.12.
test-defconfig: deps
	KBUILD_GO_E2E=1 KBUILD_GO_DEFCONFIG=1 $(GO) test -v -timeout 150m -run 'TestLinuxDefconfig$$' ./e2e/

# A short fuzzing run of the Kconfig front end (about 30 s here). The budget is a count of executions, not a
# duration: with -fuzztime 30s, go1.26's fuzzing coordinator can report its own deadline as a failure
# ("context deadline exceeded", no crasher written: golang/go#75804, fixed in go1.27). A hanging input still
# fails: FuzzKconfig panics after 10 s on one input, which records it under testdata/fuzz.
FUZZ_EXECS ?= 30000
fuzz-kconfig:
	$(GO) test -run '^$$' -fuzz FuzzKconfig -fuzztime $(FUZZ_EXECS)x ./kconfig/

# The makefile parser and evaluator (which also read every .cmd file) and dag's depfile parser, the same
# way: counts of executions (about 15 s and 5 s here).
fuzz-makelang:
	$(GO) test -run '^$$' -fuzz FuzzMakefile -fuzztime 20000x ./makelang/
fuzz-depfile:
	$(GO) test -run '^$$' -fuzz FuzzDepfile -fuzztime 100000x ./dag/

fuzz: fuzz-kconfig fuzz-makelang fuzz-depfile

# olddefconfig on the reference tree, whole processes side by side (bench/kconfig.sh): conf as make runs it
# against kbuild-go's kconfig/ (warm and cold probe cache), and make olddefconfig against kbuild-go's.
# bench-kconfig-go is Go's own in-process benchmark of the same.
bench-kconfig: deps build
	bench/kconfig.sh $(BIN) $(LINUX_SRC)

bench-kconfig-go: linux-src
	$(GO) test -run '^$$' -bench BenchmarkOlddefconfig -benchtime 5x ./kconfig

test-short: gomod
	$(GO) test -short ./...

# The main job, on the real kernel (demo/run.sh; a few minutes on 2 cores): Debian's Linux 6.1 configured
# and built by kbuild-go with make masked, its header package, eBPF objects compiled against it (one CO-RE
# object in the kernel's graph), an out-of-tree module, and the kernel booted in qemu, whose verifier
# judges them. It prints where each file is. The tree and its build stay in $(DEMO_DIR): a second
# `make demo` is kbuild-go's no-op build.
DEMO_DIR ?= $(KBUILD_GO_CACHE)/demo
demo: deps build
	demo/run.sh $(BIN) $(LINUX_SRC) $(DEMO_DIR)

# The small one: testdata/kernel-mini configured and built by kbuild-go, then a second run that does nothing.
demo-mini: deps build
	rm -rf $(DEMO_OUT)
	$(BIN) -C testdata/kernel-mini O=$(DEMO_OUT) defconfig
	$(BIN) -C testdata/kernel-mini O=$(DEMO_OUT) -j$$(nproc)
	@echo "--- second run (nothing to do):"
	$(BIN) -C testdata/kernel-mini O=$(DEMO_OUT) -j$$(nproc)
	@ls -l $(DEMO_OUT)/vmlinux $(DEMO_OUT)/arch/x86/boot/bzImage

# Speed, side by side with GNU make on the reference tree (minutes; not part of make test).
bench: deps build
	bench/linux.sh $(BIN) $(LINUX_SRC) tinyconfig
	bench/kconfig.sh $(BIN) $(LINUX_SRC)
	bench/bpfc.sh $(BIN)

# The defconfig rows of the table (a clean build of each is ~15 minutes here; hours in all).
bench-defconfig: deps build
	bench/linux.sh $(BIN) $(LINUX_SRC) defconfig

# The full tinyconfig build with compiles sent to 0, 1 and 2 loopback distcc daemons (issue 11).
bench-distcc: deps build
	bench/distcc.sh $(BIN) $(LINUX_SRC)

# kbuild-go bpf compile alone: a cache hit as a whole process, a cold compile against plain clang.
bench-bpfc: build
	bench/bpfc.sh $(BIN)

clean:
	rm -rf bin
