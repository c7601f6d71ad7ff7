a = $(b)
b = 1
c := $(b)
b = 2
d ?= x
d ?= y
e = one
e += two
f := s
f += $(b)
g ::= gg
h != echo hello; echo world
$(info a=$(a) c=$(c) d=$(d) e=$(e) f=$(f) g=$(g) h=$(h))
$(info $(flavor a) $(flavor c) $(flavor e) $(flavor f) $(flavor h) $(flavor nope))
$(info $(origin a) $(origin nope) $(origin MAKE_VERSION) $(origin HOME) $(origin CURDIR))
all: ; @echo done
