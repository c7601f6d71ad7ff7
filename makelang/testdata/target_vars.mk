CFLAGS = -O2
a.o: CFLAGS += -g
b.o: CFLAGS := -Os $(CFLAGS)
c.o: override CFLAGS = -O0
all: a.o b.o c.o d.o
%.o:
	echo $@ $(CFLAGS)
CFLAGS += -Wall
