reverse = $(2) $(1)
$(info $(call reverse,a,b))
pair = [$(1)|$(2)|$(3)]
$(info $(call pair,x) $(call pair,x,y,z))
define make-rule
$(1): ; @echo rule $(1) $$@
endef
$(foreach t,foo bar,$(eval $(call make-rule,$(t))))
$(eval V := evaluated)
$(info V=$(V))
nest = $(call pair,$(1),in)
$(info $(call nest,out))
all: foo bar
