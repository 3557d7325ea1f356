/* SPDX-License-Identifier: GPL-2.0-or-later */
/* /proc/iomem read back: the reverse of r_show() (model/linux/kernel/resource.h). */
#ifndef HVKDUMP_IOMEM_H
#define HVKDUMP_IOMEM_H

#include <stddef.h>

#include "util/error.h"
#include "model/linux/kernel/resource.h"
#include "util/strbuf.h"

enum iomem_status {
	IOMEM_OK = 0,
	IOMEM_MALFORMED,	/* err says where and why */
	IOMEM_ZEROED,		/* every address is 0: read without CAP_SYS_ADMIN */
	IOMEM_NOMEM,
};

/*
 * Caps no real /proc/iomem reaches (a large VM's has a few hundred lines,
 * tens of KiB): what is read at most, and the lines parsed; each line costs
 * a resource and its name, so the tree stays within a few tens of MiB.
 */
#define IOMEM_FILE_MAX	(4u << 20)
#define IOMEM_LINES_MAX	65536

/*
 * Parses /proc/iomem text into a new tree under a fresh iomem root. The
 * listing must be what r_show() prints: two spaces of indent per level,
 * children inside their parent, siblings ascending and apart. Resources
 * get IORESOURCE_MEM only: the listing does not say which are busy.
 * More than IOMEM_LINES_MAX lines: IOMEM_MALFORMED, and the error says so.
 */
enum iomem_status iomem_parse(const char *text, size_t len,
			      struct resource **root, struct hv_err *err);

#endif
