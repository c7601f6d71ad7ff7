X = a
all:
ifeq ($(X),a)
	echo yes
else
	echo no
endif
	echo after
