// Package toolchain identifies the compiler and binutils a kernel build uses and runs the compiler probes of
// scripts/Makefile.compiler and scripts/Kconfig.include with an on-disk cache. Which tools a build uses
// (CROSS_COMPILE, LLVM=1, CC, LD, ...) is the tree's decision: the evaluated top Makefile says it, and
// nothing here re-implements that block (an earlier Resolve, a Go port of 6.1's, is gone).
//
//   - Subarch and SrcArch port scripts/subarch.include and the ARCH → SRCARCH block of the top Makefile.
//   - IdentifyCompiler and IdentifyLinker run what scripts/cc-version.sh and scripts/ld-version.sh run and
//     parse the output the same way; CCVersionText is the top Makefile's CC_VERSION_TEXT.
//   - The probe builders (CCOption, AsInstr, LDOption, KconfigCCOption, ...) return the exact shell command
//     that make's (or Kconfig's) expansion of the macro hands to /bin/sh, so a probe's identity is that string.
//   - Prober runs such commands: in parallel, deduplicated while in flight, and cached on disk when the
//     command is provably a pure function of the tools it runs (see Cacheable).
package toolchain
