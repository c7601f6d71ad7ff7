cmd_kernel/fork.o := gcc -Wp,-MMD,kernel/.fork.o.d -nostdinc -I/tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include -I./arch/x86/include/generated -I/tmp/TestLinuxDefconfig3060689862/001/linux/include -I./include -I/tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi -I./arch/x86/include/generated/uapi -I/tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi -I./include/generated/uapi -include /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler-version.h -include /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kconfig.h -include /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler_types.h -D__KERNEL__ -fmacro-prefix-map=/tmp/TestLinuxDefconfig3060689862/001/linux/= -Wall -Wundef -Werror=strict-prototypes -Wno-trigraphs -fno-strict-aliasing -fno-common -fshort-wchar -fno-PIE -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type -Wno-format-security -std=gnu11 -mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx -fcf-protection=none -m64 -falign-jumps=1 -falign-loops=1 -mno-80387 -mno-fp-ret-in-387 -mpreferred-stack-boundary=3 -mskip-rax-setup -mtune=generic -mno-red-zone -mcmodel=kernel -Wno-sign-compare -fno-asynchronous-unwind-tables -mindirect-branch=thunk-extern -mindirect-branch-register -mindirect-branch-cs-prefix -mfunction-return=thunk-extern -fno-jump-tables -fno-delete-null-pointer-checks -Wno-frame-address -Wno-format-truncation -Wno-format-overflow -Wno-address-of-packed-member -O2 -fno-allow-store-data-races -Wframe-larger-than=2048 -fstack-protector-strong -Wno-main -Wno-unused-but-set-variable -Wno-unused-const-variable -Wno-dangling-pointer -fomit-frame-pointer -ftrivial-auto-var-init=zero -fno-stack-clash-protection -Wvla -Wno-pointer-sign -Wcast-function-type -Wno-stringop-truncation -Wno-stringop-overflow -Wno-restrict -Wno-maybe-uninitialized -Werror -Wno-array-bounds -Wno-alloc-size-larger-than -Wimplicit-fallthrough=5 -fno-strict-overflow -fno-stack-check -fconserve-stack -Werror=date-time -Werror=incompatible-pointer-types -Werror=designated-init -fno-builtin-wcslen -Wno-packed-not-aligned -I /tmp/TestLinuxDefconfig3060689862/001/linux/kernel -I ./kernel    -DKBUILD_MODFILE='"kernel/fork"' -DKBUILD_BASENAME='"fork"' -DKBUILD_MODNAME='"fork"' -D__KBUILD_MODNAME=kmod_fork -c -o kernel/fork.o /tmp/TestLinuxDefconfig3060689862/001/linux/kernel/fork.c   ; ./tools/objtool/objtool --hacks=jump_label --hacks=noinstr --orc --retpoline --rethunk --static-call --uaccess   kernel/fork.o

source_kernel/fork.o := /tmp/TestLinuxDefconfig3060689862/001/linux/kernel/fork.c

deps_kernel/fork.o := \
    $(wildcard include/config/USER_NS) \
    $(wildcard include/config/PROVE_RCU) \
    $(wildcard include/config/ARCH_TASK_STRUCT_ALLOCATOR) \
    $(wildcard include/config/ARCH_THREAD_STACK_ALLOCATOR) \
    $(wildcard include/config/VMAP_STACK) \
    $(wildcard include/config/THREAD_INFO_IN_TASK) \
    $(wildcard include/config/SECCOMP) \
    $(wildcard include/config/MMU) \
    $(wildcard include/config/TRANSPARENT_HUGEPAGE) \
    $(wildcard include/config/ARCH_WANTS_DYNAMIC_TASK_STRUCT) \
    $(wildcard include/config/STACKPROTECTOR) \
    $(wildcard include/config/BLK_DEV_IO_TRACE) \
    $(wildcard include/config/FAULT_INJECTION) \
    $(wildcard include/config/BLK_CGROUP) \
    $(wildcard include/config/IOMMU_SVA) \
    $(wildcard include/config/MEMCG) \
    $(wildcard include/config/CPU_SUP_INTEL) \
    $(wildcard include/config/BPF_SYSCALL) \
    $(wildcard include/config/AIO) \
    $(wildcard include/config/UPROBES) \
    $(wildcard include/config/FUTEX) \
    $(wildcard include/config/DETECT_HUNG_TASK) \
    $(wildcard include/config/POSIX_TIMERS) \
    $(wildcard include/config/RT_MUTEXES) \
    $(wildcard include/config/PREEMPT_RCU) \
    $(wildcard include/config/TASKS_RCU) \
    $(wildcard include/config/TASKS_TRACE_RCU) \
    $(wildcard include/config/PROC_FS) \
    $(wildcard include/config/PID_NS) \
    $(wildcard include/config/RV) \
    $(wildcard include/config/PROVE_LOCKING) \
    $(wildcard include/config/ARCH_HAS_SCALED_CPUTIME) \
    $(wildcard include/config/VIRT_CPU_ACCOUNTING_GEN) \
    $(wildcard include/config/IO_URING) \
    $(wildcard include/config/PSI) \
    $(wildcard include/config/NUMA) \
    $(wildcard include/config/CPUSETS) \
    $(wildcard include/config/TRACE_IRQFLAGS) \
    $(wildcard include/config/LOCKDEP) \
    $(wildcard include/config/DEBUG_MUTEXES) \
    $(wildcard include/config/BCACHE) \
    $(wildcard include/config/BLOCK) \
    $(wildcard include/config/GENERIC_ENTRY) \
    $(wildcard include/config/KRETPROBES) \
    $(wildcard include/config/RETHOOK) \
    $(wildcard include/config/LRU_GEN) \
    $(wildcard include/config/CLONE_BACKWARDS) \
    $(wildcard include/config/CLONE_BACKWARDS2) \
    $(wildcard include/config/CLONE_BACKWARDS3) \
    $(wildcard include/config/STACK_GROWSUP) \
    $(wildcard include/config/IA64) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler_types.h \
    $(wildcard include/config/DEBUG_INFO_BTF) \
    $(wildcard include/config/PAHOLE_HAS_BTF_TAG) \
    $(wildcard include/config/HAVE_ARCH_COMPILER_H) \
    $(wildcard include/config/CC_HAS_ASM_INLINE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler_attributes.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler-gcc.h \
    $(wildcard include/config/RETPOLINE) \
    $(wildcard include/config/GCC_ASM_GOTO_OUTPUT_WORKAROUND) \
    $(wildcard include/config/ARCH_USE_BUILTIN_BSWAP) \
    $(wildcard include/config/SHADOW_CALL_STACK) \
    $(wildcard include/config/KCOV) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/anon_inodes.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/slab.h \
    $(wildcard include/config/DEBUG_SLAB) \
    $(wildcard include/config/DEBUG_OBJECTS) \
    $(wildcard include/config/FAILSLAB) \
    $(wildcard include/config/MEMCG_KMEM) \
    $(wildcard include/config/KASAN_GENERIC) \
    $(wildcard include/config/KFENCE) \
    $(wildcard include/config/PRINTK) \
    $(wildcard include/config/SLAB) \
    $(wildcard include/config/SLUB) \
    $(wildcard include/config/SLOB) \
    $(wildcard include/config/ZONE_DMA) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/SMP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cache.h \
    $(wildcard include/config/ARCH_HAS_CACHE_LINE_SIZE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/kernel.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/sysinfo.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/types.h \
    $(wildcard include/config/HAVE_UID16) \
    $(wildcard include/config/UID16) \
    $(wildcard include/config/ARCH_DMA_ADDR_T_64BIT) \
    $(wildcard include/config/PHYS_ADDR_T_64BIT) \
    $(wildcard include/config/64BIT) \
    $(wildcard include/config/ARCH_32BIT_USTAT_F_TINODE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/types.h \
  arch/x86/include/generated/uapi/asm/types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/int-ll64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/int-ll64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/bitsperlong.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitsperlong.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/bitsperlong.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/posix_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/stddef.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/stddef.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/posix_types.h \
    $(wildcard include/config/X86_32) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/posix_types_64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/posix_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/const.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/const.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/const.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/cache.h \
    $(wildcard include/config/X86_L1_CACHE_SHIFT) \
    $(wildcard include/config/X86_INTERNODE_CACHE_SHIFT) \
    $(wildcard include/config/X86_VSMP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/linkage.h \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/stringify.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
    $(wildcard include/config/HAVE_ARCH_PREL32_RELOCATIONS) \
    $(wildcard include/config/MODULES) \
    $(wildcard include/config/TRIM_UNUSED_KSYMS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/OBJTOOL) \
  arch/x86/include/generated/asm/rwonce.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/rwonce.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kasan-checks.h \
    $(wildcard include/config/KASAN_SW_TAGS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kcsan-checks.h \
    $(wildcard include/config/KCSAN) \
    $(wildcard include/config/KCSAN_WEAK_MEMORY) \
    $(wildcard include/config/KCSAN_IGNORE_ATOMICS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/linkage.h \
    $(wildcard include/config/X86_64) \
    $(wildcard include/config/X86_ALIGNMENT_16) \
    $(wildcard include/config/RETHUNK) \
    $(wildcard include/config/SLS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/ibt.h \
    $(wildcard include/config/X86_KERNEL_IBT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/gfp.h \
    $(wildcard include/config/HIGHMEM) \
    $(wildcard include/config/ZONE_DMA32) \
    $(wildcard include/config/ZONE_DEVICE) \
    $(wildcard include/config/COMPACTION) \
    $(wildcard include/config/PM_SLEEP) \
    $(wildcard include/config/CONTIG_ALLOC) \
    $(wildcard include/config/CMA) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/gfp_types.h \
    $(wildcard include/config/KASAN_HW_TAGS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bits.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/bits.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/build_bug.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mmzone.h \
    $(wildcard include/config/ARCH_FORCE_MAX_ORDER) \
    $(wildcard include/config/MEMORY_ISOLATION) \
    $(wildcard include/config/ZSMALLOC) \
    $(wildcard include/config/SWAP) \
    $(wildcard include/config/NUMA_BALANCING) \
    $(wildcard include/config/LRU_GEN_STATS) \
    $(wildcard include/config/SPARSEMEM) \
    $(wildcard include/config/MEMORY_HOTPLUG) \
    $(wildcard include/config/FLATMEM) \
    $(wildcard include/config/PAGE_EXTENSION) \
    $(wildcard include/config/DEFERRED_STRUCT_PAGE_INIT) \
    $(wildcard include/config/HAVE_MEMORYLESS_NODES) \
    $(wildcard include/config/SPARSEMEM_VMEMMAP) \
    $(wildcard include/config/SPARSEMEM_EXTREME) \
    $(wildcard include/config/HAVE_ARCH_PFN_VALID) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/spinlock.h \
    $(wildcard include/config/DEBUG_SPINLOCK) \
    $(wildcard include/config/PREEMPTION) \
    $(wildcard include/config/DEBUG_LOCK_ALLOC) \
    $(wildcard include/config/PREEMPT_RT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/typecheck.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/preempt.h \
    $(wildcard include/config/PREEMPT_COUNT) \
    $(wildcard include/config/DEBUG_PREEMPT) \
    $(wildcard include/config/TRACE_PREEMPT_TOGGLE) \
    $(wildcard include/config/PREEMPT_NOTIFIERS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cleanup.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/list.h \
    $(wildcard include/config/DEBUG_LIST) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/container_of.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/err.h \
  arch/x86/include/generated/uapi/asm/errno.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/errno.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/errno-base.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/poison.h \
    $(wildcard include/config/ILLEGAL_POINTER_VALUE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/barrier.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/alternative.h \
    $(wildcard include/config/MITIGATION_ITS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/asm.h \
    $(wildcard include/config/KPROBES) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/extable_fixup_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/bug.h \
    $(wildcard include/config/GENERIC_BUG) \
    $(wildcard include/config/DEBUG_BUGVERBOSE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/instrumentation.h \
    $(wildcard include/config/NOINSTR_VALIDATION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/objtool.h \
    $(wildcard include/config/FRAME_POINTER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bug.h \
    $(wildcard include/config/BUG) \
    $(wildcard include/config/GENERIC_BUG_RELATIVE_POINTERS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/once_lite.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/panic.h \
    $(wildcard include/config/PANIC_TIMEOUT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/printk.h \
    $(wildcard include/config/MESSAGE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_QUIET) \
    $(wildcard include/config/EARLY_PRINTK) \
    $(wildcard include/config/PRINTK_INDEX) \
    $(wildcard include/config/DYNAMIC_DEBUG) \
    $(wildcard include/config/DYNAMIC_DEBUG_CORE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/stdarg.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/init.h \
    $(wildcard include/config/STRICT_KERNEL_RWX) \
    $(wildcard include/config/STRICT_MODULE_RWX) \
    $(wildcard include/config/LTO_CLANG) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kern_levels.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ratelimit_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/param.h \
  arch/x86/include/generated/uapi/asm/param.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/param.h \
    $(wildcard include/config/HZ) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/param.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/spinlock_types_raw.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/spinlock_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/qspinlock_types.h \
    $(wildcard include/config/NR_CPUS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/qrwlock_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/byteorder.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/byteorder/little_endian.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/byteorder/little_endian.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/swab.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/swab.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/swab.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/byteorder/generic.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/lockdep_types.h \
    $(wildcard include/config/PROVE_RAW_LOCK_NESTING) \
    $(wildcard include/config/LOCK_STAT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/nops.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/barrier.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/preempt.h \
    $(wildcard include/config/PREEMPT_DYNAMIC) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/rmwcc.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/percpu.h \
    $(wildcard include/config/X86_64_SMP) \
    $(wildcard include/config/X86_CMPXCHG64) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kernel.h \
    $(wildcard include/config/PREEMPT_VOLUNTARY_BUILD) \
    $(wildcard include/config/HAVE_PREEMPT_DYNAMIC_CALL) \
    $(wildcard include/config/HAVE_PREEMPT_DYNAMIC_KEY) \
    $(wildcard include/config/PREEMPT_) \
    $(wildcard include/config/DEBUG_ATOMIC_SLEEP) \
    $(wildcard include/config/TRACING) \
    $(wildcard include/config/FTRACE_MCOUNT_RECORD) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/align.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/array_size.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/limits.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/limits.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/limits.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bitops.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitops/generic-non-atomic.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/bitops.h \
    $(wildcard include/config/X86_CMOV) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitops/sched.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/arch_hweight.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/cpufeatures.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/required-features.h \
    $(wildcard include/config/X86_MINIMUM_CPU_FAMILY) \
    $(wildcard include/config/MATH_EMULATION) \
    $(wildcard include/config/X86_PAE) \
    $(wildcard include/config/X86_P6_NOP) \
    $(wildcard include/config/MATOM) \
    $(wildcard include/config/PARAVIRT_XXL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/disabled-features.h \
    $(wildcard include/config/X86_UMIP) \
    $(wildcard include/config/X86_INTEL_MEMORY_PROTECTION_KEYS) \
    $(wildcard include/config/X86_5LEVEL) \
    $(wildcard include/config/PAGE_TABLE_ISOLATION) \
    $(wildcard include/config/CPU_UNRET_ENTRY) \
    $(wildcard include/config/INTEL_IOMMU_SVM) \
    $(wildcard include/config/X86_SGX) \
    $(wildcard include/config/INTEL_TDX_GUEST) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitops/const_hweight.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitops/instrumented-atomic.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/instrumented.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kmsan-checks.h \
    $(wildcard include/config/KMSAN) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitops/instrumented-non-atomic.h \
    $(wildcard include/config/KCSAN_ASSUME_PLAIN_WRITES_ATOMIC) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitops/instrumented-lock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitops/le.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitops/ext2-atomic-setbit.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kstrtox.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/log2.h \
    $(wildcard include/config/ARCH_HAS_ILOG2_U32) \
    $(wildcard include/config/ARCH_HAS_ILOG2_U64) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/math.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/div64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/div64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/minmax.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/static_call_types.h \
    $(wildcard include/config/HAVE_STATIC_CALL) \
    $(wildcard include/config/HAVE_STATIC_CALL_INLINE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/instruction_pointer.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/percpu.h \
    $(wildcard include/config/HAVE_SETUP_PER_CPU_AREA) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/threads.h \
    $(wildcard include/config/BASE_SMALL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/percpu-defs.h \
    $(wildcard include/config/DEBUG_FORCE_WEAK_PER_CPU) \
    $(wildcard include/config/AMD_MEM_ENCRYPT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/thread_info.h \
    $(wildcard include/config/HAVE_ARCH_WITHIN_STACK_FRAMES) \
    $(wildcard include/config/HARDENED_USERCOPY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bug.h \
    $(wildcard include/config/BUG_ON_DATA_CORRUPTION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/restart_block.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/time64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/math64.h \
    $(wildcard include/config/ARCH_SUPPORTS_INT128) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/math64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/time64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/time.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/time_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/errno.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/errno.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/current.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/thread_info.h \
    $(wildcard include/config/VM86) \
    $(wildcard include/config/X86_IOPL_IOPERM) \
    $(wildcard include/config/COMPAT) \
    $(wildcard include/config/IA32_EMULATION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/page.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/page_types.h \
    $(wildcard include/config/PHYSICAL_START) \
    $(wildcard include/config/PHYSICAL_ALIGN) \
    $(wildcard include/config/DYNAMIC_PHYSICAL_MASK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mem_encrypt.h \
    $(wildcard include/config/ARCH_HAS_MEM_ENCRYPT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/mem_encrypt.h \
    $(wildcard include/config/X86_MEM_ENCRYPT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cc_platform.h \
    $(wildcard include/config/ARCH_HAS_CC_PLATFORM) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/page_64_types.h \
    $(wildcard include/config/KASAN) \
    $(wildcard include/config/DYNAMIC_MEMORY_LAYOUT) \
    $(wildcard include/config/RANDOMIZE_BASE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/kaslr.h \
    $(wildcard include/config/RANDOMIZE_MEMORY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/page_64.h \
    $(wildcard include/config/DEBUG_VIRTUAL) \
    $(wildcard include/config/X86_VSYSCALL_EMULATION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/range.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/memory_model.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pfn.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/getorder.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/cpufeature.h \
    $(wildcard include/config/X86_FEATURE_NAMES) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/processor.h \
    $(wildcard include/config/X86_VMX_FEATURE_NAMES) \
    $(wildcard include/config/X86_DEBUGCTLMSR) \
    $(wildcard include/config/CPU_SUP_AMD) \
    $(wildcard include/config/XEN) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/processor-flags.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/processor-flags.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/math_emu.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/ptrace.h \
    $(wildcard include/config/PARAVIRT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/segment.h \
    $(wildcard include/config/XEN_PV) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/ptrace.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/ptrace-abi.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/paravirt_types.h \
    $(wildcard include/config/PGTABLE_LEVELS) \
    $(wildcard include/config/ZERO_CALL_USED_REGS) \
    $(wildcard include/config/PARAVIRT_DEBUG) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/desc_defs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pgtable_types.h \
    $(wildcard include/config/MEM_SOFT_DIRTY) \
    $(wildcard include/config/HAVE_ARCH_USERFAULTFD_WP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pgtable_64_types.h \
    $(wildcard include/config/DEBUG_KMAP_LOCAL_FORCE_MAP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/sparsemem.h \
    $(wildcard include/config/NUMA_KEEP_MEMINFO) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/nospec-branch.h \
    $(wildcard include/config/CPU_SRSO) \
    $(wildcard include/config/CPU_IBPB_ENTRY) \
    $(wildcard include/config/BPF_JIT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/static_key.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/jump_label.h \
    $(wildcard include/config/JUMP_LABEL) \
    $(wildcard include/config/HAVE_ARCH_JUMP_LABEL_RELATIVE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/jump_label.h \
    $(wildcard include/config/HAVE_JUMP_LABEL_HACK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/msr-index.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/unwind_hints.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/orc_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/GEN-for-each-reg.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/proto.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/ldt.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/sigcontext.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/msr.h \
    $(wildcard include/config/TRACEPOINTS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/msr-index.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/cpumask.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cpumask.h \
    $(wildcard include/config/FORCE_NR_CPUS) \
    $(wildcard include/config/HOTPLUG_CPU) \
    $(wildcard include/config/DEBUG_PER_CPU_MAPS) \
    $(wildcard include/config/CPUMASK_OFFSTACK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bitmap.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/find.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/string.h \
    $(wildcard include/config/BINARY_PRINTF) \
    $(wildcard include/config/FORTIFY_SOURCE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/overflow.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/string.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/string.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/string_64.h \
    $(wildcard include/config/ARCH_HAS_UACCESS_FLUSHCACHE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/atomic.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/atomic.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/cmpxchg.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/cmpxchg_64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/atomic64_64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/atomic/atomic-arch-fallback.h \
    $(wildcard include/config/GENERIC_ATOMIC64) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/atomic/atomic-long.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/atomic/atomic-instrumented.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/numa.h \
    $(wildcard include/config/NODES_SHIFT) \
    $(wildcard include/config/HAVE_ARCH_NODE_DEV_GROUP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/msr.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/ioctl.h \
  arch/x86/include/generated/uapi/asm/ioctl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/ioctl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/ioctl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/shared/msr.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/tracepoint-defs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/special_insns.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/irqflags.h \
    $(wildcard include/config/IRQSOFF_TRACER) \
    $(wildcard include/config/PREEMPT_TRACER) \
    $(wildcard include/config/DEBUG_IRQFLAGS) \
    $(wildcard include/config/TRACE_IRQFLAGS_SUPPORT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/irqflags.h \
    $(wildcard include/config/DEBUG_ENTRY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/fpu/types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/vmxfeatures.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/vdso/processor.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/personality.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/personality.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bottom_half.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/lockdep.h \
    $(wildcard include/config/DEBUG_LOCKING_API_SELFTESTS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/smp.h \
    $(wildcard include/config/UP_LATE_INIT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/smp_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/llist.h \
    $(wildcard include/config/ARCH_HAVE_NMI_SAFE_CMPXCHG) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/smp.h \
    $(wildcard include/config/X86_LOCAL_APIC) \
    $(wildcard include/config/DEBUG_NMI_SELFTEST) \
  arch/x86/include/generated/asm/mmiowb.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/mmiowb.h \
    $(wildcard include/config/MMIOWB) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/spinlock_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rwlock_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/spinlock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/paravirt.h \
    $(wildcard include/config/PARAVIRT_SPINLOCKS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/frame.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/qspinlock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/qspinlock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/qrwlock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/qrwlock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rwlock.h \
    $(wildcard include/config/PREEMPT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/spinlock_api_smp.h \
    $(wildcard include/config/INLINE_SPIN_LOCK) \
    $(wildcard include/config/INLINE_SPIN_LOCK_BH) \
    $(wildcard include/config/INLINE_SPIN_LOCK_IRQ) \
    $(wildcard include/config/INLINE_SPIN_LOCK_IRQSAVE) \
    $(wildcard include/config/INLINE_SPIN_TRYLOCK) \
    $(wildcard include/config/INLINE_SPIN_TRYLOCK_BH) \
    $(wildcard include/config/UNINLINE_SPIN_UNLOCK) \
    $(wildcard include/config/INLINE_SPIN_UNLOCK_BH) \
    $(wildcard include/config/INLINE_SPIN_UNLOCK_IRQ) \
    $(wildcard include/config/INLINE_SPIN_UNLOCK_IRQRESTORE) \
    $(wildcard include/config/GENERIC_LOCKBREAK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rwlock_api_smp.h \
    $(wildcard include/config/INLINE_READ_LOCK) \
    $(wildcard include/config/INLINE_WRITE_LOCK) \
    $(wildcard include/config/INLINE_READ_LOCK_BH) \
    $(wildcard include/config/INLINE_WRITE_LOCK_BH) \
    $(wildcard include/config/INLINE_READ_LOCK_IRQ) \
    $(wildcard include/config/INLINE_WRITE_LOCK_IRQ) \
    $(wildcard include/config/INLINE_READ_LOCK_IRQSAVE) \
    $(wildcard include/config/INLINE_WRITE_LOCK_IRQSAVE) \
    $(wildcard include/config/INLINE_READ_TRYLOCK) \
    $(wildcard include/config/INLINE_WRITE_TRYLOCK) \
    $(wildcard include/config/INLINE_READ_UNLOCK) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK) \
    $(wildcard include/config/INLINE_READ_UNLOCK_BH) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK_BH) \
    $(wildcard include/config/INLINE_READ_UNLOCK_IRQ) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK_IRQ) \
    $(wildcard include/config/INLINE_READ_UNLOCK_IRQRESTORE) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK_IRQRESTORE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/wait.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/wait.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/seqlock.h \
    $(wildcard include/config/CC_IS_GCC) \
    $(wildcard include/config/GCC_VERSION) \
    $(wildcard include/config/UBSAN_ALIGNMENT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mutex.h \
    $(wildcard include/config/MUTEX_SPIN_ON_OWNER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/osq_lock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/debug_locks.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/nodemask.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/random.h \
    $(wildcard include/config/VMGENID) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/once.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/random.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/irqnr.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/irqnr.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/prandom.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/percpu.h \
    $(wildcard include/config/NEED_PER_CPU_EMBED_FIRST_CHUNK) \
    $(wildcard include/config/NEED_PER_CPU_PAGE_FIRST_CHUNK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mmdebug.h \
    $(wildcard include/config/DEBUG_VM) \
    $(wildcard include/config/DEBUG_VM_IRQSOFF) \
    $(wildcard include/config/DEBUG_VM_PGFLAGS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/archrandom.h \
    $(wildcard include/config/UML) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pageblock-flags.h \
    $(wildcard include/config/HUGETLB_PAGE) \
    $(wildcard include/config/HUGETLB_PAGE_SIZE_VARIABLE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/page-flags-layout.h \
  include/generated/bounds.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mm_types.h \
    $(wildcard include/config/HAVE_ALIGNED_STRUCT_PAGE) \
    $(wildcard include/config/ARCH_WANT_HUGE_PMD_SHARE) \
    $(wildcard include/config/USERFAULTFD) \
    $(wildcard include/config/HAVE_ARCH_COMPAT_MMAP_BASES) \
    $(wildcard include/config/MEMBARRIER) \
    $(wildcard include/config/MMU_NOTIFIER) \
    $(wildcard include/config/ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH) \
    $(wildcard include/config/KSM) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mm_types_task.h \
    $(wildcard include/config/SPLIT_PTLOCK_CPUS) \
    $(wildcard include/config/ARCH_ENABLE_SPLIT_PMD_PTLOCK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/tlbbatch.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/auxvec.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/auxvec.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/auxvec.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kref.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/refcount.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rbtree.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rbtree_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rcupdate.h \
    $(wildcard include/config/TINY_RCU) \
    $(wildcard include/config/RCU_STRICT_GRACE_PERIOD) \
    $(wildcard include/config/TASKS_RCU_GENERIC) \
    $(wildcard include/config/RCU_STALL_COMMON) \
    $(wildcard include/config/NO_HZ_FULL) \
    $(wildcard include/config/KVM_XFER_TO_GUEST_WORK) \
    $(wildcard include/config/RCU_NOCB_CPU) \
    $(wildcard include/config/TASKS_RUDE_RCU) \
    $(wildcard include/config/TREE_RCU) \
    $(wildcard include/config/DEBUG_OBJECTS_RCU_HEAD) \
    $(wildcard include/config/ARCH_WEAK_RELEASE_ACQUIRE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/context_tracking_irq.h \
    $(wildcard include/config/CONTEXT_TRACKING_IDLE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rcutree.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/maple_tree.h \
    $(wildcard include/config/MAPLE_RCU_DISABLED) \
    $(wildcard include/config/DEBUG_MAPLE_TREE_VERBOSE) \
    $(wildcard include/config/DEBUG_MAPLE_TREE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rwsem.h \
    $(wildcard include/config/RWSEM_SPIN_ON_OWNER) \
    $(wildcard include/config/DEBUG_RWSEMS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/completion.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/swait.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/uprobes.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/uprobes.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/notifier.h \
    $(wildcard include/config/TREE_SRCU) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/srcu.h \
    $(wildcard include/config/TINY_SRCU) \
    $(wildcard include/config/SRCU) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/workqueue.h \
    $(wildcard include/config/DEBUG_OBJECTS_WORK) \
    $(wildcard include/config/FREEZER) \
    $(wildcard include/config/SYSFS) \
    $(wildcard include/config/WQ_WATCHDOG) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/timer.h \
    $(wildcard include/config/DEBUG_OBJECTS_TIMERS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ktime.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/time.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/time32.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/timex.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/timex.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/timex.h \
    $(wildcard include/config/X86_TSC) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/tsc.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/time32.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/time.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/jiffies.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/jiffies.h \
  include/generated/timeconst.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/ktime.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/timekeeping.h \
    $(wildcard include/config/GENERIC_CMOS_UPDATE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/clocksource_ids.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/debugobjects.h \
    $(wildcard include/config/DEBUG_OBJECTS_FREE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rcu_segcblist.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/srcutree.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rcu_node_tree.h \
    $(wildcard include/config/RCU_FANOUT) \
    $(wildcard include/config/RCU_FANOUT_LEAF) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/mmu.h \
    $(wildcard include/config/MODIFY_LDT_SYSCALL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/page-flags.h \
    $(wildcard include/config/ARCH_USES_PG_UNCACHED) \
    $(wildcard include/config/MEMORY_FAILURE) \
    $(wildcard include/config/PAGE_IDLE_FLAG) \
    $(wildcard include/config/HUGETLB_PAGE_OPTIMIZE_VMEMMAP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/local_lock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/local_lock_internal.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/memory_hotplug.h \
    $(wildcard include/config/HAVE_ARCH_NODEDATA_EXTENSION) \
    $(wildcard include/config/ARCH_HAS_ADD_PAGES) \
    $(wildcard include/config/MEMORY_HOTREMOVE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/mmzone.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/mmzone_64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/topology.h \
    $(wildcard include/config/USE_PERCPU_NUMA_NODE_ID) \
    $(wildcard include/config/SCHED_SMT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/arch_topology.h \
    $(wildcard include/config/ACPI_CPPC_LIB) \
    $(wildcard include/config/GENERIC_ARCH_TOPOLOGY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/topology.h \
    $(wildcard include/config/SCHED_MC_PRIO) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/mpspec.h \
    $(wildcard include/config/EISA) \
    $(wildcard include/config/X86_MPPARSE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/mpspec_def.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/x86_init.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/bootparam.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/screen_info.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/screen_info.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/apm_bios.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/apm_bios.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/edd.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/edd.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/ist.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/ist.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/video/edid.h \
    $(wildcard include/config/X86) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/video/edid.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/apicdef.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/topology.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/percpu-refcount.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kasan.h \
    $(wildcard include/config/KASAN_STACK) \
    $(wildcard include/config/KASAN_VMALLOC) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kasan-enabled.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/autogroup.h \
    $(wildcard include/config/SCHED_AUTOGROUP) \
    $(wildcard include/config/CGROUP_SCHED) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/mm.h \
    $(wildcard include/config/ARCH_HAS_MEMBARRIER_CALLBACKS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched.h \
    $(wildcard include/config/VIRT_CPU_ACCOUNTING_NATIVE) \
    $(wildcard include/config/SCHED_INFO) \
    $(wildcard include/config/SCHEDSTATS) \
    $(wildcard include/config/SCHED_CORE) \
    $(wildcard include/config/FAIR_GROUP_SCHED) \
    $(wildcard include/config/RT_GROUP_SCHED) \
    $(wildcard include/config/UCLAMP_TASK) \
    $(wildcard include/config/UCLAMP_BUCKETS_COUNT) \
    $(wildcard include/config/KMAP_LOCAL) \
    $(wildcard include/config/COMPAT_BRK) \
    $(wildcard include/config/CGROUPS) \
    $(wildcard include/config/PAGE_OWNER) \
    $(wildcard include/config/EVENTFD) \
    $(wildcard include/config/TASK_DELAY_ACCT) \
    $(wildcard include/config/POSIX_CPUTIMERS) \
    $(wildcard include/config/POSIX_CPU_TIMERS_TASK_WORK) \
    $(wildcard include/config/KEYS) \
    $(wildcard include/config/SYSVIPC) \
    $(wildcard include/config/AUDIT) \
    $(wildcard include/config/AUDITSYSCALL) \
    $(wildcard include/config/UBSAN) \
    $(wildcard include/config/UBSAN_TRAP) \
    $(wildcard include/config/TASK_XACCT) \
    $(wildcard include/config/X86_CPU_RESCTRL) \
    $(wildcard include/config/PERF_EVENTS) \
    $(wildcard include/config/RSEQ) \
    $(wildcard include/config/LATENCYTOP) \
    $(wildcard include/config/KUNIT) \
    $(wildcard include/config/FUNCTION_GRAPH_TRACER) \
    $(wildcard include/config/LIVEPATCH) \
    $(wildcard include/config/SECURITY) \
    $(wildcard include/config/GCC_PLUGIN_STACKLEAK) \
    $(wildcard include/config/RANDOMIZE_KSTACK_OFFSET) \
    $(wildcard include/config/X86_MCE) \
    $(wildcard include/config/ARCH_HAS_PARANOID_L1D_FLUSH) \
    $(wildcard include/config/ARCH_TASK_STRUCT_ON_STACK) \
    $(wildcard include/config/PREEMPT_NONE) \
    $(wildcard include/config/PREEMPT_VOLUNTARY) \
    $(wildcard include/config/DEBUG_RSEQ) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/sched.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pid.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rculist.h \
    $(wildcard include/config/PROVE_RCU_LIST) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sem.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/sem.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ipc.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/uidgid.h \
    $(wildcard include/config/MULTIUSER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/highuid.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rhashtable-types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/ipc.h \
  arch/x86/include/generated/uapi/asm/ipcbuf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/ipcbuf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/sembuf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/shm.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/shm.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/hugetlb_encode.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/shmbuf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/shmbuf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/shmparam.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kmsan_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/plist.h \
    $(wildcard include/config/DEBUG_PLIST) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/hrtimer.h \
    $(wildcard include/config/HIGH_RES_TIMERS) \
    $(wildcard include/config/TIME_LOW_RES) \
    $(wildcard include/config/TIMERFD) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/hrtimer_defs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/timerqueue.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/seccomp.h \
    $(wildcard include/config/HAVE_ARCH_SECCOMP_FILTER) \
    $(wildcard include/config/SECCOMP_FILTER) \
    $(wildcard include/config/CHECKPOINT_RESTORE) \
    $(wildcard include/config/SECCOMP_CACHE_DEBUG) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/seccomp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/seccomp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/unistd.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/unistd.h \
  arch/x86/include/generated/uapi/asm/unistd_64.h \
  arch/x86/include/generated/asm/unistd_64_x32.h \
  arch/x86/include/generated/asm/unistd_32_ia32.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/ia32_unistd.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/seccomp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/unistd.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/resource.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/resource.h \
  arch/x86/include/generated/uapi/asm/resource.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/resource.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/resource.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/latencytop.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/prio.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/signal_types.h \
    $(wildcard include/config/OLD_SIGACTION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/signal.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/signal.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/signal.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/signal-defs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/siginfo.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/siginfo.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/syscall_user_dispatch.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/task_io_accounting.h \
    $(wildcard include/config/TASK_IO_ACCOUNTING) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/posix-timers.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/alarmtimer.h \
    $(wildcard include/config/RTC_CLASS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/rseq.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kcsan.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rv.h \
    $(wildcard include/config/RV_REACTORS) \
  arch/x86/include/generated/asm/kmap_size.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/kmap_size.h \
    $(wildcard include/config/DEBUG_KMAP_LOCAL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sync_core.h \
    $(wildcard include/config/ARCH_HAS_SYNC_CORE_BEFORE_USERMODE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/sync_core.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ioasid.h \
    $(wildcard include/config/IOASID) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/coredump.h \
    $(wildcard include/config/CORE_DUMP_DEFAULT_ELF_HEADERS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/user.h \
    $(wildcard include/config/EPOLL) \
    $(wildcard include/config/NET) \
    $(wildcard include/config/VFIO_PCI_ZDEV_KVM) \
    $(wildcard include/config/IOMMUFD) \
    $(wildcard include/config/SECRETMEM) \
    $(wildcard include/config/WATCH_QUEUE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/percpu_counter.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ratelimit.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/numa_balancing.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/stat.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kconfig.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/task.h \
    $(wildcard include/config/HAVE_EXIT_THREAD) \
    $(wildcard include/config/HAVE_ARCH_THREAD_STRUCT_WHITELIST) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/uaccess.h \
    $(wildcard include/config/ARCH_HAS_SUBPAGE_FAULTS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/fault-inject-usercopy.h \
    $(wildcard include/config/FAULT_INJECTION_USERCOPY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/uaccess.h \
    $(wildcard include/config/CC_HAS_ASM_GOTO_OUTPUT) \
    $(wildcard include/config/CC_HAS_ASM_GOTO_TIED_OUTPUT) \
    $(wildcard include/config/ARCH_HAS_COPY_MC) \
    $(wildcard include/config/X86_INTEL_USERCOPY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/smap.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/extable.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/access_ok.h \
    $(wildcard include/config/ALTERNATE_USER_ADDRESS_SPACE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/uaccess_64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/task_stack.h \
    $(wildcard include/config/DEBUG_STACK_USAGE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/magic.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/cputime.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/signal.h \
    $(wildcard include/config/BSD_PROCESS_ACCT) \
    $(wildcard include/config/TASKSTATS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/signal.h \
    $(wildcard include/config/DYNAMIC_SIGFRAME) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/jobctl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cred.h \
    $(wildcard include/config/DEBUG_CREDENTIALS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/capability.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/capability.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/key.h \
    $(wildcard include/config/KEY_NOTIFICATIONS) \
    $(wildcard include/config/SYSCTL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sysctl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/sysctl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/assoc_array.h \
    $(wildcard include/config/ASSOCIATIVE_ARRAY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/seq_file.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/string_helpers.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ctype.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/fs.h \
    $(wildcard include/config/READ_ONLY_THP_FOR_FS) \
    $(wildcard include/config/FS_POSIX_ACL) \
    $(wildcard include/config/CGROUP_WRITEBACK) \
    $(wildcard include/config/IMA) \
    $(wildcard include/config/FILE_LOCKING) \
    $(wildcard include/config/FSNOTIFY) \
    $(wildcard include/config/FS_ENCRYPTION) \
    $(wildcard include/config/FS_VERITY) \
    $(wildcard include/config/UNICODE) \
    $(wildcard include/config/QUOTA) \
    $(wildcard include/config/FS_DAX) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/wait_bit.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kdev_t.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/kdev_t.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/dcache.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rculist_bl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/list_bl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bit_spinlock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/lockref.h \
    $(wildcard include/config/ARCH_USE_CMPXCHG_LOCKREF) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/stringhash.h \
    $(wildcard include/config/DCACHE_WORD_ACCESS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/hash.h \
    $(wildcard include/config/HAVE_ARCH_HASH) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/path.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/stat.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/stat.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/stat.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/list_lru.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/shrinker.h \
    $(wildcard include/config/SHRINKER_DEBUG) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/xarray.h \
    $(wildcard include/config/XARRAY_MULTI) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/radix-tree.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/semaphore.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/fcntl.h \
    $(wildcard include/config/ARCH_32BIT_OFF_T) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/fcntl.h \
  arch/x86/include/generated/uapi/asm/fcntl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/fcntl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/openat2.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/migrate_mode.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/percpu-rwsem.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rcuwait.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rcu_sync.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/delayed_call.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/uuid.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/uuid.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/errseq.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ioprio.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/rt.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/iocontext.h \
    $(wildcard include/config/BLK_ICQ) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/ioprio.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/fs_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mount.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mnt_idmapping.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/fs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/quota.h \
    $(wildcard include/config/QUOTA_NETLINK_INTERFACE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/dqblk_xfs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/dqblk_v1.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/dqblk_v2.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/dqblk_qtree.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/projid.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/quota.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/nfs_fs_i.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rtmutex.h \
    $(wildcard include/config/DEBUG_RT_MUTEXES) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/module.h \
    $(wildcard include/config/MODULES_TREE_LOOKUP) \
    $(wildcard include/config/STACKTRACE_BUILD_ID) \
    $(wildcard include/config/ARCH_USES_CFI_TRAPS) \
    $(wildcard include/config/MODULE_SIG) \
    $(wildcard include/config/ARCH_WANTS_MODULES_DATA_IN_VMALLOC) \
    $(wildcard include/config/KALLSYMS) \
    $(wildcard include/config/BPF_EVENTS) \
    $(wildcard include/config/EVENT_TRACING) \
    $(wildcard include/config/MODULE_UNLOAD) \
    $(wildcard include/config/CONSTRUCTORS) \
    $(wildcard include/config/FUNCTION_ERROR_INJECTION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/buildid.h \
    $(wildcard include/config/CRASH_CORE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kmod.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/umh.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/elf.h \
    $(wildcard include/config/ARCH_USE_GNU_PROPERTY) \
    $(wildcard include/config/ARCH_HAVE_ELF_PROT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/elf.h \
    $(wildcard include/config/X86_X32_ABI) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/user.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/user_64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/fsgsbase.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/syscall.h \
    $(wildcard include/config/X86_X32_DISABLED) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/audit.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/elf-em.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/vdso.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/elf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kobject.h \
    $(wildcard include/config/UEVENT_HELPER) \
    $(wildcard include/config/DEBUG_KOBJECT_RELEASE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sysfs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kernfs.h \
    $(wildcard include/config/KERNFS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/idr.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kobject_ns.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/moduleparam.h \
    $(wildcard include/config/ALPHA) \
    $(wildcard include/config/PPC64) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rbtree_latch.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/error-injection.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/error-injection.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/module.h \
    $(wildcard include/config/UNWINDER_ORC) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/module.h \
    $(wildcard include/config/HAVE_MOD_ARCH_SPECIFIC) \
    $(wildcard include/config/MODULES_USE_ELF_REL) \
    $(wildcard include/config/MODULES_USE_ELF_RELA) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/orc_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/vmalloc.h \
    $(wildcard include/config/HAVE_ARCH_HUGE_VMALLOC) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/vmalloc.h \
    $(wildcard include/config/HAVE_ARCH_HUGE_VMAP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pgtable_areas.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mempolicy.h \
    $(wildcard include/config/TMPFS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pagemap.h \
    $(wildcard include/config/MIGRATION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mm.h \
    $(wildcard include/config/HAVE_ARCH_MMAP_RND_BITS) \
    $(wildcard include/config/HAVE_ARCH_MMAP_RND_COMPAT_BITS) \
    $(wildcard include/config/ARCH_USES_HIGH_VMA_FLAGS) \
    $(wildcard include/config/ARCH_HAS_PKEYS) \
    $(wildcard include/config/PPC) \
    $(wildcard include/config/PARISC) \
    $(wildcard include/config/SPARC64) \
    $(wildcard include/config/ARM64) \
    $(wildcard include/config/ARM64_MTE) \
    $(wildcard include/config/HAVE_ARCH_USERFAULTFD_MINOR) \
    $(wildcard include/config/SHMEM) \
    $(wildcard include/config/ARCH_HAS_PTE_SPECIAL) \
    $(wildcard include/config/ARCH_HAS_PTE_DEVMAP) \
    $(wildcard include/config/DEBUG_VM_RB) \
    $(wildcard include/config/HAVE_FAST_GUP) \
    $(wildcard include/config/PAGE_POISONING) \
    $(wildcard include/config/INIT_ON_ALLOC_DEFAULT_ON) \
    $(wildcard include/config/INIT_ON_FREE_DEFAULT_ON) \
    $(wildcard include/config/DEBUG_PAGEALLOC) \
    $(wildcard include/config/ARCH_WANT_HUGETLB_PAGE_OPTIMIZE_VMEMMAP) \
    $(wildcard include/config/HUGETLBFS) \
    $(wildcard include/config/MAPPING_DIRTY_HELPERS) \
    $(wildcard include/config/ANON_VMA_NAME) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mmap_lock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/page_ext.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/stacktrace.h \
    $(wildcard include/config/ARCH_STACKWALK) \
    $(wildcard include/config/STACKTRACE) \
    $(wildcard include/config/HAVE_RELIABLE_STACKTRACE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/stackdepot.h \
    $(wildcard include/config/STACKDEPOT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/page_ref.h \
    $(wildcard include/config/DEBUG_PAGE_REF) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sizes.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pgtable.h \
    $(wildcard include/config/HIGHPTE) \
    $(wildcard include/config/ARCH_HAS_NONLEAF_PMD_YOUNG) \
    $(wildcard include/config/GUP_GET_PTE_LOW_HIGH) \
    $(wildcard include/config/HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD) \
    $(wildcard include/config/HAVE_ARCH_SOFT_DIRTY) \
    $(wildcard include/config/ARCH_ENABLE_THP_MIGRATION) \
    $(wildcard include/config/X86_ESPFIX64) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pgtable.h \
    $(wildcard include/config/DEBUG_WX) \
    $(wildcard include/config/PAGE_TABLE_CHECK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pkru.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/fpu/api.h \
    $(wildcard include/config/X86_DEBUG_FPU) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/coco.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/pgtable_uffd.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/page_table_check.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pgtable_64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/fixmap.h \
    $(wildcard include/config/PROVIDE_OHCI1394_DMA_INIT) \
    $(wildcard include/config/X86_IO_APIC) \
    $(wildcard include/config/PCI_MMCONFIG) \
    $(wildcard include/config/ACPI_APEI_GHES) \
    $(wildcard include/config/INTEL_TXT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/vsyscall.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/fixmap.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pgtable-invert.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/memremap.h \
    $(wildcard include/config/DEVICE_PRIVATE) \
    $(wildcard include/config/PCI_P2PDMA) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ioport.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/huge_mm.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/vmstat.h \
    $(wildcard include/config/VM_EVENT_COUNTERS) \
    $(wildcard include/config/DEBUG_TLBFLUSH) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/vm_event_item.h \
    $(wildcard include/config/MEMORY_BALLOON) \
    $(wildcard include/config/BALLOON_COMPACTION) \
    $(wildcard include/config/ZSWAP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/highmem.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cacheflush.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/cacheflush.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/cacheflush.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kmsan.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/dma-direction.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/hardirq.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/context_tracking_state.h \
    $(wildcard include/config/CONTEXT_TRACKING_USER) \
    $(wildcard include/config/CONTEXT_TRACKING) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ftrace_irq.h \
    $(wildcard include/config/HWLAT_TRACER) \
    $(wildcard include/config/OSNOISE_TRACER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/vtime.h \
    $(wildcard include/config/VIRT_CPU_ACCOUNTING) \
    $(wildcard include/config/IRQ_TIME_ACCOUNTING) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/hardirq.h \
    $(wildcard include/config/KVM_INTEL) \
    $(wildcard include/config/HAVE_KVM) \
    $(wildcard include/config/X86_THERMAL_VECTOR) \
    $(wildcard include/config/X86_MCE_THRESHOLD) \
    $(wildcard include/config/X86_MCE_AMD) \
    $(wildcard include/config/X86_HV_CALLBACK_VECTOR) \
    $(wildcard include/config/HYPERV) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/highmem-internal.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/hugetlb_inline.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/mempolicy.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/file.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/fdtable.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/nospec.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/binfmts.h \
    $(wildcard include/config/COREDUMP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/exec.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/binfmts.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mman.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/mman.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/mman.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/mman.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/mman-common.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mmu_notifier.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/interval_tree.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mm_inline.h \
    $(wildcard include/config/LRU_GEN_ENABLED) \
    $(wildcard include/config/PTE_MARKER_UFFD_WP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/swap.h \
    $(wildcard include/config/PTE_MARKER) \
    $(wildcard include/config/FRONTSWAP) \
    $(wildcard include/config/THP_SWAP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/memcontrol.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cgroup.h \
    $(wildcard include/config/CGROUP_CPUACCT) \
    $(wildcard include/config/SOCK_CGROUP_DATA) \
    $(wildcard include/config/CGROUP_DATA) \
    $(wildcard include/config/CGROUP_BPF) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/cgroupstats.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/taskstats.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ns_common.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/nsproxy.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/user_namespace.h \
    $(wildcard include/config/INOTIFY_USER) \
    $(wildcard include/config/FANOTIFY) \
    $(wildcard include/config/PERSISTENT_KEYRINGS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kernel_stat.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/interrupt.h \
    $(wildcard include/config/IRQ_FORCED_THREADING) \
    $(wildcard include/config/GENERIC_IRQ_PROBE) \
    $(wildcard include/config/IRQ_TIMINGS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/irqreturn.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/irq.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/irq_vectors.h \
    $(wildcard include/config/PCI_MSI) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/sections.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/sections.h \
    $(wildcard include/config/HAVE_FUNCTION_DESCRIPTORS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cgroup-defs.h \
    $(wildcard include/config/CGROUP_NET_CLASSID) \
    $(wildcard include/config/CGROUP_NET_PRIO) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/u64_stats_sync.h \
  arch/x86/include/generated/asm/local64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/local64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/local.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bpf-cgroup-defs.h \
    $(wildcard include/config/BPF_LSM) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/psi_types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kthread.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cgroup_subsys.h \
    $(wildcard include/config/CGROUP_DEVICE) \
    $(wildcard include/config/CGROUP_FREEZER) \
    $(wildcard include/config/CGROUP_PERF) \
    $(wildcard include/config/CGROUP_HUGETLB) \
    $(wildcard include/config/CGROUP_PIDS) \
    $(wildcard include/config/CGROUP_RDMA) \
    $(wildcard include/config/CGROUP_MISC) \
    $(wildcard include/config/CGROUP_DEBUG) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/page_counter.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/vmpressure.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/eventfd.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/writeback.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/flex_proportions.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/backing-dev-defs.h \
    $(wildcard include/config/DEBUG_FS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/blk_types.h \
    $(wildcard include/config/FAIL_MAKE_REQUEST) \
    $(wildcard include/config/BLK_CGROUP_IOCOST) \
    $(wildcard include/config/BLK_INLINE_ENCRYPTION) \
    $(wildcard include/config/BLK_DEV_INTEGRITY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bvec.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/device.h \
    $(wildcard include/config/GENERIC_MSI_IRQ_DOMAIN) \
    $(wildcard include/config/GENERIC_MSI_IRQ) \
    $(wildcard include/config/ENERGY_MODEL) \
    $(wildcard include/config/PINCTRL) \
    $(wildcard include/config/DMA_OPS) \
    $(wildcard include/config/DMA_DECLARE_COHERENT) \
    $(wildcard include/config/DMA_CMA) \
    $(wildcard include/config/SWIOTLB) \
    $(wildcard include/config/ARCH_HAS_SYNC_DMA_FOR_DEVICE) \
    $(wildcard include/config/ARCH_HAS_SYNC_DMA_FOR_CPU) \
    $(wildcard include/config/ARCH_HAS_SYNC_DMA_FOR_CPU_ALL) \
    $(wildcard include/config/DMA_OPS_BYPASS) \
    $(wildcard include/config/PM) \
    $(wildcard include/config/OF) \
    $(wildcard include/config/DEVTMPFS) \
    $(wildcard include/config/SYSFS_DEPRECATED) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/dev_printk.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/energy_model.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/cpufreq.h \
    $(wildcard include/config/CPU_FREQ) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/topology.h \
    $(wildcard include/config/SCHED_DEBUG) \
    $(wildcard include/config/SCHED_CLUSTER) \
    $(wildcard include/config/SCHED_MC) \
    $(wildcard include/config/CPU_FREQ_GOV_SCHEDUTIL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/idle.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/sd_flags.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/klist.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pm.h \
    $(wildcard include/config/VT_CONSOLE_SLEEP) \
    $(wildcard include/config/CXL_SUSPEND) \
    $(wildcard include/config/PM_CLK) \
    $(wildcard include/config/PM_GENERIC_DOMAINS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/device/bus.h \
    $(wildcard include/config/ACPI) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/device/class.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/device/driver.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/device.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pm_wakeup.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/node.h \
    $(wildcard include/config/HMEM_REPORTING) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/userfaultfd_k.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/swapops.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/swapfile.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cpu.h \
    $(wildcard include/config/PM_SLEEP_SMP) \
    $(wildcard include/config/PM_SLEEP_SMP_NONZERO_CPU) \
    $(wildcard include/config/ARCH_HAS_CPU_FINALIZE_INIT) \
    $(wildcard include/config/HOTPLUG_SMT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cpuhotplug.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/security.h \
    $(wildcard include/config/SECURITY_NETWORK) \
    $(wildcard include/config/SECURITY_INFINIBAND) \
    $(wildcard include/config/SECURITY_NETWORK_XFRM) \
    $(wildcard include/config/SECURITY_PATH) \
    $(wildcard include/config/SECURITYFS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kernel_read_file.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/hugetlb.h \
    $(wildcard include/config/ARCH_HAS_HUGEPD) \
    $(wildcard include/config/ARCH_ENABLE_HUGEPAGE_MIGRATION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/tlbflush.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/invpcid.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pti.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/hugetlb.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/hugetlb.h \
    $(wildcard include/config/ARCH_HAS_GIGANTIC_PAGE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/syscalls.h \
    $(wildcard include/config/ARCH_HAS_SYSCALL_WRAPPER) \
    $(wildcard include/config/FTRACE_SYSCALLS) \
    $(wildcard include/config/ODD_RT_SIGACTION) \
    $(wildcard include/config/ARCH_SPLIT_ARG64) \
    $(wildcard include/config/OLD_SIGSUSPEND) \
    $(wildcard include/config/OLD_SIGSUSPEND3) \
    $(wildcard include/config/ADVISE_SYSCALLS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/aio_abi.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/syscall.h \
    $(wildcard include/config/HAVE_SYSCALL_TRACEPOINTS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/tracepoint.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/static_call.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/static_call.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/text-patching.h \
    $(wildcard include/config/UML_X86) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/trace_events.h \
    $(wildcard include/config/DYNAMIC_EVENTS) \
    $(wildcard include/config/KPROBE_EVENTS) \
    $(wildcard include/config/UPROBE_EVENTS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ring_buffer.h \
    $(wildcard include/config/RING_BUFFER_ALLOW_SWAP) \
    $(wildcard include/config/RING_BUFFER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/poll.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/poll.h \
  arch/x86/include/generated/uapi/asm/poll.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/poll.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/eventpoll.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/trace_seq.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/seq_buf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/perf_event.h \
    $(wildcard include/config/HAVE_HW_BREAKPOINT) \
    $(wildcard include/config/FUNCTION_TRACER) \
    $(wildcard include/config/GUEST_PERF_EVENTS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/perf_event.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/bpf_perf_event.h \
  arch/x86/include/generated/uapi/asm/bpf_perf_event.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/bpf_perf_event.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ptrace.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pid_namespace.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/ptrace.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/perf_event.h \
    $(wildcard include/config/PERF_EVENTS_AMD_BRS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/stacktrace.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/cpu_entry_area.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/intel_ds.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/switch_to.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/hw_breakpoint.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/hw_breakpoint.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kdebug.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/kdebug.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ftrace.h \
    $(wildcard include/config/DYNAMIC_FTRACE) \
    $(wildcard include/config/HAVE_DYNAMIC_FTRACE_WITH_ARGS) \
    $(wildcard include/config/DYNAMIC_FTRACE_WITH_REGS) \
    $(wildcard include/config/DYNAMIC_FTRACE_WITH_DIRECT_CALLS) \
    $(wildcard include/config/HAVE_DYNAMIC_FTRACE_WITH_DIRECT_CALLS) \
    $(wildcard include/config/STACK_TRACER) \
    $(wildcard include/config/FUNCTION_PROFILER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/trace_recursion.h \
    $(wildcard include/config/FTRACE_RECORD_RECURSION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/trace_clock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/trace_clock.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kallsyms.h \
    $(wildcard include/config/KALLSYMS_ALL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/ftrace.h \
    $(wildcard include/config/HAVE_FENTRY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/irq_work.h \
    $(wildcard include/config/IRQ_WORK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/irq_work.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/jump_label_ratelimit.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/perf_regs.h \
    $(wildcard include/config/HAVE_PERF_REGS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/perf_regs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/syscall_wrapper.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/futex.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/futex.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compat.h \
    $(wildcard include/config/COMPAT_OLD_SIGACTION) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/socket.h \
  arch/x86/include/generated/uapi/asm/socket.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/socket.h \
  arch/x86/include/generated/uapi/asm/sockios.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/sockios.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/sockios.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/uio.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/uio.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/socket.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/if.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/libc-compat.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/hdlc/ioctl.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/compat.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/user32.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/compat.h \
    $(wildcard include/config/COMPAT_FOR_U64_ALIGNMENT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/task_io_accounting_ops.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/audit.h \
    $(wildcard include/config/AUDIT_COMPAT_GENERIC) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/audit_arch.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/netfilter/nf_tables.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/proc_fs.h \
    $(wildcard include/config/PROC_PID_ARCH_STATUS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/profile.h \
    $(wildcard include/config/PROFILING) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rmap.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ksm.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/acct.h \
    $(wildcard include/config/BSD_PROCESS_ACCT_V3) \
    $(wildcard include/config/M68K) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/acct.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/tsacct_kern.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cn_proc.h \
    $(wildcard include/config/PROC_EVENTS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/cn_proc.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/freezer.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/delayacct.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/taskstats.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/taskstats_kern.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/tty.h \
    $(wildcard include/config/TTY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/major.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/termios.h \
  arch/x86/include/generated/uapi/asm/termios.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/termios.h \
  arch/x86/include/generated/uapi/asm/termbits.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/termbits.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/termbits-common.h \
  arch/x86/include/generated/uapi/asm/ioctls.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/ioctls.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/tty_buffer.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/tty_driver.h \
    $(wildcard include/config/CONSOLE_POLL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/cdev.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/tty_ldisc.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/tty_port.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kfifo.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/scatterlist.h \
    $(wildcard include/config/NEED_SG_DMA_LENGTH) \
    $(wildcard include/config/DEBUG_SG) \
    $(wildcard include/config/SGL_ALLOC) \
    $(wildcard include/config/ARCH_NO_SG_CHAIN) \
    $(wildcard include/config/SG_POOL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/io.h \
    $(wildcard include/config/MTRR) \
    $(wildcard include/config/X86_PAT) \
  arch/x86/include/generated/asm/early_ioremap.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/early_ioremap.h \
    $(wildcard include/config/GENERIC_EARLY_IOREMAP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/shared/io.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/iomap.h \
    $(wildcard include/config/HAS_IOPORT_MAP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/pci_iomap.h \
    $(wildcard include/config/PCI) \
    $(wildcard include/config/NO_GENERIC_PCI_IOPORT_MAP) \
    $(wildcard include/config/GENERIC_PCI_IOMAP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/io.h \
    $(wildcard include/config/GENERIC_IOMAP) \
    $(wildcard include/config/TRACE_MMIO_ACCESS) \
    $(wildcard include/config/GENERIC_IOREMAP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/logic_pio.h \
    $(wildcard include/config/INDIRECT_PIO) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/fwnode.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/tty_flags.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/tty.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/fs_struct.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/user-return-notifier.h \
    $(wildcard include/config/USER_RETURN_NOTIFIER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/oom.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/oom.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/khugepaged.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/signalfd.h \
    $(wildcard include/config/SIGNALFD) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/signalfd.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/aio.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kcov.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/kcov.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/livepatch.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/stackleak.h \
    $(wildcard include/config/STACKLEAK_METRICS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/randomize_kstack.h \
    $(wildcard include/config/RANDOMIZE_KSTACK_OFFSET_DEFAULT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/scs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/io_uring.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/io_uring.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bpf.h \
    $(wildcard include/config/BPF_JIT_ALWAYS_ON) \
    $(wildcard include/config/INET) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/bpf.h \
    $(wildcard include/config/BPF_LIRC_MODE2) \
    $(wildcard include/config/EFFICIENT_UNALIGNED_ACCESS) \
    $(wildcard include/config/IP_ROUTE_CLASSID) \
    $(wildcard include/config/BPF_KPROBE_OVERRIDE) \
    $(wildcard include/config/XFRM) \
    $(wildcard include/config/IPV6) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/bpf_common.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/filter.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/bpfptr.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sockptr.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/btf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/btf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/rcupdate_trace.h \
    $(wildcard include/config/TASKS_TRACE_RCU_READ_MB) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/tick.h \
    $(wildcard include/config/GENERIC_CLOCKEVENTS) \
    $(wildcard include/config/SUSPEND) \
    $(wildcard include/config/TICK_ONESHOT) \
    $(wildcard include/config/GENERIC_CLOCKEVENTS_BROADCAST) \
    $(wildcard include/config/NO_HZ_COMMON) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/clockchips.h \
    $(wildcard include/config/ARCH_HAS_TICK_BROADCAST) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/clocksource.h \
    $(wildcard include/config/ARCH_CLOCKSOURCE_DATA) \
    $(wildcard include/config/GENERIC_GETTIMEOFDAY) \
    $(wildcard include/config/CLOCKSOURCE_WATCHDOG) \
    $(wildcard include/config/ARCH_CLOCKSOURCE_INIT) \
    $(wildcard include/config/TIMER_PROBE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/of.h \
    $(wildcard include/config/OF_DYNAMIC) \
    $(wildcard include/config/SPARC) \
    $(wildcard include/config/OF_PROMTREE) \
    $(wildcard include/config/OF_KOBJ) \
    $(wildcard include/config/OF_NUMA) \
    $(wildcard include/config/OF_OVERLAY) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mod_devicetable.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/property.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/clocksource.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/vdso/clocksource.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/clocksource.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pgalloc.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/pgalloc.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/mmu_context.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/desc.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pkeys.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/pkeys.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/events/tlb.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/define_trace.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/debugreg.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/debugreg.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/mmu_context.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/events/sched.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/events/task.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/trace_events.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/stages/init.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/stages/stage1_struct_define.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/stages/stage2_data_offsets.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/stages/stage3_trace_output.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/stages/stage4_event_fields.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/stages/stage5_get_offsets.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/stages/stage6_event_callback.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/stages/stage7_class_define.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/perf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/trace/bpf_probe.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/init_task.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/utsname.h \
    $(wildcard include/config/UTS_NS) \
    $(wildcard include/config/PROC_SYSCTL) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/utsname.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/securebits.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/securebits.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/net_namespace.h \
    $(wildcard include/config/NF_CONNTRACK) \
    $(wildcard include/config/NF_FLOW_TABLE) \
    $(wildcard include/config/UNIX) \
    $(wildcard include/config/IEEE802154_6LOWPAN) \
    $(wildcard include/config/IP_SCTP) \
    $(wildcard include/config/NETFILTER) \
    $(wildcard include/config/NF_TABLES) \
    $(wildcard include/config/WEXT_CORE) \
    $(wildcard include/config/IP_VS) \
    $(wildcard include/config/MPLS) \
    $(wildcard include/config/CAN) \
    $(wildcard include/config/XDP_SOCKETS) \
    $(wildcard include/config/MCTP) \
    $(wildcard include/config/CRYPTO_USER) \
    $(wildcard include/config/SMC) \
    $(wildcard include/config/NET_NS) \
    $(wildcard include/config/NET_NS_REFCNT_TRACKER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/flow.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/in6.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/in6.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/flow_dissector.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/siphash.h \
    $(wildcard include/config/HAVE_EFFICIENT_UNALIGNED_ACCESS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/if_ether.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/core.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/mib.h \
    $(wildcard include/config/XFRM_STATISTICS) \
    $(wildcard include/config/TLS) \
    $(wildcard include/config/MPTCP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/snmp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/snmp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/unix.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/packet.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/ipv4.h \
    $(wildcard include/config/IP_MULTIPLE_TABLES) \
    $(wildcard include/config/NET_L3_MASTER_DEV) \
    $(wildcard include/config/IP_MROUTE) \
    $(wildcard include/config/IP_MROUTE_MULTIPLE_TABLES) \
    $(wildcard include/config/IP_ROUTE_MULTIPATH) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/inet_frag.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/ipv6.h \
    $(wildcard include/config/IPV6_MULTIPLE_TABLES) \
    $(wildcard include/config/IPV6_SUBTREES) \
    $(wildcard include/config/IPV6_MROUTE) \
    $(wildcard include/config/IPV6_MROUTE_MULTIPLE_TABLES) \
    $(wildcard include/config/NF_DEFRAG_IPV6) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/dst_ops.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/icmpv6.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/nexthop.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/ieee802154_6lowpan.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/sctp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/netfilter.h \
    $(wildcard include/config/NETFILTER_FAMILY_ARP) \
    $(wildcard include/config/NETFILTER_FAMILY_BRIDGE) \
    $(wildcard include/config/NF_DEFRAG_IPV4) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/netfilter_defs.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/netfilter.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/in.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/in.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/conntrack.h \
    $(wildcard include/config/NF_CT_PROTO_DCCP) \
    $(wildcard include/config/NF_CT_PROTO_SCTP) \
    $(wildcard include/config/NF_CT_PROTO_GRE) \
    $(wildcard include/config/NF_CONNTRACK_EVENTS) \
    $(wildcard include/config/NF_CONNTRACK_LABELS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/list_nulls.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/netfilter/nf_conntrack_tcp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/netfilter/nf_conntrack_tcp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/nftables.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/xfrm.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/xfrm.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/mpls.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/can.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/xdp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/smc.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/bpf.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/netns/mctp.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/net_trackers.h \
    $(wildcard include/config/NET_DEV_REFCNT_TRACKER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ref_tracker.h \
    $(wildcard include/config/REF_TRACKER) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/skbuff.h \
    $(wildcard include/config/BRIDGE_NETFILTER) \
    $(wildcard include/config/NET_TC_SKB_EXT) \
    $(wildcard include/config/NET_SOCK_MSG) \
    $(wildcard include/config/SKB_EXTENSIONS) \
    $(wildcard include/config/NET_CLS_ACT) \
    $(wildcard include/config/IPV6_NDISC_NODETYPE) \
    $(wildcard include/config/NET_SWITCHDEV) \
    $(wildcard include/config/NET_REDIRECT) \
    $(wildcard include/config/NETFILTER_SKIP_EGRESS) \
    $(wildcard include/config/TLS_DEVICE) \
    $(wildcard include/config/NET_SCHED) \
    $(wildcard include/config/NET_RX_BUSY_POLL) \
    $(wildcard include/config/XPS) \
    $(wildcard include/config/NETWORK_SECMARK) \
    $(wildcard include/config/DEBUG_NET) \
    $(wildcard include/config/PAGE_POOL) \
    $(wildcard include/config/NETWORK_PHY_TIMESTAMPING) \
    $(wildcard include/config/MCTP_FLOWS) \
    $(wildcard include/config/NETFILTER_XT_TARGET_TRACE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/net.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/net.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/textsearch.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/checksum.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/checksum.h \
    $(wildcard include/config/GENERIC_CSUM) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/checksum_64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/dma-mapping.h \
    $(wildcard include/config/DMA_API_DEBUG) \
    $(wildcard include/config/HAS_DMA) \
    $(wildcard include/config/NEED_DMA_MAP_STATE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/netdev_features.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/sched/clock.h \
    $(wildcard include/config/HAVE_UNSTABLE_SCHED_CLOCK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/splice.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/pipe_fs_i.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/if_packet.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/page_pool.h \
    $(wildcard include/config/PAGE_POOL_STATS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/ptr_ring.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/netfilter/nf_conntrack_common.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/netfilter/nf_conntrack_common.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/net_debug.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/net/dropreason.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/seq_file_net.h \

kernel/fork.o: $(deps_kernel/fork.o)

$(deps_kernel/fork.o):

kernel/fork.o: $(wildcard ./tools/objtool/objtool)
