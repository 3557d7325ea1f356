/* SPDX-License-Identifier: GPL-2.0-or-later */
/* /proc/iomem read back into a tree: the reverse of r_show() (model/linux/kernel/resource.h). */
#ifndef HVKDUMP_MODEL_IOMEM_H
#define HVKDUMP_MODEL_IOMEM_H

#include "lib/formats/iomem.h"
#include "model/linux/kernel/resource.h"
#include "util/strbuf.h"

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
