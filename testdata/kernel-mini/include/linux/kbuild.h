/* SPDX-License-Identifier: GPL-2.0 */
/* kernel-mini: helpers for bounds.c / asm-offsets.c.  Each DEFINE puts a
 * line  .ascii "->SYM $value expr"  into the .s file, which sed-offsets in
 * scripts/Makefile.lib turns into  #define SYM value.  */
#ifndef __LINUX_KBUILD_H
#define __LINUX_KBUILD_H

#define DEFINE(sym, val) \
	asm volatile("\n.ascii \"->" #sym " %0 " #val "\"" : : "i" (val))

#define BLANK() asm volatile("\n.ascii \"->\"" : : )

#define OFFSET(sym, str, mem) \
	DEFINE(sym, __builtin_offsetof(struct str, mem))

#define COMMENT(x) \
	asm volatile("\n.ascii \"->#" x "\"")

#endif
