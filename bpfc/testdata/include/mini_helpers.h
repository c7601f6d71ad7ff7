/* A few lines of libbpf's bpf_helpers.h, enough for the tests (libbpf-dev is not installed). */
#ifndef MINI_HELPERS_H
#define MINI_HELPERS_H
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
#endif
