define X
a = 1
$(warning w1)
b = 2
$(error boom)
endef

$(eval $(X))
all:;@:
