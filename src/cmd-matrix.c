// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump matrix: the simulation over every combination of some keys. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/array.h"
#include "cli.h"
#include "termwrap.h"
#include "scenario-opts.h"
#include "sim-output.h"
#include "model/simulate.h"

/* The values a key takes when it is varied. */
struct vary_key {
	const char *key;
	const char *const *values;
	unsigned int n;
};

#define V(...) (const char *const[]){ __VA_ARGS__ }, \
	sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *)

static const char *const module_sets[] = {
	"none", "pci_hyperv", "hyperv_drm", "pci_hyperv,hyperv_drm", "hyperv_fb",
	"pci_hyperv,hyperv_fb", "hyperv_drm,hyperv_fb", "pci_hyperv,hyperv_drm,hyperv_fb",
};

static char fix_sets[1u << FIX_COUNT][128];
static const char *fix_set_ptrs[1u << FIX_COUNT];

static const struct vary_key vary_keys[] = {
	{ "arch", V("x86_64", "arm64") },
	{ "gen", V("1", "2") },
	{ "layout", V("azure-gen2", "azure-arm64", "azure-cvm", "hyperv-gen2", "hyperv-arm64",
		      "hyperv-gen1") },
	{ "resolution", V("1024x768", "1920x1080", "2560x1600", "3840x2160", "4834x3622",
			  "7680x4320") },
	{ "low-mmio-space", V("default", "128M", "512M", "1G", "3G") },
	{ "kexec-syscall", V("default", "load", "file", "auto") },
	{ "kexec-tools", V("2.0.18", "2.0.22", "2.0.28") },
	{ "fb-driver", V("hyperv_drm", "hyperv_fb", "efifb", "simpledrm", "vesafb", "none") },
	{ "builtin", module_sets, 8 },
	{ "kdump-modules", module_sets, 8 },
	{ "kernel-fixes", fix_set_ptrs, 1u << FIX_COUNT },
	{ "lockdown", V("none", "integrity", "confidentiality") },
	{ "dump-target", V("nvme", "scsi", "net-vf", "net-synthetic") },
	{ "hide-smem-start", V("yes", "no") },
	{ "vram-mb", V("8", "32", "128") },
	{ "bars32", V("0", "1M") },
	{ "probe-order", V("pci_hyperv,hyperv_drm,hyperv_fb", "hyperv_drm,hyperv_fb,pci_hyperv") },
	{ "kexec-file", V("yes", "no") },
	{ "sysfb", V("yes", "no") },
};
#define NVARY (sizeof(vary_keys) / sizeof(vary_keys[0]))

#define DEFAULT_VARY "arch,gen,kexec-syscall,kexec-tools,fb-driver,builtin,kernel-fixes"

static void init_fix_sets(void)
{
	unsigned int i;

	for (i = 0; i < (1u << FIX_COUNT); i++) {
		fix_set_str(i, fix_sets[i], sizeof(fix_sets[i]));
		fix_set_ptrs[i] = fix_sets[i];
	}
}

static void usage(void)
{
	size_t i;

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
	      " -o, --output LIST          the columns to show, in that order (the varied\n"
	      "                            keys, VMCORE, REASON; default all)\n"
	      " -h, --help                 display this help\n"
	      " -V, --version              display the version\n"
	      "\n"
	      "Keys that can vary, and their values:\n", stdout);
	for (i = 0; i < NVARY; i++) {
		char line[512];
		unsigned int v;
		size_t n;

		n = (size_t)snprintf(line, sizeof(line), "  %-16s", vary_keys[i].key);
		if (!strcmp(vary_keys[i].key, "kernel-fixes"))
			n += (size_t)snprintf(line + n, sizeof(line) - n,
					      "every subset of the %d fixes", FIX_COUNT);
		else if (!strcmp(vary_keys[i].key, "builtin") ||
			 !strcmp(vary_keys[i].key, "kdump-modules"))
			n += (size_t)snprintf(line + n, sizeof(line) - n,
					      "every subset of pci_hyperv, hyperv_drm, hyperv_fb");
		else
			for (v = 0; v < vary_keys[i].n && n < sizeof(line); v++)
				n += (size_t)snprintf(line + n, sizeof(line) - n, "%s%s", v ? " " : "",
						      vary_keys[i].values[v]);
		/* at most 80 columns, the values under the values */
		hv_wrap_line(stdout, line, n < sizeof(line) ? n : sizeof(line) - 1, 80);
	}
	fputs("\nImpossible combinations (arm64 with Gen1, -a or -c before kexec-tools 2.0.17,\n"
	      "...) are skipped and counted.\n\n", stdout);
	scenario_opts_help(stdout, false);
}

static int parse_vary(const char *list, const struct vary_key **keys, unsigned int *n)
{
	const char *p = list;

	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ","), i, j;

		for (i = 0; i < NVARY; i++)
			if (strlen(vary_keys[i].key) == len && !strncmp(vary_keys[i].key, p, len))
				break;
		if (i == NVARY) {
			hv_warnx("matrix: --vary: cannot vary \"%.*s\" (see --help)", (int)len, p);
			return -1;
		}
		for (j = 0; j < *n; j++)
			if (keys[j] == &vary_keys[i]) {
				hv_warnx("matrix: --vary: \"%s\" is listed twice", vary_keys[i].key);
				return -1;
			}
		keys[(*n)++] = &vary_keys[i];
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
 * What scenario_build() would make of the base pairs and one combination,
 * without parsing the base again each time: the layout goes first (the
 * last "layout" pair, else Gen1 or arm64 pick theirs), then every other pair
 * in order, the base's before the combination's. So a base is prepared once
 * per layout, and a combination only applies its own pairs to a copy.
 */
enum { BASE_DEFAULT, BASE_GEN1, BASE_ARM64, BASE_LAYOUT, NBASES };

struct base {
	struct scenario sc;
	bool ok;
	char layout[32];	/* BASE_LAYOUT: the layout it was prepared for */
};

static const char *last_value(const struct scenario_pair *pairs, unsigned int n, const char *key)
{
	const char *v = NULL;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(pairs[i].key, key))
			v = pairs[i].value;
	return v;
}

static bool prepare(struct base *b, const char *layout, const struct scenario_pair *pairs,
		    unsigned int n)
{
	struct hv_err err;
	unsigned int i;

	scenario_defaults(&b->sc);
	if (layout && scenario_set(&b->sc, "layout", layout, &err))
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(pairs[i].key, "layout") &&
		    scenario_set(&b->sc, pairs[i].key, pairs[i].value, &err))
			return false;
	return true;
}

/* The bases for the layouts a combination can pick; the last layout is the base's own. */
static int prepare_bases(struct base *bases, const struct scenario_pair *pairs, unsigned int n)
{
	bases[BASE_DEFAULT].ok = prepare(&bases[BASE_DEFAULT], NULL, pairs, n);
	bases[BASE_GEN1].ok = prepare(&bases[BASE_GEN1], "hyperv-gen1", pairs, n);
	bases[BASE_ARM64].ok = prepare(&bases[BASE_ARM64], "azure-arm64", pairs, n);
	bases[BASE_LAYOUT].ok = false;
	bases[BASE_LAYOUT].layout[0] = '\0';
	return 0;
}

static int combination(struct scenario *sc, struct base *bases, struct scenario_pair *pairs,
		       unsigned int nbase, const struct vary_key *const *keys,
		       const unsigned int *idx, unsigned int nkeys)
{
	const char *layout, *gen, *arch;
	struct hv_err err;
	const struct base *b;
	unsigned int i, all = nbase + nkeys;

	for (i = 0; i < nkeys; i++)
		pairs[nbase + i] = (struct scenario_pair){
			.key = keys[i]->key, .value = keys[i]->values[idx[i]],
		};
	layout = last_value(pairs, all, "layout");
	gen = last_value(pairs, all, "gen");
	arch = last_value(pairs, all, "arch");
	if (layout) {
		/* an explicit layout: prepared again when it changes */
		struct base *lb = &bases[BASE_LAYOUT];

		if (strcmp(lb->layout, layout)) {
			snprintf(lb->layout, sizeof(lb->layout), "%s", layout);
			lb->ok = prepare(lb, layout, pairs, nbase);
		}
		b = lb;
	} else if (gen && !strcmp(gen, "1")) {
		b = &bases[BASE_GEN1];
	} else if (arch && !strcmp(arch, "arm64")) {
		b = &bases[BASE_ARM64];
	} else {
		b = &bases[BASE_DEFAULT];
	}
	if (!b->ok)
		return -1;
	*sc = b->sc;
	for (i = 0; i < nkeys; i++)
		if (strcmp(keys[i]->key, "layout") &&
		    scenario_set(sc, keys[i]->key, keys[i]->values[idx[i]], &err))
			return -1;
	return scenario_finish(sc, &err);
}

/* The rows: pointers to the static strings of the cells, ncols a row. */
struct rowset {
	const char *head[NVARY + 2];
	const char *key[NVARY + 2];	/* each column's scenario key; NULL: VMCORE, REASON */
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
	const char *p = list;
	unsigned int c;

	*nsel = 0;
	while (*p) {
		size_t n = strcspn(p, ",");

		for (c = 0; c < rs->ncols; c++)
			if (strlen(rs->head[c]) == n && !strncasecmp(rs->head[c], p, n))
				break;
		if (c == rs->ncols || *nsel == NVARY + 2) {
			hv_warnx("matrix: --output: unknown column '%.*s' (the varied keys, VMCORE, "
				 "REASON)", (int)n, p);
			return -1;
		}
		sel[(*nsel)++] = c;
		p += n + (p[n] == ',');
	}
	if (!*nsel) {
		hv_warnx("matrix: --output: no column named");
		return -1;
	}
	return 0;
}

/* Keeps only the columns @sel, in that order. */
static int project(struct rowset *rs, const unsigned int *sel, unsigned int nsel)
{
	const char **cells = malloc((rs->nrows ? rs->nrows : 1) * nsel * sizeof(*cells));
	const char *head[NVARY + 2];
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
	size_t width[NVARY + 2] = { 0 }, r, fixed;
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

/* The counts of the combinations. */
struct matrix_counts {
	unsigned long total, saved, lost, impossible;
};

/*
 * Each row an object: the varied keys typed as simulate's "scenario" has
 * them (rs->key), "vmcore" and "reason"; then the counts.
 */
static void print_json(const struct rowset *rs, const struct matrix_counts *n)
{
	const char *const *keys = rs->key;
	struct jsonwrt jw;
	char name[32];
	unsigned int c;
	size_t r;

	jw_begin(&jw, stdout);
	jw_open(&jw, "varied", true);
	for (c = 0; c < rs->ncols; c++)
		if (keys[c])
			jw_str(&jw, NULL, jw_snake(keys[c], name, sizeof(name)));
	jw_close(&jw, true);
	jw_open(&jw, "counts", false);
	jw_u64(&jw, "combinations", n->total);
	jw_u64(&jw, "saved", n->saved);
	jw_u64(&jw, "lost", n->lost);
	jw_u64(&jw, "impossible", n->impossible);
	jw_close(&jw, false);
	jw_open(&jw, "matrix", true);
	for (r = 0; r < rs->nrows; r++) {
		const char *const *row = rs->cells + r * rs->ncols;

		jw_open(&jw, NULL, false);
		for (c = 0; c < rs->ncols; c++)
			if (keys[c])
				scenario_key_json(&jw, keys[c], row[c]);
			else
				jw_str(&jw, !strcmp(rs->head[c], "VMCORE") ? "vmcore" : "reason",
				       row[c]);
		jw_close(&jw, false);
	}
	jw_close(&jw, true);
	jw_end(&jw);
}

int cmd_matrix(int argc, char **argv)
{
	enum { OPT_VARY = 0x200 };
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
	struct option *longopts = scenario_longopts(extra);
	const struct vary_key *keys[NVARY];
	unsigned int nkeys = 0, idx[NVARY], i, nbase;
	struct matrix_counts n = { 0, 0, 0, 0 };
	const char *vary = DEFAULT_VARY, *columns = NULL;
	unsigned int sel[NVARY + 2], nsel = 0;
	struct rowset rs = { .ncols = 0 };
	char heads[NVARY][32];
	struct scenario_pair *pairs = NULL;
	struct base bases[NBASES];
	bool json = false, noheadings = false;
	struct scenario sc;
	int c, rc = HV_EXIT_ERROR;

	init_fix_sets();
	if (!longopts)
		goto oom;
	while ((c = getopt_long(argc, argv, "+Jno:Vh", longopts, NULL)) != -1) {
		int taken = scenario_opts_take(&so, c, optarg);

		if (taken < 0)
			goto out;
		if (taken)
			continue;
		switch (c) {
		case OPT_VARY:
			vary = optarg;
			break;
		case 'J':
			json = true;
			hv_json_errors("matrix");
			break;
		case 'n':
			noheadings = true;
			break;
		case 'o':
			columns = optarg;
			break;
		case 'V':
			rc = hv_print_version();
			goto out;
		case 'h':
			usage();
			rc = hv_close_stdout(HV_EXIT_OK);
			goto out;
		default:
			rc = hv_bad_option("matrix", argv, longopts);
			goto out;
		}
	}
	if (optind < argc) {
		rc = hv_usage_error("matrix", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (json && noheadings) {
		rc = hv_usage_error("matrix", "--json and --noheadings exclude each other");
		goto out;
	}
	if (parse_vary(vary, keys, &nkeys))
		goto out;
	/* the base must be possible on its own */
	if (scenario_opts_build(&so, &sc))
		goto out;

	nbase = so.sf.npairs + so.npairs;
	pairs = calloc(nbase + nkeys, sizeof(*pairs));
	if (!pairs)
		goto oom;
	if (so.sf.npairs)
		memcpy(pairs, so.sf.pairs, so.sf.npairs * sizeof(*pairs));
	if (so.npairs)
		memcpy(pairs + so.sf.npairs, so.pairs, so.npairs * sizeof(*pairs));
	for (i = 0; i < nkeys; i++) {
		size_t j;

		for (j = 0; keys[i]->key[j] && j + 1 < sizeof(heads[i]); j++)
			heads[i][j] = (char)toupper((unsigned char)keys[i]->key[j]);
		heads[i][j] = '\0';
		rs.head[i] = heads[i];
		rs.key[i] = keys[i]->key;
	}
	rs.head[nkeys] = "VMCORE";
	rs.head[nkeys + 1] = "REASON";
	rs.ncols = nkeys + 2;
	if (columns && parse_columns(columns, &rs, sel, &nsel))
		goto out;

	if (prepare_bases(bases, pairs, nbase))
		goto oom;
	memset(idx, 0, sizeof(idx));
	for (;;) {
		const char *row[NVARY + 2];
		struct sim_result res;

		n.total++;
		if (combination(&sc, bases, pairs, nbase, keys, idx, nkeys)) {
			n.impossible++;
		} else if (simulate(&sc, &res, false)) {
			goto oom;
		} else {
			if (res.saved)
				n.saved++;
			else
				n.lost++;
			for (i = 0; i < nkeys; i++)
				row[i] = keys[i]->values[idx[i]];
			row[nkeys] = res.saved ? "saved" : "lost";
			row[nkeys + 1] = sim_short_reason(&sc, &res);
			sim_result_free(&res);
			if (add_row(&rs, row))
				goto oom;
		}
		/* the next combination, the last key fastest */
		for (i = nkeys; i-- > 0;) {
			if (++idx[i] < keys[i]->n)
				break;
			idx[i] = 0;
		}
		if (i == (unsigned int)-1)
			break;
	}
	if (columns && project(&rs, sel, nsel))
		goto oom;
	if (json) {
		print_json(&rs, &n);
	} else {
		/* whole rows when piped; on a terminal REASON cut, the summary wrapped */
		unsigned int term = hv_terminal_width();

		print_text(&rs, noheadings, term);
		fflush(stdout);
		hv_wrap_stdout();
		printf("\n%lu combinations: %lu saved, %lu lost, %lu impossible (skipped)\n",
		       n.total, n.saved, n.lost, n.impossible);
	}
	rc = hv_close_stdout(HV_EXIT_OK);
	goto out;
oom:
	hv_warnx("matrix: out of memory");
out:
	free(rs.cells);
	free(pairs);
	scenario_opts_free(&so);
	free(longopts);
	return rc;
}
