// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The resource tree: Linux v2.6 ... v7.1, kernel/resource.c
 * __request_resource(), __request_region(), __release_region(), and
 * r_show(), the /proc/iomem listing.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util/strbuf.h"
#include "resource.h"

struct resource *res_new(uint64_t start, uint64_t end, const char *name,
			 unsigned long flags)
{
	struct resource *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	if (name) {
		r->name = strdup(name);
		if (!r->name) {
			free(r);
			return NULL;
		}
	}
	r->start = start;
	r->end = end;
	r->flags = flags;
	return r;
}

/* Frees a whole subtree without recursion: a hostile tree may be deep. */
void res_free(struct resource *r)
{
	struct resource *top = r, *next;

	if (!r)
		return;
	top->sibling = NULL;	/* only @r and what lies below it */
	while (r) {
		if (r->child) {
			next = r->child;
			r->child = NULL;
			r = next;
			continue;
		}
		next = r->sibling ? r->sibling : r->parent;
		if (r == top)
			next = NULL;
		free(r->name);
		free(r);
		r = next;
	}
}

/* kernel/resource.c: __request_resource() */
struct resource *res_request_resource(struct resource *root,
				      struct resource *new)
{
	uint64_t start = new->start;
	uint64_t end = new->end;
	struct resource *tmp, **p;

	if (end < start)
		return root;
	if (start < root->start)
		return root;
	if (end > root->end)
		return root;
	p = &root->child;
	for (;;) {
		tmp = *p;
		if (!tmp || tmp->start > end) {
			new->sibling = tmp;
			*p = new;
			new->parent = root;
			return NULL;
		}
		p = &tmp->sibling;
		if (tmp->end < start)
			continue;
		return tmp;
	}
}

/* kernel/resource.c: __request_region_locked(), flags as given */
struct resource *res_request_nested(struct resource *parent, uint64_t start,
				    uint64_t n, const char *name,
				    unsigned long flags,
				    struct resource **conflict_out)
{
	struct resource *res, *conflict;

	if (conflict_out)
		*conflict_out = parent;
	if (!res_range_ok(start, n))
		return NULL;
	res = res_new(start, start + n - 1, name, flags);
	if (!res)
		return NULL;
	for (;;) {
		conflict = res_request_resource(parent, res);
		if (!conflict)
			return res;
		if (conflict != parent && !(conflict->flags & IORESOURCE_BUSY)) {
			parent = conflict;
			continue;
		}
		/* "Uhhuh, that didn't work out.." */
		if (conflict_out)
			*conflict_out = conflict;
		res_free(res);
		return NULL;
	}
}

/* kernel/resource.c: __request_region() */
struct resource *res_request_region(struct resource *parent, uint64_t start,
				    uint64_t n, const char *name,
				    unsigned long flags,
				    struct resource **conflict)
{
	return res_request_nested(parent, start, n, name,
				  IORESOURCE_MEM | IORESOURCE_BUSY | flags,
				  conflict);
}

/* kernel/resource.c: __release_region() */
bool res_release_region(struct resource *parent, uint64_t start, uint64_t n)
{
	struct resource **p = &parent->child;
	uint64_t end = start + n - 1;

	if (!res_range_ok(start, n))
		return false;
	for (;;) {
		struct resource *res = *p;

		if (!res)
			break;
		if (res->start <= start && res->end >= end) {
			if (!(res->flags & IORESOURCE_BUSY)) {
				p = &res->child;
				continue;
			}
			if (res->start != start || res->end != end)
				break;
			*p = res->sibling;
			res->parent = NULL;
			res->sibling = NULL;
			res_free(res);
			return true;
		}
		p = &res->sibling;
	}
	return false;
}

/* The lowest aligned c >= lo with [c, c+size-1] inside [lo, hi]. */
static bool gap_fit(uint64_t lo, uint64_t hi, uint64_t size, uint64_t align,
		    uint64_t *found)
{
	uint64_t c;

	if (lo > hi || !res_align_up(lo, align, &c) || c > hi)
		return false;
	if (size - 1 > hi - c)
		return false;
	*found = c;
	return true;
}

static inline uint64_t max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/*
 * A request succeeds where it overlaps no child of the level it reaches,
 * and it reaches a level by lying wholly inside a non-busy child. So the
 * places it can go are the gaps between children, and recursively the
 * places inside each non-busy child; in address order that is one walk.
 */
bool res_next_fit(const struct resource *root, uint64_t from, uint64_t size,
		  uint64_t align, uint64_t *found)
{
	const struct resource *p = root, *ch;
	uint64_t gap;		/* first address of the current gap */
	bool open;		/* false once the level is used up to 2^64-1 */

	if (!size || !res_is_pow2(align))
		return false;
	gap = p->start;
	open = true;
	ch = p->child;
	for (;;) {
		for (; ch; ch = ch->sibling) {
			if (ch->end < from) {
				gap = ch->end + 1;
				continue;
			}
			if (ch->start > gap &&
			    gap_fit(max_u64(from, gap), ch->start - 1, size,
				    align, found))
				return true;
			if (!(ch->flags & IORESOURCE_BUSY))
				break;		/* descend */
			if (ch->end == UINT64_MAX) {
				open = false;
				break;
			}
			gap = ch->end + 1;
		}
		if (ch && open) {
			p = ch;
			gap = p->start;
			ch = p->child;
			continue;
		}
		if (open && gap_fit(max_u64(from, gap), p->end, size, align,
				    found))
			return true;
		/* this level is done: go on after it in its parent */
		for (;;) {
			if (p == root)
				return false;
			if (p->end == UINT64_MAX) {
				p = p->parent;
				continue;
			}
			gap = p->end + 1;
			ch = p->sibling;
			p = p->parent;
			open = true;
			break;
		}
	}
}

struct resource *res_next(const struct resource *root, const struct resource *r,
			  size_t *depth)
{
	if (r->child) {
		if (depth)
			++*depth;
		return r->child;
	}
	while (!r->sibling && r->parent && r->parent != root) {
		r = r->parent;
		if (depth)
			--*depth;
	}
	return r->sibling;
}

unsigned int res_depth(const struct resource *root, const struct resource *r)
{
	unsigned int depth = 0;

	for (; r->parent && r->parent != root; r = r->parent)
		depth++;
	return depth;
}

struct resource *iomem_root_new(void)
{
	return res_new(0, UINT64_MAX, "PCI mem", IORESOURCE_MEM);
}

static void show_one(const struct resource *r, size_t depth, int width,
		     struct strbuf *out)
{
	if (depth > MAX_IORES_LEVEL)
		depth = MAX_IORES_LEVEL;
	sb_addf(out, "%*s%0*" PRIx64 "-%0*" PRIx64 " : %s\n",
		(int)depth * 2, "", width, r->start, width, r->end,
		r->name ? r->name : "<BAD>");
}

/* Pre-order, as r_next() walks, keeping the depth as it goes. */
static void show_children(const struct resource *root, size_t depth, int width,
			  struct strbuf *out)
{
	const struct resource *r;

	for (r = root->child; r; r = res_next(root, r, &depth))
		show_one(r, depth, width, out);
}

/* kernel/resource.c: r_show() for a reader with CAP_SYS_ADMIN */
void iomem_show(const struct resource *root, struct strbuf *out)
{
	show_children(root, 0, root->end < 0x10000 ? 4 : 8, out);
}

void iomem_show_with_root(const struct resource *root, struct strbuf *out)
{
	show_one(root, 0, 8, out);
	show_children(root, 1, 8, out);
}
