package kconfig

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

// The make targets of scripts/kconfig/Makefile that kconfig's differential tests drive, composed from conf
// runs the way 6.1's and 6.12's Makefile composes them (tinyconfig, %.config through merge_config.sh -m,
// defconfig's choice of file), so that a test can compare kconfig with `make <target>` on a tree. Test
// code only: the build runs the tree's own recipes, and kbuild-go answers only conf (Conf).

// Targets returns the fixed target names Run accepts; Run also takes
// "%_defconfig" and "%.config" (fragment) names.
func Targets() []string {
	return []string{
		"config", "oldaskconfig", "olddefconfig", "oldconfig", "syncconfig", "defconfig", "savedefconfig",
		"allnoconfig", "allyesconfig", "allmodconfig", "alldefconfig",
		"listnewconfig", "helpnewconfig", "yes2modconfig", "mod2yesconfig", "mod2noconfig",
		"tinyconfig", "randconfig",
	}
}

// IsTarget reports whether Run handles target (including "%.config"
// fragment targets and "%_defconfig").
func IsTarget(target string) bool {
	for _, t := range Targets() {
		if t == target {
			return true
		}
	}
	return strings.HasSuffix(target, ".config") || strings.HasSuffix(target, "_defconfig")
}

// Run executes one configuration target in the object tree, as
// "make <target>" does through scripts/kconfig/Makefile. arg is the file for
// defconfig (default arch/$SRCARCH/configs/$KBUILD_DEFCONFIG) and
// savedefconfig (default "defconfig"); other targets ignore it.
func (c *Config) Run(target, arg string) error {
	switch {
	case target == "config":
		// "make config" is conf without a mode option: oldaskconfig.
		return c.run("oldaskconfig", "")
	case target == "tinyconfig":
		return c.tinyconfig()
	case strings.HasSuffix(target, "_defconfig"):
		srcarch, _ := c.getenv("SRCARCH")
		return c.run("defconfig", "arch/"+srcarch+"/configs/"+target)
	case target == "defconfig":
		if arg == "" {
			name, ok := c.getenv("KBUILD_DEFCONFIG")
			if !ok || name == "" {
				name = "defconfig"
			}
			srcarch, _ := c.getenv("SRCARCH")
			arg = "arch/" + srcarch + "/configs/" + name
			st, _ := c.getenv("srctree")
			if _, err := os.Stat(c.objPath(st + "/" + arg)); err != nil {
				// The Makefile then runs "make $(KBUILD_DEFCONFIG)", a
				// target the arch Makefile defines (e.g. powerpc's
				// ppc64_defconfig merges fragments); that is the make
				// driver's job.
				if !c.opts.Silent {
					c.stdoutf("*** Default configuration is based on target '%s'\n", name)
				}
				return &Error{Msg: fmt.Sprintf("kconfig: defconfig is the make target %q", name), Input: true}
			}
			if !c.opts.Silent {
				c.stdoutf("*** Default configuration is based on '%s'\n", name)
			}
		}
		return c.run("defconfig", arg)
	case target == "savedefconfig":
		if arg == "" {
			arg = "defconfig"
		}
		return c.run(target, arg)
	case strings.HasSuffix(target, ".config"):
		return c.fragment(target)
	}
	for _, t := range Targets() {
		if t == target {
			return c.run(target, arg)
		}
	}
	return &Error{Msg: fmt.Sprintf("kconfig: unknown target %q", target), Input: true}
}

// tinyconfig is scripts/kconfig/Makefile's recipe:
// KCONFIG_ALLCONFIG=kernel/configs/tiny-base.config allnoconfig, then the
// tiny.config fragment target.
func (c *Config) tinyconfig() error {
	saved, had := c.env["KCONFIG_ALLCONFIG"]
	c.env["KCONFIG_ALLCONFIG"] = "kernel/configs/tiny-base.config"
	err := c.run("allnoconfig", "")
	if had {
		c.env["KCONFIG_ALLCONFIG"] = saved
	} else {
		delete(c.env, "KCONFIG_ALLCONFIG")
	}
	if err != nil {
		return err
	}
	return c.fragment("tiny.config")
}

// fragment is the "%.config" rule: merge_config.sh -m .config with
// $(srctree)/kernel/configs/<name> and $(srctree)/arch/$(SRCARCH)/configs/<name>
// (those that exist), then olddefconfig.
func (c *Config) fragment(name string) error {
	srcarch, _ := c.getenv("SRCARCH")
	st, _ := c.getenv("srctree")
	var frags []string
	for _, f := range []string{"kernel/configs/" + name, "arch/" + srcarch + "/configs/" + name} {
		if _, err := os.Stat(c.objPath(st + "/" + f)); err == nil {
			frags = append(frags, st+"/"+f)
		}
	}
	if len(frags) == 0 {
		return &Error{Msg: "No configuration exists for this target on this architecture", Input: true}
	}
	if err := c.mergeConfig(".config", frags); err != nil {
		return err
	}
	return c.run("olddefconfig", "")
}

// grepWord reports whether line contains word as grep -w matches it.
func grepWord(line, word string) bool {
	isWord := func(b byte) bool {
		return b == '_' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
	}
	for i := 0; ; {
		k := strings.Index(line[i:], word)
		if k < 0 {
			return false
		}
		k += i
		end := k + len(word)
		if (k == 0 || !isWord(line[k-1])) && (end == len(line) || !isWord(line[end])) {
			return true
		}
		i = k + 1
	}
}

// mergeConfig is scripts/kconfig/merge_config.sh -m (no make run), with its
// messages: for each fragment, every symbol it sets is deleted from the
// merged text (sed "/$CFG[ =]/d") and the fragment is appended after an
// empty line; the result overwrites base in place (cp -T).
func (c *Config) mergeConfig(base string, frags []string) error {
	exp := regexp.MustCompile(`^(CONFIG_[a-zA-Z0-9_]*)=.*|^# (CONFIG_[a-zA-Z0-9_]*) is not set$`)
	path := c.objPath(base)
	data, err := os.ReadFile(path)
	if err != nil {
		c.errorf("The base file '%s' does not exist. Creating one...\n", base)
		data = nil
	}
	lines := func(s string) []string {
		s = strings.TrimSuffix(s, "\n")
		if s == "" {
			return nil
		}
		return strings.Split(s, "\n")
	}
	words := func(ls []string) string { return strings.Join(strings.Fields(strings.Join(ls, " ")), " ") }
	c.stdoutf("Using %s as base\n", base)
	tmp := string(data)
	for _, f := range frags {
		c.stdoutf("Merging %s\n", f)
		fd, err := os.ReadFile(c.objPath(f))
		if err != nil {
			msg := fmt.Sprintf("The merge file '%s' does not exist.  Exit.", f)
			c.errorf("%s\n", msg)
			return &Error{Msg: msg, Input: true}
		}
		frag := string(fd)
		for _, l := range lines(frag) {
			m := exp.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			cfg := m[1] + m[2]
			var prev, next []string
			for _, t := range lines(tmp) {
				if grepWord(t, cfg) {
					prev = append(prev, t)
				}
			}
			if prev == nil {
				continue
			}
			for _, t := range lines(frag) {
				if grepWord(t, cfg) {
					next = append(next, t)
				}
			}
			if strings.Join(prev, "\n") != strings.Join(next, "\n") {
				c.stdoutf("Value of %s is redefined by fragment %s:\n", cfg, f)
				c.stdoutf("%s\n", words([]string{"Previous  value:", words(prev)}))
				c.stdoutf("%s\n\n", words([]string{"New value:      ", words(next)}))
			}
			del := regexp.MustCompile(regexp.QuoteMeta(cfg) + "[ =]")
			var kept []string
			for _, t := range strings.SplitAfter(tmp, "\n") {
				if t != "" && !del.MatchString(strings.TrimSuffix(t, "\n")) {
					kept = append(kept, t)
				}
			}
			tmp = strings.Join(kept, "")
		}
		tmp += "\n" + frag
	}
	if err := os.WriteFile(path, []byte(tmp), 0o644); err != nil {
		return err
	}
	c.stdoutf("#\n# merged configuration written to %s (needs make)\n#\n", base)
	return nil
}
