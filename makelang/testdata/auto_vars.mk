# files: a b c
t: a b a | c
	echo @=$@ '<'=$< ^=$^ +=$+ '|'=$| '?'=$?
