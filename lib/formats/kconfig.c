// SPDX-License-Identifier: GPL-2.0-or-later
/* A kernel .config: "CONFIG_X=y", "# CONFIG_X is not set". */
#include <ctype.h>

#include "util/lines.h"
#include "parsers.h"

char kconfig_get(const char *text, size_t len, const char *name)
{
	size_t n = strlen(name), l;
	struct line_iter it;
	const char *p;
	char found = 0;

	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		if (l > n + 1 && !memcmp(p, name, n) && p[n] == '=') {
			const char *v = p + n + 1;

			found = l == n + 2 && (*v == 'y' || *v == 'm' || *v == 'n') ? *v : 'v';
		} else if (l == n + 13 && line_starts(p, l, "# ") && !memcmp(p + 2, name, n) &&
			   !memcmp(p + 2 + n, " is not set", 11)) {
			found = 'n';
		}
	}
	return found;
}

/*
 * NAME=VALUE as scripts/kconfig/confdata.c writes it: a name of letters,
 * digits and '_'; a value y, m or n, a decimal or 0x hex number, or a
 * double-quoted string with backslash escapes.
 */
static bool value_valid(const char *p, size_t l)
{
	const char *eq = memchr(p, '=', l), *v, *end = p + l;
	const char *c;
	size_t vl;

	for (c = p; c < eq; c++)
		if (!isalnum((unsigned char)*c) && *c != '_')
			return false;
	v = eq + 1;
	vl = (size_t)(end - v);
	if (vl == 1 && (*v == 'y' || *v == 'm' || *v == 'n'))
		return true;
	if (vl && *v == '"') {
		for (c = v + 1; c < end; c++) {
			if (*c == '\\' && c + 1 < end)
				c++;
			else if (*c == '"')
				return c + 1 == end;
		}
		return false;
	}
	if (vl > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		for (c = v + 2; c < end; c++)
			if (!isxdigit((unsigned char)*c))
				return false;
		return true;
	}
	c = v + (vl && *v == '-');
	if (c == end)
		return false;
	for (; c < end; c++)
		if (!isdigit((unsigned char)*c))
			return false;
	return true;
}

int kconfig_check(const char *text, size_t len, struct hv_err *err)
{
	unsigned long configs = 0;
	struct line_iter it;
	const char *p;
	size_t l;

	if (memchr(text, '\0', len)) {
		hv_err_set(err, 0, "NUL byte: not a kernel config");
		return -1;
	}
	line_iter_init(&it, text, len);
	while (line_next(&it, &p, &l)) {
		if (!l || *p == '#')
			continue;
		if (!line_starts(p, l, "CONFIG_") || !memchr(p, '=', l)) {
			hv_err_set(err, it.lineno, "expected CONFIG_NAME=value or a # comment, not \"%.*s\"",
				   (int)(l > 60 ? 60 : l), p);
			return -1;
		}
		if (!value_valid(p, l)) {
			hv_err_set(err, it.lineno, "\"%.*s\" is no Kconfig value (y, m, a number "
				   "or a \"string\")", (int)(l > 60 ? 60 : l), p);
			return -1;
		}
		configs++;
	}
	if (!configs) {
		hv_err_set(err, 0, "no CONFIG_ lines: not a kernel config");
		return -1;
	}
	return 0;
}
