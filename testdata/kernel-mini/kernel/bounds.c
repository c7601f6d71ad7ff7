// SPDX-License-Identifier: GPL-2.0
/* Compiled to kernel/bounds.s; ./Kbuild turns it into include/generated/bounds.h */
#define __GENERATING_BOUNDS_H
#include <linux/kbuild.h>
#include <linux/sched.h>

int main(void)
{
	DEFINE(NR_CPUS_BITS, NR_CPUS > 1 ? 32 - __builtin_clz(NR_CPUS - 1) : 0);
	DEFINE(MAX_NR_CPUS, NR_CPUS);
	return 0;
}
