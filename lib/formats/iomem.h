/* SPDX-License-Identifier: GPL-2.0-or-later */
/* /proc/iomem read line by line, as r_show() prints it (model/linux/kernel/resource.c). */
#ifndef HVKDUMP_IOMEM_H
#define HVKDUMP_IOMEM_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

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

/* kernel/resource.c MAX_IORES_LEVEL: r_show() indents no deeper */
#define IOMEM_DEPTH_MAX	5

struct iomem_line {
	unsigned long lineno;
	unsigned int depth;	/* as printed: capped at IOMEM_DEPTH_MAX */
	uint64_t start, end;
	const char *name;	/* in the text read, not NUL-terminated */
	size_t name_len;
};
struct iomem_listing {
	struct iomem_line *line;
	size_t n;
};

/*
 * The lines of /proc/iomem text, each "START-END : NAME" under two spaces
 * of indent per level. IOMEM_MALFORMED with @err naming the line (also
 * past IOMEM_LINES_MAX lines), IOMEM_ZEROED when every address is 0.
 * Whether the lines nest as r_show() prints them is model/iomem.c's.
 */
enum iomem_status iomem_lines(const char *text, size_t len, struct iomem_listing *out,
			      struct hv_err *err);
void iomem_listing_free(struct iomem_listing *l);

#endif
