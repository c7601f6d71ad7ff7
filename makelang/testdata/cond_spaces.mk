ifeq ( a , a )
$(info spaced-eq)
endif
ifeq ($(empty),)
$(info empty-eq)
endif
ifneq "$(x)" ""
$(info wrong)
else
$(info quoted)
endif
all: ; @:
ifeq (a ,a)
$(info trailing-a1-stripped)
endif
ifeq (a,a )
$(info never-a2-trailing)
endif
