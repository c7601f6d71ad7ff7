/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __KERNEL_PRINTK__
#define __KERNEL_PRINTK__

#include <linux/types.h>

#define LOG_BUF_LEN_MAX (1UL << 25)

#ifdef CONFIG_PRINTK
#define LOG_BUF_LEN (1UL << CONFIG_LOG_BUF_SHIFT)
int printk(const char *s);
#else
static inline int printk(const char *s) { return 0; }
#endif

#endif
