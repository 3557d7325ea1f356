/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the probe's evidence says of the VM and its kernels, weighed in one
 * place: the VM's low MMIO range, and which tracked changes (the first
 * KC_TRACKED of the registry, model/linux/releases.h) each kernel carries:
 * the kernel's own log, then what its /proc/iomem shows against the model
 * run with and without the change, then the distribution's changelog, then
 * the release table.
 */
#ifndef HVKDUMP_FIXES_H
#define HVKDUMP_FIXES_H

#include "facts.h"
#include "model/linux/releases.h"

/*
 * Weighs it all, once per check (check_run()): F_LOW_MMIO, f->findings for
 * both kernels, f->fixes (the running kernel's) and F_FIXES.
 */
void facts_weigh(struct facts *f);

/*
 * What the model, run without and with each change, says the running
 * kernel's own sources can tell apart (facts_weigh() fills it).
 */
struct fix_model {
	/* /proc/iomem: 1 present, 0 absent, -1 nothing (the runs agree, or match neither) */
	int iomem_says[KC_TRACKED];
	char iomem_detail[KC_TRACKED][200];	/* the ranges that differ, both ways */
	/* the kernel with it logs its line here and the kernel without does not */
	bool log_discriminates[KC_TRACKED];
};

/*
 * The changes alone: fills f->findings and sets f->fixes and F_FIXES.
 * @m: what the model tells apart; NULL: nothing yet (then only the sources
 * that need no model: a logged line, the changelog, the release table).
 */
void fixes_weigh(struct facts *f, const struct fix_model *m);

/* The kernel's fixes as FIX_BIT()s: those the evidence shows present. */
unsigned int fixes_of(const struct facts *f, enum which_kernel k);

#endif
