#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H
#include <uapi/linux/types.h>
#ifndef __KERNEL__
#error kernel-internal header compiled without __KERNEL__
#endif
typedef _Bool bool;
typedef struct { int counter; } atomic_t;
#endif
