/* uapi asm/types.h: nothing needed */
