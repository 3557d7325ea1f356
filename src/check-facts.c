// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check's facts table: FACT, VALUE, SOURCE. Piped, one row a fact and
 * each column as wide as its widest cell (libsmartcols, or the same by hand
 * in a static build without it), for scripts and diffs. On a terminal the
 * table fits its width: where whole rows would not, VALUE and SOURCE are
 * folded at spaces within their columns (a long path after a '/'), and on
 * a terminal too narrow for three columns (80) SOURCE goes under VALUE.
 */
#if HAVE_SMARTCOLS
#include <libsmartcols.h>
#endif
#include <stdio.h>
#include <string.h>

#include "check-text.h"
#include "probe/dynlib.h"

static const char *col_fact(const struct facts *f, unsigned int id)
{
	(void)f;
	return fact_name((enum fact_id)id);
}

static const char *col_value(const struct facts *f, unsigned int id)
{
	return f->f[id].value;
}

static const char *col_source(const struct facts *f, unsigned int id)
{
	return f->f[id].source;
}

/* The table's columns, declared once (as iomem's): piped, each as wide as its widest cell */
static const struct fact_col {
	const char *name;
	bool wrap;		/* long cells wrap (libsmartcols) */
	const char *(*cell)(const struct facts *f, unsigned int id);
} fact_cols[] = {
	{ "FACT", false, col_fact },
	{ "VALUE", true, col_value },
	{ "SOURCE", false, col_source },
};
#define NFACT_COLS (sizeof(fact_cols) / sizeof(fact_cols[0]))

/* The table by hand: a build without libsmartcols, or one that cannot load it. */
static void print_rows_plain(const struct facts *f)
{
	int w[NFACT_COLS];
	unsigned int i, c;

	for (c = 0; c < NFACT_COLS; c++) {
		w[c] = (int)strlen(fact_cols[c].name);
		for (i = 0; i < F_COUNT; i++) {
			int n = (int)strlen(fact_cols[c].cell(f, i));

			w[c] = n > w[c] ? n : w[c];
		}
	}
	for (c = 0; c < NFACT_COLS; c++)
		printf("%-*s%s", c + 1 < NFACT_COLS ? w[c] : 0, fact_cols[c].name,
		       c + 1 < NFACT_COLS ? " " : "\n");
	for (i = 0; i < F_COUNT; i++)
		for (c = 0; c < NFACT_COLS; c++)
			printf("%-*s%s", c + 1 < NFACT_COLS ? w[c] : 0, fact_cols[c].cell(f, i),
			       c + 1 < NFACT_COLS ? " " : "\n");
}
#if !HAVE_SMARTCOLS
static void print_rows(const struct facts *f)
{
	print_rows_plain(f);
}
#else
static void print_rows(const struct facts *f)
{
	struct hv_err err = { 0, "" };
	struct libscols_table *tb;
	unsigned int i, c;

	if (!hv_smartcols_load(&err)) {
		print_rows_plain(f);
		return;
	}
	tb = hv_smartcols.scols_new_table();
	if (!tb)
		return;
	for (c = 0; c < NFACT_COLS; c++)
		hv_smartcols.scols_table_new_column(tb, fact_cols[c].name, 0,
				       fact_cols[c].wrap ? SCOLS_FL_WRAP : 0);
	for (i = 0; i < F_COUNT; i++) {
		struct libscols_line *ln = hv_smartcols.scols_table_new_line(tb, NULL);

		if (!ln)
			break;
		for (c = 0; c < NFACT_COLS; c++)
			hv_smartcols.scols_line_set_data(ln, c, fact_cols[c].cell(f, i));
	}
	hv_smartcols.scols_print_table(tb);
	hv_smartcols.scols_unref_table(tb);
}
#endif

/* Columns of @n bytes of UTF-8: continuation bytes take none. */
static size_t cols(const char *s, size_t n)
{
	size_t c = 0, i;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* Bytes of @s in its first @width columns. */
static size_t reach(const char *s, size_t width)
{
	size_t i, c = 0;

	for (i = 0; s[i]; i++) {
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
		if (c > width)
			break;
	}
	return i;
}

/*
 * The next piece of @s that fits @width columns: up to its last space that
 * fits, else after its last '/', ',' or '-', else as many bytes as fit. How many
 * bytes to print; *@next: where the piece after it starts.
 */
static size_t piece(const char *s, size_t width, const char **next)
{
	size_t n = reach(s, width), i;

	if (!s[n]) {
		*next = s + n;
		return n;
	}
	for (i = n; i > 0 && s[i] != ' '; i--)
		;
	if (!i)
		for (i = n; i > 0 && !strchr("/,-", s[i - 1]); i--)
			;
	if (!i)
		i = n ? n : 1;
	*next = s + i + strspn(s + i, " ");
	while (i && s[i - 1] == ' ')
		i--;
	return i;
}

/* The widest cell of column @c (1 VALUE, 2 SOURCE) and its longest word. */
static void measure(const struct facts *f, int c, size_t *widest, size_t *word)
{
	unsigned int i;

	*widest = c == 1 ? 5 : 6;
	*word = 0;
	for (i = 0; i < F_COUNT; i++) {
		const char *s = c == 1 ? f->f[i].value : f->f[i].source;
		size_t n = cols(s, strlen(s));

		*widest = n > *widest ? n : *widest;
		while (*s) {
			size_t w = strcspn(s, " ");

			*word = cols(s, w) > *word ? cols(s, w) : *word;
			s += w + strspn(s + w, " ");
		}
	}
}

/* One fact, VALUE folded in @wv columns, SOURCE in @ws (0: on lines under VALUE). */
static void print_row(const char *name, const char *v, const char *s, int w0, size_t wv,
		      size_t ws)
{
	bool first = true;

	while (*v || (ws && *s) || first) {
		const char *nv = v, *ns = s;
		size_t lv = *v ? piece(v, wv, &nv) : 0, ls = ws && *s ? piece(s, ws, &ns) : 0;

		if (ls)
			printf("%-*s  %.*s%*s  %.*s\n", w0, first ? name : "", (int)lv, v,
			       (int)(wv - cols(v, lv)), "", (int)ls, s);
		else
			printf("%-*s  %.*s\n", w0, first ? name : "", (int)lv, v);
		v = nv;
		s = ns;
		first = false;
	}
	while (!ws && *s) {
		const char *ns;
		size_t ls = piece(s, wv, &ns);

		printf("%-*s  %.*s\n", w0, "", (int)ls, s);
		s = ns;
	}
}

static void print_fitted(const struct facts *f, unsigned int width)
{
	size_t v, vword, s, sword, avail, wv, ws;
	int w0 = 4;
	unsigned int i;

	for (i = 0; i < F_COUNT; i++) {
		int a = (int)strlen(fact_name((enum fact_id)i));

		w0 = a > w0 ? a : w0;
	}
	measure(f, 1, &v, &vword);
	measure(f, 2, &s, &sword);
	avail = width > (unsigned int)w0 + 16 ? width - (size_t)w0 - 2 : 14;
	if (v + 2 + s <= avail) {
		wv = v;
		ws = s;
	} else {
		/* SOURCE gets up to two fifths, VALUE keeps its longest word whole */
		ws = s < avail * 2 / 5 ? s : avail * 2 / 5;
		wv = avail - 2 - ws;
		if (wv < vword && vword + 2 + 24 <= avail) {
			wv = vword;
			ws = avail - 2 - wv;
		}
		/* a SOURCE column too narrow for a path reads worse than none */
		if (ws < 24 || wv < vword) {
			wv = avail;
			ws = 0;
		}
	}
	printf("%-*s  %-*s%s\n", w0, "FACT", ws ? (int)wv : 0, "VALUE", ws ? "  SOURCE" :
	       " (SOURCE under it)");
	for (i = 0; i < F_COUNT; i++)
		print_row(fact_name((enum fact_id)i), f->f[i].value, f->f[i].source, w0, wv, ws);
}

void check_print_facts(const struct facts *f, unsigned int width)
{
	if (width)
		print_fitted(f, width);
	else
		print_rows(f);
}
