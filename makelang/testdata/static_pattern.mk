# files: foo.c bar.c
objs = foo.o bar.o
$(objs): %.o: %.c
	echo cc $< -o $@ stem=$*
all: $(objs)
