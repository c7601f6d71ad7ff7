X = 1
undefine X
$(info [$(origin X)])
all: ; @:
