# files: a.c b.c
%.o: %.c
	echo cc $< -o $@ stem $*
all: a.o b.o
	echo all $^
