t:
	echo old
t:
	echo new
