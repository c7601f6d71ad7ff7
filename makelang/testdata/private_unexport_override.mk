# args: C=cmd
C = file
override D = d1
D = d2
override D += d3
$(info [$(C)] [$(D)])
all: ; @:
