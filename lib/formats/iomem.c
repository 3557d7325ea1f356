// SPDX-License-Identifier: GPL-2.0-or-later
/* /proc/iomem parsing: the reverse of kernel/resource.c r_show() (model/linux/kernel/resource.c). */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "iomem.h"
#include "util/number.h"

/* No kernel resource name comes near this; a longer one is not iomem. */
#define IOMEM_NAME_MAX 4096

struct iomem_line {
	unsigned long lineno;
	unsigned int depth;	/* as printed: capped at MAX_IORES_LEVEL */
	uint64_t start, end;
	const char *name;
	size_t name_len;
};

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
	if (spaces / 2 > MAX_IORES_LEVEL) {
		hv_err_set(err, lineno, "indent of %zu spaces is deeper than the kernel prints (%d)",
			   spaces, 2 * MAX_IORES_LEVEL);
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

static bool contains(const struct resource *outer, const struct iomem_line *l)
{
	return outer->start <= l->start && l->end <= outer->end;
}

/* The previous line's resource and its real depth (0: a child of root). */
struct iomem_cursor {
	struct resource *last;
	size_t depth;
};

/*
 * Hangs @l into the tree after the previous line. r_show() caps the
 * indent at MAX_IORES_LEVEL, so a line printed at that depth belongs to
 * the deepest resource on the previous line's path that holds it:
 * siblings never overlap, so containment decides. The resource we climb
 * up from is the parent's last child, the sibling the new one follows.
 */
static bool place_line(struct resource *root, struct iomem_cursor *cur,
		       const struct iomem_line *l, struct hv_err *err)
{
	struct resource *parent = cur->last, *prev = NULL, *r;
	size_t pd = cur->depth;	/* depth of parent */

	if (!parent) {
		if (l->depth) {
			hv_err_set(err, l->lineno, "the first line must not be indented");
			return false;
		}
		parent = root;
		prev = root->child;
		goto link;
	}
	if (l->depth > (pd < MAX_IORES_LEVEL ? pd : MAX_IORES_LEVEL) + 1) {
		hv_err_set(err, l->lineno, "indented more than one level below the line before");
		return false;
	}
	if (l->depth < MAX_IORES_LEVEL) {
		while (parent != root && pd + 1 > l->depth) {
			prev = parent;
			parent = parent->parent;
			pd--;
		}
	} else {
		while (pd >= MAX_IORES_LEVEL && !contains(parent, l)) {
			prev = parent;
			parent = parent->parent;
			pd--;
		}
	}
link:
	if (parent != root && !contains(parent, l)) {
		hv_err_set(err, l->lineno,
			   "%08" PRIx64 "-%08" PRIx64 " is not inside its parent %08" PRIx64 "-%08" PRIx64,
			   l->start, l->end, parent->start, parent->end);
		return false;
	}
	if (prev && prev->end >= l->start) {
		hv_err_set(err, l->lineno,
			   "%08" PRIx64 "-%08" PRIx64 " overlaps or comes before its sibling %08" PRIx64 "-%08" PRIx64,
			   l->start, l->end, prev->start, prev->end);
		return false;
	}
	r = res_new_n(l->start, l->end, l->name, l->name_len, IORESOURCE_MEM);
	if (!r) {
		hv_err_set(err, l->lineno, "out of memory");
		return false;
	}
	r->parent = parent;
	if (prev)
		prev->sibling = r;
	else
		parent->child = r;
	cur->last = r;
	cur->depth = parent == root ? 0 : pd + 1;
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

enum iomem_status iomem_parse(const char *text, size_t len,
			      struct resource **rootp, struct hv_err *err)
{
	struct iomem_line *lines = NULL, *nl;
	size_t n = 0, cap = 0, i;
	const char *p = text, *end = text + len;
	unsigned long lineno = 0;
	struct resource *root = NULL;
	struct iomem_cursor cur = { NULL, 0 };
	enum iomem_status st = IOMEM_MALFORMED;

	*rootp = NULL;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (!eol)
			eol = end;
		if (++lineno > IOMEM_LINES_MAX) {
			hv_err_set(err, lineno, "more than %d lines: too large to read (a real "
				   "/proc/iomem has a few hundred)", IOMEM_LINES_MAX);
			goto out;
		}
		nl = hv_grow(lines, &cap, n, sizeof(*nl), 64);
		if (!nl) {
			st = IOMEM_NOMEM;
			hv_err_set(err, lineno, "out of memory");
			goto out;
		}
		lines = nl;
		if (!parse_line(p, eol, lineno, &lines[n], err))
			goto out;
		n++;
		p = eol + (eol < end);
	}
	if (all_zero(lines, n)) {
		st = IOMEM_ZEROED;
		hv_err_set(err, 0, "every address is zero: the listing was read without CAP_SYS_ADMIN");
		goto out;
	}
	root = iomem_root_new();
	if (!root) {
		st = IOMEM_NOMEM;
		hv_err_set(err, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!place_line(root, &cur, &lines[i], err))
			goto out;
	}
	res_index(root);
	st = IOMEM_OK;
	*rootp = root;
	root = NULL;
out:
	res_free(root);
	free(lines);
	return st;
}
