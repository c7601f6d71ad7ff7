# files: tree/kernel/fork.c tree/kernel/exit.c
srctree := tree
VPATH := $(srctree)
obj := kernel
src := $(obj)
$(obj)/%.o: $(src)/%.c FORCE
	echo CC $@ from $< stem $* all $(filter-out FORCE,$^)
all: kernel/fork.o kernel/exit.o
FORCE:
.PHONY: FORCE all
