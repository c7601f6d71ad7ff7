/* SPDX-License-Identifier: GPL-2.0 */
/* kernel-mini: included only by the scheduler files */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>

#ifdef CONFIG_SMP
#define NR_CPUS CONFIG_NR_CPUS
#else
#define NR_CPUS 1
#endif

#define HZ CONFIG_HZ

struct task_struct {
	int pid;
	int cpu;
	u64 runtime;
	struct task_struct *next;
};

extern struct task_struct init_task;
extern unsigned long jiffies;

void sched_init(void);
void schedule(void);
struct task_struct *fork_task(struct task_struct *parent);
void time_init(void);
#ifdef CONFIG_DEBUG_SCHED
void sched_debug_show(void);
#endif

#endif
