// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /proc/iomem read line by line: what kernel/resource.c r_show() prints
 * (model/linux/kernel/resource.c). model/iomem.c hangs the lines into a tree.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/number.h"
#include "iomem.h"

/* No kernel resource name comes near this; a longer one is not iomem. */
#define IOMEM_NAME_MAX 4096

/* Reads hex digits at *p; false if there are none or more than 64 bits. */
static bool parse_hex(const char **p, const char *end, uint64_t *val)
{
	const char *s = *p;
	uint64_t v = 0;
	int d;

	if (s >= end || hv_digit(*s, 16) < 0)
		return false;
	for (; s < end && (d = hv_digit(*s, 16)) >= 0; s++) {
		if (v >> 60)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	*p = s;
	*val = v;
	return true;
}

static bool parse_line(const char *s, const char *end, unsigned long lineno,
		       struct iomem_line *l, struct hv_err *err)
{
	const char *p = s;
	size_t spaces;

	if (memchr(s, '\0', (size_t)(end - s))) {
		hv_err_set(err, lineno, "NUL byte in line");
		return false;
	}
	while (p < end && *p == ' ')
		p++;
	spaces = (size_t)(p - s);
	if (p == end) {
		hv_err_set(err, lineno, "empty line");
		return false;
	}
	if (spaces % 2) {
		hv_err_set(err, lineno, "odd indent of %zu spaces (expected 2 per level)", spaces);
		return false;
	}
	if (spaces / 2 > IOMEM_DEPTH_MAX) {
		hv_err_set(err, lineno, "indent of %zu spaces is deeper than the kernel prints (%d)",
			   spaces, 2 * IOMEM_DEPTH_MAX);
		return false;
	}
	l->lineno = lineno;
	l->depth = (unsigned int)(spaces / 2);
	if (!parse_hex(&p, end, &l->start)) {
		hv_err_set(err, lineno, "expected a hex start address of at most 16 digits");
		return false;
	}
	if (p == end || *p != '-') {
		hv_err_set(err, lineno, "expected '-' after the start address");
		return false;
	}
	p++;
	if (!parse_hex(&p, end, &l->end)) {
		hv_err_set(err, lineno, "expected a hex end address of at most 16 digits");
		return false;
	}
	if (end - p < 3 || memcmp(p, " : ", 3) != 0) {
		hv_err_set(err, lineno, "expected \" : \" and a name after the end address");
		return false;
	}
	p += 3;
	if (l->end < l->start) {
		hv_err_set(err, lineno, "end 0x%" PRIx64 " is below start 0x%" PRIx64,
			   l->end, l->start);
		return false;
	}
	if (end - p > IOMEM_NAME_MAX) {
		hv_err_set(err, lineno, "name longer than %d bytes", IOMEM_NAME_MAX);
		return false;
	}
	l->name = p;
	l->name_len = (size_t)(end - p);
	return true;
}

static bool all_zero(const struct iomem_line *lines, size_t n)
{
	size_t i;

	if (n < 2)
		return false;
	for (i = 0; i < n; i++)
		if (lines[i].start || lines[i].end)
			return false;
	return true;
}

enum iomem_status iomem_lines(const char *text, size_t len, struct iomem_listing *out,
			      struct hv_err *err)
{
	struct iomem_line *nl;
	size_t cap = 0;
	const char *p = text, *end = text + len;
	unsigned long lineno = 0;

	out->line = NULL;
	out->n = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (!eol)
			eol = end;
		if (++lineno > IOMEM_LINES_MAX) {
			hv_err_set(err, lineno, "more than %d lines: too large to read (a real "
				   "/proc/iomem has a few hundred)", IOMEM_LINES_MAX);
			goto bad;
		}
		nl = hv_grow(out->line, &cap, out->n, sizeof(*nl), 64);
		if (!nl) {
			hv_err_set(err, lineno, "out of memory");
			iomem_listing_free(out);
			return IOMEM_NOMEM;
		}
		out->line = nl;
		if (!parse_line(p, eol, lineno, &out->line[out->n], err))
			goto bad;
		out->n++;
		p = eol + (eol < end);
	}
	if (all_zero(out->line, out->n)) {
		hv_err_set(err, 0, "every address is zero: the listing was read without CAP_SYS_ADMIN");
		iomem_listing_free(out);
		return IOMEM_ZEROED;
	}
	return IOMEM_OK;
bad:
	iomem_listing_free(out);
	return IOMEM_MALFORMED;
}

void iomem_listing_free(struct iomem_listing *l)
{
	free(l->line);
	l->line = NULL;
	l->n = 0;
}
