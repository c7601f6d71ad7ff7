# files: src/a.c src/a.h
objs = src/a.o
%.o: %.c %.h
	echo cc $< $(word 2,$^) -o $@ stem=$* D=$(@D) F=$(@F) $(<D) $(<F)
all: $(objs)
