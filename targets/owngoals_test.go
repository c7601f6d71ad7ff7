package targets

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The own goals plan from the configuration the build will see: auto.conf, or .config when that is newer
// (conf writes auto.conf only when there is none, so `tinyconfig foo.config` leaves tinyconfig's).
func TestConfigFile(t *testing.T) {
	obj := t.TempDir()
	auto := filepath.Join(obj, "include/config/auto.conf")
	config := filepath.Join(obj, ".config")
	os.MkdirAll(filepath.Dir(auto), 0o777)
	write := func(path, data string, age time.Duration) {
		t.Helper()
		if err := os.WriteFile(path, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
		when := time.Now().Add(-age)
		os.Chtimes(path, when, when)
	}
	check := func(env []string, want string, modules string) {
		t.Helper()
		got := configFile(obj, env)
		if got != want {
			t.Errorf("configFile = %s, want %s", got, want)
		}
		m, err := readAutoConf(got)
		if err != nil {
			t.Fatal(err)
		}
		if m["CONFIG_MODULES"] != modules {
			t.Errorf("CONFIG_MODULES = %q, want %q", m["CONFIG_MODULES"], modules)
		}
	}

	write(config, "CONFIG_MODULES=y\n# CONFIG_BPF is not set\n", time.Hour)
	check(nil, config, "y") // no auto.conf yet
	write(auto, "CONFIG_X=y\n", 2*time.Hour)
	check(nil, config, "y") // auto.conf older: the build will sync it from .config
	write(auto, "CONFIG_MODULES=y\nCONFIG_X=y\n", 10*time.Minute)
	check(nil, auto, "y") // synced

	other := filepath.Join(obj, "other.config")
	write(other, "CONFIG_MODULES=m\n", 0)
	check([]string{"KCONFIG_CONFIG=other.config"}, other, "m")
}

// The saved command's prefix is read from the tree's cmd-check, as Kbuild.include wrote it.
func TestSavedPrefix(t *testing.T) {
	for _, c := range []struct{ check, want string }{
		// Linux 6.1's scripts/Kbuild.include
		{"$(filter-out $(subst $(space),$(space_escape),$(strip $(cmd_$@))), \\\n                         $(subst $(space),$(space_escape),$(strip $(cmd_$1))))", "cmd_"},
		// Linux 6.12's
		{"$(filter-out $(subst $(space),$(space_escape),$(strip $(savedcmd_$@))), \\\n                         $(subst $(space),$(space_escape),$(strip $(cmd_$1))))", "savedcmd_"},
		{"", "cmd_"},
		{"$(strip $(a b$@))", "cmd_"},
	} {
		if got := savedPrefix(c.check); got != c.want {
			t.Errorf("savedPrefix(%q) = %q, want %q", c.check, got, c.want)
		}
	}
}

func TestOnlyExists(t *testing.T) {
	if !onlyExists("$(if $(strip $(savedcmd_$@)),,1)") || !onlyExists(" $(if $(strip $(cmd_$@)),,1)\n") {
		t.Error("KBUILD_NOCMDDEP's cmd-check not recognised")
	}
	if onlyExists("$(filter-out $(subst $(space),$(space_escape),$(strip $(cmd_$@))), $(subst $(space),$(space_escape),$(strip $(cmd_$1))))") {
		t.Error("the comparing cmd-check taken for KBUILD_NOCMDDEP's")
	}
}
