/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_CRC_MINI_H
#define _LINUX_CRC_MINI_H

#include <linux/types.h>

u32 crc_mini(u32 crc, const u8 *p, size_t len);

#endif
