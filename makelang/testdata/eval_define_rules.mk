PROGS = p1 p2
p1_OBJS = a.o
p2_OBJS = b.o c.o
define PROG_template
$(1): $$($(1)_OBJS)
	echo link $$@ from $$^
ALL += $(1)
endef
$(foreach p,$(PROGS),$(eval $(call PROG_template,$(p))))
%.o:
	echo cc $@
all: $(PROGS)
	echo all $(ALL)
