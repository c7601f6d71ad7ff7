package kconfig

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// This file is conf.c's main: the targets scripts/kconfig/Makefile maps to
// conf's modes, plus tinyconfig and "%.config" fragment merging, which the
// Makefile composes from merge_config.sh and other conf runs.

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

type defMode int

const (
	defDefault defMode = iota
	defYes
	defMod
	defNo
)

// reset returns every symbol to its state right after parsing, so that each
// Run behaves like a fresh conf process without re-reading Kconfig (which
// would re-run every $(shell,...) probe).
func (c *Config) reset() {
	const keep = flagConst | flagChoice | flagChoiceVal | flagOptional | flagNoWrite | flagWarned | flagChecked
	c.allSymbols(func(s *Symbol) {
		s.flags &= keep
		s.curr = symbolValue{}
		s.def = [defMax]symbolValue{}
		s.visible, s.dirTri, s.revTri, s.implTri = No, No, No, No
		for _, p := range s.props {
			p.visTri = No
		}
	})
	if c.dialect.ChoiceMenus {
		c.resetChoiceMembers()
	}
	c.modulesVal = No
	c.changed = true
	c.symWarnings, c.confWarnings = 0, 0
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

// run is conf's main() for one mode.
func (c *Config) run(mode, file string) error {
	c.reset()
	if mode == "randconfig" {
		c.setRandSeed()
	}
	sync := mode == "syncconfig"
	if sync {
		defer func(s bool) { c.opts.Silent = s }(c.opts.Silent)
		c.opts.Silent = true
	}
	switch mode {
	case "defconfig":
		ok, err := c.read(file)
		if err != nil {
			return err
		}
		if !ok {
			msg := fmt.Sprintf("***\n*** Can't find default configuration \"%s\"!\n***", file)
			c.errorf("%s\n", msg)
			return &Error{Msg: msg, Input: true}
		}
	case "savedefconfig", "syncconfig", "oldaskconfig", "oldconfig", "listnewconfig", "helpnewconfig", "olddefconfig",
		"yes2modconfig", "mod2yesconfig", "mod2noconfig":
		if _, err := c.read(""); err != nil {
			return err
		}
	case "allnoconfig", "allyesconfig", "allmodconfig", "alldefconfig", "randconfig":
		if name, ok := c.getenv("KCONFIG_ALLCONFIG"); ok {
			if name != "" && name != "1" {
				found, err := c.readSimple(name, defUser)
				if err != nil {
					return err
				}
				if !found {
					msg := fmt.Sprintf("*** Can't read seed configuration \"%s\"!", name)
					c.errorf("%s\n", msg)
					return &Error{Msg: msg, Input: true}
				}
			} else {
				fname := strings.TrimSuffix(mode, "config") + ".config"
				if mode == "randconfig" {
					fname = "allrandom.config"
				}
				found, err := c.readSimple(fname, defUser)
				if err == nil && !found {
					found, err = c.readSimple("all.config", defUser)
				}
				if err != nil {
					return err
				}
				if !found {
					msg := fmt.Sprintf("*** KCONFIG_ALLCONFIG set, but no \"%s\" or \"all.config\" file found", fname)
					c.errorf("%s\n", msg)
					return &Error{Msg: msg, Input: true}
				}
			}
		}
	}
	if _, ok := c.getenv("KCONFIG_WERROR"); ok && c.confWarnings > 0 {
		return &Error{Msg: "warnings treated as errors (KCONFIG_WERROR)"}
	}
	noWrite := false
	if sync {
		if v, ok := c.getenv("KCONFIG_NOSILENTUPDATE"); ok && v != "" {
			if c.changed {
				msg := "\n*** The configuration requires explicit update.\n"
				c.errorf("%s\n", msg)
				return &Error{Msg: strings.TrimSpace(msg)}
			}
			noWrite = true
		}
	}
	switch mode {
	case "allnoconfig":
		c.setAllNewSymbols(defNo)
	case "allyesconfig":
		c.setAllNewSymbols(defYes)
	case "allmodconfig":
		c.setAllNewSymbols(defMod)
	case "alldefconfig", "defconfig":
		c.setAllNewSymbols(defDefault)
	case "randconfig":
		pby, pty, ptm, err := c.probabilities()
		if err != nil {
			c.errorf("%s\n", err)
			return err
		}
		if c.dialect.ChoiceMenus {
			c.setAllNewSymbolsMenus(defDefault, true, pby, pty, ptm)
		} else {
			for c.setAllRandom(pby, pty, ptm) {
			}
		}
	case "yes2modconfig":
		c.rewriteTristates(Yes, Mod)
	case "mod2yesconfig":
		c.rewriteTristates(Mod, Yes)
	case "mod2noconfig":
		c.rewriteTristates(Mod, No)
	case "oldaskconfig", "oldconfig", "syncconfig", "listnewconfig", "helpnewconfig":
		d := c.newDialog(mode)
		if mode == "oldaskconfig" {
			// Ask everything once from the top, then as oldconfig.
			d.root = &c.root
			d.conf(&c.root)
			d.mode = "oldconfig"
		}
		if mode == "listnewconfig" {
			var b bytes.Buffer
			d.onNew = func(s *Symbol) {
				if s.Name != "" {
					c.printSymbol(&b, s, outputN, true)
				}
			}
			defer func() { c.opts.Stdout.Write(b.Bytes()) }()
		}
		if err := d.run(); err != nil {
			return err
		}
	}
	if _, ok := c.getenv("KCONFIG_WERROR"); ok && c.symWarnings > 0 {
		return &Error{Msg: "warnings treated as errors (KCONFIG_WERROR)"}
	}
	if mode == "savedefconfig" {
		if err := c.writeDefconfig(file); err != nil {
			msg := fmt.Sprintf("n*** Error while saving defconfig to: %s\n", file)
			c.errorf("%s\n", msg)
			return &Error{Msg: strings.TrimSpace(msg)}
		}
		return nil
	}
	if mode == "listnewconfig" || mode == "helpnewconfig" {
		return nil
	}
	if !noWrite {
		if err := c.write(""); err != nil {
			c.errorf("\n*** Error during writing of the configuration.\n\n")
			return err
		}
	}
	if err := c.writeAutoconf(sync); err != nil && sync {
		c.errorf("\n*** Error during sync of the configuration.\n\n")
		return err
	}
	return nil
}

// setAllNewSymbols is conf_set_all_new_symbols without the random mode.
func (c *Config) setAllNewSymbols(mode defMode) {
	if c.dialect.ChoiceMenus {
		c.setAllNewSymbolsMenus(mode, false, 0, 0, 0)
		return
	}
	c.allSymbols(func(s *Symbol) {
		if s.hasValue() || s.flags&flagValid != 0 {
			return
		}
		switch c.symType(s) {
		case TypeBool, TypeTristate:
			switch mode {
			case defYes:
				s.def[defUser].tri = Yes
			case defMod:
				s.def[defUser].tri = Mod
			case defNo:
				s.def[defUser].tri = No
			default:
				return
			}
			s.flags |= flagDefUser
		}
	})
	c.clearAllValid()
	c.allSymbols(func(cs *Symbol) {
		if (cs.isChoice() && !cs.hasValue()) || cs.isChoiceValue() {
			cs.flags |= flagNeedSetChoiceVals
		}
	})
	c.allSymbols(func(cs *Symbol) {
		if cs.hasValue() || !cs.isChoice() {
			return
		}
		c.calcValue(cs)
		c.setAllChoiceValues(cs)
	})
}

// rewriteTristates is conf_rewrite_tristates.
func (c *Config) rewriteTristates(old, new Tristate) {
	c.allSymbols(func(s *Symbol) {
		if c.symType(s) == TypeTristate && s.def[defUser].tri == old {
			s.def[defUser].tri = new
		}
	})
	c.clearAllValid()
}

// DefconfigList is the KCONFIG_DEFCONFIG_LIST scripts/kconfig/Makefile
// exports: the files olddefconfig and friends start from when there is no
// .config. release is `uname -r`; the host's own configuration files are
// only candidates when not cross compiling.
func DefconfigList(srcarch, kbuildDefconfig, release string, crossCompiling bool) string {
	if kbuildDefconfig == "" {
		kbuildDefconfig = "defconfig"
	}
	var l []string
	if !crossCompiling {
		l = append(l, "/lib/modules/"+release+"/.config", "/etc/kernel-config", "/boot/config-"+release)
	}
	l = append(l, "arch/"+srcarch+"/configs/"+kbuildDefconfig)
	return strings.Join(l, " ")
}
