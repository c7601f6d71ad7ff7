package dag

import (
	"reflect"
	"testing"
)

func TestParseDepfile(t *testing.T) {
	for _, tc := range []struct {
		name, in      string
		targets, deps []string
		wantErr       bool
	}{
		{name: "simple", in: "a.o: a.c a.h\n", targets: []string{"a.o"}, deps: []string{"a.c", "a.h"}},
		{name: "continuations", in: "a.o: a.c \\\n  include/x.h \\\n  include/y.h\n",
			targets: []string{"a.o"}, deps: []string{"a.c", "include/x.h", "include/y.h"}},
		{name: "crlf continuations", in: "a.o: a.c \\\r\n b.h\r\n", targets: []string{"a.o"}, deps: []string{"a.c", "b.h"}},
		{name: "escaped spaces", in: `a.o: my\ file.c dir\ x/h.h` + "\n",
			targets: []string{"a.o"}, deps: []string{"my file.c", "dir x/h.h"}},
		{name: "backslash before space", in: `a.o: a\\\ b.h c\\ d.h` + "\n",
			targets: []string{"a.o"}, deps: []string{`a\ b.h`, `c\`, "d.h"}},
		{name: "dollar and hash", in: "a.o: x$$y.h \\#z.h\n", targets: []string{"a.o"}, deps: []string{"x$y.h", "#z.h"}},
		{name: "several targets", in: "a.o a.lst: a.c\n", targets: []string{"a.o", "a.lst"}, deps: []string{"a.c"}},
		{name: "MP phony entries", in: "a.o: a.c a.h\n\na.h:\n", targets: []string{"a.o"}, deps: []string{"a.c", "a.h"}},
		{name: "several rules deduplicated", in: "a.o: a.c a.h\na.o: a.h b.h\n",
			targets: []string{"a.o"}, deps: []string{"a.c", "a.h", "b.h"}},
		{name: "colon inside a path", in: "a.o: c:/x.h\n", targets: []string{"a.o"}, deps: []string{"c:/x.h"}},
		{name: "no trailing newline", in: "a.o: a.c", targets: []string{"a.o"}, deps: []string{"a.c"}},
		{name: "target without colon", in: "a.o a.c\n", wantErr: true},
		{name: "colon without target", in: ": a.c\n", wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseDepfile([]byte(tc.in))
			if tc.wantErr {
				if err == nil {
					t.Fatalf("no error, got %+v", d)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Targets, tc.targets) || !reflect.DeepEqual(d.Deps, tc.deps) {
				t.Errorf("got targets %q deps %q, want %q %q", d.Targets, d.Deps, tc.targets, tc.deps)
			}
		})
	}
}

func TestCommandsEqual(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		eq   bool
	}{
		{"gcc -c -o a.o a.c", "gcc  -c\t-o a.o   a.c ", true},
		{"gcc -c -o a.o a.c", "gcc -c -o a.o b.c", false},
		{"gcc -DX='a b'", "gcc -DX='a  b'", true}, // make compares words; so does Kbuild
		{"gcc -c a.c", "gcc a.c -c", false},       // order matters
	} {
		if got := CommandsEqual(tc.a, tc.b); got != tc.eq {
			t.Errorf("CommandsEqual(%q, %q) = %v", tc.a, tc.b, got)
		}
		if got := KeyHash(tc.a) == KeyHash(tc.b); got != tc.eq {
			t.Errorf("KeyHash equality of %q, %q = %v", tc.a, tc.b, got)
		}
	}
	if KeyHash("  ") != 0 {
		t.Error("empty command must hash to 0")
	}
}
