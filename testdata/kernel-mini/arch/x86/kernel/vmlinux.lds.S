/* SPDX-License-Identifier: GPL-2.0 */
/* kernel-mini linker script; cpp_lds_S makes arch/x86/kernel/vmlinux.lds */
#include <asm/page.h>

OUTPUT_FORMAT(CONFIG_OUTPUT_FORMAT)
OUTPUT_ARCH(i386:x86-64)
ENTRY(startup_64)

SECTIONS
{
	. = LOAD_PHYSICAL_ADDR;
	_text = .;
	.text : {
		*(.head.text)
		*(.text .text.*)
	}
	_etext = .;

	. = ALIGN(PAGE_SIZE);
	.rodata : { *(.rodata .rodata.*) }
	.notes : { *(.note.*) }

	. = ALIGN(PAGE_SIZE);
	.init : {
		*(.init.text)
		*(.init.data)
		__initcall_start = .;
		KEEP(*(.initcall.init))
		__initcall_end = .;
	}

	. = ALIGN(PAGE_SIZE);
	.data : { *(.data .data.*) }
	_edata = .;

	. = ALIGN(PAGE_SIZE);
	.bss : {
		__bss_start = .;
		*(.bss .bss.*) *(COMMON)
		__bss_stop = .;
	}
	_end = .;

	/DISCARD/ : { *(.comment) *(.eh_frame) *(.modinfo) }
}
