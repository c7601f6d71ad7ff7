# files: csrc/a.c hdr/a.h
vpath %.c csrc
vpath %.h hdr
a.o: a.c a.h
	echo cc $< $^ -o $@
all: a.o
