#ifndef _ASM_X86_ATOMIC_H
#define _ASM_X86_ATOMIC_H
#include <linux/types.h>
/* Stands in for arch/x86's headers, which take the host architecture for granted: compiled with
 * -target bpf they see neither __x86_64__ nor __i386__ (and lay out structs for the wrong target). */
#if !defined(__x86_64__)
#error "arch/x86 headers compiled for a non-x86 target"
#endif
static inline void arch_atomic_inc(atomic_t *v)
{
	asm volatile("lock; incl %0" : "+m" (v->counter) :: "memory");
}
#endif
