// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <generated/compile.h>
#include <generated/utsrelease.h>

const char linux_banner[] =
	"Linux version " UTS_RELEASE " (" LINUX_COMPILE_BY "@"
	LINUX_COMPILE_HOST ") (" LINUX_COMPILER ") " UTS_MACHINE "\n";

const char uts_nodename[] = UTS_NODENAME;
