/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

static inline void cpu_relax(void)
{
	asm volatile("rep; nop" ::: "memory");
}

static inline void __noreturn halt_forever(void)
{
	for (;;)
		asm volatile("hlt");
}

#ifdef CONFIG_ARCH_DELAY
void __delay(unsigned long loops);
#else
static inline void __delay(unsigned long loops)
{
	while (loops--)
		cpu_relax();
}
#endif

#endif
