/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A pool of blocks of one size, for objects made and freed by the million
 * (the resource tree's nodes): blocks are cut from large chunks, freed ones
 * are kept on a list for the next request. It spares malloc's header and
 * rounding, and on a large pool the page faults: a chunk of 2 MiB or more
 * is mapped aligned to 2 MiB and asked for transparent huge pages, so a
 * million nodes fault a few hundred times instead of sixty thousand.
 * When every block is free again, the chunks are kept for the next
 * blocks; they stay mapped until the process ends (never more than the
 * most the pool held at once).
 *
 * Built with AddressSanitizer (SLAB_PLAIN), the caller asks malloc for
 * each object instead, so that ASan still sees an overflow of one object
 * into the next. Under valgrind, each block is announced as a heap block
 * (valgrind/memcheck.h's client requests), so memcheck still sees a read
 * of a freed block and a block never freed.
 */
#ifndef HVKDUMP_SLAB_H
#define HVKDUMP_SLAB_H

#include <stddef.h>

#include "asan.h"

#if HV_ASAN
#define SLAB_PLAIN 1
#endif

struct slab {
	size_t size;		/* of a block: a multiple of 16 */
	void *free;		/* freed blocks, each holding the next */
	char *next, *end;	/* the newest chunk's blocks never handed out */
	void *chunks;		/* every chunk in use, the newest first */
	void *spare;		/* chunks kept from before the pool was last empty */
	size_t chunk_size;	/* of the next chunk: doubles up to SLAB_CHUNK_MAX */
	size_t live;		/* blocks handed out and not freed */
};

#define SLAB_INIT(block_size) { .size = ((block_size) + 15) & ~(size_t)15 }

/* A zeroed block of s->size bytes, or NULL when out of memory. */
void *slab_alloc(struct slab *s);
/* Gives back a block from slab_alloc(@s); NULL is ignored. */
void slab_free(struct slab *s, void *p);

#endif
