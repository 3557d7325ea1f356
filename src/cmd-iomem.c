// SPDX-License-Identifier: GPL-2.0-or-later
/* hvkdump iomem: read /proc/iomem into the resource tree and show it. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#if HAVE_SMARTCOLS
#include <libsmartcols.h>
#else
enum { SCOLS_FL_RIGHT = 1, SCOLS_FL_TREE = 2 };
#endif
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/array.h"
#include "cli.h"
#include "jsonwrt.h"
#include "model/iomem.h"
#include "probe/path.h"
#include "probe/dynlib.h"

#define IOMEM_PATH	"/proc/iomem"

enum { COL_START, COL_END, COL_SIZE, COL_NAME };

/* Declared once: drives -o, --help and the JSON types (lsmem.c coldescs). */
static const struct colinfo {
	const char *name;
	double whint;
	int flags;
	const char *help;
} coldescs[] = {
	[COL_START] = { "START", 10, SCOLS_FL_RIGHT, "first address, hex" },
	[COL_END]   = { "END",   10, SCOLS_FL_RIGHT, "last address (inclusive), hex" },
	[COL_SIZE]  = { "SIZE",   5, SCOLS_FL_RIGHT, "size (bytes with --bytes and in JSON)" },
	[COL_NAME]  = { "NAME",  20, SCOLS_FL_TREE,  "resource name, as a tree" },
};
#define NCOLS (sizeof(coldescs) / sizeof(coldescs[0]))

struct iomem_ctl {
	unsigned int columns[NCOLS];
	size_t ncolumns;
	bool json, raw, bytes, noheadings;
};

static void usage(void)
{
	size_t i;

	fputs("Usage:\n"
	      " " PROGRAM " iomem [options] [FILE|-]\n"
	      "\n"
	      "Read a /proc/iomem listing (default " IOMEM_PATH ") into the kernel's\n"
	      "resource tree and show it.\n"
	      "\n"
	      "Options:\n"
	      " -J, --json             JSON output\n"
	      " -r, --raw              print it again in the kernel's own format\n"
	      " -b, --bytes            SIZE in bytes, not in human form\n"
	      " -n, --noheadings       no header line\n"
	      " -o, --output LIST      the columns to show (default START,END,SIZE,NAME)\n"
	      " -s, --sysroot DIR      read DIR" IOMEM_PATH " instead of " IOMEM_PATH "\n"
	      " -h, --help             display this help\n"
	      " -V, --version          display the version\n"
	      "\n"
	      "Columns:\n", stdout);
	for (i = 0; i < NCOLS; i++)
		printf(" %6s  %s\n", coldescs[i].name, coldescs[i].help);
	fputs("\nA listing read without CAP_SYS_ADMIN shows every address as zero:\n"
	      "that is reported, not shown. Exit status 2 for a malformed listing.\n",
	      stdout);
}

static int parse_columns(struct iomem_ctl *ctl, const char *list)
{
	const char *names[NCOLS];
	size_t i;
	int n;

	for (i = 0; i < NCOLS; i++)
		names[i] = coldescs[i].name;
	n = hv_parse_columns("iomem", list, names, NCOLS, ctl->columns, NCOLS);
	if (n < 0)
		return -1;
	ctl->ncolumns = (size_t)n;
	return 0;
}

/* One resource's members, the columns chosen, in JSON. */
static void node_json(const struct iomem_ctl *ctl, struct jsonwrt *jw, const struct resource *r)
{
	uint64_t size = r->end - r->start + 1;
	size_t i;

	for (i = 0; i < ctl->ncolumns; i++) {
		switch (ctl->columns[i]) {
		case COL_START:
			jw_hex(jw, "start", r->start);
			break;
		case COL_END:
			jw_hex(jw, "end", r->end);
			break;
		case COL_SIZE:
			if (size)
				jw_u64(jw, "size", size);
			else	/* [0, 2^64-1] */
				jw_raw(jw, "size", "18446744073709551616");
			break;
		default:
			jw_str(jw, "name", r->name ? r->name : "<BAD>");
		}
	}
}

/* The tree, nested by "children", walked without recursion (a listing may nest deep). */
static int show_json(const struct iomem_ctl *ctl, const struct resource *root)
{
	const struct resource *r;
	size_t depth = 0, open = 0;
	struct jsonwrt jw;

	jw_begin(&jw, stdout);
	jw_open(&jw, "iomem", true);
	for (r = root->child; r;) {
		jw_open(&jw, NULL, false);
		node_json(ctl, &jw, r);
		if (r->child) {
			jw_open(&jw, "children", true);
			open++;
		} else {
			jw_close(&jw, false);
		}
		r = res_next(root, r, &depth);
		for (; open > (r ? depth : 0); open--) {
			jw_close(&jw, true);
			jw_close(&jw, false);
		}
	}
	jw_close(&jw, true);
	jw_end(&jw);
	return HV_EXIT_OK;
}

#if HAVE_SMARTCOLS
static int set_cell(const struct iomem_ctl *ctl, struct libscols_line *ln,
		    size_t i, const struct resource *r)
{
	char buf[32];
	uint64_t size = r->end - r->start + 1;

	switch (ctl->columns[i]) {
	case COL_START:
		snprintf(buf, sizeof(buf), "0x%" PRIx64, r->start);
		break;
	case COL_END:
		snprintf(buf, sizeof(buf), "0x%" PRIx64, r->end);
		break;
	case COL_SIZE:
		if (ctl->bytes) {
			if (size)
				snprintf(buf, sizeof(buf), "%" PRIu64, size);
			else	/* [0, 2^64-1] */
				snprintf(buf, sizeof(buf), "18446744073709551616");
		} else {
			hv_size_to_human(size, buf, sizeof(buf));
			if (!size)
				snprintf(buf, sizeof(buf), "16E");
		}
		break;
	default:
		return hv_smartcols.scols_line_set_data(ln, i, r->name ? r->name : "<BAD>");
	}
	return hv_smartcols.scols_line_set_data(ln, i, buf);
}

static int show_table(const struct iomem_ctl *ctl, const struct resource *root)
{
	struct libscols_table *tb;
	struct libscols_line **stack = NULL, **ns, *ln;
	const struct resource *r;
	size_t depth = 0, cap = 0, i;
	int rc = HV_EXIT_ERROR;
	struct hv_err err = { 0, "" };

	if (!hv_smartcols_load(&err)) {
		hv_warnx("iomem: tables need libsmartcols: %s; --json and --raw work", err.msg);
		return HV_EXIT_ERROR;
	}
	tb = hv_smartcols.scols_new_table();
	if (!tb)
		goto oom;
	hv_smartcols.scols_table_enable_noheadings(tb, ctl->noheadings);
	for (i = 0; i < ctl->ncolumns; i++) {
		const struct colinfo *ci = &coldescs[ctl->columns[i]];

		if (!hv_smartcols.scols_table_new_column(tb, ci->name, ci->whint, ci->flags))
			goto oom;
	}
	/* pre-order, keeping the line of each ancestor */
	for (r = root->child; r;) {
		ns = hv_grow(stack, &cap, depth, sizeof(struct libscols_line *), 16);
		if (!ns)
			goto oom;
		stack = ns;
		ln = hv_smartcols.scols_table_new_line(tb, depth ? stack[depth - 1] : NULL);
		if (!ln)
			goto oom;
		for (i = 0; i < ctl->ncolumns; i++)
			if (set_cell(ctl, ln, i, r))
				goto oom;
		stack[depth] = ln;
		r = res_next(root, r, &depth);
	}
	hv_smartcols.scols_print_table(tb);
	rc = HV_EXIT_OK;
	goto out;
oom:
	hv_warnx("iomem: out of memory");
out:
	free(stack);
	hv_smartcols.scols_unref_table(tb);
	return rc;
}

#else
static int show_table(const struct iomem_ctl *ctl, const struct resource *root)
{
	(void)ctl;
	(void)root;
	hv_warnx("iomem: tables are not in this static build (it has no libsmartcols); "
		 "--json and --raw work");
	return HV_EXIT_ERROR;
}
#endif

static int read_listing(const char *file, const char *sysroot, char **buf,
			size_t *len, const char **shown)
{
	struct hv_path pc;
	char where[600];
	int rc;

	if (file)
		return hv_slurp_input("iomem", file, IOMEM_FILE_MAX, buf, len, shown);
	*shown = IOMEM_PATH;
	rc = hv_path_init(&pc, sysroot);
	if (rc) {
		hv_warnx("iomem: cannot open sysroot %s: %s", sysroot, strerror(-rc));
		return -1;
	}
	rc = hv_path_read(&pc, IOMEM_PATH, IOMEM_FILE_MAX, buf, len);
	hv_path_shown(&pc, IOMEM_PATH, where, sizeof(where));
	hv_path_deinit(&pc);
	if (rc == -EFBIG)
		hv_warnx("iomem: %s: larger than %u bytes", where, IOMEM_FILE_MAX);
	else if (rc)
		hv_warnx("iomem: cannot read %s: %s", where, strerror(-rc));
	return rc ? -1 : 0;
}

int cmd_iomem(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "raw", no_argument, NULL, 'r' },
		{ "bytes", no_argument, NULL, 'b' },
		{ "noheadings", no_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "sysroot", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct iomem_ctl ctl = {
		.columns = { COL_START, COL_END, COL_SIZE, COL_NAME },
		.ncolumns = 4,
	};
	const char *file = NULL, *sysroot = NULL, *shown;
	struct stat st;
	bool columns_given = false;
	struct hv_err err = { 0, "" };
	struct resource *root = NULL;
	char *buf = NULL;
	size_t len = 0;
	int c, rc = HV_EXIT_ERROR;

	while ((c = getopt_long(argc, argv, "+Jbno:rs:Vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'J':
			ctl.json = true;
			hv_json_errors("iomem");
			break;
		case 'r':
			ctl.raw = true;
			break;
		case 'b':
			ctl.bytes = true;
			break;
		case 'n':
			ctl.noheadings = true;
			break;
		case 'o':
			if (parse_columns(&ctl, optarg))
				return HV_EXIT_ERROR;
			columns_given = true;
			break;
		case 's':
			sysroot = optarg;
			break;
		case 'V':
			return hv_print_version();
		case 'h':
			usage();
			return hv_close_stdout(HV_EXIT_OK);
		default:
			return hv_bad_option("iomem", argv, longopts);
		}
	}
	if (ctl.json && ctl.raw)
		return hv_usage_error("iomem", "--json and --raw exclude each other");
	/* the kernel's own format has no columns to choose, no header, no sizes */
	if (ctl.raw && (ctl.noheadings || ctl.bytes || columns_given))
		return hv_usage_error("iomem", "--raw prints the kernel's format: %s does not apply",
				      ctl.noheadings ? "--noheadings" : ctl.bytes ? "--bytes" :
				      "--output");
	if (ctl.json && ctl.noheadings)
		return hv_usage_error("iomem", "--json and --noheadings exclude each other");
	if (argc - optind > 1)
		return hv_usage_error("iomem", "one listing at most");
	if (optind < argc)
		file = argv[optind];
	if (file && sysroot)
		return hv_usage_error("iomem", "a FILE and --sysroot exclude each other");
	/* a listing piped in is not silently passed over for the live one */
	if (!file && !sysroot && !fstat(STDIN_FILENO, &st) &&
	    (S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode)))
		return hv_usage_error("iomem", "standard input is a pipe or a file: give - to read "
				      "it (with no FILE, iomem reads /proc/iomem)");

	if (read_listing(file, sysroot, &buf, &len, &shown))
		return HV_EXIT_ERROR;
	switch (iomem_parse(buf, len, &root, &err)) {
	case IOMEM_OK:
		break;
	case IOMEM_ZEROED:
		hv_warnx("iomem: %s: every address is zero: it was read without "
			 "CAP_SYS_ADMIN; run as root to see the addresses", shown);
		goto out;
	default:
		hv_warn_at(shown, &err);
		goto out;
	}
	if (ctl.raw) {
		struct strbuf sb = STRBUF_INIT;

		iomem_show(root, &sb);
		if (sb.oom)
			hv_warnx("iomem: out of memory");
		else {
			fwrite(sb_str(&sb), 1, sb.len, stdout);
			rc = HV_EXIT_OK;
		}
		sb_release(&sb);
	} else if (ctl.json) {
		rc = show_json(&ctl, root);
	} else {
		rc = show_table(&ctl, root);
	}
out:
	res_free(root);
	free(buf);
	return hv_close_stdout(rc);
}
