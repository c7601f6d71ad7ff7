package kconfig

import (
	"fmt"
	"strings"
)

// Conf is conf's command line: `conf [-s] [--MODE[=FILE]] Kconfig`, as the tree's
// scripts/kconfig/Makefile writes its invocations ($< $(silent) --$@ $(Kconfig)). It loads Kconfig (the
// last argument; opts.Kconfig is ignored) and runs the mode, as one run of conf would. A mode it does
// not know is a usage error, as with conf.
func Conf(args []string, opts Options) error {
	mode, file := "oldaskconfig", ""
	kconfigFile := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-s" || a == "--silent":
			opts.Silent = true
		case a == "-h" || a == "--help":
			return &Error{Msg: "kconfig: conf --help is not supported", Input: true}
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			if name == "oldnoconfig" { // conf's old spelling
				name = "olddefconfig"
			}
			if !confModes[name] {
				return &Error{Msg: fmt.Sprintf("kconfig: conf: unknown option %q", a), Input: true}
			}
			mode, file = name, ""
			if name == "defconfig" || name == "savedefconfig" {
				if !hasVal {
					if i+1 >= len(args) {
						return &Error{Msg: fmt.Sprintf("kconfig: conf: option %q needs a file", a), Input: true}
					}
					i++
					val = args[i]
				}
				file = val
			}
		case strings.HasPrefix(a, "-"):
			return &Error{Msg: fmt.Sprintf("kconfig: conf: unknown option %q", a), Input: true}
		default:
			if kconfigFile != "" {
				return &Error{Msg: fmt.Sprintf("kconfig: conf: more than one Kconfig file (%q, %q)", kconfigFile, a), Input: true}
			}
			kconfigFile = a
		}
	}
	if kconfigFile == "" {
		return &Error{Msg: "kconfig: conf: Kconfig file missing", Input: true}
	}
	opts.Kconfig = kconfigFile
	c, err := Load(opts)
	if err != nil {
		return err
	}
	return c.run(mode, file)
}

// confModes are conf's mode options (its long_opts), each a value of run's mode.
var confModes = map[string]bool{
	"oldaskconfig": true, "oldconfig": true, "syncconfig": true, "defconfig": true, "savedefconfig": true,
	"allnoconfig": true, "allyesconfig": true, "allmodconfig": true, "alldefconfig": true, "randconfig": true,
	"listnewconfig": true, "helpnewconfig": true, "olddefconfig": true, "yes2modconfig": true,
	"mod2yesconfig": true, "mod2noconfig": true,
}
