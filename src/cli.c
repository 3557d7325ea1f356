// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "jsonwrt.h"
#include "probe/path.h"

/* With --json: the messages of a run, for the error object of a failed one. */
static struct {
	const char *cmd;	/* NULL: not a --json run */
	char msgs[8][512];
	unsigned int n;
} json_err;

void hv_json_errors(const char *cmd)
{
	json_err.cmd = cmd;
	json_err.n = 0;
}

/* @msg kept for a --json error object (cut to the room kept). */
static void keep(const char *msg)
{
	size_t len = strnlen(msg, sizeof(json_err.msgs[0]) - 1);

	if (!json_err.cmd)
		return;
	if (json_err.n == sizeof(json_err.msgs) / sizeof(json_err.msgs[0]))
		memmove(json_err.msgs[0], json_err.msgs[1],
			sizeof(json_err.msgs) - sizeof(json_err.msgs[0]));
	else
		json_err.n++;
	memcpy(json_err.msgs[json_err.n - 1], msg, len);
	json_err.msgs[json_err.n - 1][len] = '\0';
}

/*
 * Every message: "CMD: " (when @cmd is set) and @fmt, on stderr after
 * "hvkdump: " when @print, and kept for a --json error object.
 */
static void vsay(bool print, const char *cmd, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
static void vsay(bool print, const char *cmd, const char *fmt, va_list ap)
{
	char msg[2048];
	int n = cmd ? snprintf(msg, sizeof(msg), "%s: ", cmd) : 0;

	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	if (print)
		fprintf(stderr, PROGRAM ": %s\n", msg);
	keep(msg);
}

int hv_json_error_exit(int rc)
{
	struct jsonwrt jw;
	unsigned int i;

	if (rc != HV_EXIT_ERROR || !json_err.cmd || jw_documents)
		return rc;
	jw_begin(&jw, stdout);
	jw_open(&jw, "error", false);
	jw_str(&jw, "command", json_err.cmd);
	jw_str(&jw, "message", json_err.n ? json_err.msgs[json_err.n - 1] :
	       "failed (no message)");
	jw_open(&jw, "messages", true);
	for (i = 0; i < json_err.n; i++)
		jw_str(&jw, NULL, json_err.msgs[i]);
	jw_close(&jw, true);
	jw_u64(&jw, "exit_status", HV_EXIT_ERROR);
	jw_close(&jw, false);
	jw_end(&jw);
	return hv_close_stdout(HV_EXIT_ERROR);
}

void hv_json_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(false, NULL, fmt, ap);
	va_end(ap);
}

void hv_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(true, NULL, fmt, ap);
	va_end(ap);
}

void hv_warn_at(const char *file, const struct hv_err *err)
{
	if (err->line)
		hv_warnx("%s:%lu: %s", file, err->line, err->msg);
	else
		hv_warnx("%s: %s", file, err->msg);
}

int hv_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(true, cmd, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '" PROGRAM " %s --help' for more information.\n", cmd);
	return HV_EXIT_ERROR;
}

/* "CMD: --output: unknown column 'X' (columns: A, B, C)" */
static void unknown_column(const char *cmd, const char *name, size_t len,
			   const char *const *names, size_t n)
{
	char known[1024];
	size_t off = 0, i;

	known[0] = '\0';
	for (i = 0; i < n && off < sizeof(known); i++)
		off += (size_t)snprintf(known + off, sizeof(known) - off, "%s%s", i ? ", " : "",
					names[i]);
	hv_warnx("%s: --output: unknown column '%.*s' (columns: %s)", cmd, (int)len, name, known);
}

int hv_parse_columns(const char *cmd, const char *list, const char *const *names, size_t n,
		     unsigned int *sel, size_t max)
{
	const char *p = list;
	size_t nsel = 0, len, c;

	if (!*list) {
		hv_warnx("%s: --output: no column named", cmd);
		return -1;
	}
	for (;;) {
		len = strcspn(p, ",");
		for (c = 0; c < n; c++)
			if (strlen(names[c]) == len && !strncasecmp(names[c], p, len))
				break;
		if (c == n) {
			unknown_column(cmd, p, len, names, n);
			return -1;
		}
		if (nsel == max) {
			hv_warnx("%s: --output: more than %zu columns in \"%s\"", cmd, max, list);
			return -1;
		}
		sel[nsel++] = (unsigned int)c;
		if (!p[len])
			return (int)nsel;
		p += len + 1;
	}
}

/* Levenshtein distance, capped: small enough for a "did you mean". */
unsigned int hv_distance(const char *a, const char *b)
{
	unsigned int row[32], i, j, prev, tmp, la = (unsigned int)strlen(a),
		     lb = (unsigned int)strlen(b);

	if (la >= 32 || lb >= 32)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev :
				 1 + (prev < row[j] ? (prev < row[j - 1] ? prev : row[j - 1]) :
				      (row[j] < row[j - 1] ? row[j] : row[j - 1]));
			prev = tmp;
		}
	}
	return row[lb];
}

int hv_bad_option(const char *cmd, char **argv, const struct option *longopts)
{
	const char *arg = optind > 0 ? argv[optind - 1] : NULL, *best = NULL;
	unsigned int d, bestd = 3;
	char name[32];

	if (arg)	/* getopt said what is wrong on stderr; the error object says it too */
		hv_json_note("%s: bad option or option argument: '%s'", cmd, arg);
	/* a near long option is worth naming */
	if (arg && !strncmp(arg, "--", 2)) {
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
		for (; longopts->name; longopts++)
			if ((d = hv_distance(name, longopts->name)) < bestd) {
				bestd = d;
				best = longopts->name;
			}
		if (best && bestd)
			fprintf(stderr, "Did you mean '--%s'?\n", best);
	}
	return hv_errtryhelp(cmd);
}

int hv_errtryhelp(const char *cmd)
{
	fprintf(stderr, "Try '" PROGRAM " %s --help' for more information.\n", cmd);
	return HV_EXIT_ERROR;
}

FILE *hv_open_input(const char *cmd, const char *path, const char **shown)
{
	FILE *f;

	if (!strcmp(path, "-")) {
		*shown = "<stdin>";
		return stdin;
	}
	*shown = path;
	f = fopen(path, "re");
	if (!f)
		hv_warnx("%s: cannot open %s: %s", cmd, path, strerror(errno));
	return f;
}

int hv_slurp_input(const char *cmd, const char *path, size_t cap,
		   char **buf, size_t *len, const char **shown)
{
	int fd, rc;

	if (!strcmp(path, "-")) {
		*shown = "<stdin>";
		fd = STDIN_FILENO;
	} else {
		*shown = path;
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0) {
			hv_warnx("%s: cannot open %s: %s", cmd, path, strerror(errno));
			return -1;
		}
	}
	rc = hv_read_fd(fd, cap, buf, len);
	if (fd != STDIN_FILENO)
		close(fd);
	if (rc == -EFBIG) {
		hv_warnx("%s: %s: larger than %zu bytes", cmd, *shown, cap);
		return -1;
	}
	if (rc) {
		hv_warnx("%s: cannot read %s: %s", cmd, *shown, strerror(-rc));
		return -1;
	}
	return 0;
}

int hv_print_version(void)
{
	/* what this build leaves out, and what goes with it */
	static const struct {
		int have;
		const char *what;
	} features[] = {
		{ HAVE_SMARTCOLS, "libsmartcols (iomem tables and JSON)" },
		{ HAVE_LIBARCHIVE, "libarchive (the kdump initramfs, check --sysroot FILE)" },
		{ HAVE_SQLITE, "sqlite (the rpm database of rpm 4.16 and later)" },
		{ HAVE_ZLIB, "zlib (/proc/config.gz, collect)" },
		{ HAVE_SYSTEMD, "libsystemd (the binary journal under a sysroot)" },
	};
	const char *sep = " (without ";
	size_t i;

	printf(PROGRAM " %s", HVKDUMP_VERSION);
	for (i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (!features[i].have) {
			printf("%s%s", sep, features[i].what);
			sep = ", ";
		}
	puts(*sep == ',' ? ")" : "");
	return hv_close_stdout(HV_EXIT_OK);
}

int hv_close_stdout(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			hv_warnx("write error: %s", strerror(errno));
		return HV_EXIT_ERROR;
	}
	return rc;
}

void hv_size_to_human(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "BKMGTPE";
	unsigned int u = 0;
	uint64_t whole = bytes, frac;

	while (whole >= 1024 && u < sizeof(units) - 2) {
		whole >>= 10;
		u++;
	}
	if (!u) {
		snprintf(buf, len, "%" PRIu64 "B", bytes);
		return;
	}
	/* one decimal, rounded as util-linux does */
	frac = bytes - (whole << (10 * u));
	frac = ((frac >> (10 * u - 10)) * 10 + 512) / 1024;
	if (frac == 10) {
		whole++;
		frac = 0;
	}
	if (frac)
		snprintf(buf, len, "%" PRIu64 ".%" PRIu64 "%c", whole, frac, units[u]);
	else
		snprintf(buf, len, "%" PRIu64 "%c", whole, units[u]);
}

/* @s as one shell word: as it is when that is safe, else in single quotes. */
void hv_print_shell_word(FILE *out, const char *s)
{
	const char *c;

	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789/._-+:,=@%") == strlen(s)) {
		fputs(s, out);
		return;
	}
	fputc('\'', out);
	for (c = s; *c; c++)
		if (*c == '\'')
			fputs("'\\''", out);
		else
			fputc(*c, out);
	fputc('\'', out);
}
