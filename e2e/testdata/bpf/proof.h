/* The few libbpf definitions the eBPF proof's programs use (section names, map definitions, helper
 * numbers, CO-RE builtins), so that they compile against nothing but a kernel's headers: the uapi headers
 * of a header package, or a vmlinux.h. Include it after linux/bpf.h or vmlinux.h, which define __u32,
 * __u64 and struct __sk_buff. */
#ifndef PROOF_H
#define PROOF_H

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

/* Helpers by number (include/uapi/linux/bpf.h's __BPF_FUNC_MAPPER order), as bpf_helper_defs.h has them. */
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;
static long (*bpf_skb_load_bytes)(const void *skb, __u32 offset, void *to, __u32 len) = (void *)26;

/* bpf_core_field_offset(type, field): the field's byte offset in the *target* kernel's type, a CO-RE
 * relocation (kind FIELD_BYTE_OFFSET) that the loader patches from the kernel's BTF (bpf_core_read.h's
 * definition: 0 is BPF_FIELD_BYTE_OFFSET). */
#define bpf_core_field_offset(type, field) \
	__builtin_preserve_field_info(((typeof(type) *)0)->field, 0)

#endif
