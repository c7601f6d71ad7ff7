define rule_x
	@echo step1 $@
	echo step2 $<
endef
# files: in.txt
out: in.txt
	$(rule_x)
