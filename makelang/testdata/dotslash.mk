# files: x.c
./out.o: ./x.c
	echo $@ $<
all: out.o
