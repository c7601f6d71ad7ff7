X = global
%.o: X = pattern
special.o: X = target
all: a.o special.o b.c
%.o:
	echo $@ $(X)
%.c:
	echo $@ $(X)
