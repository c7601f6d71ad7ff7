// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include "mini_priv.h"

int mini_ops_run(struct mini_dev *d)
{
	d->ops++;
#ifdef CONFIG_MINI_DEV_STATS
	mini_stats_add(d, 0);
#endif
	return 0;
}
