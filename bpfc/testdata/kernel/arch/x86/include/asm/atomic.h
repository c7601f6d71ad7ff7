#ifndef _ASM_X86_ATOMIC_H
#define _ASM_X86_ATOMIC_H
#include <linux/types.h>
/* As arch/x86/include/asm/atomic.h (through cmpxchg.h's xadd): inline asm with x86 register
 * constraints. clang -target bpf rejects it even in an unused inline function ("invalid output
 * constraint '+q' in asm"); a host-target clang compiles it to IR, and llc never sees it unused. */
static inline int arch_atomic_add_return(int i, atomic_t *v)
{
	int old = i;
	asm volatile("lock; xaddl %0, %1" : "+q" (old), "+m" (v->counter) :: "memory", "cc");
	return i + old;
}
#endif
