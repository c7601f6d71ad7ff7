package targets

import (
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	for _, tt := range []struct{ a, b, want string }{
		{"gcc -O2 -c a.c", "gcc -O2 -c a.c", ""},
		{"gcc -O2 -c a.c", "gcc -Os -c a.c", "+-Os --O2"},
		{"gcc -c a.c", "gcc -DX -c a.c", "+-DX"},
		{"gcc -DX -c a.c", "gcc -c a.c", "--DX"},
		{"ld -o vmlinux >/dev/null", "ld -o vmlinux", "->/dev/null"},
		{"a b c d e", "x y", "+x +y -a -b (3 more)"},
	} {
		if got := wordDiff(strings.Fields(tt.a), strings.Fields(tt.b), 4); got != tt.want {
			t.Errorf("wordDiff(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestConfigSymbol(t *testing.T) {
	for rel, want := range map[string]string{
		"include/config/SMP":            "CONFIG_SMP",
		"include/config/LOG_BUF_SHIFT":  "CONFIG_LOG_BUF_SHIFT",
		"include/config/foo/bar.h":      "CONFIG_FOO_BAR", // before 5.13
		"include/config/auto.conf":      "",
		"include/config/kernel.release": "",
		"include/linux/sched.h":         "",
	} {
		got, ok := configSymbol(rel)
		if got != want || ok != (want != "") {
			t.Errorf("configSymbol(%q) = %q, %v; want %q", rel, got, ok, want)
		}
	}
}
