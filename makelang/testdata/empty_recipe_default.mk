all: quiet other
quiet: ;
.DEFAULT:
	echo default for $@
