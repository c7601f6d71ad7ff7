/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-mini boot header: a boot sector, then the setup header at 0x1f1
 * (setup_sects and syssize are filled in by tools/build).
 */
#include <asm/page.h>
#include "voffset.h"

#define _AC(x, y)	x
#define NORMAL_VGA	0xffff		/* SVGA_MODE=NORMAL_VGA from the Makefile */

	.code16
	.section ".bstext", "ax"
	.globl	bootsect_start
bootsect_start:
	cli
1:	hlt
	jmp	1b

	.section ".header", "a"
	.globl	hdr
hdr:
setup_sects:	.byte 0			/* filled in by tools/build */
root_flags:	.word 1
syssize:	.long 0			/* filled in by tools/build */
ram_size:	.word 0
vid_mode:	.word SVGA_MODE
root_dev:	.word 0
boot_flag:	.word 0xAA55

	/* offset 0x200 */
	.globl	_start
_start:
	.byte	0xeb			/* short jump */
	.byte	start_of_setup - 1f
1:
	.ascii	"HdrS"
	.word	0x020f			/* boot protocol version */
code32_start:	.long LOAD_PHYSICAL_ADDR
kernel_size:	.long VO__end - VO__text
kernel_entry:	.long VO_startup_64 - VO__text

	.section ".entrytext", "ax"
start_of_setup:
	movw	%cs, %ax
	movw	%ax, %ds
	movw	%ax, %ss
	movw	$0xfff0, %sp
	calll	main
2:	hlt
	jmp	2b
