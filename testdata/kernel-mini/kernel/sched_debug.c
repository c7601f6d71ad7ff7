// SPDX-License-Identifier: GPL-2.0
/* Only with CONFIG_DEBUG_SCHED: obj-$(CONFIG_DEBUG_SCHED) */
#include <linux/kernel.h>
#include <linux/sched.h>

void sched_debug_show(void)
{
	printk("sched: debug " KBUILD_MODNAME "\n");
}
