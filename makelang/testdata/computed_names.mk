CONFIG_A = y
CONFIG_B = m
obj-y :=
obj-m :=
obj-$(CONFIG_A) += a.o
obj-$(CONFIG_B) += b.o
obj-$(CONFIG_C) += c.o
$(info y=[$(obj-y)] m=[$(obj-m)] empty=[$(obj-)])
all: ; @:
