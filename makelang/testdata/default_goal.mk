.PHONY: first
.hidden: ; echo hidden
first: ; echo first
second: ; echo second
$(info goal=$(.DEFAULT_GOAL))
