# files: src.c
out/x.o: src.c | out
	echo build $@ from $^ oo $|
out:
	echo mkdir $@
all: out/x.o
