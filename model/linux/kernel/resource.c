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
#include "resource.h"

/*
 * Nodes come from a pool (util/slab.h): a block of 128 bytes, the name in
 * its last bytes when it fits there (most do: "dev", "PCI Bus 0000:00"),
 * else in an allocation of its own. Built with AddressSanitizer, each node
 * is its own allocation, the name right after it, so that ASan sees an
 * overflow of either.
 */
#define RES_BLOCK	128
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
		node_free(r);
		r = next;
	}
}

/*
 * The index. Each resource's children form, beside the kernel's sibling
 * list, a treap keyed by start: a binary search tree that is also a heap
 * on a priority hashed from start, hence O(log n) deep whatever the order
 * of requests. Each node knows for its subtree the lowest start, the
 * highest end and the largest free span ("room": a gap between two of its
 * resources, or room inside a non-busy one, where a request descends), so
 * that a first fit skips every subtree too full to hold the request.
 * Spans are counted in bytes, the whole 2^64 saturated to 2^64-1.
 */
static inline uint64_t max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/*
 * splitmix64's finalizer: every bit of start moves every bit of the
 * priority, so that starts in arithmetic progression (regions laid one
 * after the other) get priorities as good as random.
 */
static inline uint64_t prio(const struct resource *r)
{
	uint64_t z = r->start + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The room inside @r: where a request that lies wholly in it may go. */
static uint64_t inner_room(const struct resource *r)
{
	const struct resource *t = r->tree;

	if (r->flags & IORESOURCE_BUSY)
		return 0;
	if (!t) {
		uint64_t span = r->end - r->start;

		return span == UINT64_MAX ? span : span + 1;
	}
	return max_u64(t->room, max_u64(t->first - r->start, r->end - t->last));
}

/* Recomputes @n's summary from its children's; true when it changed. */
static bool pull(struct resource *n)
{
	uint64_t room = n->inner, first = n->start, last = n->end;

	if (n->left) {
		first = n->left->first;
		room = max_u64(room, max_u64(n->left->room, n->start - n->left->last - 1));
	}
	if (n->right) {
		last = n->right->last;
		room = max_u64(room, max_u64(n->right->room, n->right->first - n->end - 1));
	}
	if (first == n->first && last == n->last && room == n->room)
		return false;
	n->first = first;
	n->last = last;
	n->room = room;
	return true;
}

/* Splits @t into the nodes that start below @key and the others. */
static void split(struct resource *t, uint64_t key, struct resource **l,
		  struct resource **r)
{
	if (!t) {
		*l = *r = NULL;
	} else if (t->start < key) {
		split(t->right, key, &t->right, r);
		pull(t);
		*l = t;
	} else {
		split(t->left, key, l, &t->left);
		pull(t);
		*r = t;
	}
}

/* Joins @a and @b, every node of @a below every node of @b. */
static struct resource *merge(struct resource *a, struct resource *b)
{
	if (!a || !b)
		return a ? a : b;
	if (prio(a) > prio(b)) {
		a->right = merge(a->right, b);
		pull(a);
		return a;
	}
	b->left = merge(a, b->left);
	pull(b);
	return b;
}

/* Recomputes the subtrees on the way to @n, whose room changed. */
static void tree_fix(struct resource *t, const struct resource *n)
{
	if (t != n)
		tree_fix(n->start < t->start ? t->left : t->right, n);
	pull(t);
}

#define TREE_PATH	96	/* a treap of 2^32 nodes is about 45 deep on average */

/*
 * Inserts @n: down from the root while the nodes' priorities stay above
 * its own, the rest split below it. Only the summaries on the way up can
 * change, and above one that did not, none does; a path deeper than
 * TREE_PATH (a hostile tree) is recomputed whole.
 */
static struct resource *tree_insert(struct resource *root, struct resource *n)
{
	struct resource *path[TREE_PATH], **link = &root, *t;
	uint64_t pn = prio(n);
	size_t d = 0;

	while ((t = *link) && pn <= prio(t)) {
		if (d < TREE_PATH)
			path[d] = t;
		d++;
		link = n->start < t->start ? &t->left : &t->right;
	}
	split(t, n->start, &n->left, &n->right);
	pull(n);
	*link = n;
	if (d > TREE_PATH) {
		tree_fix(root, n);
		return root;
	}
	while (d && pull(path[d - 1]))
		d--;
	return root;
}

static struct resource *tree_erase(struct resource *t, const struct resource *n)
{
	if (t == n) {
		t = merge(n->left, n->right);
		return t;
	}
	if (n->start < t->start)
		t->left = tree_erase(t->left, n);
	else
		t->right = tree_erase(t->right, n);
	pull(t);
	return t;
}

/* @p's children changed: its room and that of the levels above it follow. */
static void propagate(struct resource *p)
{
	for (; p->parent; p = p->parent) {
		uint64_t room = inner_room(p);

		if (room == p->inner)
			return;
		p->inner = room;
		tree_fix(p->parent->tree, p);
	}
}

/* The last child that starts at or below @key, or NULL. */
static struct resource *floor_child(const struct resource *parent, uint64_t key)
{
	struct resource *t = parent->tree, *best = NULL;

	while (t) {
		if (t->start <= key) {
			best = t;
			t = t->right;
		} else {
			t = t->left;
		}
	}
	return best;
}

/* The child before @n in the sibling list, or NULL for the first. */
static struct resource *prev_child(const struct resource *parent,
				   const struct resource *n)
{
	return n->start ? floor_child(parent, n->start - 1) : NULL;
}

void res_index(struct resource *root)
{
	struct resource *r = root, *c;

	/* post-order, without recursion: children before their parent */
	while (r->child)
		r = r->child;
	for (;;) {
		r->tree = NULL;
		for (c = r->child; c; c = c->sibling)
			r->tree = tree_insert(r->tree, c);
		r->inner = inner_room(r);
		if (r == root)
			return;
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
	struct resource *t = root->tree, *tmp = NULL, *prev = NULL;

	if (end < start)
		return root;
	if (start < root->start)
		return root;
	if (end > root->end)
		return root;
	while (t) {
		if (t->end < start) {
			prev = t;
			t = t->right;
		} else {
			tmp = t;
			t = t->left;
		}
	}
	if (tmp && tmp->start <= end)
		return tmp;
	new->sibling = tmp;
	if (prev)
		prev->sibling = new;
	else
		root->child = new;
	new->parent = root;
	new->inner = inner_room(new);
	root->tree = tree_insert(root->tree, new);
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
		struct resource *res = floor_child(parent, start), *prev;

		if (!res || res->end < end)
			return false;
		if (!(res->flags & IORESOURCE_BUSY)) {
			parent = res;
			continue;
		}
		if (res->start != start || res->end != end)
			return false;
		prev = prev_child(parent, res);
		if (prev)
			prev->sibling = res->sibling;
		else
			parent->child = res->sibling;
		parent->tree = tree_erase(parent->tree, res);
		propagate(parent);
		res->parent = NULL;
		res->sibling = NULL;
		res->left = res->right = NULL;
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
	const struct resource *p = root, *t, *tmp;
	uint64_t end = start + size - 1;

	if (!res_range_ok(start, size))
		return false;
	for (;;) {
		if (start < p->start || end > p->end)
			return false;
		for (t = p->tree, tmp = NULL; t;) {
			if (t->end < start) {
				t = t->right;
			} else {
				tmp = t;
				t = t->left;
			}
		}
		if (!tmp || tmp->start > end)
			return true;
		if (tmp->flags & IORESOURCE_BUSY)
			return false;
		p = tmp;
	}
}

/*
 * The places a request can go, in address order: in each level (a
 * resource), the gap before each child, the places inside the child when
 * it is not busy, and the gap after the last child. That walk, done with
 * a stack of its own (a hostile tree may be deep): a level is searched
 * through its treap in order, each subtree skipped when it ends below
 * @from or has no room for @size.
 */
enum fit_kind {
	FIT_NODE,	/* a treap node whose left subtree is done: its gap, then inside it */
	FIT_RIGHT,	/* the right subtree of a node */
	FIT_TAIL,	/* the gap after a level's last child */
};

struct fit_frame {
	const struct resource *r;
	uint64_t gap;		/* FIT_NODE: where the gap before its subtree starts */
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

static inline void fit_push(struct fit *f, const struct resource *r, uint64_t gap,
			    enum fit_kind kind)
{
	if (f->n == f->cap && !fit_grow(f))
		return;
	f->st[f->n++] = (struct fit_frame){ r, gap, kind };
}

/*
 * Worth a look: a subtree that reaches @from and has room for @size, in
 * it or in the gap before it (from @gap), that gap counted from @from on.
 */
static bool fit_worth(const struct fit *f, const struct resource *t, uint64_t gap)
{
	uint64_t lo;

	if (!t || t->last < f->from)
		return false;
	if (t->room >= f->size)
		return true;
	lo = max_u64(gap, f->from);
	return t->first > lo && t->first - lo >= f->size;
}

/* Queues subtree @t, whose gap starts at @gap, down its left edge. */
static void fit_descend(struct fit *f, const struct resource *t, uint64_t gap)
{
	while (fit_worth(f, t, gap) && !f->oom) {
		fit_push(f, t, gap, FIT_NODE);
		t = t->left;
	}
}

/* Queues level @p: its children, then the gap after them (popped last). */
static void fit_level(struct fit *f, const struct resource *p)
{
	fit_push(f, p, 0, FIT_TAIL);
	fit_descend(f, p->tree, p->start);
}

/* One frame of the walk: true when *found is the first fit. */
static bool fit_step(struct fit *f, uint64_t *found)
{
	struct fit_frame fr = f->st[--f->n];
	const struct resource *r = fr.r, *t;
	uint64_t lo;

	switch (fr.kind) {
	case FIT_NODE:
		/* the gap before this child */
		lo = r->left ? r->left->last + 1 : fr.gap;
		if (r->start > lo && gap_fit(max_u64(f->from, lo), r->start - 1, f->size,
					     f->align, found))
			return true;
		if (r->end != UINT64_MAX && fit_worth(f, r->right, r->end + 1))
			fit_push(f, r, 0, FIT_RIGHT);
		/* r->inner: inner_room(r), kept (0 when busy), in the line just read */
		if (r->inner >= f->size && r->end >= f->from)
			fit_level(f, r);
		return false;
	case FIT_RIGHT:
		fit_descend(f, r->right, r->end + 1);
		return false;
	case FIT_TAIL:
		t = r->tree;
		if (t && t->last == UINT64_MAX)
			return false;
		lo = t ? t->last + 1 : r->start;
		return gap_fit(max_u64(f->from, lo), r->end, f->size, f->align, found);
	}
	return false;
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
