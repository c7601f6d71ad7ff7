// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/page.h>

unsigned long load_physical_addr = LOAD_PHYSICAL_ADDR;
static char boot_command_line[256];

void __init setup_arch(void)
{
	memset(boot_command_line, 0, sizeof(boot_command_line));
	printk("setup_arch\n");
}
