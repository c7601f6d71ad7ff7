/* (b) of the eBPF proof (issue 8): a CO-RE program compiled against the kernel tree's own vmlinux.h
 * (bpftool btf dump file vmlinux format c). A socket filter, because a tinyconfig kernel has no kprobes or
 * tracepoints, and BPF_PROG_TEST_RUN runs it. It writes three values that the loader fixes from the running
 * kernel's BTF (/sys/kernel/btf/vmlinux), each through a CO-RE relocation:
 *   0: the byte offset of task_struct.pid,
 *   1: the byte offset of task_struct.tgid,
 *   2: skb->len, read through vmlinux.h's __sk_buff (every vmlinux.h record is preserve_access_index).
 * The task_struct fields are asked for through a local flavour, task_struct___proof, whose layout (pid at 0,
 * tgid at 4) is not the kernel's: a value other than 0 and 4 is the relocation's work, and the test checks it
 * against the offsets in the built vmlinux's BTF. */
#include "vmlinux.h"
#include "proof.h"

struct task_struct___proof {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} proof_core_out SEC(".maps");

static __always_inline void put(__u32 key, __u64 value)
{
	bpf_map_update_elem(&proof_core_out, &key, &value, 0);
}

SEC("socket")
int proof_core(struct __sk_buff *skb)
{
	put(0, bpf_core_field_offset(struct task_struct___proof, pid));
	put(1, bpf_core_field_offset(struct task_struct___proof, tgid));
	put(2, skb->len);
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
