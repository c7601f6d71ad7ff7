# files: p.y
%.c: %.y
	echo yacc $< -o $@
%.o: %.c
	echo cc $< -o $@
all: p.o
