// SPDX-License-Identifier: GPL-2.0
/*
 * kernel-mini fixdep: written for kbuild-go's test tree, output format as
 * Linux 6.1's scripts/basic/fixdep.
 *
 *   fixdep <depfile> <target> <cmdline>
 *
 * prints to stdout:
 *
 *   cmd_<target> := <cmdline>
 *
 *   source_<target> := <first prerequisite>
 *
 *   deps_<target> := \
 *     $(wildcard include/config/SYM) \     (CONFIG_SYM words of the source)
 *     <header> \
 *     $(wildcard include/config/SYM) \     (new CONFIG_SYM words of <header>)
 *     ...
 *
 *   <target>: $(deps_<target>)
 *
 *   $(deps_<target>):
 *
 * Every CONFIG_ word is listed once, a trailing _MODULE is stripped, and
 * include/generated/autoconf.h and include/generated/autoksyms.h are left out
 * (autoconf.h changes with every config change; the include/config/SYM
 * files, touched by syncconfig when SYM changes, replace it).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct seen {
	struct seen *next;
	size_t len;
	char name[];
};

#define NBUCKETS 1024
static struct seen *buckets[NBUCKETS];

static unsigned int hash(const char *s, size_t n)
{
	unsigned int h = 5381;

	while (n--)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* Print a config dependency the first time a symbol is seen. */
static void note_config(const char *s, size_t n)
{
	unsigned int b = hash(s, n) % NBUCKETS;
	struct seen *e;

	for (e = buckets[b]; e; e = e->next)
		if (e->len == n && !memcmp(e->name, s, n))
			return;
	e = malloc(sizeof(*e) + n);
	if (!e) {
		perror("fixdep");
		exit(1);
	}
	memcpy(e->name, s, n);
	e->len = n;
	e->next = buckets[b];
	buckets[b] = e;
	printf("    $(wildcard include/config/%.*s) \\\n", (int)n, s);
}

static int ident_char(int c)
{
	return isalnum(c) || c == '_';
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && !memcmp(s + n - m, suffix, m);
}

/* Find every CONFIG_<SYM> word (not part of a longer identifier). */
static void scan_configs(const char *text)
{
	const char *p = text, *start, *end;
	size_t n;

	while ((p = strstr(p, "CONFIG_")) != NULL) {
		if (p > text && ident_char((unsigned char)p[-1])) {
			p += 7;
			continue;
		}
		start = p + 7;
		end = start;
		while (ident_char((unsigned char)*end))
			end++;
		n = end - start;
		if (ends_with(start, n, "_MODULE"))
			n -= 7;
		if (n > 0)
			note_config(start, n);
		p = end;
	}
}

/* Whole file as a NUL-terminated string; NULL-safe empty on failure. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	if (!f) {
		fprintf(stderr, "fixdep: error opening file: %s: ", path);
		perror(NULL);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(size + 1);
	if (!buf) {
		perror("fixdep");
		exit(2);
	}
	if (size && fread(buf, 1, size, f) != (size_t)size) {
		fprintf(stderr, "fixdep: read error: %s\n", path);
		exit(2);
	}
	buf[size] = '\0';
	fclose(f);
	return buf;
}

static int ignored(const char *s, size_t n)
{
	return ends_with(s, n, "include/generated/autoconf.h") ||
	       ends_with(s, n, "include/generated/autoksyms.h");
}

static int is_sep(int c)
{
	return c == ' ' || c == '\\' || c == '\n' || c == '\t' || c == '\r';
}

static void rewrite_depfile(char *d, const char *target)
{
	int have_source = 0, next_is_source = 0;
	char *tok, *end, saved;

	for (;;) {
		while (*d && is_sep((unsigned char)*d))
			d++;
		if (!*d)
			break;
		tok = d;
		while (*d && !is_sep((unsigned char)*d))
			d++;
		end = d;

		if (end[-1] == ':') {
			/* a target name; the next word is its source */
			next_is_source = 1;
			continue;
		}
		if (ignored(tok, end - tok))
			continue;

		saved = *end;
		*end = '\0';
		if (next_is_source) {
			/* a depfile may be several concatenated: keep the first */
			if (!have_source) {
				have_source = 1;
				printf("source_%s := %s\n\n", target, tok);
				printf("deps_%s := \\\n", target);
			}
			next_is_source = 0;
		} else {
			printf("  %s \\\n", tok);
		}
		{
			char *text = slurp(tok);

			scan_configs(text);
			free(text);
		}
		*end = saved;
	}

	if (!have_source) {
		fprintf(stderr, "fixdep: parse error; no targets found\n");
		exit(1);
	}
	printf("\n%s: $(deps_%s)\n\n", target, target);
	printf("$(deps_%s):\n", target);
}

int main(int argc, char **argv)
{
	char *dep;

	if (argc != 4) {
		fprintf(stderr, "Usage: fixdep <depfile> <target> <cmdline>\n");
		return 1;
	}
	printf("cmd_%s := %s\n\n", argv[2], argv[3]);
	dep = slurp(argv[1]);
	rewrite_depfile(dep, argv[2]);
	free(dep);
	fflush(stdout);
	if (ferror(stdout)) {
		fprintf(stderr, "fixdep: not all data was written to the output\n");
		return 1;
	}
	return 0;
}
