# files: srcdir/m.c srcdir/n.c
VPATH = srcdir
objs := m.o n.o
$(objs): %.o: %.c
	echo cc $< -o $@ $^
all: $(objs)
