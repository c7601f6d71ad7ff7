# files: part1.mk
-include missing.mk
include $(wildcard part*.mk)
$(info [$(MAKEFILE_LIST)])
all: ; @:
