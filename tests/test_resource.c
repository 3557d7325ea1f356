// SPDX-License-Identifier: GPL-2.0-or-later
/* kernel/resource.c rules: request, nesting, conflicts, release, next fit. */
#include <errno.h>
#include <sys/mman.h>

#include "gen_script.h"
#include "model/res_index.h"
#include "util/asan.h"
#include "testutil.h"

static struct resource *root;

static int setup(void **state)
{
	(void)state;
	root = iomem_root_new();
	return root ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	res_free(root);
	return 0;
}

static struct resource *window(uint64_t start, uint64_t end, const char *name)
{
	struct resource *r = res_request_nested(root, start, end - start + 1,
						name, IORESOURCE_MEM, NULL);
	assert_non_null(r);
	return r;
}

static void request_into_empty_root(void **state)
{
	struct resource *r;

	(void)state;
	r = res_request_region(root, 0x1000, 0x1000, "a", 0, NULL);
	assert_non_null(r);
	assert_int_equal(r->start, 0x1000);
	assert_int_equal(r->end, 0x1fff);
	assert_true(r->flags & IORESOURCE_BUSY);
	assert_ptr_equal(r->parent, root);
}

static void children_stay_sorted(void **state)
{
	(void)state;
	assert_non_null(res_request_region(root, 0x3000, 0x1000, "c", 0, NULL));
	assert_non_null(res_request_region(root, 0x1000, 0x1000, "a", 0, NULL));
	assert_non_null(res_request_region(root, 0x2000, 0x1000, "b", 0, NULL));
	assert_tree(root, "00001000-00001fff : a\n"
			  "00002000-00002fff : b\n"
			  "00003000-00003fff : c\n");
}

static void nests_into_non_busy(void **state)
{
	struct resource *bus, *bar, *r;

	(void)state;
	bus = window(0xf0000000, 0xf7ffffff, "PCI Bus 0000:00");
	bar = window(0xf4000000, 0xf5ffffff, "0000:00:08.0");
	assert_ptr_equal(bar->parent, bus);
	r = res_request_region(root, 0xf4000000, 0x2000, "cfg", 0, NULL);
	assert_non_null(r);
	assert_ptr_equal(r->parent, bar);
	assert_tree(root, "f0000000-f7ffffff : PCI Bus 0000:00\n"
			  "  f4000000-f5ffffff : 0000:00:08.0\n"
			  "    f4000000-f4001fff : cfg\n");
}

static void partial_overlap_conflicts(void **state)
{
	struct resource *bus, *conflict = NULL;

	(void)state;
	bus = window(0xf0000000, 0xf0ffffff, "bus");
	assert_null(res_request_region(root, 0xf0fff000, 0x2000, "x", 0, &conflict));
	/* descended into the window, found itself not inside: the window */
	assert_ptr_equal(conflict, bus);
	assert_null(res_request_region(root, 0xeffff000, 0x2000, "y", 0, &conflict));
	assert_ptr_equal(conflict, bus);
	/* a region that holds a whole window is a conflict too */
	assert_null(res_request_nested(root, 0xe0000000, 0x20000000, "z",
				       IORESOURCE_MEM, &conflict));
	assert_ptr_equal(conflict, bus);
	assert_tree(root, "f0000000-f0ffffff : bus\n");
}

static void busy_conflicts_even_when_containing(void **state)
{
	struct resource *ram, *conflict = NULL;

	(void)state;
	ram = res_request_region(root, 0x100000, 0x100000, "System RAM", 0, NULL);
	assert_non_null(ram);
	assert_null(res_request_region(root, 0x110000, 0x1000, "x", 0, &conflict));
	assert_ptr_equal(conflict, ram);
}

static void empty_or_wrapping_requests_fail(void **state)
{
	(void)state;
	assert_null(res_request_region(root, 0x1000, 0, "empty", 0, NULL));
	assert_null(res_request_region(root, UINT64_MAX, 2, "wrap", 0, NULL));
	assert_non_null(res_request_region(root, UINT64_MAX, 1, "last", 0, NULL));
}

static void request_resource_outside_root(void **state)
{
	struct resource *small = res_new(0x1000, 0x1fff, "small", IORESOURCE_MEM);
	struct resource *r = res_new(0x1800, 0x27ff, "r", IORESOURCE_MEM);

	(void)state;
	assert_ptr_equal(res_request_resource(small, r), small);
	r->start = 0x1800;
	r->end = 0x17ff;	/* empty */
	assert_ptr_equal(res_request_resource(small, r), small);
	res_free(r);
	res_free(small);
}

static void release_exact_busy_only(void **state)
{
	(void)state;
	window(0xf0000000, 0xf0ffffff, "bus");
	assert_non_null(res_request_region(root, 0xf0001000, 0x1000, "a", 0, NULL));
	/* not exactly the region: the kernel warns */
	assert_false(res_release_region(root, 0xf0001000, 0x800));
	assert_false(res_release_region(root, 0xf0000000, 0x2000));
	/* a non-busy resource is never released, only descended into */
	assert_false(res_release_region(root, 0xf0000000, 0x1000000));
	assert_true(res_release_region(root, 0xf0001000, 0x1000));
	assert_false(res_release_region(root, 0xf0001000, 0x1000));
	assert_tree(root, "f0000000-f0ffffff : bus\n");
}

static void release_takes_children_along(void **state)
{
	struct resource *fb;

	(void)state;
	fb = res_request_region(root, 0x1000, 0x4000, "fb", 0, NULL);
	assert_non_null(fb);
	/* a child of a busy resource: only by insertion, as the kernel does */
	assert_null(res_request_resource(fb, res_new(0x2000, 0x2fff, "in", IORESOURCE_MEM)));
	assert_true(res_release_region(root, 0x1000, 0x4000));
	assert_tree(root, "");
}

static uint64_t slow_next_fit(struct resource *r, uint64_t from, uint64_t size,
			      uint64_t align, bool *ok)
{
	uint64_t c;

	*ok = false;
	for (c = (from + align - 1) & ~(align - 1); c <= 0xffff; c += align) {
		struct resource *t = res_request_region(r, c, size, "t", 0, NULL);

		if (t) {
			res_release_region(r, c, size);
			*ok = true;
			return c;
		}
	}
	return 0;
}

static void next_fit_matches_trying_each(void **state)
{
	struct resource *small = res_new(0x0, 0xffff, "root", IORESOURCE_MEM);
	uint64_t size, align, from, got, want;
	bool ok, found;

	(void)state;
	res_request_nested(small, 0x1000, 0x3000, "win", IORESOURCE_MEM, NULL);
	res_request_nested(small, 0x1800, 0x800, "win2", IORESOURCE_MEM, NULL);
	res_request_region(small, 0x1900, 0x100, "busy", 0, NULL);
	res_request_region(small, 0x2800, 0x100, "busy2", 0, NULL);
	res_request_region(small, 0x6000, 0x2000, "busy3", 0, NULL);
	res_request_nested(small, 0xf000, 0x1000, "top", IORESOURCE_MEM, NULL);
	for (size = 1; size <= 0x3000; size += 0x7f)
		for (align = 1; align <= 0x4000; align <<= 2)
			for (from = 0; from <= 0xffff; from += 0x3f1) {
				want = slow_next_fit(small, from, size, align, &ok);
				found = res_next_fit(small, from, size, align, &got);
				assert_int_equal(found, ok);
				if (ok)
					assert_int_equal(got, want);
			}
	res_free(small);
}

/*
 * The kernel's own walks, read only, over the sibling lists: what
 * __request_region() and __release_region() would do, to hold the index
 * against.
 */
static struct resource *walk_conflict(struct resource *parent, uint64_t start,
				      uint64_t end)
{
	struct resource *tmp;

	if (end < start || start < parent->start || end > parent->end)
		return parent;
	for (tmp = parent->child; tmp; tmp = tmp->sibling) {
		if (tmp->start > end)
			return NULL;
		if (tmp->end < start)
			continue;
		return tmp;
	}
	return NULL;
}

/* NULL and *where when the request would succeed; else the conflict. */
static struct resource *walk_request(struct resource *parent, uint64_t start,
				     uint64_t end, struct resource **where)
{
	for (;;) {
		struct resource *c = walk_conflict(parent, start, end);

		if (!c) {
			*where = parent;
			return NULL;
		}
		if (c == parent || (c->flags & IORESOURCE_BUSY))
			return c;
		parent = c;
	}
}

static struct resource *walk_release(struct resource *parent, uint64_t start,
				     uint64_t end)
{
	struct resource *res = parent->child;

	while (res) {
		if (res->start <= start && res->end >= end) {
			if (!(res->flags & IORESOURCE_BUSY)) {
				res = res->child;
				continue;
			}
			return res->start == start && res->end == end ? res : NULL;
		}
		res = res->sibling;
	}
	return NULL;
}

static uint64_t span(const struct resource *r)
{
	return r->end - r->start == UINT64_MAX ? UINT64_MAX : r->end - r->start + 1;
}

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/*
 * The index of @p against its sibling list, from scratch: its leaves hold
 * the list in order, each entry what its part of the list holds, every
 * leaf at the same depth, every node but the root at least half full.
 * Returns the room inside @p.
 */
static uint64_t check_index(const struct resource *p);

struct sub {
	uint64_t first, last, room;
};

static const struct resource *check_node(const struct rix *t, const struct resource *list,
					 uint32_t height, bool is_root, struct sub *out)
{
	uint32_t i;

	assert_int_equal(t->height, height);
	assert_true(t->n <= RIX_FAN);
	assert_true(t->n >= (is_root ? (height ? 2 : 1) : RIX_MIN));
	for (i = 0; i < t->n; i++) {
		struct sub e;

		if (!height) {
			const struct resource *c = t->ptr[i];

			assert_ptr_equal(c, list);
			assert_int_equal(c->inner, check_index(c));
			e = (struct sub){ c->start, c->end, c->inner };
			list = list->sibling;
		} else {
			list = check_node(t->ptr[i], list, height - 1, false, &e);
		}
		assert_int_equal(t->first[i], e.first);
		assert_int_equal(t->last[i], e.last);
		assert_int_equal(t->room[i], e.room);
		if (!i) {
			*out = e;
			continue;
		}
		out->room = max64(out->room, max64(e.room, e.first - out->last - 1));
		out->last = e.last;
	}
	for (; i < RIX_FAN; i++)
		assert_int_equal(t->last[i], UINT64_MAX);
	assert_int_equal(t->most, out->room);
	return list;
}

static uint64_t check_index(const struct resource *p)
{
	const struct resource *c, *prev = NULL;
	uint64_t room = 0;
	struct sub sub;

	for (c = p->child; c; prev = c, c = c->sibling) {
		assert_ptr_equal(c->parent, p);
		room = max64(room, c->start - (prev ? prev->end + 1 : p->start));
		room = max64(room, c->inner);
		if (!c->sibling)
			room = max64(room, p->end - c->end);
	}
	assert_int_equal(p->tree == NULL, p->child == NULL);
	if (p->tree) {
		assert_ptr_equal(check_node(p->tree, p->child, p->tree->height, true, &sub), NULL);
		assert_int_equal(sub.first, p->child->start);
		assert_int_equal(sub.last, prev->end);
		/* the index's room leaves out the gaps before and after its children */
		assert_int_equal(max64(sub.room, max64(sub.first - p->start, p->end - sub.last)),
				 room);
	}
	if (p->flags & IORESOURCE_BUSY)
		return 0;
	return p->child ? room : span(p);
}

/*
 * Thousands of random requests (busy and not, nested), releases and
 * first-fit searches on one tree: each answer as the kernel's walk of the
 * sibling lists gives it, and the index consistent after every change.
 */
static void index_matches_the_list_walk(void **state)
{
	struct resource *top = res_new(0, 0xfffff, "root", IORESOURCE_MEM);
	uint64_t seed = 0x7265736fULL;
	unsigned int i, granted = 0;

	(void)state;
	assert_non_null(top);
	for (i = 0; i < 6000; i++) {
		uint64_t r = gen_next(&seed);
		uint64_t start = (r >> 8) % 0x100000 & ~0xfULL;
		uint64_t n = 0x10 * (1 + (r >> 40) % (r & 1 ? 4 : 256));
		struct resource *where = NULL, *conflict, *want, *got;

		if (r % 5 < 3) {
			unsigned long flags = (r >> 3) % 3 ? IORESOURCE_BUSY : 0;

			want = walk_request(top, start, start + n - 1, &where);
			if (start + n - 1 > 0xfffff)
				want = top;
			/* the probe a first fit asks first */
			assert_int_equal(res_fits_at(top, start, n), want == NULL);
			got = res_request_nested(top, start, n, "r", IORESOURCE_MEM | flags,
						 &conflict);
			if (want) {
				assert_null(got);
				assert_ptr_equal(conflict, want);
			} else {
				assert_non_null(got);
				assert_ptr_equal(got->parent, where);
				granted++;
			}
		} else if (r % 5 == 3) {
			want = walk_release(top, start, start + n - 1);
			if (want && (r >> 5) % 2) {
				/* mostly a real one: its exact range */
				start = want->start;
				n = want->end - want->start + 1;
			}
			want = walk_release(top, start, start + n - 1);
			assert_int_equal(res_release_region(top, start, n), want != NULL);
		} else {
			uint64_t align = 0x100ULL << ((r >> 12) % 4), c, found = 0, size = n;
			bool ok = false;

			for (c = (start + align - 1) & ~(align - 1); c + size - 1 <= 0xfffff; c += align)
				if (!walk_request(top, c, c + size - 1, &where)) {
					ok = true;
					break;
				}
			assert_int_equal(res_next_fit(top, start, size, align, &found), ok);
			if (ok)
				assert_int_equal(found, c);
		}
		if (i % 97 == 0)
			check_index(top);
	}
	check_index(top);
	assert_true(granted > 1000);
	res_free(top);
}

static void next_fit_at_the_top_of_the_space(void **state)
{
	uint64_t got;

	(void)state;
	assert_true(res_fits_at(root, UINT64_MAX, 1));
	assert_false(res_fits_at(root, UINT64_MAX, 2));	/* past 2^64 */
	assert_false(res_fits_at(root, 0x1000, 0));
	assert_true(res_next_fit(root, UINT64_MAX, 1, 1, &got));
	assert_int_equal(got, UINT64_MAX);
	assert_false(res_next_fit(root, UINT64_MAX, 2, 1, &got));
	window(0xffffffff00000000ULL, UINT64_MAX, "top");
	assert_true(res_next_fit(root, 0xffffffff00000000ULL, 0x1000, 0x1000, &got));
	assert_int_equal(got, 0xffffffff00000000ULL);
	assert_non_null(res_request_region(root, 0xfffffffffffff000ULL, 0x1000, "end", 0, NULL));
	assert_false(res_next_fit(root, 0xfffffffffffff000ULL, 0x1000, 0x1000, &got));
	assert_false(res_next_fit(root, 0, 0x1000, 3, &got));	/* not a power of two */
}

#define MANY	5000

/*
 * Thousands of children requested from the top down (each one the first),
 * then released every other one from the bottom and the rest from the top:
 * the index splits, borrows and merges its nodes, and holds after each step.
 */
/*
 * No memory for an index node: the pools' chunks are mapped with mmap()
 * (util/slab.c), or each node is asked of aligned_alloc() (SLAB_PLAIN, an
 * ASan build); both are wrapped here (tests/meson.build) to fail on demand.
 */
static bool no_memory;

void *__real_mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off);
void *__wrap_mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off);
void *__wrap_mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	if (no_memory) {
		errno = ENOMEM;
		return MAP_FAILED;
	}
	return __real_mmap64(addr, len, prot, flags, fd, off);
}

void *__real_aligned_alloc(size_t align, size_t size);
void *__wrap_aligned_alloc(size_t align, size_t size);
void *__wrap_aligned_alloc(size_t align, size_t size)
{
	if (no_memory) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_aligned_alloc(align, size);
}

/*
 * A request the index has no node for is refused as the kernel's -ENOMEM
 * would be: nothing linked, the index as it was (a split half done would
 * break it), and the same request goes in once memory is back.
 */
static void index_out_of_memory(void **state)
{
	/* more than the chunks the tests before left mapped can index */
	const unsigned int many = 200000;
	struct resource *top = res_new(0, many * 0x100ULL - 1, "root", IORESOURCE_MEM);
	struct resource **kid = calloc(many, sizeof(*kid)), *c;
	unsigned int i, n;

	(void)state;
	assert_non_null(top);
	assert_non_null(kid);
	for (i = 0; i < many; i++) {
		kid[i] = res_new(i * 0x100ULL, i * 0x100ULL + 0x7f, "r",
				 IORESOURCE_MEM | IORESOURCE_BUSY);
		assert_non_null(kid[i]);
	}
	for (i = 0; i < 1000; i++)
		assert_null(res_request_resource(top, kid[i]));
	no_memory = true;
	for (; i < many; i++)
		if (res_request_resource(top, kid[i]))
			break;
	no_memory = false;
	assert_true(i < many);
	assert_null(kid[i]->parent);
	assert_null(kid[i]->sibling);
	check_index(top);
	for (n = 0, c = top->child; c; c = c->sibling)
		n++;
	assert_int_equal(n, i);
	for (; i < many; i++)
		assert_null(res_request_resource(top, kid[i]));
	check_index(top);
	res_free(top);
	free(kid);
}

static void index_grows_and_shrinks(void **state)
{
	struct resource *top = res_new(0, MANY * 0x100ULL - 1, "root", IORESOURCE_MEM);
	uint64_t got;
	unsigned int i;

	(void)state;
	assert_non_null(top);
	for (i = MANY; i--;) {
		assert_non_null(res_request_region(top, i * 0x100ULL, 0x80, "r", 0, NULL));
		if (i % 101 == 0)
			check_index(top);
	}
	assert_true(top->tree->height >= 3);
	assert_true(res_next_fit(top, 0, 0x100, 0x10, &got) == false);
	assert_true(res_next_fit(top, 0, 0x80, 0x10, &got));
	assert_int_equal(got, 0x80);
	for (i = 0; i < MANY; i += 2) {
		assert_true(res_release_region(top, i * 0x100ULL, 0x80));
		if (i % 202 == 0)
			check_index(top);
	}
	check_index(top);
	/* 0x100 bytes free before the first child left, 0x180 after each */
	assert_true(res_next_fit(top, 0, 0x100, 0x80, &got));
	assert_int_equal(got, 0);
	assert_true(res_next_fit(top, 0, 0x180, 0x80, &got));
	assert_int_equal(got, 0x180);
	assert_true(res_next_fit(top, 0x190, 0x180, 0x80, &got));
	assert_int_equal(got, 0x380);
	for (i = MANY - 1; i < MANY; i -= 2) {
		assert_true(res_release_region(top, i * 0x100ULL, 0x80));
		if (i % 101 == 0)
			check_index(top);
	}
	assert_null(top->child);
	assert_null(top->tree);
	assert_int_equal(check_index(top), span(top));
	res_free(top);
}

static unsigned int count_leaves(const struct rix *t)
{
	unsigned int i, n = 0;

	if (!t->height)
		return 1;
	for (i = 0; i < t->n; i++)
		n += count_leaves(t->ptr[i]);
	return n;
}

/*
 * Children made in address order, as first fits make them: a full leaf
 * hands its first entries to the leaf before it instead of splitting, so
 * every leaf but the last two is full, not half empty; made in the other
 * order (index_grows_and_shrinks), nothing moves and the index still holds.
 */
static void appended_children_fill_their_leaves(void **state)
{
	struct resource *top = res_new(0, MANY * 0x100ULL - 1, "root", IORESOURCE_MEM);
	unsigned int i;

	(void)state;
	assert_non_null(top);
	for (i = 0; i < MANY; i++) {
		assert_non_null(res_request_region(top, i * 0x100ULL, 0x80, "r", 0, NULL));
		if (i % 101 == 0)
			check_index(top);
	}
	check_index(top);
	assert_true(count_leaves(top->tree) <= MANY / RIX_FAN + 2);
	/* and in the middle of full leaves: the index holds */
	for (i = 0; i < MANY; i += 3)
		assert_non_null(res_request_region(top, i * 0x100ULL + 0x80, 0x40, "m", 0, NULL));
	check_index(top);
	res_free(top);
}

static void leaves_in_order(const struct rix *t, const struct rix **out, unsigned int *n)
{
	unsigned int i;

	if (!t->height) {
		out[(*n)++] = t;
		return;
	}
	for (i = 0; i < t->n; i++)
		leaves_in_order(t->ptr[i], out, n);
}

/*
 * Once no index holds a node, the pool is empty and cuts the next tree's
 * nodes from its chunks in address order, as it cut the tree before: the
 * same tree made again lies at the same addresses. Were the reserve's few
 * nodes still held, the pool stayed open and the second tree came off the
 * freed list, in the order the first was freed.
 */
static void index_nodes_reused_in_order(void **state)
{
	enum { KIDS = 3000, LEAVES = KIDS / RIX_MIN + 1 };
	const struct rix **first = calloc(LEAVES, sizeof(*first));
	const struct rix **again = calloc(LEAVES, sizeof(*again));
	unsigned int round, i, n[2];

	(void)state;
	assert_non_null(first);
	assert_non_null(again);
	for (round = 0; round < 2; round++) {
		struct resource *top = res_new(0, KIDS * 0x100ULL - 1, "root", IORESOURCE_MEM);

		assert_non_null(top);
		for (i = 0; i < KIDS; i++)
			assert_non_null(res_request_region(top, i * 0x100ULL, 0x80, "r", 0, NULL));
		n[round] = 0;
		leaves_in_order(top->tree, round ? again : first, &n[round]);
		res_free(top);
	}
	assert_int_equal(n[0], n[1]);
#if !HV_ASAN
	/* ASan's build asks malloc for each node: no pool, no order to keep */
	for (i = 0; i < n[0]; i++)
		assert_ptr_equal(first[i], again[i]);
#endif
	free(first);
	free(again);
}

static void free_deep_tree_iteratively(void **state)
{
	struct resource *r = root;
	int i;

	(void)state;
	/* a chain far deeper than any stack would allow recursion over */
	for (i = 0; i < 200000; i++) {
		struct resource *c = res_new(r->start, r->end, NULL, IORESOURCE_MEM);

		assert_non_null(c);
		c->parent = r;
		r->child = c;
		r = c;
	}
	assert_int_equal(res_depth(root, r), 199999);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(request_into_empty_root, setup, teardown),
		cmocka_unit_test_setup_teardown(children_stay_sorted, setup, teardown),
		cmocka_unit_test_setup_teardown(nests_into_non_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(partial_overlap_conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(busy_conflicts_even_when_containing, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_or_wrapping_requests_fail, setup, teardown),
		cmocka_unit_test(request_resource_outside_root),
		cmocka_unit_test_setup_teardown(release_exact_busy_only, setup, teardown),
		cmocka_unit_test_setup_teardown(release_takes_children_along, setup, teardown),
		cmocka_unit_test(next_fit_matches_trying_each),
		cmocka_unit_test(index_matches_the_list_walk),
		cmocka_unit_test(index_grows_and_shrinks),
		cmocka_unit_test(appended_children_fill_their_leaves),
		cmocka_unit_test(index_nodes_reused_in_order),
		cmocka_unit_test(index_out_of_memory),
		cmocka_unit_test_setup_teardown(next_fit_at_the_top_of_the_space, setup, teardown),
		cmocka_unit_test_setup_teardown(free_deep_tree_iteratively, setup, teardown),
	};

	return cmocka_run_group_tests_name("resource", tests, NULL, NULL);
}
