Q = @
all:
	@echo silent
	-false ignored
	$(Q)echo via Q
	echo multi \
	  line
	echo 'has # hash'
