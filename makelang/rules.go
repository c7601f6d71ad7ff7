package makelang

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// recipeSrc is one unexpanded recipe line with its position.
type recipeSrc struct {
	text string
	e    expr
	pos  Pos
}

// pendingRule is the rule being read: make records a rule only when the next non-recipe line arrives,
// because recipe lines follow the rule line.
type pendingRule struct {
	targets     []string
	doubleColon bool
	prereqs     []string
	orderOnly   []string
	static      bool
	staticPat   string
	recipe      []recipeSrc
	hasRecipe   bool
	pos         Pos
}

// fileEntry is what the scope knows of one file name: the merged single-colon rule, or its double-colon
// rules, and whether it was mentioned as a prerequisite.
type fileEntry struct {
	name      string
	isTarget  bool
	mentioned bool
	prereqs   []string
	orderOnly []string
	recipe    []recipeSrc
	hasRecipe bool
	recipePos Pos
	stem      string
	pos       Pos
	dc        []*dcRule
}

type dcRule struct {
	prereqs, orderOnly []string
	recipe             []recipeSrc
	pos                Pos
}

// patternRule is an implicit rule with one or more target patterns.
type patternRule struct {
	targets   []string
	prereqs   []string
	orderOnly []string
	recipe    []recipeSrc
	hasRecipe bool
	terminal  bool
	pos       Pos
}

// patternVars are the pattern-specific variables of one pattern.
type patternVars struct {
	pattern string
	vars    varTable
}

// vpathDir is one `vpath pattern dirs` directive.
type vpathDir struct {
	pattern string
	dirs    []string
}

func (c *ctx) evalRule(n *Rule) error {
	s := c.s
	targetsText, err := c.expandString(n.targets)
	if err != nil {
		return err
	}
	if n.Assign != nil {
		return c.evalTargetAssign(targetsText, n.Assign)
	}
	if n.NoColon {
		if strings.TrimSpace(targetsText) == "" {
			return nil
		}
		if strings.Contains(targetsText, ":") {
			// The colon came out of an expansion: read the expanded text as the line.
			f, err := Parse(n.Pos.File, []byte(targetsText))
			if err != nil {
				return &Error{Pos: n.Pos, Msg: err.Error()}
			}
			sub := &ctx{s: s, locals: c.locals}
			for _, nn := range f.Nodes {
				if r, ok := nn.(*Rule); ok {
					r.Pos = n.Pos
				}
			}
			return sub.evalNodes(f.Nodes)
		}
		return &Error{Pos: n.Pos, Msg: "missing separator"}
	}
	rest, err := c.expandString(n.rest)
	if err != nil {
		return err
	}
	pr := &pendingRule{targets: strings.Fields(targetsText), doubleColon: n.DoubleColon, pos: n.Pos}
	if i := strings.IndexByte(rest, ':'); i >= 0 {
		pats := strings.Fields(rest[:i])
		if len(pats) != 1 {
			return &Error{Pos: n.Pos, Msg: "multiple target patterns"}
		}
		pr.static, pr.staticPat = true, pats[0]
		rest = rest[i+1:]
	}
	for i, t := range pr.targets {
		pr.targets[i] = cleanName(t)
	}
	pr.staticPat = cleanName(pr.staticPat)
	oo := false
	forWords(rest, func(w string) {
		w = cleanName(w)
		switch {
		case w == "|":
			oo = true
		case oo:
			pr.orderOnly = append(pr.orderOnly, w)
		default:
			pr.prereqs = append(pr.prereqs, w)
		}
	})
	if n.HasRecipe {
		pr.hasRecipe = true
		pr.recipe = append(pr.recipe, recipeSrc{strings.TrimLeft(n.Recipe, blanks), n.recipe, n.Pos})
	}
	if len(pr.targets) == 0 {
		// make ignores a rule without targets, and its recipe.
		pr.targets = nil
	}
	s.pending = pr
	return nil
}

// evalTargetAssign records a target- or pattern-specific variable assignment.
func (c *ctx) evalTargetAssign(targets string, a *Assign) error {
	s := c.s
	name, err := c.expandString(a.name)
	if err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	origin := OriginFile
	if a.Mods.Override {
		origin = OriginOverride
	}
	if g := s.vars[name]; g != nil && !a.Mods.Override && (g.origin == OriginCommandLine || g.origin == OriginEnvironmentOverride) {
		return nil
	}
	for _, t := range strings.Fields(targets) {
		t = cleanName(t)
		var table varTable
		if strings.Contains(t, "%") {
			for _, pv := range s.pvars {
				if pv.pattern == t {
					table = pv.vars
				}
			}
			if table == nil {
				table = varTable{}
				s.pvars = append(s.pvars, &patternVars{t, table})
			}
		} else {
			if table = s.tvars[t]; table == nil {
				table = varTable{}
				s.tvars[t] = table
			}
		}
		if err := c.assign(name, a.Op, a.Value, a.value, origin, a.Mods, table); err != nil {
			return err
		}
	}
	s.resolved = nil
	return nil
}

// addRecipe appends a recipe line to the rule being read. A tab line with no rule is read as a normal line,
// as make does.
func (s *Scope) addRecipe(c *ctx, n *Recipe) error {
	if s.pending == nil {
		t := strings.TrimSpace(stripComment(collapse(n.Text)))
		if t == "" {
			return nil
		}
		f, err := Parse(n.Pos.File, []byte(t))
		if err != nil {
			return &Error{Pos: n.Pos, Msg: err.Error()}
		}
		if len(f.Nodes) == 1 {
			if _, ok := f.Nodes[0].(*Rule); !ok {
				return c.evalNodes(f.Nodes)
			}
		}
		return &Error{Pos: n.Pos, Msg: "recipe commences before first target"}
	}
	s.pending.hasRecipe = true
	s.pending.recipe = append(s.pending.recipe, recipeSrc{n.Text, n.text, n.Pos})
	return nil
}

func (s *Scope) entry(name string) *fileEntry {
	e := s.files[name]
	if e == nil {
		e = &fileEntry{name: name}
		s.files[name] = e
	}
	return e
}

// flushRule records the pending rule in the database.
func (s *Scope) flushRule() error {
	pr := s.pending
	if pr == nil {
		return nil
	}
	s.pending = nil
	s.resolved = nil
	if len(pr.targets) == 0 {
		return nil
	}
	pattern := false
	if !pr.static {
		for _, t := range pr.targets {
			if strings.Contains(t, "%") {
				pattern = true
			}
		}
	}
	if pattern {
		for _, t := range pr.targets {
			if !strings.Contains(t, "%") {
				return &Error{Pos: pr.pos, Msg: "mixed implicit and normal rules"}
			}
		}
		s.patterns = append(s.patterns, &patternRule{targets: pr.targets, prereqs: pr.prereqs,
			orderOnly: pr.orderOnly, recipe: pr.recipe, hasRecipe: pr.hasRecipe, terminal: pr.doubleColon, pos: pr.pos})
		return nil
	}
	for _, t := range pr.targets {
		prereqs, orderOnly, stem := pr.prereqs, pr.orderOnly, ""
		if pr.static {
			st, ok := matchPattern(pr.staticPat, t)
			if !ok {
				s.output(2, fmt.Sprintf("%s: target '%s' doesn't match the target pattern\n", pr.pos, t))
				continue
			}
			stem = st
			prereqs, orderOnly = substStem(pr.prereqs, st), substStem(pr.orderOnly, st)
		}
		e := s.entry(t)
		if !e.isTarget {
			s.order = append(s.order, t)
			e.pos = pr.pos
		}
		for _, p := range prereqs {
			s.entry(p).mentioned = true
		}
		if pr.doubleColon {
			if e.isTarget && len(e.dc) == 0 {
				return &Error{Pos: pr.pos, Msg: fmt.Sprintf("target file '%s' has both : and :: entries", t)}
			}
			e.isTarget = true
			e.dc = append(e.dc, &dcRule{prereqs: prereqs, orderOnly: orderOnly, recipe: pr.recipe, pos: pr.pos})
			e.prereqs = append(e.prereqs, prereqs...)
			continue
		}
		if len(e.dc) > 0 {
			return &Error{Pos: pr.pos, Msg: fmt.Sprintf("target file '%s' has both : and :: entries", t)}
		}
		e.isTarget = true
		if pr.hasRecipe {
			// make puts the prerequisites of the rule with the recipe first ($< is its first).
			e.prereqs = append(append([]string(nil), prereqs...), e.prereqs...)
			e.orderOnly = append(append([]string(nil), orderOnly...), e.orderOnly...)
			if e.hasRecipe && !strings.HasPrefix(t, ".") {
				s.output(2, fmt.Sprintf("%s: warning: overriding recipe for target '%s'\n", pr.recipe[0].pos, t))
				s.output(2, fmt.Sprintf("%s: warning: ignoring old recipe for target '%s'\n", e.recipePos, t))
			}
			e.recipe, e.hasRecipe, e.stem = pr.recipe, true, stem
			if len(pr.recipe) > 0 {
				e.recipePos = pr.recipe[0].pos
			}
		} else {
			e.prereqs = append(e.prereqs, prereqs...)
			e.orderOnly = append(e.orderOnly, orderOnly...)
			if stem != "" && e.stem == "" {
				e.stem = stem
			}
		}
		switch t {
		case ".EXPORT_ALL_VARIABLES":
			s.exportAll = true
			s.varGen++
		case ".SUFFIXES":
			if len(prereqs) == 0 {
				e.prereqs = nil
			}
		}
	}
	if dg := s.vars[".DEFAULT_GOAL"]; dg.value == "" {
		for _, t := range pr.targets {
			if !strings.HasPrefix(t, ".") || strings.Contains(t, "/") {
				dg.setSimple(t)
				break
			}
		}
	}
	return nil
}

// cleanName removes leading "./" from a file name, as make does for every target and prerequisite it
// records ("./built-in.a" is the file "built-in.a"; $@ is then "built-in.a").
func cleanName(name string) string {
	for len(name) > 2 && name[0] == '.' && name[1] == '/' {
		name = strings.TrimLeft(name[2:], "/")
	}
	return name
}

// substStem replaces the first '%' of each pattern with stem.
func substStem(pats []string, stem string) []string {
	if len(pats) == 0 {
		return nil
	}
	out := make([]string, len(pats))
	for i, p := range pats {
		out[i] = strings.Replace(p, "%", stem, 1)
	}
	return out
}

func (c *ctx) evalVpath(n *Vpath) error {
	s := c.s
	pat, err := c.expandString(n.pattern)
	if err != nil {
		return err
	}
	dirs, err := c.expandString(n.dirs)
	if err != nil {
		return err
	}
	pat = strings.TrimSpace(pat)
	ds := splitPath(dirs)
	switch {
	case pat == "":
		s.vpaths = nil
	case len(ds) == 0:
		kept := s.vpaths[:0:0]
		for _, v := range s.vpaths {
			if v.pattern != pat {
				kept = append(kept, v)
			}
		}
		s.vpaths = kept
	default:
		s.vpaths = append(s.vpaths, vpathDir{pat, ds})
	}
	s.resolved = nil
	return nil
}

// splitPath splits a search path at colons and blanks.
func splitPath(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == ' ' || r == '\t' })
}

// Target is how make would build one target, as Resolve found it.
type Target struct {
	// Name is the target as asked for.
	Name string
	// VPath is the path where directory search found the target when Name itself does not exist ("" when
	// not found or Name exists). make uses it only if the target needs no rebuild.
	VPath string
	// Prereqs are the normal prerequisites after directory search (each replaced by the path VPATH found),
	// in make's order: the prerequisites of the rule with the recipe (or of the implicit rule) first.
	// PrereqNames are the same before directory search.
	Prereqs, PrereqNames []string
	// OrderOnly and OrderOnlyNames are the order-only prerequisites, likewise.
	OrderOnly, OrderOnlyNames []string
	// Phony, Secondary, Intermediate, Precious are the special-target memberships.
	Phony, Secondary, Intermediate, Precious bool
	// HasRule is false for a file that exists (or will exist) and has no rule: a source.
	HasRule bool
	// Stem is $* (static pattern and implicit rules).
	Stem string
	// Pattern is the target pattern of the implicit rule used, "" for an explicit rule.
	Pattern string
	// Also are the other targets of the implicit rule used, its other target patterns with the same
	// stem: make runs the recipe once for all of them and counts them all made ($@ is the one it
	// needed first). Makefile.host's `$(obj)/%.tab.c $(obj)/%.tab.h: $(src)/%.y` is one bison run.
	Also []string
	// Recipe are the unexpanded recipe lines.
	Recipe []RecipeSource
	// RulePos is where the rule that supplies the recipe was defined.
	RulePos Pos
	// DoubleColon holds one Target per double-colon rule (each with its own prerequisites and recipe);
	// the outer Target then has the union of their prerequisites and no recipe.
	DoubleColon []*Target

	recipe []recipeSrc
	tvars  []varTable
}

// RecipeSource is one unexpanded recipe line.
type RecipeSource struct {
	Text string
	Pos  Pos
	// Recursive reports that the line references $(MAKE) or ${MAKE}: make runs such lines even under -n,
	// and a driver expands them early to find sub-makes.
	Recursive bool
}

// ErrNoRule is matched (errors.Is) by the error Resolve returns when no rule makes a missing target.
var ErrNoRule = errors.New("no rule to make target")

// NoRuleError is make's "No rule to make target" error.
type NoRuleError struct{ Target string }

// Error formats as make does (without the "needed by" part, which only the caller knows).
func (e *NoRuleError) Error() string { return fmt.Sprintf("No rule to make target '%s'", e.Target) }

// Is makes errors.Is(err, ErrNoRule) true.
func (e *NoRuleError) Is(target error) bool { return target == ErrNoRule }

// specialMember reports whether name is a prerequisite of special target special (.PHONY, ...).
func (s *Scope) specialMember(special, name string) bool {
	e := s.files[special]
	if e == nil {
		return false
	}
	if len(e.prereqs) == 0 && (special == ".SECONDARY") {
		return e.isTarget // `.SECONDARY:` alone: every target
	}
	for _, p := range e.prereqs {
		if p == name {
			return true
		}
	}
	return false
}

// IsPhony reports whether name is a prerequisite of .PHONY.
func (s *Scope) IsPhony(name string) bool { return s.specialMember(".PHONY", name) }

// Special returns the prerequisites of a special target (.PHONY, .SECONDARY, .DELETE_ON_ERROR, .NOTPARALLEL,
// .SUFFIXES, .INTERMEDIATE, .PRECIOUS ...) and whether it appeared as a target.
func (s *Scope) Special(name string) ([]string, bool) {
	e := s.files[name]
	if e == nil || !e.isTarget {
		return nil, false
	}
	return append([]string(nil), e.prereqs...), true
}

// Targets returns every target of an explicit rule, in the order they first got a rule.
func (s *Scope) Targets() []string {
	_ = s.flushRule()
	return append([]string(nil), s.order...)
}

// PatternTargets returns the target patterns of all pattern rules, in definition order.
func (s *Scope) PatternTargets() []string {
	_ = s.flushRule()
	var out []string
	for _, p := range s.patterns {
		out = append(out, p.targets...)
	}
	return out
}

// DefaultGoal returns $(.DEFAULT_GOAL): the first target of the first rule not starting with '.', unless
// the makefile set it.
func (s *Scope) DefaultGoal() string {
	_ = s.flushRule()
	v, _ := s.Var(".DEFAULT_GOAL")
	return strings.TrimSpace(v)
}

// exists reports whether a file exists or the caller says it will be produced.
func (s *Scope) exists(p string) bool {
	if s.opts.Exists != nil && s.opts.Exists(p) {
		return true
	}
	_, err := s.fs.Stat(s.abs(p))
	return err == nil
}

// known reports whether make knows p as a target or a mentioned prerequisite ("ought to exist").
func (s *Scope) known(p string) bool {
	e := s.files[p]
	return e != nil && (e.isTarget || e.mentioned)
}

// vpathSearch finds p through the vpath directives and VPATH, as GNU make's directory search does: each
// directory is prefixed to the whole name (dir/sub/file for sub/file).
func (s *Scope) vpathSearch(p string) string {
	if p == "" || strings.HasPrefix(p, "/") {
		return ""
	}
	try := func(dir string) string {
		cand := strings.TrimSuffix(dir, "/") + "/" + p
		if s.exists(cand) {
			return cand
		}
		if e := s.files[cand]; e != nil && e.isTarget {
			return cand
		}
		return ""
	}
	for _, v := range s.vpaths {
		if _, ok := matchPattern(v.pattern, p); !ok {
			continue
		}
		for _, d := range v.dirs {
			if f := try(d); f != "" {
				return f
			}
		}
	}
	vp, _ := s.Var("VPATH")
	for _, d := range splitPath(vp) {
		if f := try(d); f != "" {
			return f
		}
	}
	return ""
}

// findPrereq is a prerequisite's name after directory search: itself when it exists, is phony, or is a
// target of this scope (make would build it here), else the first VPATH match, else itself.
func (s *Scope) findPrereq(p string) string {
	if s.exists(p) || s.IsPhony(p) {
		return p
	}
	if e := s.files[p]; e != nil && e.isTarget {
		return p
	}
	if f := s.vpathSearch(p); f != "" {
		return f
	}
	return p
}

// Resolve decides how make would build target: its explicit rule with a recipe; else the first pattern
// rule (shortest stem first, then definition order) whose prerequisites all exist, ought to exist (are
// targets or mentioned prerequisites here, or Options.Exists says so) or are found through VPATH; else a
// pattern rule whose missing prerequisites can be made by further pattern rules (chains up to maxChain
// rules; make has no bound); else an explicit rule without recipe, .DEFAULT, or an existing file (HasRule
// false). Phony targets skip the implicit search, as in make. Results are cached until the rule database
// changes.
func (s *Scope) Resolve(target string) (*Target, error) {
	_ = s.flushRule()
	target = cleanName(target)
	if t := s.resolved[target]; t != nil {
		return t, nil
	}
	t, err := s.resolve(target)
	if err != nil {
		return nil, err
	}
	if s.resolved == nil {
		s.resolved = map[string]*Target{}
	}
	s.resolved[target] = t
	return t, nil
}

func (s *Scope) resolve(name string) (*Target, error) {
	e := s.files[name]
	t := &Target{Name: name, Phony: s.IsPhony(name), Secondary: s.specialMember(".SECONDARY", name),
		Intermediate: s.specialMember(".INTERMEDIATE", name), Precious: s.specialMember(".PRECIOUS", name)}
	t.tvars = s.targetVars(name)
	if !t.Phony && !s.exists(name) {
		t.VPath = s.vpathSearch(name)
	}
	if e != nil && len(e.dc) > 0 {
		t.HasRule = true
		for _, r := range e.dc {
			sub := &Target{Name: name, Phony: t.Phony, HasRule: true, recipe: r.recipe, RulePos: r.pos, tvars: t.tvars}
			s.setPrereqs(sub, r.prereqs, r.orderOnly)
			sub.setRecipe()
			t.DoubleColon = append(t.DoubleColon, sub)
		}
		s.setPrereqs(t, e.prereqs, nil)
		return t, nil
	}
	var prereqs, orderOnly []string
	if e != nil {
		prereqs, orderOnly = e.prereqs, e.orderOnly
	}
	switch {
	case e != nil && e.hasRecipe:
		t.HasRule, t.recipe, t.Stem, t.RulePos = true, e.recipe, e.stem, e.recipePos
	case !t.Phony:
		if m := s.implicit(name, 0); m != nil {
			t.HasRule, t.recipe, t.Stem, t.Pattern, t.RulePos = true, m.rule.recipe, m.stem, m.tpat, m.rule.pos
			t.Also = m.also
			prereqs = append(append([]string(nil), m.prereqs...), prereqs...)
			orderOnly = append(append([]string(nil), m.orderOnly...), orderOnly...)
			break
		}
		fallthrough
	default:
		if e != nil && e.isTarget {
			t.HasRule, t.Stem = true, e.stem
			break
		}
		if s.exists(name) || t.VPath != "" {
			break
		}
		if d := s.files[".DEFAULT"]; d != nil && d.hasRecipe {
			t.HasRule, t.recipe, t.RulePos = true, d.recipe, d.recipePos
			break
		}
		return nil, &NoRuleError{Target: name}
	}
	s.setPrereqs(t, prereqs, orderOnly)
	t.setRecipe()
	return t, nil
}

func (s *Scope) setPrereqs(t *Target, prereqs, orderOnly []string) {
	t.PrereqNames, t.OrderOnlyNames = prereqs, orderOnly
	t.Prereqs = make([]string, len(prereqs))
	for i, p := range prereqs {
		t.Prereqs[i] = s.findPrereq(p)
	}
	t.OrderOnly = make([]string, len(orderOnly))
	for i, p := range orderOnly {
		t.OrderOnly[i] = s.findPrereq(p)
	}
}

func (t *Target) setRecipe() {
	t.Recipe = make([]RecipeSource, len(t.recipe))
	for i, r := range t.recipe {
		t.Recipe[i] = RecipeSource{Text: r.text, Pos: r.pos, Recursive: isRecursive(r.text)}
	}
}

func isRecursive(text string) bool {
	return strings.Contains(text, "$(MAKE)") || strings.Contains(text, "${MAKE}")
}

// targetVars is the chain of target-specific tables for name, most specific first: the target's own, then
// the matching pattern-specific tables, later definitions first.
func (s *Scope) targetVars(name string) []varTable {
	var chain []varTable
	if tv := s.tvars[name]; tv != nil {
		chain = append(chain, tv)
	}
	for i := len(s.pvars) - 1; i >= 0; i-- {
		if _, ok := matchPattern(s.pvars[i].pattern, name); ok {
			chain = append(chain, s.pvars[i].vars)
		}
	}
	return chain
}

// patMatch is a pattern rule chosen for a target.
type patMatch struct {
	rule               *patternRule
	tpat, stem         string
	prereqs, orderOnly []string
	also               []string // the other targets of the rule, for this stem
}

// candidates lists the pattern rules with a recipe whose target patterns match name, shortest stem first.
func (s *Scope) candidates(name string) []*patMatch {
	var out []*patMatch
	for _, r := range s.patterns {
		if !r.hasRecipe {
			continue
		}
		for _, tp := range r.targets {
			m := matchRulePattern(r, tp, name)
			if m != nil {
				out = append(out, m)
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].stem) < len(out[j].stem) })
	return out
}

// matchRulePattern matches name against target pattern tp of r. A pattern without '/' is matched against
// the file part of name, and the directory is prefixed to the stem and to the prerequisites made from
// patterns, as make does.
func matchRulePattern(r *patternRule, tp, name string) *patMatch {
	dir, base := "", name
	if !strings.Contains(tp, "/") {
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			dir, base = name[:i+1], name[i+1:]
		}
	}
	st, ok := matchPattern(tp, base)
	if !ok {
		return nil
	}
	mk := func(pats []string) []string {
		out := make([]string, 0, len(pats))
		for _, p := range pats {
			if strings.Contains(p, "%") {
				out = append(out, dir+strings.Replace(p, "%", st, 1))
			} else {
				out = append(out, p)
			}
		}
		return out
	}
	var also []string
	for _, other := range r.targets {
		if other != tp {
			also = append(also, dir+strings.Replace(other, "%", st, 1))
		}
	}
	return &patMatch{rule: r, tpat: tp, stem: dir + st, prereqs: mk(r.prereqs), orderOnly: mk(r.orderOnly), also: also}
}

// maxChain bounds implicit rule chaining (make has no fixed bound; kernel makefiles chain at most once or
// twice, e.g. %.c from %.y then %.o from %.c).
const maxChain = 4

// implicit is make's implicit rule search (depth counts chained rules). A first pass takes the first
// candidate whose prerequisites all exist or ought to exist; a second pass allows prerequisites that a
// further (non-terminal, not match-anything) pattern rule can make.
func (s *Scope) implicit(name string, depth int) *patMatch {
	return s.implicitIn(name, depth, map[string]bool{name: true})
}

func (s *Scope) implicitIn(name string, depth int, chain map[string]bool) *patMatch {
	cands := s.candidates(name)
	ok := func(p string) bool { return s.exists(p) || s.known(p) || s.vpathSearch(p) != "" }
	for _, m := range cands {
		if depth > 0 && (m.rule.terminal || m.tpat == "%") {
			continue
		}
		all := true
		for _, p := range m.prereqs {
			if !ok(p) {
				all = false
				break
			}
		}
		if all {
			return m
		}
	}
	if depth+1 >= maxChain {
		return nil
	}
	for _, m := range cands {
		if m.rule.terminal || m.tpat == "%" {
			continue
		}
		all := true
		for _, p := range m.prereqs {
			if ok(p) {
				continue
			}
			if chain[p] {
				all = false
				break
			}
			chain[p] = true
			sub := s.implicitIn(p, depth+1, chain)
			delete(chain, p)
			if sub == nil {
				all = false
				break
			}
		}
		if all {
			return m
		}
	}
	return nil
}
