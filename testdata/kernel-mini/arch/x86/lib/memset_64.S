/* SPDX-License-Identifier: GPL-2.0 */
/* void *memset(void *s (rdi), int c (esi), size_t n (rdx)) */
	.text
	.globl memset
	.type memset, @function
memset:
	movq	%rdi, %r9
	movl	%esi, %eax
	movq	%rdx, %rcx
	rep stosb
	movq	%r9, %rax
	ret
	.size memset, .-memset
