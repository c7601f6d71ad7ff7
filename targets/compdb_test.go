package targets

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// archiveMembers lists what `ar t` lists: thin and regular archives, short and long names, an archive of
// archives flattened as GNU ar's T writes it, and members moved by `ar m` (6.1's head objects).
func TestArchiveMembers(t *testing.T) {
	if _, err := exec.LookPath("ar"); err != nil {
		t.Fatal("ar (binutils) is needed: make deps installs it")
	}
	dir := t.TempDir()
	ar := func(args ...string) string {
		cmd := exec.Command("ar", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("ar %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	var objs []string
	for _, n := range []string{"a.o", "sub/with_a_rather_long_file_name.o", "sub/b.o", "head.o"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(n)), 0o777)
		os.WriteFile(filepath.Join(dir, n), []byte("object "+n), 0o666)
		objs = append(objs, n)
	}
	ar(append([]string{"cDPrST", "sub/built-in.a"}, objs[1:3]...)...)
	ar("cDPrST", "built-in.a", "a.o", "sub/built-in.a", "head.o")
	ar("mPiT", "a.o", "built-in.a", "head.o") // 6.1's vmlinux.a: head objects first
	ar(append([]string{"cDPrs", "regular.a"}, objs...)...)
	for _, a := range []string{"sub/built-in.a", "built-in.a", "regular.a"} {
		got, err := archiveMembers(filepath.Join(dir, a))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Fields(ar("t", a))
		if a != "regular.a" {
			for i, w := range want {
				want[i] = filepath.Join(dir, w)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, ar t %q", a, got, want)
		}
	}
	if _, err := archiveMembers(filepath.Join(dir, "a.o")); err == nil {
		t.Error("a.o read as an archive")
	}
}
