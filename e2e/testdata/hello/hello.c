// SPDX-License-Identifier: GPL-2.0
/* (c) of the eBPF proof (issue 8): an out-of-tree module built with M= against the kernel's extracted
 * header package; the proof's /init loads it with finit_module and shows this printk. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init proof_hello_init(void)
{
	pr_info("kbuild-go proof: hello from an out-of-tree module\n");
	return 0;
}

static void __exit proof_hello_exit(void)
{
}

module_init(proof_hello_init);
module_exit(proof_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kbuild-go's eBPF proof: an out-of-tree module");
