X = 1
Y = 2
ifeq ($(X),1)
  ifeq ($(Y),3)
    $(info no)
  else ifeq ($(Y),2)
    $(info X1Y2)
  endif
  Z = z
else
  Z = w
endif
ifneq ($(Z),)
ifdef Z
$(info Z=$(Z))
endif
endif
all: ; @:
