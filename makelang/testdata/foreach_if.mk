list = a b c
$(info [$(foreach x,$(list),<$(x)>)])
$(info [$(if $(list),yes,no)] [$(if ,yes,no)] [$(if  ,yes)] [$(if x,a,b,c)])
$(info [$(or ,, b ,c)] [$(and a,b,c)] [$(and a,,c)] [$(or)])
$(info [$(foreach d,x y,$(foreach e,1 2,$(d)$(e)))])
all: ; @:
