# env: FROMENV=envval
v = $(w) lit
w = ww
$(info [$(value v)] [$(v)])
$(info [$(origin FROMENV)] [$(FROMENV)] [$(origin v)] [$(origin @)])
override o = 1
$(info [$(origin o)])
FROMENV = changed
$(info [$(origin FROMENV)] [$(FROMENV)])
all: ; @echo $(origin @) $@
