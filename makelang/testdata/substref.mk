objs := a.o b.o dir/c.o
$(info $(objs:.o=.c) $(objs:%.o=%.s) $(objs:dir/%=x/%))
n = objs
$(info $($(n):.o=.d))
x_y = computed
p = x
$(info $($(p)_y) $$ $$$$)
all: ; @:
