// SPDX-License-Identifier: GPL-2.0
/* obj-$(CONFIG_CRC_MINI): tristate, selected by MINI_DEV */
#include <linux/crc_mini.h>
#include <linux/module.h>

u32 crc_mini(u32 crc, const u8 *p, size_t len)
{
	int i;

	while (len--) {
		crc ^= *p++;
		for (i = 0; i < 8; i++)
			crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return crc;
}

MODULE_LICENSE("GPL");
