/* (d) of the eBPF proof (issue 8): a program the verifier must reject. It dereferences the result of
 * bpf_map_lookup_elem without the NULL check, which the kernel refuses with
 * "R0 invalid mem access 'map_value_or_null'". It compiles; only the verifier can tell. */
#include <linux/bpf.h>
#include "proof.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} proof_invalid_map SEC(".maps");

SEC("socket")
int proof_invalid(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *value = bpf_map_lookup_elem(&proof_invalid_map, &key);

	return *value;
}

char LICENSE[] SEC("license") = "GPL";
