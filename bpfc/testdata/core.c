// A CO-RE program: reads a field of a kernel struct through a BTF relocation. The struct stands in for
// vmlinux.h's; preserve_access_index makes clang record the access as a CO-RE relocation.
#include "mini_helpers.h"

struct task_struct {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

SEC("kprobe/do_nothing")
int read_tgid(struct task_struct *t)
{
	return t->tgid;
}

char _license[] SEC("license") = "GPL";
