# files: lib/x.s y.c
%.o: %.c
	echo c $@
%.o: %.s
	echo s $@
lib/%.o: lib/%.s
	echo lib-s $@ $*
all: lib/x.o y.o
