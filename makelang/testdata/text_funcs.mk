l := c b a b  d
$(info [$(sort $(l))] [$(strip  a   b  )] [$(words $(l))] [$(word 2,$(l))] [$(wordlist 2,3,$(l))])
$(info [$(firstword $(l))] [$(lastword $(l))] [$(findstring b a,x b a y)] [$(findstring q,abc)])
$(info [$(subst a,A,banana)] [$(patsubst %.c,%.o,x.c y.h z.c)] [$(patsubst a,b,a aa a)])
$(info [$(filter %.c %.h,a.c b.h c.s)] [$(filter-out %.c,a.c b.h c.s)])
$(info [$(join a b c,1 2)] [$(addprefix p/,x y)] [$(addsuffix .o,x y)])
all: ; @:
