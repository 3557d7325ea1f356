// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Ours: a /proc/iomem listing (lib/formats/iomem.c reads its lines) hung
 * back into the tree kernel/resource.c r_show() printed it from
 * (model/linux/kernel/resource.c).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>

#include "model/iomem.h"

_Static_assert(IOMEM_DEPTH_MAX == MAX_IORES_LEVEL, "r_show()'s deepest indent");

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

static enum iomem_status build_tree(const struct iomem_listing *l, struct resource **rootp,
				    struct hv_err *err)
{
	struct iomem_cursor cur = { NULL, 0 };
	struct resource *root = iomem_root_new();
	size_t i;

	if (!root) {
		hv_err_set(err, 0, "out of memory");
		return IOMEM_NOMEM;
	}
	for (i = 0; i < l->n; i++) {
		if (!place_line(root, &cur, &l->line[i], err)) {
			res_free(root);
			return IOMEM_MALFORMED;
		}
	}
	if (!res_index(root)) {
		hv_err_set(err, 0, "out of memory");
		res_free(root);
		return IOMEM_NOMEM;
	}
	*rootp = root;
	return IOMEM_OK;
}

enum iomem_status iomem_parse(const char *text, size_t len,
			      struct resource **rootp, struct hv_err *err)
{
	struct iomem_listing l;
	enum iomem_status st;

	*rootp = NULL;
	st = iomem_lines(text, len, &l, err);
	if (st != IOMEM_OK)
		return st;
	st = build_tree(&l, rootp, err);
	iomem_listing_free(&l);
	return st;
}
