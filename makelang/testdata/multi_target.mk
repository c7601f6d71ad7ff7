# files: in.y
all: one two
one two: in.y
	echo make $@ from $<
%.tab.c %.tab.h: %.y
	echo bison $< for $@ stem $*
all: in.tab.c
