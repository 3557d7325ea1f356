/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's resource tree, as kernel/resource.c keeps it: each resource
 * is an inclusive range [start, end] with a name and flags; children are
 * kept sorted by start and never overlap. The kernel finds a child by
 * walking that sibling list; the model keeps the list (readers walk it as
 * the kernel does) and beside it an index of each resource's children
 * (model/res_index.h) that knows the largest free span of each part, so
 * that a request, a release and a first-fit search cost O(log n) per level
 * instead of O(n).
 */
#ifndef HVKDUMP_RESOURCE_H
#define HVKDUMP_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* include/linux/ioport.h */
#define IORESOURCE_MEM		0x00000200UL
#define IORESOURCE_WINDOW	0x00200000UL
#define IORESOURCE_EXCLUSIVE	0x08000000UL
#define IORESOURCE_BUSY		0x80000000UL

struct rix;

struct resource {
	uint64_t start;
	uint64_t end;		/* inclusive */
	char *name;		/* owned by the resource; NULL shows as "<BAD>" */
	unsigned long flags;
	struct resource *parent, *sibling, *child;
	/* the index (resource.c only): */
	struct rix *tree;	/* the children's index */
	uint64_t inner;		/* largest free span inside this one; 0 if busy */
};

/* A fresh root: [start, end], no children (iomem_resource is 0..-1). */
struct resource *res_new(uint64_t start, uint64_t end, const char *name,
			 unsigned long flags);
/* The same, named by the first @len bytes of @name. */
struct resource *res_new_n(uint64_t start, uint64_t end, const char *name,
			   size_t len, unsigned long flags);
/*
 * Builds the index of a tree whose child and sibling links were set by
 * hand (a parsed /proc/iomem), before the functions below may change it.
 * The children must be sorted and apart, as the kernel keeps them.
 * Returns false when out of memory, or when two children overlap (the
 * tree is then only fit for res_free()).
 */
bool res_index(struct resource *root);
/* Free @r, its children, and (for a root) nothing else. */
void res_free(struct resource *r);

/*
 * __request_resource(): insert @new under @root without nesting. Returns
 * NULL on success; else the conflict: @root itself when @new is empty or
 * not inside @root, otherwise the first child that overlaps @new.
 */
struct resource *res_request_resource(struct resource *root,
				      struct resource *new);

/*
 * __request_region(): request [start, start+n-1] under @parent with
 * IORESOURCE_BUSY | @flags, descending into a non-busy resource that
 * contains it. Returns the new resource, or NULL (-EBUSY) and, when
 * @conflict is given, the resource that was in the way.
 * res_request_nested() is the same walk without forcing BUSY: how a bus
 * window or a BAR ends up inside the deepest window that holds it.
 */
struct resource *res_request_region(struct resource *parent, uint64_t start,
				    uint64_t n, const char *name,
				    unsigned long flags,
				    struct resource **conflict);
struct resource *res_request_nested(struct resource *parent, uint64_t start,
				    uint64_t n, const char *name,
				    unsigned long flags,
				    struct resource **conflict);

/*
 * __release_region(): release the BUSY resource that is exactly
 * [start, start+n-1], descending into non-busy resources that cover it.
 * Returns false where the kernel warns "Trying to free nonexistent
 * resource <start-end>".
 */
bool res_release_region(struct resource *parent, uint64_t start, uint64_t n);

/*
 * The lowest multiple of @align (a power of two) that is >= @from and at
 * which res_request_region(@root, c, @size) would succeed, found by
 * walking the gaps between children instead of trying each candidate.
 * Returns false when there is none.
 */
bool res_next_fit(const struct resource *root, uint64_t from, uint64_t size,
		  uint64_t align, uint64_t *found);

/*
 * Whether res_request_region(@root, @start, @size) would succeed there,
 * claiming nothing: res_next_fit(@root, @start, ...) answering @start.
 */
bool res_fits_at(const struct resource *root, uint64_t start, uint64_t size);

/*
 * Pre-order successor of @r within the tree of @root (r_next()), or NULL;
 * @depth, when given, follows it (0 for a child of @root)
 */
struct resource *res_next(const struct resource *root, const struct resource *r,
			  size_t *depth);
/* Depth of @r below @root: 0 for a child of @root. */
unsigned int res_depth(const struct resource *root, const struct resource *r);

/* Rounds @x up to a multiple of @align (a power of two); false on overflow. */
static inline bool res_align_up(uint64_t x, uint64_t align, uint64_t *out)
{
	uint64_t r = (x + (align - 1)) & ~(align - 1);

	if (r < x)
		return false;
	*out = r;
	return true;
}

/* True when [start, start+n-1] is a valid range: n >= 1, no wrap. */
static inline bool res_range_ok(uint64_t start, uint64_t n)
{
	return n != 0 && n - 1 <= UINT64_MAX - start;
}

static inline bool res_is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

/* kernel/resource.c: MAX_IORES_LEVEL, the deepest indent r_show() prints */
#define MAX_IORES_LEVEL 5

struct strbuf;

/* The root of the global tree, as iomem_resource: [0, 2^64-1]. */
struct resource *iomem_root_new(void);

/* Appends the tree under @root as r_show() prints it. */
void iomem_show(const struct resource *root, struct strbuf *out);

/* The same for a tree that is not iomem_resource, its root line first. */
void iomem_show_with_root(const struct resource *root, struct strbuf *out);

#endif
