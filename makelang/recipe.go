package makelang

import "strings"

// AutoVars is what only the caller (the build engine) knows when a recipe runs.
type AutoVars struct {
	// Target overrides $@ (default: Target.Name).
	Target string
	// Newer are the prerequisites newer than the target ($?).
	Newer []string
	// Parents are the targets whose building caused this one, nearest first. make lets a target inherit
	// the target-specific variables of the target that needs it (except `private` ones); the rule
	// database cannot know that chain, so the caller passes it.
	Parents []*Target
	// NewerRead, when set, is set to true if the expansion read $? (the recipe then depends on which
	// prerequisites were newer, not only on the rule).
	NewerRead *bool
}

// RecipeLine is one command make would run, after late expansion. A recipe source line whose expansion
// holds several lines (a define used as a canned recipe) gives several RecipeLines, as in make.
type RecipeLine struct {
	// Text is the command without its @/-/+ prefixes; backslash-newlines are kept for the shell.
	Text string
	// Silent (@), IgnoreErr (-), Always (+: run even under -n).
	Silent, IgnoreErr, Always bool
	// Recursive reports that the unexpanded source line references $(MAKE) or ${MAKE}.
	Recursive bool
	// Pos is the recipe source line's position.
	Pos Pos
}

// autoVars holds the automatic variables of one recipe expansion.
type autoVars struct {
	at, first, all, plus, oo, newer, stem string
	newerRead                             *bool
}

func (a *autoVars) get(name string) (string, bool) {
	if len(name) == 0 || len(name) > 2 {
		return "", false
	}
	var v string
	switch name[0] {
	case '@':
		v = a.at
	case '<':
		v = a.first
	case '^':
		v = a.all
	case '+':
		v = a.plus
	case '|':
		v = a.oo
	case '?':
		v = a.newer
		if a.newerRead != nil {
			*a.newerRead = true
		}
	case '*':
		v = a.stem
	case '%':
		v = ""
	default:
		return "", false
	}
	if len(name) == 1 {
		return v, true
	}
	switch name[1] {
	case 'D':
		return joinWordsString(v, func(w string) string {
			if i := strings.LastIndexByte(w, '/'); i > 0 {
				return w[:i]
			} else if i == 0 {
				return "/"
			}
			return "."
		}), true
	case 'F':
		return joinWordsString(v, notdir), true
	}
	return "", false
}

func joinWordsString(text string, f func(string) string) string {
	return string(joinWords(nil, text, f))
}

// dedup returns the words of list without repeats, keeping first occurrences ($^ and $|).
func dedup(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := make([]string, 0, len(list))
	for _, w := range list {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// recipeCtx is the expansion context of t's recipe.
func (s *Scope) recipeCtx(t *Target, auto AutoVars) *ctx {
	c := &ctx{s: s, auto: newAutoVars(t, auto), tvars: t.tvars, own: len(t.tvars)}
	if len(auto.Parents) > 0 {
		c.tvars = append([]varTable(nil), t.tvars...)
		for _, p := range auto.Parents {
			c.tvars = append(c.tvars, p.tvars...)
		}
	}
	return c
}

func newAutoVars(t *Target, auto AutoVars) *autoVars {
	av := &autoVars{at: t.Name, stem: t.Stem}
	if auto.Target != "" {
		av.at = auto.Target
	}
	if len(t.Prereqs) > 0 {
		av.first = t.Prereqs[0]
	}
	av.all = strings.Join(dedup(t.Prereqs), " ")
	av.plus = strings.Join(t.Prereqs, " ")
	av.oo = strings.Join(dedup(t.OrderOnly), " ")
	av.newer = strings.Join(dedup(auto.Newer), " ")
	av.newerRead = auto.NewerRead
	return av
}

// ExpandRecipe expands t's recipe late, as make does just before running it: with the automatic variables
// ($@ $< $^ $+ $| $? $* and their D/F forms) and the target- and pattern-specific variables of t in force.
// Each expanded line is split at newlines not escaped by a backslash; leading blanks and @/-/+ prefixes are
// stripped into flags; lines that expand to nothing are dropped.
func (s *Scope) ExpandRecipe(t *Target, auto AutoVars) ([]RecipeLine, error) {
	c := s.recipeCtx(t, auto)
	var lines []RecipeLine
	for _, r := range t.recipe {
		c.pos = r.pos
		text, err := c.expandString(r.e)
		if err != nil {
			return nil, err
		}
		rec := isRecursive(r.text)
		for _, l := range splitRecipe(text) {
			rl := RecipeLine{Recursive: rec, Pos: r.pos}
			l = strings.TrimLeft(l, " \t")
		prefix:
			for l != "" {
				switch l[0] {
				case '@':
					rl.Silent = true
				case '-':
					rl.IgnoreErr = true
				case '+':
					rl.Always = true
				case ' ', '\t':
				default:
					break prefix
				}
				l = l[1:]
			}
			if l == "" {
				continue
			}
			rl.Text = l
			lines = append(lines, rl)
		}
	}
	return lines, nil
}

// splitRecipe splits an expanded recipe line at newlines that do not follow a backslash.
func splitRecipe(text string) []string {
	if !strings.Contains(text, "\n") {
		return []string{text}
	}
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' && !(i > 0 && text[i-1] == '\\') {
			out = append(out, text[start:i])
			start = i + 1
		}
	}
	return append(out, text[start:])
}

// ExpandIn expands text in t's recipe context (automatic and target-specific variables), e.g. for a driver
// that reads `cmd_$@` or a Recursive line's sub-make arguments early.
func (s *Scope) ExpandIn(t *Target, auto AutoVars, text string) (string, error) {
	e, err := s.cache.expr(text)
	if err != nil {
		return "", err
	}
	c := s.recipeCtx(t, auto)
	c.pos = t.RulePos
	return c.expandString(e)
}
