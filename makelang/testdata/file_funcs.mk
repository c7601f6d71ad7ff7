# files: src/a.c src/b.c src/sub/c.c inc/x.h
$(info [$(dir src/a.c b.c /x/y/)] [$(notdir src/a.c b.c dir/)] [$(suffix a.c b.tar.gz c d.x/y)] [$(basename a.c b.tar.gz d.x/y)])
$(info [$(wildcard src/*.c)] [$(wildcard src/*/*.c inc/*.h nope/*)] [$(wildcard src/a.c src/zz.c)])
$(info [$(abspath ./x/../y)] [$(notdir $(realpath src/a.c))] [$(realpath nope)])
all: ; @:
$(info [$(wildcard ./src/*.c)] [$(wildcard src/../src/sub/*.c)] [$(wildcard */)] [$(wildcard s*/*/)])
