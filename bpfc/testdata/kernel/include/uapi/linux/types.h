#ifndef _UAPI_LINUX_TYPES_H
#define _UAPI_LINUX_TYPES_H
#include <asm/types.h>
typedef unsigned int __u32;
typedef unsigned long long __u64;
#endif
