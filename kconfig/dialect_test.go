package kconfig

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/kbuild-go/kbuild-go/internal/kernelsrc"
)

// writeConfTree writes files (name in scripts/kconfig → text) into a new
// tree and returns its root.
func writeConfTree(t *testing.T, files map[string]string) string {
	t.Helper()
	in := map[string]string{}
	for name, text := range files {
		in[filepath.Join("scripts", "kconfig", name)] = text
	}
	return writeTree(t, in)
}

// TestDetectDialect decides each field from the evidence text alone, and
// reports trees it cannot read.
func TestDetectDialect(t *testing.T) {
	old := map[string]string{
		"confdata.c": "fprintf(out, \"deps_config := \\\\\\n\");\n",
		"expr.h":     "#define SYMBOL_HASHSIZE\t\t9973\n",
		"symbol.c":   "static struct symbol *sym_calc_choice(struct symbol *sym)\n",
		"parser.y":   "%%\n",
	}
	newer := map[string]string{
		"confdata.c":  "\tfprintf(out, \"autoconfig := %s\\n\", autoconf_name);\n",
		"internal.h":  "#define SYMBOL_HASHSIZE\t\t(1U << 14)\n",
		"symbol.c":    "newval.val = \"0x0\";\nstruct symbol *sym_calc_choice(struct menu *choice)\n\t\t\tfprintf(stderr, \"error: recursive dependency detected!\\n\");\n",
		"parser.y":    "static int choice_check_sanity(const struct menu *menu)\n\tfprintf(stderr, \"%s:%d: %s\\n\", cur_filename, cur_lineno, err);\n",
		"conf.c":      "\"\\nerror: no value for new symbol '%s' at end of input\\n\",\n",
		"lexer.l":     "\tif (current_buf) {\n\t\tzconf_endfile();\n\t\treturn T_EOL;\n",
		"expr.h":      "/* no hash size here any more */\n",
		"lkc_proto.h": "",
		"expr.c":      "static struct expr *expr_lookup(enum expr_type type, void *l, void *r)\n",
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  Dialect
	}{
		{"6.1-like", old, DefaultDialect()},
		{"6.12-like", newer, Dialect{SymbolHashSize: 1 << 14, AutoconfCmdParseOrder: true, ChoiceMenus: true,
			NumberDefaultZero: true, RecursiveDepNoPositions: true, ParseOrderChecks: true, ExprImmutable: true,
			TopLevelEOFNoEOL: true, SyntaxErrorStatementLine: true, StringAnswerEOFError: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DetectDialect(writeConfTree(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("DetectDialect = %+v, want %+v", got, tc.want)
			}
		})
	}
	t.Run("no sources", func(t *testing.T) {
		d, err := DetectDialect(t.TempDir())
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v, want fs.ErrNotExist", err)
		}
		if d != DefaultDialect() {
			t.Errorf("dialect = %+v, want the default", d)
		}
	})
	t.Run("odd hash size", func(t *testing.T) {
		files := map[string]string{"confdata.c": "x", "expr.h": "#define SYMBOL_HASHSIZE\tsizeof(x)\n"}
		if _, err := DetectDialect(writeConfTree(t, files)); err == nil || errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v, want a parse error", err)
		}
	})
}

// TestDetectDialectReference checks what the reference trees' own sources
// say: 6.1 is the default dialect, 6.12 has every later behaviour.
func TestDetectDialectReference(t *testing.T) {
	for _, tc := range []struct {
		version string
		want    Dialect
	}{
		{"6.1", DefaultDialect()},
		{"6.12", Dialect{SymbolHashSize: 1 << 14, AutoconfCmdParseOrder: true, ChoiceMenus: true,
			NumberDefaultZero: true, RecursiveDepNoPositions: true, ParseOrderChecks: true, ExprImmutable: true,
			TopLevelEOFNoEOL: true, SyntaxErrorStatementLine: true, StringAnswerEOFError: true}},
	} {
		t.Run(tc.version, func(t *testing.T) {
			got, err := DetectDialect(kernelsrc.RequireOf(t, tc.version))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("DetectDialect = %+v, want %+v", got, tc.want)
			}
		})
	}
}
