package kconfig

import (
	"bytes"
	"fmt"
	"strings"
)

// This file is conf.c's main: one run of conf in one of its modes. The make
// targets around it (tinyconfig, %.config, defconfig's file choice) are the
// tree's scripts/kconfig/Makefile's, which the build runs as written.

type defMode int

const (
	defDefault defMode = iota
	defYes
	defMod
	defNo
)

// reset returns every symbol to its state right after parsing, so that each
// conf run behaves like a fresh conf process without re-reading Kconfig (which
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
