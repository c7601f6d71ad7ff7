/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#define __init		__section(".init.text") notrace
#define __initdata	__section(".init.data")

#ifndef __ASSEMBLY__
typedef int (*initcall_t)(void);

/* initcalls are collected by the linker script between
 * __initcall_start and __initcall_end */
#define __define_initcall(fn) \
	static initcall_t __initcall_##fn __used \
	__section(".initcall.init") = fn

#define device_initcall(fn)	__define_initcall(fn)
#endif

#endif
