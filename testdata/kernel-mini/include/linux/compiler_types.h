/* SPDX-License-Identifier: GPL-2.0 */
/* kernel-mini: attributes; -include'd into every C file by c_flags */
#ifndef __LINUX_COMPILER_TYPES_H
#define __LINUX_COMPILER_TYPES_H

#ifndef __ASSEMBLY__
#define __section(s)	__attribute__((__section__(s)))
#define __used		__attribute__((__used__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __noreturn	__attribute__((__noreturn__))
#define __weak		__attribute__((__weak__))
#define notrace		__attribute__((__no_instrument_function__))
#define asmlinkage
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define barrier()	__asm__ __volatile__("" : : : "memory")
#endif

#endif
