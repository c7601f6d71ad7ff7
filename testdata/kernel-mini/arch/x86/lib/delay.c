// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <asm/processor.h>

void __delay(unsigned long loops)
{
	while (loops--)
		cpu_relax();
}
