# env: OLD=old
export NEW = new
export PLAIN
PLAIN = plain
HIDDEN = hidden
unexport OLD
all:
	echo "$$NEW $$PLAIN $$HIDDEN $$OLD"
