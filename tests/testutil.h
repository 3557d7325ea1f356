/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small helpers shared by the cmocka tests. */
#ifndef HVKDUMP_TESTUTIL_H
#define HVKDUMP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/iomem.h"
#include "util/strbuf.h"

/* The tree under @root as /proc/iomem shows it; free() the result. */
static inline char *tree_text(const struct resource *root)
{
	struct strbuf sb = STRBUF_INIT;

	iomem_show(root, &sb);
	assert_false(sb.oom);
	return sb.buf ? sb.buf : strdup("");
}

#define assert_tree(root, text)                                 \
	do {                                                    \
		char *t_ = tree_text(root);                     \
		assert_string_equal(t_, text);                  \
		free(t_);                                       \
	} while (0)

#endif
