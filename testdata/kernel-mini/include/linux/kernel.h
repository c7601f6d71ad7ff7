/* SPDX-License-Identifier: GPL-2.0 */
/* kernel-mini: the widely included header */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/printk.h>
#include <linux/init.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void __noreturn panic(const char *msg);

#ifdef CONFIG_BUG
#define BUG_ON(c) do { if (unlikely(c)) panic("BUG: " #c); } while (0)
#else
#define BUG_ON(c) do { (void)(c); } while (0)
#endif

extern const char linux_banner[];

#endif
