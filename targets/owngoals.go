package targets

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kbuild-go/kbuild-go/dag"
)

// kbuild-go's own goals are the few a kernel tree does not have: they build on the tree's goals (needs)
// and add edges of their own to the same graph, after the tree's goals they need. Everything a tree
// decides (which files a header package holds, how a goal is built) is still read from the tree; an own
// goal only adds what make has no word for.
type ownGoal struct {
	// help is the line `kbuild-go help` would show.
	help string
	// needs returns the tree goals the goal builds on, given the configuration.
	needs func(x *ownContext) ([]string, error)
	// add adds the goal's edges to x.d's graph and returns the goal's node; needed are the nodes of the
	// tree goals needs named (all of them: they run before anything of the goal).
	add func(x *ownContext, needed []*dag.Node) (*dag.Node, error)
}

// ownGoals are kbuild-go's own goals by name (explicit, no init-time registration).
func ownGoals() map[string]*ownGoal {
	return map[string]*ownGoal{
		"headers-pkg": headersPkgGoal,
		"bpf":         bpfGoal,
	}
}

// ownContext is what an own goal sees of the invocation.
type ownContext struct {
	ctx     context.Context
	req     Request
	d       *driver
	src     string // the source tree, absolute
	obj     string // the output tree, absolute
	env     []string
	cmdline cmdVars
	// config is include/config/auto.conf, read once (symbol → value, with CONFIG_ prefix).
	config map[string]string
}

// splitOwnGoals separates kbuild-go's own goals from the tree's, keeping each list's order.
func splitOwnGoals(goals []string) (tree []string, own []string) {
	known := ownGoals()
	for _, g := range goals {
		if _, ok := known[g]; ok {
			own = append(own, g)
		} else {
			tree = append(tree, g)
		}
	}
	return tree, own
}

// buildWithOwnGoals builds tree goals and own goals in one graph: the top scope is evaluated for the tree
// goals plus everything the own goals need, then the own goals' edges are added on top.
func buildWithOwnGoals(ctx context.Context, req Request, sm subMake, env []string, own []string) error {
	obj, err := objTree(sm, env)
	if err != nil {
		return err
	}
	x := &ownContext{ctx: ctx, req: req, src: sm.dir, obj: obj, env: env, cmdline: sm.cmdline}
	if x.config, err = readAutoConf(configFile(obj, env)); err != nil {
		return &InputError{Err: err}
	}
	known := ownGoals()
	goals := append([]string(nil), sm.goals...)
	for _, g := range own {
		needs, err := known[g].needs(x)
		if err != nil {
			return err
		}
		for _, n := range needs {
			if !contains(goals, n) {
				goals = append(goals, n)
			}
		}
	}
	d := newDriver(req.make, req.Stdout, req.Stderr, env, req.shell, newStatCache())
	d.exe = req.Self
	d.build = func(d *driver, nodes []*dag.Node) error { return runGraph(ctx, req, d, nodes) }
	d.topFlags = topFlags(req.Invocation)
	d.topGoals = req.Invocation.Targets
	x.d = d
	var nodes []*dag.Node
	if len(goals) > 0 {
		sm.goals = goals
		sc, err := d.scopeFor(sm, env, makeLevel(env), nil)
		if err != nil {
			return err
		}
		defer d.leaveTop(sc)
		if nodes, err = sc.goals(goals, nil); err != nil {
			return err
		}
	}
	all := nodes
	for _, g := range own {
		n, err := known[g].add(x, nodes)
		if err != nil {
			return err
		}
		all = append(all, n)
	}
	if req.onGraph != nil {
		defer req.onGraph(d)
	}
	if err := d.build(d, all); err != nil {
		return err
	}
	return d.afterBuild(req, sm)
}

// configFile is the configuration the own goals plan from: include/config/auto.conf, unless the
// KCONFIG_CONFIG file (.config) is newer or auto.conf is missing, as after `tinyconfig foo.config` (conf
// writes auto.conf only when there is none): then the build's syncconfig derives auto.conf from .config,
// so .config is what the build will see.
func configFile(obj string, env []string) string {
	auto := filepath.Join(obj, "include/config/auto.conf")
	config := ".config"
	for _, e := range env {
		if v, ok := strings.CutPrefix(e, "KCONFIG_CONFIG="); ok && v != "" {
			config = v
		}
	}
	if !filepath.IsAbs(config) {
		config = filepath.Join(obj, config)
	}
	a, errA := os.Stat(auto)
	c, errC := os.Stat(config)
	if errC == nil && (errA != nil || c.ModTime().After(a.ModTime())) {
		return config
	}
	return auto
}

// readAutoConf reads the CONFIG_ assignments of an auto.conf or a .config (kconfig's own output format:
// one CONFIG_X=value per line, strings quoted; "# CONFIG_X is not set" lines are comments).
func readAutoConf(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.HasPrefix(k, "CONFIG_") {
			m[k] = v
		}
	}
	return m, nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// funcEdge adds a phony edge running a Go step after inputs; desc is its quiet line.
func funcEdge(d *driver, name, dir, desc string, inputs []*dag.Node, run func(ctx context.Context, stdout, stderr io.Writer) error) (*dag.Node, error) {
	n := d.g.Phony(name)
	_, err := d.g.AddEdge(&dag.Edge{Key: name, Outputs: []*dag.Node{n}, Inputs: inputs, Phony: true,
		Plan: func(pc *dag.PlanContext) (*dag.Command, error) {
			return &dag.Command{Dir: dir, Description: desc, Func: func(ctx context.Context, _ dag.FS, stdout, stderr io.Writer) error {
				return run(ctx, stdout, stderr)
			}}, nil
		}})
	return n, err
}

// errorf makes an own goal's failure a build failure with its message (exit 1).
func errorf(format string, args ...any) error {
	return &BuildError{Msg: fmt.Sprintf(format, args...)}
}
