/* SPDX-License-Identifier: GPL-2.0 */
/* kernel-mini: the entry point, first in .head.text (see vmlinux.lds.S) */
#include <asm/page.h>
#include <generated/asm-offsets.h>

	.section ".head.text","ax"
	.code64
	.globl startup_64
startup_64:
	leaq	init_stack_end(%rip), %rsp
	xorl	%ebp, %ebp
	movl	$TASK_PID, %eax		/* offsetof(struct task_struct, pid) */
	call	start_kernel
1:	hlt
	jmp	1b

	.section ".bss","aw"
	.balign PAGE_SIZE
init_stack:
	.skip	HEAD_STACK_PAGES * PAGE_SIZE
init_stack_end:
