all: nothere
	echo never
