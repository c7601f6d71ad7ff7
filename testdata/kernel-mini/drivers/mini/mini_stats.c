// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include "mini_priv.h"

void mini_stats_add(struct mini_dev *d, int which)
{
	d->stats[which & 3]++;
}
