/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/init.h>

#if defined(MODULE)
#define module_init(fn) \
	int init_module(void) __attribute__((alias(#fn)))
#else
#define module_init(fn) device_initcall(fn)
#endif

#ifdef CONFIG_MODULES
#define MODULE_LICENSE(l) \
	static const char __mod_license[] __used __section(".modinfo") = \
	KBUILD_MODNAME ".license=" l
#else
#define MODULE_LICENSE(l)
#endif

#endif
