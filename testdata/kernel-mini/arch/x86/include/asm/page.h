/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1 << PAGE_SHIFT)

/* Where the kernel is linked (vmlinux.lds) */
#define LOAD_PHYSICAL_ADDR CONFIG_PHYSICAL_START
#define KERNEL_ALIGN CONFIG_PHYSICAL_ALIGN

#define THREAD_SIZE	(4 * PAGE_SIZE)

#endif
