/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which merged fixes each kernel carries, from every piece of evidence the
 * facts hold, weighed: the kernel's own log, then what its /proc/iomem
 * shows against the model run with and without the fix, then the
 * distribution's changelog, then the release table.
 */
#ifndef HVKDUMP_FIXES_H
#define HVKDUMP_FIXES_H

#include "facts.h"
#include "model/linux/releases.h"

struct tracked_fix_info {
	enum kernel_fix fix;
	enum kernel_change change;
	const char *where;	/* the releases that carry it, for a remedy */
};
extern const struct tracked_fix_info tracked_fixes[TF_COUNT];

/*
 * Fills f->findings for both kernels and sets f->fixes (the running
 * kernel's) and the F_FIXES fact from them. @iomem_says[TF]: what the
 * model's reproduction of /proc/iomem says of each fix in the running
 * kernel (1 present, 0 absent, -1 nothing), with @iomem_detail.
 */
void fixes_weigh(struct facts *f, const int iomem_says[TF_COUNT],
		 const char iomem_detail[TF_COUNT][200]);

/* The kdump kernel's fixes as FIX_BIT()s: those the evidence shows present. */
unsigned int fixes_of(const struct facts *f, enum which_kernel k);

#endif
