# files: q.w
%.y: %.w
	echo w2y $< $@
%.c: %.y
	echo yacc $< -o $@
%.o: %.c
	echo cc $< -o $@
all: q.o
