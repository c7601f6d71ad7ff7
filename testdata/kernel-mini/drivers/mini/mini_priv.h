/* SPDX-License-Identifier: GPL-2.0 */
/* Private header of drivers/mini: found next to the sources
 * (-I $(srctree)/$(src) in O= builds) */
#ifndef _MINI_PRIV_H
#define _MINI_PRIV_H

#include <linux/types.h>

struct mini_dev {
	const char *name;
	u32 crc;
	unsigned long ops;
#ifdef CONFIG_MINI_DEV_STATS
	unsigned long stats[4];
#endif
};

extern struct mini_dev mini_device;
int mini_ops_run(struct mini_dev *d);
void mini_stats_add(struct mini_dev *d, int which);

#endif
