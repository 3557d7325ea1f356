/* SPDX-License-Identifier: GPL-2.0-or-later */
/* /proc/iomem read back: the reverse of r_show() (model/linux/kernel/resource.h). */
#ifndef HVKDUMP_IOMEM_H
#define HVKDUMP_IOMEM_H

#include <stddef.h>

#include "lib/util/error.h"
#include "model/linux/kernel/resource.h"
#include "lib/util/strbuf.h"

enum iomem_status {
	IOMEM_OK = 0,
	IOMEM_MALFORMED,	/* err says where and why */
	IOMEM_ZEROED,		/* every address is 0: read without CAP_SYS_ADMIN */
	IOMEM_NOMEM,
};

/*
 * Parses /proc/iomem text into a new tree under a fresh iomem root. The
 * listing must be what r_show() prints: two spaces of indent per level,
 * children inside their parent, siblings ascending and apart. Resources
 * get IORESOURCE_MEM only: the listing does not say which are busy.
 */
enum iomem_status iomem_parse(const char *text, size_t len,
			      struct resource **root, struct hv_err *err);

#endif
