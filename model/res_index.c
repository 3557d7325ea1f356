// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The index of a resource's children, a B+ tree (res_index.h). The tree
 * is at most log(n) / log(RIX_MIN) tall, so its functions may recurse
 * down it or keep its path in a fixed array; the levels of the resource
 * tree, which a hostile /proc/iomem may nest deep, are not walked here.
 */
#include <stdlib.h>
#include <string.h>

#include "linux/kernel/resource.h"
#include "res_index.h"
#include "util/slab.h"

_Static_assert(sizeof(struct rix) == 512, "a node is eight cache lines");

/* 2^64 children need fewer levels: every node but the root holds RIX_MIN */
#define RIX_DEPTH	32

#ifndef SLAB_PLAIN
static struct slab rix_pool = SLAB_INIT(sizeof(struct rix));
#endif

/*
 * Nodes set aside before an insert begins, so that one never stops half
 * done for want of memory: a split takes one a level, and a new root one.
 */
static struct rix *reserve;
static unsigned int reserved;
static size_t nodes_out;	/* taken from the pool, the reserve's among them */

static struct rix *node_alloc(void)
{
	struct rix *t;

#ifdef SLAB_PLAIN
	t = aligned_alloc(64, sizeof(struct rix));
#else
	t = slab_alloc(&rix_pool);
#endif
	nodes_out += t != NULL;
	return t;
}

static void node_release(struct rix *t)
{
	nodes_out--;
#ifdef SLAB_PLAIN
	free(t);
#else
	slab_free(&rix_pool, t);
#endif
}

/*
 * No index holds a node any more: the reserve goes back too, so that the
 * pool is empty and cuts the next tree's nodes in address order from the
 * chunks it keeps (util/slab.c). Kept, the reserve held the pool open, and
 * every later tree took its nodes one by one off the freed list, in the
 * order the last tree was freed: scattered, each a cache miss to find.
 */
static void reserve_release_when_idle(void)
{
	struct rix *t;

	if (nodes_out != reserved)
		return;
	while ((t = reserve)) {
		reserve = t->ptr[0];
		reserved--;
		node_release(t);
	}
}

static void node_free(struct rix *t)
{
	/* the reserve is kept short: the rest goes back to the pool */
	if (reserved < 4) {
		t->ptr[0] = reserve;
		reserve = t;
		reserved++;
		return;
	}
	node_release(t);
}

static bool reserve_fill(unsigned int want)
{
	while (reserved < want) {
		struct rix *t = node_alloc();

		if (!t)
			return false;
		t->ptr[0] = reserve;
		reserve = t;
		reserved++;
	}
	return true;
}

static struct rix *node_take(uint32_t height)
{
	struct rix *t = reserve;
	uint32_t i;

	reserve = t->ptr[0];
	reserved--;
	t->n = 0;
	t->height = height;
	t->most = 0;
	for (i = 0; i < RIX_FAN; i++)
		t->last[i] = UINT64_MAX;
	return t;
}

static inline uint64_t max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* The free span between entries @i - 1 and @i of @t. */
static inline uint64_t gap_before(const struct rix *t, uint32_t i)
{
	return t->first[i] - t->last[i - 1] - 1;
}

/* t->most, from scratch: after the entries of @t moved. */
static void node_most(struct rix *t)
{
	uint64_t most = t->room[0];
	uint32_t i;

	for (i = 1; i < t->n; i++)
		most = max_u64(most, max_u64(t->room[i], gap_before(t, i)));
	t->most = most;
}

void rix_summary(const struct rix *t, struct rix_sum *s)
{
	s->first = t->first[0];
	s->last = t->last[t->n - 1];
	s->room = t->most;
}

/*
 * Entry @i of @t, which exists, now says @first, @last, @room. The most
 * follows without a look at the other entries unless a part that held it
 * (the entry's room, or the gap on either side) shrank.
 */
static void entry_put(struct rix *t, uint32_t i, uint64_t first, uint64_t last,
		      uint64_t room, void *ptr)
{
	uint64_t most = t->most, before = 0, after = 0;
	bool lost = t->room[i] == most && room < most;

	if (i) {
		before = first - t->last[i - 1] - 1;
		lost |= gap_before(t, i) == most && before < most;
	}
	if (i + 1 < t->n) {
		after = t->first[i + 1] - last - 1;
		lost |= gap_before(t, i + 1) == most && after < most;
	}
	t->first[i] = first;
	t->last[i] = last;
	t->room[i] = room;
	t->ptr[i] = ptr;
	if (lost)
		node_most(t);
	else
		t->most = max_u64(most, max_u64(room, max_u64(before, after)));
}

/* Entry @i of @t: what it says of child node @k. */
static void entry_sync(struct rix *t, uint32_t i, struct rix *k)
{
	entry_put(t, i, k->first[0], k->last[k->n - 1], k->most, k);
}

/* Moves @n entries of @src from @si to @dst at @di (the ranges may overlap). */
static void entries_move(struct rix *dst, uint32_t di, const struct rix *src, uint32_t si,
			 uint32_t n)
{
	memmove(&dst->first[di], &src->first[si], n * sizeof(dst->first[0]));
	memmove(&dst->last[di], &src->last[si], n * sizeof(dst->last[0]));
	memmove(&dst->room[di], &src->room[si], n * sizeof(dst->room[0]));
	memmove(&dst->ptr[di], &src->ptr[si], n * sizeof(dst->ptr[0]));
}

/* @t keeps its first @n entries; last[] past them reads UINT64_MAX. */
static void node_trim(struct rix *t, uint32_t n)
{
	uint32_t i;

	for (i = n; i < t->n; i++)
		t->last[i] = UINT64_MAX;
	t->n = n;
}

/* Closes @n entries of @t from @i on. */
static void entries_cut(struct rix *t, uint32_t i, uint32_t n)
{
	entries_move(t, i, t, i + n, t->n - i - n);
	node_trim(t, t->n - n);
}

/* Starts fetching the lines of @t a search reads (@all: every line). */
static inline void node_prefetch(const struct rix *t, bool all)
{
	const char *p = (const char *)t;

	__builtin_prefetch(p);
	__builtin_prefetch(p + 64);
	__builtin_prefetch(p + 128);
	__builtin_prefetch(p + 192);
	if (all) {
		__builtin_prefetch(p + 256);
		__builtin_prefetch(p + 320);
		__builtin_prefetch(p + 384);
		__builtin_prefetch(p + 448);
	}
}

/*
 * How many entries of @t end below @key (last[] past n never does).
 * Children never overlap, so for a key that is a child's start, or in no
 * child, that is also how many start below it; in an inner node, the
 * subtree that holds the key, or the one it would go first in.
 */
static inline uint32_t count_last_lt(const struct rix *t, uint64_t key)
{
	uint32_t i, n = 0;

	for (i = 0; i < RIX_FAN; i++)
		n += t->last[i] < key;
	return n;
}

/* The subtree of inner node @t that holds @key, or would: the last one for a key above all. */
static uint32_t child_for(const struct rix *t, uint64_t key)
{
	uint32_t i = count_last_lt(t, key);

	return i < t->n ? i : t->n - 1;
}

/*
 * Writes an entry at @i of @t, moving those from @i on up; when @t is
 * full, its upper half first moves to a new node (returned), and the
 * entry goes in whichever half @i falls.
 */
static struct rix *node_insert(struct rix *t, uint32_t i, uint64_t first, uint64_t last,
			       uint64_t room, void *ptr)
{
	uint32_t keep = (RIX_FAN + 1) / 2;
	struct rix *half = NULL, *in = t;

	if (t->n == RIX_FAN) {
		half = node_take(t->height);
		entries_move(half, 0, t, keep, RIX_FAN - keep);
		half->n = RIX_FAN - keep;
		node_trim(t, keep);
		if (i > keep) {
			in = half;
			i -= keep;
		}
	}
	entries_move(in, i + 1, in, i, in->n - i);
	in->n++;
	in->first[i] = first;
	in->last[i] = last;
	in->room[i] = room;
	in->ptr[i] = ptr;
	node_most(t);
	if (half)
		node_most(half);
	return half;
}

static struct resource *rightmost(const struct rix *t)
{
	while (t->height)
		t = t->ptr[t->n - 1];
	return t->ptr[t->n - 1];
}

/*
 * The child before entry @i of leaf @t: the entry before it, or when @i is
 * the leaf's first, the last child of @left, the nearest subtree on the
 * way down that lies wholly before the leaf (NULL: none does).
 */
static struct resource *leaf_prev(const struct rix *t, uint32_t i, const struct rix *left)
{
	if (i)
		return t->ptr[i - 1];
	return left ? rightmost(left) : NULL;
}

static void hit_set(struct rix_hit *hit, const struct rix *t, uint32_t i)
{
	hit->r = t->ptr[i];
	hit->start = t->first[i];
	hit->end = t->last[i];
	hit->room = t->room[i];
}

/*
 * Full leaf @t, entry @j of its parent @p, is to take an entry at @i:
 * rather than split it, its first entries move to the leaf before it, as
 * many as that one has room for and no more than the @i before the new
 * one. Returns how many moved. First fits fill an address space from the
 * bottom, so most new children go at the end of a leaf: split in halves,
 * every leaf left behind stayed half empty (285,000 nodes for a million
 * allocations); moved left, it is filled before it is left (152,000).
 */
static uint32_t leaf_shift_left(struct rix *p, uint32_t j, struct rix *t, uint32_t i)
{
	struct rix *l;
	uint32_t k;

	if (!j)
		return 0;
	l = p->ptr[j - 1];
	k = RIX_FAN - l->n < i ? RIX_FAN - l->n : i;
	if (!k)
		return 0;
	entries_move(l, l->n, t, 0, k);
	l->n += k;
	node_most(l);
	entries_cut(t, 0, k);
	node_most(t);
	/* both entries of @p at once: entry_put() reads the one beside it */
	p->first[j - 1] = l->first[0];
	p->last[j - 1] = l->last[l->n - 1];
	p->room[j - 1] = l->most;
	p->first[j] = t->first[0];
	p->last[j] = t->last[t->n - 1];
	p->room[j] = t->most;
	node_most(p);
	return k;
}

/* A new index of one leaf, holding @c. */
static int add_first(struct rix **root, struct resource *c)
{
	if (!reserve_fill(1))
		return -1;
	*root = node_take(0);
	node_insert(*root, 0, c->start, c->end, c->inner, c);
	return 0;
}

int rix_add(struct rix **root, struct resource *c, struct resource **prev,
	    struct rix_hit *above)
{
	struct rix *path[RIX_DEPTH], *t = *root, *half = NULL;
	const struct rix *left = NULL;	/* the nearest subtree wholly below c */
	uint32_t at[RIX_DEPTH], d = 0, i;

	*prev = NULL;
	above->r = NULL;
	if (!t)
		return add_first(root, c);
	for (; t->height; t = t->ptr[i]) {
		node_prefetch(t, true);
		i = child_for(t, c->start);
		if (i)
			left = t->ptr[i - 1];
		path[d] = t;
		at[d++] = i;
	}
	node_prefetch(t, true);
	i = count_last_lt(t, c->start);
	if (i < t->n) {
		hit_set(above, t, i);
		if (above->start <= c->end)
			return 1;
	}
	*prev = leaf_prev(t, i, left);
	if (*prev)
		__builtin_prefetch(*prev, 1);	/* the caller links it next */
	if (!reserve_fill((*root)->height + 2))
		return -1;
	if (t->n == RIX_FAN && d)
		i -= leaf_shift_left(path[d - 1], at[d - 1], t, i);
	half = node_insert(t, i, c->start, c->end, c->inner, c);
	while (d--) {
		t = path[d];
		i = at[d];
		entry_sync(t, i, t->ptr[i]);
		if (half)
			half = node_insert(t, i + 1, half->first[0], half->last[half->n - 1],
					   half->most, half);
	}
	if (half) {
		t = *root;
		*root = node_take(t->height + 1);
		node_insert(*root, 0, t->first[0], t->last[t->n - 1], t->most, t);
		node_insert(*root, 1, half->first[0], half->last[half->n - 1], half->most, half);
	}
	return 0;
}

/*
 * Child node @i of @t fell below RIX_MIN entries: it takes those of a
 * neighbour when both fit in one node, else enough of them to even out.
 */
static void rebalance(struct rix *t, uint32_t i)
{
	uint32_t l = i ? i - 1 : 0, move;
	struct rix *a = t->ptr[l], *b = t->ptr[l + 1];

	if (a->n + b->n <= RIX_FAN) {
		entries_move(a, a->n, b, 0, b->n);
		a->n += b->n;
		node_most(a);
		entries_cut(t, l + 1, 1);
		node_free(b);
		node_most(t);
		entry_sync(t, l, a);
		return;
	}
	if (a->n < b->n) {
		move = (b->n - a->n) / 2;
		entries_move(a, a->n, b, 0, move);
		a->n += move;
		entries_cut(b, 0, move);
	} else {
		move = (a->n - b->n) / 2;
		entries_move(b, move, b, 0, b->n);
		entries_move(b, 0, a, a->n - move, move);
		b->n += move;
		node_trim(a, a->n - move);
	}
	node_most(a);
	node_most(b);
	entry_sync(t, l, a);
	entry_sync(t, l + 1, b);
}

static void erase(struct rix *t, const struct resource *c)
{
	uint32_t i;

	if (!t->height) {
		entries_cut(t, count_last_lt(t, c->start), 1);
		if (t->n)
			node_most(t);
		return;
	}
	i = child_for(t, c->start);
	erase(t->ptr[i], c);
	if (((struct rix *)t->ptr[i])->n < RIX_MIN)
		rebalance(t, i);
	else
		entry_sync(t, i, t->ptr[i]);
}

void rix_erase(struct rix **root, const struct resource *c)
{
	struct rix *t = *root;

	erase(t, c);
	if (!t->n) {
		node_free(t);
		*root = NULL;
		reserve_release_when_idle();
	} else if (t->height && t->n == 1) {
		*root = t->ptr[0];
		node_free(t);
	}
}

void rix_update(struct rix *t, const struct resource *c)
{
	uint32_t i = child_for(t, c->start);

	if (!t->height) {
		entry_put(t, i, t->first[i], t->last[i], c->inner, t->ptr[i]);
		return;
	}
	rix_update(t->ptr[i], c);
	entry_sync(t, i, t->ptr[i]);
}

static void free_nodes(struct rix *t)
{
	uint32_t i;

	for (i = 0; t->height && i < t->n; i++)
		free_nodes(t->ptr[i]);
	node_release(t);
}

void rix_free(struct rix *t)
{
	if (!t)
		return;
	free_nodes(t);
	reserve_release_when_idle();
}

bool rix_ceil_end(const struct rix *t, uint64_t key, struct rix_hit *hit)
{
	uint32_t i;

	for (; t; t = t->ptr[i]) {
		node_prefetch(t, false);
		i = count_last_lt(t, key);
		if (i == t->n)
			return false;	/* the root only: below, every subtree holds one */
		if (!t->height) {
			hit_set(hit, t, i);
			return true;
		}
	}
	return false;
}

struct resource *rix_around(const struct rix *t, uint64_t key, struct rix_hit *above)
{
	const struct rix *left = NULL;	/* the nearest subtree wholly below @key */
	uint32_t i;

	above->r = NULL;
	for (; t; t = t->ptr[i]) {
		node_prefetch(t, false);
		i = count_last_lt(t, key);
		if (i == t->n)
			return rightmost(t);
		if (!t->height) {
			hit_set(above, t, i);
			return leaf_prev(t, i, left);
		}
		if (i)
			left = t->ptr[i - 1];
	}
	return NULL;
}
