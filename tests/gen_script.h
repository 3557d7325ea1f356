/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Random replay scripts for comparing the fast allocator with the reference. */
#ifndef HVKDUMP_GEN_SCRIPT_H
#define HVKDUMP_GEN_SCRIPT_H

#include <stdint.h>

#include "util/strbuf.h"

/* xorshift64*: the same scripts for the same seed on every machine. */
static inline uint64_t gen_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/* A script of about @ops commands; ends with "iomem" and "ranges". */
void gen_script(uint64_t *seed, unsigned int ops, struct strbuf *out);

/* A script of @allocs allocations, most of them live at the end. */
void gen_script_large(uint64_t *seed, unsigned int allocs, struct strbuf *out);

#endif
