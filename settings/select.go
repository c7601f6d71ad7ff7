package settings

import (
	"fmt"
	"os"
	"strings"
)

// Programs on the command line.
//
// BPF_PROGS=LIST (a kbuild-go command-line variable, or the environment) chooses what the bpf goal builds:
// a comma-separated list whose words are either names of programs of the bpf section (build only those) or
// C source files, relative to the directory kbuild-go was started in, built as extra programs with
// BPF_MODE=core|kernel|uapi (default core) and BPF_TARGETS=bpfel,bpfeb (default bpfel). Without BPF_PROGS
// the bpf goal builds every program of the bpf section.

// CommandLine is what the command line says about eBPF programs: the values of BPF_PROGS, BPF_MODE and
// BPF_TARGETS, each "" when not given.
type CommandLine struct {
	Progs, Mode, Targets string
}

// Select returns the programs the bpf goal builds: those of b (nil when there is no bpf section) that
// cl.Progs names, or all of them, plus the source files cl.Progs names (relative to startDir, checked as
// the file's entries are). Errors name the variable: `BPF_PROGS: no such program or file "x"`.
func Select(b *Bpf, cl CommandLine, startDir string) ([]Program, error) {
	var have []Program
	if b != nil {
		have = b.Programs
	}
	if strings.TrimSpace(cl.Progs) == "" {
		if len(have) == 0 {
			return nil, &Error{File: "bpf", Msg: "no programs to build: give them in the bpf: section of " + FileName + " or with BPF_PROGS=file.bpf.c"}
		}
		return append([]Program(nil), have...), nil
	}
	var targets []Target
	for _, t := range strings.Split(cl.Targets, ",") {
		if t = strings.TrimSpace(t); t != "" {
			targets = append(targets, Target(t))
		}
	}
	byName := map[string]Program{}
	for _, p := range have {
		byName[p.Name] = p
	}
	var out []Program
	var errs ErrorList
	names := map[string]bool{}
	for _, w := range strings.Split(cl.Progs, ",") {
		if w = strings.TrimSpace(w); w == "" {
			continue
		}
		p, ok := byName[w]
		if !ok {
			if st, err := os.Stat(resolvePath(startDir, w)); err != nil || st.IsDir() {
				errs = append(errs, &Error{File: "BPF_PROGS", Msg: fmt.Sprintf("no such program or file %q", w)})
				continue
			}
			p = Program{Source: w, Mode: Mode(cl.Mode), Targets: append([]Target(nil), targets...)}
			for _, pr := range p.resolve(startDir) {
				v := "BPF_PROGS"
				switch {
				case strings.HasPrefix(pr.key, ".mode"):
					v = "BPF_MODE"
				case strings.HasPrefix(pr.key, ".targets"):
					v = "BPF_TARGETS"
				}
				errs = append(errs, &Error{File: v, Msg: pr.msg})
			}
		}
		if names[p.Name] {
			errs = append(errs, &Error{File: "BPF_PROGS", Msg: fmt.Sprintf("program name %q is used twice", p.Name)})
			continue
		}
		names[p.Name] = true
		out = append(out, p)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func resolvePath(dir, p string) string {
	if strings.HasPrefix(p, "/") {
		return p
	}
	return dir + "/" + p
}
