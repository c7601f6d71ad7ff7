// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/sched.h>

static struct task_struct tasks[16];
static int nr_tasks;

struct task_struct *fork_task(struct task_struct *parent)
{
	struct task_struct *t;

	BUG_ON(nr_tasks >= (int)ARRAY_SIZE(tasks));
	t = &tasks[nr_tasks++];
	t->pid = nr_tasks;
	t->cpu = parent->cpu;
	t->next = parent->next;
	parent->next = t;
	return t;
}
