// SPDX-License-Identifier: GPL-2.0
/* kernel-mini: 16-bit setup code (built with REALMODE_CFLAGS, -m16) */
#include <linux/types.h>

static const char setup_banner[] = "kernel-mini setup\r\n";
static u16 checksum;

void main(void);

void main(void)
{
	const char *p;

	for (p = setup_banner; *p; p++)
		checksum = (checksum << 1) ^ (u8)*p;
	for (;;)
		asm volatile("hlt");
}
