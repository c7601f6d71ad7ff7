package makelang

import (
	"slices"
	"strings"
)

// Flags are make's switches as MAKEFLAGS carries them from one make to the next: decoded from any form a
// MAKEFLAGS value takes (make's own "rRs -I/src --no-print-directory", a makefile's `MAKEFLAGS += -rR`,
// a command line's "-ks"), and written back the way GNU make 4.3's define_makeflags writes them.
type Flags struct {
	letters     string   // the single-letter switches without arguments that are on
	IncludeDirs []string // -I DIR / --include-dir=DIR, in order, without repeats
	args        []string // the other switches with an argument, as make writes them: -l3, -Otarget
	long        []string // long-only switches that are on: no-print-directory, trace, warn-undefined-variables
}

// The switches in the order of make 4.3's switch table, which is the order define_makeflags writes them in.
const flagLetters = "BdehikLnpqrRsStvw"

var longFlags = []string{"trace", "no-print-directory", "warn-undefined-variables"}

// longLetters are the long names of the single-letter switches.
var longLetters = map[string]byte{
	"always-make": 'B', "environment-overrides": 'e', "ignore-errors": 'i', "keep-going": 'k',
	"check-symlink-times": 'L', "just-print": 'n', "dry-run": 'n', "recon": 'n', "print-data-base": 'p',
	"question": 'q', "no-builtin-rules": 'r', "no-builtin-variables": 'R', "silent": 's', "quiet": 's',
	"stop": 'S', "no-keep-going": 'S', "touch": 't', "print-directory": 'w',
}

// ParseFlags decodes a MAKEFLAGS value as make's decode_env_switches does: a first word without a dash is
// a group of letters, "--" ends the switches (command-line variables follow it). Switches make does not
// pass on (-j, --jobserver-auth, -C, -f) are dropped.
func ParseFlags(v string) Flags {
	var f Flags
	words := strings.Fields(v)
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "--":
			return f
		case i == 0 && !strings.HasPrefix(w, "-"):
			if strings.Contains(w, "=") {
				return f // MAKEFLAGS holding only variable definitions
			}
			f.addLetters(w)
		case strings.HasPrefix(w, "--"):
			name, arg, hasArg := strings.Cut(w[2:], "=")
			switch {
			case name == "include-dir":
				if !hasArg && i+1 < len(words) {
					i++
					arg = words[i]
				}
				f.addInclude(arg)
			case name == "no-silent":
				f.letters = strings.ReplaceAll(f.letters, "s", "")
			case longLetters[name] != 0:
				f.addLetters(string(longLetters[name]))
			case slices.Contains(longFlags, name):
				if !slices.Contains(f.long, name) {
					f.long = append(f.long, name)
				}
			case name == "load-average" || name == "output-sync":
				f.addArg(map[string]string{"load-average": "-l", "output-sync": "-O"}[name] + arg)
			}
		case len(w) > 1 && w[0] == '-':
			// A group of letters; I, l and O take the rest of the word (or the next word for -I).
			for j := 1; j < len(w); j++ {
				switch c := w[j]; c {
				case 'I':
					arg := w[j+1:]
					if arg == "" && i+1 < len(words) {
						i++
						arg = words[i]
					}
					f.addInclude(arg)
					j = len(w)
				case 'l', 'O', 'j', 'C', 'f', 'o', 'W', 'E':
					if c == 'l' || c == 'O' {
						f.addArg("-" + string(c) + w[j+1:])
					} else if w[j+1:] == "" && c != 'j' && i+1 < len(words) {
						i++
					}
					j = len(w)
				default:
					f.addLetters(string(c))
				}
			}
		}
	}
	return f
}

func (f *Flags) addLetters(ls string) {
	for i := 0; i < len(ls); i++ {
		if strings.IndexByte(flagLetters, ls[i]) >= 0 && strings.IndexByte(f.letters, ls[i]) < 0 {
			f.letters += ls[i : i+1]
		}
	}
}

func (f *Flags) addInclude(dir string) {
	if dir != "" && !slices.Contains(f.IncludeDirs, dir) {
		f.IncludeDirs = append(f.IncludeDirs, dir)
	}
}

func (f *Flags) addArg(a string) {
	if !slices.Contains(f.args, a) {
		f.args = append(f.args, a)
	}
}

// Has reports whether the single-letter switch c is on.
func (f Flags) Has(c byte) bool { return strings.IndexByte(f.letters, c) >= 0 }

// HasLong reports whether the long-only switch name (no-print-directory, trace, warn-undefined-variables)
// is on.
func (f Flags) HasLong(name string) bool { return slices.Contains(f.long, name) }

// Merge adds o's switches to f's.
func (f Flags) Merge(o Flags) Flags {
	r := Flags{letters: f.letters, IncludeDirs: slices.Clone(f.IncludeDirs), args: slices.Clone(f.args), long: slices.Clone(f.long)}
	r.addLetters(o.letters)
	for _, d := range o.IncludeDirs {
		r.addInclude(d)
	}
	for _, a := range o.args {
		r.addArg(a)
	}
	for _, l := range o.long {
		if !slices.Contains(r.long, l) {
			r.long = append(r.long, l)
		}
	}
	return r
}

// WithPrintDirectory is make 4.3's decision to print "Entering directory" (taken before it reads the
// makefiles, so a makefile's `MAKEFLAGS += --no-print-directory` only reaches its sub-makes): -w, or -C
// given or a sub-make (level > 0) unless -s; never with --no-print-directory. The flags returned have "w"
// exactly when it prints, as $(MAKEFLAGS) shows them.
func (f Flags) WithPrintDirectory(changedDir bool, level int) Flags {
	on := !f.HasLong("no-print-directory") && (f.Has('w') || (changedDir || level > 0) && !f.Has('s'))
	r := f.Merge(Flags{})
	r.letters = strings.ReplaceAll(r.letters, "w", "")
	if on {
		r.addLetters("w")
	}
	return r
}

// String writes the switches as GNU make 4.3 sets MAKEFLAGS once it has read its makefiles (and passes it
// to recipes and sub-makes): the letters as one word, then -I/-l/-O with their arguments, then the long
// options. `make -k -s -I/src --no-print-directory` gives "ks -I/src --no-print-directory".
func (f Flags) String() string { return f.format(true) }

// ParseTime is MAKEFLAGS as make shows it while it reads the makefiles: only the switches without an
// argument ("ks --no-print-directory").
func (f Flags) ParseTime() string { return f.format(false) }

func (f Flags) format(all bool) string {
	var words []string
	var letters []byte
	for i := 0; i < len(flagLetters); i++ {
		if strings.IndexByte(f.letters, flagLetters[i]) >= 0 {
			letters = append(letters, flagLetters[i])
		}
	}
	if len(letters) > 0 {
		words = append(words, string(letters))
	}
	if all {
		for _, d := range f.IncludeDirs {
			words = append(words, "-I"+d)
		}
		for _, p := range []string{"-l", "-O"} {
			for _, a := range f.args {
				if strings.HasPrefix(a, p) {
					words = append(words, a)
				}
			}
		}
	}
	for _, l := range longFlags {
		if slices.Contains(f.long, l) {
			words = append(words, "--"+l)
		}
	}
	s := strings.Join(words, " ")
	if len(letters) == 0 && s != "" {
		// make writes a leading blank when there are no letters: MAKEFLAGS=" --no-print-directory"
		s = " " + s
	}
	return s
}
