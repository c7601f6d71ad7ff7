/* (a) of the eBPF proof (issue 8): a uapi-only socket filter, compiled against the kernel's header package.
 * It accepts IPv4 packets (skb->protocol, set by eth_type_trans, and the version nibble of the first byte of
 * the network header, where a socket filter's data starts) and returns their length; it drops the rest. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include "proof.h"

SEC("socket")
int proof_prog(struct __sk_buff *skb)
{
	__u8 first;

	if (skb->protocol != __builtin_bswap16(ETH_P_IP))
		return 0;
	if (bpf_skb_load_bytes(skb, 0, &first, sizeof first) < 0)
		return 0;
	if (first >> 4 != 4)
		return 0;
	return skb->len;
}

char LICENSE[] SEC("license") = "GPL";
