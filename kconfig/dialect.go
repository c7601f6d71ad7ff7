package kconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Dialect is which behaviour of scripts/kconfig/conf a kernel tree has, where
// conf changed between the kernels kbuild-go answers for (6.1 and 6.12) in a
// way that shows in its outputs. It is read from the tree's own
// scripts/kconfig sources, never from VERSION/PATCHLEVEL: each field below
// names the text of the C source it is decided by (its evidence), so a later
// kernel whose sources still say the same gets the same behaviour.
//
// The zero Dialect except SymbolHashSize is 6.1's conf; DefaultDialect is the
// whole of it, used for a tree without scripts/kconfig (testdata trees).
type Dialect struct {
	// SymbolHashSize is SYMBOL_HASHSIZE, the bucket count of the symbol hash
	// table whose order for_all_symbols walks (auto.conf, autoconf.h and
	// rustc_cfg are written in it). Evidence: "#define SYMBOL_HASHSIZE" in
	// expr.h (9973, up to 6.9) or internal.h ("(1U << 14)" since 6.10).
	SymbolHashSize int

	// AutoconfCmdParseOrder: include/config/auto.conf.cmd starts with
	// "autoconfig := include/config/auto.conf" and lists the Kconfig files
	// in the order the parse first read them, followed by "$(autoconfig):
	// $(deps_config)", "$(deps_config): ;" and the environment checks, each
	// after a blank line and naming $(autoconfig) (6.12: the text is built
	// during conf_parse). Otherwise the list is newest file first and the
	// rules spell the file name out (6.1). Evidence: `"autoconfig := %s\n"`
	// in confdata.c.
	AutoconfCmdParseOrder bool

	// ChoiceMenus is 6.11's choice rework. A choice is an unnamed bool menu
	// entry with a prompt and a list of bool members in priority order (the
	// last value read or picked first); which member is y is computed from
	// that list whenever a member is (sym_calc_choice), and the choice has
	// no value of its own. There are no tristate, optional or named
	// choices ("optional" is no keyword). conf_set_all_new_symbols and
	// randconfig walk the menu tree instead of the symbol hash table, one
	// rand() per symbol; conf_read_simple no longer reports choice
	// overrides and conf_read no longer forgets user values of invisible
	// or out-of-range symbols; savedefconfig, oldconfig's choice question
	// and the dependency checks go by the choice's menu entry. Evidence:
	// "struct symbol *sym_calc_choice(struct menu *choice)" in symbol.c.
	ChoiceMenus bool

	// NumberDefaultZero: an int or hex symbol without a value is "0" or
	// "0x0", not "" (sym_calc_value, sym_get_string_default; 6.10).
	// Evidence: `newval.val = "0x0";` in symbol.c.
	NumberDefaultZero bool

	// RecursiveDepNoPositions: the "recursive dependency detected!" report
	// has no file:line prefixes, and names a choice by the location of its
	// block (6.11). Evidence: `fprintf(stderr, "error: recursive dependency
	// detected!\n");` in symbol.c.
	RecursiveDepNoPositions bool

	// ParseOrderChecks: after the parse, the dependency checks run over the
	// menu tree in order instead of the symbol hash table, and each
	// choice's members are checked (no defaults, no prompt outside the
	// choice) as errors (6.11). Evidence: "choice_check_sanity" in
	// parser.y.
	ParseOrderChecks bool

	// ExprImmutable: expressions are hash-consed and never modified
	// (6.12), and two simplifications changed with that, which shows in the
	// dependencies help texts and warnings print: expr_eliminate_yn folds
	// a node only when an operand is y or n, and expr_eliminate_dups works
	// bottom-up and folds y and n every round (see
	// simplify_immutable.go). Evidence: "expr_lookup(enum expr_type type,
	// void *l, void *r)" in expr.c.
	ExprImmutable bool

	// TopLevelEOFNoEOL: the end of the top Kconfig file is the end of
	// input, with no end of line before it (sourced files still end with
	// one), so a statement on its last line without a newline is a syntax
	// error (6.12's lexer keeps no buffer for the top file). Evidence:
	// "if (current_buf) {\n\t\tzconf_endfile();" in lexer.l.
	TopLevelEOFNoEOL bool

	// SyntaxErrorStatementLine: bison's "syntax error" names the line of
	// the statement, not the one after it. Evidence: `fprintf(stderr,
	// "%s:%d: %s\n", cur_filename, cur_lineno, err);` in parser.y.
	SyntaxErrorStatementLine bool

	// StringAnswerEOFError: when an int, hex or string question's default
	// is rejected and standard input is at its end, conf stops with
	// "error: no value for new symbol 'X' at end of input" instead of
	// asking again forever (a Debian 6.12 fix). Evidence: "no value for
	// new symbol '%s' at end of input" in conf.c.
	StringAnswerEOFError bool
}

// DefaultDialect is 6.1's conf, for trees whose scripts/kconfig cannot be
// read.
func DefaultDialect() Dialect { return Dialect{SymbolHashSize: 9973} }

var (
	symbolHashSizeRe = regexp.MustCompile(`(?m)^#define[ \t]+SYMBOL_HASHSIZE[ \t]+(\S.*)$`)
	shiftRe          = regexp.MustCompile(`^\(1U? << (\d+)\)$`)
)

// evidence is the text each bool field of Dialect is decided by: the field
// is true when the file of scripts/kconfig contains the text.
var evidence = []struct {
	file, text string
	field      func(*Dialect) *bool
}{
	{"confdata.c", `"autoconfig := %s\n"`, func(d *Dialect) *bool { return &d.AutoconfCmdParseOrder }},
	{"symbol.c", "struct symbol *sym_calc_choice(struct menu *choice)", func(d *Dialect) *bool { return &d.ChoiceMenus }},
	{"symbol.c", `newval.val = "0x0";`, func(d *Dialect) *bool { return &d.NumberDefaultZero }},
	{"symbol.c", `fprintf(stderr, "error: recursive dependency detected!\n");`, func(d *Dialect) *bool { return &d.RecursiveDepNoPositions }},
	{"parser.y", "choice_check_sanity", func(d *Dialect) *bool { return &d.ParseOrderChecks }},
	{"expr.c", "expr_lookup(enum expr_type type, void *l, void *r)", func(d *Dialect) *bool { return &d.ExprImmutable }},
	{"lexer.l", "if (current_buf) {\n\t\tzconf_endfile();", func(d *Dialect) *bool { return &d.TopLevelEOFNoEOL }},
	{"parser.y", `fprintf(stderr, "%s:%d: %s\n", cur_filename, cur_lineno, err);`, func(d *Dialect) *bool { return &d.SyntaxErrorStatementLine }},
	{"conf.c", "no value for new symbol '%s' at end of input", func(d *Dialect) *bool { return &d.StringAnswerEOFError }},
}

// DetectDialect reads srctree's scripts/kconfig sources and returns the
// conf behaviour they implement. A tree without scripts/kconfig gets
// DefaultDialect and an error wrapping fs.ErrNotExist; any other source that
// cannot be read, or a SYMBOL_HASHSIZE it cannot understand, is an error.
func DetectDialect(srctree string) (Dialect, error) {
	dir := filepath.Join(srctree, "scripts", "kconfig")
	d := DefaultDialect()
	src := map[string]string{}
	read := func(name string) (string, error) {
		if s, ok := src[name]; ok {
			return s, nil
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		src[name] = string(b)
		return src[name], nil
	}
	confdata, err := read("confdata.c")
	if err != nil {
		return d, err
	}
	if confdata == "" {
		return d, fmt.Errorf("%s: %w", filepath.Join(dir, "confdata.c"), fs.ErrNotExist)
	}
	// SYMBOL_HASHSIZE moved from expr.h to internal.h in 6.10.
	size := ""
	for _, f := range []string{"internal.h", "expr.h", "lkc.h"} {
		s, err := read(f)
		if err != nil {
			return d, err
		}
		if m := symbolHashSizeRe.FindStringSubmatch(s); m != nil {
			size = strings.TrimSpace(m[1])
			break
		}
	}
	switch m := shiftRe.FindStringSubmatch(size); {
	case size == "":
		return d, fmt.Errorf("%s: no #define SYMBOL_HASHSIZE", dir)
	case m != nil:
		n, _ := strconv.Atoi(m[1])
		d.SymbolHashSize = 1 << n
	default:
		n, err := strconv.Atoi(size)
		if err != nil || n <= 0 {
			return d, fmt.Errorf("%s: SYMBOL_HASHSIZE %q not understood", dir, size)
		}
		d.SymbolHashSize = n
	}
	for _, ev := range evidence {
		text, err := read(ev.file)
		if err != nil {
			return d, err
		}
		*ev.field(&d) = strings.Contains(text, ev.text)
	}
	return d, nil
}
