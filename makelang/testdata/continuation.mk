X = a \
    b \
	c
$(info [$(X)])
Y = one\
two
$(info [$(Y)])
all: ; @:
