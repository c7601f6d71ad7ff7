// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-mini arch/x86/boot/tools/build: host program
 *
 *   build setup.bin vmlinux.bin bzImage
 *
 * bzImage = setup.bin padded to whole 512-byte sectors (at least 5)
 *           + vmlinux.bin, with the setup header's size fields filled in:
 *   0x1f1 setup_sects  number of setup sectors after the boot sector
 *   0x1f4 syssize      size of vmlinux.bin in 16-byte units
 *   0x1fe boot flag    0xAA55 (checked)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECTOR		512
#define SETUP_SECTS_MIN	4

/* Only a 16-byte aligned load address can be used (CONFIG_PHYSICAL_START) */
#if (CONFIG_PHYSICAL_START & 0xf) != 0
#error CONFIG_PHYSICAL_START must be 16-byte aligned
#endif

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "build: ");
	fprintf(stderr, msg, arg);
	fprintf(stderr, "\n");
	exit(1);
}

static unsigned char *read_all(const char *path, size_t *len, size_t extra)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (!f)
		die("unable to open `%s'", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, n + extra);
	if (!buf || fread(buf, 1, n, f) != (size_t)n)
		die("unable to read `%s'", path);
	fclose(f);
	*len = n;
	return buf;
}

static void put_le(unsigned char *p, unsigned long v, int bytes)
{
	while (bytes--) {
		*p++ = v & 0xff;
		v >>= 8;
	}
}

int main(int argc, char **argv)
{
	unsigned char *setup, *sys;
	size_t setup_len, sys_len, padded;
	unsigned int sects;
	FILE *out;

	if (argc != 4)
		die("usage: build setup.bin vmlinux.bin bzImage%s", "");

	setup = read_all(argv[1], &setup_len, (SETUP_SECTS_MIN + 1) * SECTOR);
	if (setup_len < SECTOR || setup[0x1fe] != 0x55 || setup[0x1ff] != 0xaa)
		die("`%s' has no boot flag", argv[1]);
	sects = (setup_len + SECTOR - 1) / SECTOR;
	if (sects < SETUP_SECTS_MIN + 1)
		sects = SETUP_SECTS_MIN + 1;
	padded = sects * SECTOR;
	setup[0x1f1] = sects - 1;

	sys = read_all(argv[2], &sys_len, 0);
	put_le(setup + 0x1f4, (sys_len + 15) / 16, 4);

	printf("Setup is %zu bytes (padded to %zu bytes).\n", setup_len, padded);
	printf("System is %zu kB\n", (sys_len + 1023) / 1024);

	out = fopen(argv[3], "wb");
	if (!out)
		die("unable to create `%s'", argv[3]);
	if (fwrite(setup, 1, padded, out) != padded ||
	    fwrite(sys, 1, sys_len, out) != sys_len || fclose(out))
		die("writing `%s' failed", argv[3]);
	return 0;
}
