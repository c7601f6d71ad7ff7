// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/crc_mini.h>
#include <linux/string.h>
#include "mini_priv.h"

struct mini_dev mini_device = { .name = KBUILD_MODNAME };

static int __init mini_init(void)
{
	mini_device.crc = crc_mini(0, (const u8 *)mini_device.name,
				   strlen(mini_device.name));
#ifdef MINI_DEBUG
	printk("mini: init " KBUILD_BASENAME "\n");
#endif
	return mini_ops_run(&mini_device);
}
module_init(mini_init);

MODULE_LICENSE("GPL");
