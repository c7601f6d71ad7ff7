package makelang

import "testing"

// The forms are GNU make 4.3's (checked by hand with `make` and makeflags_recipe.txtar's differential).
func TestFlags(t *testing.T) {
	for _, c := range []struct{ in, all, parse string }{
		{"", "", ""},
		{"s", "s", "s"},
		{"s -rR --include-dir=/src --no-print-directory", "rRs -I/src --no-print-directory", "rRs --no-print-directory"},
		{"ks --no-print-directory -- V=1", "ks --no-print-directory", "ks --no-print-directory"},
		{"-- V=1", "", ""},
		{"krR -I/a -j2 --jobserver-auth=3,4 --no-print-directory", "krR -I/a --no-print-directory", "krR --no-print-directory"},
		{"--no-print-directory", " --no-print-directory", " --no-print-directory"},
		{"-I /a -I/b --include-dir=/a", " -I/a -I/b", ""},
		{"eiw -l3 -Otarget --warn-undefined-variables", "eiw -l3 -Otarget --warn-undefined-variables", "eiw --warn-undefined-variables"},
		{"s --no-silent -B --keep-going --quiet", "Bks", "Bks"},
		{"-s --no-silent", "", ""},
		{"V=1", "", ""},
	} {
		f := ParseFlags(c.in)
		if got := f.String(); got != c.all {
			t.Errorf("ParseFlags(%q).String() = %q, want %q", c.in, got, c.all)
		}
		if got := f.ParseTime(); got != c.parse {
			t.Errorf("ParseFlags(%q).ParseTime() = %q, want %q", c.in, got, c.parse)
		}
	}
	m := ParseFlags("rR -I/src").Merge(ParseFlags("ks --no-print-directory"))
	if got := m.String(); got != "krRs -I/src --no-print-directory" {
		t.Errorf("Merge: %q", got)
	}
}
