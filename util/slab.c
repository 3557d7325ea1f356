// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "slab.h"

#if HAVE_VALGRIND_MEMCHECK_H
#include <valgrind/memcheck.h>
#else
#define VALGRIND_MALLOCLIKE_BLOCK(p, size, redzone, zeroed) ((void)0)
#define VALGRIND_FREELIKE_BLOCK(p, redzone) ((void)0)
#define VALGRIND_MAKE_MEM_NOACCESS(p, n) ((void)0)
#define VALGRIND_MAKE_MEM_UNDEFINED(p, n) ((void)0)
#define VALGRIND_MAKE_MEM_DEFINED(p, n) ((void)0)
#endif

#define SLAB_CHUNK_MIN	(16 << 10)
#define SLAB_CHUNK_MAX	(32 << 20)
#define HUGE_PAGE	(2 << 20)
/* a chunk's header; its blocks start at the next cache line */
#define CHUNK_HEAD	64

struct chunk {
	struct chunk *next;
	size_t size;
};

/*
 * @size bytes of fresh zeroed memory; from 2 MiB up, aligned to 2 MiB
 * (mapped 2 MiB larger, the ends cut off) and asked for huge pages.
 */
static void *map_chunk(size_t size)
{
	size_t len = size >= HUGE_PAGE ? size + HUGE_PAGE : size;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t head;

	if (p == MAP_FAILED)
		return NULL;
	if (len == size)
		return p;
	head = (HUGE_PAGE - ((uintptr_t)p & (HUGE_PAGE - 1))) & (HUGE_PAGE - 1);
	if (head)
		munmap(p, head);
	munmap(p + head + size, HUGE_PAGE - head);
	p += head;
#ifdef MADV_HUGEPAGE
	madvise(p, size, MADV_HUGEPAGE);	/* a hint: without it, small pages */
#endif
	return p;
}

/* The next chunk: one kept from before the pool was last empty, or a new one. */
static struct chunk *next_chunk(struct slab *s)
{
	size_t size = s->chunk_size ? s->chunk_size : SLAB_CHUNK_MIN;
	struct chunk *c = s->spare;

	if (c) {
		s->spare = c->next;
		return c;
	}
	if (size < CHUNK_HEAD + s->size)
		size = CHUNK_HEAD + s->size;
	c = map_chunk(size);
	if (!c)
		return NULL;
	c->size = size;
	s->chunk_size = size < SLAB_CHUNK_MAX ? size * 2 : size;
	return c;
}

static int slab_grow(struct slab *s)
{
	struct chunk *c = next_chunk(s);

	if (!c)
		return -1;
	c->next = s->chunks;
	s->chunks = c;
	s->next = (char *)c + CHUNK_HEAD;
	s->end = (char *)c + c->size;
	VALGRIND_MAKE_MEM_NOACCESS(s->next, c->size - CHUNK_HEAD);
	return 0;
}

void *slab_alloc(struct slab *s)
{
	void *p = s->free;

	if (p) {
		VALGRIND_MAKE_MEM_DEFINED(p, sizeof(void *));
		memcpy(&s->free, p, sizeof(void *));
		VALGRIND_MALLOCLIKE_BLOCK(p, s->size, 0, 1);
		memset(p, 0, s->size);
	} else {
		if ((size_t)(s->end - s->next) < s->size && slab_grow(s))
			return NULL;
		p = s->next;
		s->next += s->size;
		VALGRIND_MALLOCLIKE_BLOCK(p, s->size, 0, 1);
		memset(p, 0, s->size);	/* a chunk kept from before is not */
	}
	s->live++;
	return p;
}

/*
 * Every block is free: the chunks are kept for the blocks of the next
 * tree (a run may make one after another), already faulted in, so that
 * the second is as fast as the first.
 */
static void slab_reset(struct slab *s)
{
	struct chunk *c = s->chunks, *next;

	for (; c; c = next) {
		next = c->next;
		c->next = s->spare;
		s->spare = c;
	}
	s->chunks = NULL;
	s->free = NULL;
	s->next = s->end = NULL;
}

void slab_free(struct slab *s, void *p)
{
	if (!p)
		return;
	VALGRIND_FREELIKE_BLOCK(p, 0);
	if (!--s->live) {
		slab_reset(s);
		return;
	}
	VALGRIND_MAKE_MEM_UNDEFINED(p, sizeof(void *));
	memcpy(p, &s->free, sizeof(void *));
	VALGRIND_MAKE_MEM_NOACCESS(p, sizeof(void *));
	s->free = p;
}
