// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump matrix: the simulation over every combination of some keys. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strcopy.h"
#include "util/array.h"
#include "cli.h"
#include "jsonwrt.h"
#include "termwrap.h"
#include "scenario-opts.h"
#include "sim-output.h"
#include "model/simulate.h"

/* A key the matrix varies (scenario_keys[]'s vary or vary_all) and its values. */
struct vary_key {
	const struct scenario_key *k;
	const char *const *values;
	unsigned int n;
	const char **made;	/* vary_all: the key's values, made into text */
};

/* More than the keys that can vary: each is varied at most once */
#define NVARY 64

/* The columns after the varied keys' (each named by its key in upper case). */
struct sim_row {
	const struct scenario *sc;
	const struct sim_result *res;
};

static const char *cell_vmcore(const struct sim_row *r)
{
	return r->res->saved ? "saved" : "lost";
}

static const char *cell_reason(const struct sim_row *r)
{
	return sim_short_reason(r->sc, r->res);
}

/* Declared once: drives -o and --help (as iomem's coldescs). */
static const struct colinfo {
	const char *name;
	const char *help;
	const char *(*cell)(const struct sim_row *r);
} coldescs[] = {
	{ "VMCORE", "saved or lost", cell_vmcore },
	{ "REASON", "why, in a few words", cell_reason },
};
#define NFIXED (sizeof(coldescs) / sizeof(coldescs[0]))

enum { OPT_VARY = 0x200 };

#define DEFAULT_VARY "arch,gen,kexec-syscall,kexec-tools,fb-driver,builtin,kernel-fixes"

static bool can_vary(const struct scenario_key *k)
{
	return k->vary || k->vary_all;
}

/* Appends to @line, never past @len. */
static void add(char *line, size_t len, size_t *off, const char *a, const char *b)
{
	if (*off < len)
		*off += (size_t)snprintf(line + *off, len - *off, "%s%s", a, b);
}

/* "every subset of ..." for a set key varied whole, else its values */
static size_t vary_help(const struct scenario_key *k, char *line, size_t len)
{
	unsigned int i, n = scenario_key_nvalues(k);
	size_t off = 0;
	char v[128];

	if (k->vary_all && k->type == SK_FIXES) {
		snprintf(v, sizeof(v), "every subset of the %u fixes", __builtin_ctz(n));
		add(line, len, &off, v, "");
	} else if (k->vary_all && k->type == SK_MODULES) {
		add(line, len, &off, "every subset of ", "");
		/* the sets of one member each are the member names */
		for (i = 1; i < n; i <<= 1) {
			scenario_key_value(k, i, v, sizeof(v));
			add(line, len, &off, i > 1 ? ", " : "", v);
		}
	} else {
		for (i = 0; k->vary ? k->vary[i] != NULL : i < n; i++) {
			if (k->vary)
				hv_strcopy(v, sizeof(v), k->vary[i]);
			else
				scenario_key_value(k, i, v, sizeof(v));
			add(line, len, &off, i ? " " : "", v);
		}
	}
	return off < len ? off : len - 1;
}

static void usage(void)
{
	unsigned int i;

	fputs("Usage:\n"
	      " " PROGRAM " matrix [options]\n"
	      "\n"
	      "Run the simulation for every combination of the varied keys (the other\n"
	      "keys come from the scenario options) and print one row each.\n"
	      "\n"
	      "Options:\n"
	      "     --vary KEYS            the keys to vary, comma separated (default\n"
	      "                            arch,gen,kexec-syscall,kexec-tools,fb-driver,\n"
	      "                            builtin,kernel-fixes)\n"
	      " -J, --json                 JSON output\n"
	      " -n, --noheadings           no header line\n"
	      " -o, --output LIST          the columns to show, in that order (default all)\n"
	      " -h, --help                 display this help\n"
	      " -V, --version              display the version\n"
	      "\n"
	      "Keys that can vary, and their values:\n", stdout);
	for (i = 0; i < scenario_nkeys; i++) {
		const struct scenario_key *k = &scenario_keys[i];
		char line[512];
		size_t n;

		if (!can_vary(k))
			continue;
		n = (size_t)snprintf(line, sizeof(line), "  %-16s", k->name);
		n += vary_help(k, line + n, sizeof(line) - n);
		/* at most 80 columns, the values under the values */
		hv_wrap_line(stdout, line, n, 80);
	}
	fputs("\nColumns (-o, any case):\n"
	      "  KEY     each varied key's value, the key's name in upper case\n", stdout);
	for (i = 0; i < NFIXED; i++)
		printf("  %-7s %s\n", coldescs[i].name, coldescs[i].help);
	fputs("\nImpossible combinations (arm64 with Gen1, -a or -c before kexec-tools 2.0.17,\n"
	      "...) are skipped and counted.\n\n", stdout);
	scenario_opts_help(stdout, false);
}

/* The values @v->k varies over: its own list, or every value it takes. */
static int vary_values(struct vary_key *v)
{
	const struct scenario_key *k = v->k;
	unsigned int i;

	if (k->vary) {
		for (v->n = 0; k->vary[v->n]; v->n++)
			;
		v->values = k->vary;
		return 0;
	}
	v->n = scenario_key_nvalues(k);
	v->made = calloc(v->n, sizeof(*v->made));
	if (!v->made)
		return -1;
	for (i = 0; i < v->n; i++) {
		char buf[128];

		scenario_key_value(k, i, buf, sizeof(buf));
		v->made[i] = strdup(buf);
		if (!v->made[i])
			return -1;
	}
	v->values = v->made;
	return 0;
}

static void vary_free(struct vary_key *keys, unsigned int n)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; keys[i].made && j < keys[i].n; j++)
			free((char *)keys[i].made[j]);
		free(keys[i].made);
	}
}

static int parse_vary(const char *list, struct vary_key *keys, unsigned int *n)
{
	const char *p = list;

	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ","), j;
		const struct scenario_key *k = NULL;
		char name[64];

		if (len < sizeof(name)) {
			memcpy(name, p, len);
			name[len] = '\0';
			k = scenario_key_find(name);
		}
		if (!k || !can_vary(k)) {
			hv_warnx("matrix: --vary: cannot vary \"%.*s\" (see --help)", (int)len, p);
			return -1;
		}
		for (j = 0; j < *n; j++)
			if (keys[j].k == k) {
				hv_warnx("matrix: --vary: \"%s\" is listed twice", k->name);
				return -1;
			}
		keys[*n] = (struct vary_key){ .k = k };
		if (vary_values(&keys[(*n)++])) {
			hv_warnx("matrix: out of memory");
			return -1;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	if (!*n) {
		hv_warnx("matrix: --vary: no keys");
		return -1;
	}
	return 0;
}

/*
 * scenario_build() of the base pairs and one combination is the preset
 * scenario_first_preset() picks, scenario_apply() of every pair (the base's,
 * then the combination's), scenario_finish(). So the base is applied once
 * for each preset a combination can start from, and a combination applies
 * only its own pairs to a copy.
 */
struct base {
	struct scenario sc;
	bool ok, made;
	const char *preset;	/* NULL: the defaults */
};
#define NBASES 8

static void prepare(struct base *b, const char *preset, const struct scenario_pair *pairs,
		    unsigned int n)
{
	struct hv_err err;

	scenario_defaults(&b->sc);
	b->ok = (!preset || !scenario_set(&b->sc, "layout", preset, &err)) &&
		!scenario_apply(&b->sc, pairs, n, &err);
	b->preset = preset;
	b->made = true;
}

/* The base for @preset: made the first time; the last slot made again when full. */
static const struct base *base_for(struct base *bases, const char *preset,
				   const struct scenario_pair *pairs, unsigned int nbase)
{
	unsigned int i;

	for (i = 0; i < NBASES && bases[i].made; i++)
		if (preset == bases[i].preset ||
		    (preset && bases[i].preset && !strcmp(preset, bases[i].preset)))
			return &bases[i];
	if (i == NBASES)
		i--;
	prepare(&bases[i], preset, pairs, nbase);
	return &bases[i];
}

static int combination(struct scenario *sc, struct base *bases, struct scenario_pair *pairs,
		       unsigned int nbase, const struct vary_key *keys,
		       const unsigned int *idx, unsigned int nkeys)
{
	const struct base *b;
	struct hv_err err;
	unsigned int i;

	for (i = 0; i < nkeys; i++)
		pairs[nbase + i] = (struct scenario_pair){
			.key = keys[i].k->name, .value = keys[i].values[idx[i]],
		};
	b = base_for(bases, scenario_first_preset(pairs, nbase + nkeys, NULL), pairs, nbase);
	if (!b->ok)
		return -1;
	*sc = b->sc;
	if (scenario_apply(sc, pairs + nbase, nkeys, &err))
		return -1;
	return scenario_finish(sc, &err);
}

/* The rows: pointers to the static strings of the cells, ncols a row. */
struct rowset {
	const char *head[NVARY + NFIXED];
	const char *key[NVARY + NFIXED];	/* each column's scenario key; NULL: coldescs[]'s */
	unsigned int ncols;
	const char **cells;
	size_t nrows, cap;
};

static int add_row(struct rowset *rs, const char *const *row)
{
	const char **nc = hv_grow(rs->cells, &rs->cap, rs->nrows, rs->ncols * sizeof(*nc), 1024);

	if (!nc)
		return -1;
	rs->cells = nc;
	memcpy(rs->cells + rs->nrows++ * rs->ncols, row, rs->ncols * sizeof(*row));
	return 0;
}

/* -o: the columns named (any case), in their order; -1 with a message */
static int parse_columns(const char *list, const struct rowset *rs, unsigned int *sel,
			 unsigned int *nsel)
{
	int n = hv_parse_columns("matrix", list, rs->head, rs->ncols, sel, NVARY + NFIXED);

	if (n < 0)
		return -1;
	*nsel = (unsigned int)n;
	return 0;
}

/* Keeps only the columns @sel, in that order. */
static int project(struct rowset *rs, const unsigned int *sel, unsigned int nsel)
{
	const char **cells = malloc((rs->nrows ? rs->nrows : 1) * nsel * sizeof(*cells));
	const char *head[NVARY + NFIXED];
	unsigned int c;
	size_t r;

	if (!cells)
		return -1;
	for (r = 0; r < rs->nrows; r++)
		for (c = 0; c < nsel; c++)
			cells[r * nsel + c] = rs->cells[r * rs->ncols + sel[c]];
	for (c = 0; c < nsel; c++)
		head[c] = rs->head[sel[c]];
	memcpy(rs->head, head, nsel * sizeof(*head));
	for (c = 0; c < nsel; c++)
		head[c] = rs->key[sel[c]];
	memcpy(rs->key, head, nsel * sizeof(*head));
	free(rs->cells);
	rs->cells = cells;
	rs->ncols = nsel;
	return 0;
}

/*
 * The text table, aligned here: the cells are ASCII from known lists, and
 * libsmartcols would measure each of tens of thousands of them with the
 * multibyte routines, half the matrix's time.
 */
static void print_row(const char *const *cells, const size_t *width, unsigned int ncols,
		      unsigned int term)
{
	size_t used = 0, last;
	unsigned int c;

	if (!width) {
		/* too wide to align on this terminal: words that the wrapper folds */
		for (c = 0; c < ncols; c++)
			printf("%s%s", c ? " " : "", cells[c]);
		putchar('\n');
		return;
	}
	for (c = 0; c + 1 < ncols; c++) {
		printf("%-*s ", (int)width[c], cells[c]);
		used += width[c] + 1;
	}
	/* on a terminal the last column (REASON) is cut to fit, as lsblk does */
	last = strlen(cells[c]);
	if (term && used + last > term && used + 4 <= term)
		printf("%.*s...\n", (int)(term - used - 3), cells[c]);
	else
		printf("%s\n", cells[c]);
}

static void print_text(const struct rowset *rs, bool noheadings, unsigned int term)
{
	size_t width[NVARY + NFIXED] = { 0 }, r, fixed;
	unsigned int c;
	bool aligned;

	for (c = 0; c < rs->ncols; c++) {
		width[c] = noheadings ? 0 : strlen(rs->head[c]);
		for (r = 0; r < rs->nrows; r++) {
			size_t w = strlen(rs->cells[r * rs->ncols + c]);

			width[c] = w > width[c] ? w : width[c];
		}
	}
	for (c = 0, fixed = 0; c + 1 < rs->ncols; c++)
		fixed += width[c] + 1;
	/* on a terminal that cannot hold the columns before REASON: rows folded */
	aligned = !term || fixed + 20 <= term;
	if (!aligned) {
		fflush(stdout);
		hv_wrap_stdout();
	}
	if (!noheadings)
		print_row(rs->head, aligned ? width : NULL, rs->ncols, term);
	for (r = 0; r < rs->nrows; r++)
		print_row(rs->cells + r * rs->ncols, aligned ? width : NULL, rs->ncols, term);
}

struct tally {
	unsigned long total, saved, lost, impossible;
};

/*
 * Each row an object: the varied keys typed as simulate's "scenario" has
 * them (rs->key), then coldescs[]'s columns ("vmcore", "reason"); before
 * the rows, the keys varied and the counts.
 */
static void print_json(const struct rowset *rs, const struct tally *t)
{
	struct jsonwrt jw;
	char name[32];
	unsigned int c;
	size_t r;

	jw_begin(&jw, stdout);
	jw_open(&jw, "varied", true);
	for (c = 0; c < rs->ncols; c++)
		if (rs->key[c])
			jw_str(&jw, NULL, jw_snake(rs->key[c], name, sizeof(name)));
	jw_close(&jw, true);
	jw_open(&jw, "counts", false);
	jw_u64(&jw, "combinations", t->total);
	jw_u64(&jw, "saved", t->saved);
	jw_u64(&jw, "lost", t->lost);
	jw_u64(&jw, "impossible", t->impossible);
	jw_close(&jw, false);
	jw_open(&jw, "matrix", true);
	for (r = 0; r < rs->nrows; r++) {
		const char *const *row = rs->cells + r * rs->ncols;

		jw_open(&jw, NULL, false);
		for (c = 0; c < rs->ncols; c++) {
			size_t j;

			if (rs->key[c]) {
				scenario_key_json(&jw, rs->key[c], row[c]);
				continue;
			}
			for (j = 0; rs->head[c][j] && j + 1 < sizeof(name); j++)
				name[j] = (char)tolower((unsigned char)rs->head[c][j]);
			name[j] = '\0';
			jw_str(&jw, name, row[c]);
		}
		jw_close(&jw, false);
	}
	jw_close(&jw, true);
	jw_end(&jw);
}

/* The header: each varied key's name in upper case, then coldescs[]'s. */
static void make_heads(struct rowset *rs, const struct vary_key *keys, unsigned int nkeys,
		       char (*heads)[32])
{
	unsigned int i;

	for (i = 0; i < nkeys; i++) {
		size_t j;

		for (j = 0; keys[i].k->name[j] && j + 1 < sizeof(heads[i]); j++)
			heads[i][j] = (char)toupper((unsigned char)keys[i].k->name[j]);
		heads[i][j] = '\0';
		rs->head[i] = heads[i];
		rs->key[i] = keys[i].k->name;
	}
	for (i = 0; i < NFIXED; i++) {
		rs->head[nkeys + i] = coldescs[i].name;
		rs->key[nkeys + i] = NULL;
	}
	rs->ncols = nkeys + (unsigned int)NFIXED;
}

/* Every combination, the last key fastest: one row each that is possible. */
static int run(struct rowset *rs, struct tally *t, struct scenario_pair *pairs,
	       unsigned int nbase, const struct vary_key *keys, unsigned int nkeys)
{
	struct base bases[NBASES] = { 0 };
	unsigned int idx[NVARY] = { 0 }, i;
	struct scenario sc;

	for (;;) {
		const char *row[NVARY + NFIXED];
		struct sim_result res;

		t->total++;
		if (combination(&sc, bases, pairs, nbase, keys, idx, nkeys)) {
			t->impossible++;
		} else if (simulate(&sc, &res, false)) {
			return -1;
		} else {
			struct sim_row r = { &sc, &res };

			if (res.saved)
				t->saved++;
			else
				t->lost++;
			for (i = 0; i < nkeys; i++)
				row[i] = keys[i].values[idx[i]];
			for (i = 0; i < NFIXED; i++)
				row[nkeys + i] = coldescs[i].cell(&r);
			sim_result_free(&res);
			if (add_row(rs, row))
				return -1;
		}
		for (i = nkeys; i-- > 0;) {
			if (++idx[i] < keys[i].n)
				break;
			idx[i] = 0;
		}
		if (i == (unsigned int)-1)
			return 0;
	}
}

/* The base pairs: the --scenario file's, then the options'. */
static struct scenario_pair *base_pairs(const struct scenario_opts *so, unsigned int nkeys)
{
	struct scenario_pair *pairs = calloc(so->sf.npairs + so->npairs + nkeys, sizeof(*pairs));

	if (!pairs)
		return NULL;
	if (so->sf.npairs)
		memcpy(pairs, so->sf.pairs, so->sf.npairs * sizeof(*pairs));
	if (so->npairs)
		memcpy(pairs + so->sf.npairs, so->pairs, so->npairs * sizeof(*pairs));
	return pairs;
}

/* 0 printed, -1 out of memory, -2 said why */
static int print_rows(const struct rowset *rs, const struct tally *t, bool json,
		      bool noheadings)
{
	/* whole rows when piped; on a terminal REASON cut, the summary wrapped */
	unsigned int term;

	if (json) {
		print_json(rs, t);
		return 0;
	}
	term = hv_terminal_width();
	print_text(rs, noheadings, term);
	fflush(stdout);
	hv_wrap_stdout();
	printf("\n%lu combinations: %lu saved, %lu lost, %lu impossible (skipped)\n",
	       t->total, t->saved, t->lost, t->impossible);
	return 0;
}

struct matrix_opts {
	const char *vary, *columns;
	bool json, noheadings;
};

/* The options: 1 go on, else the exit code */
static int parse_opts(int argc, char **argv, struct option *longopts, struct scenario_opts *so,
		      struct matrix_opts *mo)
{
	int c;

	while ((c = getopt_long(argc, argv, "+Jno:Vh", longopts, NULL)) != -1) {
		int taken = scenario_opts_take(so, c, optarg);

		if (taken < 0)
			return HV_EXIT_ERROR;
		if (taken)
			continue;
		switch (c) {
		case OPT_VARY:
			mo->vary = optarg;
			break;
		case 'J':
			mo->json = true;
			hv_json_errors("matrix");
			break;
		case 'n':
			mo->noheadings = true;
			break;
		case 'o':
			mo->columns = optarg;
			break;
		case 'V':
			return hv_print_version();
		case 'h':
			usage();
			return hv_close_stdout(HV_EXIT_OK);
		default:
			return hv_bad_option("matrix", argv, longopts);
		}
	}
	if (optind < argc)
		return hv_usage_error("matrix", "unexpected argument '%s'", argv[optind]);
	if (mo->json && mo->noheadings)
		return hv_usage_error("matrix", "--json and --noheadings exclude each other");
	return 1;
}

int cmd_matrix(int argc, char **argv)
{
	static const struct option extra[] = {
		{ "vary", required_argument, NULL, OPT_VARY },
		{ "json", no_argument, NULL, 'J' },
		{ "noheadings", no_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct scenario_opts so = { .cmd = "matrix" };
	struct matrix_opts mo = { .vary = DEFAULT_VARY };
	struct option *longopts = scenario_longopts(extra);
	struct vary_key keys[NVARY];
	unsigned int nkeys = 0, sel[NVARY + NFIXED], nsel = 0;
	struct rowset rs = { .ncols = 0 };
	struct tally t = { 0, 0, 0, 0 };
	char heads[NVARY][32];
	struct scenario_pair *pairs = NULL;
	struct scenario sc;
	int rc = HV_EXIT_ERROR;

	if (!longopts)
		goto oom;
	rc = parse_opts(argc, argv, longopts, &so, &mo);
	if (rc != 1)
		goto out;
	rc = HV_EXIT_ERROR;
	/* the base must be possible on its own */
	if (parse_vary(mo.vary, keys, &nkeys) || scenario_opts_build(&so, &sc))
		goto out;
	pairs = base_pairs(&so, nkeys);
	if (!pairs)
		goto oom;
	make_heads(&rs, keys, nkeys, heads);
	if (mo.columns && parse_columns(mo.columns, &rs, sel, &nsel))
		goto out;
	if (run(&rs, &t, pairs, so.sf.npairs + so.npairs, keys, nkeys) ||
	    (mo.columns && project(&rs, sel, nsel)))
		goto oom;
	switch (print_rows(&rs, &t, mo.json, mo.noheadings)) {
	case -2:
		goto out;
	case -1:
		goto oom;
	}
	rc = hv_close_stdout(HV_EXIT_OK);
	goto out;
oom:
	hv_warnx("matrix: out of memory");
out:
	vary_free(keys, nkeys);
	free(rs.cells);
	free(pairs);
	scenario_opts_free(&so);
	free(longopts);
	return rc;
}
