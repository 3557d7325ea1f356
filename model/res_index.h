/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The index of a resource's children. The kernel finds a child by walking
 * the sibling list (kernel/resource.c); the model keeps that list, and
 * beside it this index of its own, so that a request, a release and a
 * first fit cost O(log n) at every level of the tree, however many
 * children a level holds.
 *
 * A B+ tree keyed by start. A leaf holds up to RIX_FAN children in
 * address order, with a copy of each one's start, end and the room inside
 * it (0 when busy); an inner node holds, for each of its subtrees, the
 * lowest start, the highest end and the largest free span within it (a
 * gap between two of its children, or room inside one). A first fit thus
 * skips every subtree too full to hold the request. Fifteen keys to a
 * node of eight cache lines: a million children are five nodes deep,
 * where a binary tree is twenty to thirty scattered nodes deep, each a
 * cache miss once the tree outgrows the caches.
 */
#ifndef HVKDUMP_RES_INDEX_H
#define HVKDUMP_RES_INDEX_H

#include <stdbool.h>
#include <stdint.h>

struct resource;

#define RIX_FAN	15
#define RIX_MIN	((RIX_FAN + 1) / 2 - 1)	/* the least entries in a node but the root */

/*
 * A search reads n, last[] and one ptr[]: the first four lines of the
 * node, fetched together; first[] and room[] serve a first fit and the
 * summaries.
 */
struct rix {
	uint32_t n;		/* entries in use */
	uint32_t height;	/* 0 for a leaf */
	uint64_t most;		/* the largest free span within: an entry's room, or a gap between two */
	uint64_t last[RIX_FAN];		/* leaf: the child's end; else the subtree's highest end;
					   past n, UINT64_MAX */
	void *ptr[RIX_FAN];		/* leaf: struct resource *; else struct rix * */
	uint64_t first[RIX_FAN];	/* leaf: the child's start; else the subtree's lowest start */
	uint64_t room[RIX_FAN];		/* leaf: the child's inner room; else the subtree's largest free span */
} __attribute__((aligned(64)));

/*
 * A child as its index entry shows it: a search reads the copy in the
 * node it has in hand, not the child, which may be far away in memory.
 */
struct rix_hit {
	struct resource *r;
	uint64_t start, end, room;	/* room: 0 when busy, or when full */
};

/* What a whole index holds: its lowest start, highest end and largest free span. */
struct rix_sum {
	uint64_t first, last, room;
};

/* The summary of a non-empty node @t. */
void rix_summary(const struct rix *t, struct rix_sum *s);

/*
 * Adds child @c (its start, end and inner set) to the index at *@root,
 * unless a child is in its way. Returns 1 when one is: *@above is the
 * first child that ends at or above c's start, and it starts at or below
 * c's end. Returns 0 when @c was added: *@prev is the child before it and
 * above->r the one after (either NULL). Returns -1, nothing changed, when
 * out of memory.
 */
int rix_add(struct rix **root, struct resource *c, struct resource **prev,
	    struct rix_hit *above);
/* Removes child @c, which is in the index. */
void rix_erase(struct rix **root, const struct resource *c);
/* Child @c's inner room changed: its entry and the summaries above follow. */
void rix_update(struct rix *root, const struct resource *c);
/* Frees the index (not the children). */
void rix_free(struct rix *root);

/* *@hit: the first child that ends at or above @key; false when none does. */
bool rix_ceil_end(const struct rix *t, uint64_t key, struct rix_hit *hit);
/*
 * Both neighbours of @key: the last child that ends below it, or NULL;
 * and in *@above, the first that does not (above->r NULL when none).
 */
struct resource *rix_around(const struct rix *t, uint64_t key, struct rix_hit *above);

#endif
