# files: tree/kernel/fork.c
obj := kernel
obj-y := fork.o exit.o
obj-$(CONFIG_X) += x.o
obj-y += sub/
real-obj-y := $(patsubst %/,%/built-in.a,$(obj-y))
real-obj-y := $(addprefix $(obj)/,$(real-obj-y))
squote := '
escsq = $(subst $(squote),'\$(squote)',$1)
cmd_cc = gcc -c -o $@ $<
quiet_cmd_cc = CC $@
cmd = @set -e; echo '  $(call escsq,$(quiet_cmd_$(1)))'; $(cmd_$(1))
$(info $(real-obj-y))
VPATH := tree
$(obj)/%.o: $(obj)/%.c FORCE
	$(call cmd,cc)
all: kernel/fork.o
FORCE:
.PHONY: FORCE
