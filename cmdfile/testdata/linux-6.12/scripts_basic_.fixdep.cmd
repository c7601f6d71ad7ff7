savedcmd_scripts/basic/fixdep := gcc -Wp,-MMD,scripts/basic/.fixdep.d -Wall -Wmissing-prototypes -Wstrict-prototypes -O2 -fomit-frame-pointer -std=gnu11   -I /tmp/TestLinuxTinyconfig6.121812521358/001/linux/scripts/include   -I ./scripts/basic   -o scripts/basic/fixdep /tmp/TestLinuxTinyconfig6.121812521358/001/linux/scripts/basic/fixdep.c   

source_scripts/basic/fixdep := /tmp/TestLinuxTinyconfig6.121812521358/001/linux/scripts/basic/fixdep.c

deps_scripts/basic/fixdep := \
    $(wildcard include/config/HIS_DRIVER) \
    $(wildcard include/config/MY_OPTION) \
    $(wildcard include/config/FOO) \
  /tmp/TestLinuxTinyconfig6.121812521358/001/linux/scripts/include/xalloc.h \

scripts/basic/fixdep: $(deps_scripts/basic/fixdep)

$(deps_scripts/basic/fixdep):
