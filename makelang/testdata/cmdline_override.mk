# args: X=cmd Y=cmd Z+=z
X = file
override Y = over
Z = base
W = w
$(info X=$(X) Y=$(Y) Z=$(Z) $(origin X) $(origin Y) $(origin Z))
$(info O=[$(MAKEOVERRIDES)])
all: ; echo $(X) $(Y)
