package dag

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// formatDepfile writes one rule as gcc escapes names: `\ ` for a space, `\#` for '#', `$$` for '$'.
func formatDepfile(target string, deps []string) string {
	esc := strings.NewReplacer(" ", `\ `, "#", `\#`, "$", "$$")
	var b strings.Builder
	b.WriteString(esc.Replace(target) + ":")
	for _, d := range deps {
		b.WriteString(" \\\n  " + esc.Replace(d))
	}
	b.WriteString("\n")
	return b.String()
}

// FuzzDepfile feeds arbitrary bytes to the depfile parser: it must not panic, and what it parses must
// come back the same when written the way gcc writes it and parsed again. The seeds are depfile shapes
// gcc, fixdep's input and -MP produce.
func FuzzDepfile(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "fork.o.d")); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"kernel/fork.o: kernel/fork.c include/linux/kconfig.h \\\n include/generated/autoconf.h\n",
		"a.o b.o: a\\ b.h c\\#d.h e$$f.h\n\na\\ b.h:\n",
		"x.o: \\\r\n  y.h\r\n",
		"t: a\\\\ b\n",
		"t:: a\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDepfile(data)
		if err != nil || len(d.Deps) == 0 {
			return
		}
		for _, dep := range d.Deps {
			if dep == "" || strings.ContainsAny(dep, ":\\\n\r\t") || strings.TrimSpace(dep) != dep {
				return // names gcc would not write this way
			}
		}
		again, err := ParseDepfile([]byte(formatDepfile("t", d.Deps)))
		if err != nil {
			t.Fatalf("reparse of %q: %v", formatDepfile("t", d.Deps), err)
		}
		if !reflect.DeepEqual(again.Deps, d.Deps) {
			t.Fatalf("deps %q came back as %q", d.Deps, again.Deps)
		}
	})
}
