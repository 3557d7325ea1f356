// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The resource tree: Linux v2.6 ... v7.1, kernel/resource.c
 * __request_resource(), __request_region(), __release_region(), and
 * r_show(), the /proc/iomem listing.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/slab.h"
#include "util/strbuf.h"
#include "model/res_index.h"
#include "resource.h"

/*
 * Nodes come from a pool (util/slab.h): a block of 96 bytes, the name in
 * its last bytes when it fits there (most do: "dev", "PCI Bus 0000:00"),
 * else in an allocation of its own. Built with AddressSanitizer, each node
 * is its own allocation, the name right after it, so that ASan sees an
 * overflow of either.
 */
#define RES_BLOCK	96
#define RES_NAME_ROOM	(RES_BLOCK - sizeof(struct resource))
_Static_assert(sizeof(struct resource) <= RES_BLOCK - 16, "room for a short name");

#ifndef SLAB_PLAIN
static struct slab res_pool = SLAB_INIT(RES_BLOCK);
#endif

static struct resource *node_new(const char *name, size_t len)
{
	struct resource *r;

#ifdef SLAB_PLAIN
	r = calloc(1, sizeof(*r) + (name ? len + 1 : 0));
	if (r && name)
		r->name = (char *)(r + 1);
#else
	r = slab_alloc(&res_pool);
	if (r && name)
		r->name = len < RES_NAME_ROOM ? (char *)(r + 1) : malloc(len + 1);
	if (r && name && !r->name) {
		slab_free(&res_pool, r);
		return NULL;
	}
#endif
	if (r && name) {
		memcpy(r->name, name, len);
		r->name[len] = '\0';
	}
	return r;
}

static void node_free(struct resource *r)
{
#ifdef SLAB_PLAIN
	free(r);
#else
	if (r->name != (char *)(r + 1))
		free(r->name);
	slab_free(&res_pool, r);
#endif
}

struct resource *res_new_n(uint64_t start, uint64_t end, const char *name,
			   size_t len, unsigned long flags)
{
	struct resource *r = node_new(name, len);

	if (!r)
		return NULL;
	r->start = start;
	r->end = end;
	r->flags = flags;
	return r;
}

struct resource *res_new(uint64_t start, uint64_t end, const char *name,
			 unsigned long flags)
{
	return res_new_n(start, end, name, name ? strlen(name) : 0, flags);
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
		rix_free(r->tree);
		node_free(r);
		r = next;
	}
}

static inline uint64_t max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/*
 * The room inside @r: where a request that lies wholly in it may go.
 * Spans are counted in bytes, the whole 2^64 saturated to 2^64-1.
 */
static uint64_t inner_room(const struct resource *r)
{
	struct rix_sum s;

	if (r->flags & IORESOURCE_BUSY)
		return 0;
	if (!r->tree) {
		uint64_t span = r->end - r->start;

		return span == UINT64_MAX ? span : span + 1;
	}
	rix_summary(r->tree, &s);
	return max_u64(s.room, max_u64(s.first - r->start, r->end - s.last));
}

/* @p's children changed: its room and that of the levels above it follow. */
static void propagate(struct resource *p)
{
	for (; p->parent; p = p->parent) {
		uint64_t room = inner_room(p);

		if (room == p->inner)
			return;
		p->inner = room;
		rix_update(p->parent->tree, p);
	}
}

bool res_index(struct resource *root)
{
	struct resource *r = root, *c, *prev;
	struct rix_hit next;

	/* post-order, without recursion: children before their parent */
	while (r->child)
		r = r->child;
	for (;;) {
		rix_free(r->tree);
		r->tree = NULL;
		for (c = r->child; c; c = c->sibling)
			if (rix_add(&r->tree, c, &prev, &next))
				return false;
		r->inner = inner_room(r);
		if (r == root)
			return true;
		if (r->sibling) {
			r = r->sibling;
			while (r->child)
				r = r->child;
		} else {
			r = r->parent;
		}
	}
}

/*
 * kernel/resource.c: __request_resource(). The kernel walks the children
 * to the first one that does not end below @new: @new goes before it when
 * it starts above @new's end, else it is the conflict. The index finds
 * that child, and the one before it, without the walk.
 */
struct resource *res_request_resource(struct resource *root,
				      struct resource *new)
{
	uint64_t start = new->start;
	uint64_t end = new->end;
	struct resource *prev;
	struct rix_hit tmp;

	if (end < start)
		return root;
	if (start < root->start)
		return root;
	if (end > root->end)
		return root;
	new->inner = inner_room(new);
	switch (rix_add(&root->tree, new, &prev, &tmp)) {
	case 1:
		return tmp.r;
	case -1:
		return root;	/* out of memory: refused as the kernel's -ENOMEM would be */
	}
	new->sibling = tmp.r;
	if (prev)
		prev->sibling = new;
	else
		root->child = new;
	new->parent = root;
	propagate(root);
	return NULL;
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

/*
 * kernel/resource.c: __release_region(). The kernel walks each level's
 * children for the one that holds the range, descending while that one is
 * not busy; siblings never overlap, so at most one child holds it: the last
 * one that starts at or below it, which the index finds.
 */
bool res_release_region(struct resource *parent, uint64_t start, uint64_t n)
{
	uint64_t end = start + n - 1;

	if (!res_range_ok(start, n))
		return false;
	for (;;) {
		struct resource *res, *prev;
		struct rix_hit at;

		/*
		 * the one child that could hold it, the first that reaches
		 * start, and the one before it, in one descent
		 */
		prev = rix_around(parent->tree, start, &at);
		if (!at.r || at.start > start || at.end < end)
			return false;
		res = at.r;
		if (!(res->flags & IORESOURCE_BUSY)) {
			parent = res;
			continue;
		}
		if (res->start != start || res->end != end)
			return false;
		if (prev)
			prev->sibling = res->sibling;
		else
			parent->child = res->sibling;
		rix_erase(&parent->tree, res);
		propagate(parent);
		res->parent = NULL;
		res->sibling = NULL;
		res_free(res);
		return true;
	}
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

/*
 * Whether res_request_region(@root, @start, @size) would succeed: its walk
 * down __request_resource()'s conflicts, each level's found in the index,
 * nothing claimed. A first fit asks this of its candidate before it looks
 * further: most candidates are free.
 */
bool res_fits_at(const struct resource *root, uint64_t start, uint64_t size)
{
	const struct resource *p = root;
	uint64_t end = start + size - 1;
	struct rix_hit tmp;

	if (!res_range_ok(start, size))
		return false;
	for (;;) {
		if (start < p->start || end > p->end)
			return false;
		if (!rix_ceil_end(p->tree, start, &tmp) || tmp.start > end)
			return true;
		/*
		 * No room in it (the index's copy: the child itself is
		 * further away): busy, or non-busy and full, where the walk
		 * down would meet only conflicts.
		 */
		if (!tmp.room || (tmp.r->flags & IORESOURCE_BUSY))
			return false;
		p = tmp.r;
	}
}

/*
 * The places a request can go, in address order: in each level (a
 * resource), the gap before each child, the places inside the child when
 * it is not busy, and the gap after the last child. That walk, done with
 * a stack of its own (a hostile tree may be deep): a level is searched
 * through its index in order, each part skipped when it ends below @from
 * or has no room for @size.
 */
enum fit_kind {
	FIT_NODE,	/* an index node, from entry i on */
	FIT_TAIL,	/* the gap after a level's last child */
};

struct fit_frame {
	const void *p;		/* FIT_NODE: a struct rix; FIT_TAIL: the level */
	uint64_t lo;		/* FIT_NODE: where the gap before entry i starts */
	uint32_t i;
	enum fit_kind kind;
};

struct fit {
	uint64_t from, size, align;
	struct fit_frame *st, local[64];
	size_t n, cap;
	bool oom;
};

/* The stack outgrew its first 64 frames (a tree deep in levels). */
static __attribute__((noinline)) bool fit_grow(struct fit *f)
{
	size_t cap = f->cap * 2;
	struct fit_frame *st = malloc(cap * sizeof(*st));

	if (!st) {
		f->oom = true;
		return false;
	}
	memcpy(st, f->st, f->n * sizeof(*st));
	if (f->st != f->local)
		free(f->st);
	f->st = st;
	f->cap = cap;
	return true;
}

static inline void fit_push(struct fit *f, const void *p, uint64_t lo, uint32_t i,
			    enum fit_kind kind)
{
	if (f->n == f->cap && !fit_grow(f))
		return;
	f->st[f->n++] = (struct fit_frame){ p, lo, i, kind };
}

/* Queues level @p: its children, then the gap after them (popped last). */
static void fit_level(struct fit *f, const struct resource *p)
{
	fit_push(f, p, 0, 0, FIT_TAIL);
	if (p->tree)
		fit_push(f, p->tree, p->start, 0, FIT_NODE);
}

/*
 * Index node @t from entry @i on, the gap before it starting at @lo:
 * each gap before an entry, and the first entry with room enough, queued
 * to be searched before the entries after it. True when *found is the
 * first fit.
 */
static bool fit_node(struct fit *f, const struct rix *t, uint32_t i, uint64_t lo,
		     uint64_t *found)
{
	for (; i < t->n; i++) {
		if (t->last[i] < f->from) {
			lo = t->last[i] + 1;
			continue;
		}
		if (t->first[i] > lo && gap_fit(max_u64(f->from, lo), t->first[i] - 1, f->size,
						 f->align, found))
			return true;
		if (t->room[i] >= f->size) {
			if (i + 1 < t->n)
				fit_push(f, t, t->last[i] + 1, i + 1, FIT_NODE);
			if (t->height)
				fit_push(f, t->ptr[i], t->first[i], 0, FIT_NODE);
			else
				fit_level(f, t->ptr[i]);	/* room: not busy */
			return false;
		}
		if (t->last[i] == UINT64_MAX)
			return false;
		lo = t->last[i] + 1;
	}
	return false;
}

/* The gap after the last child of level @r. */
static bool fit_tail(const struct fit *f, const struct resource *r, uint64_t *found)
{
	struct rix_sum s;
	uint64_t lo = r->start;

	if (r->tree) {
		rix_summary(r->tree, &s);
		if (s.last == UINT64_MAX)
			return false;
		lo = s.last + 1;
	}
	return gap_fit(max_u64(f->from, lo), r->end, f->size, f->align, found);
}

/* One frame of the walk: true when *found is the first fit. */
static bool fit_step(struct fit *f, uint64_t *found)
{
	struct fit_frame fr = f->st[--f->n];

	if (fr.kind == FIT_NODE)
		return fit_node(f, fr.p, fr.i, fr.lo, found);
	return fit_tail(f, fr.p, found);
}

/*
 * A request succeeds where it overlaps no child of the level it reaches,
 * and it reaches a level by lying wholly inside a non-busy child: the
 * first fit is the first of the places above that holds it.
 */
bool res_next_fit(const struct resource *root, uint64_t from, uint64_t size,
		  uint64_t align, uint64_t *found)
{
	struct fit f;	/* not zeroed: 64 frames of stack would cost more than the walk */
	bool hit = false;

	if (!size || !res_is_pow2(align) || root->end < from)
		return false;
	f.from = from;
	f.size = size;
	f.align = align;
	f.st = f.local;
	f.n = 0;
	f.cap = sizeof(f.local) / sizeof(f.local[0]);
	f.oom = false;
	fit_level(&f, root);
	while (f.n && !f.oom && !hit)
		hit = fit_step(&f, found);
	if (f.st != f.local)
		free(f.st);
	return hit;
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
