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
 * The changes alone: fills f->findings and sets f->fixes and F_FIXES.
 * @iomem_says[c]: what the model's reproduction of /proc/iomem says of
 * each change in the running kernel (1 present, 0 absent, -1 nothing),
 * with @iomem_detail; NULL: nothing.
 */
void fixes_weigh(struct facts *f, const int iomem_says[KC_TRACKED],
		 const char iomem_detail[KC_TRACKED][200]);

/* The kernel's fixes as FIX_BIT()s: those the evidence shows present. */
unsigned int fixes_of(const struct facts *f, enum which_kernel k);

#endif
