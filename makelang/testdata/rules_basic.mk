# files: a.c b.c
all: prog
prog: a.o b.o
	echo link $@ from $^ first $<
a.o: a.c
	echo cc $< -o $@
b.o: b.c
	echo cc $< -o $@
