// SPDX-License-Identifier: GPL-2.0
/* A single-object module (CONFIG_MINI_DUMMY=m in x86_64_defconfig) */
#include <linux/kernel.h>
#include <linux/module.h>

static const char dummy_name[] = CONFIG_MINI_DUMMY_NAME;

static int __init dummy_init(void)
{
	printk(dummy_name);
	return 0;
}
module_init(dummy_init);

MODULE_LICENSE("GPL");
