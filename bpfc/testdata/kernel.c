// A program that includes kernel-internal headers (as samples/bpf's do).
#include <linux/types.h>
#include <asm/atomic.h>
#include <asm/rwonce.h>
#include "mini_helpers.h"

#if !defined(CONFIG_64BIT) || !defined(__KCONFIG_MINI)
#error kconfig.h was not included
#endif

struct ctx { __u64 arg; };

SEC("kprobe/do_nothing")
int kprog(struct ctx *c)
{
	return (int)READ_ONCE(c->arg);
}

char _license[] SEC("license") = "GPL";
