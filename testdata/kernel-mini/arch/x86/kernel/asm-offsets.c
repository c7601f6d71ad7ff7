// SPDX-License-Identifier: GPL-2.0
/* Compiled to asm-offsets.s; ./Kbuild makes include/generated/asm-offsets.h */
#define COMPILE_OFFSETS
#include <linux/kbuild.h>
#include <linux/sched.h>
#include <generated/bounds.h>

int main(void)
{
	COMMENT("struct task_struct");
	OFFSET(TASK_PID, task_struct, pid);
	OFFSET(TASK_CPU, task_struct, cpu);
	OFFSET(TASK_RUNTIME, task_struct, runtime);
	BLANK();
	DEFINE(TASK_SIZE_OF, sizeof(struct task_struct));
	DEFINE(ASM_NR_CPUS, MAX_NR_CPUS);
	return 0;
}
