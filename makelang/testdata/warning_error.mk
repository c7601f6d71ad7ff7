$(warning careful $(words a b))
$(info after)
X = 1
$(if $(X),$(error stop here $(X)))
$(info never)
all: ; @:
