x := $(shell printf 'a\nb\n\n')
$(info [$(x)] [$(.SHELLSTATUS)])
y := $(shell exit 3)
$(info [$(y)] [$(.SHELLSTATUS)])
z = $(shell echo lazy)
$(info [$(z)])
all: ; @:
