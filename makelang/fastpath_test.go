package makelang

import (
	"slices"
	"testing"
)

// TestCommandArgv: which recipe lines GNU make 4.3 runs without a shell, and the words it gives the
// program (job.c's construct_command_argv_internal, Unix).
func TestCommandArgv(t *testing.T) {
	for _, c := range []struct {
		line string
		argv []string // nil: the shell's
	}{
		{"gcc -c -o a.o a.c", []string{"gcc", "-c", "-o", "a.o", "a.c"}},
		{"  \tscripts/kconfig/mconf  Kconfig", []string{"scripts/kconfig/mconf", "Kconfig"}},
		{"sh -c 'kill -ABRT $$'", []string{"sh", "-c", "kill -ABRT $$"}},
		{"echo 'a  b' c\\\nd", []string{"echo", "a  b", "cd"}},
		{"echo a \\\n   b", []string{"echo", "a", "b"}},
		{`echo a\ b \;`, []string{"echo", "a b", ";"}},
		{`echo "a b"`, nil}, // '"' is one of make's shell characters
		{"prog '' x ''", []string{"prog", "", "x", ""}},
		{"prog x ", []string{"prog", "x"}},
		{"env X=1 prog", []string{"env", "X=1", "prog"}},
		{"true", []string{"true"}},
		{"echo'x'", []string{"echox"}},
		{"X=1 prog", nil},
		{"cd dir", nil},
		{"test -f x", nil},
		{"exit 1", nil},
		{":", nil},
		{"set -e", nil},
		{"a; b", nil},
		{"echo $HOME", nil},
		{"echo ~", nil},
		{"a > b", nil},
		{"a | b", nil},
		{"echo 'open", nil},
		{"a\nb", nil},
		{"echo *.c", nil},
	} {
		argv, ok := CommandArgv(c.line)
		if ok != (c.argv != nil) || !slices.Equal(argv, c.argv) {
			t.Errorf("CommandArgv(%q) = %q, %v; want %q", c.line, argv, ok, c.argv)
		}
	}
	if argv, ok := CommandArgv(" \t"); !ok || argv != nil {
		t.Errorf("a blank line: %q, %v", argv, ok)
	}
}
