A = yes
ifeq ($(A),yes)
$(info eq1)
else
$(info neq1)
endif
ifeq "$(A)" "no"
$(info eq2)
else ifeq '$(A)' 'yes'
$(info elseif2)
else
$(info else2)
endif
ifneq ($(A), yes)
$(info bad)
endif
ifdef A
$(info defA)
endif
E =
ifdef E
$(info defE)
else
$(info undefE)
endif
ifndef NOPE
$(info nope-undef)
endif
R = $(E)
ifdef R
$(info R-defined)
endif
ifeq ($(strip  ),)
$(info empty)
endif
all: ; @:
