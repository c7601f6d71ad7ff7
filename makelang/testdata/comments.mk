X = value # comment
Y = a\#b
Z := $(subst x,#,axb)
$(info [$(X)] [$(Y)] [$(Z)])
all: ; echo "# not a comment" # but this is in the shell
