cmd_arch/x86/boot/compressed/vmlinux.lds := gcc -E -Wp,-MMD,arch/x86/boot/compressed/.vmlinux.lds.d -nostdinc -I/tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include -I./arch/x86/include/generated -I/tmp/TestLinuxDefconfig3060689862/001/linux/include -I./include -I/tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi -I./arch/x86/include/generated/uapi -I/tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi -I./include/generated/uapi -include /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler-version.h -include /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kconfig.h -D__KERNEL__ -fmacro-prefix-map=/tmp/TestLinuxDefconfig3060689862/001/linux/=   -I /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/boot/compressed -I ./arch/x86/boot/compressed -P -Ux86 -D__ASSEMBLY__ -DLINKER_SCRIPT -o arch/x86/boot/compressed/vmlinux.lds /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/boot/compressed/vmlinux.lds.S

source_arch/x86/boot/compressed/vmlinux.lds := /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/boot/compressed/vmlinux.lds.S

deps_arch/x86/boot/compressed/vmlinux.lds := \
    $(wildcard include/config/OUTPUT_FORMAT) \
    $(wildcard include/config/X86_64) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/vmlinux.lds.h \
    $(wildcard include/config/LD_DEAD_CODE_DATA_ELIMINATION) \
    $(wildcard include/config/LTO_CLANG) \
    $(wildcard include/config/HOTPLUG_CPU) \
    $(wildcard include/config/MEMORY_HOTPLUG) \
    $(wildcard include/config/HAVE_DYNAMIC_FTRACE_NO_PATCHABLE) \
    $(wildcard include/config/ARCH_SUPPORTS_CFI_CLANG) \
    $(wildcard include/config/FTRACE_MCOUNT_RECORD) \
    $(wildcard include/config/FUNCTION_TRACER) \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/KPROBES) \
    $(wildcard include/config/FUNCTION_ERROR_INJECTION) \
    $(wildcard include/config/EVENT_TRACING) \
    $(wildcard include/config/TRACING) \
    $(wildcard include/config/FTRACE_SYSCALLS) \
    $(wildcard include/config/BPF_EVENTS) \
    $(wildcard include/config/SERIAL_EARLYCON) \
    $(wildcard include/config/SECURITY) \
    $(wildcard include/config/TIMER_OF) \
    $(wildcard include/config/IRQCHIP) \
    $(wildcard include/config/COMMON_CLK) \
    $(wildcard include/config/OF_RESERVED_MEM) \
    $(wildcard include/config/SMP) \
    $(wildcard include/config/CPU_IDLE) \
    $(wildcard include/config/ACPI) \
    $(wildcard include/config/THERMAL) \
    $(wildcard include/config/HAVE_STATIC_CALL_INLINE) \
    $(wildcard include/config/ARCH_USES_CFI_TRAPS) \
    $(wildcard include/config/DEBUG_INFO_BTF) \
    $(wildcard include/config/CONSTRUCTORS) \
    $(wildcard include/config/GENERIC_BUG) \
    $(wildcard include/config/UNWINDER_ORC) \
    $(wildcard include/config/FW_LOADER) \
    $(wildcard include/config/PM_TRACE) \
    $(wildcard include/config/PRINTK_INDEX) \
    $(wildcard include/config/BLK_DEV_INITRD) \
    $(wildcard include/config/AMD_MEM_ENCRYPT) \
    $(wildcard include/config/GCOV_KERNEL) \
    $(wildcard include/config/KASAN_GENERIC) \
    $(wildcard include/config/KCSAN) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/cache.h \
    $(wildcard include/config/X86_L1_CACHE_SHIFT) \
    $(wildcard include/config/X86_INTERNODE_CACHE_SHIFT) \
    $(wildcard include/config/X86_VSMP) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/linkage.h \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/compiler_types.h \
    $(wildcard include/config/PAHOLE_HAS_BTF_TAG) \
    $(wildcard include/config/HAVE_ARCH_COMPILER_H) \
    $(wildcard include/config/CC_HAS_ASM_INLINE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/stringify.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
    $(wildcard include/config/HAVE_ARCH_PREL32_RELOCATIONS) \
    $(wildcard include/config/MODULES) \
    $(wildcard include/config/TRIM_UNUSED_KSYMS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/linkage.h \
    $(wildcard include/config/64BIT) \
    $(wildcard include/config/X86_32) \
    $(wildcard include/config/X86_ALIGNMENT_16) \
    $(wildcard include/config/RETHUNK) \
    $(wildcard include/config/RETPOLINE) \
    $(wildcard include/config/SLS) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/ibt.h \
    $(wildcard include/config/X86_KERNEL_IBT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/types.h \
    $(wildcard include/config/HAVE_UID16) \
    $(wildcard include/config/UID16) \
    $(wildcard include/config/ARCH_DMA_ADDR_T_64BIT) \
    $(wildcard include/config/PHYS_ADDR_T_64BIT) \
    $(wildcard include/config/ARCH_32BIT_USTAT_F_TINODE) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/types.h \
  arch/x86/include/generated/uapi/asm/types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/types.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/int-ll64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/int-ll64.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/uapi/asm/bitsperlong.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/asm-generic/bitsperlong.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/asm-generic/bitsperlong.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/page_types.h \
    $(wildcard include/config/PHYSICAL_START) \
    $(wildcard include/config/PHYSICAL_ALIGN) \
    $(wildcard include/config/DYNAMIC_PHYSICAL_MASK) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/const.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/vdso/const.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/uapi/linux/const.h \
  /tmp/TestLinuxDefconfig3060689862/001/linux/include/linux/mem_encrypt.h \
    $(wildcard include/config/ARCH_HAS_MEM_ENCRYPT) \
  /tmp/TestLinuxDefconfig3060689862/001/linux/arch/x86/include/asm/page_64_types.h \
    $(wildcard include/config/KASAN) \
    $(wildcard include/config/DYNAMIC_MEMORY_LAYOUT) \
    $(wildcard include/config/X86_5LEVEL) \
    $(wildcard include/config/RANDOMIZE_BASE) \

arch/x86/boot/compressed/vmlinux.lds: $(deps_arch/x86/boot/compressed/vmlinux.lds)

$(deps_arch/x86/boot/compressed/vmlinux.lds):
