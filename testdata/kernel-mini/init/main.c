// SPDX-License-Identifier: GPL-2.0
/* kernel-mini: start_kernel, called from arch/x86/kernel/head_64.S */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/processor.h>

extern initcall_t __initcall_start[], __initcall_end[];

static int __init do_initcalls(void)
{
	initcall_t *fn;
	int n = 0;

	for (fn = __initcall_start; fn < __initcall_end; fn++, n++)
		(*fn)();
	return n;
}

void setup_arch(void);

asmlinkage void __init __noreturn start_kernel(void)
{
	printk(linux_banner);
	setup_arch();
	sched_init();
	time_init();
	do_initcalls();
#ifdef CONFIG_DEBUG_SCHED
	sched_debug_show();
#endif
	for (;;)
		schedule();
}
