# files: src/a.c src/b.c
VPATH = src
all: a.o b.o
%.o: %.c
	echo cc $< -o $@ all=$^
