// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/sched.h>

struct task_struct init_task = { .pid = 0, .cpu = 0 };
static struct task_struct *runqueue[NR_CPUS];

void __init sched_init(void)
{
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		runqueue[cpu] = &init_task;
}

void schedule(void)
{
	struct task_struct *t = runqueue[0];

	t->runtime += SCHED_TUNE * (1000 / HZ);
	if (t->next)
		runqueue[0] = t->next;
}
