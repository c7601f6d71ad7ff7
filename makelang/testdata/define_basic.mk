define two-lines
echo first
echo second
endef
define simple :=
$(X) value
endef
X = late
define nested
define inner
x
endef
endef
$(info [$(simple)] [$(flavor simple)])
$(info [$(value nested)])
all:
	@$(two-lines)
	$(two-lines)
