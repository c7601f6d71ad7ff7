# files: x.c y.h z.h
x.o: y.h
x.o: x.c
	echo cc $< all=$^
x.o: z.h
all: x.o
.PHONY: all
