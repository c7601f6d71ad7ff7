first: ; echo first
second: ; echo second
.DEFAULT_GOAL := second
