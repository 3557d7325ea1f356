/* SPDX-License-Identifier: GPL-2.0-or-later */
/* /proc/iomem: kernel/resource.c r_show() and its reverse. */
#ifndef HVKDUMP_IOMEM_H
#define HVKDUMP_IOMEM_H

#include <stddef.h>

#include "lib/util/error.h"
#include "model/linux/kernel/resource.h"
#include "lib/util/strbuf.h"

/* kernel/resource.c: MAX_IORES_LEVEL, the deepest indent r_show() prints */
#define MAX_IORES_LEVEL 5

enum iomem_status {
	IOMEM_OK = 0,
	IOMEM_MALFORMED,	/* err says where and why */
	IOMEM_ZEROED,		/* every address is 0: read without CAP_SYS_ADMIN */
	IOMEM_NOMEM,
};

/* The root of the global tree, as iomem_resource: [0, 2^64-1]. */
struct resource *iomem_root_new(void);

/* Appends the tree under @root as r_show() prints it. */
void iomem_show(const struct resource *root, struct strbuf *out);

/* The same for a tree that is not iomem_resource, its root line first. */
void iomem_show_with_root(const struct resource *root, struct strbuf *out);

/*
 * Parses /proc/iomem text into a new tree under a fresh iomem root. The
 * listing must be what r_show() prints: two spaces of indent per level,
 * children inside their parent, siblings ascending and apart. Resources
 * get IORESOURCE_MEM only: the listing does not say which are busy.
 */
enum iomem_status iomem_parse(const char *text, size_t len,
			      struct resource **root, struct hv_err *err);

#endif
