// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/string.h>

#ifdef CONFIG_PRINTK
static char log_buf[LOG_BUF_LEN] __aligned(8);
static unsigned long log_pos;

int printk(const char *s)
{
	size_t n = strlen(s);

	if (log_pos + n > LOG_BUF_LEN)
		log_pos = 0;
	memcpy(log_buf + log_pos, s, n);
	log_pos += n;
	return n;
}
#endif

void __noreturn panic(const char *msg)
{
	printk(msg);
	for (;;)
		;
}
