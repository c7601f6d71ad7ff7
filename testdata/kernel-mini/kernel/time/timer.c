// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/processor.h>

unsigned long jiffies;

void __init time_init(void)
{
	jiffies = 0;
	__delay(HZ);
}
